"""A change is counted as a player counts it: the difference of the whole numbers shown."""

from __future__ import annotations

from game.table.view import VariableView, shown_difference
from game.text.terminal import _state_row


def test_a_change_is_the_difference_of_the_numbers_read() -> None:
    assert shown_difference(28.4, -1.2) == -2  # 30 → 28, although -1.2 rounds to -1
    assert shown_difference(20.4, 0.6) == 0  # 19.8 → 20.4 reads 20 → 20: no marker, not ▲+1
    assert shown_difference(47.0, 12.0) == 12


def test_every_front_end_marks_the_same_difference() -> None:
    channel = VariableView("berlin_channel", "Berlin channel", "", "", 28.4, -1.2, 0, 100)
    assert channel.moved == -2
    assert "   -2   (berlin_channel)" in _state_row(channel)
    unknown = VariableView("nazi_intransigence", "Nazi intransigence", "", "", None, None, 0, 100)
    assert unknown.moved == 0
