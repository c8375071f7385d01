import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidLength
from municipal_core.identifiers.om import civil_number


def test_default_lengths_are_those_seen_on_cards() -> None:
    assert civil_number.ALLOWED_LENGTHS == (8, 9)


@given(st.from_regex(r"[0-9]{8,9}", fullmatch=True))
def test_any_eight_or_nine_digits_are_valid(value: str) -> None:
    assert civil_number.validate(value) == value


@given(st.integers(min_value=1, max_value=30).filter(lambda n: n not in (8, 9)))
def test_other_digit_counts_are_refused(length: int) -> None:
    with pytest.raises(InvalidLength):
        civil_number.validate("1" * length)


def test_lengths_are_configurable() -> None:
    assert not civil_number.is_valid("1234567")
    assert civil_number.is_valid("1234567", lengths=(7, 8))
    assert civil_number.validate("1234567", lengths={7}) == "1234567"
    assert civil_number.format("1234567", lengths=[7]) == "1234567"
    assert not civil_number.is_valid("123456789", lengths=(8,))
    value = civil_number.generate(random.Random(1), lengths=(12,))
    assert len(value) == 12
    assert civil_number.is_valid(value, lengths=(12,))


def test_generate_refuses_no_lengths() -> None:
    with pytest.raises(InvalidComponent) as info:
        civil_number.generate(random.Random(1), lengths=())
    assert info.value.code == "om.civil_number.lengths"


def test_generate_covers_both_lengths_without_leading_zero() -> None:
    rng = random.Random(5)
    values = [civil_number.generate(rng) for _ in range(60)]
    assert {len(v) for v in values} == {8, 9}
    assert all(v[0] != "0" for v in values)


@pytest.mark.parametrize(
    ("raw", "masked"), [("12345678", "*****678"), ("123456789", "******789")]
)
def test_mask_shows_the_last_three_digits(raw: str, masked: str) -> None:
    assert civil_number.mask(raw) == masked
