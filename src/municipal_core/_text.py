"""Character tables for text as people type it in Arabic and Persian, shared by all layers.

Private and at the bottom of the import graph, so ``dates``, ``money`` and ``identifiers``
share one definition instead of three.
"""

from __future__ import annotations

from municipal_core.errors import InvalidComponent, Language

__all__ = [
    "ARABIC_INDIC_DIGITS",
    "BIDI_CONTROLS",
    "BIDI_MARKS",
    "DIGITS_TO_ASCII",
    "INVISIBLE_IN_CODES",
    "language",
    "mask_tail",
    "to_arabic_digits",
]

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
"""U+0660..U+0669, the digits of Arabic text."""

# Arabic-Indic (U+0660..0669) and Extended Arabic-Indic / Persian (U+06F0..06F9) digits,
# as Arabic and Persian keyboards type them.
DIGITS_TO_ASCII: dict[int, int | None] = {
    base + i: ord("0") + i for base in (0x0660, 0x06F0) for i in range(10)
}
"""``str.translate`` table: Arabic-Indic and Persian digits to ASCII digits."""

BIDI_MARKS = "\u200e\u200f\u061c"
"""LRM, RLM and ALM: invisible marks that copy/paste from right-to-left pages inserts."""

BIDI_CONTROLS = BIDI_MARKS + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The marks plus the embedding, override and isolate controls (U+202A..E, U+2066..9)."""

INVISIBLE_IN_CODES: dict[int, int | None] = dict.fromkeys(
    map(ord, BIDI_CONTROLS + "\u200b\u200c\u200d\ufeff")
)
"""``str.translate`` table deleting what copy/paste leaves in or around codes (e-mail
addresses, reference numbers): bidi marks and controls, zero-width space, non-joiner and
joiner, and the byte-order mark. None is ever part of such a code, so removal is safe."""

_TO_ARABIC = str.maketrans("0123456789", ARABIC_INDIC_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with ASCII digits written as Arabic-Indic digits.

    >>> to_arabic_digits("1445-09-01")
    '١٤٤٥-٠٩-٠١'
    """
    return text.translate(_TO_ARABIC)


def language(lang: object) -> Language:
    """Return ``lang`` if it is ``"en"`` or ``"ar"``, else raise ``InvalidComponent``.

    The one check behind every ``lang=`` argument in the library (code ``language``).

    >>> language("ar")
    'ar'
    """
    if lang == "en":
        return "en"
    if lang == "ar":
        return "ar"
    raise InvalidComponent(
        'The language must be "en" or "ar".',
        'يجب أن تكون اللغة "en" أو "ar".',
        code="language",
        field="lang",
    )


def mask_tail(value: str, visible: int = 4, char: str = "*") -> str:
    """Hide all but the last ``visible`` characters; never reveals more than half.

    The one masking rule for identifiers in logs, messages and reprs.

    >>> mask_tail("1000000008")
    '******0008'
    >>> mask_tail("1234")
    '**34'
    """
    shown = min(visible, len(value) // 2)
    return char * (len(value) - shown) + (value[len(value) - shown :] if shown else "")
