"""Builders for what citizens and inspectors report: violations and complaints.

A violation is recorded against an establishment's CR of the context's country (a unified
number in Saudi Arabia), in one of the jurisdiction's own categories; a complaint is filed
in one of its complaint categories, located at a kit address.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> violation = build_violation(BuildContext(seed=1))
    >>> violation.status.value, violation.cr_kind
    ('open', 'om.commercial_registration')
    >>> build_complaint(BuildContext(seed=1)).case.state
    'AWAITING_ASSIGNMENT'
"""

from __future__ import annotations

from typing import Any

from municipal_core.licensing._complaint_categories import complaint_categories
from municipal_core.licensing._complaint_location import Location
from municipal_core.licensing._complaints import Complaint, file_complaint
from municipal_core.licensing._violation_categories import violation_categories
from municipal_core.licensing._violations import EstablishmentSize, Violation, record_violation
from municipal_core.testing import _generators as gen
from municipal_core.testing._address_builders import build_address
from municipal_core.testing._context import BuildContext, construct

__all__ = ["build_complaint", "build_violation"]

_DESCRIPTIONS = (
    "Rubbish has not been collected for a week.\nThe bins are overflowing.",
    "The street light in front of the mosque has been out since Friday.",
    "A deep pothole on the main road; two cars damaged this week.",
    "Construction noise after midnight every night.",
    "لم تُجمع النفايات منذ أسبوع والحاويات ممتلئة.",
)


def build_violation(ctx: BuildContext, **overrides: Any) -> Violation:
    """Return an open violation against an establishment's CR.

    Every argument of ``record_violation`` and every field of the violation is
    overridable by keyword (``jurisdiction=`` changes the country).

    Examples:
        >>> v = build_violation(BuildContext(), jurisdiction="sa-balady")
        >>> v.jurisdiction, v.cr[0], v.base_amount.currency.code
        ('sa-balady', '7', 'SAR')
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    saudi = ctx.jurisdiction.country == "SA"
    defaults: dict[str, Any] = {
        "number": ctx.number("V"),
        "jurisdiction": ctx.jurisdiction,
        "category": ctx.rng.choice(violation_categories(ctx.jurisdiction)).code,
        "recorded_on": ctx.today(),
        "cr": gen.unified_number(ctx.rng) if saudi else gen.om_cr(ctx.rng),
        "establishment_size": ctx.rng.choice(tuple(EstablishmentSize)) if saudi else None,
    }
    return construct(record_violation, defaults, overrides, family="violation")


def build_complaint(ctx: BuildContext, **overrides: Any) -> Complaint:
    """Return a complaint just filed (awaiting assignment); every argument and field overridable.

    Examples:
        >>> complaint = build_complaint(BuildContext(), category="noise")
        >>> complaint.category.code, complaint.location.address is not None
        ('noise', True)
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    defaults: dict[str, Any] = {
        "number": ctx.number("C"),
        "jurisdiction": ctx.jurisdiction,
        "category": ctx.rng.choice(complaint_categories(ctx.jurisdiction)),
        "description": ctx.rng.choice(_DESCRIPTIONS),
        "location": Location(address=build_address(ctx)),
        "submitted_at": ctx.now(),
    }
    return construct(file_complaint, defaults, overrides, family="complaint")
