"""Registration (both portals) and activation, through the public flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from municipal_core.accounts import (
    AccountStatus,
    Channel,
    InMemoryCaptcha,
    InMemoryIdentityRegistry,
    OtpOutcome,
    OtpPolicy,
    PersonName,
    RegistrationForm,
    account_types,
    activate,
    complete,
    identify,
    register,
    resend_activation_code,
)
from municipal_core.dates import HijriDate
from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    NotFound,
    RateLimited,
    ValidationError,
    WeakPassword,
)
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.testing import BuildContext, Builder, build_registration_form
from municipal_core.testing.strategies import contexts

if TYPE_CHECKING:
    from conftest import Portal

FormFactory = Callable[..., RegistrationForm]
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
PASSWORD = "Sohar-2026x"
CITIZEN_ID, RESIDENT_ID = "1000000008", "2000000006"


# -- Oman -----------------------------------------------------------------------------


def test_oman_registration_creates_a_pending_account(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form(), account_id="acc-1")
    assert account.status is AccountStatus.PENDING_ACTIVATION
    assert [h.action for h in account.case.history] == ["ACCEPT_TERMS", "SUBMIT_DETAILS"]
    assert account.terms.version == "2026-01"
    assert account.terms.accepted_at == T0
    assert account.mobile == "+96891234567"
    assert account.identifiers == (("civil_number", "12345678"),)
    assert account.username is None
    assert oman.hasher.verify(PASSWORD, account.password_hash)
    assert oman.store.get("acc-1") == account
    created, sms = oman.notifier.outbox
    assert (created.channel, created.to) == (Channel.EMAIL, "salim@example.om")
    assert "Salim Al Harthi" in created.body
    assert (sms.channel, sms.to) == (Channel.SMS, "+96891234567")
    # Only a keyed digest of the code is stored.
    assert account.activation is not None
    assert oman.last_code() not in account.activation.digest


def test_random_account_ids_are_unique(oman: Portal, oman_form: FormFactory) -> None:
    a = oman.register(oman_form())
    b = oman.register(Builder(seed=1).registration_form())  # another person, from the kit
    assert a.account_id != b.account_id


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"account_type": "om.nobody"}, NotFound, "account_type"),
        ({"identifiers": {}}, ValidationError, "civil_number"),
        ({"identifiers": {"civil_number": "12"}}, ValidationError, "civil_number"),
        ({"name": PersonName.parse("سالم الحارثي")}, DomainRuleError, "name"),
        ({"name": None}, InvalidComponent, "name"),
        ({"mobile": "2412 3456"}, InvalidComponent, "mobile"),  # a landline
        ({"mobile": "12"}, ValidationError, "mobile"),
        ({"mobile": " "}, InvalidComponent, "mobile"),
        ({"email": "salim@localhost"}, ValidationError, "email"),
        ({"email": ""}, InvalidComponent, "email"),
        ({"terms_version": " "}, InvalidComponent, "terms_version"),
        ({"username": "no way"}, InvalidFormat, "username"),
    ],
)
def test_oman_form_errors_are_typed_and_store_nothing(
    oman: Portal,
    changes: dict[str, Any],
    error: type[Exception],
    field: str,
    oman_form: FormFactory,
) -> None:
    with pytest.raises(error) as err:
        oman.register(oman_form(**changes))
    assert getattr(err.value, "field", None) == field
    assert oman.store.find("email", "salim@example.om") is None
    assert oman.notifier.outbox == ()


def test_weak_password_lists_every_problem(oman: Portal, oman_form: FormFactory) -> None:
    with pytest.raises(WeakPassword) as err:
        oman.register(oman_form(password="abc12345678", confirmation="other"))
    assert {
        "password.needs_upper",
        "password.confirmation_mismatch",
        "password.contains_identifier",
    } <= set(err.value.problems)
    assert "abc12345678" not in err.value.message_en


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "other@example.om", "identifiers": {"civil_number": "11112222"}}, "phone"),
        (
            {
                "mobile": "+968 9234 5678",
                "identifiers": {"civil_number": "11112222"},
                "email": "SALIM@example.om",
            },
            "email",
        ),
        ({"mobile": "92345678", "email": "other@example.om"}, "civil_number"),
    ],
)
def test_duplicates_are_refused_without_echoing_the_value(
    oman: Portal, changes: dict[str, Any], field: str, oman_form: FormFactory
) -> None:
    oman.register(oman_form())
    sent = len(oman.notifier.outbox)
    with pytest.raises(DuplicateError) as err:
        oman.register(oman_form(**changes))
    assert err.value.field == field
    assert err.value.code == f"accounts.duplicate.{field}"
    for secret in ("12345678", "91234567", "salim"):
        assert secret not in err.value.message_en + err.value.message_ar
    assert len(oman.notifier.outbox) == sent


def test_staff_of_one_company_share_its_cr(oman: Portal, oman_form: FormFactory) -> None:
    company = {"account_type": "om.contracting_company"}
    oman.register(
        oman_form(**company, identifiers={"cr": "1234567", "representative_id": "11112222"})
    )
    colleague = Builder(seed=2).registration_form(**company)  # new contacts, new person
    second = oman.register(
        attrs.evolve(colleague, identifiers={**dict(colleague.identifiers), "cr": "1234567"})
    )
    assert second.identifier("cr") == "1234567"


# The fixture is the Portal class (a fresh portal per example), so sharing it is safe.
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ctx=contexts())
def test_any_valid_form_of_either_portal_registers_and_activates(
    new_portal: type[Portal], ctx: BuildContext
) -> None:
    # Names, local-form mobiles and every account type's identifiers drawn by the kit.
    kind = ctx.rng.choice(account_types(ctx.jurisdiction)).code
    form = build_registration_form(ctx, account_type=kind)
    portal = new_portal(ctx.jurisdiction)
    account = portal.register(form, account_id="kit-1")
    assert (account.account_type, account.status) == (kind, AccountStatus.PENDING_ACTIVATION)
    assert account.mobile.startswith("+")
    account, result = activate(account, portal.last_code(), **portal.ports())
    assert result.ok
    assert account.status is AccountStatus.ACTIVE


# -- activation -------------------------------------------------------------------------


def test_right_code_activates(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    active, result = activate(account, oman.last_code(), **oman.ports())
    assert result.ok
    assert active.status is AccountStatus.ACTIVE
    assert active.version == account.version + 1
    entry = active.case.history[-1]
    assert (entry.action, entry.role) == ("ACTIVATE", "SYSTEM")
    with pytest.raises(DomainRuleError) as err:
        activate(active, oman.last_code(), **oman.ports())
    assert err.value.code == "accounts.activation.not_pending"


def test_arabic_digits_are_accepted(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    typed = oman.last_code().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert activate(account, typed, **oman.ports())[1].ok


def test_wrong_codes_count_and_lock(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    code = oman.last_code()
    wrong = "000000" if code != "000000" else "111111"
    policy = OtpPolicy.for_jurisdiction(OM_SOHAR, T0.date())
    for left in range(policy.max_attempts - 1, 0, -1):
        account, result = activate(account, wrong, **oman.ports())
        assert (result.outcome, result.attempts_left) == (OtpOutcome.WRONG_CODE, left)
    account, result = activate(account, wrong, **oman.ports())
    assert result.outcome is OtpOutcome.LOCKED
    account, result = activate(account, code, **oman.ports())
    assert result.outcome is OtpOutcome.LOCKED
    assert oman.store.get(account.account_id).status is AccountStatus.PENDING_ACTIVATION


def test_code_expires(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    oman.clock.advance(seconds=301)
    account, result = activate(account, oman.last_code(), **oman.ports())
    assert result.outcome is OtpOutcome.EXPIRED
    assert account.status is AccountStatus.PENDING_ACTIVATION


def test_resend_replaces_the_code_within_limits(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    first = oman.last_code()
    with pytest.raises(RateLimited) as err:
        resend_activation_code(account, notifier=oman.notifier, **oman.ports())
    assert err.value.retry_after == dt.timedelta(seconds=60)
    oman.clock.advance(seconds=60)
    account = resend_activation_code(account, notifier=oman.notifier, **oman.ports())
    second = oman.last_code()
    if first != second:
        assert not activate(account, first, **oman.ports())[1].ok
        account = oman.store.get(account.account_id)
    assert activate(account, second, **oman.ports())[1].ok


def test_stale_account_is_a_conflict(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    activate(account, "999999" if oman.last_code() != "999999" else "000000", **oman.ports())
    with pytest.raises(ConflictError):
        activate(account, oman.last_code(), **oman.ports())


def test_activation_without_a_code_is_refused(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    bare = attrs.evolve(account, activation=None)
    with pytest.raises(DomainRuleError) as err:
        activate(bare, "123456", **oman.ports())
    assert err.value.code == "accounts.activation.no_code"


# -- Saudi Arabia -----------------------------------------------------------------------


def _identify(
    saudi: Portal,
    registry: InMemoryIdentityRegistry,
    captcha: InMemoryCaptcha,
    id_number: str,
    birth: dt.date | HijriDate,
) -> Any:
    return identify(
        id_number,
        birth,
        "token",
        jurisdiction=saudi.jurisdiction,
        captcha=captcha,
        registry=registry,
        at=T0,
    )


def test_citizen_identifies_with_a_hijri_birth_date(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    prefill = _identify(
        saudi, registry, captcha, "١٠٠٠٠٠٠٠٠٨", HijriDate.from_gregorian(dt.date(1990, 5, 17))
    )
    assert (prefill.account_type, prefill.id_field) == ("sa.citizen", "national_id")
    assert prefill.editable == ("email",)
    assert "1000000008" not in repr(prefill)


@pytest.mark.parametrize(
    "birth", [dt.date(1985, 1, 2), HijriDate.from_gregorian(dt.date(1985, 1, 2))]
)
def test_resident_identifies_with_either_calendar(
    saudi: Portal,
    registry: InMemoryIdentityRegistry,
    captcha: InMemoryCaptcha,
    birth: dt.date | HijriDate,
) -> None:
    prefill = _identify(saudi, registry, captcha, RESIDENT_ID, birth)
    assert (prefill.account_type, prefill.id_field) == ("sa.resident", "iqama")
    assert prefill.editable == ("mobile",)


def test_identify_does_not_say_which_input_was_wrong(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    errors = []
    for id_number, birth in (
        (CITIZEN_ID, dt.date(1990, 5, 18)),
        ("1000000016", dt.date(1990, 5, 17)),
    ):
        with pytest.raises(NotFound) as err:
            _identify(saudi, registry, captcha, id_number, birth)
        errors.append(err.value.to_dict())
    assert errors[0] == errors[1]
    assert errors[0]["field"] is None


def test_identify_checks_captcha_and_id(saudi: Portal, registry: InMemoryIdentityRegistry) -> None:
    with pytest.raises(InvalidComponent) as err:
        _identify(saudi, registry, InMemoryCaptcha(), CITIZEN_ID, dt.date(1990, 5, 17))
    assert err.value.code == "accounts.captcha"
    with pytest.raises(ValidationError) as bad:
        _identify(
            saudi, registry, InMemoryCaptcha(accept_all=True), "1000000000", dt.date(1990, 5, 17)
        )
    assert bad.value.field == "id_number"
    with pytest.raises(InvalidFormat):
        _identify(saudi, registry, InMemoryCaptcha(accept_all=True), CITIZEN_ID, "1990-05-17")  # type: ignore[arg-type]


def test_identify_needs_an_identity_portal(
    registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    with pytest.raises(NotFound) as err:
        identify(
            CITIZEN_ID,
            dt.date(1990, 5, 17),
            "t",
            jurisdiction=OM_SOHAR,
            captcha=captcha,
            registry=registry,
            at=T0,
        )
    assert err.value.code == "accounts.identity.unsupported"


def _complete(prefill: Any, saudi: Portal, captcha: InMemoryCaptcha, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "username": "Sara1990",
        "password": PASSWORD,
        "confirmation": PASSWORD,
        "captcha_token": "t",
        "captcha": captcha,
        "terms_version": "v3",
        "jurisdiction": saudi.jurisdiction,
        "at": T0,
    }
    values.update(changes)
    return complete(prefill, **values)


def test_balady_flow_from_identity_to_active(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    prefill = _identify(saudi, registry, captcha, CITIZEN_ID, dt.date(1990, 5, 17))
    form = _complete(prefill, saudi, captcha, email="sara@example.sa", mobile="050 123 4567")
    account = saudi.register(form)
    assert account.username == "sara1990"
    assert account.birth_date == dt.date(1990, 5, 17)
    assert account.identifier("national_id") == CITIZEN_ID
    assert account.name is not None
    assert account.name.parts_count == 4
    account, result = activate(account, saudi.last_code(), **saudi.ports())
    assert result.ok
    assert account.is_active


def test_prefilled_fields_are_read_only(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    prefill = _identify(saudi, registry, captcha, CITIZEN_ID, dt.date(1990, 5, 17))
    with pytest.raises(DomainRuleError) as err:
        _complete(prefill, saudi, captcha, mobile="0551234567", email="sara@example.sa")
    assert (err.value.code, err.value.field) == ("accounts.prefill.read_only", "mobile")
    with pytest.raises(InvalidComponent) as missing:  # e-mail is required
        saudi.register(_complete(prefill, saudi, captcha))
    assert missing.value.field == "email"
    with pytest.raises(InvalidComponent) as captcha_err:
        _complete(prefill, saudi, InMemoryCaptcha(), email="sara@example.sa")
    assert captcha_err.value.code == "accounts.captcha"


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("سارة123", "accounts.username.characters"),
        ("ab", "accounts.username.length"),
        ("123456", "accounts.username.letter"),
        ("", "accounts.registration.required"),
    ],
)
def test_balady_username_rules(
    saudi: Portal,
    registry: InMemoryIdentityRegistry,
    captcha: InMemoryCaptcha,
    username: str,
    code: str,
) -> None:
    prefill = _identify(saudi, registry, captcha, RESIDENT_ID, dt.date(1985, 1, 2))
    form = _complete(prefill, saudi, captcha, username=username, mobile="0501112222")
    with pytest.raises(ValidationError) as err:
        saudi.register(form)
    assert err.value.code == code


def test_username_is_unique_case_insensitively(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    first = _identify(saudi, registry, captcha, RESIDENT_ID, dt.date(1985, 1, 2))
    saudi.register(_complete(first, saudi, captcha, mobile="0501112222", username="Ahmed85"))
    second = _identify(saudi, registry, captcha, CITIZEN_ID, dt.date(1990, 5, 17))
    with pytest.raises(DuplicateError) as err:
        saudi.register(_complete(second, saudi, captcha, email="s@example.sa", username="AHMED85"))
    assert err.value.field == "username"


def test_birth_date_rules(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    prefill = _identify(saudi, registry, captcha, RESIDENT_ID, dt.date(1985, 1, 2))
    form = _complete(prefill, saudi, captcha, mobile="0501112222")
    with pytest.raises(InvalidComponent) as missing:
        saudi.register(attrs.evolve(form, birth_date=None))
    assert missing.value.field == "birth_date"
    with pytest.raises(InvalidComponent) as future:
        saudi.register(attrs.evolve(form, birth_date=dt.date(2027, 1, 1)))
    assert future.value.code == "accounts.registration.birth_date_future"


def test_form_repr_hides_secrets(oman_form: FormFactory) -> None:
    text = repr(oman_form())
    for secret in (PASSWORD, "12345678", "91234567", "salim@"):
        assert secret not in text


@pytest.mark.parametrize(
    "change",
    [
        {"identifiers": [1, 2]},
        {"identifiers": {"a": 1}},
        {"mobile": 5},
        {"name": "Salim"},
        {"username": 3},
    ],
)
def test_form_types_are_checked(change: dict[str, Any], oman_form: FormFactory) -> None:
    with pytest.raises(InvalidFormat):
        oman_form(**change)


# -- the stateful property --------------------------------------------------------------


class ActivationMachine(RuleBasedStateMachine):
    """No mix of wrong codes, resends and clock jumps activates without the right code
    typed inside its TTL, before the attempts run out; the right one then always does."""

    def __init__(self, new_portal: type[Portal], oman_form: FormFactory) -> None:
        super().__init__()
        self.portal = new_portal(OM_SOHAR)
        self.form = oman_form()
        self.account = self.portal.register(self.form)
        self.policy = OtpPolicy.for_jurisdiction(OM_SOHAR, T0.date())
        self.code, self.issued, self.attempts = self.portal.last_code(), T0, 0
        self.activated_rightly = False

    def _live(self) -> bool:
        at = self.portal.clock.now()
        return (
            self.issued <= at < self.issued + self.policy.ttl
            and self.attempts < self.policy.max_attempts
        )

    def _activate(self, code: str) -> bool:
        try:
            self.account, result = activate(self.account, code, **self.portal.ports())
        except DomainRuleError:  # already active
            return False
        return result.ok

    @rule(code=st.text(alphabet="0123456789", min_size=6, max_size=6))
    def wrong_code(self, code: str) -> None:
        if code == self.code or self.account.is_active:
            return
        live = self._live()
        assert not self._activate(code)
        if live:
            self.attempts += 1

    @rule()
    def right_code(self) -> None:
        if self.account.is_active:
            return
        expected = self._live()
        assert self._activate(self.code) == expected
        self.activated_rightly = self.activated_rightly or expected

    @rule()
    def resend(self) -> None:
        if self.account.is_active:
            return
        try:
            self.account = resend_activation_code(
                self.account, notifier=self.portal.notifier, **self.portal.ports()
            )
        except RateLimited as err:
            assert err.retry_after is not None
            assert err.retry_after > dt.timedelta(0)
            return
        self.code, self.issued, self.attempts = self.portal.last_code(), self.portal.clock.now(), 0

    @rule(seconds=st.integers(min_value=-120, max_value=400))
    def jump(self, seconds: int) -> None:
        self.portal.clock.advance(seconds=seconds)

    @rule()
    def register_again(self) -> None:
        sent = self.portal.notifier.outbox
        with pytest.raises(DuplicateError):
            self.portal.register(self.form)
        assert self.portal.notifier.outbox == sent

    @invariant()
    def active_only_by_the_right_code(self) -> None:
        stored = self.portal.store.get(self.account.account_id)
        assert stored == self.account
        assert stored.is_active == self.activated_rightly


def test_activation_state_machine(new_portal: type[Portal], oman_form: FormFactory) -> None:
    run_state_machine_as_test(
        lambda: ActivationMachine(new_portal, oman_form),
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )


def test_identify_needs_a_birth_date(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    with pytest.raises(InvalidComponent) as err:
        _identify(saudi, registry, captcha, CITIZEN_ID, None)  # type: ignore[arg-type]
    assert err.value.field == "birth_date"


def test_prefill_is_validated(
    saudi: Portal, registry: InMemoryIdentityRegistry, captcha: InMemoryCaptcha
) -> None:
    prefill = _identify(saudi, registry, captcha, CITIZEN_ID, dt.date(1990, 5, 17))
    for change in (
        {"editable": ("name",)},
        {"editable": ["email"]},
        {"record": None},
        {"account_type": 3},
    ):
        with pytest.raises(InvalidFormat):
            attrs.evolve(prefill, **change)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    account_type=st.sampled_from(["om.citizen", "om.institution", "sa.citizen", "x"]),
    mobile=st.text(max_size=20),
    email=st.text(max_size=20),
    civil=st.text(alphabet="0123456789٠١٢ -x", max_size=12),
    username=st.none() | st.text(max_size=12),
    password=st.text(max_size=16),
)
def test_junk_forms_only_raise_typed_errors(
    new_portal: type[Portal],
    oman_form: FormFactory,
    account_type: str,
    mobile: str,
    email: str,
    civil: str,
    username: str | None,
    password: str,
) -> None:
    portal = new_portal(OM_SOHAR)
    form = oman_form(
        account_type=account_type,
        mobile=mobile,
        email=email,
        username=username,
        identifiers={"civil_number": civil},
        password=password,
        confirmation=password,
    )
    try:
        account = portal.register(form)
    except MunicipalError:
        assert portal.notifier.outbox == ()
        return
    assert portal.store.get(account.account_id) == account


@pytest.mark.parametrize("argument", ["form", "jurisdiction", "store", "hasher", "notifier"])
def test_register_checks_its_arguments(oman: Portal, oman_form: FormFactory, argument: str) -> None:
    arguments: dict[str, Any] = {
        "form": oman_form(),
        "jurisdiction": oman.jurisdiction,
        "store": oman.store,
        "hasher": oman.hasher,
        "notifier": oman.notifier,
        "key": oman.KEY,
        "clock": oman.clock,
    }
    arguments[argument] = "wrong"
    form = arguments.pop("form")
    with pytest.raises(InvalidFormat) as err:
        register(form, **arguments)
    assert (err.value.code, err.value.field) == ("accounts.registration.type", argument)


def test_flows_check_their_arguments(oman: Portal, oman_form: FormFactory) -> None:
    account = oman.register(oman_form())
    with pytest.raises(InvalidFormat):
        activate("acc", "123456", **oman.ports())  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        resend_activation_code(account, notifier=None, **oman.ports())  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        identify(
            "1000000008",
            dt.date(1990, 5, 17),
            "t",
            jurisdiction=oman.jurisdiction,
            captcha=InMemoryCaptcha(accept_all=True),
            registry=None,  # type: ignore[arg-type]
            at=T0,
        )
    with pytest.raises(InvalidFormat):
        complete(
            None,
            username="a",
            password="p",
            confirmation="p",  # type: ignore[arg-type]
            captcha_token="t",
            captcha=InMemoryCaptcha(accept_all=True),
            terms_version="v",
            jurisdiction=oman.jurisdiction,
            at=T0,
        )
