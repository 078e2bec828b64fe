"""Printed materials: the debrief, the role cards, the class report and the teacher's guide."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from game.__main__ import main
from game.classroom.debrief_pdf import write_debrief_pdf
from game.classroom.report import class_report, report_lines
from game.policies import make_policy
from game.saves import load_game, save_game
from game.scenario import load_scenario
from game.session import Session, play_with_policy

from .pdftext import pdf_text

FIXTURES = Path(__file__).parent.parent / "fixtures"


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_debrief_pdf_names_the_ending_and_fits_two_pages(scenario, replayed_saves, tmp_path: Path) -> None:
    for name in ("appeaser", "history-1"):
        session = load_game(replayed_saves[name], scenario)
        path = write_debrief_pdf(session, tmp_path / f"{name}.pdf")
        text = pdf_text(path)
        assert session.ending.title in text
        assert 1 <= pages(path) <= 4
        assert "Where the teams left history" in text and "What the class decided" in text
        assert "The end came in" in text
    appeaser = pdf_text(tmp_path / "appeaser.pdf")
    assert "An armistice with Hitler" in appeaser and "Notes, evidence" in appeaser
    assert "The Soviet team made" in appeaser and "The Soviet team chose" in appeaser


def test_the_debrief_of_a_game_stopped_on_the_way_says_so(scenario, tmp_path: Path) -> None:
    session = Session(scenario, seed=5)
    while session.turn < 4:
        session.choose(session.step().historical_answer())
    text = pdf_text(write_debrief_pdf(session, tmp_path / "stopped.pdf"))
    assert "The game is not over" in text and "Stopped in" in text and "The end came" not in text


def test_debrief_command_writes_the_pdf_and_refuses_a_bad_save(replayed_saves, tmp_path: Path, capsys) -> None:
    out = tmp_path / "debrief.pdf"
    assert main(["debrief", str(replayed_saves["appeaser"]), "--pdf", str(out)]) == 0
    assert "An armistice with Hitler" in pdf_text(out)
    assert main(["debrief", str(replayed_saves["history-2"])]) == 0
    assert "THE END" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["debrief", str(bad), "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "not a valid save" in capsys.readouterr().err


def test_role_sheets_from_the_scenario(scenario, tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    assert main(["rolecards", "--pdf", str(out)]) == 0
    text = pdf_text(out)
    assert len(scenario.powers) <= pages(out) <= 2 * len(scenario.powers)
    for power in scenario.powers:
        assert power.name in text
        assert " ".join(power.aims.split()[:8]) in " ".join(text.split())
    flat = " ".join(text.split())
    assert "Berlin channel" in flat and "it appears on your screen once the Exposure reaches 40" in flat
    assert "stay as you left them" not in flat and "keeps following history" in flat


def test_class_report_counts_endings_and_skips_bad_saves(scenario, replayed_saves, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text(replayed_saves["history-1"].read_text()[:300])
    mini = load_scenario(FIXTURES / "minimal.toml")
    foreign = Session(mini, seed=1)
    play_with_policy(foreign, make_policy("historical"))
    foreign_path = save_game(foreign, tmp_path / "foreign.json")
    paths = [replayed_saves["history-1"], replayed_saves["history-2"], replayed_saves["appeaser"], corrupt,
             foreign_path]
    report = class_report(scenario, paths, runs=300)
    counts = report.ending_counts()
    assert counts["teheran"] == 2 and counts["separate_peace_hitler"] == 1 and sum(counts.values()) == 3
    reasons = {item.file: item.reason for item in report.skipped}
    assert set(reasons) == {"corrupt.json", "foreign.json"}
    assert "not a valid save" in reasons["corrupt.json"] and "truncated" in reasons["corrupt.json"]
    assert "'mini'" in reasons["foreign.json"]
    appeaser = next(group for group in report.groups if group.file == "appeaser.json")
    assert appeaser.steps
    # peace in spring: against December, far fewer losses; against history in its own month, no fewer yet
    assert report.distribution.percentile("soviet_losses", appeaser.final["soviet_losses"]) < 5
    assert appeaser.percentiles["soviet_losses"] > 20
    assert report.common_departures()[0][2] == 1
    lines = "\n".join(report_lines(report))
    assert "corrupt.json: not a valid save" in lines and "Against 300 runs of the historical policy" in lines


def test_report_command_writes_json_and_pdf(replayed_saves, tmp_path: Path, capsys) -> None:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("not json at all")
    out_json, out_pdf = tmp_path / "class.json", tmp_path / "class.pdf"
    args = ["report", *(str(p) for p in replayed_saves.values()), str(corrupt), "--runs", "200",
            "--json", str(out_json), "--pdf", str(out_pdf)]
    assert main(args) == 0
    data = json.loads(out_json.read_text())
    assert data["endings"]["teheran"] == 2 and data["endings"]["separate_peace_hitler"] == 1
    assert [s["file"] for s in data["skipped"]] == ["corrupt.json"]
    assert "CLASS REPORT" in pdf_text(out_pdf)
    assert main(["report", str(corrupt)]) == 2
    assert "none of the saves could be read" in capsys.readouterr().err


def test_teachers_guide_prints_as_a_lesson_plan(tmp_path: Path) -> None:
    out = tmp_path / "guide.pdf"
    assert main(["guide", "--pdf", str(out), "--paper", "letter"]) == 0
    text = " ".join(pdf_text(out).split())
    for heading in ("At a glance", "Age band", "Prior knowledge", "Learning objectives", "Curriculum links",
                    "The 45-minute lesson", "The opening text", "The two-lesson variant",
                    "Debrief questions and expected answers", "the article's view", "Assessing the exit ticket",
                    "Katyn", "SEPARATE_PEACE_HOME", "On the class's own devices"):
        assert heading in text, heading
    assert "Note 57 is footnote 57" in text and "Rule 7 is the seventh" in text


def test_the_guide_answers_every_debrief_question_and_times_the_blocks_as_lesson_mode() -> None:
    """The guide's 45-minute table follows the lesson's settings and its play blocks, and every
    question the debrief prints has an expected answer beside the article's view."""
    from game.classroom.guide import blocks
    from game.classroom.questions import class_questions
    from game.scenario import load_scenario
    from game.table.lesson import PLAY_BLOCKS, LessonSettings

    markdown = (Path(__file__).parents[2] / "docs" / "teachers.md").read_text(encoding="utf-8")
    rows = [text.split("\t") for kind, text in blocks(markdown) if kind == "row"]
    answered = {row[0] for row in rows}
    questions = [q.text for q in class_questions(load_scenario(Path(__file__).parents[2] / "scenarios" / "1943.toml"))]
    assert len(questions) == 4
    for number, question in enumerate(questions, 1):
        assert f"{number}. {question}" in answered, question
        row = next(row for row in rows if row[0] == f"{number}. {question}")
        assert len(row) == 3 and all(len(cell) > 60 for cell in row[1:])
    settings = LessonSettings()
    start = settings.briefing_minutes
    for name, _, minutes in PLAY_BLOCKS:
        span = f"{start}–{start + minutes}"
        assert any(row[0] == span and name in row[1].lower() for row in rows), (span, name)
        start += minutes
    assert start == settings.briefing_minutes + settings.play_minutes
    assert start + settings.debrief_minutes == 45
    assert any(row[0] == f"{start + settings.debrief_minutes - 4}–45" and row[1] == "Exit ticket" for row in rows)
    rubric = [row for row in rows if row[0] in ("Claim", "Evidence", "Reasoning")]
    assert len(rubric) >= 3 and all(len(row) == 5 for row in rubric)


def test_a_game_that_ended_early_is_placed_against_history_in_its_month(scenario) -> None:
    from game.classroom.report import historical_distribution

    distribution = historical_distribution(scenario, runs=300)
    front_in_march = distribution.mean("front", month=4)
    front_in_december = distribution.mean("front")
    assert front_in_december > front_in_march + 20
    # the same front line is high for March and low for December
    value = (front_in_march + front_in_december) / 2
    assert distribution.percentile("front", value, month=4) > 90
    assert distribution.percentile("front", value) < 10
