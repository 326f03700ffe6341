"""The Click range setup.cfg declares is the one tested (tools/click_range.py runs the suite on
its lower bound and on the newest), and ipcheck calls no click name outside the ones checked
there: `click.get_terminal_size`, removed in Click 8.1, crashed every command in a terminal."""
from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
# Every click name ipcheck uses, each checked present in the lower bound (click 8.2.0) and the
# newest by tools/click_range.py. A new name: run the tool, then add it here.
CHECKED = frozenset({"Abort", "Argument", "BadParameter", "Choice", "ClickException", "Context", "Group",
                     "IntRange", "MissingParameter", "NoSuchOption", "Path", "UsageError", "argument", "echo",
                     "group", "option", "pass_context", "prompt", "version_option"})


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def test_the_installed_click_is_in_the_declared_range() -> None:
    m = re.search(r"^\s*click\s*>=\s*([\d.]+)\s*,\s*<\s*([\d.]+)\s*$", (ROOT / "setup.cfg").read_text(), re.M)
    assert m, "setup.cfg must bound click on both sides: click>=LOW,<HIGH"
    low, high = _version(m.group(1)), _version(m.group(2))
    assert low >= (8, 2), "the tests read CliRunner's separate stderr, which click 8.2 brought"
    assert low <= _version(importlib.metadata.version("click")) < high


def test_ipcheck_calls_only_the_click_names_checked_on_the_range() -> None:
    used = set()
    for path in (ROOT / "ipcheck").rglob("*.py"):
        used |= set(re.findall(r"\bclick\.([A-Za-z_]\w*)", path.read_text(encoding="utf-8")))
    assert used <= CHECKED, f"check these on the range (tools/click_range.py): {sorted(used - CHECKED)}"
    assert all(hasattr(click, name) for name in used)
    assert "get_terminal_size" not in used
