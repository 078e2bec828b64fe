"""The guided first month: a short box that points at each part of the main screen in turn.

It starts on a new single-player game once the briefing is read, and can be taken again
from How to play. Each stop names a region the screen exposes by name
(``MainScreen.tour_regions``: the card, the numbers, the orders, the map, ...), so the
tour never guesses coordinates: it highlights the region, dims the rest, and draws its
box beside the region with an arrow to it. In the compact layout, where a part lives on
its own page, the stop points at the top-bar button of that page instead. A stop whose
part comes later in the month (the advisor's button is on event cards only) waits,
hidden, until the part is on the screen; meanwhile the player plays on.

While a stop shows, the tour has the keyboard and the mouse: Enter, Space or → goes on,
← goes back, Esc ends the tour; its own buttons do the same. The box's text is wrapped
to the box (game.ui.fit), so nothing is cut at any window size, scale or text size.
All texts are built from the scenario (the power's name, the labels of the numbers),
never from ids written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pygame
import pygame_gui

from game.ui.fit import wrap_lines
from game.ui.theme import font

#: region names the tour asks the screen for; ``page:NAME`` is the top-bar button of a compact page
CARD, ORDERS, NUMBERS, WHY, MAP, TRIANGLE, ADVISOR = "card", "orders", "numbers", "why", "map", "triangle", "advisor"

NEXT, BACK, SKIP = "next", "back", "skip"


@dataclass(frozen=True)
class Stop:
    """One stop: the region it points at, its words, and where the part lives in the compact layout."""

    region: str
    title: str
    text: str
    #: the compact layout's page that holds the region ("card", "map" or "state")
    page: str = "card"
    #: the part comes later in the month: wait for it instead of skipping it
    wait: bool = False


def stops(scenario, power: str, keys: Mapping[str, str]) -> list[Stop]:
    """The stops of the tour for the player of ``power``, in the words of the scenario."""
    k = {action: key.upper() for action, key in keys.items()}
    name = scenario.power(power).name
    labels = {v.id: v.label for v in scenario.variables}
    main = [labels[v] for v in scenario.presentation.main_variables if v in labels]
    watch = f" Keep an eye on {_series(main)}." if main else ""
    front = scenario.presentation.front_variable or scenario.variables[0].id
    sides = _series([labels[edge.variable] for edge in scenario.presentation.triangle if edge.variable in labels])
    sides_text = f" Its sides are {sides}." if sides else ""
    return [
        Stop(CARD, "The card",
             "This is where you decide. A month starts with your standing orders, then cards come one by one: "
             "events to answer, news, and after each choice a result card that says what it did. Answer with a "
             "number key or a click."),
        Stop(ORDERS, "Your standing orders",
             "The lines you keep to every month until you change them. On the orders card, change one "
             "with ◀ ▶ (or Left and Right), then press C to confirm and start the month.", page="state"),
        Stop(NUMBERS, "The numbers",
             f"The war as you, {name}, see it. The arrow shows which way a number moved since your last decision, "
             "and its colour whether that is good or bad for you. A ? is something you cannot see yet."
             + watch, page="state"),
        Stop(WHY, "Why did it move?",
             f"Point at a number and press {k.get('why', 'W')}, or click it, to read every cause that moved "
             "it: the cause log. Rest the mouse on a number to see what it means and which values matter.",
             page="state"),
        Stop(MAP, "The map",
             f"The line drawn on the map moves with the number “{labels.get(front, front)}”. Rest the mouse on "
             "a city to see who holds it and what happened there this month.", page="map"),
        Stop(TRIANGLE, "The triangle",
             "How the three powers stand with one another." + sides_text
             + " A grey side is one you cannot see.", page="map"),
        Stop(ADVISOR, "The advisor",
             f"Not sure what to pick? Press {k.get('advisor', 'A')} on a card. The advisor plays every option "
             "many times to the end of the year, shows what each does to your goals and how sure it is. It is "
             "a model's guess, not history. That is the whole tour: How to play (H) can show it again.",
             wait=True),
    ]


def _series(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class Plan:
    """Where one stop is drawn: the target, the box, the wrapped lines and the buttons."""

    target: pygame.Rect
    box: pygame.Rect
    title: list[str]
    body: list[str]
    footer: list[str]
    buttons: dict[str, tuple[pygame.Rect, str]]
    title_face: pygame.font.Font
    body_face: pygame.font.Font
    #: the target is a page's top-bar button, not the part itself (compact layout)
    via_page: bool


class Tour:
    """The stops, which one shows, and the box drawn over the screen."""

    def __init__(self, stops: list[Stop], page_keys: Mapping[str, str] | None = None) -> None:
        self.stops = stops
        self.index = 0
        self.done = False
        #: the key that opens each compact page ("map" -> "F3")
        self.page_keys = dict(page_keys or {})

    @property
    def stop(self) -> Stop | None:
        return None if self.done or self.index >= len(self.stops) else self.stops[self.index]

    def target(self, regions: Mapping[str, pygame.Rect]) -> tuple[pygame.Rect, bool] | None:
        """The rectangle the current stop points at (and whether it is a page button), or None."""
        stop = self.stop
        if stop is None:
            return None
        rect = regions.get(stop.region)
        if rect is not None and rect.width > 0 and rect.height > 0:
            return pygame.Rect(rect), False
        page = regions.get(f"page:{stop.page}")
        if page is not None and not stop.wait and page.width > 0:
            return pygame.Rect(page), True
        return None

    def settle(self, regions: Mapping[str, pygame.Rect]) -> None:
        """Pass over stops whose part this screen does not have (those that wait stay)."""
        while (stop := self.stop) is not None and not stop.wait and self.target(regions) is None:
            self.index += 1
        if self.stop is None:
            self.done = True

    def showing(self, regions: Mapping[str, pygame.Rect]) -> bool:
        """True while a stop is on the screen (a waiting stop whose part is absent is not)."""
        self.settle(regions)
        return self.target(regions) is not None

    def go(self, action: str, regions: Mapping[str, pygame.Rect]) -> None:
        """Next, back or skip."""
        if action == SKIP:
            self.done = True
            return
        if action == BACK:
            self.index = max(0, self.index - 1)
            self.settle(regions)
            return
        self.index += 1
        self.settle(regions)

    def handle_event(self, event: pygame.event.Event, regions: Mapping[str, pygame.Rect], plan: Plan | None) -> bool:
        """Take the keyboard and the mouse while a stop shows; True if the event was used."""
        if plan is None or not self.showing(regions):
            return False
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.go(SKIP, regions)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT):
                self.go(NEXT, regions)
            elif event.key in (pygame.K_LEFT, pygame.K_BACKSPACE):
                self.go(BACK, regions)
            return True  # every other key waits until the tour is over
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 1) == 1:
            for action, (rect, _) in plan.buttons.items():
                if rect.collidepoint(event.pos):
                    self.go(action, regions)
            return True
        # a click on the screen under the box does nothing while the tour speaks
        return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame_gui.UI_BUTTON_PRESSED,
                              pygame_gui.UI_TEXT_BOX_LINK_CLICKED)

    # -- layout and drawing --------------------------------------------------------------

    def plan(self, regions: Mapping[str, pygame.Rect], size: tuple[int, int], ui_scale: float,
             text_factor: float) -> Plan | None:
        """Where the current stop goes in a window of ``size`` (None when nothing shows)."""
        if not self.showing(regions):
            return None
        found = self.target(regions)
        assert found is not None and self.stop is not None
        target, via_page = found
        stop = self.stop
        window = pygame.Rect((0, 0), size)
        margin = int(12 * ui_scale)
        pad = int(14 * ui_scale)
        title_face = font(int(17 * text_factor), bold=True)
        body_face = font(int(14 * text_factor))
        text = stop.text
        if via_page:
            key = self.page_keys.get(stop.page, "")
            text += f" (In this window it has its own page: press {key} or click this button.)" if key else \
                " (In this window it has its own page: click this button.)"
        labels = {BACK: "Back", NEXT: "Next" if self._more_after() else "Done", SKIP: "Skip the tour (Esc)"}
        counter = f"{self.index + 1} of {len(self.stops)}"
        width = min(int(400 * text_factor), window.width - 2 * margin)
        button_h = body_face.get_linesize() + int(12 * ui_scale)
        while True:
            inner = width - 2 * pad
            title = wrap_lines(title_face, f"{stop.title}  ·  {counter}", inner)
            body = wrap_lines(body_face, text, inner)
            footer = wrap_lines(body_face, "Enter: next · ←: back", inner)
            rows = _button_rows(body_face, labels, inner, int(8 * ui_scale), pad)
            height = (2 * pad + len(title) * title_face.get_linesize() + int(6 * ui_scale)
                      + (len(body) + len(footer)) * body_face.get_linesize() + int(10 * ui_scale)
                      + len(rows) * (button_h + int(8 * ui_scale)))
            if height <= window.height - 2 * margin or width >= window.width - 2 * margin:
                break
            width = min(window.width - 2 * margin, width + int(80 * ui_scale))  # too tall: wider, fewer lines
        # room for the arrow between the box and what it points at
        clear = int(36 * ui_scale)
        box = _place(pygame.Rect(0, 0, width, height), target.inflate(2 * clear, 2 * clear), window, margin)
        buttons: dict[str, tuple[pygame.Rect, str]] = {}
        y = box.bottom - pad - len(rows) * (button_h + int(8 * ui_scale)) + int(8 * ui_scale)
        for row in rows:
            x = box.x + pad
            for action, button_w in row:
                buttons[action] = (pygame.Rect(x, y, button_w, button_h), labels[action])
                x += button_w + int(8 * ui_scale)
            y += button_h + int(8 * ui_scale)
        return Plan(target, box, title, body, footer, buttons, title_face, body_face, via_page)

    def _more_after(self) -> bool:
        return self.index < len(self.stops) - 1

    def draw(self, surface: pygame.Surface, plan: Plan | None, palette, ui_scale: float) -> None:
        """The dimmed screen with the target cut out, its highlight, the arrow and the box."""
        if plan is None:
            return
        target, box = plan.target, plan.box
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 140))
        shade.fill((0, 0, 0, 0), target.inflate(int(8 * ui_scale), int(8 * ui_scale)))
        surface.blit(shade, (0, 0))
        line = max(2, int(3 * ui_scale))
        pygame.draw.rect(surface, palette.focus, target.inflate(int(8 * ui_scale), int(8 * ui_scale)), line,
                         border_radius=6)
        _arrow(surface, box, target.inflate(int(8 * ui_scale), int(8 * ui_scale)), palette.focus, line,
               int(14 * ui_scale))
        pygame.draw.rect(surface, palette.panel, box, border_radius=8)
        pygame.draw.rect(surface, palette.focus, box, line, border_radius=8)
        pad = int(14 * ui_scale)
        y = box.y + pad
        for text in plan.title:
            surface.blit(plan.title_face.render(text, True, palette.text), (box.x + pad, y))
            y += plan.title_face.get_linesize()
        y += int(6 * ui_scale)
        for text in plan.body:
            surface.blit(plan.body_face.render(text, True, palette.text), (box.x + pad, y))
            y += plan.body_face.get_linesize()
        for text in plan.footer:
            surface.blit(plan.body_face.render(text, True, palette.muted), (box.x + pad, y))
            y += plan.body_face.get_linesize()
        for action, (rect, label) in plan.buttons.items():
            primary = action == NEXT
            pygame.draw.rect(surface, palette.focus if primary else palette.background, rect, border_radius=5)
            pygame.draw.rect(surface, palette.muted, rect, 1, border_radius=5)
            image = plan.body_face.render(label, True, palette.background if primary else palette.text)
            surface.blit(image, image.get_rect(center=rect.center))


def _button_rows(face, labels: Mapping[str, str], inner: int, gap: int, pad: int) -> list[list[tuple[str, int]]]:
    """The buttons in rows that fit the box's inner width (one row when they fit side by side)."""
    rows: list[list[tuple[str, int]]] = [[]]
    used = 0
    for action in (BACK, NEXT, SKIP):
        width = min(inner, face.size(labels[action])[0] + 2 * pad)
        if rows[-1] and used + gap + width > inner:
            rows.append([])
            used = 0
        rows[-1].append((action, width))
        used += width + (gap if used else 0)
    return rows


def _place(box: pygame.Rect, keep_clear: pygame.Rect, window: pygame.Rect, margin: int) -> pygame.Rect:
    """Beside the target (right, left, below, above) where the box fits whole; else where it covers least."""
    area = window.inflate(-2 * margin, -2 * margin)
    candidates: list[tuple[int, int, pygame.Rect]] = []
    for side in ("right", "left", "below", "above"):
        rect = box.copy()
        if side == "right":
            rect.midleft = (keep_clear.right, keep_clear.centery)
        elif side == "left":
            rect.midright = (keep_clear.left, keep_clear.centery)
        elif side == "below":
            rect.midtop = (keep_clear.centerx, keep_clear.bottom)
        else:
            rect.midbottom = (keep_clear.centerx, keep_clear.top)
        rect.clamp_ip(area)
        overlap = rect.clip(keep_clear)
        candidates.append((overlap.width * overlap.height, len(candidates), rect))
    return min(candidates)[2]


def _arrow(surface: pygame.Surface, box: pygame.Rect, target: pygame.Rect, colour, width: int, head: int) -> None:
    """A line from the box's edge to the target's nearest edge, with a head at the target."""
    if box.colliderect(target):
        return
    start = (min(max(target.centerx, box.left), box.right), min(max(target.centery, box.top), box.bottom))
    end = (min(max(start[0], target.left), target.right), min(max(start[1], target.top), target.bottom))
    pygame.draw.line(surface, colour, start, end, width)
    vector = pygame.math.Vector2(end[0] - start[0], end[1] - start[1])
    if vector.length() < head:
        return
    vector.scale_to_length(head)
    left, right = vector.rotate(150), vector.rotate(-150)
    points = [end, (end[0] + left.x, end[1] + left.y), (end[0] + right.x, end[1] + right.y)]
    pygame.draw.polygon(surface, colour, points)


# -- the main screen's side: which games get a tour, and the screen's hooks ----------------

def first_month_tour(play, settings, again: bool = False) -> Tour | None:
    """The tour for a new single-player game (after the briefing), or taken ``again`` from How to play.

    None for a class game or several people at one screen, and (unless ``again``) when the
    settings turn the tour off.
    """
    humans = tuple(play.session.humans)
    if play.class_game or len(humans) != 1 or not (again or getattr(settings, "guided_tour", True)):
        return None
    pages = {"card": settings.key_for("page_card").upper(), "map": settings.key_for("page_map").upper(),
             "state": settings.key_for("page_state").upper()}
    return Tour(stops(play.scenario, humans[0], settings.keys), pages)


class TourOverlay:
    """The tour over a screen that has ``tour_regions()`` and an ``app``: the three hooks it needs."""

    def __init__(self, tour: Tour, screen) -> None:
        self.tour = tour
        self.screen = screen
        self._key: tuple = ()
        self._plan: Plan | None = None

    #: the events the tour may take; the mouse moving over the screen is left alone
    TAKES = frozenset({pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
                       pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_TEXT_BOX_LINK_CLICKED})

    def plan(self) -> Plan | None:
        """The current stop's box, worked out again only when the stop, the screen's parts or the size change."""
        if self.tour.done:
            return None
        settings = self.screen.app.settings
        regions = self.screen.tour_regions()
        key = (self.tour.index, tuple(sorted((n, tuple(r)) for n, r in regions.items())), self.screen.app.size,
               settings.ui_scale, settings.text_factor)
        if key != self._key:
            self._key = key
            self._plan = self.tour.plan(regions, self.screen.app.size, settings.ui_scale, settings.text_factor)
        return self._plan

    @property
    def active(self) -> bool:
        """True while a stop shows (the screen then redraws whole, the tour on top)."""
        return not self.tour.done and self.plan() is not None

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.tour.done or event.type not in self.TAKES:
            return False
        used = self.tour.handle_event(event, self.screen.tour_regions(), self.plan())
        if used:
            self.screen.app.dirty = True
        return used

    def draw(self, surface: pygame.Surface) -> None:
        if not self.tour.done:
            self.tour.draw(surface, self.plan(), self.screen.app.palette, self.screen.app.settings.ui_scale)
