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


def play_options(args, scenario) -> tuple[tuple[str, ...], float | None]:
    """The powers people play and the turn timer, from ``play``'s ``--human`` and ``--timer``.

    Shared by the terminal and the window so both refuse the same bad input the same way.
    """
    from game.table.seats import parse_humans

    try:
        humans = parse_humans(getattr(args, "human", None), scenario)
    except ValueError as error:
        raise UsageError(f"--human: {error}") from None
    timer = getattr(args, "timer", None)
    if timer is not None and timer <= 0:
        raise UsageError(f"--timer: give the seconds a team has for a decision (more than 0), not {timer}")
    return humans, timer
