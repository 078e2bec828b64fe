"""The window's cards, one at a time, for one :class:`game.table.Table`.

The table decides whose turn it is, hands the keyboard over, autosaves and rewinds; its
observers decide what each seat may see. What is left for the window is the order in
which one screen shows a seat's view: the first-turn briefing, the news since the seat
last decided (one card each, or one "Meanwhile" card in a lesson), the request, and
after each answer the result card, read by the seat that decided before any hand-over.
This module knows nothing of pygame, so it is tested like the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from game.saves import save_game
from game.table import EVERYONE_LOOKS, Observer, Table, TurnError
from game.table.view import Ask, EventAsk, LastDecision, NewsItem, SeatView, StandingAsk
from game.ui.branches import write_branches

__all__ = ["EVERYONE_LOOKS", "Card", "CardKind", "Deck"]


class CardKind(StrEnum):
    """What the card area shows."""

    BRIEFING = "briefing"
    NEWS = "news"
    MEANWHILE = "meanwhile"
    STANDING = "standing"
    EVENT = "event"
    RESULT = "result"
    END = "end"


#: cards the player reads and dismisses (Enter), as opposed to answering
READ_ONLY = (CardKind.BRIEFING, CardKind.NEWS, CardKind.MEANWHILE, CardKind.RESULT)


@dataclass(frozen=True)
class Card:
    """One card: its kind, the seat's view it was made from, and what it shows."""

    kind: CardKind
    view: SeatView
    news: tuple[NewsItem, ...] = ()
    #: the request to answer (standing, event), or the one just answered (result)
    ask: Ask | None = None
    #: what the seat's last decision did (result)
    last: LastDecision | None = None


def _news_key(item: NewsItem) -> tuple[object, ...]:
    return item.kind, item.turn, item.date, item.title, item.headline


class Deck:
    """Which card of which seat's view the window shows next; answers go to the table."""

    def __init__(self, table: Table) -> None:
        self.table = table
        #: seats that have read the first-turn briefing
        self.briefed: set[str] = set() if table.fresh else set(table.humans)
        #: bumped by every move, so a view is built once per move, not once per panel
        self.version = 0
        self._cached: tuple[int, str | None, SeatView] | None = None
        self._written_autosave: Path | None = table.last_autosave
        self._reset()

    def _reset(self) -> None:
        self.seen: dict[str, set[tuple[object, ...]]] = {power: set() for power in self.table.humans}
        #: the seat whose result card shows (it reads it before the keyboard passes)
        self.result_for: str | None = None
        #: the request each seat answered last (the result card tells what history did on it)
        self.answered: dict[str, Ask] = {}
        self._clocked: object = None
        self.version += 1

    # -- who is looking ------------------------------------------------------------------

    @property
    def viewer(self) -> str | None:
        """The power whose team is at the screen (None: everyone, at the end of a hot-seat game)."""
        if self.result_for is not None:
            return self.result_for
        if self.table.seat is not None:
            return self.table.seat
        if self.table.hot_seat or not self.table.humans:
            return None
        return self.table.humans[0]

    @property
    def handover(self) -> str | None:
        """The team that must take the keyboard before the next card (EVERYONE_LOOKS at the end)."""
        return None if self.result_for is not None else self.table.handover

    def handed_over(self) -> None:
        """The window showed the hand-over screen; the next team has the keyboard."""
        self.table.handed_over()
        self.version += 1

    def refresh(self) -> None:
        """The table may have moved outside the deck: build the next view afresh."""
        self.version += 1

    def view(self) -> SeatView:
        """The view of the seat at the screen, built once per move."""
        viewer = self.viewer
        if self._cached is None or self._cached[0] != self.version or self._cached[1] != viewer:
            self._cached = (self.version, viewer, self.table.view(viewer))
        return self._cached[2]

    def observer(self) -> Observer:
        """The observer of the seat at the screen (for a number's history)."""
        return self.table.observer(self.viewer)

    # -- the card ------------------------------------------------------------------------

    @property
    def card(self) -> Card:
        """The card the player is looking at."""
        view = self.view()
        if self.result_for is not None:
            return Card(CardKind.RESULT, view, ask=self.answered.get(self.result_for), last=view.last)
        power = self.viewer
        if power is not None and power not in self.briefed and not view.over:
            return Card(CardKind.BRIEFING, view)
        unseen = self._unseen(view)
        if unseen:
            if view.lesson is not None:
                return Card(CardKind.MEANWHILE, view, news=tuple(unseen))
            return Card(CardKind.NEWS, view, news=(unseen[0],))
        if isinstance(view.request, StandingAsk):
            return Card(CardKind.STANDING, view, ask=view.request)
        if isinstance(view.request, EventAsk):
            return Card(CardKind.EVENT, view, ask=view.request)
        return Card(CardKind.END, view)

    def _unseen(self, view: SeatView) -> list[NewsItem]:
        if view.power is None:
            return []  # the end of a hot-seat game: the debrief tells everyone everything
        seen = self.seen.setdefault(view.power, set())
        return [item for item in view.since if _news_key(item) not in seen]

    def available_options(self) -> list[int]:
        """Indices of the options the player may take on the event card."""
        ask = self.view().request
        return [o.index for o in ask.options if o.available] if isinstance(ask, EventAsk) else []

    def offered_orders(self, ask: StandingAsk) -> list[int]:
        """The orders a month's review starts from: an order the player has set away from history
        stays as they left it; one they never moved starts at its setting of that month in
        history, so leaving it alone never counts as leaving history.

        Worked out by the seat's observer from its own recorded choices, so it is the same
        after a load."""
        moved = self.observer().moved_orders()
        offered = []
        for asked in ask.policies:
            historical = next((o.index for o in asked.options if o.historical), asked.current)
            offered.append(asked.current if asked.id in moved else historical)
        return offered

    def start_clock(self) -> bool:
        """The decision card is shown for the first time: its clock starts now, not while the
        team read its news or the hand-over screen. True when it started."""
        request = self.table.request
        if request is None or request is self._clocked or self.card.kind not in (CardKind.STANDING, CardKind.EVENT):
            return False
        self._clocked = request
        self.table.timer.start()
        return True

    # -- acting --------------------------------------------------------------------------

    def dismiss(self) -> None:
        """The player has read the briefing, a news, meanwhile or result card."""
        card = self.card
        if card.kind is CardKind.RESULT:
            self.result_for = None
        elif card.kind is CardKind.BRIEFING and card.view.power is not None:
            self.briefed.add(card.view.power)
        elif card.kind in (CardKind.NEWS, CardKind.MEANWHILE) and card.view.power is not None:
            self.seen.setdefault(card.view.power, set()).update(_news_key(item) for item in card.news)
        self.version += 1

    def choose_event(self, index: int, reason: str = "") -> None:
        """Answer the event card with an option index (and the seat's reason, if it gave one)."""
        if self.card.kind is not CardKind.EVENT:
            raise TurnError("no event is waiting for a decision")
        self._answer(index, reason)

    def choose_standing(self, indices: list[int], reason: str = "") -> None:
        """Confirm the standing orders for the month (and the seat's reason, if it gave one)."""
        if self.card.kind is not CardKind.STANDING:
            raise TurnError("no standing review is waiting")
        self._answer(list(indices), reason)

    def skip(self) -> None:
        """The teacher moves on: the decision on the card is taken as in history."""
        if self.card.kind not in (CardKind.STANDING, CardKind.EVENT):
            raise TurnError("no decision is waiting")
        self._answer(None)

    def _answer(self, answer: int | list[int] | None, reason: str = "") -> None:
        view = self.view()
        power, ask = view.power, view.request
        if power is None or ask is None:
            raise TurnError("nothing is waiting for a decision")
        if answer is None:
            self.table.skip()
        else:
            self.table.answer(power, answer, reason=reason or None)
        self.answered[power] = ask
        self.result_for = power
        self.version += 1
        self._keep_branches()

    def rewind(self, turn: int) -> None:
        """Go back to the start of month ``turn`` (the table keeps the line left as a branch)."""
        self.table.rewind(turn)
        self._reset()

    # -- saving --------------------------------------------------------------------------

    def take_autosave_error(self) -> str:
        """The last autosave's failure, once (empty when it worked)."""
        error, self.table.autosave_error = self.table.autosave_error, ""
        return error

    def save(self, path: Path) -> Path:
        """Save to ``path`` with the timeline's branches beside it; raises OSError."""
        saved = save_game(self.table.session, path, make_folder=True)
        write_branches(saved, self.table.branches)
        return saved

    def _keep_branches(self) -> None:
        """Each new autosave gets the timeline's branches beside it, like a manual save."""
        path = self.table.last_autosave
        if path is None or path == self._written_autosave:
            return
        self._written_autosave = path
        try:
            write_branches(path, self.table.branches)
        except OSError as error:
            self.table.autosave_error = f"Autosave of the timeline failed: {error}"


def everyone(handover: str | None) -> bool:
    """True for the hand-over at the end of a hot-seat game, when every team may look."""
    return handover == EVERYONE_LOOKS
