"""Start the desktop window."""

from __future__ import annotations

import argparse


def run_window(args: argparse.Namespace) -> int:
    """Open the window (filled in by the desktop front end)."""
    from game.errors import UsageError

    raise UsageError("the window is not built yet; play in the terminal with: python -m game play --text")
