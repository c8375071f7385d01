"""Amounts of money in words, in Arabic and English, as contracts and receipts print them.

Written by hand, not with num2words: num2words' Arabic money mode treats every currency
as having 100 subunits (an Omani rial has 1000 baisa, so 350.250 OMR comes out wrong) and
does not apply the agreement rules below to the currency nouns. The Arabic follows the
rules of العدد والمعدود (number and counted noun) as the grammar books state them -- see
النحو الواضح, باب العدد (https://shamela.ws/book/10018/782) and the summary at
https://tarbikafa.com/2017/07/Ruling-numbers-numbers-terms-recall-femininity.html:

* 1 and 2 agree with the noun in gender and follow it as adjectives: ``ريال عماني واحد``,
  ``بيسة واحدة``; 2 is the noun's dual: ``ريالان عمانيان``, ``بيستان``.
* 3 to 10 take the opposite gender of the noun's singular, and the noun is a genitive
  plural: ``ثلاثة ريالات`` (ريال is masculine), ``ثلاث بيسات`` (بيسة is feminine).
* 11 to 19: 11 and 12 agree in both parts (``أحد عشر ريالًا``, ``إحدى عشرة بيسة``);
  13 to 19 take the opposite gender in the unit and the same gender in ``عشر/عشرة``
  (``ثلاثة عشر ريالًا``, ``ثلاث عشرة بيسة``). The noun is an accusative singular.
* 20 to 99: the tens are the same for both genders; units follow the rules above
  (``واحد وعشرون ريالًا``, ``إحدى وعشرون بيسة``); the noun is an accusative singular.
* 100, 1000 and their multiples are the same for both genders and take a genitive
  singular: ``مائة ريال``, ``مائتا ريال`` (the dual loses its ن before the noun),
  ``ثلاثمائة ريال``. ألف (masculine) is itself a counted noun: ``ألفان``, ``ثلاثة آلاف``,
  ``أحد عشر ألفًا`` -- and ``أحد عشر ألف ريال`` when the currency follows directly
  (the classical ``أحد عشر ألف جارية``, https://shamela.ws/book/18273/433). مليون,
  مليار and تريليون behave the same way (``ثلاثة ملايين``, ``مليونا ريال``).
* In a compound number the noun follows the rule of the last number said (Arabic says
  units before tens, so ``ثلاثمائة وخمسون ريالًا`` is accusative because of خمسون). A
  number ending in 1 or 2 after a larger part (101, 1002) cannot put a noun after its
  واحد/اثنان, which take none, so the noun is said with the larger part and the 1 or 2
  is added as a noun: ``مائة ريال عماني وريال عماني واحد``,
  ``ألف ريال عماني وريالان عمانيان``.

Numbers are in the nominative (an amount printed on its own, or after ``فقط``); the
tanween of the accusative is written on masculine nouns (``ريالًا``) and, as usual in
print, left off after ta marbuta (``بيسة``). The hundred is spelled ``مائة`` as on Omani
and Saudi financial documents.

Examples:
    >>> from municipal_core.money import Money
    >>> amount_in_words(Money("350.250", "OMR"))
    'ثلاثمائة وخمسون ريالًا عمانيًا ومائتان وخمسون بيسة'
    >>> amount_in_words(Money("2", "SAR"), only=True)
    'فقط ريالان سعوديان لا غير'
    >>> amount_in_words(Money("350.250", "OMR"), "en")
    'Three hundred fifty Omani rials and two hundred fifty baisa'
"""

from __future__ import annotations

from typing import Final

import attrs

from municipal_core._checks import invalid_type, text, type_of
from municipal_core._text import language
from municipal_core.errors import (
    DomainRuleError,
    InvalidComponent,
    InvalidFormat,
    Language,
    NotFound,
)
from municipal_core.money import Money

__all__ = [
    "MAX_AMOUNT_IN_WORDS",
    "ArabicNoun",
    "CurrencyWords",
    "amount_in_words",
    "arabic_count",
    "currency_words",
    "english_number",
]

_CODE = "documents.words"

MAX_AMOUNT_IN_WORDS: Final = 10**15
"""Whole units must be below this (a thousand trillion): the largest scale word is تريليون."""


@attrs.frozen
class ArabicNoun:
    """The forms of an Arabic counted noun that the counting rules pick from.

    Attributes:
        feminine: the grammatical gender of the singular (بيسة and هللة are feminine).
        singular: the singular as it follows 100, 1000 and 0: ``ريال عماني``.
        one: exactly one, with ``واحد``/``واحدة`` after it: ``ريال عماني واحد``.
        dual: exactly two: ``ريالان عمانيان``.
        plural: the plural counted by 3 to 10: ``ريالات عمانية``.
        accusative: the accusative singular counted by 11 to 99: ``ريالًا عمانيًا``.
        dual_construct: the dual before another noun (``ألفا`` in ``ألفا ريال``); only
            scale words (ألف, مليون) need it; defaults to ``dual``.
        accusative_construct: the accusative before another noun (``ألف`` in
            ``أحد عشر ألف ريال``); defaults to ``accusative``.

    Examples:
        >>> ArabicNoun(True, "بيسة", "بيسة واحدة", "بيستان", "بيسات", "بيسة").plural
        'بيسات'
    """

    feminine: bool = attrs.field(validator=type_of(bool, _CODE))
    singular: str = attrs.field(validator=text(_CODE))
    one: str = attrs.field(validator=text(_CODE))
    dual: str = attrs.field(validator=text(_CODE))
    plural: str = attrs.field(validator=text(_CODE))
    accusative: str = attrs.field(validator=text(_CODE))
    dual_construct: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(text(_CODE))
    )
    accusative_construct: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(text(_CODE))
    )


@attrs.frozen
class CurrencyWords:
    """How a currency's major and minor units are written out.

    Attributes:
        major: the Arabic noun of the major unit (ريال عماني).
        minor: the Arabic noun of the minor unit (بيسة).
        major_en: English singular and plural of the major unit.
        minor_en: English singular and plural of the minor unit.

    Examples:
        >>> currency_words("OMR").minor_en
        ('baisa', 'baisa')
    """

    major: ArabicNoun = attrs.field(validator=type_of(ArabicNoun, _CODE))
    minor: ArabicNoun = attrs.field(validator=type_of(ArabicNoun, _CODE))
    major_en: tuple[str, str]
    minor_en: tuple[str, str]


def _noun(feminine: bool, stem: str, adjective: str = "") -> ArabicNoun:
    """Build a noun from ``singular|dual|plural|accusative`` and an adjective's forms."""
    adj = adjective.split("|") if adjective else ["", "", "", ""]
    sing, du, pl, acc = (f"{w} {a}".strip() for w, a in zip(stem.split("|"), adj, strict=True))
    one = f"{sing} {'واحدة' if feminine else 'واحد'}"
    return ArabicNoun(feminine, sing, one, du, pl, acc)


# Adjectives agree with the noun: ريال عماني / ريالان عمانيان / ريالات عمانية (a non-human
# plural takes a feminine singular adjective) / ريالًا عمانيًا.
def _adjective(base: str) -> str:
    return f"{base}|{base}ان|{base}ة|{base}ًا"


_FILS = _noun(False, "فلس|فلسان|فلوس|فلسًا")
_DIRHAM = "درهم|درهمان|دراهم|درهمًا"  # دراهم is a diptote: no tanween
_DINAR = "دينار|ديناران|دنانير|دينارًا"
_RIYAL = "ريال|ريالان|ريالات|ريالًا"

_CURRENCY_WORDS: dict[str, CurrencyWords] = {
    "OMR": CurrencyWords(
        _noun(False, _RIYAL, _adjective("عماني")),
        _noun(True, "بيسة|بيستان|بيسات|بيسة"),
        ("Omani rial", "Omani rials"),
        ("baisa", "baisa"),
    ),
    "SAR": CurrencyWords(
        _noun(False, _RIYAL, _adjective("سعودي")),
        _noun(True, "هللة|هللتان|هللات|هللة"),
        ("Saudi riyal", "Saudi riyals"),
        ("halala", "halalas"),
    ),
    "AED": CurrencyWords(
        _noun(False, _DIRHAM, _adjective("إماراتي")),
        _FILS,
        ("UAE dirham", "UAE dirhams"),
        ("fils", "fils"),
    ),
    "KWD": CurrencyWords(
        _noun(False, _DINAR, _adjective("كويتي")),
        _FILS,
        ("Kuwaiti dinar", "Kuwaiti dinars"),
        ("fils", "fils"),
    ),
    "BHD": CurrencyWords(
        _noun(False, _DINAR, _adjective("بحريني")),
        _FILS,
        ("Bahraini dinar", "Bahraini dinars"),
        ("fils", "fils"),
    ),
    "QAR": CurrencyWords(
        _noun(False, _RIYAL, _adjective("قطري")),
        _noun(False, _DIRHAM),
        ("Qatari riyal", "Qatari riyals"),
        ("dirham", "dirhams"),
    ),
    "USD": CurrencyWords(
        _noun(False, "دولار|دولاران|دولارات|دولارًا", _adjective("أمريكي")),
        _noun(False, "سنت|سنتان|سنتات|سنتًا"),
        ("US dollar", "US dollars"),
        ("cent", "cents"),
    ),
}


def currency_words(code: str) -> CurrencyWords:
    """Return the words for the currency with ISO code ``code``.

    Raises:
        NotFound: no words are known for the currency (``documents.words.currency``);
            pass your own :class:`CurrencyWords` to :func:`amount_in_words`.

    Examples:
        >>> currency_words("SAR").major.dual
        'ريالان سعوديان'
        >>> currency_words("EUR")
        Traceback (most recent call last):
            ...
        municipal_core.errors.NotFound: No words are known for this currency.
    """
    words = _CURRENCY_WORDS.get(code) if isinstance(code, str) else None
    if words is None:
        raise NotFound(
            "No words are known for this currency.",
            "لا توجد صيغة كتابية لهذه العملة.",
            code=f"{_CODE}.currency",
            field="currency",
        )
    return words


# --------------------------------------------------------------------------- Arabic

_SCALES: Final = (
    ArabicNoun(False, "ألف", "ألف", "ألفان", "آلاف", "ألفًا", "ألفا", "ألف"),
    ArabicNoun(False, "مليون", "مليون", "مليونان", "ملايين", "مليونًا", "مليونا", "مليون"),
    ArabicNoun(False, "مليار", "مليار", "ملياران", "مليارات", "مليارًا", "مليارا", "مليار"),
    ArabicNoun(
        False, "تريليون", "تريليون", "تريليونان", "تريليونات", "تريليونًا", "تريليونا", "تريليون"
    ),
)
"""ألف, مليون, مليار, تريليون: each a masculine counted noun of the next scale down."""

# 3..10 with a masculine noun take the feminine form, and the reverse (the reversed gender
# rule). Eight with a feminine noun is ثماني before a noun or عشرة (ثَمَانِيَ حِجَجٍ,
# Quran 28:27), ثمانٍ (written ثمان) before و + tens.
_UNITS_FOR_MASCULINE: Final = (
    "", "", "", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة",
)  # fmt: skip
_UNITS_FOR_FEMININE: Final = (
    "", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر",
)  # fmt: skip
_TENS: Final = (
    "", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون",
)  # fmt: skip
# Hundreds before و (مائتان) and right before the counted noun (مائتا ريال).
_HUNDREDS: Final = (
    "", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة",
    "ثمانمائة", "تسعمائة",
)  # fmt: skip
_HUNDREDS_BEFORE_NOUN: Final = ("", "مائة", "مائتا", *_HUNDREDS[3:])


def _teens_and_tens(r: int, feminine: bool) -> str:
    """Return the number word for 11..99 counting a noun of the given gender."""
    if r == 11:
        return "إحدى عشرة" if feminine else "أحد عشر"
    if r == 12:
        return "اثنتا عشرة" if feminine else "اثنا عشر"
    reversed_units = _UNITS_FOR_FEMININE if feminine else _UNITS_FOR_MASCULINE
    if r < 20:
        return f"{reversed_units[r - 10]} {'عشرة' if feminine else 'عشر'}"
    tens, unit = divmod(r, 10)
    if unit == 0:
        return _TENS[tens]
    if unit == 1:
        head = "إحدى" if feminine else "واحد"
    elif unit == 2:
        head = "اثنتان" if feminine else "اثنان"
    else:
        head = "ثمان" if feminine and unit == 8 else reversed_units[unit]
    return f"{head} و{_TENS[tens]}"


def _group(g: int, noun: ArabicNoun, construct: bool) -> str:
    """Return 1..999 of ``noun`` with the noun in the form the last number asks for.

    ``construct`` is true when another noun follows in the genitive (``ألفا ريال``).
    """
    hundreds, r = divmod(g, 100)
    if hundreds and r in (1, 2):
        # 101, 102: the noun goes with the hundred; the 1 or 2 is added as a noun.
        return (
            f"{_HUNDREDS_BEFORE_NOUN[hundreds]} {noun.singular} و{_one_or_two(r, noun, construct)}"
        )
    if r == 0:
        return f"{_HUNDREDS_BEFORE_NOUN[hundreds]} {noun.singular}"
    head = f"{_HUNDREDS[hundreds]} و" if hundreds else ""
    if r <= 2:
        return _one_or_two(r, noun, construct)
    if r <= 10:
        units = _UNITS_FOR_FEMININE if noun.feminine else _UNITS_FOR_MASCULINE
        return f"{head}{units[r]} {noun.plural}"
    accusative = (noun.accusative_construct if construct else None) or noun.accusative
    return f"{head}{_teens_and_tens(r, noun.feminine)} {accusative}"


def _one_or_two(r: int, noun: ArabicNoun, construct: bool) -> str:
    if r == 1:
        return noun.one
    return (noun.dual_construct if construct else None) or noun.dual


def arabic_count(n: int, noun: ArabicNoun) -> str:
    """Return ``n`` of ``noun`` in Arabic words, with number and noun in agreement.

    Args:
        n: a whole number from 0 to :data:`MAX_AMOUNT_IN_WORDS` (exclusive).
        noun: the counted noun's forms.

    Raises:
        InvalidComponent: ``n`` is not a whole number in range (``documents.words.range``).

    Examples:
        >>> riyal = currency_words("SAR").major
        >>> arabic_count(3, riyal), arabic_count(11, riyal)
        ('ثلاثة ريالات سعودية', 'أحد عشر ريالًا سعوديًا')
        >>> arabic_count(2000, riyal), arabic_count(1001, riyal)
        ('ألفا ريال سعودي', 'ألف ريال سعودي وريال سعودي واحد')
    """
    n = _whole(n)
    if n == 0:
        return f"صفر {noun.singular}"
    last = n % 100
    if n > 100 and last in (1, 2):
        # 1001, 2000002: say the larger part with the noun, then add the 1 or 2 as a noun.
        return f"{arabic_count(n - last, noun)} و{_one_or_two(last, noun, False)}"
    groups = _groups(n)
    lowest = min(scale for scale, g in groups)
    parts = []
    for scale, g in groups:
        if scale == 0:
            parts.append(_group(g, noun, construct=False))
        elif scale == lowest:
            # The scale word is the last number said, so the currency noun is its genitive.
            parts.append(f"{_group(g, _SCALES[scale - 1], construct=True)} {noun.singular}")
        else:
            parts.append(_group(g, _SCALES[scale - 1], construct=False))
    return " و".join(parts)


def _groups(n: int) -> list[tuple[int, int]]:
    """Return the non-zero groups of three digits, largest first, as (scale, value)."""
    groups = []
    scale = 0
    while n:
        n, g = divmod(n, 1000)
        if g:
            groups.append((scale, g))
        scale += 1
    return groups[::-1]


def _whole(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < MAX_AMOUNT_IN_WORDS:
        raise InvalidComponent(
            "Only whole numbers from 0 to below 10**15 can be written in words.",
            "لا يمكن كتابة إلا الأعداد الصحيحة من 0 إلى ما دون 10 أس 15 بالحروف.",
            code=f"{_CODE}.range",
            field="amount",
        )
    return n


# --------------------------------------------------------------------------- English

_EN_SMALL: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS: Final = (
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
_EN_SCALES: Final = ("", "thousand", "million", "billion", "trillion")


def _en_group(g: int) -> str:
    hundreds, r = divmod(g, 100)
    words = [f"{_EN_SMALL[hundreds]} hundred"] if hundreds else []
    if r >= 20:
        tens, unit = divmod(r, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_SMALL[unit]}" if unit else ""))
    elif r:
        words.append(_EN_SMALL[r])
    return " ".join(words)


def english_number(n: int) -> str:
    """Return ``n`` in English words (short scale, no "and"), as cheques write it.

    Raises:
        InvalidComponent: ``n`` is not a whole number in range (``documents.words.range``).

    Examples:
        >>> english_number(350), english_number(1_000_021)
        ('three hundred fifty', 'one million twenty-one')
    """
    n = _whole(n)
    if n == 0:
        return "zero"
    return " ".join(f"{_en_group(g)} {_EN_SCALES[scale]}".strip() for scale, g in _groups(n))


def _english_count(n: int, names: tuple[str, str]) -> str:
    return f"{english_number(n)} {names[0] if n == 1 else names[1]}"


# --------------------------------------------------------------------------- amounts


def amount_in_words(
    money: Money,
    lang: Language = "ar",
    *,
    only: bool = False,
    words: CurrencyWords | None = None,
) -> str:
    """Return ``money`` written out in words, major and minor units.

    Args:
        money: a rounded, non-negative amount.
        lang: ``"ar"`` (default) or ``"en"``.
        only: wrap the text as cheques do against additions -- ``فقط ... لا غير`` in
            Arabic, ``... only`` in English.
        words: the currency's words, for a currency this module does not know
            (default: :func:`currency_words` of the amount's currency).

    Raises:
        InvalidFormat: ``money`` is not a Money.
        DomainRuleError: a negative amount, or one finer than the minor unit
            (``documents.words.negative``, ``documents.words.not_rounded``).
        InvalidComponent: ``lang`` is not ``"ar"``/``"en"``, or 10**15 units or more.
        NotFound: no words are known for the currency.

    Examples:
        >>> from municipal_core.money import Money
        >>> amount_in_words(Money("1", "OMR"))
        'ريال عماني واحد'
        >>> amount_in_words(Money("0.500", "OMR"))
        'خمسمائة بيسة'
        >>> amount_in_words(Money("11000.05", "SAR"), "en", only=True)
        'Eleven thousand Saudi riyals and five halalas only'
    """
    lang = language(lang)
    major, minor = _split(money)
    if words is None:
        words = currency_words(money.currency.code)
    elif not isinstance(words, CurrencyWords):
        raise _type_error("words")
    if lang == "ar":
        parts = [arabic_count(major, words.major)] if major or not minor else []
        if minor:
            parts.append(arabic_count(minor, words.minor))
        phrase = " و".join(parts)
        return f"فقط {phrase} لا غير" if only else phrase
    parts = [_english_count(major, words.major_en)] if major or not minor else []
    if minor:
        parts.append(_english_count(minor, words.minor_en))
    phrase = " and ".join(parts)
    phrase = phrase[0].upper() + phrase[1:]
    return f"{phrase} only" if only else phrase


def _split(money: Money) -> tuple[int, int]:
    """Return (whole units, minor units) of a rounded, non-negative amount."""
    if not isinstance(money, Money):
        raise _type_error("money")
    if money.is_negative():
        raise DomainRuleError(
            "A negative amount cannot be written in words.",
            "لا يمكن كتابة مبلغ سالب بالحروف.",
            code=f"{_CODE}.negative",
            field="money",
        )
    if not money.is_rounded():
        raise DomainRuleError(
            "Round the amount to the currency's minor unit before writing it in words.",
            "يجب تقريب المبلغ إلى أصغر وحدة في العملة قبل كتابته بالحروف.",
            code=f"{_CODE}.not_rounded",
            field="money",
        )
    major, minor = divmod(money.minor_units, 10**money.currency.exponent)
    _whole(major)
    return major, minor


def _type_error(field: str) -> InvalidFormat:
    return invalid_type(field, _CODE)
