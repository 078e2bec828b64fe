"""The scenario checker: clean files pass, each bad fixture fails with its own message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.__main__ import main
from game.scenario import ScenarioError, check_scenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"

BAD = {
    "syntax_error.toml": (4, "TOML syntax error"),
    "unknown_variable.toml": (73, "unknown variable id 'alarmm'"),
    "bad_date.toml": (57, "'1943-13-10' is not a valid month"),
    "date_outside_calendar.toml": (57, "outside the calendar"),
    "duplicate_id.toml": (76, "duplicate event id 'feeler'"),
    "probability_out_of_range.toml": (78, "probability 1.5 is outside [0, 1]"),
    "forbidden_expression.toml": (77, "is not allowed"),
    "malformed_expression.toml": (88, "cannot parse"),
    "dangling_historical.toml": (63, "historical option 'accept' is not one of"),
    "unknown_power.toml": (62, "unknown power 'japan'"),
    "start_out_of_bounds.toml": (14, "start 110.0 is outside"),
    "no_final_ending.toml": (None, "every game ends"),
    "misspelt_key.toml": (57, "unknown key 'historcal' in [events] (did you mean 'historical'?)"),
}


def test_minimal_fixture_is_clean() -> None:
    scenario, problems = check_scenario(FIXTURES / "minimal.toml")
    assert problems == []
    assert scenario is not None and scenario.variable_ids == ["alarm", "channel"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_fixture_names_file_line_and_problem(name: str) -> None:
    line, fragment = BAD[name]
    scenario, problems = check_scenario(FIXTURES / "bad" / name)
    assert scenario is None
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert fragment in problems[0].message
    assert name in problems[0].file


def test_all_bad_fixtures_are_covered() -> None:
    assert {path.name for path in (FIXTURES / "bad").glob("*.toml")} == set(BAD)


def test_checker_reports_every_problem_not_just_the_first(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.toml").read_text()
    text = text.replace('{ var = "alarm", add = -5 }', '{ var = "nope", add = -5 }')
    text = text.replace('probability = "rate"', "probability = 2")
    text = text.replace('evidence = "alleged"', 'evidence = "rumour"')
    path = tmp_path / "many.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    messages = " | ".join(problem.message for problem in error.value.problems)
    assert len(error.value.problems) == 3
    assert "nope" in messages and "probability 2" in messages and "rumour" in messages


def test_check_command_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(FIXTURES / "bad" / "forbidden_expression.toml")])
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.err
    assert "forbidden_expression.toml:77" in captured.err


def test_check_command_on_missing_and_binary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "absent.toml")]) == 2
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    assert main(["check", str(binary)]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and "not UTF-8" in err


def test_check_json_summary_marks_the_historical_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "minimal.toml"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    feeler = next(event for event in summary["events"] if event["id"] == "feeler")
    assert feeler["notes"] == [36] and feeler["evidence"] == "alleged"
    assert [o["historical"] for o in feeler["options"]] == [True, False]
    assert [e["id"] for e in summary["endings"]] == ["deal", "end"]
    assert summary["params"] == {"rate": 0.5}


def test_real_scenario_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-play", "scenarios/1943.toml"]) == 0  # CI runs the full check with play
    assert "0 warning(s)" in capsys.readouterr().out


def test_real_scenario_carries_the_contract_variables(scenario) -> None:
    contract = {"front", "red_army", "german_east", "soviet_losses", "lend_lease", "second_front",
                "stalin_trust", "western_alarm", "western_tolerance", "berlin_channel",
                "nazi_intransigence", "german_opposition", "exposure", "soviet_aims", "poland"}
    assert contract <= set(scenario.variable_ids)
    assert {p.id for p in scenario.powers} == {"ussr", "germany", "west"}
    assert scenario.human_powers == ("ussr",)
    assert str(scenario.months[0]) == "1942-11" and str(scenario.months[-1]) == "1943-12"
