"""Sanity-check ``assets/map/fronts.json``, the hand-drawn Eastern Front lines.

Why: the window morphs one front line into another point by point, so every line must
have the same number of points in the same (north to south) order, and a single typo in
a coordinate would send the front across the Urals without anyone noticing.  Run it
after editing fronts.json; ``tools/bake_map.py`` also runs it.

    python tools/check_fronts.py [assets/map/fronts.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "assets" / "map" / "fronts.json"

# Every front point of 1941-43 lies inside this lon/lat box (Baltic to Caucasus).
LON_RANGE = (18.0, 50.0)
LAT_RANGE = (42.0, 61.0)
# A line may step north a little (salients, the Leningrad ring) but must run south overall.
MAX_NORTHWARD_STEP = 0.6  # degrees of latitude between consecutive points
MIN_NORTH_SOUTH_SPAN = 5.0  # first point at least this far north of the last
MAX_STEP_DEG = 4.5  # no jump between neighbours longer than this (in rough degrees)
EXPECTED_DATES = {"1942-11", "1943-02", "1943-03", "1943-07", "1943-08", "1943-09",
                  "1943-11", "1941-06"}  # fmt: skip


def check_doc(doc: dict) -> list[str]:
    """Return human-readable problems (empty list when the file is fine)."""
    problems: list[str] = []
    lines = doc.get("lines", [])
    if not doc.get("source_note"):
        problems.append("missing source_note")
    dates = [ln.get("date") for ln in lines]
    if set(dates) != EXPECTED_DATES or len(dates) != len(EXPECTED_DATES):
        problems.append(f"dates {dates} != expected {sorted(EXPECTED_DATES)}")
    lengths = {len(ln.get("points", [])) for ln in lines}
    if len(lengths) != 1:
        problems.append(f"lines have different point counts: {sorted(lengths)}")
    expected_n = doc.get("points_per_line")
    if expected_n is not None and lengths != {expected_n}:
        problems.append(f"points_per_line={expected_n} but lines have {sorted(lengths)}")
    fronts = [ln.get("front") for ln in lines]
    if len(set(fronts)) != len(fronts):
        problems.append(f"duplicate front values {fronts}")
    by_date = {ln.get("date"): ln.get("front") for ln in lines}
    if by_date.get("1942-11") != 0 or by_date.get("1941-06") != 100:
        problems.append("1942-11 must have front 0 and 1941-06 front 100")

    for ln in lines:
        tag = ln.get("date", "?")
        pts = ln.get("points", [])
        places = ln.get("places")
        if places is not None and len(places) != len(pts):
            problems.append(f"{tag}: {len(places)} places for {len(pts)} points")
        if not isinstance(ln.get("front"), int | float) or not 0 <= ln["front"] <= 100:
            problems.append(f"{tag}: front {ln.get('front')!r} not in 0..100")
        for i, p in enumerate(pts):
            lon, lat = p
            if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
                problems.append(f"{tag}[{i}]: {p} outside the theatre box")
        if len(pts) >= 2:
            if pts[0][1] - pts[-1][1] < MIN_NORTH_SOUTH_SPAN:
                problems.append(f"{tag}: does not run north to south ({pts[0][1]} -> {pts[-1][1]})")
            for i in range(1, len(pts)):
                (lon_a, lat_a), (lon_b, lat_b) = pts[i - 1], pts[i]
                if lat_b - lat_a > MAX_NORTHWARD_STEP:
                    problems.append(f"{tag}[{i}]: steps {lat_b - lat_a:.2f} deg north")
                # Scale longitude by ~cos(52 deg) so the step is roughly isotropic.
                step = ((lon_b - lon_a) * 0.62) ** 2 + (lat_b - lat_a) ** 2
                if step**0.5 > MAX_STEP_DEG:
                    problems.append(f"{tag}[{i}]: jump of {step**0.5:.1f} deg from previous")
        for j, ex in enumerate(ln.get("extra", [])):
            if len(ex.get("points", [])) < 2 or not ex.get("name"):
                problems.append(f"{tag}: extra[{j}] needs a name and >= 2 points")
    return problems


def check_file(path: Path) -> list[str]:
    """Load and check one fronts file."""
    return check_doc(json.loads(path.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    problems = check_file(path)
    for p in problems:
        print(p)
    print(f"{path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
