import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from municipal_core.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.identifiers.sa import national_id
from municipal_core.identifiers.sa.national_id import HolderKind

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1000000008", "1000000008"),
        ("2000000006", "2000000006"),
        ("١٠٠٠٠٠٠٠٠٨", "1000000008"),
        ("۲۰۰۰۰۰۰۰۰۶", "2000000006"),
        (" 1000-000-008 ", "1000000008"),
        ("\u200f1000000008", "1000000008"),
    ],
)
def test_valid_numbers_in_every_typed_form(raw: str, expected: str) -> None:
    assert national_id.validate(raw) == expected
    assert national_id.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ("1000000000", InvalidChecksum, "sa.national_id.checksum"),
        ("3000000008", InvalidComponent, "sa.national_id.first_digit"),
        ("100000008", InvalidLength, "sa.national_id.length"),
        ("10000000080", InvalidLength, "sa.national_id.length"),
        ("10000O0008", InvalidFormat, "sa.national_id.format"),
        ("", InvalidFormat, "sa.national_id.format"),
        ("1" * 10_000, InvalidLength, "sa.national_id.length"),
    ],
)
def test_invalid_numbers_raise_the_most_specific_error(
    raw: str, error: type[ValidationError], code: str
) -> None:
    with pytest.raises(error) as info:
        national_id.validate(raw)
    assert info.value.code == code
    assert info.value.field == "national_id"
    assert not national_id.is_valid(raw)


@pytest.mark.parametrize("value", [None, 1000000008, b"1000000008", ["1"]])
def test_non_text_is_a_format_error(value: object) -> None:
    with pytest.raises(InvalidFormat):
        national_id.validate(value)  # type: ignore[arg-type]
    assert national_id.is_valid(value) is False  # type: ignore[arg-type]


def test_error_messages_never_contain_the_number() -> None:
    with pytest.raises(ValidationError) as info:
        national_id.validate("1234567890")
    assert "1234567890" not in info.value.message_en + info.value.message_ar


def test_holder_kind_and_holder_restriction() -> None:
    assert national_id.holder_kind("1000000008") is HolderKind.CITIZEN
    assert national_id.holder_kind("2000000006") is HolderKind.RESIDENT
    assert national_id.validate("2000000006", holder=HolderKind.RESIDENT) == "2000000006"
    with pytest.raises(InvalidComponent) as info:
        national_id.validate("1000000008", holder=HolderKind.RESIDENT)
    assert info.value.code == "sa.national_id.holder"


def test_mask_hides_all_but_last_four() -> None:
    assert national_id.mask("١٠٠٠٠٠٠٠٠٨") == "******0008"


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_numbers_validate_and_keep_their_kind(seed: int) -> None:
    rng = random.Random(seed)
    for holder in HolderKind:
        value = national_id.generate(rng, holder=holder)
        assert national_id.validate(value) == value
        assert national_id.holder_kind(value) is holder


@given(st.from_regex(r"[12][0-9]{9}", fullmatch=True))
def test_agrees_with_stdnum_luhn_on_ten_digits(value: str) -> None:
    assert national_id.is_valid(value) == luhn.is_valid(value)


@given(st.from_regex(r"[0-9]{10}", fullmatch=True))
def test_fast_path_agrees_with_full_validation(value: str) -> None:
    # The Arabic-digit form takes the slow path; both must give the same verdict.
    assert national_id.is_valid(value) == national_id.is_valid(value.translate(ARABIC))
    assert national_id.is_valid(value) == national_id.is_valid(value.translate(PERSIAN))


@given(st.from_regex(r"[12][0-9]{9}", fullmatch=True), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_is_caught(value: str, position: int, delta: int) -> None:
    if not national_id.is_valid(value):
        return
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    assert not national_id.is_valid(changed)


def test_holder_given_as_text_as_forms_and_json_send_it() -> None:
    assert national_id.validate("1000000008", holder="citizen") == "1000000008"
    with pytest.raises(InvalidComponent) as wrong:
        national_id.validate("1000000008", holder="resident")
    assert wrong.value.code == "sa.national_id.holder"
    assert "iqama" in wrong.value.message_en
    with pytest.raises(InvalidComponent) as unknown:
        national_id.validate("1000000008", holder="visitor")
    assert unknown.value.code == "sa.national_id.holder_kind"
