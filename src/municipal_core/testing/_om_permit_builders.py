"""Builders for Sohar's building permit and completion certificate.

They always build for an Omani profile: the context's own when it is Omani, else
``om-sohar``. Each document is issued through the library's own function on a case the
kit has walked through its workflow to ``ISSUED`` (approved and paid), so a kit permit is
one the workflow could have produced; the applicant is a valid civil number.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> permit = build_building_permit(BuildContext(seed=1))
    >>> permit.status.value, permit.kind.value, permit.deposit.currency.code
    ('valid', 'major', 'OMR')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from municipal_core.licensing._om_certificates import (
    COMPLETION_CERTIFICATE_WORKFLOW,
    CompletionCertificate,
    issue_completion_certificate,
)
from municipal_core.licensing._om_permits import (
    BUILDING_PERMIT_WORKFLOW,
    BuildingPermit,
    PermitKind,
    issue_permit,
)
from municipal_core.money import Money
from municipal_core.testing import _generators as gen
from municipal_core.testing._address_builders import build_oman_address
from municipal_core.testing._case_builders import build_case
from municipal_core.testing._context import BuildContext, construct

__all__ = ["build_building_permit", "build_completion_certificate"]


def _omani(ctx: BuildContext) -> BuildContext:
    return ctx.in_country("OM", "om-sohar")


def build_building_permit(ctx: BuildContext, **overrides: Any) -> BuildingPermit:
    """Return an issued major building permit; every argument and field is overridable.

    Raises:
        InvalidComponent: an unknown override (``testing.building_permit.override``).

    Examples:
        >>> permit = build_building_permit(BuildContext(), kind="minor", plot="12")
        >>> permit.kind.value, permit.plot
        ('minor', '12')
    """
    ctx = _omani(ctx)
    defaults: dict[str, Any] = {
        "case": build_case(ctx, BUILDING_PERMIT_WORKFLOW),
        "number": ctx.number("BP"),
        "kind": PermitKind.MAJOR,
        "applicant": gen.civil_number(ctx.rng),
        "plot": str(ctx.rng.randrange(1, 9000)),
        "built_area_m2": Decimal(ctx.rng.randrange(200, 1500)),
        "issued_on": ctx.today(),
        "jurisdiction": ctx.jurisdiction,
        # [A] an insurance deposit of the size the portal's examples show; no rule fixes it.
        "deposit": Money(ctx.rng.choice((100, 150, 200)), ctx.jurisdiction.currency),
        "address": build_oman_address(ctx),
    }
    return construct(issue_permit, defaults, overrides, family="building_permit")


def build_completion_certificate(ctx: BuildContext, **overrides: Any) -> CompletionCertificate:
    """Return a completion certificate for a kit building permit (or ``permit=``).

    The library also returns the permit, now completed; call
    :func:`~municipal_core.licensing.issue_completion_certificate` when a test needs it.

    Examples:
        >>> permit = build_building_permit(BuildContext())
        >>> build_completion_certificate(BuildContext(), permit=permit).permit_number
        'BP-2026-000001'
    """
    ctx = _omani(ctx)
    defaults: dict[str, Any] = {
        "case": build_case(ctx, COMPLETION_CERTIFICATE_WORKFLOW),
        "permit": None,
        "number": ctx.number("CC"),
        "issued_on": ctx.today(),
    }
    if overrides.get("permit") is None:
        overrides["permit"] = build_building_permit(ctx)

    def certificate(**arguments: Any) -> CompletionCertificate:
        case, permit = arguments.pop("case"), arguments.pop("permit")
        return issue_completion_certificate(case, permit, **arguments)[0]

    return construct(certificate, defaults, overrides, family="completion_certificate")
