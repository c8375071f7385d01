"""Leases per second: registration fee plus a 12-month rent schedule, against plain Decimal.

Target (issue 5): at least 20 000 leases per second on this machine for the registration
fee (billing breakdown, effective-dated rate, late fine) plus the 12-month monthly rent
schedule of each lease. The alternative a user would reach for is a hand-written loop
with Decimal and dateutil's relativedelta: due dates ``start + relativedelta(months=k)``,
the rent on each, the total, the rate picked by an ``if`` on the signing date (3%, 5%
from Feb 2016 to 2020), 4x the fee when registered over a month after signing, rounded
half up. It builds no breakdown, no instalment objects and checks nothing. Both run on the
same leases in one process, and every fee total, due date and amount must agree before
anything is timed.

Run: python benchmarks/lease_fees.py [--n N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import timeit
from decimal import ROUND_HALF_UP, Decimal

import attrs
from dateutil.relativedelta import relativedelta

from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.leases._contract import LeaseContract, _example
from municipal_core.leases._fees import registration_fee
from municipal_core.leases._schedule import rent_schedule
from municipal_core.money import Money

TARGET = 20_000
_BAISA = Decimal("0.001")
_FIVE_FROM, _FIVE_TO = dt.date(2016, 2, 1), dt.date(2020, 12, 31)

Lease = tuple[LeaseContract, dt.date]  # the contract and the day it is registered


def make_leases(count: int, seed: int = 2026) -> list[Lease]:
    """12-month monthly leases: rents 50-2 000 OMR, any start day, signed 2014-2026."""
    rng = random.Random(seed)
    template = _example()
    leases = []
    for i in range(count):
        signed_on = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(13 * 365))
        start = signed_on + dt.timedelta(days=rng.randrange(60))
        end = start + relativedelta(months=12) - dt.timedelta(days=1)
        rent = Money.from_minor_units(rng.randrange(50_000, 2_000_000), "OMR")
        contract = attrs.evolve(
            template, reference=f"{i}/2026", monthly_rent=rent, start=start, end=end,
            signed_on=signed_on,
        )  # fmt: skip
        leases.append((contract, signed_on + dt.timedelta(days=rng.randrange(50))))
    return leases


def ours(lease: Lease) -> tuple[Decimal, list[tuple[dt.date, Decimal]]]:
    contract, registered_on = lease
    fee = registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=registered_on)
    plan = rent_schedule(contract)
    return fee.total.amount, [(i.due_on, i.amount.amount) for i in plan]


def naive(
    rent: Decimal, start: dt.date, signed_on: dt.date, registered_on: dt.date
) -> tuple[Decimal, list[tuple[dt.date, Decimal]]]:
    """The hand-written alternative: 12 due dates and amounts, the fee with its fine."""
    plan = [(start + relativedelta(months=k), rent) for k in range(12)]
    total = sum((amount for _, amount in plan), Decimal(0))
    rate = Decimal("0.05") if _FIVE_FROM <= signed_on <= _FIVE_TO else Decimal("0.03")
    fee = total * rate
    if registered_on > signed_on + relativedelta(months=1):
        fee *= 4  # the fee plus a fine of three times the fee
    return fee.quantize(_BAISA, rounding=ROUND_HALF_UP), plan


def naive_inputs(leases: list[Lease]) -> list[tuple[Decimal, dt.date, dt.date, dt.date]]:
    return [(c.monthly_rent.amount, c.start, c.signed_on, r) for c, r in leases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    leases = make_leases(args.n)
    inputs = naive_inputs(leases)

    pairs = zip(leases, inputs, strict=True)
    mismatches = sum(1 for lease, plain in pairs if ours(lease) != naive(*plain))
    if mismatches:
        print(f"FAIL: {mismatches} leases differ")
        return 1

    def run_ours() -> None:
        for contract, registered_on in leases:
            registration_fee(contract, jurisdiction=OM_SOHAR, registered_on=registered_on)
            rent_schedule(contract)

    def run_naive() -> None:
        for plain in inputs:
            naive(*plain)

    t_ours = min(timeit.repeat(run_ours, number=1, repeat=args.repeat))
    t_naive = min(timeit.repeat(run_naive, number=1, repeat=args.repeat))
    rate_ours, rate_naive = len(leases) / t_ours, len(leases) / t_naive
    print(f"inputs: {len(leases):,} 12-month leases; every fee, due date and amount agrees")
    print(f"municipal_core registration_fee + rent_schedule: {rate_ours:10,.0f} leases/s")
    print(f"hand-written Decimal + relativedelta:            {rate_naive:10,.0f} leases/s")
    print(f"ratio ours/naive: {rate_ours / rate_naive:.2f}x")
    print(f"target: >= {TARGET:,} leases/s -> {'met' if rate_ours >= TARGET else 'NOT met'}")
    return 0 if rate_ours >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
