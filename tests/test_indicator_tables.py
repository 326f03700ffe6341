"""Tables of indicators (ipcheck.reading.indicator_tables): rows are quantities, columns say what each number is."""
from __future__ import annotations

from decimal import Decimal

from ipcheck.model import Document, FigureKind
from ipcheck.reading.figures import document_figures
from ipcheck.reading.text import segment


def _figures(text: str) -> list[tuple[str, str, str, str, int | None]]:
    sentences = segment(Document(path="t.txt", text=text, encoding="utf-8"), year=2020)
    return [(f.quantity, str(f.value), f.unit, f.kind.value, f.year)
            for figs in document_figures(sentences).values() for f in figs]


def test_a_completion_table_gives_targets_actuals_and_leads() -> None:
    got = _figures("2020年工作总结\n指标 | 目标值 | 完成值 | 完成率\n专利申请量(件) | 20000 | 23560 | 117.8%\n"
                   "专利质押融资额(亿元) | 5 | 6.2 | 124.0%\n")
    assert ("专利申请量", "20000", "件", FigureKind.TARGET.value, None) in got
    assert ("专利申请量", "23560", "件", FigureKind.LEVEL.value, None) in got
    assert ("专利申请量", "117.8", "%", FigureKind.COMPLETION.value, None) in got
    assert ("专利质押融资额", "6.2", "亿元", FigureKind.LEVEL.value, None) in got


def test_a_column_named_by_a_year_holds_that_years_level() -> None:
    got = _figures("2020年统计\n指标 | 2020年 | 2019年 | 同比增长\n发明专利授权量(件) | 2180 | 2320 | -6.0%\n")
    assert ("发明专利授权量", "2180", "件", "level", 2020) in got
    assert ("发明专利授权量", "2320", "件", "level", 2019) in got
    assert ("发明专利授权量", str(Decimal("-6.0")), "%", "growth", None) in got


def test_a_header_with_a_column_of_another_kind_is_not_read_as_indicators() -> None:
    got = _figures("2020年统计\n指标 | 排名 | 完成值\n专利申请量(件) | 3 | 23560\n")
    assert not any(kind == "target" or quantity == "专利申请量" and value == "3" for quantity, value, _, kind, _ in got)


def _warned(text: str) -> dict[str, tuple[str, ...]]:
    sentences = segment(Document(path="t.txt", text=text, encoding="utf-8"), year=2021)
    return {f"{f.quantity} {f.value} {f.kind.value}": tuple(w.key for w in f.warnings)
            for figs in document_figures(sentences).values() for f in figs}


SELF_CHECK = ("2021年自查表\n序号 | 指标或任务 | 目标值 | 完成值 | 完成情况\n1 | 专利授权量(件) | 3000 | 3420 | 已完成\n"
              "2 | 发明专利授权量(件) | 300 | 265 | 未完成\n3 | PCT国际专利申请量(件) | 20 | 26 | 未完成\n"
              "4 | 知识产权质押融资额(亿元) | 3 |  | 未完成\n5 | 地理标志商标(件) | 40 | 38 | 完成\n")


def test_a_self_check_table_with_row_numbers_reads_targets_and_actuals_and_its_marks() -> None:
    got = _warned(SELF_CHECK)
    assert got["专利授权量 3420 level"] == ()                       # 已完成 and 3420 ≥ 3000: confirmed
    assert got["发明专利授权量 265 level"] == ()                    # 未完成 and short: confirmed
    assert got["PCT国际专利申请量 26 level"] == ("warning.table_mark",)   # 未完成 though 26 ≥ 20: review
    assert got["地理标志商标 38 level"] == ("warning.table_mark",)        # 完成 though 38 < 40: review
    assert "知识产权质押融资额 3 target" in got and not any(k.startswith("知识产权质押融资额") and k.endswith("level")
                                                         for k in got)     # a blank actual: the target only
    assert not any(k.split()[1] in ("1", "2", "3", "4", "5") and "专利授权量" in k for k in got)   # 序号 no figure


def test_a_year_before_a_columns_kind_dates_it_and_another_years_actual_is_never_the_report_years() -> None:
    got = _figures("2020年总结\n指标 | 2019年实际 | 2020年目标 | 2020年实际 | 2021年目标\n"
                   "专利授权量(件) | 13260 | 12000 | 11870 | 13000\n")
    assert ("专利授权量", "13260", "件", "level", 2019) in got
    assert ("专利授权量", "12000", "件", "target", 2020) in got
    assert ("专利授权量", "11870", "件", "level", 2020) in got
    assert ("专利授权量", "13000", "件", "target", 2021) in got


def test_a_tab_separated_table_reads_as_a_pipe_table_with_no_split_number_warning() -> None:
    text = "2021年总结\n指标\t计划\t实际\t完成率\n专利申请量(件)\t6000\t6840\t114.0%\n"
    assert _figures(text) == _figures(text.replace("\t", " | "))
    assert ("专利申请量", "6840", "件", "level", None) in _figures(text)
    assert _warned(text)["专利申请量 6840 level"] == ()


def test_a_flattened_self_check_table_reads_cell_by_cell_and_stops_at_a_cell_it_cannot_place() -> None:
    flat = ("2021年目标完成情况\n序号\n指标\n目标值\n完成值\n完成情况\n1\n专利授权量(件)\n2500\n2780\n已完成\n"
            "2\n发明专利授权量(件)\n260\n数据待发布\n未完成\n3\n商标注册量(件)\n900\n950\n已完成\n")
    got = _warned(flat)
    assert got["专利授权量 2780 level"] == () and "专利授权量 2500 target" in got
    assert not any(k.startswith("商标注册量") for k in got)     # after a cell it cannot place nothing is guessed
    assert _warned(flat.replace("已完成\n2\n", "未完成\n2\n", 1))["专利授权量 2780 level"] == ("warning.table_mark",)
