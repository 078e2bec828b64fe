"""The window's game driver, without pygame: cards, autosaves, rewinds."""

from __future__ import annotations

from game.engine.session import Session
from game.ui.play import Play, format_date, month_name


def answer_everything(play: Play, turns: int) -> None:
    while play.session.turn < turns and not play.session.over:
        card = play.card
        if card.kind == "standing":
            play.choose_standing(list(card.request.current))
        elif card.kind == "event":
            play.choose_event(play.available_options()[0])
        elif card.kind == "news":
            play.dismiss()
        else:
            break


def test_first_card_is_the_standing_review(scenario, home):
    play = Play(scenario, Session(scenario, seed=3))
    assert play.card.kind == "standing"
    assert play.card.request.turn == 0


def test_each_finished_month_is_autosaved_and_only_three_kept(scenario, home):
    play = Play(scenario, Session(scenario, seed=3), autosave_dir=home / "saves")
    answer_everything(play, 5)
    autosaves = sorted((home / "saves").glob("autosave-*.json"))
    assert len(autosaves) == 3
    assert play.last_autosave is not None and play.last_autosave.exists()


def test_rewind_replays_to_the_start_of_a_month_and_keeps_the_branch(scenario, home):
    play = Play(scenario, Session(scenario, seed=11), autosaving=False)
    answer_everything(play, 4)
    before = list(play.session.history)
    state_at_2 = play.session.months[1].state
    play.rewind(2)
    assert play.session.turn == 2
    assert play.card.kind == "standing"
    assert play.session.months[1].state == state_at_2
    assert [c for c in play.session.history] == [c for c in before if c.turn < 2]
    assert len(play.branches) == 1 and play.branches[0].left_at == 2
    assert play.branches[0].choices == before


def test_trend_is_the_change_over_the_last_finished_month(scenario, home):
    play = Play(scenario, Session(scenario, seed=5), autosaving=False)
    answer_everything(play, 2)
    months = play.session.months
    assert play.trend("front") == months[1].state["front"] - months[0].state["front"]


def test_dates_read_as_words():
    assert format_date("1943-04-26") == "26 April 1943"
    assert month_name("1942-11") == "November 1942"
    assert month_name("1943-09", short=True) == "Sep 1943"
