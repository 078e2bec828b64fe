"""The teacher's guide on paper: ``python -m game guide --pdf FILE [--paper a4|letter]``.

Renders the small part of Markdown that docs/teachers.md uses (headings, paragraphs,
bullet and numbered lists, indented commands, tables, **bold**, *italic* and `code`)
as flowing ReportLab pages, tables as real ruled tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.platypus import Flowable, Preformatted

from game.classroom.printing import build_pdf, bullets, grid, keep, para, styles, text, text_width, today


def plain(value: str) -> str:
    """Markdown emphasis and code marks removed.

    >>> plain("the **West** reads `help` and *notes*")
    'the West reads help and notes'
    """
    value = re.sub(r"\*\*(.+?)\*\*", r"\1", value)
    value = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", value)
    return value.replace("`", "")


def inline(value: str) -> str:
    """Markdown emphasis as ReportLab mark-up (the text escaped first).

    >>> inline("the **West** reads `help` & *notes*")
    'the <b>West</b> reads <font face="Courier">help</font> &amp; <i>notes</i>'
    """
    value = text(value)
    value = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", value)
    value = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", value)
    return re.sub(r"`(.+?)`", r'<font face="Courier">\1</font>', value)


def blocks(markdown: str) -> list[tuple[str, str]]:
    """The guide as (kind, text) blocks: h1, h2, h3, para, bullet, number, code, row."""
    result: list[tuple[str, str]] = []
    current: tuple[str, list[str]] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            kind, lines = current
            result.append((kind, "\n".join(lines) if kind == "code" else " ".join(lines)))
            current = None

    for raw in markdown.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if line.startswith("    ") and (current is None or current[0] == "code"):
            if current is None:
                current = ("code", [])
            current[1].append(stripped)
            continue
        if stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            result.append(({1: "h1", 2: "h2"}.get(level, "h3"), stripped.lstrip("#").strip()))
            continue
        if stripped.startswith("|"):
            flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                result.append(("row", "\t".join(cells)))
            continue
        # a list item starts after a blank line or another item, never inside a paragraph's
        # wrapped lines (where "1943. The ..." may start a line)
        starts = current is None or current[0] in ("bullet", "number")
        bullet = re.match(r"^[-*] (.*)", stripped) if starts else None
        number = re.match(r"^(\d+)\. (.*)", stripped) if current is None or current[0] == "number" else None
        if bullet is not None:
            flush()
            current = ("bullet", [bullet.group(1)])
            continue
        if number is not None:
            flush()
            current = ("number", [number.group(2)])
            continue
        if current is None or current[0] == "code":
            flush()
            current = ("para", [])
        current[1].append(stripped)
    flush()
    return result


def guide_story(markdown: str, width: float) -> list[Flowable]:
    """The flowables of a Markdown guide: runs of list items become one list, runs of rows one table."""
    story: list[Flowable] = []
    parts = blocks(markdown)
    index = 0
    pending_heading: list[Flowable] = []

    def add(flowable: Flowable) -> None:
        if pending_heading:
            story.append(keep(*pending_heading, flowable))
            pending_heading.clear()
        else:
            story.append(flowable)

    while index < len(parts):
        kind, value = parts[index]
        run = [value]
        if kind in ("bullet", "number", "row"):
            while index + 1 < len(parts) and parts[index + 1][0] == kind:
                index += 1
                run.append(parts[index][1])
        index += 1
        if kind == "h1":
            story.append(para(inline(value), "title", markup=True))
        elif kind in ("h2", "h3"):
            if pending_heading:
                story.extend(pending_heading)
                pending_heading.clear()
            pending_heading.append(para(inline(value), "h1" if kind == "h2" else "h2", markup=True))
        elif kind == "para":
            add(para(inline(value), markup=True))
        elif kind in ("bullet", "number"):
            add(bullets([inline(item) for item in run], markup=True, numbered=kind == "number"))
        elif kind == "code":
            code = styles()["code"]
            columns = int((width - code.leftIndent) / (0.6 * code.fontSize)) - 1
            add(Preformatted(value, code, maxLineLength=columns, newLineChars="  "))
        elif kind == "row":
            header = any(cell.strip() for cell in run[0].split("\t"))
            lines = run if header else run[1:]
            rows = [[para(inline(cell), "cellbold" if header and number == 0 else "cell", markup=True)
                     for cell in line.split("\t")] for number, line in enumerate(lines)]
            add(grid(rows, column_widths(lines, width), header=header, shade_first_column=not header))
    story.extend(pending_heading)
    return story


def column_widths(rows: list[str], width: float) -> list[float]:
    """Column widths: each at least as wide as its longest word (so no word is broken), the
    rest of the width shared in proportion to the longest cell of each column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from game.classroom.printing import FONT

    style = styles()["cellbold"]
    columns = max(len(row.split("\t")) for row in rows)
    longest = [1] * columns
    floor = [0.0] * columns
    for row in rows:
        for number, cell in enumerate(row.split("\t")):
            words = plain(cell).split() or [""]
            longest[number] = max(longest[number], min(len(plain(cell)), 220))
            widest = max(stringWidth(word, FONT + "-Bold", style.fontSize) for word in words)
            floor[number] = max(floor[number], widest + 9)
    weights = [max(length, 9) ** 0.8 for length in longest]
    spare = max(0.0, width - sum(floor))
    total = sum(weights)
    return [floor[n] + spare * weights[n] / total for n in range(columns)]


def write_guide_pdf(source: str | Path, path: str | Path, paper: str = "a4") -> Path:
    """Render a Markdown guide to a PDF; returns the path."""
    markdown = Path(source).read_text(encoding="utf-8")
    title = next((value for kind, value in blocks(markdown) if kind == "h1"), "Teacher's guide")
    story = guide_story(markdown, text_width(paper))
    return build_pdf(path, story, plain(title), f"{plain(title)} — printed {today()}", paper,
                     subject="Teacher's guide")
