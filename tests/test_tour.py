"""The README's main job (examples/tour.py) runs and computes the right figures."""

import json
import pathlib
import subprocess
import sys
from decimal import Decimal

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_tour_runs_and_writes_a_correct_summary(tmp_path: pathlib.Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "tour.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "Wrote" in proc.stdout
    summary = json.loads((tmp_path / "tour-summary.json").read_text(encoding="utf-8"))

    verdicts = [row["valid"] for row in summary["identifiers"]]
    assert verdicts.count(False) == 5
    assert all(row.get("code") for row in summary["identifiers"] if not row["valid"])
    # No full identifier reaches the output.
    assert "1000000008" not in proc.stdout

    phones = [row["e164_masked"] for row in summary["phones"] if row["valid"]]
    assert len(phones) == 7
    assert all(p.startswith(("+9665", "+9661", "+9689", "+9682")) for p in phones)
    assert "501234567" not in proc.stdout  # phone numbers are masked too
    assert [row["error"] for row in summary["phones"] if not row["valid"]] == ["phone.length"]

    lease = summary["lease"]
    assert lease["total_rent"] == {"amount": "4203.000", "currency": "OMR"}
    assert lease["fee"] == {"amount": "126.090", "currency": "OMR"}  # 3% of 12 x 350.250
    assert lease["late"] is True
    assert lease["fine"] == {"amount": "378.270", "currency": "OMR"}
    amounts = [m["amount"] for m in lease["instalments"]]
    assert sum(map(Decimal, amounts)) == Decimal(lease["due"]["amount"])
    rent = [Decimal(i["amount"]["amount"]) for i in lease["rent_schedule"]]
    assert len(rent) == 12
    assert sum(rent) == Decimal("4203.000")
    assert [ln["tax_head"] for ln in lease["fee_breakdown"]["lines"]] == ["FEE", "PENALTY"]
    assert "12345678" not in proc.stdout  # the landlord's civil number is masked
    assert summary["references"] == [f"SOH-TRX-2026-00000{i}" for i in (1, 2, 3)]
