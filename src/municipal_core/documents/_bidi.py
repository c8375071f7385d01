"""Bidirectional text: split a paragraph into direction runs and order a line's runs.

The Unicode Bidirectional Algorithm itself is fpdf2's (``fpdf.bidi.BidiParagraph``, a
full UAX #9 implementation tested against the conformance files); this module only turns
its per-character levels into runs the shaper can work on, and applies rule L2 to the
runs of one broken line. Text reaching here has been through
:func:`~municipal_core.documents._sanitize.clean`, so no explicit embeddings or
overrides remain and levels come from the letters alone: digits, reference numbers,
e-mail addresses and Latin names stay in order inside Arabic lines.

Examples:
    >>> [(run.start, run.end, run.level) for run in runs("عقد LC-2026-7 للإيجار", rtl=True)]
    [(0, 4, 1), (4, 13, 2), (13, 21, 1)]
    >>> runs("Plain English", rtl=False)
    (Run(start=0, end=13, level=0),)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

__all__ = ["Run", "has_rtl", "reorder", "runs", "starts_rtl"]

# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo... and their
# presentation forms) plus Arabic-Indic digits: a paragraph with none of them is one
# left-to-right run, which saves the full algorithm on every English paragraph.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

T = TypeVar("T")

# Text whose characters all have these bidi classes resolves to the paragraph level
# everywhere (no numbers, no letters of the other direction; neutrals and separators
# between same-direction letters take their direction), so the algorithm can be skipped.
_NEUTRAL = frozenset({"WS", "ON", "NSM", "CS", "ES", "ET", "BN", "S"})
_ONLY_RTL = _NEUTRAL | {"R", "AL"}
_ONLY_LTR = _NEUTRAL | {"L", "EN"}


class Run(NamedTuple):
    """Characters ``[start, end)`` of a paragraph at one embedding ``level`` (odd = RTL)."""

    start: int
    end: int
    level: int


def has_rtl(text: str) -> bool:
    """Return whether ``text`` holds any right-to-left letter or Arabic-Indic digit.

    Examples:
        >>> has_rtl("Sohar"), has_rtl("صحار 12")
        (False, True)
    """
    return _RTL.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Return whether the first strong character of ``text`` is right-to-left (UAX #9 P2).

    Examples:
        >>> starts_rtl("12 شارع Sohar"), starts_rtl("Flat 12, شارع الملتقى")
        (True, False)
    """
    if not has_rtl(text):
        return False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def runs(text: str, *, rtl: bool) -> tuple[Run, ...]:
    """Return the direction runs of one paragraph, in logical order.

    ``rtl`` is the paragraph direction (Arabic paragraphs are right-to-left even when
    they start with a Latin word, as a form's Arabic column is).
    """
    if not text:
        return ()
    classes = set(map(unicodedata.bidirectional, text))
    if classes <= (_ONLY_RTL if rtl else _ONLY_LTR):
        return (Run(0, len(text), 1 if rtl else 0),)
    from fpdf.bidi import BidiParagraph
    from fpdf.enums import TextDirection

    direction = TextDirection.RTL if rtl else TextDirection.LTR
    # preserve_bn_chars keeps ZWJ/ZWNJ (class BN) so indexes still match the text.
    paragraph = BidiParagraph(text, base_direction=direction, preserve_bn_chars=True)
    found: list[Run] = []
    start, level = 0, -1
    for index, char in enumerate(paragraph.get_characters()):
        if char.embedding_level != level:
            if level >= 0:
                found.append(Run(start, index, level))
            start, level = index, char.embedding_level
    found.append(Run(start, len(text), level))
    return tuple(found)


def reorder(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """Return ``items`` (the runs of one line, logical order) in visual order (rule L2).

    From the highest level down to the lowest odd one, reverse every stretch of items at
    that level or above.

    Examples:
        >>> reorder(["a", "b", "c"], [1, 2, 1])
        ['c', 'b', 'a']
        >>> reorder(["a", "b", "c"], [0, 1, 1])
        ['a', 'c', 'b']
    """
    order = list(range(len(items)))
    if not levels:
        return []
    lowest_odd = min((level for level in levels if level % 2), default=max(levels) + 1)
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return [items[i] for i in order]
