"""Command line of the classroom: ``debrief``, ``rolecards``, ``packet``, ``report`` and ``guide``.

Bad input (a save that will not load, a missing file, a scenario with problems) is
reported as one message by :class:`game.errors.UsageError`, with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli_args import output_file, save_file, scenario_file, whole
from game.errors import UsageError, load_or_exit
from game.paths import DEFAULT_SCENARIO, ROOT

GUIDE = ROOT / "docs" / "teachers.md"


def add_classroom_commands(commands: argparse._SubParsersAction) -> None:
    """Register the classroom's commands on the main parser."""
    debrief = commands.add_parser("debrief", help="the debrief of a saved game, as text or a printable PDF")
    debrief.add_argument("save", type=save_file, help="a save file")
    debrief.add_argument("--pdf", type=output_file, default=None, metavar="FILE", help="write a PDF to print")
    _paper(debrief)
    debrief.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    debrief.set_defaults(handler=run_debrief_command)

    cards = commands.add_parser("rolecards", help="print a role sheet per power (PDF)")
    cards.add_argument("--pdf", type=output_file, required=True, metavar="FILE", help="the PDF to write")
    _paper(cards)
    cards.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    cards.set_defaults(handler=run_rolecards_command)

    packet = commands.add_parser("packet", help="print the student packet: role sheet, timeline, worksheet and "
                                                "sources per team (PDF)")
    packet.add_argument("--pdf", type=output_file, required=True, metavar="FILE", help="the PDF to write")
    packet.add_argument("--human", default=None, metavar="POWERS",
                        help="the powers teams play, comma-separated, as for 'play' (default: every power)")
    _paper(packet)
    packet.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    packet.set_defaults(handler=run_packet_command)

    report = commands.add_parser("report", help="the class report over the saves of several groups")
    report.add_argument("saves", nargs="+", metavar="SAVE", help="save files of the groups")
    report.add_argument("--group", action="append", default=[], metavar="NAME",
                        help="a group's name, once per save in the same order (default: the file's name)")
    report.add_argument("--pdf", type=output_file, default=None, metavar="FILE", help="write the report as a PDF")
    report.add_argument("--json", dest="json_file", type=output_file, default=None, metavar="FILE",
                        help="write the report as JSON")
    report.add_argument("--csv", dest="csv_file", type=output_file, default=None, metavar="FILE",
                        help="write one row per decision (for a spreadsheet or gradebook)")
    report.add_argument("--runs", type=whole(100, 200_000, "the report needs no more"), default=2000,
                        help="replays of history with other dice (default 2,000)")
    _paper(report)
    report.add_argument("--scenario", type=scenario_file, default=str(DEFAULT_SCENARIO))
    report.set_defaults(handler=run_report_command)

    guide = commands.add_parser("guide", help="print the teacher's guide (docs/teachers.md) as a PDF")
    guide.add_argument("--pdf", type=output_file, required=True, metavar="FILE", help="the PDF to write")
    _paper(guide)
    guide.set_defaults(handler=run_guide_command)


def _paper(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")


def run_debrief_command(args: argparse.Namespace) -> int:
    """``debrief SAVE [--pdf FILE]``."""
    from game.saves import SaveError, load_game
    from game.text.debrief import debrief_lines

    scenario = load_or_exit(args.scenario)
    try:
        session = load_game(args.save, scenario)
    except SaveError as error:
        raise UsageError(str(error)) from None
    if args.pdf:
        from game.classroom.debrief_pdf import write_debrief_pdf

        path = write_debrief_pdf(session, _writable(args.pdf), args.paper)
        print(f"wrote {path}", file=sys.stderr)
    else:
        print("\n".join(debrief_lines(scenario, session)))
    return 0


def run_rolecards_command(args: argparse.Namespace) -> int:
    """``rolecards --pdf FILE``."""
    from game.classroom.rolecards import write_rolecards_pdf

    scenario = load_or_exit(args.scenario)
    path = write_rolecards_pdf(scenario, _writable(args.pdf), args.paper)
    print(f"wrote {path}: {len(scenario.powers)} role sheets", file=sys.stderr)
    return 0


def run_packet_command(args: argparse.Namespace) -> int:
    """``packet --pdf FILE [--paper a4|letter]``."""
    from game.classroom.packet import write_packet_pdf

    scenario = load_or_exit(args.scenario)
    known = [power.id for power in scenario.powers]
    humans = tuple(known)
    if args.human:
        humans = tuple(dict.fromkeys(part.strip() for part in args.human.split(",") if part.strip()))
        unknown = [power for power in humans if power not in known]
        if unknown or not humans:
            raise UsageError(f"--human: unknown power(s) {', '.join(unknown) or '(none given)'}; "
                             f"the scenario has {', '.join(known)}")
    path = write_packet_pdf(scenario, _writable(args.pdf), args.paper, humans)
    print(f"wrote {path}: the student packet for {len(humans)} team(s)", file=sys.stderr)
    return 0


def run_report_command(args: argparse.Namespace) -> int:
    """``report SAVE... [--group NAME]... [--pdf FILE] [--json FILE] [--csv FILE]``."""
    from game.classroom.report import (
        class_report,
        report_lines,
        write_report_csv,
        write_report_json,
        write_report_pdf,
    )

    if not 100 <= args.runs <= 200_000:
        raise UsageError(f"--runs must be between 100 and 200,000, not {args.runs}")
    if len(args.group) > len(args.saves):
        raise UsageError(f"{len(args.group)} --group names for {len(args.saves)} saves: give one name per save")
    names = [name.strip() for name in args.group]
    if any(not name for name in names):
        raise UsageError("--group needs a name (an empty one was given)")
    scenario = load_or_exit(args.scenario)
    report = class_report(scenario, args.saves, runs=args.runs, names=names)
    print("\n".join(report_lines(report)))
    if args.json_file:
        print(f"wrote {write_report_json(report, _writable(args.json_file))}", file=sys.stderr)
    if args.csv_file:
        print(f"wrote {write_report_csv(report, _writable(args.csv_file))}", file=sys.stderr)
    if args.pdf:
        print(f"wrote {write_report_pdf(report, _writable(args.pdf), args.paper)}", file=sys.stderr)
    if not report.groups:
        raise UsageError("none of the saves could be read (see 'Skipped' above)")
    return 0


def run_guide_command(args: argparse.Namespace) -> int:
    """``guide --pdf FILE``: the teacher's guide, printable."""
    from game.classroom.guide import write_guide_pdf

    if not GUIDE.exists():
        raise UsageError(f"the teacher's guide is missing: {GUIDE}")
    print(f"wrote {write_guide_pdf(GUIDE, _writable(args.pdf), args.paper)}", file=sys.stderr)
    return 0


def _writable(name: str) -> Path:
    path = Path(name)
    if path.exists() and path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist")
    return path
