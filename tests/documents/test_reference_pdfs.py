"""Every printable rendered and compared with its reference PDF, read back, and looked at.

Each sample of ``_samples.sample_objects()`` is rendered with a pinned creation date and
document id and compared with ``tests/documents/reference/<name>.pdf`` the way fpdf2's own
``assert_pdf_equal`` does without qpdf: byte for byte. One thing may legitimately differ
between machines: the Flate (zlib) streams -- zlib-ng and the various zlib versions are
free to compress the same input to different bytes. So when the bytes differ, the two
files are compared again with every stream inflated and the lengths and cross-reference
offsets that follow from compression blanked out (what ``qpdf --qdf`` does for fpdf2's
comparison); any change to what is drawn still fails.

Regenerate the references after a deliberate layout change with
``MUNICIPAL_REGENERATE_PDFS=1`` and look at them (``pdftoppm -png``) before committing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from municipal_core.documents._blocks import Document
from municipal_core.documents._codes import DocumentSigner
from municipal_core.documents._printables import printable
from municipal_core.documents._render import RenderOptions, render
from municipal_core.documents._samples import sample_objects
from municipal_core.documents._words import amount_in_words
from municipal_core.errors import ValidationError
from municipal_core.money import Money

REFERENCE = Path(__file__).parent / "reference"
REGENERATE = os.environ.get("MUNICIPAL_REGENERATE_PDFS") == "1"
CREATED = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone.utc)
SIGNER = DocumentSigner(b"reference-pdf-signing-key-000001", "REF1")
SAMPLES = sample_objects()

# The amount each document prints in words, to find it again in the PDF's text.
WORDS: dict[str, Money] = {
    "lease_contract": SAMPLES["lease_contract"][1].total_rent,
    "renewal_contract": SAMPLES["renewal_contract"][1].total_rent,
    "invoice": SAMPLES["invoice"][1].total,
    "receipt": SAMPLES["receipt"][1].total,
}


def build(name: str) -> Document:
    kind, obj = SAMPLES[name]
    return printable(kind, obj, signer=SIGNER)


def render_sample(name: str) -> bytes:
    options = RenderOptions(creation_date=CREATED, document_id=f"municipal-core-{name}")
    return render(build(name), options=options)


_STREAM = re.compile(rb"(stream\r?\n)(.*?)(\r?\nendstream)", re.S)


def normalised(pdf: bytes) -> bytes:
    """The PDF with its Flate streams inflated and compression-dependent numbers blanked."""

    def inflate(match: re.Match[bytes]) -> bytes:
        try:
            body = zlib.decompress(match.group(2))
        except zlib.error:  # not a Flate stream: keep the bytes, compare them as they are
            body = match.group(2)
        return match.group(1) + body + match.group(3)

    inflated = _STREAM.sub(inflate, pdf)
    inflated = re.sub(rb"/Length \d+", b"/Length _", inflated)
    return inflated.split(b"\nxref", 1)[0]


def assert_pdf_equal(actual: bytes, reference: Path) -> None:
    if REGENERATE:
        reference.parent.mkdir(exist_ok=True)
        reference.write_bytes(actual)
    assert reference.exists(), f"missing {reference.name}: run with MUNICIPAL_REGENERATE_PDFS=1"
    expected = reference.read_bytes()
    if actual != expected:  # see the module docs: only zlib's bytes may differ
        assert normalised(actual) == normalised(expected)


_IGNORED = frozenset(
    "\u0640\u200e\u200f\u061c()"  # tatweel, bidi marks; brackets (mirrored in RTL runs)
    + "".join(map(chr, range(0x064B, 0x0660)))  # harakat and tanween
    + "\u0670"  # superscript alef
)


def plain(text: str) -> str:
    """Text as compared: compatibility forms folded (Arabic presentation forms to letters),
    without whitespace and without what extraction places unreliably (see _IGNORED)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and c not in _IGNORED)


def assert_text_has(extracted: str, phrase: str) -> None:
    # Extraction returns glyphs in the order they were drawn and a wrapped title line by
    # line, so each word is looked for on its own, in logical or visual order. A
    # diacritic is drawn over a letter and may come back attached to its neighbour; a
    # bracket in an Arabic run is drawn mirrored: neither is compared (plain()).
    haystack = plain(extracted)
    for word in phrase.split():
        needle = plain(word)
        assert needle in haystack or needle[::-1] in haystack, (word, phrase)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_render_matches_the_reference_pdf(name: str) -> None:
    pdf = render_sample(name)
    assert pdf == render_sample(name)  # deterministic in one process, whatever the zlib
    assert_pdf_equal(pdf, REFERENCE / f"{name}.pdf")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_text_extracts_back_title_and_reference(name: str) -> None:
    doc = build(name)
    reader = PdfReader(io.BytesIO(render_sample(name)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert_text_has(text, doc.title.ar)
    assert_text_has(text, doc.title.en)
    assert_text_has(text, doc.reference)
    if name in WORDS:
        assert_text_has(text, amount_in_words(WORDS[name], "en"))


def test_the_standard_lease_is_two_pages_with_the_arabic_amount_in_words() -> None:
    reader = PdfReader(io.BytesIO(render_sample("lease_contract")))
    assert len(reader.pages) == 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert_text_has(text, amount_in_words(WORDS["lease_contract"], "ar", only=True))


def _dark_share(pgm: bytes) -> float:
    # pdftoppm -gray writes a binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    pixels = pgm[header.end() : header.end() + width * height]
    return sum(1 for value in pixels if value < 128) / len(pixels)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
@pytest.mark.parametrize("name", ["lease_contract", "invoice", "violation_notice"])
def test_page_one_renders_to_a_picture_that_is_not_blank(name: str, tmp_path: Path) -> None:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(render_sample(name))
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-singlefile", source, tmp_path / name],
        check=True,
        capture_output=True,
        timeout=60,
    )
    share = _dark_share((tmp_path / f"{name}.pgm").read_bytes())
    assert 0.005 < share < 0.5  # ink on the page, but not a black page either


def test_the_fallback_comparison_ignores_only_how_streams_were_compressed() -> None:
    pdf = (REFERENCE / "service_letter.pdf").read_bytes()

    def recompress(match: re.Match[bytes]) -> bytes:
        try:
            body = zlib.compress(zlib.decompress(match.group(2)), 1)
        except zlib.error:
            return match.group(0)
        return match.group(1) + body + match.group(3)

    other_zlib = _STREAM.sub(recompress, pdf)
    assert other_zlib != pdf
    assert normalised(other_zlib) == normalised(pdf)
    edited = pdf.replace(b"SL-2026-0551", b"SL-2026-0552")
    assert normalised(edited) != normalised(pdf)


def test_options_reach_the_printed_page() -> None:
    kind, lease = SAMPLES["lease_contract"]
    doc = printable(kind, lease, mask_ids=False, arabic_digits=True)
    reader = PdfReader(io.BytesIO(render(doc, options=RenderOptions(compress=False))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert_text_has(text, "12345678")  # the full civil number, asked for
    assert_text_has(text, lease.total_rent.format("ar", arabic_digits=True))
    assert_text_has(text, lease.total_rent.format("en"))  # English keeps ASCII digits


_NAME_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Pd", "Po"),
    max_codepoint=0x06FF,  # Latin and Arabic: what a name on an ID card is written in
)


@settings(max_examples=15, deadline=None)
@given(
    landlord=st.text(_NAME_CHARS, min_size=1, max_size=200).filter(str.strip),
    unit=st.text(_NAME_CHARS, min_size=1, max_size=50).filter(str.strip),
)
def test_any_names_the_contract_accepts_render(landlord: str, unit: str) -> None:
    kind, lease = SAMPLES["lease_contract"]
    try:
        lease = attrs.evolve(
            lease,
            landlord=attrs.evolve(lease.landlord, name_ar=landlord, name_en=None),
            property=attrs.evolve(lease.property, unit=unit),
        )
    except ValidationError:  # a value the domain refuses never reaches a printer
        assume(False)
    pdf = render(printable(kind, lease))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
