"""A figure's quantity matches a target's metric only when it names the same quantity."""
from __future__ import annotations

import pytest

from ipcheck.verdicts.matching import bigrams, core
from ipcheck.verdicts.targets import name_score
from ipcheck.model import Measure, Op, Target


def target(metric, aliases=(), exclude=()):
    return Target(id="T", metric=metric, measure=Measure.LEVEL, op=Op.GE, value=1, unit="件",
                  aliases=tuple(aliases), exclude=tuple(exclude))


@pytest.mark.parametrize("quantity,metric,aliases,exclude,matches", [
    ("全市专利申请量", "专利申请量", (), (), True),
    ("年度完成专利申请量", "专利申请量", (), (), True),
    ("专利申请", "专利申请量", (), (), True),
    ("申请发明专利", "专利申请量", ("申请专利",), (), False),
    ("年度完成发明专利申请量", "专利申请量", (), (), False),       # narrower: 发明
    ("企业专利申请量", "专利申请量", (), (), False),               # narrower: 企业
    ("企业专利申请量", "专利申请量", (), ("企业专利申请",), False),
    ("全市发明专利申请量", "发明专利申请量", (), (), True),
    ("发明专利授权", "专利申请量", (), (), False),
    ("每万人有效发明专利拥有量", "每万人有效发明专利拥有量", (), (), True),
    ("万人拥有有效发明专利量", "每万人有效发明专利拥有量", ("万人拥有有效发明专利量",), (), True),
    ("", "专利申请量", (), (), False),
])
def test_name_score(quantity, metric, aliases, exclude, matches) -> None:
    assert (name_score(quantity, target(metric, aliases, exclude)) > 0) is matches


def test_core_drops_only_neutral_suffixes() -> None:
    assert core("专利申请量") == "专利申请"
    assert core("注册商标总数") == "注册商标"
    assert core("发明专利") == "发明专利"


def test_bigrams_skip_punctuation() -> None:
    assert bigrams("专利,申请") == ["专利", "申请"]
