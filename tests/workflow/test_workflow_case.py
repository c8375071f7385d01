"""Cases: apply(), available_actions(), typed errors, immutability and serialisation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest

from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    NotFound,
    PermissionDenied,
    WorkflowError,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import (
    LICENCE_WORKFLOW as WF,
)
from municipal_core.workflow import (
    Actor,
    Case,
    HistoryEntry,
    apply,
    available_actions,
    new_case,
)

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
CITIZEN = Actor("citizen-1", ("CITIZEN",))
VERIFIER = Actor("verifier-1", ("DOCUMENT_VERIFIER",))
INSPECTOR = Actor("inspector-1", ("FIELD_INSPECTOR",))
APPROVER = Actor("approver-1", ("APPROVER",))


def at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def applied() -> Case:
    return apply(WF, new_case(WF, "TL-1", at=T0), "APPLY", CITIZEN, at=T0)


def issued() -> Case:
    case = applied()
    for i, (action, actor) in enumerate(
        [("FORWARD", VERIFIER), ("FORWARD", INSPECTOR), ("APPROVE", APPROVER), ("PAY", CITIZEN)],
        start=1,
    ):
        case = apply(WF, case, action, actor, at=at(i))
    return case


def test_full_path_records_history() -> None:
    case = issued()
    assert case.state == "ISSUED"
    assert case.entered_state_at == at(4)
    assert [h.action for h in case.history] == ["APPLY", "FORWARD", "FORWARD", "APPROVE", "PAY"]
    assert [h.actor_id for h in case.history][:2] == ["citizen-1", "verifier-1"]
    assert case.history[2] == HistoryEntry(
        "inspector-1", "FIELD_INSPECTOR", "FORWARD", "FIELD_INSPECTION", "PENDING_APPROVAL", at(2)
    )
    assert available_actions(WF, case, CITIZEN) == ()


def test_apply_leaves_the_old_case_unchanged() -> None:
    before = applied()
    snapshot = to_json(before)
    after = apply(WF, before, "FORWARD", VERIFIER, at=at(1), comment="documents complete")
    assert to_json(before) == snapshot
    assert after is not before
    assert len(after.history) == len(before.history) + 1
    assert after.history[:-1] == before.history
    assert after.history[-1].comment == "documents complete"


def test_illegal_action_names_state_and_allowed_actions() -> None:
    case = applied()
    with pytest.raises(IllegalTransition) as info:
        apply(WF, case, "PAY", CITIZEN, at=at(1))
    err = info.value
    assert err.code == "workflow.illegal_transition"
    assert err.field == "action"
    assert "'DOCUMENT_VERIFICATION'" in err.message_en
    assert "FORWARD, REJECT, CANCEL, SEND_BACK" in err.message_en
    assert "DOCUMENT_VERIFICATION" in err.message_ar


def test_unknown_or_odd_action_names_are_illegal_not_crashes() -> None:
    case = applied()
    for odd in ("NOPE", "", ["list"], None, "X" * 500):
        with pytest.raises(IllegalTransition) as info:
            apply(WF, case, odd, CITIZEN, at=at(1))  # type: ignore[arg-type]
        assert "X" * 100 not in info.value.message_en


def test_role_not_allowed_is_permission_denied() -> None:
    with pytest.raises(PermissionDenied) as info:
        apply(WF, applied(), "FORWARD", APPROVER, at=at(1))
    assert info.value.code == "workflow.role"
    assert "DOCUMENT_VERIFIER" in info.value.message_en


def test_first_allowed_role_of_actor_is_recorded() -> None:
    clerk = Actor("clerk-1", ("AUDITOR", "DOCUMENT_VERIFIER", "FIELD_INSPECTOR"))
    case = apply(WF, applied(), "FORWARD", clerk, at=at(1))
    assert case.history[-1].role == "DOCUMENT_VERIFIER"
    case = apply(WF, case, "FORWARD", clerk, at=at(2))
    assert case.history[-1].role == "FIELD_INSPECTOR"


@pytest.mark.parametrize("when", [dt.datetime(2026, 3, 2), "2026-03-02T00:00Z", None, 5])
def test_naive_or_wrong_time_is_invalid_format(when: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        apply(WF, applied(), "FORWARD", VERIFIER, at=when)  # type: ignore[arg-type]
    assert info.value.code == "workflow.datetime"


def test_time_before_last_entry_is_refused() -> None:
    case = apply(WF, applied(), "FORWARD", VERIFIER, at=at(5))
    with pytest.raises(DomainRuleError) as info:
        apply(WF, case, "FORWARD", INSPECTOR, at=at(4))
    assert info.value.code == "workflow.time_order"
    # the same instant in another zone is not earlier
    same = at(5).astimezone(ZoneInfo("Asia/Muscat"))
    assert apply(WF, case, "FORWARD", INSPECTOR, at=same).entered_state_at == at(5)


def test_required_field_missing_or_blank() -> None:
    case = applied()
    for payload in (None, {}, {"reason": "  "}, {"other": "x"}):
        with pytest.raises(InvalidComponent) as info:
            apply(WF, case, "REJECT", VERIFIER, at=at(1), payload=payload)
        assert info.value.code == "workflow.required_field"
        assert info.value.field == "reason"
    rejected = apply(WF, case, "REJECT", VERIFIER, at=at(1), payload={"reason": "forged deed"})
    assert rejected.state == "REJECTED"
    assert rejected.get("reason") == "forged deed"
    assert rejected.history[-1].payload == (("reason", "forged deed"),)


@pytest.mark.parametrize("payload", [{"ok": 5}, {"bad key": "x"}, ["not", "pairs"], {1: "x"}])
def test_malformed_payload_is_invalid_format(payload: object) -> None:
    with pytest.raises(InvalidFormat):
        apply(WF, applied(), "FORWARD", VERIFIER, at=at(1), payload=payload)  # type: ignore[arg-type]


def test_payload_merges_later_values_win() -> None:
    case = apply(WF, applied(), "FORWARD", VERIFIER, at=at(1), payload={"b": "1", "a": "x"})
    case = apply(WF, case, "FORWARD", INSPECTOR, at=at(2), payload={"b": "2"})
    assert case.payload == (("a", "x"), ("b", "2"))
    assert case.history[-2].payload == (("a", "x"), ("b", "1"))


def test_comment_must_be_text() -> None:
    with pytest.raises(InvalidFormat) as info:
        apply(WF, applied(), "FORWARD", VERIFIER, at=at(1), comment=42)  # type: ignore[arg-type]
    assert info.value.code == "workflow.comment"


GUARDED = attrs.evolve(
    WF,
    name="licence.guarded",
    actions=tuple(
        attrs.evolve(a, guard="inspection_passed") if a.name == "APPROVE" else a for a in WF.actions
    ),
)


def at_approval() -> Case:
    case = new_case(GUARDED, "TL-2", at=T0)
    for i, (action, actor) in enumerate(
        [("APPLY", CITIZEN), ("FORWARD", VERIFIER), ("FORWARD", INSPECTOR)]
    ):
        payload = {"inspection": "passed"} if i == 2 else None
        case = apply(GUARDED, case, action, actor, at=at(i), payload=payload)
    return case


def test_guard_passes_and_fails() -> None:
    seen: list[tuple[str, dict[str, str]]] = []

    def inspection_passed(case: Case, payload: object) -> bool:
        seen.append((case.state, dict(payload)))  # type: ignore[call-overload]
        return case.get("inspection") == "passed"

    guards = {"inspection_passed": inspection_passed}
    case = at_approval()
    done = apply(GUARDED, case, "APPROVE", APPROVER, at=at(5), guards=guards, payload={"n": "1"})
    assert done.state == "PENDING_PAYMENT"
    assert seen == [("PENDING_APPROVAL", {"n": "1"})]
    failing = attrs.evolve(case, payload=(("inspection", "failed"),))
    with pytest.raises(DomainRuleError) as info:
        apply(GUARDED, failing, "APPROVE", APPROVER, at=at(5), guards=guards)
    assert info.value.code == "workflow.guard"
    assert "inspection_passed" in info.value.message_en


def test_unknown_guard_is_not_found() -> None:
    for guards in (None, {}, {"other": lambda c, p: True}):
        with pytest.raises(NotFound) as info:
            apply(GUARDED, at_approval(), "APPROVE", APPROVER, at=at(5), guards=guards)
        assert info.value.code == "workflow.guard.unknown"


def test_case_of_another_workflow_or_version_is_refused() -> None:
    case = applied()
    for definition in (GUARDED, attrs.evolve(WF, version=2)):
        with pytest.raises(WorkflowError) as info:
            apply(definition, case, "FORWARD", VERIFIER, at=at(1))
        assert info.value.code == "workflow.mismatch"
        with pytest.raises(WorkflowError):
            available_actions(definition, case, VERIFIER)


@pytest.mark.parametrize("field", ["definition", "case", "actor"])
def test_wrong_argument_types_are_invalid_format(field: str) -> None:
    args: dict[str, object] = {"definition": WF, "case": applied(), "actor": VERIFIER}
    args[field] = "oops"
    with pytest.raises(InvalidFormat) as info:
        apply(args["definition"], args["case"], "FORWARD", args["actor"], at=at(1))  # type: ignore[arg-type]
    assert info.value.field == field


def test_available_actions_by_role() -> None:
    case = applied()
    assert [a.name for a in available_actions(WF, case, VERIFIER)] == [
        "FORWARD",
        "REJECT",
        "SEND_BACK",
    ]
    assert [a.name for a in available_actions(WF, case, CITIZEN)] == ["CANCEL"]
    assert available_actions(WF, case, Actor("nobody", ())) == ()


def test_send_back_and_resubmit_round() -> None:
    case = apply(WF, applied(), "SEND_BACK", VERIFIER, at=at(1), payload={"reason": "blurry ID"})
    assert case.state == "PENDING_APPLICANT_CORRECTION"
    assert [a.name for a in available_actions(WF, case, CITIZEN)] == ["RESUBMIT"]
    case = apply(WF, case, "RESUBMIT", CITIZEN, at=at(30), payload={"id_copy": "doc-2"})
    assert case.state == "DOCUMENT_VERIFICATION"
    assert case.entered_state_at == at(30)
    assert [h.to_state for h in case.history][-2:] == [
        "PENDING_APPLICANT_CORRECTION",
        "DOCUMENT_VERIFICATION",
    ]


def test_new_case_in_a_non_start_state_is_refused() -> None:
    with pytest.raises(WorkflowError) as info:
        new_case(WF, "TL-3", at=T0, state="ISSUED")
    assert info.value.code == "workflow.not_start"
    with pytest.raises(NotFound):
        new_case(WF, "TL-3", at=T0, state="NOPE")
    with pytest.raises(InvalidFormat):
        new_case(WF, "", at=T0)
    with pytest.raises(InvalidFormat):
        new_case(WF, "TL-3", at=dt.datetime(2026, 1, 1))


def test_case_round_trips_through_json() -> None:
    case = apply(WF, applied(), "REJECT", VERIFIER, at=at(1), payload={"reason": "نقص"})
    text = to_json(case)
    assert from_json(text, Case) == case
    assert '"history": [' in text


@pytest.mark.parametrize(
    "tamper",
    [
        lambda h: (h[1], h[0], *h[2:]),  # out of order
        lambda h: h[:-1],  # last entry missing: does not end in the case's state
        lambda h: (*h[:-1], attrs.evolve(h[-1], at=h[-1].at + dt.timedelta(hours=1))),
        lambda h: (h[0], attrs.evolve(h[1], at=h[0].at - dt.timedelta(hours=1)), *h[2:]),
        lambda h: (*h[:-1], "not an entry"),
    ],
)
def test_inconsistent_history_cannot_be_built(tamper) -> None:
    case = issued()
    with pytest.raises(WorkflowError) as info:
        attrs.evolve(case, history=tamper(case.history))
    assert info.value.code == "workflow.history"


def test_actor_and_case_validate_their_fields() -> None:
    with pytest.raises(InvalidFormat):
        Actor("", ("CITIZEN",))
    with pytest.raises(InvalidFormat):
        Actor("u", ("not a role",))
    assert Actor("u", "CITIZEN").roles == ("CITIZEN",)
    with pytest.raises(InvalidFormat):
        Case("X", "demo", 0, "NEW", T0)
    with pytest.raises(InvalidFormat):
        Case("X", "demo", 1, "NEW", T0, payload={"k": 1})  # type: ignore[dict-item]


def test_case_in_a_state_the_definition_lacks_has_no_allowed_actions() -> None:
    stray = Case("TL-9", WF.name, WF.version, "ARCHIVED", T0)
    with pytest.raises(IllegalTransition, match="allowed: none"):
        apply(WF, stray, "APPLY", CITIZEN, at=T0)


def test_apply_result_equals_a_validated_construction() -> None:
    case = apply(WF, applied(), "FORWARD", VERIFIER, at=at(1), comment="ok", payload={"a": "b"})
    rebuilt = Case(
        case.id,
        case.workflow,
        case.version,
        case.state,
        case.entered_state_at,
        tuple(attrs.evolve(h) for h in case.history),
        dict(case.payload),
    )
    assert rebuilt == case
    assert hash(rebuilt) == hash(case)
    assert repr(rebuilt) == repr(case)
