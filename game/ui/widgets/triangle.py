"""The triangle of the powers, with its edges drawn from the state.

Which powers stand at the corners and which numbers run along the edges is the
scenario's ``[presentation] triangle`` (a list of edges: two powers and a variable, with
a line style); each power is drawn in its own ``colour`` and ``shape``. Two edges between
the same powers run side by side. Thickness grows with the value, and every line is
labelled with its name and number, so nothing depends on colour. When a value changes
the shown number glides to the new one and the edge pulses, which is the only time the
view needs redrawing.

A value the team at the screen does not know is drawn as a thin grey line marked "not known",
whatever its real value: the view never holds the hidden number, so no thickness or
glide can give it away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.scenario.model import Edge, Power, Scenario
from game.ui.theme import Palette, font, power_colours

GLIDE_SECONDS = 1.2
#: a line style of the scenario -> (on, off) dash lengths; None is a solid line
DASHES: dict[str, tuple[int, int] | None] = {"solid": None, "": None, "dashed": (14, 8), "dotted": (4, 6)}


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


def corners(count: int, width: int, height: int, margin_x: int, top: int, bottom: int) -> list[tuple[int, int]]:
    """Where ``count`` powers stand: a triangle for three (one on top), a line for two, else a circle."""
    if count == 3:
        return [(width // 2, top), (margin_x, height - bottom), (width - margin_x, height - bottom)]
    if count == 2:
        return [(margin_x, height // 2), (width - margin_x, height // 2)]
    cx, cy = width // 2, (top + height - bottom) // 2
    radius = min(width // 2 - margin_x, (height - top - bottom) // 2)
    return [(int(cx + radius * math.sin(2 * math.pi * i / max(1, count))),
             int(cy - radius * math.cos(2 * math.pi * i / max(1, count)))) for i in range(count)]


class TriangleView:
    """Draws the scenario's triangle into its own surface; :meth:`update` says whether it moved."""

    def __init__(self, palette: Palette, scenario: Scenario, text_scale: float = 1.0) -> None:
        self.palette = palette
        self.text_scale = text_scale
        #: the scale the last draw used: the text scale, less where the box is small
        self.scale = text_scale
        #: where each value label and each power's name were drawn at the last full draw (for tests)
        self.label_rects: list[pygame.Rect] = []
        self.name_rects: list[pygame.Rect] = []
        #: each power's colour in this theme (the scenario's, or the theme's by order)
        self.colours = power_colours(palette, scenario)
        self.edges: tuple[Edge, ...] = scenario.presentation.triangle
        powers = {p.id: p for p in scenario.powers}
        ids = list(dict.fromkeys(pid for edge in self.edges for pid in (edge.a, edge.b) if pid in powers))
        self.powers: list[Power] = [powers[pid] for pid in ids]
        self.labels = {v.id: v.label for v in scenario.variables}
        variables = [edge.variable for edge in self.edges]
        self.glides = {var: Glide(0.0, 0.0) for var in variables}
        self.deltas = {var: 0.0 for var in variables}
        self.hidden: set[str] = set()
        self.surface: pygame.Surface | None = None
        self.stale = True
        self._text_cache: dict[tuple[str, int, bool, tuple[int, int, int]], pygame.Surface] = {}

    def colour_of(self, index: int) -> tuple[int, int, int]:
        """An edge's colour (from the palette's line colours, in turn)."""
        p = self.palette
        return (p.trust, p.alarm, p.channel)[index % 3]

    def set_values(self, values: dict[str, float | None], deltas: dict[str, float], animate: bool = True) -> None:
        """New values by variable id; they glide into place unless ``animate`` is False.

        A value of None is hidden from the team at the screen: the edge shows "?".
        """
        for var in self.glides:
            value = values.get(var, 0.0)
            if value is None:
                self.hidden.add(var)
                self.glides[var] = Glide(0.0, 0.0)
                self.deltas[var] = 0.0
                continue
            glide = self.glides[var]
            if animate and var not in self.hidden:
                glide.retarget(value)
            else:
                self.glides[var] = Glide(value, value)
            self.hidden.discard(var)
            self.deltas[var] = deltas.get(var, 0.0)
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
        # the drawing gives way in a small box: the nodes and their words shrink with the box (not
        # below the normal size) rather than run into each other (1280x720 at 200%, large text)
        s = min(self.text_scale, max(1.0, min(width / 300, height / 240)))
        self.scale = s
        label_size = max(10, int(13 * s))
        # the bottom corners stand in far enough for their names, which hang centred under them
        bottom_names = [self._text(power.name, label_size, True).get_width() for power in self.powers[1:]]
        margin_x = min(width // 4, max(int(15 * s) + 6, max(bottom_names, default=0) // 2 + 6))
        places = corners(len(self.powers), width, height, margin_x, int(28 * s), int(34 * s))
        at = {power.id: place for power, place in zip(self.powers, places, strict=True)}
        pairs: dict[frozenset[str], list[tuple[int, Edge]]] = {}
        for index, edge in enumerate(self.edges):
            if edge.a in at and edge.b in at:
                pairs.setdefault(frozenset((edge.a, edge.b)), []).append((index, edge))
        for i, first in enumerate(self.powers):  # powers with no edge between them: a thin line
            for second in self.powers[i + 1:]:
                if frozenset((first.id, second.id)) not in pairs:
                    pygame.draw.line(surface, p.muted, at[first.id], at[second.id], 1)
        gap = int(9 * s)
        labels: list[tuple[str, tuple[int, int], tuple[int, int], float, tuple[int, int, int]]] = []
        centre = (sum(x for x, _ in places) // max(1, len(places)), sum(y for _, y in places) // max(1, len(places)))
        for group in pairs.values():
            for slot, (index, edge) in enumerate(group):
                offset = (slot - (len(group) - 1) / 2) * 2 * gap
                a, b = _shifted(at[edge.a], at[edge.b], offset)
                colour = self.colour_of(index)
                self._thick_line(surface, colour, a, b, edge.variable, DASHES.get(edge.style, None))
                labels.append((edge.variable, a, b, (slot + 1) / (len(group) + 1), colour))
        placed = [pygame.Rect(x - 2 * gap, y - 2 * gap, 4 * gap, 4 * gap) for x, y in places]  # the nodes
        self.name_rects = [self._name_rect(surface, at[power.id], power, label_size) for power in self.powers]
        placed += self.name_rects
        self.label_rects = []
        for var, a, b, share, colour in labels:
            self._value_label(surface, var, (a, b, share, centre), gap, label_size, colour, placed)
        for power in self.powers:
            self._node(surface, at[power.id], power, label_size)

    def _thick_line(self, surface: pygame.Surface, colour: tuple[int, int, int], a: tuple[int, int],
                    b: tuple[int, int], var: str, dash: tuple[int, int] | None) -> None:
        glide = self.glides[var]
        if var in self.hidden:
            colour, glide = self.palette.muted, Glide(0.0, 0.0)
            dash = (3, 9)
        width = max(1, int((1.5 + glide.value / 100 * 9) * self.scale))
        if glide.moving:
            pulse = 0.5 + 0.5 * math.sin(glide.elapsed * 10)
            glow = tuple(min(255, int(c * 0.45 + 60 * pulse)) for c in colour)
            pygame.draw.line(surface, glow, a, b, width + int(8 * pulse * self.scale) + 2)
        if dash is None:
            pygame.draw.line(surface, colour, a, b, width)
            return
        on, off = (max(1, int(d * self.scale)) for d in dash)
        length = math.dist(a, b) or 1.0
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        pos = 0.0
        while pos < length:
            end = min(length, pos + on)
            pygame.draw.line(surface, colour, (a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end),
                             width)
            pos = end + off

    def _value_label(self, surface: pygame.Surface, var: str,
                     line: tuple[tuple[int, int], tuple[int, int], float, tuple[int, int]], gap: int, size: int,
                     colour: tuple[int, int, int], placed: list[pygame.Rect]) -> None:
        """The edge's name and value beside its line, clear of the line, the nodes and the labels
        already drawn: outside the triangle first, then inside, at a few places along the line."""
        glide = self.glides[var]
        delta = self.deltas[var]
        arrow = "▲" if delta > 0.5 else "▼" if delta < -0.5 else "•"
        trend = f" {arrow}{delta:+.0f}" if abs(delta) > 0.5 else ""
        label = self.labels.get(var, var)
        a, b, share, centre = line
        pad = 3
        bounds = surface.get_rect().inflate(-2 * pad, -2 * pad)
        # in a small box with large text the label may find no free place: smaller type before a clash
        for scale in (1.0, 0.85, 0.72, 0.6):
            face = max(9, int(size * scale))
            if var in self.hidden:
                image = self._text(f"{label}: not known", face, True, self.palette.muted)
            else:
                image = self._text(f"{label} {glide.value:.0f}{trend}", face, True, colour)
            candidates = []
            for t in (share, 0.5, 0.3, 0.7, 0.2, 0.8):
                at = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                normal = _normal(a, b, 1.0)
                inward = (centre[0] - at[0]) * normal[0] + (centre[1] - at[1]) * normal[1]
                for side in ((-1.0, 1.0) if inward >= 0 else (1.0, -1.0)):
                    nx, ny = normal[0] * side, normal[1] * side
                    # far enough along the normal that the box clears the line whatever its slope
                    reach = gap + abs(nx) * image.get_width() / 2 + abs(ny) * image.get_height() / 2
                    rect = image.get_rect(center=(round(at[0] + nx * reach), round(at[1] + ny * reach)))
                    if bounds.contains(rect):
                        candidates.append(rect)
            free = [r for r in candidates if not any(r.inflate(2 * pad, pad).colliderect(o) for o in placed)]
            if free:
                break
        midpoint = image.get_rect(center=(round((a[0] + b[0]) / 2), round((a[1] + b[1]) / 2)))
        rect = (free or candidates or [midpoint])[0]
        rect.clamp_ip(bounds)
        placed.append(rect.inflate(2 * pad, pad))
        self.label_rects.append(rect)
        pygame.draw.rect(surface, self.palette.background, rect.inflate(2 * pad, pad), border_radius=4)
        surface.blit(image, rect)

    def _node(self, surface: pygame.Surface, centre: tuple[int, int], power: Power, size: int) -> None:
        r = int(15 * self.scale)
        x, y = centre
        outline = self.palette.text
        colour = self.colours.get(power.id, self.palette.focus)
        shape = power.shape or "diamond"
        if shape == "circle":
            pygame.draw.circle(surface, colour, centre, r)
            pygame.draw.circle(surface, outline, centre, r, 2)
        elif shape == "square":
            rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
            pygame.draw.rect(surface, colour, rect)
            pygame.draw.rect(surface, outline, rect, 2)
        else:
            points = [(x, y - r - 2), (x + r + 2, y + r), (x - r - 2, y + r)] if shape == "triangle" else \
                [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
            pygame.draw.polygon(surface, colour, points)
            pygame.draw.polygon(surface, outline, points, 2)
        surface.blit(self._text(power.name, size, True), self._name_rect(surface, centre, power, size))

    def _name_rect(self, surface: pygame.Surface, centre: tuple[int, int], power: Power, size: int) -> pygame.Rect:
        """Where a node's name goes: beside a node near the top, under the others."""
        r = int(15 * self.scale)
        x, y = centre
        image = self._text(power.name, size, True)
        top_corner = y < surface.get_height() // 3
        rect = image.get_rect(midleft=(x + r + 8, y)) if top_corner else image.get_rect(midtop=(x, y + r + 4))
        rect.clamp_ip(surface.get_rect())
        return rect


def _normal(a: tuple[int, int], b: tuple[int, int], side: float) -> tuple[float, float]:
    """The unit normal of the segment a–b, to one ``side`` of it."""
    length = math.dist(a, b) or 1.0
    return -(b[1] - a[1]) / length * side, (b[0] - a[0]) / length * side


def _shifted(a: tuple[int, int], b: tuple[int, int], offset: float) -> tuple[tuple[int, int], tuple[int, int]]:
    """The segment a–b moved sideways by ``offset`` pixels."""
    length = math.dist(a, b) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    dx, dy = round(nx * offset), round(ny * offset)
    return (a[0] + dx, a[1] + dy), (b[0] + dx, b[1] + dy)
