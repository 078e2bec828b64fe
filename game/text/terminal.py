"""The terminal game: ``python -m game play --text``.

Reads one line at a time from standard input, so it can be played by hand, through a
pipe, or by a script. Every prompt accepts the commands ``help``, ``state``,
``why VAR``, ``glossary NAME``, ``save [FILE]``, ``load FILE`` and ``quit``.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.engine.core import Request
from game.engine.session import Session
from game.paths import saves_dir
from game.saves import SaveError, autosave, load_game, save_game
from game.scenario.model import Event, Scenario
from game.text.debrief import debrief_lines, describe_causes

WIDTH = 78
HELP = """\
Commands (at any prompt):
  a number          choose that option
  help              this list
  state             the state of the triangle now
  why VAR           what moved a variable, month by month (e.g. why western_alarm)
  glossary NAME     who or what a name on the cards is
  save [FILE]       save the game (default: the saves folder)
  load FILE         load a saved game
  quit              save to the saves folder and leave
At the start of each month your standing policies are shown: press Enter to keep
them, or type a policy and an option to change one (e.g. 'tempo consolidate' or
'channel 3')."""


class QuitGame(Exception):
    """The player asked to leave."""


class Terminal:
    """Drives a :class:`Session` from text input."""

    def __init__(self, scenario: Scenario, session: Session, read: Callable[[], str | None],
                 out: TextIO) -> None:
        self.scenario = scenario
        self.session = session
        self.read = read
        self.out = out
        self.shown_turn = -1
        self.shown_events = 0
        self.last_state = session.state

    # -- output ----------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for paragraph in text.strip().split("\n\n"):
            joined = " ".join(paragraph.split())
            self.say(textwrap.fill(joined, WIDTH, initial_indent=indent, subsequent_indent=indent))

    def show_state(self) -> None:
        state = self.session.state
        self.say("The triangle:")
        for variable in self.scenario.variables:
            if variable.hidden:
                continue
            value = state[variable.id]
            change = value - self.last_state.get(variable.id, value)
            trend = f"{change:+.0f}" if round(change) else "  ."
            unit = f" {variable.unit}" if variable.unit else ""
            self.say(f"  {variable.label:<34} {value:7.0f}{unit:<10} {trend:>5}   ({variable.id})")

    # -- the loop ----------------------------------------------------------------------

    def run(self) -> int:
        self.say(self.scenario.title.upper())
        self.para(self.scenario.description)
        self.say("Type 'help' at any prompt for the commands.")
        try:
            while True:
                request = self.session.step()
                exclude = request.event.id if request and request.event else None
                if request is not None and request.kind == "standing":
                    self.show_new_events()
                    self.show_new_month()
                else:
                    self.show_new_events(exclude=exclude)
                if request is None:
                    break
                if request.kind == "standing":
                    self.ask_standing(request)
                else:
                    self.ask_event(request)
                autosave_due = self.session.pending is None or self.session.pending.turn != request.turn
                if autosave_due and not self.session.over:
                    self.autosave()
        except QuitGame:
            return 0
        self.show_new_events()
        self.finish()
        return 0

    def autosave(self) -> None:
        try:
            autosave(self.session, saves_dir())
        except OSError as error:
            self.say(f"(autosave failed: {error})")

    def show_new_month(self) -> None:
        turn = min(self.session.turn, len(self.scenario.months) - 1)
        if turn == self.shown_turn or self.session.over:
            return
        self.shown_turn = turn
        self.say()
        self.say("=" * WIDTH)
        self.say(f"{_month_name(self.session.month)}  —  month {turn + 1} of {len(self.scenario.months)}")
        self.say("=" * WIDTH)
        self.show_state()
        self.last_state = self.session.state

    def show_new_events(self, exclude: str | None = None) -> None:
        fired = self.session.log.fired
        while self.shown_events < len(fired):
            _, event_id = fired[self.shown_events]
            event = self.scenario.event(event_id)
            if event_id == exclude and self.shown_events == len(fired) - 1:
                return
            self.shown_events += 1
            self.show_card(event)
            if event.is_decision and event.power not in self.session.humans:
                taken = [o for t, e, o in self.session.log.choices if e == event_id]
                if taken:
                    option = event.options[event.option_index(taken[-1])]
                    self.say(f"  {self.scenario.power(event.power or '').name} chose: {option.label}")

    def show_card(self, event: Event) -> None:
        self.say()
        self.say(f"--- {event.date or self.session.month}: {event.title} ---")
        self.para(event.text, "  ")
        notes = ", ".join(str(n) for n in event.notes) if event.notes else "none"
        self.say(f"  [article notes: {notes}; evidence: {event.evidence}]")
        if event.framing:
            self.para(f"For the classroom: {event.framing}", "  ")

    def prompt(self, label: str) -> str:
        """Read a command line; handle the commands every prompt knows."""
        while True:
            self.out.write(f"{label}> ")
            self.out.flush()
            line = self.read()
            if line is None:
                self.say()
                self.say("Input ended. Saving and leaving.")
                self.save(None)
                raise QuitGame
            line = line.strip()
            word, _, rest = line.partition(" ")
            word = word.lower()
            if word in ("help", "?"):
                self.say(HELP)
            elif word == "state":
                self.show_state()
            elif word == "why":
                self.why(rest.strip())
            elif word == "glossary":
                self.glossary(rest.strip())
            elif word == "save":
                self.save(rest.strip() or None)
            elif word == "load":
                self.load(rest.strip())
                return "__loaded__"
            elif word in ("quit", "exit"):
                self.save(None)
                self.say("Goodbye.")
                raise QuitGame
            else:
                return line

    def ask_standing(self, request: Request) -> None:
        current = list(request.current)
        self.say()
        self.say(f"Your standing policies for {_month_name(self.session.month)}:")
        show = True
        while True:
            for policy, chosen in zip(request.policies, current, strict=True) if show else ():
                choices = " | ".join(
                    f"{i + 1} {o.id}" + ("*" if i == chosen else "") for i, o in enumerate(policy.options))
                self.say(f"  {policy.id:<14} {policy.options[chosen].label}")
                self.say(f"  {'':<14} ({choices})")
            line = self.prompt("Enter to keep, or 'policy option'")
            if line == "__loaded__":
                return
            if not line or line.lower() in ("ok", "keep", "k", "y", "yes"):
                self.session.choose(current)
                return
            message, show = self.apply_standing_change(request, current, line)
            self.say(message)

    def apply_standing_change(self, request: Request, current: list[int], line: str) -> tuple[str, bool]:
        """Change one standing policy from a typed line; returns a message and whether it changed."""
        parts = line.replace("=", " ").split()
        if len(parts) != 2:
            return "Type a policy and an option, e.g. 'tempo consolidate', or press Enter to keep.", False
        ids = [p.id for p in request.policies]
        matches = [i for i, ident in enumerate(ids) if ident.startswith(parts[0].lower())]
        if len(matches) != 1:
            return f"No single policy called '{parts[0]}'. The policies are: {', '.join(ids)}.", False
        policy = request.policies[matches[0]]
        wanted = parts[1].lower()
        if wanted.isdigit() and 1 <= int(wanted) <= len(policy.options):
            current[matches[0]] = int(wanted) - 1
        else:
            options = [i for i, o in enumerate(policy.options) if o.id.startswith(wanted)]
            if len(options) != 1:
                return f"'{policy.id}' has no option '{parts[1]}'. Options: " + ", ".join(
                    o.id for o in policy.options), False
            current[matches[0]] = options[0]
        option = policy.options[current[matches[0]]]
        return f"{policy.label}: {option.label}. {option.hint}", True

    def ask_event(self, request: Request) -> None:
        event = request.event
        assert event is not None
        self.shown_events = len(self.session.log.fired)
        self.show_card(event)
        power = self.scenario.power(request.power).name
        self.say(f"  {power} decides:")
        numbers = []
        for index, option in enumerate(event.options):
            if not request.available[index]:
                continue
            numbers.append(index)
            self.say(f"  {len(numbers)}. {option.label}")
            if option.hint:
                self.para(option.hint, "       ")
        while True:
            line = self.prompt("Choose")
            if line == "__loaded__":
                return
            if line.isdigit() and 1 <= int(line) <= len(numbers):
                self.session.choose(numbers[int(line) - 1])
                return
            self.say(f"Type a number from 1 to {len(numbers)}, or 'help'.")

    # -- commands ------------------------------------------------------------------------

    def why(self, name: str) -> None:
        ids = [v.id for v in self.scenario.variables]
        matches = [i for i in ids if i == name] or [i for i in ids if i.startswith(name)] if name else []
        if len(matches) != 1:
            self.say("Which variable? " + ", ".join(v.id for v in self.scenario.variables if not v.hidden))
            return
        for line in describe_causes(self.scenario, self.session, matches[0]):
            self.say(line)

    def glossary(self, name: str) -> None:
        entries = [e for e in self.scenario.glossary if name and name.lower() in e.term.lower()]
        if not entries:
            self.say("No entry. Terms: " + ", ".join(e.term for e in self.scenario.glossary[:40]) + " …")
        for entry in entries[:5]:
            self.para(f"{entry.term}: {entry.text}", "  ")

    def save(self, name: str | None) -> None:
        path = Path(name) if name else saves_dir() / f"game-seed{self.session.seed}.json"
        try:
            save_game(self.session, path)
            self.say(f"Saved to {path}")
        except OSError as error:
            self.say(f"Could not save to {path}: {error}")

    def load(self, name: str) -> None:
        if not name:
            self.say("Load which file?")
            return
        try:
            session = load_game(name, self.scenario)
        except SaveError as error:
            self.say(f"Could not load: {error}")
            return
        self.session = session
        self.shown_turn = -1
        self.shown_events = len(session.log.fired)
        self.last_state = session.state
        self.say(f"Loaded {name}: {_month_name(session.month)}.")
        session.step()

    def finish(self) -> None:
        self.say()
        for line in debrief_lines(self.scenario, self.session):
            self.say(line)
        self.save(None)


def _month_name(month: str) -> str:
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    year, number = month.split("-")
    return f"{names[int(number) - 1]} {year}"


def run_terminal(args: argparse.Namespace) -> int:
    """Entry point of ``play --text``."""
    from game.errors import UsageError, load_or_exit

    scenario = load_or_exit(args.scenario)
    humans = tuple(p.strip() for p in args.human.split(",") if p.strip())
    known = {p.id for p in scenario.powers}
    if not set(humans) <= known:
        raise UsageError(f"--human: unknown power(s) {sorted(set(humans) - known)}; choose from {sorted(known)}")
    if args.load:
        try:
            session = load_game(args.load, scenario)
        except SaveError as error:
            raise UsageError(str(error)) from None
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
        session = Session(scenario, seed=seed, humans=humans)
    terminal = Terminal(scenario, session, lambda: _read_line(sys.stdin), sys.stdout)
    terminal.say(f"(seed {session.seed})")
    return terminal.run()


def _read_line(stream: TextIO) -> str | None:
    line = stream.readline()
    return None if line == "" else line
