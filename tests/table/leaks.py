"""The no-leak check: every string a seat is handed, against what is hidden from its power.

What is hidden from a power at a moment comes from the scenario's rules as
:class:`game.table.knowledge.Knowledge` reads them at that moment:

- a variable it does not see: its value (the view must carry None), and its label
  anywhere but in the "not known to you" row of the dashboard;
- an event that fired and that it did not learn of: its title;
- the option chosen on such an event: its label and its outcome text.

The check is independent of how the observer assembles a view: it reads the session's
log itself and looks for the forbidden texts in every string of the view.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from game.table import AskKind, Knowledge, SeatView, Table


@dataclass(frozen=True)
class Leak:
    """One forbidden text found in a view."""

    power: str
    month: str
    secret: str
    found_in: str

    def __str__(self) -> str:
        return f"{self.power} in {self.month}: {self.secret!r} in {self.found_in[:120]!r}"


def secrets(table: Table, power: str) -> tuple[set[str], set[str]]:
    """(the labels of the variables hidden from ``power`` now, the texts of acts it did not learn of)."""
    knowledge = Knowledge.of(table.session)
    scenario = table.scenario
    hidden_labels = {v.label for v in knowledge.hidden_from(power)}
    known_texts: set[str] = set()
    unknown_texts: set[str] = set()
    for turn, event_id in table.session.log.fired:
        event = scenario.event(event_id)
        option = knowledge.choice(turn, event)
        texts = {event.title}
        if option is not None:
            texts |= {option.label, option.outcome, option.told} - {""}
        (known_texts if knowledge.knows_fired(power, turn, event) else unknown_texts).update(texts)
    # a text both known (from a card the power saw) and unknown is not a secret
    return hidden_labels, unknown_texts - known_texts


def leaks(table: Table, view: SeatView) -> list[Leak]:
    """Every forbidden text in ``view`` (and in the seat's answers to ``why`` for each variable)."""
    power = view.power
    assert power is not None, "the teacher's view hides nothing"
    hidden_labels, unknown = secrets(table, power)
    found: list[Leak] = []
    hidden_ids = {v.id for v in view.variables if v.label in hidden_labels}
    for variable in view.variables:
        if variable.id in hidden_ids and (variable.value is not None or variable.change is not None):
            found.append(Leak(power, view.month_id, variable.label, f"value {variable.value}"))
    data = view.to_json()
    # the dashboard row of a hidden variable names it, as "not known to you": that is allowed
    data["variables"] = [row for row in data["variables"] if row["id"] not in hidden_ids]
    strings: list[str] = []
    _collect(data, strings)
    observer = table.observer(power)
    for variable in table.scenario.variables:
        why = observer.why(variable.id)
        strings += [line.label for month in why.months for line in month.lines]
    for var in [c["var"] for c in data["causes"]] + [c["var"] for c in (data["last"] or {}).get("changes", [])]:
        if var in hidden_ids:
            found.append(Leak(power, view.month_id, var, "a cause or change of a hidden variable"))
    patterns = [(secret, _phrase(secret)) for secret in hidden_labels | unknown]
    for text in strings:
        for secret, pattern in patterns:
            if pattern.search(text):
                found.append(Leak(power, view.month_id, secret, text))
    return found


def _phrase(secret: str) -> re.Pattern[str]:
    """A secret as it would be told: a long text anywhere; a short label as a whole part of a line
    ("Title: label", "label (chance: yes)"), so that "Keep it" does not match "Keep it in reserve"."""
    if len(secret) >= LONG:
        return re.compile(re.escape(secret))
    return re.compile(r"(?:^|: |— |, )" + re.escape(secret) + r"(?:$|:| \(|\.|,| —)")


#: texts at least this long are secrets wherever they appear
LONG = 30


def _collect(value: object, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)


def answer_randomly(table: Table, rng: random.Random) -> None:
    """Answer the waiting seat's request with any open option (the seat's own view tells which)."""
    view = table.view(table.waiting_for)
    request = view.request
    assert request is not None
    if request.kind is AskKind.STANDING:
        table.answer(view.power or "", [rng.randrange(len(p.options)) for p in request.policies])
    else:
        table.answer(view.power or "", rng.choice([o.index for o in request.options if o.available]))
