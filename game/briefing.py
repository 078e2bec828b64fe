"""The first-turn briefing and the "How to play" page, read from the scenario.

Who the player is, what they want, and every way the year can end with what leads
there, all derived from the scenario file (powers, endings, the events and rules that
set an ending's flag, their conditions in words), so a second scenario gets its own
briefing without a line of window code. pygame-free, so it is tested like the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.scenario.model import Ending, Event, Power, Scenario

OPERATORS = (("<=", "at most"), (">=", "at least"), ("==", "equal to"), ("<", "below"), (">", "above"))


def condition_in_words(scenario: Scenario, source: str) -> str:
    """``stalin_trust <= 8 and western_alarm >= 90`` → ``Stalin's trust … at most 8 and Western alarm at least 90``.

    Flags (0/1 variables) compared with 1 read as their label; other identifiers are
    replaced by labels, operators by words; anything else stays as written.
    """
    labels = {v.id: v for v in scenario.variables}

    def flag(match: re.Match) -> str:
        variable = labels.get(match.group(1))
        if variable is not None and variable.max <= 1 and float(match.group(3)) >= 1:
            return f"“{variable.label}”"
        return match.group(0)

    text = re.sub(r"\b([a-z_]+)\s*(>=|==)\s*([0-9.]+)", flag, source.strip())
    for symbol, words in OPERATORS:
        text = text.replace(symbol, f" {words} ")
    text = re.sub(r"\b[a-z_]+\b", lambda m: labels[m.group(0)].label if m.group(0) in labels else m.group(0), text)
    return " ".join(text.split())


SIMPLE = re.compile(r"[a-z_]+\s*(<=|>=|<|>)\s*[0-9.]+")


def _top_level(source: str, word: str) -> list[str]:
    """``source`` split on ``word`` ("and"/"or") outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for token in re.split(r"(\(|\)|\s+)", source):
        depth += token == "("
        depth -= token == ")"
        if token == word and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(token)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def _plain(scenario: Scenario, clause: str, alternative: bool = False) -> str | None:
    """A clause a player can act on, in words (thresholds on shown numbers); None for the rest.

    Of terms joined by "and", those on numbers nobody is shown are left out: what remains still
    has to hold. Of alternatives joined by "or", leaving one out would tell the player a card
    cannot come when it can (the brink comes on the West's own feelers too), so a threshold on
    a hidden number is named and marked as not shown (``alternative``).
    """
    clause = clause.strip()
    while clause.startswith("(") and clause.endswith(")"):
        clause = clause[1:-1].strip()
    options = _top_level(clause, "or")
    if len(options) > 1:
        words = [w for w in (_plain(scenario, option, alternative=True) for option in options) if w]
        if words and len(words) < len(options):
            words.append("other conditions")  # an alternative left out would read as impossible
        return " or ".join(f"({w})" if " and " in w else w for w in words) if words else None
    terms = _top_level(clause, "and")
    if len(terms) > 1:
        words = [w for w in (_plain(scenario, term) for term in terms) if w]
        return " and ".join(f"({w})" if " or " in w and len(words) > 1 else w for w in words) if words else None
    shown = {v.id for v in scenario.variables if not v.hidden and v.max > 1}
    hidden = {v.id for v in scenario.variables if v.hidden and v.max > 1}
    if SIMPLE.fullmatch(clause) and clause.split()[0] in shown:
        return condition_in_words(scenario, clause)
    if alternative and SIMPLE.fullmatch(clause) and clause.split()[0] in hidden:
        return f"{condition_in_words(scenario, clause)} (a number not shown to you)"
    return _figure_clause(scenario, clause)


def _figure_clause(scenario: Scenario, clause: str) -> str | None:
    """``(100 - nazi_intransigence + …) >= 20`` → ``Berlin's offer at least 20``: a threshold on
    an expression that a card shows as a figure reads by the figure's name."""
    match = re.fullmatch(r"\((?P<inner>.+)\)\s*(?P<op><=|>=|<|>)\s*(?P<number>[0-9.]+)", clause, re.S)
    if match is None:
        return None
    inner = " ".join(match["inner"].split())
    for event in scenario.events:
        for label, expression in event.figures:
            if " ".join(expression.source.split()) == inner:
                return f"{label} {dict(OPERATORS)[match['op']]} {match['number']}"
    return None


def when_in_words(scenario: Scenario, event: Event) -> str:
    """What brings ``event`` up, as far as shown numbers say it (empty when nothing simple does)."""
    source = event.when.source if event.when is not None else event.condition.source if event.condition else ""
    return _plain(scenario, source) or ""


def _sets(effects, var: str) -> bool:
    for effect in effects:
        if getattr(effect, "var", None) == var:
            return True
        if hasattr(effect, "then") and (_sets(effect.then, var) or _sets(effect.orelse, var)):
            return True
    return False


def _flag_of(ending: Ending) -> str | None:
    match = re.fullmatch(r"\s*([a-z_]+)\s*>=\s*1\s*", ending.condition.source)
    return match.group(1) if match else None


def _routes(scenario: Scenario, var: str) -> list[tuple[Event, str]]:
    """The event options that set ``var``: (event, option label)."""
    found = []
    for event in scenario.events:
        for option in event.options:
            if _sets(option.effects, var):
                found.append((event, option.label))
        if _sets(event.effects, var):
            found.append((event, ""))
    return found


def ending_route(scenario: Scenario, ending: Ending, reader: str | None = None) -> str:
    """One sentence: what leads to ``ending``, told to ``reader`` (a power id; None: the
    power whose cards they are). A card another power decides says who chooses."""
    source = ending.condition.source.strip()
    if source == "true":
        return "Otherwise, when the calendar runs out."
    flag = _flag_of(ending)
    routes = _routes(scenario, flag) if flag else []
    # an option that also sets the flag of an ending listed before this one ends the year there
    # (accepting the capitulation makes peace with Hitler too, but the surrender comes first)
    earlier = {f for e in scenario.endings[:scenario.endings.index(ending)] if (f := _flag_of(e))}
    routes = [(event, option) for event, option in routes
              if not any((event, option) in _routes(scenario, other) for other in earlier)]
    if not routes:
        if ending.final:
            return f"When the calendar runs out, if {condition_in_words(scenario, source)}."
        return f"When {condition_in_words(scenario, source)}."
    parts = []
    # a final ending is judged only when the calendar runs out: the card has to have come by then
    # and nothing else may have ended the year first (Teheran in November, a break in December)
    comes = "has come" if ending.final else "comes"
    for event, option in routes[:2]:
        when = when_in_words(scenario, event)
        if when.startswith("(") and when.endswith(")"):
            when = when[1:-1]
        when = f" (the card comes when {when})" if when else _after_flag(scenario, event)
        if not option:
            parts.append(f"the card “{event.title}” {comes}{when}")
        elif reader is None or event.power in (None, reader):
            parts.append(f"you choose “{option}” on the card “{event.title}”{when}")
        else:
            decider = scenario.power(event.power)
            subject = decider.player or decider.name
            verb = "choose" if " and " in subject else "chooses"
            parts.append(f"{subject} {verb} “{option}” on the card “{event.title}”{when}")
    if ending.final:
        return "When the calendar runs out, if " + "; or if ".join(parts) + "."
    return "If " + "; or if ".join(parts) + "."


def _after_flag(scenario: Scenario, event: Event) -> str:
    """`` (after you choose “…” on the card “…”)`` when ``event`` waits on a flag another card sets."""
    source = event.when.source if event.when is not None else ""
    labels = {v.id: v for v in scenario.variables}
    for var in re.findall(r"\b([a-z_]+)\s*>=\s*1\b", source):
        if var in labels and labels[var].max <= 1:
            earlier = [(e, o) for e, o in _routes(scenario, var) if o]
            if earlier:
                first, option = earlier[0]
                return f" (after “{option}” on the card “{first.title}”)"
    return ""


def ending_thresholds(scenario: Scenario, var: str) -> list[tuple[float, str]]:
    """The endings reached when ``var`` alone crosses a number (``quay >= 60``): (number, words).

    A gauge of the front variable marks them, so a scenario without a map still shows where
    its year can end along the bar.
    """
    found = []
    for ending in scenario.endings:
        match = re.fullmatch(rf"\s*{re.escape(var)}\s*(<=|>=|<|>)\s*(-?[0-9.]+)\s*", ending.condition.source)
        if match:
            when = " when the calendar runs out" if ending.final else ""
            found.append((float(match.group(2)), f"{ending.title}: {dict(OPERATORS)[match.group(1)]} "
                                                 f"{float(match.group(2)):g}{when}"))
    return found


@dataclass(frozen=True)
class EndingLine:
    title: str
    route: str
    final: bool


def endings(scenario: Scenario, reader: str | None = None) -> list[EndingLine]:
    """Every ending with what leads there (told to ``reader``), in the scenario's order."""
    return [EndingLine(e.title, ending_route(scenario, e, reader), e.final) for e in scenario.endings]


def who(power: Power) -> str:
    """``Stalin, for the USSR`` when the scenario names the decider, else the power's name."""
    return f"{power.player}, for {power.name}" if power.player else power.name
