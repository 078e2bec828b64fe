"""The map of a scenario's theatre and its front (the scenario's ``[presentation.map]``).

The countries are drawn once per size onto a cached surface. The front layer (the
occupied band between the starting frontier and the front, hatched and tinted in the
colour of the power holding it, plus the front line with its teeth toward the enemy) is
redrawn only when the front value shown changes, which during play means for the second
or so that the line moves. City names are placed each time the front moves, beside their
dots, clear of the front line and of one another (:mod:`game.ui.widgets.maplabels`).
Meaning never rests on colour alone: the occupied band is hatched, the front has teeth,
and everything carries a label or a legend entry. Where the legend would hide the map it
folds into a tab that opens on hover or from the keyboard (:meth:`MapHover.pin_legend`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import pygame

from game.table.calendar import month_name
from game.ui.fit import wrap_lines
from game.ui.mapcolours import MapColours
from game.ui.theme import Palette, font
from game.ui.widgets.geography import City, Geography, Point
from game.ui.widgets.mapfacts import MapFacts
from game.ui.widgets.maplabels import place_labels

#: at most this many news lines in a tip
TIP_NEWS = 4
#: a legend taller than this share of the map is folded into a tab that opens on hover
LEGEND_SHARE = 0.3


class MapView:
    """Draws the map into a rectangle of any size, keeping the projection's aspect."""

    def __init__(self, geography: Geography, palette: Palette, text_scale: float = 1.0,
                 colours: MapColours | None = None, tab_hint: str = "Map key: hover here") -> None:
        self.geo = geography
        self.palette = palette
        #: the held land and the occupied band, in the colours of the powers holding them
        self.colours = colours or MapColours(palette.land, palette.front)
        self.text_scale = text_scale
        #: the words on the folded legend's tab (how to open it)
        self.tab_hint = tab_hint
        #: where each city's name was drawn last (view coordinates), for tests and hovering
        self.label_rects: dict[str, pygame.Rect] = {}
        #: where the countries' names are written (the cities' names keep off them where they can)
        self.country_rects: list[pygame.Rect] = []
        self.size = (0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)
        self.base: pygame.Surface | None = None
        #: the occupied band's look (tint and hatching) over the whole map, cut to the band per front
        self.hatch: pygame.Surface | None = None
        #: buffers drawn into again each time the front moves: a glide allocates nothing per frame
        #: (fresh full-map surfaces every frame left the allocator holding tens of MB after a game)
        self.composed: pygame.Surface | None = None
        self.band: pygame.Surface | None = None
        self.legend: pygame.Surface | None = None
        #: where the map small: the legend drawn only while its tab is hovered (``legend`` is then the tab)
        self.legend_full: pygame.Surface | None = None
        self.legend_rect = pygame.Rect(0, 0, 0, 0)
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
        self.composed = pygame.Surface(size)
        self.band = pygame.Surface(size, pygame.SRCALPHA)
        full = self._draw_legend()
        if full.get_height() > self.box.height * LEGEND_SHARE or full.get_width() > self.box.width * 0.6:
            # it would hide a good part of the map: a tab that opens the whole legend on hover
            self.legend, self.legend_full = self._draw_legend_tab(), full
        else:
            self.legend, self.legend_full = full, None
        self.legend_rect = self.legend.get_rect(bottomleft=(self.box.x + 6, self.box.bottom - 6))
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
            fill = self.colours.held_land if group == self.geo.words.held_group else p.land
            for ring in rings:
                if len(ring) < 3:
                    continue
                points = [self.to_px(point) for point in ring]
                pygame.draw.polygon(surface, fill, points)
                pygame.draw.lines(surface, p.border, True, points, 1)
            if name in self.geo.words.dotted_countries and rings:
                self._stipple(surface, [self.to_px(pt) for pt in rings[0]])
        self._label_countries(surface)
        return surface

    def _stipple(self, surface: pygame.Surface, points: list[tuple[int, int]]) -> None:
        """Dots over the dotted countries (in the colour of the power behind the front), so they read
        as that side's without relying on colour."""
        mask = pygame.Surface(self.size, pygame.SRCALPHA)
        pygame.draw.polygon(mask, (255, 255, 255, 255), points)
        dots = pygame.Surface(self.size, pygame.SRCALPHA)
        step = max(6, int(9 * self.text_scale))
        for y in range(0, self.size[1], step):
            for x in range((y // step % 2) * step // 2, self.size[0], step):
                dots.fill((*self.colours.occupied, 150), (x, y, 2, 2))
        dots.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(dots, (0, 0))

    def _label_countries(self, surface: pygame.Surface) -> None:
        size = max(9, int(11 * self.text_scale))
        self.country_rects = []
        for text, point_x, point_y in self.geo.words.country_labels:
            image = font(size, bold=True).render(text, True, self.palette.border)
            x, y = self.to_px((point_x, point_y))
            self.country_rects.append(surface.blit(image, (x - image.get_width() // 2, y - image.get_height() // 2)))

    def _draw_hatch(self) -> pygame.Surface:
        hatch = pygame.Surface(self.size, pygame.SRCALPHA)
        hatch.fill((*self.colours.occupied, 60))  # the band's tint, under its hatching
        step = max(7, int(9 * self.text_scale))
        width, height = self.size
        for offset in range(-height, width, step):
            pygame.draw.line(hatch, (*self.colours.occupied, 235), (offset, height), (offset + height, 0), 2)
        return hatch

    # -- the front ------------------------------------------------------------------

    def surface(self, front: float) -> pygame.Surface:
        """The map with the front at ``front``; cached while the value does not change."""
        front = round(front, 1)
        assert self.base is not None and self.composed is not None and self.legend is not None
        composed = self.composed
        if self.composed_front == front:
            return composed
        composed.blit(self.base, (0, 0))
        line = [self.to_px(point) for point in self.geo.front_line(front)]
        frontier = [self.to_px(point) for point in self.geo.frontier]
        if len(line) >= 2 and len(frontier) == len(line):
            self._draw_occupied(composed, line + frontier[::-1])
            self._draw_frontier(composed, frontier)
            self._draw_front(composed, line)
        self._draw_cities(composed, line)
        self._draw_offmap(composed)
        composed.blit(self.legend, self.legend_rect)
        nearest = self.geo.nearest_line(front)
        self.caption = f"nearest historical line: {nearest.note}" if nearest else ""
        self.composed_front = front
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

    def front_distance(self, pos: tuple[int, int], front: float) -> float:
        """Pixels from ``pos`` (map coordinates) to the front line drawn at ``front``."""
        line = [self.to_px(point) for point in self.geo.front_line(front)]
        return min((segment_distance(pos, a, b) for a, b in zip(line, line[1:], strict=False)), default=math.inf)

    def country_at(self, point: Point) -> tuple[str, str] | None:
        """(name, group) of the country containing a unit-box point, if any."""
        for name, group, rings in self.geo.countries:
            if any(len(ring) >= 3 and inside(point, list(ring)) for ring in rings):
                return name, group
        return None

    def side_of(self, city: City, front: float) -> str:
        """Which side of the front a city is on, or, beyond the land the front runs through, its country."""
        country = self.country_at((city.x, city.y))
        words = self.geo.words
        if country is not None and country[1] != words.held_group:
            return country[0]
        return words.behind_front if self.occupied(city, front) else words.ahead_of_front

    def hover(self, pos: tuple[int, int], front: float, facts: Callable[[], MapFacts], radius: int,
              ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None:
        """What the map says about ``pos`` (map coordinates): a key for what is hovered, its lines, and
        the point the tip hangs from. A city wins over the front; ``facts`` is asked only on a hit."""
        if self.legend_full is not None and self.legend_rect.collidepoint(pos):
            return ("legend",), (), self.legend_rect.bottomleft
        city = self.city_at(pos, radius)
        if city is not None:
            return self.tip_for(city.id, front, facts)
        if self.front_distance(pos, front) <= radius * 0.75:
            return ("front_line",), front_lines(facts(), self.geo.nearest_line(front)), pos
        return None

    def places(self) -> list[str]:
        """What the keyboard walks through on the map, west to east: the front, then each labelled city."""
        return ["front_line", *(city.id for city in sorted(self.geo.cities, key=lambda c: (c.x, c.y)))]

    def tip_for(self, place: str, front: float, facts: Callable[[], MapFacts],
                ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None:
        """The tip of one place (a city's id, or ``front_line`` for the middle of the front), as hovering
        it shows."""
        if place == "front_line":
            line = [self.to_px(point) for point in self.geo.front_line(front)]
            if not line:
                return None
            return ("front_line",), front_lines(facts(), self.geo.nearest_line(front)), line[len(line) // 2]
        city = next((c for c in self.geo.cities if c.id == place), None)
        if city is None:
            return None
        known = facts()
        lines = [f"{city.name}: {self.side_of(city, front)}"]
        lines += [f"{item.month}: {item.title}" for item in known.near(city.name)[:TIP_NEWS]]
        return ("city", city.id), tuple(lines), self.to_px((city.x, city.y))

    def _draw_occupied(self, surface: pygame.Surface, polygon: list[tuple[int, int]]) -> None:
        """The band between the frontier and the front: the hatch layer cut to the polygon."""
        assert self.hatch is not None and self.band is not None
        band = self.band
        band.fill((0, 0, 0, 0))
        pygame.draw.polygon(band, (255, 255, 255, 255), polygon)
        band.blit(self.hatch, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surface.blit(band, (0, 0))

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

    def _draw_cities(self, surface: pygame.Surface, line: list[tuple[int, int]]) -> None:
        """The dots, the capital's box and the names, each name where it crosses neither the front nor
        another name (placed afresh for each front: the line moves under them)."""
        size = max(10, int(12 * self.text_scale))
        radius = max(3, int(4 * self.text_scale))
        capital = self.geo.words.capital
        points = [self.to_px((city.x, city.y)) for city in self.geo.cities]
        sizes = [font(size, bold=city.id == capital).size(city.name) for city in self.geo.cities]
        frame = (self.box.x, self.box.y, self.box.right, self.box.bottom)
        legend = self.legend_rect
        boxes = place_labels(points, sizes, radius + 5, line, frame, clearance=self.front_clearance(),
                             keep_out=[(r.x, r.y, r.right, r.bottom) for r in [legend, *self.country_rects]],
                             dot=radius + 2)
        self.label_rects = {}
        for city, (x, y), box in zip(self.geo.cities, points, boxes, strict=True):
            pygame.draw.circle(surface, (255, 255, 255), (x, y), radius + 2)
            pygame.draw.circle(surface, self.palette.map_text, (x, y), radius)
            if city.id == capital:
                pygame.draw.rect(surface, self.palette.map_text, (x - radius - 2, y - radius - 2,
                                                                  2 * radius + 5, 2 * radius + 5), 2)
            top = round(box[1])
            rect = self._halo_text(surface, city.name, (round(box[0]), top + (round(box[3]) - top) // 2), size,
                                   bold=city.id == capital)
            self.label_rects[city.id] = rect

    def front_clearance(self) -> float:
        """How far a name keeps from the front's centre line: half its drawn width and its teeth."""
        return max(5, int(6 * self.text_scale)) + 2

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

    def legend_entries(self) -> list[tuple[str, str]]:
        """(pattern, text) for everything the map draws: each colour, hatching, line and mark."""
        words = self.geo.words
        frontier = self.geo.fronts[-1] if self.geo.fronts else None
        entries = [("held", words.ahead_of_front), ("hatched", f"{words.behind_front} (hatched)"),
                   ("front_line", "Front line (teeth face the enemy; hover it)")]
        if frontier is not None:
            entries.append(("frontier", f"Frontier of {short_date(frontier.date)} (dashed)"))
        if words.dotted_countries:
            entries.append(("dotted", words.dotted_label))
        entries += [("land", words.other_land), ("city", words.city)]
        if words.capital and any(city.id == words.capital for city in self.geo.cities):
            entries.append(("capital", words.capital_box))
        if self.geo.offmap:
            entries.append(("arrow", words.offmap))
        return entries

    def _draw_legend(self) -> pygame.Surface:
        """The legend box, drawn once per size."""
        size = max(10, int(11 * self.text_scale))
        face = font(size)
        line_h = face.get_linesize() + 4
        swatch = line_h - 6
        entries = self.legend_entries()
        column_w = max(face.size(text)[0] for _, text in entries) + swatch + 20
        # two columns where one would cover more than a third of the map's height
        columns = 2 if line_h * len(entries) + 8 > self.box.height / 3 and 2 * column_w < self.box.width - 12 else 1
        rows = math.ceil(len(entries) / columns)
        width, height = column_w * columns, line_h * rows + 8
        x, y = 0, 0
        surface = pygame.Surface((width, height), pygame.SRCALPHA)
        surface.fill((255, 255, 255, 215) if self.palette.sea != (0, 0, 0) else (0, 0, 0, 230))
        pygame.draw.rect(surface, self.palette.border, (x, y, width, height), 1)
        for index, (pattern, text) in enumerate(entries):
            column, row = divmod(index, rows)
            row_x, row_y = x + column * column_w, y + 4 + row * line_h
            box = pygame.Rect(row_x + 6, row_y + 3, swatch, swatch)
            self._draw_swatch(surface, pattern, box)
            surface.blit(face.render(text, True, self.palette.map_text), (box.right + 8, row_y + 2))
        return surface

    def _draw_legend_tab(self) -> pygame.Surface:
        """The legend's tab: a few of its keys and the words that say hovering opens it."""
        face = font(max(10, int(11 * self.text_scale)))
        line_h = face.get_linesize() + 4
        swatch = line_h - 6
        keys = ("held", "hatched", "front_line", "city")
        text = face.render(self.tab_hint, True, self.palette.map_text)
        width = len(keys) * (swatch + 4) + text.get_width() + 18
        surface = pygame.Surface((width, line_h + 6), pygame.SRCALPHA)
        surface.fill((255, 255, 255, 215) if self.palette.sea != (0, 0, 0) else (0, 0, 0, 230))
        pygame.draw.rect(surface, self.palette.border, surface.get_rect(), 1)
        for index, pattern in enumerate(keys):
            self._draw_swatch(surface, pattern, pygame.Rect(6 + index * (swatch + 4), 6, swatch, swatch))
        surface.blit(text, (len(keys) * (swatch + 4) + 12, 5))
        return surface

    def _draw_swatch(self, surface: pygame.Surface, pattern: str, box: pygame.Rect) -> None:
        """One legend key, drawn as the map draws the thing it names."""
        p = self.palette
        if pattern in ("held", "land", "dotted", "hatched"):
            pygame.draw.rect(surface, self.colours.held_land if pattern in ("held", "hatched") else p.land, box)
        if pattern == "hatched":
            surface.set_clip(box)
            for k in range(-box.h, box.w, 5):
                pygame.draw.line(surface, self.colours.occupied, (box.x + k, box.bottom), (box.x + k + box.h, box.y),
                                 2)
            surface.set_clip(None)
        elif pattern == "dotted":
            for dot_y in range(box.y + 2, box.bottom - 1, 4):
                for dot_x in range(box.x + 2 + (dot_y // 4 % 2) * 2, box.right - 1, 4):
                    surface.fill(self.colours.occupied, (dot_x, dot_y, 2, 2))
        elif pattern == "front_line":
            pygame.draw.line(surface, p.front, (box.x, box.centery), (box.right, box.centery), 3)
            pygame.draw.polygon(surface, p.front, [(box.centerx - 3, box.centery), (box.centerx + 3, box.centery),
                                                   (box.centerx, box.centery - 5)])
        elif pattern == "frontier":
            pygame.draw.line(surface, p.border, (box.x, box.centery), (box.x + 5, box.centery), 2)
            pygame.draw.line(surface, p.border, (box.x + 9, box.centery), (box.right, box.centery), 2)
        elif pattern in ("city", "capital"):
            radius = max(3, box.h // 4)
            pygame.draw.circle(surface, (255, 255, 255), box.center, radius + 2)
            pygame.draw.circle(surface, p.map_text, box.center, radius)
            if pattern == "capital":
                pygame.draw.rect(surface, p.map_text, (box.centerx - radius - 2, box.centery - radius - 2,
                                                       2 * radius + 5, 2 * radius + 5), 2)
        elif pattern == "arrow":
            pygame.draw.line(surface, p.map_text, (box.x, box.bottom - 1), (box.right - 2, box.y + 2), 2)
            pygame.draw.polygon(surface, p.map_text, [(box.right, box.y), (box.right - 7, box.y + 1),
                                                      (box.right - 1, box.y + 7)])
        if pattern in ("held", "land", "dotted", "hatched"):
            pygame.draw.rect(surface, p.border, box, 1)


class Hoverable(Protocol):
    """What a tip can follow: the map, or the gauge drawn where a scenario has no map."""

    legend_full: pygame.Surface | None

    def hover(self, pos: tuple[int, int], front: float, facts: Callable[[], MapFacts], radius: int,
              ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None: ...

    def places(self) -> list[str]: ...

    def tip_for(self, place: str, front: float, facts: Callable[[], MapFacts],
                ) -> tuple[tuple, tuple[str, ...], tuple[int, int]] | None: ...


class MapHover:
    """The map's tip: what is under the mouse, rendered once each time that changes.

    :meth:`move` returns the rectangles of the window that changed (the old tip and the new),
    so the loop redraws and sends just those; moving within the same city or along the front
    changes nothing and costs no drawing at all.
    """

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.lines: tuple[str, ...] = ()
        self.image: pygame.Surface | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        #: the whole legend is shown because the keyboard opened it (the mouse does not move it away)
        self.pinned = False

    def pin_legend(self, view: MapView, area: pygame.Rect) -> list[pygame.Rect]:
        """Show the whole legend from its tab up until :meth:`clear`; the rectangles that changed."""
        if view.legend_full is None:
            return self.clear()
        old = pygame.Rect(self.rect)
        self.key, self.lines, self.image, self.pinned = ("legend",), (), view.legend_full, True
        self.rect = self.image.get_rect(bottomleft=(area.x + view.legend_rect.x, area.y + view.legend_rect.bottom))
        self.rect.clamp_ip(area)
        return [rect for rect in (old, self.rect) if rect.width]

    def move(self, view: Hoverable, area: pygame.Rect, pos: tuple[int, int], front: float,
             facts: Callable[[], MapFacts], radius: int, size: int, palette: Palette,
             pad: int, width: int) -> list[pygame.Rect]:
        """Follow the mouse at ``pos`` (window coordinates) over the map drawn in ``area``."""
        if self.pinned:
            return []
        found = None
        if area.collidepoint(pos):
            found = view.hover((pos[0] - area.x, pos[1] - area.y), front, facts, radius)
        if found is None:
            return self.clear()
        return self.show(view, area, found, size, palette, pad, width)

    def show(self, view: Hoverable, area: pygame.Rect, found: tuple[tuple, tuple[str, ...], tuple[int, int]],
             size: int, palette: Palette, pad: int, width: int, pinned: bool = False) -> list[pygame.Rect]:
        """Show the tip ``found`` (key, lines, anchor in map coordinates); ``pinned``: it stays while the
        mouse moves (the keyboard showed it). The rectangles that changed."""
        key, lines, anchor = found
        if key == self.key and lines == self.lines and pinned == self.pinned:
            return []
        self.pinned = pinned
        old = pygame.Rect(self.rect)
        self.key, self.lines = key, lines
        if key == ("legend",) and view.legend_full is not None:  # the whole legend, from its tab up
            self.image = view.legend_full
            self.rect = self.image.get_rect(bottomleft=(area.x + anchor[0], area.y + anchor[1]))
        else:
            self.image = render_tip(lines, size, palette, pad, width)
            self.rect = self.image.get_rect(topleft=(area.x + anchor[0] + pad + 6, area.y + anchor[1] + pad))
        self.rect.clamp_ip(area)
        return [rect for rect in (old, self.rect) if rect.width]

    def clear(self) -> list[pygame.Rect]:
        """No tip (the mouse left what it was over); the rectangle it covered, if any."""
        old = pygame.Rect(self.rect)
        self.key, self.lines, self.image, self.rect = None, (), None, pygame.Rect(0, 0, 0, 0)
        self.pinned = False
        return [old] if old.width else []

    def draw(self, surface: pygame.Surface) -> None:
        if self.image is not None:
            surface.blit(self.image, self.rect)


def render_tip(lines: tuple[str, ...], size: int, palette: Palette, pad: int, width: int) -> pygame.Surface:
    """A tip box: the first line in bold as its heading, every line wrapped to ``width`` pixels."""
    images = []
    for index, line in enumerate(lines):
        face = font(size, bold=index == 0)
        images += [face.render(part, True, palette.text) for part in wrap_lines(face, line, width)]
    inner_w = max(image.get_width() for image in images)
    inner_h = sum(image.get_height() for image in images)
    box = pygame.Surface((inner_w + 2 * pad, inner_h + pad), pygame.SRCALPHA)
    rect = box.get_rect()
    pygame.draw.rect(box, palette.panel, rect, border_radius=4)
    pygame.draw.rect(box, palette.muted, rect, 1, border_radius=4)
    y = pad // 2
    for image in images:
        box.blit(image, (pad, y))
        y += image.get_height()
    return box


def front_lines(facts: MapFacts, nearest) -> tuple[str, ...]:
    """The tip of the front: where it stands as the seat knows it, what moved it, the nearest line of 1943."""
    if facts.value is None:
        return (f"{facts.label}: not known to you",)
    change = ""
    if facts.change:
        change = f", {facts.change:+.0f} {facts.span}"
    lines = [f"{facts.label}: {facts.value:.0f} of {facts.high:.0f}{change}"]
    if nearest is not None:
        lines.append(f"Drawn near the line of {nearest.note}")
    moved = facts.front_news
    lines += [f"{item.month}: {item.title} ({item.front_change:+.0f})" for item in moved[:TIP_NEWS]]
    if not moved:
        lines.append("Nothing you know of moved it lately.")
    return tuple(lines)


def short_date(date: str) -> str:
    """``1941-06`` as ``June 1941``; other text as it is."""
    try:
        return month_name(date)
    except (ValueError, IndexError):
        return date


def segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from point ``p`` to the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    """Even-odd rule: is ``point`` inside ``polygon``?"""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result
