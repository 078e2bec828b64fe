"""The state: one row per number the seat sees, with its value and its change since the seat last decided.

A number hidden from the seat is "?" and its tooltip says until when; the changes are the
view's, with the span the view states, coloured good or bad for the seat's power.
"""

from __future__ import annotations

from functools import partial
from html import escape

import pygame
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UITextBox

from game.table.view import VariableView
from game.ui.fit import fits
from game.ui.focus import Focusable
from game.ui.layout import MainLayout
from game.ui.markers import BAD, GOOD, change_text, direction_word, tone, value_text
from game.ui.panels.base import Panel
from game.ui.panels.words import variable_of, variable_tooltip
from game.ui.theme import font, hex_colour
from game.ui.widgets.cards import capital, thresholds

#: the widest value and marker a row must hold
WIDEST_VALUE = "10,000k ▲+1,000k"


class StatePanel(Panel):
    """The rows of numbers (or a wrapped list when rows do not fit), and their tooltips."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        self.panel_rect = pygame.Rect(0, 0, 0, 0)
        self.row_values: list[tuple[pygame.Rect, list[pygame.Surface]]] = []
        self.row_vars: dict[UIElement, str] = {}
        self.box: UITextBox | None = None
        #: the row under the mouse (W explains it)
        self.hovered: str | None = None

    def width(self) -> int:
        """What the rows need: the longest label, the value and its marker, the padding."""
        face = self.app.manager.get_theme().get_font(["#state_row"])
        widest = max((face.size(v.label)[0] for v in self.scenario.variables if not v.hidden), default=0)
        return widest + self.value_width() + self.u(34)

    def value_width(self) -> int:
        return font(int(13 * self.app.settings.text_factor), bold=True).size(WIDEST_VALUE)[0]

    def build(self, layout: MainLayout) -> None:
        main, view = self.main, self.view
        main.label(["The state  (Enter: why)", "The state"], layout.state_title, "#heading")
        rect = layout.state
        self.panel_rect = rect  # drawn under the rows, so the numbers sit below any tooltip
        shown = view.variables
        span = pygame.Rect(rect.x + self.u(6), rect.y + self.u(2), rect.width - self.u(12), self.t(22))
        main.label([f"▲▼ {view.change_span}", "▲▼ since your last decision", "▲▼ since last decision",
                    "▲▼ since last"], span, "#small")
        top = span.bottom
        row_h = min(self.t(28), (rect.bottom - top - self.u(4)) // max(1, len(shown)))
        value_w = self.value_width()
        self.row_values, self.row_vars, self.box = [], {}, None
        label_face = self.app.manager.get_theme().get_font(["#state_row"])
        room = rect.width - self.u(8) - value_w - self.u(14)
        if row_h < label_face.size("Hg")[1] + self.u(2) or any(not fits(label_face, v.label, room) for v in shown):
            # too little room for one row per number: the layout gives way to a wrapped, scrolling list
            self.box = main.textbox(self._html(shown), pygame.Rect(rect.x, top, rect.width, rect.bottom - top),
                                    "#card_text")
            self.panel_rect = pygame.Rect(0, 0, 0, 0)
            return
        observer = self.deck.observer()
        for index, variable in enumerate(shown):
            row = pygame.Rect(rect.x + self.u(4), top + index * row_h, rect.width - self.u(8), row_h)
            direction = direction_word(self.scenario, view.power, variable.id)
            tip = variable_tooltip(self.scenario, view, variable, observer.why(variable.id), direction,
                                   thresholds(self.scenario, variable.id))
            element = UIButton(row, variable.label, self.app.manager, tool_tip_text=tip, object_id="#state_row")
            element.tool_tip_wrap_width = self.t(380)
            main.keep(element)
            var_id = variable.id
            main.actions[element] = partial(main.open_why, var_id)
            main.focus.add(Focusable(f"state:{var_id}", element, partial(main.open_why, var_id)))
            self.row_vars[element] = var_id
            self.row_values.append((row, self._value_parts(variable)))

    def marker(self, variable: VariableView) -> tuple[str, str, tuple[int, int, int]] | None:
        """(value, change, colour) of a shown number; None when it is hidden from the seat."""
        p = self.app.palette
        if variable.value is None:
            return None
        scenario_var = variable_of(self.scenario, variable.id)
        change = variable.change or 0.0
        mood = tone(self.scenario, self.view.power, variable.id, change)
        colour = p.trust if mood == GOOD else p.alarm if mood == BAD else p.text
        return value_text(scenario_var, variable.value), change_text(scenario_var, variable.moved) or "", colour

    def _value_parts(self, variable: VariableView) -> list[pygame.Surface]:
        p = self.app.palette
        face = font(int(13 * self.app.settings.text_factor), bold=True)
        marker = self.marker(variable)
        if marker is None:  # hidden from this team: "?", and the tooltip says why
            return [face.render("?", True, p.muted)]
        value, change, colour = marker
        parts = [face.render(value, True, p.text)]
        if change:
            parts.append(face.render(f" {change}", True, colour))
        return parts

    def _html(self, shown: list[VariableView]) -> str:
        lines = [f"<i>{escape(capital(self.view.change_span))}</i>"]
        for variable in shown:
            marker = self.marker(variable)
            value = "?" if marker is None else f"{marker[0]} <font color='{hex_colour(marker[2])}'>{marker[1]}</font>"
            lines.append(f"<a href='why:{variable.id}'>{escape(variable.label)}</a>: <b>{value}</b>")
        return "<br>".join(lines)

    def hover(self, pos: tuple[int, int]) -> None:
        self.hovered = next((var for element, var in self.row_vars.items()
                             if pygame.Rect(element.get_abs_rect()).collidepoint(pos)), None)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.panel_rect.width:
            return
        pygame.draw.rect(surface, self.app.palette.panel, self.panel_rect)
        pygame.draw.rect(surface, self.app.palette.muted, self.panel_rect, 1)
        for row, parts in self.row_values:
            x = row.right - self.u(8) - sum(part.get_width() for part in parts)
            for part in parts:
                surface.blit(part, (x, row.centery - part.get_height() // 2))
                x += part.get_width()
