"""record_status: the timeline of a transaction that follows no workflow (a violation)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import DomainRuleError, InvalidFormat
from municipal_core.registry import Status, Transaction, open_transaction, record_status
from municipal_core.workflow import LICENCE_WORKFLOW

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
PAID = Status("PAID", "Paid", "مدفوعة", False)
OBJECTED = Status("OBJECTED", "Objected", "معترض عليها", True)


def violation() -> Transaction:
    return open_transaction(
        "V-2026-1",
        "violation",
        jurisdiction="om-sohar",
        applicant_name="Ali",
        keys=[("cr", "1234567")],
        at=AT,
    )


def test_a_settled_violation_is_closed_with_its_step_on_the_timeline() -> None:
    txn = record_status(violation(), PAID, at=AT + dt.timedelta(days=3), action="SETTLE")
    assert not txn.is_open
    assert txn.status == PAID
    assert txn.updated_at == AT + dt.timedelta(days=3)
    assert [(e.status.code, e.action) for e in txn.timeline] == [
        ("SUBMITTED", None),
        ("PAID", "SETTLE"),
    ]


def test_recording_the_same_status_twice_changes_nothing() -> None:
    once = record_status(violation(), PAID, at=AT, action="SETTLE")
    assert record_status(once, PAID, at=AT, action="SETTLE") is once


def test_a_workflow_transaction_takes_its_status_only_from_its_case() -> None:
    txn = open_transaction(
        "TL-1",
        "licence",
        jurisdiction="om-sohar",
        applicant_name="Ali",
        keys=(),
        at=AT,
        workflow=LICENCE_WORKFLOW,
    )
    with pytest.raises(DomainRuleError) as caught:
        record_status(txn, PAID, at=AT)
    assert caught.value.code == "registry.transition.workflow"


def test_time_never_runs_backwards_and_naive_times_are_refused() -> None:
    later = record_status(violation(), OBJECTED, at=AT + dt.timedelta(days=1))
    with pytest.raises(DomainRuleError) as caught:
        record_status(later, PAID, at=AT)
    assert caught.value.code == "registry.transition.time_order"
    with pytest.raises(InvalidFormat):
        record_status(later, PAID, at=dt.datetime(2026, 3, 5))


@given(
    st.lists(st.sampled_from([PAID, OBJECTED]), min_size=1, max_size=8),
    st.lists(st.integers(0, 10_000), min_size=8, max_size=8),
)
def test_the_timeline_stays_ordered_and_ends_in_the_status(
    statuses: list[Status], minutes: list[int]
) -> None:
    txn = violation()
    at = AT
    for status, step in zip(statuses, minutes, strict=False):
        at += dt.timedelta(minutes=step)
        txn = record_status(txn, status, at=at)
    times = [e.at for e in txn.timeline]
    assert times == sorted(times)
    assert txn.timeline[-1].status == txn.status == statuses[-1]
