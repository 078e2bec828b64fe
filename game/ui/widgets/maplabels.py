"""Where the names of a map's cities go: beside their dots, clear of the front line and of each other.

Each name tries rings of places around its dot (right, left, above, below, above and below
flush with either side, the four corners; then the same two steps farther out) and takes
the first that stays inside the frame and touches no other name, no other dot, the front
line (with a margin for its width and teeth) and, where it can, the areas kept out (the
legend, the names of countries). Where no place is free, the one that costs least is
taken. Names are placed in a few orders (as listed, west to east, east to west, north to
south) and the order with the fewest clashes wins. Everything is measured on
rectangles in whatever units the caller draws in (pixels in the window, SVG units on the
pages); nothing here needs pygame.
"""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

#: what a clash costs when no place is free: outside the frame, on the front, on a name, on a dot, on the legend
COST_OUTSIDE, COST_FRONT, COST_LABEL, COST_DOT, COST_KEEP_OUT = 100, 20, 20, 8, 4


def overlaps(a: Box, b: Box) -> bool:
    """True when two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """True when the segment ``a``-``b`` passes through ``box`` (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]), (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def line_hits_box(line: Sequence[Point], box: Box) -> bool:
    """True when any segment of the polyline passes through ``box``."""
    return any(segment_hits_box(a, b, box) for a, b in zip(line, line[1:], strict=False))


def grow(box: Box, margin: float) -> Box:
    """``box`` grown by ``margin`` on every side."""
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def candidates(point: Point, size: tuple[float, float], gap: float) -> list[Box]:
    """The places a name of ``size`` may take around a dot at ``point``, best first: beside it, above and
    below it (centred, then flush with either side of the dot), at its corners; then the same farther out."""
    x, y = point
    w, h = size
    result = []
    for step in (gap, gap * 2.2, gap * 3.5):
        corner = step * 0.75
        result += [(x + step, y - h / 2), (x - step - w, y - h / 2), (x - w / 2, y - step - h), (x - w / 2, y + step),
                   (x - gap, y - step - h), (x + gap - w, y - step - h), (x - gap, y + step), (x + gap - w, y + step),
                   (x + corner, y - corner - h), (x - corner - w, y - corner - h), (x + corner, y + corner),
                   (x - corner - w, y + corner)]
    return [(left, top, left + w, top + h) for left, top in result]


def place_labels(points: Sequence[Point], sizes: Sequence[tuple[float, float]], gap: float,
                 line: Sequence[Point], frame: Box, keep_out: Sequence[Box] = (), clearance: float = 6.0,
                 dot: float | None = None) -> list[Box]:
    """The box of each name (in the order of ``points``), placed as the module says."""
    if not points:
        return []
    n = len(points)
    orders = [list(range(n)), sorted(range(n), key=lambda i: points[i][0]),
              sorted(range(n), key=lambda i: -points[i][0]), sorted(range(n), key=lambda i: points[i][1])]
    radius = gap * 0.6 if dot is None else dot
    dots = [(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    best: tuple[int, list[Box]] | None = None
    for order in orders:
        clashes, boxes = _place(points, sizes, gap, line, frame, keep_out, clearance, dots, order)
        if best is None or clashes < best[0]:
            best = (clashes, boxes)
        if clashes == 0:
            break
    return best[1] if best is not None else []


def _place(points: Sequence[Point], sizes: Sequence[tuple[float, float]], gap: float, line: Sequence[Point],
           frame: Box, keep_out: Sequence[Box], clearance: float, dots: list[Box],
           order: list[int]) -> tuple[int, list[Box]]:
    taken: list[Box] = []
    chosen: dict[int, Box] = {}
    total = 0
    for index in order:
        others = [box for i, box in enumerate(dots) if i != index]
        best_box, best_cost = None, None
        for box in candidates(points[index], sizes[index], gap):
            cost = _cost(box, frame, line, taken, others, keep_out, clearance)
            if best_cost is None or cost < best_cost:
                best_box, best_cost = box, cost
            if cost == 0:
                break
        assert best_box is not None and best_cost is not None
        chosen[index] = best_box
        taken.append(best_box)
        total += best_cost
    return total, [chosen[i] for i in range(len(points))]


def _cost(box: Box, frame: Box, line: Sequence[Point], taken: list[Box], dots: list[Box], keep_out: Sequence[Box],
          clearance: float) -> int:
    """How bad a place is (0: free)."""
    outside = not (frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3])
    cost = COST_OUTSIDE * outside
    if line and line_hits_box(line, grow(box, clearance)):
        cost += COST_FRONT
    cost += COST_LABEL * sum(overlaps(box, other) for other in taken)
    cost += COST_DOT * sum(overlaps(box, other) for other in dots)
    cost += COST_KEEP_OUT * sum(overlaps(box, other) for other in keep_out)
    return cost
