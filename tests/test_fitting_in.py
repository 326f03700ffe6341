"""The files a city's repository copies to use ipcheck: pre-commit hooks, the CI examples in
docs/ci/, shell completion. Each example's ipcheck commands are run as written on the sample."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ipcheck.cli import main

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
EN = {"IPCHECK_LANG": "en"}      # these tests read the English messages; test_i18n checks the Chinese
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CI_EXAMPLES = {"github-actions.yml": ("jobs", "env"), "gitlab-ci.yml": ("ipcheck", "variables")}


@pytest.fixture()
def city_repo(tmp_path, monkeypatch) -> Path:
    """A city's repository: the sample plans and summaries, nothing else, as the cwd."""
    shutil.copytree(SAMPLES / "plans", tmp_path / "plans")
    shutil.copytree(SAMPLES / "summaries", tmp_path / "summaries")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(args: list[str]):
    return CliRunner(env=EN).invoke(main, args, catch_exceptions=False)


def _command(entry: str) -> list[str]:
    words = shlex.split(entry)
    assert words[0] == "ipcheck"
    return words[1:]


def test_every_hook_is_well_formed_and_names_a_real_command() -> None:
    ids = [h["id"] for h in HOOKS]
    assert len(ids) == len(set(ids)) and {"ipcheck", "ipcheck-plan-validate"} <= set(ids)
    for hook in HOOKS:
        assert {"id", "name", "entry", "language"} <= hook.keys(), hook
        assert hook["language"] == "python"     # pre-commit installs this repository as the package
        for key in ("files", "exclude"):
            if key in hook:
                re.compile(hook[key])
        group = main
        for word in _command(hook["entry"]):
            group = group.commands[word]     # KeyError: the entry names no ipcheck command


def test_plan_validate_hook_selects_plans_but_not_reviews_files() -> None:
    hook = next(h for h in HOOKS if h["id"] == "ipcheck-plan-validate")
    chosen = lambda path: re.search(hook["files"], path) and not re.search(hook["exclude"], path)
    assert chosen("plans/mianzhu-2015.yaml")
    assert not chosen("plans/mianzhu-2015.reviews.yaml")
    assert not chosen("summaries/2015/mianzhu-2015.txt")


def test_hooks_run_as_pre_commit_would(city_repo: Path) -> None:
    config = yaml.safe_load((ROOT / "docs/ci/pre-commit-config.yaml").read_text(encoding="utf-8"))
    used = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    hooks = {h["id"]: h for h in HOOKS}
    assert set(used) <= set(hooks)
    validate = hooks["ipcheck-plan-validate"]
    plans = sorted(str(p.relative_to(city_repo)) for p in (city_repo / "plans").glob("*.yaml"))
    result = _run(_command(validate["entry"]) + plans)          # pass_filenames: the changed plans
    assert result.exit_code == 0, result.output
    assert result.output.count(": ok:") == len(plans)
    check = hooks["ipcheck"]
    assert check["pass_filenames"] is False
    result = _run(_command(check["entry"]) + used["ipcheck"]["args"])
    assert result.exit_code == 1            # the sample summary leaves items unreported


def test_plan_validate_reports_every_bad_file(city_repo: Path) -> None:
    (city_repo / "plans" / "broken.yaml").write_text("version: 1\nplan: [\n", encoding="utf-8")
    result = CliRunner(env=EN).invoke(main, ["plan", "validate", "plans/mianzhu-2015.yaml", "plans/broken.yaml"])
    assert result.exit_code == 1                     # problems in a plan: 1, as yamllint and ruff
    assert "plans/mianzhu-2015.yaml: ok:" in result.stdout
    assert re.search(r"ipcheck: plans/broken.yaml:\d+: ", result.stderr)
    assert "Traceback" not in result.output
    missing = CliRunner(env=EN).invoke(main, ["plan", "validate", "plans/broken.yaml", "plans/no-such.yaml"])
    assert missing.exit_code == 2                    # a file that cannot be read: 2, even beside a bad plan
    assert missing.stderr.count("\n") == 2 and "plans/no-such.yaml: plan file not found" in missing.stderr


def _ipcheck_lines(doc: dict, key: str, env_key: str) -> tuple[list[str], dict[str, str]]:
    """Every ipcheck command line of a CI example, with the variables it sets."""
    if key == "jobs":
        job = next(iter(doc["jobs"].values()))
        env, lines = job.get(env_key, {}), [s.get("run", "") for s in job["steps"]]
    else:
        env, lines = doc[key].get(env_key, {}), doc[key]["script"]
    return [ln for ln in lines if ln.startswith("ipcheck ")], {k: str(v) for k, v in env.items()}


@pytest.mark.parametrize("name", sorted(CI_EXAMPLES))
def test_ci_example_commands_run_on_the_sample(name: str, city_repo: Path) -> None:
    doc = yaml.safe_load((ROOT / "docs/ci" / name).read_text(encoding="utf-8"))
    lines, env = _ipcheck_lines(doc, *CI_EXAMPLES[name])
    assert lines, "the example runs ipcheck"
    codes = []
    for line in lines:
        line, _, redirect = line.partition(">>")
        for var, value in env.items():
            line = line.replace(f"${var}", value)
        result = _run(shlex.split(line)[1:])
        assert result.exit_code in (0, 1), f"{line}: {result.output}"
        assert "Traceback" not in result.output
        if redirect:
            assert result.stdout.strip(), f"{line} prints what the example appends to a file"
        codes.append(result.exit_code)
    assert codes[-1] == 1                   # the last step fails the pipeline: items are unreported
    assert all(c == 0 for c in codes[:-1])  # the report steps never hide the others
    artifacts = (doc.get("ipcheck", {}).get("artifacts", {}))
    wanted = list(artifacts.get("paths", [])) + list(artifacts.get("reports", {}).values())
    for path in wanted:
        assert (city_repo / path).stat().st_size > 0, path


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts(shell: str, tmp_path: Path) -> None:
    exe = shutil.which("ipcheck", path=str(Path(sys.executable).parent))
    assert exe
    env = {**os.environ, "_IPCHECK_COMPLETE": f"{shell}_source"}
    out = subprocess.run([exe], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0 and "_IPCHECK_COMPLETE" in out.stdout


def test_completion_offers_subcommands_and_options(tmp_path: Path) -> None:
    exe = shutil.which("ipcheck", path=str(Path(sys.executable).parent))
    env = {**os.environ, "_IPCHECK_COMPLETE": "bash_complete", "COMP_WORDS": "ipcheck ch", "COMP_CWORD": "1"}
    out = subprocess.run([exe], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "check" in out.stdout.split()[0].split(",")
    env.update(COMP_WORDS="ipcheck check --fa", COMP_CWORD="2")
    out = subprocess.run([exe], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "--fail-on" in out.stdout
