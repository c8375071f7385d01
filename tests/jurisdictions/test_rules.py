import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound
from municipal_core.jurisdictions import Confidence, RuleBook, RuleValue

D = dt.date


def test_value_in_force_on_each_side_of_a_change() -> None:
    book = RuleBook(
        (
            RuleValue("rate", Decimal("0.05"), D(2016, 2, 1), D(2020, 12, 31)),
            RuleValue("rate", Decimal("0.03"), D(2021, 1, 1)),
        )
    )
    assert book.value("rate", D(2020, 12, 31)) == Decimal("0.05")
    assert book.value("rate", D(2021, 1, 1)) == Decimal("0.03")
    assert book.value("rate", D(2099, 1, 1)) == Decimal("0.03")


def test_gap_and_unknown_rule_are_distinct_not_found_errors() -> None:
    book = RuleBook((RuleValue("rate", Decimal("0.05"), D(2016, 2, 1)),))
    with pytest.raises(NotFound) as gap:
        book.value("rate", D(2016, 1, 31))
    assert gap.value.code == "jurisdiction.rule.not_in_force"
    with pytest.raises(NotFound) as unknown:
        book.value("nope", D(2020, 1, 1))
    assert unknown.value.code == "jurisdiction.rule.unknown"


def test_overlapping_versions_are_refused_at_construction() -> None:
    with pytest.raises(InvalidComponent) as info:
        RuleBook(
            (
                RuleValue("rate", Decimal("0.05"), D(2016, 1, 1), D(2020, 12, 31)),
                RuleValue("rate", Decimal("0.03"), D(2020, 12, 31)),
            )
        )
    assert info.value.code == "jurisdiction.rule.overlap"


def test_float_values_and_backwards_dates_are_refused() -> None:
    with pytest.raises(InvalidFormat):
        RuleValue("rate", 0.05)  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent):
        RuleValue("rate", Decimal(1), D(2020, 1, 2), D(2020, 1, 1))


def test_decimal_refuses_non_numeric_rules() -> None:
    book = RuleBook((RuleValue("flag", True), RuleValue("n", 3)))
    assert book.decimal("n", D(2020, 1, 1)) == Decimal(3)
    with pytest.raises(InvalidFormat):
        book.decimal("flag", D(2020, 1, 1))


def test_with_value_keeps_history_and_records_source() -> None:
    book = RuleBook((RuleValue("fee", Decimal("5"), D(2016, 1, 1)),))
    newer = book.with_value(
        "fee", Decimal("3"), D(2021, 1, 1), source="decree", confidence=Confidence.WEAK
    )
    assert book.value("fee", D(2022, 1, 1)) == Decimal("5")  # the original is untouched
    assert newer.value("fee", D(2020, 12, 31)) == Decimal("5")
    latest = newer.get("fee", D(2022, 1, 1))
    assert (latest.value, latest.source, latest.confidence) == (
        Decimal("3"),
        "decree",
        Confidence.WEAK,
    )


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(st.lists(st.tuples(dates, st.integers(0, 1000)), min_size=1, max_size=8), dates)
def test_with_value_always_leaves_exactly_one_version_in_force(
    changes: list[tuple[dt.date, int]], probe: dt.date
) -> None:
    book = RuleBook()
    for start, amount in changes:
        book = book.with_value("fee", Decimal(amount), start)
    first = min(start for start, _ in changes)
    in_force = [r for r in book.history("fee") if r.applies_on(probe)]
    assert len(in_force) == (1 if probe >= first else 0)
    # The last change made is in force from its start date on.
    last_start, last_amount = changes[-1]
    assert book.value("fee", max(probe, last_start)) == Decimal(last_amount)


@pytest.mark.parametrize(
    "on", [dt.datetime(2026, 1, 1, 8, tzinfo=dt.timezone.utc), "2026-01-01", None, 20260101]
)
def test_rule_lookups_refuse_anything_but_a_date(on: object) -> None:
    book = RuleBook((RuleValue("rate", Decimal("0.05")),))
    with pytest.raises(InvalidFormat) as info:
        book.value("rate", on)  # type: ignore[arg-type]
    assert info.value.code == "dates.type"


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: RuleValue("x", 1, "2020-01-01"), "dates.type"),  # type: ignore[arg-type]
        (lambda: RuleValue("x", Decimal("NaN")), "jurisdiction.rule.value"),
        (lambda: RuleValue("", 1), "jurisdiction.rule.name"),
        (lambda: RuleValue(None, 1), "jurisdiction.rule.name"),  # type: ignore[arg-type]
        (lambda: RuleBook(("x",)), "jurisdiction.rule.entry"),  # type: ignore[arg-type]
        (lambda: RuleBook().with_value("fee", 1, None), "dates.type"),  # type: ignore[arg-type]
    ],
)
def test_malformed_rules_cannot_be_built(build: object, code: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        build()  # type: ignore[operator]
    assert info.value.code == code


def test_a_value_from_the_first_day_supersedes_every_version() -> None:
    book = RuleBook((RuleValue("fee", Decimal("5")), RuleValue("other", 1)))
    book = book.with_value("fee", Decimal("3"), dt.date.min)
    assert [r.value for r in book.history("fee")] == [Decimal("3")]
    assert book.value("other", D(2020, 1, 1)) == 1
