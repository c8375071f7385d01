"""Billing: fee rules as data, fee breakdowns, invoices, payments and receipts.

What lives here:

* **Fee rules** (:class:`FeeRule`, :class:`SlabBand`): flat, rate x quantity, percentage
  of a base, slabs; minimum and maximum clamps; per-year; wildcard criteria;
  effective-dated with a source note. A :class:`FeeSchedule` picks the version in force.
* **Calculation** (:func:`calculate`): a :class:`FeeBreakdown` of :class:`LineItem` under
  tax heads (:class:`TaxHead`), with VAT per jurisdiction and fee, an early-payment
  :class:`RebateWindow` or a :class:`LatePenalty`, and one rounding of the total.
* **Invoices** (:class:`Invoice`, :func:`issue_invoice`, :func:`pay`, :func:`cancel`),
  :class:`Payment`, :class:`Receipt` and an in-memory :class:`InvoiceBook`.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.money import Money
    >>> rules = (
    ...     FeeRule(code="permit.application", version=1, kind=FeeKind.FLAT,
    ...             name_en="Application", name_ar="رسم الطلب",
    ...             amount=Money("0.100", "OMR"), source="gov.om"),
    ...     FeeRule(code="permit.area", version=1, kind=FeeKind.RATE,
    ...             name_en="Area above 400 m²", name_ar="المساحة الزائدة عن 400 م²",
    ...             rate=Decimal("0.020"), unit="m²", free_quantity=Decimal(400),
    ...             source="gov.om"),
    ... )
    >>> breakdown = calculate(FeeSchedule("OMR", rules), ["permit.application", "permit.area"],
    ...                       on=dt.date(2026, 1, 1), jurisdiction=OM_SOHAR,
    ...                       quantity=Decimal(650))
    >>> [(line.code, line.amount) for line in breakdown.lines]
    [('permit.application', Money('0.100', 'OMR')), ('permit.area', Money('5.000', 'OMR'))]
    >>> breakdown.total
    Money('5.100', 'OMR')
"""

from municipal_core.billing._book import (
    PARTIAL_PAYMENTS_RULE,
    InvoiceBook,
    partial_payments_allowed,
)
from municipal_core.billing._breakdown import FeeBreakdown, FeeRequest, calculate
from municipal_core.billing._invoices import (
    INVOICE_NUMBER,
    Invoice,
    InvoiceStatus,
    Payer,
    PayerKind,
    cancel,
    issue_invoice,
    pay,
)
from municipal_core.billing._lines import LineItem
from municipal_core.billing._payments import Payment, PaymentMethod, Receipt
from municipal_core.billing._penalties import LatePenalty, RebateWindow
from municipal_core.billing._rules import WILDCARD, FeeKind, FeeRule, SlabBand, TaxHead
from municipal_core.billing._schedule import FeeSchedule

__all__ = [
    "INVOICE_NUMBER",
    "PARTIAL_PAYMENTS_RULE",
    "WILDCARD",
    "FeeBreakdown",
    "FeeKind",
    "FeeRequest",
    "FeeRule",
    "FeeSchedule",
    "Invoice",
    "InvoiceBook",
    "InvoiceStatus",
    "LatePenalty",
    "LineItem",
    "Payer",
    "PayerKind",
    "Payment",
    "PaymentMethod",
    "RebateWindow",
    "Receipt",
    "SlabBand",
    "TaxHead",
    "calculate",
    "cancel",
    "issue_invoice",
    "partial_payments_allowed",
    "pay",
]
