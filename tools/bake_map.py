"""Bake the offline Europe map (``assets/map/europe.json``) from Natural Earth data.

Why this exists: the desktop window must never download anything at run time, so the
country outlines are decoded, clipped, projected and simplified once, here, and the
result is committed under ``assets/map/``.  The input is the public-domain Natural Earth
admin-0 geometry as redistributed in TopoJSON by the npm package ``world-atlas`` (v2).

Usage (see ``assets/map/PROVENANCE.md``)::

    npm install --prefix /work/node_tmp world-atlas@2
    python tools/bake_map.py /work/node_tmp/node_modules/world-atlas/countries-50m.json

The script is deterministic and rerunnable; it overwrites ``assets/map/europe.json``.
It also re-checks ``assets/map/fronts.json`` (if present) with ``tools/check_fronts.py``
so a rebake never silently ships broken front lines.

Only numpy is needed: TopoJSON decoding, the projection, polygon clipping and
Douglas-Peucker simplification are implemented below in plain Python.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT_DEFAULT = REPO / "assets" / "map" / "europe.json"

# The map window asked for by the game design: Europe plus western Russia.
WINDOW_LON = (-12.0, 60.0)
WINDOW_LAT = (34.0, 71.0)
# Polygons whose lon/lat bounding box misses this wider window cannot reach the box;
# skipping them keeps the far side of the globe (where the cone is cut) out of the maths.
PREFILTER_LON = (-45.0, 100.0)
PREFILTER_LAT = (15.0, 88.0)

# Lambert conformal conic on the unit sphere.  Conformal keeps the shapes of Scandinavia
# and Russia honest, unlike a plain equirectangular grid at this latitude span.
LON0 = 24.0  # central meridian: middle of the window, so the map is not tilted
LAT0 = 52.5  # latitude of origin: middle of the window
LAT1 = 40.0  # standard parallels chosen to split the 34..71 span
LAT2 = 64.0

# Douglas-Peucker tolerance in unit-box units (each axis spans 1.0), so 0.0003 is about
# 0.3 px on a 1000 px map: a little detail to spare for zooming, still only ~160 KiB.
SIMPLIFY_TOL = 0.0003
# Rings smaller than this (unit-box area) are dropped: sub-pixel islets only add bytes.
MIN_RING_AREA = 1.5e-6
DECIMALS = 4

# Soviet Union in its June 1941 extent, by present-day successor state, so the window
# can paint the USSR as one power without us having to union polygons.
USSR_1941 = {
    "Russia", "Ukraine", "Belarus", "Lithuania", "Latvia", "Estonia", "Moldova",
    "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Turkmenistan", "Uzbekistan",
    "Kyrgyzstan", "Tajikistan",
}  # fmt: skip

# Game cities: (id, display name, lon, lat).
CITIES: list[tuple[str, str, float, float]] = [
    ("moscow", "Moscow", 37.618, 55.751),
    ("leningrad", "Leningrad", 30.316, 59.939),
    ("stalingrad", "Stalingrad", 44.516, 48.708),
    ("kursk", "Kursk", 36.193, 51.730),
    ("kharkov", "Kharkov", 36.231, 49.994),
    ("kiev", "Kiev", 30.523, 50.450),
    ("smolensk", "Smolensk", 32.045, 54.782),
    ("stockholm", "Stockholm", 18.069, 59.329),
    ("berlin", "Berlin", 13.405, 52.520),
    ("rostov", "Rostov", 39.720, 47.236),
    ("orel", "Orel", 36.078, 52.967),
    ("warsaw", "Warsaw", 21.012, 52.230),
    ("helsinki", "Helsinki", 24.938, 60.170),
    ("rome", "Rome", 12.496, 41.903),
]
# Allied capitals the window shows as arrows at the map edge, not as places on it.
OFFMAP: list[tuple[str, str, float, float, str]] = [
    ("london", "London", -0.128, 51.507, "west"),
    ("washington", "Washington", -77.037, 38.907, "west"),
    ("teheran", "Teheran", 51.389, 35.689, "southeast"),
]
# Unit vectors (x right, y down) for the direction hints.
DIRECTIONS: dict[str, tuple[float, float]] = {
    "north": (0.0, -1.0), "south": (0.0, 1.0), "east": (1.0, 0.0), "west": (-1.0, 0.0),
    "northeast": (0.7071, -0.7071), "northwest": (-0.7071, -0.7071),
    "southeast": (0.7071, 0.7071), "southwest": (-0.7071, 0.7071),
}  # fmt: skip
EDGE_INSET = 0.03  # keep off-map arrows this far inside the border


# --------------------------------------------------------------------------- projection


@dataclass(frozen=True)
class Lcc:
    """Spherical Lambert conformal conic, plus the affine map onto the unit box.

    Kept as plain numbers so the same formula can be re-implemented in the game from the
    ``projection`` block of europe.json (see ``to_json``).
    """

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    x_min: float = 0.0
    x_max: float = 1.0
    y_min: float = 0.0
    y_max: float = 1.0

    @property
    def n(self) -> float:
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        return math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )

    @property
    def f(self) -> float:
        p1 = math.radians(self.lat1)
        return math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self.n / self.n

    @property
    def rho0(self) -> float:
        return self.f / math.tan(math.pi / 4 + math.radians(self.lat0) / 2) ** self.n

    def raw(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cone coordinates (X east, Y north) on the unit sphere."""
        rho = self.f / np.tan(np.pi / 4 + np.radians(lat) / 2) ** self.n
        theta = self.n * np.radians(lon - self.lon0)
        return rho * np.sin(theta), self.rho0 - rho * np.cos(theta)

    def unit(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Unit-box coordinates: x right, y down, the box spanning 0..1 on both axes."""
        big_x, big_y = self.raw(lon, lat)
        x = (big_x - self.x_min) / (self.x_max - self.x_min)
        y = (self.y_max - big_y) / (self.y_max - self.y_min)
        return x, y

    def inverse_unit(self, x: float, y: float) -> tuple[float, float]:
        """Lon/lat of a unit-box point; used to prove the prefilter window is wide enough."""
        big_x = self.x_min + x * (self.x_max - self.x_min)
        big_y = self.y_max - y * (self.y_max - self.y_min)
        dy = self.rho0 - big_y
        rho = math.copysign(math.hypot(big_x, dy), self.n)
        theta = math.atan2(big_x, dy)
        lat = 2 * math.atan((self.f / rho) ** (1 / self.n)) - math.pi / 2
        return self.lon0 + math.degrees(theta / self.n), math.degrees(lat)

    @property
    def aspect(self) -> float:
        """Width / height of the box in true projected units: draw it in a rect this shape."""
        return (self.x_max - self.x_min) / (self.y_max - self.y_min)

    def to_json(self) -> dict[str, object]:
        return {
            "type": "lambert_conformal_conic_sphere",
            "lon0": self.lon0,
            "lat0": self.lat0,
            "lat1": self.lat1,
            "lat2": self.lat2,
            "n": round(self.n, 12),
            "F": round(self.f, 12),
            "rho0": round(self.rho0, 12),
            "x_min": round(self.x_min, 12),
            "x_max": round(self.x_max, 12),
            "y_min": round(self.y_min, 12),
            "y_max": round(self.y_max, 12),
            "aspect": round(self.aspect, 6),
            "formula": (
                "rho = F / tan(pi/4 + rad(lat)/2)**n; theta = n * rad(lon - lon0); "
                "X = rho*sin(theta); Y = rho0 - rho*cos(theta); "
                "x = (X - x_min)/(x_max - x_min); y = (y_max - Y)/(y_max - y_min)"
            ),
            "note": (
                "x,y are in 0..1 with x to the right and y downwards. The box is not "
                "square: draw it into a rectangle whose width/height equals 'aspect' "
                "(or letterbox) so the map is not stretched."
            ),
        }


def make_projection() -> Lcc:
    """Fit the unit box around the window's edge midpoints.

    The midpoints rather than the corners: on a conic the parallels bow, so the box
    around the corners would waste a third of the screen on the Arctic and the Sahara.
    """
    base = Lcc(LON0, LAT0, LAT1, LAT2)
    mid_lon = (WINDOW_LON[0] + WINDOW_LON[1]) / 2
    mid_lat = (WINDOW_LAT[0] + WINDOW_LAT[1]) / 2
    lons = np.array([WINDOW_LON[0], WINDOW_LON[1], mid_lon, mid_lon])
    lats = np.array([mid_lat, mid_lat, WINDOW_LAT[0], WINDOW_LAT[1]])
    big_x, big_y = base.raw(lons, lats)
    return Lcc(
        LON0, LAT0, LAT1, LAT2,
        float(big_x.min()), float(big_x.max()), float(big_y.min()), float(big_y.max()),
    )  # fmt: skip


# ---------------------------------------------------------------------------- topojson


def decode_arcs(topo: dict) -> list[np.ndarray]:
    """Absolute lon/lat for every arc (delta-decoding + de-quantisation)."""
    transform = topo.get("transform")
    arcs: list[np.ndarray] = []
    for arc in topo["arcs"]:
        pts = np.asarray(arc, dtype=np.float64)
        if transform:
            pts = np.cumsum(pts, axis=0)
            pts[:, 0] = pts[:, 0] * transform["scale"][0] + transform["translate"][0]
            pts[:, 1] = pts[:, 1] * transform["scale"][1] + transform["translate"][1]
        arcs.append(pts)
    return arcs


def polygons_of(geom: dict) -> list[list[list[int]]]:
    """Arc-index rings grouped by polygon, whatever the geometry type."""
    if geom.get("type") == "Polygon":
        return [geom["arcs"]]
    if geom.get("type") == "MultiPolygon":
        return list(geom["arcs"])
    return []


def stitch(ring_arcs: Sequence[int], arcs: Sequence[np.ndarray]) -> np.ndarray:
    """Join a ring's arcs; ``~i`` means arc i reversed; shared endpoints appear once."""
    parts: list[np.ndarray] = []
    for k, idx in enumerate(ring_arcs):
        pts = arcs[~idx][::-1] if idx < 0 else arcs[idx]
        parts.append(pts if k == 0 else pts[1:])
    return np.concatenate(parts, axis=0)


# ------------------------------------------------------------------------------ geometry


def douglas_peucker(pts: np.ndarray, tol: float) -> np.ndarray:
    """Iterative Douglas-Peucker; endpoints are always kept (so shared borders match)."""
    n = len(pts)
    if n < 3:
        return pts
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg = pts[b] - pts[a]
        rel = pts[a + 1 : b] - pts[a]
        seg_len = math.hypot(seg[0], seg[1])
        if seg_len == 0.0:
            dist = np.hypot(rel[:, 0], rel[:, 1])
        else:
            dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / seg_len
        i = int(np.argmax(dist))
        if dist[i] > tol:
            mid = a + 1 + i
            keep[mid] = True
            stack.append((a, mid))
            stack.append((mid, b))
    return pts[keep]


def clip_ring(ring: list[tuple[float, float]], lo: float = 0.0, hi: float = 1.0) -> list:
    """Sutherland-Hodgman clip of a closed ring to the square [lo, hi]^2.

    Good enough for filled country shapes: where a ring leaves and re-enters the box it
    produces edges running along the border, which are invisible when filled.
    """

    def clip(points: list, inside, cross) -> list:
        out: list = []
        if not points:
            return out
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        return out

    def at_x(xv: float):
        def cross(p, q):
            t = (xv - p[0]) / (q[0] - p[0])
            return (xv, p[1] + t * (q[1] - p[1]))

        return cross

    def at_y(yv: float):
        def cross(p, q):
            t = (yv - p[1]) / (q[1] - p[1])
            return (p[0] + t * (q[0] - p[0]), yv)

        return cross

    pts = clip(ring, lambda p: p[0] >= lo, at_x(lo))
    pts = clip(pts, lambda p: p[0] <= hi, at_x(hi))
    pts = clip(pts, lambda p: p[1] >= lo, at_y(lo))
    pts = clip(pts, lambda p: p[1] <= hi, at_y(hi))
    return pts


def ring_area(pts: Sequence[Sequence[float]]) -> float:
    """Unsigned shoelace area."""
    arr = np.asarray(pts, dtype=np.float64)
    x, y = arr[:, 0], arr[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def dedupe(pts: Iterable[Sequence[float]]) -> list[list[float]]:
    """Round, then drop consecutive duplicates and the closing repeat of the first point."""
    out: list[list[float]] = []
    for p in pts:
        q = [round(float(p[0]), DECIMALS), round(float(p[1]), DECIMALS)]
        if not out or q != out[-1]:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


# --------------------------------------------------------------------------------- bake


def bbox_hits(lonlat: np.ndarray) -> bool:
    """Does this ring's lon/lat bounding box touch the prefilter window?"""
    return bool(
        lonlat[:, 0].max() >= PREFILTER_LON[0]
        and lonlat[:, 0].min() <= PREFILTER_LON[1]
        and lonlat[:, 1].max() >= PREFILTER_LAT[0]
        and lonlat[:, 1].min() <= PREFILTER_LAT[1]
    )


def check_prefilter(proj: Lcc) -> None:
    """Fail loudly if some of the unit box lies outside the prefilter window."""
    for x in np.linspace(0, 1, 11):
        for y in np.linspace(0, 1, 11):
            lon, lat = proj.inverse_unit(float(x), float(y))
            ok = PREFILTER_LON[0] < lon < PREFILTER_LON[1]
            ok = ok and PREFILTER_LAT[0] < lat < PREFILTER_LAT[1]
            if not ok:
                raise SystemExit(
                    f"unit box point {x:.1f},{y:.1f} -> {lon:.1f},{lat:.1f} lies outside PREFILTER_LON/LAT; widen them"
                )


def bake(topo_path: Path) -> dict:
    """Build the europe.json document from a world-atlas countries TopoJSON file."""
    topo = json.loads(topo_path.read_text(encoding="utf-8"))
    proj = make_projection()
    check_prefilter(proj)
    arcs_ll = decode_arcs(topo)

    # Project and simplify every arc once, so neighbouring countries keep an identical
    # shared border after simplification (no slivers or gaps between them).
    arc_cache: dict[int, np.ndarray] = {}

    def arc_xy(i: int) -> np.ndarray:
        if i not in arc_cache:
            ll = arcs_ll[i]
            x, y = proj.unit(ll[:, 0], ll[:, 1])
            arc_cache[i] = douglas_peucker(np.column_stack([x, y]), SIMPLIFY_TOL)
        return arc_cache[i]

    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = (geom.get("properties") or {}).get("name", str(geom.get("id", "?")))
        rings_out: list[list[list[float]]] = []
        holes_out = 0
        for poly in polygons_of(geom):
            # Only the exterior ring (index 0) is kept.  The few holes in this window are
            # enclaves (San Marino, Vatican; Armenian/Azerbaijani exclaves) that exist as
            # polygons of their own, so filling the outer ring and drawing them on top works.
            outer = poly[0]
            holes_out += len(poly) - 1
            ring_ll = stitch(outer, arcs_ll)
            if not bbox_hits(ring_ll):
                continue
            idx_map = list(outer)
            parts = []
            for k, idx in enumerate(idx_map):
                pts = arc_xy(~idx)[::-1] if idx < 0 else arc_xy(idx)
                parts.append(pts if k == 0 else pts[1:])
            ring_xy = np.concatenate(parts, axis=0)
            # Cheap reject before clipping: entirely outside the box.
            if (
                ring_xy[:, 0].max() < 0 or ring_xy[:, 0].min() > 1
                or ring_xy[:, 1].max() < 0 or ring_xy[:, 1].min() > 1
            ):  # fmt: skip
                continue
            clipped = clip_ring([(float(a), float(b)) for a, b in ring_xy])
            ring = dedupe(clipped)
            if len(ring) < 3 or ring_area(ring) < MIN_RING_AREA:
                continue
            rings_out.append(ring)
        if rings_out:
            # Largest ring first: a natural anchor for labels and hit-testing.
            rings_out.sort(key=ring_area, reverse=True)
            countries.append({
                "name": name,
                "iso_n3": str(geom.get("id", "")),
                "group": "ussr_1941" if name in USSR_1941 else "other",
                "rings": rings_out,
            })  # fmt: skip
    countries.sort(key=lambda c: c["name"])

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x, y = proj.unit(np.array([lon]), np.array([lat]))
        return round(float(x[0]), 5), round(float(y[0]), 5)

    cities = []
    for cid, cname, lon, lat in CITIES:
        x, y = xy(lon, lat)
        if not (0 <= x <= 1 and 0 <= y <= 1):
            raise SystemExit(f"city {cid} falls outside the map box ({x}, {y})")
        cities.append({"id": cid, "name": cname, "lon": lon, "lat": lat, "x": x, "y": y})

    offmap = []
    for cid, cname, lon, lat, direction in OFFMAP:
        x, y = xy(lon, lat)
        offmap.append({
            "id": cid, "name": cname, "lon": lon, "lat": lat, "direction": direction,
            "x": x, "y": y,  # true projected position; may lie outside 0..1
            "in_box": bool(0 <= x <= 1 and 0 <= y <= 1),
            "edge": edge_anchor(direction, x, y),
        })  # fmt: skip

    return {
        "generator": "tools/bake_map.py",
        "source": {
            "data": "Natural Earth admin-0 countries (public domain)",
            "via": "npm world-atlas@2 (Natural Earth v4.1.0 as TopoJSON)",
            "file": topo_path.name,
        },
        "projection": proj.to_json(),
        "window_lonlat": {"lon": list(WINDOW_LON), "lat": list(WINDOW_LAT)},
        "bounds": [0.0, 0.0, 1.0, 1.0],
        "bounds_note": "x_min, y_min, x_max, y_max in unit-box coordinates; rings are "
        "implicitly closed (last point != first point).",
        "countries": countries,
        "cities": cities,
        "offmap": offmap,
    }


def edge_anchor(direction: str, x: float, y: float) -> list[float]:
    """Where to draw an off-map arrow: on the border, in the hinted direction.

    Slides from the box centre towards the hinted direction, but keeps the city's own
    latitude band where it helps (London sits on the west edge at London's height).
    """
    dx, dy = DIRECTIONS[direction]
    lo, hi = EDGE_INSET, 1 - EDGE_INSET
    if dy == 0.0:  # pure east/west: keep the real height
        return [lo if dx < 0 else hi, round(min(max(y, lo), hi), 4)]
    if dx == 0.0:  # pure north/south: keep the real x
        return [round(min(max(x, lo), hi), 4), lo if dy < 0 else hi]
    # Diagonal: walk from the centre until the inset border is hit.
    t = min((hi - 0.5) / abs(dx), (hi - 0.5) / abs(dy))
    return [round(0.5 + dx * t, 4), round(0.5 + dy * t, 4)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json (or 110m)")
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT)
    args = parser.parse_args(argv)

    doc = bake(args.topojson)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    n_pts = sum(len(r) for c in doc["countries"] for r in c["rings"])
    print(
        f"wrote {args.out} ({len(text) / 1024:.0f} KiB, {len(doc['countries'])} countries, "
        f"{n_pts} points, aspect {doc['projection']['aspect']:.3f})"
    )

    fronts = args.out.parent / "fronts.json"
    if fronts.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from check_fronts import check_file  # noqa: PLC0415  (tools/ is not a package)

        problems = check_file(fronts)
        if problems:
            print("fronts.json problems:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        print(f"checked {fronts}: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
