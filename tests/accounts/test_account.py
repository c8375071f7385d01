"""The account value, its workflow and usernames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.accounts import RegistrationForm, activate
from municipal_core.accounts._account import (
    ACCOUNT_WORKFLOW,
    Account,
    AccountRole,
    AccountStatus,
    TermsAcceptance,
    advance,
    normalise_username,
    start_case,
)
from municipal_core.errors import (
    IllegalTransition,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MunicipalError,
    PermissionDenied,
    ValidationError,
    WorkflowError,
)
from municipal_core.serialization import from_json, to_json
from municipal_core.workflow import Actor

if TYPE_CHECKING:
    from conftest import Portal

FormFactory = Callable[..., RegistrationForm]
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)
ROLES = [role.value for role in AccountRole]


@pytest.fixture
def account(oman: Portal, oman_form: FormFactory) -> Account:
    return oman.register(oman_form(), account_id="acc-1")


def test_account_round_trips_through_json(oman: Portal, account: Account) -> None:
    assert from_json(to_json(account), Account) == account
    active, _ = activate(account, oman.last_code(), **oman.ports())
    assert from_json(to_json(active), Account) == active


def test_repr_masks_personal_data(account: Account) -> None:
    text = repr(account)
    for secret in ("12345678", "91234567", "salim@", account.password_hash, "scrypt"):
        assert secret not in text
    assert "'****5678'" in text
    assert "s***@example.om" in text


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"account_id": " "}, InvalidFormat),
        ({"mobile": "91234567"}, InvalidFormat),
        ({"email": "salim at example.om"}, InvalidFormat),
        ({"username": "Salim"}, InvalidFormat),
        ({"password_hash": "plain text"}, InvalidFormat),
        ({"identifiers": (("Civil Number", "1"),)}, InvalidFormat),
        ({"identifiers": 5}, InvalidFormat),
        ({"birth_date": T0}, InvalidFormat),
        ({"created_at": T0.replace(tzinfo=None)}, InvalidFormat),
        ({"version": 0}, InvalidFormat),
        ({"version": True}, InvalidFormat),
        ({"name": "Salim"}, InvalidFormat),
        ({"terms": None}, InvalidFormat),
        ({"lang": "fr"}, InvalidComponent),
        ({"account_id": "acc-2"}, WorkflowError),  # the case is acc-1's
    ],
)
def test_invalid_accounts_cannot_exist(
    account: Account, change: dict[str, Any], error: type[MunicipalError]
) -> None:
    with pytest.raises(error):
        attrs.evolve(account, **change)


def test_identifiers_are_sorted_and_readable(account: Account) -> None:
    other = attrs.evolve(account, identifiers={"representative_id": "1", "cr": "2"}.items())
    assert other.identifiers == (("cr", "2"), ("representative_id", "1"))
    assert other.identifier("cr") == "2"
    assert other.identifier("civil_number") is None


def test_display_name_falls_back(account: Account) -> None:
    assert account.display_name("en") == "Salim Al Harthi"
    assert attrs.evolve(account, name=None).display_name() == "-"
    assert attrs.evolve(account, name=None, username="salim1").display_name() == "salim1"


def test_terms_acceptance_is_checked() -> None:
    with pytest.raises(InvalidFormat):
        TermsAcceptance("", T0)
    with pytest.raises(InvalidFormat):
        TermsAcceptance("v1", T0.replace(tzinfo=None))


def test_workflow_shape() -> None:
    assert [s.name for s in ACCOUNT_WORKFLOW.states if s.is_terminal] == ["CLOSED"]
    assert {s.name for s in ACCOUNT_WORKFLOW.states} == {s.value for s in AccountStatus}
    for state in ACCOUNT_WORKFLOW.states:
        assert state.label("ar") != state.label("en")


def test_start_case_records_terms() -> None:
    case = start_case("acc-9", terms_version="v7", at=T0)
    assert case.state == "PENDING_ACTIVATION"
    assert case.history[0].payload == (("terms", "v7"),)
    assert {h.role for h in case.history} == {"APPLICANT"}


@given(
    st.lists(
        st.tuples(
            st.sampled_from([a.name for a in ACCOUNT_WORKFLOW.actions]),
            st.sampled_from(ROLES),
            st.booleans(),
        ),
        max_size=15,
    )
)
def test_lifecycle_follows_the_definition(steps: list[tuple[str, str, bool]]) -> None:
    """Any sequence of actions: allowed ones move as defined, others change nothing."""
    account = _bare_account()
    for name, role, with_reason in steps:
        before = account
        allowed = {a.name: a for a in ACCOUNT_WORKFLOW.actions_from(before.case.state)}
        try:
            account = advance(
                before, name, Actor("u-1", (role,)), at=T0, reason="why" if with_reason else None
            )
        except (IllegalTransition, PermissionDenied, ValidationError):
            assert account == before
            assert (
                name not in allowed
                or role not in allowed[name].roles
                or (allowed[name].required_fields and not with_reason)
            )
            continue
        assert account.case.state == allowed[name].to_state
        assert account.case.history[:-1] == before.case.history
    if account.status is AccountStatus.CLOSED:
        assert ACCOUNT_WORKFLOW.actions_from("CLOSED") == ()


def _bare_account() -> Account:
    return Account(
        account_id="acc-1",
        jurisdiction="om-sohar",
        account_type="om.citizen",
        name=None,
        identifiers=(("civil_number", "12345678"),),
        mobile="+96891234567",
        email="a@example.om",
        username=None,
        birth_date=None,
        password_hash="$scrypt$x",
        terms=TermsAcceptance("v1", T0),
        case=start_case("acc-1", terms_version="v1", at=T0),
        activation=None,
        created_at=T0,
    )


@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        min_size=4,
        max_size=30,
    ).filter(lambda s: not s.isdigit())
)
def test_usernames_normalise_idempotently(text: str) -> None:
    value = normalise_username(f" {text} ")
    assert value == text.lower()
    assert normalise_username(value) == value


@given(st.text(max_size=40))
def test_username_errors_are_always_typed(text: str) -> None:
    try:
        value = normalise_username(text)
    except (InvalidFormat, InvalidLength) as err:
        assert err.field == "username"
        return
    assert value.isascii()
    assert value.isalnum()
    assert 4 <= len(value) <= 30


def test_username_rejects_non_text() -> None:
    with pytest.raises(InvalidFormat):
        normalise_username(None)  # type: ignore[arg-type]
