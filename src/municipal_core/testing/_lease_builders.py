"""Builders for leases: parties with identifiers valid in their jurisdiction, and contracts.

An individual gets an Omani civil number in Oman and a Saudi national ID or iqama in
Saudi Arabia; a company gets that country's CR (a unified number in Saudi Arabia, the
sole establishment identifier since 2025). A kit lease starts on the first of next month,
was signed a few days before today and runs a year, so its registration is on time and it
can back a Saudi commercial-licence application.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> lease = build_lease(BuildContext(seed=1))
    >>> lease.jurisdiction, lease.start, lease.term, lease.tenant.id_kind
    ('om-sohar', datetime.date(2026, 4, 1), (12, 0), 'om.civil_number')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from municipal_core._coerce import to_enum
from municipal_core.dates import add_months
from municipal_core.leases._contract import LeaseContract
from municipal_core.leases._parties import Party, PartyKind
from municipal_core.leases._property import LeasedProperty, PropertyUsage
from municipal_core.money import Money
from municipal_core.testing import _generators as gen
from municipal_core.testing._address_builders import build_address
from municipal_core.testing._context import BuildContext, construct

__all__ = ["build_lease", "build_party", "build_property", "monthly_rent"]

_COMPANY_WORDS = (
    ("النور", "Al Noor"), ("الأمل", "Al Amal"), ("الخليج", "Gulf"), ("الواحة", "Al Waha"),
    ("الريادة", "Al Riyada"), ("الفجر", "Al Fajr"), ("السلام", "Al Salam"),
)  # fmt: skip

# Monthly rent bands (minor units kept whole): typical flats and shops in each currency.
_RENT_BANDS = {"OMR": (80, 900), "SAR": (1500, 12000)}


_UNIT_WORDS = {PropertyUsage.RESIDENTIAL: "Flat", PropertyUsage.COMMERCIAL: "Shop"}


def monthly_rent(ctx: BuildContext) -> Money:
    """Return a plausible whole monthly rent in the jurisdiction's currency.

    Examples:
        >>> monthly_rent(BuildContext(jurisdiction="sa-balady")).currency.code
        'SAR'
    """
    currency = ctx.jurisdiction.currency
    low, high = _RENT_BANDS.get(currency.code, (100, 1000))
    return Money(ctx.rng.randrange(low, high + 1), currency)


def build_party(
    ctx: BuildContext, kind: PartyKind | str = PartyKind.INDIVIDUAL, **overrides: Any
) -> Party:
    """Return a landlord or tenant with identifiers valid in ``ctx``'s jurisdiction.

    Raises:
        InvalidComponent: an unknown party kind or override.

    Examples:
        >>> ctx = BuildContext(jurisdiction="sa-balady")
        >>> build_party(ctx, "company").cr_kind, build_party(ctx).id_kind
        ('sa.commercial_registration', 'sa.national_id')
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    party_kind = to_enum(PartyKind, kind, code="testing.party.kind", field="kind")
    saudi = ctx.jurisdiction.country == "SA"
    name = gen.person_name(ctx.rng)
    defaults: dict[str, Any] = {"kind": party_kind}
    if party_kind is PartyKind.COMPANY:
        word = ctx.rng.choice(_COMPANY_WORDS)
        defaults |= {
            "name_ar": f"شركة {word[0]}",
            "name_en": f"{word[1]} LLC",
            "cr_kind": "sa.commercial_registration" if saudi else "om.commercial_registration",
            "cr": gen.unified_number(ctx.rng) if saudi else gen.om_cr(ctx.rng),
        }
    else:
        identity = (
            (gen.national_id if ctx.rng.random() < 0.5 else gen.iqama)(ctx.rng)
            if saudi
            else gen.civil_number(ctx.rng)
        )
        defaults |= {
            "name_ar": name.full("ar"),
            "name_en": name.full("en"),
            "id_kind": "sa.national_id" if saudi else "om.civil_number",
            "id_number": identity,
        }
    return construct(Party, defaults, overrides, family="party")


def build_property(ctx: BuildContext, **overrides: Any) -> LeasedProperty:
    """Return a let unit with an area and an address of ``ctx``'s country.

    Examples:
        >>> build_property(BuildContext(), usage="commercial").usage.value
        'commercial'
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    usage = ctx.rng.choice((PropertyUsage.RESIDENTIAL, PropertyUsage.COMMERCIAL))
    defaults: dict[str, Any] = {
        "usage": usage,
        "unit": f"{_UNIT_WORDS[usage]} {ctx.rng.randint(1, 40)}",
        "area_m2": Decimal(ctx.rng.randrange(40, 400)),
        "address": build_address(ctx),
    }
    return construct(LeasedProperty, defaults, overrides, family="property")


def build_lease(ctx: BuildContext, **overrides: Any) -> LeaseContract:
    """Return a valid DRAFT lease of a year from the first of next month.

    Every argument of ``LeaseContract.create`` and every field of the contract is
    overridable by keyword. Giving ``end=`` replaces the default twelve ``months``;
    ``jurisdiction=`` builds the parties, property and rent for that profile.

    Raises:
        InvalidComponent: an unknown override (``testing.lease.override``).
        ValidationError, DomainRuleError: the overrides make an impossible contract.

    Examples:
        >>> lease = build_lease(BuildContext(seed=2), months=24, jurisdiction="sa-balady")
        >>> lease.term, lease.monthly_rent.currency.code, lease.landlord.id_kind
        ((24, 0), 'SAR', 'sa.national_id')
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    if "end" in overrides and "months" not in overrides:
        overrides["months"] = None
    today = ctx.today()
    start = add_months(today.replace(day=1), 1)
    rent = monthly_rent(ctx)
    defaults: dict[str, Any] = {
        "reference": ctx.number("L"),
        "jurisdiction": ctx.jurisdiction.code,
        "landlord": build_party(ctx),
        "tenant": build_party(ctx),
        "property": build_property(ctx),
        "monthly_rent": rent,
        "start": start,
        "months": 12,
        "end": None,
        "signed_on": today - dt.timedelta(days=ctx.rng.randint(0, 5)),
        "deposit": rent,
    }
    tenant = overrides.get("tenant", defaults["tenant"])
    if "landlord" not in overrides and defaults["landlord"].same_as(tenant):
        # Two draws can give one number (Hypothesis shrinks every draw towards the same
        # value): the landlord is then a company, which never shares a person's number.
        defaults["landlord"] = build_party(ctx, PartyKind.COMPANY)
    return construct(LeaseContract.create, defaults, overrides, family="lease")
