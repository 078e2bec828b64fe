"""Looking at printouts the way a reader would: every page rendered to PNG with pdftoppm
(kept under out/pages/ for a person to open), and the layout checked from the PDF's own
text positions (pdfplumber) and from the rendered pixels."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from PIL import Image

from game.paths import ROOT

PAGES = ROOT / "out" / "pages"
#: points of slack for glyph outlines that reach past their box
SLACK = 1.0
#: the outermost band of the page (points) where nothing may be drawn
BAND = 17.0


@dataclass(frozen=True)
class Problem:
    """Something wrong on a page, in words."""

    page: int
    what: str


def have_pdftoppm() -> bool:
    """True if poppler's pdftoppm is installed."""
    return shutil.which("pdftoppm") is not None


def render(pdf: Path, name: str, gray: bool = False, dpi: int = 50) -> list[Path]:
    """Every page of ``pdf`` as PNG under out/pages/NAME-N.png (greyscale with ``gray``)."""
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob(f"{name}-*.png"):
        old.unlink()
    command = ["pdftoppm", "-r", str(dpi), "-png", *(["-gray"] if gray else []), str(pdf), str(PAGES / name)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return sorted(PAGES.glob(f"{name}-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))


def pixel_problems(pngs: list[Path], dpi: int = 50) -> list[Problem]:
    """Ink in the outer band of a page (something ran off the text area), or a blank page."""
    problems = []
    band = int(BAND / 72 * dpi)
    for number, png in enumerate(pngs, 1):
        image = Image.open(png).convert("L")
        width, height = image.size
        strips = [image.crop((0, 0, width, band)), image.crop((0, height - band, width, height)),
                  image.crop((0, 0, band, height)), image.crop((width - band, 0, width, height))]
        if any(strip.getextrema()[0] < 200 for strip in strips):
            problems.append(Problem(number, "ink in the page's outer band"))
        if image.getextrema()[0] > 200:
            problems.append(Problem(number, "blank page"))
    return problems


def _overlap(a: dict, b: dict) -> float:
    width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width * height if width > SLACK and height > SLACK else 0.0


def text_problems(pdf: Path, margin: float) -> list[Problem]:
    """Words outside the text area (past the margins, less slack) or drawn over one another,
    and images over words or off the page."""
    problems = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
            for word in words:
                if (word["x0"] < margin - SLACK or word["x1"] > page.width - margin + SLACK
                        or word["top"] < margin * 0.5 or word["bottom"] > page.height - margin * 0.4):
                    problems.append(Problem(number, f"word off the text area: {word['text']!r} at "
                                                    f"({word['x0']:.0f}, {word['top']:.0f})"))
            ordered = sorted(words, key=lambda word: word["top"])
            for index, word in enumerate(ordered):
                for other in ordered[index + 1:]:
                    if other["top"] > word["bottom"]:
                        break
                    if _overlap(word, other):
                        problems.append(Problem(number, f"words over one another: {word['text']!r} and "
                                                        f"{other['text']!r}"))
            for image in page.images:
                if image["x0"] < margin - SLACK or image["x1"] > page.width - margin + SLACK:
                    problems.append(Problem(number, "an image runs past the margins"))
                for word in words:
                    if _overlap(image, word):
                        problems.append(Problem(number, f"an image covers the word {word['text']!r}"))
    return problems


def figure_problems(fig) -> list[str]:
    """Labels of a matplotlib figure drawn over one another or outside the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = list(fig.texts)
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            texts += [tick.label1 for tick in axis.get_major_ticks() if low - 1e-9 <= tick.get_loc() <= high + 1e-9]
    boxes = []
    for artist in dict.fromkeys(texts):
        if not artist.get_visible() or not str(artist.get_text()).strip():
            continue
        boxes.append((artist.get_text(), artist.get_window_extent(renderer)))
    width, height = fig.bbox.width, fig.bbox.height
    problems = []
    for index, (label, box) in enumerate(boxes):
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            problems.append(f"label outside the figure: {label!r}")
        for other_label, other in boxes[index + 1:]:
            overlap_w = min(box.x1, other.x1) - max(box.x0, other.x0)
            overlap_h = min(box.y1, other.y1) - max(box.y0, other.y0)
            if overlap_w > 1 and overlap_h > 1:
                problems.append(f"labels over one another: {label!r} and {other_label!r}")
    return problems
