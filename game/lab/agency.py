"""The agency report: does any single departure from history change the year?

Every departure is history with one thing changed: one card answered otherwise, or one
lever held at one option for the whole year. Each is played through the lab with the
same seed as the historical line (common random numbers), and compared with it: the
change in the share of each ending, and in the December mean of each main variable.
A departure *matters* when some ending share moves by at least ``ENDING_POINTS``
percentage points or some main variable by at least ``VARIABLE_POINTS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.lab.experiment import experiment
from game.lab.runner import run_experiment
from game.lab.summary import Summary
from game.policies import player_power
from game.policies.strategy import Phase, Strategy
from game.scenario.model import Scenario

ENDING_POINTS = 2.0
VARIABLE_POINTS = 3.0



@dataclass(frozen=True)
class Departure:
    """One change to the historical line: a card's other option, or a lever held all year."""

    decision: str  # "card:ID" or "lever:ID"
    option: str
    strategy: Strategy


def main_variables(scenario: Scenario) -> list[str]:
    """The variables a departure is judged on: the scenario's ``[presentation] judged_variables``
    (1943: the contract variables of the model brief on the 0-100 scale; soviet_losses, in
    thousands, would make every departure "matter" by a handful of men), or every shown one."""
    return list(scenario.presentation.judged_variables) or [v.id for v in scenario.variables if not v.hidden]


def departures(scenario: Scenario) -> list[Departure]:
    """Every single departure open to the player's power, cards first in calendar order."""
    power = player_power(scenario)
    found = []
    for event in scenario.events:
        if event.power != power or not event.is_decision:
            continue
        for index, option in enumerate(event.options):
            if index != event.historical:
                found.append(_departure(f"card:{event.id}", option.id, cards=((event.id, option.id),)))
    for policy in scenario.policies:
        if policy.power != power:
            continue
        for option in policy.options:
            found.append(_departure(f"lever:{policy.id}", option.id, levers=((policy.id, ((0, option.id),)),)))
    return found


def _departure(decision: str, option: str, cards: tuple = (), levers: tuple = ()) -> Departure:
    name = f"{decision.split(':')[1]}_{option}"
    return Departure(decision, option, Strategy(name, f"history, but {decision} = {option}",
                                                (Phase(0, (), levers, cards),)))


def _figures(scenario: Scenario, summary: Summary, main: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    shares = summary.ending_shares()
    means = summary.means()[-1]
    return ({ending.id: float(shares[i]) for i, ending in enumerate(scenario.endings)},
            {var: float(means[scenario.column(var)]) for var in main})


def agency(scenario: Scenario, content: bytes, runs: int = 4000, seed: int = 1943, workers: int = 1,
           params: dict[str, float] | None = None) -> dict:
    """Play every departure and the historical line; the report of docs/model.md ("Agency")."""
    main = main_variables(scenario)
    base = run_experiment(experiment(scenario, content, runs=runs, seed=seed, params=params), workers=workers)
    base_endings, base_final = _figures(scenario, base.summary, main)
    rows: list[dict[str, Any]] = []
    for departure in departures(scenario):
        setup = experiment(scenario, content, runs=runs, seed=seed, params=params, strategy=departure.strategy)
        endings, final = _figures(scenario, run_experiment(setup, workers=workers).summary, main)
        endings_delta = {k: round(100 * (endings[k] - base_endings[k]), 2) for k in endings}
        final_delta = {k: round(final[k] - base_final[k], 2) for k in final}
        matters = (max(map(abs, endings_delta.values()), default=0.0) >= ENDING_POINTS
                   or max(map(abs, final_delta.values()), default=0.0) >= VARIABLE_POINTS)
        rows.append({"decision": departure.decision, "option": departure.option,
                     "endings_delta": endings_delta, "final_delta": final_delta, "matters": matters})
    share = sum(row["matters"] for row in rows) / len(rows) if rows else 0.0
    return {"scenario": scenario.id, "runs": runs, "seed": seed,
            "thresholds": {"ending_points": ENDING_POINTS, "variable_points": VARIABLE_POINTS},
            "main_variables": main, "history": {"endings": base_endings, "final": base_final},
            "departures": rows, "share_that_matter": round(share, 4)}


def format_agency(document: dict) -> str:
    """A text table: one line per departure, the biggest ending move and variable move."""
    lines = [f"{'decision':<44} {'option':<26} {'ending (pts)':>22} {'variable':>24}  matters"]
    for row in document["departures"]:
        ending = max(row["endings_delta"], key=lambda k: abs(row["endings_delta"][k]))
        var = max(row["final_delta"], key=lambda k: abs(row["final_delta"][k]))
        lines.append(f"{row['decision']:<44} {row['option']:<26} {ending[:14]:>14} {row['endings_delta'][ending]:+7.1f}"
                     f" {var[:16]:>16} {row['final_delta'][var]:+7.1f}  {'yes' if row['matters'] else 'no'}")
    count = sum(row["matters"] for row in document["departures"])
    lines.append(f"\n{count} of {len(document['departures'])} departures matter "
                 f"({document['share_that_matter']:.0%}): an ending share moves {ENDING_POINTS:g} points "
                 f"or a main variable {VARIABLE_POINTS:g} in its December mean.")
    return "\n".join(lines)
