import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidLength
from municipal_core.identifiers.sa import commercial_registration as cr
from municipal_core.identifiers.sa.commercial_registration import CRKind, IssuingOffice


def test_kind_tells_legacy_from_unified() -> None:
    assert cr.kind("1010123456") is CRKind.LEGACY_CR
    assert cr.kind("7001234567") is CRKind.UNIFIED_NUMBER
    assert cr.kind("CR 7001234567").value == "unified_number"


@pytest.mark.parametrize(
    ("number", "wanted", "message"),
    [
        ("7001234567", CRKind.LEGACY_CR, "legacy"),
        ("1010123456", CRKind.UNIFIED_NUMBER, "unified"),
    ],
)
def test_a_requested_kind_is_enforced(number: str, wanted: CRKind, message: str) -> None:
    with pytest.raises(InvalidComponent) as info:
        cr.validate(number, kind=wanted)
    assert info.value.code == "sa.cr.kind"
    assert message in info.value.message_en
    assert not cr.is_valid(number, kind=wanted)
    assert cr.is_valid(number, kind=cr.kind(number))


def test_known_offices_in_both_languages() -> None:
    riyadh = cr.office("1010123456")
    assert riyadh == IssuingOffice("1010", "Riyadh", "الرياض")
    assert riyadh is not None
    assert riyadh.city() == "Riyadh"
    assert riyadh.city("ar") == "الرياض"
    jeddah, dammam = cr.office("4030000001"), cr.office("2050000001")
    assert jeddah is not None
    assert dammam is not None
    assert (jeddah.city(), dammam.city()) == ("Jeddah", "Dammam")


def test_unknown_office_code_is_still_valid() -> None:
    assert cr.is_valid("9999123456")
    assert cr.office_code("9999123456") == "9999"
    assert cr.office("9999123456") is None


def test_unified_numbers_have_no_office() -> None:
    assert cr.office_code("7001234567") is None
    assert cr.office("7001234567") is None


def test_office_table_can_be_extended() -> None:
    table = {**cr.OFFICES, "1131": IssuingOffice("1131", "Buraydah", "بريدة")}
    found = cr.office("1131123456", offices=table)
    assert found is not None
    assert found.city("ar") == "بريدة"


def test_office_table_is_read_only_and_well_formed() -> None:
    with pytest.raises(TypeError):
        cr.OFFICES["0000"] = IssuingOffice("0000", "X", "س")  # type: ignore[index]
    assert {"1010", "4030", "2050"} <= set(cr.OFFICES)
    for code, office in cr.OFFICES.items():
        assert office.code == code
        assert len(code) == 4
        assert code[0] in cr.LEGACY_FIRST_DIGITS
        assert office.city_ar != office.city_en


def test_office_city_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidComponent) as info:
        cr.OFFICES["1010"].city("fr")  # type: ignore[arg-type]
    assert info.value.code == "language"


def test_legacy_first_digits_are_configurable() -> None:
    assert not cr.is_valid("0101234567")
    assert cr.validate("0101234567", legacy_first_digits=("0", "1")) == "0101234567"
    with pytest.raises(InvalidComponent):
        cr.validate("9101234567", legacy_first_digits=("1",))


def test_office_functions_validate_first() -> None:
    for function in (cr.kind, cr.office_code, cr.office):
        with pytest.raises(InvalidLength):
            function("1010")


@given(st.from_regex(r"[1-9][0-9]{9}", fullmatch=True))
def test_any_ten_digits_without_leading_zero_are_valid(value: str) -> None:
    assert cr.validate(value) == value
    assert (cr.kind(value) is CRKind.UNIFIED_NUMBER) == value.startswith("7")
    assert (cr.office_code(value) is None) == value.startswith("7")


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(CRKind))
def test_generate_produces_the_requested_kind(seed: int, wanted: CRKind) -> None:
    value = cr.generate(random.Random(seed), kind=wanted)
    assert cr.kind(value) is wanted
    if wanted is CRKind.LEGACY_CR:
        assert cr.office(value) is not None


def test_generate_without_kind_produces_both() -> None:
    rng = random.Random(0)
    assert {cr.kind(cr.generate(rng)) for _ in range(40)} == set(CRKind)


def test_mask_keeps_only_the_last_four() -> None:
    assert cr.mask("CR 1010123456") == "******3456"


def test_kind_given_as_text() -> None:
    from municipal_core.errors import InvalidComponent
    from municipal_core.identifiers.sa import commercial_registration as cr

    assert cr.validate("1010123456", kind="legacy_cr") == "1010123456"
    assert cr.is_valid("7001234567", kind="unified_number")
    assert not cr.is_valid("7001234567", kind="legacy_cr")
    with pytest.raises(InvalidComponent) as info:
        cr.validate("1010123456", kind="branch")
    assert info.value.code == "sa.cr.kind_value"
