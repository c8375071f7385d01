"""Saudi commercial licences whose activity never started: when they are due for revocation.

A commercial-activity licence is revoked if the activity has not started within
``licence.activity_start_months`` (12) months of issue (DOMAIN.md §6 [C]). The licence
records the day its activity started (``activity_started_on``, set by
:func:`record_activity_start`); :func:`is_due_for_revocation` tells whether it is due on a
day, :func:`revoke_licence` withdraws it, and :func:`revocation_guards` supplies the
``revocation_due`` guard that the ``REVOKE`` action of the commercial licence workflow
needs, so a case cannot be revoked early either.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> lic = CommercialLicence("CL-1", "1010123456", 1, Decimal(10), "471101", False, (),
    ...                         dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    >>> revocation_due_on(lic)
    datetime.date(2027, 1, 1)
    >>> is_due_for_revocation(lic, on=dt.date(2027, 1, 1))
    True
    >>> started = record_activity_start(lic, on=dt.date(2026, 6, 1))
    >>> is_due_for_revocation(started, on=dt.date(2027, 1, 1))
    False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from municipal_core.dates import add_months, require_date
from municipal_core.errors import DomainRuleError
from municipal_core.jurisdictions import SA_BALADY, Jurisdiction
from municipal_core.licensing._licence_common import LicenceStatus, require_model, rule_count
from municipal_core.licensing._licence_terms import withdraw
from municipal_core.licensing._sa_commercial_licence import CommercialLicence
from municipal_core.workflow import Case, Guard

__all__ = [
    "START_RULE",
    "is_due_for_revocation",
    "record_activity_start",
    "revocation_due_on",
    "revocation_guards",
    "revoke_licence",
]

_CODE = "licence.commercial"

START_RULE = "licence.activity_start_months"
"""Profile rule: months after issue within which the activity must start."""


def _licence(value: object) -> CommercialLicence:
    return require_model(value, CommercialLicence, prefix=_CODE)


def revocation_due_on(
    licence: CommercialLicence, *, jurisdiction: Jurisdiction = SA_BALADY
) -> dt.date:
    """Return the first day ``licence`` is due for revocation if its activity has not started.

    That is the day after the start period, counted from ``issued_on`` the way a validity
    is (for a renewed licence, from the start of its current period).

    Raises:
        InvalidFormat: not a CommercialLicence (``licence.commercial.type``).
        NotFound: the profile has no ``licence.activity_start_months`` rule.

    Examples:
        >>> from decimal import Decimal
        >>> lic = CommercialLicence("CL-2", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 3, 31), dt.date(2027, 3, 30))
        >>> revocation_due_on(lic)
        datetime.date(2027, 3, 31)
    """
    licence = _licence(licence)
    months = rule_count(jurisdiction, START_RULE, licence.issued_on)
    return add_months(licence.issued_on, months)


def is_due_for_revocation(
    licence: CommercialLicence, *, on: dt.date, jurisdiction: Jurisdiction = SA_BALADY
) -> bool:
    """Return whether ``licence`` is due for revocation on ``on``.

    It is when it is active, the start period has passed, and the activity did not start
    within it (not at all, or only after the period).

    Raises:
        InvalidFormat: not a CommercialLicence; ``on`` not a date (``dates.type``).

    Examples:
        >>> from decimal import Decimal
        >>> lic = CommercialLicence("CL-3", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2028, 12, 31))
        >>> is_due_for_revocation(lic, on=dt.date(2026, 12, 31))
        False
    """
    licence = _licence(licence)
    on = require_date(on, "on")
    due = revocation_due_on(licence, jurisdiction=jurisdiction)
    started = licence.activity_started_on
    return (
        licence.status is LicenceStatus.ACTIVE and on >= due and (started is None or started >= due)
    )


def record_activity_start(licence: CommercialLicence, *, on: dt.date) -> CommercialLicence:
    """Return ``licence`` with its activity started on ``on`` (kept if already recorded).

    Raises:
        DomainRuleError: ``on`` is before the licence's first day
            (``licence.commercial.activity_start``).

    Examples:
        >>> from decimal import Decimal
        >>> lic = CommercialLicence("CL-4", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> record_activity_start(lic, on=dt.date(2025, 12, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The activity cannot start before the licence.
    """
    licence = _licence(licence)
    on = require_date(on, "on")
    if licence.activity_started_on is not None:
        return licence
    if on < licence.issued_on:
        raise DomainRuleError(
            "The activity cannot start before the licence.",
            "لا يمكن أن يبدأ النشاط قبل الرخصة.",
            code=f"{_CODE}.activity_start",
            field="on",
        )
    return attrs.evolve(licence, activity_started_on=on)


def _require_due(licence: CommercialLicence, on: dt.date, jurisdiction: Jurisdiction) -> None:
    if not is_due_for_revocation(licence, on=on, jurisdiction=jurisdiction):
        raise DomainRuleError(
            "The licence is not due for revocation: it is not active, its activity started"
            " in time, or the start period has not ended.",
            "الرخصة غير مستحقة الإلغاء: فهي غير سارية أو بدأ نشاطها في المدة أو لم تنته المدة بعد.",
            code=f"{_CODE}.revocation_not_due",
            field="licence",
        )


def revoke_licence(
    licence: CommercialLicence, *, on: dt.date, jurisdiction: Jurisdiction = SA_BALADY
) -> CommercialLicence:
    """Return ``licence`` revoked on ``on`` because its activity never started in time.

    Raises:
        DomainRuleError: it is not due for revocation on ``on``
            (``licence.commercial.revocation_not_due``).

    Examples:
        >>> from decimal import Decimal
        >>> lic = CommercialLicence("CL-5", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2028, 12, 31))
        >>> revoke_licence(lic, on=dt.date(2027, 6, 1)).status.value
        'revoked'
        >>> revoke_licence(lic, on=dt.date(2026, 6, 1))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The licence is not due for revocation: it is \
not active, its activity started in time, or the start period has not ended.
    """
    licence = _licence(licence)
    _require_due(licence, require_date(on, "on"), jurisdiction)
    return withdraw(licence, LicenceStatus.REVOKED, prefix=_CODE)


def revocation_guards(
    licence: CommercialLicence, *, on: dt.date, jurisdiction: Jurisdiction = SA_BALADY
) -> Mapping[str, Guard]:
    """Return the guards for ``workflow.apply(..., "REVOKE", ..., guards=...)`` on ``on``.

    The ``revocation_due`` guard raises the typed error of :func:`revoke_licence` when the
    licence is not due, so the case says why rather than only that a condition failed.

    Examples:
        >>> from decimal import Decimal
        >>> lic = CommercialLicence("CL-6", "1010123456", 1, Decimal(10), "471101", False,
        ...                         (), dt.date(2026, 1, 1), dt.date(2028, 12, 31))
        >>> sorted(revocation_guards(lic, on=dt.date(2027, 6, 1)))
        ['revocation_due']
    """
    licence = _licence(licence)
    on = require_date(on, "on")

    def revocation_due(_case: Case, _payload: Mapping[str, str]) -> bool:
        _require_due(licence, on, jurisdiction)
        return True

    return {"revocation_due": revocation_due}
