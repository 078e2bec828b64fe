"""How fast the lab runs, and in how much memory.

    python bench/lab.py            # the figures, readable
    python bench/lab.py --json     # {"runs_per_s", "runs_per_cpu_s", "runs_per_s_batch1",
                                   #  "speedup", "peak_rss_mb_10m", "workers2_speedup"}
    python bench/lab.py --quick    # smaller runs, for a smoke test

* runs_per_s: one million historical campaigns of the default scenario in one process,
  through the whole lab path (engine, monthly counting, merging), best of five.
* runs_per_cpu_s: the same campaigns per second of this process's processor time, best
  of five. On a busy machine the wall-clock figure falls with the share of the processor
  the lab gets; this one falls far less (only as far as other programs crowd the caches),
  so it tells a change in the lab from a change in the load.
* runs_per_s_batch1: the same campaigns one at a time (a batch of one run; the engine
  is built once, so only the per-run cost is counted).
* speedup: the ratio of the two.
* peak_rss_mb_10m: the peak resident memory of a fresh process that runs ten million
  campaigns in chunks (resource.getrusage, so imports count too).
* workers2_speedup: one million campaigns with two worker processes against one
  (pool start-up included), best of five each, measured in turn.

Other programs running at the same time lower every figure; docs/lab.md lists the
figures measured on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from game.engine.core import Engine, month_rng
from game.lab.chunks import grid_for
from game.lab.experiment import Experiment, experiment
from game.lab.runner import run_experiment
from game.lab.summary import Summary, Tally
from game.paths import DEFAULT_SCENARIO
from game.scenario import load_scenario


def historical(runs: int) -> Experiment:
    """The default scenario with Stalin's historical choices."""
    return experiment(load_scenario(DEFAULT_SCENARIO), DEFAULT_SCENARIO.read_bytes(), runs=runs, seed=1943)


def lab_times(runs: int, repeat: int) -> tuple[float, float, float]:
    """The best elapsed seconds with one worker and with two, and the best processor seconds with one.

    The two are measured in turn, not one after the other, so that a burst of other
    work on the machine does not fall on one of them only.
    """
    setup = historical(runs)
    one, two, processor = float("inf"), float("inf"), float("inf")
    for _ in range(repeat):
        began = time.process_time()
        one = min(one, run_experiment(setup, workers=1).elapsed_s)
        processor = min(processor, time.process_time() - began)
        two = min(two, run_experiment(setup, workers=2).elapsed_s)
    return one, two, processor


def batch1_rate(runs: int) -> float:
    """Campaigns per second when every campaign is a batch of one."""
    setup = historical(runs)
    scenario = setup.scenario
    engine = Engine(scenario)
    policies = setup.policies()
    summary = Summary.empty(grid_for(setup), len(scenario.months), len(scenario.endings))
    tally = Tally(summary.grid, 1)
    began = time.perf_counter()
    for index in range(runs):
        batch = engine.new_batch(1)
        for turn in range(len(scenario.months)):
            engine.run_month(batch, policies, month_rng(setup.seed, index, turn))
            summary.add_month(turn, batch.state, chunk=index, tally=tally)
        summary.add_endings(batch.ending, batch.ending_turn)
    return runs / (time.perf_counter() - began)


def peak_rss_mb(runs: int) -> float:
    """Peak memory of a fresh process running ``runs`` campaigns (measured in that process)."""
    output = subprocess.run([sys.executable, __file__, "--child-rss", str(runs)], check=True,
                            capture_output=True, text=True).stdout
    return float(output.strip().splitlines()[-1])


def child_rss(runs: int) -> None:
    """In the child: run, then print the peak resident set in megabytes (Linux reports KiB)."""
    run_experiment(historical(runs))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def busy_share(seconds: float = 1.0) -> float | None:
    """The share of processor time other programs use right now (Linux), or None if unknown."""
    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stream:
            ticks = [int(value) for value in stream.readline().split()[1:]]
        idle = ticks[3] + ticks[4]
        return sum(ticks) - idle, sum(ticks)

    try:
        busy_before, total_before = sample()
        time.sleep(seconds)
        busy_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    return (busy_after - busy_before) / max(total_after - total_before, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="smaller runs (a smoke test, not the figures)")
    parser.add_argument("--child-rss", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rss is not None:
        child_rss(args.child_rss)
        return
    busy = busy_share()
    if busy is not None and busy > 0.1:
        print(f"warning: the processor is {busy:.0%} busy before starting: other programs are running, "
              "so the figures (two workers most) will come out low", file=sys.stderr)
    runs, batch1_runs, memory_runs, repeat = (100_000, 100, 1_000_000, 1) if args.quick else \
        (1_000_000, 300, 10_000_000, 5)
    one_elapsed, two_elapsed, one_processor = lab_times(runs, repeat)
    one = runs / one_elapsed
    single = batch1_rate(batch1_runs)
    figures = {
        "runs_per_s": round(one),
        "runs_per_cpu_s": round(runs / one_processor),
        "runs_per_s_batch1": round(single, 1),
        "speedup": round(one / single, 1),
        "peak_rss_mb_10m": round(peak_rss_mb(memory_runs), 1),
        "workers2_speedup": round(one_elapsed / two_elapsed, 2),
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(f"one process:      {figures['runs_per_s']:>12,} campaigns/s ({runs:,} historical campaigns)")
    print(f"processor time:   {figures['runs_per_cpu_s']:>12,} campaigns per processor second (the same runs)")
    print(f"batch of one:     {figures['runs_per_s_batch1']:>12,.1f} campaigns/s ({batch1_runs} campaigns)")
    print(f"speed-up:         {figures['speedup']:>12,.1f} x")
    print(f"peak memory:      {figures['peak_rss_mb_10m']:>12,.1f} MB ({memory_runs:,} campaigns, one process)")
    print(f"two workers:      {figures['workers2_speedup']:>12.2f} x one worker")


if __name__ == "__main__":
    main()
