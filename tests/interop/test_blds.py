"""BLDS permit records: field names, mapped statuses, dates, addresses, JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import DomainRuleError, InvalidFormat, NotFound
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.interop.blds import (
    BLDS_FIELDS,
    DEFAULT_STATUS_MAP,
    BldsStatus,
    PermitSummary,
    mapped_status,
    to_blds,
    to_json,
)
from municipal_core.licensing._catalogue import workflow_registry
from municipal_core.licensing._complaint_location import Location
from municipal_core.licensing._om_permits import BUILDING_PERMIT_WORKFLOW as WF
from municipal_core.serialization import from_json
from municipal_core.serialization import to_json as model_to_json
from municipal_core.workflow import (
    LICENCE_WORKFLOW,
    Actor,
    Case,
    apply,
    available_actions,
    new_case,
)

# 22:00 UTC is already the next day in Muscat (+04:00): every date must be the local one.
START = dt.datetime(2026, 3, 1, 22, 0, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)
EVERYONE = Actor("all-1", tuple(sorted({r for a in WF.actions for r in a.roles})))
SOHAR = OmanAddress("12", "Al Multaqa Street", "Sohar", "North Al Batinah",
                    sub_address_kind="villa", sub_address_number="3")  # fmt: skip
RIYADH = NationalAddress("2929", "King Fahd Road", "Al Olaya", "Riyadh", "12211", "3434")


def _permit(**changes: object) -> PermitSummary:
    values: dict[str, object] = {
        "number": "BP-2026-0001",
        "jurisdiction": "om-sohar",
        "description": "Two-storey villa",
        "permit_type": "Building",
        "location": Location(SOHAR, latitude="24.3461", longitude="56.7075"),
    }
    values.update(changes)
    return PermitSummary(**values)  # type: ignore[arg-type]


def _run(*actions: str) -> Case:
    case = new_case(WF, "APP-1", at=START)
    for i, action in enumerate(actions, start=1):
        payload = {"reason": "Incomplete"} if action in ("REJECT", "SEND_BACK") else None
        case = apply(WF, case, action, EVERYONE, at=START + i * DAY, payload=payload)
    return case


ISSUED = ("APPLY", "FORWARD", "FORWARD", "APPROVE", "PAY")


def test_record_has_every_field_in_order() -> None:
    record = to_blds(_run(*ISSUED), _permit())
    assert tuple(record) == BLDS_FIELDS
    assert record["PermitNum"] == "BP-2026-0001"
    assert (record["AppliedDate"], record["IssuedDate"], record["StatusDate"]) == (
        "2026-03-03", "2026-03-07", "2026-03-07",
    )  # fmt: skip
    assert (record["StatusCurrent"], record["StatusCurrentMapped"]) == (
        WF.state("ISSUED").label("en"), "Permit Issued",
    )  # fmt: skip
    assert record["CompletedDate"] is None
    assert record["ExpiresDate"] is None


def test_in_review_until_paid() -> None:
    record = to_blds(_run("APPLY", "FORWARD", "FORWARD", "APPROVE"), _permit())
    assert record["StatusCurrentMapped"] == "In Review"
    assert record["IssuedDate"] is None


def test_completed_permit_is_finaled() -> None:
    permit = _permit(completed_on=dt.date(2028, 1, 5), expires_on=dt.date(2028, 3, 6))
    record = to_blds(_run(*ISSUED), permit)
    assert record["StatusCurrentMapped"] == "Permit Finaled"
    assert (record["CompletedDate"], record["ExpiresDate"]) == ("2028-01-05", "2028-03-06")


def test_rejection_and_cancellation_are_cancelled() -> None:
    rejected = to_blds(_run("APPLY", "REJECT"), _permit())
    assert (rejected["StatusCurrent"], rejected["StatusCurrentMapped"]) == (
        "Rejected", "Permit Cancelled",
    )  # fmt: skip
    assert to_blds(_run("APPLY", "CANCEL"), _permit())["StatusCurrentMapped"] == "Permit Cancelled"


def test_omani_address_fields() -> None:
    record = to_blds(_run("APPLY"), _permit())
    assert record["OriginalAddress1"] == "12 Al Multaqa Street"
    assert (record["OriginalAddress2"], record["OriginalCity"], record["OriginalState"]) == (
        "Villa 3", "Sohar", "North Al Batinah",
    )  # fmt: skip
    assert record["OriginalZip"] is None
    assert (record["Latitude"], record["Longitude"]) == (24.3461, 56.7075)
    arabic = to_blds(_run("APPLY"), _permit(), lang="ar")
    assert arabic["OriginalState"] == "شمال الباطنة"
    assert arabic["StatusCurrent"] != "Document verification"


def test_saudi_address_fields_and_local_dates() -> None:
    permit = _permit(jurisdiction="sa-balady", location=Location(RIYADH))
    record = to_blds(_run("APPLY"), permit)
    assert (record["OriginalAddress1"], record["OriginalAddress2"]) == (
        "2929 King Fahd Road",
        "Al Olaya",
    )
    assert (record["OriginalCity"], record["OriginalState"], record["OriginalZip"]) == (
        "Riyadh", None, "12211",
    )  # fmt: skip
    assert record["Latitude"] is None
    # 2026-03-02 22:00 UTC is 01:00 on the 3rd in Riyadh (+03:00).
    assert record["AppliedDate"] == "2026-03-03"


def test_free_text_location() -> None:
    record = to_blds(_run("APPLY"), _permit(location=Location(address_text="Plot 44, Falaj")))
    assert record["OriginalAddress1"] == "Plot 44, Falaj"
    assert record["OriginalCity"] is None


def test_area_in_square_feet() -> None:
    assert to_blds(_run("APPLY"), _permit(area_m2=Decimal(100)))["TotalSqFt"] == 1076
    assert to_blds(_run("APPLY"), _permit())["TotalSqFt"] is None


@given(st.decimals(Decimal(0), Decimal(1_000_000), places=2))
def test_square_feet_is_the_nearest_whole_number(area: Decimal) -> None:
    feet = to_blds(_run("APPLY"), _permit(area_m2=area))["TotalSqFt"]
    assert abs(Decimal(feet) - area / Decimal("0.09290304")) <= Decimal("0.5")


def test_json_array_keeps_arabic() -> None:
    pair = (_run("APPLY"), _permit(description="فيلا سكنية"))
    body = to_json([pair, pair], lang="ar", indent=1)
    records = json.loads(body)
    assert len(records) == 2
    assert records[0]["Description"] == "فيلا سكنية"
    assert "فيلا سكنية" in body


def test_summary_round_trips() -> None:
    permit = _permit(area_m2=Decimal("250.5"), expires_on=dt.date(2028, 3, 1))
    assert from_json(model_to_json(permit), PermitSummary) == permit


# --------------------------------------------------------------------------- errors


def test_draft_is_not_a_permit() -> None:
    with pytest.raises(DomainRuleError) as err:
        to_blds(new_case(WF, "APP-1", at=START), _permit())
    assert err.value.code == "blds.not_applied"


def test_unmapped_state_needs_a_map() -> None:
    with pytest.raises(DomainRuleError) as err:
        to_blds(_run("APPLY"), _permit(), status_map={})
    assert err.value.code == "blds.status.unmapped"
    own = {"DOCUMENT_VERIFICATION": BldsStatus.IN_REVIEW}
    assert to_blds(_run("APPLY"), _permit(), status_map=own)["StatusCurrentMapped"] == "In Review"


def test_workflow_must_match_the_case() -> None:
    with pytest.raises(InvalidFormat) as err:
        to_blds(_run("APPLY"), _permit(), workflow=LICENCE_WORKFLOW)
    assert err.value.code == "blds.workflow"
    stranger = Case("X-1", "not.in.catalogue", 1, "DOCUMENT_VERIFICATION", START)
    with pytest.raises(InvalidFormat):
        to_blds(stranger, _permit())


@pytest.mark.parametrize("bad", [None, "case", ("only one",)])
def test_bad_types_are_refused(bad: object) -> None:
    with pytest.raises(InvalidFormat) as err:
        to_blds(bad, _permit())  # type: ignore[arg-type]
    assert err.value.code == "blds.type"
    with pytest.raises(InvalidFormat):
        to_json([bad])  # type: ignore[list-item]
    with pytest.raises(InvalidFormat):
        to_json(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"number": ""}, "blds.text"),
        ({"description": "x" * 501}, "blds.text"),
        ({"location": "Sohar"}, "blds.location"),
        ({"area_m2": -1}, "blds.area"),
        ({"area_m2": 1.5}, "blds.area"),
    ],
)
def test_invalid_summary_is_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(InvalidFormat) as err:
        _permit(**changes)
    assert err.value.code == code


def test_unknown_jurisdiction_is_refused() -> None:
    with pytest.raises(NotFound):
        _permit(jurisdiction="xx-nowhere")


# --------------------------------------------------------------------------- properties


def test_every_permit_state_of_the_catalogue_is_mapped() -> None:
    for name in ("om.permit.building", "om.permit.start_construction", "sa.licence.construction"):
        for state in workflow_registry()[name].states:
            assert state.name == "DRAFT" or state.name in DEFAULT_STATUS_MAP


@given(st.lists(st.integers(0, 10), max_size=14))
def test_random_histories_export_consistently(choices: list[int]) -> None:
    case = new_case(WF, "APP-1", at=START)
    for step, choice in enumerate(choices, start=1):
        actions = available_actions(WF, case, EVERYONE)
        if not actions:
            break
        action = actions[choice % len(actions)]
        payload = dict.fromkeys(action.required_fields, "x")
        case = apply(WF, case, action.name, EVERYONE, at=START + step * DAY, payload=payload)
    if not case.history:
        return
    record = to_blds(case, _permit())
    assert record["StatusCurrentMapped"] in {s.value for s in BldsStatus}
    paid = any(entry.action == "PAY" for entry in case.history)
    assert (record["IssuedDate"] is not None) == paid
    assert record["AppliedDate"] <= record["StatusDate"]
    assert record["StatusCurrentMapped"] == mapped_status(case.state).value
