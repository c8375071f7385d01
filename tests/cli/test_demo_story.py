"""The demo's story holds for any seed: every step valid, every case at its end, all paid."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core._cli_demo import _run_story, lookups
from municipal_core._demo_steps import START, Demo
from municipal_core.registry import InMemoryTransactionStore, Key

FINAL = {
    "account_registration": "ACTIVE",
    "lease_registration": "ACTIVE",
    "lease_renewal": "REGISTERED",
    "permit": "ISSUED",
    "licence": "ISSUED",
    "complaint": "CLOSED",
    "lease_amendment": "SUBMITTED",
    "violation": "PAID",
    "violation_payment": "SUBMITTED",
}


def run(seed):
    demo = Demo(seed=seed, store=InMemoryTransactionStore())
    om_mobile = _run_story(demo)
    return demo, lookups(demo.store, om_mobile)


@settings(max_examples=25)
@given(seed=st.integers(0, 2**31))
def test_story_holds_for_any_seed(seed):
    demo, found = run(seed)
    everything = {t["reference"]: t for query in found for t in query["found"]}
    assert len(everything) == demo.store.count() == 10
    for reference, summary in everything.items():
        txn = demo.store.get(reference)
        assert txn.status.code == FINAL[txn.kind.value], reference
        assert all(link.status.value == "paid" for link in txn.invoices)
        timeline = [entry.at for entry in txn.timeline]
        assert timeline == sorted(timeline)
        assert summary["status"] == txn.status.code
    paid = [t for t in everything.values() if demo.store.get(t["reference"]).invoices]
    assert len(paid) == 6  # three lease fees, the permit, the licence, the fine
    assert len(demo.documents) == 15
    assert [step["at"] for step in demo.steps] == sorted(step["at"] for step in demo.steps)
    assert demo.steps[0]["at"] == START


def test_same_seed_same_story_other_seed_other_people():
    (one, _), (same, _), (other, _) = run(5), run(5), run(6)
    assert one.steps == same.steps
    assert [d for _, d in one.documents] == [d for _, d in same.documents]
    assert one.om.seed != other.om.seed
    assert [d for _, d in one.documents] != [d for _, d in other.documents]


def test_look_ups_meet_the_numbers_the_steps_recorded():
    demo, (by_phone, by_cr, _) = run(0)
    licence = next(t for t in by_cr["found"] if t["kind"] == "licence")["reference"]
    assert licence in {t["reference"] for t in by_phone["found"]}
    stored = demo.store.get(licence)
    assert Key("cr", "7001234567") in stored.keys
    assert stored.updated_at > stored.created_at > START - dt.timedelta(days=1)
