"""Player settings for the window, kept as JSON in the platform's config folder.

Settings are read leniently (a damaged or hand-edited file falls back to defaults field by
field, so a typo never stops the game from starting) and written atomically with the
same routine as saves, so a crash mid-write cannot leave half a file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game.keys import DEFAULT_KEYS
from game.paths import config_dir
from game.saves import write_atomically

UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
TEXT_SIZES = ("normal", "large")
WINDOW_MODES = ("windowed", "fullscreen")



@dataclass
class Settings:
    """Everything the player can change in the settings screen (and keys in the file)."""

    ui_scale: float = 1.0
    text_size: str = "normal"
    colour_blind_safe: bool = True
    high_contrast: bool = False
    sound: bool = False
    window_mode: str = "windowed"
    show_advisor: bool = True
    #: the guided first month on a new single-player game (How to play can always show it again)
    guided_tour: bool = True
    width: int = 1280
    height: int = 720
    keys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))

    @property
    def text_factor(self) -> float:
        """How much larger text is than at 100% normal size (drives row heights in layouts)."""
        return self.ui_scale * (1.25 if self.text_size == "large" else 1.0)

    def key_for(self, action: str) -> str:
        """The key name bound to an action."""
        return self.keys.get(action, DEFAULT_KEYS.get(action, ""))


def settings_path() -> Path:
    """Where the settings file lives (follows SEPARATE_PEACE_HOME)."""
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; any missing or invalid field keeps its default."""
    path = path or settings_path()
    settings = Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return settings
    if not isinstance(data, dict):
        return settings
    defaults = asdict(settings)
    for item in fields(Settings):
        if item.name not in data:
            continue
        value = data[item.name]
        if item.name == "keys":
            if isinstance(value, dict):
                settings.keys.update({str(k): str(v).lower() for k, v in value.items() if k in DEFAULT_KEYS})
            continue
        if type(value) is type(defaults[item.name]) or (isinstance(defaults[item.name], float)
                                                         and isinstance(value, int)):
            setattr(settings, item.name, value)
    settings.ui_scale = min(UI_SCALES, key=lambda s: abs(s - float(settings.ui_scale)))
    if settings.text_size not in TEXT_SIZES:
        settings.text_size = "normal"
    if settings.window_mode not in WINDOW_MODES:
        settings.window_mode = "windowed"
    settings.width = max(800, min(int(settings.width), 7680))
    settings.height = max(600, min(int(settings.height), 4320))
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically; returns the path."""
    path = path or settings_path()
    write_atomically(path, json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n")
    return path
