"""The new-game screen: who plays which power, lesson mode, the turn timer and the seed.

Filled in from the command line (``play --human ussr,germany,west --lesson --timer 120``)
or from the last game started in this window. Every row changes with Left/Right, Enter
or a click, as in the settings; the seed row also takes typed digits.
"""

from __future__ import annotations

import random
from functools import partial

import pygame

from game.remarks import GROUP_MAX_CHARS
from game.table.lesson import LESSON_DECISIONS
from game.table.seats import team_name
from game.ui.screens.base import Screen
from game.ui.starting import humans_of, start_new_game

#: turn timer choices in seconds (None: no timer)
TIMER_CHOICES: tuple[float | None, ...] = (None, 60.0, 120.0, 180.0, 300.0)
PLAYED_BY = ("played by people", "played by the computer")


def timer_text(seconds: float | None) -> str:
    """``off``, ``1 minute``, ``2 minutes``, ``1:30 minutes``."""
    if seconds is None:
        return "off"
    whole = int(round(seconds))
    if whole % 60 == 0:
        minutes = whole // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''} a decision"
    return f"{whole // 60}:{whole % 60:02d} minutes a decision"


def random_seed() -> int:
    return random.SystemRandom().randrange(1, 2**31)


class NewGameScreen(Screen):
    """Rows of choices, a summary of what they mean, and Start."""

    def __init__(self, app) -> None:
        super().__init__(app)
        options = app.options
        powers = [power.id for power in app.scenario.powers]
        chosen = humans_of(app)
        self.humans = [power for power in powers if power in chosen] or powers[:1]
        self.lesson = bool(options.lesson)
        extra = () if options.timer in TIMER_CHOICES else (float(options.timer),)
        lengths = sorted(t for t in (*TIMER_CHOICES[1:], *extra) if t is not None)
        self.timers: tuple[float | None, ...] = (None, *lengths)
        self.timer = options.timer
        self.seed = "" if options.seed is None else str(options.seed)
        #: the group's name, typed on its row (the table cleans it and keeps at most GROUP_MAX_CHARS)
        self.group = ""
        self.focus.current = "new:start"

    # -- building -------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(key, label, value, tooltip) of each row."""
        scenario = self.app.scenario
        rows = []
        for power in scenario.powers:
            played = PLAYED_BY[0] if power.id in self.humans else PLAYED_BY[1]
            rows.append((f"power:{power.id}", power.name, played,
                         f"Whether {team_name(scenario, power.id)} plays {power.name}, or the computer does."))
        rows.append(("lesson", "Lesson mode", "on" if self.lesson else "off",
                     f"The year in at most {LESSON_DECISIONS} decisions; the rest happens "
                     f"{scenario.presentation.as_in_history}."))
        rows.append(("timer", "Turn timer", timer_text(self.timer),
                     "How long a team has for each decision. When time is up the card says so; nothing is "
                     "chosen for the team."))
        rows.append(("group", "Group's name", self.group or "none",
                     "Type the name of the group or class playing (it goes in the save and on the debrief); "
                     "Backspace to clear."))
        rows.append(("seed", "Seed", self.seed or "random",
                     "Type digits for a given seed (the same seed plays the same year); Backspace to clear. "
                     "Left and Right draw a new one."))
        return rows

    def build(self) -> None:
        width, height = self.app.size
        pad = self.u(24)
        column = min(width - 2 * pad, self.t(760))
        x = (width - column) // 2
        rows = self.rows()
        gap = self.u(6)
        button_h = self.t(44)
        summary_h = self.t(92)
        head = self.t(54)
        footer = button_h + self.u(10)
        room = height - 2 * pad - head - footer
        if room // len(rows) - gap < self.t(40):  # no room for every row: the optional group's name gives way
            rows = [row for row in rows if row[0] != "group"]
        row_h = min(self.t(40), (room - summary_h) // len(rows) - gap)
        if row_h < self.t(30):  # no room for the summary (large scale in a small window)
            summary_h = 0
            row_h = min(self.t(40), room // len(rows) - gap)
        total = head + len(rows) * (row_h + gap) + summary_h + footer
        y = max(pad, (height - total) // 2)
        self.label("New game", pygame.Rect(x, y, column, self.t(48)), "#title")
        y += head
        label_w = int(column * 0.4)
        for key, label, value, tooltip in rows:
            self.label(label, pygame.Rect(x, y, label_w - self.u(8), row_h))
            self.button(f"◀  {value}  ▶", pygame.Rect(x + label_w, y, column - label_w, row_h),
                        partial(self.change, key, 1), f"new:{key}", "#policy_button", tooltip=tooltip,
                        step=partial(self.change, key))
            y += row_h + gap
        if summary_h:
            self.textbox(self.summary_html(), pygame.Rect(x, y + self.u(4), column, summary_h - self.u(8)), "#small")
            y += summary_h
        y = min(y + self.u(6), height - pad - button_h)
        button_w = (column - self.u(10)) // 2
        self.button("Start the game  (Enter)", pygame.Rect(x, y, button_w, button_h), self.start, "new:start",
                    "#primary_button")
        self.button("Back  (Esc)", pygame.Rect(x + button_w + self.u(10), y, button_w, button_h), self.app.pop,
                    "new:back", "#menu_button")

    def summary_html(self) -> str:
        """What the choices add up to, in a sentence or two."""
        scenario = self.app.scenario
        teams = [team_name(scenario, power) for power in self.humans]
        if len(teams) == 1:
            text = f"One team: {teams[0]}. The computer plays the other powers."
        else:
            text = (f"{len(teams)} teams at one keyboard: {', '.join(teams[:-1])} and {teams[-1]}. When the "
                    "deciding team changes, the screen hides and asks to pass the keyboard.")
        text += " Each team sees only what its power knew at the time."
        if self.lesson:
            text += (f" Lesson mode: at most {LESSON_DECISIONS} decisions in all; the rest "
                     f"{self.app.scenario.presentation.as_in_history}.")
        if self.timer is not None:
            text += " The teacher's key (" + self.app.settings.key_for("teacher").upper() + ") pauses the clock."
        elif self.lesson:
            text += " The teacher's key is " + self.app.settings.key_for("teacher").upper() + "."
        return text

    # -- changing -------------------------------------------------------------------

    def change(self, key: str, delta: int) -> None:
        if key.startswith("power:"):
            power = key.split(":", 1)[1]
            if power in self.humans:
                if len(self.humans) == 1:
                    self.app.toast("At least one power must be played by people.")
                    return
                self.humans.remove(power)
            else:
                order = [p.id for p in self.app.scenario.powers]
                self.humans = [p for p in order if p in self.humans or p == power]
        elif key == "lesson":
            self.lesson = not self.lesson
        elif key == "timer":
            index = self.timers.index(self.timer) if self.timer in self.timers else 0
            self.timer = self.timers[(index + delta) % len(self.timers)]
        elif key == "seed":
            self.seed = str(random_seed())
        self.focus.current = f"new:{key}"
        self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            focused = self.focus.focused
            if focused is not None and focused.key == "new:group":
                if event.key in (pygame.K_BACKSPACE, pygame.K_DELETE):
                    self.group = self.group[:-1]
                    self.rebuild()
                    return True
                typed = getattr(event, "unicode", "")
                if typed and typed.isprintable() and len(self.group) < GROUP_MAX_CHARS:
                    self.group += typed
                    self.rebuild()
                    return True
            if focused is not None and focused.key == "new:seed":
                digit = DIGITS.get(event.key)
                if digit is not None:
                    self.seed = (self.seed + digit).lstrip("0")[:10]
                    self.rebuild()
                    return True
                if event.key in (pygame.K_BACKSPACE, pygame.K_DELETE):
                    self.seed = self.seed[:-1]
                    self.rebuild()
                    return True
        return super().handle_event(event)

    def start(self) -> None:
        options = self.app.options
        options.human = ",".join(self.humans)
        options.lesson = self.lesson
        options.timer = self.timer
        options.seed = int(self.seed) if self.seed else None
        start_new_game(self.app, seed=options.seed, group=self.group.strip())


DIGITS = {getattr(pygame, f"K_{n}"): str(n) for n in range(10)} | {getattr(pygame, f"K_KP{n}"): str(n)
                                                                     for n in range(10)}
