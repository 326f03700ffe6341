"""The suite does not depend on what a user leaves beside the samples (tests/samples.py): a
reviews file written by following the README, a config file, reports in summaries/."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from samples import ROOT, SAMPLES, pristine_copy, pristine_files

HAS_GIT = shutil.which("git") is not None
LEFT_BY_A_USER = ("plans/p.reviews.yaml", "ipcheck.toml", "summaries/report.html")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                   check=True, capture_output=True, timeout=60)


def _tree(root: Path, files: tuple[str, ...]) -> None:
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", encoding="utf-8")


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_the_copy_holds_committed_files_and_new_test_data_only(tmp_path: Path) -> None:
    _tree(tmp_path, ("plans/p.yaml", "summaries/s.txt", "tests/test_x.py", "ipcheck/__init__.py"))
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "samples")
    _tree(tmp_path, LEFT_BY_A_USER + ("tests/new-case.txt",))
    assert pristine_files(tmp_path) == ["plans/p.yaml", "summaries/s.txt", "tests/new-case.txt", "tests/test_x.py"]


def test_without_git_the_copy_leaves_out_reviews_and_config_files(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path, ("plans/p.yaml", "summaries/s.txt", "plans/q.reviews.yaml", "ipcheck.toml",
                     ".ipcheck.yaml", "build/lib/x.py"))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "no-such-repository"))     # git ls-files fails
    assert pristine_files(tmp_path) == ["plans/p.yaml", "summaries/s.txt"]
    copy = pristine_copy(tmp_path, tmp_path / "copy")
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()) == \
        ["plans/p.yaml", "summaries/s.txt"]


def test_the_suite_sees_the_samples_as_committed() -> None:
    assert SAMPLES != ROOT and (SAMPLES / "plans" / "mianzhu-2015.yaml").is_file()
    assert not (SAMPLES / "ipcheck").exists()        # `python -m ipcheck` there runs the code under test
    assert not list(SAMPLES.rglob("*.reviews.yaml"))
    assert not (SAMPLES / "ipcheck.toml").exists() and not (SAMPLES / ".ipcheck.yaml").exists()
    assert not any(name.startswith("IPCHECK_") and name != "IPCHECK_SLOW" for name in os.environ)
    assert "NO_COLOR" not in os.environ and "COLUMNS" not in os.environ


@pytest.mark.skipif(not HAS_GIT, reason="git is not installed")
def test_following_the_readme_review_example_breaks_no_test(tmp_path: Path) -> None:
    """The issue's scenario: a user runs README's `ipcheck review` example in a checkout (it
    writes plans/mianzhu-2015.reviews.yaml), then the tests; the GB18030 case still passes."""
    repo = pristine_copy(ROOT, tmp_path / "repo")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "checkout")
    ipcheck = [sys.executable, "-m", "ipcheck"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPCHECK_")}
    pair = ["plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt"]
    recorded = subprocess.run(ipcheck + ["review", "5", "--plan", pair[0], "--summary", pair[1], "--status", "met",
                                         "--reason", "第15行写明已培育驰名商标", "--by", "王审核"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert recorded.returncode == 0, recorded.stderr
    assert (repo / "plans" / "mianzhu-2015.reviews.yaml").is_file()
    # the decision is real: a check in that checkout applies it ...
    report = subprocess.run(ipcheck + ["check", *pair, "--format", "json"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=120)
    assert next(i for i in json.loads(report.stdout)["items"] if i["id"] == "5")["status"] == "met"
    # ... and the checkout's own tests, which compare the sample with re-encoded copies, still pass
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "tests/test_cli.py::test_summary_in_other_encodings_gives_the_same_verdicts"],
                           cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout[-2000:]
    assert "3 passed" in tests.stdout
