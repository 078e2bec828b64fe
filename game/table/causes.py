"""The one summary of a variable's causes: month by month, biggest causes first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from game.engine.causes import Cause
from game.scenario.model import Month
from game.table.calendar import month_name

#: the label of the causes a seat may not read, summed so that the month's total still adds up
UNKNOWN_CAUSES = "causes you did not learn of"


@dataclass(frozen=True)
class CauseLine:
    """One cause of a change in a month (equal labels merged)."""

    label: str
    amount: float


@dataclass(frozen=True)
class CauseMonth:
    """What moved one variable in one month."""

    turn: int
    month: str  # "April 1943"
    total: float
    lines: list[CauseLine] = field(default_factory=list)


def summarise_causes(causes: Iterable[Cause], months: Sequence[Month],
                     known: Callable[[Cause], bool] = lambda cause: True, limit: int = 6) -> list[CauseMonth]:
    """Causes grouped by month, each month's biggest first (at most ``limit`` lines).

    Causes for which ``known`` is false are summed into one line, :data:`UNKNOWN_CAUSES`.
    """
    by_turn: dict[int, dict[str, float]] = {}
    for cause in causes:
        label = cause.label if known(cause) else UNKNOWN_CAUSES
        merged = by_turn.setdefault(cause.turn, {})
        merged[label] = merged.get(label, 0.0) + cause.amount
    result = []
    for turn in sorted(by_turn):
        merged = by_turn[turn]
        ranked = sorted(merged.items(), key=lambda item: -abs(item[1]))[:limit]
        result.append(CauseMonth(turn, month_name(str(months[turn])), sum(merged.values()),
                                 [CauseLine(label, amount) for label, amount in ranked]))
    return result
