"""Throughput of Saudi national-ID validation against python-stdnum's Luhn, same run.

Target (issue 2): `municipal_core.identifiers.sa.national_id.is_valid` validates at least
3x as many 10-digit strings per second as `stdnum.luhn.is_valid` -- the function a user
would reach for, since stdnum has no Saudi module. Ours also checks the first digit, which
stdnum's does not, so verdicts are compared only where the first digit is 1 or 2 (and must
be identical there); elsewhere ours must say invalid.

Run: python benchmarks/national_id.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import timeit

from stdnum import luhn

from municipal_core.identifiers.sa import national_id


def make_inputs(count: int, seed: int = 2026) -> list[str]:
    """Return ``count`` 10-digit strings: half valid IDs/iqamas, half random digits."""
    rng = random.Random(seed)
    values: list[str] = []
    for i in range(count):
        if i % 2:
            values.append(national_id.generate(rng))
        else:
            values.append(str(rng.randrange(10**9, 3 * 10**9)).zfill(10))
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    values = make_inputs(args.count)

    ours = [national_id.is_valid(v) for v in values]
    theirs = [luhn.is_valid(v) for v in values]
    mismatches = sum(
        1 for v, a, b in zip(values, ours, theirs, strict=True) if (a != b if v[0] in "12" else a)
    )
    if mismatches:
        print(f"FAIL: {mismatches} verdicts differ")
        return 1

    def run_ours() -> None:
        is_valid = national_id.is_valid
        for v in values:
            is_valid(v)

    def run_stdnum() -> None:
        is_valid = luhn.is_valid
        for v in values:
            is_valid(v)

    t_ours = min(timeit.repeat(run_ours, number=1, repeat=args.repeat))
    t_stdnum = min(timeit.repeat(run_stdnum, number=1, repeat=args.repeat))
    print(f"inputs: {len(values)} ({sum(ours)} valid), verdicts identical where comparable")
    print(f"municipal_core national_id.is_valid: {len(values) / t_ours:12,.0f} /s")
    print(f"stdnum.luhn.is_valid:                {len(values) / t_stdnum:12,.0f} /s")
    ratio = t_stdnum / t_ours
    print(f"speed-up: {ratio:.1f}x (target >= 3x)")
    return 0 if ratio >= 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
