"""Render documents to PDF bytes with fpdf2, fast, one at a time or in batches.

fpdf2 writes the file: pages, rectangles, rules, the logo, metadata, compression, the
cross-reference table and the file identifier. Two things it does slowly for us are
done here instead, through the hooks fpdf2 offers:

* text is laid out by :mod:`._lines` (each paragraph shaped once) and each line is
  written as one ``TJ`` operator of glyph ids with ``FPDF._out``, instead of
  ``multi_cell``, which re-shapes the text for every character it measures;
* the fonts are embedded by :class:`_Producer` (fpdf2's ``output_producer_class``
  hook) from :meth:`._fonts.FontProgram.subset`, instead of a fresh ``add_font`` parse
  and a ``fontTools.subset`` run per face per document (together ~150 ms on Amiri).

:func:`render_many` sends a batch to any :class:`concurrent.futures.Executor` (a process
pool here; a Dask or Ray executor on a cluster); each worker process parses the fonts
once and keeps them.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.documents._blocks import Bilingual, Document, Heading
    >>> doc = Document(
    ...     kind="service_letter",
    ...     title=Bilingual("خطاب خدمة", "Service letter"),
    ...     reference="SL-2026-1",
    ...     municipality=Bilingual("بلدية صحار", "Sohar Municipality"),
    ...     issued_on=dt.date(2026, 11, 22),
    ...     blocks=(Heading(Bilingual("الموضوع", "Subject")),),
    ... )
    >>> options = RenderOptions(
    ...     creation_date=dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc), document_id="SL-2026-1"
    ... )
    >>> pdf = render(doc, options=options)
    >>> pdf[:5], pdf == render(doc, options=options)
    (b'%PDF-', True)
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
from collections.abc import Iterable
from concurrent.futures import Executor
from typing import Any

import attrs

from municipal_core._checks import aware, require_instance, text, type_of
from municipal_core.documents._blocks import Document
from municipal_core.documents._flow import PAGE_HEIGHT, Image, Modules, Op, Rect, Rule, Text
from municipal_core.documents._fonts import FontProgram, load_font
from municipal_core.documents._layout import bad_logo, layout

__all__ = ["RenderOptions", "render", "render_many", "warm_up"]

_CODE = "documents.render"


@attrs.frozen
class RenderOptions:
    """How to write the PDF.

    With both ``creation_date`` (an aware datetime) and ``document_id`` set, rendering
    the same document twice gives identical bytes, as reference-PDF tests need.
    ``compress=False`` leaves the page streams readable, for debugging.

    Examples:
        >>> RenderOptions(creation_date=dt.datetime(2026, 1, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: creation_date must be a timezone-aware datetime.
    """

    creation_date: dt.datetime | None = attrs.field(
        default=None, validator=aware(_CODE, optional=True)
    )
    document_id: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(text(_CODE))
    )
    compress: bool = attrs.field(default=True, validator=type_of(bool, _CODE))


class _UsedFont:
    """One face as used by one document: the glyphs drawn and what text each stands for.

    It stands in ``FPDF.fonts`` for fpdf2's ``TTFFont`` (only ``i`` is read there) and
    is turned into PDF objects by :class:`_Producer`.
    """

    def __init__(self, index: int, program: FontProgram) -> None:
        self.i = index
        self.program = program
        self.glyphs: set[int] = set()
        self.text_of: dict[int, str] = {}


@functools.lru_cache(maxsize=8192)
def _bfchar(glyph: int, value: str) -> str:
    # One ToUnicode entry; the same few hundred recur in every document of a batch.
    return f"<{glyph:04X}> <{value.encode('utf-16-be').hex().upper()}>"


def _to_unicode(text_of: dict[int, str]) -> bytes:
    entries = [_bfchar(glyph, value) for glyph, value in sorted(text_of.items())]
    blocks = [
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
        for chunk in (entries[i : i + 100] for i in range(0, len(entries), 100))
    ]
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{''.join(blocks)}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("latin-1")


def _widths(program: FontProgram, glyphs: Iterable[int]) -> str:
    scale = 1000 / program.units_per_em
    return " ".join(f"{g} [{round(program.advances[g] * scale)}]" for g in sorted(glyphs))


@functools.cache
def _producer_class() -> Any:
    from fpdf.enums import FontDescriptorFlags
    from fpdf.fonts import PDFFontDescriptor
    from fpdf.output import CIDSystemInfo, OutputProducer, PDFFont, PDFFontStream
    from fpdf.syntax import Name, PDFArray, PDFContentStream

    class _FontStream(PDFFontStream):
        # zlib level 1: a new subset per document, and level 6 costs 2.5x the time
        # (~1.3 ms per face) for 8 % fewer bytes.
        _COMPRESSION_LEVEL = 1

    class _Producer(OutputProducer):
        """fpdf2's writer, embedding our pre-shaped fonts (glyph id = CID, /Identity)."""

        def _add_fonts(self, *_args: Any) -> dict[int, Any]:
            objects: dict[int, Any] = {}
            ours: list[Any] = list(self.fpdf.fonts.values())  # all _UsedFont
            for font in sorted(ours, key=lambda f: f.i):
                program: FontProgram = font.program
                name = f"MCAAAA+{program.name}"
                glyphs = frozenset(font.glyphs)
                scale = 1000 / program.units_per_em
                composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
                self._add_pdf_obj(composite, "fonts")
                cid = PDFFont(
                    subtype="CIDFontType2", base_font=name, d_w=0, w=f"[{_widths(program, glyphs)}]"
                )
                self._add_pdf_obj(cid, "fonts")
                composite.descendant_fonts = PDFArray([cid])
                to_unicode = PDFContentStream(
                    _to_unicode(font.text_of), compress=self.fpdf.compress
                )
                self._add_pdf_obj(to_unicode, "fonts")
                composite.to_unicode = to_unicode
                system = CIDSystemInfo()
                self._add_pdf_obj(system, "fonts")
                cid.c_i_d_system_info = system
                x_min, y_min, x_max, y_max = (round(v * scale) for v in program.bbox)
                descriptor = PDFFontDescriptor(
                    ascent=round(program.ascent * scale),
                    descent=round(program.descent * scale),
                    cap_height=round(program.cap_height * scale),
                    flags=FontDescriptorFlags(program.flags),
                    font_b_box=f"[{x_min} {y_min} {x_max} {y_max}]",
                    italic_angle=round(program.italic_angle),
                    stem_v=program.stem_v,
                    missing_width=0,
                )
                descriptor.font_name = Name(name)
                self._add_pdf_obj(descriptor, "fonts")
                cid.font_descriptor = descriptor
                cid.c_i_d_to_g_i_d_map = Name("Identity")  # type: ignore[assignment]
                stream = _FontStream(contents=program.subset(glyphs))
                self._add_pdf_obj(stream, "fonts")
                descriptor.font_file2 = stream  # type: ignore[attr-defined]
                objects[font.i] = composite
            return objects

    return _Producer


@functools.cache
def _pdf_class() -> Any:
    from fpdf import FPDF

    class _PDF(FPDF):
        file_id_value: str | None = None

        def file_id(self) -> Any:
            return self.file_id_value or -1

    return _PDF


def _draw(pdf: Any, ops: Iterable[Op], fonts: dict[bool, _UsedFont]) -> None:
    from fpdf.enums import PDFResourceType

    out: list[str] = ["0 g 0 G 0.5 w"]  # black text and rules, thin lines
    used: set[int] = set()
    for op in ops:
        if isinstance(op, Text):
            line = op.line
            font = fonts.get(line.bold)
            if font is None:
                font = fonts[line.bold] = _UsedFont(len(fonts) + 1, load_font(bold=line.bold))
                pdf.fonts[f"amiri{'B' if line.bold else ''}"] = font
            font.glyphs.update(line.glyphs)
            for glyph, value in line.text_of:
                # A glyph that stands for nothing in one place (""), and for a character
                # in another, keeps the character: one entry per glyph in a PDF.
                if not font.text_of.get(glyph):
                    font.text_of[glyph] = value
            used.add(font.i)
            out.append(
                f"BT /F{font.i} {line.size:.2f} Tf {op.x:.2f} {PAGE_HEIGHT - op.y:.2f} Td "
                f"{line.body} ET"
            )
        elif isinstance(op, Rule):
            out.append(
                f"{op.x1:.2f} {PAGE_HEIGHT - op.y1:.2f} m {op.x2:.2f} {PAGE_HEIGHT - op.y2:.2f} l S"
            )
        elif isinstance(op, Rect):
            box = f"{op.x:.2f} {PAGE_HEIGHT - op.y - op.h:.2f} {op.w:.2f} {op.h:.2f} re"
            out.append(f"q {op.fill:.2f} g {box} f Q" if op.fill is not None else f"{box} S")
        elif isinstance(op, Modules):
            out.append(_modules(op))
        elif isinstance(op, Image):
            _image(pdf, op, out)
    for index in used:
        pdf._resource_catalog.add(PDFResourceType.FONT, index, pdf.page)
    if out:
        pdf._out("\n".join(out))


def _modules(op: Modules) -> str:
    # One path of rectangles, a run of dark modules in a row being one rectangle: a QR
    # code drawn as vectors, no image (fpdf2's rect() per module would cost ~600 calls).
    parts = ["q 0 g"]
    for row_index, row in enumerate(op.matrix):
        top = PAGE_HEIGHT - op.y - (row_index + 1) * op.size
        column = 0
        while column < len(row):
            if row[column]:
                end = column
                while end < len(row) and row[end]:
                    end += 1
                x = op.x + column * op.size
                parts.append(f"{x:.3f} {top:.3f} {(end - column) * op.size:.3f} {op.size:.3f} re")
                column = end
            else:
                column += 1
    parts.append("f Q")
    return "\n".join(parts)


def _image(pdf: Any, op: Image, out: list[str]) -> None:
    # fpdf2 writes the image's own operators; flush ours first to keep the order.
    if out:
        pdf._out("\n".join(out))
        out.clear()
    try:
        pdf.image(io.BytesIO(op.png), x=op.x, y=op.y, w=op.w, h=op.h)
    except Exception as exc:  # fpdf2/Pillow raise many kinds for a broken PNG
        raise bad_logo() from exc


def render(document: Document, *, options: RenderOptions = RenderOptions()) -> bytes:
    """Return ``document`` as PDF bytes (A4, Arabic and English, fonts embedded).

    Raises:
        InvalidFormat: ``document`` is not a Document (code ``documents.render.type``),
            or its logo is not a readable PNG (``documents.render.logo``).

    Examples:
        >>> render("lease contract")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Document is required for document.
    """
    require_instance(document, Document, field="document", code=_CODE)
    require_instance(options, RenderOptions, field="options", code=_CODE)
    pages = layout(document)
    pdf = _pdf_class()(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_compression(options.compress)
    pdf.set_lang("ar")
    pdf.set_title(f"{document.title.en} / {document.title.ar}")
    pdf.set_subject(document.reference)
    if options.creation_date is not None:
        pdf.set_creation_date(options.creation_date)
    if options.document_id is not None:
        digest = hashlib.md5(options.document_id.encode(), usedforsecurity=False).hexdigest()
        pdf.file_id_value = f"<{digest.upper()}><{digest.upper()}>"
    fonts: dict[bool, _UsedFont] = {}
    for ops in pages:
        pdf.add_page()
        _draw(pdf, ops, fonts)
    return bytes(pdf.output(output_producer_class=_producer_class()))


def warm_up() -> None:
    """Load the fonts and fpdf2 now (e.g. as a process pool's ``initializer``).

    Otherwise the first document a process renders pays for it (~0.3 s).

    Examples:
        >>> warm_up()
    """
    load_font(bold=False)
    load_font(bold=True)
    _pdf_class()
    _producer_class()


def _render_one(item: tuple[Document, RenderOptions]) -> bytes:
    return render(item[0], options=item[1])


def render_many(
    documents: Iterable[Document],
    executor: Executor | None = None,
    *,
    options: RenderOptions = RenderOptions(),
    chunksize: int = 4,
) -> list[bytes]:
    """Render a batch, in order; with ``executor``, spread over its workers.

    Any :class:`concurrent.futures.Executor` works: a ``ProcessPoolExecutor`` uses every
    core of one machine, a Dask or Ray executor a cluster. Documents travel to workers
    pickled (they are small frozen values); each worker parses the fonts once.

    Examples:
        >>> render_many([])
        []
    """
    items = [
        (require_instance(d, Document, field="documents", code=_CODE), options) for d in documents
    ]
    if executor is None:
        return [_render_one(item) for item in items]
    try:
        results = executor.map(_render_one, items, chunksize=chunksize)
    except TypeError:  # an executor whose map() takes no chunksize
        results = executor.map(_render_one, items)
    return list(results)
