"""The construction checks the account policies share, and the policy mixin.

A positive whole number, a flag, a duration and a sorted tuple of aware datetimes, each
raising a typed bilingual error; :class:`RulePolicy` builds a policy from the
jurisdiction's ``accounts.*`` rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from municipal_core._checks import Validator, require_aware, require_instance
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import Jurisdiction

__all__ = [
    "RulePolicy",
    "aware_times",
    "flag",
    "positive_int",
    "to_duration",
    "to_duration_or_zero",
]

_DURATION = "accounts.duration"

# Longest duration any account rule may hold: a 30-day cool-down is already absurd for a
# portal; the cap keeps `at + duration` far from datetime's range limit.
_MAX_DURATION = dt.timedelta(days=366)


def positive_int(code: str, *, minimum: int = 1, maximum: int | None = None) -> Validator:
    """Return an attrs validator: an ``int`` (not ``bool``) in ``[minimum, maximum]``.

    Errors are ``InvalidFormat`` (``{code}.type``) or ``InvalidComponent`` (``{code}.range``).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Box:
        ...     size: int = attrs.field(validator=positive_int("box", maximum=9))
        >>> Box(10)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: size must be between 1 and 9.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidFormat(
                f"{attribute.name} must be a whole number.",
                f"يجب أن تكون قيمة {attribute.name} عددًا صحيحًا.",
                code=f"{code}.type",
                field=attribute.name,
            )
        if value < minimum or (maximum is not None and value > maximum):
            upper = "" if maximum is None else f" and {maximum}"
            upper_ar = "" if maximum is None else f" و{maximum}"
            raise InvalidComponent(
                f"{attribute.name} must be {'between ' if maximum else 'at least '}"
                f"{minimum}{upper}.",
                f"يجب أن تكون قيمة {attribute.name} {'بين ' if maximum else 'على الأقل '}"
                f"{minimum}{upper_ar}.",
                code=f"{code}.range",
                field=attribute.name,
            )

    return check


def flag(code: str) -> Validator:
    """Return an attrs validator: exactly ``True`` or ``False`` (``{code}.type`` otherwise).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Box:
        ...     open: bool = attrs.field(validator=flag("box"))
        >>> Box(1)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: open must be True or False.
    """

    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidFormat(
                f"{attribute.name} must be True or False.",
                f"يجب أن تكون قيمة {attribute.name} صحيحة أو خاطئة.",
                code=f"{code}.type",
                field=attribute.name,
            )

    return check


def to_duration(value: object) -> dt.timedelta:
    """Attrs converter: a positive ``timedelta`` or whole seconds, to a ``timedelta``.

    Whole seconds are accepted because that is how the jurisdiction rules hold durations
    (``accounts.otp.ttl_seconds``). Zero, negative and over-a-year durations are refused
    with ``InvalidComponent`` (``accounts.duration.range``); anything else with
    ``InvalidFormat`` (``accounts.duration.type``).

    Examples:
        >>> to_duration(300)
        datetime.timedelta(seconds=300)
        >>> to_duration(0)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: A duration must be positive and at most a year.
    """
    result = to_duration_or_zero(value)
    if not result:
        raise _bad_duration()
    return result


def to_duration_or_zero(value: object) -> dt.timedelta:
    """Attrs converter: like :func:`to_duration`, but zero is allowed ("no wait").

    Examples:
        >>> to_duration_or_zero(dt.timedelta(0))
        datetime.timedelta(0)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > _MAX_DURATION.total_seconds():
            raise _bad_duration()
        value = dt.timedelta(seconds=value)
    if not isinstance(value, dt.timedelta):
        raise InvalidFormat(
            "A duration must be a timedelta or whole seconds.",
            "يجب أن تكون المدة من نوع timedelta أو عددًا صحيحًا من الثواني.",
            code=f"{_DURATION}.type",
            field="duration",
        )
    if value < dt.timedelta(0) or value > _MAX_DURATION:
        raise _bad_duration()
    return value


def _bad_duration() -> InvalidComponent:
    return InvalidComponent(
        "A duration must be positive and at most a year.",
        "يجب أن تكون المدة موجبة وألا تتجاوز سنة.",
        code=f"{_DURATION}.range",
        field="duration",
    )


P = TypeVar("P", bound="RulePolicy")


class RulePolicy:
    """Mixin for the account policies: built from the jurisdiction's rules, as data.

    A subclass names in :attr:`RULES` the rule each of its fields is read from; its own
    validators then check the values, so a host profile holding an unusable value fails
    with the policy's typed error, naming the field.
    """

    __slots__ = ()

    RULES: ClassVar[Mapping[str, str]] = MappingProxyType({})
    """Field name -> jurisdiction rule name."""

    @classmethod
    def for_jurisdiction(cls: type[P], jurisdiction: Jurisdiction, on: dt.date) -> P:
        """Return the policy in force in ``jurisdiction`` on ``on``.

        Raises:
            NotFound: a rule is missing or not in force on that day.
            ValidationError: a rule holds an unusable value.
        """
        rules = require_instance(
            jurisdiction, Jurisdiction, field="jurisdiction", code="accounts"
        ).rules
        return cls(**{field: rules.value(name, on) for field, name in cls.RULES.items()})


def aware_times(values: object, *, field: str, code: str) -> tuple[dt.datetime, ...]:
    """Return ``values`` as a sorted tuple of aware datetimes, else ``InvalidFormat``.

    Sorted on the way in, so a state loaded from JSON or built after a clock step back
    still has its oldest time first. Errors: ``{code}.{field}`` for something that is not a
    sequence, ``{code}.datetime`` for an item that is not an aware datetime.

    Examples:
        >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        >>> aware_times([t + dt.timedelta(1), t], field="sent_at", code="accounts.otp")[0] == t
        True
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidFormat(
            f"{field} must be a sequence of datetimes.",
            f"يجب أن تكون قيمة {field} قائمة من التواريخ والأوقات.",
            code=f"{code}.{field}",
            field=field,
        )
    return tuple(sorted(require_aware(v, field=field, code=code) for v in values))
