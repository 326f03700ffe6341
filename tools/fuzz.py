"""Fuzz the whole of ipcheck on mutated seed documents and report every crash.

    python tools/fuzz.py                    # 10,000 cases, seed 0, all CPUs
    python tools/fuzz.py --cases 500 --seed 7 --jobs 1

Each case takes a seed summary (``summaries/2015/*.txt``) and a seed plan (``plans/*.yaml``),
mutates one or both (byte flips, truncations, random Unicode, duplicated/shuffled/deleted
lines, YAML mutations, re-encodings), writes them to a temporary folder and runs
``load_plan`` + ``read_document`` + ``check`` + every renderer; one case in ``--cli-every``
also goes through the command line (click's CliRunner on ``ipcheck.cli.main``). A crash is an
exception that is not an IpcheckError, an exit status outside {0, 1, 2, 4} (4: the summary does not
belong to the plan), or a case slower
than ``--timeout`` seconds. Case ``i`` depends only on ``(seed, i)``, so a run is
reproducible with any number of jobs; each crash's inputs and traceback are saved to a
folder named in the report. Exit status: 0 when nothing crashed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUMMARIES = sorted((ROOT / "summaries" / "2015").glob("*.txt"))
PLANS = sorted((ROOT / "plans").glob("*.yaml"))

# Characters that stress the readers: digits in every notation, qualifiers, separators,
# invisible and bidi controls, surrogates-free astral characters, YAML syntax.
_SPICE = (list("0123456789０１２３４５６７８９.,，。；;:：、%％?？!！()（）《》“”\"'〔〕【】[]{}#&*|>-~")
          + list("万亿千百十一二两三四五六七八九零〇余多近约超以上下左右件项家人次元年月日第届号")
          + ["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u00a0", "\u3000", "\t", "\r", "\x0b",
             "\x00", "\x1b", "\x7f", "\u2028", "\ud7ff", "\U0001f600", "\U00020000", "\ufffd", "\u0301"]
          + ["专利申请量", "发明专利", "同比增长", "存在的问题", "下一步", "2016年工作计划", "一、",
             "(一)", "1、", "41?", "3.6万", "1.67亿元", "百分之三十", "〔2015〕64号", "1~2家",
             "[/x]", "[bold]", "\x1b[2J", "<script>", "](javascript:", "`", "9" * 40, "1\u200b796件"])
_YAML_SCALARS = ["~", "null", "[]", "{}", "[1, 2]", "{a: 1}", "yes", "no", "1e309", "-1", "0x1F",
                 "2015-13-45", "\"\"", "'>='", ">=", "!!binary aGVsbG8=", "!!python/object:os.system x",
                 "&a 1", "*a", "|\n  x", "1_000", ".nan", ".inf", "2015", "\"2015\"", "专利申请量", "件",
                 "亿元", "%", "level", "growth", "share", "annual_growth", "\"\\ud800\"", "'\t'",
                 "\"[/x]\"", "'[bold]x'", "\"\\e[2J\"", "'<script>'", "'a`b'", "99999999999999999999"]


@dataclass
class Outcome:
    case: int
    kind: str                  # "ok" (exit 0/1), "input_error" (exit 2) or "crash"
    detail: str = ""
    seconds: float = 0.0
    saved: str | None = None
    mutations: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------ mutations

def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] = b[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(b)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _insert_unicode(rng: random.Random, data: bytes) -> bytes:
    """Insert characters between characters (the text stays UTF-8), or, one time in five,
    at a random byte offset (which usually breaks a character)."""
    try:
        text: str | None = data.decode("utf-8") if rng.random() < 0.8 else None
    except UnicodeDecodeError:
        text = None
    b = data
    for _ in range(rng.randint(1, 10)):
        if rng.random() < 0.8:
            piece = rng.choice(_SPICE)
        else:
            piece = "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0xd800),
                                            rng.randrange(0xe000, 0x110000)]))
                            for _ in range(rng.randint(1, 6)))
        if text is not None:
            i = rng.randrange(len(text) + 1)
            text = text[:i] + piece + text[i:]
        else:
            i = rng.randrange(len(b) + 1)
            b = b[:i] + piece.encode("utf-8") + b[i:]
    return text.encode("utf-8") if text is not None else b


def _duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 3)
    return b"\n".join(lines)


def _shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if rng.random() < 0.5:
        rng.shuffle(lines)
    else:                                   # move a block, keeps most structure
        i, j = sorted(rng.randrange(len(lines) + 1) for _ in range(2))
        block, rest = lines[i:j], lines[:i] + lines[j:]
        k = rng.randrange(len(rest) + 1)
        lines = rest[:k] + block + rest[k:]
    return b"\n".join(lines)


def _delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    del lines[i:i + rng.randint(1, 10)]
    return b"\n".join(lines)


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32", "big5",
                        "latin-1"])
    return text.encode(codec, "replace")


def _join_lines(rng: random.Random, data: bytes) -> bytes:
    """Remove newlines and sentence ends: one very long sentence."""
    out = data.replace(b"\n", b"")
    if rng.random() < 0.5:
        out = out.replace("。".encode(), "，".encode())
    return out


def _yaml_mutation(rng: random.Random, data: bytes) -> bytes:
    """Replace a value, re-indent, duplicate a key, add an anchor/alias or an unknown key."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    line = lines[i].decode("utf-8", "replace")
    op = rng.randrange(6)
    if op == 0 and ":" in line:                                     # value -> odd scalar
        key = line.split(":", 1)[0]
        line = f"{key}: {rng.choice(_YAML_SCALARS)}"
    elif op == 1:                                                   # indentation
        line = " " * rng.randrange(8) + line.lstrip() if rng.random() < 0.5 else "\t" + line
    elif op == 2:                                                   # duplicate a line (key)
        lines.insert(i, lines[i])
    elif op == 3 and ":" in line:                                   # anchor/alias
        key, _, value = line.partition(":")
        line = f"{key}: &x{rng.randrange(3)} {value.strip() or '~'}" if rng.random() < 0.5 \
            else f"{key}: *x{rng.randrange(3)}"
    elif op == 4:                                                   # unknown key
        indent = len(line) - len(line.lstrip())
        line = line + "\n" + " " * indent + rng.choice(["tagret", "mesure", "值", "id", "value"]) + ": 1"
    else:                                                           # list <-> map
        line = line.replace("- ", "", 1) if "- " in line else line.replace(line.lstrip(), "- " + line.lstrip(), 1)
    lines[i] = line.encode("utf-8")
    return b"\n".join(lines)


# Byte-level damage (flips, truncation, re-encoding) mostly ends at the decoder (exit 2), so
# it is applied to one case in four, last; the other mutations keep the text readable and
# reach the segmenter, the figure reader and the verdicts.
BYTE_MUTATIONS = [_flip, _truncate, _reencode]
TEXT_MUTATIONS = [_insert_unicode, _duplicate_lines, _shuffle_lines, _delete_lines, _join_lines,
                  _insert_unicode, _duplicate_lines, _shuffle_lines, _delete_lines]
YAML_MUTATIONS = [_insert_unicode, _duplicate_lines, _shuffle_lines, _delete_lines] + [_yaml_mutation] * 6


def make_case(seed: int, case: int) -> tuple[bytes, bytes, list[str], str, str]:
    """(plan bytes, summary bytes, mutation names, plan seed, summary seed) of case ``case``."""
    rng = random.Random(seed * 1_000_003 + case)
    plan_path, summary_path = rng.choice(PLANS), rng.choice(SUMMARIES)
    plan, summary = plan_path.read_bytes(), summary_path.read_bytes()
    done: list[str] = []
    target = rng.random()                   # < .6: the summary, > .85: the plan, else both
    for _ in range(rng.randint(1, 4)):
        if target < 0.6 or (target < 0.85 and rng.random() < 0.5):
            m = rng.choice(TEXT_MUTATIONS)
            summary = m(rng, summary)
            done.append("summary:" + m.__name__.lstrip("_"))
        else:
            m = rng.choice(YAML_MUTATIONS)
            plan = m(rng, plan)
            done.append("plan:" + m.__name__.lstrip("_"))
    if rng.random() < 0.25:
        m = rng.choice(BYTE_MUTATIONS)
        if target < 0.7:
            summary = m(rng, summary)
            done.append("summary:" + m.__name__.lstrip("_"))
        else:
            plan = m(rng, plan)
            done.append("plan:" + m.__name__.lstrip("_"))
    return plan, summary, done, plan_path.name, summary_path.name


# ------------------------------------------------------------------------ running

class _Timeout(BaseException):
    pass


def _alarm(signum, frame):  # pragma: no cover - only on a hang
    raise _Timeout()


def _pipeline(plan_file: str, summary_file: str) -> int:
    from ipcheck.check import check
    from ipcheck.inputs.documents import read_document
    from ipcheck.plans.loader import load_plan
    from ipcheck.report import BINARY_FORMATS, REPORTER_BY_NAME, render
    report = check(load_plan(plan_file), read_document(summary_file))
    for fmt in REPORTER_BY_NAME:
        out = render(report, fmt)
        assert isinstance(out, bytes if fmt in BINARY_FORMATS else str), fmt
        assert out or fmt == "github", fmt      # GitHub annotations: nothing flagged, no line
    return 1 if report.counts["missed"] or report.counts["unreported"] else 0


def run_case(args: tuple[int, int, str, float, int]) -> Outcome:
    seed, case, save_root, timeout, cli_every = args
    from click.testing import CliRunner

    from ipcheck.cli import main
    from ipcheck.errors import IpcheckError
    plan, summary, done, plan_seed, summary_seed = make_case(seed, case)
    out = Outcome(case=case, kind="ok", mutations=[f"plan={plan_seed}", f"summary={summary_seed}"] + done)
    with tempfile.TemporaryDirectory(prefix="ipfz-") as tmp:
        pf, sf = os.path.join(tmp, "plan.yaml"), os.path.join(tmp, "summary.txt")
        Path(pf).write_bytes(plan)
        Path(sf).write_bytes(summary)
        use_alarm = hasattr(signal, "setitimer") and timeout > 0
        if use_alarm:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout)
        t = time.perf_counter()
        try:
            _pipeline(pf, sf)
            if cli_every and case % cli_every == 0:
                res = CliRunner().invoke(main, ["check", pf, sf, "--format", "json"])
                if res.exit_code not in (0, 1, 2, 4) or "Traceback" in res.output:
                    raise AssertionError(f"CLI exit {res.exit_code}: {res.output.strip()[-300:]}")
        except IpcheckError as exc:
            out.kind, out.detail = "input_error", str(exc).splitlines()[0][len(tmp) + 1:][:120]
        except _Timeout:
            out.kind, out.detail = "crash", f"timeout: slower than {timeout}s"
        except Exception:  # noqa: BLE001 - every other exception is a finding
            out.kind, out.detail = "crash", traceback.format_exc()
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        out.seconds = time.perf_counter() - t
    if out.kind == "crash":
        folder = Path(save_root) / f"case-{case:06d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.yaml").write_bytes(plan)
        (folder / "summary.txt").write_bytes(summary)
        (folder / "crash.txt").write_text(f"seed {seed} case {case}\n{' '.join(out.mutations)}\n\n{out.detail}",
                                          encoding="utf-8")
        out.saved = str(folder)
    return out


def fuzz(cases: int = 10000, seed: int = 0, jobs: int = 1, timeout: float = 60.0, cli_every: int = 20,
         save_root: str | None = None) -> dict:
    """Run ``cases`` cases; returns counts, crashes (Outcome list), slowest cases and timing."""
    save_root = save_root or tempfile.mkdtemp(prefix="ipcheck-fuzz-")
    work = [(seed, i, save_root, timeout, cli_every) for i in range(cases)]
    t = time.perf_counter()
    if jobs > 1:
        with Pool(jobs) as pool:
            outcomes = list(pool.imap(run_case, work, chunksize=8))
    else:
        outcomes = [run_case(w) for w in work]
    if save_root and Path(save_root).is_dir() and not any(Path(save_root).iterdir()):
        Path(save_root).rmdir()             # nothing crashed: leave no empty folder behind
    errors = Counter(o.detail.split(":")[-1].strip()[:60] if o.detail else "?" for o in outcomes
                     if o.kind == "input_error")
    return {"cases": cases, "seed": seed, "seconds": time.perf_counter() - t,
            "counts": Counter(o.kind for o in outcomes), "crashes": [o for o in outcomes if o.kind == "crash"],
            "slowest": sorted(outcomes, key=lambda o: -o.seconds)[:5], "errors": errors,
            "save_root": save_root}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a case counts as a hang")
    ap.add_argument("--cli-every", type=int, default=20, help="also run every Nth case through the CLI")
    ap.add_argument("--save", help="folder for crash reproducers (default: a new temp folder)")
    a = ap.parse_args(argv)
    r = fuzz(a.cases, a.seed, a.jobs, a.timeout, a.cli_every, a.save)
    c = r["counts"]
    print(f"ipcheck fuzz: {r['cases']} cases, seed {r['seed']}, {r['seconds']:.1f}s: "
          f"{c['ok']} ok (exit 0/1), {c['input_error']} input errors (exit 2), {c['crash']} crashes")
    print("slowest:", ", ".join(f"case {o.case} {o.seconds:.2f}s" for o in r["slowest"]))
    print("most common input errors:")
    for msg, n in r["errors"].most_common(8):
        print(f"  {n:6d}  {msg}")
    groups: dict[str, list[Outcome]] = {}
    for o in r["crashes"]:
        last = o.detail.strip().splitlines()[-1] if o.detail.strip() else "?"
        groups.setdefault(last, []).append(o)
    for last, found in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"CRASH x{len(found)}: {last}")
        for o in found[:3]:
            print(f"  case {o.case} ({' '.join(o.mutations)}): {o.saved}")
    if r["crashes"]:
        print(f"reproducers: {r['save_root']}")
    return 1 if r["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
