"""The _util helpers the Saudi/Omani CR, civil-number, VATIN and address modules share."""

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength
from municipal_core.identifiers._util import (
    MAX_INPUT_LENGTH,
    Label,
    clean,
    clean_code,
    clean_text,
    language,
    random_digits,
    require_digits,
    require_first_digit,
    require_length_range,
    strip_prefixes,
    succeeds,
)

LABEL = Label("thing", "xx.thing", "thing", "الشيء")
PREFIXES = ("CR", "ست")


def test_label_builds_errors_of_one_family() -> None:
    err = LABEL.error(InvalidLength, "length", "Too long.", "طويل جدًا.")
    assert isinstance(err, InvalidLength)
    assert (err.code, err.field, err.message("ar")) == ("xx.thing.length", "thing", "طويل جدًا.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CR123", "123"),
        ("cr: 123", "123"),
        ("Cr#123", "123"),
        ("CRCR123", "123"),
        ("ست123", "123"),
        ("123CR", "123CR"),
        ("CR", ""),
        ("", ""),
    ],
)
def test_strip_prefixes(raw: str, expected: str) -> None:
    assert strip_prefixes(raw, PREFIXES) == expected


@given(st.text(alphabet="CRcrست :#\n12", max_size=12) | st.text(max_size=12))
def test_strip_prefixes_after_clean_is_stable(raw: str) -> None:
    once = strip_prefixes(clean(raw, field="f", code="c"), PREFIXES)
    assert strip_prefixes(clean(once, field="f", code="c"), PREFIXES) == once
    assert not once.upper().startswith(("CR", "ست"))


def test_require_digits_and_ranges() -> None:
    assert require_digits("1234", {4, 2}, label=LABEL) == "1234"
    with pytest.raises(InvalidLength) as info:
        require_digits("123", {4, 2}, label=LABEL)
    assert info.value.message_en == "The thing must have 2 or 4 characters."
    with pytest.raises(InvalidFormat):
        require_digits("12a4", (4,), label=LABEL)
    with pytest.raises(InvalidLength) as info:
        require_length_range("", 1, 5, label=LABEL)
    assert info.value.message_en == "The thing must have 1 to 5 characters."


def test_require_first_digit() -> None:
    assert require_first_digit("123", ("1",), label=LABEL) == "123"
    for value in ("223", ""):
        with pytest.raises(InvalidComponent) as info:
            require_first_digit(value, "1", label=LABEL)
        assert info.value.code == "xx.thing.first_digit"


def test_clean_code() -> None:
    assert clean_code(" a-١٢ ", label=LABEL, max_length=5) == "A12"
    with pytest.raises(InvalidFormat):
        clean_code("a b!", label=LABEL, max_length=5)
    with pytest.raises(InvalidLength):
        clean_code("ABCDEF", label=LABEL, max_length=5)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("a\x00b", "xx.thing.control"),
        ("a\x7fb", "xx.thing.control"),
        ("a\x85b", "xx.thing.control"),
        ("a\x1cb", "xx.thing.control"),
        ("a\ud800b", "xx.thing.control"),
        ("a\u202bb", "xx.thing.bidi"),
        ("a\u2067b", "xx.thing.bidi"),
        ("   ", "xx.thing.length"),
        ("x" * 11, "xx.thing.length"),
        ("x" * (MAX_INPUT_LENGTH + 1), "xx.thing.length"),
        ("\x00" * 100_000, "xx.thing.length"),
        (b"street", "xx.thing.format"),
    ],
)
def test_clean_text_refusals(raw: object, code: str) -> None:
    with pytest.raises((InvalidFormat, InvalidLength)) as info:
        clean_text(raw, label=LABEL, max_length=10)
    assert info.value.code == code


def test_clean_text_keeps_text_and_marks() -> None:
    assert clean_text(" a\r\n b\u00a0c\u2028d ", label=LABEL, max_length=20) == "a b c d"
    assert clean_text("e\u0301", label=LABEL, max_length=5) == "\u00e9"  # NFC
    assert clean_text("شارع\u200f ١", label=LABEL, max_length=20) == "شارع\u200f ١"


@given(st.text(max_size=60))
def test_clean_text_output_is_tidy_and_stable(raw: str) -> None:
    try:
        tidy = clean_text(raw, label=LABEL, max_length=40)
    except (InvalidFormat, InvalidLength):
        return
    assert tidy == " ".join(tidy.split())
    assert unicodedata.is_normalized("NFC", tidy)
    assert clean_text(tidy, label=LABEL, max_length=40) == tidy


def test_succeeds_and_language() -> None:
    assert succeeds(lambda n: require_digits(n, (2,), label=LABEL), "12")
    assert not succeeds(lambda n: require_digits(n, (2,), label=LABEL), "1")
    assert (language("en"), language("ar")) == ("en", "ar")
    with pytest.raises(InvalidComponent):
        language("EN")


def test_random_digits() -> None:
    rng = random.Random(9)
    values = [random_digits(rng, 6, first="3") for _ in range(20)]
    assert all(len(v) == 6 and v[0] == "3" and v.isdigit() for v in values)
    assert random_digits(rng, 0) == ""
    assert random_digits(rng, 3, first="").isdigit()
