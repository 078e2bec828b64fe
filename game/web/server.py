"""The class server: a Starlette app (served by uvicorn) for the teams' browsers, the projector and the console.

Pages are static HTML, CSS and JavaScript shipped in ``game/web/static``; everything
they show comes over one websocket, ``/ws``, as JSON. A page says who it is in its
first message (a team's link token, the projector, or the console with the PIN); the
server answers with that page's view and sends a new one after every change. Views
come from :mod:`game.web.seat` through the room: the server itself never picks what
a page may see.

Messages from pages are untrusted: each must be a JSON object of at most
``MAX_MESSAGE`` characters with a known ``type``. Anything else gets an error reply
and a line in the log; it never reaches the game.
"""

from __future__ import annotations

import asyncio
import gc
import html
import json
import logging
import secrets
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.web.downloads import DOWNLOADS, DownloadError, prepare_download
from game.web.mapsvg import base_svg, map_key
from game.web.qr import qr_svg
from game.web.room import Room, RoomError, write_files
from game.web.seat import team_style

STATIC = Path(__file__).parent / "static"
#: the longest message a page may send (a note is at most 600 characters)
MAX_MESSAGE = 4096
#: seconds a worker thread may hold the interpreter lock while the loop waits for it
SWITCH_INTERVAL = 0.0005
#: wrong PINs allowed per minute before the console refuses to check more
PIN_TRIES = 5

log = logging.getLogger("game.web")


@dataclass(eq=False)
class Client:
    """One open page: its socket, what it is, and for a team page, which team."""

    socket: WebSocket
    room: Room
    role: str  # "team", "projector" or "console"
    power: str | None = None


@dataclass
class Hub:
    """Every room on this server, the pages open on each, and the teacher's PIN."""

    rooms: dict[str, Room]
    pin: str
    base_url: str = ""
    clients: set[Client] = field(default_factory=set)
    console_keys: set[str] = field(default_factory=set)
    pin_failures: list[float] = field(default_factory=list)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    #: rooms whose debrief is being written now
    writing: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for room in self.rooms.values():
            room.defer_saves = True

    async def flush(self, room: Room) -> None:
        """Save a changed room, writing in a worker thread; one save of a room at a time."""
        lock = self.locks.setdefault(room.room_id, asyncio.Lock())
        async with lock:
            if not room.unsaved:
                return
            room.unsaved = False
            files = room.snapshot()
            try:
                await asyncio.to_thread(write_files, files)
            except OSError as error:
                room.unsaved = True
                log.error("could not save the game in %s: %s", room.folder, error)

    async def finish_debrief(self, room: Room) -> None:
        """Write the debrief of a game that has just ended, in a worker thread, then show it.

        Pages got the ending already; the replay the debrief needs runs beside the loop, so
        the other games on this server keep their pace meanwhile. One run per room.
        """
        if room.status != "over" or not room.common()["debrief_pending"] or room.room_id in self.writing:
            return
        self.writing.add(room.room_id)
        try:
            await asyncio.to_thread(room.make_debrief)
        except Exception:  # the game is saved; the teacher can still download the debrief
            log.exception("could not write the debrief of %s", room.room_id)
            return
        finally:
            self.writing.discard(room.room_id)
        room.version += 1
        await self.broadcast(room)

    def room_of_token(self, token: str) -> tuple[Room, str] | None:
        """The room and team a link token opens, or None."""
        for room in self.rooms.values():
            power = room.power_of(token)
            if power is not None:
                return room, power
        return None

    def check_pin(self, pin: object) -> str:
        """A console key for a right PIN; RoomError for a wrong one or too many tries."""
        now = time.monotonic()
        self.pin_failures = [t for t in self.pin_failures if now - t < 60]
        if len(self.pin_failures) >= PIN_TRIES:
            raise RoomError("Too many wrong PINs: wait a minute and try again.")
        if not isinstance(pin, str) or not secrets.compare_digest(pin.encode(), self.pin.encode()):
            self.pin_failures.append(now)
            raise RoomError("Wrong PIN.")
        key = secrets.token_urlsafe(18)
        self.console_keys.add(key)
        return key

    def key_ok(self, key: object) -> bool:
        """True for a console key handed out after a right PIN."""
        return isinstance(key, str) and any(secrets.compare_digest(key.encode(), k.encode())
                                            for k in self.console_keys)

    def connected(self, room: Room) -> dict[str, int]:
        """How many browsers each team of a room has open."""
        counts: dict[str, int] = {}
        for client in self.clients:
            if client.room is room and client.power is not None:
                counts[client.power] = counts.get(client.power, 0) + 1
        return counts

    def view_for(self, client: Client, cache: dict) -> str:
        """The JSON a page is sent now; pages of the same kind share one rendering."""
        key = (client.role, client.power)
        if key not in cache:
            room = client.room
            if client.role == "team":
                assert client.power is not None
                view = room.team_view(client.power)
            elif client.role == "projector":
                view = room.projector_view()
            else:
                view = room.console_view(self.connected(room))
            # orjson: a tenth of the json module's time, for the largest thing the server sends most often
            cache[key] = orjson.dumps({"type": "view", "view": view}).decode()
        return cache[key]

    async def broadcast(self, room: Room) -> None:
        """Send every page of ``room`` its new view."""
        cache: dict = {}
        targets = [client for client in self.clients if client.room is room]
        await asyncio.gather(*(self.send(client, self.view_for(client, cache)) for client in targets))

    async def send(self, client: Client, text: str) -> None:
        """Send to one page; a page that has gone is dropped, never an error for the others."""
        try:
            await client.socket.send_text(text)
        except Exception:  # a closed socket raises one of several errors, depending on the server
            self.clients.discard(client)


def build_app(hub: Hub) -> Starlette:
    """The ASGI app of a hub: pages, downloads and the websocket."""

    def room_or_404(request: Request) -> Room:
        room = hub.rooms.get(request.path_params["room"])
        if room is None:
            raise LookupError
        return room

    async def join(request: Request) -> Response:
        return HTMLResponse(join_page(hub))

    async def team_page(request: Request) -> Response:
        if hub.room_of_token(request.path_params["token"]) is None:
            return HTMLResponse(message_page("This link does not open any team. Ask your teacher for your "
                                             "team's link."), status_code=404)
        return FileResponse(STATIC / "team.html", media_type="text/html")

    async def first_room(request: Request) -> Response:
        target = "p" if request.url.path.startswith("/projector") else "c"
        return RedirectResponse(f"/{target}/{next(iter(hub.rooms))}", status_code=303)

    async def room_page(request: Request) -> Response:
        try:
            room_or_404(request)
        except LookupError:
            return HTMLResponse(message_page("No such game on this server."), status_code=404)
        name = "projector.html" if request.url.path.startswith("/p/") else "console.html"
        return FileResponse(STATIC / name, media_type="text/html")

    async def base_map(request: Request) -> Response:
        """The countries of a map one of the hub's scenarios is drawn on (by :func:`map_key`)."""
        wanted = request.path_params["key"]
        for room in hub.rooms.values():
            binding = room.scenario.presentation.map
            if binding is not None and map_key(binding) == wanted:
                return Response(base_svg(room.scenario), media_type="image/svg+xml",
                                headers={"Cache-Control": "max-age=86400"})
        return Response("no such map", status_code=404, media_type="text/plain")

    async def glossary(request: Request) -> Response:
        found = hub.room_of_token(request.query_params.get("token", ""))
        if found is None:
            return JSONResponse({"error": "no such team"}, status_code=404)
        room = found[0]
        return JSONResponse([{"term": e.term, "text": e.text} for e in room.scenario.glossary])

    async def download(request: Request) -> Response:
        try:
            room = room_or_404(request)
        except LookupError:
            return PlainTextResponse("No such game.", status_code=404)
        if not hub.key_ok(request.query_params.get("key")):
            return PlainTextResponse("The console's PIN is needed for downloads.", status_code=403)
        name = request.path_params["name"]
        await hub.flush(room)
        try:
            path = await asyncio.to_thread(prepare_download, room, name)
        except DownloadError as error:
            log.warning("refused download %r: %s", name, error)
            return PlainTextResponse(str(error), status_code=404)
        return FileResponse(path, filename=path.name, media_type=DOWNLOADS[path.name])

    async def socket(websocket: WebSocket) -> None:
        await websocket.accept()
        client: Client | None = None
        try:
            while True:
                frame = await websocket.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                text = frame.get("text")
                message = parse_message(text) if isinstance(text, str) else "send JSON text, not binary frames"
                if isinstance(message, str):
                    log.warning("bad message from %s: %s", websocket.client, message)
                    await websocket.send_text(json.dumps({"type": "error", "message": message}))
                    continue
                try:
                    if client is None:
                        client = await hello(websocket, message)
                        continue
                    await handle(client, message)
                except (WebSocketDisconnect, RuntimeError):
                    raise
                except Exception:  # a fault of ours must not end the game for everyone
                    log.exception("could not handle %r", message)
                    await websocket.send_text(json.dumps({"type": "error", "message": "The server could not do that."}))
        except (WebSocketDisconnect, RuntimeError):
            pass  # the page went away (RuntimeError: it went while we were sending)
        finally:
            if client is not None and client in hub.clients:
                hub.clients.discard(client)
                await refresh_consoles(client.room)

    async def hello(websocket: WebSocket, message: dict) -> Client | None:
        role = message.get("role")
        try:
            if message.get("type") != "hello":
                raise RoomError("Say hello first: which page is this?")
            if role == "team":
                found = hub.room_of_token(str(message.get("token", "")))
                if found is None:
                    raise RoomError("This link does not open any team.")
                client = Client(websocket, found[0], "team", found[1])
            elif role in ("projector", "console"):
                room = hub.rooms.get(str(message.get("room", "")))
                if room is None:
                    raise RoomError("No such game on this server.")
                if role == "console":
                    key = message.get("key")
                    if not hub.key_ok(key):
                        key = hub.check_pin(message.get("pin"))
                    await websocket.send_text(json.dumps({"type": "welcome", "key": key}))
                client = Client(websocket, room, role)
            else:
                raise RoomError("Unknown page.")
        except RoomError as error:
            log.warning("refused hello from %s: %s", websocket.client, error)
            await websocket.send_text(json.dumps({"type": "error", "message": str(error), "fatal": True}))
            return None
        hub.clients.add(client)
        await hub.send(client, hub.view_for(client, {}))
        await refresh_consoles(client.room, skip=client)
        await hub.finish_debrief(client.room)
        return client

    async def handle(client: Client, message: dict) -> None:
        kind = message.get("type")
        room = client.room
        try:
            if kind == "ping":
                await hub.send(client, json.dumps({"type": "pong"}))
                return
            if kind == "why" and client.role == "team":
                assert client.power is not None
                why = room.why(client.power, message.get("var"))
                await hub.send(client, json.dumps({"type": "why", **why}, ensure_ascii=False))
                return
            if kind == "answer" and client.role == "team":
                assert client.power is not None
                room.answer(client.power, message.get("seq"), message.get("choice"), message.get("reason"))
            elif kind == "note" and client.role == "team":
                assert client.power is not None
                room.send_note(client.power, message.get("channel"), message.get("text"))
            elif kind == "command" and client.role == "console":
                room.command(message.get("name"), message.get("group"))
            else:
                raise RoomError(f"This page cannot send {kind!r}.")
        except RoomError as error:
            log.info("refused %s from %s/%s: %s", kind, client.role, client.power, error)
            await hub.send(client, json.dumps({"type": "error", "message": str(error)}))
            return
        await hub.broadcast(room)
        await hub.flush(room)
        await hub.finish_debrief(room)

    async def refresh_consoles(room: Room, skip: Client | None = None) -> None:
        """Tell the consoles how many browsers each team has open now."""
        cache: dict = {}
        for client in [c for c in hub.clients if c.room is room and c.role == "console" and c is not skip]:
            await hub.send(client, hub.view_for(client, cache))

    routes = [
        Route("/", join),
        Route("/t/{token}", team_page),
        Route("/projector", first_room),
        Route("/console", first_room),
        Route("/p/{room}", room_page),
        Route("/c/{room}", room_page),
        Route("/api/glossary", glossary),
        Route("/map/{key}.svg", base_map),
        Route("/c/{room}/download/{name}", download),
        WebSocketRoute("/ws", socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # the scenario and the games loaded so far live as long as the server: leave them out of
        # the collector's full passes, which would otherwise walk them while pages wait
        gc.freeze()
        # a debrief written in a worker thread must not keep the loop waiting for the
        # interpreter lock for the default 5 ms at each turn: pages of other games are waiting
        switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        yield
        sys.setswitchinterval(switch)
        for room in hub.rooms.values():  # a change told to the pages but not yet written
            if room.unsaved:
                room.save()
                room.unsaved = False

    return Starlette(routes=routes, lifespan=lifespan)


def parse_message(text: str) -> dict | str:
    """A page's message as a dict, or the reason it was refused."""
    if len(text) > MAX_MESSAGE:
        return f"message too long ({len(text)} characters; at most {MAX_MESSAGE})"
    try:
        message = json.loads(text)
    except json.JSONDecodeError as error:
        return f"not JSON ({error.msg})"
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return "a message is a JSON object with a 'type'"
    return message


def join_page(hub: Hub) -> str:
    """The front page the projector shows first: each team's link and its QR code."""
    blocks = []
    for room in hub.rooms.values():
        for power in room.session.humans:
            style = team_style(room.scenario, power)
            url = f"{hub.base_url}/t/{room.tokens[power]}"
            name = html.escape(style["title"])
            blocks.append(
                f'<section class="join-team" style="--team:{html.escape(style["colour"])}">'
                f'<h2><span class="shape {html.escape(style["shape"])}" aria-hidden="true"></span>{name}</h2>'
                f'{qr_svg(url, "QR code: " + style["team"])}'
                f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p></section>')
    title = html.escape(next(iter(hub.rooms.values())).scenario.title) if hub.rooms else "Class game"
    room_id = html.escape(next(iter(hub.rooms))) if hub.rooms else ""
    return f"""<!doctype html>
<html lang="en" class="big"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: join your team</title><link rel="stylesheet" href="/static/app.css"></head>
<body class="join"><main>
<h1>{title}</h1>
<p class="lead">Scan your team's code, or type its link. No install, no account.</p>
<div class="join-grid">{''.join(blocks)}</div>
<p class="small">Projector: <a href="/p/{room_id}">{html.escape(hub.base_url)}/p/{room_id}</a> ·
Teacher: <a href="/c/{room_id}">console</a></p>
</main></body></html>"""


def message_page(text: str) -> str:
    """A short page saying what went wrong."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>Class game</title>'
            f'<link rel="stylesheet" href="/static/app.css"></head><body><main><p class="lead">'
            f'{html.escape(text)}</p></main></body></html>')
