"""The transition snapshot (tests/transition/): what the reader and the verdict rules do today on
every sample, so moving the Chinese reading knowledge into data (issue #13) can be shown to change
nothing. Rewrite it only in a commit that changes behaviour on purpose, and say what changed:

    python tools/transition.py --write     # rewrite tests/transition/*.txt
    python tools/transition.py --diff      # show what differs from the stored snapshot

Four files, one line per fact, sorted by input then position:

- sections.txt: every sentence's line and section, and its heading when it opens one;
- figures.txt: every figure read (value, unit, qualifier, kind, quantity, low, high, year,
  warning codes) in every sample summary, plan document, corpus text and figure-case sentence;
- verdicts.txt: every verdict (status, reason, needs review, confidence, evidence lines, figure)
  of every hand-checked case, rule case, and every sample plan against every sample summary;
- drafts.txt: the drafted YAML of every plan document and sample summary (or its one-line error).

Numbers are printed exactly, rounded to 6 decimals, the same for a float and a Decimal.
"""
from __future__ import annotations

import difflib
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from ipcheck.check import Settings, check  # noqa: E402
from ipcheck.errors import IpcheckError  # noqa: E402
from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.model import Document, Figure, Verdict  # noqa: E402
from ipcheck.plans.draft import draft  # noqa: E402
from ipcheck.plans.loader import load_plan, parse_plan  # noqa: E402
from ipcheck.reading.figures import document_figures, extract_figures  # noqa: E402
from ipcheck.reading.text import segment  # noqa: E402

OUT = ROOT / "tests" / "transition"
FILES = ("sections.txt", "figures.txt", "verdicts.txt", "drafts.txt")


def num(x: Any) -> str:
    """An exact, canonical decimal: 177600, 0.7, 11400 (float noise below 1e-6 rounded away)."""
    if x is None:
        return "-"
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        return str(d)
    d = d.quantize(Decimal("0.000001")).normalize()
    return format(d, "f")


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def documents() -> list[Path]:
    """Every sample text: summaries, plan documents and the corpus's files, once each."""
    paths = set(ROOT.glob("summaries/**/*.txt")) | set(ROOT.glob("plans/documents/*.txt"))
    for corpus in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        for entry in yaml.safe_load(corpus.read_text(encoding="utf-8")).get("files", []):
            paths.add(ROOT / entry["file"])
    return sorted(paths)


def figure_line(f: Figure) -> str:
    warnings = ",".join(w.code for w in f.warnings) or "-"
    return (f"{num(f.value)} {f.unit} q={f.qualifier or '-'} {f.kind.value} [{f.quantity}] "
            f"low={num(f.low)} high={num(f.high)} y={f.year or '-'} w={warnings} “{f.text}”")


def sections() -> list[str]:
    out = []
    for path in documents():
        out.append(f"# {_rel(path)}")
        last = None
        for s in segment(read_document(path)):
            head = f" heading “{s.heading[:30]}”" if s.heading and s.text.startswith(s.heading[:20]) else ""
            if s.section != last or head:
                out.append(f"{s.line} {s.section.value}{head}")
                last = s.section
    for name in ("sentences", "sections"):
        for case in yaml.safe_load((ROOT / "tests" / "text" / f"{name}.yaml").read_text(encoding="utf-8")):
            text = case["text"] if "text" in case else "\n".join(x or "" for x in case.get("lines") or [])
            out.append(f"# tests/text/{name}.yaml {case.get('name', '')}")
            doc = Document(path="case", text=text, encoding="utf-8")
            for s in segment(doc, year=case.get("year")):
                out.append(f"{s.line} {s.section.value} “{s.text[:24]}”")
    return out


def figures() -> list[str]:
    out = []
    for path in documents():
        out.append(f"# {_rel(path)}")
        sentences = segment(read_document(path))
        read = document_figures(sentences)          # a table's cells read against its header
        for s in sentences:
            for f in read[s.index]:
                out.append(f"{s.line}:{f.start} {figure_line(f)}")
    cases = yaml.safe_load((ROOT / "tests" / "figures" / "cases.yaml").read_text(encoding="utf-8"))
    out.append("# tests/figures/cases.yaml")
    for i, case in enumerate(cases):
        for f in extract_figures(case["sentence"]):
            out.append(f"{i}:{f.start} {figure_line(f)}")
    return out


def verdict_line(v: Verdict) -> str:
    lines = ",".join(str(e.line) for e in v.evidence) or "-"
    fig = f" fig={figure_line(v.figure)}" if v.figure else ""
    review = " review" if v.needs_review else ""
    return f"{v.item_id} {v.status.value}{review} {v.reason} c={num(v.confidence)} ev={lines}{fig}"


def _check(plan_text_or_path: Any, doc: Document, year: int | None, label: str) -> list[str]:
    plan = plan_text_or_path() if callable(plan_text_or_path) else load_plan(plan_text_or_path)
    report = check(plan, doc, Settings(year=year))
    out = [f"# {label}"] + [f"  warning {w.text()}" for w in report.warnings]
    return out + [verdict_line(v) for v in report.verdicts]


def verdicts() -> list[str]:
    out: list[str] = []
    for case_path in sorted((ROOT / "tests" / "cases").glob("*/case.yaml")):
        c = yaml.safe_load(case_path.read_text(encoding="utf-8"))
        out += _check(ROOT / c["plan"], read_document(ROOT / c["summary"]), c.get("year"),
                      f"case {case_path.parent.name}")
    for rule in sorted((ROOT / "tests" / "rules").glob("*.yaml")):
        c = yaml.safe_load(rule.read_text(encoding="utf-8"))
        doc = Document(path=rule.name, text=c["summary"], encoding="utf-8")
        out += _check(_rule_plan(c, rule.stem), doc, c.get("year"), f"rule {rule.stem}")
    summaries = sorted(ROOT.glob("summaries/2015/*.txt"))
    for plan in sorted(ROOT.glob("plans/*.yaml")):
        for summary in summaries:
            out += _check(plan, read_document(summary), None, f"{_rel(plan)} x {_rel(summary)}")
    return out


def _rule_plan(case: dict, name: str) -> Callable[[], Any]:
    doc = {"version": 1, "plan": {"id": name.replace("_", "-"), "title": case["description"],
                                  "region": case.get("region", "测试市")}}
    if case.get("period"):
        doc["plan"]["period"] = case["period"]        # as tests/test_rules.py builds it
    for key in ("targets", "tasks"):
        if case.get(key):
            doc[key] = case[key]
    return lambda: parse_plan(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), path=name)


def drafts() -> list[str]:
    out = []
    for path in sorted(ROOT.glob("plans/documents/*.txt")) + sorted(ROOT.glob("summaries/2015/*.txt")):
        out.append(f"# {_rel(path)}")
        try:
            result = draft(read_document(_rel(path)))
        except IpcheckError as e:
            out.append(f"error: {e}")
            continue
        out.append(result.summary)
        out += result.yaml.rstrip("\n").split("\n")
    return out


def snapshot() -> dict[str, str]:
    """File name -> its text, as the code reads the samples now (paths relative to the repository)."""
    parts = {"sections.txt": sections, "figures.txt": figures, "verdicts.txt": verdicts, "drafts.txt": drafts}
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return {name: "\n".join(fn()) + "\n" for name, fn in parts.items()}
    finally:
        os.chdir(here)


def main(argv: list[str]) -> int:
    now = snapshot()
    if "--write" in argv:
        OUT.mkdir(exist_ok=True)
        for name, text in now.items():
            (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {', '.join(now)} in {_rel(OUT)}")
        return 0
    changed = 0
    for name, text in now.items():
        old = (OUT / name).read_text(encoding="utf-8") if (OUT / name).exists() else ""
        if old != text:
            changed += 1
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                       f"stored/{name}", f"now/{name}", n=1))
    print(f"{changed} file(s) differ" if changed else "the snapshot is unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
