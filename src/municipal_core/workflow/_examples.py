"""Ready-made workflow definitions, as data, to use as they are or to derive from.

:data:`LICENCE_WORKFLOW` is a generic licence application (trade, signboard, building
completion...): document verification, field inspection, approval, payment, issue; with
send-back-to-applicant, rejection and cancellation. Host apps change it with
:func:`attrs.evolve` (and bump ``version``) or build their own the same way.

Examples:
    >>> from municipal_core.workflow import LICENCE_WORKFLOW, to_mermaid
    >>> [s.name for s in LICENCE_WORKFLOW.states if s.is_terminal]
    ['ISSUED', 'REJECTED', 'CANCELLED']
"""

from __future__ import annotations

from municipal_core.workflow._definition import Action, State, WorkflowDefinition
from municipal_core.workflow._send_back import with_send_back

__all__ = ["LICENCE_WORKFLOW"]

_REVIEW = ("DOCUMENT_VERIFICATION", "FIELD_INSPECTION", "PENDING_APPROVAL")

# SLAs are illustrative working figures (2 days per desk, 5 for an inspection visit,
# 7 to pay), not a municipality's published ones; derive your own profile with evolve.
_BASE = WorkflowDefinition(
    "licence.generic",
    (
        State("DRAFT", "Draft", "مسودة", is_start=True),
        State("DOCUMENT_VERIFICATION", "Document verification", "تدقيق المستندات", sla_hours=48),
        State("FIELD_INSPECTION", "Field inspection", "الكشف الميداني", sla_hours=120),
        State("PENDING_APPROVAL", "Pending approval", "بانتظار الاعتماد", sla_hours=48),
        State("PENDING_PAYMENT", "Pending payment", "بانتظار السداد", sla_hours=168),
        State("ISSUED", "Issued", "صادرة", is_terminal=True),
        State("REJECTED", "Rejected", "مرفوض", is_terminal=True),
        State("CANCELLED", "Cancelled", "ملغى", is_terminal=True),
    ),
    (
        Action("APPLY", ("DRAFT",), "DOCUMENT_VERIFICATION", ("CITIZEN", "COUNTER_EMPLOYEE")),
        Action("FORWARD", ("DOCUMENT_VERIFICATION",), "FIELD_INSPECTION", ("DOCUMENT_VERIFIER",)),
        Action("FORWARD", ("FIELD_INSPECTION",), "PENDING_APPROVAL", ("FIELD_INSPECTOR",)),
        Action("APPROVE", ("PENDING_APPROVAL",), "PENDING_PAYMENT", ("APPROVER",)),
        Action("PAY", ("PENDING_PAYMENT",), "ISSUED", ("CITIZEN", "CASHIER")),
        Action(
            "REJECT",
            _REVIEW,
            "REJECTED",
            ("DOCUMENT_VERIFIER", "FIELD_INSPECTOR", "APPROVER"),
            required_fields=("reason",),
        ),
        Action(
            "CANCEL",
            ("DRAFT", "DOCUMENT_VERIFICATION", "PENDING_PAYMENT"),
            "CANCELLED",
            ("CITIZEN",),
        ),
    ),
)

LICENCE_WORKFLOW: WorkflowDefinition = with_send_back(
    _BASE,
    senders={
        "DOCUMENT_VERIFICATION": ("DOCUMENT_VERIFIER",),
        "FIELD_INSPECTION": ("FIELD_INSPECTOR",),
        "PENDING_APPROVAL": ("APPROVER",),
    },
    resubmit_to="DOCUMENT_VERIFICATION",
)
"""A generic licence workflow: DRAFT -> APPLY -> DOCUMENT_VERIFICATION -> FORWARD ->
FIELD_INSPECTION -> FORWARD -> PENDING_APPROVAL -> APPROVE -> PENDING_PAYMENT -> PAY ->
ISSUED, with SEND_BACK/RESUBMIT, REJECT (needs a ``reason``) and CANCEL (by the citizen)."""
