"""The turn engine: batches of states, one monthly step, seeded streams, the cause log."""

from game.engine.causes import Cause, CauseLog
from game.engine.core import (
    ASK,
    ONGOING,
    Batch,
    Engine,
    EventRequest,
    MonthContext,
    Player,
    Request,
    RequestKind,
    StandingRequest,
    month_rng,
    state_hash,
)

__all__ = [
    "ASK",
    "ONGOING",
    "Batch",
    "Cause",
    "CauseLog",
    "Engine",
    "MonthContext",
    "EventRequest",
    "Player",
    "Request",
    "RequestKind",
    "StandingRequest",
    "month_rng",
    "state_hash",
]
