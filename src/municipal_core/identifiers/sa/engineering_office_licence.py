"""Saudi engineering-office licence number (ترخيص المكتب الهندسي).

An engineering office that registers on Balady gives the licence number the Saudi Council
of Engineers (الهيئة السعودية للمهندسين) issued it (DOMAIN.md §1). The council publishes
no format for that number, so this module is **format-only and an assumption** ([A]):

* digits only (Arabic-Indic and Persian digits, spaces and dashes are accepted as typed);
* :data:`MIN_LENGTH` to :data:`MAX_LENGTH` digits (3 to 10), wide enough for the short
  serials and the longer numbers seen on office letterheads;
* no check digit, and a leading zero is kept: refusing a number printed on a real licence
  would lock an office out, while a typo is caught by the council's own record.

A host application that knows better passes ``min_length=`` / ``max_length=``.

Examples:
    >>> validate("٢٣٤-٥٦٧")
    '234567'
    >>> validate("12")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidLength: The engineering-office licence number must have 3 to 10 characters.
    >>> mask("2345678")
    '****678'
"""  # noqa: E501

from __future__ import annotations

import random

from municipal_core.errors import InvalidComponent
from municipal_core.identifiers._util import (
    Label,
    clean,
    digits_only,
    mask_tail,
    random_digits,
    require_length_range,
    succeeds,
)

__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "validate",
]

MIN_LENGTH = 3
"""Fewest digits accepted by default ([A]: no published format)."""
MAX_LENGTH = 10
"""Most digits accepted by default ([A]: no published format)."""

_LABEL = Label(
    "engineering_licence",
    "sa.engineering_office_licence",
    "engineering-office licence number",
    "رقم ترخيص المكتب الهندسي",
)

# Short numbers: showing four digits of a 6-digit licence would reveal most of it.
_VISIBLE = 3


def compact(number: str) -> str:
    """Return the number without separators and with ASCII digits.

    Examples:
        >>> compact(" ٠١٢ ٣٤٥ ")
        '012345'
    """
    return clean(number, field=_LABEL.field, code=_LABEL.code)


def validate(number: str, *, min_length: int = MIN_LENGTH, max_length: int = MAX_LENGTH) -> str:
    """Return the compact number if it is well formed, else raise.

    Args:
        number: the number as typed.
        min_length: fewest digits to accept.
        max_length: most digits to accept.

    Returns:
        The digits alone.

    Raises:
        InvalidFormat: not text, or not digits (code ``sa.engineering_office_licence.format``).
        InvalidLength: a digit count outside the range (``...length``).

    Examples:
        >>> validate("0012345")
        '0012345'
        >>> validate("12", min_length=2)
        '12'
    """
    names = _LABEL._asdict()
    value = digits_only(compact(number), **names)
    return require_length_range(value, min_length, max_length, label=_LABEL)


def is_valid(number: str, *, min_length: int = MIN_LENGTH, max_length: int = MAX_LENGTH) -> bool:
    """Return whether ``number`` is a well-formed licence number.

    Examples:
        >>> is_valid("2345678"), is_valid("12"), is_valid(None)  # type: ignore[arg-type]
        (True, False, False)
    """
    return succeeds(lambda n: validate(n, min_length=min_length, max_length=max_length), number)


def format(number: str) -> str:
    """Return the number as printed: digits only, no separators.

    Examples:
        >>> format("234 5678")
        '2345678'
    """
    return validate(number)


def mask(number: str) -> str:
    """Return the number with all but its last three digits hidden, for logs.

    Never more than half the digits show (see ``mask_tail``).

    Examples:
        >>> mask("2345678"), mask("1234")
        ('****678', '**34')
    """
    return mask_tail(compact(number), _VISIBLE)


def generate(
    rng: random.Random, *, min_length: int = MIN_LENGTH, max_length: int = MAX_LENGTH
) -> str:
    """Return a random well-formed number, deterministic for a seeded ``rng``.

    Fixtures never start with a zero, so they survive a spreadsheet.

    Raises:
        InvalidComponent: the length range is empty (code
            ``sa.engineering_office_licence.lengths``).

    Examples:
        >>> value = generate(random.Random(3))
        >>> MIN_LENGTH <= len(value) <= MAX_LENGTH, is_valid(value)
        (True, True)
    """
    if not 1 <= min_length <= max_length:
        raise _LABEL.error(
            InvalidComponent,
            "lengths",
            "The digit-count range is empty.",
            "نطاق عدد الخانات فارغ.",
        )
    return random_digits(rng, rng.randint(min_length, max_length))
