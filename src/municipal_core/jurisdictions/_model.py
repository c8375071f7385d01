"""The Jurisdiction profile: everything that differs between municipalities, as data."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import language
from municipal_core.clock import resolve_tz
from municipal_core.errors import InvalidComponent, InvalidFormat, NotFound, ValidationError
from municipal_core.identifiers import IDENTIFIER_MODULES, IdentifierModule, get_module
from municipal_core.jurisdictions._rules import RuleBook
from municipal_core.money import Currency

__all__ = ["Calendar", "Jurisdiction", "VatTreatment"]

_CODE_RE = re.compile(r"[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class Calendar(str, enum.Enum):
    """The calendar a portal shows dates in first."""

    GREGORIAN = "gregorian"
    HIJRI = "hijri"


class VatTreatment(str, enum.Enum):
    """How VAT applies to a fee (DOMAIN.md §3)."""

    IN_SCOPE = "in_scope"
    """VAT is charged at the standard rate."""
    EXEMPT = "exempt"
    """Within VAT's scope but exempt (e.g. residential rent in Oman)."""
    OUTSIDE_SCOPE = "outside_scope"
    """Charged by a public authority as such; VAT does not apply."""


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        raise InvalidFormat(
            "A jurisdiction code is a country code and a name, e.g. 'om-sohar'.",
            "رمز الجهة هو رمز الدولة متبوعًا باسم، مثل 'om-sohar'.",
            code="jurisdiction.code",
            field="code",
        )


def _check_country(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    # Used for the country and the phone region: both are ISO 3166 alpha-2 codes.
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise InvalidFormat(
            "The country and phone region must be ISO 3166 alpha-2 codes such as 'OM'.",
            "يجب أن تكون الدولة ومنطقة الهاتف رمزًا من حرفين وفق ISO 3166 مثل 'OM'.",
            code=f"jurisdiction.{attribute.name}",
            field=attribute.name,
        )


def _check_timezone(_instance: object, _attribute: object, value: str) -> None:
    # clock.resolve_tz knows every way a zone name can fail (OSError for "Asia", a
    # directory, included); a profile additionally needs an IANA *name* it can store.
    try:
        zone = resolve_tz(value) if isinstance(value, str) else None
    except ValidationError:
        zone = None
    if not isinstance(zone, ZoneInfo):
        raise InvalidComponent(
            "Unknown time zone; use an IANA name such as 'Asia/Muscat'.",
            "منطقة زمنية غير معروفة؛ استخدم اسمًا من قاعدة IANA مثل 'Asia/Muscat'.",
            code="jurisdiction.timezone",
            field="timezone",
        ) from None


def _to_tuple(values: Iterable[str]) -> tuple[str, ...]:
    # A bare string would split into letters; refuse it and anything not iterable.
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidFormat(
            "Identifier kinds must be a list of kind names.",
            "يجب أن تكون أنواع المعرّفات قائمة بأسماء الأنواع.",
            code="jurisdiction.identifiers",
            field="identifier_kinds",
        )
    return tuple(values)


def _check_name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise InvalidFormat(
            "A jurisdiction name is a non-empty text of at most 200 characters.",
            "اسم الجهة نص غير فارغ لا يتجاوز 200 حرف.",
            code="jurisdiction.name",
            field=attribute.name,
        )


def _check_rules(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, RuleBook):
        raise InvalidFormat(
            "The rules must be a RuleBook.",
            "يجب أن تكون القواعد من نوع RuleBook.",
            code="jurisdiction.rules",
            field="rules",
        )


def _check_currency(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Currency):
        raise InvalidFormat(
            "The currency must be a Currency, e.g. money.OMR.",
            "يجب أن تكون العملة من نوع Currency، مثل money.OMR.",
            code="jurisdiction.currency",
            field="currency",
        )


def _to_calendar(value: object) -> Calendar:
    return to_enum(Calendar, value, code="jurisdiction.calendar", field="calendar")


def _to_vat_treatment(value: object) -> VatTreatment:
    return to_enum(
        VatTreatment, value, code="jurisdiction.default_fee_vat", field="default_fee_vat"
    )


def _check_identifiers(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    unknown = [kind for kind in value if kind not in IDENTIFIER_MODULES]
    if unknown:
        raise InvalidComponent(
            f"Unknown identifier kinds: {', '.join(sorted(unknown))}.",
            f"أنواع معرّفات غير معروفة: {', '.join(sorted(unknown))}.",
            code="jurisdiction.identifiers",
            field="identifier_kinds",
        )


@attrs.frozen
class Jurisdiction:
    """A municipality's profile: names, currency, time zone, VAT, phones, calendar, rules.

    Profiles are plain data. A host app serving another municipality derives its own with
    :func:`attrs.evolve` and, for a changed fee, :meth:`RuleBook.with_value`:

    >>> import attrs, datetime as dt
    >>> from decimal import Decimal
    >>> from municipal_core.jurisdictions import get
    >>> sohar = get("om-sohar")
    >>> muscat = attrs.evolve(sohar, code="om-muscat", name_en="Muscat Municipality",
    ...                       name_ar="بلدية مسقط")
    >>> muscat.vat_rate(dt.date(2026, 1, 1))
    Decimal('0.05')
    >>> muscat.today_in(dt.datetime(2026, 1, 1, 21, 0, tzinfo=dt.timezone.utc))
    datetime.date(2026, 1, 2)
    """

    code: str = attrs.field(validator=_check_code)
    """Stable code, country first: ``"om-sohar"``, ``"sa-balady"``."""
    country: str = attrs.field(validator=_check_country)
    """ISO 3166 alpha-2 country code."""
    name_en: str = attrs.field(validator=_check_name)
    name_ar: str = attrs.field(validator=_check_name)
    currency: Currency = attrs.field(validator=_check_currency)
    timezone: str = attrs.field(validator=_check_timezone)
    """IANA time zone name; see :attr:`tz`."""
    phone_region: str = attrs.field(validator=_check_country)
    """Region for parsing phone numbers typed without a country code."""
    calendar: Calendar = attrs.field(converter=_to_calendar)
    """The calendar dates are shown in first."""
    default_fee_vat: VatTreatment = attrs.field(converter=_to_vat_treatment)
    """VAT treatment of a municipal fee unless the fee rule says otherwise."""
    identifier_kinds: tuple[str, ...] = attrs.field(
        converter=_to_tuple, validator=_check_identifiers
    )
    """Identifier kinds that apply here, as named in ``identifiers.IDENTIFIER_MODULES``."""
    rules: RuleBook = attrs.field(factory=RuleBook, validator=_check_rules)
    """Effective-dated rule values with their sources."""

    @property
    def tz(self) -> ZoneInfo:
        """The time zone as a :class:`zoneinfo.ZoneInfo`."""
        return ZoneInfo(self.timezone)  # ZoneInfo caches instances by key

    def name(self, lang: str = "en") -> str:
        """Return the municipality's name in ``"en"`` or ``"ar"``."""
        return self.name_ar if language(lang) == "ar" else self.name_en

    def today_in(self, moment: dt.datetime) -> dt.date:
        """Return the local date here at the aware datetime ``moment``.

        Raises:
            InvalidFormat: ``moment`` is naive.
        """
        if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
            raise InvalidFormat(
                "A timezone-aware datetime is required.",
                "يلزم تاريخ ووقت مع المنطقة الزمنية.",
                code="jurisdiction.naive_datetime",
                field="moment",
            )
        return moment.astimezone(self.tz).date()

    def vat_rate(self, on: dt.date) -> Decimal:
        """Return the standard VAT rate in force on ``on`` (e.g. ``Decimal('0.05')``)."""
        return self.rules.decimal("vat.standard_rate", on)

    def identifier(self, kind: str) -> IdentifierModule:
        """Return the identifier module of ``kind`` if it applies in this jurisdiction.

        >>> from municipal_core.jurisdictions import get
        >>> get("sa-balady").identifier("sa.national_id").is_valid("2000000006")
        True

        Raises:
            NotFound: the kind does not apply here (code ``jurisdiction.identifier``).
        """
        if kind not in self.identifier_kinds:
            raise NotFound(
                f"The identifier kind {kind!r} does not apply in {self.code}.",
                f"نوع المعرّف {kind!r} لا ينطبق في {self.code}.",
                code="jurisdiction.identifier",
                field="kind",
            )
        return get_module(kind)
