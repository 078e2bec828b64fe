"""Checking the command line before any work starts: numbers in range, paths that can work.

Every parser of the game (``python -m game`` and its subcommands) uses these as
``argparse`` types, so a bad value is refused while the arguments are read, with one
``error:`` line and exit status 2, before a scenario is loaded or a run begins. Numbers
must be finite and inside a range; an upper bound says how to go further. Paths are
checked for what they will be used for: a file to read must be a regular file; a file
to write must be in an existing folder and must not be a folder, a device or a FIFO.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

from game.errors import EXIT_BAD_INPUT, UsageError
from game.untrusted import kind_of

#: the largest seed (numpy takes any non-negative integer; this keeps it in 64 bits)
MAX_SEED = 2**63 - 1
MAX_RUNS = 10_000_000
MAX_WORKERS = 256
MAX_TIMER = 3600.0


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose every refusal is one ``error:`` line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        message = re.sub(r"^argument (-[-\w]+)(?:/-\w+)?: (must|expected)", r"\1 \2", message)
        print(f"error: {self.prog.removeprefix('python -m game').strip() or 'game'}: {message} "
              f"(see: {self.prog} --help)", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def _digits(text: str) -> str:
    """The text of a whole number, or ValueError (no Unicode superscripts, no huge strings)."""
    text = text.strip()
    if not text or len(text) > 40 or not text.lstrip("+-").isdecimal():
        raise ValueError(text)
    return text


def whole(low: int, high: int, beyond: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``; ``beyond`` says how to go further."""
    def parse(text: str) -> int:
        try:
            value = int(_digits(text))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text[:40]!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low:,}, not {value:,}")
        if value > high:
            hint = f"; {beyond}" if beyond else ""
            raise argparse.ArgumentTypeError(f"must be at most {high:,}, not {value:,}{hint}")
        return value

    parse.__name__ = "whole number"
    return parse


def finite_number(text: str, what: str = "a number") -> float:
    """A finite float from text, or ValueError naming ``what``."""
    try:
        if len(text) > 60:
            raise ValueError
        value = float(text)
    except ValueError:
        raise ValueError(f"expected {what}, got {text[:40]!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {text!r}")
    return value


def number(low: float, high: float, beyond: str = "", open_low: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high] (or (low, high] with ``open_low``)."""
    def parse(text: str) -> float:
        try:
            value = finite_number(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        if value > high or value < low or (open_low and value == low):
            bound = "more than" if open_low else "at least"
            hint = f"; {beyond}" if beyond and value > high else ""
            lower = f"{bound} {low:g} and " if math.isfinite(low) else ""
            raise argparse.ArgumentTypeError(f"give a number {lower}at most {high:g}, not {value:g}{hint}")
        return value

    parse.__name__ = "number"
    return parse


SEED = whole(0, MAX_SEED)
RUNS = whole(1, MAX_RUNS, "for more runs, repeat the command with other --seed values and add the counts")
WORKERS = whole(1, MAX_WORKERS, "more processes than that only wait for each other")
#: finite and at most an hour; more than 0 is checked by game.errors.play_options, with the other play options
TIMER = number(-math.inf, MAX_TIMER, "for no clock at all, leave out --timer")


def _mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise argparse.ArgumentTypeError(f"cannot use {path}: {error.strerror or error}") from None


def existing(noun: str) -> Callable[[str], str]:
    """An argparse type: a regular file that exists (not a folder, device or FIFO)."""
    def parse(text: str) -> str:
        if "\0" in text or not text:
            raise argparse.ArgumentTypeError(f"give the name of a {noun} file")
        mode = _mode(Path(text))
        if mode is None:
            raise argparse.ArgumentTypeError(f"cannot read the {noun} {text}: no such {noun} file")
        if not stat.S_ISREG(mode):
            raise argparse.ArgumentTypeError(f"cannot read the {noun} {text}: it is {kind_of(mode)}, not a file")
        return text

    parse.__name__ = f"{noun} file"
    return parse


input_file = existing("input")
scenario_file = existing("scenario")
save_file = existing("save")


def _folder_ok(path: Path, text: str) -> None:
    folder = path.parent
    mode = _mode(folder)
    if mode is None:
        raise argparse.ArgumentTypeError(f"cannot write {text}: the folder {folder} does not exist")
    if not stat.S_ISDIR(mode):
        raise argparse.ArgumentTypeError(f"cannot write {text}: {folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise argparse.ArgumentTypeError(f"cannot write {text}: the folder {folder} is not writable")


#: what the commands write; an existing file of another kind is never replaced by them
OUTPUT_SUFFIXES = (".pdf", ".json", ".png", ".csv")


def _output(text: str, save: bool) -> str:
    if text == "-":
        return text
    if "\0" in text or not text:
        raise argparse.ArgumentTypeError("give a file name")
    path = Path(text)
    mode = _mode(path)
    if mode is not None and not stat.S_ISREG(mode):
        raise argparse.ArgumentTypeError(f"{text} is {kind_of(mode)}; give a file name to write")
    _folder_ok(path, text)
    if mode is not None and not save:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            raise argparse.ArgumentTypeError(f"{text} is a link that leads nowhere") from None
        if real.suffix.lower() not in OUTPUT_SUFFIXES or real.suffix.lower() != path.suffix.lower() \
                or (real.suffix.lower() == ".json" and _is_save(real)):
            raise argparse.ArgumentTypeError(f"{text} already exists and is not an output of this command "
                                             f"({real.name}); give a new file name")
    return text


def _is_save(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return b'"game": "separate-peace-1943"' in stream.read(4096)
    except OSError:
        return False


def output_file(text: str) -> str:
    """An argparse type: a file to write ('-' for standard output) in an existing folder.

    An existing file is replaced only if it is an earlier output (a .pdf, .json, .png,
    or .csv under the same suffix), never a save, a scenario or a link to another kind.
    """
    return _output(text, save=False)


def save_target(text: str) -> str:
    """An argparse type: where to write a save (game.saves decides whether a file there may go)."""
    return _output(text, save=True)


def output_folder(text: str) -> str:
    """An argparse type: a folder to write into; it may be new, but its parent must exist."""
    if "\0" in text or not text:
        raise argparse.ArgumentTypeError("give a folder name")
    path = Path(text)
    mode = _mode(path)
    if mode is not None:
        if not stat.S_ISDIR(mode):
            raise argparse.ArgumentTypeError(f"{text} is {kind_of(mode) if not stat.S_ISREG(mode) else 'a file'}, "
                                             "not a folder")
        return text
    _folder_ok(path, text)
    return text


def assignments(items: list[str], flag: str, bounds: Mapping[str, tuple[float, float]] | None = None
                ) -> dict[str, float]:
    """Read repeated ``NAME=VALUE`` options: finite numbers, inside ``bounds[NAME]`` when given."""
    values: dict[str, float] = {}
    for item in items:
        name, equals, text = item.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(f"{flag} expects NAME=VALUE with a number, got {item[:60]!r}")
        try:
            value = finite_number(text.strip(), "a number")
        except ValueError as error:
            raise UsageError(f"{flag} expects NAME=VALUE with a finite number: {name}: {error}") from None
        if bounds is not None and name in bounds:
            low, high = bounds[name]
            if not low <= value <= high:
                raise UsageError(f"{flag} {name}={value:g} is outside its range {low:g} to {high:g}")
        values[name] = value
    return values
