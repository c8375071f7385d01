"""Builders for Balady's licences: commercial-activity licence, construction licence, plan approval.

They always build for a Saudi profile: the context's own when it is Saudi, else
``sa-balady``. A commercial licence is applied for the way the portal requires: the
applicant -- a citizen with a valid national ID -- holds a year's lease of the shop that
starts on the licence's first day, and the establishment has a unified number.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> licence = build_commercial_licence(BuildContext(seed=1))
    >>> licence.status.value, licence.cr[0], (licence.expires_on - licence.issued_on).days
    ('active', '7', 364)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from municipal_core.leases._contract import LeaseContract
from municipal_core.leases._property import PropertyUsage
from municipal_core.licensing._sa_commercial_licence import CommercialLicence, apply_for_licence
from municipal_core.licensing._sa_construction_licence import (
    ConstructionLicence,
    issue_construction_licence,
)
from municipal_core.licensing._sa_plan_approval import PlanApproval, submit_plan
from municipal_core.testing import _generators as gen
from municipal_core.testing._account_builders import build_account
from municipal_core.testing._context import BuildContext, construct
from municipal_core.testing._lease_builders import build_lease, build_party, build_property

__all__ = [
    "build_commercial_licence",
    "build_construction_licence",
    "build_licence_lease",
    "build_plan_approval",
]

# ISIC-style activity codes of everyday shops (grocery, restaurant, barber, pharmacy).
_ACTIVITIES = ("471101", "561001", "960201", "477211")
_CATEGORIES = range(1, 6)  # municipality categories the fee tables are keyed by


def _saudi(ctx: BuildContext) -> BuildContext:
    return ctx.in_country("SA", "sa-balady")


def build_licence_lease(ctx: BuildContext, **overrides: Any) -> LeaseContract:
    """Return the lease a licence applicant holds: a year's lease of a shop from next month.

    The tenant is the applicant, a Saudi citizen with a valid national ID. The first
    draw of :func:`build_commercial_licence`, so the same seed gives the same lease.

    Examples:
        >>> lease = build_licence_lease(BuildContext())
        >>> lease.tenant.id_number[0], lease.term, lease.property.usage.value
        ('1', (12, 0), 'commercial')
    """
    ctx = _saudi(ctx)
    defaults: dict[str, Any] = {
        "tenant": build_party(ctx, id_number=gen.national_id(ctx.rng)),
        "property": build_property(ctx, usage=PropertyUsage.COMMERCIAL),
    }
    return build_lease(ctx, **{**defaults, **overrides})


def build_commercial_licence(ctx: BuildContext, **overrides: Any) -> CommercialLicence:
    """Return an active commercial-activity licence applied for with a year's lease.

    Every argument of :func:`~municipal_core.licensing.apply_for_licence` (``cr``,
    ``category``, ``shop_area``, ``activity_code``, ``start``, ``years``, ``lease``,
    ``owns_premises``...) and every field of the licence is overridable by keyword.

    Raises:
        InvalidComponent: an unknown override (``testing.commercial_licence.override``).
        DomainRuleError: overrides that break the licensing rules (a lease too short).

    Examples:
        >>> licence = build_commercial_licence(BuildContext(), years=2, category=3)
        >>> licence.category, licence.expires_on.year - licence.issued_on.year
        (3, 2)
    """
    ctx = _saudi(ctx)
    lease = build_licence_lease(ctx)
    defaults: dict[str, Any] = {
        "number": ctx.number("CL"),
        "cr": gen.unified_number(ctx.rng),
        "category": ctx.rng.choice(_CATEGORIES),
        "shop_area": Decimal(ctx.rng.randrange(20, 300)),
        "activity_code": ctx.rng.choice(_ACTIVITIES),
        "start": lease.start,
        "years": 1,
        "lease": lease,
        "owns_premises": False,
        "jurisdiction": ctx.jurisdiction,
    }
    return construct(apply_for_licence, defaults, overrides, family="commercial_licence")


def build_construction_licence(ctx: BuildContext, **overrides: Any) -> ConstructionLicence:
    """Return an active construction licence issued today.

    Examples:
        >>> build_construction_licence(BuildContext(), built_area=Decimal(500)).built_area
        Decimal('500')
    """
    ctx = _saudi(ctx)
    defaults: dict[str, Any] = {
        "number": ctx.number("BL"),
        "category": ctx.rng.choice(_CATEGORIES),
        "built_area": Decimal(ctx.rng.randrange(150, 1200)),
        "issued_on": ctx.today(),
        "jurisdiction": ctx.jurisdiction,
    }
    return construct(issue_construction_licence, defaults, overrides, family="construction_licence")


def build_plan_approval(ctx: BuildContext, **overrides: Any) -> PlanApproval:
    """Return a plan submitted by an active engineering office, awaiting review.

    ``office=`` takes an engineering-office account; by default the kit registers and
    activates one (with its unified number, licence and representative's ID).

    Examples:
        >>> plan = build_plan_approval(BuildContext(), plot="77")
        >>> plan.plot, plan.case.state != "ISSUED"
        ('77', True)
    """
    ctx = _saudi(ctx)
    defaults: dict[str, Any] = {
        "number": ctx.number("PA"),
        "office": None,
        "plot": str(ctx.rng.randrange(1, 5000)),
        "description": "Villa, ground and first floor",
        "at": ctx.now(),
    }
    if overrides.get("office") is None:
        overrides["office"] = build_account(ctx, account_type="sa.engineering_office")
    return construct(submit_plan, defaults, overrides, family="plan_approval")
