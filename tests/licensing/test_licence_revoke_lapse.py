"""Saudi revocation of licences whose activity never started; lapsing Omani applications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from municipal_core.dates import add_months
from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidFormat,
    NotFound,
    PermissionDenied,
)
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.licensing._catalogue import workflow_registry
from municipal_core.licensing._licence_common import LAPSING_STATES, LicenceStatus
from municipal_core.licensing._licence_lapse import cases_due_to_expire, lapses_on
from municipal_core.licensing._licence_terms import renewal_opens, renewed_period
from municipal_core.licensing._om_municipal_licence import MUNICIPAL_LICENCE_WORKFLOW
from municipal_core.licensing._om_permits import BUILDING_PERMIT_WORKFLOW, require_issued
from municipal_core.licensing._sa_commercial_licence import (
    COMMERCIAL_LICENCE_WORKFLOW,
    CommercialLicence,
    cancel_licence,
    renew_licence,
)
from municipal_core.licensing._sa_licence_revocation import (
    is_due_for_revocation,
    record_activity_start,
    revocation_due_on,
    revocation_guards,
    revoke_licence,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import Actor, Case, WorkflowDefinition, apply, new_case

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
ISSUE = dt.date(2026, 1, 1)
SYSTEM = Actor("s", ("SYSTEM",))
days = st.integers(min_value=-400, max_value=800)


def _licence(**changes: object) -> CommercialLicence:
    licence = CommercialLicence(
        "CL-1", "1010123456", 1, Decimal(10), "471101", False, (), ISSUE, dt.date(2028, 12, 31)
    )
    return attrs.evolve(licence, **changes)


def _walk(wf: WorkflowDefinition, steps: list[str], case_id: str = "A-1") -> Case:
    """Take each action by the first role allowed, at T0."""
    case = new_case(wf, case_id, at=T0)
    for action in steps:
        move = wf.move(case.state, action)
        assert move is not None, (case.state, action)
        case = apply(wf, case, action, Actor("u", (move[0].roles[0],)), at=T0)
    return case


PAID = ["APPLY", "FORWARD", "FORWARD", "APPROVE", "PAY"]


# --- revocation ------------------------------------------------------------------------------


def test_due_day_is_the_profile_months_after_issue() -> None:
    assert SA_BALADY.rules.value("licence.activity_start_months", ISSUE) == 12
    assert revocation_due_on(_licence()) == dt.date(2027, 1, 1)


@given(days, st.none() | days)
def test_due_exactly_when_the_period_passed_without_a_start(
    offset: int, started: int | None
) -> None:
    licence = _licence(
        activity_started_on=None if started is None else ISSUE + dt.timedelta(days=abs(started))
    )
    on = ISSUE + dt.timedelta(days=offset)
    due_day = add_months(ISSUE, 12)
    begun = licence.activity_started_on
    expected = on >= due_day and (begun is None or begun >= due_day)
    assert is_due_for_revocation(licence, on=on) is expected
    event(f"due={expected}")
    if expected:
        assert revoke_licence(licence, on=on).status is LicenceStatus.REVOKED
    else:
        with pytest.raises(DomainRuleError) as info:
            revoke_licence(licence, on=on)
        assert info.value.code == "licence.commercial.revocation_not_due"


def test_cancelled_or_revoked_licences_are_not_due_and_not_renewable() -> None:
    late = dt.date(2027, 6, 1)
    assert not is_due_for_revocation(cancel_licence(_licence()), on=late)
    revoked = revoke_licence(_licence(), on=late)
    assert not is_due_for_revocation(revoked, on=late)
    with pytest.raises(DomainRuleError) as info:
        renew_licence(revoked, on=dt.date(2028, 12, 1), years=1)
    assert info.value.code == "licence.commercial.revoked"
    with pytest.raises(DomainRuleError) as info:
        cancel_licence(revoked)
    assert info.value.code == "licence.commercial.revoked"
    assert from_json(to_json(revoked), CommercialLicence) == revoked


def test_activity_start_is_recorded_once_and_not_before_issue() -> None:
    started = record_activity_start(_licence(), on=dt.date(2026, 5, 1))
    assert started.activity_started_on == dt.date(2026, 5, 1)
    assert record_activity_start(started, on=dt.date(2026, 9, 1)) == started
    with pytest.raises(DomainRuleError):
        record_activity_start(_licence(), on=dt.date(2025, 12, 31))
    with pytest.raises(InvalidFormat):
        record_activity_start("CL-1", on=ISSUE)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        _licence(activity_started_on="2026-05-01")
    assert from_json(to_json(started), CommercialLicence) == started


def test_revoke_action_needs_the_guard_and_refuses_early() -> None:
    wf = COMMERCIAL_LICENCE_WORKFLOW
    issued = _walk(wf, PAID)
    licence = _licence()
    with pytest.raises(NotFound):  # no guard supplied: never revoked unchecked
        apply(wf, issued, "REVOKE", SYSTEM, at=T0)
    early = revocation_guards(licence, on=dt.date(2026, 6, 1))
    with pytest.raises(DomainRuleError) as info:
        apply(wf, issued, "REVOKE", SYSTEM, at=T0, guards=early)
    assert info.value.code == "licence.commercial.revocation_not_due"
    with pytest.raises(PermissionDenied):
        apply(wf, issued, "REVOKE", Actor("c", ("CITIZEN",)), at=T0, guards=early)
    due = revocation_guards(licence, on=dt.date(2027, 1, 1))
    revoked = apply(wf, issued, "REVOKE", Actor("a", ("APPROVER",)), at=T0, guards=due)
    assert revoked.state == "REVOKED"
    assert wf.state("REVOKED").is_terminal
    with pytest.raises(IllegalTransition):
        apply(wf, _walk(wf, PAID[:-1]), "REVOKE", SYSTEM, at=T0, guards=due)


@given(st.lists(st.integers(min_value=0, max_value=20), max_size=25), st.booleans())
def test_random_runs_with_revoke_never_issue_without_approval_and_payment(
    picks: list[int], due: bool
) -> None:
    wf = COMMERCIAL_LICENCE_WORKFLOW
    actor = Actor("all", tuple(sorted({r for a in wf.actions for r in a.roles})))
    guards = revocation_guards(_licence(), on=dt.date(2027, 6, 1) if due else ISSUE)
    case = new_case(wf, "R-1", at=T0)
    for pick in picks:
        choices = wf.actions_from(case.state)
        if not choices:
            break
        action = choices[0] if pick < 12 else choices[pick % len(choices)]
        try:
            case = apply(
                wf, case, action.name, actor, at=T0, payload={"reason": "r"}, guards=guards
            )
        except DomainRuleError:
            assert action.name == "REVOKE"
            assert not due
    event(f"ended in {case.state}")
    done = [entry.action for entry in case.history]
    if case.state in ("ISSUED", "REVOKED") or "PAY" in done:
        assert "APPROVE" in done
        assert "PAY" in done
        assert done.index("PAY") > done.index("APPROVE")
    assert ("REVOKE" in done) <= due


# --- lapsing applications ------------------------------------------------------------------------

OMAN = [wf for name, wf in sorted(workflow_registry().items()) if name.startswith("om.")]


@pytest.mark.parametrize("wf", OMAN, ids=[wf.name for wf in OMAN])
def test_every_sohar_workflow_lets_waiting_applications_lapse(wf: WorkflowDefinition) -> None:
    waiting = {s for a in wf.actions if a.name == "EXPIRE" for s in a.from_states}
    present = {s.name for s in wf.states}
    assert waiting & set(LAPSING_STATES) == present & set(LAPSING_STATES)
    sent_back = apply(
        wf,
        _walk(wf, ["APPLY"]),
        "SEND_BACK",
        Actor("v", ("DOCUMENT_VERIFIER",)),
        at=T0,
        payload={"reason": "missing deed"},
    )
    lapsed = apply(wf, sent_back, "EXPIRE", SYSTEM, at=T0)
    assert lapsed.state == "EXPIRED"
    assert wf.state("EXPIRED").is_terminal
    with pytest.raises(DomainRuleError):
        require_issued(wf, lapsed, paid=False)


def test_only_waiting_cases_lapse_not_those_under_review() -> None:
    wf = BUILDING_PERMIT_WORKFLOW
    with pytest.raises(IllegalTransition):
        apply(wf, _walk(wf, ["APPLY"]), "EXPIRE", SYSTEM, at=T0)
    with pytest.raises(PermissionDenied):
        apply(wf, _walk(wf, PAID[:-1]), "EXPIRE", Actor("c", ("CITIZEN",)), at=T0)
    unpaid = _walk(wf, PAID[:-1])
    assert apply(wf, unpaid, "EXPIRE", SYSTEM, at=T0).state == "EXPIRED"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "PENDING_PAYMENT",
                    "ISSUED",
                    "DOCUMENT_VERIFICATION",
                    "PENDING_APPLICANT_CORRECTION",
                ]
            ),
            st.integers(min_value=0, max_value=90 * 24),
        ),
        max_size=8,
    ),
    st.integers(min_value=0, max_value=120),
)
def test_cases_due_to_expire_are_the_waiting_ones_past_the_lapse_days(
    specs: list[tuple[str, int]], after: int
) -> None:
    cases = [
        Case(f"C-{i}", "om.permit.building", 1, state, T0 + dt.timedelta(hours=hours))
        for i, (state, hours) in enumerate(specs)
    ]
    on = T0.date() + dt.timedelta(days=after)
    due = cases_due_to_expire(cases, on=on, jurisdiction=OM_SOHAR)
    for case in cases:
        local_day = case.entered_state_at.astimezone(OM_SOHAR.tz).date()
        expected = case.state in LAPSING_STATES and on >= local_day + dt.timedelta(days=30)
        assert (case in due) is expected
        if case.state in LAPSING_STATES:
            assert lapses_on(case, jurisdiction=OM_SOHAR) == local_day + dt.timedelta(days=30)
    assert list(due) == [c for c in cases if c in due]  # input order kept


def test_lapse_refuses_bad_input() -> None:
    with pytest.raises(InvalidFormat):
        cases_due_to_expire(["C-1"], on=T0.date(), jurisdiction=OM_SOHAR)  # type: ignore[list-item]
    case = Case("C-1", "om.permit.building", 1, "PENDING_PAYMENT", T0)
    with pytest.raises(InvalidFormat):
        lapses_on(case, jurisdiction="om-sohar")  # type: ignore[arg-type]
    with pytest.raises(NotFound):  # Balady sets no lapse period
        lapses_on(case, jurisdiction=SA_BALADY)
    assert MUNICIPAL_LICENCE_WORKFLOW.move("PENDING_PAYMENT", "EXPIRE") is not None


# --- shared renewal terms ------------------------------------------------------------------------


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2070, 1, 1)),
    days,
    st.integers(min_value=1, max_value=3),
)
def test_renewed_period_is_contiguous_or_starts_on_a_late_day(
    expires_on: dt.date, offset: int, years: int
) -> None:
    on = expires_on + dt.timedelta(days=offset)
    start, end = renewed_period(expires_on, on, years)
    assert start == max(on, expires_on + dt.timedelta(days=1))
    assert end == add_months(start, 12 * years) - dt.timedelta(days=1)
    assert renewal_opens(expires_on, OM_SOHAR) == expires_on - dt.timedelta(days=30)
