"""Activation codes: issue, resend limits, verify; unit edges, properties, a state machine."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from municipal_core.accounts import (
    ActivationCode,
    OtpOutcome,
    OtpPolicy,
    OtpResult,
    issue_code,
    verify_code,
)
from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    RateLimited,
)
from municipal_core.identifiers._util import clean
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.serialization import from_json, to_json

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
KEY = b"0123456789abcdef0123456789abcdef"
POLICY = OtpPolicy(length=6, ttl=300, max_attempts=3, resend_cooldown=60, max_sends_per_hour=4)
SECOND = dt.timedelta(seconds=1)


def issue(
    previous: ActivationCode | None = None, at: dt.datetime = T0, number: int = 42
) -> tuple[ActivationCode, str]:
    return issue_code(
        previous, subject="acc-1", policy=POLICY, key=KEY, at=at, randbelow=lambda n: number
    )


def check(
    state: ActivationCode, code: str, at: dt.datetime = T0
) -> tuple[ActivationCode, OtpResult]:
    return verify_code(state, code, key=KEY, policy=POLICY, at=at)


# --- policy -----------------------------------------------------------------------------


@pytest.mark.parametrize("jurisdiction", [OM_SOHAR, SA_BALADY])
def test_policy_comes_from_the_jurisdiction_rules(jurisdiction: object) -> None:
    policy = OtpPolicy.for_jurisdiction(jurisdiction, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert policy == OtpPolicy(6, dt.timedelta(minutes=5), 5, dt.timedelta(minutes=1), 5)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"length": 3}, "accounts.otp.range"),
        ({"length": 11}, "accounts.otp.range"),
        ({"max_attempts": 0}, "accounts.otp.range"),
        ({"max_sends_per_hour": False}, "accounts.otp.type"),
        ({"ttl": 0}, "accounts.duration.range"),
        ({"resend_cooldown": -1}, "accounts.duration.range"),
        ({"resend_cooldown": 3601}, "accounts.otp.range"),
        ({"ttl": "300"}, "accounts.duration.type"),
    ],
)
def test_bad_policies_are_refused(change: dict[str, object], code: str) -> None:
    with pytest.raises(MunicipalError) as info:
        attrs.evolve(POLICY, **change)
    assert info.value.code == code


def test_a_zero_cooldown_means_no_wait() -> None:
    policy = attrs.evolve(POLICY, resend_cooldown=0)
    state, _ = issue_code(None, subject="a", policy=policy, key=KEY, at=T0)
    again, _ = issue_code(state, subject="a", policy=policy, key=KEY, at=T0)
    assert again.sent_at == (T0, T0)


# --- issuing ----------------------------------------------------------------------------


def test_codes_keep_leading_zeros_and_only_a_keyed_hash_is_stored() -> None:
    state, code = issue(number=42)
    assert code == "000042"
    assert code not in state.digest
    assert state.digest not in repr(state)
    assert "digest" not in repr(state)
    assert state.expires_at == T0 + dt.timedelta(minutes=5)
    assert state.sent_at == (T0,)
    assert (state.attempts, state.verified_at) == (0, None)


def test_codes_come_from_secrets_by_default() -> None:
    codes = {issue_code(None, subject="a", policy=POLICY, key=KEY, at=T0)[1] for _ in range(40)}
    assert len(codes) > 30
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_the_same_code_hashes_differently_for_another_subject_time_or_key() -> None:
    base, _ = issue()
    other_subject, _ = issue_code(
        None, subject="acc-2", policy=POLICY, key=KEY, at=T0, randbelow=lambda n: 42
    )
    later, _ = issue(at=T0 + SECOND)
    other_key, _ = issue_code(
        None, subject="acc-1", policy=POLICY, key=KEY[::-1], at=T0, randbelow=lambda n: 42
    )
    digests = {base.digest, other_subject.digest, later.digest, other_key.digest}
    assert len(digests) == 4


@pytest.mark.parametrize("number", [-1, 10**6, True, "12"])
def test_a_broken_random_source_is_refused(number: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        issue(number=number)  # type: ignore[arg-type]
    assert info.value.code == "accounts.otp.random"


@pytest.mark.parametrize("key", [b"short", "a text key of enough length!!", None])
def test_weak_or_wrong_keys_are_refused(key: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        issue_code(None, subject="a", policy=POLICY, key=key, at=T0)  # type: ignore[arg-type]
    assert info.value.code == "accounts.otp.key"


def test_bad_arguments_raise_typed_errors() -> None:
    with pytest.raises(InvalidFormat):
        issue_code(None, subject="a", policy=POLICY, key=KEY, at=dt.datetime(2026, 1, 1))
    with pytest.raises(InvalidFormat):
        issue_code(None, subject="a", policy="policy", key=KEY, at=T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        issue_code(None, subject="", policy=POLICY, key=KEY, at=T0)
    with pytest.raises(InvalidFormat):
        issue_code(None, subject="a", policy=POLICY, key=KEY, at=T0, purpose="Bad Purpose")
    state, _ = issue()
    with pytest.raises(InvalidFormat) as info:
        issue_code(state, subject="acc-2", policy=POLICY, key=KEY, at=T0 + dt.timedelta(hours=2))
    assert info.value.code == "accounts.otp.previous"


def test_resend_inside_the_cooldown_is_rate_limited_with_the_exact_wait() -> None:
    state, _ = issue()
    with pytest.raises(RateLimited) as info:
        issue(state, at=T0 + 20 * SECOND)
    assert info.value.code == "accounts.otp.resend_cooldown"
    assert info.value.retry_after == 40 * SECOND
    again, _ = issue(state, at=T0 + 60 * SECOND)
    assert again.sent_at == (T0, T0 + 60 * SECOND)


def test_a_new_code_replaces_the_old_one_and_resets_attempts() -> None:
    state, old = issue(number=111111)
    state, result = check(state, "222222")
    assert result == OtpResult(OtpOutcome.WRONG_CODE, 2)
    new_state, new = issue(state, at=T0 + 61 * SECOND, number=333333)
    assert new_state.attempts == 0
    _, result = check(new_state, old, at=T0 + 62 * SECOND)
    assert result.outcome is OtpOutcome.WRONG_CODE
    _, result = check(new_state, new, at=T0 + 62 * SECOND)
    assert result.ok


def test_sends_per_hour_are_limited_over_a_sliding_hour() -> None:
    state, _ = issue()
    for minute in (1, 2, 3):
        state, _ = issue(state, at=T0 + dt.timedelta(minutes=minute))
    with pytest.raises(RateLimited) as info:
        issue(state, at=T0 + dt.timedelta(minutes=10))
    assert info.value.code == "accounts.otp.send_limit"
    assert info.value.retry_after == dt.timedelta(minutes=50)
    state, _ = issue(state, at=T0 + dt.timedelta(minutes=60, seconds=1))
    assert len(state.sent_at) == POLICY.max_sends_per_hour


def test_a_clock_step_back_never_makes_the_wait_longer_than_the_rule() -> None:
    state, _ = issue()
    with pytest.raises(RateLimited) as info:
        issue(state, at=T0 - dt.timedelta(hours=3))
    assert info.value.retry_after == dt.timedelta(minutes=1)


# --- verifying --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["123456", "١٢٣٤٥٦", "۱۲۳۴۵۶", " 123 456 ", "123-456", "\u200f123456"]
)
def test_codes_may_be_typed_in_any_digit_script_with_spaces(typed: str) -> None:
    state, _ = issue(number=123456)
    new_state, result = check(state, typed)
    assert result == OtpResult(OtpOutcome.VERIFIED, 2)
    assert new_state.verified_at == T0


def test_wrong_codes_count_and_the_last_attempt_locks() -> None:
    state, code = issue(number=123456)
    outcomes = []
    for wrong in ("000000", "12345", "abcdef"):
        state, result = check(state, wrong)
        outcomes.append((result.outcome, result.attempts_left))
    assert outcomes == [
        (OtpOutcome.WRONG_CODE, 2),
        (OtpOutcome.WRONG_CODE, 1),
        (OtpOutcome.LOCKED, 0),
    ]
    locked, result = check(state, code)
    assert result.outcome is OtpOutcome.LOCKED
    assert locked == state


def test_a_code_is_valid_from_its_issue_time_until_just_before_expiry() -> None:
    state, code = issue()
    assert check(state, code, at=T0 + dt.timedelta(seconds=299.999))[1].ok
    for at in (T0 + dt.timedelta(seconds=300), T0 - SECOND):
        unchanged, result = check(state, code, at=at)
        assert result == OtpResult(OtpOutcome.EXPIRED, 3)
        assert unchanged == state


def test_a_verified_code_cannot_be_used_again() -> None:
    state, code = issue()
    state, _ = check(state, code)
    again, result = check(state, code, at=T0 + SECOND)
    assert result == OtpResult(OtpOutcome.ALREADY_USED, 0)
    assert again == state


def test_the_state_still_verifies_after_a_json_round_trip_in_another_zone() -> None:
    state, code = issue_code(
        None, subject="acc-1", policy=POLICY, key=KEY, at=T0.astimezone(ZoneInfo("Asia/Muscat"))
    )
    text = to_json(state)
    assert code not in text
    loaded = from_json(text, ActivationCode)
    assert loaded == state
    assert check(loaded, code)[1].ok


def test_a_code_for_one_purpose_does_not_verify_another() -> None:
    state, code = issue_code(
        None, subject="acc-1", policy=POLICY, key=KEY, at=T0, purpose="password_reset"
    )
    forged = attrs.evolve(state, purpose="activation")
    assert not check(forged, code)[1].ok
    assert not verify_code(state, code, key=KEY[::-1], policy=POLICY, at=T0)[1].ok


def test_typed_code_errors() -> None:
    state, _ = issue()
    with pytest.raises(InvalidFormat):
        check(state, 123456)  # type: ignore[arg-type]
    with pytest.raises(InvalidLength):
        check(state, "1" * 10_000)
    with pytest.raises(InvalidFormat):
        verify_code("state", "1", key=KEY, policy=POLICY, at=T0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"expires_at": T0}, "accounts.otp.times"),
        ({"verified_at": T0 + dt.timedelta(hours=1)}, "accounts.otp.times"),
        ({"verified_at": dt.datetime(2026, 5, 1, 8, 1)}, "accounts.otp.datetime"),
        ({"digest": "ABC"}, "accounts.otp.digest"),
        ({"attempts": -1}, "accounts.otp.range"),
        ({"subject": "a\nb"}, "accounts.otp.subject"),
        ({"sent_at": "2026"}, "accounts.otp.sent_at"),
        ({"sent_at": (dt.datetime(2026, 1, 1),)}, "accounts.otp.datetime"),
    ],
)
def test_an_invalid_state_cannot_be_built(change: dict[str, object], code: str) -> None:
    state, _ = issue()
    with pytest.raises(MunicipalError) as info:
        attrs.evolve(state, **change)
    assert info.value.code == code


def test_results_have_bilingual_messages_and_round_trip() -> None:
    result = OtpResult(OtpOutcome.WRONG_CODE, 2)
    assert "2" in result.message("en")
    assert "2" in result.message("ar")
    assert all(
        OtpResult(outcome, 1).message(lang) for outcome in OtpOutcome for lang in ("en", "ar")
    )
    assert from_json(to_json(result), OtpResult) == result
    assert OtpResult("locked", 0).outcome is OtpOutcome.LOCKED  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent):
        result.message("fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidComponent):
        OtpResult("open sesame", 1)  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------------

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(
    st.integers(min_value=4, max_value=10),
    st.randoms(use_true_random=False),
    st.integers(min_value=0, max_value=300 * 10**6 - 1),
    st.booleans(),
)
def test_every_issued_code_verifies_inside_its_ttl(
    length: int, rng: random.Random, micros: int, arabic: bool
) -> None:
    policy = attrs.evolve(POLICY, length=length)
    state, code = issue_code(
        None, subject="s", policy=policy, key=KEY, at=T0, randbelow=rng.randrange
    )
    assert len(code) == length
    at = T0 + dt.timedelta(microseconds=micros)  # anywhere in [issued_at, expires_at)
    typed = code.translate(ARABIC) if arabic else code
    assert verify_code(state, typed, key=KEY, policy=policy, at=at)[1].ok


@given(st.lists(st.integers(min_value=0, max_value=900), min_size=1, max_size=25))
def test_resend_limits_match_a_plain_model_when_time_moves_forward(gaps: list[int]) -> None:
    state: ActivationCode | None = None
    sent: list[dt.datetime] = []
    at = T0
    for gap in gaps:
        at += dt.timedelta(seconds=gap)
        in_hour = [t for t in sent if t > at - dt.timedelta(hours=1)]
        allowed = not any(t > at - POLICY.resend_cooldown for t in sent) and (
            len(in_hour) < POLICY.max_sends_per_hour
        )
        try:
            state, _ = issue(state, at=at)
        except RateLimited as err:
            assert not allowed
            assert err.retry_after is not None
            assert dt.timedelta(0) < err.retry_after <= dt.timedelta(hours=1)
        else:
            assert allowed
            sent.append(at)


class ActivationMachine(RuleBasedStateMachine):
    """Wrong codes, old codes, resends and clock jumps never verify without the right code.

    A reference model says what each verification must answer; the one way to VERIFIED is
    the current code, typed inside its TTL, before the attempts run out, once.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rng = random.Random(0)
        self.now = T0
        self.state: ActivationCode | None = None
        self.code = ""
        self.old_codes: list[str] = []
        self.verified_by_right_code = False

    def expected(self, right: bool) -> OtpOutcome:
        assert self.state is not None
        if self.state.verified_at is not None:
            return OtpOutcome.ALREADY_USED
        if self.state.attempts >= POLICY.max_attempts:
            return OtpOutcome.LOCKED
        if not self.state.issued_at <= self.now < self.state.issued_at + POLICY.ttl:
            return OtpOutcome.EXPIRED
        if right:
            return OtpOutcome.VERIFIED
        last = self.state.attempts + 1 >= POLICY.max_attempts
        return OtpOutcome.LOCKED if last else OtpOutcome.WRONG_CODE

    def attempt(self, typed: str, right: bool) -> OtpResult:
        assert self.state is not None
        want = self.expected(right)
        self.state, result = verify_code(self.state, typed, key=KEY, policy=POLICY, at=self.now)
        assert result.outcome is want
        return result

    @rule(seconds=st.integers(min_value=-400, max_value=4000))
    def clock_jumps(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)

    @rule()
    def resend(self) -> None:
        before = self.state
        try:
            self.state, code = issue_code(
                before,
                subject="acc",
                policy=POLICY,
                key=KEY,
                at=self.now,
                randbelow=self.rng.randrange,
            )
        except RateLimited as err:
            assert err.retry_after is not None
            assert dt.timedelta(0) < err.retry_after <= dt.timedelta(hours=1)
            assert self.state is before
            return
        if self.code:
            self.old_codes.append(self.code)
        self.code = code
        self.verified_by_right_code = False
        assert self.state.attempts == 0

    @rule(shift=st.integers(min_value=1, max_value=10**6 - 1))
    def wrong_code(self, shift: int) -> None:
        if self.state is not None:
            wrong = f"{(int(self.code) + shift) % 10**6:06d}"
            assert not self.attempt(wrong, right=False).ok

    @rule(junk=st.text(max_size=12))
    def junk_code(self, junk: str) -> None:
        # Skip the rare junk that is the right code typed another way (spaces, scripts).
        if self.state is not None and clean(junk, field="code", code="t") != self.code:
            assert not self.attempt(junk, right=False).ok

    @rule(pick=st.integers(min_value=0, max_value=50))
    def old_code(self, pick: int) -> None:
        if self.state is not None and self.old_codes:
            old = self.old_codes[pick % len(self.old_codes)]
            if old != self.code:
                assert not self.attempt(old, right=False).ok

    @rule(arabic=st.booleans())
    def right_code(self, arabic: bool) -> None:
        if self.state is not None:
            typed = self.code.translate(ARABIC) if arabic else self.code
            if self.attempt(typed, right=True).ok:
                self.verified_by_right_code = True

    @invariant()
    def verified_only_by_the_right_code_in_time(self) -> None:
        if self.state is not None and self.state.verified_at is not None:
            assert self.verified_by_right_code
            assert self.state.issued_at <= self.state.verified_at < self.state.expires_at

    @invariant()
    def attempts_never_exceed_the_limit(self) -> None:
        if self.state is not None:
            assert self.state.attempts <= POLICY.max_attempts


TestActivationMachine = ActivationMachine.TestCase
TestActivationMachine.settings = settings(max_examples=80, stateful_step_count=30)
