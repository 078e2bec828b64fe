"""Command-line entry points of the lab: ``python -m game lab`` and ``python -m game sweep``.

Everything a user can get wrong (a policy, variable or parameter that does not exist,
a month outside the calendar, a save that will not load) is reported as one line by
:class:`game.__main__.UsageError`, with exit status 2. docs/lab.md is the manual.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.cli_args import RUNS, SEED, WORKERS, output_file, output_folder, save_file, scenario_file
from game.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from game.scenario import Scenario

#: named here rather than imported, so that building the parser does not load numpy
#: (the window's start-up time); an unknown name is refused with the real list
POLICY_HELP = ("the policy of the power people play (the scenario's first human power): historical "
               "(default), random, computer, or a named strategy (see --list-strategies)")
STRATEGY_HELP = "a strategy file (TOML) describing how that power decides (docs/lab.md); replaces --policy"

#: the lab's default size: about a twentieth of a second
DEFAULT_RUNS = 10_000

#: a model parameter beyond this size is no counterfactual, only an overflow
MAX_PARAM = 1e6
MAX_SCENARIO_BYTES = 2_000_000
MAX_SWEEP_GAMES = 100_000_000

WORKERS_HELP = "processes to run on: this one and K-1 workers (default 1)"


def add_lab_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``lab`` and ``sweep`` on the main parser."""
    lab = commands.add_parser("lab", help="run many games with a policy and summarise them",
                              description="Run many games with one policy for the power people play and summarise "
                                          "them (docs/lab.md).")
    lab.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO), help="scenario file")
    lab.add_argument("--policy", default="historical", help=POLICY_HELP)
    lab.add_argument("--strategy", default=None, metavar="FILE.toml", help=STRATEGY_HELP)
    lab.add_argument("--list-strategies", action="store_true", help="list the named strategies and exit")
    lab.add_argument("--deviate-from", default=None, metavar="YYYY-MM",
                     help="play history until this month, then the policy")
    lab.add_argument("--runs", type=RUNS, default=DEFAULT_RUNS, help=f"number of games (default {DEFAULT_RUNS:,})")
    lab.add_argument("--seed", type=SEED, default=1, help="random seed (default 1)")
    lab.add_argument("--set", action="append", default=[], metavar="VAR=VALUE", help="a start value (repeatable)")
    lab.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                     help="a model parameter (repeatable)")
    lab.add_argument("--from-save", type=save_file, default=None, metavar="FILE",
                     help="start every game where this saved game stands and continue with the policy")
    lab.add_argument("--json", dest="json_file", type=output_file, default=None, nargs="?", const="-", metavar="FILE",
                     help="write the report ('-' or no FILE: stdout)")
    lab.add_argument("--csv", type=output_folder, default=None, metavar="DIR", help="write CSV tables to this folder")
    lab.add_argument("--plot", type=output_folder, default=None, metavar="DIR",
                     help="write PNG fan charts and an endings chart")
    lab.add_argument("--workers", type=WORKERS, default=1, help=WORKERS_HELP)
    lab.add_argument("--executor", default=None, metavar="dask://HOST:PORT",
                     help="run the chunks on a Dask cluster (needs the [cluster] extra)")
    lab.set_defaults(handler=run_lab_command)

    sweep = commands.add_parser("sweep", help="sweep model parameters",
                                description="Run the lab over a grid of parameter values (docs/lab.md).")
    sweep.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO), help="scenario file")
    sweep.add_argument("--param", action="append", default=[], metavar="NAME=A:B:STEPS",
                       help="a parameter and its range (repeatable; one or two for a chart)")
    sweep.add_argument("--metric", required=True, metavar="ending:ID|final:VAR", help="what to measure")
    sweep.add_argument("--runs", type=RUNS, default=2000, help="games per grid point (default 2,000)")
    sweep.add_argument("--policy", default="historical", help=POLICY_HELP)
    sweep.add_argument("--strategy", default=None, metavar="FILE.toml", help=STRATEGY_HELP)
    sweep.add_argument("--seed", type=SEED, default=1, help="random seed, the same at every point (default 1)")
    sweep.add_argument("--plot", type=output_file, default=None, metavar="FILE",
                       help="write a heatmap (or line chart) PNG")
    sweep.add_argument("--workers", type=WORKERS, default=1, help=WORKERS_HELP)
    sweep.set_defaults(handler=run_sweep_command)

    agency = commands.add_parser("agency", help="play every single departure from history and measure it",
                                 description="Play every single departure from the historical line through "
                                             "the lab and measure how much it changes the year (docs/model.md).")
    agency.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO), help="scenario file")
    agency.add_argument("--runs", type=RUNS, default=4000, help="games per departure (default 4,000)")
    agency.add_argument("--seed", type=SEED, default=1943, help="random seed, the same for every departure")
    agency.add_argument("--json", dest="json_file", type=output_file, default=None, metavar="FILE",
                        help="write the report ('-': stdout)")
    agency.add_argument("--workers", type=WORKERS, default=1, help=WORKERS_HELP)
    agency.set_defaults(handler=run_agency_command)


def _usage(message: str) -> Exception:
    from game.errors import UsageError

    return UsageError(message)


def _assignments(items: list[str], flag: str, scenario: Scenario) -> dict[str, float]:
    """Read repeated NAME=VALUE options: finite, a start value inside its variable's bounds."""
    from game.cli_args import assignments

    if flag == "--set":
        bounds = {v.id: (v.min, v.max) for v in scenario.variables}
    else:
        bounds = {name: (-MAX_PARAM, MAX_PARAM) for name in scenario.params}
    return assignments(items, flag, bounds)


def _load(path: str) -> tuple[Scenario, bytes]:
    """The scenario and its bytes (the bytes travel to workers)."""
    from game.errors import load_or_exit
    from game.untrusted import UntrustedError, read_bounded

    try:
        content = read_bounded(path, MAX_SCENARIO_BYTES)
    except UntrustedError as error:
        raise _usage(f"cannot read the scenario {path}: {error}") from None
    except OSError as error:
        raise _usage(f"cannot read the scenario {path}: {error.strerror or error}") from None
    return load_or_exit(path), content


def _check_workers(args: argparse.Namespace) -> None:
    if args.workers < 1:
        raise _usage(f"--workers must be at least 1, not {args.workers}")


def _strategy(args: argparse.Namespace, scenario: Scenario):  # noqa: ANN202 (Strategy | None, lazily imported)
    """The strategy file named by --strategy, checked against the scenario (None without one)."""
    if not getattr(args, "strategy", None):
        return None
    from game.policies.strategy import StrategyError, read_strategy

    try:
        return read_strategy(args.strategy, scenario)
    except StrategyError as error:
        raise _usage(str(error)) from None


def list_strategies(scenario: Scenario, as_json: bool) -> str:
    """The named policies of ``scenario`` with their descriptions, as text or JSON."""
    from game.policies import GENERIC, built_in_strategies

    generic = {"historical": "Every choice as it was made in history (the options marked historical).",
               "random": "Any open option with equal chance: a player with no plan.",
               "computer": "The scenario's own ai weights, as for the computer powers."}
    rows = [{"name": name, "description": generic[name], "kind": "built-in"} for name in GENERIC]
    rows += [{"name": s.name, "description": s.description, "kind": "strategy"}
             for s in built_in_strategies(scenario).values()]
    if as_json:
        return json.dumps({"scenario": scenario.id, "strategies": rows}, indent=1, ensure_ascii=False)
    width = max(len(row["name"]) for row in rows)
    return "\n".join(f"{row['name']:<{width}}  {row['description']}" for row in rows)


def run_lab_command(args: argparse.Namespace) -> int:
    """``lab``: run the experiment, then print or write its report."""
    from game.lab.branch import BranchPoint
    from game.lab.cluster import ClusterError
    from game.lab.experiment import experiment
    from game.lab.progress import ProgressBar
    from game.lab.report import report, write_csv, write_json, write_plots
    from game.lab.runner import run_experiment
    from game.saves import SaveError, load_game

    _check_workers(args)
    scenario, content = _load(args.scenario)
    if args.list_strategies:
        print(list_strategies(scenario, args.json_file is not None))
        return 0
    strategy = _strategy(args, scenario)
    params = _assignments(args.param, "--param", scenario)
    start = _assignments(args.set, "--set", scenario)
    branch = None
    if args.from_save:
        try:
            session = load_game(args.from_save, scenario)
            branch = BranchPoint.from_session(session)
        except SaveError as error:
            raise _usage(str(error)) from None
        except ValueError as error:
            raise _usage(f"{args.from_save}: {error}") from None
        params = {**dict(session.params or {}), **params}
    try:
        setup = experiment(scenario, content, policy=args.policy, deviate_from=args.deviate_from,
                           runs=args.runs, seed=args.seed, start=start, params=params, branch=branch,
                           strategy=strategy)
    except ValueError as error:
        raise _usage(str(error)) from None
    bar = ProgressBar()
    try:
        result = run_experiment(setup, workers=args.workers, executor=args.executor, progress=bar)
    except ClusterError as error:
        raise _usage(str(error)) from None
    finally:
        bar.close()
    document = report(result)
    if args.json_file == "-":
        json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.json_file:
        print(f"wrote {write_json(document, args.json_file)}", file=sys.stderr)
    if args.csv:
        write_csv(document, args.csv)
        print(f"wrote CSV tables to {args.csv}", file=sys.stderr)
    if args.plot:
        write_plots(document, scenario, args.plot)
        print(f"wrote charts to {args.plot}", file=sys.stderr)
    if args.json_file != "-":
        print(format_report(document, scenario))
    return 0


def format_report(document: dict, scenario: Scenario) -> str:
    """A short text summary: the endings and where the visible variables ended."""
    deviation = f" from {document['deviate_from']}" if document["deviate_from"] else ""
    lines = [f"scenario {document['scenario']}, policy {document['policy']}{deviation}, "
             f"{document['runs']:,} runs, seed {document['seed']}: {document['elapsed_s']:.2f} s "
             f"({document['runs_per_s']:,.0f} runs/s)", "", "endings"]
    for ending in scenario.endings:
        lines.append(f"  {ending.id:<28} {document['endings'][ending.id]:7.1%}")
    lines += ["", f"  {'at the end':<28} {'mean':>8} {'p10':>8} {'p50':>8} {'p90':>8}"]
    for variable in scenario.variables:
        if variable.hidden:
            continue
        final = document["final"][variable.id]
        lines.append(f"  {variable.id:<28} " + " ".join(f"{final[k]:8.1f}" for k in ("mean", "p10", "p50", "p90")))
    return "\n".join(lines)


def run_sweep_command(args: argparse.Namespace) -> int:
    """``sweep``: run the grid, print the table, draw the chart."""
    from game.lab.sweep import format_table, parse_metric, parse_range, plot_sweep, sweep

    _check_workers(args)
    scenario, content = _load(args.scenario)
    if not args.param:
        raise _usage("sweep needs at least one --param NAME=A:B:STEPS")
    try:
        grid: dict[str, list[float]] = {}
        for item in args.param:
            name, values = parse_range(scenario, item)
            if name in grid:
                raise ValueError(f"--param {name} is given twice")
            grid[name] = values
        metric = parse_metric(scenario, args.metric)
        if args.plot and len(grid) > 2:
            raise ValueError("--plot draws a sweep of one or two parameters")
        points = math.prod(len(values) for values in grid.values())
        if points * args.runs > MAX_SWEEP_GAMES:
            raise ValueError(f"{points:,} grid points x {args.runs:,} runs is more than {MAX_SWEEP_GAMES:,} games; "
                             "use fewer STEPS or --runs, or sweep in parts")
        records = sweep(scenario, content, grid, metric, runs=args.runs, policy=args.policy, seed=args.seed,
                        workers=args.workers, strategy=_strategy(args, scenario))
    except ValueError as error:
        raise _usage(str(error)) from None
    print(format_table(records))
    if args.plot:
        title = f"{metric.label}, policy {args.policy}, {args.runs:,} runs per point, seed {args.seed}"
        print(f"wrote {plot_sweep(records, grid, metric, args.plot, title)}", file=sys.stderr)
    return 0


def run_agency_command(args: argparse.Namespace) -> int:
    """``agency``: every single departure through the lab; the table, and the JSON report."""
    from game.lab.agency import agency, format_agency

    _check_workers(args)
    if args.runs < 1:
        raise _usage(f"--runs must be at least 1, not {args.runs}")
    if args.seed < 0:
        raise _usage(f"--seed must not be negative, not {args.seed}")
    scenario, content = _load(args.scenario)
    document = agency(scenario, content, runs=args.runs, seed=args.seed, workers=args.workers)
    if args.json_file == "-":
        json.dump(document, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if args.json_file:
        try:
            Path(args.json_file).write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
        except OSError as error:
            raise _usage(f"cannot write {args.json_file}: {error.strerror or error}") from None
        print(f"wrote {args.json_file}", file=sys.stderr)
    print(format_agency(document))
    return 0
