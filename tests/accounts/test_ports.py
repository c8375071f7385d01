"""The ports' in-memory implementations: captcha, identity registry, notifier, stores."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.accounts import (
    ACTIVATION_CODE,
    Account,
    AccountStore,
    CaptchaVerifier,
    IdentityRecord,
    IdentityRegistry,
    InMemoryAccountStore,
    InMemoryCaptcha,
    InMemoryIdentityRegistry,
    InMemoryNotifier,
    InMemoryThrottleStore,
    Notifier,
    PersonName,
    RegistrationForm,
    ThrottleState,
    ThrottleStore,
    render,
)
from municipal_core.errors import ConflictError, DuplicateError, InvalidFormat, NotFound
from municipal_core.serialization import from_json, to_json

if TYPE_CHECKING:
    from conftest import Portal

FormFactory = Callable[..., RegistrationForm]
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
NAME = PersonName.parse("سارة القحطاني")


@pytest.fixture
def account(oman: Portal, oman_form: FormFactory) -> Account:
    return oman.register(oman_form(), account_id="acc-1")


def test_in_memory_classes_satisfy_their_protocols() -> None:
    assert isinstance(InMemoryCaptcha(), CaptchaVerifier)
    assert isinstance(InMemoryIdentityRegistry(), IdentityRegistry)
    assert isinstance(InMemoryNotifier(), Notifier)
    assert isinstance(InMemoryAccountStore(), AccountStore)
    assert isinstance(InMemoryThrottleStore(), ThrottleStore)


def test_captcha_tokens_are_single_use() -> None:
    captcha = InMemoryCaptcha(["a"])
    captcha.add("b")
    assert [captcha.verify(t, at=T0) for t in ("a", "a", "b", "c")] == [True, False, True, False]
    assert not InMemoryCaptcha(accept_all=True).verify("", at=T0)


def test_identity_lookup_needs_both_id_and_birth_date() -> None:
    record = IdentityRecord("1000000008", NAME, dt.date(1990, 5, 17), "SA")
    registry = InMemoryIdentityRegistry()
    registry.add(record)
    assert registry.lookup("1000000008", dt.date(1990, 5, 17)) == record
    assert registry.lookup("1000000008", dt.date(1990, 5, 18)) is None
    assert registry.lookup("2000000006", dt.date(1990, 5, 17)) is None


def test_identity_record_repr_and_round_trip() -> None:
    record = IdentityRecord(
        "1000000008",
        NAME,
        dt.date(1990, 5, 17),
        "SA",
        gender="female",
        mobile="+966501234567",
        email="sara@example.sa",
    )
    text = repr(record)
    for secret in ("1000000008", "501234567", "sara@", "1990"):
        assert secret not in text
    assert from_json(to_json(record), IdentityRecord) == record


@pytest.mark.parametrize(
    "change",
    [
        {"id_number": "10-00"},
        {"nationality": "Saudi"},
        {"birth_date": "1990-05-17"},
        {"name": "Sara"},
        {"gender": ""},
        {"mobile": 5},
    ],
)
def test_identity_record_is_validated(change: dict[str, object]) -> None:
    record = IdentityRecord("1000000008", NAME, dt.date(1990, 5, 17), "SA")
    with pytest.raises(InvalidFormat):
        attrs.evolve(record, **change)


def test_notifier_keeps_an_outbox() -> None:
    notifier = InMemoryNotifier()
    msg = render(
        ACTIVATION_CODE,
        "en",
        to="+96891234567",
        values={"code": "1", "minutes": "5", "portal": "P"},
    )
    notifier.send(msg)
    assert notifier.outbox == (msg,)


def test_store_add_get_find(account: Account) -> None:
    store = InMemoryAccountStore()
    store.add(account)
    assert store.get("acc-1") == account
    assert store.find("phone", "+96891234567") == account
    assert store.find("email", "SALIM@example.om") == account
    assert store.find("civil_number", "12345678") == account
    assert store.find("civil_number", "87654321") is None
    with pytest.raises(NotFound):
        store.get("acc-2")
    with pytest.raises(DuplicateError) as err:
        store.add(account)
    assert err.value.field == "account_id"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mobile": "+96892345678", "identifiers": {"civil_number": "1"}}, "email"),
        ({"email": "x@example.om", "identifiers": {"civil_number": "1"}}, "phone"),
        ({"mobile": "+96892345678", "email": "x@example.om"}, "civil_number"),
    ],
)
def test_store_refuses_each_unique_value(
    account: Account, change: dict[str, object], field: str
) -> None:
    store = InMemoryAccountStore()
    store.add(account)
    other = attrs.evolve(
        account, account_id="acc-2", case=attrs.evolve(account.case, id="acc-2"), **change
    )
    with pytest.raises(DuplicateError) as err:
        store.add(other)
    assert err.value.field == field
    assert store.find("email", "x@example.om") is None
    with pytest.raises(NotFound):
        store.get("acc-2")


def test_replace_is_optimistic_and_moves_the_index(account: Account) -> None:
    store = InMemoryAccountStore()
    store.add(account)
    moved = store.replace(attrs.evolve(account, mobile="+96892345678"), expected_version=1)
    assert moved.version == 2
    assert store.find("phone", "+96891234567") is None
    assert store.find("phone", "+96892345678") == moved
    with pytest.raises(ConflictError):
        store.replace(account, expected_version=1)
    with pytest.raises(NotFound):
        store.replace(
            attrs.evolve(account, account_id="x", case=attrs.evolve(account.case, id="x")),
            expected_version=1,
        )


def test_replace_refuses_taking_another_accounts_value(account: Account) -> None:
    store = InMemoryAccountStore()
    store.add(account)
    second = attrs.evolve(
        account,
        account_id="acc-2",
        case=attrs.evolve(account.case, id="acc-2"),
        mobile="+96892345678",
        email="b@example.om",
        identifiers={"civil_number": "87654321"},
    )
    store.add(second)
    with pytest.raises(DuplicateError):
        store.replace(attrs.evolve(second, mobile=account.mobile), expected_version=1)
    assert store.get("acc-2") == second
    assert store.find("phone", "+96892345678") == second


def test_concurrent_adds_keep_values_unique(account: Account) -> None:
    store = InMemoryAccountStore()
    wins: list[str] = []
    barrier = threading.Barrier(8)

    def attempt(n: int) -> None:
        candidate = attrs.evolve(
            account,
            account_id=f"acc-{n}",
            case=attrs.evolve(account.case, id=f"acc-{n}"),
            identifiers={"civil_number": f"{n:08d}"},
            email=f"u{n}@example.om",
        )
        barrier.wait()
        try:
            store.add(candidate)
        except DuplicateError:
            return
        wins.append(candidate.account_id)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1  # all share one mobile


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 3)), max_size=20))
def test_throttle_store_keeps_the_last_state(puts: list[tuple[str, int]]) -> None:
    store = InMemoryThrottleStore()
    model: dict[str, ThrottleState] = {}
    for key, n in puts:
        state = ThrottleState(tuple(T0 + dt.timedelta(seconds=i) for i in range(n)))
        store.put(key, state)
        model[key] = state
    for key in "abcd":
        assert store.get(key) == model.get(key, ThrottleState())
