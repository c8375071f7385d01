import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.identifiers.om import commercial_registration, vatin


@pytest.mark.parametrize(
    "raw", ["1100012345", "OM1100012345", "om 110-001-2345", "OM١١٠٠٠١٢٣٤٥", " Om:1100012345 "]
)
def test_every_typed_form_compacts_to_the_digits(raw: str) -> None:
    assert vatin.validate(raw) == "1100012345"
    assert vatin.format(raw) == "OM1100012345"
    assert vatin.format(raw, prefix=False) == "1100012345"


@given(st.from_regex(r"[0-9]{10}", fullmatch=True))
def test_any_ten_digits_are_valid(value: str) -> None:
    assert vatin.validate("OM" + value) == value


def test_length_is_configurable() -> None:
    assert vatin.is_valid("OM110001234", length=9)
    assert vatin.format("110001234", length=9) == "OM110001234"
    assert len(vatin.generate(random.Random(1), length=12)) == 12


def test_same_canonical_rule_as_the_cr_number() -> None:
    # Both compact to digits and print their prefix back.
    assert vatin.format(vatin.compact("OM1100012345")).startswith(vatin.PREFIX)
    assert commercial_registration.format(commercial_registration.compact("CR1234567")).startswith(
        commercial_registration.PREFIX
    )


def test_mask_keeps_the_last_four() -> None:
    assert vatin.mask("OM1100012345") == "******2345"
