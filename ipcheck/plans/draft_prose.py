"""What `ipcheck plan draft` makes of a committed figure and of running text: units and
denominators as written, elliptic and listed quantities, aliases, every: year, the prose due year,
and tasks named in running text. Which figures are committed: ipcheck.plans.draft_commit. Words:
ipcheck/lang/zh/drafting.yaml (ZH-DRAFT-100..125).

- A figure is kept as written: 3.5万件 is value 3.5, unit 万件.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ipcheck.lang.registry import chars, load, param, regex, table, words
from ipcheck.model import Figure
from ipcheck.units import exact, magnitudes
from ipcheck.plans.draft_commit import STOP, Due, prose_due

_ON_BASE = regex("ZH-DRAFT-100")
_SCALES = "|".join(table("ZH-NUM-003"))         # 万, 亿: a figure is kept as written in them (3.5万件)
_SEP = chars("ZH-BIND-022")                     # 、 between the items of a list
_RECURS = "ZH-DRAFT-125"


def as_written(fig: Figure, value: Decimal | float, unit: str) -> tuple[Decimal | int, str]:
    """3.5万件 as value 3.5, unit 万件 (the figure's reader gives 35000 件)."""
    m = re.search(rf"({_SCALES})\s*" + re.escape(unit) + "$", fig.text.strip())
    if not m or unit in words("ZH-DRAFT-101"):
        return value, unit
    scaled = exact(value) / magnitudes()[m.group(1)]          # exact: 3.5万件 is 3.5, never 3.4999…
    return (int(scaled) if scaled == int(scaled) else round(scaled, 6)), m.group(1) + unit


def per_capita(metric: str) -> tuple[str, str | None]:
    """(metric with its population first, the population) for a per-capita metric."""
    m = regex("ZH-DRAFT-102").search(metric)
    if not m:
        return metric, None
    of = m.group(0).lstrip(param("ZH-DRAFT-102", "each"))
    if m.end() == len(metric):          # 发明专利拥有量达到每万人 → 每万人发明专利拥有量
        stem = regex("ZH-DRAFT-103").sub("", metric[:m.start()])
        metric = m.group(0) + stem
    return metric, of


def share_of(sentence: str, fig_start: int) -> str | None:
    """The whole of a share: 占GDP比重 → GDP, 占主营业务收入的比重 → 主营业务收入."""
    m = None
    for m in regex("ZH-DRAFT-104").finditer(sentence[:fig_start]):
        pass
    return m.group(1) if m else None


def elliptic_stem(metric: str, previous: str | None) -> str:
    """授权量 after 年专利申请量 → 年专利授权量 (the stem of the previous quantity)."""
    if not previous or metric not in words("ZH-DRAFT-105"):
        return metric
    for e in sorted(words("ZH-DRAFT-105"), key=len, reverse=True):
        if previous.endswith(e) and len(previous) > len(e):
            return previous[:-len(e)] + metric
    return metric


def split_listed(metric: str) -> list[str]:
    """"涉外专利申请量、授权量" → [涉外专利申请量, 涉外专利授权量]; other metrics unchanged."""
    parts = [p for p in metric.split(_SEP) if p]
    if len(parts) < 2 or not all(p in words("ZH-DRAFT-105") for p in parts[1:]):
        return [metric]
    return [parts[0]] + [elliptic_stem(p, parts[0]) for p in parts[1:]]


def collection_member(rest: str) -> str | None:
    """"筛选100家以上重点企业、行业协会、电商平台,建立市、县两级知识产权保护重点单位库": a figure counting
    several listed kinds that the next clause gathers into a named collection counts that collection's
    members (知识产权保护重点单位). ``rest``: the sentence after the figure's clause."""
    m = regex("ZH-DRAFT-108").match(rest)
    if not m:
        return None
    name = m.group(1).split(_SEP)[-1]                 # 市、县两级… → 县两级…
    name = regex("ZH-DRAFT-109").sub("", name)        # 县两级知识产权… → 知识产权…
    name = regex("ZH-DRAFT-110").sub("", name)
    return name if len(name) >= 4 else None


def aliases(metric: str) -> list[str]:
    """The usual other names of the same quantity (每万人口 / 万人, 有效发明专利拥有量 / 发明专利拥有量)."""
    out: list[str] = []
    for group in (r.items() for r in load().group("draft_alias")):
        for w in group:
            if w in metric:
                out += [metric.replace(w, other) for other in group if other != w]
                break
    return [a for a in dict.fromkeys(out) if a != metric]


def set_baseline(items: list[Any], fig: Figure, base: Decimal, year: int | None, said: str, named: str,
                 due: int | None, unclear_only: bool = False) -> None:
    """Give drafted targets (the figure ``fig``'s) the baseline ``base`` (in the figure reader's
    units), written in the end's unit as written (从8000件提高到1.2万件: 0.8 万件): {year, value, source}
    when the text names its year (由2015年的…, “十三五”末, 比2015年翻一番), else a number. ``named``: the
    quantity the base names, the metric when the drafted one does not (or, ``unclear_only``, is unclear);
    ``due``: the year the end is stated for (提高到2019年的8件)."""
    for item in items:
        f = item.fields
        if item.skipped or not f.get("value"):
            continue
        metric = str(f.get("metric", ""))
        unclear = len(metric) <= 2 or metric == f.get("unit")
        if len(named) > 2 and named not in metric and (unclear or not unclear_only):
            f["metric"], of = per_capita(named)
            f.pop("of", None)
            f.pop("aliases", None)
            if of:
                f["of"] = of
            if aliases(str(f["metric"])):
                f["aliases"] = aliases(str(f["metric"]))
            item.review = [r for r in item.review if not r.startswith(("metric '", "no_quantity"))]
        if due:
            f["due"] = due
        scale = exact(fig.value) / exact(f["value"])   # 1.2万件: the reader's 12000 件 per 1.2
        value = round(exact(base) / scale, 6)
        value = int(value) if value == int(value) else value
        if year is not None and (f.get("due") is None or year < int(f["due"])):
            f["baseline"] = {"year": year, "value": value, "source": said}
        else:
            f["baseline"] = value
            item.notes.append(param("ZH-DRAFT-022", "no_year").format(said=said))
        item.fields = {k: f[k] for k in ORDER if k in f}


def recurs(before: str) -> str | None:
    """"quarter" (每季度), "year" (每年, 年度) or None: how often what follows ``before`` recurs."""
    return next((every for word, every in table(_RECURS).items() if word in before), None)


def task_phrases(norm: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Tasks named in running text: the items of "确定了A、B、C等工作任务", and "实施…工程"."""
    out: list[tuple[int, str]] = []
    for m in regex("ZH-DRAFT-117").finditer(norm[lo:hi]):
        body, at = m.group(1), lo + m.start(1)
        items = regex("ZH-DRAFT-118").split(body)
        if len(items) >= 2:
            out += [(at + body.find(i), i.strip()) for i in items if len(i.strip()) >= 4]
    for m in regex("ZH-DRAFT-121").finditer(norm[lo:hi]):
        if not any(a <= lo + m.start() < a + len(t) + 12 for a, t in out):
            out.append((lo + m.start(), m.group(0)))
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
        c0 = max([m.end() for m in re.finditer(f"[,;:{STOP}]", sent[:on_base.start()])] or [0])
        subject = regex("ZH-DRAFT-122").sub("", sent[c0:on_base.start()].strip())
        if len(subject) >= 2:
            f["measure"], metric = "growth", subject
    if f["measure"] == "level" and f["unit"] == "%" and regex("ZH-DRAFT-123").search(metric):
        f["measure"] = "share"          # 自主商标拥有率达80%: a rate is a share
    if f["measure"] == "level" and regex("ZH-DRAFT-124").match(str(f["unit"])):
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
        item.notes.append(param(_RECURS, "quarterly" if every == "quarter" else "yearly"))
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
