"""Building and changing transactions: pure functions that return a new Transaction.

* :func:`open_transaction` -- a new record, its status taken from its workflow case;
* :func:`record_transition` -- the case moved on: new status, one more timeline entry;
* :func:`link_invoice` -- an invoice issued or paid for it (added or replaced by number);
* :func:`add_keys` -- more numbers it can be found by.

Raw keys may be given as ``(kind, text as typed)`` pairs; they are normalised with the
transaction's jurisdiction, exactly as :func:`~municipal_core.registry._lookup.lookup`
normalises what a person searches with, so the two always meet.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, Actor, apply, new_case
    >>> t0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
    >>> case = new_case(wf, "TL-2026-1", at=t0)
    >>> txn = open_transaction("TL-2026-1", "licence", jurisdiction="om-sohar",
    ...                        applicant_name="Sara", keys=[("phone", "9123 4567")], at=t0,
    ...                        workflow=wf, case=case)
    >>> txn.status.code, [k.value for k in txn.keys]
    ('DRAFT', ['+96891234567', 'TL-2026-1'])
    >>> case = apply(wf, case, "APPLY", Actor("c-1", ("CITIZEN",)), at=t0 + dt.timedelta(hours=1))
    >>> txn = record_transition(txn, case, wf)
    >>> [(e.status.code, e.action) for e in txn.timeline]
    [('DRAFT', None), ('DOCUMENT_VERIFICATION', 'APPLY')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from municipal_core import _checks
from municipal_core.billing import Invoice, InvoiceStatus
from municipal_core.errors import DomainRuleError, InvalidFormat, ValidationError
from municipal_core.jurisdictions import Jurisdiction, resolve
from municipal_core.registry._keys import Key, KeyKind, normalise_key, normalise_reference
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)
from municipal_core.workflow import Case, WorkflowDefinition

__all__ = [
    "SUBMITTED",
    "KeyInput",
    "add_keys",
    "link_invoice",
    "open_transaction",
    "record_transition",
    "status_of",
]

_CODE = "registry.transition"

SUBMITTED = Status("SUBMITTED", "Submitted", "مقدم", True)
"""The status of a transaction opened without a workflow."""

KeyInput = Key | tuple[KeyKind | str, str]
"""A key as functions here accept it: normalised already, or ``(kind, text as typed)``."""


def _keys(keys: Iterable[KeyInput], jurisdiction: Jurisdiction | str) -> list[Key]:
    if isinstance(keys, (str, bytes)) or not isinstance(keys, Iterable):
        raise _checks.invalid_type("keys", "registry.key")
    out = []
    for item in keys:
        if isinstance(item, Key):
            out.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            out.append(normalise_key(item[0], item[1], jurisdiction=jurisdiction))
        else:
            raise _checks.invalid_type("keys", "registry.key")
    return out


def status_of(workflow: WorkflowDefinition, state: str) -> Status:
    """Return the public status of a workflow state: its labels, open while it has exits.

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW
        >>> status_of(LICENCE_WORKFLOW, "ISSUED")
        Status(code='ISSUED', label_en='Issued', label_ar='صادرة', is_open=False)
    """
    found = workflow.state(state)
    return Status(
        found.name, found.label("en"), found.label("ar"), bool(workflow.actions_from(state))
    )


def _mismatch(what_en: str, what_ar: str) -> DomainRuleError:
    return DomainRuleError(
        f"The workflow case does not belong to this transaction: {what_en}.",
        f"حالة سير العمل لا تخص هذه المعاملة: {what_ar}.",
        code=f"{_CODE}.mismatch",
        field="case",
    )


def _check_case(
    reference: str, case: object, workflow: object, expected: str | None
) -> tuple[Case, WorkflowDefinition]:
    if not isinstance(case, Case) or not isinstance(workflow, WorkflowDefinition):
        raise InvalidFormat(
            "A workflow case and its workflow definition are required.",
            "يلزم تقديم حالة سير العمل وتعريف سير العمل الخاص بها.",
            code=f"{_CODE}.type",
            field="case",
        )
    try:
        same_reference = normalise_reference(case.id) == reference
    except ValidationError:
        same_reference = False
    if not same_reference:
        raise _mismatch("another reference", "رقم مرجعي آخر")
    if (
        case.workflow != workflow.name
        or case.version != workflow.version
        or expected not in (None, workflow.name)
    ):
        raise _mismatch("another workflow", "سير عمل آخر")
    return case, workflow


def open_transaction(
    reference: str,
    kind: TransactionKind | str,
    *,
    jurisdiction: Jurisdiction | str,
    applicant_name: str,
    keys: Iterable[KeyInput],
    at: dt.datetime,
    service: str | None = None,
    workflow: WorkflowDefinition | None = None,
    case: Case | None = None,
) -> Transaction:
    """Return a new transaction, opened at ``at``, with its status from ``case``.

    Args:
        reference: its reference number (normalised).
        kind: what it records.
        jurisdiction: the profile or its code; normalises raw keys.
        applicant_name: the applicant's name.
        keys: what it can be found by; its own reference key is always added.
        at: when it was opened (aware).
        service: its service catalogue code.
        workflow: the workflow its case follows.
        case: the case; gives the status. Without a case the status is the workflow's
            start state, or :data:`SUBMITTED` without a workflow.

    Raises:
        DomainRuleError: the case has another reference or workflow
            (``registry.transition.mismatch``), or a case came without its workflow.
        InvalidFormat: a case without its workflow (``registry.transition.type``).
        ValidationError: a malformed key, reference or field.

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> open_transaction("c-7", "complaint", jurisdiction="om-sohar",
        ...                  applicant_name="Ali", keys=(), at=at).status.code
        'SUBMITTED'
    """
    profile = resolve(jurisdiction)
    ref = normalise_reference(reference, code="registry.transaction")
    all_keys = [*_keys(keys, profile), Key(KeyKind.TRANSACTION, ref)]
    if case is not None:
        checked, definition = _check_case(ref, case, workflow, None)
        status = status_of(definition, checked.state)
    elif workflow is not None:
        status = status_of(workflow, workflow.start_state.name)
    else:
        status = SUBMITTED
    _checks.require_aware(at, field="at", code="registry.transaction")
    return Transaction(
        reference=ref,
        kind=kind,
        jurisdiction=profile.code,
        service=service,
        applicant_name=applicant_name,
        keys=tuple(all_keys),
        status=status,
        workflow=None if workflow is None else workflow.name,
        created_at=at,
        updated_at=at,
        timeline=(TimelineEntry(at, status, None),),
    )


def record_transition(txn: Transaction, case: Case, workflow: WorkflowDefinition) -> Transaction:
    """Return ``txn`` with the status ``case`` reached and one more timeline entry.

    The entry is dated ``case.entered_state_at`` and names the case's last action.
    Recording the same transition twice returns ``txn`` unchanged, so a retried message
    does no harm.

    Raises:
        DomainRuleError: the case has another reference or workflow, or no action yet
            (``registry.transition.mismatch``); it entered its state before the
            transaction's last update (``registry.transition.time_order``).

    Examples:
        >>> from municipal_core.workflow import LICENCE_WORKFLOW as wf, new_case
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> txn = open_transaction("TL-1", "licence", jurisdiction="om-sohar",
        ...                        applicant_name="Ali", keys=(), at=at, workflow=wf)
        >>> record_transition(txn, new_case(wf, "TL-2", at=at), wf)
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: The workflow case does not belong to this transaction: another reference.
    """  # noqa: E501
    if not isinstance(txn, Transaction):
        raise _checks.invalid_type("txn", _CODE)
    _check_case(txn.reference, case, workflow, txn.workflow)
    if not case.history:
        raise _mismatch("no action was taken on it", "لم يُتخذ عليها أي إجراء")
    entry = TimelineEntry(
        case.entered_state_at, status_of(workflow, case.state), case.history[-1].action
    )
    return _append(txn, entry, field="case")


def _append(txn: Transaction, entry: TimelineEntry, *, field: str) -> Transaction:
    # One place decides what a new timeline entry does: a repeat is a no-op (a retried
    # message does no harm) and time never runs backwards.
    if txn.timeline[-1] == entry:
        return txn
    if entry.at < txn.updated_at:
        raise DomainRuleError(
            "The new status is older than the transaction's last update.",
            "الحالة الجديدة أقدم من آخر تحديث للمعاملة.",
            code=f"{_CODE}.time_order",
            field=field,
        )
    return attrs.evolve(
        txn, status=entry.status, updated_at=entry.at, timeline=(*txn.timeline, entry)
    )


def record_status(
    txn: Transaction,
    status: Status,
    *,
    at: dt.datetime,
    action: str | None = None,
    note: str | None = None,
) -> Transaction:
    """Return ``txn`` with a new status, for a transaction that follows no workflow.

    A violation or a payment has a status of its own (open, paid) rather than a workflow
    case; this records its changes on the same timeline. A transaction that follows a
    workflow takes its status only from its case, through :func:`record_transition`.

    Raises:
        DomainRuleError: the transaction follows a workflow
            (``registry.transition.workflow``), or ``at`` is before its last update
            (``registry.transition.time_order``).

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> txn = open_transaction("V-1", "violation", jurisdiction="om-sohar",
        ...                        applicant_name="Ali", keys=(), at=at)
        >>> paid = Status("PAID", "Paid", "مدفوعة", False)
        >>> txn = record_status(txn, paid, at=at + dt.timedelta(days=2), action="SETTLE")
        >>> txn.is_open, [e.status.code for e in txn.timeline]
        (False, ['SUBMITTED', 'PAID'])
    """
    if not isinstance(txn, Transaction):
        raise _checks.invalid_type("txn", _CODE)
    if txn.workflow is not None:
        raise DomainRuleError(
            "This transaction follows a workflow: record its case's transitions instead.",
            "هذه المعاملة تتبع مسار عمل: سجّل انتقالات حالتها بدلًا من ذلك.",
            code=f"{_CODE}.workflow",
            field="status",
        )
    at = _checks.require_aware(at, field="at", code=_CODE)
    entry = TimelineEntry(at, status, action, note)
    return _append(txn, entry, field="at")


def _paid_on(invoice: Invoice) -> dt.date | None:
    if invoice.status is not InvoiceStatus.PAID or not invoice.receipts:
        return None
    # The day the last receipt was paid, in the issuing municipality's own time zone: a
    # payment at 01:00 in Muscat is that local day, not the day before in UTC.
    paid_at = invoice.receipts[-1].payment.paid_at
    return resolve(invoice.jurisdiction).today_in(paid_at)


def link_invoice(txn: Transaction, invoice: Invoice, *, payer: KeyInput) -> Transaction:
    """Return ``txn`` with ``invoice`` linked (replacing a link with the same number).

    Call it again after each payment or cancellation to keep the link's status current.

    Raises:
        InvalidComponent: ``payer`` is not a CR or civil-ID key.
        DomainRuleError: the invoice was issued in another jurisdiction
            (``registry.invoice.jurisdiction``).

    Examples:
        >>> link_invoice  # doctest: +ELLIPSIS
        <function link_invoice at ...>
    """
    if not isinstance(txn, Transaction):
        raise _checks.invalid_type("txn", "registry.invoice")
    if not isinstance(invoice, Invoice):
        raise _checks.invalid_type("invoice", "registry.invoice")
    if invoice.jurisdiction != txn.jurisdiction:
        raise DomainRuleError(
            "The invoice was issued in another jurisdiction.",
            "صدرت الفاتورة في جهة أخرى.",
            code="registry.invoice.jurisdiction",
            field="invoice",
        )
    (payer_key,) = _keys((payer,), txn.jurisdiction)
    link = InvoiceLink(
        reference=invoice.reference,
        payer=payer_key,
        total=invoice.total,
        status=invoice.status,
        issued_on=invoice.issued_on,
        paid_on=_paid_on(invoice),
    )
    others = tuple(item for item in txn.invoices if item.reference != link.reference)
    return attrs.evolve(
        txn,
        invoices=(*others, link),
        keys=(*txn.keys, Key(KeyKind.INVOICE, link.reference)),
    )


def add_keys(txn: Transaction, keys: Iterable[KeyInput]) -> Transaction:
    """Return ``txn`` findable by ``keys`` too (raw pairs normalised with its jurisdiction).

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> txn = open_transaction("C-7", "complaint", jurisdiction="om-sohar",
        ...                        applicant_name="Ali", keys=(), at=at)
        >>> [k.value for k in add_keys(txn, [("cr", "CR ١٢٣٤٥٦٧")]).keys_of("cr")]
        ['1234567']
    """
    if not isinstance(txn, Transaction):
        raise _checks.invalid_type("txn", "registry.key")
    return attrs.evolve(txn, keys=(*txn.keys, *_keys(keys, txn.jurisdiction)))
