"""Transactions to SQL rows and back, for both SQL stores.

A transaction is stored whole as JSON text (the one serialization converter's form, so a
row loads back into an equal :class:`~municipal_core.registry.Transaction`), beside the
few columns a query filters or orders on. :func:`encode` turns a transaction into the
rows of the three tables of :mod:`._sql_schema`, as plain tuples in the column order of
:data:`TRANSACTION_COLUMNS`, :data:`KEY_COLUMNS` and :data:`INVOICE_COLUMNS`, ready for
``executemany``. Only the time columns differ by dialect: SQLite gets fixed-width
ISO-8601 UTC text (``_ports.utc_text``, whose text order is time order), PostgreSQL gets
``datetime`` and ``date`` objects for its ``timestamptz`` and ``date`` columns.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.registry._record import open_transaction
    >>> txn = open_transaction(
    ...     "TL-1", "licence", jurisdiction="om-sohar", applicant_name="Sohar Trading",
    ...     keys=[("cr", "1234567")],
    ...     at=dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=4))))
    >>> rows = encode(txn, Dialect.SQLITE)
    >>> rows.transaction[:6]
    ('TL-1', 'licence', 'om-sohar', True, '2026-03-01T08:00:00.000000+00:00', 1)
    >>> [row[:2] for row in rows.keys]
    [('cr', '1234567'), ('transaction', 'TL-1')]
    >>> encode(txn, Dialect.POSTGRES).transaction[4]
    datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone.utc)
    >>> decode(rows.transaction[6]) == txn
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from municipal_core.billing import InvoiceStatus
from municipal_core.money import Money
from municipal_core.registry._keys import Key
from municipal_core.registry._ports import utc_text
from municipal_core.registry._sql_schema import Dialect
from municipal_core.registry._transaction import InvoiceLink, Status, TimelineEntry, Transaction
from municipal_core.serialization import from_json, to_dict

__all__ = [
    "INVOICE_COLUMNS",
    "KEY_COLUMNS",
    "TRANSACTION_COLUMNS",
    "Rows",
    "decode",
    "decode_invoice",
    "encode",
]

TRANSACTION_COLUMNS = (
    "reference",
    "kind",
    "jurisdiction",
    "is_open",
    "created_at",
    "version",
    "body",
)
"""Column order of a ``transactions`` row as :func:`encode` returns it."""

KEY_COLUMNS = ("key_kind", "key_value", "created_at", "reference", "kind", "is_open")
"""Column order of a ``transaction_keys`` row."""

INVOICE_COLUMNS = (
    "payer_kind",
    "payer_value",
    "status",
    "paid_on",
    "invoice_reference",
    "transaction_reference",
    "body",
)
"""Column order of an ``invoice_links`` row."""

_UTC = dt.timezone.utc
T = TypeVar("T")

# serialization.to_json's text exactly (same separators, Arabic kept), minus the cycle
# check: these dicts are freshly built trees, and the check costs a fifth of the dump.
_json_text = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


@attrs.frozen
class Rows:
    """The rows one transaction is stored as.

    Attributes:
        transaction: the ``transactions`` row (:data:`TRANSACTION_COLUMNS`).
        keys: one ``transaction_keys`` row per key (:data:`KEY_COLUMNS`).
        invoices: one ``invoice_links`` row per linked invoice (:data:`INVOICE_COLUMNS`).
    """

    transaction: tuple[Any, ...]
    keys: tuple[tuple[Any, ...], ...]
    invoices: tuple[tuple[Any, ...], ...]


def _time_column(when: dt.datetime, dialect: Dialect) -> Any:
    return utc_text(when) if dialect is Dialect.SQLITE else when.astimezone(_UTC)


def _date_column(day: dt.date | None, dialect: Dialect) -> Any:
    # SQLite has no date type; ISO text orders correctly. Python 3.12 deprecates the
    # sqlite3 module's implicit date adapter, so the text is made here.
    if day is None or dialect is Dialect.POSTGRES:
        return day
    return day.isoformat()


# --- the fast path ------------------------------------------------------------------------
#
# The converter's generic machinery is a large share of a bulk insert and of a page load:
# for a typical record (six keys, an invoice), to_dict takes about 21 us against 8 us
# here, and from_dict about 88 us against 45-55 us (construction and its validators are
# most of what is left). These functions produce and read exactly the converter's form for
# the registry's five record types, calling the same constructors (so every validator
# still runs). They are used only while the records have exactly the fields written here
# (_FAST, checked at import, so a new field falls back to the converter rather than being
# dropped), and anything unexpected on reading falls back to the converter, which then
# raises its own typed error. test_sqlite_store.py checks the two agree, text for text.

_SHAPES: dict[type, tuple[str, ...]] = {
    Key: ("kind", "value"),
    Status: ("code", "label_en", "label_ar", "is_open"),
    TimelineEntry: ("at", "status", "action", "note"),
    InvoiceLink: ("reference", "payer", "total", "status", "issued_on", "paid_on"),
    Transaction: (
        "reference", "kind", "jurisdiction", "service", "applicant_name", "keys", "status",
        "workflow", "created_at", "updated_at", "timeline", "invoices", "version",
    ),
}  # fmt: skip
_FAST = all(tuple(f.name for f in attrs.fields(cls)) == names for cls, names in _SHAPES.items())


# The record enums subclass str and hold their value as their text, so they go into JSON
# and SQL as they are; ``.value`` on each of them costs more than the key row itself.
def _key_out(key: Key) -> dict[str, Any]:
    return {"kind": key.kind, "value": key.value}


def _status_out(status: Status) -> dict[str, Any]:
    return {
        "code": status.code,
        "label_en": status.label_en,
        "label_ar": status.label_ar,
        "is_open": status.is_open,
    }


def _link_out(link: InvoiceLink) -> dict[str, Any]:
    return {
        "reference": link.reference,
        "payer": _key_out(link.payer),
        "total": {"amount": format(link.total.amount, "f"), "currency": link.total.currency.code},
        "status": link.status,
        "issued_on": link.issued_on.isoformat(),
        "paid_on": None if link.paid_on is None else link.paid_on.isoformat(),
    }


def _transaction_out(txn: Transaction) -> dict[str, Any]:
    return {
        "reference": txn.reference,
        "kind": txn.kind,
        "jurisdiction": txn.jurisdiction,
        "service": txn.service,
        "applicant_name": txn.applicant_name,
        "keys": [_key_out(key) for key in txn.keys],
        "status": _status_out(txn.status),
        "workflow": txn.workflow,
        "created_at": txn.created_at.isoformat(),
        "updated_at": txn.updated_at.isoformat(),
        "timeline": [
            {
                "at": entry.at.isoformat(),
                "status": _status_out(entry.status),
                "action": entry.action,
                "note": entry.note,
            }
            for entry in txn.timeline
        ],
        "invoices": [_link_out(link) for link in txn.invoices],
        "version": txn.version,
    }


def _text(value: object) -> str:
    # The converter accepts only text for dates and amounts; so must the fast path.
    if not isinstance(value, str):
        raise TypeError
    return value


# Building a Key or a Status is a pure function of its fields, and a page repeats them
# (every transaction found by a CR holds that CR key; statuses are a handful): cache them.
_key = functools.lru_cache(maxsize=1 << 14, typed=True)(Key)
_status = functools.lru_cache(maxsize=1 << 10, typed=True)(Status)


def _key_in(data: dict[str, Any]) -> Key:
    return _key(_text(data["kind"]), _text(data["value"]))


def _status_in(data: dict[str, Any]) -> Status:
    return _status(data["code"], data["label_en"], data["label_ar"], data["is_open"])


def _link_in(data: dict[str, Any]) -> InvoiceLink:
    total = data["total"]
    if set(total) != {"amount", "currency"}:  # the converter's Money hook insists too
        raise TypeError
    paid_on = data["paid_on"]
    return InvoiceLink(
        data["reference"],
        _key_in(data["payer"]),
        Money(_text(total["amount"]), total["currency"]),
        InvoiceStatus(data["status"]),
        dt.date.fromisoformat(_text(data["issued_on"])),
        None if paid_on is None else dt.date.fromisoformat(_text(paid_on)),
    )


def _transaction_in(data: dict[str, Any]) -> Transaction:
    return Transaction(
        data["reference"],
        data["kind"],
        data["jurisdiction"],
        data["service"],
        data["applicant_name"],
        tuple(_key_in(key) for key in data["keys"]),
        _status_in(data["status"]),
        data["workflow"],
        dt.datetime.fromisoformat(_text(data["created_at"])),
        dt.datetime.fromisoformat(_text(data["updated_at"])),
        tuple(
            TimelineEntry(
                dt.datetime.fromisoformat(_text(entry["at"])),
                _status_in(entry["status"]),
                entry["action"],
                entry.get("note"),
            )
            for entry in data["timeline"]
        ),
        tuple(_link_in(link) for link in data.get("invoices", ())),
        data.get("version", 1),
    )


def _load(body: str | bytes, build: Callable[[dict[str, Any]], T], cls: type[T]) -> T:
    if _FAST:
        try:
            return build(json.loads(body))
        except Exception:  # anything odd: the converter decides, with its typed error
            pass
    return from_json(body, cls)


# --- rows -------------------------------------------------------------------------------


def encode(txn: Transaction, dialect: Dialect) -> Rows:
    """Return the rows that store ``txn`` (its ``version`` as given) in ``dialect``.

    The body is the serialization converter's JSON of the whole transaction; each invoice
    row carries its link's JSON too, so "paid invoices" never loads a transaction body.
    """
    data = _transaction_out(txn) if _FAST else to_dict(txn)
    created = _time_column(txn.created_at, dialect)
    kind = txn.kind.value
    is_open = txn.status.is_open
    reference = txn.reference
    keys = tuple((key.kind.value, key.value, created, reference, kind, is_open) for key in txn.keys)
    invoices = tuple(
        (
            link.payer.kind.value,
            link.payer.value,
            link.status.value,
            _date_column(link.paid_on, dialect),
            link.reference,
            reference,
            _json_text(link_data),
        )
        for link, link_data in zip(txn.invoices, data["invoices"], strict=True)
    )
    body = _json_text(data)
    row = (reference, kind, txn.jurisdiction, is_open, created, txn.version, body)
    return Rows(row, keys, invoices)


def decode(body: str | bytes) -> Transaction:
    """Return the transaction a ``body`` column holds (validated as construction does).

    Raises:
        InvalidFormat: code ``serialization.invalid`` for text that is not a transaction.
    """
    return _load(body, _transaction_in, Transaction)


def decode_invoice(body: str | bytes) -> InvoiceLink:
    """Return the invoice link an ``invoice_links.body`` column holds."""
    return _load(body, _link_in, InvoiceLink)
