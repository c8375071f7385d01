"""Lay a :class:`~municipal_core.documents._blocks.Document` out on A4 pages.

The result is plain data -- per page, a tuple of drawing operations in points from the
top-left corner -- so laying out needs no PDF library and :mod:`._render` only draws.
The page: 15 mm margins; a running header with the municipality (Arabic right, English
left); on the first page the logo, title, reference number and date line; a footer with
"page X of Y" in both languages on every page. Arabic text is right-aligned and
right-to-left, English left-aligned. Tables run right to left (first column on the
right), split across pages with their header repeated, and a row taller than the space
left is split line by line, so a 5 000-character field never runs off the page.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.documents._blocks import Bilingual, Document, Paragraph
    >>> names = Bilingual("بلدية صحار", "Sohar Municipality")
    >>> long = (Paragraph(Bilingual("نص " * 3000, "text " * 3000)),)
    >>> pages = layout(Document("service_letter", names, "SL-1", names, dt.date(2026, 1, 1), long))
    >>> len(pages) > 3
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from municipal_core.documents._bidi import starts_rtl
from municipal_core.documents._blocks import (
    Align,
    Bilingual,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
    VerificationCode,
)
from municipal_core.documents._date_text import date_line
from municipal_core.documents._flow import (
    BODY,
    BOTTOM,
    CENTER,
    FOOTER_BAND,
    LEADING,
    LEFT,
    LEFT_EDGE,
    MARGIN,
    PAD,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    RIGHT_EDGE,
    ROW_LEADING,
    SMALL,
    WIDTH,
    Cell,
    Flow,
    Image,
    Modules,
    Op,
    Rect,
    Rule,
)
from municipal_core.documents._lines import Line
from municipal_core.errors import InvalidFormat

__all__ = ["bad_logo", "layout"]

HEADING, TITLE = 12.0, 15.0
QR_SIZE = 78.0
MIN_COLUMN = 24.0  # narrowest table column, points
MAX_HEADER = 100.0  # tallest table header repeated on each page


def bad_logo() -> InvalidFormat:
    """Return the error for a logo that is not a readable PNG image."""
    return InvalidFormat(
        "The logo is not a readable PNG image.",
        "الشعار ليس صورة PNG صالحة.",
        code="documents.render.logo",
        field="logo_png",
    )


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR" or not width or not height:
        raise bad_logo()
    return width, height


def _heading(flow: Flow, block: Heading) -> None:
    flow.y += 6
    flow.ensure(HEADING * LEADING * 2 + 30)  # keep a heading with what follows
    flow.bilingual_row(block.text, bold=True, size=HEADING)
    flow.page.append(Rule(LEFT_EDGE, flow.y, RIGHT_EDGE, flow.y))
    flow.y += 4


def _fields(flow: Flow, block: Fields) -> None:
    label = WIDTH * 0.22
    value = WIDTH - 2 * label
    for field in block.rows:
        ar_label = flow.lines(
            field.label.ar, arabic=True, bold=True, size=SMALL + 0.5, width=label - 2 * PAD
        )
        en_label = flow.lines(
            field.label.en, arabic=False, bold=True, size=SMALL + 0.5, width=label - 2 * PAD
        )
        middle = LEFT_EDGE + label
        values: list[tuple[float, Line]] = []
        pairs = (
            [(field.value_ar, True), (field.value, False)]
            if field.value_ar
            else [(field.value, starts_rtl(field.value))]
        )
        for text, arabic in pairs:
            if text is None:
                continue
            lines = flow.lines(text, arabic=arabic, size=SMALL + 0.5, width=value - 2 * PAD)
            values += flow.place(
                lines, middle + PAD, value - 2 * PAD, RIGHT if arabic else LEFT
            ).placed
        flow.row(
            [
                (
                    RIGHT_EDGE - label,
                    label,
                    flow.place(ar_label, RIGHT_EDGE - label + PAD, label - 2 * PAD, RIGHT),
                ),
                (middle, value, Cell(values)),
                (
                    LEFT_EDGE,
                    label,
                    flow.place(en_label, LEFT_EDGE + PAD, label - 2 * PAD, LEFT),
                ),
            ],
            None,
        )
    flow.y += 6


def _table(flow: Flow, block: Table) -> None:
    total_weight = sum(column.weight for column in block.columns)
    edges: list[tuple[float, float]] = []
    right = RIGHT_EDGE
    for column in block.columns:  # right to left: the first column is on the right
        # Every column gets MIN_COLUMN points, the rest is shared by weight, so a
        # weight-1 column next to weight-100 ones still holds a glyph.
        spare = WIDTH - MIN_COLUMN * len(block.columns)
        width = MIN_COLUMN + spare * column.weight / total_weight
        edges.append((right - width, width))
        right -= width

    def cells(texts: Sequence[str], bold: bool) -> list[tuple[float, float, Cell]]:
        out = []
        for (x, width), column, value in zip(edges, block.columns, texts, strict=True):
            rtl = starts_rtl(value)
            lines = flow.lines(
                value, arabic=rtl, bold=bold, size=SMALL + 0.5, width=width - 2 * PAD
            )
            start, end = (RIGHT, LEFT) if rtl else (LEFT, RIGHT)
            align = {Align.START: start, Align.END: end, Align.CENTER: CENTER}[column.align]
            out.append((x, width, flow.place(lines, x + PAD, width - 2 * PAD, align)))
        return out

    head = []
    for (x, width), column in zip(edges, block.columns, strict=True):
        inner = width - 2 * PAD
        ar = flow.lines(column.header.ar, arabic=True, bold=True, size=SMALL, width=inner)
        en = flow.lines(column.header.en, arabic=False, bold=True, size=SMALL, width=inner)
        head.append((x, width, flow.place((*ar, *en), x + PAD, inner, CENTER)))

    def repeat_header() -> None:
        flow.repeat = None  # the header row itself must not trigger a repeat
        flow.row(head, 0.9)
        flow.repeat = repeat_header

    flow.ensure(SMALL * LEADING * 4 + 2 * PAD)
    flow.row(head, 0.9)
    # A header taller than a few lines (hostile column names) is not repeated: it
    # would leave no room for the rows it is meant to introduce.
    short = max(len(cell.placed) for _, _, cell in head) * SMALL * ROW_LEADING < MAX_HEADER
    flow.repeat = repeat_header if short else None
    try:
        for row in block.rows:
            flow.row(cells(row, False), None)
        if block.total is not None:
            flow.row(cells(block.total, True), 0.95)
    finally:
        flow.repeat = None
    flow.y += 6


def _signatures(flow: Flow, block: Signatures) -> None:
    per_row = min(len(block.parties), 3)
    gap = 12.0
    width = (WIDTH - gap * (per_row - 1)) / per_row
    for first in range(0, len(block.parties), per_row):
        boxes = []
        for index, party in enumerate(block.parties[first : first + per_row]):
            x = RIGHT_EDGE - (index + 1) * width - index * gap
            inner = width - 2 * PAD
            ar = flow.lines(party.ar, arabic=True, bold=True, size=SMALL + 0.5, width=inner)
            en = flow.lines(party.en, arabic=False, size=SMALL + 0.5, width=inner)
            boxes.append((x, flow.place((*ar, *en), x + PAD, inner, CENTER)))
        captions = max(sum(line.size * LEADING for _, line in cell.placed) for _, cell in boxes)
        height = min(captions, BOTTOM - MARGIN - 120) + 50
        flow.ensure(height + 8)
        top = flow.y + 8
        for x, cell in boxes:
            flow.page.append(Rect(x, top, width, height, None))
            flow.stack(cell, top + PAD)
            flow.page.append(Rule(x + 10, top + height - 14, x + width - 10, top + height - 14))
        flow.y = top + height + 4


def _verification(flow: Flow, block: VerificationCode) -> None:
    from municipal_core.documents._codes import qr_matrix

    matrix = qr_matrix(block.code)
    module = QR_SIZE / (len(matrix) + 8)  # four light modules of quiet zone each side
    flow.ensure(QR_SIZE + 16)
    top = flow.y + 8
    flow.page.append(Modules(LEFT_EDGE + 4 * module, top + 4 * module, module, matrix))
    left = LEFT_EDGE + QR_SIZE + 12
    inner = RIGHT_EDGE - left
    y = top
    ar = flow.lines(block.caption.ar, arabic=True, bold=True, width=inner)
    y += flow.stack(flow.place(ar[:2], left, inner, RIGHT), y)
    en = flow.lines(block.caption.en, arabic=False, bold=True, width=inner)
    y += flow.stack(flow.place(en[:2], left, inner, LEFT), y)
    code = flow.lines(block.code, arabic=False, size=SMALL, width=inner)
    flow.stack(flow.place(code[:2], left, inner, LEFT), y)
    flow.y = top + QR_SIZE + 8


def _first_page_header(flow: Flow) -> None:
    doc = flow.document
    if doc.logo_png is not None:
        size = _png_size(doc.logo_png)
        height = 48.0
        width = min(height * size[0] / size[1], WIDTH / 2)
        height = width * size[1] / size[0]
        flow.page.append(Image((PAGE_WIDTH - width) / 2, flow.y, width, height, doc.logo_png))
        flow.y += height + 6
    for value, arabic in ((doc.title.ar, True), (doc.title.en, False)):
        lines = flow.lines(value, arabic=arabic, bold=True, size=TITLE)[:3]
        flow.y += flow.stack(flow.place(lines, LEFT_EDGE, WIDTH, CENTER), flow.y)
    flow.y += 4
    flow.bilingual_row(
        Bilingual(f"الرقم المرجعي: {doc.reference}", f"Reference: {doc.reference}"),
        bold=False,
        size=BODY,
    )
    flow.bilingual_row(
        Bilingual(
            date_line(doc.issued_on, "ar", arabic_digits=doc.arabic_digits),
            date_line(doc.issued_on, "en"),
        ),
        bold=False,
        size=BODY,
    )
    flow.y += 8


def _footers(flow: Flow) -> None:
    count = len(flow.pages)
    doc = flow.document
    for number, page in enumerate(flow.pages, start=1):
        y = PAGE_HEIGHT - MARGIN - FOOTER_BAND + 4
        page.append(Rule(LEFT_EDGE, y, RIGHT_EDGE, y))
        y += 2
        if doc.footer is not None:
            _footer_line(flow, page, doc.footer, y)
            y += SMALL * LEADING
        third = WIDTH / 3
        ar = flow.lines(f"صفحة {number} من {count}", arabic=True, size=SMALL, width=third)
        en = flow.lines(f"Page {number} of {count}", arabic=False, size=SMALL, width=third)
        ref = flow.lines(doc.reference, arabic=False, size=SMALL, width=third)
        flow.put(page, flow.place(ar[:1], RIGHT_EDGE - third, third, RIGHT), y)
        flow.put(page, flow.place(ref[:1], LEFT_EDGE + third, third, CENTER), y)
        flow.put(page, flow.place(en[:1], LEFT_EDGE, third, LEFT), y)


def _footer_line(flow: Flow, page: list[Op], footer: Bilingual, y: float) -> None:
    half = WIDTH / 2 - 6
    ar = flow.lines(footer.ar, arabic=True, size=SMALL, width=half)[:1]
    en = flow.lines(footer.en, arabic=False, size=SMALL, width=half)[:1]
    flow.put(page, flow.place(ar, RIGHT_EDGE - half, half, RIGHT), y)
    flow.put(page, flow.place(en, LEFT_EDGE, half, LEFT), y)


def _paragraph(flow: Flow, block: Paragraph) -> None:
    flow.paragraph(block.text)  # Arabic paragraph, then English


# Which function lays out each kind of block: a table, not an if-chain.
_BLOCKS: dict[type, Callable[[Flow, Any], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Fields: _fields,
    Table: _table,
    Signatures: _signatures,
    VerificationCode: _verification,
}


def layout(document: Document) -> tuple[tuple[Op, ...], ...]:
    """Return the drawing operations of each page of ``document``."""
    flow = Flow(document)
    flow.new_page()
    _first_page_header(flow)
    for block in document.blocks:
        _BLOCKS[type(block)](flow, block)
    _footers(flow)
    return tuple(tuple(page) for page in flow.pages)
