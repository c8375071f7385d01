"""The :class:`Builder`: a :class:`BuildContext` with one thin method per builder function.

The work is done by the plain functions of the ``_*_builders`` modules, each taking a
context; a method here only passes ``self`` along, so a test can write
``builder.lease(months=24)`` and the functions stay small, separate and testable alone.

Examples:
    >>> builder = Builder(seed=7)
    >>> builder.lease() == Builder(seed=7).lease()
    True
    >>> builder.lease(jurisdiction="sa-balady").monthly_rent.currency.code
    'SAR'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from municipal_core.accounts._account import Account
from municipal_core.accounts._names import PersonName
from municipal_core.accounts._registration import RegistrationForm
from municipal_core.billing._invoices import Invoice, Payer
from municipal_core.billing._payments import Payment, Receipt
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.leases._contract import LeaseContract
from municipal_core.leases._parties import Party, PartyKind
from municipal_core.licensing._complaints import Complaint
from municipal_core.licensing._om_certificates import CompletionCertificate
from municipal_core.licensing._om_permits import BuildingPermit
from municipal_core.licensing._sa_commercial_licence import CommercialLicence
from municipal_core.licensing._sa_construction_licence import ConstructionLicence
from municipal_core.licensing._sa_plan_approval import PlanApproval
from municipal_core.licensing._violations import Violation
from municipal_core.testing import _account_builders as accounts
from municipal_core.testing import _address_builders as addresses
from municipal_core.testing import _billing_builders as billing
from municipal_core.testing import _generators as gen
from municipal_core.testing import _lease_builders as leases
from municipal_core.testing import _om_permit_builders as om_permits
from municipal_core.testing import _report_builders as reports
from municipal_core.testing import _sa_licence_builders as sa_licences
from municipal_core.testing._case_builders import build_case
from municipal_core.testing._context import BuildContext
from municipal_core.testing._transaction_builders import build_transaction
from municipal_core.workflow import Case, WorkflowDefinition

if TYPE_CHECKING:
    from municipal_core.registry._transaction import Transaction

__all__ = ["Builder"]


@attrs.define
class Builder(BuildContext):
    """Valid, deterministic test objects: ``Builder(seed=0, jurisdiction="om-sohar", clock=None)``.

    Every method returns a new valid object, takes any field of it as a keyword override
    and builds its related objects consistently (a lease's parties carry identifiers of
    its jurisdiction). The same seed and the same calls give equal objects.

    Examples:
        >>> b = Builder(seed=1, jurisdiction="sa-balady")
        >>> b.account().account_type, b.violation().cr_kind
        ('sa.citizen', 'sa.commercial_registration')
    """

    def name(self, gender: gen.Gender | str | None = None) -> PersonName:
        """A four-part Arabic name with its Latin rendering (see ``person_name``)."""
        return gen.person_name(self.rng, gender=gender)

    def registration_form(self, **overrides: Any) -> RegistrationForm:
        """A valid registration form (see ``build_registration_form``)."""
        return accounts.build_registration_form(self, **overrides)

    def account(self, **overrides: Any) -> Account:
        """A registered and activated account (see ``build_account``)."""
        return accounts.build_account(self, **overrides)

    def address(self, **overrides: Any) -> OmanAddress | NationalAddress:
        """An address of the jurisdiction's country (see ``build_address``)."""
        return addresses.build_address(self, **overrides)

    def party(self, kind: PartyKind | str = PartyKind.INDIVIDUAL, **overrides: Any) -> Party:
        """A lease party (see ``build_party``)."""
        return leases.build_party(self, kind, **overrides)

    def lease(self, **overrides: Any) -> LeaseContract:
        """A draft lease (see ``build_lease``)."""
        return leases.build_lease(self, **overrides)

    def case(self, definition: WorkflowDefinition, state: str = "ISSUED") -> Case:
        """A workflow case walked to ``state`` (see ``build_case``)."""
        return build_case(self, definition, state=state)

    def commercial_licence(self, **overrides: Any) -> CommercialLicence:
        """A Saudi commercial-activity licence (see ``build_commercial_licence``)."""
        return sa_licences.build_commercial_licence(self, **overrides)

    def construction_licence(self, **overrides: Any) -> ConstructionLicence:
        """A Saudi construction licence (see ``build_construction_licence``)."""
        return sa_licences.build_construction_licence(self, **overrides)

    def plan_approval(self, **overrides: Any) -> PlanApproval:
        """A Saudi plan submitted for approval (see ``build_plan_approval``)."""
        return sa_licences.build_plan_approval(self, **overrides)

    def building_permit(self, **overrides: Any) -> BuildingPermit:
        """An Omani building permit (see ``build_building_permit``)."""
        return om_permits.build_building_permit(self, **overrides)

    def completion_certificate(self, **overrides: Any) -> CompletionCertificate:
        """An Omani completion certificate (see ``build_completion_certificate``)."""
        return om_permits.build_completion_certificate(self, **overrides)

    def violation(self, **overrides: Any) -> Violation:
        """An open violation (see ``build_violation``)."""
        return reports.build_violation(self, **overrides)

    def complaint(self, **overrides: Any) -> Complaint:
        """A complaint just filed (see ``build_complaint``)."""
        return reports.build_complaint(self, **overrides)

    def payer(self, **overrides: Any) -> Payer:
        """An invoice payer (see ``build_payer``)."""
        return billing.build_payer(self, **overrides)

    def invoice(self, **overrides: Any) -> Invoice:
        """An open invoice (see ``build_invoice``)."""
        return billing.build_invoice(self, **overrides)

    def payment(self, invoice: Invoice, **overrides: Any) -> Payment:
        """A payment of ``invoice``'s balance (see ``build_payment``)."""
        return billing.build_payment(self, invoice, **overrides)

    def receipt(self, **overrides: Any) -> Receipt:
        """A receipt for a paid invoice (see ``build_receipt``)."""
        return billing.build_receipt(self, **overrides)

    def transaction(self, **overrides: Any) -> Transaction:
        """A registry transaction of a kit lease (see ``build_transaction``)."""
        return build_transaction(self, **overrides)
