"""Tests for ipcheck.reading.figures: every figure of a sentence read and bound, from real seed sentences."""
from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from ipcheck.reading.figures import extract_figures
from ipcheck.model import FigureKind
from ipcheck.units import exact

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "figures" / "cases.yaml").read_text(encoding="utf-8"))
SEED = Path("/work/shared/seeds/001_d9f4be199116ba61.txt")


def _describe(figs) -> str:
    return "\n".join(f"  {f.value:g} {f.unit} {f.kind.value} q={f.quantity!r} ql={f.qualifier} "
                     f"[{f.low},{f.high}] y={f.year} w={[w.text() for w in f.warnings]}" for f in figs)


@pytest.mark.parametrize("case", CASES, ids=[c["sentence"][:24] for c in CASES])
def test_case(case: dict) -> None:
    figs = extract_figures(case["sentence"])
    expected = case["figures"]
    assert len(figs) == len(expected), _describe(figs)
    for f, e in zip(figs, expected):
        where = f"{f.text!r} in {case['sentence'][:40]}\n{_describe(figs)}"
        assert f.value == exact(e["value"]), where            # exact decimals, no tolerance
        assert f.unit == e["unit"], where
        assert f.kind is FigureKind(e["kind"]), where
        if e["quantity"]:
            assert e["quantity"] in f.quantity, where
        else:
            assert f.quantity == "", where
        assert f.qualifier == e.get("qualifier"), where
        low = e.get("low", e["value"]) if "low" in e else e["value"]
        high = e.get("high", e["value"]) if "high" in e else e["value"]
        assert f.low == (None if low is None else exact(low)), where
        assert f.high == (None if high is None else exact(high)), where
        assert sorted(w.code for w in f.warnings) == sorted(e.get("warnings", [])), where
        assert f.year == e.get("year"), where


def test_cases_are_many_and_real() -> None:
    assert len(CASES) >= 60


def test_spans_point_at_the_figure() -> None:
    s = "2015年全市专利申请量1796件,同比增长26%;检查商品1.8万余件,近万名群众参观,占比百分之三十。"
    for f in extract_figures(s):
        assert s[f.start:f.end] == f.text
    texts = [f.text for f in extract_figures(s)]
    assert texts == ["1796件", "26%", "1.8万余件", "万名", "百分之三十"]


def test_garbled_percent_only_at_clause_end() -> None:
    figs = extract_figures("完成目标任务183?,占总数的41?")
    assert [(f.value, f.unit) for f in figs] == [(183, "%"), (41, "%")]
    assert all(any(w.code == "garbled_unit" for w in f.warnings) for f in figs)
    assert extract_figures("3?15世界消费者权益日、12?4全国法制宣传日、5?26执法推进工程") == ()


def test_years_dates_and_codes_are_not_figures() -> None:
    for s in ["2015年12月20日", "2016-2020年", "2014年底", "竹府发〔2015〕64号", "【2015】01号",
              "专利号:ZL201220559894.4", "第十七届", "第3名", "十八届五中全会", "“十三五”规划",
              "GB/T29490-2013标准", "3D 模式", "《2015年推进计划》", "“524”行动计划", "一批", "一次性",
              "进一步", "一体化", "统一", "五位一体", "每万人", "千英百团", "4月24日", "1-11月"]:
        assert extract_figures(s) == (), s


@given(st.text(alphabet=st.sampled_from(list("0123456789.,;、?%％万亿千百十一二两三四五余多近约以上件项家人次/元年月日第《》“”()〔〕 专利申请量同比增长占分别比较")),
               max_size=80))
@settings(max_examples=400, deadline=None)
def test_never_raises_and_spans_hold(s: str) -> None:
    for f in extract_figures(s):
        assert 0 <= f.start < f.end <= len(s)
        assert s[f.start:f.end] == f.text
        assert isinstance(f.value, Decimal)
        if f.low is not None:
            assert f.low <= f.value           # exact: no tolerance
        if f.high is not None:
            assert f.value <= f.high


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(s: str) -> None:
    for f in extract_figures(s):
        assert s[f.start:f.end] == f.text


@pytest.mark.parametrize("unit", ["1" * 20000, "一" * 20000, "1," * 10000, "1-" * 10000, "“" * 5000 + "1件",
                                  "《" * 5000 + "2", "(" * 5000 + "2015)", "1.2." * 5000, "近" * 10000 + "1件",
                                  "1件," * 5000, "1件" * 10000, "分别1件、" * 3000, " " * 20000 + "1件",
                                  "2015年" * 5000 + "1件", "占" * 10000 + "1%"])
def test_adversarial_input_is_fast(unit: str) -> None:
    t = time.perf_counter()
    extract_figures(unit)
    assert time.perf_counter() - t < 2.0


@pytest.mark.skipif(not SEED.exists(), reason="seed corpus not present")
def test_whole_seed_is_fast() -> None:
    from ipcheck.reading.text import normalise
    text = normalise(SEED.read_text(encoding="utf-8"))
    sentences = [s for s in re.split(r"(?<=[。!?])|\n", text) if s.strip()]
    t = time.perf_counter()
    n = sum(len(extract_figures(s)) for s in sentences)
    elapsed = time.perf_counter() - t
    assert n > 400
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"


@pytest.mark.parametrize("text, value, quantity", [
    ("专利授权量：8650件。", "8650", "专利授权量"),
    ("全市专利申请量： 1.2万件,同比增长10%。", "12000", "专利申请量"),
    ("发明专利授权量: 350件", "350", "发明专利授权量"),
])
def test_a_label_and_its_number_after_a_colon_are_one_figure(text: str, value: str, quantity: str) -> None:
    """A 专栏 or bulletin line 指标:数值 (ZH-PUNCT-021): the number is a figure of the label before the colon;
    a time (10:30) and a heading's colon (主要做法:召开会议) are not joined."""
    from ipcheck.reading.text import normalise
    first = extract_figures(normalise(text))[0]
    assert (first.value, first.quantity) == (Decimal(value), quantity)
    assert extract_figures(normalise("时间:10:30")) == ()
