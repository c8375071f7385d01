import datetime as dt
from decimal import Decimal

import attrs
import pytest

from municipal_core import jurisdictions
from municipal_core.errors import (
    DuplicateError,
    InvalidComponent,
    InvalidFormat,
    MunicipalError,
    NotFound,
)
from municipal_core.jurisdictions import Calendar, VatTreatment


def test_both_profiles_are_registered() -> None:
    assert jurisdictions.codes() == ("om-sohar", "sa-balady")
    assert [j.code for j in jurisdictions.all_jurisdictions()] == ["om-sohar", "sa-balady"]


def test_oman_profile() -> None:
    om = jurisdictions.get("om-sohar")
    assert (om.country, om.currency.code, om.currency.exponent) == ("OM", "OMR", 3)
    assert (om.timezone, om.phone_region, om.calendar) == ("Asia/Muscat", "OM", Calendar.GREGORIAN)
    assert om.default_fee_vat is VatTreatment.OUTSIDE_SCOPE
    assert om.identifier("om.vatin").is_valid("OM1100012345")
    assert om.vat_rate(dt.date(2021, 4, 16)) == Decimal("0.05")
    with pytest.raises(NotFound):
        om.vat_rate(dt.date(2021, 4, 15))  # no VAT in Oman before 16 April 2021
    assert om.rules.decimal("lease.registration_fee_rate", dt.date(2018, 6, 1)) == Decimal("0.05")
    assert om.rules.decimal("lease.registration_fee_rate", dt.date(2023, 6, 1)) == Decimal("0.03")


def test_saudi_profile_vat_history() -> None:
    sa = jurisdictions.get("sa-balady")
    assert (sa.currency.code, sa.currency.exponent, sa.calendar) == ("SAR", 2, Calendar.HIJRI)
    assert sa.vat_rate(dt.date(2020, 6, 30)) == Decimal("0.05")
    assert sa.vat_rate(dt.date(2020, 7, 1)) == Decimal("0.15")


def test_identifier_modules_follow_the_jurisdiction() -> None:
    sa = jurisdictions.get("sa-balady")
    assert sa.identifier("sa.national_id").is_valid("1000000008")
    with pytest.raises(NotFound) as info:
        sa.identifier("om.civil_number")
    assert info.value.code == "jurisdiction.identifier"


def test_today_in_uses_the_local_time_zone() -> None:
    late_utc = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.timezone.utc)
    assert jurisdictions.get("sa-balady").today_in(late_utc) == dt.date(2026, 3, 2)
    with pytest.raises(InvalidFormat):
        jurisdictions.get("om-sohar").today_in(dt.datetime(2026, 3, 1))  # naive


@pytest.mark.parametrize("code", ["xx-nowhere", "", "om_sohar", None, 3])
def test_unknown_codes_raise_not_found(code: object) -> None:
    with pytest.raises(NotFound) as info:
        jurisdictions.get(code)  # type: ignore[arg-type]
    assert info.value.code == "jurisdiction.unknown"


def test_host_app_derives_and_registers_its_own_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep the registration local to this test.
    monkeypatch.setattr(jurisdictions, "_REGISTRY", dict(jurisdictions._REGISTRY))
    sohar = jurisdictions.get("om-sohar")
    muscat = attrs.evolve(
        sohar,
        code="om-muscat-test",
        name_en="Muscat Municipality",
        name_ar="بلدية مسقط",
        rules=sohar.rules.with_value(
            "lease.registration_fee_rate",
            Decimal("0.04"),
            dt.date(2030, 1, 1),
            source="hypothetical decree",
        ),
    )
    jurisdictions.register(muscat)
    jurisdictions.register(muscat)  # idempotent
    got = jurisdictions.get("om-muscat-test")
    assert got.rules.decimal("lease.registration_fee_rate", dt.date(2030, 1, 1)) == Decimal("0.04")
    assert sohar.rules.decimal("lease.registration_fee_rate", dt.date(2030, 1, 1)) == Decimal(
        "0.03"
    )
    with pytest.raises(DuplicateError):
        jurisdictions.register(attrs.evolve(muscat, name_en="Other"))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"code": "Sohar"}, InvalidFormat),
        ({"country": "oman"}, InvalidFormat),
        ({"timezone": "Asia/Nowhere"}, InvalidComponent),
        ({"identifier_kinds": ("om.passport",)}, InvalidComponent),
    ],
)
def test_invalid_profiles_cannot_be_built(
    change: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        attrs.evolve(jurisdictions.get("om-sohar"), **change)


def test_register_refuses_anything_but_a_jurisdiction() -> None:
    with pytest.raises(InvalidFormat):
        jurisdictions.register({"code": "om-x"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"timezone": "Asia"}, "jurisdiction.timezone"),  # a directory in the tz database
        ({"timezone": None}, "jurisdiction.timezone"),
        ({"currency": None}, "jurisdiction.currency"),
        ({"name_ar": 5}, "jurisdiction.name"),
        ({"name_en": " "}, "jurisdiction.name"),
        ({"phone_region": "oman"}, "jurisdiction.phone_region"),
        ({"calendar": "moon"}, "jurisdiction.calendar"),
        ({"default_fee_vat": None}, "jurisdiction.default_fee_vat"),
        ({"identifier_kinds": "email"}, "jurisdiction.identifiers"),
        ({"identifier_kinds": None}, "jurisdiction.identifiers"),
        ({"rules": ()}, "jurisdiction.rules"),
    ],
)
def test_every_field_of_a_profile_is_checked(change: dict[str, object], code: str) -> None:
    with pytest.raises(MunicipalError) as info:
        attrs.evolve(jurisdictions.get("om-sohar"), **change)
    assert info.value.code == code


def test_enum_fields_accept_their_values_as_text() -> None:
    derived = attrs.evolve(jurisdictions.get("om-sohar"), calendar="hijri")
    assert derived.calendar is Calendar.HIJRI


def test_name_checks_the_language() -> None:
    sa = jurisdictions.get("sa-balady")
    assert sa.name("ar").startswith("بلدي")
    with pytest.raises(InvalidComponent) as info:
        sa.name("fr")
    assert info.value.code == "language"
