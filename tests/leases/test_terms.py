import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.dates import Period, add_months
from municipal_core.errors import (
    CurrencyMismatch,
    DateOutOfRange,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
)
from municipal_core.leases._increments import (
    IncrementKind,
    RentIncrement,
    monthly_rent_on,
    ordered,
    rent_by_month,
    total_rent,
)
from municipal_core.leases._terms import (
    _add_months,
    month_steps,
    months_and_days,
    overlaps,
    remaining_term,
    term_end,
    term_months,
    whole_month_split,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date
ONE = dt.timedelta(days=1)
starts = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
terms = st.integers(min_value=1, max_value=120)
rents = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**6), places=3)


def omr(amount: str | int | Decimal) -> Money:
    return Money(amount, "OMR")


# --------------------------------------------------------------------------- end dates


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 1, 1), 12, D(2026, 12, 31)),
        (D(2026, 1, 15), 1, D(2026, 2, 14)),
        (D(2026, 3, 1), 1, D(2026, 3, 31)),
        (D(2025, 1, 31), 1, D(2025, 2, 27)),  # 31 Jan + 1 month is 28 Feb: end the day before
        (D(2024, 1, 31), 1, D(2024, 2, 28)),  # leap year: 29 Feb, end 28 Feb
        (D(2024, 2, 29), 12, D(2025, 2, 27)),
        (D(2024, 2, 29), 48, D(2028, 2, 28)),
        (D(2024, 1, 31), 12, D(2025, 1, 30)),  # whole years chain without drift
        (D(2026, 5, 31), 3, D(2026, 8, 30)),
    ],
)
def test_term_end_rule(start: dt.date, months: int, end: dt.date) -> None:
    assert term_end(start, months) == end
    assert term_months(start, end) == months


@pytest.mark.parametrize(
    ("start", "months", "error", "code"),
    [
        (D(2026, 1, 1), 0, InvalidComponent, "lease.term.months.range"),
        (D(2026, 1, 1), -3, InvalidComponent, "lease.term.months.range"),
        (D(2026, 1, 1), True, InvalidFormat, "lease.term.months.type"),
        (D(2026, 1, 1), 1.0, InvalidFormat, "lease.term.months.type"),
        (dt.datetime(2026, 1, 1), 1, InvalidFormat, "dates.type"),
        ("2026-01-01", 1, InvalidFormat, "dates.type"),
        (D(9999, 12, 1), 1, InvalidComponent, "dates.range"),
    ],
)
def test_term_end_errors(start: object, months: object, error: type, code: str) -> None:
    with pytest.raises(error) as info:
        term_end(start, months)  # type: ignore[arg-type]
    assert info.value.code == code


@given(starts, st.integers(min_value=0, max_value=200))
def test_fast_month_step_equals_dates_add_months(start: dt.date, months: int) -> None:
    assert _add_months(start, months) == add_months(start, months)


@given(starts, terms)
def test_term_end_matches_period_of_months_and_inverts(start: dt.date, months: int) -> None:
    end = term_end(start, months)
    assert end == Period.of_months(start, months).end
    assert term_months(start, end) == months
    assert months_and_days(start, end) == (months, 0)


# --------------------------------------------------------------------------- months and days


def test_months_and_days_examples() -> None:
    assert months_and_days(D(2026, 1, 1), D(2026, 1, 1)) == (0, 1)
    assert months_and_days(D(2026, 1, 15), D(2026, 3, 20)) == (2, 6)
    assert months_and_days(D(2026, 1, 31), D(2026, 2, 28)) == (1, 1)
    with pytest.raises(InvalidComponent) as info:
        months_and_days(D(2026, 2, 1), D(2026, 1, 31))
    assert info.value.code == "lease.term.order"


def test_term_months_refuses_partial_terms() -> None:
    with pytest.raises(InvalidComponent) as info:
        term_months(D(2026, 1, 1), D(2026, 2, 1))
    assert info.value.code == "lease.term.not_whole_months"
    assert info.value.message_ar


@given(starts, st.integers(min_value=0, max_value=4000))
def test_months_and_days_agree_with_period(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    months, days = months_and_days(start, end)
    assert months == Period(start, end).whole_months
    assert add_months(start, months) + dt.timedelta(days=days) == end + ONE
    assert 0 <= days < 31
    n, rest, following = whole_month_split(start, end)
    assert (n, rest, following) == (months, add_months(start, n), add_months(start, n + 1))


# --------------------------------------------------------------------------- remaining


def test_remaining_term() -> None:
    start, end = D(2026, 1, 1), D(2026, 12, 31)
    assert remaining_term(start, end, D(2025, 6, 1)) == (12, 0)
    assert remaining_term(start, end, D(2026, 10, 1)) == (3, 0)
    assert remaining_term(start, end, end) == (0, 1)
    assert remaining_term(start, end, end + ONE) == (0, 0)
    with pytest.raises(InvalidFormat):
        remaining_term(start, end, dt.datetime(2026, 1, 1))  # type: ignore[arg-type]


@given(starts, terms, st.integers(min_value=-100, max_value=4000))
def test_remaining_never_exceeds_the_term(start: dt.date, months: int, offset: int) -> None:
    end = term_end(start, months)
    left = remaining_term(start, end, start + dt.timedelta(days=offset))
    assert left <= (months, 0)
    if offset <= 0:
        assert left == (months, 0)
    # Not "only then": from 30 Jan to 28 Feb 2000 is a whole month counted from 30 Jan.
    if start + dt.timedelta(days=offset) > end:
        assert left == (0, 0)


# --------------------------------------------------------------------------- overlaps


def test_overlaps() -> None:
    jan = (D(2026, 1, 1), D(2026, 1, 31))
    assert overlaps(*jan, D(2026, 1, 31), D(2026, 3, 1))
    assert not overlaps(*jan, D(2026, 2, 1), D(2026, 3, 1))
    with pytest.raises(InvalidComponent):
        overlaps(*jan, D(2026, 3, 1), D(2026, 2, 1))


@given(starts, terms, terms, terms)
def test_renewal_chains_have_no_gap_or_overlap(start: dt.date, a: int, b: int, c: int) -> None:
    first_end = term_end(start, a)
    second = (first_end + ONE, term_end(first_end + ONE, b))
    third = (second[1] + ONE, term_end(second[1] + ONE, c))
    assert not overlaps(start, first_end, *second)
    assert not overlaps(*second, *third)
    assert overlaps(start, first_end, start, first_end)
    assert overlaps(start, first_end, *second) == overlaps(*second, start, first_end)


# --------------------------------------------------------------------------- month steps


@given(starts, st.integers(min_value=0, max_value=3000))
def test_month_steps_cover_the_term_exactly(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    steps = month_steps(start, end)
    assert steps[0].start == start
    assert steps[-1].end == end
    assert all(a.end + ONE == b.start for a, b in itertools.pairwise(steps))
    assert not any(step.partial for step in steps[:-1])
    assert all(28 <= step.days_in_month <= 31 for step in steps)
    months, days = months_and_days(start, end)
    assert len(steps) == months + (1 if days else 0)
    assert steps[-1].partial == bool(days)


# --------------------------------------------------------------------------- increments


def test_increment_shapes() -> None:
    on = D(2027, 1, 1)
    assert RentIncrement(on, "percentage", rate=Decimal("0.05")).apply(omr(100)) == omr(105)
    assert RentIncrement(on, "flat", amount=omr(7)).apply(omr(100)) == omr(107)
    assert RentIncrement(on, "set", amount=omr(80)).apply(omr(100)) == omr(80)
    # Rounded once per change, half up: 333.333 x 1.05 = 349.99965
    assert RentIncrement(on, "percentage", rate=Decimal("0.05")).apply(omr("333.333")) == omr(
        "350.000"
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"kind": "percentage"}, InvalidComponent, "lease.increment.shape"),
        ({"kind": "percentage", "rate": Decimal(0)}, InvalidComponent, "lease.increment.rate"),
        ({"kind": "percentage", "rate": Decimal("Infinity")}, InvalidComponent,
         "lease.increment.rate"),
        ({"kind": "percentage", "rate": Decimal(1), "amount": Money(1, "OMR")},
         InvalidComponent, "lease.increment.shape"),
        ({"kind": "flat"}, InvalidComponent, "lease.increment.shape"),
        ({"kind": "set", "amount": Money(0, "OMR")}, InvalidComponent, "lease.increment.amount"),
        ({"kind": "flat", "amount": Money(-1, "OMR")}, InvalidComponent,
         "lease.increment.amount"),
        ({"kind": "percentage", "rate": 0.05}, InvalidFormat, "lease.increment.type"),
        ({"kind": "flat", "amount": 5}, InvalidFormat, "lease.increment.type"),
        ({"kind": "double"}, InvalidComponent, "lease.increment.kind"),
        ({"kind": "flat", "amount": Money(1, "OMR"), "effective_on": dt.datetime(2026, 1, 1)},
         InvalidFormat, "lease.increment.type"),
    ],
)  # fmt: skip
def test_increment_errors(kwargs: dict[str, object], error: type, code: str) -> None:
    values: dict[str, object] = {"effective_on": D(2026, 1, 1), **kwargs}
    with pytest.raises(error) as info:
        RentIncrement(**values)  # type: ignore[arg-type]
    assert info.value.code == code


def test_increment_in_another_currency_is_refused_when_applied() -> None:
    with pytest.raises(CurrencyMismatch) as info:
        RentIncrement(D(2026, 1, 1), "flat", amount=Money(5, "SAR")).apply(omr(100))
    assert info.value.code == "lease.increment.currency"


def test_order_and_compounding() -> None:
    rise = RentIncrement(D(2027, 1, 1), "percentage", rate=Decimal("0.10"))
    flat = RentIncrement(D(2027, 1, 1), "flat", amount=omr(10))
    reset = RentIncrement(D(2027, 1, 1), "set", amount=omr(90))
    later = RentIncrement(D(2028, 1, 1), "percentage", rate=Decimal("0.10"))
    assert ordered((later, reset, rise, flat)) == (rise, flat, reset, later)
    assert monthly_rent_on(omr(100), (rise, flat), D(2027, 1, 1)) == omr(120)
    assert monthly_rent_on(omr(100), (flat, rise), D(2027, 1, 1)) == omr(121)
    assert monthly_rent_on(omr(100), (later, reset, rise), D(2028, 6, 1)) == omr(99)
    assert monthly_rent_on(omr(100), (later,), D(2027, 12, 31)) == omr(100)


def test_increment_round_trips() -> None:
    for inc in (
        RentIncrement(D(2027, 1, 1), "percentage", rate=Decimal("0.05")),
        RentIncrement(D(2027, 1, 1), "set", amount=omr("90.5")),
    ):
        assert from_json(to_json(inc), RentIncrement) == inc


# --------------------------------------------------------------------------- rent by month


def test_rent_by_month_prorates_by_days_in_the_step() -> None:
    months = rent_by_month(D(2026, 1, 15), D(2026, 3, 20), omr(310))
    # Steps: 15 Jan-14 Feb, 15 Feb-14 Mar, then 15-20 Mar of a 31-day step.
    assert [m.amount for m in months] == [omr(310), omr(310), omr(60)]
    assert [m.prorated for m in months] == [False, False, True]


def test_change_inside_a_month_is_weighted_by_days() -> None:
    change = RentIncrement(D(2026, 2, 11), "flat", amount=omr(28))
    months = rent_by_month(D(2026, 1, 1), D(2026, 3, 31), omr(280), (change,))
    # February: 10 days at 280 and 18 at 308 over 28 days = 298.
    assert [m.amount for m in months] == [omr(280), omr(298), omr(308)]
    assert [m.prorated for m in months] == [False, True, False]


def test_rent_must_be_positive() -> None:
    for base in (omr(0), omr(-1)):
        with pytest.raises(DomainRuleError) as info:
            total_rent(D(2026, 1, 1), D(2026, 12, 31), base)
        assert info.value.code == "lease.rent.not_positive"


def test_worked_example_total() -> None:
    assert total_rent(D(2026, 1, 1), D(2026, 12, 31), omr(100)) == omr(1200)
    assert total_rent(D(2026, 1, 1), D(2026, 1, 10), omr(100)) == omr("32.258")
    assert total_rent(D(2026, 1, 1), D(2026, 1, 10), Money(100, "SAR")) == Money("32.26", "SAR")


increments = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3000),
        st.sampled_from(IncrementKind),
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.5"), places=3),
    ),
    max_size=4,
)


@given(starts, st.integers(min_value=0, max_value=2600), rents, increments)
def test_total_is_the_sum_of_the_months(
    start: dt.date, length: int, rent: Decimal, changes: list[tuple[int, IncrementKind, Decimal]]
) -> None:
    end = start + dt.timedelta(days=length)
    base = omr(rent)
    incs = tuple(
        RentIncrement(start + dt.timedelta(days=offset), kind, rate=value)
        if kind is IncrementKind.PERCENTAGE
        else RentIncrement(start + dt.timedelta(days=offset), kind, amount=omr(value * 1000))
        for offset, kind, value in changes
    )
    months = rent_by_month(start, end, base, incs)
    total = total_rent(start, end, base, incs)
    assert sum(m.amount for m in months) == total
    assert total.is_rounded()
    assert all(m.amount.is_rounded() for m in months)
    for m in months:
        rent_then = monthly_rent_on(base, incs, m.step.start)
        if not m.prorated:
            assert m.amount == rent_then
    if not incs:
        # The closed form without changes agrees with the month-by-month walk.
        n, days = months_and_days(start, end)
        assert total >= base * n
        assert total <= base * (n + (1 if days else 0))


@given(starts, st.integers(min_value=0, max_value=2600), rents, rents)
def test_total_is_monotone_in_rent(start: dt.date, length: int, a: Decimal, b: Decimal) -> None:
    end = start + dt.timedelta(days=length)
    low, high = sorted((a, b))
    assert total_rent(start, end, omr(low)) <= total_rent(start, end, omr(high))


def test_terms_reaching_year_9999_raise_a_typed_error() -> None:
    # The month after the term's last step does not exist; Python would raise ValueError.
    for call in (total_rent, rent_by_month):
        with pytest.raises(DateOutOfRange):
            call(D(9999, 1, 1), D(9999, 12, 31), omr(1))
    assert month_steps(D(9999, 1, 1), D(9999, 11, 30))[-1].end == D(9999, 11, 30)
