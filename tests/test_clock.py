"""Clock protocol, SystemClock and the FixedClock test double."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.clock import Clock, FixedClock, SystemClock, resolve_tz, utc_now
from municipal_core.errors import DateOutOfRange, InvalidComponent, InvalidFormat, ValidationError

MUSCAT = ZoneInfo("Asia/Muscat")
RIYADH = ZoneInfo("Asia/Riyadh")
NEW_YORK = ZoneInfo("America/New_York")

aware_datetimes = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.timezones()
)


# --------------------------------------------------------------------------- resolve_tz


def test_resolve_tz_names_and_objects() -> None:
    assert resolve_tz("Asia/Muscat") == MUSCAT
    assert resolve_tz(timezone.utc) is timezone.utc
    fixed = timezone(timedelta(hours=4))
    assert resolve_tz(fixed) is fixed


@pytest.mark.parametrize(
    "name",
    ["Nope/Zone", "Asia", "", "../etc/passwd", "/etc/localtime", "a\x00b", "x" * 5000,
     "Asia/Muscat ", "utc", "😀", "\u202eAsia/Muscat"],
)
def test_resolve_tz_unknown_names_raise_our_error(name: str) -> None:
    with pytest.raises(InvalidComponent) as info:
        resolve_tz(name)
    assert info.value.code == "clock.tz.unknown"
    assert info.value.field == "tz"
    assert info.value.message_ar


@pytest.mark.parametrize("value", [None, 4, 4.0, b"UTC", ["UTC"], timedelta(hours=4)])
def test_resolve_tz_wrong_type(value: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        resolve_tz(value)  # type: ignore[arg-type]
    assert info.value.code == "clock.tz.type"


@given(st.text(max_size=80))
def test_resolve_tz_any_text_is_a_zone_or_our_error(name: str) -> None:
    try:
        tz = resolve_tz(name)
    except InvalidComponent as err:
        assert err.code == "clock.tz.unknown"
    else:
        assert isinstance(tz, tzinfo)


# --------------------------------------------------------------------------- SystemClock


def test_system_clock_defaults_to_utc() -> None:
    clock = SystemClock()
    assert clock.tz == ZoneInfo("UTC")
    assert clock == SystemClock("UTC")
    assert isinstance(clock, Clock)


def test_system_clock_now_is_aware_current_and_in_its_zone() -> None:
    clock = SystemClock("Asia/Muscat")
    before = datetime.now(timezone.utc)
    now = clock.now()
    after = datetime.now(timezone.utc)
    assert now.tzinfo is MUSCAT
    assert now.utcoffset() == timedelta(hours=4)
    assert before <= now <= after


def test_system_clock_today_is_the_date_in_its_zone() -> None:
    clock = SystemClock(RIYADH)
    before = datetime.now(RIYADH).date()
    today = clock.today()
    after = datetime.now(RIYADH).date()
    assert type(today) is date
    assert today in {before, after}


def test_system_clock_is_frozen() -> None:
    clock = SystemClock("Asia/Muscat")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        clock.tz = RIYADH  # type: ignore[misc]


def test_system_clock_unknown_zone() -> None:
    with pytest.raises(InvalidComponent) as info:
        SystemClock("Asia/Sohar")
    assert info.value.code == "clock.tz.unknown"


# --------------------------------------------------------------------------- FixedClock


def test_fixed_clock_shows_the_instant_in_the_zone_of_at() -> None:
    at = datetime(2026, 3, 31, 23, 30, tzinfo=MUSCAT)
    clock = FixedClock(at)
    assert clock.now() == at
    assert clock.now().tzinfo is MUSCAT
    assert clock.tz is MUSCAT
    assert clock.today() == date(2026, 3, 31)
    assert isinstance(clock, Clock)


def test_fixed_clock_with_explicit_tz_takes_today_there() -> None:
    # 21:00 UTC is already the next day in Riyadh (UTC+3).
    clock = FixedClock(datetime(2026, 1, 1, 21, 0, tzinfo=timezone.utc), tz="Asia/Riyadh")
    assert clock.today() == date(2026, 1, 2)
    assert clock.now().isoformat() == "2026-01-02T00:00:00+03:00"
    # set() keeps the explicit zone ...
    clock.set(datetime(2026, 6, 1, 12, 0, tzinfo=MUSCAT))
    assert clock.tz is RIYADH
    assert clock.now().isoformat() == "2026-06-01T11:00:00+03:00"


def test_fixed_clock_without_tz_follows_the_zone_of_set() -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    clock.set(datetime(2026, 1, 1, 2, 0, tzinfo=MUSCAT))
    assert clock.tz is MUSCAT
    assert clock.today() == date(2026, 1, 1)


def test_fixed_clock_stands_still() -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert clock.now() == clock.now() == datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_fixed_clock_advance_forms() -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert clock.advance(minutes=5) == datetime(2026, 1, 1, 0, 5, tzinfo=timezone.utc)
    assert clock.advance(timedelta(days=1)) == datetime(2026, 1, 2, 0, 5, tzinfo=timezone.utc)
    assert clock.advance(hours=-1, minutes=-5) == datetime(2026, 1, 1, 23, 0, tzinfo=timezone.utc)
    clock.set(datetime(2025, 1, 1, tzinfo=timezone.utc))  # backwards is allowed
    assert clock.today() == date(2025, 1, 1)


def test_fixed_clock_advance_is_elapsed_time_across_dst() -> None:
    # 2026-03-08 02:00 EST the US clocks jump to 03:00 EDT: one hour after 01:30 EST is
    # 03:30 EDT, not the non-existent wall time 02:30.
    clock = FixedClock(datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK))
    assert clock.advance(hours=1).isoformat() == "2026-03-08T03:30:00-04:00"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((), {}),
        ((timedelta(minutes=1),), {"minutes": 1}),
        ((), {"fortnights": 1}),
        ((), {"minutes": "5"}),
        ((), {"minutes": float("nan")}),
        ((5,), {}),
        (("5 minutes",), {}),
    ],
)
def test_fixed_clock_advance_bad_arguments(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(InvalidFormat) as info:
        clock.advance(*args, **kwargs)  # type: ignore[arg-type]
    assert info.value.code == "clock.advance.args"
    assert clock.now() == datetime(2026, 1, 1, tzinfo=timezone.utc)  # unchanged


@pytest.mark.parametrize("kwargs", [{"days": 10**9}, {"days": -(10**9)}, {"days": float("inf")}])
def test_fixed_clock_advance_out_of_range(kwargs: dict[str, float]) -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(DateOutOfRange) as info:
        clock.advance(**kwargs)  # type: ignore[arg-type]
    assert info.value.code == "clock.range"
    assert clock.now() == datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_fixed_clock_advance_past_datetime_max() -> None:
    clock = FixedClock(datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc))
    with pytest.raises(DateOutOfRange):
        clock.advance(hours=2)


def test_fixed_clock_set_to_an_instant_its_zone_cannot_show() -> None:
    # 9999-12-31 23:00 UTC is year 10000 in Muscat.
    with pytest.raises(DateOutOfRange) as info:
        FixedClock(datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc), tz="Asia/Muscat")
    assert info.value.code == "clock.range"


def test_fixed_clock_refuses_naive() -> None:
    with pytest.raises(InvalidFormat) as info:
        FixedClock(datetime(2026, 1, 1))
    assert info.value.code == "clock.naive"
    assert info.value.field == "at"
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    with pytest.raises(InvalidFormat):
        clock.set(datetime(2026, 1, 2))
    assert clock.today() == date(2026, 1, 1)


class _NoOffset(tzinfo):
    """A tzinfo that does not know its offset, which makes a datetime naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> None:
        return None


def test_fixed_clock_refuses_tzinfo_without_offset() -> None:
    with pytest.raises(InvalidFormat) as info:
        FixedClock(datetime(2026, 1, 1, tzinfo=_NoOffset()))
    assert info.value.code == "clock.naive"


@pytest.mark.parametrize("value", [None, date(2026, 1, 1), "2026-01-01T00:00:00+00:00", 0])
def test_fixed_clock_refuses_non_datetimes(value: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        FixedClock(value)  # type: ignore[arg-type]
    assert info.value.code == "clock.type"


def test_fixed_clock_unknown_tz() -> None:
    with pytest.raises(InvalidComponent) as info:
        FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc), tz="Oman/Sohar")
    assert info.value.code == "clock.tz.unknown"


def test_fixed_clock_repr_is_readable() -> None:
    clock = FixedClock(datetime(2026, 1, 1, 8, 0, tzinfo=MUSCAT))
    assert repr(clock) == "<FixedClock now=2026-01-01T08:00:00+04:00 tz=Asia/Muscat>"
    assert repr(FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))) == (
        "<FixedClock now=2026-01-01T00:00:00+00:00 tz=UTC>"
    )


def test_utc_now() -> None:
    clock = FixedClock(datetime(2026, 1, 1, 4, 0, tzinfo=MUSCAT))
    assert utc_now(clock) == datetime(2026, 1, 1, 0, 0, tzinfo=timezone.utc)
    assert utc_now(clock).tzinfo is timezone.utc


# --------------------------------------------------------------------------- properties


@given(aware_datetimes)
def test_fixed_clock_keeps_the_instant(at: datetime) -> None:
    clock = FixedClock(at)
    assert utc_now(clock) == at.astimezone(timezone.utc)
    assert clock.now().tzinfo is at.tzinfo
    assert clock.now().utcoffset() is not None


@given(aware_datetimes, st.sampled_from([MUSCAT, RIYADH, NEW_YORK, timezone.utc]))
def test_fixed_clock_today_is_the_date_in_its_tz(at: datetime, tz: tzinfo) -> None:
    clock = FixedClock(at, tz=tz)
    assert clock.today() == at.astimezone(tz).date()
    assert clock.now().tzinfo is tz


@given(
    aware_datetimes,
    st.timedeltas(min_value=timedelta(days=-3650), max_value=timedelta(days=3650)),
    st.timedeltas(min_value=timedelta(days=-3650), max_value=timedelta(days=3650)),
)
def test_fixed_clock_advances_add_up(at: datetime, a: timedelta, b: timedelta) -> None:
    one, two = FixedClock(at), FixedClock(at)
    one.advance(a)
    one.advance(b)
    two.advance(a + b)
    assert utc_now(one) == utc_now(two) == at.astimezone(timezone.utc) + a + b


@given(st.dictionaries(st.text(max_size=12), st.one_of(st.integers(), st.floats(),
                                                      st.text(max_size=3)), max_size=3))
def test_fixed_clock_advance_never_leaks_other_errors(kwargs: dict[str, object]) -> None:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    try:
        clock.advance(**kwargs)  # type: ignore[arg-type]
    except ValidationError as err:
        assert err.code in {"clock.advance.args", "clock.range"}
    else:
        assert clock.now().tzinfo is timezone.utc


def test_utc_now_refuses_a_non_clock() -> None:
    from municipal_core.clock import utc_now
    from municipal_core.errors import InvalidFormat

    with pytest.raises(InvalidFormat):
        utc_now(42)  # type: ignore[arg-type]
