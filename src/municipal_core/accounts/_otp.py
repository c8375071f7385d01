"""Activation codes (one-time passwords): issue, resend limits, verify.

A code is ``policy.length`` random digits from :mod:`secrets`. Only a keyed hash of it is
kept (HMAC-SHA256 with the host's secret key over the purpose, the subject, the issue
time and the code), so a leaked account store does not leak live codes, and a code
issued for one account or purpose never verifies for another.

The limits, all from the jurisdiction (``accounts.otp.*``, assumptions after NIST SP
800-63B and OWASP): a code lives ``ttl``; ``max_attempts`` wrong codes lock it (only a
new code helps); a new code may be sent ``resend_cooldown`` after the last one and at
most ``max_sends_per_hour`` times in any hour. A new code replaces the previous one.

Everything is a pure function of the previous state and an explicit time; the host
stores the :class:`ActivationCode` (it round-trips through :mod:`municipal_core.serialization`).

Examples:
    >>> import datetime as dt
    >>> policy = OtpPolicy(length=6, ttl=300, max_attempts=3, resend_cooldown=60,
    ...                    max_sends_per_hour=5)
    >>> key = b"host secret key, 32 bytes long.."
    >>> at = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    >>> state, code = issue_code(None, subject="acc-1", policy=policy, key=key, at=at)
    >>> len(code), code in repr(state)
    (6, False)
    >>> state, result = verify_code(state, "000000" if code != "000000" else "111111",
    ...                             key=key, policy=policy, at=at)
    >>> result
    OtpResult(outcome=<OtpOutcome.WRONG_CODE: 'wrong_code'>, attempts_left=2)
    >>> state, result = verify_code(state, code, key=key, policy=policy, at=at)
    >>> result.ok, result.message("en")
    (True, 'The code is correct.')
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from municipal_core._checks import Validator, aware, require_aware, require_instance
from municipal_core._text import language
from municipal_core.accounts._policy import (
    RulePolicy,
    aware_times,
    positive_int,
    to_duration,
    to_duration_or_zero,
)
from municipal_core.errors import InvalidComponent, InvalidFormat, Language, RateLimited
from municipal_core.identifiers._util import clean

__all__ = [
    "ActivationCode",
    "OtpOutcome",
    "OtpPolicy",
    "OtpResult",
    "issue_code",
    "verify_code",
]

_CODE = "accounts.otp"
_HOUR = dt.timedelta(hours=1)
_MIN_KEY_BYTES = 16
_MAX_CODE_DIGITS = 10
_MAX_SUBJECT = 128
_PURPOSE_RE = re.compile(r"[a-z][a-z0-9_.]{0,31}")
_HEX64_RE = re.compile(r"[0-9a-f]{64}")
# A domain-separation tag: the same key may sign other things in the host application.
_TAG = b"municipal_core.accounts.otp.v1"


def _within_an_hour(_instance: object, attribute: Any, value: dt.timedelta) -> None:
    # Sends are remembered for an hour (the window of max_sends_per_hour); a longer
    # cool-down could not be enforced from that memory, and makes no sense for a code.
    if value > _HOUR:
        raise InvalidComponent(
            "The resend cool-down must be at most an hour.",
            "يجب ألا تتجاوز مدة الانتظار قبل إعادة الإرسال ساعة واحدة.",
            code=f"{_CODE}.range",
            field=attribute.name,
        )


@attrs.frozen
class OtpPolicy(RulePolicy):
    """The limits on activation codes; ``for_jurisdiction`` reads ``accounts.otp.*``.

    Attributes:
        length: digits per code, 4..10 (NIST SP 800-63B asks for at least 6).
        ttl: how long a code is valid (a ``timedelta`` or whole seconds).
        max_attempts: wrong codes that lock a code (1..100).
        resend_cooldown: the least time between two sends (zero: no wait; at most an
            hour).
        max_sends_per_hour: sends allowed in any sliding hour (1..100).

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> policy = OtpPolicy.for_jurisdiction(SA_BALADY, dt.date(2026, 1, 1))
        >>> policy.length, policy.ttl
        (6, datetime.timedelta(seconds=300))
    """

    length: int = attrs.field(validator=positive_int(_CODE, minimum=4, maximum=_MAX_CODE_DIGITS))
    ttl: dt.timedelta = attrs.field(converter=to_duration)
    max_attempts: int = attrs.field(validator=positive_int(_CODE, maximum=100))
    resend_cooldown: dt.timedelta = attrs.field(
        converter=to_duration_or_zero, validator=_within_an_hour
    )
    max_sends_per_hour: int = attrs.field(validator=positive_int(_CODE, maximum=100))

    RULES: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "length": "accounts.otp.length",
            "ttl": "accounts.otp.ttl_seconds",
            "max_attempts": "accounts.otp.max_attempts",
            "resend_cooldown": "accounts.otp.resend_cooldown_seconds",
            "max_sends_per_hour": "accounts.otp.max_sends_per_hour",
        }
    )


def _check_subject(_instance: object, attribute: Any, value: Any) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > _MAX_SUBJECT
        or not value.isprintable()
    ):
        raise InvalidFormat(
            f"The {attribute.name} must be printable text of 1 to {_MAX_SUBJECT} characters.",
            f"يجب أن يكون {attribute.name} نصًا مطبوعًا من 1 إلى {_MAX_SUBJECT} حرفًا.",
            code=f"{_CODE}.{attribute.name}",
            field=attribute.name,
        )


def _matching(pattern: re.Pattern[str], suffix: str, en: str, ar: str) -> Validator:
    def check(_instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise InvalidFormat(en, ar, code=f"{_CODE}.{suffix}", field=attribute.name)

    return check


_check_purpose = _matching(
    _PURPOSE_RE,
    "purpose",
    "The purpose must be a short lower-case name such as 'activation'.",
    "يجب أن يكون الغرض اسمًا قصيرًا بحروف إنجليزية صغيرة مثل 'activation'.",
)
_check_digest = _matching(
    _HEX64_RE,
    "digest",
    "The code digest must be 64 lower-case hexadecimal characters.",
    "يجب أن تكون بصمة الرمز 64 حرفًا ست عشريًا صغيرًا.",
)


def _send_times(values: Iterable[dt.datetime]) -> tuple[dt.datetime, ...]:
    return aware_times(values, field="sent_at", code=_CODE)


def _bad_times(field: str) -> InvalidComponent:
    return InvalidComponent(
        "The code's times are out of order.",
        "أوقات الرمز غير مرتبة.",
        code=f"{_CODE}.times",
        field=field,
    )


@attrs.frozen
class ActivationCode:
    """The stored state of the current code of one subject: a keyed hash, never the code.

    Attributes:
        subject: whom the code is for (an account id).
        purpose: what it is for (``"activation"``); part of the hash.
        digest: hex HMAC-SHA256 of the code (hidden from ``repr``).
        issued_at: when it was issued; part of the hash.
        expires_at: the first instant it is no longer valid.
        attempts: verification attempts made so far.
        sent_at: the sends of the last hour that still matter for the resend limits,
            this one included, oldest first.
        verified_at: when it was verified, or ``None``.

    Examples:
        >>> from municipal_core.serialization import from_json, to_json
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> state, code = issue_code(None, subject="acc-7", policy=OtpPolicy(6, 300, 5, 60, 5),
        ...                          key=b"k" * 32, at=at)
        >>> repr(state)[:52]
        "ActivationCode(subject='acc-7', purpose='activation'"
        >>> state.digest in repr(state), code in to_json(state)
        (False, False)
        >>> from_json(to_json(state), ActivationCode) == state
        True
    """

    subject: str = attrs.field(validator=_check_subject)
    purpose: str = attrs.field(validator=_check_purpose)
    digest: str = attrs.field(validator=_check_digest, repr=False)
    issued_at: dt.datetime = attrs.field(validator=aware(_CODE))
    expires_at: dt.datetime = attrs.field(validator=aware(_CODE))
    attempts: int = attrs.field(default=0, validator=positive_int(_CODE, minimum=0))
    sent_at: tuple[dt.datetime, ...] = attrs.field(default=(), converter=_send_times)
    verified_at: dt.datetime | None = attrs.field(
        default=None, validator=aware(_CODE, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.expires_at <= self.issued_at:
            raise _bad_times("expires_at")
        if self.verified_at is not None and not (
            self.issued_at <= self.verified_at < self.expires_at
        ):
            raise _bad_times("verified_at")


class OtpOutcome(str, enum.Enum):
    """What became of one attempt to verify a code.

    Examples:
        >>> OtpOutcome("expired")
        <OtpOutcome.EXPIRED: 'expired'>
    """

    VERIFIED = "verified"
    WRONG_CODE = "wrong_code"
    EXPIRED = "expired"
    LOCKED = "locked"
    ALREADY_USED = "already_used"


# One message per outcome, as data; {left} is the number of attempts left.
_MESSAGES: dict[OtpOutcome, tuple[str, str]] = {
    OtpOutcome.VERIFIED: ("The code is correct.", "الرمز صحيح."),
    OtpOutcome.WRONG_CODE: (
        "The code is not correct. Attempts left: {left}.",
        "الرمز غير صحيح. المحاولات المتبقية: {left}.",
    ),
    OtpOutcome.EXPIRED: (
        "The code has expired. Request a new code.",
        "انتهت صلاحية الرمز. اطلب رمزًا جديدًا.",
    ),
    OtpOutcome.LOCKED: (
        "Too many wrong codes. Request a new code.",
        "تجاوزت عدد المحاولات المسموح به. اطلب رمزًا جديدًا.",
    ),
    OtpOutcome.ALREADY_USED: (
        "This code has already been used.",
        "تم استخدام هذا الرمز من قبل.",
    ),
}


def _to_outcome(value: object) -> OtpOutcome:
    try:
        return OtpOutcome(value)
    except ValueError:
        raise InvalidComponent(
            "Unknown code verification outcome.",
            "نتيجة تحقق غير معروفة.",
            code=f"{_CODE}.outcome",
            field="outcome",
        ) from None


@attrs.frozen
class OtpResult:
    """The outcome of one verification and how many attempts the code has left.

    Examples:
        >>> result = OtpResult(OtpOutcome.WRONG_CODE, 2)
        >>> result.ok, result.message("ar")
        (False, 'الرمز غير صحيح. المحاولات المتبقية: 2.')
    """

    outcome: OtpOutcome = attrs.field(converter=_to_outcome)
    attempts_left: int = attrs.field(validator=positive_int(_CODE, minimum=0))

    @property
    def ok(self) -> bool:
        """Whether the code was verified."""
        return self.outcome is OtpOutcome.VERIFIED

    def message(self, lang: Language = "en") -> str:
        """Return the message for the user in ``lang`` (``"en"`` or ``"ar"``)."""
        en, ar = _MESSAGES[self.outcome]
        return (ar if language(lang) == "ar" else en).format(left=self.attempts_left)


def _check_key(key: object) -> bytes:
    if not isinstance(key, bytes) or len(key) < _MIN_KEY_BYTES:
        raise InvalidFormat(
            f"The secret key must be at least {_MIN_KEY_BYTES} bytes.",
            f"يجب ألا يقل المفتاح السري عن {_MIN_KEY_BYTES} بايت.",
            code=f"{_CODE}.key",
            field="key",
        )
    return key


def _digest(key: bytes, purpose: str, subject: str, issued_at: dt.datetime, code: str) -> str:
    # Each part is length-prefixed, so no choice of subject can make two different
    # (purpose, subject, time, code) tuples hash the same bytes. The time is taken in UTC,
    # so a state reloaded with another offset still verifies.
    parts = (purpose, subject, issued_at.astimezone(dt.timezone.utc).isoformat(), code)
    message = _TAG + b"".join(
        len(b).to_bytes(4, "big") + b for b in (p.encode("utf-8") for p in parts)
    )
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _wait(since: dt.datetime, gap: dt.timedelta, at: dt.datetime) -> dt.timedelta:
    # A send "in the future" (the clock stepped back) counts as sent now: the wait is
    # never longer than the rule's own gap, and a clock step never shortens it.
    return min(since, at) + gap - at


def issue_code(
    previous: ActivationCode | None,
    *,
    subject: str,
    policy: OtpPolicy,
    key: bytes,
    at: dt.datetime,
    purpose: str = "activation",
    randbelow: Callable[[int], int] = secrets.randbelow,
) -> tuple[ActivationCode, str]:
    """Issue a new code for ``subject``; return its state to store and the code to send.

    The new code replaces ``previous`` (its attempts do not carry over). Leading zeros are
    kept: ``"004211"`` is a six-digit code.

    Args:
        previous: the subject's current code state, if any (for the resend limits).
        subject: whom the code is for (an account id).
        policy: the limits.
        key: the host's secret key (at least 16 bytes).
        at: the time of issue (aware).
        purpose: what the code is for; a code verifies only for its purpose.
        randbelow: the random source; :func:`secrets.randbelow` unless a test injects one.

    Raises:
        RateLimited: inside the resend cool-down (``accounts.otp.resend_cooldown``) or over
            the sends allowed per hour (``accounts.otp.send_limit``); ``retry_after`` says
            how long to wait.
        InvalidFormat: a bad argument (naive time, short key, ``previous`` for another
            subject or purpose...).

    Examples:
        >>> policy = OtpPolicy(4, 300, 3, 60, 5)
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> state, code = issue_code(None, subject="a", policy=policy, key=b"k" * 32, at=at,
        ...                          randbelow=lambda n: 42)
        >>> code, state.expires_at.isoformat()
        ('0042', '2026-01-01T00:05:00+00:00')
        >>> issue_code(state, subject="a", policy=policy, key=b"k" * 32,
        ...            at=at + dt.timedelta(seconds=20))
        Traceback (most recent call last):
            ...
        municipal_core.errors.RateLimited: Please wait before requesting a new code.
    """
    policy = require_instance(policy, OtpPolicy, field="policy", code=_CODE)
    key = _check_key(key)
    at = require_aware(at, field="at", code=_CODE)
    sent: tuple[dt.datetime, ...] = ()
    if previous is not None:
        sent = _recent_sends(previous, subject=subject, purpose=purpose, policy=policy, at=at)
    number = randbelow(10**policy.length)
    bad = not isinstance(number, int) or isinstance(number, bool)
    if bad or not 0 <= number < 10**policy.length:
        raise InvalidFormat(
            "The random source returned an unusable number.",
            "أعاد مصدر الأرقام العشوائية رقمًا غير صالح.",
            code=f"{_CODE}.random",
            field="randbelow",
        )
    code = f"{number:0{policy.length}d}"
    state = ActivationCode(
        subject=subject,
        purpose=purpose,
        digest=_digest(key, purpose, subject, at, code),
        issued_at=at,
        expires_at=at + policy.ttl,
        sent_at=(*sent, at),
    )
    return state, code


def _recent_sends(
    previous: ActivationCode, *, subject: str, purpose: str, policy: OtpPolicy, at: dt.datetime
) -> tuple[dt.datetime, ...]:
    """Return the sends of the last hour, or raise RateLimited if another is not allowed."""
    if not isinstance(previous, ActivationCode) or (previous.subject, previous.purpose) != (
        subject,
        purpose,
    ):
        raise InvalidFormat(
            "The previous code must be this subject's code for the same purpose.",
            "يجب أن يكون الرمز السابق لنفس الحساب ولنفس الغرض.",
            code=f"{_CODE}.previous",
            field="previous",
        )
    # Sends "in the future" (the clock stepped back) are kept: they still count.
    recent = tuple(t for t in previous.sent_at if t > at - _HOUR)
    waits: list[tuple[dt.timedelta, str]] = []
    if recent:
        waits.append((_wait(recent[-1], policy.resend_cooldown, at), "resend_cooldown"))
    if len(recent) >= policy.max_sends_per_hour:
        oldest_counted = recent[len(recent) - policy.max_sends_per_hour]
        waits.append((_wait(oldest_counted, _HOUR, at), "send_limit"))
    wait, reason = max(waits, default=(dt.timedelta(0), ""))
    if wait > dt.timedelta(0):
        if reason == "send_limit":
            raise RateLimited(
                "Too many codes were requested. Please try again later.",
                "طلبت رموزًا كثيرة. يرجى المحاولة لاحقًا.",
                code=f"{_CODE}.send_limit",
                field="code",
                retry_after=wait,
            )
        raise RateLimited(
            "Please wait before requesting a new code.",
            "يرجى الانتظار قبل طلب رمز جديد.",
            code=f"{_CODE}.resend_cooldown",
            field="code",
            retry_after=wait,
        )
    # Only the last max_sends_per_hour - 1 sends can matter for the next decision.
    return recent[max(len(recent) - policy.max_sends_per_hour + 1, 0) :]


def _typed_code(code: object) -> str | None:
    """Return the typed code as ASCII digits, or ``None`` if it cannot be a code."""
    # clean() drops spaces, dashes and bidi marks and turns Arabic-Indic and Persian
    # digits into ASCII, as every identifier input does; it refuses non-text. The length
    # is not checked against the policy: a code issued before a policy change still
    # verifies, and a wrong length simply does not match the digest.
    value = clean(code, field="code", code=_CODE)
    if not value or len(value) > _MAX_CODE_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return value


def verify_code(
    state: ActivationCode,
    code: str,
    *,
    key: bytes,
    policy: OtpPolicy,
    at: dt.datetime,
) -> tuple[ActivationCode, OtpResult]:
    """Check a typed code; return the new state to store and the result to show.

    The code may be typed with Arabic-Indic or Persian digits and spaces. The comparison
    is constant-time. Every attempt on a live code counts, a malformed one included; the
    attempt that uses up ``max_attempts`` answers ``LOCKED``. A code is valid from its
    issue time (inclusive) to ``expires_at`` (exclusive); checked outside that span (also
    before the issue time, after a clock step back) it is ``EXPIRED``. Expired, locked
    and used codes do not change the state.

    Raises:
        InvalidFormat: the code is not text, or another argument is bad.
        InvalidLength: the typed code is absurdly long.

    Examples:
        >>> policy = OtpPolicy(4, 300, 3, 60, 5)
        >>> at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> state, _ = issue_code(None, subject="a", policy=policy, key=b"k" * 32, at=at,
        ...                       randbelow=lambda n: 1234)
        >>> _, result = verify_code(state, "١٢ ٣٤", key=b"k" * 32, policy=policy, at=at)
        >>> result.outcome
        <OtpOutcome.VERIFIED: 'verified'>
        >>> _, result = verify_code(state, "1234", key=b"k" * 32, policy=policy,
        ...                         at=at + dt.timedelta(minutes=5))
        >>> result.outcome
        <OtpOutcome.EXPIRED: 'expired'>
    """
    state = require_instance(state, ActivationCode, field="state", code=_CODE)
    policy = require_instance(policy, OtpPolicy, field="policy", code=_CODE)
    key = _check_key(key)
    at = require_aware(at, field="at", code=_CODE)
    typed = _typed_code(code)
    if state.verified_at is not None:
        return state, OtpResult(OtpOutcome.ALREADY_USED, 0)
    left = max(policy.max_attempts - state.attempts, 0)
    if left == 0:
        return state, OtpResult(OtpOutcome.LOCKED, 0)
    if not state.issued_at <= at < state.expires_at:
        return state, OtpResult(OtpOutcome.EXPIRED, left)
    expected = state.digest
    # A malformed entry is compared too (against a digest of nothing), so the time taken
    # does not tell a well-formed wrong code from a malformed one.
    candidate = _digest(key, state.purpose, state.subject, state.issued_at, typed or "")
    matched = hmac.compare_digest(candidate, expected) and typed is not None
    attempts = state.attempts + 1
    left -= 1
    if matched:
        return (
            attrs.evolve(state, attempts=attempts, verified_at=at),
            OtpResult(OtpOutcome.VERIFIED, left),
        )
    outcome = OtpOutcome.WRONG_CODE if left else OtpOutcome.LOCKED
    return attrs.evolve(state, attempts=attempts), OtpResult(outcome, left)
