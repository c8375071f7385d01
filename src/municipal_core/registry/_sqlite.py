"""The SQLite transaction store: the embedded default, on the standard library's sqlite3.

:class:`SQLiteTransactionStore` keeps transactions in one database file (or ``":memory:"``)
with the schema of :mod:`._sql_schema`, which it creates and migrates itself, recording
the version in ``PRAGMA user_version``. It follows the
:class:`~municipal_core.registry._ports.TransactionStore` contract exactly (the same
contract suite runs on it as on the in-memory and PostgreSQL stores):

* every write is one SQLite transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``): a crash, a
  killed process or an exception mid-write leaves nothing of it behind;
* WAL journal mode, so readers in other processes never block on the writer, and
  ``synchronous=NORMAL``: in WAL mode that still never corrupts the database or tears a
  transaction, it only lets the last commits before a power cut (not a process crash)
  roll back, and it saves an fsync per commit;
* look-ups page by key (``transaction_keys`` is ordered like the pages), so a page costs
  the same however many transactions a key has;
* optimistic concurrency: ``update`` checks the version under the write lock.

One store object may be shared by threads (``check_same_thread=False`` plus a lock);
several processes may open the same file.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.registry._keys import Key
    >>> from municipal_core.registry._record import open_transaction
    >>> store = SQLiteTransactionStore(":memory:")
    >>> store.schema_version
    1
    >>> txn = store.add(open_transaction(
    ...     "C-7", "complaint", jurisdiction="om-sohar", applicant_name="Ali",
    ...     keys=[("cr", "CR 1234567")], at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)))
    >>> [t.reference for t in store.find(Key("cr", "1234567")).items]
    ['C-7']
    >>> store.update(txn).version
    2
    >>> store.update(txn)
    Traceback (most recent call last):
        ...
    municipal_core.errors.ConflictError: The transaction changed since it was read; read \
it again and retry.
    >>> store.close()
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from types import TracebackType

import attrs

from municipal_core._checks import invalid_type, require_instance
from municipal_core.errors import (
    ConflictError,
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    NotFound,
)
from municipal_core.registry._codec import Rows, decode, decode_invoice, encode
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
    utc_text,
)
from municipal_core.registry._sql_schema import Dialect, latest_version, pending
from municipal_core.registry._transaction import Transaction, TransactionKind

__all__ = ["SQLiteTransactionStore"]

_CODE = "registry.sqlite"
_DIALECT = Dialect.SQLITE

# Rows encoded per executemany inside one add_many: bounds memory for a long iterable
# while the whole batch still commits (or rolls back) as one transaction.
_CHUNK = 2_000

_INSERT_TRANSACTION = "INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?, ?)"
_INSERT_KEY = "INSERT INTO transaction_keys VALUES (?, ?, ?, ?, ?, ?)"
_INSERT_INVOICE = "INSERT INTO invoice_links VALUES (?, ?, ?, ?, ?, ?, ?)"
_DELETE_KEY = (
    "DELETE FROM transaction_keys "
    "WHERE key_kind = ? AND key_value = ? AND created_at = ? AND reference = ?"
)
_UPDATE_TRANSACTION = (
    "UPDATE transactions SET kind = ?, jurisdiction = ?, is_open = ?, created_at = ?, "
    "version = ?, body = ? WHERE reference = ?"
)


def _closed() -> DomainRuleError:
    return DomainRuleError(
        "The transaction store is closed.",
        "مخزن المعاملات مغلق.",
        code=f"{_CODE}.closed",
        field=None,
    )


def _translate(exc: sqlite3.Error) -> MunicipalError:
    # sqlite3 reports everything as a handful of classes with English text; map the ones
    # a caller can act on to typed errors, and never let a bare sqlite3 error escape.
    text = str(exc).lower()
    if isinstance(exc, sqlite3.IntegrityError):
        return duplicate_reference()
    if "locked" in text or "busy" in text:
        return ConflictError(
            "The registry database is busy with another writer; try again.",
            "قاعدة بيانات السجل مشغولة بعملية كتابة أخرى؛ حاول مجددًا.",
            code=f"{_CODE}.busy",
            field=None,
        )
    if "unable to open" in text:
        return NotFound(
            "The database file cannot be opened: its folder is missing or not writable.",
            "تعذر فتح ملف قاعدة البيانات: المجلد غير موجود أو غير قابل للكتابة.",
            code=f"{_CODE}.open",
            field="path",
        )
    if "not a database" in text or "malformed" in text:
        return InvalidFormat(
            "The file is not a registry database, or it is damaged.",
            "الملف ليس قاعدة بيانات للسجل، أو أنه تالف.",
            code=f"{_CODE}.unreadable",
            field="path",
        )
    return MunicipalError(
        "The registry database could not complete the operation; nothing was changed.",
        "تعذر على قاعدة بيانات السجل إتمام العملية؛ لم يتغير شيء.",
        code=f"{_CODE}.error",
        field=None,
    )


@contextlib.contextmanager
def _typed_errors() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise _translate(exc) from exc


def _check_path(path: object) -> str | os.PathLike[str]:
    if isinstance(path, str) or (
        isinstance(path, os.PathLike) and isinstance(os.fspath(path), str)
    ):
        return path
    raise InvalidFormat(
        "The database path must be text or a path.",
        "يجب أن يكون مسار قاعدة البيانات نصًا أو مسارًا.",
        code=f"{_CODE}.path",
        field="path",
    )


def _check_timeout(timeout: object) -> float:
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 0 <= timeout <= 3600
    ):
        raise InvalidComponent(
            "The lock timeout must be 0 to 3600 seconds.",
            "يجب أن تكون مهلة القفل من 0 إلى 3600 ثانية.",
            code=f"{_CODE}.timeout",
            field="timeout",
        )
    return float(timeout)


def _stored_copy(txn: object) -> Transaction:
    # Skip attrs.evolve (which re-runs every validator) when the version is already 1:
    # it would be the most expensive step of a bulk insert.
    checked = check_transaction(txn)
    return checked if checked.version == 1 else attrs.evolve(checked, version=1)


class SQLiteTransactionStore:
    """Transactions in a SQLite database file; thread-safe, crash-safe.

    Args:
        path: the database file (created if missing), or ``":memory:"``.
        timeout: seconds to wait for another process's write lock before giving up
            with :class:`~municipal_core.errors.ConflictError` (``registry.sqlite.busy``).

    Raises:
        DomainRuleError: the database was written by a newer version of the library
            (``registry.schema.newer``); it is left untouched.
        InvalidFormat: the file is not a SQLite database (``registry.sqlite.unreadable``).

    Examples:
        >>> with SQLiteTransactionStore(":memory:") as store:
        ...     store.count()
        0
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 5.0) -> None:
        """Open (creating and migrating if needed) the database at ``path``."""
        checked = _check_path(path)
        wait = _check_timeout(timeout)
        self._lock = threading.Lock()
        self._name = os.fspath(checked)
        with _typed_errors():
            # isolation_level=None: the module never opens transactions behind our back;
            # every write below says BEGIN IMMEDIATE itself, which takes the write lock up
            # front, so a read-then-write can never fail half-way on a lock upgrade.
            conn = sqlite3.connect(
                checked, timeout=wait, isolation_level=None, check_same_thread=False
            )
            try:
                # Refuse a newer database before anything (even the journal mode) changes.
                pending(_DIALECT, self._user_version(conn))
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = NORMAL")
                # 64 MiB of page cache (default 2 MiB): a bulk insert dirties pages all
                # over the key index, and a cache that holds them writes each page once
                # per commit instead of spilling it to the WAL again and again.
                conn.execute("PRAGMA cache_size = -65536")
                self._version = self._migrate(conn)
            except BaseException:
                conn.close()
                raise
        self._conn: sqlite3.Connection | None = conn

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else f"schema {self._version}"
        return f"SQLiteTransactionStore({self._name!r}, {state})"

    def __enter__(self) -> SQLiteTransactionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open database.

        Examples:
            >>> SQLiteTransactionStore(":memory:").schema_version
            1
        """
        return self._version

    # --- schema ---

    @staticmethod
    def _user_version(conn: sqlite3.Connection) -> int:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    @classmethod
    def _migrate(cls, conn: sqlite3.Connection) -> int:
        for step in pending(_DIALECT, cls._user_version(conn)):
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if pending(_DIALECT, cls._user_version(conn))[:1] == (step,):
                    for statement in step.statements:
                        conn.execute(statement)
                    # user_version lives in the file header and is part of this
                    # transaction: the tables and their version commit together.
                    conn.execute(f"PRAGMA user_version = {int(step.version)}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        # A newer database raises in pending(); otherwise it is now at the latest.
        pending(_DIALECT, cls._user_version(conn))
        return latest_version(_DIALECT)

    # --- plumbing ---

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise _closed()
        return self._conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _typed_errors():
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _typed_errors():
            yield self._connection()

    @staticmethod
    def _insert(conn: sqlite3.Connection, rows: list[Rows]) -> None:
        conn.executemany(_INSERT_TRANSACTION, [r.transaction for r in rows])
        conn.executemany(_INSERT_KEY, [key for r in rows for key in r.keys])
        conn.executemany(_INSERT_INVOICE, [link for r in rows for link in r.invoices])

    # --- writes ---

    def add(self, txn: Transaction) -> Transaction:
        """Store a new transaction; return it at version 1.

        Raises:
            DuplicateError: the reference exists (``registry.duplicate``).
        """
        stored = _stored_copy(txn)
        with self._write() as conn:
            self._insert(conn, [encode(stored, _DIALECT)])
        return stored

    def add_many(self, txns: Iterable[Transaction]) -> int:
        """Store many new transactions in one database transaction; return how many.

        The batch is encoded and written in chunks, so memory stays flat for a long
        iterable, but it commits once: if any item is not a transaction, or any reference
        exists or repeats, nothing of the batch is stored.

        Raises:
            DuplicateError: a reference exists or repeats (``registry.duplicate``).
        """
        if isinstance(txns, (str, bytes, Transaction)) or not isinstance(txns, Iterable):
            raise invalid_type("txns", "registry.transaction")
        items = iter(txns)
        seen: set[str] = set()
        with self._write() as conn:
            while chunk := [_stored_copy(txn) for txn in islice(items, _CHUNK)]:
                before = len(seen)
                seen.update(txn.reference for txn in chunk)
                if len(seen) != before + len(chunk):
                    raise duplicate_reference()
                self._insert(conn, [encode(txn, _DIALECT) for txn in chunk])
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
        with self._write() as conn:
            found = conn.execute(
                "SELECT version, body FROM transactions WHERE reference = ?",
                (checked.reference,),
            ).fetchone()
            if found is None:
                raise not_found()
            if found[0] != checked.version:
                raise conflict()
            # The old key rows, exactly: the old body says which keys and created_at.
            old_keys = encode(decode(found[1]), _DIALECT).keys
            conn.executemany(_DELETE_KEY, [row[:4] for row in old_keys])
            conn.execute(
                "DELETE FROM invoice_links WHERE transaction_reference = ?", (checked.reference,)
            )
            reference, kind, jurisdiction, is_open, created, version, body = rows.transaction
            conn.execute(
                _UPDATE_TRANSACTION,
                (kind, jurisdiction, is_open, created, version, body, reference),
            )
            conn.executemany(_INSERT_KEY, rows.keys)
            conn.executemany(_INSERT_INVOICE, rows.invoices)
        return stored

    # --- reads ---

    def get(self, reference: str) -> Transaction:
        """Return the transaction with this reference (normalised first).

        Raises:
            NotFound: no such transaction (``registry.not_found``).

        Examples:
            >>> SQLiteTransactionStore(":memory:").get("tl-1")
            Traceback (most recent call last):
                ...
            municipal_core.errors.NotFound: No transaction has this reference.
        """
        ref = normalise_reference(reference, code="registry.transaction")
        with self._read() as conn:
            found = conn.execute(
                "SELECT body FROM transactions WHERE reference = ?", (ref,)
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

        One index range scan on ``transaction_keys`` (which also holds each
        transaction's kind and open flag, so filters skip rows without reading bodies),
        then the page's bodies by primary key.

        Examples:
            >>> SQLiteTransactionStore(":memory:").find(Key("cr", "1234567"), after="x")
            Traceback (most recent call last):
                ...
            municipal_core.errors.InvalidFormat: The page cursor is not valid; start from \
the first page.
        """
        wanted = check_kinds(kinds)
        size = check_limit(limit)
        checked = check_key(key)
        require_instance(open_only, bool, field="open_only", code="registry.page")
        before = None if after is None else decode_transaction_cursor(after)
        if wanted is not None and not wanted:
            return Page((), None)
        sql = [
            "SELECT t.body FROM transaction_keys AS k JOIN transactions AS t "
            "ON t.reference = k.reference WHERE k.key_kind = ? AND k.key_value = ?"
        ]
        params: list[object] = [checked.kind.value, checked.value]
        if wanted is not None:
            sql.append(f"AND k.kind IN ({', '.join('?' * len(wanted))})")
            params.extend(sorted(kind.value for kind in wanted))
        if open_only:
            sql.append("AND k.is_open = 1")
        if before is not None:
            sql.append("AND (k.created_at, k.reference) < (?, ?)")
            params.extend((utc_text(before[0]), before[1]))
        sql.append("ORDER BY k.created_at DESC, k.reference DESC LIMIT ?")
        params.append(size + 1)
        with self._read() as conn:
            bodies = [row[0] for row in conn.execute(" ".join(sql), params)]
        items = tuple(decode(body) for body in bodies[:size])
        more = len(bodies) > size
        return Page(items, transaction_cursor(items[-1]) if more else None)

    def paid_invoices(
        self, payer: Key, *, limit: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> InvoicePage:
        """Return the paid invoices of ``payer``, newest payment first, one page.

        Examples:
            >>> SQLiteTransactionStore(":memory:").paid_invoices(Key("cr", "1234567")).items
            ()
        """
        size = check_limit(limit)
        checked = check_key(payer)
        before = None if after is None else decode_invoice_cursor(after)
        sql = (
            "SELECT body, transaction_reference FROM invoice_links "
            "WHERE payer_kind = ? AND payer_value = ? AND status = 'paid'"
        )
        params: list[object] = [checked.kind.value, checked.value]
        if before is not None:
            sql += " AND (paid_on, invoice_reference, transaction_reference) < (?, ?, ?)"
            params.extend((before[0].isoformat(), before[1], before[2]))
        sql += " ORDER BY paid_on DESC, invoice_reference DESC, transaction_reference DESC LIMIT ?"
        params.append(size + 1)
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        items = tuple((decode_invoice(body), reference) for body, reference in rows[:size])
        more = len(rows) > size
        return InvoicePage(items, invoice_cursor(*items[-1]) if more else None)

    def count(self) -> int:
        """Return how many transactions are stored.

        Examples:
            >>> SQLiteTransactionStore(":memory:").count()
            0
        """
        with self._read() as conn:
            total: int = conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        return total

    def close(self) -> None:
        """Close the database connection; closing twice is harmless.

        Examples:
            >>> store = SQLiteTransactionStore(":memory:")
            >>> store.close(); store.close()
            >>> store.count()
            Traceback (most recent call last):
                ...
            municipal_core.errors.DomainRuleError: The transaction store is closed.
        """
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
