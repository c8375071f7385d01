"""Amounts in words: known-correct Arabic phrasings, agreement rules, and round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.documents._words import (
    MAX_AMOUNT_IN_WORDS,
    ArabicNoun,
    CurrencyWords,
    amount_in_words,
    arabic_count,
    currency_words,
    english_number,
)
from municipal_core.errors import DomainRuleError, InvalidComponent, InvalidFormat, NotFound
from municipal_core.money import Currency, Money
from municipal_core.serialization import from_json, to_json

# Each row was checked against the rules of العدد والمعدود (see the module docstring):
# 1-2 agree and follow the noun, 3-10 reverse the gender over a plural, 11-99 take an
# accusative singular, 100/1000 a genitive singular, the dual loses ن before a noun.
OMR_TABLE = [
    ("1", "ريال عماني واحد"),
    ("2", "ريالان عمانيان"),
    ("3", "ثلاثة ريالات عمانية"),
    ("10", "عشرة ريالات عمانية"),
    ("11", "أحد عشر ريالًا عمانيًا"),
    ("12", "اثنا عشر ريالًا عمانيًا"),
    ("20", "عشرون ريالًا عمانيًا"),
    ("21", "واحد وعشرون ريالًا عمانيًا"),
    ("100", "مائة ريال عماني"),
    ("101", "مائة ريال عماني وريال عماني واحد"),
    ("200", "مائتا ريال عماني"),
    ("1000", "ألف ريال عماني"),
    ("2000", "ألفا ريال عماني"),
    ("3000", "ثلاثة آلاف ريال عماني"),
    ("11000", "أحد عشر ألف ريال عماني"),
    ("1000000", "مليون ريال عماني"),
    ("0.001", "بيسة واحدة"),
    ("0.002", "بيستان"),
    ("0.003", "ثلاث بيسات"),
    ("0.008", "ثماني بيسات"),
    ("0.010", "عشر بيسات"),
    ("0.011", "إحدى عشرة بيسة"),
    ("0.013", "ثلاث عشرة بيسة"),
    ("0.020", "عشرون بيسة"),
    ("0.021", "إحدى وعشرون بيسة"),
    ("0.028", "ثمان وعشرون بيسة"),
    ("0.100", "مائة بيسة"),
    ("0.101", "مائة بيسة وبيسة واحدة"),
    ("0.200", "مائتا بيسة"),
    ("350.250", "ثلاثمائة وخمسون ريالًا عمانيًا ومائتان وخمسون بيسة"),
    ("1.500", "ريال عماني واحد وخمسمائة بيسة"),
    ("2000.002", "ألفا ريال عماني وبيستان"),
    ("11500.750", "أحد عشر ألفًا وخمسمائة ريال عماني وسبعمائة وخمسون بيسة"),
]

SAR_TABLE = [
    ("1", "ريال سعودي واحد"),
    ("2", "ريالان سعوديان"),
    ("3", "ثلاثة ريالات سعودية"),
    ("10", "عشرة ريالات سعودية"),
    ("11", "أحد عشر ريالًا سعوديًا"),
    ("15", "خمسة عشر ريالًا سعوديًا"),
    ("20", "عشرون ريالًا سعوديًا"),
    ("21", "واحد وعشرون ريالًا سعوديًا"),
    ("100", "مائة ريال سعودي"),
    ("101", "مائة ريال سعودي وريال سعودي واحد"),
    ("200", "مائتا ريال سعودي"),
    ("1000", "ألف ريال سعودي"),
    ("2000", "ألفا ريال سعودي"),
    ("3000", "ثلاثة آلاف ريال سعودي"),
    ("11000", "أحد عشر ألف ريال سعودي"),
    ("1000000", "مليون ريال سعودي"),
    ("3000000", "ثلاثة ملايين ريال سعودي"),
    ("0.01", "هللة واحدة"),
    ("0.02", "هللتان"),
    ("0.03", "ثلاث هللات"),
    ("0.10", "عشر هللات"),
    ("0.11", "إحدى عشرة هللة"),
    ("0.12", "اثنتا عشرة هللة"),
    ("0.20", "عشرون هللة"),
    ("0.21", "إحدى وعشرون هللة"),
    ("0.99", "تسع وتسعون هللة"),
    ("1050.75", "ألف وخمسون ريالًا سعوديًا وخمس وسبعون هللة"),
]


@pytest.mark.parametrize(("amount", "expected"), OMR_TABLE)
def test_omani_rials_and_baisa(amount: str, expected: str) -> None:
    assert amount_in_words(Money(amount, "OMR")) == expected


@pytest.mark.parametrize(("amount", "expected"), SAR_TABLE)
def test_saudi_riyals_and_halalas(amount: str, expected: str) -> None:
    assert amount_in_words(Money(amount, "SAR")) == expected


def test_only_wrapper_guards_against_additions() -> None:
    assert (
        amount_in_words(Money("350", "OMR"), only=True) == "فقط ثلاثمائة وخمسون ريالًا عمانيًا لا غير"
    )
    assert (
        amount_in_words(Money("350", "OMR"), "en", only=True)
        == "Three hundred fifty Omani rials only"
    )


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("350.250", "OMR", "Three hundred fifty Omani rials and two hundred fifty baisa"),
        ("1.001", "OMR", "One Omani rial and one baisa"),
        ("0.01", "SAR", "One halala"),
        ("0", "SAR", "Zero Saudi riyals"),
        ("1000021.50", "SAR", "One million twenty-one Saudi riyals and fifty halalas"),
        ("3.25", "USD", "Three US dollars and twenty-five cents"),
    ],
)
def test_english(amount: str, currency: str, expected: str) -> None:
    assert amount_in_words(Money(amount, currency), "en") == expected


def test_zero_says_zero() -> None:
    assert amount_in_words(Money("0", "OMR")) == "صفر ريال عماني"


def test_other_gulf_currencies_use_their_plurals() -> None:
    assert amount_in_words(Money("3", "KWD")) == "ثلاثة دنانير كويتية"
    assert amount_in_words(Money("5.005", "BHD")) == "خمسة دنانير بحرينية وخمسة فلوس"
    assert amount_in_words(Money("4.04", "AED")) == "أربعة دراهم إماراتية وأربعة فلوس"
    assert amount_in_words(Money("0.03", "QAR")) == "ثلاثة دراهم"


def test_caller_supplied_words_for_an_unknown_currency() -> None:
    euro = Currency("EUR", 2, "euro", "يورو", "cent", "سنت")
    with pytest.raises(NotFound) as caught:
        amount_in_words(Money("3", euro))
    assert caught.value.code == "documents.words.currency"
    words = CurrencyWords(
        ArabicNoun(False, "يورو", "يورو واحد", "يوروان", "يوروات", "يورو"),
        currency_words("USD").minor,
        ("euro", "euros"),
        ("cent", "cents"),
    )
    assert amount_in_words(Money("3.02", euro), words=words) == "ثلاثة يوروات وسنتان"


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (lambda: amount_in_words(Money("-1", "OMR")), DomainRuleError, "documents.words.negative"),
        (
            lambda: amount_in_words(Money("1.0005", "OMR")),
            DomainRuleError,
            "documents.words.not_rounded",
        ),
        (lambda: amount_in_words(Decimal("1")), InvalidFormat, "documents.words.type"),  # type: ignore[arg-type]
        (lambda: amount_in_words(Money(10**15, "SAR")), InvalidComponent, "documents.words.range"),
        (lambda: amount_in_words(Money(1, "SAR"), "fr"), InvalidComponent, "language"),  # type: ignore[arg-type]
        (
            lambda: amount_in_words(Money(1, "SAR"), words="x"),  # type: ignore[arg-type]
            InvalidFormat,
            "documents.words.type",
        ),
        (
            lambda: arabic_count(-1, currency_words("SAR").major),
            InvalidComponent,
            "documents.words.range",
        ),
        (lambda: english_number(True), InvalidComponent, "documents.words.range"),
        (lambda: currency_words(None), NotFound, "documents.words.currency"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_raises_typed_errors(call: object, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert caught.value.code == code  # type: ignore[attr-defined]


def test_noun_forms_are_validated() -> None:
    with pytest.raises(InvalidFormat):
        ArabicNoun(False, "", "x", "x", "x", "x")


def test_currency_words_round_trip_through_json() -> None:
    words = currency_words("OMR")
    assert from_json(to_json(words), CurrencyWords) == words


# --------------------------------------------------------------------------- properties

_ARABIC_VALUES = {
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1,
    "اثنان": 2, "اثنتان": 2, "اثنا": 2, "اثنتا": 2,
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5,
    "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8,
    "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
    "عشرون": 20, "ثلاثون": 30, "أربعون": 40, "خمسون": 50, "ستون": 60,
    "سبعون": 70, "ثمانون": 80, "تسعون": 90,
    "مائة": 100, "مائتان": 200, "مائتا": 200, "ثلاثمائة": 300, "أربعمائة": 400,
    "خمسمائة": 500, "ستمائة": 600, "سبعمائة": 700, "ثمانمائة": 800, "تسعمائة": 900,
}  # fmt: skip
_SCALE_WORDS = {
    **dict.fromkeys(("ألف", "ألفًا", "آلاف"), 10**3),
    **dict.fromkeys(("مليون", "مليونًا", "ملايين"), 10**6),
    **dict.fromkeys(("مليار", "مليارًا", "مليارات"), 10**9),
    **dict.fromkeys(("تريليون", "تريليونًا", "تريليونات"), 10**12),
}
_SCALE_DUALS = {
    **dict.fromkeys(("ألفان", "ألفا"), 2 * 10**3),
    **dict.fromkeys(("مليونان", "مليونا"), 2 * 10**6),
    **dict.fromkeys(("ملياران", "مليارا"), 2 * 10**9),
    **dict.fromkeys(("تريليونان", "تريليونا"), 2 * 10**12),
}


def _parse_arabic(text: str, noun: ArabicNoun) -> int:
    """Read an Arabic count back, independently of how it was built."""
    dual = noun.dual.split()[0]
    total = current = 0
    for token in text.split():
        word = token
        if word not in _ARABIC_VALUES and word.startswith("و"):
            word = word[1:]
        if word in _ARABIC_VALUES:
            current += _ARABIC_VALUES[word]
        elif word in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[word]
            current = 0
        elif word in _SCALE_DUALS:
            total += _SCALE_DUALS[word]
        elif word == dual:
            current += 2
    return total + current


_EN_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_VALUES = {w: i for i, w in enumerate(_EN_UNITS)} | {
    w: 10 * i for i, w in enumerate(_EN_TENS, start=2)
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _parse_english(text: str) -> int:
    total = current = 0
    for token in text.replace("-", " ").split():
        if token == "hundred":
            current *= 100
        elif token in _EN_SCALES:
            total += current * _EN_SCALES[token]
            current = 0
        else:
            current += _EN_VALUES[token]
    return total + current


NOUNS = [
    currency_words("OMR").major,
    currency_words("OMR").minor,
    currency_words("SAR").minor,
    currency_words("KWD").major,
]


@given(st.integers(0, MAX_AMOUNT_IN_WORDS - 1), st.sampled_from(NOUNS))
def test_arabic_count_reads_back(n: int, noun: ArabicNoun) -> None:
    assert _parse_arabic(arabic_count(n, noun), noun) == n


@given(st.integers(0, MAX_AMOUNT_IN_WORDS - 1))
def test_english_number_reads_back(n: int) -> None:
    assert _parse_english(english_number(n)) == n


@given(st.integers(3, 999), st.sampled_from(NOUNS))
def test_agreement_of_the_last_number_said(n: int, noun: ArabicNoun) -> None:
    text = arabic_count(n, noun)
    last = n % 100
    if 3 <= last <= 10:
        assert text.endswith(noun.plural)
    elif last >= 11:
        assert text.endswith(noun.accusative)
    elif last == 0:
        assert text.endswith(noun.singular)
    else:  # 101, 102, ...: the 1 or 2 is added as a noun after the hundred
        assert text.endswith(noun.one if last == 1 else noun.dual)


@given(st.integers(0, 10**12), st.integers(0, 999), st.sampled_from(["OMR", "SAR"]))
def test_any_amount_is_the_major_part_then_the_minor_part(
    major: int, minor: int, code: str
) -> None:
    words = currency_words(code)
    scale = 1000 if code == "OMR" else 100
    minor %= scale
    money = Money.from_minor_units(major * scale + minor, code)
    arabic, english = amount_in_words(money), amount_in_words(money, "en")
    if not minor:
        assert _parse_arabic(arabic, words.major) == major
        assert _parse_english(english.lower().rsplit(" ", 2)[0]) == major
        return
    minor_only = Money.from_minor_units(minor, code)
    minor_ar, minor_en = amount_in_words(minor_only), amount_in_words(minor_only, "en")
    assert _parse_arabic(minor_ar, words.minor) == minor
    if not major:
        assert (arabic, english) == (minor_ar, minor_en)
        return
    major_ar, rest = arabic[: -len(minor_ar) - 2], arabic[-len(minor_ar) - 2 :]
    assert rest == " و" + minor_ar
    assert _parse_arabic(major_ar, words.major) == major
    assert english.endswith(" and " + minor_en[0].lower() + minor_en[1:])
