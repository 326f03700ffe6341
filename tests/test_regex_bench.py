"""The regex bench (bench/regex_adversarial.py) stays runnable and sees every pattern: it finds every
rule and group of ipcheck/lang/zh, applies each as its scope says, and reports a slow pattern as a
failure. No timing is asserted here (speed lives in bench/): the failure path runs on reported times."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import regex_adversarial as bench  # noqa: E402

from ipcheck.lang.registry import load  # noqa: E402


def test_the_bench_finds_every_rule_and_group() -> None:
    found = {id(p) for _, p in bench.patterns()}
    registry = load()
    missing = [r.code for r in registry if r.expression and id(r.regex) not in found]
    groups = {r.group for r in registry if r.group}
    assert not missing
    assert all(id(registry.group_regex(g)) in found for g in groups)
    assert bench.SCOPES[id(registry.regex("ZH-BARE-001"))] == "start"


def test_over_budget_names_each_slow_pattern_once_with_its_worst_string() -> None:
    rows = [(0.2, 90.0, "P", "' '*"), (float("inf"), 0.0, "P", "'1'*"), (0.01, 10.0, "Q", "' '*")]
    assert bench.over_budget(rows, 0.05) == [("P", float("inf"), "'1'*", 2)]
    assert bench.over_budget(rows[2:], 0.05) == []


def test_main_fails_loudly_when_a_pattern_is_over_budget(monkeypatch, capsys) -> None:
    times = {"fast": 0.001, "slow": float("inf")}      # what the child processes would report
    monkeypatch.setattr(bench, "patterns", lambda: [("fast", re.compile("a")), ("slow", re.compile("b"))])
    monkeypatch.setattr(bench, "run", lambda name, size, bound, as_search=False: [("' '*", times[name])])
    assert bench.main([]) == 1
    out = capsys.readouterr().out
    assert "FAIL: 1 patterns over the 0.05s budget" in out and "TIMEOUT  slow  worst on ' '*" in out
    times["slow"] = 0.002
    assert bench.main([]) == 0
    assert "OK: every pattern within 0.05s" in capsys.readouterr().out
