"""``municipal fee lease|permit``: the same figures as the domain functions, as text or JSON."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_core._cli_fee import lease_fee, parse_date, parse_decimal
from municipal_core.billing import FeeBreakdown
from municipal_core.cli import main
from municipal_core.clock import SystemClock
from municipal_core.errors import InvalidFormat
from municipal_core.jurisdictions import OM_SOHAR, SA_BALADY
from municipal_core.leases import fee_for_rent
from municipal_core.licensing import permit_fee
from municipal_core.money import Money
from municipal_core.serialization import from_dict


def fee_json(capsys, *argv):
    assert main(["fee", *argv, "--json"]) == 0
    return from_dict(json.loads(capsys.readouterr().out)["breakdown"], FeeBreakdown)


@given(
    rent=st.decimals(min_value=Decimal("1"), max_value=Decimal("100000"), places=3),
    months=st.integers(1, 120),
    late_days=st.integers(0, 400),
    saudi=st.booleans(),
)
def test_lease_fee_equals_fee_for_rent(rent, months, late_days, saudi):
    profile = SA_BALADY if saudi else OM_SOHAR
    signed = dt.date(2026, 1, 10)
    registered = signed + dt.timedelta(days=late_days)
    got = lease_fee(profile.code, str(rent), months, signed_on=signed, registered_on=registered)
    rent_money = Money.parse(str(rent), profile.currency)
    want = fee_for_rent(
        rent_money * months, jurisdiction=profile, signed_on=signed, registered_on=registered
    )
    assert got == want


def test_lease_fee_json_round_trips_and_is_late_after_the_window(capsys):
    args = ["lease", "--rent", "350.250", "--months", "12", "--start", "2026-01-01"]
    on_time = fee_json(capsys, *args)
    late = fee_json(capsys, *args, "--registered", "2026-06-01")
    assert on_time.total == Money("126.090", "OMR")
    assert [line.code for line in late.lines] == [
        "lease.registration",
        "lease.registration.late",
    ]
    assert late.total > on_time.total


def test_lease_fee_text_in_arabic(capsys):
    argv = ["fee", "lease", "--rent", "١٠٠", "--months", "12", "--start", "2026-01-01"]
    assert main([*argv, "--lang", "ar"]) == 0
    out = capsys.readouterr().out
    assert "تسجيل عقد الإيجار: 36.000 ر.ع." in out
    assert out.splitlines()[-1] == "الإجمالي: 36.000 ر.ع."


def test_lease_fee_defaults_to_today_in_the_portals_time_zone(capsys):
    today = SystemClock(OM_SOHAR.timezone).today()
    want = fee_for_rent(
        Money("1200", "OMR"), jurisdiction=OM_SOHAR, signed_on=today, registered_on=today
    )
    assert fee_json(capsys, "lease", "--rent", "100", "--months", "12") == want


def test_permit_fee_equals_permit_fee(capsys):
    got = fee_json(capsys, "permit", "--area", "650", "--on", "2026-03-01")
    assert got == permit_fee("major", Decimal(650), jurisdiction=OM_SOHAR, on=dt.date(2026, 3, 1))
    assert main(["fee", "permit", "--area", "80", "--kind", "minor"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "total: OMR 2.100"


@pytest.mark.parametrize(
    ("argv", "code", "error_code"),
    [
        (["lease", "--rent", "abc", "--months", "12"], 1, "money.parse.format"),
        (["lease", "--rent", "100", "--months", "0"], 1, "cli.fee.months"),
        (["lease", "--rent", "100", "--months", "3", "--start", "2026-02-30"], 1, "cli.date"),
        (
            [
                "lease",
                "--rent",
                "100",
                "--months",
                "3",
                "--start",
                "2026-03-01",
                "--registered",
                "2026-01-01",
            ],
            1,
            "lease.fee.registered_before_signing",
        ),
        (["lease", "--rent", "100", "--months", "3", "--jurisdiction", "x-y"], 3, None),
        (["permit", "--area", "-5"], 1, "cli.number"),
        (["permit", "--area", "many"], 1, "cli.number"),
        (["permit", "--area", "100", "--kind", "huge"], 1, None),
        (["permit", "--area", "100", "--jurisdiction", "sa-balady"], 1, "cli.fee.permit"),
    ],
)
def test_fee_errors(capsys, argv, code, error_code):
    assert main(["fee", *argv, "--json"]) == code
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == error_code or (error_code is None and error["code"])


def test_parsers_accept_arabic_digits_and_refuse_nonsense():
    assert parse_date(" ٢٠٢٦-٠١-٠٢ ", field="d") == dt.date(2026, 1, 2)
    assert parse_decimal("12.5", field="a") == Decimal("12.5")
    with pytest.raises(InvalidFormat, match="plain number"):
        parse_decimal("Infinity", field="a")
