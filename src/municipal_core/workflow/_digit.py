"""Import (and export) an eGov DIGIT BusinessService (egov-workflow-v2) as a workflow definition.

DIGIT stores a workflow as JSON (DOMAIN.md §7): a ``businessService`` name, an overall
``businessServiceSla`` in milliseconds and a list of states, each with ``state`` (``null``
for the start state), ``applicationStatus`` (the public status), ``sla``,
``isStartState``, ``isTerminateState`` and ``actions`` (``action``, ``nextState``,
``roles``). In ``_create`` requests ``nextState`` is a state name; in ``_search``
responses it is the next state's ``uuid``. Both are understood.

:func:`to_digit_business_service` writes a definition back in the ``_create`` form (state
names as ``nextState``), so any workflow of the library can be loaded into DIGIT and read
back. Guards, required payload fields and Arabic labels have no DIGIT field and are left
out; pass ``labels_ar`` when importing to restore the labels.

What does not map on import: ``docUploadRequired``, ``isStateUpdatable``, ``tenantId`` and audit
details are ignored. DIGIT has no Arabic labels, so ``label_ar`` comes from ``labels_ar``
(by state name) or repeats the English status. SLAs must be whole hours.

Examples:
    >>> wf = from_digit_business_service({
    ...     "businessService": "PGR", "businessServiceSla": 432000000,
    ...     "states": [
    ...         {"state": None, "isStartState": True, "actions": [
    ...             {"action": "APPLY", "nextState": "APPLIED", "roles": ["CITIZEN"]}]},
    ...         {"state": "APPLIED", "applicationStatus": "APPLIED", "sla": 86400000,
    ...          "actions": [{"action": "RESOLVE", "nextState": "RESOLVED",
    ...                       "roles": ["GRO"]}]},
    ...         {"state": "RESOLVED", "applicationStatus": "RESOLVED",
    ...          "isTerminateState": True},
    ...     ]})
    >>> wf.name, wf.sla_hours, [s.name for s in wf.states], wf.state("APPLIED").sla_hours
    ('PGR', 120, ['START', 'APPLIED', 'RESOLVED'], 24)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound, WorkflowError
from municipal_core.workflow._definition import Action, State, WorkflowDefinition

__all__ = ["from_digit_business_service", "to_digit_business_service"]

T = TypeVar("T")

_MS_PER_HOUR = 3_600_000


def _bad(detail: str, field: str) -> InvalidFormat:
    return InvalidFormat(
        f"The DIGIT business service is malformed: {detail}.",
        f"تعريف خدمة DIGIT غير سليم: {detail}.",
        code="workflow.digit.format",
        field=field,
    )


def _get(obj: Mapping[str, Any], key: str, kind: type[T], default: T) -> T:
    value = obj.get(key)
    if value is None:
        return default
    # bool is an int in Python; a flag where a number is expected (or back) is an error.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(f"{key!r} must be of type {kind.__name__}", key)
    return value


def _hours(ms: int, field: str) -> int | None:
    if ms == 0:
        return None
    if ms < 0 or ms % _MS_PER_HOUR:
        raise InvalidComponent(
            f"The SLA {field!r} must be a positive whole number of hours in milliseconds.",
            f"يجب أن تكون مدة الخدمة {field!r} عددًا صحيحًا موجبًا من الساعات بالملي ثانية.",
            code="workflow.digit.sla",
            field=field,
        )
    return ms // _MS_PER_HOUR


def _load(data: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except ValueError:
            raise _bad("not valid JSON", "data") from None
    if not isinstance(data, Mapping):
        raise _bad("expected a JSON object", "data")
    return data


def _pick(data: Mapping[str, Any], business_service: str | None) -> Mapping[str, Any]:
    if "BusinessServices" not in data:
        services: list[Any] = [data]
    else:
        services = _get(data, "BusinessServices", list, [])
    if not all(isinstance(s, Mapping) for s in services):
        raise _bad("each business service must be an object", "BusinessServices")
    if business_service is not None:
        services = [s for s in services if s.get("businessService") == business_service]
        if not services:
            raise NotFound(
                f"No business service named {business_service!r} in the data.",
                f"لا توجد خدمة باسم {business_service!r} في البيانات.",
                code="workflow.digit.not_found",
                field="business_service",
            )
    if len(services) != 1:
        raise InvalidComponent(
            "The data holds several business services (or none); name the one to load.",
            "تحتوي البيانات على عدة خدمات (أو لا شيء)؛ حدّد الخدمة المطلوب تحميلها.",
            code="workflow.digit.ambiguous",
            field="business_service",
        )
    return services[0]  # type: ignore[no-any-return]


def from_digit_business_service(
    data: str | bytes | Mapping[str, Any],
    *,
    business_service: str | None = None,
    version: int = 1,
    start_name: str = "START",
    labels_ar: Mapping[str, str] | None = None,
) -> WorkflowDefinition:
    """Return the workflow definition of a DIGIT BusinessService.

    Args:
        data: JSON text or parsed JSON: either one business service object or a
            ``{"BusinessServices": [...]}`` response.
        business_service: which one to load when the data holds several.
        version: the definition version to give the result.
        start_name: the name for the start state DIGIT leaves as ``null``.
        labels_ar: Arabic public labels by state name.

    Raises:
        InvalidFormat: not JSON, or a field of the wrong type (``workflow.digit.format``);
            a name our definitions do not allow (``workflow.name``).
        InvalidComponent: an SLA that is not whole hours (``workflow.digit.sla``);
            several services and none named (``workflow.digit.ambiguous``).
        NotFound: the named service is not there (``workflow.digit.not_found``).
        WorkflowError: a ``nextState`` that matches no state's uuid or name
            (``workflow.digit.next_state``), or any definition check
            (``workflow.definition.*``).
    """
    service = _pick(_load(data), business_service)
    raw_states = _get(service, "states", list, [])
    if not all(isinstance(s, Mapping) for s in raw_states):
        raise _bad("each state must be an object", "states")
    names = [_get(s, "state", str, start_name) for s in raw_states]
    by_ref = {name: name for name in names}
    by_ref.update(
        {
            _get(s, "uuid", str, ""): n
            for s, n in zip(raw_states, names, strict=True)
            if s.get("uuid")
        }
    )
    arabic = labels_ar or {}
    states: list[State] = []
    actions: list[Action] = []
    for raw, name in zip(raw_states, names, strict=True):
        label = _get(raw, "applicationStatus", str, name)
        states.append(
            State(
                name,
                label,
                arabic.get(name, label),
                is_start=_get(raw, "isStartState", bool, False),
                is_terminal=_get(raw, "isTerminateState", bool, False),
                sla_hours=_hours(_get(raw, "sla", int, 0), "sla"),
            )
        )
        for move in _get(raw, "actions", list, []):
            if not isinstance(move, Mapping):
                raise _bad("each action must be an object", "actions")
            actions.append(_action(move, name, by_ref))
    return WorkflowDefinition(
        _get(service, "businessService", str, ""),
        states,
        actions,
        version=version,
        sla_hours=_hours(_get(service, "businessServiceSla", int, 0), "businessServiceSla"),
    )


def _action(move: Mapping[str, Any], source: str, by_ref: Mapping[str, str]) -> Action:
    ref = _get(move, "nextState", str, "")
    target = by_ref.get(ref)
    if target is None:
        raise WorkflowError(
            f"Action {move.get('action')!r} of state {source!r} leads to an unknown state.",
            f"الإجراء {move.get('action')!r} في الحالة {source!r} يؤدي إلى حالة غير معروفة.",
            code="workflow.digit.next_state",
            field="nextState",
        )
    roles = _get(move, "roles", list, [])
    return Action(_get(move, "action", str, ""), (source,), target, tuple(roles))


def to_digit_business_service(definition: WorkflowDefinition) -> dict[str, Any]:
    """Return ``definition`` as a DIGIT BusinessService object (JSON-ready).

    One DIGIT action per (action, from-state) pair; SLAs in milliseconds; every state
    named (DIGIT's ``null`` start state is not needed: ``isStartState`` marks it).
    Guards, required fields and Arabic labels are not part of DIGIT's model and are
    dropped -- :func:`from_digit_business_service` with ``labels_ar`` restores the labels.

    Raises:
        InvalidFormat: ``definition`` is not a :class:`WorkflowDefinition`
            (code ``workflow.digit.format``).

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> digit = to_digit_business_service(LICENCE_WORKFLOW)
        >>> digit["businessService"], digit["states"][0]["state"]
        ('licence.generic', 'DRAFT')
        >>> labels = {s.name: s.label_ar for s in LICENCE_WORKFLOW.states}
        >>> back = from_digit_business_service(digit, labels_ar=labels)
        >>> back.state("ISSUED").label("ar"), len(back.states) == len(LICENCE_WORKFLOW.states)
        ('صادرة', True)
    """
    if not isinstance(definition, WorkflowDefinition):
        raise _bad("expected a WorkflowDefinition", "definition")
    moves: dict[str, list[dict[str, Any]]] = {state.name: [] for state in definition.states}
    for action in definition.actions:
        for source in action.from_states:
            moves[source].append(
                {"action": action.name, "nextState": action.to_state, "roles": list(action.roles)}
            )
    return {
        "businessService": definition.name,
        "businessServiceSla": (definition.sla_hours or 0) * _MS_PER_HOUR,
        "states": [
            {
                "state": state.name,
                "applicationStatus": state.label_en,
                "sla": (state.sla_hours or 0) * _MS_PER_HOUR,
                "isStartState": state.is_start,
                "isTerminateState": state.is_terminal,
                "actions": moves[state.name],
            }
            for state in definition.states
        ],
    }
