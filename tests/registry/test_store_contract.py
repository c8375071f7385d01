"""The one contract every TransactionStore keeps: memory, SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_core.errors import (
    ConflictError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
)
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._ports import TransactionStore
from municipal_core.registry._transaction import Status, TimelineEntry, TransactionKind

UTC = dt.timezone.utc
MUSCAT = dt.timezone(dt.timedelta(hours=4))
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CR = Key(KeyKind.CR, "1234567")
OTHER_CR = Key(KeyKind.CR, "7654321")
CIVIL = Key(KeyKind.CIVIL_ID, "12345678")
PHONE = Key(KeyKind.PHONE, "+96891234567")
CLOSED = Status("CLOSED", "Closed", "مغلق", False)


def refs(page: Any) -> list[str]:
    return [txn.reference for txn in page.items]


def all_pages(store: TransactionStore, key: Key, limit: int, **filters: Any) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        page = store.find(key, limit=limit, after=after, **filters)
        assert len(page.items) <= limit
        seen += refs(page)
        if page.next_cursor is None:
            return seen
        assert len(page.items) == limit  # a cursor only after a full page
        after = page.next_cursor


def test_the_store_satisfies_the_port(store: TransactionStore) -> None:
    assert isinstance(store, TransactionStore)


# --- add / get ----------------------------------------------------------------------------


def test_add_returns_version_one_and_get_returns_it_unchanged(store, build) -> None:
    txn = attrs.evolve(
        build.txn(keys=(CR, CIVIL, PHONE), invoices=[build.link("SOHAR-INV-2026-000001")]),
        version=7,
        created_at=T0.astimezone(MUSCAT),
    )
    stored = store.add(txn)
    assert stored == attrs.evolve(txn, version=1)
    assert store.get(txn.reference) == stored
    assert store.count() == 1


def test_get_normalises_the_reference(store, build) -> None:
    store.add(build.txn("TL-٢٠٢٦-1"))
    assert store.get(" tl-2026-1 ").reference == "TL-2026-1"


def test_get_of_an_unknown_reference_is_not_found(store) -> None:
    with pytest.raises(NotFound) as err:
        store.get("TL-404")
    assert err.value.code == "registry.not_found"


def test_adding_an_existing_reference_is_refused(store, build) -> None:
    store.add(build.txn("TL-1"))
    with pytest.raises(DuplicateError) as err:
        store.add(build.txn("TL-1", keys=(OTHER_CR,)))
    assert err.value.code == "registry.duplicate"
    assert store.count() == 1
    assert refs(store.find(OTHER_CR)) == []


def test_add_refuses_what_is_not_a_transaction(store) -> None:
    with pytest.raises(InvalidFormat):
        store.add({"reference": "TL-1"})
    assert store.count() == 0


# --- add_many ----------------------------------------------------------------------------


def test_add_many_stores_every_transaction(store, build) -> None:
    assert store.add_many(build.txn() for _ in range(25)) == 25
    assert store.count() == 25
    assert store.get("TL-000025").version == 1


def test_a_duplicate_mid_batch_leaves_nothing_of_the_batch(store, build) -> None:
    store.add(build.txn("TL-5"))
    batch = [build.txn(f"TL-{n}", keys=(OTHER_CR,)) for n in range(1, 10)]
    with pytest.raises(DuplicateError) as err:
        store.add_many(batch)
    assert "TL-5" not in err.value.message_en
    assert store.count() == 1
    assert refs(store.find(OTHER_CR)) == []


def test_a_reference_repeated_within_a_batch_leaves_nothing(store, build) -> None:
    with pytest.raises(DuplicateError):
        store.add_many([build.txn("TL-1"), build.txn("TL-2"), build.txn("TL-1")])
    assert store.count() == 0


def test_a_bad_item_in_a_batch_leaves_nothing(store, build) -> None:
    with pytest.raises(InvalidFormat):
        store.add_many([build.txn("TL-1"), "TL-2"])
    assert store.count() == 0


# --- update ------------------------------------------------------------------------------


def test_update_bumps_the_version_and_replaces_keys_and_invoices(store, build) -> None:
    stored = store.add(build.txn("TL-1", keys=(CR,), invoices=[build.link("INV-1")]))
    later = T0 + dt.timedelta(days=1)
    changed = attrs.evolve(
        stored,
        keys=(Key(KeyKind.TRANSACTION, "TL-1"), OTHER_CR, Key(KeyKind.INVOICE, "INV-2")),
        invoices=(build.link("INV-2", payer=OTHER_CR),),
        status=CLOSED,
        updated_at=later,
        timeline=(*stored.timeline, TimelineEntry(later, CLOSED, "CLOSE")),
    )
    updated = store.update(changed)
    assert updated.version == 2
    assert store.get("TL-1") == updated
    assert refs(store.find(CR)) == []
    assert refs(store.find(OTHER_CR)) == ["TL-1"]
    assert store.paid_invoices(CR).items == ()
    assert [(link.reference, ref) for link, ref in store.paid_invoices(OTHER_CR).items] == [
        ("INV-2", "TL-1")
    ]


def test_a_stale_update_is_a_conflict_and_overwrites_nothing(store, build) -> None:
    first = store.add(build.txn("TL-1"))
    second_reader = store.get("TL-1")
    winner = store.update(attrs.evolve(first, applicant_name="Winner"))
    with pytest.raises(ConflictError) as err:
        store.update(
            attrs.evolve(
                second_reader, applicant_name="Loser", keys=(*second_reader.keys, OTHER_CR)
            )
        )
    assert err.value.code == "registry.conflict"
    assert store.get("TL-1") == winner
    assert refs(store.find(OTHER_CR)) == []


def test_updating_an_unknown_transaction_is_not_found(store, build) -> None:
    with pytest.raises(NotFound):
        store.update(build.txn("TL-1"))
    assert store.count() == 0


def test_concurrent_updates_of_one_version_let_exactly_one_win(store, build) -> None:
    base = store.add(build.txn("TL-1"))
    outcomes: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        try:
            store.update(attrs.evolve(base, applicant_name=f"Writer {n}"))
            result = "won"
        except ConflictError:
            result = "conflict"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["won"]
    assert store.get("TL-1").version == 2


# --- find ----------------------------------------------------------------------------------


def test_find_orders_newest_first_ties_by_reference_descending(store, build) -> None:
    store.add_many(
        [
            build.txn("TL-A", at=T0),
            build.txn("TL-C", at=T0 + dt.timedelta(hours=1)),
            build.txn("TL-B", at=T0 + dt.timedelta(hours=1)),
            # the same instant written in Muscat time sorts as the same instant
            build.txn("TL-D", at=(T0 + dt.timedelta(hours=1)).astimezone(MUSCAT)),
            build.txn("TL-E", at=T0 + dt.timedelta(microseconds=1)),
        ]
    )
    assert refs(store.find(CR)) == ["TL-D", "TL-C", "TL-B", "TL-E", "TL-A"]


def test_paging_visits_every_match_once_in_order(store, build) -> None:
    store.add_many(build.txn(at=T0 + dt.timedelta(minutes=n % 7)) for n in range(23))
    expected = refs(store.find(CR, limit=200))
    assert len(expected) == 23
    assert all_pages(store, CR, 5) == expected
    assert all_pages(store, CR, 23) == expected


def test_find_filters_by_kind_and_open_cases(store, build) -> None:
    store.add_many(
        [
            build.txn("V-1", kind=TransactionKind.VIOLATION),
            build.txn("V-2", kind=TransactionKind.VIOLATION, status=CLOSED),
            build.txn("TL-1"),
        ]
    )
    violations = {TransactionKind.VIOLATION}
    assert refs(store.find(CR, kinds=violations)) == ["V-2", "V-1"]
    assert refs(store.find(CR, kinds=violations, open_only=True)) == ["V-1"]
    assert refs(store.find(CR, open_only=True)) == ["V-1", "TL-1"]
    assert refs(store.find(CR, kinds=["licence", "violation"])) == ["V-2", "V-1", "TL-1"]


def test_find_with_no_match_is_an_empty_last_page(store, build) -> None:
    store.add(build.txn())
    page = store.find(PHONE)
    assert (page.items, page.next_cursor) == ((), None)


def test_find_by_the_transaction_own_key(store, build) -> None:
    store.add_many([build.txn("TL-1"), build.txn("TL-2")])
    assert refs(store.find(Key(KeyKind.TRANSACTION, "TL-2"))) == ["TL-2"]


@pytest.mark.parametrize("limit", [0, 201, -1, True, "20", 2.0])
def test_a_bad_page_size_is_refused(store, limit) -> None:
    with pytest.raises(InvalidComponent) as err:
        store.find(CR, limit=limit)
    assert err.value.code == "registry.page.limit"


@pytest.mark.parametrize("cursor", ["", "garbage", "W10=", "WyJ4IiwiVEwtMSJd", "é" * 10])
def test_a_bad_cursor_is_refused(store, cursor) -> None:
    with pytest.raises(InvalidFormat) as err:
        store.find(CR, after=cursor)
    assert err.value.code == "registry.page.cursor"


def test_find_refuses_what_is_not_a_key(store) -> None:
    with pytest.raises(InvalidFormat):
        store.find("1234567")


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    minutes=st.lists(st.integers(0, 5), min_size=0, max_size=12),
    limit=st.integers(1, 5),
)
def test_pages_concatenate_to_the_full_order(store, build, minutes, limit) -> None:
    # Each example uses its own contract key, so examples share the store safely.
    key = Key(KeyKind.CONTRACT, uuid.uuid4().hex[:12].upper())
    txns = [
        build.txn(f"P-{key.value}-{n}", at=T0 + dt.timedelta(minutes=m), keys=(key,))
        for n, m in enumerate(minutes)
    ]
    store.add_many(txns)
    expected = [t.reference for t in sorted(txns, key=lambda t: (t.created_at, t.reference))]
    assert all_pages(store, key, limit) == expected[::-1]


# --- paid invoices --------------------------------------------------------------------------


def test_paid_invoices_newest_payment_first_for_that_payer_only(store, build) -> None:
    store.add_many(
        [
            build.txn(
                "TL-1",
                invoices=[
                    build.link("INV-1", paid_on=dt.date(2026, 3, 2)),
                    build.link("INV-2", paid_on=None),
                ],
            ),
            build.txn(
                "TL-2",
                invoices=[
                    build.link("INV-3", paid_on=dt.date(2026, 3, 5)),
                    build.link("INV-4", paid_on=dt.date(2026, 3, 2)),
                    build.link("INV-5", payer=CIVIL, paid_on=dt.date(2026, 3, 9)),
                ],
            ),
        ]
    )
    page = store.paid_invoices(CR)
    assert [(link.reference, ref) for link, ref in page.items] == [
        ("INV-3", "TL-2"),
        ("INV-4", "TL-2"),
        ("INV-1", "TL-1"),
    ]
    assert page.items[0][0] == build.link("INV-3", paid_on=dt.date(2026, 3, 5))
    assert [link.reference for link, _ in store.paid_invoices(CIVIL).items] == ["INV-5"]


def test_paid_invoices_page_through_every_one(store, build) -> None:
    store.add_many(
        build.txn(invoices=[build.link(f"INV-{n:02d}", paid_on=dt.date(2026, 3, 1 + n % 3))])
        for n in range(11)
    )
    seen, after = [], None
    while True:
        page = store.paid_invoices(CR, limit=4, after=after)
        seen += [link.reference for link, _ in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    expected = sorted(
        (f"INV-{n:02d}" for n in range(11)), key=lambda r: (1 + int(r[-2:]) % 3, r), reverse=True
    )
    assert seen == expected


def test_paid_invoices_check_their_arguments(store) -> None:
    with pytest.raises(InvalidComponent):
        store.paid_invoices(CR, limit=0)
    with pytest.raises(InvalidFormat):
        store.paid_invoices(CR, after="nope")


# --- count / close -----------------------------------------------------------------------------


def test_count_and_close_twice(store, build) -> None:
    assert store.count() == 0
    store.add_many([build.txn(), build.txn()])
    assert store.count() == 2
    store.close()
    store.close()
