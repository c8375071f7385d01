import random
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.identifiers import IdentifierModule, email

ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sara@example.om", "sara@example.om"),
        ("Sara.Ali@Example.OM", "Sara.Ali@example.om"),  # local part kept as typed
        ("  sara@example.om\t", "sara@example.om"),
        ("\u200esara@example.om\u200f", "sara@example.om"),  # RTL copy/paste marks
        ("\ufeffsara@exam\u200bple.om", "sara@example.om"),  # BOM, zero-width space
        ("first+tag@sub.example.com", "first+tag@sub.example.com"),
        ("o'brien_1-x@example.com", "o'brien_1-x@example.com"),
        ("ahmed@مثال.عمان", "ahmed@مثال.عمان"),  # internationalised domain
        ("ahmed@XN--MGBH0FB.XN--MGB9AWBF", "ahmed@مثال.عمان"),  # its ASCII form
        ("ahmed@Ｅxample.com", "ahmed@example.com"),  # full-width letter, IDNA-mapped
        ("Postmaster@Example.com", "postmaster@example.com"),  # RFC 2142 role name
    ],
)
def test_valid_addresses_normalise(raw: str, expected: str) -> None:
    assert email.validate(raw) == expected
    assert email.format(raw) == expected
    assert email.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ("sara.example.om", InvalidFormat, "email.format"),
        ("sara@@example.om", InvalidFormat, "email.format"),
        ("a@b@example.om", InvalidFormat, "email.format"),
        ("@example.om", InvalidFormat, "email.format"),
        ("sara@", InvalidFormat, "email.format"),
        ("", InvalidFormat, "email.format"),
        ('"sara ali"@example.om', InvalidFormat, "email.local"),  # quoted local part
        ("Sara <sara@example.om>", InvalidComponent, "email.domain"),  # display name
        ("sara..ali@example.om", InvalidFormat, "email.local"),
        (".sara@example.om", InvalidFormat, "email.local"),
        ("sa ra@example.om", InvalidFormat, "email.local"),
        ("sa\x00ra@example.om", InvalidFormat, "email.local"),
        ("sara@example..om", InvalidComponent, "email.domain"),
        ("sara@localhost", InvalidComponent, "email.domain"),
        ("sara@portal.test", InvalidComponent, "email.domain"),
        ("sara@printer.local", InvalidComponent, "email.domain"),
        ("sara@[10.0.0.1]", InvalidComponent, "email.domain"),
        ("sara@exa_mple.om", InvalidComponent, "email.domain"),
        ("sara@-example.om", InvalidComponent, "email.domain"),
        ("sara@😀.om", InvalidComponent, "email.domain"),
        ("سارة@example.om", InvalidComponent, "email.unicode_local"),
        ("ｓara@example.om", InvalidComponent, "email.unicode_local"),  # full-width s
        ("x" * 65 + "@example.om", InvalidLength, "email.length"),
        ("x@" + ("a" * 60 + ".") * 4 + "a" * 10 + ".om", InvalidLength, "email.length"),
        # 255 characters: each part within its limit, the whole over 254.
        ("x" * 64 + "@" + ("a" * 60 + ".") * 3 + "a" * 4 + ".om", InvalidLength, "email.length"),
        ("x@" + "a" * 64 + ".om", InvalidComponent, "email.domain"),  # DNS label > 63
        ("x" * 257, InvalidLength, "email.length"),
        ("\ud800@example.om", InvalidFormat, "email.format"),
    ],
)
def test_invalid_addresses_raise_a_specific_error(
    raw: str, error: type[ValidationError], code: str
) -> None:
    with pytest.raises(error) as info:
        email.validate(raw)
    assert type(info.value) is error
    assert info.value.code == code
    assert info.value.field == "email"
    assert ARABIC_LETTERS.search(info.value.message_ar)
    assert not email.is_valid(raw)


@pytest.mark.parametrize("value", [None, 42, b"sara@example.om", ["sara@example.om"]])
def test_non_text_is_a_format_error(value: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        email.validate(value)  # type: ignore[arg-type]
    assert info.value.code == "email.format"
    assert email.is_valid(value) is False  # type: ignore[arg-type]


def test_local_part_of_64_octets_is_the_limit() -> None:
    assert email.is_valid("x" * 64 + "@example.om")
    assert not email.is_valid("x" * 65 + "@example.om")
    # Octets, not characters: 32 Arabic letters are 64 octets, 33 are 66.
    assert email.is_valid("س" * 32 + "@example.om", allow_unicode=True)
    with pytest.raises(InvalidLength):
        email.validate("س" * 33 + "@example.om", allow_unicode=True)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("سارة@example.om", "سارة@example.om"),
        ("sara@example.om", "sara@example.om"),
        ("cafe\u0301@Example.om", "caf\u00e9@example.om"),  # NFC
    ],
)
def test_unicode_local_parts_only_when_allowed(raw: str, expected: str) -> None:
    assert email.validate(raw, allow_unicode=True) == expected
    assert email.is_valid(raw, allow_unicode=True)
    assert email.is_valid(raw) is raw.isascii()


def test_to_ascii_gives_the_gateway_form() -> None:
    assert email.to_ascii("Ahmed@مثال.عمان") == "Ahmed@xn--mgbh0fb.xn--mgb9awbf"
    assert email.to_ascii(" sara@EXAMPLE.om ") == "sara@example.om"
    with pytest.raises(InvalidComponent) as info:
        email.to_ascii("سارة@example.om")
    assert info.value.code == "email.unicode_local"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("sara.ali@example.om", "s***@example.om"),
        ("SA@Example.OM", "S***@example.om"),
        ("s@example.om", "***@example.om"),
        ("@example.om", "***@example.om"),
        ("no-at-sign-here", "***"),
        ("", "***"),
    ],
)
def test_mask(raw: str, masked: str) -> None:
    assert email.mask(raw) == masked


def test_errors_never_echo_the_address() -> None:
    secret = "very.private.person"
    for raw in (f"{secret}@@example.om", f"{secret}@localhost", f"{secret}..x@example.om",
                f"{secret}{'x' * 60}@example.om", f"{secret}\x00@example.om"):
        with pytest.raises(ValidationError) as info:
            email.validate(raw)
        err = info.value
        for text in (err.message_en, err.message_ar, str(err), repr(err)):
            assert secret not in text
        # The library's message (which may quote characters) is not chained either.
        assert err.__cause__ is None
        assert err.__context__ is None or err.__suppress_context__


def test_module_satisfies_the_identifier_protocol() -> None:
    shape: IdentifierModule = email
    assert shape.is_valid(shape.generate(random.Random(0)))


def test_import_is_lazy() -> None:
    code = (
        "import sys, municipal_core.identifiers.email as e; "
        "assert 'email_validator' not in sys.modules; "
        "e.validate('a@example.om'); assert 'email_validator' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_host_changes_to_library_defaults_do_not_change_our_verdicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import email_validator

    monkeypatch.setattr(email_validator, "ALLOW_QUOTED_LOCAL", True)
    monkeypatch.setattr(email_validator, "ALLOW_DOMAIN_LITERAL", True)
    monkeypatch.setattr(email_validator, "TEST_ENVIRONMENT", True)
    monkeypatch.setattr(email_validator, "CHECK_DELIVERABILITY", True)
    monkeypatch.setattr(email_validator, "ALLOW_SMTPUTF8", True)
    assert not email.is_valid('"a b"@example.om')
    assert not email.is_valid("a@[10.0.0.1]")
    assert not email.is_valid("a@portal.test")
    assert not email.is_valid("سارة@example.om")
    # Deliverability would need DNS; it stays off, so this answers without a network.
    assert email.validate("a@no-such-domain-hopefully.example") == (
        "a@no-such-domain-hopefully.example")


def test_generate_is_deterministic_and_uses_reserved_domains() -> None:
    values = [email.generate(random.Random(seed)) for seed in range(200)]
    assert values == [email.generate(random.Random(seed)) for seed in range(200)]
    assert {v.rsplit("@", 1)[1] for v in values} == {"example.com", "example.net",
                                                      "example.org"}
    assert all(email.validate(v) == v for v in values)


# ----------------------------------------------------------------- property tests


@given(st.emails())
def test_any_rfc_address_is_valid_or_a_typed_error_and_normalising_is_stable(
    address: str,
) -> None:
    try:
        normal = email.validate(address)
    except ValidationError as err:
        assert err.code.startswith("email.")
        return
    local, domain = normal.rsplit("@", 1)
    assert domain == domain.lower()
    assert email.validate(normal) == normal
    assert email.validate(normal.upper().split("@")[0] + "@" + domain.upper()).endswith(
        "@" + domain)
    if local.lower() not in {"postmaster", "abuse", "hostmaster", "webmaster"}:
        assert local == address.rsplit("@", 1)[0]


@given(st.integers(0, 2**32), st.sampled_from([str.upper, str.lower, str.title]))
def test_domain_case_does_not_matter(seed: int, case: object) -> None:
    value = email.generate(random.Random(seed))
    local, domain = value.split("@")
    assert email.validate(f"{local}@{case(domain)}") == value  # type: ignore[operator]


@given(st.text(max_size=80), st.booleans())
def test_random_text_raises_only_validation_errors(text: str, allow_unicode: bool) -> None:
    try:
        result = email.validate(text, allow_unicode=allow_unicode)
    except ValidationError as err:
        assert err.code.startswith("email.")
        assert err.message_ar
    else:
        assert email.validate(result, allow_unicode=allow_unicode) == result
    assert isinstance(email.mask(text), str)


@given(st.from_regex(r"[a-zA-Z0-9._%+-]{1,30}@[a-zA-Z0-9-]{1,20}\.[a-zA-Z]{2,6}",
                     fullmatch=True))
def test_mask_never_reveals_the_full_local_part(address: str) -> None:
    local = address.split("@")[0]
    masked = email.mask(address)
    assert masked.count("*") == 3
    assert local not in masked.split("@")[0]
    assert masked.endswith("@" + address.split("@")[1].lower())
