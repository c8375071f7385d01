"""``municipal validate KIND VALUE``: every kind, both jurisdictions, both languages."""

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core import testing as kit
from municipal_core._cli_validate import KINDS, IdentifierKind, validate
from municipal_core.cli import main
from municipal_core.serialization import from_json, to_json

# A generator of valid values for every KIND, in the jurisdiction it belongs to.
VALID = {
    "national-id": (kit.national_id, "sa-balady"),
    "iqama": (kit.iqama, "sa-balady"),
    "civil-number": (kit.civil_number, "om-sohar"),
    "cr": (kit.om_cr, "om-sohar"),
    "unified-number": (kit.unified_number, "sa-balady"),
    "phone": (lambda rng: kit.mobile(rng, "SA", local=True), "sa-balady"),
    "short-address": (kit.short_address, "sa-balady"),
    "address": (kit.om_address_number, "om-sohar"),
    "email": (kit.email, "om-sohar"),
    "engineering-licence": (kit.engineering_licence, "sa-balady"),
}


def run(capsys, *argv):
    code = main(["validate", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_kind_but_vatin_has_a_generator():
    assert set(KINDS) - set(VALID) == {"vatin"}


@given(kind=st.sampled_from(sorted(VALID)), seed=st.integers(0, 2**32))
def test_generated_values_validate_and_forms_agree(kind, seed):
    make, jurisdiction = VALID[kind]
    forms = validate(kind, make(random.Random(seed)), jurisdiction)
    # Validating any printed form again gives the same compact value.
    assert validate(kind, forms["formatted"], jurisdiction)["compact"] == forms["compact"]
    assert forms["masked"] != forms["compact"]
    assert "*" in forms["masked"]


@pytest.mark.parametrize(
    ("argv", "compact"),
    [
        (["national-id", "١٠٠٠٠٠٠٠٠٨"], "1000000008"),
        (["cr", "CR 1234567"], "1234567"),
        (["cr", "1010123456", "--jurisdiction", "sa-balady"], "1010123456"),
        (["phone", "9123 4567"], "+96891234567"),
        (["phone", "٠٥٠١٢٣٤٥٦٧", "--jurisdiction", "sa-balady"], "+966501234567"),
        (["vatin", "OM1100012345"], "1100012345"),
    ],
)
def test_json_output(capsys, argv, compact):
    code, out, err = run(capsys, *argv, "--json")
    body = json.loads(out)
    assert (code, err) == (0, "")
    assert body["valid"] is True
    assert body["compact"] == compact
    assert body["kind"] == argv[0]


def test_text_output_labels_in_arabic(capsys):
    code, out, _ = run(capsys, "civil-number", "12345678", "--lang", "ar")
    assert code == 0
    assert "الصيغة المختصرة: 12345678" in out
    assert "الصيغة المخفية: *****678" in out


@pytest.mark.parametrize(
    ("argv", "error_code"),
    [
        (["national-id", "1000000009"], "sa.national_id.checksum"),
        (["iqama", "1000000008"], "sa.national_id.holder"),
        (["unified-number", "1010123456"], "sa.cr.kind"),
        (["short-address", "RRRD2929"], "cli.validate.kind"),
        (["phone", "12"], None),
        (["email", "not an email"], None),
    ],
)
def test_invalid_values_exit_1_with_code_and_no_full_value(capsys, argv, error_code):
    code, out, err = run(capsys, *argv, "--json")
    error = json.loads(out)["error"]
    assert code == 1
    assert err == ""
    assert error["code"] == error_code or (error_code is None and error["code"])
    assert argv[1] not in error["message"]


def test_invalid_value_message_in_arabic_on_stderr(capsys):
    code, out, err = run(capsys, "national-id", "1000000009", "--lang", "ar")
    assert (code, out) == (1, "")
    assert err.startswith("خطأ [sa.national_id.checksum]")
    assert "Traceback" not in err


def test_unknown_jurisdiction_is_not_found(capsys):
    code, out, _ = run(capsys, "cr", "CR1234567", "--jurisdiction", "xx-nowhere", "--json")
    assert code == 3
    assert json.loads(out)["error"]["code"]


def test_kind_table_round_trips_through_the_converter():
    for spec in KINDS.values():
        assert from_json(to_json(spec), IdentifierKind) == spec
