"""The printable debrief of one game: ``python -m game debrief SAVE --pdf FILE``.

Two or three pages: the ending and its judgement, the decisions the class made, which
team made each and the reason it gave, the notes the teams sent each other, charts of
the main variables against history, and the places where the teams left history with
the article's notes and evidence grades. The window exports the same file through
:func:`write_debrief_pdf`, or without blocking its frame loop through :func:`export_debrief_in_background`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib import rc_context
from reportlab.platypus import Flowable

from game.classroom.paths import PathStep, path_steps
from game.classroom.printing import (
    CHART_INK,
    LINE_STYLES,
    MARKERS,
    build_pdf,
    bullets,
    chart_image,
    chart_rc,
    figure,
    grid,
    keep,
    month_label,
    para,
    text_width,
    today,
)
from game.classroom.questions import class_questions
from game.debrief import (
    Decision,
    SentNote,
    class_decisions,
    decision_count_text,
    departure_sentence,
    historical_twin,
    judgements,
    sent_notes,
    upper_first,
)
from game.scenario.model import Scenario
from game.session import Session
from game.story import history_phrase
from game.table.seats import team_name

#: the charts: the variables a class argues about (the scenario's [presentation] may name its own)
#: the most charts the debrief draws
MAX_CHARTS = 6
#: the class's decisions are listed one by one up to this many; beyond, only the departures
DECISIONS_LISTED = 24
DEPARTURES_LISTED = 30


@dataclass(frozen=True)
class DebriefData:
    """Everything the printed debrief says, gathered from a session (quick; no drawing)."""

    scenario: Scenario
    seed: int
    humans: tuple[str, ...]
    title: str
    ending_text: str
    ending_judgement: dict[str, str]
    #: the year reached an ending (a save of a game stopped on the way has none)
    ended: bool
    last_month: str
    verdicts: dict[str, str]
    twin_title: str
    count_text: str
    decisions: list[Decision]
    departures: list[PathStep]
    own: dict[str, list[float]]
    twin: dict[str, list[float]]
    group: str = ""
    notes: tuple[SentNote, ...] = ()


def chart_variables(scenario: Scenario) -> list[str]:
    """The charted variables: the scenario's ``[presentation] charts``; without them its main
    variables and its losses variable; without those its first shown variables."""
    presentation = getattr(scenario, "presentation", None)
    known = [variable.id for variable in scenario.variables if not variable.hidden]
    named = list(getattr(presentation, "charts", ()) or ())
    if not named:
        losses = getattr(presentation, "losses_variable", None)
        named = [*(getattr(presentation, "main_variables", ()) or ()), *([losses] if losses else [])]
    chosen = list(dict.fromkeys(var for var in named if var in known))
    return (chosen or known)[:MAX_CHARTS]


def debrief_data(session: Session) -> DebriefData:
    """Read what the debrief needs from ``session``; call it where the session lives (the UI thread)."""
    scenario = session.scenario
    twin = historical_twin(session)
    ending = session.ending
    charts = chart_variables(scenario)
    return DebriefData(
        scenario=scenario, seed=session.seed, humans=tuple(session.humans),
        title=ending.title if ending else "The game is not over",
        ending_text=ending.text if ending else "The game stopped before an ending; the charts show the months "
                                              "played.",
        ending_judgement=dict(ending.judgement) if ending else {},
        ended=ending is not None,
        last_month=session.months[-1].month if session.months else str(scenario.months[0]),
        verdicts=judgements(scenario, session, twin),
        twin_title=twin.ending.title if twin.ending else "?",
        count_text=decision_count_text(scenario, session),
        decisions=class_decisions(scenario, session),
        departures=path_steps(scenario, session),
        own={var: [record.state[var] for record in session.months] for var in charts},
        twin={var: [record.state[var] for record in twin.months] for var in charts},
        group=session.remarks.group, notes=tuple(sent_notes(scenario, session)),
    )


def write_debrief_pdf(session: Session, path: str | Path, paper: str = "a4") -> Path:
    """Write the debrief of a finished (or stopped) session as a PDF; returns the path."""
    return render_debrief(debrief_data(session), path, paper)


def export_debrief_in_background(session: Session, path: str | Path,
                                 done: Callable[[Path | None, Exception | None], None],
                                 paper: str = "a4") -> threading.Thread:
    """Gather the debrief now, draw and write it in a worker thread, then call ``done(path, error)``.

    ``done`` runs in the worker thread: a window should only set a flag or post an event
    there and tell the player on its next frame.
    """
    data = debrief_data(session)

    def work() -> None:
        try:
            written = render_debrief(data, path, paper)
        except Exception as error:  # reported to the caller, who shows it
            done(None, error)
        else:
            done(written, None)

    thread = threading.Thread(target=work, name="debrief-pdf", daemon=True)
    thread.start()
    return thread


def render_debrief(data: DebriefData, path: str | Path, paper: str = "a4") -> Path:
    """Lay out and write the debrief from gathered data (safe in a worker thread)."""
    scenario = data.scenario
    width = text_width(paper)
    teams = ", ".join(team_name(scenario, power) for power in data.humans) or "the computer"
    played = f"Played by {data.group} ({teams})" if data.group else f"Played by {teams}"
    story: list[Flowable] = [
        para(f"{scenario.title.upper()} — DEBRIEF" + (f" — {data.group.upper()}" if data.group else ""), "kicker"),
        para(data.title, "title"),
        para(f"{'The end came' if data.ended else 'Stopped'} in {month_label(data.last_month)}. {played}; "
             f"seed {data.seed}.", "muted"),
        para(data.ending_text),
        para("What the class decided", "h1"),
        para(data.count_text),
    ]
    story += decision_table(scenario, data, width)
    story += notes_table(data, width)
    story.append(para("Judgement", "h1"))
    items = [f"<b>{key.capitalize()}</b>: {_x(text)}" + (f" <i>{_x(data.ending_judgement[key])}</i>"
                                                           if key in data.ending_judgement else "")
             for key, text in data.verdicts.items()]
    story.append(bullets(items, markup=True))
    story.append(para(f"With the historical choices, the same dice end: {data.twin_title}. “History” in "
                      "these pages means that game, in the month yours ended.", "muted"))
    story.append(keep(para("The year against history", "h1"),
                      para("Solid line with circles: your game. Dashed line with squares: the same dice with "
                           "the historical choices. Dotted line with triangles: the historical course the scenario "
                           "is calibrated to, where it has one.", "muted"),
                      chart_image(draw_charts(scenario, data, width), width)))
    story += departure_table(scenario, data, width)
    questions = [question.text for question in class_questions(scenario)]
    story.append(keep(para("Questions for the class", "h1"), bullets(questions, numbered=True)))
    return build_pdf(path, story, f"Debrief: {data.title}",
                     f"{scenario.title} — debrief, seed {data.seed} — printed {today()}", paper,
                     subject=scenario.title)


def _x(value: str) -> str:
    from game.classroom.printing import text

    return text(value)


def decision_table(scenario: Scenario, data: DebriefData, width: float) -> list[Flowable]:
    """The class's decisions one by one with the teams' reasons (a lesson); of a long game, only
    those a team gave a reason for, or nothing (the departures follow)."""
    reasons = any(item.reason for item in data.decisions)
    shown = data.decisions
    if len(shown) > DECISIONS_LISTED:
        shown = [item for item in shown if item.reason]
    if not shown:
        return []
    head: list[object] = ["Month", "Team", "Decision", "What the team chose"]
    rows: list[list[object]] = [head + (["The team's reason"] if reasons else []) + [f"{history_phrase(scenario)}?"]]
    for item in shown:
        reason: list[object] = [f"“{item.reason}”" if item.reason else "—"] if reasons else []
        cells: list[object] = [month_label(item.month), team_name(scenario, item.power).removeprefix("the "),
                               item.title, item.chosen]
        rows.append(cells + reason + ["no: left history" if item.departed else "yes"])
    widths = ((0.10, 0.11, 0.19, 0.27, 0.23, 0.10) if reasons else (0.11, 0.13, 0.22, 0.42, 0.12))
    flow: list[Flowable] = []
    if shown is not data.decisions:
        flow.append(para(f"The {len(shown)} of {len(data.decisions)} decisions a team gave a reason for:", "muted"))
    return flow + [grid(rows, [share * width for share in widths])]


def notes_table(data: DebriefData, width: float) -> list[Flowable]:
    """The notes the teams sent each other: when, who to whom, on which channel, and whether it leaked."""
    if not data.notes:
        return []
    rows: list[list[object]] = [["Month", "From, to", "Channel", "The note", "Did it leak?"]]
    for note in data.notes:
        whom = " and ".join(team.removeprefix("the ") for team in note.to)
        rows.append([month_label(str(data.scenario.months[note.turn])),
                     f"{upper_first(note.sender_team.removeprefix('the '))} to {whom}", note.channel,
                     f"“{note.text}”", upper_first(note.fate)])
    intro = para("Each note travelled on one of the scenario's channels, and the channel is part of the model: "
                 "the last column says what its chances did with the note. A channel without chances, an open "
                 "line, cannot leak.", "muted")
    widths = [0.11 * width, 0.17 * width, 0.15 * width, 0.42 * width, 0.15 * width]
    return [keep(para(f"Notes the teams sent ({len(data.notes)})", "h1"), intro, grid(rows, widths))]


def departure_table(scenario: Scenario, data: DebriefData, width: float) -> list[Flowable]:
    """Where the teams left history, with who set it and the article's notes."""
    heading = para("Where the teams left history", "h1")
    if not data.departures:
        kept = scenario.presentation.as_in_history
        return [heading, para(f"Nowhere: every decision was {kept}. Differences above come from "
                              "the dice and from the computer players.")]
    note = para("Notes are the footnotes of the article the game rests on; the evidence grade says how well "
                "the article "
                "thinks the event is attested (documented, reported, alleged, doubtful). A lever a team changed "
                "stays where it was set, so the game keeps it away from history in the months after.", "muted")
    rows: list[list[object]] = [["Month", "Card or order", "What happened", "Notes, evidence"]]
    for item in data.departures[:DEPARTURES_LISTED]:
        source = ""
        if item.kind == "event":
            source = (", ".join(map(str, item.notes)) or "none") + f"; {item.evidence}"
        rows.append([item.months, item.title, departure_sentence(scenario, item), source])
    flow: list[Flowable] = [keep(heading, note, grid(rows, [0.11 * width, 0.22 * width, 0.50 * width,
                                                            0.17 * width]))]
    if len(data.departures) > DEPARTURES_LISTED:
        flow.append(para(f"… and {len(data.departures) - DEPARTURES_LISTED} more (the debrief on screen lists "
                         "them all).", "muted"))
    return flow


def draw_charts(scenario: Scenario, data: DebriefData, width: float):
    """Small multiples: this game, the same seed played as in 1943, and the reference course."""
    months = [str(m) for m in scenario.months]
    ticks = [0, 4, 8, 13] if len(months) > 13 else list(range(0, len(months), 3))
    variables = list(data.own)
    columns = 3
    rows = max(1, -(-len(variables) // columns))
    with rc_context(chart_rc()):  # type: ignore[arg-type]
        fig = figure(width / 72 * 25.4, 52 * rows + 6)
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, var in zip(axes, variables, strict=False):
            variable = scenario.variables[scenario.column(var)]
            series = [(data.own[var], "your game"), (data.twin[var], scenario.presentation.as_in_history)]
            if var in scenario.reference:
                series.append((list(scenario.reference[var]), "history"))
            for index, (values, label) in enumerate(series):
                ax.plot(range(len(values)), values, color=CHART_INK[index], linestyle=LINE_STYLES[index],
                        marker=MARKERS[index], markersize=2.6, linewidth=1.5 if index == 0 else 1.0, label=label)
            unit = f" ({variable.unit})" if variable.unit else ""
            ax.set_title(f"{variable.label}{unit}", loc="left")
            ax.set_xlim(-0.3, len(months) - 0.7)
            if variable.max <= 100:
                ax.set_ylim(variable.min, variable.max)
            ax.set_xticks(ticks)
            ax.set_xticklabels([month_label(months[t]).replace(" 19", " '") for t in ticks])
            ax.grid(alpha=0.3, linewidth=0.5)
            for spine in ("top", "right"):
                ax.spines[spine].set_visible(False)
        for ax in axes[len(variables):]:
            ax.set_visible(False)
        handles, labels = axes[0].get_legend_handles_labels()
        if variables and variables[0] not in scenario.reference:
            for ax in axes[: len(variables)]:
                more, names = ax.get_legend_handles_labels()
                if len(more) > len(handles):
                    handles, labels = more, names
        fig.legend(handles, labels, loc="outside lower center", ncols=3, frameon=False)
    return fig
