"""The debrief: the ending and its judgement, charts against history, and departures.

Exportable as a PNG of the whole screen, so a class can pin it up beside another game,
and as the printable A4 PDF of ``python -m game debrief SAVE --pdf FILE`` (the same
file, from :func:`game.classroom.write_debrief_pdf`): into ``exports/`` beside the saves
folder, or wherever the player picks.
"""

from __future__ import annotations

import threading
import time
from html import escape
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.windows import UIFileDialog

from game.classroom.debrief_pdf import write_debrief_pdf
from game.debrief import departures, historical_twin, judgements
from game.paths import saves_dir
from game.table import Table
from game.table.calendar import month_name
from game.ui.deck import Deck
from game.ui.screens.base import Screen
from game.ui.starting import new_game_screen
from game.ui.theme import hex_colour
from game.ui.widgets.cards import esc
from game.ui.widgets.charts import chart_vars, render_charts


class DebriefScreen(Screen):
    """What your 1943 came to."""

    def __init__(self, app, game: Deck | Table) -> None:  # noqa: ANN001 - the app
        super().__init__(app)
        self.table = game.table if isinstance(game, Deck) else game
        self.twin = historical_twin(self.table.session)
        self.charts: pygame.Surface | None = None
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        self.dialog: UIFileDialog | None = None
        self.last_pdf: Path | None = None
        self.pdf_thread: threading.Thread | None = None
        self.pdf_result: Path | str | None = None

    def build(self) -> None:
        width, height = self.app.size
        pad = self.u(16)
        title_h = self.t(44)
        button_h = self.t(38)
        session = self.table.session
        ending = session.ending
        month = session.months[-1].month if session.months else session.month
        name = ending.title if ending else "Unfinished"
        title = [f"{name} — {month_name(month)}", f"{name} — {month_name(month, short=True)}", name]
        self.label(title, pygame.Rect(pad, pad, width - 2 * pad, title_h), "#title")
        top = pad + title_h + self.u(6)
        buttons = [(["Export as PNG  (E)", "PNG  (E)"], self.export, "export"),
                   (["Export as PDF  (P)", "PDF  (P)"], self.export_pdf, "pdf"),
                   (["PDF to a file", "PDF file"], self.choose_pdf_path, "pdf_to"),
                   (["Timeline  (T)", "Timeline"], self.timeline, "timeline"),
                   ("New game", self.new_game, "new"), (["Title  (Esc)", "Title"], self.to_title, "title")]
        gap = self.u(10)
        per_row = len(buttons)
        while per_row > 2 and (width - 2 * pad - gap * (per_row - 1)) // per_row < self.t(190):
            per_row = (per_row + 1) // 2
        rows = -(-len(buttons) // per_row)
        bottom = height - pad - rows * button_h - (rows - 1) * gap - self.u(10)
        chart_w = int((width - 3 * pad) * 0.58)
        self.chart_rect = pygame.Rect(pad, top, chart_w, bottom - top)
        if self.charts is None or self.charts.get_size() != self.chart_rect.size:
            # the year is over: the debrief is everyone's, every number included
            everyone = self.table.observer(None)
            scenario = self.table.scenario
            yours = {var: everyone.series(var) for var in chart_vars(scenario)}
            start = {v.id: float(v.start) for v in scenario.variables}
            twin = {var: [start[var]] + [r.state[var] for r in self.twin.months] for var in chart_vars(scenario)}
            self.charts = render_charts(scenario, yours, twin, self.chart_rect.size,
                                        self.app.settings.text_factor, self.app.settings.high_contrast)
        right = pygame.Rect(self.chart_rect.right + pad, top, width - chart_w - 3 * pad, bottom - top)
        self.textbox(self._judgement_html(), right)
        button_w = (width - 2 * pad - gap * (per_row - 1)) // per_row
        for index, (text, action, key) in enumerate(buttons):
            row, column = divmod(index, per_row)
            y = height - pad - (rows - row) * button_h - (rows - 1 - row) * gap
            self.button(text, pygame.Rect(pad + column * (button_w + gap), y, button_w, button_h), action, key,
                        "#primary_button" if key in ("export", "pdf") else "#menu_button")

    def _judgement_html(self) -> str:
        scenario, session = self.table.scenario, self.table.session
        muted = hex_colour(self.app.palette.muted)
        ending = session.ending
        parts = []
        if self.table.group:
            parts.append(f"<b>Played by {escape(self.table.group)}</b><br><br>")
        if ending:
            parts.append(esc(ending.text) + "<br><br>")
        parts.append("<b>Judgement</b><br>")
        for key, text in judgements(scenario, session, self.twin).items():
            parts.append(f"<b>{escape(key.capitalize())}</b>: {escape(text)}<br>")
        if ending:
            for key, text in ending.judgement.items():
                parts.append(f"<font color='{muted}'><i>{escape(key.capitalize())}: {escape(text)}</i></font><br>")
        twin_end = self.twin.ending.title if self.twin.ending else "?"
        as_then = scenario.presentation.as_in_history
        parts.append(f"<br>Played {escape(as_then)}, this seed ends: <b>{escape(twin_end)}</b><br>")
        gone = departures(scenario, session)
        parts.append(f"<br><b>Where you left history</b> ({len(gone)} decisions)<br>")
        if not gone:
            parts.append(f"At every turn you chose {escape(as_then)}.<br>")
        for item in gone[:30]:
            source = f" <font color='{muted}'>[notes {', '.join(map(str, item.notes))}; {item.evidence}]</font>" \
                if item.notes else ""
            parts.append(f"<b>{escape(month_name(item.month, short=True))}</b> {escape(item.title)}: you chose "
                         f"<i>{escape(item.chosen)}</i>; history saw <i>{escape(item.historical)}</i>.{source}<br>")
        if len(gone) > 30:
            parts.append(f"… and {len(gone) - 30} more.<br>")
        if self.table.branches:
            parts.append(f"<br><font color='{muted}'>You rewound {len(self.table.branches)} time(s); the abandoned "
                         "branches are in the timeline.</font>")
        return "".join(parts)

    def export(self) -> None:
        """E: the screen as a PNG, in the same exports folder as the PDF."""
        session = self.table.session
        path = exports_dir() / f"debrief-seed{session.seed}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.focus.hidden = True
        self.app.draw()
        pygame.image.save(self.app.surface, str(path))
        self.focus.hidden = False
        self.app.toast(f"Exported {path}", 6)

    def export_pdf(self, path: Path | None = None) -> None:
        """Write the printable debrief (the same PDF as ``python -m game debrief``) in a thread, off
        the frame loop; a toast says when and where it is written."""
        if self.pdf_thread is not None:
            self.app.toast("The PDF is still being written…", 2)
            return
        session = self.table.session
        if path is None:
            path = exports_dir() / f"debrief-seed{session.seed}.pdf"
        self.app.toast("Writing the PDF…", 30)
        target = path

        def write() -> None:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.pdf_result = Path(write_debrief_pdf(session, target))
            except OSError as error:
                self.pdf_result = f"Could not write {target}: {error}"

        self.pdf_result = None
        self.pdf_thread = threading.Thread(target=write, daemon=True)
        self.pdf_thread.start()

    def wait_for_pdf(self, seconds: float = 60.0) -> None:
        """Block until the PDF thread is done (tests)."""
        if self.pdf_thread is not None:
            self.pdf_thread.join(seconds)
            self.update(0.0)

    def update(self, dt: float) -> bool:
        """Say when the PDF is written (the thread is polled each frame while it runs)."""
        thread = self.pdf_thread
        if thread is None:
            return False
        if thread.is_alive():
            self.app.polling_until = time.perf_counter() + 0.2
            return False
        self.pdf_thread = None
        if isinstance(self.pdf_result, Path):
            self.last_pdf = self.pdf_result
            self.app.toast(f"Exported {self.pdf_result}", 8)
        elif self.pdf_result:
            self.app.toast(self.pdf_result, 8)
        return False

    def choose_pdf_path(self) -> None:
        """Pick where the PDF goes (a file dialog, starting in the exports folder)."""
        if self.dialog is not None and self.dialog.alive():
            return
        width, height = self.app.size
        rect = pygame.Rect(0, 0, min(width - self.u(40), self.t(640)), min(height - self.u(40), self.t(480)))
        rect.center = (width // 2, height // 2)
        folder = exports_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.dialog = UIFileDialog(rect, self.app.manager, window_title="Save the debrief PDF as…",
                                   initial_file_path=str(folder / f"debrief-seed{self.table.session.seed}.pdf"),
                                   allow_existing_files_only=False)
        self.keep(self.dialog)
        self.focus.hidden = True

    def timeline(self) -> None:
        main = self.app.screens[-2] if len(self.app.screens) > 1 else None
        if main is not None and hasattr(main, "deck"):
            self.app.push(self.app.open("timeline", main))

    def new_game(self) -> None:
        self.app.reset_to(self.app.open("title"))
        new_game_screen(self.app)

    def to_title(self) -> None:
        self.app.reset_to(self.app.open("title"))

    def back(self) -> None:
        self.to_title()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.dialog:
            self._dialog_closed()
            path = Path(event.text)
            if path.is_dir():
                path = path / f"debrief-seed{self.table.session.seed}.pdf"
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
            self.export_pdf(path)
            return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
            self._dialog_closed()
            return True
        if self.dialog is not None and self.dialog.alive():
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.dialog.kill()
                self._dialog_closed()
                return True
            return False  # the dialog has the keyboard
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_e:
                self.export()
                return True
            if event.key == pygame.K_p:
                self.export_pdf()
                return True
            if event.key == self.app.key("timeline"):
                self.timeline()
                return True
        return super().handle_event(event)

    def _dialog_closed(self) -> None:
        self.dialog = None
        self.focus.hidden = False

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        if self.charts is not None:
            surface.blit(self.charts, self.chart_rect)


def exports_dir() -> Path:
    """Where exported debriefs (PDF and PNG) go: ``exports/`` beside the saves folder."""
    return saves_dir().parent / "exports"
