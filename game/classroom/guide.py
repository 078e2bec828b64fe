"""The teacher's guide on paper: ``python -m game guide --pdf FILE``.

Renders the small part of Markdown that docs/teachers.md uses (headings, paragraphs,
bullet and numbered lists, indented commands and one kind of table) with the same A4
layout as the other printouts.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.classroom.printing import ACCENT, MUTED, PageWriter, a4_pdf, today

CODE_SIZE = 8.5


def plain(text: str) -> str:
    """Markdown emphasis and code marks removed.

    >>> plain("the **West** reads `help` and *notes*")
    'the West reads help and notes'
    """
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text.replace("`", "")


def blocks(markdown: str) -> list[tuple[str, str]]:
    """The guide as (kind, text) blocks: h1, h2, para, bullet, number, code, row."""
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
            result.append(("h1" if level == 1 else "h2", stripped.lstrip("#").strip()))
            continue
        if stripped.startswith("|"):
            flush()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                result.append(("row", "\t".join(cells)))
            continue
        bullet = re.match(r"^[-*] (.*)", stripped)
        number = re.match(r"^(\d+)\. (.*)", stripped)
        if bullet or number:
            flush()
            current = ("bullet", [bullet.group(1)]) if bullet else ("number", [f"{number.group(1)}\t{number.group(2)}"])
            continue
        if current is None or current[0] in ("code",):
            flush()
            current = ("para", [])
        current[1].append(stripped)
    flush()
    return result


def write_guide_pdf(source: str | Path, path: str | Path) -> Path:
    """Render a Markdown guide to an A4 PDF; returns the path."""
    parts = blocks(Path(source).read_text(encoding="utf-8"))
    title = next((text for kind, text in parts if kind == "h1"), "Teacher's guide")
    path = Path(path)
    header_row = True
    with a4_pdf(path, plain(title), "Teacher's guide") as pdf:
        page = PageWriter(pdf, f"{plain(title)} — printed {today()}")
        page.new_page()
        for kind, text in parts:
            if kind == "h1":
                page.text(plain(text), size=19, bold=True, color=ACCENT, space_after=0.1)
            elif kind == "h2":
                page.heading(plain(text), size=13)
                header_row = True
            elif kind == "para":
                page.text(plain(text), size=10, space_after=0.08)
            elif kind == "bullet":
                page.text(plain(text), size=10, indent=0.22, hanging="•", space_after=0.04)
            elif kind == "number":
                number, body = text.split("\t", 1)
                page.text(plain(body), size=10, indent=0.25, hanging=f"{number}.", space_after=0.04)
            elif kind == "code":
                for line in text.split("\n"):
                    page.text(line, size=CODE_SIZE, indent=0.3, color="#203050", space_after=0.0)
                page.space(0.08)
            elif kind == "row":
                cells = [plain(cell) for cell in text.split("\t")]
                if header_row:
                    header_row = False
                    continue
                lead, rest = cells[0], " — ".join(cells[1:2])
                more = " ".join(cells[2:])
                page.text(f"{lead}  {rest}", size=10, bold=True, space_after=0.0)
                if more:
                    page.text(more, size=9.5, indent=0.22, color=MUTED if not more else "#1a1a1a", space_after=0.06)
        page.close()
    return path
