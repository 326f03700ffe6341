"""Which files a batch checks and how plans pair with summaries: folder listing, manifests, pairing.

Pairing (a folder of plans and/or of summaries): a plan pairs with a summary when one of
the regions the summary's titles name is the plan's region (绵竹市 = 绵竹) and the summary's
year falls in the plan's years. A plan's years run from ``period.start`` to ``period.end``,
else over the due years of its items; a summary written the year before a plan starts (the
2015 summary that announces the 2016推进计划) pairs with it only when no plan of that region
covers the summary's year itself. A summary whose year is unknown pairs with every plan of
its region. Files that pair with nothing are listed as unpaired, with the reason.

Pure: it never prints, reads argv or exits. Split out of batch.py (which runs the pairs).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import yaml

from ipcheck.errors import IpcheckError, Message, msg, os_reason
from ipcheck.i18n import t
from ipcheck.plans.schema import yaml_errors
from ipcheck.reviews import is_reviews_file

PLAN_SUFFIXES = (".yaml", ".yml")
SUMMARY_SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf", ".html", ".htm")
# Files kept beside plans and summaries that are plainly neither: a folder's README, licence or
# changelog (README.md would otherwise be read as a summary with no title).
NOT_INPUTS = re.compile(r"(?:readme|license|licence|changelog|changes|authors|notice|contributing)(?:\..*)?",
                        re.IGNORECASE)


def one_line(exc: BaseException) -> Message:
    """An error as one line: an IpcheckError's first problem (and how many more)."""
    if not isinstance(exc, IpcheckError):
        return msg("error.internal_row", error=f"{type(exc).__name__}: {exc}")
    problems = exc.problems
    if not problems:
        return exc.said
    first = problems[0]
    where = f"{first.path}:{first.line}" if first.path and first.line else first.path
    line = msg("error.located", where=where, message=first.said) if where else first.said
    return msg("error.and_more", message=line, n=len(problems) - 1) if len(problems) > 1 else line


# --------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Skipped:
    """A file that is not checked: unpaired, or not a plan/summary file at all."""

    path: str
    kind: str                   # "plan" | "summary"
    region: str | None
    year: int | None
    reason: str                 # in English; ``code`` and ``params`` rebuild it in any language
    code: str = ""
    params: tuple[tuple[str, str], ...] = ()


def _skipped(path: str, kind: str, region: str | None, year: int | None, code: str,
             params: dict[str, str] | None = None) -> Skipped:
    """A Skipped whose reason is the catalogue's "unpaired.<code>" entry with ``params``."""
    params = params or {}
    return Skipped(path, kind, region, year, t(f"unpaired.{code}", "en", **params), code,
                   tuple(sorted(params.items())))


@dataclass(frozen=True)
class PlanInfo:
    path: str
    id: str | None = None
    region: str | None = None
    years: tuple[int, int] | None = None
    error: Message | None = None


@dataclass(frozen=True)
class SummaryInfo:
    path: str
    regions: tuple[str, ...] = ()
    year: int | None = None
    error: Message | None = None


@dataclass(frozen=True)
class Pair:
    plan: str
    summary: str


def list_files(path: str, suffixes: Sequence[str], kind: str,
               exclude: Sequence[str] = ()) -> tuple[list[str], list[Skipped]]:
    """``path`` itself when it is a file, else the files in the folder and its subfolders (a
    province kept as <city>/<year>/…) whose names end in one of ``suffixes``, sorted by path;
    the other files (plainly not of the ``kind``: README files, the plan documents kept beside
    the YAML, reports) are returned as ignored, for the JSON index only. Hidden entries and the
    folders in ``exclude`` (the batch's own output folder) are not read."""
    p = Path(path)
    if not p.is_dir():
        return [path], []
    left_out = {os.path.realpath(e) for e in exclude}
    files, skipped = [], []
    folders = [p]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(folder.iterdir(), key=lambda e: e.name)
        except OSError as exc:
            raise IpcheckError(msg("error.list_folder", reason=os_reason(exc)), path=str(folder)) from None
        for e in entries:
            if e.name.startswith(".") or (kind == "plan" and is_reviews_file(e.name)):
                continue                 # a plan's reviews file sits beside it and is not a plan
            if e.is_dir():
                if not e.is_symlink() and os.path.realpath(e) not in left_out:
                    folders.append(e)
            elif e.suffix.lower() in suffixes and not NOT_INPUTS.fullmatch(e.name):
                files.append(str(e))
            elif NOT_INPUTS.fullmatch(e.name):
                skipped.append(_skipped(str(e), kind, None, None, "not_an_input", {"kind": kind}))
            else:
                skipped.append(_skipped(str(e), kind, None, None, f"not_a_{kind}",
                                        {"expected": ", ".join(suffixes)}))
    files.sort()
    skipped.sort(key=lambda s: s.path)
    if not files:
        raise IpcheckError(msg("error.folder_without", kind=msg("error.kind_plan" if kind == "plan" else "error.kind_summary"), suffixes=" or ".join(suffixes)),
                           path=path)
    return files, skipped


def read_manifest(path: str) -> list[Pair]:
    """The pairs of a manifest: ``pairs: [{plan: …, summary: …}]``, paths relative to it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IpcheckError(msg("error.manifest_not_found"), path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise IpcheckError(msg("error.manifest_unreadable", reason=reason), path=path) from None
    with yaml_errors(path, text):
        data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list) or not data["pairs"]:
        raise IpcheckError(msg("error.manifest_pairs"), path=path)
    base = Path(path).parent
    pairs = []
    for k, item in enumerate(data["pairs"], 1):
        if (not isinstance(item, dict) or set(item) != {"plan", "summary"}
                or not all(isinstance(item[key], str) and item[key].strip() for key in ("plan", "summary"))):
            raise IpcheckError(msg("error.manifest_pair", n=k), path=path)
        pairs.append(Pair(_join(base, item["plan"]), _join(base, item["summary"])))
    return pairs


def _join(base: Path, rel: str) -> str:
    return os.path.normpath(str(base / rel)) if not os.path.isabs(rel) else rel


# --------------------------------------------------------------------------------------
# describing and pairing
# --------------------------------------------------------------------------------------

def describe_plan(path: str) -> PlanInfo:
    """A plan's id, region and years, or the one-line error that stops it loading."""
    from ipcheck.plans.loader import load_plan
    try:
        plan = load_plan(path)
    except IpcheckError as exc:
        return PlanInfo(path, error=one_line(exc))
    return PlanInfo(path, plan.meta.id, plan.meta.region, plan.years)


def describe_summary(path: str, year: int | None = None) -> SummaryInfo:
    """The regions a summary's titles name and the year it reports on (``year`` overrides)."""
    from ipcheck.inputs.documents import read_document
    from ipcheck.reading.regions import split
    from ipcheck.reading.text import segment, summary_year
    try:
        doc = read_document(path)
    except IpcheckError as exc:
        return SummaryInfo(path, error=one_line(exc))
    if year is None:
        year = summary_year(doc)
    regions = tuple(dict.fromkeys(p.region for p in split(segment(doc, year=year))))
    return SummaryInfo(path, regions, year)


def _describe_summary_job(args: tuple[str, int | None]) -> SummaryInfo:
    return describe_summary(*args)


def pair(plans: Sequence[PlanInfo], summaries: Sequence[SummaryInfo]) -> tuple[list[Pair], list[Skipped]]:
    """Pair plans with summaries by region and year (see the module docstring).

    Pairs come in summary order, then plan order; unpaired plans and summaries follow with
    the reason. Infos carrying an error are left to the caller (they are failed rows).
    """
    from ipcheck.reading.regions import same_region
    good_plans = [p for p in plans if p.error is None]
    pairs: list[Pair] = []
    used: set[str] = set()
    skipped: list[Skipped] = []
    for s in summaries:
        if s.error is not None:
            continue
        if not s.regions:
            skipped.append(_skipped(s.path, "summary", None, s.year, "no_region"))
            continue
        chosen: list[PlanInfo] = []
        for region in s.regions:
            mine = [p for p in good_plans if same_region(p.region or "", region)]
            exact = [p for p in mine if s.year is None or p.years is None or p.years[0] <= s.year <= p.years[1]]
            early = [p for p in mine if s.year is not None and p.years is not None and s.year == p.years[0] - 1]
            chosen += [p for p in (exact or early) if p not in chosen]
        for p in chosen:
            pairs.append(Pair(p.path, s.path))
            used.add(p.path)
        if not chosen:
            regions = "、".join(s.regions)
            near = [p for p in good_plans if any(same_region(p.region or "", r) for r in s.regions)]
            if near:
                plans = ", ".join(f"{Path(p.path).name} ({_span(p.years)})" for p in near)
                skipped.append(_skipped(s.path, "summary", regions, s.year, "no_plan_covers",
                                        {"year": str(s.year), "plans": plans}))
            else:
                skipped.append(_skipped(s.path, "summary", regions, s.year, "no_plan_for", {"regions": regions}))
    for p in good_plans:
        if p.path not in used:
            skipped.append(_skipped(p.path, "plan", p.region, None, "no_summary",
                                    {"region": p.region or "", "years": _span(p.years)}))
    return pairs, skipped


def _span(years: tuple[int, int] | None) -> str:
    if years is None:
        return "any year"
    return str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
