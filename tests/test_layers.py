"""Imports point one way: cli -> check -> stages -> model; reporters read only the model."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ipcheck"
CORE = {"model", "errors", "units", "i18n", "catalogue", "config_files", "smallfiles", "plan", "plan_schema", "documents", "text", "numerals", "regions",
        "figures", "quantities", "cues", "matching", "verdicts", "check", "explain", "outputs", "split", "batch",
        "draft", "draft_extract", "draft_meta", "draft_structure", "config", "pairing", "reviews",
        "formats", "formats.sniff", "formats.docx", "formats.pdf", "formats.html", "formats.chinese",
        "formats.t2s_table"}
# Third-party imports each allowed in one place only.
ONLY_IN = {"click": {"cli", "cli.console", "cli.group", "cli.inputs", "cli.check", "cli.figures", "cli.plan", "cli.split", "cli.review", "cli.explain", "cli.config"}, "rich": {"report.terminal", "report.index", "report.plan_table", "report.explain"}, "jinja2": {"report.template"},
           "xlsxwriter": {"report.xlsx"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules() -> dict[str, set[str]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = _imports(path)
    return out


def test_core_never_imports_cli_reports_or_ui_libraries() -> None:
    for name, imports in _modules().items():
        if name in CORE:
            bad = {i for i in imports if i.split(".")[0] in ONLY_IN or i.startswith(("ipcheck.cli", "ipcheck.report"))}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_ui_libraries_stay_in_their_module() -> None:
    for name, imports in _modules().items():
        for lib, allowed in ONLY_IN.items():
            if any(i == lib or i.startswith(lib + ".") for i in imports):
                assert name in allowed, f"{lib} imported in {name}"


def test_reporters_read_only_the_model() -> None:
    for name, imports in _modules().items():
        if name.startswith("report"):
            internal = {i for i in imports if i.startswith("ipcheck.")}
            allowed = {"ipcheck.model", "ipcheck.errors", "ipcheck.units", "ipcheck.i18n", "ipcheck.catalogue"}
            bad = {i for i in internal if i not in allowed and not i.startswith("ipcheck.report")}
            assert not bad, f"{name} imports {sorted(bad)}"
