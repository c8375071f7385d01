"""Moving cases through a workflow: new_case(), apply() and available_actions().

A :class:`Case` names its workflow and version but does not hold the definition, so a
case serialises to a small JSON document; every operation takes the definition first:
``apply(definition, case, action, actor, at=...)`` returns the new case and leaves the
old one untouched.

Examples:
    >>> from datetime import datetime, timezone
    >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
    >>> t0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    >>> case = new_case(wf, "TL-2026-000123", at=t0)
    >>> citizen = Actor("u-17", ("CITIZEN",))
    >>> case2 = apply(wf, case, "APPLY", citizen, at=t0, comment="first application")
    >>> case.state, case2.state
    ('DRAFT', 'DOCUMENT_VERIFICATION')
    >>> entry = case2.history[-1]
    >>> entry.actor_id, entry.role, entry.action, entry.from_state, entry.to_state
    ('u-17', 'CITIZEN', 'APPLY', 'DRAFT', 'DOCUMENT_VERIFICATION')
    >>> apply(wf, case2, "APPROVE", citizen, at=t0)
    Traceback (most recent call last):
        ...
    municipal_core.errors.IllegalTransition: Action 'APPROVE' is not allowed in state \
'DOCUMENT_VERIFICATION'; allowed: FORWARD, REJECT, CANCEL, SEND_BACK.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    NotFound,
    PermissionDenied,
    WorkflowError,
)
from municipal_core.workflow._case import (
    Actor,
    Case,
    Guard,
    HistoryEntry,
    bad_comment,
    bad_time,
    check_follows,
    normalise_payload,
)
from municipal_core.workflow._definition import Action, WorkflowDefinition

__all__ = ["apply", "available_actions", "new_case"]


def new_case(
    definition: WorkflowDefinition, case_id: str, *, at: dt.datetime, state: str | None = None
) -> Case:
    """Return a new case in the definition's start state (or ``state``, a start state).

    Raises:
        InvalidFormat: ``at`` is naive (``workflow.datetime``) or ``case_id`` is empty.
        WorkflowError: ``state`` is not a start state (``workflow.not_start``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> new_case(LICENCE_WORKFLOW, "TL-1", at=datetime(2026, 1, 1, tzinfo=timezone.utc)).state
        'DRAFT'
    """
    start = definition.start_state if state is None else definition.state(state)
    if not start.is_start:
        raise WorkflowError(
            f"State {start.name!r} is not a start state.",
            f"الحالة {start.name!r} ليست حالة بداية.",
            code="workflow.not_start",
            field="state",
        )
    return Case(case_id, definition.name, definition.version, start.name, at)


def apply(
    definition: WorkflowDefinition,
    case: Case,
    action: str,
    actor: Actor,
    *,
    at: dt.datetime,
    comment: str | None = None,
    payload: Mapping[str, str] | None = None,
    guards: Mapping[str, Guard] | None = None,
) -> Case:
    """Take ``action`` on ``case`` as ``actor`` at ``at``; return the new case.

    The old case is unchanged whatever happens. ``payload`` fields are merged into the
    case's payload and recorded in the history entry. A guard named by the action is
    looked up in ``guards`` and called as ``guard(case, payload)``.

    Raises:
        WorkflowError: the case follows another workflow or version (``workflow.mismatch``).
        IllegalTransition: the action is not allowed in the case's state
            (``workflow.illegal_transition``; the message lists the allowed actions).
        PermissionDenied: none of the actor's roles may take it (``workflow.role``).
        InvalidFormat: ``at`` is naive or not a datetime (``workflow.datetime``); the
            payload is not names to text (``workflow.payload``).
        DomainRuleError: ``at`` is before the case entered its state
            (``workflow.time_order``); the guard said no (``workflow.guard``).
        InvalidComponent: a required payload field is missing or blank
            (``workflow.required_field``).
        NotFound: the action's guard is not in ``guards`` (``workflow.guard.unknown``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf
        >>> t = datetime(2026, 3, 1, tzinfo=timezone.utc)
        >>> case = apply(wf, new_case(wf, "TL-9", at=t), "APPLY", Actor("u", ("CITIZEN",)),
        ...              at=t)
        >>> apply(wf, case, "FORWARD", Actor("u", ("CITIZEN",)), at=t)
        Traceback (most recent call last):
            ...
        municipal_core.errors.PermissionDenied: Action 'FORWARD' needs one of the roles: \
DOCUMENT_VERIFIER.
    """
    if (
        not isinstance(case, Case)
        or not isinstance(actor, Actor)
        or not isinstance(definition, WorkflowDefinition)
    ):
        raise _wrong_types(definition, case)
    # WorkflowDefinition.move() and check_follows() inlined: two calls per transition cost
    # ~12% of apply() (benchmarks/workflow_transitions.py falls below its 5x target).
    if case.workflow != definition.name or case.version != definition.version:
        check_follows(definition, case)
    try:
        move = definition._moves.get((case.state, action))
    except TypeError:  # an unhashable action name
        move = None
    if move is None:
        raise _illegal(definition, case.state, action)
    step, allowed, needs_check = move
    for role in actor.roles:
        if role in allowed:
            break
    else:
        raise PermissionDenied(
            f"Action {step.name!r} needs one of the roles: {', '.join(step.roles)}.",
            f"الإجراء {step.name!r} يتطلب أحد الأدوار: {', '.join(step.roles)}.",
            code="workflow.role",
            field="actor",
        )
    try:
        # Comparing with the aware entered_state_at also refuses naive and non-datetime
        # values (TypeError), at no cost on the hot path.
        too_early = at < case.entered_state_at
    except TypeError:
        raise bad_time("at") from None
    if too_early:
        raise DomainRuleError(
            "The action's time is before the case entered its current state.",
            "وقت الإجراء يسبق دخول الطلب إلى حالته الحالية.",
            code="workflow.time_order",
            field="at",
        )
    if comment is not None and not isinstance(comment, str):
        raise bad_comment()
    given = normalise_payload(payload) if payload else ()
    if needs_check:
        _check_step(step, case, dict(given), guards)
    # Both sides are already valid payloads: merging needs no second validation.
    merged = (
        case.payload if not given else tuple(sorted({**dict(case.payload), **dict(given)}.items()))
    )
    entry = _new(HistoryEntry)
    _entry_actor_id(entry, actor.id)
    _entry_role(entry, role)
    _entry_action(entry, step.name)
    _entry_from_state(entry, case.state)
    _entry_to_state(entry, step.to_state)
    _entry_at(entry, at)
    _entry_comment(entry, comment)
    _entry_payload(entry, given)
    result = _new(Case)
    _case_id(result, case.id)
    _case_workflow(result, case.workflow)
    _case_version(result, case.version)
    _case_state(result, step.to_state)
    _case_entered_state_at(result, at)
    _case_history(result, (*case.history, entry))
    _case_payload(result, merged)
    return result


# apply() builds its results only from values already validated (the definition's names,
# the Actor's id and roles, the checked time, comment and payload), and the history chain
# is continuous by construction. Running every validator again would triple the cost of a
# transition (benchmarks/workflow_transitions.py), so apply() fills the frozen slots
# directly through their descriptors. Every other way in (constructors, from_json)
# validates.
_new = object.__new__


def _slot_setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    if set(names) != {field.name for field in attrs.fields(cls)}:  # pragma: no cover
        raise AssertionError(f"{cls.__name__}: slot setters out of date")
    return tuple(cls.__dict__[name].__set__ for name in names)


(
    _entry_actor_id,
    _entry_role,
    _entry_action,
    _entry_from_state,
    _entry_to_state,
    _entry_at,
    _entry_comment,
    _entry_payload,
) = _slot_setters(
    HistoryEntry,
    "actor_id",
    "role",
    "action",
    "from_state",
    "to_state",
    "at",
    "comment",
    "payload",
)
(
    _case_id,
    _case_workflow,
    _case_version,
    _case_state,
    _case_entered_state_at,
    _case_history,
    _case_payload,
) = _slot_setters(
    Case, "id", "workflow", "version", "state", "entered_state_at", "history", "payload"
)


def _wrong_types(definition: object, case: object) -> InvalidFormat:
    field = (
        "definition"
        if not isinstance(definition, WorkflowDefinition)
        else "case"
        if not isinstance(case, Case)
        else "actor"
    )
    return InvalidFormat(
        "apply() needs a WorkflowDefinition, a Case and an Actor.",
        "يتطلب apply() تعريف سير عمل وطلبًا (Case) ومنفّذًا (Actor).",
        code="workflow.type",
        field=field,
    )


def _check_step(
    step: Action, case: Case, given: dict[str, str], guards: Mapping[str, Guard] | None
) -> None:
    for field in step.required_fields:
        if not given.get(field, "").strip():
            raise InvalidComponent(
                f"Action {step.name!r} needs the field {field!r}.",
                f"الإجراء {step.name!r} يتطلب الحقل {field!r}.",
                code="workflow.required_field",
                field=field,
            )
    if step.guard is None:
        return
    guard = (guards or {}).get(step.guard)
    if guard is None:
        raise NotFound(
            f"No guard named {step.guard!r} was supplied.",
            f"لم يُقدَّم شرط باسم {step.guard!r}.",
            code="workflow.guard.unknown",
            field="guards",
        )
    if not guard(case, given):
        raise DomainRuleError(
            f"The condition {step.guard!r} for action {step.name!r} is not met.",
            f"الشرط {step.guard!r} للإجراء {step.name!r} غير مستوفى.",
            code="workflow.guard",
            field="action",
        )


def _illegal(definition: WorkflowDefinition, state: str, action: str) -> IllegalTransition:
    try:
        names = [a.name for a in definition.actions_from(state)]
    except NotFound:
        names = []
    allowed = ", ".join(names) or "none"
    shown = action if isinstance(action, str) and len(action) <= 64 else "?"
    return IllegalTransition(
        f"Action {shown!r} is not allowed in state {state!r}; allowed: {allowed}.",
        f"الإجراء {shown!r} غير مسموح في الحالة {state!r}؛ المسموح: {allowed}.",
        code="workflow.illegal_transition",
        field="action",
    )


def available_actions(
    definition: WorkflowDefinition, case: Case, actor: Actor
) -> tuple[Action, ...]:
    """Return the actions ``actor`` may take on ``case`` now, in definition order.

    Guards are not evaluated here (they need the payload of the action); ask them when
    the actor submits.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf
        >>> case = new_case(wf, "TL-1", at=datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> [a.name for a in available_actions(wf, case, Actor("u", ("CITIZEN",)))]
        ['APPLY', 'CANCEL']
        >>> available_actions(wf, case, Actor("u", ("APPROVER",)))
        ()
    """
    check_follows(definition, case)
    roles = set(actor.roles)
    return tuple(a for a in definition.actions_from(case.state) if roles.intersection(a.roles))
