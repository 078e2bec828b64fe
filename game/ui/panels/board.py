"""The map and the triangle: the front line at the front variable's value, the powers' edges.

Both are drawn from the seat's view (a number hidden from the seat is drawn as not
known); between moves only their glides animate. Hovering a city tells which side of
the front it is on and the cards the seat read this month or last that name it. The map
is the scenario's (``[presentation.map]``); a scenario without one gets a gauge of its
front variable. The map is on the focus ring (a button over its legend, or over the
gauge's bar): there Left and Right walk its places (the front, then the cities west to
east) and show each one's tip as hovering would; where the legend is folded into a tab,
Enter or the map-key key (K) opens and closes the whole legend.
"""

from __future__ import annotations

import pygame

from game.briefing import ending_thresholds
from game.table.calendar import month_name
from game.table.view import SeatView
from game.ui.layout import MainLayout
from game.ui.panels.base import Panel
from game.ui.theme import map_colours
from game.ui.widgets.gauge import ASPECT as GAUGE_ASPECT
from game.ui.widgets.gauge import GaugeView
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapfacts import facts_from_view, good_side
from game.ui.widgets.mapview import MapHover, MapView
from game.ui.widgets.triangle import Glide, TriangleView


def front_variable(view: SeatView, front_id: str | None) -> float | None:
    """The front variable's value as the seat knows it (None: not known to it)."""
    return next((v.value for v in view.variables if v.id == front_id), None)


class BoardPanel(Panel):
    """The map (with its title and hover tip) and the triangle."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        #: the scenario's map, or None: it has none and the board shows a gauge
        self.geo = load_geography(self.scenario)
        self.map_view: MapView | GaugeView | None = None
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
        #: the folded legend opened from the keyboard (it stays open until closed the same way)
        self.legend_open = False
        #: the place of the map the keyboard points at (an index into the view's places), if any
        self.walk: int | None = None

    @property
    def aspect(self) -> float:
        """Width over height of what the board draws: the map's projection, or the gauge's box."""
        return self.geo.aspect if self.geo is not None else GAUGE_ASPECT

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
            self.map_view = self._make_view(map_scale)
        if self.triangle is None or self.triangle.palette is not app.palette \
                or self.triangle.text_scale != s.text_factor:
            self.triangle = TriangleView(app.palette, self.scenario, s.text_factor)
            self.sync(animate=False)
        if isinstance(self.map_view, GaugeView):  # the seat at the screen may have changed (a hand-over)
            self.map_view.known = self.front_value() is not None
            self.map_view.good = good_side(self.scenario, view.power, self.front_var)
        if layout.map.width:
            self.map_view.resize(layout.map.size)
            self._map_button(layout)
        else:
            self._close_legend()
        if layout.map_title.width:
            variable = self.scenario.variables[self.scenario.column(self.front_var)]
            label, value = variable.label, self.front_value()
            if value is None:
                self.main.label([f"{label}: not known to you", label], layout.map_title, "#heading")
            else:
                nearest = self.geo.nearest_line(value) if self.geo is not None else None
                when = f" (near the {month_name(nearest.date, short=True)} line)" if nearest else ""
                high = f"{variable.max:g}"
                self.main.label([f"{label}: {value:.0f}/{high}{when}", f"{label}: {value:.0f}/{high}",
                                 f"{value:.0f}/{high}"], layout.map_title, "#heading")
        if layout.triangle_title.width:
            self.main.label(["The triangle of the powers", "The triangle"], layout.triangle_title, "#heading")

    def _make_view(self, map_scale: float) -> MapView | GaugeView:
        """The scenario's map in this theme, or the gauge of its front variable when it has no map."""
        app, scenario = self.app, self.scenario
        if self.geo is None:
            variable = scenario.variables[scenario.column(self.front_var)]
            return GaugeView(variable.label, variable.min, variable.max,
                             good_side(scenario, self.view.power, self.front_var), app.palette, map_scale,
                             marks=tuple(ending_thresholds(scenario, self.front_var)))
        hint = f"Map key: hover or press {app.settings.key_for('map_key').upper()}"
        return MapView(self.geo, app.palette, map_scale, map_colours(app.palette, scenario), hint)

    def _map_button(self, layout: MainLayout) -> None:
        """The map on the focus ring: a button over its legend (or the gauge's bar). Left/Right walk the
        map's places; Enter opens a folded legend (or shows the front's tip)."""
        view = self.map_view
        if view is None:
            return
        folded = isinstance(view, MapView) and view.legend_full is not None
        if not folded:
            self._close_legend()
        where = view.legend_rect if isinstance(view, MapView) else view.bar
        key = self.app.settings.key_for("map_key").upper()
        tip = "The map: Left and Right walk its places"
        tip += f"; Enter or {key} opens and closes its key" if folded else "; Enter tells of the front"
        self.main.button("", where.move(layout.map.topleft), self.toggle_legend if folded else self.walk_step,
                         "map_key", "#map_key", tooltip=tip, step=self.walk_step)
        self.end_walk()  # the screen was rebuilt: the places may have moved
        if self.legend_open and isinstance(view, MapView):
            self.tip_rects += self.hover_tip.pin_legend(view, layout.map)

    def walk_step(self, delta: int = 0) -> None:
        """Point the keyboard at the next (``delta`` 1), previous (-1) or first (0) place of the map."""
        layout, view = self.main.layout, self.map_view
        if layout is None or view is None or not layout.map.width:
            return
        places = view.places()
        index = 0 if self.walk is None else (self.walk + delta) % len(places)
        if self.walk is None and delta < 0:
            index = len(places) - 1
        found = view.tip_for(places[index], self.front.value, lambda: facts_from_view(self.view, self.scenario))
        if found is None:
            return
        self.walk, self.legend_open = index, False
        self.tip_rects += self.hover_tip.show(view, layout.map, found, pinned=True, **self._tip_style())

    def end_walk(self) -> None:
        """The keyboard no longer points at a place of the map: its tip goes."""
        if self.walk is not None:
            self.walk = None
            self.tip_rects += self.hover_tip.clear()

    def _tip_style(self) -> dict:
        """The size, colours, padding and width of the map's tips."""
        return {"size": int(13 * self.app.settings.text_factor), "palette": self.app.palette, "pad": self.u(8),
                "width": self.t(360)}

    def _close_legend(self) -> None:
        """No legend opened from the keyboard (the map is not shown, or it has no folded legend)."""
        if self.legend_open:
            self.legend_open = False
            self.tip_rects += self.hover_tip.clear()

    def toggle_legend(self) -> None:
        """Open the folded legend, or close it (the map-key key, or Enter on its tab)."""
        layout = self.main.layout
        view = self.map_view
        if layout is None or not isinstance(view, MapView) or view.legend_full is None or not layout.map.width:
            return
        self.legend_open, self.walk = not self.legend_open, None
        if self.legend_open:
            self.tip_rects += self.hover_tip.pin_legend(view, layout.map)
        else:
            self.tip_rects += self.hover_tip.clear()

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
        if self.legend_open:
            return  # the legend opened from the keyboard stays until it is closed
        self.end_walk()  # the mouse takes over from the keyboard
        if layout is None or self.map_view is None or not layout.map.width:
            self.tip_rects += self.hover_tip.clear()
            return
        self.tip_rects += self.hover_tip.move(
            self.map_view, layout.map, pos, self.front.value, lambda: facts_from_view(self.view, self.scenario),
            radius=max(10, self.u(14)), **self._tip_style())

    def changed_rects(self) -> list[pygame.Rect]:
        """The rectangles the tip changed since the last call (a walk's tip goes when the focus leaves the map)."""
        focused = self.main.focus.focused
        if self.walk is not None and (focused is None or focused.key != "map_key"):
            self.end_walk()
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
            if isinstance(self.map_view, GaugeView):
                self.map_view.shown = self.front.target  # words tell the value; the bar glides to it
            surface.blit(self.map_view.surface(self.front.value), layout.map)
        if layout.triangle.width and self.triangle is not None and (rects is None or layout.triangle in rects):
            surface.blit(self.triangle.render(layout.triangle.size), layout.triangle)
