"""The timeline's abandoned branches, kept beside a save so a loaded game still shows them.

The save records the line being played; the lines a player left by rewinding go in a side
file ``<save>.branches`` holding only their choices (its name does not end in ``.json``, so
the load screen does not list it as a save). On load each branch is replayed from the save's
seed: nothing but choices is taken from the file, and a bad file costs only the branches.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.saves import write_atomically
from game.session import Choice, Session
from game.table.table import Branch
from game.untrusted import parse_json, read_bounded

__all__ = ["Branch", "branches_path", "read_branches", "replay_branch", "write_branches"]

MAX_BYTES = 4_000_000  # far above any real year of branches; a bigger file is not read


def branches_path(save: Path) -> Path:
    """The side file of ``save``."""
    return save.with_name(save.name + ".branches")


def write_branches(save: Path, branches: list[Branch]) -> None:
    """Write the branches beside ``save`` (or remove a stale side file when there are none)."""
    path = branches_path(save)
    if not branches:
        path.unlink(missing_ok=True)
        return
    data = {"branches": [{"left_at": b.left_at, "choices": [c.to_json() for c in b.choices]} for b in branches]}
    write_atomically(path, json.dumps(data), make_folder=False)


def replay_branch(session: Session, number: int, left_at: int, choices: list[Choice]) -> Branch:
    """A branch rebuilt by replaying its choices with the seed and players of ``session``."""
    line = Session(session.scenario, seed=session.seed, humans=session.humans, params=session.params,
                   game_id=session.game_id)
    line.replay(choices)
    return Branch(number=number, left_at=left_at, reached=line.month, choices=list(line.history),
                  ending=line.ending.title if line.ending else None, final_state=line.state)


def read_branches(save: Path, session: Session) -> tuple[list[Branch], str]:
    """The branches kept beside ``save``, and a message naming the file if it could not be read."""
    path = branches_path(save)
    if not path.exists():
        return [], ""
    try:
        items = parse_json(read_bounded(path, MAX_BYTES))["branches"]
        if not isinstance(items, list):
            raise ValueError("'branches' is not a list")
        branches = []
        for number, item in enumerate(items, start=1):
            left_at = item["left_at"]
            if not isinstance(left_at, int) or not isinstance(item["choices"], list):
                raise ValueError(f"branch {number}: 'left_at' must be a whole number and 'choices' a list")
            choices = [Choice.from_json(choice) for choice in item["choices"]]
            branches.append(replay_branch(session, number, left_at, choices))
    except (OSError, ValueError, KeyError, TypeError, IndexError, RuntimeError) as error:
        return [], f"{path.name}: the timeline's branches were not read ({str(error)[:120]}); the game loaded"
    return branches, ""
