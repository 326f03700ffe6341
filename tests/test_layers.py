"""Imports point one way, stage by stage: inputs -> reading -> plans -> verdicts -> reviews -> check ->
batch/explain -> report -> cli; reporters read only the model; UI libraries stay in their module."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ipcheck"

# The stages in order. A module may import from its own stage and from the stages before it, never
# from a later one. A name matches a stage by its dotted module path (a package covers its modules).
STAGES: list[tuple[str, set[str]]] = [
    ("base", {"model", "model_history", "errors", "lang", "units", "catalogue", "catalogue_workflows",
              "catalogue_cli", "catalogue_errors", "catalogue_explain", "catalogue_rules", "i18n", "outputs",
              "__init__"}),
    ("inputs", {"inputs"}),
    ("reading", {"reading"}),
    ("plans", {"plans"}),
    ("verdicts", {"verdicts"}),
    ("reviews", {"reviews"}),
    ("check", {"check"}),
    ("orchestration", {"explain", "batch", "pairing", "split", "evaluate", "evaluate_cases", "config", "config_files",
                       "progress", "diff", "rollup", "written"}),
    ("report", {"report"}),
    ("cli", {"cli", "__main__"}),
]
# Third-party imports each allowed in one place only.
ONLY_IN = {"click": {"cli"}, "rich": {"report.terminal", "report.index", "report.plan_table", "report.explain",
                                      "report.progress_text", "report.diff_text"},
           "jinja2": {"report.template"}, "xlsxwriter": {"report.xlsx"}}
REPORT_MAY_READ = {"model", "model_history", "errors", "units", "i18n", "catalogue"}


def _stage(name: str) -> int:
    for rank, (_, members) in enumerate(STAGES):
        if any(name == m or name.startswith(m + ".") for m in members):
            return rank
    raise AssertionError(f"ipcheck.{name} belongs to no stage: add it to tests/test_layers.py STAGES")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "ipcheck":          # from ipcheck import x: x is the module
                names.update(f"ipcheck.{a.name}" for a in node.names)
    return names


def _modules() -> dict[str, set[str]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = _imports(path)
    return out


MODULES = _modules()


def _internal(imports: set[str]) -> set[str]:
    return {i.removeprefix("ipcheck.") for i in imports if i.startswith("ipcheck.") and i != "ipcheck.__version__"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_to_earlier_stages(name: str) -> None:
    mine = _stage(name)
    later = sorted(i for i in _internal(MODULES[name]) if _stage(i) > mine)
    assert not later, f"ipcheck.{name} ({STAGES[mine][0]}) imports later stages: {later}"


def test_the_stages_are_the_packages() -> None:
    """The layout shows the flow: each stage's modules live in its package."""
    for pkg in ("inputs", "reading", "plans", "verdicts", "report", "cli"):
        assert (PACKAGE / pkg / "__init__.py").is_file(), pkg


def test_ui_libraries_stay_in_their_module() -> None:
    for name, imports in MODULES.items():
        for lib, allowed in ONLY_IN.items():
            if any(i == lib or i.startswith(lib + ".") for i in imports):
                assert any(name == a or name.startswith(a + ".") for a in allowed), f"{lib} imported in {name}"


def test_reporters_read_only_the_model() -> None:
    for name, imports in MODULES.items():
        if name.startswith("report"):
            bad = {i for i in _internal(imports) if i not in REPORT_MAY_READ and not i.startswith("report")}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_a_late_import_is_no_way_around_the_order() -> None:
    """The old check <-> reviews cycle was hidden by an import inside a function: the walk above
    sees imports at any depth, so this stays broken."""
    assert "check" not in _internal(MODULES["reviews"])
