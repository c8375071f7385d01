"""The printable builders: every kind from its domain object, content, masking, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_core.billing import Payment, PaymentMethod, Receipt
from municipal_core.documents._billing_documents import receipt_document
from municipal_core.documents._blocks import (
    Bilingual,
    Document,
    Fields,
    Signatures,
    Table,
    VerificationCode,
)
from municipal_core.documents._certificate_documents import AddressCard
from municipal_core.documents._codes import DocumentSigner, verify_document_code
from municipal_core.documents._lease_documents import (
    lease_contract,
    renewal_contract,
    supplementary_contract,
)
from municipal_core.documents._printable_parts import PrintOptions
from municipal_core.documents._printables import BUILDERS, printable
from municipal_core.documents._samples import sample_lease, sample_objects
from municipal_core.documents._words import amount_in_words
from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat, NotFound
from municipal_core.leases import rent_schedule
from municipal_core.licensing import Printable
from municipal_core.money import Money
from municipal_core.serialization import from_json, to_json

SAMPLES = sample_objects()
SIGNER = DocumentSigner(b"k" * 32, "K1")


def texts(value: object) -> list[str]:
    """Every string a document holds, in reading order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in texts(item)]
    if attrs.has(type(value)):
        return [text for f in attrs.fields(type(value)) for text in texts(getattr(value, f.name))]
    return []


def field_values(doc: Document, label_en: str) -> list[tuple[str, str | None]]:
    return [
        (row.value, row.value_ar)
        for block in doc.blocks
        if isinstance(block, Fields)
        for row in block.rows
        if row.label.en == label_en
    ]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_builds_its_kind_and_round_trips(name: str) -> None:
    kind, obj = SAMPLES[name]
    doc = printable(kind, obj)
    assert doc.kind == kind.value
    assert doc.title.ar
    assert doc.title.en
    assert from_json(to_json(doc), Document) == doc


def test_the_dispatch_table_covers_every_printable() -> None:
    assert set(BUILDERS) == set(Printable)
    assert {kind for kind, _ in SAMPLES.values()} == set(Printable)


def test_lease_contract_shows_parties_property_terms_and_signatures() -> None:
    lease = sample_lease()
    doc = lease_contract(lease)
    assert (doc.title.ar, doc.reference) == ("عقد إيجار", "29458/2026")
    assert doc.municipality == Bilingual("بلدية صحار", "Sohar Municipality")
    strings = texts(doc)
    assert "سالم بن علي بن سعيد البلوشي" in strings
    assert "Al Noor Trading LLC" in strings
    assert field_values(doc, "Total rent") == [("OMR 4,203.000", "4,203.000 ر.ع.")]
    words = field_values(doc, "Amount in words")
    assert words == [
        (
            amount_in_words(lease.total_rent, "en"),
            amount_in_words(lease.total_rent, "ar", only=True),
        )
    ]
    table = next(block for block in doc.blocks if isinstance(block, Table))
    assert len(table.rows) == 4  # quarterly
    assert table.total is not None
    assert table.total[-1] == "4,203.000"
    assert isinstance(doc.blocks[-1], Signatures)


def test_identifiers_are_masked_unless_the_caller_asks_for_them() -> None:
    lease = sample_lease()
    masked = texts(lease_contract(lease))
    assert not any("12345678" in text or "1234567" in text for text in masked)
    assert "*****678" in masked  # om.civil_number.mask
    full = texts(lease_contract(lease, options=PrintOptions(mask_ids=False)))
    assert "12345678" in full
    assert "1234567" in full


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_sample_prints_a_full_identifier_by_default(name: str) -> None:
    kind, obj = SAMPLES[name]
    strings = texts(printable(kind, obj))
    for number in ("12345678", "1234567", "7001234567", "1010123456"):
        assert not any(number in text for text in strings)


def test_arabic_digits_reach_the_arabic_values_and_the_document() -> None:
    doc = printable("lease_contract", sample_lease(), arabic_digits=True)
    assert doc.arabic_digits is True
    ((_, rent_ar),) = field_values(doc, "Monthly rent")
    assert rent_ar is not None
    assert "٣٥٠" in rent_ar
    assert "350" not in rent_ar


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_signer_adds_a_verification_code_of_this_document(name: str) -> None:
    kind, obj = SAMPLES[name]
    doc = printable(kind, obj, signer=SIGNER)
    code = doc.blocks[-1]
    assert isinstance(code, VerificationCode)
    verified = verify_document_code(code.code, SIGNER)
    assert (verified.reference, verified.kind, verified.issued_on) == (
        doc.reference,
        kind.value,
        doc.issued_on,
    )
    assert not any(isinstance(b, VerificationCode) for b in printable(kind, obj).blocks)


def test_municipality_and_logo_come_from_the_caller() -> None:
    name = Bilingual("بلدية شناص", "Shinas Municipality")
    doc = printable("invoice", SAMPLES["invoice"][1], municipality=name, logo_png=b"\x89PNG")
    assert doc.municipality == name
    assert doc.logo_png == b"\x89PNG"
    assert doc.footer is not None
    assert "Shinas" in doc.footer.en


def test_renewal_names_the_renewed_contract() -> None:
    doc = printable("renewal_contract", SAMPLES["renewal_contract"][1])
    assert field_values(doc, "Renews contract no.") == [("29458/2026", None)]
    with pytest.raises(DomainRuleError) as caught:
        renewal_contract(sample_lease())
    assert caught.value.code == "documents.printable.not_renewal"


def test_supplementary_contract_prints_the_chosen_amendment() -> None:
    lease = SAMPLES["supplementary_contract"][1]
    doc = supplementary_contract(lease, amendment="29458/2026-A1")
    assert doc.reference == "29458/2026-A1"
    assert field_values(doc, "New monthly rent") == [("OMR 380.000", "380.000 ر.ع.")]
    assert field_values(doc, "New payment frequency") == [("Monthly", "شهري")]
    note = lease.amendments[-1].note
    assert field_values(doc, "Note") == [(note, None)]  # free text: printed once, as given
    with pytest.raises(NotFound) as caught:
        supplementary_contract(lease, amendment="nope")
    assert caught.value.code == "documents.printable.amendment"
    with pytest.raises(NotFound):
        supplementary_contract(sample_lease())


def test_replacements_say_so_and_name_what_they_replace() -> None:
    card = printable("address_card", SAMPLES["address_card_replacement"][1])
    assert "بدل فاقد" in card.title.ar
    assert "replacement" in card.title.en
    assert field_values(card, "Replaces") == [("2026-04-01", None)]
    cert = printable("completion_certificate", SAMPLES["completion_certificate_replacement"][1])
    assert field_values(cert, "Replaces") == [("CC-2026-0107", None)]
    assert "Replaces" not in texts(printable(*SAMPLES["completion_certificate"]))


def test_completion_letter_cites_the_certificate() -> None:
    doc = printable(*SAMPLES["completion_letter"])
    assert field_values(doc, "Completion certificate no.") == [("CC-2026-0107", None)]
    assert "electricity and water" in doc.title.en


def test_receipt_from_an_invoice_carries_the_payer_and_lines() -> None:
    invoice = SAMPLES["receipt"][1]
    doc = printable("receipt", invoice)
    assert field_values(doc, "Payer") == [("Salim Ali Saeed Al-Balushi", None)]
    assert any(isinstance(block, Table) for block in doc.blocks)
    assert field_values(doc, "Amount paid")[0][0] == "OMR 10.100"
    with pytest.raises(NotFound) as caught:
        receipt_document(invoice, payment="PAY-unknown")
    assert caught.value.code == "documents.printable.receipt"
    with pytest.raises(NotFound):
        receipt_document(SAMPLES["invoice"][1])  # nothing paid yet


def test_a_bare_receipt_is_dated_in_the_jurisdictions_time_zone() -> None:
    late = dt.datetime(2026, 3, 2, 21, 0, tzinfo=dt.timezone.utc)  # 01:00 on 3 March in Muscat
    receipt = Receipt(
        "INV-1", Payment(Money(5, "OMR"), PaymentMethod.CASH, "P-9", late), Money(0, "OMR")
    )
    doc = receipt_document(receipt)
    assert doc.issued_on == dt.date(2026, 3, 3)
    assert doc.municipality.en == "Sohar Municipality"


def test_violation_notice_prints_the_assessed_fine() -> None:
    doc = printable(*SAMPLES["violation_notice"])
    table = next(block for block in doc.blocks if isinstance(block, Table))
    assert table.total is not None
    assert table.total[-1] == "750.00"
    assert doc.municipality.en.startswith("Balady")
    assert field_values(doc, "Pay by")


@pytest.mark.parametrize("kind", list(Printable))
def test_wrong_object_type_is_a_typed_error(kind: Printable) -> None:
    with pytest.raises(InvalidFormat) as caught:
        printable(kind, "not a domain object")
    assert caught.value.code == "documents.printable.type"
    assert caught.value.field == "obj"


@pytest.mark.parametrize(
    "builder", sorted({b for table in BUILDERS.values() for b in table.values()}, key=repr)
)
def test_each_builder_refuses_a_wrong_type(builder: object) -> None:
    with pytest.raises(InvalidFormat) as caught:
        builder(42)  # type: ignore[operator]
    assert caught.value.code == "documents.printable.type"


def test_bad_kind_and_bad_options_are_typed_errors() -> None:
    with pytest.raises(InvalidComponent) as caught:
        printable("menu", sample_lease())
    assert caught.value.code == "documents.printable.kind"
    with pytest.raises(InvalidFormat):
        printable("lease_contract", sample_lease(), mask_ids="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        printable("lease_contract", sample_lease(), signer=b"key")  # type: ignore[arg-type]


def test_address_card_needs_a_building_with_an_address() -> None:
    permit = attrs.evolve(SAMPLES["permit_certificate"][1], address=None)
    with pytest.raises(DomainRuleError) as caught:
        AddressCard(permit, dt.date(2026, 4, 1))
    assert caught.value.code == "documents.printable.address_card.no_address"
    with pytest.raises(InvalidFormat):
        AddressCard("BP-1", dt.date(2026, 4, 1))  # type: ignore[arg-type]


@settings(max_examples=40)
@given(
    baisa=st.integers(min_value=1, max_value=10**9),
    months=st.integers(min_value=1, max_value=36),
    masked=st.booleans(),
)
def test_any_valid_lease_prints_its_own_total_and_schedule(
    baisa: int, months: int, masked: bool
) -> None:
    lease = attrs.evolve(
        sample_lease(),
        monthly_rent=Money(Decimal(baisa).scaleb(-3), "OMR"),
        end=sample_lease().start.replace(
            year=2026 + (months - 1) // 12, month=(months - 1) % 12 + 1, day=28
        ),
    )
    doc = printable("lease_contract", lease, mask_ids=masked)
    assert field_values(doc, "Total rent")[0][0] == lease.total_rent.format("en")
    table = next(block for block in doc.blocks if isinstance(block, Table))
    assert len(table.rows) == len(rent_schedule(lease))
    assert table.total is not None
    assert table.total[-1] == lease.total_rent.format("en", symbol=False)
    assert ("12345678" in texts(doc)) is not masked


def test_address_card_and_print_options_round_trip_through_json() -> None:
    card = SAMPLES["address_card_replacement"][1]
    assert from_json(to_json(card), AddressCard) == card
    options = PrintOptions(
        mask_ids=False,
        arabic_digits=True,
        logo_png=b"\x89PNG",
        municipality=Bilingual("بلدية شناص", "Shinas Municipality"),
    )
    assert from_json(to_json(options), PrintOptions) == options
