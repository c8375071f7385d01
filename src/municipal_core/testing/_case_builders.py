"""Workflow cases walked to a state: the "approved and paid" case a licence needs.

:func:`build_case` finds the shortest sequence of actions from the definition's start
state to the wanted one (breadth-first over the definition's actions, unguarded actions
only) and applies each as an actor holding the action's first role, filling any required
field with a placeholder. So it works for every workflow the library ships and for host
definitions, and the case's history is the one the engine itself would write.

Examples:
    >>> from municipal_core.workflow import LICENCE_WORKFLOW
    >>> from municipal_core.testing._context import BuildContext
    >>> case = build_case(BuildContext(), LICENCE_WORKFLOW)
    >>> case.state, [entry.action for entry in case.history][-1]
    ('ISSUED', 'PAY')
"""

from __future__ import annotations

from collections import deque

from municipal_core.errors import WorkflowError
from municipal_core.testing._context import BuildContext
from municipal_core.workflow import Action, Actor, Case, WorkflowDefinition, apply, new_case

__all__ = ["build_case", "path_to"]


def path_to(definition: WorkflowDefinition, state: str) -> tuple[Action, ...]:
    """Return the shortest run of unguarded actions from the start state to ``state``.

    Raises:
        WorkflowError: ``state`` cannot be reached (``testing.case.unreachable``).
        NotFound: no such state in the definition.

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> [a.name for a in path_to(LICENCE_WORKFLOW, "PENDING_PAYMENT")][-1]
        'APPROVE'
    """
    target = definition.state(state).name
    start = definition.start_state.name
    # Breadth-first search: each state remembers the action that first reached it.
    came_by: dict[str, tuple[str, Action] | None] = {start: None}
    queue = deque([start])
    while queue and target not in came_by:
        here = queue.popleft()
        for action in definition.actions_from(here):
            if action.guard is None and action.to_state not in came_by:
                came_by[action.to_state] = (here, action)
                queue.append(action.to_state)
    if target not in came_by:
        raise WorkflowError(
            "The workflow cannot reach that state from its start.",
            "لا يمكن الوصول إلى هذه الحالة من بداية سير العمل.",
            code="testing.case.unreachable",
            field="state",
        )
    steps: list[Action] = []
    at = target
    while (step := came_by[at]) is not None:
        at, action = step
        steps.append(action)
    return tuple(reversed(steps))


def build_case(
    ctx: BuildContext,
    definition: WorkflowDefinition,
    *,
    state: str = "ISSUED",
    case_id: str | None = None,
) -> Case:
    """Return a case of ``definition`` walked to ``state`` at the context's clock.

    Args:
        ctx: the build context.
        definition: the workflow.
        state: where the case should stand (the licence workflows' ``ISSUED`` by default).
        case_id: the case id; the next ``CASE`` number when ``None``.

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> build_case(BuildContext(), LICENCE_WORKFLOW, state="PENDING_PAYMENT").state
        'PENDING_PAYMENT'
    """
    at = ctx.now()
    case = new_case(definition, case_id or ctx.number("CASE"), at=at)
    for action in path_to(definition, state):
        payload = dict.fromkeys(action.required_fields, "kit")
        actor = Actor(f"kit-{action.roles[0].lower()}", (action.roles[0],))
        case = apply(definition, case, action.name, actor, at=at, payload=payload or None)
    return case
