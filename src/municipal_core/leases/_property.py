"""The leased property: what is let (usage, unit, area) and where it is.

The address is of the jurisdiction's kind: an
:class:`~municipal_core.identifiers.om.address.OmanAddress` in Oman, a
:class:`~municipal_core.identifiers.sa.national_address.NationalAddress` in Saudi Arabia.
Muscat's printed contracts still locate a property by
building, block, plot and way numbers (DOMAIN.md §4), so those legacy fields stay here too.

Examples:
    >>> from decimal import Decimal
    >>> flat = LeasedProperty("residential", "Flat 12", area_m2=Decimal("95.5"),
    ...                       building_number="3341", block="215", plot="88")
    >>> flat.usage, flat.unit
    (<PropertyUsage.RESIDENTIAL: 'residential'>, 'Flat 12')
    >>> flat.same_unit(LeasedProperty("commercial", "flat  12", building_number="3341",
    ...                               block="215", plot="88"))
    True
    >>> LeasedProperty("residential", "Flat 12", area_m2=Decimal(0))
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The area must be more than 0 m².
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs

from municipal_core._coerce import to_enum
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.identifiers._util import Label, clean_text
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress

__all__ = ["LeasedProperty", "PropertyUsage"]

_CODE = "lease.property"
_MAX_UNIT = 50


class PropertyUsage(str, enum.Enum):
    """What the property is let for; the Omani fee rate is the same for all (DOMAIN.md §4)."""

    RESIDENTIAL = "residential"
    COMMERCIAL = "commercial"
    INDUSTRIAL = "industrial"
    OTHER = "other"


def _usage(value: object) -> PropertyUsage:
    return to_enum(PropertyUsage, value, code=f"{_CODE}.usage", field="usage")


def _short_text(value: object, field: str, what_en: str, what_ar: str) -> str | None:
    if value is None:
        return None
    label = Label(field, f"{_CODE}.{field}", what_en, what_ar)
    return clean_text(value, label=label, max_length=_MAX_UNIT)


def _building_number(value: object) -> str | None:
    return _short_text(value, "building_number", "building number", "رقم المبنى")


def _block(value: object) -> str | None:
    return _short_text(value, "block", "block number", "رقم المجمع")


def _plot(value: object) -> str | None:
    return _short_text(value, "plot", "plot number", "رقم القطعة")


def _way(value: object) -> str | None:
    return _short_text(value, "way", "way number", "رقم السكة")


def _unit(value: object) -> str:
    return clean_text(
        value, label=Label("unit", f"{_CODE}.unit", "unit", "رقم الوحدة"), max_length=_MAX_UNIT
    )


def _check_area(_instance: object, _attribute: object, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidFormat(
            "The area must be a Decimal number of square metres (never a float).",
            "يجب أن تكون المساحة عددًا عشريًا دقيقًا بالمتر المربع.",
            code=f"{_CODE}.area.type",
            field="area_m2",
        )
    if value <= 0:
        raise InvalidComponent(
            "The area must be more than 0 m².",
            "يجب أن تكون المساحة أكبر من صفر متر مربع.",
            code=f"{_CODE}.area.range",
            field="area_m2",
        )


def _check_address(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, (OmanAddress, NationalAddress)):
        raise InvalidFormat(
            "The address must be an OmanAddress or a NationalAddress.",
            "يجب أن يكون العنوان عنوانًا عمانيًا أو عنوانًا وطنيًا سعوديًا.",
            code=f"{_CODE}.address.type",
            field="address",
        )


@attrs.frozen
class LeasedProperty:
    """A let unit: its usage, unit number, area, address and legacy location numbers.

    Attributes:
        usage: :class:`PropertyUsage` or its value.
        unit: the flat or shop number as the contract prints it (``"Flat 12"``).
        area_m2: the area in square metres, a positive ``Decimal``, if known.
        address: the national address, of the jurisdiction's kind, if known.
        building_number: Muscat contracts' building number.
        block: the block (مجمع) number.
        plot: the plot (قطعة) number.
        way: the way (سكة) number.

    Raises:
        InvalidComponent: an unknown usage (``lease.property.usage``); an area of 0 or
            less (``lease.property.area.range``).
        InvalidFormat: an area that is not a Decimal (``lease.property.area.type``), an
            address of another type (``lease.property.address.type``), or text fields
            that are not text or hold control characters (``lease.property.<field>.*``).
        InvalidLength: an empty unit, or a text field over 50 characters.

    Examples:
        >>> LeasedProperty("shop", "S-4")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The value must be one of: residential, ...
    """

    usage: PropertyUsage = attrs.field(converter=_usage)
    unit: str = attrs.field(converter=_unit)
    area_m2: Decimal | None = attrs.field(default=None, validator=_check_area)
    address: OmanAddress | NationalAddress | None = attrs.field(
        default=None, validator=_check_address
    )
    building_number: str | None = attrs.field(default=None, converter=_building_number)
    block: str | None = attrs.field(default=None, converter=_block)
    plot: str | None = attrs.field(default=None, converter=_plot)
    way: str | None = attrs.field(default=None, converter=_way)

    def same_unit(self, other: LeasedProperty) -> bool:
        """Return whether both describe the same let unit (usage and area aside).

        The unit must match (ignoring case and spacing), and the location too: the
        addresses when both have one, else the building, block, plot and way numbers.

        Examples:
            >>> a = LeasedProperty("residential", "Flat 1", building_number="10")
            >>> a.same_unit(LeasedProperty("residential", "Flat 2", building_number="10"))
            False
        """
        if self.unit.casefold() != other.unit.casefold():
            return False
        if self.address is not None and other.address is not None:
            return self.address == other.address
        return (self.building_number, self.block, self.plot, self.way) == (
            other.building_number,
            other.block,
            other.plot,
            other.way,
        )
