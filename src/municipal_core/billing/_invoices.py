"""Invoices: issued from a breakdown, paid in full or in part, idempotently, or cancelled.

Invoice numbers come from :mod:`municipal_core.identifiers.references` (a
``ReferenceFormat`` and a ``SequenceSource``), like every other reference number.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.billing import FeeKind, FeeRule, FeeSchedule, PaymentMethod, calculate
    >>> from municipal_core.identifiers.references import InMemorySequence
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> fee = FeeRule(code="address.card", version=1, kind=FeeKind.FLAT,
    ...     name_en="Address card", name_ar="بطاقة العنوان", amount=Money(2, "OMR"),
    ...     source="test")
    >>> breakdown = calculate(FeeSchedule("OMR", (fee,)), ["address.card"],
    ...                       on=dt.date(2026, 1, 5), jurisdiction=OM_SOHAR)
    >>> payer = Payer(PayerKind.INDIVIDUAL, "12345678", "Salim Al-Harthy")
    >>> invoice = issue_invoice(breakdown, payer=payer, issued_on=dt.date(2026, 1, 5),
    ...     due_on=dt.date(2026, 2, 4), sequence=InMemorySequence())
    >>> invoice.reference, invoice.status.value, invoice.balance
    ('SOHAR-INV-2026-000001', 'open', Money('2.000', 'OMR'))
    >>> at = dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.timezone.utc)
    >>> paid, receipt = pay(invoice, Payment(Money(2, "OMR"), PaymentMethod.CARD, "P-1", at),
    ...                     allow_partial=False)
    >>> paid.status.value, receipt.balance_after
    ('paid', Money('0.000', 'OMR'))
    >>> pay(paid, receipt.payment, allow_partial=False) == (paid, receipt)  # idempotent
    True
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from municipal_core import _checks
from municipal_core._text import mask_tail
from municipal_core.billing._breakdown import FeeBreakdown
from municipal_core.billing._lines import LineItem, check_lines, check_total
from municipal_core.billing._payments import Payment, Receipt
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
)
from municipal_core.identifiers.references import ReferenceFormat, SequenceSource, next_reference
from municipal_core.money import Money

__all__ = [
    "INVOICE_NUMBER",
    "Invoice",
    "InvoiceStatus",
    "Payer",
    "PayerKind",
    "cancel",
    "issue_invoice",
    "pay",
]

_CODE = "billing.invoice"
_PAY = "billing.payment"

INVOICE_NUMBER = ReferenceFormat("[jurisdiction]-INV-[fy]-[seq:6]")
"""Default invoice number: ``SOHAR-INV-2026-000123``, numbered per office and year."""


class PayerKind(str, enum.Enum):
    """Who pays: a person, an establishment (CR holder) or a government body."""

    INDIVIDUAL = "individual"
    ESTABLISHMENT = "establishment"
    GOVERNMENT = "government"


def _masked(value: str) -> str:
    return repr(mask_tail(value))


@attrs.frozen
class Payer:
    """The person or body an invoice is addressed to; the id is masked in ``repr``.

    Attributes:
        kind: what kind of payer.
        id: civil number, national ID, CR or unified number, as the host app keeps it.
        name: the payer's name as printed on the invoice.

    Examples:
        >>> Payer(PayerKind.INDIVIDUAL, "1000000008", "Sara")
        Payer(kind=<PayerKind.INDIVIDUAL: 'individual'>, id='******0008', name='Sara')
    """

    kind: PayerKind = attrs.field(validator=_checks.type_of(PayerKind, f"{_CODE}.payer"))
    id: str = attrs.field(validator=_checks.text(f"{_CODE}.payer"), repr=_masked)
    name: str = attrs.field(validator=_checks.text(f"{_CODE}.payer"))


class InvoiceStatus(str, enum.Enum):
    """Where an invoice stands; follows from what has been paid, except cancellation."""

    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    CANCELLED = "cancelled"


def _status_for(paid: Money, total: Money) -> InvoiceStatus:
    if paid.is_zero():
        return InvoiceStatus.OPEN
    return InvoiceStatus.PAID if paid == total else InvoiceStatus.PARTIALLY_PAID


def _check_receipts(_instance: object, _attribute: object, receipts: object) -> None:
    if not isinstance(receipts, tuple) or not all(isinstance(x, Receipt) for x in receipts):
        raise _checks.invalid_type("receipts", _CODE)


@attrs.frozen
class Invoice:
    """A bill to one payer: line items, a rounded total, a due date, and its receipts.

    The status must agree with the receipts (open, partially paid, paid), unless the
    invoice is cancelled, which only an invoice with no payments can be. Change an invoice
    with :func:`pay` and :func:`cancel`, which return a new one.

    Attributes:
        reference: the invoice number.
        payer: who pays.
        jurisdiction: code of the issuing jurisdiction.
        issued_on: day of issue.
        due_on: day payment is due (not before ``issued_on``).
        lines: the line items (from a :class:`FeeBreakdown`).
        total: the rounded total, equal to the sum of the lines.
        status: where the invoice stands.
        receipts: the payments applied so far, oldest first.
    """

    reference: str = attrs.field(validator=_checks.text(_CODE))
    payer: Payer = attrs.field(validator=_checks.type_of(Payer, _CODE))
    jurisdiction: str = attrs.field(validator=_checks.text(_CODE))
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, _CODE))
    due_on: dt.date = attrs.field(validator=_checks.date_order(_CODE, "issued_on"))
    lines: tuple[LineItem, ...] = attrs.field(validator=check_lines)
    total: Money = attrs.field(validator=_checks.money(_CODE, positive=True))
    status: InvoiceStatus = attrs.field(
        default=InvoiceStatus.OPEN, validator=_checks.type_of(InvoiceStatus, _CODE)
    )
    receipts: tuple[Receipt, ...] = attrs.field(default=(), validator=_check_receipts)

    def __attrs_post_init__(self) -> None:
        check_total(self.lines, self.total, code=_CODE)
        if any(r.payment.amount.currency != self.total.currency for r in self.receipts):
            raise CurrencyMismatch(
                "Every payment on an invoice must be in its currency.",
                "يجب أن تكون جميع مدفوعات الفاتورة بعملتها.",
                code=f"{_PAY}.currency",
                field="receipts",
            )
        paid = self.paid  # sums every receipt: once
        if paid > self.total:
            raise DomainRuleError(
                "An invoice cannot be paid more than its total.",
                "لا يجوز أن يتجاوز المدفوع إجمالي الفاتورة.",
                code=f"{_PAY}.overpayment",
                field="receipts",
            )
        expected = _status_for(paid, self.total)
        if self.status is not expected and not (
            self.status is InvoiceStatus.CANCELLED and not self.receipts
        ):
            raise InvalidComponent(
                "The invoice's status does not agree with its payments.",
                "حالة الفاتورة لا تتفق مع المدفوعات.",
                code=f"{_CODE}.status",
                field="status",
            )

    @property
    def paid(self) -> Money:
        """The sum of the payments applied."""
        return sum((r.payment.amount for r in self.receipts), Money.zero(self.total.currency))

    @property
    def balance(self) -> Money:
        """What remains due (zero once paid or cancelled)."""
        if self.status is InvoiceStatus.CANCELLED:
            return Money.zero(self.total.currency)
        return self.total - self.paid

    def receipt_for(self, payment_reference: str) -> Receipt | None:
        """Return the receipt of the payment with that reference, if it was applied here."""
        for receipt in self.receipts:
            if receipt.payment.reference == payment_reference:
                return receipt
        return None


def _office_label(jurisdiction: str) -> str:
    # "om-sohar" -> "SOHAR": the reference token takes 1-16 letters or digits only.
    label = re.sub(r"[^A-Za-z0-9]", "", jurisdiction.partition("-")[2] or jurisdiction)
    return label[:16].upper() or "INV"


def issue_invoice(
    breakdown: FeeBreakdown,
    *,
    payer: Payer,
    issued_on: dt.date,
    due_on: dt.date,
    sequence: SequenceSource,
    fmt: ReferenceFormat = INVOICE_NUMBER,
    label: str | None = None,
) -> Invoice:
    """Return an open invoice for ``breakdown``, numbered from ``sequence``.

    Args:
        breakdown: the calculated fees; its lines and total go on the invoice.
        payer: who pays.
        issued_on: day of issue (also the reference's date).
        due_on: day payment is due.
        sequence: where the invoice number's sequence comes from.
        fmt: the reference format (default :data:`INVOICE_NUMBER`).
        label: the ``[jurisdiction]`` token; defaults to the jurisdiction code's name part
            (``om-sohar`` -> ``SOHAR``).

    Raises:
        DomainRuleError: the total is zero (``billing.invoice.total.amount``).
        ValidationError: a bad payer, dates or label.
    """
    if not isinstance(breakdown, FeeBreakdown):
        raise _checks.invalid_type("breakdown", _CODE)
    if not isinstance(payer, Payer):
        raise _checks.invalid_type("payer", _CODE)
    reference = next_reference(
        fmt,
        on=issued_on,
        sequence=sequence,
        jurisdiction=label if label is not None else _office_label(breakdown.jurisdiction),
    )
    return Invoice(
        reference=reference,
        payer=payer,
        jurisdiction=breakdown.jurisdiction,
        issued_on=issued_on,
        due_on=due_on,
        lines=breakdown.lines,
        total=breakdown.total,
    )


def pay(invoice: Invoice, payment: Payment, *, allow_partial: bool) -> tuple[Invoice, Receipt]:
    """Apply ``payment`` to ``invoice``; return the new invoice and the receipt.

    Paying again with a payment reference already applied to this invoice, for the same
    amount, returns the unchanged invoice and the original receipt: never a double charge.

    Raises:
        DuplicateError: the reference was already used with another amount or method
            (``billing.payment.duplicate_reference``).
        DomainRuleError: the invoice is cancelled or already paid
            (``billing.invoice.cancelled`` / ``billing.invoice.already_paid``), the payment
            exceeds the balance (``billing.payment.overpayment``), or is partial when
            partial payments are not allowed (``billing.payment.partial``).
        CurrencyMismatch: the payment is in another currency.
    """
    if not isinstance(invoice, Invoice):
        raise _checks.invalid_type("invoice", _CODE)
    if not isinstance(payment, Payment):
        raise _checks.invalid_type("payment", _PAY)
    earlier = invoice.receipt_for(payment.reference)
    if earlier is not None:
        if earlier.payment.amount == payment.amount and earlier.payment.method is payment.method:
            return invoice, earlier
        raise DuplicateError(
            "This payment reference was already used for a different payment.",
            "استُخدم مرجع الدفع هذا من قبل لدفعة مختلفة.",
            code=f"{_PAY}.duplicate_reference",
            field="reference",
        )
    if invoice.status is InvoiceStatus.CANCELLED or invoice.status is InvoiceStatus.PAID:
        cancelled = invoice.status is InvoiceStatus.CANCELLED
        raise DomainRuleError(
            "The invoice is cancelled." if cancelled else "The invoice is already paid.",
            "الفاتورة ملغاة." if cancelled else "الفاتورة مدفوعة بالكامل.",
            code=f"{_CODE}.cancelled" if cancelled else f"{_CODE}.already_paid",
            field="invoice",
        )
    paid_before = invoice.paid  # the invoice is neither cancelled nor paid (refused above)
    balance = invoice.total - paid_before
    if payment.amount.currency != balance.currency:
        raise CurrencyMismatch(
            "The payment is not in the invoice's currency.",
            "الدفعة ليست بعملة الفاتورة.",
            code=f"{_PAY}.currency",
            field="amount",
        )
    if payment.amount > balance:
        raise DomainRuleError(
            "The payment is more than the balance due.",
            "الدفعة أكبر من الرصيد المستحق.",
            code=f"{_PAY}.overpayment",
            field="amount",
        )
    if payment.amount < balance and not allow_partial:
        raise DomainRuleError(
            "Partial payments are not allowed; pay the full balance.",
            "السداد الجزئي غير مسموح؛ ادفع الرصيد كاملًا.",
            code=f"{_PAY}.partial",
            field="amount",
        )
    receipt = Receipt(invoice.reference, payment, balance - payment.amount)
    paid = paid_before + payment.amount
    new = attrs.evolve(
        invoice, receipts=(*invoice.receipts, receipt), status=_status_for(paid, invoice.total)
    )
    return new, receipt


def cancel(invoice: Invoice) -> Invoice:
    """Return ``invoice`` cancelled; cancelling a cancelled invoice changes nothing.

    Raises:
        DomainRuleError: payments were applied (``billing.invoice.has_payments``).
    """
    if not isinstance(invoice, Invoice):
        raise _checks.invalid_type("invoice", _CODE)
    if invoice.receipts:
        raise DomainRuleError(
            "An invoice with payments cannot be cancelled; refund them first.",
            "لا يمكن إلغاء فاتورة عليها مدفوعات؛ أعد المبالغ أولًا.",
            code=f"{_CODE}.has_payments",
            field="invoice",
        )
    return attrs.evolve(invoice, status=InvoiceStatus.CANCELLED)
