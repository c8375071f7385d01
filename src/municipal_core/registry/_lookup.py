"""What a portal calls with what a person typed: look-ups by any number, and recording.

Each function normalises the raw text first (:func:`~municipal_core.registry._keys.normalise_key`),
then asks the store, so ``0501234567``, ``+966 50 123 4567`` and ``٠٥٠١٢٣٤٥٦٧`` find the
same transactions on any store. A malformed number raises its typed error before the
store is touched.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.registry._memory import InMemoryTransactionStore
    >>> from municipal_core.registry._record import open_transaction
    >>> store = InMemoryTransactionStore()
    >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    >>> _ = store.add(open_transaction("V-2026-9", "violation", jurisdiction="sa-balady",
    ...                                applicant_name="Shop", keys=[("cr", "1010123456")],
    ...                                at=at))
    >>> [t.reference for t in open_violations(store, "CR ١٠١٠١٢٣٤٥٦",
    ...                                       jurisdiction="sa-balady").items]
    ['V-2026-9']
    >>> lookup(store, "phone", "12", jurisdiction="sa-balady")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidLength: The phone number has too few or too many digits.
"""

from __future__ import annotations

from municipal_core.errors import InvalidComponent
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.registry._keys import KeyKind, normalise_key
from municipal_core.registry._ports import (
    DEFAULT_PAGE_SIZE,
    InvoicePage,
    Page,
    TransactionStore,
)
from municipal_core.registry._record import record_transition
from municipal_core.registry._transaction import Transaction, TransactionKind
from municipal_core.workflow import Case, WorkflowDefinition

__all__ = ["lookup", "open_violations", "paid_invoices", "record"]

_PAYER_KINDS = (KeyKind.CR, KeyKind.CIVIL_ID)


def lookup(
    store: TransactionStore,
    kind: KeyKind | str,
    raw: str,
    *,
    jurisdiction: Jurisdiction | str,
    limit: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> Page:
    """Return the transactions found by a number as typed, newest first, one page.

    Args:
        store: where to look.
        kind: which number it is (``"phone"``, ``"cr"``, ``"licence"``...).
        raw: the number as typed.
        jurisdiction: the profile or its code; tells how to read the number.
        limit: page size, 1 to 200.
        after: the previous page's ``next_cursor``.

    Raises:
        InvalidComponent: an unknown kind (``registry.key.kind``), a bad ``limit``.
        ValidationError: a malformed number (the identifier's own error).

    Examples:
        >>> from municipal_core.registry._memory import InMemoryTransactionStore
        >>> lookup(InMemoryTransactionStore(), "licence", "42/1445",
        ...        jurisdiction="om-sohar").items
        ()
    """
    key = normalise_key(kind, raw, jurisdiction=jurisdiction)
    return store.find(key, limit=limit, after=after)


def paid_invoices(
    store: TransactionStore,
    payer_kind: KeyKind | str,
    raw: str,
    *,
    jurisdiction: Jurisdiction | str,
    limit: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> InvoicePage:
    """Return the paid invoices of a payer (by CR or civil ID), newest payment first.

    Raises:
        InvalidComponent: ``payer_kind`` is not ``cr`` or ``civil_id``
            (``registry.key.payer``), or an unknown kind (``registry.key.kind``).
        ValidationError: a malformed number.

    Examples:
        >>> from municipal_core.registry._memory import InMemoryTransactionStore
        >>> paid_invoices(InMemoryTransactionStore(), "phone", "91234567",
        ...               jurisdiction="om-sohar")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: Invoices are looked up by CR or civil ID only.
    """
    key = normalise_key(payer_kind, raw, jurisdiction=jurisdiction)
    if key.kind not in _PAYER_KINDS:
        raise InvalidComponent(
            "Invoices are looked up by CR or civil ID only.",
            "يُبحث عن الفواتير برقم السجل التجاري أو الرقم المدني فقط.",
            code="registry.key.payer",
            field="payer_kind",
        )
    return store.paid_invoices(key, limit=limit, after=after)


def open_violations(
    store: TransactionStore,
    cr_or_unified: str,
    *,
    jurisdiction: Jurisdiction | str,
    limit: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
) -> Page:
    """Return the open violations of an establishment, by CR or unified number.

    Examples:
        >>> from municipal_core.registry._memory import InMemoryTransactionStore
        >>> open_violations(InMemoryTransactionStore(), "7001234567",
        ...                 jurisdiction="sa-balady").next_cursor is None
        True
    """
    key = normalise_key(KeyKind.CR, cr_or_unified, jurisdiction=jurisdiction)
    return store.find(
        key, kinds={TransactionKind.VIOLATION}, open_only=True, limit=limit, after=after
    )


def record(
    store: TransactionStore, txn: Transaction, case: Case, workflow: WorkflowDefinition
) -> Transaction:
    """Record a workflow transition on a stored transaction; return the stored copy.

    ``txn`` is the copy read earlier: if another writer updated it since, the store
    refuses with :class:`~municipal_core.errors.ConflictError` and nothing changes; read it
    again and retry. Recording a transition already recorded writes nothing.

    Raises:
        ConflictError: the transaction changed since ``txn`` was read (``registry.conflict``).
        DomainRuleError: the case does not belong to it, or is older.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.registry._memory import InMemoryTransactionStore
        >>> from municipal_core.registry._record import open_transaction
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> store, case = InMemoryTransactionStore(), new_case(wf, "TL-1", at=at)
        >>> txn = store.add(open_transaction("TL-1", "licence", jurisdiction="om-sohar",
        ...                                  applicant_name="Ali", keys=(), at=at,
        ...                                  workflow=wf, case=case))
        >>> case = apply(wf, case, "CANCEL", Actor("c-1", ("CITIZEN",)), at=at)
        >>> txn = record(store, txn, case, wf)
        >>> txn.version, txn.status.label("en"), txn.is_open
        (2, 'Cancelled', False)
    """
    updated = record_transition(txn, case, workflow)
    if updated is txn:
        return txn
    return store.update(updated)
