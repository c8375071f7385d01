"""Term arithmetic: end dates, months and days, remaining term, overlaps, month steps.

**The rule.** A term runs from ``start`` to ``end``, both days included. A term of *n*
months ends the day before ``add_months(start, n)``, the day the next term would start
(the same rule as :meth:`municipal_core.dates.Period.of_months`). ``add_months`` keeps the
day of the month, clipped to the month's end, and counts from ``start`` each time (never
from a clipped month), so terms of 12 months chain without drift: 31 Jan 2024 + 12 months
ends 30 Jan 2025 and the renewal starts 31 Jan 2025. A term starting on the 29th to 31st
whose last month is shorter ends before the clipped day: 31 Jan + 1 month ends 27 Feb (28
in a leap year), and the next month starts on 28 Feb.

**Month steps.** Rent is counted in month steps from the start: step *k* runs from
``add_months(start, k)`` to the day before ``add_months(start, k + 1)``. The last step is
partial when the term is not whole months; its length in days is the *days in that
month* that proration divides by (see :mod:`municipal_core.leases._increments`).

Examples:
    >>> from datetime import date
    >>> term_end(date(2026, 1, 15), 12)
    datetime.date(2027, 1, 14)
    >>> term_end(date(2024, 1, 31), 1), term_end(date(2025, 1, 31), 1)
    (datetime.date(2024, 2, 28), datetime.date(2025, 2, 27))
    >>> months_and_days(date(2026, 1, 15), date(2026, 3, 20))
    (2, 6)
    >>> remaining_term(date(2026, 1, 1), date(2026, 12, 31), on=date(2026, 10, 1))
    (3, 0)
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta

import attrs

from municipal_core.dates import add_months, require_date
from municipal_core.errors import InvalidComponent, InvalidFormat

__all__ = [
    "MonthStep",
    "check_order",
    "month_steps",
    "months_and_days",
    "overlaps",
    "remaining_term",
    "term_end",
    "term_months",
    "whole_month_split",
]

_ONE_DAY = timedelta(days=1)
_CODE = "lease.term"


def check_order(start: date, end: date) -> None:
    """Raise ``InvalidComponent`` (``lease.term.order``) if ``end`` is before ``start``.

    Examples:
        >>> check_order(date(2026, 1, 1), date(2026, 1, 1)) is None
        True
    """
    if end < start:
        raise InvalidComponent(
            "A lease cannot end before it starts.",
            "لا يمكن أن ينتهي عقد الإيجار قبل أن يبدأ.",
            code=f"{_CODE}.order",
            field="end",
        )


def _dates(start: object, end: object) -> tuple[date, date]:
    start_date, end_date = require_date(start, "start"), require_date(end, "end")
    check_order(start_date, end_date)
    return start_date, end_date


def term_end(start: date, months: int) -> date:
    """Return the last day (inclusive) of a term of ``months`` months from ``start``.

    Args:
        start: the first day of the term.
        months: the number of months, 1 or more.

    Raises:
        InvalidFormat: ``start`` is not a date, or ``months`` is not an int
            (``dates.type`` / ``lease.term.months.type``).
        InvalidComponent: ``months`` is below 1 (``lease.term.months.range``).
        DateOutOfRange: the end would be after year 9999.

    Examples:
        >>> term_end(date(2024, 2, 29), 12), term_end(date(2026, 3, 1), 1)
        (datetime.date(2025, 2, 27), datetime.date(2026, 3, 31))
    """
    start = require_date(start, "start")
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidFormat(
            "The number of months must be a whole number.",
            "يجب أن يكون عدد الأشهر عددًا صحيحًا.",
            code=f"{_CODE}.months.type",
            field="months",
        )
    if months < 1:
        raise InvalidComponent(
            "A lease term must be at least one month.",
            "يجب ألا تقل مدة عقد الإيجار عن شهر واحد.",
            code=f"{_CODE}.months.range",
            field="months",
        )
    return _add_months(start, months) - _ONE_DAY


def months_and_days(start: date, end: date) -> tuple[int, int]:
    """Return the whole month steps from ``start`` within ``end`` and the days left over.

    Both ends are included, so a term of exactly *n* months gives ``(n, 0)`` and a
    one-day term ``(0, 1)``.

    Raises:
        InvalidFormat: a value is not a date (``dates.type``).
        InvalidComponent: ``end`` is before ``start`` (``lease.term.order``).

    Examples:
        >>> months_and_days(date(2026, 1, 31), date(2026, 2, 27))
        (1, 0)
        >>> months_and_days(date(2026, 1, 31), date(2026, 2, 28))
        (1, 1)
    """
    start, end = _dates(start, end)
    months, rest, _following = whole_month_split(start, end)
    return months, (end - rest).days + 1


def term_months(start: date, end: date) -> int:
    """Return the length of a term that is whole months, in months.

    Raises:
        InvalidComponent: the term is not whole months (``lease.term.not_whole_months``)
            or ends before it starts (``lease.term.order``).
        InvalidFormat: a value is not a date.

    Examples:
        >>> term_months(date(2026, 1, 15), date(2027, 1, 14))
        12
        >>> term_months(date(2026, 1, 15), date(2027, 1, 15))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The term is not a whole number of months.
    """
    months, days = months_and_days(start, end)
    if days:
        raise InvalidComponent(
            "The term is not a whole number of months.",
            "مدة العقد ليست عددًا صحيحًا من الأشهر.",
            code=f"{_CODE}.not_whole_months",
            field="end",
        )
    return months


def remaining_term(start: date, end: date, on: date) -> tuple[int, int]:
    """Return the months and days of the term left on ``on``, the day ``on`` included.

    Before the start the whole term remains; after the end nothing does, ``(0, 0)``.

    Raises:
        InvalidFormat, InvalidComponent: as :func:`months_and_days`.

    Examples:
        >>> remaining_term(date(2026, 1, 1), date(2026, 12, 31), on=date(2027, 1, 1))
        (0, 0)
        >>> remaining_term(date(2026, 1, 1), date(2026, 12, 31), on=date(2026, 12, 17))
        (0, 15)
    """
    start, end = _dates(start, end)
    on = require_date(on, "on")
    if on > end:
        return 0, 0
    return months_and_days(max(start, on), end)


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Return whether two inclusive terms share at least one day.

    A renewal starting the day after the old end does not overlap it.

    Raises:
        InvalidFormat, InvalidComponent: as :func:`months_and_days`, for either term.

    Examples:
        >>> overlaps(date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1), date(2027, 12, 31))
        False
        >>> overlaps(date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31), date(2027, 1, 1))
        True
    """
    a_start, a_end = _dates(a_start, a_end)
    b_start, b_end = _dates(b_start, b_end)
    return a_start <= b_end and b_start <= a_end


def _add_months(d: date, months: int) -> date:
    """Return ``add_months(d, months)`` for ``months >= 0`` (property-tested equal).

    Hand-written because the schedule and the rent total step through every month of
    every lease, and ``dateutil.relativedelta`` (behind ``dates.add_months``) costs several
    microseconds a step; this is plain integer arithmetic with the same clipping.
    """
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    if year > date.max.year:
        return add_months(d, months)  # for its typed DateOutOfRange
    day = d.day
    if day > 28:
        day = min(day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def whole_month_split(start: date, end: date) -> tuple[int, date, date]:
    """Return the whole month steps of a term, the day after them, and the step after that.

    ``(n, rest, following)``: ``n`` whole steps fit from ``start`` to ``end``; ``rest`` is
    ``add_months(start, n)``, the first day of the partial last step (after ``end`` when
    the term is whole months); ``following`` is ``add_months(start, n + 1)``, so
    ``(following - rest).days`` is the days in the partial step's month.

    Raises:
        InvalidFormat, InvalidComponent: as :func:`months_and_days`.

    Examples:
        >>> whole_month_split(date(2026, 1, 31), date(2026, 3, 15))
        (1, datetime.date(2026, 2, 28), datetime.date(2026, 3, 31))
    """
    start, end = _dates(start, end)
    last = end.toordinal() + 1  # the day after the term, as an ordinal (no overflow)
    # The calendar-month difference is right or one too many (when the end's day comes
    # before the start's); steps are counted from ``start`` as add_months takes them.
    months = (end.year - start.year) * 12 + end.month - start.month
    rest = _add_months(start, months)
    if rest.toordinal() > last:
        months -= 1
        rest = _add_months(start, months)
    following = _add_months(start, months + 1)
    if following.toordinal() <= last:
        months, rest, following = months + 1, following, _add_months(start, months + 2)
    return months, rest, following


@attrs.frozen
class MonthStep:
    """One month step of a term: its first and last day, and the full step's length.

    ``days_in_month`` is the number of days of the whole step (28 to 31), also for a
    partial last step whose ``end`` is the term's end.

    Examples:
        >>> step = month_steps(date(2026, 1, 15), date(2026, 2, 20))[-1]
        >>> step.start, step.end, step.days, step.days_in_month, step.partial
        (datetime.date(2026, 2, 15), datetime.date(2026, 2, 20), 6, 28, True)
    """

    start: date
    end: date
    days_in_month: int

    @property
    def days(self) -> int:
        """The days of the step actually in the term, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def partial(self) -> bool:
        """Whether the term ends before the step's month is over."""
        return self.days != self.days_in_month


def month_steps(start: date, end: date) -> tuple[MonthStep, ...]:
    """Return the month steps of the term from ``start`` to ``end``, in order.

    The steps are contiguous, cover the term exactly, and only the last may be partial.

    Raises:
        InvalidFormat, InvalidComponent: as :func:`months_and_days`.

    Examples:
        >>> [(s.start.isoformat(), s.end.isoformat()) for s in
        ...  month_steps(date(2024, 1, 31), date(2024, 3, 30))]
        [('2024-01-31', '2024-02-28'), ('2024-02-29', '2024-03-30')]
    """
    return _month_steps(*_dates(start, end))


# Steps depend on the two dates only and are immutable, so they are shared: leases cluster
# on a few start days and terms (the 1st, 12 months), and every schedule and rent total
# walks them. Bounded, so a stream of distinct terms cannot grow memory without limit.
@functools.lru_cache(maxsize=4096)
def _month_steps(start: date, end: date) -> tuple[MonthStep, ...]:
    steps = []
    day, year, month = start.day, start.year, start.month
    step_start = start
    while step_start <= end:
        # The next step's first day, always with the start's day of the month (clipped):
        # stepping from a clipped date would drift (31 -> 28 -> 28). Same as _add_months.
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if year > date.max.year:
            _add_months(start, 12 * (year - start.year) + month - start.month)  # typed error
        following = date(
            year, month, day if day <= 28 else min(day, calendar.monthrange(year, month)[1])
        )
        steps.append(
            MonthStep(step_start, min(following - _ONE_DAY, end), (following - step_start).days)
        )
        step_start = following
    return tuple(steps)
