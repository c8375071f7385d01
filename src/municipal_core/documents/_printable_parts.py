"""What every printable shares: the caller's options and the rows all of them print.

The builders (``_lease_documents``, ``_certificate_documents``, ``_licence_documents``,
``_billing_documents``, ``_violation_documents``) turn a domain object into a
:class:`~municipal_core.documents._blocks.Document`; this module holds the parts they have
in common, so a money row, a date row or a masked identifier reads the same on every
document:

* :class:`PrintOptions` -- masking, Arabic-Indic digits, a verification signer, the
  municipality's name and logo;
* row makers -- :func:`money_field` (both languages' formats), :func:`words_field`
  (the amount in words), :func:`date_field` (Gregorian and Hijri), :func:`id_field`
  (masked unless the caller asks for the full number);
* :func:`assemble` -- the header, the verification code when a signer is given, the
  footer.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.money import Money
    >>> options = PrintOptions()
    >>> row = money_field(Bilingual("الإيجار", "Rent"), Money("100", "OMR"), options)
    >>> row.value, row.value_ar
    ('OMR 100.000', '100.000 ر.ع.')
    >>> id_field(Bilingual("الرقم المدني", "Civil number"), "12345678", options).value
    '****5678'
    >>> PrintOptions(mask_ids="no")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The value of mask_ids has the wrong type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from municipal_core import jurisdictions
from municipal_core._checks import require_instance, type_of
from municipal_core._text import mask_tail
from municipal_core.documents._blocks import (
    Bilingual,
    Block,
    Document,
    Field,
    Fields,
    Heading,
    VerificationCode,
)
from municipal_core.documents._codes import DocumentSigner, document_code
from municipal_core.documents._date_text import date_line
from municipal_core.documents._words import amount_in_words
from municipal_core.identifiers import get_module
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.licensing import Printable
from municipal_core.money import Money

__all__ = [
    "AMOUNT_IN_WORDS",
    "CODE",
    "ISSUED_ON",
    "TOTAL",
    "PrintOptions",
    "address_field",
    "area_field",
    "assemble",
    "date_field",
    "fields_section",
    "id_field",
    "money_field",
    "renewals_field",
    "require",
    "text_field",
    "words_field",
]

CODE = "documents.printable"
"""Error-code prefix of every printable builder."""

AMOUNT_IN_WORDS = Bilingual("المبلغ كتابةً", "Amount in words")
ISSUED_ON = Bilingual("تاريخ الإصدار", "Issued on")
TOTAL = Bilingual("الإجمالي", "Total")

_VERIFY = Bilingual(
    "امسح الرمز للتحقق من صحة المستند",
    "Scan the code to verify this document",
)


@attrs.frozen
class PrintOptions:
    """How a printable is made: what to hide, which digits, who signs, whose letterhead.

    Attributes:
        mask_ids: print identity, CR and payer numbers masked (``****5678``), the default;
            ``False`` prints them in full (the parties' own copies).
        arabic_digits: print the Arabic text with Arabic-Indic digits (``٠-٩``).
        signer: a :class:`~municipal_core.documents._codes.DocumentSigner`; when given,
            the document ends with a verification QR code and its code text.
        municipality: the letterhead name; default: the jurisdiction profile's name.
        logo_png: the municipality's logo as PNG bytes (hidden from ``repr``).

    Examples:
        >>> PrintOptions(arabic_digits=True).mask_ids
        True
    """

    mask_ids: bool = attrs.field(default=True, validator=type_of(bool, CODE), kw_only=True)
    arabic_digits: bool = attrs.field(default=False, validator=type_of(bool, CODE), kw_only=True)
    signer: DocumentSigner | None = attrs.field(
        default=None, validator=type_of(DocumentSigner, CODE, optional=True), kw_only=True
    )
    municipality: Bilingual | None = attrs.field(
        default=None, validator=type_of(Bilingual, CODE, optional=True), kw_only=True
    )
    logo_png: bytes | None = attrs.field(
        default=None, repr=False, validator=type_of(bytes, CODE, optional=True), kw_only=True
    )


def require(value: object, cls: type, field: str) -> None:
    """Raise ``InvalidFormat`` (``documents.printable.type``) unless ``value`` is a ``cls``.

    Examples:
        >>> require("1/2026", Money, "lease")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Money is required for lease.
    """
    require_instance(value, cls, field=field, code=CODE)


def text_field(label: Bilingual, en: str, ar: str | None = None) -> Field:
    """Return a row whose value is the same text in both languages, or ``en`` / ``ar``.

    Examples:
        >>> text_field(Bilingual("الوحدة", "Unit"), "Shop 4").value_ar is None
        True
    """
    return Field(label, en, None if ar is None or ar == en else ar)


def address_field(address: OmanAddress | NationalAddress) -> Field:
    """Return the address row: the address as its module prints it, on one line.

    Examples:
        >>> home = OmanAddress("12", "Al Multaqa Street", "Sohar", "North Al Batinah")
        >>> address_field(home).value
        '12, Al Multaqa Street, Sohar, North Al Batinah, Sultanate of Oman'
    """
    return text_field(
        Bilingual("العنوان", "Address"),
        address.format("en").replace("\n", ", "),
        address.format("ar").replace("\n", "، "),
    )


def area_field(label: Bilingual, area: Decimal) -> Field:
    """Return an area row in square metres (``m²`` / ``م²``).

    Examples:
        >>> area_field(Bilingual("المساحة", "Area"), Decimal("95.5")).value_ar
        '95.5 م²'
    """
    return text_field(label, f"{area} m²", f"{area} م²")


def renewals_field(renewals: int) -> Field | None:
    """Return the "renewals" row of a licence or permit, or ``None`` if never renewed.

    Examples:
        >>> renewals_field(0) is None, renewals_field(2).value
        (True, '2')
    """
    if renewals == 0:
        return None
    return text_field(Bilingual("عدد مرات التجديد", "Renewals"), str(renewals))


def money_field(label: Bilingual, amount: Money, options: PrintOptions) -> Field:
    """Return a row with ``amount`` formatted for each language (symbol, digits).

    Examples:
        >>> money_field(Bilingual("الرسم", "Fee"), Money("36", "OMR"),
        ...             PrintOptions(arabic_digits=True)).value_ar
        '٣٦٫٠٠٠ ر.ع.'
    """
    return Field(
        label,
        amount.format("en"),
        amount.format("ar", arabic_digits=options.arabic_digits),
    )


def words_field(amount: Money, label: Bilingual = AMOUNT_IN_WORDS) -> Field:
    """Return the "amount in words" row: the English words, and the Arabic phrase.

    The Arabic is wrapped in «فقط ... لا غير» ("only ... and nothing more"), as amounts
    in words are printed on Arabic contracts and receipts so nothing can be added after.

    Examples:
        >>> words_field(Money("2", "OMR")).value_ar
        'فقط ريالان عمانيان لا غير'
    """
    return Field(label, amount_in_words(amount, "en"), amount_in_words(amount, "ar", only=True))


def date_field(label: Bilingual, day: dt.date, options: PrintOptions) -> Field:
    """Return a row with ``day`` in the Gregorian and Hijri calendars, in both languages.

    Examples:
        >>> date_field(ISSUED_ON, dt.date(2026, 11, 22), PrintOptions()).value
        '22 November 2026 (12 Jumada al-Akhirah 1448 AH)'
    """
    return Field(
        label,
        date_line(day, "en"),
        date_line(day, "ar", arabic_digits=options.arabic_digits),
    )


def id_field(
    label: Bilingual, number: str, options: PrintOptions, kind: str | None = None
) -> Field:
    """Return an identifier row: masked by its module's ``mask`` unless asked otherwise.

    ``kind`` is an identifier kind (``"om.civil_number"``); without one, or for a kind
    the library does not know, the last four characters stay visible (``mask_tail``).

    Examples:
        >>> id_field(Bilingual("الهوية", "ID"), "1000000008", PrintOptions(),
        ...          "sa.national_id").value
        '******0008'
        >>> id_field(Bilingual("الهوية", "ID"), "1000000008",
        ...          PrintOptions(mask_ids=False)).value
        '1000000008'
    """
    if not options.mask_ids:
        return Field(label, number)
    if kind is None:
        return Field(label, mask_tail(number))
    return Field(label, get_module(kind).mask(number))


def fields_section(heading: Bilingual, rows: Iterable[Field | None]) -> tuple[Block, ...]:
    """Return a heading and a :class:`Fields` block of the rows that are not ``None``.

    Examples:
        >>> blocks = fields_section(Bilingual("العقار", "Property"),
        ...                         [text_field(Bilingual("الوحدة", "Unit"), "Shop 4"), None])
        >>> len(blocks[1].rows)
        1
    """
    present = tuple(row for row in rows if row is not None)
    return (Heading(heading), Fields(present)) if present else ()


def _municipality(options: PrintOptions, jurisdiction: str) -> Bilingual:
    if options.municipality is not None:
        return options.municipality
    profile = jurisdictions.get(jurisdiction)
    return Bilingual(profile.name_ar, profile.name_en)


def assemble(
    kind: Printable,
    title: Bilingual,
    reference: str,
    issued_on: dt.date,
    jurisdiction: str,
    blocks: Iterable[Block],
    options: PrintOptions,
) -> Document:
    """Return the :class:`Document`: header, ``blocks``, then the verification code.

    The arguments are positional, in the order a document prints them: kind, title,
    reference, date of issue, then the jurisdiction whose profile names the
    municipality, the blocks and the options.

    The code signs the reference, the kind and the date of issue, so a copy with any of
    them changed fails :func:`~municipal_core.documents._codes.verify_document_code`.

    Examples:
        >>> doc = assemble(Printable.RECEIPT, Bilingual("إيصال", "Receipt"), "R-1",
        ...                dt.date(2026, 1, 5), "om-sohar", (), PrintOptions())
        >>> doc.municipality.en, doc.footer.en
        ('Sohar Municipality', 'Issued electronically by Sohar Municipality.')
    """
    municipality = _municipality(options, jurisdiction)
    body = list(blocks)
    if options.signer is not None:
        code = document_code(reference, kind.value, issued_on, signer=options.signer)
        body.append(VerificationCode(code, _VERIFY))
    footer = Bilingual(
        f"صدر هذا المستند إلكترونيًا من {municipality.ar}.",
        f"Issued electronically by {municipality.en}.",
    )
    return Document(
        kind=kind.value,
        title=title,
        reference=reference,
        municipality=municipality,
        issued_on=issued_on,
        blocks=tuple(body),
        logo_png=options.logo_png,
        arabic_digits=options.arabic_digits,
        footer=footer,
    )
