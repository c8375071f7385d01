"""Oman (Sohar) building permits: their workflows, their fees and the permit itself.

Sohar's portal offers a **permit to start construction** (تصريح الشروع ببناء) and a
**major building permit** (إصدار إباحة بناء كبرى); minor works get a minor permit
(DOMAIN.md §1, §5). Each application is a workflow :class:`~municipal_core.workflow.Case`
in the spirit of eGov DIGIT (DOMAIN.md §7)::

    DRAFT -APPLY-> DOCUMENT_VERIFICATION -FORWARD-> FIELD_INSPECTION -FORWARD->
    PENDING_APPROVAL -APPROVE-> PENDING_PAYMENT -PAY-> ISSUED

with ``SEND_BACK``/``RESUBMIT`` to the applicant, ``REJECT`` (with a ``reason``) and
``CANCEL`` by the applicant; services without a fee go from ``APPROVE`` straight to
``ISSUED``. The shape is the licences' own (``_licence_common.licence_workflow``), with
``ISSUED`` terminal: the case is the application, the permit keeps its own status.

A :class:`BuildingPermit` is only made by :func:`issue_permit`, from a case that
reached ``ISSUED`` through ``APPROVE`` and ``PAY``; its validity is a profile rule
(``permit.major.validity_years`` 2, ``permit.minor.validity_years`` 1 [C]) and
:func:`renew_permit` extends it by the same period again. Fees are the rules of
``OM_PERMIT_FEES`` (in ``_om_permit_fees``, re-exported here), worked out by the billing
engine (:func:`permit_fee`). An application left unpaid or sent back and not corrected
lapses: ``EXPIRE`` by ``SYSTEM`` after ``application.lapse_days`` (``_licence_lapse``).

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> fee = permit_fee(PermitKind.MAJOR, Decimal(650), jurisdiction=OM_SOHAR,
    ...                  on=dt.date(2026, 3, 1))
    >>> [(line.code, str(line.amount.amount)) for line in fee.lines]
    [('om.permit.application', '0.100'), ('om.permit.major', '5.000'), ('om.permit.area', '5.000')]
    >>> fee.total
    Money('10.100', 'OMR')
    >>> [s.name for s in BUILDING_PERMIT_WORKFLOW.states if s.is_terminal]
    ['ISSUED', 'REJECTED', 'CANCELLED', 'EXPIRED']
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core._text import mask_tail
from municipal_core.billing import FeeBreakdown, FeeRequest, FeeSchedule, calculate
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidFormat,
)
from municipal_core.identifiers.om import address as om_address
from municipal_core.identifiers.om import civil_number, commercial_registration
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing._licence_common import licence_workflow, rule_count, validity_end
from municipal_core.licensing._om_permit_fees import OM_PERMIT_FEES
from municipal_core.licensing._violations import normalise_number
from municipal_core.money import Money
from municipal_core.workflow import Case, WorkflowDefinition

__all__ = [
    "APPLICANT_ROLES",
    "BUILDING_PERMIT_WORKFLOW",
    "OM_PERMIT_FEES",
    "START_CONSTRUCTION_WORKFLOW",
    "BuildingPermit",
    "PermitKind",
    "PermitStatus",
    "authorise_start",
    "build_workflow",
    "cancel_permit",
    "check_number",
    "expires_after_issue",
    "issue_permit",
    "permit_fee",
    "renew_permit",
    "require_issued",
]

_CODE = "licensing.om_permit"

APPLICANT_ROLES = ("CITIZEN", "CONSULTANT")
"""Who may apply: the owner, or the consultancy office acting for the owner ([A])."""


def build_workflow(name: str, *, paid: bool = True, inspection: bool = True) -> WorkflowDefinition:
    """Return the DIGIT-style workflow of one Sohar service (the shared licence shape).

    ``ISSUED`` is terminal: the case is the application, and the document it yields
    keeps its own status (a permit's expiry is a date on the permit, not a case state).
    An application waiting on its applicant (payment, correction) lapses: ``EXPIRE``.

    Examples:
        >>> wf = build_workflow("om.demo", paid=False, inspection=False)
        >>> [a.name for a in wf.actions_from("PENDING_APPROVAL")]
        ['APPROVE', 'REJECT', 'SEND_BACK']
        >>> wf.move("PENDING_APPROVAL", "APPROVE")[0].to_state
        'ISSUED'
    """
    return licence_workflow(
        name,
        applicant_roles=APPLICANT_ROLES,
        inspection=inspection,
        payment=paid,
        expires=False,
        lapses=True,
    )


START_CONSTRUCTION_WORKFLOW = build_workflow("om.permit.start_construction", paid=False)
"""Permit to start construction (تصريح الشروع ببناء): review and a site visit; no fee
of its own is published, so none is charged ([A]; add a rule and use a paid workflow)."""

BUILDING_PERMIT_WORKFLOW = build_workflow("om.permit.building")
"""Building permit (إباحة بناء), major or minor: review, site visit, approval, payment."""


class PermitKind(str, enum.Enum):
    """Major (new buildings) or minor (small works) building permit."""

    MAJOR = "major"
    MINOR = "minor"

    @property
    def validity_rule(self) -> str:
        """The profile rule giving this kind's validity in years.

        Examples:
            >>> PermitKind.MINOR.validity_rule
            'permit.minor.validity_years'
        """
        return f"permit.{self.value}.validity_years"


class PermitStatus(str, enum.Enum):
    """A permit's own state once issued (the application's state lives in its case)."""

    VALID = "valid"
    COMPLETED = "completed"
    """A completion certificate was issued against it."""
    CANCELLED = "cancelled"


def permit_fee(
    kind: PermitKind | str,
    built_area_m2: Decimal,
    *,
    jurisdiction: Jurisdiction,
    on: dt.date,
    schedule: FeeSchedule = OM_PERMIT_FEES,
) -> FeeBreakdown:
    """Return the fee of a building permit: application + permit + area above 400 m².

    A minor permit is charged the application fee and its own flat fee, no area.

    Raises:
        InvalidComponent: an unknown ``kind``.
        ValidationError: a negative or non-Decimal area (billing's checks).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> permit_fee("minor", Decimal(80), jurisdiction=OM_SOHAR,
        ...            on=dt.date(2026, 1, 1)).total
        Money('2.100', 'OMR')
    """
    kind = to_enum(PermitKind, kind, code=f"{_CODE}.kind", field="kind")
    if kind is PermitKind.MINOR:
        requests: list[str | FeeRequest] = ["om.permit.application", "om.permit.minor"]
    else:
        area = FeeRequest("om.permit.area", quantity=built_area_m2)
        requests = ["om.permit.application", "om.permit.major", area]
    return calculate(schedule, requests, on=on, jurisdiction=jurisdiction)


def require_issued(definition: WorkflowDefinition, case: Case, *, paid: bool = True) -> None:
    """Raise unless ``case`` reached ``ISSUED`` in ``definition`` through APPROVE (and PAY).

    Every document of this package is made from a case that passed this check, so no
    permit or certificate exists without approval and, where a fee applies, payment.

    Raises:
        InvalidFormat: ``case`` is not a Case (code ``licensing.om_permit.case.type``).
        DomainRuleError: the case follows another workflow, is not issued, or its history
            lacks the approval or payment (code ``licensing.om_permit.not_issued``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(BUILDING_PERMIT_WORKFLOW, "BP-1",
        ...                 at=datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> require_issued(BUILDING_PERMIT_WORKFLOW, case)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'BP-1' has not been issued.
    """
    if not isinstance(case, Case):
        raise _checks.invalid_type("case", f"{_CODE}.case")
    actions = {entry.action for entry in case.history}
    needed = {"APPROVE", "PAY"} if paid else {"APPROVE"}
    if case.workflow != definition.name or case.state != "ISSUED" or not needed <= actions:
        raise DomainRuleError(
            f"Application {case.id!r} has not been issued.",
            f"لم يصدر الطلب {case.id!r} بعد.",
            code=f"{_CODE}.not_issued",
            field="case",
        )


_PERMIT_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9/-]{0,39}")


def check_number(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """Attrs validator: a document number of 1-40 letters, digits, ``-`` or ``/``."""
    if not isinstance(value, str) or not _PERMIT_NUMBER.fullmatch(value):
        raise InvalidFormat(
            f"{attribute.name} must be 1 to 40 letters, digits, '-' or '/'.",
            f"يجب أن يتكون {attribute.name} من 1 إلى 40 حرفًا أو رقمًا أو '-' أو '/'.",
            code=f"{_CODE}.number",
            field=attribute.name,
        )


def _applicant(value: object) -> object:
    """Return a civil number or CR in canonical form; keep the rest for the validator."""
    if not isinstance(value, str):
        return value
    for module in (civil_number, commercial_registration):
        if module.is_valid(value):
            return module.validate(value)
    return value


def _check_applicant(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not (
        civil_number.is_valid(value) or commercial_registration.is_valid(value)
    ):
        raise InvalidFormat(
            "The applicant must be an Omani civil number or commercial registration number.",
            "يجب أن يكون مقدم الطلب رقمًا مدنيًا عُمانيًا أو رقم سجل تجاري.",
            code=f"{_CODE}.applicant",
            field=attribute.name,
        )


def expires_after_issue(code: str) -> Callable[[Any, object, dt.date], None]:
    """Return an attrs validator: ``expires_on`` is a date after the instance's ``issued_on``.

    Examples:
        >>> check = expires_after_issue("demo")
        >>> check(None, None, "2026-01-01")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The expires_on must be a date.
    """

    def check(instance: Any, _attribute: object, value: dt.date) -> None:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidFormat(
                "The expires_on must be a date.",
                "يجب أن يكون expires_on تاريخًا.",
                code=f"{code}.date",
                field="expires_on",
            )
        if value <= instance.issued_on:
            raise DomainRuleError(
                "The expiry must come after the day of issue.",
                "يجب أن يكون تاريخ الانتهاء بعد تاريخ الإصدار.",
                code=f"{code}.dates",
                field="expires_on",
            )

    return check


def _plot(value: object) -> object:
    return normalise_number(value)


@attrs.frozen(repr=False)
class BuildingPermit:
    """An issued Omani building permit.

    Attributes:
        number: the permit number (letters, digits, ``-``, ``/``).
        kind: major or minor.
        applicant: the owner's civil number or the company's CR, canonical digits.
        plot: the plot number on the title deed / Krooki.
        address: the building's address (MD 200/2024), when it already has one.
        built_area_m2: the built area in m², positive.
        issued_on: day of issue.
        expires_on: last day of validity.
        deposit: the insurance paid with the permit, refunded after completion.
        status: valid, completed or cancelled.
        renewals: how many times it was renewed.
        started_on: the day works may start, set by :func:`authorise_start` (the permit
            to start construction), or ``None``.

    The repr masks the applicant's number, so logs never hold it whole.
    """

    number: str = attrs.field(converter=normalise_number, validator=check_number)
    kind: PermitKind = attrs.field(validator=_checks.type_of(PermitKind, f"{_CODE}.kind"))
    applicant: str = attrs.field(converter=_applicant, validator=_check_applicant)
    plot: str = attrs.field(converter=_plot, validator=check_number)
    address: om_address.OmanAddress | None = attrs.field(
        validator=_checks.type_of(om_address.OmanAddress, f"{_CODE}.address", optional=True)
    )
    built_area_m2: Decimal = attrs.field(
        validator=_checks.decimal_range(f"{_CODE}.area", minimum=Decimal("0.01"))
    )
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))
    expires_on: dt.date = attrs.field(validator=expires_after_issue(_CODE))
    deposit: Money = attrs.field(validator=_checks.money(f"{_CODE}.deposit"))
    status: PermitStatus = attrs.field(
        default=PermitStatus.VALID, validator=_checks.type_of(PermitStatus, f"{_CODE}.status")
    )
    renewals: int = attrs.field(default=0, validator=_checks.type_of(int, f"{_CODE}.renewals"))
    started_on: dt.date | None = attrs.field(
        default=None, validator=_checks.type_of(dt.date, f"{_CODE}.date", optional=True)
    )

    def __repr__(self) -> str:
        return (
            f"BuildingPermit(number={self.number!r}, kind={self.kind.value!r},"
            f" applicant={mask_tail(self.applicant)!r}, expires_on={self.expires_on!r},"
            f" status={self.status.value!r})"
        )


def _validity_end(
    start: dt.date, kind: PermitKind, jurisdiction: Jurisdiction, on: dt.date
) -> dt.date:
    # The last valid day is the day before the anniversary (2026-03-01 -> 2028-02-29).
    return validity_end(start, rule_count(jurisdiction, kind.validity_rule, on))


def issue_permit(
    case: Case,
    *,
    number: str,
    kind: PermitKind | str,
    applicant: str,
    plot: str,
    built_area_m2: Decimal,
    issued_on: dt.date,
    jurisdiction: Jurisdiction,
    deposit: Money,
    address: om_address.OmanAddress | None = None,
) -> BuildingPermit:
    """Return the permit of an application that was approved and paid.

    The validity comes from the profile rule of the kind, in force on ``issued_on``.

    Raises:
        DomainRuleError: the case is not issued (see :func:`require_issued`).
        ValidationError: a field is invalid.
        NotFound: the profile has no validity rule for the kind.
        CurrencyMismatch: the deposit is not in the profile's currency.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.workflow import new_case
        >>> unpaid = new_case(BUILDING_PERMIT_WORKFLOW, "BP-2",
        ...                   at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> issue_permit(unpaid, number="BP-2", kind="major", applicant="12345678",
        ...              plot="221", built_area_m2=Decimal(500), issued_on=dt.date(2026, 1, 5),
        ...              jurisdiction=OM_SOHAR, deposit=Money("100", "OMR"))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'BP-2' has not been issued.
    """
    require_issued(BUILDING_PERMIT_WORKFLOW, case)
    kind = to_enum(PermitKind, kind, code=f"{_CODE}.kind", field="kind")
    if not isinstance(issued_on, dt.date) or isinstance(issued_on, dt.datetime):
        raise _checks.invalid_type("issued_on", f"{_CODE}.date")
    expires_on = _validity_end(issued_on, kind, jurisdiction, issued_on)
    if isinstance(deposit, Money) and deposit.currency != jurisdiction.currency:
        raise CurrencyMismatch(
            f"The deposit must be in {jurisdiction.currency.code}.",
            f"يجب أن يكون التأمين بعملة {jurisdiction.currency.code}.",
            code=f"{_CODE}.currency",
            field="deposit",
        )
    return BuildingPermit(
        number=number,
        kind=kind,
        applicant=applicant,
        plot=plot,
        address=address,
        built_area_m2=built_area_m2,
        issued_on=issued_on,
        expires_on=expires_on,
        deposit=deposit,
    )


def _require_valid(permit: object, done_en: str, verb_ar: str, code: str) -> None:
    if not isinstance(permit, BuildingPermit):
        raise _checks.invalid_type("permit", f"{_CODE}.permit")
    if permit.status is not PermitStatus.VALID:
        raise DomainRuleError(
            f"A {permit.status.value} permit cannot be {done_en}.",
            f"لا يمكن {verb_ar} تصريح منجز أو ملغى.",
            code=f"{_CODE}.{code}",
            field="permit",
        )


def renew_permit(
    permit: BuildingPermit, *, jurisdiction: Jurisdiction, on: dt.date
) -> BuildingPermit:
    """Return ``permit`` renewed for the same period again, counted from its expiry.

    Raises:
        InvalidFormat: ``permit`` is not a BuildingPermit.
        DomainRuleError: the permit is completed or cancelled (code
            ``licensing.om_permit.not_renewable``).

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> permit = BuildingPermit("BP-3", PermitKind.MINOR, "12345678", "221", None,
        ...     Decimal(60), dt.date(2026, 1, 5), dt.date(2027, 1, 4), Money("50", "OMR"))
        >>> renew_permit(permit, jurisdiction=OM_SOHAR, on=dt.date(2027, 1, 1)).expires_on
        datetime.date(2028, 1, 4)
    """
    _require_valid(permit, "renewed", "تجديد", "not_renewable")
    start = permit.expires_on + dt.timedelta(days=1)
    return attrs.evolve(
        permit,
        expires_on=_validity_end(start, permit.kind, jurisdiction, on),
        renewals=permit.renewals + 1,
    )


def authorise_start(case: Case, permit: BuildingPermit, *, on: dt.date) -> BuildingPermit:
    """Return ``permit`` with works authorised to start on ``on`` (تصريح الشروع ببناء).

    The permit to start construction rests on a valid building permit: ``on`` must fall
    within its validity, and works start once.

    Raises:
        DomainRuleError: the case is not issued (``licensing.om_permit.not_issued``); the
            permit is not valid, ``on`` is outside its validity, or works already started
            (``licensing.om_permit.start``).
        InvalidFormat: not a permit, or ``on`` not a date.

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(START_CONSTRUCTION_WORKFLOW, "SC-1",
        ...                 at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> authorise_start(case, None, on=dt.date(2026, 1, 2))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'SC-1' has not been issued.
    """
    require_issued(START_CONSTRUCTION_WORKFLOW, case, paid=False)
    if not isinstance(permit, BuildingPermit):
        raise _checks.invalid_type("permit", f"{_CODE}.permit")
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise _checks.invalid_type("on", f"{_CODE}.date")
    if (
        permit.status is not PermitStatus.VALID
        or permit.started_on is not None
        or not permit.issued_on <= on <= permit.expires_on
    ):
        raise DomainRuleError(
            "Works may start once, within the validity of a valid permit.",
            "يجوز الشروع في البناء مرة واحدة خلال مدة سريان تصريح ساري.",
            code=f"{_CODE}.start",
            field="permit",
        )
    return attrs.evolve(permit, started_on=on)


def cancel_permit(permit: BuildingPermit) -> BuildingPermit:
    """Return ``permit`` cancelled (e.g. after 60 days of unpaid violation penalties, §5).

    Raises:
        InvalidFormat: ``permit`` is not a BuildingPermit.
        DomainRuleError: the permit is already completed or cancelled
            (``licensing.om_permit.not_cancellable``).

    Examples:
        >>> permit = BuildingPermit("BP-4", PermitKind.MINOR, "12345678", "221", None,
        ...     Decimal(60), dt.date(2026, 1, 5), dt.date(2027, 1, 4), Money("50", "OMR"))
        >>> cancel_permit(permit).status.value
        'cancelled'
    """
    _require_valid(permit, "cancelled", "إلغاء", "not_cancellable")
    return attrs.evolve(permit, status=PermitStatus.CANCELLED)
