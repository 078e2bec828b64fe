"""Printable pages: A4 text and charts laid out with matplotlib, written with PdfPages.

The text is measured with the font it is drawn in and wrapped word by word, so no
line runs off the page; a block that does not fit on the page moves to the next one.
Fonts are embedded as TrueType (``pdf.fonttype = 42``), so the words in the PDF can be
searched, copied and read back by tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402

A4 = (8.27, 11.69)  # inches
MARGIN = 0.75
FOOTER = 0.35
BODY = 10.0  # points
INK = "#1a1a1a"
MUTED = "#555555"
ACCENT = "#8b1a1a"

_measure = TextToPath()


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in inches at ``size`` points, in the font the pages use."""
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    width, _, _ = _measure.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72.0


def wrap(text: str, width: float, size: float, bold: bool = False, first_indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` inches (the first one ``first_indent`` less)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            limit = width - (first_indent if not lines else 0.0)
            if line and text_width(candidate, size, bold) > limit:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


class PageWriter:
    """Writes text blocks and charts top to bottom over as many A4 pages as they need."""

    def __init__(self, pdf: PdfPages, footer: str, max_pages: int | None = None) -> None:
        self.pdf = pdf
        self.footer = footer
        self.max_pages = max_pages
        self.figure: plt.Figure | None = None
        self.pages = 0
        self.y = MARGIN  # inches from the top of the page
        self.width = A4[0] - 2 * MARGIN
        self.bottom = A4[1] - MARGIN - FOOTER
        #: set once something did not fit within max_pages: nothing more is written after it
        self.full = False

    # -- pages ----------------------------------------------------------------------

    def new_page(self) -> None:
        """Finish the current page and start another."""
        self._flush()
        self.figure = plt.figure(figsize=A4)
        self.pages += 1
        self.y = MARGIN

    def _flush(self) -> None:
        if self.figure is None:
            return
        self.figure.text(MARGIN / A4[0], (MARGIN * 0.6) / A4[1], f"{self.footer} — page {self.pages}",
                         fontsize=7.5, color=MUTED, va="bottom", ha="left")
        self.pdf.savefig(self.figure)
        plt.close(self.figure)
        self.figure = None

    def close(self) -> None:
        """Write the last page."""
        self._flush()

    def room(self) -> float:
        """Inches left on the current page."""
        return self.bottom - self.y if self.figure is not None else 0.0

    def ensure(self, height: float) -> bool:
        """Make sure ``height`` inches are free, starting a page if needed; False past max_pages."""
        if self.full:
            return False
        if self.figure is not None and self.room() >= height:
            return True
        if self.max_pages is not None and self.pages >= self.max_pages:
            self.full = True
            return False
        self.new_page()
        return True

    def keep_together(self, height: float) -> None:
        """Start a new page unless ``height`` inches fit on this one (for a heading with its chart)."""
        if self.figure is not None and self.room() < height and height <= self.bottom - MARGIN:
            self.ensure(self.bottom)

    def lines_height(self, count: int, size: float, leading: float = 1.35) -> float:
        """The height of ``count`` lines of ``size`` points."""
        return count * size * leading / 72.0

    # -- text -----------------------------------------------------------------------

    def text(self, text: str, size: float = BODY, bold: bool = False, color: str = INK, indent: float = 0.0,
             hanging: str = "", space_after: float = 0.06, keep: bool = True, italic: bool = False) -> bool:
        """A wrapped paragraph; ``hanging`` (e.g. a bullet) sits left of the first line.

        With ``keep`` the paragraph is not split across pages. Returns False if it did not fit
        within ``max_pages``.
        """
        lines = wrap(text, self.width - indent, size, bold)
        height = self.lines_height(len(lines), size)
        if keep:
            if not self.ensure(height):
                return False
        elif not self.ensure(self.lines_height(1, size)):
            return False
        for index, line in enumerate(lines):
            if not keep and not self.ensure(self.lines_height(1, size)):
                return False
            assert self.figure is not None
            x = (MARGIN + indent) / A4[0]
            y = 1 - self.y / A4[1]
            if index == 0 and hanging:
                self.figure.text((MARGIN + indent - 0.18) / A4[0], y, hanging, fontsize=size, color=color,
                                 va="top", ha="left", fontweight="bold" if bold else "normal")
            self.figure.text(x, y, line, fontsize=size, color=color, va="top", ha="left",
                             fontweight="bold" if bold else "normal", fontstyle="italic" if italic else "normal")
            self.y += self.lines_height(1, size)
        self.y += space_after
        return True

    def heading(self, text: str, size: float = 13.0, color: str = ACCENT, space_before: float = 0.12) -> bool:
        """A bold heading, kept with at least two lines of what follows."""
        needed = space_before + self.lines_height(1, size) + self.lines_height(2, BODY)
        if not self.ensure(needed):
            return False
        if self.y > MARGIN + 0.01:
            self.y += space_before
        return self.text(text, size=size, bold=True, color=color, space_after=0.05)

    def rule(self, space: float = 0.08) -> None:
        """A thin line across the text column."""
        if not self.ensure(space * 2):
            return
        assert self.figure is not None
        self.y += space
        y = 1 - self.y / A4[1]
        self.figure.add_artist(plt.Line2D([MARGIN / A4[0], 1 - MARGIN / A4[0]], [y, y], color="#bbbbbb",
                                          linewidth=0.6))
        self.y += space

    def space(self, inches: float) -> None:
        """Vertical space."""
        self.y += inches

    # -- charts ---------------------------------------------------------------------

    def axes_grid(self, rows: int, columns: int, height: float, gap: float = 0.55,
                  title_room: float = 0.22) -> list[Axes] | None:
        """A grid of chart axes ``height`` inches tall in all (titles above each); None past max_pages."""
        if not self.ensure(height + title_room):
            return None
        assert self.figure is not None
        self.y += title_room
        cell_w = (self.width - gap * (columns - 1)) / columns
        cell_h = (height - gap * (rows - 1)) / rows
        result = []
        for row in range(rows):
            for column in range(columns):
                left = MARGIN + column * (cell_w + gap)
                top = self.y + row * (cell_h + gap)
                box = [left / A4[0], 1 - (top + cell_h) / A4[1], cell_w / A4[0], cell_h / A4[1]]
                result.append(self.figure.add_axes(box))
        self.y += height
        return result


@contextmanager
def a4_pdf(path: str | Path, title: str, subject: str = "") -> Iterator[PdfPages]:
    """A PdfPages file with TrueType fonts embedded and the document's title set."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "axes.titlesize": 9,
                                "axes.labelsize": 8, "xtick.labelsize": 7, "ytick.labelsize": 7,
                                "legend.fontsize": 7}):
        with PdfPages(path, metadata={"Title": title, "Subject": subject, "Creator": "Separate Peace 1943"}) as pdf:
            yield pdf


def today() -> str:
    """The date printed on handouts."""
    return date.today().strftime("%d %B %Y").lstrip("0")


def month_label(month: str) -> str:
    """``1943-04`` as ``Apr 1943``.

    >>> month_label("1943-04")
    'Apr 1943'
    """
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, number = str(month).split("-")[:2]
    return f"{names[int(number) - 1]} {year}"
