"""Look-up keys: the numbers a transaction can be found by, in one normalised form.

A person types a number the way it is printed or remembered: ``0501234567``,
``+966 50 123 4567`` or ``٠٥٠١٢٣٤٥٦٧``; ``CR 1010123456`` or ``١٠١٠١٢٣٤٥٦``. A store keeps
and compares one form only, so :func:`normalise_key` turns every spelling into the same
:class:`Key`. Identifier kinds are validated by the jurisdiction's own identifier module
(phone, commercial registration, civil number / national ID, address); reference numbers
(transaction, licence, contract, violation, invoice) become upper-case ``[A-Z0-9/-]``.

Examples:
    >>> normalise_key("phone", "٠٥٠١٢٣٤٥٦٧", jurisdiction="sa-balady")
    Key(kind=<KeyKind.PHONE: 'phone'>, value='*********4567')
    >>> normalise_key("cr", "س.ت: 1010123456", jurisdiction="sa-balady").value
    '1010123456'
    >>> normalise_key("licence", " 42-١٤٤٥ / bld ", jurisdiction="om-sohar").value
    '42-1445/BLD'
    >>> normalise_key("passport", "X1", jurisdiction="om-sohar")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The value must be one of: ...
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import DIGITS_TO_ASCII, INVISIBLE_IN_CODES, mask_tail
from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength
from municipal_core.identifiers import get_module, phone
from municipal_core.identifiers._util import require_text
from municipal_core.jurisdictions import Jurisdiction, resolve

__all__ = [
    "IDENTIFIER_KINDS",
    "MAX_KEY_LENGTH",
    "Key",
    "KeyKind",
    "normalise_key",
    "normalise_reference",
]

_CODE = "registry.key"

MAX_KEY_LENGTH = 40
"""Longest normalised key value; reference numbers longer than this are refused."""


class KeyKind(str, enum.Enum):
    """What a key is: which of the numbers a person can search transactions by."""

    TRANSACTION = "transaction"
    """A transaction's own reference number."""
    CR = "cr"
    """Commercial registration number, or the Saudi unified (700) number."""
    LICENCE = "licence"
    """Licence, permit or certificate number."""
    CONTRACT = "contract"
    """Lease contract number."""
    PHONE = "phone"
    """Phone number, kept in E.164 form."""
    ADDRESS = "address"
    """Oman address (building) number or Saudi short address."""
    CIVIL_ID = "civil_id"
    """Omani civil number, Saudi national ID or iqama number."""
    VIOLATION = "violation"
    """Violation number."""
    INVOICE = "invoice"
    """Invoice number."""


IDENTIFIER_KINDS: Mapping[KeyKind, tuple[str, ...]] = MappingProxyType(
    {
        KeyKind.CR: ("om.commercial_registration", "sa.commercial_registration"),
        KeyKind.CIVIL_ID: ("om.civil_number", "sa.national_id"),
        KeyKind.ADDRESS: ("om.address_number", "sa.short_address"),
    }
)
"""Key kinds validated by an identifier module: the candidate modules, by kind name.

The first candidate listed in the jurisdiction's ``identifier_kinds`` is used, so a
derived profile (another Omani municipality) picks its country's module with no code.
"""

_MASKED = frozenset({KeyKind.PHONE, KeyKind.CIVIL_ID})

# What a normalised value may hold: reference characters, plus "+" for E.164 phones.
_VALUE = re.compile(rf"[A-Z0-9+/-]{{1,{MAX_KEY_LENGTH}}}", re.ASCII)
_REFERENCE = re.compile(rf"[A-Z0-9/-]{{1,{MAX_KEY_LENGTH}}}", re.ASCII)

# Reference numbers: digits to ASCII, invisible copy/paste characters and all whitespace
# dropped (people type "TL 2026 1"), before the upper-casing.
_REFERENCE_TABLE: dict[int, int | None] = {
    **DIGITS_TO_ASCII,
    **INVISIBLE_IN_CODES,
    **dict.fromkeys(map(ord, " \t\n\r\u00a0\u2009\u202f")),
}


def _to_kind(value: object) -> KeyKind:
    return to_enum(KeyKind, value, code=f"{_CODE}.kind", field="kind")


def _mask_value(key: Key) -> str:
    return mask_tail(key.value) if key.kind in _MASKED else key.value


def _check_value(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not _VALUE.fullmatch(value):
        raise InvalidFormat(
            f"A key value must be 1 to {MAX_KEY_LENGTH} characters of A-Z, 0-9, +, / or -.",
            f"يجب أن تتكون قيمة المفتاح من 1 إلى {MAX_KEY_LENGTH} حرفًا من A-Z و0-9 و+ و/ و-.",
            code=f"{_CODE}.value",
            field="value",
        )


@attrs.frozen(repr=False)
class Key:
    """A normalised look-up key; ``repr`` masks phone and civil-ID values.

    Build one with :func:`normalise_key` from what a person typed; the constructor checks
    the shape of an already-normalised value only (as a store loads it).

    Attributes:
        kind: which number this is.
        value: its normalised form (E.164 for a phone, the compact form of an identifier,
            upper-case ``[A-Z0-9/-]`` for a reference number).

    Examples:
        >>> Key("civil_id", "1000000008")
        Key(kind=<KeyKind.CIVIL_ID: 'civil_id'>, value='******0008')
        >>> Key(KeyKind.CR, "cr 1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A key value must be 1 to 40 characters of A-Z, 0-9, +, / or -.
    """  # noqa: E501

    kind: KeyKind = attrs.field(converter=_to_kind)
    value: str = attrs.field(validator=_check_value)

    def __repr__(self) -> str:
        return f"Key(kind={self.kind!r}, value={_mask_value(self)!r})"

    @property
    def sort_key(self) -> tuple[str, str]:
        """The order keys are kept in on a transaction: by kind, then by value.

        Examples:
            >>> Key("cr", "1234567").sort_key
            ('cr', '1234567')
        """
        return (self.kind.value, self.value)


def normalise_reference(raw: object, *, field: str = "reference", code: str = _CODE) -> str:
    """Return a reference number as stored: upper case, ASCII digits, no whitespace.

    Raises:
        InvalidFormat: not text, or a character outside ``[A-Z0-9/-]`` (``{code}.format``).
        InvalidLength: empty, or longer than 40 characters (``{code}.length``).

    Examples:
        >>> normalise_reference(" tl-٢٠٢٦ 000123 ")
        'TL-2026000123'
        >>> normalise_reference("TL_1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A reference number may hold only A-Z, 0-9, / and -.
    """
    text = require_text(raw, field=field, code=code, what_en="reference", what_ar="المرجع")
    value = text.translate(_REFERENCE_TABLE).upper()
    if not value or len(value) > MAX_KEY_LENGTH:
        raise InvalidLength(
            f"A reference number must have 1 to {MAX_KEY_LENGTH} characters.",
            f"يجب أن يتكون الرقم المرجعي من 1 إلى {MAX_KEY_LENGTH} حرفًا.",
            code=f"{code}.length",
            field=field,
        )
    if not _REFERENCE.fullmatch(value):
        raise InvalidFormat(
            "A reference number may hold only A-Z, 0-9, / and -.",
            "يجب ألا يحتوي الرقم المرجعي إلا على A-Z و0-9 و/ و-.",
            code=f"{code}.format",
            field=field,
        )
    return value


def _identifier_module(kind: KeyKind, jurisdiction: Jurisdiction) -> str:
    for name in IDENTIFIER_KINDS[kind]:
        if name in jurisdiction.identifier_kinds:
            return name
    raise InvalidComponent(
        f"Keys of kind {kind.value} are not used in this jurisdiction.",
        f"المفاتيح من نوع {kind.value} غير مستخدمة في هذه الجهة.",
        code=f"{_CODE}.unsupported",
        field="kind",
    )


def normalise_key(kind: KeyKind | str, raw: str, *, jurisdiction: Jurisdiction | str) -> Key:
    """Return the :class:`Key` for a number as a person typed it.

    Args:
        kind: which number it is (a :class:`KeyKind` or its value, ``"phone"``).
        raw: the number as typed: any digits script, spaces, dashes, prefixes.
        jurisdiction: the profile or its code; gives the phone region and identifier
            modules (Omani or Saudi).

    Raises:
        InvalidComponent: an unknown kind (``registry.key.kind``), or a kind this
            jurisdiction does not use (``registry.key.unsupported``).
        NotFound: an unknown jurisdiction code.
        ValidationError: a malformed value; the identifier module's own error (``phone.*``,
            ``sa.cr.*``...) or, for a reference number, ``registry.key.<kind>.*``.

    Examples:
        >>> one = normalise_key("phone", "0501234567", jurisdiction="sa-balady")
        >>> one == normalise_key("phone", "+966 50 123 4567", jurisdiction="sa-balady")
        True
        >>> normalise_key("civil_id", "1000000009", jurisdiction="sa-balady")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidChecksum: The ID number's check digit does not match.
    """
    key_kind = _to_kind(kind)
    profile = resolve(jurisdiction)
    if key_kind is KeyKind.PHONE:
        value = phone.normalize(raw, region=profile.phone_region)
    elif key_kind in IDENTIFIER_KINDS:
        value = get_module(_identifier_module(key_kind, profile)).validate(raw)
    else:
        value = normalise_reference(raw, field=key_kind.value, code=f"{_CODE}.{key_kind.value}")
    return Key(key_kind, value)
