"""Branching many runs from one played game: the save's month replayed under chance.

A saved game (or the game on the screen) stands somewhere inside a month: the month
began from a known state, and the player has already answered some of its requests.
A branch starts every run from that month's starting state and replays the month with
the choices already made, so each run meets the rest of the month, and of 1943, with
its own luck. The lab's ``--from-save`` and the advisor both work this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.engine.core import ONGOING, Batch, MonthContext
from game.policies import Policy
from game.scenario.model import Event, Scenario, StandingPolicy
from game.session import Session


@dataclass(frozen=True)
class BranchPoint:
    """Where a played game stood when its current month began, and what was chosen since.

    Plain arrays and strings only: a branch point travels to worker processes and
    cluster nodes with the experiment.
    """

    turn: int
    state: np.ndarray  # (variables,) at the start of month ``turn``
    standing: np.ndarray  # (policies,) option in force
    fired: np.ndarray  # (events,) fired so far
    #: (kind, id, option id) answered this month before the branch, in order
    choices: tuple[tuple[str, str, str], ...]
    #: the state at the end of each month before ``turn``, as the game went
    past: tuple[np.ndarray, ...]

    @classmethod
    def from_session(cls, session: Session) -> BranchPoint:
        """The branch point of a session that is not over."""
        if session.over:
            raise ValueError("the game is over: there is nothing left to branch")
        # between two months (no request asked yet) the current batch is the month's start
        start = session.month_start_batch if session.month_start_batch.turn == session.turn else session.batch
        choices = tuple((c.kind, c.id, c.option) for c in session.history if c.turn == start.turn)
        order = [v.id for v in session.scenario.variables]
        past = tuple(np.array([record.state[name] for name in order]) for record in session.months)
        return cls(turn=start.turn, state=start.state[0].copy(), standing=start.standing[0].copy(),
                   fired=start.fired[0].copy(), choices=choices, past=past[:start.turn])

    def batch(self, runs: int) -> Batch:
        """``runs`` copies of the game at the start of the branch month, column-major like the engine's."""
        return tile_batch(self.state, self.standing, self.fired, self.turn, runs)


def tile_batch(state: np.ndarray, standing: np.ndarray, fired: np.ndarray, turn: int, runs: int) -> Batch:
    """A batch of ``runs`` identical ongoing games (one run's arrays repeated)."""
    tiled_state = np.empty((runs, len(state)), order="F")
    tiled_state[:] = state
    tiled_standing = np.empty((runs, len(standing)), dtype=np.int16, order="F")
    tiled_standing[:] = standing
    tiled_fired = np.empty((runs, len(fired)), dtype=bool, order="F")
    tiled_fired[:] = fired
    return Batch(state=tiled_state, ending=np.full(runs, ONGOING, dtype=np.int16),
                 ending_turn=np.full(runs, ONGOING, dtype=np.int16), standing=tiled_standing,
                 fired=tiled_fired, turn=turn)


class Scripted(Policy):
    """Answers with choices already made in one month, and leaves the rest to ``base``.

    ``choices`` maps ("standing" or "event", id) to an option index. A recorded event
    option that is not open in some run (chance took that run elsewhere) is left to
    ``base`` there, as are requests the player never saw.
    """

    def __init__(self, base: Policy, turn: int, choices: Mapping[tuple[str, str], int]) -> None:
        self.base = base
        self.turn = turn
        self.choices = dict(choices)
        self.name = f"scripted>{base.name}"

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        option = self.choices.get(("standing", policy.id)) if context.turn == self.turn else None
        if option is None:
            return self.base.standing(context, policy, index)
        return np.full(context.state.shape[0], option, dtype=np.int16)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        option = self.choices.get(("event", event.id)) if context.turn == self.turn else None
        if option is None:
            return self.base.decide(context, event, available)
        open_here = available[:, option]
        if open_here.all():
            return np.full(available.shape[0], option, dtype=np.int16)
        chosen = np.asarray(self.base.decide(context, event, available), dtype=np.int16).copy()
        chosen[open_here] = option
        return chosen


def recorded_options(scenario: Scenario, choices: tuple[tuple[str, str, str], ...]) -> dict[tuple[str, str], int]:
    """Turn (kind, id, option id) records into option indices; raise ValueError on a stranger."""
    indices: dict[tuple[str, str], int] = {}
    for kind, ident, option in choices:
        try:
            owner = scenario.policy(ident) if kind == "standing" else scenario.event(ident)
            indices[(kind, ident)] = owner.option_index(option)
        except KeyError:
            raise ValueError(f"the recorded choice {kind} {ident}={option} is not in this scenario") from None
    return indices
