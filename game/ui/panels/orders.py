"""The standing orders: the seat's own (its draft while it sets them) and the others' it knows of."""

from __future__ import annotations

from html import escape

import pygame
from pygame_gui.elements import UITextBox

from game.ui.panels.base import Panel
from game.ui.theme import hex_colour


class OrdersPanel(Panel):
    """A text box of orders, built from the view's own and known orders."""

    box: UITextBox | None = None

    def build(self, rect: pygame.Rect) -> None:
        view = self.view
        muted = hex_colour(self.app.palette.muted)
        words = (view.ending.month if view.ending is not None else view.month).split(" ")
        month = escape(words[0][:3] + " " + words[-1])
        # once the year has ended the calendar may stand a month on; the orders are those it ended with
        lines = [f"<b>Standing orders at the end, {month}</b>" if view.ending is not None
                 else f"<b>Standing orders for {month}</b>"]
        drafted = self.main.drafts.drafted()
        for order in view.own_orders:
            option = drafted.get(order.policy, order.option)
            lines.append(f"{escape(order.label)}: <i>{escape(option)}</i>")
        others = [p for p in self.scenario.policies if p.power != view.power]
        if others:
            lines.append(f"<font color='{muted}'>Other powers:</font>")
            for order in view.orders:
                mark = " (changed)" if order.changed else ""
                lines.append(f"<font color='{muted}'>{escape(order.power_name)} — {escape(order.label)}: "
                             f"{escape(order.option)}{mark}</font>")
            known = {o.policy for o in view.orders}
            unknown = [p for p in others if p.id not in known]
            for power in dict.fromkeys(p.power for p in unknown if p.power in self.deck.table.humans):
                lines.append(f"<font color='{muted}'><i>{escape(self.scenario.power(power).name)}: "
                             f"{escape(self.main.team(power))}'s orders, not known to you</i></font>")
            if any(p.power not in self.deck.table.humans for p in unknown):
                lines.append(f"<font color='{muted}'><i>Some orders are not known to you.</i></font>")
        self.box = self.main.textbox("<br>".join(lines), rect, "#orders")
