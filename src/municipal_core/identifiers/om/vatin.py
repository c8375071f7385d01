"""Omani VAT identification number (VATIN, رقم التعريف الضريبي).

Printed as ``OM`` followed by 10 digits (DOMAIN.md §2, [W]: the digit count is the
module constant :data:`LENGTH`; override with ``length=``). No check digit is published:
validation is format-only.

**Canonical form.** As for the Omani CR number, :func:`compact` and :func:`validate`
return the digits alone (store and look up by these) and :func:`format` prints the
``OM`` prefix back: ``"OM1100012345"``, ``"om 110-001-2345"`` and ``"1100012345"`` are
one taxpayer.

>>> validate("OM 1100012345")
'1100012345'
>>> format("١١٠٠٠١٢٣٤٥")
'OM1100012345'
>>> validate("OM110001234")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidLength: The VAT number must have 10 characters.
"""

from __future__ import annotations

import random

from municipal_core.identifiers._util import (
    Label,
    compact_prefixed,
    mask_tail,
    random_digits,
    require_digits,
    succeeds,
)

__all__ = ["LENGTH", "PREFIX", "compact", "format", "generate", "is_valid", "mask", "validate"]

LENGTH = 10
"""Digits after the prefix (DOMAIN.md §2, [W])."""

PREFIX = "OM"
"""The country prefix :func:`format` prints and :func:`compact` removes (any case)."""

_LABEL = Label("vatin", "om.vatin", "VAT number", "رقم التعريف الضريبي")


def compact(number: str) -> str:
    """Return the digits: separators and an ``OM`` prefix removed.

    >>> compact("om-110 001 2345")
    '1100012345'
    """
    return compact_prefixed(number, (PREFIX,), label=_LABEL)


def validate(number: str, *, length: int = LENGTH) -> str:
    """Return the compact VATIN (digits only) if it is well formed, else raise.

    Raises:
        InvalidFormat: not text, or not digits after the prefix (code ``om.vatin.format``).
        InvalidLength: not ``length`` digits (``om.vatin.length``).

    >>> validate("OM1100012345")
    '1100012345'
    """
    return require_digits(compact(number), (length,), label=_LABEL)


def is_valid(number: str, *, length: int = LENGTH) -> bool:
    """Return whether ``number`` is a well-formed VATIN.

    >>> is_valid("OM1100012345"), is_valid("OMX"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    return succeeds(lambda n: validate(n, length=length), number)


def format(number: str, *, prefix: bool = True, length: int = LENGTH) -> str:
    """Return the VATIN as printed on an invoice; ``prefix=False`` drops ``OM``.

    >>> format("1100012345"), format("OM1100012345", prefix=False)
    ('OM1100012345', '1100012345')
    """
    value = validate(number, length=length)
    return PREFIX + value if prefix else value


def mask(number: str) -> str:
    """Return the digits with all but the last four hidden, for logs.

    >>> mask("OM1100012345")
    '******2345'
    """
    return mask_tail(compact(number))


def generate(rng: random.Random, *, length: int = LENGTH) -> str:
    """Return a random well-formed VATIN (compact form), deterministic for a seeded ``rng``.

    >>> is_valid(generate(random.Random(5)))
    True
    """
    return random_digits(rng, length)
