"""Check many plan/summary pairs at once: collect, pair, run in a process pool, index.

Pure: it never prints, reads argv or exits. The CLI gives it paths and a renderer and gets
back rows (plain dictionaries, in a deterministic order whatever order the workers finish
in) that the index reporters turn into a table, HTML, Markdown or JSON.

Pairing (a folder of plans and/or of summaries): a plan pairs with a summary when one of
the regions the summary's titles name is the plan's region (绵竹市 = 绵竹) and the summary's
year falls in the plan's years. A plan's years run from ``period.start`` to ``period.end``,
else over the due years of its items; a summary written the year before a plan starts (the
2015 summary that announces the 2016推进计划) pairs with it only when no plan of that region
covers the summary's year itself. A summary whose year is unknown pairs with every plan of
its region. Files that pair with nothing are listed as unpaired, with the reason.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import yaml

from ipcheck.errors import IpcheckError

PLAN_SUFFIXES = (".yaml", ".yml")
SUMMARY_SUFFIXES = (".txt", ".text", ".md", ".docx", ".pdf", ".html", ".htm")
COUNT_KEYS = ("met", "missed", "unreported", "pending", "needs_review", "total")
INDEX_SCHEMA = 1

Progress = Callable[[str, int, int], None]        # (phase, done, total)


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
    reason: str


@dataclass(frozen=True)
class PlanInfo:
    path: str
    id: str | None = None
    region: str | None = None
    years: tuple[int, int] | None = None
    error: str | None = None


@dataclass(frozen=True)
class SummaryInfo:
    path: str
    regions: tuple[str, ...] = ()
    year: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Pair:
    plan: str
    summary: str


@dataclass
class Batch:
    """What a batch will check: its pairs in order, and everything left out."""

    pairs: list[Pair] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)     # inputs that could not be read


def list_files(path: str, suffixes: Sequence[str], kind: str) -> tuple[list[str], list[Skipped]]:
    """``path`` itself when it is a file, else the files directly inside the folder whose
    names end in one of ``suffixes`` (sorted); other files are returned as skipped."""
    p = Path(path)
    if not p.is_dir():
        return [path], []
    try:
        entries = sorted(p.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        raise IpcheckError(f"cannot list the folder: {exc.strerror or exc}", path=path) from None
    files, skipped = [], []
    for e in entries:
        if e.name.startswith(".") or e.is_dir():
            continue
        if e.suffix.lower() in suffixes:
            files.append(str(e))
        else:
            skipped.append(Skipped(str(e), kind, None, None,
                                   f"not a {kind} file (expected {' or '.join(suffixes)})"))
    if not files:
        raise IpcheckError(f"is a directory with no {kind} files ({' or '.join(suffixes)})", path=path)
    return files, skipped


def read_manifest(path: str) -> list[Pair]:
    """The pairs of a manifest: ``pairs: [{plan: …, summary: …}]``, paths relative to it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IpcheckError("manifest not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IpcheckError(f"cannot read the manifest: {getattr(exc, 'strerror', None) or exc}",
                           path=path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IpcheckError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", path=path,
                           line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list) or not data["pairs"]:
        raise IpcheckError("a manifest needs a non-empty list 'pairs: [{plan: FILE, summary: FILE}]'",
                           path=path)
    base = Path(path).parent
    pairs = []
    for k, item in enumerate(data["pairs"], 1):
        if (not isinstance(item, dict) or set(item) != {"plan", "summary"}
                or not all(isinstance(item[key], str) and item[key].strip() for key in ("plan", "summary"))):
            raise IpcheckError(f"pair {k}: expected exactly 'plan: FILE' and 'summary: FILE'", path=path)
        pairs.append(Pair(_join(base, item["plan"]), _join(base, item["summary"])))
    return pairs


def _join(base: Path, rel: str) -> str:
    return os.path.normpath(str(base / rel)) if not os.path.isabs(rel) else rel


# --------------------------------------------------------------------------------------
# describing and pairing
# --------------------------------------------------------------------------------------

def describe_plan(path: str) -> PlanInfo:
    """A plan's id, region and years, or the one-line error that stops it loading."""
    from ipcheck.plan import load_plan
    try:
        plan = load_plan(path)
    except IpcheckError as exc:
        return PlanInfo(path, error=one_line(exc))
    meta = plan.meta
    if meta.period is not None:
        years: tuple[int, int] | None = (meta.period.start, meta.period.end)
    else:
        dues = [i.due for i in (*plan.targets, *plan.tasks) if i.due is not None]
        years = (min(dues), max(dues)) if dues else None
    return PlanInfo(path, meta.id, meta.region, years)


def describe_summary(path: str, year: int | None = None) -> SummaryInfo:
    """The regions a summary's titles name and the year it reports on (``year`` overrides)."""
    from ipcheck.documents import read_document
    from ipcheck.regions import split
    from ipcheck.text import segment, summary_year
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
    from ipcheck.regions import same_region
    good_plans = [p for p in plans if p.error is None]
    pairs: list[Pair] = []
    used: set[str] = set()
    skipped: list[Skipped] = []
    for s in summaries:
        if s.error is not None:
            continue
        if not s.regions:
            skipped.append(Skipped(s.path, "summary", None, s.year,
                                   "no title line naming a region (2015年绵竹市…工作总结)"))
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
            why = (f"no plan covers {s.year}: " + ", ".join(f"{Path(p.path).name} ({_span(p.years)})" for p in near)
                   if near else f"no plan for {regions}")
            skipped.append(Skipped(s.path, "summary", regions, s.year, why))
    for p in good_plans:
        if p.path not in used:
            skipped.append(Skipped(p.path, "plan", p.region, None,
                                   f"no summary about {p.region} for {_span(p.years)}"))
    return pairs, skipped


def _span(years: tuple[int, int] | None) -> str:
    if years is None:
        return "any year"
    return str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"


# --------------------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------------------

def one_line(exc: BaseException) -> str:
    """An error as one line: an IpcheckError's first problem (and how many more)."""
    if isinstance(exc, IpcheckError):
        problems = [str(p) for p in exc.problems]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        return (problems[0] if problems else str(exc)) + more
    return f"internal error: {type(exc).__name__}: {exc}"


@dataclass(frozen=True)
class Job:
    index: int
    plan: str
    summary: str
    year: int | None
    output: str | None                                  # where to write the pair's report
    render: Callable[[Any], str] | None
    fail_on: frozenset[str]


def _row(job: Job, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"index": job.index, "plan": job.plan, "summary": job.summary, "plan_id": None,
                           "region": None, "year": None, "status": "failed", "failing": False,
                           "counts": None, "report": None, "error": None}
    row.update(extra)
    return row


def load_plan_once(path: str):
    """The plan at ``path``, parsed once per process while the file is unchanged.

    A batch checks one plan against many summaries; parsing it (with line tracking) for every
    pair cost a third of each check. Plans are frozen values, so sharing one is safe.
    """
    try:
        st = os.stat(path)
        key = (st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    return _load_plan_cached(path, key)


@lru_cache(maxsize=64)
def _load_plan_cached(path: str, key: tuple[int, int] | None):
    from ipcheck.plan import load_plan
    return load_plan(path)


def run_job(job: Job) -> dict[str, Any]:
    """Check one pair, write its report, and return its index row; never raises."""
    from ipcheck.check import Settings, check
    from ipcheck.documents import read_document
    from ipcheck.outputs import write_atomic
    try:
        plan = load_plan_once(job.plan)
        report = check(plan, read_document(job.summary), Settings(year=job.year))
        if job.output is not None and job.render is not None:
            write_atomic(job.output, job.render(report), inputs=(job.plan, job.summary))
    except Exception as exc:                       # a failed row, never a stopped batch
        return _row(job, error=one_line(exc))
    counts = {k: report.counts.get(k, 0) for k in COUNT_KEYS}
    return _row(job, plan_id=plan.meta.id, region=plan.meta.region, year=report.summary_year,
                status="checked", counts=counts, failing=any(counts.get(s, 0) for s in job.fail_on),
                report=os.path.basename(job.output) if job.output and job.render else None)


def _map(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int, phase: str,
         progress: Progress | None, pool: ProcessPoolExecutor | None) -> list[Any]:
    """``[fn(i) for i in items]`` in item order, on the pool when there is one."""
    total, out = len(items), [None] * len(items)
    if progress:
        progress(phase, 0, total)
    if pool is None:
        for k, item in enumerate(items):
            out[k] = fn(item)
            if progress:
                progress(phase, k + 1, total)
        return out
    futures = {pool.submit(fn, item): k for k, item in enumerate(items)}
    for done, fut in enumerate(as_completed(futures), 1):
        out[futures[fut]] = fut.result()
        if progress:
            progress(phase, done, total)
    return out


def report_name(plan_id: str, summary: str, ext: str, used: set[str]) -> str:
    """``<plan id>--<summary stem>.<ext>``, made unique within one batch."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", f"{plan_id}--{Path(summary).stem}")
    name, n = f"{stem}.{ext}", 2
    while name in used:
        name, n = f"{stem}-{n}.{ext}", n + 1
    used.add(name)
    return name


@dataclass
class Result:
    """A finished batch: one row per pair or failed input, in order, and the files left out."""

    rows: list[dict[str, Any]]
    skipped: list[Skipped]

    @property
    def exit_status(self) -> int:
        """2 if any pair failed to run, else 1 if any pair has a failing status, else 0."""
        if any(r["status"] == "failed" for r in self.rows):
            return 2
        return 1 if any(r["failing"] for r in self.rows) else 0


def run_batch(plan_arg: str | None, summary_arg: str | None, manifest: str | None = None, *,
              year: int | None = None, jobs: int | None = None, output_dir: str | None = None,
              render: Callable[[Any], str] | None = None, ext: str = "html",
              fail_on: Iterable[str] = ("missed", "unreported"),
              progress: Progress | None = None) -> Result:
    """Collect, pair and check. Exactly one of (``plan_arg`` and ``summary_arg``) or
    ``manifest`` is given. Reports go to ``output_dir`` (rendered by ``render``) when both
    are given. ``jobs`` worker processes (default: every core; 1 runs in this process)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    failing = frozenset(fail_on)
    skipped: list[Skipped] = []
    pool = None
    try:
        if jobs > 1:
            pool = ProcessPoolExecutor(max_workers=jobs)
        if manifest is not None:
            pairs = read_manifest(manifest)
            plan_paths = list(dict.fromkeys(p.plan for p in pairs))
            plans = {p.path: p for p in _map(describe_plan, plan_paths, jobs, "reading plans", progress, None)}
        else:
            assert plan_arg is not None and summary_arg is not None
            plan_files, s1 = list_files(plan_arg, PLAN_SUFFIXES, "plan")
            summary_files, s2 = list_files(summary_arg, SUMMARY_SUFFIXES, "summary")
            skipped += s1 + s2
            plan_infos = _map(describe_plan, plan_files, jobs, "reading plans", progress, None)
            summary_infos = _map(_describe_summary_job, [(f, year) for f in summary_files], jobs,
                                 "reading summaries", progress, pool)
            pairs, unpaired = pair(plan_infos, summary_infos)
            skipped += unpaired
            plans = {p.path: p for p in plan_infos}
            bad_summaries = [s for s in summary_infos if s.error is not None]
        used: set[str] = set()
        work: list[Job | dict[str, Any]] = []
        for k, p in enumerate(pairs):
            info = plans[p.plan]
            job = Job(k, p.plan, p.summary, year, None, render, failing)
            if info.error is not None:
                work.append(_row(job, error=info.error))
                continue
            out = (os.path.join(output_dir, report_name(info.id or Path(p.plan).stem, p.summary, ext, used))
                   if output_dir is not None and render is not None else None)
            work.append(Job(k, p.plan, p.summary, year, out, render, failing))
        jobs_only = [w for w in work if isinstance(w, Job)]
        done = iter(_map(run_job, jobs_only, jobs, "checking", progress, pool if len(jobs_only) > 1 else None))
        rows = [next(done) if isinstance(w, Job) else w for w in work]
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if manifest is None:
        n = len(rows)
        for info in (*[p for p in plans.values() if p.error is not None], *bad_summaries):
            is_plan = isinstance(info, PlanInfo)
            rows.append({**_row(Job(n, info.path if is_plan else None, None if is_plan else info.path,  # type: ignore[arg-type]
                                    year, None, None, failing)), "error": info.error})
            n += 1
    return Result(rows, skipped)


def index(result: Result, fail_on: Iterable[str]) -> dict[str, Any]:
    """The batch as one stable dictionary: the index reporters' context and index.json."""
    totals = {k: sum((r["counts"] or {}).get(k, 0) for r in result.rows) for k in COUNT_KEYS}
    return {
        "schema": INDEX_SCHEMA,
        "fail_on": sorted(fail_on),
        "pairs": result.rows,
        "unpaired": [{"path": s.path, "kind": s.kind, "region": s.region, "year": s.year, "reason": s.reason}
                     for s in result.skipped],
        "totals": {**totals, "pairs": len(result.rows),
                   "checked": sum(r["status"] == "checked" for r in result.rows),
                   "failed": sum(r["status"] == "failed" for r in result.rows),
                   "failing": sum(bool(r["failing"]) for r in result.rows),
                   "unpaired": len(result.skipped)},
        "exit_status": result.exit_status,
    }
