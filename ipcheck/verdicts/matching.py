"""Find the summary sentences and figures that speak about a plan item, and score them.

Tasks are matched by IDF-weighted character bigrams (Chinese has no spaces, and bigrams catch
the words of a title in any order) plus the plan's keywords; targets by the quantity a figure
was bound to. Both use an inverted index, so the cost grows with the matches, not with
items × sentences.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind, Measure, Sentence, Task

_WORD_RUN = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")

_R = load()
# Quantity words that make a metric more specific: 发明专利申请 is not 专利申请 (ZH-MATCH-001). A
# figure whose quantity puts one of these right before the metric measures a narrower thing.
SPECIFIERS: tuple[str, ...] = _R.words("ZH-MATCH-001")
# Suffixes that do not change the quantity: 专利申请量 = 专利申请 = 专利申请数 (ZH-MATCH-002).
_QUANTITY_SUFFIX = _R.regex("ZH-MATCH-002")
# Measure -> the figure kinds that can show it.
KINDS_FOR_MEASURE: dict[Measure, frozenset[FigureKind]] = {
    Measure.LEVEL: frozenset({FigureKind.LEVEL}),
    Measure.GROWTH: frozenset({FigureKind.GROWTH, FigureKind.DECREASE}),   # 下降5% is growth of -5%
    Measure.ANNUAL_GROWTH: frozenset({FigureKind.ANNUAL_GROWTH}),
    Measure.SHARE: frozenset({FigureKind.SHARE}),
}
FUZZY_NAME_MIN = 88.0
# Statuses that differ by one word: a 试点县 accepted is not a 示范县 created (ZH-MATCH-003).
CONTRASTS: tuple[tuple[str, str], ...] = tuple((a, b) for a, b in _R.param("ZH-MATCH-003", "pairs"))
CONTRAST_FACTOR = 0.6
# How much of its heading's score a sentence inherits: enough to surface the paragraph that
# reports a task, never enough on its own to make a weak sentence proof.
HEADING_SHARE = 0.6


def bigrams(text: str) -> list[str]:
    """The character bigrams of ``text`` made of word characters only, in order."""
    return list(_short_bigrams(text)) if len(text) <= _SHORT else _scan_bigrams(text)


def _scan_bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _WORD_RUN.findall(text):
        out += map(str.__add__, run, run[1:])
    return out


# Titles, keywords and quantity names recur in every check of a batch: remember their bigrams.
_SHORT = 64


@lru_cache(maxsize=8192)
def _short_bigrams(text: str) -> tuple[str, ...]:
    return tuple(_scan_bigrams(text))


# Other names of one quantity: 专利受理 is 专利申请 (ZH-MATCH-014).
_SAME_AS = _R.table("ZH-MATCH-014")
_SAME_AS_WORDS = re.compile("|".join(re.escape(w) for w in sorted(_SAME_AS, key=len, reverse=True)))


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """A quantity name without blanks, in the words the plans use (专利受理量 → 专利申请量, ZH-MATCH-014)."""
    return _SAME_AS_WORDS.sub(lambda m: _SAME_AS[m.group(0)], re.sub(r"\s+", "", name))


@lru_cache(maxsize=8192)
def core(name: str) -> str:
    """A quantity name without the suffixes that do not change its meaning."""
    name = canonical(name)
    return _QUANTITY_SUFFIX.sub("", name) or name


@dataclass(frozen=True)
class TaskMatch:
    """A sentence that may report a task; ``head`` says it names what the task is about."""

    sentence: Sentence
    score: float
    hits: tuple[tuple[int, int], ...]
    head: bool = False


@dataclass(frozen=True)
class FigureMatch:
    sentence: Sentence
    figure: Figure
    score: float


class SentenceIndex:
    """Bigram postings and IDF over a summary's sentences, built once per document."""

    def __init__(self, sentences: tuple[Sentence, ...], figures: dict[int, tuple[Figure, ...]]):
        self.sentences = sentences
        self.figures = figures
        self._by_index = {s.index: s for s in sentences}
        # heading sentence index -> the other sentences of its paragraph
        first_of: dict[str, int] = {}
        paragraphs: dict[int, list[int]] = defaultdict(list)
        for s in sentences:
            if not s.heading:
                continue
            if s.heading not in first_of and s.text.startswith(s.heading[:20]):
                first_of[s.heading] = s.index
            elif s.heading in first_of:
                paragraphs[first_of[s.heading]].append(s.index)
        self.paragraphs = dict(paragraphs)
        postings: dict[str, set[int]] = defaultdict(set)
        for s in sentences:
            si = s.index
            for b in bigrams(s.norm):
                postings[b].add(si)
        self.postings = postings
        n = len(sentences) or 1
        self._n = n
        self._max_idf = math.log(n + 1) + 1.0
        self._idf: dict[str, float] = {}         # filled as plan bigrams are looked up
        qpost: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for si, figs in figures.items():
            for fi, f in enumerate(figs):
                for b in bigrams(canonical(f.quantity)):
                    qpost[b].add((si, fi))
        self.quantity_postings = qpost

    def idf(self, bigram: str) -> float:
        """Inverse document frequency of ``bigram`` over the sentences (rarer: higher)."""
        value = self._idf.get(bigram)
        if value is None:
            posting = self.postings.get(bigram)
            value = math.log((self._n + 1) / (len(posting) + 1)) + 1.0 if posting else self._max_idf
            self._idf[bigram] = value
        return value

    def sentence(self, index: int) -> Sentence:
        return self._by_index[index]


def match_task(task: Task, index: SentenceIndex, limit: int = 5,
               floor: float = 0.25) -> list[TaskMatch]:
    """The sentences most likely to report ``task``, best first, scored in [0, 1].

    A sentence scores by the share of the title's (IDF-weighted) bigrams it contains and by
    the plan's keywords it names. Summaries report a task in the paragraph under a heading
    that names it, so a sentence also inherits part of its heading's score.
    """
    title_bigrams = list(dict.fromkeys(bigrams(task.title)))
    keywords = [k for k in dict.fromkeys(task.keywords) if k.strip()]
    if not title_bigrams and not keywords:
        return []
    idfs = [index.idf(b) for b in title_bigrams]
    total = sum(idfs) or 1.0
    weight: dict[int, float] = defaultdict(float)
    postings = index.postings
    for b, w in zip(title_bigrams, idfs):
        for si in postings.get(b, ()):
            weight[si] += w
    near_of = _keywords_near(keywords, index, weight)
    contrasts = _contrasts(task.title)
    scores = {}
    for si, w in weight.items():
        coverage = w / total
        near = near_of.get(si, [])
        if (coverage if not keywords else 0.5 * coverage) < floor and not near:
            continue
        text = index.sentence(si).norm
        scores[si] = _score(coverage, near, len(keywords), text) * _penalty(contrasts, text)
    for si, head in list(scores.items()):
        members = index.paragraphs.get(si)
        if not members or head < floor:
            continue
        for member in members:
            own = scores.get(member, 0.0)
            scores[member] = max(own, HEADING_SHARE * head + (1 - HEADING_SHARE) * own)
    head = task_head(task.title)
    # A keyword names the task only when no longer keyword of the task contains it: with
    # [知识产权保护体系, 知识产权保护], 知识产权保护工作考核 names protection work, not the 体系 to build.
    long_keywords = [k for k in keywords if len(k) >= 4 and not any(k != o and k in o for o in keywords)]
    # Only the best ``limit`` are kept: rank first, then read their names and hits.
    ranked = sorted((-round(min(sc, 1.0), 3), si) for si, sc in scores.items() if sc >= floor)[:limit]
    results = []
    for score, si in ranked:
        text = index.sentence(si).norm
        names = bool(head and head in text) or any(_keyword_score(k, text) > 0 for k in long_keywords)
        results.append(TaskMatch(index.sentence(si), -score, _task_hits(title_bigrams, keywords, text), names))
    return results


def _keywords_near(keywords: list[str], index: SentenceIndex, weight: dict[int, float]) -> dict[int, list[str]]:
    """The keywords each sentence may name: only a sentence sharing half a keyword's bigrams can
    match it, even fuzzily, so the shared bigrams are counted from the postings (a keyword's bigrams
    are few and rare). Every sentence sharing one gets a ``weight`` entry."""
    shared: list[Counter[int]] = []
    sizes: list[int] = []
    for k in keywords:
        counts: Counter[int] = Counter()
        grams = set(bigrams(k))
        for b in grams:
            counts.update(index.postings.get(b, ()))
        shared.append(counts)
        sizes.append(len(grams))
        for si in counts:
            weight.setdefault(si, 0.0)
    near_of: dict[int, list[str]] = defaultdict(list)
    for k, counts, size in zip(keywords, shared, sizes):
        for si in (weight if not size else counts):
            if counts.get(si, 0) * 2 >= size:
                near_of[si].append(k)
    return near_of


_TITLE_CLAUSE = _R.regex("ZH-PUNCT-006")


def title_clause(title: str) -> str:
    """The first clause of a task's title, its working part (建成知识产权保护中心 of 建成知识产权保护中心,年底投入使用)."""
    return _TITLE_CLAUSE.split(title.strip(), maxsplit=1)[0]


def task_head(title: str) -> str:
    """The head noun of a task (the last two characters of its first clause: 启动会 -> 动会).

    A title shares most of its words with unrelated sentences (泸州市建设国家知识产权试点城市…);
    what the task is about sits at the end of its first clause, and a proof must name it.
    """
    grams = bigrams(title_clause(title))
    return grams[-1] if grams else ""


def _score(coverage: float, keywords: list[str], wanted: int, text: str) -> float:
    """A sentence's score from title coverage and keyword hits (long keywords count more).

    ``keywords`` are the plan's keywords that could occur in ``text``; ``wanted`` is how many
    the plan gives in all.
    """
    if not wanted:
        return coverage
    found = [(_keyword_score(k, text), k) for k in keywords]
    hits = [(q, k) for q, k in found if q > 0]
    if not hits:
        return 0.5 * coverage
    best = max(q * (1.0 if len(k) >= 4 else 0.2) for q, k in hits)
    keyword_score = 0.6 * best + 0.4 * (len(hits) / wanted)
    return max(coverage, 0.4 * coverage + 0.6 * keyword_score)


@lru_cache(maxsize=1024)
def _contrasts(title: str) -> tuple[tuple[str, str], ...]:
    """The CONTRASTS whose wanted status ``title`` names, in order."""
    return tuple((wanted, other) for wanted, other in CONTRASTS if wanted in title)


def _penalty(contrasts: tuple[tuple[str, str], ...], text: str) -> float:
    """A factor below 1 when ``text`` names a contrasting status instead of the one the title names."""
    for wanted, other in contrasts:
        if wanted not in text and other in text:
            return CONTRAST_FACTOR
    return 1.0


_QUOTES = _R.regex("ZH-PUNCT-020")


@lru_cache(maxsize=4096)
def _unquoted(text: str) -> str:
    """``text`` without quotation marks: “双打”, 「双打」 and 双打 name one thing (ZH-PUNCT-020)."""
    return _QUOTES.sub("", text)


@lru_cache(maxsize=4096)
def _quoted(text: str) -> bool:
    """True when ``text`` holds a quotation mark (a name may then be quoted: “双打”)."""
    return _QUOTES.search(text) is not None


def _keyword_score(keyword: str, text: str) -> float:
    if keyword in text:
        return 1.0
    if (_quoted(keyword) or _quoted(text)) and _unquoted(keyword) in _unquoted(text):
        return 1.0
    if len(keyword) >= 4 and fuzz.partial_ratio(keyword, text, score_cutoff=90) >= 90:
        return 0.8
    return 0.0


@lru_cache(maxsize=256)
def _bigram_finder(wanted: frozenset[str]) -> re.Pattern[str]:
    """A zero-width pattern matching at every offset where one of ``wanted`` starts."""
    return re.compile("(?=(?:" + "|".join(re.escape(b) for b in sorted(wanted)) + "))")


_RUN3 = re.compile(rb"\x01{3,}")


def _task_hits(title_bigrams: list[str], keywords: list[str], text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that echo the task: keyword occurrences and runs of shared bigrams.

    The scan runs in the regex engine (a Python loop per character made a 10 MB sentence
    take a minute); spans are the maximal runs of at least 3 marked characters."""
    marks = bytearray(len(text))
    wanted = frozenset(title_bigrams)
    if wanted:
        for m in _bigram_finder(wanted).finditer(text):
            i = m.start()
            marks[i] = marks[i + 1] = 1
    for k in keywords:
        if not k:
            continue
        start = text.find(k)
        while start >= 0:
            marks[start:start + len(k)] = b"\x01" * len(k)
            start = text.find(k, start + len(k))
    return tuple(m.span() for m in _RUN3.finditer(bytes(marks)))
