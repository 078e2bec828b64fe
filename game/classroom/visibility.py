"""Who sees what: kept for the modules that import it from here; the rules are in
:mod:`game.table.knowledge` (the one place that decides what a power may know).

>>> from game.scenario import load_scenario
>>> from game.session import Session
>>> scenario = load_scenario("scenarios/1943.toml")
>>> session = Session(scenario, seed=1, humans=("ussr", "west"))
>>> visible_state(scenario, session, "west")["berlin_channel"] is None
True
>>> visible_state(scenario, session, "ussr")["berlin_channel"]
5.0
"""

from __future__ import annotations

from game.table.knowledge import EVERYONE, can_see, visible_state

__all__ = ["EVERYONE", "can_see", "visible_state"]
