"""Hostile text never crashes rendering and never runs off the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from municipal_core._text import BIDI_CONTROLS
from municipal_core.documents._blocks import (
    Bilingual,
    Column,
    Document,
    Field,
    Fields,
    Paragraph,
    Table,
)
from municipal_core.documents._flow import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Text
from municipal_core.documents._layout import layout
from municipal_core.documents._render import render
from municipal_core.documents._sanitize import PLACEHOLDER, clean

HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),  # any scalar value: controls, CJK, emoji, marks...
        st.sampled_from(BIDI_CONTROLS + "\x00\x07\t\r\n\u2028\ufeff\u200b"),
        st.sampled_from("عقد إيجار 0123456789 LC-7 @."),
    ),
    max_size=300,
)


def notice(text: str, *, cells: int = 2, everywhere: bool = True) -> Document:
    """A document with ``text`` in every field, or only in the values and cells."""
    parts = Bilingual(text, text)
    label = parts if everywhere else Bilingual("البيان", "Detail")
    columns = tuple(Column(label) for _ in range(cells))
    blocks = (
        Paragraph(parts),
        Fields((Field(label, text, value_ar=text),)),
        Table(columns, ((text,) * cells,), total=(text,) * cells),
    )
    return Document(
        "violation_notice", label, "V-1", label, dt.date(2026, 1, 1), blocks, footer=label
    )


def assert_on_paper(document: Document) -> None:
    for page in layout(document):
        for op in page:
            if isinstance(op, Text):
                assert op.x >= MARGIN - 0.01
                assert op.x + op.line.width <= PAGE_WIDTH - MARGIN + 0.01
                assert 0 < op.y <= PAGE_HEIGHT - MARGIN


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_any_text_lays_out_inside_the_margins(text: str) -> None:
    assert_on_paper(notice(text))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_any_text_renders_a_readable_pdf(text: str) -> None:
    pdf = render(notice(text))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1


@given(text=HOSTILE)
def test_cleaning_leaves_no_control_or_override_characters(text: str) -> None:
    cleaned = clean(text)
    assert not any(c in cleaned for c in BIDI_CONTROLS + "\x00\x07\t\r\ufeff\u200b")
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned


def test_an_override_cannot_reverse_an_amount() -> None:
    pdf = render(notice("Rent \u202e000.053\u202c OMR"))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "000.053" in text
    assert "350.000" not in text


def test_characters_the_font_lacks_become_a_visible_placeholder() -> None:
    assert clean("名前 😀", glyphs={ord(" ")}) == f"{PLACEHOLDER}{PLACEHOLDER} {PLACEHOLDER}"
    pdf = render(notice("Name 名前 😀 𝔸"))
    assert "Name ?? ? ?" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize("cells", [1, 4])
def test_five_thousand_character_fields_wrap_and_split(cells: int) -> None:
    long = ("شارع الملتقى 12 Sohar-" * 250)[:5000]
    document = notice(long, cells=cells, everywhere=False)
    assert_on_paper(document)
    assert len(PdfReader(io.BytesIO(render(document))).pages) >= 3


def test_an_unbreakable_five_thousand_character_word_is_cut() -> None:
    assert_on_paper(notice("W" * 5000, cells=3, everywhere=False))
