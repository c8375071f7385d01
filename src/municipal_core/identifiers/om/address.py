"""Omani address under Ministerial Decision 200/2024 (the national addressing system).

An address is an **address-unit number** (the number on the door), a street name, an
optional **sub-address** (a kind such as Apartment, and a number), the wilayat and the
governorate (DOMAIN.md §5, [C]). Odd numbers stand on one side of a street and even
numbers on the other. Contracts still carry the legacy block / way / building / plot
numbers, so :class:`OmanAddress` keeps them too.

The module's ``compact``/``validate``/``is_valid``/``format``/``mask``/``generate`` act
on the **address number** (رقم العنوان), so the module is an ``IdentifierModule`` and
the transactions registry can look records up "by address number". Neither the decision
nor the public guidance fixes its length; we accept **1 to 5 digits without a leading
zero** ([A]; see :data:`MAX_ADDRESS_NUMBER_DIGITS`): a leading zero would make ``"012"``
and ``"12"`` two keys for one door.

>>> validate("٢٣")
'23'
>>> street_side("23")
'odd'
>>> validate("023")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidFormat: The address number must not start with 0.
>>> address = OmanAddress("9", "Dar Al Khair Street", "Al Hamra", Governorate.AD_DAKHILIYAH)
>>> print(address.format())
9, Dar Al Khair Street
Al Hamra, Ad Dakhiliyah
Sultanate of Oman
"""

from __future__ import annotations

import enum
import random
from collections.abc import Mapping
from typing import Literal, TypeVar

import attrs

from municipal_core.errors import InvalidComponent, InvalidFormat, Language
from municipal_core.identifiers._util import (
    Label,
    clean,
    clean_code,
    clean_text,
    digits_only,
    language,
    mask_tail,
    random_digits,
    require_length_range,
    succeeds,
)

__all__ = [
    "MAX_ADDRESS_NUMBER_DIGITS",
    "MAX_LEGACY_LENGTH",
    "MAX_STREET_LENGTH",
    "MAX_SUB_ADDRESS_NUMBER_LENGTH",
    "MAX_WILAYAT_LENGTH",
    "Governorate",
    "OmanAddress",
    "StreetSide",
    "SubAddressKind",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "parse_governorate",
    "parse_sub_address_kind",
    "street_side",
    "validate",
]

MAX_ADDRESS_NUMBER_DIGITS = 5
"""Most digits an address number may have ([A]: no published limit; a long street
numbered with gaps for future buildings stays well under 99 999). See ``max_digits=``."""

MAX_STREET_LENGTH = 100
"""Longest street (or area) name accepted, once whitespace is collapsed ([A])."""

MAX_WILAYAT_LENGTH = 60
"""Longest wilayat name accepted ([A])."""

MAX_SUB_ADDRESS_NUMBER_LENGTH = 8
"""Longest sub-address number (Latin letters and digits) accepted ([A])."""

MAX_LEGACY_LENGTH = 20
"""Longest legacy block / way / building / plot value accepted, as free text ([A])."""

StreetSide = Literal["odd", "even"]
"""Which side of its street an address number stands on."""


class _Bilingual:
    """Gives an enum ``label(lang)``, its name in English or Arabic, from ``_LABELS``."""

    def label(self, lang: Language = "en") -> str:
        """Return the name in ``"en"`` or ``"ar"``.

        Raises:
            InvalidComponent: another ``lang`` (code ``language``).
        """
        return _LABELS[self][1 if language(lang) == "ar" else 0]


class Governorate(_Bilingual, str, enum.Enum):
    """The eleven governorates of Oman; the value is the ISO 3166-2:OM code.

    Sohar, whose municipality seed 000 describes, is in North Al Batinah.

    >>> Governorate.NORTH_AL_BATINAH.label("ar")
    'شمال الباطنة'
    """

    MUSCAT = "OM-MA"
    DHOFAR = "OM-ZU"
    MUSANDAM = "OM-MU"
    AL_BURAIMI = "OM-BU"
    AD_DAKHILIYAH = "OM-DA"
    NORTH_AL_BATINAH = "OM-BS"
    SOUTH_AL_BATINAH = "OM-BJ"
    SOUTH_ASH_SHARQIYAH = "OM-SJ"
    NORTH_ASH_SHARQIYAH = "OM-SS"
    AD_DHAHIRAH = "OM-ZA"
    AL_WUSTA = "OM-WU"


class SubAddressKind(_Bilingual, str, enum.Enum):
    """What a sub-address is (the extensible code list of the national addressing system).

    Arabic labels are our translation ([A]).

    >>> SubAddressKind.APARTMENT.label("ar")
    'شقة'
    """

    VILLA = "villa"
    APARTMENT = "apartment"
    SHOP = "shop"
    SPACE = "space"
    OFFICE = "office"
    ROOM = "room"
    SUITE = "suite"
    MULTI_DWELLING_UNIT = "multi_dwelling_unit"
    OTHER = "other"


_LABELS: Mapping[_Bilingual, tuple[str, str]] = {
    Governorate.MUSCAT: ("Muscat", "مسقط"),
    Governorate.DHOFAR: ("Dhofar", "ظفار"),
    Governorate.MUSANDAM: ("Musandam", "مسندم"),
    Governorate.AL_BURAIMI: ("Al Buraimi", "البريمي"),
    Governorate.AD_DAKHILIYAH: ("Ad Dakhiliyah", "الداخلية"),
    Governorate.NORTH_AL_BATINAH: ("North Al Batinah", "شمال الباطنة"),
    Governorate.SOUTH_AL_BATINAH: ("South Al Batinah", "جنوب الباطنة"),
    Governorate.SOUTH_ASH_SHARQIYAH: ("South Ash Sharqiyah", "جنوب الشرقية"),
    Governorate.NORTH_ASH_SHARQIYAH: ("North Ash Sharqiyah", "شمال الشرقية"),
    Governorate.AD_DHAHIRAH: ("Ad Dhahirah", "الظاهرة"),
    Governorate.AL_WUSTA: ("Al Wusta", "الوسطى"),
    SubAddressKind.VILLA: ("Villa", "فيلا"),
    SubAddressKind.APARTMENT: ("Apartment", "شقة"),
    SubAddressKind.SHOP: ("Shop", "محل"),
    SubAddressKind.SPACE: ("Space", "مساحة"),
    SubAddressKind.OFFICE: ("Office", "مكتب"),
    SubAddressKind.ROOM: ("Room", "غرفة"),
    SubAddressKind.SUITE: ("Suite", "جناح"),
    SubAddressKind.MULTI_DWELLING_UNIT: ("Multi-dwelling unit", "وحدة سكنية متعددة"),
    SubAddressKind.OTHER: ("Other", "أخرى"),
}

_CODE = "om.address"
_NUMBER = Label("address_number", f"{_CODE}.number", "address number", "رقم العنوان")
_STREET = Label("street", f"{_CODE}.street", "street name", "اسم الشارع")
_WILAYAT = Label("wilayat", f"{_CODE}.wilayat", "wilayat name", "اسم الولاية")
# "اسم المحافظة" (masculine) rather than "المحافظة": the shared messages use masculine verbs.
_GOVERNORATE = Label("governorate", f"{_CODE}.governorate", "governorate", "اسم المحافظة")
_SUB_KIND = Label(
    "sub_address_kind", f"{_CODE}.sub_address_kind", "sub-address kind", "نوع العنوان الفرعي"
)
_SUB_NUMBER = Label(
    "sub_address_number",
    f"{_CODE}.sub_address_number",
    "sub-address number",
    "رقم العنوان الفرعي",
)
# Legacy part -> (its noun in Arabic errors, (its printed English word, Arabic word)).
_LEGACY_PARTS = {
    "block": ("رقم المجمع", ("Block", "مجمع")),
    "way": ("رقم السكة", ("Way", "سكة")),
    "building": ("رقم المبنى", ("Building", "مبنى")),
    "plot": ("رقم القطعة", ("Plot", "قطعة")),
}
_LEGACY = {
    name: Label(f"legacy_{name}", f"{_CODE}.legacy_{name}", f"legacy {name} number", ar)
    for name, (ar, _) in _LEGACY_PARTS.items()
}
_COUNTRY = ("Sultanate of Oman", "سلطنة عمان")
_MAX_NAME_LENGTH = 60  # a governorate or kind name as typed, with its optional words
_COMMA = (", ", "، ")


# --- the address number: the module's IdentifierModule face ---------------------------


def compact(number: str) -> str:
    """Return the address number without separators and with ASCII digits.

    >>> compact(" ١٢٣ ")
    '123'
    """
    return clean(number, field=_NUMBER.field, code=_NUMBER.code)


def validate(number: str, *, max_digits: int = MAX_ADDRESS_NUMBER_DIGITS) -> str:
    """Return the compact address number if it is 1 to ``max_digits`` digits, no leading 0.

    Raises:
        InvalidFormat: not text, not digits (code ``om.address.number.format``), or a
            leading zero (``om.address.number.leading_zero``).
        InvalidLength: more than ``max_digits`` digits (``om.address.number.length``).

    >>> validate("123456")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidLength: The address number must have 1 to 5 characters.
    """
    value = compact(number)
    digits_only(value, **_NUMBER._asdict())
    require_length_range(value, 1, max_digits, label=_NUMBER)
    if value[0] == "0":
        raise _NUMBER.error(
            InvalidFormat,
            "leading_zero",
            "The address number must not start with 0.",
            "يجب ألا يبدأ رقم العنوان بالصفر.",
        )
    return value


def is_valid(number: str, *, max_digits: int = MAX_ADDRESS_NUMBER_DIGITS) -> bool:
    """Return whether ``number`` is a well-formed address number.

    >>> is_valid("9"), is_valid("0"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(lambda n: validate(n, max_digits=max_digits), number)


def format(number: str, *, max_digits: int = MAX_ADDRESS_NUMBER_DIGITS) -> str:
    """Return the address number as printed on the plate: digits only.

    >>> format("١٢")
    '12'
    """
    return validate(number, max_digits=max_digits)


def mask(number: str) -> str:
    """Return the address number with all but its last digits hidden (at most half shown).

    >>> mask("1234")
    '**34'
    """
    return mask_tail(compact(number))


def generate(rng: random.Random, *, max_digits: int = MAX_ADDRESS_NUMBER_DIGITS) -> str:
    """Return a random well-formed address number, deterministic for a seeded ``rng``.

    >>> is_valid(generate(random.Random(4)))
    True
    """
    return random_digits(rng, rng.randint(1, max(1, max_digits)))


def street_side(number: str) -> StreetSide:
    """Return ``"odd"`` or ``"even"``: which side of its street the number stands on.

    The public guidance of the national addressing system puts odd numbers on the left
    and even numbers on the right, looking the way numbers grow ([W]); this function
    reports the parity only.

    >>> street_side("١٢"), street_side("7")
    ('even', 'odd')
    """
    return "odd" if int(validate(number)[-1]) % 2 else "even"


# --- governorates and sub-address kinds from text -------------------------------------

_E = TypeVar("_E", Governorate, SubAddressKind)


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def _lookup_table(members: type[_E], *extra: tuple[str, str]) -> Mapping[str, _E]:
    # Each member by value, name, English and Arabic label, normalised by _key(); each
    # ``extra`` (prefix, suffix) pair adds the labels wrapped in optional words.
    table: dict[str, _E] = {}
    for member in members:
        en, ar = _LABELS[member]
        for text in (member.value, member.name, en, ar):
            table[_key(text)] = member
            for prefix, suffix in extra:
                table[_key(f"{prefix}{text}{suffix}")] = member
    return table


_GOVERNORATES = _lookup_table(Governorate, ("محافظة ", ""), ("", " governorate"))
_SUB_KINDS = _lookup_table(SubAddressKind)


def _parse(value: object, table: Mapping[str, _E], label: Label) -> _E:
    # A member of the other enum is looked up by its value, and so is refused.
    text = value.value if isinstance(value, enum.Enum) else value
    found = table.get(_key(clean_text(text, label=label, max_length=_MAX_NAME_LENGTH)))
    if found is None:
        raise label.error(
            InvalidComponent,
            "unknown",
            f"Unknown {label.what_en}.",
            f"لم يتم التعرف على {label.what_ar}.",
        )
    return found


def parse_governorate(value: Governorate | str) -> Governorate:
    """Return the governorate ``value`` names, as a form or a spreadsheet may give it.

    Accepted: a member; its ISO code or member name; its English or Arabic name, with or
    without "Governorate" / "محافظة"; in any case and spacing.

    Raises:
        InvalidComponent: no such governorate (code ``om.address.governorate.unknown``).

    >>> parse_governorate("محافظة شمال الباطنة") is Governorate.NORTH_AL_BATINAH
    True
    >>> parse_governorate("om-ma").label()
    'Muscat'
    """
    return _parse(value, _GOVERNORATES, _GOVERNORATE)


def parse_sub_address_kind(value: SubAddressKind | str) -> SubAddressKind:
    """Return the sub-address kind named by ``value`` (member, value, or a label).

    Raises:
        InvalidComponent: no such kind (code ``om.address.sub_address_kind.unknown``).

    >>> parse_sub_address_kind("شقة") is SubAddressKind.APARTMENT
    True
    """
    return _parse(value, _SUB_KINDS, _SUB_KIND)


# --- the whole address ----------------------------------------------------------------


def _street(value: str) -> str:
    return clean_text(value, label=_STREET, max_length=MAX_STREET_LENGTH)


def _wilayat(value: str) -> str:
    return clean_text(value, label=_WILAYAT, max_length=MAX_WILAYAT_LENGTH)


def _sub_kind(value: SubAddressKind | str | None) -> SubAddressKind | None:
    return None if value is None else parse_sub_address_kind(value)


def _sub_number(value: str | None) -> str | None:
    return None if value is None else clean_code(
        value, label=_SUB_NUMBER, max_length=MAX_SUB_ADDRESS_NUMBER_LENGTH
    )


@attrs.frozen(repr=False)
class OmanAddress:
    """An Omani address (MD 200/2024), every part checked and tidied when it is built.

    ``street`` (or the area name where no street exists) and ``wilayat`` are free text:
    whitespace is collapsed, and control and bidi-override characters are refused. The
    governorate and sub-address kind accept a member or its name in either language.
    A sub-address needs both its kind and its number. The ``legacy_*`` parts are the old
    block / way / building / plot numbers contracts still carry, kept as short text.
    ``repr()`` shows the wilayat and governorate only: an address locates a person.

    Raises:
        ValidationError: a subclass, with the part's ``field`` and an
            ``om.address.<part>.*`` code; ``om.address.sub_address.incomplete`` when only
            one of the sub-address kind and number is given.

    >>> address = OmanAddress(
    ...     "١٢", "Al Multaqa  Street", "Sohar", "North Al Batinah",
    ...     sub_address_kind="apartment", sub_address_number="4b", legacy_way="2914")
    >>> address
    OmanAddress(wilayat='Sohar', governorate='OM-BS')
    >>> address.street_side, address.sub_address_kind
    ('even', <SubAddressKind.APARTMENT: 'apartment'>)
    """

    address_number: str = attrs.field(converter=validate)
    street: str = attrs.field(converter=_street)
    wilayat: str = attrs.field(converter=_wilayat)
    governorate: Governorate = attrs.field(converter=parse_governorate)
    sub_address_kind: SubAddressKind | None = attrs.field(default=None, converter=_sub_kind)
    sub_address_number: str | None = attrs.field(default=None, converter=_sub_number)
    legacy_block: str | None = None
    legacy_way: str | None = None
    legacy_building: str | None = None
    legacy_plot: str | None = None

    def __attrs_post_init__(self) -> None:
        # One loop for the four legacy parts, each error naming its own field; a frozen
        # class sets a tidied value with object.__setattr__, as attrs documents.
        for label in _LEGACY.values():
            value = getattr(self, label.field)
            if value is not None:
                tidy = clean_text(value, label=label, max_length=MAX_LEGACY_LENGTH)
                object.__setattr__(self, label.field, tidy)
        if (self.sub_address_kind is None) != (self.sub_address_number is None):
            missing = _SUB_NUMBER if self.sub_address_number is None else _SUB_KIND
            raise InvalidComponent(
                "A sub-address needs both its kind and its number.",
                "يتطلب العنوان الفرعي نوعه ورقمه معًا.",
                code=f"{_CODE}.sub_address.incomplete",
                field=missing.field,
            )

    @property
    def street_side(self) -> StreetSide:
        """``"odd"`` or ``"even"``: the side of the street the address number stands on."""
        return street_side(self.address_number)

    def format(self, lang: Language = "en", *, country: bool = True) -> str:
        """Return the address as printed, in ``"en"`` or ``"ar"``.

        The layout of the national addressing system: number, street and sub-address;
        the legacy parts, if any; wilayat and governorate (once, when the names are the
        same, as for Muscat); the country unless ``country=False``. Free-text parts print
        as they were given. A sub-address of kind ``OTHER`` prints its number alone.

        Raises:
            InvalidComponent: ``lang`` is not ``"en"`` or ``"ar"``
                (code ``language``).

        >>> address = OmanAddress("12", "شارع الملتقى", "صحار", Governorate.NORTH_AL_BATINAH,
        ...                       sub_address_kind="APARTMENT", sub_address_number="4")
        >>> print(address.format("ar"))
        12، شارع الملتقى، شقة 4
        صحار، شمال الباطنة
        سلطنة عمان
        """
        i = 1 if language(lang) == "ar" else 0
        comma = _COMMA[i]
        first = [self.address_number, self.street]
        if self.sub_address_kind is not None and self.sub_address_number is not None:
            kind = self.sub_address_kind
            word = "" if kind is SubAddressKind.OTHER else kind.label(lang) + " "
            first.append(word + self.sub_address_number)
        lines = [comma.join(first)]
        legacy = [
            f"{_LEGACY_PARTS[part][1][i]} {value}"
            for part, label in _LEGACY.items()
            if (value := getattr(self, label.field)) is not None
        ]
        if legacy:
            lines.append(comma.join(legacy))
        area = self.governorate.label(lang)
        lines.append(area if _key(self.wilayat) == _key(area) else self.wilayat + comma + area)
        if country:
            lines.append(_COUNTRY[i])
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(wilayat={self.wilayat!r}, "
            f"governorate={self.governorate.value!r})"
        )
