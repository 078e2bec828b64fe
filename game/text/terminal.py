"""The terminal game: ``python -m game play --text``.

Reads one line at a time from standard input, so it can be played by hand, through a
pipe, or by a script. Every prompt accepts the commands ``help``, ``state``,
``why VAR``, ``glossary NAME``, ``save [FILE]``, ``load FILE`` and ``quit``.

Several teams can share one keyboard (``--human ussr,germany,west``): when the power
that must decide changes, the screen is cleared and the keyboard handed over, and each
team sees only what its power would know. ``--lesson`` plays the year in at most fifteen
decisions, with the teacher's commands ``pause``, ``reveal`` and ``skip`` and an optional
turn timer (``--timer SECONDS``).
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.classroom.lesson import (
    Lesson,
    LessonSettings,
    TurnTimer,
    clock_text,
    historical_answer,
    start_lesson,
    was_lesson,
)
from game.classroom.teams import team_name
from game.classroom.visibility import visible_state
from game.engine.core import Request
from game.engine.session import Session
from game.paths import saves_dir
from game.saves import SaveError, autosave, load_game, save_game
from game.scenario.model import Event, Scenario
from game.text.debrief import debrief_lines, describe_causes

WIDTH = 78
CLEAR = "\x1b[2J\x1b[H"
HELP = """\
Commands (at any prompt):
  a number          choose that option
  help              this list
  state             the state of the triangle now (as your power knows it)
  why VAR           what moved a variable, month by month (e.g. why western_alarm)
  glossary NAME     who or what a name on the cards is
  save [FILE]       save the game (default: the saves folder)
  load FILE         load a saved game
  quit              save to the saves folder and leave
At the start of each month your standing policies are shown: press Enter to keep
them, or type a policy and an option to change one (e.g. 'tempo consolidate' or
'channel 3')."""
TEACHER_HELP = """\
For the teacher (lesson mode):
  pause             stop the clock until Enter is pressed
  reveal            show the whole state to the class, hidden numbers included
  skip              take what was done in 1943 and move on"""


class QuitGame(Exception):
    """The player asked to leave."""


class Skip(Exception):
    """The teacher skipped the decision: take the historical option."""


@dataclass
class View:
    """What one team has been shown so far."""

    shown_turn: int = -1
    shown_events: int = 0
    shown_taken: int = 0
    last_state: dict[str, float | None] = field(default_factory=dict)


class Terminal:
    """Drives a :class:`Session` from text input."""

    def __init__(self, scenario: Scenario, session: Session, read: Callable[[], str | None],
                 out: TextIO, lesson: LessonSettings | None = None, timer: float | None = None) -> None:
        self.scenario = scenario
        self.session = session
        self.read = read
        self.out = out
        self.lesson_settings = lesson
        if timer is None and lesson is not None:
            timer = lesson.timer_seconds
        self.timer = TurnTimer(timer)
        #: the teacher's commands work in lesson mode and whenever a timer runs
        self.teacher = lesson is not None or timer is not None
        self.timer_warned = False
        #: framing notes already shown in a "Meanwhile" list
        self.framed: set[tuple[str | None, str]] = set()
        self.viewer: str | None = None
        self.views: dict[str, View] = {}
        if lesson is not None and session.lesson is None:
            start_lesson(session, lesson)
        self._reset_views()

    # -- who is looking -------------------------------------------------------------

    @property
    def humans(self) -> tuple[str, ...]:
        return tuple(self.session.humans)

    @property
    def hot_seat(self) -> bool:
        """True when more than one team shares the keyboard."""
        return len(self.humans) > 1

    @property
    def view(self) -> View:
        key = self.viewer or (self.humans[0] if self.humans else "")
        return self.views.setdefault(key, View(shown_events=len(self.session.log.fired)))

    def _reset_views(self) -> None:
        shown = len(self.session.log.fired)
        taken = len(self._lesson.log) if self._lesson else 0
        self.views = {power: View(shown_events=shown, shown_taken=taken) for power in self.humans}
        for power, view in self.views.items():
            view.last_state = visible_state(self.scenario, self.session, power)
        if not self.hot_seat and self.humans:
            self.viewer = self.humans[0]

    @property
    def _lesson(self) -> Lesson | None:
        lesson = self.session.lesson
        return lesson if isinstance(lesson, Lesson) else None

    def turn_to(self, power: str) -> None:
        """Hand the keyboard to the team playing ``power`` if another team had it."""
        if power == self.viewer:
            return
        if self.hot_seat:
            self.clear()
            self.say(f"Pass the keyboard to {team_name(self.scenario, power)} — press Enter")
            self.out.flush()
            line = self.read()
            if line is None or line.strip().lower() in ("quit", "exit"):
                self.save(None)
                raise QuitGame
            self.clear()
            self.say(f"{self.scenario.power(power).name.upper()} — {team_name(self.scenario, power)}")
        self.viewer = power

    def clear(self) -> None:
        """Hide the last team's screen: clear a terminal, or leave a gap in a transcript."""
        if self.out.isatty():
            self.out.write(CLEAR)
        else:
            self.say()
            self.say()

    # -- output ----------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for paragraph in text.strip().split("\n\n"):
            joined = " ".join(paragraph.split())
            self.say(textwrap.fill(joined, WIDTH, initial_indent=indent, subsequent_indent=indent))

    def show_state(self, everything: bool = False) -> None:
        """The dashboard as the current team knows it (``everything``: the teacher's view)."""
        viewer = None if everything else self.viewer
        state = visible_state(self.scenario, self.session, viewer)
        last = self.view.last_state
        self.say("The whole state (teacher's view):" if everything else "The triangle:")
        for variable in self.scenario.variables:
            if variable.hidden:
                continue
            value = state[variable.id]
            if value is None:
                self.say(f"  {variable.label:<34} {'?':>7} {'not known to you':<16}   ({variable.id})")
                continue
            before = last.get(variable.id)
            change = value - before if before is not None else 0.0
            trend = f"{change:+.0f}" if round(change) else "  ."
            unit = f" {variable.unit}" if variable.unit else ""
            self.say(f"  {variable.label:<34} {value:7.0f}{unit:<10} {trend:>5}   ({variable.id})")
        if everything:
            flags = [v for v in self.scenario.variables if v.hidden and self.session.state[v.id]]
            for variable in flags:
                self.say(f"  {variable.label:<34} {self.session.state[variable.id]:7.0f}"
                         f"{'':<10} {'':>5}   ({variable.id})")

    # -- the loop ----------------------------------------------------------------------

    def run(self) -> int:
        self.say(self.scenario.title.upper())
        self.para(self.scenario.description)
        if self.hot_seat:
            teams = ", ".join(team_name(self.scenario, power) for power in self.humans)
            self.para(f"Teams at this keyboard: {teams}. Each team sees only what its power knew.")
        if self._lesson:
            self.say(f"Lesson mode: your teams make at most {self._lesson.budget} decisions; the rest "
                     "happens as it did in 1943.")
        self.say("Type 'help' at any prompt for the commands.")
        try:
            while True:
                request = self.session.step()
                if request is None:
                    break
                self.turn_to(request.power)
                exclude = request.event.id if request.event else None
                if request.kind == "standing":
                    self.show_new_events()
                    self.show_new_month()
                else:
                    self.show_new_events(exclude=exclude)
                self.show_standing_taken()
                self.start_clock()
                try:
                    if request.kind == "standing":
                        self.ask_standing(request)
                    else:
                        self.ask_event(request)
                except Skip:
                    self.session.choose(historical_answer(self.scenario, self.session, request))
                    self.say("Skipped: taken as in 1943.")
                self.stop_clock()
                autosave_due = self.session.pending is None or self.session.pending.turn != request.turn
                if autosave_due and not self.session.over:
                    self.autosave()
        except QuitGame:
            return 0
        if self.hot_seat:
            self.clear()
            self.say("The year is over: everyone can look now.")
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
        view = self.view
        if turn == view.shown_turn or self.session.over:
            return
        view.shown_turn = turn
        self.say()
        self.say("=" * WIDTH)
        self.say(f"{_month_name(self.session.month)}  —  month {turn + 1} of {len(self.scenario.months)}")
        self.say("=" * WIDTH)
        self.show_state()
        view.last_state = visible_state(self.scenario, self.session, self.viewer)

    def show_new_events(self, exclude: str | None = None) -> None:
        fired = self.session.log.fired
        view = self.view
        compact = self._lesson is not None
        headed = False
        while view.shown_events < len(fired):
            turn, event_id = fired[view.shown_events]
            event = self.scenario.event(event_id)
            if event_id == exclude and view.shown_events == len(fired) - 1:
                return
            view.shown_events += 1
            if compact:
                if not headed:
                    self.say()
                    self.say("Meanwhile, as in 1943:")
                    headed = True
                self.show_headline(event, turn)
                continue
            self.show_card(event)
            outcome = self.outcome(event, turn)
            if outcome:
                self.say(f"  {outcome}")

    def outcome(self, event: Event, turn: int) -> str:
        """What was chosen on another power's card, as far as this team may know it."""
        if not event.is_decision:
            return ""
        power = self.scenario.power(event.power or "").name
        taken = [o for t, e, o in self.session.log.choices if e == event.id and t == turn]
        if not taken:
            return ""
        option = event.options[event.option_index(taken[-1])]
        if self._auto_taken(turn, event.id):
            return f"{power}, as in 1943: {option.label}"
        if event.power not in self.humans:
            return f"{power} chose: {option.label}"
        return ""

    def _auto_taken(self, turn: int, event_id: str) -> bool:
        lesson = self._lesson
        return bool(lesson) and any(c.kind == "event" and c.id == event_id and c.turn == turn
                                    for c in lesson.log)  # type: ignore[union-attr]

    def show_headline(self, event: Event, turn: int) -> None:
        """One line for a card in lesson mode, with what was decided on it."""
        date = event.date or str(self.scenario.months[turn])
        outcome = self.outcome(event, turn)
        line = f"{date}  {event.title}" + (f" — {outcome}" if outcome else "")
        self.say(textwrap.fill(line, WIDTH, initial_indent="  ", subsequent_indent="              "))
        if event.framing and (self.viewer, event.framing) not in self.framed:
            # each team reads a framing note once; the short list of a lesson should stay short
            self.framed.add((self.viewer, event.framing))
            self.para(f"For the classroom: {event.framing}", "              ")

    def show_standing_taken(self) -> None:
        """In lesson mode, the team's standing policies that changed as they did in 1943."""
        lesson = self._lesson
        if lesson is None or self.viewer is None:
            return
        view = self.view
        new = lesson.log[view.shown_taken:]
        view.shown_taken = len(lesson.log)
        for choice in new:
            if choice.kind != "standing":
                continue
            policy = self.scenario.policy(choice.id)
            if policy.power == self.viewer:
                option = policy.options[policy.option_index(choice.option)]
                self.say(f"  {_month_name(str(self.scenario.months[choice.turn]))}, as in 1943: "
                         f"{policy.label}: {option.label}")

    def show_card(self, event: Event) -> None:
        self.say()
        self.say(f"--- {event.date or self.session.month}: {event.title} ---")
        self.para(event.text, "  ")
        notes = ", ".join(str(n) for n in event.notes) if event.notes else "none"
        key = self.scenario.grades.get(event.evidence, "")
        self.say(f"  [article notes: {notes}; evidence: {event.evidence} {key}]".replace(" ]", "]"))
        if event.framing:
            self.para(f"For the classroom: {event.framing}", "  ")

    # -- the clock --------------------------------------------------------------------

    def start_clock(self) -> None:
        self.timer.start()
        self.timer_warned = False
        lesson = self._lesson
        if lesson is not None:
            self.say(f"(Decision {lesson.asked} of at most {lesson.budget}.)")
        if self.timer.seconds is not None:
            self.say(f"(You have {clock_text(self.timer.seconds)} for this decision.)")

    def check_clock(self, quiet: bool = False) -> None:
        """Warn once when the time is up; otherwise, unless ``quiet``, say how much is left."""
        if self.timer.expired() and not self.timer_warned:
            self.timer_warned = True
            self.say(f"TIME IS UP ({clock_text(self.timer.seconds or 0)}). Decide now, or the teacher "
                     "types 'skip' to take what was done in 1943.")
        elif self.timer.seconds is not None and not self.timer_warned and not quiet:
            self.say(f"({clock_text(self.timer.remaining() or 0)} left.)")

    def stop_clock(self) -> None:
        remaining = self.timer.remaining()
        if remaining is not None and remaining < 0:
            self.say(f"(Decided {clock_text(remaining)} after the time was up.)")

    # -- prompts ----------------------------------------------------------------------

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
            teacher = self.teacher
            if word in ("help", "?"):
                self.say(HELP)
                if teacher:
                    self.say(TEACHER_HELP)
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
            elif teacher and word == "pause":
                self.pause()
            elif teacher and word == "reveal":
                self.show_state(everything=True)
            elif teacher and word == "skip":
                raise Skip
            else:
                self.check_clock(quiet=True)
                return line
            self.check_clock()

    def pause(self) -> None:
        self.timer.pause()
        self.out.write("Paused. Press Enter to go on. ")
        self.out.flush()
        line = self.read()
        self.timer.resume()
        if line is None:
            raise QuitGame
        self.say("Going on.")

    def ask_standing(self, request: Request) -> None:
        current = list(request.current)
        self.say()
        whose = "Your" if not self.hot_seat else f"{self.scenario.power(request.power).name}:"
        self.say(f"{whose} standing policies for {_month_name(self.session.month)}:")
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
        self.view.shown_events = len(self.session.log.fired)
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
        visible = visible_state(self.scenario, self.session, self.viewer, internal=True)
        ids = [v.id for v in self.scenario.variables]
        matches = [i for i in ids if i == name] or [i for i in ids if i.startswith(name)] if name else []
        if len(matches) != 1:
            self.say("Which variable? " + ", ".join(v.id for v in self.scenario.variables
                                                    if not v.hidden and visible.get(v.id) is not None))
            return
        if visible.get(matches[0]) is None:
            self.say(f"{matches[0]} is not known to {team_name(self.scenario, self.viewer or '')}.")
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
        if self.lesson_settings is not None or was_lesson(session):
            start_lesson(session, self.lesson_settings)
        self.session = session
        self._reset_views()
        self.say(f"Loaded {name}: {_month_name(session.month)}.")
        session.step()

    def finish(self) -> None:
        self.say()
        for line in debrief_lines(self.scenario, self.session):
            self.say(line)
        self.save(None)
        if self._lesson is not None:
            path = saves_dir() / f"game-seed{self.session.seed}.json"
            self.say(f"Print the debrief: python -m game debrief {path} --pdf debrief.pdf")


def _month_name(month: str) -> str:
    names = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
    year, number = month.split("-")
    return f"{names[int(number) - 1]} {year}"


def run_terminal(args: argparse.Namespace) -> int:
    """Entry point of ``play --text``."""
    from game.errors import UsageError, load_or_exit, play_options

    scenario = load_or_exit(args.scenario)
    humans, timer = play_options(args, scenario)
    lesson = LessonSettings(timer_seconds=timer) if getattr(args, "lesson", False) else None
    if args.load:
        try:
            session = load_game(args.load, scenario)
        except SaveError as error:
            raise UsageError(str(error)) from None
        if timer is None:
            timer = session.timer_seconds  # a loaded lesson keeps its clock
        session.timer_seconds = timer
        if lesson is None and was_lesson(session):
            lesson = LessonSettings(timer_seconds=timer)
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
        session = Session(scenario, seed=seed, humans=humans, timer_seconds=timer)
    terminal = Terminal(scenario, session, lambda: _read_line(sys.stdin), sys.stdout, lesson, timer)
    terminal.say(f"(seed {session.seed})")
    return terminal.run()


def _read_line(stream: TextIO) -> str | None:
    line = stream.readline()
    return None if line == "" else line
