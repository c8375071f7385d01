"""Builders: valid by default, deterministic from the seed, overridable, consistent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from municipal_core.billing import Invoice, Receipt
from municipal_core.errors import DomainRuleError, InvalidComponent
from municipal_core.identifiers import get_module
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa import national_id as sa_id
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.leases import LeaseContract, LeaseStatus, registration_fee
from municipal_core.licensing import (
    BuildingPermit,
    CommercialLicence,
    Complaint,
    CompletionCertificate,
    ConstructionLicence,
    PlanApproval,
    Violation,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.testing._builder import Builder
from municipal_core.testing._context import BuildContext
from municipal_core.testing._sa_licence_builders import build_licence_lease

JURISDICTIONS = ["om-sohar", "sa-balady"]
ADDRESS_OF = {"OM": OmanAddress, "SA": NationalAddress}

# Builder method -> the model it returns; each is checked for determinism and round-trip.
FAMILIES: dict[str, type[Any]] = {
    "lease": LeaseContract,
    "party": object,
    "address": object,
    "violation": Violation,
    "complaint": Complaint,
    "invoice": Invoice,
    "receipt": Receipt,
    "commercial_licence": CommercialLicence,
    "construction_licence": ConstructionLicence,
    "plan_approval": PlanApproval,
    "building_permit": BuildingPermit,
    "completion_certificate": CompletionCertificate,
    "registration_form": object,
}
DRAWLESS = {"completion_certificate"}  # numbered and dated only: no field is drawn
SERIALISED = [name for name, cls in FAMILIES.items() if cls is not object]


def built(method: str, seed: int = 0, jurisdiction: str = "om-sohar", **kw: Any) -> Any:
    return getattr(Builder(seed=seed, jurisdiction=jurisdiction), method)(**kw)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("method", list(FAMILIES))
def test_same_seed_same_object_other_seed_other_object(method: str, jurisdiction: str) -> None:
    first = built(method, 5, jurisdiction)
    assert first == built(method, 5, jurisdiction)
    if method not in DRAWLESS:
        assert first != built(method, 6, jurisdiction)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("method", SERIALISED)
def test_built_models_round_trip_through_json(method: str, jurisdiction: str) -> None:
    value = built(method, 3, jurisdiction)
    assert isinstance(value, FAMILIES[method])
    assert from_json(to_json(value), FAMILIES[method]) == value


def test_one_builder_numbers_its_documents_in_sequence() -> None:
    builder = Builder()
    assert [builder.violation().number for _ in range(2)] == ["V-2026-000001", "V-2026-000002"]
    invoices = [builder.invoice().reference for _ in range(2)]
    assert invoices == ["SOHAR-INV-2026-000001", "SOHAR-INV-2026-000002"]


# --- overrides ------------------------------------------------------------------------------


def test_overrides_reach_creation_arguments_and_fields() -> None:
    builder = Builder()
    lease = builder.lease(months=6, status=LeaseStatus.ACTIVE)
    assert (lease.term, lease.status) == ((6, 0), LeaseStatus.ACTIVE)
    ended = builder.lease(end=dt.date(2026, 9, 15))
    assert ended.end == dt.date(2026, 9, 15)
    assert builder.violation(category="waste.dumping").category == "waste.dumping"
    assert builder.complaint(description="Broken bench").description == "Broken bench"
    assert builder.payer(name="Sara").name == "Sara"
    assert builder.address(wilayat="Liwa").wilayat == "Liwa"  # type: ignore[union-attr]


def test_an_unknown_override_is_a_typed_error_naming_it() -> None:
    with pytest.raises(InvalidComponent) as info:
        Builder().lease(colour="red")
    assert (info.value.code, info.value.field) == ("testing.lease.override", "colour")


def test_an_impossible_override_fails_as_the_library_would() -> None:
    with pytest.raises(DomainRuleError):
        Builder().commercial_licence(lease=Builder().lease(jurisdiction="sa-balady", months=6))


# --- related objects ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_lease_parties_carry_identifiers_of_their_jurisdiction(seed: int) -> None:
    for code, profile in (("om-sohar", OM_SOHAR), ("sa-balady", SA_BALADY)):
        lease = built("lease", seed, code)
        for party in (lease.landlord, lease.tenant):
            assert party.id_kind in profile.identifier_kinds
            assert party.id_number is not None
            assert get_module(party.id_kind).is_valid(party.id_number)
        assert lease.monthly_rent.currency == profile.currency
        assert isinstance(lease.property.address, ADDRESS_OF[profile.country])
        fee = registration_fee(lease, jurisdiction=profile, registered_on=lease.signed_on)
        assert not [line.code for line in fee.lines if line.code.endswith(".late")]  # on time


@pytest.mark.parametrize("seed", range(8))
def test_saudi_licence_applicant_has_a_national_id_and_a_year_lease(seed: int) -> None:
    licence = Builder(seed=seed).commercial_licence()  # built for Balady even from Sohar
    # The applicant's lease is the licence builder's first draw: rebuild it from the seed.
    lease = build_licence_lease(BuildContext(seed=seed, jurisdiction="sa-balady"))
    assert lease.tenant.id_number is not None
    assert sa_id.holder_kind(lease.tenant.id_number) is sa_id.HolderKind.CITIZEN
    assert lease.term >= (12, 0)
    assert lease.start == licence.issued_on
    assert licence.cr[0] == "7"  # the establishment's unified number
    assert Builder(seed=seed).commercial_licence(lease=lease) == licence
