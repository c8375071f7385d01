"""Mermaid export: deterministic text, checked line by line."""

from __future__ import annotations

import pytest

from municipal_core.errors import InvalidComponent
from municipal_core.workflow import LICENCE_WORKFLOW, Action, State, WorkflowDefinition, to_mermaid

EXPECTED = """\
stateDiagram-v2
    [*] --> DRAFT
    DRAFT --> DOCUMENT_VERIFICATION : APPLY
    DRAFT --> CANCELLED : CANCEL
    DOCUMENT_VERIFICATION --> FIELD_INSPECTION : FORWARD
    DOCUMENT_VERIFICATION --> REJECTED : REJECT
    DOCUMENT_VERIFICATION --> CANCELLED : CANCEL
    DOCUMENT_VERIFICATION --> PENDING_APPLICANT_CORRECTION : SEND_BACK
    FIELD_INSPECTION --> PENDING_APPROVAL : FORWARD
    FIELD_INSPECTION --> REJECTED : REJECT
    FIELD_INSPECTION --> PENDING_APPLICANT_CORRECTION : SEND_BACK
    PENDING_APPROVAL --> PENDING_PAYMENT : APPROVE
    PENDING_APPROVAL --> REJECTED : REJECT
    PENDING_APPROVAL --> PENDING_APPLICANT_CORRECTION : SEND_BACK
    PENDING_PAYMENT --> ISSUED : PAY
    PENDING_PAYMENT --> CANCELLED : CANCEL
    PENDING_APPLICANT_CORRECTION --> DOCUMENT_VERIFICATION : RESUBMIT
    ISSUED --> [*]
    REJECTED --> [*]
    CANCELLED --> [*]
"""


def test_licence_workflow_diagram() -> None:
    assert to_mermaid(LICENCE_WORKFLOW) == EXPECTED


def test_labels_are_quoted_and_escaped() -> None:
    wf = WorkflowDefinition(
        "demo",
        (
            State("NEW", 'Say "hi" #1', "جديد", is_start=True),
            State("DONE", "Done", "منجز", is_terminal=True),
        ),
        (Action("FINISH", ("NEW",), "DONE", ("CLERK",)),),
    )
    assert to_mermaid(wf, lang="en").splitlines()[2:4] == [
        '    state "Say #quot;hi#quot; #35;1" as NEW',
        '    state "Done" as DONE',
    ]
    assert '    state "منجز" as DONE' in to_mermaid(wf, lang="ar")


def test_unknown_language() -> None:
    with pytest.raises(InvalidComponent):
        to_mermaid(LICENCE_WORKFLOW, lang="fr")  # type: ignore[arg-type]
