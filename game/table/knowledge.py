"""Who knows what: the information rules of the game, in one place.

Every front end asks this module, through :class:`game.table.Observer`, what the team
at a seat may read; nothing else decides it.

Variables. A variable may be hidden from some powers (``hidden_from``) until a
condition reveals it (``reveal``). Internal flags (``hidden = true``) are shown to no one.

Acts. An act is an event that fired (with the option chosen on it, if it is a decision)
or the option in force of a standing policy. A power knows an act when

1. it is the power that decided it; or
2. the act lists it in ``seen_by`` (an event's or a policy's key: the powers that learn
   of it, its acting power always included); or, without ``seen_by``,
3. every variable the act changes is visible to the power now. An act that changes no
   shown variable at all is public.

Rule 3 means a power learns of what it could observe in full: the West's letter to
Stalin that there will be no landing before May 1944 changes the second front and
Stalin's trust, both hidden from Germany, so the German team never reads of it. The
scenario overrides the rule with ``seen_by`` where history says otherwise (a secret
line that changed only a visible number; a battle that everyone saw not happen).

A cause in the log (``why VAR``) is known when its variable is visible and its act is
known; a monthly rule is public (it is the model, printed in the rules).

Notes between teams (``[[channels]]``) are read by the powers on their channel only.
The room's screen (the projector) shows what is public: a variable every power sees
now, an act every power knows.

Choices. A team reads its own recorded choices; in a game of one team at the screen,
the choices of every power people play (they are its own); the teacher reads all.

>>> from game.scenario import load_scenario
>>> from game.session import Session
>>> scenario = load_scenario("scenarios/1943.toml")
>>> session = Session(scenario, seed=1, humans=tuple(p.id for p in scenario.powers))
>>> knowledge = Knowledge.of(session)
>>> hidden = [v.id for v in scenario.variables if v.hidden_from]
>>> all(knowledge.visible_state(None)[v] is not None for v in hidden)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from game.engine.causes import Cause
from game.scenario.model import Branch, Change, Effect, Event, Option, Scenario, StandingPolicy, Variable
from game.session import Session

#: the viewer who sees everything: the teacher's "reveal", and the debrief
EVERYONE = None


def can_see(variable: Variable, power: str | None, state: np.ndarray, params: Mapping[str, float],
            turn: int) -> bool:
    """True if ``power`` (None: the teacher) sees ``variable`` in ``state`` (one run, shape (1, n))."""
    if power is EVERYONE or not variable.hidden_for(power):
        return True
    condition = variable.reveal_for(power)
    if condition is None:
        return False
    return bool(condition.holds(state, params, turn)[0])


def touched(effects: Iterable[Effect]) -> frozenset[str]:
    """The ids of the variables some effect (or chance branch) may change."""
    found: set[str] = set()
    for effect in effects:
        if isinstance(effect, Change):
            found.add(effect.var)
        elif isinstance(effect, Branch):
            found |= touched(effect.then) | touched(effect.orelse)
    return frozenset(found)


#: scenario parts are immutable; what they change is worked out once (keyed by identity,
#: the part itself kept alive beside the value so the id is never reused)
_TOUCH: dict[int, tuple[object, frozenset[str]]] = {}


def _touch_of(part: Option | Event) -> frozenset[str]:
    entry = _TOUCH.get(id(part))
    if entry is None or entry[0] is not part:
        entry = (part, touched(part.effects))
        _TOUCH[id(part)] = entry
    return entry[1]


def _option_touch(option: Option) -> frozenset[str]:
    return _touch_of(option)


def _event_touch(event: Event) -> frozenset[str]:
    return _touch_of(event)


@dataclass(frozen=True)
class Knowledge:
    """What every power knows at one moment of one game (the state as it stands now)."""

    scenario: Scenario
    #: for every power id, the ids of the variables it sees now (internal flags excluded)
    seen: Mapping[str, frozenset[str]]
    values: Mapping[str, float]
    #: the option chosen on each decision that fired: (turn, event id) -> option id
    chosen: Mapping[tuple[int, str], str]
    #: internal flags (``hidden = true``): never shown, so never a reason to hide an act
    internal: frozenset[str]
    #: the titles of events and the labels of policies by id, to tell what a chance cause came from
    kinds: tuple[Mapping[str, str], Mapping[str, str]]

    @classmethod
    def of(cls, session: Session) -> Knowledge:
        """The knowledge of every power in ``session`` as it stands."""
        scenario = session.scenario
        state = session.batch.state[:1]
        params = session.engine.params
        turn = min(session.turn, len(scenario.months) - 1)
        seen = {power.id: frozenset(v.id for v in scenario.variables
                                    if not v.hidden and can_see(v, power.id, state, params, turn))
                for power in scenario.powers}
        chosen = {(turn, event): option for turn, event, option in session.log.choices}
        internal = frozenset(v.id for v in scenario.variables if v.hidden)
        return cls(scenario, seen, session.state, chosen, internal, _source_kinds(scenario))

    # -- variables --------------------------------------------------------------------

    def sees(self, power: str | None, var: str) -> bool:
        """True if ``power`` (None: everyone) sees the variable ``var`` now."""
        if power is EVERYONE:
            return True
        return var in self.seen.get(power, frozenset())

    def hidden_from(self, power: str | None) -> list[Variable]:
        """The shown variables (not internal flags) ``power`` does not see now."""
        return [v for v in self.scenario.variables if not v.hidden and not self.sees(power, v.id)]

    def visible_state(self, power: str | None, internal: bool = False) -> dict[str, float | None]:
        """Every shown variable's value, or None where it is hidden from ``power``.

        Internal flags are left out unless ``internal`` (then they are shown to the teacher
        only, and as None to a power).
        """
        result: dict[str, float | None] = {}
        for variable in self.scenario.variables:
            if variable.hidden and not internal:
                continue
            visible = power is EVERYONE or (not variable.hidden and self.sees(power, variable.id))
            result[variable.id] = self.values[variable.id] if visible else None
        return result

    # -- acts -------------------------------------------------------------------------

    def knows_act(self, power: str | None, actor: str | None, seen_by: tuple[str, ...] | None,
                  changes: frozenset[str]) -> bool:
        """The rule for every act (see the module docstring)."""
        if power is EVERYONE or power == actor:
            return True
        if seen_by is not None:
            return power in seen_by
        return all(self.sees(power, var) for var in changes - self.internal)

    def knows_event(self, power: str | None, event: Event, option: Option | None = None) -> bool:
        """True if ``power`` learns of ``event`` decided with ``option`` (None: not decided)."""
        changes = _event_touch(event) | (_option_touch(option) if option is not None else frozenset())
        return self.knows_act(power, event.power, event.seen_by, changes)

    def knows_fired(self, power: str | None, turn: int, event: Event) -> bool:
        """True if ``power`` learns of ``event`` as it fired in month ``turn`` (with its choice)."""
        option_id = self.chosen.get((turn, event.id))
        option = event.options[event.option_index(option_id)] if option_id is not None else None
        return self.knows_event(power, event, option)

    def choice(self, turn: int, event: Event) -> Option | None:
        """The option chosen on ``event`` in month ``turn`` (None: not a decision, or not yet)."""
        option_id = self.chosen.get((turn, event.id))
        return event.options[event.option_index(option_id)] if option_id is not None else None

    def sees_publicly(self, var: str) -> bool:
        """True if every power sees ``var`` now (the projector may show it)."""
        return not self.scenario.variables[self.scenario.column(var)].hidden and all(
            self.sees(power.id, var) for power in self.scenario.powers)

    def public_fired(self, turn: int, event: Event) -> bool:
        """True if every power learns of ``event`` as it fired in month ``turn``."""
        return all(self.knows_fired(power.id, turn, event) for power in self.scenario.powers)

    def reads_choice(self, power: str | None, decider: str, humans: tuple[str, ...]) -> bool:
        """True if the seat of ``power`` may read a recorded choice of ``decider`` (see the
        module docstring): its own, or, with one team at the screen, any power people play."""
        if power is EVERYONE or decider == power:
            return True
        return len(humans) <= 1 and decider in humans

    def knows_order(self, power: str | None, policy: StandingPolicy, option: Option) -> bool:
        """True if ``power`` knows that ``policy`` of another power stands at ``option``."""
        return self.knows_act(power, policy.power, policy.seen_by, _option_touch(option))

    def _source_kind(self, cause: Cause) -> str:
        """What made a change: "policy", "event" or "rule" (ids of different kinds may be equal)."""
        if cause.kind in ("policy", "rule", "note"):
            return cause.kind
        if cause.kind in ("event", "option"):
            return "event"
        # a chance branch: inside an event, a standing policy's option or a rule; its label tells
        events, policies = self.kinds
        if cause.source in events and cause.label.startswith(events[cause.source]):
            return "event"
        if cause.source in policies and cause.label.startswith(policies[cause.source]):
            return "policy"
        return "rule"

    def knows_cause(self, power: str | None, cause: Cause) -> bool:
        """True if ``power`` may read this line of the cause log."""
        if not self.sees(power, cause.var):
            return False
        kind = self._source_kind(cause)
        if kind == "policy":
            policy = self.scenario.policy(cause.source)
            option = _option_of_label(policy.options, cause.label, policy.label)
            return self.knows_order(power, policy, option) if option is not None else power == policy.power
        if kind == "event":
            return self.knows_fired(power, cause.turn, self.scenario.event(cause.source))
        if kind == "note":  # a note between teams: known to the powers on its channel
            return reads_note(self.scenario, power, cause.source)
        return True  # a monthly rule: the model itself, printed in the rules


def reads_note(scenario: Scenario, power: str | None, channel_id: str) -> bool:
    """True if ``power`` (None: the teacher) reads the notes sent on the channel ``channel_id``."""
    if power is EVERYONE:
        return True
    return any(channel.id == channel_id and power in channel.powers for channel in getattr(scenario, "channels", ()))


def _source_kinds(scenario: Scenario) -> tuple[dict[str, str], dict[str, str]]:
    return ({event.id: event.title for event in scenario.events},
            {policy.id: policy.label for policy in scenario.policies})


def _option_of_label(options: tuple[Option, ...], label: str, title: str) -> Option | None:
    """The option a cause's label names ("Title: Option label (chance: yes)")."""
    for option in options:
        prefix = f"{title}: {option.label}"
        if label == prefix or label.startswith(prefix + " ("):
            return option
    return None


def visible_state(scenario: Scenario, session: Session, power: str | None,
                  internal: bool = False) -> dict[str, float | None]:
    """The state as ``power`` knows it (None where hidden); see :meth:`Knowledge.visible_state`."""
    return Knowledge.of(session).visible_state(power, internal)
