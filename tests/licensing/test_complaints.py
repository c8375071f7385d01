"""Complaints: categories, locations, field checks, the workflow, ratings, SLAs, JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core import jurisdictions
from municipal_core.clock import FixedClock
from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NotFound,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.licensing import (
    COMPLAINT_WORKFLOW,
    CONFIRMATION_HOURS,
    OPEN_STATES,
    Complaint,
    ComplaintCategory,
    act,
    assign,
    close,
    complaint_categories,
    complaint_category,
    complaint_due_at,
    file_complaint,
    is_complaint_overdue,
    overdue_complaints,
    reject,
    reopen,
    resolve,
)
from municipal_core.licensing import _complaint_fields as fields
from municipal_core.licensing._complaint_location import Location, check_country
from municipal_core.serialization import from_dict, from_json, to_dict, to_json
from municipal_core.workflow import Actor, overdue_cases

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)
DISPATCHER = Actor("d-1", ("DISPATCHER",))
CREW = Actor("crew-7", ("FIELD_STAFF",))
CITIZEN = Actor("u-9", ("CITIZEN",))
SYSTEM = Actor("scheduler", ("SYSTEM",))
SOHAR = Location(latitude="24.3461", longitude="56.7075")
MUSCAT_ADDRESS = OmanAddress("12", "Al Multaqa Street", "Sohar", "North Al Batinah")
RIYADH_ADDRESS = NationalAddress(
    "2929", "King Fahd Road", "Al Olaya", "Riyadh", "12211", "3434", short_address="RRRD2929"
)


def filed(
    number: str = "SOH-CMP-2026-000001",
    *,
    category: str = "waste_collection",
    at: dt.datetime = T0,
    **kwargs: object,
) -> Complaint:
    options: dict[str, object] = {
        "jurisdiction": "om-sohar",
        "description": "Bins not emptied.",
        "location": SOHAR,
    }
    options.update(kwargs)
    return file_complaint(number, category=category, submitted_at=at, **options)  # type: ignore[arg-type]


def resolved(at: dt.datetime = T0) -> Complaint:
    c = assign(filed(at=at), DISPATCHER, assignee="crew-7", at=at + HOUR)
    return resolve(c, CREW, at=at + 2 * HOUR, comment="emptied")


# --- categories -------------------------------------------------------------------------


def test_catalogue_has_the_issue_categories_with_their_sla_hours() -> None:
    hours = {c.code: c.sla_hours for c in complaint_categories("om-sohar")}
    assert hours == {
        "waste_collection": 24,
        "street_lighting": 72,
        "potholes": 120,
        "noise": 48,
        "building_violation": 120,
        "stray_animals": 48,
    }
    saudi = [c.code for c in complaint_categories(jurisdictions.get("sa-balady"))]
    assert saudi[-1] == "visual_pollution"
    assert len(saudi) == len(set(saudi))


def test_a_derived_profile_of_the_same_country_finds_the_catalogue() -> None:
    nizwa = attrs.evolve(jurisdictions.OM_SOHAR, code="om-nizwa")
    assert complaint_category(nizwa, "noise").sla_hours == 48


def test_unknown_category_and_jurisdiction_are_not_found() -> None:
    with pytest.raises(NotFound) as err:
        complaint_category("sa-balady", "x" * 500)
    assert err.value.code == "complaint.category.unknown"
    assert "x" * 50 not in err.value.message_en
    with pytest.raises(NotFound) as err:
        complaint_categories("om-muscat")
    assert err.value.code == "jurisdiction.unknown"
    elsewhere = attrs.evolve(jurisdictions.OM_SOHAR, code="ae-dubai", country="AE")
    with pytest.raises(NotFound) as err:
        complaint_categories(elsewhere)
    assert err.value.code == "complaint.category.none"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("Noise", "Noise", "إزعاج", 48), "complaint.category.code"),
        (("noise", "Noise", "إزعاج", True), "complaint.category.sla"),
        (("noise", "Noise", "إزعاج", 0), "complaint.category.sla"),
        (("noise", "Noise", "إزعاج", 24 * 366 + 1), "complaint.category.sla"),
        (("noise", "Noise\u202e", "إزعاج", 48), "complaint.category.name.bidi"),
        (("noise", "Noise", "", 48), "complaint.category.name.length"),
    ],
)
def test_bad_categories_are_refused(args: tuple[object, ...], code: str) -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintCategory(*args)  # type: ignore[arg-type]
    assert err.value.code == code


def test_category_name_in_both_languages_and_a_bad_language() -> None:
    noise = complaint_category("om-sohar", "noise")
    assert (noise.name(), noise.name("ar")) == ("Noise", "إزعاج وضوضاء")
    with pytest.raises(InvalidComponent):
        noise.name("fr")  # type: ignore[arg-type]


# --- locations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_value", "stored"),
    [
        (Decimal("24.3461"), Decimal("24.3461")),
        (24, Decimal(24)),
        ("٢٤٫5", None),  # Arabic decimal separator is not a number
        (" 24.30 ", Decimal("24.30")),
        (24.3461, Decimal("24.3461")),
        ("24.123456789", Decimal("24.1234568")),
        ("24.12345675", Decimal("24.1234568")),  # half-even at the 7th place
        ("24.12345665", Decimal("24.1234566")),
        ("1E+1", Decimal(10)),
        ("-0", Decimal(0)),
    ],
)
def test_latitude_is_read_and_rounded(given_value: object, stored: Decimal | None) -> None:
    if stored is None:
        with pytest.raises(InvalidFormat) as err:
            Location(latitude=given_value, longitude="56")  # type: ignore[arg-type]
        assert err.value.code == "complaint.location.latitude.format"
        return
    value = Location(latitude=given_value, longitude="56").latitude  # type: ignore[arg-type]
    assert value == stored
    assert str(value) == str(stored)


@pytest.mark.parametrize("bad", ["NaN", "Infinity", True, None.__class__, "x" * 50, [], "1e999"])
def test_non_numbers_are_not_coordinates(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        Location(latitude="24", longitude=bad)  # type: ignore[arg-type]
    assert err.value.field == "longitude"


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [("90.0000001", "0", "latitude"), ("-91", "0", "latitude"), ("0", "180.5", "longitude")],
)
def test_coordinates_out_of_range(lat: str, lon: str, field: str) -> None:
    with pytest.raises(InvalidComponent) as err:
        Location(latitude=lat, longitude=lon)
    assert (err.value.field, err.value.code) == (field, f"complaint.location.{field}.range")
    assert Location(latitude="-90", longitude="180").longitude == 180


def test_location_needs_something_and_both_coordinates() -> None:
    with pytest.raises(InvalidFormat) as err:
        Location()
    assert err.value.code == "complaint.location.empty"
    with pytest.raises(InvalidFormat) as err:
        Location(latitude="24")
    assert (err.value.code, err.value.field) == ("complaint.location.pair", "longitude")
    with pytest.raises(InvalidFormat) as err:
        Location(address="12 Main Street")  # type: ignore[arg-type]
    assert err.value.code == "complaint.location.address"
    with pytest.raises(InvalidFormat) as err:
        Location(address_text="behind\u202ethe mosque")
    assert err.value.code == "complaint.location.text.bidi"


def test_address_line_in_both_languages() -> None:
    riyadh = Location(RIYADH_ADDRESS, "gate 3")
    assert riyadh.address_line() == (
        "2929 King Fahd Road, Al Olaya, Riyadh 12211-3434, Short address RRRD2929, gate 3"
    )
    assert "العنوان المختصر RRRD2929" in (riyadh.address_line("ar") or "")
    assert Location(latitude="1", longitude="1").address_line() is None
    with pytest.raises(InvalidComponent):
        riyadh.address_line("fr")  # type: ignore[arg-type]


def test_country_check_catches_swapped_coordinates_and_foreign_addresses() -> None:
    check_country(SOHAR, "OM")
    check_country(Location(latitude="60", longitude="10"), "NO")  # no box: not checked
    with pytest.raises(DomainRuleError) as err:
        check_country(Location(latitude="56.7075", longitude="24.3461"), "OM")
    assert err.value.code == "complaint.location.outside"
    with pytest.raises(DomainRuleError) as err:
        check_country(Location(RIYADH_ADDRESS), "OM")
    assert err.value.code == "complaint.location.address_country"
    with pytest.raises(DomainRuleError):
        filed(jurisdiction="sa-balady", location=Location(MUSCAT_ADDRESS))


@pytest.mark.parametrize(
    "location",
    [SOHAR, Location(MUSCAT_ADDRESS, "near the souq"), Location(RIYADH_ADDRESS, None, "24", "46")],
)
def test_locations_round_trip_through_json(location: Location) -> None:
    assert from_json(to_json(location), Location) == location


@given(
    st.decimals(min_value=-90, max_value=90, allow_nan=False, places=7),
    st.decimals(min_value=-180, max_value=180, allow_nan=False, places=7),
)
def test_any_in_range_coordinate_is_kept_exactly(lat: Decimal, lon: Decimal) -> None:
    spot = Location(latitude=lat, longitude=lon)
    assert (spot.latitude, spot.longitude) == (lat, lon)
    # A float of at most 7 places reads back to the same value.
    assert Location(latitude=float(lat), longitude=float(lon)).latitude == lat
    assert from_json(to_json(spot), Location) == spot


# --- fields -----------------------------------------------------------------------------


def test_number_is_tidied_or_refused() -> None:
    assert fields.number("\u200fSOH/CMP/٢٠٢٦/7 ") == "SOH/CMP/2026/7"
    for bad in ("", "-CMP", "CMP 1", "x" * 65, 12):
        with pytest.raises(InvalidFormat) as err:
            fields.number(bad)
        assert err.value.code == "complaint.number"


def test_description_keeps_paragraphs_and_refuses_tricks() -> None:
    text = "  Lamp 14 is dark.\r\n\r\n\r\n\tSince\u00a0Friday.\u200f \n \n"
    assert fields.description(text) == "Lamp 14 is dark.\n\nSince Friday.\u200f"
    assert fields.description("a\u2028b") == "a\nb"
    cases = [
        ("bad\x00", InvalidFormat, "complaint.description.control"),
        ("evil\u202etxt", InvalidFormat, "complaint.description.bidi"),
        (" \n\u200b\n ", InvalidLength, "complaint.description.length"),
        ("x" * 4001, InvalidLength, "complaint.description.length"),
        ("x" * 20000, InvalidLength, "complaint.description.length"),
        (b"bytes", InvalidFormat, "complaint.description.format"),
    ]
    for value, cls, code in cases:
        with pytest.raises(cls) as err:
            fields.description(value)
        assert err.value.code == code
    assert len(fields.description("x" * 4000)) == 4000


@given(st.text(max_size=300))
def test_description_is_idempotent_and_clean(text: str) -> None:
    try:
        tidy = fields.description(text)
    except ValidationError:
        return
    assert fields.description(tidy) == tidy
    assert tidy == tidy.strip()
    assert "\n\n\n" not in tidy
    assert not any(ch in tidy for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_attachments_are_references_or_safe_urls() -> None:
    good = ("https://files.sohar.gov.om/c/1.jpg", "http://10.0.0.5:8080/a", "fs/2026/ab-1_c.png")
    assert fields.attachments([*good, good[0]]) == good
    assert fields.attachments("fs/one") == ("fs/one",)
    assert fields.attachments(()) == ()
    bad_values = [
        "javascript:alert(1)",
        "ftp://files.example.om/a",
        "https://user:secret@files.example.om/a",
        "https:///no-host",
        "https://files.example.om/a b",
        "https://files.example.om/\u202ejpg.exe",
        "https://[::1/a",
        "https://example.om:0/a",
        "fs/../../etc/passwd",
        "data:text/html,hi",
        "",
        "x" * 2049,
    ]
    for bad in bad_values:
        with pytest.raises(InvalidFormat) as err:
            fields.attachments([bad])
        assert err.value.code == "complaint.attachment.format", bad
    with pytest.raises(InvalidFormat):
        fields.attachments(7)  # type: ignore[arg-type]
    with pytest.raises(InvalidLength) as err:
        fields.attachments([f"fs/{i}" for i in range(11)])
    assert err.value.code == "complaint.attachment.count"


def test_rating_values() -> None:
    assert [fields.rating(v) for v in (1, "5", " ٣ ")] == [1, 5, 3]
    for bad in (0, 6, True, "4.0", "10", 4.0, None):
        with pytest.raises(InvalidComponent):
            fields.rating(bad)


# --- filing and the workflow ------------------------------------------------------------


def test_filing_makes_a_complaint_awaiting_assignment() -> None:
    c = filed(attachments=["https://x.om/p.jpg"])
    assert (c.state, c.is_open, c.rating, c.assignee) == ("AWAITING_ASSIGNMENT", True, None, None)
    assert c.case.id == c.number
    assert c.case.workflow == "complaint"
    assert c.attachments == ("https://x.om/p.jpg",)
    assert c.status_label("ar") == "بانتظار الإسناد"
    assert repr(c) == (
        "Complaint(number='SOH-CMP-2026-000001', category='waste_collection',"
        " state='AWAITING_ASSIGNMENT')"
    )
    assert "Bins" not in repr(c)


def test_filing_with_a_host_category_and_bad_inputs() -> None:
    own = ComplaintCategory("graffiti", "Graffiti", "كتابة على الجدران", 96)
    assert filed(category=own).category == own  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        filed(category="parking")
    with pytest.raises(InvalidFormat) as err:
        filed(at=dt.datetime(2026, 3, 1))
    assert (err.value.code, err.value.field) == ("workflow.datetime", "submitted_at")
    with pytest.raises(InvalidFormat) as err:
        filed(location="Sohar")
    assert err.value.code == "complaint.location"
    with pytest.raises(NotFound):
        filed(jurisdiction="om-muscat")
    with pytest.raises(NotFound):  # a derived profile must be registered first
        filed(jurisdiction=attrs.evolve(jurisdictions.OM_SOHAR, code="om-nizwa"))
    with pytest.raises(InvalidFormat) as err:
        filed(attachments=7)
    assert err.value.code == "complaint.attachment.format"
    assert filed(attachments=(f"fs/{i}" for i in range(2))).attachments == ("fs/0", "fs/1")
    with pytest.raises(InvalidFormat) as err:
        Complaint("C-1", 7, own, "x", SOHAR, T0, filed().case)  # type: ignore[arg-type]
    assert err.value.code == "complaint.jurisdiction"


def test_the_whole_happy_path_with_a_rating() -> None:
    c = resolved()
    assert (c.state, c.is_open, c.assignee) == ("RESOLVED", False, "crew-7")
    c = close(c, CITIZEN, rating=4, rating_comment="  Fast ", at=T0 + 3 * HOUR)
    assert (c.state, c.rating, c.rating_comment) == ("CLOSED", 4, "Fast")
    assert [e.action for e in c.case.history] == ["ASSIGN", "RESOLVE", "CLOSE"]


def test_reject_needs_a_reason_and_reopen_restarts_the_sla() -> None:
    c = filed(category="potholes")
    with pytest.raises(InvalidComponent):
        reject(c, DISPATCHER, reason="  ", at=T0)
    c = reject(c, DISPATCHER, reason="Private road", at=T0 + HOUR)
    assert (c.state, complaint_due_at(c)) == ("REJECTED", None)
    later = T0 + 50 * HOUR
    c = reopen(c, CITIZEN, reason="It is a public road", at=later)
    assert (c.state, c.is_open) == ("REOPENED", True)
    assert complaint_due_at(c) == later + 120 * HOUR
    c = assign(c, DISPATCHER, assignee="roads", at=later)
    assert complaint_due_at(c) == later + 120 * HOUR  # assignment does not reset it


def test_illegal_and_forbidden_steps() -> None:
    c = filed()
    with pytest.raises(IllegalTransition):
        close(c, CITIZEN, at=T0)
    with pytest.raises(PermissionDenied):
        assign(c, CITIZEN, assignee="me", at=T0)
    with pytest.raises(InvalidComponent):
        act(c, "ASSIGN", DISPATCHER, at=T0)
    with pytest.raises(DomainRuleError) as err:
        act(c, "ASSIGN", DISPATCHER, at=T0, payload={"assignee": "a", "rating": "5"})
    assert err.value.code == "complaint.rating.via_close"
    with pytest.raises(InvalidFormat) as err:
        act(c.case, "ASSIGN", DISPATCHER, at=T0)  # type: ignore[arg-type]
    assert err.value.code == "complaint.type"
    with pytest.raises(DomainRuleError):
        assign(c, DISPATCHER, assignee="a", at=T0 - HOUR)


def test_only_a_citizen_rates_and_a_comment_needs_a_rating() -> None:
    c = resolved()
    with pytest.raises(DomainRuleError) as err:
        close(c, SYSTEM, rating=5, at=T0 + 3 * HOUR)
    assert err.value.code == "complaint.rating.citizen_only"
    with pytest.raises(DomainRuleError) as err:
        close(c, CITIZEN, rating_comment="ok", at=T0 + 3 * HOUR)
    assert err.value.code == "complaint.rating.comment_alone"
    with pytest.raises(InvalidComponent):
        close(c, CITIZEN, rating=0, at=T0 + 3 * HOUR)
    auto = close(c, SYSTEM, at=T0 + 3 * HOUR, comment="no answer in 7 days")
    assert (auto.state, auto.rating, auto.rating_comment) == ("CLOSED", None, None)
    both = Actor("u-1", ("SYSTEM", "CITIZEN"))
    rated = close(c, both, rating=3, at=T0 + 3 * HOUR)
    assert (rated.rating, rated.case.history[-1].role) == (3, "CITIZEN")


# --- consistency of a complaint read back -----------------------------------------------


def test_complaints_round_trip_through_json_at_every_stage() -> None:
    c = resolved()
    stages = [filed(), c, close(c, CITIZEN, rating=2, rating_comment="Slow", at=T0 + 9 * HOUR)]
    for complaint in stages:
        back = from_json(to_json(complaint), Complaint)
        assert back == complaint
        assert (back.rating, back.state) == (complaint.rating, complaint.state)


def _tampered(data: dict[str, object]) -> None:
    with pytest.raises(WorkflowError) as err:
        from_dict(data, Complaint)
    assert err.value.code == "complaint.case"


def test_a_tampered_history_is_refused() -> None:
    c = close(resolved(), CITIZEN, rating=5, at=T0 + 3 * HOUR)
    data = to_dict(c)
    data["case"]["history"][-1]["payload"] = [["rating", "9"]]
    _tampered(data)
    data["case"]["history"][-1]["payload"] = [["rating", "05"]]
    _tampered(data)
    data["case"]["history"][-1]["payload"] = [["rating", "5"], ["rating_comment", " x "]]
    _tampered(data)
    data = to_dict(c)
    data["case"]["history"][-1]["role"] = "SYSTEM"
    _tampered(data)
    data = to_dict(c)
    data["case"]["history"][0]["payload"] = [["assignee", "a"], ["rating", "5"]]
    _tampered(data)
    data = to_dict(c)
    data["case"]["history"][1]["action"] = "REJECT"
    _tampered(data)
    data = to_dict(c)
    data["case"]["id"] = "OTHER-1"
    _tampered(data)
    data = to_dict(c)
    data["submitted_at"] = (T0 + 2 * HOUR).isoformat()
    _tampered(data)
    fresh = to_dict(filed())
    fresh["case"]["state"] = "CLOSED"
    _tampered(fresh)
    skipped = to_dict(resolved())  # history starting at ASSIGNED: the assignment is gone
    del skipped["case"]["history"][0]
    _tampered(skipped)


# --- SLA --------------------------------------------------------------------------------


def test_due_time_follows_the_category_in_elapsed_hours() -> None:
    london = ZoneInfo("Europe/London")
    before_dst = dt.datetime(2026, 3, 28, 12, 0, tzinfo=london)  # clocks go forward on the 29th
    c = filed(at=before_dst)
    due = complaint_due_at(c)
    assert due is not None
    assert due.astimezone(dt.timezone.utc) - before_dst.astimezone(dt.timezone.utc) == 24 * HOUR
    assert due.tzinfo is london
    assert due.hour == 13
    assert complaint_due_at(filed(category="street_lighting")) == T0 + 72 * HOUR


def test_overdue_at_the_boundary_and_the_escalation_list() -> None:
    waste, lamp = filed("A-1"), filed("B-1", category="street_lighting")
    assert not is_complaint_overdue(waste, FixedClock(T0 + 24 * HOUR))
    assert is_complaint_overdue(waste, FixedClock(T0 + 24 * HOUR + dt.timedelta(seconds=1)))
    late = filed("A-0", at=T0 - HOUR)
    clock = FixedClock(T0 + 100 * HOUR)
    assert overdue_complaints([lamp, waste, late, resolved()], clock) == (late, waste, lamp)
    assert overdue_complaints([], clock) == ()


def test_the_workflow_lists_answered_complaints_due_for_closing() -> None:
    c = resolved()
    clock = FixedClock(T0 + 2 * HOUR + CONFIRMATION_HOURS * HOUR + HOUR)
    assert overdue_cases(COMPLAINT_WORKFLOW, [c.case, filed().case], clock) == (c.case,)


# --- random action sequences ------------------------------------------------------------

ACTORS = [DISPATCHER, CREW, CITIZEN, SYSTEM, Actor("x", ("AUDITOR",))]
ACTIONS = sorted({a.name for a in COMPLAINT_WORKFLOW.actions} | {"ESCALATE"})
EDGES = {(s, a.name): a for a in COMPLAINT_WORKFLOW.actions for s in a.from_states}
FULL = {"assignee": "crew", "reason": "dup"}

# Each step is either a legal move (picked among the moves the state allows, by an actor
# holding a role for it) or a random action by a random actor with a random payload; a
# purely random walk would almost never get past the first assignment.
steps = st.lists(
    st.tuples(
        st.booleans(),
        st.integers(min_value=0, max_value=99),
        st.sampled_from(ACTIONS),
        st.sampled_from(ACTORS),
        st.integers(min_value=-1, max_value=80),
        st.sampled_from([None, FULL, {"assignee": "crew"}, {"reason": ""}]),
        st.sampled_from([None, 1, 5, 7]),
    ),
    max_size=25,
)
Step = tuple[bool, int, str, Actor, int, "dict[str, str] | None", "int | None"]


def _pick(c: Complaint, legal: bool, index: int, action: str, actor: Actor) -> tuple[str, Actor]:
    if not legal:
        return action, actor
    moves = [
        (a.name, who)
        for a in COMPLAINT_WORKFLOW.actions_from(c.state)
        for who in ACTORS
        if set(who.roles) & set(a.roles)
    ]
    return moves[index % len(moves)] if moves else (action, actor)


@given(steps)
def test_random_sequences_keep_ratings_on_closed_complaints_and_stay_in_the_graph(
    sequence: list[Step],
) -> None:
    c, when = filed(), T0
    for legal, index, random_action, random_actor, hours, payload, stars in sequence:
        action, actor = _pick(c, legal, index, random_action, random_actor)
        before, at = c, when + dt.timedelta(hours=hours)
        try:
            if action == "CLOSE":
                c = close(c, actor, at=at, rating=stars)
            else:
                c = act(c, action, actor, at=at, payload=FULL if legal else payload)
        except (ValidationError, DomainRuleError, WorkflowError, PermissionDenied):
            assert c is before
            continue
        when = at
        entry = c.case.history[-1]
        move = EDGES[(before.state, action)]
        assert (entry.from_state, entry.to_state) == (before.state, move.to_state)
        assert entry.role in move.roles
    assert c.state in {s.name for s in COMPLAINT_WORKFLOW.states}
    assert c.is_open == (c.state in OPEN_STATES)
    assert c.rating is None or (c.state == "CLOSED" and 1 <= c.rating <= 5)
    assert (complaint_due_at(c) is None) == (not c.is_open)
    assert from_json(to_json(c), Complaint) == c
