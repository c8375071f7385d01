import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.billing import (
    FeeBreakdown,
    InvoiceStatus,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    TaxHead,
)
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers.references import InMemorySequence
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY, Confidence, Jurisdiction
from municipal_core.licensing import (
    VIOLATION_CATEGORIES,
    EstablishmentSize,
    FineTerms,
    Settlement,
    Violation,
    ViolationCategory,
    ViolationStatus,
    amount_due,
    assess,
    change_status,
    fine_terms,
    open_violations,
    penalty_days,
    record_violation,
    settle,
    settlement_breakdown,
    violation_categories,
    violation_category,
)
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

D = dt.date
UTC = dt.timezone.utc
DAY = D(2026, 3, 1)
OM_CR, SA_CR, SA_UNIFIED = "1234567", "1010123456", "7001234567"
PAYER = Payer(PayerKind.ESTABLISHMENT, SA_UNIFIED, "Al-Noor Bakery")


def om(number: str = "V-1", day: D = DAY, cr: str | None = OM_CR, **kw: object) -> Violation:
    kw.setdefault("category", "waste.dumping")
    return record_violation(number, jurisdiction=OM_SOHAR, recorded_on=day, cr=cr, **kw)  # type: ignore[arg-type]


def sa(number: str = "S-1", day: D = DAY, cr: str | None = SA_UNIFIED, **kw: object) -> Violation:
    kw.setdefault("category", "hygiene.poor")
    return record_violation(number, jurisdiction=SA_BALADY, recorded_on=day, cr=cr, **kw)  # type: ignore[arg-type]


def payment(amount: Money, ref: str = "P-1", day: D = DAY) -> Payment:
    at = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    return Payment(amount, PaymentMethod.ONLINE, ref, at)


# --- categories -------------------------------------------------------------------------


def test_shipped_categories_are_assumptions_in_the_profile_currency() -> None:
    for profile in (OM_SOHAR, SA_BALADY):
        categories = violation_categories(profile)
        assert categories, profile.code
        assert [c.code for c in categories] == sorted(c.code for c in categories)
        for category in categories:
            assert category.base_amount.currency == profile.currency
            assert category.confidence is Confidence.ASSUMPTION
    assert set(VIOLATION_CATEGORIES) == {"om-sohar", "sa-balady"}


def test_category_lookup_and_errors() -> None:
    assert violation_category(" OM-SOHAR ", "waste.dumping").base_amount == Money(100, "OMR")
    with pytest.raises(NotFound) as err:
        violation_category(OM_SOHAR, "hygiene.poor")  # a Saudi category
    assert err.value.code == "licensing.violation.category.unknown"
    with pytest.raises(InvalidFormat):
        violation_categories(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat) as bad:
        ViolationCategory("Bad Code", "X", "س", Money(1, "OMR"), "test")
    assert bad.value.code == "licensing.violation.category.code"


# --- recording ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["CR 1234567", "cr-123-4567", "س.ت ١٢٣٤٥٦٧", "1234567"])
def test_record_normalises_the_omani_cr(typed: str) -> None:
    v = om(cr=typed)
    assert (v.cr_kind, v.cr) == ("om.commercial_registration", OM_CR)


def test_record_accepts_saudi_legacy_and_unified_numbers() -> None:
    assert sa(cr="س.ت: ١٠١٠١٢٣٤٥٦").cr == SA_CR
    assert sa(cr=SA_UNIFIED).cr == SA_UNIFIED


def test_repr_masks_the_cr() -> None:
    text = repr(sa(cr=SA_UNIFIED))
    assert SA_UNIFIED not in text
    assert "'******4567'" in text


def test_record_takes_amount_and_grace_from_data() -> None:
    v = sa(establishment_size="micro")
    assert v.base_amount == Money(1000, "SAR")
    assert v.grace_days == 30  # sa-balady violation.grace_days
    assert v.establishment_size is EstablishmentSize.MICRO
    assert om().grace_days == 0  # no grace rule in om-sohar: none applies
    assert om(grace_days=10).grace_days == 10
    assert om(base_amount=Money("75.5", "OMR")).base_amount == Money("75.500", "OMR")


def test_record_refuses_bad_input() -> None:
    with pytest.raises(InvalidLength):
        sa(cr=OM_CR)  # an Omani CR is no Saudi number
    with pytest.raises(InvalidFormat) as party:
        om(cr=None)
    assert party.value.code == "licensing.violation.party"
    with pytest.raises(CurrencyMismatch):
        om(base_amount=Money(5, "SAR"))
    with pytest.raises(NotFound):
        om(category="no.such")
    with pytest.raises(InvalidComponent):
        om(establishment_size="huge")
    with pytest.raises(InvalidFormat):
        om(day=dt.datetime(2026, 3, 1, tzinfo=UTC))
    with pytest.raises(InvalidFormat):
        record_violation("V-1", jurisdiction="om-sohar", category="waste.dumping",  # type: ignore[arg-type]
                         recorded_on=DAY, cr=OM_CR)  # fmt: skip


def test_licence_number_alone_is_enough_and_numbers_are_normalised() -> None:
    v = om(" v-١٢ ", cr=None, licence_number="lic/٧")
    assert (v.number, v.licence_number, v.cr, v.cr_kind) == ("V-12", "LIC/7", None, None)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"cr": "CR1234567"}, "licensing.violation.cr_form"),
        ({"cr_kind": None}, "licensing.violation.cr_kind"),
        ({"cr_kind": "sa.national_id"}, "licensing.violation.cr_kind"),
        ({"grace_days": -1}, "licensing.violation.grace_days"),
        ({"repeat_of": "V-1"}, "licensing.violation.repeat_of"),
        ({"invoice": "INV-1"}, "licensing.violation.invoice"),
        ({"number": "V 1"}, "licensing.violation.number"),
        ({"number": ""}, "licensing.violation.number"),
        ({"base_amount": Money(0, "OMR")}, "licensing.violation.amount"),
        ({"status": "lost"}, "licensing.violation.status"),
    ],
)
def test_an_invalid_violation_cannot_exist(changes: dict[str, object], code: str) -> None:
    with pytest.raises(ValidationError if "amount" not in code else DomainRuleError) as err:
        attrs.evolve(om(), **changes)  # type: ignore[arg-type]
    assert err.value.code == code


def test_status_changes() -> None:
    v = om()
    objected = change_status(v, ViolationStatus.OBJECTED)
    assert change_status(objected, "open").status is ViolationStatus.OPEN
    assert change_status(objected, "cancelled").status is ViolationStatus.CANCELLED
    cancelled = change_status(v, "cancelled")
    for target in ViolationStatus:
        with pytest.raises(IllegalTransition) as err:
            change_status(cancelled, target)
        assert err.value.code == "licensing.violation.illegal_status"
    with pytest.raises(IllegalTransition):
        change_status(v, ViolationStatus.PAID)  # only by settling
    with pytest.raises(InvalidComponent):
        change_status(v, "closed")
    with pytest.raises(InvalidFormat):
        change_status("V-1", "open")  # type: ignore[arg-type]


# --- fines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "fine"),
    [("micro", "250.00"), ("small", "500.00"), ("medium", "750.00"), ("large", "1000.00"),
     (None, "1000.00")],
)  # fmt: skip
def test_saudi_fine_scales_by_size(size: str | None, fine: str) -> None:
    b = assess(sa(establishment_size=size), jurisdiction=SA_BALADY)
    assert b.total == Money(fine, "SAR")
    assert [(x.code, x.tax_head) for x in b.lines] == [("violation.S-1.fine", TaxHead.FEE)]
    assert b.lines[0].base == Money(1000, "SAR")


def test_omani_fine_ignores_size() -> None:
    assert assess(om(establishment_size="micro"), jurisdiction=OM_SOHAR).total == Money(100, "OMR")


def test_fractional_scaling_is_rounded_once_with_a_round_off_line() -> None:
    v = sa(base_amount=Money("10.02", "SAR"), establishment_size="micro")
    b = assess(v, jurisdiction=SA_BALADY)
    assert b.total == Money("2.51", "SAR")  # 2.505 rounded half up
    assert b.lines[-1].tax_head is TaxHead.ROUND_OFF


def test_repeat_within_the_window_doubles() -> None:
    first = sa("S-1", D(2025, 3, 1), establishment_size="small")
    again = sa("S-2", D(2026, 3, 1), establishment_size="small")  # 365 days later
    terms = fine_terms(again, jurisdiction=SA_BALADY, history=[first, again])
    assert (terms.repeat_multiplier, terms.repeat_of) == (Decimal(2), "S-1")
    assert assess(again, jurisdiction=SA_BALADY, history=[first]).total == Money(1000, "SAR")
    assert "assumption" in terms.source  # the window rule's source is named


@pytest.mark.parametrize(
    "earlier",
    [
        lambda: sa("S-1", D(2025, 2, 28)),  # 366 days before: outside the window
        lambda: change_status(sa("S-1", D(2025, 6, 1)), "cancelled"),
        lambda: sa("S-1", D(2025, 6, 1), cr=SA_CR),  # another party
        lambda: sa("S-1", D(2025, 6, 1), category="shop.expired_licence"),
        lambda: sa("S-1", DAY),  # same day: not earlier
        lambda: sa("S-1", D(2026, 6, 1)),  # later
    ],
)
def test_what_is_not_a_repeat(earlier: object) -> None:
    terms = fine_terms(sa("S-2"), jurisdiction=SA_BALADY, history=[earlier()])  # type: ignore[operator]
    assert (terms.repeat_multiplier, terms.repeat_of) == (Decimal(1), None)


def test_repeat_by_licence_number_and_by_inspector() -> None:
    first = sa("S-1", D(2025, 6, 1), cr=None, licence_number="L-9")
    again = sa("S-2", cr=None, licence_number="L-9")
    assert fine_terms(again, jurisdiction=SA_BALADY, history=[first]).repeat_of == "S-1"
    marked = sa("S-3", repeat_of="s-0")
    assert fine_terms(marked, jurisdiction=SA_BALADY).repeat_of == "S-0"
    assert assess(marked, jurisdiction=SA_BALADY).total == Money(2000, "SAR")


def test_no_repeat_rule_in_oman_means_no_doubling() -> None:
    first, again = om("V-1", D(2026, 1, 1)), om("V-2", D(2026, 2, 1))
    terms = fine_terms(again, jurisdiction=OM_SOHAR, history=[first])
    assert (terms.repeat_multiplier, terms.repeat_of) == (Decimal(1), None)


def test_omani_daily_penalty_starts_the_day_after_grace_and_is_capped() -> None:
    v = om(day=D(2026, 1, 1), grace_days=10)

    def due(day: D) -> Money:
        return amount_due(v, jurisdiction=OM_SOHAR, on=day).total

    assert due(D(2026, 1, 11)) == Money(100, "OMR")  # last day of grace
    assert due(D(2026, 1, 12)) == Money(150, "OMR")  # day 1 of the penalty
    assert due(D(2026, 3, 12)) == Money(3100, "OMR")  # day 60
    assert due(D(2030, 1, 1)) == Money(3100, "OMR")  # capped
    b = amount_due(v, jurisdiction=OM_SOHAR, on=D(2026, 1, 20))
    penalty = b.lines[1]
    assert (penalty.code, penalty.tax_head, penalty.quantity) == (
        "violation.V-1.daily_penalty",
        TaxHead.PENALTY,
        Decimal(9),
    )
    assert b.subtotal(TaxHead.TAX) == Money(0, "OMR")  # fines are outside VAT


def test_saudi_has_no_daily_penalty() -> None:
    v = sa()
    assert amount_due(v, jurisdiction=SA_BALADY, on=D(2030, 1, 1)).total == Money(1000, "SAR")
    assert fine_terms(v, jurisdiction=SA_BALADY).daily_penalty is None


def test_amount_due_refusals() -> None:
    v = om()
    cancelled = change_status(v, "cancelled")
    paid = attrs.evolve(v, status=ViolationStatus.PAID)
    for violation, code in ((cancelled, "cancelled"), (paid, "settled")):
        with pytest.raises(DomainRuleError) as err:
            amount_due(violation, jurisdiction=OM_SOHAR, on=DAY)
        assert err.value.code == f"licensing.violation.{code}"
    with pytest.raises(InvalidComponent):
        amount_due(v, jurisdiction=OM_SOHAR, on=D(2026, 2, 28))
    with pytest.raises(DomainRuleError) as other:
        assess(v, jurisdiction=SA_BALADY)
    assert other.value.code == "licensing.violation.jurisdiction"
    with pytest.raises(CurrencyMismatch):
        assess(attrs.evolve(v, base_amount=Money(1, "SAR")), jurisdiction=OM_SOHAR)
    with pytest.raises(InvalidFormat):
        fine_terms(v, jurisdiction=OM_SOHAR, history=["V-0"])  # type: ignore[list-item]


def test_objected_violation_still_shows_what_would_be_due() -> None:
    objected = change_status(om(), "objected")
    assert amount_due(objected, jurisdiction=OM_SOHAR, on=DAY).total == Money(100, "OMR")


def test_a_derived_profile_without_rules_charges_the_base_only() -> None:
    bare = attrs.evolve(OM_SOHAR, code="om-bare", rules=attrs.evolve(OM_SOHAR.rules, values=()))
    assert isinstance(bare, Jurisdiction)
    v = attrs.evolve(om(), jurisdiction="om-bare")
    assert amount_due(v, jurisdiction=bare, on=D(2027, 1, 1)).total == Money(100, "OMR")


# --- property tests ------------------------------------------------------------------------

SIZES = st.one_of(st.none(), st.sampled_from(EstablishmentSize))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Violation, Jurisdiction, list[Violation]]:
    profile = draw(st.sampled_from([OM_SOHAR, SA_BALADY]))
    units = draw(st.integers(1, 10**9))
    base = Money.from_minor_units(units, profile.currency)
    day = draw(st.dates(D(2020, 1, 1), D(2030, 1, 1)))
    common = {"jurisdiction": profile, "category": violation_categories(profile)[0],
              "base_amount": base, "establishment_size": draw(SIZES),
              "grace_days": draw(st.one_of(st.none(), st.integers(0, 90))),
              "licence_number": "L-1"}  # fmt: skip
    v = record_violation("V-2", recorded_on=day, **common)  # type: ignore[arg-type]
    gap = draw(st.integers(-400, 800))
    earlier = record_violation("V-1", recorded_on=day - dt.timedelta(days=gap), **common)  # type: ignore[arg-type]
    return v, profile, draw(st.sampled_from([[], [earlier]]))


@given(cases(), st.integers(0, 500), st.integers(0, 500))
def test_amount_is_bounded_and_monotone_in_days_unpaid(
    case: tuple[Violation, Jurisdiction, list[Violation]], d1: int, d2: int
) -> None:
    v, profile, history = case
    rules = profile.rules
    factor = (
        rules.decimal(f"violation.size_factor.{v.establishment_size.value}", v.recorded_on)
        if v.establishment_size and rules.history("violation.size_factor.micro")
        else Decimal(1)
    )
    multiplier = Decimal(2) if rules.history("violation.repeat_multiplier") else Decimal(1)
    cap = Decimal(0)
    if rules.history("violation.daily_penalty"):
        cap = rules.decimal("violation.daily_penalty", v.recorded_on) * 60
    bound = (v.base_amount.amount * factor * multiplier + cap).quantize(
        profile.currency.minor_unit, ROUND_HALF_UP
    )
    early, late = sorted((d1, d2))
    first = amount_due(v, jurisdiction=profile, on=v.recorded_on + dt.timedelta(days=early),
                       history=history)  # fmt: skip
    second = amount_due(v, jurisdiction=profile, on=v.recorded_on + dt.timedelta(days=late),
                        history=history)  # fmt: skip
    assert first.total <= second.total
    assert second.total.amount <= bound
    assert assess(v, jurisdiction=profile, history=history).total <= first.total
    # every breakdown is a valid billing value: rebuilding it through the checks agrees
    assert FeeBreakdown(**attrs.asdict(second, recurse=False)) == second


OPS = st.lists(
    st.tuples(st.sampled_from(["cr", "number"]), st.integers(0, 5)), min_size=1, max_size=8
)


@given(
    st.lists(st.tuples(st.sampled_from([SA_CR, SA_UNIFIED]), st.integers(0, 40)),
             min_size=1, max_size=6),
    OPS,
)  # fmt: skip
def test_settled_violations_are_never_charged_again(
    rows: list[tuple[str, int]], ops: list[tuple[str, int]]
) -> None:
    book = tuple(sa(f"S-{i}", DAY + dt.timedelta(days=d), cr=cr) for i, (cr, d) in enumerate(rows))
    expected_once = {
        v.number: amount_due(v, jurisdiction=SA_BALADY, on=D(2026, 6, 1), history=book).total
        for v in book
    }
    sequence, charged, paid_total = InMemorySequence(), [], Money(0, "SAR")
    for i, (how, pick) in enumerate(ops):
        target = book[pick % len(book)]
        query = {"cr": target.cr} if how == "cr" else {"number": target.number}
        if not open_violations(book, **query):
            with pytest.raises(NotFound):
                settlement_breakdown(book, jurisdiction=SA_BALADY, on=D(2026, 6, 1), **query)
            continue
        quote = settlement_breakdown(book, jurisdiction=SA_BALADY, on=D(2026, 6, 1), **query)
        done = settle(book, jurisdiction=SA_BALADY, payer=PAYER, sequence=sequence,
                      payment=payment(quote.total, f"P-{i}", D(2026, 6, 1)), **query)  # fmt: skip
        assert done.invoice.status is InvoiceStatus.PAID
        charged += [v.number for v in done.violations]
        paid_total += done.receipt.payment.amount
        book = done.apply_to(book)
    assert len(charged) == len(set(charged))
    assert paid_total == sum((expected_once[n] for n in charged), Money(0, "SAR"))
    assert {v.number for v in book if v.status is ViolationStatus.PAID} == set(charged)


# --- settling --------------------------------------------------------------------------------


def test_open_violations_filters() -> None:
    book = (
        om("V-1"),
        om("V-2", cr="1999999"),
        change_status(om("V-3"), "objected"),
        om("V-4", cr=None, licence_number="L-1"),
    )
    assert [v.number for v in open_violations(book)] == ["V-1", "V-2", "V-4"]
    assert [v.number for v in open_violations(book, cr="CR ١٢٣٤٥٦٧")] == ["V-1"]
    assert [v.number for v in open_violations(book, cr=OM_CR, number="v-2")] == []
    assert [v.number for v in open_violations(book, number="V-4")] == ["V-4"]
    with pytest.raises(InvalidFormat) as err:
        open_violations(book, cr="CR 12")
    assert err.value.code == "licensing.violation.cr"
    with pytest.raises(InvalidFormat):
        open_violations("V-1")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        open_violations(book, number=7)  # type: ignore[arg-type]


def test_settle_by_cr_puts_every_open_violation_on_one_invoice() -> None:
    book = (sa("S-1", establishment_size="small"), sa("S-2"), sa("S-3", cr=SA_CR))
    on = D(2026, 3, 10)
    quote = settlement_breakdown(book, jurisdiction=SA_BALADY, on=on, cr=SA_UNIFIED)
    assert quote.total == Money(1500, "SAR")
    done = settle(book, jurisdiction=SA_BALADY, payer=PAYER, sequence=InMemorySequence(),
                  payment=payment(quote.total, day=on), cr=SA_UNIFIED)  # fmt: skip
    assert [v.number for v in done.violations] == ["S-1", "S-2"]
    assert all(v.invoice == done.invoice.reference for v in done.violations)
    assert [line.code for line in done.invoice.lines] == [
        "violation.S-1.fine",
        "violation.S-2.fine",
    ]
    assert done.receipt.balance_after == Money(0, "SAR")
    updated = done.apply_to(book)
    assert [v.status.value for v in updated] == ["paid", "paid", "open"]
    with pytest.raises(NotFound) as err:
        settle(updated, jurisdiction=SA_BALADY, payer=PAYER, sequence=InMemorySequence(),
               payment=payment(quote.total, "P-2", on), cr=SA_UNIFIED)  # fmt: skip
    assert err.value.code == "licensing.violation.none_open"


def test_settle_by_number_with_the_penalty_in_the_payers_time_zone() -> None:
    book = (om("V-1", D(2026, 1, 1)), om("V-2", D(2026, 1, 1)))
    # 21:00 UTC on 2 Jan is already 3 Jan in Muscat: two days of penalty
    at = dt.datetime(2026, 1, 2, 21, 0, tzinfo=UTC)
    done = settle(book, jurisdiction=OM_SOHAR, payer=PAYER, sequence=InMemorySequence(),
                  payment=Payment(Money(200, "OMR"), PaymentMethod.CASH, "C-1", at),
                  number="v-2")  # fmt: skip
    assert [v.number for v in done.violations] == ["V-2"]
    assert done.invoice.issued_on == D(2026, 1, 3)
    assert done.invoice.total == Money(200, "OMR")


def test_a_wrong_payment_takes_no_invoice_number() -> None:
    book, sequence = (om(),), InMemorySequence()
    with pytest.raises(DomainRuleError) as err:
        settle(book, jurisdiction=OM_SOHAR, payer=PAYER, sequence=sequence,
               payment=payment(Money(99, "OMR")), cr=OM_CR)  # fmt: skip
    assert err.value.code == "licensing.violation.payment_amount"
    done = settle(book, jurisdiction=OM_SOHAR, payer=PAYER, sequence=sequence,
                  payment=payment(Money(100, "OMR")), cr=OM_CR)  # fmt: skip
    assert done.invoice.reference.endswith("000001")
    with pytest.raises(InvalidFormat):
        settle(book, jurisdiction=OM_SOHAR, payer=PAYER, sequence=sequence,
               payment="100", cr=OM_CR)  # type: ignore[arg-type]  # fmt: skip


# --- serialization ---------------------------------------------------------------------------


def test_models_round_trip_through_the_one_converter() -> None:
    v = sa(establishment_size="medium", repeat_of="S-0", licence_number="L-1")
    terms = fine_terms(v, jurisdiction=SA_BALADY)
    done = settle((v,), jurisdiction=SA_BALADY, payer=PAYER, sequence=InMemorySequence(),
                  payment=payment(Money(1500, "SAR")), number="S-1")  # fmt: skip
    values: list[tuple[object, type]] = [
        (v, Violation),
        (violation_category(SA_BALADY, "hygiene.poor"), ViolationCategory),
        (terms, FineTerms),
        (done, Settlement),
        (assess(v, jurisdiction=SA_BALADY), FeeBreakdown),
    ]
    for value, cls in values:
        assert from_json(to_json(value), cls) == value
    assert '"status": "paid"' in to_json(done.violations[0])


def test_penalty_days_without_a_daily_penalty_is_zero() -> None:
    terms = fine_terms(sa(), jurisdiction=SA_BALADY)
    assert penalty_days(terms, D(2030, 1, 1)) == 0
