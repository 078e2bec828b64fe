"""Read the text back out of a PDF that matplotlib wrote (no outside tools needed).

Matplotlib's PDF backend with TrueType fonts (``pdf.fonttype = 42``) writes each line of
text as ``BT ... [ (..) kern (..) ] TJ ... ET`` in zlib-compressed content streams, with
two bytes per character (the character code, big-endian). This reads those streams,
decodes the strings and joins each text object into one line. Characters outside the
font's first subset (dashes, curly quotes) come back as other characters; plain text
such as an ending's title comes back exactly ("fi" and "fl" are drawn as ligature glyphs and
come back as other characters too).
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
TEXT_OBJECT = re.compile(rb"BT(.*?)ET", re.S)
STRING = re.compile(rb"\((?:\\.|[^\\)])*\)", re.S)


def _unescape(raw: bytes) -> bytes:
    out = bytearray()
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == 0x5C and index + 1 < len(raw):  # backslash
            following = raw[index + 1]
            if 0x30 <= following <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", raw[index + 1:index + 4]).group(0)  # type: ignore[union-attr]
                out.append(int(digits, 8) & 0xFF)
                index += 1 + len(digits)
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}.get(following, following))
            index += 2
            continue
        out.append(char)
        index += 1
    return bytes(out)


def _decode(raw: bytes) -> str:
    data = _unescape(raw[1:-1])
    if len(data) % 2 == 0 and data[:1] == b"\x00":
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")


def pdf_text(path: str | Path) -> str:
    """Every line of text in the PDF, one per line, in the order drawn."""
    lines = []
    for stream in STREAM.findall(Path(path).read_bytes()):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        for block in TEXT_OBJECT.findall(content):
            pieces = [_decode(match) for match in STRING.findall(block)]
            if pieces:
                lines.append("".join(pieces))
    return "\n".join(lines)
