"""The main screen: map, triangle, card, state, standing orders, and the top bar.

Everything is rebuilt when the game moves (a card is read, a choice is made), never per
frame; between moves only the map's front, the triangle's edges and the turn clock
animate.

The screen shows the game as the team at the keyboard knows it (``play.viewer``): hidden
numbers are "?", the triangle draws a hidden edge grey, and the orders of other teams
are not listed. When the deciding team changes, a hand-over screen covers everything
before the next team's cards are built.
"""

from __future__ import annotations

import time
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from game.classroom.lesson import TurnTimer, clock_text
from game.lab.advisor import compare
from game.paths import saves_dir
from game.saves import default_save_path, save_game
from game.ui.advisor_panel import AdvisorRun, palette_colours, panel_html
from game.ui.branches import write_branches
from game.ui.fit import fits, wrap_lines
from game.ui.focus import Focusable
from game.ui.layout import main_layout
from game.ui.markers import BAD, GOOD, change_text, tone, value_text
from game.ui.play import Play, month_name
from game.ui.screens.base import Screen, fit_text, scroll_box
from game.ui.theme import font, hex_colour
from game.ui.tour import TourOverlay, first_month_tour
from game.ui.widgets import cards
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapview import MapView
from game.ui.widgets.triangle import EDGES, Glide, TriangleView

#: the warning colours of the turn clock (Okabe–Ito yellow and vermillion, black text)
TIME_UP = ((240, 228, 66), (213, 94, 0))

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)} | {
    getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}


def effect_vars(effects) -> set[str]:
    """Every variable some effects (branches included) may change."""
    found: set[str] = set()
    for effect in effects:
        if hasattr(effect, "var"):
            found.add(effect.var)
        else:
            found |= effect_vars(effect.then) | effect_vars(effect.orelse)
    return found


def order_is_public(policy, visible: dict[str, float | None]) -> bool:
    """A computer power's standing order is shown to a team unless it moves a number hidden from it.

    (Berlin's terms move Nazi intransigence, which Moscow cannot see until talks reach terms.)
    """
    moved = set()
    for option in policy.options:
        moved |= effect_vars(option.effects)
    return all(visible.get(var, 0.0) is not None for var in moved)


def front_variable(scenario) -> str:
    """The variable the map's front line follows: ``[presentation] front_variable``, else the first variable."""
    return scenario.presentation.front_variable or scenario.variables[0].id


def advisor_function():
    """The lab's advisor (``compare``: a function of the session; tests replace it)."""
    return compare


class MainScreen(Screen):
    """The game in progress."""

    def __init__(self, app, play: Play) -> None:
        super().__init__(app)
        self.play = play
        self.page = "card"
        self.geo = load_geography()
        self.map_view: MapView | None = None
        self.triangle: TriangleView | None = None
        state = play.session.state
        self.front_var = front_variable(play.scenario)
        self.front = Glide(state[self.front_var], state[self.front_var])
        self.draft: list[int] = []
        self.offered: list[int] = []  # what the month's review offered (see Play.offered_orders)
        self.draft_turn = -1
        self.policy_index = 0
        self.card_box = None
        self.orders_box = None
        self.state_box = None
        #: the standing-order buttons (a click on their left third steps back) and where the last click was
        self.policy_buttons: dict[object, int] = {}
        self.last_click: tuple[int, int] | None = None
        self.shapes_month = play.session.turn
        #: the state row under the mouse (W explains it)
        self.hovered_var: str | None = None
        #: what the map says about the place under the mouse: (lines, mouse position)
        self.map_tip: tuple[tuple[str, ...], tuple[int, int]] | None = None
        #: the advisor works off the frame loop (game.ui.advisor_panel); the panel shows its progress
        self.advisor_run: AdvisorRun | None = None
        self.advisor_shown: tuple = ()
        self.advisor_open = False
        #: the guided first month (game.ui.tour), over the screen while a stop shows
        self.tour: TourOverlay | None = None
        self.state_panel = pygame.Rect(0, 0, 0, 0)
        self.row_values: list[tuple[pygame.Rect, list[tuple[pygame.Surface, tuple[int, int, int]]]]] = []
        self.row_vars: dict[object, str] = {}
        self.pending_focus: str | None = "card:0"
        self.layout = None
        self.visible: dict[str, float | None] = {}
        self.synced_viewer: object = ()
        # the turn clock (lesson mode or a timer): started when a team first sees a decision card
        self.timer = TurnTimer(play.timer_seconds)
        self.timed_card: tuple | None = None
        self.clock_rect = pygame.Rect(0, 0, 0, 0)
        self.clock_shown: tuple | None = None
        self.clock_changed = False
        self.time_up_warned = False

    # -- the team at the screen ------------------------------------------------------

    def enter(self) -> None:
        """Build for the team at the keyboard, or first hide everything behind a hand-over."""
        self.play.refresh()
        if self.play.pending_handover is not None and self.app.screens and self.app.top is self:
            self.app.push(self.app.open("handover", self))
            return
        super().enter()

    def _card_key(self) -> tuple | None:
        """Which decision is on the card (None for news and the end)."""
        card = self.play.card
        if card.kind not in ("event", "standing"):
            return None
        return (self.play.session.turn, card.kind, card.request.power, card.event.id if card.event else "",
                len(self.play.session.history))

    @property
    def timing(self) -> bool:
        """True while a turn clock runs (or is paused) for the decision on the card."""
        return self.timer.seconds is not None and self.timed_card is not None \
            and self.timed_card == self._card_key()

    def _start_clock(self) -> None:
        key = self._card_key()
        if key is not None and key != self.timed_card:
            self.timed_card = key
            self.timer.start()
            self.time_up_warned = False
            self.clock_shown = None

    # -- building -------------------------------------------------------------------

    def build(self) -> None:
        app = self.app
        s = app.settings
        layout = main_layout(app.size, s.ui_scale, s.text_factor, self.page, self.geo.aspect,
                             state_width=self._state_width())
        self.layout = layout
        self.visible = self.play.visible()
        if self.synced_viewer != self.play.viewer:
            # another team: no glide from the last team's numbers
            self.synced_viewer = self.play.viewer
            front = self.play.session.state[self.front_var]
            self.front = Glide(front, front)
            self._sync_triangle(animate=False)
        self._start_clock()
        # map labels grow with the UI scale only as far as the map itself has room for them
        map_scale = min(s.text_factor, max(1.0, layout.map.width / 430)) if layout.map.width else s.text_factor
        if self.map_view is None or self.map_view.palette is not app.palette \
                or self.map_view.text_scale != map_scale:
            self.map_view = MapView(self.geo, app.palette, map_scale)
        if self.triangle is None or self.triangle.palette is not app.palette \
                or self.triangle.text_scale != s.text_factor:
            self.triangle = TriangleView(app.palette, s.text_factor)
            self._sync_triangle(animate=False)
        if layout.map.width:
            self.map_view.resize(layout.map.size)
        self.clock_rect = pygame.Rect(0, 0, 0, 0)
        if layout.card.width:
            card_rect = layout.card
            if self.play.teacher and self._card_key() is not None:
                strip = self.t(32)
                self.clock_rect = pygame.Rect(card_rect.x, card_rect.y, card_rect.width, strip)
                card_rect = pygame.Rect(card_rect.x, card_rect.y + strip + self.u(6), card_rect.width,
                                        card_rect.height - strip - self.u(6))
            self._build_card(card_rect)
        if layout.state.width:
            self._build_state(layout)
        if layout.policies.width:
            self._build_policies(layout.policies)
        if layout.map_title.width:
            front = self.play.session.state[self.front_var]
            nearest = self.geo.nearest_line(front)
            when = f" (near the {month_name(nearest.date, short=True)} line)" if nearest else ""
            self.label([f"Eastern Front: {front:.0f}/100{when}", f"Eastern Front: {front:.0f}/100",
                        f"Front: {front:.0f}/100"], layout.map_title, "#heading")
        if layout.triangle_title.width:
            self.label("The triangle", layout.triangle_title, "#heading")
        self._build_topbar(layout)
        if self.pending_focus:
            self.focus.current = self.pending_focus
            self.pending_focus = None

    def _state_width(self) -> int:
        """The width the state rows need: the longest label, the value and its marker, the padding."""
        face = self.app.manager.get_theme().get_font(["#state_row"])
        labels = [v.label for v in self.play.scenario.variables if not v.hidden]
        widest = max((face.size(label)[0] for label in labels), default=0)
        return widest + self._value_width() + self.u(34)

    def _value_width(self) -> int:
        value_face = font(int(13 * self.app.settings.text_factor), bold=True)
        return value_face.size("10,000k ▲+1,000k")[0]

    def _build_topbar(self, layout) -> None:
        session, scenario = self.play.session, self.play.scenario
        bar = layout.topbar
        self.panel(bar, "#topbar")
        pad = self.u(10)
        labels = [("Menu (Esc)", self.open_menu, "top:menu"), ("Timeline (T)", self.open_timeline, "top:timeline"),
                  ("Glossary (G)", self.open_glossary, "top:glossary"), ("Save (F5)", self.save, "top:save")]
        if self.play.teacher:
            labels.append((f"Teacher ({self.app.settings.key_for('teacher').upper()})", self.open_teacher,
                           "top:teacher"))
        if layout.compact:
            labels = [("Card (F2)", lambda: self.show_page("card"), "top:card"),
                      ("Map (F3)", lambda: self.show_page("map"), "top:map"),
                      ("State (F4)", lambda: self.show_page("state"), "top:state")] + labels
        face = font(int(13 * self.app.settings.text_factor))
        widths = [face.size(text)[0] + self.u(26) for text, _, _ in labels]
        # least needed last: drop buttons (still reachable by key and menu) until they fit
        while len(labels) > 1 and sum(widths) + self.u(6) * len(widths) > bar.width * 0.72:
            labels, widths = labels[:-1], widths[:-1]
        order = {"top:card": 0, "top:map": 1, "top:state": 2, "top:timeline": 3, "top:glossary": 4,
                 "top:save": 5, "top:teacher": 6, "top:menu": 7}
        pairs = sorted(zip(labels, widths, strict=True), key=lambda pair: order[pair[0][2]])
        labels, widths = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        button_h = bar.height - 2 * self.u(7)
        x = bar.right - pad - sum(widths) - self.u(6) * (len(widths) - 1)
        calendar_w = x - pad - bar.x - self.u(8)
        month = session.months[-1].month if session.over and session.months else session.month
        turn = min(session.turn, len(scenario.months) - 1)
        viewer = self.play.viewer
        team = ""
        if viewer and (self.play.hot_seat or viewer not in self.play.scenario_humans):
            team = f" · {scenario.power(viewer).name}" if layout.compact else f" · {cards.capital(self.play.team())}"
        # the seed is in the pause menu and the save, not here; the layout gives way to shorter wordings
        calendar = [f"{month_name(month)} · month {turn + 1} of {len(scenario.months)}{team}",
                    f"{month_name(month, short=True)} · {turn + 1}/{len(scenario.months)}{team}",
                    f"{month_name(month, short=True)} · {turn + 1}/{len(scenario.months)}",
                    f"{month_name(month, short=True)}"]
        self.label(calendar,
                   pygame.Rect(bar.x + pad, bar.y, calendar_w, bar.height), "#calendar")
        for (text, action, key), width in zip(labels, widths, strict=True):
            self.button(text, pygame.Rect(x, bar.y + self.u(7), width, button_h), action, key, "#top_button")
            x += width + self.u(6)

    def _build_state(self, layout) -> None:
        self.label(["The state  (Enter: why)", "The state"], layout.state_title, "#heading")
        rect = layout.state
        self.state_panel = rect  # drawn under the rows, so the numbers sit below any tooltip
        visible = [v for v in self.play.scenario.variables if not v.hidden]
        span_h = self.t(22)
        span = pygame.Rect(rect.x + self.u(6), rect.y + self.u(2), rect.width - self.u(12), span_h)
        since = self.play.since_label()
        self.label([f"▲▼ {since}", "▲▼ since your last decision", "▲▼ since last decision", "▲▼ since last"],
                   span, "#small")
        top = span.bottom
        row_h = min(self.t(28), (rect.bottom - top - self.u(4)) // max(1, len(visible)))
        value_w = self._value_width()
        self.row_values = []
        self.row_vars = {}
        self.state_box = None
        label_face = self.app.manager.get_theme().get_font(["#state_row"])
        room = rect.width - self.u(8) - value_w - self.u(14)
        if row_h < label_face.size("Hg")[1] + self.u(2) or any(not fits(label_face, v.label, room) for v in visible):
            # too little room for one row per number: the layout gives way to a wrapped, scrolling list
            self.state_box = self.textbox(self._state_html(visible),
                                          pygame.Rect(rect.x, top, rect.width, rect.bottom - top), "#card_text")
            self.state_panel = pygame.Rect(0, 0, 0, 0)
            return
        for index, variable in enumerate(visible):
            row = pygame.Rect(rect.x + self.u(4), top + index * row_h, rect.width - self.u(8), row_h)
            element = UIButton(row, variable.label, self.app.manager,
                               tool_tip_text=cards.variable_tooltip(self.play, variable.id),
                               object_id="#state_row")
            element.tool_tip_wrap_width = self.t(380)
            self.keep(element)
            var_id = variable.id
            self.actions[element] = lambda v=var_id: self.open_why(v)
            self.focus.add(Focusable(f"state:{var_id}", element, lambda v=var_id: self.open_why(v)))
            self.row_vars[element] = var_id
            self.row_values.append((row, self._value_parts(variable)))

    def _seat(self) -> str | None:
        return self.play.viewer or self.play.last_viewer

    def _marker(self, variable) -> tuple[str, str, tuple[int, int, int]] | None:
        """(value, change, colour) of a shown number; None when it is hidden from the seat."""
        p = self.app.palette
        value = self.visible.get(variable.id)
        if value is None:
            return None
        change = self.play.since(variable.id) or 0.0
        text = change_text(variable, change)
        mood = tone(self.play.scenario, self._seat(), variable.id, change)
        colour = p.trust if mood == GOOD else p.alarm if mood == BAD else p.text
        return value_text(variable, value), text or "", colour

    def _value_parts(self, variable) -> list[pygame.Surface]:
        p = self.app.palette
        value_face = font(int(13 * self.app.settings.text_factor), bold=True)
        marker = self._marker(variable)
        if marker is None:  # hidden from this team: "?", and the tooltip says why
            return [value_face.render("?", True, p.muted)]
        value, change, colour = marker
        parts = [value_face.render(value, True, p.text)]
        if change:
            parts.append(value_face.render(f" {change}", True, colour))
        return parts

    def _state_html(self, visible) -> str:
        lines = []
        for variable in visible:
            marker = self._marker(variable)
            shown = "?" if marker is None else f"{marker[0]} <font color='{hex_colour(marker[2])}'>{marker[1]}</font>"
            lines.append(f"<a href='why:{variable.id}'>{cards.escape(variable.label)}</a>: <b>{shown}</b>")
        return "<br>".join(lines)

    def _build_policies(self, rect: pygame.Rect) -> None:
        session = self.play.session
        muted = hex_colour(self.app.palette.muted)
        viewer = self.play.viewer
        lines = [f"<b>Standing orders for {month_name(session.month, short=True)}</b>"]

        def own(policy) -> bool:
            return policy.power == viewer if viewer and self.play.hot_seat else policy.power in session.humans

        for policy in self.play.scenario.policies:
            if not own(policy):
                continue
            if self.draft and self.draft_turn == session.turn and self.play.card.kind == "standing":
                ids = [p.id for p in self.play.card.request.policies]
                option = policy.options[self.draft[ids.index(policy.id)]] if policy.id in ids else None
            else:
                option = policy.options[policy.option_index(session.standing_choice(policy.id))]
            lines.append(f"{cards.escape(policy.label)}: <i>{cards.escape(option.label if option else '')}</i>")
        others = [p for p in self.play.scenario.policies if not own(p)]
        # the classroom's rule: other teams' orders are theirs; a computer's order shows unless it
        # moves a number this team cannot see (everything shows once the year is over)
        shown = [p for p in others if viewer is None
                 or (p.power not in session.humans and order_is_public(p, self.visible))]
        if others:
            lines.append(f"<font color='{muted}'>Other powers:</font>")
            for policy in shown:
                option = policy.options[policy.option_index(session.standing_choice(policy.id))]
                lines.append(f"<font color='{muted}'>{cards.escape(policy.label)}: "
                             f"{cards.escape(option.label)}</font>")
            teams = [p for p in dict.fromkeys(p.power for p in others if p not in shown)
                     if p in session.humans]
            for power in teams:
                lines.append(f"<font color='{muted}'><i>{cards.escape(self.play.scenario.power(power).name)}: "
                             f"{cards.escape(self.play.team(power))}'s orders, not known to you</i></font>")
            if any(p not in shown and p.power not in session.humans for p in others):
                lines.append(f"<font color='{muted}'><i>Some orders are not known to you.</i></font>")
        self.orders_box = self.textbox("<br>".join(lines), rect, "#orders")

    # -- the card -------------------------------------------------------------------

    def _build_card(self, rect: pygame.Rect) -> None:
        card = self.play.card
        p = self.app.palette
        muted = hex_colour(p.muted)
        heading_px = self.t(20)
        button_h = self.t(36)
        gap = self.u(8)
        if card.kind in ("news", "meanwhile", "end", "briefing", "result"):
            if card.kind == "news":
                html = cards.event_html(card.event, self.play.session.month, muted, heading_px, card.decided_by)
                html += cards.moved_html(self.play, card.moved, muted)
            elif card.kind == "briefing":
                html = cards.briefing_html(self.play, card.request.power, muted, heading_px)
            elif card.kind == "result":
                html = cards.result_html(self.play, card.result, muted, heading_px)
            elif card.kind == "meanwhile":
                html = cards.meanwhile_html(card.items, muted, heading_px,
                                            self.play.team(self.play.viewer or self.play.last_viewer),
                                            self.play.scenario.presentation.as_in_history)
            else:
                html = cards.ending_html(self.play, muted, heading_px)
            text_rect = pygame.Rect(rect.x, rect.y, rect.width, rect.height - button_h - gap)
            self.card_box = self.textbox(html, text_rect, "#card_text")
            label, action = ((["Continue  (Enter)", "Continue"], self.dismiss) if card.kind != "end"
                             else (["See the debrief  (Enter)", "Debrief  (Enter)", "Debrief"], self.open_debrief))
            bottom = pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h)
            if card.kind == "briefing":
                half = (rect.width - gap) // 2
                self.button(["How to play  (H)", "How to play", "Help"],
                            pygame.Rect(rect.x + half + gap, bottom.y, rect.width - half - gap, button_h),
                            self.open_how_to_play, "card:help", "#top_button")
                bottom.width = half
            self.button(label, bottom, action, "card:0", "#primary_button")
        elif card.kind == "event":
            self._build_event_card(rect, card, muted, heading_px, button_h, gap)
        else:
            self._build_standing_card(rect, card, muted, heading_px, button_h, gap)

    def _build_event_card(self, rect, card, muted, heading_px, button_h, gap) -> None:
        event = card.event
        available = self.play.available_options()
        button_face = self.app.manager.get_theme().get_font(["#option_button"])
        hint_face = font(int(13 * self.app.settings.text_factor))
        number_w = self.t(44)
        blocks = []
        for number, index in enumerate(available, start=1):
            option = event.options[index]
            text = f"{number}   {option.label}"
            whole = fits(button_face, text, rect.width - self.u(24))
            # a label too long for one line goes in a wrapped box beside a number button, never cut
            lines = 0 if whole else len(wrap_lines(button_face, option.label, rect.width - number_w - self.u(30)))
            label_h = button_h if whole else max(button_h, int(lines * button_face.size("Hg")[1] * 1.25)
                                                 + self.u(12))
            hint_lines = wrap_lines(hint_face, option.hint, rect.width - self.u(30)) if option.hint else []
            hint_h = int(len(hint_lines) * hint_face.get_linesize() * 1.2) + self.u(12) if hint_lines else 0
            blocks.append((number, index, option, whole, label_h, hint_h))
        advise = advisor_function() if self.app.settings.show_advisor and not self.play.class_game else None
        extra = button_h + gap if advise else 0
        options_h = sum(label_h + hint_h + gap for *_, label_h, hint_h in blocks) + extra
        min_text = min(rect.height // 3, self.t(120))
        # no room for the hints (or the advisor's panel needs it): they move to the tooltips
        if rect.height - options_h - gap < min_text or self.advisor_open:
            blocks = [(n, i, o, w, lh, 0) for n, i, o, w, lh, _ in blocks]
            options_h = sum(label_h + gap for *_, label_h, _ in blocks) + extra
        html = cards.event_html(event, self.play.session.month, muted, heading_px)
        decider = cards.escape(self.play.scenario.power(card.request.power).name)
        html += f"<br><br><b>{decider} decides.</b> " \
                f"<font color='{muted}'>Press a number, or move with Tab and press Enter.</font>"
        text_h = max(min_text, rect.height - options_h - gap)
        if advise and self.advisor_open:  # the advisor's own panel, over the card text; the options stay
            html = self._advice_html(event)
        self.card_box = self.textbox(html, pygame.Rect(rect.x, rect.y, rect.width, text_h),
                                     "#card_text")
        y = rect.y + text_h + gap
        for number, index, option, whole, label_h, hint_h in blocks:
            if y + label_h > rect.bottom - extra:
                break
            choose = partial(self.choose_event, index)
            tip = cards.escape(option.hint) if option.hint and not hint_h else None
            if whole:
                self.button(f"{number}   {option.label}", pygame.Rect(rect.x, y, rect.width, label_h), choose,
                            f"card:{number - 1}", "#option_button", tooltip=tip)
            else:
                self.button(str(number), pygame.Rect(rect.x, y, number_w, label_h), choose, f"card:{number - 1}",
                            "#option_button", tooltip=tip)
                self.textbox(f"<a href='option:{index}'><b>{cards.escape(option.label)}</b></a>",
                             pygame.Rect(rect.x + number_w + self.u(4), y, rect.width - number_w - self.u(4),
                                         label_h), "#option_text")
            y += label_h
            if hint_h and y + hint_h <= rect.bottom - extra:
                self.textbox(cards.escape(option.hint), pygame.Rect(rect.x + self.u(12), y, rect.width - self.u(12),
                                                                    hint_h), "#hint_text")
                y += hint_h
            y += gap
        if advise:
            self.button(["Back to the card  (A)", "Card  (A)", "Card"] if self.advisor_open else
                        ["Advisor: what would each choice do?  (A)", "Advisor  (A)", "Advisor"],
                        pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h), self.ask_advisor,
                        "card:advisor", "#top_button")

    def _build_standing_card(self, rect, card, muted, heading_px, button_h, gap) -> None:
        request = card.request
        if self.draft_turn != request.turn or len(self.draft) != len(request.policies):
            self.draft = self.play.offered_orders(request)
            self.offered = list(self.draft)
            self.draft_turn = request.turn
            self.policy_index = 0
        count = max(1, len(request.policies))
        theme = self.app.manager.get_theme()
        label_face, button_face = theme.get_font(["#small"]), theme.get_font(["#policy_button"])
        label_w = int(rect.width * 0.40)
        widest_label = max((label_face.size(p.label)[0] for p in request.policies), default=0)
        widest_option = max((button_face.size(f"◀  {o.label} (changed)  ▶")[0] for p in request.policies
                             for o in p.options), default=0)
        # side by side when both fit; otherwise each order's name goes on its own line above the button
        stacked = widest_label > label_w - self.u(10) or widest_option > rect.width - label_w - self.u(24)
        line_h = max(self.t(22), label_face.size("Hg")[1] + self.u(4))
        room = rect.height - button_h - 2 * gap - self.t(110)
        per_row = room // count - self.u(4) - (line_h if stacked else 0)
        row_h = max(self.t(24), min(self.t(32), per_row), button_face.size("Hg")[1] + self.u(6))
        per = row_h + self.u(4) + (line_h if stacked else 0)
        min_text = min(rect.height // 4, self.t(110))
        # as many orders as fit; the others are reached with ▲/▼ (or by moving the focus to them)
        shown = max(1, min(count, (rect.height - button_h - 2 * gap - min_text) // per))
        if shown < count:
            shown = max(1, (rect.height - button_h - 3 * gap - min_text - self.t(30)) // per)
        first = min(max(0, self.policy_index - shown // 2), count - shown)
        rows_h = shown * per + (self.t(30) + gap if shown < count else 0)
        text_h = max(min_text, rect.height - rows_h - button_h - 2 * gap)
        policy = request.policies[self.policy_index] if request.policies else None
        html = cards.standing_html(self.play, policy, self.draft[self.policy_index] if policy else 0, muted,
                                   heading_px)
        self.card_box = self.textbox(html, pygame.Rect(rect.x, rect.y, rect.width, text_h), "#card_text")
        y = rect.y + text_h + gap
        button_x = rect.x if stacked else rect.x + label_w
        self.policy_buttons = {}
        if shown < count:
            half = (rect.width - gap) // 2
            self.button([f"▲ earlier orders ({first} more)", f"▲ {first}"], pygame.Rect(rect.x, y, half, self.t(30)),
                        lambda: self.focus_policy(max(0, first - 1)), "card:orders_up", "#top_button",
                        enabled=first > 0)
            later = count - first - shown
            self.button([f"▼ later orders ({later} more)", f"▼ {later}"],
                        pygame.Rect(rect.x + half + gap, y, rect.width - half - gap, self.t(30)),
                        lambda: self.focus_policy(min(count - 1, first + shown)), "card:orders_down",
                        "#top_button", enabled=later > 0)
            y += self.t(30) + gap
        for index, item in enumerate(request.policies):
            if not first <= index < first + shown:
                continue
            if stacked:
                self.label(item.label, pygame.Rect(rect.x, y, rect.width, line_h), "#small")
                y += line_h
            else:
                self.label(item.label, pygame.Rect(rect.x, y, label_w - self.u(6), row_h), "#small")
            option = item.options[self.draft[index]]
            changed = self.draft[index] != self.offered[index]  # the player moved it from what was offered
            marker = " (changed)" if changed else ""
            element = self.button([f"◀  {option.label}{marker}  ▶", f"◀ {option.label}{marker} ▶",
                                   f"◀ {option.label}{' *' if changed else ''} ▶", option.label],
                                  pygame.Rect(button_x, y, rect.right - button_x, row_h),
                                  lambda i=index: self.cycle_policy(i, 1), f"card:{index}", "#policy_button",
                                  tooltip=cards.esc(option.hint), step=lambda d, i=index: self.cycle_policy(i, d),
                                  on_focus=lambda i=index: self.focus_policy(i))
            self.policy_buttons[element] = index
            y += row_h + self.u(4)
        self.button(["Confirm orders and begin the month  (C)", "Confirm orders  (C)", "Confirm  (C)"],
                    pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h), self.confirm_standing,
                    "card:confirm", "#primary_button")

    def _advice_key(self) -> tuple:
        card = self.play.card
        return (self.play.session.turn, card.event.id if card.event else "", len(self.play.session.history))

    def _advice_html(self, event) -> str:
        """The advisor's panel (game.ui.advisor_panel): its progress, then the comparison on the goals."""
        colours = palette_colours(self.app.palette, hex_colour)
        run = self.advisor_run if self.advisor_run is not None and self.advisor_run.key == self._advice_key() \
            else None
        self.advisor_shown = (run.progress, run.running) if run is not None else ()
        return panel_html(run, event.title, self.play.scenario, colours, self.play.scenario.presentation.as_in_history,
                          self.t(16))

    # -- actions ----------------------------------------------------------------------

    def after_move(self, focus: str = "card:0") -> None:
        """The game moved: animate the changes and rebuild the widgets (or hand the keyboard over)."""
        self.pending_focus = focus
        if self.play.autosave_error:
            self.app.toast(self.play.autosave_error)
            self.play.autosave_error = ""
        if self.play.pending_handover is not None:
            if self.app.top is self:
                self.app.push(self.app.open("handover", self))
            return
        self.visible = self.play.visible()
        self._sync_triangle(animate=True)
        self.front.retarget(self.play.session.state[self.front_var])
        if self.play.session.turn != self.shapes_month:  # a new month: let go of last month's drawn shapes
            self.shapes_month = self.play.session.turn
            self.leave()
            self.app.forget_drawn_shapes()
        self.rebuild()
        self.app.wake()

    def _sync_triangle(self, animate: bool) -> None:
        if self.triangle is None:
            return
        visible = self.visible or self.play.visible()
        # the same span as the state's markers: since the seat last decided
        self.triangle.set_values({e: visible.get(e) for e in EDGES}, {e: self.play.since(e) or 0.0 for e in EDGES},
                                 animate)

    def dismiss(self) -> None:
        briefing = self.play.card.kind == "briefing"
        self.play.dismiss()
        if briefing and self.tour is None:  # a new game: the guided first month begins
            self.start_tour(again=False)
        self.after_move()

    def start_tour(self, again: bool = True) -> None:
        """The guided tour of the screen (game.ui.tour), from its first stop."""
        tour = first_month_tour(self.play, self.app.settings, again)
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
        if self.advisor_run is not None:  # it reads the session: wait for it (well under a second)
            self.advisor_run.wait()
        self.advisor_open = False
        self.play.choose_event(index)
        self.app.sounds.play("choice")
        self.after_move()

    def cycle_policy(self, index: int, delta: int) -> None:
        if self.play.card.kind != "standing":
            return
        request = self.play.card.request
        options = request.policies[index].options
        self.draft[index] = (self.draft[index] + delta) % len(options)
        self.policy_index = index
        self.pending_focus = f"card:{index}"
        self.rebuild()

    def focus_policy(self, index: int) -> None:
        if self.policy_index != index:
            self.policy_index = index
            self.pending_focus = f"card:{index}"
            self.rebuild()

    def confirm_standing(self) -> None:
        self.play.choose_standing(list(self.draft))
        self.app.sounds.play("month")
        self.draft_turn = -1
        self.after_move()

    def skip_decision(self) -> None:
        """The teacher moves on: the decision on the card is taken as in 1943."""
        if self.play.card.kind not in ("event", "standing"):
            return
        self.play.skip()
        self.draft_turn = -1
        self.app.toast(f"Taken {self.play.scenario.presentation.as_in_history}")
        self.after_move()

    def open_teacher(self) -> None:
        """The teacher's overlay (lesson mode, or a turn timer)."""
        if not self.play.teacher:
            self.app.toast("The teacher's key works in lesson mode or with a turn timer.")
            return
        self.app.push(self.app.open("teacher", self))

    def open_debrief(self) -> None:
        self.app.push(self.app.open("debrief", self.play))

    def open_timeline(self) -> None:
        self.app.push(self.app.open("timeline", self))

    def open_glossary(self) -> None:
        self.app.push(self.app.open("glossary"))

    def open_how_to_play(self) -> None:
        tour = self.start_tour if first_month_tour(self.play, self.app.settings, again=True) else None
        self.app.push(self.app.open("how_to_play", cards.how_to_play_html(self.play.scenario, self.app.settings.keys),
                                    tour))

    def open_why(self, var_id: str) -> None:
        self.pending_focus = f"state:{var_id}"
        self.app.push(self.app.open("text", "Why it moved", cards.why_html(self.play, var_id)))

    def open_menu(self) -> None:
        self.app.push(self.app.open("menu", self))

    def show_page(self, page: str) -> None:
        self.page = page
        self.rebuild()

    def save(self) -> None:
        """F5: a new file every time (never over an earlier save), named by seed, month and a count."""
        session = self.play.session
        base = default_save_path(session, saves_dir(), per_month=True)
        path, number = base, 1
        while path.exists():
            number += 1
            path = base.with_name(f"{base.stem}-{number}{base.suffix}")
        try:
            save_game(session, path, make_folder=True)
            write_branches(path, self.play.branches)  # the timeline's branches, beside the save
            self.app.toast(f"Saved: {path.name}")
        except OSError as error:
            self.app.toast(f"Could not save: {error}")

    def ask_advisor(self) -> None:
        """A: open the advisor's panel and run it in a thread (or close the panel)."""
        advise = advisor_function()
        if advise is None or not self.app.settings.show_advisor or self.play.card.kind != "event" \
                or self.play.class_game:
            return
        self.pending_focus = self.focus.current
        run = self.advisor_run
        if self.advisor_open and (run is None or not run.running):
            self.advisor_open = False
            self.rebuild()
            return
        self.advisor_open = True
        if run is None or run.key != self._advice_key() or run.error:
            self.advisor_run = AdvisorRun(self.play.session, self._advice_key(), advisor=advise)
        self.rebuild()

    def wait_for_advisor(self, seconds: float = 30.0) -> None:
        """Block until the advisor is done (tests and screenshots)."""
        if self.advisor_run is not None:
            self.advisor_run.wait(seconds)
            self._advisor_poll()

    def _advisor_poll(self) -> None:
        """Show the advisor's progress while it works, and its answer when it is done."""
        run = self.advisor_run
        if run is None or not self.advisor_open or (run.progress, run.running) == self.advisor_shown:
            return
        if self.card_box is not None and run.running and self.play.card.kind == "event":
            self.card_box.set_text(self._advice_html(self.play.card.event))  # only the text: no rebuild
        else:
            self.pending_focus = self.focus.current
            self.rebuild()
        self.app.wake()

    def rewind(self, turn: int) -> None:
        """Called by the timeline: go back to the start of a month."""
        if self.advisor_run is not None:  # it reads the session: let it finish first
            self.advisor_run.wait()
        self.play.rewind(turn)
        self.draft_turn = -1
        self.after_move()

    # -- input and drawing ----------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.tour is not None and self.tour.handle_event(event):
            return True
        if event.type == pygame.KEYDOWN:
            if self._handle_key(event):
                return True
        if event.type == pygame.MOUSEBUTTONUP:
            self.last_click = event.pos
        if event.type == pygame.MOUSEMOTION:
            self.hovered_var = next((var for element, var in self.row_vars.items()
                                     if pygame.Rect(element.get_abs_rect()).collidepoint(event.pos)), None)
            self._hover_map(event.pos)
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            return self._follow_link(str(event.link_target))
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.policy_buttons:
            index = self.policy_buttons[event.ui_element]
            rect = pygame.Rect(event.ui_element.get_abs_rect())
            back = self.last_click is not None and self.last_click[0] < rect.x + rect.width // 3
            self.focus.current = f"card:{index}"
            self.cycle_policy(index, -1 if back else 1)
            return True
        return super().handle_event(event)

    def _hover_map(self, pos: tuple[int, int]) -> None:
        """Hovering a city: which side of the front it is on, and this month's cards that name it."""
        layout = self.layout
        tip = None
        if layout is not None and layout.map.collidepoint(pos) and self.map_view is not None:
            local = (pos[0] - layout.map.x, pos[1] - layout.map.y)
            city = self.map_view.city_at(local, radius=max(10, self.u(14)))
            if city is not None:
                side = "German-occupied" if self.map_view.occupied(city, self.front.value) else "Soviet-held"
                lines = [f"{city.name}: {side}"]
                session = self.play.session
                turns = {session.turn, session.turn - 1}
                for turn, event_id in session.log.fired:
                    event = self.play.scenario.event(event_id)
                    if turn in turns and (city.name in event.title or city.name in event.text):
                        lines.append(f"{month_name(str(self.play.scenario.months[turn]), short=True)}: {event.title}")
                tip = (tuple(lines[:5]), pos)
        if (tip and tip[0]) != (self.map_tip and self.map_tip[0]) or (tip is not None) != (self.map_tip is not None):
            self.app.dirty = True
        self.map_tip = tip

    def _draw_map_tip(self, surface: pygame.Surface) -> None:
        if self.map_tip is None or self.layout is None:
            return
        lines, pos = self.map_tip
        face = font(int(13 * self.app.settings.text_factor))
        images = [face.render(line, True, self.app.palette.text) for line in lines]
        width = max(image.get_width() for image in images) + self.u(16)
        height = sum(image.get_height() for image in images) + self.u(10)
        box = pygame.Rect(pos[0] + self.u(14), pos[1] + self.u(10), width, height)
        box.clamp_ip(self.layout.map)
        pygame.draw.rect(surface, self.app.palette.panel, box, border_radius=4)
        pygame.draw.rect(surface, self.app.palette.muted, box, 1, border_radius=4)
        y = box.y + self.u(5)
        for image in images:
            surface.blit(image, (box.x + self.u(8), y))
            y += image.get_height()

    def _follow_link(self, target: str) -> bool:
        """A click on a link in a text box: an option of the card, or a number's history."""
        kind, _, value = target.partition(":")
        if kind == "option" and self.play.card.kind == "event" and int(value) in self.play.available_options():
            self.choose_event(int(value))
            return True
        if kind == "why" and value:
            self.open_why(value)
            return True
        return False

    def _handle_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        app = self.app
        card = self.play.card
        if key in NUMBER_KEYS and self.layout is not None and (self.layout.card.width or not self.layout.compact):
            number = NUMBER_KEYS[key]
            if card.kind == "event":
                available = self.play.available_options()
                if number <= len(available):
                    self.choose_event(available[number - 1])
                return True
            if card.kind == "standing" and number <= len(card.request.policies):
                self.focus_policy(number - 1)
                self.focus.focus(f"card:{number - 1}")
                return True
            if card.kind in ("news", "meanwhile", "end", "briefing", "result") and number == 1:
                self.dismiss() if card.kind != "end" else self.open_debrief()
                return True
        if key == pygame.K_c and card.kind == "standing" and not event.mod & pygame.KMOD_CTRL:
            self.confirm_standing()
            return True
        bindings = {"timeline": self.open_timeline, "glossary": self.open_glossary, "save": self.save,
                    "advisor": self.ask_advisor, "teacher": self.open_teacher,
                    "page_card": lambda: self.show_page("card"),
                    "page_map": lambda: self.show_page("map"), "page_state": lambda: self.show_page("state"),
                    "why": self._why_focused}
        if key == pygame.K_h and not event.mod & pygame.KMOD_CTRL:
            self.open_how_to_play()
            return True
        for action, run in bindings.items():
            if key == app.key(action):
                run()
                return True
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.card_box is not None:
            scroll_box(self.card_box, -0.25 if key == pygame.K_PAGEUP else 0.25)
            return True
        return False

    def _why_focused(self) -> None:
        """W: the number under the mouse, else the focused one (the front when neither)."""
        focused = self.focus.focused
        var = self.hovered_var or (self.row_vars.get(focused.element) if focused else None)
        self.open_why(var or self.front_var)

    def back(self) -> None:
        self.open_menu()

    def toast_area(self) -> pygame.Rect | None:
        """Over the map (or the card text on a compact page): pictures and text, no buttons."""
        layout = self.layout
        if layout is None:
            return None
        if layout.map.width:
            return layout.map
        if self.card_box is not None:
            return pygame.Rect(self.card_box.get_abs_rect())
        return None

    def update(self, dt: float) -> bool:
        moved = False
        if self.advisor_run is not None:
            if self.advisor_run.running:
                self.app.polling_until = time.perf_counter() + 0.2  # keep looking until it is done
            self._advisor_poll()
        if self.front.moving:
            self.front.elapsed += dt
            moved = True
        if self.triangle is not None and self.triangle.update(dt):
            moved = True
        if self.clock_rect.width and self.timing:
            shown = self._clock_state()
            if shown != self.clock_shown:
                self.clock_shown = shown
                self.clock_changed = True
                moved = True
            if self.timer.expired() and not self.time_up_warned:
                self.time_up_warned = True
                self.app.sounds.play("time_up")
                self.app.toast("Time is up: decide now, or the teacher moves on "
                               f"({self.app.settings.key_for('teacher').upper()}).", 6)
                self.app.dirty = True  # the frame around the card
        return moved

    def _clock_state(self) -> tuple:
        remaining = self.timer.remaining() or 0.0
        return (int(remaining // 1), self.timer.paused)

    def animated_rects(self) -> list[pygame.Rect] | None:
        """The map, the triangle and the turn clock: no widget lies over any of them."""
        layout = self.layout
        if layout is None or self.tour is not None and self.tour.active:
            return None  # the tour's box lies over everything: redraw whole
        rects = []
        if self.clock_changed and self.clock_rect.width:
            rects.append(self.clock_rect)
        if self.front.moving and layout.map.width:
            rects.append(layout.map)
        if self.triangle is not None and self.triangle.animating and layout.triangle.width:
            rects.append(layout.triangle)
        return rects

    def draw_animated(self, surface: pygame.Surface, rects: list[pygame.Rect]) -> None:
        layout = self.layout
        if self.clock_rect in rects:
            self._draw_clock(surface)
        if layout.map in rects and self.map_view is not None:
            surface.blit(self.map_view.surface(self.front.value), layout.map)
        if layout.triangle in rects and self.triangle is not None:
            surface.blit(self.triangle.render(layout.triangle.size), layout.triangle)

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(self.app.palette.background)
        layout = self.layout
        if layout is None:
            return
        if layout.map.width and self.map_view is not None:
            surface.blit(self.map_view.surface(self.front.value), layout.map)
        if layout.triangle.width and self.triangle is not None:
            surface.blit(self.triangle.render(layout.triangle.size), layout.triangle)
        if self.clock_rect.width:
            self._draw_clock(surface)

        if layout.state.width:
            pygame.draw.rect(surface, self.app.palette.panel, self.state_panel)
            pygame.draw.rect(surface, self.app.palette.muted, self.state_panel, 1)
            for row, parts in self.row_values:
                x = row.right - self.u(8) - sum(part.get_width() for part in parts)
                for part in parts:
                    surface.blit(part, (x, row.centery - part.get_height() // 2))
                    x += part.get_width()

    # -- the turn clock -------------------------------------------------------------------

    def clock_strip(self) -> tuple[str, str]:
        """The clock strip's left and right text."""
        lesson = self.play.lesson
        left = f"Decision {lesson.asked} of at most {lesson.budget}" if lesson is not None else "Turn clock"
        if self.play.viewer and self.play.hot_seat:
            left += f" · {self.play.team()}"
        remaining = self.timer.remaining() if self.timing else None
        teacher_key = self.app.settings.key_for("teacher").upper()
        if remaining is None:
            return left, "no time limit"
        if remaining <= 0:
            return f"TIME IS UP · +{clock_text(remaining)}", f"decide now · teacher: {teacher_key}"
        paused = "paused · " if self.timer.paused else ""
        return left, f"{paused}{clock_text(remaining)} left"

    def time_up(self) -> bool:
        return self.timing and self.timer.expired()

    def _draw_clock(self, surface: pygame.Surface) -> None:
        """The strip above a decision card: which decision, and the time left as a bar."""
        self.clock_changed = False
        rect = self.clock_rect
        p = self.app.palette
        face = font(int(14 * self.app.settings.text_factor), bold=True)
        left, right = self.clock_strip()
        if self.time_up():
            blink = int(-(self.timer.remaining() or 0)) % 2
            background, text = TIME_UP[blink], (0, 0, 0)
            pygame.draw.rect(surface, background, rect, border_radius=4)
            pygame.draw.rect(surface, (0, 0, 0), rect, 2, border_radius=4)
        else:
            background, text = p.panel, p.text
            pygame.draw.rect(surface, p.background, rect)
            pygame.draw.rect(surface, background, rect, border_radius=4)
            remaining = self.timer.remaining() if self.timing else None
            if remaining is not None and self.timer.seconds:
                share = max(0.0, min(1.0, remaining / self.timer.seconds))
                bar = pygame.Rect(rect.x, rect.y, int(rect.width * share), rect.height)
                colour = p.muted if self.timer.paused else p.trust if share > 0.25 else p.alarm
                pygame.draw.rect(surface, _mix(colour, p.panel, 0.45), bar, border_radius=4)
            pygame.draw.rect(surface, p.muted, rect, 1, border_radius=4)
        pad = self.u(10)
        left_image = face.render(left, True, text)
        right_image = face.render(right, True, text)
        room = rect.width - 3 * pad - left_image.get_width()
        if right_image.get_width() > room:  # the left part (the decision, or TIME IS UP) always shows whole
            right_image = face.render(fit_text(face, right, max(10, room)), True, text)
        surface.blit(left_image, left_image.get_rect(midleft=(rect.x + pad, rect.centery)))
        surface.blit(right_image, right_image.get_rect(midright=(rect.right - pad, rect.centery)))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.time_up() and self.layout is not None and self.layout.card.width:
            frame = self.layout.card.inflate(self.u(8), self.u(8))
            pygame.draw.rect(surface, TIME_UP[1], frame, max(3, self.u(4)), border_radius=6)
        super().draw_overlay(surface)
        if self.tour is not None:
            self.tour.draw(surface)

    def draw_tips(self, surface: pygame.Surface) -> None:
        super().draw_tips(surface)
        self._draw_map_tip(surface)


def wrap_count(face, text: str, width: int) -> int:
    """How many lines ``text`` wraps to in ``width`` pixels."""
    lines, current = 1, ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if face.size(candidate)[0] <= width or not current:
            current = candidate
        else:
            lines += 1
            current = word
    return lines


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """``share`` of colour ``a`` over ``b``."""
    return tuple(int(x * share + y * (1 - share)) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]
