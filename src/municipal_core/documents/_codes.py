"""Verification codes: a signed, compact text printed as a QR code on a document.

A code says which document it vouches for -- kind, reference number, date of issue -- and
carries a keyed signature (HMAC-SHA256, truncated to 80 bits) over exactly those bytes,
so anyone holding the municipality's key can tell a genuine code from an edited or
invented one, offline. The layout, dot-separated::

    MC1.<key id>.<KIND>.<YYYYMMDD>.<reference>.<signature>

``MC1`` is the format version; the key id names the key (keys rotate: old documents keep
verifying while their key is kept); the kind is the printable's value upper-cased with
``-`` for ``_``; the signature is 16 base32 characters (exactly 10 bytes, so every
character carries signature bits and no padding exists to be altered). With an upper-case
reference the whole code uses the QR alphanumeric alphabet, which segno then encodes in
alphanumeric mode: a typical code fits a version 4 symbol (33 x 33 modules) at error
correction level M.

Signatures are compared with :func:`hmac.compare_digest` (constant time). segno is
imported only when a matrix is asked for, so importing this module stays cheap.

Examples:
    >>> import datetime as dt
    >>> signer = DocumentSigner(b"0123456789abcdef0123456789abcdef", "K1")
    >>> signer
    DocumentSigner(key_id='K1')
    >>> code = document_code("SOH-LSE-2026-000123", "lease_contract", dt.date(2026, 11, 22),
    ...                      signer=signer)
    >>> code
    'MC1.K1.LEASE-CONTRACT.20261122.SOH-LSE-2026-000123.6AIVPRUZIRPTRA7Z'
    >>> verify_document_code(code, signer).reference
    'SOH-LSE-2026-000123'
    >>> verify_document_code(code.replace("000123", "000124"), signer)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidChecksum: The verification code's signature does not match.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any, Final

import attrs

from municipal_core._checks import SECRET, invalid_type, type_of
from municipal_core.dates import require_date
from municipal_core.errors import InvalidChecksum, InvalidFormat, InvalidLength, NotFound

__all__ = [
    "CODE_VERSION",
    "MAX_CODE_LENGTH",
    "MIN_KEY_BYTES",
    "DocumentSigner",
    "VerifiedDocument",
    "document_code",
    "qr_matrix",
    "verify_document_code",
]

CODE_VERSION: Final = "MC1"
"""The first field of every code this module writes."""

MAX_CODE_LENGTH: Final = 200
"""Longest text :func:`verify_document_code` and :func:`qr_matrix` look at."""

MIN_KEY_BYTES: Final = 16
"""Shortest signing key accepted (128 bits); :meth:`DocumentSigner.generate` makes 32."""

_SIGNATURE_BYTES = 10  # 80 bits: a multiple of 5 and of 8, so base32 has no padding
_CODE = "documents.code"
_KEY_ID = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}", re.ASCII)
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)
_KIND_IN_CODE = re.compile(r"[A-Z][A-Z0-9-]{0,39}", re.ASCII)
_REFERENCE = re.compile(r"[\x21-\x7e]{1,64}", re.ASCII)
_DATE = re.compile(r"[0-9]{8}", re.ASCII)
_SIGNATURE = re.compile(r"[A-Z2-7]{16}", re.ASCII)


def _check_key(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, bytes):
        raise InvalidFormat(
            "A signing key must be bytes.",
            "يجب أن يكون مفتاح التوقيع من نوع bytes.",
            code="documents.signer.key",
            field="key",
        )
    if len(value) < MIN_KEY_BYTES:
        raise InvalidLength(
            f"A signing key must be at least {MIN_KEY_BYTES} bytes long.",
            f"يجب ألا يقل طول مفتاح التوقيع عن {MIN_KEY_BYTES} بايت.",
            code="documents.signer.key",
            field="key",
        )


def _check_key_id(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not _KEY_ID.fullmatch(value):
        raise InvalidFormat(
            "A key id is 1 to 16 upper-case letters, digits or hyphens.",
            "معرّف المفتاح من 1 إلى 16 حرفًا لاتينيًا كبيرًا أو رقمًا أو شرطة.",
            code="documents.signer.key_id",
            field="key_id",
        )


@attrs.frozen
class DocumentSigner:
    """A municipality's secret key for signing verification codes, and the key's id.

    The key never appears in the repr. Keep keys in a secret store; verify with a
    mapping of every key id still honoured to its key.

    Attributes:
        key: the secret, at least :data:`MIN_KEY_BYTES` bytes.
        key_id: 1-16 upper-case letters, digits or hyphens, printed in every code.

    Raises:
        InvalidFormat: the key is not bytes or the key id is malformed.
        InvalidLength: the key is too short.

    Examples:
        >>> DocumentSigner(b"short", "K1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidLength: A signing key must be at least 16 bytes long.
    """

    # Marked secret: the converter refuses to write a signer (and so its key) to JSON.
    key: bytes = attrs.field(repr=False, validator=_check_key, metadata={SECRET: True})
    key_id: str = attrs.field(validator=_check_key_id)

    @classmethod
    def generate(cls, key_id: str) -> DocumentSigner:
        """Return a signer with a fresh random 32-byte key from :mod:`secrets`.

        Examples:
            >>> len(DocumentSigner.generate("K2").key)
            32
        """
        return cls(secrets.token_bytes(32), key_id)

    def sign(self, payload: str) -> str:
        """Return the 16-character base32 signature of an ASCII ``payload``.

        Examples:
            >>> len(DocumentSigner(b"k" * 32, "K1").sign("MC1.K1.RECEIPT.20260101.R-1"))
            16
        """
        digest = hmac.new(self.key, payload.encode("ascii"), hashlib.sha256).digest()
        return base64.b32encode(digest[:_SIGNATURE_BYTES]).decode("ascii")


@attrs.frozen
class VerifiedDocument:
    """What a genuine verification code vouches for.

    Attributes:
        reference: the document's reference number.
        kind: the printable's kind (``"lease_contract"``).
        issued_on: the date of issue.
        key_id: the id of the key that signed it.

    Examples:
        >>> VerifiedDocument("R-1", "receipt", dt.date(2026, 1, 1), "K1").kind
        'receipt'
    """

    reference: str = attrs.field(validator=type_of(str, _CODE))
    kind: str = attrs.field(validator=type_of(str, _CODE))
    issued_on: dt.date = attrs.field(validator=type_of(dt.date, _CODE))
    key_id: str = attrs.field(validator=type_of(str, _CODE))


def document_code(reference: str, kind: str, issued_on: dt.date, *, signer: DocumentSigner) -> str:
    """Return the signed verification code of a document.

    Args:
        reference: the reference number, 1-64 printable ASCII characters, no spaces.
        kind: the printable's kind: lower-case letters, digits and ``_`` (a
            ``licensing.Printable`` works, being a ``str`` enum).
        issued_on: the date of issue.
        signer: the key to sign with.

    Raises:
        InvalidFormat: a malformed reference, kind or date, or no signer
            (codes ``documents.code.reference``, ``documents.code.kind``, ``dates.type``,
            ``documents.code.type``).

    Examples:
        >>> signer = DocumentSigner(b"k" * 32, "K1")
        >>> document_code("R 1", "receipt", dt.date(2026, 1, 1), signer=signer)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A reference in a verification code ...
    """
    if not isinstance(signer, DocumentSigner):
        raise invalid_type("signer", _CODE)
    if not isinstance(reference, str) or not _REFERENCE.fullmatch(reference):
        raise InvalidFormat(
            "A reference in a verification code is 1 to 64 printable ASCII characters "
            "without spaces.",
            "يجب أن يكون الرقم المرجعي في رمز التحقق من 1 إلى 64 حرفًا لاتينيًا بلا مسافات.",
            code=f"{_CODE}.reference",
            field="reference",
        )
    kind_text = kind.value if isinstance(kind, enum.Enum) else kind
    if not isinstance(kind_text, str) or not _KIND.fullmatch(kind_text):
        raise InvalidFormat(
            "A document kind is lower-case letters, digits and underscores.",
            "نوع المستند حروف لاتينية صغيرة وأرقام وشرطات سفلية.",
            code=f"{_CODE}.kind",
            field="kind",
        )
    day = require_date(issued_on, "issued_on")
    payload = ".".join(
        (
            CODE_VERSION,
            signer.key_id,
            kind_text.upper().replace("_", "-"),
            f"{day.year:04d}{day.month:02d}{day.day:02d}",
            reference,
        )
    )
    return f"{payload}.{signer.sign(payload)}"


def verify_document_code(code: str, keys: Mapping[str, bytes] | DocumentSigner) -> VerifiedDocument:
    """Return what ``code`` vouches for, if its signature is genuine; else raise.

    Args:
        code: the text read from the QR code (or typed from under it).
        keys: the key ids still honoured and their keys, or a single signer.

    Raises:
        InvalidFormat: not a code of this format (``documents.code.format``), or
            ``keys`` is neither a mapping nor a signer (``documents.code.type``).
        NotFound: the code names a key id not in ``keys`` (``documents.code.key``).
        InvalidChecksum: the signature does not match: the code was altered or forged
            (``documents.code.signature``).

    Examples:
        >>> verify_document_code("not a code", {})
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: This is not a valid verification code.
    """
    payload, signature, key_id, kind, day, reference = _parse(code)
    signer = _signer_for(key_id, keys)
    if not hmac.compare_digest(signer.sign(payload), signature):
        raise InvalidChecksum(
            "The verification code's signature does not match.",
            "توقيع رمز التحقق غير مطابق؛ قد يكون المستند معدّلًا أو مزوّرًا.",
            code=f"{_CODE}.signature",
            field="code",
        )
    return VerifiedDocument(reference, kind, day, key_id)


def _parse(code: object) -> tuple[str, str, str, str, dt.date, str]:
    """Split a code into payload, signature and fields, or raise the format error."""
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH or not code.isascii():
        raise _format_error()
    version, _, rest = code.partition(".")
    key_id, _, rest = rest.partition(".")
    kind, _, rest = rest.partition(".")
    day, _, rest = rest.partition(".")
    reference, _, signature = rest.rpartition(".")
    if not (
        version == CODE_VERSION
        and _KEY_ID.fullmatch(key_id)
        and _KIND_IN_CODE.fullmatch(kind)
        and _DATE.fullmatch(day)
        and _REFERENCE.fullmatch(reference)
        and _SIGNATURE.fullmatch(signature)
    ):
        raise _format_error()
    try:
        issued_on = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise _format_error() from None
    payload = code[: -len(signature) - 1]
    return payload, signature, key_id, kind.lower().replace("-", "_"), issued_on, reference


def _signer_for(key_id: str, keys: object) -> DocumentSigner:
    if isinstance(keys, DocumentSigner):
        key = keys.key if keys.key_id == key_id else None
    elif isinstance(keys, Mapping):
        key = keys.get(key_id)
    else:
        raise invalid_type("keys", _CODE)
    if key is None:
        raise NotFound(
            "The verification code was signed with a key that is not known here.",
            "رمز التحقق موقّع بمفتاح غير معروف.",
            code=f"{_CODE}.key",
            field="code",
        )
    return DocumentSigner(key, key_id)


def _format_error() -> InvalidFormat:
    return InvalidFormat(
        "This is not a valid verification code.",
        "هذا ليس رمز تحقق صالحًا.",
        code=f"{_CODE}.format",
        field="code",
    )


def qr_matrix(code: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR code of ``code`` as rows of modules, ``True`` for dark.

    Error correction level M (15 % of the symbol may be damaged), the smallest version
    that fits, no quiet zone: leave four light modules around it when drawing. The
    renderer draws each dark module as a filled square, so no image library is needed.

    Raises:
        InvalidFormat: ``code`` is not text, is empty or is longer than
            :data:`MAX_CODE_LENGTH` (``documents.qr.text``).

    Examples:
        >>> matrix = qr_matrix("MC1.K1.RECEIPT.20260101.R-1.AAAAAAAAAAAAAAAA")
        >>> len(matrix), len(matrix[0]), matrix[0][:8]
        (29, 29, (True, True, True, True, True, True, True, False))
    """
    if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH:
        raise InvalidFormat(
            f"A QR code needs 1 to {MAX_CODE_LENGTH} characters of text.",
            f"يحتاج رمز QR إلى نص من 1 إلى {MAX_CODE_LENGTH} حرفًا.",
            code="documents.qr.text",
            field="code",
        )
    return _matrix(code)


@functools.lru_cache(maxsize=512)
def _matrix(code: str) -> tuple[tuple[bool, ...], ...]:
    # About 5 ms, nearly all of it segno choosing the most readable of the eight mask
    # patterns (a fixed mask would take 1 ms but may leave finder-like patterns that
    # confuse scanners, and ISO/IEC 18004 asks for the evaluation). Cached, because a
    # batch re-renders the same code (reprints, reference-PDF tests); the result is an
    # immutable tuple, so sharing it is safe. 200 characters at level M always fit (a
    # version 40-M symbol holds 2331 bytes), so segno never overflows here.
    import segno  # lazy: importing the documents package must not load segno

    qr: Any = segno.make_qr(code, error="m", boost_error=False)
    # ``matrix`` holds the modules without the quiet zone, one bytearray per row.
    return tuple(tuple(map(bool, row)) for row in qr.matrix)
