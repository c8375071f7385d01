import datetime as dt
import json
import random
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core import jurisdictions
from municipal_core.dates import GREGORIAN_MAX, GREGORIAN_MIN, FinancialYear, HijriDate, Period
from municipal_core.errors import InvalidChecksum, InvalidComponent, InvalidFormat
from municipal_core.identifiers.om import address as om_address
from municipal_core.identifiers.om.address import Governorate, OmanAddress, SubAddressKind
from municipal_core.identifiers.references import (
    TRANSACTION_NUMBER,
    ReferenceFormat,
    ReferenceParts,
)
from municipal_core.identifiers.sa import national_address, national_id
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.jurisdictions import Confidence, Jurisdiction, RuleBook, RuleValue
from municipal_core.money import OMR, SAR, Currency, Money
from municipal_core.serialization import from_dict, from_json, to_dict, to_json

amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6, allow_nan=False
)
money = st.builds(Money, amounts, st.sampled_from([OMR, SAR, "USD", "KWD"]))
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
periods = st.builds(lambda start, days: Period.of_days(start, days), dates, st.integers(1, 5000))
hijri = st.dates(min_value=GREGORIAN_MIN, max_value=GREGORIAN_MAX).map(HijriDate.from_gregorian)
financial_years = st.builds(FinancialYear, st.integers(1900, 2200), st.integers(1, 12))
rule_scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.decimals(allow_nan=False, allow_infinity=False, places=4),
)
rule_values = st.builds(
    RuleValue,
    name=st.sampled_from(["a", "b.c", "vat.standard_rate"]),
    value=rule_scalars,
    effective_from=st.none() | dates,
    effective_to=st.none(),
    source=st.text(max_size=30),
    confidence=st.sampled_from(Confidence),
)
rule_books = st.lists(rule_values, max_size=6, unique_by=lambda r: r.name).map(
    lambda values: RuleBook(tuple(values))
)
profiles = st.builds(
    lambda base, rules: Jurisdiction(**{**to_plain(base), "rules": rules}),
    st.sampled_from(jurisdictions.all_jurisdictions()),
    rule_books,
)


def to_plain(j: Jurisdiction) -> dict[str, Any]:
    return {
        field: getattr(j, field)
        for field in (
            "code",
            "country",
            "name_en",
            "name_ar",
            "currency",
            "timezone",
            "phone_region",
            "calendar",
            "default_fee_vat",
            "identifier_kinds",
        )
    }


names = st.text(
    alphabet="abcdefghij ABCDEFG ابتثجحخدذرزسشصضطظعغفقكلمنهوي-", min_size=1, max_size=30
).filter(lambda t: t.strip(" -") != "")
digits = st.from_regex
seeds = st.integers(0, 2**32).map(random.Random)
national_addresses = st.builds(
    NationalAddress,
    building_number=digits(r"[0-9]{4}", fullmatch=True),
    street=names,
    district=names,
    city=names,
    postal_code=digits(r"[1-8][0-9]{4}", fullmatch=True),
    additional_number=digits(r"[0-9]{4}", fullmatch=True),
    short_address=st.none() | seeds.map(national_address.generate),
    unit_number=st.none() | digits(r"[1-9][0-9]{0,3}", fullmatch=True),
)
small_numbers = digits(r"[1-9][0-9]{0,3}", fullmatch=True)
# A sub-address has both its kind and its number, or neither.
sub_addresses = st.none() | st.tuples(st.sampled_from(SubAddressKind), small_numbers)
oman_addresses = st.builds(
    lambda number, street, wilayat, governorate, sub, block, way: OmanAddress(
        number,
        street,
        wilayat,
        governorate,
        sub_address_kind=sub and sub[0],
        sub_address_number=sub and sub[1],
        legacy_block=block,
        legacy_way=way,
    ),
    seeds.map(om_address.generate),
    names,
    names,
    st.sampled_from(Governorate),
    sub_addresses,
    st.none() | small_numbers,
    st.none() | small_numbers,
)
reference_formats = st.builds(
    ReferenceFormat,
    st.sampled_from(
        [
            "[jurisdiction]-TRX-[fy]-[seq:6]",
            "[seq]/[date:%Y]",
            "LSE-[date:%Y%m%d]-[rand:4]-[check:luhn]",
        ]
    ),
    st.integers(1, 12),
)
reference_parts = seeds.map(lambda rng: TRANSACTION_NUMBER.parse(TRANSACTION_NUMBER.generate(rng)))

MODELS = {
    "national_address": (national_addresses, NationalAddress),
    "oman_address": (oman_addresses, OmanAddress),
    "reference_format": (reference_formats, ReferenceFormat),
    "reference_parts": (reference_parts, ReferenceParts),
    "money": (money, Money),
    "period": (periods, Period),
    "hijri": (hijri, HijriDate),
    "financial_year": (financial_years, FinancialYear),
    "rule_book": (rule_books, RuleBook),
    "jurisdiction": (profiles, Jurisdiction),
}


@pytest.mark.parametrize("name", sorted(MODELS))
@given(data=st.data())
def test_every_model_round_trips_losslessly(name: str, data: st.DataObject) -> None:
    strategy, cls = MODELS[name]
    obj = data.draw(strategy)
    assert from_dict(to_dict(obj), cls) == obj
    text = to_json(obj)
    assert from_json(text, cls) == obj
    json.loads(text)  # really JSON


@given(rule_values)
def test_rule_values_keep_their_type(rule: RuleValue) -> None:
    back = from_json(to_json(RuleBook((rule,))), RuleBook).values[0]
    assert type(back.value) is type(rule.value)


def test_documented_shapes() -> None:
    assert to_dict(Money("350.25", "OMR")) == {"amount": "350.250", "currency": "OMR"}
    assert to_dict(HijriDate(1445, 9, 1)) == "1445-09-01"
    assert to_dict(RuleValue("r", Decimal("0.05")))["value"] == {"decimal": "0.05"}
    calendar = to_dict(jurisdictions.get("sa-balady"))["calendar"]
    assert (type(calendar), calendar) == (str, "hijri")
    # Arabic stays readable in JSON text.
    assert "بلدية صحار" in to_json(jurisdictions.get("om-sohar"))


def test_currency_loads_from_a_code_or_a_full_definition() -> None:
    assert from_dict("OMR", Currency) is OMR
    assert from_dict(to_dict(SAR), Currency) == SAR


@pytest.mark.parametrize(
    ("text", "cls", "error", "code"),
    [
        ('{"amount": 3.5, "currency": "OMR"}', Money, InvalidFormat, "serialization.invalid"),
        ('{"amount": "3.5"}', Money, InvalidFormat, "serialization.invalid"),
        ('{"amount": "NaN", "currency": "OMR"}', Money, InvalidFormat, None),
        (
            '{"start": "2026-01-02", "end": "2026-01-01"}',
            Period,
            InvalidComponent,
            "dates.period.order",
        ),
        ('{"start": "2026-01-01"}', Period, InvalidFormat, "serialization.invalid"),
        ('"1445-13-01"', HijriDate, InvalidComponent, None),
        ("not json", Period, InvalidFormat, "serialization.invalid"),
        ("[1, 2]", Money, InvalidFormat, "serialization.invalid"),
    ],
)
def test_bad_data_raises_the_typed_error_of_the_model(
    text: str, cls: type, error: type[Exception], code: str | None
) -> None:
    with pytest.raises(error) as info:
        from_json(text, cls)
    if code is not None:
        assert info.value.code == code  # type: ignore[attr-defined]


def test_missing_field_is_named_in_the_message() -> None:
    with pytest.raises(InvalidFormat, match=r"\$\.end"):
        from_json('{"start": "2026-01-01"}', Period)


def test_naive_datetimes_are_refused_both_ways() -> None:
    from municipal_core.serialization import converter

    with pytest.raises(InvalidFormat):
        to_dict(dt.datetime(2026, 1, 1, 8, 0))
    with pytest.raises(InvalidFormat):
        converter().structure("2026-01-01T08:00:00", dt.datetime)
    aware = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    assert converter().structure(to_dict(aware), dt.datetime) == aware


def test_model_errors_surface_from_nested_data() -> None:
    # The national-ID error inside a nested structure is the one the caller sees.
    with pytest.raises(InvalidChecksum):
        from_dict({"value": "1000000000"}, _IdHolder)


def _checked_id(value: str) -> str:
    return national_id.validate(value)


@attrs.frozen
class _IdHolder:
    value: str = attrs.field(converter=_checked_id)


def test_values_without_a_json_form_raise_a_typed_error() -> None:
    with pytest.raises(InvalidFormat) as info:
        to_json(object())
    assert info.value.code == "serialization.invalid"


def test_hostile_nesting_is_a_typed_error() -> None:
    with pytest.raises(InvalidFormat):
        from_json("[" * 100_000, Money)


def test_money_amounts_are_fixed_point_in_json() -> None:
    assert to_dict(Money("0.0000001", "OMR"))["amount"] == "0.0000001"
    assert from_json(to_json(Money("0.0000001", "OMR")), Money) == Money("0.0000001", "OMR")


@given(st.timedeltas(min_value=dt.timedelta(days=-10**6), max_value=dt.timedelta(days=10**6)))
def test_timedelta_round_trips_as_iso_seconds(value: dt.timedelta) -> None:
    text = to_json(value)
    assert json.loads(text).endswith("S")
    assert "PT" in text
    assert from_json(text, dt.timedelta) == value


def test_timedelta_form() -> None:
    assert to_json(dt.timedelta(minutes=5)) == '"PT300S"'
    assert to_json(dt.timedelta(seconds=-1.5)) == '"-PT1.5S"'
    assert from_json('"PT0.000001S"', dt.timedelta) == dt.timedelta(microseconds=1)


@pytest.mark.parametrize("bad", ['"P1D"', '"300"', "300", '"PT1.1234567S"', '"PTS"', "null"])
def test_timedelta_refuses_other_forms(bad: str) -> None:
    with pytest.raises(InvalidFormat):
        from_json(bad, dt.timedelta)


def test_account_policies_with_durations_round_trip() -> None:
    from municipal_core.accounts import OtpPolicy, ThrottlePolicy

    on = dt.date(2026, 1, 1)
    for policy in (
        OtpPolicy.for_jurisdiction(jurisdictions.OM_SOHAR, on),
        ThrottlePolicy.for_jurisdiction(jurisdictions.SA_BALADY, on),
    ):
        assert from_json(to_json(policy), type(policy)) == policy


def test_a_model_holding_a_secret_is_never_written_or_read() -> None:
    import attrs

    from municipal_core.errors import PermissionDenied
    from municipal_core.serialization import SECRET

    @attrs.frozen
    class Signer:
        key: bytes = attrs.field(repr=False, metadata={SECRET: True})
        key_id: str = "K1"

    @attrs.frozen
    class Options:
        signer: Signer | None = None

    with pytest.raises(PermissionDenied) as caught:
        to_json(Options(Signer(b"s3cret-key-material")))
    assert caught.value.code == "serialization.secret"
    assert "s3cret" not in str(caught.value)
    with pytest.raises(PermissionDenied):
        from_json('{"key": "eA==", "key_id": "K1"}', Signer)
    assert to_json(Options()) == '{"signer": null}'


def test_the_converter_is_built_once() -> None:
    from municipal_core.serialization import converter

    assert converter() is converter()
