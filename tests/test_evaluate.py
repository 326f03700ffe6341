"""The figure reader measured against the labelled corpus (tests/corpus), and `ipcheck figures`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import main as cli
from ipcheck.evaluate import (Gold, Read, bound_right, canonical, corpus_files, evaluate, load_corpus, main,
                              misses, same_figure, scores)

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
EN = {"IPCHECK_LANG": "en"}      # these tests read the English messages; test_i18n checks the Chinese
CORPUS = ROOT / "tests" / "corpus"

# The floors (issue 3). Measured values are in docs/figures.md.
PRECISION, RECALL, BINDING = 0.98, 0.95, 0.95
# The real-world set (issue #12), texts no rule was written from: a ratchet at the last measure
# (docs/figures.md). Raise these as the reader improves; never lower them.
REAL_PRECISION, REAL_RECALL, REAL_BINDING = 0.967, 0.947, 0.894


@pytest.fixture(scope="module")
def result():
    return evaluate(CORPUS, ROOT)


def test_corpus_is_large_and_covers_every_document(result) -> None:
    golds, negatives, _ = load_corpus(CORPUS)
    assert len(golds) >= 300
    assert len(negatives) >= 100
    files = {g.file for g in golds}
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "summaries" / "2015").glob("*.txt")} <= files
    assert "plans/documents/zibo-2021-2025-plan.txt" in files
    assert "plans/documents/guangan-2017-plan.txt" in files
    tags = {t for g in golds for t in g.tags} | {t for n in negatives for t in n.tags}
    for needed in ("respective", "target_actual", "garbled_unit", "range", "approx", "multiple",
                   "increase", "antecedent", "plan_blank", "date", "document_no", "patent_no", "ordinal",
                   "phone"):
        assert needed in tags, needed


def test_every_annotation_is_well_formed() -> None:
    golds, negatives, _ = load_corpus(CORPUS)
    kinds = {"level", "growth", "annual_growth", "share", "multiple", "increase", "decrease", "completion",
             "target"}
    for g in golds:
        assert g.kind in kinds, g
        assert g.q.strip() and g.unit.strip(), g
        assert g.line > 0


def test_floors(result) -> None:
    s = scores(result)
    assert s["precision"] >= PRECISION, s
    assert s["recall"] >= RECALL, s
    assert s["binding"] >= BINDING, s


def test_realworld_floors() -> None:
    s = scores(evaluate(CORPUS, ROOT, corpus_files(CORPUS, "realworld")))
    assert s["precision"] >= REAL_PRECISION, s
    assert s["recall"] >= REAL_RECALL, s
    assert s["binding"] >= REAL_BINDING, s


def test_the_sets_split_the_corpus_and_the_default_is_the_samples() -> None:
    """The real-world texts (issue #12) are scored apart: the default set, whose floors this file
    holds, is every corpus file but realworld-*.yaml."""
    samples, real = corpus_files(CORPUS), corpus_files(CORPUS, "realworld")
    assert samples and real and not set(samples) & set(real)
    assert set(samples) | set(real) == set(CORPUS.glob("*.yaml"))
    assert all(p.name.startswith("realworld-") for p in real)
    assert corpus_files(CORPUS, "samples", "realworld-a.yaml") == [CORPUS / "realworld-a.yaml"]
    golds, negatives, _ = load_corpus(CORPUS)
    assert not any(g.file.startswith("tests/corpus/texts/") for g in golds)
    assert {n.file for n in negatives} <= {g.file for g in golds}


def test_realworld_set_is_large_and_outside_the_samples() -> None:
    golds, negatives, _ = load_corpus(CORPUS, corpus_files(CORPUS, "realworld"))
    files = {g.file for g in golds}
    assert len(golds) >= 300 and len(files) >= 20 and negatives
    assert all(f.startswith("tests/corpus/texts/") and (ROOT / f).is_file() for f in files)
    sources = (CORPUS / "texts" / "SOURCES.md").read_text(encoding="utf-8")
    assert all(Path(f).name in sources for f in files)


def test_traditional_labels_are_compared_simplified(tmp_path) -> None:
    (tmp_path / "realworld-x.yaml").write_text(
        "files:\n- file: t.txt\n  figures:\n"
        "  - {line: 1, q: 專利申請量, v: 1.2, u: 萬件, ql: 餘, k: level}\n", encoding="utf-8")
    [g] = load_corpus(tmp_path, corpus_files(tmp_path, "realworld"))[0]
    assert (g.q, g.unit, g.qualifier) == ("专利申请量", "万件", "余")
    assert canonical(g.value, g.unit) == (12000, "件")
    assert canonical(1.5, "万亿元") == (1.5e12, "元")


def test_main_scores_a_chosen_set(capsys) -> None:
    assert main(["--set", "realworld", "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)["scores"]["documents"]
    assert docs and all(d.startswith("tests/corpus/texts/") for d in docs)
    assert main(["--files", "summaries-a.yaml", "--format", "json"]) == 0
    docs = json.loads(capsys.readouterr().out)["scores"]["documents"]
    assert docs and all(d.startswith("summaries/2015/") for d in docs)
    assert main(["--files", "no-such-*.yaml"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ipcheck: ") and "no corpus file matches" in err[0]


def test_matching_rules() -> None:
    g = Gold("f", 3, "专利申请量", 2.2, "万人次", "余", "level", ())
    r = Read("f", 3, 0, 1, 22000, "人次", "余", "全市专利申请量", "level", "", "")
    assert same_figure(g, r)
    assert not same_figure(g, Read("f", 4, 0, 1, 22000, "人次", "余", "", "level", "", ""))
    assert not same_figure(g, Read("f", 3, 0, 1, 22000, "人次", None, "", "level", "", ""))
    assert canonical(5, "万元") == canonical(50000, "元")
    assert canonical(1.67, "亿元") == (1.67e8, "元")
    assert bound_right("专利申请", "年度完成专利申请量")
    assert bound_right("企业和科研单位申请量", "科研单位申请量")
    assert not bound_right("专利申请", "")
    assert not bound_right("专利申请", "专")
    assert not bound_right("院校", "大专高")


def test_misses_are_listed_with_their_sentence(result) -> None:
    m = misses(result)
    for row in m["false_positives"] + m["false_negatives"] + m["wrong_binding"]:
        assert row["file"] and row["line"] > 0 and row["sentence"]


def test_main_is_deterministic(capsys) -> None:
    assert main(["--format", "json"]) == 0
    first = capsys.readouterr().out
    assert main(["--format", "json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert set(data) == {"scores", "misses"}
    assert main([]) == 0
    assert "precision" in capsys.readouterr().out


# ---- ipcheck figures ---------------------------------------------------------------------

KEYS = {"line", "text", "quantity", "value", "unit", "qualifier", "low", "high", "kind", "section", "warnings",
        "warning_details"}


@pytest.fixture()
def run(monkeypatch):
    monkeypatch.chdir(SAMPLES)
    return lambda *args: CliRunner(env=EN).invoke(cli, list(args))


def test_figures_json(run) -> None:
    result = run("figures", "summaries/2015/mianzhu-2015.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["figures"]
    assert rows and all(set(r) == KEYS for r in rows)
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    f537 = next(r for r in rows if r["text"] == "537件")
    assert (f537["line"], f537["value"], f537["unit"], f537["kind"]) == (13, 537, "件", "level")
    assert "专利申请量" in f537["quantity"] and f537["section"] == "results"
    garbled = next(r for r in rows if r["text"] == "145?")
    assert garbled["unit"] == "%" and any(w.startswith("garbled_unit") for w in garbled["warnings"])
    again = run("figures", "summaries/2015/mianzhu-2015.txt", "--format", "json")
    assert again.output == result.output


def test_figures_text(run) -> None:
    result = run("figures", "summaries/2015/mianzhu-2015.txt")
    assert result.exit_code == 0
    assert "专利申请量" in result.output and "537 件" in result.output


@pytest.mark.parametrize("path, message", [("no-such-file.txt", "file not found"),
                                           ("summaries", "is a directory")])
def test_figures_bad_input(run, path: str, message: str) -> None:
    result = run("figures", path)
    assert result.exit_code == 2
    lines = [x for x in result.output.splitlines() if x]
    assert len(lines) == 1 and lines[0].startswith(f"ipcheck: {path}: ") and message in lines[0]


def test_figures_bad_format(run) -> None:
    assert run("figures", "summaries/2015/mianzhu-2015.txt", "--format", "xml").exit_code == 2


# ---- the general rules added while measuring ---------------------------------------------

def test_rules_added_while_measuring() -> None:
    from ipcheck.reading.figures import extract_figures
    assert extract_figures("重点通过三个方面,发挥知识产权的支撑作用。") == ()
    assert extract_figures("认真贯彻党的十八届五中全会精神。") == ()
    [f] = extract_figures("在全国133个分站中排名第5位。")
    assert "分站" in f.quantity
    [f] = extract_figures("组织30多人次开展联合执法检查。")
    assert "联合执法检查" in f.quantity and f.qualifier == "多"


def test_figures_shows_the_warnings_the_check_uses(tmp_path) -> None:
    """`ipcheck figures` lists what `check` reads, data-quality warnings included."""
    summary = tmp_path / "s.txt"
    summary.write_text("2015年绵竹市工作总结\n一、主要工作\n全市专利申请量1\u200b796件。\n", encoding="utf-8")
    result = CliRunner(env=EN).invoke(cli, ["figures", str(summary), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["figures"]
    assert any(w.startswith("split_number") for f in figures for w in f["warnings"])
