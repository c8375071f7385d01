"""render(): valid, deterministic PDFs whose text reads back; logo; typed errors."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

from municipal_core.documents._blocks import Bilingual, Document, Heading, Paragraph
from municipal_core.documents._lease_documents import lease_contract
from municipal_core.documents._render import RenderOptions, render
from municipal_core.documents._samples import sample_lease
from municipal_core.errors import InvalidFormat
from municipal_core.serialization import from_json, to_json

PINNED = RenderOptions(
    creation_date=dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc), document_id="LC-1"
)


@pytest.fixture(scope="module")
def contract() -> Document:
    return lease_contract(sample_lease())


@pytest.fixture(scope="module")
def contract_pdf(contract: Document) -> bytes:
    return render(contract, options=PINNED)


def png(width: int, height: int) -> bytes:
    """A small grey RGB PNG, written by hand so the test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\0" + b"\x80" * 3 * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + (chunk(b"IEND", b""))
    )


def test_the_standard_contract_is_two_pages_and_reads_back(contract_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(contract_pdf))
    assert len(reader.pages) == 2
    text = reader.pages[0].extract_text()
    assert "Lease contract" in text
    assert "29458/2026" in text
    assert "Page 1 of 2" in text
    assert "عقد إيجار" in text
    assert "بلدية صحار" in text


def test_pinned_options_give_identical_bytes(contract: Document, contract_pdf: bytes) -> None:
    assert render(contract, options=PINNED) == contract_pdf
    other = render(contract, options=attrs.evolve(PINNED, document_id="LC-2"))
    assert other != contract_pdf
    assert len(other) == len(contract_pdf)


def test_uncompressed_output_shows_the_text_operators(contract: Document) -> None:
    pdf = render(contract, options=attrs.evolve(PINNED, compress=False))
    assert b"TJ" in pdf
    assert b"/CIDToGIDMap /Identity" in pdf
    assert b"/FontFile2" in pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_arabic_title_extracts_with_poppler(contract_pdf: bytes, tmp_path: Path) -> None:
    source = tmp_path / "contract.pdf"
    source.write_bytes(contract_pdf)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(source), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    # Poppler breaks a word where Amiri's GPOS kerning opens a gap (it does the same on
    # fpdf2's own output, "الإ يجار"), so compare without spaces.
    assert "عقدإيجار" in text.replace(" ", "")
    assert "Lease contract" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_renders_to_a_non_blank_png(contract_pdf: bytes, tmp_path: Path) -> None:
    source = tmp_path / "contract.pdf"
    source.write_bytes(contract_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.pgm")
    pixels = image.read_bytes()[-150 * 100 :]  # the 8-bit grey samples, header left out
    dark = sum(1 for value in pixels if value < 160)
    assert 50 < dark < len(pixels) // 2


def test_a_logo_is_drawn(contract: Document) -> None:
    with_logo = render(attrs.evolve(contract, logo_png=png(40, 20)), options=PINNED)
    assert PdfReader(io.BytesIO(with_logo)).pages[0].images


@pytest.mark.parametrize("logo", [b"not a png", png(4, 4)[:40]])
def test_a_broken_logo_is_a_typed_error(contract: Document, logo: bytes) -> None:
    with pytest.raises(InvalidFormat) as caught:
        render(attrs.evolve(contract, logo_png=logo))
    assert caught.value.code == "documents.render.logo"


def test_wrong_types_are_typed_errors(contract: Document) -> None:
    with pytest.raises(InvalidFormat):
        render("lease")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        render(contract, options={"compress": False})  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        RenderOptions(document_id=" padded ")


def test_options_and_documents_round_trip_through_json(contract: Document) -> None:
    assert from_json(to_json(PINNED), RenderOptions) == PINNED
    assert from_json(to_json(contract), Document) == contract
    letter = attrs.evolve(
        contract,
        blocks=(Heading(Bilingual("أ", "A")), Paragraph(Bilingual("ب", "B"))),
        logo_png=png(2, 2),
    )
    assert from_json(to_json(letter), Document) == letter


def test_the_embedded_font_keeps_used_outlines_and_glyph_ids() -> None:
    from fontTools.ttLib import TTFont

    from municipal_core.documents._fonts import load_font

    font = load_font(bold=False)
    used = frozenset(font.glyph_for(ord(c)) for c in "Aلا")
    subset = TTFont(io.BytesIO(font.subset(used)))
    glyf = subset["glyf"]
    order = subset.getGlyphOrder()
    assert len(order) == len(font.advances)
    assert all(glyf[order[g]].numberOfContours for g in used)
    assert glyf[order[font.glyph_for(ord("B"))]].numberOfContours == 0
    assert font.subset(used) is font.subset(used)  # cached per process
