import pickle

import pytest

from municipal_core import errors
from municipal_core.errors import (
    CurrencyMismatch,
    InvalidChecksum,
    MunicipalError,
    NotFound,
    ValidationError,
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
