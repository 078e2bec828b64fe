"""The student packet, the class report's summary and exports, and the debrief and report
agreeing to the figure."""

from __future__ import annotations

import csv
import json
import re
import threading
from pathlib import Path

from pypdf import PdfReader

from game.__main__ import main
from game.classroom.debrief_pdf import export_debrief_in_background, write_debrief_pdf
from game.classroom.packet import write_packet_pdf
from game.classroom.report import CSV_COLUMNS, class_report
from game.classroom.samples import play_lesson, write_class_saves
from game.debrief import class_decisions, decision_count_text, departure_sentence, departures
from game.saves import load_game

from .pdftext import pdf_text

ARTICLE = Path("/work/shared/seed/000_54a770377201e0ba.txt")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_extracts_quote_the_article_word_for_word_and_belong_to_lesson_cards(scenario) -> None:
    assert 6 <= len(scenario.extracts) <= 8
    events = {event.id: event for event in scenario.events}
    for extract in scenario.extracts:
        assert any(card in events and (events[card].lesson or events[card].lesson_extra) for card in extract.cards)
        assert all(card in events for card in extract.cards), extract.number
        assert extract.question in (1, 2, 3, 4) and extract.note > 0 and extract.date
    if ARTICLE.exists():  # the article is kept beside the project, not in it
        article = flat(ARTICLE.read_text(encoding="utf-8")).replace("’", "'").replace("“", '"').replace("”", '"')
        for extract in scenario.extracts:
            assert flat(extract.quotation) in article, extract.number


def test_packet_has_each_teams_pages_and_reads_the_scenario(scenario, tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    assert main(["packet", "--pdf", str(out), "--paper", "letter"]) == 0
    reader = PdfReader(out)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (612, 792)
    text = flat(pdf_text(out))
    for power in scenario.powers:
        team = {"ussr": "Soviet", "germany": "German", "west": "Western"}[power.id]
        assert "ROLE SHEET" in text and f"WORKSHEET — THE {team.upper()} TEAM" in text
        assert f"SOURCES — THE {team.upper()} TEAM" in text and f"TIMELINE — THE {team.upper()} TEAM" in text
        assert flat(power.knows)[:60] in text
    for needed in ("How to play", "Keys", "Who's who", "What you cannot see", "Exit ticket", "Claim",
                   "Evidence", "Reasoning", "Our reason", "documented / reported / alleged / doubtful",
                   "Sources and further reading", "American Historical Review"):
        assert needed in text, needed
    for extract in scenario.extracts:
        assert flat(extract.quotation) in text
    # each team's worksheet has a row per decision the lesson plan gives it
    assert text.count("Your standing orders (all your levers)") >= 3


def test_the_packet_follows_an_edited_scenario(scenario, tmp_path: Path) -> None:
    from dataclasses import replace

    renamed = replace(scenario, powers=tuple(replace(power, name=f"{power.name} Beta", aims=f"Aim of {power.id}")
                                            for power in scenario.powers),
                      extracts=(replace(scenario.extracts[0], quotation="words written into the edited file"),))
    out = write_packet_pdf(renamed, tmp_path / "edited.pdf")
    text = flat(pdf_text(out))
    assert "Aim of ussr" in text and "Aim of west" in text
    # the extracts come from the scenario file, not from the code
    assert "words written into the edited file" in text
    assert flat(scenario.extracts[1].quotation) not in text


def test_the_debrief_names_the_teams_and_counts_the_class_decisions(scenario) -> None:
    session = play_lesson(scenario, seed=13, leave_history=0.6)
    made = class_decisions(scenario, session)
    assert len(made) == 15 and {d.power for d in made} == {"ussr", "germany", "west"}
    text = decision_count_text(scenario, session)
    assert text.startswith("The class made 15 decisions: the Soviet team 5")
    assert "the German team 5" in text and "the Western team 5" in text and "The game kept to history" in text
    sentences = [departure_sentence(scenario, item) for item in departures(scenario, session)]
    assert any(s.startswith("The game kept the Soviet team's earlier order") for s in sentences)
    assert not any("you chose" in s for s in sentences)


def test_debrief_and_report_agree_to_the_figure(scenario, tmp_path: Path) -> None:
    saves = write_class_saves(scenario, tmp_path / "class", groups=3)
    report = class_report(scenario, saves, runs=200, names=["Red", "Blue", "Gold"])
    for path, group in zip(saves, report.groups, strict=True):
        debrief = flat(pdf_text(write_debrief_pdf(load_game(path, scenario), tmp_path / f"{path.stem}.pdf")))
        front = re.search(r"Front at (\d+) \(history: (\d+)\)", debrief)
        assert front, debrief[:400]
        assert (int(front.group(1)), int(front.group(2))) == (round(group.final["front"]),
                                                              round(group.history["front"]))
        trust = re.search(r"Stalin's trust (\d+) \(history (\d+)\)", debrief)
        assert int(trust.group(2)) == round(group.history["stalin_trust"])
    assert [group.name for group in report.groups] == ["Red", "Blue", "Gold"]


def test_report_summary_csv_and_labelled_json(scenario, tmp_path: Path, capsys) -> None:
    saves = write_class_saves(scenario, tmp_path / "class", groups=3)
    out_csv, out_json, out_pdf = tmp_path / "class.csv", tmp_path / "class.json", tmp_path / "class.pdf"
    args = ["report", *map(str, saves), "--group", "Table 1", "--group", "Table 2", "--group", "Table 3",
            "--runs", "200", "--csv", str(out_csv), "--json", str(out_json), "--pdf", str(out_pdf)]
    assert main(args) == 0
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 45 and {row["group"] for row in rows} == {"Table 1", "Table 2", "Table 3"}
    assert {row["team"] for row in rows} == {"the Soviet team", "the German team", "the Western team"}
    assert all(row["month"] and row["decision"] and row["option"] and row["ending"] for row in rows)
    data = json.loads(out_json.read_text())
    figure = data["groups"][0]["figures"][0]
    assert figure["variable"] == scenario.presentation.main_variables[0]
    assert figure["label"] == "Front line" and "history" in figure
    assert data["groups"][0]["choices"][0]["team"] == "the Soviet team"
    assert data["groups"][0]["group"] == "Table 1" and data["ending_titles"]["teheran"]
    first_page = flat(PdfReader(out_pdf).pages[0].extract_text())
    assert "the class at a glance" in first_page and "One question to discuss" in first_page
    assert "Table 1" in first_page and "Where it first left history" in first_page
    assert "percentile" not in first_page.lower()
    assert main(["report", str(saves[0]), "--group", "A", "--group", "B"]) == 2
    assert "one name per save" in capsys.readouterr().err


def test_the_debrief_is_written_from_a_worker_thread(scenario, tmp_path: Path) -> None:
    session = play_lesson(scenario, seed=2)
    finished = threading.Event()
    result: dict = {}

    def done(path, error) -> None:
        result.update(path=path, error=error, thread=threading.current_thread().name)
        finished.set()

    thread = export_debrief_in_background(session, tmp_path / "bg.pdf", done)
    assert finished.wait(60)
    thread.join(5)
    assert result["error"] is None and result["path"].exists() and result["thread"] == "debrief-pdf"
    assert "DEBRIEF" in pdf_text(result["path"])
    export_debrief_in_background(session, tmp_path / "missing" / "x.pdf", done).join(60)
    assert result["path"] is None and isinstance(result["error"], OSError)


def test_printouts_read_the_scenarios_presentation_and_fall_back_without_it(scenario) -> None:
    from types import SimpleNamespace

    from game.classroom.debrief_pdf import chart_variables
    from game.classroom.report import outcomes

    presentation = scenario.presentation
    assert outcomes(scenario) == (*presentation.main_variables[:3], presentation.losses_variable)
    assert chart_variables(scenario) == list(presentation.charts)
    shown = SimpleNamespace(main_variables=("berlin_channel", "exposure", "nowhere"), losses_variable="soviet_losses",
                            charts=("exposure", "front"))
    edited = SimpleNamespace(variables=scenario.variables, presentation=shown, reference={})
    assert outcomes(edited) == ("berlin_channel", "exposure", "soviet_losses")
    assert chart_variables(edited) == ["exposure", "front"]
    # without charts: the main variables and the losses; without those: the first shown variables
    bare = SimpleNamespace(main_variables=("exposure",), losses_variable="soviet_losses", charts=())
    assert chart_variables(SimpleNamespace(variables=scenario.variables, presentation=bare)) == [
        "exposure", "soviet_losses"]
    nothing = SimpleNamespace(variables=scenario.variables, presentation=None, reference={})
    shown = [v.id for v in scenario.variables if not v.hidden]
    assert chart_variables(nothing) == shown[:6] and outcomes(nothing) == tuple(shown[:3])


def test_packet_for_one_team_has_a_worksheet_row_per_decision(scenario, tmp_path: Path, capsys) -> None:
    from game.table.lesson import lesson_plan

    out = tmp_path / "one.pdf"
    assert main(["packet", "--pdf", str(out), "--human", "ussr"]) == 0
    text = flat(pdf_text(out))
    assert "WORKSHEET — THE SOVIET TEAM" in text and "WORKSHEET — THE GERMAN TEAM" not in text
    planned = [item for item in lesson_plan(scenario, ("ussr",)) if not item.conditional]
    assert len(planned) == 15
    assert text.count("documented / reported / alleged / doubtful") >= len(planned)
    assert main(["packet", "--pdf", str(out), "--human", "ussr,nazis"]) == 2
    assert "unknown power(s) nazis" in capsys.readouterr().err
