"""Shape a paragraph once, break it into lines from the glyph advances, order each line.

fpdf2's ``multi_cell`` with text shaping on re-shapes the text each time it measures a
candidate line, so a page of Arabic costs hundreds of HarfBuzz calls. Here each bidi run
of a paragraph is shaped once (uharfbuzz); line breaks are found by summing the advances
of each cluster; each line takes its slice of the shaped glyphs and orders its runs
visually (rule L2). A :class:`Line` carries its PDF text operators ready to place
anywhere, so drawing a line is one string format.

Breaks fall on spaces (Arabic letters never join across a space, so the shaping of the
whole paragraph stays valid on every line); a word wider than the line is cut between
clusters, so nothing runs off the page. Laid-out paragraphs are cached per process: the
standard clauses of a contract are the same on every copy.

Examples:
    >>> lines = lines_of("عقد إيجار رقم LC-2026-7", bold=False, size=10.0, width=1000.0, rtl=True)
    >>> len(lines), lines[0].width > 0
    (1, True)
    >>> narrow = lines_of("word " * 40, bold=False, size=10.0, width=100.0, rtl=False)
    >>> len(narrow) > 5 and all(line.width <= 100.0 for line in narrow)
    True
"""

from __future__ import annotations

import bisect
import functools
from typing import NamedTuple

from municipal_core.documents._bidi import Run, reorder, runs
from municipal_core.documents._fonts import FontProgram, load_font

__all__ = ["CACHED_LENGTH", "Line", "cache_clear", "lines_of"]


class Line(NamedTuple):
    """One laid-out line: its width (points), font, and position-free PDF operators.

    ``body`` is a ``TJ`` program (glyph ids with HarfBuzz's advances and offsets) for a
    text object whose origin is the line's left end on the baseline; ``glyphs`` and
    ``text_of`` feed the font subset and the ToUnicode map of the PDF.
    """

    width: float
    bold: bool
    size: float
    body: str
    glyphs: frozenset[int]
    text_of: tuple[tuple[int, str], ...]


class _Shaped(NamedTuple):
    # One run's glyphs in logical order (clusters ascending), as parallel lists; each
    # glyph's TJ token and ToUnicode text are computed here once, so a line is slices.
    run: Run
    ids: list[int]
    clusters: list[int]
    advances: list[int]
    tokens: list[str]
    texts: list[str | None]


def _token(font: FontProgram, glyph: int, advance: int, x_offset: int, y_offset: int,
           size: float) -> str:  # fmt: skip
    """Return one glyph's TJ items: move by its offset, draw it, move to its advance.

    A glyph raised or lowered (Arabic marks, cursive joins) is wrapped in its own text
    rise and back, so every token stands alone and a line is a plain concatenation.
    """
    scale = 1000 / font.units_per_em
    before = round(-x_offset * scale)
    after = round((x_offset + font.advances[glyph] - advance) * scale)
    token = f"{before} {font.hex_ids[glyph]}" if before else font.hex_ids[glyph]
    if after:
        token = f"{token}{after} "
    if y_offset:
        token = f"]TJ {y_offset * size / font.units_per_em:.2f} Ts [{token}]TJ 0 Ts ["
    return token


def _texts(
    font: FontProgram, text: str, ids: list[int], clusters: list[int], end: int
) -> list[str | None]:
    """Return what each glyph stands for, for ToUnicode.

    The first glyph of a cluster stands for the cluster's text (a ligature for several
    letters); a further glyph of the same cluster (a mark) for its own character, if any.
    """
    found: list[str | None] = []
    stop = end
    for index in range(len(ids) - 1, -1, -1):  # backwards: each cluster's end is known
        cluster = clusters[index]
        if index and clusters[index - 1] == cluster:
            # A further glyph with no character of its own (Amiri's kashida in a lam-lam
            # ligature, say) stands for nothing: an empty ToUnicode entry, so text
            # extraction neither repeats the cluster nor shows a raw glyph id.
            found.append(font.nominal_text(ids[index]) or "")
        else:
            found.append(text[cluster:stop])
            stop = cluster
    found.reverse()
    return found


def _shape(font: FontProgram, text: str, run: Run, size: float) -> _Shaped:
    import uharfbuzz as hb

    buffer = hb.Buffer()
    buffer.add_str(text, run.start, run.end - run.start)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if run.level % 2 else "ltr"
    hb.shape(font.hb_font, buffer)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    if run.level % 2:  # HarfBuzz returns RTL glyphs in visual order; keep logical order
        infos, positions = infos[::-1], positions[::-1]
    ids = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    advances = [pos.x_advance for pos in positions]
    hex_ids, widths = font.hex_ids, font.advances
    tokens = [
        # Most glyphs sit where the font's own advance puts them: just the glyph id.
        hex_ids[glyph]
        if advance == widths[glyph] and not pos.x_offset and not pos.y_offset
        else _token(font, glyph, advance, pos.x_offset, pos.y_offset, size)
        for glyph, advance, pos in zip(ids, advances, positions, strict=True)
    ]
    return _Shaped(run, ids, clusters, advances, tokens, _texts(font, text, ids, clusters, run.end))


def _breaks(
    text: str, advance: list[int], starts: list[bool], limit: float
) -> list[tuple[int, int]]:
    """Return ``[start, end)`` of each line: greedy, at spaces, else between clusters."""
    found: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while start < size:
        while start < size and text[start] == " ":
            start += 1
        if start >= size:
            break
        width, space, end = 0, -1, size
        for index in range(start, size):
            if text[index] == " ":
                space = index
            width += advance[index]
            if width > limit and index > start and text[index] != " ":
                end = space if space > start else index
                while end > start + 1 and not starts[end]:
                    end -= 1  # never cut inside a cluster (a ligature, a letter + mark)
                break
        if end <= start:
            end = start + 1
        found.append((start, end))
        start = end
    return found


def _line(
    font: FontProgram,
    shaped: list[_Shaped],
    run_starts: list[int],
    span: tuple[int, int],
    bold: bool,
    size: float,
) -> Line:
    start, end = span
    pieces: list[tuple[_Shaped, int, int]] = []
    # Runs are in text order: start at the last one beginning at or before the line, so
    # a long mixed paragraph (hundreds of runs, hundreds of lines) stays linear.
    first = max(bisect.bisect_right(run_starts, start) - 1, 0)
    for run in shaped[first:]:
        if run.run.start >= end:
            break
        low = bisect.bisect_left(run.clusters, max(start, run.run.start))
        high = bisect.bisect_left(run.clusters, min(end, run.run.end))
        if low < high:
            pieces.append((run, low, high))
    parts: list[str] = []
    glyphs: set[int] = set()
    text_of: dict[int, str | None] = {}
    total = 0
    for run, low, high in reorder(pieces, [piece[0].run.level for piece in pieces]):
        tokens = run.tokens[low:high]
        parts.extend(reversed(tokens) if run.run.level % 2 else tokens)
        glyphs.update(run.ids[low:high])
        text_of.update(zip(run.ids[low:high], run.texts[low:high], strict=True))
        total += sum(run.advances[low:high])
    body = f"[{''.join(parts)}]TJ".replace("[]TJ", "").strip()
    mapped = tuple((glyph, value) for glyph, value in text_of.items() if value is not None)
    return Line(total * size / font.units_per_em, bold, size, body, frozenset(glyphs), mapped)


def _paragraph(text: str, bold: bool, size: float, width: float, rtl: bool) -> list[Line]:
    font = load_font(bold=bold)
    shaped = [_shape(font, text, run, size) for run in runs(text, rtl=rtl)]
    advance = [0] * (len(text) + 1)
    starts = [False] * (len(text) + 1)
    for run in shaped:
        for cluster, glyph_advance in zip(run.clusters, run.advances, strict=True):
            advance[cluster] += glyph_advance
            starts[cluster] = True
    limit = width * font.units_per_em / size
    starts_of_runs = [run.run.start for run in shaped]
    return [
        _line(font, shaped, starts_of_runs, span, bold, size)
        for span in _breaks(text, advance, starts, limit)
    ]


def _lines(text: str, bold: bool, size: float, width: float, rtl: bool) -> tuple[Line, ...]:
    found: list[Line] = []
    for paragraph in text.split("\n"):
        found.extend(_paragraph(paragraph, bold, size, width, rtl))
    return tuple(found)


_cached = functools.lru_cache(maxsize=4096)(_lines)
CACHED_LENGTH = 2000
"""Longest text kept in the per-process paragraph cache (hostile 5 000-character fields
are laid out each time rather than filling memory)."""


def lines_of(text: str, *, bold: bool, size: float, width: float, rtl: bool) -> tuple[Line, ...]:
    r"""Return the lines of cleaned ``text`` set in ``width`` points (``\n`` breaks a line).

    ``rtl`` is the paragraph direction. An empty text has no lines. Results for texts
    up to :data:`CACHED_LENGTH` characters are cached per process (4 096 of them).
    """
    if len(text) > CACHED_LENGTH:
        return _lines(text, bold, size, width, rtl)
    return _cached(text, bold, size, width, rtl)


def cache_clear() -> None:
    """Empty the paragraph cache (benchmarks time the uncached path with it)."""
    _cached.cache_clear()
