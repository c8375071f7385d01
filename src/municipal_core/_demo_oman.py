"""The Sohar half of ``municipal demo``: account, lease (register, amend, renew), permit, complaint.

Examples:
    >>> from municipal_core._demo_steps import Demo
    >>> from municipal_core.registry import InMemoryTransactionStore
    >>> demo = Demo(seed=1, store=InMemoryTransactionStore())
    >>> holder = oman_account(demo)
    >>> oman_lease(demo, holder)
    >>> [step["step"].split()[0] for step in demo.steps], demo.store.count()
    (['account', 'lease', 'lease', 'lease'], 4)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from municipal_core._demo_steps import Demo, Holder, registered
from municipal_core.billing import Invoice
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.leases import (
    LEASE_WORKFLOW,
    LeaseContract,
    amend,
    amendment_fee,
    registration_fee,
    renew,
    transition,
)
from municipal_core.licensing import (
    BUILDING_PERMIT_WORKFLOW,
    COMPLAINT_WORKFLOW,
    Location,
    assign,
    close,
    file_complaint,
    issue_permit,
    permit_fee,
    resolve,
)
from municipal_core.money import Money
from municipal_core.registry import record
from municipal_core.registry._record import KeyInput
from municipal_core.testing import build_oman_address
from municipal_core.workflow import Actor, new_case

__all__ = ["oman_account", "oman_complaint", "oman_lease", "oman_permit"]


def oman_account(demo: Demo) -> Holder:
    """Sohar: register and activate a citizen's account (the kit's real services)."""
    demo.on(dt.date(2026, 3, 1))
    return registered(demo, demo.om.account(), "civil_number")


def _record_lease(
    demo: Demo, holder: Holder, contract: LeaseContract, kind: str, paid: Invoice
) -> None:
    # A registration or renewal: its transaction follows the lease workflow to the
    # contract's status, with the fee's paid invoice linked.
    case = new_case(LEASE_WORKFLOW, contract.reference, at=demo.clock.now())
    keys: list[KeyInput] = [("civil_id", holder.id_number), ("phone", holder.mobile)]
    keys += [("contract", contract.reference), ("contract", contract.renews or contract.reference)]
    paid_by: KeyInput = ("civil_id", holder.id_number)
    txn = demo.open(
        contract.reference,
        kind,
        "om-sohar",
        holder.name_ar,
        keys,
        LEASE_WORKFLOW,
        case,
        paid=(paid, paid_by),
    )
    demo.walk(LEASE_WORKFLOW, case, txn, contract.status.value.upper())


def oman_lease(demo: Demo, holder: Holder) -> None:
    """Sohar: register a lease and pay its fee, amend it, then renew it."""
    day = demo.on(dt.date(2026, 3, 2))
    tenant = demo.om.party(
        id_number=holder.id_number, name_ar=holder.name_ar, name_en=holder.name_en
    )
    lease = demo.om.lease(tenant=tenant, start=day, months=12, signed_on=day)
    fee = registration_fee(lease, jurisdiction=OM_SOHAR, registered_on=day)
    invoice, paid = demo.charge(fee, holder.payer)
    lease = transition(transition(lease, "REGISTER", on=day), "ACTIVATE", on=day)
    _record_lease(demo, holder, lease, "lease_registration", paid)
    demo.print_paid("om-lease", ("contract", "lease_contract", lease), paid, invoice)
    demo.step("om-sohar", f"lease {lease.reference} registered, fee paid", fee=paid.total)

    day = demo.on(dt.date(2026, 6, 1))
    amended, amendment = amend(
        lease,
        reference=f"{lease.reference}-A1",
        signed_on=day,
        effective_on=dt.date(2026, 7, 1),
        monthly_rent=lease.monthly_rent + Money("25", "OMR"),
        note="Rent raised after the kitchen refit",
    )
    fee = amendment_fee(lease, amendment, amended=amended, jurisdiction=OM_SOHAR, registered_on=day)
    _invoice, paid = demo.charge(fee, holder.payer)
    keys: list[KeyInput] = [("contract", lease.reference), ("phone", holder.mobile)]
    demo.open(
        amendment.reference,
        "lease_amendment",
        "om-sohar",
        holder.name_ar,
        keys,
        paid=(paid, ("civil_id", holder.id_number)),
    )
    main = ("contract", "supplementary_contract", amended)
    demo.print_paid("om-lease-amendment", main, paid, None)
    demo.step("om-sohar", f"lease amended by {amendment.reference}", fee=paid.total)

    day = demo.on(amended.end - dt.timedelta(days=30))
    _old, renewal = renew(amended, reference=f"{lease.reference}-R1", signed_on=day)
    fee = registration_fee(renewal, jurisdiction=OM_SOHAR, registered_on=day)
    _invoice, paid = demo.charge(fee, holder.payer)
    renewal = transition(renewal, "REGISTER", on=day)
    _record_lease(demo, holder, renewal, "lease_renewal", paid)
    demo.print_paid("om-lease-renewal", ("contract", "renewal_contract", renewal), paid, None)
    demo.step("om-sohar", f"lease renewed as {renewal.reference}", fee=paid.total)


def oman_permit(demo: Demo, holder: Holder) -> None:
    """Sohar: a building permit through its workflow: checks, approval, payment, issue."""
    civil, wf = holder.id_number, BUILDING_PERMIT_WORKFLOW
    day = demo.on(dt.date(2027, 2, 7))
    number, area = demo.om.number("BP"), Decimal(650)
    # The case starts in DRAFT, so the transaction opens there too: a new case.
    keys: list[KeyInput] = [("civil_id", civil), ("phone", holder.mobile)]
    txn = demo.open(number, "permit", "om-sohar", holder.name_ar, keys, wf)
    fee = permit_fee("major", area, jurisdiction=OM_SOHAR, on=day)
    case, txn, invoice, paid = demo.apply_and_pay(wf, txn, fee, (holder.payer, keys[0]))
    permit = issue_permit(
        case,
        number=number,
        kind="major",
        applicant=civil,
        plot="221",
        built_area_m2=area,
        issued_on=demo.clock.today(),
        jurisdiction=OM_SOHAR,
        deposit=Money("100", "OMR"),
        address=build_oman_address(demo.om),
    )
    demo.print_paid("om-permit", ("certificate", "permit_certificate", permit), paid, invoice)
    demo.step(
        "om-sohar", f"building permit {number} issued", fee=paid.total, status=txn.status.code
    )


def oman_complaint(demo: Demo, holder: Holder) -> None:
    """Sohar: file a complaint; it is assigned, resolved and closed with a rating."""
    demo.on(dt.date(2027, 2, 14))
    complaint = file_complaint(
        demo.om.number("CMP"),
        jurisdiction=OM_SOHAR,
        category="potholes",
        description="Deep pothole by the souq",
        location=Location(address=build_oman_address(demo.om)),
        submitted_at=demo.clock.now(),
    )
    wf = COMPLAINT_WORKFLOW
    txn = demo.open(
        complaint.number,
        "complaint",
        "om-sohar",
        holder.name_ar,
        [("phone", holder.mobile)],
        wf,
        complaint.case,
    )
    complaint = assign(
        complaint, Actor("demo-dispatcher", ("DISPATCHER",)), assignee="roads-team", at=demo.later()
    )
    txn = record(demo.store, txn, complaint.case, wf)
    complaint = resolve(complaint, Actor("roads-team", ("FIELD_STAFF",)), at=demo.later())
    txn = record(demo.store, txn, complaint.case, wf)
    complaint = close(complaint, Actor("citizen", ("CITIZEN",)), at=demo.later(), rating=5)
    txn = record(demo.store, txn, complaint.case, wf)
    demo.step(
        "om-sohar",
        f"complaint {complaint.number} filed, resolved and closed",
        status=txn.status.code,
    )
