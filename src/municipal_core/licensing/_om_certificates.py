"""Oman (Sohar) after the permit: completion certificate, letters, refund, addressing.

Each service is a workflow (built like the permit ones, see
:func:`~municipal_core.licensing._om_permits.build_workflow`) and a function that turns
an issued case into the document, checking the chain of prerequisites (DOMAIN.md §5):

* :func:`issue_completion_certificate` needs a valid :class:`BuildingPermit` and marks it
  completed; :func:`replace_certificate` (a lost one) needs an issued certificate;
* :func:`issue_service_letter` -- electricity, water or sewerage letters need a permit;
  the **completion letter** for electricity and water needs a certificate;
* :func:`refund_insurance` -- only after completion: the permit's deposit, less any
  deductions, as a :class:`~municipal_core.leases.DepositSettlement` (the lease deposit
  statement fits a permit deposit as it is);
* :func:`assign_address` -- the addressing request adds an address (MD 200/2024) to the
  building of a permit that has none.

Examples:
    >>> [a.name for a in INSURANCE_REFUND_WORKFLOW.actions_from("PENDING_APPROVAL")]
    ['APPROVE', 'REJECT', 'SEND_BACK']
    >>> COMPLETION_CERTIFICATE_WORKFLOW.move("PENDING_PAYMENT", "PAY")[0].to_state
    'ISSUED'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core.errors import DomainRuleError, InvalidFormat
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.leases import Deduction, DepositSettlement, settle_deposit
from municipal_core.licensing._om_permits import (
    BuildingPermit,
    PermitStatus,
    build_workflow,
    check_number,
    require_issued,
)
from municipal_core.licensing._violations import normalise_number
from municipal_core.workflow import Case

__all__ = [
    "ADDRESSING_WORKFLOW",
    "CERTIFICATE_REPLACEMENT_WORKFLOW",
    "COMPLETION_CERTIFICATE_WORKFLOW",
    "INSURANCE_REFUND_WORKFLOW",
    "SERVICE_LETTER_WORKFLOW",
    "CompletionCertificate",
    "LetterKind",
    "ServiceLetter",
    "assign_address",
    "issue_completion_certificate",
    "issue_service_letter",
    "refund_insurance",
    "replace_certificate",
]

_CODE = "licensing.om_certificate"

COMPLETION_CERTIFICATE_WORKFLOW = build_workflow("om.certificate.completion")
"""Building completion certificate: documents, final site inspection, approval, payment."""

CERTIFICATE_REPLACEMENT_WORKFLOW = build_workflow("om.certificate.replacement", inspection=False)
"""Replacement of a lost completion certificate: a desk check and payment, no visit."""

SERVICE_LETTER_WORKFLOW = build_workflow("om.letter.service", inspection=False)
"""Service letters (electricity, water, sewerage) and the completion letter."""

INSURANCE_REFUND_WORKFLOW = build_workflow("om.insurance_refund", paid=False, inspection=False)
"""Refund of the insurance (deposit) paid with a permit; no fee."""

ADDRESSING_WORKFLOW = build_workflow("om.addressing", paid=False)
"""Building addressing request: a site visit fixes the address number; no fee ([A])."""


def _check_permit(permit: object, *, valid: bool) -> BuildingPermit:
    if not isinstance(permit, BuildingPermit):
        raise _checks.invalid_type("permit", f"{_CODE}.permit")
    if permit.status is PermitStatus.CANCELLED or (
        valid and permit.status is not PermitStatus.VALID
    ):
        raise DomainRuleError(
            f"The permit is {permit.status.value}; this service needs a valid permit.",
            "التصريح منجز أو ملغى؛ تتطلب هذه الخدمة تصريحًا ساريًا.",
            code=f"{_CODE}.permit_status",
            field="permit",
        )
    return permit


def _check_day(value: object, after: dt.date, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _checks.invalid_type(field, f"{_CODE}.date")
    if value < after:
        raise DomainRuleError(
            "A document cannot be dated before the document it rests on.",
            "لا يجوز أن يسبق تاريخ المستند تاريخ المستند الذي يستند إليه.",
            code=f"{_CODE}.date_order",
            field=field,
        )
    return value


_optional_number = attrs.validators.optional(check_number)


def _optional(value: object) -> object:
    return None if value is None else normalise_number(value)


@attrs.frozen
class CompletionCertificate:
    """A building completion certificate.

    Attributes:
        number: the certificate number.
        permit_number: the permit the building was built under.
        issued_on: day of issue.
        replaces: the number of the lost certificate this one replaces, if any.
    """

    number: str = attrs.field(converter=normalise_number, validator=check_number)
    permit_number: str = attrs.field(converter=normalise_number, validator=check_number)
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))
    replaces: str | None = attrs.field(
        default=None, converter=_optional, validator=_optional_number
    )

    def __attrs_post_init__(self) -> None:
        if self.replaces == self.number:
            raise DomainRuleError(
                "A replacement certificate needs a number of its own.",
                "تحتاج شهادة بدل الفاقد إلى رقم خاص بها.",
                code=f"{_CODE}.same_number",
                field="number",
            )


def issue_completion_certificate(
    case: Case, permit: BuildingPermit, *, number: str, issued_on: dt.date
) -> tuple[CompletionCertificate, BuildingPermit]:
    """Return the certificate of an approved and paid case, and the permit marked completed.

    Raises:
        DomainRuleError: the case is not issued; the permit is not valid
            (``licensing.om_certificate.permit_status``); ``issued_on`` is before the permit.

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(COMPLETION_CERTIFICATE_WORKFLOW, "CC-1",
        ...                 at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> issue_completion_certificate(case, None, number="CC-1", issued_on=dt.date(2026, 1, 2))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'CC-1' has not been issued.
    """
    require_issued(COMPLETION_CERTIFICATE_WORKFLOW, case)
    permit = _check_permit(permit, valid=True)
    day = _check_day(issued_on, permit.issued_on, "issued_on")
    certificate = CompletionCertificate(number, permit.number, day)
    return certificate, attrs.evolve(permit, status=PermitStatus.COMPLETED)


def _check_certificate(certificate: object) -> CompletionCertificate:
    if not isinstance(certificate, CompletionCertificate):
        raise _checks.invalid_type("certificate", f"{_CODE}.certificate")
    return certificate


def replace_certificate(
    case: Case, certificate: CompletionCertificate, *, number: str, issued_on: dt.date
) -> CompletionCertificate:
    """Return a replacement for a lost ``certificate``, from an approved and paid case.

    Raises:
        InvalidFormat: ``certificate`` is not a CompletionCertificate (no certificate, no
            replacement).
        DomainRuleError: the case is not issued; the new number is the old one
            (``licensing.om_certificate.same_number``); ``issued_on`` is before the old one.
    """
    require_issued(CERTIFICATE_REPLACEMENT_WORKFLOW, case)
    old = _check_certificate(certificate)
    day = _check_day(issued_on, old.issued_on, "issued_on")
    return CompletionCertificate(number, old.permit_number, day, replaces=old.number)


class LetterKind(str, enum.Enum):
    """What a service letter is for."""

    ELECTRICITY = "electricity"
    WATER = "water"
    SEWERAGE = "sewerage"
    COMPLETION = "completion"
    """The completion letter to the electricity and water companies; needs a certificate."""


@attrs.frozen
class ServiceLetter:
    """A letter to a utility about a building.

    Attributes:
        number: the letter number.
        kind: electricity, water, sewerage, or the completion letter.
        permit_number: the building's permit.
        certificate_number: the completion certificate (the completion letter only).
        issued_on: day of issue.
    """

    number: str = attrs.field(converter=normalise_number, validator=check_number)
    kind: LetterKind = attrs.field(validator=_checks.type_of(LetterKind, f"{_CODE}.kind"))
    permit_number: str = attrs.field(converter=normalise_number, validator=check_number)
    certificate_number: str | None = attrs.field(converter=_optional, validator=_optional_number)
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))

    def __attrs_post_init__(self) -> None:
        # The completion letter cites the certificate; the other letters have none to cite.
        if (self.kind is LetterKind.COMPLETION) != (self.certificate_number is not None):
            raise InvalidFormat(
                "Only the completion letter, and always it, names a certificate.",
                "رسالة الإتمام وحدها تذكر رقم الشهادة، ويجب أن تذكره.",
                code=f"{_CODE}.letter_certificate",
                field="certificate_number",
            )


def _check_pair(permit: BuildingPermit, certificate: CompletionCertificate) -> None:
    if certificate.permit_number != permit.number:
        raise DomainRuleError(
            "The certificate belongs to another permit.",
            "الشهادة تخص تصريحًا آخر.",
            code=f"{_CODE}.mismatch",
            field="certificate",
        )


def issue_service_letter(
    case: Case,
    kind: LetterKind | str,
    *,
    permit: BuildingPermit,
    number: str,
    issued_on: dt.date,
    certificate: CompletionCertificate | None = None,
) -> ServiceLetter:
    """Return a service letter from an approved and paid case.

    The completion letter needs the building's completion certificate; the others need
    a permit that is not cancelled.

    Raises:
        InvalidComponent: an unknown ``kind``.
        InvalidFormat: a completion letter without a certificate.
        DomainRuleError: the case is not issued, the permit is cancelled, or the
            certificate belongs to another permit (``licensing.om_certificate.mismatch``).

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(SERVICE_LETTER_WORKFLOW, "SL-1",
        ...                 at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> issue_service_letter(case, "gas", permit=None, number="SL-1",
        ...                      issued_on=dt.date(2026, 1, 2))
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The value must be one of: electricity, ...
    """
    kind = to_enum(LetterKind, kind, code=f"{_CODE}.kind", field="kind")
    require_issued(SERVICE_LETTER_WORKFLOW, case)
    checked = _check_permit(permit, valid=False)
    after = checked.issued_on
    cert_number = None
    if kind is LetterKind.COMPLETION:
        cert = _check_certificate(certificate)
        _check_pair(checked, cert)
        after, cert_number = cert.issued_on, cert.number
    day = _check_day(issued_on, after, "issued_on")
    return ServiceLetter(number, kind, checked.number, cert_number, day)


def refund_insurance(
    case: Case,
    permit: BuildingPermit,
    certificate: CompletionCertificate,
    deductions: Iterable[Deduction] = (),
) -> DepositSettlement:
    """Return the refund statement of a permit's deposit, after completion.

    Raises:
        DomainRuleError: the case is not issued; the permit is not completed
            (``licensing.om_certificate.not_completed``); the certificate is another
            permit's.
        InvalidFormat: not a permit, a certificate or deductions.

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(INSURANCE_REFUND_WORKFLOW, "IR-1",
        ...                 at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> refund_insurance(case, None, None)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'IR-1' has not been issued.
    """
    require_issued(INSURANCE_REFUND_WORKFLOW, case, paid=False)
    checked = _check_permit(permit, valid=False)
    _check_pair(checked, _check_certificate(certificate))
    if checked.status is not PermitStatus.COMPLETED:
        raise DomainRuleError(
            "The insurance is refunded only after the building is completed.",
            "لا يُرد التأمين إلا بعد إتمام البناء.",
            code=f"{_CODE}.not_completed",
            field="permit",
        )
    return settle_deposit(checked.deposit, deductions)


def assign_address(case: Case, permit: BuildingPermit, address: OmanAddress) -> BuildingPermit:
    """Return ``permit`` with its building's new address, from an approved request.

    Raises:
        DomainRuleError: the case is not issued; the permit is cancelled; the building
            already has an address (``licensing.om_certificate.has_address``).
        InvalidFormat: ``address`` is not an OmanAddress.

    Examples:
        >>> from municipal_core.workflow import new_case
        >>> case = new_case(ADDRESSING_WORKFLOW, "AD-1",
        ...                 at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        >>> assign_address(case, None, None)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: Application 'AD-1' has not been issued.
    """
    require_issued(ADDRESSING_WORKFLOW, case, paid=False)
    checked = _check_permit(permit, valid=False)
    if not isinstance(address, OmanAddress):
        raise _checks.invalid_type("address", f"{_CODE}.address")
    if checked.address is not None:
        raise DomainRuleError(
            "The building already has an address.",
            "للمبنى عنوان مسجل بالفعل.",
            code=f"{_CODE}.has_address",
            field="permit",
        )
    return attrs.evolve(checked, address=address)
