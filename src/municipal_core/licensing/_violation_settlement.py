"""Settling violations through billing: by CR number or by violation number.

:func:`open_violations` picks the payable (``OPEN``) violations of a CR and/or a number,
from input as people type it (``"CR 1234567"``, Arabic-Indic digits, lower case).
:func:`settlement_breakdown` quotes them on one breakdown (each violation's fine and
daily penalty, as :func:`~municipal_core.licensing._violation_fines.amount_due` works them
out), and :func:`settle` issues that as one invoice, pays it in full with the payment and
returns the violations marked ``PAID``. A violation that is not ``OPEN`` is never picked,
so a settled one is never charged again.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.billing import Payer, PayerKind, Payment, PaymentMethod
    >>> from municipal_core.identifiers.references import InMemorySequence
    >>> from municipal_core.jurisdictions import SA_BALADY
    >>> from municipal_core.licensing._violations import record_violation
    >>> def hygiene(number, size):
    ...     return record_violation(number, jurisdiction=SA_BALADY, category="hygiene.poor",
    ...         recorded_on=dt.date(2026, 3, 1), cr="7001234567", establishment_size=size)
    >>> book = (hygiene("S-1", "small"), hygiene("S-2", "large"))
    >>> settlement_breakdown(book, jurisdiction=SA_BALADY, on=dt.date(2026, 3, 5),
    ...                      cr="٧٠٠١٢٣٤٥٦٧").total
    Money('1500.00', 'SAR')
    >>> at = dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.timezone.utc)
    >>> done = settle(book, jurisdiction=SA_BALADY, cr="7001234567",
    ...     payer=Payer(PayerKind.ESTABLISHMENT, "7001234567", "Al-Noor Bakery"),
    ...     payment=Payment(Money(1500, "SAR"), PaymentMethod.ONLINE, "SADAD-1", at),
    ...     sequence=InMemorySequence())
    >>> done.invoice.reference, [v.status.value for v in done.violations]
    ('BALADY-INV-2026-000001', ['paid', 'paid'])
    >>> open_violations(done.apply_to(book))
    ()
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP

import attrs

from municipal_core import _checks
from municipal_core.billing import (
    FeeBreakdown,
    Invoice,
    Payer,
    Payment,
    Receipt,
    issue_invoice,
    pay,
)
from municipal_core.errors import DomainRuleError, InvalidFormat, NotFound, ValidationError
from municipal_core.identifiers import get_module
from municipal_core.identifiers.references import SequenceSource
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing._violation_fines import amount_due
from municipal_core.licensing._violations import (
    CR_KINDS,
    Violation,
    ViolationStatus,
    normalise_number,
    violation_tuple,
)
from municipal_core.money import Money

__all__ = ["Settlement", "open_violations", "settle", "settlement_breakdown"]

_CODE = "licensing.violation"


def _cr_forms(cr: str) -> dict[str, str]:
    """Return the canonical form of ``cr`` under each CR kind that accepts it."""
    forms: dict[str, str] = {}
    for kind in CR_KINDS:
        try:
            forms[kind] = get_module(kind).validate(cr)
        except ValidationError:
            continue  # a Saudi number is no Omani one and vice versa; one must accept it
    if not forms:
        raise InvalidFormat(
            "The CR number is not a valid Omani or Saudi CR or unified number.",
            "رقم السجل التجاري ليس رقم سجل أو رقمًا موحدًا صحيحًا في عُمان أو السعودية.",
            code=f"{_CODE}.cr",
            field="cr",
        )
    return forms


def open_violations(
    violations: Iterable[Violation], *, cr: str | None = None, number: str | None = None
) -> tuple[Violation, ...]:
    """Return the ``OPEN`` violations recorded against ``cr`` and/or numbered ``number``.

    Both filters are optional and combine (a violation must match each one given). The CR
    is matched in canonical form, so ``"CR 1234567"`` finds ``1234567``; the number is
    matched trimmed, upper case, with ASCII digits.

    Raises:
        InvalidFormat: ``cr`` is no valid CR or unified number, or ``number`` is malformed.

    Examples:
        >>> import datetime as dt
        >>> from municipal_core.jurisdictions import OM_SOHAR
        >>> from municipal_core.licensing._violations import record_violation
        >>> book = [record_violation(n, jurisdiction=OM_SOHAR, category="waste.dumping",
        ...             recorded_on=dt.date(2026, 3, 1), cr=cr)
        ...         for n, cr in (("V-1", "1234567"), ("V-2", "1999999"))]
        >>> [v.number for v in open_violations(book, cr="cr: ١٢٣٤٥٦٧")]
        ['V-1']
        >>> [v.number for v in open_violations(book, number=" v-2")]
        ['V-2']
    """
    pool = violation_tuple(violations, "violations")
    forms = None if cr is None else _cr_forms(cr)
    wanted = None if number is None else normalise_number(number)
    if wanted is not None and not isinstance(wanted, str):
        raise _checks.invalid_type("number", _CODE)
    return tuple(
        v
        for v in pool
        if v.payable
        and (forms is None or (v.cr_kind is not None and forms.get(v.cr_kind) == v.cr))
        and (wanted is None or v.number == wanted)
    )


def _quote(
    violations: Iterable[Violation],
    jurisdiction: Jurisdiction,
    on: object,
    cr: str | None,
    number: str | None,
    history: Iterable[Violation],
) -> tuple[tuple[Violation, ...], FeeBreakdown]:
    pool = violation_tuple(violations, "violations")
    chosen = open_violations(pool, cr=cr, number=number)
    if not chosen:
        raise NotFound(
            "No open violation matches.",
            "لا توجد مخالفة مفتوحة مطابقة.",
            code=f"{_CODE}.none_open",
            field="number" if number is not None else "cr",
        )
    # The violations given are usually the party's whole record: earlier ones among them
    # count as earlier offences too.
    past = (*pool, *violation_tuple(history, "history"))
    parts = [amount_due(v, jurisdiction=jurisdiction, on=on, history=past) for v in chosen]  # type: ignore[arg-type]  # amount_due checks on
    lines = tuple(line for part in parts for line in part.lines)
    total = sum((part.total for part in parts), Money.zero(jurisdiction.currency))
    # Each part is rounded and its lines add up to it, so the joined lines add up to the
    # sum of the parts: FeeBreakdown's own checks hold without rounding again.
    return chosen, FeeBreakdown(jurisdiction.code, parts[0].on, lines, total, ROUND_HALF_UP)


def settlement_breakdown(
    violations: Iterable[Violation],
    *,
    jurisdiction: Jurisdiction,
    on: object,
    cr: str | None = None,
    number: str | None = None,
    history: Iterable[Violation] = (),
) -> FeeBreakdown:
    """Return one breakdown of what settling the matching open violations on ``on`` costs.

    Args:
        violations: the violations to choose from (usually one party's record).
        jurisdiction: the jurisdiction that recorded them.
        on: the day of payment (a date).
        cr: settle the open violations of this CR or unified number.
        number: settle the open violation with this number.
        history: further past violations, for repeat detection.

    Raises:
        NotFound: no open violation matches (``licensing.violation.none_open``).
        InvalidFormat: ``cr`` or ``number`` is malformed.
        DomainRuleError: a violation belongs to another jurisdiction.
    """
    return _quote(violations, jurisdiction, on, cr, number, history)[1]


def _settled_violations(values: Iterable[Violation]) -> tuple[Violation, ...]:
    return violation_tuple(values, "violations")


@attrs.frozen
class Settlement:
    """The result of :func:`settle`: the paid invoice, its receipt, the paid violations.

    Attributes:
        invoice: the invoice, paid in full.
        receipt: the receipt of the payment.
        violations: the violations it settled, now ``PAID`` and naming the invoice.
    """

    invoice: Invoice = attrs.field(validator=_checks.type_of(Invoice, _CODE))
    receipt: Receipt = attrs.field(validator=_checks.type_of(Receipt, _CODE))
    violations: tuple[Violation, ...] = attrs.field(converter=_settled_violations)

    def apply_to(self, violations: Iterable[Violation]) -> tuple[Violation, ...]:
        """Return ``violations`` with the settled ones replaced by their ``PAID`` versions.

        A violation is the same one when its jurisdiction and number match.
        """
        settled = {(v.jurisdiction, v.number): v for v in self.violations}
        return tuple(
            settled.get((v.jurisdiction, v.number), v)
            for v in violation_tuple(violations, "violations")
        )


def settle(
    violations: Iterable[Violation],
    *,
    jurisdiction: Jurisdiction,
    payer: Payer,
    payment: Payment,
    sequence: SequenceSource,
    cr: str | None = None,
    number: str | None = None,
    history: Iterable[Violation] = (),
) -> Settlement:
    """Settle the matching open violations with ``payment``, on one invoice.

    The day of payment is ``payment.paid_at`` in the jurisdiction's time zone; the invoice
    is issued and due that day and must be paid in full, so the payment's amount must equal
    :func:`settlement_breakdown`'s total (checked before an invoice number is taken).

    Args:
        violations: the violations to choose from.
        jurisdiction: the jurisdiction that recorded them.
        payer: who pays (usually the establishment).
        payment: the payment, for the whole amount due.
        sequence: where the invoice number comes from.
        cr: settle every open violation of this CR or unified number.
        number: settle the open violation with this number.
        history: further past violations, for repeat detection.

    Raises:
        NotFound: no open violation matches.
        DomainRuleError: the payment is not the amount due
            (``licensing.violation.payment_amount``).
    """
    if not isinstance(payment, Payment):
        raise _checks.invalid_type("payment", _CODE)
    if not isinstance(jurisdiction, Jurisdiction):
        raise _checks.invalid_type("jurisdiction", _CODE)
    on = jurisdiction.today_in(payment.paid_at)
    chosen, breakdown = _quote(violations, jurisdiction, on, cr, number, history)
    if payment.amount != breakdown.total:
        raise DomainRuleError(
            f"The payment must be the amount due, {breakdown.total}.",
            f"يجب أن تساوي الدفعة المبلغ المستحق، {breakdown.total}.",
            code=f"{_CODE}.payment_amount",
            field="payment",
        )
    invoice = issue_invoice(breakdown, payer=payer, issued_on=on, due_on=on, sequence=sequence)
    invoice, receipt = pay(invoice, payment, allow_partial=False)
    paid = tuple(
        attrs.evolve(v, status=ViolationStatus.PAID, invoice=invoice.reference) for v in chosen
    )
    return Settlement(invoice, receipt, paid)
