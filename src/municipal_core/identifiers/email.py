"""E-mail addresses: syntax validation and normalisation, no network.

Syntax is checked by [email-validator](https://github.com/JoshData/python-email-validator)
with its DNS deliverability check switched off, so validation never touches the network.
On top of it this module adds what the portals need:

* the normal form keeps the local part (before the ``@``) as typed -- local parts are
  case-sensitive in principle -- and lower-cases and IDNA-normalises the domain;
* local parts are **ASCII only by default**: the portals send mail through ordinary
  gateways that may not speak SMTPUTF8 (RFC 6531). Pass ``allow_unicode=True`` to accept
  internationalised local parts. Internationalised *domains* (``بلدية.عمان``) are always
  accepted, as every gateway can reach them through their ASCII (``xn--``) form, which
  ``to_ascii`` returns;
* quoted local parts, IP-address literals, display names (``Name <a@b.om>``) and
  special-use domains (``localhost``, ``.test``, ``.local``) are refused;
* the local part is limited to 64 octets (RFC 5321 §4.5.3.1.1), which email-validator
  checks only in its strict mode;
* errors carry stable codes and Arabic messages, and never echo the address.

Examples:
    >>> validate("  Sara.Ali@Example.OM ")
    'Sara.Ali@example.om'
    >>> validate("sara@localhost")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The part ... after the @ is not a valid domain.
    >>> mask("sara.ali@example.om")
    's***@example.om'
"""

from __future__ import annotations

import random
import unicodedata
from typing import TYPE_CHECKING

from municipal_core._text import INVISIBLE_IN_CODES
from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.identifiers._util import require_text

if TYPE_CHECKING:
    from email_validator import ValidatedEmail

__all__ = [
    "LOCAL_PART_MAX_OCTETS",
    "compact",
    "format",
    "generate",
    "is_valid",
    "mask",
    "to_ascii",
    "validate",
]

_CODE = "email"
_FIELD = "email"

LOCAL_PART_MAX_OCTETS = 64
"""Longest local part, in UTF-8 octets (RFC 5321 §4.5.3.1.1)."""

# RFC 2606 reserved domains: generated fixtures can never mail a real person.
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_LOCAL_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def compact(address: str) -> str:
    r"""Return the address with surrounding spaces and invisible marks removed, NFC-normalised.

    This does not validate; ``validate`` returns the full normal form.

    Examples:
        >>> compact("\u200e sara@Example.om \u200f")
        'sara@Example.om'
    """
    text = require_text(
        address,
        field=_FIELD,
        code=_CODE,
        what_en="e-mail address",
        what_ar="قيمة البريد الإلكتروني",
    )
    # NFC as RFC 6532 §3.1 asks, so the same address typed on two keyboards compares equal.
    return unicodedata.normalize("NFC", text.translate(INVISIBLE_IN_CODES).strip())


def validate(address: str, *, allow_unicode: bool = False) -> str:
    """Return the normalised address, or raise the most specific ``ValidationError``.

    The normal form keeps the local part as typed (RFC 2142 role names such as
    ``Postmaster`` are lower-cased, as email-validator does) and gives the domain in
    lower case, in its Unicode form for internationalised domains.

    Args:
        address: the address as typed.
        allow_unicode: accept a non-ASCII local part (``سارة@example.om``), which only
            SMTPUTF8-capable mail servers can deliver to.

    Raises:
        InvalidFormat: not text; not exactly one ``@``; nothing before or after it
            (``email.format``); a bad character or dot in the local part
            (``email.local``).
        InvalidLength: longer than the RFC limits (``email.length``).
        InvalidComponent: the domain is not valid or is special-use (``email.domain``);
            the local part is not ASCII and ``allow_unicode`` is false
            (``email.unicode_local``).

    Examples:
        >>> validate("Ahmed@مثال.عمان")
        'Ahmed@مثال.عمان'
        >>> validate("أحمد@example.om")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The part ... before the @ must use English ...
        >>> validate("أحمد@example.om", allow_unicode=True)
        'أحمد@example.om'
    """
    return _check(compact(address), allow_unicode=allow_unicode).normalized


def is_valid(address: str, *, allow_unicode: bool = False) -> bool:
    """Return whether ``validate`` would accept ``address``.

    Examples:
        >>> is_valid("sara@example.om"), is_valid("sara@@example.om")
        (True, False)
        >>> is_valid(None)  # type: ignore[arg-type]
        False
    """
    try:
        validate(address, allow_unicode=allow_unicode)
    except ValidationError:
        return False
    return True


def format(address: str, *, allow_unicode: bool = False) -> str:
    """Return the address as it should be shown and stored: the normal form.

    Examples:
        >>> format("SARA@EXAMPLE.OM")
        'SARA@example.om'
    """
    return validate(address, allow_unicode=allow_unicode)


def to_ascii(address: str) -> str:
    """Return the all-ASCII form to hand to a mail gateway: the domain in ``xn--`` form.

    A non-ASCII local part has no ASCII form, so it is refused (``email.unicode_local``).

    Examples:
        >>> to_ascii("Ahmed@مثال.عمان")
        'Ahmed@xn--mgbh0fb.xn--mgb9awbf'
    """
    result = _check(compact(address), allow_unicode=False)
    # ascii_email is None only for a non-ASCII local part, which _check refused above.
    assert result.ascii_email is not None
    return result.ascii_email


def mask(address: str) -> str:
    """Return a form safe for logs: the first character of the local part, then ``***``.

    The number of stars is fixed so the mask does not leak the length; a one-character
    local part is hidden completely. Works on invalid input too.

    Examples:
        >>> mask("sara.ali@Example.om"), mask("s@example.om"), mask("no-at-sign")
        ('s***@example.om', '***@example.om', '***')
    """
    value = compact(address)
    local, at, domain = value.rpartition("@")
    if not at:
        return "***"
    shown = local[0] if len(local) > 1 else ""
    return f"{shown}***@{domain.lower()}"


def generate(rng: random.Random) -> str:
    """Return a random valid address at an RFC 2606 example domain, for fixtures.

    Examples:
        >>> value = generate(random.Random(3))
        >>> is_valid(value), value.endswith((".com", ".net", ".org"))
        (True, True)
    """
    parts = [
        "".join(rng.choice(_LOCAL_ALPHABET) for _ in range(rng.randint(1, 10)))
        for _ in range(rng.randint(1, 3))
    ]
    return rng.choice((".", "_", "-")).join(parts) + "@" + rng.choice(_EXAMPLE_DOMAINS)


def _check(value: str, *, allow_unicode: bool) -> ValidatedEmail:
    # Structure first, by hand: it gives precise codes, and with quoted local parts
    # refused an address has exactly one "@". A lone surrogate (broken UTF-16 from a
    # browser or a bad decode) cannot be sent anywhere, and would break encoding below.
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise InvalidFormat(
            "The e-mail address contains a broken character.",
            "يحتوي البريد الإلكتروني على محرف تالف.",
            code=f"{_CODE}.format",
            field=_FIELD,
        )
    if value.count("@") != 1:
        raise InvalidFormat(
            "The e-mail address must contain exactly one @.",
            "يجب أن يحتوي البريد الإلكتروني على علامة @ واحدة فقط.",
            code=f"{_CODE}.format",
            field=_FIELD,
        )
    local, _, domain = value.partition("@")
    if not local or not domain:
        raise InvalidFormat(
            "The e-mail address needs a name before the @ and a domain after it.",
            "يجب أن يحتوي البريد الإلكتروني على اسم قبل علامة @ ونطاق بعدها.",
            code=f"{_CODE}.format",
            field=_FIELD,
        )
    if not allow_unicode and not local.isascii():
        raise InvalidComponent(
            "The part of the e-mail address before the @ must use English letters, "
            "digits and symbols only.",
            "يجب أن يتكون الجزء السابق لعلامة @ في البريد الإلكتروني من حروف إنجليزية "
            "وأرقام ورموز فقط.",
            code=f"{_CODE}.unicode_local",
            field=_FIELD,
        )
    if len(local.encode("utf-8")) > LOCAL_PART_MAX_OCTETS:
        raise _too_long()

    from email_validator import EmailNotValidError

    try:
        return _library_validate(value, allow_unicode=allow_unicode)
    except EmailNotValidError as exc:
        # The library's message may quote characters of the address: never pass it on.
        raise _translate(exc, domain, allow_unicode=allow_unicode) from None


def _library_validate(value: str, *, allow_unicode: bool) -> ValidatedEmail:
    # Lazy import keeps `import municipal_core` light. Every option is passed explicitly:
    # email-validator reads its defaults from module globals a host may have changed.
    from email_validator import validate_email

    return validate_email(
        value,
        allow_smtputf8=allow_unicode,
        allow_empty_local=False,
        allow_quoted_local=False,
        allow_domain_literal=False,
        allow_display_name=False,
        check_deliverability=False,
        test_environment=False,
        globally_deliverable=True,
    )


def _translate(exc: Exception, domain: str, *, allow_unicode: bool) -> ValidationError:
    from email_validator import EmailNotValidError

    # email-validator raises one exception class for every syntax problem. Its length
    # messages have said "too long" since 1.x; if that wording ever changes the error is
    # still typed, only less specific.
    if "too long" in str(exc):
        return _too_long()
    # Which side is wrong? Re-check the domain alone behind a trivially valid local part.
    try:
        _library_validate("a@" + domain, allow_unicode=allow_unicode)
    except EmailNotValidError:
        return InvalidComponent(
            "The part of the e-mail address after the @ is not a valid domain.",
            "الجزء الذي يلي علامة @ في البريد الإلكتروني ليس نطاقًا صالحًا.",
            code=f"{_CODE}.domain",
            field=_FIELD,
        )
    return InvalidFormat(
        "The part of the e-mail address before the @ contains a character or dot "
        "that is not allowed.",
        "يحتوي الجزء السابق لعلامة @ في البريد الإلكتروني على حرف أو نقطة غير مسموح بها.",
        code=f"{_CODE}.local",
        field=_FIELD,
    )


def _too_long() -> InvalidLength:
    return InvalidLength(
        "The e-mail address is too long.",
        "البريد الإلكتروني طويل جدًا.",
        code=f"{_CODE}.length",
        field=_FIELD,
    )
