"""Saudi Arabia / Balady profile (``sa-balady``), with the rules of DOMAIN.md §3 and §6."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from municipal_core.jurisdictions._accounts import account_rules
from municipal_core.jurisdictions._model import Calendar, Jurisdiction, VatTreatment
from municipal_core.jurisdictions._rules import Confidence, RuleBook, RuleValue
from municipal_core.money import SAR

__all__ = ["SA_BALADY"]

_ZATCA = "ZATCA: VAT 5% from 1 Jan 2018, 15% from 1 Jul 2020"
_PENALTIES = "MOMRAH municipal violations and penalties table, 2023"
_MOMRAH = "Ministry of Municipalities and Housing (momrah.gov.sa / balady.gov.sa)"

SA_BALADY = Jurisdiction(
    code="sa-balady",
    country="SA",
    name_en="Balady - Ministry of Municipalities and Housing",
    name_ar="بلدي - وزارة البلديات والإسكان",
    currency=SAR,
    timezone="Asia/Riyadh",
    phone_region="SA",
    calendar=Calendar.HIJRI,
    # Fees charged by a public authority as such are outside Saudi VAT (DOMAIN.md §3).
    default_fee_vat=VatTreatment.OUTSIDE_SCOPE,
    identifier_kinds=(
        "email",
        "phone",
        "sa.commercial_registration",
        "sa.engineering_office_licence",
        "sa.national_id",
        "sa.short_address",
    ),
    rules=RuleBook(
        (
            *account_rules(
                required_name_parts=2,
                name_source="assumption: residents' records may hold only given and family names",
            ),
            RuleValue(
                "billing.partial_payments_allowed",
                False,
                source="assumption: the seed is silent; eGov DIGIT makes it per service",
                confidence=Confidence.ASSUMPTION,
            ),
            RuleValue(
                "vat.standard_rate",
                Decimal("0.05"),
                dt.date(2018, 1, 1),
                dt.date(2020, 6, 30),
                source=_ZATCA,
            ),
            RuleValue("vat.standard_rate", Decimal("0.15"), dt.date(2020, 7, 1), source=_ZATCA),
            RuleValue("building_permit.validity_years", 3, source=_MOMRAH),
            RuleValue("licence.renewal_window_days", 90, source=_MOMRAH),
            RuleValue("licence.health_hazard_validity_years", 1, source=_MOMRAH),
            RuleValue("licence.max_validity_years", 3, source=_MOMRAH),
            RuleValue(
                "licence.activity_start_months",
                12,
                source=_MOMRAH + ": a licence whose activity has not started within 12 months"
                " of issue is revoked (DOMAIN.md §6)",
            ),
            RuleValue("licence.signboard_fee_cap_per_m2_year", Decimal("600"), source=_MOMRAH),
            RuleValue("violation.grace_days", 30, source=_PENALTIES),
            RuleValue("violation.size_factor.micro", Decimal("0.25"), source=_PENALTIES),
            RuleValue("violation.size_factor.small", Decimal("0.50"), source=_PENALTIES),
            RuleValue("violation.size_factor.medium", Decimal("0.75"), source=_PENALTIES),
            RuleValue("violation.size_factor.large", Decimal("1.00"), source=_PENALTIES),
            RuleValue("violation.repeat_multiplier", 2, source=_PENALTIES),
            RuleValue(
                "violation.repeat_window_days",
                365,
                source="assumption: the 2023 table doubles on repeat; window not published",
                confidence=Confidence.ASSUMPTION,
            ),
            RuleValue(
                "establishment.unified_number_only_from",
                "2025-04-03",
                source="SAMA circulars 42007290, 106900951; balady.gov.sa FAQ",
            ),
        )
    ),
)
"""Balady, Saudi Arabia: SAR, Asia/Riyadh, +966, Hijri first."""
