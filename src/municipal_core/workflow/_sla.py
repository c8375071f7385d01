"""SLAs: when a case is due to leave its state, whether it is overdue, and which are.

Each state may carry ``sla_hours``. A case is due ``sla_hours`` of elapsed time after it
entered its state (``Case.entered_state_at``), counted in UTC so a daylight-saving change
neither adds nor removes an hour. Terminal states and states without an SLA are never
overdue. "Now" always comes from an injected :class:`~municipal_core.clock.Clock`.

Examples:
    >>> from datetime import datetime, timezone
    >>> from municipal_core.clock import FixedClock
    >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
    >>> t0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    >>> case = apply(wf, new_case(wf, "TL-1", at=t0), "APPLY", Actor("u", ("CITIZEN",)), at=t0)
    >>> due_at(wf, case).isoformat()
    '2026-03-03T08:00:00+00:00'
    >>> is_overdue(wf, case, FixedClock(datetime(2026, 3, 4, tzinfo=timezone.utc)))
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from municipal_core.clock import Clock, utc_now
from municipal_core.workflow._case import Case, check_follows
from municipal_core.workflow._definition import WorkflowDefinition

__all__ = ["due_at", "is_overdue", "overdue_by", "overdue_cases"]


def due_at(definition: WorkflowDefinition, case: Case) -> dt.datetime | None:
    """Return when ``case`` is due to leave its state, or ``None`` if it has no SLA.

    The result is in the time zone of ``case.entered_state_at``.

    Raises:
        WorkflowError: the case follows another workflow (``workflow.mismatch``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, new_case
        >>> due_at(wf, new_case(wf, "TL-1", at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    """
    check_follows(definition, case)
    state = definition.state(case.state)
    if state.is_terminal or state.sla_hours is None:
        return None
    entered = case.entered_state_at
    # Elapsed-time arithmetic in UTC; adding to a zoned datetime would be wall-clock time.
    due = entered.astimezone(dt.timezone.utc) + dt.timedelta(hours=state.sla_hours)
    return due.astimezone(entered.tzinfo)


def overdue_by(definition: WorkflowDefinition, case: Case, clock: Clock) -> dt.timedelta | None:
    """Return how long ``case`` has been overdue, or ``None`` if it is not overdue.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.clock import FixedClock
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
        >>> t0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
        >>> case = apply(wf, new_case(wf, "T", at=t0), "APPLY", Actor("u", ("CITIZEN",)), at=t0)
        >>> overdue_by(wf, case, FixedClock(datetime(2026, 3, 3, 6, tzinfo=timezone.utc)))
        datetime.timedelta(seconds=21600)
    """
    due = due_at(definition, case)
    return None if due is None else _late(due, utc_now(clock))


def _late(due: dt.datetime, now: dt.datetime) -> dt.timedelta | None:
    late = now - due
    return late if late > dt.timedelta(0) else None


def is_overdue(definition: WorkflowDefinition, case: Case, clock: Clock) -> bool:
    """Return whether ``case`` has stayed in its state past the state's SLA.

    A case exactly at its due time is not yet overdue.
    """
    return overdue_by(definition, case, clock) is not None


def overdue_cases(
    definition: WorkflowDefinition, cases: Iterable[Case], clock: Clock
) -> tuple[Case, ...]:
    """Return the overdue ``cases``, most overdue first (ties by case id): the escalation list.

    Raises:
        WorkflowError: a case follows another workflow (``workflow.mismatch``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.clock import FixedClock
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
        >>> citizen = Actor("u", ("CITIZEN",))
        >>> def applied(ref, day):
        ...     t = datetime(2026, 3, day, tzinfo=timezone.utc)
        ...     return apply(wf, new_case(wf, ref, at=t), "APPLY", citizen, at=t)
        >>> cases = [applied("A", 2), applied("B", 1), applied("C", 9)]
        >>> [c.id for c in overdue_cases(wf, cases, FixedClock(datetime(2026, 3, 5,
        ...                                                        tzinfo=timezone.utc)))]
        ['B', 'A']
    """
    late: list[tuple[dt.timedelta, str, Case]] = []
    now: dt.datetime | None = None  # read once, and only if some case has a due time
    for case in cases:
        due = due_at(definition, case)
        if due is None:
            continue
        now = now or utc_now(clock)
        by = _late(due, now)
        if by is not None:
            late.append((by, case.id, case))
    late.sort(key=lambda item: (-item[0], item[1]))
    return tuple(case for _by, _id, case in late)
