"""One realistic object for every printable, for examples, tests, reference PDFs and benchmarks.

:func:`sample_objects` returns, under a stable name, the kind and the domain object of each
printable the portals offer (DOMAIN.md §1) -- the standard two-page bilingual Sohar lease
contract among them. Every value is fixed (no clock, no randomness), so the documents
built from them, and the PDFs rendered from those with a pinned creation date, are the
same on every run.

Examples:
    >>> samples = sample_objects()
    >>> kind, lease = samples["lease_contract"]
    >>> kind.value, lease.reference, lease.total_rent
    ('lease_contract', '29458/2026', Money('4203.000', 'OMR'))
    >>> sorted({kind.value for kind, _ in samples.values()}) == sorted(p.value for p in Printable)
    True
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from municipal_core.billing import Payer, PayerKind, Payment, PaymentMethod, issue_invoice, pay
from municipal_core.documents._certificate_documents import AddressCard
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.leases import (
    Amendment,
    LeaseContract,
    LeasedProperty,
    Party,
    PaymentFrequency,
)
from municipal_core.licensing import (
    BuildingPermit,
    CommercialLicence,
    CompletionCertificate,
    ConstructionLicence,
    LetterKind,
    PermitKind,
    Printable,
    ServiceLetter,
    permit_fee,
    record_violation,
)
from municipal_core.money import Money

__all__ = ["sample_lease", "sample_objects"]


def sample_lease() -> LeaseContract:
    """Return the standard bilingual Sohar lease: a flat for 12 months at 350.250 OMR a month.

    Examples:
        >>> sample_lease().months, sample_lease().frequency.value
        (12, 'quarterly')
    """
    return LeaseContract.create(
        reference="29458/2026",
        jurisdiction="om-sohar",
        landlord=Party(
            "individual",
            "سالم بن علي بن سعيد البلوشي",
            name_en="Salim Ali Saeed Al-Balushi",
            id_kind="om.civil_number",
            id_number="12345678",
        ),
        tenant=Party(
            "company",
            "شركة النور للتجارة ش.م.م",
            name_en="Al Noor Trading LLC",
            cr_kind="om.commercial_registration",
            cr="CR1234567",
        ),
        property=LeasedProperty(
            "residential",
            "Flat 12",
            area_m2=Decimal("95.5"),
            address=OmanAddress(
                "12",
                "شارع الملتقى",
                "صحار",
                "North Al Batinah",
                sub_address_kind="apartment",
                sub_address_number="12",
            ),
            building_number="3341",
            block="215",
            plot="88",
            way="2914",
        ),
        monthly_rent=Money("350.250", "OMR"),
        start=dt.date(2026, 1, 1),
        months=12,
        signed_on=dt.date(2025, 12, 20),
        deposit=Money("350.250", "OMR"),
        frequency=PaymentFrequency.QUARTERLY,
    )


def _permit() -> BuildingPermit:
    return BuildingPermit(
        number="BP-2026-0042",
        kind=PermitKind.MAJOR,
        applicant="12345678",
        plot="221",
        address=OmanAddress("23", "Al Multaqa Street", "Sohar", "North Al Batinah"),
        built_area_m2=Decimal(650),
        issued_on=dt.date(2026, 3, 1),
        expires_on=dt.date(2028, 2, 29),
        deposit=Money("100", "OMR"),
    )


def _paid_invoice() -> Any:
    fee = permit_fee("major", Decimal(650), jurisdiction=OM_SOHAR, on=dt.date(2026, 3, 1))
    invoice = issue_invoice(
        fee,
        payer=Payer(PayerKind.INDIVIDUAL, "12345678", "Salim Ali Saeed Al-Balushi"),
        issued_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 31),
        sequence=InMemorySequence(),
    )
    at = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
    payment = Payment(invoice.total, PaymentMethod.ONLINE, "PAY-2026-000913", at)
    return invoice, pay(invoice, payment, allow_partial=False)[0]


def sample_objects() -> dict[str, tuple[Printable, Any]]:
    """Return ``{name: (kind, object)}``: one sample of every printable, and variants.

    Variants: the lost-card and lost-certificate replacements, the completion letter,
    both permit certificates (Oman's building permit, Saudi Arabia's construction licence)
    and a receipt printed from a bare receipt.

    Examples:
        >>> sorted(sample_objects())[:3]
        ['address_card', 'address_card_replacement', 'completion_certificate']
    """
    lease = sample_lease()
    renewal = attrs.evolve(
        lease,
        reference="31877/2026",
        renews=lease.reference,
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
        signed_on=dt.date(2026, 12, 10),
    )
    amended = attrs.evolve(
        lease,
        frequency=PaymentFrequency.MONTHLY,
        amendments=(
            Amendment(
                "29458/2026-A1",
                dt.date(2026, 5, 20),
                dt.date(2026, 6, 1),
                monthly_rent=Money("380", "OMR"),
                frequency=PaymentFrequency.MONTHLY,
                note="زيادة الإيجار بعد تجديد المطبخ / Rent raised after the kitchen refit",
            ),
        ),
    )
    permit = _permit()
    certificate = CompletionCertificate("CC-2026-0107", permit.number, dt.date(2027, 9, 1))
    invoice, paid = _paid_invoice()
    return {
        "lease_contract": (Printable.LEASE_CONTRACT, lease),
        "renewal_contract": (Printable.RENEWAL_CONTRACT, renewal),
        "supplementary_contract": (Printable.SUPPLEMENTARY_CONTRACT, amended),
        "address_card": (Printable.ADDRESS_CARD, AddressCard(permit, dt.date(2026, 4, 1))),
        "address_card_replacement": (
            Printable.ADDRESS_CARD,
            AddressCard(permit, dt.date(2026, 9, 15), replaces=dt.date(2026, 4, 1)),
        ),
        "completion_certificate": (Printable.COMPLETION_CERTIFICATE, certificate),
        "completion_certificate_replacement": (
            Printable.COMPLETION_CERTIFICATE,
            CompletionCertificate(
                "CC-2027-0311", permit.number, dt.date(2027, 11, 2), replaces=certificate.number
            ),
        ),
        "service_letter": (
            Printable.SERVICE_LETTER,
            ServiceLetter(
                "SL-2026-0551", LetterKind.WATER, permit.number, None, dt.date(2026, 3, 10)
            ),
        ),
        "completion_letter": (
            Printable.SERVICE_LETTER,
            ServiceLetter(
                "SL-2027-0090",
                LetterKind.COMPLETION,
                permit.number,
                certificate.number,
                dt.date(2027, 9, 5),
            ),
        ),
        "permit_certificate": (Printable.PERMIT_CERTIFICATE, permit),
        "construction_licence": (
            Printable.PERMIT_CERTIFICATE,
            ConstructionLicence(
                "BL-1447-20931", 1, Decimal(420), dt.date(2026, 2, 1), dt.date(2029, 1, 31)
            ),
        ),
        "licence_certificate": (
            Printable.LICENCE_CERTIFICATE,
            CommercialLicence(
                "CL-1447-55120",
                "7001234567",
                1,
                Decimal(48),
                "561001",
                True,
                (Decimal(6),),
                dt.date(2026, 2, 1),
                dt.date(2027, 1, 31),
            ),
        ),
        "invoice": (Printable.INVOICE, invoice),
        "receipt": (Printable.RECEIPT, paid),
        "receipt_bare": (Printable.RECEIPT, paid.receipts[-1]),
        "violation_notice": (
            Printable.VIOLATION_NOTICE,
            record_violation(
                "V-2026-0077",
                jurisdiction=SA_BALADY,
                category="hygiene.poor",
                recorded_on=dt.date(2026, 3, 1),
                cr="1010123456",
                establishment_size="medium",
            ),
        ),
    }
