"""Passwords: the jurisdiction's policy, with every broken rule named, and scrypt hashing.

:func:`check_password` lists the problem codes of a password (all of them, so a form can
mark each rule); :func:`require_password` raises
:class:`~municipal_core.errors.WeakPassword` with one bilingual line per problem. Length is
counted in code points after NFC normalisation, as NIST SP 800-63B asks, so "é" typed as
one or two code points counts once. Character classes follow Unicode: lower and upper
case are the ``Ll``/``Lu`` categories (Arabic letters have no case and count as neither),
digits are any decimal digit (Arabic-Indic included), and a symbol is any punctuation,
symbol or space character.

:class:`PasswordHasher` hashes with scrypt from the standard library (no extra dependency;
OpenSSL's implementation) into a self-describing string, so parameters can be raised later
and old hashes upgraded on the next sign-in (:meth:`PasswordHasher.needs_rehash`).

Examples:
    >>> policy = PasswordPolicy(8, 128, True, True, True, False)
    >>> check_password(policy, "short1", username="salim")
    ('password.too_short', 'password.needs_upper')
    >>> hasher = PasswordHasher(log2_n=4)  # cheap, for examples; keep the defaults in production
    >>> encoded = hasher.hash("Sohar-2026!")
    >>> encoded.startswith("$scrypt$ln=4,r=8,p=1$")
    True
    >>> hasher.verify("Sohar-2026!", encoded), hasher.verify("sohar-2026!", encoded)
    (True, False)
    >>> PasswordHasher().needs_rehash(encoded)
    True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar

import attrs

from municipal_core._checks import require_instance
from municipal_core.accounts._policy import RulePolicy, flag, positive_int
from municipal_core.errors import InvalidComponent, InvalidFormat, WeakPassword
from municipal_core.identifiers._util import to_ascii_digits

__all__ = [
    "PROBLEM_MESSAGES",
    "PasswordHasher",
    "PasswordPolicy",
    "check_password",
    "require_password",
]

_CODE = "password"
_POLICY_CODE = "accounts.password.policy"
_HASH_CODE = "password.hash"

# No password policy needs more; the cap keeps hashing and checking cheap for any input.
_MAX_LENGTH_CAP = 1024
# Shorter usernames and identifiers are not looked for inside passwords: two or three
# characters occur by chance in too many good passwords.
_MIN_CONTAINED = 4
_SEPARATORS = str.maketrans("", "", " \t-_./\u00a0")


@attrs.frozen
class PasswordPolicy(RulePolicy):
    """The password rules of a jurisdiction; ``for_jurisdiction`` reads ``accounts.password.*``.

    Attributes:
        min_length: fewest code points (after NFC).
        max_length: most code points (at most 1024).
        require_lower: needs a lower-case letter.
        require_upper: needs an upper-case letter.
        require_digit: needs a digit.
        require_symbol: needs a punctuation mark, symbol or space.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> PasswordPolicy.for_jurisdiction(OM_SOHAR, dt.date(2026, 1, 1)).min_length
        8
        >>> PasswordPolicy(12, 8, True, True, True, True)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The longest password allowed is shorter ...
    """

    min_length: int = attrs.field(validator=positive_int(_POLICY_CODE, maximum=_MAX_LENGTH_CAP))
    max_length: int = attrs.field(validator=positive_int(_POLICY_CODE, maximum=_MAX_LENGTH_CAP))
    require_lower: bool = attrs.field(validator=flag(_POLICY_CODE))
    require_upper: bool = attrs.field(validator=flag(_POLICY_CODE))
    require_digit: bool = attrs.field(validator=flag(_POLICY_CODE))
    require_symbol: bool = attrs.field(validator=flag(_POLICY_CODE))

    def __attrs_post_init__(self) -> None:
        if self.max_length < self.min_length:
            raise InvalidComponent(
                "The longest password allowed is shorter than the shortest.",
                "أقصى طول لكلمة المرور أقل من أدنى طول لها.",
                code=f"{_POLICY_CODE}.range",
                field="max_length",
            )

    # Each field is read from the rule of its own name: min_length <- accounts.password.min_length.
    RULES: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            name: f"accounts.password.{name}"
            for name in (
                "min_length",
                "max_length",
                "require_lower",
                "require_upper",
                "require_digit",
                "require_symbol",
            )
        }
    )


PROBLEM_MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "password.too_short": (
            "Use at least {min_length} characters.",
            "استخدم {min_length} أحرف على الأقل.",
        ),
        "password.too_long": (
            "Use at most {max_length} characters.",
            "استخدم {max_length} حرفًا على الأكثر.",
        ),
        "password.needs_lower": (
            "Include a lower-case English letter.",
            "أدرج حرفًا إنجليزيًا صغيرًا.",
        ),
        "password.needs_upper": (
            "Include an upper-case English letter.",
            "أدرج حرفًا إنجليزيًا كبيرًا.",
        ),
        "password.needs_digit": ("Include a digit.", "أدرج رقمًا."),
        "password.needs_symbol": (
            "Include a symbol such as ! or #.",
            "أدرج رمزًا مثل ! أو #.",
        ),
        "password.contains_username": (
            "Do not include your username.",
            "لا تُدرج اسم المستخدم.",
        ),
        "password.contains_identifier": (
            "Do not include your ID number.",
            "لا تُدرج رقم هويتك.",
        ),
        "password.confirmation_mismatch": (
            "The two passwords do not match.",
            "كلمتا المرور غير متطابقتين.",
        ),
    }
)
"""One English and one Arabic line per problem code; ``{min_length}`` and ``{max_length}``
are filled from the policy (never from the password)."""


def _not_text(field: str) -> InvalidFormat:
    return InvalidFormat(
        f"The {field} must be text.",
        f"يجب أن تكون قيمة {field} نصًا.",
        code=f"{_CODE}.type",
        field=field,
    )


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise _not_text(field)
    return unicodedata.normalize("NFC", value)


def _for_search(text: str) -> str:
    # Case-folded, ASCII digits, no separators: "١٠٠٠-٠٠٠-٠٠٨" and "1000000008" match.
    return to_ascii_digits(text).casefold().translate(_SEPARATORS)


def _classes(password: str) -> set[str]:
    found = set()
    for char in password:
        category = unicodedata.category(char)
        if category == "Ll":
            found.add("lower")
        elif category == "Lu":
            found.add("upper")
        elif category == "Nd":
            found.add("digit")
        elif category[0] in "PSZ":
            found.add("symbol")
    return found


def check_password(
    policy: PasswordPolicy,
    password: str,
    *,
    confirmation: str | None = None,
    username: str | None = None,
    identifiers: Iterable[str] = (),
) -> tuple[str, ...]:
    """Return the code of every rule ``password`` breaks, in a fixed order; ``()`` if none.

    Args:
        policy: the rules.
        password: as typed.
        confirmation: the second entry, if the form has one.
        username: must not appear in the password (case-insensitive; 4+ characters).
        identifiers: ID numbers that must not appear in it (any digit script, separators
            ignored; 4+ characters).

    Raises:
        InvalidFormat: an argument is not text (``password.type``).

    Examples:
        >>> policy = PasswordPolicy(8, 64, True, True, True, False)
        >>> check_password(policy, "Ab1000000008", identifiers=["١٠٠٠٠٠٠٠٠٨"])
        ('password.contains_identifier',)
        >>> check_password(policy, "Salim2026x", username="SALIM", confirmation="Salim2026")
        ('password.contains_username', 'password.confirmation_mismatch')
    """
    policy = require_instance(policy, PasswordPolicy, field="policy", code=_CODE)
    text = _text(password, "password")
    problems: list[str] = []
    if len(text) < policy.min_length:
        problems.append("password.too_short")
    if len(text) > policy.max_length:
        problems.append("password.too_long")
    classes = _classes(text)
    for name, required in (
        ("lower", policy.require_lower),
        ("upper", policy.require_upper),
        ("digit", policy.require_digit),
        ("symbol", policy.require_symbol),
    ):
        if required and name not in classes:
            problems.append(f"password.needs_{name}")
    searched = _for_search(text)
    if username is not None:
        name = _for_search(_text(username, "username").strip())
        if len(name) >= _MIN_CONTAINED and name in searched:
            problems.append("password.contains_username")
    if isinstance(identifiers, str):
        identifiers = (identifiers,)
    elif not isinstance(identifiers, Iterable):
        raise _not_text("identifiers")
    for identifier in identifiers:
        number = _for_search(_text(identifier, "identifiers"))
        if len(number) >= _MIN_CONTAINED and number in searched:
            problems.append("password.contains_identifier")
            break
    if confirmation is not None:
        again = _text(confirmation, "confirmation")
        if not hmac.compare_digest(again.encode(), text.encode()):
            problems.append("password.confirmation_mismatch")
    return tuple(problems)


def require_password(
    policy: PasswordPolicy,
    password: str,
    *,
    confirmation: str | None = None,
    username: str | None = None,
    identifiers: Iterable[str] = (),
) -> str:
    """Return the password (NFC-normalised) if it meets ``policy``, else raise.

    Takes the arguments of :func:`check_password`.

    Raises:
        WeakPassword: listing every problem, one line each, in English and Arabic
            (code ``password.policy``, field ``password``, ``problems`` = the codes).

    Examples:
        >>> policy = PasswordPolicy(8, 64, True, True, True, False)
        >>> from municipal_core.errors import WeakPassword
        >>> try:
        ...     require_password(policy, "abc")
        ... except WeakPassword as err:
        ...     print(err.problems)
        ...     print(err.message("en"))
        ('password.too_short', 'password.needs_upper', 'password.needs_digit')
        The password does not meet the rules: Use at least 8 characters. Include an
        upper-case English letter. Include a digit.
    """
    problems = check_password(
        policy, password, confirmation=confirmation, username=username, identifiers=identifiers
    )
    if problems:
        values = {"min_length": policy.min_length, "max_length": policy.max_length}
        lines_en = " ".join(PROBLEM_MESSAGES[p][0].format(**values) for p in problems)
        lines_ar = " ".join(PROBLEM_MESSAGES[p][1].format(**values) for p in problems)
        raise WeakPassword(
            f"The password does not meet the rules: {lines_en}",
            f"كلمة المرور لا تستوفي الشروط: {lines_ar}",
            code="password.policy",
            field="password",
            problems=problems,
        )
    return _text(password, "password")


# Bounds for hasher parameters, also applied to stored hashes before any work is done:
# a stored "$scrypt$ln=30,..." would otherwise ask for 128 GiB (a denial of service).
_MAX_LOG2_N = 20
_MAX_R = 32
_MAX_P = 16
_MAX_MEMORY = 1 << 30  # bytes scrypt may use: 128 * r * N
_SALT_RANGE = (16, 64)
_KEY_RANGE = (16, 64)
_B64 = r"([A-Za-z0-9+/]{1,100})"
_ENCODED_RE = re.compile(rf"\$scrypt\$ln=(\d{{1,2}}),r=(\d{{1,3}}),p=(\d{{1,3}})\${_B64}\${_B64}")


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise _malformed() from None


def _malformed() -> InvalidFormat:
    return InvalidFormat(
        "The stored password hash is malformed.",
        "بصمة كلمة المرور المخزنة غير سليمة.",
        code=f"{_HASH_CODE}.format",
        field="encoded",
    )


def _check_params(log2_n: int, r: int, p: int, salt: int, key: int, *, field: str) -> None:
    fits = (
        1 <= log2_n <= _MAX_LOG2_N
        and 1 <= r <= _MAX_R
        and 1 <= p <= _MAX_P
        and 128 * r * (1 << log2_n) <= _MAX_MEMORY
        and _SALT_RANGE[0] <= salt <= _SALT_RANGE[1]
        and _KEY_RANGE[0] <= key <= _KEY_RANGE[1]
    )
    if not fits:
        raise InvalidComponent(
            "The scrypt parameters are out of the supported range.",
            "معاملات scrypt خارج النطاق المدعوم.",
            code=f"{_HASH_CODE}.parameters",
            field=field,
        )


@attrs.frozen
class _Parsed:
    log2_n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def _parse(encoded: object) -> _Parsed:
    if not isinstance(encoded, str):
        raise _malformed()
    match = _ENCODED_RE.fullmatch(encoded)
    if match is None:
        raise _malformed()
    log2_n, r, p = (int(g) for g in match.group(1, 2, 3))
    salt, key = _b64decode(match.group(4)), _b64decode(match.group(5))
    _check_params(log2_n, r, p, len(salt), len(key), field="encoded")
    return _Parsed(log2_n, r, p, salt, key)


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int, key_bytes: int) -> bytes:
    n = 1 << log2_n
    # OpenSSL needs 128*r*(N+2) bytes for V plus 128*r*p for B; hashlib's default cap
    # (32 MiB) is below OWASP's N=2^17, r=8 (128 MiB), so size it from the parameters.
    maxmem = 128 * r * (n + 2 + p) + (1 << 16)
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=key_bytes
    )


@attrs.frozen
class PasswordHasher:
    """scrypt password hashing into ``$scrypt$ln=..,r=..,p=..$<salt>$<key>`` strings.

    The defaults are OWASP's minimum for scrypt (N=2^17, r=8, p=1: 128 MiB and roughly a
    quarter of a second per hash); keep them, or stronger, in production. Tests and
    examples may pass a small ``log2_n`` to run fast. Salt and key are standard base64
    without padding.

    Attributes:
        log2_n: scrypt's cost N as a power of two (1..20).
        r: block size (1..32).
        p: parallelism (1..16).
        salt_bytes: random salt length (16..64).
        key_bytes: derived key length (16..64).

    Examples:
        >>> PasswordHasher(log2_n=30)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The scrypt parameters are out of the ...
    """

    log2_n: int = attrs.field(default=17, validator=positive_int(_HASH_CODE))
    r: int = attrs.field(default=8, validator=positive_int(_HASH_CODE))
    p: int = attrs.field(default=1, validator=positive_int(_HASH_CODE))
    salt_bytes: int = attrs.field(default=16, validator=positive_int(_HASH_CODE))
    key_bytes: int = attrs.field(default=32, validator=positive_int(_HASH_CODE))

    def __attrs_post_init__(self) -> None:
        _check_params(self.log2_n, self.r, self.p, self.salt_bytes, self.key_bytes, field="hasher")

    def hash(self, password: str) -> str:
        """Return the self-describing hash of ``password`` (NFC-normalised), fresh salt.

        Raises:
            InvalidFormat: the password is not text (``password.type``).
        """
        text = _text(password, "password")
        salt = secrets.token_bytes(self.salt_bytes)
        key = _scrypt(text, salt, self.log2_n, self.r, self.p, self.key_bytes)
        return (
            f"$scrypt$ln={self.log2_n},r={self.r},p={self.p}${_b64encode(salt)}${_b64encode(key)}"
        )

    def verify(self, password: str, encoded: str) -> bool:
        """Return whether ``password`` matches ``encoded``, using the parameters stored in it.

        Raises:
            InvalidFormat: ``encoded`` is malformed (``password.hash.format``) or the
                password is not text.
            InvalidComponent: its parameters are out of range (``password.hash.parameters``),
                refused before any hashing.
        """
        parsed = _parse(encoded)
        text = _text(password, "password")
        key = _scrypt(text, parsed.salt, parsed.log2_n, parsed.r, parsed.p, len(parsed.key))
        return hmac.compare_digest(key, parsed.key)

    def verify_dummy(self, password: str) -> bool:
        """Spend the time of a :meth:`verify` with this hasher's parameters; return False.

        Call it when the account does not exist, so the response time of a sign-in does
        not reveal whether it does.

        Examples:
            >>> PasswordHasher(log2_n=4).verify_dummy("anything")
            False
        """
        text = _text(password, "password")
        key = _scrypt(
            text, _DUMMY_SALT[: self.salt_bytes], self.log2_n, self.r, self.p, self.key_bytes
        )
        hmac.compare_digest(key, bytes(self.key_bytes))
        return False

    def needs_rehash(self, encoded: str) -> bool:
        """Return whether ``encoded`` was made with weaker parameters than this hasher's.

        Weaker means a smaller N, r, p, salt or key. Rehash on the next successful sign-in,
        when the password is at hand.

        Raises:
            InvalidFormat: ``encoded`` is malformed (``password.hash.format``).
            InvalidComponent: its parameters are out of range.

        Examples:
            >>> weak = PasswordHasher(log2_n=4).hash("x")
            >>> PasswordHasher(log2_n=4).needs_rehash(weak)
            False
            >>> PasswordHasher(log2_n=5).needs_rehash(weak)
            True
        """
        parsed = _parse(encoded)
        return (
            parsed.log2_n < self.log2_n
            or parsed.r < self.r
            or parsed.p < self.p
            or len(parsed.salt) < self.salt_bytes
            or len(parsed.key) < self.key_bytes
        )


# Any fixed bytes do: the dummy result is thrown away.
_DUMMY_SALT = bytes(range(_SALT_RANGE[1]))
