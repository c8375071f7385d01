"""Oman / Sohar Municipality profile (``om-sohar``), with the rules of DOMAIN.md §3-§5.

Every value carries its source and confidence; later issues (leases, permits, violations)
read these names. A host app for another Omani municipality derives from this profile.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from municipal_core.jurisdictions._accounts import account_rules
from municipal_core.jurisdictions._model import Calendar, Jurisdiction, VatTreatment
from municipal_core.jurisdictions._rules import Confidence, RuleBook, RuleValue
from municipal_core.money import OMR

__all__ = ["OM_SOHAR"]

_OMAN_GOV = "oman.om (Muscat Municipality lease registration), Muscat Daily 2022"

OM_SOHAR = Jurisdiction(
    code="om-sohar",
    country="OM",
    name_en="Sohar Municipality",
    name_ar="بلدية صحار",
    currency=OMR,
    timezone="Asia/Muscat",
    phone_region="OM",
    calendar=Calendar.GREGORIAN,
    # Whether Omani municipal fees carry VAT is unconfirmed (DOMAIN.md §3): default outside.
    default_fee_vat=VatTreatment.OUTSIDE_SCOPE,
    identifier_kinds=(
        "email",
        "om.address_number",
        "om.civil_number",
        "om.commercial_registration",
        "om.vatin",
        "phone",
    ),
    rules=RuleBook(
        (
            *account_rules(
                required_name_parts=4,
                name_source="seed 000: the Sohar form asks for the four-part name (الاسم الرباعي)",
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
                dt.date(2021, 4, 16),
                source="Oman VAT Law, Royal Decree 121/2020, in force 16 Apr 2021",
            ),
            RuleValue(
                "vat.residential_rent_exempt",
                True,
                dt.date(2021, 4, 16),
                source="Oman VAT Law, Royal Decree 121/2020, art. 47",
            ),
            RuleValue(
                "lease.registration_fee_rate",
                Decimal("0.03"),
                None,
                dt.date(2016, 1, 31),
                source=_OMAN_GOV,
                confidence=Confidence.WEAK,
            ),
            RuleValue(
                "lease.registration_fee_rate",
                Decimal("0.05"),
                dt.date(2016, 2, 1),
                dt.date(2020, 12, 31),
                source=_OMAN_GOV,
            ),
            RuleValue(
                "lease.registration_fee_rate",
                Decimal("0.03"),
                dt.date(2021, 1, 1),
                source=_OMAN_GOV,
            ),
            RuleValue("lease.registration_window_months", 1, source=_OMAN_GOV),
            RuleValue("lease.late_registration_multiplier", 3, source=_OMAN_GOV),
            RuleValue(
                "lease.max_term_years",
                7,
                source="oman.om: leases of 7 years or more go to the Ministry of Housing",
            ),
            RuleValue(
                "lease.notice_months",
                3,
                source="secondary sources on Omani tenancy law",
                confidence=Confidence.WEAK,
            ),
            RuleValue("permit.major.validity_years", 2, source="gov.om building permit services"),
            RuleValue("permit.minor.validity_years", 1, source="gov.om building permit services"),
            # Municipal licences and abandoned applications: DOMAIN.md §1 names the services
            # but no Omani source gives these periods, so each is an assumption to replace.
            RuleValue(
                "licence.max_validity_years",
                1,
                source="assumption: a Sohar municipal licence is issued and renewed one year"
                " at a time; no published Omani figure (DOMAIN.md §1 names the service only)",
                confidence=Confidence.ASSUMPTION,
            ),
            RuleValue(
                "licence.renewal_window_days",
                30,
                source="assumption: renewal opens 30 days before expiry; no published Omani"
                " figure (Balady's is 90 days, DOMAIN.md §6)",
                confidence=Confidence.ASSUMPTION,
            ),
            RuleValue(
                "application.lapse_days",
                30,
                source="assumption: an application left unpaid or uncorrected for 30 days"
                " expires; no published Omani figure (eGov DIGIT makes it per service)",
                confidence=Confidence.ASSUMPTION,
            ),
            RuleValue(
                "violation.daily_penalty",
                Decimal("50.000"),
                source="Muscat Municipality decision 55/2017",
            ),
            RuleValue(
                "violation.daily_penalty_max_days",
                60,
                source="Muscat Municipality decision 55/2017",
            ),
        )
    ),
)
"""Sohar Municipality, Oman: OMR, Asia/Muscat, +968, Gregorian first."""
