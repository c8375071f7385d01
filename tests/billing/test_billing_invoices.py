import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.billing import (
    FeeKind,
    FeeRule,
    FeeSchedule,
    Invoice,
    InvoiceBook,
    InvoiceStatus,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    calculate,
    cancel,
    issue_invoice,
    partial_payments_allowed,
    pay,
)
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
)
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date
UTC = dt.timezone.utc
PAYER = Payer(PayerKind.INDIVIDUAL, "12345678", "Salim Al-Harthy")
FEE = FeeRule(code="fee", version=1, kind=FeeKind.RATE, name_en="Fee", name_ar="رسم",
              rate=Decimal(1), source="test")  # fmt: skip
SCHEDULE = FeeSchedule("OMR", (FEE,))


def invoice(
    amount: str = "10", seq: InMemorySequence | None = None, payer: Payer = PAYER
) -> Invoice:
    b = calculate(SCHEDULE, ["fee"], on=D(2026, 1, 5), jurisdiction=OM_SOHAR,
                  quantity=Decimal(amount))  # fmt: skip
    return issue_invoice(b, payer=payer, issued_on=D(2026, 1, 5), due_on=D(2026, 2, 4),
                         sequence=seq or InMemorySequence())  # fmt: skip


def payment(amount: str, ref: str = "P-1", day: int = 6) -> Payment:
    at = dt.datetime(2026, 1, day, 9, 0, tzinfo=UTC)
    return Payment(Money(amount, "OMR"), PaymentMethod.ONLINE, ref, at)


def test_invoice_numbers_come_from_the_reference_sequence() -> None:
    seq = InMemorySequence()
    assert [invoice(seq=seq).reference for _ in range(2)] == [
        "SOHAR-INV-2026-000001",
        "SOHAR-INV-2026-000002",
    ]


def test_partial_then_full_payment() -> None:
    inv, r1 = pay(invoice(), payment("4"), allow_partial=True)
    assert inv.status is InvoiceStatus.PARTIALLY_PAID
    assert r1.balance_after == Money(6, "OMR")
    inv, r2 = pay(inv, payment("6", "P-2"), allow_partial=True)
    assert inv.status is InvoiceStatus.PAID
    assert inv.balance == Money(0, "OMR")
    assert inv.receipts == (r1, r2)


def test_same_reference_same_amount_is_idempotent() -> None:
    inv, receipt = pay(invoice(), payment("4"), allow_partial=True)
    again, receipt2 = pay(inv, payment("4"), allow_partial=True)
    assert again is inv
    assert receipt2 is receipt
    assert again.paid == Money(4, "OMR")
    with pytest.raises(DuplicateError) as err:
        pay(inv, payment("5"), allow_partial=True)
    assert err.value.code == "billing.payment.duplicate_reference"


@pytest.mark.parametrize(
    ("amount", "allow", "code"),
    [("10.001", True, "billing.payment.overpayment"), ("9", False, "billing.payment.partial")],
)
def test_overpayment_and_unwanted_partial_payment(amount: str, allow: bool, code: str) -> None:
    with pytest.raises(DomainRuleError) as err:
        pay(invoice(), payment(amount), allow_partial=allow)
    assert err.value.code == code


def test_paid_and_cancelled_invoices_refuse_payment() -> None:
    paid, _ = pay(invoice(), payment("10"), allow_partial=False)
    with pytest.raises(DomainRuleError) as err:
        pay(paid, payment("1", "P-2"), allow_partial=True)
    assert err.value.code == "billing.invoice.already_paid"
    with pytest.raises(DomainRuleError) as err:
        pay(cancel(invoice()), payment("10"), allow_partial=False)
    assert err.value.code == "billing.invoice.cancelled"
    with pytest.raises(DomainRuleError) as err:
        cancel(paid)
    assert err.value.code == "billing.invoice.has_payments"


def test_payment_values_are_checked() -> None:
    with pytest.raises(CurrencyMismatch):
        pay(invoice(), Payment(Money(1, "SAR"), PaymentMethod.CASH, "X", dt.datetime.now(UTC)),
            allow_partial=True)  # fmt: skip
    with pytest.raises(InvalidFormat):
        Payment(Money(1, "OMR"), PaymentMethod.CASH, "X", dt.datetime(2026, 1, 1))
    with pytest.raises(DomainRuleError):
        Payment(Money(0, "OMR"), PaymentMethod.CASH, "X", dt.datetime.now(UTC))


def test_status_must_agree_with_payments() -> None:
    inv = invoice()
    with pytest.raises(InvalidComponent):
        Invoice(inv.reference, PAYER, inv.jurisdiction, inv.issued_on, inv.due_on, inv.lines,
                inv.total, InvoiceStatus.PAID)  # fmt: skip
    with pytest.raises(InvalidComponent):
        Invoice(inv.reference, PAYER, inv.jurisdiction, inv.issued_on, D(2026, 1, 4), inv.lines,
                inv.total)  # fmt: skip


def test_payer_id_is_masked_in_repr() -> None:
    assert "12345678" not in repr(PAYER)
    assert "****5678" in repr(PAYER)
    assert "12345678" not in repr(invoice())


@given(st.lists(st.integers(1, 4000), min_size=1, max_size=8))
def test_partial_payments_never_exceed_the_total(parts: list[int]) -> None:
    inv = invoice("10")
    for i, units in enumerate(parts):
        p = Payment(Money.from_minor_units(units, "OMR"), PaymentMethod.CASH, f"P-{i}",
                    dt.datetime(2026, 1, 6, tzinfo=UTC))  # fmt: skip
        try:
            inv, receipt = pay(inv, p, allow_partial=True)
        except DomainRuleError:
            continue
        assert receipt.balance_after == inv.balance
        assert inv.paid <= inv.total
    assert inv.paid + inv.balance == inv.total
    if inv.balance.is_zero():
        assert inv.status is InvoiceStatus.PAID
    else:
        assert inv.status is (InvoiceStatus.PARTIALLY_PAID if inv.receipts else InvoiceStatus.OPEN)
    assert from_json(to_json(inv), Invoice) == inv


def test_book_lists_paid_invoices_newest_first_and_guards_references() -> None:
    book, seq = InvoiceBook(), InMemorySequence()
    other = Payer(PayerKind.ESTABLISHMENT, "1234567", "Co")
    a, b, c = (book.add(invoice(seq=seq)) for _ in range(3))
    d = book.add(invoice(seq=seq, payer=other))
    book.pay(b.reference, payment("10", "P-b", day=7))
    book.pay(a.reference, payment("10", "P-a", day=8))
    book.pay(d.reference, payment("10", "P-d", day=9))
    assert [i.reference for i in book.paid_invoices(PAYER.id)] == [a.reference, b.reference]
    with pytest.raises(DuplicateError):
        book.pay(c.reference, payment("10", "P-a"))
    with pytest.raises(DomainRuleError):  # Sohar: partial payments not allowed by default
        book.pay(c.reference, payment("1", "P-c"))
    book.pay(c.reference, payment("1", "P-c"), allow_partial=True)
    assert book.get(c.reference).status is InvoiceStatus.PARTIALLY_PAID
    with pytest.raises(NotFound):
        book.get("nope")
    with pytest.raises(DuplicateError):
        book.add(invoice(seq=InMemorySequence()))  # reference 000001 again, different invoice
    assert book.add(book.get(a.reference)) == book.get(a.reference)
    assert book.cancel(invoice_ref := book.add(invoice(seq=seq)).reference).status is (
        InvoiceStatus.CANCELLED
    )
    assert book.get(invoice_ref).balance == Money(0, "OMR")


def test_partial_payment_rule_lives_in_the_profiles() -> None:
    assert partial_payments_allowed(OM_SOHAR, D(2026, 1, 1)) is False
