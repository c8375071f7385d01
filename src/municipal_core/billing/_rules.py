"""Fee rules as data: flat, rate x quantity, percentage of a base, slabs; clamps; dates.

One :class:`FeeRule` class with a :class:`FeeKind`, rather than a class per kind, so a
schedule is a plain tuple that the library's one cattrs converter round-trips without a
union hook, and so the hot path dispatches on an enum instead of on types.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.money import Money
    >>> area = FeeRule(
    ...     code="permit.major.area", version=1, kind=FeeKind.RATE,
    ...     name_en="Area above 400 m²", name_ar="المساحة الزائدة عن 400 م²",
    ...     rate=Decimal("0.020"), unit="m²", free_quantity=Decimal(400),
    ...     source="gov.om, Al Dhahirah major building permit")
    >>> area.charge(Decimal(650))
    Decimal('5.000')
    >>> FeeRule(code="x", version=1, kind=FeeKind.FLAT, name_en="X", name_ar="س",
    ...         rate=Decimal(1), source="test")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A flat fee needs amount and no rate or bands.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from municipal_core import _checks
from municipal_core.errors import CurrencyMismatch, DomainRuleError, InvalidComponent, InvalidFormat
from municipal_core.jurisdictions import Confidence, VatTreatment
from municipal_core.money import Money

__all__ = ["WILDCARD", "FeeKind", "FeeRule", "SlabBand", "TaxHead", "clamp", "to_criteria"]

_CODE = "billing.rule"

WILDCARD = "*"
"""A criterion value that matches anything: a rule for "all usages" says ``usage="*"``."""


class FeeKind(str, enum.Enum):
    """How a rule turns its inputs into an amount."""

    FLAT = "flat"
    """A fixed ``amount``."""
    RATE = "rate"
    """``rate`` x (quantity - ``free_quantity``), e.g. per m², per km, per year."""
    PERCENTAGE = "percentage"
    """``rate`` (a fraction: ``0.03`` is 3%) x a base amount, e.g. a year's rent."""
    SLAB = "slab"
    """The one band holding the quantity decides: its flat amount or rate x quantity."""


class TaxHead(str, enum.Enum):
    """What a line of a breakdown is, as eGov DIGIT's tax heads (DOMAIN.md §7)."""

    FEE = "FEE"
    TAX = "TAX"
    PENALTY = "PENALTY"
    REBATE = "REBATE"
    EXEMPTION = "EXEMPTION"
    ROUND_OFF = "ROUND_OFF"


_EXACT = _checks.EXACT
_ZERO = Decimal(0)
# Module-level aliases for the hot path: looking an enum member up on its class costs
# ten times as much as reading a global.
_FLAT, _RATE, _PERCENTAGE = FeeKind.FLAT, FeeKind.RATE, FeeKind.PERCENTAGE
_REBATE, _EXEMPTION = TaxHead.REBATE, TaxHead.EXEMPTION


def clamp(value: Decimal, minimum: Money | None, maximum: Money | None) -> Decimal:
    """Return ``value`` held within the optional ``[minimum, maximum]`` bounds.

    Examples:
        >>> from municipal_core.money import Money
        >>> clamp(Decimal(7), Money(10, "SAR"), None), clamp(Decimal(7), None, Money(5, "SAR"))
        (Decimal('10.00'), Decimal('5.00'))
    """
    if minimum is not None and value < minimum.amount:
        return minimum.amount
    if maximum is not None and value > maximum.amount:
        return maximum.amount
    return value


def to_criteria(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    """Return match criteria as a sorted tuple of ``(name, value)`` pairs.

    Accepts a mapping or pairs; names and values are non-empty text, names unique.

    Examples:
        >>> to_criteria({"usage": "*", "category": "1"})
        (('category', '1'), ('usage', '*'))
    """
    pairs = list(value.items()) if isinstance(value, Mapping) else list(value)
    result: dict[str, str] = {}
    for pair in pairs:
        if (
            not isinstance(pair, (tuple, list))
            or len(pair) != 2
            or not all(isinstance(p, str) and p and len(p) <= _checks.MAX_TEXT for p in pair)
        ):
            raise InvalidFormat(
                "Criteria are pairs of non-empty texts, such as usage='residential'.",
                "المعايير أزواج من نصوص غير فارغة، مثل usage='residential'.",
                code=f"{_CODE}.criteria",
                field="criteria",
            )
        if pair[0] in result:
            raise InvalidComponent(
                f"The criterion {pair[0]!r} is given twice.",
                f"المعيار {pair[0]!r} مكرر.",
                code=f"{_CODE}.criteria",
                field="criteria",
            )
        result[pair[0]] = pair[1]
    return tuple(sorted(result.items()))


@attrs.frozen
class SlabBand:
    """One band of a slab rule: quantities from ``start`` (inclusive) to ``end`` (exclusive).

    Exactly one of ``amount`` (a flat amount for the band) and ``rate`` (per unit of the
    whole quantity, as eGov DIGIT's billing slabs do) is set. ``end=None`` is open-ended.

    Examples:
        >>> from municipal_core.money import Money
        >>> band = SlabBand(Decimal(0), Decimal(50), amount=Money(10, "SAR"))
        >>> band.holds(Decimal(50)), band.holds(Decimal("49.9"))
        (False, True)
    """

    start: Decimal = attrs.field(validator=_checks.decimal_range(f"{_CODE}.band"))
    """Lowest quantity in the band (inclusive)."""
    end: Decimal | None = attrs.field(
        default=None, validator=_checks.decimal_range(f"{_CODE}.band", optional=True)
    )
    """First quantity past the band (exclusive); ``None`` for no upper bound."""
    amount: Money | None = attrs.field(
        default=None, validator=_checks.money(f"{_CODE}.band", optional=True)
    )
    """Flat amount charged when the quantity falls in this band."""
    rate: Decimal | None = attrs.field(
        default=None, validator=_checks.decimal_range(f"{_CODE}.band", optional=True)
    )
    """Amount per unit of the whole quantity when it falls in this band."""

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise InvalidComponent(
                "A slab band must end after it starts.",
                "يجب أن تنتهي شريحة الرسوم بعد بدايتها.",
                code=f"{_CODE}.band.bounds",
                field="end",
            )
        if (self.amount is None) == (self.rate is None):
            raise InvalidComponent(
                "A slab band needs exactly one of amount and rate.",
                "تحتاج شريحة الرسوم إلى مبلغ ثابت أو معدل، واحد منهما فقط.",
                code=f"{_CODE}.band.charge",
                field="amount",
            )

    def holds(self, quantity: Decimal) -> bool:
        """Return whether ``quantity`` falls in this band."""
        return self.start <= quantity and (self.end is None or quantity < self.end)


def _sorted_bands(bands: Iterable[SlabBand]) -> tuple[SlabBand, ...]:
    return tuple(sorted(bands, key=lambda b: b.start)) if isinstance(bands, Iterable) else bands


def _check_bands(_instance: object, _attribute: object, bands: object) -> None:
    if not isinstance(bands, tuple) or not all(isinstance(b, SlabBand) for b in bands):
        raise _checks.invalid_type("bands", _CODE)
    for lower, upper in itertools.pairwise(bands):
        if lower.end is None or lower.end > upper.start:
            raise InvalidComponent(
                "Two slab bands overlap; each quantity may fall in one band only.",
                "تتداخل شريحتان؛ يجب أن تقع كل كمية في شريحة واحدة فقط.",
                code=f"{_CODE}.band.overlap",
                field="bands",
            )


_KIND_FIELDS = {
    # kind: (field it needs, English, Arabic); the other two of amount/rate/bands stay unset.
    FeeKind.FLAT: (
        "amount",
        "A flat fee needs amount and no rate or bands.",
        "الرسم الثابت يحتاج إلى مبلغ فقط، دون معدل أو شرائح.",
    ),
    FeeKind.RATE: (
        "rate",
        "A rate fee needs rate and no amount or bands.",
        "رسم المعدل يحتاج إلى معدل فقط، دون مبلغ أو شرائح.",
    ),
    FeeKind.PERCENTAGE: (
        "rate",
        "A percentage fee needs rate and no amount or bands.",
        "الرسم النسبي يحتاج إلى نسبة فقط، دون مبلغ أو شرائح.",
    ),
    FeeKind.SLAB: (
        "bands",
        "A slab fee needs bands and no amount or rate.",
        "رسم الشرائح يحتاج إلى شرائح فقط، دون مبلغ أو معدل.",
    ),
}


@attrs.frozen
class FeeRule:
    """One version of a fee rule, in force from ``effective_from`` to ``effective_to``.

    Both dates are inclusive; ``None`` means "since always" / "until further notice".
    ``kind`` decides which of ``amount``, ``rate`` and ``bands`` must be set (and the
    others must not). The computed amount is multiplied by the number of years when
    ``per_year`` is set, then clamped to ``[minimum, maximum]``. A rule whose tax head is
    ``REBATE`` or ``EXEMPTION`` yields a negative line.

    ``criteria`` select the rule among versions of the same code: a request matches when
    each criterion is equal or the rule's value is ``"*"`` (see :data:`WILDCARD`).

    Attributes:
        code: stable code of the fee, e.g. ``"lease.registration"``.
        version: version number; later versions of one code carry larger numbers.
        kind: how the amount is computed.
        name_en: English name for invoices.
        name_ar: Arabic name for invoices.
        source: where the figure comes from (decree, web page); required.
        tax_head: the line's tax head (``FEE`` unless said otherwise).
        amount: the flat amount (``FLAT``).
        rate: per unit (``RATE``) or a fraction of the base (``PERCENTAGE``).
        unit: label of the quantity (``"m²"``, ``"year"``, ``"km"``), for people.
        free_quantity: quantity charged nothing before the rate applies (``RATE``).
        bands: the slab bands (``SLAB``), sorted, never overlapping.
        minimum: the smallest amount charged, if any.
        maximum: the largest amount charged, if any.
        per_year: multiply by the number of years requested.
        vat: VAT treatment; ``None`` follows the jurisdiction's default for fees.
        criteria: ``(name, value)`` pairs the request must match.
        effective_from: first day in force, or ``None``.
        effective_to: last day in force, or ``None``.
        confidence: how sure the source is, as DOMAIN.md marks it.
    """

    code: str = attrs.field(validator=_checks.text(_CODE))
    version: int = attrs.field(validator=_checks.type_of(int, f"{_CODE}.version"))
    kind: FeeKind = attrs.field(validator=_checks.type_of(FeeKind, _CODE))
    name_en: str = attrs.field(validator=_checks.text(_CODE))
    name_ar: str = attrs.field(validator=_checks.text(_CODE))
    source: str = attrs.field(validator=_checks.text(f"{_CODE}.source"))
    tax_head: TaxHead = attrs.field(default=TaxHead.FEE, validator=_checks.type_of(TaxHead, _CODE))
    amount: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))
    rate: Decimal | None = attrs.field(
        default=None, validator=_checks.decimal_range(f"{_CODE}.rate", optional=True)
    )
    unit: str = attrs.field(default="", validator=_checks.text(_CODE, allow_empty=True))
    free_quantity: Decimal = attrs.field(
        default=Decimal(0), validator=_checks.decimal_range(f"{_CODE}.free_quantity")
    )
    bands: tuple[SlabBand, ...] = attrs.field(
        default=(), converter=_sorted_bands, validator=_check_bands
    )
    minimum: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))
    maximum: Money | None = attrs.field(default=None, validator=_checks.money(_CODE, optional=True))
    per_year: bool = attrs.field(default=False, validator=_checks.type_of(bool, _CODE))
    vat: VatTreatment | None = attrs.field(
        default=None, validator=_checks.type_of(VatTreatment, _CODE, optional=True)
    )
    criteria: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_criteria)
    effective_from: dt.date | None = attrs.field(
        default=None, validator=_checks.type_of(dt.date, _CODE, optional=True)
    )
    effective_to: dt.date | None = attrs.field(
        default=None, validator=_checks.date_order(_CODE, "effective_from")
    )
    confidence: Confidence = attrs.field(
        default=Confidence.CONFIRMED, validator=_checks.type_of(Confidence, _CODE)
    )

    def __attrs_post_init__(self) -> None:
        if self.version < 1:
            raise InvalidComponent(
                "A rule version is a whole number, 1 or more.",
                "رقم إصدار القاعدة عدد صحيح يساوي 1 أو أكثر.",
                code=f"{_CODE}.version",
                field="version",
            )
        needed, message_en, message_ar = _KIND_FIELDS[self.kind]
        present = {
            "amount": self.amount is not None,
            "rate": self.rate is not None,
            "bands": bool(self.bands),
        }
        if any(is_set != (name == needed) for name, is_set in present.items()):
            raise InvalidComponent(
                message_en, message_ar, code=f"{_CODE}.kind_fields", field=needed
            )
        if self.free_quantity and self.kind is not FeeKind.RATE:
            raise InvalidComponent(
                "Only a rate fee can have a free quantity.",
                "لا يكون الحد المعفى إلا لرسم المعدل.",
                code=f"{_CODE}.kind_fields",
                field="free_quantity",
            )
        if self.tax_head is TaxHead.ROUND_OFF:
            raise InvalidComponent(
                "A fee rule cannot be a round-off; rounding adds that line itself.",
                "لا يجوز أن تكون قاعدة الرسم سطر تقريب؛ التقريب يضيفه تلقائيًا.",
                code=f"{_CODE}.tax_head",
                field="tax_head",
            )
        self._check_clamps()

    def _check_clamps(self) -> None:
        moneys = [m for m in (self.amount, self.minimum, self.maximum) if m is not None]
        moneys += [b.amount for b in self.bands if b.amount is not None]
        if len({m.currency for m in moneys}) > 1:
            raise CurrencyMismatch(
                "All amounts of a fee rule must be in one currency.",
                "يجب أن تكون جميع مبالغ قاعدة الرسم بعملة واحدة.",
                code=f"{_CODE}.currency",
                field="currency",
            )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidComponent(
                "A fee's minimum cannot exceed its maximum.",
                "لا يجوز أن يتجاوز الحد الأدنى للرسم حده الأقصى.",
                code=f"{_CODE}.clamps",
                field="minimum",
            )

    @property
    def negative(self) -> bool:
        """Whether the rule reduces the bill (a ``REBATE`` or ``EXEMPTION``)."""
        return self.tax_head is _REBATE or self.tax_head is _EXEMPTION

    def applies_on(self, on: dt.date) -> bool:
        """Return whether this version is in force on ``on``."""
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_to is None or on <= self.effective_to
        )

    def value_for(
        self, quantity: Decimal = _ZERO, base: Decimal = _ZERO, years: int = 1
    ) -> Decimal:
        """Return the line amount: :meth:`charge`, times ``years`` if ``per_year``, clamped.

        Negative for a ``REBATE`` or ``EXEMPTION`` rule. Exact, not rounded.

        Examples:
            >>> from municipal_core.money import Money
            >>> sign = FeeRule(code="sign", version=1, kind=FeeKind.RATE, name_en="Sign",
            ...     name_ar="لوحة", rate=Decimal(700), per_year=True,
            ...     maximum=Money(2000, "SAR"), source="test")
            >>> sign.value_for(Decimal(1), years=2), sign.value_for(Decimal(2), years=2)
            (Decimal('1400'), Decimal('2000.00'))
        """
        value = self.charge(quantity, base)
        if self.per_year:
            value = _EXACT.multiply(value, years)
        if self.minimum is not None or self.maximum is not None:
            value = clamp(value, self.minimum, self.maximum)
        head = self.tax_head
        return -value if head is _REBATE or head is _EXEMPTION else value

    def charge(self, quantity: Decimal = Decimal(0), base: Decimal = Decimal(0)) -> Decimal:
        """Return the unclamped amount for ``quantity`` (or ``base``), for one year.

        Exact Decimal arithmetic; the caller multiplies by years, clamps and rounds.

        Raises:
            DomainRuleError: no slab band holds the quantity (code
                ``billing.rule.no_band``).

        Examples:
            >>> from municipal_core.money import Money
            >>> rule = FeeRule(code="shop", version=1, kind=FeeKind.SLAB, name_en="Shop",
            ...     name_ar="محل", source="test", bands=(
            ...         SlabBand(Decimal(0), Decimal(50), amount=Money(100, "SAR")),
            ...         SlabBand(Decimal(50), None, rate=Decimal(6))))
            >>> rule.charge(Decimal(20)), rule.charge(Decimal(60))
            (Decimal('100.00'), Decimal('360'))
        """
        kind = self.kind
        if kind is _FLAT:
            return self.amount.amount  # type: ignore[union-attr]  # checked at construction
        if kind is _RATE:
            billable = _EXACT.subtract(quantity, self.free_quantity)
            return _EXACT.multiply(self.rate, billable) if billable > 0 else _ZERO  # type: ignore[arg-type]
        if kind is _PERCENTAGE:
            return _EXACT.multiply(self.rate, base)  # type: ignore[arg-type]
        for band in self.bands:
            if band.holds(quantity):
                if band.rate is None:
                    return band.amount.amount  # type: ignore[union-attr]
                return _EXACT.multiply(band.rate, quantity)
        raise DomainRuleError(
            f"No band of the fee {self.code!r} holds the quantity {quantity}.",
            f"لا توجد شريحة في الرسم {self.code!r} تشمل الكمية {quantity}.",
            code=f"{_CODE}.no_band",
            field="quantity",
        )
