"""The class report: ``python -m game report SAVE... [--pdf FILE] [--json FILE]``.

Gathers the saves of several groups: how many reached each ending, each group's path
and departures from history, the decisions where most groups left history, and where
each group's outcome falls among many runs of the historical policy (the lab's
distribution, run here directly with the engine). A save that is damaged, foreign or
made with another scenario is named and skipped with its reason; it never stops the
report.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.classroom.lesson import team_decisions, was_lesson
from game.classroom.paths import PathStep, path_steps
from game.classroom.printing import ACCENT, MUTED, PageWriter, a4_pdf, month_label, today
from game.classroom.teams import team_name
from game.engine import Engine, month_rng
from game.policies import ComputerPlayer, Historical
from game.saves import SaveError, load_game
from game.scenario.model import Scenario

#: the outcomes placed in the historical distribution
OUTCOMES = ("front", "stalin_trust", "western_alarm", "soviet_losses")
DEFAULT_RUNS = 2000
DISTRIBUTION_SEED = 1943


@dataclass
class GroupResult:
    """One group's game, as read from its save."""

    file: str
    humans: tuple[str, ...]
    seed: int
    lesson: bool
    ending: str | None
    ending_title: str
    last_month: str
    decisions: int
    final: dict[str, float]
    steps: list[PathStep]
    percentiles: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        """Plain data for ``--json``."""
        return {
            "file": self.file, "humans": list(self.humans), "seed": self.seed, "lesson": self.lesson,
            "ending": self.ending, "ending_title": self.ending_title, "last_month": self.last_month,
            "decisions": self.decisions, "final": {k: round(v, 3) for k, v in self.final.items()},
            "percentiles": {k: round(v, 1) for k, v in self.percentiles.items()},
            "departures": [
                {"power": s.power, "kind": s.kind, "id": s.id, "title": s.title, "chosen": s.chosen,
                 "historical": s.historical, "from": s.first_month, "to": s.last_month,
                 "notes": list(s.notes), "evidence": s.evidence}
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
    """Final values of many runs of the historical policy."""

    runs: int
    seed: int
    finals: dict[str, np.ndarray]
    endings: dict[str, float]
    #: each variable at the end of every month, (months, runs): a game that ended early
    #: is compared with history at the month it ended, not in December
    by_month: dict[str, np.ndarray] = field(default_factory=dict)

    def percentile(self, var: str, value: float, month: int | None = None) -> float:
        """Percent of historical runs below ``value`` (ties count half), in December or at ``month``."""
        values = self.finals[var] if month is None or var not in self.by_month else self.by_month[var][month]
        below = float(np.count_nonzero(values < value))
        equal = float(np.count_nonzero(values == value))
        return 100.0 * (below + equal / 2) / len(values)


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
            for key in {(step.id, step.title) for step in group.steps}:
                counter[key] += 1
        return [(ident, title, count) for (ident, title), count in
                sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))]

    def to_json(self) -> dict:
        """The report as plain data."""
        return {
            "scenario": self.scenario.id,
            "groups": [group.to_json() for group in self.groups],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
            "endings": self.ending_counts(),
            "common_departures": [{"id": i, "title": t, "groups": n} for i, t, n in self.common_departures()],
            "historical_distribution": {
                "runs": self.distribution.runs, "seed": self.distribution.seed,
                "endings": {k: round(v, 4) for k, v in self.distribution.endings.items()},
                "final": {var: {q: round(float(np.percentile(values, p)), 2)
                                for q, p in (("p10", 10), ("p50", 50), ("p90", 90))}
                          for var, values in self.distribution.finals.items()},
            },
        }


def historical_distribution(scenario: Scenario, runs: int = DEFAULT_RUNS,
                            seed: int = DISTRIBUTION_SEED) -> Distribution:
    """Run the historical Stalin (and the computer Germany and West) ``runs`` times."""
    engine = Engine(scenario)
    batch = engine.new_batch(runs)
    policies: dict[str, object] = {power.id: ComputerPlayer() for power in scenario.powers}
    policies["ussr"] = Historical()
    columns = [scenario.column(var) for var in OUTCOMES]
    by_month = {var: np.empty((len(scenario.months), runs)) for var in OUTCOMES}
    for turn in range(len(scenario.months)):
        engine.run_month(batch, policies, month_rng(seed, 0, turn))
        for var, column in zip(OUTCOMES, columns, strict=True):
            by_month[var][turn] = batch.state[:, column]
    finals = {var: by_month[var][-1].copy() for var in OUTCOMES}
    shares = {ending.id: float(np.mean(batch.ending == index)) for index, ending in enumerate(scenario.endings)}
    return Distribution(runs, seed, finals, shares, by_month)


def read_group(path: Path, scenario: Scenario) -> GroupResult:
    """Load one group's save (raises SaveError with the reason when it cannot be used)."""
    session = load_game(path, scenario)
    ending = session.ending
    last = session.months[-1].month if session.months else str(scenario.months[0])
    return GroupResult(
        file=path.name, humans=tuple(session.humans), seed=session.seed, lesson=was_lesson(session),
        ending=ending.id if ending else None, ending_title=ending.title if ending else "not finished",
        last_month=last, decisions=team_decisions(session), final=session.state,
        steps=path_steps(scenario, session),
    )


def class_report(scenario: Scenario, paths: list[str | Path], runs: int = DEFAULT_RUNS) -> ClassReport:
    """Read every save, skip the unusable ones with their reasons, and place the outcomes."""
    groups: list[GroupResult] = []
    skipped: list[Skipped] = []
    for item in paths:
        path = Path(item)
        try:
            groups.append(read_group(path, scenario))
        except SaveError as error:
            skipped.append(Skipped(path.name, _reason(error, path)))
        except Exception as error:  # a classroom report must not fail on one odd file
            skipped.append(Skipped(path.name, f"could not be read ({type(error).__name__}: {error})"))
    distribution = historical_distribution(scenario, runs)
    months = [str(month) for month in scenario.months]
    for group in groups:
        month = months.index(group.last_month) if group.last_month in months else None
        group.percentiles = {var: distribution.percentile(var, group.final[var], month) for var in OUTCOMES}
    return ClassReport(scenario, groups, skipped, distribution)


def _reason(error: SaveError, path: Path) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text


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
        lines.append(f"  {group.file}: {group.ending_title} ({month_label(group.last_month)}); {teams}; {mode}; "
                     f"{group.decisions} decisions, {len(group.steps)} departures from history")
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
    lines += distribution_lines(report)
    return lines


def distribution_lines(report: ClassReport) -> list[str]:
    """Where each group's outcome falls among the historical policy's runs, one block per variable."""
    scenario = report.scenario
    dist = report.distribution
    lines = ["", f"Against {dist.runs:,} runs of the historical policy (seed {dist.seed}); "
             "(n%) is the share of those runs that ended lower:"]
    for var in OUTCOMES:
        variable = scenario.variables[scenario.column(var)]
        p10, p50, p90 = (np.percentile(dist.finals[var], q) for q in (10, 50, 90))
        lines.append(f"  {variable.label}: history {p50:.0f} (middle 80%: {p10:.0f} to {p90:.0f})")
        for group in report.groups:
            lines.append(f"      {group.file:<30} {group.final[var]:8.0f}  ({group.percentiles[var]:.0f}%)"
                         + _compared_when(report, group))
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


# -- print ---------------------------------------------------------------------------


def write_report_pdf(report: ClassReport, path: str | Path) -> Path:
    """The class report on A4: endings, groups, common departures, the distribution charts."""
    scenario = report.scenario
    path = Path(path)
    with a4_pdf(path, f"{scenario.title}: class report", scenario.title) as pdf:
        page = PageWriter(pdf, f"{scenario.title} — class report — printed {today()}")
        page.new_page()
        page.text(f"{scenario.title.upper()} — CLASS REPORT", size=9, color=MUTED, space_after=0.02)
        page.text(f"{len(report.groups)} groups", size=20, bold=True, color=ACCENT, space_after=0.04)
        if report.skipped:
            page.text(f"{len(report.skipped)} file(s) skipped: see the end of the report.", size=9, color=MUTED)
        draw_endings(page, report)
        page.heading("The groups", size=12)
        for group in report.groups:
            teams = ", ".join(team_name(scenario, power) for power in group.humans)
            mode = "lesson" if group.lesson else "full game"
            page.text(f"{group.file}: {group.ending_title}, {month_label(group.last_month)}", size=10, bold=True,
                      space_after=0.0)
            page.text(f"{teams}; {mode}; {group.decisions} decisions; {len(group.steps)} departures from history.",
                      size=9, color=MUTED, indent=0.18, space_after=0.02)
            for step in group.steps[:6]:
                page.text(f"{step.months} — {step.sentence()}", size=8.5, indent=0.3, hanging="–", space_after=0.0)
            if len(group.steps) > 6:
                page.text(f"… and {len(group.steps) - 6} more.", size=8.5, color=MUTED, indent=0.3)
            page.space(0.05)
        common = report.common_departures()
        page.heading("Where most groups left history", size=12)
        if not common:
            page.text("Every group followed the decisions of 1943.", size=9.5)
        for _, title, count in common[:12]:
            page.text(f"{count} of {len(report.groups)} groups — {title}", size=9.5, indent=0.18, hanging="•",
                      space_after=0.01)
        draw_distribution(page, report)
        if report.skipped:
            page.heading("Files skipped", size=12)
            for item in report.skipped:
                page.text(f"{item.file}: {item.reason}", size=9, indent=0.18, hanging="•")
        page.close()
    return path


def draw_endings(page: PageWriter, report: ClassReport) -> None:
    """A bar per ending: the class against the historical policy's share."""
    scenario = report.scenario
    counts = report.ending_counts()
    titles = [ending.title for ending in scenario.endings]
    ids = [ending.id for ending in scenario.endings]
    if counts.get("unfinished"):
        titles.append("Not finished")
        ids.append("unfinished")
    page.heading("Endings", size=12)
    axes = page.axes_grid(1, 1, 0.32 * len(ids) + 0.4, title_room=0.05)
    if axes is None:
        return
    ax = axes[0]
    total = max(1, len(report.groups))
    shares = [counts.get(i, 0) / total for i in ids]
    history = [report.distribution.endings.get(i, 0.0) for i in ids]
    positions = np.arange(len(ids))
    ax.barh(positions - 0.18, shares, height=0.34, color=ACCENT, label="this class")
    ax.barh(positions + 0.18, history, height=0.34, color="#999999",
            label=f"historical policy ({report.distribution.runs:,} runs)")
    for position, share, ident in zip(positions, shares, ids, strict=True):
        ax.text(share + 0.01, position - 0.18, str(counts.get(ident, 0)), va="center", fontsize=7)
    ax.set_yticks(positions)
    ax.set_yticklabels(titles, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.08)
    ax.set_xlabel("share of games", fontsize=7.5)
    ax.legend(loc="lower right", frameon=False, fontsize=7)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    # the labels sit left of the axes: move the axes right to make room for them
    box = ax.get_position()
    ax.set_position([box.x0 + 0.27, box.y0, box.width - 0.27, box.height])
    page.space(0.3)


def draw_distribution(page: PageWriter, report: ClassReport) -> None:
    """Histograms of the historical policy's outcomes with each group marked."""
    scenario = report.scenario
    page.keep_together(5.6)
    page.heading("The class against history's dice", size=12)
    page.text(f"Grey: where {report.distribution.runs:,} runs of the historical policy ended (same choices as "
              "1943, different dice). Red lines: the groups, numbered as below, where their games ended. The "
              "percentage is the share of historical runs that ended lower.", size=8.5, color=MUTED)
    axes = page.axes_grid(2, 2, 4.2)
    if axes is None:
        return
    for ax, var in zip(axes, OUTCOMES, strict=True):
        variable = scenario.variables[scenario.column(var)]
        values = report.distribution.finals[var]
        ax.hist(values, bins=30, color="#bbbbbb")
        top = ax.get_ylim()[1]
        for number, group in enumerate(report.groups, 1):
            ax.axvline(group.final[var], color=ACCENT, linewidth=1.2)
            height = top * (1.02 + 0.09 * ((number - 1) % 3))
            ax.text(group.final[var], height, str(number), color=ACCENT, fontsize=6.5, ha="center", va="bottom",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        ax.set_ylim(0, top * 1.3)
        unit = f" ({variable.unit})" if variable.unit else ""
        ax.set_title(f"{variable.label}{unit} at the end", loc="left", fontsize=8.5, pad=2)
        ax.set_yticks([])
        for spine in ("top", "right", "left"):
            ax.spines[spine].set_visible(False)
    page.space(0.3)
    for number, group in enumerate(report.groups, 1):
        cells = "; ".join(f"{scenario.variables[scenario.column(v)].label} {group.final[v]:.0f} "
                          f"({group.percentiles[v]:.0f}%)" for v in OUTCOMES) + _compared_when(report, group)
        page.text(f"{group.file}: {cells}", size=8.5, indent=0.22, hanging=f"{number}.", space_after=0.01)
