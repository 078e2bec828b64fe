"""The card: the briefing, news, a decision to take, the result of the last one, or the ending.

What a card says comes from the seat's view (:mod:`game.ui.panels.words`); this panel
lays it out: the text above, the options or the orders below, never a cut label (a long
option goes in a wrapped box beside its number button).
"""

from __future__ import annotations

from functools import partial

import pygame
from pygame_gui.elements import UITextBox, UITextEntryLine

from game.remarks import REASON_MAX_CHARS
from game.table.view import EventAsk, StandingAsk
from game.ui.deck import Card, CardKind
from game.ui.fit import fits, wrap_lines
from game.ui.panels import words
from game.ui.panels.base import Panel
from game.ui.theme import font, hex_colour
from game.ui.widgets import cards


class CardPanel(Panel):
    """Builds the card area for the card the deck shows."""

    box: UITextBox | None = None
    #: the standing-order buttons (a click on their left third steps back)
    policy_buttons: dict[object, int] = {}

    #: the seat's optional reason for its decision (class games)
    reason_entry: UITextEntryLine | None = None

    #: what was typed for the decision on the card (kept across rebuilds), and which decision that is
    typed = ""
    typed_for: tuple[object, ...] = ()

    def reason(self) -> str:
        """The reason typed on the card, if any."""
        if self.reason_entry is not None and self.reason_entry.alive():
            self.typed = self.reason_entry.get_text()
        return self.typed.strip()

    def typing(self) -> bool:
        """True while the reason line has the keyboard (the card's keys then type into it)."""
        return self.reason_entry is not None and self.reason_entry.alive() and self.reason_entry.is_focused

    def _reason_line(self, rect: pygame.Rect, y: int) -> int:
        """A one-line box for the seat's reason in a class game; the height it took."""
        if not self.deck.table.class_game:
            return 0
        height = self.t(32)
        entry = UITextEntryLine(pygame.Rect(rect.x, y, rect.width, height), self.app.manager,
                                placeholder_text="Your reason (optional, one line): click here and type")
        entry.set_text_length_limit(REASON_MAX_CHARS)
        if self.typed:
            entry.set_text(self.typed)
        self.reason_entry = self.main.keep(entry)
        return height + self.u(6)

    def build(self, rect: pygame.Rect) -> None:
        card = self.deck.card
        self.policy_buttons = {}
        self.reason()  # keep what was typed before the widgets are rebuilt
        request = self.deck.table.request
        key = (id(request), card.kind)
        if key != self.typed_for:  # another decision: a fresh, empty line
            self.typed, self.typed_for = "", key
        self.reason_entry = None
        muted = hex_colour(self.app.palette.muted)
        heading_px = self.t(20)
        if card.kind is CardKind.EVENT and isinstance(card.ask, EventAsk):
            self._event(rect, card.ask, muted, heading_px)
        elif card.kind is CardKind.STANDING and isinstance(card.ask, StandingAsk):
            self._standing(rect, card.ask, muted, heading_px)
        else:
            self._read(rect, card, muted, heading_px)

    def html(self, card: Card, muted: str, heading_px: int) -> str:
        """The words of a card that is read, not answered."""
        scenario, view = self.scenario, card.view
        if card.kind is CardKind.BRIEFING and view.power is not None:
            return cards.briefing_html(scenario, view.power, muted, heading_px)
        if card.kind is CardKind.NEWS:
            return words.news_html(scenario, card.news[0], view, muted, heading_px)
        if card.kind is CardKind.MEANWHILE:
            return words.meanwhile_html(scenario, card.news, view.team, muted, heading_px)
        if card.kind is CardKind.RESULT:
            return words.result_html(scenario, view, card.last, card.ask, muted, heading_px)
        return words.ending_html(view, muted, heading_px)

    def _read(self, rect: pygame.Rect, card: Card, muted: str, heading_px: int) -> None:
        main = self.main
        button_h, gap = self.t(36), self.u(8)
        text_rect = pygame.Rect(rect.x, rect.y, rect.width, rect.height - button_h - gap)
        self.box = main.textbox(self.html(card, muted, heading_px), text_rect, "#card_text")
        end = card.kind is CardKind.END
        label, action = ((["See the debrief  (Enter)", "Debrief  (Enter)", "Debrief"], main.open_debrief) if end
                         else (["Continue  (Enter)", "Continue"], main.dismiss))
        bottom = pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h)
        if card.kind is CardKind.BRIEFING:
            half = (rect.width - gap) // 2
            main.button(["How to play  (H)", "How to play", "Help"],
                        pygame.Rect(rect.x + half + gap, bottom.y, rect.width - half - gap, button_h),
                        main.open_how_to_play, "card:help", "#top_button")
            bottom.width = half
        main.button(label, bottom, action, "card:0", "#primary_button")

    def _event(self, rect: pygame.Rect, ask: EventAsk, muted: str, heading_px: int) -> None:
        main, advisor = self.main, self.main.advisor
        button_h, gap = self.t(36), self.u(8)
        available = [o for o in ask.options if o.available]
        button_face = self.app.manager.get_theme().get_font(["#option_button"])
        hint_face = font(int(13 * self.app.settings.text_factor))
        number_w = self.t(44)
        blocks = []
        for number, option in enumerate(available, start=1):
            whole = fits(button_face, f"{number}   {option.label}", rect.width - self.u(24))
            # a label too long for one line goes in a wrapped box beside a number button, never cut
            lines = 0 if whole else len(wrap_lines(button_face, option.label, rect.width - number_w - self.u(30)))
            label_h = button_h if whole else max(button_h, int(lines * button_face.size("Hg")[1] * 1.25)
                                                 + self.u(12))
            hint_lines = wrap_lines(hint_face, option.hint, rect.width - self.u(30)) if option.hint else []
            hint_h = int(len(hint_lines) * hint_face.get_linesize() * 1.2) + self.u(12) if hint_lines else 0
            blocks.append((number, option, whole, label_h, hint_h))
        advising = advisor.available()
        extra = button_h + gap if advising else 0
        options_h = sum(label_h + hint_h + gap for *_, label_h, hint_h in blocks) + extra
        min_text = min(rect.height // 3, self.t(120))
        # no room for the hints (or the advisor's panel needs it): they move to the tooltips
        if rect.height - options_h - gap < min_text or advising and advisor.open:
            blocks = [(n, o, w, lh, 0) for n, o, w, lh, _ in blocks]
            options_h = sum(label_h + gap for *_, label_h, _ in blocks) + extra
        html = words.event_ask_html(self.scenario, ask, self.scenario.power(ask.power).name, muted, heading_px)
        if advising and advisor.open:  # the advisor's own panel, over the card text; the options stay
            html = advisor.html(ask)
        reason_h = self.t(32) + self.u(6) if self.deck.table.class_game else 0
        text_h = max(min_text, rect.height - options_h - gap - reason_h)
        if advising and advisor.wants_sheet(rect, text_h):  # the options give way to the advisor's panel
            advisor.build_sheet(rect, ask)
            return
        self.box = main.textbox(html, pygame.Rect(rect.x, rect.y, rect.width, text_h), "#card_text")
        y = rect.y + text_h + gap
        y += self._reason_line(rect, y)
        for number, option, whole, label_h, hint_h in blocks:
            if y + label_h > rect.bottom - extra:
                break
            choose = partial(main.choose_event, option.index)
            tip = cards.escape(option.hint) if option.hint and not hint_h else None
            if whole:
                main.button(f"{number}   {option.label}", pygame.Rect(rect.x, y, rect.width, label_h), choose,
                            f"card:{number - 1}", "#option_button", tooltip=tip)
            else:
                main.button(str(number), pygame.Rect(rect.x, y, number_w, label_h), choose, f"card:{number - 1}",
                            "#option_button", tooltip=tip)
                main.textbox(f"<a href='option:{option.index}'><b>{cards.escape(option.label)}</b></a>",
                             pygame.Rect(rect.x + number_w + self.u(4), y, rect.width - number_w - self.u(4),
                                         label_h), "#option_text")
            y += label_h
            if hint_h and y + hint_h <= rect.bottom - extra:
                main.textbox(cards.escape(option.hint),
                             pygame.Rect(rect.x + self.u(12), y, rect.width - self.u(12), hint_h), "#hint_text")
                y += hint_h
            y += gap
        if advising:
            main.button(["Back to the card  (A)", "Card  (A)", "Card"] if advisor.open else
                        ["Advisor: what would each choice do?  (A)", "Advisor  (A)", "Advisor"],
                        pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h), main.ask_advisor,
                        "card:advisor", "#top_button")

    def _standing(self, rect: pygame.Rect, ask: StandingAsk, muted: str, heading_px: int) -> None:
        main, drafts = self.main, self.main.drafts
        button_h, gap = self.t(36), self.u(8)
        drafts.sync(ask)
        count = max(1, len(ask.policies))
        theme = self.app.manager.get_theme()
        label_face, button_face = theme.get_font(["#small"]), theme.get_font(["#policy_button"])
        label_w = int(rect.width * 0.40)
        widest_label = max((label_face.size(p.label)[0] for p in ask.policies), default=0)
        widest_option = max((button_face.size(f"◀  {o.label} (changed)  ▶")[0] for p in ask.policies
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
        first = min(max(0, drafts.index - shown // 2), count - shown)
        rows_h = shown * per + (self.t(30) + gap if shown < count else 0)
        reason_h = self.t(32) + self.u(6) if self.deck.table.class_game else 0
        text_h = max(min_text, rect.height - rows_h - button_h - 2 * gap - reason_h)
        policy = ask.policies[drafts.index] if ask.policies else None
        first_month = self.view.turn == 0 and self.view.change_span.startswith("since the start")
        html = words.standing_html(self.scenario, self.view, ask, policy, drafts.draft[drafts.index] if policy else 0,
                                   first_month, muted, heading_px)
        self.box = main.textbox(html, pygame.Rect(rect.x, rect.y, rect.width, text_h), "#card_text")
        y = rect.y + text_h + gap
        y += self._reason_line(rect, y)
        button_x = rect.x if stacked else rect.x + label_w
        if shown < count:
            half = (rect.width - gap) // 2
            main.button([f"▲ earlier orders ({first} more)", f"▲ {first}"], pygame.Rect(rect.x, y, half, self.t(30)),
                        lambda: main.focus_policy(max(0, first - 1)), "card:orders_up", "#top_button",
                        enabled=first > 0)
            later = count - first - shown
            main.button([f"▼ later orders ({later} more)", f"▼ {later}"],
                        pygame.Rect(rect.x + half + gap, y, rect.width - half - gap, self.t(30)),
                        lambda: main.focus_policy(min(count - 1, first + shown)), "card:orders_down",
                        "#top_button", enabled=later > 0)
            y += self.t(30) + gap
        for index, item in enumerate(ask.policies):
            if not first <= index < first + shown:
                continue
            if stacked:
                main.label(item.label, pygame.Rect(rect.x, y, rect.width, line_h), "#small")
                y += line_h
            else:
                main.label(item.label, pygame.Rect(rect.x, y, label_w - self.u(6), row_h), "#small")
            option = item.options[drafts.draft[index]]
            changed = drafts.changed(index)
            marker = " (changed)" if changed else ""
            element = main.button([f"◀  {option.label}{marker}  ▶", f"◀ {option.label}{marker} ▶",
                                   f"◀ {option.label}{' *' if changed else ''} ▶", option.label],
                                  pygame.Rect(button_x, y, rect.right - button_x, row_h),
                                  partial(main.cycle_policy, index, 1), f"card:{index}", "#policy_button",
                                  tooltip=cards.esc(option.hint), step=partial(main.cycle_policy, index),
                                  on_focus=partial(main.focus_policy, index))
            self.policy_buttons[element] = index
            y += row_h + self.u(4)
        main.button(["Confirm orders and begin the month  (C)", "Confirm orders  (C)", "Confirm  (C)"],
                    pygame.Rect(rect.x, rect.bottom - button_h, rect.width, button_h), main.confirm_standing,
                    "card:confirm", "#primary_button")
