"""Take screenshots of every screen into docs/screenshots/ (for the README and review).

Run it under a real X server to see exactly what a player sees:

    Xvfb :99 -screen 0 1920x1080x24 &  DISPLAY=:99 python tools/screenshots.py

Without a display it falls back to SDL's dummy driver (same pixels, no window manager).
Saves and settings go to a temporary folder, never the player's. The classroom pictures
(new game, hand-over, the West's view, the lesson clock, the teacher) come from a game of
three teams in lesson mode with a two-minute clock, its time frozen for the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def advance_to(pilot, kind: str, after_turn: int = 0, limit: int = 200) -> None:
    """Answer cards historically by keyboard until a card of ``kind`` shows (from a given month)."""
    main = pilot.screen
    for _ in range(limit):
        card = main.deck.card
        if card.kind == kind and main.table.session.turn >= after_turn or card.kind == "end":
            return
        pilot.answer_historically(main)
    raise RuntimeError(f"no {kind} card came up")


class FrozenClock:
    """A clock for the turn timer that moves only when told (so the pictures show set times)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def pass_keyboard(pilot) -> None:
    """Press Enter on hand-over screens until a team's card shows."""
    from game.ui.screens.classroom import HandOverScreen

    while isinstance(pilot.screen, HandOverScreen):
        pilot.press("return")


def advance_class_game(pilot, until) -> None:
    """Answer a class game historically (hand-overs included) until ``until(top)`` holds."""
    from game.ui.screens.classroom import HandOverScreen

    for _ in range(400):
        top = pilot.screen
        if until(top):
            return
        if isinstance(top, HandOverScreen):
            pilot.press("return")
            continue
        if top.deck.card.kind == "end":
            return
        pilot.answer_historically(top)
    raise RuntimeError("the class game never reached the wanted screen")


def classroom_shots() -> None:
    """Three teams at one keyboard in lesson mode with a two-minute clock."""
    from game.ui.pilot import Pilot
    from game.ui.screens.classroom import HandOverScreen
    from game.ui.screens.main import MainScreen

    pilot = Pilot.start(size=(1280, 720), seed=1943)
    pilot.press("return")
    screen = pilot.screen
    screen.humans = ["ussr", "germany", "west"]
    screen.lesson = True
    screen.timer = 120.0
    screen.seed = "1943"
    screen.focus.current = "new:start"
    screen.rebuild()
    pilot.frames(2)
    pilot.screenshot(OUT / "new-game-class.png")
    pilot.press("return")
    clock = FrozenClock()
    advance_class_game(pilot, lambda top: isinstance(top, HandOverScreen) and top.power == "west")
    pilot.screenshot(OUT / "handover.png")
    pilot.press("return")
    main = pilot.screen
    main.timer.clock = clock
    main.timer.start()
    clock.now += 38
    settle(pilot)
    pilot.screenshot(OUT / "west-view-hidden.png")
    row = next(e for e in main.elements if getattr(e, "text", "") == "Berlin channel")
    pilot.hover(row, 1.2)
    pilot.screenshot(OUT / "west-hidden-tooltip.png")
    pilot.hover((4, pilot.app.size[1] - 4), 0.2)

    def soviet_event(top) -> bool:
        return isinstance(top, MainScreen) and top.deck.card.kind == "event" and top.deck.viewer == "ussr"

    advance_class_game(pilot, lambda top: isinstance(top, MainScreen) and top.deck.card.kind == "meanwhile")
    settle(pilot)
    pilot.screenshot(OUT / "lesson-meanwhile.png")
    advance_class_game(pilot, soviet_event)
    main = pilot.screen
    main.timer.clock = clock
    main.timer.start()
    clock.now += 71
    settle(pilot)
    pilot.screenshot(OUT / "lesson-timer.png")
    clock.now += 60
    settle(pilot, 1.2)
    pilot.screenshot(OUT / "lesson-time-up.png")
    pilot.app.toast_until = 0.0
    pilot.press("f9")
    pilot.screenshot(OUT / "teacher-overlay.png")
    pilot.click(pilot.button("Show the whole state"))
    pilot.screenshot(OUT / "teacher-whole-state.png")


def settle(pilot, seconds: float = 1.6) -> None:
    """Let the front and the triangle finish gliding."""
    pilot.frames(int(seconds * 60))


def tour_shots() -> None:
    """The guided first month at 1280×720: its first stop, the map, and the advisor on the first event card."""
    from game.ui.pilot import Pilot

    pilot = Pilot.start(size=(1280, 720), seed=1943, tour=True)
    pilot.new_game()
    main = pilot.screen
    names = {"card": "tour-card.png", "map": "tour-map.png", "advisor": "tour-advisor.png"}
    for _ in range(80):
        overlay = main.tour
        if overlay is None or overlay.tour.done:
            return
        if overlay.active:
            name = names.get(overlay.tour.stop.region)
            if name:
                pilot.screenshot(OUT / name)
            pilot.press("return")
        else:
            pilot.answer_historically(main)


def advisor_sheet_shot() -> None:
    """1280×720 at 200% with large text: the advisor takes the card, the options become numbers."""
    from game.ui.pilot import Pilot
    from game.ui.settings import Settings

    sheet = Pilot.start(size=(1280, 720), settings=Settings(ui_scale=2.0, text_size="large"), seed=1943)
    sheet.new_game()
    advance_to(sheet, "event")
    sheet.press("a")
    sheet.screen.wait_for_advisor()
    settle(sheet)
    sheet.screenshot(OUT / "scale-200-large-advisor.png")


def main() -> int:
    warnings.filterwarnings("ignore")
    os.environ["SEPARATE_PEACE_HOME"] = tempfile.mkdtemp(prefix="sp-shots-")
    sys.path.insert(0, str(ROOT))
    from game.ui.pilot import Pilot
    from game.ui.settings import Settings

    OUT.mkdir(parents=True, exist_ok=True)
    pilot = Pilot.start(size=(1280, 720), seed=1943)
    pilot.screenshot(OUT / "title.png")
    pilot.new_game(read_briefing=False)
    settle(pilot)
    pilot.screenshot(OUT / "main-briefing.png")
    pilot.press("h")
    pilot.screenshot(OUT / "how-to-play.png")
    pilot.press("escape")
    pilot.press("return")
    settle(pilot)
    pilot.screenshot(OUT / "main-standing-orders.png")
    pilot.press("c")
    settle(pilot)
    pilot.screenshot(OUT / "main-result-orders.png")
    advance_to(pilot, "event", after_turn=5)
    settle(pilot)
    pilot.screenshot(OUT / "main-event-card.png")
    pilot.press("a")
    pilot.screen.wait_for_advisor()
    pilot.frames(2)
    pilot.screenshot(OUT / "main-advisor.png")
    pilot.press("a")
    pilot.answer_historically(pilot.screen)
    settle(pilot)
    pilot.screenshot(OUT / "main-result-card.png")
    advance_to(pilot, "news", after_turn=8)
    settle(pilot)
    pilot.screenshot(OUT / "main-news-card.png")
    row = next(e for e in pilot.screen.elements if getattr(e, "text", "") == "Western alarm")
    pilot.hover(row, 1.2)
    pilot.screenshot(OUT / "main-tooltip.png")
    pilot.hover((4, pilot.app.size[1] - 4), 0.2)  # move the mouse away so the tooltip closes
    pilot.press("t")
    pilot.screen.focus.focus("rewind:6")
    pilot.press("return")
    pilot.press("return")
    advance_to(pilot, "event", after_turn=7)
    pilot.press("t")
    pilot.screenshot(OUT / "timeline-with-branch.png")
    pilot.press("escape")
    pilot.app.toast_until = 0.0  # no stray message over the glossary
    pilot.press("g")
    pilot.screenshot(OUT / "glossary.png")
    for _ in range(8):
        pilot.press("pagedown")
    pilot.screenshot(OUT / "glossary-scrolled.png")
    pilot.press("escape")
    advance_to(pilot, "end")
    settle(pilot)
    pilot.screenshot(OUT / "main-ending.png")
    pilot.press("return")
    pilot.screenshot(OUT / "debrief.png")
    pilot.press("escape")
    pilot.click(pilot.button("Settings"))
    pilot.screenshot(OUT / "settings.png")

    big = Pilot.start(size=(1280, 720), settings=Settings(ui_scale=2.0), seed=1943)
    big.new_game()
    big.screenshot(OUT / "scale-200-card.png")
    big.press("f3")
    settle(big)
    big.screenshot(OUT / "scale-200-map.png")

    wide = Pilot.start(size=(1920, 1080), seed=1943)
    wide.new_game()
    advance_to(wide, "result", after_turn=2)
    settle(wide)
    wide.screenshot(OUT / "main-1080p.png")
    large = Pilot.start(size=(1280, 720), settings=Settings(ui_scale=1.5, text_size="large"), seed=1943)
    large.new_game()
    large.screenshot(OUT / "scale-150-large-orders.png")
    advisor_sheet_shot()

    contrast = Pilot.start(size=(1920, 1080), settings=Settings(high_contrast=True, text_size="large"), seed=1943)
    contrast.new_game()
    advance_to(contrast, "event", after_turn=3)
    settle(contrast)
    contrast.screenshot(OUT / "high-contrast-1080p.png")
    tour_shots()
    classroom_shots()
    print("\n".join(sorted(str(p.relative_to(ROOT)) for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
