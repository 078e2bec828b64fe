"""The window in the classroom: the new-game screen, teams at one keyboard (hot-seat),
lesson mode with the turn clock and the teacher's overlay, and the debrief as a PDF."""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui
import pytest

from game.table import EVERYONE_LOOKS as EVERYONE
from game.table.lesson import LESSON_DECISIONS, historical_answer
from game.ui.app import App, Options
from game.ui.pilot import Pilot
from game.ui.screens.classroom import HandOverScreen, TeacherScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.newgame import NewGameScreen
from game.ui.settings import Settings
from tests.table.leaks import _phrase, secrets

THREE = ("ussr", "germany", "west")


class FakeClock:
    """A turn-timer clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def shown_value(main: MainScreen, var: str) -> str:
    """What the state panel shows for a variable: its number, or "?"."""
    value = next(v.value for v in main.deck.view().variables if v.id == var)
    return "?" if value is None else f"{value:.0f}"


def rendered_lines(main: MainScreen) -> list[str]:
    """Every line of text the main screen's widgets show (text boxes, buttons, labels, tooltips)."""
    texts = []
    for element in main.elements:
        for name in ("html_text", "text", "tool_tip_text"):
            value = getattr(element, name, None)
            if isinstance(value, str):
                texts.append(value)
    texts += list(main.map_hover.lines)
    lines = []
    for text in texts:
        plain = html.unescape(re.sub(r"<br\s*/?>", "\n", text))
        lines += [" ".join(re.sub(r"<[^>]+>", "", line).split()) for line in plain.split("\n")]
    return [line for line in lines if line]


def window_leaks(main: MainScreen) -> list[str]:
    """Texts on the screen that name an act the seat's power did not learn of (tests/table/leaks.py)."""
    power = main.deck.viewer
    if power is None:
        return []
    _, unknown = secrets(main.table, power)
    patterns = [(secret, _phrase(secret)) for secret in unknown]
    return [f"{power}: {secret!r} in {line[:100]!r}" for line in rendered_lines(main)
            for secret, pattern in patterns if pattern.search(line)]


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
    assert main.table.session.humans == THREE and main.table.session.seed == 42
    assert main.table.lesson is not None and main.table.timer.seconds == 120
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
        if not isinstance(top, MainScreen) or top.deck.viewer is None:
            return
        # every text on the screen comes from the seat's view: none names an act hidden from it
        leaks.extend(window_leaks(top))
        state = top.table.session.state
        if top.deck.viewer == "west" and state["exposure"] < 40:
            orders = top.orders_box.html_text if top.orders_box is not None else ""
            west_early.append((shown_value(top, "berlin_channel"), "berlin_channel" in top.triangle.hidden,
                               orders))
        if top.deck.viewer == "ussr":
            soviet_sees.append(shown_value(top, "berlin_channel"))

    pilot.play_to_end_by_keyboard(on_card=look)
    assert isinstance(pilot.screen, DebriefScreen) and pilot.screen.table.session.over
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
    assert main.deck.card.kind == "briefing"
    pilot.press("return")  # the Soviet team has read its briefing
    pilot.press("c")  # its orders are confirmed; their result shows to the Soviet team alone
    assert pilot.screen is main and main.deck.card.kind == "result" and main.deck.viewer == "ussr"
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
    assert pilot.screen is main and main.deck.viewer == "germany"


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
            request = top.table.request
            if top.deciding and request is not None:
                decisions.add((request.turn, request.kind, request.power, len(top.table.session.history)))
            if top.deck.card.kind == "meanwhile":
                meanwhile.append(len(top.deck.card.news))
                assert "Meanwhile, as in 1943" in top.card_box.html_text

    pilot.play_to_end_by_keyboard(on_card=count)
    assert isinstance(pilot.screen, DebriefScreen)
    session = pilot.screen.table.session
    assert session.over and 0 < len(decisions) <= LESSON_DECISIONS
    assert meanwhile and sum(meanwhile) > 20  # the year between decisions, as it happened
    assert any(choice.auto for choice in session.history)


def test_the_turn_clock_warns_and_the_teacher_pauses_and_moves_on(pilot):
    pilot.new_game(human="ussr", lesson=True, timer=60)
    main = pilot.screen
    clock = FakeClock()
    main.timer.clock = clock
    main.timer.start()
    assert main.deck.card.kind == "standing" and main.clock_rect.width > 0
    assert main.clock_strip() == (f"Decision 1 of at most {LESSON_DECISIONS}", "1:00 left")
    clock.now += 25
    pilot.frames(2)
    assert main.clock_strip()[1] == "0:35 left"
    history = len(main.table.session.history)
    clock.now += 50
    pilot.frames(2)
    assert main.time_up() and main.clock_strip()[0].startswith("TIME IS UP")
    assert "Time is up" in pilot.app.toast_text
    assert len(main.table.session.history) == history  # nothing is chosen for the team
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
    request = main.table.request
    expected = historical_answer(main.table.scenario, main.table.session, request)
    pilot.click(pilot.button("Move on"))
    assert pilot.screen is main
    taken = main.table.session.history[history:history + len(request.policies)]
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
    main.table.session.play_to_end()
    main.table.advance()
    main.after_move()
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


def test_the_window_check_finds_a_secret_put_on_the_screen(pilot):
    """The window-level check can fail: a text the German seat did not learn of, drawn on its screen."""
    pilot.new_game(human="ussr,germany,west")
    for _ in range(400):
        top = pilot.screen
        if isinstance(top, MainScreen) and top.deck.viewer == "germany" and secrets(top.table, "germany")[1]:
            break
        if isinstance(top, HandOverScreen):
            pilot.press("return")
        else:
            pilot.answer_historically(top)
    main = pilot.screen
    assert isinstance(main, MainScreen) and window_leaks(main) == []
    secret = sorted(secrets(main.table, "germany")[1], key=len)[-1]
    main.textbox(html.escape(secret), pygame.Rect(0, 0, 400, 100))
    assert window_leaks(main)


def test_a_group_names_itself_and_gives_a_reason_for_a_decision(pilot):
    pilot.press("return")  # the new-game screen
    screen = pilot.screen
    assert isinstance(screen, NewGameScreen)
    screen.humans = ["ussr", "germany"]
    screen.rebuild()
    screen.focus.focus("new:group")
    for letter in "9B":
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(letter.lower()), mod=0,
                                             unicode=letter, scancode=0))
        pilot.frames(1)
    assert screen.group == "9B"
    screen.focus.focus("new:start")
    pilot.press("return")
    pilot.press("return")  # the hand-over to the Soviet team
    main = pilot.screen
    assert isinstance(main, MainScreen) and main.table.group == "9B"
    pilot.press("return")  # the briefing
    assert main.deck.card.kind == "standing" and main.card.reason_entry is not None
    main.card.reason_entry.set_text("We hold the line")
    main.card.reason_entry.focus()
    pilot.press("c")  # the key goes to the line, not to Confirm
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="!"))
    pilot.frames(2)
    assert main.deck.card.kind == "standing" and main.card.reason_entry.get_text().endswith("!")
    main.card.reason_entry.set_text("We hold the line")
    main.card.reason_entry.unfocus()
    pilot.press("c")
    assert main.deck.card.kind == "result"
    assert main.table.reason(0) == "We hold the line"
