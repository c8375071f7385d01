"""Sign-in throttling: unit edge cases, the jurisdiction policy, and a stateful model test."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from municipal_core.accounts._policy import to_duration, to_duration_or_zero
from municipal_core.accounts._throttle import (
    ThrottlePolicy,
    ThrottleState,
    record_failure,
    record_success,
    retry_after,
)
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.serialization import from_json, to_json

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
MIN = dt.timedelta(minutes=1)
POLICY = ThrottlePolicy(max_failures=3, window=dt.timedelta(minutes=15), cooldown=600)


def fail_times(state: ThrottleState, *minutes: float) -> ThrottleState:
    for m in minutes:
        state = record_failure(state, POLICY, T0 + m * MIN)
    return state


@pytest.mark.parametrize("jurisdiction", [OM_SOHAR, SA_BALADY])
def test_policy_comes_from_the_jurisdiction_rules(jurisdiction: object) -> None:
    policy = ThrottlePolicy.for_jurisdiction(jurisdiction, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert policy == ThrottlePolicy(5, dt.timedelta(seconds=900), dt.timedelta(seconds=900))


def test_a_host_can_override_a_rule() -> None:
    rules = OM_SOHAR.rules.with_value("accounts.signin.max_failures", 10, dt.date(2026, 1, 1))
    policy = ThrottlePolicy.for_jurisdiction(
        attrs.evolve(OM_SOHAR, rules=rules), dt.date(2026, 6, 1)
    )
    assert policy.max_failures == 10
    assert ThrottlePolicy.for_jurisdiction(OM_SOHAR, dt.date(2026, 6, 1)).max_failures == 5


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"max_failures": 0}, InvalidComponent, "accounts.throttle.range"),
        ({"max_failures": True}, InvalidFormat, "accounts.throttle.type"),
        ({"max_failures": "5"}, InvalidFormat, "accounts.throttle.type"),
        ({"window": 0}, InvalidComponent, "accounts.duration.range"),
        ({"window": -5}, InvalidComponent, "accounts.duration.range"),
        ({"window": 1.5}, InvalidFormat, "accounts.duration.type"),
        ({"cooldown": dt.timedelta(days=400)}, InvalidComponent, "accounts.duration.range"),
        ({"cooldown": 10**12}, InvalidComponent, "accounts.duration.range"),
    ],
)
def test_bad_policies_are_refused_with_typed_errors(
    kwargs: dict[str, object], error: type[Exception], code: str
) -> None:
    values: dict[str, object] = {"max_failures": 3, "window": 60, "cooldown": 60, **kwargs}
    with pytest.raises(error) as info:
        ThrottlePolicy(**values)  # type: ignore[arg-type]
    assert info.value.code == code  # type: ignore[attr-defined]


def test_durations_accept_whole_seconds_and_zero_only_where_allowed() -> None:
    assert to_duration(90) == dt.timedelta(seconds=90)
    assert to_duration_or_zero(0) == dt.timedelta(0)
    with pytest.raises(InvalidComponent):
        to_duration(dt.timedelta(0))


def test_the_lock_starts_on_the_last_allowed_failure_and_lasts_the_cooldown() -> None:
    state = fail_times(ThrottleState(), 0, 1)
    assert state.locked_until is None
    assert retry_after(state, POLICY, T0 + 2 * MIN) is None
    state = fail_times(state, 2)
    assert state.locked_until == T0 + 12 * MIN
    assert state.failures == ()
    assert retry_after(state, POLICY, T0 + 2 * MIN) == dt.timedelta(minutes=10)
    assert retry_after(state, POLICY, T0 + 12 * MIN - dt.timedelta(microseconds=1))
    assert retry_after(state, POLICY, T0 + 12 * MIN) is None


def test_failures_outside_the_window_are_forgotten() -> None:
    state = fail_times(ThrottleState(), 0, 1, 15.5)
    assert state.locked_until is None
    assert state.failures == (T0 + 1 * MIN, T0 + 15.5 * MIN)


def test_failures_during_a_lock_do_not_extend_it() -> None:
    locked = fail_times(ThrottleState(), 0, 1, 2)
    assert record_failure(locked, POLICY, T0 + 5 * MIN) == locked


def test_after_the_lock_the_count_starts_again() -> None:
    state = fail_times(ThrottleState(), 0, 1, 2, 13)
    assert retry_after(state, POLICY, T0 + 13 * MIN) is None
    assert state.failures == (T0 + 13 * MIN,)


def test_success_clears_failures_but_not_a_running_lock() -> None:
    assert record_success(fail_times(ThrottleState(), 0, 1)).failures == ()
    locked = fail_times(ThrottleState(), 0, 1, 2)
    assert record_success(locked).locked_until == locked.locked_until


def test_a_clock_step_back_neither_lifts_a_lock_nor_wipes_the_count() -> None:
    locked = fail_times(ThrottleState(), 0, 1, 2)
    assert retry_after(locked, POLICY, T0 - dt.timedelta(hours=1)) == dt.timedelta(
        hours=1, minutes=12
    )
    counting = fail_times(ThrottleState(), 0, 1)
    stepped = record_failure(counting, POLICY, T0 - dt.timedelta(hours=2))
    assert stepped.locked_until is not None


def test_naive_times_and_wrong_arguments_raise_typed_errors() -> None:
    with pytest.raises(InvalidFormat) as info:
        record_failure(ThrottleState(), POLICY, dt.datetime(2026, 1, 1))
    assert info.value.code == "accounts.throttle.datetime"
    with pytest.raises(InvalidFormat):
        retry_after("state", POLICY, T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        record_success(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        ThrottleState(failures=[dt.datetime(2026, 1, 1)])
    with pytest.raises(InvalidFormat):
        ThrottleState(failures="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        ThrottleState(locked_until=dt.datetime(2026, 1, 1))


def test_state_sorts_failures_and_round_trips_through_json() -> None:
    state = ThrottleState(failures=[T0 + MIN, T0], locked_until=T0 + 5 * MIN)
    assert state.failures == (T0, T0 + MIN)
    assert from_json(to_json(state), ThrottleState) == state


@given(
    st.lists(st.integers(min_value=-30, max_value=60 * 24), max_size=30),
    st.integers(min_value=1, max_value=6),
)
def test_failures_kept_are_bounded_and_waits_never_negative(
    offsets: list[int], max_failures: int
) -> None:
    policy = ThrottlePolicy(max_failures, 900, 900)
    state, at = ThrottleState(), T0
    for offset in offsets:
        at = T0 + offset * MIN
        state = record_failure(state, policy, at)
        assert len(state.failures) < max_failures
        wait = retry_after(state, policy, at)
        assert wait is None or wait > dt.timedelta(0)


class ThrottleMachine(RuleBasedStateMachine):
    """Compare the pure functions with a plain reference model of the rule.

    The model keeps every failure ever recorded and the lock deadline, and decides from
    those alone; the library keeps only what the rule needs. Time moves forwards and
    backwards.
    """

    def __init__(self) -> None:
        super().__init__()
        self.policy = ThrottlePolicy(3, 600, 300)
        self.state = ThrottleState()
        self.now = T0
        self.counted: list[dt.datetime] = []  # failures since the last lock or success
        self.deadline: dt.datetime | None = None

    def model_locked(self) -> bool:
        return self.deadline is not None and self.now < self.deadline

    @rule(seconds=st.integers(min_value=-900, max_value=1800))
    def clock_moves(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)

    @rule()
    def failure(self) -> None:
        self.state = record_failure(self.state, self.policy, self.now)
        if self.model_locked():
            return
        self.counted = [t for t in self.counted if t > self.now - self.policy.window]
        self.counted.append(self.now)
        if len(self.counted) >= self.policy.max_failures:
            self.deadline, self.counted = self.now + self.policy.cooldown, []

    @rule()
    def success(self) -> None:
        self.state = record_success(self.state)
        self.counted = []

    @invariant()
    def agrees_with_the_model(self) -> None:
        wait = retry_after(self.state, self.policy, self.now)
        assert (wait is not None) == self.model_locked()
        if wait is not None:
            assert self.deadline is not None
            assert wait == self.deadline - self.now
        assert sorted(self.state.failures) == sorted(self.counted)

    @invariant()
    def round_trips(self) -> None:
        assert from_json(to_json(self.state), ThrottleState) == self.state


TestThrottleMachine = ThrottleMachine.TestCase
TestThrottleMachine.settings = settings(max_examples=60, stateful_step_count=30)
