"""Do the article's claims survive uncertain numbers? Every parameter drawn within ±20% at once.

    python bench/claims.py               # 100 draws, the table of docs/validation.md
    python bench/claims.py --draws 20    # fewer, for a look
    python bench/claims.py --json        # {"draws", "holds": {claim: count}, "failed": [...]}

Each draw multiplies every ``[[params]]`` value of the scenario by its own factor drawn
uniformly from [0.8, 1.2] (seeded, so the same draws every time), then measures the five
claims exactly as ``tests/lab/test_validation.py`` does. The goal (issue 10): each claim
holds in at least 95 of 100 draws. It takes a few minutes, so it is a bench, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "lab"))

from test_validation import CLAIMS, parameter_draws  # noqa: E402

from game.paths import DEFAULT_SCENARIO  # noqa: E402
from game.scenario import load_scenario  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--spread", type=float, default=0.2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scenario = load_scenario(DEFAULT_SCENARIO)
    content = DEFAULT_SCENARIO.read_bytes()
    holds = {number: 0 for number in CLAIMS}
    failed = []
    began = time.perf_counter()
    for index, params in enumerate(parameter_draws(scenario, args.draws, args.seed, args.spread)):
        for number, (measure, check, _mechanism, _off) in CLAIMS.items():
            figures = measure(scenario, content, params=params)
            if check(figures):
                holds[number] += 1
            else:
                failed.append({"draw": index, "claim": number,
                               "figures": {k: v for k, v in figures.items() if k != "by_month"}})
        if not args.json:
            print(f"\rdraw {index + 1}/{args.draws}", end="", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - began
    if args.json:
        print(json.dumps({"draws": args.draws, "spread": args.spread, "holds": holds, "failed": failed,
                          "elapsed_s": round(elapsed, 1)}, indent=1, default=str))
        return 0
    print(file=sys.stderr)
    print(f"{args.draws} draws, every parameter within ±{args.spread:.0%}, {elapsed:.0f} s")
    for number, (_measure, _check, mechanism, _off) in CLAIMS.items():
        print(f"  claim {number}: holds in {holds[number]:3d} of {args.draws}   ({mechanism})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
