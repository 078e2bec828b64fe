"""Sample class games for benchmarks, tests and trying the printouts: three-team lessons
played by scripted teams (as in 1943, or leaving history at random with a seeded chooser)."""

from __future__ import annotations

import random
from pathlib import Path

from game.classroom.lesson import start_lesson
from game.engine.session import Session
from game.scenario.model import Scenario


def play_lesson(scenario: Scenario, seed: int, leave_history: float = 0.0,
                humans: tuple[str, ...] | None = None) -> Session:
    """A lesson to its end; at each decision the teams leave history with chance ``leave_history``.

    Every power of the scenario has a team unless ``humans`` names fewer.
    """
    chooser = random.Random(seed)
    teams = tuple(power.id for power in scenario.powers) if humans is None else humans
    session = start_lesson(Session(scenario, seed=seed, humans=teams))
    while (request := session.step()) is not None:
        away = chooser.random() < leave_history
        if request.kind == "standing":
            session.choose([chooser.randrange(len(policy.options)) if away else policy.historical[request.turn]
                            for policy in request.policies])
            continue
        assert request.event is not None
        open_options = [index for index, ok in enumerate(request.available) if ok]
        historical = request.event.historical
        if away or historical is None or not request.available[historical]:
            session.choose(chooser.choice(open_options))
        else:
            session.choose(historical)
    return session


def write_class_saves(scenario: Scenario, folder: Path, groups: int = 4) -> list[Path]:
    """Save ``groups`` sample lessons (history, and more and more departures) into ``folder``."""
    from game.saves import save_game

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(groups):
        session = play_lesson(scenario, seed=11 + number, leave_history=min(0.9, 0.3 * number))
        paths.append(save_game(session, folder / f"group-{number + 1}.json"))
    return paths
