"""Test ipcheck against the Click versions setup.cfg allows: the lower bound and the newest.

For each version: a fresh virtual environment with ipcheck (editable) and that click, a check
that every click name ipcheck uses exists there, then the test suite (or the files given).

    python tools/click_range.py                     # the whole suite on both versions
    python tools/click_range.py tests/test_terminal.py tests/test_conventions.py

Needs the package registry (pip) and a few minutes; run by hand when the range or the click
names ipcheck uses change, then update CHECKED in tests/test_click_range.py.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import click, re, pathlib, sys\n"
         "used = set()\n"
         "for p in pathlib.Path(sys.argv[1]).rglob('*.py'):\n"
         "    used |= set(re.findall(r'\\bclick\\.([A-Za-z_]\\w*)', p.read_text(encoding='utf-8')))\n"
         "missing = sorted(u for u in used if not hasattr(click, u))\n"
         "print('click names used:', ', '.join(sorted(used)))\n"
         "sys.exit('missing in this click: ' + ', '.join(missing) if missing else 0)\n")


def declared() -> tuple[str, str]:
    """(lower bound, upper bound) of click in setup.cfg: "click>=8.2,<9" -> ("8.2", "9")."""
    m = re.search(r"^\s*click\s*>=\s*([\d.]+)\s*,\s*<\s*([\d.]+)", (ROOT / "setup.cfg").read_text(), re.M)
    if not m:
        sys.exit("setup.cfg: no 'click>=X,<Y' requirement")
    return m.group(1), m.group(2)


def run(requirement: str, tests: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="ipcheck-click-") as tmp:
        venv.create(tmp, with_pip=True)
        py = str(Path(tmp) / "bin" / "python")
        subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]", requirement], check=True)
        got = subprocess.run([py, "-c", "import importlib.metadata as m; print(m.version('click'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
        print(f"== click {got}")
        if subprocess.run([py, "-c", PROBE, str(ROOT / "ipcheck")]).returncode:
            return 1
        return subprocess.run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    lower, upper = declared()
    lowest = lower if lower.count(".") >= 2 else lower + ".0"
    failed = [r for r in (f"click=={lowest}", f"click<{upper}") if run(r, argv)]
    print("failed: " + ", ".join(failed) if failed else f"ok: click {lowest} and the newest below {upper}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
