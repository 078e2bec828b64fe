"""The screens of the window: title, main, debrief, settings, load, sources and overlays."""
