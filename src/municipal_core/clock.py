"""Injected time: a :class:`Clock` protocol, the real :class:`SystemClock` and a test double.

Every rule in municipal_core that depends on "now" takes a ``Clock`` (or an explicit
date/datetime) instead of calling ``datetime.now()`` itself, so a host application decides
which time zone "today" is in and a test decides what time it is.

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> clock = FixedClock(datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("Asia/Muscat")))
>>> clock.today()
datetime.date(2026, 3, 31)
>>> clock.advance(hours=1).isoformat()
'2026-04-01T00:30:00+04:00'
>>> isinstance(SystemClock("Asia/Riyadh"), Clock)
True
>>> SystemClock("Asia/Riyadh").now().utcoffset()
datetime.timedelta(seconds=10800)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Protocol, cast, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from municipal_core.errors import DateOutOfRange, InvalidComponent, InvalidFormat

__all__ = [
    "Clock",
    "FixedClock",
    "SystemClock",
    "resolve_tz",
    "utc_now",
]

# Longest IANA key today is 32 characters ("America/Argentina/ComodRivadavia"); anything
# far longer is refused before zoneinfo probes the file system with it.
_MAX_TZ_NAME = 64


@runtime_checkable
class Clock(Protocol):
    """Where "now" comes from. Implementations must return timezone-aware datetimes.

    ``today()`` is the calendar date in the clock's own time zone (:attr:`tz`), which is
    what a municipality means by "today": a fee due "today" in Muscat is due on the Muscat
    date, whatever the server's zone.
    """

    @property
    def tz(self) -> tzinfo:
        """The time zone ``now()`` is expressed in and ``today()`` is taken in."""
        ...

    def now(self) -> datetime:
        """Return the current instant as an aware datetime in :attr:`tz`."""
        ...

    def today(self) -> date:
        """Return the current calendar date in :attr:`tz`."""
        ...


def resolve_tz(tz: str | tzinfo) -> tzinfo:
    """Return ``tz`` as a ``tzinfo``; a string is an IANA name resolved with zoneinfo.

    Raises:
        InvalidFormat: ``tz`` is neither a string nor a ``tzinfo`` (code ``clock.tz.type``).
        InvalidComponent: no such time zone (code ``clock.tz.unknown``).

    >>> resolve_tz("Asia/Muscat")
    zoneinfo.ZoneInfo(key='Asia/Muscat')
    >>> resolve_tz("Mars/Olympus_Mons")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: Unknown time zone; use an IANA name such as ...
    """
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        raise InvalidFormat(
            "The time zone must be an IANA name (text) or a tzinfo object.",
            "يجب أن تكون المنطقة الزمنية اسمًا من قاعدة IANA أو كائن tzinfo.",
            code="clock.tz.type",
            field="tz",
        )
    unknown = InvalidComponent(
        "Unknown time zone; use an IANA name such as 'Asia/Muscat'.",
        "منطقة زمنية غير معروفة؛ استخدم اسمًا من قاعدة IANA مثل 'Asia/Muscat'.",
        code="clock.tz.unknown",
        field="tz",
    )
    if not tz or len(tz) > _MAX_TZ_NAME:
        raise unknown
    try:
        return ZoneInfo(tz)
    # zoneinfo signals a bad key in several ways: not found (a KeyError), a malformed or
    # absolute path (ValueError), a directory such as "Asia" or an odd name (OSError).
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise unknown from None


def _require_aware(at: object, *, field: str) -> datetime:
    if not isinstance(at, datetime):
        raise InvalidFormat(
            "The time must be a datetime.",
            "يجب أن يكون الوقت من نوع datetime.",
            code="clock.type",
            field=field,
        )
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidFormat(
            "The time must carry a time zone (an aware datetime).",
            "يجب أن يتضمن الوقت منطقة زمنية.",
            code="clock.naive",
            field=field,
        )
    return at


@attrs.frozen
class SystemClock:
    """The real clock, read in a fixed time zone (``"UTC"`` unless told otherwise).

    Attributes:
        tz: an IANA name such as ``"Asia/Muscat"`` or any ``tzinfo``.

    >>> clock = SystemClock("Asia/Muscat")
    >>> clock.tz
    zoneinfo.ZoneInfo(key='Asia/Muscat')
    >>> clock.now().tzinfo is clock.tz
    True
    >>> SystemClock() == SystemClock("UTC")
    True
    """

    # A factory, not default="UTC": the field's type is tzinfo, and the converter only
    # types the argument people pass.
    tz: tzinfo = attrs.field(factory=lambda: resolve_tz("UTC"), converter=resolve_tz)

    def now(self) -> datetime:
        """Return the current instant, aware, in :attr:`tz`."""
        return datetime.now(self.tz)

    def today(self) -> date:
        """Return today's date in :attr:`tz`."""
        return datetime.now(self.tz).date()


class FixedClock:
    """A clock that stands still until a test moves it: the test double for :class:`Clock`.

    It is mutable on purpose (tests move it with :meth:`set` and :meth:`advance`) and it is
    **not thread-safe**: share one between threads only if they do not move it.

    Args:
        at: the instant the clock shows; must be an aware datetime.
        tz: the zone ``now()`` is shown in and ``today()`` is taken in. Without it, the
            zone of ``at`` (and, after :meth:`set`, of the new ``at``) is used.

    The clock keeps an instant, not a wall-clock reading: :meth:`advance` moves it by
    elapsed time, so advancing one hour across a daylight-saving change behaves like a real
    clock. Moving backwards (``set`` to an earlier time or a negative ``advance``) is
    allowed, because real system clocks step back too (NTP corrections) and rules should be
    tested against that.

    >>> from datetime import datetime, timedelta, timezone
    >>> clock = FixedClock(datetime(2026, 1, 1, 21, 0, tzinfo=timezone.utc), tz="Asia/Riyadh")
    >>> clock.now().isoformat(), clock.today()
    ('2026-01-02T00:00:00+03:00', datetime.date(2026, 1, 2))
    >>> clock.advance(timedelta(days=-1)).date()
    datetime.date(2026, 1, 1)
    >>> clock
    <FixedClock now=2026-01-01T00:00:00+03:00 tz=Asia/Riyadh>
    """

    __slots__ = ("_instant", "_tz", "_tz_given")

    _instant: datetime
    _tz: tzinfo
    _tz_given: tzinfo | None

    def __init__(self, at: datetime, tz: str | tzinfo | None = None) -> None:
        self._tz_given = None if tz is None else resolve_tz(tz)
        self.set(at)

    @property
    def tz(self) -> tzinfo:
        """The zone ``now()`` is shown in and ``today()`` is taken in."""
        return self._tz

    def now(self) -> datetime:
        """Return the instant the clock shows, aware, in :attr:`tz`.

        >>> from datetime import datetime, timezone
        >>> FixedClock(datetime(2026, 5, 1, tzinfo=timezone.utc)).now()
        datetime.datetime(2026, 5, 1, 0, 0, tzinfo=datetime.timezone.utc)
        """
        return self._instant.astimezone(self._tz)

    def today(self) -> date:
        """Return the date the clock shows in :attr:`tz`."""
        return self.now().date()

    def set(self, at: datetime) -> None:
        """Move the clock to ``at`` (an aware datetime), forwards or backwards.

        Raises:
            InvalidFormat: ``at`` is not a datetime (``clock.type``) or is naive
                (``clock.naive``).

        >>> from datetime import datetime
        >>> FixedClock(datetime(2026, 1, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The time must carry a time zone (an aware datetime).
        """
        at = _require_aware(at, field="at")
        # _require_aware has refused naive datetimes, so at.tzinfo is set.
        tz = self._tz_given if self._tz_given is not None else cast(tzinfo, at.tzinfo)
        try:
            # Keep the instant in UTC so advance() is elapsed-time arithmetic; adding a
            # timedelta to a zoned datetime would be wall-clock arithmetic instead.
            instant = at.astimezone(timezone.utc)
            instant.astimezone(tz)
        except OverflowError:
            raise _out_of_range() from None
        self._instant = instant
        self._tz = tz

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move the clock by ``delta`` or by ``timedelta(**kwargs)``; return the new ``now()``.

        Negative amounts move it back. Pass either a ``timedelta`` or keyword arguments
        (``days``, ``hours``, ``minutes``, ``seconds``, ``weeks`` …), not both.

        Raises:
            InvalidFormat: nothing, both, or something that is not a duration was given
                (code ``clock.advance.args``).
            DateOutOfRange: the clock would leave the range of ``datetime``
                (``clock.range``).

        >>> from datetime import datetime, timezone
        >>> clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> clock.advance(minutes=5).isoformat()
        '2026-01-01T00:05:00+00:00'
        """
        bad_args = InvalidFormat(
            "Give the clock a timedelta or keyword durations such as minutes=5, not both.",
            "أعطِ الساعة مدة زمنية (timedelta) أو مُدَدًا مسماة مثل minutes=5، وليس كليهما.",
            code="clock.advance.args",
            field="delta",
        )
        if (delta is None) == (not kwargs):
            raise bad_args
        if delta is None:
            try:
                delta = timedelta(**kwargs)
            except OverflowError:
                raise _out_of_range() from None
            except (TypeError, ValueError):
                raise bad_args from None
        elif not isinstance(delta, timedelta):
            raise bad_args
        try:
            instant = self._instant + delta
            instant.astimezone(self._tz)
        except OverflowError:
            raise _out_of_range() from None
        self._instant = instant
        return self.now()

    def __repr__(self) -> str:
        name = getattr(self._tz, "key", None) or str(self._tz)
        return f"<FixedClock now={self.now().isoformat()} tz={name}>"


def _out_of_range() -> DateOutOfRange:
    return DateOutOfRange(
        "The time is outside the range the clock can show.",
        "الوقت خارج النطاق الذي يمكن للساعة عرضه.",
        code="clock.range",
        field="at",
    )


def utc_now(clock: Clock) -> datetime:
    """Return ``clock.now()`` converted to UTC, the form to store timestamps in.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> utc_now(FixedClock(datetime(2026, 1, 1, 4, 0, tzinfo=ZoneInfo("Asia/Muscat"))))
    datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    if not isinstance(clock, Clock):
        raise InvalidFormat(
            "A clock with now() and today() is required.",
            "يلزم كائن ساعة يوفّر now() وtoday().",
            code="clock.type",
            field="clock",
        )
    now = clock.now()
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise InvalidFormat(
            "The clock returned a naive or non-datetime value.",
            "أعادت الساعة قيمة بلا منطقة زمنية أو ليست تاريخًا ووقتًا.",
            code="clock.naive",
            field="clock",
        )
    return now.astimezone(timezone.utc)
