"""Benchmark ipcheck and write bench/RESULTS.md: whole-process times, stages, growth.

Run by hand (never in the test suite): ``python bench/run.py``. Inputs are built from the
bundled sample plans and summaries, deterministically; times are medians of several runs.
"""
from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.check import Settings, check, decide, read_figures  # noqa: E402
from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.verdicts.matching import SentenceIndex  # noqa: E402
from ipcheck.model import Document  # noqa: E402
from ipcheck.plans.loader import load_plan  # noqa: E402
from ipcheck.report import render  # noqa: E402
from ipcheck.reading.text import segment, summary_year  # noqa: E402
from ipcheck.verdicts.decide import Thresholds  # noqa: E402

PAIRS = sorted((ROOT / "tests" / "cases").glob("*/case.yaml"))


def _largest_pair() -> tuple[Path, Path]:
    import yaml
    best = None
    for case in PAIRS:
        c = yaml.safe_load(case.read_text(encoding="utf-8"))
        plan, summary = ROOT / c["plan"], ROOT / c["summary"]
        size = summary.stat().st_size * (1 + len(load_plan(plan).targets) + len(load_plan(plan).tasks))
        if best is None or size > best[0]:
            best = (size, plan, summary)
    assert best is not None, "no sample pairs under tests/cases"
    return best[1], best[2]


def _median_process(args: list[str], runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kb


def _best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def stages(plan_path: Path, summary_path: Path) -> list[tuple[str, float]]:
    plan = load_plan(plan_path)
    doc = read_document(summary_path)
    year = summary_year(doc)
    sentences = segment(doc, year=year)
    figures = read_figures(sentences)
    index = SentenceIndex(sentences, figures)
    report = check(plan, doc)
    return [
        ("load plan", _best(lambda: load_plan(plan_path))),
        ("read summary", _best(lambda: read_document(summary_path))),
        ("segment", _best(lambda: segment(doc, year=year))),
        ("figures", _best(lambda: read_figures(sentences))),
        ("index", _best(lambda: SentenceIndex(sentences, figures))),
        ("match + decide", _best(lambda: decide(plan, index, year, Thresholds()))),
        ("render json", _best(lambda: render(report, "json"))),
        ("render html", _best(lambda: render(report, "html"))),
    ]


def growth_summary(plan_path: Path, summary_path: Path, largest: int) -> list[tuple[int, float]]:
    """Check time as the summary grows from 10 KB by doubling (the seed text repeated)."""
    plan = load_plan(plan_path)
    base = read_document(summary_path).text
    rows = []
    size = 10_000
    while size <= largest:
        text = base * (size // max(1, len(base.encode())) + 1)
        while len(text.encode()) > size:
            text = text[: int(len(text) * size / len(text.encode()))]
        doc = Document(path="bench", text=text, encoding="utf-8")
        runs = 3 if size <= 1_000_000 else 1
        rows.append((len(text.encode()), _best(lambda: check(plan, doc, Settings(year=2015)), runs=runs)))
        size *= 2
    return rows


def growth_plan(plan_path: Path, summary_path: Path) -> list[tuple[int, float]]:
    plan = load_plan(plan_path)
    doc = read_document(summary_path)
    items = list(plan.targets) + list(plan.tasks)
    rows = []
    n = 10
    while n <= 1280:
        targets = tuple(replace(t, id=f"{t.id}-{i}") for i in range(n // max(1, len(items)) + 1)
                        for t in plan.targets)
        tasks = tuple(replace(t, id=f"{t.id}-{i}") for i in range(n // max(1, len(items)) + 1)
                      for t in plan.tasks)
        both = (targets + tasks)[:n]
        big = replace(plan, targets=tuple(x for x in both if hasattr(x, "metric")),
                      tasks=tuple(x for x in both if not hasattr(x, "metric")))
        rows.append((n, _best(lambda: check(big, doc, Settings(year=2015)), runs=3)))
        n *= 2
    return rows


def _batch_job(pair: tuple[str, str]) -> int:
    plan_path, summary_path = pair
    from ipcheck.batch import load_plan_once
    report = check(load_plan_once(plan_path), read_document(summary_path))
    return report.counts["total"]


def _batch_inputs(folder: Path, n: int) -> list[tuple[str, str]]:
    """``n`` pairs of a ~10 KB summary and a 50-item plan, built from the samples."""
    import yaml
    summaries = sorted(p for p in (ROOT / "summaries" / "2015").glob("*.txt"))
    items = yaml.safe_load((ROOT / "plans" / "luzhou-2016.yaml").read_text(encoding="utf-8"))
    extra = yaml.safe_load((ROOT / "plans" / "mianzhu-2015.yaml").read_text(encoding="utf-8"))
    plan = dict(items)
    plan["targets"] = items["targets"] + [dict(t, id=f"m{t['id']}") for t in extra["targets"]]
    plan["tasks"] = (items["tasks"] + [dict(t, id=f"m{t['id']}") for t in extra["tasks"]])[: 50 - len(plan["targets"])]
    plan_path = folder / "plan50.yaml"
    plan_path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    tens = []
    for i, src in enumerate(summaries):
        text = src.read_text(encoding="utf-8")
        text = (text * (10_000 // len(text.encode()) + 1))
        while len(text.encode()) > 10_000:
            text = text[:-200]
        dst = folder / f"s{i}.txt"
        dst.write_text(text, encoding="utf-8")
        tens.append(dst)
    return [(str(plan_path), str(tens[i % len(tens)])) for i in range(n)]


def batch(n: int) -> list[tuple[int, float, float]]:
    """Throughput of ``n`` checks with 1 and 2 worker processes (reading included)."""
    import multiprocessing
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pairs = _batch_inputs(Path(tmp), n)
        for workers in (1, 2):
            ctx = multiprocessing.get_context("fork")
            t0 = time.perf_counter()
            with ctx.Pool(workers) as pool:
                list(pool.imap_unordered(_batch_job, pairs, chunksize=20))
            elapsed = time.perf_counter() - t0
            rows.append((workers, elapsed, n / elapsed))
    return rows


def _ratios(rows: list[tuple[int, float]]) -> list[str]:
    out = ["–"]
    for (a, ta), (b, tb) in zip(rows, rows[1:]):
        out.append(f"{tb / ta:.2f}× for {b / a:.2f}× input" if ta > 0 else "–")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    ap.add_argument("--largest", type=int, default=10_240_000, help="largest summary in bytes")
    ap.add_argument("--batch", type=int, default=1000, help="pairs in the batch run")
    args = ap.parse_args()
    plan, summary = _largest_pair()
    exe = [sys.executable, "-m", "ipcheck"]
    version_t, _ = _median_process(exe + ["--version"], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        check_t, peak = _median_process(exe + ["check", str(plan.relative_to(ROOT)), str(summary.relative_to(ROOT)),
                                               "--format", "json", "-o", str(Path(tmp) / "r.json")], args.runs)
    lines = [
        "# ipcheck benchmark results", "",
        "Made by `python bench/run.py` (by hand, never in tests). Medians of "
        f"{args.runs} runs on {platform.machine()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores.", "",
        "## Whole process", "",
        "| command | median | budget |", "|---|---|---|",
        f"| `ipcheck --version` | {version_t * 1000:.0f} ms | 150 ms |",
        f"| `ipcheck check {plan.relative_to(ROOT)} {summary.relative_to(ROOT)}` | {check_t * 1000:.0f} ms | 500 ms |",
        "", f"Peak memory of a child process: {peak / 1024:.1f} MiB.", "",
        "## Stages of one check (in process)", "", "| stage | median |", "|---|---|",
    ]
    lines += [f"| {name} | {t * 1000:.2f} ms |" for name, t in stages(plan, summary)]
    lines += ["", f"## Batch: {args.batch} checks of a 10 KB summary against a 50-item plan", "",
              "| workers | time | checks/s | speed-up |", "|---|---|---|---|"]
    rows = batch(args.batch)
    for workers, elapsed, rate in rows:
        lines.append(f"| {workers} | {elapsed:.2f} s | {rate:.0f} | {rows[0][1] / elapsed:.2f}× |")
    for title, rows, unit in (("summary length", growth_summary(plan, summary, args.largest), "bytes"),
                              ("plan size", growth_plan(plan, summary), "items")):
        lines += ["", f"## Growth with {title}", "", f"| {unit} | check time | ratio |", "|---|---|---|"]
        lines += [f"| {n:,} | {t * 1000:.1f} ms | {r} |" for (n, t), r in zip(rows, _ratios(rows))]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
