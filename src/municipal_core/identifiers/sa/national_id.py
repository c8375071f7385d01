"""Saudi national ID (citizens) and iqama (residents) numbers.

Both are 10 digits protected by a Luhn (mod 10) check digit over all ten digits. A
national ID starts with ``1``, an iqama with ``2`` (DOMAIN.md §2, [C]). Input may use
Arabic-Indic or Persian digits, spaces and dashes, as people type them.

>>> validate("١٠٠٠ ٠٠٠ ٠٠٨")
'1000000008'
>>> holder_kind("2000000006")
<HolderKind.RESIDENT: 'resident'>
>>> validate("1000000000")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidChecksum: The ID number's check digit does not match.
>>> mask("1000000008")
'******0008'
"""

from __future__ import annotations

import enum
import random

from municipal_core._coerce import to_enum
from municipal_core.errors import InvalidChecksum, InvalidComponent, ValidationError
from municipal_core.identifiers._util import (
    Label,
    clean,
    luhn_check_digit,
    luhn_is_valid,
    mask_tail,
    require_digits,
)

__all__ = [
    "HolderKind",
    "compact",
    "format",
    "generate",
    "holder_kind",
    "is_valid",
    "mask",
    "validate",
]

_LABEL = Label("national_id", "sa.national_id", "ID number", "رقم الهوية")
_CODE, _FIELD = _LABEL.code, _LABEL.field


class HolderKind(str, enum.Enum):
    """Who holds the number: a Saudi citizen (national ID) or a resident (iqama)."""

    CITIZEN = "citizen"
    RESIDENT = "resident"


_FIRST_DIGIT = {"1": HolderKind.CITIZEN, "2": HolderKind.RESIDENT}

# Luhn over 10 digits, taken two at a time: in each pair the left digit is doubled. A
# 100-entry table turns the check into five dict look-ups, which is what makes bulk
# validation several times faster than a generic digit loop (benchmarks/national_id.py).
_PAIR_SUM = {
    f"{a}{b}": (2 * a) // 10 + (2 * a) % 10 + b for a in range(10) for b in range(10)
}


def compact(number: str) -> str:
    """Return the number without separators and with ASCII digits.

    >>> compact(" 1000-000-008 ")
    '1000000008'
    """
    return clean(number, field=_FIELD, code=_CODE)


def validate(number: str, *, holder: HolderKind | str | None = None) -> str:
    """Return the compact number if it is a valid national ID or iqama, else raise.

    Args:
        number: the number as typed.
        holder: if given, also require the number to belong to that kind of holder.

    Raises:
        InvalidFormat: not text, or not digits.
        InvalidLength: not 10 digits.
        InvalidComponent: first digit is not 1 or 2 (or not the requested ``holder``).
        InvalidChecksum: the Luhn check digit does not match.

    >>> validate("2000000006", holder=HolderKind.CITIZEN)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A citizen's national ID must start with 1.
    """
    value = compact(number)
    require_digits(value, (10,), label=_LABEL)
    kind = _FIRST_DIGIT.get(value[0])
    if kind is None:
        raise InvalidComponent(
            "A Saudi ID number must start with 1 (citizen) or 2 (resident).",
            "يجب أن يبدأ رقم الهوية بالرقم 1 (مواطن) أو 2 (مقيم).",
            code=f"{_CODE}.first_digit",
            field=_FIELD,
        )
    if holder is not None and kind is not _holder(holder):
        if _holder(holder) is HolderKind.CITIZEN:
            raise InvalidComponent(
                "A citizen's national ID must start with 1.",
                "يجب أن يبدأ رقم الهوية الوطنية للمواطن بالرقم 1.",
                code=f"{_CODE}.holder",
                field=_FIELD,
            )
        raise InvalidComponent(
            "A resident's iqama number must start with 2.",
            "يجب أن يبدأ رقم الإقامة للمقيم بالرقم 2.",
            code=f"{_CODE}.holder",
            field=_FIELD,
        )
    if not luhn_is_valid(value):
        raise InvalidChecksum(
            "The ID number's check digit does not match.",
            "رقم التحقق في رقم الهوية غير مطابق.",
            code=f"{_CODE}.checksum",
            field=_FIELD,
        )
    return value


def _holder(holder: HolderKind | str) -> HolderKind:
    return to_enum(HolderKind, holder, code=f"{_CODE}.holder_kind", field="holder")


def is_valid(number: str) -> bool:
    """Return whether ``number`` is a valid national ID or iqama.

    >>> is_valid("1000000008"), is_valid("3000000008"), is_valid(None)  # type: ignore[arg-type]
    (True, False, False)
    """
    # Fast path for the common case of ten ASCII digits; anything else takes the full
    # validation, so both paths give the same verdict (tested by a property test).
    if type(number) is str and len(number) == 10 and number.isascii() and number.isdigit():
        t = _PAIR_SUM
        return number[0] in "12" and (
            t[number[0:2]] + t[number[2:4]] + t[number[4:6]] + t[number[6:8]] + t[number[8:10]]
        ) % 10 == 0
    try:
        validate(number)
    except ValidationError:
        return False
    return True


def holder_kind(number: str) -> HolderKind:
    """Return whether a valid number belongs to a citizen or a resident.

    >>> holder_kind("1000000008").value
    'citizen'
    """
    return _FIRST_DIGIT[validate(number)[0]]


def format(number: str) -> str:
    """Return the number as printed on the card: ten digits, no separators.

    >>> format("١٠٠٠٠٠٠٠٠٨")
    '1000000008'
    """
    return validate(number)


def mask(number: str) -> str:
    """Return the number with all but its last four digits hidden, for logs.

    >>> mask("1000000008")
    '******0008'
    """
    return mask_tail(compact(number))


def generate(rng: random.Random, *, holder: HolderKind | None = None) -> str:
    """Return a random valid number, deterministic for a seeded ``rng``.

    >>> value = generate(random.Random(7), holder=HolderKind.RESIDENT)
    >>> value[0], is_valid(value)
    ('2', True)
    """
    kind = holder or rng.choice((HolderKind.CITIZEN, HolderKind.RESIDENT))
    body = ("1" if kind is HolderKind.CITIZEN else "2") + "".join(
        rng.choice("0123456789") for _ in range(8)
    )
    return body + luhn_check_digit(body)
