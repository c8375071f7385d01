"""Rent schedules: contiguous periods, exact sums, proration, increments, due dates."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.dates import add_months
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
)
from municipal_core.leases import (
    IncrementKind,
    Instalment,
    RentIncrement,
    rent_schedule,
    schedule,
    total_rent,
)
from municipal_core.leases._contract import Amendment, PaymentFrequency, _example
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date


def omr(amount: str | int) -> Money:
    return Money(amount, "OMR")


def rebuilt(instalment: Instalment) -> Instalment:
    """The same instalment through the validating constructor (the fast builder skips it)."""
    return Instalment(**{f.name: getattr(instalment, f.name) for f in attrs.fields(Instalment)})


def check_layout(plan: tuple[Instalment, ...], start: dt.date, end: dt.date) -> None:
    assert plan[0].period_start == start
    assert plan[-1].period_end == end
    assert [i.number for i in plan] == list(range(1, len(plan) + 1))
    for before, after in itertools.pairwise(plan):
        assert after.period_start == before.period_end + dt.timedelta(days=1)
    for instalment in plan:
        assert rebuilt(instalment) == instalment


# --------------------------------------------------------------------------- examples


def test_a_year_monthly_is_twelve_equal_instalments() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 12, 31), omr(100), PaymentFrequency.MONTHLY)
    assert [i.amount for i in plan] == [omr(100)] * 12
    assert [i.due_on.month for i in plan] == list(range(1, 13))
    assert not any(i.prorated for i in plan)
    check_layout(plan, D(2026, 1, 1), D(2026, 12, 31))


def test_a_partial_last_month_is_prorated_by_the_days_of_that_step() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 3, 15), omr(100), "monthly")
    assert [i.amount for i in plan] == [omr(100), omr(100), omr("48.387")]  # 15/31 of 100
    assert [i.prorated for i in plan] == [False, False, True]
    # A step starting mid-month divides by that step's length: 15 Feb..14 Mar is 28 days.
    mid = schedule(D(2026, 1, 15), D(2026, 2, 21), omr(280), "monthly")
    assert mid[-1].amount == omr(70)  # 7 of 28 days
    assert mid[-1].days == 7


def test_a_term_not_a_multiple_of_the_frequency_ends_with_a_shorter_period() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 8, 31), omr(100), "quarterly")
    assert [(i.period_start, i.period_end, i.amount) for i in plan] == [
        (D(2026, 1, 1), D(2026, 3, 31), omr(300)),
        (D(2026, 4, 1), D(2026, 6, 30), omr(300)),
        (D(2026, 7, 1), D(2026, 8, 31), omr(200)),
    ]
    assert not plan[-1].prorated  # shorter, but whole months: nothing paid by days


def test_end_of_month_starts_clip_without_drift() -> None:
    plan = schedule(D(2024, 1, 31), D(2025, 1, 30), omr(100), "monthly")
    assert [i.period_start for i in plan][:4] == [
        D(2024, 1, 31),
        D(2024, 2, 29),
        D(2024, 3, 31),
        D(2024, 4, 30),
    ]
    assert len(plan) == 12
    assert sum(i.amount for i in plan) == omr(1200)


def test_a_lease_from_29_february() -> None:
    plan = schedule(D(2024, 2, 29), D(2025, 2, 27), omr(100), "semi_annual")
    assert [(i.period_start, i.period_end) for i in plan] == [
        (D(2024, 2, 29), D(2024, 8, 28)),
        (D(2024, 8, 29), D(2025, 2, 27)),
    ]
    assert [i.amount for i in plan] == [omr(600), omr(600)]


def test_due_at_the_end_of_each_period() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 12, 31), omr(100), "annual", due="end")
    assert len(plan) == 1
    assert plan[0].due_on == D(2026, 12, 31)
    assert plan[0].amount == omr(1200)


def test_increments_apply_from_the_step_they_start_in() -> None:
    rise = RentIncrement(D(2027, 1, 1), IncrementKind.PERCENTAGE, rate=Decimal("0.05"))
    plan = schedule(D(2026, 1, 1), D(2027, 12, 31), omr(100), "annual", [rise])
    assert [i.amount for i in plan] == [omr(1200), omr(1260)]
    # A rise in the middle of a month step is paid by days within that step.
    mid = RentIncrement(D(2026, 2, 15), IncrementKind.FLAT, amount=omr(28))
    months = schedule(D(2026, 1, 1), D(2026, 3, 31), omr(100), "monthly", (mid,))
    assert [i.amount for i in months] == [omr(100), omr(114), omr(128)]
    assert [i.prorated for i in months] == [False, True, False]


def test_saudi_rent_rounds_to_halalas() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 1, 10), Money("1000", "SAR"), "monthly")
    assert plan[0].amount == Money("322.58", "SAR")  # 10/31 of 1000


def test_rent_schedule_follows_the_contract_and_its_amendments() -> None:
    lease = _example()
    change = Amendment("1/2026-A1", D(2026, 6, 1), D(2026, 7, 1), monthly_rent=omr(120))
    amended = attrs.evolve(lease, amendments=(change,), frequency="quarterly")
    plan = rent_schedule(amended)
    assert [i.amount for i in plan] == [omr(300), omr(300), omr(360), omr(360)]
    assert sum(i.amount for i in plan) == amended.total_rent
    assert rent_schedule(lease, due="end")[0].due_on == D(2026, 1, 31)


def test_instalments_round_trip_through_json() -> None:
    plan = schedule(D(2026, 1, 1), D(2026, 3, 15), omr(100), "monthly")
    for instalment in plan:
        assert from_json(to_json(instalment), Instalment) == instalment


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"due": "middle"}, InvalidComponent, "lease.schedule.due"),
        ({"frequency": "weekly"}, InvalidComponent, "lease.schedule.frequency"),
        ({"increments": "5%"}, InvalidFormat, "lease.schedule.type"),
        ({"increments": [Decimal("0.05")]}, InvalidFormat, "lease.schedule.type"),
        ({"end": D(2025, 12, 31)}, InvalidComponent, "lease.term.order"),
        ({"start": dt.datetime(2026, 1, 1)}, InvalidFormat, "dates.type"),
        ({"monthly_rent": Decimal(100)}, DomainRuleError, "lease.rent.not_positive"),
        ({"monthly_rent": omr(0)}, DomainRuleError, "lease.rent.not_positive"),
        (
            {"increments": [RentIncrement(D(2026, 3, 1), "flat", amount=Money(5, "SAR"))]},
            CurrencyMismatch,
            "lease.increment.currency",
        ),
    ],
)
def test_bad_input_raises_typed_errors(
    kwargs: dict[str, object], error: type[Exception], code: str
) -> None:
    args: dict[str, object] = {
        "start": D(2026, 1, 1),
        "end": D(2026, 12, 31),
        "monthly_rent": omr(100),
        "frequency": "monthly",
        **kwargs,
    }
    with pytest.raises(error) as info:
        schedule(**args)  # type: ignore[arg-type]
    assert info.value.code == code  # type: ignore[attr-defined]


def test_rent_schedule_refuses_what_is_not_a_contract() -> None:
    with pytest.raises(InvalidFormat) as info:
        rent_schedule("1/2026")  # type: ignore[arg-type]
    assert info.value.code == "lease.schedule.type"
    with pytest.raises(InvalidComponent):
        rent_schedule(_example(), due="later")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "error", "code"),
    [
        ({"number": 0}, InvalidComponent, "lease.schedule.number"),
        ({"number": True}, InvalidComponent, "lease.schedule.number"),
        ({"period_end": D(2025, 12, 31)}, InvalidComponent, "lease.schedule.order"),
        ({"due_on": "2026-01-01"}, InvalidFormat, "dates.type"),
        ({"amount": Decimal(100)}, InvalidFormat, "lease.schedule.type"),
        ({"amount": omr("-1")}, DomainRuleError, "lease.schedule.amount"),
        ({"amount": omr("0.0001")}, DomainRuleError, "lease.schedule.amount"),
        ({"prorated": 1}, InvalidFormat, "lease.schedule.type"),
    ],
)
def test_an_invalid_instalment_cannot_exist(
    change: dict[str, object], error: type[Exception], code: str
) -> None:
    good = Instalment(1, D(2026, 1, 1), D(2026, 1, 31), D(2026, 1, 1), omr(100), False)
    with pytest.raises(error) as info:
        attrs.evolve(good, **change)
    assert info.value.code == code  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- properties

starts = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)) | st.sampled_from(
    [D(2024, 2, 29), D(2024, 1, 31), D(2023, 1, 29), D(2024, 8, 31)]
)
frequencies = st.sampled_from(list(PaymentFrequency))
rents = st.integers(min_value=1, max_value=10_000_000).map(
    lambda u: Money.from_minor_units(u, "OMR")
)


@settings(max_examples=400, deadline=None)
@given(
    start=starts,
    months=st.integers(min_value=0, max_value=83),
    extra_days=st.integers(min_value=0, max_value=30),
    rent=rents,
    frequency=frequencies,
)
def test_schedules_sum_to_the_total_and_cover_the_term(
    start: dt.date, months: int, extra_days: int, rent: Money, frequency: PaymentFrequency
) -> None:
    end = add_months(start, months) + dt.timedelta(days=extra_days)
    end = max(start, end - dt.timedelta(days=1))
    plan = schedule(start, end, rent, frequency)
    assert sum(i.amount for i in plan) == total_rent(start, end, rent)
    check_layout(plan, start, end)
    assert all(i.due_on == i.period_start for i in plan)
    # Only the last can be prorated, and only then are some of its days not whole months.
    assert not any(i.prorated for i in plan[:-1])
    full = [i for i in plan if not i.prorated and i is not plan[-1]]
    assert all(i.amount == rent * frequency.months for i in full)


@settings(max_examples=250, deadline=None)
@given(
    start=starts,
    months=st.integers(min_value=1, max_value=84),
    rent=rents,
    frequency=frequencies,
    offsets=st.lists(st.integers(min_value=0, max_value=2550), max_size=4),
    rates=st.lists(st.integers(min_value=1, max_value=2000), min_size=4, max_size=4),
)
def test_schedules_with_increments_still_sum_exactly(
    start: dt.date,
    months: int,
    rent: Money,
    frequency: PaymentFrequency,
    offsets: list[int],
    rates: list[int],
) -> None:
    end = add_months(start, months) - dt.timedelta(days=1)
    increments = [
        RentIncrement(start + dt.timedelta(days=o), "percentage", rate=Decimal(r) / 10_000)
        if i % 2
        else RentIncrement(start + dt.timedelta(days=o), "flat", amount=omr(r))
        for i, (o, r) in enumerate(zip(offsets, rates, strict=False))
    ]
    plan = schedule(start, end, rent, frequency, increments, due="end")
    assert sum(i.amount for i in plan) == total_rent(start, end, rent, increments)
    check_layout(plan, start, end)
    assert all(i.due_on == i.period_end for i in plan)
    assert all(i.amount.is_positive() for i in plan)


@settings(max_examples=150, deadline=None)
@given(
    start=starts,
    months=st.integers(min_value=1, max_value=83),
    extra_days=st.integers(min_value=0, max_value=27),
    rent=rents,
    frequency=frequencies,
    new_rent=rents,
    offset=st.integers(min_value=0, max_value=2500),
)
def test_contract_schedules_sum_to_total_rent_with_an_amendment(
    start: dt.date,
    months: int,
    extra_days: int,
    rent: Money,
    frequency: PaymentFrequency,
    new_rent: Money,
    offset: int,
) -> None:
    end = add_months(start, months) - dt.timedelta(days=1) + dt.timedelta(days=extra_days)
    effective_on = min(end, start + dt.timedelta(days=offset))
    change = Amendment("A-1", start, effective_on, monthly_rent=new_rent)
    contract = attrs.evolve(
        _example(), monthly_rent=rent, start=start, end=end, signed_on=start,
        frequency=frequency, amendments=(change,),
    )  # fmt: skip
    plan = rent_schedule(contract)
    assert sum(i.amount for i in plan) == contract.total_rent
    check_layout(plan, start, end)
