"""SQLite-specific behaviour: schema and migrations, WAL, row encoding, crashes, locking.

The behaviour every store shares is in test_store_contract.py; this file tests what only
the SQLite store (and the codec and schema it shares with PostgreSQL) promises.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.billing import InvoiceStatus
from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    NotFound,
)
from municipal_core.money import Money
from municipal_core.registry._codec import (
    INVOICE_COLUMNS,
    KEY_COLUMNS,
    TRANSACTION_COLUMNS,
    decode,
    decode_invoice,
    encode,
)
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._ports import utc_text
from municipal_core.registry._sql_schema import (
    MIGRATIONS,
    Dialect,
    Migration,
    latest_version,
    pending,
)
from municipal_core.registry._sqlite import SQLiteTransactionStore
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)
from municipal_core.serialization import from_json, to_json

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CR = Key(KeyKind.CR, "1234567")
OPEN = Status("SUBMITTED", "Submitted", "مقدم", True)
WRITER = Path(__file__).with_name("_crash_writer.py")


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stored_rows_match_bodies(path: Path) -> int:
    """Check every body loads and the key and invoice rows are exactly the body's."""
    bodies = raw(path, "SELECT body FROM transactions")
    expected_keys: set[tuple[object, ...]] = set()
    expected_links: set[tuple[object, ...]] = set()
    for (body,) in bodies:
        rows = encode(decode(str(body)), Dialect.SQLITE)
        assert rows.transaction[6] == body
        expected_keys.update(rows.keys)
        expected_links.update(rows.invoices)
    keys = raw(path, f"SELECT {', '.join(KEY_COLUMNS)} FROM transaction_keys")
    links = raw(path, f"SELECT {', '.join(INVOICE_COLUMNS)} FROM invoice_links")
    # is_open is stored as 0/1; the codec gives a bool, which compares equal.
    assert sorted(keys) == sorted(expected_keys)
    assert sorted(links) == sorted(expected_links)
    assert raw(path, "PRAGMA integrity_check") == [("ok",)]
    return len(bodies)


# --- schema and migrations ------------------------------------------------------------------


def test_every_dialect_has_gapless_migrations_from_one() -> None:
    for dialect, steps in MIGRATIONS.items():
        assert [m.version for m in steps] == list(range(1, len(steps) + 1))
        assert latest_version(dialect) == len(steps)
        assert all(m.statements for m in steps)


def test_both_dialects_create_the_same_tables_and_columns() -> None:
    def created(dialect: Dialect) -> str:
        return " ".join(s for m in MIGRATIONS[dialect] for s in m.statements).lower()

    for text in (created(Dialect.SQLITE), created(Dialect.POSTGRES)):
        for table in ("transactions", "transaction_keys", "invoice_links"):
            assert f"create table {table}" in text
        for column in {*TRANSACTION_COLUMNS, *KEY_COLUMNS, *INVOICE_COLUMNS}:
            assert column in text


@pytest.mark.parametrize(("dialect", "current"), [("oracle", 0), ("sqlite", -1), ("sqlite", "1")])
def test_pending_refuses_bad_arguments(dialect: str, current: object) -> None:
    with pytest.raises(InvalidComponent) as err:
        pending(dialect, current)  # type: ignore[arg-type]
    assert err.value.code in {"registry.schema.dialect", "registry.schema.version"}


def test_a_new_database_is_created_at_the_latest_version_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path) as store:
        assert store.schema_version == latest_version("sqlite")
        assert "schema 1" in repr(store)
    assert raw(path, "PRAGMA user_version") == [(latest_version("sqlite"),)]
    assert raw(path, "PRAGMA journal_mode") == [("wal",)]
    tables = {row[0] for row in raw(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"transactions", "transaction_keys", "invoice_links"}


def test_reopening_keeps_the_data_and_migrates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path) as store:
        store.add(make(1))
    with SQLiteTransactionStore(path) as again:
        assert again.get("TL-1") == make(1)
        assert again.count() == 1


def test_a_failing_migration_step_rolls_back_whole(tmp_path: Path) -> None:
    # A version-0 file (created by hand) gets every migration; a failing statement
    # (a clashing table) rolls the whole step back and leaves the version at 0.
    path = tmp_path / "clash.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoice_links (x)")
    conn.commit()
    conn.close()
    with pytest.raises(MunicipalError) as err:
        SQLiteTransactionStore(path)
    assert err.value.code == "registry.sqlite.error"
    assert raw(path, "PRAGMA user_version") == [(0,)]
    names = {row[0] for row in raw(path, "SELECT name FROM sqlite_master")}
    assert "transactions" not in names


def test_a_later_library_migrates_an_existing_database_step_by_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path) as store:
        store.add(make(1))
    step = Migration(2, "an index", ("CREATE INDEX by_kind ON transactions (kind)",))
    monkeypatch.setitem(MIGRATIONS, Dialect.SQLITE, (*MIGRATIONS[Dialect.SQLITE], step))
    with SQLiteTransactionStore(path) as store:
        assert store.schema_version == 2
        assert store.get("TL-1") == make(1)
    assert raw(path, "PRAGMA user_version") == [(2,)]
    assert raw(path, "SELECT name FROM sqlite_master WHERE name = 'by_kind'") == [("by_kind",)]
    monkeypatch.undo()  # this library again: the database is now newer than it knows
    with pytest.raises(DomainRuleError) as err:
        SQLiteTransactionStore(path)
    assert err.value.code == "registry.schema.newer"


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DomainRuleError) as err:
        SQLiteTransactionStore(path)
    assert err.value.code == "registry.schema.newer"
    assert "99" in str(err.value)
    assert path.read_bytes() == before  # not even the journal mode changed


def test_a_file_that_is_not_a_database_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the pages you are looking for" * 100)
    with pytest.raises(InvalidFormat) as err:
        SQLiteTransactionStore(path)
    assert err.value.code == "registry.sqlite.unreadable"


@pytest.mark.parametrize(
    ("args", "code"),
    [((42,), "registry.sqlite.path"), ((":memory:",), "registry.sqlite.timeout")],
)
def test_bad_constructor_arguments_are_typed_errors(args: tuple[object], code: str) -> None:
    with pytest.raises(MunicipalError) as err:
        SQLiteTransactionStore(*args, timeout=-1 if code.endswith("timeout") else 1)  # type: ignore[arg-type]
    assert err.value.code == code


def test_a_closed_store_refuses_work() -> None:
    store = SQLiteTransactionStore(":memory:")
    store.close()
    assert "closed" in repr(store)
    with pytest.raises(DomainRuleError) as err:
        store.add(make(1))
    assert err.value.code == "registry.sqlite.closed"


# --- the codec ------------------------------------------------------------------------------

OFFSETS = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
MOMENTS = st.builds(
    lambda seconds, micros, tz: (
        T0 + dt.timedelta(seconds=seconds, microseconds=micros)
    ).astimezone(tz),
    st.integers(-(10**9), 10**9),
    st.integers(0, 999_999),
    OFFSETS,
)
REFERENCES = st.from_regex(r"[A-Z0-9]{1,6}(-[A-Z0-9/]{1,6})?", fullmatch=True)


@st.composite
def transactions(draw: st.DrawFn) -> Transaction:
    reference = draw(REFERENCES)
    created = draw(MOMENTS)
    status = draw(st.sampled_from([OPEN, Status("CLOSED", "Closed", "مغلق", False)]))
    links = tuple(
        InvoiceLink(
            f"INV-{n}",
            draw(st.sampled_from([CR, Key("civil_id", "12345678")])),
            Money(draw(st.sampled_from(["0.001", "12.500", "1000"])), "OMR"),
            InvoiceStatus.PAID if paid else InvoiceStatus.OPEN,
            created.date(),
            created.date() if paid else None,
        )
        for n, paid in enumerate(draw(st.lists(st.booleans(), max_size=3)))
    )
    keys = draw(
        st.lists(
            st.builds(Key, st.sampled_from(["cr", "licence", "phone"]), REFERENCES),
            max_size=4,
        )
    )
    return Transaction(
        reference,
        draw(st.sampled_from(TransactionKind)),
        "om-sohar",
        draw(st.none() | st.just("om.licence.new")),
        draw(st.sampled_from(["Sara", "سارة الحارثية", 'Ali "the" \\ trader'])),
        (Key("transaction", reference), *keys, *(Key("invoice", link.reference) for link in links)),
        status,
        None,
        created,
        created,
        (TimelineEntry(created, status, None),),
        links,
        draw(st.integers(1, 10**6)),
    )


@settings(max_examples=60, deadline=None)
@given(transactions())
def test_a_row_decodes_to_the_transaction_it_encodes(txn: Transaction) -> None:
    rows = encode(txn, Dialect.SQLITE)
    assert rows.transaction[6] == to_json(txn)  # the converter's text, exactly
    assert decode(rows.transaction[6]) == txn
    assert from_json(rows.transaction[6], Transaction) == txn
    assert from_json(to_json(txn), Transaction) == txn
    assert [row[:2] for row in rows.keys] == [(k.kind.value, k.value) for k in txn.keys]
    assert [decode_invoice(row[6]) for row in rows.invoices] == list(txn.invoices)
    assert rows.transaction[:6] == (
        txn.reference, txn.kind.value, txn.jurisdiction, txn.is_open,
        utc_text(txn.created_at), txn.version,
    )  # fmt: skip
    pg = encode(txn, Dialect.POSTGRES)
    assert pg.transaction[4] == txn.created_at
    assert pg.transaction[4].utcoffset() == dt.timedelta(0)
    assert [row[3] for row in pg.invoices] == [link.paid_on for link in txn.invoices]


@settings(max_examples=200)
@given(MOMENTS, MOMENTS)
def test_utc_text_sorts_as_time_does(a: dt.datetime, b: dt.datetime) -> None:
    # SQLite orders and pages on created_at text: this is what makes that correct.
    assert (utc_text(a) < utc_text(b)) == (a < b)
    assert (utc_text(a) == utc_text(b)) == (a == b)


# --- writes: atomicity, crashes, concurrency ------------------------------------------------


def make(number: int, *, at: dt.datetime = T0, keys: tuple[Key, ...] = (CR,)) -> Transaction:
    reference = f"TL-{number}"
    return Transaction(
        reference, TransactionKind.LICENCE, "om-sohar", None, "Sara",
        (Key("transaction", reference), *keys), OPEN, None, at, at,
        (TimelineEntry(at, OPEN, None),),
    )  # fmt: skip


def test_a_batch_larger_than_a_chunk_fails_whole_on_a_late_duplicate(tmp_path: Path) -> None:
    # add_many writes in chunks of 2 000 inside one transaction: a duplicate in the third
    # chunk must take the first two chunks with it.
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path) as store:
        store.add(make(4_500))
        with pytest.raises(DuplicateError):
            store.add_many(make(n) for n in range(5_000))
        with pytest.raises(InvalidFormat):
            store.add_many([*(make(n) for n in range(5_000, 7_500)), "TL-x"])  # type: ignore[list-item]
        with pytest.raises(InvalidFormat):
            store.add_many(make(1))  # type: ignore[arg-type]
        assert store.count() == 1
    assert raw(path, "SELECT count(*) FROM transaction_keys") == [(2,)]


def test_update_rewrites_exactly_the_rows_of_the_new_body(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    link = InvoiceLink("INV-1", CR, Money("5.000", "OMR"), InvoiceStatus.PAID, T0.date(), T0.date())
    with SQLiteTransactionStore(path) as store:
        first = store.add(make(1, keys=(CR, Key("phone", "+96891234567"))))
        later = T0 + dt.timedelta(days=1)
        changed = attrs.evolve(
            first,
            keys=(Key("transaction", "TL-1"), Key("licence", "L-9"), Key("invoice", "INV-1")),
            invoices=(link,),
            created_at=later,
            updated_at=later,
            timeline=(TimelineEntry(later, OPEN, None),),
        )
        assert store.update(changed).version == 2
        store.add(make(2))
    assert stored_rows_match_bodies(path) == 2
    assert raw(path, "SELECT count(*) FROM transaction_keys WHERE key_kind = 'phone'") == [(0,)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_killing_a_writer_mid_batch_leaves_only_whole_batches(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    size = 150
    rng = random.Random(7)
    reported = 0
    for _round in range(2):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(size)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(2):  # let it commit twice, then kill it somewhere in a batch
            reported = max(reported, int(child.stdout.readline()))
        time.sleep(rng.uniform(0, 0.02))
        child.kill()  # SIGKILL: no cleanup, no rollback by the child
        child.wait()
        child.stdout.close()
    count = stored_rows_match_bodies(path)
    assert count % size == 0
    assert count >= reported
    with SQLiteTransactionStore(path) as store:
        assert store.count() == count
        assert store.find(Key("transaction", f"TL-{count - 1:08d}")).items


def test_two_store_objects_on_one_file_conflict_like_two_app_servers(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path) as one, SQLiteTransactionStore(path) as two:
        one.add(make(1))
        read_by_one, read_by_two = one.get("TL-1"), two.get("TL-1")
        assert two.update(read_by_two).version == 2
        with pytest.raises(ConflictError) as err:
            one.update(read_by_one)
        assert err.value.code == "registry.conflict"
        assert one.get("TL-1").version == 2


def test_a_writer_waiting_past_its_timeout_gets_a_busy_conflict(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with SQLiteTransactionStore(path, timeout=0) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(ConflictError) as err:
                store.add(make(1))
            assert err.value.code == "registry.sqlite.busy"
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.count() == 0  # reads are not blocked by a writer in WAL mode
        store.add(make(1))
        assert store.count() == 1


def test_one_store_serves_many_threads(tmp_path: Path) -> None:
    store = SQLiteTransactionStore(tmp_path / "r.db")
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            store.add_many(make(offset + n) for n in range(25))
            for n in range(5):
                store.update(store.get(f"TL-{offset + n}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i * 100,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count() == 100
    assert len(store.find(CR, limit=200).items) == 100
    assert store.get("TL-304").version == 2
    store.close()


# --- reads use the index --------------------------------------------------------------------


def test_look_ups_are_index_range_scans_with_no_sort(tmp_path: Path) -> None:
    # A page must cost the same however many transactions share the key: the plan walks
    # the key index in page order, never sorting the matches (no TEMP B-TREE).
    path = tmp_path / "r.db"
    SQLiteTransactionStore(path).close()
    conn = sqlite3.connect(path)
    plans = [
        conn.execute(
            "EXPLAIN QUERY PLAN SELECT t.body FROM transaction_keys AS k JOIN transactions "
            "AS t ON t.reference = k.reference WHERE k.key_kind = ? AND k.key_value = ? "
            "AND k.kind IN (?, ?) AND k.is_open = 1 AND (k.created_at, k.reference) < (?, ?) "
            "ORDER BY k.created_at DESC, k.reference DESC LIMIT ?",
            ("cr", "1", "licence", "permit", "x", "y", 21),
        ).fetchall(),
        conn.execute(
            "EXPLAIN QUERY PLAN SELECT body, transaction_reference FROM invoice_links "
            "WHERE payer_kind = ? AND payer_value = ? AND status = 'paid' "
            "AND (paid_on, invoice_reference, transaction_reference) < (?, ?, ?) "
            "ORDER BY paid_on DESC, invoice_reference DESC, transaction_reference DESC LIMIT ?",
            ("cr", "1", "2026-01-01", "a", "b", 21),
        ).fetchall(),
    ]
    conn.close()
    for plan in plans:
        steps = [str(row[-1]) for row in plan]
        assert steps
        assert all(step.startswith("SEARCH") and "USING" in step for step in steps), steps
        assert not any("TEMP B-TREE" in step for step in steps), steps


def test_paging_by_time_across_time_zones(tmp_path: Path) -> None:
    # The same instants written with different offsets page in instant order.
    gulf = dt.timezone(dt.timedelta(hours=4))
    with SQLiteTransactionStore(tmp_path / "r.db") as store:
        store.add(make(1, at=dt.datetime(2026, 3, 1, 12, 0, tzinfo=gulf)))  # 08:00 UTC
        store.add(make(2, at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)))
        store.add(make(3, at=dt.datetime(2026, 3, 1, 8, 30, tzinfo=UTC)))
        first = store.find(CR, limit=2)
        rest = store.find(CR, limit=2, after=first.next_cursor)
    assert [t.reference for t in first.items + rest.items] == ["TL-2", "TL-3", "TL-1"]
    assert rest.next_cursor is None


def test_a_path_in_a_missing_folder_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(NotFound) as err:
        SQLiteTransactionStore(tmp_path / "no" / "such" / "folder" / "r.db")
    assert err.value.code == "registry.sqlite.open"


GOOD_BODY = to_json(make(1))


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        GOOD_BODY.replace('"TL-1"', "5", 1),
        GOOD_BODY.replace('"licence"', '"license"', 1),
        GOOD_BODY.replace('"is_open": true', '"is_open": 1', 1),
        GOOD_BODY.replace("+00:00", "", 1),
        GOOD_BODY.replace('"version": 1', '"version": 0'),
        GOOD_BODY.replace('"keys": [', '"keys": [{"kind": "cr", "value": "cr 1"}, ', 1),
    ],
)
def test_an_odd_body_loads_exactly_as_the_converter_loads_it(body: str) -> None:
    # decode's fast path hands anything odd to the converter: the same transaction (the
    # converter reads a JSON 1 as True), or the same error class and code.
    try:
        expected: object = from_json(body, Transaction)
    except MunicipalError as exc:
        with pytest.raises(MunicipalError) as got:
            decode(body)
        assert (type(got.value), got.value.code) == (type(exc), exc.code)
    else:
        assert decode(body) == expected
