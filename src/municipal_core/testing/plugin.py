"""The pytest plugin of ``municipal_core``: fixtures for a host application's test suite.

Registered under the ``pytest11`` entry point ``municipal_core``, so installing the
library makes the fixtures available; load it by hand with
``pytest -p municipal_core.testing.plugin``. A ``conftest.py`` fixture of the same name
overrides any of them.

Fixtures:

* ``municipal_clock`` -- a :class:`~municipal_core.clock.FixedClock` at
  :data:`~municipal_core.testing.DEFAULT_INSTANT` (2026-03-01 09:00 UTC).
* ``oman`` / ``saudi`` -- the Sohar and Balady jurisdiction profiles.
* ``municipal_builder`` -- a :class:`~municipal_core.testing.Builder` on that clock, seeded
  0, or ``n`` under ``@pytest.mark.municipal_seed(n)``.
* ``account_store`` -- an empty in-memory account store.
* ``transaction_store`` -- an empty in-memory transactions store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from municipal_core.errors import InvalidFormat

# pytest loads every installed plugin when it starts, in every project that has the
# library installed: importing the builders (and through them the whole library) here
# would slow every test run down, so the fixtures import what they need when used.
if TYPE_CHECKING:
    from municipal_core.accounts import InMemoryAccountStore
    from municipal_core.clock import FixedClock
    from municipal_core.jurisdictions import Jurisdiction
    from municipal_core.registry import InMemoryTransactionStore
    from municipal_core.testing._builder import Builder

__all__ = [
    "account_store",
    "municipal_builder",
    "municipal_clock",
    "oman",
    "pytest_configure",
    "saudi",
    "transaction_store",
]

SEED_MARKER = "municipal_seed"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``municipal_seed`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line(
        "markers", f"{SEED_MARKER}(seed): the seed of the municipal_builder fixture"
    )


@pytest.fixture
def municipal_clock() -> FixedClock:
    """A clock standing at 2026-03-01 09:00 UTC until the test moves it."""
    from municipal_core.clock import FixedClock
    from municipal_core.testing._context import DEFAULT_INSTANT

    return FixedClock(DEFAULT_INSTANT)


@pytest.fixture
def oman() -> Jurisdiction:
    """The Sohar Municipality profile (``om-sohar``)."""
    from municipal_core.jurisdictions import OM_SOHAR

    return OM_SOHAR


@pytest.fixture
def saudi() -> Jurisdiction:
    """The Balady portal profile (``sa-balady``)."""
    from municipal_core.jurisdictions import SA_BALADY

    return SA_BALADY


def _seed(request: pytest.FixtureRequest) -> int:
    marker = request.node.get_closest_marker(SEED_MARKER)
    if marker is None:
        return 0
    seed = marker.args[0] if marker.args else marker.kwargs.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidFormat(
            "The municipal_seed marker takes one whole number.",
            "يأخذ الوسم municipal_seed عددًا صحيحًا واحدًا.",
            code="testing.plugin.seed",
            field="seed",
        )
    return seed


@pytest.fixture
def municipal_builder(request: pytest.FixtureRequest, municipal_clock: FixedClock) -> Builder:
    """A seeded :class:`~municipal_core.testing.Builder` for Sohar on ``municipal_clock``."""
    from municipal_core.testing._builder import Builder

    return Builder(seed=_seed(request), clock=municipal_clock)


@pytest.fixture
def account_store() -> InMemoryAccountStore:
    """An empty in-memory account store."""
    from municipal_core.accounts import InMemoryAccountStore

    return InMemoryAccountStore()


@pytest.fixture
def transaction_store() -> InMemoryTransactionStore:
    """An empty in-memory transactions store."""
    from municipal_core.registry import InMemoryTransactionStore

    return InMemoryTransactionStore()
