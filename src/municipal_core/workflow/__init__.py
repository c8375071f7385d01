"""The workflow engine: workflow definitions as data, immutable cases, history and SLAs.

* :class:`WorkflowDefinition` -- states (:class:`State`) and actions (:class:`Action`),
  validated when built; :data:`LICENCE_WORKFLOW` is a ready example and
  :func:`with_send_back` adds DIGIT's send-back-to-applicant loop to any definition.
* :class:`Case` -- one application; :func:`new_case`, :func:`apply` (returns a new case,
  history appended) and :func:`available_actions`.
* SLAs -- :func:`due_at`, :func:`is_overdue`, :func:`overdue_by`, :func:`overdue_cases`.
* Interop -- :func:`from_digit_business_service` / :func:`to_digit_business_service`
  (eGov DIGIT JSON) and
  :func:`to_mermaid` (state diagrams).

Examples:
    >>> from datetime import datetime, timezone
    >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
    >>> t = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    >>> case = apply(wf, new_case(wf, "TL-1", at=t), "APPLY", Actor("c-1", ("CITIZEN",)), at=t)
    >>> case.state, len(case.history), wf.state(case.state).label("ar")
    ('DOCUMENT_VERIFICATION', 1, 'تدقيق المستندات')
"""

from __future__ import annotations

from municipal_core.workflow._apply import apply, available_actions, new_case
from municipal_core.workflow._case import Actor, Case, Guard, HistoryEntry
from municipal_core.workflow._definition import Action, State, WorkflowDefinition
from municipal_core.workflow._digit import (
    from_digit_business_service,
    to_digit_business_service,
)
from municipal_core.workflow._examples import LICENCE_WORKFLOW
from municipal_core.workflow._mermaid import to_mermaid
from municipal_core.workflow._send_back import CORRECTION_STATE, with_send_back
from municipal_core.workflow._sla import due_at, is_overdue, overdue_by, overdue_cases

__all__ = [
    "CORRECTION_STATE",
    "LICENCE_WORKFLOW",
    "Action",
    "Actor",
    "Case",
    "Guard",
    "HistoryEntry",
    "State",
    "WorkflowDefinition",
    "apply",
    "available_actions",
    "due_at",
    "from_digit_business_service",
    "is_overdue",
    "new_case",
    "overdue_by",
    "overdue_cases",
    "to_digit_business_service",
    "to_mermaid",
    "with_send_back",
]
