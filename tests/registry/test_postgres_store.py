"""What only the PostgreSQL store has: schemas, migrations, several app servers, COPY.

The behaviour every store shares is in test_store_contract.py; these tests open several
stores (one per "app server") on one server schema. They skip, with the reason, when no
PostgreSQL server can be found or started (see postgres_server.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import runpy
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    DuplicateError,
    InvalidFormat,
    MunicipalError,
)
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._sql_schema import latest_version
from municipal_core.registry._transaction import Status, TimelineEntry, Transaction

psycopg = pytest.importorskip("psycopg")
_postgres = pytest.importorskip("municipal_core.registry._postgres")
PostgresTransactionStore = _postgres.PostgresTransactionStore

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
CR = Key(KeyKind.CR, "1234567")


@functools.cache
def _server_module() -> Any:
    # importlib mode: the helper is loaded by path; its load() keeps one shared copy.
    return runpy.run_path(str(Path(__file__).with_name("postgres_server.py")))["load"]()


@pytest.fixture
def dsn() -> str:
    return str(_server_module().find_server())


@pytest.fixture
def schema(dsn: str) -> Iterator[str]:
    server = _server_module()
    name = server.fresh_schema()
    yield name
    server.drop_schema(dsn, name)


@pytest.fixture
def open_store(dsn: str, schema: str) -> Iterator[Callable[[], Any]]:
    """Opens stores on one schema, as several app servers would; closes them all."""
    opened: list[Any] = []

    def make() -> Any:
        opened.append(PostgresTransactionStore(dsn, schema=schema))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def txn(reference: str, *, at: dt.datetime = T0, keys: tuple[Key, ...] = (CR,)) -> Transaction:
    status = Status("SUBMITTED", "Submitted", "مقدم", True)
    return Transaction(
        reference=reference,
        kind="licence",
        jurisdiction="om-sohar",
        service=None,
        applicant_name="Sohar Trading",
        keys=(Key(KeyKind.TRANSACTION, reference), *keys),
        status=status,
        workflow=None,
        created_at=at,
        updated_at=at,
        timeline=(TimelineEntry(at, status, None),),
    )


def sql(dsn: str, schema: str, statement: str, *params: object) -> list[tuple[Any, ...]]:
    """Run one statement in ``schema`` behind the store's back (as another tool would)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT set_config('search_path', %s, false)", (schema,))
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else []


# --- schema and migrations ------------------------------------------------------------------


def test_a_new_schema_is_created_and_migrated_to_the_latest_version(
    open_store, dsn, schema
) -> None:
    store = open_store()
    assert store.schema == schema
    assert store.schema_version == latest_version("postgres")
    versions = sql(dsn, schema, "SELECT version FROM registry_schema_version ORDER BY 1")
    assert [v for (v,) in versions] == list(range(1, latest_version("postgres") + 1))


def test_reopening_keeps_the_data_and_migrates_nothing_again(open_store, dsn, schema) -> None:
    open_store().add(txn("TL-1"))
    again = open_store()
    assert again.get("TL-1").reference == "TL-1"
    assert sql(dsn, schema, "SELECT count(*) FROM registry_schema_version") == [
        (latest_version("postgres"),)
    ]


def test_app_servers_starting_together_migrate_once(open_store, dsn, schema) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def boot() -> None:
        start.wait()
        try:
            open_store()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=boot) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sql(dsn, schema, "SELECT count(*) FROM registry_schema_version") == [
        (latest_version("postgres"),)
    ]


def test_a_schema_from_a_newer_library_is_refused_and_left_alone(open_store, dsn, schema) -> None:
    open_store().add(txn("TL-1"))
    sql(dsn, schema, "INSERT INTO registry_schema_version (version) VALUES (99)")
    with pytest.raises(DomainRuleError) as caught:
        open_store()
    assert caught.value.code == "registry.schema.newer"
    assert sql(dsn, schema, "SELECT reference FROM transactions") == [("TL-1",)]


def test_stores_in_two_schemas_do_not_see_each_other(dsn, schema) -> None:
    server = _server_module()
    other = server.fresh_schema()
    try:
        with (
            PostgresTransactionStore(dsn, schema=schema) as first,
            PostgresTransactionStore(dsn, schema=other) as second,
        ):
            first.add(txn("TL-1"))
            assert (first.count(), second.count()) == (1, 0)
            assert second.find(CR).items == ()
    finally:
        server.drop_schema(dsn, other)


# --- several app servers --------------------------------------------------------------------


def test_an_update_from_another_app_server_makes_a_stale_one_conflict(open_store) -> None:
    portal, back_office = open_store(), open_store()
    read_here = portal.add(txn("TL-1"))
    read_there = back_office.get("TL-1")
    back_office.update(attrs.evolve(read_there, applicant_name="Sohar Trading LLC"))
    with pytest.raises(ConflictError) as caught:
        portal.update(attrs.evolve(read_here, applicant_name="Overwritten"))
    assert caught.value.code == "registry.conflict"
    assert portal.get("TL-1").applicant_name == "Sohar Trading LLC"


def test_racing_app_servers_each_with_a_connection_let_exactly_one_win(open_store) -> None:
    stores = [open_store() for _ in range(5)]
    first = stores[0].add(txn("TL-1"))
    start = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def write(store: Any, n: int) -> None:
        start.wait()
        try:
            store.update(attrs.evolve(first, applicant_name=f"Writer {n}"))
            outcomes.append(f"won {n}")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(s, n)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("won")]
    assert len(winners) == 1
    assert outcomes.count("conflict") == len(stores) - 1
    stored = stores[0].get("TL-1")
    assert (stored.version, f"won {stored.applicant_name[7:]}") == (2, winners[0])


def test_update_replaces_key_rows_exactly(open_store, dsn, schema) -> None:
    store = open_store()
    stored = store.add(txn("TL-1", keys=(CR, Key(KeyKind.PHONE, "+96891234567"))))
    store.update(attrs.evolve(stored, keys=(Key(KeyKind.TRANSACTION, "TL-1"), CR)))
    rows = sql(dsn, schema, "SELECT key_kind FROM transaction_keys ORDER BY 1")
    assert rows == [("cr",), ("transaction",)]


# --- bulk loads -----------------------------------------------------------------------------


def test_a_duplicate_in_a_later_copy_chunk_leaves_nothing(open_store, monkeypatch) -> None:
    store = open_store()
    store.add(txn("TL-0009"))
    monkeypatch.setattr(_postgres, "_CHUNK", 4)  # chunks 1-4 are copied before 9 fails
    batch = [txn(f"TL-{n:04d}") for n in range(1, 12)]
    with pytest.raises(DuplicateError) as caught:
        store.add_many(batch)
    assert "TL-" not in caught.value.message_en
    assert store.count() == 1
    assert store.find(CR).items[0].reference == "TL-0009"


def test_add_many_streams_a_generator_in_chunks(open_store, monkeypatch) -> None:
    store = open_store()
    monkeypatch.setattr(_postgres, "_CHUNK", 3)
    made = (txn(f"TL-{n:03d}", at=T0 + dt.timedelta(minutes=n)) for n in range(10))
    assert store.add_many(made) == 10
    assert [t.reference for t in store.find(CR, limit=3).items] == ["TL-009", "TL-008", "TL-007"]


# dsn is a plain string, the same for every example; each example makes its own schema.
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offsets=st.lists(st.integers(0, 5), min_size=1, max_size=12))
def test_a_round_trip_through_postgres_keeps_every_instant(offsets, dsn) -> None:
    # Any zone, any microsecond: timestamptz and the JSON body must agree on the order.
    server = _server_module()
    name = server.fresh_schema()
    try:
        with PostgresTransactionStore(dsn, schema=name) as store:
            zones = [dt.timezone(dt.timedelta(hours=h)) for h in (-5, 0, 3, 4, 14)]
            made = [
                txn(
                    f"TL-{n:03d}",
                    at=(T0 + dt.timedelta(microseconds=o)).astimezone(zones[o % len(zones)]),
                )
                for n, o in enumerate(offsets)
            ]
            store.add_many(made)
            expected = sorted(made, key=lambda t: (t.created_at, t.reference), reverse=True)
            assert store.find(CR, limit=200).items == tuple(expected)
    finally:
        server.drop_schema(dsn, name)


# --- typed errors, laziness, hygiene ---------------------------------------------------------


@pytest.mark.parametrize(
    "schema_name",
    ["", "Registry", "1registry", "reg-istry", "a" * 64, "x; DROP", "pg_registry", None],
)
def test_a_bad_schema_name_is_refused_before_connecting(schema_name) -> None:
    with pytest.raises(InvalidFormat) as caught:
        PostgresTransactionStore("host=nowhere.invalid", schema=schema_name)
    assert caught.value.code == "registry.postgres.schema"


@pytest.mark.parametrize("conninfo", ["host=db port", "host='db", None, 5432])
def test_a_malformed_connection_string_is_refused_without_echoing_it(conninfo) -> None:
    with pytest.raises(InvalidFormat) as caught:
        PostgresTransactionStore(conninfo)
    assert caught.value.code == "registry.postgres.conninfo"
    assert "db" not in caught.value.message_en


def test_an_unreachable_server_is_a_typed_error_that_hides_the_password() -> None:
    secret = "s3cret-pw"
    with pytest.raises(MunicipalError) as caught:
        PostgresTransactionStore(f"postgresql://app:{secret}@127.0.0.1:1/portal?connect_timeout=2")
    assert caught.value.code == "registry.postgres.unavailable"
    assert secret not in str(caught.value) + caught.value.message_ar


def test_without_psycopg_the_error_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MunicipalError) as caught:
        PostgresTransactionStore("dbname=portal")
    assert caught.value.code == "registry.postgres.missing"
    assert "municipal-core[postgres]" in caught.value.message_en


def test_importing_the_registry_does_not_import_psycopg() -> None:
    code = "import sys, municipal_core.registry; print('psycopg' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_repr_shows_the_schema_never_the_connection_string(open_store, schema) -> None:
    store = open_store()
    assert repr(store) == f"PostgresTransactionStore(schema={schema!r}, schema version 1)"
    store.close()
    assert "closed" in repr(store)


def test_a_closed_store_refuses_work(open_store) -> None:
    store = open_store()
    store.close()
    store.close()
    with pytest.raises(DomainRuleError) as caught:
        store.count()
    assert caught.value.code == "registry.postgres.closed"


def test_a_dropped_connection_fails_one_call_then_reconnects(open_store, dsn) -> None:
    store = open_store()
    store.add(txn("TL-1"))
    pid = store._conn.info.backend_pid
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(MunicipalError) as caught:
        store.count()
    assert caught.value.code == "registry.postgres.unavailable"
    assert store.count() == 1
    assert store._conn.info.backend_pid != pid
