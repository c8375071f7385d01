"""Leases: contracts, terms, rent schedules, fees, renewal, amendment and cancellation.

* **Model**: :class:`LeaseContract` (parties -- :class:`Party` -- with validated civil /
  ID / CR numbers, a :class:`LeasedProperty`, monthly rent, :class:`PaymentFrequency`, an
  inclusive term, deposit, :class:`RentIncrement` changes, :class:`Amendment` supplementary
  contracts, a :class:`Termination`); impossible contracts cannot be built.
* **Term arithmetic**: :func:`term_end`, :func:`term_months`, :func:`months_and_days`,
  :func:`remaining_term`, :func:`overlaps` / :func:`overlap`.
* **Rent**: :func:`total_rent` (the one contract total), :func:`rent_schedule`
  (instalments that always sum to it exactly).
* **Fees** through the billing engine: :func:`registration_fee` (rate effective-dated from
  the profile, late fine after the window), :func:`amendment_fee` on the added value.
* **Lifecycle** (:data:`LEASE_WORKFLOW`): :func:`transition`, :func:`advance`,
  :func:`renew`, :func:`amend`, :func:`cancel`, :func:`renewal_notice_deadline`.
* **Deposit refund**: :func:`settle_deposit` -> :class:`DepositSettlement`.

Examples:
    >>> from datetime import date
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> from municipal_core.money import Money
    >>> lease = LeaseContract.create(
    ...     reference="1/2026", jurisdiction="om-sohar",
    ...     landlord=Party("individual", "سالم", id_kind="om.civil_number", id_number="12345678"),
    ...     tenant=Party("company", "شركة النور", cr_kind="om.commercial_registration",
    ...                  cr="CR1234567"),
    ...     property=LeasedProperty("commercial", "Shop 4"),
    ...     monthly_rent=Money("100", "OMR"), start=date(2026, 1, 1), months=12,
    ...     signed_on=date(2025, 12, 20))
    >>> lease.end, lease.total_rent
    (datetime.date(2026, 12, 31), Money('1200.000', 'OMR'))
    >>> registration_fee(lease, jurisdiction=OM_SOHAR, registered_on=date(2026, 1, 5)).total
    Money('36.000', 'OMR')
    >>> len(rent_schedule(lease)), renewal_notice_deadline(lease, jurisdiction=OM_SOHAR)
    (12, datetime.date(2026, 9, 30))
"""

from municipal_core.leases._contract import (
    MAX_TERM_RULE,
    Amendment,
    LeaseContract,
    LeaseStatus,
    PaymentFrequency,
    Termination,
    overlap,
)
from municipal_core.leases._deposit import (
    Deduction,
    DeductionKind,
    DepositSettlement,
    settle_deposit,
)
from municipal_core.leases._fees import (
    AMENDMENT_FEE,
    LATE_MULTIPLIER_RULE,
    RATE_RULE,
    REGISTRATION_FEE,
    WINDOW_RULE,
    added_value,
    amendment_fee,
    fee_for_rent,
    fee_schedule,
    registration_deadline,
    registration_fee,
)
from municipal_core.leases._increments import (
    IncrementKind,
    MonthRent,
    RentIncrement,
    monthly_rent_on,
    rent_by_month,
    total_rent,
)
from municipal_core.leases._lifecycle import (
    LEASE_WORKFLOW,
    NOTICE_RULE,
    advance,
    amend,
    cancel,
    renew,
    renewal_notice_deadline,
    transition,
)
from municipal_core.leases._parties import Party, PartyKind, PartyRole
from municipal_core.leases._property import LeasedProperty, PropertyUsage
from municipal_core.leases._schedule import Instalment, rent_schedule, schedule
from municipal_core.leases._terms import (
    months_and_days,
    overlaps,
    remaining_term,
    term_end,
    term_months,
)

__all__ = [
    "AMENDMENT_FEE",
    "LATE_MULTIPLIER_RULE",
    "LEASE_WORKFLOW",
    "MAX_TERM_RULE",
    "NOTICE_RULE",
    "RATE_RULE",
    "REGISTRATION_FEE",
    "WINDOW_RULE",
    "Amendment",
    "Deduction",
    "DeductionKind",
    "DepositSettlement",
    "IncrementKind",
    "Instalment",
    "LeaseContract",
    "LeaseStatus",
    "LeasedProperty",
    "MonthRent",
    "Party",
    "PartyKind",
    "PartyRole",
    "PaymentFrequency",
    "PropertyUsage",
    "RentIncrement",
    "Termination",
    "added_value",
    "advance",
    "amend",
    "amendment_fee",
    "cancel",
    "fee_for_rent",
    "fee_schedule",
    "monthly_rent_on",
    "months_and_days",
    "overlap",
    "overlaps",
    "registration_deadline",
    "registration_fee",
    "remaining_term",
    "renew",
    "renewal_notice_deadline",
    "rent_by_month",
    "rent_schedule",
    "schedule",
    "settle_deposit",
    "term_end",
    "term_months",
    "total_rent",
    "transition",
]
