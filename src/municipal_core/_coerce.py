"""Turning loosely typed input into the library's own types, with typed errors.

Private and at the bottom of the import graph. Form fields and JSON deliver enum values as
plain strings (``"citizen"``), so every ``kind=``-style argument goes through here; the
aware-datetime and instance checks every package's models share live here too.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar

from municipal_core.errors import InvalidComponent, InvalidFormat

__all__ = ["Validator", "aware", "require_aware", "require_instance", "to_enum"]

Validator = Callable[[Any, Any, Any], None]
"""An attrs validator: ``(instance, attribute, value) -> None``, raising a typed error."""

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


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


def require_aware(value: object, *, field: str, code: str) -> dt.datetime:
    """Return ``value`` if it is a timezone-aware datetime, else ``InvalidFormat``.

    The error's code is ``{code}.datetime``.

    Examples:
        >>> require_aware(dt.datetime(2026, 1, 1), field="at", code="accounts.otp")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: at must be a timezone-aware datetime.
    """
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidFormat(
            f"{field} must be a timezone-aware datetime.",
            f"يجب أن يكون {field} تاريخًا ووقتًا مع المنطقة الزمنية.",
            code=f"{code}.datetime",
            field=field,
        )
    return value


def aware(code: str, *, optional: bool = False) -> Validator:
    """Return an attrs validator: an aware datetime (or ``None`` when ``optional``).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Stamp:
        ...     at: dt.datetime = attrs.field(validator=aware("stamp"))
        >>> Stamp(dt.datetime(2026, 1, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: at must be a timezone-aware datetime.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        require_aware(value, field=attribute.name, code=code)

    return check


def require_instance(value: object, cls: type[T], *, field: str, code: str) -> T:
    """Return ``value`` if it is a ``cls``, else ``InvalidFormat`` (``{code}.type``).

    Examples:
        >>> require_instance("policy", dt.timedelta, field="ttl", code="accounts.otp")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A timedelta is required for ttl.
    """
    if not isinstance(value, cls):
        raise InvalidFormat(
            f"A {cls.__name__} is required for {field}.",
            f"يلزم كائن من نوع {cls.__name__} للحقل {field}.",
            code=f"{code}.type",
            field=field,
        )
    return value
