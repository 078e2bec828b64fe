"""The window's default key bindings, kept apart from the window so the printouts can list
them without importing it (the student packet prints the keys; the window reads them as
the defaults a player may rebind)."""

from __future__ import annotations

#: Actions the player can rebind, with their default keys (pygame key names).
DEFAULT_KEYS: dict[str, str] = {
    "timeline": "t",
    "glossary": "g",
    "advisor": "a",
    "save": "f5",
    "fullscreen": "f11",
    "why": "w",
    "map_key": "k",
    "page_card": "f2",
    "page_map": "f3",
    "page_state": "f4",
    "teacher": "f9",
}
