"""Errors every command reports as a message and exit status 2, never as a traceback."""

from __future__ import annotations

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the command line or a file: printed as a message, exit status 2."""


def load_or_exit(path: str):
    """Load a scenario or raise UsageError with every problem listed."""
    from game.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as error:
        raise UsageError(f"the scenario has problems:\n{error}") from None
