"""Settings are JSON in the config folder, read leniently and written atomically."""

from __future__ import annotations

import json

from game.ui.settings import Settings, load_settings, save_settings, settings_path


def test_settings_round_trip_through_the_config_folder(home):
    settings = Settings(ui_scale=1.5, text_size="large", high_contrast=True, sound=True)
    settings.keys["timeline"] = "l"
    path = save_settings(settings)
    assert path == settings_path() and str(home) in str(path)
    loaded = load_settings()
    assert loaded.ui_scale == 1.5 and loaded.text_size == "large" and loaded.high_contrast
    assert loaded.key_for("timeline") == "l"


def test_a_damaged_settings_file_falls_back_field_by_field(home):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"ui_scale": 7, "text_size": "huge", "sound": "yes",
                                           "keys": {"glossary": "Q", "nonsense": "x"}}))
    loaded = load_settings()
    assert loaded.ui_scale == 2.0  # clamped to the nearest offered scale
    assert loaded.text_size == "normal" and loaded.sound is False
    assert loaded.key_for("glossary") == "q" and "nonsense" not in loaded.keys


def test_unreadable_settings_give_defaults(home):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json")
    assert load_settings() == Settings()
