"""What `ipcheck plan draft` makes of a committed figure and of running text: units and
denominators as written, elliptic and listed quantities, aliases, every: year, the prose due year,
and tasks named in running text. Which figures are committed: ipcheck.plans.draft_commit. Words:
ipcheck/plans/draft_words.yaml.

- A figure is kept as written: 3.5万件 is value 3.5, unit 万件.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ipcheck.model import Figure
from ipcheck.units import exact, magnitudes
from ipcheck.plans.draft_commit import Due, alternation, prose_due, words


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {"per_capita": re.compile(alternation("per_capita")),
            "every": re.compile(alternation("every_year")),
            "quarter": re.compile(alternation("every_quarter"))}


_ON_BASE = re.compile(r"在[^,;。]{0,24}基础上\s*(?:再)?(?:增长|提高|增加)\s*$")


def as_written(fig: Figure, value: Decimal | float, unit: str) -> tuple[Decimal | int, str]:
    """3.5万件 as value 3.5, unit 万件 (the figure's reader gives 35000 件)."""
    m = re.search(r"(万|亿)\s*" + re.escape(unit) + "$", fig.text.strip())
    if not m or unit in ("万元", "亿元", "万人", "万人次", "万美元", "亿美元"):
        return value, unit
    scaled = exact(value) / magnitudes()[m.group(1)]          # exact: 3.5万件 is 3.5, never 3.4999…
    return (int(scaled) if scaled == int(scaled) else round(scaled, 6)), m.group(1) + unit


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


def recurs(before: str) -> str | None:
    """"quarter" (每季度), "year" (每年, 年度) or None: how often what follows ``before`` recurs."""
    p = _patterns()
    return "quarter" if p["quarter"].search(before) else "year" if p["every"].search(before) else None


def task_phrases(norm: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Tasks named in running text: the items of "确定了A、B、C等工作任务", and "实施…工程"."""
    w = words()
    opens, closes = alternation("task_list_open"), alternation("task_list_close")
    out: list[tuple[int, str]] = []
    for m in re.finditer(rf"(?:{opens})([^。;]{{4,200}}?)(?:{closes})", norm[lo:hi]):
        body, at = m.group(1), lo + m.start(1)
        items = re.split(r"、(?![^“”]*”)|和(?=大力|不断|加强|实施|推进)", body)
        if len(items) >= 2:
            out += [(at + body.find(i), i.strip()) for i in items if len(i.strip()) >= 4]
    verbs, progs = alternation("task_verbs"), alternation("task_programme")
    for m in re.finditer(rf"(?:{verbs})[^,;。、]{{2,40}}?(?:{progs})", norm[lo:hi]):
        if not any(a <= lo + m.start() < a + len(t) + 12 for a, t in out):
            out.append((lo + m.start(), m.group(0)))
    del w
    return sorted(out)


ORDER = ("id", "metric", "aliases", "measure", "op", "value", "unit", "due", "source", "of", "baseline",
          "every")


def refine(item: Any, fig: Figure, sent: str, a: int, previous: str | None,
           marks: list[Due] | None, fallback: tuple[int, str] | None = None) -> list[Any]:
    """A drafted target (ipcheck.plans.draft_extract.DraftItem) as the text writes it: unit and value as
    written, the stem of an elliptic quantity, the denominator, aliases, every: year, the prose
    due year (``marks`` given for a text without numbered parts), and one target per listed
    quantity ("涉外专利申请量、授权量年均增长20%")."""
    if item.skipped:
        return [item]
    f = item.fields
    f["value"], f["unit"] = as_written(fig, f["value"], str(f["unit"]))
    metric, of = per_capita(elliptic_stem(str(f["metric"]), previous))
    on_base = _ON_BASE.search(sent[:fig.start])
    if on_base and f["unit"] == "%":    # "专利权质押融资额争取在2017年3.3亿元基础上增长20%"
        c0 = max([m.end() for m in re.finditer(r"[,;:。]", sent[:on_base.start()])] or [0])
        subject = re.sub(r"(?:争取|力争|要|将)$", "", sent[c0:on_base.start()].strip())
        if len(subject) >= 2:
            f["measure"], metric = "growth", subject
    if f["measure"] == "level" and f["unit"] == "%" and re.search(r"(?:率|比例|比重|占比)$", metric):
        f["measure"] = "share"          # 自主商标拥有率达80%: a rate is a share
    if f["measure"] == "level" and f["unit"] in ("个百分点", "百分点"):
        f["measure"] = "growth"         # 产业化率提高5个百分点: a difference of two rates
        item.review = [r for r in item.review if not r.startswith("an increase")]
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
            elif d.pos < a:
                item.review.append(f"due {d.year}: read from an earlier sentence, not the figure's own")
        elif fallback is not None:
            f["due"] = fallback[0]
            item.review.append(fallback[1])
        else:
            item.review.append("no due year stated: add one")
    every = recurs(sent[max(0, fig.start - 12):fig.start])
    if every and f["measure"] != "annual_growth":
        item.notes = [n for n in item.notes if not n.startswith("yearly")]
        f["every"] = every
        item.notes.append("quarterly (每季度): every: quarter, checked in each year's summary against 4 quarters"
                          if every == "quarter" else "yearly (每年): every: year, checked in each year's summary")
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
        new.fields = {k: new.fields[k] for k in ORDER if k in new.fields}
        out.append(new)
    return out
