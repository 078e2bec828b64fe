"""A pupil's text at its worst (one endless word, every length at its cap) still prints inside the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom.debrief_pdf import write_debrief_pdf
from game.classroom.printing import MARGIN
from game.classroom.report import class_report, write_report_pdf
from game.classroom.samples import play_lesson
from game.remarks import GROUP_MAX_CHARS, REASON_MAX_CHARS
from game.saves import save_game
from game.session import NOTE_MAX_CHARS

from .layout import have_pdftoppm, pixel_problems, render, text_problems


@pytest.mark.skipif(not have_pdftoppm(), reason="poppler-utils (pdftoppm) is not installed")
def test_endless_words_in_names_reasons_and_notes_stay_in_their_cells(scenario, tmp_path: Path) -> None:
    session = play_lesson(scenario, seed=12, leave_history=0.3, talk=True)
    session.remarks.set_group("W" * GROUP_MAX_CHARS)
    for index in list(session.remarks.reasons):
        session.remarks.add(index, session.remarks.reasons[index].power, "x" * REASON_MAX_CHARS)
    assert session.notes
    session.notes[0] = type(session.notes[0])(session.notes[0].turn, session.notes[0].channel,
                                              session.notes[0].sender, session.notes[0].after,
                                              "n" * NOTE_MAX_CHARS)
    debrief = write_debrief_pdf(session, tmp_path / "odd-debrief.pdf")
    save = save_game(session, tmp_path / "odd.json")
    report = write_report_pdf(class_report(scenario, [save], runs=50), tmp_path / "odd-report.pdf")
    for pdf, name in ((debrief, "odd-debrief"), (report, "odd-report")):
        problems = pixel_problems(render(pdf, name)) + text_problems(pdf, MARGIN)
        assert not problems, "\n".join(f"{name} page {p.page}: {p.what}" for p in problems[:10])
