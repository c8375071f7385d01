"""Balady's licences as printed: the commercial-activity licence and the construction licence.

* :func:`commercial_licence_certificate` -- a
  :class:`~municipal_core.licensing.CommercialLicence` (licence certificate);
* :func:`construction_licence_certificate` -- a
  :class:`~municipal_core.licensing.ConstructionLicence` (the catalogue lists it as a
  permit certificate, as Oman's building permit is).

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.licensing import ConstructionLicence
    >>> doc = construction_licence_certificate(ConstructionLicence(
    ...     "BL-2", 5, Decimal(100), dt.date(2026, 1, 1), dt.date(2028, 12, 31)))
    >>> doc.kind, doc.municipality.en
    ('permit_certificate', 'Balady - Ministry of Municipalities and Housing')
"""

from __future__ import annotations

from municipal_core.documents._blocks import Bilingual, Block, Document, Field, Paragraph
from municipal_core.documents._printable_parts import (
    ISSUED_ON,
    PrintOptions,
    area_field,
    assemble,
    date_field,
    fields_section,
    id_field,
    renewals_field,
    require,
    text_field,
)
from municipal_core.licensing import (
    CommercialLicence,
    ConstructionLicence,
    ConstructionStatus,
    LicenceStatus,
    Printable,
)

__all__ = ["commercial_licence_certificate", "construction_licence_certificate"]

_DEFAULT_OPTIONS = PrintOptions()
_BALADY = "sa-balady"  # both licences are Balady's (DOMAIN.md §1, §6); options rename it
_VALID_UNTIL = Bilingual("تاريخ الانتهاء", "Valid until")
_CATEGORY = Bilingual("فئة البلدية", "Municipality category")
_STATUS = {
    LicenceStatus.ACTIVE: Bilingual("سارية", "Active"),
    LicenceStatus.CANCELLED: Bilingual("ملغاة", "Cancelled"),
    LicenceStatus.REVOKED: Bilingual("ملغاة بقرار", "Revoked"),
    ConstructionStatus.ACTIVE: Bilingual("سارية", "Active"),
    ConstructionStatus.COMPLETED: Bilingual("مكتملة", "Completed"),
    ConstructionStatus.CANCELLED: Bilingual("ملغاة", "Cancelled"),
}


def _status(status: LicenceStatus | ConstructionStatus) -> Field:
    words = _STATUS[status]
    return text_field(Bilingual("الحالة", "Status"), words.en, words.ar)


def commercial_licence_certificate(
    licence: CommercialLicence, *, options: PrintOptions = _DEFAULT_OPTIONS
) -> Document:
    """Return the printable commercial-activity licence (رخصة نشاط تجاري).

    Raises:
        InvalidFormat: ``licence`` is not a CommercialLicence (``documents.printable.type``).

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> licence = CommercialLicence("CL-2", "7001234567", 2, Decimal(30), "561001", True,
        ...                             (Decimal(4),), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> doc = commercial_licence_certificate(licence)
        >>> [row.value for row in doc.blocks[1].rows][:2]
        ['CL-2', '******4567']
    """
    require(licence, CommercialLicence, "licence")
    hazard = Bilingual("نعم", "Yes") if licence.health_hazard else Bilingual("لا", "No")
    rows = [
        text_field(Bilingual("رقم الرخصة", "Licence no."), licence.number),
        id_field(
            Bilingual("السجل التجاري / الرقم الموحد", "CR / unified number"),
            licence.cr,
            options,
            "sa.commercial_registration",
        ),
        text_field(Bilingual("رمز النشاط", "Activity code"), licence.activity_code),
        text_field(
            Bilingual("نشاط يمس الصحة العامة", "Public-health activity"), hazard.en, hazard.ar
        ),
        area_field(Bilingual("مساحة المحل", "Shop area"), licence.shop_area),
        *(
            area_field(Bilingual(f"لوحة {i}", f"Signboard {i}"), area)
            for i, area in enumerate(licence.signboard_areas, start=1)
        ),
        text_field(_CATEGORY, str(licence.category)),
        date_field(ISSUED_ON, licence.issued_on, options),
        date_field(_VALID_UNTIL, licence.expires_on, options),
        _status(licence.status),
    ]
    blocks: tuple[Block, ...] = (
        *fields_section(Bilingual("بيانات الرخصة", "Licence"), rows),
        Paragraph(
            Bilingual(
                "يجب تجديد الرخصة قبل انتهائها، وتُلغى إذا لم يبدأ النشاط خلال اثني عشر شهرًا.",
                "Renew the licence before it expires; it is revoked if the activity has not "
                "started within twelve months.",
            )
        ),
    )
    return assemble(
        Printable.LICENCE_CERTIFICATE,
        Bilingual("رخصة مزاولة نشاط تجاري", "Commercial activity licence"),
        licence.number,
        licence.issued_on,
        _BALADY,
        blocks,
        options,
    )


def construction_licence_certificate(
    licence: ConstructionLicence, *, options: PrintOptions = _DEFAULT_OPTIONS
) -> Document:
    """Return the printable construction licence (رخصة بناء).

    Raises:
        InvalidFormat: ``licence`` is not a ConstructionLicence.

    Examples:
        >>> construction_licence_certificate("BL-2")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A ConstructionLicence is required for licence.
    """
    require(licence, ConstructionLicence, "licence")
    rows = [
        text_field(Bilingual("رقم الرخصة", "Licence no."), licence.number),
        area_field(Bilingual("مساحة البناء المرخصة", "Licensed built area"), licence.built_area),
        text_field(_CATEGORY, str(licence.category)),
        date_field(ISSUED_ON, licence.issued_on, options),
        date_field(_VALID_UNTIL, licence.expires_on, options),
        renewals_field(licence.renewals),
        _status(licence.status),
    ]
    return assemble(
        Printable.PERMIT_CERTIFICATE,
        Bilingual("رخصة بناء", "Construction licence"),
        licence.number,
        licence.issued_on,
        _BALADY,
        fields_section(Bilingual("بيانات الرخصة", "Licence"), rows),
        options,
    )
