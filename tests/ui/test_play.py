"""The window's game driver, without pygame: cards, autosaves, rewinds."""

from __future__ import annotations

from game.classroom.lesson import start_lesson
from game.engine.session import Session
from game.ui.play import EVERYONE, Play, format_date, month_name


def answer_everything(play: Play, turns: int) -> None:
    while play.session.turn < turns and not play.session.over:
        card = play.card
        if card.kind == "standing":
            play.choose_standing(list(card.request.current))
        elif card.kind == "event":
            play.choose_event(play.available_options()[0])
        elif card.kind in ("news", "briefing", "result"):
            play.dismiss()
        else:
            break


def test_the_briefing_comes_first_then_the_standing_review(scenario, home):
    play = Play(scenario, Session(scenario, seed=3))
    assert play.card.kind == "briefing" and play.card.request.power == "ussr"
    play.dismiss()
    assert play.card.kind == "standing"
    assert play.card.request.turn == 0


def test_every_choice_is_followed_by_its_result(scenario, home):
    play = Play(scenario, Session(scenario, seed=3), autosaving=False)
    play.dismiss()
    play.choose_standing(list(play.card.request.current))
    result = play.card.result
    assert play.card.kind == "result" and result is not None
    assert result.moved and all(round(m.after - m.before) != 0 for m in result.moved)
    assert result.in_history.startswith("As in 1943:")
    while play.card.kind != "event":
        play.dismiss()
    event = play.card.event
    play.choose_event(play.available_options()[0])
    result = play.card.result
    assert play.card.kind == "result" and result.event is event
    for moved in result.moved:  # what it moved, each with the cause named
        assert moved.causes and all(label.startswith(event.title) for label, _ in moved.causes)


def test_markers_count_from_the_seats_last_decision(scenario, home):
    play = Play(scenario, Session(scenario, seed=3), autosaving=False)
    assert play.since_label() == "since the start"
    play.dismiss()
    before = play.visible()
    play.choose_standing(list(play.card.request.current))
    assert play.since_label().startswith("since your orders for")
    now = play.visible()
    assert all(play.since(v) == now[v] - before[v] for v in now if now[v] is not None)


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


def test_hot_seat_hands_over_when_the_deciding_team_changes(scenario, home):
    play = Play(scenario, Session(scenario, seed=4, humans=("ussr", "germany", "west")), autosaving=False)
    assert play.pending_handover == "ussr" and play.viewer == "ussr"
    play.handed_over()
    assert play.card.kind == "briefing"
    play.dismiss()
    assert play.card.kind == "standing" and play.card.request.power == "ussr"
    play.choose_standing(list(play.card.request.current))
    # the Soviet team reads what its orders did before the keyboard passes
    assert play.card.kind == "result" and play.pending_handover is None and play.viewer == "ussr"
    play.dismiss()
    assert play.pending_handover == "germany" and play.viewer == "germany"
    assert play.visible()["stalin_trust"] is None  # Berlin does not see Stalin's trust


def test_each_team_reads_the_news_since_it_last_looked(scenario, home):
    play = Play(scenario, Session(scenario, seed=4, humans=("ussr", "west")), autosaving=False)
    seen: dict[str, list[str]] = {"ussr": [], "west": []}
    while play.session.turn < 3:
        card = play.card
        if card.kind == "news":
            seen[play.viewer].append(card.event.id)
            assert not card.decided_by.startswith(("USSR chose", "The West chose"))  # another team's secret
            play.dismiss()
        elif card.kind in ("briefing", "result"):
            play.dismiss()
        elif card.kind == "standing":
            play.choose_standing(list(card.request.current))
        elif card.kind == "event":
            play.choose_event(play.available_options()[0])
        play.handed_over()
    fired = [event for turn, event in play.session.log.fired if turn < 2]
    for team in ("ussr", "west"):
        assert set(fired) - set(seen[team]) <= {e for _, e in play.session.log.fired if
                                                 scenario.event(e).power == team}


def test_a_lesson_sums_up_the_months_between_decisions_and_the_teacher_skips(scenario, home):
    session = start_lesson(Session(scenario, seed=4, humans=("ussr", "germany", "west")))
    play = Play(scenario, session, autosaving=False)
    kinds = []
    while play.pending_handover != EVERYONE:
        play.handed_over()
        card = play.card
        kinds.append(card.kind)
        if card.kind == "meanwhile":
            assert card.items and all(item.title for item in card.items)
            play.dismiss()
        elif card.kind == "news":
            raise AssertionError("a lesson shows no single news cards")
        elif card.kind in ("briefing", "result"):
            play.dismiss()
        else:
            play.skip()  # the teacher moves on every time: history, as in 1943
    assert play.card.kind in ("meanwhile", "end") and "meanwhile" in kinds
    assert play.pending_handover == EVERYONE and play.viewer is None
    assert session.ending is not None and session.ending.id == "teheran"
