"""The window, headless: it starts, a pilot plays it to the end, mouse and keys both work."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame

from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.main import MainScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.triangle import Glide


def test_the_app_starts_on_the_title_screen(pilot):
    assert isinstance(pilot.screen, TitleScreen)
    assert pilot.button("New game").visible
    assert not pilot.button("Continue").is_enabled  # no saves yet


def test_a_pilot_plays_a_whole_game_to_the_debrief_by_keyboard(pilot, home, tmp_path):
    pilot.press("return")  # New game has the focus: the new-game screen
    pilot.press("return")  # Start the game has the focus there
    assert isinstance(pilot.screen, MainScreen)
    pilot.play_to_end_by_keyboard()
    assert isinstance(pilot.screen, DebriefScreen)
    assert pilot.screen.table.session.over
    assert list((home / "data" / "saves").glob("autosave-*.json"))
    shot = pilot.screenshot(tmp_path / "debrief.png")
    assert shot.stat().st_size > 10_000
    pilot.press("e")  # export the debrief, into the same folder as the PDF
    assert list((home / "data" / "exports").glob("*.png"))


def test_the_mouse_starts_a_game_and_answers_cards(pilot):
    pilot.click(pilot.button("New game"))
    pilot.click(pilot.button("Start the game"))
    main = pilot.screen
    assert isinstance(main, MainScreen)
    assert main.deck.card.kind == "briefing"
    pilot.click(pilot.button("Continue"))
    pilot.click(pilot.button("Confirm orders"))
    assert main.table.session.history  # the standing orders were confirmed
    assert main.deck.card.kind == "result"  # and the result of the choice shows
    for _ in range(40):
        kind = main.deck.card.kind
        if kind == "event":
            before = len(main.table.session.history)
            choose = next(e for e in main.elements if type(e).__name__ == "UIButton" and e.text.startswith("1"))
            pilot.click(choose)
            assert len(main.table.session.history) == before + 1
            assert main.deck.card.kind == "result"
            return
        pilot.click(pilot.button("Continue") if kind != "standing" else pilot.button("Confirm orders"))
    raise AssertionError("no event card came up")


def test_a_click_on_the_left_of_an_order_steps_back_and_on_the_right_steps_on(pilot):
    pilot.new_game()
    main = pilot.screen
    request = main.table.request
    count = len(request.policies[0].options)
    button = next(e for e, i in main.policy_buttons.items() if i == 0)
    rect = pygame.Rect(button.get_abs_rect())
    pilot.click((rect.x + 6, rect.centery))
    assert main.draft[0] == (request.current[0] - 1) % count
    button = next(e for e, i in main.policy_buttons.items() if i == 0)
    rect = pygame.Rect(button.get_abs_rect())
    pilot.click((rect.right - 6, rect.centery))
    pilot.click((rect.right - 6, rect.centery))
    assert main.draft[0] == (request.current[0] + 1) % count


def test_w_explains_the_number_under_the_mouse(pilot):
    pilot.new_game()
    main = pilot.screen
    row, var = list(main.row_vars.items())[3]
    pilot.hover(row, seconds=0.1)
    pilot.press("w")
    assert type(pilot.screen).__name__ == "TextScreen"
    label = main.table.scenario.variables[main.table.scenario.column(var)].label
    assert label in pilot.screen.html


def test_each_manual_save_is_its_own_file(pilot, home):
    pilot.new_game()
    pilot.press("f5")
    pilot.press("f5")
    assert len(list((home / "data" / "saves").glob("game-*.json"))) == 2


def test_the_seed_is_in_the_pause_menu_not_the_header(pilot):
    pilot.new_game(seed=4242)
    main = pilot.screen
    assert not any("4242" in getattr(e, "text", "") for e in main.elements)
    pilot.press("escape")
    assert any("4242" in getattr(e, "text", "") for e in pilot.screen.elements)


def test_tab_moves_the_focus_ring_and_escape_goes_back(pilot):
    first = pilot.screen.focus.focused.key
    pilot.press("tab")
    assert pilot.screen.focus.focused.key != first
    pilot.press("tab", mod=pygame.KMOD_SHIFT)
    assert pilot.screen.focus.focused.key == first
    pilot.press("down")  # Continue is disabled (no saves), so the ring skips it
    pilot.press("return")  # Load a game
    assert type(pilot.screen).__name__ == "LoadScreen"
    pilot.press("escape")
    assert isinstance(pilot.screen, TitleScreen)


def test_standing_orders_change_with_arrows_and_are_kept(pilot):
    pilot.new_game()
    main = pilot.screen
    request = main.table.request
    pilot.press("right")  # the first order, focused, moves to its next option
    pilot.press("c")
    chosen = main.table.session.history[0]
    assert chosen.option == request.policies[0].options[(request.current[0] + 1) % 3].id


def test_rewind_from_the_timeline_keeps_the_old_branch(pilot):
    pilot.new_game()
    main = pilot.screen
    while main.table.session.turn < 2:
        kind = main.deck.card.kind
        pilot.press("1" if kind == "event" else "c" if kind == "standing" else "return")
    pilot.press("t")
    assert type(pilot.screen).__name__ == "TimelineScreen"
    pilot.screen.focus.focus("rewind:0")
    pilot.press("return")  # asks first
    pilot.press("return")  # "Rewind and choose again"
    assert pilot.screen is main
    assert main.table.session.turn == 0 and len(main.table.branches) == 1


def test_settings_apply_rebuilds_with_the_new_scale(pilot, home):
    pilot.click(pilot.button("Settings"))
    screen = pilot.screen
    screen.focus.focus("setting:ui_scale")
    pilot.press("right")
    pilot.click(pilot.button("Apply"))
    assert pilot.app.settings.ui_scale == 1.25
    assert (home / "config" / "settings.json").exists()


def test_without_a_display_the_window_says_so_and_exits_2():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = subprocess.run([sys.executable, "-m", "game"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no display" in result.stderr and "Traceback" not in result.stderr


def test_the_advisor_shows_under_a_key_and_hides_with_the_setting(pilot):
    pilot.new_game()
    main = pilot.screen
    while main.deck.card.kind != "event":
        pilot.press("c" if main.deck.card.kind == "standing" else "return")
    pilot.press("a")
    main.wait_for_advisor()
    pilot.frames(2)
    html = main.card_box.html_text
    assert "Advisor" in html and "your goals" in html and "Endings:" in html
    assert "±" in html and "two standard errors" in html  # it says how sure it is
    assert main.deck.card.kind == "event" and pilot.button("1")  # the options stay beside the panel
    pilot.press("a")
    assert "Endings:" not in main.card_box.html_text  # A again: back to the card
    pilot.press("a")
    pilot.app.settings.show_advisor = False
    main.rebuild()
    assert "Endings:" not in main.card_box.html_text
    assert not any(getattr(e, "text", "").startswith("Advisor") for e in main.elements)


def test_hovering_a_city_on_the_map_tells_which_side_holds_it(pilot):
    pilot.new_game()
    main = pilot.screen
    view, box = main.map_view, main.layout.map
    kiev = next(c for c in view.geo.cities if c.name == "Kiev")
    x, y = view.to_px((kiev.x, kiev.y))
    pilot.hover((box.x + x, box.y + y), seconds=0.1)
    assert main.map_hover.lines and main.map_hover.lines[0] == "Kiev: German-occupied"
    main.front = Glide(100.0, 100.0)  # the front back at the frontier of 1941: Kiev is on the Soviet side
    pilot.hover((box.x + x + 1, box.y + y), seconds=0.1)
    assert main.map_hover.lines[0] == "Kiev: Soviet-held"


def test_a_tooltip_is_drawn_over_the_focus_ring(pilot):
    from pygame_gui.elements import UITooltip

    pilot.new_game()
    main = pilot.screen
    main.focus.focus("state:red_army")  # the ring goes round the second number ...
    hovered = next(i.element for i in main.focus.items if i.key == "state:front")
    pilot.hover(hovered, seconds=2)  # ... and the first number's tip opens over it
    tip = next(s for s in pilot.app.manager.get_sprite_group().sprites() if isinstance(s, UITooltip))
    ring = pygame.Rect(main.focus.focused.element.get_abs_rect()).inflate(12, 12)
    inside = tip.rect.inflate(-12, -12).clip(ring)
    assert inside.width > 20 and inside.height > 5  # the ring passes under the tip
    pilot.app.draw()
    with_ring = pilot.app.surface.subsurface(inside).copy()
    main.focus.hidden = True
    pilot.app.draw()
    without_ring = pilot.app.surface.subsurface(inside).copy()
    assert pygame.image.tobytes(with_ring, "RGB") == pygame.image.tobytes(without_ring, "RGB")


def _to_the_next_orders(pilot, main) -> None:
    """Answer cards as in 1943 until the next month's standing review shows."""
    turn = main.table.session.turn
    for _ in range(60):
        if main.deck.card.kind == "standing" and main.table.session.turn > turn:
            return
        pilot.answer_historically(main)
    raise AssertionError("no standing review came up")


def test_orders_never_moved_start_at_history_and_a_moved_one_stays_where_it_was_left(pilot):
    from game.debrief import departures

    pilot.new_game()
    main = pilot.screen
    table = main.table
    request = table.request
    assert main.deck.card.kind == "standing"
    history = [p.historical[request.turn] for p in request.policies]
    assert main.draft == history
    pilot.press("c")  # confirmed untouched: not a departure
    assert not [d for d in departures(table.scenario, table.session) if d.kind == "standing"]
    _to_the_next_orders(pilot, main)
    request = table.request
    assert main.draft == [p.historical[request.turn] for p in request.policies]
    main.focus.focus("card:0")
    pilot.press("right")  # the player moves the first order away from history
    moved = main.draft[0]
    assert moved != request.policies[0].historical[request.turn]
    pilot.press("c")
    assert [d.id for d in departures(table.scenario, table.session)] == [request.policies[0].id]
    _to_the_next_orders(pilot, main)
    request = table.request
    assert main.draft[0] == moved == request.current[0]  # as the player left it
    assert main.draft[1:] == [p.historical[request.turn] for p in request.policies[1:]]


def test_the_timelines_branches_survive_a_save_and_a_load(pilot, home):
    from game.saves import list_saves
    from game.ui.branches import branches_path
    from game.ui.starting import open_save

    pilot.new_game()
    main = pilot.screen
    while main.table.session.turn < 2:
        kind = main.deck.card.kind
        pilot.press("1" if kind == "event" else "c" if kind == "standing" else "return")
    main.rewind(1)
    kept = main.table.branches[0]
    pilot.press("f5")
    folder = home / "data" / "saves"
    saved = [p for p, body, _ in list_saves(folder) if body is not None and p.name.startswith("game-")]
    assert len(saved) == 1 and branches_path(saved[0]).exists()
    assert all(body is not None for _, body, _ in list_saves(folder))  # the side file is not listed as a bad save
    assert open_save(pilot.app, saved[0])
    loaded = pilot.screen.table.branches
    assert len(loaded) == 1 and pilot.screen.table is not main.table
    assert (loaded[0].left_at, loaded[0].choices, loaded[0].reached, loaded[0].ending, loaded[0].final_state) == \
        (kept.left_at, kept.choices, kept.reached, kept.ending, kept.final_state)
    branches_path(saved[0]).write_text('{"branches": [{"left_at": 1, "choices": [{"turn": 0}]}]}')
    assert open_save(pilot.app, saved[0])  # a damaged side file costs the branches, not the game
    assert pilot.screen.table.branches == []
    assert branches_path(saved[0]).name in pilot.app.toast_text


def test_a_result_card_counts_what_moved_from_where_it_stood_when_the_seat_decided(pilot):
    """"What moved" starts from the value the seat saw when it chose, adds what the choice did, and
    names the value now when other powers or chances moved it since (seed 1943: Berlin's Katyn answer
    takes 3 off the channel right after the April talks)."""
    import re

    pilot.new_game(seed=1943)
    main = pilot.screen
    checked = later = 0
    for _ in range(120):
        card = main.deck.card
        if card.kind == "end":
            break
        before = {v.label: v.value for v in main.table.observer("ussr").view().variables}
        was_event = card.kind == "event"
        pilot.answer_historically(main)
        if not was_event or main.deck.card.kind != "result":
            continue
        text = main.card_box.html_text.replace("<b>", "").replace("</b>", "")
        now = {v.label: v.value for v in main.table.observer("ussr").view().variables}
        for label, start, end, sign, amount, current in re.findall(
                r"<br>([^<>]+?) (-?[\d.,]+)k? → (-?[\d.,]+)k? [▲▼]([+-])([\d.,]+)k?(?: \(now (-?[\d.,]+)k?\))?", text):
            if label not in before or before[label] is None or abs(before[label]) >= 1000:
                continue
            checked += 1
            assert float(start) == round(before[label]), (label, text)
            assert float(end) - float(start) == float(sign + amount), (label, text)
            if current:
                later += 1
                assert float(current) == round(now[label]) != float(end), (label, text)
    assert checked >= 5 and later >= 1


def test_the_ending_card_names_the_month_the_year_ended_in_with_its_number(pilot):
    """The step that ends a game can move the calendar on; the header and the orders panel still
    name the ending's month ("January 1943 · month 3", not "January 1943 · month 4")."""
    from game.table.calendar import month_name
    from game.ui.starting import start_new_game

    words = ("accept berlin", "sign", "armistice", "talk", "terms", "probe", "hitler", "satellite", "open")
    moved_on = 0
    for seed in (7, 8, 9):
        start_new_game(pilot.app, seed=seed)
        pilot.frames(1)
        main = pilot.screen
        for _ in range(300):
            card = main.deck.card
            if card.kind == "end":
                break
            if card.kind == "event":
                options = main.deck.available_options()
                labels = {o.index: o.label.lower() for o in card.ask.options}
                pick = next((o for w in words for o in options if w in labels[o]), None)
                if pick is None:
                    pilot.answer_historically(main)
                else:
                    pilot.press(str(options.index(pick) + 1))
            elif card.kind == "standing":  # the orders that seek Berlin's terms
                main.drafts.set([next((i for w in words for i, o in enumerate(p.options) if w in o.label.lower()),
                                      p.current) for p in card.ask.policies], card.ask)
                pilot.press("c")
            else:
                pilot.answer_historically(main)
        ending = main.table.observer("ussr").view().ending
        assert ending is not None
        months = [month_name(str(m)) for m in main.table.scenario.months]
        number = months.index(ending.month) + 1
        calendar = next(e.text for e in main.elements if getattr(e, "object_ids", None) and "#calendar" in e.object_ids)
        assert calendar.startswith(f"{ending.month} · month {number} of {len(months)}"), calendar
        assert "Standing orders at the end" in main.orders_box.html_text
        moved_on += main.table.observer("ussr").view().turn + 1 != number
    assert moved_on  # at least one game ended in a step that moved the calendar on


def test_a_news_card_names_each_number_that_moved_once(pilot):
    """Where a card and another power's answer to it both moved a number, the card gives one line
    for it, the sum with its unit (Soviet losses in thousands), with each cause and its share."""
    import re

    pilot.new_game(seed=1943)
    main = pilot.screen
    merged = 0
    for _ in range(400):
        card = main.deck.card
        if card.kind == "end":
            break
        if card.kind == "news":
            text = main.card_box.html_text
            if "What moved" in text:
                moved = text.split("What moved", 1)[1].split("Evidence")[0]
                labels = re.findall(r"<br>([^<>]+?) [▲▼][+−][\d,]+k? <font", moved)
                assert labels, moved
                assert len(labels) == len(set(labels)), moved
                merged += "; " in moved
                assert all(line.split(" <font")[0].endswith("k") for line in moved.split("<br>")
                           if line.startswith("Soviet losses")), moved
        pilot.answer_historically(main)
    assert merged  # at least one number moved by two causes on one card


def test_the_window_loads_its_fonts_without_warnings_on_the_terminal(scenario):
    """Cards with bold and italic text at every theme size: pygame_gui has each face loaded up
    front, so a player who starts the game from a terminal sees no 'not already loaded' lines."""
    import warnings

    from game.ui.pilot import Pilot

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pilot = Pilot.start(scenario=scenario)
        pilot.new_game()
        for _ in range(12):
            pilot.answer_historically(pilot.screen)
        pilot.press("h")
        pilot.press("escape")
    fonts = [str(w.message) for w in caught if "font" in str(w.message).lower()]
    assert fonts == []
