"""Violation categories: what was breached and its base fine, as data per jurisdiction.

Neither portal publishes a machine-readable penalties table, so the categories shipped
here are **illustrative** ([A], ``Confidence.ASSUMPTION``): a host app passes its
municipality's own :class:`ViolationCategory` values wherever a category is taken.

Examples:
    >>> from municipal_core.jurisdictions import SA_BALADY
    >>> category = violation_category(SA_BALADY, "signboard.without_licence")
    >>> category.base_amount, category.confidence.value
    (Money('2000.00', 'SAR'), 'A')
    >>> [c.code for c in violation_categories("om-sohar")][:2]
    ['building.permit_breach', 'building.without_permit']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from municipal_core import _checks
from municipal_core.errors import InvalidFormat, NotFound
from municipal_core.jurisdictions import Confidence, Jurisdiction
from municipal_core.money import Money

__all__ = [
    "VIOLATION_CATEGORIES",
    "ViolationCategory",
    "check_category_code",
    "violation_categories",
    "violation_category",
]

_CODE = "licensing.violation.category"
_CATEGORY_CODE = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")


def check_category_code(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """Validator: a dotted lower-case category code such as ``"building.without_permit"``."""
    if not isinstance(value, str) or len(value) > 60 or not _CATEGORY_CODE.fullmatch(value):
        raise InvalidFormat(
            "A violation category code is dotted lower-case text, "
            "such as 'building.without_permit'.",
            "رمز فئة المخالفة نص بأحرف صغيرة تفصلها نقاط، مثل 'building.without_permit'.",
            code=f"{_CODE}.code",
            field=attribute.name,
        )


@attrs.frozen
class ViolationCategory:
    """A kind of violation with its base fine, before size scaling and repeat doubling.

    Attributes:
        code: stable dotted code, e.g. ``"building.without_permit"``.
        name_en: English name.
        name_ar: Arabic name.
        base_amount: the fine for a large establishment's first offence (positive).
        source: where the figure comes from.
        confidence: how sure the source is (DOMAIN.md's [C]/[W]/[A]).

    Examples:
        >>> ViolationCategory("noise", "Noise", "إزعاج", Money(-1, "OMR"), "test")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: base_amount must be positive.
    """

    code: str = attrs.field(validator=check_category_code)
    name_en: str = attrs.field(validator=_checks.text(_CODE))
    name_ar: str = attrs.field(validator=_checks.text(_CODE))
    base_amount: Money = attrs.field(validator=_checks.money(_CODE, positive=True))
    source: str = attrs.field(validator=_checks.text(f"{_CODE}.source"))
    confidence: Confidence = attrs.field(
        default=Confidence.CONFIRMED, validator=_checks.type_of(Confidence, _CODE)
    )


_ILLUSTRATIVE = "illustrative figure [A]; replace with the municipality's penalties table"


def _assumed(
    code: str, name_en: str, name_ar: str, amount: str, currency: str
) -> ViolationCategory:
    return ViolationCategory(
        code, name_en, name_ar, Money(amount, currency), _ILLUSTRATIVE, Confidence.ASSUMPTION
    )


VIOLATION_CATEGORIES: Mapping[str, tuple[ViolationCategory, ...]] = MappingProxyType(
    {
        "om-sohar": (
            _assumed("building.permit_breach", "Building not as the approved drawings",
                     "البناء المخالف للمخططات المعتمدة", "300", "OMR"),
            _assumed("building.without_permit", "Building without a permit",
                     "البناء بدون ترخيص", "500", "OMR"),
            _assumed("shop.without_licence", "Trading without a municipal licence",
                     "مزاولة نشاط بدون ترخيص بلدي", "200", "OMR"),
            _assumed("waste.dumping", "Dumping waste in a public place",
                     "رمي المخلفات في الأماكن العامة", "100", "OMR"),
        ),
        "sa-balady": (
            _assumed("hygiene.poor", "Poor hygiene on the premises",
                     "عدم الالتزام بالنظافة في المنشأة", "1000", "SAR"),
            _assumed("shop.expired_licence", "Trading with an expired licence",
                     "ممارسة النشاط بترخيص منتهي", "1000", "SAR"),
            _assumed("shop.without_licence", "Trading without a licence",
                     "ممارسة النشاط بدون ترخيص", "10000", "SAR"),
            _assumed("signboard.without_licence", "Signboard without a licence",
                     "لوحة بدون ترخيص", "2000", "SAR"),
        ),
    }
)  # fmt: skip
"""Illustrative categories per jurisdiction code, sorted by code ([A])."""


def _code_of(jurisdiction: Jurisdiction | str) -> str:
    if isinstance(jurisdiction, Jurisdiction):
        return jurisdiction.code
    if isinstance(jurisdiction, str):
        return jurisdiction.strip().lower()
    raise _checks.invalid_type("jurisdiction", _CODE)


def violation_categories(jurisdiction: Jurisdiction | str) -> tuple[ViolationCategory, ...]:
    """Return the shipped categories of ``jurisdiction`` (a profile or its code).

    A jurisdiction without shipped categories has none: ``()``.

    Examples:
        >>> violation_categories("xx-nowhere")
        ()
    """
    return VIOLATION_CATEGORIES.get(_code_of(jurisdiction), ())


def violation_category(jurisdiction: Jurisdiction | str, code: str) -> ViolationCategory:
    """Return the shipped category ``code`` of ``jurisdiction``.

    Raises:
        NotFound: no such category there (code ``licensing.violation.category.unknown``).

    Examples:
        >>> violation_category("om-sohar", "waste.dumping").name_ar
        'رمي المخلفات في الأماكن العامة'
    """
    for category in violation_categories(jurisdiction):
        if category.code == code:
            return category
    raise NotFound(
        "No such violation category in this jurisdiction.",
        "لا توجد فئة المخالفة هذه في هذه الجهة.",
        code=f"{_CODE}.unknown",
        field="category",
    )
