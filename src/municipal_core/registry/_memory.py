"""An in-memory transaction store, for tests, demos and a single-process host.

It follows the :class:`~municipal_core.registry._ports.TransactionStore` contract exactly
(the same contract suite runs on it as on SQLite and PostgreSQL): keyset pages newest
first, optimistic concurrency, all-or-nothing writes. Transactions are frozen, so the
store keeps them as they are, with no copies; one lock makes it safe to share
between threads.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.registry._keys import normalise_key
    >>> from municipal_core.registry._record import open_transaction
    >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    >>> store = InMemoryTransactionStore()
    >>> txn = store.add(open_transaction("C-7", "complaint", jurisdiction="om-sohar",
    ...                                  applicant_name="Ali", keys=[("cr", "1234567")],
    ...                                  at=at))
    >>> page = store.find(normalise_key("cr", "CR 1234567", jurisdiction="om-sohar"))
    >>> [t.reference for t in page.items], page.next_cursor
    (['C-7'], None)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, TypeVar

import attrs

from municipal_core.billing import InvoiceStatus
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
from municipal_core.registry._transaction import InvoiceLink, Transaction, TransactionKind

__all__ = ["InMemoryTransactionStore"]

T = TypeVar("T")

_Paid = tuple[InvoiceLink, str]


def _txn_order(txn: Transaction) -> tuple[dt.datetime, str]:
    return (txn.created_at, txn.reference)


def _paid_order(item: _Paid) -> tuple[dt.date, str, str]:
    link, reference = item
    assert link.paid_on is not None  # only paid links are ever ordered
    return (link.paid_on, link.reference, reference)


def _page(
    items: Iterable[T],
    order: Callable[[T], tuple[Any, ...]],
    before: tuple[Any, ...] | None,
    limit: int,
) -> tuple[list[T], bool]:
    # Newest first, strictly after the cursor, one extra item to learn whether a next
    # page exists: the same keyset rule the SQL stores apply with an index.
    ranked = sorted(items, key=order, reverse=True)
    if before is not None:
        ranked = [item for item in ranked if order(item) < before]
    return ranked[:limit], len(ranked) > limit


class InMemoryTransactionStore:
    """Transactions in a dict, indexed by key and by paying party; thread-safe.

    Examples:
        >>> InMemoryTransactionStore().count()
        0
    """

    def __init__(self) -> None:
        """Create an empty store."""
        self._lock = threading.Lock()
        self._by_reference: dict[str, Transaction] = {}
        self._by_key: defaultdict[Key, set[str]] = defaultdict(set)
        self._by_payer: defaultdict[Key, set[str]] = defaultdict(set)

    def __repr__(self) -> str:
        return f"InMemoryTransactionStore(count={len(self._by_reference)})"

    # --- writes (callers hold the lock) ---

    def _index(self, txn: Transaction) -> None:
        self._by_reference[txn.reference] = txn
        for key in txn.keys:
            self._by_key[key].add(txn.reference)
        for link in txn.invoices:
            self._by_payer[link.payer].add(txn.reference)

    def _unindex(self, txn: Transaction) -> None:
        for key in txn.keys:
            self._by_key[key].discard(txn.reference)
        for link in txn.invoices:
            self._by_payer[link.payer].discard(txn.reference)

    def add(self, txn: Transaction) -> Transaction:
        """Store a new transaction; return it at version 1.

        Raises:
            DuplicateError: the reference exists (``registry.duplicate``).

        Examples:
            >>> InMemoryTransactionStore().add("TL-1")  # type: ignore[arg-type]
            Traceback (most recent call last):
                ...
            municipal_core.errors.InvalidFormat: A Transaction is required for txn.
        """
        stored = attrs.evolve(check_transaction(txn), version=1)
        with self._lock:
            if stored.reference in self._by_reference:
                raise duplicate_reference()
            self._index(stored)
        return stored

    def add_many(self, txns: Iterable[Transaction]) -> int:
        """Store many new transactions, all or nothing; return how many.

        Raises:
            DuplicateError: a reference exists or repeats (``registry.duplicate``).

        Examples:
            >>> InMemoryTransactionStore().add_many([])
            0
        """
        batch = [attrs.evolve(check_transaction(txn), version=1) for txn in txns]
        references = {txn.reference for txn in batch}
        with self._lock:
            if len(references) != len(batch) or not references.isdisjoint(self._by_reference):
                raise duplicate_reference()
            for txn in batch:
                self._index(txn)
        return len(batch)

    def update(self, txn: Transaction) -> Transaction:
        """Replace a transaction read earlier; return it at version + 1.

        Raises:
            ConflictError: ``txn.version`` is not the stored version (``registry.conflict``).
            NotFound: no such transaction (``registry.not_found``).

        Examples:
            >>> InMemoryTransactionStore().update(None)  # type: ignore[arg-type]
            Traceback (most recent call last):
                ...
            municipal_core.errors.InvalidFormat: A Transaction is required for txn.
        """
        check_transaction(txn)
        with self._lock:
            current = self._by_reference.get(txn.reference)
            if current is None:
                raise not_found()
            if current.version != txn.version:
                raise conflict()
            stored = attrs.evolve(txn, version=txn.version + 1)
            self._unindex(current)
            self._index(stored)
        return stored

    # --- reads ---

    def get(self, reference: str) -> Transaction:
        """Return the transaction with this reference (normalised first).

        Raises:
            NotFound: no such transaction (``registry.not_found``).

        Examples:
            >>> InMemoryTransactionStore().get("tl-1")
            Traceback (most recent call last):
                ...
            municipal_core.errors.NotFound: No transaction has this reference.
        """
        ref = normalise_reference(reference, code="registry.transaction")
        with self._lock:
            found = self._by_reference.get(ref)
        if found is None:
            raise not_found()
        return found

    def _holding(self, index: defaultdict[Key, set[str]], key: Key) -> list[Transaction]:
        with self._lock:
            refs = index.get(key, ())
            return [self._by_reference[ref] for ref in refs]

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

        Examples:
            >>> from municipal_core.registry._keys import Key
            >>> InMemoryTransactionStore().find(Key("cr", "1234567"), limit=201)
            Traceback (most recent call last):
                ...
            municipal_core.errors.InvalidComponent: The page size must be 1 to 200.
        """
        wanted = check_kinds(kinds)
        size = check_limit(limit)
        before = None if after is None else decode_transaction_cursor(after)
        candidates: Sequence[Transaction] = [
            txn
            for txn in self._holding(self._by_key, check_key(key))
            if (wanted is None or txn.kind in wanted) and (txn.is_open or not open_only)
        ]
        items, more = _page(candidates, _txn_order, before, size)
        return Page(tuple(items), transaction_cursor(items[-1]) if more else None)

    def paid_invoices(
        self, payer: Key, *, limit: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> InvoicePage:
        """Return the paid invoices of ``payer``, newest payment first, one page.

        Examples:
            >>> from municipal_core.registry._keys import Key
            >>> InMemoryTransactionStore().paid_invoices(Key("cr", "1234567")).items
            ()
        """
        size = check_limit(limit)
        before = None if after is None else decode_invoice_cursor(after)
        payer_key = check_key(payer)
        paid = [
            (link, txn.reference)
            for txn in self._holding(self._by_payer, payer_key)
            for link in txn.invoices
            if link.payer == payer_key and link.status is InvoiceStatus.PAID
        ]
        items, more = _page(paid, _paid_order, before, size)
        return InvoicePage(tuple(items), invoice_cursor(*items[-1]) if more else None)

    def count(self) -> int:
        """Return how many transactions are stored.

        Examples:
            >>> InMemoryTransactionStore().count()
            0
        """
        with self._lock:
            return len(self._by_reference)

    def close(self) -> None:
        """Do nothing: an in-memory store holds no resources.

        Examples:
            >>> InMemoryTransactionStore().close()
        """
