"""Sign-in, password change and the administrator's account actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_core.accounts import (
    Account,
    AccountRole,
    AccountStatus,
    Channel,
    InMemoryCaptcha,
    InMemoryIdentityRegistry,
    PasswordHasher,
    RegistrationForm,
    SignInOutcome,
    SignInResult,
    activate,
    change_password,
    complete,
    identify,
    resolve_identifier,
    sign_in,
    transition,
)
from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
    WeakPassword,
)
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.workflow import Actor

if TYPE_CHECKING:
    from conftest import Portal

FormFactory = Callable[..., RegistrationForm]
PASSWORD = "Sohar-2026x"
ADMIN = Actor("admin-1", (AccountRole.ADMIN.value,))


def _active(portal: Portal, form: RegistrationForm) -> Account:
    account = portal.register(form)
    account, result = activate(account, portal.last_code(), **portal.ports())
    assert result.ok
    return account


def _sign_in(portal: Portal, identifier: str, password: str = PASSWORD) -> SignInResult:
    return sign_in(
        identifier,
        password,
        jurisdiction=portal.jurisdiction,
        store=portal.store,
        throttle_store=portal.throttle,
        hasher=portal.hasher,
        clock=portal.clock,
    )


@pytest.mark.parametrize(
    "identifier", ["91234567", "+968 9123 4567", "0096891234567", "SALIM@Example.om"]
)
def test_oman_signs_in_by_phone_or_email(
    oman: Portal, oman_form: FormFactory, identifier: str
) -> None:
    account = _active(oman, oman_form())
    result = _sign_in(oman, identifier)
    assert result.ok
    assert result.account == account
    assert result.message("ar") == "تم تسجيل الدخول."


def test_failures_look_the_same(oman: Portal, oman_form: FormFactory) -> None:
    oman.register(oman_form())  # pending: right password, not active
    _active(
        oman,
        oman_form(
            mobile="92345678", email="b@example.om", identifiers={"civil_number": "87654321"}
        ),
    )
    results = {
        "not_active": _sign_in(oman, "91234567"),
        "wrong_password": _sign_in(oman, "92345678", "Wrong-2026x"),
        "unknown_account": _sign_in(oman, "93456789"),
        "unreadable_identifier": _sign_in(oman, "not a phone"),
    }
    for reason, result in results.items():
        assert (result.outcome, result.reason, result.account) == (
            SignInOutcome.FAILED,
            reason,
            None,
        )
    for lang in ("en", "ar"):
        assert len({r.message(lang) for r in results.values()}) == 1


def test_saudi_signs_in_by_username_case_insensitively(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    at = saudi.clock.now()
    prefill = identify(
        "1000000008",
        dt.date(1990, 5, 17),
        "t",
        jurisdiction=SA_BALADY,
        captcha=captcha,
        registry=registry,
        at=at,
    )
    form = complete(
        prefill,
        username="Sara1990",
        password=PASSWORD,
        confirmation=PASSWORD,
        captcha_token="t",
        captcha=captcha,
        terms_version="v1",
        jurisdiction=SA_BALADY,
        at=at,
        email="sara@example.sa",
    )
    _active(saudi, form)
    assert _sign_in(saudi, " SARA1990 ").ok
    assert _sign_in(saudi, "+966501234567").reason == "unreadable_identifier"


def test_throttling_locks_known_and_unknown_identifiers(
    oman: Portal, oman_form: FormFactory
) -> None:
    _active(oman, oman_form())
    for identifier in ("91234567", "93456789"):
        for _ in range(5):
            assert _sign_in(oman, identifier, "Wrong-2026x").outcome is SignInOutcome.FAILED
        throttled = _sign_in(oman, identifier)
        assert throttled.outcome is SignInOutcome.THROTTLED
        assert throttled.retry_after == dt.timedelta(minutes=15)
        assert "15" in throttled.message("en")
    # The same identifier typed differently shares its counter.
    assert _sign_in(oman, "+968 9123 4567").outcome is SignInOutcome.THROTTLED
    oman.clock.advance(minutes=15)
    assert _sign_in(oman, "91234567").ok


def test_rehash_on_sign_in(oman: Portal, oman_form: FormFactory) -> None:
    account = _active(oman, oman_form())
    oman.hasher = PasswordHasher(log2_n=5)
    result = _sign_in(oman, "91234567")
    assert result.account is not None
    assert result.account.password_hash != account.password_hash
    assert not oman.hasher.needs_rehash(result.account.password_hash)
    assert oman.store.get(account.account_id) == result.account
    assert _sign_in(oman, "91234567").account == result.account  # no second rehash


def test_sign_in_type_errors(oman: Portal) -> None:
    with pytest.raises(InvalidFormat):
        _sign_in(oman, None)  # type: ignore[arg-type]


def test_resolve_identifier_edge_cases() -> None:
    assert resolve_identifier(OM_SOHAR, "a@localhost") is None
    assert resolve_identifier(SA_BALADY, "sara@example.sa") is None  # Balady: username only
    assert resolve_identifier(OM_SOHAR, "salim") is None
    assert resolve_identifier(OM_SOHAR, 5) is None  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_resolve_identifier_never_raises_on_text(text: str) -> None:
    for jurisdiction in (OM_SOHAR, SA_BALADY):
        resolved = resolve_identifier(jurisdiction, text)
        if resolved is not None:
            assert resolved[0] in {"phone", "email", "username"}
            assert resolved == resolve_identifier(jurisdiction, resolved[1])


def test_result_values_are_checked() -> None:
    with pytest.raises(InvalidComponent):
        SignInResult("maybe")
    with pytest.raises(InvalidFormat):
        SignInResult("failed", reason="the password was 1234")


def _change(portal: Portal, account: Account, old: str, new: str, confirmation: str) -> Account:
    return change_password(
        account,
        old,
        new,
        confirmation,
        jurisdiction=portal.jurisdiction,
        store=portal.store,
        hasher=portal.hasher,
        notifier=portal.notifier,
        clock=portal.clock,
    )


def test_change_password(oman: Portal, oman_form: FormFactory) -> None:
    account = _active(oman, oman_form())
    changed = _change(oman, account, PASSWORD, "Muscat-2027y", "Muscat-2027y")
    assert changed.version == account.version + 1
    assert _sign_in(oman, "91234567", "Muscat-2027y").ok
    assert not _sign_in(oman, "91234567", PASSWORD).ok
    mail = oman.notifier.outbox[-1]
    assert (mail.channel, mail.to) == (Channel.EMAIL, "salim@example.om")
    assert "2026-03-01 13:00" in mail.body  # Muscat time
    assert "Muscat-2027y" not in mail.body


@pytest.mark.parametrize(
    ("old", "new", "confirmation", "error", "code"),
    [
        (
            "Wrong-2026x",
            "Muscat-2027y",
            "Muscat-2027y",
            DomainRuleError,
            "accounts.password.wrong_old",
        ),
        (PASSWORD, "short", "short", WeakPassword, "password.policy"),
        (PASSWORD, "Muscat-2027y", "Muscat-2027z", WeakPassword, "password.policy"),
        (PASSWORD, PASSWORD, PASSWORD, DomainRuleError, "accounts.password.unchanged"),
    ],
)
def test_change_password_errors(
    oman: Portal,
    oman_form: FormFactory,
    old: str,
    new: str,
    confirmation: str,
    error: type[Exception],
    code: str,
) -> None:
    account = _active(oman, oman_form())
    with pytest.raises(error) as err:
        _change(oman, account, old, new, confirmation)
    assert getattr(err.value, "code", None) == code
    assert oman.store.get(account.account_id) == account


def test_pending_account_cannot_change_password(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    with pytest.raises(DomainRuleError) as err:
        _change(oman, account, PASSWORD, "Muscat-2027y", "Muscat-2027y")
    assert err.value.code == "accounts.password.not_active"


def test_admin_actions(oman: Portal, oman_form: FormFactory) -> None:
    account = _active(oman, oman_form())
    ports: dict[str, Any] = {"store": oman.store, "clock": oman.clock}
    locked = transition(account, "LOCK", ADMIN, **ports)
    assert locked.status is AccountStatus.LOCKED
    assert _sign_in(oman, "91234567").reason == "not_active"
    with pytest.raises(InvalidComponent):
        transition(locked, "SUSPEND", ADMIN, **ports)
    suspended = transition(locked, "SUSPEND", ADMIN, reason="fraud report", **ports)
    assert suspended.case.history[-1].payload == (("reason", "fraud report"),)
    active = transition(suspended, "REINSTATE", ADMIN, **ports)
    assert _sign_in(oman, "91234567").ok
    with pytest.raises(PermissionDenied):
        transition(active, "LOCK", Actor(active.account_id, ("APPLICANT",)), **ports)
    with pytest.raises(ConflictError):
        transition(account, "LOCK", ADMIN, **ports)
    closed = transition(active, "CLOSE", Actor(active.account_id, ("APPLICANT",)), **ports)
    with pytest.raises(IllegalTransition):
        transition(closed, "REINSTATE", ADMIN, **ports)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.booleans(), st.integers(0, 400)), max_size=20))
def test_throttle_through_sign_in(
    new_portal: type[Portal], oman_form: FormFactory, steps: list[tuple[bool, int]]
) -> None:
    """Model: 5 failures within 15 minutes lock for 15 minutes; a lock ignores tries."""
    portal = new_portal(OM_SOHAR)
    _active(portal, oman_form())
    failures: list[dt.datetime] = []
    locked_until: dt.datetime | None = None
    for right, gap in steps:
        portal.clock.advance(seconds=gap)
        at = portal.clock.now()
        result = _sign_in(portal, "91234567", PASSWORD if right else "Wrong-2026x")
        if locked_until is not None and at < locked_until:
            assert result.outcome is SignInOutcome.THROTTLED
            assert result.retry_after == locked_until - at
            continue
        assert result.ok == right
        if right:
            failures = []
            continue
        failures = [t for t in failures if t > at - dt.timedelta(minutes=15)] + [at]
        if len(failures) >= 5:
            failures, locked_until = [], at + dt.timedelta(minutes=15)


def test_flows_check_their_arguments(oman: Portal, oman_form: FormFactory) -> None:
    account = _active(oman, oman_form())
    with pytest.raises(InvalidFormat) as err:
        sign_in(
            "91234567",
            PASSWORD,
            jurisdiction="om-sohar",  # type: ignore[arg-type]
            store=oman.store,
            throttle_store=oman.throttle,
            hasher=oman.hasher,
            clock=oman.clock,
        )
    assert (err.value.code, err.value.field) == ("accounts.signin.type", "jurisdiction")
    with pytest.raises(InvalidFormat):
        change_password(
            account,
            PASSWORD,
            "Muscat-2027y",
            "Muscat-2027y",
            jurisdiction=oman.jurisdiction,
            store=oman.store,
            hasher=oman.hasher,
            notifier=None,
            clock=oman.clock,
        )  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        transition(account, "LOCK", ADMIN, store={}, clock=oman.clock)  # type: ignore[arg-type]
