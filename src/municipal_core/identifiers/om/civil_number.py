"""Omani civil number (الرقم المدني), printed on the resident or citizen ID card.

The number is digits only. Real numbers of 8 and of 9 digits are seen, and the Civil
Status directorate publishes no check digit, so **validation is format-only**: it proves
the number is well formed, never that it was issued (DOMAIN.md §2, [W]). Input may use
Arabic-Indic or Persian digits, spaces and dashes.

A leading zero is accepted: DOMAIN.md is silent on it, and refusing a number printed on
a real card would lock its holder out, whereas a typo here is caught later by the
identity check that owns the truth. Pass ``lengths=`` if a host application knows more.

>>> validate("١٢٣٤ ٥٦٧٨")
'12345678'
>>> validate("1234567")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidLength: The civil number must have 8 or 9 characters.
>>> mask("123456789")
'******789'
"""

from __future__ import annotations

import random
from collections.abc import Collection

from municipal_core.errors import InvalidComponent
from municipal_core.identifiers._util import (
    Label,
    clean,
    mask_tail,
    random_digits,
    require_digits,
    succeeds,
)

__all__ = [
    "ALLOWED_LENGTHS",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "validate",
]

ALLOWED_LENGTHS: tuple[int, ...] = (8, 9)
"""Digit counts seen on real civil numbers (DOMAIN.md §2, [W]: civilstatus.gov.om FAQ,
lease print-outs). A default only: every function takes ``lengths=``."""

_LABEL = Label("civil_number", "om.civil_number", "civil number", "الرقم المدني")

# Eight or nine digits is short: showing four would reveal half of an 8-digit number.
_VISIBLE = 3


def compact(number: str) -> str:
    """Return the number without separators and with ASCII digits.

    >>> compact(" ١٢٣-٤٥٦-٧٨ ")
    '12345678'
    """
    return clean(number, field=_LABEL.field, code=_LABEL.code)


def validate(number: str, *, lengths: Collection[int] = ALLOWED_LENGTHS) -> str:
    """Return the compact number if it is well formed, else raise.

    Args:
        number: the number as typed.
        lengths: the digit counts to accept.

    Raises:
        InvalidFormat: not text, or not digits (code ``om.civil_number.format``).
        InvalidLength: a digit count not in ``lengths`` (``om.civil_number.length``).

    >>> validate("012345678")
    '012345678'
    >>> validate("1234567", lengths=(7, 8, 9))
    '1234567'
    """
    return require_digits(compact(number), lengths, label=_LABEL)


def is_valid(number: str, *, lengths: Collection[int] = ALLOWED_LENGTHS) -> bool:
    """Return whether ``number`` is a well-formed civil number.

    >>> is_valid("12345678"), is_valid("12345"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(lambda n: validate(n, lengths=lengths), number)


def format(number: str, *, lengths: Collection[int] = ALLOWED_LENGTHS) -> str:
    """Return the number as printed on the card: digits only, no separators.

    >>> format("١٢٣٤٥٦٧٨")
    '12345678'
    """
    return validate(number, lengths=lengths)


def mask(number: str) -> str:
    """Return the number with all but its last three digits hidden, for logs.

    >>> mask("12345678")
    '*****678'
    """
    return mask_tail(compact(number), _VISIBLE)


def generate(rng: random.Random, *, lengths: Collection[int] = ALLOWED_LENGTHS) -> str:
    """Return a random well-formed number, deterministic for a seeded ``rng``.

    Raises:
        InvalidComponent: ``lengths`` is empty (code ``om.civil_number.lengths``).

    >>> value = generate(random.Random(7))
    >>> len(value) in ALLOWED_LENGTHS, is_valid(value)
    (True, True)
    """
    choices = sorted(n for n in lengths if n > 0)
    if not choices:
        raise _LABEL.error(
            InvalidComponent, "lengths", "No digit count was given.", "لم يحدد عدد الخانات."
        )
    return random_digits(rng, rng.choice(choices))
