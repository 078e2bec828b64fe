"""The format forgives no typo, and every binding of [presentation] must resolve."""

from __future__ import annotations

from pathlib import Path

from game.paths import DEFAULT_SCENARIO
from game.scenario import check_scenario


def check_text(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check_scenario(path)
    assert (scenario is None) == bool(problems)
    return [str(problem) for problem in problems]


def test_misspelt_keys_are_refused_with_file_key_and_line(tmp_path: Path) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    marker = 'id = "kursk_offensive"\n'
    line = text[:text.index(marker)].count("\n") + 2
    edited = text.replace(marker, marker + 'historcal = "refuse"\nlesson_extr = true\n')
    problems = check_text(tmp_path, edited)
    assert len(problems) == 2
    assert problems[0].startswith(f"{tmp_path / 'edited.toml'}:{line}:")
    assert "unknown key 'historcal'" in problems[0] and "did you mean 'historical'" in problems[0]
    assert f":{line + 1}:" in problems[1] and "unknown key 'lesson_extr'" in problems[1]


def test_unknown_keys_anywhere_are_refused(tmp_path: Path) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    for anchor, typo in (("[meta]\n", "titel = 'x'\n"), ('id = "front"\n', "lable = 'x'\n"),
                         ('id = "ussr"\n', "colur = '#ffffff'\n"), ("[presentation]\n", "chart = []\n"),
                         ('  id = "attack"\n', "  hnt = 'x'\n")):
        problems = check_text(tmp_path, text.replace(anchor, anchor + typo, 1))
        assert len(problems) == 1 and "unknown key" in problems[0], (anchor, problems)


def test_presentation_bindings_must_resolve(tmp_path: Path) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    for old, new, expected in (
            ('front_variable = "front"', 'front_variable = "frontline"', "unknown variable id 'frontline'"),
            ('{ a = "ussr", b = "germany"', '{ a = "ussr", b = "japan"', "unknown power 'japan'"),
            ("{front.history:.0f}", "{front.past:.0f}", "template field {front.past}"),
            ("{front.history:.0f}", "{front.history:.0q}", "bad number format"),
            ('shape = "circle"', 'shape = "hexagon"', "shape 'hexagon'"),
            ('colour = "#be1e2d"', 'colour = "red"', "#rrggbb")):
        assert old in text, old
        problems = check_text(tmp_path, text.replace(old, new, 1))
        assert len(problems) == 1 and expected in problems[0], (old, problems)


def test_the_real_scenario_binds_what_the_front_ends_need(scenario) -> None:
    presentation = scenario.presentation
    ids = set(scenario.variable_ids)
    assert presentation.front_variable in ids and presentation.losses_variable in ids
    assert set(presentation.charts) <= ids and presentation.triangle
    assert {j.heading for j in presentation.judgements} == {"security", "lives", "alliance"}
    assert all(power.team and power.colour and power.shape and power.player for power in scenario.powers)


def test_source_extracts_must_name_real_cards_notes_and_questions(tmp_path: Path) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    start = text.index("[[extracts]]\nnumber = 1\n")
    for old, new, expected in (
            ('cards = ["stalin_not_destroy_german_army"', 'cards = ["stalin_not_destroy_germn_army"',
             "unknown event 'stalin_not_destroy_germn_army'"),
            ("note = 37\n", "note = 9999\n", "note 9999 has no [[notes]] entry"),
            ("question = 2\n", "question = 7\n", "question must be 1, 2, 3 or 4"),
            ("number = 1\n", "number = 1\nspeeker = 'x'\n", "did you mean 'speaker'")):
        edited = text[:start] + text[start:].replace(old, new, 1)
        problems = check_text(tmp_path, edited)
        assert len(problems) == 1 and expected in problems[0], (old, problems)
        assert problems[0].startswith(str(tmp_path / "edited.toml")), problems[0]


def test_the_questions_for_the_class_are_checked_like_every_table(tmp_path: Path) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    marker = "[[presentation.questions]]\n"
    assert marker in text
    line = text[:text.index(marker)].count("\n") + 2
    problems = check_text(tmp_path, text.replace(marker, marker + "shrot = 'x'\n", 1))
    assert len(problems) == 1 and f"edited.toml:{line}:" in problems[0]
    assert "unknown key 'shrot' in [questions]" in problems[0] and "did you mean 'short'" in problems[0]
    blank = text.replace(marker + "text = ", marker + "text = '  '\nformer = ", 1)
    problems = check_text(tmp_path, blank)
    assert any("a question needs a text" in p for p in problems), problems
    nothing = text.replace(marker + "text = ", marker + "short = ", 1)
    problems = check_text(tmp_path, nothing.replace("short = \"Was there ever", "# short = ", 1))
    assert len(problems) == 1 and "missing required key 'text'" in problems[0], problems


def test_a_scenario_without_questions_prints_neutral_ones(scenario) -> None:
    from types import SimpleNamespace

    from game.classroom.questions import NEUTRAL, class_questions

    questions = scenario.presentation.questions
    assert len(questions) == 4 and all(q.text and q.short and q.ticket == q.short for q in questions)
    assert class_questions(scenario) == questions
    assert class_questions(SimpleNamespace(presentation=SimpleNamespace(questions=()))) == NEUTRAL
    assert all(scenario.title not in q.text for q in NEUTRAL)


def test_good_when_low_is_checked_and_read(tmp_path: Path, scenario) -> None:
    """Which end is good for a power: a variable low-good for Moscow colours its rise as bad, the
    advisor counts it as a goal, and a list naming an unknown power, an unknown variable, or a
    variable good both ways is refused with the file and the key."""
    from game.lab.advisor import goals_of
    from game.ui.markers import BAD, GOOD, NEUTRAL, direction_word, tone

    assert tone(scenario, "ussr", "soviet_losses", 40) == BAD and tone(scenario, "ussr", "soviet_losses", -5) == GOOD
    assert tone(scenario, "germany", "front", 3) == BAD and tone(scenario, "ussr", "front", 3) == GOOD
    assert tone(scenario, "ussr", "exposure", 3) == NEUTRAL
    assert direction_word(scenario, "ussr", "soviet_losses") == "Lower is better for you."
    losses = next(goal for goal in goals_of(scenario, "ussr") if goal.var == "soviet_losses")
    assert losses.good_when_high is False
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    start = text.index("good_when_low = ")
    line = text[:start].count("\n") + 1
    end = text.index("\n", start)
    for value, expected in (('{ ussr = ["front"] }', "cannot be good for ussr both when high and when low"),
                            ('{ prussia = ["front"] }', "unknown power 'prussia'"),
                            ('{ ussr = ["losses"] }', "unknown variable id 'losses'")):
        problems = check_text(tmp_path, text[:start] + f"good_when_low = {value}" + text[end:])
        assert len(problems) == 1 and expected in problems[0], problems
        assert problems[0].startswith(f"{tmp_path / 'edited.toml'}:{line}:") and "good_when_low" in problems[0]
