"""``check`` plays the scenario: seeded games with each built-in strategy, every seat's view.

A scenario can load cleanly and still fail at the table: an ending no game reaches, a
view that cannot be built or sent as JSON. :func:`play_check` plays a few seeded games
per strategy with every power at the table, builds and serialises the view of every seat
before every decision, and reports what never happened.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import game.policies as policies
from game.policies import Policy
from game.scenario.model import Scenario
from game.session import policy_answer
from game.table.table import Table


@dataclass
class PlayReport:
    """What the seeded games showed."""

    games: int = 0
    views: int = 0
    #: ending id -> how many games reached it
    endings: dict[str, int] = field(default_factory=dict)
    #: strategy -> the error that stopped its games, if any
    failures: dict[str, str] = field(default_factory=dict)

    def never_reached(self, scenario: Scenario) -> list[str]:
        """The endings no game reached."""
        return [ending.id for ending in scenario.endings if not self.endings.get(ending.id)]


def strategy_names(scenario: Scenario) -> tuple[str, ...]:
    """The built-in strategies the lab offers for ``scenario``."""
    names = getattr(policies, "policy_names", None)
    if callable(names):
        return tuple(names(scenario))
    return tuple(getattr(policies, "POLICY_NAMES", ("historical", "random", "computer")))


def make_strategy(name: str, scenario: Scenario) -> Policy:
    """A strategy by name, bound to ``scenario``."""
    return policies.make_policy(name, scenario)


def play_check(scenario: Scenario, seeds: Iterable[int] = (1, 2, 3)) -> PlayReport:
    """Play every strategy on every seed with all powers seated; see the module docstring."""
    report = PlayReport()
    seats = tuple(power.id for power in scenario.powers)
    for name in strategy_names(scenario):
        strategy = make_strategy(name, scenario)
        for seed in seeds:
            try:
                table = Table.new(scenario, seed=seed, humans=seats, autosaving=False)
                while not table.over:
                    table.handed_over()
                    for power in seats:
                        json.dumps(table.view(power).to_json())
                        report.views += 1
                    asked = table.waiting_for
                    assert asked is not None
                    table.answer(asked, policy_answer(table.session, strategy))
                ending = table.ending
                assert ending is not None
                report.endings[ending.id] = report.endings.get(ending.id, 0) + 1
                report.games += 1
            except Exception as error:  # noqa: BLE001 - a scenario's failure is reported, not raised
                report.failures[name] = f"seed {seed}: {type(error).__name__}: {error}"
                break
    return report
