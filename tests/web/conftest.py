"""Fixtures of the class server's tests: a room in a temporary folder, a live server, Chromium.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright;
nothing is downloaded. When either is missing they are skipped with the reason, and
``.ci/run`` installs both.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.web.room import Room
from game.web.server import Hub, build_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PIN = "246810"
TEAMS = ("ussr", "germany", "west")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(hub: Hub, port: int | None = None) -> Iterator[str]:
    """Serve ``hub`` with uvicorn in a thread; yields the base URL; stops it afterwards."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(build_app(hub), host="127.0.0.1", port=port, log_level="warning", ws_max_size=65536,
                            ws_per_message_deflate=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    hub.base_url = base
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def pin() -> str:
    return PIN


@pytest.fixture
def room(scenario, tmp_path: Path) -> Room:
    return Room.create(scenario, tmp_path / "game", TEAMS, seed=11, lesson=True, minutes=30)


@pytest.fixture
def hub(room: Room) -> Hub:
    return Hub({room.room_id: room}, PIN)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium from Debian, driven by Playwright; skipped with the reason when missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[dev]')")
    found = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if found is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=found, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def shots(request) -> Path:
    """Where a test's screenshots are kept: out/screenshots/web/ (git-ignored), printed at the end."""
    folder = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "web"
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots: {folder}")
