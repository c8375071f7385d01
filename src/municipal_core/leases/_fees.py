"""Lease registration and amendment fees, worked out by the billing engine.

Every figure comes from the jurisdiction profile (DOMAIN.md §4), read on the day the
contract (or the supplementary contract) was **signed**:

* ``lease.registration_fee_rate`` -- the fee is this fraction of the **total rent over the
  term** (``LeaseContract.total_rent``): 100 OMR x 12 months x 3% = 36.000 OMR [C rate,
  W basis]. The rate is effective-dated: 3%, then 5% from February 2016 to the end of
  2020, then 3% again.
* ``lease.registration_window_months`` -- registration is due within this many months of
  signing, or for a renewal (a contract that ``renews`` another) of the old contract's
  expiry, that is from the renewal's start (:func:`registration_deadline`).
* ``lease.late_registration_multiplier`` -- registered after the deadline, a ``PENALTY``
  line of this many times the fee is **added to** the fee: the fee plus a fine of 3x the
  fee, 4x in all [W: DOMAIN.md says "fine of 3x the fee"; we read it as a fine on top of
  the fee, not one replacing it]. The fine is a fee rule of its own, code
  ``lease.registration.late`` (``lease.amendment.late``), so its line says what it is.
* VAT follows the profile's ``default_fee_vat`` (outside scope in both shipped profiles).
  ``vat.residential_rent_exempt`` concerns the rent itself, not this fee, and is not read.

**No rule, no fee.** A profile without ``lease.registration_fee_rate`` (the Saudi one:
there is no municipal lease fee in Balady) gets a breakdown with one zero ``FEE`` line
rather than an error, so callers treat both countries alike; a host app adds the rule to
charge one. A profile without the window or the multiplier charges no late fine. A rule
that exists but is not in force on the signing day is a gap in the profile and raises
:class:`~municipal_core.errors.NotFound`.

The result is a :class:`~municipal_core.billing.FeeBreakdown`; turn it into an invoice
with :func:`municipal_core.billing.issue_invoice`.

Examples:
    >>> from datetime import date
    >>> from decimal import Decimal
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.money import Money
    >>> fee = fee_for_rent(Money("1200", "OMR"), jurisdiction=OM_SOHAR,
    ...                    signed_on=date(2026, 1, 10), registered_on=date(2026, 1, 20))
    >>> [(line.tax_head.value, str(line.amount.amount)) for line in fee.lines], fee.total
    ([('FEE', '36.000')], Money('36.000', 'OMR'))
    >>> late = fee_for_rent(Money("1200", "OMR"), jurisdiction=OM_SOHAR,
    ...                     signed_on=date(2026, 1, 10), registered_on=date(2026, 2, 11))
    >>> [(line.tax_head.value, str(line.amount.amount)) for line in late.lines], late.total
    ([('FEE', '36.000'), ('PENALTY', '108.000')], Money('144.000', 'OMR'))
    >>> late.lines[1].code, late.lines[1].name_en
    ('lease.registration.late', 'Late registration fine (3 x the fee)')
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections.abc import Callable
from decimal import Decimal

import attrs

from municipal_core._checks import EXACT
from municipal_core.billing import FeeBreakdown, FeeKind, FeeRule, FeeSchedule, TaxHead, calculate
from municipal_core.dates import add_months, require_date
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidFormat
from municipal_core.jurisdictions import (
    Confidence,
    Jurisdiction,
    RuleBook,
    RuleValue,
    VatTreatment,
)
from municipal_core.leases._contract import Amendment, LeaseContract, require_contract
from municipal_core.leases._terms import _add_months
from municipal_core.money import Money

__all__ = [
    "AMENDMENT_FEE",
    "LATE_MULTIPLIER_RULE",
    "RATE_RULE",
    "REGISTRATION_FEE",
    "WINDOW_RULE",
    "added_value",
    "amendment_fee",
    "fee_for_rent",
    "fee_schedule",
    "registration_deadline",
    "registration_fee",
]

_CODE = "lease.fee"

RATE_RULE = "lease.registration_fee_rate"
"""Rule: the fee as a fraction of the total rent (``Decimal("0.03")`` is 3%)."""
WINDOW_RULE = "lease.registration_window_months"
"""Rule: months after signing (or a renewal's start) within which to register."""
LATE_MULTIPLIER_RULE = "lease.late_registration_multiplier"
"""Rule: the late-registration fine, as a multiple of the fee."""

REGISTRATION_FEE = "lease.registration"
"""Fee code of a lease contract's registration (the breakdown's ``FEE`` line)."""
AMENDMENT_FEE = "lease.amendment"
"""Fee code of a supplementary contract's registration, on the added value."""

_NAMES = {
    REGISTRATION_FEE: ("Lease contract registration", "تسجيل عقد الإيجار"),
    AMENDMENT_FEE: ("Supplementary lease contract registration", "تسجيل عقد الإيجار المكمل"),
}
_LATE = ".late"
_NO_FEE_SOURCE = f"no {RATE_RULE} rule in the profile: no municipal lease fee"


@attrs.frozen
class _Rules:
    """The lease rules of one rule book, indexed once, with the fee schedules built so far.

    ``RuleBook.get`` scans every rule of the book; a benchmark-sized batch of leases asks
    for the same three rules again and again, so their histories are pulled out once per
    book, each ``FeeSchedule`` (whose construction indexes its rules) is built once per
    combination of rule versions and currency, and the outcome for a signing day is
    remembered (see :func:`_resolve`). Holds rule values, never the book, so that a book
    that is no longer used can be collected (and its entry with it).
    """

    histories: dict[str, tuple[RuleValue, ...]]
    schedules: dict[tuple[object, ...], FeeSchedule] = attrs.field(factory=dict)
    # (fee code, currency code, signing day) -> (schedule, window months if a fine applies)
    resolved: dict[tuple[str, str, dt.date], tuple[FeeSchedule, int | None]] = attrs.field(
        factory=dict
    )

    def in_force(self, name: str, on: dt.date) -> RuleValue | None:
        """Return the version of ``name`` in force on ``on``; None if the book lacks it."""
        history = self.histories.get(name, ())
        for rule in history:
            start, end = rule.effective_from, rule.effective_to
            if (start is None or start <= on) and (end is None or on <= end):
                return rule
        if history:  # versions exist, none in force: a gap, raised as the book raises it
            RuleBook(history).get(name, on)
        return None


# Keyed by id(book); the weak reference proves the entry belongs to this very book (an id
# can be reused once a book is gone) and its callback drops the entry with the book. The
# callback binds the dict's pop, which stays usable while the interpreter shuts down.
_INDEX: dict[int, tuple[weakref.ref[RuleBook], _Rules]] = {}


def _drop(key: int, _ref: object, _pop: Callable[[int, None], object] = _INDEX.pop) -> None:
    _pop(key, None)


def _rules(book: RuleBook) -> _Rules:
    key = id(book)
    hit = _INDEX.get(key)
    if hit is not None and hit[0]() is book:
        return hit[1]
    histories: dict[str, list[RuleValue]] = {}
    for rule in book.values:
        if rule.name in (RATE_RULE, WINDOW_RULE, LATE_MULTIPLIER_RULE):
            histories.setdefault(rule.name, []).append(rule)
    rules = _Rules({name: tuple(values) for name, values in histories.items()})
    _INDEX[key] = (weakref.ref(book, functools.partial(_drop, key)), rules)
    return rules


def _count(rule: RuleValue) -> int:
    value = rule.value
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, Decimal))
        or value < 0
        or value != int(value)
    ):
        raise InvalidFormat(
            f"The rule {rule.name!r} must be a whole number, zero or more.",
            f"يجب أن تكون القاعدة {rule.name!r} عددًا صحيحًا يساوي صفرًا أو أكثر.",
            code=f"{_CODE}.rule",
            field=rule.name,
        )
    return int(value)


def _fee_rule(code: str, rate: RuleValue | None, version: int, zero: Money) -> FeeRule:
    name_en, name_ar = _NAMES[code]
    if rate is None:
        return FeeRule(
            code=code, version=1, kind=FeeKind.FLAT, name_en=name_en, name_ar=name_ar,
            amount=zero, source=_NO_FEE_SOURCE, confidence=Confidence.ASSUMPTION,
        )  # fmt: skip
    value = rate.value
    if isinstance(value, bool) or not isinstance(value, Decimal) or not 0 <= value <= 1:
        raise InvalidFormat(
            f"The rule {RATE_RULE!r} must be a Decimal fraction from 0 to 1 (0.03 is 3%).",
            f"يجب أن تكون القاعدة {RATE_RULE!r} كسرًا عشريًا من 0 إلى 1 (0.03 تعني 3%).",
            code=f"{_CODE}.rule",
            field=RATE_RULE,
        )
    return FeeRule(
        code=code, version=version, kind=FeeKind.PERCENTAGE, name_en=name_en,
        name_ar=name_ar, rate=value, source=rate.source or RATE_RULE,
        effective_from=rate.effective_from, effective_to=rate.effective_to,
        confidence=rate.confidence,
    )  # fmt: skip


def fee_schedule(jurisdiction: Jurisdiction) -> FeeSchedule:
    """Return every version of the lease registration and amendment fees of a profile.

    One fee rule per rate in the profile's ``lease.registration_fee_rate`` history, built
    exactly as :func:`registration_fee` builds the one in force -- for a service catalogue
    or a fee page that lists them all. Late fines are not listed: they depend on the day
    of registration.

    Raises:
        InvalidFormat: ``jurisdiction`` is not a profile, or a rate is not a fraction.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> [(r.code, str(r.rate)) for r in fee_schedule(OM_SOHAR).rules][:2]
        [('lease.amendment', '0.03'), ('lease.amendment', '0.05')]
    """
    jurisdiction = _check_jurisdiction(jurisdiction)
    zero = Money.zero(jurisdiction.currency)
    history = jurisdiction.rules.history(RATE_RULE)  # () in a profile without the fee
    return FeeSchedule(
        jurisdiction.currency,
        tuple(
            _fee_rule(code, rate, version, zero)
            for code in (REGISTRATION_FEE, AMENDMENT_FEE)
            for version, rate in enumerate(history, start=1)
        ),
    )


def _fine_rule(fee: FeeRule, multiplier: RuleValue, times: int) -> FeeRule:
    # A rule of its own rather than billing's LatePenalty: the line then says what it is
    # (a late *registration* fine, not a late payment), and the engine computes it on its
    # fast path. rate x times x total rent is exactly times x the fee. Penalties carry no
    # VAT, whatever the profile says of fees.
    return FeeRule(
        code=f"{fee.code}{_LATE}", version=fee.version, kind=FeeKind.PERCENTAGE,
        tax_head=TaxHead.PENALTY, name_en=f"Late registration fine ({times} x the fee)",
        name_ar=f"غرامة التأخر في تسجيل العقد ({times} × الرسم)",
        rate=EXACT.multiply(fee.rate or 0, times),  # only a percentage fee gets a fine
        source=multiplier.source or LATE_MULTIPLIER_RULE, vat=VatTreatment.OUTSIDE_SCOPE,
        confidence=multiplier.confidence,
    )  # fmt: skip


def _schedule(
    rules: _Rules,
    code: str,
    rate: RuleValue | None,
    multiplier: RuleValue | None,
    jurisdiction: Jurisdiction,
) -> FeeSchedule:
    # The rule versions live as long as `rules` holds them, so their ids are stable keys;
    # the currency is part of the key because profiles of two currencies may share a book.
    currency = jurisdiction.currency
    key = (code, currency.code, id(rate), id(multiplier))
    found = rules.schedules.get(key)
    if found is not None:
        return found
    # The FeeRule's version is the rate's place in its history: 1, 2, 3...
    version = rules.histories[RATE_RULE].index(rate) + 1 if rate is not None else 1
    fee = _fee_rule(code, rate, version, Money.zero(currency))
    times = 0 if multiplier is None or rate is None else _count(multiplier)
    fine = (_fine_rule(fee, multiplier, times),) if times and multiplier is not None else ()
    schedule = FeeSchedule(currency, (fee, *fine))
    rules.schedules[key] = schedule
    return schedule


def _check_jurisdiction(jurisdiction: object) -> Jurisdiction:
    if not isinstance(jurisdiction, Jurisdiction):
        raise InvalidFormat(
            "The jurisdiction must be a Jurisdiction profile.",
            "يجب أن تكون الجهة ملف جهة (Jurisdiction).",
            code=f"{_CODE}.type",
            field="jurisdiction",
        )
    return jurisdiction


def _fee(
    code: str,
    base: Money,
    *,
    jurisdiction: Jurisdiction,
    signed_on: dt.date,
    anchor: dt.date,
    registered_on: dt.date,
) -> FeeBreakdown:
    """Return the breakdown of fee ``code`` on ``base``; late after ``anchor`` + window."""
    if registered_on < signed_on:
        raise DomainRuleError(
            "A contract cannot be registered before it is signed.",
            "لا يمكن تسجيل العقد قبل توقيعه.",
            code=f"{_CODE}.registered_before_signing",
            field="registered_on",
        )
    currency = base.currency
    if currency is not jurisdiction.currency and currency != jurisdiction.currency:
        raise CurrencyMismatch(
            "The rent is not in the jurisdiction's currency.",
            "الإيجار ليس بعملة الجهة.",
            code=f"{_CODE}.currency",
            field="base",
        )
    rules = _rules(jurisdiction.rules)
    found = rules.resolved.get((code, currency.code, signed_on))
    schedule, window = found or _resolve(rules, code, signed_on, jurisdiction)
    if window is not None and registered_on > _add_months(anchor, window):
        codes: tuple[str, ...] = (code, f"{code}{_LATE}")
    else:
        codes = (code,)
    return calculate(schedule, codes, on=signed_on, jurisdiction=jurisdiction, base=base)


_MAX_RESOLVED = 20_000  # signing days remembered per rule book (about 55 years' worth)


def _resolve(
    rules: _Rules, code: str, signed_on: dt.date, jurisdiction: Jurisdiction
) -> tuple[FeeSchedule, int | None]:
    """Return the schedule for a signing day and the window, if a late fine applies.

    Remembered per day: leases signed the same day share the answer, and a batch of
    leases then costs one dict look-up each instead of three rule look-ups.
    """
    rate = rules.in_force(RATE_RULE, signed_on)
    window = rules.in_force(WINDOW_RULE, signed_on) if rate is not None else None
    multiplier = rules.in_force(LATE_MULTIPLIER_RULE, signed_on) if window is not None else None
    schedule = _schedule(rules, code, rate, multiplier, jurisdiction)
    # A second rule in the schedule is the fine; without one, lateness changes nothing.
    months = _count(window) if window is not None and len(schedule.rules) > 1 else None
    if len(rules.resolved) >= _MAX_RESOLVED:
        rules.resolved.clear()
    rules.resolved[(code, jurisdiction.currency.code, signed_on)] = (schedule, months)
    return schedule, months


def fee_for_rent(
    total_rent: Money,
    *,
    jurisdiction: Jurisdiction,
    signed_on: dt.date,
    registered_on: dt.date,
    renewal_start: dt.date | None = None,
) -> FeeBreakdown:
    """Return the registration fee on a total rent: :func:`registration_fee` on primitives.

    Args:
        total_rent: the rent over the whole term, the fee's base.
        jurisdiction: the profile whose rules apply.
        signed_on: the signing day; the rules in force that day apply.
        registered_on: the day the contract is registered, to decide a late fine.
        renewal_start: for a renewal, its first day, from which the window runs instead
            of the signing day.

    Raises:
        InvalidFormat: a bad type (``lease.fee.type``, ``dates.type``), or a profile rule
            of the wrong shape (``lease.fee.rule``).
        DomainRuleError: registered before signing (``lease.fee.registered_before_signing``).
        CurrencyMismatch: the rent is not in the jurisdiction's currency
            (``lease.fee.currency``).
        NotFound: a lease rule exists but is not in force on ``signed_on``
            (``jurisdiction.rule.not_in_force``).

    Examples:
        >>> from datetime import date
        >>> from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
        >>> fee_for_rent(Money("1200", "OMR"), jurisdiction=OM_SOHAR,
        ...              signed_on=date(2018, 5, 1), registered_on=date(2018, 5, 2)).total
        Money('60.000', 'OMR')
        >>> fee_for_rent(Money("24000", "SAR"), jurisdiction=SA_BALADY,
        ...              signed_on=date(2026, 1, 1), registered_on=date(2026, 9, 1)).total
        Money('0.00', 'SAR')
    """
    jurisdiction = _check_jurisdiction(jurisdiction)
    if not isinstance(total_rent, Money):
        raise InvalidFormat(
            "The total rent must be a Money.",
            "يجب أن يكون إجمالي الإيجار من نوع Money.",
            code=f"{_CODE}.type",
            field="total_rent",
        )
    signed_on = require_date(signed_on, "signed_on")
    registered_on = require_date(registered_on, "registered_on")
    anchor = signed_on if renewal_start is None else require_date(renewal_start, "renewal_start")
    return _fee(
        REGISTRATION_FEE,
        total_rent,
        jurisdiction=jurisdiction,
        signed_on=signed_on,
        anchor=anchor,
        registered_on=registered_on,
    )


def _anchor(contract: LeaseContract) -> dt.date:
    # A renewal is registered within the window from the old contract's expiry, which is
    # the new contract's start (DOMAIN.md §4); any other contract from its signing.
    return contract.start if contract.renews is not None else contract.signed_on


def _check_contract(value: object, jurisdiction: Jurisdiction) -> LeaseContract:
    contract = require_contract(value, code=f"{_CODE}.type")
    if contract.jurisdiction != jurisdiction.code:
        raise DomainRuleError(
            "The contract belongs to another jurisdiction than the profile given.",
            "العقد تابع لجهة غير الجهة المعطاة.",
            code=f"{_CODE}.jurisdiction",
            field="jurisdiction",
        )
    return contract


def registration_deadline(contract: LeaseContract, jurisdiction: Jurisdiction) -> dt.date:
    """Return the last day to register ``contract`` without a late fine.

    ``lease.registration_window_months`` months (in force on the signing day) after the
    signing day, or for a renewal after its start (the old contract's expiry).

    Raises:
        NotFound: the profile has no registration window (``jurisdiction.rule.unknown``)
            or none in force on the signing day (``jurisdiction.rule.not_in_force``).
        DomainRuleError: the contract belongs to another jurisdiction
            (``lease.fee.jurisdiction``).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.leases._contract import _example
        >>> lease = _example()
        >>> lease.signed_on, registration_deadline(lease, OM_SOHAR)
        (datetime.date(2025, 12, 20), datetime.date(2026, 1, 20))
    """
    jurisdiction = _check_jurisdiction(jurisdiction)
    contract = _check_contract(contract, jurisdiction)
    window = _rules(jurisdiction.rules).in_force(WINDOW_RULE, contract.signed_on)
    if window is None:  # the profile has no such rule: the book raises its typed NotFound
        window = jurisdiction.rules.get(WINDOW_RULE, contract.signed_on)
    return add_months(_anchor(contract), _count(window))


def registration_fee(
    contract: LeaseContract, *, jurisdiction: Jurisdiction, registered_on: dt.date
) -> FeeBreakdown:
    """Return the fee breakdown for registering ``contract`` on ``registered_on``.

    The ``FEE`` line is the rate in force on the signing day times ``total_rent``; a
    ``PENALTY`` line of the late multiplier times the fee is added when ``registered_on``
    is after :func:`registration_deadline`. See the module docstring for every rule.

    Raises:
        DomainRuleError: the contract belongs to another jurisdiction
            (``lease.fee.jurisdiction``), registered before signing
            (``lease.fee.registered_before_signing``).
        InvalidFormat, NotFound: as :func:`fee_for_rent`.

    Examples:
        >>> from datetime import date
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.leases._contract import _example
        >>> lease = _example()
        >>> lease.total_rent
        Money('1200.000', 'OMR')
        >>> registration_fee(lease, jurisdiction=OM_SOHAR, registered_on=date(2026, 1, 5)).total
        Money('36.000', 'OMR')
    """
    jurisdiction = _check_jurisdiction(jurisdiction)
    contract = _check_contract(contract, jurisdiction)
    return _fee(
        REGISTRATION_FEE,
        contract.total_rent,
        jurisdiction=jurisdiction,
        signed_on=contract.signed_on,
        anchor=_anchor(contract),
        registered_on=require_date(registered_on, "registered_on"),
    )


def added_value(old_total: Money, new_total: Money) -> Money:
    """Return how much a change adds to a contract's total rent; zero for a cut.

    Raises:
        CurrencyMismatch: the totals are in different currencies.

    Examples:
        >>> added_value(Money(1200, "OMR"), Money(1500, "OMR"))
        Money('300.000', 'OMR')
        >>> added_value(Money(1200, "OMR"), Money(1000, "OMR"))
        Money('0.000', 'OMR')
    """
    difference = new_total - old_total
    return difference if difference.is_positive() else Money.zero(difference.currency)


def amendment_fee(
    contract: LeaseContract,
    amendment: Amendment,
    *,
    amended: LeaseContract,
    jurisdiction: Jurisdiction,
    registered_on: dt.date,
) -> FeeBreakdown:
    """Return the fee for registering a supplementary contract, on the value it adds.

    The base is :func:`added_value` of ``contract.total_rent`` (before) and
    ``amended.total_rent`` (after): an extension or a rent rise is charged on what it adds,
    a rent cut or a shortened term costs nothing (a zero line). The rate is the
    registration rate in force on the amendment's signing day, and the window for a late
    fine runs from that day.

    Args:
        contract: the contract before the amendment.
        amendment: the supplementary contract (its ``signed_on`` dates the fee).
        amended: the contract with the amendment applied (``lifecycle.amend`` returns it).
        jurisdiction: the profile whose rules apply.
        registered_on: the day the supplementary contract is registered.

    Raises:
        DomainRuleError: the two contracts are not the same lease, or ``amended`` does not
            end with ``amendment`` (``lease.fee.amendment``); as :func:`registration_fee`.

    Examples:
        >>> from datetime import date
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.leases._contract import Amendment, _example
        >>> lease = _example()
        >>> change = Amendment(reference="1/2026-A1", signed_on=date(2026, 6, 1),
        ...                    effective_on=date(2026, 7, 1), monthly_rent=Money(120, "OMR"))
        >>> raised = attrs.evolve(lease, amendments=(change,))
        >>> lease.total_rent, raised.total_rent
        (Money('1200.000', 'OMR'), Money('1320.000', 'OMR'))
        >>> fee = amendment_fee(lease, change, amended=raised, jurisdiction=OM_SOHAR,
        ...                     registered_on=date(2026, 6, 10))
        >>> fee.lines[0].base, fee.total
        (Money('120.000', 'OMR'), Money('3.600', 'OMR'))
    """
    jurisdiction = _check_jurisdiction(jurisdiction)
    contract = _check_contract(contract, jurisdiction)
    amended = _check_contract(amended, jurisdiction)
    if (
        not isinstance(amendment, Amendment)
        or amended.reference != contract.reference
        or not amended.amendments
        or amended.amendments[-1] != amendment
    ):
        raise DomainRuleError(
            "The amended contract must be the same lease, with this amendment as its last.",
            "يجب أن يكون العقد المعدّل هو العقد نفسه وأن يكون هذا الملحق آخر ملاحقه.",
            code=f"{_CODE}.amendment",
            field="amended",
        )
    return _fee(
        AMENDMENT_FEE,
        added_value(contract.total_rent, amended.total_rent),
        jurisdiction=jurisdiction,
        signed_on=amendment.signed_on,
        anchor=amendment.signed_on,
        registered_on=require_date(registered_on, "registered_on"),
    )
