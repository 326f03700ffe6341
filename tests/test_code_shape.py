"""Code small enough to read: no function in ipcheck/ over 60 lines (the house style's "functions under
~60"), apart from an explicit allow-list of functions another open issue is rewriting."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ipcheck"
LIMIT = 60
# "module:function": why it may stay long for now. An entry that is no longer long must be removed.
ALLOWED = {
    "batch.py:run_batch": "the batch runner; issue #16's file",
}


def function_lengths() -> dict[str, int]:
    """'module:function' -> its length in lines (decorators left out, docstring included)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                key = f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"
                out[key] = max(out.get(key, 0), node.end_lineno - node.lineno + 1)
    return out


LENGTHS = function_lengths()


def test_no_function_is_over_the_limit() -> None:
    long = {k: n for k, n in LENGTHS.items() if n > LIMIT and k not in ALLOWED}
    assert not long, f"split these (over {LIMIT} lines): {long}"


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_the_allow_list_is_not_stale(key: str) -> None:
    assert LENGTHS.get(key, 0) > LIMIT, f"{key} is short now: remove it from ALLOWED"


def test_the_measure_counts_lines() -> None:
    assert LENGTHS["units.py:unit"] <= 6 and LENGTHS["reading/figures.py:_read_one"] <= LIMIT
