"""Find the line of a key path in TOML text, so that errors can name a line.

``tomllib`` returns plain dicts without positions. Scenario files are written as
arrays of tables (``[[events]]``, ``[[events.options]]``) with one key per line, so
counting headers is enough to find where ``events[3].options[1].condition`` lives.
"""

from __future__ import annotations

import re

PathPart = str | int


def locate(text: str, path: tuple[PathPart, ...]) -> int | None:
    """The 1-based line where ``path`` is written, or None when it cannot be found.

    >>> locate("[[events]]\\nid = 'a'\\n[[events]]\\nid = 'b'\\n", ("events", 1, "id"))
    4
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    header = ""
    found: int | None = None
    index = 0
    while index < len(path):
        part = path[index]
        if not isinstance(part, str):
            return found
        name = f"{header}.{part}" if header else part
        following = path[index + 1] if index + 1 < len(path) else None
        if isinstance(following, int):
            line = _nth_header(lines, start, end, name, following, array=True)
            if line is None:
                line = _key_line(lines, start, end, part)
                return line + 1 if line is not None else found
            start = line + 1
            end = _section_end(lines, start, end, name)
            header = name
            found = line + 1
            index += 2
            continue
        line = _nth_header(lines, start, end, name, 0, array=False)
        if line is not None:
            start = line + 1
            end = _section_end(lines, start, end, name)
            header = name
            found = line + 1
            index += 1
            continue
        line = _key_line(lines, start, end, part)
        return line + 1 if line is not None else found
    return found


def _nth_header(lines: list[str], start: int, end: int, name: str, n: int, array: bool) -> int | None:
    pattern = re.compile(
        r"^\s*\[\[\s*" + re.escape(name) + r"\s*\]\]" if array else r"^\s*\[\s*" + re.escape(name) + r"\s*\]"
    )
    count = 0
    for number in range(start, end):
        if pattern.match(lines[number]):
            if count == n:
                return number
            count += 1
    return None


def _section_end(lines: list[str], start: int, end: int, name: str) -> int:
    """The line where the table ``name`` ends: the next header that is not a sub-table."""
    for number in range(start, end):
        match = re.match(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]", lines[number])
        if match and not match.group(1).startswith(name + "."):
            return number
    return end


def _key_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pattern = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
    for number in range(start, end):
        if re.match(r"^\s*\[", lines[number]):
            return None
        if pattern.match(lines[number]):
            return number
    return None
