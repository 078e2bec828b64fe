"""A whole three-team lesson in Debian's Chromium: three team pages, the projector and the console.

Each team plays on its own browser context (its own device), at a phone's 360 px; the
projector is 1920×1080. The test answers every card from the pages themselves, sends a
note through Stockholm, reloads a page, restarts the server mid-game, and plays on to
the debrief. At every step each page's text is checked against what its power may not
know. Screenshots are kept under out/screenshots/web/.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from pypdf import PdfReader

from game.table.knowledge import Knowledge
from game.web.room import Room
from game.web.server import Hub

from .conftest import PIN, TEAMS, live_server

PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1920, "height": 1080}


def wait_for(condition, what: str, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def forbidden(room: Room, power: str | None) -> list[str]:
    """Texts a page of ``power`` (None: the projector) must not show, by the table's rules.

    The titles of cards that fired and that the power did not learn of (the projector:
    that some power did not learn of), unless the power learnt of another card of that title.
    """
    scenario, session = room.scenario, room.session
    knowledge = Knowledge.of(session)
    powers = [power] if power is not None else [p.id for p in scenario.powers]
    hidden, known = set(), set()
    for turn, event_id in session.log.fired:
        event = scenario.event(event_id)
        if event.is_decision and knowledge.choice(turn, event) is None:
            continue  # the card being decided now: on the deciding team's page only
        if all(knowledge.knows_fired(p, turn, event) for p in powers):
            known.add(event.title)
        else:
            hidden.add(event.title)
    return sorted(hidden - known)


def check_secrets(room: Room, power: str | None, text: str, where: str) -> None:
    for secret in forbidden(room, power):
        assert secret not in text, f"{where} shows {secret!r}, hidden from {power or 'the room'}"
    for variable in room.scenario.variables:
        if variable.hidden:
            continue
        if power is None:
            unseen = not all(Knowledge.of(room.session).sees(p.id, variable.id) for p in room.scenario.powers)
            if unseen and not room.revealed:
                assert variable.label not in text, f"{where} shows {variable.label}"
        elif not Knowledge.of(room.session).sees(power, variable.id):
            row = re.search(re.escape(variable.label) + r"\s+(\S.*)", text)
            assert row and row.group(1).startswith("not known"), f"{where} shows {variable.label} to {power}"


SMALLEST_TEXT = """() => {
  let smallest = 1000;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize));
  }
  return smallest;
}"""


def smallest_text(page) -> float:
    """The smallest font size, in px, of any text shown on a page."""
    return float(page.evaluate(SMALLEST_TEXT))


def test_a_three_team_lesson_in_chromium(chromium, room: Room, hub: Hub, pin: str, shots: Path, scenario) -> None:
    with live_server(hub) as base:
        port = int(base.rsplit(":", 1)[1])
        contexts = {power: chromium.new_context(viewport=PHONE) for power in TEAMS}
        teams = {power: contexts[power].new_page() for power in TEAMS}
        projector = chromium.new_page(viewport=PROJECTOR)
        console = chromium.new_page(viewport={"width": 1280, "height": 1000})
        join = chromium.new_page(viewport=PROJECTOR)
        join.goto(base + "/")
        assert join.locator("svg.qr").count() == 3
        join.screenshot(path=str(shots / "join.png"))
        for power, page in teams.items():
            page.goto(f"{base}/t/{room.tokens[power]}")
        projector.goto(f"{base}/p/{room.room_id}")
        console.goto(f"{base}/c/{room.room_id}")
        console.fill("#pin", "999999")
        console.click("#login button")
        console.wait_for_selector("#error:has-text('Wrong PIN')")
        console.fill("#pin", pin)
        console.click("#login button")
        console.wait_for_selector("#do-start:not([disabled])")
        assert not console.is_visible("#login")
        console.fill("#group-name", "Class 9B")
        console.screenshot(path=str(shots / "console-start.png"), full_page=True)
        console.click("#do-start")
        wait_for(lambda: room.status == "playing", "the start")
        assert room.table.group == "Class 9B"
        for page in teams.values():
            page.wait_for_selector("#who:has-text('Class 9B')")
        projector.wait_for_selector("#title:has-text('Class 9B')")
        # the map: the countries once, the front at the value each page knows
        shape = room.team_view(TEAMS[0])["front"]["map"]
        assert console.request.get(base + shape["base"]).status == 200
        assert console.request.get(base + "/map/nosuchmap.svg").status == 404
        for page in [*teams.values(), projector]:
            page.wait_for_selector("svg.map-svg polyline.front-line")

        # readable: the projector's body text is at least 28 px, a phone needs no sideways scrolling
        for page in (projector, join):
            assert smallest_text(page) >= 28
        for page in teams.values():
            page.wait_for_selector(".when")
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        decisions = 0
        noted = reloaded = keyboard = False
        reasoned = ""
        while room.status != "over":
            deciding = room.deciding
            assert deciding is not None
            page = teams[deciding]
            page.wait_for_selector(f"#card .card[data-seq='{room.seq}']")
            for power, other in teams.items():
                other.wait_for_function("v => document.body.innerText.includes(v)", arg=room.session.month[:4])
                check_secrets(room, power, other.inner_text("body"), f"the {power} page")
            check_secrets(room, None, projector.inner_text("body"), "the projector")
            for power, other in teams.items():
                if power != deciding:  # a waiting team has its task from the lesson plan
                    other.wait_for_selector("#task:has-text('From the lesson plan')")
                    assert "worksheet" in other.inner_text("#task")
            if decisions == 1:
                for power, other in teams.items():
                    other.screenshot(path=str(shots / f"team-{power}.png"), full_page=True)
                    other.set_viewport_size(PROJECTOR)
                    other.screenshot(path=str(shots / f"team-{power}-1920.png"), full_page=True)
                    other.set_viewport_size(PHONE)
                projector.screenshot(path=str(shots / "projector.png"))
                console.screenshot(path=str(shots / "console.png"), full_page=True)
            if not noted and "ussr" in TEAMS:
                sender = teams["ussr"]
                sender.fill("#note-stockholm", "Moscow is listening. What is Berlin's price?")
                sender.click("#diplomacy form:has(#note-stockholm) button")
                teams["germany"].wait_for_selector("text=Moscow is listening")
                time.sleep(0.3)
                assert "Moscow is listening" not in teams["west"].inner_text("body")
                assert "Moscow is listening" not in projector.inner_text("body")
                assert room.session.notes and room.session.notes[0].channel == "stockholm"
                sender.click("#state tr:has-text('Berlin channel') summary")
                sender.wait_for_selector("#why-berlin_channel:has-text('through Stockholm')")
                noted = True
            if decisions == 3 and not reloaded:
                page.reload()
                page.wait_for_selector("#card .card")  # the team finds its card again
                reloaded = True
            if decisions == 5:
                break  # the server is stopped below, mid-game
            seq = room.seq
            if decisions == 2:  # the team writes its reason with the answer
                page.fill("#reason", "We want proof before we trust anyone.")
            if page.locator("#card form").count():
                page.click("#card button.decide")
            elif not keyboard:
                page.screenshot(path=str(shots / f"card-{deciding}.png"), full_page=True)
                page.focus("#card .option-button")
                page.keyboard.press("Enter")
                keyboard = True
            else:
                page.click("#card .option-button >> nth=0")
            wait_for(lambda seq=seq: room.seq > seq or room.status == "over", "the decision")
            if decisions == 2:
                assert [r.text for r in room.session.remarks.reasons.values()] == [
                    "We want proof before we trust anyone."]
                page.wait_for_selector("#last:has-text('We want proof before we trust anyone.')")
                reasoned = deciding
            decisions += 1
        remembered = {power: teams[power].inner_text("#last") for power in TEAMS}

    # the server stops; a new one starts on the same folder and port and the pages come back by themselves
    resumed = Room.load(scenario, room.folder)
    assert resumed.session.state == room.session.state and resumed.seq == room.seq
    hub2 = Hub({resumed.room_id: resumed}, pin)
    with live_server(hub2, port=port):
        console.wait_for_selector("#do-resume:not([disabled])", timeout=20000)
        # what each team's last decision did, and its reason, survive the restart
        for power in TEAMS:
            teams[power].wait_for_function("v => document.getElementById('last').innerText === v",
                                           arg=remembered[power], timeout=20000)
        assert "We want proof" in teams[reasoned].inner_text("#last")
        console.click("#do-resume")
        wait_for(lambda: resumed.status == "playing", "resume")
        while resumed.status != "over":
            deciding = resumed.deciding
            page = teams[deciding]
            page.wait_for_selector(f"#card .card[data-seq='{resumed.seq}']", timeout=20000)
            check_secrets(resumed, deciding, page.inner_text("body"), f"the {deciding} page")
            seq = resumed.seq
            if decisions == 8:
                console.click("#do-reveal")
                projector.wait_for_selector("text=revealed by the teacher")
                projector.screenshot(path=str(shots / "projector-revealed.png"))
                console.click("#do-hide")
                projector.wait_for_selector("text=revealed by the teacher", state="detached")
            if decisions == 10:
                console.click("#do-pause")
                page.wait_for_selector("#card button[disabled]")
                console.click("#do-add_time")
                console.click("#do-resume")
                page.wait_for_selector("#card button:not([disabled])")
            if page.locator("#card form").count():
                page.click("#card button.decide")
            else:
                page.click("#card .option-button >> nth=0")
            wait_for(lambda seq=seq: resumed.seq > seq or resumed.status == "over", "the decision")
            decisions += 1
        for power, page in teams.items():
            page.wait_for_selector("#debrief h2")
            page.screenshot(path=str(shots / f"debrief-{power}.png"), full_page=True)
        projector.wait_for_selector("#debrief h2")
        assert smallest_text(projector) >= 28
        projector.screenshot(path=str(shots / "projector-debrief.png"))
        console.wait_for_selector("a[download='debrief.pdf']")
        assert not console.is_visible("#login")  # back in after the restart without typing the PIN again
        console.screenshot(path=str(shots / "console-debrief.png"), full_page=True)
        assert "through Stockholm" in console.inner_text("#debrief")
        href = console.get_attribute("a[download='debrief.pdf']", "href")
        response = console.request.get(f"http://127.0.0.1:{port}{href}")
        assert response.status == 200 and response.body()[:4] == b"%PDF"
        pdf = shots / "debrief.pdf"
        pdf.write_bytes(response.body())
        printed = " ".join(" ".join(page.extract_text() for page in PdfReader(str(pdf)).pages).split())
        assert "Moscow is listening. What is Berlin's price?" in printed  # the notes are in the debrief
        assert "Class 9B" in printed
    assert (resumed.folder / "game-final.json").exists()
    assert decisions >= 10


def test_a_team_that_does_not_know_the_front_reads_so_on_its_page(chromium, tmp_path: Path) -> None:
    """A front hidden from a team is said to be not known on its page, not left out; a team that
    knows it still sees the line."""
    from game.paths import DEFAULT_SCENARIO
    from game.scenario import load_scenario

    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    edited = tmp_path / "hidden-front.toml"
    edited.write_text(text.replace('id = "front"\n', 'id = "front"\nhidden_from = ["west"]\n', 1), encoding="utf-8")
    scenario = load_scenario(edited)
    room = Room.create(scenario, tmp_path / "game", TEAMS, seed=11, lesson=True, minutes=30)
    assert room.team_view("west")["front"]["value"] is None
    with live_server(Hub({room.room_id: room}, PIN)) as base:
        west, ussr = chromium.new_page(viewport=PHONE), chromium.new_page(viewport=PHONE)
        errors: list[str] = []
        west.on("pageerror", lambda error: errors.append(str(error)))
        west.goto(f"{base}/t/{room.tokens['west']}")
        ussr.goto(f"{base}/t/{room.tokens['ussr']}")
        west.wait_for_selector("#map figcaption:has-text('Front line: not known to you')")
        assert west.locator("svg.map-svg").count() == 0
        ussr.wait_for_selector("svg.map-svg polyline.front-line")
        assert not errors


def test_a_scenario_without_a_map_gets_a_gauge_with_its_endings_on_the_page(chromium, tmp_path: Path) -> None:
    """The harbour has no map: its team page draws the gauge of the quay, and marks where the year
    can end along it, as the window does."""
    from game.scenario import load_scenario

    harbour = load_scenario(Path(__file__).resolve().parent.parent / "fixtures" / "harbour.toml")
    teams = tuple(power.id for power in harbour.powers)
    room = Room.create(harbour, tmp_path / "game", teams, seed=3, lesson=False, minutes=30)
    with live_server(Hub({room.room_id: room}, PIN)) as base:
        page = chromium.new_page(viewport=PHONE)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/t/{room.tokens[teams[0]]}")
        page.wait_for_selector("svg.gauge-svg line.gauge-ending", state="attached")  # a line has no area
        assert "The quay is finished: at least 60 when the calendar runs out" in page.inner_text("#map")
        assert page.locator("svg.map-svg").count() == 0 and not errors
