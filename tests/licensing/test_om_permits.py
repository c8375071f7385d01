"""Oman (Sohar) permits, certificates, letters, refunds, addressing and engineers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    PermissionDenied,
    ValidationError,
)
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.jurisdictions import OM_SOHAR, Confidence
from municipal_core.leases import Deduction
from municipal_core.licensing._om_certificates import (
    ADDRESSING_WORKFLOW,
    CERTIFICATE_REPLACEMENT_WORKFLOW,
    COMPLETION_CERTIFICATE_WORKFLOW,
    INSURANCE_REFUND_WORKFLOW,
    SERVICE_LETTER_WORKFLOW,
    CompletionCertificate,
    LetterKind,
    ServiceLetter,
    assign_address,
    issue_completion_certificate,
    issue_service_letter,
    refund_insurance,
    replace_certificate,
)
from municipal_core.licensing._om_engineers import (
    ENGINEER_REGISTRATION_WORKFLOW,
    FirmKind,
    FirmRegistration,
    register_firm,
    renew_registration,
)
from municipal_core.licensing._om_permits import (
    BUILDING_PERMIT_WORKFLOW,
    OM_PERMIT_FEES,
    START_CONSTRUCTION_WORKFLOW,
    BuildingPermit,
    PermitKind,
    PermitStatus,
    authorise_start,
    cancel_permit,
    issue_permit,
    permit_fee,
    renew_permit,
    require_issued,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import Actor, Case, WorkflowDefinition, apply, new_case

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
DAY = dt.date(2026, 3, 1)
ROLES = (
    "CITIZEN",
    "CONSULTANT",
    "DOCUMENT_VERIFIER",
    "FIELD_INSPECTOR",
    "APPROVER",
    "CASHIER",
    "COUNTER_EMPLOYEE",
)
# (workflow, has a fee)
WORKFLOWS = (
    (START_CONSTRUCTION_WORKFLOW, False),
    (BUILDING_PERMIT_WORKFLOW, True),
    (COMPLETION_CERTIFICATE_WORKFLOW, True),
    (CERTIFICATE_REPLACEMENT_WORKFLOW, True),
    (SERVICE_LETTER_WORKFLOW, True),
    (INSURANCE_REFUND_WORKFLOW, False),
    (ADDRESSING_WORKFLOW, False),
    (ENGINEER_REGISTRATION_WORKFLOW, False),
)


def _issued(definition: WorkflowDefinition, case_id: str = "A-1") -> Case:
    """Walk ``definition`` along its happy path to ISSUED, choosing the forward action."""
    case = new_case(definition, case_id, at=T0)
    for action in ("APPLY", "FORWARD", "FORWARD", "APPROVE", "PAY"):
        if case.state == "ISSUED":
            break
        move = definition.move(case.state, action)
        if move is None:
            continue
        case = apply(definition, case, action, Actor("u", (move[0].roles[0],)), at=T0)
    assert case.state == "ISSUED"
    return case


def _permit(kind: PermitKind = PermitKind.MAJOR, **changes: Any) -> BuildingPermit:
    permit = issue_permit(
        _issued(BUILDING_PERMIT_WORKFLOW),
        number="BP-2026-1",
        kind=kind,
        applicant="١٢٣٤٥٦٧٨",
        plot="221",
        built_area_m2=Decimal(650),
        issued_on=DAY,
        jurisdiction=OM_SOHAR,
        deposit=Money("150", "OMR"),
    )
    return attrs.evolve(permit, **changes)


def _address() -> OmanAddress:
    return OmanAddress("23", "Al Multaqa Street", "Sohar", "OM-BS")


# --- names the catalogue imports --------------------------------------------------------


def test_workflow_names_are_the_ones_the_catalogue_uses() -> None:
    assert [wf.name for wf, _ in WORKFLOWS] == [
        "om.permit.start_construction",
        "om.permit.building",
        "om.certificate.completion",
        "om.certificate.replacement",
        "om.letter.service",
        "om.insurance_refund",
        "om.addressing",
        "om.engineers.registration",
    ]


def test_fee_schedule_codes_sources_and_confidence() -> None:
    assert OM_PERMIT_FEES.currency.code == "OMR"
    assert set(OM_PERMIT_FEES.codes()) == {
        "om.permit.application",
        "om.permit.major",
        "om.permit.area",
        "om.permit.minor",
        "om.certificate.completion",
        "om.certificate.replacement",
        "om.letter.service",
    }
    confirmed = {"om.permit.application", "om.permit.major", "om.permit.area"}
    for rule in OM_PERMIT_FEES.rules:
        assert rule.source
        expected = Confidence.CONFIRMED if rule.code in confirmed else Confidence.ASSUMPTION
        assert rule.confidence is expected
        assert ("[A]" in rule.source) == (expected is Confidence.ASSUMPTION)


# --- fees --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "total"), [(Decimal(650), "10.100"), (Decimal(400), "5.100"), (Decimal(1), "5.100")]
)
def test_major_permit_fee_examples(area: Decimal, total: str) -> None:
    fee = permit_fee(PermitKind.MAJOR, area, jurisdiction=OM_SOHAR, on=DAY)
    assert fee.total == Money(total, "OMR")


@given(st.decimals(min_value=1, max_value=100_000, places=2))
def test_major_permit_fee_is_application_plus_permit_plus_area_above_400(area: Decimal) -> None:
    fee = permit_fee("major", area, jurisdiction=OM_SOHAR, on=DAY)
    exact = Decimal("5.100") + Decimal("0.020") * max(Decimal(0), area - 400)
    assert fee.total == Money(exact.quantize(Decimal("0.001")), "OMR")
    assert all(line.amount.amount >= 0 for line in fee.lines if line.code.startswith("om."))
    assert sum(line.amount.amount for line in fee.lines) == fee.total.amount


def test_minor_permit_fee_has_no_area_line() -> None:
    fee = permit_fee("minor", Decimal(5000), jurisdiction=OM_SOHAR, on=DAY)
    assert [line.code for line in fee.lines] == ["om.permit.application", "om.permit.minor"]
    assert fee.total == Money("2.100", "OMR")


def test_permit_fee_refuses_bad_input() -> None:
    with pytest.raises(InvalidComponent):
        permit_fee("huge", Decimal(1), jurisdiction=OM_SOHAR, on=DAY)
    with pytest.raises(ValidationError):
        permit_fee("major", Decimal(-1), jurisdiction=OM_SOHAR, on=DAY)


# --- workflows -----------------------------------------------------------------------------


@pytest.mark.parametrize(("definition", "paid"), WORKFLOWS)
def test_happy_path_records_approval_and_payment(
    definition: WorkflowDefinition, paid: bool
) -> None:
    case = _issued(definition)
    actions = [entry.action for entry in case.history]
    assert "APPROVE" in actions
    assert ("PAY" in actions) is paid
    require_issued(definition, case, paid=paid)


def test_citizen_cannot_approve_and_cashier_cannot_apply() -> None:
    wf = BUILDING_PERMIT_WORKFLOW
    case = new_case(wf, "BP-1", at=T0)
    with pytest.raises(PermissionDenied):
        apply(wf, case, "APPLY", Actor("c", ("CASHIER",)), at=T0)
    case = apply(wf, case, "APPLY", Actor("c", ("CONSULTANT",)), at=T0)
    with pytest.raises(IllegalTransition):
        apply(wf, case, "APPROVE", Actor("a", ("APPROVER",)), at=T0)


def test_send_back_and_resubmit_return_to_document_check() -> None:
    wf = COMPLETION_CERTIFICATE_WORKFLOW
    case = apply(wf, new_case(wf, "CC-1", at=T0), "APPLY", Actor("c", ("CITIZEN",)), at=T0)
    back = apply(
        wf, case, "SEND_BACK", Actor("v", ("DOCUMENT_VERIFIER",)), at=T0, payload={"reason": "x"}
    )
    assert back.state == "PENDING_APPLICANT_CORRECTION"
    again = apply(wf, back, "RESUBMIT", Actor("c", ("CITIZEN",)), at=T0)
    assert again.state == "DOCUMENT_VERIFICATION"


def test_cancelled_while_unpaid_is_never_issued() -> None:
    wf = BUILDING_PERMIT_WORKFLOW
    case = new_case(wf, "BP-9", at=T0)
    for action, role in [
        ("APPLY", "CITIZEN"),
        ("FORWARD", "DOCUMENT_VERIFIER"),
        ("FORWARD", "FIELD_INSPECTOR"),
        ("APPROVE", "APPROVER"),
        ("CANCEL", "CONSULTANT"),
    ]:
        case = apply(wf, case, action, Actor("u", (role,)), at=T0)
    assert case.state == "CANCELLED"
    with pytest.raises(DomainRuleError, match="not been issued"):
        require_issued(wf, case)


@given(
    st.sampled_from(WORKFLOWS),
    st.lists(st.tuples(st.integers(0, 20), st.sampled_from(ROLES), st.booleans()), max_size=30),
)
def test_random_sequences_never_issue_without_approval_and_payment(
    flow: tuple[WorkflowDefinition, bool], steps: list[tuple[int, str, bool]]
) -> None:
    definition, paid = flow
    case = new_case(definition, "X-1", at=T0)
    for pick, role, authorised in steps:
        if definition.state(case.state).is_terminal:
            break
        # Actions the graph offers, mostly by a role allowed to take them; sometimes by
        # any role, so refusals are exercised too.
        offered = definition.actions_from(case.state)
        # The first action offered moves forward (APPLY, FORWARD, APPROVE, PAY, RESUBMIT);
        # favouring it lets random runs reach ISSUED as well as the side exits.
        action = offered[0] if pick < 15 else offered[pick % len(offered)]
        actor = Actor("u", (action.roles[pick % len(action.roles)] if authorised else role,))
        try:
            case = apply(definition, case, action.name, actor, at=T0, payload={"reason": "r"})
        except PermissionDenied:
            assert not authorised
    done = {entry.action for entry in case.history}
    event(f"ended in {case.state}")
    if case.state == "ISSUED":
        assert "APPROVE" in done
        assert not paid or "PAY" in done
        require_issued(definition, case, paid=paid)
    else:
        with pytest.raises(DomainRuleError):
            require_issued(definition, case, paid=paid)


def test_require_issued_refuses_another_workflows_case() -> None:
    with pytest.raises(DomainRuleError):
        require_issued(BUILDING_PERMIT_WORKFLOW, _issued(SERVICE_LETTER_WORKFLOW))
    with pytest.raises(InvalidFormat):
        require_issued(BUILDING_PERMIT_WORKFLOW, "case")  # type: ignore[arg-type]


# --- permits -------------------------------------------------------------------------------


def test_permit_validity_comes_from_the_profile() -> None:
    major = _permit()
    assert major.expires_on == dt.date(2028, 2, 29)
    assert major.applicant == "12345678"
    minor = issue_permit(
        _issued(BUILDING_PERMIT_WORKFLOW),
        number="bp-7",
        kind="minor",
        applicant="1234567",
        plot="9",
        built_area_m2=Decimal("30.5"),
        issued_on=DAY,
        jurisdiction=OM_SOHAR,
        deposit=Money("20", "OMR"),
    )
    assert (minor.number, minor.expires_on) == ("BP-7", dt.date(2027, 2, 28))


@given(st.integers(0, 5), st.sampled_from(list(PermitKind)))
def test_renewal_adds_the_same_period_each_time(times: int, kind: PermitKind) -> None:
    permit = _permit(kind, expires_on=dt.date(2027, 6, 30))
    years = 2 if kind is PermitKind.MAJOR else 1
    for _ in range(times):
        permit = renew_permit(permit, jurisdiction=OM_SOHAR, on=DAY)
    assert permit.renewals == times
    assert permit.expires_on == dt.date(2027 + years * times, 6, 30)


def test_works_start_once_within_the_permits_validity() -> None:
    case = _issued(START_CONSTRUCTION_WORKFLOW)
    started = authorise_start(case, _permit(), on=dt.date(2026, 4, 1))
    assert started.started_on == dt.date(2026, 4, 1)
    for permit, day in [
        (started, dt.date(2026, 5, 1)),
        (_permit(), dt.date(2028, 3, 1)),
        (_permit(), DAY - dt.timedelta(days=1)),
        (_permit(status=PermitStatus.CANCELLED), DAY),
    ]:
        with pytest.raises(DomainRuleError) as info:
            authorise_start(case, permit, on=day)
        assert info.value.code == "licensing.om_permit.start"
    with pytest.raises(DomainRuleError):
        authorise_start(_issued(ADDRESSING_WORKFLOW), _permit(), on=DAY)


def test_cancelling_a_permit_is_final() -> None:
    cancelled = cancel_permit(_permit())
    assert cancelled.status is PermitStatus.CANCELLED
    with pytest.raises(DomainRuleError) as info:
        cancel_permit(cancelled)
    assert info.value.code == "licensing.om_permit.not_cancellable"
    with pytest.raises(DomainRuleError):
        renew_permit(cancelled, jurisdiction=OM_SOHAR, on=DAY)


def test_deposit_must_be_in_the_profiles_currency() -> None:
    with pytest.raises(CurrencyMismatch):
        issue_permit(
            _issued(BUILDING_PERMIT_WORKFLOW),
            number="BP-1",
            kind="major",
            applicant="12345678",
            plot="1",
            built_area_m2=Decimal(500),
            issued_on=DAY,
            jurisdiction=OM_SOHAR,
            deposit=Money("100", "SAR"),
        )


def test_completed_permit_cannot_be_renewed() -> None:
    with pytest.raises(DomainRuleError) as info:
        renew_permit(_permit(status=PermitStatus.COMPLETED), jurisdiction=OM_SOHAR, on=DAY)
    assert info.value.code == "licensing.om_permit.not_renewable"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("applicant", "123", InvalidFormat),
        ("built_area_m2", Decimal(0), ValidationError),
        ("built_area_m2", 10.5, ValidationError),
        ("expires_on", DAY, DomainRuleError),
        ("number", "", InvalidFormat),
        ("deposit", Decimal(1), ValidationError),
    ],
)
def test_invalid_permit_cannot_exist(field: str, value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        _permit(**{field: value})


def test_permit_repr_masks_the_applicant() -> None:
    assert "12345678" not in repr(_permit())
    assert "5678" in repr(_permit())


# --- certificates, letters, refund, addressing -------------------------------------------------


def test_completion_certificate_completes_the_permit() -> None:
    cert, permit = issue_completion_certificate(
        _issued(COMPLETION_CERTIFICATE_WORKFLOW), _permit(), number="CC-1", issued_on=DAY
    )
    assert (cert.permit_number, permit.status) == ("BP-2026-1", PermitStatus.COMPLETED)
    with pytest.raises(DomainRuleError) as info:
        issue_completion_certificate(
            _issued(COMPLETION_CERTIFICATE_WORKFLOW), permit, number="CC-2", issued_on=DAY
        )
    assert info.value.code == "licensing.om_certificate.permit_status"


def test_certificate_cannot_predate_its_permit() -> None:
    with pytest.raises(DomainRuleError):
        issue_completion_certificate(
            _issued(COMPLETION_CERTIFICATE_WORKFLOW),
            _permit(),
            number="CC-1",
            issued_on=DAY - dt.timedelta(days=1),
        )


def test_replacement_needs_an_issued_certificate() -> None:
    cert = CompletionCertificate("CC-1", "BP-2026-1", DAY)
    case = _issued(CERTIFICATE_REPLACEMENT_WORKFLOW)
    new = replace_certificate(case, cert, number="CC-1-R", issued_on=DAY)
    assert (new.replaces, new.permit_number) == ("CC-1", "BP-2026-1")
    with pytest.raises(InvalidFormat):
        replace_certificate(case, None, number="CC-2", issued_on=DAY)  # type: ignore[arg-type]
    with pytest.raises(DomainRuleError):
        replace_certificate(case, cert, number="cc-1", issued_on=DAY)


def test_invalid_certificates_and_letters_cannot_exist() -> None:
    with pytest.raises(DomainRuleError):
        CompletionCertificate("CC-1", "BP-1", DAY, replaces="cc-1")
    with pytest.raises(InvalidFormat):
        ServiceLetter("SL-1", LetterKind.COMPLETION, "BP-1", None, DAY)
    with pytest.raises(InvalidFormat):
        ServiceLetter("SL-1", LetterKind.WATER, "BP-1", "CC-1", DAY)
    with pytest.raises(ValidationError):
        CompletionCertificate("CC-1", "BP-1", "2026-03-01")  # type: ignore[arg-type]


def test_completion_letter_needs_the_buildings_certificate() -> None:
    case = _issued(SERVICE_LETTER_WORKFLOW)
    permit = _permit()
    water = issue_service_letter(case, "water", permit=permit, number="SL-1", issued_on=DAY)
    assert (water.kind, water.certificate_number) == (LetterKind.WATER, None)
    with pytest.raises(InvalidFormat):
        issue_service_letter(case, "completion", permit=permit, number="SL-2", issued_on=DAY)
    other = CompletionCertificate("CC-9", "BP-OTHER", DAY)
    with pytest.raises(DomainRuleError):
        issue_service_letter(
            case, "completion", permit=permit, certificate=other, number="SL-3", issued_on=DAY
        )
    cert = CompletionCertificate("CC-1", "BP-2026-1", DAY + dt.timedelta(days=10))
    letter = issue_service_letter(
        case,
        LetterKind.COMPLETION,
        permit=permit,
        certificate=cert,
        number="SL-4",
        issued_on=DAY + dt.timedelta(days=10),
    )
    assert letter.certificate_number == "CC-1"


def test_insurance_is_refunded_only_after_completion() -> None:
    case = _issued(INSURANCE_REFUND_WORKFLOW)
    cert = CompletionCertificate("CC-1", "BP-2026-1", DAY)
    with pytest.raises(DomainRuleError) as info:
        refund_insurance(case, _permit(), cert)
    assert info.value.code == "licensing.om_certificate.not_completed"
    done = _permit(status=PermitStatus.COMPLETED)
    assert refund_insurance(case, done, cert).refundable == Money("150", "OMR")
    kept = Deduction("damage", "Broken kerb", Money("40", "OMR"))
    assert refund_insurance(case, done, cert, [kept]).refundable == Money("110", "OMR")


def test_addressing_adds_an_address_once() -> None:
    case = _issued(ADDRESSING_WORKFLOW)
    permit = assign_address(case, _permit(), _address())
    assert permit.address == _address()
    with pytest.raises(DomainRuleError):
        assign_address(case, permit, _address())
    with pytest.raises(InvalidFormat):
        assign_address(case, _permit(), "23 Al Multaqa")  # type: ignore[arg-type]


# --- engineers ------------------------------------------------------------------------------


def test_firm_registration_and_renewal() -> None:
    case = _issued(ENGINEER_REGISTRATION_WORKFLOW)
    firm = register_firm(
        case, number="EN-1", kind="om.contracting_company", cr="CR 1234567", issued_on=DAY
    )
    assert (firm.kind, firm.cr, firm.expires_on) == (
        FirmKind.CONTRACTING_COMPANY,
        "1234567",
        dt.date(2027, 2, 28),
    )
    assert "1234567" not in repr(firm)
    assert renew_registration(firm, years=3).expires_on == dt.date(2030, 2, 28)
    with pytest.raises(InvalidFormat):
        renew_registration(firm, years=0)
    with pytest.raises(InvalidFormat):
        register_firm(case, number="EN-2", kind=FirmKind.CONSULTANCY_OFFICE, cr="12", issued_on=DAY)
    with pytest.raises(InvalidComponent):
        register_firm(case, number="EN-3", kind="architect", cr="1234567", issued_on=DAY)


# --- serialization ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        attrs.evolve(_permit(), address=_address(), started_on=DAY),
        CompletionCertificate("CC-1-R", "BP-1", DAY, replaces="CC-1"),
        ServiceLetter("SL-1", LetterKind.COMPLETION, "BP-1", "CC-1", DAY),
        FirmRegistration("EN-1", FirmKind.CONSULTANCY_OFFICE, "1234567", DAY, dt.date(2027, 1, 1)),
    ],
)
def test_models_round_trip_through_json(value: object) -> None:
    assert from_json(to_json(value), type(value)) == value


def test_workflows_and_fees_round_trip_through_json() -> None:
    assert from_json(to_json(BUILDING_PERMIT_WORKFLOW), WorkflowDefinition) == (
        BUILDING_PERMIT_WORKFLOW
    )
    assert from_json(to_json(OM_PERMIT_FEES), type(OM_PERMIT_FEES)) == OM_PERMIT_FEES


def test_garbage_input_raises_typed_errors_only() -> None:
    permit, case = _permit(), _issued(BUILDING_PERMIT_WORKFLOW)
    calls: list[Callable[[], object]] = [
        lambda: permit_fee("major", "650", jurisdiction=OM_SOHAR, on=DAY),  # type: ignore[arg-type]
        lambda: permit_fee("major", Decimal(1), jurisdiction="om", on=DAY),  # type: ignore[arg-type]
        lambda: renew_permit(permit, jurisdiction=None, on=DAY),  # type: ignore[arg-type]
        lambda: renew_permit(permit, jurisdiction=OM_SOHAR, on="2026"),  # type: ignore[arg-type]
        lambda: cancel_permit("BP-1"),  # type: ignore[arg-type]
        lambda: authorise_start(case, permit, on="2026-03-01"),  # type: ignore[arg-type]
        lambda: issue_permit(
            case,
            number="BP-1",
            kind="major",
            applicant="12345678",
            plot="1",
            built_area_m2=Decimal(1),
            issued_on=DAY,
            jurisdiction="om-sohar",  # type: ignore[arg-type]
            deposit=Money("1", "OMR"),
        ),
        lambda: renew_registration("EN-1"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(MunicipalError):
            call()
