import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    Language,
    ValidationError,
)
from municipal_core.identifiers.om import address as oa
from municipal_core.identifiers.om.address import Governorate, OmanAddress, SubAddressKind

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

PARTS: dict[str, Any] = {
    "address_number": "9",
    "street": "Dar Al Khair Street",
    "wilayat": "Al Hamra",
    "governorate": Governorate.AD_DAKHILIYAH,
}


def make(**changes: Any) -> OmanAddress:
    return OmanAddress(**{**PARTS, **changes})


# --- address number ----------------------------------------------------------------------


def test_max_digits_is_configurable() -> None:
    assert oa.is_valid("123456", max_digits=6)
    assert oa.format("123456", max_digits=6) == "123456"
    assert not oa.is_valid("123", max_digits=2)
    assert len(oa.generate(random.Random(1), max_digits=1)) == 1


@given(st.integers(min_value=1, max_value=99_999))
def test_street_side_is_the_parity(number: int) -> None:
    expected = "odd" if number % 2 else "even"
    assert oa.street_side(str(number)) == expected
    assert oa.street_side(str(number).translate(ARABIC)) == expected


def test_street_side_validates_first() -> None:
    with pytest.raises(InvalidFormat):
        oa.street_side("012")


# --- governorates and sub-address kinds ---------------------------------------------------


def test_the_eleven_governorates() -> None:
    assert len(Governorate) == 11
    assert len({g.label() for g in Governorate}) == 11
    assert len({g.label("ar") for g in Governorate}) == 11
    assert all(g.value.startswith("OM-") for g in Governorate)
    assert Governorate.NORTH_AL_BATINAH.label() == "North Al Batinah"


@pytest.mark.parametrize(
    "text",
    [
        "OM-BS",
        "om bs",
        "NORTH_AL_BATINAH",
        "North Al Batinah",
        "north  al batinah governorate",
        "شمال الباطنة",
        "محافظة شمال الباطنة",
        Governorate.NORTH_AL_BATINAH,
    ],
)
def test_parse_governorate_accepts_what_forms_send(text: str) -> None:
    assert oa.parse_governorate(text) is Governorate.NORTH_AL_BATINAH


@pytest.mark.parametrize("text", ["Sohar", "", "OM-XX", None, 7, SubAddressKind.VILLA])
def test_parse_governorate_refuses_the_rest(text: Any) -> None:
    with pytest.raises(ValidationError) as info:
        oa.parse_governorate(text)
    assert info.value.field == "governorate"
    assert info.value.code.startswith("om.address.governorate.")


def test_sub_address_kinds_and_their_labels() -> None:
    assert [k.label() for k in SubAddressKind] == [
        "Villa",
        "Apartment",
        "Shop",
        "Space",
        "Office",
        "Room",
        "Suite",
        "Multi-dwelling unit",
        "Other",
    ]
    assert len({k.label("ar") for k in SubAddressKind}) == len(SubAddressKind)
    for kind in SubAddressKind:
        for text in (kind.value, kind.name, kind.label(), kind.label("ar"), kind):
            assert oa.parse_sub_address_kind(text) is kind
    with pytest.raises(InvalidComponent) as info:
        oa.parse_sub_address_kind("garage")
    assert info.value.code == "om.address.sub_address_kind.unknown"


def test_labels_refuse_an_unknown_language() -> None:
    with pytest.raises(InvalidComponent):
        Governorate.MUSCAT.label("fr")  # type: ignore[arg-type]


# --- the whole address ---------------------------------------------------------------------


def test_parts_are_tidied_at_construction() -> None:
    address = make(
        address_number="١٢",
        street=" Al Multaqa   Street ",
        wilayat="Sohar",
        governorate="محافظة شمال الباطنة",
        sub_address_kind="Apartment",
        sub_address_number="4-b",
        legacy_block="  229 ",
        legacy_way="2914",
    )
    assert address.address_number == "12"
    assert address.street == "Al Multaqa Street"
    assert address.governorate is Governorate.NORTH_AL_BATINAH
    assert address.sub_address_kind is SubAddressKind.APARTMENT
    assert address.sub_address_number == "4B"
    assert (address.legacy_block, address.legacy_way) == ("229", "2914")
    assert address.legacy_building is None
    assert address.street_side == "even"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"address_number": "0"}, "address_number", "number.leading_zero"),
        ({"street": ""}, "street", "street.length"),
        ({"street": "Way\x1b[2J"}, "street", "street.control"),
        ({"wilayat": "Sohar\u202e"}, "wilayat", "wilayat.bidi"),
        ({"governorate": "Sohar"}, "governorate", "governorate.unknown"),
        ({"sub_address_kind": "garage", "sub_address_number": "1"}, "sub_address_kind",
         "sub_address_kind.unknown"),
        ({"sub_address_kind": "villa", "sub_address_number": "#"}, "sub_address_number",
         "sub_address_number.format"),
        ({"sub_address_kind": "villa"}, "sub_address_number", "sub_address.incomplete"),
        ({"sub_address_number": "3"}, "sub_address_kind", "sub_address.incomplete"),
        ({"legacy_way": "2914\x00"}, "legacy_way", "legacy_way.control"),
        ({"legacy_plot": "9" * 21}, "legacy_plot", "legacy_plot.length"),
        ({"legacy_block": 229}, "legacy_block", "legacy_block.format"),
    ],
)
def test_an_invalid_part_cannot_be_built(changes: dict[str, Any], field: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        make(**changes)
    assert info.value.field == field
    assert info.value.code == f"om.address.{code}"


def test_evolve_revalidates_and_instances_are_frozen() -> None:
    address = make()
    with pytest.raises(InvalidFormat):
        attrs.evolve(address, address_number="09")
    assert attrs.evolve(address, legacy_plot=" 56 ").legacy_plot == "56"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        address.street = "x"  # type: ignore[misc]


def test_format_follows_the_national_layout() -> None:
    assert make().format() == "9, Dar Al Khair Street\nAl Hamra, Ad Dakhiliyah\nSultanate of Oman"
    arabic = make(street="شارع دار الخير", wilayat="الحمراء")
    assert arabic.format("ar") == "9، شارع دار الخير\nالحمراء، الداخلية\nسلطنة عمان"
    assert make().format(country=False) == "9, Dar Al Khair Street\nAl Hamra, Ad Dakhiliyah"


def test_format_names_muscat_once() -> None:
    address = make(wilayat="muscat", governorate=Governorate.MUSCAT)
    assert address.format(country=False).splitlines()[-1] == "Muscat"
    arabic = make(wilayat="مسقط", governorate=Governorate.MUSCAT)
    assert arabic.format("ar", country=False).splitlines()[-1] == "مسقط"


def test_format_prints_sub_address_and_legacy_parts() -> None:
    address = make(
        sub_address_kind=SubAddressKind.SHOP,
        sub_address_number="3",
        legacy_block="229",
        legacy_way="2914",
        legacy_building="1234",
        legacy_plot="56",
    )
    lines = address.format().splitlines()
    assert lines[0] == "9, Dar Al Khair Street, Shop 3"
    assert lines[1] == "Block 229, Way 2914, Building 1234, Plot 56"
    assert address.format("ar").splitlines()[1] == "مجمع 229، سكة 2914، مبنى 1234، قطعة 56"
    other = make(sub_address_kind=SubAddressKind.OTHER, sub_address_number="G1")
    assert other.format().splitlines()[0] == "9, Dar Al Khair Street, G1"


def test_format_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidComponent) as info:
        make().format("de")  # type: ignore[arg-type]
    assert info.value.code == "language"


def test_repr_reveals_no_door() -> None:
    text = repr(make(sub_address_kind="villa", sub_address_number="7", legacy_way="2914"))
    assert text == "OmanAddress(wilayat='Al Hamra', governorate='OM-DA')"
    for secret in ("Dar Al Khair", "2914", "villa"):
        assert secret not in text


@given(
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from(Governorate),
    st.one_of(st.none(), st.sampled_from(SubAddressKind)),
)
def test_any_valid_parts_build_and_print(number: int, governorate: Governorate,
                                         kind: SubAddressKind | None) -> None:
    address = make(
        address_number=str(number),
        governorate=governorate.label("ar"),
        sub_address_kind=kind,
        sub_address_number=None if kind is None else "1",
    )
    assert address.governorate is governorate
    langs: tuple[Language, ...] = ("en", "ar")
    for lang in langs:
        text = address.format(lang)
        assert text.startswith(str(number))
        assert governorate.label(lang) in text
