"""The transaction store port, its pages, and what every store shares.

:class:`TransactionStore` is the ``typing.Protocol`` every store implements (in memory,
SQLite, PostgreSQL), so the look-up functions and a host application never depend on one
of them. The rules every store follows are here too, as code rather than prose, so the
three stores cannot drift apart:

* pages are ordered newest first by ``created_at``, ties by reference descending; paid
  invoices newest ``paid_on`` first, ties by invoice then transaction reference descending;
* paging is keyset paging: :attr:`Page.next_cursor` encodes the sort key of the last item
  (:func:`transaction_cursor`, :func:`invoice_cursor`), so a SQL store fetches the next
  page with an index range scan, however deep the page is;
* ``limit`` is 1 to :data:`MAX_PAGE_SIZE` (:func:`check_limit`), a bad cursor is refused
  (:func:`decode_transaction_cursor`, :func:`decode_invoice_cursor`);
* one set of errors (:func:`duplicate_reference`, :func:`not_found`, :func:`conflict`).

Examples:
    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    >>> cursor = encode_transaction_cursor(at, "TL-1")
    >>> decode_transaction_cursor(cursor)
    (datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone.utc), 'TL-1')
    >>> decode_transaction_cursor("not a cursor")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The page cursor is not valid; start from the first page.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Collection, Iterable
from typing import Protocol, runtime_checkable

import attrs

from municipal_core._checks import require_instance
from municipal_core._coerce import to_enum
from municipal_core.errors import (
    ConflictError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
)
from municipal_core.registry._keys import Key
from municipal_core.registry._transaction import InvoiceLink, Transaction, TransactionKind

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "InvoicePage",
    "Page",
    "TransactionStore",
    "check_key",
    "check_kinds",
    "check_limit",
    "check_transaction",
    "conflict",
    "decode_invoice_cursor",
    "decode_transaction_cursor",
    "duplicate_reference",
    "encode_invoice_cursor",
    "encode_transaction_cursor",
    "invoice_cursor",
    "not_found",
    "transaction_cursor",
    "utc_text",
]

DEFAULT_PAGE_SIZE = 20
"""Items per page unless a caller asks for another ``limit``."""

MAX_PAGE_SIZE = 200
"""Largest ``limit`` a store accepts: a page is what one screen or API response shows."""

_PAGE = "registry.page"


@attrs.frozen
class Page:
    """One page of transactions, newest first.

    Attributes:
        items: the transactions on this page.
        next_cursor: pass back as ``after`` for the next page; ``None`` on the last page.

    Examples:
        >>> Page((), None).next_cursor is None
        True
    """

    items: tuple[Transaction, ...]
    next_cursor: str | None


@attrs.frozen
class InvoicePage:
    """One page of paid invoices, newest payment first.

    Attributes:
        items: ``(invoice link, transaction reference)`` pairs.
        next_cursor: pass back as ``after`` for the next page; ``None`` on the last page.

    Examples:
        >>> InvoicePage((), None).items
        ()
    """

    items: tuple[tuple[InvoiceLink, str], ...]
    next_cursor: str | None


@runtime_checkable
class TransactionStore(Protocol):
    """Where transactions are kept: the port every store implements.

    Nothing is written when any check fails; a write is all or nothing.
    """

    def add(self, txn: Transaction) -> Transaction:
        """Store a new transaction; return the stored copy, at version 1.

        Raises:
            DuplicateError: the reference exists (``registry.duplicate``).
        """
        ...

    def add_many(self, txns: Iterable[Transaction]) -> int:
        """Store many new transactions, all or nothing; return how many.

        Raises:
            DuplicateError: a reference exists or repeats (``registry.duplicate``); the
                message names no value.
        """
        ...

    def get(self, reference: str) -> Transaction:
        """Return the transaction with this reference (normalised first).

        Raises:
            NotFound: no such transaction (``registry.not_found``).
        """
        ...

    def update(self, txn: Transaction) -> Transaction:
        """Replace a transaction read earlier; return the stored copy, version + 1.

        Keys and invoice links are replaced with the record, atomically.

        Raises:
            ConflictError: ``txn.version`` is not the stored version (``registry.conflict``).
            NotFound: no such transaction (``registry.not_found``).
        """
        ...

    def find(
        self,
        key: Key,
        *,
        kinds: Collection[TransactionKind] | None = None,
        open_only: bool = False,
        limit: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Page:
        """Return the transactions holding ``key``, newest first, one page.

        Args:
            key: the normalised key.
            kinds: only transactions of these kinds (``None``: any).
            open_only: only transactions whose case is open.
            limit: page size, 1 to :data:`MAX_PAGE_SIZE`.
            after: the previous page's ``next_cursor``.
        """
        ...

    def paid_invoices(
        self, payer: Key, *, limit: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> InvoicePage:
        """Return the paid invoices of a payer, newest payment first, one page."""
        ...

    def count(self) -> int:
        """Return how many transactions are stored."""
        ...

    def close(self) -> None:
        """Release the store's resources (connections); closing twice is harmless."""
        ...


# --- Paging -----------------------------------------------------------------------------


def check_limit(limit: object) -> int:
    """Return ``limit`` if it is a page size from 1 to :data:`MAX_PAGE_SIZE`, else raise.

    Raises:
        InvalidComponent: code ``registry.page.limit``.

    Examples:
        >>> check_limit(20)
        20
        >>> check_limit(0)
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: The page size must be 1 to 200.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidComponent(
            f"The page size must be 1 to {MAX_PAGE_SIZE}.",
            f"يجب أن يكون حجم الصفحة من 1 إلى {MAX_PAGE_SIZE}.",
            code=f"{_PAGE}.limit",
            field="limit",
        )
    return limit


def check_kinds(
    kinds: Collection[TransactionKind | str] | None,
) -> frozenset[TransactionKind] | None:
    """Return the ``kinds=`` filter of :meth:`TransactionStore.find` as a set, or ``None``.

    Values may be given as text (``"violation"``). An empty collection matches nothing.

    Raises:
        InvalidComponent: an unknown kind (``registry.transaction.kind``).

    Examples:
        >>> sorted(check_kinds(["violation"]))
        [<TransactionKind.VIOLATION: 'violation'>]
        >>> check_kinds(None) is None
        True
    """
    if kinds is None:
        return None
    if isinstance(kinds, str) or not isinstance(kinds, Collection):
        raise InvalidFormat(
            "The kinds filter must be a collection of transaction kinds.",
            "يجب أن يكون مرشح الأنواع مجموعة من أنواع المعاملات.",
            code="registry.transaction.kind",
            field="kinds",
        )
    return frozenset(
        to_enum(TransactionKind, kind, code="registry.transaction.kind", field="kinds")
        for kind in kinds
    )


def check_key(key: object) -> Key:
    """Return ``key`` if it is a :class:`Key`, else raise ``InvalidFormat``.

    Stores take normalised keys only; :func:`~municipal_core.registry._keys.normalise_key`
    makes one from text.

    Examples:
        >>> check_key("1234567")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Key is required for key.
    """
    return require_instance(key, Key, field="key", code="registry.key")


def check_transaction(txn: object) -> Transaction:
    """Return ``txn`` if it is a :class:`Transaction`, else raise ``InvalidFormat``.

    Examples:
        >>> check_transaction({"reference": "TL-1"})
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: A Transaction is required for txn.
    """
    return require_instance(txn, Transaction, field="txn", code="registry.transaction")


def utc_text(moment: dt.datetime) -> str:
    """Return an aware datetime as fixed-width ISO 8601 UTC text, which sorts as time does.

    The form SQL stores keep ``created_at`` in and cursors carry.

    Examples:
        >>> utc_text(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=4))))
        '2026-03-01T08:00:00.000000+00:00'
    """
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _bad_cursor() -> InvalidFormat:
    return InvalidFormat(
        "The page cursor is not valid; start from the first page.",
        "مؤشر الصفحة غير صالح؛ ابدأ من الصفحة الأولى.",
        code=f"{_PAGE}.cursor",
        field="after",
    )


def _encode(parts: list[str]) -> str:
    # base64url of a JSON list: opaque to callers, safe in a URL query, no padding to strip.
    raw = json.dumps(parts, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode(cursor: object, size: int) -> list[str]:
    if not isinstance(cursor, str) or len(cursor) > 512:
        raise _bad_cursor()
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise _bad_cursor() from None
    if (
        not isinstance(parts, list)
        or len(parts) != size
        or not all(isinstance(p, str) and p for p in parts)
    ):
        raise _bad_cursor()
    return parts


def _instant(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _bad_cursor() from None
    if moment.utcoffset() is None:
        raise _bad_cursor()
    return moment.astimezone(dt.timezone.utc)


def encode_transaction_cursor(created_at: dt.datetime, reference: str) -> str:
    """Return the cursor that pages past a transaction with this sort key.

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> decode_transaction_cursor(encode_transaction_cursor(at, "TL-1"))[1]
        'TL-1'
    """
    return _encode([utc_text(created_at), reference])


def transaction_cursor(txn: Transaction) -> str:
    """Return the cursor that pages past ``txn`` (the last item of a page).

    Examples:
        >>> from municipal_core.registry._record import open_transaction
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> txn = open_transaction("C-7", "complaint", jurisdiction="om-sohar",
        ...                        applicant_name="Ali", keys=(), at=at)
        >>> decode_transaction_cursor(transaction_cursor(txn)) == (at, "C-7")
        True
    """
    return encode_transaction_cursor(txn.created_at, txn.reference)


def decode_transaction_cursor(cursor: str) -> tuple[dt.datetime, str]:
    """Return the ``(created_at in UTC, reference)`` a transaction cursor encodes.

    Raises:
        InvalidFormat: not a cursor this library made (``registry.page.cursor``).

    Examples:
        >>> decode_transaction_cursor(encode_transaction_cursor(
        ...     dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), "TL-1"))[0].year
        2026
    """
    created_at, reference = _decode(cursor, 2)
    return _instant(created_at), reference


def encode_invoice_cursor(paid_on: dt.date, invoice: str, transaction: str) -> str:
    """Return the cursor that pages past a paid invoice with this sort key.

    Examples:
        >>> decode_invoice_cursor(encode_invoice_cursor(dt.date(2026, 3, 1), "INV-1", "T-1"))
        (datetime.date(2026, 3, 1), 'INV-1', 'T-1')
    """
    return _encode([paid_on.isoformat(), invoice, transaction])


def invoice_cursor(link: InvoiceLink, transaction: str) -> str:
    """Return the cursor that pages past ``(link, transaction)`` (a page's last item).

    Raises:
        InvalidComponent: the invoice is not paid (``registry.page.unpaid``).

    Examples:
        >>> from municipal_core.money import Money
        >>> from municipal_core.billing import InvoiceStatus
        >>> link = InvoiceLink("INV-1", Key("cr", "1234567"), Money("1.000", "OMR"),
        ...                    InvoiceStatus.OPEN, dt.date(2026, 3, 1), None)
        >>> invoice_cursor(link, "TL-1")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: Only a paid invoice has a paid-invoices cursor.
    """
    if link.paid_on is None:
        raise InvalidComponent(
            "Only a paid invoice has a paid-invoices cursor.",
            "لا تدخل في ترتيب الفواتير المسددة إلا فاتورة مسددة.",
            code=f"{_PAGE}.unpaid",
            field="paid_on",
        )
    return encode_invoice_cursor(link.paid_on, link.reference, transaction)


def decode_invoice_cursor(cursor: str) -> tuple[dt.date, str, str]:
    """Return the ``(paid_on, invoice reference, transaction reference)`` of a cursor.

    Raises:
        InvalidFormat: not a cursor this library made (``registry.page.cursor``).

    Examples:
        >>> decode_invoice_cursor("W10=")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The page cursor is not valid; start from the first page.
    """  # noqa: E501
    paid_on, invoice, transaction = _decode(cursor, 3)
    try:
        day = dt.date.fromisoformat(paid_on)
    except ValueError:
        raise _bad_cursor() from None
    return day, invoice, transaction


# --- Errors every store raises ------------------------------------------------------------


def duplicate_reference() -> DuplicateError:
    """Return the error for a transaction reference that is already stored.

    The message names no reference: in a batch it could be any of them, and a reference
    can be personal data.

    Examples:
        >>> duplicate_reference().code
        'registry.duplicate'
    """
    return DuplicateError(
        "A transaction with this reference already exists; nothing was stored.",
        "توجد معاملة بهذا الرقم المرجعي؛ لم يُحفظ شيء.",
        code="registry.duplicate",
        field="reference",
    )


def not_found() -> NotFound:
    """Return the error for a reference no stored transaction has.

    Examples:
        >>> not_found().code
        'registry.not_found'
    """
    return NotFound(
        "No transaction has this reference.",
        "لا توجد معاملة بهذا الرقم المرجعي.",
        code="registry.not_found",
        field="reference",
    )


def conflict() -> ConflictError:
    """Return the error for an update of a transaction that changed since it was read.

    Examples:
        >>> conflict().code
        'registry.conflict'
    """
    return ConflictError(
        "The transaction changed since it was read; read it again and retry.",
        "تغيّرت المعاملة منذ قراءتها؛ أعد قراءتها ثم حاول مجددًا.",
        code="registry.conflict",
        field="version",
    )
