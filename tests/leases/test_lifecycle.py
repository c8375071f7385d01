"""Lease lifecycle: workflow, transitions, renewal chains, amendments, cancellation, notice."""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.dates import add_months
from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
)
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.leases import (
    LEASE_WORKFLOW,
    LeaseContract,
    LeaseStatus,
    PaymentFrequency,
    RentIncrement,
    advance,
    amend,
    amendment_fee,
    cancel,
    overlaps,
    registration_fee,
    renew,
    renewal_notice_deadline,
    transition,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import Builder
from municipal_core.workflow import Actor, apply, new_case

OMR = "OMR"


def lease(
    *,
    start: date = date(2026, 1, 1),
    months: int | None = 12,
    end: date | None = None,
    rent: str = "100",
    status: LeaseStatus = LeaseStatus.DRAFT,
    increments: tuple[RentIncrement, ...] = (),
    saudi: bool = False,
) -> LeaseContract:
    """A kit lease (parties and property from the testing kit) with the terms under test."""
    builder = Builder(jurisdiction="sa-balady" if saudi else "om-sohar")
    currency = builder.jurisdiction.currency
    return builder.lease(
        reference="1/2026",
        monthly_rent=Money(rent, currency),
        start=start,
        months=None if end is not None else months,
        end=end,
        signed_on=start - timedelta(days=10),
        deposit=Money("200", currency),
        increments=increments,
        status=status,
    )


def active(**kwargs: object) -> LeaseContract:
    return lease(status=LeaseStatus.ACTIVE, **kwargs)  # type: ignore[arg-type]


def tenant_quits(
    contract: LeaseContract, notice: date, effective: date, **kwargs: object
) -> LeaseContract:
    return cancel(
        contract,
        notice_given_on=notice,
        effective_on=effective,
        by="tenant",
        reason="Moving",
        **kwargs,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- workflow


def test_workflow_states_are_the_statuses() -> None:
    assert [s.name for s in LEASE_WORKFLOW.states] == [s.name for s in LeaseStatus]
    assert LEASE_WORKFLOW.start_state.name == "DRAFT"
    assert {s.name for s in LEASE_WORKFLOW.states if s.is_terminal} == {"RENEWED", "CANCELLED"}
    for state in LEASE_WORKFLOW.states:
        assert state.label("en")
        assert state.label("ar") != state.label("en")


def test_workflow_runs_in_the_engine_too() -> None:
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    case = new_case(LEASE_WORKFLOW, "1/2026", at=at)
    case = apply(LEASE_WORKFLOW, case, "REGISTER", Actor("t-1", ("TENANT",)), at=at)
    case = apply(LEASE_WORKFLOW, case, "ACTIVATE", Actor("job", ("SYSTEM",)), at=at)
    case = apply(LEASE_WORKFLOW, case, "AMEND", Actor("l-1", ("LANDLORD",)), at=at)
    assert case.state == "ACTIVE"
    assert [h.action for h in case.history] == ["REGISTER", "ACTIVATE", "AMEND"]


def test_the_whole_happy_path() -> None:
    contract = lease()
    contract = transition(contract, "REGISTER", on=date(2025, 12, 22))
    assert contract.status is LeaseStatus.REGISTERED
    contract = transition(contract, "ACTIVATE", on=date(2026, 1, 1))
    assert contract.status is LeaseStatus.ACTIVE
    contract = transition(contract, "EXPIRE", on=date(2027, 1, 1))
    assert contract.status is LeaseStatus.EXPIRED
    old, new = renew(contract, reference="2/2027", signed_on=date(2027, 1, 5))
    assert old.status is LeaseStatus.RENEWED
    assert new.status is LeaseStatus.DRAFT


@pytest.mark.parametrize(
    ("status", "action", "on", "code"),
    [
        (LeaseStatus.DRAFT, "REGISTER", date(2025, 12, 21), "lease.register.before_signing"),
        (LeaseStatus.REGISTERED, "ACTIVATE", date(2025, 12, 31), "lease.activate.before_start"),
        (LeaseStatus.ACTIVE, "EXPIRE", date(2026, 12, 31), "lease.expire.before_end"),
        (LeaseStatus.ACTIVE, "CANCEL", date(2026, 5, 1), "lease.cancel.needs_termination"),
        (LeaseStatus.ACTIVE, "AMEND", date(2025, 12, 21), "lease.amend.before_signing"),
        (LeaseStatus.EXPIRED, "RENEW", date(2025, 12, 1), "lease.renew.before_signing"),
    ],
)
def test_dates_are_checked(status: LeaseStatus, action: str, on: date, code: str) -> None:
    with pytest.raises(DomainRuleError) as err:
        transition(lease(status=status), action, on=on)
    assert err.value.code == code
    assert err.value.message_ar


def test_a_draft_or_registered_lease_may_be_withdrawn() -> None:
    for status in (LeaseStatus.DRAFT, LeaseStatus.REGISTERED):
        done = transition(lease(status=status), "CANCEL", on=date(2025, 12, 1))
        assert done.status is LeaseStatus.CANCELLED
        assert done.termination is None


actions = st.sampled_from([a.name for a in LEASE_WORKFLOW.actions] + ["PAY", "register", ""])


@given(st.sampled_from(LeaseStatus), actions)
def test_status_moves_only_along_the_workflow(status: LeaseStatus, action: str) -> None:
    contract = lease(status=status)
    move = LEASE_WORKFLOW.move(status.name, action)
    try:
        # A day after the end satisfies every date check but the termination one.
        moved = transition(contract, action, on=date(2027, 1, 1))
    except IllegalTransition as err:
        assert move is None
        assert err.code == "workflow.illegal_transition"
        return
    except DomainRuleError as err:
        assert move is not None
        assert err.code == "lease.cancel.needs_termination"
        return
    assert move is not None
    assert moved.status.name == move[0].to_state
    assert attrs.evolve(moved, status=status) == contract


def test_transition_refuses_bad_input() -> None:
    with pytest.raises(InvalidFormat) as err:
        transition("1/2026", "REGISTER", on=date(2026, 1, 1))  # type: ignore[arg-type]
    assert err.value.code == "lease.type"
    with pytest.raises(InvalidFormat):
        transition(lease(), "REGISTER", on=dt.datetime(2026, 1, 1))
    with pytest.raises(IllegalTransition):
        transition(lease(), ["REGISTER"], on=date(2026, 1, 1))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- renewal


def test_renewal_defaults_same_term_rent_in_force_and_parties() -> None:
    rise = RentIncrement(date(2026, 7, 1), "percentage", rate=Decimal("0.05"))
    old = active(increments=(rise,))
    renewed, new = renew(old, reference="2/2027", signed_on=date(2026, 12, 1))
    assert renewed == attrs.evolve(old, status=LeaseStatus.RENEWED)
    assert (new.start, new.end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert new.monthly_rent == Money("105", OMR)
    assert new.increments == ()
    assert new.renews == "1/2026"
    assert (new.landlord, new.tenant, new.property) == (old.landlord, old.tenant, old.property)
    assert (new.deposit, new.frequency) == (old.deposit, old.frequency)
    assert new.signed_on == date(2026, 12, 1)
    assert from_json(to_json(new), LeaseContract) == new


def test_renewal_with_new_terms() -> None:
    _, new = renew(
        active(),
        reference="2/2027",
        signed_on=date(2026, 12, 1),
        months=6,
        monthly_rent=Money("90", OMR),
        frequency="quarterly",
        deposit=Money("90", OMR),
    )
    assert (new.end, new.monthly_rent) == (date(2027, 6, 30), Money("90", OMR))
    assert (new.frequency, new.deposit) == (PaymentFrequency.QUARTERLY, Money("90", OMR))
    _, by_end = renew(
        active(), reference="2/2027", signed_on=date(2026, 12, 1), end=date(2027, 3, 15)
    )
    assert by_end.end == date(2027, 3, 15)


def test_renewal_of_a_term_that_is_not_whole_months_keeps_its_days() -> None:
    old = active(end=date(2026, 2, 14))  # 45 days
    _, new = renew(old, reference="2/2026", signed_on=date(2026, 2, 1))
    assert new.start == date(2026, 2, 15)
    assert (new.end - new.start) == (old.end - old.start)


def test_renewal_refusals() -> None:
    with pytest.raises(IllegalTransition):
        renew(lease(), reference="2/2027", signed_on=date(2026, 12, 1))
    with pytest.raises(DomainRuleError) as err:
        renew(
            active(),
            reference="2/2027",
            signed_on=date(2026, 12, 1),
            months=12,
            end=date(2027, 12, 31),
        )
    assert err.value.code == "lease.renew.term"
    with pytest.raises(DomainRuleError) as err:
        renew(active(), reference="2/2027", signed_on=date(2026, 12, 1), months=84)
    assert err.value.code == "lease.term_too_long"
    with pytest.raises(InvalidComponent):  # the new contract cannot renew itself
        renew(active(), reference="1/2026", signed_on=date(2026, 12, 1))


def test_renewal_is_registered_within_the_window_from_the_old_expiry() -> None:
    _, new = renew(active(), reference="2/2027", signed_on=date(2026, 11, 1))
    on_time = registration_fee(new, jurisdiction=OM_SOHAR, registered_on=date(2027, 1, 20))
    assert on_time.total == Money("36", OMR)
    late = registration_fee(new, jurisdiction=OM_SOHAR, registered_on=date(2027, 2, 2))
    assert late.total == Money("144", OMR)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=1, max_value=36),
    st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=36)), max_size=5),
)
def test_chains_of_renewals_have_no_gaps_or_overlaps(
    start: date, months: int, terms: list[int | None]
) -> None:
    contracts = [active(start=start, months=months)]
    for n, term in enumerate(terms):
        old, new = renew(
            contracts[-1], reference=f"{n + 2}/2026", signed_on=contracts[-1].end, months=term
        )
        assert old.status is LeaseStatus.RENEWED
        assert new.start == contracts[-1].end + timedelta(days=1)
        assert not overlaps(old.start, old.end, new.start, new.end)
        assert new.months == (contracts[-1].months if term is None else term)
        assert new.term[1] == 0
        contracts.append(attrs.evolve(new, status=LeaseStatus.ACTIVE))
    covered = sum((c.end - c.start).days + 1 for c in contracts)
    assert covered == (contracts[-1].end - start).days + 1


# --------------------------------------------------------------------------- amendment


@pytest.mark.parametrize(
    ("rent", "total", "fee"),
    [
        ("120", "1320", "3.6"),  # a rise: 3% of the 120 OMR it adds
        ("80", "1080", "0"),  # a cut adds nothing and costs nothing
    ],
)
def test_rent_amendment_changes_rent_from_its_date(rent: str, total: str, fee: str) -> None:
    old = active()
    new, amendment = amend(
        old,
        reference="1/2026-A1",
        signed_on=date(2026, 6, 20),
        effective_on=date(2026, 7, 1),
        monthly_rent=Money(rent, OMR),
        note="Rent review",
    )
    assert new.amendments == (amendment,)
    assert amendment.monthly_rent == Money(rent, OMR)
    assert new.monthly_rent == old.monthly_rent  # the rent as signed stays
    assert new.monthly_rent_on(date(2026, 6, 30)) == Money("100", OMR)
    assert new.monthly_rent_on(date(2026, 7, 1)) == Money(rent, OMR)
    assert new.total_rent == Money(total, OMR)
    assert new.status is LeaseStatus.ACTIVE
    assert from_json(to_json(new), LeaseContract) == new
    charged = amendment_fee(
        old, amendment, amended=new, jurisdiction=OM_SOHAR, registered_on=date(2026, 6, 25)
    )
    assert charged.total == Money(fee, OMR)


def test_amendment_mid_month_is_prorated() -> None:
    new, _ = amend(
        active(),
        reference="A1",
        signed_on=date(2026, 1, 1),
        effective_on=date(2026, 1, 16),
        monthly_rent=Money("131", OMR),
    )
    # January: 15 days at 100 and 16 at 131 over 31 days = 116.000.
    assert new.rent_by_month()[0].amount == Money("116", OMR)


def test_extension_and_shortening() -> None:
    rise = RentIncrement(date(2026, 10, 1), "flat", amount=Money("10", OMR))
    old = active(increments=(rise,))

    def new_end(end: date) -> LeaseContract:
        on = date(2026, 6, 1)
        return amend(old, reference="A1", signed_on=on, effective_on=on, end=end)[0]

    longer = new_end(date(2027, 6, 30))
    assert longer.end == date(2027, 6, 30)
    assert longer.increments == (rise,)
    shorter = new_end(date(2026, 8, 31))
    assert shorter.end == date(2026, 8, 31)
    assert shorter.increments == ()  # the October rise no longer falls in the term
    assert shorter.total_rent == Money("800", OMR)


def test_frequency_and_deposit_amendments() -> None:
    new, _ = amend(
        lease(status=LeaseStatus.REGISTERED),
        reference="A1",
        signed_on=date(2025, 12, 25),
        effective_on=date(2026, 1, 1),
        frequency="quarterly",
        deposit=Money("300", OMR),
    )
    assert (new.frequency, new.deposit) == (PaymentFrequency.QUARTERLY, Money("300", OMR))
    assert new.status is LeaseStatus.REGISTERED
    again, _ = amend(
        new,
        reference="A2",
        signed_on=date(2026, 2, 1),
        effective_on=date(2026, 2, 1),
        deposit=Money("250", OMR),
    )
    assert [a.reference for a in again.amendments] == ["A1", "A2"]
    assert again.frequency is PaymentFrequency.QUARTERLY


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        (
            {"effective_on": date(2027, 1, 1), "deposit": Money("1", OMR)},
            DomainRuleError,
            "lease.amend.effective_on",
        ),
        (
            {"effective_on": date(2026, 6, 1), "end": date(2026, 5, 31)},
            DomainRuleError,
            "lease.amend.end",
        ),
        (
            {"effective_on": date(2026, 6, 1), "monthly_rent": Money("100", OMR)},
            DomainRuleError,
            "lease.amend.no_change",
        ),
        (
            {
                "effective_on": date(2026, 6, 1),
                "deposit": Money("200", OMR),
                "frequency": "monthly",
            },
            DomainRuleError,
            "lease.amend.no_change",
        ),
        ({"effective_on": date(2026, 6, 1)}, InvalidComponent, "lease.amendment.empty"),
        (
            {"effective_on": date(2026, 6, 1), "monthly_rent": Money("100", "SAR")},
            DomainRuleError,
            "lease.currency",
        ),
    ],
)
def test_amendment_refusals(
    kwargs: dict[str, object], error: type[MunicipalError], code: str
) -> None:
    with pytest.raises(error) as err:
        amend(active(), reference="A1", signed_on=date(2026, 5, 1), **kwargs)  # type: ignore[arg-type]
    assert err.value.code == code


def test_only_registered_or_active_leases_are_amended() -> None:
    for status in (LeaseStatus.DRAFT, LeaseStatus.EXPIRED, LeaseStatus.CANCELLED):
        with pytest.raises(IllegalTransition):
            amend(
                lease(status=status),
                reference="A1",
                signed_on=date(2026, 5, 1),
                effective_on=date(2026, 6, 1),
                deposit=Money("1", OMR),
            )


@given(
    st.integers(min_value=1, max_value=364),
    st.integers(min_value=1, max_value=100_000).map(lambda u: Money.from_minor_units(u * 10, OMR)),
)
def test_amended_total_is_old_rent_before_and_new_rent_after(offset: int, rent: Money) -> None:
    old = active()
    effective = old.start + timedelta(days=offset)
    new, _ = amend(
        old, reference="A1", signed_on=old.start, effective_on=effective, monthly_rent=rent
    )
    assert new.monthly_rent_on(effective - timedelta(days=1)) == Money("100", OMR)
    assert new.monthly_rent_on(effective) == rent
    assert (new.total_rent > old.total_rent) == (rent > Money("100", OMR))


# --------------------------------------------------------------------------- notice and cancel


def test_renewal_notice_deadline() -> None:
    assert renewal_notice_deadline(lease()) == date(2026, 9, 30)
    assert renewal_notice_deadline(lease(), jurisdiction=OM_SOHAR) == date(2026, 9, 30)
    # 4 months: half the term (60 of 120 days) is shorter than 3 months.
    assert renewal_notice_deadline(lease(months=4)) == date(2026, 3, 2)
    # End-of-month clipping: 3 months before 31 May is 28 February.
    assert renewal_notice_deadline(lease(start=date(2026, 6, 1), end=date(2027, 5, 31))) == date(
        2027, 2, 28
    )
    # Saudi Arabia: no notice rule, notice may be given up to the last day.
    assert renewal_notice_deadline(lease(saudi=True), jurisdiction=SA_BALADY) == date(2026, 12, 31)


def test_notice_deadline_refuses_another_jurisdiction() -> None:
    with pytest.raises(DomainRuleError) as err:
        renewal_notice_deadline(lease(), jurisdiction=SA_BALADY)
    assert err.value.code == "lease.jurisdiction"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=1, max_value=83),
)
def test_notice_deadline_is_in_the_term_and_never_more_than_the_notice(
    start: date, months: int
) -> None:
    contract = lease(start=start, months=months)
    deadline = renewal_notice_deadline(contract)
    by_months = add_months(contract.end, -3)
    by_half = contract.end - timedelta(days=(contract.end - contract.start).days // 2)
    assert contract.start <= deadline <= contract.end
    # Never more notice than 3 months nor than half the term: the later of the two days.
    assert deadline >= by_months
    assert deadline >= by_half
    assert deadline in (by_months, by_half)


def test_cancel_with_enough_notice() -> None:
    done = cancel(
        active(),
        notice_given_on=date(2026, 3, 1),
        effective_on=date(2026, 6, 1),
        by="landlord",
        reason="Owner moves in",
        jurisdiction=OM_SOHAR,
    )
    assert done.status is LeaseStatus.CANCELLED
    assert done.termination is not None
    assert done.termination.by.value == "landlord"
    assert done.end == date(2026, 12, 31)  # the agreed term stays on record
    assert from_json(to_json(done), LeaseContract) == done


def test_cancel_refusals() -> None:
    with pytest.raises(DomainRuleError) as err:
        tenant_quits(active(), date(2026, 3, 1), date(2026, 5, 31))
    assert err.value.code == "lease.cancel.short_notice"
    with pytest.raises(InvalidComponent) as err2:
        tenant_quits(active(), date(2026, 3, 1), date(2026, 2, 1))  # effective before notice
    assert err2.value.code == "lease.termination.dates"
    with pytest.raises(InvalidComponent) as err2:
        tenant_quits(active(), date(2026, 11, 1), date(2027, 2, 1))
    assert err2.value.code == "lease.termination.outside_term"
    with pytest.raises(DomainRuleError) as err:
        tenant_quits(active(), date(2026, 3, 1), date(2026, 6, 1), jurisdiction=SA_BALADY)
    assert err.value.code == "lease.jurisdiction"
    with pytest.raises(IllegalTransition):
        tenant_quits(lease(status=LeaseStatus.EXPIRED), date(2026, 3, 1), date(2026, 6, 1))
    with pytest.raises(InvalidComponent):
        cancel(
            active(),
            notice_given_on=date(2026, 3, 1),
            effective_on=date(2026, 6, 1),
            by="agent",
            reason="x",
        )


def test_cancel_notice_shortened_to_half_a_short_term_and_absent_in_saudi() -> None:
    short = active(months=2)  # 1 Jan - 28 Feb: half the term is 29 days
    assert tenant_quits(short, date(2026, 1, 10), date(2026, 2, 8)).termination is not None
    with pytest.raises(DomainRuleError):
        tenant_quits(short, date(2026, 1, 10), date(2026, 2, 7))
    same_day = tenant_quits(active(saudi=True), date(2026, 5, 1), date(2026, 5, 1))
    assert same_day.status is LeaseStatus.CANCELLED


@given(
    st.sampled_from(LeaseStatus),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
)
def test_advance_follows_the_calendar_along_the_workflow(status: LeaseStatus, on: date) -> None:
    contract = lease(status=status)
    moved = advance(contract, on=on)
    if moved.status is not status:
        # Only ACTIVATE and EXPIRE, the calendar's own actions, and only when due.
        assert (status, moved.status) in {
            (LeaseStatus.REGISTERED, LeaseStatus.ACTIVE),
            (LeaseStatus.REGISTERED, LeaseStatus.EXPIRED),
            (LeaseStatus.ACTIVE, LeaseStatus.EXPIRED),
        }
    expected = {
        LeaseStatus.REGISTERED: (
            LeaseStatus.EXPIRED
            if on > contract.end
            else LeaseStatus.ACTIVE
            if on >= contract.start
            else LeaseStatus.REGISTERED
        ),
        LeaseStatus.ACTIVE: LeaseStatus.EXPIRED if on > contract.end else LeaseStatus.ACTIVE,
    }.get(status, status)
    assert moved.status is expected
    assert advance(moved, on=on) == moved
