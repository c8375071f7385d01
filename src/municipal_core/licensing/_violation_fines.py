"""Fines for violations: the terms a profile sets, and their breakdown through billing.

**The fine** is the recorded base amount x the size factor x the repeat multiplier:

* size factor: the profile's ``violation.size_factor.<size>`` (Saudi: micro 0.25, small
  0.50, medium 0.75, large 1.00); 1 when the size is unknown or the profile has no such
  rule (Oman);
* repeat multiplier: the profile's ``violation.repeat_multiplier`` (Saudi: 2) when the
  violation repeats an earlier one, else 1. It repeats when the inspector recorded
  ``repeat_of``, or when the history holds an earlier, not cancelled violation of the same
  category against the same party (same CR, or same licence number) recorded at most
  ``violation.repeat_window_days`` before (no window rule: any earlier one counts);
* the rules used are those in force on the day the violation was recorded.

**The daily penalty** (Oman: OMR 50 a day for up to 60 days, ``violation.daily_penalty``
and ``violation.daily_penalty_max_days``; none in Saudi Arabia) runs from the day
**after the grace period ends**: the due date is ``recorded_on + grace_days``, paying on
the due date costs nothing extra, paying the day after adds one day's penalty.

Both are worked out by :func:`municipal_core.billing.calculate` from fee rules built here:
the fine is a ``FEE`` line ``violation.<number>.fine`` (a percentage of the base amount),
the penalty a ``PENALTY`` line ``violation.<number>.daily_penalty`` (a rate per day, the
line's quantity being the days counted). Fines are outside VAT. The total is rounded once,
half up, to the currency's minor unit.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.licensing._violations import record_violation
    >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
    ...                      recorded_on=dt.date(2026, 3, 1), cr="CR1234567")
    >>> assess(v, jurisdiction=OM_SOHAR).total
    Money('100.000', 'OMR')
    >>> due = amount_due(v, jurisdiction=OM_SOHAR, on=dt.date(2026, 3, 11))
    >>> [(line.code, line.quantity, line.amount) for line in due.lines]
    [('violation.V-1.fine', Decimal('0'), Money('100.000', 'OMR')),
     ('violation.V-1.daily_penalty', Decimal('10'), Money('500.000', 'OMR'))]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core.billing import (
    FeeBreakdown,
    FeeKind,
    FeeRequest,
    FeeRule,
    FeeSchedule,
    TaxHead,
    calculate,
)
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidComponent
from municipal_core.jurisdictions import Jurisdiction, VatTreatment
from municipal_core.licensing._violations import (
    EstablishmentSize,
    Violation,
    ViolationStatus,
    profile_decimal,
    violation_tuple,
)
from municipal_core.money import Money

__all__ = ["FineTerms", "amount_due", "assess", "fine_terms", "penalty_days"]

_CODE = "licensing.violation"
_ONE = Decimal(1)
_RECORDED_AS_REPEAT = "recorded as a repeat by the inspector"


@attrs.frozen
class FineTerms:
    """What a profile makes of one violation: factors, repeat, due date, daily penalty.

    Attributes:
        violation: the violation's number.
        base_amount: the recorded base fine.
        size_factor: the size scaling applied (1 when none applies).
        repeat_multiplier: the repeat multiplier applied (1 when not a repeat).
        repeat_of: number of the earlier violation that made it a repeat, if any.
        due_on: the last day it can be paid without the daily penalty.
        daily_penalty: the penalty per day unpaid after ``due_on``, if the profile has one.
        max_days: the most days the penalty counts, if limited.
        source: the sources of the profile rules used, for the fee rule's note.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.licensing._violations import record_violation
        >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
        ...                      recorded_on=dt.date(2026, 3, 1), licence_number="L-1")
        >>> terms = fine_terms(v, jurisdiction=OM_SOHAR)
        >>> terms.fine_rate, terms.daily_penalty, terms.max_days
        (Decimal('1'), Money('50.000', 'OMR'), 60)
    """

    violation: str = attrs.field(validator=_checks.text(_CODE))
    base_amount: Money = attrs.field(validator=_checks.money(_CODE, positive=True))
    size_factor: Decimal = attrs.field(validator=_checks.decimal_range(f"{_CODE}.factor"))
    repeat_multiplier: Decimal = attrs.field(
        validator=_checks.decimal_range(f"{_CODE}.factor", minimum=_ONE)
    )
    repeat_of: str | None = attrs.field(validator=_checks.type_of(str, _CODE, optional=True))
    due_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))
    daily_penalty: Money | None = attrs.field(
        default=None, validator=_checks.money(_CODE, optional=True)
    )
    max_days: int | None = attrs.field(
        default=None, validator=_checks.type_of(int, _CODE, optional=True)
    )
    source: str = attrs.field(default="recorded violation", validator=_checks.text(_CODE))

    @property
    def fine_rate(self) -> Decimal:
        """The size factor x the repeat multiplier: the fine as a fraction of the base."""
        return self.size_factor * self.repeat_multiplier


def _check_pair(violation: object, jurisdiction: object) -> tuple[Violation, Jurisdiction]:
    if not isinstance(violation, Violation):
        raise _checks.invalid_type("violation", _CODE)
    if not isinstance(jurisdiction, Jurisdiction):
        raise _checks.invalid_type("jurisdiction", _CODE)
    if violation.jurisdiction != jurisdiction.code:
        raise DomainRuleError(
            "The violation was recorded by another jurisdiction.",
            "سُجلت المخالفة لدى جهة أخرى.",
            code=f"{_CODE}.jurisdiction",
            field="jurisdiction",
        )
    if violation.base_amount.currency != jurisdiction.currency:
        raise CurrencyMismatch(
            "The violation's base fine is not in the jurisdiction's currency.",
            "مبلغ الغرامة الأساسي للمخالفة ليس بعملة الجهة.",
            code=f"{_CODE}.currency",
            field="base_amount",
        )
    return violation, jurisdiction


def _same_party(a: Violation, b: Violation) -> bool:
    if a.cr is not None and a.cr_kind == b.cr_kind and a.cr == b.cr:
        return True
    return a.licence_number is not None and a.licence_number == b.licence_number


def _earlier_offence(
    violation: Violation, history: tuple[Violation, ...], window: Decimal | None
) -> Violation | None:
    """Return the latest earlier violation that makes ``violation`` a repeat, if any."""
    found: Violation | None = None
    for other in history:
        days = (violation.recorded_on - other.recorded_on).days
        if (
            other.number != violation.number
            and other.status is not ViolationStatus.CANCELLED
            and other.category == violation.category
            and other.jurisdiction == violation.jurisdiction
            and days > 0
            and (window is None or days <= window)
            and _same_party(violation, other)
            and (
                found is None
                or (other.recorded_on, other.number) > (found.recorded_on, found.number)
            )
        ):
            found = other
    return found


def _rule_sources(jurisdiction: Jurisdiction, names: Iterable[str], on: dt.date) -> str:
    sources: list[str] = []
    for name in names:
        for rule in jurisdiction.rules.history(name):
            if rule.applies_on(on) and rule.source and rule.source not in sources:
                sources.append(rule.source)
    # A fee rule's note holds at most MAX_TEXT characters: keep the sources that fit.
    note = ""
    for source in sources:
        candidate = f"{note}; {source}" if note else source
        if len(candidate) <= _checks.MAX_TEXT:
            note = candidate
    return note or "recorded violation"


def _size_factor(violation: Violation, jurisdiction: Jurisdiction) -> tuple[Decimal, str | None]:
    size = violation.establishment_size
    if size is None:
        return _ONE, None
    name = f"violation.size_factor.{EstablishmentSize(size).value}"
    factor = profile_decimal(jurisdiction, name, violation.recorded_on)
    return (_ONE, None) if factor is None else (factor, name)


def fine_terms(
    violation: Violation, *, jurisdiction: Jurisdiction, history: Iterable[Violation] = ()
) -> FineTerms:
    """Return the terms ``jurisdiction``'s profile sets for ``violation``.

    Args:
        violation: the violation.
        jurisdiction: the profile that recorded it.
        history: other violations (any party, any status) to look for an earlier offence.

    Raises:
        DomainRuleError: the violation belongs to another jurisdiction.
        CurrencyMismatch: its base fine is not in the jurisdiction's currency.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> from municipal_core.licensing._violations import record_violation
        >>> def hygiene(number, day):
        ...     return record_violation(number, jurisdiction=SA_BALADY,
        ...         category="hygiene.poor", recorded_on=day, cr="1010123456",
        ...         establishment_size="micro")
        >>> first = hygiene("S-1", dt.date(2026, 1, 10))
        >>> terms = fine_terms(hygiene("S-2", dt.date(2026, 6, 1)), jurisdiction=SA_BALADY,
        ...                    history=[first])
        >>> terms.size_factor, terms.repeat_multiplier, terms.repeat_of, terms.daily_penalty
        (Decimal('0.25'), Decimal('2'), 'S-1', None)
    """
    violation, jurisdiction = _check_pair(violation, jurisdiction)
    past = violation_tuple(history, "history")
    on = violation.recorded_on
    size_factor, size_rule = _size_factor(violation, jurisdiction)
    multiplier = profile_decimal(jurisdiction, "violation.repeat_multiplier", on)
    repeat_of = violation.repeat_of
    if multiplier is not None and repeat_of is None:
        window = profile_decimal(jurisdiction, "violation.repeat_window_days", on)
        earlier = _earlier_offence(violation, past, window)
        repeat_of = None if earlier is None else earlier.number
    daily = profile_decimal(jurisdiction, "violation.daily_penalty", on)
    max_days = profile_decimal(jurisdiction, "violation.daily_penalty_max_days", on)
    names = [size_rule] if size_rule else []
    if multiplier is not None and repeat_of is not None:
        names += ["violation.repeat_multiplier", "violation.repeat_window_days"]
    return FineTerms(
        violation=violation.number,
        base_amount=violation.base_amount,
        size_factor=size_factor,
        repeat_multiplier=_ONE if multiplier is None or repeat_of is None else multiplier,
        repeat_of=repeat_of,
        due_on=on + dt.timedelta(days=violation.grace_days),
        daily_penalty=None if daily is None else Money(daily, jurisdiction.currency),
        max_days=None if max_days is None else int(max_days),
        source=_rule_sources(jurisdiction, names, on),
    )


def penalty_days(terms: FineTerms, on: dt.date) -> int:
    """Return the days of daily penalty counted when paying on ``on``.

    Day 1 is the day after ``terms.due_on``; capped at ``terms.max_days``; 0 where the
    profile has no daily penalty.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.money import Money
        >>> terms = FineTerms("V-1", Money(100, "OMR"), Decimal(1), Decimal(1), None,
        ...                   dt.date(2026, 3, 1), Money(50, "OMR"), 60)
        >>> [penalty_days(terms, dt.date(2026, 3, d)) for d in (1, 2, 31)]
        [0, 1, 30]
        >>> penalty_days(terms, dt.date(2027, 1, 1))
        60
    """
    if terms.daily_penalty is None:
        return 0
    late = max((on - terms.due_on).days, 0)
    return late if terms.max_days is None else min(late, terms.max_days)


def _breakdown(
    violation: Violation, terms: FineTerms, jurisdiction: Jurisdiction, on: dt.date, days: int
) -> FeeBreakdown:
    number, currency = violation.number, jurisdiction.currency
    fine = FeeRule(
        code=f"violation.{number}.fine",
        version=1,
        kind=FeeKind.PERCENTAGE,
        name_en=f"Fine for violation {number}",
        name_ar=f"غرامة المخالفة رقم {number}",
        rate=terms.fine_rate,
        vat=VatTreatment.OUTSIDE_SCOPE,
        source=terms.source,
    )
    rules = [fine]
    requests = [FeeRequest(fine.code, base=terms.base_amount)]
    if days and terms.daily_penalty is not None:
        penalty = FeeRule(
            code=f"violation.{number}.daily_penalty",
            version=1,
            kind=FeeKind.RATE,
            name_en=f"Daily penalty for violation {number}",
            name_ar=f"الغرامة اليومية للمخالفة رقم {number}",
            rate=terms.daily_penalty.amount,
            unit="day",
            tax_head=TaxHead.PENALTY,
            vat=VatTreatment.OUTSIDE_SCOPE,
            source=_rule_sources(jurisdiction, ["violation.daily_penalty"], violation.recorded_on),
        )
        rules.append(penalty)
        requests.append(FeeRequest(penalty.code, quantity=Decimal(days)))
    return calculate(FeeSchedule(currency, rules), requests, on=on, jurisdiction=jurisdiction)


def assess(
    violation: Violation, *, jurisdiction: Jurisdiction, history: Iterable[Violation] = ()
) -> FeeBreakdown:
    """Return the fine for ``violation`` (no daily penalty) as a billing breakdown.

    Dated the day it was recorded. See :func:`fine_terms` for the arguments and errors.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> from municipal_core.licensing._violations import record_violation
        >>> v = record_violation("S-1", jurisdiction=SA_BALADY, category="hygiene.poor",
        ...     recorded_on=dt.date(2026, 3, 1), cr="1010123456", establishment_size="medium")
        >>> assess(v, jurisdiction=SA_BALADY).total
        Money('750.00', 'SAR')
    """
    terms = fine_terms(violation, jurisdiction=jurisdiction, history=history)
    return _breakdown(violation, terms, jurisdiction, violation.recorded_on, 0)


def amount_due(
    violation: Violation,
    *,
    jurisdiction: Jurisdiction,
    on: dt.date,
    history: Iterable[Violation] = (),
) -> FeeBreakdown:
    """Return what settling ``violation`` on ``on`` costs: the fine plus any daily penalty.

    Works for ``OPEN`` and ``OBJECTED`` violations (for an objected one: what would be
    due if the objection fails; the penalty keeps running meanwhile [A]).

    Raises:
        DomainRuleError: the violation is paid (``licensing.violation.settled``) or
            cancelled (``licensing.violation.cancelled``), or of another jurisdiction.
        InvalidComponent: ``on`` is before the day it was recorded
            (``licensing.violation.date``).

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.licensing._violations import record_violation
        >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
        ...     recorded_on=dt.date(2026, 1, 1), cr="CR1234567")
        >>> amount_due(v, jurisdiction=OM_SOHAR, on=dt.date(2026, 12, 31)).total  # 60 days
        Money('3100.000', 'OMR')
    """
    violation, jurisdiction = _check_pair(violation, jurisdiction)
    if violation.status is ViolationStatus.PAID or violation.status is ViolationStatus.CANCELLED:
        paid = violation.status is ViolationStatus.PAID
        raise DomainRuleError(
            "The violation is already settled." if paid else "The violation is cancelled.",
            "المخالفة مسددة بالفعل." if paid else "المخالفة ملغاة.",
            code=f"{_CODE}.settled" if paid else f"{_CODE}.cancelled",
            field="status",
        )
    if type(on) is not dt.date or on < violation.recorded_on:
        raise InvalidComponent(
            "The payment day must be a date on or after the day the violation was recorded.",
            "يجب أن يكون يوم السداد تاريخًا في يوم تسجيل المخالفة أو بعده.",
            code=f"{_CODE}.date",
            field="on",
        )
    terms = fine_terms(violation, jurisdiction=jurisdiction, history=history)
    return _breakdown(violation, terms, jurisdiction, on, penalty_days(terms, on))
