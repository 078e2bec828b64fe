"""Save files: a versioned, checksummed JSON envelope around a seed and a list of choices.

A save never holds the state itself, only what is needed to replay it: the scenario
(id and content hash), the seed, the powers people played and every choice. Loading
replays the choices through the engine and compares the hash of each month's state
with the one recorded, and the turn, month and ending with the ones written down, so
a save made on another machine says where it diverged and an edited save is refused
even when its checksum was recomputed (the checksum catches damage; the replay catches
tampering).

The API the terminal, the window and the table use (also in /work/coord/SAVES_API.md):

- ``save_game(session, path)``: write atomically; the previous version stays beside it
  as ``<name>.bak``. Refuses (``SaveError``) a target that is a folder, a device, a FIFO,
  a link out of its folder, or a file that is not a save of this same game.
- ``default_save_path(session, folder)``: the file of the manual save and the quit save
  of one game, ``game-<seed>-<game id>.json``: two games never share it.
- ``autosave(session, folder)``: ``autosave-<game id>-<month>-t<turn>.json``, keeping the
  newest ``AUTOSAVES_KEPT`` of that game only; other games' autosaves are never touched.
- ``load_game(path, scenario, report=print_to_stderr)``: the session, replayed and
  checked; when the file is missing or damaged and its ``.bak`` is good, the backup is
  read and ``report`` is told so.
- ``list_saves(folder)``: every save, newest first, as ``(path, envelope or None,
  problem)``; an unreadable file is listed with its reason and never raises. It also
  removes temporaries that a killed save left behind.
- ``game_id(session)``: the id of the game (``session.game_id``), made on first use.
- ``read_remarks(envelope)``: the group's name (``group``) and the reasons given for
  decisions (``reasons``) that a save holds; both optional, so older saves (no new
  format number was needed) load with none, and ``load_game`` puts them on
  ``session.remarks`` (game.remarks).

Saves are untrusted input: read with a size cap (game.untrusted), parsed as JSON only
with bounded nesting and numbers, and checked field by field; a bad one is refused with
a message; nothing else on disk is touched.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from game.remarks import Reason, Remarks, clean_group
from game.scenario.model import Scenario
from game.session import Choice, Note, Session
from game.untrusted import UntrustedError, kind_of, parse_json, read_bounded

FORMAT_VERSION = 2
GAME_ID = "separate-peace-1943"
MAX_SAVE_BYTES = 5_000_000
AUTOSAVES_KEPT = 3
#: the largest seed a save may hold (numpy takes any non-negative integer; the game makes 31-bit ones)
MAX_SEED = 2**63 - 1
MAX_CHOICES = 20_000
MAX_TIMER_SECONDS = 24 * 3600.0
MAX_TEXT = 2_000
#: the largest model parameter a save may set (as the lab's --param)
MAX_PARAM = 1e6
GAME_ID_PATTERN = re.compile(r"^[0-9a-f]{12}$")
BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".tmp"
#: a temporary whose writing process is gone, or this old, is debris of a killed save
STALE_TEMP_SECONDS = 3600


class SaveError(OSError):
    """A save could not be read or written, or does not belong to this game; the message says why.

    It is an OSError so that code which already reports a failed write (``except OSError``)
    reports a refused target the same way.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _migrate_1_to_2(body: dict) -> dict:
    """Format 2 adds the game id; an old save gets one derived from its checksum (stable)."""
    body = dict(body, format=2, game_id=str(body.get("checksum", ""))[:12] or new_game_id())
    body["checksum"] = checksum(body)
    return body


#: One step per format bump: MIGRATIONS[n] turns a format-n envelope into format n+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _migrate_1_to_2}


def new_game_id() -> str:
    """A fresh id for a game: 12 hex digits, never derived from the seed."""
    return secrets.token_hex(6)


def game_id(session: Session) -> str:
    """The id of the game a session plays (kept on ``session.game_id``; made on first use)."""
    ident = getattr(session, "game_id", "") or ""
    if not GAME_ID_PATTERN.match(str(ident)):
        ident = new_game_id()
        session.game_id = ident
    return ident


def envelope(session: Session, note: str = "") -> dict:
    """The save data for a session, checksum included."""
    body = {
        "format": FORMAT_VERSION,
        "game": GAME_ID,
        "game_id": game_id(session),
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
    remarks = getattr(session, "remarks", None)
    if isinstance(remarks, Remarks):  # optional fields: a save without them is a game without remarks
        if remarks.group:
            body["group"] = remarks.group
        if remarks.reasons:
            body["reasons"] = remarks.to_json()
    body["checksum"] = checksum(body)
    return body


def checksum(body: dict) -> str:
    """SHA-256 over the canonical JSON of everything but the checksum itself."""
    content = {key: value for key, value in body.items() if key != "checksum"}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- writing ------------------------------------------------------------------------------


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def safe_target(path: str | Path) -> Path:
    """The regular file a write to ``path`` may replace, or SaveError saying why not.

    A folder, a device, a FIFO or a socket is never replaced; a symbolic link is
    followed only to a file in the same folder (a link out of it is refused); the
    folder must exist and be a folder.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder_mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise SaveError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as error:
        raise SaveError(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISDIR(folder_mode):
        raise SaveError(f"cannot write {path}: {folder} is not a folder")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as error:
        raise SaveError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISLNK(mode):
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise SaveError(f"not saving to {path}: it is a link that leads nowhere") from None
        if real.parent != folder.resolve():
            raise SaveError(f"not saving to {path}: it is a link to {real}, outside its folder")
        return safe_target(real)
    if not stat.S_ISREG(mode):
        raise SaveError(f"not saving to {path}: it is {kind_of(mode)}; saves are written only to files")
    return path


def write_atomically(path: str | Path, text: str, make_folder: bool = True) -> Path:
    """Write ``text`` so that ``path`` is always either the old file or the new one.

    The new content goes to a temporary file in the same folder and is flushed to disk;
    the old file is hard-linked (or copied) to ``<name>.bak`` while it is still in place;
    then the temporary is renamed over ``path`` and the folder is flushed. A kill at any
    point leaves the old or the new version at ``path``, and possibly a temporary that
    :func:`clean_temporaries` removes on the next start. ``make_folder`` creates missing
    folders (the settings and saves folders). Returns the file written.
    """
    path = Path(path)
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    path = safe_target(path)
    prefix = f".{path.name}.{os.getpid()}."
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            _keep_previous(path)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def _keep_previous(path: Path) -> None:
    """Make ``<name>.bak`` a real file holding the current ``path``, before it is replaced."""
    backup = backup_path(path)
    try:
        backup_mode = os.lstat(backup).st_mode
    except FileNotFoundError:
        backup_mode = None
    if backup_mode is not None and not stat.S_ISREG(backup_mode):
        return  # something that is not ours sits at the backup's name: leave it alone
    handle, staging = tempfile.mkstemp(prefix=f".{backup.name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                       dir=path.parent)
    os.close(handle)
    try:
        os.unlink(staging)
        try:
            os.link(path, staging)
        except OSError:
            shutil.copyfile(path, staging)
            with open(staging, "rb") as stream:
                os.fsync(stream.fileno())
        os.replace(staging, backup)
    except BaseException:
        if os.path.exists(staging):
            os.unlink(staging)
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


def clean_temporaries(folder: Path, max_age: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temporaries of saves that were killed while writing; returns what was removed.

    A temporary is named ``.<name>.<pid>.<random>.tmp``: it is debris when that process
    is gone, or when it is older than ``max_age`` seconds.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = datetime.now(UTC).timestamp()
    for temporary in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            info = os.lstat(temporary)
            if not stat.S_ISREG(info.st_mode):
                continue
            if _process_alive(temporary.name) and now - info.st_mtime < max_age:
                continue
            temporary.unlink()
            removed.append(temporary)
        except OSError:
            continue
    return removed


def _process_alive(name: str) -> bool:
    parts = name.split(".")
    pid = next((int(part) for part in reversed(parts[:-2]) if part.isascii() and part.isdigit()), None)
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _same_game_or_new(path: Path, session: Session) -> None:
    """Refuse to replace a file that is not a save of this game (another game's, or no save)."""
    try:
        data = parse_json(read_bounded(path, MAX_SAVE_BYTES))
    except FileNotFoundError:
        return
    except (OSError, UntrustedError):
        data = None
    if isinstance(data, dict) and data.get("game") == GAME_ID:
        if data.get("game_id") == game_id(session):
            return
        owner = f"game {data.get('game_id')}" if data.get("game_id") else "another game"
        raise SaveError(f"not saving to {path}: it holds a save of {owner}; choose another name")
    raise SaveError(f"not saving to {path}: the file there is not a save of this game; choose another name")


def save_game(session: Session, path: str | Path, note: str = "", make_folder: bool = False) -> Path:
    """Write a save of ``session`` to ``path`` atomically; returns the path written.

    Raises SaveError (an OSError) for a target that is not a regular file, or that holds
    anything but an earlier save of this same game. ``make_folder`` creates the folder
    (the saves folder); a folder named by a person must exist.
    """
    path = Path(path)
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    target = safe_target(path)
    _same_game_or_new(target, session)
    text = json.dumps(envelope(session, note), indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    return write_atomically(target, text, make_folder=False)


def default_save_path(session: Session, folder: Path, per_month: bool = False) -> Path:
    """The manual save and the quit save of one game: ``game-<seed>-<game id>.json``.

    ``per_month`` adds the month (``game-<seed>-<game id>-<YYYY-MM>.json``), for a front
    end that keeps one manual save per month.
    """
    month = f"-{session.month}" if per_month else ""
    return folder / f"game-{session.seed}-{game_id(session)}{month}.json"


def autosave_path(session: Session, folder: Path) -> Path:
    """This month's autosave of one game."""
    return folder / f"autosave-{game_id(session)}-{session.month}-t{session.turn:02d}.json"


def autosave(session: Session, folder: Path) -> Path:
    """Save this month's autosave and keep only the newest :data:`AUTOSAVES_KEPT` of this game."""
    clean_temporaries(folder)
    path = save_game(session, autosave_path(session, folder), note="autosave", make_folder=True)
    mine = [p for p in folder.glob(f"autosave-{game_id(session)}-*.json") if p.is_file()]
    mine.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
    for old in mine[:-AUTOSAVES_KEPT]:
        old.unlink(missing_ok=True)
        backup_path(old).unlink(missing_ok=True)
    return path


# -- reading ------------------------------------------------------------------------------


def _finite_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_fields(body: dict) -> None:
    """Type and range of every field (before the replay checks what they mean); ValueError."""
    def need(condition: bool, field: str, what: str) -> None:
        if not condition:
            raise ValueError(f"'{field}' must be {what}, not {body.get(field)!r:.60}")

    for optional, default in (("timer", None), ("note", ""), ("numpy", ""), ("saved_at", ""), ("params", {})):
        if body.get(optional) is None:
            body[optional] = default
    scenario = body.get("scenario")
    need(isinstance(scenario, dict) and isinstance(scenario.get("id"), str)
         and isinstance(scenario.get("hash"), str), "scenario", "an id and a hash")
    seed = body.get("seed")
    need(isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed <= MAX_SEED,
         "seed", f"a whole number from 0 to {MAX_SEED}")
    humans = body.get("humans")
    need(isinstance(humans, list) and len(humans) <= 16 and all(isinstance(h, str) for h in humans)
         and len(set(humans)) == len(humans), "humans", "a list of distinct power ids")
    params = body.get("params")
    need(isinstance(params, dict) and len(params) <= 1000
         and all(_finite_number(v) and abs(v) <= MAX_PARAM for v in params.values()),
         "params", f"a table of finite numbers within ±{MAX_PARAM:g}")
    choices = body.get("choices")
    need(isinstance(choices, list) and len(choices) <= MAX_CHOICES, "choices", "a list of choices")
    turn = body.get("turn")
    need(isinstance(turn, int) and not isinstance(turn, bool) and 0 <= turn <= 10_000, "turn", "a month number")
    need(isinstance(body.get("month"), str), "month", "a month YYYY-MM")
    hashes = body.get("month_hashes")
    need(isinstance(hashes, list) and all(isinstance(h, str) and h for h in hashes), "month_hashes",
         "a list of state hashes")
    need("ending" in body and (body["ending"] is None or isinstance(body["ending"], str)), "ending",
         "an ending id or null")
    timer = body.get("timer")
    need(timer is None or (_finite_number(timer) and 0 < timer <= MAX_TIMER_SECONDS), "timer",
         f"null or seconds from 0 to {MAX_TIMER_SECONDS:.0f}")
    for field in ("numpy", "saved_at", "note"):
        value = body.get(field, "")
        need(isinstance(value, str) and len(value) <= MAX_TEXT, field, "a short text")
    need(isinstance(body.get("game_id"), str) and bool(GAME_ID_PATTERN.match(body["game_id"])),
         "game_id", "12 hex digits")
    group = body.get("group", "")
    need(isinstance(group, str) and len(group) <= MAX_TEXT, "group", "a short text (the group's name)")
    reasons = body.get("reasons", [])
    need(isinstance(reasons, list) and len(reasons) <= MAX_CHOICES, "reasons", "a list of reasons")


def read_remarks(body: dict) -> Remarks:
    """The group's name and the reasons of a checked envelope, cleaned; ValueError if malformed.

    A reason must name a choice of the save, made by a power people played; the texts are
    cleaned again (game.remarks), since a save may have been written by anything.
    """
    remarks = Remarks(clean_group(body.get("group", "")))
    choices, humans = len(body["choices"]), set(body["humans"])
    for item in body.get("reasons") or []:
        reason = Reason.from_json(item)
        if reason.choice >= choices or reason.power not in humans:
            raise ValueError(f"a reason for choice {reason.choice} by {reason.power!r:.40}, "
                             f"which the save does not hold")
        if reason.text:
            remarks.reasons[reason.choice] = reason
    return remarks


def _read_one(path: Path) -> dict:
    """Read and check one file's envelope (size, JSON, checksum, format, fields), migrating old formats."""
    try:
        data = read_bounded(path, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except UntrustedError as error:
        raise SaveError(f"{path}: not a save: {error}") from None
    except OSError as error:
        raise SaveError(f"{path}: cannot read the save ({error.strerror or error})") from None
    try:
        body = parse_json(data)
    except UntrustedError as error:
        raise SaveError(f"{path}: not a valid save ({error})") from None
    if not isinstance(body, dict) or body.get("game") != GAME_ID:
        raise SaveError(f"{path}: not a Separate Peace 1943 save")
    version = body.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
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
    try:
        _check_fields(body)
    except ValueError as error:
        raise SaveError(f"{path}: malformed save: {error}") from None
    return body


def print_to_stderr(message: str) -> None:
    """The default way a load tells that it read a backup."""
    print(f"warning: {message}", file=sys.stderr)


def read_envelope(path: str | Path, report: Callable[[str], None] | None = None) -> dict:
    """Read and check a save's envelope; if the file is missing or damaged, its good backup.

    ``report`` is told when the backup was read (and why); without it the caller only
    gets the envelope. Raises SaveError with the main file's problem when neither reads.
    """
    path = Path(path)
    try:
        return _read_one(path)
    except SaveError as error:
        backup = backup_path(path)
        try:
            if not backup.is_file():
                raise
        except OSError:  # a name too long for a backup beside it, or a folder that is a file
            raise error from None
        try:
            body = _read_one(backup)
        except SaveError:
            raise error from None
        if report is not None:
            report(f"{error}; read the previous version {backup.name} instead")
        return body


def load_game(path: str | Path, scenario: Scenario, allow_other_version: bool = False,
              report: Callable[[str], None] | None = print_to_stderr) -> Session:
    """Rebuild the session a save describes, by replaying its choices.

    Raises :class:`SaveError` if the save is damaged, belongs to another scenario, or
    does not replay to the recorded states, turn, month and ending (``allow_other_version``
    accepts a save made from an edited scenario as long as the choices still fit). A
    missing or damaged file whose backup is good loads the backup, and ``report`` says so.
    """
    body = read_envelope(path, report)
    info = body["scenario"]
    if info["id"] != scenario.id:
        raise SaveError(f"{path}: the save is for scenario {info['id']!r:.60}, not {scenario.id!r}")
    if info["hash"] != scenario.content_hash and not allow_other_version:
        raise SaveError(f"{path}: the save was made with a different version of scenario "
                        f"{scenario.id!r} (its file has changed since)")
    known_powers = {p.id for p in scenario.powers}
    unknown = [h for h in body["humans"] if h not in known_powers]
    if unknown:
        raise SaveError(f"{path}: malformed save: unknown power(s) {unknown!r:.80} in 'humans'")
    unknown = [k for k in body["params"] if k not in scenario.params]
    if unknown:
        raise SaveError(f"{path}: malformed save: unknown parameter(s) {unknown!r:.80} in 'params'")
    if body["month"] not in {str(month) for month in scenario.months}:
        raise SaveError(f"{path}: malformed save: 'month' {body['month']!r:.40} is not a month of the scenario")
    try:
        choices = [Choice.from_json(item) for item in body["choices"]]
        notes = [Note.from_json(item) for item in body.get("notes") or []]
        remarks = read_remarks(body)
    except (TypeError, ValueError) as error:
        raise SaveError(f"{path}: malformed save ({str(error)[:200]})") from None
    params = {str(k): float(v) for k, v in body["params"].items()}
    try:
        session = Session(scenario, seed=body["seed"], humans=tuple(body["humans"]), params=params or None,
                          timer_seconds=float(body["timer"]) if body["timer"] is not None else None)
        session.replay(choices, notes=notes)
    except (KeyError, ValueError, RuntimeError, IndexError, TypeError) as error:
        raise SaveError(f"{path}: the recorded choices do not replay: {str(error)[:200]}") from None
    session.game_id = body["game_id"]
    session.remarks = remarks
    _check_replay(path, body, session)
    return session


def _check_replay(path: str | Path, body: dict, session: Session) -> None:
    """The replayed game must be the one the save describes, month by month."""
    hashes = body["month_hashes"]
    for record, expected in zip(session.months, hashes, strict=False):
        if record.hash != expected:
            raise SaveError(f"{path}: the replay diverges from the save in {record.month} "
                            f"(state hash {record.hash} != {expected:.20}); numpy {np.__version__} "
                            f"here, {body.get('numpy')} when saved")
    ending = session.ending.id if session.ending else None
    found = (len(session.months), session.turn, session.month, ending)
    expected_facts = (len(hashes), body["turn"], body["month"], body["ending"])
    if found != expected_facts:
        raise SaveError(f"{path}: the save was edited or damaged: it says {len(hashes)} months recorded, "
                        f"turn {body['turn']}, {body['month']}, ending {body['ending']!r:.40}; its choices "
                        f"replay to {found[0]} months, turn {found[1]}, {found[2]}, ending {ending!r}")


def list_saves(folder: Path) -> list[tuple[Path, dict | None, str]]:
    """Every save in a folder, newest first, with its envelope or the reason it is unreadable.

    Never raises for a file in the folder: an unreadable one is listed with its reason;
    a save read from its backup is listed with the reason its main file was not read.
    Removes temporaries left by a killed save.
    """
    result: list[tuple[Path, dict | None, str]] = []
    try:
        if not folder.is_dir():
            return result
        clean_temporaries(folder)
        names = {p for p in folder.glob("*.json")}
        names |= {b.with_name(b.name[:-len(BACKUP_SUFFIX)]) for b in folder.glob(f"*.json{BACKUP_SUFFIX}")}
    except OSError:
        return result

    def newest(path: Path) -> int:
        for candidate in (path, backup_path(path)):
            try:
                return candidate.lstat().st_mtime_ns
            except OSError:
                continue
        return 0

    for path in sorted(names, key=newest, reverse=True):
        notes: list[str] = []
        try:
            result.append((path, read_envelope(path, notes.append), "; ".join(notes)))
        except SaveError as error:
            result.append((path, None, str(error)))
    return result
