"""The state and helpers of the ``municipal demo`` story (steps in ``_demo_oman``/``_demo_saudi``).

A :class:`Demo` holds one run: a :class:`~municipal_core.clock.FixedClock` moved forward
day by day (so a run is deterministic), the transaction store every step records in, the
testing kit's seeded builders for the people and numbers, the documents collected for
printing and the steps done. Its helpers do what every step does: open a transaction,
charge a fee (invoice and online payment), walk a workflow case while recording each
transition, and collect a printable.

Examples:
    >>> from municipal_core.registry import InMemoryTransactionStore
    >>> demo = Demo(seed=1, store=InMemoryTransactionStore())
    >>> demo.on(dt.date(2026, 3, 2)), demo.later().isoformat()
    (datetime.date(2026, 3, 2), '2026-03-02T11:00:00+00:00')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from municipal_core.accounts import ACCOUNT_WORKFLOW, Account
from municipal_core.billing import (
    FeeBreakdown,
    Invoice,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    issue_invoice,
    pay,
)
from municipal_core.clock import FixedClock
from municipal_core.documents._blocks import Document
from municipal_core.documents._printables import printable
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.registry import (
    Transaction,
    TransactionStore,
    link_invoice,
    open_transaction,
    record,
)
from municipal_core.registry._record import KeyInput
from municipal_core.testing import Builder, path_to
from municipal_core.workflow import Actor, Case, WorkflowDefinition, apply, new_case

__all__ = [
    "SA_CR",
    "SA_CR_TYPED",
    "SA_MOBILE_TYPED",
    "START",
    "Demo",
    "Holder",
    "registered",
]

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
"""The demo's first instant; each step moves the clock forward from here."""

SA_MOBILE_TYPED = "٠٥٠١٢٣٤٥٦٧"
"""The Saudi mobile as a person types it in Arabic-Indic digits; the look-up input."""

SA_CR = "7001234567"
"""The establishment's unified number."""

SA_CR_TYPED = "٧٠٠١٢٣٤٥٦٧"
"""The same number as typed in Arabic-Indic digits; the look-up input."""


@attrs.define
class Demo:
    """The state of one run: clock, store, kit builders, collected documents and steps."""

    seed: int
    store: TransactionStore
    report: Callable[[str], None] = lambda _line: None
    clock: FixedClock = attrs.field(factory=lambda: FixedClock(START))
    sequence: InMemorySequence = attrs.field(factory=InMemorySequence)
    documents: list[tuple[str, Document]] = attrs.field(factory=list)
    steps: list[dict[str, Any]] = attrs.field(factory=list)
    om: Builder = attrs.field(init=False)
    sa: Builder = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.om = Builder(seed=self.seed, jurisdiction=OM_SOHAR, clock=self.clock)
        self.sa = Builder(seed=self.seed, jurisdiction=SA_BALADY, clock=self.clock)

    def on(self, day: dt.date) -> dt.date:
        """Move the clock to 09:00 UTC on ``day`` and return ``day``."""
        self.clock.set(dt.datetime.combine(day, START.timetz()))
        return day

    def later(self) -> dt.datetime:
        """Move the clock two hours on (the next workflow step) and return it."""
        return self.clock.advance(hours=2)

    def print(self, name: str, kind: str, obj: object) -> None:
        """Collect the ``kind`` document of ``obj``, to be written as ``name``.pdf."""
        self.documents.append((name, printable(kind, obj)))

    def print_paid(
        self, stem: str, main: tuple[str, str, object], paid: Invoice, invoice: Invoice | None
    ) -> None:
        """Collect ``stem-NAME`` for ``main`` (name, kind, object), the invoice, the receipt."""
        name, kind, obj = main
        self.print(f"{stem}-{name}", kind, obj)
        if invoice is not None:
            self.print(f"{stem}-invoice", "invoice", invoice)
        self.print(f"{stem}-receipt", "receipt", paid)

    def step(self, portal: str, text: str, **facts: Any) -> None:
        """Record a step for the summary and report it as a progress line."""
        self.steps.append({"portal": portal, "step": text, "at": self.clock.now(), **facts})
        self.report(f"[{len(self.steps):2}] {portal}: {text}")

    def open(
        self,
        reference: str,
        kind: str,
        jurisdiction: str,
        applicant: str,
        keys: Iterable[KeyInput],
        workflow: WorkflowDefinition | None = None,
        case: Case | None = None,
        *,
        paid: tuple[Invoice, KeyInput] | None = None,
    ) -> Transaction:
        """Open a transaction now, with its paid invoice and payer key if any; store it."""
        txn = self.store.add(
            open_transaction(
                reference,
                kind,
                jurisdiction=jurisdiction,
                applicant_name=applicant,
                keys=keys,
                at=self.clock.now(),
                workflow=workflow,
                case=case,
            )
        )
        if paid is None:
            return txn
        invoice, payer = paid
        return self.store.update(link_invoice(txn, invoice, payer=payer))

    def charge(self, breakdown: FeeBreakdown, payer: Payer) -> tuple[Invoice, Invoice]:
        """Issue an invoice for ``breakdown`` today, pay it online; return (open, paid).

        Examples:
            >>> from municipal_core.leases import registration_fee
            >>> from municipal_core.leases._contract import _example
            >>> from municipal_core.registry import InMemoryTransactionStore
            >>> demo = Demo(seed=1, store=InMemoryTransactionStore())
            >>> fee = registration_fee(_example(), jurisdiction=OM_SOHAR,
            ...                        registered_on=START.date())
            >>> payer = Payer(PayerKind.ESTABLISHMENT, "1234567", "Al Noor")
            >>> invoice, paid = demo.charge(fee, payer)
            >>> invoice.status.value, paid.status.value, paid.total
            ('open', 'paid', Money('144.000', 'OMR'))
        """
        today = self.clock.today()
        invoice = issue_invoice(
            breakdown,
            payer=payer,
            issued_on=today,
            due_on=today + dt.timedelta(days=30),
            sequence=self.sequence,
        )
        payment = Payment(
            invoice.total, PaymentMethod.ONLINE, f"PAY-{invoice.reference}", self.clock.now()
        )
        return invoice, pay(invoice, payment, allow_partial=False)[0]

    def apply_and_pay(
        self,
        wf: WorkflowDefinition,
        txn: Transaction,
        fee: FeeBreakdown,
        payer: tuple[Payer, KeyInput],
    ) -> tuple[Case, Transaction, Invoice, Invoice]:
        """Take an application through ``wf`` to ``ISSUED``: checks, approval, payment.

        The case is opened under the transaction's reference and walked to
        ``PENDING_PAYMENT``; the fee is invoiced and paid and linked to the transaction;
        the ``PAY`` action then issues. Returns ``(case, txn, invoice, paid invoice)``.

        Examples:
            >>> from decimal import Decimal
            >>> from municipal_core.licensing import BUILDING_PERMIT_WORKFLOW as wf, permit_fee
            >>> from municipal_core.registry import InMemoryTransactionStore
            >>> demo = Demo(seed=1, store=InMemoryTransactionStore())
            >>> txn = demo.open("BP-1", "permit", "om-sohar", "Salim", (), wf)
            >>> fee = permit_fee("minor", Decimal(80), jurisdiction=OM_SOHAR, on=START.date())
            >>> payer = Payer(PayerKind.INDIVIDUAL, "12345678", "Salim")
            >>> case, txn, invoice, paid = demo.apply_and_pay(wf, txn, fee,
            ...                                               (payer, ("civil_id", "12345678")))
            >>> case.state, txn.status.code, paid.status.value, len(txn.timeline)
            ('ISSUED', 'ISSUED', 'paid', 6)
        """
        case = new_case(wf, txn.reference, at=self.clock.now())
        case, txn = self.walk(wf, case, txn, "PENDING_PAYMENT")
        invoice, paid = self.charge(fee, payer[0])
        txn = self.store.update(link_invoice(txn, paid, payer=payer[1]))
        case, txn = self.walk(wf, case, txn, "ISSUED")
        return case, txn, invoice, paid

    def walk(
        self, wf: WorkflowDefinition, case: Case, txn: Transaction, state: str
    ) -> tuple[Case, Transaction]:
        """Take the workflow's shortest path from ``case``'s state to ``state``, recording it."""
        # The shortest path from the start runs through the case's state: skip to it.
        for action in path_to(wf, state):
            if case.state not in action.from_states:
                continue
            actor = Actor(f"demo-{action.roles[0].lower()}", (action.roles[0],))
            case = apply(wf, case, action.name, actor, at=self.later())
            txn = record(self.store, txn, case, wf)
        return case, txn


@attrs.frozen
class Holder:
    """What the later steps need of an account's holder."""

    account_id: str
    id_number: str
    name_ar: str
    name_en: str
    mobile: str

    @property
    def payer(self) -> Payer:
        """The holder as an invoice payer."""
        return Payer(PayerKind.INDIVIDUAL, self.id_number, self.name_en)


def registered(demo: Demo, account: Account, identifier: str) -> Holder:
    number, name = account.identifier(identifier), account.name
    # Kit accounts always carry both; a None here is a bug in the kit, not bad input.
    assert number is not None
    assert name is not None
    holder = Holder(account.account_id, number, name.full(), name.full("en"), account.mobile)
    demo.open(
        account.case.id,
        "account_registration",
        account.jurisdiction,
        holder.name_ar,
        [("phone", holder.mobile), ("civil_id", number)],
        ACCOUNT_WORKFLOW,
        account.case,
    )
    demo.step(
        account.jurisdiction,
        f"account {account.account_id} registered and activated",
        status=account.status.value,
    )
    return holder
