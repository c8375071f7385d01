"""Sign-in throttling: after repeated failures, a cool-down before the next try.

Pure functions over an immutable :class:`ThrottleState`, so the host keeps the state
wherever it likes (one per sign-in identifier, known or not, so probing for accounts is
throttled too) and the rule is tested without a store. Time is always passed in.

The rule: ``max_failures`` failed sign-ins within ``window`` lock the identifier for
``cooldown``. Failures older than the window are forgotten; a success clears the count.
Defaults come from the jurisdiction (``accounts.signin.*``, OWASP-based assumptions).

This module also holds the construction checks the account policies share (a positive
whole number, a flag, a duration, an aware datetime), each raising a typed bilingual error.

Examples:
    >>> import datetime as dt
    >>> policy = ThrottlePolicy(max_failures=3, window=dt.timedelta(minutes=15),
    ...                         cooldown=dt.timedelta(minutes=10))
    >>> at = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    >>> state = ThrottleState()
    >>> for minute in range(3):
    ...     state = record_failure(state, policy, at + dt.timedelta(minutes=minute))
    >>> retry_after(state, policy, at + dt.timedelta(minutes=2))
    datetime.timedelta(seconds=600)
    >>> retry_after(state, policy, at + dt.timedelta(minutes=12)) is None
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import attrs

from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import Jurisdiction

__all__ = [
    "RulePolicy",
    "ThrottlePolicy",
    "ThrottleState",
    "aware",
    "aware_times",
    "flag",
    "positive_int",
    "record_failure",
    "record_success",
    "require_aware",
    "require_instance",
    "retry_after",
    "to_duration",
    "to_duration_or_zero",
]

_CODE = "accounts.throttle"
_DURATION = "accounts.duration"

Validator = Callable[[Any, Any, Any], None]
T = TypeVar("T")

# Longest duration any account rule may hold: a 30-day cool-down is already absurd for a
# portal; the cap keeps `at + duration` far from datetime's range limit.
_MAX_DURATION = dt.timedelta(days=366)


def positive_int(code: str, *, minimum: int = 1, maximum: int | None = None) -> Validator:
    """Return an attrs validator: an ``int`` (not ``bool``) in ``[minimum, maximum]``.

    Errors are ``InvalidFormat`` (``{code}.type``) or ``InvalidComponent`` (``{code}.range``).

    Examples:
        >>> @attrs.frozen
        ... class Box:
        ...     size: int = attrs.field(validator=positive_int("box", maximum=9))
        >>> Box(10)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: size must be between 1 and 9.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidFormat(
                f"{attribute.name} must be a whole number.",
                f"يجب أن تكون قيمة {attribute.name} عددًا صحيحًا.",
                code=f"{code}.type",
                field=attribute.name,
            )
        if value < minimum or (maximum is not None and value > maximum):
            upper = "" if maximum is None else f" and {maximum}"
            upper_ar = "" if maximum is None else f" و{maximum}"
            raise InvalidComponent(
                f"{attribute.name} must be {'between ' if maximum else 'at least '}"
                f"{minimum}{upper}.",
                f"يجب أن تكون قيمة {attribute.name} {'بين ' if maximum else 'على الأقل '}"
                f"{minimum}{upper_ar}.",
                code=f"{code}.range",
                field=attribute.name,
            )

    return check


def flag(code: str) -> Validator:
    """Return an attrs validator: exactly ``True`` or ``False`` (``{code}.type`` otherwise).

    Examples:
        >>> @attrs.frozen
        ... class Box:
        ...     open: bool = attrs.field(validator=flag("box"))
        >>> Box(1)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: open must be True or False.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidFormat(
                f"{attribute.name} must be True or False.",
                f"يجب أن تكون قيمة {attribute.name} صحيحة أو خاطئة.",
                code=f"{code}.type",
                field=attribute.name,
            )

    return check


def to_duration(value: object) -> dt.timedelta:
    """Attrs converter: a positive ``timedelta`` or whole seconds, to a ``timedelta``.

    Whole seconds are accepted because that is how the jurisdiction rules hold durations
    (``accounts.otp.ttl_seconds``). Zero, negative and over-a-year durations are refused
    with ``InvalidComponent`` (``accounts.duration.range``); anything else with
    ``InvalidFormat`` (``accounts.duration.type``).

    Examples:
        >>> to_duration(300)
        datetime.timedelta(seconds=300)
        >>> to_duration(0)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: A duration must be positive and at most a year.
    """
    result = to_duration_or_zero(value)
    if not result:
        raise _bad_duration()
    return result


def to_duration_or_zero(value: object) -> dt.timedelta:
    """Attrs converter: like :func:`to_duration`, but zero is allowed ("no wait").

    Examples:
        >>> to_duration_or_zero(dt.timedelta(0))
        datetime.timedelta(0)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > _MAX_DURATION.total_seconds():
            raise _bad_duration()
        value = dt.timedelta(seconds=value)
    if not isinstance(value, dt.timedelta):
        raise InvalidFormat(
            "A duration must be a timedelta or whole seconds.",
            "يجب أن تكون المدة من نوع timedelta أو عددًا صحيحًا من الثواني.",
            code=f"{_DURATION}.type",
            field="duration",
        )
    if value < dt.timedelta(0) or value > _MAX_DURATION:
        raise _bad_duration()
    return value


def _bad_duration() -> InvalidComponent:
    return InvalidComponent(
        "A duration must be positive and at most a year.",
        "يجب أن تكون المدة موجبة وألا تتجاوز سنة.",
        code=f"{_DURATION}.range",
        field="duration",
    )


def require_aware(value: object, *, field: str, code: str) -> dt.datetime:
    """Return ``value`` if it is a timezone-aware datetime, else ``InvalidFormat``.

    The error's code is ``{code}.datetime``.

    Examples:
        >>> require_aware(dt.datetime(2026, 1, 1), field="at", code="accounts.otp")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: at must be a timezone-aware datetime.
    """
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidFormat(
            f"{field} must be a timezone-aware datetime.",
            f"يجب أن يكون {field} تاريخًا ووقتًا مع المنطقة الزمنية.",
            code=f"{code}.datetime",
            field=field,
        )
    return value


def aware(code: str, *, optional: bool = False) -> Validator:
    """Return an attrs validator: an aware datetime (or ``None`` when ``optional``).

    Examples:
        >>> @attrs.frozen
        ... class Stamp:
        ...     at: dt.datetime = attrs.field(validator=aware("stamp"))
        >>> Stamp(dt.datetime(2026, 1, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: at must be a timezone-aware datetime.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        require_aware(value, field=attribute.name, code=code)

    return check


def require_instance(value: object, cls: type[T], *, field: str, code: str) -> T:
    """Return ``value`` if it is a ``cls``, else ``InvalidFormat`` (``{code}.type``).

    Examples:
        >>> require_instance("policy", ThrottlePolicy, field="policy", code="accounts.throttle")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A ThrottlePolicy is required for policy.
    """
    if not isinstance(value, cls):
        raise InvalidFormat(
            f"A {cls.__name__} is required for {field}.",
            f"يلزم كائن من نوع {cls.__name__} للحقل {field}.",
            code=f"{code}.type",
            field=field,
        )
    return value


P = TypeVar("P", bound="RulePolicy")


class RulePolicy:
    """Mixin for the account policies: built from the jurisdiction's rules, as data.

    A subclass names in :attr:`RULES` the rule each of its fields is read from; its own
    validators then check the values, so a host profile holding an unusable value fails
    with the policy's typed error, naming the field.
    """

    __slots__ = ()

    RULES: ClassVar[Mapping[str, str]] = MappingProxyType({})
    """Field name -> jurisdiction rule name."""

    @classmethod
    def for_jurisdiction(cls: type[P], jurisdiction: Jurisdiction, on: dt.date) -> P:
        """Return the policy in force in ``jurisdiction`` on ``on``.

        Raises:
            NotFound: a rule is missing or not in force on that day.
            ValidationError: a rule holds an unusable value.
        """
        rules = require_instance(
            jurisdiction, Jurisdiction, field="jurisdiction", code="accounts"
        ).rules
        return cls(**{field: rules.value(name, on) for field, name in cls.RULES.items()})


def aware_times(values: object, *, field: str, code: str) -> tuple[dt.datetime, ...]:
    """Return ``values`` as a sorted tuple of aware datetimes, else ``InvalidFormat``.

    Sorted on the way in, so a state loaded from JSON or built after a clock step back
    still has its oldest time first. Errors: ``{code}.{field}`` for something that is not a
    sequence, ``{code}.datetime`` for an item that is not an aware datetime.

    Examples:
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> aware_times([t + dt.timedelta(1), t], field="sent_at", code="accounts.otp")[0] == t
        True
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidFormat(
            f"{field} must be a sequence of datetimes.",
            f"يجب أن تكون قيمة {field} قائمة من التواريخ والأوقات.",
            code=f"{code}.{field}",
            field=field,
        )
    return tuple(sorted(require_aware(v, field=field, code=code) for v in values))


def _failure_times(values: Iterable[dt.datetime]) -> tuple[dt.datetime, ...]:
    return aware_times(values, field="failures", code=_CODE)


@attrs.frozen
class ThrottlePolicy(RulePolicy):
    """How many failures, within what window, lock sign-in for how long.

    ``for_jurisdiction`` reads ``accounts.signin.max_failures``, ``window_seconds`` and
    ``cooldown_seconds``.

    Attributes:
        max_failures: failed attempts within ``window`` that trigger the lock (1..1000).
        window: how far back failures count (a ``timedelta`` or whole seconds).
        cooldown: how long the lock lasts.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> policy = ThrottlePolicy.for_jurisdiction(OM_SOHAR, dt.date(2026, 1, 1))
        >>> policy.max_failures, policy.cooldown
        (5, datetime.timedelta(seconds=900))
    """

    max_failures: int = attrs.field(validator=positive_int(_CODE, maximum=1000))
    window: dt.timedelta = attrs.field(converter=to_duration)
    cooldown: dt.timedelta = attrs.field(converter=to_duration)

    RULES: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "max_failures": "accounts.signin.max_failures",
            "window": "accounts.signin.window_seconds",
            "cooldown": "accounts.signin.cooldown_seconds",
        }
    )


@attrs.frozen
class ThrottleState:
    """The recent failures of one sign-in identifier, and the lock if one is running.

    Attributes:
        failures: times of failures not yet forgotten, oldest first.
        locked_until: end of the running (or last) lock, or ``None``.

    Examples:
        >>> from municipal_core.serialization import from_json, to_json
        >>> state = ThrottleState((dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),))
        >>> from_json(to_json(state), ThrottleState) == state
        True
    """

    failures: tuple[dt.datetime, ...] = attrs.field(default=(), converter=_failure_times)
    locked_until: dt.datetime | None = attrs.field(
        default=None, validator=aware(_CODE, optional=True)
    )


def _check_args(state: object, policy: object, at: object) -> dt.datetime:
    require_instance(state, ThrottleState, field="state", code=_CODE)
    require_instance(policy, ThrottlePolicy, field="policy", code=_CODE)
    return require_aware(at, field="at", code=_CODE)


def retry_after(
    state: ThrottleState, policy: ThrottlePolicy, at: dt.datetime
) -> dt.timedelta | None:
    """Return how long until sign-in may be tried again, or ``None`` if it may be now.

    If the clock stepped back since the lock began, the wait grows by the step: a lock is
    a deadline, and no clock step lifts it early.

    Raises:
        InvalidFormat: ``at`` is naive (``accounts.throttle.datetime``).

    Examples:
        >>> policy = ThrottlePolicy(1, 60, 300)
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> retry_after(record_failure(ThrottleState(), policy, at), policy,
        ...             at + dt.timedelta(seconds=100))
        datetime.timedelta(seconds=200)
    """
    at = _check_args(state, policy, at)
    if state.locked_until is None or at >= state.locked_until:
        return None
    return state.locked_until - at


def record_failure(state: ThrottleState, policy: ThrottlePolicy, at: dt.datetime) -> ThrottleState:
    """Return the state after a failed sign-in at ``at``.

    Failures older than the window are dropped; the ``max_failures``-th failure within the
    window starts a lock of ``policy.cooldown`` and clears the count. A failure recorded
    while a lock is running changes nothing: the caller should not have checked the
    password at all (see :func:`retry_after`), and extending the lock would let anyone keep
    an account's owner out for ever by guessing.

    Examples:
        >>> policy = ThrottlePolicy(2, 60, 300)
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> state = record_failure(ThrottleState(), policy, at)
        >>> len(state.failures), state.locked_until
        (1, None)
        >>> record_failure(state, policy, at + dt.timedelta(seconds=61)).locked_until is None
        True
        >>> record_failure(state, policy, at + dt.timedelta(seconds=5)).locked_until
        datetime.datetime(2026, 1, 1, 0, 5, 5, tzinfo=datetime.timezone.utc)
    """
    at = _check_args(state, policy, at)
    if retry_after(state, policy, at) is not None:
        return state
    # Failures "in the future" (the clock stepped back) still count: forgetting them would
    # let a clock step wipe the count.
    recent = (*(t for t in state.failures if t > at - policy.window), at)
    if len(recent) >= policy.max_failures:
        return ThrottleState(failures=(), locked_until=at + policy.cooldown)
    # An expired lock's deadline is kept: harmless once past, and if the clock steps back
    # into it, it still holds (no clock step lifts a lock).
    return ThrottleState(failures=recent, locked_until=state.locked_until)


def record_success(state: ThrottleState) -> ThrottleState:
    """Return the state after a successful sign-in: the failure count starts again.

    ``locked_until`` is kept: a success can only be recorded once the lock is over (the
    caller checks :func:`retry_after` first), so keeping it costs nothing, and a caller
    that forgot to check does not lift a running lock by mistake.

    Examples:
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> record_success(ThrottleState((at,))).failures
        ()
    """
    state = require_instance(state, ThrottleState, field="state", code=_CODE)
    return ThrottleState(failures=(), locked_until=state.locked_until)
