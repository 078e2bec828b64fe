"""The window's loop: a stack of screens, one pygame_gui manager, and sleeping when idle.

The loop only redraws when something changed (input, an animation, a message) and
otherwise blocks in ``pygame.event.wait`` with a timeout, so a game left open on a
classroom computer costs next to nothing.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.core.surface_cache import SurfaceCache

from game.scenario.model import Scenario
from game.ui import memory
from game.ui.fit import wrap_lines
from game.ui.screens.base import Screen
from game.ui.screens.registry import SCREENS
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.sound import Sounds
from game.ui.theme import font, palette_for, preload_styled_fonts, register_fonts, scaled_theme

#: more widgets than this gone since the last frame: the screen was rebuilt
REBUILT = 3
ACTIVE_AFTER_INPUT = 1.5  # seconds to keep drawing after input (hover, tooltips)
IDLE_WAIT_MS = 500
FPS = 60
MIN_SIZE = (960, 600)
#: SDL's window framebuffer: "0" is the platform's own (X11 shared memory, GDI), which sends only
#: the rectangles given to ``display.update``. SDL's default on Linux is a texture drawn through
#: OpenGL (software GL where there is no GPU), which uploads the whole window on every update:
#: 15 ms of CPU for a 100×40 hover change at 1920×1080 under Xvfb, against 0.2 ms. A player or
#: a platform that sets the variable keeps its own choice.
FRAMEBUFFER_HINT = ("SDL_FRAMEBUFFER_ACCELERATION", "0")
#: events that change only what is hovered: the frame redraws just the rectangles that changed
HOVER_ONLY = frozenset({pygame.MOUSEMOTION, pygame_gui.UI_BUTTON_ON_HOVERED, pygame_gui.UI_BUTTON_ON_UNHOVERED,
                        pygame.ACTIVEEVENT, pygame.WINDOWENTER, pygame.WINDOWLEAVE})


def hover_only(event: pygame.event.Event) -> bool:
    """True for an event that changes only what is hovered (pygame_gui's own carry ``user_type``)."""
    if event.type in HOVER_ONLY:
        return True
    user = event.dict.get("user_type")
    return isinstance(user, int) and int(user) in HOVER_ONLY


@dataclass
class Options:
    """How the window was started (from the command line or a test)."""

    seed: int | None = None
    scenario: str = ""
    human: str = ""  # power ids, comma-separated; empty: those the scenario gives a person
    load: str | None = None
    lesson: bool = False
    timer: float | None = None  # seconds a team has for a decision
    setup: bool = False  # open on the new-game screen (``play`` with class options)


class App:
    """The window: screens, settings, the pygame_gui manager and the loop."""

    def __init__(self, scenario: Scenario, options: Options, settings: Settings | None = None,
                 size: tuple[int, int] | None = None) -> None:
        self.started = time.perf_counter()
        self.scenario = scenario
        self.options = options
        self.settings = settings or load_settings()
        if size is not None:
            self.settings.width, self.settings.height = size
        # display and fonts only: the mixer is opened on demand, so a machine without
        # sound (or a classroom with it muted) never waits for audio devices
        os.environ.setdefault(*FRAMEBUFFER_HINT)
        memory.tune_allocator()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(scenario.title)
        pygame.key.set_repeat(400, 40)
        self.surface = self._open_window()
        self.sounds = Sounds(self.settings.sound)
        self.palette = palette_for(self.settings)
        self.manager = self._new_manager()
        self.screens: list[Screen] = []
        self.running = True
        self.clock = pygame.time.Clock()
        self.active_until = 0.0
        #: until when the loop keeps polling at full rate without redrawing (after the mouse moved)
        self.polling_until = 0.0
        #: each element's rectangle and hover flag at the last frame (to redraw only what hovering changed)
        self.hover_seen: dict[int, tuple[pygame.Rect, bool]] = {}
        self.dirty = True
        self.toast_text = ""
        self.toast_until = 0.0
        self.frames = 0
        #: widgets were replaced in this frame: free them at its end (game/ui/memory.py)
        self.trim_due = False
        #: a game started or the theme was rebuilt: settle the collector after this frame
        self.settle_due = False
        #: keys held down now (a hand-over screen ignores a key that was already down)
        self.keys_down: set[int] = set()

    # -- window and theme -----------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.settings.window_mode == "fullscreen":
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(MIN_SIZE[0], self.settings.width), max(MIN_SIZE[1], self.settings.height))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _switch_window(self) -> pygame.Surface:
        """Full screen on the display the window is on (SDL keeps a window's own display), or back."""
        try:
            window = pygame.Window.from_display_module()
            if self.settings.window_mode == "fullscreen":
                window.set_fullscreen(desktop=True)
            else:
                window.set_windowed()
                window.size = (max(MIN_SIZE[0], self.settings.width), max(MIN_SIZE[1], self.settings.height))
            surface = pygame.display.get_surface()
            if surface is None:
                return self._open_window()
            return surface
        except (pygame.error, AttributeError):  # an older pygame or a driver without windows
            return self._open_window()

    def _new_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.surface.get_size(), enable_live_theme_updates=False)
        register_fonts(manager)
        theme = scaled_theme(self.settings)
        manager.get_theme().load_theme(theme)
        preload_styled_fonts(manager, theme)  # no "not already loaded" warnings on the terminal
        return manager

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings: save them, reopen the window if needed, rebuild the theme."""
        mode_changed = settings.window_mode != self.settings.window_mode
        self.settings = settings
        try:
            save_settings(settings)
        except OSError as error:
            self.toast(f"Could not save settings: {error}")
        if mode_changed:
            self.surface = self._open_window()
        self.palette = palette_for(settings)
        self.sounds.enabled = settings.sound
        self._reset_manager()

    def _reset_manager(self) -> None:
        if self.screens:
            self.screens[-1].leave()
        self.manager = self._new_manager()
        self.settle_due = True  # the old theme's cycles are freed at the end of the frame
        if self.screens:
            self.screens[-1].enter()
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        """F11: switch between a window and the full screen."""
        self.settings.window_mode = "windowed" if self.settings.window_mode == "fullscreen" else "fullscreen"
        self.surface = self._switch_window()
        self.manager.set_window_resolution(self.size)
        self._reset_manager()
        try:
            save_settings(self.settings)
        except OSError:
            pass

    def resized(self, size: tuple[int, int]) -> None:
        """The player resized the window."""
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if self.settings.window_mode == "windowed":
            self.settings.width, self.settings.height = size
        self.surface = pygame.display.get_surface() or self.surface
        self.manager.set_window_resolution(self.size)
        self._reset_manager()

    # -- the screen stack ------------------------------------------------------------

    def push(self, screen: Screen) -> None:
        if self.screens:
            self.screens[-1].leave()
        self.screens.append(screen)
        screen.enter()
        self.wake()

    def pop(self) -> None:
        if self.screens:
            self.screens.pop().leave()
        if self.screens:
            self.screens[-1].enter()
        else:
            self.running = False
        self.wake()

    def replace(self, screen: Screen) -> None:
        """Swap the top screen for another."""
        if self.screens:
            self.screens.pop().leave()
        self.screens.append(screen)
        screen.enter()
        self.wake()

    def forget_drawn_shapes(self) -> None:
        """Drop pygame_gui's cache of drawn button shapes.

        The cache keeps every shape of every size ever drawn, in 4 MB sheets, and never lets
        go; with cards of many sizes it grew by tens of megabytes a game. Elements still on
        screen keep their own images, so dropping it costs only a redraw of new shapes.
        """
        self.manager.get_theme().shape_cache = SurfaceCache()
        memory.release()

    def reset_to(self, *screens: Screen) -> None:
        """Empty the stack and start again from these screens (the last is shown).

        A new game or a loaded one: at the end of the frame, when the code that started it has
        let go of the last game, its table and widgets are freed and what is alive then (the new
        table, the theme) is frozen for the collector (game/ui/memory.py).
        """
        while self.screens:
            self.screens.pop().leave()
        self.manager.get_theme().shape_cache = SurfaceCache()
        self.settle_due = True
        for screen in screens[:-1]:
            self.screens.append(screen)
        self.push(screens[-1])

    def open(self, name: str, *args) -> Screen:
        """A new screen by its registry name (``"timeline"``, ``"text"``, …) with its arguments."""
        return SCREENS[name](self, *args)

    @property
    def top(self) -> Screen:
        return self.screens[-1]

    def toast(self, text: str, seconds: float = 3.5) -> None:
        """A short message at the bottom of the window."""
        self.toast_text = text
        self.toast_until = time.perf_counter() + seconds
        self.wake(seconds)

    def wake(self, seconds: float = ACTIVE_AFTER_INPUT) -> None:
        """Keep drawing for a while (after input, or while something shows)."""
        self.active_until = max(self.active_until, time.perf_counter() + seconds)
        self.dirty = True

    # -- the loop --------------------------------------------------------------------

    def run(self) -> None:
        """Run until the last screen closes or the player quits."""
        while self.running:
            if self.is_active():
                self.clock.tick(FPS)
                events = pygame.event.get()
            else:
                first = pygame.event.wait(IDLE_WAIT_MS)
                events = [first] + pygame.event.get() if first.type != pygame.NOEVENT else []
                self.clock.tick()
            self.frame(events, min(0.1, self.clock.get_time() / 1000))

    def is_active(self) -> bool:
        """True while input is recent, a message shows, or the screen animates."""
        now = time.perf_counter()
        return now < self.active_until or now < self.polling_until or self.dirty

    def _hover_changes(self) -> list[pygame.Rect]:
        """The rectangles whose look the mouse changed since the last frame: an element it entered
        or left, a tooltip that came or went."""
        now = {id(e): (pygame.Rect(e.rect), bool(getattr(e, "hovered", False)))
               for e in self.manager.get_sprite_group().sprites()}
        seen = self.hover_seen
        changed = [rect for key, (rect, hovered) in now.items() if key not in seen or seen[key][1] != hovered]
        gone = [rect for key, (rect, _) in seen.items() if key not in now]
        changed += gone
        if len(gone) > REBUILT:
            self.trim_due = True  # a screen was rebuilt: the old widgets' images were freed
        self.hover_seen = now
        if self.screens:
            changed += self.top.hover_rects()
        return changed

    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        """Handle events, advance animations, and draw if anything changed."""
        for event in events:
            self.handle_event(event)
            if not self.running:
                return
        if not self.screens:
            self.running = False
            return
        self.manager.update(dt)
        hovered = self._hover_changes()
        moved = self.top.update(dt)
        if time.perf_counter() < self.active_until:
            self.dirty = True
        if self.dirty:
            self.draw()
            self.dirty = False
        elif hovered and not moved:
            # only hovering changed: draw the frame, send the screen just those rectangles
            self.draw(hovered)
        elif moved:
            # only an animation moved: redraw and send just its rectangles
            rects = self.top.animated_rects()
            if rects is None:
                self.draw()
            else:
                self.top.draw_animated(self.surface, rects)
                pygame.display.update(rects)
                self.frames += 1
        if self.settle_due or self.trim_due:
            memory.forget_dirty_rects(self.manager.get_sprite_group())  # the killed widgets' rects
        if self.settle_due:
            # a new game or a new theme: free the last one, freeze what lives on (game/ui/memory.py)
            memory.settle()
            memory.give_back()
        elif self.trim_due:
            # a rebuilt screen dropped the last one's widgets: free their cycles and hand the pages
            # back in the same frame. About 2.4 ms at 1920x1080 (collection 2.0, heap trim 0.4).
            # Waiting a quarter of a second between trims let a fast run of cards pile up several
            # cards' images: a 3-minute soak's highest sample stood 15.6% above the first month, 8.8% now.
            memory.release()
        self.settle_due = self.trim_due = False

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.KEYDOWN:
            self.keys_down.add(event.key)
        elif event.type == pygame.KEYUP:
            self.keys_down.discard(event.key)
        elif event.type == pygame.WINDOWFOCUSLOST:
            self.keys_down.clear()
        if event.type == pygame.MOUSEMOTION:
            # a moving mouse alone redraws nothing: the loop polls (for hover and tooltips) and
            # draws only when what is hovered changes
            self.polling_until = time.perf_counter() + ACTIVE_AFTER_INPUT
        elif event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                            pygame.MOUSEWHEEL, pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED):
            self.wake()
        if event.type == pygame.VIDEORESIZE and self.settings.window_mode == "windowed":
            self.resized((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and event.key == self.key("fullscreen"):
            self.toggle_fullscreen()
            return
        self.manager.process_events(event)
        if self.screens:
            self.top.handle_event(event)
            if not hover_only(event):
                self.dirty = True

    def key(self, action: str) -> int:
        """The pygame key code bound to an action in the settings."""
        name = self.settings.key_for(action)
        try:
            return pygame.key.key_code(name)
        except ValueError:
            return -1

    def draw(self, rects: list[pygame.Rect] | None = None) -> None:
        """Draw the frame; send the whole window to the screen, or only ``rects`` of it."""
        surface = self.surface
        top = self.top
        areas = [rect.inflate(8, 8) for rect in rects] if rects else []
        clip = areas[0].unionall(areas[1:]) if areas else None
        surface.set_clip(clip)  # blits outside the changed area cost nothing
        top.draw_background(surface)
        self.manager.draw_ui(surface)
        top.draw_overlay(surface)
        top.draw_tips(surface)  # tooltips over the focus ring
        self._draw_toast(surface)
        surface.set_clip(None)
        if areas:
            # only the changed rectangles go to the screen, not the box around them all: between
            # them nothing changed (a row left at the top, a button entered at the bottom)
            pygame.display.update(areas)
        else:
            pygame.display.flip()
        self.frames += 1

    def _draw_toast(self, surface: pygame.Surface) -> None:
        if not self.toast_text or time.perf_counter() > self.toast_until:
            return
        size = max(12, int(15 * self.settings.text_factor))
        face = font(size)
        area = self.top.toast_area() if self.screens else None
        if area is None:
            bottom = surface.get_height() - int(18 * self.settings.ui_scale)
            area = pygame.Rect(0, 0, surface.get_width() - 40, bottom)
        # wrapped into the area the screen keeps free of controls, never over a button
        lines = wrap_lines(face, self.toast_text, max(40, area.width - 28))
        images = [face.render(line, True, (17, 17, 17)) for line in lines]
        height = sum(image.get_height() for image in images)
        width = max(image.get_width() for image in images)
        rect = pygame.Rect(0, 0, width, height)
        rect.midbottom = (area.centerx, area.bottom - 7)
        pygame.draw.rect(surface, (240, 228, 66), rect.inflate(28, 14), border_radius=6)
        pygame.draw.rect(surface, (17, 17, 17), rect.inflate(28, 14), 2, border_radius=6)
        y = rect.y
        for image in images:
            surface.blit(image, (rect.centerx - image.get_width() // 2, y))
            y += image.get_height()

    def screenshot(self, path) -> None:
        """Save what the window shows now as a PNG."""
        self.draw()
        pygame.image.save(self.surface, str(path))
