"""Render the baked map assets to a PNG so a human can eyeball them.

Why: the numbers in europe.json and fronts.json are easy to get subtly wrong (a mirrored
axis, a squashed aspect, a front line on the wrong river).  This draws everything the
window will draw - countries, every front line, cities, off-map arrows - off-screen with
pygame, using only what the JSON files contain (the projection is re-implemented from the
``projection`` block, exactly as the game would have to).

    SDL_VIDEODRIVER=dummy python tools/preview_map.py [--out /tmp/map_preview.png]
"""

from __future__ import annotations

import argparse
import json
import math
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (environment must be set first)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SIZE = (1200, 800)
SEA = (176, 196, 206)
LAND = (226, 218, 196)
USSR = (222, 190, 176)
BORDER = (150, 140, 120)
TEXT = (30, 30, 30)


def project(proj: dict, lon: float, lat: float) -> tuple[float, float]:
    """Unit-box x,y for lon/lat from the europe.json projection block."""
    n, f, rho0 = proj["n"], proj["F"], proj["rho0"]
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    theta = n * math.radians(lon - proj["lon0"])
    big_x, big_y = rho * math.sin(theta), rho0 - rho * math.cos(theta)
    x = (big_x - proj["x_min"]) / (proj["x_max"] - proj["x_min"])
    y = (proj["y_max"] - big_y) / (proj["y_max"] - proj["y_min"])
    return x, y


def front_colour(front: float) -> tuple[int, int, int]:
    """Dark red for the deepest German advance, through orange, to green for 1941."""
    t = max(0.0, min(1.0, front / 100))
    stops = [(0.0, (150, 0, 0)), (0.35, (235, 120, 0)), (0.6, (30, 90, 200)),
             (1.0, (0, 130, 40))]  # fmt: skip
    for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
        if t <= t1:
            u = (t - t0) / (t1 - t0)
            return tuple(round(a + (b - a) * u) for a, b in zip(c0, c1, strict=True))
    return stops[-1][1]


def interpolate(lines: list[dict], front: float) -> list[tuple[float, float]]:
    """The front line for any front value: point-by-point blend of the bracketing lines.

    This is the rule fronts.json documents for the window; drawing a few in-between
    values here shows whether the morph looks sane (no crossing sweeps).
    """
    ordered = sorted(lines, key=lambda ln: ln["front"])
    front = max(ordered[0]["front"], min(ordered[-1]["front"], front))
    for lo, hi in zip(ordered, ordered[1:], strict=False):
        if lo["front"] <= front <= hi["front"]:
            t = (front - lo["front"]) / (hi["front"] - lo["front"])
            return [
                (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                for a, b in zip(lo["points"], hi["points"], strict=True)
            ]
    return [tuple(p) for p in ordered[-1]["points"]]


def render(
    out: Path,
    view: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0),
    only: list[str] | None = None,
) -> None:
    """Draw the map panel (letterboxed to the projection's aspect) plus a legend.

    ``view`` is the part of the unit box to show (x0, y0, x1, y1); zooming in is how the
    front lines get checked against rivers and cities.  ``only`` limits the drawing to
    the given dates and labels every point with its place name.
    """
    pygame.font.init()  # fonts only: no display or audio needed off-screen
    europe = json.loads((ASSETS / "map" / "europe.json").read_text(encoding="utf-8"))
    fronts = json.loads((ASSETS / "map" / "fronts.json").read_text(encoding="utf-8"))
    proj = europe["projection"]
    font = pygame.font.Font(str(ASSETS / "fonts" / "DejaVuSans.ttf"), 13)
    bold = pygame.font.Font(str(ASSETS / "fonts" / "DejaVuSans-Bold.ttf"), 14)

    surf = pygame.Surface(SIZE)
    surf.fill((245, 242, 235))
    # The map keeps its true aspect: full height, width = height * aspect.
    vx0, vy0, vx1, vy1 = view
    map_h = SIZE[1] - 20
    map_w = round(map_h * proj["aspect"] * (vx1 - vx0) / (vy1 - vy0))
    ox, oy = 10, 10
    pygame.draw.rect(surf, SEA, (ox, oy, map_w, map_h))
    surf.set_clip(pygame.Rect(ox, oy, map_w, map_h))

    def px(x: float, y: float) -> tuple[float, float]:
        return ox + (x - vx0) / (vx1 - vx0) * map_w, oy + (y - vy0) / (vy1 - vy0) * map_h

    for country in europe["countries"]:
        fill = USSR if country["group"] == "ussr_1941" else LAND
        for ring in country["rings"]:
            pts = [px(x, y) for x, y in ring]
            pygame.draw.polygon(surf, fill, pts)
    for country in europe["countries"]:
        for ring in country["rings"]:
            pts = [px(x, y) for x, y in ring]
            pygame.draw.aalines(surf, BORDER, True, pts)

    # Graticule every 10 degrees, so orientation and the conic shape are visible.
    for lon in range(-20, 71, 10):
        pts = [px(*project(proj, lon, lat / 2)) for lat in range(60, 160)]
        pygame.draw.aalines(surf, (140, 160, 175), False, pts)
    for lat in range(30, 81, 10):
        pts = [px(*project(proj, lon / 2, lat)) for lon in range(-60, 161)]
        pygame.draw.aalines(surf, (140, 160, 175), False, pts)

    legend: list[tuple[tuple[int, int, int], str]] = []
    if not only:
        for value in (10, 29, 52, 79):
            pts = [px(*project(proj, lon, lat)) for lon, lat in interpolate(fronts["lines"], value)]
            pygame.draw.lines(surf, (110, 110, 110), False, pts, 1)
    small = pygame.font.Font(str(ASSETS / "fonts" / "DejaVuSans.ttf"), 11)
    for line in sorted(fronts["lines"], key=lambda ln: ln["front"]):
        if only and line["date"] not in only:
            continue
        colour = front_colour(line["front"])
        pts = [px(*project(proj, lon, lat)) for lon, lat in line["points"]]
        pygame.draw.lines(surf, colour, False, pts, 3)
        for i, p in enumerate(pts):
            pygame.draw.circle(surf, colour, p, 3)
            if only:
                label = f"{i} {line['places'][i]}"
                surf.blit(small.render(label, True, colour), (p[0] + 5, p[1] + 2))
        for extra in line.get("extra", []):
            ept = [px(*project(proj, lon, lat)) for lon, lat in extra["points"]]
            pygame.draw.lines(surf, colour, False, ept, 2)
        legend.append((colour, f"{line['date']}  front {line['front']}"))

    for city in europe["cities"]:
        p = px(city["x"], city["y"])
        # Cross-check: the baked x,y must agree with the formula in the projection block.
        cx, cy = project(proj, city["lon"], city["lat"])
        assert abs(cx - city["x"]) < 1e-4 and abs(cy - city["y"]) < 1e-4, city["id"]
        pygame.draw.circle(surf, (0, 0, 0), p, 4)
        pygame.draw.circle(surf, (255, 255, 255), p, 2)
        surf.blit(bold.render(city["name"], True, TEXT), (p[0] + 6, p[1] - 8))

    for item in europe["offmap"]:
        ex, ey = item["edge"]
        p = px(ex, ey)
        pygame.draw.circle(surf, (20, 60, 160), p, 6)
        text = bold.render(f"{item['name']} ({item['direction']})", True, (20, 60, 160))
        tx = p[0] + 9 if ex < 0.5 else p[0] - 9 - text.get_width()
        surf.blit(text, (tx, p[1] - 8))

    surf.set_clip(None)
    lx = ox + map_w + 20
    legend_y = 40
    for colour, label in legend:
        pygame.draw.line(surf, colour, (lx, legend_y + 8), (lx + 30, legend_y + 8), 4)
        surf.blit(font.render(label, True, TEXT), (lx + 40, legend_y))
        legend_y += 22
    surf.blit(bold.render("Front lines (fronts.json)", True, TEXT), (lx, 14))
    notes = [
        f"projection: {proj['type']}",
        f"aspect {proj['aspect']:.3f}, map {map_w}x{map_h}px",
        f"{len(europe['countries'])} countries",
        "graticule every 10 degrees",
        "pink = USSR 1941 (successor states)",
        "grey = interpolated fronts 10, 29, 52, 79",
        "Кириллица: Москва, Сталинград",
    ]
    for i, note in enumerate(notes):
        surf.blit(font.render(note, True, TEXT), (lx, legend_y + 20 + 20 * i))
    pygame.image.save(surf, str(out))
    pygame.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/map_preview.png"))
    parser.add_argument(
        "--view",
        type=float,
        nargs=4,
        default=[0.0, 0.0, 1.0, 1.0],
        metavar=("X0", "Y0", "X1", "Y1"),
        help="zoom to this part of the unit box, e.g. 0.5 0.25 0.95 0.75",
    )
    parser.add_argument("--only", nargs="+", metavar="DATE", help="draw only these dates, every point labelled")
    args = parser.parse_args(argv)
    render(args.out, tuple(args.view), args.only)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
