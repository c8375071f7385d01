"""Oman (Sohar) building fee rules: permits, completion certificates and service letters.

The only published figures are the Al Dhahirah major building permit's (DOMAIN.md §5
[C], gov.om): 0.100 OMR application + 5.000 OMR permit + 0.020 OMR per m² above 400 m².
Neither the seeds nor DOMAIN.md give any other Omani building fee, so the minor permit,
the completion certificate, its replacement and the service letters carry placeholder
amounts marked ``[A]``; each rule's source says exactly what is assumed, and a host
application replaces them with a new rule version (same code, later ``effective_from``).

Examples:
    >>> import datetime as dt
    >>> rule = OM_PERMIT_FEES.rule_for("om.permit.minor", dt.date(2026, 1, 1))
    >>> rule.amount, rule.confidence.value
    (Money('2.000', 'OMR'), 'A')
"""

from __future__ import annotations

from decimal import Decimal

from municipal_core.billing import FeeKind, FeeRule, FeeSchedule, TaxHead
from municipal_core.jurisdictions import Confidence
from municipal_core.money import Money

__all__ = ["OM_PERMIT_FEES", "om_fee_rule"]


def om_fee_rule(
    code: str,
    name_en: str,
    name_ar: str,
    source: str,
    *,
    amount: str | None = None,
    rate: str | None = None,
    free_quantity: int = 0,
    per_year: bool = False,
    tax_head: TaxHead = TaxHead.FEE,
) -> FeeRule:
    """Return one version-1 OMR fee rule: flat when ``amount`` is given, per m² when ``rate`` is.

    The confidence follows the source: ``[A]`` in it marks an assumption.

    Examples:
        >>> om_fee_rule("om.demo", "Demo", "تجربة", "[A] demo", rate="0.5").unit
        'm²'
    """
    return FeeRule(
        code=code,
        version=1,
        kind=FeeKind.FLAT if amount is not None else FeeKind.RATE,
        name_en=name_en,
        name_ar=name_ar,
        source=source,
        amount=None if amount is None else Money(amount, "OMR"),
        rate=None if rate is None else Decimal(rate),
        unit="" if rate is None else "m²",
        free_quantity=Decimal(free_quantity),
        per_year=per_year,
        tax_head=tax_head,
        confidence=Confidence.ASSUMPTION if "[A]" in source else Confidence.CONFIRMED,
    )


_GOV_OM = "gov.om, Al Dhahirah major building permit [C] (DOMAIN.md §5)"


def _assumed(what: str) -> str:
    # One wording for every placeholder, so a reviewer can grep them all.
    return f"[A] {what}; no Omani figure is published (DOMAIN.md §5 has only the major permit's)"


OM_PERMIT_FEES = FeeSchedule(
    "OMR",
    (
        om_fee_rule(
            "om.permit.application",
            "Building permit application",
            "رسم طلب إباحة البناء",
            _GOV_OM,
            amount="0.100",
        ),
        om_fee_rule(
            "om.permit.major",
            "Major building permit",
            "رسم إباحة البناء الكبرى",
            _GOV_OM,
            amount="5.000",
        ),
        om_fee_rule(
            "om.permit.area",
            "Built area above 400 m²",
            "المساحة المبنية الزائدة عن 400 م²",
            _GOV_OM,
            rate="0.020",
            free_quantity=400,
        ),
        om_fee_rule(
            "om.permit.minor",
            "Minor building permit",
            "رسم إباحة البناء الصغرى",
            _assumed("minor permit 2.000 OMR flat, under half the major permit's 5.000"),
            amount="2.000",
        ),
        om_fee_rule(
            "om.certificate.completion",
            "Building completion certificate",
            "شهادة إتمام البناء",
            _assumed("completion certificate 5.000 OMR flat, equal to the major permit"),
            amount="5.000",
        ),
        om_fee_rule(
            "om.certificate.replacement",
            "Replacement of a lost completion certificate",
            "بدل فاقد لشهادة إتمام البناء",
            _assumed("replacement of a lost certificate 2.000 OMR flat"),
            amount="2.000",
        ),
        om_fee_rule(
            "om.letter.service",
            "Service letter (electricity, water, sewerage)",
            "رسالة خدمات (كهرباء، مياه، صرف صحي)",
            _assumed("each service letter 1.000 OMR flat, the same for every utility"),
            amount="1.000",
        ),
    ),
)
"""Fee rules of Sohar's permits, certificates and letters (``OMR``), each with its source."""
