"""The account: one registered user of a portal, its life cycle as a workflow, and usernames.

An :class:`Account` is a frozen value holding everything registration gathered (type,
name, identifiers, mobile, e-mail, username, birth date, password hash, terms accepted)
plus a :class:`~municipal_core.workflow.Case` in :data:`ACCOUNT_WORKFLOW`, which is the
account's status and its audited history::

    NEW -ACCEPT_TERMS-> TERMS_ACCEPTED -SUBMIT_DETAILS-> PENDING_ACTIVATION -ACTIVATE-> ACTIVE
    ACTIVE -LOCK-> LOCKED -UNLOCK-> ACTIVE
    ACTIVE, LOCKED -SUSPEND-> SUSPENDED -REINSTATE-> ACTIVE
    any state but CLOSED -CLOSE-> CLOSED

Change an account only with :func:`advance` (a workflow step) or :func:`attrs.evolve`;
stores bump :attr:`Account.version` on every save (optimistic locking).

The repr masks identifiers, the mobile and the e-mail, hides the birth date and leaves
the password hash out, so an account can be logged.

Examples:
    >>> from municipal_core.workflow import to_mermaid
    >>> ACCOUNT_WORKFLOW.state("PENDING_ACTIVATION").label("ar")
    'بانتظار التفعيل'
    >>> normalise_username("  Sara2026 ")
    'sara2026'
    >>> normalise_username("سارة")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: A username may hold English letters and digits only.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from municipal_core._checks import require_instance
from municipal_core._text import language
from municipal_core.accounts._messages import contact_repr, hidden_repr
from municipal_core.accounts._names import PersonName
from municipal_core.accounts._otp import ActivationCode
from municipal_core.errors import InvalidFormat, InvalidLength, ValidationError, WorkflowError
from municipal_core.identifiers._util import mask_tail
from municipal_core.workflow import (
    Action,
    Actor,
    Case,
    State,
    WorkflowDefinition,
    apply,
    new_case,
)
from municipal_core.workflow._case import require_aware

__all__ = [
    "ACCOUNT_WORKFLOW",
    "USERNAME_MAX_LENGTH",
    "USERNAME_MIN_LENGTH",
    "Account",
    "AccountRole",
    "AccountStatus",
    "TermsAcceptance",
    "advance",
    "checked",
    "identifiers_repr",
    "normalise_username",
    "require_types",
    "start_case",
]

_CODE = "accounts.account"


class AccountStatus(str, enum.Enum):
    """Where an account is in its life cycle (the state of its workflow case).

    Examples:
        >>> ACCOUNT_WORKFLOW.state(AccountStatus.LOCKED.value).label("ar")
        'مقفل'
    """

    NEW = "NEW"
    TERMS_ACCEPTED = "TERMS_ACCEPTED"
    PENDING_ACTIVATION = "PENDING_ACTIVATION"
    ACTIVE = "ACTIVE"
    LOCKED = "LOCKED"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"


class AccountRole(str, enum.Enum):
    """Who may move an account: its holder, the system itself, or an administrator.

    Examples:
        >>> [a.name for a in ACCOUNT_WORKFLOW.actions if AccountRole.ADMIN.value in a.roles]
        ['ACTIVATE', 'LOCK', 'UNLOCK', 'SUSPEND', 'REINSTATE', 'CLOSE']
    """

    APPLICANT = "APPLICANT"
    SYSTEM = "SYSTEM"
    ADMIN = "ADMIN"


_A, _S, _ADMIN = AccountRole.APPLICANT.value, AccountRole.SYSTEM.value, AccountRole.ADMIN.value

ACCOUNT_WORKFLOW = WorkflowDefinition(
    "account.registration",
    (
        State("NEW", "New", "جديد", is_start=True),
        State("TERMS_ACCEPTED", "Terms accepted", "تمت الموافقة على الشروط"),
        State("PENDING_ACTIVATION", "Pending activation", "بانتظار التفعيل"),
        State("ACTIVE", "Active", "نشط"),
        State("LOCKED", "Locked", "مقفل"),
        State("SUSPENDED", "Suspended", "موقوف"),
        State("CLOSED", "Closed", "مغلق", is_terminal=True),
    ),
    (
        Action("ACCEPT_TERMS", ("NEW",), "TERMS_ACCEPTED", (_A,), required_fields=("terms",)),
        Action("SUBMIT_DETAILS", ("TERMS_ACCEPTED",), "PENDING_ACTIVATION", (_A,)),
        # The system activates once the holder typed the right code; an administrator
        # may activate by hand (a holder who cannot receive SMS, say).
        Action("ACTIVATE", ("PENDING_ACTIVATION",), "ACTIVE", (_S, _ADMIN)),
        # The system locks (sign-in abuse) and unlocks; so may an administrator.
        Action("LOCK", ("ACTIVE",), "LOCKED", (_S, _ADMIN)),
        Action("UNLOCK", ("LOCKED",), "ACTIVE", (_S, _ADMIN)),
        Action(
            "SUSPEND", ("ACTIVE", "LOCKED"), "SUSPENDED", (_ADMIN,), required_fields=("reason",)
        ),
        Action("REINSTATE", ("SUSPENDED",), "ACTIVE", (_ADMIN,)),
        Action(
            "CLOSE",
            ("NEW", "TERMS_ACCEPTED", "PENDING_ACTIVATION", "ACTIVE", "LOCKED", "SUSPENDED"),
            "CLOSED",
            (_A, _ADMIN),
        ),
    ),
)
"""The account life cycle as a workflow definition (name ``account.registration``)."""

USERNAME_MIN_LENGTH = 4
USERNAME_MAX_LENGTH = 30
# [A] Balady says only "English letters or digits"; 4..30 is the range common on
# government portals. At least one letter, so a username can never look like an ID
# number or a phone number in a sign-in box that accepts several kinds.
_USERNAME_RE = re.compile(r"[a-z0-9]+\Z")


def normalise_username(text: str, *, field: str = "username") -> str:
    """Return the username in its stored form (trimmed, lower case), or raise.

    Usernames are case-insensitive: ``Sara2026`` and ``sara2026`` are the same account,
    so nobody can register a look-alike of someone else's name by changing case.

    Raises:
        InvalidFormat: not text, characters other than English letters and digits, or
            digits only (codes ``accounts.username.characters``, ``.letter``).
        InvalidLength: outside 4..30 characters (``accounts.username.length``).

    Examples:
        >>> normalise_username("Ali_1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A username may hold English letters and digits only.
        >>> normalise_username("12345")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A username must contain at least one letter.
    """
    value = text.strip().lower() if isinstance(text, str) else ""
    if not value.isascii() or not _USERNAME_RE.match(value):
        raise InvalidFormat(
            "A username may hold English letters and digits only.",
            "يجب أن يتكون اسم المستخدم من حروف إنجليزية وأرقام فقط.",
            code="accounts.username.characters",
            field=field,
        )
    if not USERNAME_MIN_LENGTH <= len(value) <= USERNAME_MAX_LENGTH:
        raise InvalidLength(
            f"A username must have {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} characters.",
            f"يجب أن يتكون اسم المستخدم من {USERNAME_MIN_LENGTH} إلى {USERNAME_MAX_LENGTH} حرفًا.",
            code="accounts.username.length",
            field=field,
        )
    if value.isdigit():
        raise InvalidFormat(
            "A username must contain at least one letter.",
            "يجب أن يحتوي اسم المستخدم على حرف واحد على الأقل.",
            code="accounts.username.letter",
            field=field,
        )
    return value


Validator = Callable[[object, "attrs.Attribute[Any]", object], None]


def checked(ok: Callable[[Any], bool], what_en: str, what_ar: str, *, code: str) -> Validator:
    """Return an attrs validator raising ``InvalidFormat`` unless ``ok(value)``.

    The error's code is ``code`` plus the field name, and its messages say what the field
    must be. The accounts models share this one shape of field check.

    Examples:
        >>> @attrs.frozen
        ... class Box:
        ...     size: int = attrs.field(validator=checked(
        ...         lambda v: isinstance(v, int), "a whole number", "عددًا صحيحًا", code="box"))
        >>> Box("3")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The size must be a whole number.
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not ok(value):
            raise InvalidFormat(
                f"The {attribute.name} must be {what_en}.",
                f"يجب أن يكون الحقل {attribute.name} {what_ar}.",
                code=f"{code}.{attribute.name}",
                field=attribute.name,
            )

    return check


def require_types(code: str, **values: tuple[object, type]) -> None:
    """Raise ``InvalidFormat`` (``{code}.type``) unless each value is of its type.

    The public flows check their arguments with this first, so a wrong object is a typed
    error naming the argument, never an ``AttributeError`` from deep inside.

    Examples:
        >>> require_types("demo", when=(dt.date(2026, 1, 1), dt.date))
        >>> require_types("demo", when=("2026-01-01", dt.date))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A date is required for when.
    """
    for field, (value, cls) in values.items():
        require_instance(value, cls, field=field, code=code)


def _of(cls: type, *, optional: bool = False) -> Validator:
    return checked(
        lambda v: isinstance(v, cls) or (optional and v is None),
        f"a {cls.__name__}",
        f"من النوع {cls.__name__}",
        code=_CODE,
    )


_short_text = checked(
    lambda v: isinstance(v, str) and bool(v.strip()) and len(v) <= 128,
    "non-empty text of at most 128 characters",
    "نصًا غير فارغ لا يتجاوز 128 حرفًا",
    code=_CODE,
)


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_aware(value, field=attribute.name)


@attrs.frozen
class TermsAcceptance:
    """Which version of the terms of use the holder accepted, and when.

    Examples:
        >>> t = TermsAcceptance("2026-01", dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> t.version
        '2026-01'
    """

    version: str = attrs.field(validator=_short_text)
    accepted_at: dt.datetime = attrs.field(validator=_aware)


_FIELD_NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
_E164_RE = re.compile(r"\+[1-9][0-9]{6,14}\Z")


def _bad_identifiers() -> InvalidFormat:
    return InvalidFormat(
        "The identifiers must be (form field, value) pairs.",
        "يجب أن تكون المعرّفات أزواجًا من (الحقل، القيمة).",
        code=f"{_CODE}.identifiers",
        field="identifiers",
    )


def _identifiers(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    try:
        pairs = dict(values)
    except (TypeError, ValueError):
        raise _bad_identifiers() from None
    for key, value in pairs.items():
        if (
            not isinstance(key, str)
            or not _FIELD_NAME_RE.match(key)
            or not isinstance(value, str)
            or not value.strip()
            or len(value) > 64
        ):
            raise _bad_identifiers()
    return tuple(sorted(pairs.items()))


def _is_username(value: object) -> bool:
    if value is None:
        return True
    try:
        return isinstance(value, str) and normalise_username(value) == value
    except ValidationError:
        return False


_checks = {
    # Shape only (E.164): registration already asked phonenumbers whether it is a mobile,
    # and a stored account must still load after phonenumbers' metadata changes.
    "mobile": checked(
        lambda v: isinstance(v, str) and bool(_E164_RE.match(v)),
        "a number in E.164 form",
        "رقمًا بصيغة E.164",
        code=_CODE,
    ),
    "email": checked(
        lambda v: (
            isinstance(v, str)
            and v.count("@") == 1
            and len(v) <= 254
            and not any(c.isspace() for c in v)
        ),
        "a normalised e-mail address",
        "بريدًا إلكترونيًا بصيغته المعتمدة",
        code=_CODE,
    ),
    "username": checked(
        _is_username, "a normalised username", "اسم مستخدم بصيغته المعتمدة", code=_CODE
    ),
    "password_hash": checked(
        lambda v: isinstance(v, str) and v.startswith("$") and len(v) <= 512,
        "an encoded password hash",
        "تجزئة كلمة مرور",
        code=_CODE,
    ),
    "version": checked(
        lambda v: type(v) is int and v >= 1,
        "a positive whole number",
        "عددًا صحيحًا موجبًا",
        code=_CODE,
    ),
    "birth_date": checked(
        lambda v: v is None or (isinstance(v, dt.date) and not isinstance(v, dt.datetime)),
        "a date",
        "تاريخًا",
        code=_CODE,
    ),
}


def identifiers_repr(value: tuple[tuple[str, str], ...]) -> str:
    """Return the repr of ``(field, number)`` pairs with every number masked.

    Examples:
        >>> identifiers_repr((("civil_number", "12345678"),))
        "(('civil_number', '****5678'),)"
    """
    return repr(tuple((key, mask_tail(number)) for key, number in value))


@attrs.frozen
class Account:
    """A registered account, valid when built; round-trips through ``serialization``.

    Attributes:
        account_id: the host's id for the account (also its workflow case id).
        jurisdiction: the jurisdiction code, e.g. ``"om-sohar"``.
        account_type: the account type code, e.g. ``"om.citizen"``.
        name: the holder's name (``None`` for an organisation without one).
        identifiers: ``(form field, compact value)`` pairs, sorted by field.
        mobile: the mobile number in E.164 form.
        email: the e-mail address, normalised.
        username: the username in lower case, where the portal signs in by username.
        birth_date: the Gregorian birth date, where the portal asks for it.
        password_hash: a :class:`PasswordHasher` string; never in the repr.
        terms: the terms version accepted and when.
        case: the account's workflow case in :data:`ACCOUNT_WORKFLOW`.
        activation: the current activation code state (its keyed digest only), if any.
        created_at: when the account was created (aware).
        version: bumped by the store on every save, for optimistic locking.
        lang: the language messages are sent in (``"ar"`` or ``"en"``).

    Examples:
        >>> from municipal_core.serialization import from_json, to_json
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> account = Account(
        ...     account_id="acc-1", jurisdiction="sa-balady", account_type="sa.resident",
        ...     name=None, identifiers={"iqama": "2000000006"}.items(),
        ...     mobile="+966501234567", email="ahmed@example.com", username="ahmed85",
        ...     birth_date=dt.date(1985, 1, 2), password_hash="$scrypt$...",
        ...     terms=TermsAcceptance("v1", t), case=start_case("acc-1", terms_version="v1", at=t),
        ...     activation=None, created_at=t)
        >>> account.status, account.identifier("iqama")
        (<AccountStatus.PENDING_ACTIVATION: 'PENDING_ACTIVATION'>, '2000000006')
        >>> repr(account).split(", mobile")[0].split("identifiers=")[1]
        "(('iqama', '******0006'),)"
        >>> from_json(to_json(account), Account) == account
        True
    """

    account_id: str = attrs.field(validator=_short_text)
    jurisdiction: str = attrs.field(validator=_short_text)
    account_type: str = attrs.field(validator=_short_text)
    name: PersonName | None = attrs.field(validator=_of(PersonName, optional=True))
    identifiers: tuple[tuple[str, str], ...] = attrs.field(
        converter=_identifiers, repr=identifiers_repr
    )
    mobile: str = attrs.field(validator=_checks["mobile"], repr=contact_repr)
    email: str = attrs.field(validator=_checks["email"], repr=contact_repr)
    username: str | None = attrs.field(validator=_checks["username"])
    birth_date: dt.date | None = attrs.field(validator=_checks["birth_date"], repr=hidden_repr)
    password_hash: str = attrs.field(validator=_checks["password_hash"], repr=False)
    terms: TermsAcceptance = attrs.field(validator=_of(TermsAcceptance))
    case: Case = attrs.field(validator=_of(Case))
    activation: ActivationCode | None = attrs.field(validator=_of(ActivationCode, optional=True))
    created_at: dt.datetime = attrs.field(validator=_aware)
    version: int = attrs.field(default=1, validator=_checks["version"])
    lang: str = attrs.field(default="ar", converter=language)

    def __attrs_post_init__(self) -> None:
        if (
            self.case.workflow != ACCOUNT_WORKFLOW.name
            or self.case.version != ACCOUNT_WORKFLOW.version
            or self.case.id != self.account_id
        ):
            raise WorkflowError(
                "The account's case must follow the account workflow under the account's id.",
                "يجب أن يتبع طلب الحساب سير عمل الحسابات وأن يحمل رقم الحساب.",
                code=f"{_CODE}.case",
                field="case",
            )

    @property
    def status(self) -> AccountStatus:
        """The account's status: the state of its workflow case."""
        return AccountStatus(self.case.state)

    @property
    def is_active(self) -> bool:
        """Whether the holder may sign in (status ACTIVE)."""
        return self.case.state == AccountStatus.ACTIVE.value

    def identifier(self, field: str) -> str | None:
        """Return the compact value of the identifier in form ``field``, or ``None``."""
        return dict(self.identifiers).get(field)

    def display_name(self, lang: str = "ar") -> str:
        """Return the short name to greet the holder with, else the username or ``"-"``."""
        if self.name is not None:
            return self.name.short(language(lang))
        return self.username or "-"


def start_case(account_id: str, *, terms_version: str, at: dt.datetime) -> Case:
    """Return a new account case taken through ACCEPT_TERMS and SUBMIT_DETAILS at ``at``.

    Both steps are recorded in the history by the applicant, the terms version with the
    first one.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> case = start_case("acc-1", terms_version="2026-01", at=t)
        >>> case.state, [h.action for h in case.history], case.get("terms")
        ('PENDING_ACTIVATION', ['ACCEPT_TERMS', 'SUBMIT_DETAILS'], '2026-01')
    """
    applicant = Actor(account_id, (_A,))
    case = new_case(ACCOUNT_WORKFLOW, account_id, at=at)
    case = apply(
        ACCOUNT_WORKFLOW, case, "ACCEPT_TERMS", applicant, at=at, payload={"terms": terms_version}
    )
    return apply(ACCOUNT_WORKFLOW, case, "SUBMIT_DETAILS", applicant, at=at)


def advance(
    account: Account,
    action: str,
    actor: Actor,
    *,
    at: dt.datetime,
    reason: str | None = None,
) -> Account:
    """Return ``account`` with the workflow ``action`` taken by ``actor`` at ``at``.

    ``reason`` is recorded in the history (required for SUSPEND). The account's version
    is left alone; the store bumps it when the result is saved.

    Raises:
        IllegalTransition: the action is not allowed in the account's status.
        PermissionDenied: ``actor`` holds none of the roles the action needs.
        InvalidComponent: SUSPEND without a reason (``workflow.required_field``).
    """
    payload = {"reason": reason} if reason is not None else None
    case = apply(ACCOUNT_WORKFLOW, account.case, action, actor, at=at, payload=payload)
    return attrs.evolve(account, case=case)
