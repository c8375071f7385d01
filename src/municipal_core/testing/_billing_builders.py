"""Builders for billing: payers, invoices issued through the engine, payments and receipts.

A kit invoice bills a real fee of the context's portal -- the registration fee of a kit
lease in Oman, the fee of a kit construction licence in Saudi Arabia -- through
:func:`~municipal_core.billing.issue_invoice`, numbered from the context's sequence; a kit
receipt comes from :func:`~municipal_core.billing.pay`, never from its constructor.

Examples:
    >>> from municipal_core.testing._context import BuildContext
    >>> ctx = BuildContext(seed=1)
    >>> invoice = build_invoice(ctx)
    >>> invoice.reference, invoice.status.value, invoice.total.currency.code
    ('SOHAR-INV-2026-000001', 'open', 'OMR')
    >>> build_receipt(ctx, invoice=invoice).balance_after
    Money('0.000', 'OMR')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from municipal_core._coerce import to_enum
from municipal_core.billing._breakdown import FeeBreakdown
from municipal_core.billing._invoices import Invoice, Payer, PayerKind, issue_invoice, pay
from municipal_core.billing._payments import Payment, PaymentMethod, Receipt
from municipal_core.leases._fees import registration_fee
from municipal_core.licensing._sa_construction_licence import construction_fee
from municipal_core.testing import _generators as gen
from municipal_core.testing._context import BuildContext, construct
from municipal_core.testing._lease_builders import build_lease
from municipal_core.testing._sa_licence_builders import build_construction_licence

__all__ = ["build_breakdown", "build_invoice", "build_payer", "build_payment", "build_receipt"]

_PAYMENT_DAYS = 30  # [A] a month to pay, as both portals' invoices show


def build_payer(ctx: BuildContext, **overrides: Any) -> Payer:
    """Return a payer: a person by default, or an establishment with its CR.

    A person is identified by a civil number or Saudi national ID; an establishment
    (``kind="establishment"``) by an Omani CR or a Saudi unified number.

    Examples:
        >>> payer = build_payer(BuildContext(), kind="establishment")
        >>> payer.kind.value, len(payer.id)
        ('establishment', 7)
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    kind = to_enum(PayerKind, overrides.pop("kind", PayerKind.INDIVIDUAL),
                   code="testing.payer.kind", field="kind")  # fmt: skip
    saudi = ctx.jurisdiction.country == "SA"
    name = gen.person_name(ctx.rng)
    if kind is PayerKind.INDIVIDUAL:
        number = gen.national_id(ctx.rng) if saudi else gen.civil_number(ctx.rng)
    else:
        number = gen.unified_number(ctx.rng) if saudi else gen.om_cr(ctx.rng)
    defaults: dict[str, Any] = {"kind": kind, "id": number, "name": name.full("ar")}
    return construct(Payer, defaults, overrides, family="payer")


def build_breakdown(ctx: BuildContext) -> FeeBreakdown:
    """Return a real fee of ``ctx``'s portal: a Saudi construction licence, else a lease.

    Examples:
        >>> build_breakdown(BuildContext(jurisdiction="sa-balady")).total.currency.code
        'SAR'
    """
    if ctx.jurisdiction.country == "SA":
        licence = build_construction_licence(ctx)
        return construction_fee(licence, jurisdiction=ctx.jurisdiction)
    lease = build_lease(ctx)
    return registration_fee(lease, jurisdiction=ctx.jurisdiction, registered_on=ctx.today())


def build_invoice(ctx: BuildContext, **overrides: Any) -> Invoice:
    """Return an open invoice; every argument of ``issue_invoice`` and field is overridable.

    Examples:
        >>> invoice = build_invoice(BuildContext(), jurisdiction="sa-balady")
        >>> invoice.jurisdiction, invoice.reference.startswith("BALADY-INV-")
        ('sa-balady', True)
    """
    ctx = ctx.within(overrides.pop("jurisdiction", None))
    today = ctx.today()
    defaults: dict[str, Any] = {
        "breakdown": overrides.get("breakdown") or build_breakdown(ctx),
        "payer": build_payer(ctx),
        "issued_on": today,
        "due_on": today + dt.timedelta(days=_PAYMENT_DAYS),
        "sequence": ctx.sequence,
    }
    return construct(issue_invoice, defaults, overrides, family="invoice")


def build_payment(ctx: BuildContext, invoice: Invoice, **overrides: Any) -> Payment:
    """Return an online payment of ``invoice``'s whole balance, made now.

    Examples:
        >>> ctx = BuildContext()
        >>> invoice = build_invoice(ctx)
        >>> build_payment(ctx, invoice).amount == invoice.balance
        True
    """
    defaults: dict[str, Any] = {
        "amount": invoice.balance,
        "method": PaymentMethod.ONLINE,
        "reference": ctx.number("PAY"),
        "paid_at": ctx.now(),
    }
    return construct(Payment, defaults, overrides, family="payment")


def build_receipt(ctx: BuildContext, **overrides: Any) -> Receipt:
    """Pay a kit invoice (or ``invoice=``) and return the receipt.

    The other overrides are the payment's (``amount=``, ``method=``...); a partial
    amount is accepted, as a cashier would take it.

    Examples:
        >>> from decimal import Decimal
        >>> ctx = BuildContext()
        >>> invoice = build_invoice(ctx)
        >>> receipt = build_receipt(ctx, invoice=invoice, amount=invoice.total * Decimal("0.5"))
        >>> receipt.balance_after == invoice.total - receipt.payment.amount
        True
    """
    invoice = overrides.pop("invoice", None) or build_invoice(ctx)
    payment = build_payment(ctx, invoice, **overrides)
    return pay(invoice, payment, allow_partial=True)[1]
