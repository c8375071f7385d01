"""Calendar arithmetic: Hijri (Umm al-Qura) dates, month steps, periods, financial years.

* :class:`HijriDate` -- a date of the Umm al-Qura calendar Saudi Arabia uses, with exact
  conversion both ways (by the hijridate library's official tables), for
  1343-01-01..1500-12-30 AH (1924-08-01..2077-11-16 CE).
* :func:`add_months` / :func:`add_years` -- calendar steps that clip to the end of a short
  month (31 January + 1 month = 28 or 29 February), as leases and licences count them.
* :class:`Period` -- a span of days with an **inclusive** end, as contracts print them
  ("from 2026-01-01 to 2026-12-31").
* :class:`FinancialYear` -- a year that starts on the first of a configurable month.

Every function here takes ``date`` objects, not ``datetime``: which calendar day an instant
falls on depends on a time zone, so callers convert first (``clock.today()`` or
``dt.astimezone(tz).date()``). A ``datetime`` raises ``InvalidFormat`` (code
``dates.type``) instead of being silently truncated.

>>> from datetime import date
>>> to_hijri(date(2024, 3, 11))
HijriDate(year=1445, month=9, day=1)
>>> HijriDate.parse("١٤٤٥/٩/١").to_gregorian()
datetime.date(2024, 3, 11)
>>> add_months(date(2024, 1, 31), 1)
datetime.date(2024, 2, 29)
>>> lease = Period.of_months(date(2026, 1, 1), 12)
>>> lease.end, lease.days, lease.whole_months
(datetime.date(2026, 12, 31), 365, 12)
>>> financial_year(date(2026, 2, 1), start_month=4).label
'2025-26'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Literal

import attrs

# dateutil.relativedelta and hijridate are imported eagerly: measured with
# `python -X importtime`, after attrs/datetime are loaded they add about 0.7 ms and 1.4 ms,
# and HijriDate needs the Umm al-Qura table to validate itself anyway.
from dateutil.relativedelta import relativedelta
from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE, HIJRI_RANGE

from municipal_core._text import BIDI_CONTROLS, DIGITS_TO_ASCII, language, to_arabic_digits
from municipal_core.errors import DateOutOfRange, InvalidComponent, InvalidFormat, InvalidLength

__all__ = [
    "GREGORIAN_MAX",
    "GREGORIAN_MIN",
    "HIJRI_MAX",
    "HIJRI_MIN",
    "FinancialYear",
    "HijriDate",
    "Period",
    "add_months",
    "add_years",
    "days_between",
    "financial_year",
    "months_between",
    "require_date",
    "to_gregorian",
    "to_hijri",
]

GREGORIAN_MIN = date(*GREGORIAN_RANGE[0])
"""First Gregorian date with a Hijri equivalent: 1924-08-01 (1343-01-01 AH)."""

GREGORIAN_MAX = date(*GREGORIAN_RANGE[1])
"""Last Gregorian date with a Hijri equivalent: 2077-11-16 (1500-12-30 AH)."""

_ONE_DAY = timedelta(days=1)
_MAX_TEXT = 64  # a Hijri date is at most ~12 characters; refuse pastes before any work

# Arabic-Indic and Persian digits to ASCII, and the bidi controls that copy/paste from
# right-to-left pages inserts, removed.
_TEXT_TABLE: dict[int, int | None] = {
    **DIGITS_TO_ASCII,
    **dict.fromkeys(map(ord, BIDI_CONTROLS)),
}

# Year first (ISO-like: 1445-09-01, 1445/9/1) or year last (the d/m/y Saudi forms and
# hijridate's dmyformat print: 01/09/1445). A four-digit year makes the order unambiguous.
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})", re.ASCII)
_YEAR_LAST = re.compile(r"([0-9]{1,2})([-/])([0-9]{1,2})\2([0-9]{4})", re.ASCII)


# --------------------------------------------------------------------------- helpers


def require_date(value: object, field: str = "date") -> date:
    """Return ``value`` as a plain ``date``; refuse datetimes and everything else.

    The one guard behind every date argument in the library: a datetime is refused
    because which day an instant falls on depends on the time zone.

    Raises:
        InvalidFormat: not a date, or a datetime (code ``dates.type``).

    >>> require_date(date(2026, 1, 1))
    datetime.date(2026, 1, 1)
    >>> require_date(datetime(2026, 1, 1, 8, 0))
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: A calendar date is required, not a date and time; ...
    """
    if isinstance(value, datetime):
        raise InvalidFormat(
            "A calendar date is required, not a date and time; convert it in the right "
            "time zone first.",
            "مطلوب تاريخ فقط وليس تاريخًا ووقتًا؛ حوّله أولًا في المنطقة الزمنية الصحيحة.",
            code="dates.type",
            field=field,
        )
    if not isinstance(value, date):
        raise InvalidFormat(
            "The value must be a date.",
            "يجب أن تكون القيمة تاريخًا.",
            code="dates.type",
            field=field,
        )
    # Subclasses (hijridate's Gregorian, pandas-like types) become plain dates, so values
    # compare, hash and print the same whatever produced them.
    return value if type(value) is date else date(value.year, value.month, value.day)


def _as_int(value: object, field: str) -> int:
    # bool is an int subclass, but True months is a bug, not a count.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidFormat(
            "The value must be a whole number.",
            "يجب أن تكون القيمة عددًا صحيحًا.",
            code="dates.int",
            field=field,
        )
    return int(value)


def _out_of_range(field: str) -> DateOutOfRange:
    return DateOutOfRange(
        "The resulting date is outside the supported range (years 1 to 9999).",
        "التاريخ الناتج خارج النطاق المدعوم (السنوات من 1 إلى 9999).",
        code="dates.range",
        field=field,
    )


def _hijri_out_of_range(field: str) -> DateOutOfRange:
    return DateOutOfRange(
        "The date is outside the supported Hijri range 1343-1500 AH (1924-08-01 to "
        "2077-11-16).",
        "التاريخ خارج النطاق الهجري المدعوم 1343-1500 هـ (1924-08-01 إلى 2077-11-16).",
        code="dates.hijri.range",
        field=field,
    )


# --------------------------------------------------------------------------- Hijri


@attrs.frozen(order=True)
class HijriDate:
    """A date of the Umm al-Qura Hijri calendar, valid by construction.

    Month lengths come from the official Umm al-Qura tables hijridate ships: 29 or 30
    days, except eight months before 1365 AH that the tables record with 28 or 31 days
    (e.g. Ramadan 1343 has 28). Years 1343..1500 AH are supported. Ordering is
    chronological.

    Attributes:
        year: Hijri year, 1343..1500.
        month: 1 (Muharram) .. 12 (Dhu al-Hijjah).
        day: 1 up to the month's length (see :meth:`month_length`).

    Raises:
        InvalidFormat: a part is not an ``int`` (code ``dates.int``).
        DateOutOfRange: the year is outside 1343..1500 (``dates.hijri.range``).
        InvalidComponent: no such month (``dates.hijri.month``) or no such day in that
            month (``dates.hijri.day``).

    >>> HijriDate(1445, 9, 1)
    HijriDate(year=1445, month=9, day=1)
    >>> str(HijriDate(1445, 9, 1)), HijriDate(1445, 9, 1).month_length()
    ('1445-09-01', 30)
    >>> HijriDate(1445, 8, 30)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: Sha'ban 1445 has 29 days; there is no day 30.
    """

    year: int
    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        for name in ("year", "month", "day"):
            _as_int(getattr(self, name), field="hijri_date")
        (min_year, _, _), (max_year, _, _) = HIJRI_RANGE
        if not min_year <= self.year <= max_year:
            raise _hijri_out_of_range("hijri_date")
        if not 1 <= self.month <= 12:
            raise InvalidComponent(
                "The Hijri month must be between 1 and 12.",
                "يجب أن يكون الشهر الهجري بين 1 و12.",
                code="dates.hijri.month",
                field="hijri_date",
            )
        length = self.month_length()
        if not 1 <= self.day <= length:
            raise InvalidComponent(
                f"{self.month_name('en')} {self.year} has {length} days; "
                f"there is no day {self.day}."
                if self.day > length
                else "The Hijri day must be 1 or more.",
                f"شهر {self.month_name('ar')} {self.year} عدد أيامه {length}؛ "
                f"لا يوجد يوم {self.day}."
                if self.day > length
                else "يجب أن يكون اليوم الهجري 1 أو أكثر.",
                code="dates.hijri.day",
                field="hijri_date",
            )

    def _hijri(self) -> Hijri:
        # Already validated by us; skip hijridate's own (identical) checks.
        return Hijri(self.year, self.month, self.day, validate=False)

    @classmethod
    def from_gregorian(cls, d: date) -> HijriDate:
        """Return the Hijri date of the Gregorian date ``d``.

        Raises:
            InvalidFormat: ``d`` is not a date, or is a datetime (``dates.type``).
            DateOutOfRange: ``d`` is outside 1924-08-01..2077-11-16
                (``dates.hijri.range``).

        >>> HijriDate.from_gregorian(date(2024, 4, 10))
        HijriDate(year=1445, month=10, day=1)
        >>> HijriDate.from_gregorian(date(2100, 1, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DateOutOfRange: The date is outside the supported Hijri ...
        """
        d = require_date(d, field="date")
        if not GREGORIAN_MIN <= d <= GREGORIAN_MAX:
            raise _hijri_out_of_range("date")
        try:
            h = Gregorian(d.year, d.month, d.day).to_hijri()
        except (OverflowError, ValueError):  # pragma: no cover - range checked above
            raise _hijri_out_of_range("date") from None
        return cls(h.year, h.month, h.day)

    @classmethod
    def parse(cls, text: str) -> HijriDate:
        """Parse ``1445-09-01``, ``1445/9/1`` or day-first ``01/09/1445``.

        Arabic-Indic and Persian digits, surrounding spaces and bidi marks are accepted.
        The separators must be the same (``-`` or ``/``) and the year must have four
        digits, which is what tells year-first from day-first.

        Raises:
            InvalidFormat: not text, or not a date of that shape (``dates.hijri.format``).
            InvalidLength: absurdly long text (``dates.hijri.length``).
            DateOutOfRange, InvalidComponent: as the constructor.

        >>> HijriDate.parse("1445-09-01"), HijriDate.parse(" ٠١/٠٩/١٤٤٥ ")
        (HijriDate(year=1445, month=9, day=1), HijriDate(year=1445, month=9, day=1))
        >>> HijriDate.parse("1445.09.01")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Hijri date must look like 1445-09-01, ...
        """
        if not isinstance(text, str):
            raise InvalidFormat(
                "The Hijri date must be text.",
                "يجب أن يكون التاريخ الهجري نصًا.",
                code="dates.hijri.format",
                field="hijri_date",
            )
        if len(text) > _MAX_TEXT:
            raise InvalidLength(
                "The Hijri date text is far too long.",
                "نص التاريخ الهجري طويل جدًا.",
                code="dates.hijri.length",
                field="hijri_date",
            )
        value = text.translate(_TEXT_TABLE).strip()
        match = _YEAR_FIRST.fullmatch(value)
        if match is not None:
            year, _, month, day = match.groups()
        else:
            match = _YEAR_LAST.fullmatch(value)
            if match is None:
                raise InvalidFormat(
                    "A Hijri date must look like 1445-09-01, 1445/9/1 or 01/09/1445.",
                    "يجب أن يكون التاريخ الهجري بالشكل 1445-09-01 أو 1445/9/1 أو 01/09/1445.",
                    code="dates.hijri.format",
                    field="hijri_date",
                )
            day, _, month, year = match.groups()
        return cls(int(year), int(month), int(day))

    def to_gregorian(self) -> date:
        """Return the Gregorian date of this Hijri date.

        >>> HijriDate(1445, 9, 1).to_gregorian()
        datetime.date(2024, 3, 11)
        """
        try:
            g = self._hijri().to_gregorian()
        except (OverflowError, ValueError):  # pragma: no cover - validated at construction
            raise _hijri_out_of_range("hijri_date") from None
        return date(g.year, g.month, g.day)

    def isoformat(self) -> str:
        """Return ``YYYY-MM-DD``.

        >>> HijriDate(1445, 9, 1).isoformat()
        '1445-09-01'
        """
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def month_name(self, lang: Literal["en", "ar"] = "en") -> str:
        """Return the month's name in English transliteration or Arabic.

        >>> HijriDate(1445, 9, 1).month_name(), HijriDate(1445, 9, 1).month_name("ar")
        ('Ramadan', 'رمضان')
        """
        return self._hijri().month_name(language(lang))

    def format(self, lang: Literal["en", "ar"] = "en", *, arabic_digits: bool = False) -> str:
        """Return the date for people: day, month name, year and era (AH / هـ).

        Args:
            lang: ``"en"`` or ``"ar"``.
            arabic_digits: write the numbers in Arabic-Indic digits (``١٤٤٥``).

        Raises:
            InvalidComponent: ``lang`` is neither ``"en"`` nor ``"ar"`` (``language``).

        >>> h = HijriDate(1445, 9, 1)
        >>> h.format(), h.format("ar"), h.format("ar", arabic_digits=True)
        ('1 Ramadan 1445 AH', '1 رمضان 1445 هـ', '١ رمضان ١٤٤٥ هـ')
        """
        lang = language(lang)
        text = f"{self.day} {self.month_name(lang)} {self.year} {Hijri.notation(lang)}"
        return to_arabic_digits(text) if arabic_digits else text

    def weekday(self) -> int:
        """Return the day of the week, Monday 0 .. Sunday 6 (as ``date.weekday()``).

        >>> HijriDate(1445, 9, 1).weekday()  # 2024-03-11 was a Monday
        0
        """
        return self._hijri().weekday()

    def month_length(self) -> int:
        """Return the number of days in this date's month.

        29 or 30; 28 or 31 for the few months before 1365 AH the official tables record so.

        >>> HijriDate(1445, 8, 1).month_length()
        29
        """
        return self._hijri().month_length()

    def __str__(self) -> str:
        return self.isoformat()


HIJRI_MIN = HijriDate(*HIJRI_RANGE[0])
"""First supported Hijri date: 1343-01-01 AH."""

HIJRI_MAX = HijriDate(*HIJRI_RANGE[1])
"""Last supported Hijri date: 1500-12-30 AH."""


def to_hijri(d: date) -> HijriDate:
    """Return the Hijri date of the Gregorian date ``d`` (see :meth:`HijriDate.from_gregorian`).

    >>> to_hijri(date(2024, 3, 11)).format()
    '1 Ramadan 1445 AH'
    """
    return HijriDate.from_gregorian(d)


def to_gregorian(h: HijriDate) -> date:
    """Return the Gregorian date of the Hijri date ``h``.

    Raises:
        InvalidFormat: ``h`` is not a :class:`HijriDate` (code ``dates.type``).

    >>> to_gregorian(HijriDate(1343, 1, 1))
    datetime.date(1924, 8, 1)
    """
    if not isinstance(h, HijriDate):
        raise InvalidFormat(
            "The value must be a HijriDate.",
            "يجب أن تكون القيمة تاريخًا هجريًا.",
            code="dates.type",
            field="hijri_date",
        )
    return h.to_gregorian()


# --------------------------------------------------------------------------- month steps


def _shift_months(d: date, months: int, *, field: str) -> date:
    # Check the target month exists before asking relativedelta, which would raise a bare
    # ValueError/OverflowError beyond year 9999 (or below year 1).
    target = d.year * 12 + (d.month - 1) + months
    if not 12 * date.min.year <= target <= 12 * date.max.year + 11:
        raise _out_of_range(field)
    # relativedelta clips the day to the target month's length, exactly the rule we want.
    result: date = d + relativedelta(months=months)
    return result


def add_months(d: date, months: int) -> date:
    """Return ``d`` moved by ``months`` calendar months, clipped to the month's end.

    The day is kept when the target month has it; otherwise the result is the last day of
    the target month. Negative ``months`` move back.

    Raises:
        InvalidFormat: ``d`` is not a date or is a datetime (``dates.type``); ``months``
            is not an int (``dates.int``).
        DateOutOfRange: the result would be before year 1 or after 9999 (``dates.range``).

    >>> add_months(date(2023, 1, 31), 1), add_months(date(2024, 3, 31), -1)
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    >>> add_months(date(2024, 5, 15), 20)
    datetime.date(2026, 1, 15)
    """
    return _shift_months(require_date(d, "date"), _as_int(months, "months"), field="months")


def add_years(d: date, years: int) -> date:
    """Return ``d`` moved by ``years`` years; 29 February becomes 28 February if needed.

    Raises:
        InvalidFormat, DateOutOfRange: as :func:`add_months`.

    >>> add_years(date(2024, 2, 29), 1), add_years(date(2024, 2, 29), 4)
    (datetime.date(2025, 2, 28), datetime.date(2028, 2, 29))
    """
    d = require_date(d, "date")
    years = _as_int(years, "years")
    # A year step is twelve month steps: same month, day clipped -- identical to
    # relativedelta(years=...), and one range check covers both.
    if abs(years) > date.max.year:
        raise _out_of_range("years")
    return _shift_months(d, years * 12, field="years")


def months_between(a: date, b: date) -> int:
    """Return the whole calendar months from ``a`` to ``b``, truncated toward zero.

    Counts the month steps (as :func:`add_months` takes them) from ``a`` that do not pass
    ``b``; negative when ``b`` is before ``a``. Because steps are taken from ``a``, the
    count is not always symmetric: 31 Jan -> 28 Feb is one month (31 Jan + 1 month is
    28 Feb), but 28 Feb -> 31 Jan is none (28 Feb - 1 month is 28 Jan, past 31 Jan).

    >>> months_between(date(2026, 1, 15), date(2026, 4, 14))
    2
    >>> months_between(date(2026, 1, 31), date(2026, 2, 28))
    1
    >>> months_between(date(2026, 2, 28), date(2026, 1, 31))
    0
    """
    a = require_date(a, "start")
    b = require_date(b, "end")
    delta = relativedelta(b, a)
    return int(delta.years) * 12 + int(delta.months)


def days_between(a: date, b: date) -> int:
    """Return ``b - a`` in days (negative if ``b`` is earlier); 0 for the same day.

    ``Period(a, b).days == days_between(a, b) + 1``, because a period counts both ends.

    >>> days_between(date(2026, 1, 1), date(2026, 12, 31))
    364
    """
    return (require_date(b, "end") - require_date(a, "start")).days


# --------------------------------------------------------------------------- periods


def _start_date(value: date) -> date:
    return require_date(value, "start")


def _end_date(value: date) -> date:
    return require_date(value, "end")


def _as_period(value: object, field: str) -> Period:
    if not isinstance(value, Period):
        raise InvalidFormat(
            "The value must be a Period.",
            "يجب أن تكون القيمة فترة زمنية (Period).",
            code="dates.type",
            field=field,
        )
    return value


@attrs.frozen
class Period:
    """A span of calendar days from ``start`` to ``end``, **both included**.

    A one-day period has ``start == end``. Build one directly, or with :meth:`of_months`
    / :meth:`of_days`.

    Raises:
        InvalidFormat: ``start`` or ``end`` is not a date, or is a datetime
            (``dates.type``).
        InvalidComponent: ``end`` is before ``start`` (``dates.period.order``).

    >>> p = Period(date(2026, 1, 1), date(2026, 3, 31))
    >>> p.days, p.whole_months, date(2026, 3, 31) in p
    (90, 3, True)
    >>> Period(date(2026, 2, 1), date(2026, 1, 31))
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A period cannot end before it starts.
    """

    start: date = attrs.field(converter=_start_date)
    end: date = attrs.field(converter=_end_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidComponent(
                "A period cannot end before it starts.",
                "لا يمكن أن تنتهي الفترة قبل أن تبدأ.",
                code="dates.period.order",
                field="end",
            )

    @classmethod
    def of_months(cls, start: date, months: int) -> Period:
        """Return the period of ``months`` calendar months from ``start``.

        It ends the day before ``add_months(start, months)``, so twelve months from
        1 January end on 31 December, and ``of_months(s, n).whole_months == n``.

        Raises:
            InvalidComponent: ``months`` is below 1 (``dates.period.length``).
            InvalidFormat, DateOutOfRange: as :func:`add_months`.

        >>> Period.of_months(date(2026, 1, 31), 1)
        Period(start=datetime.date(2026, 1, 31), end=datetime.date(2026, 2, 27))
        """
        start = require_date(start, "start")
        months = _as_int(months, "months")
        if months < 1:
            raise _bad_length("months")
        end = _step_end(start, months)
        if end is None:
            raise _out_of_range("months")
        return cls(start, end)

    @classmethod
    def of_days(cls, start: date, days: int) -> Period:
        """Return the period of ``days`` days from ``start`` (``start`` is day 1).

        Raises:
            InvalidComponent: ``days`` is below 1 (``dates.period.length``).
            InvalidFormat: bad types (``dates.type``, ``dates.int``).
            DateOutOfRange: the end would be after 9999-12-31 (``dates.range``).

        >>> Period.of_days(date(2026, 1, 1), 30).end
        datetime.date(2026, 1, 30)
        """
        start = require_date(start, "start")
        days = _as_int(days, "days")
        if days < 1:
            raise _bad_length("days")
        if days - 1 > (date.max - start).days:
            raise _out_of_range("days")
        return cls(start, start + timedelta(days=days - 1))

    @property
    def days(self) -> int:
        """The number of days, counting both ends (a one-day period has 1).

        >>> Period(date(2024, 2, 1), date(2024, 2, 29)).days
        29
        """
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int:
        """The number of whole month steps from ``start`` that fit inside the period.

        Step *k* covers ``add_months(start, k - 1)`` up to the day before
        ``add_months(start, k)``; it counts if that day is not after ``end``.

        >>> Period(date(2026, 1, 15), date(2026, 3, 13)).whole_months
        1
        >>> Period(date(2026, 1, 15), date(2026, 3, 14)).whole_months
        2
        """
        if self.end < date.max:
            return months_between(self.start, self.end + _ONE_DAY)
        # end + 1 day does not exist. The steps whose next start is representable fit;
        # one more fits only if it ends exactly on 9999-12-31.
        count = months_between(self.start, self.end)
        return count + 1 if _step_end(self.start, count + 1) is not None else count

    def contains(self, d: date) -> bool:
        """Return whether the day ``d`` lies in the period (ends included).

        Raises:
            InvalidFormat: ``d`` is not a date or is a datetime (``dates.type``).

        >>> Period(date(2026, 1, 1), date(2026, 1, 31)).contains(date(2026, 1, 31))
        True
        """
        return self.start <= require_date(d, "date") <= self.end

    def __contains__(self, d: object) -> bool:
        return self.contains(d)  # type: ignore[arg-type]  # contains() checks the type

    def overlaps(self, other: Period) -> bool:
        """Return whether the two periods share at least one day.

        >>> jan = Period(date(2026, 1, 1), date(2026, 1, 31))
        >>> jan.overlaps(Period(date(2026, 1, 31), date(2026, 2, 28)))
        True
        >>> jan.overlaps(Period(date(2026, 2, 1), date(2026, 2, 28)))
        False
        """
        other = _as_period(other, "other")
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: Period) -> Period | None:
        """Return the days both periods share, or ``None`` if they share none.

        >>> Period(date(2026, 1, 1), date(2026, 6, 30)).intersection(
        ...     Period(date(2026, 6, 1), date(2026, 12, 31)))
        Period(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30))
        """
        other = _as_period(other, "other")
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Period(start, end) if start <= end else None

    def iter_days(self) -> Iterator[date]:
        """Yield every day of the period in order, ``start`` and ``end`` included.

        Examples:
            >>> [d.day for d in Period.of_days(date(2026, 1, 30), 3).iter_days()]
            [30, 31, 1]
        """
        for ordinal in range(self.start.toordinal(), self.end.toordinal() + 1):
            yield date.fromordinal(ordinal)


def _step_end(start: date, months: int) -> date | None:
    """Return the last day of ``months`` month steps from ``start``, None past 9999-12-31."""
    target = start.year * 12 + (start.month - 1) + months
    if target <= 12 * date.max.year + 11:
        return _shift_months(start, months, field="months") - _ONE_DAY
    # The next step would start in January of year 10000, which date cannot hold; its
    # day before is still 9999-12-31 when the steps start on the 1st.
    if target == 12 * (date.max.year + 1) and start.day == 1:
        return date.max
    return None


def _bad_length(field: str) -> InvalidComponent:
    return InvalidComponent(
        "A period must last at least one day or month.",
        "يجب أن تمتد الفترة يومًا واحدًا أو شهرًا واحدًا على الأقل.",
        code="dates.period.length",
        field=field,
    )


# --------------------------------------------------------------------------- financial years


def _check_start_month(value: object) -> int:
    month = _as_int(value, "start_month")
    if not 1 <= month <= 12:
        raise InvalidComponent(
            "The financial year's start month must be between 1 and 12.",
            "يجب أن يكون شهر بداية السنة المالية بين 1 و12.",
            code="dates.financial_year.start_month",
            field="start_month",
        )
    return month


def _fy_out_of_range() -> DateOutOfRange:
    return DateOutOfRange(
        "The financial year is outside the supported range (years 1 to 9999).",
        "السنة المالية خارج النطاق المدعوم (السنوات من 1 إلى 9999).",
        code="dates.financial_year.range",
        field="start_year",
    )


@attrs.frozen(order=True)
class FinancialYear:
    """A twelve-month financial year starting on the 1st of ``start_month``.

    ``start_month`` is data, not a constant: a jurisdiction profile says which month its
    year starts in (January for a calendar-year budget, April in DIGIT's Indian
    deployments).

    Attributes:
        start_year: the calendar year of the first day.
        start_month: 1..12; 1 means the calendar year.

    Raises:
        InvalidFormat: a part is not an int (``dates.int``).
        InvalidComponent: ``start_month`` outside 1..12
            (``dates.financial_year.start_month``).
        DateOutOfRange: the year would not fit in years 1..9999
            (``dates.financial_year.range``).

    >>> fy = FinancialYear(2026, 4)
    >>> fy.label, fy.period.start, fy.period.end
    ('2026-27', datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    >>> str(FinancialYear(2026))
    '2026'
    """

    start_year: int
    start_month: int = 1

    def __attrs_post_init__(self) -> None:
        year = _as_int(self.start_year, "start_year")
        month = _check_start_month(self.start_month)
        # The last day must exist too: a year starting in 9999 only fits if it starts in
        # January.
        last_year = date.max.year if month == 1 else date.max.year - 1
        if not date.min.year <= year <= last_year:
            raise _fy_out_of_range()

    @property
    def start(self) -> date:
        """The first day."""
        return date(self.start_year, self.start_month, 1)

    @property
    def end(self) -> date:
        """The last day (inclusive)."""
        end = _step_end(self.start, 12)
        if end is None:  # pragma: no cover - the constructor keeps the end representable
            raise _fy_out_of_range()
        return end

    @property
    def period(self) -> Period:
        """The year as a :class:`Period`."""
        return Period(self.start, self.end)

    @property
    def label(self) -> str:
        """``"2026"`` for a calendar year, else ``"2026-27"`` (DIGIT's financial-year token).

        >>> FinancialYear(2099, 7).label
        '2099-00'
        """
        if self.start_month == 1:
            return f"{self.start_year}"
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def next(self) -> FinancialYear:
        """Return the following financial year.

        >>> FinancialYear(2026, 4).next().label
        '2027-28'
        """
        return FinancialYear(self.start_year + 1, self.start_month)

    def previous(self) -> FinancialYear:
        """Return the preceding financial year.

        >>> FinancialYear(2026, 4).previous().label
        '2025-26'
        """
        return FinancialYear(self.start_year - 1, self.start_month)

    def contains(self, d: date) -> bool:
        """Return whether the day ``d`` falls in this financial year.

        >>> FinancialYear(2026, 4).contains(date(2027, 3, 31))
        True
        """
        return self.start <= require_date(d, "date") <= self.end

    def __contains__(self, d: object) -> bool:
        return self.contains(d)  # type: ignore[arg-type]  # contains() checks the type

    def __str__(self) -> str:
        return self.label


def financial_year(d: date, start_month: int = 1) -> FinancialYear:
    """Return the financial year (starting on the 1st of ``start_month``) containing ``d``.

    Raises:
        InvalidFormat: ``d`` is not a date or is a datetime (``dates.type``).
        InvalidComponent: ``start_month`` outside 1..12.
        DateOutOfRange: the year would start before year 1.

    >>> financial_year(date(2026, 3, 31), start_month=4).label
    '2025-26'
    >>> financial_year(date(2026, 4, 1), start_month=4).label
    '2026-27'
    >>> financial_year(date(2026, 12, 31)).period.start
    datetime.date(2026, 1, 1)
    """
    d = require_date(d, "date")
    month = _check_start_month(start_month)
    return FinancialYear(d.year if d.month >= month else d.year - 1, month)
