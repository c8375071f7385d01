"""Identifier modules in python-stdnum's shape, and a registry of them by kind.

Every module offers ``compact``, ``validate``, ``is_valid``, ``format``, ``mask`` and
``generate`` (see :class:`IdentifierModule`). :func:`get_module` finds one by its kind
name, which is how jurisdictions, the transactions registry and the command line refer to
them; the module is imported on first use only.

>>> get_module("sa.national_id").is_valid("1000000008")
True
>>> "om.civil_number" in kinds()
True
"""

from __future__ import annotations

import importlib
from typing import cast

from municipal_core.errors import NotFound
from municipal_core.identifiers._util import IdentifierModule

__all__ = ["IDENTIFIER_MODULES", "IdentifierModule", "get_module", "kinds"]

IDENTIFIER_MODULES: dict[str, str] = {
    "email": "municipal_core.identifiers.email",
    "om.address_number": "municipal_core.identifiers.om.address",
    "om.civil_number": "municipal_core.identifiers.om.civil_number",
    "om.commercial_registration": "municipal_core.identifiers.om.commercial_registration",
    "om.vatin": "municipal_core.identifiers.om.vatin",
    "phone": "municipal_core.identifiers.phone",
    "sa.commercial_registration": "municipal_core.identifiers.sa.commercial_registration",
    "sa.engineering_office_licence": "municipal_core.identifiers.sa.engineering_office_licence",
    "sa.national_id": "municipal_core.identifiers.sa.national_id",
    "sa.short_address": "municipal_core.identifiers.sa.national_address",
}
"""Kind name -> module path of every identifier module the library ships."""


def kinds() -> tuple[str, ...]:
    """Return the sorted kind names :func:`get_module` knows."""
    return tuple(sorted(IDENTIFIER_MODULES))


def get_module(kind: str) -> IdentifierModule:
    """Return the identifier module for ``kind`` (e.g. ``"sa.national_id"``).

    Raises:
        NotFound: no identifier of that kind (code ``identifiers.unknown_kind``).
    """
    path = IDENTIFIER_MODULES.get(kind) if isinstance(kind, str) else None
    if path is None:
        raise NotFound(
            "Unknown identifier kind.",
            "نوع المعرّف غير معروف.",
            code="identifiers.unknown_kind",
            field="kind",
        )
    return cast(IdentifierModule, importlib.import_module(path))
