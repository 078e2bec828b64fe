"""Time the in-game advisor on every card of a historical game (the budget is 150 ms a card).

Usage: python bench/advisor.py [--json] [--seed N] [--runs N]

Each card is one option set: the advisor plays every open option ``--runs`` times to the
end of the calendar (all options in one batch, on the same luck) and compares them on the
deciding power's goals and the endings. Prints {"cards", "runs_per_option", "options",
"p50_ms", "p95_ms", "max_ms", "first_card_ms", "budget_ms", "within_budget"}.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from game.lab.advisor import ADVISOR_RUNS, compare
from game.paths import DEFAULT_SCENARIO
from game.scenario import load_scenario
from game.session import Session

BUDGET_MS = 150.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=ADVISOR_RUNS, help="runs per option (the game's default)")
    args = parser.parse_args()
    scenario = load_scenario(DEFAULT_SCENARIO)
    session = Session(scenario, seed=args.seed)
    timings, options = [], []
    while (request := session.step()) is not None:
        if request.kind == "standing":
            session.keep_standing()
            continue
        began = time.perf_counter()
        advice = compare(session, runs=args.runs)
        timings.append((time.perf_counter() - began) * 1000)
        options.append(len(advice.options))
        assert request.event is not None
        historical = request.event.historical
        session.choose(historical if historical is not None and request.available[historical]
                       else request.available.index(True))
    p95 = float(np.percentile(timings, 95))
    figures = {
        "cards": len(timings),
        "runs_per_option": args.runs,
        "options": round(float(np.mean(options)), 2),
        "p50_ms": round(float(np.percentile(timings, 50)), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(timings), 1),
        "first_card_ms": round(timings[0], 1),
        "budget_ms": BUDGET_MS,
        "within_budget": p95 <= BUDGET_MS,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>16}: {value}")


if __name__ == "__main__":
    main()
