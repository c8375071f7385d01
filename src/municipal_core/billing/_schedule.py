"""A fee schedule: the rules of one currency, indexed to pick the version in force.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.billing import FeeKind, FeeRule
    >>> from municipal_core.money import Money
    >>> def shop(version, amount, start, end=None, usage="*"):
    ...     return FeeRule(code="shop", version=version, kind=FeeKind.FLAT, name_en="Shop",
    ...                    name_ar="محل", amount=Money(amount, "SAR"), source="test",
    ...                    criteria={"usage": usage}, effective_from=start, effective_to=end)
    >>> schedule = FeeSchedule("SAR", (
    ...     shop(1, 100, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ...     shop(2, 120, dt.date(2025, 1, 1)),
    ...     shop(1, 300, dt.date(2024, 1, 1), usage="food"),
    ... ))
    >>> schedule.rule_for("shop", dt.date(2024, 6, 1), {"usage": "retail"}).version
    1
    >>> schedule.rule_for("shop", dt.date(2025, 6, 1), {"usage": "retail"}).amount
    Money('120.00', 'SAR')
    >>> schedule.rule_for("shop", dt.date(2025, 6, 1), {"usage": "food"}).amount
    Money('300.00', 'SAR')
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from municipal_core import _checks
from municipal_core.billing._lines import LineItem, new_line
from municipal_core.billing._penalties import LatePenalty, RebateWindow
from municipal_core.billing._rules import WILDCARD, FeeKind, FeeRule
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidComponent,
    NotFound,
)
from municipal_core.money import Currency, Money, get_currency

__all__ = ["FeeSchedule"]

_CODE = "billing.schedule"

# Per rule: first and last day in force (open ends made concrete, so the hot path
# compares without None checks), the criteria that must equal the request's (wildcards
# dropped), the rule, and -- for a rule whose line never depends on the request (a flat
# fee, not per year) -- that line and its amount, built once here instead of per call.
_Entry = tuple[
    dt.date, dt.date, tuple[tuple[str, str], ...], FeeRule, "tuple[LineItem, Decimal] | None"
]


def _fixed_line(rule: FeeRule) -> tuple[LineItem, Decimal] | None:
    flat = rule.amount
    if rule.kind is not FeeKind.FLAT or rule.per_year or flat is None:
        return None
    value = rule.value_for()
    amount = flat if value is flat.amount else Money(value, flat.currency)
    line = new_line(
        rule.code, rule.tax_head, amount, rule.name_en, rule.name_ar, rule.version,
        None, None, None, 1,
    )  # fmt: skip
    return line, value


def _to_currency(value: Any) -> Currency:
    if isinstance(value, str):
        return get_currency(value)
    if not isinstance(value, Currency):
        raise _checks.invalid_type("currency", _CODE)
    return value


def _to_rules(value: Iterable[FeeRule]) -> tuple[FeeRule, ...]:
    rules = tuple(value)
    if not all(isinstance(r, FeeRule) for r in rules):
        raise _checks.invalid_type("rules", _CODE)
    return tuple(sorted(rules, key=lambda r: (r.code, r.criteria, r.effective_from or dt.date.min)))


def _overlap(a: FeeRule, b: FeeRule) -> bool:
    return (a.effective_from or dt.date.min) <= (b.effective_to or dt.date.max) and (
        b.effective_from or dt.date.min
    ) <= (a.effective_to or dt.date.max)


def _check_versions(rules: tuple[FeeRule, ...]) -> None:
    # Rules arrive sorted by (code, criteria, start): neighbours of one code and criteria
    # are consecutive versions, which must not overlap and must count upwards.
    for earlier, later in itertools.pairwise(rules):
        if (earlier.code, earlier.criteria) != (later.code, later.criteria):
            continue
        if _overlap(earlier, later):
            raise InvalidComponent(
                f"Two versions of the fee {later.code!r} for the same criteria are in force "
                "on the same day.",
                f"يسري إصداران من الرسم {later.code!r} للمعايير نفسها في اليوم نفسه.",
                code=f"{_CODE}.overlap",
                field="rules",
            )
        if later.version <= earlier.version:
            raise InvalidComponent(
                f"A later version of the fee {later.code!r} needs a larger version number.",
                f"يحتاج الإصدار الأحدث من الرسم {later.code!r} إلى رقم إصدار أكبر.",
                code=f"{_CODE}.version_order",
                field="rules",
            )


def _moneys(schedule: FeeSchedule) -> Iterable[Money]:
    for rule in schedule.rules:
        yield from (m for m in (rule.amount, rule.minimum, rule.maximum) if m is not None)
        yield from (b.amount for b in rule.bands if b.amount is not None)
    if schedule.rebate is not None:
        yield from (m for m in (schedule.rebate.minimum, schedule.rebate.maximum) if m is not None)
    if schedule.penalty is not None:
        yield from schedule.penalty.moneys()


@attrs.frozen
class FeeSchedule:
    """The fee rules of one currency, with an optional rebate window and late penalty.

    Built once and reused: construction checks every rule's currency and that versions of
    one fee (same code and criteria) never overlap and number upwards, then indexes the
    rules by code so :meth:`rule_for` costs a few comparisons.

    Attributes:
        currency: the currency of every amount (a Currency or its code).
        rules: the fee rules; any order, kept sorted.
        rebate: the early-payment rebate, if any.
        penalty: the late-payment penalty, if any.
    """

    currency: Currency = attrs.field(converter=_to_currency)
    rules: tuple[FeeRule, ...] = attrs.field(converter=_to_rules)
    rebate: RebateWindow | None = attrs.field(
        default=None, validator=_checks.type_of(RebateWindow, _CODE, optional=True)
    )
    penalty: LatePenalty | None = attrs.field(
        default=None, validator=_checks.type_of(LatePenalty, _CODE, optional=True)
    )
    _index: dict[str, tuple[_Entry, ...]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )
    _simple: dict[str, _Entry] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        for money in _moneys(self):
            if money.currency != self.currency:
                raise CurrencyMismatch(
                    f"A fee schedule in {self.currency.code} holds an amount in "
                    f"{money.currency.code}.",
                    f"جدول رسوم بعملة {self.currency.code} يحتوي على مبلغ بعملة "
                    f"{money.currency.code}.",
                    code=f"{_CODE}.currency",
                    field="rules",
                )
        _check_versions(self.rules)
        index: dict[str, list[_Entry]] = {}
        for rule in self.rules:
            exact = tuple((k, v) for k, v in rule.criteria if v != WILDCARD)
            start = rule.effective_from or dt.date.min
            end = rule.effective_to or dt.date.max
            index.setdefault(rule.code, []).append((start, end, exact, rule, _fixed_line(rule)))
        self._index.update({code: tuple(entries) for code, entries in index.items()})
        # Fees with one version for everyone: the calculation finds these with one dict
        # look-up and a date comparison, without a method call.
        self._simple.update(
            {
                code: entries[0]
                for code, entries in index.items()
                if len(entries) == 1 and not entries[0][2]
            }
        )

    @property
    def minor_unit(self) -> Decimal:
        """The currency's minor unit (``Decimal('0.001')`` for OMR)."""
        return self.currency.minor_unit

    def codes(self) -> tuple[str, ...]:
        """Return the sorted codes of the fees in the schedule."""
        return tuple(sorted(self._index))

    def rule_for(
        self, code: str, on: dt.date, criteria: Mapping[str, str] | None = None
    ) -> FeeRule:
        """Return the version of fee ``code`` in force on ``on`` that best fits ``criteria``.

        A rule fits when each of its criteria equals the request's or is ``"*"``; among
        fitting rules the one with the most exact criteria wins (exact beats wildcard).

        Raises:
            NotFound: no fee ``code`` (``billing.schedule.unknown_code``), or no version in
                force that fits (``billing.schedule.no_rule``).
            DomainRuleError: two rules fit equally well (``billing.schedule.ambiguous``).
        """
        return self.entry(code, on, criteria)[3]

    def entry(self, code: str, on: dt.date, criteria: Mapping[str, str] | None) -> _Entry:
        """Return :meth:`rule_for`'s rule with its index entry (for the calculation)."""
        entries = self._index.get(code)
        if entries is None:
            raise NotFound(
                f"The fee schedule has no fee {code!r}.",
                f"لا يحتوي جدول الرسوم على الرسم {code!r}.",
                code=f"{_CODE}.unknown_code",
                field="code",
            )
        if len(entries) == 1:  # the common case: one version, for everyone
            only = entries[0]
            if not only[2] and only[0] <= on <= only[1]:
                return only
        wanted = criteria or {}
        best: _Entry | None = None
        best_score = -1
        tied = False
        for entry in entries:
            start, end, exact = entry[0], entry[1], entry[2]
            if not start <= on <= end or (exact and any(wanted.get(k) != v for k, v in exact)):
                continue
            score = len(exact)
            if score > best_score:
                best, best_score, tied = entry, score, False
            elif score == best_score:
                tied = True
        if best is None:
            raise NotFound(
                f"No version of the fee {code!r} fits on {on.isoformat()}.",
                f"لا يوجد إصدار من الرسم {code!r} ينطبق في {on.isoformat()}.",
                code=f"{_CODE}.no_rule",
                field="code",
            )
        if tied:
            raise DomainRuleError(
                f"Two versions of the fee {code!r} fit the request equally well.",
                f"ينطبق إصداران من الرسم {code!r} على الطلب بالدرجة نفسها.",
                code=f"{_CODE}.ambiguous",
                field="criteria",
            )
        return best
