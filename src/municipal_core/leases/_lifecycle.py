"""The life of a lease: its workflow, renewal, amendment, cancellation and notice deadline.

**Workflow.** :data:`LEASE_WORKFLOW` is an ordinary workflow definition (``lease.contract``)
whose states are the :class:`~municipal_core.leases._contract.LeaseStatus` names::

    DRAFT -REGISTER-> REGISTERED -ACTIVATE-> ACTIVE -EXPIRE-> EXPIRED
    ACTIVE, EXPIRED -RENEW-> RENEWED          DRAFT, REGISTERED, ACTIVE -CANCEL-> CANCELLED
    REGISTERED, ACTIVE -AMEND-> (same state)

Registering never activates: a lease is registered (usually before it starts) and becomes
active by ``ACTIVATE`` on or after its start date, so one path serves leases registered in
advance and late. :func:`transition` moves a contract's ``status`` only along this graph,
and checks the dates an action needs (see its docstring). Host apps that track the
registration as a :class:`~municipal_core.workflow.Case` use the same definition with
:func:`municipal_core.workflow.apply`.

**Renewal** (:func:`renew`) marks the old contract ``RENEWED`` and drafts the next one,
starting the day after the old end, for the same term and at the rent in force on the old
end unless told otherwise. **Amendment** (:func:`amend`) records a supplementary contract
(an :class:`~municipal_core.leases._contract.Amendment`) and brings the contract's current
terms in line with it from its effective date. **Cancellation** (:func:`cancel`) records
an early :class:`~municipal_core.leases._contract.Termination`, subject to the notice
period. :func:`renewal_notice_deadline` is the last day to stop an automatic renewal.

Examples:
    >>> from datetime import date
    >>> lease = _example()
    >>> lease = transition(lease, "REGISTER", on=date(2025, 12, 21))
    >>> lease = transition(lease, "ACTIVATE", on=date(2026, 1, 1))
    >>> lease.status
    <LeaseStatus.ACTIVE: 'active'>
    >>> transition(lease, "REGISTER", on=date(2026, 2, 1))
    Traceback (most recent call last):
        ...
    municipal_core.errors.IllegalTransition: Action 'REGISTER' is not allowed in state \
'ACTIVE'; allowed: EXPIRE, RENEW, CANCEL, AMEND.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from municipal_core.dates import add_months, require_date
from municipal_core.errors import DomainRuleError, IllegalTransition
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.jurisdictions import get as get_jurisdiction
from municipal_core.leases._contract import (
    Amendment,
    LeaseContract,
    LeaseStatus,
    PaymentFrequency,
    Termination,
    _example,  # noqa: F401  # the doctests build their lease with it
    lease_rule,
    require_contract,
)
from municipal_core.leases._parties import PartyRole
from municipal_core.money import Money
from municipal_core.workflow import Action, State, WorkflowDefinition

__all__ = [
    "LEASE_WORKFLOW",
    "NOTICE_RULE",
    "advance",
    "amend",
    "cancel",
    "renew",
    "renewal_notice_deadline",
    "transition",
]

NOTICE_RULE = "lease.notice_months"
"""Rule: months of notice before expiry to stop a renewal, or to end a lease early."""

_ONE_DAY = timedelta(days=1)
_CODE = "lease"
_PARTIES = ("LANDLORD", "TENANT", "CLERK")
_SYSTEM = ("SYSTEM", "CLERK")

LEASE_WORKFLOW: WorkflowDefinition = WorkflowDefinition(
    "lease.contract",
    (
        State("DRAFT", "Draft", "مسودة", is_start=True),
        State("REGISTERED", "Registered", "مسجل"),
        State("ACTIVE", "Active", "ساري"),
        State("EXPIRED", "Expired", "منتهي"),
        State("RENEWED", "Renewed", "مجدد", is_terminal=True),
        State("CANCELLED", "Cancelled", "ملغى", is_terminal=True),
    ),
    (
        # The landlord registers; the tenant may when the landlord has not within the
        # month (DOMAIN.md §4); a municipal clerk may at the counter.
        Action("REGISTER", ("DRAFT",), "REGISTERED", _PARTIES),
        Action("ACTIVATE", ("REGISTERED",), "ACTIVE", _SYSTEM),
        Action("EXPIRE", ("ACTIVE",), "EXPIRED", _SYSTEM),
        Action("RENEW", ("ACTIVE", "EXPIRED"), "RENEWED", _PARTIES),
        Action("CANCEL", ("DRAFT", "REGISTERED", "ACTIVE"), "CANCELLED", _PARTIES),
        # A supplementary contract changes the terms, not the status: one self-loop each.
        Action("AMEND", ("REGISTERED",), "REGISTERED", _PARTIES),
        Action("AMEND", ("ACTIVE",), "ACTIVE", _PARTIES),
    ),
)
"""The lease workflow: states are the ``LeaseStatus`` names; labels in English and Arabic.

Roles: ``LANDLORD``, ``TENANT`` and ``CLERK`` register, renew, amend and cancel;
``SYSTEM`` (a scheduled job) or a ``CLERK`` activates and expires."""


# --------------------------------------------------------------------------- checks


def _contract(value: object) -> LeaseContract:
    return require_contract(value, code=f"{_CODE}.type")


def _rule_error(code: str, field: str, message_en: str, message_ar: str) -> DomainRuleError:
    return DomainRuleError(message_en, message_ar, code=f"{_CODE}.{code}", field=field)


# The earliest day each calendar-bound action may be taken: (the contract's date it counts
# from, days after it, code, English, Arabic). Data, so the rules read as one table.
_EARLIEST: dict[str, tuple[str, int, str, str, str]] = {
    "REGISTER": (
        "signed_on",
        0,
        "register.before_signing",
        "A lease cannot be registered before it is signed.",
        "لا يمكن تسجيل عقد الإيجار قبل توقيعه.",
    ),
    "ACTIVATE": (
        "start",
        0,
        "activate.before_start",
        "A lease becomes active on its start date, not before.",
        "يصبح عقد الإيجار ساريًا من تاريخ بدايته، لا قبله.",
    ),
    "EXPIRE": (
        "end",
        1,
        "expire.before_end",
        "A lease expires the day after its last day, not before.",
        "ينتهي عقد الإيجار في اليوم التالي لآخر يوم فيه، لا قبله.",
    ),
    "AMEND": (
        "signed_on",
        0,
        "amend.before_signing",
        "A supplementary contract cannot be signed before the lease it amends.",
        "لا يجوز توقيع العقد المكمل قبل عقد الإيجار الذي يعدّله.",
    ),
    "RENEW": (
        "signed_on",
        0,
        "renew.before_signing",
        "A renewal cannot be signed before the lease it renews.",
        "لا يجوز توقيع التجديد قبل عقد الإيجار الذي يجدّده.",
    ),
}


def _earliest(contract: LeaseContract, action: str) -> date | None:
    """Return the first day ``action`` may be taken on ``contract``, if it has one."""
    rule = _EARLIEST.get(action)
    return None if rule is None else getattr(contract, rule[0]) + timedelta(days=rule[1])


def _check_date(contract: LeaseContract, action: str, on: date) -> None:
    earliest = _earliest(contract, action)
    if earliest is not None and on < earliest:
        _field, _days, code, message_en, message_ar = _EARLIEST[action]
        raise _rule_error(code, "on", message_en, message_ar)


def _check_cancel(contract: LeaseContract) -> None:
    # A draft or a lease not yet in effect may simply be withdrawn; a lease in effect
    # ends early only with a recorded termination and its notice (cancel()).
    if contract.status is LeaseStatus.ACTIVE and contract.termination is None:
        raise _rule_error(
            "cancel.needs_termination",
            "termination",
            "An active lease is cancelled with cancel(), which records the termination.",
            "يُلغى عقد الإيجار الساري باستخدام cancel() التي تسجل إنهاء العقد.",
        )


def _move(contract: LeaseContract, action: str, on: date) -> LeaseStatus:
    """Return the status ``action`` leads to, after checking it is allowed on ``on``."""
    move = LEASE_WORKFLOW.move(contract.status.name, action)
    if move is None:
        allowed = ", ".join(
            dict.fromkeys(a.name for a in LEASE_WORKFLOW.actions_from(contract.status.name))
        )
        state = contract.status.name
        raise IllegalTransition(
            f"Action {action!r} is not allowed in state {state!r}; allowed: {allowed or 'none'}.",
            f"الإجراء {action!r} غير مسموح في الحالة {state!r}؛ المسموح: {allowed or 'لا شيء'}.",
            code="workflow.illegal_transition",
            field="action",
        )
    _check_date(contract, move[0].name, on)
    if move[0].name == "CANCEL":
        _check_cancel(contract)
    return LeaseStatus[move[0].to_state]


def transition(contract: LeaseContract, action: str, *, on: date) -> LeaseContract:
    """Return the contract after the workflow ``action`` taken on the day ``on``.

    Dates checked: ``REGISTER``, ``AMEND`` and ``RENEW`` not before the contract's
    signing date; ``ACTIVATE`` not before the start; ``EXPIRE`` only after the last day;
    ``CANCEL`` of an active lease only with a termination recorded (use :func:`cancel`).
    ``RENEW`` and ``AMEND`` are for :func:`renew` and :func:`amend`, which also build the
    new contract or the amendment.

    Raises:
        IllegalTransition: the action does not leave the contract's status
            (``workflow.illegal_transition``; the message lists the allowed actions).
        DomainRuleError: a date check fails (``lease.register.before_signing``,
            ``lease.amend.before_signing``, ``lease.renew.before_signing``,
            ``lease.activate.before_start``, ``lease.expire.before_end``,
            ``lease.cancel.needs_termination``).
        InvalidFormat: ``contract`` is not a LeaseContract (``lease.type``) or ``on`` not
            a date.

    Examples:
        >>> from datetime import date
        >>> lease = transition(_example(), "REGISTER", on=date(2025, 12, 21))
        >>> transition(lease, "ACTIVATE", on=date(2025, 12, 31))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: A lease becomes active on its start date, ...
    """
    contract = _contract(contract)
    on = require_date(on, "on")
    return attrs.evolve(contract, status=_move(contract, action, on))


def advance(contract: LeaseContract, *, on: date) -> LeaseContract:
    """Return the contract with the status its dates give it on ``on``; for a daily job.

    A registered lease whose start has come becomes ``ACTIVE``; an active lease whose last
    day has passed becomes ``EXPIRED`` (a registered one past its end goes through both).
    Every other contract is returned unchanged: registering, renewing, amending and
    cancelling are acts of the parties, never of the calendar.

    Raises:
        InvalidFormat: ``contract`` is not a LeaseContract or ``on`` not a date.

    Examples:
        >>> from datetime import date
        >>> lease = transition(_example(), "REGISTER", on=date(2025, 12, 21))
        >>> advance(lease, on=date(2025, 12, 31)).status.name
        'REGISTERED'
        >>> advance(lease, on=date(2026, 3, 1)).status.name
        'ACTIVE'
        >>> advance(lease, on=date(2027, 1, 1)).status.name
        'EXPIRED'
    """
    contract = _contract(contract)
    on = require_date(on, "on")
    for action in ("ACTIVATE", "EXPIRE"):
        move = LEASE_WORKFLOW.move(contract.status.name, action)
        earliest = _earliest(contract, action)
        if move is not None and earliest is not None and on >= earliest:
            contract = attrs.evolve(contract, status=LeaseStatus[move[0].to_state])
    return contract


# --------------------------------------------------------------------------- renewal


def renew(
    contract: LeaseContract,
    *,
    reference: str,
    signed_on: date,
    months: int | None = None,
    end: date | None = None,
    monthly_rent: Money | None = None,
    frequency: PaymentFrequency | str | None = None,
    deposit: Money | None = None,
) -> tuple[LeaseContract, LeaseContract]:
    """Renew an active or expired lease: return ``(old marked RENEWED, new DRAFT)``.

    The new contract starts the day after the old end, for ``months`` or up to ``end``
    (at most one of them); by default for the old term again -- the same number of
    months, or of days when the old term was not whole months. Rent defaults to the
    monthly rent in force on the old contract's last day (increments included); the
    parties, property, frequency and deposit carry over unless given. Its ``renews``
    names the old reference, so :func:`~municipal_core.leases._fees.registration_fee`
    counts the registration window from the new start (the old expiry), as the rule says.

    Raises:
        IllegalTransition: the old contract is not active or expired.
        DomainRuleError: both ``months`` and ``end`` given (``lease.renew.term``), and
            any rule the new contract breaks (a term of 7 years or more in Oman...).

    Examples:
        >>> from datetime import date
        >>> from municipal_core.money import Money
        >>> old = transition(transition(_example(), "REGISTER", on=date(2025, 12, 21)),
        ...                  "ACTIVATE", on=date(2026, 1, 1))
        >>> old, new = renew(old, reference="2/2027", signed_on=date(2026, 12, 20),
        ...                  monthly_rent=Money("110", "OMR"))
        >>> old.status, new.status, new.renews
        (<LeaseStatus.RENEWED: 'renewed'>, <LeaseStatus.DRAFT: 'draft'>, '1/2026')
        >>> new.start, new.end, new.monthly_rent
        (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31), Money('110.000', 'OMR'))
    """
    contract = _contract(contract)
    signed_on = require_date(signed_on, "signed_on")
    renewed = attrs.evolve(contract, status=_move(contract, "RENEW", signed_on))
    if months is not None and end is not None:
        raise _rule_error(
            "renew.term",
            "months",
            "Give the renewal's months or its end date, not both.",
            "حدد عدد أشهر التجديد أو تاريخ انتهائه، لا كليهما.",
        )
    start = contract.end + _ONE_DAY
    if months is None and end is None:
        months, end = _same_term(contract, start)
    new = LeaseContract.create(
        reference=reference,
        jurisdiction=contract.jurisdiction,
        landlord=contract.landlord,
        tenant=contract.tenant,
        property=contract.property,
        monthly_rent=(
            monthly_rent if monthly_rent is not None else contract.monthly_rent_on(contract.end)
        ),
        frequency=frequency if frequency is not None else contract.frequency,
        start=start,
        months=months,
        end=end,
        deposit=deposit if deposit is not None else contract.deposit,
        signed_on=signed_on,
        renews=contract.reference,
    )
    return renewed, new


def _same_term(contract: LeaseContract, start: date) -> tuple[int | None, date | None]:
    """Return ``(months, None)`` for a whole-month old term, else ``(None, end)``."""
    months, days = contract.term
    if days == 0:
        return months, None
    return None, start + (contract.end - contract.start)


# --------------------------------------------------------------------------- amendment


def amend(
    contract: LeaseContract,
    *,
    reference: str,
    signed_on: date,
    effective_on: date,
    monthly_rent: Money | None = None,
    end: date | None = None,
    frequency: PaymentFrequency | str | None = None,
    deposit: Money | None = None,
    note: str | None = None,
) -> tuple[LeaseContract, Amendment]:
    """Record a supplementary contract; return ``(amended contract, amendment)``.

    Only the changed fields are given. How each applies from ``effective_on``:

    * ``monthly_rent``: the rent in force from ``effective_on``. The base rent stays as
      signed; the contract reads the new rent from the amendment as a ``SET`` rent
      change (``LeaseContract.rent_changes``), so the total rent and the rent schedule
      count the old rent before that day and the new rent after it (a month it falls
      inside is prorated by days), and later percentage increments compound on it.
    * ``end``: the new last day (an extension or a shortening, not before
      ``effective_on``); increments dated after a shortened end are dropped.
    * ``frequency`` and ``deposit`` replace the old ones (the schedule is rebuilt with
      the new frequency; instalments already invoiced stay as invoiced).

    The fee on the added value is
    :func:`~municipal_core.leases._fees.amendment_fee` of the old contract and the
    amendment.

    Raises:
        IllegalTransition: the contract is not registered or active.
        DomainRuleError: ``effective_on`` outside the term (``lease.amend.effective_on``),
            a new end before it (``lease.amend.end``), nothing actually changed
            (``lease.amend.no_change``), or any rule the amended contract breaks.

    Examples:
        >>> from datetime import date
        >>> from municipal_core.money import Money
        >>> lease = transition(_example(), "REGISTER", on=date(2025, 12, 21))
        >>> lease, amendment = amend(lease, reference="1/2026-A1", signed_on=date(2026, 6, 1),
        ...                          effective_on=date(2026, 7, 1),
        ...                          monthly_rent=Money("120", "OMR"))
        >>> lease.monthly_rent_on(date(2026, 6, 30)), lease.monthly_rent_on(date(2026, 7, 1))
        (Money('100.000', 'OMR'), Money('120.000', 'OMR'))
        >>> lease.total_rent, len(lease.amendments)
        (Money('1320.000', 'OMR'), 1)
    """
    contract = _contract(contract)
    signed_on = require_date(signed_on, "signed_on")
    effective_on = require_date(effective_on, "effective_on")
    _move(contract, "AMEND", signed_on)
    if not contract.start <= effective_on <= contract.end:
        raise _rule_error(
            "amend.effective_on",
            "effective_on",
            "An amendment must take effect within the lease term.",
            "يجب أن يسري الملحق خلال مدة عقد الإيجار.",
        )
    amendment = Amendment(
        reference=reference,
        signed_on=signed_on,
        effective_on=effective_on,
        monthly_rent=monthly_rent,
        end=end,
        frequency=frequency,
        deposit=deposit,
        note=note,
    )
    if not _changes_anything(contract, amendment):
        raise _rule_error(
            "amend.no_change",
            "amendment",
            "The amendment changes none of the lease's terms.",
            "الملحق لا يغيّر أيًا من شروط عقد الإيجار.",
        )
    return _apply_amendment(contract, amendment), amendment


def _changes_anything(contract: LeaseContract, amendment: Amendment) -> bool:
    changes = (
        (amendment.monthly_rent, contract.monthly_rent_on(amendment.effective_on)),
        (amendment.end, contract.end),
        (amendment.frequency, contract.frequency),
        (amendment.deposit, contract.deposit),
    )
    return any(new is not None and new != old for new, old in changes)


def _apply_amendment(contract: LeaseContract, amendment: Amendment) -> LeaseContract:
    """Return ``contract`` with ``amendment`` recorded and its current terms updated."""
    end = contract.end if amendment.end is None else amendment.end
    if end < amendment.effective_on:
        raise _rule_error(
            "amend.end",
            "end",
            "An amended end date cannot be before the amendment takes effect.",
            "لا يجوز أن يسبق تاريخ الانتهاء المعدّل تاريخ سريان الملحق.",
        )
    # The amendment's new rent needs no copying: the contract reads it from
    # ``amendments`` as a SET rent change (LeaseContract.rent_changes).
    return attrs.evolve(
        contract,
        end=end,
        frequency=contract.frequency if amendment.frequency is None else amendment.frequency,
        deposit=contract.deposit if amendment.deposit is None else amendment.deposit,
        increments=tuple(i for i in contract.increments if i.effective_on <= end),
        amendments=(*contract.amendments, amendment),
    )


# --------------------------------------------------------------------------- notice


def _jurisdiction(contract: LeaseContract, jurisdiction: Jurisdiction | None) -> Jurisdiction:
    if jurisdiction is None:
        return get_jurisdiction(contract.jurisdiction)
    if not isinstance(jurisdiction, Jurisdiction) or jurisdiction.code != contract.jurisdiction:
        raise _rule_error(
            "jurisdiction",
            "jurisdiction",
            "The jurisdiction is not the lease's own.",
            "الجهة المحددة ليست جهة عقد الإيجار.",
        )
    return jurisdiction


def _notice_months(jurisdiction: Jurisdiction, on: date) -> int:
    # Saudi Arabia's profile has no lease notice rule: absent means no minimum notice.
    months = lease_rule(jurisdiction, NOTICE_RULE, on)
    return 0 if months is None else months


def _half_term(contract: LeaseContract) -> timedelta:
    # Half the days from the first to the last day, rounded down: whole days only.
    return timedelta(days=(contract.end - contract.start).days // 2)


def renewal_notice_deadline(
    contract: LeaseContract, *, jurisdiction: Jurisdiction | None = None
) -> date:
    """Return the last day a party can give notice to stop the automatic renewal.

    A lease renews for the same period unless notice is given at least
    ``lease.notice_months`` before expiry (3 in Oman), or half the term if that is
    shorter (DOMAIN.md §4, [W]). "*n* months before expiry" is the same day of the
    month *n* months before the last day (clipped to the month's end); "half the term"
    is half the term's days, rounded down, before the last day. The later of the two
    days is the deadline. The rule value is the one in force on the signing date; a
    profile without it (Saudi Arabia) requires no notice, so the deadline is the last
    day. ``jurisdiction`` defaults to the registered profile of the contract's code.

    Raises:
        DomainRuleError: ``jurisdiction`` is not the contract's (``lease.jurisdiction``).
        NotFound: no registered profile for the contract's code.

    Examples:
        >>> renewal_notice_deadline(_example())  # 2026, in Sohar
        datetime.date(2026, 9, 30)
    """
    contract = _contract(contract)
    profile = _jurisdiction(contract, jurisdiction)
    by_months = add_months(contract.end, -_notice_months(profile, contract.signed_on))
    return max(by_months, contract.end - _half_term(contract))


# --------------------------------------------------------------------------- cancellation


def cancel(
    contract: LeaseContract,
    *,
    notice_given_on: date,
    effective_on: date,
    by: PartyRole | str,
    reason: str,
    jurisdiction: Jurisdiction | None = None,
) -> LeaseContract:
    """End a lease early: return it ``CANCELLED`` with its :class:`Termination`.

    ``effective_on`` is the day the termination takes effect; it must fall within the
    term and leave at least the notice period after ``notice_given_on``: the shorter
    of ``lease.notice_months`` (in force on the signing day) and half the term, as for
    :func:`renewal_notice_deadline`. A profile without the rule requires no notice.
    The contract's agreed ``end`` is kept; the termination says when it really ended.

    Raises:
        IllegalTransition: the contract is renewed, expired or already cancelled.
        InvalidComponent: ``effective_on`` outside the term
            (``lease.termination.outside_term``) or before the notice
            (``lease.termination.dates``); an unknown ``by``.
        DomainRuleError: ``effective_on`` too soon after the notice
            (``lease.cancel.short_notice``); the jurisdiction is not the contract's
            (``lease.jurisdiction``).

    Examples:
        >>> from datetime import date
        >>> lease = transition(_example(), "REGISTER", on=date(2025, 12, 21))
        >>> done = cancel(lease, notice_given_on=date(2026, 3, 1),
        ...               effective_on=date(2026, 6, 1), by="tenant", reason="Moving out")
        >>> done.status, done.termination.effective_on
        (<LeaseStatus.CANCELLED: 'cancelled'>, datetime.date(2026, 6, 1))
        >>> cancel(lease, notice_given_on=date(2026, 3, 1), effective_on=date(2026, 5, 1),
        ...        by="tenant", reason="Moving out")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The notice period ends on 2026-06-01; ...
    """
    contract = _contract(contract)
    profile = _jurisdiction(contract, jurisdiction)
    termination = Termination(
        notice_given_on=notice_given_on, effective_on=effective_on, by=by, reason=reason
    )
    # The contract checks that the termination takes effect within the term.
    ended = attrs.evolve(contract, termination=termination)
    notice = termination.notice_given_on
    status = _move(ended, "CANCEL", notice)
    earliest = min(
        add_months(notice, _notice_months(profile, contract.signed_on)),
        notice + _half_term(contract),
    )
    if termination.effective_on < earliest:
        raise _rule_error(
            "cancel.short_notice",
            "effective_on",
            f"The notice period ends on {earliest.isoformat()}; the termination cannot take"
            " effect before it.",
            f"تنتهي مدة الإشعار في {earliest.isoformat()}؛ لا يجوز أن يسري الإنهاء قبلها.",
        )
    return attrs.evolve(ended, status=status)
