"""Licensing: licences and permits of both portals, violations, complaints, the service catalogue.

* **Violations** (:func:`record_violation` -> :class:`Violation`) recorded against a CR,
  a Saudi unified number or a licence number; :func:`assess` and :func:`amount_due` scale
  the base fine by establishment size, double it on repeat and add the capped daily
  penalty -- every figure a profile rule; :func:`settle` pays them by CR or by violation
  number through the billing engine.
* **Complaints** (:func:`file_complaint` -> :class:`Complaint`): categories with SLAs, a
  :class:`Location` (address, free text or coordinates), the :data:`COMPLAINT_WORKFLOW`
  (assign, resolve or reject, reopen, close with a 1-5 rating) and SLA helpers.

* **Saudi licences**: the commercial-activity licence (:func:`apply_for_licence`,
  :func:`licence_fee`, 90-day renewal window, :func:`renew_licence`, late fine,
  :func:`cancel_licence`), the construction licence (per-m² fee by municipality category,
  3-year validity), revocation when the activity has not started within 12 months
  (:func:`revoke_licence`) and plan approval by engineering offices (:func:`submit_plan`,
  :func:`review_plan` with send-back).
* **Oman municipal licences** (:func:`issue_municipal_licence`, renewal window and late
  fine shared with the Balady licence, :func:`cancel_municipal_licence`).
* **Oman permits**: building permits (:func:`issue_permit`, :func:`permit_fee`,
  :func:`renew_permit`), the permit to start construction, the completion certificate and
  its replacement, service letters, the insurance refund, building addressing and the
  registration of engineering firms -- each with a DIGIT-style workflow
  (:func:`licence_workflow`) that never issues without approval and payment; applications
  left waiting on the applicant lapse (:func:`cases_due_to_expire`).
* **Service catalogue** (:data:`SERVICE_CATALOGUE`, :func:`services`, :func:`service`):
  every e-service of both portals as data, checked by :func:`catalogue_problems`.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
    ...                      recorded_on=dt.date(2026, 3, 1), cr="CR 1234567")
    >>> v.status.value, v.cr
    ('open', '1234567')
"""

from municipal_core.licensing._catalogue import (
    SERVICE_CATALOGUE,
    catalogue_problems,
    document,
    documents,
    fee_schedules,
    service,
    services,
    workflow_registry,
)
from municipal_core.licensing._catalogue_model import (
    Document,
    Printable,
    Service,
    ServiceFamily,
)
from municipal_core.licensing._complaint_categories import (
    ComplaintCategory,
    complaint_categories,
    complaint_category,
)
from municipal_core.licensing._complaint_location import Location
from municipal_core.licensing._complaint_workflow import (
    COMPLAINT_WORKFLOW,
    CONFIRMATION_HOURS,
    OPEN_STATES,
)
from municipal_core.licensing._complaints import (
    Complaint,
    act,
    assign,
    close,
    complaint_due_at,
    file_complaint,
    is_complaint_overdue,
    overdue_complaints,
    reject,
    reopen,
    resolve,
)
from municipal_core.licensing._licence_common import (
    LAPSING_STATES,
    LicenceStatus,
    licence_workflow,
)
from municipal_core.licensing._licence_lapse import cases_due_to_expire, lapses_on
from municipal_core.licensing._om_certificates import (
    ADDRESSING_WORKFLOW,
    CERTIFICATE_REPLACEMENT_WORKFLOW,
    COMPLETION_CERTIFICATE_WORKFLOW,
    INSURANCE_REFUND_WORKFLOW,
    SERVICE_LETTER_WORKFLOW,
    CompletionCertificate,
    LetterKind,
    ServiceLetter,
    assign_address,
    issue_completion_certificate,
    issue_service_letter,
    refund_insurance,
    replace_certificate,
)
from municipal_core.licensing._om_engineers import (
    ENGINEER_REGISTRATION_WORKFLOW,
    FirmKind,
    FirmRegistration,
    register_firm,
    renew_registration,
)
from municipal_core.licensing._om_licence_fees import OM_LICENCE_FEES
from municipal_core.licensing._om_municipal_licence import (
    MUNICIPAL_LICENCE_WORKFLOW,
    MunicipalLicence,
    cancel_municipal_licence,
    issue_municipal_licence,
    municipal_licence_fee,
    municipal_renewal_fee,
    renew_municipal_licence,
)
from municipal_core.licensing._om_permits import (
    BUILDING_PERMIT_WORKFLOW,
    OM_PERMIT_FEES,
    START_CONSTRUCTION_WORKFLOW,
    BuildingPermit,
    PermitKind,
    PermitStatus,
    authorise_start,
    cancel_permit,
    issue_permit,
    permit_fee,
    renew_permit,
)
from municipal_core.licensing._sa_commercial_licence import (
    COMMERCIAL_LICENCE_WORKFLOW,
    SA_LICENCE_FEES,
    CommercialLicence,
    apply_for_licence,
    cancel_licence,
    licence_fee,
    renew_licence,
    renewal_fee,
    renewal_opens_on,
)
from municipal_core.licensing._sa_construction_licence import (
    CONSTRUCTION_FEES,
    CONSTRUCTION_LICENCE_WORKFLOW,
    ConstructionLicence,
    ConstructionStatus,
    complete_construction,
    construction_fee,
    issue_construction_licence,
    renew_construction_licence,
)
from municipal_core.licensing._sa_licence_revocation import (
    is_due_for_revocation,
    record_activity_start,
    revocation_due_on,
    revocation_guards,
    revoke_licence,
)
from municipal_core.licensing._sa_plan_approval import (
    PLAN_APPROVAL_WORKFLOW,
    PlanApproval,
    is_approved,
    review_plan,
    submit_plan,
)
from municipal_core.licensing._violation_categories import (
    VIOLATION_CATEGORIES,
    ViolationCategory,
    violation_categories,
    violation_category,
)
from municipal_core.licensing._violation_fines import (
    FineTerms,
    amount_due,
    assess,
    fine_terms,
    penalty_days,
)
from municipal_core.licensing._violation_settlement import (
    Settlement,
    open_violations,
    settle,
    settlement_breakdown,
)
from municipal_core.licensing._violations import (
    EstablishmentSize,
    Violation,
    ViolationStatus,
    change_status,
    record_violation,
)

__all__ = [
    "ADDRESSING_WORKFLOW",
    "BUILDING_PERMIT_WORKFLOW",
    "CERTIFICATE_REPLACEMENT_WORKFLOW",
    "COMMERCIAL_LICENCE_WORKFLOW",
    "COMPLAINT_WORKFLOW",
    "COMPLETION_CERTIFICATE_WORKFLOW",
    "CONFIRMATION_HOURS",
    "CONSTRUCTION_FEES",
    "CONSTRUCTION_LICENCE_WORKFLOW",
    "ENGINEER_REGISTRATION_WORKFLOW",
    "INSURANCE_REFUND_WORKFLOW",
    "LAPSING_STATES",
    "MUNICIPAL_LICENCE_WORKFLOW",
    "OM_LICENCE_FEES",
    "OM_PERMIT_FEES",
    "OPEN_STATES",
    "PLAN_APPROVAL_WORKFLOW",
    "SA_LICENCE_FEES",
    "SERVICE_CATALOGUE",
    "SERVICE_LETTER_WORKFLOW",
    "START_CONSTRUCTION_WORKFLOW",
    "VIOLATION_CATEGORIES",
    "BuildingPermit",
    "CommercialLicence",
    "Complaint",
    "ComplaintCategory",
    "CompletionCertificate",
    "ConstructionLicence",
    "ConstructionStatus",
    "Document",
    "EstablishmentSize",
    "FineTerms",
    "FirmKind",
    "FirmRegistration",
    "LetterKind",
    "LicenceStatus",
    "Location",
    "MunicipalLicence",
    "PermitKind",
    "PermitStatus",
    "PlanApproval",
    "Printable",
    "Service",
    "ServiceFamily",
    "ServiceLetter",
    "Settlement",
    "Violation",
    "ViolationCategory",
    "ViolationStatus",
    "act",
    "amount_due",
    "apply_for_licence",
    "assess",
    "assign",
    "assign_address",
    "authorise_start",
    "cancel_licence",
    "cancel_municipal_licence",
    "cancel_permit",
    "cases_due_to_expire",
    "catalogue_problems",
    "change_status",
    "close",
    "complaint_categories",
    "complaint_category",
    "complaint_due_at",
    "complete_construction",
    "construction_fee",
    "document",
    "documents",
    "fee_schedules",
    "file_complaint",
    "fine_terms",
    "is_approved",
    "is_complaint_overdue",
    "is_due_for_revocation",
    "issue_completion_certificate",
    "issue_construction_licence",
    "issue_municipal_licence",
    "issue_permit",
    "issue_service_letter",
    "lapses_on",
    "licence_fee",
    "licence_workflow",
    "municipal_licence_fee",
    "municipal_renewal_fee",
    "open_violations",
    "overdue_complaints",
    "penalty_days",
    "permit_fee",
    "record_activity_start",
    "record_violation",
    "refund_insurance",
    "register_firm",
    "reject",
    "renew_construction_licence",
    "renew_licence",
    "renew_municipal_licence",
    "renew_permit",
    "renew_registration",
    "renewal_fee",
    "renewal_opens_on",
    "reopen",
    "replace_certificate",
    "resolve",
    "review_plan",
    "revocation_due_on",
    "revocation_guards",
    "revoke_licence",
    "service",
    "services",
    "settle",
    "settlement_breakdown",
    "submit_plan",
    "violation_categories",
    "violation_category",
    "workflow_registry",
]
