"""Violations: who breached what and when, their status, and recording them from input.

A :class:`Violation` is recorded against an establishment's commercial registration (the
Omani CR, or the Saudi CR or unified "700" number) and/or a licence number. Its CR is
kept in the identifier module's canonical form (digits only), so ``"CR 1234567"`` and
``"١٢٣٤٥٦٧"`` find the same records; :func:`record_violation` turns typed input into that
form, takes the base fine from the category and the grace period from the profile.

**Statuses** (kept small): ``OPEN`` (payable), ``OBJECTED`` (under objection: not
payable until the objection is decided), ``PAID`` (settled through billing; see
:func:`~municipal_core.licensing._violation_settlement.settle`) and ``CANCELLED``
(withdrawn or objection upheld). :func:`change_status` moves between them:

* ``OPEN`` -> ``OBJECTED`` or ``CANCELLED``;
* ``OBJECTED`` -> ``OPEN`` (objection rejected) or ``CANCELLED`` (objection upheld);
* ``PAID`` only through settling, and ``PAID`` and ``CANCELLED`` are final.

Examples:
    >>> import datetime as dt
    >>> from municipal_core.jurisdictions import OM_SOHAR
    >>> v = record_violation("V-1", jurisdiction=OM_SOHAR, category="waste.dumping",
    ...                      recorded_on=dt.date(2026, 3, 1), cr="CR ١٢٣٤٥٦٧")
    >>> v.cr, v.base_amount, v.grace_days
    ('1234567', Money('100.000', 'OMR'), 0)
    >>> v
    Violation(number='V-1', jurisdiction='om-sohar', category='waste.dumping', ...,
              cr='****567', ...)
    >>> change_status(v, ViolationStatus.OBJECTED).status.value
    'objected'
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core._coerce import to_enum
from municipal_core._text import DIGITS_TO_ASCII, mask_tail
from municipal_core.errors import (
    CurrencyMismatch,
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
)
from municipal_core.identifiers import get_module
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.licensing._violation_categories import (
    ViolationCategory,
    check_category_code,
    violation_category,
)
from municipal_core.money import Money

__all__ = [
    "CR_KINDS",
    "EstablishmentSize",
    "Violation",
    "ViolationStatus",
    "change_status",
    "normalise_number",
    "profile_decimal",
    "record_violation",
    "violation_tuple",
]

_CODE = "licensing.violation"
_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9/-]{0,39}")
_MAX_GRACE_DAYS = 3660

CR_KINDS = ("om.commercial_registration", "sa.commercial_registration")
"""Identifier kinds a violation's CR may be of (the Saudi one accepts unified numbers)."""


class EstablishmentSize(str, enum.Enum):
    """Size band of an establishment, which scales a Saudi fine (DOMAIN.md §6)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class ViolationStatus(str, enum.Enum):
    """Where a violation stands; see the module docstring for the allowed changes."""

    OPEN = "open"
    """Recorded and payable."""
    OBJECTED = "objected"
    """The establishment has objected; not payable until the objection is decided."""
    PAID = "paid"
    """Settled through an invoice."""
    CANCELLED = "cancelled"
    """Withdrawn, or the objection was upheld; never charged."""


def normalise_number(value: object) -> object:
    """Return a violation or licence number as stored: trimmed, ASCII digits, upper case.

    Anything but text is returned unchanged, for the validator to refuse.

    Examples:
        >>> normalise_number(" v-١٢ ")
        'V-12'
    """
    if isinstance(value, str):
        return value.translate(DIGITS_TO_ASCII).strip().upper()
    return value


def _optional_number(value: object) -> object:
    return None if value is None else normalise_number(value)


def _check_number(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is None and attribute.name != "number":
        return
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise InvalidFormat(
            f"{attribute.name} must be 1 to 40 letters, digits, '-' or '/'.",
            f"يجب أن يتكون {attribute.name} من 1 إلى 40 حرفًا أو رقمًا أو '-' أو '/'.",
            code=f"{_CODE}.{attribute.name}",
            field=attribute.name,
        )


def _to_size(value: object) -> EstablishmentSize | None:
    if value is None:
        return None
    return to_enum(EstablishmentSize, value, code=f"{_CODE}.size", field="establishment_size")


def _to_status(value: object) -> ViolationStatus:
    return to_enum(ViolationStatus, value, code=f"{_CODE}.status", field="status")


def _masked(value: str | None) -> str:
    return repr(value if value is None else mask_tail(value))


@attrs.frozen
class Violation:
    """A recorded violation: number, party, category, base fine, dates and status.

    Attributes:
        number: the violation number (letters, digits, ``-``, ``/``; stored upper case
            with ASCII digits).
        jurisdiction: code of the jurisdiction that recorded it.
        category: the category code (see :class:`ViolationCategory`).
        base_amount: the category's base fine as recorded (positive).
        recorded_on: the day it was recorded.
        cr_kind: identifier kind of ``cr`` (one of :data:`CR_KINDS`), with ``cr``.
        cr: the CR or unified number in canonical form (digits only); masked in ``repr``.
        licence_number: the licence it is recorded against, if any; at least one of
            ``cr`` and ``licence_number`` is given.
        establishment_size: size band, when known (scales the fine where a rule says so).
        grace_days: days after ``recorded_on`` before the daily penalty starts.
        status: where it stands.
        repeat_of: number of an earlier violation this one repeats, when the inspector
            recorded it so (doubles the fine where a repeat rule exists).
        invoice: reference of the invoice that settled it (only on a ``PAID`` one).

    Examples:
        >>> import datetime as dt
        >>> Violation("V-1", "om-sohar", "waste.dumping", Money(100, "OMR"),
        ...           dt.date(2026, 3, 1), cr_kind="om.commercial_registration",
        ...           cr="CR1234567")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: Give the CR in its canonical form (digits only); ...
    """

    number: str = attrs.field(converter=normalise_number, validator=_check_number)
    jurisdiction: str = attrs.field(validator=_checks.text(_CODE))
    category: str = attrs.field(validator=check_category_code)
    base_amount: Money = attrs.field(validator=_checks.money(_CODE, positive=True))
    recorded_on: dt.date = attrs.field(validator=_checks.type_of(dt.date, f"{_CODE}.date"))
    cr_kind: str | None = attrs.field(default=None)
    cr: str | None = attrs.field(default=None, repr=_masked)
    licence_number: str | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    establishment_size: EstablishmentSize | None = attrs.field(default=None, converter=_to_size)
    grace_days: int = attrs.field(default=0, validator=_checks.type_of(int, f"{_CODE}.grace_days"))
    status: ViolationStatus = attrs.field(default=ViolationStatus.OPEN, converter=_to_status)
    repeat_of: str | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    invoice: str | None = attrs.field(
        default=None, validator=_checks.type_of(str, f"{_CODE}.invoice", optional=True)
    )

    def __attrs_post_init__(self) -> None:
        self._check_party()
        if not 0 <= self.grace_days <= _MAX_GRACE_DAYS:
            raise InvalidComponent(
                f"Grace days must be 0 to {_MAX_GRACE_DAYS}.",
                f"يجب أن تكون أيام المهلة من 0 إلى {_MAX_GRACE_DAYS}.",
                code=f"{_CODE}.grace_days",
                field="grace_days",
            )
        if self.repeat_of == self.number:
            raise InvalidComponent(
                "A violation cannot repeat itself.",
                "لا يجوز أن تكون المخالفة تكرارًا لنفسها.",
                code=f"{_CODE}.repeat_of",
                field="repeat_of",
            )
        if self.invoice is not None and self.status is not ViolationStatus.PAID:
            raise InvalidComponent(
                "Only a paid violation names the invoice that settled it.",
                "لا تذكر فاتورة السداد إلا للمخالفة المسددة.",
                code=f"{_CODE}.invoice",
                field="invoice",
            )

    def _check_party(self) -> None:
        if self.cr is None and self.licence_number is None:
            raise InvalidFormat(
                "Record a violation against a CR number, a licence number or both.",
                "سجّل المخالفة على رقم سجل تجاري أو رقم ترخيص أو كليهما.",
                code=f"{_CODE}.party",
                field="cr",
            )
        if (self.cr is None) != (self.cr_kind is None) or (
            self.cr_kind is not None and self.cr_kind not in CR_KINDS
        ):
            raise InvalidComponent(
                f"Give cr and cr_kind together; cr_kind is one of: {', '.join(CR_KINDS)}.",
                f"أدخل cr وcr_kind معًا؛ ويكون cr_kind أحد: {', '.join(CR_KINDS)}.",
                code=f"{_CODE}.cr_kind",
                field="cr_kind",
            )
        if self.cr is not None and self.cr_kind is not None:
            if not isinstance(self.cr, str):
                raise _checks.invalid_type("cr", _CODE)
            if get_module(self.cr_kind).validate(self.cr) != self.cr:
                raise InvalidFormat(
                    "Give the CR in its canonical form (digits only); "
                    "record_violation() converts typed input.",
                    "أدخل رقم السجل التجاري بصيغته القياسية (أرقام فقط)؛ "
                    "تحوّل record_violation() المدخلات المكتوبة.",
                    code=f"{_CODE}.cr_form",
                    field="cr",
                )

    @property
    def payable(self) -> bool:
        """Whether the violation can be settled now (it is ``OPEN``)."""
        return self.status is ViolationStatus.OPEN


def violation_tuple(values: Iterable[Violation], field: str) -> tuple[Violation, ...]:
    """Return ``values`` as a tuple of violations, else ``InvalidFormat`` naming ``field``.

    Examples:
        >>> violation_tuple([], "history")
        ()
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise _checks.invalid_type(field, _CODE)
    result = tuple(values)
    if not all(isinstance(v, Violation) for v in result):
        raise _checks.invalid_type(field, _CODE)
    return result


def profile_decimal(jurisdiction: Jurisdiction, name: str, on: dt.date) -> Decimal | None:
    """Return the profile rule ``name`` in force on ``on`` as a Decimal, or ``None``.

    A rule absent from the profile (or not in force that day) means the rule does not
    apply there: no daily penalty in Saudi Arabia, no size scaling in Oman.

    Examples:
        >>> from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
        >>> day = dt.date(2026, 1, 1)
        >>> profile_decimal(SA_BALADY, "violation.grace_days", day)
        Decimal('30')
        >>> profile_decimal(OM_SOHAR, "violation.grace_days", day) is None
        True
    """
    if any(rule.applies_on(on) for rule in jurisdiction.rules.history(name)):
        return jurisdiction.rules.decimal(name, on)
    return None


def record_violation(
    number: str,
    *,
    jurisdiction: Jurisdiction,
    category: ViolationCategory | str,
    recorded_on: dt.date,
    cr: str | None = None,
    licence_number: str | None = None,
    establishment_size: EstablishmentSize | str | None = None,
    grace_days: int | None = None,
    base_amount: Money | None = None,
    repeat_of: str | None = None,
) -> Violation:
    """Return a new ``OPEN`` violation from input as people type it.

    The CR is validated and made canonical with the jurisdiction's
    ``<country>.commercial_registration`` module (so a Saudi unified number is accepted);
    the base fine defaults to the category's; ``grace_days`` defaults to the profile's
    ``violation.grace_days`` on ``recorded_on``, or 0 where the profile has none.

    Args:
        number: the violation number.
        jurisdiction: the recording jurisdiction.
        category: a category, or the code of one shipped for the jurisdiction.
        recorded_on: the day it was recorded.
        cr: CR or unified number as typed (``"CR 1234567"``, Arabic-Indic digits).
        licence_number: the licence number, if any.
        establishment_size: size band, when known.
        grace_days: overrides the profile's grace period.
        base_amount: overrides the category's base fine.
        repeat_of: number of the earlier violation this repeats, if recorded so.

    Raises:
        NotFound: unknown category code, or no CR module in the jurisdiction.
        CurrencyMismatch: the base fine is not in the jurisdiction's currency.
        ValidationError: a malformed number, CR, date or size.

    Examples:
        >>> from municipal_core.jurisdictions import SA_BALADY
        >>> v = record_violation("S-9", jurisdiction=SA_BALADY, category="hygiene.poor",
        ...     recorded_on=dt.date(2026, 3, 1), cr="7001234567", establishment_size="small")
        >>> v.cr_kind, v.grace_days, v.establishment_size.value
        ('sa.commercial_registration', 30, 'small')
    """
    if not isinstance(jurisdiction, Jurisdiction):
        raise _checks.invalid_type("jurisdiction", _CODE)
    if not isinstance(category, ViolationCategory):
        category = violation_category(jurisdiction, category)
    amount = category.base_amount if base_amount is None else base_amount
    if isinstance(amount, Money) and amount.currency != jurisdiction.currency:
        raise CurrencyMismatch(
            "The base fine is not in the jurisdiction's currency.",
            "مبلغ الغرامة الأساسي ليس بعملة الجهة.",
            code=f"{_CODE}.currency",
            field="base_amount",
        )
    cr_kind = None
    if cr is not None:
        cr_kind = f"{jurisdiction.country.lower()}.commercial_registration"
        cr = jurisdiction.identifier(cr_kind).validate(cr)
    violation = Violation(
        number=number,
        jurisdiction=jurisdiction.code,
        category=category.code,
        base_amount=amount,
        recorded_on=recorded_on,
        cr_kind=cr_kind,
        cr=cr,
        licence_number=licence_number,
        establishment_size=establishment_size,
        grace_days=0 if grace_days is None else grace_days,
        repeat_of=repeat_of,
    )
    if grace_days is None:  # recorded_on is a valid date now, so the look-up is safe
        profile = profile_decimal(jurisdiction, "violation.grace_days", violation.recorded_on)
        if profile:
            violation = attrs.evolve(violation, grace_days=int(profile))
    return violation


_CHANGES = {
    ViolationStatus.OPEN: (ViolationStatus.OBJECTED, ViolationStatus.CANCELLED),
    ViolationStatus.OBJECTED: (ViolationStatus.OPEN, ViolationStatus.CANCELLED),
}


def change_status(violation: Violation, to: ViolationStatus | str) -> Violation:
    """Return ``violation`` with status ``to``, if that change is allowed.

    ``PAID`` is reached only by settling through billing.

    Raises:
        IllegalTransition: the change is not allowed
            (code ``licensing.violation.illegal_status``).

    Examples:
        >>> import datetime as dt
        >>> v = Violation("V-2", "om-sohar", "waste.dumping", Money(100, "OMR"),
        ...               dt.date(2026, 3, 1), licence_number="L-7")
        >>> change_status(v, "paid")
        Traceback (most recent call last):
            ...
        municipal_core.errors.IllegalTransition: A violation cannot go from open to paid.
    """
    if not isinstance(violation, Violation):
        raise _checks.invalid_type("violation", _CODE)
    target = _to_status(to)
    if target not in _CHANGES.get(violation.status, ()):
        raise IllegalTransition(
            f"A violation cannot go from {violation.status.value} to {target.value}.",
            "لا يمكن نقل المخالفة إلى هذه الحالة من حالتها الحالية.",
            code=f"{_CODE}.illegal_status",
            field="status",
        )
    return attrs.evolve(violation, status=target)
