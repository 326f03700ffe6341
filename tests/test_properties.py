"""Properties that must hold for any input, found by hypothesis, and a short fuzz run.

Kept cheap (about 200 examples each). tests/test_text.py and tests/test_figures.py already
check normalise's length/idempotence and the figure reader on short strings; this file adds
arbitrary Unicode documents, offsets through the whole pipeline, the whole check, the fast
paths that replaced quadratic scans (each against the plain definition it replaced), and
tools/fuzz.py on 200 cases.
"""
from __future__ import annotations

import importlib.util
import json
import math
from decimal import Decimal
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipcheck.reading import cues
from ipcheck.check import check, read_figures
from ipcheck.errors import IpcheckError
from ipcheck.verdicts.matching import _task_hits, bigrams
from ipcheck.model import Document
from ipcheck.plans.loader import load_plan
from ipcheck.report import BINARY_FORMATS, REPORTER_BY_NAME, render
from ipcheck.reading.text import normalise, segment
from ipcheck.verdicts.decide import CLAUSE_END, MAJOR_END, clause_span, next_mark

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN = load_plan(SAMPLES / "plans" / "mianzhu-2015.yaml")
FEW = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a summary is made of, plus the characters that break readers: invisible, bidi,
# separators, astral, combining marks, CR and the odd control character.
PIECES = st.sampled_from([
    "专利申请量", "发明专利申请", "同比增长", "件", "项", "家", "%", "万元", "亿元", "个百分点", "余", "近", "约",
    "以上", "左右", "第", "届", "年", "2015年", "2016年工作计划", "一、", "(二)", "3、", "(4)", "①", "存在的问题",
    "下一步", "工作总结", "。", ",", ";", ":", "、", "?", "!", "“", "”", "《", "》", "〔2015〕64号", "1796", "1,796",
    "１７９６", "3.6万", "1.67亿", "百分之三十", "三十五", "41?", "3?15", "1~2", "\n", "\n\n", " ", "\u3000",
    "\u00a0", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u2028", "\u2029", "\r", "\t", "\x0b", "\x1b",
    "\U0001f600", "\U00020000", "\u0301", "\ufffd", "力争", "将", "未", "尚未", "完成", "开展", "知识产权宣传周",
])
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
DOCS = st.lists(st.one_of(PIECES, PIECES, st.text(ANY_CHAR, max_size=3)), max_size=60).map("".join)


def as_document(text: str) -> Document:
    """What read_document would hand over: newlines already unified."""
    return Document(path="<hypothesis>", text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding="utf-8")


# ------------------------------------------------------------------ normalise

@FEW
@given(st.text(ANY_CHAR))
def test_normalise_is_per_character(s: str) -> None:
    """Offsets map back because each character maps alone: normalise(s)[i] == normalise(s[i])."""
    n = normalise(s)
    assert all(n[i] == normalise(ch) for i, ch in enumerate(s))


# ------------------------------------------------------------------ segmentation

@FEW
@given(DOCS)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    doc = as_document(text)
    norm = normalise(doc.text)
    pos = 0
    for i, s in enumerate(segment(doc)):
        assert s.index == i
        assert pos <= s.start < s.end <= len(doc.text)          # in order, no overlap
        assert doc.text[s.start:s.end] == s.text
        assert s.norm == norm[s.start:s.end]
        assert not norm[pos:s.start].strip()                     # nothing but blanks skipped
        assert s.line == doc.text.count("\n", 0, s.start) + 1
        pos = s.end
    assert not norm[pos:].strip()


# ------------------------------------------------------------------ figures in their sentences

@FEW
@given(DOCS)
def test_figures_lie_inside_their_sentence(text: str) -> None:
    doc = as_document(text)
    sentences = segment(doc)
    figures = read_figures(sentences)
    for s in sentences:
        for f in figures[s.index]:
            assert 0 <= f.start < f.end <= len(s.norm)
            assert s.norm[f.start:f.end] == f.text
            assert normalise(s.text[f.start:f.end]) == f.text    # and in the original, as written
            assert doc.text[s.start + f.start:s.start + f.end] == s.text[f.start:f.end]
            assert isinstance(f.value, Decimal) and f.value.is_finite()     # exact, never a float
            if f.low is not None:
                assert f.low.is_finite() and f.low <= f.value
            if f.high is not None:
                assert f.high.is_finite() and f.value <= f.high


def test_absurdly_long_numbers_are_not_figures() -> None:
    from ipcheck.reading.figures import extract_figures
    for s in ["专利申请" + "9" * 400 + "件", "增长" + "9" * 320 + "%", "投入1" + "0" * 308 + "亿元"]:
        assert extract_figures(s) == (), s


# ------------------------------------------------------------------ the whole check

def _strict_json(text: str) -> dict:
    def no_constants(name: str):
        raise AssertionError(f"non-finite number {name} in the JSON report")
    return json.loads(text, parse_constant=no_constants)


@FEW
@given(DOCS)
def test_check_never_raises_and_every_report_renders(text: str) -> None:
    try:
        report = check(PLAN, as_document(text))
    except IpcheckError:
        return
    assert report.counts["total"] == len(PLAN.targets) + len(PLAN.tasks)
    for fmt in REPORTER_BY_NAME:
        out = render(report, fmt)
        assert isinstance(out, bytes if fmt in BINARY_FORMATS else str), fmt
        assert out or fmt == "github", fmt      # GitHub annotations: nothing flagged, no line
    _strict_json(render(report, "json"))


# ------------------------------------------------------------------ fast paths == definitions

CLAUSE_TEXT = st.lists(st.sampled_from(list("ab将计划力争我们为总体目标目标是确立以,;:。!?、部署安排")), max_size=40).map("".join)


@FEW
@given(CLAUSE_TEXT, st.data())
def test_clause_span_matches_its_definition(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    left = 0
    for m in CLAUSE_END.finditer(text, 0, start):
        left = m.end()
    m = CLAUSE_END.search(text, end)
    assert clause_span(text, start, end) == (left, m.start() if m else len(text))
    m = MAJOR_END.search(text, end)
    assert next_mark(MAJOR_END, text, end) == (m.start() if m else None)


@FEW
@given(CLAUSE_TEXT, st.data())
def test_prefix_cues_match_their_definition(text: str, data) -> None:
    end = data.draw(st.integers(0, len(text)))
    assert cues.strong_intention_before(text, end) == cues.is_strong_intention(text[:end])
    assert cues.goal_before(text, end) == cues.is_goal(text[:end])


def _task_hits_reference(title_bigrams, keywords, text):
    marks = [False] * len(text)
    wanted = set(title_bigrams)
    for i in range(len(text) - 1):
        if text[i:i + 2] in wanted:
            marks[i] = marks[i + 1] = True
    for k in keywords:
        start = text.find(k)
        while start >= 0:
            for j in range(start, start + len(k)):
                marks[j] = True
            start = text.find(k, start + len(k))
    spans, i = [], 0
    while i < len(text):
        if marks[i]:
            j = i
            while j < len(text) and marks[j]:
                j += 1
            if j - i >= 3:
                spans.append((i, j))
            i = j
        else:
            i += 1
    return tuple(spans)


_DONE_BEFORE = re.compile(cues._DONE.pattern.replace("(?<![0-9一二两三四五六七八九十百千万])", ""))
_NUMERIC_TITLE_BEFORE = re.compile(r"[0-9]|[一二两三四五六七八九十百千万]+(?:余|多)?(?:件|项|家|个|次|户|人|亿|万)")
RUN_TEXT = st.lists(st.sampled_from(list("1一十万余多件项人了为已完成共有a,")), max_size=30).map("".join)


@FEW
@given(RUN_TEXT)
def test_linear_count_patterns_find_what_the_old_ones_found(text: str) -> None:
    """The look-behind that makes _DONE and _NUMERIC_TITLE linear on long digit runs
    changes where a search may start, never whether it finds something."""
    from ipcheck.verdicts.tasks import _NUMERIC_TITLE
    assert _DONE_BEFORE.pattern != cues._DONE.pattern
    assert bool(cues._DONE.search(text)) == bool(_DONE_BEFORE.search(text))
    assert bool(_NUMERIC_TITLE.search(text)) == bool(_NUMERIC_TITLE_BEFORE.search(text))


HIT_TEXT = st.lists(st.sampled_from(list("专利导航企业战略研究ab.1(")), max_size=40).map("".join)


@FEW
@given(HIT_TEXT, HIT_TEXT, st.lists(HIT_TEXT.filter(bool), max_size=3))
def test_task_hits_match_their_definition(text: str, title: str, keywords: list[str]) -> None:
    assert _task_hits(bigrams(title), keywords, text) == _task_hits_reference(bigrams(title), keywords, text)


# ------------------------------------------------------------------ tools/fuzz.py, briefly

def _fuzz_module():
    spec = importlib.util.spec_from_file_location("ipcheck_fuzz", ROOT / "tools" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def test_fuzz_200_cases(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    result = fuzz.fuzz(cases=200, seed=20151231, jobs=1, timeout=30, cli_every=25, save_root=str(tmp_path))
    crashes = [f"case {o.case} ({' '.join(o.mutations)}): {o.detail.strip().splitlines()[-1]}"
               for o in result["crashes"]]
    assert crashes == [], "\n".join(crashes)
    assert result["counts"]["ok"] >= 50         # the mutations must reach the check, not stop at the reader


def test_fuzz_cases_are_reproducible() -> None:
    fuzz = _fuzz_module()
    assert fuzz.make_case(3, 17) == fuzz.make_case(3, 17)
    assert fuzz.make_case(3, 17) != fuzz.make_case(3, 18)


@pytest.mark.parametrize("pattern_text", ["1" * 20000, "、" * 20000, "开展知识产权宣传周活动" + "1" * 50000 + "件。"])
def test_long_runs_stay_fast(pattern_text: str) -> None:
    import time
    t = time.perf_counter()
    check(PLAN, as_document("2015年工作总结\n" + pattern_text))
    assert time.perf_counter() - t < 5


# ------------------------------------------------------------------ config and reviews files

_YAMLISH = st.text(alphabet=st.sampled_from(list("abc_:- \n\t'\"[]{}#&*!|>.0123456789年审核\u3000")), max_size=200)
_DECISION = ("version: 1\ndecisions:\n- item: '5'\n  summary: s.txt\n  status: met\n  reason: 第15行\n"
             "  by: 王审核\n  date: '2026-01-31T09:30:00Z'\n  tool_status: unreported\n"
             f"  summary_sha256: {'a' * 64}\n  item_sha256: {'b' * 64}\n")


@FEW
@given(st.one_of(_YAMLISH, st.text(max_size=120), st.builds(lambda cut, noise: _DECISION[:cut] + noise,
                                                            st.integers(0, len(_DECISION)), _YAMLISH)))
def test_a_reviews_file_parses_or_fails_with_located_problems(text: str) -> None:
    from ipcheck.reviews import parse
    try:
        decisions = parse(text, "r.reviews.yaml")
    except IpcheckError as exc:
        assert all(str(p).startswith("r.reviews.yaml") and "\n" not in str(p) for p in exc.problems)
    else:
        assert all(d.item and d.reason and d.by for d in decisions)


@FEW
@given(st.one_of(_YAMLISH, st.text(max_size=120), st.sampled_from(["0000-00-00", "x: 2015-13-45", "!!binary x",
                                                                   "lang: &a en\nformat: *a"])),
       st.sampled_from(["ipcheck.toml", ".ipcheck.yaml"]))
def test_a_config_file_is_read_or_refused_in_one_line(text: str, name: str) -> None:
    import tempfile

    from ipcheck.config import load_config
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, name).write_text(text, encoding="utf-8")
        try:
            cfg = load_config(folder, {}, {})
        except IpcheckError as exc:
            assert len(exc.problems) == 1 and "\n" not in str(exc)
        else:
            assert set(cfg.sources) == set(cfg.values)
