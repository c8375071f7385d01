"""The Balady half of ``municipal demo``: account, commercial licence, violation settled by CR.

Examples:
    >>> from municipal_core._demo_steps import Demo
    >>> from municipal_core.registry import InMemoryTransactionStore
    >>> demo = Demo(seed=1, store=InMemoryTransactionStore())
    >>> saudi_violation(demo, saudi_account(demo))
    >>> [d[0] for d in demo.documents]
    ['sa-violation-notice', 'sa-violation-receipt']
"""

from __future__ import annotations

import datetime as dt

from municipal_core._demo_steps import SA_CR, SA_CR_TYPED, Demo, Holder, registered
from municipal_core.billing import Payer, PayerKind, Payment, PaymentMethod
from municipal_core.jurisdictions import SA_BALADY
from municipal_core.licensing import (
    COMMERCIAL_LICENCE_WORKFLOW,
    licence_fee,
    record_violation,
    settle,
    settlement_breakdown,
)
from municipal_core.registry import KeyInput, Status, record_status

__all__ = ["saudi_account", "saudi_licence", "saudi_violation"]

_ESTABLISHMENT = Payer(PayerKind.ESTABLISHMENT, SA_CR, "Al Noor Trading")
"""The merchant's establishment: it holds the licence and pays the fine."""


def saudi_account(demo: Demo) -> Holder:
    """Balady: register and activate a merchant's account with a Saudi mobile."""
    demo.on(dt.date(2027, 2, 21))
    return registered(demo, demo.sa.account(mobile="0501234567"), "national_id")


def saudi_licence(demo: Demo, holder: Holder) -> None:
    """Balady: a commercial-activity licence through its workflow, with payment."""
    wf = COMMERCIAL_LICENCE_WORKFLOW
    demo.on(dt.date(2027, 2, 22))
    licence = demo.sa.commercial_licence(cr=SA_CR_TYPED)
    keys: list[KeyInput] = [
        ("cr", licence.cr),
        ("phone", holder.mobile),
        ("civil_id", holder.id_number),
    ]
    txn = demo.open(licence.number, "licence", "sa-balady", holder.name_ar, keys, wf)
    fee = licence_fee(licence, jurisdiction=SA_BALADY)
    _case, txn, invoice, paid = demo.apply_and_pay(wf, txn, fee, (_ESTABLISHMENT, keys[0]))
    demo.print_paid("sa-licence", ("certificate", "licence_certificate", licence), paid, invoice)
    text = f"commercial licence {licence.number} issued"
    demo.step("sa-balady", text, fee=paid.total, status=txn.status.code)


def saudi_violation(demo: Demo, holder: Holder) -> None:
    """Balady: record a violation against the establishment, then settle it by CR."""
    day = demo.on(dt.date(2027, 3, 1))
    violation = record_violation(
        demo.sa.number("V"),
        jurisdiction=SA_BALADY,
        category="hygiene.poor",
        recorded_on=day,
        cr=SA_CR_TYPED,
        establishment_size="small",
    )
    txn = demo.open(
        violation.number,
        "violation",
        "sa-balady",
        holder.name_ar,
        [("cr", SA_CR_TYPED), ("violation", violation.number)],
    )
    demo.print("sa-violation-notice", "violation_notice", violation)
    demo.step("sa-balady", f"violation {violation.number} recorded")

    day = demo.on(dt.date(2027, 3, 10))
    due = settlement_breakdown([violation], jurisdiction=SA_BALADY, on=day, cr=SA_CR_TYPED)
    payment = Payment(due.total, PaymentMethod.CARD, f"PAY-{violation.number}", demo.clock.now())
    settled = settle(
        [violation],
        jurisdiction=SA_BALADY,
        payer=_ESTABLISHMENT,
        payment=payment,
        sequence=demo.sequence,
        cr=SA_CR_TYPED,
    )
    # The violation follows no workflow: its own status closes it on the same timeline.
    closed = Status("PAID", "Paid", "مسددة", is_open=False)
    demo.store.update(record_status(txn, closed, at=demo.clock.now(), action="SETTLE"))
    keys: list[KeyInput] = [("cr", SA_CR_TYPED), ("violation", violation.number)]
    paid = (settled.invoice, keys[0])
    demo.open(
        f"{violation.number}-P", "violation_payment", "sa-balady", holder.name_ar, keys, paid=paid
    )
    demo.print("sa-violation-receipt", "receipt", settled.invoice)
    demo.step(
        "sa-balady", f"violation {violation.number} settled by CR", paid=settled.invoice.total
    )
