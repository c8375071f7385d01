"""Hypothesis strategies for municipal data: identifiers, phones, names, money, dates, models.

Every strategy is built from the kit's generators and builders, fed a
``st.randoms(use_true_random=False)`` source: Hypothesis controls every draw, so a failing
example shrinks (towards the first name of a list, the smallest digits) and replays from
the database. What a strategy produces is exactly what the builders produce: valid for
the library's own validators.

This module imports Hypothesis, a test dependency; ``import municipal_core.testing`` does
not import it.

Examples:
    >>> from hypothesis import given, settings
    >>> from municipal_core.identifiers.sa import national_id
    >>> @settings(max_examples=20)
    ... @given(iqamas())
    ... def test_iqamas_validate(number):
    ...     assert national_id.holder_kind(number).value == "resident"
    >>> test_iqamas_validate()
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st

from municipal_core import jurisdictions
from municipal_core.accounts._names import PersonName
from municipal_core.billing._invoices import Invoice
from municipal_core.jurisdictions import Jurisdiction
from municipal_core.leases._contract import LeaseContract
from municipal_core.licensing._complaints import Complaint
from municipal_core.licensing._om_permits import BuildingPermit
from municipal_core.licensing._sa_commercial_licence import CommercialLicence
from municipal_core.licensing._violations import Violation
from municipal_core.money import Currency, Money, get_currency
from municipal_core.testing import _generators as gen
from municipal_core.testing._billing_builders import build_invoice
from municipal_core.testing._builder import Builder
from municipal_core.testing._context import BuildContext
from municipal_core.testing._lease_builders import build_lease
from municipal_core.testing._om_permit_builders import build_building_permit
from municipal_core.testing._report_builders import build_complaint, build_violation
from municipal_core.testing._sa_licence_builders import build_commercial_licence

__all__ = [
    "builders",
    "building_permits",
    "civil_numbers",
    "commercial_licences",
    "complaints",
    "contexts",
    "dates",
    "emails",
    "invoices",
    "iqamas",
    "leases",
    "mobiles",
    "money",
    "national_ids",
    "om_address_numbers",
    "om_crs",
    "person_names",
    "sa_crs",
    "short_addresses",
    "unified_numbers",
    "violations",
]

T = TypeVar("T")

_FIRST_DAY = dt.date(2020, 1, 1)
_LAST_DAY = dt.date(2035, 12, 31)


def _randoms() -> st.SearchStrategy[random.Random]:
    return st.randoms(use_true_random=False)


def _drawn(generate: Callable[[random.Random], T]) -> st.SearchStrategy[T]:
    return _randoms().map(generate)


def national_ids() -> st.SearchStrategy[str]:
    """Valid Saudi national IDs (citizens, starting with 1)."""
    return _drawn(gen.national_id)


def iqamas() -> st.SearchStrategy[str]:
    """Valid Saudi iqama numbers (residents, starting with 2)."""
    return _drawn(gen.iqama)


def unified_numbers() -> st.SearchStrategy[str]:
    """Saudi unified national numbers (the "700 numbers")."""
    return _drawn(gen.unified_number)


def sa_crs() -> st.SearchStrategy[str]:
    """Legacy Saudi CR numbers with a known office code."""
    return _drawn(gen.sa_cr)


def om_crs() -> st.SearchStrategy[str]:
    """Omani CR numbers (compact form)."""
    return _drawn(gen.om_cr)


def civil_numbers() -> st.SearchStrategy[str]:
    """Omani civil numbers."""
    return _drawn(gen.civil_number)


def short_addresses() -> st.SearchStrategy[str]:
    """Saudi short national addresses."""
    return _drawn(gen.short_address)


def om_address_numbers() -> st.SearchStrategy[str]:
    """Omani address (door) numbers."""
    return _drawn(gen.om_address_number)


def emails() -> st.SearchStrategy[str]:
    """Valid e-mail addresses on reserved example domains."""
    return _drawn(gen.email)


def mobiles(region: str = "OM", *, local: bool = False) -> st.SearchStrategy[str]:
    """Valid mobiles of ``region``, in E.164 or (``local=True``) as dialled at home."""
    return _drawn(lambda rng: gen.mobile(rng, region, local=local))


def person_names(gender: gen.Gender | str | None = None) -> st.SearchStrategy[PersonName]:
    """Four-part Arabic names with their Latin renderings."""
    return _drawn(lambda rng: gen.person_name(rng, gender=gender))


def money(
    currency: Currency | str = "OMR",
    *,
    min_value: Money | None = None,
    max_value: Money | None = None,
) -> st.SearchStrategy[Money]:
    """Amounts in whole minor units of ``currency`` (1 minor unit to 100 000 by default).

    Raises:
        NotFound: an unknown currency code.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(money("OMR", max_value=Money("1", "OMR")))
        ... def test_rounded(amount):
        ...     assert amount.is_rounded() and Money("0.001", "OMR") <= amount <= Money(1, "OMR")
        >>> test_rounded()
    """
    unit = get_currency(currency) if isinstance(currency, str) else currency
    low = 1 if min_value is None else min_value.minor_units
    high = Money(100_000, unit).minor_units if max_value is None else max_value.minor_units
    return st.integers(low, high).map(lambda units: Money.from_minor_units(units, unit))


def dates(
    min_value: dt.date = _FIRST_DAY, max_value: dt.date = _LAST_DAY
) -> st.SearchStrategy[dt.date]:
    """Days in the range the portals' rules are written for (2020-2035 by default)."""
    return st.dates(min_value, max_value)


def contexts(
    jurisdiction: Jurisdiction | str | None = None,
) -> st.SearchStrategy[BuildContext]:
    """Build contexts whose random source Hypothesis controls.

    ``jurisdiction`` ``None`` draws one of the registered profiles.
    """
    places: st.SearchStrategy[Jurisdiction | str] = (
        st.sampled_from(jurisdictions.codes()) if jurisdiction is None else st.just(jurisdiction)
    )
    return st.builds(BuildContext, jurisdiction=places, rng=_randoms())


def builders(jurisdiction: Jurisdiction | str | None = None) -> st.SearchStrategy[Builder]:
    """:class:`~municipal_core.testing.Builder` instances whose draws Hypothesis controls."""
    places: st.SearchStrategy[Jurisdiction | str] = (
        st.sampled_from(jurisdictions.codes()) if jurisdiction is None else st.just(jurisdiction)
    )
    return st.builds(Builder, jurisdiction=places, rng=_randoms())


def _built(
    build: Callable[..., T], jurisdiction: Jurisdiction | str | None, overrides: dict[str, Any]
) -> st.SearchStrategy[T]:
    return contexts(jurisdiction).map(lambda ctx: build(ctx, **overrides))


def leases(
    jurisdiction: Jurisdiction | str | None = None, **overrides: Any
) -> st.SearchStrategy[LeaseContract]:
    """Valid draft leases (overrides as for ``build_lease``)."""
    return _built(build_lease, jurisdiction, overrides)


def violations(
    jurisdiction: Jurisdiction | str | None = None, **overrides: Any
) -> st.SearchStrategy[Violation]:
    """Open violations (overrides as for ``build_violation``)."""
    return _built(build_violation, jurisdiction, overrides)


def complaints(
    jurisdiction: Jurisdiction | str | None = None, **overrides: Any
) -> st.SearchStrategy[Complaint]:
    """Complaints just filed (overrides as for ``build_complaint``)."""
    return _built(build_complaint, jurisdiction, overrides)


def invoices(
    jurisdiction: Jurisdiction | str | None = None, **overrides: Any
) -> st.SearchStrategy[Invoice]:
    """Open invoices of a real portal fee (overrides as for ``build_invoice``)."""
    return _built(build_invoice, jurisdiction, overrides)


def commercial_licences(**overrides: Any) -> st.SearchStrategy[CommercialLicence]:
    """Saudi commercial licences (overrides as for ``build_commercial_licence``)."""
    return _built(build_commercial_licence, "sa-balady", overrides)


def building_permits(**overrides: Any) -> st.SearchStrategy[BuildingPermit]:
    """Omani building permits (overrides as for ``build_building_permit``)."""
    return _built(build_building_permit, "om-sohar", overrides)
