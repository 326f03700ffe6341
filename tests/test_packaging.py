"""The wheel carries everything a check needs and works outside the repository."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("ipcheck-*.whl"))


def test_wheel_ships_templates_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"ipcheck/templates/report.html.j2", "ipcheck/templates/report.md.j2",
            "ipcheck/plan.schema.json", "ipcheck/cli/__init__.py", "ipcheck/lang/registry.py",
            "ipcheck/lang/zh/units.yaml", "ipcheck/lang/zh/numerals.yaml"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ipcheck = ipcheck.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_checks_a_sample_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    where = subprocess.run([sys.executable, "-c", "from ipcheck.report.template import template_dir; print(template_dir())"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where) == site / "ipcheck" / "templates", "the test must run the wheel's code, not the source tree"
    out = work / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "ipcheck", "check", str(ROOT / "plans" / "mianzhu-2015.yaml"),
         str(ROOT / "summaries" / "2015" / "mianzhu-2015.txt"), "-o", str(out)],
        cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["plan"]["id"] == "mianzhu-2015"
    html = work / "report.html"
    subprocess.run([sys.executable, "-m", "ipcheck", "check", str(ROOT / "plans" / "mianzhu-2015.yaml"),
                    str(ROOT / "summaries" / "2015" / "mianzhu-2015.txt"), "-o", str(html)],
                   cwd=work, env=env, capture_output=True)
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
