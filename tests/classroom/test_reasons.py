"""Group names, decision reasons and the teams' notes, from the terminal to the printouts."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from game.classroom.debrief_pdf import write_debrief_pdf
from game.classroom.report import class_report, csv_rows, spreadsheet_safe, write_report_csv
from game.classroom.samples import play_lesson, write_class_saves
from game.debrief import class_decisions, sent_notes
from game.saves import load_game, save_game
from game.session import Session
from game.table import Table
from game.table.lesson import LessonSettings
from game.text.debrief import debrief_lines

from .pdftext import pdf_text

ROOT = Path(__file__).parent.parent.parent


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_class_names_itself_and_gives_reasons_in_the_terminal(private_home: Path, scenario) -> None:
    # group name, then per prompt: Enter (hand-over / keep), "2" (an option), a reason or Enter
    script = "Table 7 \x1b[31m\n" + "\nWe keep our word\n2\nThe card is only reported\n\n" * 80
    result = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--human", "ussr,germany,west",
                             "--lesson", "--seed", "3"], input=script, capture_output=True, text=True, timeout=240,
                            env={"SEPARATE_PEACE_HOME": str(private_home), "PATH": "/usr/bin:/bin"}, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Your group's name, for the debrief and the class report (Enter to skip)>" in out
    assert out.count("Why? Your reason in one line, for the debrief (Enter to skip)>") >= 5
    assert "— the Soviet team (Table 7 [31m)" in out
    assert "Group: Table 7 [31m" in out and "Your decisions and your reasons:" in out
    saves = list((private_home / "data" / "saves").glob("game-3-*.json"))
    assert len(saves) == 1
    session = load_game(saves[0], scenario)
    assert session.over and session.remarks.group == "Table 7 [31m"
    made = class_decisions(scenario, session)
    given = [d.reason for d in made if d.reason]
    assert given and set(given) <= {"We keep our word", "The card is only reported"}
    report = class_report(scenario, [saves[0]], runs=50)
    assert report.groups[0].name == "Table 7 [31m"
    rows = csv_rows(report)
    assert [row["reason"] for row in rows] == [d.reason for d in made]
    assert {row["group"] for row in rows} == {"Table 7 [31m"}


def test_the_reason_and_group_are_harmless_in_a_spreadsheet(scenario, tmp_path: Path) -> None:
    table = Table.new(scenario, seed=4, humans=("ussr",), lesson=LessonSettings(), autosaving=False,
                      group="=HYPERLINK(\"http://x\")")
    while not table.over:
        request = table.request
        assert request is not None
        if request.kind == "standing":
            table.keep(request.power, reason="+1 because @everyone said so")
        else:
            table.answer(request.power, request.available.index(True), reason="-we were sure")
    saved = table.save(tmp_path / "g.json")
    path = write_report_csv(class_report(scenario, [saved], runs=50), tmp_path / "g.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["group"].startswith("'=") for row in rows)
    assert {row["reason"] for row in rows} <= {"'+1 because @everyone said so", "'-we were sure"}
    assert spreadsheet_safe("a = b") == "a = b" and spreadsheet_safe("") == ""


def test_groups_of_one_name_are_told_apart(scenario, tmp_path: Path) -> None:
    paths = []
    for number in (1, 2):
        session = play_lesson(scenario, seed=20 + number)
        session.remarks.set_group("The Owls")
        paths.append(save_game(session, tmp_path / f"owls-{number}.json"))
    names = [group.name for group in class_report(scenario, paths, runs=50).groups]
    assert names == ["The Owls (owls-1.json)", "The Owls (owls-2.json)"]


def test_a_note_is_told_as_leaked_exactly_when_the_game_made_it_leak(scenario) -> None:
    """The debrief's "leaked" agrees with what sending the note did to exposure (watched from outside)."""
    column = scenario.column("exposure")
    ceiling = scenario.variables[column].max
    leaked = told = 0
    for seed in range(1, 7):
        session = Session(scenario, seed=seed, humans=("ussr", "germany", "west"), params={"leak_rate": 0.3})
        rose: list[bool | None] = []  # per note: exposure rose; None where it was too near its ceiling to tell
        while (request := session.step()) is not None:
            for channel in scenario.channels:
                if request.power in channel.powers and session.notes_left(channel.id, request.power) \
                        and session.turn % 3 == seed % 3:
                    before = session.state["exposure"]
                    session.send_note(channel.id, request.power, f"note {len(session.notes)}\x07")
                    rose.append(session.state["exposure"] > before if before < ceiling - 8 else None)
            session.choose(request.historical_answer())
        notes = sent_notes(scenario, session)
        assert len(notes) == len(session.notes) == len(rose) > 4
        assert all("\x07" not in note.text for note in notes)
        for note, up in zip(notes, rose, strict=True):
            if not note.could_leak:
                assert note.fate == "open line: cannot leak" and not note.happened and not up
                continue
            if up is not None:
                assert bool(note.happened) == up, (seed, note)
                assert note.fate.startswith("leaked: " if up else "did not leak")
            leaked += bool(note.happened)
            told += 1
        assert {n.sender for n in notes} >= {"ussr", "germany"}
    assert 0 < leaked < told  # both outcomes were seen


def test_the_printed_debrief_shows_the_group_the_reasons_and_the_notes(scenario, tmp_path: Path) -> None:
    session = play_lesson(scenario, seed=12, leave_history=0.3, talk=True)
    assert session.notes and session.remarks.reasons and session.remarks.group == "Sample group 12"
    path = write_debrief_pdf(session, tmp_path / "debrief.pdf")
    text = flat(pdf_text(path))
    assert "SAMPLE GROUP 12" in text and "Played by Sample group 12" in text
    assert "The team's reason" in text
    for reason in {r.text for r in session.remarks.reasons.values()}:
        assert flat(f"“{reason}”")[:40] in text
    assert f"Notes the teams sent ({len(session.notes)})" in text
    for note in sent_notes(scenario, session):
        assert note.text[:30] in text
    assert re.search(r"(Did not leak|Leaked: word of the note leaks|Open line: cannot leak)", text)
    screen = "\n".join(debrief_lines(scenario, session))
    assert "Group: Sample group 12" in screen and "Notes the teams sent" in screen and "Why: “" in screen


def test_sample_classes_talk_and_their_saves_keep_it(scenario, tmp_path: Path) -> None:
    saves = write_class_saves(scenario, tmp_path, groups=2)
    for path in saves:
        session = load_game(path, scenario)
        assert session.remarks.group.startswith("Sample group") and session.remarks.reasons
    assert [g.name for g in class_report(scenario, saves, runs=50).groups] == ["Sample group 11", "Sample group 12"]


def test_a_game_without_remarks_prints_as_before(scenario, tmp_path: Path) -> None:
    session = play_lesson(scenario, seed=13)
    text = flat(pdf_text(write_debrief_pdf(session, tmp_path / "d.pdf")))
    assert "The team's reason" not in text and "Notes the teams sent" not in text
    screen = "\n".join(debrief_lines(scenario, session))
    assert "Group:" not in screen and "Your decisions and your reasons" not in screen
