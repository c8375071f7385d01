"""Open311 GeoReport v2 export: field names, status mapping, times, places, JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core import jurisdictions
from municipal_core.errors import InvalidComponent, InvalidFormat
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.interop.open311 import (
    SERVICE_REQUEST_FIELDS,
    status,
    to_json,
    to_service_request,
    to_services,
)
from municipal_core.licensing import (
    Complaint,
    Location,
    assign,
    close,
    file_complaint,
    reject,
    reopen,
    resolve,
)
from municipal_core.workflow import Actor

FILED = dt.datetime(2026, 4, 2, 6, 30, 15, 999, tzinfo=dt.timezone.utc)
STEP = dt.timedelta(hours=2)
GRO = Actor("gro-1", ("DISPATCHER",))
LME = Actor("lme-1", ("FIELD_STAFF",))
CITIZEN = Actor("c-1", ("CITIZEN",))

# The example response of GET requests.json in the GeoReport v2 specification
# (wiki.open311.org/GeoReport_v2), written out here independently of the module.
SPEC_EXAMPLE = {
    "service_request_id": "638344",
    "status": "closed",
    "status_notes": "Duplicate request.",
    "service_name": "Sidewalk and Curb Issues",
    "service_code": "006",
    "description": None,
    "agency_responsible": None,
    "service_notice": None,
    "requested_datetime": "2010-04-14T06:37:38-08:00",
    "updated_datetime": "2010-04-14T06:37:38-08:00",
    "expected_datetime": "2010-04-15T06:37:38-08:00",
    "address": "8TH AVE and JUDAH ST",
    "address_id": "545483",
    "zipcode": "94122",
    "lat": 37.762221815,
    "long": -122.4651145,
    "media_url": "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
}


def riyadh_pothole(**kwargs: object) -> Complaint:
    options: dict[str, object] = {
        "jurisdiction": "sa-balady",
        "category": "potholes",
        "description": "Deep pothole in the right lane.",
        "location": Location(
            NationalAddress(
                "2929",
                "King Fahd Road",
                "Al Olaya",
                "Riyadh",
                "12211",
                "3434",
                short_address="RRRD2929",
            ),
            "in front of gate 3",
            "24.7136",
            "46.6753",
        ),
        "submitted_at": FILED,
        "attachments": ["fs/2026/p1.jpg", "https://files.balady.example/p2.jpg"],
    }
    options.update(kwargs)
    return file_complaint("BLD-CMP-2026-000007", **options)  # type: ignore[arg-type]


def test_every_spec_field_and_no_other_in_the_spec_order() -> None:
    record = to_service_request(riyadh_pothole())
    assert tuple(record) == SERVICE_REQUEST_FIELDS == tuple(SPEC_EXAMPLE)
    for name, value in record.items():  # the JSON types of the spec's example
        example = SPEC_EXAMPLE[name]
        assert value is None or example is None or isinstance(value, type(example)), name


def test_an_open_saudi_complaint_field_by_field() -> None:
    record = to_service_request(riyadh_pothole())
    assert record == {
        "service_request_id": "BLD-CMP-2026-000007",
        "status": "open",
        "status_notes": "Awaiting assignment",
        "service_name": "Potholes",
        "service_code": "potholes",
        "description": "Deep pothole in the right lane.",
        "agency_responsible": jurisdictions.SA_BALADY.name("en"),
        "service_notice": None,
        "requested_datetime": "2026-04-02T09:30:15+03:00",
        "updated_datetime": "2026-04-02T09:30:15+03:00",
        "expected_datetime": "2026-04-07T09:30:15+03:00",
        "address": (
            "2929 King Fahd Road, Al Olaya, Riyadh 12211-3434, Short address RRRD2929,"
            " in front of gate 3"
        ),
        "address_id": "RRRD2929",
        "zipcode": "12211",
        "lat": 24.7136,
        "long": 46.6753,
        "media_url": "https://files.balady.example/p2.jpg",
    }
    assert (
        record["agency_responsible"]
        != to_service_request(riyadh_pothole(), lang="ar")["agency_responsible"]
    )


def test_arabic_export() -> None:
    record = to_service_request(riyadh_pothole(), lang="ar")
    assert record["service_name"] == "حفر في الطريق"
    assert record["status_notes"] == "بانتظار الإسناد"
    assert "العنوان المختصر" in record["address"]
    with pytest.raises(InvalidComponent):
        to_service_request(riyadh_pothole(), lang="fr")  # type: ignore[arg-type]


def _through_every_state() -> list[tuple[Complaint, str]]:
    c = riyadh_pothole()
    seen = [(c, "open")]
    c = assign(c, GRO, assignee="roads", at=FILED + STEP)
    seen.append((c, "open"))
    c = resolve(c, LME, at=FILED + 2 * STEP)
    seen.append((c, "closed"))
    c = reopen(c, CITIZEN, reason="Still there", at=FILED + 3 * STEP)
    seen.append((c, "open"))
    c = reject(c, GRO, reason="Duplicate of BLD-CMP-2026-000003", at=FILED + 4 * STEP)
    seen.append((c, "closed"))
    c = close(c, CITIZEN, rating=1, at=FILED + 5 * STEP)
    seen.append((c, "closed"))
    return seen


def test_status_maps_open_states_to_open_and_answered_ones_to_closed() -> None:
    seen = _through_every_state()
    states = [c.state for c, _ in seen]
    assert states == [
        "AWAITING_ASSIGNMENT",
        "ASSIGNED",
        "RESOLVED",
        "REOPENED",
        "REJECTED",
        "CLOSED",
    ]
    for complaint, expected in seen:
        record = to_service_request(complaint)
        assert status(complaint) == record["status"] == expected
        assert (record["expected_datetime"] is None) == (expected == "closed")
        assert record["updated_datetime"] == complaint.case.entered_state_at.astimezone(
            dt.timezone(dt.timedelta(hours=3))
        ).isoformat(timespec="seconds")


def test_status_notes_publish_reasons_but_never_comments() -> None:
    seen = _through_every_state()
    notes = [to_service_request(c)["status_notes"] for c, _ in seen]
    assert notes[3] == "Reopened: Still there"
    assert notes[4] == "Rejected: Duplicate of BLD-CMP-2026-000003"
    assert notes[5] == "Closed"
    c = resolve(
        assign(riyadh_pothole(), GRO, assignee="r", at=FILED),
        LME,
        at=FILED,
        comment="internal: contractor X was slow",
    )
    assert to_service_request(c)["status_notes"] == "Resolved"
    assert "contractor" not in to_json(c)


def test_an_omani_complaint_without_coordinates_or_links() -> None:
    c = file_complaint(
        "SOH-CMP-2026-000009",
        jurisdiction="om-sohar",
        category="stray_animals",
        description="Dogs near the school.",
        location=Location(OmanAddress("12", "Al Multaqa Street", "Sohar", "North Al Batinah")),
        submitted_at=dt.datetime(2026, 4, 2, 8, 0, tzinfo=dt.timezone.utc),
        attachments=["fs/photo-1"],
    )
    record = to_service_request(c)
    assert record["requested_datetime"] == "2026-04-02T12:00:00+04:00"
    assert (record["lat"], record["long"], record["media_url"]) == (None, None, None)
    assert (record["address_id"], record["zipcode"]) == (None, None)
    assert record["address"].startswith("12, Al Multaqa Street, Sohar")
    assert record["agency_responsible"] == "Sohar Municipality"


def test_json_body_is_an_array_of_records_in_utf8() -> None:
    one, two = riyadh_pothole(), riyadh_pothole(submitted_at=FILED + STEP)
    body = to_json([one, two], lang="ar")
    assert json.loads(body) == [to_service_request(c, lang="ar") for c in (one, two)]
    assert "حفر في الطريق" in body
    assert "\\u" not in body
    assert json.loads(to_json(one)) == [to_service_request(one)]
    assert to_json([]) == "[]"
    assert to_json(one, indent=2).startswith("[\n  {\n")


@pytest.mark.parametrize("bad", [7, "BLD-CMP-1", [object()], None])
def test_only_complaints_can_be_exported(bad: object) -> None:
    with pytest.raises(InvalidFormat) as err:
        to_json(bad)  # type: ignore[arg-type]
    assert err.value.code == "open311.type"
    with pytest.raises(InvalidFormat):
        to_service_request(bad)  # type: ignore[arg-type]


@given(
    st.decimals(min_value="16.5", max_value="32", places=7),
    st.decimals(min_value="35", max_value="55.5", places=7),
)
def test_coordinates_export_as_numbers_that_read_back_exactly(lat: Decimal, lon: Decimal) -> None:
    location = Location(latitude=lat, longitude=lon)
    record = json.loads(to_json(riyadh_pothole(location=location)))[0]
    assert (Decimal(repr(record["lat"])), Decimal(repr(record["long"]))) == (lat, lon)


def test_categories_as_open311_services() -> None:
    services = to_services("sa-balady")
    assert [s["service_code"] for s in services][-1] == "visual_pollution"
    for service in services:  # the fields of GET services in GeoReport v2
        assert set(service) == {
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        }
        assert (service["metadata"], service["type"]) == (False, "realtime")
    assert to_services("om-sohar", lang="ar")[2]["description"] == "يُجاب عنه خلال 120 ساعة."
    with pytest.raises(InvalidComponent):
        to_services("om-sohar", lang="de")  # type: ignore[arg-type]
