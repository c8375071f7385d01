"""Oman (Sohar) engineers' services: registering consultancy offices and contractors.

A consultancy office or a construction-contracting company registers with the
municipality before it may submit drawings or build (DOMAIN.md §1, "engineers'
services"). The application follows :data:`ENGINEER_REGISTRATION_WORKFLOW` (document
check, office visit, approval; no published fee, so none is charged [A]);
:func:`register_firm` turns an approved case into a :class:`FirmRegistration`, and
:func:`renew_registration` extends it.

The account types match :mod:`municipal_core.accounts` (``om.consultancy_office``,
``om.contracting_company``). The validity is an argument (default
:data:`DEFAULT_VALIDITY_YEARS`, [A]): the Sohar profile holds no rule for it yet.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.workflow import Actor, apply, new_case
    >>> t = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    >>> wf = ENGINEER_REGISTRATION_WORKFLOW
    >>> case = new_case(wf, "EN-1", at=t)
    >>> for action, role in [("APPLY", "CONSULTANT"), ("FORWARD", "DOCUMENT_VERIFIER"),
    ...                      ("FORWARD", "FIELD_INSPECTOR"), ("APPROVE", "APPROVER")]:
    ...     case = apply(wf, case, action, Actor("u", (role,)), at=t)
    >>> firm = register_firm(case, number="EN-1", kind="om.consultancy_office",
    ...                      cr="1234567", issued_on=dt.date(2026, 1, 2))
    >>> firm.expires_on, firm.cr
    (datetime.date(2027, 1, 1), '1234567')
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core._text import mask_tail
from municipal_core.errors import InvalidFormat
from municipal_core.identifiers.om import commercial_registration
from municipal_core.licensing._licence_common import validity_end
from municipal_core.licensing._om_permits import (
    build_workflow,
    check_number,
    expires_after_issue,
    require_issued,
)
from municipal_core.licensing._violations import normalise_number
from municipal_core.workflow import Case

__all__ = [
    "DEFAULT_VALIDITY_YEARS",
    "ENGINEER_REGISTRATION_WORKFLOW",
    "FirmKind",
    "FirmRegistration",
    "register_firm",
    "renew_registration",
]

_CODE = "licensing.om_engineers"

DEFAULT_VALIDITY_YEARS = 1
"""Years a registration lasts unless the caller says otherwise ([A]: no published rule)."""

ENGINEER_REGISTRATION_WORKFLOW = build_workflow("om.engineers.registration", paid=False)
"""Registration of a consultancy office or contractor: documents, visit, approval."""


class FirmKind(str, enum.Enum):
    """The kinds of firm, named as the account types of ``om-sohar``."""

    CONSULTANCY_OFFICE = "om.consultancy_office"
    CONTRACTING_COMPANY = "om.contracting_company"


def _cr(value: object) -> object:
    if isinstance(value, str) and commercial_registration.is_valid(value):
        return commercial_registration.validate(value)
    return value


def _check_cr(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not commercial_registration.is_valid(value):
        raise InvalidFormat(
            "The firm needs a valid Omani commercial registration number.",
            "يلزم رقم سجل تجاري عُماني صحيح للمنشأة.",
            code=f"{_CODE}.cr",
            field=attribute.name,
        )


@attrs.frozen(repr=False)
class FirmRegistration:
    """A firm's registration with the municipality.

    Attributes:
        number: the registration number.
        kind: consultancy office or contracting company.
        cr: the firm's commercial registration, canonical digits (masked in the repr).
        issued_on: first day of validity.
        expires_on: last day of validity.
    """

    number: str = attrs.field(converter=normalise_number, validator=check_number)
    kind: FirmKind = attrs.field(validator=_checks.type_of(FirmKind, f"{_CODE}.kind"))
    cr: str = attrs.field(converter=_cr, validator=_check_cr)
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))
    expires_on: dt.date = attrs.field(validator=expires_after_issue(_CODE))

    def __repr__(self) -> str:
        return (
            f"FirmRegistration(number={self.number!r}, kind={self.kind.value!r},"
            f" cr={mask_tail(self.cr)!r}, expires_on={self.expires_on!r})"
        )


def _years(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
        raise InvalidFormat(
            "The validity must be 1 to 10 whole years.",
            "يجب أن تكون مدة الصلاحية من 1 إلى 10 سنوات كاملة.",
            code=f"{_CODE}.years",
            field="years",
        )
    return value


def register_firm(
    case: Case,
    *,
    number: str,
    kind: FirmKind | str,
    cr: str,
    issued_on: dt.date,
    years: int = DEFAULT_VALIDITY_YEARS,
) -> FirmRegistration:
    """Return the registration of an approved application.

    Raises:
        DomainRuleError: the case has not been approved (``licensing.om_permit.not_issued``).
        InvalidComponent: an unknown ``kind``.
        InvalidFormat: a bad CR, number, date or ``years``.
    """
    require_issued(ENGINEER_REGISTRATION_WORKFLOW, case, paid=False)
    firm_kind = to_enum(FirmKind, kind, code=f"{_CODE}.kind", field="kind")
    if not isinstance(issued_on, dt.date) or isinstance(issued_on, dt.datetime):
        raise _checks.invalid_type("issued_on", f"{_CODE}.date")
    return FirmRegistration(
        number, firm_kind, cr, issued_on, validity_end(issued_on, _years(years))
    )


def renew_registration(
    registration: FirmRegistration, *, years: int = DEFAULT_VALIDITY_YEARS
) -> FirmRegistration:
    """Return ``registration`` extended by ``years`` from the day after its expiry.

    Examples:
        >>> reg = FirmRegistration("EN-2", FirmKind.CONTRACTING_COMPANY, "1234567",
        ...                        dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        >>> renew_registration(reg, years=2).expires_on
        datetime.date(2028, 12, 31)
    """
    if not isinstance(registration, FirmRegistration):
        raise _checks.invalid_type("registration", f"{_CODE}.registration")
    start = registration.expires_on + dt.timedelta(days=1)
    return attrs.evolve(registration, expires_on=validity_end(start, _years(years)))
