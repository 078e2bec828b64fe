"""Short sound cues, synthesised with numpy: no sound files, nothing to license or download.

Three cues: a decision taken, a new month, and time up on a lesson clock. The mixer is
opened only when sound is switched on, so a muted game (the default, and the classroom's
usual choice) never touches the audio device.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050

#: cue name -> list of (frequency in Hz, duration in seconds) notes played in sequence
CUES: dict[str, list[tuple[float, float]]] = {
    "choice": [(660.0, 0.06), (880.0, 0.08)],
    "month": [(440.0, 0.12), (554.4, 0.12), (659.3, 0.22)],
    "time_up": [(392.0, 0.18), (392.0, 0.18), (311.1, 0.35)],
}


def synthesise(notes: list[tuple[float, float]], rate: int = RATE, volume: float = 0.25) -> np.ndarray:
    """Mono 16-bit samples for a sequence of soft sine notes with short fades (no clicks)."""
    parts = []
    for frequency, seconds in notes:
        count = int(rate * seconds)
        time = np.arange(count) / rate
        fade = np.minimum(1.0, np.minimum(time, seconds - time) / 0.01)
        parts.append(np.sin(2 * np.pi * frequency * time) * fade)
        parts.append(np.zeros(int(rate * 0.02)))
    wave = np.concatenate(parts) * volume
    return (wave * 32767).astype(np.int16)


class Sounds:
    """Plays cues when enabled; failing audio switches sound off instead of crashing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.played: list[str] = []  # what was played, for tests

    def play(self, cue: str) -> None:
        """Play a cue by name if sound is on."""
        if not self.enabled:
            return
        sound = self._sounds.get(cue) or self._make(cue)
        if sound is not None:
            sound.play()
            self.played.append(cue)

    def _make(self, cue: str) -> pygame.mixer.Sound | None:
        try:
            if pygame.mixer.get_init() is None:
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            mixer = pygame.mixer.get_init()
            if mixer is None:
                return None
            channels = mixer[2]
            samples = synthesise(CUES[cue])
            if channels > 1:
                samples = np.repeat(samples[:, None], channels, axis=1)
            sound = pygame.sndarray.make_sound(np.ascontiguousarray(samples))
        except (pygame.error, KeyError, ValueError):
            self.enabled = False
            return None
        self._sounds[cue] = sound
        return sound
