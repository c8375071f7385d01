"""Rent changes over a term, and the one definition of the rent due for each month.

eGov's lease module (LAMS) models escalation as a percentage or a flat amount from a
date; a supplementary contract (amendment) that changes the rent sets a new amount from
its effective date. All three are a :class:`RentIncrement`:

* ``PERCENTAGE`` -- the monthly rent grows by ``rate`` (a fraction: ``0.05`` is 5%);
* ``FLAT`` -- the monthly rent grows by ``amount``;
* ``SET`` -- the monthly rent becomes ``amount`` (how an amendment's new rent enters).

**Order and rounding.** Changes apply in date order; changes of the same date in the
order given, except that ``SET`` goes last (a supplementary contract is the final word
for its day). Increments compound: each applies to the rent as the previous ones left
it. After each change the monthly rent is rounded to the currency's minor unit with
``ROUND_HALF_UP`` (:data:`ROUNDING`), as the new rent is printed, so whole months are
always whole baisa / halala.

**The rent of each month** (:func:`rent_by_month`) is counted in the month steps of
:mod:`municipal_core.leases._terms`: a whole step at the rent in force on its first
day costs that rent; a step that is partial (the term's last) or in which a change takes
effect costs ``sum(rent x days at that rent) / days in that month``, rounded once to the
minor unit with :data:`ROUNDING`. :func:`total_rent` is the sum of those amounts: the
contract total that the fee is computed on and the rent schedule sums to, exactly.

Examples:
    >>> from datetime import date
    >>> from municipal_core.money import Currency, Money
    >>> raise_5 = RentIncrement(date(2027, 1, 1), "percentage", rate=Decimal("0.05"))
    >>> monthly_rent_on(Money("100", "OMR"), (raise_5,), date(2027, 3, 1))
    Money('105.000', 'OMR')
    >>> total_rent(date(2026, 1, 1), date(2027, 12, 31), Money("100", "OMR"), (raise_5,))
    Money('2460.000', 'OMR')
    >>> total_rent(date(2026, 1, 1), date(2026, 1, 10), Money("100", "OMR"))
    Money('32.258', 'OMR')
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

from municipal_core._checks import type_of
from municipal_core._coerce import to_enum
from municipal_core.dates import require_date
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidComponent
from municipal_core.leases._terms import MonthStep, month_steps, whole_month_split
from municipal_core.money import Currency, Money

__all__ = [
    "ROUNDING",
    "IncrementKind",
    "MonthRent",
    "RentIncrement",
    "monthly_rent_on",
    "ordered",
    "rent_by_month",
    "total_rent",
]

ROUNDING = ROUND_HALF_UP
"""The rounding mode of every rent amount (a changed rent, a prorated month)."""

_CODE = "lease.increment"
# Exact enough for any rent x days sum (rents below 10**18, at most 31 days), and the
# quotient of a division by 28..31 days cannot sit within 10**-40 of a half minor unit
# unless it is exactly on it (then it is exact), so the one rounding after it is correct.
_CTX = decimal.Context(prec=60, rounding=ROUND_HALF_UP)


class IncrementKind(str, enum.Enum):
    """How a :class:`RentIncrement` changes the monthly rent."""

    PERCENTAGE = "percentage"
    FLAT = "flat"
    SET = "set"


def _kind(value: object) -> IncrementKind:
    return to_enum(IncrementKind, value, code=f"{_CODE}.kind", field="kind")


def _bad(message_en: str, message_ar: str, suffix: str, field: str) -> InvalidComponent:
    return InvalidComponent(message_en, message_ar, code=f"{_CODE}.{suffix}", field=field)


@attrs.frozen
class RentIncrement:
    """A change of the monthly rent from ``effective_on`` on.

    Attributes:
        effective_on: the first day the changed rent applies.
        kind: :class:`IncrementKind` or its value.
        rate: for ``PERCENTAGE``: the rise as a fraction above 0 (``Decimal("0.05")``).
        amount: for ``FLAT``: the rise per month; for ``SET``: the new monthly rent.
            Positive Money in both cases.

    Raises:
        InvalidComponent: ``rate`` given for another kind, or ``amount`` for
            ``PERCENTAGE``, or the one needed missing (``lease.increment.shape``); a rate
            of 0 or less (``lease.increment.rate``); an amount of 0 or less
            (``lease.increment.amount``).
        InvalidFormat: a value of the wrong type (``lease.increment.type``): a float
            rate, a datetime.

    Examples:
        >>> RentIncrement(date(2027, 1, 1), "flat", amount=Money("10", "OMR")).kind
        <IncrementKind.FLAT: 'flat'>
        >>> RentIncrement(date(2027, 1, 1), "flat", rate=Decimal("0.05"))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: A flat or set increment needs an amount ...
    """

    effective_on: date = attrs.field(validator=type_of(date, _CODE))
    kind: IncrementKind = attrs.field(converter=_kind)
    rate: Decimal | None = attrs.field(
        default=None, validator=type_of(Decimal, _CODE, optional=True)
    )
    amount: Money | None = attrs.field(default=None, validator=type_of(Money, _CODE, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.kind is IncrementKind.PERCENTAGE:
            if self.rate is None or self.amount is not None:
                raise _bad(
                    "A percentage increment needs a rate and no amount.",
                    "الزيادة بنسبة مئوية تحتاج إلى نسبة دون مبلغ.",
                    "shape",
                    "rate",
                )
            if not self.rate.is_finite() or self.rate <= 0:
                raise _bad(
                    "The rate of an increment must be above 0 (0.05 is 5%).",
                    "يجب أن تكون نسبة الزيادة أكبر من صفر (0.05 تعني 5%).",
                    "rate",
                    "rate",
                )
        elif self.amount is None or self.rate is not None:
            raise _bad(
                "A flat or set increment needs an amount and no rate.",
                "الزيادة الثابتة أو الإيجار الجديد يحتاج إلى مبلغ دون نسبة.",
                "shape",
                "amount",
            )
        elif not self.amount.is_positive():
            raise _bad(
                "The amount of an increment must be above 0.",
                "يجب أن يكون مبلغ الزيادة أكبر من صفر.",
                "amount",
                "amount",
            )

    def apply(self, rent: Money) -> Money:
        """Return ``rent`` changed by this increment, rounded to the minor unit.

        Raises:
            CurrencyMismatch: the increment's amount is in another currency.

        Examples:
            >>> RentIncrement(date(2027, 1, 1), "percentage",
            ...               rate=Decimal("0.0333")).apply(Money("250", "OMR"))
            Money('258.325', 'OMR')
        """
        # Construction guarantees a rate for PERCENTAGE and an amount for the others.
        if self.rate is not None:
            return (rent + rent * self.rate).round(ROUNDING)
        amount = self.amount if self.amount is not None else rent.zero(rent.currency)
        if amount.currency != rent.currency:
            raise CurrencyMismatch(
                "The increment's amount is in another currency than the rent.",
                "مبلغ الزيادة بعملة تختلف عن عملة الإيجار.",
                code=f"{_CODE}.currency",
                field="amount",
            )
        changed = amount if self.kind is IncrementKind.SET else rent + amount
        return changed.round(ROUNDING)


def ordered(increments: Iterable[RentIncrement]) -> tuple[RentIncrement, ...]:
    """Return the increments in the order they apply: by date, ``SET`` last on its day.

    Examples:
        >>> a = RentIncrement(date(2027, 1, 1), "set", amount=Money("90", "OMR"))
        >>> b = RentIncrement(date(2027, 1, 1), "flat", amount=Money("5", "OMR"))
        >>> [i.kind.value for i in ordered((a, b))]
        ['flat', 'set']
    """
    # sorted() is stable: increments of one day and kind keep the order given.
    return tuple(sorted(increments, key=lambda i: (i.effective_on, i.kind is IncrementKind.SET)))


def monthly_rent_on(base: Money, increments: Sequence[RentIncrement], on: date) -> Money:
    """Return the monthly rent in force on ``on``: ``base`` with every change up to it.

    Raises:
        InvalidFormat: ``on`` is not a date.
        CurrencyMismatch: an increment's amount is in another currency.

    Examples:
        >>> flat = RentIncrement(date(2027, 1, 1), "flat", amount=Money("10", "OMR"))
        >>> monthly_rent_on(Money("100", "OMR"), (flat,), date(2026, 12, 31))
        Money('100.000', 'OMR')
    """
    on = require_date(on, "on")
    rent = _rounded(base)
    for increment in ordered(increments):
        if increment.effective_on > on:
            break
        rent = increment.apply(rent)
    return rent


@attrs.frozen
class MonthRent:
    """The rent of one month step of a term (see :func:`rent_by_month`).

    ``prorated`` is true when the amount is not simply the monthly rent: the step is
    partial, or the rent changed inside it.
    """

    step: MonthStep
    amount: Money
    prorated: bool


def rent_by_month(
    start: date, end: date, base: Money, increments: Sequence[RentIncrement] = ()
) -> tuple[MonthRent, ...]:
    """Return the rent due for each month step of the term, as the module doc defines it.

    Args:
        start: the first day of the term.
        end: the last day of the term (inclusive).
        base: the monthly rent at the start (rounded first with :data:`ROUNDING`).
        increments: rent changes; those after ``end`` are ignored, those before
            ``start`` apply from it.

    Raises:
        InvalidFormat, InvalidComponent: bad dates (``lease.term.order``...).
        DomainRuleError: ``base`` is not positive (``lease.rent.not_positive``).
        CurrencyMismatch: an increment's amount is in another currency.

    Examples:
        >>> months = rent_by_month(date(2026, 1, 1), date(2026, 3, 15), Money("310", "OMR"),
        ...     (RentIncrement(date(2026, 2, 15), "set", amount=Money("280", "OMR")),))
        >>> [(str(m.amount.amount), m.prorated) for m in months]
        [('310.000', False), ('295.000', True), ('135.484', True)]
    """
    if not isinstance(base, Money) or not base.is_positive():
        raise DomainRuleError(
            "The monthly rent must be more than zero.",
            "يجب أن يكون الإيجار الشهري أكبر من صفر.",
            code="lease.rent.not_positive",
            field="monthly_rent",
        )
    steps = month_steps(start, end)
    rent = _rounded(base)
    if not increments:
        # The common case, without the change bookkeeping: every month at one rent.
        months = [MonthRent(step, rent, False) for step in steps]
        last = steps[-1]
        if last.partial:
            part = _prorate(rent.amount * last.days, last.days_in_month, rent.currency)
            months[-1] = MonthRent(last, part, True)
        return tuple(months)
    changes = ordered(increments)
    i, count = 0, len(changes)
    months = []
    for step in steps:
        while i < count and changes[i].effective_on <= step.start:
            rent = changes[i].apply(rent)
            i += 1
        if (i == count or changes[i].effective_on > step.end) and not step.partial:
            months.append(MonthRent(step, rent, False))
            continue
        # Day-weighted sum over the parts of the step at each rent, then one division.
        weighted, part_start = Decimal(0), step.start
        while i < count and changes[i].effective_on <= step.end:
            day = changes[i].effective_on
            weighted = _CTX.fma(rent.amount, (day - part_start).days, weighted)
            while i < count and changes[i].effective_on == day:
                rent = changes[i].apply(rent)
                i += 1
            part_start = day
        weighted = _CTX.fma(rent.amount, (step.end - part_start).days + 1, weighted)
        months.append(MonthRent(step, _prorate(weighted, step.days_in_month, rent.currency), True))
    return tuple(months)


def _rounded(rent: Money) -> Money:
    # A contract's rent is already whole minor units; skip round()'s new Money for it.
    return rent if rent.is_rounded() else rent.round(ROUNDING)


def _prorate(weighted: Decimal, days_in_month: int, currency: Currency) -> Money:
    """Return ``weighted / days_in_month`` rounded once to the minor unit (the one rule)."""
    amount = _CTX.divide(weighted, days_in_month).quantize(currency.minor_unit, context=_CTX)
    return Money._from_exact(amount, currency)


def total_rent(
    start: date, end: date, base: Money, increments: Sequence[RentIncrement] = ()
) -> Money:
    """Return the rent of the whole term: the sum of :func:`rent_by_month`'s amounts.

    Raises:
        As :func:`rent_by_month`.

    Examples:
        >>> total_rent(date(2026, 1, 15), date(2027, 1, 14), Money("100", "OMR"))
        Money('1200.000', 'OMR')
    """
    if not increments:
        # The same amounts in closed form: n whole months and one prorated remainder.
        if not isinstance(base, Money) or not base.is_positive():
            rent_by_month(start, end, base)  # for its typed error
        whole, rest, following = whole_month_split(start, end)
        rent = _rounded(base)
        amount = rent.amount * whole
        if rest <= end:
            days = (end - rest).days + 1
            amount += _prorate(rent.amount * days, (following - rest).days, rent.currency).amount
        return Money._from_exact(_CTX.plus(amount), rent.currency)
    # Summing the Decimals and building one Money is exact and many times faster than
    # adding Moneys, which re-check currency and canonical form at each step.
    total = sum((m.amount.amount for m in rent_by_month(start, end, base, increments)), Decimal(0))
    return Money._from_exact(_CTX.plus(total), base.currency)
