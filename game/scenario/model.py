"""The Scenario value: what a game is, compiled and checked, independent of any play.

The loader builds these from TOML; the engine reads them and never mutates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.expressions import Expression

#: how well a card's weakest premise is attested; ``general`` is history from outside the
#: article (battles, dates), graded apart so students know where the article stops
EVIDENCE_GRADES = ("documented", "general", "reported", "alleged", "doubtful")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the unit of a turn.

    >>> Month.parse("1943-04").next()
    Month(year=1943, month=5)
    >>> str(Month(1942, 11))
    '1942-11'
    """

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM`` (or the month of ``YYYY-MM-DD``); raise ValueError otherwise."""
        if not isinstance(text, str):
            raise ValueError(f"expected a date string, got {text!r}")
        parts = text.split("-")
        if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
            raise ValueError(f"{text!r} is not a date of the form YYYY-MM or YYYY-MM-DD")
        year, month = int(parts[0]), int(parts[1])
        if not 1 <= month <= 12 or len(parts[0]) != 4:
            raise ValueError(f"{text!r} is not a valid month")
        return cls(year, month)

    def next(self) -> Month:
        """The month after this one."""
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def minus(self, other: Month) -> int:
        """Whole months from ``other`` to this month."""
        return (self.year - other.year) * 12 + (self.month - other.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Variable:
    """One number in the state, with its bounds and meaning."""

    id: str
    label: str
    description: str
    min: float
    max: float
    start: float
    unit: str = ""
    hidden: bool = False
    #: powers that do not see this variable (docs/scenario-format.md, "Who sees what")
    hidden_from: tuple[str, ...] = ()
    #: per hidden power, the condition under which it sees the variable after all
    reveal: tuple[tuple[str, Expression], ...] = ()

    def hidden_for(self, power: str) -> bool:
        """True if ``power`` is one of the powers this variable is hidden from."""
        return power in self.hidden_from

    def reveal_for(self, power: str) -> Expression | None:
        """The condition that reveals this variable to ``power``, if there is one."""
        for who, condition in self.reveal:
            if who == power:
                return condition
        return None


@dataclass(frozen=True)
class Param:
    """A named model number that counterfactuals may change."""

    id: str
    value: float
    description: str


@dataclass(frozen=True)
class Power:
    """One of the three powers of the triangle."""

    id: str
    name: str
    human: bool
    description: str = ""
    #: the role card: what the power wants, what it dreads, what it knows at the start
    aims: str = ""
    fears: str = ""
    knows: str = ""
    #: lesson mode: the turns at which a team playing this power sets its standing policies
    lesson_turns: tuple[int, ...] = ()
    #: what front ends show: the team's name ("the Soviet team"), its colour ("#rrggbb"),
    #: its marker shape ("circle", "square" or "triangle") and who decided for it in history
    team: str = ""
    colour: str = ""
    shape: str = ""
    player: str = ""


@dataclass(frozen=True)
class Change:
    """Change one variable: ``add`` an amount, ``set`` a value, or a random draw."""

    column: int
    var: str
    mode: str  # "add", "set", "uniform" or "normal"
    amount: Expression | None = None
    low: float = 0.0
    high: float = 0.0


@dataclass(frozen=True)
class Branch:
    """With probability ``chance`` apply ``then``, otherwise ``orelse``."""

    chance: Expression
    label: str
    then: tuple[Effect, ...]
    orelse: tuple[Effect, ...]


Effect = Change | Branch


@dataclass(frozen=True)
class Option:
    """A choice on an event card or in a standing policy."""

    id: str
    label: str
    hint: str
    effects: tuple[Effect, ...]
    condition: Expression | None = None
    ai: Expression | None = None
    tags: tuple[str, ...] = ()
    #: told to the deciding seat after the choice: what this choice did (one or two sentences)
    outcome: str = ""
    #: told to the other powers that learn of the choice, as news ("Germany did not attack")
    told: str = ""
    #: why a computer player might take it; front ends fall back on ``hint`` when empty
    reason: str = ""


def option_index(options: tuple[Option, ...], option_id: str) -> int:
    """The index of the option called ``option_id``; raise KeyError if there is none."""
    for index, option in enumerate(options):
        if option.id == option_id:
            return index
    raise KeyError(option_id)


@dataclass(frozen=True)
class StandingPolicy:
    """A monthly lever of one power, whose chosen option applies every month."""

    id: str
    power: str
    label: str
    explain: str
    options: tuple[Option, ...]
    default: int
    #: option index in force historically for every turn of the calendar
    historical: tuple[int, ...]
    #: the other powers that learn which option is in force (None: decided by what the
    #: options change, see game/table/knowledge.py)
    seen_by: tuple[str, ...] | None = None

    def option_index(self, option_id: str) -> int:
        """The index of an option by id; raise KeyError if there is none."""
        return option_index(self.options, option_id)


@dataclass(frozen=True)
class ChanceText:
    """The story of a chance branch (matched by its ``label``): told when it goes each way."""

    label: str
    then: str
    orelse: str = ""


@dataclass(frozen=True)
class Event:
    """A dated or conditional event, possibly with a decision for one power."""

    id: str
    title: str
    text: str
    notes: tuple[int, ...]
    evidence: str
    effects: tuple[Effect, ...]
    options: tuple[Option, ...]
    power: str | None
    historical: int | None
    #: for dated events: the turn and day; conditional events have turn None
    turn: int | None
    day: int
    date: str
    condition: Expression | None
    probability: Expression | None
    when: Expression | None = None
    first_turn: int = 0
    last_turn: int = 10_000
    once: bool = True
    framing: str = ""
    #: lesson mode: a key card that a team decides (the rest are taken as in history)
    lesson: bool = False
    #: lesson mode: a card a team decides only if the budget still has room for it
    lesson_extra: bool = False
    #: what really happened in 1943, told after the decision (decision cards)
    in_1943: str = ""
    #: the powers that learn of the event and of the option chosen on it (None: decided
    #: by what it changes, see game/table/knowledge.py)
    seen_by: tuple[str, ...] | None = None
    #: numbers shown on the card, e.g. Berlin's offer beside Moscow's price: (label, expression)
    figures: tuple[tuple[str, Expression], ...] = ()
    #: labels of the figures the card itself tells the deciding power (``told = true``): the
    #: offer a go-between names is known to the listener even though its causes are not
    told_figures: frozenset[str] = frozenset()
    #: what a chance branch of this card means for the player, by branch label
    chance_texts: tuple[ChanceText, ...] = ()

    @property
    def is_decision(self) -> bool:
        """True when a power chooses among options."""
        return self.power is not None and len(self.options) > 0

    def option_index(self, option_id: str) -> int:
        """The index of an option by id; raise KeyError if there is none."""
        return option_index(self.options, option_id)


@dataclass(frozen=True)
class Rule:
    """A monthly rule of the model that applies whatever anyone decides."""

    id: str
    title: str
    explain: str
    notes: tuple[int, ...]
    condition: Expression | None
    effects: tuple[Effect, ...]
    chance_texts: tuple[ChanceText, ...] = ()


@dataclass(frozen=True)
class Epilogue:
    """Shown after the ending: the article's conclusion and, per ending, where the year departed."""

    title: str
    text: str
    notes: tuple[int, ...] = ()
    #: ending id -> a paragraph on how a game that ended so differs from 1943
    endings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceExtract:
    """A short quotation the source prints, for students who cannot open it (``[[extracts]]``).

    The quotation is the speaker's words as the source quotes them; the rest is the
    scenario's own framing: who spoke and when, the footnote, what it cites in plain words,
    and the cards and question of the lesson it helps with.
    """

    number: int
    speaker: str
    date: str
    quotation: str
    note: int
    cited: str
    context: str
    #: event ids of the cards it goes with
    cards: tuple[str, ...]
    #: the lesson question (1-4) it helps to answer
    question: int


@dataclass(frozen=True)
class Ending:
    """A way the game can end, checked at the end of each month (or only the last)."""

    id: str
    title: str
    text: str
    condition: Expression
    final: bool
    judgement: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Channel:
    """A way notes travel between teams (``[[channels]]``), and what sending one does.

    A note is words between people, but the channel it travels on is part of the model:
    a note through go-betweens in a neutral capital deepens the contact and may leak.
    ``effects`` are applied to the state each time a note is sent (at most
    ``per_month`` notes per sending power and month).
    """

    id: str
    label: str
    powers: tuple[str, ...]
    text: str
    effects: tuple[Effect, ...]
    per_month: int = 2


@dataclass(frozen=True)
class GlossaryEntry:
    """Who or what a name on a card refers to."""

    term: str
    text: str


SHAPES = ("circle", "square", "triangle")


@dataclass(frozen=True)
class Question:
    """A question for the class (``[[presentation.questions]]``): the printed debrief asks
    ``text``; the packet's exit ticket asks the ``short`` form when the scenario gives one."""

    text: str
    short: str = ""

    @property
    def ticket(self) -> str:
        """The exit ticket's wording."""
        return self.short or self.text


@dataclass(frozen=True)
class Edge:
    """One edge of the triangle a front end draws: between powers ``a`` and ``b``, showing ``variable``."""

    a: str
    b: str
    variable: str
    style: str = ""


@dataclass(frozen=True)
class Judgement:
    """One heading of the debrief's judgement: a template and clauses added when they hold.

    Template fields are variable ids: ``{front:.0f}`` the value at the end,
    ``{front.history:.0f}`` the value in the historical twin, ``{front.diff:+.0f}`` the
    difference. Of the ``clauses`` (condition, template), the first that holds at the end
    is appended.
    """

    heading: str
    text: str
    clauses: tuple[tuple[Expression, str], ...] = ()


@dataclass(frozen=True)
class MapBinding:
    """``[presentation.map]``: the map a scenario is drawn on (see game/scenario/mapbinding.py).

    ``folder`` is the checked, resolved map folder; ``cities`` the ids of the cities labelled;
    ``behind_front`` and ``ahead_of_front`` the powers holding the land on either side of the
    front ("" when the scenario does not say), whose colours the occupied band and the held
    land take.
    """

    folder: str
    cities: tuple[str, ...] = ()
    capital: str = ""
    behind_front: str = ""
    ahead_of_front: str = ""


@dataclass(frozen=True)
class Presentation:
    """What front ends bind to (the ``[presentation]`` table): never hard-coded ids.

    ``judgements`` are the debrief's headings (see :class:`Judgement`); ``map`` is the map
    (None: the scenario has none, and the front ends draw a gauge of the front variable).
    """

    map: MapBinding | None = None
    front_variable: str | None = None
    triangle: tuple[Edge, ...] = ()
    charts: tuple[str, ...] = ()
    as_in_history: str = "as in history"
    judgements: tuple[Judgement, ...] = ()
    main_variables: tuple[str, ...] = ()
    #: the variables the agency report judges a departure on (empty: every shown variable)
    judged_variables: tuple[str, ...] = ()
    good_when_high: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the variables good for a power when low (Soviet losses for Moscow, the front for Berlin)
    good_when_low: tuple[tuple[str, tuple[str, ...]], ...] = ()
    losses_variable: str | None = None
    #: the questions the debrief and the exit ticket put to the class (empty: neutral ones)
    questions: tuple[Question, ...] = ()

    def good_for(self, power: str) -> tuple[str, ...]:
        """The variables that are good for ``power`` when high."""
        return dict(self.good_when_high).get(power, ())

    def good_low_for(self, power: str) -> tuple[str, ...]:
        """The variables that are good for ``power`` when low."""
        return dict(self.good_when_low).get(power, ())

    def better_high(self, power: str | None, var: str) -> bool | None:
        """True when higher ``var`` is better for ``power``, False when lower is, None when the
        scenario calls neither end better (or there is no power)."""
        if power is None:
            return None
        if var in self.good_for(power):
            return True
        if var in self.good_low_for(power):
            return False
        return None


@dataclass(frozen=True)
class Scenario:
    """A whole checked scenario. Built by :func:`game.scenario.load_scenario`."""

    id: str
    title: str
    description: str
    sources: tuple[str, ...]
    path: str
    content_hash: str
    months: tuple[Month, ...]
    variables: tuple[Variable, ...]
    params: dict[str, Param]
    powers: tuple[Power, ...]
    policies: tuple[StandingPolicy, ...]
    events: tuple[Event, ...]
    rules: tuple[Rule, ...]
    endings: tuple[Ending, ...]
    glossary: tuple[GlossaryEntry, ...]
    reference: dict[str, tuple[float, ...]]
    presentation: Presentation = field(default_factory=Presentation)
    #: the key to the evidence grades, one sentence per grade, for every front end and printout
    grades: dict[str, str] = field(default_factory=dict)
    #: note number -> the source line of that footnote (author, title, date)
    note_sources: dict[int, str] = field(default_factory=dict)
    epilogue: Epilogue | None = None
    #: the channels teams may send notes on (empty: no notes)
    channels: tuple[Channel, ...] = ()
    #: quotations for the student packet, in their order
    extracts: tuple[SourceExtract, ...] = ()

    def extracts_for(self, cards: set[str]) -> list[SourceExtract]:
        """The source extracts tied to any of ``cards`` (all of them when ``cards`` is empty)."""
        if not cards:
            return list(self.extracts)
        return [extract for extract in self.extracts if cards & set(extract.cards)]

    def channel(self, channel_id: str) -> Channel:
        """A channel by id; raise KeyError if unknown."""
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(channel_id)

    @property
    def variable_ids(self) -> list[str]:
        """Variable ids in column order."""
        return [variable.id for variable in self.variables]

    def column(self, variable_id: str) -> int:
        """The state column of a variable; raise KeyError if unknown."""
        for index, variable in enumerate(self.variables):
            if variable.id == variable_id:
                return index
        raise KeyError(variable_id)

    def param_values(self) -> dict[str, float]:
        """The default parameter values, as the engine reads them."""
        return {param.id: param.value for param in self.params.values()}

    def event(self, event_id: str) -> Event:
        """An event by id; raise KeyError if unknown."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def policy(self, policy_id: str) -> StandingPolicy:
        """A standing policy by id; raise KeyError if unknown."""
        for policy in self.policies:
            if policy.id == policy_id:
                return policy
        raise KeyError(policy_id)

    def power(self, power_id: str) -> Power:
        """A power by id; raise KeyError if unknown."""
        for power in self.powers:
            if power.id == power_id:
                return power
        raise KeyError(power_id)

    def ending(self, ending_id: str) -> Ending:
        """An ending by id; raise KeyError if unknown."""
        for ending in self.endings:
            if ending.id == ending_id:
                return ending
        raise KeyError(ending_id)

    @property
    def human_powers(self) -> tuple[str, ...]:
        """The powers people play by default."""
        return tuple(power.id for power in self.powers if power.human)
