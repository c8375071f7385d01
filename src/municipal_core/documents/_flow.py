"""The page flow under the layout: drawing operations, pages, rows that split.

:class:`Flow` places laid-out lines top to bottom on A4 pages with 15 mm margins, opens a
page (with the running header: the municipality in Arabic on the right and English on
the left) when the next piece does not fit, and draws table rows that split over pages
line by line, repeating a table header when one is set. Everything is plain data in
points from the top-left corner; :mod:`._render` turns it into PDF operators.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.documents._blocks import Bilingual, Document
    >>> names = Bilingual("بلدية صحار", "Sohar Municipality")
    >>> flow = Flow(Document("letter", names, "L-1", names, dt.date(2026, 1, 1), ()))
    >>> flow.new_page()
    >>> len(flow.pages), round(flow.room()) > 600
    (1, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from municipal_core.documents._bidi import starts_rtl
from municipal_core.documents._blocks import Bilingual, Document
from municipal_core.documents._fonts import drawable
from municipal_core.documents._lines import Line, lines_of
from municipal_core.documents._sanitize import clean, to_arabic_digits

__all__ = [
    "BOTTOM",
    "CENTER",
    "LEFT",
    "LEFT_EDGE",
    "MARGIN",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "RIGHT",
    "RIGHT_EDGE",
    "WIDTH",
    "Cell",
    "Flow",
    "Image",
    "Modules",
    "Op",
    "Rect",
    "Rule",
    "Text",
]

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 42.52  # 15 mm
BODY, SMALL = 10.0, 8.5
LEADING = 1.6  # Amiri's marks reach far above and below the baseline
ROW_LEADING = 1.45  # table cells: tighter, their frames already separate the rows
PAD = 2.5
FOOTER_BAND = 34.0


class Text(NamedTuple):
    """Draw ``line`` with its left end at ``x`` and its baseline at ``y``."""

    x: float
    y: float
    line: Line


class Rect(NamedTuple):
    """A rectangle: ``fill`` grey level (0 black .. 1 white) or ``None`` for a frame."""

    x: float
    y: float
    w: float
    h: float
    fill: float | None


class Rule(NamedTuple):
    """A thin line from ``(x1, y1)`` to ``(x2, y2)``."""

    x1: float
    y1: float
    x2: float
    y2: float


class Modules(NamedTuple):
    """A QR code: dark modules of ``matrix``, each ``size`` points, top-left at x, y."""

    x: float
    y: float
    size: float
    matrix: tuple[tuple[bool, ...], ...]


class Image(NamedTuple):
    """A PNG image placed in the box ``x, y, w, h``."""

    x: float
    y: float
    w: float
    h: float
    png: bytes


Op = Text | Rect | Rule | Modules | Image

LEFT, RIGHT, CENTER = "left", "right", "center"
LEFT_EDGE, RIGHT_EDGE = MARGIN, PAGE_WIDTH - MARGIN
WIDTH = RIGHT_EDGE - LEFT_EDGE
BOTTOM = PAGE_HEIGHT - MARGIN - FOOTER_BAND


class Cell(NamedTuple):
    """One table cell: the lines to stack and where each one starts horizontally."""

    placed: list[tuple[float, Line]]


class Flow:
    """Places content top to bottom, opening pages (each with its running header).

    Table rows split over pages line by line, with the header in ``repeat`` redrawn.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.pages: list[list[Op]] = []
        self.y = 0.0
        self.repeat: Callable[[], None] | None = None  # redraws a table header on new pages

    # -- text -------------------------------------------------------------------------
    def text(self, value: str, *, arabic: bool) -> str:
        # Every printable ASCII character is in both faces: skip the per-character check.
        cleaned = clean(value, None if value.isascii() else drawable())
        return to_arabic_digits(cleaned) if arabic and self.document.arabic_digits else cleaned

    def lines(
        self,
        value: str,
        *,
        arabic: bool,
        bold: bool = False,
        size: float = BODY,
        width: float = WIDTH,
    ) -> tuple[Line, ...]:
        text = self.text(value, arabic=arabic)
        rtl = arabic or starts_rtl(text)  # the English side follows its first letter
        return lines_of(text, bold=bold, size=size, width=max(width, 12.0), rtl=rtl)

    @staticmethod
    def place(lines: Sequence[Line], left: float, width: float, align: str) -> Cell:
        placed = []
        for line in lines:
            if align == RIGHT:
                x = left + width - line.width
            elif align == CENTER:
                x = left + (width - line.width) / 2
            else:
                x = left
            placed.append((x, line))
        return Cell(placed)

    # -- pages ------------------------------------------------------------------------
    @property
    def page(self) -> list[Op]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        municipality = self.document.municipality
        y = MARGIN
        # At most two lines each: the running header must leave the page for content.
        ar = self.lines(municipality.ar, arabic=True, bold=True, width=WIDTH / 2 - 6)[:2]
        en = self.lines(municipality.en, arabic=False, bold=True, width=WIDTH / 2 - 6)[:2]
        height = self.stack(self.place(ar, LEFT_EDGE + WIDTH / 2 + 6, WIDTH / 2 - 6, RIGHT), y)
        height = max(height, self.stack(self.place(en, LEFT_EDGE, WIDTH / 2 - 6, LEFT), y))
        self.y = y + height + 4
        self.page.append(Rule(LEFT_EDGE, self.y, RIGHT_EDGE, self.y))
        self.y += 8
        if self.repeat is not None:
            self.repeat()

    def room(self) -> float:
        return BOTTOM - self.y

    def ensure(self, height: float) -> None:
        if height > self.room():
            self.new_page()

    def stack(self, cell: Cell, top: float, leading: float = LEADING) -> float:
        """Draw ``cell``'s lines from ``top`` down; return the height used."""
        y = top
        for x, line in cell.placed:
            step = line.size * leading
            self.page.append(Text(x, y + line.size * (leading - 0.48), line))
            y += step
        return y - top

    # -- rows (tables and fields) -----------------------------------------------------
    def row(self, cells: Sequence[tuple[float, float, Cell]], fill: float | None) -> None:
        """Draw one table row; split it line by line over pages when it must."""
        step = max((line.size for _, _, c in cells for _, line in c.placed), default=BODY)
        step *= ROW_LEADING
        height = max(len(c.placed) for _, _, c in cells) * step + 2 * PAD
        if height > self.room() and height <= BOTTOM - MARGIN - 60:
            self.new_page()
        done, opened = 0, False
        total = max(len(c.placed) for _, _, c in cells)
        while True:
            fits = int((self.room() - 2 * PAD) // step)
            if not opened and (fits < 1 or (fits < total - done and fits < 2 and done == 0)):
                self.new_page()
                opened = True  # a fresh page always takes at least one line: no endless loop
                continue
            take = max(min(fits, total - done), 1 if total else 0)
            opened = False
            chunk = take * step + 2 * PAD
            left = min(x for x, _, _ in cells)
            right = max(x + w for x, w, _ in cells)
            if fill is not None:
                self.page.append(Rect(left, self.y, right - left, chunk, fill))
            for x, w, cell in cells:
                self.page.append(Rect(x, self.y, w, chunk, None))
                part = Cell(cell.placed[done : done + take])
                self.stack(part, self.y + PAD, ROW_LEADING)
            self.y += chunk
            done += take
            if done >= total:
                return
            self.new_page()

    # -- blocks -----------------------------------------------------------------------
    def bilingual_row(self, text: Bilingual, *, bold: bool, size: float) -> None:
        half = WIDTH / 2 - 6
        ar = self.place(
            self.lines(text.ar, arabic=True, bold=bold, size=size, width=half),
            LEFT_EDGE + WIDTH / 2 + 6,
            half,
            RIGHT,
        )
        en = self.place(
            self.lines(text.en, arabic=False, bold=bold, size=size, width=half),
            LEFT_EDGE,
            half,
            LEFT,
        )
        self.ensure(size * LEADING * min(3, max(len(ar.placed), len(en.placed), 1)))
        for index in range(max(len(ar.placed), len(en.placed))):
            if size * LEADING > self.room():
                self.new_page()
            used = 0.0
            for cell in (ar, en):
                if index < len(cell.placed):
                    used = max(used, self.stack(Cell([cell.placed[index]]), self.y))
            self.y += used

    def paragraph(self, text: Bilingual, *, bold: bool = False, size: float = BODY) -> None:
        for value, arabic in ((text.ar, True), (text.en, False)):
            lines = self.lines(value, arabic=arabic, bold=bold, size=size)
            cell = self.place(lines, LEFT_EDGE, WIDTH, RIGHT if arabic else LEFT)
            self.ensure(size * LEADING * min(2, len(lines)))
            for placed in cell.placed:
                if size * LEADING > self.room():
                    self.new_page()
                self.y += self.stack(Cell([placed]), self.y)
            self.y += 3

    @staticmethod
    def put(page: list[Op], cell: Cell, y: float) -> None:
        """Add ``cell``'s lines to ``page`` from ``y`` (one line each: footers)."""
        for x, line in cell.placed:
            page.append(Text(x, y + line.size * 1.12, line))
