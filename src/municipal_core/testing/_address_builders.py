"""Builders for addresses: an Omani address (MD 200/2024) and a Saudi national address.

Street, district and city names are drawn from short lists of real places so documents
rendered from kit data look like the portals' own; the numbered parts come from the
identifier modules' generators. :func:`build_address` picks the jurisdiction's kind.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> build_address(BuildContext(seed=1))
    OmanAddress(wilayat='Sohar', governorate='OM-BS')
    >>> build_address(BuildContext(seed=1, jurisdiction="sa-balady")).region in range(1, 9)
    True
"""

from __future__ import annotations

from typing import Any

from municipal_core.identifiers.om.address import Governorate, OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.testing import _generators as gen
from municipal_core.testing._context import BuildContext, construct

__all__ = ["build_address", "build_national_address", "build_oman_address"]

_OM_STREETS = (
    "Al Multaqa Street", "Sultan Qaboos Street", "Al Hambar Street", "Falaj Al Qabail Road",
    "Al Tareef Street", "Al Waqaibah Street", "Sallan Street", "Al Humbar Way",
)  # fmt: skip

# (city, district, first digit of its postal codes): the digit is the postal region the
# validator checks; districts are well-known ones of each city.
_SA_PLACES = (
    ("Riyadh", "Al Olaya", "1"), ("Riyadh", "Al Malaz", "1"), ("Jeddah", "Al Rawdah", "2"),
    ("Makkah", "Al Aziziyah", "2"), ("Dammam", "Al Faisaliyah", "3"),
    ("Madinah", "Quba", "4"), ("Buraydah", "Al Iskan", "5"),
)  # fmt: skip
_SA_STREETS = (
    "King Fahd Road", "Prince Sultan Street", "King Abdulaziz Road", "Tahlia Street",
    "Olaya Street", "Prince Mohammed bin Abdulaziz Road",
)  # fmt: skip


def _digits(ctx: BuildContext, count: int) -> str:
    # Building and additional numbers do not start with 0 on the plates we have seen.
    return str(ctx.rng.randrange(10 ** (count - 1), 10**count))


def build_oman_address(ctx: BuildContext, **overrides: Any) -> OmanAddress:
    """Return a valid Sohar address; every field is overridable by keyword.

    Raises:
        InvalidComponent: an unknown override (``testing.oman_address.override``).

    Examples:
        >>> address = build_oman_address(BuildContext(), wilayat="Liwa")
        >>> address.wilayat, address.governorate.value
        ('Liwa', 'OM-BS')
    """
    defaults: dict[str, Any] = {
        "address_number": gen.om_address_number(ctx.rng),
        "street": ctx.rng.choice(_OM_STREETS),
        "wilayat": "Sohar",
        "governorate": Governorate.NORTH_AL_BATINAH,
    }
    return construct(OmanAddress, defaults, overrides, family="oman_address")


def build_national_address(ctx: BuildContext, **overrides: Any) -> NationalAddress:
    """Return a valid Saudi national address with its short address.

    Raises:
        InvalidComponent: an unknown override (``testing.national_address.override``).

    Examples:
        >>> address = build_national_address(BuildContext(seed=4), city="Taif")
        >>> address.city, len(address.short_address)
        ('Taif', 8)
    """
    city, district, region = ctx.rng.choice(_SA_PLACES)
    defaults: dict[str, Any] = {
        "building_number": _digits(ctx, 4),
        "street": ctx.rng.choice(_SA_STREETS),
        "district": district,
        "city": city,
        "postal_code": region + _digits(ctx, 4),
        "additional_number": _digits(ctx, 4),
        "short_address": gen.short_address(ctx.rng),
    }
    return construct(NationalAddress, defaults, overrides, family="national_address")


def build_address(ctx: BuildContext, **overrides: Any) -> OmanAddress | NationalAddress:
    """Return the address kind of ``ctx``'s country: Omani in Oman, Saudi elsewhere.

    Examples:
        >>> type(build_address(BuildContext(), jurisdiction="sa-balady")).__name__
        'NationalAddress'
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    if ctx.jurisdiction.country == "OM":
        return build_oman_address(ctx, **overrides)
    return build_national_address(ctx, **overrides)
