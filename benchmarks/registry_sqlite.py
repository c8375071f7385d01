"""The SQLite transaction store at scale: bulk insert and look-up by every key kind.

Targets (issue 7): with 1 000 000 transactions, look-up by any key under 1 ms median, and
bulk insert at least 50 000 transactions per second.

The alternative a user would reach for is one SQLite table keyed by reference holding
each transaction's JSON (the same serialization), written row by row with a commit per
row, and searched with ``LIKE`` on the JSON text, since it has no key index. Both hold the
same generated transactions in the same run; every timed look-up's answer (the first page,
newest first) is checked to be the same in both before any figure is printed. The naive
row-by-row insert is timed on a sample (``--naive-inserts``) because a commit per row
costs an fsync; the rest of its table is then filled in one transaction, untimed, and
that bulk rate is printed too, as a floor no indexed store can beat.

The transactions are built before the clock starts (generation is not the store's cost);
``add_many`` is timed including encoding to JSON.

Run: python benchmarks/registry_sqlite.py [--count N] [--batch B] [--lookups L]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from municipal_core.billing import InvoiceStatus
from municipal_core.money import Money
from municipal_core.registry._codec import decode
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._sqlite import SQLiteTransactionStore
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)
from municipal_core.serialization import converter

CONVERTER = converter()
INSERT_TARGET = 50_000
LOOKUP_TARGET_MS = 1.0
T0 = dt.datetime(2023, 1, 1, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=4)))
SUBMITTED = Status("SUBMITTED", "Submitted", "مقدم", True)
PENDING = Status("PENDING_PAYMENT", "Pending payment", "بانتظار الدفع", True)
DONE = Status("APPROVED", "Approved", "معتمد", False)
KINDS = (
    (TransactionKind.LICENCE, KeyKind.LICENCE),
    (TransactionKind.PERMIT, KeyKind.LICENCE),
    (TransactionKind.LEASE_REGISTRATION, KeyKind.CONTRACT),
    (TransactionKind.LEASE_RENEWAL, KeyKind.CONTRACT),
    (TransactionKind.VIOLATION, KeyKind.VIOLATION),
    (TransactionKind.COMPLAINT, None),
)
LOOKUP_KINDS = tuple(KeyKind)


def transaction(i: int, count: int) -> Transaction:
    """The i-th generated transaction: deterministic, so a sample can be rebuilt by index.

    Pools are sized so a CR has about 5 transactions, a phone about 4, a civil number 3
    and an address number 11 (leases only); reference numbers (licence, contract,
    violation, invoice) belong to one transaction each.
    """
    rng = random.Random(i)
    kind, number_kind = KINDS[i % len(KINDS)]
    reference = f"TX-{i:08d}"
    at = T0 + dt.timedelta(seconds=30 * i + rng.randrange(30))
    cr = Key(KeyKind.CR, f"{1_000_000 + rng.randrange(max(count // 5, 1))}")
    keys = [
        Key(KeyKind.TRANSACTION, reference),
        cr,
        Key(KeyKind.PHONE, f"+9689{rng.randrange(max(count // 4, 1)):07d}"),
        Key(KeyKind.CIVIL_ID, f"{10_000_000 + rng.randrange(max(count // 3, 1))}"),
    ]
    if number_kind is not None:
        keys.append(Key(number_kind, f"{number_kind.value[0].upper()}-{i}"))
    if kind in (TransactionKind.LEASE_REGISTRATION, TransactionKind.LEASE_RENEWAL):
        keys.append(Key(KeyKind.ADDRESS, f"{rng.randrange(max(count // 30, 1))}"))
    status = (SUBMITTED, PENDING, DONE)[rng.randrange(3)]
    timeline = [TimelineEntry(at, SUBMITTED, None)]
    if status is not SUBMITTED:
        timeline.append(TimelineEntry(at + dt.timedelta(hours=2), status, "REVIEW"))
    links: tuple[InvoiceLink, ...] = ()
    if status is not SUBMITTED:
        paid = status is DONE
        invoice = f"INV-{i:08d}"
        keys.append(Key(KeyKind.INVOICE, invoice))
        day = (at + dt.timedelta(days=1)).date()
        links = (
            InvoiceLink(
                invoice, cr, Money("25.500", "OMR"),
                InvoiceStatus.PAID if paid else InvoiceStatus.OPEN, day, day if paid else None,
            ),
        )  # fmt: skip
    return Transaction(
        reference, kind, "om-sohar", None, "Sohar Trading LLC / صحار للتجارة", tuple(keys),
        status, None, at, timeline[-1].at, tuple(timeline), links,
    )  # fmt: skip


NAIVE_DDL = "CREATE TABLE txn (reference TEXT PRIMARY KEY, created_at TEXT, body TEXT)"


def naive_row(txn: Transaction) -> tuple[str, str, str]:
    # to_json's text exactly, from the converter built once (to_json asks for it per call)
    body = json.dumps(CONVERTER.unstructure(txn), ensure_ascii=False)
    return (txn.reference, txn.created_at.isoformat(), body)


def naive_find(conn: sqlite3.Connection, key: Key, limit: int = 20) -> list[str]:
    """The alternative's look-up: LIKE on the JSON text, then check and sort in Python."""
    fragment = f'%{{"kind": "{key.kind.value}", "value": "{key.value}"}}%'
    rows = conn.execute("SELECT body FROM txn WHERE body LIKE ?", (fragment,)).fetchall()
    found = [decode(body) for (body,) in rows]
    found = [txn for txn in found if key in txn.keys]
    found.sort(key=lambda txn: (txn.created_at, txn.reference), reverse=True)
    return [txn.reference for txn in found[:limit]]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=1_000, help="timed look-ups per kind")
    parser.add_argument("--naive-lookups", type=int, default=3, help="per kind (full scans)")
    parser.add_argument("--naive-inserts", type=int, default=300)
    parser.add_argument("--dir", default=None, help="where the databases go (default: tmp)")
    args = parser.parse_args()
    count = args.count
    workdir = Path(args.dir or tempfile.mkdtemp(prefix="registry-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ours_path, naive_path = workdir / "ours.db", workdir / "naive.db"
    for path in (ours_path, naive_path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    store = SQLiteTransactionStore(ours_path)
    naive = sqlite3.connect(naive_path)
    naive.execute(NAIVE_DDL)
    naive.commit()

    # --- inserts ---
    ours_seconds = naive_row_seconds = naive_bulk_seconds = 0.0
    naive_rows = 0
    build_start = time.perf_counter()
    build_seconds = 0.0
    for start in range(0, count, args.batch):
        t = time.perf_counter()
        batch = [transaction(i, count) for i in range(start, min(start + args.batch, count))]
        build_seconds += time.perf_counter() - t
        seconds, _ = timed(lambda batch=batch: store.add_many(batch))
        ours_seconds += seconds
        sample = batch[: max(args.naive_inserts - naive_rows, 0)]
        if sample:
            t = time.perf_counter()
            for txn in sample:  # the alternative: one INSERT and one commit per record
                naive.execute("INSERT INTO txn VALUES (?, ?, ?)", naive_row(txn))
                naive.commit()
            naive_row_seconds += time.perf_counter() - t
            naive_rows += len(sample)
        t = time.perf_counter()
        naive.executemany("INSERT INTO txn VALUES (?, ?, ?)", map(naive_row, batch[len(sample) :]))
        naive.commit()
        naive_bulk_seconds += time.perf_counter() - t
        print(f"\r  built and stored {min(start + args.batch, count):,}", end="", flush=True)
    print(f"  ({time.perf_counter() - build_start:.0f} s, of which building {build_seconds:.0f} s)")
    assert store.count() == count
    ours_rate = count / ours_seconds
    naive_row_rate = naive_rows / naive_row_seconds if naive_rows else float("nan")
    naive_bulk_rate = (count - naive_rows) / naive_bulk_seconds

    # --- look-ups ---
    rng = random.Random(2026)
    print(f"\nSQLite transaction store, {count:,} transactions")
    sizes = {p.name: os.path.getsize(p) for p in (ours_path, naive_path)}
    mb = {name: f"{size / 1e6:,.0f} MB" for name, size in sizes.items()}
    print(f"  database: ours {mb['ours.db']}, naive {mb['naive.db']}")
    print("\nbulk insert (transactions/s)")
    print(f"  ours, add_many of {args.batch:,}     {ours_rate:>10,.0f}   target {INSERT_TARGET:,}")
    print(
        f"  naive, a commit per row     {naive_row_rate:>10,.0f}   ours is "
        f"{ours_rate / naive_row_rate:,.1f}x faster"
    )
    print(
        f"  naive, one bulk transaction {naive_bulk_rate:>10,.0f}   (no key index: "
        f"ours runs at {ours_rate / naive_bulk_rate:.2f}x of it)"
    )
    print("\nlook-up, first page of 20 (ms)")
    print(f"  {'key kind':<12}{'median':>8}{'p95':>8}{'hits':>6}{'naive median':>14}{'ratio':>9}")
    worst = 0.0
    failures = 0
    for kind in LOOKUP_KINDS:
        keys: list[Key] = []
        while len(keys) < args.lookups:
            candidates = transaction(rng.randrange(count), count).keys_of(kind)
            if candidates:
                keys.append(candidates[0])
        times, hits = [], []
        for key in keys:
            seconds, page = timed(lambda key=key: store.find(key))
            times.append(seconds * 1000)
            hits.append(len(page.items))  # type: ignore[attr-defined]
        naive_times = []
        for key in keys[: args.naive_lookups]:
            seconds, expected = timed(lambda key=key: naive_find(naive, key))
            naive_times.append(seconds * 1000)
            if [t.reference for t in store.find(key).items] != expected:
                failures += 1
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        naive_median = statistics.median(naive_times) if naive_times else float("nan")
        worst = max(worst, median)
        print(
            f"  {kind.value:<12}{median:>8.3f}{p95:>8.3f}{statistics.mean(hits):>6.1f}"
            f"{naive_median:>14.1f}{naive_median / median:>8,.0f}x"
        )
    payers = [
        transaction(rng.randrange(count), count).keys_of(KeyKind.CR)[0] for _ in range(args.lookups)
    ]
    times = [timed(lambda p=p: store.paid_invoices(p))[0] * 1000 for p in payers]
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {'paid inv.':<12}{statistics.median(times):>8.3f}{p95:>8.3f}")
    store.close()
    naive.close()
    if failures:
        print(f"\nFAIL: {failures} look-ups gave different answers")
        return 1
    print(
        f"\nanswers identical; slowest median {worst:.3f} ms (target < {LOOKUP_TARGET_MS} ms); "
        f"insert {ours_rate:,.0f}/s (target {INSERT_TARGET:,}/s)"
    )
    print(f"databases left in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
