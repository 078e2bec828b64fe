"""The files the teacher downloads from the console, made inside the game's folder.

Only the names in :data:`DOWNLOADS` exist; each is written into the room's
``downloads`` folder and the resolved path is checked to lie inside the game's
folder, so no request can reach another file on the teacher's machine.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from game.web.room import FINAL_FILE, Room

#: the downloadable files and their media types
DOWNLOADS = {
    "debrief.pdf": "application/pdf",
    "class-report.pdf": "application/pdf",
    "worksheets.pdf": "application/pdf",
    "game-final.json": "application/json",
}
#: runs of the historical distribution the class report compares the game with
REPORT_RUNS = 300


def write_worksheets(room: Room, target: Path) -> Path:
    """The teams' printouts: the student packet for the teams of this game, or the role cards
    where this checkout has no packet module."""
    try:
        packet = importlib.import_module("game.classroom.packet")
    except ImportError:
        from game.classroom.rolecards import write_rolecards_pdf

        return write_rolecards_pdf(room.scenario, target)
    return Path(packet.write_packet_pdf(room.scenario, target, "a4", tuple(room.session.humans)))


class DownloadError(Exception):
    """A download that does not exist or is not ready; the message says which."""


def prepare_download(room: Room, name: str) -> Path:
    """Write the file ``name`` for ``room`` (if needed) and return its path inside the game's folder."""
    if name not in DOWNLOADS:
        raise DownloadError(f"There is no download called {name!r}.")
    folder = room.folder.resolve()
    target = (folder / "downloads" / name).resolve()
    if not target.is_relative_to(folder):
        raise DownloadError("That file is outside the game's folder.")
    if target.exists() and name != "game-final.json":
        return target  # made before: the worksheets never change, the rest only once the game is over
    if name == "worksheets.pdf":
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_worksheets(room, target)
    if not room.ended:
        raise DownloadError("The debrief and the report are ready once the game is over.")
    final = folder / FINAL_FILE
    if name == "game-final.json":
        return final
    target.parent.mkdir(parents=True, exist_ok=True)
    if name == "debrief.pdf":
        from game.classroom.debrief_pdf import write_debrief_pdf

        return write_debrief_pdf(room.session, target)
    from game.classroom.report import class_report, write_report_pdf

    return write_report_pdf(class_report(room.scenario, [final], runs=REPORT_RUNS), target)
