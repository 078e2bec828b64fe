"""The history of the scenario: every cited note has its source, grades have their key.

The checks that read the article itself (the 8-word overlap) live in test_history_text.py.
"""

from __future__ import annotations

from pathlib import Path

from game.scenario import check_scenario, load_scenario
from game.scenario.model import EVIDENCE_GRADES, Branch

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


def test_every_decision_tells_what_it_did_and_what_happened_in_1943() -> None:
    scenario = load_scenario(SCENARIO)
    computer = {power.id for power in scenario.powers if not power.human}
    missing = []
    for event in scenario.events:
        if not event.is_decision:
            continue
        if not event.in_1943.strip():
            missing.append(f"{event.id}: in_1943")
        for option in event.options:
            if not option.outcome.strip():
                missing.append(f"{event.id}.{option.id}: outcome")
            if event.power in computer and not option.reason.strip():
                missing.append(f"{event.id}.{option.id}: reason (a computer decides it)")
    assert not missing, "\n".join(missing)


def test_every_chance_branch_on_a_card_has_its_story() -> None:
    scenario = load_scenario(SCENARIO)

    def labels(effects: tuple) -> list[str]:
        found = []
        for effect in effects:
            if isinstance(effect, Branch):
                found += [effect.label, *labels(effect.then), *labels(effect.orelse)]
        return found

    untold = []
    for item in (*scenario.events, *scenario.rules):
        branches = labels(item.effects)
        for option in getattr(item, "options", ()):
            branches += labels(option.effects)
        told = {text.label for text in item.chance_texts}
        untold += [f"{item.id}: {label}" for label in branches if label not in told]
    assert not untold, "\n".join(untold)


def test_the_price_cards_show_the_numbers_the_armistice_option_compares() -> None:
    """The figures repeat the model's offer and price; if the model's formula moves, they must too."""
    scenario = load_scenario(SCENARIO)
    card = scenario.event("berlin_terms")
    sign = card.options[card.option_index("sign")]
    labels = [label for label, _ in card.figures]
    assert labels == ["Berlin's offer", "Moscow's price"]
    condition = " ".join(sign.condition.source.split()) if sign.condition else ""
    for _, value in card.figures:
        assert " ".join(value.source.split()) in condition
    other = scenario.event("berlin_terms_capitulation").figures
    assert [(label, value.source) for label, value in other] == [(label, value.source) for label, value in card.figures]


def test_the_epilogue_speaks_to_every_ending() -> None:
    scenario = load_scenario(SCENARIO)
    assert scenario.epilogue is not None and scenario.epilogue.text
    assert set(scenario.epilogue.endings) == {ending.id for ending in scenario.endings}
