"""Scenario files: reading, checking and compiling them into a :class:`Scenario`."""

from game.scenario.expressions import Expression, ExpressionError, compile_expression
from game.scenario.loader import Problem, ScenarioError, check_scenario, load_scenario
from game.scenario.model import Month, Scenario

__all__ = [
    "Expression",
    "ExpressionError",
    "Month",
    "Problem",
    "Scenario",
    "ScenarioError",
    "check_scenario",
    "compile_expression",
    "load_scenario",
]
