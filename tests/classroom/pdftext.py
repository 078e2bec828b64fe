"""Read the text back out of a PDF, with pypdf (the printouts embed TrueType fonts with
a Unicode map, so dashes, quotes and ligature-free words come back as written)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: str | Path) -> str:
    """Every page's text, pages joined by newlines."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
