import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength
from municipal_core.identifiers import get_module
from municipal_core.identifiers.sa import engineering_office_licence as licence


def test_is_registered_as_an_identifier_kind() -> None:
    assert get_module("sa.engineering_office_licence") is licence


@given(st.from_regex(r"[0-9]{3,10}", fullmatch=True))
def test_any_three_to_ten_digits_are_valid(value: str) -> None:
    assert licence.validate(value) == value
    assert licence.format(value) == value


@given(st.integers(min_value=1, max_value=40).filter(lambda n: not 3 <= n <= 10))
def test_other_digit_counts_are_refused(length: int) -> None:
    with pytest.raises(InvalidLength) as info:
        licence.validate("5" * length)
    assert info.value.code == "sa.engineering_office_licence.length"
    assert info.value.field == "engineering_licence"


@pytest.mark.parametrize("raw", ["12a456", "ABC123", "١٢٣x"])
def test_letters_are_refused(raw: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        licence.validate(raw)
    assert info.value.code == "sa.engineering_office_licence.format"


def test_typed_forms_compact_to_ascii_digits() -> None:
    assert licence.validate("٠١٢-٣٤٥ ٦") == "0123456"
    assert licence.compact("۱۲۳ ۴۵") == "12345"


def test_length_range_is_configurable() -> None:
    assert not licence.is_valid("12")
    assert licence.is_valid("12", min_length=2)
    assert not licence.is_valid("12345", max_length=4)
    value = licence.generate(random.Random(2), min_length=12, max_length=12)
    assert len(value) == 12
    assert licence.is_valid(value, max_length=12)


@pytest.mark.parametrize(("low", "high"), [(0, 5), (6, 5)])
def test_generate_refuses_an_empty_range(low: int, high: int) -> None:
    with pytest.raises(InvalidComponent) as info:
        licence.generate(random.Random(1), min_length=low, max_length=high)
    assert info.value.code == "sa.engineering_office_licence.lengths"


def test_generate_covers_the_range_without_leading_zero() -> None:
    rng = random.Random(9)
    values = [licence.generate(rng) for _ in range(200)]
    assert {len(v) for v in values} == set(range(3, 11))
    assert all(v[0] != "0" for v in values)


@given(st.from_regex(r"[0-9]{3,10}", fullmatch=True))
def test_mask_never_shows_more_than_three_digits_or_half(value: str) -> None:
    masked = licence.mask(value)
    shown = len(masked.lstrip("*"))
    assert len(masked) == len(value)
    assert shown <= min(3, len(value) // 2)
    assert value.endswith(masked[len(value) - shown :])
