from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers.om import civil_number
from municipal_core.identifiers.sa import commercial_registration as sa_cr
from municipal_core.identifiers.sa import national_id
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.registry._keys import Key, KeyKind, normalise_key, normalise_reference
from municipal_core.serialization import from_json, to_json

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize("raw", ["0501234567", "+966 50 123 4567", "٠٥٠١٢٣٤٥٦٧", "۰۵۰-۱۲۳-۴۵۶۷"])
def test_every_spelling_of_a_saudi_mobile_is_one_key(raw) -> None:
    assert normalise_key("phone", raw, jurisdiction="sa-balady") == Key("phone", "+966501234567")


def test_an_omani_phone_uses_the_omani_region() -> None:
    assert normalise_key(KeyKind.PHONE, "9123 4567", jurisdiction=OM_SOHAR).value == "+96891234567"


@pytest.mark.parametrize(
    "raw", ["1010123456", "CR 1010123456", "cr:1010123456", "C.R. 1010123456", "س.ت ١٠١٠١٢٣٤٥٦",
            "س ت 1010123456", " ١٠١٠-١٢٣-٤٥٦ "],
)  # fmt: skip
def test_a_saudi_cr_with_or_without_prefix_is_one_key(raw) -> None:
    assert normalise_key("cr", raw, jurisdiction="sa-balady").value == "1010123456"


def test_a_saudi_unified_number_is_a_cr_key() -> None:
    assert normalise_key("cr", "700 123 4567", jurisdiction="sa-balady").value == "7001234567"


def test_an_omani_cr_uses_the_omani_rules() -> None:
    assert normalise_key("cr", "CR ١٢٣٤٥٦٧", jurisdiction="om-sohar").value == "1234567"
    with pytest.raises(InvalidLength):
        normalise_key("cr", "1010123456", jurisdiction="om-sohar")


@given(st.randoms(use_true_random=False))
def test_civil_ids_in_any_digits_give_one_key(rng: random.Random) -> None:
    saudi = national_id.generate(rng)
    omani = civil_number.generate(rng)
    for spelled in (saudi, saudi.translate(ARABIC), saudi.translate(PERSIAN)):
        assert normalise_key("civil_id", spelled, jurisdiction="sa-balady").value == saudi
    for spelled in (omani, omani.translate(ARABIC), f" {omani[:3]}-{omani[3:]} "):
        assert normalise_key("civil_id", spelled, jurisdiction="om-sohar").value == omani


@given(st.randoms(use_true_random=False))
def test_cr_normalisation_is_idempotent(rng: random.Random) -> None:
    value = sa_cr.generate(rng)
    key = normalise_key("cr", "CR " + value.translate(ARABIC), jurisdiction="sa-balady")
    assert normalise_key("cr", key.value, jurisdiction="sa-balady") == key


def test_a_bad_checksum_raises_the_identifier_error() -> None:
    with pytest.raises(InvalidChecksum) as err:
        normalise_key("civil_id", "1000000009", jurisdiction="sa-balady")
    assert err.value.code == "sa.national_id.checksum"
    assert "1000000009" not in err.value.message_en


def test_addresses_use_each_country_module() -> None:
    assert normalise_key("address", "rrrd 2929", jurisdiction="sa-balady").value == "RRRD2929"
    assert normalise_key("address", "١٢٣٤", jurisdiction="om-sohar").value == "1234"


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("transaction", " tl-2026-000123 ", "TL-2026-000123"),
        ("licence", "٤٢ / ١٤٤٥", "42/1445"),
        ("contract", "lc 2026 77", "LC202677"),
        ("violation", "v-\u200f12", "V-12"),
        ("invoice", "sohar-inv-2026-000001", "SOHAR-INV-2026-000001"),
    ],
)
def test_reference_kinds_are_upper_ascii_without_spaces(kind, raw, expected) -> None:
    assert normalise_key(kind, raw, jurisdiction="om-sohar").value == expected


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ("", InvalidLength, "registry.key.licence.length"),
        ("   ", InvalidLength, "registry.key.licence.length"),
        ("A" * 41, InvalidLength, "registry.key.licence.length"),
        ("TL_1", InvalidFormat, "registry.key.licence.format"),
        ("رخصة 1", InvalidFormat, "registry.key.licence.format"),
        (42, InvalidFormat, "registry.key.licence.format"),
        ("x" * 10_000, InvalidLength, "registry.key.licence.length"),
    ],
)
def test_malformed_references_raise_typed_errors(raw, error, code) -> None:
    with pytest.raises(error) as err:
        normalise_key("licence", raw, jurisdiction="om-sohar")
    assert err.value.code == code
    assert err.value.field == "licence"


@given(st.text(max_size=60))
def test_reference_normalisation_never_raises_untyped_and_is_idempotent(raw: str) -> None:
    try:
        value = normalise_reference(raw)
    except ValidationError:
        return
    assert normalise_reference(value) == value
    assert Key("contract", value).value == value


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(InvalidComponent) as err:
        normalise_key("passport", "X1", jurisdiction="om-sohar")
    assert err.value.code == "registry.key.kind"


def test_a_kind_a_jurisdiction_does_not_use_is_refused() -> None:
    import attrs

    bare = attrs.evolve(OM_SOHAR, code="om-bare", identifier_kinds=("phone",))
    with pytest.raises(InvalidComponent) as err:
        normalise_key("cr", "1234567", jurisdiction=bare)
    assert err.value.code == "registry.key.unsupported"


def test_an_unknown_jurisdiction_is_not_found() -> None:
    with pytest.raises(NotFound):
        normalise_key("cr", "1234567", jurisdiction="xx-nowhere")


def test_repr_masks_phones_and_civil_ids_only() -> None:
    assert "91234567" not in repr(Key("phone", "+96891234567"))
    assert "12345678" not in repr(Key("civil_id", "12345678"))
    assert "1234567" in repr(Key("cr", "1234567"))


@pytest.mark.parametrize("value", ["", "cr1", "1 2", "+" * 41, None])
def test_a_key_value_must_be_normalised(value) -> None:
    with pytest.raises(InvalidFormat) as err:
        Key("cr", value)
    assert err.value.code == "registry.key.value"


def test_keys_round_trip_through_json() -> None:
    key = Key("phone", "+966501234567")
    assert from_json(to_json(key), Key) == key
    assert to_json(key) == '{"kind": "phone", "value": "+966501234567"}'
