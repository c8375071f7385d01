"""The transaction record: what a portal shows when someone looks a transaction up.

A :class:`Transaction` is one application or case (a lease registration, a licence, a
complaint, a violation...) with its reference number, the :class:`Key` values it can be
found by, its public :class:`Status` in English and Arabic, a :class:`TimelineEntry` per
status change and the invoices linked to it (:class:`InvoiceLink`). All are frozen and
checked when built or loaded, so a store never holds an inconsistent record. Build and
change them with the functions of :mod:`municipal_core.registry._record`.

Examples:
    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
    >>> submitted = Status("SUBMITTED", "Submitted", "مقدم", True)
    >>> txn = Transaction(
    ...     reference="tl-2026-1", kind="licence", jurisdiction="om-sohar", service=None,
    ...     applicant_name="Sara", keys=(Key("transaction", "TL-2026-1"),),
    ...     status=submitted, workflow=None, created_at=at, updated_at=at,
    ...     timeline=(TimelineEntry(at, submitted, None),))
    >>> txn.reference, txn.kind.value, txn.status.label("ar")
    ('TL-2026-1', 'licence', 'مقدم')
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.billing import InvoiceStatus
from municipal_core.errors import DomainRuleError, InvalidComponent
from municipal_core.money import Money
from municipal_core.registry._keys import Key, KeyKind, normalise_reference
from municipal_core.workflow._definition import name_validator, workflow_name_validator

__all__ = [
    "InvoiceLink",
    "Status",
    "TimelineEntry",
    "Transaction",
    "TransactionKind",
    "sorted_keys",
]

_CODE = "registry.transaction"
_PAYER_KINDS = frozenset({KeyKind.CR, KeyKind.CIVIL_ID})


class TransactionKind(str, enum.Enum):
    """What a transaction is: which portal service or case it records."""

    ACCOUNT_REGISTRATION = "account_registration"
    LEASE_REGISTRATION = "lease_registration"
    LEASE_RENEWAL = "lease_renewal"
    LEASE_AMENDMENT = "lease_amendment"
    LEASE_CANCELLATION = "lease_cancellation"
    LICENCE = "licence"
    PERMIT = "permit"
    CERTIFICATE = "certificate"
    SERVICE_LETTER = "service_letter"
    ADDRESSING = "addressing"
    ENGINEERING_REGISTRATION = "engineering_registration"
    COMPLAINT = "complaint"
    VIOLATION = "violation"
    VIOLATION_PAYMENT = "violation_payment"
    OTHER = "other"


def _to_kind(value: object) -> TransactionKind:
    return to_enum(TransactionKind, value, code=f"{_CODE}.kind", field="kind")


def _bool(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, bool):
        raise _checks.invalid_type(attribute.name, _CODE)


@attrs.frozen
class Status:
    """A transaction's public status: its workflow state with the labels applicants see.

    Attributes:
        code: the workflow state's name, e.g. ``"PENDING_PAYMENT"``.
        label_en: the status in English.
        label_ar: the status in Arabic.
        is_open: ``False`` once the case reached a terminal state.

    Examples:
        >>> Status("APPROVED", "Approved", "معتمد", False).label("en")
        'Approved'
    """

    code: str = attrs.field(validator=name_validator)
    label_en: str = attrs.field(validator=_checks.text(f"{_CODE}.status"))
    label_ar: str = attrs.field(validator=_checks.text(f"{_CODE}.status"))
    is_open: bool = attrs.field(validator=_bool)

    def label(self, lang: str = "en") -> str:
        """Return the label in ``"en"`` or ``"ar"``.

        Examples:
            >>> Status("APPROVED", "Approved", "معتمد", False).label("ar")
            'معتمد'
        """
        return self.label_ar if language(lang) == "ar" else self.label_en


@attrs.frozen
class TimelineEntry:
    """One status a transaction reached, and when.

    Attributes:
        at: when it reached the status (aware).
        status: the status reached.
        action: the workflow action that led here; ``None`` for the opening entry.
        note: free text shown with the entry, if any.

    Examples:
        >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
        >>> TimelineEntry(at, Status("SUBMITTED", "Submitted", "مقدم", True), None).action
    """

    at: dt.datetime = attrs.field(validator=_checks.aware(_CODE))
    status: Status = attrs.field(validator=_checks.type_of(Status, _CODE))
    action: str | None = attrs.field(validator=attrs.validators.optional(name_validator))
    note: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.text(f"{_CODE}.note"))
    )


def _check_payer(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, Key):
        raise _checks.invalid_type(attribute.name, f"{_CODE}.invoice")
    if value.kind not in _PAYER_KINDS:
        raise InvalidComponent(
            "An invoice's payer key must be a CR or civil ID key.",
            "يجب أن يكون مفتاح دافع الفاتورة رقم سجل تجاري أو رقمًا مدنيًا.",
            code=f"{_CODE}.invoice.payer",
            field=attribute.name,
        )


def _invoice_reference(value: object) -> str:
    return normalise_reference(value, code=f"{_CODE}.invoice")


@attrs.frozen
class InvoiceLink:
    """What the registry keeps of an invoice; the invoice itself stays in billing.

    Attributes:
        reference: the invoice number, normalised like a reference key.
        payer: the payer's CR or civil-ID key.
        total: the invoice total.
        status: where the invoice stands.
        issued_on: the day it was issued.
        paid_on: the day of the receipt that completed payment; set exactly when
            ``status`` is ``PAID``.

    Examples:
        >>> link = InvoiceLink("sohar-inv-2026-000123", Key("cr", "1234567"),
        ...                    Money("12.500", "OMR"), InvoiceStatus.OPEN,
        ...                    dt.date(2026, 3, 1), None)
        >>> link.reference
        'SOHAR-INV-2026-000123'
    """

    reference: str = attrs.field(converter=_invoice_reference)
    payer: Key = attrs.field(validator=_check_payer)
    total: Money = attrs.field(validator=_checks.money(f"{_CODE}.invoice", positive=True))
    status: InvoiceStatus = attrs.field(
        validator=_checks.type_of(InvoiceStatus, f"{_CODE}.invoice")
    )
    issued_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.invoice"))
    paid_on: dt.date | None = attrs.field(
        validator=_checks.date_order(f"{_CODE}.invoice", "issued_on")
    )

    def __attrs_post_init__(self) -> None:
        if (self.paid_on is not None) != (self.status is InvoiceStatus.PAID):
            raise DomainRuleError(
                "An invoice has a payment date exactly when it is paid.",
                "يكون للفاتورة تاريخ سداد فقط عندما تكون مسددة.",
                code=f"{_CODE}.invoice.paid_on",
                field="paid_on",
            )


def sorted_keys(keys: Iterable[Key]) -> tuple[Key, ...]:
    """Return ``keys`` deduplicated and sorted by kind then value.

    Examples:
        >>> sorted_keys([Key("cr", "2"), Key("cr", "1"), Key("cr", "2")])
        (Key(kind=<KeyKind.CR: 'cr'>, value='1'), Key(kind=<KeyKind.CR: 'cr'>, value='2'))
    """
    return tuple(sorted(set(keys), key=lambda key: key.sort_key))


def _to_keys(value: object) -> tuple[Key, ...]:
    if not isinstance(value, (tuple, list)) or not all(isinstance(k, Key) for k in value):
        raise _checks.invalid_type("keys", _CODE)
    return sorted_keys(value)


def _rule(message_en: str, message_ar: str, suffix: str, field: str) -> DomainRuleError:
    return DomainRuleError(message_en, message_ar, code=f"{_CODE}.{suffix}", field=field)


def _check_version(_instance: object, attribute: Any, value: object) -> None:
    _checks.type_of(int, _CODE)(_instance, attribute, value)
    if value < 1:  # type: ignore[operator]
        raise InvalidComponent(
            "The version must be 1 or more.",
            "يجب أن يكون الإصدار 1 أو أكثر.",
            code=f"{_CODE}.version",
            field="version",
        )


def _tuple_of(kind: type, field: str) -> Any:
    def check(_instance: object, _attribute: Any, value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, kind) for v in value):
            raise _checks.invalid_type(field, _CODE)

    return check


@attrs.frozen
class Transaction:
    """One transaction: reference, kind, applicant, look-up keys, status and timeline.

    Checked when built: ``keys`` are sorted and deduplicated and hold the transaction's own
    ``TRANSACTION`` key and an ``INVOICE`` key per linked invoice; the timeline is oldest
    first, within ``created_at``..``updated_at``, and ends at ``status``. ``repr`` shows
    phone and civil-ID keys masked.

    Attributes:
        reference: the transaction number, normalised like a ``TRANSACTION`` key.
        kind: what the transaction records.
        jurisdiction: the profile code, e.g. ``"om-sohar"``.
        service: the service catalogue code, e.g. ``"sa.licence.commercial.new"``.
        applicant_name: the applicant's name.
        keys: the keys it can be found by.
        status: its public status now.
        workflow: the name of the workflow its case follows, if any.
        created_at: when it was opened (aware).
        updated_at: when it last changed (aware, not before ``created_at``).
        timeline: every status it reached, oldest first.
        invoices: the invoices linked to it, one per invoice reference.
        version: optimistic-concurrency version; stores set it.

    Examples:
        >>> at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
        >>> status = Status("SUBMITTED", "Submitted", "مقدم", True)
        >>> Transaction("TL-1", "licence", "om-sohar", None, "Sara", keys=(), status=status,
        ...             workflow=None, created_at=at, updated_at=at,
        ...             timeline=(TimelineEntry(at, status, None),))
        Traceback (most recent call last):
            ...
        municipal_core.errors.DomainRuleError: A transaction's keys must include its own reference.
    """

    reference: str = attrs.field(converter=normalise_reference)
    kind: TransactionKind = attrs.field(converter=_to_kind)
    jurisdiction: str = attrs.field(validator=_checks.text(_CODE))
    service: str | None = attrs.field(
        validator=attrs.validators.optional(_checks.text(f"{_CODE}.service"))
    )
    applicant_name: str = attrs.field(validator=_checks.text(f"{_CODE}.applicant"))
    keys: tuple[Key, ...] = attrs.field(converter=_to_keys)
    status: Status = attrs.field(validator=_checks.type_of(Status, _CODE))
    workflow: str | None = attrs.field(validator=attrs.validators.optional(workflow_name_validator))
    created_at: dt.datetime = attrs.field(validator=_checks.aware(_CODE))
    updated_at: dt.datetime = attrs.field(validator=_checks.aware(_CODE))
    timeline: tuple[TimelineEntry, ...] = attrs.field(
        validator=_tuple_of(TimelineEntry, "timeline")
    )
    invoices: tuple[InvoiceLink, ...] = attrs.field(
        default=(), validator=_tuple_of(InvoiceLink, "invoices")
    )
    version: int = attrs.field(default=1, validator=_check_version)

    def __attrs_post_init__(self) -> None:
        if self.updated_at < self.created_at:
            raise _rule(
                "A transaction cannot be updated before it was created.",
                "لا يمكن تحديث المعاملة قبل إنشائها.",
                "dates",
                "updated_at",
            )
        if Key(KeyKind.TRANSACTION, self.reference) not in self.keys:
            raise _rule(
                "A transaction's keys must include its own reference.",
                "يجب أن تتضمن مفاتيح المعاملة رقمها المرجعي.",
                "keys",
                "keys",
            )
        self._check_timeline()
        self._check_invoices()

    def _check_timeline(self) -> None:
        times = [entry.at for entry in self.timeline]
        if (
            not times
            or times != sorted(times)
            or times[0] < self.created_at
            or times[-1] > self.updated_at
            or self.timeline[-1].status != self.status
        ):
            raise _rule(
                "The timeline must be oldest first, within the transaction's dates, "
                "and end at its status.",
                "يجب أن يبدأ السجل الزمني بالأقدم وأن يقع ضمن تواريخ المعاملة وأن ينتهي بحالتها.",
                "timeline",
                "timeline",
            )

    def _check_invoices(self) -> None:
        references = [link.reference for link in self.invoices]
        if len(set(references)) != len(references):
            raise _rule(
                "An invoice can be linked to a transaction once only.",
                "لا يجوز ربط الفاتورة بالمعاملة أكثر من مرة.",
                "invoices",
                "invoices",
            )
        if any(Key(KeyKind.INVOICE, ref) not in self.keys for ref in references):
            raise _rule(
                "A transaction's keys must include every linked invoice's number.",
                "يجب أن تتضمن مفاتيح المعاملة رقم كل فاتورة مرتبطة بها.",
                "keys",
                "keys",
            )

    @property
    def is_open(self) -> bool:
        """Whether the transaction's case is still open.

        Examples:
            >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
            >>> done = Status("CLOSED", "Closed", "مغلق", False)
            >>> Transaction("C-1", "complaint", "om-sohar", None, "Ali",
            ...             (Key("transaction", "C-1"),), done, None, at, at,
            ...             (TimelineEntry(at, done, None),)).is_open
            False
        """
        return self.status.is_open

    def keys_of(self, kind: KeyKind | str) -> tuple[Key, ...]:
        """Return the keys of one kind, in order.

        Examples:
            >>> at = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
            >>> s = Status("SUBMITTED", "Submitted", "مقدم", True)
            >>> t = Transaction("C-1", "complaint", "om-sohar", None, "Ali",
            ...                 (Key("transaction", "C-1"), Key("cr", "1234567")), s, None,
            ...                 at, at, (TimelineEntry(at, s, None),))
            >>> [k.value for k in t.keys_of("cr")]
            ['1234567']
        """
        wanted = to_enum(KeyKind, kind, code="registry.key.kind", field="kind")
        return tuple(key for key in self.keys if key.kind is wanted)
