"""Date lines: Gregorian with the Umm al-Qura Hijri date, in English and Arabic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core._text import DIGITS_TO_ASCII
from municipal_core.dates import GREGORIAN_MAX, GREGORIAN_MIN, to_hijri
from municipal_core.documents._date_text import date_line, gregorian_text
from municipal_core.errors import InvalidComponent, InvalidFormat


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2026, 11, 22), "en", "22 November 2026 (12 Jumada al-Akhirah 1448 AH)"),
        (dt.date(2026, 11, 22), "ar", "22 نوفمبر 2026م (12 جمادى الآخرة 1448 هـ)"),
        (dt.date(2024, 3, 11), "en", "11 March 2024 (1 Ramadan 1445 AH)"),
        (dt.date(2024, 3, 11), "ar", "11 مارس 2024م (1 رمضان 1445 هـ)"),
        (dt.date(2025, 6, 26), "en", "26 June 2025 (1 Muharram 1447 AH)"),
    ],
)
def test_known_dates(day: dt.date, lang: str, expected: str) -> None:
    assert date_line(day, lang) == expected  # type: ignore[arg-type]


def test_arabic_indic_digits() -> None:
    assert date_line(dt.date(2026, 11, 22), "ar", arabic_digits=True) == (
        "٢٢ نوفمبر ٢٠٢٦م (١٢ جمادى الآخرة ١٤٤٨ هـ)"
    )


def test_dates_without_a_hijri_equivalent_still_print() -> None:
    assert date_line(dt.date(1900, 1, 1), "ar") == "1 يناير 1900م"
    assert date_line(dt.date(2080, 12, 31)) == "31 December 2080"
    assert date_line(GREGORIAN_MIN).endswith("(1 Muharram 1343 AH)")
    assert date_line(GREGORIAN_MAX).endswith("(30 Dhu al-Hijjah 1500 AH)")


@given(st.dates(), st.sampled_from(["en", "ar"]))
def test_line_is_gregorian_then_the_hijri_of_the_same_day(day: dt.date, lang: str) -> None:
    line = date_line(day, lang)  # type: ignore[arg-type]
    gregorian = gregorian_text(day, lang)  # type: ignore[arg-type]
    if GREGORIAN_MIN <= day <= GREGORIAN_MAX:
        assert line == f"{gregorian} ({to_hijri(day).format(lang)})"  # type: ignore[arg-type]
    else:
        assert line == gregorian
    assert line.startswith(f"{day.day} ")
    assert str(day.year) in gregorian
    assert date_line(day, lang, arabic_digits=True).translate(DIGITS_TO_ASCII) == line  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (
            lambda: date_line(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)),
            InvalidFormat,
            "dates.type",
        ),
        (lambda: date_line("2026-01-01"), InvalidFormat, "dates.type"),  # type: ignore[arg-type]
        (lambda: date_line(dt.date(2026, 1, 1), "fr"), InvalidComponent, "language"),  # type: ignore[arg-type]
        (
            lambda: gregorian_text(dt.date(2026, 1, 1), arabic_digits="yes"),
            InvalidFormat,
            "documents.date.type",
        ),  # type: ignore[arg-type]
    ],
)
def test_bad_input_raises_typed_errors(call: object, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert caught.value.code == code  # type: ignore[attr-defined]
