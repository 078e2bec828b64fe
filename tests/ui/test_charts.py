"""The debrief's charts on screen agree with the printed debrief: line styles and month labels."""

from __future__ import annotations

import dataclasses

import matplotlib.axes

from game.classroom.debrief_pdf import debrief_data, draw_charts
from game.ui.widgets.charts import chart_vars, month_ticks, render_charts


def test_month_labels_tell_january_june_and_july_apart_and_carry_the_year(scenario):
    ticks = month_ticks([str(m) for m in scenario.months])
    labels = [label for _, label in ticks]
    assert len(set(labels)) == len(labels)
    assert all(label[:3] in {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
               for label in labels)
    index, first = ticks[0]
    assert first == f"{first[:3]} '{str(scenario.months[index - 1])[2:4]}"  # the first label has its year
    january = [label for label in labels if label.startswith("Jan")]
    assert january and all(label.endswith("'43") for label in january)
    assert any(len(label) == 3 for label in labels)  # other months go without the year
    assert [index for index, _ in ticks] == sorted(index for index, _ in ticks)
    assert all(b - a >= 3 for (a, _), (b, _) in zip(ticks, ticks[1:], strict=False))  # never crowded
    assert month_ticks(["1943-05", "1943-06"]) == [(1, "May '43")]
    assert month_ticks(["1943-12", "1944-01", "1944-02", "1944-03", "1944-04"]) == [(2, "Jan '44"), (5, "Apr")]


def _styles(monkeypatch, draw) -> dict[str, tuple[str, str]]:
    """The label → (line style, marker) of every line ``draw`` plots."""
    seen: dict[str, tuple[str, str]] = {}
    plot = matplotlib.axes.Axes.plot

    def spy(self, *args, **kwargs):
        lines = plot(self, *args, **kwargs)
        for line in lines:
            seen[line.get_label()] = (line.get_linestyle(), line.get_marker())
        return lines

    monkeypatch.setattr(matplotlib.axes.Axes, "plot", spy)
    draw()
    monkeypatch.setattr(matplotlib.axes.Axes, "plot", plot)
    return seen


def test_the_screen_legend_draws_each_course_as_the_printed_debrief_does(pilot, monkeypatch):
    pilot.new_game()
    table = pilot.screen.table
    scenario = table.scenario
    values = {var: [scenario.variables[scenario.column(var)].start] * 3 for var in chart_vars(scenario)}
    data = dataclasses.replace(debrief_data(table.session), own=values, twin=values)
    paper = _styles(monkeypatch, lambda: draw_charts(scenario, data, 500))
    screen = _styles(monkeypatch, lambda: render_charts(scenario, values, values, (900, 500)))
    assert set(paper) == {"your game", "as in 1943", "history"}
    pairs = {label: next(name for name in paper if label.startswith(name)) for label in screen}
    assert sorted(pairs.values()) == sorted(paper)  # every course of the paper is on screen
    for label, name in pairs.items():
        assert screen[label] == paper[name], label
    assert paper["as in 1943"][0] == "--" and paper["history"][0] == ":"
