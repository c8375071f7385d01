"""Complaint categories: what a citizen can complain about, and how fast it must be handled.

A :class:`ComplaintCategory` is a code, a bilingual name and an SLA in hours: the time the
municipality gives itself to resolve (or reject) a complaint of that kind, counted from
filing or from the last reopening (see ``complaint_due_at``).

The catalogue is data, keyed by **country** so that a host app's own profile derived
from ``om-sohar`` (another Omani municipality) finds the Omani catalogue too. Neither
portal publishes its complaint SLAs, so every category and figure here is an assumption
([A]) in line with typical municipal service charters: waste collection 24 h, noise and
stray animals 48 h, street lighting and visual pollution 72 h, potholes and building
violation reports 120 h. A host app passes its own :class:`ComplaintCategory` to
``file_complaint`` to use different ones.

Examples:
    >>> waste = complaint_category("om-sohar", "waste_collection")
    >>> waste.sla_hours, waste.name("ar")
    (24, 'جمع النفايات')
    >>> [c.code for c in complaint_categories("sa-balady")][:3]
    ['waste_collection', 'street_lighting', 'potholes']
    >>> complaint_category("om-sohar", "parking")
    Traceback (most recent call last):
        ...
    municipal_core.errors.NotFound: There is no complaint category 'parking' in om-sohar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from municipal_core import jurisdictions
from municipal_core._text import language
from municipal_core.errors import InvalidFormat, Language, NotFound
from municipal_core.identifiers._util import Label, clean_text
from municipal_core.jurisdictions import Jurisdiction

__all__ = [
    "MAX_CATEGORY_NAME_LENGTH",
    "ComplaintCategory",
    "complaint_categories",
    "complaint_category",
]

MAX_CATEGORY_NAME_LENGTH = 80
"""Longest category name accepted, in either language ([A])."""

# Codes become Open311 service_code values and URL path parts: lower-case and plain.
_CODE_RE = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
_NAME_EN = Label("name_en", "complaint.category.name", "category name", "اسم الفئة")
_NAME_AR = Label("name_ar", "complaint.category.name", "category name", "اسم الفئة")


def _code(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise InvalidFormat(
            "A category code must be 1 to 40 lower-case letters, digits and underscores,"
            " starting with a letter.",
            "يجب أن يتكون رمز الفئة من 1 إلى 40 من الحروف اللاتينية الصغيرة والأرقام"
            " والشرطات السفلية، ويبدأ بحرف.",
            code="complaint.category.code",
            field="category",
        )


def _name_en(value: object) -> str:
    return clean_text(value, label=_NAME_EN, max_length=MAX_CATEGORY_NAME_LENGTH)


def _name_ar(value: object) -> str:
    return clean_text(value, label=_NAME_AR, max_length=MAX_CATEGORY_NAME_LENGTH)


def _sla(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    # bool is an int subclass; True hours is a bug, not a one-hour SLA.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 24 * 366:
        raise InvalidFormat(
            "The SLA must be a whole number of hours from 1 to 8784 (one year).",
            "يجب أن تكون مدة مستوى الخدمة عددًا صحيحًا من الساعات بين 1 و8784 (سنة).",
            code="complaint.category.sla",
            field="sla_hours",
        )


@attrs.frozen
class ComplaintCategory:
    """A kind of complaint with its bilingual name and its SLA.

    Attributes:
        code: a stable lower-case code, also the Open311 ``service_code``.
        name_en: the name in English (whitespace tidied; control and bidi-override
            characters refused).
        name_ar: the name in Arabic.
        sla_hours: hours allowed from filing (or reopening) to resolution or rejection.

    Raises:
        InvalidFormat: a bad code (``complaint.category.code``), a bad SLA
            (``complaint.category.sla``) or bad name text (``complaint.category.name.*``).

    Examples:
        >>> ComplaintCategory("graffiti", "Graffiti", "كتابة على الجدران", 96).sla_hours
        96
        >>> ComplaintCategory("graffiti", "Graffiti", "كتابة على الجدران", 0)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The SLA must be a whole number of hours ...
    """

    code: str = attrs.field(validator=_code)
    name_en: str = attrs.field(converter=_name_en)
    name_ar: str = attrs.field(converter=_name_ar)
    sla_hours: int = attrs.field(validator=_sla)

    def name(self, lang: Language = "en") -> str:
        """Return the name in ``"en"`` or ``"ar"``.

        Raises:
            InvalidComponent: another ``lang`` (code ``language``).

        Examples:
            >>> ComplaintCategory("noise", "Noise", "إزعاج", 48).name("ar")
            'إزعاج'
        """
        return self.name_ar if language(lang) == "ar" else self.name_en


# [A] for every row: the portals publish the services, not the hours.
_COMMON = (
    ComplaintCategory("waste_collection", "Waste collection", "جمع النفايات", 24),
    ComplaintCategory("street_lighting", "Street lighting", "إنارة الشوارع", 72),
    ComplaintCategory("potholes", "Potholes", "حفر في الطريق", 120),
    ComplaintCategory("noise", "Noise", "إزعاج وضوضاء", 48),
    ComplaintCategory("building_violation", "Building violation report", "بلاغ مخالفة بناء", 120),
    ComplaintCategory("stray_animals", "Stray animals", "حيوانات ضالة", 48),
)

_CATALOGUE: Mapping[str, tuple[ComplaintCategory, ...]] = {
    "OM": _COMMON,
    # Balady takes "visual pollution" (التشوه البصري) reports as a category of its own.
    "SA": (
        *_COMMON,
        ComplaintCategory("visual_pollution", "Visual pollution", "التشوه البصري", 72),
    ),
}


def complaint_categories(jurisdiction: str | Jurisdiction) -> tuple[ComplaintCategory, ...]:
    """Return the complaint categories of ``jurisdiction``'s country, in display order.

    Raises:
        NotFound: an unknown jurisdiction (``jurisdiction.unknown``), or one whose country
            has no catalogue (``complaint.category.none``).

    Examples:
        >>> len(complaint_categories("om-sohar"))
        6
    """
    profile = jurisdictions.resolve(jurisdiction)
    try:
        return _CATALOGUE[profile.country]
    except KeyError:
        raise NotFound(
            f"There is no complaint catalogue for {profile.code}.",
            f"لا توجد فئات بلاغات للجهة {profile.code}.",
            code="complaint.category.none",
            field="jurisdiction",
        ) from None


def complaint_category(jurisdiction: str | Jurisdiction, code: str) -> ComplaintCategory:
    """Return the category ``code`` of ``jurisdiction``'s catalogue.

    Raises:
        NotFound: no such category (``complaint.category.unknown``) or jurisdiction.

    Examples:
        >>> complaint_category("sa-balady", "visual_pollution").sla_hours
        72
    """
    profile = jurisdictions.resolve(jurisdiction)
    for category in complaint_categories(profile):
        if category.code == code:
            return category
    shown = code if isinstance(code, str) and len(code) <= 40 else "?"
    raise NotFound(
        f"There is no complaint category {shown!r} in {profile.code}.",
        f"لا توجد فئة بلاغ {shown!r} لدى {profile.code}.",
        code="complaint.category.unknown",
        field="category",
    )
