"""Colours, fonts and pygame_gui themes.

Look and feel live in the theme files under ``assets/themes``; this module only picks the
file the settings ask for, scales its font sizes for the UI scale, and registers the
bundled font. The colours drawn by hand (map, triangle, charts) come from the palettes
below, which follow Okabe and Ito's colour-blind-safe set; every colour used to carry
meaning is paired with a shape, a line style or a label.

A power's colour is the scenario's (``colour`` of its ``[[powers]]`` table) in the normal
theme; the high-contrast and colour-blind themes give colours by the powers' order in the
scenario instead, so that no theme names a power (:func:`power_colours`).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.paths import ASSETS
from game.scenario.model import Scenario
from game.ui.mapcolours import Colour, MapColours, hex_of
from game.ui.mapcolours import map_colours as colours_of_sides
from game.ui.mapcolours import power_colours as colour_by_power
from game.ui.settings import Settings

THEMES = ASSETS / "themes"
FONTS = ASSETS / "fonts"
FONT_NAME = "dejavu"
FALLBACK_FONT = "noto_sans"

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": (0, 0, 0),
    "orange": (230, 159, 0),
    "sky": (86, 180, 233),
    "green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "purple": (204, 121, 167),
}


@dataclass(frozen=True)
class Palette:
    """Colours drawn outside pygame_gui: the map, the triangle, charts and the focus ring."""

    background: tuple[int, int, int]
    panel: tuple[int, int, int]
    text: tuple[int, int, int]
    muted: tuple[int, int, int]
    focus: tuple[int, int, int]
    trust: tuple[int, int, int]
    alarm: tuple[int, int, int]
    channel: tuple[int, int, int]
    sea: tuple[int, int, int]
    land: tuple[int, int, int]
    border: tuple[int, int, int]
    map_text: tuple[int, int, int]
    front: tuple[int, int, int]
    #: colours for the powers by their order in the scenario: where a power gives none, or always
    #: when ``powers_by_order`` (a theme that must keep its contrast or its colour-blind safety)
    power_order: tuple[Colour, ...] = ()
    powers_by_order: bool = False
    #: how much of its holder's colour tints the land ahead of the front (0: plain land)
    held_tint: float = 0.2


def power_colours(palette: Palette, scenario: Scenario) -> dict[str, Colour]:
    """Each power's colour in this theme: the scenario's, or the theme's by order where it overrides."""
    return colour_by_power(scenario, palette.power_order or (palette.focus,), palette.powers_by_order)


def map_colours(palette: Palette, scenario: Scenario | None) -> MapColours:
    """The map's held land and occupied band in this theme, in the colours of the sides' powers."""
    colours = power_colours(palette, scenario) if scenario is not None else {}
    return colours_of_sides(scenario, colours, palette.land, palette.front, palette.held_tint)


def palette_for(settings: Settings) -> Palette:
    """The palette the settings ask for (Okabe–Ito by default; high contrast on request)."""
    o = OKABE_ITO
    if settings.high_contrast:
        return Palette(
            background=(0, 0, 0), panel=(0, 0, 0), text=(255, 255, 255), muted=(220, 220, 220),
            focus=(255, 255, 0),
            trust=o["sky"], alarm=o["yellow"], channel=o["orange"],
            sea=(0, 0, 0), land=(60, 60, 60),
            border=(200, 200, 200), map_text=(255, 255, 255), front=(255, 255, 255),
            power_order=(o["sky"], o["orange"], (255, 255, 255), o["yellow"], o["green"], o["purple"]),
            powers_by_order=True, held_tint=0.35,
        )
    if settings.colour_blind_safe:
        return Palette(
            background=(24, 28, 33), panel=(34, 39, 46), text=(236, 233, 226), muted=(168, 172, 178),
            focus=o["yellow"],
            trust=o["sky"], alarm=o["orange"], channel=o["purple"],
            sea=(176, 196, 209), land=(233, 226, 208),
            border=(128, 120, 104), map_text=(28, 28, 28), front=(20, 20, 20),
            power_order=(o["green"], o["vermillion"], o["blue"], o["purple"], o["sky"], o["orange"]),
            powers_by_order=True, held_tint=0.2,
        )
    return Palette(
        background=(28, 26, 24), panel=(40, 36, 33), text=(238, 230, 214), muted=(176, 166, 150),
        focus=(255, 214, 0),
        trust=(40, 120, 200), alarm=(220, 120, 0), channel=(150, 60, 140),
        sea=(170, 190, 200), land=(236, 228, 206),
        border=(120, 110, 96), map_text=(25, 25, 25), front=(150, 20, 20),
        power_order=(o["vermillion"], o["blue"], o["green"], o["purple"], o["orange"], o["sky"]),
        held_tint=0.18,
    )


def theme_file(settings: Settings) -> Path:
    """The theme file for the settings: high contrast wins, then text size."""
    if settings.high_contrast:
        return THEMES / "high_contrast.json"
    return THEMES / ("large.json" if settings.text_size == "large" else "normal.json")


def font_available() -> bool:
    """True when the bundled TTF is present (otherwise pygame_gui's own font is used)."""
    return (FONTS / "DejaVuSans.ttf").exists()


def scaled_theme(settings: Settings) -> dict:
    """The theme dict with every font size multiplied for the UI scale.

    pygame_gui has no global scale, so the sizes in the file are for 100% and are
    multiplied here; layouts multiply their geometry by the same factor.
    """
    theme = json.loads(theme_file(settings).read_text(encoding="utf-8"))
    factor = settings.ui_scale
    if settings.high_contrast and settings.text_size == "large":
        factor *= 1.25
    has_font = font_available()
    result = copy.deepcopy(theme)
    for block in result.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict):
            font["size"] = str(max(8, round(float(font.get("size", 14)) * factor)))
            if not has_font and font.get("name") == FONT_NAME:
                font["name"] = FALLBACK_FONT
    return result


def preload_styled_fonts(manager, theme: dict) -> None:
    """Load the bold and italic faces of every font size in ``theme`` up front.

    Text boxes write <b> and <i> at their own size; pygame_gui loads such a face the first time
    it meets it and warns on the terminal that it was not preloaded. Faces the theme itself
    already loaded are left alone (preloading them again warns too).
    """
    fonts = manager.get_theme().get_font_dictionary()
    faces = {(font["name"], int(font["size"])) for block in theme.values() if isinstance(block, dict)
             and isinstance(font := block.get("font"), dict) and "name" in font and "size" in font}
    wanted = [{"name": name, "point_size": size, "style": style, "antialiased": "1"}
              for name, size in sorted(faces) for style in ("bold", "italic")
              if not fonts.check_font_preloaded(fonts.create_font_id(size, name, style == "bold",
                                                                     style == "italic", True))]
    if wanted:
        manager.preload_fonts(wanted)


def register_fonts(manager) -> None:
    """Make the bundled font known to pygame_gui under :data:`FONT_NAME`."""
    if font_available():
        manager.add_font_paths(FONT_NAME, str(FONTS / "DejaVuSans.ttf"), str(FONTS / "DejaVuSans-Bold.ttf"),
                               str(FONTS / "DejaVuSans.ttf"), str(FONTS / "DejaVuSans-Bold.ttf"))


_FONT_CACHE: dict[tuple[int, bool], pygame.font.Font] = {}


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """A font for text drawn by hand (map labels, triangle), cached by size."""
    key = (max(6, int(size)), bold)
    if key not in _FONT_CACHE:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        path = FONTS / name
        _FONT_CACHE[key] = pygame.font.Font(str(path) if path.exists() else None, key[0])
    return _FONT_CACHE[key]


def hex_colour(rgb: tuple[int, int, int]) -> str:
    """``#rrggbb`` for HTML in text boxes."""
    return hex_of(rgb)
