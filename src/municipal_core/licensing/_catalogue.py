"""The service catalogue: every e-service of both portals, and what each points at.

A portal renders its service pages (and Balady's information services) from
:data:`SERVICE_CATALOGUE`: :func:`services` lists a jurisdiction's entries, optionally of
one :class:`~municipal_core.licensing._catalogue_model.ServiceFamily`; :func:`service`
finds one. An entry names its workflow, fee schedule and fee rules, account types,
identifier kinds and documents by code; the registries resolve them:

* :func:`workflow_registry` -- workflow name -> :class:`~municipal_core.workflow.WorkflowDefinition`
  (accounts, leases, complaints, the generic licence and the Saudi and Omani licence and
  permit workflows);
* :func:`fee_schedules` -- schedule name -> :class:`~municipal_core.billing.FeeSchedule`
  (``"sa.licence"``, ``"om.permit"``, ``"om.licence"``, and ``"om.lease"``, built from
  the Sohar profile's effective-dated lease rate the way the leases package builds its fee);
* :func:`documents` and :func:`document` -- the bilingual document names.

:func:`catalogue_problems` checks a catalogue against all of them (a host application that
adds services runs it in its own tests); the shipped catalogue has none.

Examples:
    >>> permit = service("om-sohar", "om.permit.major")
    >>> permit.name("ar"), permit.fee_codes
    ('إصدار إباحة بناء كبرى', ('om.permit.application', 'om.permit.major', 'om.permit.area'))
    >>> workflow_registry()[permit.workflow].name
    'om.permit.building'
    >>> fee_schedules()[permit.fee_schedule].currency.code
    'OMR'
    >>> [s.code for s in services("sa-balady", family="information")]
    ['sa.info.licence_inquiry', 'sa.info.construction_inquiry', 'sa.info.fee_calculator']
    >>> catalogue_problems()
    ()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from municipal_core._coerce import to_enum
from municipal_core.accounts import ACCOUNT_WORKFLOW, account_types
from municipal_core.billing import FeeSchedule
from municipal_core.errors import MunicipalError, NotFound
from municipal_core.jurisdictions import OM_SOHAR, Jurisdiction
from municipal_core.jurisdictions import get as get_jurisdiction
from municipal_core.jurisdictions import resolve as resolve_jurisdiction
from municipal_core.leases import LEASE_WORKFLOW
from municipal_core.leases import fee_schedule as lease_fee_schedule
from municipal_core.licensing._catalogue_data import (
    DOCUMENTS,
    OM_SOHAR_SERVICES,
    SA_BALADY_SERVICES,
)
from municipal_core.licensing._catalogue_model import Document, Service, ServiceFamily
from municipal_core.licensing._complaint_workflow import COMPLAINT_WORKFLOW
from municipal_core.licensing._om_certificates import (
    ADDRESSING_WORKFLOW,
    CERTIFICATE_REPLACEMENT_WORKFLOW,
    COMPLETION_CERTIFICATE_WORKFLOW,
    INSURANCE_REFUND_WORKFLOW,
    SERVICE_LETTER_WORKFLOW,
)
from municipal_core.licensing._om_engineers import ENGINEER_REGISTRATION_WORKFLOW
from municipal_core.licensing._om_licence_fees import OM_LICENCE_FEES
from municipal_core.licensing._om_municipal_licence import MUNICIPAL_LICENCE_WORKFLOW
from municipal_core.licensing._om_permits import (
    BUILDING_PERMIT_WORKFLOW,
    OM_PERMIT_FEES,
    START_CONSTRUCTION_WORKFLOW,
)
from municipal_core.licensing._sa_commercial_licence import (
    COMMERCIAL_LICENCE_WORKFLOW,
    SA_LICENCE_FEES,
)
from municipal_core.licensing._sa_construction_licence import CONSTRUCTION_LICENCE_WORKFLOW
from municipal_core.licensing._sa_plan_approval import PLAN_APPROVAL_WORKFLOW
from municipal_core.workflow import LICENCE_WORKFLOW, WorkflowDefinition

__all__ = [
    "SERVICE_CATALOGUE",
    "catalogue_problems",
    "document",
    "documents",
    "fee_schedules",
    "service",
    "services",
    "workflow_registry",
]

SERVICE_CATALOGUE: tuple[Service, ...] = (*OM_SOHAR_SERVICES, *SA_BALADY_SERVICES)
"""Every service of the Sohar and Balady portals (DOMAIN.md §1), in portal order."""

_WORKFLOWS: Mapping[str, WorkflowDefinition] = MappingProxyType(
    {
        wf.name: wf
        for wf in (
            ACCOUNT_WORKFLOW,
            LEASE_WORKFLOW,
            COMPLAINT_WORKFLOW,
            LICENCE_WORKFLOW,
            COMMERCIAL_LICENCE_WORKFLOW,
            CONSTRUCTION_LICENCE_WORKFLOW,
            PLAN_APPROVAL_WORKFLOW,
            START_CONSTRUCTION_WORKFLOW,
            BUILDING_PERMIT_WORKFLOW,
            COMPLETION_CERTIFICATE_WORKFLOW,
            CERTIFICATE_REPLACEMENT_WORKFLOW,
            SERVICE_LETTER_WORKFLOW,
            INSURANCE_REFUND_WORKFLOW,
            ADDRESSING_WORKFLOW,
            ENGINEER_REGISTRATION_WORKFLOW,
            MUNICIPAL_LICENCE_WORKFLOW,
        )
    }
)


_SCHEDULES: Mapping[str, FeeSchedule] = MappingProxyType(
    {
        "om.lease": lease_fee_schedule(OM_SOHAR),
        "om.licence": OM_LICENCE_FEES,
        "om.permit": OM_PERMIT_FEES,
        "sa.licence": SA_LICENCE_FEES,
    }
)

_DOCUMENTS: Mapping[str, Document] = MappingProxyType({d.code: d for d in DOCUMENTS})


def workflow_registry() -> Mapping[str, WorkflowDefinition]:
    """Return every workflow the catalogue points at, by name (read-only).

    Examples:
        >>> sorted(workflow_registry())[:3]
        ['account.registration', 'complaint', 'lease.contract']
    """
    return _WORKFLOWS


def fee_schedules() -> Mapping[str, FeeSchedule]:
    """Return every fee schedule the catalogue points at, by name (read-only).

    Examples:
        >>> lease = fee_schedules()["om.lease"]
        >>> import datetime as dt
        >>> lease.rule_for("lease.registration", dt.date(2018, 1, 1)).rate
        Decimal('0.05')
    """
    return _SCHEDULES


def documents() -> tuple[Document, ...]:
    """Return every document a service may ask for.

    Examples:
        >>> documents()[0].name("ar")
        'صورة البطاقة الشخصية'
    """
    return DOCUMENTS


def document(code: str) -> Document:
    """Return the document with ``code``.

    Raises:
        NotFound: no such document (``catalogue.unknown_document``).

    Examples:
        >>> document("site_plan").name()
        'Site plan (kroki)'
    """
    found = _DOCUMENTS.get(code) if isinstance(code, str) else None
    if found is None:
        raise NotFound(
            "No such document in the catalogue.",
            "لا يوجد هذا المستند في الدليل.",
            code="catalogue.unknown_document",
            field="code",
        )
    return found


def services(
    jurisdiction: str | Jurisdiction, *, family: ServiceFamily | str | None = None
) -> tuple[Service, ...]:
    """Return the services of ``jurisdiction``, in portal order, optionally of one family.

    Raises:
        NotFound: an unknown jurisdiction (``jurisdiction.unknown``).
        InvalidComponent: an unknown family (``catalogue.family``).

    Examples:
        >>> [s.code for s in services("om-sohar", family="violations")]
        ['om.violations.payment']
        >>> len(services("OM-SOHAR")) == len(services("om-sohar"))
        True
    """
    code = resolve_jurisdiction(jurisdiction).code
    wanted = None if family is None else _family(family)
    return tuple(
        s
        for s in SERVICE_CATALOGUE
        if s.jurisdiction == code and (wanted is None or s.family is wanted)
    )


def _family(value: ServiceFamily | str) -> ServiceFamily:
    return to_enum(ServiceFamily, value, code="catalogue.family", field="family")


def service(jurisdiction: str | Jurisdiction, code: str) -> Service:
    """Return the service ``code`` of ``jurisdiction``.

    Raises:
        NotFound: an unknown jurisdiction (``jurisdiction.unknown``) or no such service
            there (``catalogue.unknown_service``).

    Examples:
        >>> service("sa-balady", "sa.plan_approval").account_types
        ('sa.engineering_office',)
        >>> service("sa-balady", "om.permit.major")
        Traceback (most recent call last):
            ...
        municipal_core.errors.NotFound: No such service in this jurisdiction's catalogue.
    """
    for entry in services(jurisdiction):
        if entry.code == code:
            return entry
    raise NotFound(
        "No such service in this jurisdiction's catalogue.",
        "لا توجد هذه الخدمة في دليل خدمات الجهة.",
        code="catalogue.unknown_service",
        field="code",
    )


def catalogue_problems(
    catalogue: Iterable[Service] = SERVICE_CATALOGUE,
    *,
    workflows: Mapping[str, WorkflowDefinition] | None = None,
    schedules: Mapping[str, FeeSchedule] | None = None,
) -> tuple[str, ...]:
    """Return what in ``catalogue`` points at nothing, one English line each; ``()`` if all is well.

    Checked per entry: the jurisdiction is registered; its code is not used twice in
    that jurisdiction; the workflow is in ``workflows`` (default :func:`workflow_registry`);
    the fee schedule is in ``schedules`` (default :func:`fee_schedules`), in the
    jurisdiction's currency, and holds every fee code; every account type exists for the
    jurisdiction; every identifier kind is one the jurisdiction knows; every document is
    in :func:`documents`.

    Examples:
        >>> from municipal_core.licensing._catalogue_model import Service
        >>> odd = Service("om.odd", "om-sohar", "buildings", "Odd", "غريب", "Odd.", "غريب.",
        ...               account_types=("sa.citizen",), workflow="nowhere")
        >>> for problem in catalogue_problems([odd]):
        ...     print(problem)
        om-sohar om.odd: unknown workflow 'nowhere'
        om-sohar om.odd: unknown account type 'sa.citizen'
    """
    workflows = _WORKFLOWS if workflows is None else workflows
    schedules = _SCHEDULES if schedules is None else schedules
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for entry in catalogue:
        where = f"{entry.jurisdiction} {entry.code}"
        key = (entry.jurisdiction, entry.code)
        if key in seen:
            problems.append(f"{where}: listed twice")
        seen.add(key)
        problems.extend(f"{where}: {p}" for p in _entry_problems(entry, workflows, schedules))
    return tuple(problems)


def _entry_problems(
    entry: Service,
    workflows: Mapping[str, WorkflowDefinition],
    schedules: Mapping[str, FeeSchedule],
) -> list[str]:
    try:
        profile = get_jurisdiction(entry.jurisdiction)
        types = {t.code for t in account_types(profile.code)}
    except MunicipalError:
        return ["unknown jurisdiction"]
    problems = []
    if entry.workflow is not None and entry.workflow not in workflows:
        problems.append(f"unknown workflow {entry.workflow!r}")
    if entry.fee_schedule is not None:
        schedule = schedules.get(entry.fee_schedule)
        if schedule is None:
            problems.append(f"unknown fee schedule {entry.fee_schedule!r}")
        else:
            if schedule.currency != profile.currency:
                problems.append(f"fee schedule {entry.fee_schedule!r} in another currency")
            problems.extend(
                f"no fee {c!r} in {entry.fee_schedule!r}"
                for c in entry.fee_codes
                if c not in schedule.codes()
            )
    problems.extend(f"unknown account type {t!r}" for t in entry.account_types if t not in types)
    problems.extend(
        f"identifier kind {k!r} unknown here"
        for k in entry.required_identifiers
        if k not in profile.identifier_kinds
    )
    problems.extend(
        f"unknown document {d!r}" for d in entry.required_documents if d not in _DOCUMENTS
    )
    return problems
