import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.billing import FeeKind, FeeRule, FeeSchedule, SlabBand, TaxHead
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date


def flat(code="f", amount="10", version=1, start=None, end=None, currency="SAR", **kw):
    return FeeRule(
        code=code, version=version, kind=FeeKind.FLAT, name_en="Fee", name_ar="رسم",
        amount=Money(amount, currency), source="test", effective_from=start,
        effective_to=end, **kw,
    )  # fmt: skip


def test_kind_needs_its_own_field_and_no_other() -> None:
    with pytest.raises(InvalidComponent) as err:
        FeeRule(code="r", version=1, kind=FeeKind.RATE, name_en="R", name_ar="ر",
                amount=Money(1, "SAR"), rate=Decimal(1), source="test")  # fmt: skip
    assert err.value.code == "billing.rule.kind_fields"
    assert err.value.message_ar


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("rate", 0.5, "billing.rule.rate.type"),
        ("version", 0, "billing.rule.version"),
        ("source", "", "billing.rule.source.text"),
        ("code", " padded", "billing.rule.text"),
    ],
)
def test_bad_rule_fields_raise_typed_errors(field: str, value: object, code: str) -> None:
    kwargs: dict[str, object] = {
        "code": "r", "version": 1, "kind": FeeKind.RATE, "name_en": "R", "name_ar": "ر",
        "rate": Decimal(1), "source": "test",
    }  # fmt: skip
    kwargs[field] = value
    with pytest.raises((InvalidFormat, InvalidComponent)) as err:
        FeeRule(**kwargs)  # type: ignore[arg-type]
    assert err.value.code == code


def test_clamps_must_be_ordered_and_in_one_currency() -> None:
    with pytest.raises(InvalidComponent):
        flat(minimum=Money(5, "SAR"), maximum=Money(4, "SAR"))
    with pytest.raises(CurrencyMismatch):
        flat(minimum=Money(5, "OMR"))


def test_round_off_is_not_a_rule_head() -> None:
    with pytest.raises(InvalidComponent):
        flat(tax_head=TaxHead.ROUND_OFF)


def test_slab_bands_are_sorted_and_may_not_overlap() -> None:
    a = SlabBand(Decimal(0), Decimal(10), amount=Money(1, "SAR"))
    b = SlabBand(Decimal(10), None, rate=Decimal(2))
    rule = FeeRule(code="s", version=1, kind=FeeKind.SLAB, name_en="S", name_ar="س",
                   bands=(b, a), source="test")  # fmt: skip
    assert rule.bands == (a, b)
    with pytest.raises(InvalidComponent) as err:
        FeeRule(code="s", version=1, kind=FeeKind.SLAB, name_en="S", name_ar="س",
                bands=(a, SlabBand(Decimal(5), None, rate=Decimal(1))), source="test")  # fmt: skip
    assert err.value.code == "billing.rule.band.overlap"


def test_slab_with_a_gap_raises_a_clear_error_outside_every_band() -> None:
    rule = FeeRule(code="s", version=1, kind=FeeKind.SLAB, name_en="S", name_ar="س",
                   bands=(SlabBand(Decimal(10), Decimal(20), amount=Money(1, "SAR")),),
                   source="test")  # fmt: skip
    assert rule.charge(Decimal(10)) == Decimal("1.00")
    with pytest.raises(DomainRuleError) as err:
        rule.charge(Decimal(20))
    assert err.value.code == "billing.rule.no_band"


def test_band_needs_exactly_one_charge_and_positive_width() -> None:
    with pytest.raises(InvalidComponent):
        SlabBand(Decimal(0), Decimal(1))
    with pytest.raises(InvalidComponent):
        SlabBand(Decimal(1), Decimal(1), rate=Decimal(1))


def test_exact_criteria_beat_wildcards() -> None:
    schedule = FeeSchedule("SAR", (
        flat(amount="10", criteria={"usage": "*", "category": "*"}),
        flat(amount="20", criteria={"usage": "shop", "category": "*"}),
        flat(amount="30", criteria={"usage": "shop", "category": "1"}),
    ))  # fmt: skip
    pick = lambda **c: schedule.rule_for("f", D(2026, 1, 1), c).amount  # noqa: E731
    assert pick(usage="home") == Money(10, "SAR")
    assert pick(usage="shop", category="2") == Money(20, "SAR")
    assert pick(usage="shop", category="1") == Money(30, "SAR")
    assert pick() == Money(10, "SAR")


def test_equally_specific_matches_are_ambiguous() -> None:
    schedule = FeeSchedule("SAR", (
        flat(criteria={"usage": "shop", "zone": "*"}),
        flat(criteria={"usage": "*", "zone": "a"}),
    ))  # fmt: skip
    with pytest.raises(DomainRuleError) as err:
        schedule.rule_for("f", D(2026, 1, 1), {"usage": "shop", "zone": "a"})
    assert err.value.code == "billing.schedule.ambiguous"


def test_unknown_code_and_gap_are_not_found() -> None:
    schedule = FeeSchedule("SAR", (flat(start=D(2025, 1, 1)),))
    with pytest.raises(NotFound) as unknown:
        schedule.rule_for("nope", D(2026, 1, 1))
    assert unknown.value.code == "billing.schedule.unknown_code"
    with pytest.raises(NotFound) as gap:
        schedule.rule_for("f", D(2024, 12, 31))
    assert gap.value.code == "billing.schedule.no_rule"


def test_schedule_refuses_overlaps_backward_versions_and_other_currencies() -> None:
    with pytest.raises(InvalidComponent) as overlap:
        FeeSchedule("SAR", (flat(end=D(2025, 1, 1)), flat(version=2, start=D(2025, 1, 1))))
    assert overlap.value.code == "billing.schedule.overlap"
    with pytest.raises(InvalidComponent) as order:
        FeeSchedule("SAR", (flat(version=2, end=D(2024, 12, 31)), flat(start=D(2025, 1, 1))))
    assert order.value.code == "billing.schedule.version_order"
    with pytest.raises(CurrencyMismatch):
        FeeSchedule("OMR", (flat(),))


@given(
    st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6),
    st.dates(D(2000, 1, 1), D(2040, 1, 1)),
    st.dates(D(2000, 1, 1), D(2040, 1, 1)),
)
def test_rule_selection_by_date_is_monotone(gaps: list[int], a: dt.date, b: dt.date) -> None:
    # Consecutive versions, each starting `gap` days after the previous one.
    starts = [D(2000, 1, 1)]
    for gap in gaps:
        starts.append(starts[-1] + dt.timedelta(days=gap))
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [None]
    rules = [
        flat(version=i + 1, start=s, end=e)
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]
    schedule = FeeSchedule("SAR", rules)
    early, late = sorted((a, b))
    first = schedule.rule_for("f", early)
    second = schedule.rule_for("f", late)
    assert first.version <= second.version
    assert first.applies_on(early)
    assert second.applies_on(late)


def test_schedule_round_trips_through_json() -> None:
    schedule = FeeSchedule("SAR", (
        flat(criteria={"usage": "*"}, start=D(2024, 1, 1)),
        FeeRule(code="s", version=1, kind=FeeKind.SLAB, name_en="S", name_ar="س",
                bands=(SlabBand(Decimal(0), None, rate=Decimal("0.6")),), source="test",
                per_year=True, maximum=Money(600, "SAR")),
    ))  # fmt: skip
    again = from_json(to_json(schedule), FeeSchedule)
    assert again == schedule
    assert again.rule_for("f", D(2025, 1, 1), {"usage": "x"}).amount == Money(10, "SAR")


def test_a_datetime_is_refused_where_a_date_is_expected() -> None:
    import datetime as _dt

    from municipal_core.errors import InvalidFormat as _InvalidFormat

    with pytest.raises(_InvalidFormat):
        FeeRule(code="x", version=1, kind=FeeKind.FLAT, name_en="X", name_ar="س",
                amount=Money("1", "OMR"), source="t",
                effective_from=_dt.datetime(2026, 1, 1, 8), effective_to=_dt.date(2026, 2, 1))
