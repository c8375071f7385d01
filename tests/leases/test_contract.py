import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.dates import Period
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    NotFound,
)
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.leases import (
    IncrementKind,
    LeasedProperty,
    Party,
    PartyRole,
    RentIncrement,
    term_end,
)
from municipal_core.leases._contract import (
    Amendment,
    LeaseContract,
    LeaseStatus,
    PaymentFrequency,
    Termination,
    lease_rule,
    overlap,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import BuildContext, Builder, build_lease
from municipal_core.testing.strategies import contexts

D = dt.date
LANDLORD = Party("individual", "سالم", id_kind="om.civil_number", id_number="12345678")
TENANT = Party("company", "شركة النور", cr_kind="om.commercial_registration", cr="CR1234567")
SHOP = LeasedProperty("commercial", "Shop 4", building_number="3341")


def omr(amount: str | int) -> Money:
    return Money(amount, "OMR")


def lease(**overrides: Any) -> LeaseContract:
    values: dict[str, Any] = {
        "reference": "29458/2023",
        "jurisdiction": "om-sohar",
        "landlord": LANDLORD,
        "tenant": TENANT,
        "property": SHOP,
        "monthly_rent": omr(100),
        "start": D(2026, 1, 1),
        "months": 12,
        "signed_on": D(2025, 12, 20),
    }
    values.update(overrides)
    if "end" in overrides:
        values.pop("months")
    return LeaseContract.create(**values)


def saudi_lease(**overrides: Any) -> LeaseContract:
    """A Balady lease from the testing kit (Saudi parties and address), at 4 000 SAR."""
    values: dict[str, Any] = {
        "reference": "29458/2023",
        "monthly_rent": Money(4000, "SAR"),
        "deposit": Money(2000, "SAR"),
        "start": D(2026, 1, 1),
        "signed_on": D(2025, 12, 20),
        **overrides,
    }
    return Builder(jurisdiction="sa-balady").lease(**values)


# --------------------------------------------------------------------------- construction


def test_create_worked_example() -> None:
    contract = lease(frequency="quarterly")
    assert contract.end == D(2026, 12, 31)
    assert (contract.months, contract.term) == (12, (12, 0))
    assert contract.total_rent == omr(1200)
    assert contract.period == Period(D(2026, 1, 1), D(2026, 12, 31))
    assert contract.status is LeaseStatus.DRAFT
    assert contract.deposit == omr(0)
    assert contract.frequency is PaymentFrequency.QUARTERLY
    assert contract.frequency.months == 3
    assert contract.profile is OM_SOHAR


def test_create_with_an_end_date_prorates_the_last_month() -> None:
    contract = lease(end=D(2026, 2, 10))
    assert contract.term == (1, 10)
    assert contract.total_rent == omr("135.714")  # 100 + 100 x 10 / 28
    assert sum(m.amount for m in contract.rent_by_month()) == contract.total_rent


def test_create_needs_exactly_one_of_months_and_end() -> None:
    for extra in ({"months": 12, "end": D(2026, 12, 31)}, {"months": None}):
        values = {"reference": "1", "jurisdiction": OM_SOHAR, "landlord": LANDLORD,
                  "tenant": TENANT, "property": SHOP, "monthly_rent": omr(1),
                  "start": D(2026, 1, 1), "signed_on": D(2026, 1, 1), **extra}  # fmt: skip
        with pytest.raises(InvalidComponent) as info:
            LeaseContract.create(**values)  # type: ignore[arg-type]
        assert info.value.code == "lease.term.months_or_end"


def test_saudi_contract() -> None:
    contract = saudi_lease(months=84)  # no lease.max_term_years rule in the Saudi profile
    assert contract.total_rent == Money(336000, "SAR")
    assert lease_rule(contract.profile, "lease.max_term_years", D(2026, 1, 1)) is None
    assert from_json(to_json(contract), LeaseContract) == contract


@pytest.mark.parametrize(
    ("overrides", "error", "code"),
    [
        ({"end": D(2025, 12, 31)}, InvalidComponent, "lease.term.order"),
        ({"monthly_rent": omr(0)}, DomainRuleError, "lease.rent.not_positive"),
        ({"monthly_rent": omr(-5)}, DomainRuleError, "lease.rent.not_positive"),
        ({"monthly_rent": 100.0}, InvalidFormat, "lease.rent.type"),
        ({"monthly_rent": omr("100.0004")}, DomainRuleError, "lease.rent.precision"),
        ({"deposit": omr("0.0001")}, DomainRuleError, "lease.deposit.precision"),
        ({"monthly_rent": Decimal(100)}, InvalidFormat, "lease.rent.type"),
        ({"monthly_rent": Money(100, "SAR")}, CurrencyMismatch, "lease.currency"),
        ({"deposit": Money(100, "SAR")}, CurrencyMismatch, "lease.currency"),
        ({"deposit": omr(-1)}, DomainRuleError, "lease.deposit.negative"),
        ({"tenant": Party("individual", "x", id_kind="om.civil_number", id_number="12345678")},
         DomainRuleError, "lease.parties.same"),
        ({"tenant": Party("individual", "x", id_kind="sa.national_id", id_number="1000000008")},
         InvalidComponent, "lease.party.jurisdiction"),
        ({"landlord": Party("company", "x", cr_kind="sa.commercial_registration",
                            cr="1010123456")}, InvalidComponent, "lease.party.jurisdiction"),
        ({"months": 84}, DomainRuleError, "lease.term_too_long"),
        ({"end": D(2033, 1, 1)}, DomainRuleError, "lease.term_too_long"),
        ({"jurisdiction": "om-muscat"}, NotFound, "jurisdiction.unknown"),
        ({"frequency": "weekly"}, InvalidComponent, "lease.frequency"),
        ({"reference": ""}, InvalidLength, "lease.reference.length"),
        ({"reference": 29458}, InvalidFormat, "lease.reference.format"),
        ({"renews": "29458/2023"}, InvalidComponent, "lease.renews.self"),
        ({"start": dt.datetime(2026, 1, 1)}, InvalidFormat, "dates.type"),
        ({"signed_on": "2026-01-01"}, InvalidFormat, "lease.signed_on.type"),
        ({"property": "Shop 4"}, InvalidFormat, "lease.property.type"),
        ({"landlord": "Salim"}, InvalidFormat, "lease.party.type"),
        ({"increments": (RentIncrement(D(2027, 1, 1), "flat", amount=omr(5)),)},
         InvalidComponent, "lease.increment.outside_term"),
        ({"increments": (RentIncrement(D(2025, 12, 31), "flat", amount=omr(5)),)},
         InvalidComponent, "lease.increment.outside_term"),
        ({"increments": (RentIncrement(D(2026, 6, 1), "flat", amount=Money(5, "SAR")),)},
         CurrencyMismatch, "lease.currency"),
        ({"increments": ("5%",)}, InvalidFormat, "lease.increment.type"),
        ({"increments": "5%"}, InvalidFormat, "lease.increment.type"),
    ],
)  # fmt: skip
def test_impossible_contracts_cannot_be_built(
    overrides: dict[str, Any], error: type[MunicipalError], code: str
) -> None:
    with pytest.raises(error) as info:
        lease(**overrides)
    assert info.value.code == code
    assert info.value.message_en
    assert info.value.message_ar
    assert "12345678" not in info.value.message_en + info.value.message_ar


def test_collections_must_be_iterables() -> None:
    for bad in (5, "A-1"):
        with pytest.raises(InvalidFormat) as info:
            attrs.evolve(lease(), amendments=bad)
        assert info.value.code == "lease.type"


def test_max_term_boundary_and_its_rule_date() -> None:
    assert lease(months=83).months == 83
    assert lease(end=D(2032, 12, 30)).term == (83, 30)
    with pytest.raises(DomainRuleError) as info:
        lease(months=84)
    assert "7 years" in info.value.message_en
    assert info.value.field == "end"


@given(st.integers(min_value=1, max_value=120), st.integers(min_value=0, max_value=27))
def test_term_limit_is_whole_years_of_the_rule(months: int, days: int) -> None:
    end = term_end(D(2026, 1, 1), months) + dt.timedelta(days=days)
    try:
        contract = lease(end=end)
    except DomainRuleError as err:
        assert err.code == "lease.term_too_long"
        assert months >= 84
    else:
        assert contract.term == (months, days)
        assert months < 84


# --------------------------------------------------------------------------- amendments


def amendment(ref: str = "A-1", **changes: Any) -> Amendment:
    return Amendment(ref, D(2026, 5, 20), changes.pop("effective_on", D(2026, 7, 1)), **changes)


def test_amendment_needs_a_change() -> None:
    with pytest.raises(InvalidComponent) as info:
        Amendment("A-1", D(2026, 5, 20), D(2026, 7, 1), note="just a note")
    assert info.value.code == "lease.amendment.empty"
    with pytest.raises(DomainRuleError):
        amendment(monthly_rent=omr(0))
    with pytest.raises(InvalidFormat):
        amendment(end=dt.datetime(2027, 1, 1))
    assert amendment(frequency="annual").frequency is PaymentFrequency.ANNUAL
    assert amendment(deposit=omr(0)).deposit == omr(0)


def test_amended_rent_and_end_reflect_in_the_contract() -> None:
    base = lease()
    new = amendment(monthly_rent=omr(80), end=D(2027, 6, 30), note="rent cut, term extended")
    contract = attrs.evolve(base, end=D(2027, 6, 30), amendments=(new,))
    assert contract.rent_changes == (RentIncrement(D(2026, 7, 1), IncrementKind.SET,
                                                   amount=omr(80)),)  # fmt: skip
    assert contract.total_rent == omr(6 * 100 + 12 * 80)
    assert contract.monthly_rent_on(D(2026, 6, 30)) == omr(100)
    assert contract.monthly_rent_on(D(2026, 7, 1)) == omr(80)
    assert from_json(to_json(contract), LeaseContract) == contract


def test_amended_rent_and_increments_combine() -> None:
    rise = RentIncrement(D(2026, 10, 1), "percentage", rate=Decimal("0.10"))
    contract = attrs.evolve(
        lease(increments=(rise,)), amendments=(amendment(monthly_rent=omr(80)),)
    )
    assert contract.monthly_rent_on(D(2026, 12, 1)) == omr(88)
    assert contract.total_rent == omr(6 * 100 + 3 * 80 + 3 * 88)


@pytest.mark.parametrize(
    ("overrides", "error", "code"),
    [
        ({"amendments": (amendment(effective_on=D(2027, 1, 1), deposit=omr(1)),)},
         InvalidComponent, "lease.amendment.outside_term"),
        ({"amendments": (amendment(deposit=omr(1)), amendment(deposit=omr(1)))},
         DuplicateError, "lease.amendment.duplicate"),
        ({"amendments": (amendment(end=D(2027, 3, 31)),)},
         InvalidComponent, "lease.amendment.inconsistent"),
        ({"amendments": (amendment(frequency="annual"),)},
         InvalidComponent, "lease.amendment.inconsistent"),
        ({"deposit": omr(50), "amendments": (amendment(deposit=omr(50)),
                                             amendment("A-2", deposit=omr(60)))},
         InvalidComponent, "lease.amendment.inconsistent"),
        ({"amendments": (amendment(monthly_rent=Money(5, "SAR")),)},
         CurrencyMismatch, "lease.currency"),
        ({"amendments": [None]}, InvalidFormat, "lease.amendment.type"),
    ],
)  # fmt: skip
def test_amendments_must_agree_with_the_contract(
    overrides: dict[str, Any], error: type[MunicipalError], code: str
) -> None:
    with pytest.raises(error) as info:
        attrs.evolve(lease(), **overrides)
    assert info.value.code == code


def test_consistent_amendment_chain_is_accepted() -> None:
    chain = (amendment(deposit=omr(50)), amendment("A-2", deposit=omr(60), frequency="annual"))
    contract = attrs.evolve(lease(), deposit=omr(60), frequency="annual", amendments=chain)
    assert contract.amendments == chain
    assert contract.deposit == omr(60)


# --------------------------------------------------------------------------- termination


def test_termination() -> None:
    ended = Termination(D(2026, 3, 1), D(2026, 6, 1), "landlord", " Owner  moves in ")
    contract = attrs.evolve(lease(), termination=ended, status="cancelled")
    assert contract.status is LeaseStatus.CANCELLED
    assert contract.termination is not None
    assert contract.termination.reason == "Owner moves in"
    assert contract.termination.by is PartyRole.LANDLORD
    with pytest.raises(InvalidComponent) as info:
        Termination(D(2026, 6, 2), D(2026, 6, 1), "tenant", "x")
    assert info.value.code == "lease.termination.dates"
    with pytest.raises(InvalidComponent) as info:
        attrs.evolve(lease(), termination=Termination(D(2026, 6, 2), D(2027, 6, 1), "tenant", "x"))
    assert info.value.code == "lease.termination.outside_term"
    with pytest.raises(InvalidComponent) as info:
        Termination(D(2026, 6, 1), D(2026, 6, 1), "agent", "x")
    assert info.value.code == "lease.termination.by"


# --------------------------------------------------------------------------- queries


def test_queries() -> None:
    contract = lease()
    assert contract.party("landlord") is LANDLORD
    assert contract.party(PartyRole.TENANT) is TENANT
    assert contract.remaining_term(D(2026, 7, 15)) == (5, 17)
    with pytest.raises(InvalidComponent):
        contract.party("agent")


def test_overlap_of_leases_of_one_unit() -> None:
    old = lease()
    renewal = lease(reference="2/2027", start=D(2027, 1, 1), renews=old.reference)
    clash = lease(reference="3/2026", start=D(2026, 10, 1))
    assert overlap(old, renewal) is None
    assert overlap(old, clash) == Period(D(2026, 10, 1), D(2026, 12, 31))
    assert overlap(clash, old) == overlap(old, clash)
    shop_5 = LeasedProperty("commercial", "Shop 5", building_number="3341")
    other_unit = lease(reference="4/2026", property=shop_5)
    assert overlap(old, other_unit) is None
    assert overlap(old, saudi_lease()) is None
    with pytest.raises(InvalidFormat):
        overlap(old, Period(D(2026, 1, 1), D(2026, 1, 2)))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- serialization


def test_full_contract_round_trips() -> None:
    contract = attrs.evolve(
        lease(frequency="semi_annual", deposit=omr(200),
              increments=(RentIncrement(D(2026, 7, 1), "percentage", rate=Decimal("0.05")),)),
        status=LeaseStatus.ACTIVE,
        renews="29000/2022",
        amendments=(amendment(monthly_rent=omr(90), note="x"),),
        termination=Termination(D(2026, 8, 1), D(2026, 11, 1), "tenant", "moving"),
    )  # fmt: skip
    text = to_json(contract)
    assert "12345678" in text  # serialization keeps the data; only repr and errors mask
    assert from_json(text, LeaseContract) == contract


def test_loading_revalidates() -> None:
    data = to_json(lease()).replace('"100.000"', '"-1"')
    with pytest.raises(DomainRuleError) as info:
        from_json(data, LeaseContract)
    assert info.value.code == "lease.rent.not_positive"


@given(
    contexts("om-sohar"),
    st.dates(min_value=D(2000, 1, 1), max_value=D(2080, 12, 31)),
    st.integers(min_value=1, max_value=83),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100000), places=3),
    st.sampled_from(PaymentFrequency),
)
def test_contracts_round_trip_and_total_whole_months(
    ctx: BuildContext, start: dt.date, months: int, rent: Decimal, frequency: PaymentFrequency
) -> None:
    # Parties and property drawn by the testing kit; the terms under test by Hypothesis.
    contract = build_lease(
        ctx, start=start, months=months, monthly_rent=omr(rent), frequency=frequency
    )
    assert contract.total_rent == omr(rent) * months
    assert contract.months == months
    assert from_json(to_json(contract), LeaseContract) == contract
