"""Phone numbers: parse, validate and normalise to E.164, built on phonenumbers' metadata.

Every verdict is phonenumbers' own: a number is valid exactly when
``phonenumbers.parse(number, region)`` succeeds and ``phonenumbers.is_valid_number``
says so, and its E.164 form is ``phonenumbers.format_number(..., E164)``. Numbers are
read the way phonenumbers reads them: ``+`` or the ``00`` international prefix with a
country code, the default region's country code typed without ``+`` when that makes
sense, the Saudi national prefix ``0`` (Oman has none), Arabic-Indic digits, spaces,
dashes, dots, parentheses, text around the number, extensions, even vanity letters.

``region`` is the ISO 3166 code of the region a number written without a country code
belongs to (``"SA"``, ``"OM"``; lower case is accepted). It defaults to ``None``: the
number must then be written internationally, with ``+`` and its country code -- which is
what a call through :class:`~municipal_core.identifiers.IdentifierModule` gets. A number
of another country is still valid whatever the region: ``+968 9123 4567`` read with
region ``"SA"`` is the Omani ``+96891234567``.

phonenumbers (some 30 ms to import) loads the first time a function here needs it, not
when this module is imported. All functions are safe to call from several threads.

>>> validate("050-123-4567", region="SA")
'+966501234567'
>>> validate("+968 9123 4567")
'+96891234567'
>>> validate("٠٥٠١٢٣٤٥٦٧", "SA")
'+966501234567'
>>> format("0501234567", "SA", style="national")
'050 123 4567'
>>> is_mobile("+968 2412 3456")
False
>>> validate("0501234567")
Traceback (most recent call last):
    ...
municipal_core.errors.InvalidComponent: Missing or unknown country code: start with +.
>>> mask("+966 50 123 4567")
'+9665******67'

For many numbers at once, :func:`normalize_many` gives the same answers an order of
magnitude faster (``benchmarks/phone_bulk.py``): for the plain shapes people type it
replays phonenumbers' parsing steps with expressions compiled once from phonenumbers'
metadata, and asks phonenumbers itself about anything else.

>>> batch = normalize_many(["+966 50 123 4567", "91234567", "N/A"], region="OM")
>>> batch.e164s
('+966501234567', '+96891234567', None)
>>> batch[2]
PhoneResult(index=2, e164=None, error='phone.format')
"""

from __future__ import annotations

import enum
import operator
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NoReturn, cast, overload

import attrs

from municipal_core.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NotFound,
    ValidationError,
)
from municipal_core.identifiers import _phone_fast
from municipal_core.identifiers._util import MAX_INPUT_LENGTH, clean, mask_tail

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

__all__ = [
    "PhoneBatch",
    "PhoneResult",
    "PhoneType",
    "Style",
    "compact",
    "format",
    "generate",
    "is_mobile",
    "is_valid",
    "mask",
    "normalize",
    "normalize_many",
    "number_type",
    "region_code",
    "validate",
]

_FIELD = "phone"

Style = Literal["international", "national", "e164"]
"""How :func:`format` writes a number: ``+966 50 123 4567``, ``050 123 4567``, or
``+966501234567``."""


class PhoneType(str, enum.Enum):
    """What a valid number is, from phonenumbers' ``PhoneNumberType``."""

    FIXED_LINE = "fixed_line"
    MOBILE = "mobile"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    """The numbering plan does not tell the two apart (the USA, for one)."""
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    """Universal access number: one number for a company's many lines (Saudi 9200...)."""
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"


# Our stable error codes, with the exception and the messages each raises as.
_ERRORS: dict[str, tuple[type[ValidationError], str, str]] = {
    _phone_fast.CODE_FORMAT: (
        InvalidFormat,
        "This is not a phone number.",
        "هذا ليس رقم هاتف.",
    ),
    _phone_fast.CODE_LENGTH: (
        InvalidLength,
        "The phone number has too few or too many digits.",
        "عدد أرقام رقم الهاتف غير صحيح.",
    ),
    _phone_fast.CODE_COUNTRY: (
        InvalidComponent,
        "Missing or unknown country code: start with +.",
        "رمز الدولة مفقود أو غير معروف: ابدأ الرقم بعلامة + ورمز الدولة.",
    ),
    _phone_fast.CODE_INVALID: (
        InvalidComponent,
        "The number is not in use in its country's numbering plan.",
        "الرقم غير مستخدم في خطة الترقيم لبلده.",
    ),
}


_RESULT_CODES = frozenset((None, *_ERRORS))


def _raise(code: str) -> NoReturn:
    error, message_en, message_ar = _ERRORS[code]
    raise error(message_en, message_ar, code=code, field=_FIELD)


def _region(region: object) -> str | None:
    """Return ``region`` upper-cased, or raise if phonenumbers does not know it."""
    if region is None:
        return None
    import phonenumbers as pn

    if isinstance(region, str) and region.upper() in pn.SUPPORTED_REGIONS:
        return region.upper()
    return _unknown_region()


def _unknown_region() -> NoReturn:
    raise InvalidComponent(
        "Unknown region code for phone numbers.",
        "رمز المنطقة غير معروف لأرقام الهواتف.",
        code="phone.region",
        field="region",
    )


def _outcome(number: object, region: str | None) -> tuple[str | None, str | None]:
    """Return ``(e164, None)`` or ``(None, code)``: phonenumbers' verdict, fast if we can."""
    if not isinstance(number, str):
        return None, _phone_fast.CODE_FORMAT
    if len(number) > MAX_INPUT_LENGTH:
        return None, _phone_fast.CODE_LENGTH
    usable, plan = _phone_fast.prepare(region)
    if usable:
        outcome = _phone_fast.fast_outcome(number, plan)
        if outcome is not None:
            return outcome
    return _phone_fast.slow_outcome(number, region)


def _parsed(number: str, region: str | None) -> PhoneNumber:
    """Return phonenumbers' parse of a number that must be valid, or raise our error."""
    import phonenumbers as pn

    region = _region(region)
    code = _outcome(number, region)[1]
    if code is not None:
        _raise(code)
    # Valid, so phonenumbers parses it (that is what "valid" means here).
    return pn.parse(number, region)


def normalize(number: str, region: str | None = None) -> str:
    """Return the number in E.164 form (``+966501234567``), or raise.

    Args:
        number: the number as typed.
        region: where a number without a country code belongs (``"SA"``, ``"OM"``);
            ``None`` requires ``+`` and a country code.

    Raises:
        InvalidFormat: not text, or nothing like a phone number (``phone.format``).
        InvalidLength: too few or too many digits (``phone.length``).
        InvalidComponent: no or an unknown country code (``phone.country``), a number
            not in use in its numbering plan (``phone.invalid``), an unknown region
            (``phone.region``).

    >>> normalize("00968 9123 4567", "SA")
    '+96891234567'
    >>> normalize("0599", "SA")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidLength: The phone number has too few or too many digits.
    """
    e164, code = _outcome(number, _region(region))
    if code is not None:
        _raise(code)
    assert e164 is not None
    return e164


def validate(number: str, region: str | None = None, *, mobile: bool = False) -> str:
    """Return the number in E.164 form if it is valid (and mobile, if asked), else raise.

    Same as :func:`normalize`, plus ``mobile=True`` to require a number that can receive
    an SMS -- an activation code, say (``phone.not_mobile`` otherwise).

    >>> validate("+966 11 234 5678", mobile=True)
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: The number is not a mobile number.
    """
    e164 = normalize(number, region)
    if mobile and not is_mobile(e164):
        raise InvalidComponent(
            "The number is not a mobile number.",
            "الرقم ليس رقم جوال.",
            code="phone.not_mobile",
            field=_FIELD,
        )
    return e164


def is_valid(number: str, region: str | None = None) -> bool:
    """Return whether the number is valid; an unknown ``region`` still raises.

    >>> is_valid("+966501234567"), is_valid("+966401234567")
    (True, False)
    >>> is_valid(None)  # type: ignore[arg-type]
    False
    """
    return _outcome(number, _region(region))[1] is None


def compact(number: str, region: str | None = None) -> str:
    """Return the number in E.164 shape if phonenumbers can read it, valid or not.

    A number phonenumbers cannot read at all comes back without separators and with
    ASCII digits. For a valid number this is what :func:`validate` returns.

    >>> compact("050-123-4567", "SA"), compact("0401234567", "SA"), compact("N/A")
    ('+966501234567', '+966401234567', 'NA')
    """
    import phonenumbers as pn

    text = clean(number, field=_FIELD, code="phone")  # type and length checks
    try:
        parsed = pn.parse(number, _region(region))
    except pn.NumberParseException:
        return text
    return pn.format_number(parsed, pn.PhoneNumberFormat.E164)


def format(number: str, region: str | None = None, style: Style = "international") -> str:
    """Return a valid number written in ``style``, with phonenumbers' grouping.

    Raises:
        InvalidComponent: an unknown ``style`` (``phone.style``); and see
            :func:`normalize`.

    >>> format("+96891234567"), format("+96891234567", style="national")
    ('+968 9123 4567', '9123 4567')
    >>> format("٠١١٢٣٤٥٦٧٨", "SA", style="e164")
    '+966112345678'
    """
    import phonenumbers as pn

    formats = {
        "international": pn.PhoneNumberFormat.INTERNATIONAL,
        "national": pn.PhoneNumberFormat.NATIONAL,
        "e164": pn.PhoneNumberFormat.E164,
    }
    if not isinstance(style, str) or style not in formats:
        raise InvalidComponent(
            "Unknown phone number style: use international, national or e164.",
            "نمط كتابة الرقم غير معروف: استخدم international أو national أو e164.",
            code="phone.style",
            field="style",
        )
    return pn.format_number(_parsed(number, region), formats[style])


def number_type(number: str, region: str | None = None) -> PhoneType:
    """Return what a valid number is (mobile, fixed line, toll free...), or raise.

    >>> number_type("0501234567", "SA"), number_type("+968 2412 3456")
    (<PhoneType.MOBILE: 'mobile'>, <PhoneType.FIXED_LINE: 'fixed_line'>)
    >>> number_type("8001234567", "SA").value
    'toll_free'
    """
    import phonenumbers as pn

    kind = pn.number_type(_parsed(number, region))
    names = {getattr(pn.PhoneNumberType, member.name, None): member for member in PhoneType}
    return names.get(kind, PhoneType.UNKNOWN)


def is_mobile(number: str, region: str | None = None) -> bool:
    """Return whether the number is a valid mobile number (or may be one).

    >>> is_mobile("+96891234567"), is_mobile("0112345678", "SA"), is_mobile("junk")
    (True, False, False)
    """
    try:
        kind = number_type(number, region)
    except ValidationError:
        return False
    return kind in (PhoneType.MOBILE, PhoneType.FIXED_LINE_OR_MOBILE)


def region_code(number: str, region: str | None = None) -> str:
    """Return the ISO 3166 region a valid number belongs to.

    >>> region_code("+968 9123 4567", "SA")
    'OM'
    """
    import phonenumbers as pn

    found = pn.region_code_for_number(_parsed(number, region))
    assert found is not None  # a valid number has a region
    return found


def mask(number: str, region: str | None = None) -> str:
    """Return the number for logs: its country code, first and last two digits only.

    The first digit of the national number says mobile or landline; nothing that
    identifies the subscriber is kept. Text phonenumbers cannot read keeps its last
    two characters at most.

    >>> mask("0501234567", "SA"), mask("+968 9123 4567")
    ('+9665******67', '+9689*****67')
    >>> mask("12345")
    '***45'
    """
    import phonenumbers as pn

    text = clean(number, field=_FIELD, code="phone")
    try:
        parsed = pn.parse(number, _region(region))
    except pn.NumberParseException:
        return mask_tail(text, visible=2)
    national = pn.national_significant_number(parsed)
    if len(national) < 6:
        return f"+{parsed.country_code}" + mask_tail(national, visible=2)
    return f"+{parsed.country_code}{national[0]}{'*' * (len(national) - 3)}{national[-2:]}"


def generate(rng: random.Random, region: str | None = None, *, mobile: bool = True) -> str:
    """Return a random valid number in E.164 form, deterministic for a seeded ``rng``.

    Args:
        rng: the random source.
        region: the number's region; ``None`` picks Saudi Arabia or Oman.
        mobile: a mobile number (the default) or a fixed line.

    The digits after the first are drawn at random until phonenumbers' metadata calls
    the number valid and of the wanted type, starting from the metadata's example.

    >>> value = generate(random.Random(7), "OM")
    >>> value.startswith("+968"), is_mobile(value)
    (True, True)
    """
    import phonenumbers as pn

    code = _region(region) or rng.choice(("SA", "OM"))
    metadata = pn.PhoneMetadata.metadata_for_region(code, None)
    desc = None if metadata is None else metadata.mobile if mobile else metadata.fixed_line
    example = desc.example_number if desc is not None else None
    if metadata is None or not example:
        raise InvalidComponent(
            "The region has no phone numbers of that type.",
            "لا توجد أرقام هواتف من هذا النوع في هذه المنطقة.",
            code="phone.type",
            field="region",
        )
    wanted = (
        (pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.FIXED_LINE_OR_MOBILE) if mobile
        else (pn.PhoneNumberType.FIXED_LINE, pn.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    )
    prefix = f"+{metadata.country_code}"
    for _ in range(200):
        candidate = example[0] + "".join(rng.choice("0123456789") for _ in example[1:])
        parsed = pn.parse(prefix + candidate)
        if pn.is_valid_number(parsed) and pn.number_type(parsed) in wanted:
            return prefix + candidate
    return prefix + example  # the metadata's own example is valid by construction


@attrs.frozen
class PhoneResult:
    """One input's verdict from :func:`normalize_many`.

    Attributes:
        index: the input's position in the batch.
        e164: the E.164 form of a valid number, else ``None``.
        error: the error code of an invalid one (``phone.format``, ``phone.length``,
            ``phone.country``, ``phone.invalid``), else ``None``.

    >>> result = PhoneResult(0, e164="+96891234567")
    >>> result.valid, result.e164
    (True, '+96891234567')
    >>> result
    PhoneResult(index=0, e164='+9689*****67', error=None)
    """

    index: int
    # The repr masks the number (see mask()): results end up in logs.
    e164: str | None = attrs.field(default=None, repr=lambda v: repr(v and mask(v)))
    error: str | None = attrs.field(default=None)

    @error.validator
    def _check(self, _: attrs.Attribute[str | None], error: str | None) -> None:
        if not (
            type(self.index) is int
            and self.index >= 0
            and (self.e164 is None) != (error is None)
            and (self.e164 is None or _is_e164(self.e164))
            and (error is None or error in _ERRORS)
        ):
            raise InvalidFormat(
                "A phone result is a position and either an E.164 number or an error code.",
                "نتيجة رقم الهاتف موضع ومعه إما رقم بصيغة E.164 أو رمز خطأ.",
                code="phone.result",
                field="result",
            )

    @property
    def valid(self) -> bool:
        """Whether the input is a valid number."""
        return self.error is None


def _is_e164(value: object) -> bool:
    return (
        type(value) is str and len(value) > 2 and value[0] == "+"
        and value[1:].isdigit() and value.isascii()
    )


def _check_columns(instance: PhoneBatch, _: attrs.Attribute[tuple[str | None, ...]],
                   errors: tuple[str | None, ...]) -> None:
    """Check each position holds exactly one of an E.164 number and an error code."""
    e164s = instance.e164s
    # At C speed, for 100 000 results: no position holds two Nones (``is`` is true only
    # for None here: an E.164 number and an error code are never the same string), and
    # there are as many Nones as positions -- so exactly one per position. Every number
    # is "+" and digits: "+" starts each, appears once in each, digits fill the rest.
    ok = (
        type(e164s) is tuple and type(errors) is tuple
        and len(errors) == len(e164s)
        and e164s.count(None) + errors.count(None) == len(e164s)
        and not any(map(operator.is_, e164s, errors))
        and set(errors) <= _RESULT_CODES
    )
    if ok:
        numbers = [e for e in e164s if e is not None]
        ok = set(map(type, numbers)) <= {str}
    if ok and numbers:
        joined = "".join(numbers)
        ok = (
            min(map(len, numbers)) > 2
            and set(map(operator.itemgetter(0), numbers)) == {"+"}
            and joined.count("+") == len(numbers)
            and joined.isascii()
            and joined.replace("+", "0").isdigit()
        )
    if not ok:
        raise InvalidFormat(
            "Each phone result has either an E.164 number or an error code.",
            "كل نتيجة لرقم هاتف إما رقم بصيغة E.164 أو رمز خطأ.",
            code="phone.result",
            field="errors",
        )


def _check_region(_: object, __: attrs.Attribute[str | None], region: str | None) -> None:
    if region is not None and _region(region) != region:
        _unknown_region()  # a region code, but not in upper case


class _OutOfRange(NotFound, IndexError):
    """A batch position past the end.

    Our NotFound, and the IndexError the sequence protocol (``Sequence.index``) expects.
    """


@attrs.frozen(repr=False)
class PhoneBatch(Sequence[PhoneResult]):
    """The verdicts of :func:`normalize_many`, one per input, in input order.

    A read-only sequence of :class:`PhoneResult` (index it, iterate it, take its
    ``len``), stored as two columns so a batch of 100 000 costs two tuples rather than
    100 000 objects: ``e164s`` (the E.164 form of each valid input, else ``None``) and
    ``errors`` (each invalid input's error code, else ``None``).

    >>> batch = normalize_many(["0501234567", "0501"], "SA")
    >>> [r.valid for r in batch], batch.valid_count
    ([True, False], 1)
    >>> batch.invalid()
    (PhoneResult(index=1, e164=None, error='phone.length'),)
    """

    region: str | None = attrs.field(validator=_check_region)
    e164s: tuple[str | None, ...]
    errors: tuple[str | None, ...] = attrs.field(validator=_check_columns)

    def __repr__(self) -> str:
        # Never the numbers themselves: a batch ends up in logs.
        return f"<PhoneBatch region={self.region!r} size={len(self)} valid={self.valid_count}>"

    def __len__(self) -> int:
        return len(self.e164s)

    @overload
    def __getitem__(self, index: int) -> PhoneResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PhoneResult]: ...

    def __getitem__(self, index: int | slice) -> PhoneResult | Sequence[PhoneResult]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if not isinstance(index, int) or isinstance(index, bool):
            raise InvalidFormat(
                "A batch is indexed by position.",
                "تُفهرس الدفعة بالموضع.",
                code="phone.batch_index",
                field="index",
            )
        size = len(self.e164s)
        position = index + size if index < 0 else index
        if not 0 <= position < size:
            raise _OutOfRange(
                "No result at that position in the batch.",
                "لا توجد نتيجة في هذا الموضع من الدفعة.",
                code="phone.batch_index",
                field="index",
            )
        return PhoneResult(position, self.e164s[position], self.errors[position])

    def __iter__(self) -> Iterator[PhoneResult]:
        for position, (e164, error) in enumerate(zip(self.e164s, self.errors, strict=True)):
            yield PhoneResult(position, e164, error)

    @property
    def valid_count(self) -> int:
        """How many inputs are valid numbers."""
        return self.errors.count(None)

    def invalid(self) -> tuple[PhoneResult, ...]:
        """Return the results of the invalid inputs, for a report."""
        return tuple(self[i] for i, error in enumerate(self.errors) if error is not None)


def normalize_many(numbers: Iterable[object], region: str | None = None) -> PhoneBatch:
    """Normalise many numbers at once, never raising for a bad one.

    Each input gets exactly the verdict and E.164 form that ``phonenumbers.parse(x,
    region)`` + ``is_valid_number`` + ``format_number(..., E164)`` give it (an input
    that ``parse`` rejects is invalid), and the error code :func:`normalize` would
    raise with. Anything that is not text is a ``phone.format`` error.

    Args:
        numbers: the inputs, as typed.
        region: as for :func:`normalize`, for the whole batch.

    Raises:
        InvalidFormat: ``numbers`` is a single string or not iterable
            (``phone.batch``).
        InvalidComponent: an unknown region (``phone.region``).

    >>> normalize_many(["+968 9123 4567", "+968 1234"]).errors
    (None, 'phone.length')
    """
    code = _region(region)
    if isinstance(numbers, (str, bytes)) or not isinstance(numbers, Iterable):
        raise InvalidFormat(
            "Pass a list of numbers, not a single one.",
            "مرّر قائمة من الأرقام، لا رقمًا واحدًا.",
            code="phone.batch",
            field="numbers",
        )
    items = list(numbers)
    usable, plan = _phone_fast.prepare(code)
    outcomes: list[tuple[str | None, str | None] | None]
    if usable:
        # The hot loop: one call per text input (fast_outcome also turns away texts
        # longer than phonenumbers reads).
        fast = _phone_fast.fast_outcome
        outcomes = [fast(x, plan) if type(x) is str else None for x in items]
    else:
        outcomes = [None] * len(items)
    # The rest -- shapes phonenumbers must read itself, non-text -- found at C speed.
    position = -1
    try:
        while True:
            position = outcomes.index(None, position + 1)
            outcomes[position] = _outcome(items[position], code)
    except ValueError:
        pass
    done = cast("list[tuple[str | None, str | None]]", outcomes)  # no None left
    e164s: tuple[str | None, ...] = tuple(map(operator.itemgetter(0), done))
    errors: tuple[str | None, ...] = tuple(map(operator.itemgetter(1), done))
    return PhoneBatch(code, e164s, errors)
