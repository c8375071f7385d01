"""Licensing: violations and fines, complaints (licences and permits are still to come).

* **Violations** (:func:`record_violation` -> :class:`Violation`) recorded against a CR,
  a Saudi unified number or a licence number; :func:`assess` and :func:`amount_due` scale
  the base fine by establishment size, double it on repeat and add the capped daily
  penalty -- every figure a profile rule; :func:`settle` pays them by CR or by violation
  number through the billing engine.
* **Complaints** (:func:`file_complaint` -> :class:`Complaint`): categories with SLAs, a
  :class:`Location` (address, free text or coordinates), the :data:`COMPLAINT_WORKFLOW`
  (assign, resolve or reject, reopen, close with a 1-5 rating) and SLA helpers.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
    ...                      recorded_on=dt.date(2026, 3, 1), cr="CR 1234567")
    >>> v.status.value, v.cr
    ('open', '1234567')
"""

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
    "COMPLAINT_WORKFLOW",
    "CONFIRMATION_HOURS",
    "OPEN_STATES",
    "VIOLATION_CATEGORIES",
    "Complaint",
    "ComplaintCategory",
    "EstablishmentSize",
    "FineTerms",
    "Location",
    "Settlement",
    "Violation",
    "ViolationCategory",
    "ViolationStatus",
    "act",
    "amount_due",
    "assess",
    "assign",
    "change_status",
    "close",
    "complaint_categories",
    "complaint_category",
    "complaint_due_at",
    "file_complaint",
    "fine_terms",
    "is_complaint_overdue",
    "open_violations",
    "overdue_complaints",
    "penalty_days",
    "record_violation",
    "reject",
    "reopen",
    "resolve",
    "settle",
    "settlement_breakdown",
    "violation_categories",
    "violation_category",
]
