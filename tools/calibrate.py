"""Print the historical policy's monthly means beside the scenario's reference course.

Usage: python tools/calibrate.py [SCENARIO] [--runs N] [--seed S]

For whoever edits a scenario: the calibration tests (tests/test_calibration.py) say
whether the model still follows history; this says by how much, month by month.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np

from game.engine import Engine, month_rng
from game.paths import DEFAULT_SCENARIO
from game.policies import ComputerPlayer, make_policy
from game.scenario import load_scenario

SHOWN = ["front", "red_army", "german_east", "stalin_trust", "western_alarm", "western_tolerance",
         "berlin_channel", "exposure", "soviet_aims", "german_opposition", "poland", "second_front",
         "lend_lease", "soviet_losses"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO))
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--policy", default="historical")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    engine = Engine(scenario)
    batch = engine.new_batch(args.runs)
    policies = {"ussr": make_policy(args.policy), "germany": ComputerPlayer(), "west": ComputerPlayer()}
    shown = [v for v in SHOWN if v in scenario.variable_ids]
    print("month   " + " ".join(f"{v[:11]:>11}" for v in shown))
    for turn, month in enumerate(scenario.months):
        engine.run_month(batch, policies, month_rng(args.seed, 0, turn))
        cells = []
        for var in shown:
            mean = batch.state[:, scenario.column(var)].mean()
            reference = scenario.reference.get(var)
            cells.append(f"{mean:6.1f}/{reference[turn]:<4.0f}" if reference else f"{mean:11.1f}")
        print(f"{month} " + " ".join(f"{c:>11}" for c in cells))
    counts = Counter(scenario.endings[i].id for i in batch.ending)
    print("endings:", {k: round(v / args.runs, 3) for k, v in counts.most_common()})
    months = Counter(int(t) for t in batch.ending_turn)
    print("ending months:", dict(sorted(months.items())))
    print("fired (share of runs):")
    fired = batch.fired.mean(axis=0)
    for index in np.argsort(-fired):
        if scenario.events[index].turn is None and fired[index] > 0:
            print(f"  {scenario.events[index].id:<32} {fired[index]:.3f}")


if __name__ == "__main__":
    main()
