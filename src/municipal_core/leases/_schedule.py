"""Rent schedules: every instalment of a lease, its period, due date and exact amount.

The rules, each a documented choice:

* **Periods run from the lease's start date** in the month steps of
  :mod:`municipal_core.leases._terms`: step *k* begins on ``add_months(start, k)``,
  clipped to the end of a short month, so a lease from 31 January has steps beginning
  28/29 February, 31 March, 30 April... An instalment covers ``frequency.months`` steps.
  Because periods start on the start date there is never a partial *first* period; the
  *last* one is shorter when the term is not a multiple of the frequency.
* **The rent of each month step** is the one definition in
  :func:`~municipal_core.leases._increments.rent_by_month`: a whole step at the rent in
  force on its first day costs that rent; a partial last step, or a step in which an
  increment takes effect, costs ``rent x days / days in that step``, summed over the
  parts at each rent (15 days of a step from 1 to 31 March is 15/31 of a month's rent).
  For a step that starts on the 1st, "days in that step" is the calendar month's length.
* **Rounding** happens there, once per month step, half up to the currency's minor unit.
  An instalment is the sum of its months' amounts, so the instalments add up *exactly*
  to ``total_rent`` (the sum of the same amounts) and no remainder is ever left to
  allocate.

Examples:
    >>> from datetime import date
    >>> from municipal_core.leases._contract import PaymentFrequency
    >>> from municipal_core.money import Money
    >>> plan = schedule(date(2026, 1, 1), date(2026, 12, 31), Money(100, "OMR"),
    ...                 PaymentFrequency.QUARTERLY)
    >>> [(i.period_start.isoformat(), i.period_end.isoformat(), str(i.amount.amount)) for i in plan]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2026-01-01', '2026-03-31', '300.000'), ('2026-04-01', '2026-06-30', '300.000'),
     ('2026-07-01', '2026-09-30', '300.000'), ('2026-10-01', '2026-12-31', '300.000')]
    >>> short = schedule(date(2026, 1, 1), date(2026, 3, 15), Money(100, "OMR"),
    ...                  PaymentFrequency.MONTHLY)
    >>> [(str(i.amount.amount), i.prorated) for i in short]
    [('100.000', False), ('100.000', False), ('48.387', True)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from municipal_core._coerce import to_enum
from municipal_core.dates import Period, require_date
from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat
from municipal_core.leases._contract import LeaseContract, PaymentFrequency, require_contract
from municipal_core.leases._increments import MonthRent, RentIncrement, rent_by_month
from municipal_core.money import Money

__all__ = ["Due", "Instalment", "rent_schedule", "schedule"]

_CODE = "lease.schedule"

Due = Literal["start", "end"]
"""When an instalment falls due: on the first day of its period or on the last."""

_DUES = ("start", "end")


def _check_number(_instance: object, _attribute: object, value: Any) -> None:
    if type(value) is not int or value < 1:
        raise InvalidComponent(
            "An instalment number is a whole number, 1 or more.",
            "رقم القسط عدد صحيح يساوي 1 أو أكثر.",
            code=f"{_CODE}.number",
            field="number",
        )


def _check_amount(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Money):
        raise InvalidFormat(
            "An instalment amount must be a Money.",
            "يجب أن يكون مبلغ القسط من نوع Money.",
            code=f"{_CODE}.type",
            field="amount",
        )
    if value.is_negative() or not value.is_rounded():
        raise DomainRuleError(
            "An instalment amount is zero or more, in whole minor units.",
            "مبلغ القسط صفر أو أكثر، بوحدات صغرى كاملة.",
            code=f"{_CODE}.amount",
            field="amount",
        )


def _check_flag(_instance: object, _attribute: object, value: Any) -> None:
    if type(value) is not bool:
        raise InvalidFormat(
            "The prorated flag must be True or False.",
            "يجب أن تكون قيمة التناسب صحيحة أو خاطئة.",
            code=f"{_CODE}.type",
            field="prorated",
        )


def _to_date(value: Any) -> dt.date:
    return require_date(value, "instalment")


@attrs.frozen
class Instalment:
    """One rent instalment: the days it pays for, when it falls due and how much.

    Attributes:
        number: 1 for the first instalment of the term.
        period_start: first day paid for.
        period_end: last day paid for (inclusive).
        due_on: the day it falls due.
        amount: the rent due, rounded to the currency's minor unit.
        prorated: whether part of it is paid by days: a partial last month, or a month
            in which the rent changed.

    Raises:
        InvalidComponent: ``number`` below 1 (``lease.schedule.number``); the period ends
            before it starts (``lease.schedule.order``).
        InvalidFormat: a date that is not a date (``dates.type``); ``amount`` not a Money
            or ``prorated`` not a bool (``lease.schedule.type``).
        DomainRuleError: a negative amount or one finer than the minor unit
            (``lease.schedule.amount``).

    Examples:
        >>> from datetime import date
        >>> i = Instalment(1, date(2026, 1, 1), date(2026, 1, 31), date(2026, 1, 1),
        ...                Money(100, "OMR"), False)
        >>> i.days, date(2026, 1, 15) in i.period
        (31, True)
        >>> Instalment(1, date(2026, 2, 1), date(2026, 1, 31), date(2026, 1, 1),
        ...            Money(100, "OMR"), False)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: An instalment period cannot end before it starts.
    """

    number: int = attrs.field(validator=_check_number)
    period_start: dt.date = attrs.field(converter=_to_date)
    period_end: dt.date = attrs.field(converter=_to_date)
    due_on: dt.date = attrs.field(converter=_to_date)
    amount: Money = attrs.field(validator=_check_amount)
    prorated: bool = attrs.field(validator=_check_flag)

    def __attrs_post_init__(self) -> None:
        if self.period_end < self.period_start:
            raise InvalidComponent(
                "An instalment period cannot end before it starts.",
                "لا يمكن أن تنتهي فترة القسط قبل أن تبدأ.",
                code=f"{_CODE}.order",
                field="period_end",
            )

    @property
    def days(self) -> int:
        """The number of days paid for, both ends counted."""
        return (self.period_end - self.period_start).days + 1

    @property
    def period(self) -> Period:
        """The days paid for, as a :class:`~municipal_core.dates.Period`."""
        return Period(self.period_start, self.period_end)


# Unchecked builder for the hot path (see billing._lines.new_line for the reasoning): the
# values come from validated inputs, and the tests rebuild every instalment through the
# validating constructor to prove it.
(
    _set_number,
    _set_period_start,
    _set_period_end,
    _set_due_on,
    _set_amount,
    _set_prorated,
) = (Instalment.__dict__[field.name].__set__ for field in attrs.fields(Instalment))
_new = object.__new__


def _new_instalment(
    number: int, start: dt.date, end: dt.date, due_on: dt.date, amount: Money, prorated: bool
) -> Instalment:
    instalment: Instalment = _new(Instalment)
    _set_number(instalment, number)
    _set_period_start(instalment, start)
    _set_period_end(instalment, end)
    _set_due_on(instalment, due_on)
    _set_amount(instalment, amount)
    _set_prorated(instalment, prorated)
    return instalment


def _check_due(due: object) -> None:
    if due not in _DUES:
        raise InvalidComponent(
            'The due day must be "start" or "end" of each period.',
            'يجب أن يكون يوم الاستحقاق "start" (بداية الفترة) أو "end" (نهايتها).',
            code=f"{_CODE}.due",
            field="due",
        )


def _check_increments(increments: object) -> tuple[RentIncrement, ...]:
    items = (
        tuple(increments)
        if isinstance(increments, Iterable) and not isinstance(increments, (str, bytes))
        else None
    )
    if items is None or not all(isinstance(item, RentIncrement) for item in items):
        raise InvalidFormat(
            "The increments must be a sequence of RentIncrement.",
            "يجب أن تكون الزيادات قائمة من RentIncrement.",
            code=f"{_CODE}.type",
            field="increments",
        )
    return items


def _group(
    months: tuple[MonthRent, ...], months_per_period: int, due: str
) -> tuple[Instalment, ...]:
    """Gather consecutive month steps into instalments of ``months_per_period`` each."""
    at_end = due == "end"
    new = _new_instalment
    instalments = []
    if months_per_period == 1:  # the common case, one instalment per month: no sums
        for number, month in enumerate(months, start=1):
            step = month.step
            due_on = step.end if at_end else step.start
            instalments.append(
                new(number, step.start, step.end, due_on, month.amount, month.prorated)
            )
        return tuple(instalments)
    for number, first in enumerate(range(0, len(months), months_per_period), start=1):
        group = months[first : first + months_per_period]
        amount = sum((m.amount for m in group[1:]), group[0].amount)
        start, end = group[0].step.start, group[-1].step.end
        prorated = any(m.prorated for m in group)
        instalments.append(new(number, start, end, end if at_end else start, amount, prorated))
    return tuple(instalments)


def schedule(
    start: dt.date,
    end: dt.date,
    monthly_rent: Money,
    frequency: PaymentFrequency | str,
    increments: Iterable[RentIncrement] = (),
    due: Due = "start",
) -> tuple[Instalment, ...]:
    """Return the instalments of a term from ``start`` to ``end`` (inclusive).

    See the module docstring for the rules: periods from the start date, the last period
    shorter when the term is not a multiple of the frequency, each month step's rent as
    :func:`~municipal_core.leases._increments.rent_by_month` defines it.

    Args:
        start: first day of the term.
        end: last day of the term (inclusive).
        monthly_rent: the rent for one month before any increment, more than zero.
        frequency: how often rent is paid (a :class:`PaymentFrequency` or its value).
        increments: rent increments, in any order.
        due: ``"start"`` (rent in advance, the default) or ``"end"`` of each period.

    Returns:
        The instalments in order, numbered from 1; contiguous, covering the term exactly,
        adding up to ``total_rent(start, end, monthly_rent, increments)``.

    Raises:
        InvalidFormat: a bad type (``dates.type``, ``lease.schedule.type``).
        InvalidComponent: ``end`` before ``start`` (``lease.term.order``), an unknown
            frequency (``lease.schedule.frequency``) or due day (``lease.schedule.due``).
        DomainRuleError: rent zero, negative or not a Money (``lease.rent.not_positive``).
        CurrencyMismatch: an increment in another currency (``lease.increment.currency``).

    Examples:
        >>> from datetime import date
        >>> plan = schedule(date(2024, 1, 31), date(2024, 4, 29), Money(300, "SAR"),
        ...                 "monthly", due="end")
        >>> [(i.period_start.day, i.period_end.day, i.due_on.day) for i in plan]
        [(31, 28, 28), (29, 30, 30), (31, 29, 29)]
        >>> schedule(date(2026, 1, 1), date(2026, 12, 31), Money(100, "OMR"), "weekly")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The value must be one of: monthly, ...
    """
    _check_due(due)
    kind = to_enum(PaymentFrequency, frequency, code=f"{_CODE}.frequency", field="frequency")
    months = rent_by_month(start, end, monthly_rent, _check_increments(increments))
    return _group(months, kind.months, due)


def rent_schedule(contract: LeaseContract, *, due: Due = "start") -> tuple[Instalment, ...]:
    """Return the instalments of ``contract``, grouped from its :meth:`rent_by_month`.

    The contract's current terms apply: its start and end, its frequency, its rent
    changes (increments and the new rents of its amendments). The instalments add up
    exactly to ``contract.total_rent``. A termination does not shorten the schedule.

    Raises:
        InvalidComponent: an unknown ``due`` (``lease.schedule.due``).
        InvalidFormat: ``contract`` is not a LeaseContract (``lease.schedule.type``).

    Examples:
        >>> from datetime import date
        >>> from municipal_core.leases._contract import _example
        >>> lease = attrs.evolve(_example(), frequency="semi_annual", end=date(2027, 2, 14))
        >>> [(str(i.period_end), str(i.amount.amount), i.prorated) for i in rent_schedule(lease)]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('2026-06-30', '600.000', False), ('2026-12-31', '600.000', False),
         ('2027-02-14', '150.000', True)]
        >>> sum(i.amount for i in rent_schedule(lease)) == lease.total_rent
        True
    """
    _check_due(due)
    contract = require_contract(contract, code=f"{_CODE}.type")
    return _group(contract.rent_by_month(), contract.frequency.months, due)
