"""Read a scenario TOML file, check every part of it, and build a :class:`Scenario`.

The loader never stops at the first mistake: a teacher editing a scenario should see
every problem at once, each with the file, the key path and the line.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.scenario import limits
from game.scenario.expressions import Expression, ExpressionError, compile_expression
from game.scenario.locate import PathPart, locate
from game.scenario.mapbinding import MAP_KEYS, read_map
from game.scenario.model import (
    EVIDENCE_GRADES,
    SHAPES,
    Branch,
    ChanceText,
    Change,
    Channel,
    Edge,
    Effect,
    Ending,
    Epilogue,
    Event,
    GlossaryEntry,
    Judgement,
    MapBinding,
    Month,
    Option,
    Param,
    Power,
    Presentation,
    Question,
    Rule,
    Scenario,
    SourceExtract,
    StandingPolicy,
    Variable,
)

SUPPORTED_FORMAT = 1
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_EFFECT_NESTING = 4
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

#: every key each kind of table may hold; any other key is a mistake (docs/scenario-format.md)
KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"meta", "variables", "params", "powers", "policies", "events", "rules", "endings",
                   "glossary", "reference", "presentation", "grades", "notes", "epilogue", "channels",
                   "extracts"}),
    "meta": frozenset({"id", "format", "title", "start", "end", "description", "sources"}),
    "variables": frozenset({"id", "label", "description", "min", "max", "start", "unit", "hidden",
                            "hidden_from", "reveal"}),
    "params": frozenset({"id", "value", "description"}),
    "powers": frozenset({"id", "name", "human", "description", "aims", "fears", "knows", "lesson_months",
                         "team", "colour", "shape", "player"}),
    "policies": frozenset({"id", "power", "label", "explain", "default", "historical", "options", "seen_by"}),
    "options": frozenset({"id", "label", "hint", "effects", "condition", "ai", "tags", "outcome", "reason",
                          "told"}),
    "events": frozenset({"id", "title", "text", "notes", "evidence", "power", "historical", "date", "when",
                         "window", "probability", "condition", "effects", "options", "once", "framing",
                         "lesson", "lesson_extra", "in_1943", "seen_by", "figures", "chance_texts"}),
    "rules": frozenset({"id", "title", "explain", "notes", "condition", "effects", "chance_texts"}),
    "endings": frozenset({"id", "title", "text", "condition", "final", "judgement"}),
    "glossary": frozenset({"term", "text"}),
    "notes": frozenset({"number", "source"}),
    "epilogue": frozenset({"title", "text", "notes", "endings"}),
    "channels": frozenset({"id", "label", "powers", "text", "effects", "per_month"}),
    "extracts": frozenset({"number", "speaker", "date", "quotation", "note", "cited", "context", "cards",
                           "question"}),
    "presentation": frozenset({"front_variable", "triangle", "charts", "as_in_history", "judgements",
                               "main_variables", "judged_variables", "good_when_high", "good_when_low",
                               "losses_variable", "questions"}),
    "triangle": frozenset({"a", "b", "variable", "style"}),
    "judgements": frozenset({"heading", "text", "clauses"}),
    "clauses": frozenset({"when", "text"}),
    "questions": frozenset({"text", "short"}),
}
#: ``[presentation.map]``, read in game/scenario/mapbinding.py
KEYS["presentation"] = KEYS["presentation"] | {"map"}
KEYS["presentation.map"] = MAP_KEYS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file."""

    file: str
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" [{self.path}]" if self.path else ""
        return f"{where}:{key} {self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def load_scenario(path: str | Path) -> Scenario:
    """Load and check a scenario file; raise :class:`ScenarioError` listing all problems."""
    scenario, problems = check_scenario(path)
    if problems or scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_scenario(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Load a scenario and return it (or None) with every problem found."""
    path = Path(path)
    name = str(path)
    try:
        raw, text = limits.read_scenario_text(path)
    except OSError as error:
        return None, [Problem(name, "", None, f"cannot read the file: {error.strerror or error}")]
    except limits.TextError as error:
        return None, [Problem(name, "", error.line, str(error))]
    data, line, message = limits.parse_toml(raw, text)
    if data is None:
        return None, [Problem(name, "", line, message)]
    reader = _Reader(name, text, hashlib.sha256(raw).hexdigest())
    for where, problem in limits.number_problems(data):  # before reading: no overflow can happen there
        reader.problem(where, problem)
    if reader.problems:
        return None, reader.problems
    scenario = reader.read(data)
    for where, problem in limits.size_problems(data, len(reader.months)):
        reader.problem(where, problem)
    return (None if reader.problems else scenario), reader.problems


class _Reader:
    """Builds a Scenario from parsed TOML, collecting problems instead of raising."""

    def __init__(self, name: str, text: str, content_hash: str) -> None:
        self.name = name
        self.text = text
        self.content_hash = content_hash
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.param_ids: dict[str, float] = {}
        self.months: list[Month] = []

    # -- reporting ---------------------------------------------------------------

    def problem(self, path: tuple[PathPart, ...], message: str) -> None:
        dotted = ""
        for part in path:
            dotted += f"[{part}]" if isinstance(part, int) else (f".{part}" if dotted else part)
        self.problems.append(Problem(self.name, dotted, locate(self.text, path), message))

    def get(self, table: dict, key: str, path: tuple, kind: type | tuple, required: bool = True,
            default: Any = None) -> Any:
        """Read ``table[key]``, reporting a missing key or one of the wrong type."""
        if key not in table:
            if required:
                self.problem(path, f"missing required key '{key}'")
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join(_kind_name(k) for k in kinds)
            self.problem(path + (key,), f"'{key}' must be {names}, not {value!r}")
            return default
        return value

    def identifier(self, table: dict, path: tuple, seen: set[str], what: str) -> str:
        ident = self.get(table, "id", path, str, default="")
        if (ident or table.get("id") == "") and not IDENTIFIER.match(ident):
            self.problem(path + ("id",), f"{what} id {ident!r} must be lower case letters, digits and _")
        if ident in seen:
            self.problem(path + ("id",), f"duplicate {what} id {ident!r}")
        seen.add(ident)
        return ident

    def known_keys(self, table: dict, path: tuple, kind: str) -> None:
        """Report every key of ``table`` that a table of this ``kind`` may not hold (typos included)."""
        allowed = KEYS[kind]
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                where = f" in [{kind}]" if kind else " at the top level"
                self.problem(path + (key,), f"unknown key '{key}'{where}{hint}")

    def tables(self, data: dict, key: str, path: tuple = ()) -> list[tuple[tuple, dict]]:
        """The tables of an array of tables, with their paths; reports non-tables and unknown keys."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(path + (key,), f"'{key}' must be an array of tables ([[{key}]])")
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                result.append((path + (key, index), item))
                if key in KEYS:
                    self.known_keys(item, path + (key, index), key)
            else:
                self.problem(path + (key, index), f"each '{key}' entry must be a table")
        return result

    def expression(self, source: Any, path: tuple) -> Expression | None:
        try:
            return compile_expression(source, self.columns, self.param_ids)
        except ExpressionError as error:
            self.problem(path, f"bad expression: {error}")
            return None

    def optional_expression(self, table: dict, key: str, path: tuple) -> Expression | None:
        if key not in table:
            return None
        return self.expression(table[key], path + (key,))

    def month(self, text: Any, path: tuple) -> Month | None:
        try:
            return Month.parse(text)
        except ValueError as error:
            self.problem(path, f"bad date: {error}")
            return None

    def turn_of(self, month: Month | None, path: tuple) -> int | None:
        if month is None or not self.months:
            return None
        turn = month.minus(self.months[0])
        if not 0 <= turn < len(self.months):
            self.problem(path, f"{month} is outside the calendar {self.months[0]} to {self.months[-1]}")
            return None
        return turn

    # -- sections ----------------------------------------------------------------

    def read(self, data: dict) -> Scenario | None:
        self.known_keys(data, (), "")
        meta = data.get("meta")
        if not isinstance(meta, dict):
            self.problem(("meta",), "missing [meta] table")
            meta = {}
        self.known_keys(meta, ("meta",), "meta")
        if isinstance(data.get("epilogue"), dict):
            self.known_keys(data["epilogue"], ("epilogue",), "epilogue")
        meta_info = self.read_meta(meta)
        variables = self.read_variables(data)
        params = self.read_params(data)
        powers = self.read_powers(data)
        power_ids = {power.id for power in powers}
        variables = self.read_visibility(data, variables, power_ids)
        policies = self.read_policies(data, power_ids)
        rules = self.read_rules(data)
        events = self.read_events(data, power_ids)
        endings = self.read_endings(data)
        glossary = self.read_glossary(data)
        reference = self.read_reference(data)
        channels = self.read_channels(data, power_ids)
        presentation = self.read_presentation(data, power_ids)
        grades = self.read_grades(data)
        epilogue = self.read_epilogue(data, {ending.id for ending in endings})
        note_sources = self.read_note_sources(data, events, rules, epilogue)
        extracts = self.read_extracts(data, {event.id for event in events}, note_sources)
        if self.problems:
            return None
        return Scenario(
            id=meta_info["id"],
            title=meta_info["title"],
            description=meta_info["description"],
            sources=tuple(meta_info["sources"]),
            path=self.name,
            content_hash=self.content_hash,
            months=tuple(self.months),
            variables=tuple(variables),
            params=params,
            powers=tuple(powers),
            policies=tuple(policies),
            events=tuple(events),
            rules=tuple(rules),
            endings=tuple(endings),
            glossary=tuple(glossary),
            reference=reference,
            presentation=presentation,
            grades=grades,
            note_sources=note_sources,
            epilogue=epilogue,
            channels=tuple(channels),
            extracts=tuple(extracts),
        )

    def read_meta(self, meta: dict) -> dict[str, Any]:
        path = ("meta",)
        info = {
            "id": self.get(meta, "id", path, str, default="scenario"),
            "title": self.get(meta, "title", path, str, default=""),
            "description": self.get(meta, "description", path, str, required=False, default=""),
            "sources": self.get(meta, "sources", path, list, required=False, default=[]),
        }
        version = self.get(meta, "format", path, int, required=False, default=SUPPORTED_FORMAT)
        if version != SUPPORTED_FORMAT:
            self.problem(path + ("format",), f"format {version} is not supported (this game reads {SUPPORTED_FORMAT})")
        start, end = (self.month(text, path + (key,)) if text is not None else None
                      for key, text in (("start", self.get(meta, "start", path, str)),
                                        ("end", self.get(meta, "end", path, str))))
        if start and end:
            if end < start:
                self.problem(path + ("end",), f"the calendar ends ({end}) before it starts ({start})")
            elif end.minus(start) > 240:
                self.problem(path + ("end",), "the calendar is longer than 240 months")
            else:
                month = start
                while month <= end:
                    self.months.append(month)
                    month = month.next()
        return info

    def read_variables(self, data: dict) -> list[Variable]:
        seen: set[str] = set()
        variables = []
        for path, table in self.tables(data, "variables"):
            ident = self.identifier(table, path, seen, "variable")
            low = self.get(table, "min", path, float, default=0.0)
            high = self.get(table, "max", path, float, default=100.0)
            start = self.get(table, "start", path, float, default=low)
            if low > high:
                self.problem(path + ("max",), f"max {high} is below min {low}")
            elif not low <= start <= high:
                self.problem(path + ("start",), f"start {start} is outside [{low}, {high}]")
            variables.append(Variable(
                id=ident,
                label=self.get(table, "label", path, str, default=ident),
                description=self.get(table, "description", path, str, default=""),
                min=low, max=high, start=start,
                unit=self.get(table, "unit", path, str, required=False, default=""),
                hidden=self.get(table, "hidden", path, bool, required=False, default=False),
            ))
        if not variables:
            self.problem(("variables",), "a scenario needs at least one [[variables]] table")
        self.columns = {variable.id: index for index, variable in enumerate(variables)}
        return variables

    def read_visibility(self, data: dict, variables: list[Variable], power_ids: set[str]) -> list[Variable]:
        """Who sees each variable: ``hidden_from`` (power ids) and ``reveal`` (a condition).

        ``reveal`` is an expression that reveals the variable to every power in
        ``hidden_from``, or a table ``{ power = "expression" }`` with one condition per power.
        """
        raw = data.get("variables", [])
        entries = [(("variables", index), table) for index, table in enumerate(raw if isinstance(raw, list) else [])
                   if isinstance(table, dict)]
        if len(entries) != len(variables):
            return variables
        result = []
        for variable, (path, table) in zip(variables, entries, strict=True):
            hidden_from = self.get(table, "hidden_from", path, list, required=False, default=[])
            powers: list[str] = []
            for power in hidden_from:
                if not isinstance(power, str) or power not in power_ids:
                    self.problem(path + ("hidden_from",), f"unknown power {power!r} in hidden_from")
                else:
                    powers.append(power)
            reveal: list[tuple[str, Expression]] = []
            if "reveal" in table:
                value = table["reveal"]
                if not powers:
                    self.problem(path + ("reveal",),
                                 "'reveal' needs 'hidden_from': the powers it reveals the variable to")
                elif isinstance(value, dict):
                    for power, source in value.items():
                        if power not in powers:
                            self.problem(path + ("reveal", power), f"{power!r} is not in hidden_from {powers}")
                            continue
                        condition = self.expression(source, path + ("reveal", power))
                        if condition is not None:
                            reveal.append((power, condition))
                else:
                    condition = self.expression(value, path + ("reveal",))
                    if condition is not None:
                        reveal = [(power, condition) for power in powers]
            result.append(replace(variable, hidden_from=tuple(powers), reveal=tuple(reveal)))
        return result

    def read_params(self, data: dict) -> dict[str, Param]:
        params: dict[str, Param] = {}
        seen: set[str] = set()
        for path, table in self.tables(data, "params"):
            ident = self.identifier(table, path, seen, "parameter")
            if ident in self.columns:
                self.problem(path + ("id",), f"parameter {ident!r} has the same id as a variable")
            value = self.get(table, "value", path, float, default=0.0)
            params[ident] = Param(ident, value, self.get(table, "description", path, str, default=""))
        self.param_ids = {ident: param.value for ident, param in params.items()}
        return params

    def read_powers(self, data: dict) -> list[Power]:
        seen: set[str] = set()
        powers = []
        for path, table in self.tables(data, "powers"):
            ident = self.identifier(table, path, seen, "power")
            lesson_turns = []
            for month_text in self.get(table, "lesson_months", path, list, required=False, default=[]):
                turn = self.turn_of(self.month(month_text, path + ("lesson_months",)), path + ("lesson_months",))
                if turn is not None:
                    lesson_turns.append(turn)
            powers.append(Power(
                id=ident,
                name=self.get(table, "name", path, str, default=ident),
                human=self.get(table, "human", path, bool, required=False, default=False),
                description=self.get(table, "description", path, str, required=False, default=""),
                aims=self.get(table, "aims", path, str, required=False, default=""),
                fears=self.get(table, "fears", path, str, required=False, default=""),
                knows=self.get(table, "knows", path, str, required=False, default=""),
                lesson_turns=tuple(sorted(set(lesson_turns))),
                team=self.get(table, "team", path, str, required=False, default=""),
                colour=self.colour(table, path),
                shape=self.shape(table, path),
                player=self.get(table, "player", path, str, required=False, default=""),
            ))
        if not powers:
            self.problem(("powers",), "a scenario needs at least one [[powers]] table")
        return powers

    def colour(self, table: dict, path: tuple) -> str:
        colour = self.get(table, "colour", path, str, required=False, default="")
        if colour and not COLOUR.match(colour):
            self.problem(path + ("colour",), f"colour {colour!r} must be written #rrggbb")
            return ""
        return colour

    def shape(self, table: dict, path: tuple) -> str:
        shape = self.get(table, "shape", path, str, required=False, default="")
        if shape and shape not in SHAPES:
            self.problem(path + ("shape",), f"shape {shape!r} must be one of {', '.join(SHAPES)}")
            return ""
        return shape

    def read_questions(self, table: dict, path: tuple) -> tuple[Question, ...]:
        """``[[presentation.questions]]``: each a ``text`` (the debrief's) and an optional ``short``
        form for the exit ticket; unknown keys are reported like everywhere else."""
        questions = []
        for question_path, question in self.tables(table, "questions", path):
            text = self.get(question, "text", question_path, str, default="").strip()
            short = self.get(question, "short", question_path, str, required=False, default="").strip()
            if not text:
                if "text" in question:  # a missing key is reported by get
                    self.problem(question_path + ("text",), "a question needs a text")
                continue
            questions.append(Question(text, short))
        return tuple(questions)

    def read_presentation(self, data: dict, power_ids: set[str]) -> Presentation:
        """The ``[presentation]`` table: what front ends bind to, every binding checked."""
        path: tuple = ("presentation",)
        table = data.get("presentation", {})
        if not isinstance(table, dict):
            self.problem(path, "[presentation] must be a table")
            return Presentation()
        self.known_keys(table, path, "presentation")
        map_binding = self.read_map(table, power_ids)

        def variable(value: Any, where: tuple) -> str | None:
            if not isinstance(value, str) or value not in self.columns:
                self.problem(where, f"unknown variable id {value!r}")
                return None
            return value

        def variables(key: str) -> tuple[str, ...]:
            values = self.get(table, key, path, list, required=False, default=[])
            found = [variable(value, path + (key,)) for value in values]
            return tuple(v for v in found if v is not None)

        def one_variable(key: str) -> str | None:
            return variable(table[key], path + (key,)) if key in table else None

        edges = []
        for edge_path, edge in self.tables(table, "triangle", path):
            ends = [self.get(edge, end, edge_path, str, default="") for end in ("a", "b")]
            for end, power in zip(("a", "b"), ends, strict=True):
                if power not in power_ids:
                    self.problem(edge_path + (end,), f"unknown power {power!r}")
            shown = variable(self.get(edge, "variable", edge_path, str, default=""), edge_path + ("variable",))
            if shown is not None:
                edges.append(Edge(ends[0], ends[1], shown, self.get(edge, "style", edge_path, str, required=False,
                                                                    default="")))
        judgements = []
        for judgement_path, judgement in self.tables(table, "judgements", path):
            text = self.get(judgement, "text", judgement_path, str, default="")
            self.check_template(text, judgement_path + ("text",))
            clauses = []
            for clause_path, clause in self.tables(judgement, "clauses", judgement_path):
                condition = self.expression(self.get(clause, "when", clause_path, (str, bool), default="true"),
                                            clause_path + ("when",))
                clause_text = self.get(clause, "text", clause_path, str, default="")
                self.check_template(clause_text, clause_path + ("text",))
                if condition is not None:
                    clauses.append((condition, clause_text))
            judgements.append(Judgement(self.get(judgement, "heading", judgement_path, str, default=""), text,
                                        tuple(clauses)))
        def per_power(key: str) -> list[tuple[str, tuple[str, ...]]]:
            """``{ power = [variable ids] }``: the powers and variables checked."""
            listed = []
            for power, values in self.get(table, key, path, dict, required=False, default={}).items():
                where = path + (key, power)
                if power not in power_ids:
                    self.problem(where, f"unknown power {power!r}")
                    continue
                if not isinstance(values, list):
                    self.problem(where, "must be a list of variable ids")
                    continue
                found = [variable(value, where) for value in values]
                listed.append((power, tuple(v for v in found if v is not None)))
            return listed

        good, good_low = per_power("good_when_high"), per_power("good_when_low")
        high = dict(good)
        for power, ids in good_low:
            both = sorted(set(ids) & set(high.get(power, ())))
            if both:
                self.problem(path + ("good_when_low", power),
                             f"{', '.join(both)} cannot be good for {power} both when high and when low")
        return Presentation(
            map=map_binding,
            front_variable=one_variable("front_variable"),
            triangle=tuple(edges),
            charts=variables("charts"),
            as_in_history=self.get(table, "as_in_history", path, str, required=False, default="as in history"),
            judgements=tuple(judgements),
            main_variables=variables("main_variables"),
            judged_variables=variables("judged_variables"),
            good_when_high=tuple(good),
            good_when_low=tuple(good_low),
            losses_variable=one_variable("losses_variable"),
            questions=self.read_questions(table, path),
        )

    def read_map(self, presentation: dict, power_ids: set[str]) -> MapBinding | None:
        """``[presentation.map]``: the scenario's map, or None (game/scenario/mapbinding.py)."""
        return read_map(self, presentation, power_ids)

    def check_template(self, template: str, path: tuple) -> None:
        """A judgement template's fields must be variable ids, optionally ``.history`` or ``.diff``,
        with a number format (``{front:.0f}``)."""
        try:
            fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
        except ValueError as error:
            self.problem(path, f"bad template: {error}")
            return
        for name, spec in fields:
            var, _, suffix = name.partition(".")
            if var not in self.columns or suffix not in ("", "history", "diff"):
                self.problem(path, f"template field {{{name}}} is not a variable id (or id.history, id.diff)")
                continue
            try:
                format(1.0, spec or "")
            except ValueError as error:
                self.problem(path, f"template field {{{name}:{spec}}} has a bad number format: {error}")

    def read_effects(self, value: Any, path: tuple, depth: int = 0) -> tuple[Effect, ...]:
        if not isinstance(value, list):
            self.problem(path, "effects must be a list of inline tables")
            return ()
        if depth > MAX_EFFECT_NESTING:
            self.problem(path, f"chance branches are nested more than {MAX_EFFECT_NESTING} deep")
            return ()
        effects: list[Effect] = []
        for index, item in enumerate(value):
            item_path = path + (index,)
            if not isinstance(item, dict):
                self.problem(item_path, "each effect must be an inline table { var = ..., add = ... }")
                continue
            effect = self.read_effect(item, item_path, depth)
            if effect is not None:
                effects.append(effect)
        return tuple(effects)

    def read_effect(self, item: dict, path: tuple, depth: int) -> Effect | None:
        if "chance" in item:
            unknown = set(item) - {"chance", "label", "then", "else"}
            if unknown:
                self.problem(path, f"unknown keys in a chance branch: {', '.join(sorted(unknown))}")
            chance_value = item["chance"]
            if isinstance(chance_value, int | float) and not isinstance(chance_value, bool):
                if not 0 <= chance_value <= 1:
                    self.problem(path + ("chance",), f"probability {chance_value} is outside [0, 1]")
            chance = self.expression(chance_value, path + ("chance",))
            then = self.read_effects(item.get("then", []), path + ("then",), depth + 1)
            orelse = self.read_effects(item.get("else", []), path + ("else",), depth + 1)
            label = item.get("label", "chance")
            if chance is None:
                return None
            return Branch(chance, str(label), then, orelse)
        var = item.get("var")
        if not isinstance(var, str):
            self.problem(path, "an effect needs 'var' (a variable id) or 'chance'")
            return None
        if var not in self.columns:
            self.problem(path + ("var",), f"unknown variable id {var!r}")
            return None
        modes = [key for key in ("add", "set", "random", "normal") if key in item]
        unknown = set(item) - {"var", "add", "set", "random", "normal"}
        if unknown:
            self.problem(path, f"unknown keys in an effect: {', '.join(sorted(unknown))}")
        if len(modes) != 1:
            self.problem(path, "an effect needs exactly one of add, set, random or normal")
            return None
        mode = modes[0]
        column = self.columns[var]
        if mode in ("add", "set"):
            amount = self.expression(item[mode], path + (mode,))
            return Change(column, var, mode, amount) if amount else None
        pair = item[mode]
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in pair)):
            self.problem(path + (mode,), f"'{mode}' must be a pair of numbers, e.g. [2, 10]")
            return None
        low, high = float(pair[0]), float(pair[1])
        if mode == "random" and low > high:
            self.problem(path + (mode,), f"random range [{low}, {high}] is empty")
            return None
        if mode == "normal" and high < 0:
            self.problem(path + (mode,), f"normal standard deviation {high} is negative")
            return None
        return Change(column, var, "uniform" if mode == "random" else "normal", None, low, high)

    def read_options(self, table: dict, path: tuple, key: str = "options") -> tuple[Option, ...]:
        seen: set[str] = set()
        options = []
        for option_path, option in self.tables(table, key, path):
            ident = self.identifier(option, option_path, seen, "option")
            tags = self.get(option, "tags", option_path, list, required=False, default=[])
            options.append(Option(
                id=ident,
                label=self.get(option, "label", option_path, str, default=ident),
                hint=self.get(option, "hint", option_path, str, required=False, default=""),
                effects=self.read_effects(option.get("effects", []), option_path + ("effects",)),
                condition=self.optional_expression(option, "condition", option_path),
                ai=self.optional_expression(option, "ai", option_path),
                tags=tuple(str(tag) for tag in tags),
                outcome=self.get(option, "outcome", option_path, str, required=False, default=""),
                told=self.get(option, "told", option_path, str, required=False, default=""),
                reason=self.get(option, "reason", option_path, str, required=False, default=""),
            ))
        return tuple(options)

    def read_policies(self, data: dict, power_ids: set[str]) -> list[StandingPolicy]:
        seen: set[str] = set()
        policies = []
        for path, table in self.tables(data, "policies"):
            ident = self.identifier(table, path, seen, "policy")
            power = self.get(table, "power", path, str, default="")
            if power and power not in power_ids:
                self.problem(path + ("power",), f"unknown power {power!r}")
            options = self.read_options(table, path)
            if not options:
                self.problem(path, f"policy {ident!r} has no options")
                continue
            option_ids = [option.id for option in options]
            default_id = self.get(table, "default", path, str, required=False, default=option_ids[0])
            if default_id not in option_ids:
                self.problem(path + ("default",), f"default {default_id!r} is not one of the options {option_ids}")
                default_id = option_ids[0]
            default = option_ids.index(default_id)
            schedule = [default] * len(self.months)
            history = self.get(table, "historical", path, dict, required=False, default={})
            for month_text, option_id in sorted(history.items()):
                turn = self.turn_of(self.month(month_text, path + ("historical",)), path + ("historical",))
                if option_id not in option_ids:
                    self.problem(path + ("historical",),
                                 f"historical option {option_id!r} for {month_text} is not one of {option_ids}")
                    continue
                if turn is not None:
                    for later in range(turn, len(schedule)):
                        schedule[later] = option_ids.index(option_id)
            policies.append(StandingPolicy(
                id=ident, power=power,
                label=self.get(table, "label", path, str, default=ident),
                explain=self.get(table, "explain", path, str, required=False, default=""),
                options=options, default=default, historical=tuple(schedule),
                seen_by=self.seen_by(table, path, power_ids),
            ))
        return policies

    def read_rules(self, data: dict) -> list[Rule]:
        seen: set[str] = set()
        rules = []
        for path, table in self.tables(data, "rules"):
            ident = self.identifier(table, path, seen, "rule")
            rules.append(Rule(
                id=ident,
                title=self.get(table, "title", path, str, default=ident),
                explain=self.get(table, "explain", path, str, required=False, default=""),
                notes=self.read_notes(table, path),
                condition=self.optional_expression(table, "condition", path),
                effects=self.read_effects(table.get("effects", []), path + ("effects",)),
                chance_texts=self.read_chance_texts(table, path),
            ))
        return rules

    def read_channels(self, data: dict, power_ids: set[str]) -> list[Channel]:
        """``[[channels]]``: who may send notes to whom, and what a note does to the state."""
        seen: set[str] = set()
        channels = []
        for path, table in self.tables(data, "channels"):
            ident = self.identifier(table, path, seen, "channel")
            powers = self.get(table, "powers", path, list, default=[])
            if len(powers) < 2 or any(power not in power_ids for power in powers):
                self.problem(path + ("powers",), f"a channel needs two or more known powers, not {powers!r}")
            per_month = self.get(table, "per_month", path, int, required=False, default=2)
            if per_month < 1:
                self.problem(path + ("per_month",), "per_month must be 1 or more")
            channels.append(Channel(
                id=ident,
                label=self.get(table, "label", path, str, default=ident),
                powers=tuple(str(power) for power in powers),
                text=self.get(table, "text", path, str, required=False, default=""),
                effects=self.read_effects(table.get("effects", []), path + ("effects",)),
                per_month=per_month,
            ))
        return channels

    def read_notes(self, table: dict, path: tuple) -> tuple[int, ...]:
        notes = self.get(table, "notes", path, list, required=False, default=[])
        if not all(isinstance(note, int) and not isinstance(note, bool) and note > 0 for note in notes):
            self.problem(path + ("notes",), "notes must be a list of positive note numbers, e.g. [56, 57]")
            return ()
        return tuple(notes)

    def read_events(self, data: dict, power_ids: set[str]) -> list[Event]:
        seen: set[str] = set()
        events = []
        for path, table in self.tables(data, "events"):
            event = self.read_event(table, path, seen, power_ids)
            if event is not None:
                events.append(event)
        return events

    def read_event(self, table: dict, path: tuple, seen: set[str], power_ids: set[str]) -> Event | None:
        ident = self.identifier(table, path, seen, "event")
        evidence = self.get(table, "evidence", path, str, default="documented")
        if evidence not in EVIDENCE_GRADES:
            self.problem(path + ("evidence",), f"evidence {evidence!r} must be one of {', '.join(EVIDENCE_GRADES)}")
        power = self.get(table, "power", path, str, required=False, default=None)
        if power is not None and power not in power_ids:
            self.problem(path + ("power",), f"unknown power {power!r}")
        options = self.read_options(table, path)
        historical_id = self.get(table, "historical", path, str, required=False, default=None)
        historical = None
        option_ids = [option.id for option in options]
        if options and power is None:
            self.problem(path + ("power",), "an event with options needs 'power' (who decides)")
        if historical_id is not None:
            if historical_id in option_ids:
                historical = option_ids.index(historical_id)
            else:
                self.problem(path + ("historical",), f"historical option {historical_id!r} is not one of {option_ids}")
        elif options:
            self.problem(path + ("historical",), "an event with options must mark the one taken historically")
        has_date, has_when = "date" in table, "when" in table
        if has_date == has_when:
            self.problem(path, "an event needs either 'date' or 'when' (not both)")
            return None
        turn, day, date_text = None, 0, ""
        when = None
        first_turn, last_turn = 0, max(len(self.months) - 1, 0)
        if has_date:
            date_text = self.get(table, "date", path, str, default="")
            month = self.month(date_text, path + ("date",))
            turn = self.turn_of(month, path + ("date",))
            day = self.read_day(date_text, path)
        else:
            when = self.expression(table["when"], path + ("when",))
            window = self.get(table, "window", path, list, required=False, default=None)
            if window is not None:
                if len(window) != 2:
                    self.problem(path + ("window",), "window must be [\"YYYY-MM\", \"YYYY-MM\"]")
                else:
                    first = self.turn_of(self.month(window[0], path + ("window",)), path + ("window",))
                    last = self.turn_of(self.month(window[1], path + ("window",)), path + ("window",))
                    if first is not None and last is not None:
                        if last < first:
                            self.problem(path + ("window",), "window ends before it starts")
                        first_turn, last_turn = first, last
        probability = None
        if "probability" in table:
            value = table["probability"]
            if isinstance(value, int | float) and not isinstance(value, bool) and not 0 <= value <= 1:
                self.problem(path + ("probability",), f"probability {value} is outside [0, 1]")
            probability = self.expression(value, path + ("probability",))
        return Event(
            id=ident,
            title=self.get(table, "title", path, str, default=ident),
            text=self.get(table, "text", path, str, default=""),
            notes=self.read_notes(table, path),
            evidence=evidence,
            effects=self.read_effects(table.get("effects", []), path + ("effects",)),
            options=options,
            power=power,
            historical=historical,
            turn=turn,
            day=day,
            date=date_text,
            condition=self.optional_expression(table, "condition", path),
            probability=probability,
            when=when,
            first_turn=first_turn,
            last_turn=last_turn,
            once=self.get(table, "once", path, bool, required=False, default=True),
            framing=self.get(table, "framing", path, str, required=False, default=""),
            lesson=self.get(table, "lesson", path, bool, required=False, default=False),
            lesson_extra=self.get(table, "lesson_extra", path, bool, required=False, default=False),
            in_1943=self.get(table, "in_1943", path, str, required=False, default=""),
            seen_by=self.seen_by(table, path, power_ids),
            figures=self.read_figures(table, path),
            told_figures=frozenset(item["label"] for item in table.get("figures", [])
                                   if isinstance(item, dict) and item.get("told") is True
                                   and isinstance(item.get("label"), str)),
            chance_texts=self.read_chance_texts(table, path),
        )

    def seen_by(self, table: dict, path: tuple, power_ids: set[str]) -> tuple[str, ...] | None:
        """``seen_by``: the powers that learn of an event or a standing order (None if absent)."""
        if "seen_by" not in table:
            return None
        powers = self.get(table, "seen_by", path, list, required=False, default=[])
        unknown = [power for power in powers if not isinstance(power, str) or power not in power_ids]
        if unknown:
            self.problem(path + ("seen_by",), f"unknown power(s) {unknown!r} in seen_by")
        return tuple(power for power in powers if isinstance(power, str) and power in power_ids)

    def read_figures(self, table: dict, path: tuple) -> tuple[tuple[str, Expression], ...]:
        """``figures = [{ label = "Berlin's offer", value = "expression" }, ...]``: numbers on a card."""
        figures = []
        for index, item in enumerate(self.get(table, "figures", path, list, required=False, default=[])):
            item_path = path + ("figures", index)
            if (not isinstance(item, dict) or not {"label", "value"} <= set(item) <= {"label", "value", "told"}
                    or not isinstance(item["label"], str) or not isinstance(item.get("told", False), bool)):
                self.problem(item_path, "each figure must be { label = \"text\", value = \"expression\" }, "
                             "with told = true if the card tells it to the deciding power")
                continue
            value = self.expression(item["value"], item_path + ("value",))
            if value is not None:
                figures.append((item["label"], value))
        return tuple(figures)

    def read_chance_texts(self, table: dict, path: tuple) -> tuple[ChanceText, ...]:
        """``chance_texts = [{ label = ..., then = ..., else = ... }]``, one per chance branch label."""
        labels = set(_branch_labels(table.get("effects", [])))
        for option in table.get("options", []) if isinstance(table.get("options"), list) else []:
            if isinstance(option, dict):
                labels.update(_branch_labels(option.get("effects", [])))
        texts = []
        for index, item in enumerate(self.get(table, "chance_texts", path, list, required=False, default=[])):
            item_path = path + ("chance_texts", index)
            if (not isinstance(item, dict) or not set(item) <= {"label", "then", "else"}
                    or not all(isinstance(value, str) for value in item.values()) or "then" not in item):
                self.problem(item_path, "each chance text must be { label = ..., then = \"text\", else = \"text\" }")
                continue
            if item.get("label") not in labels:
                self.problem(item_path + ("label",), f"no chance branch on this card is labelled {item.get('label')!r}")
                continue
            texts.append(ChanceText(item["label"], item["then"], item.get("else", "")))
        return tuple(texts)

    def read_day(self, date_text: str, path: tuple) -> int:
        parts = date_text.split("-")
        if len(parts) != 3:
            return 0
        if not (parts[2].isascii() and parts[2].isdigit() and len(parts[2]) <= 2):
            self.problem(path + ("date",), f"the day in {date_text!r} must be written with the digits 0-9")
            return 0
        day = int(parts[2])
        if not 1 <= day <= 31:
            self.problem(path + ("date",), f"day {day} in {date_text!r} is not a day of the month")
        return day

    def read_endings(self, data: dict) -> list[Ending]:
        seen: set[str] = set()
        endings = []
        for path, table in self.tables(data, "endings"):
            ident = self.identifier(table, path, seen, "ending")
            condition = self.expression(self.get(table, "condition", path, (str, bool), default="true"),
                                        path + ("condition",))
            judgement = self.get(table, "judgement", path, dict, required=False, default={})
            if condition is None:
                continue  # reported
            endings.append(Ending(
                id=ident,
                title=self.get(table, "title", path, str, default=ident),
                text=self.get(table, "text", path, str, default=""),
                condition=condition,
                final=self.get(table, "final", path, bool, required=False, default=False),
                judgement={str(k): str(v) for k, v in judgement.items()},
            ))
        if endings and not any(e.final and e.condition and e.condition.source in ("true", "True", "1.0", "1")
                               for e in endings):
            self.problem(("endings",),
                         "the last ending should be final = true with condition \"true\", so every game ends")
        if not endings:
            self.problem(("endings",), "a scenario needs at least one [[endings]] table")
        return endings

    def read_glossary(self, data: dict) -> list[GlossaryEntry]:
        entries = []
        seen: set[str] = set()
        for path, table in self.tables(data, "glossary"):
            term = self.get(table, "term", path, str, default="")
            if term in seen:
                self.problem(path + ("term",), f"duplicate glossary term {term!r}")
            seen.add(term)
            entries.append(GlossaryEntry(term, self.get(table, "text", path, str, default="")))
        return entries

    def read_grades(self, data: dict) -> dict[str, str]:
        """``[grades]``: one sentence per evidence grade, the key shown to students."""
        table = data.get("grades", {})
        if not isinstance(table, dict):
            self.problem(("grades",), "[grades] must be a table of grade = \"sentence\"")
            return {}
        grades = {}
        for grade, sentence in table.items():
            if grade not in EVIDENCE_GRADES:
                self.problem(("grades", grade), f"unknown grade {grade!r}: grades are {', '.join(EVIDENCE_GRADES)}")
            elif not isinstance(sentence, str):
                self.problem(("grades", grade), f"the key to grade {grade!r} must be text")
            else:
                grades[grade] = sentence
        return grades

    def read_epilogue(self, data: dict, ending_ids: set[str]) -> Epilogue | None:
        """``[epilogue]``: title, text, notes and ``endings = { ending_id = "text" }``."""
        if "epilogue" not in data:
            return None
        table, path = data["epilogue"], ("epilogue",)
        if not isinstance(table, dict):
            self.problem(path, "[epilogue] must be a table")
            return None
        endings = self.get(table, "endings", path, dict, required=False, default={})
        for ending_id, text in endings.items():
            if ending_id not in ending_ids:
                self.problem(path + ("endings", ending_id), f"unknown ending {ending_id!r}")
            elif not isinstance(text, str):
                self.problem(path + ("endings", ending_id), "each ending's epilogue must be text")
        return Epilogue(
            title=self.get(table, "title", path, str, default=""),
            text=self.get(table, "text", path, str, default=""),
            notes=self.read_notes(table, path),
            endings={str(k): v for k, v in endings.items() if isinstance(v, str)},
        )

    def read_note_sources(self, data: dict, events: list[Event], rules: list[Rule],
                          epilogue: Epilogue | None) -> dict[int, str]:
        """``[[notes]]``: number and source of each footnote; every cited note needs one."""
        sources: dict[int, str] = {}
        for path, table in self.tables(data, "notes"):
            number = self.get(table, "number", path, int, default=0)
            source = self.get(table, "source", path, str, default="")
            if number <= 0:
                self.problem(path + ("number",), "a note number must be a positive whole number")
            elif number in sources:
                self.problem(path + ("number",), f"note {number} is listed twice")
            elif not source.strip():
                self.problem(path + ("source",), f"note {number} needs its source line")
            else:
                sources[number] = source
        if "notes" not in data:
            return sources
        cited: list[tuple[tuple[str, ...], tuple[int, ...]]] = [(("events", event.id), event.notes) for event in events]
        cited += [(("rules", rule.id), rule.notes) for rule in rules]
        if epilogue is not None:
            cited.append((("epilogue",), epilogue.notes))
        for where, notes in cited:
            for note in notes:
                if note not in sources:
                    self.problem(where + ("notes",), f"note {note} is cited but has no [[notes]] entry with its source")
        return sources

    def read_extracts(self, data: dict, event_ids: set[str], note_sources: dict[int, str]) -> list[SourceExtract]:
        """``[[extracts]]``: quotations for the student packet, each tied to cards and a note."""
        extracts: list[SourceExtract] = []
        numbers: set[int] = set()
        for path, table in self.tables(data, "extracts"):
            texts = {key: self.get(table, key, path, str, default="")
                     for key in ("speaker", "date", "quotation", "cited", "context")}
            for key, value in texts.items():
                if key in table and not value.strip():
                    self.problem(path + (key,), f"'{key}' must not be empty")
            number = self.get(table, "number", path, int, default=0)
            note = self.get(table, "note", path, int, default=0)
            question = self.get(table, "question", path, int, default=0)
            cards = self.get(table, "cards", path, list, default=[])
            if number <= 0 or number in numbers:
                self.problem(path + ("number",), f"extract number {number} must be positive and not repeated")
            numbers.add(number)
            if note <= 0 or (note_sources and note not in note_sources):
                self.problem(path + ("note",), f"note {note} has no [[notes]] entry with its source")
            if not 1 <= question <= 4:
                self.problem(path + ("question",), "question must be 1, 2, 3 or 4 (the lesson's four questions)")
            for card in cards:
                if card not in event_ids:
                    close = difflib.get_close_matches(str(card), sorted(event_ids), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    self.problem(path + ("cards",), f"unknown event {card!r}{hint}")
            if not cards:
                self.problem(path + ("cards",), "an extract goes with at least one card")
            extracts.append(SourceExtract(number=number, note=note, question=question,
                                          cards=tuple(str(card) for card in cards), **texts))
        return extracts

    def read_reference(self, data: dict) -> dict[str, tuple[float, ...]]:
        table = data.get("reference", {})
        if not isinstance(table, dict):
            self.problem(("reference",), "[reference] must be a table")
            return {}
        months = table.get("months", [])
        expected = [str(month) for month in self.months]
        if months and months != expected:
            self.problem(("reference", "months"), "reference months must list every month of the calendar in order")
        reference = {}
        for key, values in table.items():
            if key == "months":
                continue
            if key not in self.columns:
                self.problem(("reference", key), f"unknown variable id {key!r}")
                continue
            if (not isinstance(values, list) or len(values) != len(self.months)
                    or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)):
                self.problem(("reference", key), f"'{key}' must list one number per month ({len(self.months)})")
                continue
            reference[key] = tuple(float(v) for v in values)
        return reference


def _branch_labels(effects: Any) -> list[str]:
    """The labels of every chance branch in a list of effects, nested ones included."""
    labels: list[str] = []
    for effect in effects if isinstance(effects, list) else []:
        if isinstance(effect, dict) and "chance" in effect:
            labels.append(str(effect.get("label", "chance")))
            labels += _branch_labels(effect.get("then", [])) + _branch_labels(effect.get("else", []))
    return labels


def _kind_name(kind: type) -> str:
    return {str: "text", float: "a number", int: "a whole number", bool: "true or false",
            list: "a list", dict: "a table"}.get(kind, kind.__name__)
