"""Service catalogue: every entry points at things that exist, and round-trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core import jurisdictions
from municipal_core.accounts import account_types
from municipal_core.billing import calculate
from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.leases import fee_for_rent
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
from municipal_core.licensing._catalogue_model import Document, Printable, Service, ServiceFamily
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

ENTRIES = pytest.mark.parametrize("entry", SERVICE_CATALOGUE, ids=lambda s: s.code)

# DOMAIN.md §1, service by service: the codes a portal's pages are built from.
SOHAR_CODES = {
    "om.account.registration",
    "om.lease.new",
    "om.lease.renew",
    "om.lease.register",
    "om.lease.cancel",
    "om.lease.print_new",
    "om.lease.print_renewal",
    "om.lease.print_supplementary",
    "om.building.addressing",
    "om.building.address_card",
    "om.building.address_card_replacement",
    "om.permit.start_construction",
    "om.permit.major",
    "om.certificate.completion",
    "om.certificate.replacement",
    "om.letter.completion_utilities",
    "om.letter.electricity",
    "om.letter.water",
    "om.letter.sewerage",
    "om.insurance_refund",
    "om.licence.municipal",
    "om.engineers.registration",
    "om.complaint",
    "om.transactions.lookup",
    "om.violations.payment",
    "om.invoices.paid",
    "om.licence.municipal.renew",
}
BALADY_CODES = {
    "sa.account.registration",
    "sa.account.registration.engineering_office",
    "sa.licence.commercial.new",
    "sa.licence.commercial.renew",
    "sa.licence.commercial.cancel",
    "sa.licence.construction",
    "sa.plan_approval",
    "sa.participation.report",
}


def _service(**changes: object) -> Service:
    base = {
        "code": "om.test",
        "jurisdiction": "om-sohar",
        "family": "buildings",
        "name_en": "Test",
        "name_ar": "اختبار",
        "description_en": "A test.",
        "description_ar": "اختبار.",
    }
    return Service(**{**base, **changes})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- coverage


def test_every_service_of_both_portals_is_listed() -> None:
    assert {s.code for s in services("om-sohar")} >= SOHAR_CODES
    assert {s.code for s in services(SA_BALADY)} >= BALADY_CODES
    assert services("sa-balady", family="information")  # Balady's information services


def test_shipped_catalogue_has_no_problems() -> None:
    assert catalogue_problems() == ()


# --------------------------------------------------------------------------- references


@ENTRIES
def test_entry_workflow_exists(entry: Service) -> None:
    if entry.workflow is None:
        assert entry.family in (ServiceFamily.INFORMATION, ServiceFamily.LEASES,
                                ServiceFamily.BUILDINGS, ServiceFamily.VIOLATIONS,
                                ServiceFamily.PAYMENTS)  # fmt: skip
    else:
        assert workflow_registry()[entry.workflow].name == entry.workflow


_DESKS = ("DOCUMENT_VERIFICATION", "FIELD_INSPECTION", "PENDING_APPROVAL")


@ENTRIES
def test_entry_sla_is_the_municipality_desks_time(entry: Service) -> None:
    # [A] SLAs: the review desks' hours of the entry's workflow; leases 48; none without
    # an application, for sign-up (automatic) and complaints (an SLA per category).
    if entry.workflow is None or entry.workflow in ("account.registration", "complaint"):
        assert entry.sla_hours is None
        return
    definition = workflow_registry()[entry.workflow]
    desks = [s.sla_hours or 0 for s in definition.states if s.name in _DESKS]
    assert entry.sla_hours == (sum(desks) if desks else 48)


@ENTRIES
def test_entry_fee_codes_exist_in_their_schedule(entry: Service) -> None:
    if entry.fee_schedule is None:
        assert entry.fee_codes == ()
        return
    schedule = fee_schedules()[entry.fee_schedule]
    profile = jurisdictions.get(entry.jurisdiction)
    assert schedule.currency == profile.currency
    for code in entry.fee_codes:
        rule = schedule.rule_for(code, dt.date(2026, 6, 1), {"category": "1"})
        assert rule.source  # every fee carries its source note


@ENTRIES
def test_entry_account_types_and_identifiers_exist(entry: Service) -> None:
    known_types = {t.code for t in account_types(entry.jurisdiction)}
    assert set(entry.account_types) <= known_types
    kinds = jurisdictions.get(entry.jurisdiction).identifier_kinds
    assert set(entry.required_identifiers) <= set(kinds)
    for code in entry.required_documents:
        assert document(code).code == code


@ENTRIES
def test_entry_round_trips(entry: Service) -> None:
    assert from_json(to_json(entry), Service) == entry


def test_documents_round_trip_and_have_two_names() -> None:
    for doc in documents():
        assert from_json(to_json(doc), Document) == doc
        assert doc.name("ar") != doc.name("en")


def test_codes_are_unique_per_jurisdiction() -> None:
    keys = [(s.jurisdiction, s.code) for s in SERVICE_CATALOGUE]
    assert len(keys) == len(set(keys))


def test_registries_are_read_only() -> None:
    with pytest.raises(TypeError):
        workflow_registry()["x"] = workflow_registry()["complaint"]  # type: ignore[index]
    with pytest.raises(TypeError):
        fee_schedules()["x"] = fee_schedules()["om.permit"]  # type: ignore[index]


# --------------------------------------------------------------------------- look-ups


def test_service_lookup_and_its_errors() -> None:
    assert service("OM-SOHAR", "om.lease.new").name("ar") == "عقد إيجار جديد"
    with pytest.raises(NotFound) as err:
        service("om-sohar", "sa.plan_approval")
    assert err.value.code == "catalogue.unknown_service"
    with pytest.raises(NotFound) as err:
        services("xx-nowhere")
    assert err.value.code == "jurisdiction.unknown"
    with pytest.raises(InvalidComponent) as bad:
        services("om-sohar", family="sports")
    assert bad.value.code == "catalogue.family"
    with pytest.raises(NotFound) as err:
        document("passport")
    assert err.value.code == "catalogue.unknown_document"


def test_services_by_family_are_a_partition() -> None:
    total = sum(len(services("om-sohar", family=f)) for f in ServiceFamily)
    assert total == len(services("om-sohar"))


def test_information_services_have_no_application() -> None:
    for entry in services("sa-balady", family=ServiceFamily.INFORMATION):
        assert not entry.has_application
        assert entry.is_public


def test_labels_in_both_languages() -> None:
    entry = service("sa-balady", "sa.plan_approval")
    assert entry.name("ar") == "تصديق المخططات"
    assert entry.name() == "Plan approval"
    assert entry.description("ar") != entry.description("en")
    with pytest.raises(InvalidComponent):
        entry.name("fr")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"code": "Om Test"}, "catalogue.code", "code"),
        ({"jurisdiction": "oman"}, "catalogue.jurisdiction", "jurisdiction"),
        ({"family": "sports"}, "catalogue.family", "family"),
        ({"name_ar": "  "}, "catalogue.text", "name_ar"),
        ({"account_types": "om.citizen"}, "catalogue.codes", "account_types"),
        ({"required_documents": ("id_copy", "id_copy")}, "catalogue.codes", "required_documents"),
        ({"required_identifiers": ("Civil Number",)}, "catalogue.code", "required_identifiers"),
        ({"fee_codes": ("om.permit.major",)}, "catalogue.fee_schedule", "fee_schedule"),
        ({"sla_hours": 0}, "catalogue.sla_hours", "sla_hours"),
        ({"sla_hours": True}, "catalogue.sla_hours", "sla_hours"),
        ({"printables": ("poster",)}, "catalogue.printable", "printables"),
        ({"workflow": ""}, "catalogue.code", "workflow"),
    ],
)
def test_invalid_service_is_refused(changes: dict[str, object], code: str, field: str) -> None:
    with pytest.raises((InvalidFormat, InvalidComponent)) as err:
        _service(**changes)
    assert (err.value.code, err.value.field) == (code, field)


def test_valid_service_defaults() -> None:
    entry = _service(printables=("invoice", Printable.RECEIPT), sla_hours=72)
    assert entry.printables == (Printable.INVOICE, Printable.RECEIPT)
    assert entry.is_public
    assert not entry.has_application
    assert entry.sla_hours == 72


# --------------------------------------------------------------------------- problems


def test_problems_are_found_and_named() -> None:
    entry = service("om-sohar", "om.permit.major")
    broken = [
        entry,
        entry,  # listed twice
        attrs.evolve(
            entry, code="om.a", fee_schedule="sa.licence", fee_codes=("sa.licence.shop_area",)
        ),
        attrs.evolve(entry, code="om.b", fee_codes=("om.permit.nothing",)),
        attrs.evolve(entry, code="om.c", fee_schedule="nowhere"),
        attrs.evolve(entry, code="om.d", required_identifiers=("sa.national_id",)),
        attrs.evolve(entry, code="om.e", required_documents=("passport",)),
        attrs.evolve(entry, code="om.f", jurisdiction="xx-nowhere"),
    ]
    assert catalogue_problems(broken) == (
        "om-sohar om.permit.major: listed twice",
        "om-sohar om.a: fee schedule 'sa.licence' in another currency",
        "om-sohar om.b: no fee 'om.permit.nothing' in 'om.permit'",
        "om-sohar om.c: unknown fee schedule 'nowhere'",
        "om-sohar om.d: identifier kind 'sa.national_id' unknown here",
        "om-sohar om.e: unknown document 'passport'",
        "xx-nowhere om.f: unknown jurisdiction",
    )


def test_problems_use_the_registries_given() -> None:
    entry = service("sa-balady", "sa.plan_approval")
    assert catalogue_problems([entry], workflows={}) == (
        "sa-balady sa.plan_approval: unknown workflow 'sa.plan_approval'",
    )
    fees = service("sa-balady", "sa.licence.construction")
    assert catalogue_problems([fees], schedules={}) == (
        "sa-balady sa.licence.construction: unknown fee schedule 'sa.licence'",
    )


@given(
    st.sampled_from(SERVICE_CATALOGUE), st.from_regex(r"[a-z]{3,12}\.[a-z]{3,12}", fullmatch=True)
)
def test_any_unknown_workflow_is_reported(entry: Service, name: str) -> None:
    changed = attrs.evolve(entry, workflow=name)
    problems = catalogue_problems([changed])
    assert (f"unknown workflow {name!r}" in " ".join(problems)) == (name not in workflow_registry())


@given(st.lists(st.sampled_from(SERVICE_CATALOGUE), unique=True))
def test_any_subset_of_the_catalogue_is_sound(entries: list[Service]) -> None:
    assert catalogue_problems(entries) == ()


# --------------------------------------------------------------------------- lease fees


@given(
    st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
    st.decimals(Decimal("0.001"), Decimal("100000"), places=3),
)
def test_lease_schedule_charges_what_the_leases_package_charges(
    signed: dt.date, rent: Decimal
) -> None:
    total = Money(rent, "OMR")
    expected = fee_for_rent(total, jurisdiction=OM_SOHAR, signed_on=signed, registered_on=signed)
    got = calculate(fee_schedules()["om.lease"], ["lease.registration"], on=signed,
                    jurisdiction=OM_SOHAR, base=total)  # fmt: skip
    assert got.total == expected.total
