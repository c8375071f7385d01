"""Oman (Sohar) municipal licence: apply, issue after approval and payment, renew, cancel.

Sohar's licensing services (خدمات التراخيص, seed 000) licence an establishment's
activity at its premises. The model follows the Balady commercial licence, and shares
its rules through ``_licence_terms`` with Sohar's own figures in the profile:

* :data:`MUNICIPAL_LICENCE_WORKFLOW` (``om.licence.municipal``) is the DIGIT-style
  licence workflow; :func:`issue_municipal_licence` makes a :class:`MunicipalLicence`
  only from a case that reached ``ISSUED`` through ``APPROVE`` **and** ``PAY``; an
  application left unpaid or uncorrected lapses (``EXPIRE``, ``application.lapse_days``);
* validity 1 to ``licence.max_validity_years`` years (1 in Sohar [A]);
* renewal opens ``licence.renewal_window_days`` (30 [A]) before expiry; renewing after
  expiry adds the fine ``om.licence.late_renewal``;
* fees (:func:`municipal_licence_fee`, :func:`municipal_renewal_fee`) from
  ``OM_LICENCE_FEES``: premises and signboards per m² per year, all ``[A]``.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> fee = municipal_licence_fee(Decimal(40), signboard_areas=(Decimal(2),), years=1,
    ...                             on=dt.date(2026, 3, 1))
    >>> [(line.code, str(line.amount.amount)) for line in fee.lines]
    [('om.licence.premises', '8.000'), ('om.licence.signboard', '10.000')]
    >>> [s.name for s in MUNICIPAL_LICENCE_WORKFLOW.states if s.is_terminal]
    ['EXPIRED', 'REJECTED', 'CANCELLED']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core._text import mask_tail
from municipal_core.billing import FeeBreakdown, FeeSchedule, calculate
from municipal_core.dates import require_date
from municipal_core.identifiers.om import commercial_registration
from municipal_core.jurisdictions import OM_SOHAR, Jurisdiction
from municipal_core.licensing._licence_common import (
    LicenceStatus,
    area_validator,
    check_area,
    check_validity,
    date_validator,
    licence_workflow,
    require_model,
    rule_count,
    text_validator,
    validity_end,
)
from municipal_core.licensing._licence_terms import (
    MAX_YEARS_RULE,
    check_years,
    licence_fee_requests,
    renewal_terms,
    renewed,
    to_signboards,
    withdraw,
)
from municipal_core.licensing._om_licence_fees import (
    LATE_RENEWAL_FEE,
    OM_LICENCE_FEES,
    PREMISES_FEE,
    SIGNBOARD_FEE,
)
from municipal_core.licensing._om_permits import check_number, require_issued
from municipal_core.licensing._violations import normalise_number
from municipal_core.workflow import Case

__all__ = [
    "MUNICIPAL_LICENCE_WORKFLOW",
    "MunicipalLicence",
    "cancel_municipal_licence",
    "issue_municipal_licence",
    "municipal_licence_fee",
    "municipal_renewal_fee",
    "renew_municipal_licence",
]

_CODE = "licensing.om_licence"

MUNICIPAL_LICENCE_WORKFLOW = licence_workflow("om.licence.municipal", lapses=True)
"""Sohar municipal licence applications: review, site visit, approval, payment, issue;
an issued licence can be cancelled or expire, an unpaid or uncorrected application lapses."""


def _cr(value: object) -> str:
    # The canonical 7 digits are what the portal looks records up by (DOMAIN.md §1).
    text = _checks.require_instance(value, str, field="cr", code=f"{_CODE}.cr")
    return commercial_registration.validate(text)


def _signboards(value: Iterable[Decimal]) -> tuple[Decimal, ...]:
    return to_signboards(value, prefix=_CODE)


@attrs.frozen(repr=False)
class MunicipalLicence:
    """An issued Sohar municipal licence.

    Attributes:
        number: the licence number (letters, digits, ``-``, ``/``).
        cr: the establishment's CR, canonical 7 digits; masked in ``repr``.
        activity_code: the licensed activity (as text, e.g. an ISIC code).
        premises_area: the premises' area in m².
        signboard_areas: the area in m² of each signboard.
        issued_on: the first day of validity.
        expires_on: the last day of validity (after ``issued_on``).
        status: :class:`~municipal_core.licensing._licence_common.LicenceStatus`.

    Examples:
        >>> MunicipalLicence("ML-1", "CR1234567", "471101", Decimal(40), (),
        ...                  dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        MunicipalLicence(number='ML-1', cr='****567', expires_on=datetime.date(2026, 12, 31), \
status='active')
    """

    number: str = attrs.field(converter=normalise_number, validator=check_number)
    cr: str = attrs.field(converter=_cr)
    activity_code: str = attrs.field(validator=text_validator(_CODE))
    premises_area: Decimal = attrs.field(validator=area_validator)
    signboard_areas: tuple[Decimal, ...] = attrs.field(converter=_signboards)
    issued_on: dt.date = attrs.field(validator=date_validator)
    expires_on: dt.date = attrs.field(validator=date_validator)
    status: LicenceStatus = attrs.field(default=LicenceStatus.ACTIVE)

    def __attrs_post_init__(self) -> None:
        check_validity(self.status, LicenceStatus, self.issued_on, self.expires_on, prefix=_CODE)

    def __repr__(self) -> str:
        return (
            f"MunicipalLicence(number={self.number!r}, cr={mask_tail(self.cr)!r},"
            f" expires_on={self.expires_on!r}, status={self.status.value!r})"
        )


def _licence(value: object) -> MunicipalLicence:
    return require_model(value, MunicipalLicence, prefix=_CODE)


def _allowed(jurisdiction: Jurisdiction, on: dt.date) -> tuple[int, int]:
    return 1, rule_count(jurisdiction, MAX_YEARS_RULE, on)


def _years(years: object, jurisdiction: Jurisdiction, on: dt.date) -> int:
    return check_years(years, *_allowed(jurisdiction, on), prefix=_CODE)


def _fee(
    area: Decimal,
    signboards: tuple[Decimal, ...],
    years: int,
    late: bool,
    on: dt.date,
    jurisdiction: Jurisdiction,
    schedule: FeeSchedule,
) -> FeeBreakdown:
    requests = licence_fee_requests(
        area_code=PREMISES_FEE,
        area=area,
        signboard_code=SIGNBOARD_FEE,
        signboards=signboards,
        years=years,
        late_code=LATE_RENEWAL_FEE if late else None,
    )
    return calculate(schedule, requests, on=on, jurisdiction=jurisdiction)


def municipal_licence_fee(
    premises_area: Decimal,
    *,
    signboard_areas: Iterable[Decimal] = (),
    years: int,
    on: dt.date,
    jurisdiction: Jurisdiction = OM_SOHAR,
    schedule: FeeSchedule = OM_LICENCE_FEES,
) -> FeeBreakdown:
    """Return the fee of a new licence, charged while the application awaits payment.

    Raises:
        InvalidComponent: a non-positive or non-Decimal area (``licence.area``).
        DomainRuleError: ``years`` outside 1 to the profile's maximum
            (``licensing.om_licence.validity``).
        NotFound: no fee rule in force on ``on``.

    Examples:
        >>> municipal_licence_fee(Decimal(25), years=1, on=dt.date(2026, 1, 1)).total
        Money('5.000', 'OMR')
    """
    on = require_date(on, "on")
    return _fee(
        check_area(premises_area, field="premises_area"),
        _signboards(signboard_areas),
        _years(years, jurisdiction, on),
        False,
        on,
        jurisdiction,
        schedule,
    )


def issue_municipal_licence(
    case: Case,
    *,
    number: str,
    cr: str,
    activity_code: str,
    premises_area: Decimal,
    issued_on: dt.date,
    years: int,
    signboard_areas: Iterable[Decimal] = (),
    jurisdiction: Jurisdiction = OM_SOHAR,
) -> MunicipalLicence:
    """Return the licence of an application that was approved and paid.

    Raises:
        DomainRuleError: the case is not issued through APPROVE and PAY
            (``licensing.om_permit.not_issued``); ``years`` out of range
            (``licensing.om_licence.validity``).
        ValidationError: a field is invalid.

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> draft = new_case(MUNICIPAL_LICENCE_WORKFLOW, "ML-2",
        ...                  at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> issue_municipal_licence(draft, number="ML-2", cr="CR1234567",
        ...     activity_code="471101", premises_area=Decimal(30),
        ...     issued_on=dt.date(2026, 1, 5), years=1)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'ML-2' has not been issued.
    """
    require_issued(MUNICIPAL_LICENCE_WORKFLOW, case)
    issued_on = require_date(issued_on, "issued_on")
    years = _years(years, jurisdiction, issued_on)
    return MunicipalLicence(
        number,
        cr,
        activity_code,
        premises_area,
        signboard_areas,
        issued_on,
        validity_end(issued_on, years),
    )


def municipal_renewal_fee(
    licence: MunicipalLicence,
    *,
    on: dt.date,
    years: int,
    jurisdiction: Jurisdiction = OM_SOHAR,
    schedule: FeeSchedule = OM_LICENCE_FEES,
) -> FeeBreakdown:
    """Return what renewing ``licence`` costs: premises and signboards, and the fine if late.

    The checks are those of :func:`renew_municipal_licence`, so a fee is never worked out
    for a renewal that would be refused.

    Raises:
        DomainRuleError: as :func:`renew_municipal_licence`.

    Examples:
        >>> lic = MunicipalLicence("ML-3", "1234567", "471101", Decimal(10), (),
        ...                        dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> fee = municipal_renewal_fee(lic, on=dt.date(2027, 1, 10), years=1)
        >>> [(line.code, str(line.amount.amount)) for line in fee.lines]
        [('om.licence.premises', '2.000'), ('om.licence.late_renewal', '10.000')]
    """
    licence = _licence(licence)
    on = require_date(on, "on")
    allowed = _allowed(jurisdiction, on)
    late, years = renewal_terms(
        licence, on, years, allowed=allowed, jurisdiction=jurisdiction, prefix=_CODE
    )
    return _fee(
        licence.premises_area, licence.signboard_areas, years, late, on, jurisdiction, schedule
    )


def renew_municipal_licence(
    licence: MunicipalLicence,
    *,
    on: dt.date,
    years: int,
    jurisdiction: Jurisdiction = OM_SOHAR,
) -> MunicipalLicence:
    """Return ``licence`` renewed on ``on`` for ``years`` (charge :func:`municipal_renewal_fee`).

    In time, the new period follows the old expiry; late, it starts on ``on``.

    Raises:
        DomainRuleError: the window has not opened
            (``licensing.om_licence.renewal_not_open``), the licence is cancelled
            (``.cancelled``), or ``years`` is out of range (``.validity``).

    Examples:
        >>> lic = MunicipalLicence("ML-4", "1234567", "471101", Decimal(10), (),
        ...                        dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> on_time = renew_municipal_licence(lic, on=dt.date(2026, 12, 15), years=1)
        >>> late = renew_municipal_licence(lic, on=dt.date(2027, 2, 1), years=1)
        >>> (on_time.issued_on, on_time.expires_on), (late.issued_on, late.expires_on)
        ((datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)), \
(datetime.date(2027, 2, 1), datetime.date(2028, 1, 31)))
    """
    licence = _licence(licence)
    on = require_date(on, "on")
    allowed = _allowed(jurisdiction, on)
    return renewed(licence, on, years, allowed=allowed, jurisdiction=jurisdiction, prefix=_CODE)


def cancel_municipal_licence(licence: MunicipalLicence) -> MunicipalLicence:
    """Return ``licence`` cancelled at its holder's request; it can no longer be renewed.

    Raises:
        InvalidFormat: not a MunicipalLicence (``licensing.om_licence.type``).
        DomainRuleError: it is no longer active (``licensing.om_licence.cancelled``).

    Examples:
        >>> lic = MunicipalLicence("ML-5", "1234567", "471101", Decimal(10), (),
        ...                        dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> cancel_municipal_licence(lic).status.value
        'cancelled'
    """
    return withdraw(_licence(licence), LicenceStatus.CANCELLED, prefix=_CODE)
