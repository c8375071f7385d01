"""``municipal validate KIND VALUE``: check one identifier as a person typed it.

Each KIND is a row of :data:`KINDS`: the identifier module it is checked by (per country
where the two portals differ, as for ``cr``) and what the check adds (a holder kind, a
number kind, a phone region). The command prints the compact, formatted and masked forms,
or the error's code and message.

Examples:
    >>> spec = KINDS["iqama"]
    >>> spec.module_for("SA"), spec.options
    ('sa.national_id', (('holder', 'resident'),))
    >>> KINDS["cr"].module_for("OM")
    'om.commercial_registration'
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

import attrs

from municipal_core._cli_output import ExitCode, Output, label
from municipal_core.errors import InvalidComponent
from municipal_core.identifiers import get_module
from municipal_core.jurisdictions import Jurisdiction, resolve

__all__ = ["KINDS", "IdentifierKind", "add_parser", "run", "validate"]


@attrs.frozen
class IdentifierKind:
    """One KIND the command knows: which identifier module checks it, per country.

    Attributes:
        modules: ``(country, module kind)`` pairs; country ``"*"`` matches any.
        options: keyword arguments for the module's ``validate`` only.
        regional: the module takes the jurisdiction's phone region (phones).
    """

    modules: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, str], ...] = ()
    regional: bool = False

    def module_for(self, country: str) -> str | None:
        """Return the module kind used in ``country``, or ``None`` if it has none.

        Examples:
            >>> KINDS["civil-number"].module_for("SA")
            'om.civil_number'
            >>> KINDS["short-address"].module_for("OM") is None
            True
        """
        for where, module in self.modules:
            if where in ("*", country):
                return module
        return None


KINDS: Mapping[str, IdentifierKind] = {
    "national-id": IdentifierKind((("*", "sa.national_id"),), (("holder", "citizen"),)),
    "iqama": IdentifierKind((("*", "sa.national_id"),), (("holder", "resident"),)),
    "civil-number": IdentifierKind((("*", "om.civil_number"),)),
    "cr": IdentifierKind(
        (("OM", "om.commercial_registration"), ("SA", "sa.commercial_registration"))
    ),
    "unified-number": IdentifierKind(
        (("*", "sa.commercial_registration"),), (("kind", "unified_number"),)
    ),
    "phone": IdentifierKind((("*", "phone"),), regional=True),
    "short-address": IdentifierKind((("SA", "sa.short_address"),)),
    "address": IdentifierKind((("OM", "om.address_number"), ("SA", "sa.short_address"))),
    "email": IdentifierKind((("*", "email"),)),
    "engineering-licence": IdentifierKind((("*", "sa.engineering_office_licence"),)),
    "vatin": IdentifierKind((("*", "om.vatin"),)),
}
"""Every KIND ``municipal validate`` accepts."""


def validate(kind: str, value: str, jurisdiction: Jurisdiction | str) -> dict[str, str]:
    """Return ``{"identifier", "compact", "formatted", "masked"}`` for a valid ``value``.

    Raises:
        InvalidComponent: ``kind`` has no identifier in the jurisdiction's country
            (``cli.validate.kind``).
        ValidationError: ``value`` is not valid (the identifier's own error and code).

    Examples:
        >>> validate("national-id", "١٠٠٠٠٠٠٠٠٨", "sa-balady")["masked"]
        '******0008'
        >>> validate("phone", "9123 4567", "om-sohar")["compact"]
        '+96891234567'
        >>> validate("short-address", "RRRD2929", "om-sohar")
        Traceback (most recent call last):
            ...
        municipal_core.errors.InvalidComponent: This kind of number is not used in that \
jurisdiction.
    """
    profile = resolve(jurisdiction)
    spec = KINDS[kind]
    module_kind = spec.module_for(profile.country)
    if module_kind is None:
        raise InvalidComponent(
            "This kind of number is not used in that jurisdiction.",
            "هذا النوع من الأرقام غير مستخدم في هذه الجهة.",
            code="cli.validate.kind",
            field="kind",
        )
    module: Any = get_module(module_kind)
    common: dict[str, Any] = {"region": profile.phone_region} if spec.regional else {}
    compact = module.validate(value, **common, **dict(spec.options))
    return {
        "identifier": module_kind,
        "compact": compact,
        "formatted": module.format(compact, **common),
        "masked": module.mask(compact, **common),
    }


def add_parser(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``validate`` to the command's subparsers."""
    parser = commands.add_parser(
        "validate",
        parents=parents,
        help="check an identifier and print its compact, formatted and masked forms",
    )
    parser.add_argument("kind", metavar="KIND", choices=sorted(KINDS), help=", ".join(KINDS))
    parser.add_argument("value", metavar="VALUE", help="the number as typed")
    parser.add_argument(
        "--jurisdiction", default="om-sohar", help="om-sohar (default) or sa-balady"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: Output) -> ExitCode:
    """Run ``municipal validate`` with parsed ``args``."""
    forms = validate(args.kind, args.value, args.jurisdiction)
    lines = [
        f"{label(name, out.lang)}: {forms[name]}"
        for name in ("identifier", "compact", "formatted", "masked")
    ]
    return out.result({"kind": args.kind, "valid": True, **forms}, lines)
