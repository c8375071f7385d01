"""Saudi (Balady) commercial-activity licence: apply, fee, renew in the window, cancel.

The rules (DOMAIN.md §6), each read from the profile or a fee rule, never a constant here:

* validity ``licence.health_hazard_validity_years`` (1) for public-health-hazard
  activities, 1 to ``licence.max_validity_years`` (3) otherwise [C];
* renewal opens ``licence.renewal_window_days`` (90) days before expiry [C]; renewing
  after expiry adds the late-renewal fine ``sa.licence.late_renewal`` [A amount];
* the applicant must own the premises or hold a lease of at least one year covering the
  licence's first day [C], checked against a :class:`~municipal_core.leases.LeaseContract`
  when one is given;
* a licence whose activity has not started within ``licence.activity_start_months`` (12)
  months of issue is revoked [C] (``_sa_licence_revocation``; ``REVOKE`` in the workflow);
* renewal and fee rules shared with the Omani municipal licence live in ``_licence_terms``;
* fees in :data:`SA_LICENCE_FEES`: the shop at SAR 6/m²/year in category 1 [W] (categories
  2-5 [A]), signboards per m²/year, never above ``licence.signboard_fee_cap_per_m2_year``
  (600) [C, cap; A, rate]; the same schedule holds the construction licence's fee.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> lic = apply_for_licence("CL-1", cr="1010123456", category=1, shop_area=Decimal(40),
    ...                         activity_code="471101", start=dt.date(2026, 1, 1), years=2,
    ...                         owns_premises=True, signboard_areas=(Decimal(2),))
    >>> lic.expires_on, licence_fee(lic).total
    (datetime.date(2027, 12, 31), Money('1280.00', 'SAR'))
    >>> renewal_opens_on(lic)
    datetime.date(2027, 10, 2)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core._text import mask_tail
from municipal_core.billing import (
    FeeBreakdown,
    FeeKind,
    FeeRule,
    FeeSchedule,
    TaxHead,
    calculate,
)
from municipal_core.dates import months_between, require_date
from municipal_core.errors import DomainRuleError, InvalidFormat
from municipal_core.identifiers.sa import commercial_registration
from municipal_core.jurisdictions import SA_BALADY, Confidence, Jurisdiction
from municipal_core.leases import LeaseContract
from municipal_core.leases._contract import LeaseStatus
from municipal_core.licensing._licence_common import (
    LicenceStatus,
    area_validator,
    category_rate_rules,
    category_validator,
    check_validity,
    date_validator,
    flag_validator,
    licence_workflow,
    require_model,
    rule_count,
    text_validator,
    validity_end,
)
from municipal_core.licensing._licence_terms import (
    MAX_YEARS_RULE,
    check_years,
    licence_fee_requests,
    renewal_opens,
    renewal_terms,
    renewed,
    to_signboards,
    withdraw,
)
from municipal_core.licensing._sa_construction_licence import CONSTRUCTION_FEE_RULES
from municipal_core.money import Money

__all__ = [
    "COMMERCIAL_LICENCE_WORKFLOW",
    "LATE_RENEWAL_FEE",
    "SA_LICENCE_FEES",
    "SHOP_AREA_FEE",
    "SIGNBOARD_FEE",
    "CommercialLicence",
    "LicenceStatus",
    "apply_for_licence",
    "cancel_licence",
    "licence_fee",
    "renew_licence",
    "renewal_fee",
    "renewal_opens_on",
    "validity_years",
]

_CODE = "licence.commercial"
_TEXT = text_validator(_CODE)

SHOP_AREA_FEE = "sa.licence.shop_area"
"""Fee code: the shop, per m² per year, by municipality category."""
SIGNBOARD_FEE = "sa.licence.signboard"
"""Fee code: signboards, per m² of sign per year."""
LATE_RENEWAL_FEE = "sa.licence.late_renewal"
"""Fee code: the fine for renewing after expiry (a ``PENALTY`` line)."""

_HAZARD_RULE = "licence.health_hazard_validity_years"
_CAP_RULE = "licence.signboard_fee_cap_per_m2_year"

_SHOP_W = "balady.gov.sa shop fee example, SAR 6/m² in category 1 (DOMAIN.md §6 [W])"
_SHOP_A = "assumption: categories 2-5 one riyal less per category; no published table"
_SHOP_RATES = (
    (1, "6", _SHOP_W, Confidence.WEAK),
    *((category, str(7 - category), _SHOP_A, Confidence.ASSUMPTION) for category in range(2, 6)),
)

_COMMERCIAL_FEE_RULES = (
    *category_rate_rules(
        SHOP_AREA_FEE,
        _SHOP_RATES,
        name_en="Commercial licence, shop area, category {category} (per m² per year)",
        name_ar="رخصة النشاط التجاري، مساحة المحل، فئة {category} (للمتر المربع سنويًا)",
        per_year=True,
    ),
    FeeRule(
        code=SIGNBOARD_FEE,
        version=1,
        kind=FeeKind.RATE,
        name_en="Signboard (per m² per year)",
        name_ar="اللوحة الإعلانية (للمتر المربع سنويًا)",
        rate=Decimal(200),
        unit="m²",
        per_year=True,
        confidence=Confidence.ASSUMPTION,
        source="assumption: SAR 200 per m² of sign per year, a third of the SAR 600 cap;"
        " DOMAIN.md §6 [C] gives the cap only",
    ),
    FeeRule(
        code=LATE_RENEWAL_FEE,
        version=1,
        kind=FeeKind.FLAT,
        tax_head=TaxHead.PENALTY,
        name_en="Late licence renewal fine",
        name_ar="غرامة التأخر في تجديد الرخصة",
        amount=Money(100, "SAR"),
        confidence=Confidence.ASSUMPTION,
        source="assumption: SAR 100 flat, once, whatever the delay; DOMAIN.md §6 says late"
        " renewal is fined, not how much",
    ),
)

SA_LICENCE_FEES = FeeSchedule("SAR", (*_COMMERCIAL_FEE_RULES, *CONSTRUCTION_FEE_RULES))
"""Balady licence fees: ``sa.licence.shop_area``, ``sa.licence.signboard``,
``sa.licence.late_renewal`` and ``sa.construction.area``; each rule carries its source."""

COMMERCIAL_LICENCE_WORKFLOW = licence_workflow("sa.licence.commercial", revocable=True)
"""Commercial-activity licence applications (new and renewal), DIGIT-style; ``REVOKE``
of an issued licence whose activity never started needs the ``revocation_due`` guard of
``_sa_licence_revocation.revocation_guards``."""


def _signboards(value: Iterable[Decimal]) -> tuple[Decimal, ...]:
    return to_signboards(value, prefix=_CODE)


def _cr(value: object) -> str:
    # Legacy CR numbers and the unified (700) number are both accepted (DOMAIN.md §2).
    if not isinstance(value, str):
        raise InvalidFormat(
            "The CR or unified number must be text.",
            "يجب أن يكون السجل التجاري أو الرقم الموحد نصًا.",
            code=f"{_CODE}.cr",
            field="cr",
        )
    return commercial_registration.validate(value)


@attrs.frozen
class CommercialLicence:
    """An issued commercial-activity (professional) licence.

    Attributes:
        number: the licence number.
        cr: the establishment's CR or unified number, canonical; masked in ``repr``.
        category: the municipality category, 1 to 5.
        shop_area: the shop's area in m².
        activity_code: the licensed activity (ISIC-style code, as text).
        health_hazard: the activity is a public-health hazard (1-year validity).
        signboard_areas: the area in m² of each signboard.
        issued_on: the first day of validity.
        expires_on: the last day of validity (after ``issued_on``).
        status: :class:`LicenceStatus`.
        activity_started_on: the day the activity started, once the municipality knows;
            a licence whose activity has not started in time is revoked (DOMAIN.md §6).

    Examples:
        >>> CommercialLicence("CL-2", "7001234567", 2, Decimal(30), "561001", True, (),
        ...                   dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        ... # doctest: +ELLIPSIS
        CommercialLicence(number='CL-2', cr='******4567', category=2, ...)
    """

    number: str = attrs.field(validator=_TEXT)
    cr: str = attrs.field(converter=_cr, repr=lambda value: repr(mask_tail(value)))
    category: int = attrs.field(validator=category_validator)
    shop_area: Decimal = attrs.field(validator=area_validator)
    activity_code: str = attrs.field(validator=_TEXT)
    health_hazard: bool = attrs.field(validator=flag_validator)
    signboard_areas: tuple[Decimal, ...] = attrs.field(converter=_signboards)
    issued_on: dt.date = attrs.field(validator=date_validator)
    expires_on: dt.date = attrs.field(validator=date_validator)
    status: LicenceStatus = attrs.field(default=LicenceStatus.ACTIVE)
    activity_started_on: dt.date | None = attrs.field(
        default=None, validator=_checks.type_of(dt.date, f"{_CODE}.date", optional=True)
    )

    def __attrs_post_init__(self) -> None:
        check_validity(self.status, LicenceStatus, self.issued_on, self.expires_on, prefix=_CODE)


def _require_licence(value: object) -> CommercialLicence:
    return require_model(value, CommercialLicence, prefix=_CODE)


def _allowed_years(health_hazard: bool, jurisdiction: Jurisdiction, on: dt.date) -> tuple[int, int]:
    if health_hazard:
        years = rule_count(jurisdiction, _HAZARD_RULE, on)
        return years, years
    return 1, rule_count(jurisdiction, MAX_YEARS_RULE, on)


def _check_years(
    years: object, health_hazard: bool, jurisdiction: Jurisdiction, on: dt.date
) -> int:
    return check_years(years, *_allowed_years(health_hazard, jurisdiction, on), prefix=_CODE)


def _check_premises(
    owns_premises: object, lease: LeaseContract | None, cr: str, start: dt.date
) -> None:
    if owns_premises is True:
        return
    problem = None
    if lease is None:
        problem = "no_premises"
    elif not isinstance(lease, LeaseContract):
        raise InvalidFormat(
            "The lease must be a LeaseContract.",
            "يجب أن يكون عقد الإيجار من نوع LeaseContract.",
            code=f"{_CODE}.type",
            field="lease",
        )
    elif lease.status in (LeaseStatus.CANCELLED, LeaseStatus.EXPIRED) or not (
        lease.start <= start <= lease.end
    ):
        problem = "lease_not_covering"
    elif validity_end(lease.start, 1) > lease.end:
        problem = "lease_too_short"
    elif lease.tenant.cr is not None and lease.tenant.cr != cr:
        problem = "lease_other_tenant"
    if problem is not None:
        raise DomainRuleError(
            "The applicant must own the premises or hold a current lease of at least one"
            " year, in the establishment's name, covering the licence's first day.",
            "يجب أن يملك مقدم الطلب المحل أو يحمل عقد إيجار ساريًا باسم المنشأة لمدة"
            " سنة على الأقل يشمل أول يوم في الترخيص.",
            code=f"{_CODE}.{problem}",
            field="lease",
        )


def apply_for_licence(
    number: str,
    *,
    cr: str,
    category: int,
    shop_area: Decimal,
    activity_code: str,
    start: dt.date,
    years: int,
    health_hazard: bool = False,
    signboard_areas: Iterable[Decimal] = (),
    owns_premises: bool = False,
    lease: LeaseContract | None = None,
    jurisdiction: Jurisdiction = SA_BALADY,
) -> CommercialLicence:
    """Check an application and return the licence it would issue from ``start``.

    The workflow (:data:`COMMERCIAL_LICENCE_WORKFLOW`) decides *whether* it is issued;
    this checks the rules and builds the record.

    Raises:
        DomainRuleError: ``years`` out of the profile's range (``licence.commercial.validity``);
            no ownership and no fitting lease (``licence.commercial.no_premises``,
            ``.lease_not_covering``, ``.lease_too_short``, ``.lease_other_tenant``).
        InvalidFormat, InvalidComponent, InvalidLength, ...: a bad field.

    Examples:
        >>> apply_for_licence("CL-3", cr="1010123456", category=1, shop_area=Decimal(20),
        ...     activity_code="561001", start=dt.date(2026, 1, 1), years=2,
        ...     health_hazard=True, owns_premises=True)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: This activity's licence is valid for 1 to 1 years.
    """
    start = require_date(start, "start")
    licence = CommercialLicence(
        number,
        cr,
        category,
        shop_area,
        activity_code,
        health_hazard,
        signboard_areas,
        start,
        start + dt.timedelta(days=1),
    )
    years = _check_years(years, licence.health_hazard, jurisdiction, start)
    _check_premises(owns_premises, lease, licence.cr, start)
    return attrs.evolve(licence, expires_on=validity_end(start, years))


def validity_years(licence: CommercialLicence) -> int:
    """Return the whole years ``licence`` runs for, from ``issued_on`` to ``expires_on``.

    Examples:
        >>> lic = CommercialLicence("CL-4", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2028, 12, 31))
        >>> validity_years(lic)
        3
    """
    licence = _require_licence(licence)
    return max(1, months_between(licence.issued_on, licence.expires_on + dt.timedelta(1)) // 12)


def _check_signboard_cap(schedule: FeeSchedule, on: dt.date, jurisdiction: Jurisdiction) -> None:
    rate = schedule.rule_for(SIGNBOARD_FEE, on).rate or Decimal(0)
    if rate > jurisdiction.rules.decimal(_CAP_RULE, on):
        raise DomainRuleError(
            "The signboard fee rate is above the profile's cap per m² per year.",
            "رسم اللوحة الإعلانية يتجاوز الحد الأعلى للمتر المربع سنويًا.",
            code=f"{_CODE}.signboard_cap",
            field=SIGNBOARD_FEE,
        )


def _fee(
    licence: CommercialLicence,
    years: int,
    late: bool,
    on: dt.date,
    jurisdiction: Jurisdiction,
    schedule: FeeSchedule,
) -> FeeBreakdown:
    if licence.signboard_areas:
        _check_signboard_cap(schedule, on, jurisdiction)
    requests = licence_fee_requests(
        area_code=SHOP_AREA_FEE,
        area=licence.shop_area,
        signboard_code=SIGNBOARD_FEE,
        signboards=licence.signboard_areas,
        years=years,
        late_code=LATE_RENEWAL_FEE if late else None,
        criteria=(("category", str(licence.category)),),
    )
    return calculate(schedule, requests, on=on, jurisdiction=jurisdiction)


def licence_fee(
    licence: CommercialLicence,
    *,
    jurisdiction: Jurisdiction = SA_BALADY,
    schedule: FeeSchedule = SA_LICENCE_FEES,
) -> FeeBreakdown:
    """Return the fee of a new licence: shop area and signboards, per year of validity.

    Raises:
        DomainRuleError: the schedule's signboard rate is above the profile's cap
            (``licence.commercial.signboard_cap``).
        NotFound: no fee rule in force on the issue day for the category.

    Examples:
        >>> lic = CommercialLicence("CL-5", "1010123456", 3, Decimal(50), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> licence_fee(lic).total
        Money('200.00', 'SAR')
    """
    licence = _require_licence(licence)
    return _fee(licence, validity_years(licence), False, licence.issued_on, jurisdiction, schedule)


def renewal_opens_on(
    licence: CommercialLicence, *, jurisdiction: Jurisdiction = SA_BALADY
) -> dt.date:
    """Return the first day ``licence`` may be renewed (the window before expiry).

    Examples:
        >>> lic = CommercialLicence("CL-6", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> renewal_opens_on(lic)
        datetime.date(2026, 10, 2)
    """
    licence = _require_licence(licence)
    return renewal_opens(licence.expires_on, jurisdiction)


def renewal_fee(
    licence: CommercialLicence,
    *,
    on: dt.date,
    years: int,
    jurisdiction: Jurisdiction = SA_BALADY,
    schedule: FeeSchedule = SA_LICENCE_FEES,
) -> FeeBreakdown:
    """Return the fee for renewing ``licence`` on ``on`` for ``years``; a fine if late.

    Raises:
        DomainRuleError: before the window (``licence.commercial.renewal_not_open``), a
            cancelled licence (``.cancelled``), ``years`` out of range (``.validity``).

    Examples:
        >>> lic = CommercialLicence("CL-7", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> fee = renewal_fee(lic, on=dt.date(2027, 2, 1), years=1)
        >>> [(line.code, line.amount) for line in fee.lines]
        [('sa.licence.shop_area', Money('60.00', 'SAR')), ('sa.licence.late_renewal', Money('100.00', 'SAR'))]
    """  # noqa: E501
    licence = _require_licence(licence)
    on = require_date(on, "on")
    allowed = _allowed_years(licence.health_hazard, jurisdiction, on)
    late, years = renewal_terms(
        licence, on, years, allowed=allowed, jurisdiction=jurisdiction, prefix=_CODE
    )
    return _fee(licence, years, late, on, jurisdiction, schedule)


def renew_licence(
    licence: CommercialLicence,
    *,
    on: dt.date,
    years: int,
    jurisdiction: Jurisdiction = SA_BALADY,
) -> CommercialLicence:
    """Return ``licence`` renewed on ``on`` for ``years``.

    Renewed in time, the new period follows the old expiry; renewed late, it starts on
    ``on`` (charge :func:`renewal_fee`, which adds the fine).

    Raises:
        DomainRuleError: as :func:`renewal_fee`.

    Examples:
        >>> lic = CommercialLicence("CL-8", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> renew_licence(lic, on=dt.date(2026, 12, 1), years=2).expires_on
        datetime.date(2028, 12, 31)
        >>> renew_licence(lic, on=dt.date(2026, 9, 1), years=1)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The renewal window has not opened yet.
    """
    licence = _require_licence(licence)
    on = require_date(on, "on")
    return renewed(
        licence,
        on,
        years,
        allowed=_allowed_years(licence.health_hazard, jurisdiction, on),
        jurisdiction=jurisdiction,
        prefix=_CODE,
    )


def cancel_licence(licence: CommercialLicence) -> CommercialLicence:
    """Return ``licence`` cancelled.

    Raises:
        DomainRuleError: it is already cancelled (``licence.commercial.cancelled``).

    Examples:
        >>> lic = CommercialLicence("CL-9", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> cancel_licence(lic).status.value
        'cancelled'
    """
    return withdraw(_require_licence(licence), LicenceStatus.CANCELLED, prefix=_CODE)
