"""The colours of the powers on a map, with no pygame: the window's theme and the pages both use it.

A power's colour is the scenario's (``colour`` of its ``[[powers]]`` table) unless the
caller's palette must win (a high-contrast or colour-blind theme), which then gives
colours by the powers' order in the scenario. The map's held land is plain land with a
share of the colour of the power ``[presentation.map] ahead_of_front`` names; the
occupied band takes the colour of ``behind_front``. No power is named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.model import Scenario

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class MapColours:
    """The map's colours that belong to powers: the land ahead of the front and the occupied band."""

    held_land: Colour
    occupied: Colour


def rgb_of(text: str) -> Colour | None:
    """``#rrggbb`` as a tuple; None for anything else."""
    if len(text) != 7 or not text.startswith("#"):
        return None
    try:
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))
    except ValueError:
        return None


def hex_of(rgb: Colour) -> str:
    """A colour as ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(a: Colour, b: Colour, share: float) -> Colour:
    """``a`` with ``share`` of ``b`` blended in."""
    return (round(a[0] + (b[0] - a[0]) * share), round(a[1] + (b[1] - a[1]) * share),
            round(a[2] + (b[2] - a[2]) * share))


def power_colours(scenario: Scenario, order: tuple[Colour, ...], by_order: bool = False) -> dict[str, Colour]:
    """Each power's colour: its own from the scenario, else (or always, ``by_order``) ``order``'s by position."""
    fallback = order or ((128, 128, 128),)
    result = {}
    for index, power in enumerate(scenario.powers):
        own = None if by_order else rgb_of(power.colour)
        result[power.id] = own or fallback[index % len(fallback)]
    return result


def map_colours(scenario: Scenario | None, colours: dict[str, Colour], land: Colour, neutral: Colour,
                tint: float) -> MapColours:
    """The held land and the occupied band in the colours of the powers ``[presentation.map]`` names.

    A side no power is named for keeps the neutral colours (plain ``land``, ``neutral`` for the band)."""
    binding = scenario.presentation.map if scenario is not None else None
    ahead = colours.get(binding.ahead_of_front) if binding is not None else None
    behind = colours.get(binding.behind_front) if binding is not None else None
    return MapColours(mix(land, ahead, tint) if ahead else land, behind or neutral)
