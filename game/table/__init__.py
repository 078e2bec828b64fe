"""The table: one game in progress at a table of people, and what each seat may see.

Every front end (the terminal, the window, the browser classroom) drives a
:class:`Table` and renders the :class:`SeatView` an :class:`Observer` builds for the
seat at the screen; none of them decides what a team may know. The information rules
are in :mod:`game.table.knowledge`; how a front end uses the table is told in the
docstrings of :mod:`game.table.table` and :mod:`game.table.observer`.
"""

from game.table.calendar import format_date, month_name
from game.table.causes import UNKNOWN_CAUSES, CauseLine, CauseMonth, summarise_causes
from game.table.knowledge import EVERYONE, Knowledge, can_see, visible_state
from game.table.observer import Observer, PublicObserver, ask_view
from game.table.table import EVERYONE_LOOKS, Branch, SeatMark, Table, TurnError
from game.table.view import (
    Ask,
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

__all__ = [
    "EVERYONE", "EVERYONE_LOOKS", "UNKNOWN_CAUSES", "Ask", "AskKind", "Branch", "CauseLine", "CauseMonth",
    "CauseView", "Change", "ClockView", "Decided", "EndingView", "EventAsk", "Figure", "Knowledge", "LastDecision",
    "LessonView", "LoggedChoice", "MonthLog", "NewsItem", "NewsKind", "Observer", "OptionView", "OrderView",
    "PolicyAsk", "PublicNews", "PublicObserver", "PublicView", "SeatMark", "SeatView", "StandingAsk", "Table",
    "TurnError", "VariableView", "WhyView", "ask_view", "can_see", "format_date", "month_name", "summarise_causes",
    "visible_state",
]
