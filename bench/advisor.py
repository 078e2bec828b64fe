"""Time the in-game advisor: 2,000 rollouts per option on every card of a historical game.

Usage: python bench/advisor.py [--json] [--seed N]

Prints {"cards", "p50_ms", "p95_ms", "max_ms", "first_card_ms"}; the target is that a
card is advised within 150 ms.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from game.engine.session import Session
from game.lab.advisor import advise
from game.paths import DEFAULT_SCENARIO
from game.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario = load_scenario(DEFAULT_SCENARIO)
    session = Session(scenario, seed=args.seed)
    timings = []
    while (request := session.step()) is not None:
        if request.kind == "standing":
            session.keep_standing()
            continue
        began = time.perf_counter()
        advise(session, runs=2000)
        timings.append((time.perf_counter() - began) * 1000)
        assert request.event is not None
        historical = request.event.historical
        session.choose(historical if historical is not None and request.available[historical]
                       else request.available.index(True))
    figures = {
        "cards": len(timings),
        "p50_ms": round(float(np.percentile(timings, 50)), 1),
        "p95_ms": round(float(np.percentile(timings, 95)), 1),
        "max_ms": round(max(timings), 1),
        "first_card_ms": round(timings[0], 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")


if __name__ == "__main__":
    main()
