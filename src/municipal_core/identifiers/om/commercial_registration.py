"""Omani commercial registration (CR, السجل التجاري) number.

Printed as ``CR`` followed by 7 digits, the first of them ``1`` (DOMAIN.md §2, [W]: a
secondary source only, so the digit count and the first digit are module constants that
every function lets you override). No check digit is published: validation is
format-only.

**Canonical form.** :func:`compact` (and so :func:`validate`) returns the 7 digits
alone, which is what to store and look records up by: ``"CR1234567"``, ``"cr-1234567"``,
``"س.ت ١٢٣٤٥٦٧"`` and ``"1234567"`` are one registration. :func:`format` puts the
``CR`` prefix back, as the number is printed; the Omani VATIN module
(:mod:`municipal_core.identifiers.om.vatin`) follows the same rule with ``OM``.

>>> validate("CR 1234567")
'1234567'
>>> format("س.ت ١٢٣٤٥٦٧")
'CR1234567'
>>> validate("CR2234567")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidComponent: The CR number must start with 1.
"""

from __future__ import annotations

import random
from collections.abc import Collection

from municipal_core.identifiers._util import (
    CR_PREFIXES,
    Label,
    compact_prefixed,
    mask_tail,
    random_digits,
    require_digits,
    require_first_digit,
    succeeds,
)

__all__ = [
    "FIRST_DIGITS",
    "LENGTH",
    "PREFIX",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "validate",
]

LENGTH = 7
"""Digits after the prefix (DOMAIN.md §2, [W]); override with ``length=``."""

FIRST_DIGITS: tuple[str, ...] = ("1",)
"""Digits a number may start with (DOMAIN.md §2, [W]); override with ``first_digits=``."""

PREFIX = "CR"
"""The prefix :func:`format` prints."""

_LABEL = Label("commercial_registration", "om.cr", "CR number", "رقم السجل التجاري")


def compact(number: str) -> str:
    """Return the digits: separators, a ``CR`` / ``س.ت`` prefix and its colon removed.

    >>> compact("cr: 123-4567")
    '1234567'
    """
    return compact_prefixed(number, CR_PREFIXES, label=_LABEL)


def validate(
    number: str, *, length: int = LENGTH, first_digits: Collection[str] = FIRST_DIGITS
) -> str:
    """Return the compact number (digits only) if it is well formed, else raise.

    Raises:
        InvalidFormat: not text, or not digits after the prefix (code ``om.cr.format``).
        InvalidLength: not ``length`` digits (``om.cr.length``).
        InvalidComponent: the first digit is not one of ``first_digits``
            (``om.cr.first_digit``).

    >>> validate("2234567", first_digits=("1", "2"))
    '2234567'
    """
    value = require_digits(compact(number), (length,), label=_LABEL)
    return require_first_digit(value, first_digits, label=_LABEL)


def is_valid(
    number: str, *, length: int = LENGTH, first_digits: Collection[str] = FIRST_DIGITS
) -> bool:
    """Return whether ``number`` is a well-formed CR number.

    >>> is_valid("CR1234567"), is_valid("CR123456"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(lambda n: validate(n, length=length, first_digits=first_digits), number)


def format(
    number: str,
    *,
    prefix: bool = True,
    length: int = LENGTH,
    first_digits: Collection[str] = FIRST_DIGITS,
) -> str:
    """Return the number as printed, ``CR`` and the digits; ``prefix=False`` drops ``CR``.

    >>> format("1234567"), format("CR 1234567", prefix=False)
    ('CR1234567', '1234567')
    """
    value = validate(number, length=length, first_digits=first_digits)
    return PREFIX + value if prefix else value


def mask(number: str) -> str:
    """Return the digits with all but the last three hidden, for logs.

    >>> mask("CR1234567")
    '****567'
    """
    return mask_tail(compact(number))


def generate(
    rng: random.Random, *, length: int = LENGTH, first_digits: Collection[str] = FIRST_DIGITS
) -> str:
    """Return a random well-formed number (compact form), deterministic for a seeded ``rng``.

    >>> value = generate(random.Random(3))
    >>> value[0], len(value), is_valid(value)
    ('1', 7, True)
    """
    return random_digits(rng, length, first="".join(first_digits))
