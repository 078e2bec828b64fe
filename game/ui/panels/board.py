"""The map and the triangle: the front line at the front variable's value, the powers' edges.

Both are drawn from the seat's view (a number hidden from the seat is drawn as not
known); between moves only their glides animate. Hovering a city tells which side of
the front it is on and the cards the seat read this month or last that name it.
"""

from __future__ import annotations

import pygame

from game.table.calendar import month_name
from game.table.view import SeatView
from game.ui.layout import MainLayout
from game.ui.panels.base import Panel
from game.ui.panels.words import month_label
from game.ui.theme import font
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapview import MapView
from game.ui.widgets.triangle import Glide, TriangleView

Tip = tuple[tuple[str, ...], tuple[int, int]]


def front_variable(view: SeatView, front_id: str | None) -> float | None:
    """The front variable's value as the seat knows it (None: not known to it)."""
    return next((v.value for v in view.variables if v.id == front_id), None)


class BoardPanel(Panel):
    """The map (with its title and hover tip) and the triangle."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        self.geo = load_geography()
        self.map_view: MapView | None = None
        self.triangle: TriangleView | None = None
        scenario = self.scenario
        self.front_var = scenario.presentation.front_variable or scenario.variables[0].id
        start = scenario.variables[scenario.column(self.front_var)].start
        self.front = Glide(start, start)
        self.synced_viewer: object = ()
        self.tip: Tip | None = None

    def front_value(self) -> float | None:
        return front_variable(self.view, self.front_var)

    def build(self, layout: MainLayout) -> None:
        app, s = self.app, self.app.settings
        view = self.view
        if self.synced_viewer != view.power:
            # another team: no glide from the last team's numbers
            self.synced_viewer = view.power
            value = self.front_value()
            if value is not None:
                self.front = Glide(value, value)
            self.sync(animate=False)
        # map labels grow with the UI scale only as far as the map itself has room for them
        map_scale = min(s.text_factor, max(1.0, layout.map.width / 430)) if layout.map.width else s.text_factor
        if self.map_view is None or self.map_view.palette is not app.palette or self.map_view.text_scale != map_scale:
            self.map_view = MapView(self.geo, app.palette, map_scale)
        if self.triangle is None or self.triangle.palette is not app.palette \
                or self.triangle.text_scale != s.text_factor:
            self.triangle = TriangleView(app.palette, self.scenario, s.text_factor)
            self.sync(animate=False)
        if layout.map.width:
            self.map_view.resize(layout.map.size)
        if layout.map_title.width:
            label = self.scenario.variables[self.scenario.column(self.front_var)].label
            value = self.front_value()
            if value is None:
                self.main.label([f"{label}: not known to you", label], layout.map_title, "#heading")
            else:
                nearest = self.geo.nearest_line(value)
                when = f" (near the {month_name(nearest.date, short=True)} line)" if nearest else ""
                self.main.label([f"{label}: {value:.0f}/100{when}", f"{label}: {value:.0f}/100", f"{value:.0f}/100"],
                                layout.map_title, "#heading")
        if layout.triangle_title.width:
            self.main.label(["The triangle of the powers", "The triangle"], layout.triangle_title, "#heading")

    def sync(self, animate: bool) -> None:
        """The triangle's edges and the front from the view: the same span as the state's markers."""
        view = self.view
        value = self.front_value()
        if value is not None and animate:
            self.front.retarget(value)
        if self.triangle is None:
            return
        values = {v.id: v.value for v in view.variables}
        changes = {v.id: v.change or 0.0 for v in view.variables}
        edges = {edge.variable for edge in self.triangle.edges}
        self.triangle.set_values({var: values.get(var) for var in edges}, {var: changes.get(var, 0.0) for var in edges},
                                 animate)

    # -- hover ---------------------------------------------------------------------------

    def hover(self, pos: tuple[int, int], layout: MainLayout | None) -> None:
        """A city under the mouse: its side of the front, and this month's and last month's
        news the seat read that names it."""
        tip = None
        if layout is not None and layout.map.collidepoint(pos) and self.map_view is not None:
            local = (pos[0] - layout.map.x, pos[1] - layout.map.y)
            city = self.map_view.city_at(local, radius=max(10, self.u(14)))
            if city is not None:
                # in the words of the map's legend
                side = "German-occupied" if self.map_view.occupied(city, self.front.value) else "Soviet-held"
                lines = [f"{city.name}: {side}"]
                view = self.view
                for item in view.since:
                    if item.turn >= view.turn - 1 and (city.name in item.title or city.name in item.text):
                        lines.append(f"{month_label(self.scenario, item.turn, short=True)}: {item.title}")
                tip = (tuple(lines[:5]), pos)
        if (tip and tip[0]) != (self.tip and self.tip[0]) or (tip is not None) != (self.tip is not None):
            self.app.dirty = True
        self.tip = tip

    def draw_tip(self, surface: pygame.Surface, layout: MainLayout | None) -> None:
        if self.tip is None or layout is None:
            return
        lines, pos = self.tip
        face = font(int(13 * self.app.settings.text_factor))
        images = [face.render(line, True, self.app.palette.text) for line in lines]
        width = max(image.get_width() for image in images) + self.u(16)
        height = sum(image.get_height() for image in images) + self.u(10)
        box = pygame.Rect(pos[0] + self.u(14), pos[1] + self.u(10), width, height)
        box.clamp_ip(layout.map)
        pygame.draw.rect(surface, self.app.palette.panel, box, border_radius=4)
        pygame.draw.rect(surface, self.app.palette.muted, box, 1, border_radius=4)
        y = box.y + self.u(5)
        for image in images:
            surface.blit(image, (box.x + self.u(8), y))
            y += image.get_height()

    # -- drawing -------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        moved = False
        if self.front.moving:
            self.front.elapsed += dt
            moved = True
        if self.triangle is not None and self.triangle.update(dt):
            moved = True
        return moved

    def animated(self, layout: MainLayout) -> list[pygame.Rect]:
        rects = []
        if self.front.moving and layout.map.width:
            rects.append(layout.map)
        if self.triangle is not None and self.triangle.animating and layout.triangle.width:
            rects.append(layout.triangle)
        return rects

    def draw(self, surface: pygame.Surface, layout: MainLayout, rects: list[pygame.Rect] | None = None) -> None:
        """The map and the triangle (only those among ``rects`` when given)."""
        if layout.map.width and self.map_view is not None and (rects is None or layout.map in rects):
            surface.blit(self.map_view.surface(self.front.value), layout.map)
        if layout.triangle.width and self.triangle is not None and (rects is None or layout.triangle in rects):
            surface.blit(self.triangle.render(layout.triangle.size), layout.triangle)
