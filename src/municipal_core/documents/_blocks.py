"""The block model of a printable document: what it says, never how it is drawn.

A :class:`Document` is a header (municipality, title, reference, date) and a tuple of
blocks -- headings, bilingual paragraphs, label/value fields, tables, signature boxes and
a verification code. Builders (``_printables``) make them from domain objects; the
renderer (``_render``) lays them out. Text is kept as given: hostile characters (bidi
overrides, control characters) are cleaned when rendering, so a document built from any
string can always be printed.

Each block class carries a ``block`` tag (a one-value ``Literal``) so the one cattrs
converter can tell a :class:`Heading` from a :class:`Paragraph` when loading JSON.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.serialization import from_json, to_json
    >>> doc = Document(
    ...     kind="lease_contract",
    ...     title=Bilingual("عقد إيجار", "Lease contract"),
    ...     reference="LC-2026-000123",
    ...     municipality=Bilingual("بلدية صحار", "Sohar Municipality"),
    ...     issued_on=dt.date(2026, 11, 22),
    ...     blocks=(Heading(Bilingual("الأطراف", "Parties")),),
    ... )
    >>> from_json(to_json(doc), Document) == doc
    True
    >>> Table(columns=(Column(Bilingual("البند", "Item")),), rows=(("a", "b"),))
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: Every row of rows needs one cell per column.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Literal

import attrs

from municipal_core._checks import Validator, invalid_type, text, type_of
from municipal_core.errors import InvalidComponent, InvalidFormat

__all__ = [
    "MAX_BLOCK_TEXT",
    "MAX_COLUMNS",
    "Align",
    "Bilingual",
    "Block",
    "Column",
    "Document",
    "Field",
    "Fields",
    "Heading",
    "Paragraph",
    "Signatures",
    "Table",
    "VerificationCode",
]

_CODE = "documents.block"

MAX_BLOCK_TEXT = 20_000
"""Longest single text a block accepts; far above any real field, a bound on hostile input."""

MAX_COLUMN_WEIGHT = 100
MAX_COLUMNS = 12
"""Most columns a :class:`Table` takes: an A4 page has room for no more, legibly."""


def _long_text(code: str) -> Validator:
    # Not _checks.text: document text may be long (a 5000-character address) and untrimmed
    # (rendering cleans it), but it must still be a str of bounded size.
    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, str):
            raise invalid_type(attribute.name, code)
        if len(value) > MAX_BLOCK_TEXT:
            raise InvalidFormat(
                f"{attribute.name} is longer than {MAX_BLOCK_TEXT} characters.",
                f"يتجاوز {attribute.name} {MAX_BLOCK_TEXT} حرف.",
                code=f"{code}.length",
                field=attribute.name,
            )

    return check


def _tuple_of(kind: type | tuple[type, ...], code: str, *, non_empty: bool = False) -> Validator:
    def check(_instance: object, attribute: Any, value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            raise invalid_type(attribute.name, code)
        if non_empty and not value:
            raise InvalidComponent(
                f"{attribute.name} cannot be empty.",
                f"لا يجوز أن يكون {attribute.name} فارغًا.",
                code=f"{code}.empty",
                field=attribute.name,
            )

    return check


def _tag(expected: str) -> Validator:
    # The JSON discriminator: fixed per class, so a Heading can never claim to be a Table.
    def check(_instance: object, attribute: Any, value: object) -> None:
        if value != expected:
            raise invalid_type(attribute.name, _CODE)

    return check


def _cells(code: str, *, optional: bool = False) -> Validator:
    # One row of a table: a tuple of bounded strings.
    string = _long_text(code)

    def check(instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, tuple):
            raise invalid_type(attribute.name, code)
        for cell in value:
            string(instance, attribute, cell)

    return check


@attrs.frozen
class Bilingual:
    """A piece of text in both languages; Arabic is printed first (on the right).

    Examples:
        >>> Bilingual("الإيجار السنوي", "Annual rent").en
        'Annual rent'
    """

    ar: str = attrs.field(validator=_long_text(_CODE))
    en: str = attrs.field(validator=_long_text(_CODE))


@attrs.frozen
class Field:
    """One "label: value" row of a :class:`Fields` block.

    ``value`` is already formatted (a masked identifier, a money text, a date line);
    ``value_ar`` is given when the value itself differs by language.

    Examples:
        >>> Field(Bilingual("المستأجر", "Tenant"), "Salim Al-Harthy").value_ar is None
        True
    """

    label: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    value: str = attrs.field(validator=_long_text(_CODE))
    value_ar: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_long_text(_CODE)),
    )


class Align(str, enum.Enum):
    """How a table column aligns its cells (START is right in Arabic, left in English)."""

    START = "start"
    END = "end"
    CENTER = "center"


def _weight(_instance: object, attribute: Any, value: object) -> None:
    type_of(int, _CODE)(_instance, attribute, value)
    if not 1 <= value <= MAX_COLUMN_WEIGHT:  # type: ignore[operator]
        raise InvalidComponent(
            f"A column weight must be from 1 to {MAX_COLUMN_WEIGHT}.",
            f"يجب أن يكون وزن العمود من 1 إلى {MAX_COLUMN_WEIGHT}.",
            code=f"{_CODE}.weight",
            field=attribute.name,
        )


@attrs.frozen
class Column:
    """A table column: its bilingual header, relative width and alignment.

    Examples:
        >>> Column(Bilingual("المبلغ", "Amount"), weight=2, align=Align.END).weight
        2
        >>> Column(Bilingual("المبلغ", "Amount"), weight=0)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: A column weight must be from 1 to 100.
    """

    header: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    weight: int = attrs.field(default=1, validator=_weight)
    align: Align = attrs.field(default=Align.START, validator=type_of(Align, _CODE))


@attrs.frozen
class Heading:
    """A section heading, printed bold in both languages.

    Examples:
        >>> Heading(Bilingual("شروط العقد", "Terms")).block
        'heading'
    """

    text: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    block: Literal["heading"] = attrs.field(default="heading", validator=_tag("heading"))


@attrs.frozen
class Paragraph:
    """A bilingual paragraph: the Arabic paragraph (RTL), then the English one.

    Examples:
        >>> Paragraph(Bilingual("نص", "Text")).text.ar
        'نص'
    """

    text: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    block: Literal["paragraph"] = attrs.field(default="paragraph", validator=_tag("paragraph"))


@attrs.frozen
class Fields:
    """A two-column label/value table (Arabic label right, English label left).

    Examples:
        >>> len(Fields((Field(Bilingual("المدة", "Term"), "12 months"),)).rows)
        1
    """

    rows: tuple[Field, ...] = attrs.field(validator=_tuple_of(Field, _CODE, non_empty=True))
    block: Literal["fields"] = attrs.field(default="fields", validator=_tag("fields"))


def _columns(instance: Table, attribute: Any, value: object) -> None:
    _tuple_of(Column, _CODE, non_empty=True)(instance, attribute, value)
    if len(value) > MAX_COLUMNS:  # type: ignore[arg-type]
        raise InvalidComponent(
            f"A table has at most {MAX_COLUMNS} columns (an A4 page has no room for more).",
            f"لا يتجاوز عدد أعمدة الجدول {MAX_COLUMNS} عمودًا.",
            code=f"{_CODE}.columns",
            field=attribute.name,
        )


def _one_cell_per_column(instance: Table, field: str, row: tuple[str, ...]) -> None:
    if len(row) != len(instance.columns):
        raise InvalidComponent(
            f"Every row of {field} needs one cell per column.",
            f"يجب أن يحتوي كل صف في {field} على خلية لكل عمود.",
            code=f"{_CODE}.row_length",
            field=field,
        )


def _rows(instance: Table, attribute: Any, value: object) -> None:
    if not isinstance(value, tuple):
        raise invalid_type(attribute.name, _CODE)
    cells = _cells(_CODE)
    for row in value:
        cells(instance, attribute, row)
        _one_cell_per_column(instance, attribute.name, row)


def _total(instance: Table, attribute: Any, value: object) -> None:
    _cells(_CODE, optional=True)(instance, attribute, value)
    if value is not None:
        _one_cell_per_column(instance, attribute.name, value)  # type: ignore[arg-type]


@attrs.frozen
class Table:
    """A table with bilingual headers; it splits across pages with the header repeated.

    Examples:
        >>> t = Table(
        ...     columns=(Column(Bilingual("البند", "Item")), Column(Bilingual("المبلغ", "Amount"))),
        ...     rows=(("Rent", "350.000 OMR"),),
        ...     total=("Total", "350.000 OMR"),
        ... )
        >>> len(t.rows[0]) == len(t.columns)
        True
    """

    columns: tuple[Column, ...] = attrs.field(validator=_columns)
    rows: tuple[tuple[str, ...], ...] = attrs.field(validator=_rows)
    total: tuple[str, ...] | None = attrs.field(default=None, validator=_total)
    block: Literal["table"] = attrs.field(default="table", validator=_tag("table"))


@attrs.frozen
class Signatures:
    """Signature boxes side by side, each with a bilingual caption.

    Examples:
        >>> parties = (Bilingual("المؤجر", "Landlord"), Bilingual("المستأجر", "Tenant"))
        >>> len(Signatures(parties).parties)
        2
    """

    parties: tuple[Bilingual, ...] = attrs.field(
        validator=_tuple_of(Bilingual, _CODE, non_empty=True)
    )
    block: Literal["signatures"] = attrs.field(default="signatures", validator=_tag("signatures"))


@attrs.frozen
class VerificationCode:
    """A verification QR code with the code text and a caption under it.

    Examples:
        >>> VerificationCode("V1.K1.ABC", Bilingual("رمز التحقق", "Verification code")).code
        'V1.K1.ABC'
    """

    code: str = attrs.field(validator=text(_CODE))
    caption: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    block: Literal["verification_code"] = attrs.field(
        default="verification_code", validator=_tag("verification_code")
    )


Block = Heading | Paragraph | Fields | Table | Signatures | VerificationCode
"""Any one block of a :class:`Document`."""

_BLOCK_TYPES = (Heading, Paragraph, Fields, Table, Signatures, VerificationCode)


@attrs.frozen
class Document:
    """A printable document: header data and its blocks, in reading order.

    ``kind`` is a ``licensing.Printable`` value (e.g. ``"lease_contract"``); ``logo_png``
    is optional PNG bytes (hidden from ``repr``); ``arabic_digits`` prints ``٠-٩`` in the
    Arabic text; ``footer`` is printed above the page numbers on every page.

    Examples:
        >>> import datetime as dt
        >>> Document(
        ...     kind="receipt",
        ...     title=Bilingual("إيصال", "Receipt"),
        ...     reference="R-1",
        ...     municipality=Bilingual("بلدية صحار", "Sohar Municipality"),
        ...     issued_on=dt.datetime(2026, 1, 1, 9, 0),
        ...     blocks=(),
        ... )
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The value of issued_on has the wrong type.
    """

    kind: str = attrs.field(validator=text(_CODE))
    title: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    reference: str = attrs.field(validator=text(_CODE))
    municipality: Bilingual = attrs.field(validator=type_of(Bilingual, _CODE))
    issued_on: dt.date = attrs.field(validator=type_of(dt.date, _CODE))
    blocks: tuple[Block, ...] = attrs.field(validator=_tuple_of(_BLOCK_TYPES, _CODE))
    logo_png: bytes | None = attrs.field(
        default=None, repr=False, validator=type_of(bytes, _CODE, optional=True)
    )
    arabic_digits: bool = attrs.field(default=False, validator=type_of(bool, _CODE))
    footer: Bilingual | None = attrs.field(
        default=None, validator=type_of(Bilingual, _CODE, optional=True)
    )
