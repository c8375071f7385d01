import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent
from municipal_core.identifiers.om import commercial_registration as cr


def test_rules_are_module_constants() -> None:
    assert (cr.LENGTH, cr.FIRST_DIGITS, cr.PREFIX) == (7, ("1",), "CR")


@pytest.mark.parametrize(
    "raw",
    [
        "1234567",
        "CR1234567",
        "cr1234567",
        "Cr 1234567",
        "CR-1234567",
        "CR: 123 4567",
        "C.R. 1234567",
        "س.ت ١٢٣٤٥٦٧",
        "س.ت: 1234567",
        "\u200fCR1234567",
    ],
)
def test_every_typed_form_compacts_to_the_digits(raw: str) -> None:
    assert cr.compact(raw) == "1234567"
    assert cr.validate(raw) == "1234567"
    assert cr.format(raw) == "CR1234567"
    assert cr.format(raw, prefix=False) == "1234567"


@given(st.from_regex(r"1[0-9]{6}", fullmatch=True))
def test_any_seven_digits_starting_with_one_are_valid(value: str) -> None:
    assert cr.validate("CR" + value) == value
    assert cr.format(value) == "CR" + value


@given(st.from_regex(r"[02-9][0-9]{6}", fullmatch=True))
def test_other_first_digits_are_refused(value: str) -> None:
    with pytest.raises(InvalidComponent):
        cr.validate(value)


def test_length_and_first_digit_are_configurable() -> None:
    assert cr.validate("CR22345678", length=8, first_digits=("1", "2")) == "22345678"
    assert cr.is_valid("2234567", first_digits="12")
    assert cr.format("2234567", first_digits=("2",)) == "CR2234567"
    value = cr.generate(random.Random(3), length=8, first_digits=("2",))
    assert value.startswith("2")
    assert cr.is_valid(value, length=8, first_digits=("2",))


def test_first_digit_error_names_the_allowed_digits() -> None:
    with pytest.raises(InvalidComponent) as info:
        cr.validate("3234567", first_digits=("2", "1"))
    assert info.value.message_en == "The CR number must start with 1 or 2."
    assert "1 أو 2" in info.value.message_ar


def test_mask_never_shows_the_prefix_or_most_digits() -> None:
    assert cr.mask("CR1234567") == "****567"
