"""Save files: a versioned, checksummed JSON envelope around a seed and a list of choices.

A save never holds the state itself, only what is needed to replay it: the scenario
(id and content hash), the seed, the powers people played and every choice. Loading
replays the choices through the engine and compares the hash of each month's state
with the one recorded, so a save made on another machine says where it diverged.

Saves are untrusted input: they are parsed as JSON only, checked field by field, and a
bad one is refused with a message; nothing else on disk is touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from game.engine.session import Choice, Note, Session
from game.scenario.model import Scenario

FORMAT_VERSION = 1
GAME_ID = "separate-peace-1943"
MAX_SAVE_BYTES = 5_000_000
AUTOSAVES_KEPT = 3

#: One step per format bump: MIGRATIONS[n] turns a format-n envelope into format n+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


class SaveError(Exception):
    """A save could not be read or does not belong to this game; the message says why."""


def envelope(session: Session, note: str = "") -> dict:
    """The save data for a session, checksum included."""
    body = {
        "format": FORMAT_VERSION,
        "game": GAME_ID,
        "scenario": {"id": session.scenario.id, "hash": session.scenario.content_hash},
        "seed": session.seed,
        "humans": list(session.humans),
        "params": dict(session.params or {}),
        "choices": [choice.to_json() for choice in session.history],
        "notes": [note.to_json() for note in session.notes],
        "turn": session.turn,
        "month": session.month,
        "month_hashes": [record.hash for record in session.months],
        "ending": session.ending.id if session.ending else None,
        "timer": session.timer_seconds,
        "numpy": np.__version__,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": note,
    }
    body["checksum"] = checksum(body)
    return body


def checksum(body: dict) -> str:
    """SHA-256 over the canonical JSON of everything but the checksum itself."""
    content = {key: value for key, value in body.items() if key != "checksum"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` so that ``path`` is always either the old file or the new one.

    The new content goes to a temporary file in the same folder, is flushed to disk,
    then renamed over the old file; the previous version is kept as ``.bak``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            os.replace(path, backup)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def save_game(session: Session, path: str | Path, note: str = "") -> Path:
    """Write a save of ``session`` to ``path`` atomically; returns the path."""
    path = Path(path)
    write_atomically(path, json.dumps(envelope(session, note), indent=1, ensure_ascii=False) + "\n")
    return path


def autosave(session: Session, folder: Path) -> Path:
    """Save as ``autosave-<month>.json`` and keep only the newest three autosaves."""
    path = save_game(session, folder / f"autosave-{session.month}-t{session.turn:02d}.json", note="autosave")
    autosaves = sorted(folder.glob("autosave-*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in autosaves[:-AUTOSAVES_KEPT]:
        old.unlink(missing_ok=True)
        old.with_name(old.name + ".bak").unlink(missing_ok=True)
    return path


def read_envelope(path: str | Path) -> dict:
    """Read and check a save's envelope (JSON, checksum, format), migrating old formats."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path}: {size} bytes is too large for a save")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SaveError(f"{path}: cannot read the save ({error})") from None
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        raise SaveError(f"{path}: not a valid save (JSON error at line {error.lineno}: {error.msg}); "
                        "the file may be truncated") from None
    if not isinstance(body, dict) or body.get("game") != GAME_ID:
        raise SaveError(f"{path}: not a Separate Peace 1943 save")
    version = body.get("format")
    if not isinstance(version, int):
        raise SaveError(f"{path}: the save has no format version")
    if version > FORMAT_VERSION:
        raise SaveError(f"{path}: save format {version} is newer than this game reads ({FORMAT_VERSION})")
    if body.get("checksum") != checksum(body):
        raise SaveError(f"{path}: the checksum does not match: the save was damaged or edited")
    while version < FORMAT_VERSION:
        if version not in MIGRATIONS:
            raise SaveError(f"{path}: save format {version} cannot be upgraded")
        body = MIGRATIONS[version](body)
        version = body["format"]
    return body


def load_game(path: str | Path, scenario: Scenario, allow_other_version: bool = False) -> Session:
    """Rebuild the session a save describes, by replaying its choices.

    Raises :class:`SaveError` if the save is damaged, belongs to another scenario, or
    does not replay to the recorded states (``allow_other_version`` accepts a save made
    from an edited scenario as long as the choices still fit).
    """
    body = read_envelope(path)
    info = body.get("scenario")
    if not isinstance(info, dict) or info.get("id") != scenario.id:
        raise SaveError(f"{path}: the save is for scenario {info!r}, not {scenario.id!r}")
    if info.get("hash") != scenario.content_hash and not allow_other_version:
        raise SaveError(f"{path}: the save was made with a different version of scenario "
                        f"{scenario.id!r} (its file has changed since)")
    try:
        seed = int(body["seed"])
        humans = tuple(str(power) for power in body["humans"])
        params = {str(k): float(v) for k, v in dict(body.get("params") or {}).items()}
        choices = [Choice.from_json(item) for item in body["choices"]]
        notes = [Note.from_json(item) for item in body.get("notes") or []]
        hashes = [str(h) for h in body.get("month_hashes", [])]
        timer = body.get("timer")
        timer = float(timer) if timer is not None else None
    except (KeyError, TypeError, ValueError) as error:
        raise SaveError(f"{path}: malformed save ({error})") from None
    try:
        session = Session(scenario, seed=seed, humans=humans, params=params or None, timer_seconds=timer)
        session.replay(choices, notes=notes)
    except (KeyError, ValueError, RuntimeError) as error:
        raise SaveError(f"{path}: the recorded choices do not replay: {error}") from None
    for record, expected in zip(session.months, hashes, strict=False):
        if record.hash != expected:
            raise SaveError(f"{path}: the replay diverges from the save in {record.month} "
                            f"(state hash {record.hash} != {expected}); numpy {np.__version__} "
                            f"here, {body.get('numpy')} when saved")
    return session


def list_saves(folder: Path) -> list[tuple[Path, dict | None, str]]:
    """Every save in a folder, newest first, with its envelope or the reason it is unreadable."""
    result: list[tuple[Path, dict | None, str]] = []
    if not folder.exists():
        return result
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True):
        try:
            result.append((path, read_envelope(path), ""))
        except SaveError as error:
            result.append((path, None, str(error)))
    return result
