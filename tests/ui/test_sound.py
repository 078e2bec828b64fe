"""Sound cues: synthesised, played only when sound is on, never fatal without audio."""

from __future__ import annotations

import numpy as np

from game.ui.screens.main import MainScreen
from game.ui.sound import CUES, RATE, Sounds, synthesise


def test_cues_are_soft_sixteen_bit_tones_of_the_right_length() -> None:
    samples = synthesise(CUES["choice"])
    expected = sum(int(RATE * seconds) + int(RATE * 0.02) for _, seconds in CUES["choice"])
    assert samples.dtype == np.int16 and len(samples) == expected
    assert 0 < np.abs(samples).max() <= 32767 * 0.25 + 1
    assert samples[0] == 0  # faded in: no click


def test_muted_sounds_never_open_the_mixer() -> None:
    sounds = Sounds(enabled=False)
    sounds.play("choice")
    assert sounds.played == []


def test_with_sound_on_a_decision_and_a_new_month_are_heard(pilot) -> None:
    pilot.app.sounds.enabled = True
    pilot.press("return")
    pilot.press("return")
    main = pilot.screen
    assert isinstance(main, MainScreen)
    pilot.click(pilot.button("Continue"))  # the briefing
    pilot.click(pilot.button("Confirm orders"))
    for _ in range(40):
        if main.deck.card.kind == "event":
            pilot.click(pilot.button("1"))
            break
        standing = main.deck.card.kind == "standing"
        pilot.click(pilot.button("Confirm orders") if standing else pilot.button("Continue"))
    played = pilot.app.sounds.played
    assert pilot.app.sounds.enabled and played[:2] == ["month", "choice"]
