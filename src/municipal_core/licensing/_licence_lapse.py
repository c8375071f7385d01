"""Applications that lapse: left unpaid or uncorrected too long, they expire.

Workflows built with ``licence_workflow(..., lapses=True)`` (every Sohar service) let the
``SYSTEM`` role ``EXPIRE`` an application waiting on its applicant in one of
:data:`~municipal_core.licensing._licence_common.LAPSING_STATES` -- payment pending, or
sent back for correction. It lapses ``application.lapse_days`` days (a profile rule,
30 in Sohar [A]) after it entered that state, counted in the jurisdiction's local days.
:func:`cases_due_to_expire` lists the cases a nightly job should expire on a day.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.workflow import Case
    >>> at = dt.datetime(2026, 3, 1, 21, 0, tzinfo=dt.timezone.utc)  # 2 March in Muscat
    >>> unpaid = Case("BP-1", "om.permit.building", 1, "PENDING_PAYMENT", at)
    >>> lapses_on(unpaid, jurisdiction=OM_SOHAR)
    datetime.date(2026, 4, 1)
    >>> [c.id for c in cases_due_to_expire([unpaid], on=dt.date(2026, 4, 1),
    ...                                    jurisdiction=OM_SOHAR)]
    ['BP-1']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from municipal_core import _checks
from municipal_core.dates import require_date
from municipal_core.errors import DomainRuleError
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing._licence_common import LAPSING_STATES, rule_count
from municipal_core.workflow import Case

__all__ = ["LAPSE_RULE", "cases_due_to_expire", "lapses_on"]

LAPSE_RULE = "application.lapse_days"
"""Profile rule: days an application may wait on its applicant before it expires."""

_CODE = "licensing.lapse"


def _case(value: object) -> Case:
    return _checks.require_instance(value, Case, field="case", code=f"{_CODE}.case")


def lapses_on(case: Case, *, jurisdiction: Jurisdiction) -> dt.date:
    """Return the local day ``case`` lapses, if it is still waiting on its applicant then.

    Raises:
        InvalidFormat: ``case`` is not a Case (``licensing.lapse.case.type``), or
            ``jurisdiction`` not a profile (``licensing.lapse.jurisdiction.type``).
        DomainRuleError: the case is not waiting on its applicant
            (``licensing.lapse.not_waiting``).
        NotFound: the profile has no ``application.lapse_days`` rule.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> issued = Case("BP-2", "om.permit.building", 1, "ISSUED",
        ...               dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> lapses_on(issued, jurisdiction=OM_SOHAR)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'BP-2' is not waiting on its applicant.
    """
    case = _case(case)
    if case.state not in LAPSING_STATES:
        raise DomainRuleError(
            f"Application {case.id!r} is not waiting on its applicant.",
            f"الطلب {case.id!r} ليس بانتظار مقدمه.",
            code=f"{_CODE}.not_waiting",
            field="case",
        )
    jurisdiction = _checks.require_instance(
        jurisdiction, Jurisdiction, field="jurisdiction", code=f"{_CODE}.jurisdiction"
    )
    entered = jurisdiction.today_in(case.entered_state_at)
    return entered + dt.timedelta(days=rule_count(jurisdiction, LAPSE_RULE, entered))


def cases_due_to_expire(
    cases: Iterable[Case], *, on: dt.date, jurisdiction: Jurisdiction
) -> tuple[Case, ...]:
    """Return the cases waiting on their applicant that have lapsed by ``on``, in order.

    Cases in other states are skipped; apply ``EXPIRE`` (role ``SYSTEM``) to each result.

    Raises:
        InvalidFormat: an item is not a Case; ``on`` is not a date (``dates.type``).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> sent_back = Case("SL-1", "om.letter.service", 1, "PENDING_APPLICANT_CORRECTION",
        ...                  dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
        >>> cases_due_to_expire([sent_back], on=dt.date(2026, 3, 30), jurisdiction=OM_SOHAR)
        ()
    """
    on = require_date(on, "on")
    return tuple(
        case
        for case in map(_case, cases)
        if case.state in LAPSING_STATES and lapses_on(case, jurisdiction=jurisdiction) <= on
    )
