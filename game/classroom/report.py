"""The class report: ``python -m game report SAVE... [--group NAME]... [--pdf FILE] [--json FILE] [--csv FILE]``.

Gathers the saves of several groups. The first page is a summary in plain words for the
teacher: which group reached which ending, where each first left history, and one
question to discuss. Then each group's decisions by team, and each group's main figures
beside "history", which is the same dice played with the historical choices in the month
the group's game ended: the same figures the group's debrief prints
(:func:`game.debrief.history_figures`). Where a group's outcome falls among many replays
of history with other dice is given in words at the end.

Groups are named by ``--group NAME`` (one per save, in order), by a ``group`` name stored
in the save (entered when the game began), or by the file's name; two groups of one name are
told apart by their files. A save that is damaged, foreign or made with another
scenario is named and skipped with its reason; it never stops the report.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib import rc_context
from reportlab.platypus import Flowable, PageBreak

from game.classroom.paths import PathStep, path_steps
from game.classroom.printing import (
    CHART_INK,
    HATCHES,
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
from game.debrief import Decision, class_decisions, historical_twin, history_figures
from game.lab.experiment import experiment
from game.lab.runner import run_experiment
from game.lab.summary import QUANTILES, Summary
from game.remarks import clean_group
from game.saves import SaveError, load_game
from game.scenario.model import Scenario
from game.story import history_phrase
from game.table.lesson import team_decisions, was_lesson
from game.table.seats import team_name

#: how many of the scenario's main variables the report compares (its losses variable besides)
MAIN_OUTCOMES = 3
DEFAULT_RUNS = 2000
DISTRIBUTION_SEED = 1943
CSV_COLUMNS = ("group", "team", "month", "decision", "option", "as_in_history", "evidence", "reason", "ending")


@dataclass
class GroupResult:
    """One group's game, as read from its save."""

    file: str
    name: str
    humans: tuple[str, ...]
    seed: int
    lesson: bool
    ending: str | None
    ending_title: str
    last_month: str
    decisions: int
    final: dict[str, float]
    steps: list[PathStep]
    history: dict[str, float] = field(default_factory=dict)
    choices: list[Decision] = field(default_factory=list)
    percentiles: dict[str, float] = field(default_factory=dict)

    def first_departure(self, scenario: Scenario) -> str:
        """Where the group first left history, in words."""
        own = [step for step in self.steps if not step.auto]
        if not own:
            return f"Never: every decision was {scenario.presentation.as_in_history}."
        step = own[0]
        return f"{month_label(step.first_month)}, {team_name(scenario, step.power)}: {step.title} — “{step.chosen}”."

    def to_json(self, scenario: Scenario) -> dict:
        """Plain data for ``--json``, with labels beside the ids."""
        labels = {variable.id: variable.label for variable in scenario.variables}
        return {
            "group": self.name, "file": self.file,
            "teams": [{"power": power, "team": team_name(scenario, power)} for power in self.humans],
            "seed": self.seed, "lesson": self.lesson, "ending": self.ending, "ending_title": self.ending_title,
            "last_month": self.last_month, "decisions": self.decisions,
            "figures": [{"variable": var, "label": labels.get(var, var), "value": round(self.final[var], 3),
                         "history": round(self.history.get(var, float("nan")), 3),
                         "replays_lower_percent": round(self.percentiles.get(var, float("nan")), 1)}
                        for var in outcomes(scenario)],
            "final": {k: round(v, 3) for k, v in self.final.items()},
            "choices": [{"month": d.month, "team": team_name(scenario, d.power), "decision": d.title,
                         "option": d.chosen, "as_in_history": not d.departed, "evidence": d.evidence,
                         "reason": d.reason}
                        for d in self.choices],
            "departures": [
                {"power": s.power, "team": team_name(scenario, s.power), "kind": s.kind, "id": s.id,
                 "title": s.title, "chosen": s.chosen, "historical": s.historical, "from": s.first_month,
                 "to": s.last_month, "set_by": "the game" if s.auto else "the team", "notes": list(s.notes),
                 "evidence": s.evidence}
                for s in self.steps
            ],
        }


@dataclass(frozen=True)
class Skipped:
    """A save the report could not use, and why."""

    file: str
    reason: str


@dataclass
class Distribution:
    """Many runs of the historical policy, as the lab counts them (:class:`game.lab.summary.Summary`).

    The values are counted on the lab's grid (0.05 on a 0-100 scale), so a group's place
    among the runs is exact to that step.
    """

    runs: int
    seed: int
    endings: dict[str, float]
    summary: Summary
    #: variable id -> its column in the summary
    columns: dict[str, int]

    def _month(self, month: int | None) -> int:
        """December (the last month) unless a game ended early at ``month``."""
        return self.summary.turns - 1 if month is None else month

    def mean(self, var: str, month: int | None = None) -> float:
        """The mean over the runs at the end of ``month`` (December by default)."""
        return float(self.summary.means()[self._month(month), self.columns[var]])

    def quantile(self, var: str, quantile: float, month: int | None = None) -> float:
        """A percentile over the runs (0.5: the median) at the end of ``month``."""
        return float(self.summary.percentiles(quantile)[self._month(month), self.columns[var]])

    def percentile(self, var: str, value: float, month: int | None = None) -> float:
        """Percent of historical runs below ``value`` (ties count half), in December or at ``month``."""
        column = self.columns[var]
        counts = self.summary.counts[self._month(month), column]
        # the grid point the value would be counted at, found with the lab's own arithmetic
        row = np.full((1, len(self.summary.grid.low)), float(value))
        point = int(self.summary.grid.bins(row)[0, column])
        below = float(counts[:point].sum())
        equal = float(counts[point])
        return 100.0 * (below + equal / 2) / max(int(counts.sum()), 1)


@dataclass
class ClassReport:
    """Everything the report says about a class."""

    scenario: Scenario
    groups: list[GroupResult]
    skipped: list[Skipped]
    distribution: Distribution

    def ending_counts(self) -> dict[str, int]:
        """How many groups reached each ending (unfinished games under ``unfinished``)."""
        counts = {ending.id: 0 for ending in self.scenario.endings}
        for group in self.groups:
            key = group.ending or "unfinished"
            counts[key] = counts.get(key, 0) + 1
        return counts

    def common_departures(self) -> list[tuple[str, str, int]]:
        """(id, title, number of groups) for decisions where groups left history, most first."""
        counter: Counter[tuple[str, str]] = Counter()
        for group in self.groups:
            for key in {(step.id, step.title) for step in group.steps if not step.auto}:
                counter[key] += 1
        return [(ident, title, count) for (ident, title), count in
                sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))]

    def question(self) -> str:
        """One question for the class to discuss, from what the groups did."""
        reached = {group.ending_title for group in self.groups}
        common = self.common_departures()
        if len(reached) > 1:
            names = sorted(reached)
            return (f"Your groups reached {len(reached)} different endings ({'; '.join(names)}). Which decision "
                    "made the difference, and would the people of the time have taken it knowing what they knew?")
        if common and common[0][2] > 1:
            return (f"{common[0][2]} of {len(self.groups)} groups left history at “{common[0][1]}”. Why did that "
                    "option look better to you than what was done in history, and what did it cost?")
        title = next(iter(reached), "the same ending")
        return (f"Every group reached “{title}”. Was that ending decided before the first card, or could one "
                "decision have changed it? Use the evidence grades in your answer.")

    def to_json(self) -> dict:
        """The report as plain data."""
        titles = {ending.id: ending.title for ending in self.scenario.endings} | {"unfinished": "Not finished"}
        return {
            "scenario": self.scenario.id,
            "groups": [group.to_json(self.scenario) for group in self.groups],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
            "endings": self.ending_counts(),
            "ending_titles": titles,
            "question": self.question(),
            "common_departures": [{"id": i, "title": t, "groups": n} for i, t, n in self.common_departures()],
            "historical_distribution": {
                "runs": self.distribution.runs, "seed": self.distribution.seed,
                "endings": {k: round(v, 4) for k, v in self.distribution.endings.items()},
                "final": {var: {"label": self.scenario.variables[self.scenario.column(var)].label}
                          | {q: round(self.distribution.quantile(var, p), 2) for q, p in QUANTILES.items()}
                          for var in self.distribution.columns},
            },
        }


def outcomes(scenario: Scenario) -> tuple[str, ...]:
    """The figures the report compares: the scenario's ``[presentation]`` main variables (the
    first three; without them its first shown variables) and its losses variable."""
    known = [variable.id for variable in scenario.variables if not variable.hidden]
    presentation = getattr(scenario, "presentation", None)
    main = [var for var in getattr(presentation, "main_variables", ()) or () if var in known] or known
    main = main[:MAIN_OUTCOMES]
    losses = getattr(presentation, "losses_variable", None)
    return tuple(main + ([losses] if losses in known and losses not in main else []))


def historical_distribution(scenario: Scenario, runs: int = DEFAULT_RUNS,
                            seed: int = DISTRIBUTION_SEED) -> Distribution:
    """Run the historical Stalin (and the computer Germany and West) ``runs`` times in the lab.

    The same runner as ``python -m game lab --policy historical`` (one process), so the
    report and the lab give the same figures for the same seed.
    """
    setup = experiment(scenario, Path(scenario.path).read_bytes(), policy="historical", runs=runs, seed=seed)
    summary = run_experiment(setup).summary
    shares = summary.ending_shares()
    endings = {ending.id: float(shares[index]) for index, ending in enumerate(scenario.endings)}
    return Distribution(runs, seed, endings, summary, {var: scenario.column(var) for var in outcomes(scenario)})


def read_group(path: Path, scenario: Scenario, name: str | None = None) -> GroupResult:
    """Load one group's save (raises SaveError with the reason when it cannot be used)."""
    session = load_game(path, scenario)
    ending = session.ending
    last = session.months[-1].month if session.months else str(scenario.months[0])
    twin = historical_twin(session)
    return GroupResult(
        file=path.name, name=clean_group(name) or session.remarks.group or path.stem, humans=tuple(session.humans),
        seed=session.seed, lesson=was_lesson(session),
        ending=ending.id if ending else None, ending_title=ending.title if ending else "not finished",
        last_month=last, decisions=team_decisions(session), final=session.state,
        steps=path_steps(scenario, session), history=history_figures(session, twin),
        choices=class_decisions(scenario, session),
    )


def class_report(scenario: Scenario, paths: list[str | Path], runs: int = DEFAULT_RUNS,
                 names: list[str] | None = None) -> ClassReport:
    """Read every save, skip the unusable ones with their reasons, and place the outcomes.

    ``names`` are the groups' names, in the order of ``paths`` (fewer names: the rest by file).
    """
    groups: list[GroupResult] = []
    skipped: list[Skipped] = []
    names = list(names or [])
    for number, item in enumerate(paths):
        path = Path(item)
        name = names[number] if number < len(names) else None
        try:
            groups.append(read_group(path, scenario, name))
        except SaveError as error:
            skipped.append(Skipped(path.name, _reason(error, path)))
        except Exception as error:  # a classroom report must not fail on one odd file
            skipped.append(Skipped(path.name, f"could not be read ({type(error).__name__}: {error})"))
    told_apart(groups)
    distribution = historical_distribution(scenario, runs)
    months = [str(month) for month in scenario.months]
    for group in groups:
        month = months.index(group.last_month) if group.last_month in months else None
        group.percentiles = {var: distribution.percentile(var, group.final[var], month) for var in outcomes(scenario)}
    return ClassReport(scenario, groups, skipped, distribution)


def told_apart(groups: list[GroupResult]) -> None:
    """Two groups that entered the same name are told apart by their files ("Owls (owls-2.json)")."""
    counts: dict[str, int] = {}
    for group in groups:
        counts[group.name] = counts.get(group.name, 0) + 1
    for group in groups:
        if counts[group.name] > 1:
            group.name = f"{group.name} ({group.file})"


def spreadsheet_safe(value: str) -> str:
    """Text a pupil typed, made harmless in a spreadsheet: a cell that starts like a formula
    (``=``, ``+``, ``-``, ``@``) is read as text, not run."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _reason(error: SaveError, path: Path) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text


def label(scenario: Scenario, var: str) -> str:
    """A variable's label with its unit."""
    variable = scenario.variables[scenario.column(var)]
    return f"{variable.label} ({variable.unit})" if variable.unit else variable.label


# -- text ----------------------------------------------------------------------------


def report_lines(report: ClassReport) -> list[str]:
    """The report as plain text for the terminal."""
    scenario = report.scenario
    lines = [f"Class report: {len(report.groups)} game(s) read, {len(report.skipped)} skipped", "", "Endings:"]
    titles = {ending.id: ending.title for ending in scenario.endings}
    for key, count in report.ending_counts().items():
        if count or key in titles:
            lines.append(f"  {titles.get(key, key):<42} {count:3d}")
    lines += ["", "Groups:"]
    for group in report.groups:
        teams = ", ".join(team_name(scenario, power) for power in group.humans)
        mode = "lesson" if group.lesson else "full game"
        lines.append(f"  {group.name} ({group.file}): {group.ending_title} ({month_label(group.last_month)}); "
                     f"{teams}; {mode}; {group.decisions} decisions, {len(group.steps)} departures from history")
        for step in group.steps[:8]:
            lines.append(f"      {step.months}: {step.sentence()}")
        if len(group.steps) > 8:
            lines.append(f"      … and {len(group.steps) - 8} more")
    if report.skipped:
        lines += ["", "Skipped:"]
        lines += [f"  {item.file}: {item.reason}" for item in report.skipped]
    common = report.common_departures()
    if common:
        lines += ["", "Where most groups left history:"]
        lines += [f"  {count} of {len(report.groups)}  {title}" for _, title, count in common[:10]]
    lines += ["", f"To discuss: {report.question()}"]
    lines += distribution_lines(report)
    return lines


def figures_sentence(report: ClassReport, group: GroupResult) -> str:
    """A group's main figures beside history (the same dice with the historical choices, same month)."""
    scenario = report.scenario
    return "; ".join(f"{label(scenario, var)} {group.final[var]:,.0f} (history {group.history[var]:,.0f})"
                     for var in outcomes(scenario))


def distribution_lines(report: ClassReport) -> list[str]:
    """Each group's figures beside history, and where they fall among replays with other dice."""
    dist = report.distribution
    lines = ["", "Figures beside history (the same dice with the historical choices, in the month the game ended):"]
    for group in report.groups:
        lines.append(f"  {group.name}: {figures_sentence(report, group)}")
    lines += ["", f"Against {dist.runs:,} runs of the historical policy (seed {dist.seed}); "
              "(n%) is the share of those runs that ended lower:"]
    for var in outcomes(report.scenario):
        for group in report.groups:
            lines.append(f"  {label(report.scenario, var)}: {group.name:<24} {group.final[var]:8.0f}  "
                         f"({group.percentiles[var]:.0f}%)" + _compared_when(report, group))
    return lines


def _compared_when(report: ClassReport, group: GroupResult) -> str:
    """A note for a game that ended early: its percentiles are against history in that month."""
    last = str(report.scenario.months[-1])
    return f" against history in {group.last_month}" if group.last_month != last else ""


def write_report_json(report: ClassReport, path: str | Path) -> Path:
    """Write the report as JSON."""
    path = Path(path)
    path.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def csv_rows(report: ClassReport) -> list[dict[str, str]]:
    """One row per decision a team made: for a spreadsheet or a gradebook.

    ``reason`` is the one the team typed with the decision (empty when it gave none: the
    teacher may copy it from the worksheet). The group's name and the reason are a pupil's
    text and are kept from being read as spreadsheet formulas.
    """
    rows = []
    for group in report.groups:
        for decision in group.choices:
            rows.append({"group": spreadsheet_safe(group.name), "team": team_name(report.scenario, decision.power),
                         "month": month_label(decision.month), "decision": decision.title,
                         "option": decision.chosen, "as_in_history": "no" if decision.departed else "yes",
                         "evidence": decision.evidence, "reason": spreadsheet_safe(decision.reason),
                         "ending": group.ending_title})
    return rows


def write_report_csv(report: ClassReport, path: str | Path) -> Path:
    """Write :func:`csv_rows` as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read the dashes)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_rows(report))
    return path


# -- print ---------------------------------------------------------------------------


def write_report_pdf(report: ClassReport, path: str | Path, paper: str = "a4") -> Path:
    """The class report: a one-page summary, then each group's decisions and figures."""
    scenario = report.scenario
    width = text_width(paper)
    story: list[Flowable] = summary_page(report, width)
    story.append(PageBreak())
    story.append(para("Each group's decisions", "h1"))
    for group in report.groups:
        story += group_section(report, group, width)
    story.append(para("Against history's dice", "h1"))
    story.append(para(f"The game has dice. {report.distribution.runs:,} replays of the year with the historical "
                      "choices and other dice show how unusual each group's result is. “Lower in n of 100” counts "
                      "the replays that ended lower, in the month the group's game ended.", "muted"))
    rows: list[list[object]] = [["Group", *(label(scenario, var) for var in outcomes(scenario))]]
    for group in report.groups:
        rows.append([group.name, *(f"{group.final[var]:,.0f}: lower in {group.percentiles[var]:.0f} of 100"
                                   for var in outcomes(scenario))])
    story.append(grid(rows, [0.2 * width] + [0.2 * width] * len(outcomes(scenario))))
    if report.skipped:
        story.append(para("Files skipped", "h1"))
        story.append(bullets([f"{item.file}: {item.reason}" for item in report.skipped], "small"))
    return build_pdf(path, story, f"{scenario.title}: class report",
                     f"{scenario.title} — class report — printed {today()}", paper, subject=scenario.title)


def summary_page(report: ClassReport, width: float) -> list[Flowable]:
    """Page one: who reached which ending, where each left history, one question."""
    scenario = report.scenario
    flow: list[Flowable] = [
        para(f"{scenario.title.upper()} — CLASS REPORT", "kicker"),
        para(f"{len(report.groups)} group{'s' if len(report.groups) != 1 else ''}: the class at a glance",
             "title"),
    ]
    if report.skipped:
        flow.append(para(f"{len(report.skipped)} file(s) could not be read: see the last page.", "muted"))
    rows: list[list[object]] = [["Group", "Ending", "Where it first left history", "Decisions"]]
    for group in report.groups:
        rows.append([group.name, f"{group.ending_title} ({month_label(group.last_month)})",
                     group.first_departure(scenario), str(group.decisions)])
    flow.append(grid(rows, [0.16 * width, 0.28 * width, 0.44 * width, 0.12 * width]))
    flow.append(para("Endings: this class and history", "h1"))
    flow.append(para("Hatched bars: your groups. Dotted bars: the share of replays of history (the historical "
                     "choices, other dice) that end this way.", "muted"))
    flow.append(chart_image(draw_endings(report, width), width))
    common = report.common_departures()
    if common:
        flow.append(para("Where most groups left history", "h2"))
        flow.append(bullets([f"{count} of {len(report.groups)} groups: {title}" for _, title, count in common[:5]],
                            "small"))
    flow.append(keep(para("One question to discuss", "h1"), para(report.question())))
    return flow


def group_section(report: ClassReport, group: GroupResult, width: float) -> list[Flowable]:
    """One group: its teams' decisions and its figures beside history."""
    scenario = report.scenario
    teams = ", ".join(team_name(scenario, power) for power in group.humans)
    mode = "lesson" if group.lesson else "full game"
    head = [para(f"{group.name}: {group.ending_title}, {month_label(group.last_month)}", "h2"),
            para(f"{teams}; {mode}; {group.decisions} decisions; file {group.file}.", "muted")]
    reasons = any(decision.reason for decision in group.choices)
    columns: list[object] = ["Month", "Team", "Decision", "Choice"]
    columns += ["Reason given"] if reasons else []
    rows: list[list[object]] = [columns + [f"{history_phrase(scenario)}?"]]
    for decision in group.choices[:30]:
        reason: list[object] = [f"“{decision.reason}”" if decision.reason else "—"] if reasons else []
        cells: list[object] = [month_label(decision.month), team_name(scenario, decision.power).removeprefix("the "),
                               decision.title, decision.chosen]
        rows.append(cells + reason + ["no" if decision.departed else "yes"])
    shares = (0.10, 0.12, 0.20, 0.27, 0.21, 0.10) if reasons else (0.11, 0.14, 0.24, 0.39, 0.12)
    flow: list[Flowable] = [keep(*head, grid(rows, [share * width for share in shares]))]
    if len(group.choices) > 30:
        flow.append(para(f"… and {len(group.choices) - 30} more decisions (in the CSV export).", "muted"))
    flow.append(para("Beside history (the same dice with the historical choices, in the same month, as on the "
                     "group's debrief): " + figures_sentence(report, group) + ".", "small"))
    return flow


def draw_endings(report: ClassReport, width: float):
    """A pair of bars per ending: the class's share (hatched) and history's (dotted), with counts."""
    scenario = report.scenario
    counts = report.ending_counts()
    titles = [ending.title for ending in scenario.endings]
    ids = [ending.id for ending in scenario.endings]
    if counts.get("unfinished"):
        titles.append("Not finished")
        ids.append("unfinished")
    total = max(1, len(report.groups))
    shares = [counts.get(i, 0) / total for i in ids]
    history = [report.distribution.endings.get(i, 0.0) for i in ids]
    positions = np.arange(len(ids))
    with rc_context(chart_rc() | {"hatch.linewidth": 0.6}):  # type: ignore[arg-type]
        fig = figure(width / 72 * 25.4, 8 * len(ids) + 16)
        ax = fig.add_subplot()
        ax.barh(positions - 0.2, shares, height=0.38, color="white", edgecolor=CHART_INK[0], hatch=HATCHES[0],
                label="your groups")
        ax.barh(positions + 0.2, history, height=0.38, color="white", edgecolor=CHART_INK[1], hatch=HATCHES[2],
                label="replays of history")
        for position, share, ident in zip(positions, shares, ids, strict=True):
            ax.text(share + 0.01, position - 0.2, f"{counts.get(ident, 0)} of {total}", va="center", fontsize=6.5)
        ax.set_yticks(positions, titles)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.15)
        ax.set_xlabel("share of games")
        ax.legend(loc="lower right", frameon=False)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    return fig
