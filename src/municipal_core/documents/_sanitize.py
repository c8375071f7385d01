r"""Make any text printable: drop hostile characters, keep every meaningful one.

Text on a document comes from applicants (names, addresses, descriptions), so it may hold
bidi overrides that would flip a rent amount on paper (U+202E "right-to-left override"
is the classic trick), control characters, unpaired surrogates or characters the bundled
font has no glyph for. :func:`clean` removes the invisible hostile ones, folds whitespace
and replaces what the font lacks with a visible ``?``, so the layout engine only ever sees
text it can shape and measure.

Examples:
    >>> clean("Rent: \u202e000.053\u202c OMR")
    'Rent: 000.053 OMR'
    >>> clean("line one\r\nline\ttwo\x00")
    'line one\nline two'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from municipal_core._text import to_arabic_digits as all_digits

__all__ = ["PLACEHOLDER", "clean", "to_arabic_digits"]

PLACEHOLDER = "?"
"""What a character the font cannot draw becomes: visible, so nothing vanishes unseen."""

# Zero-width joiner/non-joiner change how Arabic letters connect, so they are kept; every
# other format character (bidi embeddings, overrides, isolates, marks, BOM, ZWSP...) is
# dropped: the layout engine decides direction from the letters themselves.
_KEEP_FORMAT = frozenset("\u200c\u200d")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n ?")
_LATIN_TOKEN = re.compile(r"\S*[A-Za-z@]\S*")


def _keep(char: str) -> str:
    category = unicodedata.category(char)
    if char in "\n\t":
        return char
    if category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and char not in _KEEP_FORMAT):
        # Line/paragraph separators become spaces; the rest carries no visible meaning.
        return " " if category in ("Zl", "Zp") else ""
    return char


def clean(text: str, glyphs: Container[int] | None = None) -> str:
    r"""Return ``text`` safe to lay out: NFC, no controls or bidi overrides, single spaces.

    Line breaks (``\n``, ``\r\n``) are kept as paragraph breaks; tabs and runs of
    spaces become one space. With ``glyphs`` (the code points a font can draw), every
    other character becomes :data:`PLACEHOLDER`.

    Examples:
        >>> clean("  Salim\u2066 Al-Harthy  ")
        'Salim Al-Harthy'
        >>> clean("شارع 😀 ١٢", glyphs={ord(c) for c in "شارع ١٢"})
        'شارع ? ١٢'
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.isprintable():  # printable: no control, format or separator characters
        text = "".join(map(_keep, text))
    text = _NEWLINES.sub("\n", _SPACES.sub(" ", text)).strip()
    if glyphs is not None and not (
        isinstance(glyphs, frozenset) and glyphs.issuperset(map(ord, text))
    ):
        text = "".join(
            c if ord(c) in glyphs or c in _KEEP_FORMAT or c == "\n" else PLACEHOLDER for c in text
        )
    return text


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with ASCII digits as Arabic-Indic ones, except inside Latin tokens.

    A reference number, e-mail address or Latin name keeps its digits as typed, so it
    still matches the system it came from; free-standing numbers become ``٠-٩``.

    Examples:
        >>> to_arabic_digits("مبلغ 350 ريال، المرجع LC-2026-7")
        'مبلغ ٣٥٠ ريال، المرجع LC-2026-7'
    """
    parts: list[str] = []
    last = 0
    for match in _LATIN_TOKEN.finditer(text):
        parts.append(all_digits(text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(all_digits(text[last:]))
    return "".join(parts)
