"""Which figures of running text a plan commits to, and by when (for ``ipcheck plan draft``).

Rules (docs/draft.md states them for users; the words are data: ipcheck/lang/zh/drafting.yaml):

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

from ipcheck.lang.registry import chars, param, regex, table, words
from ipcheck.model import Figure

# The drafter's knowledge is data: ipcheck/lang/zh/drafting.yaml (ZH-DRAFT-*), with the heading numerals
# (ZH-HEAD-001) it shares with the summary reader.
STOP = chars("ZH-DRAFT-020")                        # the full stop: sentences end there and at line ends
FIVE_YEAR_END: dict[str, int] = table("ZH-DRAFT-012")
_CN_SMALL = {c: i + 1 for i, c in enumerate(chars("ZH-HEAD-001"))}


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    return {
        "commit": regex("ZH-DRAFT-001"),
        "weak": regex("ZH-DRAFT-002"),
        "past": re.compile(f"{regex('ZH-DRAFT-003').pattern}|{regex('ZH-DRAFT-004').pattern}"),
        "neutral": regex("ZH-DRAFT-005"),
        "by_year": regex("ZH-DRAFT-011"),
        "five_end": regex("ZH-DRAFT-013"),
        "relative": regex("ZH-DRAFT-014"),
        "this_year": regex("ZH-DRAFT-007"),
        "lead_year": regex("ZH-DRAFT-015"),
        "year": regex("ZH-DRAFT-016"),
        "stage": regex("ZH-DRAFT-017"),
        "comparison": regex("ZH-DRAFT-018"),
        "structure": regex("ZH-DRAFT-010"),
        "structure_after": regex("ZH-DRAFT-009"),
        "list_item": re.compile(r"^\s*(?:——|--|—|-|•|·|●|■|[①②③④⑤⑥⑦⑧⑨⑩])"),
    }


def small_number(s: str) -> int:
    return int(s) if s.isdigit() else _CN_SMALL.get(s, 0)


@dataclass(frozen=True)
class Due:
    year: int
    pos: int
    guess: str = ""          # why the year is a guess (a review note), "" when stated


_DATELINE = (regex("ZH-DRAFT-019"),
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
        end = _SENTENCE_END.search(rest)
        sentence_rest = rest[:end.start() if end else len(rest)]
        if own_year is not None and year < own_year:
            continue
        later = own_year is not None and year > own_year      # "2015年,我市申请发明专利达到…" in 2013
        if m.group(1) and not (later or commits(sentence_rest) or regex("ZH-DRAFT-031").match(sentence_rest.lstrip())):
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
            guess = param("ZH-DRAFT-014", "guess").format(words=m.group(0), base=base)
            out.append(Due(base + n, m.start(), guess))
    out = [d for d in out if not p["comparison"].search(norm[max(lo, d.pos - 3):d.pos])]
    return sorted(set(out), key=lambda d: d.pos)


@lru_cache(maxsize=8)
def _sentence(norm: str, pos: int, lo: int, hi: int) -> str:
    a = max(norm.rfind(STOP, lo, pos), norm.rfind("\n", lo, pos)) + 1
    ends = [i for i in (norm.find(STOP, pos, hi), norm.find("\n", pos, hi)) if i >= 0]
    return norm[max(a, lo):min(ends) if ends else hi]


def stage_year(sent: str, pos: int, period: tuple[int, int] | None) -> int | None:
    """The year of the stage a figure at ``pos`` belongs to in a numbered plan ("2017年培育10家,
    2018年培育20家"): the last stage year before it in its sentence, within the plan's period."""
    found = [int(m.group(1)) for m in patterns()["stage"].finditer(sent, 0, pos)]
    if not found or period is None or not period[0] <= found[-1] <= period[1]:
        return None
    return found[-1]


# A from-to ("从14件提高到34件", "由2016年的4件提高到2019年的8件"): the start is the baseline, dated
# when the text names its year (由2015年的…, 由“十三五”末的… = 2020).
_FROM = regex("ZH-DRAFT-022")
_TO = regex("ZH-DRAFT-023")
# A doubling on a dated base ("专利申请量比2015年翻一番,达到2万件", "达到2万件,比“十二五”末翻两番"):
# the base is the figure halved once per 番.
_TIMES: dict[str, int] = table("ZH-DRAFT-024")      # a bare 翻番 doubles
_DOUBLED_BEFORE = regex("ZH-DRAFT-026")
_DOUBLED_AFTER = regex("ZH-DRAFT-027")


@dataclass(frozen=True)
class FromTo:
    """The start of a from-to: the year its end is stated for (0 when none), the start's own
    year (None when not named) and where its words (由2015年的…) begin in the sentence."""

    end_year: int
    base_year: int | None
    at: int


def named_year(year: str | None, five: str | None) -> int | None:
    """The year of "2015年" (year) or of "“十三五”末" (five: 十三五 → 2020)."""
    return int(year) if year else FIVE_YEAR_END.get(five or "")


def from_to(sent: str, first: Figure, second: Figure | None) -> FromTo | None:
    """When ``first`` starts a from-to ending at ``second``: the years it names and where it
    starts; None when it is no from-to."""
    start = _FROM.search(sent[:first.start]) if second is not None else None
    if start is None or second is None:
        return None
    m = _TO.match(sent[first.end:second.start])
    if not m:
        return None
    return FromTo(int(m.group(1)) if m.group(1) else 0, named_year(start.group(1), start.group(2)),
                  start.start())


def doubled(sent: str, fig: Figure) -> tuple[int, int, str, str] | None:
    """(base year, times, the words, the quantity before them) when ``fig`` is the end of a doubling
    on a dated base ("专利申请量比2015年翻一番,达到2万件" → 2015, 2, 比2015年翻一番, 专利申请量)."""
    m = _DOUBLED_BEFORE.search(sent[:fig.start])
    stem = m.group(1) if m else ""
    if m is None:
        m = _DOUBLED_AFTER.match(sent[fig.end:])
    if m is None:
        return None
    g = m.groups()[-4:]                         # year, five, 番 count, 增长 (…一倍)
    year = named_year(g[0], g[1])
    times = 2 if g[3] else _TIMES.get(g[2] or "", 2)
    said = m.group(0)
    words_at = next((said.find(w) for w in words("ZH-DRAFT-028") if w in said), -1)
    return (year, times, said[words_at:].strip(param("ZH-DRAFT-026", "strip")), stem) if year else None


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


_SENTENCE_END = re.compile(f"[{STOP}\n]")

# A year that dates what follows, not a due year, a base (2015年的) or a comparison (与2015年相比).
_BARE_YEAR = regex("ZH-DRAFT-029")


def prose_due(marks: list[Due], sent_start: int, pos: int) -> Due | None:
    """The due year of a figure at ``pos``: the nearest mark before it (in its sentence first)."""
    before = [d for d in marks if d.pos < pos]
    inside = [d for d in before if d.pos >= sent_start]
    return (inside or before or [None])[-1]


def structure_count(fig: Figure, after: str = "") -> bool:
    """True for a count of the plan's own parts (18项重点任务, 6个篇目, 11项主要指标)."""
    p = patterns()
    q = fig.quantity.strip()
    return bool(p["structure"].fullmatch(q)) or bool(p["structure_after"].match(after.lstrip()))


def not_a_quantity(sent: str, fig: Figure) -> bool:
    """A rank (全国前十, 第3位) or a figure qualifying a noun (超2000件的县市区): no target."""
    before, after = sent[:fig.start].rstrip(), sent[fig.end:].lstrip()
    return bool(regex("ZH-DRAFT-030").search(before) or regex("ZH-DRAFT-031").match(after))
