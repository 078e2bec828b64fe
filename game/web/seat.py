"""What each page of a class game shows: one seat's view, the room's, the teacher's.

The web front end decides nothing about what a team may know: a team's page renders
the :class:`~game.table.SeatView` its :class:`~game.table.Observer` builds (the rules
are in :mod:`game.table.knowledge`), and the projector shows only what every power
knows, by asking the same rules for each power. This module adds what is the web's own:
team colours and shapes, the channels a team may write on and the notes it may read
(the scenario's ``[[channels]]``), and the task of a team that waits (:mod:`game.web.task`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from game.briefing import ending_thresholds
from game.debrief import sent_notes
from game.scenario.model import Scenario
from game.session import Session
from game.story import history_phrase
from game.table import Observer, Table, month_name
from game.table.seats import team_name
from game.table.view import CauseView
from game.ui.widgets.mapfacts import good_side
from game.web.mapsvg import front_shape
from game.web.task import waiting_task

#: the colours of the teams when the scenario names none (Okabe and Ito, colour-blind safe)
TEAM_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: the shapes that tell teams apart without colour
TEAM_SHAPES = ("circle", "square", "triangle")


def team_style(scenario: Scenario, power_id: str) -> dict[str, str]:
    """The name, colour and shape a team is shown with (the scenario's, where it gives them)."""
    index = [p.id for p in scenario.powers].index(power_id)
    power = scenario.power(power_id)
    team = team_name(scenario, power_id)
    return {
        "power": power_id,
        "name": power.name,
        "team": team,
        "title": team[:1].upper() + team[1:],
        "colour": getattr(power, "colour", "") or TEAM_COLOURS[index % len(TEAM_COLOURS)],
        "shape": getattr(power, "shape", "") or TEAM_SHAPES[index % len(TEAM_SHAPES)],
        "player": getattr(power, "player", "") or "",
    }


def front(scenario: Scenario, variables: list[dict], power: str | None = None) -> dict | None:
    """The map's front line: the scenario's front variable, where the viewer knows it.

    ``map`` is what the page draws over the countries (:mod:`game.web.mapsvg`): the front at
    the value this viewer knows, never a truer one; None when the scenario has no map, and
    the page draws a gauge of the variable with ``good`` (which end is good for the viewer).
    ``value`` None: the viewer does not know where the front stands, and the page says so.
    """
    presentation = getattr(scenario, "presentation", None)
    variable_id = getattr(presentation, "front_variable", "") if presentation is not None else ""
    if not variable_id:
        return None
    for row in variables:
        if row["id"] != variable_id:
            continue
        known = row["value"] is not None
        # a front the viewer does not know is said to be not known: no map line, no gauge mark
        return {"id": row["id"], "label": row["label"], "value": row["value"], "min": row["low"],
                "max": row["high"], "map": front_shape(scenario, row["value"]) if known else None,
                "good": good_side(scenario, power, variable_id),
                "marks": [{"value": value, "text": text} for value, text in ending_thresholds(scenario, variable_id)]}
    return None


def channels_view(scenario: Scenario, session: Session, power: str) -> list[dict]:
    """The channels the seat may write on, with whom they reach and how many notes are left."""
    rows = []
    for channel in scenario.channels:
        if power not in channel.powers:
            continue
        reach = [team_name(scenario, other) for other in channel.powers if other != power]
        rows.append({"id": channel.id, "label": channel.label, "to": reach, "text": channel.text,
                     "left": session.notes_left(channel.id, power) if not session.over else 0})
    return rows


def notes_view(scenario: Scenario, session: Session, power: str | None) -> list[dict]:
    """The notes the seat wrote or received: those on its channels (None: every note, for the teacher)."""
    return [{"month": note.month, "from": note.sender_team, "sender": note.sender, "channel": note.channel,
             "text": note.text} for note in sent_notes(scenario, session, reader=power)]


class PageObserver(Observer):
    """A seat's observer for a page: the same view, without the raw cause list.

    Pages ask "why?" one number at a time (:func:`why_view`), so the list of every known
    cause since the seat last decided, the costliest part of a view late in a game, is
    not built for each page after each change.
    """

    def causes(self) -> list[CauseView]:
        """No raw causes on a page (see the class docstring)."""
        return []


def seat_json(table: Table, power: str | None) -> dict:
    """The observer's view as JSON, without the raw cause list (pages ask "why?" one number at a time).

    :func:`plain` gives what ``SeatView.to_json`` gives, without ``dataclasses.asdict``'s
    deep copies (a view is built, sent and dropped).
    """
    result = plain(PageObserver(table, power).view())
    assert isinstance(result, dict)
    return result


#: the field names of each dataclass met by :func:`plain`
_FIELDS: dict[type, tuple[str, ...]] = {}
#: the types :func:`plain` passes through as they are
_ATOMS = frozenset((str, int, float, bool, type(None)))


def plain(value: Any) -> Any:
    """Dataclasses, enums, tuples and dicts as plain JSON values.

    Dispatches on the exact type (field names are looked up once per dataclass), since this
    runs over every view the server sends.
    """
    kind = type(value)
    if kind in _ATOMS:
        return value
    names = _FIELDS.get(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is list or kind is tuple:
        return [plain(item) for item in value]
    if kind is dict:
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return value.value
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        _FIELDS[kind] = tuple(fields)
        return plain(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def seat_view(table: Table, power: str) -> dict:
    """Everything one team's page shows: its observer's view, and the web's own parts."""
    scenario, session = table.scenario, table.session
    seat = seat_json(table, power)
    deciding = table.waiting_for if not session.over else None
    described = scenario.power(power)
    return {
        "role": "team",
        "seat": seat,
        "team": team_style(scenario, power),
        "deciding": team_style(scenario, deciding) if deciding else None,
        "front": front(scenario, seat["variables"], power),
        "task": waiting_task(table, power, deciding),
        "channels": channels_view(scenario, session, power),
        "notes": notes_view(scenario, session, power),
        "role_card": {"aims": described.aims, "fears": described.fears, "knows": described.knows},
        "sources": cited_sources(scenario, seat),
        "grades": dict(getattr(scenario, "grades", {})),
        "history_phrase": history_phrase(scenario),
    }


def cited_sources(scenario: Scenario, seat: dict) -> dict[str, str]:
    """The source line (the scenario's ``[[notes]]``) of every article note the seat's page cites."""
    sources = getattr(scenario, "note_sources", {})
    request = seat.get("request") or {}
    cited = list(request.get("notes", [])) + [n for item in seat.get("since", []) for n in item.get("notes", [])]
    return {str(n): sources[n] for n in sorted(set(cited)) if n in sources}


def why_view(table: Table, power: str, variable_id: str) -> dict | None:
    """Why one number moved, as the seat's observer tells it; None for a number it does not see."""
    if variable_id not in table.scenario.variable_ids:
        return None
    why = Observer(table, power).why(variable_id)
    if not why.known:
        return None
    return {"var": why.var, "label": why.label,
            "months": [{"month": m.month, "total": round(m.total, 1),
                        "causes": [{"label": line.label, "amount": round(line.amount, 1)} for line in m.lines]}
                       for m in why.months[-4:]]}


def public_view(table: Table, reveal: bool = False) -> dict:
    """The projector: what every power knows (calendar, map, news, whose turn); ``reveal``: everything.

    The room's observer (:meth:`game.table.Table.public`) says what is public."""
    scenario, session = table.scenario, table.session
    public = table.public().view()
    news = [{"month": item.month, "title": item.title} for item in public.news]
    deciding = table.waiting_for if not session.over else None
    return {
        "role": "projector",
        "title": scenario.title,
        "month": month_name(session.month),
        "turn": min(session.turn, len(scenario.months) - 1) + 1,
        "months": len(scenario.months),
        "calendar": [month_name(str(m)) for m in scenario.months],
        "deciding": team_style(scenario, deciding) if deciding else None,
        "front": front(scenario, [plain(row) for row in public.variables]),
        "news": news[-6:],
        "progress": lesson_progress(table),
        "revealed": all_variables(table) if reveal else None,
    }


def all_variables(table: Table) -> list[dict]:
    """Every shown variable as the teacher's observer has it (the whole state)."""
    return [plain(row) for row in Observer(table, None).variables()]


def lesson_progress(table: Table) -> dict | None:
    """Decisions asked of the teams so far, and how many a lesson allows (None outside lesson mode)."""
    lesson = table.lesson
    return {"asked": lesson.asked, "budget": lesson.budget} if lesson is not None else None


def teacher_view(table: Table) -> dict:
    """The console: the teacher's observer (everything) and every note."""
    scenario, session = table.scenario, table.session
    deciding = table.waiting_for if not session.over else None
    request = table.request
    card = None
    if request is not None and not session.over:
        card = {"title": request.event.title if request.event is not None else "Standing policies"}
    return {
        "month": month_name(session.month),
        "turn": min(session.turn, len(scenario.months) - 1) + 1,
        "months": len(scenario.months),
        "deciding": team_style(scenario, deciding) if deciding else None,
        "card": card,
        "variables": all_variables(table),
        "notes": notes_view(scenario, session, None),
        "progress": lesson_progress(table),
    }
