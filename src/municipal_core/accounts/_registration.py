"""Registration for both portals, and account activation with a code sent by SMS.

One code path registers every account: :func:`register` takes a
:class:`RegistrationForm`, checks everything, hashes the password, builds the account
through :data:`ACCOUNT_WORKFLOW` (terms accepted, details submitted, pending activation),
adds it to the store (duplicates refused, nothing written on any error), issues an
activation code and sends the "account created" e-mail and the code by SMS.

* **Oman (Sohar)**: the applicant fills the whole form -- account type, four-part name,
  mobile, civil number (and CR for companies), e-mail, password -- and the host builds a
  :class:`RegistrationForm` from it.
* **Saudi Arabia (Balady)**: :func:`identify` checks the captcha and looks the person up
  by ID or iqama number and date of birth (Hijri or Gregorian), returning a
  :class:`Prefill`; :func:`complete` adds what the registry does not hold (only empty
  fields may be filled in), the username and the password, and returns the form.

Then :func:`activate` checks the code the holder typed and :func:`resend_activation_code`
sends a new one within the resend limits. Ports (store, notifier, captcha, registry), the
secret ``key`` of the activation-code HMAC and the clock are all parameters.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.accounts._names import PersonName
    >>> from municipal_core.accounts._passwords import PasswordHasher
    >>> from municipal_core.accounts._ports import InMemoryAccountStore, InMemoryNotifier
    >>> from municipal_core.clock import FixedClock
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> store, notifier = InMemoryAccountStore(), InMemoryNotifier()
    >>> clock = FixedClock(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc))
    >>> form = RegistrationForm(
    ...     account_type="om.citizen",
    ...     name=PersonName.parse("سالم بن علي بن حمد الحارثي"),
    ...     mobile="9123 4567", email="salim@example.om",
    ...     password="Sohar-2026x", confirmation="Sohar-2026x",
    ...     identifiers={"civil_number": "12345678"}, terms_version="2026-01")
    >>> account = register(form, jurisdiction=OM_SOHAR, store=store,
    ...                    hasher=PasswordHasher(log2_n=4), notifier=notifier,
    ...                    key=b"k" * 32, clock=clock, account_id="acc-1")
    >>> account.status.value, account.mobile, [m.channel.value for m in notifier.outbox]
    ('PENDING_ACTIVATION', '+96891234567', ['email', 'sms'])
    >>> import re
    >>> code = re.search(r"[0-9]{6}", notifier.outbox[-1].body).group()  # the SMS
    >>> ports = {"jurisdiction": OM_SOHAR, "store": store, "key": b"k" * 32, "clock": clock}
    >>> account, result = activate(account, code, **ports)
    >>> result.ok, account.status.value, account.version
    (True, 'ACTIVE', 2)
    >>> resend_activation_code(account, notifier=notifier, **ports)
    Traceback (most recent call last):
        ...
    municipal_core.errors.DomainRuleError: The account is not waiting for activation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import attrs

from municipal_core._text import language
from municipal_core.accounts._account import (
    Account,
    AccountRole,
    AccountStatus,
    TermsAcceptance,
    advance,
    checked,
    identifiers_repr,
    normalise_username,
    require_types,
    start_case,
)
from municipal_core.accounts._messages import (
    ACCOUNT_CREATED,
    ACTIVATION_CODE,
    contact_repr,
    render,
)
from municipal_core.accounts._names import PersonName
from municipal_core.accounts._otp import OtpPolicy, OtpResult, issue_code, verify_code
from municipal_core.accounts._passwords import PasswordHasher, PasswordPolicy, require_password
from municipal_core.accounts._ports import (
    AccountStore,
    CaptchaVerifier,
    IdentityRecord,
    IdentityRegistry,
    Notifier,
)
from municipal_core.accounts._types import AccountType, account_type, account_types
from municipal_core.clock import Clock, utc_now
from municipal_core.dates import HijriDate
from municipal_core.errors import (
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers import email as email_id
from municipal_core.identifiers import phone as phone_id
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.workflow import Actor
from municipal_core.workflow._case import require_aware

__all__ = [
    "Prefill",
    "RegistrationForm",
    "activate",
    "complete",
    "identify",
    "register",
    "resend_activation_code",
]

_FORM = "accounts.registration"
_SYSTEM = Actor("system", (AccountRole.SYSTEM.value,))


def _pairs(values: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = values.items() if isinstance(values, Mapping) else values
    try:
        pairs = dict(items)
    except (TypeError, ValueError):
        pairs = None
    if pairs is None or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()
    ):
        raise InvalidFormat(
            "Identifiers must map form fields to text.",
            "يجب أن تربط المعرّفات أسماء الحقول بنصوص.",
            code=f"{_FORM}.identifiers",
            field="identifiers",
        )
    return tuple(sorted(pairs.items()))


_text = checked(lambda v: isinstance(v, str), "text", "نصًا", code=_FORM)
_optional_text = checked(lambda v: v is None or isinstance(v, str), "text", "نصًا", code=_FORM)
_optional_name = checked(
    lambda v: v is None or isinstance(v, PersonName),
    "a PersonName",
    "من النوع PersonName",
    code=_FORM,
)


def _birth_date(value: object) -> dt.date | None:
    # Citizens type a Hijri date, residents a Gregorian one; both are stored Gregorian.
    if value is None:
        return None
    if isinstance(value, HijriDate):
        return value.to_gregorian()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise InvalidFormat(
        "The date of birth must be a Gregorian or Hijri date.",
        "يجب أن يكون تاريخ الميلاد تاريخًا ميلاديًا أو هجريًا.",
        code=f"{_FORM}.birth_date",
        field="birth_date",
    )


@attrs.frozen
class RegistrationForm:
    """What an applicant submitted, as typed; :func:`register` checks every field.

    Both portals end here: Oman's form directly, Saudi's through :func:`complete`.
    The repr masks identifiers and contacts and leaves the passwords out.

    Attributes:
        account_type: the account type code (``"om.citizen"``, ``"sa.resident"``...).
        name: the holder's name.
        mobile: the mobile number as typed (local or international).
        email: the e-mail address as typed.
        password: the chosen password.
        confirmation: the password typed again.
        identifiers: form field -> number as typed (``{"civil_number": "12345678"}``).
        terms_version: the version of the terms of use the applicant accepted.
        username: the username, where the account type signs in by username.
        birth_date: Gregorian ``date`` or :class:`~municipal_core.dates.HijriDate`,
            where the account type asks for it; stored Gregorian.
        lang: the language for messages to the holder (``"ar"`` or ``"en"``).
    """

    account_type: str = attrs.field(validator=_text)
    name: PersonName | None = attrs.field(validator=_optional_name)
    mobile: str = attrs.field(validator=_text, repr=contact_repr)
    email: str = attrs.field(validator=_text, repr=contact_repr)
    password: str = attrs.field(validator=_text, repr=False)
    confirmation: str = attrs.field(validator=_text, repr=False)
    identifiers: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs, repr=identifiers_repr)
    terms_version: str = attrs.field(validator=_text)
    username: str | None = attrs.field(default=None, validator=_optional_text)
    birth_date: dt.date | None = attrs.field(default=None, converter=_birth_date)
    lang: str = attrs.field(default="ar", converter=language)


def _refield(exc: ValidationError, field: str) -> ValidationError:
    # The identifier modules name their own field ("phone"); the form's field is "mobile".
    return type(exc)(exc.message_en, exc.message_ar, code=exc.code, field=field)


def _missing(field: str) -> InvalidComponent:
    return InvalidComponent(
        f"The field {field} is required.",
        f"الحقل {field} مطلوب.",
        code=f"{_FORM}.required",
        field=field,
    )


def _check_birth_date(kind: AccountType, birth_date: dt.date | None, today: dt.date) -> None:
    if kind.birth_date_calendar is not None and birth_date is None:
        raise _missing("birth_date")
    if birth_date is not None and birth_date > today:
        raise InvalidComponent(
            "The date of birth cannot be in the future.",
            "لا يمكن أن يكون تاريخ الميلاد في المستقبل.",
            code=f"{_FORM}.birth_date_future",
            field="birth_date",
        )


class _Checked(NamedTuple):
    kind: AccountType
    identifiers: dict[str, str]
    mobile: str
    email: str
    username: str | None


def _check_form(form: RegistrationForm, jurisdiction: Jurisdiction, today: dt.date) -> _Checked:
    kind = account_type(jurisdiction, form.account_type)
    identifiers = kind.validate_identifiers(dict(form.identifiers))
    if form.name is None:
        raise _missing("name")
    form.name.check_required_parts(jurisdiction, today)
    if not form.mobile.strip():
        raise _missing("mobile")
    try:
        mobile = phone_id.validate(form.mobile, jurisdiction.phone_region, mobile=True)
    except ValidationError as exc:
        raise _refield(exc, "mobile") from None
    if not form.email.strip():
        raise _missing("email")
    email = email_id.validate(form.email)
    username = None
    if form.username is not None and form.username.strip():
        username = normalise_username(form.username)
    elif kind.username_required:
        raise _missing("username")
    _check_birth_date(kind, form.birth_date, today)
    if not form.terms_version.strip():
        raise _missing("terms_version")
    return _Checked(kind, identifiers, mobile, email, username)


def register(
    form: RegistrationForm,
    *,
    jurisdiction: Jurisdiction,
    store: AccountStore,
    hasher: PasswordHasher,
    notifier: Notifier,
    key: bytes,
    clock: Clock,
    account_id: str | None = None,
) -> Account:
    """Register the applicant of ``form``; return the new account, pending activation.

    Args:
        form: the submitted form.
        jurisdiction: the portal's jurisdiction (rules, phone region, account types).
        store: where the account is added.
        hasher: the password hasher (production keeps its defaults).
        notifier: sends the "account created" e-mail and the activation code SMS.
        key: the host's secret key for activation-code digests (at least 16 bytes).
        clock: the time source.
        account_id: the id to give the account; a random UUID when ``None``.

    Raises:
        NotFound: unknown account type (the account-type module's error).
        ValidationError: a field is missing or invalid (its ``field`` names it); a weak
            password is :class:`~municipal_core.errors.WeakPassword` listing every problem.
        DomainRuleError: the name has fewer parts than the jurisdiction requires.
        DuplicateError: the mobile, e-mail, username or an identity number is taken
            (``field`` names which; the message never shows the value).

    Nothing is stored when an error is raised. If the notifier fails after the account
    was added, the account stays pending and :func:`resend_activation_code` recovers.
    """
    require_types(
        _FORM,
        form=(form, RegistrationForm),
        jurisdiction=(jurisdiction, Jurisdiction),
        store=(store, AccountStore),
        hasher=(hasher, PasswordHasher),
        notifier=(notifier, Notifier),
    )
    at = utc_now(clock)
    today = jurisdiction.today_in(at)
    checked_form = _check_form(form, jurisdiction, today)
    require_password(
        PasswordPolicy.for_jurisdiction(jurisdiction, today),
        form.password,
        confirmation=form.confirmation,
        username=checked_form.username,
        identifiers=tuple(checked_form.identifiers.values()),
    )
    new_id = account_id if account_id is not None else uuid.uuid4().hex
    policy = OtpPolicy.for_jurisdiction(jurisdiction, today)
    activation, code = issue_code(None, subject=new_id, policy=policy, key=key, at=at)
    account = Account(
        account_id=new_id,
        jurisdiction=jurisdiction.code,
        account_type=checked_form.kind.code,
        name=form.name,
        identifiers=tuple(checked_form.identifiers.items()),
        mobile=checked_form.mobile,
        email=checked_form.email,
        username=checked_form.username,
        birth_date=form.birth_date,
        password_hash=hasher.hash(form.password),
        terms=TermsAcceptance(form.terms_version, at),
        case=start_case(new_id, terms_version=form.terms_version, at=at),
        activation=activation,
        created_at=at,
        lang=form.lang,
    )
    store.add(account)
    portal = jurisdiction.name(account.lang)
    notifier.send(
        render(
            ACCOUNT_CREATED,
            account.lang,
            to=account.email,
            values={"name": account.display_name(account.lang), "portal": portal},
        )
    )
    _send_code(notifier, account, code, policy, portal)
    return account


def _send_code(
    notifier: Notifier, account: Account, code: str, policy: OtpPolicy, portal: str
) -> None:
    minutes = str(max(1, int(policy.ttl.total_seconds() // 60)))
    notifier.send(
        render(
            ACTIVATION_CODE,
            account.lang,
            to=account.mobile,
            values={"code": code, "minutes": minutes, "portal": portal},
        )
    )


def _require_pending(account: Account, jurisdiction: Jurisdiction, store: AccountStore) -> None:
    require_types(
        _FORM,
        account=(account, Account),
        jurisdiction=(jurisdiction, Jurisdiction),
        store=(store, AccountStore),
    )
    if account.status is not AccountStatus.PENDING_ACTIVATION:
        raise DomainRuleError(
            "The account is not waiting for activation.",
            "الحساب ليس بانتظار التفعيل.",
            code="accounts.activation.not_pending",
            field="account",
        )


def activate(
    account: Account,
    code: str,
    *,
    jurisdiction: Jurisdiction,
    store: AccountStore,
    key: bytes,
    clock: Clock,
) -> tuple[Account, OtpResult]:
    """Check the activation ``code`` the holder typed; activate the account if right.

    The attempt is saved whatever its outcome (attempts count towards the lock), with
    optimistic locking on the account's version.

    Returns:
        The account as saved and the :class:`OtpResult` to show (``result.ok`` when the
        account is now ACTIVE).

    Raises:
        DomainRuleError: the account is not pending activation
            (``accounts.activation.not_pending``).
        ConflictError: the account changed since it was read.
    """
    _require_pending(account, jurisdiction, store)
    at = utc_now(clock)
    if account.activation is None:  # a host built it by hand; no code was ever sent
        raise DomainRuleError(
            "No activation code was sent; ask for a new one.",
            "لم يُرسل رمز تفعيل؛ اطلب رمزًا جديدًا.",
            code="accounts.activation.no_code",
            field="code",
        )
    policy = OtpPolicy.for_jurisdiction(jurisdiction, jurisdiction.today_in(at))
    state, result = verify_code(account.activation, code, key=key, policy=policy, at=at)
    updated = attrs.evolve(account, activation=state)
    if result.ok:
        # A clock stepped back behind the state's entry would make the workflow refuse
        # the step (time order); the history then records the entry time instead.
        updated = advance(updated, "ACTIVATE", _SYSTEM, at=max(at, account.case.entered_state_at))
    if updated == account:  # expired, locked or used: nothing changed, nothing to save
        return account, result
    return store.replace(updated, expected_version=account.version), result


def resend_activation_code(
    account: Account,
    *,
    jurisdiction: Jurisdiction,
    store: AccountStore,
    notifier: Notifier,
    key: bytes,
    clock: Clock,
) -> Account:
    """Issue a new activation code (the old one stops working), save it and send it.

    Raises:
        RateLimited: inside the resend cool-down or over the sends per hour
            (``retry_after`` says when to try again).
        DomainRuleError: the account is not pending activation.
        ConflictError: the account changed since it was read.
    """
    _require_pending(account, jurisdiction, store)
    require_types(_FORM, notifier=(notifier, Notifier))
    at = utc_now(clock)
    policy = OtpPolicy.for_jurisdiction(jurisdiction, jurisdiction.today_in(at))
    activation, code = issue_code(
        account.activation, subject=account.account_id, policy=policy, key=key, at=at
    )
    saved = store.replace(
        attrs.evolve(account, activation=activation), expected_version=account.version
    )
    _send_code(notifier, saved, code, policy, jurisdiction.name(saved.lang))
    return saved


# -- Saudi Arabia: identify by ID and birth date, then complete the empty fields -----------

_EDITABLE = ("mobile", "email")


@attrs.frozen
class Prefill:
    """The identity record found for an applicant, and what they may still fill in.

    Attributes:
        account_type: the account type the ID number belongs to (``"sa.citizen"`` for a
            national ID, ``"sa.resident"`` for an iqama).
        id_field: the form field of the ID (``"national_id"``, ``"iqama"``).
        record: the registry's record (name, birth date, nationality, contacts).
        editable: the contact fields the record leaves empty, which the applicant fills;
            everything else is read-only.
    """

    account_type: str = attrs.field(validator=_text)
    id_field: str = attrs.field(validator=_text)
    record: IdentityRecord = attrs.field(
        validator=checked(
            lambda v: isinstance(v, IdentityRecord),
            "an IdentityRecord",
            "من النوع IdentityRecord",
            code=_FORM,
        )
    )
    editable: tuple[str, ...] = attrs.field(
        validator=checked(
            lambda v: isinstance(v, tuple) and set(v) <= set(_EDITABLE),
            "mobile and/or email",
            "الجوال و/أو البريد",
            code=_FORM,
        ),
    )


def _captcha(captcha: CaptchaVerifier, token: str, at: dt.datetime) -> None:
    if not isinstance(token, str) or not token or not captcha.verify(token, at=at):
        raise InvalidComponent(
            "The verification code (captcha) is not correct.",
            "رمز التحقق (captcha) غير صحيح.",
            code="accounts.captcha",
            field="captcha",
        )


def _identity_type(jurisdiction: Jurisdiction, id_number: str) -> tuple[AccountType, str, str]:
    # The account types that register through the identity registry are those that ask
    # for a birth date; the ID itself says which one (1... citizen, 2... resident).
    first_error: ValidationError | None = None
    for kind in account_types(jurisdiction):
        if kind.birth_date_calendar is None:
            continue
        field = next((r.field for r in kind.identifiers if r.required), None)
        if field is None:
            continue
        try:
            compact = kind.validate_identifiers({field: id_number})[field]
        except ValidationError as exc:
            first_error = first_error or exc
            continue
        return kind, field, compact
    if first_error is not None:
        raise _refield(first_error, "id_number")
    raise NotFound(
        "This portal does not register people from an identity registry.",
        "لا تسجل هذه البوابة الأفراد من سجل الهوية.",
        code="accounts.identity.unsupported",
        field="jurisdiction",
    )


def identify(
    id_number: str,
    birth_date: dt.date | HijriDate,
    captcha_token: str,
    *,
    jurisdiction: Jurisdiction,
    captcha: CaptchaVerifier,
    registry: IdentityRegistry,
    at: dt.datetime,
) -> Prefill:
    """Look the applicant up by ID or iqama number and date of birth (Balady's first step).

    ``birth_date`` may be Hijri (as citizens type it) or Gregorian (residents); it is
    converted to Gregorian for the registry.

    Raises:
        InvalidComponent: wrong captcha (``accounts.captcha``; checked first).
        ValidationError: the ID number is not a valid national ID or iqama (field
            ``id_number``); the date is not a date (``birth_date``).
        NotFound: no person with this ID and date of birth
            (``accounts.identity.not_found``; the message does not say which was wrong).

    Examples:
        >>> from municipal_core.accounts._ports import InMemoryCaptcha, InMemoryIdentityRegistry
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> record = IdentityRecord("1000000008", PersonName.parse("سارة القحطاني"),
        ...                         dt.date(1990, 5, 17), "SA", mobile="+966501234567")
        >>> registry = InMemoryIdentityRegistry([record])
        >>> prefill = identify("1000000008", HijriDate(1410, 10, 22), "t",
        ...                    jurisdiction=SA_BALADY, captcha=InMemoryCaptcha(["t"]),
        ...                    registry=registry, at=at)
        >>> prefill.account_type, prefill.id_field, prefill.editable
        ('sa.citizen', 'national_id', ('email',))
        >>> identify("1000000008", dt.date(1990, 5, 18), "t", jurisdiction=SA_BALADY,
        ...          captcha=InMemoryCaptcha(["t"]), registry=registry, at=at)
        Traceback (most recent call last):
            ...
        municipal_core.errors.NotFound: No identity record matches this ID number and date ...
    """
    require_types(
        _FORM,
        jurisdiction=(jurisdiction, Jurisdiction),
        captcha=(captcha, CaptchaVerifier),
        registry=(registry, IdentityRegistry),
    )
    _captcha(captcha, captcha_token, require_aware(at, field="at"))
    gregorian = _birth_date(birth_date)
    if gregorian is None:
        raise _missing("birth_date")
    kind, field, number = _identity_type(jurisdiction, id_number)
    record = registry.lookup(number, gregorian)
    if record is None:
        raise NotFound(
            "No identity record matches this ID number and date of birth.",
            "لا يوجد سجل هوية يطابق رقم الهوية وتاريخ الميلاد المدخلين.",
            code="accounts.identity.not_found",
            field=None,
        )
    editable = tuple(f for f in _EDITABLE if getattr(record, f) is None)
    return Prefill(kind.code, field, record, editable)


def _same_contact(field: str, given: str, on_file: str, region: str) -> bool:
    try:
        if field == "mobile":
            return phone_id.normalize(given, region) == phone_id.normalize(on_file, region)
        return email_id.validate(given).lower() == email_id.validate(on_file).lower()
    except ValidationError:
        return False


def _contact(prefill: Prefill, field: str, given: str | None, region: str) -> str:
    on_file: str | None = getattr(prefill.record, field)
    if on_file is None:
        return given or ""
    if given is not None and given.strip() and not _same_contact(field, given, on_file, region):
        raise DomainRuleError(
            f"The {field} comes from the identity record and cannot be changed here.",
            f"الحقل {field} مأخوذ من سجل الهوية ولا يمكن تغييره هنا.",
            code="accounts.prefill.read_only",
            field=field,
        )
    return on_file


def complete(
    prefill: Prefill,
    *,
    username: str,
    password: str,
    confirmation: str,
    captcha_token: str,
    captcha: CaptchaVerifier,
    terms_version: str,
    jurisdiction: Jurisdiction,
    at: dt.datetime,
    mobile: str | None = None,
    email: str | None = None,
    lang: str = "ar",
) -> RegistrationForm:
    """Build the registration form from a :class:`Prefill` and what the applicant typed.

    Only the fields in :attr:`Prefill.editable` may be given; a value for a field the
    record already holds must match it (typing it again is harmless). Mobile and e-mail
    are both required, from the record or from the applicant. Pass the result to
    :func:`register`.

    Raises:
        InvalidComponent: wrong captcha (``accounts.captcha``).
        DomainRuleError: a pre-filled field changed (``accounts.prefill.read_only``).

    Examples:
        >>> from municipal_core.accounts._ports import InMemoryCaptcha
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> record = IdentityRecord("2000000006", PersonName.parse("أحمد محمود"),
        ...                         dt.date(1985, 1, 2), "EG", email="ahmed@example.com")
        >>> prefill = Prefill("sa.resident", "iqama", record, ("mobile",))
        >>> fill = dict(username="Ahmed85", password="Riyadh-2026x", confirmation="Riyadh-2026x",
        ...             captcha_token="t", captcha=InMemoryCaptcha(accept_all=True),
        ...             terms_version="v1", jurisdiction=SA_BALADY,
        ...             at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> form = complete(prefill, mobile="050 111 2222", **fill)
        >>> form.account_type, form.email, form.identifiers
        ('sa.resident', 'ahmed@example.com', (('iqama', '2000000006'),))
        >>> complete(prefill, mobile="0501112222", email="other@example.com", **fill)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The email comes from the identity record ...
    """
    require_types(
        _FORM,
        prefill=(prefill, Prefill),
        jurisdiction=(jurisdiction, Jurisdiction),
        captcha=(captcha, CaptchaVerifier),
    )
    _captcha(captcha, captcha_token, require_aware(at, field="at"))
    region = jurisdiction.phone_region
    return RegistrationForm(
        account_type=prefill.account_type,
        name=prefill.record.name,
        mobile=_contact(prefill, "mobile", mobile, region),
        email=_contact(prefill, "email", email, region),
        password=password,
        confirmation=confirmation,
        identifiers={prefill.id_field: prefill.record.id_number},
        terms_version=terms_version,
        username=username,
        birth_date=prefill.record.birth_date,
        lang=lang,
    )
