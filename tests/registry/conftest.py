"""Fixtures of the registry tests: the ``store`` every contract test runs on, and builders.

``store`` is parametrised over the three stores. The SQLite and PostgreSQL ones skip only
when their module is missing; the PostgreSQL one also skips (with the reason) when no
server can be found or started -- see ``postgres_server.py``, loaded by path because the
suite runs in importlib mode.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from municipal_core.billing import InvoiceStatus
from municipal_core.money import Money
from municipal_core.registry._keys import Key, KeyKind, normalise_reference
from municipal_core.registry._memory import InMemoryTransactionStore
from municipal_core.registry._ports import TransactionStore
from municipal_core.registry._transaction import (
    InvoiceLink,
    Status,
    TimelineEntry,
    Transaction,
    TransactionKind,
)

UTC = dt.timezone.utc
MUSCAT = dt.timezone(dt.timedelta(hours=4))
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
OPEN = Status("SUBMITTED", "Submitted", "مقدم", True)
CLOSED = Status("CLOSED", "Closed", "مغلق", False)
CR = Key(KeyKind.CR, "1234567")
CIVIL = Key(KeyKind.CIVIL_ID, "12345678")
PHONE = Key(KeyKind.PHONE, "+96891234567")


def _postgres_server() -> Any:
    path = Path(__file__).with_name("postgres_server.py")
    spec = importlib.util.spec_from_file_location("_registry_postgres_server_loader", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load()  # the one shared copy, so the server is looked for once


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TransactionStore]:
    """A fresh, empty store of each kind."""
    made: TransactionStore
    if request.param == "memory":
        made = InMemoryTransactionStore()
    elif request.param == "sqlite":
        sqlite = pytest.importorskip("municipal_core.registry._sqlite")
        made = sqlite.SQLiteTransactionStore(tmp_path / "registry.db")
    else:
        pytest.importorskip("municipal_core.registry._postgres")
        made = _postgres_server().make_postgres_store(request)
    yield made
    made.close()


class Builder:
    """Makes valid transactions and invoice links with few words."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def txn(
        self,
        reference: str | None = None,
        *,
        at: dt.datetime = T0,
        kind: TransactionKind = TransactionKind.LICENCE,
        keys: Iterable[Key] = (CR,),
        status: Status = OPEN,
        invoices: Iterable[InvoiceLink] = (),
        applicant_name: str = "Sara Al-Harthy / سارة الحارثية",
    ) -> Transaction:
        ref = normalise_reference(reference or f"TL-{next(self._numbers):06d}")
        links = tuple(invoices)
        return Transaction(
            reference=ref,
            kind=kind,
            jurisdiction="om-sohar",
            service="om.licence.commercial",
            applicant_name=applicant_name,
            keys=(
                Key(KeyKind.TRANSACTION, ref),
                *keys,
                *(Key(KeyKind.INVOICE, link.reference) for link in links),
            ),
            status=status,
            workflow=None,
            created_at=at,
            updated_at=at,
            timeline=(TimelineEntry(at, status, None),),
            invoices=links,
        )

    def link(
        self,
        reference: str,
        *,
        payer: Key = CR,
        paid_on: dt.date | None = dt.date(2026, 3, 2),
        amount: str = "12.500",
    ) -> InvoiceLink:
        status = InvoiceStatus.PAID if paid_on is not None else InvoiceStatus.OPEN
        return InvoiceLink(
            reference, payer, Money(amount, "OMR"), status, dt.date(2026, 3, 1), paid_on
        )


@pytest.fixture
def build() -> Builder:
    """A fresh builder (its reference numbers start at TL-000001)."""
    return Builder()
