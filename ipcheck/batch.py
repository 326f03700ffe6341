"""Check many plan/summary pairs at once: collect, pair (ipcheck.pairing), run in a process pool,
index.

Pure: it never prints, reads argv or exits. The CLI gives it paths and a renderer and gets
back rows (plain dictionaries, in a deterministic order whatever order the workers finish
in) that the index reporters turn into a table, HTML, Markdown or JSON.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ipcheck.pairing import (PLAN_SUFFIXES, SUMMARY_SUFFIXES, Pair, PlanInfo, Skipped,  # noqa: F401 (re-exported)
                             SummaryInfo, _describe_summary_job, describe_plan, describe_summary, list_files,
                             one_line, pair, read_manifest)
from ipcheck.errors import Message
from ipcheck.rollup import owner_rollup
from ipcheck.verdicts.decide import Thresholds

COUNT_KEYS = ("met", "missed", "unreported", "pending", "needs_review", "total")
INDEX_SCHEMA = 1

Progress = Callable[[str, int, int], None]        # (phase, done, total)
REPORT_KEY = "_report"                            # a row's Report while the batch runs; never in the index


# --------------------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    index: int
    plan: str
    summary: str
    year: int | None
    output: str | None                                  # where to write the pair's report
    render: Callable[[Any], str] | None
    fail_on: frozenset[str]
    reviews: bool = True                                # apply the reviews file beside the plan
    thresholds: Thresholds = field(default_factory=Thresholds)
    keep_report: bool = False                           # hand the Report back (the workbook, progress)


def _row(job: Job, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"index": job.index, "plan": job.plan, "summary": job.summary, "plan_id": None,
                           "region": None, "year": None, "status": "failed", "failing": False,
                           "counts": None, "report": None, "error": None, "error_message": None, "mismatch": None}
    row.update(extra)
    return row


def _failed(error: Message) -> dict[str, Any]:
    """A failed row's error: the English line (``error``) and its catalogue key and params
    (``error_message``), which the index reporters say in the report's language."""
    return {"error": error.text(), "error_message": error.as_json()}


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
    from ipcheck.plans.loader import load_plan
    return load_plan(path)


def run_job(job: Job) -> dict[str, Any]:
    """Check one pair, write its report, and return its index row; never raises."""
    from ipcheck.check import Settings, check
    from ipcheck.inputs.documents import read_document
    from ipcheck.outputs import write_atomic
    from ipcheck.reviews import find
    try:
        plan = load_plan_once(job.plan)
        settings = Settings(year=job.year, thresholds=job.thresholds,
                            reviews=find(job.plan, enabled=job.reviews))
        report = check(plan, read_document(job.summary), settings)
        if job.output is not None and job.render is not None:
            write_atomic(job.output, job.render(report), inputs=(job.plan, job.summary))
    except Exception as exc:                       # a failed row, never a stopped batch
        return _row(job, **_failed(one_line(exc)))
    counts = {k: report.counts.get(k, 0) for k in COUNT_KEYS}
    m = report.mismatch
    return _row(job, plan_id=plan.meta.id, region=plan.meta.region, year=report.summary_year,
                status="mismatch" if m else "checked", counts=counts,
                failing=any(counts.get(s, 0) for s in job.fail_on),
                mismatch={"code": m.code, "found": m.found, "expected": m.expected} if m else None,
                report=os.path.basename(job.output) if job.output and job.render else None,
                **({REPORT_KEY: report} if job.keep_report and not m else {}))   # a mismatch rolls up nowhere


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
    """A finished batch: one row per pair or failed input, in order, the files left out
    unpaired, and the files ignored as plainly not plans or summaries (README files…)."""

    rows: list[dict[str, Any]]
    skipped: list[Skipped]
    reports: dict[int, Any] = field(default_factory=dict)     # row index -> Report (with keep_reports)
    ignored: list[Skipped] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """2 if any pair failed to run, else 4 if a summary does not belong to its plan
        (another region or period: a manifest's pair), else 1 if any pair has a failing
        status, else 0."""
        if any(r["status"] == "failed" for r in self.rows):
            return 2
        if any(r["status"] == "mismatch" for r in self.rows):
            return 4
        return 1 if any(r["failing"] for r in self.rows) else 0


def run_batch(plan_arg: str | None, summary_arg: str | None, manifest: str | None = None, *,
              year: int | None = None, jobs: int | None = None, output_dir: str | None = None,
              render: Callable[[Any], str] | None = None, ext: str = "html",
              fail_on: Iterable[str] = ("missed", "unreported"),
              progress: Progress | None = None, reviews: bool = True,
              thresholds: Thresholds = Thresholds(), keep_reports: bool = False) -> Result:
    """Collect, pair and check. Exactly one of (``plan_arg`` and ``summary_arg``) or
    ``manifest`` is given. Reports go to ``output_dir`` (rendered by ``render``) when both
    are given. ``jobs`` worker processes (default: every core; 1 runs in this process).
    ``reviews``: apply each plan's reviews file (ipcheck.reviews.default_path) when it exists.
    ``keep_reports``: keep every pair's Report in ``Result.reports`` (for the workbook and progress)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    failing = frozenset(fail_on)
    skipped: list[Skipped] = []
    ignored: list[Skipped] = []
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
            mine = (output_dir,) if output_dir is not None else ()
            plan_files, s1 = list_files(plan_arg, PLAN_SUFFIXES, "plan", exclude=mine)
            summary_files, s2 = list_files(summary_arg, SUMMARY_SUFFIXES, "summary", exclude=mine)
            ignored += s1 + s2
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
                work.append(_row(job, **_failed(info.error)))
                continue
            out = (os.path.join(output_dir, report_name(info.id or Path(p.plan).stem, p.summary, ext, used))
                   if output_dir is not None and render is not None else None)
            work.append(Job(k, p.plan, p.summary, year, out, render, failing, reviews, thresholds, keep_reports))
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
                                    year, None, None, failing)), **_failed(info.error)})
            n += 1
    kept = {k: row.pop(REPORT_KEY) for k, row in enumerate(rows) if REPORT_KEY in row}
    return Result(rows, skipped, kept, ignored)


def index(result: Result, fail_on: Iterable[str]) -> dict[str, Any]:
    """The batch as one stable dictionary: the index reporters' context and index.json."""
    totals = {k: sum((r["counts"] or {}).get(k, 0) for r in result.rows) for k in COUNT_KEYS}
    return {
        "schema": INDEX_SCHEMA,
        "fail_on": sorted(fail_on),
        "pairs": result.rows,
        "unpaired": [_skipped_row(s) for s in result.skipped],
        "ignored": [_skipped_row(s) for s in result.ignored],
        "totals": {**totals, "pairs": len(result.rows),
                   "checked": sum(r["status"] != "failed" for r in result.rows),
                   "failed": sum(r["status"] == "failed" for r in result.rows),
                   "mismatched": sum(r["status"] == "mismatch" for r in result.rows),
                   "failing": sum(bool(r["failing"]) and r["status"] == "checked" for r in result.rows),
                   "unpaired": len(result.skipped)},
        "exit_status": result.exit_status,
        # with the reports kept (an --output-dir): the tasks per responsible unit, and the plans whose
        # progress over several years was written (filled in by the caller that writes them)
        "owners": owner_rollup(result.reports[k] for k in sorted(result.reports)),
        "progress": [],
    }


def _skipped_row(s: Skipped) -> dict[str, Any]:
    return {"path": s.path, "kind": s.kind, "region": s.region, "year": s.year, "reason": s.reason,
            "reason_code": s.code, "reason_params": dict(s.params)}
