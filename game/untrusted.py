"""Reading files nobody vouches for: bounded in size, nesting and number length.

Scenario and save files come from anywhere (a pupil's USB stick, a download, a mistyped
path that names ``/dev/zero`` or a FIFO). Everything here refuses before it spends
memory or time it should not: the size is capped while reading, not taken from the
size the file claims; a FIFO or a device is refused without blocking; JSON nesting and
the number of digits in a number are bounded before the parser could recurse or
convert without end.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

#: nesting deeper than this is no save or scenario of the game
MAX_NESTING = 32
#: digits in one number (a seed has at most 20)
MAX_NUMBER_DIGITS = 40
_CHUNK = 1 << 16

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


class UntrustedError(ValueError):
    """A file could not be read safely; the message says why (without the path)."""


def kind_of(mode: int) -> str:
    """A short name for what a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing anything else or more than ``limit`` bytes.

    The file is opened without blocking (a FIFO with no writer would otherwise wait for
    ever) and checked to be a regular file before one byte is read; then at most
    ``limit + 1`` bytes are read, whatever size the file states (``/dev/zero`` states 0).
    Raises FileNotFoundError, OSError or :class:`UntrustedError`.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UntrustedError(f"{kind_of(mode)}, not a file")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise UntrustedError(f"larger than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def nesting_depth(data: bytes, opening: bytes = b"[{", closing: bytes = b"]}",
                  strings: re.Pattern[bytes] = _JSON_STRING) -> int:
    """The deepest bracket nesting of ``data``, ignoring brackets inside strings."""
    bare = strings.sub(b'""', data)
    codes = np.frombuffer(bare, dtype=np.uint8)
    if codes.size == 0:
        return 0
    steps = np.zeros(codes.size, dtype=np.int32)
    for char in opening:
        steps[codes == char] = 1
    for char in closing:
        steps[codes == char] = -1
    return int(np.cumsum(steps).max(initial=0))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise UntrustedError(f"a number of {len(text)} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS + 10:
        raise UntrustedError(f"a number of {len(text)} characters")
    value = float(text)
    if not math.isfinite(value):
        raise UntrustedError(f"the number {text} is out of range")
    return value


def _no_constant(text: str) -> Any:
    raise UntrustedError(f"{text} is not a number a save may hold")


def parse_json(data: bytes) -> Any:
    """Parse JSON bytes with bounded nesting and numbers; no NaN or Infinity.

    Raises :class:`UntrustedError` with a message that gives the line where it can.
    """
    depth = nesting_depth(data)
    if depth > MAX_NESTING:
        raise UntrustedError(f"nested {depth} levels deep (at most {MAX_NESTING})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_and_column(data, error.start)
        raise UntrustedError(f"not UTF-8 text at line {line}, column {column}") from None
    try:
        return json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise UntrustedError(f"JSON error at line {error.lineno}, column {error.colno}: {error.msg}; "
                             "the file may be truncated") from None
    except RecursionError:
        raise UntrustedError("nested too deeply") from None


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def clean_line(text: object, limit: int) -> str:
    """Text a person typed (a group's name, a reason) made safe to keep, print and show.

    Anything but a string is the empty text. Line ends, tabs and runs of spaces become one
    space; control, format (bidirectional overrides, zero-width marks), surrogate,
    private-use and unassigned characters are dropped; the result is trimmed and cut to
    ``limit`` characters, so a pasted essay or a terminal escape never reaches a page.
    """
    if not isinstance(text, str):
        return ""
    kept = []
    for char in text[: limit * 4]:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(char)
    return " ".join("".join(kept).split())[:limit].rstrip()
