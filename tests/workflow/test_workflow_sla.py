"""SLAs: due times from the state's hours, overdue checks against an injected clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from municipal_core.clock import FixedClock
from municipal_core.errors import InvalidFormat, WorkflowError
from municipal_core.workflow import (
    LICENCE_WORKFLOW as WF,
)
from municipal_core.workflow import (
    Actor,
    Case,
    apply,
    due_at,
    is_overdue,
    new_case,
    overdue_by,
    overdue_cases,
)

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
CITIZEN = Actor("c", ("CITIZEN",))


def applied(ref: str = "TL-1", when: dt.datetime = T0) -> Case:
    return apply(WF, new_case(WF, ref, at=when), "APPLY", CITIZEN, at=when)


def clock(hours: float) -> FixedClock:
    return FixedClock(T0 + dt.timedelta(hours=hours))


def test_due_at_is_entry_plus_state_sla() -> None:
    assert due_at(WF, applied()) == T0 + dt.timedelta(hours=48)
    assert due_at(WF, new_case(WF, "TL-0", at=T0)) is None  # DRAFT has no SLA


def test_due_at_counts_elapsed_hours_across_dst() -> None:
    # Berlin springs forward on 29 March 2026: 48 elapsed hours end at 09:00, not 08:00.
    berlin = ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 3, 28, 8, 0, tzinfo=berlin)
    due = due_at(WF, applied(when=start))
    assert due == dt.datetime(2026, 3, 30, 9, 0, tzinfo=berlin)
    assert due is not None
    assert due.tzinfo is berlin


def test_overdue_boundary_is_strict() -> None:
    case = applied()
    assert not is_overdue(WF, case, clock(47))
    assert not is_overdue(WF, case, clock(48))
    assert is_overdue(WF, case, clock(48.5))
    assert overdue_by(WF, case, clock(50)) == dt.timedelta(hours=2)
    assert overdue_by(WF, case, clock(10)) is None


def test_terminal_and_no_sla_states_are_never_overdue() -> None:
    case = apply(
        WF, applied(), "REJECT", Actor("v", ("DOCUMENT_VERIFIER",)), at=T0, payload={"reason": "x"}
    )
    assert due_at(WF, case) is None
    assert not is_overdue(WF, case, clock(10_000))


def test_overdue_cases_most_overdue_first_ties_by_id() -> None:
    cases = [
        applied("B", T0),
        applied("C", T0 + dt.timedelta(hours=10)),
        applied("A", T0),
        applied("D", T0 + dt.timedelta(hours=100)),
        new_case(WF, "E", at=T0),
    ]
    assert [c.id for c in overdue_cases(WF, cases, clock(72))] == ["A", "B", "C"]
    assert overdue_cases(WF, [], clock(72)) == ()


def test_overdue_of_another_workflow_is_refused() -> None:
    other = Case("X", "other", 1, "NEW", T0)
    with pytest.raises(WorkflowError):
        overdue_cases(WF, [other], clock(1))


def test_clock_must_be_a_clock() -> None:
    with pytest.raises(InvalidFormat):
        is_overdue(WF, applied(), T0)  # type: ignore[arg-type]
