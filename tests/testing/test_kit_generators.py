"""Every generator's output validates with the library's own identifier modules."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.accounts import PersonName
from municipal_core.errors import InvalidComponent
from municipal_core.identifiers import email as email_id
from municipal_core.identifiers import phone
from municipal_core.identifiers.om import address, civil_number, commercial_registration
from municipal_core.identifiers.sa import commercial_registration as sa_cr
from municipal_core.identifiers.sa import engineering_office_licence, national_address
from municipal_core.identifiers.sa import national_id as sa_id
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import _generators as gen
from municipal_core.testing._names_data import FAMILY, FEMALE_GIVEN, MALE_GIVEN

DAY = dt.date(2026, 3, 1)
seeds = st.integers(min_value=0, max_value=2**32 - 1)

# (generator, check that the value is valid and of the promised kind)
CHECKS: list[tuple[Callable[[random.Random], str], Callable[[str], bool]]] = [
    (gen.national_id, lambda v: sa_id.holder_kind(v) is sa_id.HolderKind.CITIZEN),
    (gen.iqama, lambda v: sa_id.holder_kind(v) is sa_id.HolderKind.RESIDENT),
    (gen.unified_number, lambda v: sa_cr.kind(v) is sa_cr.CRKind.UNIFIED_NUMBER),
    (gen.sa_cr, lambda v: sa_cr.kind(v) is sa_cr.CRKind.LEGACY_CR and sa_cr.office(v) is not None),
    (gen.om_cr, lambda v: commercial_registration.validate(v) == v),
    (gen.civil_number, lambda v: civil_number.validate(v) == v),
    (gen.short_address, lambda v: national_address.validate(v) == v),
    (gen.om_address_number, lambda v: address.validate(v) == v),
    (gen.engineering_licence, engineering_office_licence.is_valid),
    (gen.email, email_id.is_valid),
]


@pytest.mark.parametrize(("generate", "check"), CHECKS, ids=lambda f: getattr(f, "__name__", ""))
@settings(max_examples=40)
@given(seed=seeds)
def test_identifiers_validate(
    generate: Callable[[random.Random], str], check: Callable[[str], bool], seed: int
) -> None:
    value = generate(random.Random(seed))
    assert check(value)
    assert value == generate(random.Random(seed))  # deterministic from the seed


@settings(max_examples=30)
@given(seed=seeds, region=st.sampled_from(["OM", "SA"]))
def test_mobiles_in_both_forms_are_the_same_mobile(seed: int, region: str) -> None:
    e164 = gen.mobile(random.Random(seed), region)
    local = gen.mobile(random.Random(seed), region, local=True)
    assert phone.is_mobile(e164)
    assert not local.startswith("+")
    assert phone.validate(local, region, mobile=True) == e164


@settings(max_examples=50)
@given(seed=seeds, gender=st.sampled_from([None, "male", "female", gen.Gender.FEMALE]))
def test_names_are_four_part_bilingual_and_pass_both_portals(seed: int, gender: str | None) -> None:
    name = gen.person_name(random.Random(seed), gender=gender)
    assert name.parts_count == 4
    assert name.latin is not None
    assert name.latin.count == 4
    pool = FEMALE_GIVEN if gender in ("female", gen.Gender.FEMALE) else MALE_GIVEN
    if gender is not None:
        assert (name.arabic.given, name.latin.given) in pool
    assert (name.arabic.family, name.latin.family) in FAMILY
    assert (name.arabic.father, name.latin.father) in MALE_GIVEN
    for profile in (OM_SOHAR, SA_BALADY):
        name.check_required_parts(profile, DAY)  # raises if a portal wants more parts
    assert from_json(to_json(name), PersonName) == name


def test_name_data_is_unique_and_parses_back() -> None:
    for table in (MALE_GIVEN, FEMALE_GIVEN, FAMILY):
        assert len({ar for ar, _ in table}) == len(table) >= 40
        assert len({en for _, en in table}) == len(table)
    name = gen.person_name(random.Random(0))
    assert PersonName.parse(name.full("ar"), name.full("en")) == name


def test_a_bad_gender_is_a_typed_error() -> None:
    with pytest.raises(InvalidComponent) as info:
        gen.person_name(random.Random(0), gender="other")
    assert (info.value.code, info.value.field) == ("testing.name.gender", "gender")
