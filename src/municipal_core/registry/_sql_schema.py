"""The registry's SQL schema and its migrations, as data, for SQLite and PostgreSQL.

Each dialect has a tuple of :class:`Migration` steps, numbered from 1 without gaps. A
store reads the version its database is at, applies the missing steps in order (one
database transaction each, recording the new version in the same transaction), and refuses
a database that is *newer* than the library: it never downgrades or guesses.

The tables (the same in both dialects; only the column types differ):

* ``transactions`` -- one row per transaction: ``reference`` (primary key), ``kind``,
  ``jurisdiction``, ``is_open``, ``created_at`` (UTC), ``version`` and ``body``, the whole
  transaction as JSON text (the one serialization converter's form, so nothing is lost);
* ``transaction_keys`` -- one row per look-up key, ordered for keyset paging: the primary
  key is ``(key_kind, key_value, created_at, reference)`` and the row also carries the
  transaction's ``kind`` and ``is_open``, so a filtered look-up never touches the bodies of
  the transactions it skips;
* ``invoice_links`` -- one row per linked invoice, indexed on ``(payer_kind, payer_value,
  status, paid_on, invoice_reference, transaction_reference)`` for "paid invoices of a
  payer", with the link itself as JSON text.

Statements name tables without a schema: a PostgreSQL store sets ``search_path`` to its
own schema first. The version lives in ``PRAGMA user_version`` in SQLite and in the
``registry_schema_version`` table (:data:`POSTGRES_VERSION_TABLE`) in PostgreSQL.

Examples:
    >>> latest_version(Dialect.SQLITE)
    1
    >>> [m.version for m in pending(Dialect.SQLITE, 0)]
    [1]
    >>> pending(Dialect.POSTGRES, 1)
    ()
    >>> pending("sqlite", 7)
    Traceback (most recent call last):
        ...
    municipal_core.errors.DomainRuleError: The registry database was written by a newer \
version of municipal_core (schema 7; this version knows up to 1).
"""

from __future__ import annotations

import enum

import attrs

from municipal_core._coerce import to_enum
from municipal_core.errors import DomainRuleError, InvalidComponent

__all__ = [
    "MIGRATIONS",
    "POSTGRES_VERSION_TABLE",
    "Dialect",
    "Migration",
    "latest_version",
    "pending",
]


class Dialect(str, enum.Enum):
    """The SQL dialects the registry's stores speak."""

    SQLITE = "sqlite"
    POSTGRES = "postgres"


@attrs.frozen
class Migration:
    """One schema step: the statements that take a database to ``version``.

    Examples:
        >>> MIGRATIONS[Dialect.SQLITE][0].description
        'transactions, their look-up keys and their invoice links'
    """

    version: int
    description: str
    statements: tuple[str, ...]


# SQLite: created_at is ISO-8601 UTC text of fixed width (_ports.utc_text), so text order
# is time order. transaction_keys is WITHOUT ROWID: its primary key *is* the look-up
# index, so each key costs one B-tree entry instead of a row plus an index entry. It has
# no index on reference: update() deletes the old key rows by primary key (it reads the
# old body anyway), which keeps bulk inserts about a quarter faster (benchmarks/).
_SQLITE_V1 = (
    """CREATE TABLE transactions (
        reference TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        jurisdiction TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL
    )""",
    """CREATE TABLE transaction_keys (
        key_kind TEXT NOT NULL,
        key_value TEXT NOT NULL,
        created_at TEXT NOT NULL,
        reference TEXT NOT NULL,
        kind TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        PRIMARY KEY (key_kind, key_value, created_at, reference)
    ) WITHOUT ROWID""",
    """CREATE TABLE invoice_links (
        payer_kind TEXT NOT NULL,
        payer_value TEXT NOT NULL,
        status TEXT NOT NULL,
        paid_on TEXT,
        invoice_reference TEXT NOT NULL,
        transaction_reference TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    """CREATE INDEX invoice_links_by_payer ON invoice_links
        (payer_kind, payer_value, status, paid_on, invoice_reference, transaction_reference)""",
    "CREATE INDEX invoice_links_by_transaction ON invoice_links (transaction_reference)",
)

_POSTGRES_V1 = (
    """CREATE TABLE transactions (
        reference text PRIMARY KEY,
        kind text NOT NULL,
        jurisdiction text NOT NULL,
        is_open boolean NOT NULL,
        created_at timestamptz NOT NULL,
        version integer NOT NULL,
        body text NOT NULL
    )""",
    """CREATE TABLE transaction_keys (
        key_kind text NOT NULL,
        key_value text NOT NULL,
        created_at timestamptz NOT NULL,
        reference text NOT NULL,
        kind text NOT NULL,
        is_open boolean NOT NULL,
        PRIMARY KEY (key_kind, key_value, created_at, reference)
    )""",
    "CREATE INDEX transaction_keys_by_reference ON transaction_keys (reference)",
    """CREATE TABLE invoice_links (
        payer_kind text NOT NULL,
        payer_value text NOT NULL,
        status text NOT NULL,
        paid_on date,
        invoice_reference text NOT NULL,
        transaction_reference text NOT NULL,
        body text NOT NULL
    )""",
    """CREATE INDEX invoice_links_by_payer ON invoice_links
        (payer_kind, payer_value, status, paid_on, invoice_reference, transaction_reference)""",
    "CREATE INDEX invoice_links_by_transaction ON invoice_links (transaction_reference)",
)

_DESCRIPTION_V1 = "transactions, their look-up keys and their invoice links"

MIGRATIONS: dict[Dialect, tuple[Migration, ...]] = {
    Dialect.SQLITE: (Migration(1, _DESCRIPTION_V1, _SQLITE_V1),),
    Dialect.POSTGRES: (Migration(1, _DESCRIPTION_V1, _POSTGRES_V1),),
}
"""Every dialect's migrations, oldest first; version ``n`` is at index ``n - 1``."""

POSTGRES_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS registry_schema_version ("
    "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
)
"""PostgreSQL has no ``user_version``: one row per applied migration, created first."""


def _dialect(dialect: Dialect | str) -> Dialect:
    return to_enum(Dialect, dialect, field="dialect", code="registry.schema.dialect")


def latest_version(dialect: Dialect | str) -> int:
    """Return the schema version this library writes for ``dialect``.

    Examples:
        >>> latest_version("postgres")
        1
    """
    return MIGRATIONS[_dialect(dialect)][-1].version


def pending(dialect: Dialect | str, current: int) -> tuple[Migration, ...]:
    """Return the migrations a database at version ``current`` still needs, oldest first.

    Args:
        dialect: the database's dialect.
        current: the version recorded in the database (0 for a new, empty one).

    Raises:
        DomainRuleError: code ``registry.schema.newer`` when ``current`` is newer than
            the library knows (a downgrade would lose data).
        InvalidComponent: code ``registry.schema.version`` for a negative version, or
            ``registry.schema.dialect`` for an unknown dialect.

    Examples:
        >>> [m.version for m in pending("postgres", 0)]
        [1]
    """
    steps = MIGRATIONS[_dialect(dialect)]
    if isinstance(current, bool) or not isinstance(current, int) or current < 0:
        raise InvalidComponent(
            "The schema version must be a whole number, zero or more.",
            "يجب أن يكون إصدار المخطط عددًا صحيحًا غير سالب.",
            code="registry.schema.version",
            field="version",
        )
    latest = steps[-1].version
    if current > latest:
        raise DomainRuleError(
            "The registry database was written by a newer version of municipal_core "
            f"(schema {current}; this version knows up to {latest}).",
            "كُتبت قاعدة بيانات السجل بإصدار أحدث من municipal_core "
            f"(المخطط {current}؛ يعرف هذا الإصدار حتى {latest}).",
            code="registry.schema.newer",
            field="version",
        )
    return steps[current:]
