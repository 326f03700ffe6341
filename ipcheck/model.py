"""Frozen dataclasses and enums shared by every layer; no I/O happens here."""
from __future__ import annotations

from bisect import bisect_right

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ipcheck.errors import Message


class Measure(str, Enum):
    """What kind of number a target commits to."""

    LEVEL = "level"                  # an amount reached in the period (件, 家, 万元 ...)
    GROWTH = "growth"                # year-on-year growth, %
    ANNUAL_GROWTH = "annual_growth"  # average annual growth (年均), %
    SHARE = "share"                  # share of a whole (占比), %


class Op(str, Enum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="


class Status(str, Enum):
    MET = "met"
    MISSED = "missed"
    UNREPORTED = "unreported"
    PENDING = "pending"


class Section(str, Enum):
    """Where a sentence sits in a work summary; only RESULTS can prove an item done."""

    FRONT = "front"          # title, cover, addressees, before the body starts
    RESULTS = "results"      # the body: what was done
    PROBLEMS = "problems"    # 存在的问题, 不足, 薄弱环节
    NEXT_PLAN = "next_plan"  # 下一步, 2016年工作计划/重点/打算/思路
    LINKS = "links"          # a web page's links to other pages: 上一篇：…, 相关新闻 (their titles prove nothing)
    ELSEWHERE = "elsewhere"  # another region's part of the text: 二、全省情况, 附件：某区…总结 (ZH-SECT-027)


class FigureKind(str, Enum):
    """What a number in a sentence measures, as an assessor reads it."""

    LEVEL = "level"                  # 专利申请1796件
    GROWTH = "growth"                # 同比增长26%
    ANNUAL_GROWTH = "annual_growth"  # 年均增长10%
    SHARE = "share"                  # 占总申请量的59%
    MULTIPLE = "multiple"            # 4.14倍
    INCREASE = "increase"            # 增加263件 (absolute change)
    DECREASE = "decrease"            # 下降5% / 减少20件
    COMPLETION = "completion"        # 完成目标任务量的145%
    TARGET = "target"                # 目标任务量为370件: a target quoted in a summary, not an actual


@dataclass(frozen=True)
class Period:
    start: int
    end: int


@dataclass(frozen=True)
class PlanMeta:
    id: str
    title: str
    region: str
    issuer: str | None = None
    document_no: str | None = None
    issued: str | None = None
    period: Period | None = None

    @property
    def known_region(self) -> str:
        """The region, or "" when the plan leaves it to be filled in (a draft's TODO)."""
        return "" if self.region == PLACEHOLDER else self.region


# What a drafted plan writes where it found nothing (region: TODO): a field for a person to fill in.
PLACEHOLDER = "TODO"


@dataclass(frozen=True)
class Baseline:
    """Where a target's path starts: a value and its year (2015年12.2件); read from the plan's
    ``baseline`` (ipcheck.verdicts.pace.baseline_of) or from the summary of the year before."""

    year: int
    value: Decimal
    source: str | None = None


@dataclass(frozen=True)
class Target:
    """A numeric commitment: metric (measure) op value unit, due by a year, from a baseline."""

    id: str
    metric: str
    measure: Measure
    op: Op
    value: Decimal               # exact: 1.67 is Decimal('1.67'), never a binary float
    unit: str
    due: int | None = None
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    source: str | None = None
    line: int = 0
    of: str | None = None            # the whole of a share, the population of a per-capita figure
    baseline: Decimal | None = None    # the start value of a from-to target (从14件提高到34件)
    every: str | None = None         # "year": the commitment recurs and is checked every year
    baseline_year: int | None = None     # the year of the baseline (由2015年的12.2件), when the plan says it
    baseline_source: str | None = None   # the plan's words for it


@dataclass(frozen=True)
class Task:
    """A qualitative commitment: something to be done, found by its words."""

    id: str
    title: str
    keywords: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    due: int | None = None
    section: str | None = None
    line: int = 0
    every: str | None = None         # "year": the commitment recurs and is checked every year


@dataclass(frozen=True)
class Plan:
    meta: PlanMeta
    targets: tuple[Target, ...]
    tasks: tuple[Task, ...]
    path: str = ""

    @property
    def years(self) -> tuple[int, int] | None:
        """The years the plan covers: its period, else the span of its items' due years."""
        if self.meta.period is not None:
            return self.meta.period.start, self.meta.period.end
        dues = [i.due for i in (*self.targets, *self.tasks) if i.due is not None]
        return (min(dues), max(dues)) if dues else None


@dataclass(frozen=True)
class Document:
    """A decoded input file: the original text and how it was read.

    ``locations`` (PDF only) gives, for text line i + 1, the (page, line on that page) where
    it starts in the file, so cited lines can be found; None when text lines are the file's
    own lines (text), paragraphs (.docx) or block elements (.html).
    """

    path: str
    text: str
    encoding: str
    locations: tuple[tuple[int, int], ...] | None = None
    # Text whose lines were joined (ipcheck.inputs.formats.hardwrap: a PDF copy's wraps, a line cut inside a sentence):
    # (offset in ``text``, file line) where each of the file's lines kept begins, in order; None when text lines
    # are the file's own. ``source`` is then the file's own text, as it was decoded.
    lines: tuple[tuple[int, int], ...] | None = None
    source: str | None = None

    @property
    def file_text(self) -> str:
        """The file's own text as decoded: ``source`` when its lines were joined, else ``text``."""
        return self.source if self.lines and self.source is not None else self.text

    def file_line_at(self, offset: int) -> int:
        """The file's own number of the line that holds ``text[offset]``."""
        if not self.lines:
            return self.text.count("\n", 0, offset) + 1
        i = bisect_right([o for o, _ in self.lines], offset) - 1
        return self.lines[max(i, 0)][1]

    def file_line(self, line: int) -> int:
        """The file's own number of where text line ``line`` begins."""
        if not self.lines:
            return line
        pos = 0
        for _ in range(line - 1):
            pos = self.text.index("\n", pos) + 1 if "\n" in self.text[pos:] else pos
        return self.file_line_at(pos)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the summary, with its place in the original text.

    ``text`` is the original as written (for quoting); ``norm`` is its normalised form
    (half-width digits and punctuation) of the same length, so offsets are shared.
    """

    index: int
    line: int
    start: int
    end: int
    text: str
    norm: str
    section: Section
    heading: str = ""
    section_rule: str = ""      # the reading rule that named the section (ZH-SECT-005 …), "" for none
    part: str = ""              # the region a heading names as the part this sentence is in (全省: ZH-SECT-027)
    lead: str = ""              # the normalised text of its line before it (whose topic may carry: ZH-WHOSE-029)


@dataclass(frozen=True)
class Figure:
    """A number read from a sentence, bound to the quantity it measures.

    ``low``/``high`` is the interval the qualifier implies (余 → [v, +inf), 近 → (-inf, v],
    约 → [v*0.95, v*1.05]); both equal ``value`` for an exact figure. Values are exact Decimals
    (17.76万件 → 177600). ``start``/``end`` are offsets in the sentence text.
    """

    value: Decimal
    unit: str
    kind: FigureKind
    quantity: str
    text: str
    start: int
    end: int
    qualifier: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    warnings: tuple[Message, ...] = ()   # warning.* Messages: what a reviewer should know about the reading
    year: int | None = None
    year_offset: int | None = None     # 去年 -1, 今年 0: counted from the text's own date (check.read_figures)
    row: str | None = None             # a table cell's row label (长沙市, 全省): quoted with the column
    whose: str | None = None           # whose figure a table row says it is ('' the table's unnamed whole)


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    section: Section
    score: float
    sentence: int = -1
    highlight: tuple[tuple[int, int], ...] = ()
    page: int | None = None        # PDF only: the page and the line on it where the sentence starts
    page_line: int | None = None


@dataclass(frozen=True)
class Verdict:
    """The decision on one plan item, with everything a reviewer needs to check it."""

    item_id: str
    kind: str                      # "target" | "task"
    status: Status
    needs_review: bool
    confidence: float
    reason: str                    # stable code, e.g. "target.met", "task.only_in_next_plan"
    message: str                   # one human sentence explaining the verdict
    evidence: tuple[Evidence, ...] = ()
    figure: Figure | None = None
    warnings: tuple[Message, ...] = ()
    params: tuple[tuple[str, str], ...] = ()   # the message's parameters, for other languages
    review: ReviewDecision | None = None       # a person's recorded decision on this item
    pace: Pace | None = None                   # a pending target against its path (a baseline known)


@dataclass(frozen=True)
class ReviewDecision:
    """A person's decision on one item, as recorded in the reviews file and checked on this run.

    ``applied`` is False when ``stale`` names what changed since the decision was made
    ("summary_changed", "item_changed"): a stale decision is shown, never trusted, and the
    tool's own verdict stands. ``tool_status`` is the tool's verdict on this run;
    ``reviewed_tool_status`` what the tool said when the person decided.
    """

    status: Status
    reason: str
    by: str
    date: str
    tool_status: Status
    reviewed_tool_status: Status | None = None
    applied: bool = True
    stale: str = ""

    def as_dict(self) -> dict[str, str | bool | None]:
        """The decision as reports and ``ipcheck explain`` show it (JSON-ready)."""
        return {"status": self.status.value, "reason": self.reason, "by": self.by, "date": self.date,
                "applied": self.applied, "stale": self.stale or None,
                "reviewed_tool_status": self.reviewed_tool_status.value if self.reviewed_tool_status else None}


class PaceState(str, Enum):
    """Where a target stands on its way from the baseline to the due year."""

    MET_EARLY = "met_early"      # the target is reached before its due year
    ON_TRACK = "on_track"        # at or past the path a steady pace needs by now
    BEHIND = "behind"            # short of that path
    MET = "met"                  # reached, in or after the due year
    MISSED = "missed"            # not reached by the due year
    NO_BASELINE = "no_baseline"  # a value, but no baseline to draw the path from
    NO_DATA = "no_data"          # no value reported


@dataclass(frozen=True)
class Pace:
    """A pending target's figure against its path: the value a steady pace from the baseline
    needs in the summary's year (linear for a level or share), and whether the figure reaches it."""

    state: PaceState
    expected: Decimal
    value: Decimal
    baseline: Baseline


@dataclass(frozen=True)
class Mismatch:
    """Why a summary does not belong to the plan it was checked against: ``code`` "region"
    (the summary is about ``found``, the plan is for ``expected``) or "year" (the summary
    reports on ``found``, the plan covers ``expected``). A mismatched pair is never a pass."""

    code: str
    found: str
    expected: str


@dataclass(frozen=True)
class Report:
    plan: Plan
    summary_path: str
    summary_encoding: str
    summary_year: int | None
    verdicts: tuple[Verdict, ...]
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Message, ...] = ()
    mismatch: Mismatch | None = None
