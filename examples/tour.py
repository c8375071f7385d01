"""The guided tour: municipal_core's foundation doing a portal's everyday work.

Reads a batch of raw inputs (``examples/sample_inputs.json`` by default) as people type
them into the Sohar and Balady portals, then:

1. validates every identifier with the module for its kind, printing masked values;
2. normalises phone numbers to E.164 in bulk;
3. builds an Omani lease contract and computes its registration fee through the billing
   engine from the jurisdiction's effective-dated rules (and the late-registration fine
   when the registration window has passed), its rent schedule, and splits the amount due
   into instalments that sum exactly to the whole;
4. shows the lease term in Gregorian and Hijri dates;
5. issues transaction reference numbers from a sequence and reads one back;
6. writes everything as JSON to ``OUT/tour-summary.json``.

Run: python examples/tour.py [--input FILE] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
from typing import Any

from municipal_core import jurisdictions
from municipal_core.clock import FixedClock
from municipal_core.dates import HijriDate
from municipal_core.errors import MunicipalError
from municipal_core.identifiers import get_module, phone
from municipal_core.identifiers.phone import normalize_many
from municipal_core.identifiers.references import (
    TRANSACTION_NUMBER,
    InMemorySequence,
    next_reference,
)
from municipal_core.leases import (
    REGISTRATION_FEE,
    LeaseContract,
    LeasedProperty,
    Party,
    registration_deadline,
    registration_fee,
    renewal_notice_deadline,
    rent_schedule,
)
from municipal_core.money import Money
from municipal_core.serialization import from_dict, to_dict

HERE = pathlib.Path(__file__).parent


def heading(text: str) -> None:
    print(f"\n== {text}")


def check_identifiers(rows: list[list[str]]) -> list[dict[str, Any]]:
    heading("Identifiers, as typed")
    results = []
    for kind, raw in rows:
        module = get_module(kind)
        try:
            value = module.validate(raw)
        except MunicipalError as err:
            results.append({"kind": kind, "valid": False, "code": err.code})
            print(
                f"  {kind:28} {module.mask(raw) if len(raw) < 40 else '...':18} "
                f"INVALID  {err.code}: {err.message_en} / {err.message_ar}"
            )
        else:
            results.append({"kind": kind, "valid": True, "masked": module.mask(value)})
            print(f"  {kind:28} {module.mask(value):18} valid")
    return results


def normalise_phones(rows: list[list[str]]) -> list[dict[str, Any]]:
    heading("Phone numbers -> E.164 (masked, as anything bound for logs should be)")
    results = []
    for region in sorted({r for r, _ in rows}):
        numbers = [raw for r, raw in rows if r == region]
        for raw, result in zip(numbers, normalize_many(numbers, region), strict=True):
            masked = phone.mask(result.e164) if result.e164 else None
            shown = masked if result.valid else f"INVALID ({result.error})"
            print(f"  {region} {len(raw):2} characters typed -> {shown}")
            results.append(
                {
                    "region": region,
                    "valid": result.valid,
                    "e164_masked": masked,
                    "error": result.error,
                }
            )
    return results


def lease_fee(spec: dict[str, Any]) -> dict[str, Any]:
    heading("Lease registration fee (Oman)")
    place = jurisdictions.get(spec["jurisdiction"])
    clock = FixedClock(dt.datetime.fromisoformat(spec["registered_at"]))
    lease = LeaseContract.create(
        reference=spec["reference"],
        jurisdiction=place,
        landlord=from_dict(spec["landlord"], Party),
        tenant=from_dict(spec["tenant"], Party),
        property=from_dict(spec["property"], LeasedProperty),
        monthly_rent=Money(spec["monthly_rent"], place.currency),
        start=dt.date.fromisoformat(spec["start"]),
        months=spec["months"],
        signed_on=dt.date.fromisoformat(spec["signed"]),
    )
    term = lease.period
    registered_on = place.today_in(clock.now())
    deadline = registration_deadline(lease, place)
    breakdown = registration_fee(lease, jurisdiction=place, registered_on=registered_on)
    fee = sum((ln.amount for ln in breakdown.lines if ln.code == REGISTRATION_FEE),
              Money.zero(place.currency))  # fmt: skip
    fine = breakdown.total - fee
    late = registered_on > deadline
    due = breakdown.total
    instalments = due.allocate(3)
    rent_plan = rent_schedule(lease)

    print(f"  {place.name_en} / {place.name_ar}  -  contract {lease.reference}")
    print(f"  landlord {lease.landlord!r}")
    print(f"  rent {lease.monthly_rent} x {spec['months']} months = {lease.total_rent}")
    print(f"  term {term.start} .. {term.end} ({term.days} days, {term.whole_months} months)")
    print(
        f"  Hijri {HijriDate.from_gregorian(term.start).format('ar')} .. "
        f"{HijriDate.from_gregorian(term.end).format('ar')}"
    )
    for line in breakdown.lines:
        print(f"  {line.tax_head.value:<8} {line.name_en}: {line.amount}")
    print(f"  registration fee {fee}  |  {fee.format('ar', arabic_digits=True)}")
    print(f"  registered {registered_on}, deadline {deadline}: {'LATE' if late else 'on time'}")
    print(f"  amount due {due} in 3 instalments: {', '.join(str(m) for m in instalments)}")
    print(f"  rent schedule: {len(rent_plan)} instalments, first due {rent_plan[0].due_on}")
    print(f"  renewal notice deadline {renewal_notice_deadline(lease, jurisdiction=place)}")
    assert sum(instalments) == due  # allocation never loses a baisa
    assert sum(i.amount for i in rent_plan) == lease.total_rent
    return {
        "jurisdiction": place.code,
        "contract": lease.reference,
        "term": to_dict(term),
        "term_hijri": [
            to_dict(HijriDate.from_gregorian(term.start)),
            to_dict(HijriDate.from_gregorian(term.end)),
        ],
        "total_rent": to_dict(lease.total_rent),
        "fee_breakdown": to_dict(breakdown),
        "fee": to_dict(fee),
        "late": late,
        "fine": to_dict(fine),
        "due": to_dict(due),
        "instalments": [to_dict(m) for m in instalments],
        "rent_schedule": [to_dict(i) for i in rent_plan],
    }


def references(on: dt.date) -> list[str]:
    heading("Transaction reference numbers")
    sequence = InMemorySequence()
    issued = [
        next_reference(TRANSACTION_NUMBER, on=on, jurisdiction="SOH", sequence=sequence)
        for _ in range(3)
    ]
    for number in issued:
        print(f"  {number}")
    parts = TRANSACTION_NUMBER.parse(issued[-1])
    print(
        f"  parsed back: jurisdiction={parts.jurisdiction} financial year="
        f"{parts.financial_year} sequence={parts.sequence}"
    )
    return issued


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=pathlib.Path, default=HERE / "sample_inputs.json")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("out"))
    args = parser.parse_args()
    data = json.loads(args.input.read_text(encoding="utf-8"))

    summary = {
        "identifiers": check_identifiers(data["identifiers"]),
        "phones": normalise_phones(data["phones"]),
        "lease": lease_fee(data["lease"]),
        "references": references(dt.date.fromisoformat(data["lease"]["registered_at"][:10])),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "tour-summary.json"
    target.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    heading("Wrote")
    print(f"  {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
