"""What the map may say when hovered, built from what one seat knows.

The map never reads the game's raw state: a front end hands it a :class:`MapFacts`, made
here either from an Observer's :class:`game.table.view.SeatView` (:func:`facts_from_view`)
or from the window's play through the information rules of game/table/knowledge.py
(:func:`facts_from_play`). The front's variable is the scenario's ``[presentation]
front_variable``; nothing here names a power, a variable or a year.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.model import Scenario
from game.table.calendar import month_name
from game.table.knowledge import Knowledge
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


def seat_front(play, fallback: float) -> float:
    """Where the team at the screen knows the front to be (``fallback`` when it is hidden from it)."""
    value = play.visible().get(front_variable(play.scenario))
    return fallback if value is None else float(value)


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


def facts_from_play(play, turns_back: int = 1) -> MapFacts:
    """The map's facts for the team at the window's screen (``play.viewer``), through the information
    rules: the front as that team sees it, the cards it knows fired this month and the last
    (``turns_back``), and the known causes that moved the front in those months."""
    scenario, session = play.scenario, play.session
    var = front_variable(scenario)
    variable = scenario.variables[scenario.column(var)]
    power = play.viewer if play.viewer is not None else play.last_viewer
    knowledge = Knowledge.of(session)
    value = knowledge.visible_state(power).get(var)
    change = play.since(var) if value is not None else None
    turns = set(range(session.turn - turns_back, session.turn + 1))
    moved: dict[tuple[int, str], tuple[str, float]] = {}  # (turn, source): (label, amount)
    for cause in session.log.causes:
        if cause.turn in turns and cause.var == var and knowledge.knows_cause(power, cause):
            label, amount = moved.get((cause.turn, cause.source), (cause.label, 0.0))
            moved[(cause.turn, cause.source)] = (label, amount + cause.amount)
    news = []
    for turn, event_id in session.log.fired:
        event = scenario.event(event_id)
        if turn not in turns or not knowledge.knows_fired(power, turn, event):
            continue
        if event.is_decision and knowledge.choice(turn, event) is None:
            continue  # being decided now: the card, not news
        _, amount = moved.pop((turn, event.id), ("", 0.0))
        news.append(MapNews(short_month(str(scenario.months[turn])), event.title, event.text, amount))
    for (turn, _), (label, amount) in moved.items():  # standing orders and the month's rules
        if amount:
            news.append(MapNews(short_month(str(scenario.months[turn])), label, "", amount))
    return MapFacts(variable.label, value, variable.min, variable.max, change, play.since_label(), tuple(news))
