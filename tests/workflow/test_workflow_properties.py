"""Property and stateful tests: random action sequences, random graphs, JSON round trips."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from municipal_core.errors import MunicipalError, WorkflowError
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import (
    LICENCE_WORKFLOW as WF,
)
from municipal_core.workflow import (
    Action,
    Actor,
    Case,
    State,
    WorkflowDefinition,
    apply,
    available_actions,
    new_case,
    to_mermaid,
)

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
ROLES = sorted({role for action in WF.actions for role in action.roles} | {"AUDITOR"})
ACTIONS = sorted({action.name for action in WF.actions} | {"ESCALATE"})
# The reference model, built independently of the definition's own index.
EDGES = {(s, a.name): a for a in WF.actions for s in a.from_states}

steps = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.lists(st.sampled_from(ROLES), min_size=0, max_size=3),
        st.integers(min_value=-2, max_value=72),
        st.sampled_from([None, {"reason": "missing deed"}, {"reason": " "}]),
    ),
    max_size=25,
)


def run(sequence: list[tuple[str, list[str], int, dict[str, str] | None]]) -> tuple[Case, int]:
    case, taken, when = new_case(WF, "TL-P", at=T0), 0, T0
    for action, roles, hours, payload in sequence:
        before = case
        at = when + dt.timedelta(hours=hours)
        try:
            case = apply(WF, case, action, Actor("u", tuple(roles)), at=at, payload=payload)
        except MunicipalError:
            assert case is before
            assert to_json(case) == to_json(before)
            continue
        edge = EDGES[(before.state, action)]
        assert case.state == edge.to_state
        assert case.history[-1].role in edge.roles
        assert case.history[-1].role in roles
        assert hours >= 0
        taken, when = taken + 1, at
    return case, taken


@given(steps)
def test_random_sequences_follow_the_definition(sequence) -> None:
    case, taken = run(sequence)
    assert len(case.history) == taken
    assert case.state in {s.name for s in WF.states}
    path = [WF.start_state.name] + [h.to_state for h in case.history]
    for entry, source in zip(case.history, path, strict=False):
        assert entry.from_state == source
        assert (source, entry.action) in EDGES


@given(steps)
def test_cases_round_trip_through_json(sequence) -> None:
    case, _taken = run(sequence)
    again = from_json(to_json(case), Case)  # also re-validates what apply() built
    assert again == case
    assert hash(again) == hash(case)


class LicenceMachine(RuleBasedStateMachine):
    """Drive one case with any action by any role; compare with a plain-dict model."""

    def __init__(self) -> None:
        super().__init__()
        self.case = new_case(WF, "TL-S", at=T0)
        self.state = WF.start_state.name
        self.transitions = 0
        self.clock = T0

    @rule(action=st.sampled_from(ACTIONS), role=st.sampled_from(ROLES), hours=st.integers(0, 50))
    def act(self, action: str, role: str, hours: int) -> None:
        self.clock += dt.timedelta(hours=hours)
        edge = EDGES.get((self.state, action))
        allowed = edge is not None and role in edge.roles
        try:
            self.case = apply(
                WF,
                self.case,
                action,
                Actor("u", (role,)),
                at=self.clock,
                payload={"reason": "r"},
            )
        except MunicipalError:
            assert not allowed
            return
        assert allowed
        assert edge is not None
        self.state = edge.to_state
        self.transitions += 1

    @precondition(lambda self: not WF.state(self.state).is_terminal)
    @rule(role=st.sampled_from(ROLES))
    def take_an_available_action(self, role: str) -> None:
        actor = Actor("u", (role,))
        for action in available_actions(WF, self.case, actor):
            self.case = apply(
                WF, self.case, action.name, actor, at=self.clock, payload={"reason": "r"}
            )
            self.state = action.to_state
            self.transitions += 1
            return

    @invariant()
    def matches_model(self) -> None:
        assert self.case.state == self.state
        assert len(self.case.history) == self.transitions


TestLicenceMachine = LicenceMachine.TestCase
TestLicenceMachine.settings = settings(max_examples=50, stateful_step_count=30)

NAMES = ["S0", "S1", "S2", "S3", "S4"]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[State], list[Action]]:
    # A valid chain S0 -> ... -> Sn (terminal), then random damage and extra actions, so
    # both valid and invalid graphs come up often.
    count = draw(st.integers(1, len(NAMES) - 1))
    states = [
        State(
            name,
            name.lower(),
            "حالة",
            is_start=i == 0 or draw(st.booleans()),
            is_terminal=i == count - 1 or draw(st.integers(0, 9)) == 0,
        )
        for i, name in enumerate(NAMES[:count])
    ]
    actions = [
        Action("GO", (a,), b, ("R",))
        for a, b in itertools.pairwise(NAMES[:count])
        if draw(st.integers(0, 7))  # now and then a link is missing
    ]
    actions += [
        Action(
            draw(st.sampled_from(["BACK", "SKIP", "GO"])),
            (draw(st.sampled_from(NAMES[: max(count - 1, 1)])),),
            draw(st.sampled_from(NAMES[: count + 1])),
            ("R",),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return states, actions


@given(graphs())
def test_random_graphs_are_valid_or_refused(graph) -> None:
    states, actions = graph
    try:
        wf = WorkflowDefinition("random", states, actions)
    except WorkflowError as err:
        assert err.code.startswith("workflow.definition.")
        return
    names = {s.name for s in wf.states}
    seen, todo = (
        {s.name for s in wf.states if s.is_start},
        [s.name for s in wf.states if s.is_start],
    )
    while todo:
        for action in wf.actions_from(todo.pop()):
            assert action.to_state in names
            if action.to_state not in seen:
                seen.add(action.to_state)
                todo.append(action.to_state)
    assert seen == names
    for state in wf.states:
        assert bool(wf.actions_from(state.name)) != state.is_terminal
    pairs = sum(len(a.from_states) for a in wf.actions)
    assert to_mermaid(wf).count(" : ") == pairs
    assert from_json(to_json(wf), WorkflowDefinition) == wf
