"""The main screen: the game in progress, composed of panels (game/ui/panels/).

The screen drives one :class:`game.table.Table` through a :class:`game.ui.deck.Deck` and
shows the view of the seat at the keyboard: hidden numbers are "?", the triangle draws
a hidden edge grey, and the orders of other teams are listed only where the seat knows
them. When the deciding team changes, a hand-over screen covers everything before the
next team's cards are built. Everything is rebuilt when the game moves, never per frame;
between moves only the map's front, the triangle's edges and the turn clock animate.
"""

from __future__ import annotations

import time

import pygame
import pygame_gui
from pygame_gui.core import UIElement

from game.paths import saves_dir
from game.saves import default_save_path
from game.table import Table
from game.table.view import EventAsk, StandingAsk
from game.ui.deck import READ_ONLY, CardKind, Deck
from game.ui.layout import MainLayout, main_layout
from game.ui.panels import words
from game.ui.panels.advisor import AdvisorPanel
from game.ui.panels.board import BoardPanel
from game.ui.panels.card import CardPanel
from game.ui.panels.clock import TIME_UP, ClockStrip
from game.ui.panels.drafts import Drafts
from game.ui.panels.orders import OrdersPanel
from game.ui.panels.state import StatePanel
from game.ui.panels.topbar import TopBar
from game.ui.screens.base import Screen, scroll_box
from game.ui.tour import TourOverlay, first_month_tour
from game.ui.widgets import cards

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}


class MainScreen(Screen):
    """The game in progress: the panels, the keys, and the moves sent to the deck."""

    def __init__(self, app, table: Table | Deck) -> None:  # noqa: ANN001 - the app
        super().__init__(app)
        self.deck = table if isinstance(table, Deck) else Deck(table)
        self.page = "card"
        self.layout: MainLayout | None = None
        self.pending_focus: str | None = "card:0"
        self.shapes_month = self.deck.table.session.turn
        #: where the last click was (a click on the left third of an order steps back)
        self.last_click: tuple[int, int] | None = None
        self.drafts = Drafts(self.deck)
        self.topbar = TopBar(self)
        self.board = BoardPanel(self)
        self.state = StatePanel(self)
        self.orders = OrdersPanel(self)
        self.card = CardPanel(self)
        self.clock = ClockStrip(self)
        self.advisor = AdvisorPanel(self)
        #: the guided first month (game.ui.tour), over the screen while a stop shows
        self.tour: TourOverlay | None = None

    # -- the team at the screen ------------------------------------------------------

    @property
    def table(self) -> Table:
        return self.deck.table

    @property
    def deciding(self) -> bool:
        """True while a decision card is on the screen."""
        return self.deck.card.kind in (CardKind.STANDING, CardKind.EVENT)

    def team(self, power: str | None = None) -> str:
        """``the German team``; the team at the screen by default."""
        return self.table.observer(power or self.deck.viewer).team()

    def enter(self) -> None:
        """Build for the team at the keyboard, or first hide everything behind a hand-over."""
        if self.deck.handover is not None and self.app.screens and self.app.top is self:
            self.app.push(self.app.open("handover", self))
            return
        super().enter()

    # -- building -------------------------------------------------------------------

    def build(self) -> None:
        s = self.app.settings
        layout = main_layout(self.app.size, s.ui_scale, s.text_factor, self.page, self.board.aspect,
                             state_width=self.state.width())
        self.layout = layout
        if self.deck.start_clock():
            self.clock.started()
        self.board.build(layout)
        self.clock.rect = pygame.Rect(0, 0, 0, 0)
        if layout.card.width:
            card_rect = layout.card
            if self.table.teacher and self.deciding:
                strip = self.t(32)
                self.clock.rect = pygame.Rect(card_rect.x, card_rect.y, card_rect.width, strip)
                card_rect = pygame.Rect(card_rect.x, card_rect.y + strip + self.u(6), card_rect.width,
                                        card_rect.height - strip - self.u(6))
            self.card.build(card_rect)
        if layout.state.width:
            self.state.build(layout)
        if layout.policies.width:
            self.orders.build(layout.policies)
        self.topbar.build(layout)
        if self.pending_focus:
            self.focus.current = self.pending_focus
            self.pending_focus = None

    # -- what tests, screenshots and benchmarks read -------------------------------------

    @property
    def card_box(self):  # noqa: ANN201 - a pygame_gui text box
        return self.card.box

    @property
    def orders_box(self):  # noqa: ANN201 - a pygame_gui text box
        return self.orders.box

    @property
    def triangle(self):  # noqa: ANN201 - the TriangleView
        return self.board.triangle

    @property
    def map_view(self):  # noqa: ANN201 - the MapView
        return self.board.map_view

    @property
    def map_hover(self):  # noqa: ANN201 - the map's MapHover
        return self.board.hover_tip

    def hover_rects(self) -> list[pygame.Rect]:
        """The rectangles the map's tip changed since the last frame."""
        return self.board.changed_rects()

    @property
    def front(self):  # noqa: ANN201 - the front's Glide
        return self.board.front

    @front.setter
    def front(self, glide) -> None:  # noqa: ANN001
        self.board.front = glide

    @property
    def draft(self) -> list[int]:
        return self.drafts.draft

    @property
    def row_vars(self) -> dict[UIElement, str]:
        return self.state.row_vars

    @property
    def policy_buttons(self) -> dict[object, int]:
        return self.card.policy_buttons

    @property
    def clock_rect(self) -> pygame.Rect:
        return self.clock.rect

    @property
    def timer(self):  # noqa: ANN201 - the table's TurnTimer
        return self.table.timer

    def clock_strip(self) -> tuple[str, str]:
        return self.clock.texts()

    def time_up(self) -> bool:
        return self.clock.time_up()

    def wait_for_advisor(self, seconds: float = 30.0) -> None:
        """Block until the advisor is done (tests and screenshots)."""
        if self.advisor.run is not None:
            self.advisor.run.wait(seconds)
            self._advisor_poll()

    def _advisor_poll(self) -> None:
        """Show the advisor's progress while it works (the text only), and its answer when it is done."""
        if not self.advisor.changed():
            return
        ask = self.deck.view().request
        if self.card.box is not None and self.advisor.running and isinstance(ask, EventAsk):
            self.card.box.set_text(self.advisor.html(ask))  # only the text: no rebuild
        else:
            self.pending_focus = self.focus.current
            self.rebuild()
        self.app.wake()

    # -- actions ----------------------------------------------------------------------

    def after_move(self, focus: str = "card:0") -> None:
        """The game moved: animate the changes and rebuild the widgets (or hand the keyboard over)."""
        self.pending_focus = focus
        self.deck.refresh()
        error = self.deck.take_autosave_error()
        if error:
            self.app.toast(error)
        if self.deck.handover is not None:
            if self.app.top is self:
                self.app.push(self.app.open("handover", self))
            return
        self.board.sync(animate=True)
        if self.table.session.turn != self.shapes_month:  # a new month: let go of last month's drawn shapes
            self.shapes_month = self.table.session.turn
            self.leave()
            self.app.forget_drawn_shapes()
        self.rebuild()
        self.app.wake()

    def dismiss(self) -> None:
        briefing = self.deck.card.kind is CardKind.BRIEFING
        self.deck.dismiss()
        if briefing and self.tour is None:  # a new game: the guided first month begins
            self.start_tour(again=False)
        self.after_move()

    def start_tour(self, again: bool = True) -> None:
        """The guided tour of the screen (game.ui.tour), from its first stop."""
        tour = first_month_tour(self.table, self.app.settings, again)
        self.tour = TourOverlay(tour, self) if tour is not None else None
        self.app.wake()

    def tour_regions(self) -> dict[str, pygame.Rect]:
        """The named parts of the screen the tour points at; parts this layout lacks are left out."""
        layout = self.layout
        if layout is None:
            return {}
        parts = {"card": layout.card, "orders": layout.policies, "numbers": layout.state, "why": layout.state_title,
                 "map": layout.map, "triangle": layout.triangle}
        buttons = {"advisor": "card:advisor", "page:card": "top:card", "page:map": "top:map", "page:state": "top:state"}
        for item in self.focus.items:
            name = next((n for n, key in buttons.items() if key == item.key), None)
            if name is not None and item.reachable():
                parts[name] = pygame.Rect(item.element.get_abs_rect())
        return {name: rect for name, rect in parts.items() if rect.width and rect.height}

    def choose_event(self, index: int) -> None:
        if index not in self.deck.available_options():
            return
        self.advisor.finish()  # it reads the session: wait for it (well under a second)
        self.deck.choose_event(index, self.card.reason())
        self.app.sounds.play("choice")
        self.after_move()

    def cycle_policy(self, index: int, delta: int) -> None:
        ask = self.deck.view().request
        if not isinstance(ask, StandingAsk) or self.deck.card.kind is not CardKind.STANDING:
            return
        self.drafts.cycle(ask, index, delta)
        self.pending_focus = f"card:{index}"
        self.rebuild()

    def focus_policy(self, index: int) -> None:
        if self.drafts.index != index:
            self.drafts.index = index
            self.pending_focus = f"card:{index}"
            self.rebuild()

    def confirm_standing(self) -> None:
        if self.deck.card.kind is not CardKind.STANDING:
            return
        self.deck.choose_standing(list(self.drafts.draft), self.card.reason())
        self.app.sounds.play("month")
        self.drafts.reset()
        self.after_move()

    def skip_decision(self) -> None:
        """The teacher moves on: the decision on the card is taken as in history."""
        if not self.deciding:
            return
        self.deck.skip()
        self.drafts.reset()
        self.app.toast(f"Taken {self.table.scenario.presentation.as_in_history}")
        self.after_move()

    def rewind(self, turn: int) -> None:
        """Called by the timeline: go back to the start of a month."""
        self.advisor.finish()  # it reads the session: let it finish first
        self.deck.rewind(turn)
        self.drafts.reset()
        self.after_move()

    def open_teacher(self) -> None:
        """The teacher's overlay (lesson mode, or a turn timer)."""
        if not self.table.teacher:
            self.app.toast("The teacher's key works in lesson mode or with a turn timer.")
            return
        self.app.push(self.app.open("teacher", self))

    def open_debrief(self) -> None:
        self.app.push(self.app.open("debrief", self.deck))

    def open_timeline(self) -> None:
        self.app.push(self.app.open("timeline", self))

    def open_glossary(self) -> None:
        self.app.push(self.app.open("glossary"))

    def open_grades(self) -> None:
        self.app.push(self.app.open("text", "The evidence grades", words.grades_html(self.table.scenario)))

    def open_how_to_play(self) -> None:
        tour = self.start_tour if first_month_tour(self.table, self.app.settings, again=True) else None
        self.app.push(self.app.open("how_to_play", cards.how_to_play_html(self.table.scenario,
                                                                          self.app.settings.keys), tour))

    def open_why(self, var_id: str) -> None:
        self.pending_focus = f"state:{var_id}"
        view = self.deck.view()
        html = words.why_html(self.table.scenario, view, self.deck.observer().why(var_id))
        self.app.push(self.app.open("text", "Why it moved", html))

    def open_menu(self) -> None:
        self.app.push(self.app.open("menu", self))

    def show_page(self, page: str) -> None:
        self.page = page
        self.rebuild()

    def save(self) -> None:
        """F5: a new file every time (never over an earlier save), named by game, month and a count."""
        base = default_save_path(self.table.session, saves_dir(), per_month=True)
        path, number = base, 1
        while path.exists():
            number += 1
            path = base.with_name(f"{base.stem}-{number}{base.suffix}")
        try:
            self.deck.save(path)
            self.app.toast(f"Saved: {path.name}")
        except OSError as error:
            self.app.toast(f"Could not save: {error}")

    def ask_advisor(self) -> None:
        """A: open the advisor's panel and run it in a thread (or close the panel)."""
        self.pending_focus = self.focus.current
        self.advisor.toggle()
        self.rebuild()

    # -- input -------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.tour is not None and self.tour.handle_event(event):
            return True
        if event.type == pygame.KEYDOWN and self.card.typing():
            # the reason line has the keyboard: Enter or Esc hands it back, every other key types
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                self.card.reason()
                if self.card.reason_entry is not None:
                    self.card.reason_entry.unfocus()
            return True
        if event.type == pygame.KEYDOWN and self._handle_key(event):
            return True
        if event.type == pygame.MOUSEBUTTONUP:
            self.last_click = event.pos
        if event.type == pygame.MOUSEMOTION:
            self.state.hover(event.pos)
            self.board.hover(event.pos, self.layout)
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return self._follow_link(str(event.link_target))
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.card.policy_buttons:
            index = self.card.policy_buttons[event.ui_element]
            rect = pygame.Rect(event.ui_element.get_abs_rect())
            back = self.last_click is not None and self.last_click[0] < rect.x + rect.width // 3
            self.focus.current = f"card:{index}"
            self.cycle_policy(index, -1 if back else 1)
            return True
        return super().handle_event(event)

    def _follow_link(self, target: str) -> bool:
        """A click on a link in a text box: an option of the card, a number's history, the grades."""
        kind, _, value = target.partition(":")
        if kind == "option" and value.isdigit() and int(value) in self.deck.available_options():
            self.choose_event(int(value))
            return True
        if kind == "why" and value:
            self.open_why(value)
            return True
        if target == words.GRADES_LINK:
            self.open_grades()
            return True
        return False

    def _handle_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        card = self.deck.card
        if key in NUMBER_KEYS and self.layout is not None and (self.layout.card.width or not self.layout.compact):
            number = NUMBER_KEYS[key]
            if card.kind is CardKind.EVENT:
                available = self.deck.available_options()
                if number <= len(available):
                    self.choose_event(available[number - 1])
                return True
            if card.kind is CardKind.STANDING and isinstance(card.ask, StandingAsk) \
                    and number <= len(card.ask.policies):
                self.focus_policy(number - 1)
                self.focus.focus(f"card:{number - 1}")
                return True
            if (card.kind in READ_ONLY or card.kind is CardKind.END) and number == 1:
                self.dismiss() if card.kind is not CardKind.END else self.open_debrief()
                return True
        if key == pygame.K_c and card.kind is CardKind.STANDING and not event.mod & pygame.KMOD_CTRL:
            self.confirm_standing()
            return True
        if key == pygame.K_h and not event.mod & pygame.KMOD_CTRL:
            self.open_how_to_play()
            return True
        bindings = {"timeline": self.open_timeline, "glossary": self.open_glossary, "save": self.save,
                    "advisor": self.ask_advisor, "teacher": self.open_teacher,
                    "page_card": lambda: self.show_page("card"),
                    "page_map": lambda: self.show_page("map"), "page_state": lambda: self.show_page("state"),
                    "why": self._why_focused, "map_key": self.board.toggle_legend}
        for action, run in bindings.items():
            if key == self.app.key(action):
                run()
                return True
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.card.box is not None:
            scroll_box(self.card.box, -0.25 if key == pygame.K_PAGEUP else 0.25)
            return True
        return False

    def _why_focused(self) -> None:
        """W: the number under the mouse, else the focused one (the front when neither)."""
        focused = self.focus.focused
        var = self.state.hovered or (self.state.row_vars.get(focused.element) if focused else None)
        self.open_why(var or self.board.front_var)

    def back(self) -> None:
        if self.board.legend_open:  # Esc first closes the map key opened from the keyboard
            self.board.toggle_legend()
            return
        self.open_menu()

    # -- drawing -----------------------------------------------------------------------

    def toast_area(self) -> pygame.Rect | None:
        """Over the map (or the card text on a compact page): pictures and text, no buttons."""
        layout = self.layout
        if layout is None:
            return None
        if layout.map.width:
            return layout.map
        if self.card.box is not None:
            return pygame.Rect(self.card.box.get_abs_rect())
        return None

    def update(self, dt: float) -> bool:
        if self.advisor.run is not None:
            if self.advisor.running:
                self.app.polling_until = time.perf_counter() + 0.2  # keep looking until it is done
            self._advisor_poll()
        moved = self.board.update(dt)
        return self.clock.update() or moved

    def animated_rects(self) -> list[pygame.Rect] | None:
        """The map, the triangle and the turn clock: no widget lies over any of them."""
        if self.layout is None or self.tour is not None and self.tour.active:
            return None  # the tour's box lies over everything: redraw whole
        rects = self.board.animated(self.layout)
        if self.clock.changed and self.clock.rect.width:
            rects.append(self.clock.rect)
        return rects

    def draw_animated(self, surface: pygame.Surface, rects: list[pygame.Rect]) -> None:
        if self.clock.rect in rects:
            self.clock.draw(surface)
        if self.layout is not None:
            self.board.draw(surface, self.layout, rects)

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(self.app.palette.background)
        layout = self.layout
        if layout is None:
            return
        self.board.draw(surface, layout)
        if self.clock.rect.width:
            self.clock.draw(surface)
        if layout.state.width:
            self.state.draw(surface)

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.clock.time_up() and self.layout is not None and self.layout.card.width:
            frame = self.layout.card.inflate(self.u(8), self.u(8))
            pygame.draw.rect(surface, TIME_UP[1], frame, max(3, self.u(4)), border_radius=6)
        super().draw_overlay(surface)
        if self.tour is not None:
            self.tour.draw(surface)

    def draw_tips(self, surface: pygame.Surface) -> None:
        super().draw_tips(surface)
        self.board.draw_tip(surface)
