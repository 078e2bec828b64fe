"""The window's cards over one Table, without pygame: briefing, news, results, autosaves, rewinds."""

from __future__ import annotations

from game.table import EVERYONE_LOOKS, Table
from game.table.calendar import format_date, month_name
from game.table.lesson import LessonSettings
from game.table.view import NewsKind
from game.ui.branches import branches_path
from game.ui.deck import CardKind, Deck
from game.ui.panels.words import result_html


def deck_of(scenario, seed: int, humans=("ussr",), **options) -> Deck:
    return Deck(Table.new(scenario, seed=seed, humans=humans, **options))


def answer_everything(deck: Deck, turns: int) -> None:
    while deck.table.session.turn < turns and not deck.table.over:
        card = deck.card
        if card.kind is CardKind.STANDING:
            deck.choose_standing(list(deck.table.request.current))
        elif card.kind is CardKind.EVENT:
            deck.choose_event(deck.available_options()[0])
        elif card.kind in (CardKind.NEWS, CardKind.BRIEFING, CardKind.RESULT, CardKind.MEANWHILE):
            deck.dismiss()
        else:
            break
        if deck.handover is not None:
            deck.handed_over()


def test_the_briefing_comes_first_then_the_standing_review(scenario, home):
    deck = deck_of(scenario, 3, autosaving=False)
    assert deck.card.kind is CardKind.BRIEFING and deck.card.view.power == "ussr"
    deck.dismiss()
    assert deck.card.kind is CardKind.STANDING
    assert deck.card.view.turn == 0


def test_the_result_of_new_orders_says_what_each_changed_order_does(scenario, home):
    """A changed order is told with what it does; the orders kept as they were are not retold."""
    deck = deck_of(scenario, 3, autosaving=False)
    deck.dismiss()
    request = deck.table.request
    orders = list(request.current)
    orders[0] = (orders[0] + 1) % len(request.policies[0].options)
    deck.choose_standing(orders)
    card = deck.card
    html = result_html(scenario, card.view, card.last, card.ask, "#777", 20)
    changed = request.policies[0].options[orders[0]]
    assert changed.hint and changed.hint in html and changed.label in html
    for policy, index in zip(request.policies[1:], orders[1:], strict=True):
        assert policy.options[index].hint not in html
    assert [d.outcome != "" for d in card.last.decided] == [True] + [False] * (len(orders) - 1)


def test_every_choice_is_followed_by_its_result(scenario, home):
    deck = deck_of(scenario, 3, autosaving=False)
    deck.dismiss()
    deck.choose_standing(list(deck.table.request.current))
    card = deck.card
    assert card.kind is CardKind.RESULT and card.last is not None
    assert card.last.changes and all(round(c.amount) != 0 for c in card.last.changes if round(c.amount))
    assert "As in 1943:" in result_html(scenario, card.view, card.last, card.ask, "#777", 20)
    while deck.card.kind is not CardKind.EVENT:
        deck.dismiss() if deck.card.kind is not CardKind.STANDING else deck.choose_standing(
            list(deck.table.request.current))
    ask = deck.card.ask
    deck.choose_event(deck.available_options()[0])
    card = deck.card
    assert card.kind is CardKind.RESULT and card.ask is ask
    assert card.last.decided[0].title == ask.title  # what it did, told from the seat's view


def test_markers_count_from_the_seats_last_decision(scenario, home):
    deck = deck_of(scenario, 3, autosaving=False)
    assert deck.view().change_span.startswith("since the start")
    deck.dismiss()
    before = {v.id: v.value for v in deck.view().variables}
    deck.choose_standing(list(deck.table.request.current))
    view = deck.view()
    assert view.change_span.startswith("since you last decided")
    assert all(v.change == v.value - before[v.id] for v in view.variables if v.value is not None)


def test_each_finished_month_is_autosaved_and_only_three_kept(scenario, home):
    deck = deck_of(scenario, 3, autosave_dir=home / "saves")
    answer_everything(deck, 5)
    autosaves = sorted((home / "saves").glob("autosave-*.json"))
    assert len(autosaves) == 3
    assert deck.table.last_autosave is not None and deck.table.last_autosave.exists()


def test_the_ended_game_is_autosaved_once_and_continue_passes_over_it(scenario, home, monkeypatch):
    """A finished year is kept (its debrief can be printed again, a class report reads it);
    the title's Continue still offers only an unfinished game."""
    from game.saves import load_game
    from game.ui import starting

    deck = deck_of(scenario, 3, autosave_dir=home / "saves")
    answer_everything(deck, 99)
    assert deck.table.over
    newest = deck.table.last_autosave
    assert newest is not None and load_game(newest, scenario).over
    written = newest.stat().st_mtime_ns
    deck.table.advance()  # nothing more to play: no second save of the same ending
    assert newest.stat().st_mtime_ns == written
    monkeypatch.setattr(starting, "saves_dir", lambda: home / "saves")
    assert starting.newest_save() is None or starting.newest_save()[0] != newest


def test_rewind_replays_to_the_start_of_a_month_and_keeps_the_branch(scenario, home):
    deck = deck_of(scenario, 11, autosaving=False)
    answer_everything(deck, 4)
    session = deck.table.session
    before = list(session.history)
    state_at_2 = session.months[1].state
    deck.rewind(2)
    session = deck.table.session
    assert session.turn == 2
    assert deck.card.kind is CardKind.STANDING
    assert session.months[1].state == state_at_2
    assert list(session.history) == [c for c in before if c.turn < 2]
    assert len(deck.table.branches) == 1 and deck.table.branches[0].left_at == 2
    assert deck.table.branches[0].choices == before


def test_an_autosave_after_a_rewind_keeps_the_timeline_beside_it(scenario, home):
    deck = deck_of(scenario, 11, autosave_dir=home / "saves")
    answer_everything(deck, 3)
    deck.rewind(1)
    answer_everything(deck, 3)
    assert branches_path(deck.table.last_autosave).exists()


def test_dates_read_as_words():
    assert format_date("1943-04-26") == "26 April 1943"
    assert month_name("1942-11") == "November 1942"
    assert month_name("1943-09", short=True) == "Sep 1943"


def test_hot_seat_hands_over_when_the_deciding_team_changes(scenario, home):
    deck = deck_of(scenario, 4, humans=("ussr", "germany", "west"), autosaving=False)
    assert deck.handover == "ussr" and deck.viewer == "ussr"
    deck.handed_over()
    assert deck.card.kind is CardKind.BRIEFING
    deck.dismiss()
    assert deck.card.kind is CardKind.STANDING and deck.card.view.power == "ussr"
    deck.choose_standing(list(deck.table.request.current))
    # the Soviet team reads what its orders did before the keyboard passes
    assert deck.card.kind is CardKind.RESULT and deck.handover is None and deck.viewer == "ussr"
    deck.dismiss()
    assert deck.handover == "germany" and deck.viewer == "germany"
    trust = next(v for v in deck.view().variables if v.id == "stalin_trust")
    assert trust.value is None  # Berlin does not see Stalin's trust


def test_each_team_reads_the_news_it_learnt_and_no_other_teams_choice(scenario, home):
    deck = deck_of(scenario, 4, humans=("ussr", "west"), autosaving=False)
    seen: dict[str, list[str]] = {"ussr": [], "west": []}
    while deck.table.session.turn < 3:
        if deck.handover is not None:
            deck.handed_over()
            continue
        card = deck.card
        if card.kind is CardKind.NEWS:
            item = card.news[0]
            seen[card.view.power].append((item.turn, item.title))
            # a team's own decision comes in its result card, never as news; another team's only where
            # the information rules say the act was known (the leak test checks those rules)
            assert not (item.kind is NewsKind.DECISION and item.power == card.view.power)
            if item.kind is NewsKind.DECISION:
                event = next(e for e in scenario.events if e.title == item.title)
                assert deck.table.knowledge().knows_fired(card.view.power, item.turn, event)
            deck.dismiss()
        elif card.kind in (CardKind.BRIEFING, CardKind.RESULT):
            deck.dismiss()
        elif card.kind is CardKind.STANDING:
            deck.choose_standing(list(deck.table.request.current))
        elif card.kind is CardKind.EVENT:
            deck.choose_event(deck.available_options()[0])
    # every event a team learnt of it read as news, except its own decisions (told in its results)
    knowledge = deck.table.knowledge()
    for team in ("ussr", "west"):
        known = {(turn, scenario.event(e).title) for turn, e in deck.table.session.log.fired
                 if turn < 2 and knowledge.knows_fired(team, turn, scenario.event(e))
                 and scenario.event(e).power != team}
        assert known <= set(seen[team]), known - set(seen[team])
    assert seen["ussr"] != seen["west"]  # each team its own news


def test_a_lesson_sums_up_the_months_between_decisions_and_the_teacher_skips(scenario, home):
    deck = deck_of(scenario, 4, humans=("ussr", "germany", "west"), lesson=LessonSettings(), autosaving=False)
    kinds = []
    while deck.handover != EVERYONE_LOOKS:
        if deck.handover is not None:
            deck.handed_over()
        card = deck.card
        kinds.append(card.kind)
        if card.kind is CardKind.MEANWHILE:
            assert card.news and all(item.headline for item in card.news)
            deck.dismiss()
        elif card.kind is CardKind.NEWS:
            raise AssertionError("a lesson shows no single news cards")
        elif card.kind in (CardKind.BRIEFING, CardKind.RESULT):
            deck.dismiss()
        else:
            deck.skip()  # the teacher moves on every time: history, as in 1943
    assert CardKind.MEANWHILE in kinds
    assert deck.handover == EVERYONE_LOOKS and deck.viewer is None
    deck.handed_over()
    assert deck.card.kind is CardKind.END
    assert deck.table.ending is not None and deck.table.ending.id == "teheran"
