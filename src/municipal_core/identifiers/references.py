"""Reference numbers built from format patterns, with sequences, and parsed back into parts.

In the spirit of eGov DIGIT's idgen (``PB-TL-[cy:yyyy-MM-dd]-[SEQ_EG_TL_APL]``), a
``ReferenceFormat`` is a pattern of literal text and bracketed tokens:

| token | renders as |
|---|---|
| `[jurisdiction]` | the jurisdiction code, 1-16 letters or digits, upper-cased (`SOH`) |
| `[date:SPEC]` | the date; SPEC combines `%Y` `%y` `%m` `%d` with `-` `/` `.` |
| `[fy]` | the financial year holding the date: `2026-27`, or `2026` |
| `[seq:N]` | the sequence number zero-padded to N digits (1-18) |
| `[seq]` | the sequence number, no padding or leading zeros (up to 18 digits) |
| `[rand:N]` | N random digits (1-18) |
| `[check:luhn]` | a Luhn (mod 10) check digit over every digit before it |
| `[check:mod97]` | two ISO 7064 MOD 97-10 digits over every letter and digit before it |

A date token needs a year, and a day needs a month; `%y` covers 2000-2099 only. The
financial-year label is a single year when the year starts in January (the default
``financial_year_start_month=1``). A sequence number that no longer fits `[seq:N]` is an
error, never a silently longer reference. MOD 97-10 counts letters A=10 ... Z=35, as
IBANs do, and catches more typos than Luhn.

Literal text is printable ASCII other than spaces and brackets. Each token appears at most
once; a check token comes last; a pattern needs ``[seq]`` or ``[rand:N]`` so references
differ; and the two variable-length tokens (``[jurisdiction]`` and an unpadded ``[seq]``)
must be separated by a character that is not a letter or digit, so that every reference
reads back one way only. Anything else is refused when the format is built.

Sequences come from a ``SequenceSource``, keyed so a counter restarts whenever the
visible scope of the reference changes (see ``ReferenceFormat.sequence_key``).
The date is always passed in: nothing here reads the clock.

Examples:
    >>> fmt = ReferenceFormat("[jurisdiction]-LSE-[fy]-[seq:6]", financial_year_start_month=4)
    >>> seq = InMemorySequence()
    >>> next_reference(fmt, jurisdiction="soh", on=datetime.date(2026, 5, 3), sequence=seq)
    'SOH-LSE-2026-27-000001'
    >>> parts = fmt.parse("soh-lse-٢٠٢٦-٢٧-000001")
    >>> parts.text, parts.financial_year, parts.sequence
    ('SOH-LSE-2026-27-000001', '2026-27', 1)
    >>> fmt.validate("SOH-LSE-2026-28-000001")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The financial year in the reference is not valid.
"""

from __future__ import annotations

import datetime
import enum
import functools
import random
import re
import secrets
import threading
from collections.abc import Mapping
from typing import Any, Protocol

import attrs

from municipal_core._text import INVISIBLE_IN_CODES
from municipal_core.dates import FinancialYear, financial_year
from municipal_core.errors import (
    DateOutOfRange,
    DomainRuleError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from municipal_core.identifiers._util import (
    MAX_INPUT_LENGTH,
    luhn_check_digit,
    mask_tail,
    require_text,
    to_ascii_digits,
)

__all__ = [
    "MUSCAT_LEASE_AGREEMENT",
    "TRANSACTION_NUMBER",
    "InMemorySequence",
    "ReferenceFormat",
    "ReferenceParts",
    "SequenceSource",
    "next_reference",
    "parse",
]

_CODE = "reference"
_FIELD = "reference"
_MAX_WIDTH = 18  # digits; keeps every sequence within a signed 64-bit database column
_JURISDICTION_RE = re.compile(r"[A-Z0-9]{1,16}", re.ASCII | re.IGNORECASE)
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class _Kind(str, enum.Enum):
    LITERAL = "literal"
    JURISDICTION = "jurisdiction"
    DATE = "date"
    FY = "fy"
    SEQ = "seq"
    RAND = "rand"
    CHECK = "check"


@attrs.frozen
class _Element:
    kind: _Kind
    text: str = ""  # literal text, date spec, or check algorithm
    width: int = 0  # digits of seq/rand; 0 for an unpadded seq


@attrs.frozen
class _Compiled:
    elements: tuple[_Element, ...]
    regex: re.Pattern[str]
    fixed_length: int | None  # None when a variable-length token is present
    kinds: frozenset[_Kind]


# --------------------------------------------------------------------------- errors


def _pattern_error(what_en: str, what_ar: str, code: str) -> InvalidFormat:
    return InvalidFormat(
        f"The reference pattern is not valid: {what_en}",
        f"نمط الرقم المرجعي غير صالح: {what_ar}",
        code=f"{_CODE}.pattern.{code}",
        field="pattern",
    )


def _mismatch() -> InvalidFormat:
    return InvalidFormat(
        "The reference number does not have the expected format.",
        "الرقم المرجعي ليس بالصيغة المتوقعة.",
        code=f"{_CODE}.format",
        field=_FIELD,
    )


def _bad_fy() -> InvalidComponent:
    return InvalidComponent(
        "The financial year in the reference is not valid.",
        "السنة المالية في الرقم المرجعي غير صالحة.",
        code=f"{_CODE}.financial_year",
        field=_FIELD,
    )


def _missing(token: str, name_ar: str) -> InvalidFormat:
    return InvalidFormat(
        f"This reference format needs a value for [{token}].",
        f"تتطلب صيغة الرقم المرجعي هذه قيمة لـ {name_ar}.",
        code=f"{_CODE}.missing_value",
        field=token,
    )


# ------------------------------------------------------------------ pattern compiling


def _parse_date_spec(spec: str) -> str:
    seen: list[str] = []
    i = 0
    while i < len(spec):
        ch = spec[i]
        if ch == "%" and i + 1 < len(spec) and spec[i + 1] in "Yymd":
            if spec[i + 1] in seen:
                raise _pattern_error(
                    "a date directive is repeated.", "تكرر أحد رموز التاريخ.", "date"
                )
            seen.append(spec[i + 1])
            i += 2
        elif ch in "-/.":
            i += 1
        else:
            raise _pattern_error(
                "a date token may use only %Y, %y, %m, %d and the separators - / .",
                "لا يقبل رمز التاريخ إلا ‎%Y و‎%y و‎%m و‎%d والفواصل - / .",
                "date",
            )
    has_year = ("Y" in seen) != ("y" in seen)  # exactly one kind of year
    if not has_year or ("d" in seen and "m" not in seen):
        raise _pattern_error(
            "a date token needs one year directive (%Y or %y), and a day needs a month.",
            "يحتاج رمز التاريخ إلى رمز سنة واحد (‎%Y أو ‎%y)، ويحتاج اليوم إلى شهر.",
            "date",
        )
    return spec


def _parse_width(arg: str, token: str) -> int:
    if re.fullmatch(r"[1-9][0-9]?", arg, re.ASCII) is None or int(arg) > _MAX_WIDTH:
        raise _pattern_error(
            f"the width of [{token}:N] must be a number from 1 to {_MAX_WIDTH}.",
            f"يجب أن يكون عرض [{token}:N] عددًا من 1 إلى {_MAX_WIDTH}.",
            "width",
        )
    return int(arg)


def _parse_token(body: str) -> _Element:
    name, colon, arg = body.partition(":")
    if name == "jurisdiction" and not colon:
        return _Element(_Kind.JURISDICTION)
    if name == "fy" and not colon:
        return _Element(_Kind.FY)
    if name == "date" and colon:
        return _Element(_Kind.DATE, text=_parse_date_spec(arg))
    if name == "seq":
        return _Element(_Kind.SEQ, width=_parse_width(arg, "seq") if colon else 0)
    if name == "rand" and colon:
        return _Element(_Kind.RAND, width=_parse_width(arg, "rand"))
    if name == "check" and arg in ("luhn", "mod97"):
        return _Element(_Kind.CHECK, text=arg, width=1 if arg == "luhn" else 2)
    raise _pattern_error(
        "unknown token; use [jurisdiction], [date:...], [fy], [seq], [seq:N], [rand:N], "
        "[check:luhn] or [check:mod97].",
        "رمز غير معروف؛ استخدم [jurisdiction] أو [date:...] أو [fy] أو [seq] أو [seq:N] "
        "أو [rand:N] أو [check:luhn] أو [check:mod97].",
        "token",
    )


def _split_pattern(pattern: str) -> list[_Element]:
    elements: list[_Element] = []
    literal: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0 or "[" in pattern[i + 1 : end]:
                raise _pattern_error("a [ has no matching ].", "لا يوجد ] مقابل للرمز [.", "syntax")
            if literal:
                elements.append(_Element(_Kind.LITERAL, text="".join(literal)))
                literal = []
            elements.append(_parse_token(pattern[i + 1 : end]))
            i = end + 1
            continue
        if ch == "]":
            raise _pattern_error("a ] has no matching [.", "لا يوجد [ مقابل للرمز ].", "syntax")
        if not ("!" <= ch <= "~"):
            raise _pattern_error(
                "literal text may use printable ASCII characters only, without spaces.",
                "يجب أن يتكون النص الثابت من محارف ASCII مطبوعة فقط، دون مسافات.",
                "literal",
            )
        literal.append(ch)
        i += 1
    if literal:
        elements.append(_Element(_Kind.LITERAL, text="".join(literal)))
    return elements


def _is_variable(element: _Element) -> bool:
    return element.kind is _Kind.JURISDICTION or (element.kind is _Kind.SEQ and element.width == 0)


def _check_structure(elements: list[_Element]) -> None:
    kinds = [e.kind for e in elements if e.kind is not _Kind.LITERAL]
    if len(kinds) != len(set(kinds)):
        raise _pattern_error(
            "each token may appear only once.", "لا يجوز تكرار أي رمز.", "duplicate"
        )
    if _Kind.SEQ not in kinds and _Kind.RAND not in kinds:
        raise _pattern_error(
            "it needs [seq] or [rand:N] so that references differ.",
            "يحتاج إلى [seq] أو [rand:N] حتى تختلف الأرقام المرجعية.",
            "unique",
        )
    if _Kind.CHECK in kinds and elements[-1].kind is not _Kind.CHECK:
        raise _pattern_error(
            "the check token must come last.",
            "يجب أن يكون رمز التحقق في النهاية.",
            "check_position",
        )
    # Two variable-length tokens read back one way only if something that can be in
    # neither of them (a non-alphanumeric literal character) stands between them.
    separated = True
    for element in elements:
        if _is_variable(element):
            if not separated:
                raise _pattern_error(
                    "[jurisdiction] and [seq] must be separated by a character that is "
                    "not a letter or digit, such as -.",
                    "يجب الفصل بين [jurisdiction] و[seq] بمحرف ليس حرفًا ولا رقمًا، مثل -.",
                    "ambiguous",
                )
            separated = False
        elif element.kind is _Kind.LITERAL and any(c not in _ALNUM for c in element.text):
            separated = True


def _element_regex(element: _Element, fy_start_month: int) -> str:
    kind = element.kind
    if kind is _Kind.LITERAL:
        return re.escape(element.text)
    if kind is _Kind.JURISDICTION:
        return r"(?P<jurisdiction>[A-Z0-9]{1,16})"
    if kind is _Kind.DATE:
        spec = element.text
        for directive, width in (("%Y", 4), ("%y", 2), ("%m", 2), ("%d", 2)):
            spec = spec.replace(directive, f"(?P<{directive[1]}>[0-9]{{{width}}})")
        return spec.replace(".", r"\.")
    if kind is _Kind.FY:
        return r"(?P<fy>[0-9]{4})" if fy_start_month == 1 else r"(?P<fy>[0-9]{4}-[0-9]{2})"
    if kind is _Kind.SEQ:
        if element.width:
            return f"(?P<seq>[0-9]{{{element.width}}})"
        # No leading zeros: each reference has one spelling, so a check digit computed
        # over the canonical text also covers the text as typed.
        return f"(?P<seq>[1-9][0-9]{{0,{_MAX_WIDTH - 1}}})"
    if kind is _Kind.RAND:
        return f"(?P<rand>[0-9]{{{element.width}}})"
    return f"(?P<check>[0-9]{{{element.width}}})"


def _element_length(element: _Element, fy_start_month: int) -> int:
    if element.kind is _Kind.LITERAL:
        return len(element.text)
    if element.kind is _Kind.DATE:
        # %Y is four characters wide, %y/%m/%d two, separators one.
        return len(element.text) + element.text.count("%Y") * 2
    if element.kind is _Kind.FY:
        return 4 if fy_start_month == 1 else 7
    return element.width


@functools.lru_cache(maxsize=256)
def _compile(pattern: str, fy_start_month: int) -> _Compiled:
    if not pattern:
        raise _pattern_error("it is empty.", "النمط فارغ.", "empty")
    if len(pattern) > MAX_INPUT_LENGTH:
        raise _pattern_error("it is far too long.", "النمط طويل جدًا.", "length")
    elements = _split_pattern(pattern)
    _check_structure(elements)
    regex = re.compile(
        "".join(_element_regex(e, fy_start_month) for e in elements),
        re.ASCII | re.IGNORECASE,
    )
    fixed_length = (
        None
        if any(_is_variable(e) for e in elements)
        else sum(_element_length(e, fy_start_month) for e in elements)
    )
    return _Compiled(
        elements=tuple(elements),
        regex=regex,
        fixed_length=fixed_length,
        kinds=frozenset(e.kind for e in elements),
    )


# ----------------------------------------------------------------- arithmetic helpers


def _mod97_check(text: str) -> str:
    # ISO 7064 MOD 97-10 written out (eight lines) because python-stdnum is only a test
    # dependency; tests compare it with stdnum.iso7064.mod_97_10.
    remainder = 0
    for ch in text:
        value = int(ch, 36)
        remainder = (remainder * (100 if value > 9 else 10) + value) % 97
    return f"{98 - remainder * 100 % 97:02d}"


def _check_value(algorithm: str, prefix: str) -> str:
    if algorithm == "luhn":
        return luhn_check_digit("".join(c for c in prefix if "0" <= c <= "9"))
    return _mod97_check("".join(c for c in prefix.upper() if c in _ALNUM))


# ---------------------------------------------------------------------- value types


def _optional(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise InvalidFormat(
                f"{attribute.name} has the wrong type.",
                f"نوع القيمة {attribute.name} غير صحيح.",
                code=f"{_CODE}.parts",
                field=attribute.name,
            )

    return check


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _optional(str)(instance, attribute, value)
    if value is None:
        raise InvalidFormat(
            "The reference text is missing.",
            "نص الرقم المرجعي مفقود.",
            code=f"{_CODE}.parts",
            field=attribute.name,
        )


@attrs.frozen
class ReferenceParts:
    """A reference number read back into its parts; absent tokens give ``None``.

    Attributes:
        text: the reference in canonical form (upper-case jurisdiction, ASCII digits,
            literal text as in the pattern).
        jurisdiction: the jurisdiction code.
        year: the year of the ``[date:...]`` token (``%y`` reads back as 2000--2099).
        month: its month, if the date token has one.
        day: its day, if the date token has one.
        financial_year: the ``[fy]`` label, such as ``"2026-27"``.
        sequence: the sequence number.
        random_digits: the ``[rand:N]`` digits, leading zeros kept.
        check: the check digit(s).

    Examples:
        >>> parts = MUSCAT_LEASE_AGREEMENT.parse("29458/2023")
        >>> parts.sequence, parts.year, parts.date
        (29458, 2023, None)
    """

    text: str = attrs.field(validator=_text)
    jurisdiction: str | None = attrs.field(default=None, validator=_optional(str))
    year: int | None = attrs.field(default=None, validator=_optional(int))
    month: int | None = attrs.field(default=None, validator=_optional(int))
    day: int | None = attrs.field(default=None, validator=_optional(int))
    financial_year: str | None = attrs.field(default=None, validator=_optional(str))
    sequence: int | None = attrs.field(default=None, validator=_optional(int))
    random_digits: str | None = attrs.field(default=None, validator=_optional(str))
    check: str | None = attrs.field(default=None, validator=_optional(str))

    @property
    def date(self) -> datetime.date | None:
        """The full date, when the date token has a year, month and day.

        Examples:
            >>> fmt = ReferenceFormat("[date:%d/%m/%Y]-[rand:4]")
            >>> fmt.parse("09/05/2026-0042").date
            datetime.date(2026, 5, 9)
        """
        if self.year is None or self.month is None or self.day is None:
            return None
        return datetime.date(self.year, self.month, self.day)

    @property
    def financial_year_start(self) -> int | None:
        """The calendar year in which the ``[fy]`` financial year starts.

        Examples:
            >>> ReferenceParts("x", financial_year="2026-27").financial_year_start
            2026
        """
        return None if self.financial_year is None else int(self.financial_year[:4])


class SequenceSource(Protocol):
    """Where sequence numbers come from: a port, so a database can back it.

    ``next_value(key)`` returns 1 for a new key, then strictly increasing integers, and
    never hands out the same value for the same key twice -- also across threads and, for
    a persistent implementation, across processes. Keys are opaque strings built by
    ``sequence_key``.
    """

    def next_value(self, key: str) -> int:
        """Return the next value of the sequence named ``key``."""
        ...


def _check_key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise InvalidFormat(
            "A sequence key must be non-empty text.",
            "يجب أن يكون مفتاح التسلسل نصًا غير فارغ.",
            code=f"{_CODE}.sequence_key",
            field="key",
        )
    return key


class InMemorySequence:
    """A thread-safe ``SequenceSource`` kept in memory, for tests and single processes.

    Args:
        last_values: optional starting point, key -> the last value already issued, to
            continue numbering an existing register.

    Examples:
        >>> seq = InMemorySequence({"lease 2023": 29457})
        >>> seq.peek("lease 2023"), seq.next_value("lease 2023"), seq.next_value("other")
        (29458, 29458, 1)
    """

    def __init__(self, last_values: Mapping[str, int] | None = None) -> None:
        self._lock = threading.Lock()
        self._last: dict[str, int] = {}
        if last_values is None:
            return
        if not isinstance(last_values, Mapping):
            raise InvalidFormat(
                "last_values must be a mapping of key to number.",
                "يجب أن تكون last_values جدولًا من المفاتيح إلى الأرقام.",
                code=f"{_CODE}.sequence_key",
                field="last_values",
            )
        for key, value in last_values.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidComponent(
                    "A sequence's last value must be a whole number, 0 or more.",
                    "يجب أن تكون آخر قيمة للتسلسل عددًا صحيحًا يساوي 0 أو أكثر.",
                    code=f"{_CODE}.sequence_invalid",
                    field="last_values",
                )
            self._last[_check_key(key)] = value

    def next_value(self, key: str) -> int:
        """Return the next value for ``key``: 1 for a new key, then 2, 3, ...

        Examples:
            >>> InMemorySequence().next_value("k")
            1
        """
        _check_key(key)
        with self._lock:
            value = self._last.get(key, 0) + 1
            self._last[key] = value
        return value

    def peek(self, key: str) -> int:
        """Return the value ``next_value(key)`` would return, without using it up.

        Examples:
            >>> InMemorySequence().peek("k")
            1
        """
        _check_key(key)
        with self._lock:
            return self._last.get(key, 0) + 1

    def __repr__(self) -> str:
        return f"InMemorySequence(keys={len(self._last)})"


def _check_month(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        raise InvalidComponent(
            "The financial year's start month must be a number from 1 to 12.",
            "يجب أن يكون شهر بداية السنة المالية عددًا من 1 إلى 12.",
            code=f"{_CODE}.financial_year_start_month",
            field=attribute.name,
        )


def _check_pattern(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _pattern_error("it must be text.", "يجب أن يكون نصًا.", "type")


@attrs.frozen
class ReferenceFormat:
    """A reference-number format, built from a pattern (see the module docs for tokens).

    An instance has the shape of an identifier module (``compact``, ``validate``,
    ``is_valid``, ``format``, ``mask``, ``generate``), so it satisfies
    ``IdentifierModule``.

    Attributes:
        pattern: literal text and tokens, such as ``"[jurisdiction]-TRX-[fy]-[seq:6]"``.
        financial_year_start_month: the month the financial year starts in (1--12); only
            the ``[fy]`` token uses it.

    Raises:
        InvalidFormat: the pattern is empty, has an unknown or repeated token, a check
            token that is not last, no ``[seq]``/``[rand:N]``, or two variable-length
            tokens side by side (codes ``reference.pattern.*``).
        InvalidComponent: the start month is not 1--12.

    Examples:
        >>> ReferenceFormat("[seq:6]-[seq:6]")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidFormat: The reference pattern is not valid: each token ...
    """

    pattern: str = attrs.field(validator=_check_pattern)
    financial_year_start_month: int = attrs.field(default=1, validator=_check_month)

    def __attrs_post_init__(self) -> None:
        # Compile now, so an invalid format cannot exist.
        _compile(self.pattern, self.financial_year_start_month)

    @property
    def _compiled(self) -> _Compiled:
        return _compile(self.pattern, self.financial_year_start_month)

    @property
    def uses_sequence(self) -> bool:
        """Whether the pattern has a ``[seq]`` token, so rendering needs a sequence source.

        Examples:
            >>> MUSCAT_LEASE_AGREEMENT.uses_sequence
            True
        """
        return _Kind.SEQ in self._compiled.kinds

    # ------------------------------------------------------------------ rendering

    def sequence_key(
        self, *, on: datetime.date | None = None, jurisdiction: str | None = None
    ) -> str:
        """Return the key that scopes this format's sequence for a date and jurisdiction.

        The key is the pattern followed by the value of each scope token the pattern
        has -- ``jurisdiction=``, ``date=`` (as rendered) and ``fy=`` -- so numbering
        restarts whenever the visible scope changes: every financial year for ``[fy]``,
        every year for ``[date:%Y]``, every day for ``[date:%Y%m%d]``, and separately for
        each jurisdiction whose code appears in the reference. Formats with the same
        pattern share counters, since they would print the same references.

        Examples:
            >>> TRANSACTION_NUMBER.sequence_key(on=datetime.date(2026, 3, 1), jurisdiction="soh")
            '[jurisdiction]-TRX-[fy]-[seq:6] jurisdiction=SOH fy=2026'
        """
        scope = self._scope(on=on, jurisdiction=jurisdiction)
        return self.pattern + "".join(f" {name}={value}" for name, value in scope)

    def render(
        self,
        *,
        on: datetime.date | None = None,
        jurisdiction: str | None = None,
        sequence: int | None = None,
        random_digits: str | None = None,
    ) -> str:
        """Return the reference for the given values; values for absent tokens are ignored.

        Raises:
            InvalidFormat: a value the pattern needs is missing or malformed.
            DateOutOfRange: ``%y`` with a year outside 2000--2099, or a financial year
                before year 1.
            DomainRuleError: the sequence is below 1 (``reference.sequence_invalid``) or
                does not fit its width (``reference.sequence_overflow``).

        Examples:
            >>> MUSCAT_LEASE_AGREEMENT.render(on=datetime.date(2023, 5, 1), sequence=29458)
            '29458/2023'
            >>> ReferenceFormat("[seq:3]").render(sequence=1000)
            Traceback (most recent call last):
                ...
            municipal_core.errors.DomainRuleError: The sequence number no longer fits ...
        """
        kinds = self._compiled.kinds
        year = month = day = None
        if kinds & {_Kind.DATE, _Kind.FY}:
            on = self._check_on(on)
            year, month, day = on.year, on.month, on.day
        code = _check_jurisdiction(jurisdiction) if _Kind.JURISDICTION in kinds else None
        if _Kind.SEQ in kinds:
            _check_sequence(sequence)
        if _Kind.RAND in kinds:
            _check_random(random_digits, self._width(_Kind.RAND))
        fy = None
        if _Kind.FY in kinds:
            assert year is not None
            assert month is not None
            fy = self._fy_label(year, month)
        return self._render(
            jurisdiction=code,
            year=year,
            month=month,
            day=day,
            fy=fy,
            sequence=sequence,
            random_digits=random_digits,
        )

    # ------------------------------------------------------- identifier-module shape

    def compact(self, number: str) -> str:
        """Return the text trimmed, without invisible marks, with ASCII digits.

        Examples:
            >>> MUSCAT_LEASE_AGREEMENT.compact(" ٢٩٤٥٨/٢٠٢٣ ")
            '29458/2023'
        """
        text = require_text(
            number,
            field=_FIELD,
            code=_CODE,
            what_en="reference number",
            what_ar="قيمة الرقم المرجعي",
        )
        return to_ascii_digits(text.translate(INVISIBLE_IN_CODES)).strip()

    def parse(self, number: str) -> ReferenceParts:
        """Read a reference back into its parts, or raise the most specific error.

        Arabic-Indic and Persian digits are accepted, letters in any case.

        Raises:
            InvalidFormat: not text, or not matching the pattern.
            InvalidLength: a fixed-length format and the text has another length.
            InvalidComponent: an impossible date, financial year or zero sequence.
            InvalidChecksum: the check digit(s) do not match.

        Examples:
            >>> TRANSACTION_NUMBER.parse("soh-trx-2026-000123").jurisdiction
            'SOH'
            >>> ReferenceFormat("[seq:6][check:luhn]").parse("0001231")
            Traceback (most recent call last):
                ...
            municipal_core.errors.InvalidChecksum: The reference number's check digit does not ...
        """
        compiled = self._compiled
        text = self.compact(number)
        match = compiled.regex.fullmatch(text)
        if match is None:
            if compiled.fixed_length is not None and len(text) != compiled.fixed_length:
                raise InvalidLength(
                    f"The reference number must have {compiled.fixed_length} characters.",
                    f"يجب أن يكون عدد محارف الرقم المرجعي {compiled.fixed_length}.",
                    code=f"{_CODE}.length",
                    field=_FIELD,
                )
            raise _mismatch()
        groups = match.groupdict()
        year, month, day = self._parse_date(groups)
        fy = groups.get("fy")
        if fy is not None:
            self._check_fy(fy, year, month)
        sequence = None
        if groups.get("seq") is not None:
            sequence = int(groups["seq"])
            if sequence < 1:
                raise InvalidComponent(
                    "The sequence number in the reference must be 1 or more.",
                    "يجب أن يكون الرقم التسلسلي في الرقم المرجعي 1 أو أكثر.",
                    code=f"{_CODE}.sequence",
                    field=_FIELD,
                )
        jurisdiction = groups.get("jurisdiction")
        jurisdiction = jurisdiction.upper() if jurisdiction is not None else None
        canonical = self._render(
            jurisdiction=jurisdiction,
            year=year,
            month=month,
            day=day,
            fy=fy,
            sequence=sequence,
            random_digits=groups.get("rand"),
        )
        check = groups.get("check")
        if check is not None and not canonical.endswith(check):
            raise InvalidChecksum(
                "The reference number's check digit does not match.",
                "رقم التحقق في الرقم المرجعي غير مطابق.",
                code=f"{_CODE}.checksum",
                field=_FIELD,
            )
        return ReferenceParts(
            text=canonical,
            jurisdiction=jurisdiction,
            year=year,
            month=month,
            day=day,
            financial_year=fy,
            sequence=sequence,
            random_digits=groups.get("rand"),
            check=check,
        )

    def validate(self, number: str) -> str:
        """Return the reference in canonical form, or raise (see ``parse``).

        Examples:
            >>> MUSCAT_LEASE_AGREEMENT.validate(" ٢٩٤٥٨/٢٠٢٣ ")
            '29458/2023'
        """
        return self.parse(number).text

    def is_valid(self, number: str) -> bool:
        """Return whether ``validate`` would accept ``number``.

        Examples:
            >>> TRANSACTION_NUMBER.is_valid("SOH-TRX-2026-000123")
            True
            >>> TRANSACTION_NUMBER.is_valid("SOH-TRX-2026-123")
            False
        """
        try:
            self.parse(number)
        except ValidationError:
            return False
        return True

    def format(self, number: str) -> str:
        """Return the reference as printed: its canonical form.

        Examples:
            >>> TRANSACTION_NUMBER.format(" soh-trx-2026-000123")
            'SOH-TRX-2026-000123'
        """
        return self.validate(number)

    def mask(self, number: str) -> str:
        """Return a form safe for logs: sequence and random digits mostly hidden.

        Anything that does not parse is masked as a whole.

        Examples:
            >>> TRANSACTION_NUMBER.mask("SOH-TRX-2026-000123")
            'SOH-TRX-2026-****23'
            >>> MUSCAT_LEASE_AGREEMENT.mask("not a reference")
            '***********ence'
        """
        try:
            parts = self.parse(number)
        except ValidationError:
            return mask_tail(self.compact(number))
        pieces = self._pieces(
            jurisdiction=parts.jurisdiction,
            year=parts.year,
            month=parts.month,
            day=parts.day,
            fy=parts.financial_year,
            sequence=parts.sequence,
            random_digits=parts.random_digits,
        )
        return "".join(
            mask_tail(text, 2)
            if kind in (_Kind.SEQ, _Kind.RAND)
            else "*" * len(text)
            if kind is _Kind.CHECK
            else text
            for kind, text in pieces
        )

    def generate(self, rng: random.Random) -> str:
        """Return a random valid reference, deterministic for a seeded ``rng``.

        Dates fall in 2000--2099; no sequence source is used.

        Examples:
            >>> TRANSACTION_NUMBER.is_valid(TRANSACTION_NUMBER.generate(random.Random(1)))
            True
        """
        on = datetime.date.fromordinal(rng.randint(_GEN_FIRST_DAY, _GEN_LAST_DAY))
        jurisdiction = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
        seq_width = self._width(_Kind.SEQ)
        sequence = rng.randint(1, 10**seq_width - 1 if seq_width else 999_999)
        return self.render(
            on=on,
            jurisdiction=jurisdiction,
            sequence=sequence,
            random_digits=_random_digits(self._width(_Kind.RAND), rng),
        )

    # -------------------------------------------------------------------- private

    def _width(self, kind: _Kind) -> int:
        return next((e.width for e in self._compiled.elements if e.kind is kind), 0)

    def _check_on(self, on: object) -> datetime.date:
        on = _check_date(on)
        two_digit = any(e.kind is _Kind.DATE and "%y" in e.text for e in self._compiled.elements)
        if two_digit and not 2000 <= on.year <= 2099:
            # A two-digit year reads back as 20yy; refuse what could not round-trip.
            raise DateOutOfRange(
                "This reference format writes two-digit years and covers 2000 to 2099 only.",
                "تكتب صيغة الرقم المرجعي هذه السنة برقمين وتغطي الأعوام 2000 إلى 2099 فقط.",
                code=f"{_CODE}.date",
                field="on",
            )
        return on

    def _fy_label(self, year: int, month: int) -> str:
        try:
            fy = financial_year(datetime.date(year, month, 1), self.financial_year_start_month)
        except DateOutOfRange:
            raise DateOutOfRange(
                "The date falls before the first financial year that can be written.",
                "يقع التاريخ قبل أول سنة مالية يمكن كتابتها.",
                code=f"{_CODE}.financial_year",
                field="on",
            ) from None
        return fy.label

    def _scope(
        self, *, on: datetime.date | None, jurisdiction: str | None
    ) -> list[tuple[str, str]]:
        scope: list[tuple[str, str]] = []
        kinds = self._compiled.kinds
        if _Kind.JURISDICTION in kinds:
            scope.append(("jurisdiction", _check_jurisdiction(jurisdiction)))
        if kinds & {_Kind.DATE, _Kind.FY}:
            on = self._check_on(on)
            for element in self._compiled.elements:
                if element.kind is _Kind.DATE:
                    scope.append(("date", _render_date(element.text, on.year, on.month, on.day)))
                elif element.kind is _Kind.FY:
                    scope.append(("fy", self._fy_label(on.year, on.month)))
        return scope

    def _pieces(
        self,
        *,
        jurisdiction: str | None,
        year: int | None,
        month: int | None,
        day: int | None,
        fy: str | None,
        sequence: int | None,
        random_digits: str | None,
    ) -> list[tuple[_Kind, str]]:
        # Callers have checked that every value the pattern needs is present and valid.
        pieces: list[tuple[_Kind, str]] = []
        for element in self._compiled.elements:
            kind = element.kind
            if kind is _Kind.LITERAL:
                text = element.text
            elif kind is _Kind.JURISDICTION:
                assert jurisdiction is not None
                text = jurisdiction
            elif kind is _Kind.DATE:
                assert year is not None
                text = _render_date(element.text, year, month, day)
            elif kind is _Kind.FY:
                assert fy is not None
                text = fy
            elif kind is _Kind.SEQ:
                assert sequence is not None
                text = _render_sequence(sequence, element.width)
            elif kind is _Kind.RAND:
                assert random_digits is not None
                text = random_digits
            else:
                text = _check_value(element.text, "".join(t for _, t in pieces))
            pieces.append((kind, text))
        return pieces

    def _render(self, **values: Any) -> str:
        return "".join(text for _, text in self._pieces(**values))

    @staticmethod
    def _parse_date(
        groups: dict[str, str | None],
    ) -> tuple[int | None, int | None, int | None]:
        long_year, short_year = groups.get("Y"), groups.get("y")
        if long_year is not None:
            year = int(long_year)
        elif short_year is not None:
            year = 2000 + int(short_year)
        else:
            return None, None, None
        month_text, day_text = groups.get("m"), groups.get("d")
        month = int(month_text) if month_text is not None else None
        day = int(day_text) if day_text is not None else None
        try:
            # "is not None", not "or": month or day 00 must fail here, not pass as 1.
            datetime.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            raise InvalidComponent(
                "The date in the reference is not a valid date.",
                "التاريخ في الرقم المرجعي ليس تاريخًا صالحًا.",
                code=f"{_CODE}.date",
                field=_FIELD,
            ) from None
        return year, month, day

    def _check_fy(self, fy: str, year: int | None, month: int | None) -> None:
        start_month = self.financial_year_start_month
        start = int(fy[:4])
        try:
            if start < 1 or FinancialYear(start, start_month).label != fy:
                raise _bad_fy()
            if year is not None:
                # Without a month the date's year still narrows the financial year down to
                # the (at most two) it overlaps.
                months = (month,) if month is not None else range(1, 13)
                starts = {
                    financial_year(datetime.date(year, m, 1), start_month).start_year
                    for m in months
                }
                if start not in starts:
                    raise _bad_fy()
        except DateOutOfRange:
            raise _bad_fy() from None


# 2000-01-01 .. 2099-12-31: the years a %y token can represent.
_GEN_FIRST_DAY = datetime.date(2000, 1, 1).toordinal()
_GEN_LAST_DAY = datetime.date(2099, 12, 31).toordinal()


def _render_date(spec: str, year: int, month: int | None, day: int | None) -> str:
    return (
        spec.replace("%Y", f"{year:04d}")
        .replace("%y", f"{year % 100:02d}")
        .replace("%m", f"{month or 0:02d}")
        .replace("%d", f"{day or 0:02d}")
    )


def _render_sequence(sequence: int, width: int) -> str:
    text = str(sequence)
    if len(text) > (width or _MAX_WIDTH):
        raise DomainRuleError(
            "The sequence number no longer fits the reference format.",
            "لم يعد الرقم التسلسلي يتسع في صيغة الرقم المرجعي.",
            code=f"{_CODE}.sequence_overflow",
            field="sequence",
        )
    return text.zfill(width)


def _check_date(on: object) -> datetime.date:
    if on is None:
        raise _missing("date", "التاريخ")
    # A datetime is refused rather than truncated: its date depends on the time zone,
    # and only the caller knows the jurisdiction's one.
    if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime):
        raise InvalidFormat(
            "The reference date must be a date (convert a datetime to the local date first).",
            "يجب أن يكون تاريخ الرقم المرجعي تاريخًا (حوّل التاريخ والوقت إلى التاريخ المحلي أولًا).",
            code=f"{_CODE}.date",
            field="on",
        )
    return on


def _check_jurisdiction(jurisdiction: object) -> str:
    if jurisdiction is None:
        raise _missing("jurisdiction", "رمز الجهة")
    if not isinstance(jurisdiction, str) or _JURISDICTION_RE.fullmatch(jurisdiction) is None:
        raise InvalidFormat(
            "The jurisdiction code must be 1 to 16 English letters or digits.",
            "يجب أن يتكون رمز الجهة من 1 إلى 16 حرفًا إنجليزيًا أو رقمًا.",
            code=f"{_CODE}.jurisdiction",
            field="jurisdiction",
        )
    return jurisdiction.upper()


def _check_sequence(sequence: object) -> None:
    if sequence is None:
        raise _missing("seq", "الرقم التسلسلي")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise DomainRuleError(
            "A sequence number must be a whole number, 1 or more.",
            "يجب أن يكون الرقم التسلسلي عددًا صحيحًا يساوي 1 أو أكثر.",
            code=f"{_CODE}.sequence_invalid",
            field="sequence",
        )


def _check_random(random_digits: object, width: int) -> None:
    if random_digits is None:
        raise _missing("rand", "الأرقام العشوائية")
    if (
        not isinstance(random_digits, str)
        or len(random_digits) != width
        or re.fullmatch(r"[0-9]+", random_digits, re.ASCII) is None
    ):
        raise InvalidFormat(
            f"The random part must be {width} digits.",
            f"يجب أن يكون عدد أرقام الجزء العشوائي {width}.",
            code=f"{_CODE}.random_digits",
            field="random_digits",
        )


def _random_digits(width: int, rng: random.Random | None) -> str | None:
    if not width:
        return None
    value = secrets.randbelow(10**width) if rng is None else rng.randrange(10**width)
    return f"{value:0{width}d}"


def next_reference(
    fmt: ReferenceFormat,
    *,
    on: datetime.date,
    sequence: SequenceSource | None = None,
    jurisdiction: str | None = None,
    rng: random.Random | None = None,
) -> str:
    """Return the next reference of ``fmt``, drawing its number from ``sequence``.

    Args:
        fmt: the format.
        on: the reference date (a ``date``, never the wall clock), in the jurisdiction's
            local calendar.
        sequence: the sequence source; required when the pattern has ``[seq]``. The key
            is ``sequence_key``.
        jurisdiction: the jurisdiction code, for ``[jurisdiction]``; ignored otherwise.
        rng: source of the ``[rand:N]`` digits; ``None`` uses ``secrets``.

    Inputs are checked before a number is drawn, so a bad call does not use one up.

    Examples:
        >>> seq = InMemorySequence()
        >>> on = datetime.date(2026, 1, 15)
        >>> [next_reference(TRANSACTION_NUMBER, on=on, sequence=seq, jurisdiction="SOH")
        ...  for _ in range(2)]
        ['SOH-TRX-2026-000001', 'SOH-TRX-2026-000002']
    """
    if not isinstance(fmt, ReferenceFormat):
        raise InvalidFormat(
            "fmt must be a ReferenceFormat.",
            "يجب أن تكون fmt من النوع ReferenceFormat.",
            code=f"{_CODE}.format_type",
            field="fmt",
        )
    key = fmt.sequence_key(on=on, jurisdiction=jurisdiction)
    random_digits = _random_digits(fmt._width(_Kind.RAND), rng)
    value: int | None = None
    if fmt.uses_sequence:
        if sequence is None:
            raise _missing("seq", "مصدر التسلسل")
        value = sequence.next_value(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DomainRuleError(
                "The sequence source returned an invalid number.",
                "أعاد مصدر التسلسل رقمًا غير صالح.",
                code=f"{_CODE}.sequence_invalid",
                field="sequence",
            )
    return fmt.render(on=on, jurisdiction=jurisdiction, sequence=value, random_digits=random_digits)


def parse(fmt: ReferenceFormat, text: str) -> ReferenceParts:
    """Read ``text`` back into its parts under ``fmt``; same as ``fmt.parse(text)``.

    Examples:
        >>> parse(MUSCAT_LEASE_AGREEMENT, "٢٩٤٥٨/٢٠٢٣").sequence
        29458
    """
    if not isinstance(fmt, ReferenceFormat):
        raise InvalidFormat(
            "fmt must be a ReferenceFormat.",
            "يجب أن تكون fmt من النوع ReferenceFormat.",
            code=f"{_CODE}.format_type",
            field="fmt",
        )
    return fmt.parse(text)


MUSCAT_LEASE_AGREEMENT = ReferenceFormat("[seq]/[date:%Y]")
"""Example: Muscat's e-contract agreement number, ``serial/year`` (``29458/2023``).

The shape is from printed contracts (DOMAIN.md §4); that the serial restarts each year is
an assumption. Jurisdiction profiles will own their formats.
"""

TRANSACTION_NUMBER = ReferenceFormat("[jurisdiction]-TRX-[fy]-[seq:6]")
"""Example: a transaction number such as ``SOH-TRX-2026-000123``, numbered per
jurisdiction and financial year (calendar year by default).
"""
