"""Oman (Sohar) municipal licence fee rules: premises, signboards, the late-renewal fine.

Sohar's portal offers licensing services (خدمات التراخيص, seed 000) but neither the seed
nor DOMAIN.md gives a single Omani licence fee, so every rule here is an assumption
``[A]`` whose source says what is assumed. They share the shape of the Balady licence
fee (area and signboards per m² per year, a flat fine for late renewal) so that one fee
calculation serves both; a host application replaces the figures with a new rule
version (same code, later ``effective_from``).

Examples:
    >>> sorted(OM_LICENCE_FEES.codes())
    ['om.licence.late_renewal', 'om.licence.premises', 'om.licence.signboard']
    >>> {rule.confidence.value for rule in OM_LICENCE_FEES.rules}
    {'A'}
"""

from __future__ import annotations

from municipal_core.billing import FeeSchedule, TaxHead
from municipal_core.licensing._om_permit_fees import om_fee_rule

__all__ = ["LATE_RENEWAL_FEE", "OM_LICENCE_FEES", "PREMISES_FEE", "SIGNBOARD_FEE"]

PREMISES_FEE = "om.licence.premises"
"""Fee code: the premises (shop) area, per m² per year."""
SIGNBOARD_FEE = "om.licence.signboard"
"""Fee code: signboards, per m² of sign per year."""
LATE_RENEWAL_FEE = "om.licence.late_renewal"
"""Fee code: the fine for renewing after expiry (a ``PENALTY`` line)."""

_NONE = "no Omani licence fee is published (seed 000 and DOMAIN.md name the service only)"

OM_LICENCE_FEES = FeeSchedule(
    "OMR",
    (
        om_fee_rule(
            PREMISES_FEE,
            "Municipal licence, premises area (per m² per year)",
            "الترخيص البلدي، مساحة المحل (للمتر المربع سنويًا)",
            f"[A] 0.200 OMR per m² per year of premises, no free area; {_NONE}",
            rate="0.200",
            per_year=True,
        ),
        om_fee_rule(
            SIGNBOARD_FEE,
            "Signboard (per m² per year)",
            "اللوحة الإعلانية (للمتر المربع سنويًا)",
            f"[A] 5.000 OMR per m² of signboard per year, no cap; {_NONE}",
            rate="5.000",
            per_year=True,
        ),
        om_fee_rule(
            LATE_RENEWAL_FEE,
            "Late licence renewal fine",
            "غرامة التأخر في تجديد الترخيص",
            f"[A] 10.000 OMR flat, once, whatever the delay; {_NONE}",
            amount="10.000",
            tax_head=TaxHead.PENALTY,
        ),
    ),
)
"""Fee rules of Sohar's municipal licence (``OMR``); all ``[A]`` placeholders."""
