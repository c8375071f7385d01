"""municipal_core: typed, framework-free municipal domain logic for Oman and Saudi Arabia.

The handful of names most users need are importable from here; each loads the first time
it is used, so ``import municipal_core`` stays cheap and pulls in none of phonenumbers,
cattrs, fpdf2, uharfbuzz or fontTools (see ``benchmarks/import_time.py``).

>>> import municipal_core as mc
>>> mc.Money("350.250", "OMR")
Money('350.250', 'OMR')
>>> mc.jurisdiction("sa-balady").currency.code
'SAR'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from municipal_core.clock import Clock, FixedClock, SystemClock
    from municipal_core.dates import HijriDate, Period, add_months
    from municipal_core.errors import MunicipalError, NotFound, ValidationError
    from municipal_core.jurisdictions import Jurisdiction
    from municipal_core.jurisdictions import get as jurisdiction
    from municipal_core.money import Currency, Money

__all__ = [
    "Clock",
    "Currency",
    "FixedClock",
    "HijriDate",
    "Jurisdiction",
    "Money",
    "MunicipalError",
    "NotFound",
    "Period",
    "SystemClock",
    "ValidationError",
    "__version__",
    "add_months",
    "jurisdiction",
]

# public name -> (module, attribute)
_LAZY: dict[str, tuple[str, str]] = {
    "Clock": ("municipal_core.clock", "Clock"),
    "FixedClock": ("municipal_core.clock", "FixedClock"),
    "SystemClock": ("municipal_core.clock", "SystemClock"),
    "HijriDate": ("municipal_core.dates", "HijriDate"),
    "Period": ("municipal_core.dates", "Period"),
    "add_months": ("municipal_core.dates", "add_months"),
    "MunicipalError": ("municipal_core.errors", "MunicipalError"),
    "NotFound": ("municipal_core.errors", "NotFound"),
    "ValidationError": ("municipal_core.errors", "ValidationError"),
    "Jurisdiction": ("municipal_core.jurisdictions", "Jurisdiction"),
    "jurisdiction": ("municipal_core.jurisdictions", "get"),
    "Currency": ("municipal_core.money", "Currency"),
    "Money": ("municipal_core.money", "Money"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importlib.metadata is slow to import; pay for it only when asked.
        from importlib.metadata import version

        value: Any = version("municipal-core")
    elif name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
    else:
        raise AttributeError(f"module 'municipal_core' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
