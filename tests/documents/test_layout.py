"""Line breaking, bidi order, page flow: lines fit, tables split with headers, pages numbered."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.documents._bidi import reorder, runs
from municipal_core.documents._blocks import (
    Bilingual,
    Column,
    Document,
    Field,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
    VerificationCode,
)
from municipal_core.documents._flow import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Modules, Text
from municipal_core.documents._layout import layout
from municipal_core.documents._lines import Line, lines_of
from municipal_core.errors import MunicipalError

WORDS = st.sampled_from(
    ["عقد", "الإيجار", "المستأجر", "2026", "LC-7", "Sohar", "tenant@example.om", "٣٥٠", "(ر.ع)"]
)


def visual(line: Line) -> str:
    """The line's text left to right, read back from its glyphs and ToUnicode map."""
    text_of = dict(line.text_of)
    return "".join(text_of.get(int(g, 16), "") for g in re.findall(r"<([0-9A-F]{4})>", line.body))


def letter(*blocks: object) -> Document:
    names = Bilingual("بلدية صحار", "Sohar Municipality")
    title = Bilingual("خطاب", "Letter")
    return Document("service_letter", title, "SL-1", names, dt.date(2026, 11, 22), blocks)  # type: ignore[arg-type]


def texts(page: tuple[object, ...]) -> str:
    return " ".join(visual(op.line) for op in page if isinstance(op, Text))


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=60),
    width=st.floats(min_value=20, max_value=500),
    rtl=st.booleans(),
)
def test_every_line_fits_its_width(words: list[str], width: float, rtl: bool) -> None:
    lines = lines_of(" ".join(words), bold=False, size=10.0, width=width, rtl=rtl)
    assert lines
    for line in lines:
        # A single cluster wider than the line is the only allowed overflow; none is here.
        assert line.width <= width + 1e-6 or len(line.glyphs) == 1


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=30), rtl=st.booleans())
def test_runs_cover_the_text_and_reorder_is_a_permutation(words: list[str], rtl: bool) -> None:
    text = " ".join(words)
    found = runs(text, rtl=rtl)
    assert found[0].start == 0
    assert found[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(found))
    ordered = reorder(list(found), [run.level for run in found])
    assert sorted(ordered) == sorted(found)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("رقم العقد LC-2026-0007 بتاريخ اليوم", "LC-2026-0007"),
        ("مراسلة البريد tenant@example.om فقط", "tenant@example.om"),
        ("الإيجار 350.250 ريال", "350.250"),
        ("المؤجر Salim Al-Harthy والمستأجر", "Salim Al-Harthy"),
    ],
)
def test_latin_and_numbers_stay_in_order_inside_arabic(text: str, kept: str) -> None:
    (line,) = lines_of(text, bold=False, size=10.0, width=500.0, rtl=True)
    assert kept in visual(line)


def test_arabic_reads_right_to_left() -> None:
    (line,) = lines_of("باب", bold=False, size=10.0, width=500.0, rtl=True)
    # The last letter is drawn first (leftmost); ToUnicode maps contextual forms back.
    assert visual(line) == "باب"[::-1]


def test_a_word_longer_than_the_line_is_cut_not_overflowing() -> None:
    lines = lines_of("x" * 2000, bold=False, size=10.0, width=100.0, rtl=False)
    assert len(lines) > 10
    assert max(line.width for line in lines) <= 100.0


def test_hard_line_breaks_are_kept() -> None:
    assert len(lines_of("one\ntwo", bold=False, size=10.0, width=500.0, rtl=False)) == 2
    assert lines_of("", bold=False, size=10.0, width=500.0, rtl=False) == ()


def test_long_table_splits_with_the_header_on_every_page() -> None:
    columns = (Column(Bilingual("القسط", "Instalment")), Column(Bilingual("المبلغ", "Amount")))
    rows = tuple((str(i), f"{i}.000") for i in range(120))
    pages = layout(letter(Table(columns, rows, total=("Total", "7140.000"))))
    assert len(pages) >= 3
    for page in pages:
        assert "Amount" in texts(page)
    assert "7140.000" in texts(pages[-1])


def test_every_page_is_numbered() -> None:
    pages = layout(letter(Paragraph(Bilingual("نص " * 2500, "text " * 2500))))
    count = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in texts(page)


def test_a_huge_field_splits_over_pages_and_stays_on_the_paper() -> None:
    field = Field(Bilingual("العنوان", "Address"), "Way 2914, " * 500)
    pages = layout(letter(Fields((field,)), Signatures((Bilingual("المؤجر", "Landlord"),))))
    assert len(pages) >= 2
    for page in pages:
        for op in page:
            if isinstance(op, Text):
                assert op.x >= MARGIN - 0.01
                assert op.x + op.line.width <= PAGE_WIDTH - MARGIN + 0.01
                assert 0 < op.y < PAGE_HEIGHT - MARGIN


def test_heading_fields_and_code_blocks_are_laid_out() -> None:
    pages = layout(
        letter(
            Heading(Bilingual("الأطراف", "Parties")),
            Fields((Field(Bilingual("الاسم", "Name"), "Salim", value_ar="سالم"),)),
            VerificationCode("V1.K1.ABC", Bilingual("رمز التحقق", "Verification code")),
        )
    )
    words = texts(pages[0])
    assert "Parties" in words
    assert "Salim" in words
    assert "V1.K1.ABC" in words
    assert any(isinstance(op, Modules) for op in pages[0])


def test_arabic_digits_option_changes_free_numbers_only() -> None:
    doc = letter(Paragraph(Bilingual("المبلغ 350 والمرجع LC-2026-7", "Amount 350")))
    import attrs

    pages = layout(attrs.evolve(doc, arabic_digits=True))
    words = texts(pages[0])
    assert "٣٥٠" in words
    assert "LC-2026-7" in words
    assert "Amount 350" in words


def test_narrow_and_many_columns_stay_inside_the_margins() -> None:
    columns = tuple(Column(Bilingual("ع", "C"), weight=1 if i else 100) for i in range(12))
    pages = layout(letter(Table(columns, (("WWWW عمود 1234",) * 12,))))
    for op in pages[0]:
        if isinstance(op, Text):
            assert op.x >= MARGIN - 0.01
            assert op.x + op.line.width <= PAGE_WIDTH - MARGIN + 0.01


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: Table((Column(Bilingual("أ", "A")),) * 13, ()), "documents.block.columns"),
        (
            lambda: Table((Column(Bilingual("أ", "A")),), (("a", "b"),)),
            "documents.block.row_length",
        ),
        (
            lambda: Table((Column(Bilingual("أ", "A")),), (), total=("a", "b")),
            "documents.block.row_length",
        ),
        (lambda: Table((), ()), "documents.block.empty"),
        (lambda: Column(Bilingual("أ", "A"), weight=True), "documents.block.type"),
        (lambda: Fields(()), "documents.block.empty"),
        (lambda: Bilingual("أ", 3), "documents.block.type"),
        (lambda: Bilingual("أ" * 20_001, "A"), "documents.block.length"),
        (lambda: Field(Bilingual("أ", "A"), "v", value_ar=b"x"), "documents.block.type"),
        (lambda: Heading(Bilingual("أ", "A"), block="table"), "documents.block.type"),
        (lambda: letter(Bilingual("أ", "A")), "documents.block.type"),
    ],
)
def test_invalid_blocks_are_typed_errors(build: Any, code: str) -> None:
    with pytest.raises(MunicipalError) as caught:
        build()
    assert caught.value.code == code


def test_an_english_line_with_an_arabic_name_keeps_english_order() -> None:
    pages = layout(letter(Paragraph(Bilingual("نص", "The tenant شركة النور pays rent"))))
    english = [visual(op.line) for op in pages[0] if isinstance(op, Text)]
    assert any(line.startswith("The tenant ") and line.endswith(" pays rent") for line in english)
