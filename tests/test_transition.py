"""The transition snapshot (tests/transition/): sections, figures, verdicts and drafts of every sample
stay exactly as stored. Moving the reading knowledge into data must not change one line; a commit
that changes behaviour on purpose rewrites the snapshot (tools/transition.py --write) and says why."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("transition", ROOT / "tools" / "transition.py")
transition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(transition)


@pytest.fixture(scope="module")
def now() -> dict[str, str]:
    return transition.snapshot()


@pytest.mark.parametrize("name", transition.FILES)
def test_snapshot_unchanged(now: dict[str, str], name: str) -> None:
    stored = (ROOT / "tests" / "transition" / name).read_text(encoding="utf-8")
    if now[name] != stored:
        import difflib
        diff = "".join(list(difflib.unified_diff(stored.splitlines(True), now[name].splitlines(True),
                                                 f"stored/{name}", f"now/{name}", n=0))[:40])
        pytest.fail(f"{name} changed (python tools/transition.py --diff):\n{diff}")


def test_numbers_print_exactly() -> None:
    from decimal import Decimal
    assert transition.num(17.76 * 1e4) == transition.num(Decimal("177600")) == "177600"
    assert transition.num(0.7) == "0.7" and transition.num(None) == "-"
    assert transition.num(12000 * 0.95) == "11400"
