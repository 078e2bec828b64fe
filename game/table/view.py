"""What one seat may see, as plain data: :class:`SeatView` and the parts it is made of.

Every field is a str, a number, a bool, None, a list or another of these dataclasses, so
:meth:`SeatView.to_json` is a plain dict a browser can be sent as it is. The values are
already filtered by the information rules (game/table/knowledge.py): a front end shows
what it is given and never needs to decide what a team may know.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum, StrEnum
from typing import Any

from game.table.causes import CauseMonth


class AskKind(StrEnum):
    """What a seat is asked: to set its standing orders for the month, or to answer a card."""

    STANDING = "standing"
    EVENT = "event"


class NewsKind(StrEnum):
    """A line of "since you last decided"."""

    EVENT = "event"  # something happened that this power knew of
    DECISION = "decision"  # another power decided a card this power knew of
    ORDER = "order"  # this power's own standing order, changed as in history (lesson mode)


@dataclass(frozen=True)
class OptionView:
    """One option of a card or of a standing policy. ``index`` is what :meth:`Table.answer` takes."""

    index: int
    id: str
    label: str
    hint: str
    available: bool = True
    #: for standing policies: the option in force now
    current: bool = False
    #: the option taken in history (shown by the teacher's "skip", and the debrief)
    historical: bool = False


@dataclass(frozen=True)
class PolicyAsk:
    """One standing policy in a standing request."""

    id: str
    label: str
    explain: str
    current: int
    options: list[OptionView]


@dataclass(frozen=True)
class StandingAsk:
    """A standing request: set every standing policy of the power for the month.

    Answer with one option index per policy, in this order (``Table.answer``), or keep
    them all (``Table.keep``).
    """

    power: str
    month: str
    policies: list[PolicyAsk]
    kind: AskKind = AskKind.STANDING


@dataclass(frozen=True)
class Figure:
    """A number shown on a card ("Berlin's offer"), computed from the state now."""

    label: str
    value: float


@dataclass(frozen=True)
class EventAsk:
    """An event request: a card to decide. Answer with the index of an available option."""

    power: str
    id: str
    title: str
    text: str
    date: str
    notes: list[int]
    evidence: str
    framing: str
    options: list[OptionView]
    figures: list[Figure] = field(default_factory=list)
    #: the sentence that explains the card's evidence grade (the scenario's ``[grades]``)
    grade: str = ""
    kind: AskKind = AskKind.EVENT


Ask = StandingAsk | EventAsk


def shown_difference(value: float, change: float) -> int:
    """How far a number that now reads ``value`` moved by ``change``, counted as a player counts
    it: the difference of the two whole numbers shown (29.6 → 28.4 reads 30 → 28: −2)."""
    return round(value) - round(value - change)


@dataclass(frozen=True)
class VariableView:
    """One number of the state as the seat knows it (``value`` None: not known to this power)."""

    id: str
    label: str
    description: str
    unit: str
    value: float | None
    #: the change since the seat last decided (see :attr:`SeatView.change_span`); None if unknown
    change: float | None
    low: float
    high: float

    @property
    def moved(self) -> int:
        """The change as the difference of the two whole numbers a player reads (0 when not known):
        29.6 → 28.4 reads as 30 → 28, so it moved by −2, whatever the unrounded −1.2 would round to."""
        if self.value is None or self.change is None:
            return 0
        return shown_difference(self.value, self.change)

    @property
    def known(self) -> bool:
        """True when the seat sees the value."""
        return self.value is not None


@dataclass(frozen=True)
class NewsItem:
    """One line of "since you last decided": told as what happened, not as a card."""

    kind: NewsKind
    turn: int
    date: str  # "6 November 1942" or "April 1943"
    headline: str  # the line to show: an event's title, or the outcome of a decision
    title: str = ""  # the card's title (the same as the headline for plain events)
    text: str = ""  # the card's text, for plain events
    power: str | None = None  # who decided
    option: str = ""  # what was chosen (its label)
    as_in_history: bool = False  # taken as in history by lesson mode
    framing: str = ""  # "For the classroom" note, given once to each seat
    chances: list[str] = field(default_factory=list)  # chance results: "The bomb goes off: no"
    evidence: str = ""
    notes: list[int] = field(default_factory=list)
    grade: str = ""  # the sentence that explains the evidence grade
    #: for a computer power's decision: why it took it (the option's ``reason``, else its ``hint``)
    reason: str = ""


@dataclass(frozen=True)
class OrderView:
    """A standing order of another power that this power knows of."""

    power: str
    power_name: str
    policy: str
    label: str
    option: str
    changed: bool  # changed since this seat last decided


@dataclass(frozen=True)
class Change:
    """A numeric change one of the seat's decisions caused."""

    var: str
    label: str
    amount: float


@dataclass(frozen=True)
class Decided:
    """One thing the seat decided, with what it did and what was done in 1943."""

    title: str
    option: str
    outcome: str = ""
    in_1943: str = ""


@dataclass(frozen=True)
class LastDecision:
    """The outcome of the seat's last decision."""

    turn: int
    month: str
    kind: AskKind
    decided: list[Decided]
    changes: list[Change]
    chances: list[str]
    reason: str = ""  # the seat's own reason for it, as it gave it ("" when none)


@dataclass(frozen=True)
class CauseView:
    """One known line of the cause log."""

    turn: int
    var: str
    amount: float
    label: str


@dataclass(frozen=True)
class EndingView:
    """How the game ended."""

    id: str
    title: str
    text: str
    month: str
    #: the ending month's place in the calendar (0 for the first month), for "month N of M"
    turn: int


@dataclass(frozen=True)
class LessonView:
    """Lesson mode's budget: decisions asked of the teams so far, and the most there will be."""

    asked: int
    budget: int


@dataclass(frozen=True)
class ClockView:
    """The turn clock (``seconds`` None: no clock)."""

    seconds: float | None
    remaining: float | None
    paused: bool
    expired: bool


@dataclass(frozen=True)
class SeatView:
    """Everything one seat may see now. ``power`` None is the teacher's view (everything)."""

    power: str | None
    power_name: str
    team: str
    month: str  # "April 1943"
    month_id: str  # "1943-04"
    turn: int
    months_total: int
    variables: list[VariableView]
    change_span: str  # "since you last decided, in March 1943"
    request: Ask | None
    since: list[NewsItem]
    orders: list[OrderView]
    causes: list[CauseView]  # known causes since the seat last decided
    last: LastDecision | None
    over: bool
    ending: EndingView | None
    lesson: LessonView | None
    clock: ClockView
    #: the seat that must take the keyboard before anything is shown (hot seat); "*": everyone
    handover: str | None
    #: this seat's turn to decide
    deciding: bool
    #: the seat's own standing orders in force (empty for the teacher)
    own_orders: list[OrderView] = field(default_factory=list)
    #: the name of the group playing ("" when none was given)
    group: str = ""

    def to_json(self) -> dict[str, Any]:
        """A plain dict (str, numbers, bools, None, lists, dicts) for ``json.dumps``."""
        result = _plain(asdict(self))
        assert isinstance(result, dict)
        return result

    def strings(self) -> list[str]:
        """Every string in the view (the leak test checks each against what is hidden)."""
        found: list[str] = []
        _collect(self.to_json(), found)
        return found


@dataclass(frozen=True)
class LoggedChoice:
    """A recorded choice in a month of the timeline, as a seat may read it."""

    kind: AskKind
    power: str
    power_name: str
    text: str  # "Katyn: Deny and break with the London Poles" (card or policy, then the option)
    auto: bool  # taken as in history by lesson mode, not by a team


@dataclass(frozen=True)
class MonthLog:
    """One month of the timeline as a seat knows it: what fired, what was decided."""

    turn: int
    month: str  # "April 1943"
    events: list[str]  # "6 November 1942: title", or the title when the card has no date
    decisions: list[LoggedChoice]  # event cards decided this month
    #: standing orders: those changed this month (every one in the first month)
    orders: list[LoggedChoice]


@dataclass(frozen=True)
class PublicNews:
    """An event every power knows of, for the room's screen."""

    month: str
    title: str


@dataclass(frozen=True)
class PublicView:
    """What the room's screen may show: the numbers and the events every power knows."""

    #: every shown variable, with ``value`` None unless every power sees it now
    variables: list[VariableView]
    news: list[PublicNews]


@dataclass(frozen=True)
class WhyView:
    """What moved a variable, month by month, as a seat may know it."""

    var: str
    label: str
    known: bool
    months: list[CauseMonth]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _collect(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            found.append(key)
            _collect(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)
