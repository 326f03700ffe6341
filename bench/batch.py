"""Benchmark batches: the ten split 2015 summaries, and a synthetic 1,000-pair batch.

Run by hand (never in the test suite): ``python bench/batch.py [--pairs 1000] [--runs 3]``.
Everything is built in a temporary folder by copying the bundled files: the compilation is
split with ``ipcheck split``; the big batch copies the 绵竹, 广汉 and 泸州 summaries round-robin
into one folder next to their three plans, so pairing by region and year yields exactly
``--pairs`` pairs. Times are whole ``ipcheck check PLANS SUMMARIES --output-dir OUT`` runs
(process start, pairing, checking, writing every HTML report and the index), median of
``--runs``, for ``--jobs 1`` and ``--jobs 2`` (and every core, when there are more than 2).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IPCHECK = [sys.executable, "-m", "ipcheck"]
CITY_PAIRS = (("mianzhu-2015.yaml", "mianzhu-2015.txt"), ("guanghan-2015.yaml", "guanghan-2015.txt"),
              ("luzhou-2016.yaml", "luzhou-2015.txt"))


def _time(args: list[str], out: Path, runs: int) -> tuple[float, dict]:
    times, index = [], {}
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        proc = subprocess.run(args + ["--output-dir", str(out)], cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"batch failed ({proc.returncode}): {proc.stderr}")
        index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return statistics.median(times), index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    opts = ap.parse_args()
    jobs = sorted({1, 2, os.cpu_count() or 1})
    with tempfile.TemporaryDirectory(prefix="ipcheck-bench-") as tmp:
        base = Path(tmp)
        ten = base / "ten"
        subprocess.run(IPCHECK + ["split", str(ROOT / "summaries" / "sichuan-2015-compilation.txt"), "-o", str(ten)],
                       cwd=ROOT, check=True, capture_output=True)
        plans, many = base / "plans", base / "many"
        plans.mkdir(), many.mkdir()
        for plan, _ in CITY_PAIRS:
            shutil.copy(ROOT / "plans" / plan, plans / plan)
        for k in range(opts.pairs):
            _, summary = CITY_PAIRS[k % len(CITY_PAIRS)]
            shutil.copy(ROOT / "summaries" / "2015" / summary, many / f"{k:04d}-{summary}")
        print(f"# ipcheck batch timings\n\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}; median of {opts.runs} whole-process runs, HTML reports\n")
        print("| batch | pairs | unpaired | --jobs | seconds | pairs/s |\n|---|---:|---:|---:|---:|---:|")
        for label, args in (("ten split summaries + plans/", IPCHECK + ["check", str(ROOT / "plans"), str(ten)]),
                            (f"{opts.pairs} copies, 3 plans", IPCHECK + ["check", str(plans), str(many)])):
            for j in jobs:
                seconds, index = _time(args + ["--jobs", str(j)], base / "out", opts.runs)
                n = index["totals"]["pairs"]
                print(f"| {label} | {n} | {index['totals']['unpaired']} | {j} | {seconds:.2f} | {n / seconds:.0f} |")


if __name__ == "__main__":
    main()
