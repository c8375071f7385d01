"""The transactions registry: find any transaction and its status by any number.

* **Records** -- a :class:`Transaction` has a reference, a :class:`TransactionKind`, the
  :class:`Key` values it can be found by, a bilingual public :class:`Status` taken from
  its workflow case, a :class:`TimelineEntry` per step and :class:`InvoiceLink` values.
  :func:`open_transaction`, :func:`record_transition` (or :func:`record_status` for
  a transaction with no workflow, such as a violation), :func:`link_invoice` and
  :func:`add_keys` return new records.
* **Keys** -- :func:`normalise_key` turns a number as a person typed it (Arabic-Indic
  digits, ``+966 50 ...``, a ``CR`` prefix) into the one form stores compare.
* **Stores** -- the :class:`TransactionStore` port with three implementations:
  :class:`InMemoryTransactionStore`, :class:`SQLiteTransactionStore` (the embedded
  default, schema migrated by the library) and :class:`PostgresTransactionStore` (extra
  ``postgres``; psycopg loads only when one is built). Every write is all or nothing, and
  :meth:`~TransactionStore.update` refuses a stale copy with
  :class:`~municipal_core.errors.ConflictError`.
* **Look-up** -- :func:`lookup`, :func:`paid_invoices`, :func:`open_violations` and
  :func:`record` are what a portal calls with what a person typed.

Examples:
    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
    >>> store = InMemoryTransactionStore()
    >>> _ = store.add(open_transaction(
    ...     "LSE-2026-000001", "lease_registration", jurisdiction="sa-balady",
    ...     applicant_name="Nasser", keys=[("phone", "0501234567")], at=at))
    >>> page = lookup(store, "phone", "+966 50 123 4567", jurisdiction="sa-balady")
    >>> [(t.reference, t.status.label("ar")) for t in page.items]
    [('LSE-2026-000001', 'مقدم')]
    >>> lookup(store, "phone", "٠٥٠١٢٣٤٥٦٧", jurisdiction="sa-balady") == page
    True
"""

from municipal_core.registry._keys import Key, KeyKind, normalise_key
from municipal_core.registry._lookup import lookup, open_violations, paid_invoices, record
from municipal_core.registry._memory import InMemoryTransactionStore
from municipal_core.registry._ports import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    InvoicePage,
    Page,
    TransactionStore,
)
from municipal_core.registry._postgres import PostgresTransactionStore
from municipal_core.registry._record import (
    KeyInput,
    add_keys,
    link_invoice,
    open_transaction,
    record_status,
    record_transition,
)
from municipal_core.registry._sqlite import SQLiteTransactionStore
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "InMemoryTransactionStore",
    "InvoiceLink",
    "InvoicePage",
    "Key",
    "KeyInput",
    "KeyKind",
    "Page",
    "PostgresTransactionStore",
    "SQLiteTransactionStore",
    "Status",
    "TimelineEntry",
    "Transaction",
    "TransactionKind",
    "TransactionStore",
    "add_keys",
    "link_invoice",
    "lookup",
    "normalise_key",
    "open_transaction",
    "open_violations",
    "paid_invoices",
    "record",
    "record_status",
    "record_transition",
]
