"""Password policy checks, bilingual WeakPassword errors, and scrypt hashing."""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.accounts import (
    PROBLEM_MESSAGES,
    PasswordHasher,
    PasswordPolicy,
    _passwords,
    check_password,
    require_password,
)
from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    WeakPassword,
)
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.serialization import from_json, to_json

POLICY = PasswordPolicy(8, 64, True, True, True, False)
STRICT = PasswordPolicy(10, 20, True, True, True, True)
FAST = PasswordHasher(log2_n=4)

# --- policy -----------------------------------------------------------------------------


@pytest.mark.parametrize("jurisdiction", [OM_SOHAR, SA_BALADY])
def test_policy_comes_from_the_jurisdiction_rules(jurisdiction: object) -> None:
    policy = PasswordPolicy.for_jurisdiction(jurisdiction, dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert policy == PasswordPolicy(8, 128, True, True, True, False)


def test_a_host_can_tighten_its_policy_from_a_date() -> None:
    rules = SA_BALADY.rules.with_value(
        "accounts.password.require_symbol", True, dt.date(2027, 1, 1)
    )
    j = attrs.evolve(SA_BALADY, rules=rules)
    assert not PasswordPolicy.for_jurisdiction(j, dt.date(2026, 12, 31)).require_symbol
    assert PasswordPolicy.for_jurisdiction(j, dt.date(2027, 1, 1)).require_symbol


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"min_length": 0}, "accounts.password.policy.range"),
        ({"max_length": 5000}, "accounts.password.policy.range"),
        ({"min_length": 70}, "accounts.password.policy.range"),
        ({"min_length": 8.0}, "accounts.password.policy.type"),
        ({"require_digit": 1}, "accounts.password.policy.type"),
        ({"require_upper": "yes"}, "accounts.password.policy.type"),
    ],
)
def test_bad_policies_are_refused(change: dict[str, object], code: str) -> None:
    with pytest.raises(MunicipalError) as info:
        attrs.evolve(POLICY, **change)
    assert info.value.code == code


def test_policy_round_trips_through_json() -> None:
    assert from_json(to_json(STRICT), PasswordPolicy) == STRICT


# --- checking ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Sohar2026", ()),
        ("Sh2026", ("password.too_short",)),
        ("sohar2026", ("password.needs_upper",)),
        ("SOHAR2026", ("password.needs_lower",)),
        ("SoharSohar", ("password.needs_digit",)),
        ("A1" + "b" * 63, ("password.too_long",)),
        (
            "",
            (
                "password.too_short",
                "password.needs_lower",
                "password.needs_upper",
                "password.needs_digit",
            ),
        ),
    ],
)
def test_each_rule_has_its_code(password: str, problems: tuple[str, ...]) -> None:
    assert check_password(POLICY, password) == problems


def test_symbols_include_punctuation_symbols_and_spaces() -> None:
    assert check_password(STRICT, "Sohar 2026x") == ()
    assert check_password(STRICT, "Sohar€2026x") == ()
    assert check_password(STRICT, "Sohar2026xy") == ("password.needs_symbol",)


def test_length_counts_code_points_after_nfc() -> None:
    decomposed = "Ab1" + "e\u0301" * 5  # 13 code points typed, 8 after NFC
    assert len(decomposed) == 13
    assert "password.too_short" not in check_password(POLICY, decomposed)
    assert check_password(attrs.evolve(POLICY, max_length=8), decomposed) == ()


def test_arabic_letters_have_no_case_and_arabic_digits_are_digits() -> None:
    assert check_password(POLICY, "كلمةالسر٢٠٢٦") == (
        "password.needs_lower",
        "password.needs_upper",
    )
    assert check_password(POLICY, "كلمةالسرAb٢") == ()


def test_the_username_must_not_appear_in_any_case() -> None:
    assert check_password(POLICY, "xxSALIM2026", username="salim") == (
        "password.contains_username",
    )
    assert check_password(POLICY, "Abc2026xyz", username=" abc ") == ()  # 3 letters: ignored
    assert check_password(POLICY, "Sohar2026", username="salim") == ()


@pytest.mark.parametrize(
    ("password", "identifier"),
    [
        ("Ab1000000008", "1000000008"),
        ("Ab1000000008", "١٠٠٠٠٠٠٠٠٨"),
        ("Ab١٠٠٠٠٠٠٠٠٨", "1000000008"),
        ("Ab۱۰۰۰۰۰۰۰۰۸", "1000000008"),
        ("Ab1000-000-008", "1000 000 008"),
        ("Xcr1234567z", "CR1234567"),
    ],
)
def test_identifiers_must_not_appear_in_any_digit_script(password: str, identifier: str) -> None:
    assert check_password(POLICY, password, identifiers=[identifier]) == (
        "password.contains_identifier",
    )


def test_identifiers_may_be_one_string_and_short_ones_are_ignored() -> None:
    assert check_password(POLICY, "Ab1000000008", identifiers="1000000008") == (
        "password.contains_identifier",
    )
    assert check_password(POLICY, "Sohar2026", identifiers=["202"]) == ()
    assert check_password(POLICY, "Sohar2026", identifiers=["99999999", "12345678"]) == ()


def test_the_confirmation_must_match_after_nfc() -> None:
    assert check_password(POLICY, "Sohar2026", confirmation="Sohar2027") == (
        "password.confirmation_mismatch",
    )
    composed = "Sohar2026é"
    assert (
        check_password(POLICY, composed, confirmation=unicodedata.normalize("NFD", composed)) == ()
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"password": None},
        {"password": b"Sohar2026"},
        {"password": "Sohar2026", "confirmation": 5},
        {"password": "Sohar2026", "username": 5},
        {"password": "Sohar2026", "identifiers": [5]},
        {"password": "Sohar2026", "identifiers": 1000000008},
    ],
)
def test_non_text_raises_a_typed_error(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidFormat) as info:
        check_password(POLICY, **kwargs)  # type: ignore[arg-type]
    assert info.value.code == "password.type"


def test_a_policy_is_required() -> None:
    with pytest.raises(InvalidFormat):
        check_password("policy", "x")  # type: ignore[arg-type]


def test_require_password_lists_every_problem_in_both_languages_without_the_password() -> None:
    secret = "zq9-salim"
    with pytest.raises(WeakPassword) as info:
        require_password(STRICT, secret, confirmation="other", username="salim")
    err = info.value
    assert err.code == "password.policy"
    assert err.field == "password"
    assert err.problems == (
        "password.too_short",
        "password.needs_upper",
        "password.contains_username",
        "password.confirmation_mismatch",
    )
    for problem in err.problems:
        en, ar = PROBLEM_MESSAGES[problem]
        assert en.format(min_length=10, max_length=20) in err.message_en
        assert ar.format(min_length=10, max_length=20) in err.message_ar
    shown = err.message_en + err.message_ar + repr(err) + str(err.to_dict())
    assert secret not in shown


def test_require_password_returns_the_nfc_form() -> None:
    typed = unicodedata.normalize("NFD", "Sohar2026é")
    assert require_password(POLICY, typed) == unicodedata.normalize("NFC", typed)


@given(st.text(max_size=80), st.text(max_size=12), st.text(max_size=12))
def test_checks_never_fail_on_text_and_every_problem_has_messages(
    password: str, username: str, confirmation: str
) -> None:
    problems = check_password(
        STRICT, password, username=username, confirmation=confirmation, identifiers=[username]
    )
    assert len(set(problems)) == len(problems)
    assert all(p in PROBLEM_MESSAGES for p in problems)
    length = len(unicodedata.normalize("NFC", password))
    assert ("password.too_short" in problems) == (length < STRICT.min_length)
    assert ("password.too_long" in problems) == (length > STRICT.max_length)


# --- hashing ----------------------------------------------------------------------------

# Published by passlib (passlib.hash.scrypt docs): our format is the same PHC-style string,
# so hashes move between the two libraries.
PASSLIB_LN8 = (
    "$scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ"
)


def test_verifies_a_hash_published_by_passlib() -> None:
    assert FAST.verify("password", PASSLIB_LN8)
    assert not FAST.verify("Password", PASSLIB_LN8)
    assert not FAST.needs_rehash(PASSLIB_LN8)


def test_the_defaults_are_owasp_scrypt_and_run_within_hashlibs_memory_cap() -> None:
    default = PasswordHasher()
    assert (default.log2_n, default.r, default.p) == (17, 8, 1)
    assert default.verify_dummy("anything") is False  # 128 MiB: maxmem is sized for it


def test_hashes_are_salted_self_describing_and_verify() -> None:
    first, second = FAST.hash("Sohar-2026!"), FAST.hash("Sohar-2026!")
    assert first != second
    assert first.startswith("$scrypt$ln=4,r=8,p=1$")
    assert "Sohar" not in first
    assert FAST.verify("Sohar-2026!", first)
    assert FAST.verify("Sohar-2026!", second)
    assert not FAST.verify("Sohar-2026", first)


def test_verify_uses_the_parameters_stored_in_the_hash() -> None:
    encoded = PasswordHasher(log2_n=5, r=4, p=2, salt_bytes=20, key_bytes=40).hash("pw")
    assert FAST.verify("pw", encoded)


def test_passwords_are_hashed_in_nfc() -> None:
    encoded = FAST.hash("Sohar-é")
    assert FAST.verify(unicodedata.normalize("NFD", "Sohar-é"), encoded)


@pytest.mark.parametrize(
    ("hasher", "rehash"),
    [
        (PasswordHasher(log2_n=4), False),
        (PasswordHasher(log2_n=3), False),
        (PasswordHasher(log2_n=5), True),
        (PasswordHasher(log2_n=4, r=9), True),
        (PasswordHasher(log2_n=4, p=2), True),
        (PasswordHasher(log2_n=4, salt_bytes=32), True),
        (PasswordHasher(log2_n=4, key_bytes=64), True),
    ],
)
def test_needs_rehash_when_the_hasher_is_stronger(hasher: PasswordHasher, rehash: bool) -> None:
    assert hasher.needs_rehash(FAST.hash("pw")) is rehash


@pytest.mark.parametrize(
    "encoded",
    [
        None,
        "",
        "plain-text-password",
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "$scrypt$ln=4,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ",
        "$scrypt$ln=4,r=8,p=1$WKs1x!jLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv",
        "$scrypt$ln=4,r=8,p=1$W$yCR4iDZYDKv+iEJj6yHY0lv",  # one base64 char is no byte
        "$scrypt$ln=4,r=8,p=1$" + "A" * 500 + "$B",
        PASSLIB_LN8 + "\n",
    ],
)
def test_malformed_hashes_raise_invalid_format(encoded: object) -> None:
    for call in (lambda: FAST.verify("pw", encoded), lambda: FAST.needs_rehash(encoded)):  # type: ignore[arg-type]
        with pytest.raises(InvalidFormat) as info:
            call()
        assert info.value.code == "password.hash.format"


@pytest.mark.parametrize(
    "params",
    ["ln=30,r=8,p=1", "ln=20,r=32,p=1", "ln=4,r=999,p=1", "ln=4,r=8,p=99", "ln=0,r=8,p=1"],
)
def test_absurd_stored_parameters_are_refused_before_any_work(
    params: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_passwords, "_scrypt", _never_called)
    encoded = PASSLIB_LN8.replace("ln=8,r=8,p=1", params)
    with pytest.raises(InvalidComponent) as info:
        FAST.verify("pw", encoded)
    assert info.value.code == "password.hash.parameters"


def test_a_short_stored_salt_is_refused() -> None:
    short_salt = "$scrypt$ln=4,r=8,p=1$AAAA$" + "A" * 43
    with pytest.raises(InvalidComponent):
        FAST.verify("pw", short_salt)


def _never_called(*_args: object) -> bytes:
    raise AssertionError("scrypt must not run for refused parameters")


def test_the_dummy_verification_costs_what_a_real_one_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[object, ...]] = []
    real = _passwords._scrypt

    def spy(password: str, salt: bytes, *params: int) -> bytes:
        calls.append((len(salt), *params))
        return real(password, salt, *params)

    monkeypatch.setattr(_passwords, "_scrypt", spy)
    hasher = PasswordHasher(log2_n=5, r=4, p=2, salt_bytes=24, key_bytes=48)
    encoded = hasher.hash("pw")
    calls.clear()
    assert hasher.verify("pw", encoded)
    assert hasher.verify_dummy("pw") is False
    assert calls[0] == calls[1] == (24, 5, 4, 2, 48)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"log2_n": 21}, InvalidComponent),
        ({"log2_n": 0}, InvalidComponent),
        ({"r": 33}, InvalidComponent),
        ({"p": 17}, InvalidComponent),
        ({"salt_bytes": 8}, InvalidComponent),
        ({"key_bytes": 65}, InvalidComponent),
        ({"log2_n": True}, InvalidFormat),
        ({"r": "8"}, InvalidFormat),
    ],
)
def test_bad_hasher_parameters_are_refused(change: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        PasswordHasher(**change)  # type: ignore[arg-type]


def test_hasher_round_trips_and_refuses_non_text_passwords() -> None:
    assert from_json(to_json(FAST), PasswordHasher) == FAST
    with pytest.raises(InvalidFormat):
        FAST.hash(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        FAST.verify(None, FAST.hash("x"))  # type: ignore[arg-type]


@settings(max_examples=25)
@given(st.text(max_size=40), st.text(max_size=40))
def test_a_hash_verifies_its_password_and_no_other(password: str, other: str) -> None:
    hasher = PasswordHasher(log2_n=2, r=1)
    encoded = hasher.hash(password)
    assert hasher.verify(password, encoded)
    same = unicodedata.normalize("NFC", password) == unicodedata.normalize("NFC", other)
    assert hasher.verify(other, encoded) is same
