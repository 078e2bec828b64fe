"""The advisor: what each answer to the card on the table tends to lead to.

For the event card a session is waiting on, every open option is tried in a couple of
thousand rollouts: each starts from the state at the start of the month, replays the
month with the choices the player has already made in it and the option under test,
then plays on with a policy (history, by default) to the end of 1943. The endings are
counted per option.

All options are tried against the same random numbers (the advisor's own stream of
the game's seed), so the differences between them come from the option, not from
luck, and asking twice gives the same advice. The window calls this while the player
looks at the card, so it has to be quick: a typical card takes well under 150 ms.
"""

from __future__ import annotations

import numpy as np

from game.engine.core import ASK, month_rng
from game.engine.session import Session
from game.lab.branch import BranchPoint, Scripted, recorded_options
from game.policies import Policy, make_policy

#: the advisor's random streams are chunk 2 of the game's seed (0 is the game itself,
#: 1 the policies that answer for a person), so rollouts never touch the game's draws
ADVISOR_STREAM = 2


def advise(session: Session, runs: int = 2000, policy: str = "historical") -> dict[str, dict[str, float]]:
    """For each open option of the pending event: the share of rollouts reaching each ending.

    Raises ValueError when no event card is waiting for an answer, and KeyError for an
    unknown policy name.
    """
    request = session.pending
    if request is None or request.kind != "event" or request.event is None:
        raise ValueError("the advisor needs an event card waiting for an answer")
    event = request.event
    scenario = session.scenario
    branch = BranchPoint.from_session(session)
    recorded = recorded_options(scenario, branch.choices)
    after: Policy = make_policy(policy, scenario)
    advice: dict[str, dict[str, float]] = {}
    for index, option in enumerate(event.options):
        if not request.available[index]:
            continue
        choices = {**recorded, ("event", event.id): index}
        players = {}
        for power, player in session.policies.items():
            base = after if player is ASK else player
            players[power] = Scripted(base, branch.turn, choices)  # type: ignore[arg-type]
        batch = branch.batch(runs)
        for turn in range(branch.turn, len(scenario.months)):
            session.engine.run_month(batch, players, month_rng(session.seed, ADVISOR_STREAM, turn))
        counts = np.bincount(batch.ending, minlength=len(scenario.endings))
        advice[option.id] = {ending.id: float(counts[i] / runs) for i, ending in enumerate(scenario.endings)}
    return advice
