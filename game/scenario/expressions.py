"""A whitelisting expression language for conditions, probabilities and effect amounts.

Scenario files are untrusted, so expressions are never handed to ``eval``. The text is
parsed with :mod:`ast` (parsing runs no code), every node is checked against a short
allow-list, and the tree is compiled once into nested closures that compute on whole
numpy columns, so one call evaluates the expression for every run of a batch.

>>> expr = compile_expression("western_alarm > 60 and berlin_channel >= 25",
...                           {"western_alarm": 0, "berlin_channel": 1}, {})
>>> import numpy as np
>>> expr.evaluate(np.array([[70.0, 30.0], [70.0, 10.0]]), {}, 0).tolist()
[True, False]
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_LENGTH = 400
MAX_DEPTH = 12
MAX_NODES = 120
#: the largest constant an expression may hold (as every number of a scenario)
MAX_CONSTANT = 1e9

#: Functions an expression may call, and the numpy routine each stands for.
FUNCTIONS: dict[str, tuple[int, int, Callable]] = {
    # name: (least arguments, most arguments, implementation)
    "min": (2, 6, lambda *a: _reduce_spread(np.minimum, a)),
    "max": (2, 6, lambda *a: _reduce_spread(np.maximum, a)),
    "clip": (3, 3, lambda x, lo, hi: _spread(np.minimum, _spread(np.maximum, x, lo), hi)),
    "abs": (1, 1, np.abs),
}

#: Names every expression may use besides variables and parameters.
BUILTIN_NAMES = {"turn", "true", "false", "True", "False"}

_BINARY = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
    ast.Mod: np.mod,
    ast.Pow: np.power,
}
_COMPARE = {
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}

# An evaluator takes (the state's columns, parameter values, turn) and returns a scalar or
# array. The columns are indexed by variable: ``state.T`` (each a column of every run), or
# a :class:`Columns` where a column that holds one number in every run is that number.
Evaluator = Callable[[Any, Mapping[str, float], int], "np.ndarray | float"]


class ExpressionError(ValueError):
    """Raised when an expression is malformed or uses something outside the allow-list."""


def _reduce(func: Callable, args: tuple) -> np.ndarray | float:
    result = args[0]
    for arg in args[1:]:
        result = func(result, arg)
    return result


def _truth(value: np.ndarray | float) -> np.ndarray | float:
    """A test as booleans: numpy's ``where`` reads a column of booleans faster than one of numbers.

    ``x != 0`` is what ``where`` takes a number to mean (NaN counts as true in both).
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return np.not_equal(value, 0.0)
    return value


#: columns that hold one number in every run, by (the number's exact bits, length), read-only
_COLUMNS: dict[tuple[str, int], np.ndarray] = {}
#: how many such columns are kept (a few dozen numbers occur; each column is a chunk long)
MAX_COLUMNS = 48


def constant_column(value: float, length: int) -> np.ndarray:
    """A read-only float64 column of ``length`` copies of ``value``, made once and kept.

    Filling a column costs more than reading one, and the scenario compares against the
    same few numbers every month; ``float.hex`` keys tell -0.0 from 0.0.
    """
    key = (float(value).hex(), length)
    column = _COLUMNS.get(key)
    if column is None:
        if len(_COLUMNS) >= MAX_COLUMNS:
            _COLUMNS.clear()
        column = np.full(length, value, dtype=np.float64)
        column.flags.writeable = False
        _COLUMNS[key] = column
    return column


def _spread(func: Callable, left: np.ndarray | float, right: np.ndarray | float) -> np.ndarray | float:
    """``func(left, right)`` for numpy's minimum or maximum, a lone number spread into a column first.

    numpy takes the minimum or maximum of a column and a number several times more
    slowly than of two columns (``max(0, x)`` is the scenario's commonest call), and
    gives the same bits either way, NaN and signed zeros included.
    """
    if isinstance(right, float) and isinstance(left, np.ndarray) and left.dtype == np.float64 and left.ndim == 1:
        return func(left, constant_column(right, left.shape[0]))
    if isinstance(left, float) and isinstance(right, np.ndarray) and right.dtype == np.float64 and right.ndim == 1:
        return func(constant_column(left, right.shape[0]), right)
    return func(left, right)


def _reduce_spread(func: Callable, args: tuple) -> np.ndarray | float:
    """:func:`_reduce` through :func:`_spread`: min and max of several arguments."""
    result = args[0]
    for arg in args[1:]:
        result = _spread(func, result, arg)
    return result


class Columns(list):
    """The columns of a batch's state as expressions read them, with the batch's length.

    An item is the column itself (a (runs,) view of the state) or, where every run holds
    the same number, that number alone (a numpy float64): arithmetic on one number gives
    the bits numpy gives on each element of a column of it, at a fraction of the cost.
    """

    def __init__(self, items: list, runs: int, quiet: bool = False) -> None:
        super().__init__(items)
        self.runs = runs
        #: numpy's floating-point warnings are already held off by whoever evaluates (the
        #: engine's drained month), so each evaluation need not enter ``errstate`` itself
        self.quiet = quiet


@dataclass(frozen=True)
class Expression:
    """A compiled expression: its source text, the names it reads and its evaluator.

    ``reads_state`` tells whether it reads a variable: such an expression gives a column
    on a state, and a lone number only where :meth:`evaluate_columns` hands it lone numbers.
    """

    source: str
    names: frozenset[str]
    _evaluate: Evaluator
    reads_state: bool = False

    def evaluate(
        self, state: np.ndarray, params: Mapping[str, float], turn: int
    ) -> np.ndarray | float:
        """Evaluate on a (runs, variables) state; returns a scalar or a (runs,) array."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return self._evaluate(state.T, params, turn)

    def evaluate_columns(
        self, columns: Columns, params: Mapping[str, float], turn: int
    ) -> np.ndarray | float:
        """Evaluate on the columns of a state, some of them lone numbers (see :class:`Columns`).

        The result is a lone number where every column read is one; else a (runs,) array.
        """
        if columns.quiet:
            return self._evaluate(columns, params, turn)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return self._evaluate(columns, params, turn)

    def evaluate_runs(
        self, state: np.ndarray, params: Mapping[str, float], turn: int
    ) -> np.ndarray:
        """Evaluate and broadcast to one float per run, with NaN and infinities made 0."""
        value = np.asarray(self.evaluate(state, params, turn), dtype=np.float64)
        value = np.broadcast_to(value, (state.shape[0],))
        return np.nan_to_num(value, nan=0.0, posinf=0.0, neginf=0.0)

    def holds(self, state: np.ndarray, params: Mapping[str, float], turn: int) -> np.ndarray:
        """Evaluate as a condition: one boolean per run (non-zero numbers count as true)."""
        value = np.asarray(self.evaluate(state, params, turn))
        return np.broadcast_to(value.astype(bool), (state.shape[0],))

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


def constant(value: float) -> Expression:
    """An expression that is a plain number, for scenario keys given as numbers."""
    number = float(value)
    return Expression(repr(value), frozenset(), lambda state, params, turn: number)


def compile_expression(
    source: str | int | float | bool,
    variables: Mapping[str, int],
    params: Mapping[str, float],
) -> Expression:
    """Parse and compile ``source``; raise :class:`ExpressionError` if it is not allowed.

    ``variables`` maps variable ids to their column in the state; ``params`` holds the
    names of model parameters (their values are looked up at evaluation time, so a
    counterfactual can change them without recompiling).
    """
    if isinstance(source, bool):
        return constant(1.0 if source else 0.0)
    if isinstance(source, int | float):
        return constant(source)
    if not isinstance(source, str):
        raise ExpressionError(f"expected a number or an expression, got {type(source).__name__}")
    text = source.strip()
    if not text:
        raise ExpressionError("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"cannot parse {text!r}: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError(f"cannot parse {text!r}") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise ExpressionError(f"the expression has more than {MAX_NODES} parts")
    compiler = _Compiler(variables, params)
    evaluator = compiler.compile(tree.body, depth=1)
    return Expression(text, frozenset(compiler.names), evaluator, compiler.reads_state)


class _Compiler:
    """Turns an allowed AST into closures; anything not explicitly handled is rejected."""

    def __init__(self, variables: Mapping[str, int], params: Mapping[str, float]) -> None:
        self.variables = variables
        self.params = params
        self.names: set[str] = set()
        self.reads_state = False

    def compile(self, node: ast.AST, depth: int) -> Evaluator:
        if depth > MAX_DEPTH:
            raise ExpressionError(f"the expression is nested more than {MAX_DEPTH} levels deep")
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise ExpressionError(f"{_describe(node)} is not allowed in an expression")
        evaluator: Evaluator = method(node, depth + 1)
        if not isinstance(node, ast.Constant | ast.Name) and _is_fixed(node):
            # a part made of numbers only (``-0.35``, ``100 / 3``) is worked out once, here,
            # by the very routines that would work it out at every evaluation
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                value = evaluator((), {}, 0)
            return lambda state, params, turn: value
        return evaluator

    def _Constant(self, node: ast.Constant, depth: int) -> Evaluator:
        value = node.value
        if isinstance(value, bool):
            number = 1.0 if value else 0.0
        elif isinstance(value, int | float):
            if not -MAX_CONSTANT <= value <= MAX_CONSTANT:  # also inf and nan (1e999 parses as inf)
                raise ExpressionError(f"the number {str(value)[:20]} is out of range (at most ±{MAX_CONSTANT:.0e})")
            number = float(value)
        else:
            raise ExpressionError(f"the constant {value!r} is not a number")
        return lambda state, params, turn: number

    def _Name(self, node: ast.Name, depth: int) -> Evaluator:
        name = node.id
        if name in self.variables:
            column = self.variables[name]
            self.names.add(name)
            self.reads_state = True
            return lambda columns, params, turn: columns[column]
        if name in self.params:
            self.names.add(name)
            return lambda state, params, turn: params[name]
        if name == "turn":
            return lambda state, params, turn: float(turn)
        if name in ("true", "True"):
            return lambda state, params, turn: 1.0
        if name in ("false", "False"):
            return lambda state, params, turn: 0.0
        raise ExpressionError(f"unknown name {name!r} (not a variable, parameter or 'turn')")

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Evaluator:
        operand = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            return lambda state, params, turn: np.logical_not(operand(state, params, turn))
        if isinstance(node.op, ast.USub):
            return lambda state, params, turn: np.negative(operand(state, params, turn))
        if isinstance(node.op, ast.UAdd):
            return operand
        raise ExpressionError(f"the operator {_describe(node.op)} is not allowed")

    def _BinOp(self, node: ast.BinOp, depth: int) -> Evaluator:
        func = _BINARY.get(type(node.op))
        if func is None:
            raise ExpressionError(f"the operator {_describe(node.op)} is not allowed")
        left = self.compile(node.left, depth)
        right = self.compile(node.right, depth)
        if func is np.power:
            return lambda columns, params, turn: np.power(
                _power_base(left(columns, params, turn), columns),
                right(columns, params, turn),
            )
        if _fresh(node.left) or _fresh(node.right):
            return _in_place(func, left, right, _fresh(node.left), _fresh(node.right))
        return lambda state, params, turn: func(left(state, params, turn), right(state, params, turn))

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Evaluator:
        func = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        first, *rest = [self.compile(value, depth) for value in node.values]

        def combine(state: np.ndarray, params: Mapping[str, float], turn: int) -> np.ndarray | float:
            result = first(state, params, turn)
            for part in rest:
                result = func(result, part(state, params, turn))
            return result

        return combine

    def _Compare(self, node: ast.Compare, depth: int) -> Evaluator:
        funcs = []
        for op in node.ops:
            func = _COMPARE.get(type(op))
            if func is None:
                raise ExpressionError(f"the comparison {_describe(op)} is not allowed")
            funcs.append(func)
        operands = [self.compile(node.left, depth)] + [
            self.compile(c, depth) for c in node.comparators
        ]
        if len(funcs) == 1:  # the usual ``a >= b``
            single, left, right = funcs[0], operands[0], operands[1]
            return lambda state, params, turn: single(left(state, params, turn), right(state, params, turn))

        def compare(state: np.ndarray, params: Mapping[str, float], turn: int):
            values = [operand(state, params, turn) for operand in operands]
            result = funcs[0](values[0], values[1])
            for index, func in enumerate(funcs[1:], start=1):
                result = np.logical_and(result, func(values[index], values[index + 1]))
            return result

        return compare

    def _IfExp(self, node: ast.IfExp, depth: int) -> Evaluator:
        test = self.compile(node.test, depth)
        body = self.compile(node.body, depth)
        orelse = self.compile(node.orelse, depth)
        return lambda columns, params, turn: _lone(np.where(
            _truth(test(columns, params, turn)), body(columns, params, turn), orelse(columns, params, turn)
        ))

    def _Call(self, node: ast.Call, depth: int) -> Evaluator:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExpressionError(
                f"calling {_describe(node.func)} is not allowed (only {', '.join(FUNCTIONS)})"
            )
        if node.keywords:
            raise ExpressionError(f"{node.func.id}() takes no keyword arguments")
        least, most, func = FUNCTIONS[node.func.id]
        if not least <= len(node.args) <= most:
            raise ExpressionError(
                f"{node.func.id}() takes {least}" + (f" to {most}" if most != least else "")
                + f" arguments, got {len(node.args)}"
            )
        args = [self.compile(arg, depth) for arg in node.args]
        return lambda state, params, turn: func(*(arg(state, params, turn) for arg in args))


def _fresh(node: ast.AST) -> bool:
    """Whether a part's value, when it is an array, is a new one that nothing else holds.

    A variable is a view of the state and a number-only part is worked out once and kept;
    every other part makes its array with a numpy call of its own (``+x`` passes it on).
    """
    if isinstance(node, ast.Name | ast.Constant) or _is_fixed(node):
        return False
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
        return _fresh(node.operand)
    return True


def _writable(value: object, other: object) -> bool:
    """Whether ``func(value, other)`` may be written over ``value``: a float64 column, and
    ``other`` a lone float or a float64 column of the same length (so the result is one too)."""
    if type(value) is not np.ndarray or value.dtype != np.float64 or value.ndim != 1 or not value.flags.writeable:
        return False
    if isinstance(other, float):
        return True
    return type(other) is np.ndarray and other.dtype == np.float64 and other.shape == value.shape


def _in_place(func: Callable, left: Evaluator, right: Evaluator, left_fresh: bool, right_fresh: bool) -> Evaluator:
    """``func(left, right)`` written over an operand's new array where it can be.

    The part's own temporary is reused instead of a fresh column being allocated: the
    same ufunc on the same numbers, element by element, so the same bits.
    """
    def evaluate(columns: Any, params: Mapping[str, float], turn: int) -> np.ndarray | float:
        first, second = left(columns, params, turn), right(columns, params, turn)
        if left_fresh and _writable(first, second):
            return func(first, second, out=first)
        if right_fresh and _writable(second, first):
            return func(first, second, out=second)
        return func(first, second)

    return evaluate


def _power_base(value: np.ndarray | float, columns: object) -> np.ndarray:
    """The base of a power as an array: a lone number of a :class:`Columns` spread into a column.

    Power is the one routine here whose bits numpy does not promise alike for a lone
    number and for a column of it (it may take a vectorised path for columns only), so
    a number that stands for a column is made one again.
    """
    base = np.asarray(value, dtype=np.float64)
    if base.ndim == 0 and isinstance(columns, Columns):
        return constant_column(float(base), columns.runs)
    return base


def _lone(value: np.ndarray) -> np.ndarray | float:
    """``where`` of lone numbers gives a 0-d array: the number itself, so later steps see a number."""
    return value[()] if value.ndim == 0 else value


def _is_fixed(node: ast.AST) -> bool:
    """Whether a part of an expression reads nothing that changes: no variable, parameter or turn."""
    return not any(isinstance(part, ast.Name) and part.id not in ("true", "True", "false", "False")
                   for part in ast.walk(node))


def _describe(node: ast.AST) -> str:
    """A readable name for a rejected piece of syntax, for error messages."""
    names = {
        "Attribute": "attribute access ('.')",
        "Subscript": "indexing ('[...]')",
        "Lambda": "lambda",
        "Call": "a call",
        "Starred": "'*' unpacking",
        "List": "a list",
        "Tuple": "a tuple",
        "Dict": "a dict",
        "Set": "a set",
        "JoinedStr": "an f-string",
        "NamedExpr": "':='",
        "FloorDiv": "'//'",
        "BitAnd": "'&'",
        "BitOr": "'|'",
        "BitXor": "'^'",
        "LShift": "'<<'",
        "RShift": "'>>'",
        "Invert": "'~'",
        "In": "'in'",
        "NotIn": "'not in'",
        "Is": "'is'",
        "IsNot": "'is not'",
        "MatMult": "'@'",
    }
    kind = type(node).__name__
    if isinstance(node, ast.Name):
        return repr(node.id)
    return names.get(kind, kind)
