"""The parties to a lease: a landlord and a tenant, each a person or a company.

A person is identified by an identity number (an Omani civil number, a Saudi national ID
or iqama), a company by its commercial registration (CR). Numbers are validated and
compacted with the library's identifier modules when the party is built, so two ways of
typing one number make the same party; ``repr()`` shows them masked.

Examples:
    >>> owner = Party(PartyKind.INDIVIDUAL, "سالم بن علي البلوشي",
    ...               id_kind="om.civil_number", id_number="١٢٣٤ ٥٦٧٨")
    >>> owner
    Party(kind='individual', name_ar='سالم بن علي البلوشي', id='****5678', cr=None)
    >>> shop = Party("company", "شركة النور", name_en="Al Noor LLC",
    ...              cr_kind="om.commercial_registration", cr="CR 1234567")
    >>> shop.cr, shop.same_as(owner)
    ('1234567', False)
    >>> Party("company", "شركة النور")
    Traceback (most recent call last):
        ...
    municipal_core.errors.InvalidComponent: A company party needs its commercial registration.
"""

from __future__ import annotations

import enum

import attrs

from municipal_core._coerce import to_enum
from municipal_core._text import mask_tail
from municipal_core.errors import InvalidComponent
from municipal_core.identifiers import get_module
from municipal_core.identifiers._util import Label, clean_text

__all__ = ["CR_KINDS", "ID_KINDS", "Party", "PartyKind", "PartyRole"]

ID_KINDS = frozenset({"om.civil_number", "sa.national_id"})
"""Identifier kinds that identify a person party (``Party.id_kind``)."""

CR_KINDS = frozenset({"om.commercial_registration", "sa.commercial_registration"})
"""Identifier kinds that identify a company party (``Party.cr_kind``)."""

_CODE = "lease.party"
_MAX_NAME = 200


class PartyKind(str, enum.Enum):
    """Whether a party is a natural person or a company."""

    INDIVIDUAL = "individual"
    COMPANY = "company"


class PartyRole(str, enum.Enum):
    """The side a party takes in a lease."""

    LANDLORD = "landlord"
    TENANT = "tenant"


def _kind(value: object) -> PartyKind:
    return to_enum(PartyKind, value, code=f"{_CODE}.kind", field="kind")


def _name_ar(value: object) -> str:
    return clean_text(
        value, label=Label("name_ar", f"{_CODE}.name", "name", "الاسم"), max_length=_MAX_NAME
    )


def _name_en(value: object) -> str | None:
    if value is None:
        return None
    return clean_text(
        value, label=Label("name_en", f"{_CODE}.name", "name", "الاسم"), max_length=_MAX_NAME
    )


def _number(
    kind: str | None, number: str | None, allowed: frozenset[str], field: str
) -> str | None:
    """Validate ``number`` with the module of ``kind``; return its compact form."""
    if kind is None and number is None:
        return None
    if kind is None or number is None:
        raise InvalidComponent(
            f"{field} and {field}'s kind must be given together.",
            f"يجب إدخال {field} ونوعه معًا.",
            code=f"{_CODE}.{field}.incomplete",
            field=field,
        )
    if kind not in allowed:
        kinds = ", ".join(sorted(allowed))
        raise InvalidComponent(
            f"The kind of {field} must be one of: {kinds}.",
            f"يجب أن يكون نوع {field} أحد الأنواع: {kinds}.",
            code=f"{_CODE}.{field}.kind",
            field=field,
        )
    return get_module(kind).validate(number)


@attrs.frozen(repr=False)
class Party:
    """A landlord or tenant: a person with an identity number, or a company with a CR.

    Attributes:
        kind: :class:`PartyKind` (or its value, ``"individual"`` / ``"company"``).
        name_ar: the name in Arabic as on the ID card or CR (whitespace tidied).
        name_en: the name in English, if known.
        id_kind: ``"om.civil_number"`` or ``"sa.national_id"`` (see :data:`ID_KINDS`).
        id_number: the identity number; required for an individual.
        cr_kind: ``"om.commercial_registration"`` or ``"sa.commercial_registration"``.
        cr: the commercial registration number; required for a company.

    Raises:
        InvalidComponent: an individual without identity number
            (``lease.party.id_number.required``), a company without CR
            (``lease.party.cr.required``), a number without its kind or the other way
            round (``lease.party.<field>.incomplete``), a kind not allowed for the field
            (``lease.party.<field>.kind``), or an unknown party kind (``lease.party.kind``).
        ValidationError: the identifier module's own error for a bad number.

    Examples:
        >>> Party("individual", "Fatima", id_kind="sa.national_id", id_number="1000000008")
        Party(kind='individual', name_ar='Fatima', id='******0008', cr=None)
    """

    kind: PartyKind = attrs.field(converter=_kind)
    name_ar: str = attrs.field(converter=_name_ar)
    name_en: str | None = attrs.field(default=None, converter=_name_en)
    id_kind: str | None = None
    id_number: str | None = None
    cr_kind: str | None = None
    cr: str | None = None

    def __attrs_post_init__(self) -> None:
        # Frozen class: the sanctioned writes at construction, storing the compact numbers
        # (the identifier modules need the kind, another field, so a converter cannot).
        object.__setattr__(
            self, "id_number", _number(self.id_kind, self.id_number, ID_KINDS, "id_number")
        )
        object.__setattr__(self, "cr", _number(self.cr_kind, self.cr, CR_KINDS, "cr"))
        if self.kind is PartyKind.INDIVIDUAL and self.id_number is None:
            raise InvalidComponent(
                "An individual party needs an identity number.",
                "يلزم رقم الهوية للطرف من الأفراد.",
                code=f"{_CODE}.id_number.required",
                field="id_number",
            )
        if self.kind is PartyKind.COMPANY and self.cr is None:
            raise InvalidComponent(
                "A company party needs its commercial registration.",
                "يلزم رقم السجل التجاري للطرف من الشركات.",
                code=f"{_CODE}.cr.required",
                field="cr",
            )

    def __repr__(self) -> str:
        masked_id = None if self.id_number is None else mask_tail(self.id_number)
        masked_cr = None if self.cr is None else mask_tail(self.cr)
        return (
            f"Party(kind={self.kind.value!r}, name_ar={self.name_ar!r}, "
            f"id={masked_id!r}, cr={masked_cr!r})"
        )

    @property
    def identifier_kinds(self) -> tuple[str, ...]:
        """The identifier kinds this party carries (to check against a jurisdiction).

        Examples:
            >>> Party("individual", "Ali", id_kind="om.civil_number",
            ...       id_number="12345678").identifier_kinds
            ('om.civil_number',)
        """
        return tuple(kind for kind in (self.id_kind, self.cr_kind) if kind is not None)

    def same_as(self, other: Party) -> bool:
        """Return whether both parties carry the same identity number or the same CR.

        Names are not compared: they are spelled in many ways, numbers are not.

        Examples:
            >>> a = Party("individual", "Ali", id_kind="om.civil_number", id_number="12345678")
            >>> b = Party("individual", "علي", id_kind="om.civil_number",
            ...           id_number="1234-5678")
            >>> a.same_as(b)
            True
        """
        same_id = self.id_number is not None and (self.id_kind, self.id_number) == (
            other.id_kind,
            other.id_number,
        )
        same_cr = self.cr is not None and (self.cr_kind, self.cr) == (other.cr_kind, other.cr)
        return same_id or same_cr
