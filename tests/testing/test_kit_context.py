"""The build context, the override rules, and the documents built for one portal only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from municipal_core.billing import InvoiceStatus, PayerKind
from municipal_core.clock import FixedClock
from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound
from municipal_core.licensing import PermitStatus, issue_completion_certificate
from municipal_core.licensing._om_certificates import COMPLETION_CERTIFICATE_WORKFLOW
from municipal_core.money import Money
from municipal_core.testing._builder import Builder
from municipal_core.testing._case_builders import build_case
from municipal_core.testing._context import DEFAULT_INSTANT, BuildContext, construct


@pytest.mark.parametrize(("field", "value", "code"), [
    ("seed", "1", "testing.seed"),
    ("seed", True, "testing.seed"),
    ("clock", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "testing.clock"),
])  # fmt: skip
def test_bad_context_arguments_are_typed_errors(field: str, value: object, code: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        BuildContext(**{field: value})  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (code, field)


def test_an_unknown_jurisdiction_is_not_found() -> None:
    with pytest.raises(NotFound):
        BuildContext(jurisdiction="xx-nowhere")


def test_the_clock_dates_everything_built() -> None:
    clock = FixedClock(dt.datetime(2027, 6, 30, 22, 0, tzinfo=dt.timezone.utc))
    builder = Builder(clock=clock, jurisdiction="sa-balady")
    assert builder.today() == dt.date(2027, 7, 1)  # already the 1st in Riyadh
    assert builder.violation().recorded_on == dt.date(2027, 7, 1)
    assert builder.lease().start == dt.date(2027, 8, 1)
    assert Builder().now() == DEFAULT_INSTANT


def test_within_shares_the_draws_and_the_numbering() -> None:
    ctx = BuildContext(seed=3)
    other = ctx.within("sa-balady")
    assert (other.rng, other.sequence, other.clock) == (ctx.rng, ctx.sequence, ctx.clock)
    assert [ctx.number("X"), other.number("X")] == ["X-2026-000001", "X-2026-000002"]
    assert ctx.in_country("OM", "om-sohar") is ctx


def test_construct_takes_private_fields_by_their_alias() -> None:
    @attrs.frozen
    class Secretive:
        _code: str
        size: int = 0

    def make(size: int) -> Secretive:
        return Secretive("x", size)

    assert construct(make, {"size": 1}, {"code": "y"}, family="s") == Secretive("y", 1)
    with pytest.raises(InvalidComponent):
        construct(make, {"size": 1}, {"_code": "y"}, family="s")
    with pytest.raises(InvalidComponent):
        construct(dict, {}, {"extra": 1}, family="plain")  # not attrs: only its arguments


# --- one portal's documents -----------------------------------------------------------------


def test_oman_documents_are_built_in_oman_even_from_a_saudi_builder() -> None:
    builder = Builder(jurisdiction="sa-balady")
    permit = builder.building_permit(built_area_m2=Decimal(900))
    assert (permit.status, permit.built_area_m2) == (PermitStatus.VALID, Decimal(900))
    assert permit.deposit.currency.code == "OMR"
    certificate = builder.completion_certificate(permit=permit)
    assert certificate.permit_number == permit.number
    _, completed = issue_completion_certificate(
        build_case(builder, COMPLETION_CERTIFICATE_WORKFLOW), permit,
        number=certificate.number, issued_on=certificate.issued_on,
    )  # fmt: skip
    assert completed.status is PermitStatus.COMPLETED


def test_saudi_documents_are_built_in_saudi_arabia_even_from_an_omani_builder() -> None:
    builder = Builder()
    assert builder.construction_licence().expires_on > builder.today()
    plan = builder.plan_approval()
    assert plan.office_account_id.startswith("ACC-")
    office = builder.account(jurisdiction="sa-balady", account_type="sa.engineering_office")
    assert builder.plan_approval(office=office).office_account_id == office.account_id


@pytest.mark.parametrize(("jurisdiction", "currency"), [("om-sohar", "OMR"), ("sa-balady", "SAR")])
def test_invoices_bill_a_real_fee_and_receipts_pay_them(jurisdiction: str, currency: str) -> None:
    builder = Builder(jurisdiction=jurisdiction)
    invoice = builder.invoice(payer=builder.payer(kind=PayerKind.ESTABLISHMENT))
    assert invoice.status is InvoiceStatus.OPEN
    assert invoice.total.currency.code == currency
    assert invoice.total.is_positive()
    assert sum((line.amount for line in invoice.lines), Money.zero(currency)) <= invoice.total
    full = builder.receipt(invoice=invoice)
    assert full.balance_after.is_zero()
    assert full.payment.amount == invoice.total
    part = builder.receipt(invoice=invoice, amount=Money.from_minor_units(1, currency))
    assert part.balance_after == invoice.total - Money.from_minor_units(1, currency)


def test_a_bad_payer_kind_is_a_typed_error() -> None:
    with pytest.raises(InvalidComponent) as info:
        Builder().payer(kind="robot")
    assert info.value.code == "testing.payer.kind"
