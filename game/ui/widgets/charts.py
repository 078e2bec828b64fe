"""Debrief charts: the main variables over the year, yours against history.

Drawn with matplotlib (Agg, off screen) once when the debrief opens, then shown as a
surface. Each series has its own line style and marker as well as colour: yours solid
with circles, the scenario's reference course dashed with squares, the historical twin
(the same seed played as Stalin played it) dotted with triangles.
"""

from __future__ import annotations

import io

import pygame

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
    months = [str(m) for m in scenario.months]
    ticks = ["start"] + [_short(m) for m in months]
    fontsize = 8.5 * text_scale
    charts = chart_vars(scenario)
    axes = figure.subplots(2, max(1, (len(charts) + 1) // 2), squeeze=False)
    for ax, var in zip(axes.flat, charts, strict=False):
        variable = scenario.variables[scenario.column(var)]
        ax.set_facecolor(background)
        ax.set_title(variable.label, fontsize=fontsize + 1, color=ink, loc="left")
        series = yours.get(var, [])
        ax.plot(range(len(series)), series, "-o", color=_rgb(OKABE_ITO["vermillion"]), lw=2.2, ms=3.5,
                label="your game")
        reference = scenario.reference.get(var)
        if reference:
            ref = [variable.start] + list(reference)
            ax.plot(range(len(ref)), ref, "--s", color=ink, lw=1.4, ms=3, label="history (reference)")
        if twin.get(var):
            ax.plot(range(len(twin[var])), twin[var], ":^", color=_rgb(OKABE_ITO["blue"]), lw=1.6, ms=3.5,
                    label="history, same dice")
        ax.set_ylim(variable.min, variable.max)
        ax.set_xticks(range(0, len(ticks), 3), [ticks[i] for i in range(0, len(ticks), 3)])
        ax.tick_params(labelsize=fontsize - 1, colors=ink)
        for spine in ax.spines.values():
            spine.set_color(ink)
        ax.grid(True, alpha=0.25)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=3, fontsize=fontsize, frameon=False, labelcolor=ink)
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=background)
    buffer.seek(0)
    image = pygame.image.load(buffer, "charts.png")
    return image.convert() if pygame.display.get_surface() is not None else image


def _short(month: str) -> str:
    names = "JFMAMJJASOND"
    year, number = month.split("-")
    return f"{names[int(number) - 1]}{year[2:]}"
