"""Reading the terminal's input: any bytes in, one clean line of text out.

The terminal game reads a line at a time from whatever standard input is: a keyboard,
a pipe, a file of any encoding. What comes out of :func:`read_line` is always safe for
the rest of the game: valid text (bytes that are not UTF-8 become U+FFFD), no NUL or
other control characters, no line longer than :data:`MAX_LINE` characters (so no number
too long to convert), and every Unicode digit that ``int`` cannot read (``²``, ``①``)
replaced by its plain value. End of input is ``None``; Ctrl-C is the line ``quit``, so
the game saves before it leaves, whatever prompt was waiting.
"""

from __future__ import annotations

import unicodedata
from typing import BinaryIO, TextIO

MAX_LINE = 1000
#: what Ctrl-C at a prompt is taken to mean
INTERRUPT = "quit"


def clean(text: str) -> str:
    """One line of input made safe: no line end, no control characters, plain digits."""
    text = text.rstrip("\r\n")[:MAX_LINE]
    chars = []
    for char in text:
        if char == "\t":
            chars.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char != "\ufffd":
            continue
        elif char.isdigit() and not char.isdecimal():
            digit = unicodedata.digit(char, None)
            if digit is not None:
                chars.append(str(digit))
        else:
            chars.append(char)
    return "".join(chars)


def _read_raw(stream: TextIO) -> str | None:
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is None:
        line = stream.readline(MAX_LINE * 4)
        return None if line == "" else line
    raw = buffer.readline(MAX_LINE * 4)
    if raw == b"":
        return None
    if not raw.endswith(b"\n"):
        rest = raw
        while rest and not rest.endswith(b"\n"):  # drop the rest of an endless line
            rest = buffer.readline(1 << 16)
    return raw.decode("utf-8", errors="replace")


def read_line(stream: TextIO) -> str | None:
    """The next line of ``stream``, cleaned; None at the end of input; ``quit`` on Ctrl-C."""
    try:
        line = _read_raw(stream)
    except KeyboardInterrupt:
        return INTERRUPT
    except (OSError, ValueError):  # a closed or broken input is the end of it
        return None
    return None if line is None else clean(line)


def tolerant_output(stream: TextIO) -> TextIO:
    """Make ``stream`` print what its encoding cannot show as ``?`` rather than fail."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (OSError, ValueError):
            pass
    return stream
