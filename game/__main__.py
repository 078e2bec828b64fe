"""Command line: ``python -m game [play|check|replay|lab|sweep|debrief|rolecards|report|guide|serve] ...``.

With no command the desktop window opens. Every command reports bad input as a
message naming the file and the key, and exits with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.cli_args import SEED, TIMER, Parser, output_file, save_file, save_target, scenario_file
from game.errors import EXIT_BAD_INPUT, UsageError, load_or_exit
from game.paths import DEFAULT_SCENARIO

__all__ = ["EXIT_BAD_INPUT", "UsageError", "load_or_exit", "main"]

def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m game", description="Separate Peace 1943")
    commands = parser.add_subparsers(dest="command")

    play = commands.add_parser("play", help="play a game (the window, or --text for the terminal)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--seed", type=SEED, default=None, help="random seed (default: a new one)")
    play.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    play.add_argument("--human", default=None,
                      help="powers played by people, comma-separated (default: the scenario's human powers)")
    play.add_argument("--load", type=save_file, default=None, help="a save file to continue")
    play.add_argument("--lesson", action="store_true",
                      help="lesson mode: the game in at most 15 decisions, the rest as in history")
    play.add_argument("--timer", type=TIMER, default=None, metavar="SECONDS",
                      help="time a team has for each decision (the terminal warns when it is up)")

    check = commands.add_parser("check", help="check a scenario file")
    check.add_argument("file", type=scenario_file)
    check.add_argument("--json", action="store_true", help="print a summary as JSON")
    check.add_argument("--no-play", action="store_true",
                       help="only read the file; do not play seeded games with each strategy")

    replay = commands.add_parser("replay", help="replay a game with a policy and write it as JSON")
    replay.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    replay.add_argument("--policy", default="historical")
    replay.add_argument("--seed", type=SEED, default=1)
    replay.add_argument("--json", dest="json_file", type=output_file, default=None,
                        help="file to write ('-' for stdout)")
    replay.add_argument("--save", type=save_target, default=None, help="also write a save file of the replayed game")
    replay.add_argument("--from-save", type=save_file, default=None, help="replay the choices of a save file")

    from game.lab.cli import add_lab_commands

    add_lab_commands(commands)
    from game.classroom.cli import add_classroom_commands

    add_classroom_commands(commands)
    from game.web.cli import add_serve_command

    add_serve_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a refused argument (already printed as one error: line)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "replay":
            from game.replay import run_replay_command

            return run_replay_command(args)
        if args.command in ("lab", "sweep", "agency", "debrief", "rolecards", "packet", "report", "guide",
                            "serve"):
            return args.handler(args)
        if args.command == "play" and args.text:
            from game.text.terminal import run_terminal

            return run_terminal(args)
        from game.ui.launch import run_window

        return run_window(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def run_check(args: argparse.Namespace) -> int:
    """``check FILE``: list every problem, or confirm the file is clean."""
    from game.scenario import check_scenario
    from game.scenario.glossary import missing_glossary_terms
    from game.scenario.summary import summarize

    scenario, problems = check_scenario(args.file)
    if problems or scenario is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {args.file}", file=sys.stderr)
        return EXIT_BAD_INPUT
    warnings = missing_glossary_terms(scenario)
    for warning in warnings:
        print(f"{args.file}: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(summarize(scenario), indent=2, ensure_ascii=False))
        return 0
    if not args.no_play:
        from game.table.playcheck import play_check

        report = play_check(scenario)
        for name, failure in report.failures.items():
            print(f"{args.file}: error: strategy {name} cannot play the scenario: {failure}", file=sys.stderr)
        never = report.never_reached(scenario)
        print(f"{args.file}: played {report.games} seeded games with every power seated, built "
              f"{report.views} views; endings reached: "
              + ", ".join(f"{ending} {count}" for ending, count in sorted(report.endings.items())))
        if never:
            print(f"{args.file}: note: endings no seeded game reached: {', '.join(never)}", file=sys.stderr)
        if report.failures:
            return EXIT_BAD_INPUT
    decisions = sum(1 for e in scenario.events if e.is_decision)
    print(f"{Path(args.file)}: ok — {len(scenario.variables)} variables, {len(scenario.params)} "
          f"parameters, {len(scenario.policies)} standing policies, {len(scenario.events)} events "
          f"({decisions} with decisions), {len(scenario.endings)} endings, "
          f"{len(scenario.glossary)} glossary entries, {len(warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
