"""Which figures of running text a plan commits to, and by when (for ``ipcheck plan draft``).

Rules (docs/draft.md states them for users; the words are data: ipcheck/plans/draft_words.yaml):

- A sentence commits to its figures when it names a due year (到2020年, “十三五”末, “十二五”期间,
  未来5年, 今年, a year that opens a committing sentence: "2017年,…将…") or a commitment word
  (力争, 计划, 将, 届时 …), or follows such a sentence in its paragraph, or is a list item
  ("——…") after a committing line that ends with a colon.
- A figure is a result, not a commitment, when its own clause has a results word (截至, 去年, 目前,
  已, 完成了 …), when a results word comes before it in its sentence with nothing committing
  in between, or when its clause opens with a year before the text's own year ("2014年,…").
  "比上年"/"较上年" is the base of a growth, not a result.
- A due year is never read from a comparison ("与“十一五”末相比") or a from-to of results
  ("提高到2019年的1515亿元").
- The text's own year is its dateline's (2017-02-20, 2015年4月3日, 04.04.2015).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ipcheck.model import Figure

_WORDS_PATH = Path(__file__).with_name("draft_words.yaml")
FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_CN_SMALL = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists, read once."""
    return yaml.safe_load(_WORDS_PATH.read_text(encoding="utf-8"))


def alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words()[key], key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    w = words()
    commit = alternation("commitment")
    return {
        "commit": re.compile(commit),
        "weak": re.compile(alternation("commitment_weak")),
        "past": re.compile("|".join([alternation("past"), *w["past_patterns"]])),
        "neutral": re.compile(alternation("growth_base")),
        "by_year": re.compile(r"(?<!截)(?<!截止)(?:到|至|截止到)\s*(20\d\d)\s*年(?!\s*的\s*[\d.])(?!\d)|"
                              r"(?<![截止])(20\d\d)\s*年\s*(?:底|末)?\s*(?:前|以前)(?![\d一二三四五六七八九十两]|\s*(?:季度|个月))"),
        "five_end": re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?\s*(?:末|期末|时期末|期间|时期)(?!\s*的)"),
        "relative": re.compile(r"(?:未来\s*(\d{1,2}|[一二三四五六七八九十])\s*年|"
                               r"(\d{1,2})\s*(?:至|到|-|~)?\s*(\d{1,2})?\s*年内)"),
        "this_year": re.compile(rf"(?:{alternation('this_year')})(?!\s*(?:前|以来|上半年|一季度|第一季度|\d))"),
        "lead_year": re.compile(rf"(?:^|(?<=[,;:。\n]))\s*(20\d\d)\s*年(?!\s*\d|\s*[底末]|度)|"
                                rf"(?:{commit}|{alternation('commitment_weak')})\s*(20\d\d)\s*年(?!\s*\d)"),
        "year": re.compile(r"(?<![\d])((?:19|20)\d\d)\s*年"),
        "stage": re.compile(rf"(?<![截止从由比较与到至\d])(20\d\d)\s*年(?=\s*(?:{alternation('stage_verbs')}|,))"),
        "comparison": re.compile(r"(?:与|和|同|比|较|从|由)\s*[“\"]?\s*$"),
        "structure": re.compile(alternation("structure")),
        "structure_after": re.compile(rf"^(?:大)?(?:{alternation('structure_after')})"),
        "list_item": re.compile(r"^\s*(?:——|--|—|-|•|·|●|■|[①②③④⑤⑥⑦⑧⑨⑩])"),
    }


def small_number(s: str) -> int:
    return int(s) if s.isdigit() else _CN_SMALL.get(s, 0)


@dataclass(frozen=True)
class Due:
    year: int
    pos: int
    guess: str = ""          # why the year is a guess (a review note), "" when stated


_DATELINE = (re.compile(r"(20\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})"),
             re.compile(r"(\d{1,2})\.(\d{1,2})\.(20\d\d)"))


def text_year(norm: str) -> int | None:
    """The year the text was written: the first full date in its opening lines."""
    head = norm[:300]
    found = []
    for i, pattern in enumerate(_DATELINE):
        for m in pattern.finditer(head):
            year = int(m.group(3) if i else m.group(1))
            found.append((m.start(), year))
    return min(found)[1] if found else None


def due_marks(norm: str, lo: int, hi: int, own_year: int | None = None) -> list[Due]:
    """Every due year stated between ``lo`` and ``hi``, in order (see the module rules)."""
    p = patterns()
    out = [Due(int(m.group(1) or m.group(2)), m.start()) for m in p["by_year"].finditer(norm, lo, hi)]
    out += [Due(FIVE_YEAR_END[m.group(1)], m.start()) for m in p["five_end"].finditer(norm, lo, hi)]
    for m in p["lead_year"].finditer(norm, lo, hi):
        year = int(m.group(1) or m.group(2))
        rest = norm[m.end():hi]
        end = re.search(r"[。\n]", rest)
        sentence_rest = rest[:end.start() if end else len(rest)]
        if own_year is not None and year < own_year:
            continue
        later = own_year is not None and year > own_year      # "2015年,我市申请发明专利达到…" in 2013
        if m.group(1) and not (later or commits(sentence_rest) or sentence_rest.lstrip().startswith("的")):
            continue                # "2014年,江西省共申请…": a year of results
        out.append(Due(year, m.start()))
    for m in p["stage"].finditer(norm, lo, hi):       # "专利申请量2017年达到1000件,2018年达到1200件"
        year = int(m.group(1))
        if (own_year is None or year >= own_year) and commits(_sentence(norm, m.start(), lo, hi)):
            out.append(Due(year, m.start()))
    if own_year is not None:
        out += [Due(own_year, m.start()) for m in p["this_year"].finditer(norm, lo, hi)]
    base = base_year(norm)
    for m in p["relative"].finditer(norm, lo, hi):
        n = small_number(m.group(1) or m.group(3) or m.group(2) or "")
        if n and base is not None:
            out.append(Due(base + n, m.start(), f"“{m.group(0)}” counted from {base}: check the due year"))
    out = [d for d in out if not p["comparison"].search(norm[max(lo, d.pos - 3):d.pos])]
    return sorted(set(out), key=lambda d: d.pos)


@lru_cache(maxsize=8)
def _sentence(norm: str, pos: int, lo: int, hi: int) -> str:
    a = max(norm.rfind("。", lo, pos), norm.rfind("\n", lo, pos)) + 1
    ends = [i for i in (norm.find("。", pos, hi), norm.find("\n", pos, hi)) if i >= 0]
    return norm[max(a, lo):min(ends) if ends else hi]


def stage_year(sent: str, pos: int, period: tuple[int, int] | None) -> int | None:
    """The year of the stage a figure at ``pos`` belongs to in a numbered plan ("2017年培育10家,
    2018年培育20家"): the last stage year before it in its sentence, within the plan's period."""
    found = [int(m.group(1)) for m in patterns()["stage"].finditer(sent, 0, pos)]
    if not found or period is None or not period[0] <= found[-1] <= period[1]:
        return None
    return found[-1]


# A from-to ("从14件提高到34件", "由2016年的4件提高到2019年的8件"): the start is the baseline.
_FROM = re.compile(r"(?:从|由)\s*(?:(?:20\d\d)\s*年\s*(?:底|末)?\s*的|[“\"]?十[一二三四五]五[”\"]?\s*(?:末|期末)\s*的?)?\s*$")
_TO = re.compile(r"^\s*(?:提高|增加|增长|提升|上升|扩大)\s*(?:到|至)\s*(?:(20\d\d)\s*年\s*(?:底|末)?\s*的?)?\s*$")


def from_to(sent: str, first: Figure, second: Figure | None) -> int | None:
    """When ``first`` starts a from-to ending at ``second``: the year the end is stated for
    (提高到2019年的8件), 0 without one; None when it is no from-to."""
    if second is None or not _FROM.search(sent[:first.start]):
        return None
    m = _TO.match(sent[first.end:second.start])
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else 0


def base_year(norm: str) -> int | None:
    """The year a text speaks from: the year after the latest year it names outside a due mark."""
    p = patterns()
    due_at = {m.start(1) if m.group(1) else m.start(2) for m in p["by_year"].finditer(norm)}
    years = [int(m.group(1)) for m in p["year"].finditer(norm) if m.start(1) not in due_at]
    return max(years) + 1 if years else None


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _results(text: str) -> re.Match[str] | None:
    """A results word in ``text``, a growth base (比上年) aside."""
    p = patterns()
    return p["past"].search(_blank(p["neutral"], text))


def commits(text: str, strong_only: bool = False) -> bool:
    """A commitment word in ``text`` outside a results phrase ("完成…的目标" commits nothing);
    a weak one (每年, 目标 …) only when ``text`` has no results word."""
    p = patterns()
    rest = _blank(p["past"], _blank(p["neutral"], text))
    if p["commit"].search(rest):
        return True
    return not strong_only and bool(p["weak"].search(rest)) and not _results(text)


def committed_at(norm: str, lo: int, hi: int) -> "list[tuple[int, int, bool]]":
    """(start, end, commits) of every sentence between ``lo`` and ``hi``."""
    cuts = sorted({lo, hi, *(m.end() for m in _SENTENCE_END.finditer(norm, lo, hi))})
    pairs = list(zip(cuts, cuts[1:]))
    ok = committed_sentences(norm, pairs, text_year(norm))
    return [(a, b, ok.get(a, False)) for a, b in pairs]


def committed_sentences(norm: str, cuts: list[tuple[int, int]], own_year: int | None = None) -> dict[int, bool]:
    """Sentence start → whether it commits to its figures (see the module rules)."""
    p = patterns()
    out: dict[int, bool] = {}
    prev = listing = False
    for a, b in cuts:
        sent = norm[a:b]
        if a == 0 or "\n" in norm[max(0, a - 1):a + 1] or norm[a - 1:a] == "\n":
            if not (listing and p["list_item"].match(sent)):
                prev = listing = False       # a new paragraph, not an item of a list announced by ":"
        strong = bool(due_marks(norm, a, b, own_year)) or commits(sent, strong_only=True)
        if strong or commits(sent):
            ok = True
        elif _results(sent):
            ok = False
        else:
            ok = prev
        out[a] = ok
        prev = ok and (strong or prev)      # a weak word (每年, 目标) commits its own sentence only
        if ok and sent.rstrip().endswith(":"):
            listing = True
    return out


def is_result(sent: str, fig_start: int, fig_end: int, own_year: int | None = None) -> bool:
    """True when the figure at ``fig_start`` reports a result (see the module rules)."""
    p = patterns()
    c0 = max([m.end() for m in re.finditer(r"[,;:]", sent[:fig_start])] or [0])
    m = re.search(r"[,;:]", sent[fig_end:])
    clause = sent[c0:fig_end + (m.start() if m else len(sent) - fig_end)]
    if _results(clause):
        return True
    before = sent[:fig_start]
    marks = [m.end() for m in p["past"].finditer(_blank(p["neutral"], before))]
    if own_year is not None:        # "2014年,江西省共申请…": a year before the text's own
        marks += [m.end() for m in _BARE_YEAR.finditer(before) if int(m.group(1)) < own_year]
    if marks:
        between = before[max(marks):]
        if not (commits(between) or due_marks(between, 0, len(between), own_year)):
            return True
    return False


_SENTENCE_END = re.compile(r"[。\n]")

# A year that dates what follows, not a due year, a base (2015年的) or a comparison (与2015年相比).
_BARE_YEAR = re.compile(r"(?<![到至与比较同\d])((?:19|20)\d\d)\s*年(?!\s*\d|\s*[底末]|\s*(?:前|以前|的|相比))")


def prose_due(marks: list[Due], sent_start: int, pos: int) -> Due | None:
    """The due year of a figure at ``pos``: the nearest mark before it (in its sentence first)."""
    before = [d for d in marks if d.pos < pos]
    inside = [d for d in before if d.pos >= sent_start]
    return (inside or before or [None])[-1]


def structure_count(fig: Figure, after: str = "") -> bool:
    """True for a count of the plan's own parts (18项重点任务, 6个篇目, 11项主要指标)."""
    p = patterns()
    q = fig.quantity.strip()
    return bool(p["structure"].fullmatch(q)) or bool(
        re.fullmatch(r"[^,;。]{0,4}(?:" + alternation("structure") + ")", q)) or bool(
        p["structure_after"].match(after.lstrip()))


def not_a_quantity(sent: str, fig: Figure) -> bool:
    """A rank (全国前十, 第3位) or a figure qualifying a noun (超2000件的县市区): no target."""
    before, after = sent[:fig.start].rstrip(), sent[fig.end:].lstrip()
    return before.endswith(("前", "第")) or after.startswith("的")
