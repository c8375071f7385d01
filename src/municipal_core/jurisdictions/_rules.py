"""Effective-dated rule values with their sources: the data every fee and period comes from."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from municipal_core.dates import require_date
from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound

__all__ = ["Confidence", "RuleBook", "RuleScalar", "RuleValue"]

RuleScalar = Decimal | int | str | bool
"""What a rule value may be: a rate or amount (Decimal), a count, a code, or a flag."""


class Confidence(str, enum.Enum):
    """How sure we are of a rule, as DOMAIN.md marks it."""

    CONFIRMED = "C"
    """Confirmed by an official or primary source."""
    WEAK = "W"
    """From a secondary source."""
    ASSUMPTION = "A"
    """Taken from the seed documents alone; keep it configurable."""


def _check_value(_instance: object, _attribute: object, value: Any) -> None:
    # A float rate would reintroduce binary rounding into money; refuse it at the door.
    if (
        isinstance(value, float)
        or not isinstance(value, (Decimal, int, str, bool))
        or (isinstance(value, Decimal) and not value.is_finite())
    ):
        raise InvalidFormat(
            "A rule value must be a Decimal, an integer, a text or a flag (never a float).",
            "يجب أن تكون قيمة القاعدة عددًا عشريًا دقيقًا أو عددًا صحيحًا أو نصًا أو قيمة منطقية.",
            code="jurisdiction.rule.value",
            field="value",
        )


def _check_name(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise InvalidFormat(
            "A rule name is a short non-empty text such as 'vat.standard_rate'.",
            "اسم القاعدة نص قصير غير فارغ مثل 'vat.standard_rate'.",
            code="jurisdiction.rule.name",
            field="name",
        )


def _optional_date(value: Any) -> dt.date | None:
    return None if value is None else require_date(value, "effective_date")


def _check_dates(instance: RuleValue, _attribute: object, value: dt.date | None) -> None:
    if (
        value is not None
        and instance.effective_from is not None
        and value < instance.effective_from
    ):
        raise InvalidComponent(
            "A rule cannot stop applying before it starts.",
            "لا يمكن أن ينتهي سريان القاعدة قبل بدايته.",
            code="jurisdiction.rule.dates",
            field="effective_to",
        )


@attrs.frozen
class RuleValue:
    """One version of a named rule, in force from ``effective_from`` to ``effective_to``.

    Both ends are inclusive; ``None`` means "since always" / "until further notice".

    >>> from decimal import Decimal
    >>> r = RuleValue("vat.standard_rate", Decimal("0.05"), dt.date(2021, 4, 16),
    ...               source="Oman VAT law (RD 121/2020)")
    >>> r.applies_on(dt.date(2021, 4, 15)), r.applies_on(dt.date(2026, 1, 1))
    (False, True)
    """

    name: str = attrs.field(validator=_check_name)
    value: RuleScalar = attrs.field(validator=_check_value)
    effective_from: dt.date | None = attrs.field(default=None, converter=_optional_date)
    effective_to: dt.date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_dates
    )
    source: str = ""
    confidence: Confidence = Confidence.CONFIRMED

    def applies_on(self, on: dt.date) -> bool:
        """Return whether this version is in force on ``on`` (a date, not a datetime)."""
        on = require_date(on, "on")
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_to is None or on <= self.effective_to
        )


def _overlap(a: RuleValue, b: RuleValue) -> bool:
    a_from = a.effective_from or dt.date.min
    b_from = b.effective_from or dt.date.min
    a_to = a.effective_to or dt.date.max
    b_to = b.effective_to or dt.date.max
    return a_from <= b_to and b_from <= a_to


def _check_no_overlap(_instance: object, _attribute: object, values: tuple[RuleValue, ...]) -> None:
    by_name: dict[str, list[RuleValue]] = {}
    for value in values:
        for other in by_name.get(value.name, ()):
            if _overlap(value, other):
                raise InvalidComponent(
                    f"Two versions of the rule {value.name!r} are in force on the same day.",
                    f"يسري إصداران من القاعدة {value.name!r} في اليوم نفسه.",
                    code="jurisdiction.rule.overlap",
                    field=value.name,
                )
        by_name.setdefault(value.name, []).append(value)


def _sorted_values(values: Iterable[RuleValue]) -> tuple[RuleValue, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]  # refused just below, typed
    items = tuple(values)
    if not all(isinstance(r, RuleValue) for r in items):
        raise InvalidFormat(
            "A rule book holds RuleValue entries only.",
            "لا يحتوي دفتر القواعد إلا على عناصر من نوع RuleValue.",
            code="jurisdiction.rule.entry",
            field="values",
        )
    return tuple(sorted(items, key=lambda r: (r.name, r.effective_from or dt.date.min)))


@attrs.frozen
class RuleBook:
    """The effective-dated rule values of one jurisdiction.

    Versions of one rule never overlap, so exactly one (or none) is in force on any day.

    >>> from decimal import Decimal
    >>> book = RuleBook((
    ...     RuleValue("vat.standard_rate", Decimal("0.05"), dt.date(2018, 1, 1),
    ...               dt.date(2020, 6, 30)),
    ...     RuleValue("vat.standard_rate", Decimal("0.15"), dt.date(2020, 7, 1)),
    ... ))
    >>> book.value("vat.standard_rate", dt.date(2020, 6, 30))
    Decimal('0.05')
    >>> book.value("vat.standard_rate", dt.date(2020, 7, 1))
    Decimal('0.15')
    """

    values: tuple[RuleValue, ...] = attrs.field(
        default=(), converter=_sorted_values, validator=_check_no_overlap
    )

    def names(self) -> tuple[str, ...]:
        """Return the sorted names of all rules in the book."""
        return tuple(sorted({r.name for r in self.values}))

    def history(self, name: str) -> tuple[RuleValue, ...]:
        """Return every version of rule ``name``, oldest first."""
        return tuple(r for r in self.values if r.name == name)

    def get(self, name: str, on: dt.date) -> RuleValue:
        """Return the version of rule ``name`` in force on ``on``.

        Raises:
            NotFound: the rule is unknown or no version is in force on that day.
        """
        on = require_date(on, "on")
        for rule in self.values:
            if rule.name == name and rule.applies_on(on):
                return rule
        if any(r.name == name for r in self.values):
            raise NotFound(
                f"The rule {name!r} is not in force on {on.isoformat()}.",
                f"القاعدة {name!r} غير سارية في {on.isoformat()}.",
                code="jurisdiction.rule.not_in_force",
                field=name,
            )
        raise NotFound(
            f"There is no rule named {name!r}.",
            f"لا توجد قاعدة باسم {name!r}.",
            code="jurisdiction.rule.unknown",
            field=name,
        )

    def value(self, name: str, on: dt.date) -> RuleScalar:
        """Return the value of rule ``name`` in force on ``on`` (see :meth:`get`)."""
        return self.get(name, on).value

    def decimal(self, name: str, on: dt.date) -> Decimal:
        """Return a numeric rule's value as a Decimal, for rates and amounts."""
        value = self.value(name, on)
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise InvalidFormat(
                f"The rule {name!r} is not a number.",
                f"القاعدة {name!r} ليست رقمًا.",
                code="jurisdiction.rule.not_numeric",
                field=name,
            )
        return Decimal(value)

    def with_value(
        self,
        name: str,
        value: RuleScalar,
        effective_from: dt.date,
        *,
        source: str = "",
        confidence: Confidence = Confidence.CONFIRMED,
    ) -> RuleBook:
        """Return a new book where ``value`` applies to ``name`` from ``effective_from`` on.

        The version in force the day before (if open-ended or reaching past that day) is
        closed the day before; later versions are dropped, as a new decree supersedes them.
        This is how a host app records a changed fee without losing the old one.

        Examples:
            >>> from decimal import Decimal
            >>> book = RuleBook().with_value("fee", Decimal("5"), dt.date(2020, 1, 1))
            >>> book = book.with_value("fee", Decimal("3"), dt.date(2021, 1, 1))
            >>> [(str(r.value), r.effective_to) for r in book.history("fee")]
            [('5', datetime.date(2020, 12, 31)), ('3', None)]
        """
        effective_from = require_date(effective_from, "effective_from")
        # From the first representable day on, the new value supersedes every version.
        day_before = (
            effective_from - dt.timedelta(days=1) if effective_from > dt.date.min else None
        )
        kept: list[RuleValue] = []
        for rule in self.values:
            if rule.name != name:
                kept.append(rule)
            elif day_before is None or (
                rule.effective_from is not None and rule.effective_from >= effective_from
            ):
                continue
            elif rule.effective_to is None or rule.effective_to > day_before:
                kept.append(attrs.evolve(rule, effective_to=day_before))
            else:
                kept.append(rule)
        kept.append(
            RuleValue(name, value, effective_from, None, source=source, confidence=confidence)
        )
        return RuleBook(tuple(kept))
