"""Account types per jurisdiction, as data: who may register, with which identifiers.

Each portal lets a person choose what kind of account to open (DOMAIN.md §1). An
:class:`AccountType` says whether its holder is an individual or an organisation, which
identifiers the form asks for (:class:`IdentifierRequirement`, any one of several kinds
accepted, required or optional), how the holder signs in (:class:`SignInMethod`) and, for
the Saudi identity check, in which calendar the birth date is typed.

Two sets ship, registered under their jurisdiction codes:

* **om-sohar** — citizen, expatriate, consultancy office, construction-contracting
  company, institution; all sign in by phone or e-mail.
* **sa-balady** — citizen (national ID, Hijri birth date), resident (iqama, Gregorian
  birth date), engineering office; all sign in by username.

Where the seeds do not say which identifiers a type needs, the choice is marked [A] on the
type. A host application serving another municipality registers its own set with
:func:`register_account_types`.

Examples:
    >>> citizen = account_type("om-sohar", "om.citizen")
    >>> citizen.validate_identifiers({"civil_number": "١٢٣٤ ٥٦٧٨"})
    {'civil_number': '12345678'}
    >>> [t.code for t in account_types("sa-balady")]
    ['sa.citizen', 'sa.resident', 'sa.engineering_office']
    >>> account_type("sa-balady", "sa.resident").validate_identifiers({"iqama": "1000000008"})
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A resident's iqama number must start with 2.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Iterable, Mapping

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.errors import (
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    Language,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers import IDENTIFIER_MODULES, get_module
from municipal_core.identifiers.sa import national_id
from municipal_core.jurisdictions import Calendar, Jurisdiction

__all__ = [
    "OM_SOHAR_TYPES",
    "SA_BALADY_TYPES",
    "AccountHolder",
    "AccountType",
    "IdentifierRequirement",
    "SignInMethod",
    "account_type",
    "account_types",
    "register_account_types",
    "sign_in_methods",
]


class SignInMethod(str, enum.Enum):
    """What a holder types to sign in, besides the password.

    Examples:
        >>> SignInMethod("phone") in account_type("om-sohar", "om.citizen").sign_in
        True
    """

    PHONE = "phone"
    EMAIL = "email"
    USERNAME = "username"


class AccountHolder(str, enum.Enum):
    """Who holds an account: a person, or an organisation acting through a representative.

    (Named so as not to clash with ``identifiers.sa.national_id.HolderKind``, which tells a
    citizen's number from a resident's.)

    Examples:
        >>> account_type("sa-balady", "sa.engineering_office").holder
        <AccountHolder.ORGANISATION: 'organisation'>
    """

    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


_FIELD_RE = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
_TYPE_CODE_RE = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+){0,7}\Z")
_JURISDICTION_RE = re.compile(r"[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _require(ok: bool, code: str, message_en: str, message_ar: str, field: str = "") -> None:
    # Checks the type *definitions* a host app writes, not a user's input: one line each.
    if not ok:
        raise InvalidFormat(
            message_en, message_ar, code=f"accounts.type.{code}", field=field or code
        )


def _check_field_name(_instance: object, _attribute: object, value: str) -> None:
    _require(
        isinstance(value, str) and _FIELD_RE.match(value) is not None,
        "field",
        "A form field name is lower-case snake_case, e.g. 'civil_number'.",
        "اسم حقل النموذج بأحرف لاتينية صغيرة وشرطة سفلية، مثل 'civil_number'.",
    )


def _check_label(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _require(
        isinstance(value, str) and 0 < len(value.strip()) <= len(value) <= 120,
        "label",
        "A label or name is a non-empty text of at most 120 characters.",
        "التسمية نص غير فارغ لا يتجاوز 120 حرفًا.",
        attribute.name,
    )


def _check_bool(_instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    _require(
        isinstance(value, bool),
        "flag",
        "The flag must be True or False.",
        "يجب أن تكون القيمة صحيحة أو خاطئة.",
        attribute.name,
    )


def _to_tuple(value: Iterable[object]) -> tuple[object, ...]:
    # A bare string would split into letters; refuse it and anything not iterable.
    _require(
        isinstance(value, Iterable) and not isinstance(value, (str, bytes)),
        "list",
        "A list of values is required.",
        "يلزم إدخال قائمة قيم.",
    )
    return tuple(value)


def _to_kinds(value: Iterable[str]) -> tuple[str, ...]:
    kinds = _to_tuple(value)
    _require(
        bool(kinds) and all(isinstance(k, str) and k in IDENTIFIER_MODULES for k in kinds),
        "kinds",
        "Each requirement names one or more known identifier kinds.",
        "يجب أن يحدد كل متطلب نوعًا معروفًا واحدًا على الأقل من المعرّفات.",
    )
    return tuple(str(k) for k in kinds)


def _check_holder(instance: IdentifierRequirement, _attribute: object, value: str | None) -> None:
    if value is None:
        return
    to_enum(national_id.HolderKind, value, code="accounts.type.holder", field="holder")
    _require(
        "sa.national_id" in instance.kinds,
        "holder",
        "A holder (citizen or resident) applies to the Saudi national ID only.",
        "تحديد صاحب الهوية (مواطن أو مقيم) خاص برقم الهوية السعودية.",
    )


def _refield(err: ValidationError, field: str) -> ValidationError:
    # The identifier module names its own field ("national_id"); the form's field may be
    # another ("iqama", "representative_id"), and that is the box to mark red.
    return type(err)(err.message_en, err.message_ar, code=err.code, field=field)


@attrs.frozen
class IdentifierRequirement:
    """One identifier box of a registration form.

    Attributes:
        field: the form field, e.g. ``"civil_number"``, ``"iqama"``, ``"cr"``.
        kinds: identifier kinds (keys of ``identifiers.IDENTIFIER_MODULES``); a value
            valid as any one of them is accepted.
        required: whether the box must be filled.
        holder: for ``sa.national_id`` only: ``"citizen"`` (national ID) or
            ``"resident"`` (iqama); ``None`` accepts both.
        label_en: the box's label in English.
        label_ar: the box's label in Arabic.

    Examples:
        >>> iqama = IdentifierRequirement("iqama", ("sa.national_id",), True,
        ...     holder="resident", label_en="Iqama number", label_ar="رقم الإقامة")
        >>> iqama.validate("2000000006"), iqama.label("ar")
        ('2000000006', 'رقم الإقامة')
    """

    field: str = attrs.field(validator=_check_field_name)
    kinds: tuple[str, ...] = attrs.field(converter=_to_kinds)
    required: bool = attrs.field(validator=_check_bool)
    holder: str | None = attrs.field(default=None, kw_only=True, validator=_check_holder)
    label_en: str = attrs.field(kw_only=True, validator=_check_label)
    label_ar: str = attrs.field(kw_only=True, validator=_check_label)

    def label(self, lang: Language = "en") -> str:
        """Return the box's label in ``lang`` (``"en"`` or ``"ar"``).

        Examples:
            >>> account_type("om-sohar", "om.citizen").requirement("civil_number").label()
            'Civil number'
        """
        return self.label_ar if language(lang) == "ar" else self.label_en

    def validate(self, value: str) -> str:
        """Return the compact form of ``value``, valid as one of :attr:`kinds`.

        Raises:
            ValidationError: the first kind's own error (its class and code), with
                ``field`` set to this form field.

        Examples:
            >>> cr = account_type("om-sohar", "om.institution").requirement("cr")
            >>> cr.validate("CR 1234567")
            '1234567'
        """
        errors: list[ValidationError] = []
        for kind in self.kinds:
            try:
                if kind == "sa.national_id" and self.holder is not None:
                    return national_id.validate(value, holder=self.holder)
                return get_module(kind).validate(value)
            except ValidationError as err:
                errors.append(err)
        raise _refield(errors[0], self.field) from None


def _to_holder(value: object) -> AccountHolder:
    return to_enum(AccountHolder, value, code="accounts.type.holder_kind", field="holder")


def _to_requirements(value: Iterable[IdentifierRequirement]) -> tuple[IdentifierRequirement, ...]:
    items = _to_tuple(value)
    fields = [r.field for r in items if isinstance(r, IdentifierRequirement)]
    _require(
        len(items) == len(fields) == len(set(fields)),
        "identifiers",
        "Identifier requirements must be IdentifierRequirement values with distinct fields.",
        "يجب أن تكون متطلبات المعرّفات من نوع IdentifierRequirement بحقول غير مكررة.",
    )
    return tuple(r for r in items if isinstance(r, IdentifierRequirement))


def _to_methods(value: Iterable[SignInMethod | str]) -> tuple[SignInMethod, ...]:
    methods = tuple(
        to_enum(SignInMethod, m, code="accounts.type.sign_in", field="sign_in")
        for m in _to_tuple(value)
    )
    _require(
        0 < len(methods) == len(set(methods)),
        "sign_in",
        "Name one or more distinct sign-in methods.",
        "حدد طريقة دخول واحدة على الأقل دون تكرار.",
    )
    return methods


def _to_calendar(value: object) -> Calendar | None:
    if value is None:
        return None
    return to_enum(Calendar, value, code="accounts.type.calendar", field="birth_date_calendar")


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    _require(
        isinstance(value, str) and _TYPE_CODE_RE.match(value) is not None,
        "code",
        "An account type code is lower-case and dotted, e.g. 'om.citizen'.",
        "رمز نوع الحساب بأحرف لاتينية صغيرة مفصولة بنقطة، مثل 'om.citizen'.",
    )


def _check_username(instance: AccountType, _attribute: object, value: bool) -> None:
    _check_bool(instance, _attribute, value)  # type: ignore[arg-type]
    _require(
        value or SignInMethod.USERNAME not in instance.sign_in,
        "username_required",
        "A type whose holders sign in by username must require one.",
        "يجب أن يشترط اسم المستخدم إذا كان الدخول به.",
    )


@attrs.frozen
class AccountType:
    """A kind of account one jurisdiction offers, and what its form asks for.

    Attributes:
        code: stable code, e.g. ``"om.citizen"``.
        name_en: the type's name in English.
        name_ar: the type's name in Arabic.
        holder: an individual or an organisation.
        identifiers: the identifier boxes of the form, in the order shown.
        sign_in: how holders sign in, in the order a form offers them.
        birth_date_calendar: the calendar the birth date is typed in for the identity
            check (Saudi citizens Hijri, residents Gregorian); ``None`` where the form
            asks for no birth date (Oman).
        username_required: whether the holder chooses a username (always, if
            :attr:`sign_in` includes ``USERNAME``).

    Examples:
        >>> office = account_type("sa-balady", "sa.engineering_office")
        >>> office.holder.value, [r.field for r in office.identifiers]
        ('organisation', ['cr', 'engineering_licence', 'representative_id'])
    """

    code: str = attrs.field(validator=_check_code)
    name_en: str = attrs.field(validator=_check_label)
    name_ar: str = attrs.field(validator=_check_label)
    holder: AccountHolder = attrs.field(converter=_to_holder)
    identifiers: tuple[IdentifierRequirement, ...] = attrs.field(converter=_to_requirements)
    sign_in: tuple[SignInMethod, ...] = attrs.field(converter=_to_methods)
    birth_date_calendar: Calendar | None = attrs.field(
        default=None, kw_only=True, converter=_to_calendar
    )
    username_required: bool = attrs.field(default=False, kw_only=True, validator=_check_username)

    def name(self, lang: Language = "en") -> str:
        """Return the type's name in ``lang`` (``"en"`` or ``"ar"``).

        Examples:
            >>> account_type("om-sohar", "om.expatriate").name("ar")
            'وافد (فرد)'
        """
        return self.name_ar if language(lang) == "ar" else self.name_en

    def requirement(self, field: str) -> IdentifierRequirement:
        """Return the requirement for form field ``field``.

        Raises:
            NotFound: the type has no such field (code ``accounts.identifiers.unknown_field``).

        Examples:
            >>> account_type("sa-balady", "sa.citizen").requirement("national_id").holder
            'citizen'
        """
        for requirement in self.identifiers:
            if requirement.field == field:
                return requirement
        raise NotFound(
            "This account type has no such identifier field.",
            "لا يحتوي نوع الحساب هذا على حقل المعرّف المطلوب.",
            code="accounts.identifiers.unknown_field",
            field=field if isinstance(field, str) else None,
        )

    def validate_identifiers(self, values: Mapping[str, str]) -> dict[str, str]:
        """Check a form's identifier boxes; return ``{field: compact value}``.

        Empty optional boxes (missing, ``None`` or blank) are left out of the result;
        the result follows the order of :attr:`identifiers`.

        Raises:
            InvalidFormat: ``values`` is not a mapping (``accounts.identifiers.format``).
            InvalidComponent: a field the type does not have
                (``accounts.identifiers.unknown_field``, field = that field).
            ValidationError: a required box left empty (``accounts.identifiers.required``),
                or an invalid value: the identifier module's own error, with ``field``
                set to the form field.

        Examples:
            >>> firm = account_type("om-sohar", "om.contracting_company")
            >>> firm.validate_identifiers({"cr": "1234567"})
            Traceback (most recent call last):
                ...
            municipal_core.errors.ValidationError: Representative's civil number is required.
        """
        if not isinstance(values, Mapping):
            raise InvalidFormat(
                "The identifiers must be given as field names and values.",
                "يجب إدخال المعرّفات على شكل أسماء حقول وقيمها.",
                code="accounts.identifiers.format",
                field="identifiers",
            )
        known = {r.field for r in self.identifiers}
        for field in values:
            if field not in known:
                raise InvalidComponent(
                    "This account type has no such identifier field.",
                    "لا يحتوي نوع الحساب هذا على حقل المعرّف المطلوب.",
                    code="accounts.identifiers.unknown_field",
                    field=field if isinstance(field, str) else None,
                )
        result: dict[str, str] = {}
        for requirement in self.identifiers:
            value = values.get(requirement.field)
            if value is None or (isinstance(value, str) and not value.strip()):
                if requirement.required:
                    raise ValidationError(
                        f"{requirement.label_en} is required.",
                        f"{requirement.label_ar} مطلوب.",
                        code="accounts.identifiers.required",
                        field=requirement.field,
                    )
                continue
            result[requirement.field] = requirement.validate(value)
        return result


_REGISTRY: dict[str, tuple[AccountType, ...]] = {}
_LOCK = threading.Lock()


def _jurisdiction_code(value: Jurisdiction | str) -> str:
    code = value.code if isinstance(value, Jurisdiction) else value
    code = code.strip().lower() if isinstance(code, str) else ""
    if not _JURISDICTION_RE.match(code):
        raise InvalidFormat(
            "A jurisdiction code is a country code and a name, e.g. 'om-sohar'.",
            "رمز الجهة هو رمز الدولة متبوعًا باسم، مثل 'om-sohar'.",
            code="accounts.types.jurisdiction",
            field="jurisdiction",
        )
    return code


def account_types(jurisdiction: Jurisdiction | str) -> tuple[AccountType, ...]:
    """Return the account types a jurisdiction offers, in the order its form lists them.

    Raises:
        NotFound: no types registered for it (code ``accounts.types.unknown_jurisdiction``).

    Examples:
        >>> len(account_types("OM-SOHAR"))
        5
    """
    found = _REGISTRY.get(_jurisdiction_code(jurisdiction))
    if found is None:
        raise NotFound(
            "No account types are registered for this jurisdiction.",
            "لا توجد أنواع حسابات مسجلة لهذه الجهة.",
            code="accounts.types.unknown_jurisdiction",
            field="jurisdiction",
        )
    return found


def account_type(jurisdiction: Jurisdiction | str, code: str) -> AccountType:
    """Return the account type ``code`` of a jurisdiction.

    Raises:
        NotFound: unknown jurisdiction, or no such type there (code
            ``accounts.types.unknown``, field ``account_type``).

    Examples:
        >>> account_type("sa-balady", "sa.citizen").birth_date_calendar
        <Calendar.HIJRI: 'hijri'>
    """
    for found in account_types(jurisdiction):
        if found.code == code:
            return found
    raise NotFound(
        "Unknown account type.",
        "نوع حساب غير معروف.",
        code="accounts.types.unknown",
        field="account_type",
    )


def sign_in_methods(jurisdiction: Jurisdiction | str) -> tuple[SignInMethod, ...]:
    """Return every sign-in method some account type of a jurisdiction offers.

    What a sign-in form must be able to resolve, in first-offered order.

    Examples:
        >>> [m.value for m in sign_in_methods("om-sohar")]
        ['phone', 'email']
    """
    methods = (m for t in account_types(jurisdiction) for m in t.sign_in)
    return tuple(dict.fromkeys(methods))


def register_account_types(jurisdiction: Jurisdiction | str, types: Iterable[AccountType]) -> None:
    """Make a host application's account types available for a jurisdiction.

    Registering the same types again is a no-op; different types under a code already
    taken raise, so two parts of an application cannot silently disagree.

    Raises:
        InvalidFormat: a malformed jurisdiction code, or ``types`` not a non-empty list of
            :class:`AccountType` with distinct codes (``accounts.types.list``).
        DuplicateError: other types are registered for it (``accounts.types.duplicate``).

    Examples:
        >>> sohar = account_types("om-sohar")
        >>> register_account_types("om-example", sohar[:2])
        >>> [t.code for t in account_types("om-example")]
        ['om.citizen', 'om.expatriate']
    """
    code = _jurisdiction_code(jurisdiction)
    items = tuple(types) if isinstance(types, Iterable) and not isinstance(types, str) else ()
    codes = [t.code for t in items if isinstance(t, AccountType)]
    if not items or len(codes) != len(items) or len(set(codes)) != len(codes):
        raise InvalidFormat(
            "Give one or more AccountType values with distinct codes.",
            "أدخل نوع حساب واحدًا على الأقل من نوع AccountType برموز غير مكررة.",
            code="accounts.types.list",
            field="types",
        )
    with _LOCK:
        existing = _REGISTRY.get(code)
        if existing is not None and existing != items:
            raise DuplicateError(
                "Other account types are already registered for this jurisdiction.",
                "توجد أنواع حسابات أخرى مسجلة لهذه الجهة.",
                code="accounts.types.duplicate",
                field="jurisdiction",
            )
        _REGISTRY[code] = items


# --- The two shipped sets (DOMAIN.md §1). ---


def _requirement(
    field: str,
    kinds: tuple[str, ...],
    en: str,
    ar: str,
    *,
    required: bool = True,
    holder: str | None = None,
) -> IdentifierRequirement:
    return IdentifierRequirement(field, kinds, required, holder=holder, label_en=en, label_ar=ar)


_OM_CIVIL = _requirement("civil_number", ("om.civil_number",), "Civil number", "الرقم المدني")
_OM_REPRESENTATIVE = _requirement(
    "representative_id",
    ("om.civil_number",),
    "Representative's civil number",
    "الرقم المدني للمفوض",
)
_OM_CR = ("om.commercial_registration",)
_OM_CR_LABELS = ("Commercial registration number", "رقم السجل التجاري")
_BY_PHONE_OR_EMAIL = (SignInMethod.PHONE, SignInMethod.EMAIL)


def _om_business(code: str, en: str, ar: str) -> AccountType:
    # [A] The seed names the type only; a firm is taken to register under its CR, through
    # a representative whose civil number identifies the person acting.
    return AccountType(
        code,
        en,
        ar,
        AccountHolder.ORGANISATION,
        (_requirement("cr", _OM_CR, *_OM_CR_LABELS), _OM_REPRESENTATIVE),
        _BY_PHONE_OR_EMAIL,
    )


OM_SOHAR_TYPES: tuple[AccountType, ...] = (
    # The seed asks every individual for the civil number (residents have one too).
    AccountType(
        "om.citizen", "Citizen (individual)", "مواطن (فرد)", AccountHolder.INDIVIDUAL,
        (_OM_CIVIL,), _BY_PHONE_OR_EMAIL,
    ),
    AccountType(
        "om.expatriate", "Expatriate (individual)", "وافد (فرد)", AccountHolder.INDIVIDUAL,
        (_OM_CIVIL,), _BY_PHONE_OR_EMAIL,
    ),
    _om_business("om.consultancy_office", "Consultancy office", "مكتب استشاري"),
    _om_business(
        "om.contracting_company", "Construction-contracting company", "شركة مقاولات إنشائية"
    ),
    # [A] A public institution need not hold a CR; its representative's civil number is
    # what identifies the account.
    AccountType(
        "om.institution", "Institution", "مؤسسة", AccountHolder.ORGANISATION,
        (_requirement("cr", _OM_CR, *_OM_CR_LABELS, required=False), _OM_REPRESENTATIVE),
        _BY_PHONE_OR_EMAIL,
    ),
)  # fmt: skip
"""Sohar's account types (seed 000): all sign in by phone or e-mail."""

_SA_ID = ("sa.national_id",)
_BY_USERNAME = (SignInMethod.USERNAME,)

SA_BALADY_TYPES: tuple[AccountType, ...] = (
    AccountType(
        "sa.citizen", "Citizen", "مواطن", AccountHolder.INDIVIDUAL,
        (_requirement("national_id", _SA_ID, "National ID number", "رقم الهوية الوطنية",
                      holder="citizen"),),
        _BY_USERNAME, birth_date_calendar=Calendar.HIJRI, username_required=True,
    ),
    AccountType(
        "sa.resident", "Resident", "مقيم", AccountHolder.INDIVIDUAL,
        (_requirement("iqama", _SA_ID, "Iqama number", "رقم الإقامة", holder="resident"),),
        _BY_USERNAME, birth_date_calendar=Calendar.GREGORIAN, username_required=True,
    ),
    # [A] Balady no longer documents this form: the office is taken to give its CR or
    # unified number, its Saudi Council of Engineers licence, and the national ID or
    # iqama of the person registering it. No birth date: the office is not a person.
    AccountType(
        "sa.engineering_office", "Engineering office", "مكتب هندسي",
        AccountHolder.ORGANISATION,
        (
            _requirement("cr", ("sa.commercial_registration",),
                         "CR or unified national number",
                         "رقم السجل التجاري أو الرقم الوطني الموحد"),
            _requirement("engineering_licence", ("sa.engineering_office_licence",),
                         "Engineering-office licence number", "رقم ترخيص المكتب الهندسي"),
            _requirement("representative_id", _SA_ID,
                         "Representative's national ID or iqama", "رقم هوية المفوض أو إقامته"),
        ),
        _BY_USERNAME, username_required=True,
    ),
)  # fmt: skip
"""Balady's account types (seed 003): all sign in by username."""

register_account_types("om-sohar", OM_SOHAR_TYPES)
register_account_types("sa-balady", SA_BALADY_TYPES)
