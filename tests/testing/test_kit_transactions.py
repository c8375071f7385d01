"""Kit transactions: opened through the registry, findable by the numbers they carry."""

from __future__ import annotations

import pytest

from municipal_core.registry._keys import KeyKind
from municipal_core.registry._memory import InMemoryTransactionStore
from municipal_core.registry._transaction import Transaction
from municipal_core.serialization import from_json, to_json
from municipal_core.testing._builder import Builder


@pytest.mark.parametrize("jurisdiction", ["om-sohar", "sa-balady"])
def test_a_kit_transaction_is_found_by_each_of_its_keys(jurisdiction: str) -> None:
    builder = Builder(seed=2, jurisdiction=jurisdiction)
    txn = builder.transaction()
    assert txn == Builder(seed=2, jurisdiction=jurisdiction).transaction()
    assert txn.jurisdiction == jurisdiction
    store = InMemoryTransactionStore()
    store.add(txn)
    store.add(builder.transaction())  # another lease, other numbers
    kinds = {key.kind for key in txn.keys}
    assert kinds == {KeyKind.TRANSACTION, KeyKind.CONTRACT, KeyKind.CIVIL_ID, KeyKind.PHONE}
    for key in txn.keys:
        assert [found.reference for found in store.find(key).items] == [txn.reference]
    assert from_json(to_json(txn), Transaction) == txn


def test_transaction_overrides() -> None:
    txn = Builder().transaction(kind="complaint", keys=(), applicant_name="Sara")
    assert (txn.kind.value, txn.applicant_name, len(txn.keys)) == ("complaint", "Sara", 1)
