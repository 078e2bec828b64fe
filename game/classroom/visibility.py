"""Who sees what: each power sees the state as it would have known it.

A variable may be hidden from some powers (``hidden_from`` in the scenario) until a
condition reveals it (``reveal``): the West does not see the depth of the Berlin
channel until the contacts are exposed. Front ends ask :func:`visible_state` for the
power whose team sits at the screen, and show None as "not known to you".

>>> from game.scenario import load_scenario
>>> from game.engine.session import Session
>>> scenario = load_scenario("scenarios/1943.toml")
>>> session = Session(scenario, seed=1, humans=("ussr", "west"))
>>> visible_state(scenario, session, "west")["berlin_channel"] is None
True
>>> visible_state(scenario, session, "ussr")["berlin_channel"]
5.0
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.engine.session import Session
from game.scenario.model import Scenario, Variable

#: the viewer that sees everything: the teacher's "reveal"
EVERYONE = None


def can_see(variable: Variable, power: str | None, state: np.ndarray, params: Mapping[str, float],
            turn: int) -> bool:
    """True if ``power`` (None: the teacher) sees ``variable`` in ``state`` (one run, shape (1, n))."""
    if power is EVERYONE or not variable.hidden_for(power):
        return True
    condition = variable.reveal_for(power)
    if condition is None:
        return False
    return bool(condition.holds(state, params, turn)[0])


def visible_state(scenario: Scenario, session: Session, power: str | None,
                  internal: bool = False) -> dict[str, float | None]:
    """The state as ``power`` knows it: every variable's value, or None where it is hidden.

    ``power`` None is the teacher's view (everything). Internal flags (``hidden = true``
    in the scenario) are left out unless ``internal`` is true; they are never shown on
    a dashboard.
    """
    state = session.batch.state[:1]
    params = session.engine.params
    turn = min(session.turn, len(scenario.months) - 1)
    result: dict[str, float | None] = {}
    for column, variable in enumerate(scenario.variables):
        if variable.hidden and not internal:
            continue
        seen = can_see(variable, power, state, params, turn)
        result[variable.id] = float(state[0, column]) if seen else None
    return result


def hidden_variables(scenario: Scenario, power: str) -> list[Variable]:
    """The dashboard variables ``power`` may not see (at least until something reveals them)."""
    return [v for v in scenario.variables if not v.hidden and v.hidden_for(power)]


def reveal_text(variable: Variable, power: str) -> str:
    """A line for a role card: what is hidden from this power and what would reveal it."""
    condition = variable.reveal_for(power)
    if condition is None:
        return f"{variable.label}: not known to you."
    return f"{variable.label}: not known to you until {condition.source}."
