"""What a finished (or unfinished) game means: departures from history and judgements.

Shared by the terminal, the window and the printed debrief, so all three say the same:
how many decisions the class made and which team made each (:func:`class_decisions`,
:func:`decision_count_text`), where the teams left history and where the game kept a
team's earlier order (:func:`departure_sentence`), and how a change is labelled with the
span it covers (:func:`change_text`), with the reasons the teams gave (``session.remarks``)
and the notes they sent each other (:func:`sent_notes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.policies import Historical
from game.scenario.model import Branch, Effect, Scenario
from game.session import NOTE_MAX_CHARS, Note, Session, play_with_policy
from game.table.calendar import month_name
from game.table.knowledge import EVERYONE, reads_note
from game.table.seats import team_name
from game.untrusted import clean_line


@dataclass(frozen=True)
class Departure:
    """A decision where the player did not do what was done in 1943."""

    turn: int
    month: str
    kind: str
    id: str
    title: str
    chosen: str
    historical: str
    notes: tuple[int, ...]
    evidence: str
    #: the power whose team (or lesson mode on its behalf) made the choice
    power: str = ""
    #: set by lesson mode, not by the team (a lever kept where the team last left it)
    auto: bool = False


def departures(scenario: Scenario, session: Session) -> list[Departure]:
    """Every choice of the session that differs from the historical one."""
    result = []
    for choice in session.history:
        month = str(scenario.months[choice.turn])
        if choice.kind == "standing":
            policy = scenario.policy(choice.id)
            historical = policy.options[policy.historical[choice.turn]]
            chosen = policy.options[policy.option_index(choice.option)]
            if chosen.id != historical.id:
                result.append(Departure(choice.turn, month, "standing", policy.id, policy.label,
                                        chosen.label, historical.label, (), "", policy.power, choice.auto))
        else:
            event = scenario.event(choice.id)
            if event.historical is None:
                continue
            historical = event.options[event.historical]
            chosen = event.options[event.option_index(choice.option)]
            if chosen.id != historical.id:
                result.append(Departure(choice.turn, month, "event", event.id, event.title,
                                        chosen.label, historical.label, event.notes, event.evidence,
                                        event.power or "", choice.auto))
    return result


def historical_twin(session: Session) -> Session:
    """The same seed played with the historical choices of every power, to compare against."""
    scenario = session.scenario
    twin = Session(scenario, seed=session.seed, humans=scenario.human_powers or (scenario.powers[0].id,),
                   params=session.params)
    play_with_policy(twin, Historical())
    return twin


class Reading(float):
    """A variable's value at the end, with ``.history`` (the twin's) and ``.diff`` for templates."""

    history: float
    diff: float

    @classmethod
    def of(cls, value: float, history: float) -> Reading:
        reading = cls(value)
        reading.history = history
        reading.diff = value - history
        return reading


def judgements(scenario: Scenario, session: Session, twin: Session) -> dict[str, str]:
    """The debrief's judgements (the scenario's ``[[presentation.judgements]]``), against the twin."""
    state, base = session.state, history_figures(session, twin)
    readings = {var: Reading.of(value, base.get(var, 0.0)) for var, value in state.items()}
    row = session.batch.state[:1]
    params = session.engine.params
    turn = min(session.turn, len(scenario.months) - 1)
    result = {}
    for judgement in scenario.presentation.judgements:
        text = judgement.text.format(**readings)
        for condition, clause in judgement.clauses:
            if bool(condition.holds(row, params, turn)[0]):
                text += clause.format(**readings)
                break
        result[judgement.heading] = text
    return result


def epilogue(scenario: Scenario, ending_id: str | None) -> list[str]:
    """The epilogue told after the ending: the line for this ending first, then the conclusion.

    Empty when the scenario has no ``[epilogue]``. Each string is one paragraph.
    """
    if scenario.epilogue is None:
        return []
    paragraphs = [scenario.epilogue.title] if scenario.epilogue.title else []
    if ending_id and ending_id in scenario.epilogue.endings:
        paragraphs.append(scenario.epilogue.endings[ending_id])
    paragraphs += [" ".join(part.split()) for part in scenario.epilogue.text.split("\n\n") if part.strip()]
    return paragraphs


@dataclass(frozen=True)
class Decision:
    """One decision a team made: a month's standing orders (all levers at once) or an event card."""

    turn: int
    month: str
    power: str
    kind: str  # "standing" or "event"
    id: str  # the power id for standing orders, the event id for a card
    title: str
    #: what the team chose: the option, or for standing orders every lever as "Lever: option"
    chosen: str
    #: True if any part of it differs from what was done in 1943
    departed: bool
    notes: tuple[int, ...] = ()
    evidence: str = ""
    #: the team's own reason, as it typed it ("" when it gave none)
    reason: str = ""


def class_decisions(scenario: Scenario, session: Session) -> list[Decision]:
    """The decisions people made (lesson mode's automatic choices left out), in the order made.

    A month's standing orders are one decision, as lesson mode counts them
    (:func:`game.table.lesson.team_decisions`); its reason is the one kept with its
    first choice.
    """
    result: list[Decision] = []
    standing: dict[tuple[int, str], list[str]] = {}
    departed: dict[tuple[int, str], bool] = {}
    reasons = session.remarks
    for index, choice in enumerate(session.history):
        if choice.auto:
            continue
        month = str(scenario.months[choice.turn])
        if choice.kind == "standing":
            policy = scenario.policy(choice.id)
            key = (choice.turn, policy.power)
            option = policy.options[policy.option_index(choice.option)]
            away = option.id != policy.options[policy.historical[choice.turn]].id
            if key not in standing:
                standing[key] = []
                departed[key] = False
                result.append(Decision(choice.turn, month, policy.power, "standing", policy.power,
                                       "Standing orders", "", False, reason=reasons.reason_at(index)))
            if away:
                standing[key].append(f"{policy.label}: {option.label}")
            departed[key] = departed[key] or away
        else:
            event = scenario.event(choice.id)
            option = event.options[event.option_index(choice.option)]
            away = event.historical is not None and option.id != event.options[event.historical].id
            result.append(Decision(choice.turn, month, event.power or "", "event", event.id, event.title,
                                   option.label, away, event.notes, event.evidence, reasons.reason_at(index)))
    return [Decision(d.turn, d.month, d.power, d.kind, d.id, d.title,
                     _levers_text(standing[(d.turn, d.power)], scenario), departed[(d.turn, d.power)],
                     d.notes, d.evidence, d.reason) if d.kind == "standing" else d
            for d in result]


@dataclass(frozen=True)
class SentNote:
    """A note one team sent others, as the debrief tells it."""

    turn: int
    month: str  # "April 1943"
    sender: str  # power id
    sender_team: str  # "the Soviet team"
    to: tuple[str, ...]  # the teams it reached
    channel: str  # "through Stockholm"
    text: str
    #: what the channel's chances did with it, e.g. ("Word of the note leaks",); () if nothing happened
    happened: tuple[str, ...]
    #: False on a channel without chances (an open line that cannot leak)
    could_leak: bool

    @property
    def fate(self) -> str:
        """Whether it leaked, in words."""
        if not self.could_leak:
            return "open line: cannot leak"
        if not self.happened:
            return "did not leak"
        return "leaked: " + "; ".join(label[:1].lower() + label[1:] for label in self.happened)


def sent_notes(scenario: Scenario, session: Session, reader: str | None = EVERYONE) -> list[SentNote]:
    """The notes the teams sent, in the order sent, with what the channel's chances did to each;
    with a ``reader``, only the notes that power may read (those on its channels).

    The chances a note drew are the session's logged outcomes of its channel in its month,
    taken in the order the notes were sent and walked through the channel's effects the
    way the engine applies them (a nested chance is drawn only on the branch taken). The
    text is a pupil's and is cleaned again here.
    """
    pending: dict[tuple[int, str], list[tuple[str, bool]]] = {}
    for turn, source, label, yes in session.log.outcomes:
        pending.setdefault((turn, source), []).append((label, yes))
    result = []
    for note in session.notes:
        try:
            channel = scenario.channel(note.channel)
        except KeyError:
            continue
        if not reads_note(scenario, reader, channel.id):
            continue
        drawn = pending.get((note.turn, channel.id), [])
        happened = _walk_chances(channel.effects, drawn)
        result.append(SentNote(
            note.turn, month_name(str(scenario.months[min(note.turn, len(scenario.months) - 1)])), note.sender,
            team_label(scenario, note.sender),
            tuple(team_label(scenario, power) for power in channel.powers if power != note.sender),
            channel.label, _note_text(note), tuple(happened), _has_chance(channel.effects)))
    return result


def _note_text(note: Note) -> str:
    return clean_line(note.text, NOTE_MAX_CHARS)


def _walk_chances(effects: tuple[Effect, ...], drawn: list[tuple[str, bool]]) -> list[str]:
    """Take from ``drawn`` (consumed in place) the outcomes ``effects`` logged; the labels that happened."""
    happened: list[str] = []
    for effect in effects:
        if not isinstance(effect, Branch) or not drawn:
            continue
        label, yes = drawn[0]
        if label != effect.label:
            break  # the log does not match the channel (an edited scenario): say nothing rather than guess
        drawn.pop(0)
        if yes:
            happened.append(label)
        happened += _walk_chances(effect.then if yes else effect.orelse, drawn)
    return happened


def _has_chance(effects: tuple[Effect, ...]) -> bool:
    return any(isinstance(effect, Branch) for effect in effects)


def _levers_text(away: list[str], scenario: Scenario) -> str:
    """Standing orders in words: the levers set away from history, or that all were as in history."""
    as_in = scenario.presentation.as_in_history
    if not away:
        return f"Every lever {as_in}"
    return "; ".join(away) + f"; the other levers {as_in}"


def team_label(scenario: Scenario, power: str) -> str:
    """"the Soviet team" for ``ussr``: the power's ``team`` field when the scenario has one."""
    return team_name(scenario, power)


def decision_count_text(scenario: Scenario, session: Session) -> str:
    """"The class made 15 decisions: the Soviet team 5 (2 away from history), ..." plus what the game set."""
    made = class_decisions(scenario, session)
    if not made:
        return f"No team made a decision: every choice was taken {scenario.presentation.as_in_history}."
    parts = []
    for power in scenario.powers:
        own = [d for d in made if d.power == power.id]
        if own:
            away = sum(1 for d in own if d.departed)
            parts.append(f"{team_label(scenario, power.id)} {len(own)} ({away} away from history)")
    automatic = len({(choice.turn, choice.kind, scenario.policy(choice.id).power if choice.kind == "standing"
                      else choice.id) for choice in session.history if choice.auto})
    plural = "s" if len(made) != 1 else ""
    if len(parts) > 1:
        text = f"The class made {len(made)} decision{plural}: {'; '.join(parts)}."
    else:
        away = sum(1 for d in made if d.departed)
        text = (f"{upper_first(team_label(scenario, made[0].power))} made {len(made)} decision{plural} "
                f"({away} away from history).")
    if automatic:
        text += (f" The game kept to history for the other {automatic} choice{'s' if automatic != 1 else ''} "
                 "(a month's standing orders count as one), except that a lever a team had changed stayed "
                 "where the team left it.")
    return text


def upper_first(value: str) -> str:
    """The first letter in capitals, the rest untouched ("the Soviet team" -> "The Soviet team")."""
    return value[:1].upper() + value[1:]


def departure_sentence(scenario: Scenario, item: Departure | Any) -> str:
    """One departure in words, saying who set it: the team, or the game keeping the team's order.

    ``item`` is a :class:`Departure` or anything with its ``power``, ``auto``, ``kind``,
    ``chosen`` and ``historical`` (the classroom's merged :class:`~game.classroom.paths.PathStep`).
    """
    team = team_label(scenario, item.power) if item.power else "the team"
    if not item.auto:
        return f"{upper_first(team)} chose “{item.chosen}” where history saw “{item.historical}”."
    if item.kind == "standing":
        return f"The game kept {team}'s earlier order “{item.chosen}” (history saw “{item.historical}”)."
    return f"The game took “{item.chosen}”: the historical option “{item.historical}” was not open."


def change_text(label: str, value: float, before: float, since: str) -> str:
    """A number with its change and the span the change covers.

    >>> change_text("Second front", 15, 50, "Jun 1943")
    'Second front 15 (▼35 since Jun 1943)'
    >>> change_text("Front line", 66, 66, "Nov 1942")
    'Front line 66 (no change since Nov 1942)'
    """
    change = value - before
    if abs(change) < 0.5:
        return f"{label} {value:.0f} (no change since {since})"
    arrow = "▲" if change > 0 else "▼"
    return f"{label} {value:.0f} ({arrow}{abs(change):.0f} since {since})"


def history_figures(session: Session, twin: Session) -> dict[str, float]:
    """The figures "history" stands for in the debrief and the class report: the same seed played
    with the choices of 1943, at the month this game ended (one source for both printouts)."""
    turn = len(session.months) - 1
    if turn < 0 or not twin.months:
        return dict(twin.state)
    return dict(twin.months[min(turn, len(twin.months) - 1)].state)
