"""The triangle USSR – Germany – the West, with its edges drawn from the state.

USSR–West carries two lines: Stalin's trust (solid) and Western alarm (dashed);
USSR–Germany carries the Berlin channel (dotted). Thickness grows with the value, and
every line is labelled with its name and number, so nothing depends on colour. When a
value changes the shown number glides to the new one and the edge pulses, which is the
only time the view needs redrawing.

A value the team at the screen does not know (the Berlin channel, for the West, until
the contacts leak) is drawn as a thin grey line marked "?", whatever its real value:
the view never holds the hidden number, so no thickness or glide can give it away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.ui.theme import Palette, font

EDGES = ("stalin_trust", "western_alarm", "berlin_channel")
LABELS = {"stalin_trust": "Trust", "western_alarm": "Alarm", "berlin_channel": "Berlin channel"}
GLIDE_SECONDS = 1.2


@dataclass
class Glide:
    """A number moving from one value to another over GLIDE_SECONDS."""

    start: float
    target: float
    elapsed: float = GLIDE_SECONDS

    @property
    def value(self) -> float:
        t = min(1.0, self.elapsed / GLIDE_SECONDS)
        eased = 1 - (1 - t) ** 3
        return self.start + (self.target - self.start) * eased

    @property
    def moving(self) -> bool:
        return self.elapsed < GLIDE_SECONDS

    def retarget(self, target: float) -> None:
        if abs(target - self.target) > 1e-9:
            self.start, self.target, self.elapsed = self.value, target, 0.0


class TriangleView:
    """Draws the triangle into its own surface; :meth:`update` says whether it moved."""

    def __init__(self, palette: Palette, text_scale: float = 1.0) -> None:
        self.palette = palette
        self.text_scale = text_scale
        self.glides = {edge: Glide(0.0, 0.0) for edge in EDGES}
        self.deltas = {edge: 0.0 for edge in EDGES}
        self.hidden: set[str] = set()
        self.surface: pygame.Surface | None = None
        self.stale = True
        self._text_cache: dict[tuple[str, int, bool, tuple[int, int, int]], pygame.Surface] = {}

    def set_values(self, values: dict[str, float | None], deltas: dict[str, float], animate: bool = True) -> None:
        """New values from the game; they glide into place unless ``animate`` is False.

        A value of None is hidden from the team at the screen: the edge shows "?".
        """
        for edge in EDGES:
            value = values.get(edge, 0.0)
            if value is None:
                self.hidden.add(edge)
                self.glides[edge] = Glide(0.0, 0.0)
                self.deltas[edge] = 0.0
                continue
            glide = self.glides[edge]
            if animate and edge not in self.hidden:
                glide.retarget(value)
            else:
                self.glides[edge] = Glide(value, value)
            self.hidden.discard(edge)
            self.deltas[edge] = deltas.get(edge, 0.0)
        self.stale = True

    @property
    def animating(self) -> bool:
        """True while any edge is still gliding."""
        return any(glide.moving for glide in self.glides.values())

    def update(self, dt: float) -> bool:
        """Advance the glides; True if the picture changed."""
        moved = False
        for glide in self.glides.values():
            if glide.moving:
                glide.elapsed += dt
                moved = True
        if moved:
            self.stale = True
        return moved

    def render(self, size: tuple[int, int]) -> pygame.Surface:
        """The triangle at its current (gliding) values, redrawn only when stale."""
        if self.surface is not None and self.surface.get_size() == size and not self.stale:
            return self.surface
        if self.surface is None or self.surface.get_size() != size:
            self.surface = pygame.Surface(size)
        self._draw(self.surface)
        self.stale = False
        return self.surface

    def _text(self, text: str, size: int, bold: bool = False, colour: tuple[int, int, int] | None = None
              ) -> pygame.Surface:
        colour = colour or self.palette.text
        key = (text, size, bold, colour)
        image = self._text_cache.get(key)
        if image is None:
            if len(self._text_cache) > 400:
                self._text_cache.clear()
            image = self._text_cache[key] = font(size, bold).render(text, True, colour)
        return image

    def _draw(self, surface: pygame.Surface) -> None:
        p = self.palette
        surface.fill(p.panel)
        width, height = surface.get_size()
        s = self.text_scale
        label_size = max(10, int(13 * s))
        margin_x, top, bottom = int(70 * s), int(28 * s), int(34 * s)
        germany = (width // 2, top)
        west = (margin_x, height - bottom)
        ussr = (width - margin_x, height - bottom)
        # Germany – West: at war, a thin neutral line
        pygame.draw.line(surface, p.muted, germany, west, 1)
        self._edge_label(surface, "at war", germany, west, -1, label_size, p.muted)
        # USSR – West: trust (solid) above, alarm (dashed) below
        gap = int(9 * s)
        self._thick_line(surface, p.trust, (west[0], west[1] - gap), (ussr[0], ussr[1] - gap), "stalin_trust",
                         dash=None)
        self._thick_line(surface, p.alarm, (west[0], west[1] + gap), (ussr[0], ussr[1] + gap), "western_alarm",
                         dash=(14, 8))
        mid_x = (west[0] + ussr[0]) // 2
        line_h = font(label_size, True).get_linesize()
        self._value_label(surface, "stalin_trust", (mid_x, west[1] - gap - line_h // 2 - int(6 * s)), label_size,
                          p.trust)
        self._value_label(surface, "western_alarm", (mid_x, west[1] + gap + line_h // 2 + int(6 * s)),
                          label_size, p.alarm)
        # USSR – Germany: the Berlin channel, dotted
        self._thick_line(surface, p.channel, ussr, germany, "berlin_channel", dash=(4, 6))
        cx, cy = (ussr[0] + germany[0]) // 2, (ussr[1] + germany[1]) // 2
        self._value_label(surface, "berlin_channel", (cx + int(24 * s), cy - int(14 * s)), label_size, p.channel,
                          anchor="left")
        self._node(surface, germany, "Germany", "square", p.germany, label_size)
        self._node(surface, west, "The West", "diamond", p.west, label_size)
        self._node(surface, ussr, "USSR", "circle", p.ussr, label_size)

    def _thick_line(self, surface: pygame.Surface, colour: tuple[int, int, int], a: tuple[int, int],
                    b: tuple[int, int], edge: str, dash: tuple[int, int] | None) -> None:
        glide = self.glides[edge]
        if edge in self.hidden:
            colour, glide = self.palette.muted, Glide(0.0, 0.0)
            dash = (3, 9)
        width = max(1, int((1.5 + glide.value / 100 * 9) * self.text_scale))
        if glide.moving:
            pulse = 0.5 + 0.5 * math.sin(glide.elapsed * 10)
            glow = tuple(min(255, int(c * 0.45 + 60 * pulse)) for c in colour)
            pygame.draw.line(surface, glow, a, b, width + int(8 * pulse * self.text_scale) + 2)
        if dash is None:
            pygame.draw.line(surface, colour, a, b, width)
            return
        on, off = (int(d * self.text_scale) for d in dash)
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        pos = 0.0
        while pos < length:
            end = min(length, pos + on)
            pygame.draw.line(surface, colour, (a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end),
                             width)
            pos = end + off

    def _value_label(self, surface: pygame.Surface, edge: str, at: tuple[int, int], size: int,
                     colour: tuple[int, int, int], anchor: str = "center") -> None:
        glide = self.glides[edge]
        delta = self.deltas[edge]
        arrow = "▲" if delta > 0.5 else "▼" if delta < -0.5 else "•"
        trend = f" {arrow}{delta:+.0f}" if abs(delta) > 0.5 else ""
        if edge in self.hidden:
            image = self._text(f"{LABELS[edge]} ? (not known to you)", size, True, self.palette.muted)
        else:
            image = self._text(f"{LABELS[edge]} {glide.value:.0f}{trend}", size, True, colour)
        rect = image.get_rect(center=at) if anchor == "center" else image.get_rect(midleft=at)
        pad = 3
        rect.clamp_ip(surface.get_rect().inflate(-2 * pad, -2 * pad))
        pygame.draw.rect(surface, self.palette.background, rect.inflate(2 * pad, pad), border_radius=4)
        surface.blit(image, rect)

    def _edge_label(self, surface: pygame.Surface, text: str, a: tuple[int, int], b: tuple[int, int],
                    side: int, size: int, colour: tuple[int, int, int]) -> None:
        image = self._text(text, size, False, colour)
        cx, cy = (a[0] + b[0]) // 2, (a[1] + b[1]) // 2
        rect = image.get_rect(midright=(cx - int(10 * self.text_scale), cy)) if side < 0 \
            else image.get_rect(midleft=(cx + int(10 * self.text_scale), cy))
        rect.clamp_ip(surface.get_rect())
        surface.blit(image, rect)

    def _node(self, surface: pygame.Surface, centre: tuple[int, int], name: str, shape: str,
              colour: tuple[int, int, int], size: int) -> None:
        r = int(15 * self.text_scale)
        x, y = centre
        outline = self.palette.text
        if shape == "circle":
            pygame.draw.circle(surface, colour, centre, r)
            pygame.draw.circle(surface, outline, centre, r, 2)
        elif shape == "square":
            rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
            pygame.draw.rect(surface, colour, rect)
            pygame.draw.rect(surface, outline, rect, 2)
        else:
            points = [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
            pygame.draw.polygon(surface, colour, points)
            pygame.draw.polygon(surface, outline, points, 2)
        image = self._text(name, size, True)
        if shape == "square":
            rect = image.get_rect(midleft=(x + r + 8, y))
        else:
            rect = image.get_rect(midtop=(x, y + r + 4))
        surface.blit(image, rect)
