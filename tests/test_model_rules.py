"""The twelve rules of the triangle (model brief, section 5), each shown by a small experiment.

Each test runs the real scenario with the engine and compares two worlds that differ in
one thing, so the rule's effect is measured, not assumed. docs/model.md points here.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import Engine, month_rng
from game.policies import ComputerPlayer, Deviating, Historical, Policy, TagPreference, make_policy
from game.scenario.model import Event, StandingPolicy

RUNS = 2000


class Forcing(Policy):
    """Historical, except for standing policies forced to given options."""

    def __init__(self, forced: dict[str, str], base: Policy | None = None) -> None:
        self.forced = forced
        self.base = base or Historical()
        self.name = "forcing"

    def standing(self, context, policy: StandingPolicy, index: int) -> np.ndarray:
        if policy.id in self.forced:
            return np.full(context.state.shape[0], policy.option_index(self.forced[policy.id]), dtype=np.int16)
        return self.base.standing(context, policy, index)

    def decide(self, context, event: Event, available: np.ndarray) -> np.ndarray:
        return self.base.decide(context, event, available)


def run(scenario, ussr: Policy, runs: int = RUNS, params=None, start=None, seed: int = 77, until=None):
    engine = Engine(scenario, params=params)
    batch = engine.new_batch(runs, start=start)
    policies = {"ussr": ussr, "germany": ComputerPlayer(), "west": ComputerPlayer()}
    last = len(scenario.months) if until is None else until
    for turn in range(last):
        engine.run_month(batch, policies, month_rng(seed, 0, turn))
    return batch


def share(scenario, batch, *ending_ids: str) -> float:
    indices = [[e.id for e in scenario.endings].index(i) for i in ending_ids]
    return float(np.isin(batch.ending, indices).mean())


def final(scenario, batch, var: str) -> float:
    return float(batch.state[:, scenario.column(var)].mean())


APPEASER = TagPreference("appeaser_probe", {"channel_probe": 3, "accept_berlin_price": 3, "court_hitler": 2,
                                            "deal": 3, "channel_closed": -3})


def test_rule_1_two_regimes_before_stalingrad_peace_means_capitulation(scenario) -> None:
    # Appeasing from the first day: until Stalingrad falls, Berlin offers only surrender terms.
    batch = run(scenario, APPEASER, until=3)
    events = [event.id for event in scenario.events]
    offered_terms = batch.fired[:, events.index("berlin_terms")].mean()
    offered_surrender = batch.fired[:, events.index("berlin_terms_capitulation")].mean()
    assert offered_surrender > 0.2 and offered_terms < 0.02
    assert share(scenario, batch, "separate_peace_hitler") < 0.02


def test_rule_3_terms_gap_lowering_the_price_buys_a_deal(scenario) -> None:
    holding = run(scenario, Forcing({"channel": "probing", "german_partner": "hitler"}))
    lowering = run(scenario, Forcing({"channel": "probing", "german_partner": "hitler", "price": "less"},
                                     base=APPEASER))
    assert share(scenario, lowering, "separate_peace_hitler") > share(scenario, holding, "separate_peace_hitler") + 0.2


def test_rule_2_three_partners_courting_the_army_feeds_the_opposition(scenario) -> None:
    army = run(scenario, Forcing({"german_partner": "army"}))
    hitler = run(scenario, Forcing({"german_partner": "hitler"}))
    assert final(scenario, army, "german_opposition") > final(scenario, hitler, "german_opposition") + 5


def test_rule_4_two_faces_coldness_alarms_the_west(scenario) -> None:
    cold = run(scenario, Forcing({"posture_west": "cold"}))
    cordial = run(scenario, Forcing({"posture_west": "cordial"}))
    assert final(scenario, cold, "western_alarm") > final(scenario, cordial, "western_alarm") + 10
    assert final(scenario, cold, "lend_lease") < final(scenario, cordial, "lend_lease")


def test_rule_5_second_front_as_proof(scenario) -> None:
    kept = run(scenario, Historical(), start={"second_front": 95})
    broken = run(scenario, Historical(), start={"second_front": 10})
    assert final(scenario, kept, "stalin_trust") > final(scenario, broken, "stalin_trust") + 5


def test_rule_6_fear_buys_tolerance(scenario) -> None:
    calm = run(scenario, Historical(), params={"tolerance_rate": 0.0})
    base = run(scenario, Historical())
    assert final(scenario, base, "western_tolerance") > final(scenario, calm, "western_tolerance") + 5
    assert final(scenario, base, "soviet_aims") > final(scenario, calm, "soviet_aims")


def test_rule_7_rumours_lag_alarm_peaks_after_the_channel(scenario) -> None:
    engine = Engine(scenario)
    batch = engine.new_batch(RUNS)
    policies = {"ussr": Historical(), "germany": ComputerPlayer(), "west": ComputerPlayer()}
    channel, alarm = [], []
    for turn in range(len(scenario.months)):
        engine.run_month(batch, policies, month_rng(5, 0, turn))
        channel.append(batch.state[:, scenario.column("berlin_channel")].mean())
        alarm.append(batch.state[:, scenario.column("western_alarm")].mean())
    assert int(np.argmax(alarm)) > int(np.argmax(channel)) + 2


def test_rule_8_kursk_raises_the_soviet_price(scenario) -> None:
    normal = run(scenario, Deviating(Historical(), APPEASER, 8))
    no_watershed = run(scenario, Deviating(Historical(), APPEASER, 8), params={"kursk_price_rise": 0})
    assert share(scenario, no_watershed, "separate_peace_hitler") > share(scenario, normal, "separate_peace_hitler")


def test_rule_9_a_coup_is_a_guess(scenario) -> None:
    batch = run(scenario, Historical(), start={"german_opposition": 60}, params={"coup_rate": 1.0})
    ousted = batch.state[:, scenario.column("hitler_ousted")].mean()
    assert 0.05 < ousted < 0.9


def test_rule_10_secrets_leak_with_a_deep_channel(scenario) -> None:
    deep = run(scenario, Forcing({"channel": "probing", "german_partner": "hitler"}))
    shut = run(scenario, Forcing({"channel": "closed"}))
    assert final(scenario, deep, "exposure") > final(scenario, shut, "exposure") + 10


def test_rule_11_turning_to_the_west_raises_trust_from_september(scenario) -> None:
    batch_aug = run(scenario, Historical(), until=10)
    batch_dec = run(scenario, Historical())
    assert final(scenario, batch_dec, "stalin_trust") > final(scenario, batch_aug, "stalin_trust") + 5


def test_rule_12_outcome_aims_grow_through_1943(scenario) -> None:
    batch = run(scenario, Historical())
    assert final(scenario, batch, "soviet_aims") > scenario.variables[scenario.column("soviet_aims")].start + 15


@pytest.mark.parametrize("name", ["loyal", "peace_seeker", "appeaser"])
def test_named_strategies_differ_from_history(scenario, name) -> None:
    batch = run(scenario, make_policy(name), runs=500)
    historical = run(scenario, Historical(), runs=500)
    assert not np.allclose(batch.state.mean(axis=0), historical.state.mean(axis=0))
