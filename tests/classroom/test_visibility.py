"""Each power sees what it would have known: hidden_from and reveal in the scenario."""

from __future__ import annotations

from pathlib import Path

from game.classroom.visibility import visible_state
from game.policies import make_policy
from game.scenario import check_scenario
from game.session import Session, answer_with_policy

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_the_west_does_not_see_the_berlin_channel_until_exposure_reveals_it(scenario) -> None:
    session = Session(scenario, seed=3, humans=("ussr", "west"))
    exposure = scenario.column("exposure")
    seen_before, seen_after = [], []
    while session.step() is not None:
        view = visible_state(scenario, session, "west")
        (seen_after if session.batch.state[0, exposure] >= 40 else seen_before).append(view["berlin_channel"])
        answer_with_policy(session, make_policy("peace_seeker"))
    assert seen_before and all(value is None for value in seen_before)
    assert seen_after and all(value is not None for value in seen_after)
    assert visible_state(scenario, session, "ussr")["berlin_channel"] == session.state["berlin_channel"]


def test_reveal_follows_the_state_both_ways(scenario) -> None:
    session = Session(scenario, seed=1, humans=("west",))
    session.batch.state[0, scenario.column("exposure")] = 40
    assert visible_state(scenario, session, "west")["berlin_channel"] == 5.0
    session.batch.state[0, scenario.column("exposure")] = 39.9
    assert visible_state(scenario, session, "west")["berlin_channel"] is None


def test_each_power_has_its_own_blind_spots(scenario) -> None:
    session = Session(scenario, seed=1, humans=("ussr", "germany", "west"))
    ussr, germany, west = (visible_state(scenario, session, p) for p in ("ussr", "germany", "west"))
    assert ussr["nazi_intransigence"] is None and ussr["german_opposition"] is None
    assert germany["second_front"] is None and germany["nazi_intransigence"] == 85.0
    assert west["soviet_aims"] is None and west["western_alarm"] == 30.0
    teacher = visible_state(scenario, session, None)
    assert None not in teacher.values()
    assert "peace_hitler" not in teacher and "peace_hitler" in visible_state(scenario, session, None, internal=True)
    session.batch.state[0, scenario.column("berlin_channel")] = 50
    assert visible_state(scenario, session, "ussr")["nazi_intransigence"] == 85.0
    assert visible_state(scenario, session, "west")["nazi_intransigence"] is None


def test_checker_reports_bad_visibility_keys(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.toml").read_text()
    marker = "[[variables]]\n"
    first = text.index(marker) + len(marker)
    broken = text[:first] + 'hidden_from = ["japan"]\nreveal = "nonsense +"\n' + text[first:]
    path = tmp_path / "broken.toml"
    path.write_text(broken)
    scenario, problems = check_scenario(path)
    messages = "\n".join(str(problem) for problem in problems)
    assert scenario is None
    assert "unknown power 'japan' in hidden_from" in messages
    assert "'reveal' needs 'hidden_from'" in messages
    assert all(problem.line for problem in problems)
