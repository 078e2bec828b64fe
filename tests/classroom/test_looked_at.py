"""Every printout rendered to PNG and checked for text that overflows or overlaps; the
pages are kept in out/pages/ (colour and greyscale) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom.debrief_pdf import debrief_data, draw_charts, write_debrief_pdf
from game.classroom.guide import write_guide_pdf
from game.classroom.packet import write_packet_pdf
from game.classroom.printing import MARGIN, text_width
from game.classroom.report import class_report, draw_endings, write_report_pdf
from game.classroom.rolecards import write_rolecards_pdf
from game.classroom.samples import play_lesson, write_class_saves
from game.paths import ROOT

from .layout import figure_problems, have_pdftoppm, pixel_problems, render, text_problems

needs_pdftoppm = pytest.mark.skipif(not have_pdftoppm(), reason="poppler-utils (pdftoppm) is not installed")


@pytest.fixture(scope="module")
def class_saves(scenario, tmp_path_factory) -> list[Path]:
    return write_class_saves(scenario, tmp_path_factory.mktemp("class"), groups=3)


@pytest.fixture(scope="module")
def printouts(scenario, class_saves, tmp_path_factory) -> dict[str, Path]:
    """Every printout, on A4, plus the packet on US Letter."""
    from game.saves import load_game

    folder = tmp_path_factory.mktemp("printouts")
    session = load_game(class_saves[-1], scenario)
    report = class_report(scenario, class_saves, runs=200, names=["Table 1", "Table 2", "Table 3"])
    return {
        "debrief": write_debrief_pdf(session, folder / "debrief.pdf"),
        "rolecards": write_rolecards_pdf(scenario, folder / "rolecards.pdf"),
        "packet": write_packet_pdf(scenario, folder / "packet.pdf"),
        "packet-letter": write_packet_pdf(scenario, folder / "packet-letter.pdf", paper="letter"),
        "guide": write_guide_pdf(ROOT / "docs" / "teachers.md", folder / "guide.pdf"),
        "report": write_report_pdf(report, folder / "report.pdf"),
    }


@needs_pdftoppm
@pytest.mark.parametrize("name", ["debrief", "rolecards", "packet", "packet-letter", "guide", "report"])
def test_every_page_renders_and_nothing_overflows_or_overlaps(printouts, name: str) -> None:
    pdf = printouts[name]
    pngs = render(pdf, name)
    grey = render(pdf, f"{name}-grey", gray=True)
    assert pngs and len(pngs) == len(grey)
    problems = pixel_problems(pngs) + text_problems(pdf, MARGIN)
    assert not problems, "\n".join(f"page {p.page}: {p.what}" for p in problems[:20])


def test_the_layout_checks_catch_a_word_off_the_page(tmp_path: Path) -> None:
    """The checks can fail: a line drawn past the right margin is reported."""
    from reportlab.pdfgen.canvas import Canvas

    from game.classroom.printing import FONT, register_fonts

    register_fonts()
    pdf = tmp_path / "bad.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont(FONT, 10)
    canvas.drawString(MARGIN, 700, "A line that starts well and then runs on past the right-hand margin " * 2)
    canvas.drawString(MARGIN, 600, "Two words")
    canvas.drawString(MARGIN + 3, 601, "over one another")
    canvas.save()
    found = [problem.what for problem in text_problems(pdf, MARGIN)]
    assert any("off the text area" in what for what in found)
    assert any("over one another" in what for what in found)
    if have_pdftoppm():
        assert pixel_problems(render(pdf, "bad-example"))


def test_chart_labels_do_not_collide(scenario, class_saves) -> None:
    session = play_lesson(scenario, seed=13, leave_history=0.6)
    width = text_width("a4")
    assert not figure_problems(draw_charts(scenario, debrief_data(session), width))
    report = class_report(scenario, class_saves, runs=200)
    assert not figure_problems(draw_endings(report, width))


def test_no_caption_names_a_colour(printouts) -> None:
    from .pdftext import pdf_text

    for name, pdf in printouts.items():
        text = pdf_text(pdf).lower()
        for colour in ("red line", "red bar", "in red", "grey:", "blue line", "green"):
            assert colour not in text, (name, colour)
