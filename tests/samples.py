"""The repository as the tests see it: a pristine copy, so what a user leaves beside the samples
(a ``plans/*.reviews.yaml`` written by following the README's ``ipcheck review`` example, an
``ipcheck.toml``, reports written into ``summaries/``) never changes a test's result.

``SAMPLES`` is a temporary folder made once per test process holding the repository's files as
committed (``git ls-files``: tracked files, with their working-tree content) plus the untracked
files under ``tests/`` (new test data not yet added), but not the package's sources. Without git (an unpacked sdist) it holds
every file except reviews files and config files. Tests read ``plans/`` and ``summaries/`` from
``SAMPLES`` and run the CLI with ``SAMPLES`` as the working directory. ``tests/test_samples.py``
proves the copy leaves a user's files out.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A user's files that change what ipcheck reads implicitly: decisions beside a plan, settings.
USER_FILES = ("*.reviews.yaml", "ipcheck.toml", ".ipcheck.yaml", ".ipcheck.yml")
_SKIP_DIRS = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}
# The package's own sources stay out: `python -m ipcheck` run in the copy must import the
# installed package (the code under test), not a copy of it.
PACKAGE = "ipcheck/"


def _git(root: Path, *args: str) -> list[str] | None:
    """``git ls-files -z ARGS`` in ``root``, or None when ``root`` is not a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", *args], capture_output=True,
                             check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(root: Path) -> list[str]:
    """Every file under ``root`` except build folders and a user's reviews and config files."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder, name)
            if not any(path.match(pattern) for pattern in USER_FILES):
                out.append(path.relative_to(root).as_posix())
    return out


def pristine_files(root: Path) -> list[str]:
    """The repository-relative paths the copy holds (see the module docstring)."""
    tracked = _git(root, "--cached")
    if tracked is None:
        files = _walk(root)
    else:
        files = tracked + (_git(root, "--others", "--exclude-standard", "tests") or [])
    return sorted({f for f in files if not f.startswith(PACKAGE)})


def pristine_copy(root: Path, into: Path) -> Path:
    """Copy ``pristine_files(root)`` into the folder ``into``; returns ``into``."""
    for rel in pristine_files(root):
        source = root / rel
        if source.is_file() and not source.is_symlink():
            target = into / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def _make() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ipcheck-samples-"))
    atexit.register(shutil.rmtree, folder, True)
    return pristine_copy(ROOT, folder)


SAMPLES = _make()
