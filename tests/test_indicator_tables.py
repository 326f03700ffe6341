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
