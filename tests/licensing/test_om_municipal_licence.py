"""Oman (Sohar) municipal licence: model, workflow, fees, renewal, cancellation, catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from municipal_core.billing import TaxHead
from municipal_core.errors import (
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
    ValidationError,
)
from municipal_core.jurisdictions import SA_BALADY, Confidence
from municipal_core.licensing._catalogue import fee_schedules, service, workflow_registry
from municipal_core.licensing._licence_common import LicenceStatus
from municipal_core.licensing._om_licence_fees import OM_LICENCE_FEES
from municipal_core.licensing._om_municipal_licence import (
    MUNICIPAL_LICENCE_WORKFLOW,
    MunicipalLicence,
    cancel_municipal_licence,
    issue_municipal_licence,
    municipal_licence_fee,
    municipal_renewal_fee,
    renew_municipal_licence,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import Actor, Case, apply, new_case

WF = MUNICIPAL_LICENCE_WORKFLOW
T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
DAY = dt.date(2026, 3, 1)
ROLES = ("CITIZEN", "DOCUMENT_VERIFIER", "FIELD_INSPECTOR", "APPROVER", "CASHIER", "SYSTEM")
HAPPY = (
    ("APPLY", "CITIZEN"),
    ("FORWARD", "DOCUMENT_VERIFIER"),
    ("FORWARD", "FIELD_INSPECTOR"),
    ("APPROVE", "APPROVER"),
    ("PAY", "CASHIER"),
)
areas = st.decimals(min_value="0.01", max_value="5000", places=2)


def _walk(steps: tuple[tuple[str, str], ...], case_id: str = "ML-1") -> Case:
    case = new_case(WF, case_id, at=T0)
    for action, role in steps:
        case = apply(WF, case, action, Actor("u", (role,)), at=T0)
    return case


def _issue(case: Case | None = None, **changes: object) -> MunicipalLicence:
    args: dict[str, object] = {
        "number": "ML-2026-1",
        "cr": "CR 1234567",
        "activity_code": "471101",
        "premises_area": Decimal(40),
        "issued_on": DAY,
        "years": 1,
        "signboard_areas": (Decimal(2),),
    }
    args.update(changes)
    return issue_municipal_licence(case or _walk(HAPPY), **args)  # type: ignore[arg-type]


# --- workflow ------------------------------------------------------------------------------


def test_workflow_is_registered_and_the_catalogue_points_at_it() -> None:
    entry = service("om-sohar", "om.licence.municipal")
    assert entry.workflow == WF.name == "om.licence.municipal"
    assert workflow_registry()[WF.name] is WF
    assert fee_schedules()[entry.fee_schedule or ""] is OM_LICENCE_FEES
    assert set(entry.fee_codes) <= set(OM_LICENCE_FEES.codes())
    renew = service("om-sohar", "om.licence.municipal.renew")
    assert "om.licence.late_renewal" in renew.fee_codes
    assert entry.sla_hours == 216


def test_happy_path_issues_and_the_licence_can_then_expire() -> None:
    case = _walk(HAPPY)
    assert case.state == "ISSUED"
    assert [entry.action for entry in case.history][-2:] == ["APPROVE", "PAY"]
    expired = apply(WF, case, "EXPIRE", Actor("s", ("SYSTEM",)), at=T0)
    assert expired.state == "EXPIRED"


def test_unpaid_application_lapses_but_an_issued_one_is_not_cancelled_by_the_cashier() -> None:
    unpaid = _walk(HAPPY[:-1])
    assert unpaid.state == "PENDING_PAYMENT"
    lapsed = apply(WF, unpaid, "EXPIRE", Actor("s", ("SYSTEM",)), at=T0)
    assert lapsed.state == "EXPIRED"
    with pytest.raises(DomainRuleError, match="not been issued"):
        _issue(lapsed)
    with pytest.raises(IllegalTransition):
        apply(WF, _walk(HAPPY[:1]), "EXPIRE", Actor("s", ("SYSTEM",)), at=T0)


@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from(ROLES), st.booleans()), max_size=30))
def test_random_sequences_never_issue_without_approval_and_payment(
    steps: list[tuple[int, str, bool]],
) -> None:
    case = new_case(WF, "ML-R", at=T0)
    for pick, role, authorised in steps:
        offered = WF.actions_from(case.state)
        if not offered:
            break
        action = offered[0] if pick < 14 else offered[pick % len(offered)]
        actor = Actor("u", (action.roles[pick % len(action.roles)] if authorised else role,))
        try:
            case = apply(WF, case, action.name, actor, at=T0, payload={"reason": "r"})
        except PermissionDenied:
            assert not authorised
    event(f"ended in {case.state}")
    done = [entry.action for entry in case.history]
    if "ISSUED" in {entry.to_state for entry in case.history}:
        assert "APPROVE" in done
        assert "PAY" in done
        assert done.index("PAY") > max(i for i, a in enumerate(done) if a == "APPROVE")
    if case.state == "ISSUED":
        assert _issue(case).status is LicenceStatus.ACTIVE
    else:
        with pytest.raises(DomainRuleError):
            _issue(case)


# --- model and issue -------------------------------------------------------------------------


def test_issue_builds_the_licence_from_the_profile_validity() -> None:
    licence = _issue()
    assert licence.cr == "1234567"
    assert licence.expires_on == dt.date(2027, 2, 28)
    assert "1234567" not in repr(licence)
    assert from_json(to_json(licence), MunicipalLicence) == licence


@pytest.mark.parametrize(
    ("changes", "error", "code"),
    [
        ({"years": 2}, DomainRuleError, "licensing.om_licence.validity"),
        ({"years": True}, DomainRuleError, "licensing.om_licence.validity"),
        ({"cr": 1234567}, InvalidFormat, "licensing.om_licence.cr.type"),
        ({"cr": "CR 2234567"}, InvalidComponent, None),
        ({"number": ""}, InvalidFormat, "licensing.om_permit.number"),
        ({"activity_code": " "}, InvalidFormat, "licensing.om_licence.activity_code"),
        ({"premises_area": 40.0}, InvalidComponent, "licence.area"),
        ({"signboard_areas": "2"}, InvalidFormat, "licensing.om_licence.signboards"),
        ({"issued_on": "2026-03-01"}, ValidationError, None),
    ],
)
def test_bad_fields_raise_typed_errors(
    changes: dict[str, object], error: type[Exception], code: str | None
) -> None:
    with pytest.raises(error) as info:
        _issue(**changes)
    if code is not None:
        assert getattr(info.value, "code", None) == code


def test_a_licence_must_expire_after_issue_and_have_a_status() -> None:
    with pytest.raises(DomainRuleError):
        MunicipalLicence("ML-1", "1234567", "471101", Decimal(1), (), DAY, DAY)
    with pytest.raises(InvalidFormat):
        MunicipalLicence(
            "ML-1", "1234567", "471101", Decimal(1), (), DAY, dt.date(2027, 1, 1), "active"
        )  # type: ignore[arg-type]


# --- fees ----------------------------------------------------------------------------------


def test_fee_rules_are_all_assumptions_saying_what_is_assumed() -> None:
    for rule in OM_LICENCE_FEES.rules:
        assert rule.confidence is Confidence.ASSUMPTION
        assert rule.source.startswith("[A] ")
        assert "no Omani licence fee" in rule.source
    late = OM_LICENCE_FEES.rule_for("om.licence.late_renewal", DAY)
    assert late.tax_head is TaxHead.PENALTY


@given(areas, st.lists(areas, max_size=3))
def test_new_licence_fee_is_area_and_signboards_per_year(
    area: Decimal, signs: list[Decimal]
) -> None:
    fee = municipal_licence_fee(area, signboard_areas=signs, years=1, on=DAY)
    expected = area * Decimal("0.200") + sum(signs, Decimal(0)) * 5
    assert fee.total.amount == expected.quantize(Decimal("0.001"))
    assert fee.total.currency.code == "OMR"
    assert len(fee.lines) == (2 if signs else 1)


def test_fee_refuses_bad_input() -> None:
    with pytest.raises(DomainRuleError):
        municipal_licence_fee(Decimal(10), years=4, on=DAY)
    with pytest.raises(InvalidComponent):
        municipal_licence_fee(Decimal(0), years=1, on=DAY)
    with pytest.raises(ValidationError):
        municipal_licence_fee(Decimal(10), years=1, on="2026-01-01")  # type: ignore[arg-type]


# --- renewal and cancellation ------------------------------------------------------------------


@given(st.integers(min_value=-90, max_value=120))
def test_renewal_window_and_late_fine(offset: int) -> None:
    licence = _issue()
    on = licence.expires_on + dt.timedelta(days=offset)
    if offset < -30:
        with pytest.raises(DomainRuleError) as info:
            renew_municipal_licence(licence, on=on, years=1)
        assert info.value.code == "licensing.om_licence.renewal_not_open"
        with pytest.raises(DomainRuleError):
            municipal_renewal_fee(licence, on=on, years=1)
        return
    renewed = renew_municipal_licence(licence, on=on, years=1)
    late = offset > 0
    assert renewed.issued_on == (on if late else licence.expires_on + dt.timedelta(days=1))
    assert renewed.expires_on > licence.expires_on
    codes = [line.code for line in municipal_renewal_fee(licence, on=on, years=1).lines]
    assert ("om.licence.late_renewal" in codes) is late


def test_cancel_once_and_no_renewal_after() -> None:
    gone = cancel_municipal_licence(_issue())
    assert gone.status is LicenceStatus.CANCELLED
    with pytest.raises(DomainRuleError) as info:
        cancel_municipal_licence(gone)
    assert info.value.code == "licensing.om_licence.cancelled"
    with pytest.raises(DomainRuleError):
        renew_municipal_licence(gone, on=gone.expires_on, years=1)
    with pytest.raises(InvalidFormat):
        cancel_municipal_licence("ML-1")  # type: ignore[arg-type]


def test_rules_come_from_the_jurisdiction() -> None:
    licence = _issue()
    # Balady's window is 90 days and its licences run up to 3 years: same rule names.
    on = licence.expires_on - dt.timedelta(days=60)
    renewed = renew_municipal_licence(licence, on=on, years=3, jurisdiction=SA_BALADY)
    assert renewed.expires_on == dt.date(2030, 2, 28)
