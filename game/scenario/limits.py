"""Limits that make "passes ``check``" mean "can be played": size, nesting, numbers, structure.

The loader (game.scenario.loader) checks what a scenario means; this module checks, before
and after, that it is small and sane enough to be played at all, so that a hostile or
mistyped file is refused with the file, key and line instead of crashing or hanging the
terminal, the window or the lab:

- :func:`read_scenario_text`: at most :data:`MAX_SCENARIO_BYTES`, read with a cap (a FIFO or
  ``/dev/zero`` is refused at once); a byte that is not UTF-8 is reported with its line and
  column.
- :func:`parse_toml`: nesting deeper than :data:`MAX_NESTING` and numbers of more than
  :data:`MAX_DIGITS` digits are refused before ``tomllib`` could recurse or convert without
  end; a syntax error (a truncated file) keeps its line and column.
- :func:`number_problems`: every number in the file finite and of at most :data:`MAX_MAGNITUDE`.
- :func:`size_problems`: the numbers of variables, events, policies, options and endings,
  and the memory the lab's counting grid needs, bounded.
"""

from __future__ import annotations

import math
import re
import tomllib
from typing import Any

from game.untrusted import UntrustedError, line_and_column, nesting_depth, read_bounded

MAX_SCENARIO_BYTES = 2_000_000
MAX_NESTING = 24
MAX_DIGITS = 30
#: no number in a scenario is larger than this (the model works on a 0-100 scale)
MAX_MAGNITUDE = 1e9
#: a number nearer to 0 than this (but not 0) would overflow when the lab divides by it
MIN_MAGNITUDE = 1e-9
#: the narrowest range a variable may have (other than none: min equal to max)
MIN_RANGE = 1e-6
MAX_VARIABLES = 400
MAX_EVENTS = 2_000
MAX_POLICIES = 200
MAX_OPTIONS = 30
MAX_ENDINGS = 100
MAX_PARAMS = 1_000
#: the lab keeps (months x variables x grid points) counts of 8 bytes, and a chunk of runs
#: (runs x variables) in a few copies; more than this in all is refused
MAX_LAB_BYTES = 2**30
LAB_GRID_POINTS = 2001  # game.lab.summary.GRID_STEPS + 1
LAB_CHUNK_RUNS = 32_768  # game.lab.experiment.CHUNK_RUNS
LAB_CHUNK_COPIES = 4


#: TOML strings (basic, literal, multi-line) and comments, to be blanked before counting brackets
_TOML_SKIP = re.compile(rb'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*',
                        re.DOTALL)
_LONG_NUMBER = re.compile(rb"(?<![A-Za-z0-9_-])[0-9][0-9_]{%d,}" % MAX_DIGITS)


class TextError(ValueError):
    """A scenario file that cannot be read as text; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_scenario_text(path: Any) -> tuple[bytes, str]:
    """The bytes and text of a scenario file; raises :class:`TextError` (with the line and column)."""
    try:
        raw = read_bounded(path, MAX_SCENARIO_BYTES)
    except UntrustedError as error:
        raise TextError(f"cannot read the file: {error}") from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_and_column(raw, error.start)
        raise TextError(f"the file is not UTF-8 text ({error.reason}) at column {column}", line) from None


def _blank(match: re.Match[bytes]) -> bytes:
    """A skipped string or comment, its line breaks kept so that lines still count."""
    return b"\n" * match.group(0).count(b"\n")


def parse_toml(raw: bytes, text: str) -> tuple[dict | None, int | None, str]:
    """Parse TOML safely: (data, None, "") or (None, line, message)."""
    bare = _TOML_SKIP.sub(_blank, raw)
    depth = nesting_depth(bare, strings=re.compile(rb"(?!)"))
    if depth > MAX_NESTING:
        return None, _deepest_line(bare), f"arrays or tables nested {depth} deep (at most {MAX_NESTING})"
    long_number = _LONG_NUMBER.search(bare)
    if long_number:
        line, column = line_and_column(bare, long_number.start())
        return None, line, f"a number of {len(long_number.group(0))} digits at column {column} (at most {MAX_DIGITS})"
    try:
        return tomllib.loads(text), None, ""
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = str(error).split(" (at line")[0]
        if match:
            return None, int(match.group(1)), f"TOML syntax error: {message} (column {match.group(2)})"
        last = text.rsplit("\n", 1)[-1]
        return None, text.count("\n") + 1, (f"TOML syntax error: {message} at the end of the file, column "
                                            f"{len(last) + 1}: is the file cut short?")
    except (RecursionError, ValueError, OverflowError) as error:
        return None, None, f"the file cannot be read as TOML: {str(error)[:120]}"


def _deepest_line(bare: bytes) -> int:
    depth = deepest = 0
    line = where = 1
    for byte in bare:
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif byte in b"]}":
            depth -= 1
        elif byte == 10:
            line += 1
    return where


def number_problems(data: dict) -> list[tuple[tuple, str]]:
    """(key path, message) for every number that is not finite or larger than :data:`MAX_MAGNITUDE`."""
    found: list[tuple[tuple, str]] = []
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((path + (index,), item) for index, item in enumerate(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int | float):
            if isinstance(value, float) and not math.isfinite(value):
                found.append((path, f"{value} is not a finite number"))
            elif abs(value) > MAX_MAGNITUDE:
                found.append((path, f"{value:.6g} is too large (numbers stay within ±{MAX_MAGNITUDE:.0e})"))
            elif value and abs(value) < MIN_MAGNITUDE:
                found.append((path, f"{value:.6g} is too small to compute with (write 0, or at least "
                                    f"{MIN_MAGNITUDE:.0e})"))
    found.sort(key=lambda item: [str(part) for part in item[0]])
    return found


def size_problems(data: dict, months: int) -> list[tuple[tuple, str]]:
    """(key path, message) for a scenario too big to play, and for a lab that would need too much memory."""
    found: list[tuple[tuple, str]] = []
    limits = {"variables": MAX_VARIABLES, "events": MAX_EVENTS, "policies": MAX_POLICIES,
              "endings": MAX_ENDINGS}
    for key, limit in limits.items():
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            found.append(((key,), f"{len(items)} {key} is more than {limit}"))
        for index, item in enumerate(items if isinstance(items, list) else []):
            options = item.get("options") if isinstance(item, dict) else None
            if isinstance(options, list) and len(options) > MAX_OPTIONS:
                found.append(((key, index, "options"), f"{len(options)} options is more than {MAX_OPTIONS}"))
    params = data.get("params")
    if isinstance(params, dict | list) and len(params) > MAX_PARAMS:
        found.append((("params",), f"{len(params)} parameters is more than {MAX_PARAMS}"))
    variables = data.get("variables")
    count = len(variables) if isinstance(variables, list) else 0
    for index, variable in enumerate(variables if isinstance(variables, list) else []):
        low, high = (variable.get(key) if isinstance(variable, dict) else None for key in ("min", "max"))
        if isinstance(low, int | float) and isinstance(high, int | float) and 0 < abs(high - low) < MIN_RANGE:
            found.append((("variables", index, "max"), f"the range {low:g} to {high:g} is narrower than {MIN_RANGE:g}"))
    need = max(months, 1) * count * LAB_GRID_POINTS * 8 + LAB_CHUNK_RUNS * count * 8 * LAB_CHUNK_COPIES
    if need > MAX_LAB_BYTES:
        found.append((("variables",), f"{count} variables over {months} months would need {need / 2**20:,.0f} MiB "
                                      f"in the lab (at most {MAX_LAB_BYTES / 2**20:,.0f} MiB)"))
    return found
