"""The policies a power can be played by, looked up by name.

``historical``, ``random`` and ``computer`` work for any power. ``loyal``,
``peace_seeker`` and ``appeaser`` are counterfactual Stalins, defined by the option
tags of the scenario (docs/lab.md).
"""

from __future__ import annotations

from game.policies.base import (
    ComputerPlayer,
    Deviating,
    Historical,
    Policy,
    RandomChoice,
    TagPreference,
    best_available,
)

STALIN_STRATEGIES: dict[str, tuple[dict[str, float], str]] = {
    "loyal": (
        {"channel_closed": 2, "channel_open": -2, "cordial_west": 1, "accept_berlin_price": -3,
         "hold_frontier": 1, "loyal": 2, "deal": -3},
        "Never opens the Berlin channel and stays cordial to the West.",
    ),
    "peace_seeker": (
        {"channel_probe": 2, "channel_open": 1, "channel_closed": -2, "hold_frontier": 2,
         "accept_berlin_price": -2, "court_hitler": 1, "deal": 1},
        "Opens the channel, courts whichever German partner is available, holds to the 1941 frontier.",
    ),
    "appeaser": (
        {"channel_probe": 2, "channel_open": 1, "channel_closed": -2, "accept_berlin_price": 3,
         "hold_frontier": -2, "court_hitler": 1, "deal": 2},
        "Opens the channel and accepts Berlin's price.",
    ),
}

POLICY_NAMES = ("historical", "random", "computer", *STALIN_STRATEGIES)


def make_policy(name: str) -> Policy:
    """A policy by name; raise KeyError naming the choices if there is none."""
    if name == "historical":
        return Historical()
    if name == "random":
        return RandomChoice()
    if name == "computer":
        return ComputerPlayer()
    if name in STALIN_STRATEGIES:
        prefer, description = STALIN_STRATEGIES[name]
        return TagPreference(name, prefer, description)
    raise KeyError(f"unknown policy {name!r}; choose from {', '.join(POLICY_NAMES)}")


__all__ = [
    "POLICY_NAMES",
    "ComputerPlayer",
    "Deviating",
    "Historical",
    "Policy",
    "RandomChoice",
    "STALIN_STRATEGIES",
    "TagPreference",
    "best_available",
    "make_policy",
]
