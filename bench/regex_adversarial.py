"""Time every compiled regular expression of ipcheck on long adversarial strings; fail on a slow one.

Run by hand (not a unit test; speed lives in bench/, see bench/README.md)::

    python bench/regex_adversarial.py                 # 5,000 characters, 50 ms budget; exit 1 when over
    python bench/regex_adversarial.py --only ZH-REPORT-006 --as-search

Every pattern is found: module attributes of type ``re.Pattern`` in the ``ipcheck`` package, every
rule of ipcheck/lang/zh and every group's alternation. Each is applied as the engine applies it (a rule
of scope ``start`` with ``match``, ``whole`` with ``fullmatch``, anything else with ``finditer``,
``search`` and ``match``; ``--as-search`` searches with all of them) to strings such as 5,000 characters
of ' ', '1', '1.', '年', '、', '(', '余', '第' and mixes of them. Each pattern runs in a child process
with a hard time bound, so catastrophic backtracking is reported, not waited for. The run is repeated
at a tenth of the size: a time ratio far above 10 (x10 input) points at super-linear behaviour even
when the absolute time is small (a lead, printed, not a failure). Every pattern over the budget is
printed after FAIL, with its worst string; exit status 1 when any is.
"""
from __future__ import annotations

import argparse
import importlib
import multiprocessing as mp
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNITS = ["1", "1.", "1,", "12.", "年", "、", "(", "(1", "余", "第", "一", "十", "万", "《", "“", " ", "?",
         "1年", "1、", "第1", "1%", "1件", "一、", "(一)", "2015年", "近", "约1", "百分之", ",", "。",
         "专利", "1-", "1~", "〔2015〕", "1.2.", "计划", "将", "目标"]
MIXED = ["1.年、(余第", "第一、(1)1.", "1,1.1、1年", "近约余多以上1", "“《(〔", "2015年1-11月", "一二三四五六七八九十百千万亿"]


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(name, pattern) for every compiled pattern of ipcheck: module-level ones, every rule of
    ipcheck/lang/zh (``ZH-…``, with the module attribute that holds it when one does) and every group's
    alternation (``group:NAME``). A pattern built inside a function is not found: bind it at module level."""
    import ipcheck
    from ipcheck.lang.registry import load
    registry = load()
    codes = {id(r.regex): r.code for r in registry if r.expression}
    SCOPES.update({id(r.regex): r.scope for r in registry if r.expression})
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(ipcheck.__path__, "ipcheck."):
        if info.name.endswith("__main__"):     # importing it runs the CLI
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - a module that cannot import is reported, not fatal
            print(f"skip {info.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                code = codes.get(id(value))
                label = f"{info.name}.{name}"
                found.setdefault(id(value), (f"{code} {label}" if code else label, value))
    for rule in registry:
        if rule.expression:
            found.setdefault(id(rule.regex), (rule.code, rule.regex))
    for group in sorted({r.group for r in registry if r.group}):
        found.setdefault(id(registry.group_regex(group)), (f"group:{group}", registry.group_regex(group)))
    return sorted(found.values(), key=lambda f: f[0])


SCOPES: dict[int, str] = {}     # id(pattern) -> the rule's scope (search, start or whole), filled by patterns()


def inputs(size: int) -> list[tuple[str, str]]:
    out = [(f"{u!r}*", (u * (size // len(u) + 1))[:size]) for u in UNITS]
    out += [(f"{m!r}*", (m * (size // len(m) + 1))[:size]) for m in MIXED]
    return out


def _time_one(pattern: re.Pattern[str], text: str, scope: str) -> float:
    """Seconds to apply ``pattern`` to ``text`` as its scope says the engine does: a rule of scope
    ``start`` is tried at a position (``match``), one of scope ``whole`` on a whole text (``fullmatch``),
    anything else is searched for (every ``finditer`` match, ``search`` and ``match``)."""
    t = time.perf_counter()
    if scope == "start":
        pattern.match(text)
    elif scope == "whole":
        pattern.fullmatch(text)
    else:
        for _ in pattern.finditer(text):
            pass
        pattern.search(text)
        pattern.match(text)
    return time.perf_counter() - t


def _worker(name: str, size: int, as_search: bool, conn) -> None:
    pattern = dict(patterns())[name]
    scope = "search" if as_search else SCOPES.get(id(pattern), "search")
    for label, text in inputs(size):
        conn.send((label, _time_one(pattern, text, scope)))
    conn.send(None)


def run(name: str, size: int, bound: float, as_search: bool = False) -> list[tuple[str, float]]:
    """[(input label, seconds)] for one pattern; a timed-out input gets float('inf')."""
    parent, child = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_worker, args=(name, size, as_search, child), daemon=True)
    proc.start()
    out: list[tuple[str, float]] = []
    labels = [label for label, _ in inputs(1)]
    while True:
        if not parent.poll(bound * 5 + 2):
            out.append((labels[len(out)] if len(out) < len(labels) else "?", float("inf")))
            proc.kill()
            break
        item = parent.recv()
        if item is None:
            break
        out.append(item)
    proc.join(1)
    return out


def over_budget(rows: list[tuple[float, float, str, str]], bound: float) -> list[tuple[str, float, str, int]]:
    """(pattern, worst seconds, worst input, how many inputs over) for every pattern over ``bound``."""
    worst: dict[str, tuple[float, str, int]] = {}
    for secs, _ratio, name, label in rows:
        if secs > bound:
            top, top_label, n = worst.get(name, (0.0, "", 0))
            worst[name] = (secs, label, n + 1) if secs > top else (top, top_label, n + 1)
    return sorted(((n, s, lab, k) for n, (s, lab, k) in worst.items()), key=lambda r: (-r[1], r[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=5_000, help="characters per adversarial string")
    ap.add_argument("--bound", type=float, default=0.05, help="seconds one pattern may take on one string")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--only", default="", help="time only the patterns whose name contains this")
    ap.add_argument("--as-search", action="store_true",
                    help="search with every pattern, whatever its rule's scope (the worst case)")
    a = ap.parse_args(argv)
    pats = [p for p in patterns() if a.only in p[0]]
    print(f"{len(pats)} compiled patterns in ipcheck/, {len(inputs(1))} adversarial strings of "
          f"{a.size} characters each (and of {a.size // 10} for the growth ratio); bound {a.bound}s")
    rows = []
    t0 = time.perf_counter()
    for name, _ in pats:
        big = dict(run(name, a.size, a.bound, a.as_search))
        small = dict(run(name, a.size // 10, a.bound, a.as_search))
        for label, secs in big.items():
            ratio = secs / max(small.get(label, 0.0), 1e-5)
            rows.append((secs, ratio, name, label))
    rows.sort(reverse=True)
    print(f"total {time.perf_counter() - t0:.1f}s\n\nslowest (seconds at {a.size}, ratio to {a.size // 10}):")
    for secs, ratio, name, label in rows[:a.top]:
        print(f"  {secs:9.4f}s  x{ratio:7.1f}  {name:40s} {label}")
    growth = [r for r in rows if r[1] > 40 and r[0] > 0.01]
    print(f"\nsuper-linear (ratio > 40 and > 10 ms; a lead, not a failure): {len(growth)}")
    for secs, ratio, name, label in growth[:a.top]:
        print(f"  {secs:.4f}s x{ratio:.0f}  {name}  {label}")
    over = over_budget(rows, a.bound)
    if not over:
        print(f"\nOK: every pattern within {a.bound}s on every string of {a.size} characters")
        return 0
    print(f"\nFAIL: {len(over)} patterns over the {a.bound}s budget on a string of {a.size} characters "
          "(super-linear backtracking; see bench/README.md):")
    for name, secs, label, n in over:
        shown = "TIMEOUT" if secs == float("inf") else f"{secs:.3f}s"
        print(f"  {shown:>8}  {name}  worst on {label} ({n} of {len(inputs(1))} strings over)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
