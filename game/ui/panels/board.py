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
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapfacts import facts_from_view
from game.ui.widgets.mapview import MapHover, MapView
from game.ui.widgets.triangle import Glide, TriangleView


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
        #: what the map says about the place or the front under the mouse
        self.hover_tip = MapHover()
        #: the rectangles the map's tip changed since the last frame (the loop redraws just those)
        self.tip_rects: list[pygame.Rect] = []

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
        """A city or the front under the mouse: what the seat knows of it (game/ui/widgets/mapview.py),
        from the seat's view only."""
        if layout is None or self.map_view is None or not layout.map.width:
            self.tip_rects += self.hover_tip.clear()
            return
        self.tip_rects += self.hover_tip.move(
            self.map_view, layout.map, pos, self.front.value, lambda: facts_from_view(self.view, self.scenario),
            radius=max(10, self.u(14)), size=int(13 * self.app.settings.text_factor), palette=self.app.palette,
            pad=self.u(8), width=self.t(360))

    def changed_rects(self) -> list[pygame.Rect]:
        """The rectangles the tip changed since the last call."""
        rects, self.tip_rects = self.tip_rects, []
        return rects

    def draw_tip(self, surface: pygame.Surface) -> None:
        self.hover_tip.draw(surface)

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
