"""Verification codes: round trips, tamper detection, key rotation and the QR matrix."""

from __future__ import annotations

import datetime as dt
import string

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.documents._codes import (
    MAX_CODE_LENGTH,
    DocumentSigner,
    VerifiedDocument,
    document_code,
    qr_matrix,
    verify_document_code,
)
from municipal_core.errors import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    NotFound,
)
from municipal_core.licensing import Printable
from municipal_core.serialization import from_json, to_json

SIGNER = DocumentSigner(b"sohar-municipality-test-key-0001", "SOH-2026")
DAY = dt.date(2026, 11, 22)

references = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=64
)
kinds = st.sampled_from([p.value for p in Printable]) | st.from_regex(
    r"[a-z][a-z0-9_]{0,39}", fullmatch=True
)
days = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))


@given(references, kinds, days)
def test_round_trip(reference: str, kind: str, day: dt.date) -> None:
    code = document_code(reference, kind, day, signer=SIGNER)
    assert verify_document_code(code, SIGNER) == VerifiedDocument(reference, kind, day, "SOH-2026")


@given(
    references,
    kinds,
    st.data(),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.characters(),
)
def test_any_single_character_change_is_rejected(
    reference: str, kind: str, data: st.DataObject, replacement: str
) -> None:
    code = document_code(reference, kind, DAY, signer=SIGNER)
    index = data.draw(st.integers(0, len(code) - 1))
    tampered = code[:index] + replacement + code[index + 1 :]
    if tampered == code:
        return
    with pytest.raises(MunicipalError):
        verify_document_code(tampered, SIGNER)


@given(references, st.data())
def test_deleting_or_inserting_a_character_is_rejected(reference: str, data: st.DataObject) -> None:
    code = document_code(reference, Printable.RECEIPT, DAY, signer=SIGNER)
    index = data.draw(st.integers(0, len(code) - 1))
    extra = data.draw(st.sampled_from(string.ascii_uppercase + string.digits + ".-"))
    for tampered in (code[:index] + code[index + 1 :], code[:index] + extra + code[index:]):
        with pytest.raises(MunicipalError):
            verify_document_code(tampered, SIGNER)


def test_printable_enum_and_its_value_give_the_same_code() -> None:
    by_enum = document_code("R-1", Printable.LEASE_CONTRACT, DAY, signer=SIGNER)
    assert by_enum == document_code("R-1", "lease_contract", DAY, signer=SIGNER)
    assert by_enum.startswith("MC1.SOH-2026.LEASE-CONTRACT.20261122.R-1.")
    assert verify_document_code(by_enum, SIGNER).kind == "lease_contract"


def test_a_typical_code_is_alphanumeric_and_fits_a_small_symbol() -> None:
    code = document_code("SOH-LSE-2026-27-000001", Printable.LEASE_CONTRACT, DAY, signer=SIGNER)
    qr = segno.make_qr(code, error="m", boost_error=False)
    assert qr.mode == "alphanumeric"
    assert qr.version <= 4
    assert len(qr_matrix(code)) == 17 + 4 * int(qr.version)


def test_tampered_signature_is_a_checksum_error() -> None:
    code = document_code("SOH-LSE-2026-000123", "lease_contract", DAY, signer=SIGNER)
    forged = document_code("SOH-LSE-2026-000124", "lease_contract", DAY, signer=SIGNER)
    spliced = forged[: forged.rindex(".")] + code[code.rindex(".") :]
    with pytest.raises(InvalidChecksum) as caught:
        verify_document_code(spliced, SIGNER)
    assert caught.value.code == "documents.code.signature"


def test_key_rotation_and_unknown_keys() -> None:
    old = DocumentSigner(b"o" * 32, "K2025")
    new = DocumentSigner.generate("K2026")
    keys = {"K2025": old.key, "K2026": new.key}
    old_code = document_code("R-9", "receipt", DAY, signer=old)
    assert verify_document_code(old_code, keys).key_id == "K2025"
    assert (
        verify_document_code(document_code("R-9", "receipt", DAY, signer=new), keys).key_id
        == "K2026"
    )
    with pytest.raises(NotFound) as caught:
        verify_document_code(old_code, new)
    assert caught.value.code == "documents.code.key"
    with pytest.raises(NotFound):
        verify_document_code(old_code, {"K2026": new.key})
    # Same key id, different key: a forgery, not an unknown key.
    with pytest.raises(InvalidChecksum):
        verify_document_code(old_code, {"K2025": b"x" * 32})


@pytest.mark.parametrize(
    "garbage",
    ["", "x", "MC1", "MC2.K1.RECEIPT.20261122.R-1.AAAAAAAAAAAAAAAA",
     "MC1.K1.RECEIPT.20261131.R-1.AAAAAAAAAAAAAAAA",
     "MC1.K1.RECEIPT.20261122.R-1.aaaaaaaaaaaaaaaa", "MC1.K1.RECEIPT.20261122..AAAAAAAAAAAAAAAA",
     "MC1.K1.RECEIPT.20261122.R-1.AAAAAAAAAAAAAAA", "MC1.K1.RECEIPT.20261122.R 1.AAAAAAAAAAAAAAAA",
     "MC1.K1.RECEIPT.20261122.رقم.AAAAAAAAAAAAAAAA", "A" * (MAX_CODE_LENGTH + 1), None, 42],
)  # fmt: skip
def test_garbage_is_a_format_error(garbage: object) -> None:
    with pytest.raises(InvalidFormat) as caught:
        verify_document_code(garbage, SIGNER)  # type: ignore[arg-type]
    assert caught.value.code == "documents.code.format"


def test_keys_of_the_wrong_type() -> None:
    code = document_code("R-1", "receipt", DAY, signer=SIGNER)
    with pytest.raises(InvalidFormat) as caught:
        verify_document_code(code, [SIGNER])  # type: ignore[arg-type]
    assert caught.value.code == "documents.code.type"
    with pytest.raises(InvalidFormat):
        verify_document_code(code, {"SOH-2026": "not bytes"})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"reference": "R 1"}, InvalidFormat, "documents.code.reference"),
        ({"reference": "R" * 65}, InvalidFormat, "documents.code.reference"),
        ({"reference": "رقم-1"}, InvalidFormat, "documents.code.reference"),
        ({"kind": "Lease"}, InvalidFormat, "documents.code.kind"),
        ({"kind": 3}, InvalidFormat, "documents.code.kind"),
        (
            {"issued_on": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},
            InvalidFormat,
            "dates.type",
        ),
        ({"signer": b"key"}, InvalidFormat, "documents.code.type"),
    ],
)
def test_document_code_refuses_bad_input(
    kwargs: dict[str, object], error: type[Exception], code: str
) -> None:
    args: dict[str, object] = {
        "reference": "R-1",
        "kind": "receipt",
        "issued_on": DAY,
        "signer": SIGNER,
    }
    args.update(kwargs)
    with pytest.raises(error) as caught:
        document_code(**args)  # type: ignore[arg-type]
    assert caught.value.code == code  # type: ignore[attr-defined]


def test_signer_hides_its_key_and_checks_it() -> None:
    assert "sohar" not in repr(SIGNER)
    assert repr(SIGNER) == "DocumentSigner(key_id='SOH-2026')"
    with pytest.raises(InvalidLength):
        DocumentSigner(b"short", "K1")
    with pytest.raises(InvalidFormat):
        DocumentSigner("a string key of some length", "K1")  # type: ignore[arg-type]
    for bad_id in ("k1", "", "K.1", "K" * 17, 1):
        with pytest.raises(InvalidFormat) as caught:
            DocumentSigner(b"k" * 32, bad_id)  # type: ignore[arg-type]
        assert caught.value.code == "documents.signer.key_id"
    assert DocumentSigner.generate("K1") != DocumentSigner.generate("K1")


def test_verified_document_round_trips_through_json() -> None:
    verified = verify_document_code(document_code("R-1", "receipt", DAY, signer=SIGNER), SIGNER)
    assert from_json(to_json(verified), VerifiedDocument) == verified


@given(st.text(min_size=1, max_size=MAX_CODE_LENGTH))
def test_qr_matrix_is_segnos_symbol_at_level_m(text: str) -> None:
    matrix = qr_matrix(text)
    qr = segno.make_qr(text, error="m", boost_error=False)
    assert qr.error == "M"
    assert matrix == tuple(tuple(bool(m) for m in row) for row in qr.matrix)
    assert len(matrix) == len(matrix[0]) == 17 + 4 * int(qr.version)
    # Finder pattern: the top-left 7x7 square's border is dark.
    assert all(matrix[0][:7])
    assert all(row[0] for row in matrix[:7])


@pytest.mark.parametrize("bad", ["", "x" * (MAX_CODE_LENGTH + 1), None, b"MC1"])
def test_qr_matrix_refuses_bad_text(bad: object) -> None:
    with pytest.raises(InvalidFormat) as caught:
        qr_matrix(bad)  # type: ignore[arg-type]
    assert caught.value.code == "documents.qr.text"
