"""The shape of a service catalogue entry: :class:`Service`, :class:`Document` and friends.

A portal renders its service pages from these values: who may apply, which identifiers and
documents the form asks for, which fee rules and workflow the application goes through,
how long it should take and what it lets the applicant print. The entries themselves are
in ``_catalogue_data``; the look-ups in ``_catalogue``.

Every field is a plain typed value (text, enums, tuples of text), so one cattrs converter
round-trips a service; references to workflows, fee rules, account types and identifier
kinds are *codes*, checked against their registries by ``catalogue_problems``.

Examples:
    >>> doc = Document("title_deed", "Title deed", "سند الملكية")
    >>> doc.name("ar")
    'سند الملكية'
    >>> Service("om.example", "om-sohar", "information", "Example", "مثال",
    ...         "An example.", "مثال.", fee_codes=("x",)).fee_schedule
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: Fee codes need the name of the fee schedule they are in.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.errors import InvalidFormat, Language

__all__ = ["Document", "Printable", "Service", "ServiceFamily"]

_CODE_RE = re.compile(r"[a-z][a-z0-9_]*(?:[.-][a-z0-9_]+){0,7}\Z")
_JURISDICTION_RE = re.compile(r"[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ERR = "catalogue"


class ServiceFamily(str, enum.Enum):
    """The group a service is listed under on a portal's service pages.

    Examples:
        >>> ServiceFamily("buildings").name
        'BUILDINGS'
    """

    ACCOUNTS = "accounts"
    LEASES = "leases"
    BUILDINGS = "buildings"
    LICENSING = "licensing"
    ENGINEERS = "engineers"
    COMPLAINTS = "complaints"
    VIOLATIONS = "violations"
    PAYMENTS = "payments"
    PARTICIPATION = "participation"
    """Balady's interactive (community participation) services."""
    INFORMATION = "information"
    """Look-ups and information pages: no application, no workflow."""


class Printable(str, enum.Enum):
    """A document a service lets its user print (issue 8 renders them).

    Examples:
        >>> Printable("address_card")
        <Printable.ADDRESS_CARD: 'address_card'>
    """

    LEASE_CONTRACT = "lease_contract"
    RENEWAL_CONTRACT = "renewal_contract"
    SUPPLEMENTARY_CONTRACT = "supplementary_contract"
    ADDRESS_CARD = "address_card"
    COMPLETION_CERTIFICATE = "completion_certificate"
    SERVICE_LETTER = "service_letter"
    LICENCE_CERTIFICATE = "licence_certificate"
    PERMIT_CERTIFICATE = "permit_certificate"
    INVOICE = "invoice"
    RECEIPT = "receipt"
    VIOLATION_NOTICE = "violation_notice"


def _fail(code: str, field: str, message_en: str, message_ar: str) -> InvalidFormat:
    return InvalidFormat(message_en, message_ar, code=f"{_ERR}.{code}", field=field)


def _check_code(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise _fail(
            "code",
            attribute.name,
            "A code is lower-case and dotted, e.g. 'om.permit.major'.",
            "الرمز بأحرف لاتينية صغيرة مفصولة بنقاط، مثل 'om.permit.major'.",
        )


def _check_optional_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_code(instance, attribute, value)


def _check_text(_instance: object, attribute: attrs.Attribute[str], value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise _fail(
            "text",
            attribute.name,
            "Names and descriptions are non-empty texts of at most 500 characters.",
            "الأسماء والأوصاف نصوص غير فارغة لا تتجاوز 500 حرف.",
        )


def _codes(value: object, field: str) -> tuple[str, ...]:
    # A bare string would split into letters; codes must be distinct so that a form shows
    # each box once. Each item's shape is checked by the field's validator.
    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else None
    if items is None or len(set(items)) != len(items):
        raise _fail(
            "codes",
            field,
            "A list of distinct codes is required.",
            "يلزم إدخال قائمة رموز غير مكررة.",
        )
    return items


# One named converter per field (attrs does not tell a converter its field, and mypy's
# attrs plugin only understands named functions): the error then names the right box.
def _account_types(value: object) -> tuple[str, ...]:
    return _codes(value, "account_types")


def _identifiers(value: object) -> tuple[str, ...]:
    return _codes(value, "required_identifiers")


def _documents(value: object) -> tuple[str, ...]:
    return _codes(value, "required_documents")


def _fee_codes(value: object) -> tuple[str, ...]:
    return _codes(value, "fee_codes")


def _check_codes(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _check_code(_instance, attribute, item)


def _to_printables(value: Iterable[object]) -> tuple[Printable, ...]:
    items = _codes(value, "printables")
    return tuple(
        to_enum(Printable, item, code=f"{_ERR}.printable", field="printables") for item in items
    )


def _to_family(value: object) -> ServiceFamily:
    return to_enum(ServiceFamily, value, code=f"{_ERR}.family", field="family")


def _check_jurisdiction(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not _JURISDICTION_RE.match(value):
        raise _fail(
            "jurisdiction",
            "jurisdiction",
            "A jurisdiction code is a country code and a name, e.g. 'om-sohar'.",
            "رمز الجهة هو رمز الدولة متبوعًا باسم، مثل 'om-sohar'.",
        )


def _check_sla(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise _fail(
            "sla_hours",
            "sla_hours",
            "The SLA is a whole number of hours, 1 or more, or none.",
            "مدة الإنجاز عدد صحيح من الساعات لا يقل عن 1، أو لا شيء.",
        )


def _check_fee_codes(
    instance: Service, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    _check_codes(instance, attribute, value)
    if value and instance.fee_schedule is None:
        raise _fail(
            "fee_schedule",
            "fee_schedule",
            "Fee codes need the name of the fee schedule they are in.",
            "تحتاج رموز الرسوم إلى اسم جدول الرسوم الذي تنتمي إليه.",
        )


@attrs.frozen
class Document:
    """A document an applicant uploads, with its name in both languages.

    Attributes:
        code: stable code, e.g. ``"title_deed"``.
        name_en: the name in English.
        name_ar: the name in Arabic.

    Examples:
        >>> Document("site_plan", "Site plan", "الرسم المساحي").name()
        'Site plan'
    """

    code: str = attrs.field(validator=_check_code)
    name_en: str = attrs.field(validator=_check_text)
    name_ar: str = attrs.field(validator=_check_text)

    def name(self, lang: Language = "en") -> str:
        """Return the document's name in ``lang`` (``"en"`` or ``"ar"``).

        Examples:
            >>> Document("id_copy", "Identity card", "البطاقة الشخصية").name("ar")
            'البطاقة الشخصية'
        """
        return self.name_ar if language(lang) == "ar" else self.name_en


@attrs.frozen
class Service:
    """One e-service of a portal, as data.

    Attributes:
        code: stable code, e.g. ``"om.permit.major"``.
        jurisdiction: the jurisdiction's code, e.g. ``"om-sohar"``.
        family: the group it is listed under.
        name_en: the service's name in English.
        name_ar: the service's name in Arabic.
        description_en: one or two sentences in English.
        description_ar: the same in Arabic.
        account_types: account type codes allowed to apply; empty means anyone, signed
            in or not (registration, information services).
        required_identifiers: identifier kinds the form asks for (all of them).
        required_documents: codes of :class:`Document` values to upload.
        fee_schedule: the name of the fee schedule :attr:`fee_codes` are in, or ``None``.
        fee_codes: the fee rules charged, in the order an invoice lists them.
        sla_hours: the hours the municipality should take in all, or ``None`` where no
            figure is published (the workflow's states may still carry their own).
        workflow: the name of the workflow definition an application follows, or
            ``None`` for a look-up or print-out with no application.
        printables: the documents a user can print from the service.

    Examples:
        >>> s = Service("om.letter.water", "om-sohar", "buildings", "Water letter",
        ...             "رسالة المياه", "A letter for the water company.",
        ...             "رسالة لشركة المياه.", printables=("service_letter",))
        >>> s.family.value, [p.value for p in s.printables], s.is_public
        ('buildings', ['service_letter'], True)
    """

    code: str = attrs.field(validator=_check_code)
    jurisdiction: str = attrs.field(validator=_check_jurisdiction)
    family: ServiceFamily = attrs.field(converter=_to_family)
    name_en: str = attrs.field(validator=_check_text)
    name_ar: str = attrs.field(validator=_check_text)
    description_en: str = attrs.field(validator=_check_text)
    description_ar: str = attrs.field(validator=_check_text)
    account_types: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_account_types, validator=_check_codes
    )
    required_identifiers: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_identifiers, validator=_check_codes
    )
    required_documents: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_documents, validator=_check_codes
    )
    fee_schedule: str | None = attrs.field(
        default=None, kw_only=True, validator=_check_optional_code
    )
    fee_codes: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_fee_codes, validator=_check_fee_codes
    )
    sla_hours: int | None = attrs.field(default=None, kw_only=True, validator=_check_sla)
    workflow: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_code)
    printables: tuple[Printable, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_printables
    )

    @property
    def is_public(self) -> bool:
        """Whether anyone may use the service (no account type is required).

        Examples:
            >>> from municipal_core.licensing._catalogue import service
            >>> service("sa-balady", "sa.plan_approval").is_public
            False
        """
        return not self.account_types

    @property
    def has_application(self) -> bool:
        """Whether using the service opens a case in a workflow.

        Examples:
            >>> from municipal_core.licensing._catalogue import service
            >>> service("om-sohar", "om.transactions.lookup").has_application
            False
        """
        return self.workflow is not None

    def name(self, lang: Language = "en") -> str:
        """Return the service's name in ``lang`` (``"en"`` or ``"ar"``).

        Examples:
            >>> from municipal_core.licensing._catalogue import service
            >>> service("om-sohar", "om.lease.new").name("ar")
            'عقد إيجار جديد'
        """
        return self.name_ar if language(lang) == "ar" else self.name_en

    def description(self, lang: Language = "en") -> str:
        """Return the service's description in ``lang`` (``"en"`` or ``"ar"``).

        Examples:
            >>> from municipal_core.licensing._catalogue import service
            >>> service("om-sohar", "om.invoices.paid").description()
            'View the invoices already paid, with their receipts.'
        """
        return self.description_ar if language(lang) == "ar" else self.description_en
