"""Reports match their reviewed golden copies byte for byte (regenerate with tools/regenerate_golden.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("regenerate_golden", ROOT / "tools" / "regenerate_golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.fixture(scope="module")
def rendered(request):
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    try:
        yield golden.reports()
    finally:
        mp.undo()


@pytest.mark.parametrize("name", golden.names())
def test_report_matches_golden(rendered, name: str) -> None:
    with open(ROOT / "tests" / "golden" / name, encoding="utf-8", newline="") as fh:   # CSV keeps its CRLF
        expected = fh.read()
    assert rendered[name] == expected, f"{name} changed: review the diff, then run tools/regenerate_golden.py"
