"""Invoices and payment receipts as printed.

* :func:`invoice_document` -- a :class:`~municipal_core.billing.Invoice`: the payer
  (identifier masked unless asked), dates, the fee lines in a table with the total, the
  total in words, what is paid and what is still due;
* :func:`receipt_document` -- a payment receipt: from an invoice (its latest receipt, or
  the one of a named payment, with the payer and the invoice's lines) or from a bare
  :class:`~municipal_core.billing.Receipt` (the payment alone).

The receipt is dated the day of payment in the jurisdiction's time zone, not in UTC: a
payment at 22:00 UTC in Muscat belongs to the next day there.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.billing import Payment, PaymentMethod, Receipt
    >>> from municipal_core.money import Money
    >>> at = dt.datetime(2026, 1, 5, 22, 0, tzinfo=dt.timezone.utc)
    >>> paid = Receipt("SOHAR-INV-2026-000001",
    ...                Payment(Money(2, "OMR"), PaymentMethod.CARD, "P-1", at), Money(0, "OMR"))
    >>> doc = receipt_document(paid)
    >>> doc.reference, doc.issued_on, doc.municipality.en
    ('P-1', datetime.date(2026, 1, 6), 'Sohar Municipality')
"""

from __future__ import annotations

from municipal_core import jurisdictions
from municipal_core.billing import (
    Invoice,
    InvoiceStatus,
    LineItem,
    PaymentMethod,
    Receipt,
)
from municipal_core.documents._blocks import Align, Bilingual, Block, Column, Document, Field, Table
from municipal_core.documents._printable_parts import (
    CODE,
    ISSUED_ON,
    TOTAL,
    PrintOptions,
    assemble,
    date_field,
    fields_section,
    id_field,
    money_field,
    require,
    text_field,
    words_field,
)
from municipal_core.errors import InvalidFormat, NotFound
from municipal_core.licensing import Printable
from municipal_core.money import Currency, Money

__all__ = ["invoice_document", "line_table", "receipt_document"]

_DEFAULT_OPTIONS = PrintOptions()
_INVOICE_NO = Bilingual("رقم الفاتورة", "Invoice no.")
_PAYER = Bilingual("اسم الدافع", "Payer")
_PAYER_ID = Bilingual("رقم هوية الدافع", "Payer's ID")

_STATUS = {
    InvoiceStatus.OPEN: Bilingual("غير مدفوعة", "Open"),
    InvoiceStatus.PARTIALLY_PAID: Bilingual("مدفوعة جزئيًا", "Partially paid"),
    InvoiceStatus.PAID: Bilingual("مدفوعة", "Paid"),
    InvoiceStatus.CANCELLED: Bilingual("ملغاة", "Cancelled"),
}

_METHOD = {
    PaymentMethod.CASH: Bilingual("نقدًا", "Cash"),
    PaymentMethod.CARD: Bilingual("بطاقة", "Card"),
    PaymentMethod.BANK_TRANSFER: Bilingual("تحويل بنكي", "Bank transfer"),
    PaymentMethod.ONLINE: Bilingual("دفع إلكتروني", "Online payment"),
    PaymentMethod.CHEQUE: Bilingual("شيك", "Cheque"),
}


def line_table(lines: tuple[LineItem, ...], total: Money) -> Table:
    """Return the fee lines as a table (Arabic and English names, amount) with the total.

    Shared by invoices, receipts and violation notices.

    Examples:
        >>> from municipal_core.billing import TaxHead
        >>> line = LineItem("fee", TaxHead.FEE, Money(2, "OMR"), "Card", "بطاقة")
        >>> table = line_table((line,), Money(2, "OMR"))
        >>> table.rows, table.total
        ((('بطاقة', 'Card', '2.000'),), ('الإجمالي', 'Total', '2.000'))
    """
    currency = total.currency
    return Table(
        columns=(
            Column(Bilingual("البند", "Item (Arabic)"), weight=4),
            Column(Bilingual("البند بالإنجليزية", "Item"), weight=4),
            Column(
                Bilingual(f"المبلغ ({currency.symbol_ar})", f"Amount ({currency.code})"),
                weight=2,
                align=Align.END,
            ),
        ),
        rows=tuple(
            (line.name_ar, line.name_en, line.amount.format("en", symbol=False)) for line in lines
        ),
        total=(TOTAL.ar, TOTAL.en, total.format("en", symbol=False)),
    )


def _payer_rows(invoice: Invoice, options: PrintOptions) -> list[Field]:
    return [
        text_field(_PAYER, invoice.payer.name),
        id_field(_PAYER_ID, invoice.payer.id, options),
    ]


def invoice_document(invoice: Invoice, *, options: PrintOptions = _DEFAULT_OPTIONS) -> Document:
    """Return the printable invoice (فاتورة).

    Raises:
        InvalidFormat: ``invoice`` is not an Invoice (``documents.printable.type``).

    Examples:
        >>> invoice_document(None)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Invoice is required for invoice.
    """
    require(invoice, Invoice, "invoice")
    status = _STATUS[invoice.status]
    rows = [
        text_field(_INVOICE_NO, invoice.reference),
        *_payer_rows(invoice, options),
        date_field(ISSUED_ON, invoice.issued_on, options),
        date_field(Bilingual("تاريخ الاستحقاق", "Due on"), invoice.due_on, options),
        text_field(Bilingual("الحالة", "Status"), status.en, status.ar),
    ]
    amounts = [
        money_field(TOTAL, invoice.total, options),
        words_field(invoice.total),
        money_field(Bilingual("المدفوع", "Paid"), invoice.paid, options),
        money_field(Bilingual("المتبقي", "Balance due"), invoice.balance, options),
    ]
    blocks: tuple[Block, ...] = (
        *fields_section(Bilingual("بيانات الفاتورة", "Invoice"), rows),
        line_table(invoice.lines, invoice.total),
        *fields_section(Bilingual("المبالغ", "Amounts"), amounts),
    )
    return assemble(
        Printable.INVOICE,
        Bilingual("فاتورة", "Invoice"),
        invoice.reference,
        invoice.issued_on,
        invoice.jurisdiction,
        blocks,
        options,
    )


def _jurisdiction_of(currency: Currency) -> str:
    # A bare receipt names no jurisdiction; its currency does (OMR: Sohar, SAR: Balady).
    for profile in jurisdictions.all_jurisdictions():
        if profile.currency == currency:
            return profile.code
    raise NotFound(
        "No jurisdiction uses the receipt's currency; pass the municipality.",
        "لا توجد جهة تستخدم عملة الإيصال؛ أدخل اسم البلدية.",
        code=f"{CODE}.jurisdiction",
        field="receipt",
    )


def _pick_receipt(invoice: Invoice, payment: str | None) -> Receipt:
    found = invoice.receipts[-1:] if payment is None else (invoice.receipt_for(payment),)
    if not found or found[0] is None:
        raise NotFound(
            "The invoice has no such payment to print a receipt for.",
            "لا توجد للفاتورة دفعة بهذا الرقم لطباعة إيصالها.",
            code=f"{CODE}.receipt",
            field="payment",
        )
    return found[0]


def receipt_document(
    paid: Invoice | Receipt,
    *,
    payment: str | None = None,
    options: PrintOptions = _DEFAULT_OPTIONS,
) -> Document:
    """Return the printable payment receipt (إيصال دفع).

    ``paid`` is an invoice (its latest receipt, or the one of the payment whose reference
    is ``payment``; the payer and lines are printed too) or a bare receipt.

    Raises:
        InvalidFormat: ``paid`` is neither (``documents.printable.type``).
        NotFound: the invoice has no (such) payment (``documents.printable.receipt``).

    Examples:
        >>> receipt_document("P-1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: An Invoice or a Receipt is required for paid.
    """
    invoice: Invoice | None = None
    if isinstance(paid, Invoice):
        invoice, receipt = paid, _pick_receipt(paid, payment)
        jurisdiction = paid.jurisdiction
    elif isinstance(paid, Receipt):
        receipt = paid
        jurisdiction = _jurisdiction_of(paid.payment.amount.currency)
    else:
        raise InvalidFormat(
            "An Invoice or a Receipt is required for paid.",
            "يلزم كائن من نوع Invoice أو Receipt للحقل paid.",
            code=f"{CODE}.type",
            field="paid",
        )
    money = receipt.payment.amount
    day = jurisdictions.get(jurisdiction).today_in(receipt.payment.paid_at)
    method = _METHOD[receipt.payment.method]
    rows = [
        text_field(Bilingual("رقم الدفعة", "Payment reference"), receipt.payment.reference),
        text_field(_INVOICE_NO, receipt.invoice_reference),
        *(() if invoice is None else _payer_rows(invoice, options)),
        date_field(Bilingual("تاريخ الدفع", "Paid on"), day, options),
        text_field(Bilingual("طريقة الدفع", "Method"), method.en, method.ar),
        money_field(Bilingual("المبلغ المدفوع", "Amount paid"), money, options),
        words_field(money),
        money_field(
            Bilingual("الرصيد المتبقي", "Balance remaining"), receipt.balance_after, options
        ),
    ]
    blocks: tuple[Block, ...] = (
        *fields_section(Bilingual("بيانات الدفع", "Payment"), rows),
        *(() if invoice is None else (line_table(invoice.lines, invoice.total),)),
    )
    return assemble(
        Printable.RECEIPT,
        Bilingual("إيصال دفع", "Payment receipt"),
        receipt.payment.reference,
        day,
        jurisdiction,
        blocks,
        options,
    )
