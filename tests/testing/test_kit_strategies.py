"""The Hypothesis strategies produce valid values, and shrink towards simple ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import find, given, settings
from hypothesis import strategies as st

from municipal_core.accounts import PersonName
from municipal_core.billing import Invoice
from municipal_core.identifiers import phone
from municipal_core.identifiers.om import address, civil_number, commercial_registration
from municipal_core.identifiers.sa import commercial_registration as sa_cr
from municipal_core.identifiers.sa import national_address
from municipal_core.identifiers.sa import national_id as sa_id
from municipal_core.jurisdictions import get
from municipal_core.leases import LeaseContract, LeaseStatus
from municipal_core.licensing import (
    BuildingPermit,
    CommercialLicence,
    Complaint,
    PermitStatus,
    Violation,
    ViolationStatus,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json
from municipal_core.testing import strategies as ms
from municipal_core.testing._builder import Builder

FEW = settings(max_examples=15)


@FEW
@given(ms.national_ids(), ms.iqamas(), ms.unified_numbers(), ms.sa_crs())
def test_saudi_identifiers(nid: str, iqama: str, unified: str, legacy: str) -> None:
    assert sa_id.holder_kind(nid) is sa_id.HolderKind.CITIZEN
    assert sa_id.holder_kind(iqama) is sa_id.HolderKind.RESIDENT
    assert sa_cr.kind(unified) is sa_cr.CRKind.UNIFIED_NUMBER
    assert sa_cr.kind(legacy) is sa_cr.CRKind.LEGACY_CR


@FEW
@given(ms.civil_numbers(), ms.om_crs(), ms.om_address_numbers(), ms.short_addresses())
def test_addresses_and_omani_identifiers(civil: str, cr: str, door: str, short: str) -> None:
    assert civil_number.is_valid(civil)
    assert commercial_registration.is_valid(cr)
    assert address.is_valid(door)
    assert national_address.is_valid(short)


@FEW
@given(ms.mobiles("SA"), ms.mobiles("OM", local=True), ms.emails())
def test_phones_and_emails(saudi: str, omani_local: str, email: str) -> None:
    assert phone.is_mobile(saudi)
    assert saudi.startswith("+966")
    assert phone.is_mobile(omani_local, "OM")
    assert not omani_local.startswith("+")
    assert "@" in email


@FEW
@given(ms.person_names("female"))
def test_names(name: PersonName) -> None:
    assert name.parts_count == 4


@FEW
@given(ms.money("SAR", max_value=Money(10, "SAR")), ms.money(), ms.dates())
def test_money_and_dates(sar: Money, omr: Money, day: dt.date) -> None:
    assert Money("0.01", "SAR") <= sar <= Money(10, "SAR")
    assert sar.is_rounded()
    assert omr.currency.code == "OMR"
    assert omr.is_positive()
    assert dt.date(2020, 1, 1) <= day <= dt.date(2035, 12, 31)


@FEW
@given(ms.leases(), ms.violations("sa-balady"), ms.complaints(), ms.invoices())
def test_models(
    lease: LeaseContract, violation: Violation, complaint: Complaint, invoice: Invoice
) -> None:
    assert lease.status is LeaseStatus.DRAFT
    assert lease.monthly_rent.currency == get(lease.jurisdiction).currency
    assert violation.status is ViolationStatus.OPEN
    assert complaint.case.state == "AWAITING_ASSIGNMENT"
    assert invoice.total.is_positive()


@settings(max_examples=5)
@given(ms.commercial_licences(), ms.building_permits(), ms.leases("sa-balady", months=36))
def test_portal_documents(
    licence: CommercialLicence, permit: BuildingPermit, lease: LeaseContract
) -> None:
    assert licence.cr[0] == "7"
    assert permit.status is PermitStatus.VALID
    assert lease.term == (36, 0)
    assert from_json(to_json(lease), LeaseContract) == lease


@settings(max_examples=5)
@given(ms.builders("sa-balady"), st.data())
def test_builders_draw_from_hypothesis(builder: Builder, data: st.DataObject) -> None:
    assert builder.jurisdiction.code == "sa-balady"
    assert data.draw(ms.contexts()).jurisdiction.code in ("om-sohar", "sa-balady")
    assert builder.lease().tenant.id_kind == "sa.national_id"


def test_shrinking_reaches_the_simplest_values() -> None:
    # Every draw shrinks to its first choice: the first name of each list, zero digits.
    assert find(ms.civil_numbers(), lambda _: True) == "10000000"
    assert find(ms.national_ids(), lambda _: True) == "1000000008"
    name = find(ms.person_names("male"), lambda _: True)
    assert name.full("en") == "Mohammed Mohammed Mohammed Al Said"
