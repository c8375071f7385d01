"""Deposit settlement: refund never negative, explicit amount owed, figures always agree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
)
from municipal_core.leases import Deduction, DeductionKind, DepositSettlement, settle_deposit
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json


def omr(amount: str) -> Money:
    return Money(amount, "OMR")


def test_partial_deductions_leave_a_refund() -> None:
    s = settle_deposit(
        omr("500"),
        [
            Deduction(DeductionKind.DAMAGE, "Broken window", omr("75.250")),
            Deduction(DeductionKind.UNPAID_RENT, "May rent", omr("200")),
        ],
    )
    assert s.deducted == omr("275.250")
    assert s.refundable == omr("224.750")
    assert s.amount_owed == omr("0")


def test_deductions_above_the_deposit_are_owed_not_a_negative_refund() -> None:
    s = settle_deposit(omr("100"), [Deduction("other", "Cleaning", omr("130"))])
    assert s.refundable == omr("0")
    assert not s.refundable.is_negative()
    assert s.amount_owed == omr("30")


def test_exactly_used_up_deposit() -> None:
    s = settle_deposit(omr("100"), [Deduction("damage", "Door", omr("100"))])
    assert (s.refundable, s.amount_owed) == (omr("0"), omr("0"))


def test_zero_deposit_everything_owed() -> None:
    s = settle_deposit(Money.zero("SAR"), [Deduction("unpaid_rent", "Rent", Money("10", "SAR"))])
    assert s.amount_owed == Money("10", "SAR")


def test_total_for_kind() -> None:
    s = settle_deposit(
        omr("100"),
        [
            Deduction("damage", "Door", omr("10")),
            Deduction("unpaid_rent", "Rent", omr("20")),
            Deduction("damage", "Tiles", omr("5")),
        ],
    )
    assert s.total_for(DeductionKind.DAMAGE) == omr("15")
    assert s.total_for("other") == omr("0")
    with pytest.raises(InvalidComponent) as err:
        s.total_for("theft")
    assert err.value.code == "lease.deposit.kind"


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"kind": "theft"}, InvalidComponent, "lease.deposit.kind"),
        ({"reason": ""}, InvalidFormat, "lease.deposit.text"),
        ({"reason": " padded "}, InvalidFormat, "lease.deposit.text"),
        ({"reason": 5}, InvalidFormat, "lease.deposit.type"),
        ({"amount": Decimal("5")}, InvalidFormat, "lease.deposit.type"),
        ({"amount": omr("0")}, DomainRuleError, "lease.deposit.amount"),
        ({"amount": omr("-1")}, DomainRuleError, "lease.deposit.amount"),
        ({"amount": omr("1.0005")}, DomainRuleError, "lease.deposit.not_rounded"),
    ],
)
def test_bad_deductions_are_typed_errors(
    kwargs: dict[str, object], error: type[MunicipalError], code: str
) -> None:
    fields: dict[str, object] = {"kind": "damage", "reason": "Door", "amount": omr("5")}
    fields.update(kwargs)
    with pytest.raises(error) as err:
        Deduction(**fields)  # type: ignore[arg-type]
    assert err.value.code == code
    assert err.value.message_ar


def test_bad_settlement_inputs() -> None:
    door = Deduction("damage", "Door", omr("5"))
    with pytest.raises(CurrencyMismatch) as err:
        settle_deposit(Money("100", "SAR"), [door])
    assert err.value.code == "lease.deposit.currency"
    with pytest.raises(DomainRuleError) as err2:
        settle_deposit(omr("-1"), [door])
    assert err2.value.code == "lease.deposit.amount"
    with pytest.raises(InvalidFormat) as err3:
        settle_deposit(Decimal("100"), [door])  # type: ignore[arg-type]
    assert err3.value.code == "lease.deposit.type"
    for bad in ("door", [door, "x"], 5):
        with pytest.raises(InvalidFormat) as err4:
            settle_deposit(omr("1"), bad)  # type: ignore[arg-type]
        assert err4.value.code == "lease.deposit.deductions"


def test_inconsistent_statement_cannot_be_built() -> None:
    door = Deduction("damage", "Door", omr("30"))
    with pytest.raises(DomainRuleError) as err:
        DepositSettlement(omr("100"), (door,), omr("80"), omr("0"))
    assert err.value.code == "lease.deposit.inconsistent"
    with pytest.raises(DomainRuleError):  # a negative refund instead of an amount owed
        DepositSettlement(omr("10"), (door,), omr("-20"), omr("0"))
    with pytest.raises(CurrencyMismatch):
        DepositSettlement(omr("100"), (door,), Money("70", "SAR"), Money("0", "SAR"))


def test_round_trips_through_json() -> None:
    s = settle_deposit(omr("100"), [Deduction("damage", "نافذة مكسورة", omr("130.5"))])
    assert from_json(to_json(s), DepositSettlement) == s


amounts = st.integers(min_value=0, max_value=10**9).map(lambda u: Money.from_minor_units(u, "OMR"))
deductions = st.lists(
    st.builds(
        Deduction,
        st.sampled_from(DeductionKind),
        st.sampled_from(["Door", "Rent", "Keys"]),
        st.integers(min_value=1, max_value=10**8).map(lambda u: Money.from_minor_units(u, "OMR")),
    ),
    max_size=6,
)


@given(amounts, deductions)
def test_settlement_balances_and_is_never_negative(deposit: Money, items: list[Deduction]) -> None:
    s = settle_deposit(deposit, items)
    assert s.deposit == s.refundable + s.deducted - s.amount_owed
    assert not s.refundable.is_negative()
    assert not s.amount_owed.is_negative()
    assert s.refundable.is_zero() or s.amount_owed.is_zero()
    assert s.deducted == sum((d.amount for d in items), Money.zero("OMR"))
    assert sum((s.total_for(k) for k in DeductionKind), Money.zero("OMR")) == s.deducted
