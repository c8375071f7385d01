import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, MunicipalError, ValidationError
from municipal_core.identifiers import get_module
from municipal_core.leases import Party, PartyKind, PartyRole
from municipal_core.serialization import from_json, to_json


def person(number: str = "12345678", kind: str = "om.civil_number", name: str = "سالم") -> Party:
    return Party(PartyKind.INDIVIDUAL, name, id_kind=kind, id_number=number)


def company(cr: str = "CR1234567", kind: str = "om.commercial_registration") -> Party:
    return Party(PartyKind.COMPANY, "شركة النور", name_en="Al Noor", cr_kind=kind, cr=cr)


def test_numbers_are_validated_and_compacted() -> None:
    assert person("١٢٣٤-٥٦٧٨").id_number == "12345678"
    assert company("س.ت ١٢٣٤٥٦٧").cr == "1234567"
    assert person("1000000008", "sa.national_id").id_number == "1000000008"


def test_names_are_tidied_and_enum_values_accepted() -> None:
    party = Party("individual", "  سالم   علي ", name_en=" Salim  Ali", id_kind="om.civil_number",
                  id_number="12345678")  # fmt: skip
    assert (party.kind, party.name_ar, party.name_en) == (
        PartyKind.INDIVIDUAL, "سالم علي", "Salim Ali",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"kind": "individual"}, InvalidComponent, "lease.party.id_number.required"),
        ({"kind": "company"}, InvalidComponent, "lease.party.cr.required"),
        (
            {"kind": "company", "id_kind": "om.civil_number", "id_number": "12345678"},
            InvalidComponent,
            "lease.party.cr.required",
        ),
        ({"kind": "individual", "id_number": "12345678"}, InvalidComponent,
         "lease.party.id_number.incomplete"),
        ({"kind": "company", "cr_kind": "om.commercial_registration"}, InvalidComponent,
         "lease.party.cr.incomplete"),
        ({"kind": "individual", "id_kind": "phone", "id_number": "99123456"},
         InvalidComponent, "lease.party.id_number.kind"),
        ({"kind": "company", "cr_kind": "om.civil_number", "cr": "12345678"},
         InvalidComponent, "lease.party.cr.kind"),
        ({"kind": "trust", "id_kind": "om.civil_number", "id_number": "12345678"},
         InvalidComponent, "lease.party.kind"),
        ({"kind": "individual", "id_kind": "sa.national_id", "id_number": "1000000000"},
         ValidationError, "sa.national_id.checksum"),
    ],
)  # fmt: skip
def test_invalid_parties_raise_typed_bilingual_errors(
    kwargs: dict[str, str], error: type[MunicipalError], code: str
) -> None:
    with pytest.raises(error) as info:
        Party(name_ar="اسم", **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code
    assert info.value.message_ar
    assert info.value.message_en
    assert "1000000000" not in str(info.value)


@pytest.mark.parametrize("name", ["", "   ", None, "a\x00b", "x" * 201])
def test_bad_names_are_refused(name: object) -> None:
    with pytest.raises((InvalidFormat, ValidationError)) as info:
        Party("individual", name, id_kind="om.civil_number", id_number="12345678")  # type: ignore[arg-type]
    assert info.value.code.startswith("lease.party.name")


def test_repr_masks_numbers() -> None:
    text = repr(person("123456789")) + repr(company("CR1234567"))
    assert "123456789" not in text
    assert "1234567" not in text
    assert "*****6789" in text
    assert "****567" in text


def test_same_as_compares_numbers_not_names() -> None:
    assert person(name="Ali").same_as(person(name="علي"))
    assert not person("12345678").same_as(person("87654321"))
    assert company().same_as(company("1234567"))
    # The same digits under another kind are another party.
    assert not person("1000000008", "sa.national_id").same_as(
        Party("company", "x", cr_kind="sa.commercial_registration", cr="1000000008")
    )
    # A company's signatory with an ID is not the company.
    signatory = Party("company", "x", id_kind="om.civil_number", id_number="12345678",
                      cr_kind="om.commercial_registration", cr="1234567")  # fmt: skip
    assert signatory.same_as(person("12345678"))
    assert signatory.same_as(company())


def test_identifier_kinds() -> None:
    assert company().identifier_kinds == ("om.commercial_registration",)
    assert person().identifier_kinds == ("om.civil_number",)


def test_roles_are_str_enums() -> None:
    assert PartyRole("landlord") is PartyRole.LANDLORD
    assert PartyRole.TENANT == "tenant"


@given(st.integers(0, 2**32), st.booleans())
def test_generated_parties_round_trip_through_json(seed: int, is_person: bool) -> None:
    rng = random.Random(seed)
    if is_person:
        kind = rng.choice(["om.civil_number", "sa.national_id"])
        party = person(get_module(kind).generate(rng), kind)
    else:
        kind = rng.choice(["om.commercial_registration", "sa.commercial_registration"])
        party = company(get_module(kind).generate(rng), kind)
    assert from_json(to_json(party), Party) == party
    assert party.same_as(party)
