"""An in-memory invoice book: add, look up, pay, cancel, list a payer's paid invoices.

Thread-safe, for tests and single processes; a database-backed store belongs to the
registry layer. Payment references are unique across the whole book, so a gateway that
retries a notification for the same payment never charges twice, on any invoice.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.billing import (FeeKind, FeeRule, FeeSchedule, Payer, PayerKind,
    ...     Payment, PaymentMethod, calculate, issue_invoice)
    >>> from municipal_core.identifiers.references import InMemorySequence
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.money import Money
    >>> fee = FeeRule(code="letter", version=1, kind=FeeKind.FLAT, name_en="Service letter",
    ...     name_ar="رسالة خدمة", amount=Money(3, "OMR"), source="test")
    >>> b = calculate(FeeSchedule("OMR", (fee,)), ["letter"], on=dt.date(2026, 1, 5),
    ...               jurisdiction=OM_SOHAR)
    >>> payer = Payer(PayerKind.INDIVIDUAL, "12345678", "Salim")
    >>> book = InvoiceBook()
    >>> invoice = book.add(issue_invoice(b, payer=payer, issued_on=dt.date(2026, 1, 5),
    ...     due_on=dt.date(2026, 2, 4), sequence=InMemorySequence()))
    >>> at = dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.timezone.utc)
    >>> _ = book.pay(invoice.reference, Payment(Money(3, "OMR"), PaymentMethod.CASH, "C-9", at))
    >>> [i.reference for i in book.paid_invoices("12345678")]
    ['SOHAR-INV-2026-000001']
"""

from __future__ import annotations

import datetime as dt
import threading

from municipal_core import jurisdictions
from municipal_core.billing._invoices import Invoice, InvoiceStatus, cancel, pay
from municipal_core.billing._payments import Payment, Receipt
from municipal_core.errors import DuplicateError, InvalidFormat, NotFound

__all__ = ["PARTIAL_PAYMENTS_RULE", "InvoiceBook", "partial_payments_allowed"]

_CODE = "billing.book"

PARTIAL_PAYMENTS_RULE = "billing.partial_payments_allowed"
"""The jurisdiction rule (a flag) saying whether an invoice may be paid in parts."""


def partial_payments_allowed(jurisdiction: jurisdictions.Jurisdiction, on: dt.date) -> bool:
    """Return the jurisdiction's :data:`PARTIAL_PAYMENTS_RULE` in force on ``on``.

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> partial_payments_allowed(SA_BALADY, dt.date(2026, 1, 1))
        False
    """
    value = jurisdiction.rules.value(PARTIAL_PAYMENTS_RULE, on)
    if not isinstance(value, bool):
        raise InvalidFormat(
            f"The rule {PARTIAL_PAYMENTS_RULE!r} must be a flag.",
            f"يجب أن تكون القاعدة {PARTIAL_PAYMENTS_RULE!r} قيمة منطقية.",
            code="jurisdiction.rule.not_flag",
            field=PARTIAL_PAYMENTS_RULE,
        )
    return value


class InvoiceBook:
    """Invoices by reference, with payment references unique across the book."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._invoices: dict[str, Invoice] = {}
        self._payments: dict[str, str] = {}  # payment reference -> invoice reference

    def add(self, invoice: Invoice) -> Invoice:
        """Store a new invoice and return it; adding the same invoice again is a no-op.

        Raises:
            DuplicateError: another invoice has that reference (``billing.book.duplicate``).
        """
        if not isinstance(invoice, Invoice):
            raise InvalidFormat(
                "Only an Invoice can be added.",
                "لا يمكن إضافة إلا فاتورة.",
                code=f"{_CODE}.type",
                field="invoice",
            )
        with self._lock:
            existing = self._invoices.get(invoice.reference)
            if existing is not None and existing != invoice:
                raise DuplicateError(
                    "Another invoice already has this reference.",
                    "توجد فاتورة أخرى بالمرجع نفسه.",
                    code=f"{_CODE}.duplicate",
                    field="reference",
                )
            self._invoices[invoice.reference] = invoice
            for receipt in invoice.receipts:
                self._payments[receipt.payment.reference] = invoice.reference
            return invoice

    def get(self, reference: str) -> Invoice:
        """Return the invoice with ``reference``.

        Raises:
            NotFound: no such invoice (``billing.book.not_found``).
        """
        found = self._invoices.get(reference)
        if found is None:
            raise NotFound(
                "There is no invoice with this reference.",
                "لا توجد فاتورة بهذا المرجع.",
                code=f"{_CODE}.not_found",
                field="reference",
            )
        return found

    def pay(
        self, reference: str, payment: Payment, *, allow_partial: bool | None = None
    ) -> tuple[Invoice, Receipt]:
        """Apply ``payment`` to the invoice ``reference``; see :func:`pay`.

        ``allow_partial=None`` reads the jurisdiction's :data:`PARTIAL_PAYMENTS_RULE` on
        the local date of payment.

        Raises:
            DuplicateError: the payment reference was used on another invoice.
        """
        with self._lock:
            invoice = self.get(reference)
            used_on = self._payments.get(payment.reference)
            if used_on is not None and used_on != reference:
                raise DuplicateError(
                    "This payment reference was already used for another invoice.",
                    "استُخدم مرجع الدفع هذا من قبل لفاتورة أخرى.",
                    code="billing.payment.duplicate_reference",
                    field="reference",
                )
            if allow_partial is None:
                profile = jurisdictions.get(invoice.jurisdiction)
                allow_partial = partial_payments_allowed(profile, profile.today_in(payment.paid_at))
            new, receipt = pay(invoice, payment, allow_partial=allow_partial)
            self._invoices[reference] = new
            self._payments[payment.reference] = reference
            return new, receipt

    def cancel(self, reference: str) -> Invoice:
        """Cancel the invoice ``reference`` and return it; see :func:`cancel`."""
        with self._lock:
            new = cancel(self.get(reference))
            self._invoices[reference] = new
            return new

    def paid_invoices(self, payer_id: str) -> tuple[Invoice, ...]:
        """Return the payer's fully paid invoices, the most recently paid first."""
        with self._lock:
            paid = [
                i
                for i in self._invoices.values()
                if i.status is InvoiceStatus.PAID and i.payer.id == payer_id
            ]
        paid.sort(key=lambda i: (i.receipts[-1].payment.paid_at, i.reference), reverse=True)
        return tuple(paid)
