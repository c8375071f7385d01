"""Helpers every identifier module shares: cleaning input, digit scripts, masking, Luhn.

Private: the public face of each identifier is its own module's functions.
"""

from __future__ import annotations

import random
from typing import Protocol

from municipal_core.errors import InvalidFormat, InvalidLength

__all__ = [
    "MAX_INPUT_LENGTH",
    "IdentifierModule",
    "clean",
    "digits_only",
    "luhn_check_digit",
    "luhn_is_valid",
    "mask_tail",
    "require_length",
    "to_ascii_digits",
]

MAX_INPUT_LENGTH = 256
"""Longer raw inputs are refused before any work, so a 10 000-character paste is cheap."""

# Arabic-Indic (U+0660..0669) and Extended Arabic-Indic / Persian (U+06F0..06F9) digits,
# as people type them on Arabic and Persian keyboards.
_DIGIT_TABLE = {cp: ord("0") + i for base in (0x0660, 0x06F0) for i, cp in
                enumerate(range(base, base + 10))}

# Separators people type inside numbers: spaces (incl. no-break and thin), dashes
# (ASCII, en, em, Arabic hyphen-like), dots, slashes, and the bidi marks that copy/paste
# from right-to-left pages inserts.
_SEPARATORS = " \t\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014./\u200e\u200f\u061c"
_STRIP_TABLE = {**_DIGIT_TABLE, **{ord(c): None for c in _SEPARATORS}}

# 2-digit Luhn table: value of the pair "ab" when "a" is doubled, for a pair-at-a-time sum.
_LUHN_DOUBLE = tuple((2 * d) // 10 + (2 * d) % 10 for d in range(10))


class IdentifierModule(Protocol):
    """The shape of every identifier module (python-stdnum's, plus ``mask``/``generate``).

    A module object satisfies this protocol structurally, so one test can walk them all.
    """

    def compact(self, number: str) -> str:
        """Return the canonical form: separators removed, digits in ASCII."""
        ...

    def validate(self, number: str) -> str:
        """Return the compact form, or raise the most specific ``ValidationError``."""
        ...

    def is_valid(self, number: str) -> bool:
        """Return whether ``validate`` would succeed."""
        ...

    def format(self, number: str) -> str:
        """Return the form people print."""
        ...

    def mask(self, number: str) -> str:
        """Return a form safe for logs and messages."""
        ...

    def generate(self, rng: random.Random) -> str:
        """Return a random valid value, deterministic for a seeded ``rng``."""
        ...


def to_ascii_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits by ASCII digits.

    >>> to_ascii_digits("١٠٠٠٠٠٠٠٠٨")
    '1000000008'
    >>> to_ascii_digits("۱۲۳abc")
    '123abc'
    """
    return text.translate(_DIGIT_TABLE)


def clean(number: object, *, field: str, code: str) -> str:
    """Check ``number`` is a string of sane length; drop separators; ASCII the digits.

    Raises ``InvalidFormat`` (code ``{code}.format``) for a non-string and
    ``InvalidLength`` (``{code}.length``) for an absurdly long one.

    >>> clean(" ١٠٠-٠٠٠ ٠٠٠٨ ", field="national_id", code="sa.national_id")
    '1000000008'
    """
    if not isinstance(number, str):
        raise InvalidFormat(
            "The value must be text.",
            "يجب أن تكون القيمة نصًا.",
            code=f"{code}.format",
            field=field,
        )
    if len(number) > MAX_INPUT_LENGTH:
        raise InvalidLength(
            "The value is far too long.",
            "القيمة طويلة جدًا.",
            code=f"{code}.length",
            field=field,
        )
    return number.translate(_STRIP_TABLE).strip()


def digits_only(value: str, *, field: str, code: str, what_en: str, what_ar: str) -> str:
    """Return ``value`` if it is made of ASCII digits only, else raise ``InvalidFormat``."""
    if not (value.isascii() and value.isdigit()):
        raise InvalidFormat(
            f"The {what_en} must contain digits only.",
            f"يجب أن يتكون {what_ar} من أرقام فقط.",
            code=f"{code}.format",
            field=field,
        )
    return value


def require_length(
    value: str, lengths: tuple[int, ...], *, field: str, code: str, what_en: str, what_ar: str
) -> str:
    """Return ``value`` if its length is one of ``lengths``, else raise ``InvalidLength``."""
    if len(value) not in lengths:
        expected = " or ".join(str(n) for n in lengths)
        expected_ar = " أو ".join(str(n) for n in lengths)
        raise InvalidLength(
            f"The {what_en} must have {expected} characters.",
            f"يجب أن يتكون {what_ar} من {expected_ar} خانات.",
            code=f"{code}.length",
            field=field,
        )
    return value


def mask_tail(value: str, visible: int = 4, char: str = "*") -> str:
    """Hide all but the last ``visible`` characters; never reveals more than half.

    >>> mask_tail("1000000008")
    '******0008'
    >>> mask_tail("1234")
    '**34'
    """
    shown = min(visible, len(value) // 2)
    return char * (len(value) - shown) + (value[len(value) - shown:] if shown else "")


def luhn_is_valid(digits: str) -> bool:
    """Return whether an ASCII digit string passes the Luhn (mod 10) check.

    >>> luhn_is_valid("1000000008"), luhn_is_valid("1000000000")
    (True, False)
    """
    return _luhn_sum(digits, check_included=True) % 10 == 0


def luhn_check_digit(digits: str) -> str:
    """Return the Luhn check digit to append to ``digits``.

    >>> luhn_check_digit("100000000")
    '8'
    """
    return str(-_luhn_sum(digits, check_included=False) % 10)


def _luhn_sum(digits: str, *, check_included: bool) -> int:
    # Double every second digit counting from the right; the check digit itself (when
    # present) is not doubled.
    total = 0
    double = not check_included
    for ch in reversed(digits):
        d = ord(ch) - 48
        total += _LUHN_DOUBLE[d] if double else d
        double = not double
    return total
