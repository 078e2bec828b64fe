"""Berlin and the West think: their options answer the state, and they are drawn, not scripted.

The walk plays the real scenario with many Stalins (history, the random one and every
named strategy) and watches every decision of the computer powers as it is made: for
every option of every computer power there must be a reachable state, met in play, in
which that option carries the heaviest weight. An option that wins nowhere is a script
line, not a choice.
"""

from __future__ import annotations

import numpy as np

from game.engine import Engine, month_rng
from game.policies import ComputerPlayer, make_policy, player_power, policy_names
from game.policies.base import TEMPERATURE

RUNS = 1500


class Watching(ComputerPlayer):
    """A computer player that notes, for each option, whether it was the favourite somewhere."""

    def __init__(self, wins: dict[tuple[str, str], bool]) -> None:
        self.wins = wins

    def _note(self, owner: str, options, weights, available, runs: int) -> None:
        table = np.column_stack([np.broadcast_to(np.asarray(w, dtype=float), (runs,)) for w in weights])
        if available is not None:
            table = np.where(available, table, -np.inf)
        best = table.max(axis=1, keepdims=True)
        for index, option in enumerate(options):
            key = (owner, option.id)
            self.wins[key] = self.wins.get(key, False) or bool((table[:, index] >= best[:, 0]).any())

    def standing(self, context, policy, index):
        if any(option.ai is not None for option in policy.options):
            weights = self._weights(context, policy.options, historical=policy.historical[context.turn])
            self._note(f"policy:{policy.id}", policy.options, weights, None, context.state.shape[0])
        return super().standing(context, policy, index)

    def decide(self, context, event, available):
        weights = self._weights(context, event.options, historical=event.historical)
        self._note(f"event:{event.id}", event.options, weights, available, context.state.shape[0])
        return super().decide(context, event, available)


def walk(scenario) -> dict[tuple[str, str], bool]:
    wins: dict[tuple[str, str], bool] = {}
    player = player_power(scenario)
    for name in policy_names(scenario):
        if name == "computer":
            continue
        engine = Engine(scenario)
        batch = engine.new_batch(RUNS)
        policies = {power.id: Watching(wins) for power in scenario.powers}
        policies[player] = make_policy(name, scenario)
        for turn in range(len(scenario.months)):
            engine.run_month(batch, policies, month_rng(11, 0, turn))
    return wins


def test_every_option_of_every_computer_power_wins_in_some_reachable_state(scenario) -> None:
    wins = walk(scenario)
    player = player_power(scenario)
    expected = {(f"policy:{p.id}", o.id) for p in scenario.policies if p.power != player
                for o in p.options if any(x.ai is not None for x in p.options)}
    expected |= {(f"event:{e.id}", o.id) for e in scenario.events if e.is_decision and e.power != player
                 for o in e.options}
    never_decided = sorted(key for key in expected if key not in wins)
    never_won = sorted(key for key in expected if key in wins and not wins[key])
    assert not never_won, f"options that are never the favourite: {never_won}"
    assert not never_decided, f"computer decisions never met in play: {never_decided}"


def test_the_same_stalin_meets_different_years(scenario) -> None:
    # With the scenario's temperature, Berlin and the West draw their options run by run.
    engine = Engine(scenario)
    batch = engine.new_batch(4000)
    policies = {power.id: ComputerPlayer() for power in scenario.powers}
    policies[player_power(scenario)] = make_policy("historical", scenario)
    for turn in range(len(scenario.months)):
        engine.run_month(batch, policies, month_rng(3, 0, turn))
    # at temperature 0 the computers always take their favourite
    cold = Engine(scenario, params={TEMPERATURE: 0.0})
    frozen = cold.new_batch(4000)
    for turn in range(len(scenario.months)):
        cold.run_month(frozen, policies, month_rng(3, 0, turn))
    assert scenario.params[TEMPERATURE].value > 0
    kursk = scenario.column("kursk_fought")
    assert 0.0 < batch.state[:, kursk].mean() < 1.0, "Berlin should sometimes hold back at Kursk"
    assert frozen.state[:, kursk].mean() == 1.0


def test_a_draw_follows_the_softmax_of_the_weights_and_respects_what_is_open() -> None:
    from game.policies.base import CUTOFF, drawn

    rng = np.random.default_rng(5)
    runs = 200_000
    weights = [0.5, 0.3, 0.0]
    expected = np.exp(np.array(weights) / 0.2)
    expected /= expected.sum()
    for as_arrays in (False, True):
        given = [np.full(runs, w) for w in weights] if as_arrays else weights
        chosen = drawn(given, None, runs, 0.2, rng)
        shares = np.bincount(chosen, minlength=3) / runs
        assert np.allclose(shares, expected, atol=0.005), (as_arrays, shares, expected)
    closed = np.ones((runs, 3), dtype=bool)
    closed[:, 0] = False
    chosen = drawn(weights, closed, runs, 0.2, rng)
    assert not (chosen == 0).any()
    # two options: the same law; a long shot beyond the cutoff is never drawn
    pair = drawn([np.zeros(runs), np.full(runs, 0.1)], None, runs, 0.2, rng)
    assert abs(pair.mean() - 1 / (1 + np.exp(-0.5))) < 0.005
    far = drawn([np.zeros(runs), np.full(runs, 0.2 * (CUTOFF + 0.5))], None, runs, 0.2, rng)
    assert (far == 1).all()
