"""Jurisdiction profiles: what differs between municipalities, as data with sources.

Two profiles ship: Sohar Municipality in Oman (``om-sohar``) and Saudi Arabia's Balady
portal (``sa-balady``). Host apps register their own derived profiles.

>>> from municipal_core import jurisdictions
>>> jurisdictions.codes()
('om-sohar', 'sa-balady')
>>> j = jurisdictions.get("OM-SOHAR")
>>> j.currency.code, j.timezone, j.phone_region
('OMR', 'Asia/Muscat', 'OM')
"""

from __future__ import annotations

import threading

from municipal_core.errors import DuplicateError, InvalidFormat, NotFound
from municipal_core.jurisdictions._model import Calendar, Jurisdiction, VatTreatment
from municipal_core.jurisdictions._rules import Confidence, RuleBook, RuleScalar, RuleValue
from municipal_core.jurisdictions.oman import OM_SOHAR
from municipal_core.jurisdictions.saudi import SA_BALADY

__all__ = [
    "OM_SOHAR",
    "SA_BALADY",
    "Calendar",
    "Confidence",
    "Jurisdiction",
    "RuleBook",
    "RuleScalar",
    "RuleValue",
    "VatTreatment",
    "all_jurisdictions",
    "codes",
    "get",
    "register",
    "resolve",
]

_REGISTRY: dict[str, Jurisdiction] = {j.code: j for j in (OM_SOHAR, SA_BALADY)}
_LOCK = threading.Lock()


def get(code: str) -> Jurisdiction:
    """Return the profile registered under ``code`` (case-insensitive).

    Raises:
        NotFound: no such profile (code ``jurisdiction.unknown``).
    """
    found = _REGISTRY.get(code.strip().lower()) if isinstance(code, str) else None
    if found is None:
        known = ", ".join(codes())
        raise NotFound(
            f"Unknown jurisdiction; known: {known}.",
            f"جهة غير معروفة؛ المعروفة: {known}.",
            code="jurisdiction.unknown",
            field="jurisdiction",
        )
    return found


def resolve(jurisdiction: Jurisdiction | str) -> Jurisdiction:
    """Return ``jurisdiction`` if it is a profile, else the profile its code names.

    The one place that turns a ``jurisdiction=`` argument (a profile or a registered code,
    as functions across the library accept) into a profile.

    Raises:
        NotFound: an unknown code, or neither a profile nor text (``jurisdiction.unknown``).

    Examples:
        >>> resolve("OM-SOHAR") is resolve(OM_SOHAR) is OM_SOHAR
        True
    """
    return jurisdiction if isinstance(jurisdiction, Jurisdiction) else get(jurisdiction)


def codes() -> tuple[str, ...]:
    """Return the sorted codes of every registered profile."""
    return tuple(sorted(_REGISTRY))


def all_jurisdictions() -> tuple[Jurisdiction, ...]:
    """Return every registered profile, sorted by code."""
    return tuple(_REGISTRY[c] for c in codes())


def register(jurisdiction: Jurisdiction) -> None:
    """Make a host app's own profile available to :func:`get`.

    Registering an equal profile again is a no-op; a different profile under a taken code
    raises :class:`~municipal_core.errors.DuplicateError` (code ``jurisdiction.duplicate``).
    """
    if not isinstance(jurisdiction, Jurisdiction):
        raise InvalidFormat(
            "Only a Jurisdiction can be registered.",
            "لا يمكن تسجيل إلا كائن من نوع Jurisdiction.",
            code="jurisdiction.type",
            field="jurisdiction",
        )
    with _LOCK:
        existing = _REGISTRY.get(jurisdiction.code)
        if existing is not None and existing != jurisdiction:
            raise DuplicateError(
                f"A different jurisdiction is already registered as {jurisdiction.code}.",
                f"توجد جهة مختلفة مسجلة بالرمز {jurisdiction.code}.",
                code="jurisdiction.duplicate",
                field="code",
            )
        _REGISTRY[jurisdiction.code] = jurisdiction
