"""The server's websocket and HTTP routes, through Starlette's test client: untrusted input never harms the game."""

from __future__ import annotations

import json
import logging

import pytest
from starlette.testclient import TestClient

from game.table.lesson import historical_answer
from game.web.room import Room
from game.web.server import MAX_MESSAGE, Hub, build_app


@pytest.fixture
def client(hub: Hub) -> TestClient:
    return TestClient(build_app(hub))


def view_of(socket) -> dict:
    while True:
        message = socket.receive_json()
        if message["type"] == "view":
            return message["view"]


def team_socket(client: TestClient, room: Room, power: str):
    socket = client.websocket_connect("/ws")
    session = socket.__enter__()
    session.send_json({"type": "hello", "role": "team", "token": room.tokens[power]})
    return socket, session


def test_bad_and_oversized_messages_get_an_error_and_a_log_line(client: TestClient, room: Room,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    state = room.session.state
    with caplog.at_level(logging.WARNING, logger="game.web"), client.websocket_connect("/ws") as socket:
        for text in ("{not json", json.dumps([1, 2]), "x" * (MAX_MESSAGE + 1), json.dumps({"type": 5})):
            socket.send_text(text)
            reply = socket.receive_json()
            assert reply["type"] == "error"
        socket.send_json({"type": "hello", "role": "team", "token": room.tokens["ussr"]})
        assert view_of(socket)["team"]["power"] == "ussr"
        socket.send_json({"type": "answer", "seq": "zero", "choice": {"a": 1}})
        assert socket.receive_json()["type"] == "error"
        socket.send_json({"type": "command", "name": "end"})  # a team page cannot drive the lesson
        assert socket.receive_json()["type"] == "error"
    assert room.session.state == state and room.status == "waiting"
    assert sum("bad message" in r.message for r in caplog.records) == 4


def test_a_wrong_token_opens_nothing(client: TestClient, room: Room) -> None:
    assert client.get("/t/not-a-token").status_code == 404
    assert client.get(f"/t/{room.tokens['west']}").status_code == 200
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "team", "token": room.tokens["west"][:-2]})
        reply = socket.receive_json()
        assert reply["type"] == "error" and reply["fatal"]


def test_the_console_needs_the_pin(client: TestClient, room: Room, pin: str) -> None:
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "console", "room": room.room_id, "pin": "000000"})
        assert socket.receive_json()["message"] == "Wrong PIN."
        socket.send_json({"type": "hello", "role": "console", "room": room.room_id, "pin": pin})
        welcome = socket.receive_json()
        assert welcome["type"] == "welcome"
        view = view_of(socket)
        assert {t["power"] for t in view["teams"]} == set(room.tokens)
        socket.send_json({"type": "command", "name": "start"})
        assert view_of(socket)["status"] == "playing"


def test_two_browsers_of_one_team_answering_at_once_make_one_decision(client: TestClient, room: Room) -> None:
    room.command("start")
    power = room.deciding
    first, one = team_socket(client, room, power)
    second, two = team_socket(client, room, power)
    try:
        seq = view_of(one)["seq"]
        view_of(two)
        answer = historical_answer(room.scenario, room.session, room.session.pending)
        made = len(room.session.history)
        one.send_json({"type": "answer", "seq": seq, "choice": answer})
        two.send_json({"type": "answer", "seq": seq, "choice": answer})
        errors = []
        for socket in (one, two):  # read each page up to the answer to a ping sent after both answers
            socket.send_json({"type": "ping"})
            while (reply := socket.receive_json())["type"] != "pong":
                if reply["type"] == "error":
                    errors.append(reply["message"])
        assert len(errors) == 1 and ("already answered" in errors[0] or "not your team's turn" in errors[0])
        assert room.seq == seq + 1
        request_size = 1 if not isinstance(answer, list) else len(answer)
        assert len(room.session.history) == made + request_size
    finally:
        first.__exit__(None, None, None)
        second.__exit__(None, None, None)


def test_downloads_stay_in_the_games_folder(client: TestClient, room: Room, pin: str) -> None:
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "console", "room": room.room_id, "pin": pin})
        key = socket.receive_json()["key"]
    assert client.get("/c/class/download/worksheets.pdf").status_code == 403
    for name in ("..%2F..%2Fgame.json", "%2Fetc%2Fpasswd", "room.json", "..%2Froom.json", "debrief.pdf"):
        response = client.get(f"/c/class/download/{name}?key={key}")
        assert response.status_code == 404, name
    room.command("end")
    response = client.get(f"/c/class/download/game-final.json?key={key}")
    assert response.status_code == 200 and json.loads(response.text)["ending"]
    response = client.get(f"/c/class/download/worksheets.pdf?key={key}")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    assert (room.folder / "downloads" / "worksheets.pdf").exists()


def test_the_join_page_has_a_qr_code_per_team(client: TestClient, room: Room) -> None:
    page = client.get("/").text
    assert page.count("<svg") == len(room.tokens)
    for token in room.tokens.values():
        assert f"/t/{token}" in page


def test_why_is_told_only_for_numbers_the_team_sees(client: TestClient, room: Room) -> None:
    room.command("start")
    room.send_note("ussr", "stockholm", "A word to Berlin.")
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "team", "token": room.tokens["west"]})
        view = view_of(socket)
        assert [v["value"] for v in view["seat"]["variables"] if v["id"] == "berlin_channel"] == [None]
        socket.send_json({"type": "why", "var": "berlin_channel"})
        assert socket.receive_json() == {"type": "error", "message": "Your team does not know that number."}
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "team", "token": room.tokens["ussr"]})
        view_of(socket)
        socket.send_json({"type": "why", "var": "berlin_channel"})
        reply = socket.receive_json()
        labels = [c["label"] for month in reply["months"] for c in month["causes"]]
        assert reply["type"] == "why" and any("through Stockholm" in label for label in labels)


def test_a_server_that_stops_writes_what_it_had_not_saved(hub: Hub, room: Room) -> None:
    with TestClient(build_app(hub)):
        room.command("start")  # told to the pages; the server would save it after sending
        assert room.unsaved
    assert json.loads((room.folder / "room.json").read_text())["started"] is True


def test_a_binary_frame_gets_an_error_and_the_page_stays(client: TestClient, room: Room) -> None:
    with client.websocket_connect("/ws") as socket:
        socket.send_bytes(b"\x00\x01")
        assert socket.receive_json()["type"] == "error"
        socket.send_json({"type": "hello", "role": "projector", "room": room.room_id})
        assert view_of(socket)["role"] == "projector"


def test_a_fault_while_handling_is_an_error_reply(client: TestClient, room: Room, monkeypatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(Room, "send_note", broken)
    with client.websocket_connect("/ws") as socket:
        socket.send_json({"type": "hello", "role": "team", "token": room.tokens["ussr"]})
        view_of(socket)
        socket.send_json({"type": "note", "channel": "stockholm", "text": "hello"})
        assert socket.receive_json() == {"type": "error", "message": "The server could not do that."}
        socket.send_json({"type": "ping"})
        assert socket.receive_json()["type"] == "pong"
    assert any("could not handle" in r.message for r in caplog.records)
