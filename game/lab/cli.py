"""Command-line entry points of the lab (``lab`` and ``sweep``)."""

from __future__ import annotations

import argparse


def add_lab_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``lab`` and ``sweep`` on the main parser."""
    lab = commands.add_parser("lab", help="run many games with a policy and summarise them")
    lab.add_argument("--policy", default="historical")
    lab.add_argument("--runs", type=int, default=1000)
    lab.add_argument("--seed", type=int, default=1)
    lab.set_defaults(handler=_not_ready)
    sweep = commands.add_parser("sweep", help="sweep model parameters")
    sweep.set_defaults(handler=_not_ready)


def _not_ready(args: argparse.Namespace) -> int:
    from game.errors import UsageError

    raise UsageError("the lab is not built yet")
