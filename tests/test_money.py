"""Tests for municipal_core.money: currencies, exact arithmetic, rounding, allocation, text."""

from __future__ import annotations

import decimal
import pickle
import threading
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    NotFound,
)
from municipal_core.money import (
    AED,
    BHD,
    KWD,
    MAX_ALLOCATION_PARTS,
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    OMR,
    QAR,
    ROUNDING_MODES,
    SAR,
    USD,
    Currency,
    Money,
    get_currency,
    register_currency,
    registered_currencies,
)

# A currency with no minor unit and one with six decimals, to test the edges of the
# exponent range; neither is registered, Money accepts Currency objects directly.
WHOLE = Currency("XTW", 0, "whole unit", "وحدة كاملة", "none", "لا شيء", "W", "و")
MICRO = Currency("XTM", 6, "micro unit", "وحدة دقيقة", "micro", "جزء", "M", "م")

REGISTERED = (OMR, SAR, AED, KWD, BHD, QAR, USD)
ALL_CURRENCIES = (*REGISTERED, WHOLE, MICRO)
BOUND = 10**15

currencies = st.sampled_from(ALL_CURRENCIES)


@st.composite
def rounded_money(draw: st.DrawFn, currency: Currency | None = None) -> Money:
    cur = currency or draw(currencies)
    units = draw(st.integers(-BOUND, BOUND))
    return Money.from_minor_units(units, cur)


@st.composite
def any_money(draw: st.DrawFn, currency: Currency | None = None) -> Money:
    """Money with up to 12 decimals: often finer than the minor unit."""
    cur = currency or draw(currencies)
    amount = draw(
        st.decimals(
            min_value=-BOUND, max_value=BOUND, places=draw(st.integers(0, 12)),
            allow_nan=False, allow_infinity=False,
        )
    )
    return Money(amount, cur)


@st.composite
def money_pair(draw: st.DrawFn) -> tuple[Money, Money]:
    cur = draw(currencies)
    return draw(any_money(cur)), draw(any_money(cur))


def codes(exc: pytest.ExceptionInfo[MunicipalError]) -> str:
    return exc.value.code


# --- Currency ---------------------------------------------------------------------------


def test_regional_currencies_have_the_right_minor_units() -> None:
    assert (OMR.exponent, OMR.minor_unit) == (3, Decimal("0.001"))
    assert (SAR.exponent, SAR.minor_unit) == (2, Decimal("0.01"))
    assert [c.exponent for c in (AED, KWD, BHD, QAR, USD)] == [2, 3, 3, 2, 2]
    assert (OMR.minor_name_en, OMR.minor_name_ar, OMR.symbol_ar) == ("baisa", "بيسة", "ر.ع.")
    assert (SAR.minor_name_en, SAR.minor_name_ar, SAR.symbol_ar) == ("halala", "هللة", "ر.س.")
    assert WHOLE.minor_unit == Decimal(1)
    assert MICRO.minor_unit == Decimal("0.000001")


def test_symbols_default_to_the_code() -> None:
    cur = Currency("XTD", 2, "d", "د", "c", "س")
    assert (cur.symbol_en, cur.symbol_ar) == ("XTD", "XTD")


@pytest.mark.parametrize("code", ["omr", "OM", "OMRR", "O1R", "ÖMR", "٣٣٣", "", None, 123])
def test_currency_code_must_be_three_upper_case_letters(code: object) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Currency(code, 2, "n", "ن", "m", "م")  # type: ignore[arg-type]
    assert exc.value.code == "money.currency.format"


@pytest.mark.parametrize("exponent", [-1, 7, True, "3", 3.0, None])
def test_currency_exponent_must_be_an_int_0_to_6(exponent: object) -> None:
    with pytest.raises(InvalidComponent) as exc:
        Currency("XTE", exponent, "n", "ن", "m", "م")  # type: ignore[arg-type]
    assert exc.value.code == "money.currency.exponent"


@pytest.mark.parametrize("text", ["", "   ", "a\x00b", "x" * 65, 5, None])
def test_currency_names_must_be_short_non_empty_text(text: object) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Currency("XTE", 2, "n", "ن", "m", "م", "s", text)  # type: ignore[arg-type]
    assert (exc.value.code, exc.value.field) == ("money.currency.text", "symbol_ar")


@given(st.text(max_size=5))
def test_currency_code_validation_never_raises_untyped(code: str) -> None:
    try:
        cur = Currency(code, 2, "n", "ن", "m", "م")
    except InvalidFormat:
        assert not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper())
    else:
        assert cur.code == code


def test_currency_is_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        OMR.exponent = 2  # type: ignore[misc]


def test_get_currency_is_case_insensitive() -> None:
    assert get_currency("omr") is OMR
    assert get_currency(" Sar ") is SAR


@pytest.mark.parametrize("code", ["XXX", "", "OMRX", "x" * 10_000, "😀"])
def test_get_currency_unknown_is_not_found(code: str) -> None:
    with pytest.raises(NotFound) as exc:
        get_currency(code)
    assert exc.value.code == "money.currency.unknown"


@pytest.mark.parametrize("code", [None, 3, OMR, b"OMR"])
def test_get_currency_needs_text(code: object) -> None:
    with pytest.raises(InvalidFormat) as exc:
        get_currency(code)  # type: ignore[arg-type]
    assert exc.value.code == "money.currency.format"


def test_register_currency_adds_and_ignores_identical_repeats() -> None:
    cur = Currency("XTR", 3, "reg", "ر", "m", "م", "XTR", "ر.ت.")
    register_currency(cur)
    register_currency(Currency("XTR", 3, "reg", "ر", "m", "م", "XTR", "ر.ت."))
    assert get_currency("xtr") is cur
    assert cur in registered_currencies()
    assert Money("1", "XTR").currency is cur


def test_register_currency_refuses_a_different_definition() -> None:
    with pytest.raises(DuplicateError) as exc:
        register_currency(attrs.evolve(OMR, exponent=2))
    assert exc.value.code == "money.currency.duplicate"
    assert get_currency("OMR") is OMR


def test_register_currency_needs_a_currency() -> None:
    with pytest.raises(InvalidFormat) as exc:
        register_currency("OMR")  # type: ignore[arg-type]
    assert exc.value.code == "money.currency.type"


def test_register_currency_from_many_threads() -> None:
    made = [Currency(f"XQ{chr(65 + i)}", 2, "t", "ت", "m", "م") for i in range(20)]
    threads = [threading.Thread(target=register_currency, args=(c,)) for c in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(get_currency(c.code) is c for c in made)


def test_registered_currencies_are_sorted_by_code() -> None:
    listed = [c.code for c in registered_currencies()]
    assert listed == sorted(listed)
    assert {"OMR", "SAR", "AED", "KWD", "BHD", "QAR", "USD"} <= set(listed)


# --- construction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (Decimal("350.250"), "350.250"),
        (350, "350.000"),
        ("350.25", "350.250"),
        (" 350.2500 ", "350.250"),
        ("+5", "5.000"),
        (".5", "0.500"),
        ("5.", "5.000"),
        ("\t5\r\n", "5.000"),
        ("٣٥٠٫٢٥٠", "350.250"),  # Arabic-Indic digits, Arabic decimal separator
        ("۳۵۰.۲۵", "350.250"),  # Persian digits
        ("−7", "-7.000"),  # U+2212 minus
        ("\u200f12.5", "12.500"),  # a right-to-left mark from copy/paste
        ("0.0001", "0.0001"),  # finer than a baisa: kept exactly
        ("-0", "0.000"),
        (Decimal("1E+3"), "1000.000"),
        (Decimal("0E-50"), "0.000"),
        ("1e3", "1000.000"),
        ("1E-7", "1E-7"),
    ],
)
def test_amount_inputs_accepted(raw: Decimal | int | str, expected: str) -> None:
    money = Money(raw, OMR)
    assert str(money.amount) == expected
    assert money == Money(Decimal(expected), "OMR")


def test_currency_may_be_a_code() -> None:
    assert Money(1, "sar").currency is SAR


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (0.5, "money.amount.float"),
        (float("nan"), "money.amount.float"),
        (True, "money.amount.type"),
        (None, "money.amount.type"),
        ([1], "money.amount.type"),
        (b"1", "money.amount.type"),
        (Decimal("NaN"), "money.amount.not_finite"),
        (Decimal("sNaN"), "money.amount.not_finite"),
        (Decimal("-Infinity"), "money.amount.not_finite"),
        ("NaN", "money.amount.format"),
        ("Infinity", "money.amount.format"),
        ("1e", "money.amount.format"),
        ("1e1234567890", "money.amount.format"),
        ("1_000", "money.amount.format"),
        ("1,000", "money.amount.format"),
        ("", "money.amount.format"),
        ("  ", "money.amount.format"),
        ("--5", "money.amount.format"),
        ("5 OMR", "money.amount.format"),
        ("١٢٣x", "money.amount.format"),
        ("😀", "money.amount.format"),
        ("1\x002", "money.amount.format"),
        ("5\x1c", "money.amount.format"),
        ("5\u2003", "money.amount.format"),
    ],
)
def test_bad_amounts_raise_invalid_format(raw: object, code: str) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money(raw, "OMR")  # type: ignore[arg-type]
    assert (exc.value.code, exc.value.field) == (code, "amount")


def test_absurdly_long_amount_text_is_refused_cheaply() -> None:
    with pytest.raises(InvalidLength) as exc:
        Money("1" * 101, "OMR")
    assert exc.value.code == "money.amount.length"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (10**MAX_INTEGER_DIGITS, "money.amount.range"),
        pytest.param(-(10**100_000), "money.amount.range", id="gigantic-int"),
        (Decimal("1E+18"), "money.amount.range"),
        (Decimal("1E+999999999"), "money.amount.range"),
        ("1E+999999999", "money.amount.range"),
        ("1E-999999999", "money.amount.precision"),
        ("1" * 19, "money.amount.range"),
        ("0." + "0" * MAX_FRACTION_DIGITS + "1", "money.amount.precision"),
        (Decimal("1E-999999999"), "money.amount.precision"),
    ],
)
def test_amounts_out_of_bounds_raise_invalid_component(raw: object, code: str) -> None:
    with pytest.raises(InvalidComponent) as exc:
        Money(raw, "OMR")  # type: ignore[arg-type]
    assert exc.value.code == code


def test_amount_bounds_are_inclusive_where_documented() -> None:
    assert Money("9" * MAX_INTEGER_DIGITS, "OMR").is_positive()
    assert not Money("0." + "0" * (MAX_FRACTION_DIGITS - 1) + "1", "OMR").is_rounded()
    # trailing zeros beyond the bound are not precision
    assert Money("1." + "0" * 60, "SAR") == Money(1, "SAR")


@pytest.mark.parametrize("currency", [None, 3, b"OMR", Decimal(3)])
def test_bad_currency_values(currency: object) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money(1, currency)  # type: ignore[arg-type]
    assert exc.value.code == "money.currency.format"


def test_unknown_currency_code() -> None:
    with pytest.raises(NotFound):
        Money(1, "ZZZ")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_is_always_rejected(value: float) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money(value, "OMR")  # type: ignore[arg-type]
    assert exc.value.code == "money.amount.float"
    with pytest.raises(InvalidFormat):
        Money(1, "OMR") * value  # type: ignore[operator]
    with pytest.raises(InvalidFormat):
        Money(1, "OMR").percent(value)  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        Money(1, "OMR").allocate([1, value])  # type: ignore[list-item]


@given(st.text(max_size=40))
def test_any_text_amount_is_money_or_a_typed_error(text: str) -> None:
    try:
        money = Money(text, "SAR")
    except MunicipalError as exc:
        assert exc.code.startswith("money.amount.")
    else:
        assert money.amount.is_finite()


@given(any_money())
def test_construction_is_canonical_and_lossless(money: Money) -> None:
    again = Money(money.amount, money.currency)
    assert again == money
    assert repr(again) == repr(money)
    exponent = money.amount.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= -money.currency.exponent
    assert Money(str(money.amount), money.currency) == money


def test_repr_str_and_evolve() -> None:
    money = Money("350.25", "OMR")
    assert repr(money) == "Money('350.250', 'OMR')"
    assert repr(Money("0.0000001", "OMR")) == "Money('0.0000001', 'OMR')"
    assert str(money) == "OMR 350.250"
    with pytest.raises(InvalidFormat):
        attrs.evolve(money, amount=1.5)  # type: ignore[arg-type]
    assert attrs.evolve(money, amount=2) == Money(2, "OMR")


def test_equality_and_hash() -> None:
    assert Money("1", "OMR") == Money(Decimal("1.0000"), OMR)
    assert hash(Money("1", "OMR")) == hash(Money(Decimal("1.0000"), OMR))
    assert Money("1", "OMR") != Money("1", "SAR")
    assert Money("1", "OMR") != Decimal(1)
    assert len({Money(1, "OMR"), Money("1.000", "OMR"), Money(1, "SAR")}) == 2


def test_pickle_round_trip() -> None:
    money = Money("12.345", "KWD")
    assert pickle.loads(pickle.dumps(money)) == money


# --- arithmetic -------------------------------------------------------------------------


def test_add_subtract_negate_abs() -> None:
    a, b = Money("10.5", "SAR"), Money("0.25", "SAR")
    assert a + b == Money("10.75", "SAR")
    assert a - b == Money("10.25", "SAR")
    assert b - a == Money("-10.25", "SAR")
    assert -a == Money("-10.5", "SAR")
    assert +a is a
    assert abs(-a) == a


def test_sum_of_moneys() -> None:
    items = [Money("1.001", "OMR"), Money("2.002", "OMR"), Money("-0.003", "OMR")]
    assert sum(items) == Money(3, "OMR")
    assert sum([], Money.zero("OMR")) == Money(0, "OMR")
    assert sum(items, Money.zero(OMR)) == Money(3, "OMR")


@pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
def test_adding_a_non_money_is_a_typed_error(other: object) -> None:
    money = Money(1, "OMR")
    with pytest.raises(InvalidFormat) as exc:
        money + other  # type: ignore[operator]
    assert exc.value.code == "money.operand.type"
    with pytest.raises(InvalidFormat):
        other + money  # type: ignore[operator]
    with pytest.raises(InvalidFormat):
        money - other  # type: ignore[operator]
    with pytest.raises(InvalidFormat):
        other - money


def test_only_int_zero_on_the_left_is_accepted() -> None:
    money = Money(1, "OMR")
    assert 0 + money is money
    with pytest.raises(InvalidFormat):
        False + money
    with pytest.raises(InvalidFormat):
        money + 0  # type: ignore[operator]


@given(st.sampled_from(ALL_CURRENCIES), st.sampled_from(ALL_CURRENCIES), st.data())
def test_currency_mismatch_always_raises(c1: Currency, c2: Currency, data: st.DataObject) -> None:
    assume(c1 != c2)
    a, b = data.draw(any_money(c1)), data.draw(any_money(c2))
    for operation in (
        lambda: a + b,
        lambda: a - b,
        lambda: a < b,
        lambda: a <= b,
        lambda: a > b,
        lambda: a >= b,
        lambda: a.ratio_to(b),
    ):
        with pytest.raises(CurrencyMismatch) as exc:
            operation()
        assert exc.value.code == "money.currency_mismatch"
    assert a != b


@given(money_pair())
def test_add_then_subtract_gives_back_the_original(pair: tuple[Money, Money]) -> None:
    a, b = pair
    assert (a + b) - b == a
    assert a + b == b + a
    negated = -a
    assert -negated == a
    assert a - a == Money.zero(a.currency)


@given(any_money(), st.integers(0, 20))
def test_multiplying_by_n_is_adding_n_times(money: Money, n: int) -> None:
    assert money * n == sum([money] * n, Money.zero(money.currency))
    assert n * money == money * n


def test_multiply_by_decimal_is_exact() -> None:
    assert Money("100", "OMR") * Decimal("0.03") == Money("3", "OMR")
    assert Decimal("1.5") * Money("0.01", "SAR") == Money("0.015", "SAR")
    third = Decimal(1) / Decimal(3)
    assert (Money("3", "OMR") * third).amount == Decimal(3) * third


@pytest.mark.parametrize(
    ("factor", "exc_type", "code"),
    [
        (1.5, InvalidFormat, "money.factor.float"),
        (True, InvalidFormat, "money.factor.type"),
        ("2", InvalidFormat, "money.factor.type"),
        (None, InvalidFormat, "money.factor.type"),
        (Decimal("NaN"), InvalidFormat, "money.factor.not_finite"),
        (Decimal("Infinity"), InvalidFormat, "money.factor.not_finite"),
        (10**60, InvalidComponent, "money.factor.range"),
        (Decimal("1E+99"), InvalidComponent, "money.factor.range"),
        (Decimal("1E-99"), InvalidComponent, "money.factor.range"),
        (Decimal("1." + "1" * 70), InvalidComponent, "money.factor.range"),
    ],
)
def test_bad_factors(factor: object, exc_type: type[MunicipalError], code: str) -> None:
    with pytest.raises(exc_type) as exc:
        Money(1, "OMR") * factor  # type: ignore[operator]
    assert exc.value.code == code
    with pytest.raises(exc_type):
        factor * Money(1, "OMR")  # type: ignore[operator]


def test_money_times_money_is_a_typed_error() -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money(1, "OMR") * Money(2, "OMR")  # type: ignore[operator]
    assert exc.value.code == "money.factor.money"


def test_products_out_of_range_are_typed_errors() -> None:
    big = Money("9" * 17, "OMR")
    with pytest.raises(InvalidComponent) as exc:
        big * 100
    assert exc.value.code == "money.amount.range"
    with pytest.raises(InvalidComponent) as exc:
        Money("0.001", "OMR") * Decimal("1E-40")
    assert exc.value.code == "money.amount.precision"


@pytest.mark.parametrize("other", [2, Decimal(2), Money(2, "OMR")])
def test_there_is_no_division(other: object) -> None:
    money = Money(1, "OMR")
    with pytest.raises(DomainRuleError) as exc:
        money / other
    assert exc.value.code == "money.division"
    with pytest.raises(DomainRuleError):
        money // other
    with pytest.raises(DomainRuleError):
        other / money


def test_comparisons_within_one_currency() -> None:
    a, b = Money("1.5", "SAR"), Money("2", "SAR")
    assert a < b
    assert a <= b
    assert b > a
    assert b >= a
    assert a <= Money("1.50", "SAR")
    assert max(a, b) is b
    assert sorted([b, a]) == [a, b]


@pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
def test_comparing_with_non_money_is_a_typed_error(other: object) -> None:
    with pytest.raises(InvalidFormat):
        _ = Money(1, "OMR") < other  # type: ignore[operator]
    with pytest.raises(InvalidFormat):
        _ = other < Money(1, "OMR")  # type: ignore[operator]


def test_sign_predicates() -> None:
    assert Money(0, "OMR").is_zero()
    assert Money("-0.000", "OMR").is_zero()
    assert not Money("-0", "OMR").is_negative()
    assert not Money("0", "OMR").is_positive()
    assert Money("0.0001", "OMR").is_positive()
    assert Money("-0.0001", "OMR").is_negative()


def test_arithmetic_ignores_a_hostile_ambient_context() -> None:
    a, b = Money("123456789012345.678", "OMR"), Money("0.0000001", "OMR")
    expected = (a + b, a - b, a * Decimal("1.05"), -a, abs(b), a.round(decimal.ROUND_HALF_UP))
    with decimal.localcontext() as ctx:
        ctx.prec = 2
        ctx.rounding = decimal.ROUND_FLOOR
        for signal in (decimal.Inexact, decimal.Rounded, decimal.InvalidOperation):
            ctx.traps[signal] = True
        got = (a + b, a - b, a * Decimal("1.05"), -a, abs(b), a.round(decimal.ROUND_HALF_UP))
        assert Money("1", "SAR").ratio_to(Money("3", "SAR")) == Decimal("0." + "3" * 28)
        assert Money("123456789012345.678", "OMR").format() == "OMR 123,456,789,012,345.678"
        assert Money("99999", "OMR").allocate(7)[0] == Money("14285.572", "OMR")
    assert got == expected


# --- rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "positive", "negative"),
    [
        (decimal.ROUND_HALF_UP, "0.13", "-0.13"),
        (decimal.ROUND_HALF_EVEN, "0.12", "-0.12"),
        (decimal.ROUND_HALF_DOWN, "0.12", "-0.12"),
        (decimal.ROUND_UP, "0.13", "-0.13"),
        (decimal.ROUND_DOWN, "0.12", "-0.12"),
        (decimal.ROUND_CEILING, "0.13", "-0.12"),
        (decimal.ROUND_FLOOR, "0.12", "-0.13"),
        (decimal.ROUND_05UP, "0.12", "-0.12"),
    ],
)
def test_round_modes(mode: str, positive: str, negative: str) -> None:
    assert Money("0.125", "SAR").round(mode) == Money(positive, "SAR")
    assert Money("-0.125", "SAR").round(mode) == Money(negative, "SAR")
    assert mode in ROUNDING_MODES


def test_round_to_whole_units_and_micro_units() -> None:
    assert Money("2.5", WHOLE).round(decimal.ROUND_HALF_EVEN) == Money(2, WHOLE)
    assert Money("0.0000005", MICRO).round(decimal.ROUND_HALF_UP) == Money("0.000001", MICRO)


@pytest.mark.parametrize("mode", ["HALF_UP", "round_half_up", "", None, 2, [], decimal.Decimal])
def test_round_needs_a_decimal_rounding_constant(mode: object) -> None:
    with pytest.raises(InvalidComponent) as exc:
        Money("1.005", "SAR").round(mode)  # type: ignore[arg-type]
    assert (exc.value.code, exc.value.field) == ("money.rounding.mode", "mode")


def test_builtin_round_is_refused() -> None:
    with pytest.raises(InvalidComponent) as exc:
        round(Money("1.005", "SAR"))
    assert exc.value.code == "money.rounding.mode"


@given(any_money(), st.sampled_from(sorted(ROUNDING_MODES)))
def test_round_is_idempotent_and_close(money: Money, mode: str) -> None:
    rounded = money.round(mode)
    assert rounded.is_rounded()
    assert rounded.round(mode) == rounded
    assert abs(rounded - money).amount < money.currency.minor_unit
    if money.is_rounded():
        assert rounded == money


@given(any_money())
def test_half_up_is_within_half_a_minor_unit(money: Money) -> None:
    error = abs(money.round(decimal.ROUND_HALF_UP) - money).amount
    assert error * 2 <= money.currency.minor_unit


def test_round_of_a_huge_amount_is_exact_or_a_typed_error() -> None:
    top = Money("9" * 18 + ".0004", "OMR")
    assert top.round(decimal.ROUND_HALF_UP) == Money("9" * 18, "OMR")
    with pytest.raises(InvalidComponent) as exc:
        Money("9" * 18 + ".9996", "OMR").round(decimal.ROUND_HALF_UP)
    assert exc.value.code == "money.amount.range"


def test_is_rounded() -> None:
    assert Money("1.005", "OMR").is_rounded()
    assert not Money("1.0005", "OMR").is_rounded()
    assert Money("1.10", "SAR").is_rounded()
    assert not Money("0.5", WHOLE).is_rounded()


# --- minor units ------------------------------------------------------------------------


@given(st.sampled_from(ALL_CURRENCIES), st.integers(-(10**18) + 1, 10**18 - 1))
def test_minor_units_round_trip(currency: Currency, units: int) -> None:
    money = Money.from_minor_units(units, currency)
    assert money.is_rounded()
    assert money.minor_units == units


def test_minor_units_of_unrounded_money_is_refused() -> None:
    with pytest.raises(DomainRuleError) as exc:
        _ = Money("1.0005", "OMR").minor_units
    assert exc.value.code == "money.amount.not_rounded"
    assert "baisa" in exc.value.message_en
    assert "بيسة" in exc.value.message_ar


@pytest.mark.parametrize("units", [1.0, True, "5", None, Decimal(5)])
def test_from_minor_units_needs_an_int(units: object) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money.from_minor_units(units, "OMR")  # type: ignore[arg-type]
    assert exc.value.code == "money.minor_units.type"


def test_from_minor_units_range() -> None:
    with pytest.raises(InvalidComponent):
        Money.from_minor_units(10**21, "OMR")
    assert Money.from_minor_units(10**21 - 1, "OMR").is_positive()


# --- allocation -------------------------------------------------------------------------


def test_allocate_examples() -> None:
    assert Money("100", "OMR").allocate(3) == (
        Money("33.334", "OMR"), Money("33.333", "OMR"), Money("33.333", "OMR"),
    )
    # ties go to the earlier parts
    assert Money("0.02", "SAR").allocate(3) == (
        Money("0.01", "SAR"), Money("0.01", "SAR"), Money("0", "SAR"),
    )
    assert Money("-0.05", "SAR").allocate([1, 1]) == (Money("-0.03", "SAR"), Money("-0.02", "SAR"))
    assert Money("10", "SAR").allocate([Decimal("0.7"), Decimal("0.3"), 0]) == (
        Money(7, "SAR"), Money(3, "SAR"), Money(0, "SAR"),
    )
    assert Money("100", "OMR").allocate((1, 1, 1)) == Money("100", "OMR").allocate(3)
    assert Money("5", "OMR").allocate(1) == (Money(5, "OMR"),)
    assert Money("0", "OMR").allocate(4) == (Money(0, "OMR"),) * 4
    # largest remainder, not the first part: 1.00 in 1:2:7 -> 0.1, 0.2, 0.7 exactly
    assert [m.minor_units for m in Money("0.10", "SAR").allocate([1, 2, 7])] == [1, 2, 7]
    assert [m.minor_units for m in Money("0.10", "SAR").allocate([3, 3, 4])] == [3, 3, 4]
    assert [m.minor_units for m in Money("0.11", "SAR").allocate([2, 7])] == [2, 9]


def test_allocate_needs_a_rounded_amount() -> None:
    with pytest.raises(DomainRuleError) as exc:
        Money("1.0005", "OMR").allocate(2)
    assert exc.value.code == "money.amount.not_rounded"
    assert "round" in exc.value.message_en


@pytest.mark.parametrize(
    ("parts", "exc_type", "code"),
    [
        (0, InvalidComponent, "money.allocate.parts"),
        (-2, InvalidComponent, "money.allocate.parts"),
        (MAX_ALLOCATION_PARTS + 1, InvalidComponent, "money.allocate.parts"),
        ([], InvalidComponent, "money.allocate.parts"),
        ([1] * (MAX_ALLOCATION_PARTS + 1), InvalidComponent, "money.allocate.parts"),
        ([0, 0], InvalidComponent, "money.allocate.zero"),
        ([Decimal(0), Decimal("0.000")], InvalidComponent, "money.allocate.zero"),
        ([-1, 2], InvalidComponent, "money.allocate.negative"),
        ([1, Decimal("-0.5")], InvalidComponent, "money.allocate.negative"),
        ([1.5, 1], InvalidFormat, "money.allocate.ratio.float"),
        ([Decimal("NaN")], InvalidFormat, "money.allocate.ratio.not_finite"),
        ([1, None], InvalidFormat, "money.allocate.ratio.type"),
        ([True, 1], InvalidFormat, "money.allocate.ratio.type"),
        ([Decimal("1E+99")], InvalidComponent, "money.allocate.ratio.range"),
        (True, InvalidFormat, "money.allocate.type"),
        (2.0, InvalidFormat, "money.allocate.type"),
        ("12", InvalidFormat, "money.allocate.type"),
        (None, InvalidFormat, "money.allocate.type"),
        ({1: 2}, InvalidFormat, "money.allocate.type"),
        (iter([1, 2]), InvalidFormat, "money.allocate.type"),
    ],
)
def test_allocate_bad_parts(parts: object, exc_type: type[MunicipalError], code: str) -> None:
    with pytest.raises(exc_type) as exc:
        Money("10", "OMR").allocate(parts)  # type: ignore[arg-type]
    assert (exc.value.code, exc.value.field) == (code, "parts")


@given(rounded_money(), st.integers(1, 50))
def test_equal_split_sums_to_the_whole_and_parts_differ_by_one_unit(
    money: Money, n: int
) -> None:
    parts = money.allocate(n)
    assert len(parts) == n
    assert sum(parts) == money
    units = [p.minor_units for p in parts]
    assert max(units) - min(units) <= 1
    # the extra units go to the earlier parts
    assert units == sorted(units, reverse=money.is_positive())


ratio_values = st.one_of(
    st.integers(0, 1000),
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
)


@given(rounded_money(), st.lists(ratio_values, min_size=1, max_size=12))
def test_ratio_split_sums_to_the_whole_and_each_part_is_within_one_unit(
    money: Money, ratios: list[int | Decimal]
) -> None:
    assume(any(r > 0 for r in ratios))
    parts = money.allocate(ratios)
    assert len(parts) == len(ratios)
    assert sum(parts) == money
    total = sum(Decimal(r) for r in ratios)
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        for part, ratio in zip(parts, ratios, strict=True):
            exact_units = Decimal(money.minor_units) * Decimal(ratio) / total
            assert abs(part.minor_units - exact_units) < 1
            if ratio == 0:
                assert part.is_zero()


@given(rounded_money(), st.lists(st.integers(0, 100), min_size=1, max_size=8))
def test_allocation_of_a_negative_amount_mirrors_the_positive(
    money: Money, ratios: list[int]
) -> None:
    assume(any(ratios))
    assert (-money).allocate(ratios) == tuple(-p for p in money.allocate(ratios))


# --- percentages ------------------------------------------------------------------------


def test_percent_examples() -> None:
    assert Money("1200", "OMR").percent(3) == Money("36", "OMR")
    assert Money("100", "OMR").percent(Decimal("2.5")) == Money("2.5", "OMR")
    assert Money("99.99", "SAR").percent(15) == Money("14.9985", "SAR")
    assert Money("200", "SAR").percent(-10) == Money("-20", "SAR")
    assert Money("200", "OMR").add_percent(5) == Money("210", "OMR")
    assert Money("1000", "SAR").add_percent(Decimal("15")) == Money("1150", "SAR")


@pytest.mark.parametrize(
    ("rate", "code"),
    [(3.0, "money.rate.float"), ("3", "money.rate.type"), (None, "money.rate.type")],
)
def test_percent_rejects_bad_rates(rate: object, code: str) -> None:
    with pytest.raises(InvalidFormat) as exc:
        Money(1, "OMR").percent(rate)  # type: ignore[arg-type]
    assert exc.value.code == code


@given(any_money(), st.decimals(min_value=-200, max_value=200, places=2, allow_nan=False))
def test_percent_is_exact(money: Money, rate: Decimal) -> None:
    assert money.percent(100) == money
    assert money.percent(rate) * 100 == money * rate
    assert money.add_percent(rate) == money + money.percent(rate)


def test_ratio_to() -> None:
    assert Money("36", "OMR").ratio_to(Money("1200", "OMR")) == Decimal("0.03")
    assert Money("-5", "SAR").ratio_to(Money("2", "SAR")) == Decimal("-2.5")
    third = Money("1", "SAR").ratio_to(Money("3", "SAR"))
    assert third == Decimal("0." + "3" * 28)
    with pytest.raises(DomainRuleError) as exc:
        Money("1", "SAR").ratio_to(Money.zero("SAR"))
    assert exc.value.code == "money.ratio.zero"
    with pytest.raises(InvalidFormat):
        Money("1", "SAR").ratio_to(Decimal(1))  # type: ignore[arg-type]


@given(rounded_money(), st.integers(-1000, 1000))
def test_ratio_to_inverts_an_integer_multiple(money: Money, n: int) -> None:
    assume(not money.is_zero())
    assert (money * n).ratio_to(money) == n


# --- formatting -------------------------------------------------------------------------


def test_format_examples_from_the_issue() -> None:
    money = Money("1350.25", "OMR")
    assert money.format() == "OMR 1,350.250"
    assert money.format("ar") == "1,350.250 ر.ع."
    assert money.format("ar", arabic_digits=True) == "١٬٣٥٠٫٢٥٠ ر.ع."
    assert str(money) == money.format("en")


def test_format_options() -> None:
    money = Money("-1234567.5", "SAR")
    assert money.format() == "SAR -1,234,567.50"
    assert money.format("ar") == "-1,234,567.50 ر.س."
    assert money.format(grouping=False) == "SAR -1234567.50"
    assert money.format(symbol=False) == "-1,234,567.50"
    assert money.format("ar", arabic_digits=True, grouping=False) == "-١٢٣٤٥٦٧٫٥٠ ر.س."
    assert money.format("en", arabic_digits=True, symbol=False) == "-١٬٢٣٤٬٥٦٧٫٥٠"
    assert Money("1234", WHOLE).format() == "W 1,234"
    assert Money("0.5", MICRO).format() == "M 0.500000"
    assert Money("0.005", "OMR").format() == "OMR 0.005"
    assert Money("999", "OMR").format() == "OMR 999.000"
    assert Money("1000", "OMR").format() == "OMR 1,000.000"


def test_format_rounds_half_up_for_display_only() -> None:
    money = Money("1.005", "SAR")
    assert money.format() == "SAR 1.01"
    assert money.amount == Decimal("1.005")
    assert Money("-1.005", "SAR").format() == "SAR -1.01"
    assert Money("0.0005", "OMR").format() == "OMR 0.001"
    # a negative amount that shows as zero shows no minus
    assert Money("-0.0004", "OMR").format() == "OMR 0.000"


@pytest.mark.parametrize("lang", ["fr", "EN", "", None, 1])
def test_format_language_must_be_en_or_ar(lang: object) -> None:
    with pytest.raises(InvalidComponent) as exc:
        Money(1, "OMR").format(lang)  # type: ignore[arg-type]
    assert exc.value.code == "language"


@given(any_money(), st.booleans(), st.booleans())
def test_format_shows_exactly_the_currency_decimals(
    money: Money, arabic_digits: bool, grouping: bool
) -> None:
    text = money.format("en", arabic_digits=arabic_digits, symbol=False, grouping=grouping)
    point = "٫" if arabic_digits else "."
    exponent = money.currency.exponent
    if exponent:
        assert len(text.rsplit(point, 1)[1]) == exponent
    else:
        assert point not in text
    digits = set(text) - {"-", "٬", "٫", ",", "."}
    assert digits <= set("٠١٢٣٤٥٦٧٨٩" if arabic_digits else "0123456789")


# --- parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OMR 1,350.250", Money("1350.25", "OMR")),
        ("1,350.250 ر.ع.", Money("1350.25", "OMR")),
        ("١٬٣٥٠٫٢٥٠ ر.ع.", Money("1350.25", "OMR")),
        ("١٬٣٥٠٫٢٥٠ ر.ع", Money("1350.25", "OMR")),
        ("OMR -5.000", Money("-5", "OMR")),
        ("-OMR 5.000", Money("-5", "OMR")),
        ("−5.00 ر.س.", Money("-5", "SAR")),
        ("sar 12", Money("12", "SAR")),
        ("US$ 1.5", Money("1.5", "USD")),
        ("\u200f١٢٫٥٠ ر.س.\u200f", Money("12.5", "SAR")),
        ("OMR 1.0005", Money("1.0005", "OMR")),
    ],
)
def test_parse_examples(text: str, expected: Money) -> None:
    assert Money.parse(text) == expected
    assert Money.parse(text).currency is expected.currency


def test_parse_with_an_expected_currency() -> None:
    assert Money.parse("12.50", "SAR") == Money("12.5", "SAR")
    assert Money.parse("SAR 12.50", SAR) == Money("12.5", "SAR")
    with pytest.raises(CurrencyMismatch):
        Money.parse("OMR 12.500", "SAR")


@pytest.mark.parametrize(
    ("text", "exc_type", "code"),
    [
        ("", InvalidFormat, "money.parse.format"),
        ("OMR", InvalidFormat, "money.parse.format"),
        ("12", InvalidFormat, "money.parse.currency"),
        ("12 ZZZ", InvalidFormat, "money.parse.symbol"),
        ("OMR 12 SAR", InvalidFormat, "money.parse.format"),
        ("OMR 1,35", InvalidFormat, "money.parse.format"),
        ("OMR 12,3456.000", InvalidFormat, "money.parse.format"),
        ("OMR 1e3", InvalidFormat, "money.parse.format"),
        ("1,2,3 OMR", InvalidFormat, "money.parse.symbol"),
        ("x" * 101, InvalidLength, "money.parse.length"),
        (None, InvalidFormat, "money.parse.type"),
        ("OMR\x1c5.000", InvalidFormat, "money.parse.symbol"),
    ],
)
def test_parse_errors(text: object, exc_type: type[MunicipalError], code: str) -> None:
    with pytest.raises(exc_type) as exc:
        Money.parse(text)  # type: ignore[arg-type]
    assert exc.value.code == code


def test_parse_refuses_an_ambiguous_symbol() -> None:
    register_currency(Currency("XTA", 2, "a", "أ", "m", "م", "XTA", "¤"))
    register_currency(Currency("XTB", 2, "b", "ب", "m", "م", "XTB", "¤"))
    with pytest.raises(InvalidFormat) as exc:
        Money.parse("5.00 ¤")
    assert exc.value.code == "money.parse.ambiguous"
    assert Money.parse("5.00 ¤", "XTB") == Money(5, "XTB")


@given(
    st.sampled_from(REGISTERED).flatmap(rounded_money),
    st.sampled_from(["en", "ar"]),
    st.booleans(),
    st.booleans(),
)
def test_format_then_parse_round_trips(
    money: Money, lang: str, arabic_digits: bool, grouping: bool
) -> None:
    text = money.format(lang, arabic_digits=arabic_digits, grouping=grouping)  # type: ignore[arg-type]
    assert Money.parse(text) == money
    bare = money.format(lang, arabic_digits=arabic_digits, grouping=grouping, symbol=False)  # type: ignore[arg-type]
    assert Money.parse(bare, money.currency) == money


@given(st.sampled_from(REGISTERED).flatmap(any_money))
def test_parse_of_a_display_gives_the_half_up_rounding(money: Money) -> None:
    assert Money.parse(money.format()) == money.round(decimal.ROUND_HALF_UP)


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_a_typed_error(text: str) -> None:
    try:
        money = Money.parse(text, "OMR")
    except MunicipalError as exc:
        assert exc.code.startswith(("money.", "money_"))
    else:
        assert money.currency is OMR


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(
        lambda digits, exponent, sign: Decimal((sign, tuple(digits), exponent)),
        st.lists(st.integers(0, 9), min_size=1, max_size=60),
        st.integers(-60, 20),
        st.integers(0, 1),
    ),
    st.sampled_from(["OMR", "SAR", "KWD", "USD"]),
)
def test_from_exact_is_exactly_the_constructor(value: Decimal, code: str) -> None:
    # Money._from_exact is billing's fast path; it must agree with Money() on every finite
    # Decimal: same canonical amount (digits and exponent), or the same typed error.
    from municipal_core.money import get_currency

    currency = get_currency(code)
    try:
        expected = Money(value, currency)
    except MunicipalError as err:
        with pytest.raises(type(err)) as info:
            Money._from_exact(value, currency)
        assert info.value.code == err.code
        return
    fast = Money._from_exact(value, currency)
    assert fast.amount.as_tuple() == expected.amount.as_tuple()
    assert fast.currency is expected.currency
