"""One line of a breakdown or an invoice, and the unchecked builder the hot path uses.

Private; :class:`LineItem` is re-exported by :mod:`municipal_core.billing`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from municipal_core import _checks
from municipal_core.billing._rules import TaxHead
from municipal_core.errors import CurrencyMismatch, DomainRuleError
from municipal_core.money import Money

__all__ = ["LineItem", "check_lines", "check_total", "new_line"]

_CODE = "billing.line"


@attrs.frozen
class LineItem:
    """One line of a breakdown or an invoice: a signed, exact amount under a tax head.

    Attributes:
        code: the fee code (also for its VAT line), or ``rebate``, ``penalty``,
            ``round_off``.
        tax_head: what the line is.
        amount: the exact amount; negative for rebates, exemptions and some round-offs.
        name_en: English label.
        name_ar: Arabic label.
        rule_version: version of the fee rule used, if any.
        quantity: the quantity the rule charged for, if any.
        base: the amount a rate applied to (percentage base, VAT base, rebate base).
        rate: the rate applied (VAT rate, rebate rate), if any.
        years: years charged for by a ``per_year`` rule (1 for any other rule).
    """

    code: str = attrs.field(validator=_checks.text(_CODE))
    tax_head: TaxHead = attrs.field(validator=_checks.type_of(TaxHead, _CODE))
    amount: Money = attrs.field(validator=_checks.type_of(Money, _CODE))
    name_en: str = attrs.field(validator=_checks.text(_CODE))
    name_ar: str = attrs.field(validator=_checks.text(_CODE))
    rule_version: int | None = attrs.field(
        default=None, validator=_checks.type_of(int, _CODE, optional=True)
    )
    quantity: Decimal | None = attrs.field(
        default=None, validator=_checks.decimal_range(_CODE, optional=True)
    )
    base: Money | None = attrs.field(
        default=None, validator=_checks.type_of(Money, _CODE, optional=True)
    )
    rate: Decimal | None = attrs.field(
        default=None, validator=_checks.decimal_range(_CODE, optional=True)
    )
    years: int = attrs.field(default=1, validator=_checks.type_of(int, _CODE))


# The slot descriptors of LineItem, written directly by new_line below.
(
    _set_code,
    _set_tax_head,
    _set_amount,
    _set_name_en,
    _set_name_ar,
    _set_rule_version,
    _set_quantity,
    _set_base,
    _set_rate,
    _set_years,
) = (LineItem.__dict__[field.name].__set__ for field in attrs.fields(LineItem))
_new = object.__new__


def new_line(
    code: str,
    tax_head: TaxHead,
    amount: Money,
    name_en: str,
    name_ar: str,
    rule_version: int | None,
    quantity: Decimal | None,
    base: Money | None,
    rate: Decimal | None,
    years: int,
) -> LineItem:
    """Build a LineItem from values already known to be valid, without checking them.

    For the calculation hot path only: its lines come from validated rules and inputs,
    and re-running ten field validators per line would cost more than the arithmetic
    (the 100 000 breakdowns/s target). The slots are written as attrs' own ``__init__``
    writes them; tests rebuild every result through the validating constructor.
    """
    line: LineItem = _new(LineItem)
    _set_code(line, code)
    _set_tax_head(line, tax_head)
    _set_amount(line, amount)
    _set_name_en(line, name_en)
    _set_name_ar(line, name_ar)
    _set_rule_version(line, rule_version)
    _set_quantity(line, quantity)
    _set_base(line, base)
    _set_rate(line, rate)
    _set_years(line, years)
    return line


def check_lines(_instance: object, attribute: Any, lines: object) -> None:
    """Validator: a non-empty tuple of LineItem (a breakdown's or an invoice's lines)."""
    if not isinstance(lines, tuple) or not lines or not all(isinstance(x, LineItem) for x in lines):
        raise _checks.invalid_type(attribute.name, _CODE)


def check_total(lines: tuple[LineItem, ...], total: Money, *, code: str) -> None:
    """Check that ``lines`` are in ``total``'s currency and add up exactly to it, rounded.

    Raises:
        CurrencyMismatch: a line in another currency (``{code}.currency``).
        DomainRuleError: the total is not rounded or not the sum (``{code}.total``).
    """
    if any(line.amount.currency != total.currency for line in lines):
        raise CurrencyMismatch(
            "Every line must be in the total's currency.",
            "يجب أن تكون جميع البنود بعملة الإجمالي.",
            code=f"{code}.currency",
            field="lines",
        )
    if not total.is_rounded() or sum(line.amount for line in lines) != total:
        raise DomainRuleError(
            "The total must be rounded and equal the sum of the lines.",
            "يجب أن يكون الإجمالي مقربًا ومساويًا لمجموع البنود.",
            code=f"{code}.total",
            field="total",
        )
