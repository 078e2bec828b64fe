"""What each page of a class game may show: one seat's view, the room's, the teacher's.

This is the one module of the web front end that decides what a seat may know. It
builds plain JSON-ready dicts from a :class:`~game.engine.session.Session`, using the
information rules of :mod:`game.classroom.visibility` (hidden variables) and one rule
for events: a team hears of its own cards, and of cards nobody decides whose every
effect touches only numbers the team can see. Decisions of other powers are not told.
When the table's per-seat observer replaces these rules, this file is the one to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.classroom.lesson import Lesson
from game.classroom.teams import team_name
from game.classroom.visibility import visible_state
from game.engine.core import Request
from game.engine.session import Session
from game.scenario.model import Branch, Change, Effect, Event, Scenario

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
#: the colours of the teams when the scenario names none (Okabe and Ito, colour-blind safe)
TEAM_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
#: the months of causes a page's "why?" tells
WHY_MONTHS = 3
#: the shapes that tell teams apart without colour
TEAM_SHAPES = ("circle", "square", "triangle")


@dataclass
class SeatMemory:
    """Where a seat stood when it last decided: what "since you last decided" starts from."""

    fired_seen: int = 0
    state_seen: dict[str, float | None] = field(default_factory=dict)

    def to_json(self) -> dict:
        """A plain dict for the room's file."""
        return {"fired_seen": self.fired_seen, "state_seen": self.state_seen}

    @classmethod
    def from_json(cls, data: object) -> SeatMemory:
        """Read a memory back; a damaged entry starts afresh rather than failing the room."""
        if not isinstance(data, dict):
            return cls()
        fired = data.get("fired_seen", 0)
        state = data.get("state_seen", {})
        if not isinstance(fired, int) or not isinstance(state, dict):
            return cls()
        clean = {str(k): (float(v) if isinstance(v, int | float) else None) for k, v in state.items()}
        return cls(max(0, fired), clean)


def month_name(month: str) -> str:
    """``1943-04`` as ``April 1943``."""
    year, number = month.split("-")[:2]
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


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


def changed_variables(effects: tuple[Effect, ...]) -> set[str]:
    """Every variable a list of effects can change, branches included."""
    found: set[str] = set()
    for effect in effects:
        if isinstance(effect, Change):
            found.add(effect.var)
        elif isinstance(effect, Branch):
            found |= changed_variables(effect.then) | changed_variables(effect.orelse)
    return found


def knows_event(event: Event, power: str | None, visible: dict[str, float | None]) -> bool:
    """True if ``power`` (None: the whole room) hears of ``event`` when it fires."""
    if event.power is not None:
        return power is not None and event.power == power
    touched = changed_variables(event.effects)
    for option in event.options:
        touched |= changed_variables(option.effects)
    return all(visible.get(var, 0.0) is not None for var in touched)


def front(scenario: Scenario, visible: dict[str, float | None]) -> dict | None:
    """The map's front line: the scenario's front variable, where it names one and it is known."""
    presentation = getattr(scenario, "presentation", None)
    variable_id = getattr(presentation, "front_variable", None) if presentation is not None else None
    if not variable_id:
        # a scenario without [presentation] maps its first shown variable
        variable_id = next((v.id for v in scenario.variables if not v.hidden), None)
    if not variable_id or visible.get(variable_id) is None:
        return None
    variable = scenario.variables[scenario.column(variable_id)]
    return {"id": variable.id, "label": variable.label, "value": visible[variable_id],
            "min": variable.min, "max": variable.max}


def variables_view(scenario: Scenario, visible: dict[str, float | None],
                   before: dict[str, float | None]) -> list[dict]:
    """The dashboard: each shown variable with its value (None: not known) and its trend."""
    rows = []
    for variable in scenario.variables:
        if variable.hidden or variable.id not in visible:
            continue
        value = visible[variable.id]
        old = before.get(variable.id)
        trend = round(value - old) if value is not None and old is not None else 0
        rows.append({"id": variable.id, "label": variable.label, "value": None if value is None else round(value),
                     "unit": variable.unit, "trend": trend, "description": variable.description})
    return rows


def why_view(scenario: Scenario, session: Session, power: str | None,
             visible: dict[str, float | None], only: str | None = None) -> dict[str, list[dict]]:
    """Why each known number moved in the last months; causes the seat may not know are pooled.

    Only the last :data:`WHY_MONTHS` months are told (a page shows no more), which also keeps
    the view's cost flat as the game's cause log grows.
    """
    result: dict[str, list[dict]] = {}
    since = session.turn - WHY_MONTHS + 1
    causes = session.log.causes
    start = len(causes)
    while start > 0 and causes[start - 1].turn >= since:
        start -= 1
    known: dict[tuple[str, str], bool] = {}
    names = [month_name(str(m)) for m in scenario.months]
    for cause in causes[start:]:
        if visible.get(cause.var) is None or (only is not None and cause.var != only):
            continue
        key = (cause.kind, cause.source)
        if key not in known:
            known[key] = cause_known(scenario, cause.kind, cause.source, power, visible)
        label = cause.label if known[key] else "Things you do not know of"
        months = result.setdefault(cause.var, [])
        month = names[cause.turn]
        if not months or months[-1]["month"] != month:
            months.append({"month": month, "total": 0.0, "causes": {}})
        entry = months[-1]
        entry["total"] += cause.amount
        entry["causes"][label] = entry["causes"].get(label, 0.0) + cause.amount
    for months in result.values():
        for entry in months:
            entry["total"] = round(entry["total"], 1)
            entry["causes"] = [{"label": k, "amount": round(v, 1)} for k, v in
                               sorted(entry["causes"].items(), key=lambda item: -abs(item[1]))[:4]]
    return result


def cause_known(scenario: Scenario, kind: str, source: str, power: str | None,
                visible: dict[str, float | None]) -> bool:
    """True if the seat may read what a cause was (its own policies, public events, the rules)."""
    if power is None:
        return True
    if kind == "policy":
        try:
            return scenario.policy(source).power == power
        except KeyError:
            return False
    if kind == "note":
        try:
            return power in scenario.channel(source).powers
        except KeyError:
            return False
    try:
        event = scenario.event(source)
    except KeyError:
        return kind == "rule"
    return knows_event(event, power, visible)


def since_view(scenario: Scenario, session: Session, power: str, memory: SeatMemory,
               visible: dict[str, float | None]) -> list[dict]:
    """What the seat heard of since it last decided: its own decisions told as outcomes, and news."""
    items = []
    for turn, event_id in session.log.fired[memory.fired_seen:]:
        event = scenario.event(event_id)
        if not knows_event(event, power, visible):
            continue
        item = {"month": month_name(str(scenario.months[turn])), "title": event.title, "text": ""}
        if event.power == power:
            taken = [o for t, e, o in session.log.choices if e == event.id and t == turn]
            if not taken:
                continue  # the card being decided now
            option = event.options[event.option_index(taken[-1])]
            item["text"] = getattr(option, "outcome", "") or f"You chose: {option.label}"
        items.append(item)
    return items[-12:]


def card_view(scenario: Scenario, request: Request) -> dict:
    """The card a deciding seat answers: an event with its options, or its standing policies."""
    if request.kind == "standing":
        policies = []
        for policy, current in zip(request.policies, request.current, strict=True):
            policies.append({"id": policy.id, "label": policy.label, "explain": policy.explain, "current": current,
                             "options": [{"index": i, "label": o.label, "hint": o.hint}
                                         for i, o in enumerate(policy.options)]})
        return {"kind": "standing", "title": "Your standing policies", "policies": policies}
    event = request.event
    assert event is not None
    options = [{"index": i, "label": o.label, "hint": o.hint}
               for i, o in enumerate(event.options) if request.available[i]]
    return {"kind": "event", "id": event.id, "title": event.title, "text": " ".join(event.text.split()),
            "date": event.date or month_name(str(scenario.months[request.turn])), "evidence": event.evidence,
            "notes": list(event.notes), "framing": event.framing, "options": options}


def why_one(scenario: Scenario, session: Session, power: str, variable_id: str) -> list[dict] | None:
    """Why one number moved, as the seat may know it; None when the seat does not see it.

    Pages ask for this when a student opens "why?", so views stay small.
    """
    visible = visible_state(scenario, session, power, internal=True)
    if visible.get(variable_id) is None:
        return None
    return why_view(scenario, session, power, visible, only=variable_id).get(variable_id, [])


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
    """The notes the seat wrote or received (None: every note, for the teacher and the debrief)."""
    rows = []
    for note in session.notes:
        try:
            channel = scenario.channel(note.channel)
        except KeyError:
            continue
        if power is not None and power not in channel.powers:
            continue
        rows.append({"month": month_name(str(scenario.months[note.turn])), "from": team_name(scenario, note.sender),
                     "sender": note.sender, "channel": channel.label, "text": note.text})
    return rows


def waiting_task(scenario: Scenario, power: str, deciding: str | None) -> str:
    """What a team does while another decides: a task from the lesson plan, and the notes."""
    if deciding is None:
        return ""
    other = team_name(scenario, deciding)
    return (f"{other[:1].upper() + other[1:]} is deciding. Meanwhile: read your role card's aims again, "
            f"agree as a team what you expect {other} to choose and why, and write a note on one of your "
            "channels if it could help you.")


def lesson_progress(session: Session) -> dict:
    """Decisions the teams have made so far, and how many a lesson allows."""
    lesson = session.lesson
    if isinstance(lesson, Lesson):
        return {"asked": lesson.asked, "budget": lesson.budget}
    return {"asked": sum(1 for c in session.history if not c.auto), "budget": None}


def seat_view(scenario: Scenario, session: Session, power: str, memory: SeatMemory) -> dict:
    """Everything one team's page shows: only what its power knew."""
    visible = visible_state(scenario, session, power, internal=True)
    request = session.pending if not session.over else None
    deciding = request.power if request is not None else None
    view = {
        "role": "team",
        "team": team_style(scenario, power),
        "month": month_name(session.month),
        "turn": min(session.turn, len(scenario.months) - 1) + 1,
        "months": len(scenario.months),
        "deciding": team_style(scenario, deciding) if deciding else None,
        "front": front(scenario, visible),
        "variables": variables_view(scenario, visible, memory.state_seen),
        "since": since_view(scenario, session, power, memory, visible),
        "card": card_view(scenario, request) if request is not None and deciding == power else None,
        "task": waiting_task(scenario, power, deciding) if deciding != power else "",
        "channels": channels_view(scenario, session, power),
        "notes": notes_view(scenario, session, power),
        "role_card": {"aims": scenario.power(power).aims, "fears": scenario.power(power).fears,
                      "knows": scenario.power(power).knows},
        "progress": lesson_progress(session),
    }
    return view


def public_view(scenario: Scenario, session: Session, reveal: bool = False) -> dict:
    """The projector: the calendar, the map, public news, whose turn (``reveal``: the whole state)."""
    everyone = visible_state(scenario, session, None, internal=True)
    public = public_state(scenario, session)
    request = session.pending if not session.over else None
    news = []
    for turn, event_id in session.log.fired:
        event = scenario.event(event_id)
        if knows_event(event, None, public):
            news.append({"month": month_name(str(scenario.months[turn])), "title": event.title})
    view = {
        "role": "projector",
        "title": scenario.title,
        "month": month_name(session.month),
        "turn": min(session.turn, len(scenario.months) - 1) + 1,
        "months": len(scenario.months),
        "calendar": [month_name(str(m)) for m in scenario.months],
        "deciding": team_style(scenario, request.power) if request is not None else None,
        "front": front(scenario, public),
        "news": news[-6:],
        "teams": [team_style(scenario, p) for p in session.humans],
        "progress": lesson_progress(session),
        "revealed": variables_view(scenario, everyone, {}) if reveal else None,
    }
    return view


def public_state(scenario: Scenario, session: Session) -> dict[str, float | None]:
    """The numbers every team sees: a variable hidden from any power is not public."""
    seen = [visible_state(scenario, session, power.id, internal=True) for power in scenario.powers]
    return {var: (seen[0][var] if all(s[var] is not None for s in seen) else None) for var in seen[0]}


def teacher_view(scenario: Scenario, session: Session) -> dict:
    """The console: the whole state and every note (the teacher sees everything)."""
    everyone = visible_state(scenario, session, None, internal=True)
    request = session.pending if not session.over else None
    return {
        "month": month_name(session.month),
        "turn": min(session.turn, len(scenario.months) - 1) + 1,
        "months": len(scenario.months),
        "deciding": team_style(scenario, request.power) if request is not None else None,
        "card": card_view(scenario, request) if request is not None else None,
        "variables": variables_view(scenario, everyone, {}),
        "notes": notes_view(scenario, session, None),
        "progress": lesson_progress(session),
    }
