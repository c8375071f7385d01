"""Turning loosely typed input into the library's own types, with typed errors.

Private and at the bottom of the import graph. Form fields and JSON deliver enum values as
plain strings (``"citizen"``), so every ``kind=``-style argument goes through here.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from municipal_core.errors import InvalidComponent

__all__ = ["to_enum"]

E = TypeVar("E", bound=enum.Enum)


def to_enum(cls: type[E], value: object, *, code: str, field: str) -> E:
    """Return the member of ``cls`` that ``value`` is or names, else ``InvalidComponent``.

    >>> class Colour(str, enum.Enum):
    ...     RED = "red"
    >>> to_enum(Colour, "red", code="c", field="f")
    <Colour.RED: 'red'>
    >>> to_enum(Colour, "blue", code="c", field="f")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The value must be one of: red.
    """
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(member.value) for member in cls)
        raise InvalidComponent(
            f"The value must be one of: {allowed}.",
            f"يجب أن تكون القيمة إحدى القيم: {allowed}.",
            code=code,
            field=field,
        ) from None
