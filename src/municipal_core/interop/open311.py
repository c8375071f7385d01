"""Complaints as Open311 GeoReport v2 service requests (``GET requests.json``).

`Open311 GeoReport v2 <https://wiki.open311.org/GeoReport_v2>`_ is the open standard
for non-emergency municipal reports (potholes, street lights, waste). This module
turns a :class:`~municipal_core.licensing._complaints.Complaint` into the service-request
record of that standard, field for field, so a portal can publish its complaints at
``/requests.json`` or a city dashboard can read them:

=====================  ==============================================================
field                  from
=====================  ==============================================================
service_request_id     the complaint number
status                 ``"open"`` while the municipality owes an answer (awaiting
                       assignment, assigned, reopened); ``"closed"`` once resolved,
                       rejected or closed
status_notes           the public status label, plus the reason of the last step when
                       it had one (a rejection or a reopening); internal comments are
                       never published
service_name           the category's name in ``lang``
service_code           the category's code
description            the description
agency_responsible     the jurisdiction's name in ``lang``
service_notice         ``null``
requested_datetime     when it was filed
updated_datetime       when its state last changed
expected_datetime      when it is due (the category's SLA); ``null`` once answered
address                the structured address and the free-text description, one line
address_id             the Saudi short address, when there is one
zipcode                the Saudi postal code, when there is one
lat, long              WGS 84 degrees as JSON numbers, or ``null``
media_url              the first ``http(s)`` attachment, or ``null``
=====================  ==============================================================

Every field is present, ``null`` when unknown, as in the standard's own examples.
Datetimes are ISO 8601 with the offset, to the second, in the jurisdiction's time zone.
Coordinates are the only floats: the standard writes them as numbers, and a coordinate of
at most seven decimal places converts to a float and back to the same digits.

Examples:
    >>> from datetime import datetime, timezone
    >>> from municipal_core.licensing import Location
    >>> from municipal_core.licensing import file_complaint
    >>> c = file_complaint("SOH-CMP-2026-000042", jurisdiction="om-sohar",
    ...                    category="street_lighting", description="Lamp post 14 is dark.",
    ...                    location=Location(latitude="24.3461", longitude="56.7075"),
    ...                    submitted_at=datetime(2026, 3, 1, 5, 0, tzinfo=timezone.utc))
    >>> record = to_service_request(c)
    >>> record["status"], record["service_code"], record["lat"], record["long"]
    ('open', 'street_lighting', 24.3461, 56.7075)
    >>> record["requested_datetime"], record["expected_datetime"]
    ('2026-03-01T09:00:00+04:00', '2026-03-04T09:00:00+04:00')
    >>> to_service_request(c, lang="ar")["service_name"]
    'إنارة الشوارع'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, Literal

from municipal_core import jurisdictions
from municipal_core._text import language
from municipal_core.errors import InvalidFormat, Language
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing import Complaint, complaint_categories, complaint_due_at

__all__ = [
    "SERVICE_REQUEST_FIELDS",
    "Open311Status",
    "status",
    "to_json",
    "to_service_request",
    "to_services",
]

Open311Status = Literal["open", "closed"]
"""The two statuses GeoReport v2 knows."""

SERVICE_REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)
"""The fields of a GeoReport v2 service request, in the standard's order."""


def status(complaint: Complaint) -> Open311Status:
    """Return ``"open"`` or ``"closed"`` for ``complaint``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.licensing import Location
        >>> from municipal_core.licensing import file_complaint
        >>> status(file_complaint("C-1", jurisdiction="sa-balady", category="noise",
        ...                       description="Noise", location=Location(address_text="Olaya"),
        ...                       submitted_at=datetime(2026, 3, 1, tzinfo=timezone.utc)))
        'open'
    """
    return "open" if _complaint(complaint).is_open else "closed"


def to_service_request(complaint: Complaint, *, lang: Language = "en") -> dict[str, Any]:
    """Return ``complaint`` as a GeoReport v2 service request (see the module docstring).

    Raises:
        InvalidFormat: ``complaint`` is not a complaint (``open311.type``).
        InvalidComponent: ``lang`` is not ``"en"`` or ``"ar"`` (``language``).

    Examples:
        >>> from municipal_core.licensing import Location
        >>> from municipal_core.licensing import file_complaint, reject
        >>> from municipal_core.workflow import Actor
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> c = file_complaint("C-2", jurisdiction="sa-balady", category="noise",
        ...                    description="Noise", location=Location(address_text="Olaya"),
        ...                    submitted_at=t)
        >>> c = reject(c, Actor("d-1", ("DISPATCHER",)), reason="Police matter", at=t)
        >>> record = to_service_request(c)
        >>> record["status"], record["status_notes"], record["expected_datetime"]
        ('closed', 'Rejected: Police matter', None)
    """
    complaint, lang = _complaint(complaint), language(lang)
    profile = jurisdictions.resolve(complaint.jurisdiction)
    location, zone = complaint.location, profile.tz
    address = location.address if isinstance(location.address, NationalAddress) else None
    return {
        "service_request_id": complaint.number,
        "status": status(complaint),
        "status_notes": _status_notes(complaint, lang),
        "service_name": complaint.category.name(lang),
        "service_code": complaint.category.code,
        "description": complaint.description,
        "agency_responsible": profile.name(lang),
        "service_notice": None,
        "requested_datetime": _datetime(complaint.submitted_at, zone),
        "updated_datetime": _datetime(complaint.case.entered_state_at, zone),
        "expected_datetime": _datetime(complaint_due_at(complaint), zone),
        "address": location.address_line(lang),
        "address_id": None if address is None else address.short_address,
        "zipcode": None if address is None else address.postal_code,
        "lat": None if location.latitude is None else float(location.latitude),
        "long": None if location.longitude is None else float(location.longitude),
        "media_url": next((a for a in complaint.attachments if "://" in a), None),
    }


def to_json(
    complaints: Complaint | Iterable[Complaint], *, lang: Language = "en", indent: int | None = None
) -> str:
    """Return ``complaints`` as the JSON body of ``GET requests.json``: an array.

    One complaint gives an array of one, as ``GET request/{id}.json`` does. Text is
    UTF-8 ready: Arabic stays Arabic, not escape sequences.

    Raises:
        InvalidFormat: an item is not a complaint (``open311.type``).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from municipal_core.licensing import Location
        >>> from municipal_core.licensing import file_complaint
        >>> c = file_complaint("C-7", jurisdiction="sa-balady", category="potholes",
        ...                    description="حفرة عميقة", location=Location(address_text="العليا"),
        ...                    submitted_at=datetime(2026, 3, 1, tzinfo=timezone.utc))
        >>> body = to_json(c, lang="ar")
        >>> json.loads(body)[0]["service_name"], '"حفر في الطريق"' in body
        ('حفر في الطريق', True)
    """
    items = (complaints,) if isinstance(complaints, Complaint) else complaints
    try:
        records = [to_service_request(item, lang=lang) for item in items]
    except TypeError:  # not iterable
        raise _not_a_complaint() from None
    return json.dumps(records, ensure_ascii=False, indent=indent)


def to_services(jurisdiction: str | Jurisdiction, *, lang: Language = "en") -> list[dict[str, Any]]:
    """Return the jurisdiction's complaint categories as GeoReport v2 ``GET services``.

    Each service is ``realtime`` (a request gets its id at once) without extra form
    fields (``metadata`` false); its description states the SLA.

    Raises:
        NotFound: an unknown jurisdiction, or one without a catalogue.

    Examples:
        >>> to_services("om-sohar")[0]
        {'service_code': 'waste_collection', 'service_name': 'Waste collection', \
'description': 'Answered within 24 hours.', 'metadata': False, 'type': 'realtime', \
'keywords': '', 'group': ''}
        >>> to_services("sa-balady", lang="ar")[0]["description"]
        'يُجاب عنه خلال 24 ساعة.'
    """
    lang = language(lang)
    return [
        {
            "service_code": category.code,
            "service_name": category.name(lang),
            "description": (
                f"يُجاب عنه خلال {category.sla_hours} ساعة."
                if lang == "ar"
                else f"Answered within {category.sla_hours} hours."
            ),
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
        for category in complaint_categories(jurisdiction)
    ]


def _complaint(value: object) -> Complaint:
    if not isinstance(value, Complaint):
        raise _not_a_complaint()
    return value


def _not_a_complaint() -> InvalidFormat:
    return InvalidFormat(
        "Only complaints can be exported as Open311 service requests.",
        "لا يُصدَّر بصيغة Open311 إلا البلاغات.",
        code="open311.type",
        field="complaints",
    )


def _status_notes(complaint: Complaint, lang: Language) -> str:
    label = complaint.status_label(lang)
    history = complaint.case.history
    # Only the reason field is public by design (a rejection or reopening must be
    # explained to the citizen); comments may be internal notes and are never exported.
    reason = dict(history[-1].payload).get("reason") if history else None
    return f"{label}: {reason}" if reason else label


def _datetime(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    if value is None:
        return None
    return value.astimezone(zone).isoformat(timespec="seconds")
