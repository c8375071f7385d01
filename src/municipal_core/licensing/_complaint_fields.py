r"""Checks for the fields of a complaint: its number, description, attachments and rating.

Each function takes a value as a form or JSON delivers it and returns it tidied, or
raises a typed error with a ``complaint.*`` code.

Examples:
    >>> description("The bins on 12th Street\n\n\nhave not been emptied  since Monday.")
    'The bins on 12th Street\n\nhave not been emptied since Monday.'
    >>> attachments(["https://files.example.om/c/1.jpg", "fs/2026/abc123"])
    ('https://files.example.om/c/1.jpg', 'fs/2026/abc123')
    >>> rating(6)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The rating must be a whole number from 1 to 5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from municipal_core._text import BIDI_CONTROLS, DIGITS_TO_ASCII, INVISIBLE_IN_CODES
from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength
from municipal_core.identifiers._util import Label, clean_text

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_LENGTH",
    "MAX_DESCRIPTION_LENGTH",
    "MAX_RATING_COMMENT_LENGTH",
    "attachments",
    "description",
    "number",
    "rating",
    "rating_comment",
]

MAX_DESCRIPTION_LENGTH = 4000
"""Longest description, once tidied: Open311 GeoReport v2 limits ``description`` to 4,000
characters, so every complaint can be exported whole."""

MAX_RATING_COMMENT_LENGTH = 500
"""Longest comment with a rating, once tidied ([A])."""

MAX_ATTACHMENTS = 10
"""Most attachments one complaint may reference ([A])."""

MAX_ATTACHMENT_LENGTH = 2048
"""Longest attachment URL or reference (the de-facto URL limit of browsers and proxies)."""

_DESCRIPTION = Label("description", "complaint.description", "description", "الوصف")
_COMMENT = Label("rating_comment", "complaint.rating_comment", "rating comment", "تعليق التقييم")

# A complaint number is a reference such as "SOH-CMP-2026-000123" or "2026/00042".
_NUMBER_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}\Z")
_NUMBER_TABLE = {**DIGITS_TO_ASCII, **INVISIBLE_IN_CODES}

# An opaque file-store reference: no scheme (no ":"), no spaces, no "..", so a host can
# neither mistake it for a link nor join it into a path outside its store.
_REFERENCE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,254}\Z")
_URL_SCHEMES = ("http", "https")
# Whitespace, controls, bidi controls (a URL that displays as another) and the characters
# RFC 3986 never allows unescaped.
_UNSAFE_IN_URL = re.compile(rf"[\s\x00-\x1f\x7f<>\"\\^`{{|}}{BIDI_CONTROLS}]")


def number(value: object) -> str:
    """Return a complaint number tidied (invisible marks out, ASCII digits), or raise.

    Raises:
        InvalidFormat: not 1 to 64 letters, digits and ``/ _ . -``, starting with a letter
            or digit (``complaint.number``).

    Examples:
        >>> number(" SOH-CMP-٢٠٢٦-000123 ")
        'SOH-CMP-2026-000123'
    """
    text = value.translate(_NUMBER_TABLE).strip() if isinstance(value, str) else ""
    if not _NUMBER_RE.match(text):
        raise InvalidFormat(
            "The complaint number must be 1 to 64 letters, digits and / _ . - characters.",
            "يجب أن يتكون رقم البلاغ من 1 إلى 64 من الحروف والأرقام والرموز / _ . -",
            code="complaint.number",
            field="number",
        )
    return text


def description(value: object) -> str:
    r"""Return the description tidied, keeping its paragraphs; or raise.

    Each line has its whitespace collapsed; runs of blank lines become one. Control
    characters and bidi embeddings, overrides and isolates are refused (they can make
    text display as something else); the plain marks LRM, RLM and ALM are kept.

    Raises:
        InvalidFormat: not text (``complaint.description.format``), a control character
            (``.control``) or a bidi control (``.bidi``).
        InvalidLength: empty, or over :data:`MAX_DESCRIPTION_LENGTH` (``.length``).

    Examples:
        >>> description("  Street light out.\r\n  Since Friday. ")
        'Street light out.\nSince Friday.'
    """
    if not isinstance(value, str):
        raise _DESCRIPTION.error(
            InvalidFormat, "format", "The description must be text.", "يجب أن يكون الوصف نصًا."
        )
    if len(value) > 4 * MAX_DESCRIPTION_LENGTH:  # a huge paste costs nothing to refuse
        raise _too_long()
    lines: list[str] = []
    for line in value.splitlines():
        if line.translate(INVISIBLE_IN_CODES).strip():
            lines.append(clean_text(line, label=_DESCRIPTION, max_length=MAX_DESCRIPTION_LENGTH))
        elif lines and lines[-1]:
            lines.append("")
    text = "\n".join(lines).strip("\n")
    if not text:
        raise _DESCRIPTION.error(
            InvalidLength, "length", "The description is empty.", "الوصف فارغ."
        )
    if len(text) > MAX_DESCRIPTION_LENGTH:
        raise _too_long()
    return text


def _too_long() -> InvalidLength:
    return _DESCRIPTION.error(
        InvalidLength,
        "length",
        f"The description must not exceed {MAX_DESCRIPTION_LENGTH} characters.",
        f"يجب ألا يتجاوز الوصف {MAX_DESCRIPTION_LENGTH} حرف.",
    )


def attachments(values: Iterable[object]) -> tuple[str, ...]:
    """Return attachment references checked, duplicates dropped, order kept; or raise.

    An attachment is referenced, never embedded: an ``http``/``https`` URL with a host
    and no user name or password in it, or an opaque file-store reference (letters,
    digits and ``. _ / -``, no ``..``).

    Raises:
        InvalidFormat: anything else (``complaint.attachment.format``).
        InvalidLength: more than :data:`MAX_ATTACHMENTS` (``complaint.attachment.count``).

    Examples:
        >>> attachments(["javascript:alert(1)"])
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: An attachment must be an http(s) URL or a \
file-store reference.
    """
    items = (values,) if isinstance(values, str) else values
    try:
        seen = dict.fromkeys(_attachment(item) for item in items)
    except TypeError:
        raise _bad_attachment() from None
    if len(seen) > MAX_ATTACHMENTS:
        raise InvalidLength(
            f"A complaint may reference at most {MAX_ATTACHMENTS} attachments.",
            f"لا يجوز أن يحتوي البلاغ على أكثر من {MAX_ATTACHMENTS} مرفقات.",
            code="complaint.attachment.count",
            field="attachments",
        )
    return tuple(seen)


def _attachment(value: object) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ATTACHMENT_LENGTH:
        raise _bad_attachment()
    if "://" not in value:
        if _REFERENCE_RE.match(value) and ".." not in value:
            return value
        raise _bad_attachment()
    if _UNSAFE_IN_URL.search(value):
        raise _bad_attachment()
    try:
        parts = urlsplit(value)
        host, port_ok = parts.hostname, parts.port is None or parts.port > 0
    except ValueError:  # a malformed IPv6 host or port
        raise _bad_attachment() from None
    if parts.scheme.lower() not in _URL_SCHEMES or not host or not port_ok:
        raise _bad_attachment()
    if parts.username is not None or parts.password is not None:
        raise _bad_attachment()  # credentials in a URL end up in logs and exports
    return value


def _bad_attachment() -> InvalidFormat:
    return InvalidFormat(
        "An attachment must be an http(s) URL or a file-store reference.",
        "يجب أن يكون المرفق رابط http(s) أو مرجعًا في مخزن الملفات.",
        code="complaint.attachment.format",
        field="attachments",
    )


def rating(value: object) -> int:
    """Return ``value`` if it is a whole number from 1 to 5 (or its text), else raise.

    Raises:
        InvalidComponent: code ``complaint.rating``.

    Examples:
        >>> rating("٤"), rating(5)
        (4, 5)
    """
    if isinstance(value, str):
        text = value.translate(DIGITS_TO_ASCII).strip()
        value = int(text) if text.isascii() and text.isdigit() and len(text) == 1 else None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidComponent(
            "The rating must be a whole number from 1 to 5.",
            "يجب أن يكون التقييم عددًا صحيحًا من 1 إلى 5.",
            code="complaint.rating",
            field="rating",
        )
    return value


def rating_comment(value: object) -> str:
    """Return a rating comment tidied (whitespace collapsed), or raise.

    Raises:
        InvalidFormat: not text, or control or bidi-override characters
            (``complaint.rating_comment.*``).
        InvalidLength: empty or over :data:`MAX_RATING_COMMENT_LENGTH`.

    Examples:
        >>> rating_comment("  Quick   and polite ")
        'Quick and polite'
    """
    return clean_text(value, label=_COMMENT, max_length=MAX_RATING_COMMENT_LENGTH)
