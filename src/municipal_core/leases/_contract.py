"""The lease contract: parties, property, rent, term, deposit, status, amendments.

A :class:`LeaseContract` is checked against its jurisdiction's profile when it is built,
so an impossible contract cannot exist: it ends before it starts, has no rent, mixes
currencies, lets a landlord rent from himself, names a party by another country's
identifier, or (in Oman) runs 7 years or more -- those go to the Ministry of Housing,
not the municipality (rule ``lease.max_term_years``; a profile without the rule has no
limit).

**Current terms.** ``end``, ``frequency`` and ``deposit`` always hold the terms in force;
an amendment (supplementary contract) changes them with :func:`attrs.evolve` and is
recorded in ``amendments``, which must agree with them. ``monthly_rent`` is the rent at
the start: the rent varies over time, so its changes are ``increments`` and the
amendments' new rents, merged by :attr:`LeaseContract.rent_changes` (an amendment's rent
is a ``SET`` increment from its effective date). :attr:`LeaseContract.total_rent` is the
contract total all fees and schedules use (see :mod:`municipal_core.leases._increments`).

Examples:
    >>> from datetime import date
    >>> from municipal_core.money import Money
    >>> landlord = Party("individual", "سالم", id_kind="om.civil_number", id_number="12345678")
    >>> tenant = Party("company", "شركة النور", cr_kind="om.commercial_registration",
    ...                cr="CR1234567")
    >>> lease = LeaseContract.create(
    ...     reference="29458/2023", jurisdiction="om-sohar", landlord=landlord,
    ...     tenant=tenant, property=LeasedProperty("commercial", "Shop 4"),
    ...     monthly_rent=Money("100", "OMR"), start=date(2026, 1, 1), months=12,
    ...     signed_on=date(2025, 12, 20))
    >>> lease.end, lease.months, lease.total_rent
    (datetime.date(2026, 12, 31), 12, Money('1200.000', 'OMR'))
    >>> LeaseContract.create(
    ...     reference="29459/2023", jurisdiction="om-sohar", landlord=landlord,
    ...     tenant=tenant, property=LeasedProperty("commercial", "Shop 4"),
    ...     monthly_rent=Money("100", "OMR"), start=date(2026, 1, 1), months=84,
    ...     signed_on=date(2025, 12, 20))
    Traceback (most recent call last):
        ...
    municipal_core.errors.DomainRuleError: A lease of 7 years or more is registered with ...
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from municipal_core import jurisdictions
from municipal_core._checks import date_order, type_of
from municipal_core._coerce import to_enum
from municipal_core.dates import Period
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    NotFound,
)
from municipal_core.identifiers._util import Label, clean_text
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.leases._increments import (
    IncrementKind,
    MonthRent,
    RentIncrement,
    monthly_rent_on,
    ordered,
    rent_by_month,
    total_rent,
)
from municipal_core.leases._parties import Party, PartyRole
from municipal_core.leases._property import LeasedProperty
from municipal_core.leases._terms import check_order, months_and_days, remaining_term, term_end
from municipal_core.money import Money

__all__ = [
    "MAX_TERM_RULE",
    "Amendment",
    "LeaseContract",
    "LeaseStatus",
    "PaymentFrequency",
    "Termination",
    "lease_rule",
    "overlap",
    "require_contract",
]

MAX_TERM_RULE = "lease.max_term_years"
"""Rule: a term of this many years or more is refused (Oman: 7, DOMAIN.md §4)."""

_CODE = "lease"
_MAX_TEXT = 200


class PaymentFrequency(str, enum.Enum):
    """How often rent falls due; :attr:`months` is the length of one period."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMI_ANNUAL = "semi_annual"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        """Months per payment period.

        Examples:
            >>> PaymentFrequency.SEMI_ANNUAL.months
            6
        """
        return _FREQUENCY_MONTHS[self]


_FREQUENCY_MONTHS = {
    PaymentFrequency.MONTHLY: 1,
    PaymentFrequency.QUARTERLY: 3,
    PaymentFrequency.SEMI_ANNUAL: 6,
    PaymentFrequency.ANNUAL: 12,
}


class LeaseStatus(str, enum.Enum):
    """Where a contract is in its lifecycle (the lifecycle workflow moves it)."""

    DRAFT = "draft"
    REGISTERED = "registered"
    ACTIVE = "active"
    EXPIRED = "expired"
    RENEWED = "renewed"
    CANCELLED = "cancelled"


def lease_rule(jurisdiction: Jurisdiction, name: str, on: date) -> int | None:
    """Return an integer lease rule in force on ``on``, or ``None`` if the profile has none.

    A rule the profile does not define is "not applicable" (the Saudi profile has no
    lease rules); any other lookup problem is raised.

    Examples:
        >>> lease_rule(jurisdictions.get("om-sohar"), MAX_TERM_RULE, date(2026, 1, 1))
        7
        >>> lease_rule(jurisdictions.get("sa-balady"), MAX_TERM_RULE, date(2026, 1, 1)) is None
        True
    """
    try:
        value = jurisdiction.rules.decimal(name, on)
    except NotFound as exc:
        if exc.code in ("jurisdiction.rule.unknown", "jurisdiction.rule.not_in_force"):
            return None
        raise
    return int(value)


# --------------------------------------------------------------------------- field checks


def _text(value: object, field: str, what_en: str, what_ar: str) -> str:
    label = Label(field, f"{_CODE}.{field}", what_en, what_ar)
    return clean_text(value, label=label, max_length=_MAX_TEXT)


def _reference(value: object) -> str:
    return _text(value, "reference", "reference", "الرقم المرجعي")


def _renews(value: object) -> str | None:
    if value is None:
        return None
    return _text(value, "renews", "renewed contract's reference", "رقم العقد المجدَّد")


def _note(value: object) -> str | None:
    return None if value is None else _text(value, "note", "note", "الملاحظة")


def _reason(value: object) -> str:
    return _text(value, "reason", "reason", "السبب")


def _money(field_code: str, *, positive: bool, optional: bool = False) -> Any:
    """Return a validator: Money (never a float) in whole minor units, > 0 or >= 0."""

    def check(_instance: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, Money):
            raise InvalidFormat(
                f"{attribute.name} must be Money (a Decimal amount and a currency), never a float.",
                f"يجب أن يكون {attribute.name} مبلغًا من نوع Money وليس عددًا عشريًا تقريبيًا.",
                code=f"{field_code}.type",
                field=attribute.name,
            )
        if value.is_negative() or (positive and value.is_zero()):
            raise DomainRuleError(
                f"{attribute.name} must be {'more than zero' if positive else 'zero or more'}.",
                f"يجب أن يكون {attribute.name} {'أكبر من صفر' if positive else 'صفرًا أو أكثر'}.",
                code=f"{field_code}.not_positive" if positive else f"{field_code}.negative",
                field=attribute.name,
            )
        # A rent of 100.0004 OMR cannot be paid; refusing it keeps every month whole baisa.
        if not value.is_rounded():
            minor = value.currency.minor_name_en
            raise DomainRuleError(
                f"{attribute.name} must be a whole number of {minor}.",
                f"يجب أن يكون {attribute.name} عددًا صحيحًا من {value.currency.minor_name_ar}.",
                code=f"{field_code}.precision",
                field=attribute.name,
            )

    return check


def _tuple_of(kind: type, code: str) -> Any:
    def check(_instance: object, attribute: Any, value: tuple[object, ...]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise InvalidFormat(
                    f"Every item of {attribute.name} must be a {kind.__name__}.",
                    f"يجب أن يكون كل عنصر في {attribute.name} من النوع {kind.__name__}.",
                    code=f"{code}.type",
                    field=attribute.name,
                )

    return check


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidFormat(
            "A list of items is required.",
            "يلزم إدخال قائمة من العناصر.",
            code=f"{_CODE}.type",
            field="items",
        )
    return tuple(value)


def _frequency(value: object) -> PaymentFrequency:
    return to_enum(PaymentFrequency, value, code=f"{_CODE}.frequency", field="frequency")


def _optional_frequency(value: object) -> PaymentFrequency | None:
    return None if value is None else _frequency(value)


def _status(value: object) -> LeaseStatus:
    return to_enum(LeaseStatus, value, code=f"{_CODE}.status", field="status")


def _role(value: object) -> PartyRole:
    return to_enum(PartyRole, value, code=f"{_CODE}.termination.by", field="by")


def _jurisdiction_code(value: object) -> str:
    # resolve() raises a typed NotFound for an unknown code; the profile is looked up again
    # (a dict hit) wherever it is needed, so a contract stays plain data.
    return jurisdictions.resolve(value).code  # type: ignore[arg-type]  # resolve() checks it


def _outside_term(what_en: str, what_ar: str, code: str, field: str) -> InvalidComponent:
    return InvalidComponent(
        f"The {what_en} must fall within the lease term.",
        f"يجب أن يقع {what_ar} ضمن مدة عقد الإيجار.",
        code=code,
        field=field,
    )


# --------------------------------------------------------------------------- records


@attrs.frozen
class Amendment:
    """A supplementary contract (عقد مكمل): the terms it changes, from ``effective_on``.

    Attributes:
        reference: the supplementary contract's own reference number.
        signed_on: the day it was signed.
        effective_on: the first day the changes apply.
        monthly_rent: the new monthly rent, if it changes (a ``SET`` rent change).
        end: the new last day of the term, if it changes.
        frequency: the new payment frequency, if it changes.
        deposit: the new deposit, if it changes.
        note: free text.

    Raises:
        InvalidComponent: nothing changes (``lease.amendment.empty``).
        DomainRuleError: a rent of 0 or less, a negative deposit.
        InvalidFormat: a value of the wrong type (``lease.amendment.type``...).

    Examples:
        >>> Amendment("A-1/2026", date(2026, 5, 20), date(2026, 6, 1),
        ...           monthly_rent=Money("120", "OMR")).monthly_rent
        Money('120.000', 'OMR')
        >>> Amendment("A-1/2026", date(2026, 5, 20), date(2026, 6, 1), note="nothing")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: An amendment must change at least one term.
    """

    reference: str = attrs.field(converter=_reference)
    signed_on: date = attrs.field(validator=type_of(date, f"{_CODE}.amendment"))
    effective_on: date = attrs.field(validator=type_of(date, f"{_CODE}.amendment"))
    monthly_rent: Money | None = attrs.field(
        default=None, validator=_money(f"{_CODE}.rent", positive=True, optional=True)
    )
    end: date | None = attrs.field(
        default=None, validator=type_of(date, f"{_CODE}.amendment", optional=True)
    )
    frequency: PaymentFrequency | None = attrs.field(default=None, converter=_optional_frequency)
    deposit: Money | None = attrs.field(
        default=None, validator=_money(f"{_CODE}.deposit", positive=False, optional=True)
    )
    note: str | None = attrs.field(default=None, converter=_note)

    def __attrs_post_init__(self) -> None:
        if (self.monthly_rent, self.end, self.frequency, self.deposit) == (None,) * 4:
            raise InvalidComponent(
                "An amendment must change at least one term.",
                "يجب أن يغيّر العقد المكمل شرطًا واحدًا على الأقل.",
                code=f"{_CODE}.amendment.empty",
                field="amendment",
            )

    @property
    def rent_change(self) -> RentIncrement | None:
        """The amendment's new rent as a ``SET`` rent change, or ``None``.

        Examples:
            >>> Amendment("A-1", date(2026, 5, 1), date(2026, 6, 1),
            ...           monthly_rent=Money("90", "OMR")).rent_change.kind
            <IncrementKind.SET: 'set'>
        """
        if self.monthly_rent is None:
            return None
        return RentIncrement(self.effective_on, IncrementKind.SET, amount=self.monthly_rent)


@attrs.frozen
class Termination:
    """An early end of the lease: who gave notice, when, why, and from when it applies.

    The notice rules of the profile are checked by the lifecycle's ``cancel``; here only
    that the notice does not come after the effective date.

    Raises:
        InvalidComponent: ``effective_on`` before ``notice_given_on``
            (``lease.termination.dates``), an unknown ``by``.
        InvalidFormat, InvalidLength: a bad date or reason.

    Examples:
        >>> Termination(date(2026, 3, 1), date(2026, 6, 1), "tenant", "Moving abroad").by
        <PartyRole.TENANT: 'tenant'>
    """

    notice_given_on: date = attrs.field(validator=type_of(date, f"{_CODE}.termination"))
    effective_on: date = attrs.field(
        validator=date_order(f"{_CODE}.termination", "notice_given_on")
    )
    by: PartyRole = attrs.field(converter=_role)
    reason: str = attrs.field(converter=_reason)


# --------------------------------------------------------------------------- the contract


@attrs.frozen
class LeaseContract:
    """A lease contract, valid for its jurisdiction by construction (see the module doc).

    Build one with :meth:`create` (a term in months or an end date) or directly.

    Attributes:
        reference: the agreement number (Muscat prints ``serial/year``, ``29458/2023``).
        jurisdiction: the profile's code (``"om-sohar"``) or the profile itself.
        landlord: the :class:`Party` letting the property.
        tenant: the :class:`Party` renting it.
        property: the :class:`LeasedProperty`.
        monthly_rent: the rent per month at the start, positive Money.
        frequency: how often rent is paid (:class:`PaymentFrequency`).
        start: the first day of the term.
        end: the last day of the term, included.
        deposit: the security deposit (zero allowed).
        signed_on: the signing date (the registration window and fee rate run from it).
        status: the lifecycle state, :attr:`LeaseStatus.DRAFT` by default.
        renews: the reference of the contract this one renews.
        amendments: the supplementary contracts, in signing order.
        increments: rent escalations (:class:`RentIncrement`).
        termination: the early termination, if any.

    Raises:
        InvalidComponent: ``end`` before ``start`` (``lease.term.order``); a party's
            identifier of another country (``lease.party.jurisdiction``); an increment,
            amendment or termination outside the term (``lease.increment.outside_term``,
            ``lease.amendment.outside_term``, ``lease.termination.outside_term``); an
            amendment disagreeing with the current terms (``lease.amendment.inconsistent``);
            a contract renewing itself (``lease.renews.self``).
        DomainRuleError: a rent of 0 or less (``lease.rent.not_positive``), a negative
            deposit (``lease.deposit.negative``), landlord and tenant the same party
            (``lease.parties.same``), a term of ``lease.max_term_years`` or more
            (``lease.term_too_long``).
        CurrencyMismatch: an amount not in the jurisdiction's currency (``lease.currency``).
        DuplicateError: two amendments with one reference (``lease.amendment.duplicate``).
        InvalidFormat: a value of the wrong type, e.g. a float rent (``lease.rent.type``).
        NotFound: an unknown jurisdiction (``jurisdiction.unknown``).
    """

    reference: str = attrs.field(converter=_reference)
    jurisdiction: str = attrs.field(converter=_jurisdiction_code)
    landlord: Party = attrs.field(validator=type_of(Party, f"{_CODE}.party"))
    tenant: Party = attrs.field(validator=type_of(Party, f"{_CODE}.party"))
    property: LeasedProperty = attrs.field(validator=type_of(LeasedProperty, f"{_CODE}.property"))
    monthly_rent: Money = attrs.field(validator=_money(f"{_CODE}.rent", positive=True))
    frequency: PaymentFrequency = attrs.field(converter=_frequency)
    start: date = attrs.field(validator=type_of(date, f"{_CODE}.term"))
    end: date = attrs.field(validator=type_of(date, f"{_CODE}.term"))
    deposit: Money = attrs.field(validator=_money(f"{_CODE}.deposit", positive=False))
    signed_on: date = attrs.field(validator=type_of(date, f"{_CODE}.signed_on"))
    status: LeaseStatus = attrs.field(default=LeaseStatus.DRAFT, converter=_status)
    renews: str | None = attrs.field(default=None, converter=_renews)
    amendments: tuple[Amendment, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(Amendment, f"{_CODE}.amendment")
    )
    increments: tuple[RentIncrement, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(RentIncrement, f"{_CODE}.increment")
    )
    termination: Termination | None = attrs.field(
        default=None, validator=type_of(Termination, f"{_CODE}.termination", optional=True)
    )

    def __attrs_post_init__(self) -> None:
        check_order(self.start, self.end)
        profile = self.profile
        self._check_currencies(profile)
        self._check_parties(profile)
        self._check_max_term(profile)
        self._check_dated_records()
        if self.renews is not None and self.renews == self.reference:
            raise InvalidComponent(
                "A contract cannot renew itself.",
                "لا يمكن أن يجدّد العقد نفسه.",
                code=f"{_CODE}.renews.self",
                field="renews",
            )

    # --- construction checks --------------------------------------------------------------

    def _check_currencies(self, profile: Jurisdiction) -> None:
        amounts: list[tuple[str, Money | None]] = [
            ("monthly_rent", self.monthly_rent),
            ("deposit", self.deposit),
            *(("increments", i.amount) for i in self.increments),
            *(("amendments", a.monthly_rent) for a in self.amendments),
            *(("amendments", a.deposit) for a in self.amendments),
        ]
        for field, amount in amounts:
            if amount is not None and amount.currency != profile.currency:
                raise CurrencyMismatch(
                    f"Amounts must be in {profile.currency.code}, the currency of "
                    f"{profile.name_en}.",
                    f"يجب أن تكون المبالغ بعملة {profile.currency.code}، عملة {profile.name_ar}.",
                    code=f"{_CODE}.currency",
                    field=field,
                )

    def _check_parties(self, profile: Jurisdiction) -> None:
        for field, party in (("landlord", self.landlord), ("tenant", self.tenant)):
            if any(kind not in profile.identifier_kinds for kind in party.identifier_kinds):
                raise InvalidComponent(
                    f"The {field}'s identifier is not one used in {profile.name_en}.",
                    f"معرّف الطرف ليس من المعرّفات المستخدمة في {profile.name_ar}.",
                    code=f"{_CODE}.party.jurisdiction",
                    field=field,
                )
        if self.landlord.same_as(self.tenant):
            raise DomainRuleError(
                "The landlord and the tenant cannot be the same party.",
                "لا يجوز أن يكون المؤجر والمستأجر الطرف نفسه.",
                code=f"{_CODE}.parties.same",
                field="tenant",
            )

    def _check_max_term(self, profile: Jurisdiction) -> None:
        years = lease_rule(profile, MAX_TERM_RULE, self.signed_on)
        if years is not None and months_and_days(self.start, self.end)[0] >= 12 * years:
            raise DomainRuleError(
                f"A lease of {years} years or more is registered with the Ministry of "
                "Housing, not the municipality.",
                f"عقود الإيجار لمدة {years} سنوات أو أكثر تُسجَّل لدى وزارة الإسكان وليس البلدية.",
                code=f"{_CODE}.term_too_long",
                field="end",
            )

    def _check_dated_records(self) -> None:
        term = self.period
        for increment in self.increments:
            if increment.effective_on not in term:
                raise _outside_term(
                    "increment's date",
                    "تاريخ الزيادة",
                    f"{_CODE}.increment.outside_term",
                    "increments",
                )
        seen: set[str] = set()
        for amendment in self.amendments:
            if amendment.effective_on not in term:
                raise _outside_term(
                    "amendment's effective date",
                    "تاريخ نفاذ العقد المكمل",
                    f"{_CODE}.amendment.outside_term",
                    "amendments",
                )
            if amendment.reference in seen:
                raise DuplicateError(
                    "Two amendments carry the same reference.",
                    "يحمل عقدان مكملان الرقم المرجعي نفسه.",
                    code=f"{_CODE}.amendment.duplicate",
                    field="amendments",
                )
            seen.add(amendment.reference)
        for field in ("end", "frequency", "deposit"):
            latest = [getattr(a, field) for a in self.amendments if getattr(a, field) is not None]
            if latest and latest[-1] != getattr(self, field):
                raise InvalidComponent(
                    f"The contract's {field} differs from its latest amendment's.",
                    f"قيمة {field} في العقد تختلف عن آخر عقد مكمل.",
                    code=f"{_CODE}.amendment.inconsistent",
                    field=field,
                )
        if self.termination is not None and self.termination.effective_on not in term:
            raise _outside_term(
                "termination's effective date",
                "تاريخ نفاذ الإنهاء",
                f"{_CODE}.termination.outside_term",
                "termination",
            )

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        *,
        reference: str,
        jurisdiction: str | Jurisdiction,
        landlord: Party,
        tenant: Party,
        property: LeasedProperty,
        monthly_rent: Money,
        start: date,
        signed_on: date,
        months: int | None = None,
        end: date | None = None,
        frequency: PaymentFrequency | str = PaymentFrequency.MONTHLY,
        deposit: Money | None = None,
        renews: str | None = None,
        increments: Iterable[RentIncrement] = (),
    ) -> LeaseContract:
        """Return a new DRAFT contract; give the term as ``months`` or as ``end``.

        ``deposit`` defaults to zero in the jurisdiction's currency.

        Raises:
            InvalidComponent: both or neither of ``months`` and ``end``
                (``lease.term.months_or_end``); as :func:`~municipal_core.leases._terms.
                term_end` for a bad ``months``; and everything the class raises.

        Examples:
            >>> tenant = Party("individual", "Huda", id_kind="om.civil_number",
            ...                id_number="87654321")
            >>> landlord = Party("individual", "Said", id_kind="om.civil_number",
            ...                  id_number="12345678")
            >>> LeaseContract.create(
            ...     reference="1/2026", jurisdiction="om-sohar", landlord=landlord,
            ...     tenant=tenant, property=LeasedProperty("residential", "Flat 3"),
            ...     monthly_rent=Money("250", "OMR"), start=date(2026, 2, 1),
            ...     end=date(2026, 7, 15), signed_on=date(2026, 1, 20)).term
            (5, 15)
        """
        if (months is None) == (end is None):
            raise InvalidComponent(
                "Give the term either as a number of months or as an end date.",
                "أدخل مدة العقد إما بعدد الأشهر أو بتاريخ الانتهاء.",
                code=f"{_CODE}.term.months_or_end",
                field="months",
            )
        last = term_end(start, months) if months is not None else end
        code = _jurisdiction_code(jurisdiction)
        if deposit is None:
            deposit = Money.zero(jurisdictions.get(code).currency)
        return cls(
            reference=reference,
            jurisdiction=code,
            landlord=landlord,
            tenant=tenant,
            property=property,
            monthly_rent=monthly_rent,
            frequency=frequency,
            start=start,
            end=last,  # type: ignore[arg-type]  # not None: exactly one of months and end
            deposit=deposit,
            signed_on=signed_on,
            renews=renews,
            increments=tuple(increments),
        )

    # The field ``property`` shadows the builtin in this class body, hence builtins.property.
    # --- derived terms --------------------------------------------------------------------

    @builtins.property
    def profile(self) -> Jurisdiction:
        """The jurisdiction's profile (looked up by code in the registry)."""
        return jurisdictions.get(self.jurisdiction)

    @builtins.property
    def period(self) -> Period:
        """The term as a :class:`~municipal_core.dates.Period` (both ends included)."""
        return Period(self.start, self.end)

    @builtins.property
    def term(self) -> tuple[int, int]:
        """The term's length as whole months and days left over (``(12, 0)``)."""
        return months_and_days(self.start, self.end)

    @builtins.property
    def months(self) -> int:
        """The whole months of the term (a partial last month is not counted)."""
        return self.term[0]

    @builtins.property
    def rent_changes(self) -> tuple[RentIncrement, ...]:
        """Every rent change, increments and amendments' new rents, in order of effect.

        Examples:
            >>> lease = _example()
            >>> later = attrs.evolve(lease, amendments=(Amendment(
            ...     "A-1", date(2026, 6, 20), date(2026, 7, 1), monthly_rent=Money("80", "OMR")),))
            >>> [c.kind.value for c in later.rent_changes], later.total_rent
            (['set'], Money('1080.000', 'OMR'))
        """
        if not self.amendments:
            return self.increments if len(self.increments) < 2 else ordered(self.increments)
        changes = [a.rent_change for a in self.amendments]
        return ordered((*self.increments, *(c for c in changes if c is not None)))

    @builtins.property
    def total_rent(self) -> Money:
        """The rent of the whole term, with changes and a prorated last month.

        The one contract total: the registration fee is a percentage of it and the rent
        schedule sums to it exactly (:func:`~municipal_core.leases._increments.total_rent`).
        """
        return total_rent(self.start, self.end, self.monthly_rent, self.rent_changes)

    def rent_by_month(self) -> tuple[MonthRent, ...]:
        """Return the rent of each month step of the term (they sum to :attr:`total_rent`).

        Examples:
            >>> [m.amount for m in _example().rent_by_month()][:2]
            [Money('100.000', 'OMR'), Money('100.000', 'OMR')]
        """
        return rent_by_month(self.start, self.end, self.monthly_rent, self.rent_changes)

    def monthly_rent_on(self, on: date) -> Money:
        """Return the monthly rent in force on ``on`` (the start rent before the start).

        Examples:
            >>> _example().monthly_rent_on(date(2026, 6, 1))
            Money('100.000', 'OMR')
        """
        return monthly_rent_on(self.monthly_rent, self.rent_changes, on)

    def remaining_term(self, on: date) -> tuple[int, int]:
        """Return the months and days of the term left on ``on`` (``on`` included).

        Examples:
            >>> _example().remaining_term(date(2026, 11, 1))
            (2, 0)
        """
        return remaining_term(self.start, self.end, on)

    def party(self, role: PartyRole | str) -> Party:
        """Return the landlord or the tenant.

        Examples:
            >>> _example().party("tenant").name_ar
            'شركة النور'
        """
        return self.landlord if _role(role) is PartyRole.LANDLORD else self.tenant


def overlap(lease_a: LeaseContract, lease_b: LeaseContract) -> Period | None:
    """Return the days two leases of the same unit share, or ``None``.

    Leases of different jurisdictions or units never overlap. A renewal starting the day
    after the old end shares no day.

    Raises:
        InvalidFormat: an argument is not a :class:`LeaseContract` (``lease.type``).

    Examples:
        >>> old = _example()
        >>> overlap(old, attrs.evolve(old, reference="2/2026", start=date(2026, 12, 1),
        ...                           end=date(2027, 11, 30)))
        Period(start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 31))
    """
    for value in (lease_a, lease_b):
        if not isinstance(value, LeaseContract):
            raise InvalidFormat(
                "Both values must be lease contracts.",
                "يجب أن تكون القيمتان عقدي إيجار.",
                code=f"{_CODE}.type",
                field="lease",
            )
    if lease_a.jurisdiction != lease_b.jurisdiction or not lease_a.property.same_unit(
        lease_b.property
    ):
        return None
    return lease_a.period.intersection(lease_b.period)


def require_contract(value: object, *, code: str) -> LeaseContract:
    """Return ``value`` if it is a :class:`LeaseContract`, else raise ``InvalidFormat``.

    Shared by the functions of this package that take a contract (``code`` is theirs).

    Examples:
        >>> require_contract("1/2026", code="lease.schedule.type")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The contract must be a LeaseContract.
    """
    if not isinstance(value, LeaseContract):
        raise InvalidFormat(
            "The contract must be a LeaseContract.",
            "يجب أن يكون العقد من نوع LeaseContract.",
            code=code,
            field="contract",
        )
    return value


def _example() -> LeaseContract:
    """A 12-month Sohar lease of a shop at 100 OMR, for the examples."""
    return LeaseContract.create(
        reference="1/2026",
        jurisdiction="om-sohar",
        landlord=Party("individual", "سالم", id_kind="om.civil_number", id_number="12345678"),
        tenant=Party("company", "شركة النور", cr_kind="om.commercial_registration", cr="CR1234567"),
        property=LeasedProperty("commercial", "Shop 4"),
        monthly_rent=Money("100", "OMR"),
        start=date(2026, 1, 1),
        months=12,
        signed_on=date(2025, 12, 20),
    )
