"""QR codes of the teams' links, as inline SVG (made by segno, a QR library)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, title: str) -> str:
    """An SVG QR code for ``url``, sized by its viewBox so the page can scale it."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, title=title,
              svgclass="qr", lineclass=None, omitsize=True, dark="#111111", light="#ffffff")
    return buffer.getvalue().decode("utf-8")
