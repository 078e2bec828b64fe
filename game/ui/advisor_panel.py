"""The advisor's panel: it works off the frame loop, shows its progress, then compares the options.

The comparison is a small table per open option of the card: each of the player's goals
with the arrow of the difference against the comparison option (the choice made in
history, else the average), coloured good or bad for the player's power when the
scenario says which way is good, and its margin; differences inside their margin are
shown as unsure, and goals an option does not move are listed once, together. Then the
endings, with their margins. Everything shown comes from :func:`game.lab.advisor.compare`,
which leaves out the goals hidden from the seat.

pygame-free: the panel is HTML for a pygame_gui text box (wrapped and scrolled by the
box, so nothing is cut), and the work runs in a thread the panel owns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from html import escape

from game.lab.advisor import ADVISOR_RUNS, BETTER, DOWN, SAME, UNSURE, UP, WORSE, Advice, GoalChange, compare
from game.scenario.model import Scenario
from game.session import Session
from game.table.calendar import month_name

#: the width of the text progress bar, in blocks
BAR_BLOCKS = 20


class AdvisorRun:
    """One run of the advisor for one card, in a thread: progress, then the advice or an error."""

    def __init__(self, session: Session, key: tuple, runs: int = ADVISOR_RUNS,
                 advisor: Callable[..., Advice] = compare) -> None:
        self.key = key
        self.runs = runs
        self.progress = 0.0
        self.advice: Advice | None = None
        self.error = ""
        self.started = time.perf_counter()
        self.finished = 0.0
        self._thread = threading.Thread(target=self._work, args=(session, advisor), daemon=True)
        self._thread.start()

    def _work(self, session: Session, advisor: Callable[..., Advice]) -> None:
        try:
            self.advice = advisor(session, runs=self.runs, progress=self._step)
        except Exception as error:  # noqa: BLE001 - the advisor is optional: the panel says why it failed
            self.error = str(error) or type(error).__name__
        self.progress = 1.0
        self.finished = time.perf_counter()

    def _step(self, share: float) -> None:
        self.progress = share

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, seconds: float | None = None) -> None:
        """Block until the work is done (before the game moves on, and in tests)."""
        self._thread.join(seconds)

    @property
    def seconds(self) -> float:
        """How long it has worked (or worked in all)."""
        return (self.finished or time.perf_counter()) - self.started


def progress_html(run: AdvisorRun, muted: str) -> str:
    """The panel while the advisor works: a bar, the share done and the time so far."""
    filled = int(round(run.progress * BAR_BLOCKS))
    bar = "█" * filled + f"<font color='{muted}'>{'░' * (BAR_BLOCKS - filled)}</font>"
    return (f"<br>Playing each option {run.runs:,} times to the end of the year…<br>{bar} "
            f"{run.progress:.0%} · {run.seconds:.1f} s")


def _number(value: float, unit: str) -> str:
    """``3``, ``1.5``, ``12k``: one decimal below 10, none above."""
    suffix = "k" if unit == "thousand" else ""
    return f"{value:,.1f}{suffix}" if abs(value) < 10 else f"{value:,.0f}{suffix}"


def _cell(change: GoalChange, colours: dict[str, str]) -> str:
    """One goal of one option: label, arrow and size of the difference, its margin, and the verdict."""
    verdict = change.verdict
    arrow = "▲" if change.versus > 0 else "▼"
    size = f"{arrow}{_number(abs(change.versus), change.goal.unit)}"
    margin = f" ±{_number(change.margin, change.goal.unit)}"
    label = escape(change.goal.label)
    if verdict == UNSURE:
        return f"<font color='{colours['muted']}'>{label} {size}{margin} (unsure)</font>"
    word = {BETTER: "better for you", WORSE: "worse for you", UP: "higher", DOWN: "lower"}[verdict]
    colour = colours.get(verdict, colours["text"])
    return f"{label} <font color='{colour}'><b>{size}</b>{margin} {word}</font>"


def _endings(scenario: Scenario, option, top: int = 3) -> str:
    shares = sorted(option.endings.items(), key=lambda item: -item[1])
    shown = [(ending, share) for ending, share in shares[:top] if share >= 0.005]
    return ", ".join(f"{escape(_ending_title(scenario, e))} {share:.0%} ±{option.ending_margin[e]:.0%}"
                     for e, share in shown)


def _ending_title(scenario: Scenario, ending_id: str) -> str:
    try:
        return scenario.ending(ending_id).title
    except KeyError:
        return ending_id


#: the order goals are listed in: what is good or bad for the player first, unsure last
ORDER = {BETTER: 0, WORSE: 0, UP: 1, DOWN: 1, UNSURE: 2}


def comparison_html(advice: Advice, scenario: Scenario, colours: dict[str, str],
                    as_in_history: str) -> str:
    """The comparison: per option, its goals against the comparison option, then its endings.

    ``colours`` maps "better", "worse", "muted" and "text" to HTML colours.
    """
    muted = colours["muted"]
    last = month_name(str(scenario.months[-1]))
    reference = next((option for option in advice.options if option.reference), None)
    against = f"option {advice.options.index(reference) + 1} ({escape(as_in_history)})" if reference is not None \
        else "the average of the options"
    lines = [f"<font color='{muted}'>At the end of {last}, against {against}; "
             f"{advice.runs:,} runs per option; ± is the margin.</font>"]
    if advice.hidden_goals:
        lines.append(f"<font color='{muted}'><i>{advice.hidden_goals} of your goals are hidden from you now, "
                     "so the advisor does not show them.</i></font>")
    for number, option in enumerate(advice.options, start=1):
        head = f"<b>{number}  {escape(option.label)}</b>"
        if option.reference:
            head += f" <font color='{muted}'>({escape(as_in_history)})</font>"
        rows = [head]
        if option.reference or reference is None and len(advice.options) == 1:
            ends = " · ".join(f"{escape(c.goal.label)} {_number(c.expected, c.goal.unit)}" for c in option.goals)
            if ends:
                rows.append(f"Expected: {ends}")
        else:
            moved = sorted((c for c in option.goals if c.verdict != SAME), key=lambda c: ORDER[c.verdict])
            still = [c for c in option.goals if c.verdict == SAME]
            if moved:
                rows.append(" · ".join(_cell(change, colours) for change in moved))
            if still:
                rows.append(f"<font color='{muted}'>No real difference: "
                            f"{', '.join(escape(c.goal.label) for c in still)}</font>")
        rows.append(f"Endings: {_endings(scenario, option)}")
        lines.append("<br>".join(rows))
    if len(advice.options) > 1 and advice.endings_alike:
        lines.append("<i>The endings are the same whatever you choose here: the difference is in your goals.</i>")
    lines.append(f"<font color='{muted}'>How it works: each option is played {advice.runs:,} times from the "
                 "start of this month, every option on the same luck, with history deciding afterwards. Each goal "
                 "is the expected value at the end compared with that of the other option; ± is two standard "
                 "errors of the difference, and a difference inside it is marked unsure. A model's guess, "
                 "not history.</font>")
    return "<br><br>".join(lines)


def palette_colours(palette, hex_colour: Callable[[tuple[int, int, int]], str]) -> dict[str, str]:
    """The panel's colours from the window's palette: good news in the trust colour, bad in the alarm one."""
    return {"better": hex_colour(palette.trust), "worse": hex_colour(palette.alarm), "muted": hex_colour(palette.muted),
            "text": hex_colour(palette.text)}


def panel_html(run: AdvisorRun | None, title: str, scenario: Scenario, colours: dict[str, str],
               as_in_history: str, heading_px: int) -> str:
    """The whole panel for the card ``title``: heading, then progress, the failure, or the comparison."""
    muted = colours["muted"]
    # one line of heading: in a small window the comparison itself must show without scrolling
    head = (f"<font pixel_size={heading_px}><b>Advisor: your goals, option by option</b></font><br>"
            f"<font color='{muted}'>{escape(title)}</font><br>")
    if run is None:
        return head + "<br>No advice yet."
    if run.running:
        return head + progress_html(run, muted)
    if run.error:
        return head + f"<br>The advisor failed: {escape(run.error)}"
    assert run.advice is not None
    return head + comparison_html(run.advice, scenario, colours, as_in_history)
