"""What the map may say when hovered, built from what one seat knows.

The map never reads the game's raw state: a front end hands it a :class:`MapFacts`, made
here from an Observer's :class:`game.table.view.SeatView` (:func:`facts_from_view`). The
front's variable is the scenario's ``[presentation] front_variable``; nothing here names a
power, a variable or a year.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.model import Scenario
from game.table.calendar import month_name
from game.table.view import SeatView


@dataclass(frozen=True)
class MapNews:
    """One thing the seat knows happened lately: a card (or order) by title, and what it did to the front."""

    month: str  # "Mar 1943"
    title: str
    text: str = ""
    #: the known change it made to the front variable (0: it did not move the front)
    front_change: float = 0.0


@dataclass(frozen=True)
class MapFacts:
    """The front as the seat knows it, and the news the map can place."""

    label: str  # the front variable's label ("Front line")
    value: float | None  # None: the seat does not know where the front is
    low: float
    high: float
    change: float | None  # since the span below; None when unknown
    span: str  # "since you last decided, in March 1943"
    news: tuple[MapNews, ...] = ()

    def near(self, name: str) -> list[MapNews]:
        """The news that names a place (its card's title or text)."""
        return [item for item in self.news if name in item.title or name in item.text]

    @property
    def front_news(self) -> list[MapNews]:
        """The news that moved the front, largest first."""
        moved = [item for item in self.news if item.front_change]
        return sorted(moved, key=lambda item: -abs(item.front_change))


def front_variable(scenario: Scenario) -> str:
    """The variable the map's front follows: ``[presentation] front_variable``, else the first variable."""
    return scenario.presentation.front_variable or scenario.variables[0].id


def short_month(month: str) -> str:
    """``1943-03`` (or a longer date) as ``Mar 1943``; other text as it is."""
    try:
        return month_name(month, short=True)
    except (ValueError, IndexError):
        return month


def facts_from_view(view: SeatView, scenario: Scenario) -> MapFacts:
    """The map's facts from an Observer's view: its value of the front, its news and known causes."""
    var = front_variable(scenario)
    variable = scenario.variables[scenario.column(var)]
    shown = next((v for v in view.variables if v.id == var), None)
    moved: dict[tuple[int, str], float] = {}
    for cause in view.causes:
        if cause.var == var:
            moved[(cause.turn, cause.label)] = moved.get((cause.turn, cause.label), 0.0) + cause.amount
    news = []
    for item in view.since:
        title = item.title or item.headline
        change = sum(amount for (turn, label), amount in moved.items() if turn == item.turn and label == title)
        news.append(MapNews(short_month(item.date) if item.date[:1].isdigit() else item.date, item.headline,
                            item.text, change))
    told = {(item.turn, item.title or item.headline) for item in view.since}
    for (turn, label), amount in moved.items():
        if (turn, label) not in told and amount:
            news.append(MapNews(short_month(str(scenario.months[turn])), label, "", amount))
    return MapFacts(variable.label, shown.value if shown else None, variable.min, variable.max,
                    shown.change if shown else None, view.change_span, tuple(news))



def good_side(scenario: Scenario, power: str | None, var: str) -> str:
    """Which end of ``var`` is good, told to the seat of ``power`` (``[presentation] good_when_high``)."""
    presentation = scenario.presentation
    mine = presentation.better_high(power, var)
    if mine is not None:
        return "Higher is better for you." if mine else "Lower is better for you."
    for end, better in (("Higher", True), ("Lower", False)):
        others = [p.name for p in scenario.powers if p.id != power and presentation.better_high(p.id, var) is better]
        if others:
            return f"{end} is better for {' and '.join(others)}."
    return "The scenario calls neither end better."
