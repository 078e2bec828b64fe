"""A pilot for tests and screenshots: drive the window frame by frame, headless.

It posts real pygame events (key presses, mouse clicks) into the queue and runs one frame
of the app per step, exactly as the loop would, so tests exercise the same code paths as
a player; it can save a screenshot at any point.

>>> pilot = Pilot.start(size=(1280, 720))            # doctest: +SKIP
>>> pilot.press("return"); pilot.screenshot("title.png")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.paths import DEFAULT_SCENARIO
from game.scenario import load_scenario
from game.table.view import EventAsk, StandingAsk
from game.ui.app import App, Options
from game.ui.deck import CardKind
from game.ui.launch import start
from game.ui.screens.classroom import HandOverScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.newgame import NewGameScreen
from game.ui.settings import Settings

FRAME = 1 / 60


class Pilot:
    """Feeds events to an :class:`App` and steps it."""

    def __init__(self, app: App) -> None:
        self.app = app

    @classmethod
    def start(cls, size: tuple[int, int] = (1280, 720), settings: Settings | None = None, seed: int | None = 7,
              scenario=None, tour: bool = False) -> Pilot:
        """A new app on the title screen (uses the dummy video driver unless one is set).

        The guided tour of a new game is off unless ``tour``: tests that are not about it
        drive the game's own keys, which the tour would take while it speaks.
        """
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        scenario = scenario or load_scenario(str(DEFAULT_SCENARIO))
        settings = settings or Settings()
        settings.width, settings.height = size
        settings.guided_tour = tour
        app = App(scenario, Options(seed=seed, scenario=str(scenario.path)), settings=settings)
        start(app)
        pilot = cls(app)
        pilot.frames(2)
        return pilot

    def frames(self, count: int = 1) -> None:
        """Run ``count`` frames, taking whatever events are queued."""
        for _ in range(count):
            self.app.frame(pygame.event.get(), FRAME)

    def hover(self, target, seconds: float = 1.0) -> None:
        """Rest the mouse over a position or element (shows its tooltip)."""
        pos = target if isinstance(target, tuple) else pygame.Rect(target.get_abs_rect()).center
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.frames(int(seconds / FRAME))

    def press(self, key: str | int, mod: int = 0, frames: int = 2) -> None:
        """Press and release a key (a pygame key name like ``"tab"`` or a key code)."""
        code = pygame.key.key_code(key) if isinstance(key, str) else key
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode="", scancode=0))
        self.frames(frames)

    def click(self, target, frames: int = 3) -> None:
        """Click at a position, or at the centre of a pygame_gui element."""
        pos = target if isinstance(target, tuple) else pygame.Rect(target.get_abs_rect()).center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.frames(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames(frames)

    def button(self, text_start: str):
        """The first button on screen whose text starts with ``text_start``."""
        for element in self.app.top.elements:
            if type(element).__name__ == "UIButton" and element.text.startswith(text_start):
                return element
        raise LookupError(f"no button starting {text_start!r} on {type(self.app.top).__name__}")

    @property
    def screen(self):
        return self.app.top

    def screenshot(self, path: str | Path) -> Path:
        """Draw a frame and save it as PNG."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.app.screenshot(path)
        return path

    def new_game(self, read_briefing: bool = True, **choices) -> None:
        """From the title: open the new-game screen, set ``choices`` (human="ussr,west",
        lesson=True, timer=120, seed=5) on it, and start with Enter; then read the
        first-turn briefing (Enter) unless ``read_briefing`` is False or a hand-over comes first."""
        self.press("return")  # New game has the focus on the title
        screen = self.app.top
        if not isinstance(screen, NewGameScreen):
            raise RuntimeError(f"expected the new-game screen, not {type(screen).__name__}")
        if "human" in choices:
            wanted = [p.strip() for p in choices["human"].split(",")]
            screen.humans = [p.id for p in self.app.scenario.powers if p.id in wanted]
        if "lesson" in choices:
            screen.lesson = bool(choices["lesson"])
        if "timer" in choices:
            screen.timer = choices["timer"]
        if "seed" in choices:
            screen.seed = "" if choices["seed"] is None else str(choices["seed"])
        screen.rebuild()
        screen.focus.focus("new:start")
        self.press("return")
        deck = getattr(self.app.top, "deck", None)
        if read_briefing and deck is not None and deck.card.kind == CardKind.BRIEFING:
            self.press("return")

    def answer_historically(self, main) -> None:
        """Answer the card on ``main`` (a main screen) by keyboard as it was done in 1943."""
        card = main.deck.card
        if isinstance(card.ask, EventAsk) and card.kind == CardKind.EVENT:
            options = main.deck.available_options()
            historical = next((o.index for o in card.ask.options if o.historical), options[0])
            wanted = historical if historical in options else options[0]
            self.press(str(options.index(wanted) + 1))
        elif isinstance(card.ask, StandingAsk) and card.kind == CardKind.STANDING:
            main.drafts.set([next((o.index for o in p.options if o.historical), p.current) for p in card.ask.policies],
                            card.ask)
            self.press("c")
        else:
            self.press("return")

    def play_to_end_by_keyboard(self, max_steps: int = 2000, on_card=None) -> None:
        """Play the whole game with keys only: Enter on news, hand-overs and orders, 1 on every event.

        ``on_card(screen)`` is called before each key on the main screen or a hand-over.
        """
        for _ in range(max_steps):
            top = self.app.top
            if on_card is not None:
                on_card(top)
            if isinstance(top, HandOverScreen):
                self.press("return")
                continue
            if not isinstance(top, MainScreen):
                return
            kind = top.deck.card.kind
            if kind == "end":
                self.press("return")
                return
            if kind == "event":
                self.press("1")
            elif kind == "standing":
                self.press("c")
            else:
                self.press("return")
        raise RuntimeError("the game did not end")
