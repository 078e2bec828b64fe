"""Time every printout: the debrief, the role sheets, the student packet, the guide and
the class report (four sample three-team lessons).

Usage: python bench/printouts.py [--json] [--out FOLDER] [--paper a4|letter]

Prints the seconds each printout took to build, and its pages; the target is under 5 s
each on a classroom machine. The PDFs are kept in FOLDER (default out/printouts).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pypdf import PdfReader

from game.classroom.debrief_pdf import write_debrief_pdf
from game.classroom.guide import write_guide_pdf
from game.classroom.packet import write_packet_pdf
from game.classroom.report import class_report, write_report_pdf
from game.classroom.rolecards import write_rolecards_pdf
from game.classroom.samples import write_class_saves
from game.paths import DEFAULT_SCENARIO, ROOT
from game.saves import load_game
from game.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "out" / "printouts"))
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scenario = load_scenario(DEFAULT_SCENARIO)
    saves = write_class_saves(scenario, out / "saves")
    session = load_game(saves[2], scenario)
    jobs = {
        "debrief": lambda path: write_debrief_pdf(session, path, args.paper),
        "rolecards": lambda path: write_rolecards_pdf(scenario, path, args.paper),
        "packet": lambda path: write_packet_pdf(scenario, path, args.paper),
        "guide": lambda path: write_guide_pdf(ROOT / "docs" / "teachers.md", path, args.paper),
        "report": lambda path: write_report_pdf(class_report(scenario, saves, names=["Table 1", "Table 2",
                                                                                    "Table 3", "Table 4"]),
                                                path, args.paper),
    }
    results = {}
    for name, job in jobs.items():
        path = out / f"{name}.pdf"
        began = time.perf_counter()
        job(path)
        seconds = time.perf_counter() - began
        results[name] = {"seconds": round(seconds, 3), "pages": len(PdfReader(path).pages), "file": str(path)}
    if args.json:
        print(json.dumps({"paper": args.paper, "target_seconds": 5, "printouts": results}, indent=1))
    else:
        for name, result in results.items():
            print(f"{name:<10} {result['seconds']:6.2f} s  {result['pages']:3d} pages  {result['file']}")


if __name__ == "__main__":
    main()
