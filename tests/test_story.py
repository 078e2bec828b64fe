"""The story agrees with the game: a card that tells what history did fires only where
the game's state allows it.

The lab's strategies play the year; every card that fires is checked against the state
it fired in: its date's month is the month being played, its own condition holds, and
the story it tells (``STORY`` below: what must be true for its text to be right) holds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import game.policies as lab_policies
from game.engine import core
from game.policies import Policy
from game.scenario import compile_expression, load_scenario
from game.scenario.model import Month, Scenario
from game.session import Session, play_with_policy

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "1943.toml"
SEEDS = range(4)


def strategy_names(scenario: Scenario) -> tuple[str, ...]:
    """The lab's named strategies (read from data files where the lab has them)."""
    if hasattr(lab_policies, "policy_names"):
        return tuple(lab_policies.policy_names(scenario))
    return tuple(lab_policies.POLICY_NAMES)


def strategy(name: str, scenario: Scenario) -> Policy:
    try:
        return lab_policies.make_policy(name, scenario)  # type: ignore[call-arg]
    except TypeError:
        return lab_policies.make_policy(name)

#: what must hold when a card fires for its text to tell the truth about this game
STORY = {
    "bohlen_memo": "teheran_held >= 1",  # Bohlen's memorandum is about Teheran
    "teheran_soviet_desires": "teheran_held >= 1",
    "roosevelt_assurance_poland": "teheran_held >= 1",
    "kiev_liberated": "front >= 50",  # the map must have come near Kiev
    "kursk_ends": "kursk_fought >= 1",
    "moscow_conference": "rupture < 1",
    "stalin_denies_to_hull": "rupture < 1",
    "teheran_conference": "summit_agreed >= 1 and rupture < 1",
    "clauss_hoax": "clauss_exposed < 1",
    "successor_offer": "hitler_ousted >= 1",
    "berlin_terms": "peace_hitler + peace_successor < 1",
    "stockholm_talks_broken_off": "berlin_channel >= 30",  # there are talks to break off
    "roosevelt_proposes_meeting": "summit_agreed < 1",
    "stalin_accepts_summit": "summit_agreed < 1",
}


def fired_cards(monkeypatch: pytest.MonkeyPatch, policy: str, seed: int) -> list[tuple[int, str, np.ndarray]]:
    """Play one game with a lab strategy; (turn, event id, state before the card) per card fired."""
    seen: list[tuple[int, str, np.ndarray]] = []
    original = core.Engine._fire

    def recording(self, batch, event, mask, policies, context, log):  # type: ignore[no-untyped-def]
        if mask is None or bool(mask[0]):
            seen.append((context.turn, event.id, batch.state[:1].copy()))
        return original(self, batch, event, mask, policies, context, log)

    monkeypatch.setattr(core.Engine, "_fire", recording)
    scenario = load_scenario(SCENARIO)
    session = Session(scenario, seed=seed)
    play_with_policy(session, strategy(policy, scenario))
    return seen


@pytest.mark.parametrize("policy", strategy_names(load_scenario(SCENARIO)))
def test_every_fired_card_fits_the_state_it_fired_in(monkeypatch: pytest.MonkeyPatch, policy: str) -> None:
    scenario = load_scenario(SCENARIO)
    columns = {variable.id: index for index, variable in enumerate(scenario.variables)}
    params = scenario.param_values()
    story = {card: compile_expression(source, columns, params) for card, source in STORY.items()}
    wrong = []
    fired = 0
    for seed in SEEDS:
        for turn, event_id, state in fired_cards(monkeypatch, policy, seed):
            fired += 1
            event = scenario.event(event_id)
            month = str(scenario.months[turn])
            if event.date and str(Month.parse(event.date)) != month:
                wrong.append(f"seed {seed}: {event_id} dated {event.date} fired in {month}")
            for name, condition in (("condition", event.condition), ("story", story.get(event_id))):
                if condition is not None and not bool(condition.holds(state, params, turn)[0]):
                    wrong.append(f"seed {seed} {month}: {event_id} fired where its {name} "
                                 f"'{condition.source}' does not hold")
    assert fired > 0
    assert not wrong, "\n".join(wrong)


def test_every_story_requirement_names_a_card() -> None:
    scenario = load_scenario(SCENARIO)
    ids = {event.id for event in scenario.events}
    assert set(STORY) <= ids
