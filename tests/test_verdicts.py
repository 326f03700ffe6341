"""The comparison of a figure's interval with a target: met only when every allowed value meets it."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from ipcheck.model import Figure, FigureKind, Measure, Op, Target
from ipcheck.verdicts.decide import clause_span, compare


def fig(value, unit="件", qualifier=None, low=None, high=None):
    if qualifier is None:
        low = high = value
    return Figure(value=value, unit=unit, kind=FigureKind.LEVEL, quantity="专利申请量", text=str(value),
                  start=0, end=1, qualifier=qualifier, low=low, high=high)


def tgt(op, value, unit="件"):
    return Target(id="T", metric="专利申请量", measure=Measure.LEVEL, op=Op(op), value=value, unit=unit)


CASES = [
    # figure, target, expected (True met / False failed / None undecidable)
    (fig(1796), tgt(">=", 1750), True),
    (fig(1750), tgt(">=", 1750), True),
    (fig(1750), tgt(">", 1750), False),
    (fig(1749), tgt(">=", 1750), False),
    (fig(12000, "份", "余", 12000, None), tgt(">=", 10000, "份"), True),
    (fig(12000, "份", "余", 12000, None), tgt(">=", 15000, "份"), None),
    (fig(200, "个", "近", None, 200), tgt(">=", 150, "个"), None),
    (fig(200, "个", "近", None, 200), tgt(">=", 250, "个"), False),
    (fig(200, "个", "近", None, 200), tgt("<=", 250, "个"), True),
    (fig(100, "件", "约", 95, 105), tgt(">=", 90), True),
    (fig(100, "件", "约", 95, 105), tgt(">=", 100), None),
    (fig(1, "家", "~", 1, 2), tgt(">=", 2, "家"), None),
    (fig(2, "家", "~", 2, 3), tgt(">=", 2, "家"), True),
    (fig(1.67, "亿元"), tgt(">=", 10000, "万元"), True),
    (fig(1.67, "亿元"), tgt(">=", 2, "亿元"), False),
    (fig(500, "万元"), tgt("==", 0.05, "亿元"), True),
]


@pytest.mark.parametrize("figure,target,expected", CASES)
def test_compare(figure, target, expected) -> None:
    assert compare(figure, target) is expected


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_lower_bound_never_meets_an_upper_limit_it_may_exceed(v, limit) -> None:
    # "12000余" may be any amount from 12000 up: it can never prove a "<=" target met.
    assert compare(fig(v, "件", "余", v, None), tgt("<=", limit)) is not True


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_upper_bound_never_meets_a_floor(v, floor) -> None:
    # "近200" is at most 200 and maybe much less: it can never prove a ">=" target met.
    assert compare(fig(v, "件", "近", None, v), tgt(">=", floor)) is not True


@pytest.mark.parametrize("text,span,clause", [
    ("全市专利申请量1796件,同比增长26%;申请发明专利484件", (14, 17), "同比增长26%"),
    ("全市专利申请量1796件,同比增长26%", (7, 11), "全市专利申请量1796件"),
    ("力争全市知识产权质押融资达到500万元以上。", (14, 19), "力争全市知识产权质押融资达到500万元以上"),
])
def test_clause_span(text, span, clause) -> None:
    a, b = clause_span(text, *span)
    assert text[a:b] == clause


def test_a_pending_item_says_whether_progress_was_reported() -> None:
    """Issue #12 §3 n: pending with nothing reported (progress none) apart from pending below the
    target (progress reported); other statuses carry no progress."""
    import yaml as _yaml
    from ipcheck.check import check
    from ipcheck.model import Document
    from ipcheck.plans.loader import parse_plan
    plan = parse_plan(_yaml.safe_dump({"version": 1, "plan": {"id": "p", "title": "p", "region": "测试市"},
        "targets": [{"id": "A", "metric": "专利申请量", "measure": "level", "op": ">=", "value": 2000, "unit": "件", "due": 2020},
                    {"id": "B", "metric": "商标注册量", "measure": "level", "op": ">=", "value": 10, "unit": "件", "due": 2020},
                    {"id": "C", "metric": "专利申请量", "measure": "level", "op": ">=", "value": 1000, "unit": "件", "due": 2015}],
        "tasks": [{"id": "K", "title": "建立知识产权维权援助中心", "due": 2020}]}, allow_unicode=True))
    doc = Document("s", "2015年测试市知识产权工作总结\n一、工作成效\n全市专利申请量1796件。\n", "utf-8")
    got = {v.item_id: (v.status.value, dict(v.params).get("progress")) for v in check(plan, doc).verdicts}
    assert got == {"A": ("pending", "reported"), "B": ("pending", "none"), "C": ("met", None), "K": ("pending", "none")}
