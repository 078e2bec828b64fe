"""Fuzz the game at scale: ``python bench/fuzz.py --trials N [--seed S] [--kills K]``.

Runs the trials of tests/fuzz/harness.py (the same ones the fuzz tests run under
hypothesis) with seeded random generators, shared out over the surfaces (scenario
mutants played everywhere, save mutants through every load path, terminal input,
command lines), plus at least 50 kills of a saving process. Prints one JSON object:
``{"trials", "tracebacks", "hangs", "files_lost", ...}`` with a count per surface and
the first failures, so that a failure can be replayed by its seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import STATS, TRIALS, run_trial  # noqa: E402

#: the share of trials per surface (kills are counted apart: at least --kills of them)
SHARES = {"scenario": 0.4, "save": 0.25, "terminal": 0.2, "cli": 0.15}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000, help="fuzz trials over all surfaces (default 1,000)")
    parser.add_argument("--kills", type=int, default=50, help="kills of a saving process (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=sorted(TRIALS), default=None, help="fuzz one surface")
    args = parser.parse_args(argv)
    plan: list[str] = []
    if args.only:
        plan = [args.only] * args.trials
    else:
        for kind, share in SHARES.items():
            plan += [kind] * round(args.trials * share)
        plan += ["kill"] * args.kills
    outcomes: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = {}
    failures: list[dict] = []
    started = time.perf_counter()
    for number, kind in enumerate(plan):
        seed = args.seed * 1_000_003 + number
        result = run_trial(kind, TRIALS[kind], random.Random(seed))
        outcomes[result.outcome] += 1
        per_kind.setdefault(kind, Counter())[result.outcome] += 1
        if result.outcome != "ok" and len(failures) < 20:
            failures.append({"kind": kind, "seed": seed, "outcome": result.outcome, "detail": result.detail[-1500:]})
        if (number + 1) % 500 == 0:
            print(f"{number + 1} trials, {time.perf_counter() - started:.0f} s: {dict(outcomes)}", file=sys.stderr)
    report = {
        "trials": len(plan),
        "tracebacks": outcomes["traceback"],
        "hangs": outcomes["hang"],
        "files_lost": outcomes["files_lost"],
        "kill_trials": plan.count("kill"),
        **STATS,
        "by_kind": {kind: dict(counts) for kind, counts in per_kind.items()},
        "seconds": round(time.perf_counter() - started, 1),
        "seed": args.seed,
        "failures": failures,
    }
    print(json.dumps(report, indent=1))
    return 0 if not (report["tracebacks"] or report["hangs"] or report["files_lost"]) else 1


if __name__ == "__main__":
    sys.exit(main())
