"""Tables flattened one cell per line (or one row per line with |) are read row by row against their header
(issue #12 §3 m): every cell a figure with its column's quantity and unit, its row's owner and the title's
period; a target meets only its own region's row, and the evidence names the row and the column."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.model import Document, Figure
from ipcheck.plans.loader import parse_plan
from ipcheck.reading.figures import document_figures
from ipcheck.reading.table_header import fit
from ipcheck.reading.tables import WHOLE, read_tables
from ipcheck.reading.text import segment

ROOT = Path(__file__).resolve().parent.parent
HUNAN = ROOT / "tests" / "corpus" / "texts" / "hunan-2020-11-table.txt"
BEIJING = ROOT / "tests" / "realworld" / "dev" / "beijing-2010-table" / "summary.txt"


def _cells(path_or_text: Path | str) -> dict[int, list[Figure]]:
    """line -> the table figures read on it."""
    doc = read_document(path_or_text) if isinstance(path_or_text, Path) else \
        Document(path="t.txt", text=path_or_text, encoding="utf-8")
    sentences = segment(doc)
    read = read_tables(sentences)
    out: dict[int, list[Figure]] = {}
    for s in sentences:
        out.setdefault(s.line, []).extend(read.get(s.index, ()))
    return out


def test_a_flattened_two_level_header_gives_each_cell_its_column_row_and_period() -> None:
    cells = _cells(HUNAN)
    first = cells[20][0]                      # 长沙市's first cell: the 2020年/11月 column, the title's subject
    assert (first.value, first.unit, first.quantity, first.row, first.whose, first.year) == \
        (Decimal("32981"), "件", "有效发明专利", "长沙市", "长沙市", 2020)
    assert any(w.code == "partial_period" for w in first.warnings)
    assert [f.quantity for f in cells[21] + cells[25] + cells[26]] == ["职务大专院校", "职务总计", "非职务个人"]
    assert (cells[27][0].unit, cells[28][0].unit) == ("万人", "件/万人")         # (万人), (件/万人) under their names
    assert cells[29] == [] and cells[40] == []                                   # 排名: ranks are no figures
    assert cells[184][0].row == cells[184][0].whose == "全省"                   # the total row: the whole's
    assert cells[3] == [] and cells[1] == []                                      # header and title lines


def test_a_pipe_table_reads_each_row_and_skips_its_gloss_rows() -> None:
    cells = _cells(BEIJING)
    beijing = cells[21]
    assert len(beijing) == 10 and {f.row for f in beijing} == {"北京"}
    cumulative, year = beijing[0], beijing[5]
    assert cumulative.value == Decimal("109868") and any(w.code == "cumulative" for w in cumulative.warnings)
    assert (year.value, year.quantity, year.year, year.warnings) == (Decimal("26306"), "合计", 2010, ())
    assert cells[22] == [] and cells[20] == []          # beijing | 100.0% …: the shares of the row above


TABLE = """2020年测试省有效发明专利统计表
地区
发明
实用新型
测试市
{a}
{b}
其他市
{c}
{d}
合计
{e}
{f}
"""


def test_a_ragged_row_is_not_read_and_a_total_row_is_the_titles_region() -> None:
    text = TABLE.format(a=1, b=2, c=3, d=4, e=5, f=6).replace("其他市\n3\n", "其他市\n")
    cells = _cells(text)
    assert [f.value for f in cells[6] + cells[7]] == [1, 2] and cells[9] == []      # 其他市 lacks a cell
    total = cells[11] + cells[12]
    assert {f.whose for f in total} == {"测试省"} and {f.row for f in total} == {"合计"}
    assert not any(WHOLE in f.warnings for f in total)


def test_a_header_that_fits_no_way_or_several_ways_yields_nothing() -> None:
    assert fit([], 2) is None
    text = TABLE.format(a=1, b=2, c=3, d=4, e=5, f=6).replace("实用新型\n", "实用新型\n外观设计\n")
    assert all(not figs for figs in _cells(text).values())          # 3 names over 2 cells: no fit


def test_numbers_without_a_header_are_no_table() -> None:
    text = "测试市2020年知识产权工作总结\n测试市\n100\n200\n"
    sentences = segment(Document(path="t.txt", text=text, encoding="utf-8"))
    assert read_tables(sentences) == {}
    assert all(not figs for figs in document_figures(sentences).values())


# End to end: a small plan against a flattened table; the target meets, misses or is pending on the plan
# region's row, and another region's row never decides it.
def _verdict(region: str, value: int, due: int, a: int = 32981, c: int = 40000):
    plan = {"version": 1, "plan": {"id": "t", "title": "测试", "region": region},
            "targets": [{"id": "T1", "metric": "发明专利拥有量", "aliases": ["发明"], "measure": "level",
                         "op": ">=", "value": value, "unit": "件", "due": due}]}
    parsed = parse_plan(yaml.safe_dump(plan, allow_unicode=True), path="plan.yaml")
    doc = Document(path="table.txt", text=TABLE.format(a=a, b=2, c=c, d=4, e=a + c, f=6), encoding="utf-8")
    return check(parsed, doc).verdicts[0]


@pytest.mark.parametrize("value,due,status", [(30000, 2020, "met"), (35000, 2020, "missed"),
                                              (35000, 2021, "pending")])
def test_a_target_is_decided_by_its_regions_row(value: int, due: int, status: str) -> None:
    v = _verdict("测试市", value, due)
    assert v.status.value == status
    assert v.figure is not None and v.figure.value == 32981
    assert v.evidence[0].line == 6 and v.evidence[0].text == "测试市 · 发明 32981"
    assert v.evidence[0].highlight == ((len("测试市 · 发明 "), len("测试市 · 发明 32981")),)


def test_another_regions_row_never_meets_the_target() -> None:
    v = _verdict("别的市", 30000, 2020)         # only 其他市 (40000) and the province's total clear it
    assert v.status.value == "unreported" and v.figure is None and not v.evidence
    assert _verdict("测试省", 30000, 2020).status.value == "met"        # the total row is the province's


def test_explain_shows_the_table_cell_as_evidence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(
        "version: 1\nplan: {id: t, title: 测试, region: 测试市}\ntargets:\n"
        "  - {id: T1, metric: 发明专利拥有量, aliases: [发明], measure: level, op: '>=', value: 30000, unit: 件,"
        " due: 2020}\n", encoding="utf-8")
    (tmp_path / "table.txt").write_text(TABLE.format(a=32981, b=2, c=40000, d=4, e=72981, f=6), encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-config", "explain", "plan.yaml", "table.txt", "T1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "第6行" in result.stdout and "测试市 · 发明 32981" in result.stdout and "ZH-TABLE-001" in result.stdout
    assert "其他市 · 发明" not in result.stdout
