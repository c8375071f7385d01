"""Validity terms every renewable licence shares: years, the renewal window, the late fine.

The Saudi commercial licence and the Omani municipal licence follow one rule set, with
each figure read from the jurisdiction profile under the same rule name:

* a validity of whole years within a range (``licence.max_validity_years``);
* renewal opens ``licence.renewal_window_days`` before expiry; renewed in time, the new
  period follows the old expiry; renewed late, it starts on the renewal day and the fee
  carries the late-renewal fine (a ``PENALTY`` fee line);
* the fee: premises area per m² per year, signboards per m² per year, and the fine.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import SA_BALADY
    >>> renewal_opens(dt.date(2026, 12, 31), SA_BALADY)
    datetime.date(2026, 10, 2)
    >>> renewed_period(dt.date(2026, 12, 31), dt.date(2027, 2, 1), 1)
    (datetime.date(2027, 2, 1), datetime.date(2028, 1, 31))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

import attrs

from municipal_core.billing import FeeRequest
from municipal_core.dates import require_date
from municipal_core.errors import DomainRuleError, InvalidFormat
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing._licence_common import (
    LicenceStatus,
    check_area,
    rule_count,
    validity_end,
)

__all__ = [
    "MAX_YEARS_RULE",
    "WINDOW_RULE",
    "check_renewal",
    "check_years",
    "licence_fee_requests",
    "renewal_opens",
    "renewal_terms",
    "renewed",
    "renewed_period",
    "to_signboards",
    "withdraw",
]

WINDOW_RULE = "licence.renewal_window_days"
"""Profile rule: how many days before expiry renewal opens."""
MAX_YEARS_RULE = "licence.max_validity_years"
"""Profile rule: the longest validity, in years, a licence is issued or renewed for."""


def check_years(years: object, low: int, high: int, *, prefix: str) -> int:
    """Return ``years`` if it is a whole number from ``low`` to ``high``.

    Raises:
        DomainRuleError: anything else (code ``<prefix>.validity``).

    Examples:
        >>> check_years(4, 1, 3, prefix="licence.demo")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: This activity's licence is valid for 1 to 3 years.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not low <= years <= high:
        raise DomainRuleError(
            f"This activity's licence is valid for {low} to {high} years.",
            f"مدة ترخيص هذا النشاط من {low} إلى {high} سنوات.",
            code=f"{prefix}.validity",
            field="years",
        )
    return years


def renewal_opens(expires_on: dt.date, jurisdiction: Jurisdiction) -> dt.date:
    """Return the first day a licence expiring on ``expires_on`` may be renewed.

    Raises:
        NotFound: the profile has no ``licence.renewal_window_days`` rule.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> renewal_opens(dt.date(2026, 12, 31), OM_SOHAR)
        datetime.date(2026, 12, 1)
    """
    return expires_on - dt.timedelta(days=rule_count(jurisdiction, WINDOW_RULE, expires_on))


def check_renewal(
    status: LicenceStatus,
    expires_on: dt.date,
    on: dt.date,
    jurisdiction: Jurisdiction,
    *,
    prefix: str,
) -> bool:
    """Check a licence may be renewed on ``on``; return whether the renewal is late.

    Raises:
        DomainRuleError: the licence is cancelled (``<prefix>.cancelled``) or revoked
            (``<prefix>.revoked``), or the window has not opened (``<prefix>.renewal_not_open``).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> check_renewal(LicenceStatus.ACTIVE, dt.date(2026, 12, 31), dt.date(2027, 1, 5),
        ...               OM_SOHAR, prefix="licence.demo")
        True
    """
    if status is not LicenceStatus.ACTIVE:
        raise DomainRuleError(
            f"A {status.value} licence cannot be renewed.",
            "لا يمكن تجديد رخصة ملغاة.",
            code=f"{prefix}.{status.value}",
            field="licence",
        )
    if on < renewal_opens(expires_on, jurisdiction):
        raise DomainRuleError(
            "The renewal window has not opened yet.",
            "لم تبدأ فترة التجديد بعد.",
            code=f"{prefix}.renewal_not_open",
            field="on",
        )
    return on > expires_on


def renewed_period(expires_on: dt.date, on: dt.date, years: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a renewal made on ``on`` for ``years``.

    In time, the new period follows the old expiry; late, it starts on ``on``.

    Examples:
        >>> renewed_period(dt.date(2026, 12, 31), dt.date(2026, 12, 1), 2)
        (datetime.date(2027, 1, 1), datetime.date(2028, 12, 31))
    """
    start = max(on, expires_on + dt.timedelta(days=1))
    return start, validity_end(start, years)


def licence_fee_requests(
    *,
    area_code: str,
    area: Decimal,
    signboard_code: str,
    signboards: Sequence[Decimal],
    years: int,
    late_code: str | None = None,
    criteria: tuple[tuple[str, str], ...] = (),
) -> list[FeeRequest]:
    """Return the fee requests of a licence: area and signboards per year, the late fine.

    Args:
        area_code: the per-m² per-year premises fee.
        area: the premises area in m².
        signboard_code: the per-m² per-year signboard fee, charged on the total sign area.
        signboards: each signboard's area (no line when there is none).
        years: the years of validity charged.
        late_code: the late-renewal fine, added when given.
        criteria: what picks the area rule (e.g. the municipality category).

    Examples:
        >>> [r.code for r in licence_fee_requests(area_code="a", area=Decimal(5),
        ...     signboard_code="s", signboards=(), years=1, late_code="late")]
        ['a', 'late']
    """
    requests = [FeeRequest(area_code, quantity=area, years=years, criteria=criteria)]
    if signboards:
        total = sum(signboards, Decimal(0))
        requests.append(FeeRequest(signboard_code, quantity=total, years=years))
    if late_code is not None:
        requests.append(FeeRequest(late_code))
    return requests


def to_signboards(value: Iterable[Decimal], *, prefix: str) -> tuple[Decimal, ...]:
    """Return signboard areas (m²) as a tuple of positive Decimals (a models' converter).

    Raises:
        InvalidFormat: not a list of areas (code ``<prefix>.signboards``).
        InvalidComponent: an area that is not a positive Decimal (``licence.area``).

    Examples:
        >>> to_signboards([Decimal(2), 3], prefix="licence.demo")
        (Decimal('2'), Decimal('3'))
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFormat(
            "The signboard areas must be a list of areas in m².",
            "يجب أن تكون مساحات اللوحات قائمة بالأمتار المربعة.",
            code=f"{prefix}.signboards",
            field="signboard_areas",
        )
    return tuple(check_area(area, field="signboard_areas") for area in value)


class _HasStatus(Protocol):
    @property
    def status(self) -> LicenceStatus: ...


class _HasTerms(_HasStatus, Protocol):
    @property
    def expires_on(self) -> dt.date: ...


_L = TypeVar("_L", bound=_HasStatus)
_T = TypeVar("_T", bound=_HasTerms)


def renewal_terms(
    licence: _HasTerms,
    on: dt.date,
    years: object,
    *,
    allowed: tuple[int, int],
    jurisdiction: Jurisdiction,
    prefix: str,
) -> tuple[bool, int]:
    """Check a renewal on ``on`` for ``years`` (within ``allowed``); return (late, years).

    Raises:
        DomainRuleError: as :func:`check_renewal`, then :func:`check_years`.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> @attrs.frozen
        ... class Demo:
        ...     status: LicenceStatus
        ...     expires_on: dt.date
        >>> renewal_terms(Demo(LicenceStatus.ACTIVE, dt.date(2026, 12, 31)),
        ...     dt.date(2026, 12, 20), 1, allowed=(1, 1), jurisdiction=OM_SOHAR, prefix="demo")
        (False, 1)
    """
    late = check_renewal(licence.status, licence.expires_on, on, jurisdiction, prefix=prefix)
    return late, check_years(years, *allowed, prefix=prefix)


def renewed(
    licence: _T,
    on: dt.date,
    years: object,
    *,
    allowed: tuple[int, int],
    jurisdiction: Jurisdiction,
    prefix: str,
) -> _T:
    """Return ``licence`` (an attrs model) renewed on ``on`` (see :func:`renewed_period`).

    Raises:
        DomainRuleError: as :func:`renewal_terms`.
        InvalidFormat: ``on`` is not a date (``dates.type``).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> @attrs.frozen
        ... class Demo:
        ...     status: LicenceStatus
        ...     issued_on: dt.date
        ...     expires_on: dt.date
        >>> demo = Demo(LicenceStatus.ACTIVE, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> renewed(demo, dt.date(2027, 1, 9), 1, allowed=(1, 1), jurisdiction=OM_SOHAR,
        ...         prefix="demo").expires_on
        datetime.date(2028, 1, 8)
    """
    on = require_date(on, "on")
    _, years = renewal_terms(
        licence, on, years, allowed=allowed, jurisdiction=jurisdiction, prefix=prefix
    )
    start, end = renewed_period(licence.expires_on, on, years)
    return attrs.evolve(licence, issued_on=start, expires_on=end)  # type: ignore[misc]


def withdraw(licence: _L, status: LicenceStatus, *, prefix: str) -> _L:
    """Return an active ``licence`` (an attrs model) with ``status`` (cancelled or revoked).

    Raises:
        DomainRuleError: it is no longer active (code ``<prefix>.<its status>``).

    Examples:
        >>> @attrs.frozen
        ... class Demo:
        ...     status: LicenceStatus
        >>> withdraw(Demo(LicenceStatus.ACTIVE), LicenceStatus.REVOKED, prefix="demo").status
        <LicenceStatus.REVOKED: 'revoked'>
        >>> withdraw(Demo(LicenceStatus.REVOKED), LicenceStatus.CANCELLED, prefix="demo")
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The licence is already revoked.
    """
    if licence.status is not LicenceStatus.ACTIVE:
        raise DomainRuleError(
            f"The licence is already {licence.status.value}.",
            "الرخصة ملغاة مسبقًا.",
            code=f"{prefix}.{licence.status.value}",
            field="licence",
        )
    return attrs.evolve(licence, status=status)  # type: ignore[misc]
