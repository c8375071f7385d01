"""Lease contracts as printed: a new contract, a renewal and a supplementary contract.

Sohar's portal prints all three (DOMAIN.md §1); Muscat's printed e-contract shows the
agreement number, the parties' civil and CR numbers and the property's flat/shop,
building, block and plot numbers (§4). Each builder takes a
:class:`~municipal_core.leases.LeaseContract`:

* :func:`lease_contract` -- parties, property, terms (rent, term, deposit, total and the
  total in words), the rent schedule, the standard clauses and signature boxes;
* :func:`renewal_contract` -- the same for a contract that renews another (``renews``);
* :func:`supplementary_contract` -- one :class:`~municipal_core.leases.Amendment` (the
  latest unless named): what it changes and from when.

Examples:
    >>> from municipal_core.leases._contract import _example
    >>> doc = lease_contract(_example())
    >>> doc.title.en, doc.reference, doc.issued_on
    ('Lease contract', '1/2026', datetime.date(2025, 12, 20))
    >>> renewal_contract(_example())
    Traceback (most recent call last):
        ...
    municipal_core.errors.DomainRuleError: This contract does not renew another; print it as ...
"""

from __future__ import annotations

from municipal_core.documents._blocks import (
    Align,
    Bilingual,
    Block,
    Column,
    Document,
    Field,
    Paragraph,
    Signatures,
    Table,
)
from municipal_core.documents._printable_parts import (
    CODE,
    TOTAL,
    PrintOptions,
    address_field,
    area_field,
    assemble,
    date_field,
    fields_section,
    id_field,
    money_field,
    require,
    text_field,
    words_field,
)
from municipal_core.errors import DomainRuleError, NotFound
from municipal_core.leases import (
    Amendment,
    LeaseContract,
    LeasedProperty,
    Party,
    PaymentFrequency,
    PropertyUsage,
    rent_schedule,
)
from municipal_core.licensing import Printable

__all__ = ["STANDARD_CLAUSES", "lease_contract", "renewal_contract", "supplementary_contract"]

_DEFAULT_OPTIONS = PrintOptions()

STANDARD_CLAUSES: tuple[Bilingual, ...] = (
    Bilingual(
        "يلتزم المستأجر بسداد الأجرة في مواعيد استحقاقها المبينة في جدول الأقساط.",
        "The tenant pays the rent on the due dates in the schedule of instalments.",
    ),
    Bilingual(
        "يلتزم المستأجر باستعمال العقار للغرض المبين في هذا العقد وبالمحافظة عليه.",
        "The tenant uses the property for the purpose stated in this contract and keeps "
        "it in good repair.",
    ),
    Bilingual(
        "يتجدد العقد تلقائيًا لمدة مماثلة ما لم يُخطر أحد الطرفين الآخر برغبته في عدم "
        "التجديد قبل انتهاء المدة وفق الأنظمة المعمول بها.",
        "The contract renews for the same term unless either party gives notice of "
        "non-renewal before it ends, as the regulations in force require.",
    ),
    Bilingual(
        "يُرد مبلغ التأمين إلى المستأجر عند انتهاء العقد بعد خصم ما قد يستحق عليه.",
        "The deposit is returned to the tenant at the end of the contract, less any sums "
        "due from the tenant.",
    ),
)
"""The clauses printed on every new and renewal contract (a host app passes its own)."""

_USAGE = {
    PropertyUsage.RESIDENTIAL: Bilingual("سكني", "Residential"),
    PropertyUsage.COMMERCIAL: Bilingual("تجاري", "Commercial"),
    PropertyUsage.INDUSTRIAL: Bilingual("صناعي", "Industrial"),
    PropertyUsage.OTHER: Bilingual("أخرى", "Other"),
}

_FREQUENCY = {
    PaymentFrequency.MONTHLY: Bilingual("شهري", "Monthly"),
    PaymentFrequency.QUARTERLY: Bilingual("ربع سنوي", "Quarterly"),
    PaymentFrequency.SEMI_ANNUAL: Bilingual("نصف سنوي", "Semi-annual"),
    PaymentFrequency.ANNUAL: Bilingual("سنوي", "Annual"),
}

_ID_LABELS = {
    "om.civil_number": Bilingual("الرقم المدني", "Civil number"),
    "sa.national_id": Bilingual("رقم الهوية الوطنية / الإقامة", "National ID / iqama"),
}
_CR_LABEL = Bilingual("رقم السجل التجاري", "Commercial registration")

_LANDLORD = Bilingual("المؤجر", "Landlord")
_TENANT = Bilingual("المستأجر", "Tenant")
_MUNICIPALITY = Bilingual("البلدية", "Municipality")


def _party_rows(role: Bilingual, party: Party, options: PrintOptions) -> list[Field | None]:
    # A company is named by its CR below; its kind needs no row of its own.
    name_label = Bilingual(f"اسم {role.ar}", f"{role.en}'s name")
    rows: list[Field | None] = [
        text_field(name_label, party.name_en or party.name_ar, party.name_ar),
    ]
    if party.id_number is not None and party.id_kind is not None:
        rows.append(id_field(_ID_LABELS[party.id_kind], party.id_number, options, party.id_kind))
    if party.cr is not None and party.cr_kind is not None:
        rows.append(id_field(_CR_LABEL, party.cr, options, party.cr_kind))
    return rows


def _parties(lease: LeaseContract, options: PrintOptions) -> tuple[Block, ...]:
    return fields_section(
        Bilingual("أطراف العقد", "Parties"),
        [
            *_party_rows(_LANDLORD, lease.landlord, options),
            *_party_rows(_TENANT, lease.tenant, options),
        ],
    )


_LOCATION_PARTS = (
    ("building_number", Bilingual("المبنى", "building")),
    ("block", Bilingual("المجمع", "block")),
    ("plot", Bilingual("القطعة", "plot")),
    ("way", Bilingual("السكة", "way")),
)


def _location(place: LeasedProperty) -> Field | None:
    """The legacy building / block / plot / way numbers Muscat contracts print, one row."""
    parts = [(label, getattr(place, name)) for name, label in _LOCATION_PARTS]
    given = [(label, value) for label, value in parts if value is not None]
    if not given:
        return None
    return text_field(
        Bilingual("أرقام الموقع", "Location numbers"),
        ", ".join(f"{label.en} {value}" for label, value in given),
        "، ".join(f"{label.ar} {value}" for label, value in given),
    )


def _property(place: LeasedProperty) -> tuple[Block, ...]:
    usage = _USAGE[place.usage]
    address = place.address
    return fields_section(
        Bilingual("العقار المؤجر", "Leased property"),
        [
            text_field(Bilingual("الاستعمال", "Usage"), usage.en, usage.ar),
            text_field(Bilingual("الوحدة", "Unit"), place.unit),
            None
            if place.area_m2 is None
            else area_field(Bilingual("المساحة", "Area"), place.area_m2),
            None if address is None else address_field(address),
            _location(place),
        ],
    )


def _terms(lease: LeaseContract, options: PrintOptions) -> tuple[Block, ...]:
    months, days = lease.term
    frequency = _FREQUENCY[lease.frequency]
    return fields_section(
        Bilingual("شروط العقد", "Terms"),
        [
            date_field(Bilingual("تاريخ البداية", "Start"), lease.start, options),
            date_field(Bilingual("تاريخ النهاية", "End"), lease.end, options),
            # Units in the label: an Arabic counted noun changes form with its number.
            text_field(
                Bilingual("المدة (أشهر / أيام)", "Term (months / days)"), f"{months} / {days}"
            ),
            money_field(Bilingual("الإيجار الشهري", "Monthly rent"), lease.monthly_rent, options),
            text_field(Bilingual("دورية السداد", "Payment"), frequency.en, frequency.ar),
            money_field(Bilingual("التأمين", "Deposit"), lease.deposit, options),
            money_field(Bilingual("إجمالي الإيجار", "Total rent"), lease.total_rent, options),
            words_field(lease.total_rent),
        ],
    )


def _schedule(lease: LeaseContract) -> Table:
    rows = tuple(
        (
            str(item.number),
            item.due_on.isoformat(),
            f"{item.period_start.isoformat()} – {item.period_end.isoformat()}",
            item.amount.format("en", symbol=False),
        )
        for item in rent_schedule(lease)
    )
    return Table(
        columns=(
            Column(Bilingual("القسط", "No."), weight=1, align=Align.CENTER),
            Column(Bilingual("تاريخ الاستحقاق", "Due on"), weight=3),
            Column(Bilingual("الفترة", "Period"), weight=5),
            Column(
                Bilingual(
                    f"المبلغ ({lease.total_rent.currency.symbol_ar})",
                    f"Amount ({lease.total_rent.currency.code})",
                ),
                3,
                Align.END,
            ),
        ),
        rows=rows,
        total=("", TOTAL.ar, TOTAL.en, lease.total_rent.format("en", symbol=False)),
    )


def _contract(
    lease: LeaseContract,
    kind: Printable,
    title: Bilingual,
    extra: tuple[Block, ...],
    options: PrintOptions,
) -> Document:
    blocks: tuple[Block, ...] = (
        *extra,
        *_parties(lease, options),
        *_property(lease.property),
        *_terms(lease, options),
        _schedule(lease),
        *(Paragraph(clause) for clause in STANDARD_CLAUSES),
        Signatures((_LANDLORD, _TENANT, _MUNICIPALITY)),
    )
    return assemble(
        kind, title, lease.reference, lease.signed_on, lease.jurisdiction, blocks, options
    )


def lease_contract(lease: LeaseContract, *, options: PrintOptions = _DEFAULT_OPTIONS) -> Document:
    """Return the printable new lease contract (عقد إيجار).

    Raises:
        InvalidFormat: ``lease`` is not a LeaseContract (``documents.printable.type``).

    Examples:
        >>> from municipal_core.leases._contract import _example
        >>> doc = lease_contract(_example(), options=PrintOptions(mask_ids=False))
        >>> [row.value for row in doc.blocks[1].rows if row.label.en == "Civil number"]
        ['12345678']
    """
    require(lease, LeaseContract, "lease")
    title = Bilingual("عقد إيجار", "Lease contract")
    return _contract(lease, Printable.LEASE_CONTRACT, title, (), options)


def renewal_contract(lease: LeaseContract, *, options: PrintOptions = _DEFAULT_OPTIONS) -> Document:
    """Return the printable renewal contract (عقد تجديد إيجار), naming the renewed one.

    Raises:
        InvalidFormat: ``lease`` is not a LeaseContract.
        DomainRuleError: the contract renews none (``documents.printable.not_renewal``).

    Examples:
        >>> import attrs
        >>> from municipal_core.leases._contract import _example
        >>> doc = renewal_contract(attrs.evolve(_example(), reference="2/2027",
        ...                                     renews="1/2026"))
        >>> doc.title.en, doc.blocks[1].rows[0].value
        ('Lease renewal contract', '1/2026')
    """
    require(lease, LeaseContract, "lease")
    if lease.renews is None:
        raise DomainRuleError(
            "This contract does not renew another; print it as a new contract.",
            "هذا العقد لا يجدّد عقدًا آخر؛ اطبعه عقدًا جديدًا.",
            code=f"{CODE}.not_renewal",
            field="lease",
        )
    renewed = fields_section(
        Bilingual("التجديد", "Renewal"),
        [text_field(Bilingual("رقم العقد المجدَّد", "Renews contract no."), lease.renews)],
    )
    title = Bilingual("عقد تجديد إيجار", "Lease renewal contract")
    return _contract(lease, Printable.RENEWAL_CONTRACT, title, renewed, options)


def _amendment(lease: LeaseContract, reference: str | None) -> Amendment:
    for amendment in reversed(lease.amendments):
        if reference is None or amendment.reference == reference:
            return amendment
    raise NotFound(
        "The contract has no such supplementary contract.",
        "لا يوجد للعقد عقد مكمل بهذا الرقم.",
        code=f"{CODE}.amendment",
        field="amendment",
    )


def _changes(change: Amendment, options: PrintOptions) -> list[Field | None]:
    return [
        None
        if change.monthly_rent is None
        else money_field(
            Bilingual("الإيجار الشهري الجديد", "New monthly rent"), change.monthly_rent, options
        ),
        None
        if change.end is None
        else date_field(Bilingual("تاريخ النهاية الجديد", "New end"), change.end, options),
        None
        if change.frequency is None
        else text_field(
            Bilingual("دورية السداد الجديدة", "New payment frequency"),
            _FREQUENCY[change.frequency].en,
            _FREQUENCY[change.frequency].ar,
        ),
        None
        if change.deposit is None
        else money_field(Bilingual("التأمين الجديد", "New deposit"), change.deposit, options),
        # Free text in whatever language it was written in: printed once, as given.
        None if change.note is None else text_field(Bilingual("ملاحظة", "Note"), change.note),
    ]


def supplementary_contract(
    lease: LeaseContract,
    *,
    amendment: str | None = None,
    options: PrintOptions = _DEFAULT_OPTIONS,
) -> Document:
    """Return the printable supplementary contract (عقد مكمل) of one amendment.

    ``amendment`` names the amendment by reference; by default the latest one.

    Raises:
        InvalidFormat: ``lease`` is not a LeaseContract.
        NotFound: no amendment (with that reference) (``documents.printable.amendment``).

    Examples:
        >>> import attrs
        >>> from datetime import date
        >>> from municipal_core.leases._contract import _example
        >>> from municipal_core.money import Money
        >>> lease = attrs.evolve(_example(), amendments=(Amendment(
        ...     "A-1/2026", date(2026, 5, 20), date(2026, 6, 1),
        ...     monthly_rent=Money("120", "OMR")),))
        >>> doc = supplementary_contract(lease)
        >>> doc.reference, doc.issued_on
        ('A-1/2026', datetime.date(2026, 5, 20))
    """
    require(lease, LeaseContract, "lease")
    change = _amendment(lease, amendment)
    blocks: tuple[Block, ...] = (
        *fields_section(
            Bilingual("العقد الأصلي", "Original contract"),
            [
                text_field(Bilingual("رقم العقد", "Contract no."), lease.reference),
                date_field(
                    Bilingual("تاريخ النفاذ", "Effective from"), change.effective_on, options
                ),
            ],
        ),
        *_parties(lease, options),
        *fields_section(Bilingual("الشروط المعدلة", "Amended terms"), _changes(change, options)),
        Paragraph(
            Bilingual(
                "تبقى سائر شروط العقد الأصلي دون تغيير.",
                "All other terms of the original contract remain unchanged.",
            )
        ),
        Signatures((_LANDLORD, _TENANT, _MUNICIPALITY)),
    )
    return assemble(
        Printable.SUPPLEMENTARY_CONTRACT,
        Bilingual("عقد مكمل", "Supplementary contract"),
        change.reference,
        change.signed_on,
        lease.jurisdiction,
        blocks,
        options,
    )
