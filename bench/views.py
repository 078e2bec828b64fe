"""Time the seat views of a three-team game: what every front end asks for before each decision.

Usage: python bench/views.py [--json] [--seed N]

Plays a three-team game answering as in history and, before every decision, builds and
serialises the view of every seat. Prints {"views", "p50_ms", "p95_ms", "max_ms",
"json_bytes_p95"}; a front end redraws on every decision, so a view should take well
under a frame's budget of 16 ms.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from game.paths import DEFAULT_SCENARIO
from game.scenario import load_scenario
from game.table import Table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario = load_scenario(DEFAULT_SCENARIO)
    seats = tuple(power.id for power in scenario.powers)
    table = Table.new(scenario, seed=args.seed, humans=seats, autosaving=False)
    timings, sizes = [], []
    while not table.over:
        table.handed_over()
        for power in seats:
            start = time.perf_counter()
            text = json.dumps(table.view(power).to_json())
            timings.append((time.perf_counter() - start) * 1000)
            sizes.append(len(text.encode("utf-8")))
        table.answer(table.waiting_for or "", table.historical_answer())
    result = {
        "views": len(timings),
        "p50_ms": round(float(np.percentile(timings, 50)), 2),
        "p95_ms": round(float(np.percentile(timings, 95)), 2),
        "max_ms": round(max(timings), 2),
        "json_bytes_p95": int(np.percentile(sizes, 95)),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{key}: {value}" for key, value in result.items()))


if __name__ == "__main__":
    main()
