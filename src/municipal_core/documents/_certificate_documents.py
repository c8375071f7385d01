"""Sohar's building documents as printed: permit, address card, completion certificate, letters.

* :func:`building_permit_certificate` -- a :class:`~municipal_core.licensing.BuildingPermit`
  (major or minor; with the start-of-works date once authorised);
* :func:`address_card` -- an :class:`AddressCard`: the building's address (MD 200/2024)
  from a permit that has one; a card with ``replaces`` is the lost-card replacement;
* :func:`completion_certificate` -- a :class:`~municipal_core.licensing.CompletionCertificate`
  (a replacement when it ``replaces`` a lost one);
* :func:`service_letter` -- a :class:`~municipal_core.licensing.ServiceLetter` to the
  electricity, water or sewerage company, or the completion letter for electricity and
  water.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.licensing import CompletionCertificate
    >>> doc = completion_certificate(CompletionCertificate("CC-9", "BP-1", dt.date(2026, 5, 1),
    ...                                                    replaces="CC-1"))
    >>> doc.title.en
    'Building completion certificate (replacement of a lost certificate)'
"""

from __future__ import annotations

import datetime as dt

import attrs

from municipal_core._checks import type_of
from municipal_core.documents._blocks import Bilingual, Block, Document, Field, Paragraph
from municipal_core.documents._printable_parts import (
    CODE,
    ISSUED_ON,
    PrintOptions,
    address_field,
    area_field,
    assemble,
    date_field,
    fields_section,
    id_field,
    money_field,
    renewals_field,
    require,
    text_field,
)
from municipal_core.errors import DomainRuleError
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.licensing import (
    BuildingPermit,
    CompletionCertificate,
    LetterKind,
    PermitKind,
    Printable,
    ServiceLetter,
)

__all__ = [
    "AddressCard",
    "address_card",
    "building_permit_certificate",
    "completion_certificate",
    "service_letter",
]

_DEFAULT_OPTIONS = PrintOptions()
_SOHAR = "om-sohar"  # these services are Sohar's (DOMAIN.md §1, §5); options rename it
_PERMIT_NO = Bilingual("رقم إباحة البناء", "Building permit no.")
_OWNER = Bilingual("المالك / مقدم الطلب", "Owner / applicant")
_PLOT = Bilingual("رقم القطعة", "Plot no.")
_REPLACEMENT = Bilingual(" (بدل فاقد)", " (replacement of a lost {})")


def _replacement(
    title: Bilingual, replaces: str | None, what: str
) -> tuple[Bilingual, Field | None]:
    """Return the title, marked as a replacement when ``replaces`` is set, and its row."""
    if replaces is None:
        return title, None
    marked = Bilingual(title.ar + _REPLACEMENT.ar, title.en + _REPLACEMENT.en.format(what))
    return marked, text_field(Bilingual("بدلًا من", "Replaces"), replaces)


def _address_rows(address: OmanAddress | None) -> list[Field | None]:
    if address is None:
        return [None]
    return [
        text_field(Bilingual("رقم العنوان", "Address no."), address.address_number),
        address_field(address),
    ]


_PERMIT_TITLES = {
    PermitKind.MAJOR: Bilingual("إباحة بناء كبرى", "Major building permit"),
    PermitKind.MINOR: Bilingual("إباحة بناء صغرى", "Minor building permit"),
}


def building_permit_certificate(
    permit: BuildingPermit, *, options: PrintOptions = _DEFAULT_OPTIONS
) -> Document:
    """Return the printable building permit (إباحة بناء), major or minor.

    Raises:
        InvalidFormat: ``permit`` is not a BuildingPermit (``documents.printable.type``).

    Examples:
        >>> from municipal_core.documents._samples import sample_objects
        >>> permit = sample_objects()["permit_certificate"][1]
        >>> doc = building_permit_certificate(permit)
        >>> doc.title.ar, doc.blocks[1].rows[1].value
        ('إباحة بناء كبرى', '****5678')
    """
    require(permit, BuildingPermit, "permit")
    rows = [
        text_field(_PERMIT_NO, permit.number),
        id_field(_OWNER, permit.applicant, options),
        text_field(_PLOT, permit.plot),
        *_address_rows(permit.address),
        area_field(Bilingual("المساحة المبنية", "Built area"), permit.built_area_m2),
        date_field(ISSUED_ON, permit.issued_on, options),
        date_field(Bilingual("صالحة حتى", "Valid until"), permit.expires_on, options),
        None
        if permit.started_on is None
        else date_field(
            Bilingual("تاريخ الشروع في البناء", "Works may start on"), permit.started_on, options
        ),
        money_field(Bilingual("مبلغ التأمين", "Insurance deposit"), permit.deposit, options),
        renewals_field(permit.renewals),
    ]
    blocks: tuple[Block, ...] = (
        *fields_section(Bilingual("بيانات الإباحة", "Permit details"), rows),
        Paragraph(
            Bilingual(
                "تُنفذ الأعمال وفق المخططات المعتمدة، ويُرد التأمين بعد إصدار شهادة إتمام البناء.",
                "Works follow the approved drawings; the deposit is refunded once the "
                "building-completion certificate is issued.",
            )
        ),
    )
    return assemble(
        Printable.PERMIT_CERTIFICATE,
        _PERMIT_TITLES[permit.kind],
        permit.number,
        permit.issued_on,
        _SOHAR,
        blocks,
        options,
    )


def _card_permit(
    _instance: object, attribute: attrs.Attribute[BuildingPermit], value: object
) -> None:
    type_of(BuildingPermit, f"{CODE}.address_card")(_instance, attribute, value)
    if isinstance(value, BuildingPermit) and value.address is None:
        raise DomainRuleError(
            "The building has no address yet; add one before printing its card.",
            "ليس للمبنى عنوان بعد؛ أضف العنوان قبل طباعة البطاقة.",
            code=f"{CODE}.address_card.no_address",
            field="permit",
        )


def _card_number(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is not None:
        type_of(str, f"{CODE}.address_card")(_instance, attribute, value)


@attrs.frozen
class AddressCard:
    """An address card (بطاقة العنوان) to print: a building's address from its permit.

    The portal prints the card after an addressing request
    (:func:`~municipal_core.licensing.assign_address`) and again when one is lost.

    Attributes:
        permit: the building's permit, with its address.
        issued_on: the day the card is printed.
        replaces: the date of the lost card this one replaces, if any -- a card has no
            number of its own, so the replacement names the card it cancels by date.

    Raises:
        InvalidFormat: a field of the wrong type (``documents.printable.address_card.type``).
        DomainRuleError: the permit has no address
            (``documents.printable.address_card.no_address``).

    Examples:
        >>> import attrs
        >>> import datetime as dt
        >>> from municipal_core.documents._samples import sample_objects
        >>> permit = attrs.evolve(sample_objects()["permit_certificate"][1], address=None)
        >>> AddressCard(permit, dt.date(2026, 4, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The building has no address yet; add one before ...
    """

    permit: BuildingPermit = attrs.field(validator=_card_permit)
    issued_on: dt.date = attrs.field(validator=type_of(dt.date, f"{CODE}.address_card"))
    replaces: dt.date | None = attrs.field(
        default=None, validator=type_of(dt.date, f"{CODE}.address_card", optional=True)
    )


def address_card(card: AddressCard, *, options: PrintOptions = _DEFAULT_OPTIONS) -> Document:
    """Return the printable address card, or its replacement for a lost one.

    Raises:
        InvalidFormat: ``card`` is not an :class:`AddressCard`.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.documents._samples import sample_objects
        >>> permit = sample_objects()["permit_certificate"][1]
        >>> doc = address_card(AddressCard(permit, dt.date(2026, 4, 1)))
        >>> doc.reference, doc.blocks[1].rows[0].value
        ('23', '23')
    """
    require(card, AddressCard, "card")
    permit = card.permit
    address = permit.address
    assert address is not None  # AddressCard refuses a permit without one
    replaced = None if card.replaces is None else card.replaces.isoformat()
    title, replaces_row = _replacement(Bilingual("بطاقة العنوان", "Address card"), replaced, "card")
    rows = [
        *_address_rows(address),
        text_field(
            Bilingual("جهة الشارع", "Street side"),
            address.street_side,
            "الأرقام الفردية" if address.street_side == "odd" else "الأرقام الزوجية",
        ),
        text_field(_PERMIT_NO, permit.number),
        text_field(_PLOT, permit.plot),
        id_field(_OWNER, permit.applicant, options),
        replaces_row,
    ]
    return assemble(
        Printable.ADDRESS_CARD,
        title,
        address.address_number,
        card.issued_on,
        _SOHAR,
        fields_section(Bilingual("بيانات العنوان", "Address"), rows),
        options,
    )


def completion_certificate(
    certificate: CompletionCertificate, *, options: PrintOptions = _DEFAULT_OPTIONS
) -> Document:
    """Return the printable building-completion certificate (or its replacement).

    Raises:
        InvalidFormat: ``certificate`` is not a CompletionCertificate.

    Examples:
        >>> import datetime as dt
        >>> doc = completion_certificate(CompletionCertificate("CC-1", "BP-1",
        ...                                                    dt.date(2026, 5, 1)))
        >>> doc.title.ar, doc.reference
        ('شهادة إتمام البناء', 'CC-1')
    """
    require(certificate, CompletionCertificate, "certificate")
    title, replaces_row = _replacement(
        Bilingual("شهادة إتمام البناء", "Building completion certificate"),
        certificate.replaces,
        "certificate",
    )
    rows = [
        text_field(Bilingual("رقم الشهادة", "Certificate no."), certificate.number),
        text_field(_PERMIT_NO, certificate.permit_number),
        date_field(ISSUED_ON, certificate.issued_on, options),
        replaces_row,
    ]
    blocks: tuple[Block, ...] = (
        Paragraph(
            Bilingual(
                "تشهد البلدية بأن المبنى المشيد بموجب إباحة البناء المذكورة أدناه قد أُتم "
                "وفق المخططات المعتمدة.",
                "The municipality certifies that the building built under the permit below "
                "is completed as the approved drawings show.",
            )
        ),
        *fields_section(Bilingual("بيانات الشهادة", "Certificate"), rows),
    )
    return assemble(
        Printable.COMPLETION_CERTIFICATE,
        title,
        certificate.number,
        certificate.issued_on,
        _SOHAR,
        blocks,
        options,
    )


_LETTERS = {
    LetterKind.ELECTRICITY: (
        Bilingual("رسالة توصيل الكهرباء", "Electricity service letter"),
        Bilingual("شركة الكهرباء", "the electricity company"),
    ),
    LetterKind.WATER: (
        Bilingual("رسالة توصيل المياه", "Water service letter"),
        Bilingual("شركة المياه", "the water company"),
    ),
    LetterKind.SEWERAGE: (
        Bilingual("رسالة توصيل الصرف الصحي", "Sewerage service letter"),
        Bilingual("شركة الصرف الصحي", "the sewerage company"),
    ),
    LetterKind.COMPLETION: (
        Bilingual(
            "رسالة إتمام البناء للكهرباء والمياه", "Completion letter for electricity and water"
        ),
        Bilingual("شركتي الكهرباء والمياه", "the electricity and water companies"),
    ),
}


def service_letter(letter: ServiceLetter, *, options: PrintOptions = _DEFAULT_OPTIONS) -> Document:
    """Return the printable service letter to a utility company.

    Raises:
        InvalidFormat: ``letter`` is not a ServiceLetter.

    Examples:
        >>> import datetime as dt
        >>> doc = service_letter(ServiceLetter("SL-1", LetterKind.WATER, "BP-1", None,
        ...                                    dt.date(2026, 4, 2)))
        >>> doc.title.en
        'Water service letter'
    """
    require(letter, ServiceLetter, "letter")
    title, addressee = _LETTERS[letter.kind]
    rows = [
        text_field(Bilingual("رقم الرسالة", "Letter no."), letter.number),
        text_field(_PERMIT_NO, letter.permit_number),
        None
        if letter.certificate_number is None
        else text_field(
            Bilingual("رقم شهادة الإتمام", "Completion certificate no."), letter.certificate_number
        ),
        date_field(ISSUED_ON, letter.issued_on, options),
    ]
    blocks: tuple[Block, ...] = (
        Paragraph(
            Bilingual(
                f"إلى {addressee.ar}: لا مانع لدى البلدية من توصيل الخدمة إلى المبنى المبين أدناه.",
                f"To {addressee.en}: the municipality has no objection to connecting the "
                "building below.",
            )
        ),
        *fields_section(Bilingual("بيانات الرسالة", "Letter"), rows),
    )
    return assemble(
        Printable.SERVICE_LETTER, title, letter.number, letter.issued_on, _SOHAR, blocks, options
    )
