"""One seat's eyes: everything the team playing a power may see, built once for every front end.

``Observer(table, power).view()`` is a :class:`SeatView`: the state as the power knows
it, its pending request, what it learnt since it last decided, the known orders of the
others, the known causes and what its last decision did. ``power`` None is the teacher,
who sees everything. The rules of what a power knows are in game/table/knowledge.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.core import Request, StandingRequest
from game.table.calendar import format_date, month_name
from game.table.causes import summarise_causes
from game.table.knowledge import Knowledge
from game.table.seats import team_name
from game.table.view import (
    AskKind,
    CauseView,
    Change,
    ClockView,
    Decided,
    EndingView,
    EventAsk,
    Figure,
    LastDecision,
    LessonView,
    LoggedChoice,
    MonthLog,
    NewsItem,
    NewsKind,
    OptionView,
    OrderView,
    PolicyAsk,
    PublicNews,
    PublicView,
    SeatView,
    StandingAsk,
    VariableView,
    WhyView,
)

if TYPE_CHECKING:
    from game.scenario.model import Scenario
    from game.session import Choice
    from game.table.table import SeatMark, Table


class Observer:
    """What the seat of ``power`` (None: the teacher) may see of ``table``, now."""

    def __init__(self, table: Table, power: str | None) -> None:
        if power is not None and power not in {p.id for p in table.scenario.powers}:
            raise KeyError(f"unknown power {power!r}")
        self.table = table
        self.power = power
        self.knowledge = Knowledge.of(table.session)

    # -- the parts of a view -------------------------------------------------------------

    @property
    def mark(self) -> SeatMark | None:
        """Where this seat last decided (None for the teacher, and for a power no one plays)."""
        return self.table.marks.get(self.power) if self.power is not None else None

    def team(self, power: str | None = None) -> str:
        """``the German team`` (the scenario's ``team``), or "every team" for the teacher."""
        power = power if power is not None else self.power
        if power is None:
            return "every team"
        return team_name(self.table.scenario, power)

    def variables(self) -> list[VariableView]:
        """The shown variables, in the scenario's order, with changes since the seat last decided."""
        state = self.knowledge.visible_state(self.power)
        mark = self.mark
        before = mark.state if mark is not None else {}
        result = []
        for variable in self.table.scenario.variables:
            if variable.hidden:
                continue
            value = state[variable.id]
            old = before.get(variable.id, variable.start if mark is not None and mark.turn < 0 else None)
            change = value - old if value is not None and old is not None else None
            result.append(VariableView(variable.id, variable.label, variable.description, variable.unit,
                                       value, change, variable.min, variable.max))
        return result

    def change_span(self) -> str:
        """What the changes are measured from."""
        mark = self.mark
        if mark is None:
            return ""
        if mark.turn < 0:
            return f"since the start, {month_name(mark.month)}"
        return f"since you last decided, in {month_name(mark.month)}"

    def request(self) -> StandingAsk | EventAsk | None:
        """The request this seat must answer now, if any."""
        request = self.table.request
        if request is None or self.power is None or request.power != self.power:
            return None
        return ask_view(self.table, request, self.knowledge)

    def since(self) -> list[NewsItem]:
        """What this power learnt since it last decided, in the order it happened."""
        table, knowledge, power = self.table, self.knowledge, self.power
        session, scenario = table.session, table.scenario
        mark = self.mark
        fired = session.log.fired[mark.fired if mark is not None else 0:]
        auto = {(c.turn, c.id) for c in session.history if c.auto and c.kind == "event"}
        items: list[NewsItem] = []
        for turn, event_id in fired:
            event = scenario.event(event_id)
            option = knowledge.choice(turn, event)
            if event.is_decision and option is None:
                continue  # being decided now: the request, not news
            if event.power == power and (turn, event.id) not in auto:
                continue  # the seat's own decision: told in "last"
            if not knowledge.knows_fired(power, turn, event):
                continue
            framing = event.framing if (power, event.framing) not in table.framed else ""
            date = format_date(event.date) if event.date else month_name(str(scenario.months[turn]))
            chances = [chance_text(event, label, happened) for t, source, label, happened
                       in session.log.outcomes if t == turn and source == event.id]
            if option is None:
                grade = str(getattr(scenario, "grades", {}).get(event.evidence, ""))
                items.append(NewsItem(NewsKind.EVENT, turn, date, event.title, event.title, event.text,
                                      framing=framing, chances=chances, evidence=event.evidence,
                                      notes=list(event.notes), grade=grade))
                continue
            decider = scenario.power(event.power or "").name
            as_in_history = (turn, event.id) in auto
            phrase = scenario.presentation.as_in_history
            headline = option.told or (f"{decider}, {phrase}: {option.label}" if as_in_history
                                          else f"{decider}: {option.label}")
            computer = event.power not in session.humans
            reason = (option.reason or option.hint) if computer else ""
            grade = str(getattr(scenario, "grades", {}).get(event.evidence, ""))
            items.append(NewsItem(NewsKind.DECISION, turn, date, headline, event.title, power=event.power,
                                  option=option.label, as_in_history=as_in_history, framing=framing,
                                  chances=chances, evidence=event.evidence, notes=list(event.notes),
                                  grade=grade, reason=reason))
        items += self._own_orders_taken(mark)
        items.sort(key=lambda item: (item.turn, item.kind != NewsKind.ORDER))
        return items

    def _own_orders_taken(self, mark: SeatMark | None) -> list[NewsItem]:
        """The seat's standing orders that lesson mode changed as they were changed in history."""
        session, scenario = self.table.session, self.table.scenario
        if mark is None:
            return []
        in_force = dict(mark.orders)
        items = []
        for choice in session.history[mark.history:]:
            if choice.kind != "standing":
                continue
            policy = scenario.policy(choice.id)
            index = policy.option_index(choice.option)
            changed = in_force.get(policy.id) != index
            in_force[policy.id] = index
            if choice.auto and changed and policy.power == self.power:
                option = policy.options[index]
                items.append(NewsItem(NewsKind.ORDER, choice.turn, month_name(str(scenario.months[choice.turn])),
                                      headline=f"{policy.label}: {option.label}", title=policy.label,
                                      power=policy.power, option=option.label, as_in_history=True))
        return items

    def orders(self) -> list[OrderView]:
        """The standing orders of the other powers that this power knows of."""
        session, scenario = self.table.session, self.table.scenario
        mark = self.mark
        result = []
        for policy in scenario.policies:
            if policy.power == self.power:
                continue
            index = policy.option_index(session.standing_choice(policy.id))
            option = policy.options[index]
            if not self.knowledge.knows_order(self.power, policy, option):
                continue
            changed = mark is not None and mark.orders.get(policy.id) != index
            result.append(OrderView(policy.power, scenario.power(policy.power).name, policy.id, policy.label,
                                    option.label, changed))
        return result

    def own_orders(self) -> list[OrderView]:
        """The seat's own standing orders in force (a team always knows its own)."""
        session, scenario = self.table.session, self.table.scenario
        if self.power is None:
            return []
        mark = self.mark
        result = []
        for policy in scenario.policies:
            if policy.power != self.power:
                continue
            index = policy.option_index(session.standing_choice(policy.id))
            changed = mark is not None and mark.orders.get(policy.id) != index
            result.append(OrderView(policy.power, scenario.power(policy.power).name, policy.id, policy.label,
                                    policy.options[index].label, changed))
        return result

    def causes(self) -> list[CauseView]:
        """The causes this power knows of, recorded since it last decided."""
        mark = self.mark
        start = mark.causes if mark is not None else 0
        return [CauseView(c.turn, c.var, c.amount, c.label) for c in self.table.session.log.causes[start:]
                if self.knowledge.knows_cause(self.power, c)]

    def why(self, var: str) -> WhyView:
        """What moved ``var``, month by month; causes this power did not learn of are summed."""
        scenario = self.table.scenario
        variable = scenario.variables[scenario.column(var)]
        if variable.hidden or not self.knowledge.sees(self.power, var):
            return WhyView(var, variable.label, False, [])
        months = summarise_causes(self.table.session.log.why(var), scenario.months,
                                  lambda cause: self.knowledge.knows_cause(self.power, cause))
        return WhyView(var, variable.label, True, months)

    def series(self, var: str) -> list[float]:
        """``var`` at the start and at the end of every finished month, for a chart; empty
        when the variable is hidden from this power now (a chart would tell its value)."""
        scenario = self.table.scenario
        variable = scenario.variables[scenario.column(var)]
        if variable.hidden or not self.knowledge.sees(self.power, var):
            return []
        return [variable.start] + [record.state[var] for record in self.table.session.months]

    def month_log(self, turn: int) -> MonthLog:
        """Month ``turn`` of the timeline: the events this power learnt of as they fired, and
        the recorded choices its seat may read (its own; see game.table.knowledge)."""
        session, scenario, knowledge = self.table.session, self.table.scenario, self.knowledge
        events = []
        for fired_turn, event_id in session.log.fired:
            event = scenario.event(event_id)
            if fired_turn == turn and knowledge.knows_fired(self.power, turn, event):
                events.append(f"{format_date(event.date)}: {event.title}" if event.date else event.title)
        humans = self.table.humans

        def logged(choice: Choice) -> LoggedChoice | None:
            power = choice_power(scenario, choice)
            if not knowledge.reads_choice(self.power, power, humans):
                return None
            kind = AskKind.STANDING if choice.kind == "standing" else AskKind.EVENT
            return LoggedChoice(kind, power, scenario.power(power).name, choice_text(scenario, choice), choice.auto)

        month = [c for c in session.history if c.turn == turn]
        decisions = [line for c in month if c.kind == "event" and (line := logged(c)) is not None]
        previous = {c.id: c.option for c in session.history if c.turn == turn - 1 and c.kind == "standing"}
        orders = [line for c in month if c.kind == "standing" and (turn == 0 or previous.get(c.id) != c.option)
                  and (line := logged(c)) is not None]
        return MonthLog(turn, month_name(str(scenario.months[turn])), events, decisions, orders)

    def own_choices(self, taken_for_it: bool = True) -> list[Choice]:
        """The choices made for this seat's power, in order (a seat may always read its own);
        without ``taken_for_it``, only those the team made itself (not taken as in history)."""
        scenario = self.table.scenario
        own = []
        for choice in self.table.session.history:
            if choice.auto and not taken_for_it:
                continue
            try:
                owner = (scenario.policy(choice.id).power if choice.kind == "standing"
                         else scenario.event(choice.id).power)
            except KeyError:
                continue
            if owner == self.power:
                own.append(choice)
        return own

    def moved_orders(self) -> frozenset[str]:
        """The standing policies of this seat it has ever set away from what history did that
        month (from its recorded choices, so the same after a load)."""
        scenario = self.table.scenario
        moved = set()
        for choice in self.table.session.history:
            if choice.kind != "standing":
                continue
            policy = scenario.policy(choice.id)
            if policy.power == self.power and choice.turn < len(policy.historical) and \
                    policy.option_index(choice.option) != policy.historical[choice.turn]:
                moved.add(policy.id)
        return frozenset(moved)

    def last(self) -> LastDecision | None:
        """What the seat's last decision did: its outcome, what was done in 1943, the changes."""
        if self.power is None or self.power not in self.table.last:
            return None
        answer = self.table.last[self.power]
        session, scenario = self.table.session, self.table.scenario
        decided = []
        for choice in answer.choices:
            if choice.kind == "event":
                event = scenario.event(choice.id)
                option = event.options[event.option_index(choice.option)]
                decided.append(Decided(event.title, option.label, option.outcome, event.in_1943))
            else:
                # an order changed by this decision is told with what it does (its hint, where the
                # option has no outcome of its own); the orders kept as they were are not retold
                policy = scenario.policy(choice.id)
                index = policy.option_index(choice.option)
                option = policy.options[index]
                mark = self.table.marks.get(self.power)
                moved = mark is None or mark.orders.get(policy.id) != index
                decided.append(Decided(policy.label, option.label,
                                       (option.outcome or option.hint) if moved else ""))
        merged: dict[str, float] = {}
        for cause in session.log.causes[answer.causes_from:]:  # standing orders apply later in the month
            if cause.source in answer.sources and cause.turn == answer.turn and cause.kind != "rule" \
                    and self.knowledge.sees(self.power, cause.var):
                merged[cause.var] = merged.get(cause.var, 0.0) + cause.amount
        changes = [Change(var, scenario.variables[scenario.column(var)].label, amount)
                   for var, amount in merged.items() if amount]
        parts: dict[str, object] = {event.id: event for event in scenario.events
                                    if answer.kind == "event" and event.id in answer.sources}
        chances = [chance_text(parts.get(source), label, happened) for turn, source, label, happened
                   in session.log.outcomes[answer.outcomes_from:]
                   if source in answer.sources and turn == answer.turn]
        kind = AskKind.STANDING if answer.kind == "standing" else AskKind.EVENT
        return LastDecision(answer.turn, month_name(str(scenario.months[answer.turn])), kind, decided,
                            changes, chances, answer.reason)

    def ending(self) -> EndingView | None:
        """How the game ended (None while it goes on)."""
        session = self.table.session
        ending = session.ending
        if ending is None:
            return None
        month = session.months[-1].month if session.months else session.month
        months = [str(m) for m in self.table.scenario.months]
        turn = months.index(str(month)) if str(month) in months else min(session.turn, len(months) - 1)
        return EndingView(ending.id, ending.title, ending.text, month_name(month), turn)

    # -- the whole view --------------------------------------------------------------------

    def view(self) -> SeatView:
        """Everything this seat may see now."""
        table = self.table
        session, scenario = table.session, table.scenario
        months = scenario.months
        turn = min(session.turn, len(months) - 1)
        lesson = table.lesson
        timer = table.timer
        request = self.request()
        name = scenario.power(self.power).name if self.power is not None else "Everyone"
        return SeatView(
            power=self.power, power_name=name, team=self.team(),
            month=month_name(session.month), month_id=session.month, turn=turn, months_total=len(months),
            variables=self.variables(), change_span=self.change_span(), request=request,
            since=self.since(), orders=self.orders(), causes=self.causes(), last=self.last(),
            over=session.over, ending=self.ending(),
            lesson=LessonView(lesson.asked, lesson.budget) if lesson is not None else None,
            clock=ClockView(timer.seconds, timer.remaining(), timer.paused, timer.expired()),
            handover=table.handover, deciding=request is not None, own_orders=self.own_orders(),
            group=table.group,
        )


class PublicObserver:
    """The room's screen (the projector): what every power knows, and so no team's secret."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.knowledge = Knowledge.of(table.session)

    def variables(self) -> list[VariableView]:
        """Every shown variable, its value given only where every power sees it now."""
        rows = Observer(self.table, None).variables()
        return [row if self.knowledge.sees_publicly(row.id) else VariableView(
            row.id, row.label, row.description, row.unit, None, None, row.low, row.high) for row in rows]

    def news(self) -> list[PublicNews]:
        """The events every power knows of, in the order they fired (not a decision being made)."""
        session, scenario, knowledge = self.table.session, self.table.scenario, self.knowledge
        news = []
        for turn, event_id in session.log.fired:
            event = scenario.event(event_id)
            if event.is_decision and knowledge.choice(turn, event) is None:
                continue  # being decided now
            if knowledge.public_fired(turn, event):
                news.append(PublicNews(month_name(str(scenario.months[turn])), event.title))
        return news

    def view(self) -> PublicView:
        """Both parts at once."""
        return PublicView(self.variables(), self.news())


def choice_text(scenario: Scenario, choice: Choice) -> str:
    """A recorded choice in words: the card's title or the policy's label, then the option."""
    if choice.kind == "standing":
        policy = scenario.policy(choice.id)
        return f"{policy.label}: {policy.options[policy.option_index(choice.option)].label}"
    event = scenario.event(choice.id)
    return f"{event.title}: {event.options[event.option_index(choice.option)].label}"


def choice_power(scenario: Scenario, choice: Choice) -> str:
    """The power that made a recorded choice."""
    if choice.kind == "standing":
        return scenario.policy(choice.id).power
    return scenario.event(choice.id).power or ""


def chance_text(part: object, label: str, happened: bool) -> str:
    """A chance result told as what happened: the card's ``chance_texts`` for the branch's
    label when the scenario has them, else "label: yes" / "label: no"."""
    for text in getattr(part, "chance_texts", ()):
        if text.label == label:
            return str(text.then if happened else (text.orelse or f"{label}: no"))
    return f"{label}: {'yes' if happened else 'no'}"


def ask_view(table: Table, request: Request, knowledge: Knowledge | None = None) -> StandingAsk | EventAsk:
    """A request as plain data, with every option's index, label, hint and availability.

    A card's figures (``figures`` of the scenario) are given only where the deciding power
    sees every variable they are computed from, or where the card itself tells it the
    number (``told = true``: Berlin names its offer, though Moscow cannot see what sets it).
    """
    scenario, session = table.scenario, table.session
    knowledge = knowledge or Knowledge.of(session)
    if isinstance(request, StandingRequest):
        policies = []
        for policy, current in zip(request.policies, request.current, strict=True):
            historical = policy.historical[request.turn]
            options = [OptionView(i, o.id, o.label, o.hint, True, i == current, i == historical)
                       for i, o in enumerate(policy.options)]
            policies.append(PolicyAsk(policy.id, policy.label, policy.explain, current, options))
        return StandingAsk(request.power, month_name(session.month), policies)
    event = request.event
    options = [OptionView(i, o.id, o.label, o.hint, request.available[i], False, i == event.historical)
               for i, o in enumerate(event.options)]
    date = format_date(event.date) if event.date else month_name(str(scenario.months[request.turn]))
    state = session.batch.state[:1]
    figures = []
    for label, expression in getattr(event, "figures", ()):
        if label in event.told_figures or all(
                knowledge.sees(request.power, name) for name in expression.names
                if name in scenario.variable_ids and name not in knowledge.internal):
            value = float(expression.evaluate_runs(state, session.engine.params, request.turn)[0])
            figures.append(Figure(str(label), value))
    grade = str(getattr(scenario, "grades", {}).get(event.evidence, ""))
    return EventAsk(request.power, event.id, event.title, event.text, date, list(event.notes), event.evidence,
                    event.framing, options, figures, grade)
