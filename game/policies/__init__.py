"""The policies a power can be played by, looked up by name.

``historical``, ``random`` and ``computer`` work for any power. The named Stalins
(``loyal``, ``peace_seeker``, ``appeaser`` and the others of docs/lab.md) are data
files in ``game/lab/strategies/`` read by :mod:`game.policies.strategy`; a user's own
file works the same way (``lab --strategy FILE.toml``).
"""

from __future__ import annotations

from game.policies.base import (
    ComputerPlayer,
    Deviating,
    Historical,
    Policy,
    RandomChoice,
    TagPreference,
    best_available,
)
from game.policies.strategy import Strategy, StrategyError, StrategyPolicy, built_in_strategies, read_strategy
from game.scenario.model import Scenario

#: the policies that are code, not data
GENERIC = ("historical", "random", "computer")


def player_power(scenario: Scenario) -> str:
    """The power a person plays by default (the first with ``human = true``)."""
    for power in scenario.powers:
        if power.human:
            return power.id
    return scenario.powers[0].id


def policy_names(scenario: Scenario) -> tuple[str, ...]:
    """Every policy name the lab accepts for ``scenario``."""
    return (*GENERIC, *built_in_strategies(scenario))


def make_policy(name: str, scenario: Scenario | None = None) -> Policy:
    """A policy by name; raise KeyError naming the choices if there is none.

    A named strategy is checked against ``scenario`` (the default scenario if None).
    """
    if name == "historical":
        return Historical()
    if name == "random":
        return RandomChoice()
    if name == "computer":
        return ComputerPlayer()
    if scenario is None:
        from game.paths import DEFAULT_SCENARIO
        from game.scenario import load_scenario

        scenario = load_scenario(DEFAULT_SCENARIO)
    strategies = built_in_strategies(scenario)
    if name in strategies:
        return StrategyPolicy(strategies[name], scenario)
    raise KeyError(f"unknown policy {name!r}; choose from {', '.join(policy_names(scenario))}")


__all__ = [
    "GENERIC",
    "ComputerPlayer",
    "Deviating",
    "Historical",
    "Policy",
    "RandomChoice",
    "Strategy",
    "StrategyError",
    "StrategyPolicy",
    "TagPreference",
    "best_available",
    "built_in_strategies",
    "make_policy",
    "player_power",
    "policy_names",
    "read_strategy",
]
