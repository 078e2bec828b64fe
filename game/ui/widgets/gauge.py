"""The board of a scenario without a map: a labelled gauge of its front variable.

A scenario that binds no ``[presentation.map]`` is not drawn on somebody else's geography:
the window shows the front variable as a bar from its minimum to its maximum, the value as
the seat knows it (or that it does not), and which end is good for the seat; hovering the
bar tells what moved it lately, as hovering a map's front does. It answers the map view's
calls (``resize``, ``surface``, ``hover``), so the board needs no other code path.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.fit import wrap_lines
from game.ui.theme import Palette, font
from game.ui.widgets.mapfacts import MapFacts
from game.ui.widgets.mapview import front_lines

#: width / height of the gauge's box (a map's aspect, so the layout treats both alike)
ASPECT = 1.6


class GaugeView:
    """A bar for the front variable, drawn into a rectangle of any size."""

    #: never folded: there is no legend to open
    legend_full: pygame.Surface | None = None
    legend_rect = pygame.Rect(0, 0, 0, 0)
    caption = ""

    def __init__(self, label: str, low: float, high: float, good: str, palette: Palette,
                 text_scale: float = 1.0, marks: tuple[tuple[float, str], ...] = ()) -> None:
        self.label, self.low, self.high, self.good = label, low, high, good
        #: the endings along the bar: (the number that reaches it, what it says of it)
        self.marks = marks
        #: where each mark's words were drawn (view coordinates), for tests
        self.mark_boxes: list[pygame.Rect] = []
        self.palette = palette
        self.text_scale = text_scale
        self.size = (0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)
        self.known = True
        #: the value written in words (the one the seat knows; the bar may still be gliding to it)
        self.shown: float | None = None
        self.composed: pygame.Surface | None = None
        self.composed_front: tuple[float, bool, str, float | None] | None = None
        #: where the bar was drawn (view coordinates), for tests
        self.bar = pygame.Rect(0, 0, 0, 0)
        self.lines: list[str] = []

    def resize(self, size: tuple[int, int]) -> None:
        if size == self.size and self.composed is not None:
            return
        self.size = size
        self.box = pygame.Rect(0, 0, *size)
        self.composed = pygame.Surface(size)
        self.composed_front = None

    def surface(self, front: float) -> pygame.Surface:
        """The gauge at ``front`` (or "not known" when :attr:`known` is False); redrawn only when it changes."""
        assert self.composed is not None
        key = (round(front, 1), self.known, self.good, self.shown)
        if self.composed_front == key:
            return self.composed
        p, surface = self.palette, self.composed
        surface.fill(p.panel)
        width, height = self.size
        pad = max(8, int(14 * self.text_scale))
        face = font(max(11, int(15 * self.text_scale)))
        bold = font(max(12, int(18 * self.text_scale)), bold=True)
        y = pad
        told = front if self.shown is None else self.shown
        value = f"{told:.0f} (from {self.low:g} to {self.high:g})" if self.known else "not known to you"
        self.lines = [f"{self.label}: {value}", self.good]
        for index, line in enumerate(self.lines):
            face_of = bold if index == 0 else face
            for part in wrap_lines(face_of, line, width - 2 * pad):
                surface.blit(face_of.render(part, True, p.text), (pad, y))
                y += face_of.get_linesize()
        bar_h = max(14, int(22 * self.text_scale))
        self.bar = pygame.Rect(pad, max(y + pad, (height - bar_h) // 2), width - 2 * pad, bar_h)
        pygame.draw.rect(surface, p.background, self.bar)
        if self.known and self.high > self.low:
            share = min(1.0, max(0.0, (front - self.low) / (self.high - self.low)))
            filled = pygame.Rect(self.bar.x, self.bar.y, round(self.bar.width * share), bar_h)
            pygame.draw.rect(surface, p.trust, filled)
            mark_x = self.bar.x + round(self.bar.width * share)
            pygame.draw.line(surface, p.text, (mark_x, self.bar.y - 6), (mark_x, self.bar.bottom + 6), 3)
        pygame.draw.rect(surface, p.muted, self.bar, 1)
        for text, x, anchor in ((f"{self.low:g}", self.bar.x, "left"), (f"{self.high:g}", self.bar.right, "right")):
            image = face.render(text, True, p.muted)
            surface.blit(image, (x - (image.get_width() if anchor == "right" else 0), self.bar.bottom + 6))
        self._draw_marks(surface, face, self.bar.bottom + 6 + face.get_linesize() + pad // 2)
        self.composed_front = key
        return surface

    def _draw_marks(self, surface: pygame.Surface, face: pygame.font.Font, top: int) -> None:
        """A tick across the bar at each ending's number, and below the bar its title and number,
        wrapped to the box and kept inside it."""
        p = self.palette
        self.mark_boxes = []
        if self.high <= self.low:
            return
        y = top
        for number, title in self.marks:
            share = min(1.0, max(0.0, (number - self.low) / (self.high - self.low)))
            x = self.bar.x + round(self.bar.width * share)
            pygame.draw.line(surface, p.alarm, (x, self.bar.y - 4), (x, self.bar.bottom + 4), 2)
            images = [face.render(part, True, p.alarm) for part in wrap_lines(face, title, self.bar.width)]
            widest = max((image.get_width() for image in images), default=0)
            left = min(max(self.bar.x, x - 2), self.bar.right - widest)  # one block, starting at the tick
            for image in images:
                box = pygame.Rect(left, y, image.get_width(), image.get_height())
                if box.bottom > self.size[1]:
                    return
                surface.blit(image, box)
                self.mark_boxes.append(box)
                y += face.get_linesize()

    def hover(self, pos: tuple[int, int], front: float, facts: Callable[[], MapFacts], radius: int,
              ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None:
        """Over the bar: the front variable as the seat knows it and what moved it lately (as on a map's front)."""
        if not self.bar.inflate(0, 2 * radius).collidepoint(pos):
            return None
        return ("front_line",), front_lines(facts(), None), pos

    def places(self) -> list[str]:
        """The one place the keyboard can point at on a gauge: its bar."""
        return ["front_line"]

    def tip_for(self, place: str, front: float, facts: Callable[[], MapFacts],
                ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None:
        """The bar's tip, hanging from its middle."""
        return ("front_line",), front_lines(facts(), None), self.bar.center
