from __future__ import annotations

import datetime as dt

import attrs
import pytest

from municipal_core.errors import ConflictError, InvalidComponent, InvalidLength
from municipal_core.registry._lookup import lookup, open_violations, paid_invoices, record
from municipal_core.registry._memory import InMemoryTransactionStore
from municipal_core.registry._record import open_transaction
from municipal_core.workflow import LICENCE_WORKFLOW as WF
from municipal_core.workflow import Actor, apply, new_case

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
CITIZEN = Actor("c-1", ("CITIZEN",))


def saudi(reference: str, kind: str = "licence", *, hours: int = 0, **extra):
    return open_transaction(
        reference,
        kind,
        jurisdiction="sa-balady",
        applicant_name="Nasser Trading",
        keys=[("phone", "0501234567"), ("cr", "1010123456"), ("civil_id", "1000000008")],
        at=T0 + hours * HOUR,
        **extra,
    )


@pytest.mark.parametrize("raw", ["0501234567", "+966 50 123 4567", "٠٥٠١٢٣٤٥٦٧"])
def test_every_spelling_of_a_phone_finds_the_same_transactions(store, raw) -> None:
    store.add_many([saudi("TL-1"), saudi("TL-2", hours=1)])
    page = lookup(store, "phone", raw, jurisdiction="sa-balady")
    assert [t.reference for t in page.items] == ["TL-2", "TL-1"]


@pytest.mark.parametrize(
    ("kind", "raw"),
    [("cr", "CR 1010123456"), ("cr", "س.ت ١٠١٠١٢٣٤٥٦"), ("civil_id", "١٠٠٠٠٠٠٠٠٨"),
     ("transaction", "tl-1"), ("transaction", "TL-١")],
)  # fmt: skip
def test_lookup_by_any_key_kind(store, kind, raw) -> None:
    store.add(saudi("TL-1"))
    assert [t.reference for t in lookup(store, kind, raw, jurisdiction="sa-balady").items] == [
        "TL-1"
    ]


def test_lookup_pages_with_the_cursor(store) -> None:
    store.add_many(saudi(f"TL-{n}", hours=n) for n in range(5))
    first = lookup(store, "cr", "1010123456", jurisdiction="sa-balady", limit=3)
    rest = lookup(store, "cr", "1010123456", jurisdiction="sa-balady", after=first.next_cursor)
    assert [t.reference for t in (*first.items, *rest.items)] == [
        f"TL-{n}" for n in range(4, -1, -1)
    ]
    assert rest.next_cursor is None


def test_malformed_input_raises_before_the_store_is_asked() -> None:
    class Refusing(InMemoryTransactionStore):
        def find(self, *args, **kwargs):  # pragma: no cover - must not be reached
            raise AssertionError("the store was asked")

    with pytest.raises(InvalidLength):
        lookup(Refusing(), "cr", "123", jurisdiction="sa-balady")
    with pytest.raises(InvalidComponent) as err:
        lookup(Refusing(), "name", "Nasser", jurisdiction="sa-balady")
    assert err.value.code == "registry.key.kind"


def test_open_violations_by_cr_or_unified_number(store) -> None:
    store.add_many(
        [
            saudi("V-1", "violation"),
            saudi("V-2", "violation", hours=1),
            saudi("TL-1", hours=2),
        ]
    )
    v1 = store.get("V-1")
    done = attrs.evolve(v1.status, is_open=False)
    store.update(
        attrs.evolve(v1, status=done, timeline=(attrs.evolve(v1.timeline[0], status=done),))
    )
    found = open_violations(store, "CR ١٠١٠١٢٣٤٥٦", jurisdiction="sa-balady")
    assert [t.reference for t in found.items] == ["V-2"]
    assert open_violations(store, "7001234567", jurisdiction="sa-balady").items == ()


def test_paid_invoices_by_payer_kind() -> None:
    store = InMemoryTransactionStore()
    assert paid_invoices(store, "civil_id", "1000000008", jurisdiction="sa-balady").items == ()
    with pytest.raises(InvalidComponent) as err:
        paid_invoices(store, "licence", "42", jurisdiction="sa-balady")
    assert err.value.code == "registry.key.payer"


def test_record_stores_the_transition_and_detects_a_lost_update(store) -> None:
    case = new_case(WF, "TL-1", at=T0)
    stored = store.add(saudi("TL-1", workflow=WF, case=case))
    case = apply(WF, case, "APPLY", CITIZEN, at=T0 + HOUR)
    after = record(store, stored, case, WF)
    assert (after.version, after.status.code) == (2, "DOCUMENT_VERIFICATION")
    assert store.get("TL-1") == after
    assert record(store, after, case, WF) is after  # a retried message writes nothing
    cancelled = apply(WF, case, "CANCEL", CITIZEN, at=T0 + 2 * HOUR)
    with pytest.raises(ConflictError):
        record(store, stored, cancelled, WF)  # ``stored`` is a stale read
    assert store.get("TL-1") == after
