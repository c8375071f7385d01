"""Currencies and money: Decimal only, exact arithmetic, explicit rounding, exact splits.

A :class:`Money` is an amount (a :class:`~decimal.Decimal`, never a float) in a
:class:`Currency`. Arithmetic is exact and only between amounts of the same currency;
rounding to the currency's minor unit (1/1000 rial in Oman, 1/100 riyal in Saudi
Arabia) happens only when you call :meth:`Money.round` with an explicit rounding mode;
:meth:`Money.allocate` splits an amount so the parts always add up to the whole.

>>> from decimal import ROUND_HALF_UP
>>> rent = Money("100", "OMR")
>>> fee = (rent * 12).percent(3)             # 3% of a year's rent (DOMAIN.md §4)
>>> fee
Money('36.000', 'OMR')
>>> fee.allocate(7)[:2], sum(fee.allocate(7)) == fee
((Money('5.143', 'OMR'), Money('5.143', 'OMR')), True)
>>> Money("10", "SAR").percent(Decimal("2.5")).round(ROUND_HALF_UP)
Money('0.25', 'SAR')
>>> print(Money("1350.25", "OMR").format("ar", arabic_digits=True))
١٬٣٥٠٫٢٥٠ ر.ع.
>>> Money(0.1, "OMR")  # type: ignore[arg-type]
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidFormat: An amount of money cannot be a float; use a Decimal...

The whole module is immune to the ambient :mod:`decimal` context: every operation runs in
an explicit local context, so a host application that lowers ``getcontext().prec`` or
turns on traps cannot change a result.
"""

from __future__ import annotations

import decimal
import re
import threading
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final, Literal, NoReturn

import attrs

from municipal_core._text import ARABIC_INDIC_DIGITS, DIGITS_TO_ASCII, language
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NotFound,
)

__all__ = [
    "AED",
    "BHD",
    "KWD",
    "MAX_ALLOCATION_PARTS",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "OMR",
    "QAR",
    "RATIO_PRECISION",
    "ROUNDING_MODES",
    "SAR",
    "USD",
    "Currency",
    "Money",
    "get_currency",
    "register_currency",
    "registered_currencies",
]

MAX_INTEGER_DIGITS: Final = 18
"""An amount's absolute value must stay below ``10 ** 18`` (a quintillion).

Far beyond any municipal sum; the bound keeps every operation exact in a fixed-size
decimal context and turns a runaway calculation into a typed error.
"""

MAX_FRACTION_DIGITS: Final = 36
"""An amount may carry at most 36 significant digits after the decimal point.

Unrounded intermediate results (3% of a rent, a rent times a rate of ``1/3``) keep their
full precision up to this bound; beyond it, round first.
"""

MAX_ALLOCATION_PARTS: Final = 100_000
"""The most parts :meth:`Money.allocate` will produce in one call."""

RATIO_PRECISION: Final = 28
"""Significant digits of :meth:`Money.ratio_to` (the decimal module's default precision)."""

ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    }
)
"""The rounding modes :meth:`Money.round` accepts: the :mod:`decimal` module's constants."""

# Bounds on a multiplier, percentage rate or allocation ratio: enough for any real rate
# (Decimal(1) / 3 has 28 digits) while keeping products small enough to stay exact.
_MAX_FACTOR_DIGITS = 60
_MAX_TEXT_LENGTH = 100
_MAX_NAME_LENGTH = 64

# Exact arithmetic: the bounds above keep every sum and product far inside 200 digits, and
# Inexact is trapped so a result can never be rounded silently.
_EXACT = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)
_AMOUNT_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS
_FINEST = Decimal((0, (1,), -MAX_FRACTION_DIGITS))
# Currency exponents run 0..6; the quanta are built once, not on every rounding.
_MINOR_UNITS = tuple(Decimal((0, (1,), -exponent)) for exponent in range(7))
# Rounding to a minor unit is inexact by design; everything else is still trapped.
_ROUNDING = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_RATIO = decimal.Context(
    prec=RATIO_PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_CODE_RE = re.compile(r"[A-Z]{3}")
# A plain number once Arabic-Indic digits and the Arabic decimal separator are made ASCII.
# The exponent form is allowed because str(Decimal) writes tiny amounts that way
# ("1E-7"); underscores, spaces inside and NaN/Infinity (which Decimal() accepts) are not.
_AMOUNT_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,9})?")
_PARSE_NUMBER_RE = re.compile(
    r"(?P<sign>[+-]?) *(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
)

# Arabic-Indic (U+0660..) and Persian (U+06F0..) digits -> ASCII; Arabic decimal and
# thousands separators -> "." and ","; the real minus sign -> "-"; bidi marks and the
# tatweel, which copy/paste from right-to-left text inserts, are dropped.
_TO_ASCII = {
    **DIGITS_TO_ASCII,
    0x066B: ord("."),
    0x066C: ord(","),
    0x2212: ord("-"),
    0x00A0: ord(" "),
    0x202F: ord(" "),
    0x2009: ord(" "),
    0x200E: None,
    0x200F: None,
    0x061C: None,
    0x0640: None,
}
_TO_ARABIC_DIGITS = str.maketrans("0123456789,.", ARABIC_INDIC_DIGITS + "\u066c\u066b")
# Only these are trimmed around input: str.strip() would also eat control characters
# such as U+001C, which must be refused, not silently dropped.
_BLANKS = " \t\r\n"


def _error_amount_type(value: object, field: str) -> InvalidFormat:
    if isinstance(value, float):
        return InvalidFormat(
            'An amount of money cannot be a float; use a Decimal or a text such as "350.250".',
            "لا يجوز أن يكون المبلغ عددًا عشريًا ثنائيًا (float)؛ "
            'استخدم Decimal أو نصًا مثل "350.250".',
            code="money.amount.float",
            field=field,
        )
    return InvalidFormat(
        "An amount of money must be a Decimal, an integer or a text.",
        "يجب أن يكون المبلغ من نوع Decimal أو عددًا صحيحًا أو نصًا.",
        code="money.amount.type",
        field=field,
    )


def _to_ascii(text: str) -> str:
    return text.translate(_TO_ASCII)


def _convert_amount(value: Decimal | int | str) -> Decimal:
    """Turn an accepted amount input into a finite Decimal, or raise a typed error."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidFormat(
                "An amount of money must be a finite number (not NaN or infinity).",
                "يجب أن يكون المبلغ عددًا محددًا (ليس NaN أو ما لا نهاية).",
                code="money.amount.not_finite",
                field="amount",
            )
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        # Compare before converting so a gigantic int costs nothing.
        if abs(value) >= 10**MAX_INTEGER_DIGITS:
            raise _range_error()
        return Decimal(value)
    if isinstance(value, str):
        return _parse_plain_number(value, field="amount", code="money.amount")
    raise _error_amount_type(value, "amount")


def _parse_plain_number(value: str, *, field: str, code: str) -> Decimal:
    if len(value) > _MAX_TEXT_LENGTH:
        raise InvalidLength(
            "The amount text is far too long.",
            "نص المبلغ طويل جدًا.",
            code=f"{code}.length",
            field=field,
        )
    text = _to_ascii(value).strip(_BLANKS)
    if not _AMOUNT_RE.fullmatch(text):
        raise InvalidFormat(
            'The amount must be a plain number such as "350.250".',
            'يجب أن يكون المبلغ رقمًا بسيطًا مثل "350.250".',
            code=f"{code}.format",
            field=field,
        )
    # The regex admits only digits, one point and a sign, so this cannot fail.
    return Decimal(text)


def _range_error() -> InvalidComponent:
    return InvalidComponent(
        f"The amount is out of range (its absolute value must be below 10^{MAX_INTEGER_DIGITS}).",
        f"المبلغ خارج النطاق المسموح (يجب أن تقل قيمته المطلقة عن 10^{MAX_INTEGER_DIGITS}).",
        code="money.amount.range",
        field="amount",
    )


def _precision_error() -> InvalidComponent:
    return InvalidComponent(
        f"The amount has more than {MAX_FRACTION_DIGITS} decimal places; round it first.",
        f"يحتوي المبلغ على أكثر من {MAX_FRACTION_DIGITS} منزلة عشرية؛ قرّبه أولًا.",
        code="money.amount.precision",
        field="amount",
    )


def _significant(value: Decimal) -> tuple[int, tuple[int, ...], int]:
    """Return ``(sign, digits, exponent)`` of a finite Decimal without trailing zeros.

    Zero comes back as ``(0, (0,), 0)``. Works on the digit tuple, so it is exact and
    ignores the decimal context.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - callers pass finite values
        raise _precision_error()
    end = len(digits)
    while end > 1 and digits[end - 1] == 0:
        end -= 1
    if end == 1 and digits[0] == 0:
        return 0, (0,), 0
    return sign, tuple(digits[:end]), exponent + (len(digits) - end)


def _canonical_amount(value: Decimal, exponent: int) -> Decimal:
    """Check the bounds and return ``value`` with exactly the currency's decimals or more.

    Trailing zeros beyond the minor unit are dropped and missing ones added, so equal
    amounts share one representation (``350`` and ``350.0000`` both become ``350.000`` in
    OMR). The value itself never changes.
    """
    sign, digits, exp = _significant(value)
    if digits == (0,):
        return Decimal((0, (0,), -exponent))
    if len(digits) + exp > MAX_INTEGER_DIGITS:
        raise _range_error()
    if -exp > MAX_FRACTION_DIGITS:
        raise _precision_error()
    if exp > -exponent:
        digits = digits + (0,) * (exp + exponent)
        exp = -exponent
    return Decimal((sign, digits, exp))


def _convert_factor(value: object, *, field: str, code: str) -> Decimal:
    """Validate a multiplier, rate or ratio: an int or a finite, reasonably sized Decimal."""
    if isinstance(value, float):
        raise InvalidFormat(
            "A multiplier or rate cannot be a float; use an integer or a Decimal.",
            "لا يجوز أن يكون المعامل أو النسبة عددًا عشريًا ثنائيًا (float)؛ "
            "استخدم عددًا صحيحًا أو Decimal.",
            code=f"{code}.float",
            field=field,
        )
    if isinstance(value, Money):
        raise InvalidFormat(
            "Money cannot be multiplied by money; multiply by a number.",
            "لا يمكن ضرب مبلغ في مبلغ؛ اضرب في رقم.",
            code=f"{code}.money",
            field=field,
        )
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**_MAX_FACTOR_DIGITS:
            raise _factor_range_error(field, code)
        return Decimal(value)
    if not isinstance(value, Decimal):
        raise InvalidFormat(
            "A multiplier or rate must be an integer or a Decimal.",
            "يجب أن يكون المعامل أو النسبة عددًا صحيحًا أو Decimal.",
            code=f"{code}.type",
            field=field,
        )
    if not value.is_finite():
        raise InvalidFormat(
            "A multiplier or rate must be a finite number.",
            "يجب أن يكون المعامل أو النسبة عددًا محددًا.",
            code=f"{code}.not_finite",
            field=field,
        )
    _sign, digits, exp = _significant(value)
    if len(digits) > _MAX_FACTOR_DIGITS or exp < -_MAX_FACTOR_DIGITS or (
        len(digits) + exp > _MAX_FACTOR_DIGITS
    ):
        raise _factor_range_error(field, code)
    return value


def _factor_range_error(field: str, code: str) -> InvalidComponent:
    return InvalidComponent(
        f"The multiplier or rate is too large or has too many digits "
        f"(at most {_MAX_FACTOR_DIGITS}).",
        f"المعامل أو النسبة كبير جدًا أو يحتوي على أرقام كثيرة (الحد {_MAX_FACTOR_DIGITS}).",
        code=f"{code}.range",
        field=field,
    )


def _exact(operation: str, a: Decimal, b: Decimal) -> Decimal:
    """Run ``a <operation> b`` exactly, whatever the ambient context says."""
    try:
        with decimal.localcontext(_EXACT) as ctx:
            if operation == "add":
                return ctx.add(a, b)
            if operation == "subtract":
                return ctx.subtract(a, b)
            return ctx.multiply(a, b)
    except decimal.DecimalException as exc:  # pragma: no cover - the bounds prevent it
        raise _precision_error() from exc


# --- Currency -----------------------------------------------------------------------------


def _validate_code(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not _CODE_RE.fullmatch(value):
        raise InvalidFormat(
            "A currency code must be three upper-case Latin letters, such as OMR.",
            "يجب أن يتكون رمز العملة من ثلاثة أحرف لاتينية كبيرة، مثل OMR.",
            code="money.currency.format",
            field="currency",
        )


def _validate_exponent(_instance: object, _attribute: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise InvalidComponent(
            "A currency's exponent (decimal places of its minor unit) must be 0 to 6.",
            "يجب أن يكون عدد المنازل العشرية للوحدة الصغرى للعملة من 0 إلى 6.",
            code="money.currency.exponent",
            field="exponent",
        )


def _validate_text(_instance: object, attribute: attrs.Attribute[str], value: Any) -> None:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > _MAX_NAME_LENGTH
        or any(unicodedata.category(ch) == "Cc" for ch in value)
    ):
        raise InvalidFormat(
            f"The currency's {attribute.name} must be a short, non-empty text.",
            f"يجب أن يكون الحقل {attribute.name} للعملة نصًا قصيرًا غير فارغ.",
            code="money.currency.text",
            field=attribute.name,
        )


def _default_symbol(currency: Currency) -> str:
    return currency.code


@attrs.frozen
class Currency:
    """A currency: ISO 4217 code, minor-unit exponent, and its names in English and Arabic.

    ``symbol_en`` and ``symbol_ar`` default to the code. The module defines the regional
    currencies (:data:`OMR`, :data:`SAR`, :data:`AED`, :data:`KWD`, :data:`BHD`,
    :data:`QAR`, :data:`USD`); a host application adds others with
    :func:`register_currency`.

    Attributes:
        code: three upper-case ASCII letters (``"OMR"``).
        exponent: decimal places of the minor unit, 0 to 6 (3 for OMR, 2 for SAR).
        name_en: English name (``"Omani rial"``).
        name_ar: Arabic name (``"ريال عماني"``).
        minor_name_en: English name of the minor unit (``"baisa"``).
        minor_name_ar: Arabic name of the minor unit (``"بيسة"``).
        symbol_en: what English text prints before an amount (``"OMR"``).
        symbol_ar: what Arabic text prints after an amount (``"ر.ع."``).

    Raises:
        InvalidFormat: a malformed code or an empty/overlong/non-text name.
        InvalidComponent: an exponent outside 0..6.

    >>> OMR.minor_unit, SAR.minor_unit
    (Decimal('0.001'), Decimal('0.01'))
    >>> Currency("XYZ", 7, "x", "x", "x", "x")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A currency's exponent ... must be 0 to 6.
    """

    code: str = attrs.field(validator=_validate_code)
    exponent: int = attrs.field(validator=_validate_exponent)
    name_en: str = attrs.field(validator=_validate_text)
    name_ar: str = attrs.field(validator=_validate_text)
    minor_name_en: str = attrs.field(validator=_validate_text)
    minor_name_ar: str = attrs.field(validator=_validate_text)
    symbol_en: str = attrs.field(
        default=attrs.Factory(_default_symbol, takes_self=True), validator=_validate_text
    )
    symbol_ar: str = attrs.field(
        default=attrs.Factory(_default_symbol, takes_self=True), validator=_validate_text
    )

    @property
    def minor_unit(self) -> Decimal:
        """The smallest amount of the currency, as a Decimal quantum.

        >>> OMR.minor_unit
        Decimal('0.001')
        >>> Currency("JPY", 0, "Japanese yen", "ين ياباني", "sen", "سن").minor_unit
        Decimal('1')
        """
        return _MINOR_UNITS[self.exponent]


OMR: Final = Currency("OMR", 3, "Omani rial", "ريال عماني", "baisa", "بيسة", "OMR", "ر.ع.")
"""Omani rial: 1 rial = 1000 baisa (DOMAIN.md §3)."""
SAR: Final = Currency("SAR", 2, "Saudi riyal", "ريال سعودي", "halala", "هللة", "SAR", "ر.س.")
"""Saudi riyal: 1 riyal = 100 halala (DOMAIN.md §3)."""
AED: Final = Currency("AED", 2, "UAE dirham", "درهم إماراتي", "fils", "فلس", "AED", "د.إ.")
"""UAE dirham: 1 dirham = 100 fils."""
KWD: Final = Currency("KWD", 3, "Kuwaiti dinar", "دينار كويتي", "fils", "فلس", "KWD", "د.ك.")
"""Kuwaiti dinar: 1 dinar = 1000 fils."""
BHD: Final = Currency("BHD", 3, "Bahraini dinar", "دينار بحريني", "fils", "فلس", "BHD", "د.ب.")
"""Bahraini dinar: 1 dinar = 1000 fils."""
QAR: Final = Currency("QAR", 2, "Qatari riyal", "ريال قطري", "dirham", "درهم", "QAR", "ر.ق.")
"""Qatari riyal: 1 riyal = 100 dirham."""
USD: Final = Currency("USD", 2, "US dollar", "دولار أمريكي", "cent", "سنت", "USD", "US$")
"""US dollar: 1 dollar = 100 cents."""

# Reads are plain dict look-ups (atomic under the GIL); writes and iteration take the lock.
_REGISTRY: dict[str, Currency] = {c.code: c for c in (OMR, SAR, AED, KWD, BHD, QAR, USD)}
_REGISTRY_LOCK = threading.Lock()


def get_currency(code: str) -> Currency:
    """Return the registered currency for ``code`` (case-insensitive, spaces ignored).

    Raises:
        InvalidFormat: ``code`` is not text.
        NotFound: no currency is registered under ``code`` (code ``money.currency.unknown``).

    >>> get_currency("omr") is OMR
    True
    >>> get_currency("XXX")
    Traceback (most recent call last):
        ...
    municipal_core.errors.NotFound: Unknown currency code.
    """
    if not isinstance(code, str):
        raise InvalidFormat(
            "A currency code must be text, such as OMR.",
            "يجب أن يكون رمز العملة نصًا، مثل OMR.",
            code="money.currency.format",
            field="currency",
        )
    currency = _REGISTRY.get(code.strip().upper()) if len(code) <= 16 else None
    if currency is None:
        raise NotFound(
            "Unknown currency code.",
            "رمز العملة غير معروف.",
            code="money.currency.unknown",
            field="currency",
        )
    return currency


def register_currency(currency: Currency) -> None:
    """Make ``currency`` known to :func:`get_currency` and to ``Money(..., "CODE")``.

    Registering the very same definition again does nothing.

    Raises:
        InvalidFormat: ``currency`` is not a :class:`Currency`.
        DuplicateError: a different currency is already registered under that code
            (code ``money.currency.duplicate``).

    >>> # XTS is the code ISO 4217 reserves for testing.
    >>> xts = Currency("XTS", 3, "test unit", "وحدة اختبار", "milli", "جزء", "XTS", "اختبار")
    >>> register_currency(xts)
    >>> register_currency(xts)  # the same definition again: nothing happens
    >>> Money("1.5", "xts")
    Money('1.500', 'XTS')
    >>> register_currency(attrs.evolve(OMR, exponent=2))
    Traceback (most recent call last):
        ...
    municipal_core.errors.DuplicateError: Another currency is already registered under code OMR.
    """
    if not isinstance(currency, Currency):
        raise InvalidFormat(
            "Only a Currency can be registered.",
            "لا يمكن تسجيل إلا عملة من نوع Currency.",
            code="money.currency.type",
            field="currency",
        )
    with _REGISTRY_LOCK:
        existing = _REGISTRY.get(currency.code)
        if existing is None:
            _REGISTRY[currency.code] = currency
        elif existing != currency:
            raise DuplicateError(
                f"Another currency is already registered under code {currency.code}.",
                f"توجد عملة أخرى مسجلة بالرمز {currency.code}.",
                code="money.currency.duplicate",
                field="currency",
            )


def registered_currencies() -> tuple[Currency, ...]:
    """Return every registered currency, sorted by code.

    Examples:
        >>> [c.code for c in registered_currencies()][:2]
        ['AED', 'BHD']
    """
    with _REGISTRY_LOCK:
        currencies = list(_REGISTRY.values())
    return tuple(sorted(currencies, key=lambda c: c.code))


def _convert_currency(value: Currency | str) -> Currency:
    if isinstance(value, Currency):
        return value
    if isinstance(value, str):
        return get_currency(value)
    raise InvalidFormat(
        "The currency must be a Currency or a currency code such as OMR.",
        "يجب أن تكون العملة من نوع Currency أو رمز عملة مثل OMR.",
        code="money.currency.format",
        field="currency",
    )


# --- Money --------------------------------------------------------------------------------


@attrs.frozen(repr=False)
class Money:
    """An exact amount of money in one currency.

    ``amount`` may be a Decimal, an int, or a text such as ``"350.250"`` (Arabic-Indic
    digits, the Arabic decimal separator ``٫`` and the exponent form ``str(Decimal)``
    writes, ``"1E-7"``, are accepted too); never a float. Texts with thousands
    separators or a currency symbol are for :meth:`parse`.
    ``currency`` may be a :class:`Currency` or a registered code.

    The amount keeps its full precision (3% of a rent may be finer than a baisa); it is
    stored with at least the currency's number of decimals and without trailing zeros
    beyond them, so equal amounts look the same. Two Moneys are equal when their
    currencies are the same and their amounts are numerically equal.

    Arithmetic: ``+``/``-`` and comparisons only with Money of the same currency
    (otherwise :class:`~municipal_core.errors.CurrencyMismatch`); ``*`` by an int or a
    Decimal; unary ``-``, ``abs()``; ``sum()`` works. There is deliberately no ``/``:
    split an amount with :meth:`allocate`, compare two with :meth:`ratio_to`.

    Raises:
        InvalidFormat: a float, bool, None, NaN, infinity or malformed text, or an unknown
            kind of currency value.
        InvalidComponent: an amount of ``10**18`` or more, or with more than 36 decimals.
        NotFound: an unregistered currency code.

    >>> Money("350.250", "OMR")
    Money('350.250', 'OMR')
    >>> Money("٣٥٠٫٢٥", OMR) == Money(Decimal("350.25"), "OMR")
    True
    >>> Money(1, "SAR") + Money("0.5", "SAR")
    Money('1.50', 'SAR')
    >>> Money(1, "SAR") + Money(1, "OMR")
    Traceback (most recent call last):
        ...
    municipal_core.errors.CurrencyMismatch: Cannot combine amounts in SAR and OMR.
    """

    amount: Decimal = attrs.field(converter=_convert_amount)
    currency: Currency = attrs.field(converter=_convert_currency)

    def __attrs_post_init__(self) -> None:
        # Frozen class: the one sanctioned write, done once at construction, to bring the
        # amount to its canonical form (value unchanged) after the currency is known.
        object.__setattr__(
            self, "amount", _canonical_amount(self.amount, self.currency.exponent)
        )

    # --- constructors ---------------------------------------------------------------------

    @classmethod
    def _from_exact(cls, amount: Decimal, currency: Currency) -> Money:
        """Build from an exact, finite ``Decimal`` and a ``Currency``, skipping input parsing.

        For the library's own hot paths (billing builds ~10 of these per fee breakdown)
        that already hold both as the right types. The canonical form and the limits are
        the constructor's; anything unusual goes through the constructor itself, so the
        result is always identical to ``Money(amount, currency)`` (property-tested).
        """
        # Context methods, not ``x.quantize(q, context=c)``: the same explicit context,
        # without the keyword parsing that costs CPython's _decimal ~0.25 µs a call.
        # Zero (and -0, which the constructor makes 0) is rare here: the constructor does it.
        if amount and -_AMOUNT_LIMIT < amount < _AMOUNT_LIMIT:
            # May round (Inexact untrapped in _ROUNDING); only an exact result is kept.
            rounded = _ROUNDING.quantize(amount, _MINOR_UNITS[currency.exponent])
            if rounded == amount:
                canonical = rounded
            else:
                canonical = _EXACT.normalize(amount)
                try:
                    # Inexact (trapped) exactly when finer than MAX_FRACTION_DIGITS.
                    _EXACT.quantize(canonical, _FINEST)
                except decimal.Inexact:
                    return cls(amount, currency)  # for its typed precision error
            money: Money = object.__new__(cls)
            # Frozen class: the same sanctioned slot writes as __init__ and
            # __attrs_post_init__, through the slot descriptors (the fastest way in).
            _set_amount(money, canonical)
            _set_currency(money, currency)
            return money
        return cls(amount, currency)

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        """Return zero in ``currency``; the start value for ``sum()`` of a maybe-empty list.

        >>> Money.zero("SAR")
        Money('0.00', 'SAR')
        >>> sum([], Money.zero(OMR))
        Money('0.000', 'OMR')
        """
        return cls(0, currency)

    @classmethod
    def from_minor_units(cls, units: int, currency: Currency | str) -> Money:
        """Return the amount worth ``units`` minor units (baisa, halala...).

        Raises:
            InvalidFormat: ``units`` is not an int.
            InvalidComponent: the amount would be out of range.

        >>> Money.from_minor_units(350250, "OMR")
        Money('350.250', 'OMR')
        >>> Money.from_minor_units(-5, "SAR")
        Money('-0.05', 'SAR')
        """
        cur = _convert_currency(currency)
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidFormat(
                "A number of minor units must be an integer.",
                "يجب أن يكون عدد الوحدات الصغرى عددًا صحيحًا.",
                code="money.minor_units.type",
                field="units",
            )
        if abs(units) >= 10 ** (MAX_INTEGER_DIGITS + cur.exponent):
            raise _range_error()
        return cls(Decimal(units).scaleb(-cur.exponent, _EXACT), cur)

    @classmethod
    def parse(cls, text: str, currency: Currency | str | None = None) -> Money:
        """Read an amount as :meth:`format` writes it, in English or Arabic.

        Accepts an optional sign (``-`` or ``−``), thousands separators (``,`` or ``٬``,
        correctly placed), a decimal point (``.`` or ``٫``), Latin, Arabic-Indic or
        Persian digits, and the currency's code, English symbol or Arabic symbol before or
        after the number. Without ``currency`` the text must name one; with it, a symbol
        in the text must match. Any number of decimals is kept exactly.

        Raises:
            InvalidFormat: not text, not a number, or no/unknown/ambiguous currency symbol.
            InvalidLength: absurdly long text.
            CurrencyMismatch: the symbol names another currency than ``currency``.

        >>> Money.parse("OMR 1,350.250")
        Money('1350.250', 'OMR')
        >>> Money.parse("١٬٣٥٠٫٢٥٠ ر.ع.")
        Money('1350.250', 'OMR')
        >>> Money.parse("-12.5", "SAR")
        Money('-12.50', 'SAR')
        """
        field = "text"
        if not isinstance(text, str):
            raise InvalidFormat(
                "The amount to read must be text.",
                "يجب أن يكون المبلغ المراد قراءته نصًا.",
                code="money.parse.type",
                field=field,
            )
        if len(text) > _MAX_TEXT_LENGTH:
            raise InvalidLength(
                "The amount text is far too long.",
                "نص المبلغ طويل جدًا.",
                code="money.parse.length",
                field=field,
            )
        expected = None if currency is None else _convert_currency(currency)
        normal = _to_ascii(text).strip(_BLANKS)
        match = _PARSE_NUMBER_RE.search(normal)
        if match is None:
            raise _parse_format_error()
        prefix = normal[: match.start()].strip(_BLANKS)
        suffix = normal[match.end():].strip(_BLANKS)
        negative = match["sign"] == "-"
        if prefix.startswith(("-", "+")) and not match["sign"]:
            # "-OMR 5.000": the sign written before the symbol.
            negative = prefix[0] == "-"
            prefix = prefix[1:].strip(_BLANKS)
        if prefix and suffix:
            raise _parse_format_error()
        written = prefix or suffix
        if written and expected is not None and _names_currency(written, expected):
            named: Currency | None = expected
        else:
            named = _currency_for_symbol(written) if written else None
        if named is None and expected is None:
            raise InvalidFormat(
                "The amount does not say its currency; name one.",
                "لا يحدد المبلغ عملته؛ حدد العملة.",
                code="money.parse.currency",
                field=field,
            )
        if named is not None and expected is not None and named != expected:
            raise CurrencyMismatch(
                f"The text is in {named.code}, not {expected.code}.",
                f"المبلغ بعملة {named.code} وليس {expected.code}.",
                code="money.currency_mismatch",
                field=field,
            )
        cur = expected if expected is not None else named
        assert cur is not None  # for mypy: one of the two is set, checked above
        digits = match["int"].replace(",", "") + "." + (match["frac"] or "0")
        return cls(("-" if negative else "") + digits, cur)

    # --- inspection -----------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money({format(self.amount, 'f')!r}, {self.currency.code!r})"

    def __str__(self) -> str:
        return self.format("en")

    @property
    def minor_units(self) -> int:
        """The amount as a whole number of minor units (baisa, halala).

        Raises:
            DomainRuleError: the amount is finer than the minor unit; round it first
                (code ``money.amount.not_rounded``).

        >>> Money("350.25", "OMR").minor_units
        350250
        """
        self._require_rounded("minor_units")
        return int(self.amount.scaleb(self.currency.exponent, _EXACT))

    def is_rounded(self) -> bool:
        """Return whether the amount already fits the currency's minor unit.

        >>> Money("1.005", "SAR").is_rounded(), Money("1.005", "OMR").is_rounded()
        (False, True)
        """
        exp = self.amount.as_tuple().exponent
        return isinstance(exp, int) and exp >= -self.currency.exponent

    def is_zero(self) -> bool:
        """Return whether the amount is zero.

        >>> Money.zero("OMR").is_zero()
        True
        """
        return self.amount.is_zero()

    def is_positive(self) -> bool:
        """Return whether the amount is above zero.

        >>> Money("0.001", "OMR").is_positive()
        True
        """
        return not self.amount.is_zero() and not self.amount.is_signed()

    def is_negative(self) -> bool:
        """Return whether the amount is below zero.

        >>> Money("-1", "OMR").is_negative(), Money(0, "OMR").is_negative()
        (True, False)
        """
        return not self.amount.is_zero() and self.amount.is_signed()

    # --- arithmetic -----------------------------------------------------------------------

    def _same_currency(self, other: object, operation: str) -> Money:
        if not isinstance(other, Money):
            raise InvalidFormat(
                f"Money can only be {operation} with money.",
                "لا يمكن إجراء هذه العملية على مبلغ إلا مع مبلغ آخر.",
                code="money.operand.type",
                field="other",
            )
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"Cannot combine amounts in {self.currency.code} and {other.currency.code}.",
                f"لا يمكن الجمع بين مبلغين بعملتي {self.currency.code} و{other.currency.code}.",
                code="money.currency_mismatch",
                field="currency",
            )
        return other

    def _with(self, amount: Decimal) -> Money:
        return Money(amount, self.currency)

    def __add__(self, other: Money) -> Money:
        other = self._same_currency(other, "added")
        return self._with(_exact("add", self.amount, other.amount))

    def __radd__(self, other: int | Money) -> Money:
        # sum() starts from the int 0; accept exactly that so sum(moneys) works.
        if type(other) is int and other == 0:
            return self
        return self._same_currency(other, "added").__add__(self)

    def __sub__(self, other: Money) -> Money:
        other = self._same_currency(other, "subtracted")
        return self._with(_exact("subtract", self.amount, other.amount))

    def __rsub__(self, other: object) -> Money:
        return self._same_currency(other, "subtracted").__sub__(self)

    def __mul__(self, factor: int | Decimal) -> Money:
        value = _convert_factor(factor, field="factor", code="money.factor")
        return self._with(_exact("multiply", self.amount, value))

    def __rmul__(self, factor: int | Decimal) -> Money:
        return self.__mul__(factor)

    def __truediv__(self, other: object) -> NoReturn:
        raise DomainRuleError(
            "Money has no division: use allocate() to split it or ratio_to() to compare.",
            "لا توجد قسمة على المبالغ: استخدم allocate() للتقسيم أو ratio_to() للمقارنة.",
            code="money.division",
            field="other",
        )

    __floordiv__ = __truediv__
    __rtruediv__ = __truediv__
    __rfloordiv__ = __truediv__

    def __neg__(self) -> Money:
        return self._with(self.amount.copy_negate())

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return self._with(self.amount.copy_abs())

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same_currency(other, "compared").amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same_currency(other, "compared").amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same_currency(other, "compared").amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same_currency(other, "compared").amount

    # --- rounding -------------------------------------------------------------------------

    def round(self, mode: str) -> Money:
        """Return the amount rounded to the currency's minor unit with rounding ``mode``.

        ``mode`` is required and must be one of the :mod:`decimal` module's constants
        (``decimal.ROUND_HALF_UP``, ``decimal.ROUND_HALF_EVEN``...). The ambient decimal
        context plays no part. Rounding a rounded amount returns it unchanged.

        Raises:
            InvalidComponent: ``mode`` is not a decimal rounding constant
                (code ``money.rounding.mode``).

        >>> from decimal import ROUND_HALF_UP, ROUND_HALF_EVEN
        >>> Money("0.125", "SAR").round(ROUND_HALF_UP), Money("0.125", "SAR").round(ROUND_HALF_EVEN)
        (Money('0.13', 'SAR'), Money('0.12', 'SAR'))
        """
        if not isinstance(mode, str) or mode not in ROUNDING_MODES:
            raise InvalidComponent(
                "The rounding mode must be one of the decimal module's ROUND_* constants.",
                "يجب أن تكون طريقة التقريب إحدى ثوابت ROUND_* في وحدة decimal.",
                code="money.rounding.mode",
                field="mode",
            )
        return self._with(self._quantized(mode))

    def _quantized(self, mode: str) -> Decimal:
        # |amount| < 10**18 and exponent <= 6 keep the result within 24 digits, far inside
        # the context's precision, so quantize cannot signal InvalidOperation.
        return self.amount.quantize(self.currency.minor_unit, rounding=mode, context=_ROUNDING)

    def __round__(self, ndigits: int | None = None) -> NoReturn:
        raise InvalidComponent(
            "Use Money.round(mode) with an explicit rounding mode.",
            "استخدم Money.round(mode) مع تحديد طريقة التقريب صراحة.",
            code="money.rounding.mode",
            field="mode",
        )

    def _require_rounded(self, field: str) -> None:
        if not self.is_rounded():
            raise DomainRuleError(
                f"The amount is finer than one {self.currency.minor_name_en}; "
                f"round it first with Money.round(mode).",
                f"المبلغ أدق من أصغر وحدة ({self.currency.minor_name_ar})؛ قرّبه أولًا باستخدام "
                f"Money.round(mode).",
                code="money.amount.not_rounded",
                field=field,
            )

    # --- allocation -----------------------------------------------------------------------

    def allocate(self, parts: int | Sequence[int | Decimal]) -> tuple[Money, ...]:
        """Split the amount into parts that always add up exactly to the whole.

        ``parts`` is either a number of equal parts or a sequence of ratios (non-negative,
        at least one positive; ints or Decimals). The split works in minor units with the
        largest-remainder method: each part gets the whole minor units of its exact share,
        and the minor units left over go one each to the parts with the largest
        fractional remainders -- **ties go to the earlier parts**. A negative amount is
        split like its absolute value, then negated. A zero ratio always gets zero.

        Raises:
            DomainRuleError: the amount is finer than the minor unit; round it first
                (code ``money.amount.not_rounded``).
            InvalidFormat: ``parts`` is of the wrong type, or a ratio is a float.
            InvalidComponent: fewer than 1 part, more than ``MAX_ALLOCATION_PARTS``, a
                negative ratio, or no positive ratio.

        >>> Money("100", "OMR").allocate(3)
        (Money('33.334', 'OMR'), Money('33.333', 'OMR'), Money('33.333', 'OMR'))
        >>> Money("-0.05", "SAR").allocate([1, 1])
        (Money('-0.03', 'SAR'), Money('-0.02', 'SAR'))
        >>> Money("10", "SAR").allocate([Decimal("0.7"), Decimal("0.3"), 0])
        (Money('7.00', 'SAR'), Money('3.00', 'SAR'), Money('0.00', 'SAR'))
        """
        weights = _allocation_weights(parts)
        self._require_rounded("amount")
        units = self.minor_units
        magnitude = abs(units)
        total = sum(weights)
        shares = [magnitude * w // total for w in weights]
        remainders = [magnitude * w % total for w in weights]
        left = magnitude - sum(shares)
        # Sum of remainders == left * total and each is < total, so more than `left`
        # parts have a positive remainder: zero-ratio parts never receive a unit.
        for i in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
            shares[i] += 1
        sign = -1 if units < 0 else 1
        return tuple(Money.from_minor_units(sign * s, self.currency) for s in shares)

    # --- percentages ----------------------------------------------------------------------

    def percent(self, rate: int | Decimal) -> Money:
        """Return ``rate`` percent of the amount, exactly (not rounded).

        Raises:
            InvalidFormat: ``rate`` is a float or not a number.

        >>> Money("1200", "OMR").percent(3)
        Money('36.000', 'OMR')
        >>> Money("99.99", "SAR").percent(15)
        Money('14.9985', 'SAR')
        """
        value = _convert_factor(rate, field="rate", code="money.rate")
        return self._with(_exact("multiply", self.amount, value.scaleb(-2, _EXACT)))

    def add_percent(self, rate: int | Decimal) -> Money:
        """Return the amount plus ``rate`` percent of it, exactly (e.g. adding VAT).

        >>> Money("200", "OMR").add_percent(5)
        Money('210.000', 'OMR')
        """
        return self + self.percent(rate)

    def ratio_to(self, other: Money) -> Decimal:
        """Return ``self / other`` as a Decimal of 28 significant digits (half-even).

        Raises:
            CurrencyMismatch: ``other`` is in another currency.
            InvalidFormat: ``other`` is not Money.
            DomainRuleError: ``other`` is zero (code ``money.ratio.zero``).

        >>> Money("36", "OMR").ratio_to(Money("1200", "OMR"))
        Decimal('0.03')
        >>> Money("1", "SAR").ratio_to(Money("3", "SAR"))
        Decimal('0.3333333333333333333333333333')
        """
        other = self._same_currency(other, "compared")
        if other.is_zero():
            raise DomainRuleError(
                "Cannot take a ratio to a zero amount.",
                "لا يمكن حساب النسبة إلى مبلغ صفري.",
                code="money.ratio.zero",
                field="other",
            )
        with decimal.localcontext(_RATIO) as ctx:
            return ctx.divide(self.amount, other.amount)

    # --- formatting -----------------------------------------------------------------------

    def format(
        self,
        lang: Literal["en", "ar"] = "en",
        *,
        arabic_digits: bool = False,
        symbol: bool = True,
        grouping: bool = True,
    ) -> str:
        """Return the amount for people to read, in English or Arabic.

        Always shows exactly the currency's number of decimals. An amount finer than the
        minor unit is rounded **for display only**, half-up. English puts the symbol first
        (``OMR 1,350.250``); Arabic puts it after (``1,350.250 ر.ع.``). With
        ``arabic_digits`` the digits are Arabic-Indic and the separators Arabic (``٬``
        U+066C for thousands, ``٫`` U+066B for decimals). A negative amount starts with an
        ASCII hyphen-minus ``-`` (after the English symbol). Separating the symbol is a
        plain space; bidi marks, if your renderer needs them, are left to it.

        Raises:
            InvalidComponent: ``lang`` is not ``"en"`` or ``"ar"``.

        >>> m = Money("-1350.25", "OMR")
        >>> m.format(), m.format("ar"), m.format(symbol=False, grouping=False)
        ('OMR -1,350.250', '-1,350.250 ر.ع.', '-1350.250')
        >>> Money("0.125", "SAR").format("ar", arabic_digits=True)
        '٠٫١٣ ر.س.'
        """
        lang = language(lang)
        shown = self._quantized(decimal.ROUND_HALF_UP)
        exponent = self.currency.exponent
        _sign, digits, _exp = shown.as_tuple()
        text = "".join(map(str, digits)).rjust(exponent + 1, "0")
        whole, fraction = text[: len(text) - exponent], text[len(text) - exponent:]
        number = f"{int(whole):,}" if grouping else whole
        if exponent:
            number += "." + fraction
        if shown.is_signed() and not shown.is_zero():
            number = "-" + number
        if arabic_digits:
            number = number.translate(_TO_ARABIC_DIGITS)
        if not symbol:
            return number
        if lang == "en":
            return f"{self.currency.symbol_en} {number}"
        return f"{number} {self.currency.symbol_ar}"


# Slot descriptors of the frozen Money, for Money._from_exact.
_set_amount = Money.__dict__["amount"].__set__
_set_currency = Money.__dict__["currency"].__set__


def _parse_format_error() -> InvalidFormat:
    return InvalidFormat(
        'The text is not an amount such as "OMR 1,350.250" or "1,350.250 ر.ع.".',
        'النص ليس مبلغًا مثل "OMR 1,350.250" أو "1,350.250 ر.ع.".',
        code="money.parse.format",
        field="text",
    )


def _symbol_key(text: str) -> str:
    # "ر.ع." and "ر.ع" and "ر ع" name the same currency; so do "omr" and "OMR".
    return "".join(ch for ch in text.casefold() if ch not in ". ")


def _names_currency(text: str, currency: Currency) -> bool:
    key = _symbol_key(text)
    return bool(key) and key in {
        _symbol_key(currency.code),
        _symbol_key(currency.symbol_en),
        _symbol_key(currency.symbol_ar),
    }


def _currency_for_symbol(text: str) -> Currency:
    found = {c for c in registered_currencies() if _names_currency(text, c)}
    if len(found) == 1:
        return found.pop()
    if found:
        raise InvalidFormat(
            "The currency symbol is ambiguous; name the currency.",
            "رمز العملة ملتبس؛ حدد العملة.",
            code="money.parse.ambiguous",
            field="text",
        )
    raise InvalidFormat(
        "The currency symbol is not recognised.",
        "رمز العملة غير معروف.",
        code="money.parse.symbol",
        field="text",
    )


def _allocation_weights(parts: object) -> list[int]:
    """Turn ``allocate``'s ``parts`` into non-negative integer weights with a positive sum."""
    field = "parts"
    if isinstance(parts, int) and not isinstance(parts, bool):
        if not 1 <= parts <= MAX_ALLOCATION_PARTS:
            raise InvalidComponent(
                f"The number of parts must be 1 to {MAX_ALLOCATION_PARTS}.",
                f"يجب أن يكون عدد الأجزاء من 1 إلى {MAX_ALLOCATION_PARTS}.",
                code="money.allocate.parts",
                field=field,
            )
        return [1] * parts
    if isinstance(parts, (str, bytes)) or not isinstance(parts, Sequence):
        raise InvalidFormat(
            "Parts must be a number of equal parts or a list of ratios.",
            "يجب أن تكون الأجزاء عددًا من الأجزاء المتساوية أو قائمة نسب.",
            code="money.allocate.type",
            field=field,
        )
    if not 1 <= len(parts) <= MAX_ALLOCATION_PARTS:
        raise InvalidComponent(
            f"Give 1 to {MAX_ALLOCATION_PARTS} ratios.",
            f"يجب إعطاء من 1 إلى {MAX_ALLOCATION_PARTS} نسبة.",
            code="money.allocate.parts",
            field=field,
        )
    ratios = [_convert_factor(r, field=field, code="money.allocate.ratio") for r in parts]
    if any(r.is_signed() and not r.is_zero() for r in ratios):
        raise InvalidComponent(
            "A ratio cannot be negative.",
            "لا يجوز أن تكون النسبة سالبة.",
            code="money.allocate.negative",
            field=field,
        )
    # Scale every ratio to an integer by the same power of ten: exact integer weights.
    scale = max(-_significant(r)[2] for r in ratios)
    weights = [int(r.scaleb(max(scale, 0), _EXACT)) for r in ratios]
    if not any(weights):
        raise InvalidComponent(
            "At least one ratio must be positive.",
            "يجب أن تكون نسبة واحدة على الأقل موجبة.",
            code="money.allocate.zero",
            field=field,
        )
    return weights
