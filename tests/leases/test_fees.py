"""Lease registration and amendment fees: rates by date, late fines, Saudi, VAT, amendments."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.billing import FeeBreakdown, Payer, PayerKind, TaxHead, issue_invoice
from municipal_core.dates import add_months
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidFormat,
    NotFound,
)
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY, RuleBook, RuleValue, VatTreatment
from municipal_core.leases import (
    AMENDMENT_FEE,
    RATE_RULE,
    REGISTRATION_FEE,
    WINDOW_RULE,
    _fees,
    added_value,
    amendment_fee,
    fee_for_rent,
    registration_deadline,
    registration_fee,
)
from municipal_core.leases._contract import Amendment, LeaseContract, _example
from municipal_core.money import SAR, Money
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import Builder

D = dt.date


def omr(amount: str | int) -> Money:
    return Money(amount, "OMR")


SIGNED = D(2025, 12, 20)


def lease(signed_on: dt.date = SIGNED, **changes: object) -> LeaseContract:
    return attrs.evolve(_example(), signed_on=signed_on, **changes)


def saudi_lease() -> LeaseContract:
    """The example lease's terms in Balady, with kit parties: 2 000 SAR a month."""
    example = _example()
    return Builder(jurisdiction="sa-balady").lease(
        monthly_rent=Money(2000, "SAR"), deposit=Money(0, "SAR"), start=example.start,
        months=example.months, signed_on=SIGNED,
    )  # fmt: skip


def lines(breakdown: FeeBreakdown) -> list[tuple[str, str, Money]]:
    return [(line.code, line.tax_head.value, line.amount) for line in breakdown.lines]


def checked(breakdown: FeeBreakdown) -> FeeBreakdown:
    """Rebuild through the validating constructor: lines in one currency, summing to total."""
    again = FeeBreakdown(
        breakdown.jurisdiction, breakdown.on, breakdown.lines, breakdown.total, breakdown.rounding
    )
    assert again == breakdown
    return breakdown


def with_rules(base: RuleBook, *extra: RuleValue, drop: str = "") -> RuleBook:
    return RuleBook(tuple(r for r in base.values if r.name != drop) + extra)


# --------------------------------------------------------------------------- worked examples


def test_worked_example_100_omr_for_12_months_at_3_percent() -> None:
    fee = checked(registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 5)))
    assert lines(fee) == [(REGISTRATION_FEE, "FEE", omr(36))]
    assert fee.total == omr("36.000")
    assert fee.lines[0].base == omr(1200)
    assert fee.lines[0].rule_version == 3  # the third version of the rate: 3% since 2021
    assert fee.on == D(2025, 12, 20)


@pytest.mark.parametrize(
    ("signed_on", "fee"),
    [
        (D(2016, 1, 31), 36),
        (D(2016, 2, 1), 60),
        (D(2018, 6, 1), 60),
        (D(2020, 12, 31), 60),
        (D(2021, 1, 1), 36),
    ],
)
def test_the_rate_in_force_on_the_signing_day_applies(signed_on: dt.date, fee: int) -> None:
    contract = lease(signed_on)
    result = registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=signed_on)
    assert result.total == omr(fee)


def test_late_registration_adds_a_fine_of_three_times_the_fee() -> None:
    contract = lease()
    deadline = registration_deadline(contract, OM_SOHAR)
    assert deadline == D(2026, 1, 20)  # one month after signing on 20 Dec
    on_time = registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=deadline)
    assert on_time.total == omr(36)
    late = checked(registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 21)))
    fine = (f"{REGISTRATION_FEE}.late", "PENALTY", omr(108))
    assert lines(late) == [(REGISTRATION_FEE, "FEE", omr(36)), fine]
    assert late.lines[1].name_ar == "غرامة التأخر في تسجيل العقد (3 × الرسم)"
    assert late.total == omr(144)
    assert late.subtotal(TaxHead.PENALTY) == late.subtotal(TaxHead.FEE) * 3


def test_a_renewal_is_due_within_a_month_of_the_old_expiry() -> None:
    renewal = lease(D(2025, 10, 1), renews="0/2025")
    assert registration_deadline(renewal, OM_SOHAR) == D(2026, 2, 1)  # from its start
    fee = registration_fee(renewal, jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 25))
    assert fee.subtotal(TaxHead.PENALTY).is_zero()
    late = registration_fee(renewal, jurisdiction=OM_SOHAR, registered_on=D(2026, 2, 2))
    assert late.total == omr(144)


def test_the_fee_is_on_the_total_rent_with_a_prorated_month() -> None:
    contract = lease(end=D(2027, 1, 15))  # 12 months and 15 days of January
    assert contract.total_rent == omr("1248.387")
    fee = registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 1))
    assert fee.lines[0].amount == omr("37.45161")  # exact: 3% of 1248.387
    assert fee.total == omr("37.452")  # rounded once, half up, with a round-off line
    assert fee.lines[-1].tax_head is TaxHead.ROUND_OFF


def test_saudi_has_no_municipal_lease_fee() -> None:
    contract = saudi_lease()
    fee = checked(registration_fee(contract, jurisdiction=SA_BALADY, registered_on=D(2026, 9, 1)))
    assert lines(fee) == [(REGISTRATION_FEE, "FEE", Money(0, "SAR"))]
    assert fee.total == Money(0, "SAR")
    with pytest.raises(NotFound) as info:
        registration_deadline(contract, SA_BALADY)
    assert info.value.code == "jurisdiction.rule.unknown"


def test_a_host_app_can_configure_a_saudi_fee() -> None:
    rules = SA_BALADY.rules.with_value(RATE_RULE, Decimal("0.01"), D(2025, 1, 1), source="test")
    rules = rules.with_value(WINDOW_RULE, 2, D(2025, 1, 1), source="test")
    configured = attrs.evolve(SA_BALADY, rules=rules)
    contract = saudi_lease()
    fee = registration_fee(contract, jurisdiction=configured, registered_on=D(2026, 3, 1))
    assert fee.total == Money(240, "SAR")  # 1% of 24 000; no multiplier rule: no fine
    assert registration_deadline(contract, configured) == D(2026, 2, 20)  # signed 20 Dec


def test_vat_follows_the_profile() -> None:
    taxed = attrs.evolve(OM_SOHAR, default_fee_vat=VatTreatment.IN_SCOPE)
    fee = checked(registration_fee(lease(), jurisdiction=taxed, registered_on=D(2026, 1, 5)))
    assert lines(fee) == [(REGISTRATION_FEE, "FEE", omr(36)), (REGISTRATION_FEE, "TAX", omr("1.8"))]
    assert fee.total == omr("37.800")


def test_a_profile_change_is_seen_by_the_next_calculation() -> None:
    cheaper = attrs.evolve(
        OM_SOHAR,
        rules=OM_SOHAR.rules.with_value(RATE_RULE, Decimal("0.02"), D(2025, 1, 1), source="t"),
    )
    assert registration_fee(lease(), jurisdiction=cheaper, registered_on=D(2026, 1, 1)).total == (
        omr(24)
    )
    assert registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 1)).total == (
        omr(36)
    )


def test_breakdowns_round_trip_through_json() -> None:
    late = registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on=D(2026, 3, 1))
    assert from_json(to_json(late), FeeBreakdown) == late


# --------------------------------------------------------------------------- amendments


def amended(contract: LeaseContract, change: Amendment, **terms: object) -> LeaseContract:
    return attrs.evolve(contract, amendments=(*contract.amendments, change), **terms)


def fee_of(change: Amendment, registered_on: dt.date, **terms: object) -> FeeBreakdown:
    """The amendment fee of ``change`` to the example lease, its terms changed by ``terms``."""
    before = lease()
    after = amended(before, change, **terms)
    return amendment_fee(
        before, change, amended=after, jurisdiction=OM_SOHAR, registered_on=registered_on
    )


def test_an_amendment_is_charged_on_the_value_it_adds() -> None:
    rise = Amendment("1/2026-A1", D(2026, 6, 1), D(2026, 7, 1), monthly_rent=omr(120))
    assert lines(fee_of(rise, D(2026, 6, 2))) == [(AMENDMENT_FEE, "FEE", omr("3.6"))]  # 3% of 6x20
    extension = Amendment("1/2026-A2", D(2026, 6, 1), D(2026, 7, 1), end=D(2027, 6, 30))
    fee = fee_of(extension, D(2026, 8, 1), end=D(2027, 6, 30))
    assert fee.lines[0].base == omr(600)
    assert fee.total == omr(72)  # 18 fee + 54 fine: registered two months after signing


def test_a_rent_cut_costs_nothing() -> None:
    cut = Amendment("1/2026-A1", D(2026, 6, 1), D(2026, 7, 1), monthly_rent=omr(80))
    fee = fee_of(cut, D(2026, 12, 1))
    assert fee.total == omr(0)
    assert fee.subtotal(TaxHead.PENALTY).is_zero()  # a late fine of 3 x nothing is nothing


def test_the_amended_contract_must_match() -> None:
    contract = lease()
    rise = Amendment("1/2026-A1", D(2026, 6, 1), D(2026, 7, 1), monthly_rent=omr(120))
    other = Amendment("1/2026-A9", D(2026, 6, 1), D(2026, 7, 1), monthly_rent=omr(130))
    for wrong in (contract, amended(contract, other), amended(contract, rise, reference="9/2026")):
        with pytest.raises(DomainRuleError) as info:
            amendment_fee(
                contract, rise, amended=wrong, jurisdiction=OM_SOHAR, registered_on=D(2026, 6, 2)
            )
        assert info.value.code == "lease.fee.amendment"


def test_added_value() -> None:
    assert added_value(omr(100), omr(150)) == omr(50)
    assert added_value(omr(150), omr(100)) == omr(0)
    with pytest.raises(CurrencyMismatch):
        added_value(omr(100), Money(150, "SAR"))


# --------------------------------------------------------------------------- errors


def test_registration_before_signing_is_refused() -> None:
    with pytest.raises(DomainRuleError) as info:
        registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on=D(2025, 12, 19))
    assert info.value.code == "lease.fee.registered_before_signing"


def test_the_profile_must_be_the_contracts() -> None:
    with pytest.raises(DomainRuleError) as info:
        registration_fee(lease(), jurisdiction=SA_BALADY, registered_on=D(2026, 1, 1))
    assert info.value.code == "lease.fee.jurisdiction"
    with pytest.raises(InvalidFormat) as fmt:
        registration_fee(lease(), jurisdiction="om-sohar", registered_on=D(2026, 1, 1))  # type: ignore[arg-type]
    assert fmt.value.code == "lease.fee.type"
    with pytest.raises(InvalidFormat) as contract:
        registration_fee("1/2026", jurisdiction=OM_SOHAR, registered_on=D(2026, 1, 1))  # type: ignore[arg-type]
    assert contract.value.code == "lease.fee.type"
    with pytest.raises(InvalidFormat) as day:
        registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on="2026-01-01")  # type: ignore[arg-type]
    assert day.value.code == "dates.type"


def test_a_gap_in_the_rate_history_is_an_error_not_a_free_lease() -> None:
    gap = RuleValue(RATE_RULE, Decimal("0.03"), D(2027, 1, 1), source="test")
    profile = attrs.evolve(OM_SOHAR, rules=with_rules(OM_SOHAR.rules, gap, drop=RATE_RULE))
    with pytest.raises(NotFound) as info:
        registration_fee(lease(), jurisdiction=profile, registered_on=D(2026, 1, 1))
    assert info.value.code == "jurisdiction.rule.not_in_force"


@pytest.mark.parametrize(
    ("rule", "value"),
    [
        (RATE_RULE, 3),
        (RATE_RULE, Decimal("1.5")),
        (WINDOW_RULE, "one"),
        (WINDOW_RULE, -1),
        (WINDOW_RULE, Decimal("1.5")),
    ],
)
def test_a_malformed_rule_is_a_typed_error(rule: str, value: object) -> None:
    bad = RuleValue(rule, value, source="test")  # type: ignore[arg-type]
    profile = attrs.evolve(OM_SOHAR, rules=with_rules(OM_SOHAR.rules, bad, drop=rule))
    with pytest.raises(InvalidFormat) as info:
        registration_fee(lease(), jurisdiction=profile, registered_on=D(2026, 3, 1))
    assert info.value.code == "lease.fee.rule"


def test_fee_for_rent_checks_its_inputs() -> None:
    with pytest.raises(InvalidFormat):
        fee_for_rent(
            Decimal(1200),  # type: ignore[arg-type]
            jurisdiction=OM_SOHAR, signed_on=D(2026, 1, 1), registered_on=D(2026, 1, 1),
        )  # fmt: skip
    with pytest.raises(CurrencyMismatch) as info:
        fee_for_rent(
            Money(1200, "SAR"), jurisdiction=OM_SOHAR, signed_on=D(2026, 1, 1),
            registered_on=D(2026, 1, 1),
        )  # fmt: skip
    assert info.value.code == "lease.fee.currency"


# --------------------------------------------------------------------------- properties

units = st.integers(min_value=1, max_value=10**12)
days = st.dates(min_value=D(2010, 1, 1), max_value=D(2035, 12, 31))


@settings(max_examples=400, deadline=None)
@given(a=units, b=units, signed_on=days, delay=st.integers(min_value=0, max_value=120))
def test_the_fee_is_monotone_in_rent(a: int, b: int, signed_on: dt.date, delay: int) -> None:
    low, high = sorted((Money.from_minor_units(a, "OMR"), Money.from_minor_units(b, "OMR")))
    registered_on = signed_on + dt.timedelta(days=delay)

    def fee(total: Money) -> FeeBreakdown:
        return fee_for_rent(
            total, jurisdiction=OM_SOHAR, signed_on=signed_on, registered_on=registered_on
        )

    assert fee(low).total <= fee(high).total
    rate = OM_SOHAR.rules.decimal(RATE_RULE, signed_on)
    late = registered_on > add_months(signed_on, 1)
    expected = (high * rate * (4 if late else 1)).round(ROUND_HALF_UP)
    assert fee(high).total == expected


def test_the_breakdown_becomes_an_invoice() -> None:
    late = registration_fee(lease(), jurisdiction=OM_SOHAR, registered_on=D(2026, 2, 1))
    payer = Payer(PayerKind.INDIVIDUAL, "12345678", "سالم")
    invoice = issue_invoice(
        late, payer=payer, issued_on=D(2026, 2, 1), due_on=D(2026, 2, 15),
        sequence=InMemorySequence(),
    )  # fmt: skip
    assert invoice.total == omr(144)
    assert invoice.lines == late.lines


def test_profiles_sharing_a_rule_book_keep_their_own_currency() -> None:
    in_riyals = attrs.evolve(OM_SOHAR, currency=SAR)  # same RuleBook object, other money
    assert in_riyals.rules is OM_SOHAR.rules
    for profile, rent in ((OM_SOHAR, omr(1200)), (in_riyals, Money(1200, "SAR"))):
        fee = fee_for_rent(rent, jurisdiction=profile, signed_on=SIGNED, registered_on=SIGNED)
        assert fee.total == rent * Decimal("0.03")


def test_the_per_day_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    book = RuleBook(OM_SOHAR.rules.values)  # a fresh book: a fresh memo
    profile = attrs.evolve(OM_SOHAR, rules=book)
    monkeypatch.setattr(_fees, "_MAX_RESOLVED", 3)
    for day in range(10):
        signed_on = D(2018, 1, 1) + dt.timedelta(days=day)
        fee = fee_for_rent(
            omr(100), jurisdiction=profile, signed_on=signed_on, registered_on=D(2018, 6, 1)
        )
        assert fee.total == omr(20)  # 5% in 2018, plus 3 x 5% for registering late
    assert len(_fees._rules(book).resolved) <= 3
