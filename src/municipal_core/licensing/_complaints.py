"""Complaints: filed by citizens, routed, resolved or rejected, reopened, closed and rated.

A :class:`Complaint` is a frozen value: its number, jurisdiction, category (with its SLA),
description, location, attachment references and submission time, plus a workflow
:class:`~municipal_core.workflow.Case` following :data:`COMPLAINT_WORKFLOW`. Every change
goes through :func:`act` (or the named shortcuts :func:`assign`, :func:`resolve`,
:func:`reject`, :func:`reopen`, :func:`close`) and returns a new complaint; the case
history records who did what and when.

**Rating.** Only :func:`close` can rate (1 to 5, with an optional comment), and only a
``CITIZEN`` closing it; the rating is kept in the history entry of the ``CLOSE`` action
(payload fields ``rating`` and ``rating_comment``), and :attr:`Complaint.rating` reads it
from there, so a complaint that is not closed cannot carry one and a rating is never
out of step with its history.

**SLA.** A complaint is due ``category.sla_hours`` of elapsed time after it was filed
or, if reopened, after its last reopening: :func:`complaint_due_at`. Resolved, rejected
and closed complaints are not due. The category is stored whole in the complaint, so a
later change to the catalogue does not move the due time of complaints already filed.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from municipal_core.workflow import Actor
    >>> t0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    >>> c = file_complaint("SOH-CMP-2026-000001", jurisdiction="om-sohar",
    ...                    category="waste_collection", submitted_at=t0,
    ...                    description="Bins not emptied for three days.",
    ...                    location=Location(latitude="24.3461", longitude="56.7075"))
    >>> c.state, complaint_due_at(c).isoformat()
    ('AWAITING_ASSIGNMENT', '2026-03-02T08:00:00+00:00')
    >>> c = assign(c, Actor("d-1", ("DISPATCHER",)), assignee="crew-7", at=t0)
    >>> c = resolve(c, Actor("crew-7", ("FIELD_STAFF",)), at=t0 + timedelta(hours=5))
    >>> c = close(c, Actor("u-9", ("CITIZEN",)), rating=5, at=t0 + timedelta(hours=6))
    >>> c.state, c.rating, c.is_open, complaint_due_at(c)
    ('CLOSED', 5, False, None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from municipal_core import jurisdictions
from municipal_core.clock import Clock, utc_now
from municipal_core.errors import DomainRuleError, InvalidFormat, Language, WorkflowError
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing import _complaint_fields as fields
from municipal_core.licensing._complaint_categories import (
    ComplaintCategory,
    complaint_category,
)
from municipal_core.licensing._complaint_location import Location, check_country
from municipal_core.licensing._complaint_workflow import CLOSE, COMPLAINT_WORKFLOW, OPEN_STATES
from municipal_core.workflow import Actor, Case, HistoryEntry, apply, new_case

# The engine's own check, so a naive time fails alike everywhere (``workflow.datetime``).
from municipal_core.workflow._case import require_aware

__all__ = [
    "Complaint",
    "act",
    "assign",
    "close",
    "complaint_due_at",
    "file_complaint",
    "is_complaint_overdue",
    "overdue_complaints",
    "reject",
    "reopen",
    "resolve",
]

_RATED_BY = "CITIZEN"
_RATING_FIELDS = ("rating", "rating_comment")
_STORED_RATINGS = frozenset("12345")  # as close() writes them: one ASCII digit
_REOPEN = "REOPEN"


def _jurisdiction_code(value: object) -> str:
    if not isinstance(value, (str, Jurisdiction)):
        raise InvalidFormat(
            "The jurisdiction must be a code such as 'om-sohar'.",
            "يجب أن تكون الجهة رمزًا مثل 'om-sohar'.",
            code="complaint.jurisdiction",
            field="jurisdiction",
        )
    return jurisdictions.resolve(value).code


def _instance_of(cls: type, code: str) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidFormat(
                f"The {attribute.name} must be a {cls.__name__}.",
                f"يجب أن يكون {attribute.name} من النوع {cls.__name__}.",
                code=code,
                field=attribute.name,
            )

    return check


def _submitted_at(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_aware(value, field=attribute.name)


def _inconsistent(message_en: str, message_ar: str) -> WorkflowError:
    return WorkflowError(message_en, message_ar, code="complaint.case", field="case")


@attrs.frozen(repr=False)
class Complaint:
    """A citizen's complaint and the workflow case that tracks it; valid when built.

    Build one with :func:`file_complaint`; change it only with :func:`act` and its
    shortcuts. ``repr()`` shows the number, category and state only: a description and a
    location can identify a person.

    Attributes:
        number: the complaint's reference, also the case id (see
            :func:`~municipal_core.licensing._complaint_fields.number`).
        jurisdiction: the profile code (``"om-sohar"``, ``"sa-balady"``).
        category: the category, with the SLA in force when it was filed.
        description: what is wrong, paragraphs kept, at most 4,000 characters.
        location: where.
        submitted_at: when it was filed (aware).
        case: its workflow case (:data:`COMPLAINT_WORKFLOW`).
        attachments: photo and document references, never the files.

    Raises:
        ValidationError: a field is malformed (``complaint.*`` codes).
        DomainRuleError: the location lies outside the jurisdiction's country
            (``complaint.location.*``).
        WorkflowError: the case does not belong to this complaint, leaves the complaint
            graph, starts before the filing or carries a rating it may not
            (``complaint.case``).

    Examples:
        >>> from municipal_core.serialization import from_json, to_json
        >>> c = file_complaint("CMP-11", jurisdiction="om-sohar", category="noise",
        ...                    description="Wedding music at 3 am", submitted_at=dt.datetime(
        ...                        2026, 3, 1, tzinfo=dt.timezone.utc),
        ...                    location=Location(address_text="Al Hambar"))
        >>> from_json(to_json(c), Complaint) == c, c.is_open, c.assignee
        (True, True, None)
    """

    number: str = attrs.field(converter=fields.number)
    jurisdiction: str = attrs.field(converter=_jurisdiction_code)
    category: ComplaintCategory = attrs.field(
        validator=_instance_of(ComplaintCategory, "complaint.category")
    )
    description: str = attrs.field(converter=fields.description)
    location: Location = attrs.field(validator=_instance_of(Location, "complaint.location"))
    submitted_at: dt.datetime = attrs.field(validator=_submitted_at)
    case: Case = attrs.field(validator=_instance_of(Case, "complaint.case"))
    attachments: tuple[str, ...] = attrs.field(default=(), converter=fields.attachments)

    def __attrs_post_init__(self) -> None:
        check_country(self.location, jurisdictions.resolve(self.jurisdiction).country)
        case = self.case
        if (
            case.id != self.number
            or case.workflow != COMPLAINT_WORKFLOW.name
            or case.version != COMPLAINT_WORKFLOW.version
        ):
            raise _inconsistent(
                "The case is not this complaint's case in the complaint workflow.",
                "الحالة ليست حالة هذا البلاغ في سير عمل البلاغات.",
            )
        origin = case.history[0].from_state if case.history else case.state
        if origin != COMPLAINT_WORKFLOW.start_state.name:
            raise _inconsistent(
                "A complaint's case must start awaiting assignment.",
                "يجب أن تبدأ حالة البلاغ بانتظار الإسناد.",
            )
        first = case.history[0].at if case.history else case.entered_state_at
        if first < self.submitted_at:
            raise _inconsistent(
                "The case history starts before the complaint was filed.",
                "يبدأ سجل الحالة قبل تقديم البلاغ.",
            )
        for entry in case.history:
            _check_entry(entry)

    def __repr__(self) -> str:
        return (
            f"Complaint(number={self.number!r}, category={self.category.code!r},"
            f" state={self.state!r})"
        )

    @property
    def state(self) -> str:
        """The case's state, e.g. ``"ASSIGNED"``."""
        return self.case.state

    @property
    def is_open(self) -> bool:
        """Whether the municipality still owes an answer (awaiting, assigned, reopened)."""
        return self.case.state in OPEN_STATES

    @property
    def assignee(self) -> str | None:
        """Who it was last assigned to, or ``None``."""
        return self.case.get("assignee")

    @property
    def rating(self) -> int | None:
        """The citizen's rating (1 to 5) given on closing, or ``None``."""
        closing = self._closing()
        value = None if closing is None else dict(closing.payload).get("rating")
        return None if value is None else int(value)

    @property
    def rating_comment(self) -> str | None:
        """The comment given with the rating, or ``None``."""
        closing = self._closing()
        return None if closing is None else dict(closing.payload).get("rating_comment")

    def status_label(self, lang: Language = "en") -> str:
        """Return the public status in ``"en"`` or ``"ar"``, e.g. ``"Assigned"``.

        Raises:
            InvalidComponent: another ``lang`` (code ``language``).

        Examples:
            >>> c = file_complaint("CMP-12", jurisdiction="sa-balady", category="potholes",
            ...                    description="Hole", location=Location(address_text="Olaya"),
            ...                    submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
            >>> c.status_label("ar")
            'بانتظار الإسناد'
        """
        return COMPLAINT_WORKFLOW.state(self.case.state).label(lang)

    def _closing(self) -> HistoryEntry | None:
        history = self.case.history
        return history[-1] if history and history[-1].action == CLOSE else None


def _check_entry(entry: HistoryEntry) -> None:
    # A case read back from JSON is only checked for continuity by Case itself; here
    # every step must also be a move the complaint workflow allows, by a role it allows.
    move = COMPLAINT_WORKFLOW.move(entry.from_state, entry.action)
    if move is None or move[0].to_state != entry.to_state or entry.role not in move[1]:
        raise _inconsistent(
            "The case history holds a step the complaint workflow does not allow.",
            "يحتوي سجل الحالة على خطوة لا يسمح بها سير عمل البلاغات.",
        )
    payload = dict(entry.payload)
    if not any(name in payload for name in _RATING_FIELDS):
        return
    if entry.action != CLOSE or entry.role != _RATED_BY or "rating" not in payload:
        raise _inconsistent(
            "Only a citizen closing a complaint can rate it.",
            "لا يقيّم البلاغ إلا المواطن عند إغلاقه.",
        )
    if payload["rating"] not in _STORED_RATINGS:
        raise _inconsistent(
            "The rating in the history must be one digit from 1 to 5.",
            "يجب أن يكون التقييم في السجل رقمًا واحدًا من 1 إلى 5.",
        )
    comment = payload.get("rating_comment")
    if comment is not None and fields.rating_comment(comment) != comment:
        raise _inconsistent(
            "The rating comment in the history is not tidy text.",
            "تعليق التقييم في السجل ليس نصًا منسقًا.",
        )


def file_complaint(
    number: str,
    *,
    jurisdiction: str | Jurisdiction,
    category: str | ComplaintCategory,
    description: str,
    location: Location,
    submitted_at: dt.datetime,
    attachments: Iterable[str] = (),
) -> Complaint:
    """Return a new complaint, awaiting assignment.

    Args:
        number: its reference, e.g. from
            :func:`~municipal_core.identifiers.references.next_reference`.
        jurisdiction: a registered profile (see ``jurisdictions.register``) or its code;
            the complaint keeps the code.
        category: a code from the jurisdiction's catalogue, or a host app's own
            :class:`ComplaintCategory`.
        description: what is wrong.
        location: where.
        submitted_at: when it was filed (aware); the SLA counts from here.
        attachments: references to photos or documents already stored.

    Raises:
        NotFound: an unknown jurisdiction or category code.
        ValidationError: a malformed field (``complaint.*``).
        DomainRuleError: the location lies outside the country.

    Examples:
        >>> c = file_complaint("CMP-1", jurisdiction="sa-balady", category="potholes",
        ...                    description="Deep pothole", location=Location(address_text="Olaya"),
        ...                    submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> c
        Complaint(number='CMP-1', category='potholes', state='AWAITING_ASSIGNMENT')
    """
    profile = jurisdictions.resolve(jurisdiction)
    if not isinstance(category, ComplaintCategory):
        category = complaint_category(profile, category)
    reference = fields.number(number)
    at = require_aware(submitted_at, field="submitted_at")
    return Complaint(
        reference,
        profile.code,
        category,
        description,
        location,
        at,
        new_case(COMPLAINT_WORKFLOW, reference, at=at),
        attachments=attachments,
    )


def act(
    complaint: Complaint,
    action: str,
    actor: Actor,
    *,
    at: dt.datetime,
    comment: str | None = None,
    payload: Mapping[str, str] | None = None,
) -> Complaint:
    """Take ``action`` on ``complaint`` as ``actor``; return the changed complaint.

    The generic way in; the shortcuts below name each action's fields. Ratings go
    through :func:`close` only.

    Raises:
        IllegalTransition: the action is not allowed in the complaint's state.
        PermissionDenied: none of the actor's roles may take it.
        InvalidComponent: a required field (``assignee``, ``reason``) is missing.
        DomainRuleError: ``payload`` holds ``rating`` or ``rating_comment``
            (``complaint.rating.via_close``); ``at`` is before the last step.
        InvalidFormat: ``complaint`` is not a :class:`Complaint`, or another bad input.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-2", jurisdiction="om-sohar", category="noise",
        ...                    description="Loud generator at night",
        ...                    location=Location(address_text="Falaj Al Qabail"), submitted_at=t)
        >>> act(c, "RESOLVE", Actor("crew-1", ("FIELD_STAFF",)), at=t)
        Traceback (most recent call last):
            ...
        municipal_core.errors.IllegalTransition: Action 'RESOLVE' is not allowed in state \
'AWAITING_ASSIGNMENT'; allowed: ASSIGN, REJECT.
    """
    if payload and any(name in payload for name in _RATING_FIELDS):
        raise DomainRuleError(
            "A rating can only be given with close().",
            "لا يُعطى التقييم إلا عند الإغلاق.",
            code="complaint.rating.via_close",
            field="payload",
        )
    return _step(complaint, action, actor, at=at, comment=comment, payload=payload)


def _step(
    complaint: Complaint,
    action: str,
    actor: Actor,
    *,
    at: dt.datetime,
    comment: str | None,
    payload: Mapping[str, str] | None,
) -> Complaint:
    if not isinstance(complaint, Complaint):
        raise InvalidFormat(
            "A Complaint is required.",
            "يلزم بلاغ من النوع Complaint.",
            code="complaint.type",
            field="complaint",
        )
    case = apply(
        COMPLAINT_WORKFLOW, complaint.case, action, actor, at=at, comment=comment, payload=payload
    )
    return attrs.evolve(complaint, case=case)


def assign(
    complaint: Complaint,
    actor: Actor,
    *,
    assignee: str,
    at: dt.datetime,
    comment: str | None = None,
) -> Complaint:
    """Assign (or reassign) the complaint to ``assignee``, as a ``DISPATCHER``.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-3", jurisdiction="om-sohar", category="potholes",
        ...                    description="Pothole", location=Location(address_text="Souq"),
        ...                    submitted_at=t)
        >>> assign(c, Actor("d-1", ("DISPATCHER",)), assignee="roads-team", at=t).assignee
        'roads-team'
    """
    return act(complaint, "ASSIGN", actor, at=at, comment=comment, payload={"assignee": assignee})


def resolve(
    complaint: Complaint, actor: Actor, *, at: dt.datetime, comment: str | None = None
) -> Complaint:
    """Mark an assigned complaint resolved (``FIELD_STAFF`` or ``DISPATCHER``).

    ``comment`` is an internal note: it is kept in the history, never exported.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-8", jurisdiction="sa-balady", category="noise",
        ...                    description="Noise", location=Location(address_text="Olaya"),
        ...                    submitted_at=t)
        >>> c = assign(c, Actor("d-1", ("DISPATCHER",)), assignee="crew", at=t)
        >>> resolve(c, Actor("crew", ("FIELD_STAFF",)), at=t, comment="warned the shop").state
        'RESOLVED'
    """
    return act(complaint, "RESOLVE", actor, at=at, comment=comment)


def reject(complaint: Complaint, actor: Actor, *, reason: str, at: dt.datetime) -> Complaint:
    """Reject an open complaint with a ``reason`` (``DISPATCHER`` or ``FIELD_STAFF``).

    The reason is public (Open311 ``status_notes``); :func:`act` adds an internal comment.

    Examples:
        >>> c = file_complaint("CMP-9", jurisdiction="om-sohar", category="potholes",
        ...                    description="Hole", location=Location(address_text="Souq"),
        ...                    submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> c = reject(c, Actor("d-1", ("DISPATCHER",)), reason="Private road",
        ...            at=c.submitted_at)
        >>> c.state, c.case.get("reason")
        ('REJECTED', 'Private road')
    """
    return act(complaint, "REJECT", actor, at=at, payload={"reason": reason})


def reopen(complaint: Complaint, actor: Actor, *, reason: str, at: dt.datetime) -> Complaint:
    """Reopen a resolved or rejected complaint (``CITIZEN`` or ``DISPATCHER``).

    The SLA starts again from ``at``; the ``reason`` is public, as for :func:`reject`.

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-10", jurisdiction="om-sohar", category="waste_collection",
        ...                    description="Bins", location=Location(address_text="Souq"),
        ...                    submitted_at=t)
        >>> c = reject(c, Actor("d-1", ("DISPATCHER",)), reason="Done already", at=t)
        >>> later = t + dt.timedelta(days=2)
        >>> c = reopen(c, Actor("u-1", ("CITIZEN",)), reason="Still full", at=later)
        >>> c.state, complaint_due_at(c) == later + dt.timedelta(hours=24)
        ('REOPENED', True)
    """
    return act(complaint, _REOPEN, actor, at=at, payload={"reason": reason})


def close(
    complaint: Complaint,
    actor: Actor,
    *,
    at: dt.datetime,
    rating: int | str | None = None,
    rating_comment: str | None = None,
    comment: str | None = None,
) -> Complaint:
    """Close a resolved or rejected complaint, with an optional rating from 1 to 5.

    A ``CITIZEN`` may rate; the ``SYSTEM`` closes unrated (after
    :data:`~municipal_core.licensing._complaint_workflow.CONFIRMATION_HOURS`).

    Raises:
        InvalidComponent: a rating outside 1 to 5 (``complaint.rating``).
        DomainRuleError: a rating comment without a rating
            (``complaint.rating.comment_alone``), or a rating by someone who closes as
            anything but ``CITIZEN`` (``complaint.rating.citizen_only``).

    Examples:
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-4", jurisdiction="om-sohar", category="noise",
        ...                    description="Noise", location=Location(address_text="Souq"),
        ...                    submitted_at=t)
        >>> c = reject(c, Actor("d-1", ("DISPATCHER",)), reason="Police matter", at=t)
        >>> c = close(c, Actor("u-1", ("CITIZEN",)), rating="2", rating_comment="Slow", at=t)
        >>> c.rating, c.rating_comment
        (2, 'Slow')
    """
    payload: dict[str, str] = {}
    if rating is not None:
        payload["rating"] = str(fields.rating(rating))
    if rating_comment is not None:
        if rating is None:
            raise DomainRuleError(
                "A rating comment needs a rating.",
                "يتطلب تعليق التقييم وجود تقييم.",
                code="complaint.rating.comment_alone",
                field="rating_comment",
            )
        payload["rating_comment"] = fields.rating_comment(rating_comment)
    if payload and _RATED_BY not in getattr(actor, "roles", ()):
        raise DomainRuleError(
            "Only the citizen can rate a complaint.",
            "لا يقيّم البلاغ إلا المواطن.",
            code="complaint.rating.citizen_only",
            field="rating",
        )
    # A citizen who also holds SYSTEM is recorded in the first allowed role; put CITIZEN
    # first so the rating is recorded as theirs.
    if payload:
        actor = Actor(actor.id, (_RATED_BY, *(r for r in actor.roles if r != _RATED_BY)))
    return _step(complaint, CLOSE, actor, at=at, comment=comment, payload=payload or None)


def _sla_start(complaint: Complaint) -> dt.datetime:
    for entry in reversed(complaint.case.history):
        if entry.action == _REOPEN:
            return entry.at
    return complaint.submitted_at


def complaint_due_at(complaint: Complaint) -> dt.datetime | None:
    """Return when an open complaint is due to be resolved or rejected, else ``None``.

    ``category.sla_hours`` of elapsed time (counted in UTC, so a daylight-saving change
    neither adds nor removes an hour) after filing or the last reopening; in the time
    zone of ``submitted_at``.

    Examples:
        >>> c = file_complaint("CMP-5", jurisdiction="om-sohar", category="street_lighting",
        ...                    description="Lamp out", location=Location(address_text="Souq"),
        ...                    submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> complaint_due_at(c).isoformat()
        '2026-03-04T00:00:00+00:00'
    """
    if not complaint.is_open:
        return None
    start = _sla_start(complaint).astimezone(dt.timezone.utc)
    due = start + dt.timedelta(hours=complaint.category.sla_hours)
    return due.astimezone(complaint.submitted_at.tzinfo)


def is_complaint_overdue(complaint: Complaint, clock: Clock) -> bool:
    """Return whether an open complaint is past its due time (at it exactly is not yet).

    Examples:
        >>> from municipal_core.clock import FixedClock
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("CMP-6", jurisdiction="om-sohar", category="waste_collection",
        ...                    description="Bins", location=Location(address_text="Souq"),
        ...                    submitted_at=t)
        >>> is_complaint_overdue(c, FixedClock(t + dt.timedelta(hours=25)))
        True
    """
    due = complaint_due_at(complaint)
    return due is not None and utc_now(clock) > due


def overdue_complaints(complaints: Iterable[Complaint], clock: Clock) -> tuple[Complaint, ...]:
    """Return the overdue complaints, most overdue first (ties by number): the escalation list.

    "Now" is read from ``clock`` once.

    Examples:
        >>> from municipal_core.clock import FixedClock
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> def complaint(number, category):
        ...     return file_complaint(number, jurisdiction="om-sohar", category=category,
        ...                           description="x", location=Location(address_text="Souq"),
        ...                           submitted_at=t)
        >>> cases = [complaint("B", "noise"), complaint("A", "waste_collection"),
        ...          complaint("C", "potholes")]
        >>> late = overdue_complaints(cases, FixedClock(t + dt.timedelta(days=3)))
        >>> [c.number for c in late]
        ['A', 'B']
    """
    now = utc_now(clock)
    late: list[tuple[dt.datetime, str, Complaint]] = []
    for complaint in complaints:
        due = complaint_due_at(complaint)
        if due is not None and now > due:
            late.append((due, complaint.number, complaint))
    late.sort(key=lambda item: (item[0], item[1]))
    return tuple(complaint for _due, _number, complaint in late)
