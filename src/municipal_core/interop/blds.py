"""Building and construction permits as BLDS records (Building & Land Development Specification).

`BLDS <https://permitdata.org>`_ is the open-data format cities publish their permits in
(Seattle, Boston, Tampa...). This module turns a permit application -- its workflow
:class:`~municipal_core.workflow.Case` plus a small :class:`PermitSummary` -- into one
BLDS permit record, so a municipality can publish its permits where such dashboards read
them. The summary is our own value, not a licence model, so any permit of either portal
(an Omani building permit, a Saudi construction licence) exports the same way.

=====================  ==============================================================
field                  from
=====================  ==============================================================
PermitNum              the summary's number
Description            the summary's description
AppliedDate            the day of the case's first action (its application)
IssuedDate             the day the case first entered a state mapped to
                       ``Permit Issued``, else ``null``
CompletedDate          the summary's ``completed_on`` (the completion certificate's
                       day), else ``null``
StatusCurrent          the raw status: the current state's public label in ``lang``
StatusCurrentMapped    one of :class:`BldsStatus`, from the state by
                       :data:`DEFAULT_STATUS_MAP` (or the caller's map); an issued
                       permit with a ``completed_on`` is ``Permit Finaled``
StatusDate             the day the case entered its current state
OriginalAddress1       building number and street (or the free-text location)
OriginalAddress2       the sub-address (Oman) or the district (Saudi), else ``null``
OriginalCity           the wilayat (Oman) or city (Saudi), else ``null``
OriginalState          the governorate (Oman), else ``null``
OriginalZip            the postal code (Saudi), else ``null``
PermitType             the summary's permit type, e.g. ``"Building"``
ExpiresDate            the summary's ``expires_on``, else ``null``
TotalSqFt              the built area converted from m² to whole square feet, else ``null``
Latitude, Longitude    WGS 84 degrees as JSON numbers, else ``null``
=====================  ==============================================================

Dates are ISO 8601 days (``YYYY-MM-DD``) in the jurisdiction's time zone. A case that has
not been applied for (no history) is not a permit yet and is refused, as is a state the
status map does not know: a host application with states of its own passes its own map.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.licensing._complaint_location import Location
    >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
    >>> t = dt.datetime(2026, 3, 1, 21, 0, tzinfo=dt.timezone.utc)  # 1 a.m. in Muscat
    >>> case = apply(wf, new_case(wf, "BP-1", at=t), "APPLY", Actor("c-1", ("CITIZEN",)), at=t)
    >>> permit = PermitSummary("BP-2026-0001", "om-sohar", "Two-storey villa", "Building",
    ...                        location=Location(latitude="24.3461", longitude="56.7075"))
    >>> record = to_blds(case, permit, workflow=wf)
    >>> record["AppliedDate"], record["StatusCurrent"], record["StatusCurrentMapped"]
    ('2026-03-02', 'Document verification', 'Application Accepted')
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

import attrs

from municipal_core._text import language
from municipal_core.dates import require_date
from municipal_core.errors import DomainRuleError, InvalidFormat, Language
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.jurisdictions import get as get_jurisdiction
from municipal_core.licensing._catalogue import workflow_registry
from municipal_core.licensing._complaint_location import Location
from municipal_core.workflow import CORRECTION_STATE, Case, WorkflowDefinition

__all__ = [
    "BLDS_FIELDS",
    "DEFAULT_STATUS_MAP",
    "BldsStatus",
    "PermitSummary",
    "mapped_status",
    "to_blds",
    "to_json",
]

_CODE = "blds"


class BldsStatus(str, enum.Enum):
    """BLDS's mapped statuses (``StatusCurrentMapped``).

    Examples:
        >>> BldsStatus.FINALED.value
        'Permit Finaled'
    """

    APPLICATION_ACCEPTED = "Application Accepted"
    IN_REVIEW = "In Review"
    ISSUED = "Permit Issued"
    INSPECTION = "Inspection Phase"
    FINALED = "Permit Finaled"
    CANCELLED = "Permit Cancelled"


DEFAULT_STATUS_MAP: Mapping[str, BldsStatus] = MappingProxyType(
    {
        "DOCUMENT_VERIFICATION": BldsStatus.APPLICATION_ACCEPTED,
        "FIELD_INSPECTION": BldsStatus.IN_REVIEW,
        "PENDING_APPROVAL": BldsStatus.IN_REVIEW,
        "PENDING_PAYMENT": BldsStatus.IN_REVIEW,
        CORRECTION_STATE.name: BldsStatus.IN_REVIEW,
        "ISSUED": BldsStatus.ISSUED,
        "UNDER_CONSTRUCTION": BldsStatus.INSPECTION,
        "COMPLETED": BldsStatus.FINALED,
        # BLDS has no "rejected" or "expired": a permit that will not (or no longer)
        # authorise work is reported as cancelled, with the raw status saying which.
        "REJECTED": BldsStatus.CANCELLED,
        "CANCELLED": BldsStatus.CANCELLED,
        "EXPIRED": BldsStatus.CANCELLED,
    }
)
"""Workflow state name -> BLDS mapped status for the licence and permit workflows of both
portals (DIGIT-style state names). ``DRAFT`` is left out on purpose: not yet applied for."""

BLDS_FIELDS = (
    "PermitNum",
    "Description",
    "AppliedDate",
    "IssuedDate",
    "CompletedDate",
    "StatusCurrent",
    "StatusCurrentMapped",
    "StatusDate",
    "OriginalAddress1",
    "OriginalAddress2",
    "OriginalCity",
    "OriginalState",
    "OriginalZip",
    "PermitType",
    "ExpiresDate",
    "TotalSqFt",
    "Latitude",
    "Longitude",
)
"""The fields of a record, in output order (BLDS core fields first)."""

_SQ_M_PER_SQ_FT = Decimal("0.09290304")  # exact: one foot is 0.3048 m by definition


def _fail(code: str, field: str, message_en: str, message_ar: str) -> InvalidFormat:
    return InvalidFormat(message_en, message_ar, code=f"{_CODE}.{code}", field=field)


def _text(limit: int) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise _fail(
                "text",
                attribute.name,
                f"This field is a non-empty text of at most {limit} characters.",
                f"هذا الحقل نص غير فارغ لا يتجاوز {limit} حرفًا.",
            )

    return check


def _jurisdiction(_instance: object, _attribute: object, value: Any) -> None:
    get_jurisdiction(value)  # NotFound for anything unknown


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "date")


def _area(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or not value >= 0:
        raise _fail(
            "area",
            "area_m2",
            "The built area is a Decimal number of square metres, zero or more.",
            "المساحة المبنية عدد عشري (Decimal) بالأمتار المربعة لا يقل عن صفر.",
        )
    return Decimal(value)


def _location(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Location):
        raise _fail("location", "location", "A Location is required.", "يلزم موقع (Location).")


@attrs.frozen
class PermitSummary:
    """What a BLDS record needs of a permit beyond its workflow case.

    Attributes:
        number: the permit (or application) number published as ``PermitNum``.
        jurisdiction: the jurisdiction's code; its time zone dates the record.
        description: what the permit is for.
        permit_type: the kind of permit, e.g. ``"Building"``, ``"Construction start"``.
        location: where (an Omani or Saudi address, a description, coordinates).
        expires_on: the last day the permit is valid, once issued.
        completed_on: the day the building was certified complete, if it was.
        area_m2: the built area in square metres (``Decimal``).

    Examples:
        >>> PermitSummary("P-1", "sa-balady", "Villa", "Building",
        ...               location=Location(address_text="Olaya"), area_m2=Decimal(250)).area_m2
        Decimal('250')
    """

    number: str = attrs.field(validator=_text(60))
    jurisdiction: str = attrs.field(validator=_jurisdiction)
    description: str = attrs.field(validator=_text(500))
    permit_type: str = attrs.field(validator=_text(60))
    location: Location = attrs.field(kw_only=True, validator=_location)
    expires_on: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)
    completed_on: dt.date | None = attrs.field(default=None, kw_only=True, converter=_optional_date)
    area_m2: Decimal | None = attrs.field(default=None, kw_only=True, converter=_area)


def mapped_status(
    state: str, *, completed: bool = False, status_map: Mapping[str, BldsStatus] | None = None
) -> BldsStatus:
    """Return the BLDS status of workflow ``state``.

    An issued permit whose building was certified complete (``completed``) is finaled.

    Raises:
        DomainRuleError: the map has no entry for ``state`` (``blds.status.unmapped``).

    Examples:
        >>> mapped_status("PENDING_PAYMENT").value
        'In Review'
        >>> mapped_status("ISSUED", completed=True).value
        'Permit Finaled'
    """
    found = _lookup(state, status_map)
    if found is None:
        raise DomainRuleError(
            "This workflow state has no BLDS status; pass a status map that covers it.",
            "لا تقابل حالة سير العمل هذه أي حالة في BLDS؛ مرّر خريطة حالات تشملها.",
            code=f"{_CODE}.status.unmapped",
            field="state",
        )
    if completed and found is BldsStatus.ISSUED:
        return BldsStatus.FINALED
    return found


def to_blds(
    case: Case,
    permit: PermitSummary,
    *,
    workflow: WorkflowDefinition | None = None,
    lang: Language = "en",
    status_map: Mapping[str, BldsStatus] | None = None,
) -> dict[str, Any]:
    """Return the permit as one BLDS record (see the module docstring for each field).

    Args:
        case: the permit application's workflow case.
        permit: the summary of the permit.
        workflow: the case's definition; by default the catalogue's workflow of that name.
        lang: the language of ``StatusCurrent`` and of the address parts.
        status_map: state name -> BLDS status; :data:`DEFAULT_STATUS_MAP` by default.

    Raises:
        InvalidFormat: not a case or not a summary (``blds.type``); the case follows
            another workflow than ``workflow`` (``blds.workflow``).
        NotFound: no ``workflow`` given and the catalogue has none of the case's name
            (``blds.workflow``).
        DomainRuleError: the case was never applied for (``blds.not_applied``), or its
            state is not in the map (``blds.status.unmapped``).

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, new_case
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> to_blds(new_case(wf, "BP-1", at=t), PermitSummary(
        ...     "BP-1", "om-sohar", "Villa", "Building", location=Location(address_text="Sohar")))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The application has not been submitted yet.
    """
    case, permit = _check(case, permit)
    definition = _workflow(case, workflow)
    lang = language(lang)
    if not case.history:
        raise DomainRuleError(
            "The application has not been submitted yet.",
            "لم يُقدَّم الطلب بعد.",
            code=f"{_CODE}.not_applied",
            field="case",
        )
    zone = get_jurisdiction(permit.jurisdiction).tz
    status = mapped_status(
        case.state, completed=permit.completed_on is not None, status_map=status_map
    )
    issued = next(
        (
            entry.at
            for entry in case.history
            if _lookup(entry.to_state, status_map) is BldsStatus.ISSUED
        ),
        None,
    )
    location = permit.location
    return {
        "PermitNum": permit.number,
        "Description": permit.description,
        "AppliedDate": _day(case.history[0].at, zone),
        "IssuedDate": _day(issued, zone),
        "CompletedDate": _iso(permit.completed_on),
        "StatusCurrent": definition.state(case.state).label(lang),
        "StatusCurrentMapped": status.value,
        "StatusDate": _day(case.entered_state_at, zone),
        **_address(location, lang),
        "PermitType": permit.permit_type,
        "ExpiresDate": _iso(permit.expires_on),
        "TotalSqFt": None if permit.area_m2 is None else _square_feet(permit.area_m2),
        "Latitude": None if location.latitude is None else float(location.latitude),
        "Longitude": None if location.longitude is None else float(location.longitude),
    }


def to_json(
    permits: Iterable[tuple[Case, PermitSummary]],
    *,
    lang: Language = "en",
    status_map: Mapping[str, BldsStatus] | None = None,
    indent: int | None = None,
) -> str:
    """Return ``(case, summary)`` pairs as a JSON array of BLDS records.

    Workflows are looked up in the catalogue (see :func:`to_blds`). Arabic stays Arabic.

    Raises:
        InvalidFormat: an item is not a ``(case, summary)`` pair (``blds.type``); as
            :func:`to_blds`.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> case = apply(wf, new_case(wf, "BP-1", at=t), "APPLY", Actor("c", ("CITIZEN",)), at=t)
        >>> permit = PermitSummary("BP-1", "sa-balady", "فيلا", "Building",
        ...                        location=Location(address_text="العليا"))
        >>> json.loads(to_json([(case, permit)], lang="ar"))[0]["StatusCurrent"]
        'تدقيق المستندات'
    """
    records = []
    for item in _pairs(permits):
        case, permit = item
        records.append(to_blds(case, permit, lang=lang, status_map=status_map))
    return json.dumps(records, ensure_ascii=False, indent=indent)


def _lookup(state: str, status_map: Mapping[str, BldsStatus] | None) -> BldsStatus | None:
    return (DEFAULT_STATUS_MAP if status_map is None else status_map).get(state)


def _pairs(permits: object) -> list[tuple[Case, PermitSummary]]:
    items = list(permits) if isinstance(permits, Iterable) else None
    if items is None or not all(isinstance(i, tuple) and len(i) == 2 for i in items):
        raise _type_error()
    return items


def _type_error() -> InvalidFormat:
    return _fail(
        "type",
        "permits",
        "A BLDS record is made of a workflow Case and a PermitSummary.",
        "يتكون سجل BLDS من حالة سير عمل (Case) وملخص تصريح (PermitSummary).",
    )


def _check(case: object, permit: object) -> tuple[Case, PermitSummary]:
    if not isinstance(case, Case) or not isinstance(permit, PermitSummary):
        raise _type_error()
    return case, permit


def _workflow(case: Case, workflow: WorkflowDefinition | None) -> WorkflowDefinition:
    found = workflow_registry().get(case.workflow) if workflow is None else workflow
    if not isinstance(found, WorkflowDefinition) or found.name != case.workflow:
        raise _fail(
            "workflow",
            "workflow",
            "The workflow definition is not the one the case follows.",
            "تعريف سير العمل ليس الذي تتبعه الحالة.",
        )
    return found


def _day(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    return None if value is None else value.astimezone(zone).date().isoformat()


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _square_feet(area_m2: Decimal) -> int:
    return int((area_m2 / _SQ_M_PER_SQ_FT).to_integral_value(rounding=ROUND_HALF_UP))


def _address(location: Location, lang: Language) -> dict[str, str | None]:
    address = location.address
    line1, line2, city, state, zipcode = location.address_text, None, None, None, None
    if isinstance(address, OmanAddress):
        line1 = f"{address.address_number} {address.street}"
        if address.sub_address_kind is not None:
            line2 = " ".join(
                p for p in (address.sub_address_kind.label(lang), address.sub_address_number) if p
            )
        city, state = address.wilayat, address.governorate.label(lang)
    elif isinstance(address, NationalAddress):
        line1 = f"{address.building_number} {address.street}"
        line2, city, zipcode = address.district, address.city, address.postal_code
    return {
        "OriginalAddress1": line1,
        "OriginalAddress2": line2,
        "OriginalCity": city,
        "OriginalState": state,
        "OriginalZip": zipcode,
    }
