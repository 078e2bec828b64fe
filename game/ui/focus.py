"""Keyboard focus over pygame_gui elements.

pygame_gui has no focus traversal of its own, so each screen lists its focusable
elements in reading order here. Tab / Shift-Tab and the arrow keys move a ring drawn
around the focused element; Enter or Space activates it; Left / Right change a value
for elements that have one (a standing policy, a setting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.core import UIElement

Action = Callable[[], None]


@dataclass
class Focusable:
    """One element the keyboard can reach, with what Enter and Left/Right do to it."""

    key: str
    element: UIElement
    activate: Action
    step: Callable[[int], None] | None = None
    on_focus: Action | None = None

    def reachable(self) -> bool:
        """Hidden or disabled elements are skipped."""
        element = self.element
        return bool(getattr(element, "visible", True)) and bool(getattr(element, "is_enabled", True)) \
            and getattr(element, "alive", lambda: True)()


class FocusRing:
    """The ordered focusable elements of one screen and which one has the focus."""

    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.current: str | None = None
        self.hidden = False  # e.g. while exporting a picture of the screen

    def clear(self) -> None:
        """Forget every element (the screen is being rebuilt); the focused key is kept."""
        self.items = []

    def add(self, item: Focusable) -> None:
        """Append an element in reading order."""
        self.items.append(item)

    @property
    def focused(self) -> Focusable | None:
        """The focused item, falling back to the first reachable one."""
        reachable = [item for item in self.items if item.reachable()]
        for item in reachable:
            if item.key == self.current:
                return item
        return reachable[0] if reachable else None

    def focus(self, key: str) -> None:
        """Move the focus to an element by key (if it exists)."""
        self.current = key
        item = self.focused
        if item is not None and item.key == key and item.on_focus:
            item.on_focus()

    def move(self, delta: int) -> None:
        """Move the focus forward (+1) or back (-1), wrapping around."""
        reachable = [item for item in self.items if item.reachable()]
        if not reachable:
            return
        focused = self.focused
        index = reachable.index(focused) if focused in reachable else -1
        self.focus(reachable[(index + delta) % len(reachable)].key)

    def handle_key(self, event: pygame.event.Event) -> bool:
        """Handle a KEYDOWN for traversal and activation; True if it was used."""
        key = event.key
        if key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if key in (pygame.K_DOWN,):
            self.move(1)
            return True
        if key in (pygame.K_UP,):
            self.move(-1)
            return True
        focused = self.focused
        if key in (pygame.K_LEFT, pygame.K_RIGHT):
            delta = 1 if key == pygame.K_RIGHT else -1
            if focused is not None and focused.step is not None:
                focused.step(delta)
            else:
                self.move(delta)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and focused is not None:
            focused.activate()
            return True
        return False

    def draw(self, surface: pygame.Surface, colour: tuple[int, int, int], width: int = 3) -> None:
        """Draw the ring around the focused element (outside it, so it hides no text)."""
        focused = self.focused
        if focused is None or self.hidden:
            return
        rect = pygame.Rect(focused.element.get_abs_rect()).inflate(2 * width + 2, 2 * width + 2)
        pygame.draw.rect(surface, (0, 0, 0), rect.inflate(2, 2), 1, border_radius=6)
        pygame.draw.rect(surface, colour, rect, width, border_radius=6)
