"""The orders a seat is setting: its draft of the month's standing review, before it confirms."""

from __future__ import annotations

from game.table.view import StandingAsk
from game.ui.deck import Deck


class Drafts:
    """One option index per policy of the standing review on the card, as the player moves them."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.draft: list[int] = []
        #: what the review offered (see :meth:`Deck.offered_orders`): "changed" is measured from it
        self.offered: list[int] = []
        #: the review the draft belongs to: (power, month); another review starts a new draft
        self.key: tuple[str, str] | None = None
        #: the order the card explains (the focused one)
        self.index = 0

    @property
    def draft_turn(self) -> int:
        """The turn of the review the draft belongs to (-1: none)."""
        return self.deck.view().turn if self.key is not None else -1

    def reset(self) -> None:
        self.key = None

    def sync(self, ask: StandingAsk) -> None:
        """Start a draft from what the review offers, unless this review already has one."""
        key = (ask.power, ask.month)
        if self.key != key or len(self.draft) != len(ask.policies):
            self.draft = self.deck.offered_orders(ask)
            self.offered = list(self.draft)
            self.key = key
            self.index = 0

    def set(self, draft: list[int], ask: StandingAsk) -> None:
        """Put a whole draft in place (a pilot answering as in history)."""
        self.sync(ask)
        self.draft = list(draft)

    def cycle(self, ask: StandingAsk, index: int, delta: int) -> None:
        options = ask.policies[index].options
        self.draft[index] = (self.draft[index] + delta) % len(options)
        self.index = index

    def changed(self, index: int) -> bool:
        """True when the player moved order ``index`` from what the review offered."""
        return self.draft[index] != self.offered[index]

    def drafted(self) -> dict[str, str]:
        """Policy id -> the drafted option's label, while the review is on the card."""
        ask = self.deck.view().request
        if not isinstance(ask, StandingAsk) or self.key != (ask.power, ask.month):
            return {}
        return {p.id: p.options[i].label for p, i in zip(ask.policies, self.draft, strict=False)}
