"""The complaint workflow, as data: assign, resolve or reject, reopen, close.

Modelled on eGov DIGIT's public-grievance (PGR) workflow (DOMAIN.md §7), with our names:

    AWAITING_ASSIGNMENT -ASSIGN-> ASSIGNED -RESOLVE-> RESOLVED -CLOSE-> CLOSED
            |                       |  ^                |  ^
            +--------REJECT---------+--+-> REJECTED ----+  |
                                       |       |           |
    REOPENED <---------REOPEN----------+-------+-----------+
        -ASSIGN-> ASSIGNED, -REJECT-> REJECTED

* ``ASSIGN`` (a ``DISPATCHER``; DIGIT's GRO) needs an ``assignee``; taking it again from
  ``ASSIGNED`` reassigns.
* ``RESOLVE`` (the ``FIELD_STAFF`` who did the work, or a dispatcher).
* ``REJECT`` (not the municipality's business, a duplicate...) needs a ``reason``.
* ``REOPEN`` (the ``CITIZEN``, or a dispatcher) needs a ``reason`` and leads to a state
  of its own, ``REOPENED``, rather than back to ``AWAITING_ASSIGNMENT`` (as DIGIT does):
  the public status then says the complaint came back, and reports can count reopenings.
* ``CLOSE`` (the ``CITIZEN``, who may rate, or the ``SYSTEM`` closing it unrated).

The open states carry no SLA of their own: how long a complaint may stay open depends on
its category (see ``complaint_due_at``). ``RESOLVED`` and ``REJECTED`` carry
:data:`CONFIRMATION_HOURS`: the citizen's time to reopen or rate before the host's
scheduler closes the complaint as ``SYSTEM``; ``workflow.overdue_cases`` lists those due.

Examples:
    >>> [s.name for s in COMPLAINT_WORKFLOW.states if s.name in OPEN_STATES]
    ['AWAITING_ASSIGNMENT', 'ASSIGNED', 'REOPENED']
    >>> [a.name for a in COMPLAINT_WORKFLOW.actions_from("RESOLVED")]
    ['REOPEN', 'CLOSE']
"""

from __future__ import annotations

from municipal_core.workflow import Action, State, WorkflowDefinition

__all__ = [
    "CLOSE",
    "COMPLAINT_WORKFLOW",
    "CONFIRMATION_HOURS",
    "OPEN_STATES",
]

CONFIRMATION_HOURS = 168
"""Hours a resolved or rejected complaint waits for the citizen before it may be closed
by the system ([A]: one week; DIGIT leaves the figure to each deployment)."""

CLOSE = "CLOSE"
"""The action that closes a complaint; the only one that may carry a rating."""

_OPEN = ("AWAITING_ASSIGNMENT", "ASSIGNED", "REOPENED")
_ANSWERED = ("RESOLVED", "REJECTED")

OPEN_STATES = frozenset(_OPEN)
"""States in which the municipality still owes an answer (Open311 status ``open``)."""

COMPLAINT_WORKFLOW = WorkflowDefinition(
    "complaint",
    (
        State("AWAITING_ASSIGNMENT", "Awaiting assignment", "بانتظار الإسناد", is_start=True),
        State("ASSIGNED", "Assigned", "قيد المعالجة"),
        State("RESOLVED", "Resolved", "تمت المعالجة", sla_hours=CONFIRMATION_HOURS),
        State("REJECTED", "Rejected", "مرفوض", sla_hours=CONFIRMATION_HOURS),
        State("REOPENED", "Reopened", "أعيد فتحه"),
        State("CLOSED", "Closed", "مغلق", is_terminal=True),
    ),
    (
        Action("ASSIGN", _OPEN, "ASSIGNED", ("DISPATCHER",), required_fields=("assignee",)),
        Action("RESOLVE", ("ASSIGNED",), "RESOLVED", ("FIELD_STAFF", "DISPATCHER")),
        Action(
            "REJECT", _OPEN, "REJECTED", ("DISPATCHER", "FIELD_STAFF"), required_fields=("reason",)
        ),
        Action(
            "REOPEN", _ANSWERED, "REOPENED", ("CITIZEN", "DISPATCHER"), required_fields=("reason",)
        ),
        Action(CLOSE, _ANSWERED, "CLOSED", ("CITIZEN", "SYSTEM")),
    ),
)
"""The complaint workflow (``"complaint"``, version 1); see the module docstring."""
