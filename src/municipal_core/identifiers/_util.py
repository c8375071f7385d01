"""Helpers every identifier module shares: cleaning input, digit scripts, masking, Luhn.

Private: the public face of each identifier is its own module's functions.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Collection
from typing import NamedTuple, Protocol, TypeVar

from municipal_core._text import DIGITS_TO_ASCII, language, mask_tail
from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

__all__ = [
    "CR_PREFIXES",
    "MAX_INPUT_LENGTH",
    "IdentifierModule",
    "Label",
    "clean",
    "clean_code",
    "clean_text",
    "compact_prefixed",
    "digits_only",
    "language",
    "luhn_check_digit",
    "luhn_is_valid",
    "mask_tail",
    "random_digits",
    "require_digits",
    "require_first_digit",
    "require_length",
    "require_length_range",
    "require_text",
    "strip_prefixes",
    "succeeds",
    "to_ascii_digits",
]

_E = TypeVar("_E", bound=ValidationError)

MAX_INPUT_LENGTH = 256
"""Longer raw inputs are refused before any work, so a 10 000-character paste is cheap."""

_DIGIT_TABLE = DIGITS_TO_ASCII

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
    return require_text(number, field=field, code=code).translate(_STRIP_TABLE).strip()


def require_text(
    value: object,
    *,
    field: str,
    code: str,
    what_en: str = "value",
    what_ar: str = "القيمة",
    max_length: int = MAX_INPUT_LENGTH,
) -> str:
    """Return ``value`` if it is a string of at most ``max_length`` characters.

    Raises ``InvalidFormat`` (``{code}.format``) for anything but text and
    ``InvalidLength`` (``{code}.length``) for a paste too long to be what was asked for.

    >>> require_text("29458/2023", field="reference", code="reference")
    '29458/2023'
    """
    if not isinstance(value, str):
        raise InvalidFormat(
            f"The {what_en} must be text.",
            f"يجب أن تكون {what_ar} نصًا.",
            code=f"{code}.format",
            field=field,
        )
    if len(value) > max_length:
        raise InvalidLength(
            f"The {what_en} is far too long.",
            f"{what_ar} طويلة جدًا.",
            code=f"{code}.length",
            field=field,
        )
    return value


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


# --- Shared by the commercial-registration, civil-number, VATIN and address modules. ---


class Label(NamedTuple):
    """How errors name one input: its field, its code family, its noun in both languages.

    A module keeps one ``Label`` per input, so every error about that input carries the
    same ``field`` and codes of the same family.

    >>> label = Label("civil_number", "om.civil_number", "civil number", "الرقم المدني")
    >>> err = label.error(InvalidFormat, "format", "Bad value.", "قيمة غير صالحة.")
    >>> err.code, err.field
    ('om.civil_number.format', 'civil_number')
    """

    field: str
    code: str
    what_en: str
    what_ar: str

    def error(self, cls: type[_E], suffix: str, message_en: str, message_ar: str) -> _E:
        """Return (not raise) a ``cls`` error with code ``"{code}.{suffix}"``."""
        return cls(message_en, message_ar, code=f"{self.code}.{suffix}", field=self.field)


_DIGITS = "0123456789"
_EXAMPLE = Label("example", "example", "number", "الرقم")

CR_PREFIXES = ("CR", "ست")
"""What people type before a commercial-registration number, in Oman and in Saudi Arabia:
Latin "CR" (any case) or Arabic "س.ت" (سجل تجاري), whose dot :func:`clean` has dropped."""

# After a prefix such as "CR" people type a colon, a hash or a space ("CR: 1234567").
_PREFIX_TAIL = re.compile(r"^[\s:#]+")

# C0 and C1 control characters except tab, newline and carriage return (those are
# whitespace and collapse to a space), and lone surrogates, which cannot be encoded.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Bidi embeddings, overrides (U+202A..U+202E) and isolates (U+2066..U+2069) make text
# display in another order than it is stored: "Trojan Source" for addresses. The plain
# marks (LRM, RLM, ALM) only nudge neutral characters and stay allowed.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Invisible characters copy/paste leaves behind (zero-width space, soft hyphen, word
# joiner, byte-order mark): dropped, so two values that print alike compare equal. ZWNJ and
# ZWJ stay: they change how Arabic and Persian letters join.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"))


def succeeds(validate: Callable[[str], object], number: str) -> bool:
    """Return whether ``validate(number)`` returns instead of raising ``ValidationError``.

    The body of every module's ``is_valid``.

    >>> succeeds(lambda n: require_digits(n, (3,), label=_EXAMPLE), "123")
    True
    >>> succeeds(lambda n: require_digits(n, (3,), label=_EXAMPLE), "12")
    False
    """
    try:
        validate(number)
    except ValidationError:
        return False
    return True


def strip_prefixes(value: str, prefixes: Collection[str]) -> str:
    """Remove leading ``prefixes`` (in any case) and a colon, hash or spaces after them.

    Works on a value already through :func:`clean`. It repeats until no prefix is left, so
    the result is stable: cleaning and stripping it again changes nothing.

    >>> strip_prefixes("cr:1234567", ("CR", "ست"))
    '1234567'
    >>> strip_prefixes("ست1234567", ("CR", "ست"))
    '1234567'
    """
    wanted = tuple(p.upper() for p in prefixes if p)
    found = True
    while found:
        found = False
        for prefix in wanted:
            if value[: len(prefix)].upper() == prefix:
                value = _PREFIX_TAIL.sub("", value[len(prefix) :], count=1)
                found = True
    return value


def compact_prefixed(number: object, prefixes: Collection[str], *, label: Label) -> str:
    """Return :func:`clean` ``number`` with any of ``prefixes`` stripped from its start.

    >>> compact_prefixed("س.ت: ١٢٣٤٥٦٧", CR_PREFIXES, label=_EXAMPLE)
    '1234567'
    """
    return strip_prefixes(clean(number, field=label.field, code=label.code), prefixes)


def require_digits(value: str, lengths: Collection[int], *, label: Label) -> str:
    """Return ``value`` if it is ASCII digits, as many as one of ``lengths``; else raise.

    Raises ``InvalidFormat`` (``{code}.format``) or ``InvalidLength`` (``{code}.length``).

    >>> require_digits("1234567", (7,), label=_EXAMPLE)
    '1234567'
    """
    names = label._asdict()
    digits_only(value, **names)
    return require_length(value, tuple(sorted(lengths)), **names)


def require_length_range(value: str, minimum: int, maximum: int, *, label: Label) -> str:
    """Return ``value`` if it has ``minimum`` to ``maximum`` characters, else raise.

    Raises ``InvalidLength`` with code ``{code}.length``.

    >>> require_length_range("12", 1, 5, label=_EXAMPLE)
    '12'
    """
    if not minimum <= len(value) <= maximum:
        raise label.error(
            InvalidLength,
            "length",
            f"The {label.what_en} must have {minimum} to {maximum} characters.",
            f"يجب أن يتكون {label.what_ar} من {minimum} إلى {maximum} خانات.",
        )
    return value


def require_first_digit(value: str, allowed: Collection[str], *, label: Label) -> str:
    """Return ``value`` if its first character is one of ``allowed``, else raise.

    Raises ``InvalidComponent`` with code ``{code}.first_digit``.

    >>> require_first_digit("1234567", ("1",), label=_EXAMPLE)
    '1234567'
    """
    if not value or value[0] not in allowed:
        shown = sorted(allowed)
        raise label.error(
            InvalidComponent,
            "first_digit",
            f"The {label.what_en} must start with {' or '.join(shown)}.",
            f"يجب أن يبدأ {label.what_ar} بالرقم {' أو '.join(shown)}.",
        )
    return value


def clean_code(number: object, *, label: Label, max_length: int) -> str:
    """Return a short code (a unit or sub-address number): separators out, upper case.

    Only Latin letters and digits (Arabic-Indic digits are converted) are allowed.

    >>> clean_code(" ١٢-b ", label=_EXAMPLE, max_length=8)
    '12B'
    """
    value = clean(number, field=label.field, code=label.code).upper()
    if not (value.isascii() and value.isalnum()):
        raise label.error(
            InvalidFormat,
            "format",
            f"The {label.what_en} must contain Latin letters and digits only.",
            f"يجب أن يتكون {label.what_ar} من حروف لاتينية وأرقام فقط.",
        )
    return require_length_range(value, 1, max_length, label=label)


def clean_text(value: object, *, label: Label, max_length: int) -> str:
    r"""Return free text (a street, a district) tidied: NFC, whitespace collapsed, stripped.

    Raises:
        InvalidFormat: not text (``{code}.format``); a control character
            (``{code}.control``); a bidi embedding, override or isolate character
            (``{code}.bidi``), which can make an address display as something else.
        InvalidLength: empty, or longer than ``max_length`` once tidied (``{code}.length``).

    >>> clean_text("  King   Fahd\tRoad ", label=_EXAMPLE, max_length=100)
    'King Fahd Road'
    >>> clean_text("Olaya\u202e", label=_EXAMPLE, max_length=100)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The number must not contain bidi control characters.
    """
    if not isinstance(value, str):
        raise label.error(
            InvalidFormat,
            "format",
            f"The {label.what_en} must be text.",
            f"يجب أن يكون {label.what_ar} نصًا.",
        )
    # A raw value far over the limit skips the tidying and fails the length check below,
    # so a megabyte paste costs nothing.
    if len(value) <= max(MAX_INPUT_LENGTH, max_length):
        if _CONTROL.search(value):
            raise label.error(
                InvalidFormat,
                "control",
                f"The {label.what_en} must not contain control characters.",
                f"يجب ألا يحتوي {label.what_ar} على محارف تحكم.",
            )
        if _BIDI_CONTROL.search(value):
            raise label.error(
                InvalidFormat,
                "bidi",
                f"The {label.what_en} must not contain bidi control characters.",
                f"يجب ألا يحتوي {label.what_ar} على محارف التحكم في اتجاه النص.",
            )
        value = " ".join(unicodedata.normalize("NFC", value.translate(_INVISIBLE)).split())
    return require_length_range(value, 1, max_length, label=label)


def random_digits(rng: random.Random, length: int, *, first: str = "123456789") -> str:
    """Return ``length`` random digits, the first one drawn from ``first``.

    Fixtures avoid a leading zero by default so they survive a spreadsheet round trip. An
    empty ``first`` allows any digit; a ``length`` below 1 gives ``""``.

    >>> len(random_digits(random.Random(1), 7))
    7
    """
    if length < 1:
        return ""
    return rng.choice(first or _DIGITS) + "".join(rng.choice(_DIGITS) for _ in range(length - 1))
