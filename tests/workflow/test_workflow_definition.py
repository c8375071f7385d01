"""Workflow definitions: field validation and the graph checks made when one is built."""

from __future__ import annotations

import attrs
import pytest

from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound, WorkflowError
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import (
    LICENCE_WORKFLOW,
    Action,
    State,
    WorkflowDefinition,
    with_send_back,
)

NEW = State("NEW", "New", "جديد", is_start=True)
REVIEW = State("REVIEW", "In review", "قيد المراجعة", sla_hours=24)
DONE = State("DONE", "Done", "منجز", is_terminal=True)
SUBMIT = Action("SUBMIT", ("NEW",), "REVIEW", ("CITIZEN",))
APPROVE = Action("APPROVE", ("REVIEW",), "DONE", ("REVIEWER",))


def build(states=(NEW, REVIEW, DONE), actions=(SUBMIT, APPROVE)) -> WorkflowDefinition:
    return WorkflowDefinition("demo", states, actions)


def test_valid_definition_indexes_moves_and_states() -> None:
    wf = build()
    assert wf.start_state is NEW
    assert wf.state("REVIEW") is REVIEW
    assert wf.actions_from("REVIEW") == (APPROVE,)
    move = wf.move("REVIEW", "APPROVE")
    assert move is not None
    assert move[0] is APPROVE
    assert move[1] == frozenset({"REVIEWER"})
    assert move[2] is False
    assert wf.move("NEW", "APPROVE") is None
    assert wf.move("NEW", ["unhashable"]) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("states", "actions", "code"),
    [
        ((NEW, REVIEW, DONE, NEW), (SUBMIT, APPROVE), "duplicate_state"),
        ((attrs.evolve(NEW, is_start=False), REVIEW, DONE), (SUBMIT, APPROVE), "no_start"),
        ((NEW, REVIEW, DONE), (SUBMIT, attrs.evolve(APPROVE, to_state="GONE")), "unknown_state"),
        ((NEW, REVIEW, DONE), (SUBMIT, attrs.evolve(APPROVE, from_states=("X",))), "unknown_state"),
        (
            (NEW, REVIEW, DONE),
            (SUBMIT, APPROVE, attrs.evolve(APPROVE, to_state="NEW")),
            "duplicate_action",
        ),
        ((NEW, REVIEW, DONE), (SUBMIT,), "dead_end"),
        (
            (NEW, REVIEW, DONE),
            (SUBMIT, APPROVE, Action("REOPEN", ("DONE",), "REVIEW", ("A",))),
            "terminal_action",
        ),
        (
            (NEW, REVIEW, DONE, State("LIMBO", "Limbo", "معلق", is_terminal=True)),
            (SUBMIT, APPROVE),
            "unreachable",
        ),
    ],
)
def test_invalid_graphs_are_refused(states, actions, code) -> None:
    with pytest.raises(WorkflowError) as info:
        build(states, actions)
    assert info.value.code == f"workflow.definition.{code}"
    assert info.value.message_ar
    assert info.value.field == "definition"


def test_unknown_state_message_names_action_and_state() -> None:
    with pytest.raises(WorkflowError, match="'APPROVE' refers to unknown state 'GONE'"):
        build(actions=(SUBMIT, attrs.evolve(APPROVE, to_state="GONE")))


@pytest.mark.parametrize(
    "make",
    [
        lambda: State("bad name", "x", "y"),
        lambda: State("1ST", "x", "y"),
        lambda: State("OK", "", "y"),
        lambda: State("OK", "x", "   "),
        lambda: State("OK", "x", "y", is_start=1),
        lambda: State("OK", "x", "y", sla_hours=0),
        lambda: State("OK", "x", "y", sla_hours=True),
        lambda: State("OK", "x", "y", sla_hours=1.5),
        lambda: Action("GO", (), "B", ("R",)),
        lambda: Action("GO", ("A",), "B", ()),
        lambda: Action("GO", ("A",), "B", ("R",), guard="not ok"),
        lambda: Action("GO", ("A",), "B", ("R",), required_fields=("a-b",)),
        lambda: Action("GO", 5, "B", ("R",)),
        lambda: WorkflowDefinition("", (NEW,), ()),
        lambda: WorkflowDefinition("demo", ("NEW",), ()),
        lambda: WorkflowDefinition("demo", (NEW, DONE), ("GO",)),
        lambda: WorkflowDefinition("demo", (NEW, REVIEW, DONE), (SUBMIT, APPROVE), version=0),
    ],
)
def test_bad_fields_raise_invalid_format(make) -> None:
    with pytest.raises(InvalidFormat) as info:
        make()
    assert info.value.code.startswith("workflow.")


def test_a_lone_string_is_one_name_not_letters() -> None:
    action = Action("GO", "REVIEW", "DONE", "REVIEWER")
    assert action.from_states == ("REVIEW",)
    assert action.roles == ("REVIEWER",)


def test_unknown_state_lookup_is_not_found() -> None:
    with pytest.raises(NotFound) as info:
        build().state("NOPE")
    assert info.value.code == "workflow.state.unknown"
    with pytest.raises(NotFound):
        build().actions_from("NOPE")


def test_state_label_by_language() -> None:
    assert REVIEW.label() == "In review"
    assert REVIEW.label("ar") == "قيد المراجعة"
    with pytest.raises(InvalidComponent) as err:
        REVIEW.label("fr")
    assert err.value.code == "language"


def test_definition_round_trips_through_json() -> None:
    text = to_json(LICENCE_WORKFLOW)
    again = from_json(text, WorkflowDefinition)
    assert again == LICENCE_WORKFLOW
    assert again.move("PENDING_PAYMENT", "PAY") == LICENCE_WORKFLOW.move("PENDING_PAYMENT", "PAY")


def test_json_of_an_invalid_graph_is_refused_on_load() -> None:
    text = to_json(build()).replace('"to_state": "DONE"', '"to_state": "NOWHERE"')
    with pytest.raises(WorkflowError):
        from_json(text, WorkflowDefinition)


def test_send_back_adds_correction_loop_with_roles_per_state() -> None:
    wf = with_send_back(build(), senders={"REVIEW": ("REVIEWER",)}, resubmit_to="REVIEW")
    back = wf.move("REVIEW", "SEND_BACK")
    assert back is not None
    assert back[0].to_state == "PENDING_APPLICANT_CORRECTION"
    assert back[0].required_fields == ("reason",)
    assert back[2] is True
    again = wf.move("PENDING_APPLICANT_CORRECTION", "RESUBMIT")
    assert again is not None
    assert again[0].to_state == "REVIEW"
    assert again[1] == frozenset({"CITIZEN"})
    assert wf.state("PENDING_APPLICANT_CORRECTION").sla_hours is None
    assert build().move("REVIEW", "SEND_BACK") is None  # the original is untouched


def test_send_back_twice_is_a_duplicate_action() -> None:
    once = with_send_back(build(), senders={"REVIEW": ("REVIEWER",)}, resubmit_to="REVIEW")
    other = State("FIXING", "Fixing", "قيد التصحيح")
    with pytest.raises(WorkflowError) as info:
        with_send_back(once, senders={"REVIEW": ("R",)}, resubmit_to="REVIEW", state=other)
    assert info.value.code == "workflow.definition.duplicate_action"


def test_send_back_from_unknown_state_is_refused() -> None:
    with pytest.raises(WorkflowError) as info:
        with_send_back(build(), senders={"NOPE": ("R",)}, resubmit_to="REVIEW")
    assert info.value.code == "workflow.definition.unknown_state"


def test_licence_workflow_shape() -> None:
    wf = LICENCE_WORKFLOW
    path = ["APPLY", "FORWARD", "FORWARD", "APPROVE", "PAY"]
    state = wf.start_state.name
    for action in path:
        move = wf.move(state, action)
        assert move is not None
        state = move[0].to_state
    assert state == "ISSUED"
    assert all(s.label_ar and s.label_en for s in wf.states)
    reject = wf.move("PENDING_APPROVAL", "REJECT")
    assert reject is not None
    assert reject[0].required_fields == ("reason",)
