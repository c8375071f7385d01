"""Documents: bilingual Arabic/English PDFs of every printable service, fast.

* **Content** -- a :class:`Document` is data: a title, a reference, the municipality and
  a tuple of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Fields`,
  :class:`Table`, :class:`Signatures`, :class:`VerificationCode`), each in both
  languages (:class:`Bilingual`). :func:`printable` builds the one a service prints from
  its domain object (lease contracts, address card, completion certificate, service
  letters, licences and permits, invoices, receipts, violation notices); see
  :data:`BUILDERS`. Identifiers are masked unless ``mask_ids=False``.
* **Rendering** -- :func:`render` writes a document as PDF bytes with the bundled Amiri
  font (SIL OFL 1.1): HarfBuzz shaping once per paragraph, Arabic first and right to
  left with numbers and Latin text kept in order, tables that split across pages with
  their header repeated, page numbers, and identical bytes for identical input with
  :class:`RenderOptions`. :func:`render_many` takes any
  :class:`concurrent.futures.Executor`.
* **Words, dates and codes** -- :func:`amount_in_words` (Arabic and English; OMR rial and
  baisa, SAR riyal and halala, with correct agreement), :func:`date_line` (Gregorian
  and Umm al-Qura Hijri), and signed verification codes (:class:`DocumentSigner`,
  :func:`document_code`, :func:`verify_document_code`, :func:`qr_matrix`).

``import municipal_core.documents`` loads neither fpdf2, uharfbuzz, fontTools nor segno;
they load with the first render.

Examples:
    >>> from decimal import Decimal
    >>> from municipal_core.money import Money
    >>> amount_in_words(Money(Decimal("3.250"), "OMR"))
    'ثلاثة ريالات عمانية ومائتان وخمسون بيسة'
    >>> signer = DocumentSigner(b"0123456789abcdef-demo-key", "K1")
    >>> import datetime as dt
    >>> code = document_code("LSE-2026-000001", "lease_contract", dt.date(2026, 3, 1),
    ...                      signer=signer)
    >>> verify_document_code(code, signer).reference
    'LSE-2026-000001'
    >>> pdf = render(printable("lease_contract", sample_lease()))
    >>> pdf[:5]
    b'%PDF-'
"""

from municipal_core.documents._billing_documents import invoice_document, receipt_document
from municipal_core.documents._blocks import (
    MAX_BLOCK_TEXT,
    MAX_COLUMNS,
    Align,
    Bilingual,
    Block,
    Column,
    Document,
    Field,
    Fields,
    Heading,
    Paragraph,
    Signatures,
    Table,
    VerificationCode,
)
from municipal_core.documents._certificate_documents import (
    AddressCard,
    address_card,
    building_permit_certificate,
    completion_certificate,
    service_letter,
)
from municipal_core.documents._codes import (
    DocumentSigner,
    VerifiedDocument,
    document_code,
    qr_matrix,
    verify_document_code,
)
from municipal_core.documents._date_text import date_line, gregorian_text
from municipal_core.documents._lease_documents import (
    STANDARD_CLAUSES,
    lease_contract,
    renewal_contract,
    supplementary_contract,
)
from municipal_core.documents._licence_documents import (
    commercial_licence_certificate,
    construction_licence_certificate,
)
from municipal_core.documents._printable_parts import PrintOptions
from municipal_core.documents._printables import BUILDERS, printable
from municipal_core.documents._render import RenderOptions, render, render_many, warm_up
from municipal_core.documents._samples import sample_lease, sample_objects
from municipal_core.documents._violation_documents import violation_notice
from municipal_core.documents._words import (
    MAX_AMOUNT_IN_WORDS,
    ArabicNoun,
    CurrencyWords,
    amount_in_words,
    arabic_count,
    currency_words,
    english_number,
)

__all__ = [
    "BUILDERS",
    "MAX_AMOUNT_IN_WORDS",
    "MAX_BLOCK_TEXT",
    "MAX_COLUMNS",
    "STANDARD_CLAUSES",
    "AddressCard",
    "Align",
    "ArabicNoun",
    "Bilingual",
    "Block",
    "Column",
    "CurrencyWords",
    "Document",
    "DocumentSigner",
    "Field",
    "Fields",
    "Heading",
    "Paragraph",
    "PrintOptions",
    "RenderOptions",
    "Signatures",
    "Table",
    "VerificationCode",
    "VerifiedDocument",
    "address_card",
    "amount_in_words",
    "arabic_count",
    "building_permit_certificate",
    "commercial_licence_certificate",
    "completion_certificate",
    "construction_licence_certificate",
    "currency_words",
    "date_line",
    "document_code",
    "english_number",
    "gregorian_text",
    "invoice_document",
    "lease_contract",
    "printable",
    "qr_matrix",
    "receipt_document",
    "render",
    "render_many",
    "renewal_contract",
    "sample_lease",
    "sample_objects",
    "service_letter",
    "supplementary_contract",
    "verify_document_code",
    "violation_notice",
    "warm_up",
]
