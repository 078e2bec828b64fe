"""The advisor's panel over the card text: the lab plays each option on from here and counts the endings.

It runs in a thread, off the frame loop; the panel shows its progress, its failure or
its answer. It is off in class games (the table says which games are).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from html import escape
from typing import Any

from game.lab.advisor import advise
from game.table.view import EventAsk
from game.ui.panels.base import Panel
from game.ui.theme import hex_colour

RUNS = 2000


def advisor_function() -> Callable[..., Any] | None:
    """The lab's advisor (a function of the session; tests replace it)."""
    return advise


class AdvisorPanel(Panel):
    """The advisor's thread, its answer for one card, and the panel's words."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        self.advice: dict[str, dict[str, float]] | None = None
        self.advice_for: tuple[object, ...] | None = None
        self.thread: threading.Thread | None = None
        self.started = 0.0
        self.error = ""
        self.open = False

    def available(self) -> bool:
        """True when the advisor may be asked on this card (not in a class game)."""
        return advisor_function() is not None and self.app.settings.show_advisor \
            and not self.deck.table.class_game and isinstance(self.view.request, EventAsk)

    def key(self) -> tuple[object, ...]:
        session = self.deck.table.session
        ask = self.view.request
        return session.turn, ask.id if isinstance(ask, EventAsk) else "", len(session.history)

    def toggle(self) -> None:
        """A: open the panel and start the thread (or close the panel)."""
        advise_now = advisor_function()
        if advise_now is None or not self.available():
            return
        if self.open and self.thread is None:
            self.open = False
            return
        self.open = True
        if self.thread is None and (self.advice is None or self.advice_for != self.key()):
            key = self.key()
            session = self.deck.table.session
            self.error = ""

            def run() -> None:
                try:
                    self.advice = advise_now(session, runs=RUNS)
                    self.advice_for = key
                except Exception as error:  # noqa: BLE001 - the advisor is optional; say why it failed
                    self.error = str(error)

            self.started = time.perf_counter()
            self.thread = threading.Thread(target=run, daemon=True)
            self.thread.start()

    def finish(self) -> None:
        """Before an answer changes the session the thread reads: wait for it, close the panel."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        self.open = False

    def done(self) -> bool:
        """True (once) when the thread has just finished."""
        if self.thread is not None and not self.thread.is_alive():
            self.thread = None
            return True
        return False

    def html(self, ask: EventAsk) -> str:
        """Running (with the time so far), failed, or each option's likely endings."""
        muted = hex_colour(self.app.palette.muted)
        head = (f"<font color='{muted}'>Advisor · {escape(ask.title)}</font><br>"
                f"<font pixel_size={self.t(20)}><b>How might each choice end?</b></font><br>")
        if self.thread is not None:
            waited = time.perf_counter() - self.started
            return head + f"<br>Simulating {RUNS:,} futures for each option… ({waited:.1f} s)"
        if self.error:
            return head + f"<br>The advisor failed: {escape(self.error)}"
        if self.advice is None or self.advice_for != self.key():
            return head + "<br>No advice yet."
        lines = [head, f"<font color='{muted}'>Each option played on {RUNS:,} times from here, "
                       f"{escape(self.scenario.presentation.as_in_history)} afterwards. A guess from the model, "
                       "not history. ± is the margin of the count (two standard errors).</font><br>"]
        labels = {o.id: o.label for o in ask.options}
        for option_id, endings in self.advice.items():
            best = [item for item in sorted(endings.items(), key=lambda item: -item[1])[:3] if item[1] >= 0.005]
            text = ", ".join(f"{self._ending_title(e)} {p:.0%} ±{2 * (p * (1 - p) / RUNS) ** 0.5:.0%}"
                             for e, p in best)
            lines.append(f"<br><b>{escape(labels.get(option_id, option_id))}</b>: {escape(text)}")
        same = len({tuple(sorted((k, round(v, 2)) for k, v in e.items())) for e in self.advice.values()}) == 1
        if same and len(self.advice) > 1:
            lines.append("<br><br><i>All options end alike here: the choice matters for the numbers along the "
                         "way (see each option's hint), not for the ending.</i>")
        return "".join(lines)

    def _ending_title(self, ending_id: str) -> str:
        try:
            return self.scenario.ending(ending_id).title
        except KeyError:
            return ending_id
