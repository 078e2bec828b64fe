"""Compiled expressions give the bits of a plain tree walk, whatever shortcuts they take.

The compiler works out number-only parts once, spreads a lone number into a column
before numpy's minimum and maximum, hands ``where`` booleans, writes an operation over
its operand's own new array, and the engine hands it columns that are the same in every
run as lone numbers. The reference here
walks the syntax tree with numpy and none of that, on states full of awkward values
(NaN, signed zeros, infinities, the bounds), for every expression of the scenario.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

import numpy as np
import pytest

from game.scenario import Scenario
from game.scenario.expressions import Columns, Expression, compile_expression, constant_column

BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
          ast.Mod: np.mod, ast.Pow: np.power}
COMPARE = {ast.Gt: np.greater, ast.GtE: np.greater_equal, ast.Lt: np.less, ast.LtE: np.less_equal,
           ast.Eq: np.equal, ast.NotEq: np.not_equal}

HANDWRITTEN = [
    "max(0, x - 55) * (1 + y / 50) - 4 * z",
    "min(x, 0) + max(-0.0, y) + min(0.0, z, x) + max(y, 1, z, -1)",
    "clip(0.05 * (60 - x), -0.5, 1.2) + clip(y, z, 3) + clip(2, x, y)",
    "0.3 if x else -0.0",
    "x if y > z else (z if x else 1)",
    "-(3 - 5) * x + 2 ** 3 - (10 % 4) + abs(-2.5) + (1 / 0) * 0",
    "x > 1 and y < 2 or not z",
    "0 < x <= y < 100",
    "max(turn, 3) + min(rate, x) + (rate if turn > 2 else 0)",
    "max(0, 1) + min(2, 3, 1) + clip(5, 0, 4)",
    "(1 if true else 0) + (x > 0)",
]


def reference(node: ast.AST, state: np.ndarray, columns: Mapping[str, int], params: Mapping[str, float],
              turn: int) -> np.ndarray | float:
    """The expression's value, computed the plain way: every node, every time."""
    def walk(part: ast.AST) -> np.ndarray | float:
        if isinstance(part, ast.Constant):
            return float(part.value)
        if isinstance(part, ast.Name):
            if part.id in columns:
                return state[:, columns[part.id]]
            if part.id in params:
                return params[part.id]
            return {"turn": float(turn), "true": 1.0, "True": 1.0, "false": 0.0, "False": 0.0}[part.id]
        if isinstance(part, ast.UnaryOp):
            value = walk(part.operand)
            if isinstance(part.op, ast.Not):
                return np.logical_not(value)
            return np.negative(value) if isinstance(part.op, ast.USub) else value
        if isinstance(part, ast.BinOp):
            left, right = walk(part.left), walk(part.right)
            if isinstance(part.op, ast.Pow):
                left = np.asarray(left, dtype=np.float64)
            return BINARY[type(part.op)](left, right)
        if isinstance(part, ast.BoolOp):
            values = [walk(value) for value in part.values]
            func = np.logical_and if isinstance(part.op, ast.And) else np.logical_or
            result = values[0]
            for value in values[1:]:
                result = func(result, value)
            return result
        if isinstance(part, ast.Compare):
            values = [walk(part.left)] + [walk(value) for value in part.comparators]
            result = COMPARE[type(part.ops[0])](values[0], values[1])
            for index, op in enumerate(part.ops[1:], start=1):
                result = np.logical_and(result, COMPARE[type(op)](values[index], values[index + 1]))
            return result
        if isinstance(part, ast.IfExp):
            return np.where(walk(part.test), walk(part.body), walk(part.orelse))
        assert isinstance(part, ast.Call) and isinstance(part.func, ast.Name)
        args = [walk(arg) for arg in part.args]
        name = part.func.id
        if name == "abs":
            return np.abs(args[0])
        if name == "clip":
            return np.minimum(np.maximum(args[0], args[1]), args[2])
        func = np.minimum if name == "min" else np.maximum
        result = args[0]
        for arg in args[1:]:
            result = func(result, arg)
        return result

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return walk(node)


def awkward_state(columns: int, low: np.ndarray, high: np.ndarray, seed: int) -> np.ndarray:
    """Runs at random values, at the bounds, at signed zeros, and at NaN and infinities."""
    rng = np.random.default_rng(seed)
    runs = 600
    state = low + (high - low) * rng.random((runs, columns))
    specials = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 1.0, -1.0])
    pick = rng.random((runs, columns))
    state = np.where(pick < 0.35, specials[rng.integers(0, len(specials), (runs, columns))], state)
    state = np.where((pick > 0.35) & (pick < 0.45), low, state)
    state = np.where((pick > 0.45) & (pick < 0.55), high, state)
    return np.asfortranarray(state)


def same_bits(fast: np.ndarray | float, plain: np.ndarray | float, runs: int) -> bool:
    fast_array, plain_array = np.asarray(fast), np.asarray(plain)
    if fast_array.dtype != plain_array.dtype:
        return False
    shape = (runs,)
    return np.broadcast_to(fast_array, shape).tobytes() == np.broadcast_to(plain_array, shape).tobytes()


def scenario_expressions(scenario: Scenario) -> list[Expression]:
    """Every compiled expression the scenario holds."""
    found: dict[int, Expression] = {}

    def visit(value: object, depth: int) -> None:
        if depth > 8:
            return
        if isinstance(value, Expression):
            found[id(value)] = value
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item, depth + 1)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:  # type: ignore[attr-defined]
                visit(getattr(value, name), depth + 1)

    visit(scenario, 0)
    return list(found.values())


def test_every_expression_of_the_scenario_gives_the_plain_walks_bits(scenario: Scenario) -> None:
    columns = {variable.id: index for index, variable in enumerate(scenario.variables)}
    params = scenario.param_values()
    low = np.array([variable.min for variable in scenario.variables], dtype=np.float64)
    high = np.array([variable.max for variable in scenario.variables], dtype=np.float64)
    expressions = scenario_expressions(scenario)
    assert len(expressions) > 100
    for seed in range(3):
        state = awkward_state(len(columns), low, high, seed)
        for expression in expressions:
            tree = ast.parse(expression.source, mode="eval").body
            for turn in (0, 5):
                fast = expression.evaluate(state, params, turn)
                assert same_bits(fast, reference(tree, state, columns, params, turn), len(state)), expression.source


def held_alike(state: np.ndarray, seed: int) -> Columns:
    """Make some columns of ``state`` the same in every run (all of them for seed 0) and
    give the columns as the engine holds them: those as lone numbers, the rest as columns."""
    alike = np.random.default_rng(seed).random(state.shape[1]) < (1.0 if seed == 0 else 0.6)
    state[:, alike] = state[0, alike]
    return Columns([state[0, column] if alike[column] else state[:, column] for column in range(state.shape[1])],
                   state.shape[0])


def test_columns_held_as_lone_numbers_give_the_bits_of_the_columns(scenario: Scenario) -> None:
    params = scenario.param_values()
    low = np.array([variable.min for variable in scenario.variables], dtype=np.float64)
    high = np.array([variable.max for variable in scenario.variables], dtype=np.float64)
    expressions = scenario_expressions(scenario)
    for seed in range(4):
        state = awkward_state(len(low), low, high, seed)
        held = held_alike(state, seed)
        for expression in expressions:
            for turn in (0, 5):
                fast = expression.evaluate_columns(held, params, turn)
                assert same_bits(fast, expression.evaluate(state, params, turn), len(state)), expression.source


@pytest.mark.parametrize("source", HANDWRITTEN)
def test_handwritten_expressions_on_lone_numbers_give_the_bits_of_the_columns(source: str) -> None:
    expression = compile_expression(source, {"x": 0, "y": 1, "z": 2}, {"rate": 0.25})
    for seed in range(6):
        state = awkward_state(3, np.full(3, -100.0), np.full(3, 100.0), seed)
        held = held_alike(state, seed)
        for turn in (0, 3):
            fast = expression.evaluate_columns(held, {"rate": 0.25}, turn)
            assert same_bits(fast, expression.evaluate(state, {"rate": 0.25}, turn), len(state)), source


@pytest.mark.parametrize("source", HANDWRITTEN)
def test_handwritten_expressions_give_the_plain_walks_bits(source: str) -> None:
    columns = {"x": 0, "y": 1, "z": 2}
    params = {"rate": 0.25}
    expression = compile_expression(source, columns, params)
    tree = ast.parse(source, mode="eval").body
    for seed in range(4):
        state = awkward_state(3, np.full(3, -100.0), np.full(3, 100.0), seed)
        for turn in (0, 3):
            fast = expression.evaluate(state, params, turn)
            assert same_bits(fast, reference(tree, state, columns, params, turn), len(state)), source


def test_a_number_only_part_is_worked_out_once() -> None:
    expression = compile_expression("x * (-(2 ** 3) + 100 / 4)", {"x": 0}, {})
    state = np.array([[1.0], [2.0]])
    assert expression.evaluate(state, {}, 0).tolist() == [17.0, 34.0]
    expression = compile_expression("-0.35", {}, {})
    assert expression.evaluate(state, {}, 0) == -0.35


def test_a_kept_column_is_read_only_and_tells_signed_zeros_apart() -> None:
    zero, negative_zero = constant_column(0.0, 50), constant_column(-0.0, 50)
    assert not np.signbit(zero).any() and np.signbit(negative_zero).all()
    assert constant_column(0.0, 50) is zero and constant_column(0.0, 51).shape == (51,)
    assert np.isnan(constant_column(float("nan"), 3)).all()
    with pytest.raises(ValueError):
        zero[0] = 1.0
