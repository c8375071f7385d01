"""Saudi national address (العنوان الوطني) and its short address (العنوان المختصر).

A national address has a building number (4 digits), a street, a district, a city, a
postal code (5 digits whose first digit is the region, 1 to 8) and an additional number
(4 digits); the **short address** packs it into 4 Latin letters and 4 digits, as in
``RRRD2929`` (DOMAIN.md §2, [C] address.gov.sa; what each letter means is only [W], so
this module does not interpret the letters).

The module's ``compact``/``validate``/``is_valid``/``format``/``mask``/``generate`` act
on the **short address**, so the module is an ``IdentifierModule`` and the transactions
registry can look records up by it. The other parts have their own validators, and
:class:`NationalAddress` holds a whole address, checked when it is built.

>>> validate("rrrd ٢٩٢٩")
'RRRD2929'
>>> postal_region("12211")
1
>>> validate("RRR2929")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidLength: The short address must have 8 characters.
>>> address = NationalAddress("2929", "King Fahd Road", "Al Olaya", "Riyadh", "12211", "3434")
>>> print(address.format())
2929 King Fahd Road
Al Olaya
Riyadh 12211-3434
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Collection

import attrs

from municipal_core.errors import InvalidComponent, InvalidFormat, Language
from municipal_core.identifiers._util import (
    Label,
    clean,
    clean_code,
    clean_text,
    language,
    mask_tail,
    random_digits,
    require_digits,
    require_length,
    succeeds,
)

__all__ = [
    "ADDITIONAL_NUMBER_LENGTH",
    "BUILDING_NUMBER_LENGTH",
    "MAX_CITY_LENGTH",
    "MAX_DISTRICT_LENGTH",
    "MAX_STREET_LENGTH",
    "MAX_UNIT_NUMBER_LENGTH",
    "POSTAL_CODE_LENGTH",
    "POSTAL_REGIONS",
    "SHORT_ADDRESS_DIGITS",
    "SHORT_ADDRESS_LETTERS",
    "NationalAddress",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "postal_region",
    "validate",
    "validate_additional_number",
    "validate_building_number",
    "validate_postal_code",
]

BUILDING_NUMBER_LENGTH = 4
"""Digits in a building number (DOMAIN.md §2, [C])."""

ADDITIONAL_NUMBER_LENGTH = 4
"""Digits in an additional number (DOMAIN.md §2, [C])."""

POSTAL_CODE_LENGTH = 5
"""Digits in a postal code (DOMAIN.md §2, [C])."""

POSTAL_REGIONS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8)
"""Region digits a postal code may start with (DOMAIN.md §2, [C]); see ``regions=``."""

SHORT_ADDRESS_LETTERS = 4
"""Latin letters that open a short address (DOMAIN.md §2, [C])."""

SHORT_ADDRESS_DIGITS = 4
"""Digits that close a short address (DOMAIN.md §2, [C])."""

# Free-text limits are ours ([A]): long enough for "Prince Mohammed bin Abdulaziz Road
# (Tahlia Street)" in either script, short enough for one printed line.
MAX_STREET_LENGTH = 100
"""Longest street name accepted, in characters, once whitespace is collapsed ([A])."""

MAX_DISTRICT_LENGTH = 100
"""Longest district name accepted ([A])."""

MAX_CITY_LENGTH = 60
"""Longest city name accepted ([A])."""

MAX_UNIT_NUMBER_LENGTH = 8
"""Longest unit (apartment, office) number accepted: Latin letters and digits ([A])."""

_SHORT_PATTERN = re.compile(
    f"[A-Z]{{{SHORT_ADDRESS_LETTERS}}}[0-9]{{{SHORT_ADDRESS_DIGITS}}}", re.ASCII
)

_CODE = "sa.national_address"
_SHORT = Label("short_address", f"{_CODE}.short_address", "short address", "العنوان المختصر")
_BUILDING = Label(
    "building_number", f"{_CODE}.building_number", "building number", "رقم المبنى"
)
_ADDITIONAL = Label(
    "additional_number", f"{_CODE}.additional_number", "additional number", "الرقم الإضافي"
)
_POSTAL = Label("postal_code", f"{_CODE}.postal_code", "postal code", "الرمز البريدي")
_STREET = Label("street", f"{_CODE}.street", "street name", "اسم الشارع")
_DISTRICT = Label("district", f"{_CODE}.district", "district name", "اسم الحي")
_CITY = Label("city", f"{_CODE}.city", "city name", "اسم المدينة")
_UNIT = Label("unit_number", f"{_CODE}.unit_number", "unit number", "رقم الوحدة")


# --- the short address: the module's IdentifierModule face ---------------------------


def compact(number: str) -> str:
    """Return the short address without separators, upper-cased, with ASCII digits.

    >>> compact(" rrrd-٢٩٢٩ ")
    'RRRD2929'
    """
    return clean(number, field=_SHORT.field, code=_SHORT.code).upper()


def validate(number: str) -> str:
    """Return the compact short address if it is 4 Latin letters then 4 digits, else raise.

    Raises:
        InvalidFormat: not text, or not letters then digits
            (code ``sa.national_address.short_address.format``).
        InvalidLength: not 8 characters (``sa.national_address.short_address.length``).

    >>> validate("2929RRRD")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The short address must be 4 Latin letters then 4 digits.
    """
    value = compact(number)
    require_length(value, (SHORT_ADDRESS_LETTERS + SHORT_ADDRESS_DIGITS,), **_SHORT._asdict())
    if not _SHORT_PATTERN.fullmatch(value):
        raise _SHORT.error(
            InvalidFormat,
            "format",
            f"The short address must be {SHORT_ADDRESS_LETTERS} Latin letters then "
            f"{SHORT_ADDRESS_DIGITS} digits.",
            f"يجب أن يتكون العنوان المختصر من {SHORT_ADDRESS_LETTERS} حروف لاتينية ثم "
            f"{SHORT_ADDRESS_DIGITS} أرقام.",
        )
    return value


def is_valid(number: str) -> bool:
    """Return whether ``number`` is a well-formed short address.

    >>> is_valid("RRRD2929"), is_valid("RRRD292"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(validate, number)


def format(number: str) -> str:
    """Return the short address as printed: upper case, no space.

    >>> format("rrrd 2929")
    'RRRD2929'
    """
    return validate(number)


def mask(number: str) -> str:
    """Return the short address with its letters hidden, for logs.

    >>> mask("RRRD2929")
    '****2929'
    """
    return mask_tail(compact(number))


def generate(rng: random.Random) -> str:
    """Return a random well-formed short address, deterministic for a seeded ``rng``.

    >>> is_valid(generate(random.Random(2)))
    True
    """
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(SHORT_ADDRESS_LETTERS))
    return letters + random_digits(rng, SHORT_ADDRESS_DIGITS, first="")


# --- the numbered parts ---------------------------------------------------------------


def _fixed_digits(number: str, length: int, label: Label) -> str:
    return require_digits(clean(number, field=label.field, code=label.code), (length,), label=label)


def validate_building_number(number: str) -> str:
    """Return the 4-digit building number, compacted, or raise.

    Codes: ``sa.national_address.building_number.format`` / ``.length``.

    >>> validate_building_number("٢٩٢٩")
    '2929'
    """
    return _fixed_digits(number, BUILDING_NUMBER_LENGTH, _BUILDING)


def validate_additional_number(number: str) -> str:
    """Return the 4-digit additional number, compacted, or raise.

    Codes: ``sa.national_address.additional_number.format`` / ``.length``.

    >>> validate_additional_number(" 3434 ")
    '3434'
    """
    return _fixed_digits(number, ADDITIONAL_NUMBER_LENGTH, _ADDITIONAL)


def validate_postal_code(code: str, *, regions: Collection[int] = POSTAL_REGIONS) -> str:
    """Return the 5-digit postal code, compacted, or raise.

    Raises:
        InvalidFormat: not text or not digits (``sa.national_address.postal_code.format``).
        InvalidLength: not 5 digits (``sa.national_address.postal_code.length``).
        InvalidComponent: the first digit is not one of ``regions``
            (``sa.national_address.postal_code.region``).

    >>> validate_postal_code("12211")
    '12211'
    >>> validate_postal_code("92211")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The postal code must start with a region digit.
    """
    value = _fixed_digits(code, POSTAL_CODE_LENGTH, _POSTAL)
    if int(value[0]) not in regions:
        raise _POSTAL.error(
            InvalidComponent,
            "region",
            "The postal code must start with a region digit.",
            "يجب أن يبدأ الرمز البريدي برقم المنطقة.",
        )
    return value


def postal_region(code: str, *, regions: Collection[int] = POSTAL_REGIONS) -> int:
    """Return the region digit (1 to 8) a valid postal code starts with.

    >>> postal_region("31952")
    3
    """
    return int(validate_postal_code(code, regions=regions)[0])


# --- the whole address ----------------------------------------------------------------


def _street(value: str) -> str:
    return clean_text(value, label=_STREET, max_length=MAX_STREET_LENGTH)


def _district(value: str) -> str:
    return clean_text(value, label=_DISTRICT, max_length=MAX_DISTRICT_LENGTH)


def _city(value: str) -> str:
    return clean_text(value, label=_CITY, max_length=MAX_CITY_LENGTH)


def _unit_number(value: str | None) -> str | None:
    return None if value is None else clean_code(
        value, label=_UNIT, max_length=MAX_UNIT_NUMBER_LENGTH
    )


def _short_address(value: str | None) -> str | None:
    return None if value is None else validate(value)


# (English, Arabic) words the printed address uses.
_WORDS = {
    "unit": ("Unit", "وحدة رقم"),
    "short": ("Short address", "العنوان المختصر"),
}


@attrs.frozen(repr=False)
class NationalAddress:
    """A Saudi national address, every part checked and tidied when it is built.

    Numbers are compacted (``"٢٩٢٩"`` becomes ``"2929"``); street, district and city are
    free text with whitespace collapsed, and refuse control and bidi-override characters.
    ``repr()`` shows the city and region only: an address locates a person.

    Raises:
        ValidationError: a subclass, from the part's validator, with that part's
            ``field`` and a ``sa.national_address.<part>.*`` code.

    >>> address = NationalAddress(
    ...     building_number="٢٩٢٩", street="  King Fahd   Road", district="Al Olaya",
    ...     city="Riyadh", postal_code="12211", additional_number="3434",
    ...     short_address="rrrd2929", unit_number="12")
    >>> address
    NationalAddress(city='Riyadh', region=1)
    >>> address.building_number, address.street, address.short_address
    ('2929', 'King Fahd Road', 'RRRD2929')
    """

    building_number: str = attrs.field(converter=validate_building_number)
    street: str = attrs.field(converter=_street)
    district: str = attrs.field(converter=_district)
    city: str = attrs.field(converter=_city)
    postal_code: str = attrs.field(converter=validate_postal_code)
    additional_number: str = attrs.field(converter=validate_additional_number)
    short_address: str | None = attrs.field(default=None, converter=_short_address)
    unit_number: str | None = attrs.field(default=None, converter=_unit_number)

    @property
    def region(self) -> int:
        """The region digit of the postal code (1 to 8)."""
        return int(self.postal_code[0])

    def format(self, lang: Language = "en") -> str:
        """Return the address as printed, one part per line, in ``"en"`` or ``"ar"``.

        Lines: building number and street; the unit, if any; the district; the city,
        postal code and additional number (``Riyadh 12211-3434``); the short address, if
        any. Digits stay ASCII in both languages, as Saudi Post prints them.

        Raises:
            InvalidComponent: ``lang`` is not ``"en"`` or ``"ar"``
                (code ``language``).

        >>> address = NationalAddress("2929", "طريق الملك فهد", "العليا", "الرياض", "12211",
        ...                           "3434", short_address="RRRD2929", unit_number="12")
        >>> print(address.format("ar"))
        2929 طريق الملك فهد
        وحدة رقم 12
        العليا
        الرياض 12211-3434
        العنوان المختصر RRRD2929
        """
        i = 1 if language(lang) == "ar" else 0
        lines = [f"{self.building_number} {self.street}"]
        if self.unit_number is not None:
            lines.append(f"{_WORDS['unit'][i]} {self.unit_number}")
        lines.append(self.district)
        lines.append(f"{self.city} {self.postal_code}-{self.additional_number}")
        if self.short_address is not None:
            lines.append(f"{_WORDS['short'][i]} {self.short_address}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(city={self.city!r}, region={self.region})"
