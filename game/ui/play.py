"""The played game as the window sees it: what card to show next, rewinds and branches.

This module knows nothing of pygame, so it is tested like the engine. The window shows
one card at a time: news of events that fired without the player's decision, then the
request the session is waiting on (a standing-policy review or an event), and at the
end the ending. Cards advance only when the player acts.

Several teams can share the window (hot-seat). The team at the screen is the
:attr:`Play.viewer`, the power of the request being answered; when it changes,
:attr:`Play.pending_handover` asks the window to hide everything and pass the keyboard.
Each team reads the news since it last looked, and sees the state as its power knew
it (:meth:`Play.visible`). In lesson mode the news between two of a team's decisions
come as one "Meanwhile, as in 1943" card.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.lesson import Lesson, historical_answer
from game.classroom.teams import team_name
from game.classroom.visibility import visible_state
from game.engine.core import Request, StandingRequest
from game.engine.session import Session
from game.paths import saves_dir
from game.saves import autosave
from game.scenario.model import Event, Scenario
from game.table.calendar import format_date, month_name
from game.ui.branches import Branch, write_branches

#: :attr:`Play.pending_handover` at the end of a hot-seat game: every team may look now
EVERYONE = "*"


@dataclass(frozen=True)
class Meanwhile:
    """One line of a "Meanwhile, as in 1943" card: an event, or a standing order taken as in history."""

    date: str
    title: str
    outcome: str = ""
    framing: str = ""
    turn: int = 0  # for the calendar order: a month's standing orders come before its events
    standing: bool = False


@dataclass(frozen=True)
class Moved:
    """One shown number a decision moved: from, to, and the causes with their amounts."""

    var: str
    before: float
    after: float
    causes: tuple[tuple[str, float], ...]


@dataclass
class Result:
    """What one decision did, told to the seat that took it (the result card)."""

    title: str  # the card or the month decided
    chosen: str  # the option label(s) chosen
    outcome: str  # the option's ``outcome`` text, if the scenario gives one
    chances: list[tuple[str, bool]]  # chance outcomes: (label, happened)
    moved: list[Moved]
    in_history: str  # what happened in history ("In 1943: ...")
    event: Event | None = None


@dataclass
class Card:
    """What the card area shows: briefing, news, meanwhile, result, event, standing or end."""

    kind: str
    event: Event | None = None
    request: Request | None = None
    decided_by: str = ""  # for news of another power's decision: "Germany chose: …"
    items: list[Meanwhile] = field(default_factory=list)  # the lines of a meanwhile card
    result: Result | None = None
    moved: list[Moved] = field(default_factory=list)  # for news: what the event moved that the seat sees


class Play:
    """Drives a session for the window: the card queue, autosaves and rewinds."""

    def __init__(self, scenario: Scenario, session: Session, autosave_dir: Path | None = None,
                 autosaving: bool = True, timer_seconds: float | None = None) -> None:
        self.scenario = scenario
        self.session = session
        self.autosave_dir = autosave_dir
        self.autosaving = autosaving
        #: seconds a team has for a decision in a class game (None: no timer)
        self.timer_seconds = timer_seconds
        #: (team, framing note) pairs already shown in a "Meanwhile" card
        self.framed: set[tuple[str | None, str]] = set()
        self.queue: deque[Card] = deque()
        self.branches: list[Branch] = []
        self._reset_viewers()
        self.saved_turn = session.turn
        self.start_state = {v.id: float(v.start) for v in scenario.variables}
        self.last_autosave: Path | None = None
        self.autosave_error = ""
        #: per power: the state as that power saw it just before its last decision, and what that decision was
        self.baseline: dict[str, dict[str, float | None]] = {}
        self.baseline_label: dict[str, str] = {}
        #: powers that have read the first-turn briefing
        self.briefed: set[str] = set() if session.turn == 0 and not session.history else set(session.humans)
        self.refresh()

    # -- who is looking --------------------------------------------------------------

    def _reset_viewers(self) -> None:
        session = self.session
        #: the power whose team is at the screen (None: everyone, once the year is over)
        self.viewer: str | None = None
        #: the team that must take the keyboard before the next card shows (EVERYONE at the end)
        self.pending_handover: str | None = None
        self.last_viewer: str | None = None
        fired = len(session.log.fired)
        taken = len(self.lesson.log) if self.lesson else 0
        self.seen_fired = {power: fired for power in session.humans}
        self.seen_taken = {power: taken for power in session.humans}
        self.shown_fired = fired

    @property
    def lesson(self) -> Lesson | None:
        """The lesson autopilot when the game is played in lesson mode."""
        lesson = self.session.lesson
        return lesson if isinstance(lesson, Lesson) else None

    @property
    def scenario_humans(self) -> set[str]:
        """The powers the scenario gives a person by default (a one-player game's own side)."""
        return {p.id for p in self.scenario.powers if p.human}

    @property
    def hot_seat(self) -> bool:
        """True when more than one team shares the window."""
        return len(self.session.humans) > 1

    @property
    def class_game(self) -> bool:
        """A game for a class: several teams, lesson mode or a turn timer. Rewinds and the advisor are off."""
        return self.hot_seat or self.lesson is not None or self.timer_seconds is not None

    @property
    def teacher(self) -> bool:
        """True when the teacher's commands apply (lesson mode, or a turn timer)."""
        return self.lesson is not None or self.timer_seconds is not None

    def team(self, power: str | None = None) -> str:
        """``the German team``; the viewer's team by default."""
        power = power or self.viewer
        return team_name(self.scenario, power) if power else "every team"

    def visible(self) -> dict[str, float | None]:
        """The state as the team at the screen knows it (None where a value is hidden)."""
        return visible_state(self.scenario, self.session, self.viewer)

    def handed_over(self) -> None:
        """The window showed the hand-over screen and the next team has the keyboard."""
        self.pending_handover = None

    # -- what to show ----------------------------------------------------------------

    @property
    def card(self) -> Card:
        """The card the player is looking at."""
        self.refresh()
        return self.queue[0]

    def refresh(self) -> None:
        """Fill the queue from the session when the player has read everything."""
        if self.queue:
            return
        request = self.session.step()
        self._autosave_if_new_month()
        pending_event = request.event.id if request is not None and request.kind == "event" else None
        self._turn_to(request.power if request is not None else None)
        self._queue_news(pending_event)
        if request is None:
            self.queue.append(Card("end"))
        else:
            if request.power not in self.briefed:
                self.briefed.add(request.power)
                self.queue.append(Card("briefing", request=request))
            self.queue.append(Card(request.kind, event=request.event, request=request))

    def _turn_to(self, power: str | None) -> None:
        """The team of ``power`` decides next (None: the year is over and everyone looks)."""
        if power is None:
            if self.viewer is not None:
                self.last_viewer = self.viewer
                if self.hot_seat:
                    self.pending_handover = EVERYONE
            self.viewer = None
            return
        if power != self.viewer:
            if self.hot_seat:
                self.pending_handover = power
            self.last_viewer = self.viewer or power
            self.viewer = power

    def _queue_news(self, pending_event: str | None) -> None:
        fired = self.session.log.fired
        reader = self.viewer or self.last_viewer
        start = self.seen_fired.get(reader, self.shown_fired) if reader else self.shown_fired
        news = fired[start:]
        if pending_event is not None and news and news[-1][1] == pending_event:
            news = news[:-1]
        if self.lesson is not None:
            items = [self._meanwhile_item(self.scenario.event(event_id), turn, reader) for turn, event_id in news]
            items += self._standing_taken(reader)
            items.sort(key=lambda item: (item.turn, not item.standing))
            if items:
                self.queue.append(Card("meanwhile", items=items))
        else:
            for turn, event_id in news:
                event = self.scenario.event(event_id)
                self.queue.append(Card("news", event=event, decided_by=self._decided_by(event, turn),
                                       moved=self._moved_by(turn, event_id)))
        self.shown_fired = len(fired)
        if reader:
            self.seen_fired[reader] = len(fired)
        if self.viewer is None:  # the end: every team has seen everything
            self.seen_fired = dict.fromkeys(self.seen_fired, len(fired))

    def _decided_by(self, event: Event, turn: int) -> str:
        """What was chosen on a card, as far as the team at the screen may know it.

        The classroom's rule: decisions taken as in 1943 and the computer's decisions are
        public; another team's decision is not (nor the team's own, which it knows).
        """
        if not event.is_decision:
            return ""
        taken = [o for t, e, o in self.session.log.choices if e == event.id and t == turn]
        if not taken:
            return ""
        option = event.options[event.option_index(taken[-1])]
        power = self.scenario.power(event.power or "").name
        if self._auto_taken(turn, event.id):
            return f"{power}, {self.scenario.presentation.as_in_history}: {option.label}"
        if event.power not in self.session.humans:
            return f"{power} chose: {option.label}"
        return ""

    def _auto_taken(self, turn: int, event_id: str) -> bool:
        lesson = self.lesson
        return lesson is not None and any(c.kind == "event" and c.id == event_id and c.turn == turn
                                          for c in lesson.log)

    def _meanwhile_item(self, event: Event, turn: int, reader: str | None) -> Meanwhile:
        date = format_date(event.date) if event.date else month_name(str(self.scenario.months[turn]))
        # each team reads a framing note once; the lesson's short list should stay short
        framing = "" if (reader, event.framing) in self.framed else event.framing
        if framing:
            self.framed.add((reader, framing))
        return Meanwhile(date, event.title, self._decided_by(event, turn), framing, turn)

    def _standing_taken(self, power: str | None) -> list[Meanwhile]:
        """The team's standing orders that lesson mode changed as they were changed in 1943."""
        lesson = self.lesson
        if lesson is None or power is None:
            return []
        new = lesson.log[self.seen_taken.get(power, 0):]
        self.seen_taken[power] = len(lesson.log)
        items = []
        for choice in new:
            if choice.kind != "standing":
                continue
            policy = self.scenario.policy(choice.id)
            if policy.power == power:
                option = policy.options[policy.option_index(choice.option)]
                as_then = self.scenario.presentation.as_in_history
                items.append(Meanwhile(month_name(str(self.scenario.months[choice.turn])),
                                       f"{policy.label}: {option.label}", f"your standing order, {as_then}",
                                       turn=choice.turn, standing=True))
        return items

    # -- acting ----------------------------------------------------------------------

    def dismiss(self) -> None:
        """The player has read a news, meanwhile, briefing or result card."""
        if self.queue and self.queue[0].kind in ("news", "meanwhile", "briefing", "result"):
            self.queue.popleft()
        self.refresh()

    def choose_event(self, index: int) -> None:
        """Answer the pending event card with an option index."""
        self._answer(index, ("event",), "no event is waiting for a decision")

    def choose_standing(self, indices: list[int]) -> None:
        """Confirm the standing policies for the month."""
        self._answer(indices, ("standing",), "no standing review is waiting")

    def skip(self) -> None:
        """The teacher moves on: the pending decision is taken as it was in 1943."""
        card = self.card
        if card.kind not in ("event", "standing") or card.request is None:
            raise RuntimeError("no decision is waiting")
        self._answer(historical_answer(self.scenario, self.session, card.request), ("event", "standing"), "")

    def _answer(self, answer: int | list[int], kinds: tuple[str, ...], refusal: str) -> None:
        """Send an answer for the card on top, then move on (autosaving when a month ends)."""
        card = self.card
        if card.kind not in kinds:
            raise RuntimeError(refusal)
        power = card.request.power if card.request is not None else None
        before_visible = self.visible()
        before = self.session.state
        causes_from = len(self.session.log.causes)
        outcomes_from = len(self.session.log.outcomes)
        turn = self.session.turn
        self.session.choose(answer)
        self.queue.popleft()
        if power is not None:
            self.baseline[power] = before_visible
            self.baseline_label[power] = self._decision_label(card, turn)
        result = self._result(card, answer, before, causes_from, outcomes_from, before_visible)
        self._autosave_if_new_month()
        if result is not None:
            # the result is read by the seat that decided, before any hand-over; the news of what
            # followed and the next decision come when it is dismissed
            self.queue.append(Card("result", event=card.event, result=result))
            return
        self.refresh()

    # -- results -------------------------------------------------------------------

    def _decision_label(self, card: Card, turn: int) -> str:
        month = month_name(str(self.scenario.months[min(turn, len(self.scenario.months) - 1)]), short=True)
        if card.kind == "event" and card.event is not None:
            return f"your decision on “{card.event.title}” ({month})"
        return f"your orders for {month}"

    def _result(self, card: Card, answer: int | list[int], before: dict[str, float], causes_from: int,
                outcomes_from: int, visible: dict[str, float | None]) -> Result | None:
        """The result card of a decision: what it moved (only numbers the seat sees) and why."""
        log = self.session.log
        if card.kind == "event" and card.event is not None and isinstance(answer, int):
            event = card.event
            option = event.options[answer]
            mine = [c for c in log.causes[causes_from:] if c.source == event.id]
            chances = [(label, happened) for _, source, label, happened in log.outcomes[outcomes_from:]
                       if source == event.id]
            return Result(event.title, option.label, option.outcome, chances,
                          self._moved(mine, before, visible), self.in_history(event), event)
        if card.kind == "standing" and card.request is not None and isinstance(answer, list):
            request = card.request
            ids = {p.id for p in request.policies}
            mine = [c for c in log.causes[causes_from:] if c.source in ids]
            changed = [f"{p.label}: {p.options[i].label}" for p, i, now in
                       zip(request.policies, answer, request.current, strict=True) if i != now]
            chosen = "; ".join(changed) if changed else "the orders stand as they were"
            month = month_name(str(self.scenario.months[request.turn]))
            return Result(f"Your orders for {month}", chosen, "", [], self._moved(mine, before, visible),
                          self._orders_in_history(request))
        return None

    def _moved(self, causes, before: dict[str, float], visible: dict[str, float | None]) -> list[Moved]:
        """Causes summed per shown variable (hidden ones left out), largest first."""
        by_var: dict[str, dict[str, float]] = {}
        for cause in causes:
            if visible.get(cause.var) is None:
                continue
            labels = by_var.setdefault(cause.var, {})
            labels[cause.label] = labels.get(cause.label, 0.0) + cause.amount
        moved = []
        for var, labels in by_var.items():
            total = sum(labels.values())
            if round(total) == 0:
                continue
            ranked = tuple(sorted(labels.items(), key=lambda item: -abs(item[1])))
            moved.append(Moved(var, before[var], before[var] + total, ranked))
        return sorted(moved, key=lambda m: -abs(m.after - m.before))

    def _moved_by(self, turn: int, event_id: str) -> list[Moved]:
        """What a fired event moved, among the numbers the seat at the screen sees."""
        causes = [c for c in self.session.log.causes if c.turn == turn and c.source == event_id]
        state = self.session.state
        visible = self.visible()
        totals: dict[str, float] = {}
        for cause in causes:
            totals[cause.var] = totals.get(cause.var, 0.0) + cause.amount
        before = {var: state[var] - amount for var, amount in totals.items()}
        before.update({v: state[v] for v in state if v not in before})
        return self._moved(causes, before, visible)

    def history_phrase(self, date: str = "") -> str:
        """``In 1943``: the scenario's phrase when it gives one, else the year of ``date``."""
        phrase = self.scenario.presentation.as_in_history
        if phrase:
            return phrase[:1].upper() + phrase[1:]
        year = (date or str(self.scenario.months[0])).split("-")[0]
        return f"In {year}"

    def in_history(self, event: Event) -> str:
        """What happened in history on this card: its ``in_1943`` text, or the option then taken."""
        text = event.in_1943
        phrase = self.history_phrase(event.date)
        if text:
            return f"{phrase}: {text}"
        if event.historical is None or not event.options:
            return ""
        power = self.scenario.power(event.power) if event.power else None
        who = (power.player or power.name) if power is not None else "the decider"
        return f"{phrase}: {who} chose “{event.options[event.historical].label}”."

    def offered_orders(self, request: StandingRequest) -> list[int]:
        """The orders a month's review starts from: an order the player has set away from history
        stays as they left it (what is in force); one they never moved starts at its setting of
        that month in history, so leaving it alone never counts as leaving history.

        Worked out from the session's own choices, so it is the same after a save and a load."""
        moved = set()
        for choice in self.session.history:
            if choice.kind == "standing":
                policy = self.scenario.policy(choice.id)
                if choice.turn < len(policy.historical) and \
                        policy.option_index(choice.option) != policy.historical[choice.turn]:
                    moved.add(policy.id)
        pairs = zip(request.policies, request.current, strict=True)
        return [now if policy.id in moved or request.turn >= len(policy.historical)
                else policy.historical[request.turn] for policy, now in pairs]

    def _orders_in_history(self, request: Request) -> str:
        parts = [f"{p.label}: {p.options[p.historical[request.turn]].label}" for p in request.policies
                 if request.turn < len(p.historical)]
        return f"{self.history_phrase(str(self.scenario.months[request.turn]))}: " + "; ".join(parts) + "." \
            if parts else ""

    # -- markers ---------------------------------------------------------------------

    def since(self, var: str) -> float | None:
        """How much ``var`` moved since the seat at the screen last decided (None: not known)."""
        power = self.viewer or self.last_viewer
        now = self.visible().get(var)
        base = self.baseline.get(power or "", {}).get(var) if power in self.baseline else self.start_state.get(var)
        if now is None or base is None:
            return None
        return now - base

    def since_label(self) -> str:
        """The span of the markers: ``since your decision on “Katyn” (Apr 1943)``."""
        power = self.viewer or self.last_viewer
        label = self.baseline_label.get(power or "")
        return f"since {label}" if label else "since the start"

    def available_options(self) -> list[int]:
        """Indices of the options the player may take on the current event card."""
        card = self.card
        if card.kind != "event" or card.request is None or card.event is None:
            return []
        return [i for i in range(len(card.event.options)) if card.request.available[i]]

    def _autosave_if_new_month(self) -> None:
        if self.session.turn == self.saved_turn:
            return
        self.saved_turn = self.session.turn
        if not self.autosaving or self.session.over:
            return
        try:
            self.last_autosave = autosave(self.session, self.autosave_dir or saves_dir())
            write_branches(self.last_autosave, self.branches)
            self.autosave_error = ""
        except OSError as error:
            self.autosave_error = f"Autosave failed: {error}"

    # -- rewinding -------------------------------------------------------------------

    def rewind(self, turn: int) -> None:
        """Go back to the start of month ``turn`` and play on from there.

        The current line is kept as an abandoned :class:`Branch`. The new session is the
        same seed replayed up to that month, so everything before it is exactly as it was.
        """
        old = self.session
        if not 0 <= turn <= min(old.turn, len(self.scenario.months) - 1):
            raise ValueError(f"cannot rewind to month {turn}")
        self.branches.append(Branch(
            number=len(self.branches) + 1, left_at=turn, reached=old.month,
            choices=list(old.history), ending=old.ending.title if old.ending else None,
            final_state=old.state))
        session = Session(self.scenario, seed=old.seed, humans=old.humans, params=old.params, game_id=old.game_id)
        session.replay(old.history, until_turn=turn)
        self.session = session
        self.queue.clear()
        self._reset_viewers()
        self.baseline.clear()
        self.baseline_label.clear()
        self.saved_turn = session.turn
        self.refresh()

    # -- reading ---------------------------------------------------------------------

    def previous_state(self) -> dict[str, float]:
        """The state at the start of the last finished month, for trends."""
        months = self.session.months
        if len(months) >= 2:
            return months[-2].state
        return self.start_state

    def trend(self, var: str) -> float:
        """How much a variable moved in the last finished month (0 before the first ends)."""
        months = self.session.months
        if not months:
            return 0.0
        return months[-1].state[var] - self.previous_state()[var]

    def last_change(self, var: str) -> tuple[str, list[tuple[str, float]]]:
        """The month a variable last changed and its biggest causes then."""
        causes = self.session.log.why(var)
        if not causes:
            return "", []
        turn = causes[-1].turn
        merged: dict[str, float] = {}
        for cause in causes:
            if cause.turn == turn:
                merged[cause.label] = merged.get(cause.label, 0.0) + cause.amount
        ranked = sorted(merged.items(), key=lambda item: -abs(item[1]))
        return str(self.scenario.months[turn]), ranked

    def series(self, var: str) -> list[float]:
        """The variable at the start and at the end of every finished month."""
        return [self.start_state[var]] + [record.state[var] for record in self.session.months]
