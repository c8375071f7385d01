"""The PostgreSQL transaction store, for portals that run several application servers.

:class:`PostgresTransactionStore` keeps transactions in PostgreSQL (extra ``postgres``:
``pip install 'municipal-core[postgres]'``, which brings psycopg 3) with the schema and
rows of :mod:`._sql_schema` and :mod:`._codec`, the same the SQLite store writes. It
follows the :class:`~municipal_core.registry._ports.TransactionStore` contract exactly;
the same contract suite runs on it as on the in-memory and SQLite stores. What is
particular to PostgreSQL:

* everything lives in one PostgreSQL schema (``municipal_core`` unless told), created on
  first use; the store sets ``search_path`` to it, so two registries can share a database;
* migrations run under a transaction-level advisory lock, so app servers starting at the
  same moment migrate once; the version is kept in ``registry_schema_version``, and a
  database newer than the library is refused (``registry.schema.newer``), never touched;
* optimistic concurrency is a version-checked ``UPDATE ... WHERE reference = %s AND
  version = %s``: the row lock it takes makes a second writer wait, then find the version
  moved and get :class:`~municipal_core.errors.ConflictError` -- on any app server;
* ``add_many`` streams rows with ``COPY`` (an order of magnitude faster than INSERTs)
  inside one database transaction: a duplicate anywhere leaves nothing of the batch;
* every psycopg error leaves as a typed :mod:`municipal_core.errors` error.

psycopg is imported when a store is made, so ``import municipal_core.registry`` never
loads it. One store holds one connection, shared by threads under a lock; an app server
that needs parallel queries makes one store per worker.

Examples:
    >>> PostgresTransactionStore("dbname=portal", schema="Portal Registry")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidFormat: The schema name must be 1 to 63 lower-case \
letters, digits or underscores, not starting with a digit or pg_.
    >>> store = PostgresTransactionStore("postgresql://app@db/portal")  # doctest: +SKIP
    >>> store.schema_version  # doctest: +SKIP
    1
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from municipal_core._checks import invalid_type, require_instance
from municipal_core.billing import InvoiceStatus
from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    InvalidFormat,
    MunicipalError,
)
from municipal_core.registry._codec import (
    INVOICE_COLUMNS,
    KEY_COLUMNS,
    TRANSACTION_COLUMNS,
    Rows,
    decode,
    decode_invoice,
    encode,
)
from municipal_core.registry._keys import Key, normalise_reference
from municipal_core.registry._ports import (
    DEFAULT_PAGE_SIZE,
    InvoicePage,
    Page,
    check_key,
    check_kinds,
    check_limit,
    check_transaction,
    conflict,
    decode_invoice_cursor,
    decode_transaction_cursor,
    duplicate_reference,
    invoice_cursor,
    not_found,
    transaction_cursor,
)
from municipal_core.registry._sql_schema import (
    POSTGRES_VERSION_TABLE,
    Dialect,
    latest_version,
    pending,
)
from municipal_core.registry._transaction import Transaction, TransactionKind

if TYPE_CHECKING:
    import psycopg

__all__ = ["DEFAULT_SCHEMA", "PostgresTransactionStore"]

_CODE = "registry.postgres"
_DIALECT = Dialect.POSTGRES

DEFAULT_SCHEMA = "municipal_core"
"""The PostgreSQL schema a store uses unless told otherwise."""

# Unquoted PostgreSQL identifier rules, lower case only: a name that needs quoting is
# almost always a typo, and refusing it keeps every statement free of quoting surprises.
# PostgreSQL reserves the pg_ prefix for its own schemas.
_SCHEMA_NAME = re.compile(r"(?!pg_)[a-z_][a-z0-9_]{0,62}")

# Transactions encoded per COPY round inside one add_many: bounds memory for a long
# iterable while the whole batch still commits (or rolls back) as one transaction.
_CHUNK = 5_000

_PAID = InvoiceStatus.PAID.value


def _copy_statement(table: str, columns: tuple[str, ...]) -> str:
    return f"COPY {table} ({', '.join(columns)}) FROM STDIN"


def _insert_statement(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"


_TABLES = (
    ("transactions", TRANSACTION_COLUMNS),
    ("transaction_keys", KEY_COLUMNS),
    ("invoice_links", INVOICE_COLUMNS),
)
_INSERT_TRANSACTION = _insert_statement("transactions", TRANSACTION_COLUMNS)
_INSERT_KEY = _insert_statement("transaction_keys", KEY_COLUMNS)
_INSERT_INVOICE = _insert_statement("invoice_links", INVOICE_COLUMNS)
_UPDATE_TRANSACTION = (
    "UPDATE transactions SET kind = %s, jurisdiction = %s, is_open = %s, created_at = %s, "
    "version = %s, body = %s WHERE reference = %s AND version = %s"
)
# Look-ups are built from the clauses a call needs (not "param IS NULL OR ..."): psycopg
# prepares repeated statements, and a generic plan can only use the keyset condition as an
# index bound when it is a plain comparison -- that is what keeps deep pages O(page).
_FIND = (
    "SELECT t.body FROM transaction_keys AS k JOIN transactions AS t "
    "ON t.reference = k.reference WHERE k.key_kind = %s AND k.key_value = %s"
)
_FIND_KINDS = " AND k.kind = ANY(%s)"
_FIND_OPEN = " AND k.is_open"
_FIND_AFTER = " AND (k.created_at, k.reference) < (%s, %s)"
_FIND_ORDER = " ORDER BY k.created_at DESC, k.reference DESC LIMIT %s"
_PAID_INVOICES = (
    "SELECT body, transaction_reference FROM invoice_links "
    "WHERE payer_kind = %s AND payer_value = %s AND status = %s"
)
_PAID_AFTER = " AND (paid_on, invoice_reference, transaction_reference) < (%s, %s, %s)"
_PAID_ORDER = " ORDER BY paid_on DESC, invoice_reference DESC, transaction_reference DESC LIMIT %s"


def _psycopg() -> ModuleType:
    try:
        import psycopg
    except ImportError as exc:
        raise MunicipalError(
            "The PostgreSQL store needs psycopg: pip install 'municipal-core[postgres]'.",
            "يحتاج مخزن PostgreSQL إلى حزمة psycopg: pip install 'municipal-core[postgres]'.",
            code=f"{_CODE}.missing",
            field=None,
        ) from exc
    return psycopg


def _check_schema(schema: object) -> str:
    if isinstance(schema, str) and _SCHEMA_NAME.fullmatch(schema):
        return schema
    raise InvalidFormat(
        "The schema name must be 1 to 63 lower-case letters, digits or underscores, "
        "not starting with a digit or pg_.",
        "يجب أن يتكون اسم المخطط من 1 إلى 63 حرفًا لاتينيًا صغيرًا أو رقمًا أو شرطة سفلية، "
        "ولا يبدأ برقم أو بـ pg_.",
        code=f"{_CODE}.schema",
        field="schema",
    )


def _check_conninfo(pg: ModuleType, conninfo: object) -> str:
    if isinstance(conninfo, str):
        try:
            pg.conninfo.conninfo_to_dict(conninfo)
        except pg.ProgrammingError:
            pass
        else:
            return conninfo
    # The text is not repeated: a connection string can hold a password.
    raise InvalidFormat(
        "The connection string is not a valid PostgreSQL connection string or URI.",
        "نص الاتصال ليس نص اتصال أو عنوان PostgreSQL صالحًا.",
        code=f"{_CODE}.conninfo",
        field="conninfo",
    )


def _translate(pg: ModuleType, exc: Exception) -> MunicipalError:
    # psycopg's own messages can quote stored values (a duplicate key's reference) and
    # connection details, so none of its text is passed on; the original stays chained.
    errors = pg.errors
    if isinstance(exc, errors.UniqueViolation):
        return duplicate_reference()
    if isinstance(
        exc,
        (
            errors.SerializationFailure,
            errors.DeadlockDetected,
            errors.LockNotAvailable,
            errors.QueryCanceled,
        ),
    ):
        return ConflictError(
            "The registry database is busy with another writer; try again.",
            "قاعدة بيانات السجل مشغولة بعملية كتابة أخرى؛ حاول مجددًا.",
            code=f"{_CODE}.busy",
            field=None,
        )
    if isinstance(exc, pg.OperationalError):
        return MunicipalError(
            "The registry database server cannot be reached; nothing was changed.",
            "تعذر الوصول إلى خادم قاعدة بيانات السجل؛ لم يتغير شيء.",
            code=f"{_CODE}.unavailable",
            field=None,
        )
    return MunicipalError(
        "The registry database could not complete the operation; nothing was changed.",
        "تعذر على قاعدة بيانات السجل إتمام العملية؛ لم يتغير شيء.",
        code=f"{_CODE}.error",
        field=None,
    )


def _closed() -> DomainRuleError:
    return DomainRuleError(
        "The transaction store is closed.",
        "مخزن المعاملات مغلق.",
        code=f"{_CODE}.closed",
        field=None,
    )


def _first_version(txn: object) -> Transaction:
    checked = check_transaction(txn)
    # evolve re-runs every validator: skip it when the version is already 1 (bulk loads).
    return checked if checked.version == 1 else attrs.evolve(checked, version=1)


class PostgresTransactionStore:
    """Transactions in a PostgreSQL schema; safe for several app servers and threads.

    Args:
        conninfo: a libpq connection string or URI (``"postgresql://app@db/portal"``).
        schema: the PostgreSQL schema to keep the tables in (created if missing).

    Raises:
        InvalidFormat: a malformed ``conninfo`` (``registry.postgres.conninfo``) or
            ``schema`` name (``registry.postgres.schema``).
        MunicipalError: psycopg is not installed (``registry.postgres.missing``) or the
            server cannot be reached (``registry.postgres.unavailable``).
        DomainRuleError: the schema was written by a newer version of the library
            (``registry.schema.newer``); it is left untouched.

    Examples:
        >>> PostgresTransactionStore("host=db port")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The connection string is not a valid \
PostgreSQL connection string or URI.
    """

    def __init__(self, conninfo: str, *, schema: str = DEFAULT_SCHEMA) -> None:
        """Connect, then create or migrate the registry tables in ``schema``."""
        self._schema = _check_schema(schema)
        self._pg = _psycopg()
        self._conninfo = _check_conninfo(self._pg, conninfo)
        self._lock = threading.Lock()
        self._conn: psycopg.Connection[Any] | None = None
        with self._typed_errors():
            conn = self._connect()
            try:
                self._version = self._migrate(conn)
            except BaseException:
                conn.close()
                raise
        self._conn = conn

    def _connect(self) -> psycopg.Connection[Any]:
        # autocommit: psycopg opens no transaction behind our back; every operation is
        # one explicit `conn.transaction()` block (BEGIN ... COMMIT) or one statement.
        conn: psycopg.Connection[Any] = self._pg.connect(self._conninfo, autocommit=True)
        try:
            conn.execute(
                "SELECT set_config('search_path', %s, false)",
                (self._pg.sql.Identifier(self._schema).as_string(conn),),
            )
        except BaseException:
            conn.close()
            raise
        return conn

    def __repr__(self) -> str:
        # Never the connection string: it can hold a password.
        state = "closed" if self._conn is None else f"schema version {self._version}"
        return f"PostgresTransactionStore(schema={self._schema!r}, {state})"

    def __enter__(self) -> PostgresTransactionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema(self) -> str:
        """The PostgreSQL schema the tables live in."""
        return self._schema

    @property
    def schema_version(self) -> int:
        """The registry schema version of the open database."""
        return self._version

    # --- schema ---

    def _migrate(self, conn: psycopg.Connection[Any]) -> int:
        while True:
            with conn.transaction():
                # One migrator per schema at a time, across every app server; the lock
                # ends with the transaction, so a crash cannot leave it held.
                conn.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{_CODE}:{self._schema}",)
                )
                self._create_schema(conn)
                row = conn.execute(
                    "SELECT coalesce(max(version), 0) FROM registry_schema_version"
                ).fetchone()
                steps = pending(_DIALECT, row[0] if row else 0)  # raises when newer
                if not steps:
                    return latest_version(_DIALECT)
                for statement in steps[0].statements:
                    conn.execute(statement.encode())
                conn.execute(
                    "INSERT INTO registry_schema_version (version) VALUES (%s)",
                    (steps[0].version,),
                )

    def _create_schema(self, conn: psycopg.Connection[Any]) -> None:
        # Look before creating: CREATE SCHEMA IF NOT EXISTS still needs the CREATE right
        # on the database, which an app role using a schema made for it may not have.
        exists = conn.execute(
            "SELECT 1 FROM pg_namespace WHERE nspname = %s", (self._schema,)
        ).fetchone()
        if exists is None:
            conn.execute(
                self._pg.sql.SQL("CREATE SCHEMA {}").format(self._pg.sql.Identifier(self._schema))
            )
        conn.execute(POSTGRES_VERSION_TABLE.encode())

    # --- plumbing ---

    @contextlib.contextmanager
    def _typed_errors(self) -> Iterator[None]:
        try:
            yield
        except self._pg.Error as exc:
            raise _translate(self._pg, exc) from exc

    @contextlib.contextmanager
    def _cursor(self, *, write: bool) -> Iterator[psycopg.Cursor[Any]]:
        with self._lock, self._typed_errors():
            if self._conn is None:
                raise _closed()
            if self._conn.broken:
                # The server restarted or dropped us: the call that met the break failed
                # (its outcome is the server's to tell); later calls get a new session.
                self._conn.close()
                self._conn = self._connect()
            if write:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    yield cur
            else:
                with self._conn.cursor() as cur:
                    yield cur

    @staticmethod
    def _copy(cur: psycopg.Cursor[Any], rows: list[Rows]) -> None:
        parts = (
            [r.transaction for r in rows],
            [key for r in rows for key in r.keys],
            [link for r in rows for link in r.invoices],
        )
        for (table, columns), table_rows in zip(_TABLES, parts, strict=True):
            if table_rows:
                with cur.copy(_copy_statement(table, columns)) as copy:
                    for row in table_rows:
                        copy.write_row(row)

    # --- writes ---

    def add(self, txn: Transaction) -> Transaction:
        """Store a new transaction; return it at version 1.

        Raises:
            DuplicateError: the reference exists (``registry.duplicate``).
        """
        stored = _first_version(txn)
        rows = encode(stored, _DIALECT)
        with self._cursor(write=True) as cur:
            cur.execute(_INSERT_TRANSACTION, rows.transaction)
            cur.executemany(_INSERT_KEY, rows.keys)
            cur.executemany(_INSERT_INVOICE, rows.invoices)
        return stored

    def add_many(self, txns: Iterable[Transaction]) -> int:
        """Store many new transactions in one database transaction; return how many.

        Rows stream to the server with ``COPY`` in chunks, so memory stays flat for a long
        iterable, but the batch commits once: a bad item, an existing reference or a
        repeated one leaves nothing of it.

        Raises:
            DuplicateError: a reference exists or repeats (``registry.duplicate``).
        """
        if isinstance(txns, (str, bytes, Transaction)) or not isinstance(txns, Iterable):
            raise invalid_type("txns", "registry.transaction")
        items = iter(txns)
        seen: set[str] = set()
        with self._cursor(write=True) as cur:
            while chunk := [_first_version(txn) for txn in islice(items, _CHUNK)]:
                before = len(seen)
                seen.update(txn.reference for txn in chunk)
                if len(seen) != before + len(chunk):
                    raise duplicate_reference()
                self._copy(cur, [encode(txn, _DIALECT) for txn in chunk])
        return len(seen)

    def update(self, txn: Transaction) -> Transaction:
        """Replace a transaction read earlier; return it at version + 1.

        Its keys and invoice links are replaced in the same database transaction.

        Raises:
            ConflictError: ``txn.version`` is not the stored version (``registry.conflict``).
            NotFound: no such transaction (``registry.not_found``).
        """
        checked = check_transaction(txn)
        stored = attrs.evolve(checked, version=checked.version + 1)
        rows = encode(stored, _DIALECT)
        reference, kind, jurisdiction, is_open, created, version, body = rows.transaction
        with self._cursor(write=True) as cur:
            cur.execute(
                _UPDATE_TRANSACTION,
                (kind, jurisdiction, is_open, created, version, body, reference, checked.version),
            )
            if cur.rowcount != 1:
                cur.execute("SELECT 1 FROM transactions WHERE reference = %s", (reference,))
                raise not_found() if cur.fetchone() is None else conflict()
            cur.execute("DELETE FROM transaction_keys WHERE reference = %s", (reference,))
            cur.execute("DELETE FROM invoice_links WHERE transaction_reference = %s", (reference,))
            cur.executemany(_INSERT_KEY, rows.keys)
            cur.executemany(_INSERT_INVOICE, rows.invoices)
        return stored

    # --- reads ---

    def get(self, reference: str) -> Transaction:
        """Return the transaction with this reference (normalised first).

        Raises:
            NotFound: no such transaction (``registry.not_found``).
        """
        ref = normalise_reference(reference, code="registry.transaction")
        with self._cursor(write=False) as cur:
            found = cur.execute(
                "SELECT body FROM transactions WHERE reference = %s", (ref,)
            ).fetchone()
        if found is None:
            raise not_found()
        return decode(found[0])

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

        One range scan of the ``transaction_keys`` primary key (which carries each
        transaction's kind and open flag, so filters read no bodies), joined to the
        page's bodies.
        """
        wanted = check_kinds(kinds)
        size = check_limit(limit)
        checked = check_key(key)
        require_instance(open_only, bool, field="open_only", code="registry.page")
        query = _FIND
        params: list[object] = [checked.kind.value, checked.value]
        if wanted is not None:
            query += _FIND_KINDS
            params.append(sorted(kind.value for kind in wanted))
        if open_only:
            query += _FIND_OPEN
        if after is not None:
            query += _FIND_AFTER
            params.extend(decode_transaction_cursor(after))
        params.append(size + 1)
        with self._cursor(write=False) as cur:
            bodies = [row[0] for row in cur.execute(query + _FIND_ORDER, params)]
        items = tuple(decode(body) for body in bodies[:size])
        return Page(items, transaction_cursor(items[-1]) if len(bodies) > size else None)

    def paid_invoices(
        self, payer: Key, *, limit: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> InvoicePage:
        """Return the paid invoices of ``payer``, newest payment first, one page."""
        size = check_limit(limit)
        checked = check_key(payer)
        query = _PAID_INVOICES
        params: list[object] = [checked.kind.value, checked.value, _PAID]
        if after is not None:
            query += _PAID_AFTER
            params.extend(decode_invoice_cursor(after))
        params.append(size + 1)
        with self._cursor(write=False) as cur:
            rows = cur.execute(query + _PAID_ORDER, params).fetchall()
        items = tuple((decode_invoice(body), reference) for body, reference in rows[:size])
        return InvoicePage(items, invoice_cursor(*items[-1]) if len(rows) > size else None)

    def count(self) -> int:
        """Return how many transactions are stored."""
        with self._cursor(write=False) as cur:
            row = cur.execute("SELECT count(*) FROM transactions").fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
