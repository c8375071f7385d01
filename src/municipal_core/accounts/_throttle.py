"""Sign-in throttling: after repeated failures, a cool-down before the next try.

Pure functions over an immutable :class:`ThrottleState`, so the host keeps the state
wherever it likes (one per sign-in identifier, known or not, so probing for accounts is
throttled too) and the rule is tested without a store. Time is always passed in.

The rule: ``max_failures`` failed sign-ins within ``window`` lock the identifier for
``cooldown``. Failures older than the window are forgotten; a success clears the count.
Defaults come from the jurisdiction (``accounts.signin.*``, OWASP-based assumptions).

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
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from municipal_core._checks import aware, require_aware, require_instance
from municipal_core.accounts._policy import RulePolicy, aware_times, positive_int, to_duration

__all__ = [
    "ThrottlePolicy",
    "ThrottleState",
    "record_failure",
    "record_success",
    "retry_after",
]

_CODE = "accounts.throttle"


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
