"""What a class writes beside its game: the group's name and the reasons for its decisions.

Neither is part of the game's state (a replay never reads them) but both travel with the
session into the save (``group`` and ``reasons`` in game.saves), so the debrief, the
class report and its CSV can name the group and show why each decision was taken. A
reason belongs to one decision: it is keyed by the index in ``session.history`` of the
decision's first choice (a standing decision records one choice per policy), which a
replay of the same choices gives again. Everything here is text a pupil typed, so it is
cleaned (game.untrusted.clean_line) when it is set and again when a save is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.untrusted import clean_line

#: the longest group name kept, in characters (it heads a page and a table column)
GROUP_MAX_CHARS = 40
#: the longest reason kept, in characters (about two lines of a worksheet)
REASON_MAX_CHARS = 280


def clean_group(name: object) -> str:
    """A group's name as kept: one line, no control characters, at most GROUP_MAX_CHARS."""
    return clean_line(name, GROUP_MAX_CHARS)


def clean_reason(text: object) -> str:
    """A reason as kept: one line, no control characters, at most REASON_MAX_CHARS."""
    return clean_line(text, REASON_MAX_CHARS)


@dataclass(frozen=True)
class Reason:
    """Why a seat took one decision, in its own words."""

    choice: int  # index in session.history of the decision's first choice
    power: str
    text: str

    def to_json(self) -> dict:
        """A plain dict for saves."""
        return {"choice": self.choice, "power": self.power, "text": self.text}

    @classmethod
    def from_json(cls, data: object) -> Reason:
        """Read a reason from a save; ValueError when a field is missing or of the wrong kind."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a reason must be a table, not {data!r:.60}")
        choice, power, text = data.get("choice"), data.get("power"), data.get("text")
        if not (isinstance(choice, int) and not isinstance(choice, bool) and choice >= 0
                and isinstance(power, str) and isinstance(text, str)):
            raise ValueError(f"a reason needs a choice number, a power and a text: {data!r:.80}")
        return cls(choice, power, clean_reason(text))


@dataclass
class Remarks:
    """The group's name and its reasons; ``session.remarks`` of every session."""

    group: str = ""
    reasons: dict[int, Reason] = field(default_factory=dict)

    def set_group(self, name: object) -> str:
        """Keep the group's name (cleaned; empty text clears it); returns what was kept."""
        self.group = clean_group(name)
        return self.group

    def add(self, choice: int, power: str, text: object) -> Reason | None:
        """Keep the reason for the decision whose first choice is ``choice`` (empty: none)."""
        cleaned = clean_reason(text)
        if not cleaned:
            self.reasons.pop(choice, None)
            return None
        reason = Reason(choice, power, cleaned)
        self.reasons[choice] = reason
        return reason

    def reason_at(self, choice: int) -> str:
        """The reason given for the decision whose first choice is ``choice`` ("" if none)."""
        reason = self.reasons.get(choice)
        return reason.text if reason is not None else ""

    def up_to(self, choices: int) -> Remarks:
        """The remarks on the first ``choices`` choices only (a rewound game keeps these)."""
        return Remarks(self.group, {i: r for i, r in self.reasons.items() if i < choices})

    def to_json(self) -> list[dict]:
        """The reasons, in the order of the decisions, for saves."""
        return [self.reasons[i].to_json() for i in sorted(self.reasons)]
