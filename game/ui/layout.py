"""Where the main screen's parts go, for any window size and UI scale.

Wide windows show everything at once (map and triangle, card, state). When the UI scale
leaves too little room (a 1280×720 window at 200%), the screen switches to pages: the
card, the map with the triangle, and the state, one at a time, chosen from the top bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

WIDE_MIN = (1180, 640)  # logical size (pixels / UI scale) needed for the three-column layout
PAGES = ("card", "map", "state")


@dataclass
class MainLayout:
    """The rectangles of the main screen; absent parts are empty rects."""

    compact: bool
    topbar: pygame.Rect
    map_title: pygame.Rect
    map: pygame.Rect
    triangle_title: pygame.Rect
    triangle: pygame.Rect
    card: pygame.Rect
    state_title: pygame.Rect
    state: pygame.Rect
    policies: pygame.Rect


def main_layout(size: tuple[int, int], scale: float, text_factor: float, page: str, aspect: float,
                state_width: int = 0) -> MainLayout:
    """Lay out the main screen; ``page`` matters only in the compact layout.

    ``state_width`` is what the state rows need (measured on their font); the right
    column takes it, and when the card would then be too narrow the layout gives way
    to pages rather than cutting the labels.
    """
    width, height = size
    pad = int(10 * scale)
    top_h = int(max(40 * scale, 34 * text_factor + 10 * scale))
    title_h = int(24 * text_factor)
    body = pygame.Rect(pad, top_h + pad, width - 2 * pad, height - top_h - 2 * pad)
    empty = pygame.Rect(0, 0, 0, 0)
    topbar = pygame.Rect(0, 0, width, top_h)
    compact = width / scale < WIDE_MIN[0] or height / scale < WIDE_MIN[1]
    left_w = int(body.width * 0.38)
    right_w = max(int(280 * text_factor), int(body.width * 0.235), state_width)
    centre_w = body.width - left_w - right_w - 2 * pad
    if centre_w < int(400 * text_factor):
        left_w = int(body.width * 0.33)
        centre_w = body.width - left_w - right_w - 2 * pad
    compact = compact or centre_w < int(380 * text_factor)
    if not compact:
        left = pygame.Rect(body.x, body.y, left_w, body.height)
        centre = pygame.Rect(left.right + pad, body.y, centre_w, body.height)
        right = pygame.Rect(centre.right + pad, body.y, right_w, body.height)
        map_h = min(int(left_w / aspect), int((left.height - 2 * title_h - pad) * 0.70))
        map_title = pygame.Rect(left.x, left.y, left_w, title_h)
        map_rect = pygame.Rect(left.x, map_title.bottom, left_w, map_h)
        tri_title = pygame.Rect(left.x, map_rect.bottom + pad, left_w, title_h)
        triangle = pygame.Rect(left.x, tri_title.bottom, left_w, left.bottom - tri_title.bottom)
        state_title = pygame.Rect(right.x, right.y, right_w, title_h)
        rows_h = int(15 * 25 * text_factor) + int(8 * scale)
        state = pygame.Rect(right.x, state_title.bottom, right_w, min(rows_h, int(right.height * 0.62)))
        policies = pygame.Rect(right.x, state.bottom + pad, right_w, right.bottom - state.bottom - pad)
        return MainLayout(False, topbar, map_title, map_rect, tri_title, triangle, centre, state_title, state,
                          policies)
    page = page if page in PAGES else "card"
    if page == "card":
        return MainLayout(True, topbar, empty, empty, empty, empty, body, empty, empty, empty)
    if page == "map":
        map_w = min(int(body.width * 0.62), int((body.height - title_h) * aspect))
        map_title = pygame.Rect(body.x, body.y, map_w, title_h)
        map_rect = pygame.Rect(body.x, map_title.bottom, map_w, body.height - title_h)
        tri_title = pygame.Rect(map_rect.right + pad, body.y, body.right - map_rect.right - pad, title_h)
        triangle = pygame.Rect(tri_title.x, tri_title.bottom, tri_title.width, min(body.height - title_h,
                                                                                   int(tri_title.width * 0.8)))
        return MainLayout(True, topbar, map_title, map_rect, tri_title, triangle, empty, empty, empty, empty)
    half = (body.width - pad) // 2
    state_title = pygame.Rect(body.x, body.y, half, title_h)
    state = pygame.Rect(body.x, state_title.bottom, half, body.height - title_h)
    policies = pygame.Rect(state.right + pad, body.y, body.width - half - pad, body.height)
    return MainLayout(True, topbar, empty, empty, empty, empty, empty, state_title, state, policies)
