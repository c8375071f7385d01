"""Fee calculation: a breakdown of line items by tax head, never a bare number.

**Where rounding happens.** Every line keeps its exact amount (3% of a rent may be finer
than a baisa). The total is rounded **once**, to the currency's minor unit with the mode
the caller names, and the difference goes into a ``ROUND_OFF`` line, as eGov DIGIT does.
So the lines always add up exactly to the total, and the total is always payable.

**Order.** Each requested fee: the rule in force on ``on`` that best fits the criteria
computes its amount, which is multiplied by the years (``per_year`` rules) and then held
within the rule's minimum and maximum. VAT is charged on each fee line whose treatment is
``IN_SCOPE`` at the jurisdiction's rate on ``on``. Then, if a due date and a payment date
are given, the schedule's rebate (when early) **or** its penalty (when late, and only if
no rebate applies) is worked out on the sum of the ``FEE`` lines; neither carries VAT.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.billing import FeeKind, FeeRule, FeeSchedule
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> lease = FeeRule(code="lease.registration", version=1, kind=FeeKind.PERCENTAGE,
    ...     name_en="Lease registration", name_ar="تسجيل عقد الإيجار",
    ...     rate=Decimal("0.03"), source="oman.om")
    >>> schedule = FeeSchedule("OMR", (lease,))
    >>> b = calculate(schedule, ["lease.registration"], on=dt.date(2026, 1, 1),
    ...               jurisdiction=OM_SOHAR, base=Money("1234.567", "OMR"))
    >>> [(line.tax_head.value, str(line.amount.amount)) for line in b.lines]
    [('FEE', '37.03701'), ('ROUND_OFF', '-0.00001')]
    >>> b.total
    Money('37.037', 'OMR')
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from municipal_core import _checks
from municipal_core.billing._lines import LineItem, check_lines, check_total, new_line
from municipal_core.billing._rules import FeeKind, FeeRule, TaxHead, to_criteria
from municipal_core.billing._schedule import FeeSchedule
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import Jurisdiction, VatTreatment
from municipal_core.money import (
    MAX_INTEGER_DIGITS,
    ROUNDING_MODES,
    Currency,
    Money,
)

__all__ = ["FeeBreakdown", "FeeRequest", "LineItem", "calculate"]

_CODE = "billing.breakdown"
_REQ = "billing.request"
_EXACT = _checks.EXACT
_ZERO = Decimal(0)
_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS
# Rounding to the minor unit is inexact by design; every other signal stays trapped.
_EXACT_ROUND = _EXACT.copy()
_EXACT_ROUND.traps[decimal.Inexact] = False
# One context per rounding mode, so the hot path calls Context.quantize(a, b) instead of
# a.quantize(b, rounding=..., context=...), whose keyword parsing costs ~0.25 µs a call.
_ROUNDING_CONTEXTS = {mode: _EXACT_ROUND.copy() for mode in ROUNDING_MODES}
for _mode, _context in _ROUNDING_CONTEXTS.items():
    _context.rounding = _mode


@attrs.frozen
class FeeRequest:
    """One fee to calculate, with its own inputs.

    Attributes:
        code: the fee code in the schedule.
        quantity: the quantity (m², km, units) for rate and slab rules.
        base: the base amount for percentage rules (e.g. a year's rent).
        years: how many years ``per_year`` rules charge for.
        criteria: ``(name, value)`` pairs that pick the rule (usage, category...).

    Examples:
        >>> FeeRequest("shop", quantity=Decimal(60), criteria={"category": "1"}).criteria
        (('category', '1'),)
    """

    code: str = attrs.field(validator=_checks.text(_REQ))
    quantity: Decimal = attrs.field(
        default=_ZERO, validator=_checks.decimal_range(f"{_REQ}.quantity")
    )
    base: Money | None = attrs.field(default=None, validator=_checks.money(_REQ, optional=True))
    years: int = attrs.field(default=1, validator=_checks.type_of(int, f"{_REQ}.years"))
    criteria: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_criteria)

    def __attrs_post_init__(self) -> None:
        if self.years < 1:
            raise InvalidComponent(
                "The number of years must be 1 or more.",
                "يجب أن يكون عدد السنوات 1 أو أكثر.",
                code=f"{_REQ}.years",
                field="years",
            )


@attrs.frozen
class FeeBreakdown:
    """The result of :func:`calculate`: the lines and their rounded total.

    Construction checks that every line is in the total's currency, that the total is
    rounded to the minor unit and that it equals the sum of the lines exactly.

    Attributes:
        jurisdiction: code of the jurisdiction the fees were worked out for.
        on: the day whose rules and VAT rate were used.
        lines: the line items, fees first, then VAT, rebate or penalty, round-off.
        total: the amount due, rounded once.
        rounding: the rounding mode used for the total (a ``decimal.ROUND_*`` constant).
    """

    jurisdiction: str = attrs.field(validator=_checks.text(_CODE))
    on: dt.date = attrs.field(validator=_checks.type_of(dt.date, _CODE))
    lines: tuple[LineItem, ...] = attrs.field(validator=check_lines)
    total: Money = attrs.field(validator=_checks.money(_CODE))
    rounding: str = attrs.field(validator=_checks.text(_CODE))

    def __attrs_post_init__(self) -> None:
        if self.rounding not in ROUNDING_MODES:
            raise _rounding_error()
        check_total(self.lines, self.total, code=_CODE)

    def subtotal(self, head: TaxHead) -> Money:
        """Return the sum of the lines under ``head`` (zero if there are none).

        Examples:
            >>> from municipal_core.billing import FeeKind, FeeRule, FeeSchedule, TaxHead
            >>> from municipal_core.jurisdictions import OM_SOHAR
            >>> fee = FeeRule(code="a", version=1, kind=FeeKind.FLAT, name_en="A",
            ...     name_ar="أ", amount=Money(5, "OMR"), source="test")
            >>> b = calculate(FeeSchedule("OMR", (fee,)), ["a"], on=dt.date(2026, 1, 1),
            ...               jurisdiction=OM_SOHAR)
            >>> b.subtotal(TaxHead.FEE), b.subtotal(TaxHead.TAX)
            (Money('5.000', 'OMR'), Money('0.000', 'OMR'))
        """
        return sum(
            (line.amount for line in self.lines if line.tax_head is head),
            Money.zero(self.total.currency),
        )


def _rounding_error() -> InvalidComponent:
    return InvalidComponent(
        "The rounding mode must be one of the decimal module's ROUND_* constants.",
        "يجب أن تكون طريقة التقريب إحدى ثوابت ROUND_* في وحدة decimal.",
        code=f"{_CODE}.rounding",
        field="rounding",
    )


# Unchecked builders for results made of validated rules and inputs on the hot path; see
# _lines.new_line for why. Each writes the slots as attrs' own __init__ does.
_set_jurisdiction, _set_on, _set_lines, _set_total, _set_rounding = (
    FeeBreakdown.__dict__[field.name].__set__ for field in attrs.fields(FeeBreakdown)
)


def _new_breakdown(
    jurisdiction: str, on: dt.date, lines: tuple[LineItem, ...], total: Money, rounding: str
) -> FeeBreakdown:
    breakdown: FeeBreakdown = object.__new__(FeeBreakdown)
    _set_jurisdiction(breakdown, jurisdiction)
    _set_on(breakdown, on)
    _set_lines(breakdown, lines)
    _set_total(breakdown, total)
    _set_rounding(breakdown, rounding)
    return breakdown


_FIXED_LINES = {
    # code: (tax head, English, Arabic)
    "rebate": (TaxHead.REBATE, "Early-payment rebate", "خصم السداد المبكر"),
    "penalty": (TaxHead.PENALTY, "Late-payment penalty", "غرامة التأخير في السداد"),
    "round_off": (TaxHead.ROUND_OFF, "Rounding", "فرق التقريب"),
}
_VAT_EN, _VAT_AR = "VAT", "ضريبة القيمة المضافة"
# Module-level aliases: the hot path compares against these instead of looking enum
# members up on their classes every time.
_FLAT = FeeKind.FLAT
_PERCENTAGE = FeeKind.PERCENTAGE
_FEE = TaxHead.FEE
_TAX = TaxHead.TAX
_IN_SCOPE = VatTreatment.IN_SCOPE


def _fixed_line(code: str, amount: Money, base: Money | None = None) -> LineItem:
    head, name_en, name_ar = _FIXED_LINES[code]
    return new_line(code, head, amount, name_en, name_ar, None, None, base, None, 1)


def _check_base(rule: FeeRule, base: Money | None, currency: Currency) -> Decimal:
    if base is None:
        raise DomainRuleError(
            f"The fee {rule.code!r} is a percentage and needs a base amount.",
            f"الرسم {rule.code!r} نسبة مئوية ويحتاج إلى مبلغ أساس.",
            code=f"{_REQ}.base_missing",
            field="base",
        )
    if base.currency != currency:
        raise CurrencyMismatch(
            "The base amount is not in the schedule's currency.",
            "مبلغ الأساس ليس بعملة جدول الرسوم.",
            code=f"{_REQ}.currency",
            field="base",
        )
    return base.amount


def _fee_line(
    schedule: FeeSchedule, rule: FeeRule, quantity: Decimal, base: Money | None, years: int
) -> tuple[LineItem, Decimal]:
    """Return the line of a fee whose amount depends on the request, and its value."""
    currency = schedule.currency
    base_amount = _ZERO if rule.kind is not _PERCENTAGE else _check_base(rule, base, currency)
    value = rule.value_for(quantity, base_amount, years)
    amount = Money._from_exact(value, currency)
    kind = rule.kind
    line = new_line(
        rule.code,
        rule.tax_head,
        amount,
        rule.name_en,
        rule.name_ar,
        rule.version,
        None if kind is _FLAT else quantity,
        base if kind is _PERCENTAGE else None,
        None,
        years if rule.per_year else 1,
    )
    return line, value


def _timing_line(
    schedule: FeeSchedule, lines: list[LineItem], due_on: dt.date, paid_on: dt.date
) -> tuple[LineItem, Decimal] | None:
    """Return the rebate line (negative) or, failing that, the penalty line, or None."""
    fees = _ZERO
    for line in lines:
        if line.tax_head is _FEE:
            fees = _EXACT.add(fees, line.amount.amount)
    currency = schedule.currency
    rebate = schedule.rebate
    value = None if rebate is None else rebate.amount_for(fees, due_on=due_on, paid_on=paid_on)
    if value:
        return _fixed_line("rebate", Money(-value, currency), Money(fees, currency)), -value
    # A penalty only when no rebate applies (DIGIT's rule); the two windows never meet
    # anyway, since a rebate needs payment by the due date and a penalty after it.
    penalty = schedule.penalty
    value = None if penalty is None else penalty.amount_for(fees, due_on=due_on, paid_on=paid_on)
    if value:
        return _fixed_line("penalty", Money(value, currency), Money(fees, currency)), value
    return None


def _finish(
    jurisdiction: str,
    on: dt.date,
    lines: list[LineItem],
    exact: Decimal,
    schedule: FeeSchedule,
    rounding: str,
) -> FeeBreakdown:
    currency = schedule.currency
    if exact < 0:
        raise DomainRuleError(
            "Rebates and exemptions exceed the fees; the total would be negative.",
            "تتجاوز الخصومات والإعفاءات الرسوم؛ سيكون الإجمالي سالبًا.",
            code=f"{_CODE}.negative_total",
            field="total",
        )
    if exact >= _LIMIT:
        raise InvalidComponent(
            "The total is out of range.",
            "الإجمالي خارج النطاق المسموح.",
            code=f"{_CODE}.range",
            field="total",
        )
    # The one rounding: quantize gives exactly the currency's decimals, which is Money's
    # canonical form, so the total needs no further checks.
    rounded = _ROUNDING_CONTEXTS[rounding].quantize(exact, currency.minor_unit)
    if rounded != exact:
        off = Money._from_exact(_EXACT.subtract(rounded, exact), currency)
        lines.append(_fixed_line("round_off", off))
    return _new_breakdown(
        jurisdiction, on, tuple(lines), Money._from_exact(rounded, currency), rounding
    )


def _check_call(
    schedule: object,
    jurisdiction: object,
    on: object,
    rounding: object,
    dates: tuple[object, object],
) -> None:
    if type(schedule) is not FeeSchedule:
        raise _checks.invalid_type("schedule", _CODE)
    if not isinstance(jurisdiction, Jurisdiction):
        raise _checks.invalid_type("jurisdiction", _CODE)
    if (
        jurisdiction.currency is not schedule.currency
        and jurisdiction.currency != schedule.currency
    ):
        raise CurrencyMismatch(
            "The fee schedule is not in the jurisdiction's currency.",
            "جدول الرسوم ليس بعملة الجهة.",
            code=f"{_CODE}.currency",
            field="schedule",
        )
    if type(on) is not dt.date:
        raise _checks.invalid_type("on", _CODE)
    if dates != (None, None):
        for name, value in zip(("due_on", "paid_on"), dates, strict=True):
            if type(value) is not dt.date:
                raise InvalidFormat(
                    "Give both the due date and the payment date as dates, or neither.",
                    "أدخل تاريخ الاستحقاق وتاريخ السداد معًا بصيغة تاريخ أو لا تدخل أيًّا منهما.",
                    code=f"{_CODE}.dates",
                    field=name,
                )
    if rounding not in ROUNDING_MODES:
        raise _rounding_error()


def _check_shared(quantity: object, base: object, years: object, criteria: object) -> None:
    # Called only when calculate's inline fast check failed: FeeRequest's validators
    # raise the typed error (one set of checks, one set of messages).
    FeeRequest("shared", quantity, base, years, criteria or ())  # type: ignore[arg-type]
    raise _checks.invalid_type("criteria", _REQ)  # all else passed: criteria is no mapping


def calculate(
    schedule: FeeSchedule,
    requests: Iterable[str | FeeRequest],
    *,
    on: dt.date,
    jurisdiction: Jurisdiction,
    quantity: Decimal = _ZERO,
    base: Money | None = None,
    years: int = 1,
    criteria: Mapping[str, str] | None = None,
    due_on: dt.date | None = None,
    paid_on: dt.date | None = None,
    rounding: str = ROUND_HALF_UP,
) -> FeeBreakdown:
    """Work out the fees ``requests`` name, as of ``on``, and return their breakdown.

    Args:
        schedule: the fee schedule.
        requests: fee codes (which share ``quantity``, ``base``, ``years`` and
            ``criteria``) or :class:`FeeRequest` objects with inputs of their own.
        on: the day whose rule versions and VAT rate apply.
        jurisdiction: supplies the VAT rate and the default VAT treatment of fees.
        quantity: shared quantity for plain codes.
        base: shared base amount for plain codes.
        years: shared number of years for plain codes.
        criteria: shared criteria for plain codes.
        due_on: the due date, to work out a rebate or penalty (with ``paid_on``).
        paid_on: the day of payment.
        rounding: how the total is rounded, a ``decimal.ROUND_*`` constant.

    Raises:
        NotFound: a fee code is unknown or has no version in force that fits.
        DomainRuleError: no slab band holds the quantity, a percentage fee has no base,
            or rebates and exemptions exceed the fees.
        CurrencyMismatch: the schedule, the jurisdiction or a base differ in currency.
        ValidationError: an input has the wrong type or range.

    Examples:
        >>> from municipal_core.billing import FeeKind, FeeRule, FeeSchedule
        >>> from municipal_core.jurisdictions import SA_BALADY, VatTreatment
        >>> sign = FeeRule(code="signboard", version=1, kind=FeeKind.RATE, name_en="Signboard",
        ...     name_ar="لوحة", rate=Decimal(700), unit="m²", per_year=True,
        ...     vat=VatTreatment.IN_SCOPE, source="test")
        >>> b = calculate(FeeSchedule("SAR", (sign,)), ["signboard"], on=dt.date(2026, 1, 1),
        ...               jurisdiction=SA_BALADY, quantity=Decimal(2), years=2)
        >>> [(x.tax_head.value, x.amount) for x in b.lines]
        [('FEE', Money('2800.00', 'SAR')), ('TAX', Money('420.00', 'SAR'))]
    """
    _check_call(schedule, jurisdiction, on, rounding, (due_on, paid_on))
    if not (
        type(quantity) is Decimal
        and quantity.is_finite()
        and quantity >= 0
        and (base is None or type(base) is Money)
        and type(years) is int
        and years >= 1
        and (criteria is None or isinstance(criteria, Mapping))
    ):
        _check_shared(quantity, base, years, criteria)
    currency = schedule.currency
    default_vat = jurisdiction.default_fee_vat
    vat_rate: Decimal | None = None
    lines: list[LineItem] = []
    vat_lines: list[LineItem] = []
    exact = _ZERO
    add, entry_for, simple = _EXACT.add, schedule.entry, schedule._simple  # the hot loop
    try:
        for item in requests:
            if type(item) is str:
                entry = simple.get(item)
                if entry is None or not entry[0] <= on <= entry[1]:
                    entry = entry_for(item, on, criteria)
                fixed = entry[4] or _fee_line(schedule, entry[3], quantity, base, years)
            elif isinstance(item, FeeRequest):
                entry = entry_for(item.code, on, dict(item.criteria))
                fixed = entry[4] or _fee_line(
                    schedule, entry[3], item.quantity, item.base, item.years
                )
            else:
                raise _checks.invalid_type("requests", _REQ)
            line, value = fixed
            lines.append(line)
            exact = add(exact, value)
            rule = entry[3]
            if value and (rule.vat or default_vat) is _IN_SCOPE:
                if vat_rate is None:
                    vat_rate = jurisdiction.vat_rate(on)
                vat = _EXACT.multiply(value, vat_rate)
                vat_lines.append(
                    new_line(
                        rule.code,
                        _TAX,
                        Money._from_exact(vat, currency),
                        _VAT_EN,
                        _VAT_AR,
                        rule.version,
                        None,
                        line.amount,
                        vat_rate,
                        1,
                    )
                )
                exact = add(exact, vat)
        if not lines:
            raise InvalidFormat(
                "Name at least one fee to calculate.",
                "حدد رسمًا واحدًا على الأقل لحسابه.",
                code=f"{_REQ}.empty",
                field="requests",
            )
        lines += vat_lines
        if due_on is not None and paid_on is not None:
            timing = _timing_line(schedule, lines, due_on, paid_on)
            if timing is not None:
                lines.append(timing[0])
                exact = _EXACT.add(exact, timing[1])
    except decimal.DecimalException:
        raise InvalidComponent(
            "An amount is too large or too precise to calculate exactly.",
            "أحد المبالغ كبير جدًا أو دقيق جدًا بحيث لا يمكن حسابه بدقة.",
            code=f"{_CODE}.range",
            field="requests",
        ) from None
    return _finish(jurisdiction.code, on, lines, exact, schedule, rounding)
