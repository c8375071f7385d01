"""Cases and their history: one application in a workflow, immutable, valid when built.

A :class:`Case` names its workflow and version but does not hold the definition, so a
case serialises to a small JSON document. Its history is a chain of
:class:`HistoryEntry` records that must be continuous and time-ordered and end in the
case's state; a case loaded from JSON is checked the same way. Change a case only with
:func:`~municipal_core.workflow.apply`.

Examples:
    >>> from datetime import datetime, timezone
    >>> from municipal_core.serialization import from_json, to_json
    >>> case = Case("TL-1", "licence.generic", 1, "DRAFT",
    ...             datetime(2026, 3, 1, tzinfo=timezone.utc), payload={"activity": "bakery"})
    >>> from_json(to_json(case), Case) == case
    True
    >>> case.payload
    (('activity', 'bakery'),)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from municipal_core.errors import InvalidFormat, WorkflowError
from municipal_core.workflow._definition import (
    WorkflowDefinition,
    as_tuple,
    check_name,
    name_validator,
    names_validator,
    positive_int_validator,
    workflow_name_validator,
)

__all__ = ["Actor", "Case", "Guard", "HistoryEntry"]

Payload = tuple[tuple[str, str], ...]
Guard = Callable[["Case", Mapping[str, str]], bool]
"""A named check the caller supplies: ``guard(case, payload) -> bool``."""

_MAX_ID = 128


def _text_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Ids are opaque (a reference number, a user UUID); only shape is checked here.
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_ID:
        raise InvalidFormat(
            f"The {attribute.name} must be non-empty text of at most {_MAX_ID} characters.",
            f"يجب أن يكون {attribute.name} نصًا غير فارغ لا يتجاوز {_MAX_ID} حرفًا.",
            code="workflow.id",
            field=attribute.name,
        )


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_aware(value, field=attribute.name)


def require_aware(value: object, *, field: str) -> dt.datetime:
    """Return ``value`` if it is an aware datetime, else raise ``InvalidFormat``.

    Examples:
        >>> require_aware(dt.datetime(2026, 1, 1), field="at")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The time must be a timezone-aware datetime.
    """
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise bad_time(field)
    return value


def bad_time(field: str) -> InvalidFormat:
    """Return the error for a naive or non-datetime time (code ``workflow.datetime``)."""
    return InvalidFormat(
        "The time must be a timezone-aware datetime.",
        "يجب أن يكون الوقت تاريخًا ووقتًا مع المنطقة الزمنية.",
        code="workflow.datetime",
        field=field,
    )


def normalise_payload(values: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> Payload:
    """Return payload fields as sorted ``(name, text)`` pairs, or raise ``InvalidFormat``.

    Examples:
        >>> normalise_payload({"b": "2", "a": "1"})
        (('a', '1'), ('b', '2'))
    """
    # Stored as sorted (key, text) pairs: hashable, JSON-simple, one canonical order.
    if values is None:
        return ()
    items = values.items() if isinstance(values, Mapping) else values
    try:
        pairs = dict(items)
    except (TypeError, ValueError):
        raise _bad_payload() from None
    for key, value in pairs.items():
        check_name(key, field="payload")
        if not isinstance(value, str):
            raise _bad_payload()
    return tuple(sorted(pairs.items()))


def _bad_payload() -> InvalidFormat:
    return InvalidFormat(
        "The payload must map field names to text values.",
        "يجب أن تربط البيانات أسماء الحقول بقيم نصية.",
        code="workflow.payload",
        field="payload",
    )


def _optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise bad_comment()


def bad_comment() -> InvalidFormat:
    """Return the error for a comment that is not text (code ``workflow.comment``)."""
    return InvalidFormat(
        "The comment must be text.",
        "يجب أن يكون التعليق نصًا.",
        code="workflow.comment",
        field="comment",
    )


@attrs.frozen
class Actor:
    """Who takes an action: a user id and the roles they hold.

    A user may hold several roles; :func:`apply` records the first of them (in this
    order) that the action allows.

    Attributes:
        id: the user's id in the host app (not a national ID number).
        roles: the roles the user holds, most specific first.

    Examples:
        >>> Actor("u-1", ("CITIZEN",)).roles
        ('CITIZEN',)
    """

    id: str = attrs.field(validator=_text_id)
    roles: tuple[str, ...] = attrs.field(converter=as_tuple, validator=names_validator)


@attrs.frozen
class HistoryEntry:
    """One action taken on a case: who, in which role, what, from where to where, when.

    Attributes:
        actor_id: the :attr:`Actor.id` of who took it.
        role: the role they took it in.
        action: the action's name.
        from_state: the state before.
        to_state: the state after.
        at: when (aware datetime).
        comment: free text the actor wrote, or ``None``.
        payload: the fields given with the action, as sorted ``(name, text)`` pairs.
    """

    actor_id: str = attrs.field(validator=_text_id)
    role: str = attrs.field(validator=name_validator)
    action: str = attrs.field(validator=name_validator)
    from_state: str = attrs.field(validator=name_validator)
    to_state: str = attrs.field(validator=name_validator)
    at: dt.datetime = attrs.field(validator=_aware)
    comment: str | None = attrs.field(default=None, validator=_optional_text)
    payload: Payload = attrs.field(default=(), converter=normalise_payload)


def _check_history(case: Case, _attribute: object, history: tuple[HistoryEntry, ...]) -> None:
    # A deserialised case must tell one consistent story: each entry starts where the
    # previous one ended, time never runs backwards, and the last one is where we are.
    state, at = None, None
    for entry in history:
        if not isinstance(entry, HistoryEntry):
            raise _broken_history()
        if (state is not None and entry.from_state != state) or (at is not None and entry.at < at):
            raise _broken_history()
        state, at = entry.to_state, entry.at
    if state is not None and (state != case.state or at != case.entered_state_at):
        raise _broken_history()


def _broken_history() -> WorkflowError:
    return WorkflowError(
        "The case history is not a continuous, time-ordered chain ending in its state.",
        "سجل الحالة ليس سلسلة متصلة مرتبة زمنيًا تنتهي بحالتها الحالية.",
        code="workflow.history",
        field="history",
    )


@attrs.frozen
class Case:
    """One application in a workflow: its state, when it got there, and its history.

    Build one with :func:`new_case`; change it only with :func:`apply`.

    Attributes:
        id: the application's reference (e.g. a reference number).
        workflow: the :attr:`WorkflowDefinition.name` it follows.
        version: the definition version it follows.
        state: the current state's name.
        entered_state_at: when it entered :attr:`state` (aware); SLAs count from here.
        history: every action taken, oldest first (append-only).
        payload: the fields gathered so far, as sorted ``(name, text)`` pairs; a later
            action's value for a field replaces the earlier one (history keeps both).
    """

    id: str = attrs.field(validator=_text_id)
    workflow: str = attrs.field(validator=workflow_name_validator)
    version: int = attrs.field(validator=positive_int_validator)
    state: str = attrs.field(validator=name_validator)
    entered_state_at: dt.datetime = attrs.field(validator=_aware)
    history: tuple[HistoryEntry, ...] = attrs.field(
        default=(), converter=as_tuple, validator=_check_history
    )
    payload: Payload = attrs.field(default=(), converter=normalise_payload)

    def get(self, field: str, default: str | None = None) -> str | None:
        """Return the payload value of ``field``, or ``default``.

        Examples:
            >>> from datetime import datetime, timezone
            >>> c = Case("A-1", "demo", 1, "NEW", datetime(2026, 1, 1, tzinfo=timezone.utc),
            ...          payload={"activity": "bakery"})
            >>> c.get("activity"), c.get("missing")
            ('bakery', None)
        """
        for key, value in self.payload:
            if key == field:
                return value
        return default


def check_follows(definition: WorkflowDefinition, case: Case) -> None:
    """Raise ``WorkflowError`` (``workflow.mismatch``) unless ``case`` follows ``definition``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> c = Case("A-1", "other", 1, "NEW", datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> check_follows(LICENCE_WORKFLOW, c)
        Traceback (most recent call last):
            ...
        municipal_core.errors.WorkflowError: Case 'A-1' follows workflow other v1, not ...
    """
    if case.workflow != definition.name or case.version != definition.version:
        raise WorkflowError(
            f"Case {case.id!r} follows workflow {case.workflow} v{case.version}, not"
            f" {definition.name} v{definition.version}.",
            f"الطلب {case.id!r} يتبع سير العمل {case.workflow} الإصدار {case.version}،"
            f" وليس {definition.name} الإصدار {definition.version}.",
            code="workflow.mismatch",
            field="case",
        )
