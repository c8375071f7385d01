"""Throughput of fee breakdowns for a three-rule schedule, against hand-written Decimal code.

Target (issue 3): at least 100 000 breakdowns per second for a three-rule schedule on
this machine. The schedule is Al Dhahirah's major building permit (DOMAIN.md §5): OMR
0.100 application + 5.000 permit + 0.020 per m² above 400 m². The alternative a user would
reach for is a hand-written function with Decimal for the same three rules, returning the
three amounts and the rounded total -- no rule versions, no criteria, no line items, no
VAT or rounding record. Both run on the same inputs in the same process, and every answer
must agree (amount by amount) before anything is timed.

Run: python benchmarks/fee_breakdown.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import timeit
from decimal import ROUND_HALF_UP, Decimal

from municipal_core.billing import FeeKind, FeeRule, FeeSchedule, calculate
from municipal_core.jurisdictions import OM_SOHAR
from municipal_core.money import Money

TARGET = 100_000
SOURCE = "gov.om, Al Dhahirah major building permit"
CODES = ("permit.major.application", "permit.major.permit", "permit.major.area")
ON = dt.date(2026, 1, 1)
SCHEDULE = FeeSchedule(
    "OMR",
    (
        FeeRule(code=CODES[0], version=1, kind=FeeKind.FLAT, name_en="Application",
                name_ar="رسم الطلب", amount=Money("0.100", "OMR"), source=SOURCE),
        FeeRule(code=CODES[1], version=1, kind=FeeKind.FLAT, name_en="Permit",
                name_ar="رسم الإباحة", amount=Money("5.000", "OMR"), source=SOURCE),
        FeeRule(code=CODES[2], version=1, kind=FeeKind.RATE, name_en="Area above 400 m²",
                name_ar="المساحة الزائدة عن 400 م²", rate=Decimal("0.020"), unit="m²",
                free_quantity=Decimal(400), source=SOURCE),
    ),
)  # fmt: skip

_APPLICATION = Decimal("0.100")
_PERMIT = Decimal("5.000")
_RATE = Decimal("0.020")
_FREE = Decimal(400)
_BAISA = Decimal("0.001")


def naive(area: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The hand-written alternative: the three amounts and the rounded total."""
    extra = area - _FREE
    by_area = _RATE * extra if extra > 0 else Decimal(0)
    total = (_APPLICATION + _PERMIT + by_area).quantize(_BAISA, rounding=ROUND_HALF_UP)
    return _APPLICATION, _PERMIT, by_area, total


def ours(area: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    b = calculate(SCHEDULE, CODES, on=ON, jurisdiction=OM_SOHAR, quantity=area)
    fees = tuple(line.amount.amount for line in b.lines[:3])
    return fees[0], fees[1], fees[2], b.total.amount


def make_areas(count: int, seed: int = 2026) -> list[Decimal]:
    """Floor areas from 100 to 5 000 m², to two decimals; a quarter at or under 400."""
    rng = random.Random(seed)
    return [Decimal(rng.randrange(10_000, 500_000)) / 100 for _ in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    areas = make_areas(args.count)

    mismatches = sum(1 for a in areas if ours(a) != naive(a))
    if mismatches:
        print(f"FAIL: {mismatches} breakdowns differ")
        return 1

    def run_ours() -> None:
        for area in areas:
            calculate(SCHEDULE, CODES, on=ON, jurisdiction=OM_SOHAR, quantity=area)

    def run_naive() -> None:
        for area in areas:
            naive(area)

    t_ours = min(timeit.repeat(run_ours, number=1, repeat=args.repeat))
    t_naive = min(timeit.repeat(run_naive, number=1, repeat=args.repeat))
    rate_ours = len(areas) / t_ours
    rate_naive = len(areas) / t_naive
    print(f"inputs: {len(areas)} floor areas; every breakdown agrees with the naive total")
    print(f"municipal_core billing.calculate: {rate_ours:12,.0f} breakdowns/s")
    print(f"hand-written Decimal (3 rules):   {rate_naive:12,.0f} /s")
    print(f"ratio ours/naive: {rate_ours / rate_naive:.2f}x (the naive code builds no breakdown)")
    print(f"target: >= {TARGET:,} breakdowns/s -> {'met' if rate_ours >= TARGET else 'NOT met'}")
    return 0 if rate_ours >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
