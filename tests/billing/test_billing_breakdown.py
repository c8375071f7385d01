import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.billing import (
    FeeBreakdown,
    FeeKind,
    FeeRequest,
    FeeRule,
    FeeSchedule,
    LatePenalty,
    RebateWindow,
    SlabBand,
    TaxHead,
    calculate,
)
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
)
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY, VatTreatment
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date
ON = D(2026, 1, 1)


def rule(code: str, kind: FeeKind, **kw: object) -> FeeRule:
    return FeeRule(code=code, version=1, kind=kind, name_en=code, name_ar="رسم", source="test",
                   **kw)  # type: ignore[arg-type]  # fmt: skip


APPLICATION = rule("application", FeeKind.FLAT, amount=Money("0.100", "OMR"))
PERMIT = rule("permit", FeeKind.FLAT, amount=Money("5.000", "OMR"))
AREA = rule("area", FeeKind.RATE, rate=Decimal("0.020"), free_quantity=Decimal(400), unit="m²")
LEASE = rule("lease", FeeKind.PERCENTAGE, rate=Decimal("0.03"))
DHAHIRAH = FeeSchedule("OMR", (APPLICATION, PERMIT, AREA, LEASE))


def test_al_dhahirah_major_permit_example() -> None:
    # DOMAIN.md §5: 0.100 application + 5.000 permit + 0.020 per m² above 400 m².
    b = calculate(DHAHIRAH, ["application", "permit", "area"], on=ON, jurisdiction=OM_SOHAR,
                  quantity=Decimal(650))  # fmt: skip
    assert [x.amount for x in b.lines] == [Money("0.1", "OMR"), Money(5, "OMR"), Money(5, "OMR")]
    assert b.total == Money("10.100", "OMR")
    assert b.lines[2].quantity == Decimal(650)
    assert b.lines[2].rule_version == 1
    small = calculate(DHAHIRAH, ["area"], on=ON, jurisdiction=OM_SOHAR, quantity=Decimal(300))
    assert small.total == Money(0, "OMR")


def test_oman_lease_registration_worked_example() -> None:
    # DOMAIN.md §4: 100 x 12 x 3% = 36.000 OMR.
    b = calculate(DHAHIRAH, [FeeRequest("lease", base=Money(1200, "OMR"))], on=ON,
                  jurisdiction=OM_SOHAR)  # fmt: skip
    assert b.total == Money(36, "OMR")
    assert b.lines[0].base == Money(1200, "OMR")


def test_total_is_rounded_once_with_a_round_off_line() -> None:
    b = calculate(DHAHIRAH, [FeeRequest("lease", base=Money("1234.567", "OMR"))], on=ON,
                  jurisdiction=OM_SOHAR, rounding=ROUND_DOWN)  # fmt: skip
    assert b.lines[0].amount.amount == Decimal("37.03701")
    assert b.lines[-1].tax_head is TaxHead.ROUND_OFF
    assert b.lines[-1].amount == Money("-0.00001", "OMR")
    assert b.total == Money("37.037", "OMR")
    assert b.rounding == ROUND_DOWN


def test_vat_in_scope_uses_the_rate_in_force() -> None:
    fee = rule("sign", FeeKind.FLAT, amount=Money(100, "SAR"), vat=VatTreatment.IN_SCOPE)
    schedule = FeeSchedule("SAR", (fee,))
    before = calculate(schedule, ["sign"], on=D(2020, 6, 30), jurisdiction=SA_BALADY)
    after = calculate(schedule, ["sign"], on=D(2020, 7, 1), jurisdiction=SA_BALADY)
    assert before.subtotal(TaxHead.TAX) == Money(5, "SAR")
    assert after.subtotal(TaxHead.TAX) == Money(15, "SAR")
    assert after.lines[1].rate == Decimal("0.15")
    assert after.lines[1].base == Money(100, "SAR")


@pytest.mark.parametrize("treatment", [VatTreatment.EXEMPT, VatTreatment.OUTSIDE_SCOPE, None])
def test_no_vat_line_unless_in_scope(treatment: VatTreatment | None) -> None:
    fee = rule("sign", FeeKind.FLAT, amount=Money(100, "SAR"), vat=treatment)
    b = calculate(FeeSchedule("SAR", (fee,)), ["sign"], on=ON, jurisdiction=SA_BALADY)
    assert [x.tax_head for x in b.lines] == [TaxHead.FEE]


def test_per_year_slab_and_clamps() -> None:
    shop = rule("shop", FeeKind.SLAB, per_year=True, minimum=Money(150, "SAR"),
                maximum=Money(1000, "SAR"), bands=(
                    SlabBand(Decimal(0), Decimal(50), amount=Money(100, "SAR")),
                    SlabBand(Decimal(50), None, rate=Decimal(6)),
                ))  # fmt: skip
    schedule = FeeSchedule("SAR", (shop,))
    total = lambda q, y: calculate(schedule, ["shop"], on=ON, jurisdiction=SA_BALADY,  # noqa: E731
                                   quantity=Decimal(q), years=y).total  # fmt: skip
    assert total(10, 1) == Money(150, "SAR")  # 100, raised to the minimum
    assert total(10, 3) == Money(300, "SAR")
    assert total(60, 2) == Money(720, "SAR")
    assert total(60, 3) == Money(1000, "SAR")  # 1080, held to the maximum


def test_exemption_reduces_and_may_not_turn_the_total_negative() -> None:
    base = rule("fee", FeeKind.FLAT, amount=Money(100, "SAR"))
    half = rule("gov", FeeKind.FLAT, amount=Money(50, "SAR"), tax_head=TaxHead.EXEMPTION)
    big = rule("big", FeeKind.FLAT, amount=Money(500, "SAR"), tax_head=TaxHead.EXEMPTION)
    schedule = FeeSchedule("SAR", (base, half, big))
    b = calculate(schedule, ["fee", "gov"], on=ON, jurisdiction=SA_BALADY)
    assert b.total == Money(50, "SAR")
    assert b.subtotal(TaxHead.EXEMPTION) == Money(-50, "SAR")
    with pytest.raises(DomainRuleError) as err:
        calculate(schedule, ["fee", "big"], on=ON, jurisdiction=SA_BALADY)
    assert err.value.code == "billing.breakdown.negative_total"


TIMED = FeeSchedule(
    "OMR",
    (rule("fee", FeeKind.FLAT, amount=Money(200, "OMR")),),
    rebate=RebateWindow(rate=Decimal("0.1"), days_before_due=10, source="test"),
    penalty=LatePenalty(source="test", flat=Money(5, "OMR"), daily_rate=Decimal("0.01"),
                        grace_days=3, max_days=30, maximum=Money(50, "OMR")),
)  # fmt: skip


@pytest.mark.parametrize(
    ("paid_on", "head", "amount"),
    [
        (D(2026, 3, 21), TaxHead.REBATE, Money(-20, "OMR")),  # 10 days early
        (D(2026, 3, 22), None, None),  # too late for the rebate, not late
        (D(2026, 4, 3), None, None),  # within the grace period
        (D(2026, 4, 5), TaxHead.PENALTY, Money(15, "OMR")),  # 5 + 5 days x 2
        (D(2026, 12, 31), TaxHead.PENALTY, Money(50, "OMR")),  # clamped
    ],
)
def test_rebate_or_penalty_by_payment_date(paid_on, head, amount) -> None:
    b = calculate(TIMED, ["fee"], on=ON, jurisdiction=OM_SOHAR, due_on=D(2026, 3, 31),
                  paid_on=paid_on)  # fmt: skip
    heads = [x.tax_head for x in b.lines]
    assert TaxHead.REBATE not in heads or TaxHead.PENALTY not in heads
    if head is None:
        assert heads == [TaxHead.FEE]
    else:
        assert b.lines[-1].tax_head is head
        assert b.lines[-1].amount == amount


def test_muscat_daily_violation_fine_stops_at_sixty_days() -> None:
    fine = LatePenalty(source="Muscat 55/2017", daily_amount=Money(50, "OMR"), max_days=60)
    assert fine.amount_for(Decimal(0), due_on=ON, paid_on=ON + dt.timedelta(days=2)) == 100
    assert fine.amount_for(Decimal(0), due_on=ON, paid_on=ON + dt.timedelta(days=90)) == 3000


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"quantity": 1.5}, InvalidFormat, "billing.request.quantity.type"),
        ({"quantity": Decimal(-1)}, InvalidComponent, "billing.request.quantity.range"),
        ({"years": 0}, InvalidComponent, "billing.request.years"),
        ({"rounding": "half"}, InvalidComponent, "billing.breakdown.rounding"),
        ({"due_on": ON}, InvalidFormat, "billing.breakdown.dates"),
        ({"base": Money(1, "SAR")}, CurrencyMismatch, "billing.request.currency"),
        ({"criteria": ["x"]}, InvalidFormat, "billing.rule.criteria"),
    ],
)
def test_bad_inputs_raise_typed_errors(kwargs, error, code) -> None:
    with pytest.raises(error) as err:
        calculate(DHAHIRAH, ["lease"], on=ON, jurisdiction=OM_SOHAR, **kwargs)
    assert err.value.code == code


def test_missing_base_wrong_jurisdiction_and_empty_request() -> None:
    with pytest.raises(DomainRuleError, match="base"):
        calculate(DHAHIRAH, ["lease"], on=ON, jurisdiction=OM_SOHAR)
    with pytest.raises(CurrencyMismatch):
        calculate(DHAHIRAH, ["permit"], on=ON, jurisdiction=SA_BALADY)
    with pytest.raises(InvalidFormat):
        calculate(DHAHIRAH, [], on=ON, jurisdiction=OM_SOHAR)
    with pytest.raises(InvalidFormat):
        calculate(DHAHIRAH, [42], on=ON, jurisdiction=OM_SOHAR)  # type: ignore[list-item]


def test_breakdown_refuses_a_total_that_is_not_the_sum() -> None:
    b = calculate(DHAHIRAH, ["permit"], on=ON, jurisdiction=OM_SOHAR)
    with pytest.raises(DomainRuleError):
        FeeBreakdown(b.jurisdiction, b.on, b.lines, Money(6, "OMR"), b.rounding)


amounts = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False)


@given(
    quantity=amounts,
    base=amounts,
    years=st.integers(1, 5),
    rounding=st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]),
    vat=st.sampled_from(list(VatTreatment)),
    paid=st.integers(-60, 60),
)
def test_total_equals_the_sum_of_lines_and_revalidates(quantity, base, years, rounding, vat, paid):
    per_year = rule("yearly", FeeKind.RATE, rate=Decimal("1.25"), per_year=True, vat=vat)
    pct = rule("pct", FeeKind.PERCENTAGE, rate=Decimal("0.025"))
    rebate = RebateWindow(rate=Decimal("0.05"), source="t")
    penalty = LatePenalty(source="t", daily_rate=Decimal("0.001"))
    schedule = FeeSchedule("SAR", (per_year, pct), rebate=rebate, penalty=penalty)
    b = calculate(schedule, ["yearly", FeeRequest("pct", base=Money(base, "SAR"))], on=ON,
                  jurisdiction=SA_BALADY, quantity=quantity, years=years, rounding=rounding,
                  due_on=ON, paid_on=ON + dt.timedelta(days=paid))  # fmt: skip
    assert sum(x.amount for x in b.lines) == b.total
    assert b.total.is_rounded()
    assert not b.total.is_negative()
    assert [x.tax_head for x in b.lines].count(TaxHead.ROUND_OFF) <= 1
    # The hot path builds results without re-running validators: prove they are valid.
    assert from_json(to_json(b), FeeBreakdown) == b


def test_errors_are_all_municipal_errors() -> None:
    with pytest.raises(MunicipalError):
        calculate("nope", ["x"], on=ON, jurisdiction=OM_SOHAR)  # type: ignore[arg-type]


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**17), max_value=10**17,
                   places=12))  # fmt: skip
def test_unchecked_money_matches_money_exactly(value: Decimal) -> None:
    from municipal_core.money import OMR

    fast = Money._from_exact(value, OMR)
    assert repr(fast) == repr(Money(value, OMR))
    assert fast == Money(value, OMR)
