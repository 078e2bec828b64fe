"""The change markers beside the numbers: direction, size, unit, and good or bad for the seat.

The arrow gives the direction; the colour says whether the change is good or bad for
the power at the screen, from the scenario's ``[presentation] good_when_high`` and
``good_when_low`` lists (a variable not listed for that power gets a neutral colour rather
than a guess).
A change that rounds to zero is no change and gets no marker. pygame-free.
"""

from __future__ import annotations

from game.scenario.model import Scenario, Variable

GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


def unit_suffix(variable: Variable) -> str:
    """``k`` for thousands; nothing for points."""
    return "k" if variable.unit == "thousand" else ""


def value_text(variable: Variable, value: float) -> str:
    """``338k``, ``42``."""
    return f"{value:,.0f}{unit_suffix(variable)}"


def change_text(variable: Variable, change: float) -> str | None:
    """``▲+4``, ``▼−12k``; None when the change rounds to zero."""
    rounded = round(change)
    if rounded == 0:
        return None
    arrow = "▲" if rounded > 0 else "▼"
    sign = "+" if rounded > 0 else "−"
    return f"{arrow}{sign}{abs(rounded):,}{unit_suffix(variable)}"


def tone(scenario: Scenario, power: str | None, var: str, change: float) -> str:
    """Whether a change of ``var`` is good, bad or neither for ``power``."""
    better_high = scenario.presentation.better_high(power, var)
    if better_high is None or not change:
        return NEUTRAL
    return GOOD if (change > 0) == better_high else BAD


def direction_word(scenario: Scenario, power: str | None, var: str) -> str:
    """``Higher is better for you`` / ``Lower is better for you`` / neither, in itself."""
    better_high = scenario.presentation.better_high(power, var)
    if better_high is True:
        return "Higher is better for you."
    if better_high is False:
        return "Lower is better for you."
    return "Whether higher is better for you depends on the rest (the scenario does not call it good in itself)."
