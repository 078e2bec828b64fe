"""Debrief charts: the main variables over the year, yours against history.

Drawn with matplotlib (Agg, off screen) once when the debrief opens, then shown as a
surface. Each series has its own line style and marker as well as colour, the same as on
the printed debrief (:mod:`game.classroom.debrief_pdf`): yours solid with circles, the
historical twin (the same dice with the choices of 1943) dashed with squares, the
scenario's reference course dotted with triangles.
"""

from __future__ import annotations

import io

import pygame

from game.classroom.printing import LINE_STYLES, MARKERS, month_label
from game.scenario.model import Scenario
from game.ui.theme import OKABE_ITO


def chart_vars(scenario: Scenario) -> tuple[str, ...]:
    """The debrief's charts: ``[presentation] charts``, else the first six shown numbers."""
    return scenario.presentation.charts or tuple(v.id for v in scenario.variables if not v.hidden)[:6]


def _rgb(colour: tuple[int, int, int]) -> tuple[float, float, float]:
    return tuple(c / 255 for c in colour)  # type: ignore[return-value]


def render_charts(scenario: Scenario, yours: dict[str, list[float]], twin: dict[str, list[float]],
                  size: tuple[int, int], text_scale: float = 1.0, high_contrast: bool = False) -> pygame.Surface:
    """Small multiples of :func:`chart_vars` as a pygame surface of ``size``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    dpi = 100
    figure = Figure(figsize=(max(2, size[0]) / dpi, max(2, size[1]) / dpi), dpi=dpi)
    background = "#000000" if high_contrast else "#fbf8f1"
    ink = "#ffffff" if high_contrast else "#222222"
    figure.patch.set_facecolor(background)
    ticks = month_ticks([str(m) for m in scenario.months], 3 if text_scale <= 1.2 else 6)  # room for large text
    fontsize = 8.5 * text_scale
    charts = chart_vars(scenario)
    axes = figure.subplots(2, max(1, (len(charts) + 1) // 2), squeeze=False)
    for ax, var in zip(axes.flat, charts, strict=False):
        variable = scenario.variables[scenario.column(var)]
        ax.set_facecolor(background)
        ax.set_title(variable.label, fontsize=fontsize + 1, color=ink, loc="left")
        reference = scenario.reference.get(var)
        same_dice = f"{scenario.presentation.as_in_history} (same dice)"
        lines = [(yours.get(var, []), "your game", _rgb(OKABE_ITO["vermillion"]), 2.2),
                 (twin.get(var, []), same_dice, _rgb(OKABE_ITO["blue"]), 1.6),
                 ([variable.start] + list(reference) if reference else [], "history (reference course)", ink, 1.4)]
        for index, (values, label, colour, width) in enumerate(lines):
            if values:
                ax.plot(range(len(values)), values, color=colour, linestyle=LINE_STYLES[index],
                        marker=MARKERS[index], lw=width, ms=3.5, label=label)
        ax.set_ylim(variable.min, variable.max)
        ax.set_xticks([index for index, _ in ticks], [label for _, label in ticks])
        ax.tick_params(labelsize=fontsize - 1, colors=ink)
        for spine in ax.spines.values():
            spine.set_color(ink)
        ax.grid(True, alpha=0.25)
    # the legend from the chart with the most lines (not every variable has a reference course)
    handles, labels = max((ax.get_legend_handles_labels() for ax in axes.flat), key=lambda hl: len(hl[0]))
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=fontsize, frameon=False, labelcolor=ink)
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=background)
    buffer.seek(0)
    image = pygame.image.load(buffer, "charts.png")
    return image.convert() if pygame.display.get_surface() is not None else image


def month_ticks(months: list[str], step: int = 3) -> list[tuple[int, str]]:
    """Where the x axis is labelled and how: every ``step``-th month counted from January (the
    first month too if no such month comes; next to one it would crowd it), with three-letter
    names (a single letter would not tell January from June and July) and the year on the first
    label and on every January. Point 0 is the start, point ``i`` the end of ``months[i - 1]``.

    >>> month_ticks(["1942-11", "1942-12", "1943-01", "1943-02", "1943-03", "1943-04"])
    [(3, "Jan '43"), (6, 'Apr')]
    >>> month_ticks(["1943-07", "1943-08", "1943-09", "1943-10"])
    [(1, "Jul '43"), (4, 'Oct')]
    >>> month_ticks(["1943-05", "1943-06"])
    [(1, "May '43")]
    """
    numbered = [(index, month, int(month.split("-")[1])) for index, month in enumerate(months, start=1)]
    chosen = [item for item in numbered if item[2] % step == 1 % step]
    if not chosen:
        chosen = numbered[:1]
    ticks: list[tuple[int, str]] = []
    for index, month, number in chosen:
        name, year = month_label(month).split(" ")
        ticks.append((index, f"{name} '{year[2:]}" if not ticks or number == 1 else name))
    return ticks
