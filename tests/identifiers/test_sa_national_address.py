import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from municipal_core.identifiers.sa import national_address as na
from municipal_core.identifiers.sa.national_address import NationalAddress

PARTS: dict[str, Any] = {
    "building_number": "2929",
    "street": "King Fahd Road",
    "district": "Al Olaya",
    "city": "Riyadh",
    "postal_code": "12211",
    "additional_number": "3434",
}


def make(**changes: Any) -> NationalAddress:
    return NationalAddress(**{**PARTS, **changes})


# --- short address -----------------------------------------------------------------------


@given(st.from_regex(r"[A-Za-z]{4}[0-9]{4}", fullmatch=True))
def test_any_four_letters_and_four_digits_are_a_short_address(value: str) -> None:
    assert na.validate(value) == value.upper()


def test_short_address_mask_hides_the_letters() -> None:
    assert na.mask("rrrd2929") == "****2929"


# --- numbered parts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "field"),
    [
        (na.validate_building_number, "building_number"),
        (na.validate_additional_number, "additional_number"),
    ],
)
def test_four_digit_parts(function: Any, field: str) -> None:
    assert function("٢٩٢٩") == "2929"
    assert function(" 0001 ") == "0001"
    for raw, error, suffix in [
        ("292", InvalidLength, "length"),
        ("29290", InvalidLength, "length"),
        ("29a9", InvalidFormat, "format"),
        (None, InvalidFormat, "format"),
    ]:
        with pytest.raises(error) as info:
            function(raw)
        assert info.value.code == f"sa.national_address.{field}.{suffix}"
        assert info.value.field == field


@given(st.from_regex(r"[1-8][0-9]{4}", fullmatch=True))
def test_postal_codes_with_a_region_digit(code: str) -> None:
    assert na.validate_postal_code(code) == code
    assert na.postal_region(code) == int(code[0])


@given(st.from_regex(r"[09][0-9]{4}", fullmatch=True))
def test_postal_codes_outside_the_regions(code: str) -> None:
    with pytest.raises(InvalidComponent) as info:
        na.validate_postal_code(code)
    assert info.value.code == "sa.national_address.postal_code.region"
    assert info.value.field == "postal_code"


def test_postal_code_shape_and_configurable_regions() -> None:
    assert na.validate_postal_code("١٢٢١١") == "12211"
    with pytest.raises(InvalidLength) as info:
        na.validate_postal_code("1221")
    assert info.value.code == "sa.national_address.postal_code.length"
    assert na.validate_postal_code("91431", regions=(*na.POSTAL_REGIONS, 9)) == "91431"
    assert na.postal_region("91431", regions=(9,)) == 9


# --- the whole address ---------------------------------------------------------------------


def test_parts_are_tidied_at_construction() -> None:
    address = make(
        building_number="٢٩٢٩",
        street="  King   Fahd\tRoad ",
        postal_code="12 211",
        short_address="rrrd-2929",
        unit_number="12-b",
    )
    assert address.building_number == "2929"
    assert address.street == "King Fahd Road"
    assert address.postal_code == "12211"
    assert address.short_address == "RRRD2929"
    assert address.unit_number == "12B"
    assert address.region == 1
    assert address == make(street="King Fahd Road", short_address="RRRD2929", unit_number="12b")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"building_number": "292"}, "building_number", "building_number.length"),
        ({"additional_number": "x"}, "additional_number", "additional_number.format"),
        ({"postal_code": "02211"}, "postal_code", "postal_code.region"),
        ({"street": "   "}, "street", "street.length"),
        ({"street": "x" * 101}, "street", "street.length"),
        ({"street": "King\x00Fahd"}, "street", "street.control"),
        ({"district": "Olaya\u202e"}, "district", "district.bidi"),
        ({"district": "\u2066Olaya\u2069"}, "district", "district.bidi"),
        ({"city": None}, "city", "city.format"),
        ({"city": "R" * 61}, "city", "city.length"),
        ({"short_address": "RRRD"}, "short_address", "short_address.length"),
        ({"unit_number": "شقة"}, "unit_number", "unit_number.format"),
        ({"unit_number": "123456789"}, "unit_number", "unit_number.length"),
    ],
)
def test_an_invalid_part_cannot_be_built(changes: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        make(**changes)
    assert info.value.field == field
    assert info.value.code == f"sa.national_address.{code}"


def test_arabic_text_and_plain_bidi_marks_are_kept() -> None:
    address = make(street="طريق الملك فهد\u200f", district="العليا", city="الرياض")
    assert address.street == "طريق الملك فهد\u200f"
    assert address.city == "الرياض"


def test_evolve_revalidates_and_instances_are_frozen() -> None:
    address = make()
    with pytest.raises(InvalidComponent):
        attrs.evolve(address, postal_code="99999")
    assert attrs.evolve(address, city=" Jeddah ").city == "Jeddah"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        address.city = "Jeddah"  # type: ignore[misc]


def test_format_in_english_and_arabic() -> None:
    assert make().format() == "2929 King Fahd Road\nAl Olaya\nRiyadh 12211-3434"
    full = make(
        street="طريق الملك فهد",
        district="العليا",
        city="الرياض",
        short_address="RRRD2929",
        unit_number="7",
    )
    assert full.format("ar").splitlines() == [
        "2929 طريق الملك فهد",
        "وحدة رقم 7",
        "العليا",
        "الرياض 12211-3434",
        "العنوان المختصر RRRD2929",
    ]
    assert full.format("en").splitlines()[1] == "Unit 7"
    assert full.format("en").splitlines()[-1] == "Short address RRRD2929"


def test_format_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidComponent) as info:
        make().format("fr")  # type: ignore[arg-type]
    assert info.value.code == "language"


def test_repr_reveals_no_house() -> None:
    text = repr(make(short_address="RRRD2929", unit_number="7"))
    assert text == "NationalAddress(city='Riyadh', region=1)"
    for secret in ("2929", "King Fahd", "12211", "3434", "RRRD"):
        assert secret not in text


@given(st.text(max_size=120))
def test_free_text_is_either_tidy_or_refused(street: str) -> None:
    try:
        address = make(street=street)
    except ValidationError as err:
        assert err.field == "street"
        return
    tidy = address.street
    assert tidy == tidy.strip()
    assert "  " not in tidy
    assert 1 <= len(tidy) <= na.MAX_STREET_LENGTH
    assert not any(unicodedata.category(ch) == "Cc" for ch in tidy)
    assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in tidy)
    assert unicodedata.is_normalized("NFC", tidy)
    assert make(street=tidy).street == tidy


def test_invisible_paste_artifacts_are_dropped_from_free_text() -> None:
    plain = NationalAddress("1234", "King Fahd Road", "Olaya", "Riyadh", "12345", "6789")
    pasted = NationalAddress(
        "1234", "King\u200b Fahd\u00ad Road\ufeff", "Olaya", "Riyadh", "12345", "6789"
    )
    assert pasted == plain
