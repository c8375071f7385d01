"""Early-payment rebates and late-payment penalties, as eGov DIGIT applies them.

Both are data with a source note and both are worked out against explicit dates: the
due date of the bill and the day it is paid. A rebate applies when payment is early
enough; a penalty only when it is late **and no rebate applies** (DOMAIN.md §7).

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.money import Money
    >>> fine = LatePenalty(daily_amount=Money(50, "OMR"), max_days=60,
    ...                    source="Muscat Municipality decision 55/2017")
    >>> fine.amount_for(Decimal(0), due_on=dt.date(2026, 1, 1), paid_on=dt.date(2026, 6, 1))
    Decimal('3000.000')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core.billing._rules import clamp
from municipal_core.errors import InvalidComponent
from municipal_core.money import Money

__all__ = ["LatePenalty", "RebateWindow"]

_CODE = "billing.penalty"
_REBATE = "billing.rebate"
_ZERO = Decimal(0)
_EXACT = _checks.EXACT


def _check_clamps(instance: RebateWindow | LatePenalty, field: str) -> None:
    if (
        instance.minimum is not None
        and instance.maximum is not None
        and instance.minimum.currency == instance.maximum.currency
        and instance.minimum > instance.maximum
    ):
        raise InvalidComponent(
            "The minimum cannot exceed the maximum.",
            "لا يجوز أن يتجاوز الحد الأدنى الحد الأقصى.",
            code=f"{field}.clamps",
            field="minimum",
        )


@attrs.frozen
class RebateWindow:
    """A rebate of ``rate`` x the fees when paid at least ``days_before_due`` days early.

    With ``days_before_due=0`` paying on the due date still earns the rebate.

    Attributes:
        rate: fraction of the fee total given back, above 0 and at most 1.
        source: where the rule comes from.
        days_before_due: how many days before the due date payment must arrive at latest.
        minimum: smallest rebate, if any.
        maximum: largest rebate, if any.

    Examples:
        >>> import datetime as dt
        >>> early = RebateWindow(rate=Decimal("0.10"), days_before_due=30, source="test")
        >>> early.amount_for(Decimal(200), due_on=dt.date(2026, 3, 31),
        ...                  paid_on=dt.date(2026, 3, 1))
        Decimal('20.00')
        >>> early.amount_for(Decimal(200), due_on=dt.date(2026, 3, 31),
        ...                  paid_on=dt.date(2026, 3, 2)) is None
        True
    """

    rate: Decimal = attrs.field(
        validator=_checks.decimal_range(f"{_REBATE}.rate", maximum=Decimal(1))
    )
    source: str = attrs.field(validator=_checks.text(f"{_REBATE}.source"))
    days_before_due: int = attrs.field(default=0, validator=_checks.type_of(int, f"{_REBATE}.days"))
    minimum: Money | None = attrs.field(
        default=None, validator=_checks.money(_REBATE, optional=True)
    )
    maximum: Money | None = attrs.field(
        default=None, validator=_checks.money(_REBATE, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.days_before_due < 0 or not self.rate:
            raise InvalidComponent(
                "A rebate needs a positive rate and zero or more days before the due date.",
                "يحتاج الخصم إلى نسبة موجبة وعدد أيام صفر أو أكثر قبل تاريخ الاستحقاق.",
                code=f"{_REBATE}.range",
                field="days_before_due" if self.rate else "rate",
            )
        _check_clamps(self, _REBATE)

    def amount_for(self, fees: Decimal, *, due_on: dt.date, paid_on: dt.date) -> Decimal | None:
        """Return the (positive) rebate on ``fees`` paid on ``paid_on``, or ``None``."""
        if (due_on - paid_on).days < self.days_before_due:
            return None
        return clamp(_EXACT.multiply(self.rate, fees), self.minimum, self.maximum)


@attrs.frozen
class LatePenalty:
    """A penalty for paying after the due date plus ``grace_days``.

    ``flat + rate x fees + days x (daily_rate x fees + daily_amount)``, where ``days``
    counts the days after the due date (not after the grace period) up to ``max_days``,
    then clamped to ``[minimum, maximum]``. This covers the rules DOMAIN.md lists: Oman's
    late lease registration (3x the fee: ``rate=3``), Muscat's violation fine (OMR 50 a
    day for up to 60 days) and the Saudi 30-day grace period.

    Attributes:
        source: where the rule comes from.
        flat: charged once when late.
        rate: fraction of the fees charged once when late.
        daily_rate: fraction of the fees charged per day late.
        daily_amount: amount charged per day late.
        grace_days: days after the due date before anything is charged.
        max_days: the most days counted, if limited.
        minimum: smallest penalty, if any.
        maximum: largest penalty, if any.
    """

    source: str = attrs.field(validator=_checks.text(f"{_CODE}.source"))
    flat: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))
    rate: Decimal = attrs.field(default=_ZERO, validator=_checks.decimal_range(f"{_CODE}.rate"))
    daily_rate: Decimal = attrs.field(
        default=_ZERO, validator=_checks.decimal_range(f"{_CODE}.daily_rate")
    )
    daily_amount: Money | None = attrs.field(
        default=None, validator=_checks.money(_CODE, optional=True)
    )
    grace_days: int = attrs.field(default=0, validator=_checks.type_of(int, f"{_CODE}.days"))
    max_days: int | None = attrs.field(
        default=None, validator=_checks.type_of(int, f"{_CODE}.days", optional=True)
    )
    minimum: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))
    maximum: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.grace_days < 0 or (self.max_days is not None and self.max_days < 1):
            raise InvalidComponent(
                "Grace days must be zero or more and the day limit 1 or more.",
                "يجب أن تكون أيام المهلة صفرًا أو أكثر وحد الأيام 1 أو أكثر.",
                code=f"{_CODE}.days",
                field="grace_days" if self.grace_days < 0 else "max_days",
            )
        _check_clamps(self, _CODE)

    def amount_for(self, fees: Decimal, *, due_on: dt.date, paid_on: dt.date) -> Decimal | None:
        """Return the penalty on ``fees`` paid on ``paid_on``, or ``None`` if not late."""
        late = (paid_on - due_on).days
        if late <= self.grace_days:
            return None
        days = late if self.max_days is None else min(late, self.max_days)
        daily = _EXACT.multiply(self.daily_rate, fees)
        if self.daily_amount is not None:
            daily = _EXACT.add(daily, self.daily_amount.amount)
        total = _EXACT.add(_EXACT.multiply(self.rate, fees), _EXACT.multiply(days, daily))
        if self.flat is not None:
            total = _EXACT.add(total, self.flat.amount)
        return clamp(total, self.minimum, self.maximum)

    def moneys(self) -> tuple[Money, ...]:
        """Return every amount of money the penalty names (to check currencies)."""
        values = (self.flat, self.daily_amount, self.minimum, self.maximum)
        return tuple(m for m in values if m is not None)
