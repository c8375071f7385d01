"""Saudi commercial registration (CR, السجل التجاري) and unified national number.

Two kinds of 10-digit number identify a Saudi establishment (DOMAIN.md §2):

* the **legacy CR number**, whose first four digits are the issuing office (``1010``
  Riyadh, ``4030`` Jeddah, ``2050`` Dammam, ...). It has no public check digit, so
  validation is format-only ([W]);
* the **unified national number** (الرقم الوطني الموحد, the "700 number"): 10 digits
  starting with ``7``; since 3 April 2025 it is the sole establishment identifier ([C]:
  SAMA circulars 42007290 and 106900951, balady.gov.sa FAQ). Old records still carry
  legacy numbers, so both are accepted and :func:`kind` tells them apart.

A legacy number therefore never starts with ``7``, nor with ``0``: no office code starts
with 0 ([A]; override with ``legacy_first_digits=``).

**Office codes.** :data:`OFFICES` names a few well-known offices. No public list is
complete, so an unknown office code is still a valid number: :func:`office` then returns
``None``; pass a larger table with ``offices=``.

**Prefixes.** :func:`compact` accepts and drops a leading ``CR`` (any case) or Arabic
``س.ت``, with a colon after it, as numbers are pasted from letterheads. The canonical
form, returned by :func:`compact`, :func:`validate` and :func:`format`, is the 10 digits
alone, which is how Saudi certificates print them.

>>> validate("س.ت: ١٠١٠١٢٣٤٥٦")
'1010123456'
>>> kind("7001234567")
<CRKind.UNIFIED_NUMBER: 'unified_number'>
>>> office("1010123456").city("ar")
'الرياض'
>>> validate("101012345")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidLength: The CR number must have 10 characters.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Collection, Mapping
from types import MappingProxyType

import attrs

from municipal_core._coerce import to_enum
from municipal_core.errors import InvalidComponent, Language
from municipal_core.identifiers._util import (
    CR_PREFIXES,
    Label,
    compact_prefixed,
    language,
    mask_tail,
    random_digits,
    require_digits,
    require_first_digit,
    succeeds,
)

__all__ = [
    "LEGACY_FIRST_DIGITS",
    "LENGTH",
    "OFFICES",
    "UNIFIED_PREFIX",
    "CRKind",
    "IssuingOffice",
    "compact",
    "format",
    "generate",
    "is_valid",
    "kind",
    "mask",
    "office",
    "office_code",
    "validate",
]

LENGTH = 10
"""Digits in both kinds of number (DOMAIN.md §2)."""

UNIFIED_PREFIX = "7"
"""First digit of a unified national number (DOMAIN.md §2, [C])."""

LEGACY_FIRST_DIGITS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "8", "9")
"""Digits a legacy CR number may start with: not 7 (unified numbers), not 0 ([A])."""


class CRKind(str, enum.Enum):
    """Which kind of establishment number a valid value is."""

    LEGACY_CR = "legacy_cr"
    UNIFIED_NUMBER = "unified_number"


@attrs.frozen
class IssuingOffice:
    """A commercial-registration office: its 4-digit code and its city in both languages."""

    code: str
    city_en: str
    city_ar: str

    def city(self, lang: Language = "en") -> str:
        """Return the city's name in ``lang`` (``"en"`` or ``"ar"``).

        >>> OFFICES["4030"].city()
        'Jeddah'
        """
        return self.city_ar if language(lang) == "ar" else self.city_en


def _offices(*rows: tuple[str, str, str]) -> Mapping[str, IssuingOffice]:
    return MappingProxyType({code: IssuingOffice(code, en, ar) for code, en, ar in rows})


OFFICES: Mapping[str, IssuingOffice] = _offices(
    # DOMAIN.md §2 names these three ([W]).
    ("1010", "Riyadh", "الرياض"),
    ("2050", "Dammam", "الدمام"),
    ("4030", "Jeddah", "جدة"),
    # Widely printed on certificates; not confirmed by an official list ([W]).
    ("2051", "Al Khobar", "الخبر"),
    ("4031", "Makkah", "مكة المكرمة"),
    ("4650", "Madinah", "المدينة المنورة"),
)
"""Known office codes -> :class:`IssuingOffice`. Deliberately small and incomplete."""

_OFFICE_DIGITS = 4

_LABEL = Label("commercial_registration", "sa.cr", "CR number", "رقم السجل التجاري")


def compact(number: str) -> str:
    """Return the 10 digits, without separators or a ``CR`` / ``س.ت`` prefix.

    >>> compact("CR-1010 123 456")
    '1010123456'
    """
    return compact_prefixed(number, CR_PREFIXES, label=_LABEL)


def validate(
    number: str,
    *,
    kind: CRKind | str | None = None,
    legacy_first_digits: Collection[str] = LEGACY_FIRST_DIGITS,
) -> str:
    """Return the compact number if it is a well-formed legacy CR or unified number.

    Args:
        number: the number as typed.
        kind: if given, also require the number to be of that kind.
        legacy_first_digits: digits a legacy number may start with.

    Raises:
        InvalidFormat: not text, or not digits (code ``sa.cr.format``).
        InvalidLength: not 10 digits (``sa.cr.length``).
        InvalidComponent: a legacy number starting with a digit not in
            ``legacy_first_digits`` (``sa.cr.first_digit``), or a number not of the
            requested ``kind`` (``sa.cr.kind``).

    >>> validate("7001234567", kind=CRKind.LEGACY_CR)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A legacy CR number is required, not a unified one.
    """
    value = require_digits(compact(number), (LENGTH,), label=_LABEL)
    found = _kind_of(value)
    if found is CRKind.LEGACY_CR:
        require_first_digit(value, legacy_first_digits, label=_LABEL)
    if kind is not None:
        kind = to_enum(CRKind, kind, code=f"{_LABEL.code}.kind_value", field="kind")
    if kind is not None and found is not kind:
        if kind is CRKind.LEGACY_CR:
            raise _LABEL.error(
                InvalidComponent,
                "kind",
                "A legacy CR number is required, not a unified one.",
                "يلزم إدخال رقم سجل تجاري قديم، لا الرقم الوطني الموحد.",
            )
        raise _LABEL.error(
            InvalidComponent,
            "kind",
            "A unified national number (starting with 7) is required.",
            "يلزم إدخال الرقم الوطني الموحد (يبدأ بالرقم 7).",
        )
    return value


def _kind_of(value: str) -> CRKind:
    return CRKind.UNIFIED_NUMBER if value.startswith(UNIFIED_PREFIX) else CRKind.LEGACY_CR


def is_valid(number: str, *, kind: CRKind | str | None = None) -> bool:
    """Return whether ``number`` is a well-formed legacy CR or unified number.

    >>> is_valid("4030123456"), is_valid("0123456789"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(lambda n: validate(n, kind=kind), number)


def kind(number: str) -> CRKind:
    """Return whether a valid number is a legacy CR number or a unified national number.

    >>> kind("1010123456").value
    'legacy_cr'
    """
    return _kind_of(validate(number))


def office_code(number: str) -> str | None:
    """Return the 4-digit issuing-office code of a legacy number, ``None`` for a unified one.

    >>> office_code("1131123456"), office_code("7001234567")
    ('1131', None)
    """
    value = validate(number)
    return value[:_OFFICE_DIGITS] if _kind_of(value) is CRKind.LEGACY_CR else None


def office(
    number: str, *, offices: Mapping[str, IssuingOffice] = OFFICES
) -> IssuingOffice | None:
    """Return the issuing office of a legacy number, if ``offices`` knows its code.

    ``None`` for a unified number and for an office code missing from ``offices``, which
    does not make the number invalid.

    >>> office("2050123456").city()
    'Dammam'
    >>> office("1131123456") is None
    True
    """
    code = office_code(number)
    return None if code is None else offices.get(code)


def format(number: str) -> str:
    """Return the number as Saudi certificates print it: ten digits, no prefix.

    >>> format("CR 1010-123-456")
    '1010123456'
    """
    return validate(number)


def mask(number: str) -> str:
    """Return the number with all but its last four digits hidden, for logs.

    >>> mask("1010123456")
    '******3456'
    """
    return mask_tail(compact(number))


def generate(rng: random.Random, *, kind: CRKind | None = None) -> str:
    """Return a random valid number, deterministic for a seeded ``rng``.

    A legacy number gets one of the known :data:`OFFICES` codes.

    Examples:
        >>> rng = random.Random(11)
        >>> [is_valid(generate(rng, kind=k), kind=k) for k in CRKind]
        [True, True]
    """
    chosen = kind or rng.choice((CRKind.LEGACY_CR, CRKind.UNIFIED_NUMBER))
    if chosen is CRKind.UNIFIED_NUMBER:
        return UNIFIED_PREFIX + random_digits(rng, LENGTH - 1, first="")
    return rng.choice(sorted(OFFICES)) + random_digits(rng, LENGTH - _OFFICE_DIGITS, first="")
