"""Deposit (insurance) settlement at the end of a lease: deductions, refund, amount owed.

When a lease ends, the landlord returns the deposit less what the tenant owes: damage
beyond fair wear, unpaid rent, other agreed charges -- each a :class:`Deduction` with a
reason. :func:`settle_deposit` builds the :class:`DepositSettlement` statement. The
refund is never negative: when the deductions exceed the deposit, the refund is zero and
the difference is an explicit ``amount_owed`` line the tenant still has to pay.
Deposits themselves are left to the parties in Oman (DOMAIN.md §4), so no rule value is
read here.

Examples:
    >>> from municipal_core.money import Money
    >>> damage = Deduction(DeductionKind.DAMAGE, "Broken window", Money("40", "OMR"))
    >>> s = settle_deposit(Money("200", "OMR"), [damage])
    >>> s.refundable, s.amount_owed
    (Money('160.000', 'OMR'), Money('0.000', 'OMR'))
    >>> rent = Deduction(DeductionKind.UNPAID_RENT, "March rent", Money("250", "OMR"))
    >>> s = settle_deposit(Money("200", "OMR"), [damage, rent])
    >>> s.refundable, s.amount_owed
    (Money('0.000', 'OMR'), Money('90.000', 'OMR'))
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidFormat
from municipal_core.money import Money

__all__ = ["Deduction", "DeductionKind", "DepositSettlement", "settle_deposit"]

_CODE = "lease.deposit"


class DeductionKind(str, enum.Enum):
    """Why an amount is kept back from the deposit."""

    DAMAGE = "damage"
    UNPAID_RENT = "unpaid_rent"
    OTHER = "other"


def _to_kind(value: object) -> DeductionKind:
    return to_enum(DeductionKind, value, code=f"{_CODE}.kind", field="kind")


def _rounded(_instance: object, attribute: attrs.Attribute[Any], value: Money) -> None:
    # A deposit is paid and refunded in real coins: an amount finer than the minor unit
    # (a baisa, a halala) cannot be handed back, so it is refused rather than rounded here.
    if not value.is_rounded():
        raise DomainRuleError(
            f"The {attribute.name} must be a whole number of {value.currency.minor_name_en}.",
            f"يجب أن يكون {attribute.name} عددًا صحيحًا من {value.currency.minor_name_ar}.",
            code=f"{_CODE}.not_rounded",
            field=attribute.name,
        )


@attrs.frozen
class Deduction:
    """One amount kept back from the deposit, with its reason.

    Attributes:
        kind: damage, unpaid rent or other.
        reason: what the amount is for, as shown on the statement ("Broken window").
        amount: a positive amount, rounded to the currency's minor unit.

    Raises:
        InvalidComponent: an unknown ``kind`` (code ``lease.deposit.kind``).
        InvalidFormat: ``reason`` empty, untrimmed or over 200 characters
            (``lease.deposit.text``); ``amount`` not a Money (``lease.deposit.type``).
        DomainRuleError: ``amount`` zero or negative (``lease.deposit.amount``) or finer
            than the minor unit (``lease.deposit.not_rounded``).

    Examples:
        >>> from municipal_core.money import Money
        >>> Deduction("unpaid_rent", "March rent", Money("250", "OMR")).kind
        <DeductionKind.UNPAID_RENT: 'unpaid_rent'>
        >>> Deduction("damage", "Door", Money("0", "OMR"))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: amount must be positive.
    """

    kind: DeductionKind = attrs.field(converter=_to_kind)
    reason: str = attrs.field(validator=_checks.text(_CODE))
    amount: Money = attrs.field(validator=[_checks.money(_CODE, positive=True), _rounded])


def _deductions(values: Iterable[Deduction]) -> tuple[Deduction, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise _not_deductions()
    items = tuple(values)
    if not all(isinstance(item, Deduction) for item in items):
        raise _not_deductions()
    return items


def _not_deductions() -> InvalidFormat:
    return InvalidFormat(
        "The deductions must be a list of Deduction values.",
        "يجب أن تكون الاستقطاعات قائمة من قيم Deduction.",
        code=f"{_CODE}.deductions",
        field="deductions",
    )


def _split(deposit: Money, deducted: Money) -> tuple[Money, Money]:
    """Return ``(refundable, amount_owed)``: each is zero or more, never both positive."""
    balance = deposit - deducted
    zero = Money.zero(deposit.currency)
    return (balance, zero) if not balance.is_negative() else (zero, -balance)


@attrs.frozen
class DepositSettlement:
    """The settlement statement of a deposit: deposit, deductions, refund, amount owed.

    Build it with :func:`settle_deposit`; the constructor (and ``from_json``) checks that
    the figures agree, so a statement with a negative refund or a refund that does not
    match its deductions cannot exist. Always ``deposit == refundable + deducted -
    amount_owed``, and at most one of ``refundable`` and ``amount_owed`` is positive.

    Attributes:
        deposit: the deposit held (zero or more).
        deductions: the amounts kept back, in statement order.
        refundable: what the landlord pays back to the tenant.
        amount_owed: what the tenant still owes once the whole deposit is used.

    Raises:
        CurrencyMismatch: amounts in different currencies (``lease.deposit.currency``).
        DomainRuleError: figures that do not agree (``lease.deposit.inconsistent``), a
            negative deposit (``lease.deposit.amount``) or one finer than the minor unit.

    Examples:
        >>> from municipal_core.money import Money
        >>> zero = Money("0", "OMR")
        >>> DepositSettlement(Money("100", "OMR"), (), Money("90", "OMR"), zero)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The settlement figures do not agree: ...
    """

    deposit: Money = attrs.field(validator=[_checks.money(_CODE), _rounded])
    deductions: tuple[Deduction, ...] = attrs.field(converter=_deductions)
    refundable: Money = attrs.field(validator=_checks.type_of(Money, _CODE))
    amount_owed: Money = attrs.field(validator=_checks.type_of(Money, _CODE))

    def __attrs_post_init__(self) -> None:
        currency = self.deposit.currency
        amounts = (d.amount for d in self.deductions)
        if any(m.currency != currency for m in (*amounts, self.refundable, self.amount_owed)):
            raise CurrencyMismatch(
                f"Every amount of the settlement must be in {currency.code}.",
                f"يجب أن تكون جميع مبالغ التسوية بعملة {currency.code}.",
                code=f"{_CODE}.currency",
                field="deductions",
            )
        if (self.refundable, self.amount_owed) != _split(self.deposit, self.deducted):
            raise DomainRuleError(
                "The settlement figures do not agree: the refund must be the deposit less"
                " the deductions, and any excess an amount owed; build it with"
                " settle_deposit().",
                "أرقام التسوية غير متطابقة: المبلغ المسترد هو التأمين مطروحًا منه"
                " الاستقطاعات، وأي زيادة مبلغ مستحق؛ استخدم settle_deposit().",
                code=f"{_CODE}.inconsistent",
                field="refundable",
            )

    @property
    def deducted(self) -> Money:
        """The sum of the deductions (zero when there are none).

        Examples:
            >>> from municipal_core.money import Money
            >>> settle_deposit(Money("100", "SAR"), ()).deducted
            Money('0.00', 'SAR')
        """
        return sum((d.amount for d in self.deductions), Money.zero(self.deposit.currency))

    def total_for(self, kind: DeductionKind | str) -> Money:
        """Return the sum of the deductions of one ``kind``.

        Raises:
            InvalidComponent: an unknown kind (code ``lease.deposit.kind``).

        Examples:
            >>> from municipal_core.money import Money
            >>> items = [Deduction("damage", "Door", Money("30", "SAR")),
            ...          Deduction("damage", "Tiles", Money("12.5", "SAR")),
            ...          Deduction("other", "Keys", Money("5", "SAR"))]
            >>> settle_deposit(Money("1000", "SAR"), items).total_for("damage")
            Money('42.50', 'SAR')
        """
        wanted = _to_kind(kind)
        return sum(
            (d.amount for d in self.deductions if d.kind is wanted),
            Money.zero(self.deposit.currency),
        )


def settle_deposit(deposit: Money, deductions: Iterable[Deduction]) -> DepositSettlement:
    """Return the settlement statement of ``deposit`` after ``deductions``.

    The refund is ``max(0, deposit - deductions)``; when the deductions are larger than
    the deposit, the refund is zero and the excess is ``amount_owed``. A zero deposit is
    allowed (the whole of the deductions is then owed).

    Raises:
        InvalidFormat: ``deposit`` is not a Money or ``deductions`` not Deduction values.
        CurrencyMismatch: a deduction in another currency (``lease.deposit.currency``).
        DomainRuleError: a negative deposit or one finer than the minor unit.

    Examples:
        >>> from municipal_core.money import Money
        >>> settle_deposit(Money("300", "SAR"), []).refundable
        Money('300.00', 'SAR')
        >>> late = Deduction("unpaid_rent", "Last month", Money("50", "SAR"))
        >>> settle_deposit(Money("0", "SAR"), [late]).amount_owed
        Money('50.00', 'SAR')
    """
    items = _deductions(deductions)
    if not isinstance(deposit, Money):
        raise _checks.invalid_type("deposit", _CODE)
    currency = deposit.currency
    if any(d.amount.currency != currency for d in items):
        raise CurrencyMismatch(
            f"Every deduction must be in the deposit's currency, {currency.code}.",
            f"يجب أن تكون جميع الاستقطاعات بعملة التأمين {currency.code}.",
            code=f"{_CODE}.currency",
            field="deductions",
        )
    deducted = sum((d.amount for d in items), Money.zero(currency))
    refundable, owed = _split(deposit, deducted)
    return DepositSettlement(deposit, items, refundable, owed)
