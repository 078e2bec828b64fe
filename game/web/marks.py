"""Where each team last decided, kept in the room's file so a restarted server forgets nothing.

A team's page says what changed "since you last decided" and what its last decision did.
The table keeps that bookkeeping (:class:`~game.table.table.SeatMark`,
:class:`~game.table.table.LastAnswer` and the framing notes each team has read) in memory
only; a save replays the choices, not what each seat had seen. The room writes it here
beside the game and puts it back after a restart.

The room file is untrusted on the way back: every field is checked against the game it
belongs to, and a part that does not fit raises :class:`MarksError` naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.remarks import clean_reason
from game.session import Choice
from game.table import Table
from game.table.table import LastAnswer, SeatMark

#: the longest framing note kept as read (the scenario's are a few sentences)
MAX_FRAMING = 2000


class MarksError(ValueError):
    """A part of the saved marks that does not fit the game; the message names the key."""


def marks_json(table: Table) -> dict[str, Any]:
    """The seats' bookkeeping as plain JSON data."""
    return {
        "marks": {power: {"turn": m.turn, "month": m.month, "fired": m.fired, "causes": m.causes,
                          "history": m.history, "state": dict(m.state), "orders": dict(m.orders)}
                  for power, m in table.marks.items()},
        "last": {power: {"turn": a.turn, "kind": a.kind, "sources": list(a.sources),
                         "choices": [c.to_json() for c in a.choices], "causes_from": a.causes_from,
                         "outcomes_from": a.outcomes_from, "reason": a.reason}
                 for power, a in table.last.items()},
        "framed": sorted([power, text] for power, text in table.framed if power is not None),
    }


def restore_marks(table: Table, data: object) -> None:
    """Put saved bookkeeping back on ``table``; MarksError (naming the key) when it does not fit.

    Nothing is changed on the table unless the whole of ``data`` fits.
    """
    if not isinstance(data, Mapping):
        raise MarksError("'seats' must be a table of the teams' marks")
    marks = {power: _mark(table, power, value) for power, value in _teams(table, data, "marks").items()}
    last = {power: _last(table, power, value) for power, value in _teams(table, data, "last").items()}
    framed = _framed(table, data.get("framed", []))
    table.marks.update(marks)
    table.last.update(last)
    table.framed |= framed


def _teams(table: Table, data: Mapping, key: str) -> Mapping:
    value = data.get(key, {})
    if not isinstance(value, Mapping) or not set(value) <= set(table.session.humans):
        raise MarksError(f"'seats.{key}' must name only the teams of the game")
    return value


def _count(value: object, key: str, most: int, least: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
        raise MarksError(f"'{key}' must be a whole number from {least} to {most}")
    return value


def _mark(table: Table, power: str, value: object) -> SeatMark:
    session, scenario = table.session, table.scenario
    key = f"seats.marks.{power}"
    if not isinstance(value, Mapping):
        raise MarksError(f"'{key}' must be a table")
    month = value.get("month")
    if month not in {str(m) for m in scenario.months}:
        raise MarksError(f"'{key}.month' must be a month of the scenario")
    state = value.get("state")
    if not isinstance(state, Mapping) or not set(state) <= set(scenario.variable_ids) or not all(
            v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in state.values()):
        raise MarksError(f"'{key}.state' must give numbers (or null) for variables of the scenario")
    orders = value.get("orders")
    policies = {p.id: len(p.options) for p in scenario.policies}
    if not isinstance(orders, Mapping) or not set(orders) <= set(policies) or not all(
            _count(index, f"{key}.orders.{policy}", policies[policy] - 1) >= 0 for policy, index in orders.items()):
        raise MarksError(f"'{key}.orders' must give an option number for standing policies of the scenario")
    return SeatMark(
        turn=_count(value.get("turn"), f"{key}.turn", len(scenario.months) - 1, -1), month=str(month),
        fired=_count(value.get("fired"), f"{key}.fired", len(session.log.fired)),
        causes=_count(value.get("causes"), f"{key}.causes", len(session.log.causes)),
        history=_count(value.get("history"), f"{key}.history", len(session.history)),
        state={str(k): (float(v) if v is not None else None) for k, v in state.items()},
        orders={str(k): int(v) for k, v in orders.items()})


def _last(table: Table, power: str, value: object) -> LastAnswer:
    session, scenario = table.session, table.scenario
    key = f"seats.last.{power}"
    if not isinstance(value, Mapping):
        raise MarksError(f"'{key}' must be a table")
    kind = value.get("kind")
    sources = value.get("sources")
    known = {p.id for p in scenario.policies} if kind == "standing" else {e.id for e in scenario.events}
    if kind not in ("standing", "event") or not isinstance(sources, list) or not all(
            isinstance(s, str) and s in known for s in sources):
        raise MarksError(f"'{key}' must name the kind and the cards or policies of a decision of the scenario")
    raw = value.get("choices")
    if not isinstance(raw, list) or len(raw) > len(session.history):
        raise MarksError(f"'{key}.choices' must be a list of the game's choices")
    try:
        choices = [Choice.from_json(item) for item in raw]
    except ValueError as error:
        raise MarksError(f"'{key}.choices': {error}") from None
    if any(choice not in session.history for choice in choices):
        raise MarksError(f"'{key}.choices' must be choices the game made")
    reason = value.get("reason", "")
    if not isinstance(reason, str):
        raise MarksError(f"'{key}.reason' must be text")
    reason = clean_reason(reason)
    return LastAnswer(_count(value.get("turn"), f"{key}.turn", len(scenario.months) - 1), str(kind),
                      tuple(sources), choices,
                      _count(value.get("causes_from"), f"{key}.causes_from", len(session.log.causes)),
                      _count(value.get("outcomes_from"), f"{key}.outcomes_from", len(session.log.outcomes)),
                      reason)


def _framed(table: Table, value: object) -> set[tuple[str | None, str]]:
    humans = set(table.session.humans)
    if not isinstance(value, list) or not all(
            isinstance(item, list) and len(item) == 2 and item[0] in humans and isinstance(item[1], str)
            and len(item[1]) <= MAX_FRAMING for item in value):
        raise MarksError("'seats.framed' must be a list of [team, framing note] pairs")
    return {(str(power), text) for power, text in value}
