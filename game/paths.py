"""Where the game finds its files and keeps the player's.

Scenarios and assets live beside the package (the project is installed editable, as
the README says); saves and settings go to the platform's user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "1943.toml"
ASSETS = ROOT / "assets"
APP_NAME = "separate-peace-1943"


def data_dir() -> Path:
    """The folder for saves (SEPARATE_PEACE_HOME overrides it, for tests and classrooms)."""
    override = os.environ.get("SEPARATE_PEACE_HOME")
    base = Path(override) / "data" if override else Path(platformdirs.user_data_dir(APP_NAME))
    return base


def config_dir() -> Path:
    """The folder for settings (SEPARATE_PEACE_HOME overrides it)."""
    override = os.environ.get("SEPARATE_PEACE_HOME")
    return Path(override) / "config" if override else Path(platformdirs.user_config_dir(APP_NAME))


def saves_dir() -> Path:
    """The folder for saves and autosaves."""
    return data_dir() / "saves"
