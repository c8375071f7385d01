from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.billing import (
    FeeKind,
    FeeRule,
    FeeSchedule,
    InvoiceStatus,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    calculate,
    issue_invoice,
    pay,
)
from municipal_core.errors import (
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    NotFound,
)
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.money import Money
from municipal_core.registry._keys import Key, KeyKind
from municipal_core.registry._record import (
    SUBMITTED,
    add_keys,
    link_invoice,
    open_transaction,
    record_transition,
    status_of,
)
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import LICENCE_WORKFLOW as WF
from municipal_core.workflow import Actor, apply, new_case

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
EVERYONE = Actor(
    "u-1",
    ("CITIZEN", "COUNTER_EMPLOYEE", "DOCUMENT_VERIFIER", "FIELD_INSPECTOR", "APPROVER", "CASHIER"),
)
FEE = FeeRule(code="fee", version=1, kind=FeeKind.RATE, name_en="Fee", name_ar="رسم",
              rate=Decimal(1), source="test")  # fmt: skip


def opened(**changes: object) -> Transaction:
    args: dict[str, object] = {
        "jurisdiction": "om-sohar",
        "applicant_name": "Sara",
        "keys": [("phone", "٩١٢٣ ٤٥٦٧"), ("cr", "CR 1234567"), Key("licence", "42/1445")],
        "at": T0,
        "workflow": WF,
        "case": new_case(WF, "TL-1", at=T0),
    }
    args.update(changes)
    return open_transaction("tl-1", "licence", **args)  # type: ignore[arg-type]


def invoice(amount: str = "10"):
    breakdown = calculate(FeeSchedule("OMR", (FEE,)), ["fee"], on=dt.date(2026, 3, 1),
                          jurisdiction=OM_SOHAR, quantity=Decimal(amount))  # fmt: skip
    payer = Payer(PayerKind.ESTABLISHMENT, "1234567", "Shop")
    return issue_invoice(breakdown, payer=payer, issued_on=dt.date(2026, 3, 1),
                         due_on=dt.date(2026, 3, 31), sequence=InMemorySequence())  # fmt: skip


# --- open_transaction --------------------------------------------------------------------------


def test_open_normalises_keys_and_adds_its_own() -> None:
    txn = opened()
    assert txn.reference == "TL-1"
    assert [(k.kind.value, k.value) for k in txn.keys] == [
        ("cr", "1234567"),
        ("licence", "42/1445"),
        ("phone", "+96891234567"),
        ("transaction", "TL-1"),
    ]
    assert txn.status == Status("DRAFT", "Draft", WF.state("DRAFT").label_ar, True)
    assert txn.timeline == (TimelineEntry(T0, txn.status, None),)
    assert (txn.created_at, txn.updated_at, txn.version, txn.workflow) == (T0, T0, 1, WF.name)


def test_open_without_a_case_uses_the_start_state_or_submitted() -> None:
    assert opened(case=None).status.code == "DRAFT"
    assert opened(case=None, workflow=None).status == SUBMITTED


def test_open_refuses_a_case_of_another_reference_or_without_workflow() -> None:
    with pytest.raises(DomainRuleError) as err:
        opened(case=new_case(WF, "TL-2", at=T0))
    assert err.value.code == "registry.transition.mismatch"
    with pytest.raises(InvalidFormat):
        opened(workflow=None)


def test_open_refuses_bad_keys_and_naive_times() -> None:
    with pytest.raises(InvalidComponent):
        opened(keys=[("passport", "1")])
    with pytest.raises(InvalidFormat):
        opened(keys="TL-1")
    with pytest.raises(InvalidFormat):
        opened(keys=[("cr",)])
    with pytest.raises(InvalidFormat):
        opened(at=dt.datetime(2026, 3, 1))
    with pytest.raises(NotFound):
        opened(jurisdiction="xx-nowhere")


# --- the model ---------------------------------------------------------------------------------


def test_a_transaction_round_trips_through_json() -> None:
    txn = link_invoice(opened(), invoice(), payer=("cr", "1234567"))
    muscat = attrs.evolve(txn, created_at=T0.astimezone(dt.timezone(dt.timedelta(hours=4))))
    for value in (txn, muscat):
        assert from_json(to_json(value), Transaction) == value


def test_repr_hides_phone_and_civil_id() -> None:
    txn = add_keys(opened(), [("civil_id", "12345678")])
    assert "91234567" not in repr(txn)
    assert "12345678" not in repr(txn)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"updated_at": T0 - HOUR}, "registry.transaction.dates"),
        ({"keys": (Key("cr", "1234567"),)}, "registry.transaction.keys"),
        ({"timeline": ()}, "registry.transaction.timeline"),
        ({"status": SUBMITTED}, "registry.transaction.timeline"),
        ({"created_at": T0 + HOUR, "updated_at": T0 + HOUR}, "registry.transaction.timeline"),
        ({"version": 0}, "registry.transaction.version"),
        ({"version": True}, "registry.transaction.type"),
        ({"kind": "lease"}, "registry.transaction.kind"),
        ({"applicant_name": " "}, "registry.transaction.applicant.text"),
        ({"keys": ["TL-1"]}, "registry.transaction.type"),
    ],
)
def test_an_inconsistent_transaction_cannot_be_built(changes, code) -> None:
    with pytest.raises(MunicipalError) as err:
        attrs.evolve(opened(), **changes)
    assert err.value.code == code


def test_timeline_must_be_oldest_first() -> None:
    txn = opened()
    later = TimelineEntry(T0 + HOUR, txn.status, "APPLY")
    with pytest.raises(DomainRuleError):
        attrs.evolve(txn, updated_at=T0 + HOUR, timeline=(later, txn.timeline[0]))


def test_an_invoice_link_needs_a_payer_key_and_a_paid_date_when_paid() -> None:
    money = Money("1.000", "OMR")
    day = dt.date(2026, 3, 1)
    with pytest.raises(InvalidComponent):
        InvoiceLink("INV-1", Key("phone", "+96891234567"), money, InvoiceStatus.OPEN, day, None)
    with pytest.raises(DomainRuleError):
        InvoiceLink("INV-1", Key("cr", "1234567"), money, InvoiceStatus.PAID, day, None)
    with pytest.raises(DomainRuleError):
        InvoiceLink("INV-1", Key("cr", "1234567"), money, InvoiceStatus.OPEN, day, day)
    with pytest.raises(InvalidComponent):
        InvoiceLink(
            "INV-1", Key("cr", "1234567"), money, InvoiceStatus.PAID, day, day - dt.timedelta(1)
        )


def test_each_invoice_once_and_findable_by_its_number() -> None:
    txn = link_invoice(opened(), invoice(), payer=("cr", "1234567"))
    with pytest.raises(DomainRuleError):
        attrs.evolve(txn, invoices=txn.invoices * 2)
    without_key = tuple(k for k in txn.keys if k.kind is not KeyKind.INVOICE)
    with pytest.raises(DomainRuleError):
        attrs.evolve(txn, keys=without_key)


def test_every_kind_value_is_lower_snake_case() -> None:
    assert all(kind.value == kind.name.lower() for kind in TransactionKind)


# --- record_transition -------------------------------------------------------------------------


def test_recording_a_transition_updates_status_and_timeline() -> None:
    txn = opened()
    case = apply(WF, new_case(WF, "TL-1", at=T0), "APPLY", EVERYONE, at=T0 + HOUR)
    recorded = record_transition(txn, case, WF)
    assert recorded.status == status_of(WF, "DOCUMENT_VERIFICATION")
    assert recorded.updated_at == T0 + HOUR
    assert recorded.timeline[-1] == TimelineEntry(T0 + HOUR, recorded.status, "APPLY")
    assert record_transition(recorded, case, WF) is recorded  # a retry changes nothing


def test_recording_refuses_foreign_old_or_empty_cases() -> None:
    txn = opened()
    with pytest.raises(DomainRuleError) as err:
        record_transition(txn, new_case(WF, "TL-1", at=T0), WF)
    assert err.value.code == "registry.transition.mismatch"
    other = apply(WF, new_case(WF, "TL-9", at=T0), "APPLY", EVERYONE, at=T0 + HOUR)
    with pytest.raises(DomainRuleError):
        record_transition(txn, other, WF)
    case = apply(WF, new_case(WF, "TL-1", at=T0), "APPLY", EVERYONE, at=T0 + HOUR)
    moved_on = attrs.evolve(txn, updated_at=T0 + 2 * HOUR)
    with pytest.raises(DomainRuleError) as err:
        record_transition(moved_on, case, WF)
    assert err.value.code == "registry.transition.time_order"
    with pytest.raises(InvalidFormat):
        record_transition(txn, case, "licence")  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 10), min_size=1, max_size=12))
def test_any_walk_through_the_workflow_is_mirrored_in_the_timeline(choices) -> None:
    txn = opened()
    case = new_case(WF, "TL-1", at=T0)
    at = T0
    for choice in choices:
        actions = WF.actions_from(case.state)
        if not actions:
            break
        action = actions[choice % len(actions)]
        at += HOUR
        payload = dict.fromkeys(action.required_fields, "reason given")
        case = apply(WF, case, action.name, EVERYONE, at=at, payload=payload)
        txn = record_transition(txn, case, WF)
    assert len(txn.timeline) == len(case.history) + 1
    assert [e.action for e in txn.timeline[1:]] == [h.action for h in case.history]
    assert [e.status.code for e in txn.timeline[1:]] == [h.to_state for h in case.history]
    assert txn.status.code == case.state
    assert txn.is_open is not WF.state(case.state).is_terminal


# --- link_invoice / add_keys -----------------------------------------------------------------


def test_linking_an_invoice_then_its_payment_replaces_the_link() -> None:
    inv = invoice("10")
    txn = link_invoice(opened(), inv, payer=("cr", "CR ١٢٣٤٥٦٧"))
    (link,) = txn.invoices
    assert (link.status, link.paid_on, link.payer) == (
        InvoiceStatus.OPEN,
        None,
        Key("cr", "1234567"),
    )
    # paid at 22:30 UTC on 5 March: already 6 March in Sohar
    paid_at = dt.datetime(2026, 3, 5, 22, 30, tzinfo=UTC)
    paid, _ = pay(
        inv, Payment(inv.total, PaymentMethod.ONLINE, "P-1", paid_at), allow_partial=False
    )
    txn = link_invoice(txn, paid, payer=Key("cr", "1234567"))
    (link,) = txn.invoices
    assert (link.status, link.paid_on) == (InvoiceStatus.PAID, dt.date(2026, 3, 6))
    assert txn.keys_of("invoice") == (Key("invoice", inv.reference),)


def test_link_invoice_checks_its_arguments() -> None:
    with pytest.raises(InvalidComponent):
        link_invoice(opened(), invoice(), payer=("phone", "91234567"))
    with pytest.raises(InvalidFormat):
        link_invoice(opened(), "INV-1", payer=("cr", "1234567"))  # type: ignore[arg-type]
    saudi = opened(jurisdiction="sa-balady", keys=())
    with pytest.raises(DomainRuleError) as err:
        link_invoice(saudi, invoice(), payer=("cr", "1010123456"))
    assert err.value.code == "registry.invoice.jurisdiction"


def test_add_keys_deduplicates() -> None:
    txn = opened()
    again = add_keys(txn, [("cr", "1234567"), ("contract", "lc-9")])
    assert len(again.keys) == len(txn.keys) + 1
    assert again.keys_of(KeyKind.CONTRACT) == (Key("contract", "LC-9"),)
    with pytest.raises(InvalidFormat):
        add_keys("TL-1", [])  # type: ignore[arg-type]
