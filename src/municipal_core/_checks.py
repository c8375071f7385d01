"""Construction-time checks shared by the models of every package: typed, bilingual, once.

Private, near the bottom of the import graph (it needs only errors and money). Each
factory returns an attrs validator, so a model says what a field must be in one line and
every breach raises a typed :mod:`municipal_core.errors` error with the caller's code
prefix. Checks run when a value is built (or loaded), never on a calculation hot path.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat
from municipal_core.money import Money

__all__ = [
    "EXACT",
    "MAX_TEXT",
    "SECRET",
    "Validator",
    "aware",
    "date_order",
    "decimal_range",
    "invalid_type",
    "money",
    "require_aware",
    "require_instance",
    "text",
    "type_of",
]

T = TypeVar("T")

MAX_TEXT = 200
"""Longest code, name, unit label, source note or reference a billing model accepts."""

EXACT = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)
"""The one context billing arithmetic runs in: exact (Inexact is trapped), never ambient.

Calling its methods (``EXACT.multiply(a, b)``) costs no more than ``a * b`` and keeps a
host application's ``getcontext()`` out of every amount, as money.py does.
"""

Validator = Callable[[Any, Any, Any], None]


def invalid_type(field: str, code: str) -> InvalidFormat:
    """Return the error for a field given a value of the wrong type."""
    return InvalidFormat(
        f"The value of {field} has the wrong type.",
        f"نوع قيمة {field} غير صحيح.",
        code=f"{code}.type",
        field=field,
    )


def type_of(kind: type | tuple[type, ...], code: str, *, optional: bool = False) -> Validator:
    """Return a validator: the value is an instance of ``kind``.

    Never a bool for int, and never a datetime for date: both are subclasses Python lets
    through, and a datetime compared with a date raises a bare TypeError later on.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if (
            not isinstance(value, kind)
            or (isinstance(value, bool) and kind is int)
            or (isinstance(value, dt.datetime) and kind is dt.date)
        ):
            raise invalid_type(attribute.name, code)

    return check


def text(code: str, *, allow_empty: bool = False) -> Validator:
    """Return a validator: non-empty (unless allowed), trimmed text of at most MAX_TEXT."""

    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, str):
            raise invalid_type(attribute.name, code)
        if (not value and not allow_empty) or value != value.strip() or len(value) > MAX_TEXT:
            raise InvalidFormat(
                f"{attribute.name} must be trimmed text of 1 to {MAX_TEXT} characters.",
                f"يجب أن يكون {attribute.name} نصًا بلا مسافات طرفية من 1 إلى {MAX_TEXT} حرفًا.",
                code=f"{code}.text",
                field=attribute.name,
            )

    return check


def decimal_range(
    code: str,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal | None = None,
    optional: bool = False,
) -> Validator:
    """Return a validator: a finite Decimal (never a float) within ``[minimum, maximum]``."""

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidFormat(
                f"{attribute.name} must be a finite Decimal (never a float).",
                f"يجب أن يكون {attribute.name} عددًا عشريًا دقيقًا (Decimal).",
                code=f"{code}.type",
                field=attribute.name,
            )
        if value < minimum or (maximum is not None and value > maximum):
            upper = "" if maximum is None else f" and at most {maximum}"
            raise InvalidComponent(
                f"{attribute.name} must be at least {minimum}{upper}.",
                f"قيمة {attribute.name} خارج النطاق المسموح.",
                code=f"{code}.range",
                field=attribute.name,
            )

    return check


def money(code: str, *, optional: bool = False, positive: bool = False) -> Validator:
    """Return a validator: Money, not negative (or strictly positive)."""

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, Money):
            raise invalid_type(attribute.name, code)
        if value.is_negative() or (positive and value.is_zero()):
            raise DomainRuleError(
                f"{attribute.name} must be {'positive' if positive else 'zero or more'}.",
                f"يجب أن يكون {attribute.name} {'موجبًا' if positive else 'صفرًا أو أكثر'}.",
                code=f"{code}.amount",
                field=attribute.name,
            )

    return check


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


def date_order(code: str, earlier: str) -> Validator:
    """Return a validator: an optional date not before the field named ``earlier``."""

    def check(instance: object, attribute: Any, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise invalid_type(attribute.name, code)
        start = getattr(instance, earlier)
        if start is not None and value < start:
            raise InvalidComponent(
                f"{attribute.name} cannot be before {earlier}.",
                f"لا يجوز أن يسبق {attribute.name} التاريخ {earlier}.",
                code=f"{code}.dates",
                field=attribute.name,
            )

    return check


SECRET = "municipal_core.secret"
"""attrs field-metadata key marking a secret (``metadata={SECRET: True}``).

:mod:`municipal_core.serialization` refuses to write or read a model holding one.
"""
