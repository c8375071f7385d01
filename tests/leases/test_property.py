from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core.errors import InvalidComponent, InvalidFormat, InvalidLength, MunicipalError
from municipal_core.identifiers.om.address import OmanAddress
from municipal_core.identifiers.sa.national_address import NationalAddress
from municipal_core.leases import LeasedProperty, PropertyUsage
from municipal_core.serialization import from_json, to_json

OMAN = OmanAddress("12", "Al Multaqa Street", "Sohar", "North Al Batinah")
SAUDI = NationalAddress(building_number="2929", street="King Fahd Road", district="Al Olaya",
                        city="Riyadh", postal_code="12211", additional_number="3434")  # fmt: skip


def test_fields_are_tidied() -> None:
    flat = LeasedProperty("residential", "  Flat   12 ", block=" 215 ")
    assert (flat.usage, flat.unit, flat.block) == (PropertyUsage.RESIDENTIAL, "Flat 12", "215")


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"usage": "shop"}, InvalidComponent, "lease.property.usage"),
        ({"unit": ""}, InvalidLength, "lease.property.unit.length"),
        ({"unit": 12}, InvalidFormat, "lease.property.unit.format"),
        ({"area_m2": Decimal(0)}, InvalidComponent, "lease.property.area.range"),
        ({"area_m2": Decimal(-5)}, InvalidComponent, "lease.property.area.range"),
        ({"area_m2": 95.5}, InvalidFormat, "lease.property.area.type"),
        ({"area_m2": Decimal("NaN")}, InvalidFormat, "lease.property.area.type"),
        ({"address": "Sohar"}, InvalidFormat, "lease.property.address.type"),
        ({"plot": "x" * 51}, InvalidLength, "lease.property.plot.length"),
        ({"way": "1\u202e2"}, InvalidFormat, "lease.property.way.bidi"),
    ],
)
def test_invalid_properties(
    kwargs: dict[str, object], error: type[MunicipalError], code: str
) -> None:
    values: dict[str, object] = {"usage": "residential", "unit": "Flat 1", **kwargs}
    with pytest.raises(error) as info:
        LeasedProperty(**values)  # type: ignore[arg-type]
    assert info.value.code == code
    assert info.value.message_ar


@pytest.mark.parametrize("address", [OMAN, SAUDI, None])
def test_address_union_round_trips(address: OmanAddress | NationalAddress | None) -> None:
    prop = LeasedProperty("commercial", "Shop 4", Decimal("40.25"), address, building_number="9")
    loaded = from_json(to_json(prop), LeasedProperty)
    assert loaded == prop
    assert type(loaded.address) is type(address)


def test_same_unit() -> None:
    a = LeasedProperty("residential", "Flat 1", address=OMAN)
    assert a.same_unit(LeasedProperty("commercial", "FLAT  1", Decimal(90), address=OMAN))
    assert not a.same_unit(LeasedProperty("residential", "Flat 1", address=SAUDI))
    assert not a.same_unit(LeasedProperty("residential", "Flat 2", address=OMAN))
    legacy = LeasedProperty("residential", "Flat 1", building_number="10", block="2")
    assert legacy.same_unit(LeasedProperty("residential", "flat 1", building_number="10",
                                           block="2"))  # fmt: skip
    assert not legacy.same_unit(LeasedProperty("residential", "Flat 1", building_number="10"))


@given(
    st.sampled_from(PropertyUsage),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2),
    st.text(alphabet="0123456789ABشقة ", min_size=1, max_size=20).filter(str.strip),
)
def test_properties_round_trip(usage: PropertyUsage, area: Decimal, unit: str) -> None:
    prop = LeasedProperty(usage, unit, area, plot=unit)
    assert from_json(to_json(prop), LeasedProperty) == prop
    assert prop.same_unit(prop)
