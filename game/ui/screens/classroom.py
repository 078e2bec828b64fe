"""Screens for a class: the hand-over between teams and the teacher's overlay.

The hand-over fills the window, so nothing of the last team's screen (nor the next
team's) shows until the next team presses Enter or clicks. A key still held down when it
appears (Enter pressed on the last card, repeating) does not pass it; only a fresh
press does.

The teacher's overlay (F9 by default, rebindable as ``teacher`` in the settings file)
works in lesson mode and whenever a turn timer runs, like the terminal's ``pause``,
``reveal`` and ``skip``.
"""

from __future__ import annotations

import pygame

from game.table import EVERYONE_LOOKS
from game.table.calendar import month_name
from game.table.lesson import clock_text
from game.ui.panels.words import whole_state_html
from game.ui.screens.base import Screen, column_buttons, fit_text
from game.ui.theme import font, hex_colour, power_colours

CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class HandOverScreen(Screen):
    """"Pass to the German team": hides everything until the next team is ready."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main
        self.power = main.deck.handover
        #: keys already down when the screen appeared (a held Enter must not pass it)
        self.held = set(app.keys_down)
        self.mouse_down = False
        self.icon_rect = pygame.Rect(0, 0, 0, 0)
        self.detail_lines: list[tuple[pygame.Surface, pygame.Rect]] = []

    @property
    def everyone(self) -> bool:
        return self.power == EVERYONE_LOOKS

    def texts(self) -> tuple[str, str, str]:
        """Title, subtitle and the button."""
        table = self.main.table
        if self.everyone:
            return ("The year is over", "Everyone can look now: the whole state, every team's choices and "
                    "the debrief.", "Show the ending  (Enter)")
        team = self.main.team(self.power)
        name = table.scenario.power(self.power).name
        month = month_name(table.session.month)
        detail = f"{name} decides next ({month}). The screen stays hidden until {team} is at the keyboard."
        if table.timer.seconds is not None:
            detail += " The clock starts when you continue."
        return f"Pass to {team}", detail, f"We are {team}: continue  (Enter)"

    def build(self) -> None:
        width, height = self.app.size
        title, detail, button = self.texts()
        column = min(width - 2 * self.u(24), self.t(820))
        x = (width - column) // 2
        icon = self.t(64)
        face = font(int(17 * self.app.settings.text_factor))
        lines = wrap_lines(face, detail, column)
        line_h = face.get_linesize() + self.u(2)
        detail_h = len(lines) * line_h
        block = icon + self.u(16) + self.t(56) + detail_h + self.u(24) + self.t(52) + self.u(14) + self.t(40)
        y = max(self.u(16), (height - block) // 2)
        self.icon_rect = pygame.Rect(width // 2 - icon // 2, y, icon, icon)
        y += icon + self.u(16)
        self.label(title, pygame.Rect(x, y, column, self.t(56)), "#title")
        y += self.t(56)
        self.detail_lines = []
        for line in lines:
            image = face.render(line, True, self.app.palette.muted)
            self.detail_lines.append((image, image.get_rect(midtop=(width // 2, y))))
            y += line_h
        y += self.u(24)
        button_w = min(column, self.t(560))
        self.button(button, pygame.Rect((width - button_w) // 2, y, button_w, self.t(52)), self.proceed,
                    "handover:continue", "#primary_button")
        y += self.t(52) + self.u(14)
        small_w = min(column, self.t(320))
        self.button("Save and quit to the title", pygame.Rect((width - small_w) // 2, y, small_w, self.t(40)),
                    self.save_and_quit, "handover:quit", "#menu_button")
        self.focus.current = "handover:continue"

    def proceed(self) -> None:
        """The next team has the keyboard: show its screen."""
        self.main.deck.handed_over()
        self.app.pop()

    def save_and_quit(self) -> None:
        self.main.save()
        self.app.reset_to(self.app.open("title"))

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYUP:
            self.held.discard(event.key)
            return False
        if event.type == pygame.KEYDOWN:
            if event.key in self.held:
                return True  # still held from the last card: repeats do not pass the screen
            if event.key in CONTINUE_KEYS:
                self.proceed()
                return True
            if event.key == pygame.K_ESCAPE:
                return True  # nothing behind this screen may show
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.mouse_down = not self._on_button(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            clicked_away = self.mouse_down and not self._on_button(event.pos)
            self.mouse_down = False
            if clicked_away:
                self.proceed()
                return True
        return super().handle_event(event)

    def _on_button(self, pos: tuple[int, int]) -> bool:
        return any(pygame.Rect(element.get_abs_rect()).collidepoint(pos) for element in self.actions)

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        palette = self.app.palette
        powers = self.app.scenario.powers if self.everyone else [self.app.scenario.power(self.power)]
        by_power = power_colours(palette, self.app.scenario)
        colours = [(by_power.get(power.id, palette.focus), power.shape or "circle") for power in powers]
        rect = self.icon_rect
        step = rect.width + self.u(16)
        left = rect.centerx - step * (len(colours) - 1) // 2
        for index, (colour, shape) in enumerate(colours):
            centre = (left + index * step, rect.centery)
            draw_shape(surface, shape, centre, rect.width // 2, colour, palette.text)
        for image, where in self.detail_lines:
            surface.blit(image, where)


def wrap_lines(face: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if face.size(candidate)[0] <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def draw_shape(surface: pygame.Surface, shape: str, centre: tuple[int, int], radius: int,
               colour: tuple[int, int, int], outline: tuple[int, int, int]) -> None:
    """A power's mark (its ``shape`` in the scenario): a circle, a square, a triangle, else a diamond."""
    x, y = centre
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, radius)
        pygame.draw.circle(surface, outline, centre, radius, 3)
    elif shape == "square":
        rect = pygame.Rect(x - radius, y - radius, 2 * radius, 2 * radius).inflate(-radius // 4, -radius // 4)
        pygame.draw.rect(surface, colour, rect)
        pygame.draw.rect(surface, outline, rect, 3)
    else:
        points = [(x, y - radius), (x + radius, y + radius * 3 // 4), (x - radius, y + radius * 3 // 4)] \
            if shape == "triangle" else [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]
        pygame.draw.polygon(surface, colour, points)
        pygame.draw.polygon(surface, outline, points, 3)


class TeacherScreen(Screen):
    """Pause or resume the clock, show the whole state, move on as in 1943."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main
        self.status = None
        self.shown_status = ""

    def status_text(self) -> str:
        table, timer = self.main.table, self.main.timer
        parts = []
        lesson = table.lesson
        if lesson is not None:
            parts.append(f"Decision {lesson.asked} of at most {lesson.budget}")
        if self.main.deck.viewer:
            parts.append(f"{self.main.team()} decides")
        remaining = timer.remaining() if self.main.clock.timing else None
        if remaining is None:
            parts.append("no clock running" if timer.seconds is None else "the clock starts on the next card")
        elif remaining <= 0:
            parts.append(f"time is up ({clock_text(remaining)} over)" + (", paused" if timer.paused else ""))
        else:
            parts.append(f"{clock_text(remaining)} left" + (", paused" if timer.paused else ""))
        return " · ".join(parts)

    def build(self) -> None:
        main = self.main
        timer = main.timer
        deciding = main.deciding
        clock = main.clock.timing
        pause_text = "Resume the clock" if timer.paused else "Pause the clock"
        self.shown_status = self.status_text()
        column_buttons(self, "Teacher", [
            (pause_text, self.toggle_pause, clock),
            ("Show the whole state to the class", self.reveal, True),
            (f"Move on: decide {self.app.scenario.presentation.as_in_history}", self.skip, deciding),
            (f"Back to the game  (Esc or {self.app.settings.key_for('teacher').upper()})", self.app.pop, True),
        ], subtitle=self.shown_status)
        self.status = self.elements[1]
        if self.focus.current is None:
            self.focus.current = pause_text if clock else "Show the whole state to the class"

    def toggle_pause(self) -> None:
        table = self.main.table
        if table.timer.paused:
            table.resume()
            self.app.toast("The clock runs again")
        else:
            table.pause()
            self.app.toast("The clock is paused")
        self.focus.current = "Resume the clock" if table.timer.paused else "Pause the clock"
        self.rebuild()

    def reveal(self) -> None:
        muted = hex_colour(self.app.palette.muted)
        self.app.push(self.app.open("text", "The whole state (teacher's view)",
                                    whole_state_html(self.app.scenario, self.main.table.reveal(), muted)))

    def skip(self) -> None:
        main = self.main
        self.app.pop()
        main.skip_decision()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == self.app.key("teacher"):
            self.app.pop()
            return True
        return super().handle_event(event)

    def update(self, dt: float) -> bool:
        text = self.status_text()
        if text != self.shown_status and self.status is not None:
            self.shown_status = text
            self.status.set_text(fit_text(self.font_of(self.status), text, self.status.get_abs_rect().width - 4))
            self.app.dirty = True
        return False
