"""Property-based mutation tests of every surface (bench/fuzz.py runs the same trials at scale).

Each test hands hypothesis-made random generators to a trial of tests/fuzz/harness.py
and requires the outcome ``ok``: no traceback, no hang, no file lost. Sized to run in
about a minute together on a two-core machine, and derandomized so that CI tries the
same cases every time (bench/fuzz.py explores new ones).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import TRIALS, run_trial

EXAMPLES = {"scenario": 80, "save": 80, "terminal": 50, "cli": 80, "kill": 6}


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_no_traceback_no_hang_no_file_lost(kind: str) -> None:
    @settings(max_examples=EXAMPLES[kind], deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.randoms(use_true_random=False))
    def trial(rng: random.Random) -> None:
        result = run_trial(kind, TRIALS[kind], rng)
        assert result.outcome == "ok", f"{result.outcome}: {result.detail}"

    trial()
