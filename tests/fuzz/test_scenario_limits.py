"""``check`` refuses what cannot be played, naming the file, the key and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.scenario import check_scenario

SOURCE = (Path(__file__).resolve().parents[2] / "scenarios" / "1943.toml").read_text(encoding="utf-8")


def _first(pattern: str, replacement: str) -> str:
    match = re.search(pattern, SOURCE, re.MULTILINE)
    assert match, pattern
    return SOURCE[:match.start()] + replacement + SOURCE[match.end():]


CASES = {
    "hundreds of digits": (_first(r"^min = 0$", "min = 1" + "0" * 300), "digits"),
    "over 4300 digits": (_first(r"^min = 0$", "min = 1" + "0" * 5000), "digits"),
    "deep nesting": (SOURCE + "\nzz = " + "[" * 2000 + "]" * 2000 + "\n", "nested 2000 deep"),
    "unicode day": (_first(r'date = "(\d{4}-\d\d)-\d\d"', 'date = "1942-11-²"'), "digits 0-9"),
    "random to inf": (_first(r"random = \[[^\]]*\]", "random = [0, inf]"), "not a finite number"),
    "normal of nan": (_first(r"normal = \[[^\]]*\]", "normal = [nan, 1.5]"), "not a finite number"),
    "min of -inf": (_first(r"^min = 0$", "min = -inf"), "not a finite number"),
    "empty random range": (_first(r"random = \[[^\]]*\]", "random = [20, 8]"), "is empty"),
    "huge number": (_first(r"^max = 100$", "max = 1e300"), "too large"),
    "huge constant in an expression": (_first(r'^condition = "', 'condition = "1e999 > 0 or '), "out of range"),
    "too many variables": (SOURCE + "".join(f'\n[[variables]]\nid = "v{i}"\nlabel = "v"\nmin = 0\nmax = 1\n'
                                            f'start = 0\ndescription = "v"\n' for i in range(400)), "more than 400"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses_with_file_and_line(case: str, tmp_path: Path) -> None:
    text, reason = CASES[case]
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check_scenario(path)
    assert scenario is None and problems
    assert any(reason in str(problem) for problem in problems), [str(p) for p in problems]
    assert all(str(path) in str(problem) for problem in problems)
    if case != "too many variables":
        assert all(problem.line for problem in problems), [str(p) for p in problems]


def test_decode_and_truncation_errors_give_line_and_column(tmp_path: Path) -> None:
    raw = SOURCE.encode()
    broken = tmp_path / "bytes.toml"
    broken.write_bytes(raw[:5000] + b"\xff" + raw[5000:])
    _, problems = check_scenario(broken)
    assert problems[0].line == raw[:5000].count(b"\n") + 1 and "column" in problems[0].message
    cut = tmp_path / "cut.toml"
    cut.write_text(SOURCE[: len(SOURCE) // 2])
    _, problems = check_scenario(cut)
    assert problems[0].line and "column" in problems[0].message
