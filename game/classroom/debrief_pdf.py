"""The printable debrief of one game: ``python -m game debrief SAVE --pdf FILE``.

One or two A4 pages: the ending and its judgement, charts of the main variables
against history, and the decisions where the teams left history with the article's
notes and evidence grades. The window's debrief screen exports the same file through
:func:`write_debrief_pdf`.
"""

from __future__ import annotations

from pathlib import Path

from game.classroom.paths import PathStep, path_steps
from game.classroom.printing import ACCENT, MUTED, PageWriter, a4_pdf, month_label, today
from game.classroom.teams import team_name
from game.debrief import historical_twin, judgements
from game.engine.session import Session
from game.scenario.model import Month

#: the charts: the brief's contract variables a class argues about
CHARTS = ("front", "stalin_trust", "western_alarm", "berlin_channel", "western_tolerance", "soviet_losses")
MAX_PAGES = 2
#: event cards listed per team when one, two or three teams played
CARDS_PER_TEAM = (14, 8, 5)
#: inches kept free for the questions at the end
QUESTIONS_ROOM = 1.45
QUESTIONS = (
    "Was there a moment in your game when a deal with Berlin was possible? What made it so, or not?",
    "Would your Moscow have dealt with Hitler, or only with a Germany that had replaced him?",
    "How far did the fear of a separate peace move London and Washington in your game?",
    "Was your Stalin raising a false alarm to get more from his allies? What did it buy him?",
)


def write_debrief_pdf(session: Session, path: str | Path) -> Path:
    """Write the debrief of a finished (or stopped) session as an A4 PDF; returns the path."""
    scenario = session.scenario
    ending = session.ending
    twin = historical_twin(session)
    path = Path(path)
    title = ending.title if ending else "The game is not over"
    with a4_pdf(path, f"Debrief: {title}", f"{scenario.title}, seed {session.seed}") as pdf:
        page = PageWriter(pdf, f"{scenario.title} — debrief, seed {session.seed} — printed {today()}",
                          max_pages=MAX_PAGES)
        page.new_page()
        teams = ", ".join(team_name(scenario, power) for power in session.humans) or "the computer"
        page.text(f"{scenario.title.upper()} — DEBRIEF", size=9, color=MUTED, space_after=0.02)
        last_month = session.months[-1].month if session.months else str(scenario.months[0])
        page.text(title, size=20, bold=True, color=ACCENT, space_after=0.04)
        page.text(f"The end came in {month_label(last_month)}. Played by {teams}; seed {session.seed}.",
                  size=9, color=MUTED, space_after=0.1)
        if ending is not None:
            page.text(ending.text, size=10.5)
        else:
            page.text("The game stopped before an ending; the charts show the months played.", size=10.5)
        page.heading("Judgement", size=12)
        verdicts = judgements(scenario, session, twin)
        for key, text in verdicts.items():
            extra = f" {ending.judgement[key]}" if ending is not None and key in ending.judgement else ""
            page.text(f"{key.capitalize()}: {text}{extra}", size=9.5, indent=0.18, hanging="•")
        twin_title = twin.ending.title if twin.ending else "?"
        page.text(f"With the choices made in 1943, the same seed ends: {twin_title}.", size=9.5, italic=True,
                  space_after=0.08)
        draw_charts(page, session, twin)
        write_path(page, session)
        page.heading("Questions for the class", size=12)
        for number, question in enumerate(QUESTIONS, 1):
            if not page.text(question, size=9.5, indent=0.22, hanging=f"{number}."):
                break
        page.close()
    return path


def draw_charts(page: PageWriter, session: Session, twin: Session) -> None:
    """Small multiples: this game, the same seed played as in 1943, and the reference course."""
    scenario = session.scenario
    page.heading("The year against history", size=12)
    page.text("Solid: your game. Dashed: the same dice with the choices of 1943. Dots: the historical course "
              "the scenario is calibrated to (where it has one).", size=8.5, color=MUTED, space_after=0.08)
    axes = page.axes_grid(2, 3, 3.3)
    if axes is None:
        return
    months = [str(m) for m in scenario.months]
    ticks = [0, 4, 8, 13] if len(months) > 13 else list(range(0, len(months), 3))
    for ax, var in zip(axes, CHARTS, strict=False):
        variable = scenario.variables[scenario.column(var)]
        own = [record.state[var] for record in session.months]
        base = [record.state[var] for record in twin.months]
        ax.plot(range(len(own)), own, color=ACCENT, linewidth=1.8, label="your game")
        ax.plot(range(len(base)), base, color="#333333", linewidth=1.0, linestyle="--", label="as in 1943")
        if var in scenario.reference:
            ax.plot(range(len(months)), scenario.reference[var], linestyle="none", marker="o", markersize=2.2,
                    color="#777777", label="history")
        unit = f" ({variable.unit})" if variable.unit else ""
        ax.set_title(f"{variable.label}{unit}", loc="left", fontsize=8.5)
        ax.set_xlim(-0.3, len(months) - 0.7)
        if variable.max <= 100:
            ax.set_ylim(variable.min, variable.max)
        ax.set_xticks(ticks)
        ax.set_xticklabels([month_label(months[t]).replace(" 19", " '") for t in ticks])
        ax.grid(alpha=0.25, linewidth=0.5)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    axes[-1].legend(loc="upper left", frameon=False, fontsize=6.5)
    page.space(0.32)


def write_path(page: PageWriter, session: Session) -> None:
    """The departures from history, by team: the cards with their evidence, then the standing policies.

    Space is kept for the questions at the end; a team with many departures gets its first
    cards and a count of the rest (the terminal's debrief lists them all).
    """
    scenario = session.scenario
    steps = path_steps(scenario, session)
    page.heading("Where the teams left history", size=12)
    if not steps:
        page.text("Nowhere: every decision was the one taken in 1943. Differences above come from the dice "
                  "and from the computer players.", size=9.5)
        return
    page.text("Notes are the footnotes of Mastny's article; the evidence grade says how well the article "
              "thinks the event is attested (documented, reported, alleged, doubtful).", size=8.5, color=MUTED)
    powers = [power for power in scenario.powers if any(step.power == power.id for step in steps)]
    cap = CARDS_PER_TEAM[min(len(powers), len(CARDS_PER_TEAM)) - 1]
    page.bottom -= QUESTIONS_ROOM
    try:
        for power in powers:
            own = [step for step in steps if step.power == power.id]
            cards = [step for step in own if step.kind == "event"]
            standing = [step for step in own if step.kind == "standing"]
            page.text(f"{power.name} ({team_name(scenario, power.id)}): {len(cards)} card(s) and "
                      f"{len(standing)} standing order(s) away from history", size=10, bold=True, space_after=0.03)
            for step in cards[:cap]:
                write_step(page, step)
            if len(cards) > cap:
                page.text(f"… and {len(cards) - cap} more cards (see the debrief on screen).",
                          size=8.5, color=MUTED, indent=0.2)
            if standing:
                page.text("Standing orders away from history: " + standing_summary(standing) + ".", size=8.5,
                          indent=0.2, hanging="–", space_after=0.06)
    finally:
        page.bottom += QUESTIONS_ROOM
        page.full = False


def standing_summary(steps: list[PathStep]) -> str:
    """Standing departures by policy: "Offensive tempo: Consolidate and refit, Nov 1942 – Dec 1942" for one
    run, "The Berlin channel: 7 months (Closed, Probing for terms)" for several."""
    by_policy: dict[str, list[PathStep]] = {}
    for step in steps:
        by_policy.setdefault(step.title, []).append(step)
    parts = []
    for title, runs in by_policy.items():
        if len(runs) == 1:
            parts.append(f"{title}: {runs[0].chosen}, {runs[0].months}")
            continue
        months = sum(Month.parse(run.last_month).minus(Month.parse(run.first_month)) + 1 for run in runs)
        chosen = ", ".join(dict.fromkeys(run.chosen for run in runs))
        parts.append(f"{title}: {months} months ({chosen})")
    return "; ".join(parts)


def write_step(page: PageWriter, step: PathStep) -> bool:
    """One departure; False if it no longer fits on the pages."""
    text = f"{step.months} — {step.sentence()}"
    if step.kind == "event":
        text += f" {step.source()}"
    return page.text(text, size=9, indent=0.2, hanging="–", space_after=0.03)
