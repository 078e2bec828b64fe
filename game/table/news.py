"""The words of a "since you last decided" line, made once for the window and the terminal.

A :class:`~game.table.view.NewsItem` says what happened; how it reads as a line of the
lesson's "Meanwhile" list or under a news card (who decided what, whether it was done
as in history, the reason a computer power had) is the same on every screen, so it is
written here and each front end only adds its own markup. pygame-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.model import Scenario
from game.table.view import NewsItem, NewsKind


@dataclass(frozen=True)
class NewsLine:
    """One news item in words: ``date``, then ``lead`` and ``headline`` on one line."""

    date: str
    #: what the headline is about: "Your standing order, as in 1943: ", "Citadel — ", or ""
    lead: str
    headline: str
    #: "Germany chose “Stay on the defensive”, as in 1943." when the headline does not say it
    chose: str
    #: why a computer power decided as it did ("" when none is given)
    reason: str
    framing: str
    chances: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lead and the headline as one plain line (without the date)."""
        return self.lead + self.headline


def news_line(scenario: Scenario, item: NewsItem) -> NewsLine:
    """``item`` in words, with the scenario's phrase for "as in history".

    >>> from game.table.view import NewsItem, NewsKind
    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> line = news_line(scenario, NewsItem(NewsKind.ORDER, 3, "March", "Aid: Keep it"))
    >>> line.text
    'Your standing order, as in 1943: Aid: Keep it'
    """
    as_then = scenario.presentation.as_in_history
    lead, chose = "", ""
    if item.kind is NewsKind.ORDER:
        lead = f"Your standing order, {as_then}: "
    elif item.kind is NewsKind.DECISION:
        lead = f"{item.title} — " if item.title and item.title != item.headline else ""
        name = scenario.power(item.power).name if item.power else ""
        if name and item.headline != f"{name}: {item.option}":
            chose = f"{name} chose “{item.option}”" + (f", {as_then}." if item.as_in_history else ".")
    return NewsLine(item.date, lead, item.headline, chose, getattr(item, "reason", "") or "", item.framing,
                    tuple(item.chances))
