"""Sample class games for benchmarks, tests and trying the printouts: three-team lessons
played by scripted teams (as in 1943, or leaving history at random with a seeded chooser).

A talking class (``talk``) does what a real one does beside its decisions: it names its
group, gives a reason for some decisions, and sends notes on the scenario's channels, so
the printouts are tried with every column and section they can have."""

from __future__ import annotations

import random
from pathlib import Path

from game.scenario.model import Scenario
from game.session import Session
from game.table.lesson import start_lesson

#: what a team writes on its worksheet, picked at random by a talking sample class
REASONS = (
    "It keeps our options open until we know more.",
    "The card's evidence is only reported, so we did not want to bet everything on it.",
    "We want the others to think we are stronger than we are.",
    "Waiting costs lives at the front; we had to act now.",
    "If this leaks, our allies will stop trusting us.",
    "We voted three to two; the minority wanted the opposite.",
)
#: notes a talking sample class sends
NOTES = (
    "We are ready to listen. Tell us what you would give up first.",
    "Our patience is not endless. Keep your promises and we keep ours.",
    "Nothing in writing yet. Send someone we can trust.",
)


def play_lesson(scenario: Scenario, seed: int, leave_history: float = 0.0,
                humans: tuple[str, ...] | None = None, talk: bool = False) -> Session:
    """A lesson to its end; at each decision the teams leave history with chance ``leave_history``.

    Every power of the scenario has a team unless ``humans`` names fewer. ``talk``: the
    class also names its group, gives reasons and sends notes (see the module).
    """
    chooser = random.Random(seed)
    teams = tuple(power.id for power in scenario.powers) if humans is None else humans
    session = start_lesson(Session(scenario, seed=seed, humans=teams))
    if talk:
        session.remarks.set_group(f"Sample group {seed}")
    while (request := session.step()) is not None:
        if talk:
            _talk(session, request.power, chooser)
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


def _talk(session: Session, power: str, chooser: random.Random) -> None:
    """Before a decision: sometimes a note on one of the power's channels, often a reason."""
    channels = [c for c in session.scenario.channels if power in c.powers and session.notes_left(c.id, power)]
    if channels and chooser.random() < 0.3:
        session.send_note(chooser.choice(channels).id, power, chooser.choice(NOTES))
    if chooser.random() < 0.6:
        session.remarks.add(len(session.history), power, chooser.choice(REASONS))


def write_class_saves(scenario: Scenario, folder: Path, groups: int = 4, talk: bool = True) -> list[Path]:
    """Save ``groups`` sample lessons (history, and more and more departures) into ``folder``;
    ``talk``: groups that name themselves, give reasons and send notes."""
    from game.saves import save_game

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(groups):
        session = play_lesson(scenario, seed=11 + number, leave_history=min(0.9, 0.3 * number), talk=talk)
        paths.append(save_game(session, folder / f"group-{number + 1}.json"))
    return paths
