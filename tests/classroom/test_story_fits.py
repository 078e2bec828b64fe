"""Cards that tell what the game did: they fire only where the game's state fits their text."""

from __future__ import annotations

import io

import pytest

from game.session import Session
from game.text.terminal import Terminal


def june_reply_fired(scenario, west_option: str, seed: int) -> bool:
    """Play to the end of June 1943 as in history, the West breaking the 4 June news with ``west_option``."""
    session = Session(scenario, seed=seed, humans=("ussr", "west"))
    june = [str(m) for m in scenario.months].index("1943-06")
    while (request := session.step()) is not None and session.turn <= june:
        if request.kind == "event" and request.event is not None and request.event.id == "invasion_delayed_to_1944":
            session.choose(request.event.option_index(west_option))
        else:
            session.choose(request.historical_answer())
    return "stalin_reply_june" in {event for _, event in session.log.fired}


@pytest.mark.parametrize("west_option, fires", [("tell_stalin", True), ("soften_blow", True),
                                                ("improvise_landing", False)])
def test_stalin_answers_in_anger_only_a_letter_that_put_the_landing_off(scenario, west_option: str,
                                                                       fires: bool) -> None:
    for seed in (1, 2, 3, 4):
        assert june_reply_fired(scenario, west_option, seed) is fires, (west_option, seed)


def test_the_june_reply_says_what_the_letter_said(scenario) -> None:
    card = scenario.event("stalin_reply_june")
    assert "no landing in France before May 1944" in " ".join(card.text.split())


def test_every_note_a_card_cites_is_shown_with_its_source_line(scenario) -> None:
    out = io.StringIO()
    terminal = Terminal(scenario, Session(scenario, seed=1, humans=("ussr",)), lambda: None, out)
    shown = 0
    for event in scenario.events:
        if not event.notes:
            continue
        out.seek(0)
        out.truncate()
        terminal.show_card(event.date, event.title, event.text, list(event.notes), event.evidence, event.framing)
        text = " ".join(out.getvalue().split())
        for number in event.notes:
            source = " ".join(scenario.note_sources[number].split())
            assert f"n. {number}: {source}" in text, (event.id, number)
            shown += 1
    assert shown > 100


def test_the_terminal_debrief_gives_the_source_of_every_note_it_cites(scenario) -> None:
    from game.classroom.samples import play_lesson
    from game.debrief import departures
    from game.text.debrief import debrief_lines

    session = play_lesson(scenario, seed=13, leave_history=0.6, talk=True)
    cited = {number for departure in departures(scenario, session)[:25] for number in departure.notes}
    assert cited
    text = " ".join(" ".join(debrief_lines(scenario, session)).split())
    for number in cited:
        assert f"n. {number}: {' '.join(scenario.note_sources[number].split())}" in text
