"""Signing in, changing the password, and the administrator's account actions.

:func:`sign_in` resolves what the holder typed into the identifier the portal accepts --
Oman: a mobile number (local or international) or an e-mail address; Saudi Arabia: a
username, case-insensitive -- then checks the throttle, the password and the status.

What a failure reveals: nothing. An unknown account, a wrong password and an account
that is not active give the same :class:`SignInResult` message, the same throttling
(counted per typed identifier, known or not) and about the same time (a dummy hash is
computed when there is no account). The reason is kept on the result for audit logs
only. Throttle keys are SHA-256 digests, so the throttle store holds no phone numbers
or e-mail addresses.

A successful sign-in rehashes the password when the stored hash uses weaker parameters
than the hasher (:meth:`PasswordHasher.needs_rehash`).

Examples:
    >>> import datetime as dt
    >>> from municipal_core.accounts._ports import InMemoryAccountStore, InMemoryThrottleStore
    >>> from municipal_core.accounts._passwords import PasswordHasher
    >>> from municipal_core.clock import FixedClock
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> clock = FixedClock(dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
    >>> result = sign_in("9123 4567", "secret", jurisdiction=OM_SOHAR,
    ...                  store=InMemoryAccountStore(), throttle_store=InMemoryThrottleStore(),
    ...                  hasher=PasswordHasher(log2_n=4), clock=clock)
    >>> result.outcome.value, result.reason, result.message("en")
    ('failed', 'unknown_account', 'The sign-in details are not correct.')
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from typing import Any

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.accounts._account import (
    Account,
    advance,
    normalise_username,
    require_types,
)
from municipal_core.accounts._messages import PASSWORD_CHANGED, render
from municipal_core.accounts._passwords import PasswordHasher, PasswordPolicy, require_password
from municipal_core.accounts._ports import AccountStore, Notifier, ThrottleStore
from municipal_core.accounts._throttle import (
    ThrottlePolicy,
    record_failure,
    record_success,
    retry_after,
)
from municipal_core.accounts._types import SignInMethod, sign_in_methods
from municipal_core.clock import Clock, utc_now
from municipal_core.errors import ConflictError, DomainRuleError, InvalidFormat, ValidationError
from municipal_core.identifiers import email as email_id
from municipal_core.identifiers import phone as phone_id
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.workflow import Actor

__all__ = [
    "SignInOutcome",
    "SignInResult",
    "change_password",
    "resolve_identifier",
    "sign_in",
    "transition",
]


_CODE = "accounts.signin"


class SignInOutcome(str, enum.Enum):
    """How a sign-in ended."""

    OK = "ok"
    FAILED = "failed"
    THROTTLED = "throttled"


_MESSAGES = {
    SignInOutcome.OK: ("Signed in.", "تم تسجيل الدخول."),
    SignInOutcome.FAILED: (
        "The sign-in details are not correct.",
        "بيانات تسجيل الدخول غير صحيحة.",
    ),
    SignInOutcome.THROTTLED: (
        "Too many failed attempts. Try again in {minutes} minutes.",
        "محاولات فاشلة كثيرة. حاول مرة أخرى بعد {minutes} دقيقة.",
    ),
}

# Audit reasons, never shown to the user.
_REASONS = frozenset(
    {"unknown_account", "unreadable_identifier", "wrong_password", "not_active", "throttled"}
)


def _outcome(value: object) -> SignInOutcome:
    return to_enum(SignInOutcome, value, code="accounts.signin.outcome", field="outcome")


def _reason(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value not in _REASONS:
        raise InvalidFormat(
            "Unknown sign-in failure reason.",
            "سبب غير معروف لفشل تسجيل الدخول.",
            code="accounts.signin.reason",
            field="reason",
        )


@attrs.frozen
class SignInResult:
    """The result of :func:`sign_in`.

    Attributes:
        outcome: OK, FAILED or THROTTLED.
        account: the signed-in account (OK only).
        retry_after: how long until the next try may succeed (THROTTLED only).
        reason: for audit logs only (``"wrong_password"``, ``"unknown_account"``,
            ``"not_active"``, ``"unreadable_identifier"``, ``"throttled"``); never show it.
    """

    outcome: SignInOutcome = attrs.field(converter=_outcome)
    account: Account | None = None
    retry_after: dt.timedelta | None = None
    reason: str | None = attrs.field(default=None, validator=_reason)

    @property
    def ok(self) -> bool:
        """Whether the holder is signed in."""
        return self.outcome is SignInOutcome.OK

    def message(self, lang: str = "en") -> str:
        """Return the message to show, identical for every kind of failure.

        Examples:
            >>> SignInResult("throttled", retry_after=dt.timedelta(seconds=61)).message("en")
            'Too many failed attempts. Try again in 2 minutes.'
        """
        english, arabic = _MESSAGES[self.outcome]
        text = arabic if language(lang) == "ar" else english
        seconds = self.retry_after.total_seconds() if self.retry_after is not None else 0
        return text.replace("{minutes}", str(max(1, -int(-seconds // 60))))


def resolve_identifier(jurisdiction: Jurisdiction, text: str) -> tuple[str, str] | None:
    """Return the store key and normalised value of a typed sign-in identifier.

    Tries the jurisdiction's sign-in methods in turn: an e-mail address (anything with
    an ``@``), a mobile number (local forms read in the jurisdiction's phone region),
    a username. ``None`` when the text is none of them.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
        >>> resolve_identifier(OM_SOHAR, "9123 4567"), resolve_identifier(OM_SOHAR, "A@B.om")
        (('phone', '+96891234567'), ('email', 'a@b.om'))
        >>> resolve_identifier(SA_BALADY, "Sara2026"), resolve_identifier(SA_BALADY, "x")
        (('username', 'sara2026'), None)
    """
    if not isinstance(text, str):
        return None
    methods = sign_in_methods(jurisdiction)
    try:
        if "@" in text:
            if SignInMethod.EMAIL in methods:
                return "email", email_id.validate(text).lower()
            return None
        if SignInMethod.PHONE in methods and phone_id.is_valid(text, jurisdiction.phone_region):
            return "phone", phone_id.normalize(text, jurisdiction.phone_region)
        if SignInMethod.USERNAME in methods:
            return "username", normalise_username(text)
    except ValidationError:
        return None
    return None


def _throttle_key(jurisdiction: Jurisdiction, text: str, resolved: tuple[str, str] | None) -> str:
    # Unreadable input is throttled too, under its own trimmed lower-case form (cut at
    # a length no real identifier reaches, so huge input costs no more to hash).
    kind, value = resolved if resolved is not None else ("raw", text.strip().lower()[:320])
    return hashlib.sha256(f"{jurisdiction.code}\x00{kind}\x00{value}".encode()).hexdigest()


def sign_in(
    identifier: str,
    password: str,
    *,
    jurisdiction: Jurisdiction,
    store: AccountStore,
    throttle_store: ThrottleStore,
    hasher: PasswordHasher,
    clock: Clock,
) -> SignInResult:
    """Sign a holder in with what they typed; never raise for wrong credentials.

    Args:
        identifier: mobile number, e-mail address or username, as typed.
        password: the password, as typed.
        jurisdiction: the portal (sign-in methods, phone region, throttle rules).
        store: where accounts are found (and a rehashed password saved).
        throttle_store: failure counters per typed identifier.
        hasher: the password hasher of the host (production keeps its defaults).
        clock: the time source.

    Raises:
        InvalidFormat: ``identifier`` or ``password`` is not text.
    """
    if not isinstance(identifier, str) or not isinstance(password, str):
        raise InvalidFormat(
            "The identifier and the password must be text.",
            "يجب أن يكون المعرّف وكلمة المرور نصًا.",
            code=f"{_CODE}.type",
            field="identifier",
        )
    require_types(
        _CODE,
        jurisdiction=(jurisdiction, Jurisdiction),
        store=(store, AccountStore),
        throttle_store=(throttle_store, ThrottleStore),
        hasher=(hasher, PasswordHasher),
    )
    at = utc_now(clock)
    policy = ThrottlePolicy.for_jurisdiction(jurisdiction, jurisdiction.today_in(at))
    resolved = resolve_identifier(jurisdiction, identifier)
    key = _throttle_key(jurisdiction, identifier, resolved)
    state = throttle_store.get(key)
    wait = retry_after(state, policy, at)
    if wait is not None:
        return SignInResult(SignInOutcome.THROTTLED, retry_after=wait, reason="throttled")
    account = store.find(*resolved) if resolved is not None else None
    if account is None:
        hasher.verify_dummy(password)  # same time as a real check
        reason = "unknown_account" if resolved is not None else "unreadable_identifier"
    elif not hasher.verify(password, account.password_hash):
        reason = "wrong_password"
    elif not account.is_active:
        reason = "not_active"
    else:
        throttle_store.put(key, record_success(state))
        return SignInResult(SignInOutcome.OK, account=_rehashed(account, password, hasher, store))
    throttle_store.put(key, record_failure(state, policy, at))
    return SignInResult(SignInOutcome.FAILED, reason=reason)


def _rehashed(
    account: Account, password: str, hasher: PasswordHasher, store: AccountStore
) -> Account:
    if not hasher.needs_rehash(account.password_hash):
        return account
    updated = attrs.evolve(account, password_hash=hasher.hash(password))
    try:
        return store.replace(updated, expected_version=account.version)
    except ConflictError:  # changed meanwhile; the next sign-in rehashes
        return account


def change_password(
    account: Account,
    old: str,
    new: str,
    confirmation: str,
    *,
    jurisdiction: Jurisdiction,
    store: AccountStore,
    hasher: PasswordHasher,
    notifier: Notifier,
    clock: Clock,
) -> Account:
    """Change an active account's password; save it and e-mail the holder.

    Raises:
        DomainRuleError: the account is not active (``accounts.password.not_active``),
            ``old`` is wrong (``accounts.password.wrong_old``, field ``old_password``) or
            ``new`` equals it (``accounts.password.unchanged``).
        WeakPassword: ``new`` breaks the policy or differs from ``confirmation``.
        ConflictError: the account changed since it was read.
    """
    require_types(
        _CODE,
        account=(account, Account),
        jurisdiction=(jurisdiction, Jurisdiction),
        store=(store, AccountStore),
        hasher=(hasher, PasswordHasher),
        notifier=(notifier, Notifier),
    )
    if not account.is_active:
        raise DomainRuleError(
            "Only an active account can change its password.",
            "لا يمكن تغيير كلمة المرور إلا لحساب نشط.",
            code="accounts.password.not_active",
            field="account",
        )
    if not hasher.verify(old, account.password_hash):
        raise DomainRuleError(
            "The current password is not correct.",
            "كلمة المرور الحالية غير صحيحة.",
            code="accounts.password.wrong_old",
            field="old_password",
        )
    at = utc_now(clock)
    require_password(
        PasswordPolicy.for_jurisdiction(jurisdiction, jurisdiction.today_in(at)),
        new,
        confirmation=confirmation,
        username=account.username,
        identifiers=tuple(value for _field, value in account.identifiers),
    )
    if hasher.verify(new, account.password_hash):
        raise DomainRuleError(
            "The new password must differ from the current one.",
            "يجب أن تختلف كلمة المرور الجديدة عن الحالية.",
            code="accounts.password.unchanged",
            field="password",
        )
    saved = store.replace(
        attrs.evolve(account, password_hash=hasher.hash(new)), expected_version=account.version
    )
    local = at.astimezone(jurisdiction.tz).strftime("%Y-%m-%d %H:%M")
    notifier.send(
        render(
            PASSWORD_CHANGED,
            saved.lang,
            to=saved.email,
            values={
                "name": saved.display_name(saved.lang),
                "portal": jurisdiction.name(saved.lang),
                "time": local,
            },
        )
    )
    return saved


def transition(
    account: Account,
    action: str,
    actor: Actor,
    *,
    store: AccountStore,
    clock: Clock,
    reason: str | None = None,
) -> Account:
    """Take an administrator's (or the system's) action on an account and save it.

    ``action`` is one of :data:`ACCOUNT_WORKFLOW`'s: ``LOCK``, ``UNLOCK``, ``SUSPEND``
    (needs ``reason``), ``REINSTATE``, ``CLOSE`` (also ``ACTIVATE`` by hand). The
    history records who, in which role, when and why.

    Raises:
        IllegalTransition: not allowed in the account's status.
        PermissionDenied: the actor lacks the role.
        InvalidComponent: SUSPEND without a reason.
        ConflictError: the account changed since it was read.

    Examples:
        >>> from municipal_core.accounts._account import ACCOUNT_WORKFLOW
        >>> [a.name for a in ACCOUNT_WORKFLOW.actions_from("ACTIVE")]
        ['LOCK', 'SUSPEND', 'CLOSE']
    """
    require_types(_CODE, account=(account, Account), store=(store, AccountStore))
    updated = advance(account, action, actor, at=utc_now(clock), reason=reason)
    return store.replace(updated, expected_version=account.version)
