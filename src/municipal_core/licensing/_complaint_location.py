"""Where a complaint is: a structured address, a free-text description, coordinates, or all.

A :class:`Location` holds at least one of: an Omani address
(:class:`~municipal_core.identifiers.om.address.OmanAddress`) or a Saudi national address
(:class:`~municipal_core.identifiers.sa.national_address.NationalAddress`); a short free
text ("behind the Lulu roundabout"); a WGS 84 latitude and longitude pair.

Coordinates are ``Decimal`` degrees. They may be given as ``Decimal``, ``int``, text or
``float`` (a phone's GPS reports floats; a float is read through its shortest ``repr``,
so ``24.3461`` stays ``24.3461``). More than :data:`COORDINATE_PLACES` decimal places
(about 1 cm) are rounded half-even to that many: no GPS is better, and the extra digits
of a float only add noise.

Examples:
    >>> spot = Location(latitude="24.3461", longitude=56.7075)
    >>> spot.latitude, spot.longitude
    (Decimal('24.3461'), Decimal('56.7075'))
    >>> Location(latitude="24.123456789", longitude="56.1").latitude
    Decimal('24.1234568')
    >>> Location(latitude="95", longitude="56")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The latitude must lie between -90 and 90 degrees.
    >>> Location()
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: A location needs an address, a description or ...
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any, NamedTuple

import attrs

from municipal_core._text import language
from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat, Language
from municipal_core.identifiers._util import Label, clean_text, to_ascii_digits
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress

__all__ = [
    "COORDINATE_PLACES",
    "COUNTRY_BOUNDS",
    "MAX_ADDRESS_TEXT_LENGTH",
    "Bounds",
    "Location",
    "check_country",
]

COORDINATE_PLACES = 7
"""Decimal places kept in a coordinate: 1e-7 degree is about 1.1 cm at the equator."""

MAX_ADDRESS_TEXT_LENGTH = 200
"""Longest free-text location accepted, once whitespace is collapsed ([A])."""

_ONE = Decimal(1)
_QUANTUM = _ONE.scaleb(-COORDINATE_PLACES)
_TEXT = Label("address_text", "complaint.location.text", "location description", "وصف الموقع")


class Bounds(NamedTuple):
    """A latitude/longitude box, in degrees, edges included."""

    south: Decimal
    north: Decimal
    west: Decimal
    east: Decimal

    def contains(self, latitude: Decimal, longitude: Decimal) -> bool:
        """Return whether the point lies inside the box (edges included).

        Examples:
            >>> COUNTRY_BOUNDS["OM"].contains(Decimal("24.3"), Decimal("56.7"))
            True
        """
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


COUNTRY_BOUNDS: Mapping[str, Bounds] = {
    # [A] Generous boxes round each country (Musandam to Dhofar; Tabuk to Najran), half
    # a degree of slack. They catch the usual bug, latitude and longitude swapped, which
    # no range check can: (56.7, 24.3) is a valid point, in the Arctic.
    "OM": Bounds(Decimal("16.0"), Decimal("27.0"), Decimal("51.5"), Decimal("60.5")),
    "SA": Bounds(Decimal("16.0"), Decimal("32.5"), Decimal("34.0"), Decimal("56.0")),
}
"""Country code to the box its points must lie in (see :func:`check_country`)."""


_WHAT = {"latitude": ("latitude", "خط العرض"), "longitude": ("longitude", "خط الطول")}


def _coordinate(value: object, *, field: str, limit: int) -> Decimal:
    what_en, what_ar = _WHAT[field]
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as the same float
    number: Decimal | None = None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            number = Decimal(to_ascii_digits(value.strip()))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise InvalidFormat(
            f"The {what_en} must be a number of degrees.",
            f"يجب أن يكون {what_ar} عددًا بالدرجات.",
            code=f"complaint.location.{field}.format",
            field=field,
        )
    if not -limit <= number <= limit:
        raise InvalidComponent(
            f"The {what_en} must lie between -{limit} and {limit} degrees.",
            f"يجب أن يقع {what_ar} بين -{limit} و{limit} درجة.",
            code=f"complaint.location.{field}.range",
            field=field,
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -COORDINATE_PLACES:
        number = number.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
    elif isinstance(exponent, int) and exponent > 0:
        number = number.quantize(_ONE)  # "1E+1" degrees reads as 10
    return number + 0  # folds -0 into 0, so equal points compare and print alike


def _latitude(value: object) -> Decimal | None:
    return None if value is None else _coordinate(value, field="latitude", limit=90)


def _longitude(value: object) -> Decimal | None:
    return None if value is None else _coordinate(value, field="longitude", limit=180)


def _address_text(value: object) -> str | None:
    return (
        None
        if value is None
        else clean_text(value, label=_TEXT, max_length=MAX_ADDRESS_TEXT_LENGTH)
    )


def _address(_instance: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, (OmanAddress, NationalAddress)):
        raise InvalidFormat(
            "The address must be an OmanAddress or a NationalAddress.",
            "يجب أن يكون العنوان عنوانًا عمانيًا أو عنوانًا وطنيًا سعوديًا.",
            code="complaint.location.address",
            field="address",
        )


@attrs.frozen
class Location:
    """Where a complaint is; at least one of an address, a description or coordinates.

    Attributes:
        address: an Omani or Saudi structured address, or ``None``.
        address_text: free text, whitespace tidied, control and bidi-override characters
            refused (``complaint.location.text.*``), or ``None``.
        latitude: WGS 84 degrees north, -90 to 90, or ``None``.
        longitude: WGS 84 degrees east, -180 to 180, or ``None``.

    Raises:
        InvalidFormat: nothing given (``complaint.location.empty``), only one coordinate
            (``complaint.location.pair``), a coordinate that is not a number
            (``complaint.location.<field>.format``), an address of another type.
        InvalidComponent: a coordinate out of range (``complaint.location.<field>.range``).

    Examples:
        >>> Location(address_text="  behind the   fish market ").address_text
        'behind the fish market'
    """

    address: OmanAddress | NationalAddress | None = attrs.field(default=None, validator=_address)
    address_text: str | None = attrs.field(default=None, converter=_address_text)
    latitude: Decimal | None = attrs.field(default=None, converter=_latitude)
    longitude: Decimal | None = attrs.field(default=None, converter=_longitude)

    def __attrs_post_init__(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise InvalidFormat(
                "Give both the latitude and the longitude, or neither.",
                "يجب إدخال خط العرض وخط الطول معًا أو تركهما معًا.",
                code="complaint.location.pair",
                field="latitude" if self.latitude is None else "longitude",
            )
        if self.address is None and self.address_text is None and self.latitude is None:
            raise InvalidFormat(
                "A location needs an address, a description or coordinates.",
                "يحتاج الموقع إلى عنوان أو وصف أو إحداثيات.",
                code="complaint.location.empty",
                field="location",
            )

    def address_line(self, lang: Language = "en") -> str | None:
        """Return the address and description on one line, or ``None`` if neither is set.

        Raises:
            InvalidComponent: ``lang`` is neither ``"en"`` nor ``"ar"`` (code ``language``).

        Examples:
            >>> Location(OmanAddress("9", "Dar Al Khair Street", "Sohar", "North Al Batinah"),
            ...          "next to the school").address_line()
            '9, Dar Al Khair Street, Sohar, North Al Batinah, Sultanate of Oman, next to the school'
        """
        lang = language(lang)
        parts = []
        if self.address is not None:
            parts.extend(self.address.format(lang).splitlines())
        if self.address_text is not None:
            parts.append(self.address_text)
        return ", ".join(parts) if parts else None


def check_country(location: Location, country: str) -> None:
    """Raise ``DomainRuleError`` unless ``location`` can lie in ``country`` ("OM", "SA").

    The address must be of that country's kind, and coordinates inside its box in
    :data:`COUNTRY_BOUNDS` (countries without a box are not checked).

    Raises:
        DomainRuleError: ``complaint.location.address_country`` or
            ``complaint.location.outside``.

    Examples:
        >>> check_country(Location(latitude="56.7075", longitude="24.3461"), "OM")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The coordinates lie outside the country; \
are the latitude and longitude swapped?
    """
    expected = {"OM": OmanAddress, "SA": NationalAddress}.get(country)
    if (
        location.address is not None
        and expected is not None
        and not isinstance(location.address, expected)
    ):
        raise DomainRuleError(
            "The address is not an address of this country.",
            "العنوان ليس عنوانًا في هذه الدولة.",
            code="complaint.location.address_country",
            field="address",
        )
    bounds = COUNTRY_BOUNDS.get(country)
    if bounds is None or location.latitude is None or location.longitude is None:
        return
    if not bounds.contains(location.latitude, location.longitude):
        raise DomainRuleError(
            "The coordinates lie outside the country; are the latitude and longitude swapped?",
            "تقع الإحداثيات خارج الدولة؛ هل تبادل خط العرض وخط الطول مكانيهما؟",
            code="complaint.location.outside",
            field="latitude",
        )
