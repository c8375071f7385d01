"""Workflow transitions per second, history included, against the `transitions` library.

Target (issue 3): `municipal_core.workflow.apply` drives the five-step licence workflow
(APPLY, FORWARD, FORWARD, APPROVE, PAY) on many cases at least 5x as fast as
`transitions.Machine` -- the library a Python user would reach for -- driving the same
graph (every action of LICENCE_WORKFLOW) on as many model objects. Both record history:
ours in each immutable case, transitions in an `after_state_change` callback that appends
(who, action, from, to, when) to a list on the model. Ours also checks each actor's role,
which the transitions side does not do. Final states and histories are compared before
anything is timed.

Run: python benchmarks/workflow_transitions.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import timeit

from transitions import EventData, Machine

from municipal_core.workflow import LICENCE_WORKFLOW, Actor, Case, apply, new_case

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
STEPS = (
    ("APPLY", Actor("citizen-1", ("CITIZEN",))),
    ("FORWARD", Actor("verifier-1", ("DOCUMENT_VERIFIER",))),
    ("FORWARD", Actor("inspector-1", ("FIELD_INSPECTOR",))),
    ("APPROVE", Actor("approver-1", ("APPROVER",))),
    ("PAY", Actor("citizen-1", ("CITIZEN",))),
)
TIMES = tuple(T0 + dt.timedelta(hours=6 * i) for i in range(len(STEPS)))

History = list[tuple[str, str, str, str, dt.datetime]]


class Licence:
    """A transitions model: the library adds `state` and one method per trigger."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self.history: History = []
        self.state = ""  # set by transitions.Machine

    def record(self, event: EventData) -> None:
        assert event.transition is not None
        assert event.transition.dest is not None
        self.history.append(
            (
                event.kwargs["actor"],
                event.event.name,
                event.transition.source,
                event.transition.dest,
                event.kwargs["at"],
            )
        )


def make_models(count: int) -> list[Licence]:
    models = [Licence(f"TL-{i:06d}") for i in range(count)]
    Machine(
        model=models,
        states=[s.name for s in LICENCE_WORKFLOW.states],
        transitions=[
            {"trigger": a.name, "source": list(a.from_states), "dest": a.to_state}
            for a in LICENCE_WORKFLOW.actions
        ],
        initial=LICENCE_WORKFLOW.start_state.name,
        auto_transitions=False,
        send_event=True,
        after_state_change="record",
    )
    return models


def run_transitions(models: list[Licence]) -> None:
    for model in models:
        for (action, actor), at in zip(STEPS, TIMES, strict=True):
            getattr(model, action)(actor=actor.id, at=at)


def run_ours(cases: list[Case]) -> list[Case]:
    wf = LICENCE_WORKFLOW
    done = []
    for case in cases:
        for (action, actor), at in zip(STEPS, TIMES, strict=True):
            case = apply(wf, case, action, actor, at=at)
        done.append(case)
    return done


def ours_history(case: Case) -> History:
    return [(h.actor_id, h.action, h.from_state, h.to_state, h.at) for h in case.history]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [new_case(LICENCE_WORKFLOW, f"TL-{i:06d}", at=T0) for i in range(args.count)]

    done = run_ours(cases)
    models = make_models(args.count)
    run_transitions(models)
    model_state = [m.state for m in models]
    if [c.state for c in done] != model_state or any(
        ours_history(c) != m.history for c, m in zip(done, models, strict=True)
    ):
        print("FAIL: final states or histories differ")
        return 1

    t_ours = min(timeit.repeat(lambda: run_ours(cases), number=1, repeat=args.repeat))
    t_theirs = float("inf")
    for _ in range(args.repeat):  # fresh models each round: transitions mutates them
        fresh = make_models(args.count)
        t_theirs = min(t_theirs, timeit.timeit(functools.partial(run_transitions, fresh), number=1))
    steps = args.count * len(STEPS)
    print(f"cases: {args.count} x {len(STEPS)} steps; states and histories identical")
    print(f"municipal_core.workflow.apply: {steps / t_ours:12,.0f} transitions/s")
    print(f"transitions.Machine:           {steps / t_theirs:12,.0f} transitions/s")
    ratio = t_theirs / t_ours
    print(f"speed-up: {ratio:.1f}x (target >= 5x)")
    return 0 if ratio >= 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
