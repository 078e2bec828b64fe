"""The history of the scenario: every cited note has its source, grades have their key.

The checks that read the article itself (the 8-word overlap) live in test_history_text.py.
"""

from __future__ import annotations

from pathlib import Path

from game.scenario import check_scenario, load_scenario
from game.scenario.model import EVIDENCE_GRADES

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "1943.toml"


def test_every_cited_note_has_a_source_line() -> None:
    scenario = load_scenario(SCENARIO)
    cited = {note for event in scenario.events for note in event.notes}
    cited |= {note for rule in scenario.rules for note in rule.notes}
    if scenario.epilogue is not None:
        cited |= set(scenario.epilogue.notes)
    missing = sorted(note for note in cited if not scenario.note_sources.get(note, "").strip())
    assert not missing, f"cited notes without a source line: {missing}"


def test_a_cited_note_without_a_source_is_a_check_problem(tmp_path: Path) -> None:
    text = SCENARIO.read_text(encoding="utf-8")
    entry = '[[notes]]\nnumber = 57\nsource = "'
    start = text.index(entry)
    end = text.index("\n\n", start)
    broken = tmp_path / "broken.toml"
    broken.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    scenario, problems = check_scenario(broken)
    assert scenario is None
    assert any("note 57 is cited" in problem.message for problem in problems)


def test_every_grade_has_a_key_for_students() -> None:
    scenario = load_scenario(SCENARIO)
    assert set(scenario.grades) == set(EVIDENCE_GRADES)
    assert "general" in EVIDENCE_GRADES
    used = {event.evidence for event in scenario.events}
    assert "general" in used


def test_an_unknown_grade_in_the_key_is_a_check_problem(tmp_path: Path) -> None:
    text = SCENARIO.read_text(encoding="utf-8").replace("[grades]\n", "[grades]\nrumoured = \"x\"\n", 1)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    _, problems = check_scenario(broken)
    assert any("unknown grade 'rumoured'" in problem.message for problem in problems)
