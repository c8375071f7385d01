"""Every workflow of the library survives a trip through eGov DIGIT's BusinessService JSON."""

from __future__ import annotations

import json

import pytest

from municipal_core.errors import InvalidFormat
from municipal_core.licensing import workflow_registry
from municipal_core.workflow import (
    WorkflowDefinition,
    from_digit_business_service,
    to_digit_business_service,
)

WORKFLOWS = sorted(workflow_registry().items())


def _moves(definition: WorkflowDefinition) -> set[tuple[str, str, str, tuple[str, ...]]]:
    return {
        (source, action.name, action.to_state, action.roles)
        for action in definition.actions
        for source in action.from_states
    }


def test_the_registry_holds_every_portal_workflow() -> None:
    names = {name for name, _ in WORKFLOWS}
    assert {"account.registration", "lease.contract", "complaint"} <= names
    assert len(names) >= 15


@pytest.mark.parametrize(("name", "definition"), WORKFLOWS, ids=[n for n, _ in WORKFLOWS])
def test_workflow_round_trips_through_digit_json(name: str, definition: WorkflowDefinition) -> None:
    text = json.dumps(to_digit_business_service(definition))
    labels_ar = {state.name: state.label_ar for state in definition.states}
    back = from_digit_business_service(text, version=definition.version, labels_ar=labels_ar)
    assert back.name == name == definition.name
    assert back.sla_hours == definition.sla_hours
    assert back.states == definition.states  # names, both labels, flags, SLAs, order
    assert _moves(back) == _moves(definition)


def test_export_lists_one_digit_action_per_source_state() -> None:
    _, definition = WORKFLOWS[0]
    digit = to_digit_business_service(definition)
    exported = sum(len(state["actions"]) for state in digit["states"])
    assert exported == len(_moves(definition))
    assert all(isinstance(state["sla"], int) for state in digit["states"])


def test_export_refuses_what_is_not_a_definition() -> None:
    with pytest.raises(InvalidFormat) as err:
        to_digit_business_service({"businessService": "PGR"})  # type: ignore[arg-type]
    assert err.value.code == "workflow.digit.format"
