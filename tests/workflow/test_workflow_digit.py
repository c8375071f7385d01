"""Import of eGov DIGIT BusinessService JSON (egov-workflow-v2), from a _search response."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound, WorkflowError
from municipal_core.workflow import Actor, apply, from_digit_business_service, new_case

FIXTURE = Path(__file__).with_name("digit_newtl_business_service.json")
T0 = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)


def fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def states_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = data["BusinessServices"][0]["states"]
    return states


def test_search_response_with_uuid_references() -> None:
    wf = from_digit_business_service(
        FIXTURE.read_text(encoding="utf-8"), labels_ar={"APPROVED": "معتمدة"}
    )
    assert wf.name == "NewTL"
    assert wf.sla_hours == 120
    assert [s.name for s in wf.states][:3] == ["START", "INITIATED", "APPLIED"]
    assert [s.name for s in wf.states if s.is_start] == ["START", "INITIATED"]
    assert {s.name for s in wf.states if s.is_terminal} == {"REJECTED", "CANCELLED", "APPROVED"}
    applied = wf.state("APPLIED")
    assert applied.label_en == "PENDINGFORDOCUMENTVERIFICATION"
    assert applied.label_ar == applied.label_en  # no Arabic given: falls back
    assert applied.sla_hours == 48
    assert wf.state("APPROVED").label_ar == "معتمدة"
    back = wf.move("FIELDINSPECTION", "SENDBACKTOCITIZEN")
    assert back is not None
    assert back[0].to_state == "CITIZENACTIONREQUIRED"
    assert back[1] == frozenset({"TL_FIELD_INSPECTOR"})


def test_imported_workflow_runs() -> None:
    wf = from_digit_business_service(fixture())
    case = new_case(wf, "PB-TL-2026-03-01-000042", at=T0)
    path = [
        ("APPLY", "CITIZEN"),
        ("SENDBACKTOCITIZEN", "TL_DOC_VERIFIER"),
        ("RESUBMIT", "CITIZEN"),
        ("FORWARD", "TL_DOC_VERIFIER"),
    ]
    for action, role in path:
        case = apply(wf, case, action, Actor("u", (role,)), at=T0)
    assert case.state == "FIELDINSPECTION"
    assert len(case.history) == len(path)


def test_create_request_with_name_references_and_single_service() -> None:
    service = {
        "tenantId": "pb",
        "businessService": "PGR",
        "business": "pgr-services",
        "businessServiceSla": 432000000,
        "states": [
            {
                "state": None,
                "applicationStatus": None,
                "isStartState": True,
                "isTerminateState": False,
                "sla": None,
                "actions": [{"action": "APPLY", "nextState": "APPLIED", "roles": ["CITIZEN"]}],
            },
            {
                "state": "APPLIED",
                "applicationStatus": "APPLIED",
                "isStartState": False,
                "isTerminateState": False,
                "actions": [{"action": "APPROVE", "nextState": "APPROVED", "roles": ["APPROVER"]}],
            },
            {"state": "APPROVED", "applicationStatus": "APPROVED", "isTerminateState": True},
        ],
    }
    wf = from_digit_business_service(service, start_name="NEW", version=3)
    assert wf.start_state.name == "NEW"
    assert wf.start_state.label_en == "NEW"
    assert wf.version == 3
    move = wf.move("NEW", "APPLY")
    assert move is not None
    assert move[0].to_state == "APPLIED"


def test_digit_doc_sample_with_missing_state_is_refused() -> None:
    # DIGIT's own documentation sample points APPLY at a state it never defines.
    service = {
        "businessService": "PGR",
        "states": [
            {
                "state": None,
                "isStartState": True,
                "actions": [
                    {"action": "APPLY", "nextState": "PENDINGFORASSIGNMENT", "roles": ["CITIZEN"]}
                ],
            },
            {"state": "REJECTED", "isTerminateState": True},
        ],
    }
    with pytest.raises(WorkflowError) as info:
        from_digit_business_service(service)
    assert info.value.code == "workflow.digit.next_state"


def test_choosing_among_several_services() -> None:
    data = fixture()
    second = copy.deepcopy(data["BusinessServices"][0])
    second["businessService"] = "EDITRENEWAL"
    data["BusinessServices"].append(second)
    with pytest.raises(InvalidComponent) as info:
        from_digit_business_service(data)
    assert info.value.code == "workflow.digit.ambiguous"
    assert from_digit_business_service(data, business_service="EDITRENEWAL").name == "EDITRENEWAL"
    with pytest.raises(NotFound):
        from_digit_business_service(data, business_service="PT")
    with pytest.raises(InvalidComponent):
        from_digit_business_service({"BusinessServices": []})


def mutate(change) -> dict[str, Any]:
    data = fixture()
    change(data)
    return data


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        ("{not json", InvalidFormat, "workflow.digit.format"),
        (b"[1, 2]", InvalidFormat, "workflow.digit.format"),
        ({"BusinessServices": "x"}, InvalidFormat, "workflow.digit.format"),
        ({"BusinessServices": [1]}, InvalidFormat, "workflow.digit.format"),
        (mutate(lambda d: states_of(d).append(7)), InvalidFormat, "workflow.digit.format"),
        (
            mutate(lambda d: states_of(d)[2].update(sla="48h")),
            InvalidFormat,
            "workflow.digit.format",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(sla=True)),
            InvalidFormat,
            "workflow.digit.format",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(sla=1000)),
            InvalidComponent,
            "workflow.digit.sla",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(sla=-3600000)),
            InvalidComponent,
            "workflow.digit.sla",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(actions=[1])),
            InvalidFormat,
            "workflow.digit.format",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(isStartState="yes")),
            InvalidFormat,
            "workflow.digit.format",
        ),
        (
            mutate(lambda d: states_of(d)[2]["actions"][0].update(nextState="f00")),
            WorkflowError,
            "workflow.digit.next_state",
        ),
        (
            mutate(lambda d: states_of(d)[2]["actions"][0].update(roles=[])),
            InvalidFormat,
            "workflow.empty",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(state="PENDING FOR DOCS")),
            InvalidFormat,
            "workflow.name",
        ),
        (
            mutate(lambda d: states_of(d)[2].update(isTerminateState=True)),
            WorkflowError,
            "workflow.definition.terminal_action",
        ),
        (
            mutate(lambda d: d["BusinessServices"][0].pop("businessService")),
            InvalidFormat,
            "workflow.name",
        ),
    ],
)
def test_bad_input_raises_typed_errors(data: Any, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as info:
        from_digit_business_service(data)
    assert getattr(info.value, "code", None) == code


def test_second_start_state_can_be_chosen_for_a_new_case() -> None:
    wf = from_digit_business_service(fixture())
    case = new_case(wf, "PB-TL-1", at=T0, state="INITIATED")
    assert case.state == "INITIATED"
    case = apply(wf, case, "APPLY", Actor("clerk", ("TL_CEMP",)), at=T0)
    assert case.state == "APPLIED"
    assert case.history[-1].role == "TL_CEMP"
