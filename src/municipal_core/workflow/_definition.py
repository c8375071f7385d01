"""Workflow definitions as data: states, actions, and the checks made when one is built.

A definition is the shape of eGov DIGIT's BusinessService (DOMAIN.md §7): states with an
internal name, a public status label in English and Arabic, start/terminal flags and an
SLA; actions with the states they leave, the state they reach, the roles that may take
them, an optional named guard and the payload fields they require.

Building a :class:`WorkflowDefinition` validates the graph, so a definition with an
action to an unknown state, an unreachable state, a non-terminal dead end or the same
action twice from one state cannot exist.

Examples:
    >>> from municipal_core.workflow import Action, State, WorkflowDefinition
    >>> states = (
    ...     State("NEW", "New", "جديد", is_start=True),
    ...     State("DONE", "Done", "منجز", is_terminal=True),
    ... )
    >>> wf = WorkflowDefinition("demo", states, (Action("FINISH", ("NEW",), "DONE", ("CLERK",)),))
    >>> [a.name for a in wf.actions_from("NEW")]
    ['FINISH']
    >>> WorkflowDefinition("demo", states, ())
    Traceback (most recent call last):
        ...
    municipal_core.errors.WorkflowError: State 'NEW' is not terminal but no action leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from municipal_core._text import language
from municipal_core.errors import InvalidFormat, NotFound, WorkflowError

__all__ = ["Action", "State", "WorkflowDefinition"]

# State, action, role and guard names become Mermaid identifiers and dictionary keys in
# host apps; DIGIT's own names (PENDINGFORDOCUMENTVERIFICATION, TL_CEMP) all fit this.
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}\Z")
# Workflow names may carry a namespace: "licence.trade", "NewTL".
_WORKFLOW_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,63}\Z")


def check_name(value: object, *, field: str, pattern: re.Pattern[str] = _NAME_RE) -> str:
    """Return ``value`` if it is a valid name, else raise ``InvalidFormat``.

    Shared by every workflow model, so all names follow one rule (code ``workflow.name``).

    Examples:
        >>> check_name("APPLY", field="action")
        'APPLY'
    """
    if not isinstance(value, str) or not pattern.match(value):
        raise InvalidFormat(
            f"The {field} name must start with a letter and hold only letters, digits"
            " and underscores (at most 64).",
            f"يجب أن يبدأ اسم {field} بحرف وأن يتكون من حروف وأرقام وشرطات سفلية فقط"
            " (64 على الأكثر).",
            code="workflow.name",
            field=field,
        )
    return value


def name_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: the field holds a valid name (see :func:`check_name`)."""
    check_name(value, field=attribute.name)


def names_validator(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    """Attrs validator: every item of the tuple field is a valid name."""
    for item in value:
        check_name(item, field=attribute.name)


def _non_empty_names(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    if not value:
        raise InvalidFormat(
            f"At least one {attribute.name} entry is required.",
            f"يلزم إدخال واحد على الأقل في {attribute.name}.",
            code="workflow.empty",
            field=attribute.name,
        )
    names_validator(instance, attribute, value)


def _label(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidFormat(
            "A status label must be non-empty text.",
            "يجب أن يكون وصف الحالة نصًا غير فارغ.",
            code="workflow.label",
            field=attribute.name,
        )


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidFormat(
            "The flag must be True or False.",
            "يجب أن تكون القيمة صحيحة أو خاطئة.",
            code="workflow.flag",
            field=attribute.name,
        )


def positive_int_validator(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Attrs validator: a positive ``int`` (``bool`` is refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidFormat(
            f"The {attribute.name} must be a positive whole number.",
            f"يجب أن تكون قيمة {attribute.name} عددًا صحيحًا موجبًا.",
            code="workflow.number",
            field=attribute.name,
        )


_optional_positive_int = attrs.validators.optional(positive_int_validator)


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Return ``values`` as a tuple; a lone string becomes a 1-tuple, not its letters.

    Examples:
        >>> as_tuple("CITIZEN"), as_tuple(["A", "B"])
        (('CITIZEN',), ('A', 'B'))
    """
    # A lone string is iterable too; keep it whole so the name check reports it.
    if isinstance(values, str):
        return (values,)
    try:
        return tuple(values)
    except TypeError:
        raise InvalidFormat(
            "A list of values is required.",
            "يلزم إدخال قائمة من القيم.",
            code="workflow.type",
            field=None,
        ) from None


@attrs.frozen
class State:
    """One state of a workflow.

    Attributes:
        name: internal name, e.g. ``"PENDING_APPROVAL"``.
        label_en: the public status shown to applicants, in English.
        label_ar: the same status in Arabic.
        is_start: a new case may begin here.
        is_terminal: the case is closed here; no action may leave a terminal state.
        sla_hours: hours a case may stay here before it is overdue; ``None`` for no SLA.

    Examples:
        >>> State("ISSUED", "Issued", "صادرة", is_terminal=True).is_terminal
        True
    """

    name: str = attrs.field(validator=name_validator)
    label_en: str = attrs.field(validator=_label)
    label_ar: str = attrs.field(validator=_label)
    is_start: bool = attrs.field(default=False, validator=_flag)
    is_terminal: bool = attrs.field(default=False, validator=_flag)
    sla_hours: int | None = attrs.field(default=None, validator=_optional_positive_int)

    def label(self, lang: str = "en") -> str:
        """Return the public status label in ``"en"`` or ``"ar"``.

        Examples:
            >>> State("ISSUED", "Issued", "صادرة").label("ar")
            'صادرة'

        Raises:
            InvalidComponent: ``lang`` is neither ``"en"`` nor ``"ar"`` (code ``language``).
        """
        return self.label_ar if language(lang) == "ar" else self.label_en


_optional_name = attrs.validators.optional(name_validator)


@attrs.frozen
class Action:
    """An action a role may take from some states, leading to one next state.

    Attributes:
        name: e.g. ``"APPROVE"``.
        from_states: the states the action may be taken from.
        to_state: the state the case moves to.
        roles: the roles allowed to take it (at least one).
        guard: the name of a guard the caller supplies at :func:`apply` time, or ``None``.
        required_fields: payload fields the action must be given, e.g. ``("reason",)``.

    Examples:
        >>> Action("REJECT", ("PENDING_APPROVAL",), "REJECTED", ("APPROVER",),
        ...        required_fields=("reason",)).required_fields
        ('reason',)
    """

    name: str = attrs.field(validator=name_validator)
    from_states: tuple[str, ...] = attrs.field(converter=as_tuple, validator=_non_empty_names)
    to_state: str = attrs.field(validator=name_validator)
    roles: tuple[str, ...] = attrs.field(converter=as_tuple, validator=_non_empty_names)
    guard: str | None = attrs.field(default=None, validator=_optional_name)
    required_fields: tuple[str, ...] = attrs.field(
        default=(), converter=as_tuple, validator=names_validator
    )


def workflow_name_validator(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Attrs validator: a workflow name, which may also hold dots and dashes."""
    check_name(value, field=attribute.name, pattern=_WORKFLOW_RE)


def _states(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    _items_of(value, State, attribute.name)


def _actions(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    _items_of(value, Action, attribute.name)


def _items_of(value: tuple[object, ...], cls: type, field: str) -> None:
    if not all(isinstance(item, cls) for item in value):
        raise InvalidFormat(
            f"Every item of {field} must be a {cls.__name__}.",
            f"يجب أن يكون كل عنصر في {field} من النوع {cls.__name__}.",
            code="workflow.type",
            field=field,
        )


def _invalid(code: str, message_en: str, message_ar: str) -> WorkflowError:
    return WorkflowError(
        message_en, message_ar, code=f"workflow.definition.{code}", field="definition"
    )


@attrs.frozen
class WorkflowDefinition:
    """A whole workflow as data, validated when built.

    Attributes:
        name: the workflow's name, e.g. ``"licence.trade"`` (DIGIT's ``businessService``).
        states: every state, in display order.
        actions: every action, in display order.
        version: bump it when you change a definition cases already use.
        sla_hours: hours for the whole case (DIGIT's ``businessServiceSla``), or ``None``.

    Raises:
        WorkflowError: codes ``workflow.definition.duplicate_state``, ``.no_start``,
            ``.unknown_state``, ``.duplicate_action``, ``.terminal_action``,
            ``.dead_end`` and ``.unreachable``.

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> LICENCE_WORKFLOW.start_state.name
        'DRAFT'
        >>> LICENCE_WORKFLOW.state("ISSUED").label("ar")
        'صادرة'
    """

    name: str = attrs.field(validator=workflow_name_validator)
    states: tuple[State, ...] = attrs.field(converter=as_tuple, validator=_states)
    actions: tuple[Action, ...] = attrs.field(converter=as_tuple, validator=_actions)
    version: int = attrs.field(default=1, validator=positive_int_validator)
    sla_hours: int | None = attrs.field(default=None, validator=_optional_positive_int)
    # Indexes built once, so apply() is one dict look-up; not part of the data.
    _by_name: dict[str, State] = attrs.field(init=False, eq=False, repr=False)
    _from: dict[str, tuple[Action, ...]] = attrs.field(init=False, eq=False, repr=False)
    _moves: dict[tuple[str, str], tuple[Action, frozenset[str], bool]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        by_name: dict[str, State] = {}
        for state in self.states:
            if state.name in by_name:
                raise _invalid(
                    "duplicate_state",
                    f"State {state.name!r} is defined twice.",
                    f"الحالة {state.name!r} معرّفة مرتين.",
                )
            by_name[state.name] = state
        if not any(state.is_start for state in self.states):
            raise _invalid(
                "no_start", "No state is marked as a start state.", "لا توجد حالة بداية."
            )
        moves: dict[tuple[str, str], tuple[Action, frozenset[str], bool]] = {}
        outgoing: dict[str, list[Action]] = {name: [] for name in by_name}
        for action in self.actions:
            for ref in (*action.from_states, action.to_state):
                if ref not in by_name:
                    raise _invalid(
                        "unknown_state",
                        f"Action {action.name!r} refers to unknown state {ref!r}.",
                        f"الإجراء {action.name!r} يشير إلى حالة غير معروفة {ref!r}.",
                    )
            move = (
                action,
                frozenset(action.roles),
                bool(action.required_fields) or action.guard is not None,
            )
            for source in action.from_states:
                if (source, action.name) in moves:
                    raise _invalid(
                        "duplicate_action",
                        f"Action {action.name!r} is defined twice from state {source!r}.",
                        f"الإجراء {action.name!r} معرّف مرتين من الحالة {source!r}.",
                    )
                moves[(source, action.name)] = move
                outgoing[source].append(action)
        for state in self.states:
            _check_exits(state, bool(outgoing[state.name]))
        _check_reachable(self.states, outgoing)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_from", {k: tuple(v) for k, v in outgoing.items()})
        object.__setattr__(self, "_moves", moves)

    @property
    def start_state(self) -> State:
        """The first state marked ``is_start``, where :func:`new_case` puts a case."""
        return next(state for state in self.states if state.is_start)

    def state(self, name: str) -> State:
        """Return the state called ``name``.

        Raises:
            NotFound: no such state (code ``workflow.state.unknown``).

        Examples:
            >>> from municipal_core.workflow import LICENCE_WORKFLOW
            >>> LICENCE_WORKFLOW.state("PENDING_PAYMENT").label_en
            'Pending payment'
        """
        try:
            return self._by_name[name]
        except (KeyError, TypeError):
            raise NotFound(
                f"Workflow {self.name!r} has no state {name!r}.",
                f"لا توجد حالة {name!r} في سير العمل {self.name!r}.",
                code="workflow.state.unknown",
                field="state",
            ) from None

    def actions_from(self, state: str) -> tuple[Action, ...]:
        """Return the actions that leave ``state``, in definition order.

        Raises:
            NotFound: no such state (code ``workflow.state.unknown``).

        Examples:
            >>> from municipal_core.workflow import LICENCE_WORKFLOW
            >>> [a.name for a in LICENCE_WORKFLOW.actions_from("PENDING_PAYMENT")]
            ['PAY', 'CANCEL']
        """
        return self._from[self.state(state).name]

    def move(self, state: str, action: str) -> tuple[Action, frozenset[str], bool] | None:
        """Return ``(action, roles, needs_check)`` for ``action`` from ``state``, or ``None``.

        ``roles`` is the action's roles as a set; ``needs_check`` says whether it has
        required fields or a guard. The hot path of :func:`apply`: one dict look-up.

        Examples:
            >>> from municipal_core.workflow import LICENCE_WORKFLOW
            >>> LICENCE_WORKFLOW.move("PENDING_PAYMENT", "PAY")[0].to_state
            'ISSUED'
            >>> LICENCE_WORKFLOW.move("ISSUED", "PAY") is None
            True
        """
        try:
            return self._moves.get((state, action))
        except TypeError:  # an unhashable name is simply not a move
            return None


def _check_exits(state: State, has_exit: bool) -> None:
    if state.is_terminal and has_exit:
        raise _invalid(
            "terminal_action",
            f"State {state.name!r} is terminal but an action leaves it.",
            f"الحالة {state.name!r} نهائية لكن يخرج منها إجراء.",
        )
    if not state.is_terminal and not has_exit:
        raise _invalid(
            "dead_end",
            f"State {state.name!r} is not terminal but no action leaves it.",
            f"الحالة {state.name!r} ليست نهائية ولا يخرج منها أي إجراء.",
        )


def _check_reachable(states: tuple[State, ...], outgoing: dict[str, list[Action]]) -> None:
    seen = {state.name for state in states if state.is_start}
    todo = list(seen)
    while todo:
        for action in outgoing[todo.pop()]:
            if action.to_state not in seen:
                seen.add(action.to_state)
                todo.append(action.to_state)
    for state in states:
        if state.name not in seen:
            raise _invalid(
                "unreachable",
                f"State {state.name!r} cannot be reached from a start state.",
                f"لا يمكن الوصول إلى الحالة {state.name!r} من حالة البداية.",
            )
