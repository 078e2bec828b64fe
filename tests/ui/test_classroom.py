"""The window in the classroom: the new-game screen, teams at one keyboard (hot-seat),
lesson mode with the turn clock and the teacher's overlay, and the debrief as a PDF."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.classroom.lesson import LESSON_DECISIONS, historical_answer
from game.ui.app import App, Options
from game.ui.pilot import Pilot
from game.ui.play import EVERYONE
from game.ui.screens.classroom import HandOverScreen, TeacherScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.newgame import NewGameScreen
from game.ui.settings import Settings

THREE = ("ussr", "germany", "west")


class FakeClock:
    """A turn-timer clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def shown_value(main: MainScreen, var: str) -> str:
    """What the state panel shows for a variable: its number, or "?"."""
    return "?" if main.visible.get(var) is None else f"{main.visible[var]:.0f}"


def test_the_new_game_screen_chooses_teams_lesson_timer_and_seed(pilot):
    pilot.press("return")
    screen = pilot.screen
    assert isinstance(screen, NewGameScreen)
    assert screen.humans == ["ussr"] and not screen.lesson and screen.timer is None
    for key in ("new:power:germany", "new:power:west", "new:lesson"):
        screen.focus.focus(key)
        pilot.press("right")
    screen.focus.focus("new:timer")
    pilot.press("right")
    pilot.press("right")  # off → 1 minute → 2 minutes
    screen.focus.focus("new:seed")
    pilot.press("backspace")
    for digit in "42":
        pilot.press(digit)
    assert screen.humans == list(THREE) and screen.lesson and screen.timer == 120 and screen.seed == "42"
    screen.focus.focus("new:start")
    pilot.press("return")
    # three teams: the first thing shown is the hand-over to the Soviet team
    assert isinstance(pilot.screen, HandOverScreen) and pilot.screen.power == "ussr"
    main = pilot.app.screens[-2]
    assert main.play.session.humans == THREE and main.play.session.seed == 42
    assert main.play.lesson is not None and main.play.timer_seconds == 120
    assert main.elements == []  # nothing of the game is built behind the hand-over


def test_the_last_team_cannot_be_removed(pilot):
    pilot.press("return")
    screen = pilot.screen
    screen.focus.focus("new:power:ussr")
    pilot.press("right")
    assert screen.humans == ["ussr"]


def test_play_with_class_options_opens_the_new_game_screen_filled_in(scenario):
    from game.ui.launch import start

    pilot = Pilot.start(scenario=scenario)  # the display, fonts and settings of a test window
    app = App(scenario, Options(seed=5, scenario=str(scenario.path), human="west,ussr", lesson=True, timer=90,
                                setup=True), settings=Settings())
    start(app)
    pilot = Pilot(app)
    pilot.frames(2)
    screen = pilot.screen
    assert isinstance(screen, NewGameScreen)
    assert screen.humans == ["ussr", "west"] and screen.lesson and screen.timer == 90
    assert 90 in screen.timers  # a command-line timer joins the offered lengths


def test_the_play_command_line_reaches_the_window_options(scenario):
    from game.__main__ import UsageError, build_parser
    from game.ui.launch import options_from_args

    args = build_parser().parse_args(["play", "--human", "ussr,germany,west", "--lesson", "--timer", "120"])
    options = options_from_args(args, scenario)
    assert options.human == "ussr,germany,west" and options.lesson and options.timer == 120 and options.setup
    plain = options_from_args(build_parser().parse_args(["play"]), scenario)
    assert not plain.setup and not plain.lesson and plain.timer is None
    with pytest.raises(UsageError, match="unknown power"):
        options_from_args(build_parser().parse_args(["play", "--human", "ussr,italy"]), scenario)
    with pytest.raises(UsageError, match="--timer"):
        options_from_args(build_parser().parse_args(["play", "--timer", "0"]), scenario)


def test_three_teams_play_a_hot_seat_game_to_the_end(pilot):
    pilot.new_game(human="ussr,germany,west")
    handovers: list[str] = []
    west_early: list[tuple[str, bool, str]] = []
    soviet_sees: list[str] = []
    leaks: list[str] = []

    def look(top) -> None:
        if isinstance(top, HandOverScreen):
            if not handovers or handovers[-1] != f"{id(top)}":
                handovers.append(f"{id(top)}")
            main = top.main
            assert main.elements == [] and top.power in (*THREE, EVERYONE)
            return
        if not isinstance(top, MainScreen) or top.play.viewer is None:
            return
        card = top.play.card
        if card.kind == "news" and card.decided_by:
            # another team's decision is never news; the computer's and history's are
            if any(card.decided_by.startswith(f"{top.play.scenario.power(p).name} chose") for p in THREE):
                leaks.append(card.decided_by)
        state = top.play.session.state
        if top.play.viewer == "west" and state["exposure"] < 40:
            orders = top.orders_box.html_text if top.orders_box is not None else ""
            west_early.append((shown_value(top, "berlin_channel"), "berlin_channel" in top.triangle.hidden,
                               orders))
        if top.play.viewer == "ussr":
            soviet_sees.append(shown_value(top, "berlin_channel"))

    pilot.play_to_end_by_keyboard(on_card=look)
    assert isinstance(pilot.screen, DebriefScreen) and pilot.screen.play.session.over
    assert len(handovers) > 30  # every change of team, the start and the end
    assert west_early and all(value == "?" and hidden for value, hidden, _ in west_early)
    assert all("The Berlin channel:" not in orders and "Soviet team's orders, not known to you" in orders
               for _, _, orders in west_early)
    assert soviet_sees and "?" not in soviet_sees
    assert leaks == []


def test_a_held_key_does_not_pass_the_hand_over(pilot):
    pilot.new_game(human="ussr,germany")
    pilot.press("return")  # the Soviet team takes the keyboard
    main = pilot.screen
    assert main.play.card.kind == "briefing"
    pilot.press("return")  # the Soviet team has read its briefing
    pilot.press("c")  # its orders are confirmed; their result shows to the Soviet team alone
    assert pilot.screen is main and main.play.card.kind == "result" and main.play.viewer == "ussr"
    enter = pygame.key.key_code("return")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=enter, mod=0, unicode="", scancode=0))
    pilot.frames(2)  # the result is read with Enter, which is still held down
    assert isinstance(pilot.screen, HandOverScreen) and pilot.screen.power == "germany"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=enter, mod=0, unicode="", scancode=0))
    pilot.frames(2)  # a key repeat
    assert isinstance(pilot.screen, HandOverScreen)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=enter, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=enter, mod=0, unicode="", scancode=0))
    pilot.frames(2)
    assert pilot.screen is main and main.play.viewer == "germany"


def test_a_click_away_from_the_buttons_passes_the_hand_over(pilot):
    pilot.new_game(human="ussr,west")
    assert isinstance(pilot.screen, HandOverScreen)
    pilot.click((5, 5))
    assert isinstance(pilot.screen, MainScreen)


def test_lesson_mode_asks_at_most_15_decisions_and_ends(pilot):
    pilot.new_game(human="ussr,germany,west", lesson=True)
    decisions: set[tuple] = set()
    meanwhile: list[int] = []

    def count(top) -> None:
        if isinstance(top, MainScreen):
            key = top._card_key()
            if key is not None:
                decisions.add(key)
            if top.play.card.kind == "meanwhile":
                meanwhile.append(len(top.play.card.items))
                assert "Meanwhile, as in 1943" in top.card_box.html_text

    pilot.play_to_end_by_keyboard(on_card=count)
    assert isinstance(pilot.screen, DebriefScreen)
    session = pilot.screen.play.session
    assert session.over and 0 < len(decisions) <= LESSON_DECISIONS
    assert meanwhile and sum(meanwhile) > 20  # the year between decisions, as it happened
    assert any(choice.auto for choice in session.history)


def test_the_turn_clock_warns_and_the_teacher_pauses_and_moves_on(pilot):
    pilot.new_game(human="ussr", lesson=True, timer=60)
    main = pilot.screen
    clock = FakeClock()
    main.timer.clock = clock
    main.timer.start()
    assert main.play.card.kind == "standing" and main.clock_rect.width > 0
    assert main.clock_strip() == (f"Decision 1 of at most {LESSON_DECISIONS}", "1:00 left")
    clock.now += 25
    pilot.frames(2)
    assert main.clock_strip()[1] == "0:35 left"
    history = len(main.play.session.history)
    clock.now += 50
    pilot.frames(2)
    assert main.time_up() and main.clock_strip()[0].startswith("TIME IS UP")
    assert "Time is up" in pilot.app.toast_text
    assert len(main.play.session.history) == history  # nothing is chosen for the team
    pilot.press("f9")
    overlay = pilot.screen
    assert isinstance(overlay, TeacherScreen)
    pilot.click(pilot.button("Pause the clock"))
    assert main.timer.paused
    clock.now += 500
    assert main.timer.remaining() == pytest.approx(-15)
    pilot.click(pilot.button("Show the whole state"))
    assert "Berlin channel" in pilot.screen.html and "hidden from the West until" in pilot.screen.html
    pilot.press("escape")
    request = main.play.card.request
    expected = historical_answer(main.play.scenario, main.play.session, request)
    pilot.click(pilot.button("Move on"))
    assert pilot.screen is main
    taken = main.play.session.history[history:history + len(request.policies)]
    assert [p.options.index(next(o for o in p.options if o.id == c.option))
            for p, c in zip(request.policies, taken, strict=True)] == expected


def test_the_teacher_key_is_for_lessons_and_timers(pilot):
    pilot.new_game()
    pilot.press("f9")
    assert isinstance(pilot.screen, MainScreen)
    assert "lesson mode" in pilot.app.toast_text


def test_the_debrief_exports_the_printable_pdf(pilot, home, tmp_path):
    pilot.new_game(human="ussr,west", lesson=True)
    main = pilot.app.screens[-2]
    main.play.session.play_to_end()
    main.play.queue.clear()
    pilot.play_to_end_by_keyboard()
    debrief = pilot.screen
    assert isinstance(debrief, DebriefScreen)
    pilot.press("p")
    debrief.wait_for_pdf()
    written = list((home / "data" / "exports").glob("debrief-seed*.pdf"))
    assert len(written) == 1 and written[0].read_bytes().startswith(b"%PDF")
    assert written[0].name in pilot.app.toast_text
    # the player's own path, through the file dialog
    pilot.click(pilot.button("PDF to"))
    assert debrief.dialog is not None
    chosen = tmp_path / "class" / "our-debrief"
    chosen.parent.mkdir()
    pygame.event.post(pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(chosen),
                                         ui_element=debrief.dialog))
    pilot.frames(3)
    debrief.wait_for_pdf()
    pdf = chosen.with_name("our-debrief.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and "our-debrief.pdf" in pilot.app.toast_text
