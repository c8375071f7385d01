"""Payments and receipts: values only; paying an invoice is in ``_invoices``.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.money import Money
    >>> at = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone.utc)
    >>> Payment(Money("10.110", "OMR"), PaymentMethod.CARD, "PAY-0001", at).amount
    Money('10.110', 'OMR')
    >>> Payment(Money("10.1101", "OMR"), PaymentMethod.CARD, "PAY-0001", at)
    Traceback (most recent call last):
        ...
    municipal_core.errors.DomainRuleError: A payment must be a whole number of minor units.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from municipal_core import _checks
from municipal_core.errors import CurrencyMismatch, DomainRuleError
from municipal_core.money import Money

__all__ = ["Payment", "PaymentMethod", "Receipt"]

_CODE = "billing.payment"


class PaymentMethod(str, enum.Enum):
    """How a payment was made."""

    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    ONLINE = "online"
    """A payment gateway (e.g. SADAD in Saudi Arabia, the Oman payment gateway)."""
    CHEQUE = "cheque"


@attrs.frozen
class Payment:
    """Money received against an invoice.

    Attributes:
        amount: a positive amount in whole minor units.
        method: how it was paid.
        reference: the payment's own reference (bank, gateway or cashier); it makes paying
            idempotent, so it must be unique.
        paid_at: when it was paid (timezone-aware).
    """

    amount: Money = attrs.field(validator=_checks.money(_CODE, positive=True))
    method: PaymentMethod = attrs.field(validator=_checks.type_of(PaymentMethod, _CODE))
    reference: str = attrs.field(validator=_checks.text(f"{_CODE}.reference"))
    paid_at: dt.datetime = attrs.field(validator=_checks.aware(_CODE))

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_rounded():
            raise DomainRuleError(
                "A payment must be a whole number of minor units.",
                "يجب أن يكون المبلغ المدفوع عددًا صحيحًا من الوحدات الصغرى.",
                code=f"{_CODE}.not_rounded",
                field="amount",
            )


@attrs.frozen
class Receipt:
    """Proof that a payment was applied to an invoice.

    Attributes:
        invoice_reference: the invoice paid.
        payment: the payment applied.
        balance_after: what remained due on the invoice after this payment.
    """

    invoice_reference: str = attrs.field(validator=_checks.text(f"{_CODE}.receipt"))
    payment: Payment = attrs.field(validator=_checks.type_of(Payment, _CODE))
    balance_after: Money = attrs.field(validator=_checks.money(f"{_CODE}.receipt"))

    def __attrs_post_init__(self) -> None:
        if self.balance_after.currency != self.payment.amount.currency:
            raise CurrencyMismatch(
                "A receipt's balance must be in the payment's currency.",
                "يجب أن يكون رصيد الإيصال بعملة الدفعة.",
                code=f"{_CODE}.currency",
                field="balance_after",
            )
