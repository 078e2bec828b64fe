"""The turn clock's strip above a decision card (lesson mode or a timer): which decision, the time left.

The clock is the table's; it is started when the decision card first shows (not while the
team reads its news), and this strip only draws it, once a second.
"""

from __future__ import annotations

import pygame

from game.table.lesson import TurnTimer, clock_text
from game.ui.fit import fit_text
from game.ui.panels.base import Panel
from game.ui.theme import font

#: the warning colours of the turn clock (Okabe–Ito yellow and vermillion, black text)
TIME_UP = ((240, 228, 66), (213, 94, 0))


def mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """``share`` of colour ``a`` over ``b``."""
    return (int(a[0] * share + b[0] * (1 - share)), int(a[1] * share + b[1] * (1 - share)),
            int(a[2] * share + b[2] * (1 - share)))


class ClockStrip(Panel):
    """Draws the table's turn clock; :meth:`update` says when the shown second changes."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.shown: tuple[int, bool] | None = None
        self.changed = False
        self.warned = False

    @property
    def timer(self) -> TurnTimer:
        return self.deck.table.timer

    @property
    def timing(self) -> bool:
        """True while a clock runs (or is paused) for the decision on the card."""
        return self.timer.seconds is not None and self.main.deciding

    def started(self) -> None:
        """A new decision's clock started."""
        self.warned = False
        self.shown = None

    def texts(self) -> tuple[str, str]:
        """The strip's left and right text."""
        view = self.view
        lesson = view.lesson
        left = f"Decision {lesson.asked} of at most {lesson.budget}" if lesson is not None else "Turn clock"
        if view.power is not None and self.deck.table.hot_seat:
            left += f" · {view.team}"
        remaining = self.timer.remaining() if self.timing else None
        teacher_key = self.app.settings.key_for("teacher").upper()
        if remaining is None:
            return left, "no time limit"
        if remaining <= 0:
            return f"TIME IS UP · +{clock_text(remaining)}", f"decide now · teacher: {teacher_key}"
        paused = "paused · " if self.timer.paused else ""
        return left, f"{paused}{clock_text(remaining)} left"

    def time_up(self) -> bool:
        return self.timing and self.timer.expired()

    def update(self) -> bool:
        """True when the strip must be redrawn (a new second, a pause); warns once when time is up."""
        if not self.rect.width or not self.timing:
            return False
        moved = False
        shown = (int((self.timer.remaining() or 0.0) // 1), self.timer.paused)
        if shown != self.shown:
            self.shown = shown
            self.changed = moved = True
        if self.timer.expired() and not self.warned:
            self.warned = True
            self.app.sounds.play("time_up")
            self.app.toast("Time is up: decide now, or the teacher moves on "
                           f"({self.app.settings.key_for('teacher').upper()}).", 6)
            self.app.dirty = True  # the frame around the card
        return moved

    def draw(self, surface: pygame.Surface) -> None:
        """The strip: which decision, and the time left as a bar."""
        self.changed = False
        rect = self.rect
        p = self.app.palette
        face = font(int(14 * self.app.settings.text_factor), bold=True)
        left, right = self.texts()
        if self.time_up():
            blink = int(-(self.timer.remaining() or 0)) % 2
            text = (0, 0, 0)
            pygame.draw.rect(surface, TIME_UP[blink], rect, border_radius=4)
            pygame.draw.rect(surface, (0, 0, 0), rect, 2, border_radius=4)
        else:
            text = p.text
            pygame.draw.rect(surface, p.background, rect)
            pygame.draw.rect(surface, p.panel, rect, border_radius=4)
            remaining = self.timer.remaining() if self.timing else None
            if remaining is not None and self.timer.seconds:
                share = max(0.0, min(1.0, remaining / self.timer.seconds))
                bar = pygame.Rect(rect.x, rect.y, int(rect.width * share), rect.height)
                colour = p.muted if self.timer.paused else p.trust if share > 0.25 else p.alarm
                pygame.draw.rect(surface, mix(colour, p.panel, 0.45), bar, border_radius=4)
            pygame.draw.rect(surface, p.muted, rect, 1, border_radius=4)
        pad = self.u(10)
        left_image = face.render(left, True, text)
        right_image = face.render(right, True, text)
        room = rect.width - 3 * pad - left_image.get_width()
        if right_image.get_width() > room:  # the left part (the decision, or TIME IS UP) always shows whole
            right_image = face.render(fit_text(face, right, max(10, room)), True, text)
        surface.blit(left_image, left_image.get_rect(midleft=(rect.x + pad, rect.centery)))
        surface.blit(right_image, right_image.get_rect(midright=(rect.right - pad, rect.centery)))
