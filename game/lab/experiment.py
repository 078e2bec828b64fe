"""What a lab run is: a scenario, a Stalin, a seed and a number of runs, cut into chunks.

An :class:`Experiment` holds everything that decides the result and nothing else, as
plain data, so that it can be pickled to a worker process or a cluster node. The work
is a list of independent chunks: chunk ``i`` holds ``CHUNK_RUNS`` runs (the last one
fewer) and draws from ``month_rng(seed, i, turn)``. The result therefore depends on the
seed and the number of runs, never on how many workers shared the chunks.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.core import Engine
from game.lab.branch import BranchPoint, Scripted, recorded_options
from game.policies import (
    GENERIC,
    ComputerPlayer,
    Deviating,
    Historical,
    Policy,
    Strategy,
    StrategyPolicy,
    built_in_strategies,
    make_policy,
    player_power,
    policy_names,
)
from game.scenario import Month, Scenario, load_scenario

#: runs per chunk: large enough that numpy's per-call overhead vanishes, small enough
#: that a chunk's arrays stay in the processor's cache. Changing it changes results.
CHUNK_RUNS = 32_768

#: process-local scenarios by content hash, so a worker parses each file once
_SCENARIOS: dict[str, Scenario] = {}


def remember_scenario(scenario: Scenario) -> None:
    """Keep a loaded scenario so this process (and forked workers) need not parse it again."""
    _SCENARIOS[scenario.content_hash] = scenario


def scenario_from_bytes(content: bytes) -> Scenario:
    """The scenario a file's bytes describe, parsed at most once per process."""
    key = hashlib.sha256(content).hexdigest()
    if key not in _SCENARIOS:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "scenario.toml"
            path.write_bytes(content)
            _SCENARIOS[key] = load_scenario(path)
    return _SCENARIOS[key]


@dataclass(frozen=True)
class Experiment:
    """A lab run, as plain data: build it with :func:`experiment`, which checks every field."""

    scenario_bytes: bytes
    policy: str = "historical"
    deviate_from: int | None = None  # turn from which ``policy`` replaces history
    runs: int = 1000
    seed: int = 1
    start: Mapping[str, float] = field(default_factory=dict)
    params: Mapping[str, float] = field(default_factory=dict)
    branch: BranchPoint | None = None
    #: the Stalin as data, for a named or user-written strategy (``policy`` is then its name)
    strategy: Strategy | None = None

    @property
    def scenario(self) -> Scenario:
        """The scenario (parsed once per process)."""
        return scenario_from_bytes(self.scenario_bytes)

    @property
    def first_turn(self) -> int:
        """The month the runs start in: 0, or the month of the branch point."""
        return self.branch.turn if self.branch is not None else 0

    def chunks(self) -> list[tuple[int, int]]:
        """(chunk index, runs in it) for every chunk."""
        full, rest = divmod(self.runs, CHUNK_RUNS)
        plan = [(index, CHUNK_RUNS) for index in range(full)]
        if rest:
            plan.append((full, rest))
        return plan

    def engine(self) -> Engine:
        """An engine with the experiment's parameters."""
        return Engine(self.scenario, self.params)

    def policies(self) -> dict[str, Policy]:
        """Who plays each power: the experiment's Stalin, the computer for Berlin and the West."""
        scenario = self.scenario
        player: Policy = (StrategyPolicy(self.strategy, scenario) if self.strategy is not None
                          else make_policy(self.policy, scenario))
        if self.deviate_from is not None:
            player = Deviating(Historical(), player, self.deviate_from)
        players: dict[str, Policy] = {power.id: ComputerPlayer() for power in scenario.powers}
        players[player_power(scenario)] = player
        if self.branch is not None:
            choices = recorded_options(scenario, self.branch.choices)
            players = {power: Scripted(policy, self.branch.turn, choices) for power, policy in players.items()}
        return players

    def describe_deviation(self) -> str | None:
        """The deviation month as YYYY-MM, for reports."""
        if self.deviate_from is None:
            return None
        return str(self.scenario.months[self.deviate_from])


def experiment(scenario: Scenario, scenario_bytes: bytes, *, policy: str = "historical",
               deviate_from: str | None = None, runs: int = 1000, seed: int = 1,
               start: Mapping[str, float] | None = None, params: Mapping[str, float] | None = None,
               branch: BranchPoint | None = None, strategy: Strategy | None = None) -> Experiment:
    """Check every field against the scenario and build the experiment.

    Raises ValueError with a one-line message naming what is wrong and what would do.
    """
    if strategy is not None:
        policy = strategy.name
    elif policy not in GENERIC:
        strategy = built_in_strategies(scenario).get(policy)
        if strategy is None:
            raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(policy_names(scenario))}")
    if runs < 1:
        raise ValueError(f"--runs must be at least 1, not {runs}")
    if seed < 0:
        raise ValueError(f"--seed must not be negative, not {seed}")
    variables = set(scenario.variable_ids)
    for name in start or {}:
        if name not in variables:
            raise ValueError(f"unknown variable {name!r}; the scenario has {', '.join(scenario.variable_ids)}")
    for name in params or {}:
        if name not in scenario.params:
            raise ValueError(f"unknown parameter {name!r}; the scenario has {', '.join(scenario.params)}")
    turn = None
    if deviate_from is not None:
        turn = month_turn(scenario, deviate_from)
    remember_scenario(scenario)
    if hashlib.sha256(scenario_bytes).hexdigest() != scenario.content_hash:
        raise ValueError("the scenario file changed while it was being read; run again")
    return Experiment(scenario_bytes=scenario_bytes, policy=policy, deviate_from=turn, runs=runs, seed=seed,
                      start=dict(start or {}), params=dict(params or {}), branch=branch,
                      strategy=strategy)


def month_turn(scenario: Scenario, text: str) -> int:
    """The turn of a YYYY-MM month of the scenario; ValueError naming the calendar otherwise."""
    try:
        month = Month.parse(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a month of the form YYYY-MM") from None
    if month not in scenario.months:
        raise ValueError(f"{text} is not in the scenario's calendar ({scenario.months[0]} to {scenario.months[-1]})")
    return scenario.months.index(month)
