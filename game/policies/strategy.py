"""A Stalin written down as data: tag weights, a lever schedule, fixed answers, switches.

A historian describes a counterfactual Stalin in a small TOML file (docs/lab.md, "Your
own Stalin") instead of in code::

    name = "court_the_army"
    description = "Court the German army, let the channel leak, sign with Hitler's successors."
    [tags]                 # weight of each option tag: + seek, - avoid
    court_army = 2
    [levers.tempo]         # a standing policy's option from a month on
    "1942-11" = "attack"
    "1943-05" = "defend"
    [cards]                # a fixed answer to a named card
    successor_offer = "sign_with_successors"
    [[from]]               # from this month on, these settings replace or extend the above
    month = "1943-07"
    tags = { channel_probe = 3 }

Where the strategy has no opinion (no schedule, no fixed answer, no tag weight), the
option taken in 1943 wins, so a strategy is always "history, except ...".

A :class:`Strategy` is plain frozen data, so it travels to worker processes with the
experiment; :class:`StrategyPolicy` plays it for every run of a batch at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.engine.core import MonthContext
from game.policies.base import Policy, best_available
from game.scenario.model import Event, Month, Option, Scenario, StandingPolicy

#: where the built-in strategies are kept, one file each
BUILT_IN = Path(__file__).resolve().parent.parent / "lab" / "strategies"

#: the weight by which the historical option breaks ties
HISTORY_TIE = 0.01


class StrategyError(ValueError):
    """A strategy file that cannot be used; the message names the file, key and line."""


@dataclass(frozen=True)
class Phase:
    """What the strategy wants from ``turn`` on (settings already merged with earlier phases)."""

    turn: int
    tags: tuple[tuple[str, float], ...]
    #: (policy id, ((turn, option id), ...)) schedules
    levers: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    cards: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Strategy:
    """A named Stalin: phases in turn order, the first starting at turn 0."""

    name: str
    description: str
    phases: tuple[Phase, ...]
    scenario: str = ""  # the scenario id the strategy was written for ("" for any)

    def phase(self, turn: int) -> Phase:
        """The phase in force at ``turn``."""
        current = self.phases[0]
        for phase in self.phases:
            if phase.turn <= turn:
                current = phase
        return current


class StrategyPolicy(Policy):
    """Plays a :class:`Strategy` against a scenario (option indices resolved once)."""

    def __init__(self, strategy: Strategy, scenario: Scenario) -> None:
        self.strategy = strategy
        self.name = strategy.name
        self.description = strategy.description
        self._lever: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._card: dict[tuple[int, str], int] = {}
        for number, phase in enumerate(strategy.phases):
            for policy_id, schedule in phase.levers:
                policy = scenario.policy(policy_id)
                self._lever[(number, policy_id)] = [(turn, policy.option_index(option)) for turn, option in schedule]
            for event_id, option in phase.cards:
                self._card[(number, event_id)] = scenario.event(event_id).option_index(option)
        self._numbers = {phase.turn: number for number, phase in enumerate(strategy.phases)}

    def _phase_number(self, turn: int) -> int:
        return max(number for start, number in self._numbers.items() if start <= turn)

    def _scores(self, turn: int, options: tuple[Option, ...], historical: int | None) -> np.ndarray:
        weights = dict(self.strategy.phases[self._phase_number(turn)].tags)
        scores = np.array([sum(weights.get(tag, 0.0) for tag in option.tags) for option in options], dtype=float)
        if historical is not None:
            scores[historical] += HISTORY_TIE
        return scores

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        runs = context.state.shape[0]
        schedule = self._lever.get((self._phase_number(context.turn), policy.id))
        if schedule:
            chosen = [option for turn, option in schedule if turn <= context.turn]
            if chosen:
                return np.full(runs, chosen[-1], dtype=np.int16)
        scores = self._scores(context.turn, policy.options, policy.historical[context.turn])
        return np.full(runs, int(np.argmax(scores)), dtype=np.int16)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        runs = available.shape[0]
        fixed = self._card.get((self._phase_number(context.turn), event.id))
        if fixed is not None and available[:, fixed].all():
            return np.full(runs, fixed, dtype=np.int16)
        scores = self._scores(context.turn, event.options, event.historical)
        if fixed is not None:
            scores[fixed] += 1000.0  # where it is open in some runs only
        favourite = int(np.argmax(scores))
        if available[:, favourite].all():
            return np.full(runs, favourite, dtype=np.int16)
        return best_available(np.tile(scores, (runs, 1)), available)


# -- reading strategy files -------------------------------------------------------

TOP_KEYS = {"name", "description", "scenario", "tags", "levers", "cards", "from"}
PHASE_KEYS = {"month", "tags", "levers", "cards"}


def _line(text: str, key: str, value: object = None) -> int | None:
    """The line of ``text`` that assigns or opens ``key`` (for error messages).

    With ``value``, the first line from there on that holds it: the exact line of a bad
    option in a schedule or a table written inline.
    """
    pattern = re.compile(rf'^[ \t]*(\[+[ \t]*)?[^#=\n]*\b"?{re.escape(key)}"?[ \t]*(=|\]|\.)', re.MULTILINE)
    found = pattern.search(text)
    start = found.start() if found else 0
    if value is not None:
        quoted = re.compile(rf'(^|[^\w]){re.escape(str(value))}([^\w]|$)', re.MULTILINE)
        hit = quoted.search(text, start)
        if hit:
            start, found = hit.start() + (1 if hit.group(1) else 0), hit
    return text.count("\n", 0, start) + 1 if found else None


class _Reader:
    """Checks one strategy file against a scenario and builds its phases."""

    def __init__(self, path: str, text: str, scenario: Scenario, strict: bool) -> None:
        self.strict = strict
        self.path = path
        self.text = text
        self.scenario = scenario
        self.tags = {tag for option in _all_options(scenario) for tag in option.tags}

    def fail(self, key: str, message: str, value: object = None) -> StrategyError:
        line = _line(self.text, key.rsplit(".", 1)[-1].split("[")[0], value)
        where = f"{self.path}, line {line}" if line else self.path
        return StrategyError(f"{where}: {key}: {message}")

    def turn(self, key: str, text: object) -> int:
        try:
            month = Month.parse(str(text))
        except ValueError:
            raise self.fail(key, f"{text!r} is not a month of the form YYYY-MM", text) from None
        if month not in self.scenario.months:
            months = self.scenario.months
            raise self.fail(key, f"{month} is outside the calendar ({months[0]} to {months[-1]})", text) from None
        return self.scenario.months.index(month)

    def table(self, key: str, value: object) -> Mapping[str, object]:
        if not isinstance(value, dict):
            raise self.fail(key, "should be a table")
        return value

    def read_tags(self, key: str, value: object) -> dict[str, float]:
        weights = {}
        for tag, weight in self.table(key, value).items():
            if self.strict and tag not in self.tags:
                raise self.fail(f"{key}.{tag}", f"no option has this tag; tags are {', '.join(sorted(self.tags))}")
            if isinstance(weight, bool) or not isinstance(weight, int | float):
                raise self.fail(f"{key}.{tag}", f"the weight should be a number, not {weight!r}")
            weights[tag] = float(weight)
        return weights

    def read_levers(self, key: str, value: object) -> dict[str, tuple[tuple[int, str], ...]]:
        levers = {}
        player = {policy.id: policy for policy in self.scenario.policies}
        for policy_id, schedule in self.table(key, value).items():
            if policy_id not in player and not self.strict:
                continue  # a built-in strategy meets a scenario without this lever
            if policy_id not in player:
                raise self.fail(f"{key}.{policy_id}", f"no such standing policy; choose from {', '.join(player)}")
            policy = player[policy_id]
            if isinstance(schedule, str):
                schedule = {str(self.scenario.months[0]): schedule}
            entries = []
            for month, option in self.table(f"{key}.{policy_id}", schedule).items():
                turn = self.turn(f"{key}.{policy_id}", month)
                ids = [o.id for o in policy.options]
                if option not in ids and not self.strict:
                    continue  # a built-in strategy meets a scenario whose lever has other options
                if option not in ids:
                    raise self.fail(f"{key}.{policy_id}", f"no option {option!r}; choose from {', '.join(ids)}", option)
                entries.append((turn, option))
            levers[policy_id] = tuple(sorted(entries))
        return levers

    def read_cards(self, key: str, value: object) -> dict[str, str]:
        cards = {}
        events = {event.id: event for event in self.scenario.events if event.is_decision}
        for event_id, option in self.table(key, value).items():
            if event_id not in events and not self.strict:
                continue
            if event_id not in events:
                raise self.fail(f"{key}.{event_id}", "no card with a decision has this id")
            ids = [o.id for o in events[event_id].options]
            if option not in ids and not self.strict:
                continue
            if option not in ids:
                raise self.fail(f"{key}.{event_id}", f"no option {option!r}; choose from {', '.join(ids)}", option)
            cards[event_id] = str(option)
        return cards

    def phase(self, key: str, data: Mapping[str, object], turn: int, before: Phase | None) -> Phase:
        tags = dict(before.tags) if before else {}
        levers = dict(before.levers) if before else {}
        cards = dict(before.cards) if before else {}
        if "tags" in data:
            tags = self.read_tags(f"{key}tags", data["tags"])
        levers.update(self.read_levers(f"{key}levers", data.get("levers", {})))
        cards.update(self.read_cards(f"{key}cards", data.get("cards", {})))
        return Phase(turn, tuple(sorted(tags.items())), tuple(sorted(levers.items())), tuple(sorted(cards.items())))


def _all_options(scenario: Scenario) -> list[Option]:
    options = [option for policy in scenario.policies for option in policy.options]
    return options + [option for event in scenario.events for option in event.options]


def read_strategy(path: str | Path, scenario: Scenario, text: str | None = None, strict: bool = True) -> Strategy:
    """Read and check a strategy file; StrategyError naming file, key and line otherwise.

    ``strict`` refuses a tag, lever or card the scenario does not have (a typo, in a
    user's file); the built-in strategies serve scenarios that lack some of them.
    """
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise StrategyError(f"{name}: cannot read the strategy: {reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StrategyError(f"{name}: not valid TOML: {error}") from None
    reader = _Reader(name, text, scenario, strict)
    for key in data:
        if key not in TOP_KEYS:
            raise reader.fail(key, f"unknown key; a strategy has {', '.join(sorted(TOP_KEYS))}")
    for key in ("name", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise reader.fail(key, "is required and should be a text")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", data["name"]):
        raise reader.fail("name", f"{data['name']!r} should be lower case letters, digits and _")
    wanted = data.get("scenario", "")
    if wanted and wanted != scenario.id:
        raise reader.fail("scenario", f"written for scenario {wanted!r}, not {scenario.id!r}")
    phases = [reader.phase("", data, 0, None)]
    switches = data.get("from", [])
    if not isinstance(switches, list):
        raise reader.fail("from", "should be a list of [[from]] tables")
    for number, switch in enumerate(switches):
        key = f"from[{number}]."
        switch = reader.table(f"from[{number}]", switch)
        for item in switch:
            if item not in PHASE_KEYS:
                raise reader.fail(f"{key}{item}", f"unknown key; a switch has {', '.join(sorted(PHASE_KEYS))}")
        if "month" not in switch:
            raise reader.fail(f"from[{number}]", "needs month = \"YYYY-MM\"")
        turn = reader.turn(f"{key}month", switch["month"])
        if turn <= phases[-1].turn:
            raise reader.fail(f"{key}month", "switches must come in calendar order, after the start")
        phases.append(reader.phase(key, switch, turn, phases[-1]))
    return Strategy(data["name"], data["description"].strip(), tuple(phases), wanted)


#: built-in strategies by scenario content hash: each file is read once per process
_BUILT: dict[str, dict[str, Strategy]] = {}


def built_in_strategies(scenario: Scenario) -> dict[str, Strategy]:
    """The strategies shipped with the game that fit ``scenario``, by name."""
    if scenario.content_hash in _BUILT:
        return _BUILT[scenario.content_hash]
    found: dict[str, Strategy] = {}
    for path in sorted(BUILT_IN.glob("*.toml")):
        head = tomllib.loads(path.read_text(encoding="utf-8"))
        if head.get("scenario", scenario.id) != scenario.id:
            continue
        try:
            strategy = read_strategy(path, scenario, strict=False)
        except StrategyError:
            continue  # it does not fit this scenario (another's file, or an edited one): not offered
        found[strategy.name] = strategy
    _BUILT[scenario.content_hash] = found
    return found
