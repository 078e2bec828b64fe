"""Measuring text against the box it is drawn in, for the layout test and the screens.

One place decides whether a piece of text fits a width, so the screens that choose
between a long and a short wording (the layout giving way) and the test that fails on
any cut text measure the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

ELLIPSIS = "…"


def fits(face, text: str, width: int) -> bool:
    """True when ``text`` drawn with ``face`` is no wider than ``width`` pixels."""
    return face.size(text)[0] <= width


def fit_text(face, text: str, width: int) -> str:
    """``text`` shortened with an ellipsis until ``face.size`` says it fits in ``width``."""
    if fits(face, text, width):
        return text
    while text and face.size(text + ELLIPSIS)[0] > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def first_fitting(face, variants: Sequence[str], width: int) -> str:
    """The first (longest, most helpful) wording that fits; the shortest when none does.

    The screens offer a few wordings of a label ("Confirm orders and begin the month (C)",
    "Confirm orders (C)", "Confirm (C)") instead of cutting one with an ellipsis.
    """
    for text in variants:
        if fits(face, text, width):
            return text
    return variants[-1]


def wrap_lines(face, text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels (a longer single word keeps its line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if fits(face, candidate, width) or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines
