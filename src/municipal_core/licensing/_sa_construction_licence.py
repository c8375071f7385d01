"""Saudi (Balady) construction licence: fee per m² by municipality category, 3-year validity.

A home's building (construction) licence costs **SAR 3.00/m²** in a category-1
municipality down to **SAR 0.60/m²** in category 5 [C]; the figures in between (2.40,
1.80, 1.20) are [A] assumptions, spaced evenly. Each is a fee rule of
:data:`CONSTRUCTION_FEE_RULES` selected by the ``category`` criterion, so a new tariff is
a new rule version, not a code change. The licence is valid for the profile's
``building_permit.validity_years`` (3) and may be renewed, for the same period again,
only while the construction is unfinished (DOMAIN.md §6).

Applications run through :data:`CONSTRUCTION_LICENCE_WORKFLOW` (see
:func:`~municipal_core.licensing._licence_common.licence_workflow`).

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.jurisdictions import SA_BALADY
    >>> lic = issue_construction_licence("BL-1", category=1, built_area=Decimal(250),
    ...                                  issued_on=dt.date(2026, 1, 1), jurisdiction=SA_BALADY)
    >>> lic.expires_on, construction_fee(lic, jurisdiction=SA_BALADY).total
    (datetime.date(2028, 12, 31), Money('750.00', 'SAR'))
    >>> renew_construction_licence(lic, on=dt.date(2028, 12, 1), jurisdiction=SA_BALADY).expires_on
    datetime.date(2031, 12, 31)
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from municipal_core.billing import FeeBreakdown, FeeRule, FeeSchedule, calculate
from municipal_core.dates import require_date
from municipal_core.errors import DomainRuleError, InvalidComponent
from municipal_core.jurisdictions import Confidence, Jurisdiction
from municipal_core.licensing._licence_common import (
    area_validator,
    category_rate_rules,
    category_validator,
    check_validity,
    date_validator,
    licence_workflow,
    require_model,
    rule_count,
    text_validator,
    validity_end,
)

__all__ = [
    "CONSTRUCTION_AREA_FEE",
    "CONSTRUCTION_FEES",
    "CONSTRUCTION_FEE_RULES",
    "CONSTRUCTION_LICENCE_WORKFLOW",
    "VALIDITY_RULE",
    "ConstructionLicence",
    "ConstructionStatus",
    "complete_construction",
    "construction_fee",
    "issue_construction_licence",
    "renew_construction_licence",
]

_CODE = "licence.construction"
_TEXT = text_validator(_CODE)

CONSTRUCTION_AREA_FEE = "sa.construction.area"
"""Fee code of the construction licence: a rate per m² of built area, by category."""
VALIDITY_RULE = "building_permit.validity_years"
"""Profile rule: years a construction licence is valid (3 in ``sa-balady``)."""

_MOMRAH = "MOMRAH building permit fees (DOMAIN.md §6 [C]: 3.00 SAR/m² cat. 1, 0.60 cat. 5)"
_BETWEEN = "assumption: categories 2-4 evenly between the confirmed 3.00 and 0.60 (DOMAIN.md §6)"
_RATES = (
    (1, "3.00", _MOMRAH, Confidence.CONFIRMED),
    (2, "2.40", _BETWEEN, Confidence.ASSUMPTION),
    (3, "1.80", _BETWEEN, Confidence.ASSUMPTION),
    (4, "1.20", _BETWEEN, Confidence.ASSUMPTION),
    (5, "0.60", _MOMRAH, Confidence.CONFIRMED),
)

CONSTRUCTION_FEE_RULES: tuple[FeeRule, ...] = category_rate_rules(
    CONSTRUCTION_AREA_FEE,
    _RATES,
    name_en="Construction licence, category {category} (per m²)",
    name_ar="رخصة البناء، فئة البلدية {category} (للمتر المربع)",
)
"""The per-m² construction fee, one rule per municipality category."""

CONSTRUCTION_FEES = FeeSchedule("SAR", CONSTRUCTION_FEE_RULES)
"""The construction rules alone (``SA_LICENCE_FEES`` holds them with the shop fees)."""

CONSTRUCTION_LICENCE_WORKFLOW = licence_workflow("sa.licence.construction")
"""Construction licence applications: review, field inspection, approval, payment, issue."""


class ConstructionStatus(str, enum.Enum):
    """Where a construction licence stands."""

    ACTIVE = "active"
    """Issued; building may go on until ``expires_on``."""
    COMPLETED = "completed"
    """The building is finished; the licence can no longer be renewed."""
    CANCELLED = "cancelled"
    """Withdrawn."""


def _renewals(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidComponent(
            "The number of renewals must be a whole number, 0 or more.",
            "يجب أن يكون عدد مرات التجديد عددًا صحيحًا يساوي صفرًا أو أكثر.",
            code=f"{_CODE}.renewals",
            field="renewals",
        )


@attrs.frozen
class ConstructionLicence:
    """An issued construction (building) licence.

    Attributes:
        number: the licence number.
        category: the municipality category, 1 to 5.
        built_area: the licensed built area in m² (a positive ``Decimal``).
        issued_on: the first day of validity.
        expires_on: the last day of validity (after ``issued_on``).
        status: :class:`ConstructionStatus`.
        renewals: how many times the licence has been renewed.

    Raises:
        InvalidFormat, InvalidComponent: a field has the wrong type or range.
        DomainRuleError: ``expires_on`` is not after ``issued_on``
            (``licence.construction.dates``).

    Examples:
        >>> ConstructionLicence("BL-2", 5, Decimal(100), dt.date(2026, 1, 1),
        ...                     dt.date(2028, 12, 31)).status.value
        'active'
    """

    number: str = attrs.field(validator=_TEXT)
    category: int = attrs.field(validator=category_validator)
    built_area: Decimal = attrs.field(validator=area_validator)
    issued_on: dt.date = attrs.field(validator=date_validator)
    expires_on: dt.date = attrs.field(validator=date_validator)
    status: ConstructionStatus = attrs.field(default=ConstructionStatus.ACTIVE)
    renewals: int = attrs.field(default=0, validator=_renewals)

    def __attrs_post_init__(self) -> None:
        check_validity(
            self.status, ConstructionStatus, self.issued_on, self.expires_on, prefix=_CODE
        )


def issue_construction_licence(
    number: str,
    *,
    category: int,
    built_area: Decimal,
    issued_on: dt.date,
    jurisdiction: Jurisdiction,
) -> ConstructionLicence:
    """Return a new construction licence valid for the profile's validity years.

    Raises:
        InvalidFormat, InvalidComponent: a bad field (see :class:`ConstructionLicence`).
        NotFound: the profile has no ``building_permit.validity_years`` in force.

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> issue_construction_licence("BL-3", category=3, built_area=Decimal(90),
        ...     issued_on=dt.date(2026, 5, 10), jurisdiction=SA_BALADY).expires_on
        datetime.date(2029, 5, 9)
    """
    start = require_date(issued_on, "issued_on")
    years = rule_count(jurisdiction, VALIDITY_RULE, start)
    return ConstructionLicence(number, category, built_area, start, validity_end(start, years))


def _require_licence(value: object) -> ConstructionLicence:
    return require_model(value, ConstructionLicence, prefix=_CODE)


def construction_fee(
    licence: ConstructionLicence,
    *,
    jurisdiction: Jurisdiction,
    on: dt.date | None = None,
    schedule: FeeSchedule = CONSTRUCTION_FEES,
) -> FeeBreakdown:
    """Return the fee for ``licence``: its built area times its category's rate.

    Args:
        licence: the licence (its category and built area).
        jurisdiction: the profile (VAT treatment of fees).
        on: the day whose fee rules apply; the issue day by default.
        schedule: a schedule holding ``sa.construction.area`` (e.g. ``SA_LICENCE_FEES``).

    Raises:
        NotFound: no fee rule in force for the category on that day.

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> lic = ConstructionLicence("BL-4", 5, Decimal(300), dt.date(2026, 1, 1),
        ...                           dt.date(2028, 12, 31))
        >>> construction_fee(lic, jurisdiction=SA_BALADY).total
        Money('180.00', 'SAR')
    """
    licence = _require_licence(licence)
    day = licence.issued_on if on is None else require_date(on, "on")
    return calculate(
        schedule,
        [CONSTRUCTION_AREA_FEE],
        on=day,
        jurisdiction=jurisdiction,
        quantity=licence.built_area,
        criteria={"category": str(licence.category)},
    )


def _require_active(licence: ConstructionLicence, doing_en: str, doing_ar: str) -> None:
    if licence.status is not ConstructionStatus.ACTIVE:
        raise DomainRuleError(
            f"Only an active, unfinished construction licence can be {doing_en}.",
            f"لا يمكن {doing_ar} إلا ترخيص بناء ساري لم يكتمل البناء فيه.",
            code=f"{_CODE}.not_active",
            field="status",
        )


def renew_construction_licence(
    licence: ConstructionLicence, *, on: dt.date, jurisdiction: Jurisdiction
) -> ConstructionLicence:
    """Renew an unfinished licence for the validity period again, from its expiry.

    Raises:
        DomainRuleError: the licence is completed or cancelled
            (``licence.construction.not_active``).

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> lic = ConstructionLicence("BL-5", 2, Decimal(100), dt.date(2026, 1, 1),
        ...                           dt.date(2028, 12, 31))
        >>> done = complete_construction(lic)
        >>> renew_construction_licence(done, on=dt.date(2028, 12, 1), jurisdiction=SA_BALADY)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Only an active, unfinished construction licence can be renewed.
    """  # noqa: E501
    licence = _require_licence(licence)
    _require_active(licence, "renewed", "تجديد")
    start = licence.expires_on + dt.timedelta(days=1)
    years = rule_count(jurisdiction, VALIDITY_RULE, require_date(on, "on"))
    return attrs.evolve(
        licence, expires_on=validity_end(start, years), renewals=licence.renewals + 1
    )


def complete_construction(licence: ConstructionLicence) -> ConstructionLicence:
    """Return ``licence`` marked completed (the building is finished).

    Raises:
        DomainRuleError: the licence is not active (``licence.construction.not_active``).

    Examples:
        >>> lic = ConstructionLicence("BL-6", 1, Decimal(10), dt.date(2026, 1, 1),
        ...                           dt.date(2028, 12, 31))
        >>> complete_construction(lic).status.value
        'completed'
    """
    licence = _require_licence(licence)
    _require_active(licence, "completed", "إكمال")
    return attrs.evolve(licence, status=ConstructionStatus.COMPLETED)
