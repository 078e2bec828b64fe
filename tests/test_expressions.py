"""The expression language: what it computes, and everything it refuses."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario.expressions import MAX_DEPTH, ExpressionError, compile_expression

COLUMNS = {"western_alarm": 0, "berlin_channel": 1}
PARAMS = {"leak_rate": 0.5}
STATE = np.array([[70.0, 30.0], [50.0, 10.0], [61.0, 25.0]])


def evaluate(source: str, turn: int = 0) -> list:
    return np.broadcast_to(compile_expression(source, COLUMNS, PARAMS).evaluate(STATE, PARAMS, turn), (3,)).tolist()


def test_condition_evaluates_on_every_run() -> None:
    assert evaluate("western_alarm > 60 and berlin_channel >= 25") == [True, False, True]


def test_arithmetic_functions_and_params() -> None:
    assert evaluate("clip(western_alarm - 55, 0, 10) * leak_rate") == [5.0, 0.0, 3.0]
    assert evaluate("max(western_alarm, 65) + min(1, 2, 3) + abs(-1)") == [72.0, 67.0, 67.0]


def test_conditional_expression_and_turn() -> None:
    assert evaluate("1 if berlin_channel > 20 else 2") == [1.0, 2.0, 1.0]
    assert evaluate("turn * 2", turn=4) == [8.0, 8.0, 8.0]


def test_chained_comparison_and_not() -> None:
    assert evaluate("50 <= western_alarm < 65") == [False, True, True]
    assert evaluate("not berlin_channel > 20") == [False, True, False]


def test_names_read_lists_what_expression_uses() -> None:
    expression = compile_expression("western_alarm + leak_rate + turn", COLUMNS, PARAMS)
    assert expression.names == {"western_alarm", "leak_rate"}


def test_parameters_are_read_when_evaluated_not_when_compiled() -> None:
    expression = compile_expression("leak_rate * 2", COLUMNS, PARAMS)
    assert expression.evaluate_runs(STATE, {"leak_rate": 3.0}, 0).tolist() == [6.0, 6.0, 6.0]


def test_division_by_zero_gives_zero_not_nan() -> None:
    expression = compile_expression("western_alarm / (berlin_channel - berlin_channel)", COLUMNS, PARAMS)
    assert expression.evaluate_runs(STATE, PARAMS, 0).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    "source, fragment",
    [
        ("__import__('os').system('echo pwned')", "not allowed"),
        ("().__class__.__bases__[0].__subclasses__()", "not allowed"),
        ("western_alarm.real", "attribute"),
        ("western_alarm[0]", "indexing"),
        ("open('/etc/passwd')", "not allowed"),
        ("eval('1')", "not allowed"),
        ("lambda: 1", "lambda"),
        ("[1, 2]", "list"),
        ("'text'", "not a number"),
        ("undefined_name > 3", "unknown name"),
        ("min(1)", "arguments"),
        ("max(x=1, y=2)", "keyword"),
        ("western_alarm // 2", "'//'"),
        ("(a := 3)", "':='"),
        ("1 if", "cannot parse"),
        ("", "empty"),
        ("1 + " * 200 + "1", "longer than"),
        ("-" * (MAX_DEPTH + 5) + "1", "nested"),
        ("f'{western_alarm}'", "f-string"),
        ("western_alarm in (1, 2)", "'in'"),
    ],
)
def test_forbidden_or_malformed_expressions_are_rejected(source: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as error:
        compile_expression(source, COLUMNS, PARAMS)
    assert fragment in str(error.value)


def test_rejected_expression_never_runs(tmp_path, monkeypatch) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(ExpressionError):
        compile_expression(f"__import__('pathlib').Path('{marker}').touch()", COLUMNS, PARAMS)
    assert not marker.exists()
