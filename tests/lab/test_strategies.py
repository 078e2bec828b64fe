"""Stalins as data: the named strategies reach every ending; a user's file runs or is refused clearly.

docs/lab.md ("Named strategies", "Your own Stalin") documents what is measured here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from labtools import MINI, lab

from game.__main__ import main
from game.policies import built_in_strategies, player_power
from game.scenario import load_scenario

RUNS = 2000
SEED = 1943

#: the named strategy that reaches each ending (docs/lab.md, "Named strategies")
REACHES = {
    "strategic_surrender": "sue_for_peace",
    "separate_peace_hitler": "appeaser",
    "separate_peace_successor": "court_the_generals",
    "alliance_rupture": "break_with_the_allies",
    "military_collapse": "bleed_white",
    "teheran": "loyal",
    "no_summit": "stay_aloof",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_ending_is_named_here(scenario) -> None:
    assert set(REACHES) == {ending.id for ending in scenario.endings}
    assert set(REACHES.values()) <= set(built_in_strategies(scenario))


@pytest.mark.parametrize("ending", sorted(REACHES))
def test_each_ending_is_reached_by_its_named_strategy_in_at_least_5_percent(scenario, real_bytes, ending) -> None:
    document = lab(scenario, real_bytes, policy=REACHES[ending], runs=RUNS, seed=SEED)
    assert document["endings"][ending] >= 0.05, document["endings"]


def test_the_random_stalin_reaches_at_least_four_endings(scenario, real_bytes) -> None:
    document = lab(scenario, real_bytes, policy="random", runs=10_000, seed=SEED)
    reached = [ending for ending, share in document["endings"].items() if share >= 0.01]
    assert len(reached) >= 4, document["endings"]


def test_a_switch_from_a_month_plays_the_earlier_settings_until_then(scenario, real_bytes, tmp_path: Path) -> None:
    path = tmp_path / "spring.toml"
    path.write_text('name = "spring_deal"\ndescription = "History, then Berlin\'s price from April."\n'
                    '[[from]]\nmonth = "1943-04"\ntags = { accept_berlin_price = 3, channel_probe = 2, deal = 2 }\n'
                    '[from.levers]\nchannel = "probing"\nprice = "less"\n', encoding="utf-8")
    from game.policies import read_strategy

    strategy = read_strategy(path, scenario)
    mine = lab(scenario, real_bytes, strategy=strategy, runs=RUNS, seed=SEED)
    appeaser = lab(scenario, real_bytes, policy="appeaser", deviate_from="1943-04", runs=RUNS, seed=SEED)
    history = lab(scenario, real_bytes, runs=RUNS, seed=SEED)
    march = scenario.months.index(next(m for m in scenario.months if str(m) == "1943-03"))
    assert mine["series"]["front"]["mean"][:march + 1] == history["series"]["front"]["mean"][:march + 1]
    assert mine["endings"]["separate_peace_hitler"] > 0.05
    assert abs(mine["endings"]["separate_peace_hitler"] - appeaser["endings"]["separate_peace_hitler"]) < 0.25


def test_a_strategy_file_runs_in_lab_and_sweep(capsys, tmp_path: Path) -> None:
    path = tmp_path / "cold.toml"
    path.write_text('name = "cold"\ndescription = "Cold to the West all year."\n[levers]\nposture_west = "cold"\n',
                    encoding="utf-8")
    code, out, err = run(capsys, "lab", "--strategy", str(path), "--runs", "500", "--json", "-")
    assert code == 0, err
    assert json.loads(out)["policy"] == "cold"
    code, out, err = run(capsys, "sweep", "--strategy", str(path), "--param", "rift_rate=0.1:0.3:2",
                         "--metric", "ending:alliance_rupture", "--runs", "500")
    assert code == 0, err
    assert "rift_rate" in out


BAD = [
    ('name = "x"\ndescription = "y"\n[levers.tempo]\n"1943-05" = "charge"\n', "line 4: levers.tempo: no option"),
    ('name = "x"\ndescription = "y"\n[cards]\nno_such_card = "a"\n', "line 4: cards.no_such_card: no card"),
    ('name = "x"\ndescription = "y"\n[[from]]\nmonth = "1944-05"\n', "line 4: from[0].month: 1944-05 is outside"),
    ('name = "x"\ndescription = "y"\ncolour = 3\n', "line 3: colour: unknown key"),
    ('name = "x"\ndescription = "y"\n[tags]\natack = 1\n', "line 4: tags.atack: no option has this tag"),
    ('name = "x"\n', "description: is required"),
    ('name = \n', "not valid TOML"),
    ('name = "x"\ndescription = "y"\n[tags]\nattack = "lots"\n', "line 4: tags.attack: the weight should be a number"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_strategy_file_is_one_line_naming_file_key_and_line(capsys, tmp_path: Path, text, message) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "lab", "--strategy", str(path), "--runs", "100")
    assert code == 2
    assert err.startswith(f"error: {path}") and message in err, err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_missing_strategy_file_is_refused(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "lab", "--strategy", str(tmp_path / "none.toml"))
    assert code == 2 and "cannot read the strategy" in err


def test_list_strategies_as_text_and_json(capsys, scenario) -> None:
    code, out, _ = run(capsys, "lab", "--list-strategies")
    assert code == 0
    for name in ("historical", "random", *built_in_strategies(scenario)):
        assert name in out
    code, out, _ = run(capsys, "lab", "--list-strategies", "--json")
    listed = json.loads(out)["strategies"]
    assert {row["name"] for row in listed} >= set(built_in_strategies(scenario))
    assert all(row["description"] for row in listed)


def test_every_built_in_strategy_runs_by_name_and_differs_from_history(scenario, real_bytes) -> None:
    history = lab(scenario, real_bytes, runs=500, seed=SEED)
    for name in built_in_strategies(scenario):
        document = lab(scenario, real_bytes, policy=name, runs=500, seed=SEED)
        assert document["policy"] == name
        assert document["series"] != history["series"], name


def test_the_player_power_comes_from_the_scenario_not_a_fixed_id(tmp_path: Path) -> None:
    # rename the player's power: a named Stalin must still play it instead of history
    renamed = tmp_path / "renamed.toml"
    renamed.write_text(MINI.read_text(encoding="utf-8").replace('"ussr"', '"soviets"'), encoding="utf-8")
    scenario = load_scenario(renamed)
    assert player_power(scenario) == "soviets"
    content = renamed.read_bytes()
    appeaser = lab(scenario, content, policy="appeaser", runs=2000, seed=3)
    history = lab(scenario, content, policy="historical", runs=2000, seed=3)
    assert appeaser["endings"] != history["endings"]


def test_a_scenario_whose_options_differ_still_gets_the_built_in_strategies_that_fit(tmp_path: Path) -> None:
    """An edited scenario renames the price's option 'more': the built-in strategies skip that lever
    setting instead of failing, and `check` reports on the file without a traceback (found by the
    fuzzer)."""
    import subprocess
    import sys

    from game.paths import DEFAULT_SCENARIO
    from game.policies.strategy import built_in_strategies
    from game.scenario import load_scenario

    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    marker = '  id = "more"\n'
    assert text.count(marker) == 1
    edited = tmp_path / "renamed.toml"
    edited.write_text(text.replace(marker, '  id = "ussr"\n'), encoding="utf-8")
    scenario = load_scenario(edited)
    strategies = built_in_strategies(scenario)
    assert "break_with_the_allies" in strategies
    assert "price" not in strategies["break_with_the_allies"].phases[0].levers
    done = subprocess.run([sys.executable, "-m", "game", "check", str(edited)], capture_output=True, text=True,
                          timeout=600)
    assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr[-400:]
