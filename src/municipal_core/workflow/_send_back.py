"""Send back to the applicant, and resubmission: DIGIT's correction loop as one call.

Reviewers often need the applicant to fix something (a missing document, a wrong
activity). Rather than rejecting, they *send the application back*; the applicant
*resubmits*, and review starts again. :func:`with_send_back` adds that loop to any
definition: a correction state, a ``SEND_BACK`` action from each reviewing state (each with
its own roles) and a ``RESUBMIT`` action back into review. The correction state has no
SLA by default: the applicant's time is not the municipality's delay.

Examples:
    >>> from municipal_core.workflow import Action, State, WorkflowDefinition
    >>> base = WorkflowDefinition("permit", (
    ...     State("NEW", "New", "جديد", is_start=True),
    ...     State("REVIEW", "In review", "قيد المراجعة", sla_hours=48),
    ...     State("DONE", "Approved", "معتمد", is_terminal=True),
    ... ), (
    ...     Action("SUBMIT", ("NEW",), "REVIEW", ("CITIZEN",)),
    ...     Action("APPROVE", ("REVIEW",), "DONE", ("REVIEWER",)),
    ... ))
    >>> wf = with_send_back(base, senders={"REVIEW": ("REVIEWER",)}, resubmit_to="REVIEW")
    >>> [a.name for a in wf.actions_from("REVIEW")]
    ['APPROVE', 'SEND_BACK']
    >>> [(a.name, a.to_state) for a in wf.actions_from("PENDING_APPLICANT_CORRECTION")]
    [('RESUBMIT', 'REVIEW')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from municipal_core.workflow._definition import Action, State, WorkflowDefinition

__all__ = ["CORRECTION_STATE", "with_send_back"]

CORRECTION_STATE = State(
    "PENDING_APPLICANT_CORRECTION",
    "Returned to applicant for correction",
    "أعيد إلى مقدم الطلب للتصحيح",
)
"""The default state an application waits in while the applicant corrects it."""


def with_send_back(
    definition: WorkflowDefinition,
    *,
    senders: Mapping[str, Iterable[str]],
    resubmit_to: str,
    applicant_roles: Iterable[str] = ("CITIZEN",),
    state: State = CORRECTION_STATE,
    required_fields: Iterable[str] = ("reason",),
) -> WorkflowDefinition:
    """Return ``definition`` with a send-back-to-applicant and resubmit loop added.

    Args:
        definition: the workflow to extend (it is not changed).
        senders: for each state that may send back, the roles allowed to do it there.
        resubmit_to: the state a resubmitted application returns to.
        applicant_roles: the roles that may ``RESUBMIT``.
        state: the correction state to add (default :data:`CORRECTION_STATE`).
        required_fields: payload fields ``SEND_BACK`` needs, so the applicant is told why.

    Raises:
        WorkflowError: the result is not a valid definition (an unknown state in
            ``senders`` or ``resubmit_to``, or a ``SEND_BACK`` already defined there).
    """
    send_back = tuple(
        Action("SEND_BACK", (source,), state.name, tuple(roles), required_fields=required_fields)
        for source, roles in senders.items()
    )
    resubmit = Action("RESUBMIT", (state.name,), resubmit_to, tuple(applicant_roles))
    return attrs.evolve(
        definition,
        states=(*definition.states, state),
        actions=(*definition.actions, *send_back, resubmit),
    )
