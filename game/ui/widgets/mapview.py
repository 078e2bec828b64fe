"""The map of Europe and the Eastern Front.

The countries are drawn once per size onto a cached surface. The front layer (the
German-occupied band between the 1941 frontier and the front, hatched and tinted, plus
the front line with its teeth toward the enemy) is redrawn only when the front value
shown changes, which during play means for the second or so that the line moves.
Meaning never rests on colour alone: the occupied band is hatched, the front has teeth,
and everything carries a label or a legend entry.
"""

from __future__ import annotations

import math

import pygame

from game.ui.theme import Palette, font
from game.ui.widgets.geography import City, Geography, Point

AXIS_CORE = ("Germany", "Austria")


class MapView:
    """Draws the map into a rectangle of any size, keeping the projection's aspect."""

    def __init__(self, geography: Geography, palette: Palette, text_scale: float = 1.0) -> None:
        self.geo = geography
        self.palette = palette
        self.text_scale = text_scale
        self.size = (0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)
        self.base: pygame.Surface | None = None
        self.hatch: pygame.Surface | None = None
        self.composed: pygame.Surface | None = None
        self.composed_front: float | None = None
        self.caption = ""

    def resize(self, size: tuple[int, int]) -> None:
        """Redraw the static layer for a new size."""
        if size == self.size and self.base is not None:
            return
        self.size = size
        width, height = size
        aspect = self.geo.aspect
        box_w = min(width, int(height * aspect))
        box_h = int(box_w / aspect)
        self.box = pygame.Rect((width - box_w) // 2, (height - box_h) // 2, box_w, box_h)
        self.base = self._draw_base()
        self.hatch = self._draw_hatch()
        self.composed = None
        self.composed_front = None

    def to_px(self, point: Point) -> tuple[int, int]:
        """A unit-box point to pixels in the view."""
        return (self.box.x + round(point[0] * self.box.w), self.box.y + round(point[1] * self.box.h))

    # -- static layer ---------------------------------------------------------------

    def _draw_base(self) -> pygame.Surface:
        p = self.palette
        surface = pygame.Surface(self.size)
        surface.fill(p.sea)
        for name, group, rings in self.geo.countries:
            fill = p.soviet_land if group == "ussr_1941" else p.land
            for ring in rings:
                if len(ring) < 3:
                    continue
                points = [self.to_px(point) for point in ring]
                pygame.draw.polygon(surface, fill, points)
                pygame.draw.lines(surface, p.border, True, points, 1)
            if name in AXIS_CORE and rings:
                self._stipple(surface, [self.to_px(pt) for pt in rings[0]])
        self._label_countries(surface)
        return surface

    def _stipple(self, surface: pygame.Surface, points: list[tuple[int, int]]) -> None:
        """Dots over the Reich, so Germany reads as the enemy without relying on colour."""
        mask = pygame.Surface(self.size, pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255, 255), points)
        dots = pygame.Surface(self.size, pygame.SRCALPHA)
        step = max(6, int(9 * self.text_scale))
        for y in range(0, self.size[1], step):
            for x in range((y // step % 2) * step // 2, self.size[0], step):
                dots.fill((*self.palette.germany, 150), (x, y, 2, 2))
        dots.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(dots, (0, 0))

    def _label_countries(self, surface: pygame.Surface) -> None:
        size = max(9, int(11 * self.text_scale))
        labels = (("GERMANY", (0.30, 0.53)), ("SOVIET UNION", (0.86, 0.30)), ("SWEDEN", (0.38, 0.24)),
                  ("TURKEY", (0.72, 0.86)), ("ITALY", (0.31, 0.70)))
        for text, point in labels:
            image = font(size, bold=True).render(text, True, self.palette.border)
            x, y = self.to_px(point)
            surface.blit(image, (x - image.get_width() // 2, y - image.get_height() // 2))

    def _draw_hatch(self) -> pygame.Surface:
        hatch = pygame.Surface(self.size, pygame.SRCALPHA)
        step = max(7, int(9 * self.text_scale))
        width, height = self.size
        for offset in range(-height, width, step):
            pygame.draw.line(hatch, (*self.palette.occupied, 235), (offset, height), (offset + height, 0), 2)
        return hatch

    # -- the front ------------------------------------------------------------------

    def surface(self, front: float) -> pygame.Surface:
        """The map with the front at ``front``; cached while the value does not change."""
        front = round(front, 1)
        if self.composed is not None and self.composed_front == front:
            return self.composed
        assert self.base is not None and self.hatch is not None
        composed = self.base.copy()
        line = [self.to_px(point) for point in self.geo.front_line(front)]
        frontier = [self.to_px(point) for point in self.geo.frontier]
        if len(line) >= 2 and len(frontier) == len(line):
            self._draw_occupied(composed, line + frontier[::-1])
            self._draw_frontier(composed, frontier)
            self._draw_front(composed, line)
        self._draw_cities(composed)
        self._draw_offmap(composed)
        self._draw_legend(composed, front)
        self.composed, self.composed_front = composed, front
        return composed

    def city_at(self, pos: tuple[int, int], radius: int = 14) -> City | None:
        """The city drawn within ``radius`` pixels of ``pos`` (map coordinates), if any."""
        best, best_d = None, radius * radius
        for city in self.geo.cities:
            x, y = self.to_px((city.x, city.y))
            d = (x - pos[0]) ** 2 + (y - pos[1]) ** 2
            if d <= best_d:
                best, best_d = city, d
        return best

    def occupied(self, city: City, front: float) -> bool:
        """True when ``city`` lies behind the German side of the front at ``front``."""
        line = list(self.geo.front_line(front))
        frontier = list(self.geo.frontier)
        if len(line) < 2 or len(frontier) != len(line):
            return False
        return inside((city.x, city.y), line + frontier[::-1])

    def _draw_occupied(self, surface: pygame.Surface, polygon: list[tuple[int, int]]) -> None:
        assert self.hatch is not None
        tint = pygame.Surface(self.size, pygame.SRCALPHA)
        pygame.draw.polygon(tint, (*self.palette.occupied, 60), polygon)
        mask = pygame.Surface(self.size, pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255, 255), polygon)
        hatch = self.hatch.copy()
        hatch.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(tint, (0, 0))
        surface.blit(hatch, (0, 0))

    def _draw_frontier(self, surface: pygame.Surface, frontier: list[tuple[int, int]]) -> None:
        for index, (a, b) in enumerate(zip(frontier, frontier[1:], strict=False)):
            if index % 2 == 0:
                pygame.draw.line(surface, self.palette.border, a, b, 2)

    def _draw_front(self, surface: pygame.Surface, line: list[tuple[int, int]]) -> None:
        colour = self.palette.front
        width = max(3, int(3 * self.text_scale))
        pygame.draw.lines(surface, (255, 255, 255), False, line, width + 3)
        pygame.draw.lines(surface, colour, False, line, width)
        tooth = max(5, int(6 * self.text_scale))
        for a, b in zip(line, line[1:], strict=False):
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = math.hypot(dx, dy)
            if length < 4:
                continue
            # the line runs north to south, so its left-hand normal points west, at the enemy
            nx, ny = dy / length, -dx / length
            mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            base_a = (mid[0] - dx / length * tooth / 2, mid[1] - dy / length * tooth / 2)
            base_b = (mid[0] + dx / length * tooth / 2, mid[1] + dy / length * tooth / 2)
            tip = (mid[0] + nx * tooth, mid[1] + ny * tooth)
            pygame.draw.polygon(surface, colour, [base_a, base_b, tip])

    def _halo_text(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: int,
                   bold: bool = False, anchor: str = "left") -> pygame.Rect:
        face = font(size, bold)
        image = face.render(text, True, self.palette.map_text)
        halo = face.render(text, True, self.palette.land if self.palette.sea != (0, 0, 0) else (0, 0, 0))
        x, y = pos
        if anchor == "right":
            x -= image.get_width()
        elif anchor == "center":
            x -= image.get_width() // 2
        y -= image.get_height() // 2
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
            surface.blit(halo, (x + dx, y + dy))
        surface.blit(image, (x, y))
        return pygame.Rect(x, y, image.get_width(), image.get_height())

    def _draw_cities(self, surface: pygame.Surface) -> None:
        size = max(10, int(12 * self.text_scale))
        # where each label sits relative to its dot, chosen so neighbours do not collide
        placement = {"kiev": "left", "smolensk": "left", "berlin": "left", "stockholm": "left",
                     "leningrad": "above", "kharkov": "below", "stalingrad": "right"}
        for city in self.geo.cities:
            x, y = self.to_px((city.x, city.y))
            radius = max(3, int(4 * self.text_scale))
            pygame.draw.circle(surface, (255, 255, 255), (x, y), radius + 2)
            pygame.draw.circle(surface, self.palette.map_text, (x, y), radius)
            if city.id == "moscow":
                pygame.draw.rect(surface, self.palette.map_text, (x - radius - 2, y - radius - 2,
                                                                  2 * radius + 5, 2 * radius + 5), 2)
            where = placement.get(city.id, "right")
            if where == "left":
                self._halo_text(surface, city.name, (x - radius - 4, y), size, anchor="right")
            elif where == "above":
                self._halo_text(surface, city.name, (x, y - radius - size * 2 // 3), size, anchor="center")
            elif where == "below":
                self._halo_text(surface, city.name, (x, y + radius + size * 2 // 3), size, anchor="center")
            else:
                self._halo_text(surface, city.name, (x + radius + 4, y), size, bold=city.id == "moscow")

    def _draw_offmap(self, surface: pygame.Surface) -> None:
        size = max(10, int(12 * self.text_scale))
        colour = self.palette.map_text
        for city in self.geo.offmap:
            if city.in_box:
                x, y = self.to_px((city.x, city.y))
                pygame.draw.circle(surface, colour, (x, y), max(3, int(4 * self.text_scale)))
                self._halo_text(surface, city.name, (x + 7, y), size)
                continue
            x, y = self.to_px(city.edge)
            direction = {"west": (-1, 0), "east": (1, 0), "southeast": (0.7, 0.7), "northwest": (-0.7, -0.7),
                         "south": (0, 1), "north": (0, -1)}.get(city.direction, (0, 0))
            if city.id == "washington":
                direction = (-0.7, -0.7)
            arrow = int(16 * self.text_scale)
            tip = (x + direction[0] * arrow, y + direction[1] * arrow)
            tail = (x - direction[0] * arrow, y - direction[1] * arrow)
            pygame.draw.line(surface, colour, tail, tip, 3)
            nx, ny = -direction[1], direction[0]
            head = [tip, (tip[0] - direction[0] * 8 + nx * 6, tip[1] - direction[1] * 8 + ny * 6),
                    (tip[0] - direction[0] * 8 - nx * 6, tip[1] - direction[1] * 8 - ny * 6)]
            pygame.draw.polygon(surface, colour, head)
            if direction[0] < 0:
                self._halo_text(surface, f"to {city.name}", (int(tail[0] + 6), int(tail[1] + 8)), size)
            else:
                self._halo_text(surface, f"to {city.name}", (int(tail[0] - 6), int(tail[1] - 8)), size,
                                anchor="right")

    def _draw_legend(self, surface: pygame.Surface, front: float) -> None:
        size = max(10, int(11 * self.text_scale))
        face = font(size)
        line_h = face.get_linesize() + 4
        swatch = line_h - 6
        nearest = self.geo.nearest_line(front)
        entries = ["Soviet-held", "German-occupied (hatched)", f"Front line ({front:.0f}/100)",
                   "Frontier of June 1941 (dashed)", "The Axis powers (dotted)"]
        width = max(face.size(text)[0] for text in entries) + swatch + 20
        height = line_h * len(entries) + 8
        x, y = self.box.x + 6, self.box.bottom - height - 6
        panel = pygame.Surface((width, height), pygame.SRCALPHA)
        panel.fill((255, 255, 255, 215) if self.palette.sea != (0, 0, 0) else (0, 0, 0, 230))
        surface.blit(panel, (x, y))
        pygame.draw.rect(surface, self.palette.border, (x, y, width, height), 1)
        for index, text in enumerate(entries):
            row_y = y + 4 + index * line_h
            box = pygame.Rect(x + 6, row_y + 3, swatch, swatch)
            if index == 0:
                pygame.draw.rect(surface, self.palette.soviet_land, box)
                pygame.draw.rect(surface, self.palette.border, box, 1)
            elif index == 1:
                surface.set_clip(box)
                for k in range(-swatch, swatch, 5):
                    pygame.draw.line(surface, self.palette.occupied, (box.x + k, box.bottom),
                                     (box.x + k + swatch, box.y), 2)
                surface.set_clip(None)
                pygame.draw.rect(surface, self.palette.border, box, 1)
            elif index == 2:
                pygame.draw.line(surface, self.palette.front, (box.x, box.centery), (box.right, box.centery), 3)
                pygame.draw.polygon(surface, self.palette.front, [(box.centerx - 3, box.centery),
                                                                  (box.centerx + 3, box.centery),
                                                                  (box.centerx, box.centery - 5)])
            elif index == 3:
                pygame.draw.line(surface, self.palette.border, (box.x, box.centery), (box.x + 5, box.centery), 2)
                pygame.draw.line(surface, self.palette.border, (box.x + 9, box.centery), (box.right, box.centery), 2)
            else:
                pygame.draw.rect(surface, self.palette.land, box)
                for dot_y in range(box.y + 2, box.bottom - 1, 4):
                    for dot_x in range(box.x + 2 + (dot_y // 4 % 2) * 2, box.right - 1, 4):
                        surface.fill(self.palette.germany, (dot_x, dot_y, 2, 2))
                pygame.draw.rect(surface, self.palette.border, box, 1)
            surface.blit(face.render(text, True, self.palette.map_text), (box.right + 8, row_y + 2))
        self.caption = f"nearest historical line: {nearest.note}" if nearest else ""


def inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    """Even-odd rule: is ``point`` inside ``polygon``?"""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result
