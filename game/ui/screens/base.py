"""What every screen shares: building pygame_gui elements, buttons wired to actions, focus.

A screen builds its elements when it becomes the top of the stack and kills them when it
leaves, so only one screen's widgets exist at a time; a resize or a settings change simply
rebuilds the top screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIElement
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UITooltip

from game.ui.fit import first_fitting, fit_text, wrap_lines
from game.ui.focus import Focusable, FocusRing

if TYPE_CHECKING:
    from game.ui.app import App


def scroll_box(box, fraction: float) -> None:
    """Scroll a text box by a fraction of its length (PageUp / PageDown)."""
    bar = getattr(box, "scroll_bar", None)
    if bar is None:
        return
    start = min(max(0.0, bar.start_percentage + fraction), 1.0 - bar.visible_percentage)
    bar.set_scroll_from_start_percentage(start)


class Screen:
    """A full-window screen on the app's stack."""

    #: screens that show the game (main) keep the app awake while they animate
    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list = []
        self.actions: dict[UIElement, Callable[[], None]] = {}
        self.focus = FocusRing()

    # -- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """Build the elements for the current window size."""
        self.build()

    def leave(self) -> None:
        """Kill every element (the screen may be entered again later)."""
        for element in self.elements:
            element.kill()
        self.elements = []
        self.actions = {}
        self.focus.clear()

    def rebuild(self) -> None:
        """Rebuild after a resize or a settings change, keeping the focus."""
        self.leave()
        self.build()

    def build(self) -> None:
        """Create this screen's elements (override)."""

    # -- helpers ----------------------------------------------------------------------

    @property
    def scale(self) -> float:
        return self.app.settings.ui_scale

    def u(self, value: float) -> int:
        """Layout units (designed at 100%) to pixels at the current UI scale."""
        return int(round(value * self.app.settings.ui_scale))

    def t(self, value: float) -> int:
        """Text-driven sizes (row heights) at the current UI scale and text size."""
        return int(round(value * self.app.settings.text_factor))

    def font_of(self, element):
        """The pygame_gui font an element is drawn with (for fitting text)."""
        return self.app.manager.get_theme().get_font(element.combined_element_ids)

    def keep(self, element):
        self.elements.append(element)
        return element

    def label(self, text: str | Sequence[str], rect: pygame.Rect, object_id: str = "", fit: bool = True) -> UILabel:
        """A one-line label: the first of several wordings that fits (the layout test fails
        on the ellipsis that marks text still too long for its box)."""
        element = UILabel(rect, "", self.app.manager, object_id=ObjectID(object_id=object_id or None))
        variants = [text] if isinstance(text, str) else list(text)
        chosen = first_fitting(self.font_of(element), variants, rect.width - 4)
        element.set_text(fit_text(self.font_of(element), chosen, rect.width - 4) if fit else chosen)
        return self.keep(element)

    def textbox(self, html: str, rect: pygame.Rect, object_id: str = "") -> UITextBox:
        """A wrapped, scrolling block of formatted text."""
        return self.keep(UITextBox(html, rect, self.app.manager, object_id=ObjectID(object_id=object_id or None)))

    def panel(self, rect: pygame.Rect, object_id: str = "") -> UIPanel:
        return self.keep(UIPanel(rect, starting_height=0, manager=self.app.manager,
                                 object_id=ObjectID(object_id=object_id or None)))

    def button(self, text: str | Sequence[str], rect: pygame.Rect, action: Callable[[], None], key: str = "",
               object_id: str = "", tooltip: str | None = None, focusable: bool = True,
               step: Callable[[int], None] | None = None, on_focus: Callable[[], None] | None = None,
               enabled: bool = True) -> UIButton:
        """A button that runs ``action`` when clicked or activated from the keyboard.

        ``text`` may be several wordings, longest first: the first that fits is shown.
        """
        variants = [text] if isinstance(text, str) else list(text)
        element = UIButton(rect, variants[0], self.app.manager, tool_tip_text=tooltip,
                           object_id=ObjectID(object_id=object_id or None))
        text = first_fitting(self.font_of(element), variants, rect.width - self.u(20))
        shortened = fit_text(self.font_of(element), text, rect.width - self.u(20))
        if shortened != variants[0]:
            element.set_text(shortened)
        if not enabled:
            element.disable()
        self.actions[element] = action
        if focusable:
            self.focus.add(Focusable(key or variants[0], element, action, step, on_focus))
        return self.keep(element)

    # -- events -----------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Button presses and keyboard traversal; screens extend it. True if used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            item = next((i for i in self.focus.items if i.element is event.ui_element), None)
            if item is not None:
                self.focus.current = item.key
            self.actions[event.ui_element]()
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            return self.focus.handle_key(event)
        return False

    def back(self) -> None:
        """Esc: leave this screen (override where Esc means something else)."""
        if len(self.app.screens) > 1:
            self.app.pop()

    def update(self, dt: float) -> bool:
        """Advance animations; True while something on the screen is moving."""
        return False

    def hover_rects(self) -> list[pygame.Rect]:
        """The rectangles the screen's own hover drawing (not pygame_gui's) changed since last asked."""
        return []

    def animated_rects(self) -> list[pygame.Rect] | None:
        """The rectangles an animation changes, if it is confined to them (None: redraw all)."""
        return None

    def draw_animated(self, surface: pygame.Surface, rects: list[pygame.Rect]) -> None:
        """Redraw only the rectangles of :meth:`animated_rects` (no widgets overlap them)."""

    def toast_area(self) -> pygame.Rect | None:
        """Where a toast may show without covering a control (None: above the bottom edge)."""
        return None

    def draw_background(self, surface: pygame.Surface) -> None:
        """Draw what lies under the widgets."""
        surface.fill(self.app.palette.background)

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Draw what lies over the widgets: the focus ring."""
        self.focus.draw(surface, self.app.palette.focus, max(2, self.u(3)))

    def draw_tips(self, surface: pygame.Surface) -> None:
        """Draw the tooltips again, last: pygame_gui draws them with the widgets, so the focus
        ring (drawn over the widgets) would otherwise cover the tip the player is reading."""
        for sprite in self.app.manager.get_sprite_group().sprites():
            if isinstance(sprite, UITooltip):
                for part in (sprite, sprite.text_block):
                    if part is not None and part.visible and part.image is not None:
                        surface.blit(part.image, part.rect)


def column_buttons(screen: Screen, title: str, entries: list[tuple[str | tuple[str, ...], Callable[[], None], bool]],
                   subtitle: str = "") -> None:
    """A centred title and buttons: the shape of every menu.

    One column when it fits; otherwise lower buttons, then two or three columns, so a
    menu at 200% scale in a small window still fits without scrolling.
    """
    width, height = screen.app.size
    margin = screen.u(16)
    gap = screen.u(10)
    title_h = screen.t(56)
    title_w = min(width - 2 * margin, screen.t(900))
    sub_face = screen.app.manager.get_theme().get_font(["#subtitle"])
    sub_lines = wrap_lines(sub_face, subtitle, title_w - screen.u(12)) if subtitle else []
    line_h = max(screen.t(30), sub_face.size("Hg")[1] + screen.u(6))
    sub_h = line_h * len(sub_lines)
    head = title_h + sub_h + screen.u(16)
    columns, button_h = 1, screen.t(46)
    for columns in (1, 2, 3):
        rows = math.ceil(len(entries) / columns)
        fitting = [h for h in (screen.t(46), screen.t(40), screen.t(36))
                   if head + rows * (h + gap) <= height - 2 * margin]
        if fitting:
            button_h = fitting[0]
            break
    rows = math.ceil(len(entries) / columns)
    button_w = min((width - 2 * margin - (columns - 1) * gap) // columns, screen.t(420))
    total = head + rows * (button_h + gap)
    y = max(margin, (height - total) // 2)
    screen.label(title, pygame.Rect((width - title_w) // 2, y, title_w, title_h), "#title")
    y += title_h
    for line in sub_lines:  # wrapped, never cut
        screen.label(line, pygame.Rect((width - title_w) // 2, y, title_w, line_h), "#subtitle")
        y += line_h
    y += screen.u(16)
    left = (width - columns * button_w - (columns - 1) * gap) // 2
    for index, (text, action, enabled) in enumerate(entries):
        column, row = index // rows, index % rows
        rect = pygame.Rect(left + column * (button_w + gap), y + row * (button_h + gap), button_w, button_h)
        variants = (text,) if isinstance(text, str) else text
        screen.button(variants, rect, action, variants[0], "#menu_button", enabled=enabled)
