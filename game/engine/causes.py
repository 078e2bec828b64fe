"""The cause log: every change to a variable in a played game, with what caused it.

Only a played game (one run) keeps a log; batches in the lab skip it entirely, so the
hot path pays nothing for it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class CauseKind(StrEnum):
    """What made a change: a standing policy, an event, an option chosen on it, a monthly
    rule, or a chance branch inside one of those. Equal to its text, and saved as it."""

    POLICY = "policy"
    EVENT = "event"
    OPTION = "option"
    RULE = "rule"
    CHANCE = "chance"


@dataclass(frozen=True)
class Cause:
    """One change to one variable: ``amount`` is what was actually applied after clamping."""

    turn: int
    var: str
    amount: float
    kind: str  # a CauseKind
    source: str  # the id of the policy, event or rule
    label: str  # readable: "Katyn: Deny and break with the London Poles"

    def to_json(self) -> dict:
        """A plain dict for saves and replays."""
        data = asdict(self)
        data["amount"] = round(self.amount, 6)
        data["kind"] = str(self.kind)
        return data


class CauseLog:
    """Collects causes as the engine applies effects to run 0."""

    def __init__(self) -> None:
        self.causes: list[Cause] = []
        self.fired: list[tuple[int, str]] = []  # (turn, event id) in the order events fired
        self.outcomes: list[tuple[int, str, str, bool]] = []  # (turn, source, label, happened)
        self.choices: list[tuple[int, str, str]] = []  # (turn, event id, option id)

    def record(self, turn: int, var: str, amount: float, kind: str, source: str, label: str) -> None:
        """Note a change; zero changes (clamped away or no-ops) are not worth recording."""
        if amount != 0.0:
            self.causes.append(Cause(turn, var, float(amount), kind, source, label))

    def why(self, var: str, turn: int | None = None) -> list[Cause]:
        """The causes of changes to ``var``, optionally in one month only."""
        return [c for c in self.causes if c.var == var and (turn is None or c.turn == turn)]

    def for_turn(self, turn: int) -> list[Cause]:
        """Every cause recorded in one month."""
        return [cause for cause in self.causes if cause.turn == turn]
