import datetime as dt
import pickle

import pytest

from municipal_core import errors
from municipal_core.errors import (
    CurrencyMismatch,
    DomainRuleError,
    InvalidChecksum,
    MunicipalError,
    NotFound,
    RateLimited,
    ValidationError,
    WeakPassword,
)

ALL_ERRORS = [getattr(errors, name) for name in errors.__all__ if name != "Language"]


@pytest.mark.parametrize("cls", ALL_ERRORS)
def test_every_error_is_a_municipal_error_with_both_messages(cls: type[MunicipalError]) -> None:
    err = cls("English.", "عربي.", field="x")
    assert isinstance(err, MunicipalError)
    assert str(err) == "English."
    assert err.message("ar") == "عربي."
    assert err.code == cls.default_code
    assert err.field == "x"


@pytest.mark.parametrize("cls", ALL_ERRORS)
def test_errors_survive_pickling_with_code_and_field(cls: type[MunicipalError]) -> None:
    err = cls("English.", "عربي.", code="a.b", field="f")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert back.to_dict() == err.to_dict()


def test_default_codes_are_unique_so_hosts_can_map_them() -> None:
    codes = [cls.default_code for cls in ALL_ERRORS]
    assert len(codes) == len(set(codes))


def test_validation_errors_are_value_errors_like_stdnum() -> None:
    assert issubclass(InvalidChecksum, ValidationError)
    assert issubclass(ValidationError, ValueError)


def test_lookup_and_type_families() -> None:
    assert issubclass(NotFound, LookupError)
    assert issubclass(CurrencyMismatch, TypeError)


def test_repr_shows_code_not_message() -> None:
    err = InvalidChecksum("bad 1000000000", "x", code="sa.national_id.checksum")
    assert repr(err) == "InvalidChecksum(code='sa.national_id.checksum', field=None)"


def test_weak_password_keeps_its_problems_through_pickle_and_to_dict() -> None:
    err = WeakPassword(
        "Too short.", "قصيرة جدًا.", field="password", problems=("password.too_short",)
    )
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is WeakPassword
    assert (back.problems, back.code, back.field) == (
        ("password.too_short",),
        "password.policy",
        "password",
    )
    assert err.to_dict()["problems"] == ["password.too_short"]
    assert isinstance(err, ValidationError)


def test_rate_limited_keeps_retry_after_and_reports_whole_seconds() -> None:
    err = RateLimited("Wait.", "انتظر.", retry_after=dt.timedelta(seconds=59.2))
    back = pickle.loads(pickle.dumps(err))
    assert back.retry_after == dt.timedelta(seconds=59.2)
    assert err.to_dict()["retry_after"] == 60  # rounded up, never early
    assert RateLimited("Wait.", "انتظر.").to_dict()["retry_after"] is None
    assert isinstance(err, DomainRuleError)
