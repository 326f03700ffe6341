"""What `ipcheck plan draft` reads beyond numbered parts: commitments in prose, due years, units
and denominators as written, and tasks named in running text. Words: ipcheck/plans/draft_words.yaml.

Rules (docs/draft.md states them for users):

- In a text without numbered parts (news, speeches, excerpts), a sentence commits to its figures
  when it names a due year (到2020年, “十三五”末, 未来5年, 2至3年内) or a commitment word (力争,
  计划, 将, 届时 …), or follows such a sentence in the same paragraph; a sentence with a results
  word (截至, 去年, 目前, 已, 同比 …) and no due year reports results and is left out.
- due: the nearest due year before the figure in its sentence, else the last one before it in the
  text. "未来5年" / "2至3年内" count from the year after the latest year the text names (a guess,
  marked for review).
- A figure is kept as written: 3.5万件 is value 3.5, unit 万件.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ipcheck.model import Figure
from ipcheck.units import exact, magnitudes

_WORDS_PATH = Path(__file__).with_name("draft_words.yaml")
_FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists, read once."""
    return yaml.safe_load(_WORDS_PATH.read_text(encoding="utf-8"))


def _alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words()[key], key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    w = words()
    return {
        "commit": re.compile(_alternation("commitment")),
        "past": re.compile("|".join([_alternation("past"), *w["past_patterns"]])),
        "by_year": re.compile(r"(?<!截)(?<!截止)(?:到|至|截止到)\s*(20\d\d)\s*年|(?<![截止])(20\d\d)\s*年\s*(?:底|末)?\s*(?:前|以前)(?!\d)"),
        "five_end": re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?\s*(?:末|期末|时期末)"),
        "relative": re.compile(r"(?:未来\s*(\d{1,2}|[一二三四五六七八九十])\s*年|"
                               r"(\d{1,2})\s*(?:至|到|-|~)?\s*(\d{1,2})?\s*年内)"),
        "year": re.compile(r"(?<![\d])((?:19|20)\d\d)\s*年"),
        "structure": re.compile(_alternation("structure")),
        "per_capita": re.compile(_alternation("per_capita")),
        "every": re.compile(_alternation("every_year")),
    }


_CN_SMALL = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


def _small(s: str) -> int:
    return int(s) if s.isdigit() else _CN_SMALL.get(s, 0)


@dataclass(frozen=True)
class Due:
    year: int
    pos: int
    guess: str = ""          # why the year is a guess (a review note), "" when stated


def due_marks(norm: str, lo: int, hi: int) -> list[Due]:
    """Every due year stated between ``lo`` and ``hi``, in order."""
    p = _patterns()
    out = [Due(int(m.group(1) or m.group(2)), m.start()) for m in p["by_year"].finditer(norm, lo, hi)]
    out += [Due(_FIVE_YEAR_END[m.group(1)], m.start()) for m in p["five_end"].finditer(norm, lo, hi)]
    base = base_year(norm)
    for m in p["relative"].finditer(norm, lo, hi):
        n = _small(m.group(1) or m.group(3) or m.group(2) or "")
        if n and base is not None:
            out.append(Due(base + n, m.start(), f"“{m.group(0)}” counted from {base}: check the due year"))
    return sorted(out, key=lambda d: d.pos)


def base_year(norm: str) -> int | None:
    """The year a text speaks from: the year after the latest year it names outside a due mark."""
    p = _patterns()
    due_at = {m.start(1) if m.group(1) else m.start(2) for m in p["by_year"].finditer(norm)}
    years = [int(m.group(1)) for m in p["year"].finditer(norm) if m.start(1) not in due_at]
    return max(years) + 1 if years else None


def committed_sentences(norm: str, cuts: list[tuple[int, int]]) -> dict[int, bool]:
    """Sentence start → whether it commits to its figures (see the module rules)."""
    p = _patterns()
    out: dict[int, bool] = {}
    prev = False
    for a, b in cuts:
        sent = norm[a:b]
        if a == 0 or "\n" in norm[max(0, a - 1):a + 1] or norm[a - 1:a] == "\n":
            prev = False             # a new paragraph
        has_due = bool(due_marks(norm, a, b))
        if has_due:
            ok = True
        elif p["past"].search(sent):
            ok = False
        else:
            ok = bool(p["commit"].search(sent)) or prev
        out[a] = ok
        prev = ok
    return out


def prose_due(marks: list[Due], sent_start: int, pos: int) -> Due | None:
    """The due year of a figure at ``pos``: the nearest mark before it (in its sentence first)."""
    before = [d for d in marks if d.pos < pos]
    inside = [d for d in before if d.pos >= sent_start]
    return (inside or before or [None])[-1]


def structure_count(fig: Figure) -> bool:
    """True for a count of the plan's own parts (18项重点任务, 两个发展目标)."""
    return bool(_patterns()["structure"].fullmatch(fig.quantity.strip())) or bool(
        re.fullmatch(r"[^,;。]{0,4}(?:" + _alternation("structure") + ")", fig.quantity.strip()))


def as_written(fig: Figure, value: Decimal, unit: str) -> tuple[Decimal | int, str]:
    """3.5万件 as value 3.5, unit 万件 (the figure's reader gives 35000 件), exact."""
    m = re.search(r"(万|亿)\s*" + re.escape(unit) + "$", fig.text.strip())
    if not m or unit in ("万元", "亿元", "万人", "万人次", "万美元", "亿美元"):
        return value, unit
    scaled = exact(value) / magnitudes()[m.group(1)]
    return (int(scaled) if scaled == scaled.to_integral_value() else scaled.normalize()), m.group(1) + unit


def per_capita(metric: str) -> tuple[str, str | None]:
    """(metric with its population first, the population) for a per-capita metric."""
    m = _patterns()["per_capita"].search(metric)
    if not m:
        return metric, None
    of = m.group(0).lstrip("每")
    if m.end() == len(metric):          # 发明专利拥有量达到每万人 → 每万人发明专利拥有量
        stem = re.sub(r"(?:达到|达|为)$", "", metric[:m.start()])
        metric = m.group(0) + stem
    return metric, of


def share_of(sentence: str, fig_start: int) -> str | None:
    """The whole of a share: 占GDP比重 → GDP, 占主营业务收入的比重 → 主营业务收入."""
    m = None
    for m in re.finditer(r"占([^,;。占]{1,16}?)(?:的)?(?:比重|比例|份额)", sentence[:fig_start]):
        pass
    return m.group(1) if m else None


def elliptic_stem(metric: str, previous: str | None) -> str:
    """授权量 after 年专利申请量 → 年专利授权量 (the stem of the previous quantity)."""
    if not previous or metric not in words()["elliptic"]:
        return metric
    for e in sorted(words()["elliptic"], key=len, reverse=True):
        if previous.endswith(e) and len(previous) > len(e):
            return previous[:-len(e)] + metric
    return metric


def split_listed(metric: str) -> list[str]:
    """"涉外专利申请量、授权量" → [涉外专利申请量, 涉外专利授权量]; other metrics unchanged."""
    parts = [p for p in metric.split("、") if p]
    if len(parts) < 2 or not all(p in words()["elliptic"] for p in parts[1:]):
        return [metric]
    return [parts[0]] + [elliptic_stem(p, parts[0]) for p in parts[1:]]


def aliases(metric: str) -> list[str]:
    """The usual other names of the same quantity (每万人口 / 万人, 有效发明专利拥有量 / 发明专利拥有量)."""
    out: list[str] = []
    for group in words()["aliases"]:
        for w in group:
            if w in metric:
                out += [metric.replace(w, other) for other in group if other != w]
                break
    return [a for a in dict.fromkeys(out) if a != metric]


def recurs(before: str) -> bool:
    return bool(_patterns()["every"].search(before))


def task_phrases(norm: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Tasks named in running text: the items of "确定了A、B、C等工作任务", and "实施…工程"."""
    w = words()
    opens, closes = _alternation("task_list_open"), _alternation("task_list_close")
    out: list[tuple[int, str]] = []
    for m in re.finditer(rf"(?:{opens})([^。;]{{4,200}}?)(?:{closes})", norm[lo:hi]):
        body, at = m.group(1), lo + m.start(1)
        items = re.split(r"、(?![^“”]*”)|和(?=大力|不断|加强|实施|推进)", body)
        if len(items) >= 2:
            out += [(at + body.find(i), i.strip()) for i in items if len(i.strip()) >= 4]
    verbs, progs = _alternation("task_verbs"), _alternation("task_programme")
    for m in re.finditer(rf"(?:{verbs})[^,;。、]{{2,40}}?(?:{progs})", norm[lo:hi]):
        if not any(a <= lo + m.start() < a + len(t) + 12 for a, t in out):
            out.append((lo + m.start(), m.group(0)))
    del w
    return sorted(out)


_ORDER = ("id", "metric", "aliases", "measure", "op", "value", "unit", "due", "source", "of", "baseline",
          "every")


def refine(item: Any, fig: Figure, sent: str, a: int, previous: str | None,
           marks: list[Due] | None) -> list[Any]:
    """A drafted target (ipcheck.plans.draft_extract.DraftItem) as the text writes it: unit and value as
    written, the stem of an elliptic quantity, the denominator, aliases, every: year, the prose
    due year (``marks`` given for a text without numbered parts), and one target per listed
    quantity ("涉外专利申请量、授权量年均增长20%")."""
    if item.skipped:
        return [item]
    f = item.fields
    f["value"], f["unit"] = as_written(fig, f["value"], str(f["unit"]))
    metric, of = per_capita(elliptic_stem(str(f["metric"]), previous))
    if f["measure"] == "level" and f["unit"] == "%" and re.search(r"(?:率|比例|比重|占比)$", metric):
        f["measure"] = "share"          # 自主商标拥有率达80%: a rate is a share
    if f["measure"] == "share":
        of = of or share_of(sent, fig.start)
    if marks is not None:
        item.review = [r for r in item.review if not r.startswith("no due year")]
        d = prose_due(marks, a, a + fig.start)
        f.pop("due", None)
        if d is not None:
            f["due"] = d.year
            if d.guess:
                item.review.append(d.guess)
        else:
            item.review.append("no due year stated: add one")
    if recurs(sent[max(0, fig.start - 12):fig.start]) and f["measure"] != "annual_growth":
        item.notes = [n for n in item.notes if not n.startswith("yearly")]
        f["every"] = "year"
        item.notes.append("yearly (每年): every: year, checked in each year's summary")
    if of:
        f["of"] = of
    pieces = split_listed(metric)
    if len(pieces) > 1:
        item.review = [r for r in item.review if not r.startswith("metric names several")]
    out = []
    for m in pieces:
        new = item if not out else type(item)(item.kind, dict(f), item.line, list(item.notes),
                                              list(item.review))
        new.fields["metric"] = m
        al = aliases(m)
        if al:
            new.fields["aliases"] = al
        new.fields = {k: new.fields[k] for k in _ORDER if k in new.fields}
        out.append(new)
    return out


def not_a_quantity(sent: str, fig: Figure) -> bool:
    """A rank (全国前十, 第3位) or a figure qualifying a noun (超2000件的县市区): no target."""
    before, after = sent[:fig.start].rstrip(), sent[fig.end:].lstrip()
    return before.endswith(("前", "第")) or after.startswith("的")
