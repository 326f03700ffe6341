"""Batches: pairing by region and year, manifests, failed rows, the index, exit status."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.batch import PlanInfo, SummaryInfo, describe_plan, describe_summary, pair, read_manifest, run_batch
from ipcheck.cli import main
from ipcheck.errors import IpcheckError

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLANS = SAMPLES / "plans"
SUMMARIES = SAMPLES / "summaries" / "2015"
COMPILATION = SAMPLES / "summaries" / "sichuan-2015-compilation.txt"
MANIFEST = ROOT / "tests" / "batch" / "manifest.yaml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("split") / "2015"
    assert invoke("split", COMPILATION, "-o", out).exit_code == 0
    return out


def test_plans_pair_with_their_cities_and_the_rest_are_listed() -> None:
    plans = [describe_plan(str(p)) for p in sorted(PLANS.glob("*.yaml"))]
    summaries = [describe_summary(str(p)) for p in sorted(SUMMARIES.glob("*.txt"))]
    pairs, skipped = pair(plans, summaries)
    assert [(Path(p.plan).stem, Path(p.summary).stem) for p in pairs] == [
        ("guanghan-2015", "guanghan-2015"), ("luzhou-2016", "luzhou-2015"), ("mianzhu-2015", "mianzhu-2015")]
    unpaired = {Path(s.path).stem: s for s in skipped}
    assert sorted(k for k, s in unpaired.items() if s.kind == "summary") == [
        "chongzhou-2015", "deyang-2015", "huaying-2015", "mianyang-2015", "suining-2015", "yibin-2015", "zigong-2015"]
    assert unpaired["zigong-2015"].reason == "no plan for 自贡市"
    assert {k for k, s in unpaired.items() if s.kind == "plan"} == {"guangan-2017", "zibo-2025"}


def test_a_plan_covering_the_year_beats_one_starting_the_year_after() -> None:
    s = SummaryInfo("luzhou.txt", ("泸州市",), 2015)
    p2016 = PlanInfo("p2016.yaml", "luzhou-2016", "泸州市", (2016, 2016))
    p2015 = PlanInfo("p2015.yaml", "luzhou-2015", "泸州市", (2015, 2015))
    assert [p.plan for p in pair([p2016], [s])[0]] == ["p2016.yaml"]
    pairs, skipped = pair([p2016, p2015], [s])
    assert [p.plan for p in pairs] == ["p2015.yaml"] and [x.path for x in skipped] == ["p2016.yaml"]
    late = pair([PlanInfo("p2013.yaml", "x", "泸州市", (2013, 2014))], [s])
    assert late[0] == [] and "no plan covers 2015" in late[1][0].reason


def test_a_compilation_pairs_with_every_plan_whose_region_it_holds() -> None:
    plans = [describe_plan(str(PLANS / f"{n}.yaml")) for n in ("mianzhu-2015", "guanghan-2015", "zibo-2025")]
    pairs, skipped = pair(plans, [describe_summary(str(COMPILATION))])
    assert [Path(p.plan).stem for p in pairs] == ["mianzhu-2015", "guanghan-2015"]
    assert [Path(s.path).stem for s in skipped] == ["zibo-2025"]


def test_batch_over_the_split_compilation(split_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("check", PLANS, split_dir, "--output-dir", out, "--jobs", "2")
    assert result.exit_code == 1                      # 绵竹 and 广汉 have unreported items
    assert not CONTROL.search(result.output), "no control characters when not on a terminal"
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    rows = index["pairs"]
    assert [(r["plan_id"], Path(r["summary"]).name, r["region"], r["year"]) for r in rows] == [
        ("guanghan-2015", "2015-广汉市.txt", "广汉市", 2015),
        ("luzhou-2016", "2015-泸州市.txt", "泸州市", 2015),
        ("mianzhu-2015", "2015-绵竹市.txt", "绵竹市", 2015)]
    mianzhu = rows[2]
    assert mianzhu["counts"] == {"met": 11, "missed": 0, "unreported": 5, "pending": 0, "needs_review": 3, "total": 16}
    assert mianzhu["report"] == "mianzhu-2015--2015-绵竹市.html" and (out / mianzhu["report"]).is_file()
    assert rows[1]["counts"]["pending"] == 40 and not rows[1]["failing"]
    assert len([u for u in index["unpaired"] if u["kind"] == "summary"]) == 7
    assert index["exit_status"] == 1
    # the same report a single check writes, with a link back to the index
    single = tmp_path / "single.html"
    invoke("check", PLANS / "mianzhu-2015.yaml", split_dir / "2015-绵竹市.txt", "-o", single)
    back = '<p class="back"><a href="index.html">← 返回批量核查索引</a></p>\n'
    assert (out / mianzhu["report"]).read_text(encoding="utf-8") == \
        single.read_text(encoding="utf-8").replace("<body>\n", "<body>\n" + back)
    # the terminal index lists every pair and every unpaired file
    for name in ("guanghan-2015", "luzhou-2016", "mianzhu-2015", "2015-自贡市.txt", "未配对的总结"):
        assert name in result.output


def test_index_html_is_readable_without_javascript(split_dir: Path, tmp_path: Path) -> None:
    invoke("check", PLANS, split_dir, "--output-dir", tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    static = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert static.count('<tr class="checked') == 3
    assert '<a href="mianzhu-2015--2015-%E7%BB%B5%E7%AB%B9%E5%B8%82.html">' in static
    assert "<th" in static and "<button" not in static       # sort buttons are added by the script only
    assert "<script src" not in html and "http" not in html
    md = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "| mianzhu-2015 |" in md and "未配对文件（" in md


def test_order_and_bytes_do_not_depend_on_the_number_of_workers(split_dir: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "3"):
        out = tmp_path / jobs
        invoke("check", PLANS, split_dir, "--output-dir", out, "--jobs", jobs)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]


def test_failed_files_are_rows_and_do_not_stop_the_batch(tmp_path: Path) -> None:
    result = invoke("check", "--manifest", MANIFEST, "--output-dir", tmp_path, "--format", "json")
    assert result.exit_code == 2                       # a failed pair outranks failing items
    rows = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))["pairs"]
    assert [r["status"] for r in rows] == ["checked", "failed", "failed", "checked"]
    assert rows[1]["error"].startswith(str(MANIFEST.parent / "bad-plan.yaml") + ":")
    assert "\n" not in rows[1]["error"] and "more problems" in rows[1]["error"]
    assert rows[2]["error"].endswith("no-such-summary.txt: file not found")
    assert sorted(p.name for p in tmp_path.glob("*--*")) == ["guanghan-2015--guanghan-2015.json",
                                                             "mianzhu-2015--mianzhu-2015.json"]
    assert "无法核查：" in result.output and "Traceback" not in result.output


def test_bad_files_found_in_folders_are_failed_rows(tmp_path: Path) -> None:
    plans, summaries = tmp_path / "plans", tmp_path / "summaries"
    plans.mkdir(), summaries.mkdir()
    shutil.copy(PLANS / "mianzhu-2015.yaml", plans)
    shutil.copy(MANIFEST.parent / "bad-plan.yaml", plans)
    shutil.copy(SUMMARIES / "mianzhu-2015.txt", summaries)
    (summaries / "empty.txt").write_bytes(b"")
    result = run_batch(str(plans), str(summaries), jobs=2)
    assert [(r["status"], Path(r["plan"] or r["summary"]).name) for r in result.rows] == [
        ("checked", "mianzhu-2015.yaml"), ("failed", "bad-plan.yaml"), ("failed", "empty.txt")]
    assert result.rows[2]["error"].endswith("empty.txt: file is empty")
    assert result.exit_status == 2


def test_fail_on_decides_exit_1_or_0(split_dir: Path) -> None:
    assert invoke("check", PLANS / "mianzhu-2015.yaml", split_dir).exit_code == 1
    result = invoke("check", PLANS / "mianzhu-2015.yaml", split_dir, "--fail-on", "missed")
    assert result.exit_code == 0 and "未配对文件 9 个" in result.output


def test_manifest_paths_are_relative_to_it_and_errors_are_one_line(tmp_path: Path) -> None:
    assert [Path(p.plan).name for p in read_manifest(str(MANIFEST))][:2] == ["mianzhu-2015.yaml", "bad-plan.yaml"]
    for text in ("pairs: []", "pairs: [{plan: a.yaml}]", "- a", "pairs: [unclosed"):
        bad = tmp_path / "m.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(IpcheckError):
            read_manifest(str(bad))
        result = CliRunner().invoke(main, ["check", "--manifest", str(bad)])
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.parametrize("args", [
    ("check", PLANS, SUMMARIES, "-o", "x.html"),
    ("check", PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianzhu-2015.txt", "--output-dir", "x"),
    ("check", "--manifest", MANIFEST, PLANS / "mianzhu-2015.yaml"),
    ("check", PLANS / "mianzhu-2015.yaml"),
])
def test_usage_errors(args) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_province_tree_is_read_to_every_depth_but_not_the_output_folder(tmp_path: Path) -> None:
    plans, tree = tmp_path / "plans", tmp_path / "province"
    (plans / "deyang").mkdir(parents=True)
    shutil.copy(SAMPLES / "plans" / "mianzhu-2015.yaml", plans / "deyang" / "mianzhu-2015.yaml")
    shutil.copy(SAMPLES / "plans" / "guanghan-2015.yaml", plans / "guanghan-2015.yaml")
    for city in ("mianzhu", "guanghan", "zigong"):
        (tree / city / "2015").mkdir(parents=True)
        shutil.copy(SAMPLES / "summaries" / "2015" / f"{city}-2015.txt", tree / city / "2015" / "summary.txt")
    (tree / ".drafts").mkdir()
    shutil.copy(SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt", tree / ".drafts" / "old.txt")
    out = tree / "reports"                    # the output folder inside the summaries' tree
    first = invoke("check", str(plans), str(tree), "--output-dir", str(out), "--format", "markdown", "--lang", "en")
    assert first.exit_code == 1, first.output
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    paired = sorted((Path(r["plan"]).name, Path(r["summary"]).parent.parent.name) for r in index["pairs"])
    assert paired == [("guanghan-2015.yaml", "guanghan"), ("mianzhu-2015.yaml", "mianzhu")]
    assert [Path(u["path"]).parts[-3] for u in index["unpaired"]] == ["zigong"]       # not .drafts
    second = invoke("check", str(plans), str(tree), "--output-dir", str(out), "--format", "markdown", "--lang", "en")
    again = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert again == index, "the reports written into the tree are not read back as summaries"
    assert second.exit_code == 1


@pytest.mark.parametrize("text", ["pairs: 0000-00-00\n", "pairs: [\n", "[" * 3000])
def test_a_manifest_yaml_cannot_hold_is_one_line(tmp_path: Path, text: str) -> None:
    manifest = tmp_path / "pairs.yaml"
    manifest.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--manifest", str(manifest)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and str(manifest) in result.stderr
