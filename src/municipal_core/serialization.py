"""One cattrs converter for every model: JSON-ready dicts and JSON text, losslessly.

The models stay free of serialization code (DESIGN.md §8, as cattrs' ``preconf`` does):

* dates and datetimes are ISO 8601 (datetimes must be timezone-aware);
* ``Decimal`` is a string (``"0.05"``), never a float;
* ``Money`` is ``{"amount": "350.250", "currency": "OMR"}`` (currency by code);
* ``HijriDate`` is its ISO form, ``"1445-09-01"``;
* a ``timedelta`` is an ISO 8601 duration in seconds, ``"PT300S"`` (``"PT0.5S"``);
* enums are their values;
* a rule value keeps its type: numbers stay numbers, a ``Decimal`` is ``{"decimal": "0.05"}``;
* a model holding a secret (a field marked with :data:`SECRET`, such as a document
  signing key) is refused with :class:`~municipal_core.errors.PermissionDenied`
  (``serialization.secret``): keys belong in a secret store, not in JSON.

Loading validates exactly as construction does, so bad data raises the model's own typed
error (``InvalidChecksum``, ``InvalidFormat``...) or, for data of the wrong shape,
:class:`~municipal_core.errors.InvalidFormat` with code ``serialization.invalid``.

>>> from municipal_core.money import Money
>>> to_json(Money("350.250", "OMR"))
'{"amount": "350.250", "currency": "OMR"}'
>>> from_json('{"amount": "350.250", "currency": "OMR"}', Money)
Money('350.250', 'OMR')
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from municipal_core import _checks
from municipal_core.dates import HijriDate
from municipal_core.errors import InvalidFormat, MunicipalError, PermissionDenied
from municipal_core.jurisdictions import RuleValue
from municipal_core.money import Currency, Money, get_currency

__all__ = ["SECRET", "converter", "from_dict", "from_json", "to_dict", "to_json"]

SECRET = _checks.SECRET
"""The attrs field-metadata key that marks a secret: ``attrs.field(metadata={SECRET: True})``."""

T = TypeVar("T")


def _invalid(detail_en: str, detail_ar: str, field: str | None = None) -> InvalidFormat:
    return InvalidFormat(
        f"The data cannot be read: {detail_en}",
        f"تعذرت قراءة البيانات: {detail_ar}",
        code="serialization.invalid",
        field=field,
    )


def _structure_decimal(value: object, _type: object) -> Decimal:
    # Floats are refused: a JSON number 0.1 is already not 0.1, and money must be exact.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _invalid("a decimal number must be written as text.", "يجب كتابة العدد العشري نصًا.")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise _invalid("not a decimal number.", "ليس عددًا عشريًا.") from None
    if not result.is_finite():
        raise _invalid("not a finite decimal number.", "ليس عددًا عشريًا محدودًا.")
    return result


def _structure_datetime(value: object, _type: object) -> dt.datetime:
    if not isinstance(value, str):
        raise _invalid("a datetime must be ISO 8601 text.", "يجب أن يكون التاريخ والوقت نصًا.")
    try:
        result = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _invalid("not an ISO 8601 datetime.", "ليس تاريخًا ووقتًا بصيغة ISO 8601.") from None
    if result.utcoffset() is None:
        raise _invalid(
            "a datetime must carry its time zone.", "يجب أن يتضمن التاريخ والوقت المنطقة الزمنية."
        )
    return result


def _unstructure_datetime(value: dt.datetime) -> str:
    if value.utcoffset() is None:
        raise _invalid(
            "a datetime must carry its time zone.", "يجب أن يتضمن التاريخ والوقت المنطقة الزمنية."
        )
    return value.isoformat()


def _structure_date(value: object, _type: object) -> dt.date:
    if not isinstance(value, str):
        raise _invalid("a date must be ISO 8601 text.", "يجب أن يكون التاريخ نصًا.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _invalid("not an ISO 8601 date.", "ليس تاريخًا بصيغة ISO 8601.") from None


_DURATION_RE = re.compile(r"(-?)PT(\d{1,12})(?:\.(\d{1,6}))?S\Z")


def _structure_timedelta(value: object, _type: object) -> dt.timedelta:
    # Only the one form we write: a policy's durations are seconds, not calendar months.
    match = _DURATION_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise _invalid(
            "a duration must be ISO 8601 seconds, e.g. 'PT300S'.",
            "يجب أن تكون المدة بالثواني بصيغة ISO 8601، مثل 'PT300S'.",
        )
    sign, whole, fraction = match.groups()
    result = dt.timedelta(seconds=int(whole), microseconds=int((fraction or "0").ljust(6, "0")))
    return -result if sign else result


def _unstructure_timedelta(value: dt.timedelta) -> str:
    micros = abs(value) // dt.timedelta(microseconds=1)
    whole, fraction = divmod(micros, 1_000_000)
    tail = f".{fraction:06d}".rstrip("0") if fraction else ""
    return f"{'-' if value < dt.timedelta(0) else ''}PT{whole}{tail}S"


def _structure_money(value: object, _type: object) -> Money:
    if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
        raise _invalid(
            "money needs exactly 'amount' and 'currency'.",
            "المبلغ يحتاج إلى 'amount' و'currency' فقط.",
        )
    if not isinstance(value["amount"], str):
        raise _invalid("a money amount must be written as text.", "يجب كتابة المبلغ نصًا.")
    return Money(value["amount"], value["currency"])


def _unstructure_money(value: Money) -> dict[str, str]:
    # Fixed-point always ("0.0000001", never str(Decimal)'s "1E-7"), as people read amounts.
    return {"amount": format(value.amount, "f"), "currency": value.currency.code}


def _plain_str(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _structure_rule_scalar(value: object, _type: object) -> Decimal | int | str | bool:
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return _structure_decimal(value["decimal"], Decimal)
    if isinstance(value, (bool, int, str)):
        return value
    raise _invalid(
        "a rule value must be a flag, an integer, a text or {'decimal': ...}.",
        "يجب أن تكون قيمة القاعدة منطقية أو عددًا صحيحًا أو نصًا أو عددًا عشريًا.",
    )


def _unstructure_rule_scalar(value: Decimal | int | str | bool) -> Any:
    return {"decimal": str(value)} if isinstance(value, Decimal) else value


def _holds_secret(cls: Any) -> bool:
    return attrs.has(cls) and any(f.metadata.get(SECRET) for f in attrs.fields(cls))


def _refuse_secret(value: Any) -> Any:
    raise PermissionDenied(
        f"A {type(value).__name__} holds a secret and is never serialized.",
        f"الكائن {type(value).__name__} يحمل سرًا ولا يُحوَّل إلى JSON أبدًا.",
        code="serialization.secret",
        field=type(value).__name__,
    )


@functools.lru_cache(maxsize=1)
def converter() -> cattrs.Converter:
    """Return the library's converter (built once; safe to share between threads).

    Host apps can :meth:`~cattrs.Converter.copy` it and register hooks of their own.
    """
    conv = make_converter()
    # Our enums subclass str, so their MRO finds cattrs' str pass-through before any Enum
    # hook and members would come out as enum objects; the str hook unwraps them.
    conv.register_unstructure_hook(str, _plain_str)
    conv.register_unstructure_hook(enum.Enum, _plain_str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.timedelta, _structure_timedelta)
    conv.register_unstructure_hook(dt.timedelta, _unstructure_timedelta)
    conv.register_structure_hook(Money, _structure_money)
    conv.register_unstructure_hook(Money, _unstructure_money)
    conv.register_structure_hook(HijriDate, lambda v, _t: HijriDate.parse(v))
    conv.register_unstructure_hook(HijriDate, HijriDate.isoformat)
    conv.register_structure_hook(
        Currency,
        lambda v, _t: (
            get_currency(v) if isinstance(v, str) else conv.structure_attrs_fromdict(v, Currency)
        ),
    )

    conv.register_structure_hook(
        RuleValue,
        make_dict_structure_fn(RuleValue, conv, value=override(struct_hook=_structure_rule_scalar)),
    )
    conv.register_unstructure_hook(
        RuleValue,
        make_dict_unstructure_fn(
            RuleValue, conv, value=override(unstruct_hook=_unstructure_rule_scalar)
        ),
    )
    conv.register_unstructure_hook_func(_holds_secret, _refuse_secret)
    conv.register_structure_hook_func(_holds_secret, lambda value, cls: _refuse_secret(cls))
    return conv


def to_dict(obj: Any) -> Any:
    """Return ``obj`` as JSON-ready builtins (dicts, lists, strings, numbers).

    >>> import datetime as dt
    >>> from municipal_core.dates import Period
    >>> to_dict(Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    {'start': '2026-01-01', 'end': '2026-12-31'}
    """
    try:
        return converter().unstructure(obj)
    except MunicipalError:
        raise
    except Exception as exc:  # cattrs raises many kinds; none may escape untyped
        raise _invalid(f"{type(exc).__name__}.", f"{type(exc).__name__}.") from exc


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from builtins produced by :func:`to_dict`, validating fully.

    Raises:
        MunicipalError: the model's own typed error when a value breaks its rules, or
            ``InvalidFormat`` (code ``serialization.invalid``) for data of the wrong shape.
    """
    try:
        return converter().structure(data, cls)
    except MunicipalError:
        raise
    except Exception as exc:  # RecursionError included: deeply nested hostile data
        inner = _find_municipal_error(exc)
        if inner is not None:
            raise inner from exc
        # transform_error names the path and the problem, never the offending value.
        details = (
            "; ".join(cattrs.transform_error(exc, path="$")[:3])
            if isinstance(exc, cattrs.BaseValidationError)
            else "the data does not have the expected shape"
        )
        raise _invalid(f"{details}.", f"البيانات ليست بالشكل المتوقع ({details}).") from exc


def to_json(obj: Any) -> str:
    """Return ``obj`` as JSON text (UTF-8 friendly: Arabic stays readable)."""
    data = to_dict(obj)
    try:
        return json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError) as exc:  # no JSON form, or a cycle
        raise _invalid("the value has no JSON form.", "لا يمكن تمثيل القيمة بصيغة JSON.") from exc


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Build a ``cls`` from JSON text produced by :func:`to_json`."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:  # RecursionError: "[[[[..." bodies
        raise _invalid("not valid JSON.", "ليست بيانات JSON صالحة.") from exc
    return from_dict(data, cls)


def _find_municipal_error(exc: BaseException) -> MunicipalError | None:
    # cattrs wraps errors raised while building a class in (nested) exception groups;
    # surface our own typed error so callers see e.g. InvalidChecksum, not a group.
    if isinstance(exc, MunicipalError):
        return exc
    for inner in getattr(exc, "exceptions", ()):
        found = _find_municipal_error(inner)
        if found is not None:
            return found
    cause = exc.__cause__ or exc.__context__
    return _find_municipal_error(cause) if cause is not None else None
