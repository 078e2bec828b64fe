"""Every screen by name: screens open one another through :meth:`App.open`, never by import.

This is the one module that imports all the screens; no screen imports it or another
screen, so there are no import cycles to hide inside functions.
"""

from __future__ import annotations

from collections.abc import Callable

from game.ui.screens.base import Screen
from game.ui.screens.classroom import HandOverScreen, TeacherScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.menu import ConfirmScreen, PauseMenu
from game.ui.screens.newgame import NewGameScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.text import HowToPlayScreen, TextScreen, glossary_screen, help_html, sources_screen
from game.ui.screens.timeline import TimelineScreen
from game.ui.screens.title import TitleScreen


def keys_screen(app) -> Screen:
    """The page of keys (from the settings' bindings)."""
    return TextScreen(app, "Keys", help_html(app))


#: name -> a function of (app, *arguments) that makes the screen
SCREENS: dict[str, Callable[..., Screen]] = {
    "title": TitleScreen,
    "newgame": NewGameScreen,
    "load": LoadScreen,
    "settings": SettingsScreen,
    "main": MainScreen,
    "menu": PauseMenu,
    "confirm": ConfirmScreen,
    "timeline": TimelineScreen,
    "debrief": DebriefScreen,
    "handover": HandOverScreen,
    "teacher": TeacherScreen,
    "text": TextScreen,
    "how_to_play": HowToPlayScreen,
    "glossary": glossary_screen,
    "sources": sources_screen,
    "keys": keys_screen,
}
