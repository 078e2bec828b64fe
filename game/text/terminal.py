"""The terminal game: ``python -m game play --text``.

Reads one line at a time from standard input, so it can be played by hand, through a
pipe, or by a script. Every prompt accepts the commands ``help``, ``state``,
``why VAR``, ``glossary NAME``, ``save [FILE]``, ``load FILE`` and ``quit``.

The terminal only renders: the game at the table (turns, hand-overs, the clock, saves)
is a :class:`game.table.Table`, and what a team may read is the :class:`SeatView` its
observer builds. Several teams can share one keyboard (``--human ussr,germany,west``):
at a hand-over the screen and its scrollback are cleared. ``--lesson`` plays the year in
at most fifteen decisions, with the teacher's commands ``pause``, ``reveal`` and
``skip`` and an optional turn timer (``--timer SECONDS``). A class game (several teams,
a lesson or a clock) asks the group's name at the start and, after each decision, the
team's reason in one line (Enter skips both): the debrief, the class report and its
CSV show them.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from typing import NoReturn, TextIO

from game.briefing import endings, who
from game.saves import SaveError
from game.scenario.model import Scenario
from game.session import Session
from game.story import note_source
from game.table import (
    EVERYONE_LOOKS,
    AskKind,
    EventAsk,
    NewsItem,
    NewsKind,
    SeatView,
    StandingAsk,
    Table,
    TurnError,
    VariableView,
    month_name,
)
from game.table.lesson import LessonSettings, TurnTimer, clock_text
from game.table.news import news_line
from game.text.debrief import debrief_lines, why_lines
from game.text.read import read_line, tolerant_output

WIDTH = 78
#: clear the screen, its scrollback (ESC[3J) and go home: the last team's choices are gone
CLEAR = "\x1b[2J\x1b[3J\x1b[H"
HELP = """\
Commands (at any prompt):
  a number          choose that option
  help              this list
  state             the state now (as your power knows it)
  why VAR           what moved a variable, month by month (e.g. why {example})
  glossary NAME     who or what a name on the cards is
  save [FILE]       save the game (default: the saves folder)
  load FILE         load a saved game
  quit              save to the saves folder and leave
At the start of each month your standing policies are shown: press Enter to keep
them, or type a policy and an option to change one (e.g. '{policy} {option}' or
'{policy} 2')."""
TEACHER_HELP = """\
For the teacher (lesson mode):
  pause             stop the clock until Enter is pressed
  reveal            show the whole state to the class, hidden numbers included
  skip              take what was done in history and move on"""


class QuitGame(Exception):
    """The player asked to leave."""


class Skip(Exception):
    """The teacher skipped the decision: take the historical option."""


class Loaded(Exception):
    """A save was loaded at a prompt: the loop starts again from the loaded game."""


class Terminal:
    """Renders a :class:`Table` as text and sends the typed answers."""

    def __init__(self, scenario: Scenario, game: Session | Table, read: Callable[[], str | None],
                 out: TextIO, lesson: LessonSettings | None = None, timer: float | None = None) -> None:
        self.scenario = scenario
        self.read = read
        self.out = out
        self.lesson_settings = lesson
        self.table = game if isinstance(game, Table) else Table(game, lesson=lesson, timer_seconds=timer)
        self.timer_warned = False
        self.shown_month: dict[str | None, str] = {}
        self.briefed: set[str] = set()

    @property
    def timer(self) -> TurnTimer:
        """The table's turn clock."""
        return self.table.timer

    @timer.setter
    def timer(self, timer: TurnTimer) -> None:
        self.table.timer = timer

    @property
    def as_in_history(self) -> str:
        """The scenario's phrase for what was done in history ("as in 1943")."""
        return self.scenario.presentation.as_in_history

    @property
    def session(self) -> Session:
        """The game being played."""
        return self.table.session

    # -- output ----------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for paragraph in text.strip().split("\n\n"):
            joined = " ".join(paragraph.split())
            self.say(textwrap.fill(joined, WIDTH, initial_indent=indent, subsequent_indent=indent))

    def clear(self) -> None:
        """Hide the last team's screen and scrollback; in a transcript, leave a gap."""
        if self.out.isatty():
            self.out.write(CLEAR)
        else:
            self.say()
            self.say()

    def show_state(self, view: SeatView, title: str = "") -> None:
        """The state as the seat knows it, with changes since it last decided."""
        self.say(title or f"The state ({view.change_span}):")
        for variable in view.variables:
            self.say(_state_row(variable))

    # -- the loop ----------------------------------------------------------------------

    def run(self) -> int:
        self.say(self.scenario.title.upper())
        table = self.table
        if not table.hot_seat and all(self.scenario.power(power).human for power in table.humans):
            self.para(self.scenario.description)  # written for the power the scenario seats by default
        if table.hot_seat:
            teams = ", ".join(table.observer(power).team() for power in table.humans)
            self.para(f"Teams at this keyboard: {teams}. Each team sees only what its power knew.")
        if table.lesson is not None:
            self.say(f"Lesson mode: your teams make at most {table.lesson.budget} decisions; the rest "
                     f"happens {self.as_in_history}.")
        self.say("Type 'help' at any prompt for the commands.")
        try:
            self.ask_group()
            while not self.table.over:
                try:
                    self.turn()
                except Loaded:
                    continue
        except QuitGame:
            return 0
        if self.table.handover == EVERYONE_LOOKS:
            self.clear()
            self.say("The year is over: everyone can look now.")
            self.table.handed_over()
        self.finish()
        return 0

    def turn(self) -> None:
        """One decision: hand the keyboard over if needed, show the seat's view, ask."""
        table = self.table
        if table.handover is not None:
            self.hand_over(table.handover)
        power = table.waiting_for
        assert power is not None
        if power not in self.briefed:
            self.briefed.add(power)
            self.brief(power)
        view = table.view(power)
        self.show_news(view)
        if view.month_id != self.shown_month.get(power):
            self.shown_month[power] = view.month_id
            self.say()
            self.say("=" * WIDTH)
            self.say(f"{view.month}  —  month {view.turn + 1} of {view.months_total}")
            self.say("=" * WIDTH)
            self.show_state(view)
            self.show_orders(view)
        self.start_clock(view)
        try:
            if isinstance(view.request, StandingAsk):
                self.ask_standing(view, view.request)
            elif isinstance(view.request, EventAsk):
                self.ask_event(view, view.request)
        except Skip:
            table.skip()
            self.say(f"Skipped: taken {self.as_in_history}.")
        self.stop_clock()
        told = self.show_last(power)
        if table.autosave_error:
            self.say(f"({table.autosave_error})")
        if told and table.handover is not None:
            # the team reads what its decision did, then hides it before the keyboard moves
            self.out.write("Press Enter to hide your screen. ")
            self.out.flush()
            if self.read() is None:
                self.leave()

    def brief(self, power_id: str) -> None:
        """The seat's first screen: who it plays, what it wants and fears, what it knows, and
        how the year can end (the window's briefing card, from the same scenario fields)."""
        power = self.scenario.power(power_id)
        self.say()
        self.para(f"You are {who(power)}.")
        if power.description:
            self.para(power.description)
        for heading, text in (("What you want", power.aims), ("What you fear", power.fears),
                              ("What you know", power.knows)):
            if text:
                self.para(f"{heading}: {text}")
        self.say("How the year can end:")
        for line in endings(self.scenario, power_id):
            self.para(f"- {line.title}: {line.route}", "  ")

    def show_orders(self, view: SeatView) -> None:
        """The standing orders of the other powers that this power knows of."""
        if not view.orders:
            return
        self.say("What the others are known to do:")
        for order in view.orders:
            changed = "  (changed)" if order.changed else ""
            self.say(f"  {order.power_name}: {order.label}: {order.option}{changed}")

    def hand_over(self, power: str) -> None:
        """Clear the screen and wait until the next team has the keyboard."""
        team = self.table.observer(power).team()
        self.clear()
        self.say(f"Pass the keyboard to {team} — press Enter")
        self.out.flush()
        line = self.read()
        if line is None or line.strip().lower() in ("quit", "exit"):
            self.save(None)
            raise QuitGame
        self.clear()
        group = f" ({self.table.group})" if self.table.group else ""
        self.say(f"{self.scenario.power(power).name.upper()} — {team}{group}")
        self.table.handed_over()

    def show_news(self, view: SeatView) -> None:
        """What the seat learnt since it last decided: cards, or one short list in a lesson."""
        if not view.since:
            return
        if view.lesson is not None:
            self.say()
            self.say(f"Meanwhile, {self.as_in_history}:")
            for item in view.since:
                self.show_headline(item)
            return
        for item in view.since:
            if item.kind is NewsKind.EVENT:
                self.show_card(item.date, item.title, item.text, item.notes, item.evidence, item.framing,
                               item.grade)
                for chance in item.chances:
                    self.say(f"  ({chance})")
                continue
            line = news_line(self.scenario, item)
            self.say()
            self.para(f"{line.date}: {line.text}")
            for extra in filter(None, (line.chose, line.reason and f"Why: {line.reason}")):
                self.para(extra, "  ")

    def show_headline(self, item: NewsItem) -> None:
        """One line of a lesson's "Meanwhile" list."""
        line = news_line(self.scenario, item)
        self.say(textwrap.fill(f"{line.date}  {line.text}", WIDTH, initial_indent="  ",
                               subsequent_indent="              "))
        for extra in filter(None, (*line.chances, line.reason and f"Why: {line.reason}",
                                   line.framing and f"For the classroom: {line.framing}")):
            self.para(extra, "              ")

    def show_card(self, date: str, title: str, text: str, notes: list[int], evidence: str, framing: str,
                  grade: str = "") -> None:
        self.say()
        self.say(f"--- {date}: {title} ---")
        self.para(text, "  ")
        key = f" — {grade}" if grade else ""
        cited = ", ".join(map(str, notes)) if notes else "none"
        self.say(textwrap.fill(f"[article notes: {cited}; evidence: {evidence}{key}]", WIDTH, initial_indent="  ",
                               subsequent_indent="   "))
        for number in notes:
            source = note_source(self.scenario, number)
            if source:
                self.say(textwrap.fill(f"n. {number}: {source}", WIDTH, initial_indent="    ",
                                       subsequent_indent="          ", break_on_hyphens=False))
        if framing:
            self.para(f"For the classroom: {framing}", "  ")

    def show_last(self, power: str) -> bool:
        """What the seat's decision did, told to that seat before the keyboard moves on."""
        last = self.table.observer(power).last()
        if last is None:
            return False
        lines = 0
        for decided in last.decided:
            if decided.outcome:
                self.para(f"{decided.option}: {decided.outcome}" if last.kind == "standing" else decided.outcome,
                          "  ")
            if decided.in_1943:
                self.para(f"In history: {decided.in_1943}", "  ")
            lines += bool(decided.outcome) + bool(decided.in_1943)
        for chance in last.chances:
            self.say(f"  ({chance})")
        units = {v.id: f" {v.unit}" if v.unit else "" for v in self.table.scenario.variables}
        changes = [f"{c.label} {c.amount:+.0f}{units.get(c.var, '')}" for c in last.changes if round(c.amount)]
        if changes:
            self.say("  What it changed: " + "; ".join(changes))
        return bool(lines or last.chances or changes)

    # -- the clock --------------------------------------------------------------------

    def start_clock(self, view: SeatView) -> None:
        self.timer_warned = False
        if view.lesson is not None:
            self.say(f"(Decision {view.lesson.asked} of at most {view.lesson.budget}.)")
        if view.clock.seconds is not None:
            self.say(f"(You have {clock_text(view.clock.seconds)} for this decision.)")

    def check_clock(self, quiet: bool = False) -> None:
        """Warn once when the time is up; otherwise, unless ``quiet``, say how much is left."""
        timer = self.table.timer
        if timer.expired() and not self.timer_warned:
            self.timer_warned = True
            self.say(f"TIME IS UP ({clock_text(timer.seconds or 0)}). Decide now, or the teacher "
                     f"types 'skip' to take it {self.as_in_history}.")
        elif timer.seconds is not None and not self.timer_warned and not quiet:
            self.say(f"({clock_text(timer.remaining() or 0)} left.)")

    def stop_clock(self) -> None:
        remaining = self.table.answered_with
        if remaining is not None and remaining < 0:
            self.say(f"(Decided {clock_text(remaining)} after the time was up.)")

    # -- prompts ----------------------------------------------------------------------

    def prompt(self, label: str, power: str) -> str:
        """Read a command line; handle the commands every prompt knows."""
        while True:
            self.out.write(f"{label}> ")
            self.out.flush()
            line = self.read()
            if line is None:
                self.leave()
            line = line.strip()
            word, _, rest = line.partition(" ")
            word = word.lower()
            teacher = self.table.teacher
            if word in ("help", "?"):
                self.say(self.help_text())
                if teacher:
                    self.say(TEACHER_HELP)
            elif word == "state":
                self.show_state(self.table.view(power))
            elif word == "why":
                self.why(rest.strip(), power)
            elif word == "glossary":
                self.glossary(rest.strip())
            elif word == "save":
                self.save(rest.strip() or None)
            elif word == "load":
                self.load(rest.strip())
            elif word in ("quit", "exit"):
                self.save(None)
                self.say("Goodbye.")
                raise QuitGame
            elif teacher and word == "pause":
                self.pause()
            elif teacher and word == "reveal":
                self.show_state(self.table.reveal(), "The whole state (teacher's view):")
            elif teacher and word == "skip":
                raise Skip
            else:
                self.check_clock(quiet=True)
                return line
            self.check_clock()

    def help_text(self) -> str:
        """The command list, with examples from this scenario."""
        shown = [v.id for v in self.scenario.variables if not v.hidden]
        policy = self.scenario.policies[0] if self.scenario.policies else None
        return HELP.format(example=shown[0] if shown else "VAR", policy=policy.id if policy else "policy",
                           option=policy.options[-1].id if policy else "option")

    def leave(self) -> NoReturn:
        """The input has ended: save and leave."""
        self.say()
        self.say("Input ended. Saving and leaving.")
        self.save(None)
        raise QuitGame

    def pause(self) -> None:
        self.table.pause()
        self.out.write("Paused. Press Enter to go on. ")
        self.out.flush()
        line = self.read()
        self.table.resume()
        if line is None:
            self.leave()
        self.say("Going on.")

    def free_text(self, label: str) -> str:
        """A line of free text (a name, a reason): no commands but ``quit``; Enter gives ""."""
        self.out.write(f"{label} (Enter to skip)> ")
        self.out.flush()
        line = self.read()
        if line is None:
            self.leave()
        if line.strip().lower() in ("quit", "exit"):
            self.save(None)
            raise QuitGame
        return line.strip()

    def ask_group(self) -> None:
        """In a new class game, the group's name for its debrief and the class report (Enter skips)."""
        table = self.table
        if not table.class_game or table.group or table.anyone_decided:
            return
        self.say()
        name = table.set_group(self.free_text("Your group's name, for the debrief and the class report"))
        table.timer.start()  # naming the group is not the first decision's thinking time
        if name:
            self.say(f"Group: {name}")

    def ask_reason(self, power: str) -> str | None:
        """In a class game, the team's reason for the decision it has just chosen (Enter skips)."""
        if not self.table.class_game:
            return None
        return self.free_text("Why? Your reason in one line, for the debrief") or None

    def ask_standing(self, view: SeatView, request: StandingAsk) -> None:
        current = [policy.current for policy in request.policies]
        self.say()
        whose = "Your" if not self.table.hot_seat else f"{view.power_name}:"
        self.say(f"{whose} standing policies for {request.month}:")
        show = True
        while True:
            for policy, chosen in zip(request.policies, current, strict=True) if show else ():
                choices = " | ".join(f"{o.index + 1} {o.id}" + ("*" if o.index == chosen else "")
                                     for o in policy.options)
                self.say(f"  {policy.id:<14} {policy.options[chosen].label}")
                self.say(f"  {'':<14} ({choices})")
            line = self.prompt("Enter to keep, or 'policy option'", request.power)
            if not line or line.lower() in ("ok", "keep", "k", "y", "yes"):
                self.table.answer(request.power, current, reason=self.ask_reason(request.power))
                return
            message, show = apply_standing_change(request, current, line)
            self.say(message)

    def ask_event(self, view: SeatView, request: EventAsk) -> None:
        self.show_card(request.date, request.title, request.text, request.notes, request.evidence, request.framing,
                       request.grade)
        for figure in request.figures:
            self.say(f"  {figure.label}: {figure.value:.0f}")
        self.say(f"  {view.power_name} decides:")
        numbers = [option for option in request.options if option.available]
        for number, option in enumerate(numbers, 1):
            self.say(f"  {number}. {option.label}")
            if option.hint:
                self.para(option.hint, "       ")
        while True:
            line = self.prompt("Choose", request.power)
            if line.isdigit() and 1 <= int(line) <= len(numbers):
                self.table.answer(request.power, numbers[int(line) - 1].index, reason=self.ask_reason(request.power))
                return
            self.say(f"Type a number from 1 to {len(numbers)}, or 'help'.")

    # -- commands ------------------------------------------------------------------------

    def why(self, name: str, power: str) -> None:
        observer = self.table.observer(power)
        known = [v.id for v in observer.variables() if v.known]
        matches = [i for i in known if i == name] or [i for i in known if i.startswith(name)] if name else []
        if len(matches) != 1:
            hidden = [v.id for v in self.scenario.variables if v.id == name and v.id not in known]
            if hidden:
                self.say(f"{name} is not known to {observer.team()}.")
                return
            self.say("Which variable? " + ", ".join(known))
            return
        for line in why_lines(observer.why(matches[0])):
            self.say(line)

    def glossary(self, name: str) -> None:
        entries = [e for e in self.scenario.glossary if name and name.lower() in e.term.lower()]
        if not entries:
            self.say("No entry. Terms: " + ", ".join(e.term for e in self.scenario.glossary[:40]) + " …")
        for entry in entries[:5]:
            self.para(f"{entry.term}: {entry.text}", "  ")

    def save(self, name: str | None) -> None:
        try:
            path = self.table.save(name)
            self.say(f"Saved to {path}")
        except OSError as error:
            self.say(f"Could not save to {name or self.table.default_save_path()}: {error}")

    def load(self, name: str) -> None:
        if not name:
            self.say("Load which file?")
            return
        try:
            table = Table.load(name, self.scenario, lesson=self.lesson_settings)
        except SaveError as error:
            self.say(f"Could not load: {error}")
            return
        self.table = table
        self.shown_month.clear()
        self.say(f"Loaded {name}: {month_name(table.session.month)}.")
        raise Loaded

    def finish(self) -> None:
        self.say()
        for line in debrief_lines(self.scenario, self.session):
            self.say(line)
        self.save(None)
        if self.table.lesson is not None:
            self.say(f"Print the debrief: python -m game debrief {self.table.default_save_path()} --pdf debrief.pdf")


def apply_standing_change(request: StandingAsk, current: list[int], line: str) -> tuple[str, bool]:
    """Change one standing policy from a typed line; returns a message and whether it changed."""
    parts = line.replace("=", " ").split()
    example = request.policies[0].id if request.policies else "policy"
    if len(parts) != 2:
        return f"Type a policy and an option, e.g. '{example} 2', or press Enter to keep.", False
    ids = [p.id for p in request.policies]
    matches = [i for i, ident in enumerate(ids) if ident.startswith(parts[0].lower())]
    if len(matches) != 1:
        return f"No single policy called '{parts[0]}'. The policies are: {', '.join(ids)}.", False
    policy = request.policies[matches[0]]
    wanted = parts[1].lower()
    if wanted.isdigit() and 1 <= int(wanted) <= len(policy.options):
        current[matches[0]] = int(wanted) - 1
    else:
        options = [o.index for o in policy.options if o.id.startswith(wanted)]
        if len(options) != 1:
            return f"'{policy.id}' has no option '{parts[1]}'. Options: " + ", ".join(
                o.id for o in policy.options), False
        current[matches[0]] = options[0]
    option = policy.options[current[matches[0]]]
    return f"{policy.label}: {option.label}. {option.hint}", True


def _state_row(variable: VariableView) -> str:
    if variable.value is None:
        return f"  {variable.label:<34} {'?':>7} {'not known to you':<16}   ({variable.id})"
    trend = f"{variable.moved:+d}" if variable.moved else "  ."
    unit = f" {variable.unit}" if variable.unit else ""
    return f"  {variable.label:<34} {variable.value:7.0f}{unit:<10} {trend:>5}   ({variable.id})"


def run_terminal(args: argparse.Namespace) -> int:
    """Entry point of ``play --text``."""
    from game.errors import UsageError, load_or_exit, play_options

    scenario = load_or_exit(args.scenario)
    humans, timer = play_options(args, scenario)
    lesson = LessonSettings(timer_seconds=timer) if getattr(args, "lesson", False) else None
    if args.load:
        try:
            table = Table.load(args.load, scenario, lesson=lesson, timer_seconds=timer)
        except SaveError as error:
            raise UsageError(str(error)) from None
    else:
        table = Table.new(scenario, args.seed, humans, lesson=lesson, timer_seconds=timer)
    terminal = Terminal(scenario, table, lambda: read_line(sys.stdin), tolerant_output(sys.stdout), lesson, timer)
    terminal.say(f"(seed {table.session.seed})")
    try:
        return terminal.run()
    except KeyboardInterrupt:  # Ctrl-C while the game was busy (at a prompt it reads as 'quit')
        terminal.say("\nInterrupted.")
        terminal.save(None)
        return 130


__all__ = ["AskKind", "Terminal", "TurnError", "run_terminal"]
