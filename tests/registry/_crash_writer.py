"""The child process of the SQLite crash test: writes batches until it is killed.

Run as ``python _crash_writer.py DATABASE BATCH_SIZE``. It opens the store, then calls
``add_many`` with batches of ``BATCH_SIZE`` transactions (each with several keys and a
paid invoice, so every table is written) in an endless loop, printing the number of
transactions stored after each commit. The parent kills it with SIGKILL part-way through
a batch and checks that the database holds whole batches only.
"""

from __future__ import annotations

import datetime as dt
import sys

from municipal_core.billing import InvoiceStatus
from municipal_core.money import Money
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._sqlite import SQLiteTransactionStore
from municipal_core.registry._transaction import InvoiceLink, Status, TimelineEntry, Transaction

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
PAID = Status("PAID", "Paid", "مدفوع", False)


def transaction(number: int) -> Transaction:
    """Return the ``number``-th transaction the writer stores (the same in every run)."""
    reference = f"TL-{number:08d}"
    invoice = f"INV-{number:08d}"
    payer = Key(KeyKind.CR, f"{1_000_000 + number % 97}")
    at = T0 + dt.timedelta(seconds=number)
    link = InvoiceLink(
        invoice, payer, Money("12.500", "OMR"), InvoiceStatus.PAID, at.date(), at.date()
    )
    keys = (
        Key(KeyKind.TRANSACTION, reference),
        Key(KeyKind.INVOICE, invoice),
        Key(KeyKind.LICENCE, f"L-{number}"),
        Key(KeyKind.PHONE, f"+9689{number % 10_000_000:07d}"),
        payer,
    )
    return Transaction(
        reference, "licence", "om-sohar", "om.licence.commercial", "Sohar Trading / صحار",
        keys, PAID, None, at, at, (TimelineEntry(at, PAID, None),), (link,),
    )  # fmt: skip


def main(argv: list[str]) -> int:
    """Write batches forever; print the running total after each commit."""
    path, size = argv[1], int(argv[2])
    store = SQLiteTransactionStore(path)
    done = store.count()
    while True:
        done += store.add_many(transaction(n) for n in range(done, done + size))
        print(done, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
