"""Printable pages through ReportLab's platypus: flowing paragraphs, tables, page templates.

Every printout (debrief, role sheets, packet, guide, class report) is a list of
flowables handed to :func:`build_pdf`, which lays them out on A4 or US Letter with a
footer and page numbers. Matplotlib draws only the charts; :func:`chart_image` renders a
figure to PNG and places it as an image. The figures are made with
:class:`matplotlib.figure.Figure`, never pyplot, so a printout can be built from a worker
thread while a window keeps drawing.

The pages are meant to print well in black and white: charts tell lines apart by line
style and marker and bars by hatching as well as by colour, and no text refers to a colour.
The fonts are DejaVu Sans, shipped with matplotlib, embedded as TrueType so that every
character the game uses (dashes, arrows, "≥") prints and the text can be searched.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 16 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#7a1616")
RULE = colors.HexColor("#999999")
SHADE = colors.HexColor("#eeeeee")
#: chart colours (dark, mid, light) and the line styles and markers that go with them
CHART_INK = ("#7a1616", "#222222", "#777777")
LINE_STYLES = ("-", "--", ":")
MARKERS = ("o", "s", "^")
HATCHES = ("////", "", "....")
FONT = "DejaVuSans"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italic) with ReportLab once; returns the family name."""
    from reportlab.lib.fonts import addMapping

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Oblique": "DejaVuSans-Oblique.ttf",
             "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    for suffix, filename in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(folder / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT + "-Bold")
    addMapping(FONT, 0, 1, FONT + "-Oblique")
    addMapping(FONT, 1, 1, FONT + "-BoldOblique")
    return FONT


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles every printout shares, by name."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT,
                          spaceAfter=3)
    made = {"body": base}

    def add(name: str, **changes: Any) -> None:
        made[name] = ParagraphStyle(name, parent=base, **changes)

    add("kicker", fontSize=8, leading=10, textColor=MUTED, spaceAfter=1)
    add("title", fontName=FONT + "-Bold", fontSize=19, leading=23, textColor=ACCENT, spaceAfter=4)
    add("h1", fontName=FONT + "-Bold", fontSize=13, leading=16, textColor=ACCENT, spaceBefore=8, spaceAfter=3)
    add("h2", fontName=FONT + "-Bold", fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2)
    add("small", fontSize=8.3, leading=10.5, spaceAfter=2)
    add("muted", fontSize=8.3, leading=10.5, textColor=MUTED, spaceAfter=2)
    add("cell", fontSize=8.3, leading=10.2, spaceAfter=0)
    add("cellbold", fontName=FONT + "-Bold", fontSize=8.3, leading=10.2, spaceAfter=0)
    add("quote", fontName=FONT + "-Oblique", fontSize=9.5, leading=12.5, leftIndent=10, spaceAfter=2)
    add("code", fontName="Courier", fontSize=8.5, leading=10.5, leftIndent=12, textColor=colors.HexColor("#203050"))
    return made


def text(value: str) -> str:
    """Plain text made safe for a paragraph's mark-up."""
    return escape(value)


def para(value: str, style: str = "body", markup: bool = False) -> Paragraph:
    """A paragraph of plain text (``markup``: the text already holds ReportLab mark-up such as <b>)."""
    return Paragraph(value if markup else escape(value), styles()[style])


def bullets(items: Iterable[str], style: str = "body", markup: bool = False, numbered: bool = False) -> ListFlowable:
    """A bulleted (or numbered) list of paragraphs."""
    chosen = styles()[style]
    entries = [ListItem(para(item, style, markup), leftIndent=12) for item in items]
    if numbered:
        return ListFlowable(entries, bulletType="1", bulletFontName=FONT, bulletFontSize=chosen.fontSize,
                            leftIndent=14)
    return ListFlowable(entries, bulletType="bullet", start="•", bulletFontName=FONT,
                        bulletFontSize=chosen.fontSize, leftIndent=12)


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = True,
         shade_first_column: bool = False, repeat: bool = True,
         heights: Sequence[float | None] | None = None) -> Table:
    """A table with ruled cells; strings become wrapped paragraphs, the header row bold on grey.

    ``widths`` are in points; ``heights`` (points, None for "as needed") leave room to write.
    """
    cells = []
    for number, row in enumerate(rows):
        style = "cellbold" if header and number == 0 else "cell"
        cells.append([para(cell, style) if isinstance(cell, str) else cell for cell in row])
    table = Table(cells, colWidths=list(widths), rowHeights=list(heights) if heights else None,
                  repeatRows=1 if header and repeat else 0, hAlign="LEFT")
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    if shade_first_column:
        commands.append(("BACKGROUND", (0, 1 if header else 0), (0, -1), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def writing_lines(count: int, width: float, gap: float = 7 * mm) -> Table:
    """Ruled lines to write on."""
    table = Table([[""] for _ in range(count)], colWidths=[width], rowHeights=[gap] * count, hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return table


def figure(width_mm: float, height_mm: float) -> Figure:
    """A matplotlib figure of the given size, not attached to pyplot (safe in a worker thread)."""
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
    FigureCanvasAgg(fig)  # its own canvas: no pyplot state shared between threads
    fig.set_layout_engine("constrained")
    return fig


def chart_image(fig: Figure, width: float, dpi: int = 170) -> Image:
    """The figure as a PNG image ``width`` points wide (height keeps the figure's proportions)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    buffer.seek(0)
    w, h = fig.get_size_inches()
    return Image(buffer, width=width, height=width * h / w)


def chart_rc() -> dict[str, Any]:
    """Matplotlib settings for the printed charts."""
    return {"font.family": "DejaVu Sans", "font.size": 7.5, "axes.titlesize": 8.5, "axes.labelsize": 7.5,
            "xtick.labelsize": 7, "ytick.labelsize": 7, "legend.fontsize": 7}


#: platypus keeps this much padding inside the frame on each side
FRAME_PADDING = 6


def text_width(paper: str = "a4") -> float:
    """Points a flowable may fill: between the margins, less the frame's own padding."""
    return PAPERS[paper][0] - 2 * MARGIN - 2 * FRAME_PADDING


def build_pdf(path: str | Path, story: list[Flowable], title: str, footer: str, paper: str = "a4",
              subject: str = "") -> Path:
    """Lay ``story`` out on pages of ``paper`` with ``footer`` and the page number on each; returns the path."""
    register_fonts()
    path = Path(path)
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    document = SimpleDocTemplate(str(path), pagesize=PAPERS[paper], leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=title, subject=subject,
                                 author="Separate Peace 1943", creator="Separate Peace 1943")

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN * 0.6, f"{footer} — page {doc.page}")
        canvas.restoreState()

    document.build(list(story), onFirstPage=decorate, onLaterPages=decorate)
    return path


def keep(*flowables: Flowable) -> KeepTogether:
    """Flowables kept on one page (a heading with what it heads)."""
    return KeepTogether(list(flowables))


def space(points: float) -> Spacer:
    """Vertical space."""
    return Spacer(1, points)


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
