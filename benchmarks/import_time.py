"""Import cost of municipal_core against `import attrs`, measured in the same run.

Target (issue 2): `import municipal_core` takes at most 2x as long as `import attrs`, and
imports none of fpdf2, uharfbuzz, fontTools, phonenumbers or cattrs.

Each figure is the median over fresh interpreters of the cumulative microseconds that
`python -X importtime` reports for the top-level module. We also time the first-use imports
most users make (`from municipal_core import Money`, `jurisdictions.get`), which do pull in
attrs, so the ratio against attrs alone is honest about the realistic cost.

Run: python benchmarks/import_time.py [--runs N] [--check-only]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

HEAVY = ("fpdf", "uharfbuzz", "fontTools", "phonenumbers", "cattrs")

CASES = {
    "import attrs": ("import attrs", "attrs"),
    "import municipal_core": ("import municipal_core", "municipal_core"),
    "from municipal_core import Money": (
        "from municipal_core import Money",
        None,
    ),
    "municipal_core.jurisdictions.get": (
        "import municipal_core.jurisdictions as j; j.get('om-sohar')",
        None,
    ),
}


def _cumulative_us(statement: str, top: str | None, startup: frozenset[str] = frozenset()) -> int:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative, name = line[len("import time:") :].split("|")
        module = name.strip()
        depth = len(name) - len(name.lstrip())
        if top is None:
            # Whole statement: sum the cumulative time of every top-level import.
            if depth == 1 and module not in startup:
                total += int(cumulative)
        elif module == top and depth == 1:
            return int(cumulative)
    return total


def _startup_modules() -> frozenset[str]:
    # Modules the interpreter imports before running any statement (site, encodings...).
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        capture_output=True,
        text=True,
        check=True,
    )
    return frozenset(
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "cumulative" not in line
    )


def _loaded_heavy(statement: str) -> list[str]:
    code = f"{statement}\nimport sys\nprint(','.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(out.strip().split(","))
    return [h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in modules)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--check-only", action="store_true", help="only check that no heavy module is imported"
    )
    args = parser.parse_args()

    bad = _loaded_heavy("import municipal_core")
    if bad:
        print(f"FAIL: import municipal_core imported {', '.join(bad)}")
        return 1
    print(f"ok: import municipal_core imports none of {', '.join(HEAVY)}")
    if args.check_only:
        return 0

    startup = _startup_modules()
    medians: dict[str, float] = {}
    for label, (statement, top) in CASES.items():
        samples = [_cumulative_us(statement, top, startup) for _ in range(args.runs)]
        medians[label] = statistics.median(samples)
    base = medians["import attrs"]
    print(f"{'case':40} {'median us':>10} {'x attrs':>8}")
    for label, value in medians.items():
        print(f"{label:40} {value:10.0f} {value / base:8.2f}")
    ratio = medians["import municipal_core"] / base
    print(f"\nimport municipal_core / import attrs = {ratio:.2f} (target <= 2.00)")
    return 0 if ratio <= 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
