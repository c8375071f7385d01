"""The date line of a printed document: the Gregorian date with its Hijri equivalent.

Saudi and Omani documents print both calendars. The Hijri date is the Umm al-Qura date
(:class:`municipal_core.dates.HijriDate`, whose ``format`` this module reuses); Arabic
Gregorian month names are the ones Gulf administrations print (يناير .. ديسمبر), with
``م`` after the year as ``هـ`` follows the Hijri year.

Examples:
    >>> from datetime import date
    >>> date_line(date(2026, 11, 22))
    '22 November 2026 (12 Jumada al-Akhirah 1448 AH)'
    >>> date_line(date(2026, 11, 22), "ar")
    '22 نوفمبر 2026م (12 جمادى الآخرة 1448 هـ)'
    >>> date_line(date(2026, 11, 22), "ar", arabic_digits=True)
    '٢٢ نوفمبر ٢٠٢٦م (١٢ جمادى الآخرة ١٤٤٨ هـ)'
"""

from __future__ import annotations

from datetime import date
from typing import Final

from municipal_core._checks import invalid_type
from municipal_core._text import language, to_arabic_digits
from municipal_core.dates import GREGORIAN_MAX, GREGORIAN_MIN, require_date, to_hijri
from municipal_core.errors import Language

__all__ = ["date_line", "gregorian_text"]

_MONTHS_EN: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS_AR: Final = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


def gregorian_text(d: date, lang: Language = "en", *, arabic_digits: bool = False) -> str:
    """Return the Gregorian date with the month's name: ``22 November 2026``.

    Args:
        d: the date (not a datetime).
        lang: ``"en"`` or ``"ar"`` (``22 نوفمبر 2026م``).
        arabic_digits: write the numbers in Arabic-Indic digits.

    Raises:
        InvalidFormat: ``d`` is not a date (``dates.type``), or ``arabic_digits`` is not
            a bool (``documents.date.type``).
        InvalidComponent: ``lang`` is neither ``"en"`` nor ``"ar"`` (``language``).

    Examples:
        >>> gregorian_text(date(2026, 1, 5), "ar")
        '5 يناير 2026م'
    """
    d = require_date(d, "d")
    lang = language(lang)
    if not isinstance(arabic_digits, bool):
        raise invalid_type("arabic_digits", "documents.date")
    if lang == "en":
        text = f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    else:
        text = f"{d.day} {_MONTHS_AR[d.month - 1]} {d.year}م"
    return to_arabic_digits(text) if arabic_digits else text


def date_line(d: date, lang: Language = "en", *, arabic_digits: bool = False) -> str:
    """Return the Gregorian date followed by the Hijri date in brackets.

    A date outside the Umm al-Qura tables (before 1924-08-01 or after 2077-11-16) has no
    official Hijri equivalent, so the line is the Gregorian date alone rather than an
    error: a document must still print.

    Args:
        d: the date (not a datetime).
        lang: ``"en"`` or ``"ar"``.
        arabic_digits: write the numbers in Arabic-Indic digits (meant for ``"ar"``).

    Raises:
        InvalidFormat: ``d`` is not a date, or ``arabic_digits`` is not a bool.
        InvalidComponent: ``lang`` is neither ``"en"`` nor ``"ar"``.

    Examples:
        >>> date_line(date(2024, 3, 11), "en")
        '11 March 2024 (1 Ramadan 1445 AH)'
        >>> date_line(date(1900, 1, 1), "en")
        '1 January 1900'
    """
    d = require_date(d, "d")
    gregorian = gregorian_text(d, lang, arabic_digits=arabic_digits)
    if not GREGORIAN_MIN <= d <= GREGORIAN_MAX:
        return gregorian
    hijri = to_hijri(d).format(lang, arabic_digits=arabic_digits)
    return f"{gregorian} ({hijri})"
