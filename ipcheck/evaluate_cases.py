"""Score whole checks against hand-labelled pairs: the samples, and the real-world dev and test splits.

    python -m ipcheck.evaluate_cases [--split samples|dev|test|all] [--format text|json] [--root DIR]

A pair is a ``case.yaml`` naming a plan, a summary, the year it reports on and the expected status of
every plan item (tests/cases/README.md, tests/realworld/README.md). The check runs as a user runs it:
the year is read from the document, never given. Each item is scored:

* **right**: the tool's status is the labelled one, or a status the label tolerates and the tool
  flagged for review; a ``met`` must also cite the labelled line (or one of ``also_lines``), else it
  is a lucky met and counts as wrong (``wrong_evidence``).
* **false met**: the tool says met where the label does not. The worst error; the floor is zero.
* **needs review**: how many items the tool flags for a person.

Every wrong item of the samples and the dev split is listed with its label, the tool's verdict and the trap classes of the label, and
the wrong items are broken down by trap class. The test split's misses are listed one by one only
with ``--test-misses``: its totals and classes are what a developer needs, and a rule designed from
its misses would make the measure dishonest. A plan the loader refuses makes every item of its pair
wrong (class ``plan_refused``): that is what a user meets. Output is deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ipcheck.errors import IpcheckError

SPLITS = {"samples": "tests/cases", "dev": "tests/realworld/dev", "test": "tests/realworld/test"}
STATUSES = ("met", "missed", "unreported", "pending")


@dataclass(frozen=True)
class Item:
    """One labelled item and what the tool made of it."""

    case: str
    item: str
    want: str
    got: str
    needs_review: bool
    right: bool
    why: str                       # "" when right; else confusion, wrong_evidence, plan_refused, …
    traps: tuple[str, ...]
    detail: str
    progress_ok: bool | None = None   # a pending label with progress: does the tool's progress agree?


@dataclass
class Score:
    """The tallies of one split."""

    split: str
    cases: int = 0
    items: list[Item] = field(default_factory=list)
    year_misses: list[str] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(i.right for i in self.items)

    @property
    def false_met(self) -> int:
        return sum(i.got == "met" and i.want != "met" for i in self.items)

    @property
    def flagged(self) -> int:
        return sum(i.needs_review for i in self.items)

    @property
    def progress(self) -> tuple[int, int]:
        """(agree, of): pending items labelled with progress that the tool also says pending."""
        judged = [i.progress_ok for i in self.items if i.progress_ok is not None]
        return sum(judged), len(judged)

    def as_dict(self) -> dict[str, Any]:
        n = len(self.items)
        wrong = [i for i in self.items if not i.right]
        by_class = Counter(t for i in wrong for t in (i.traps or ("(none)",)))
        confusion = Counter(f"{i.want}->{i.got}" for i in wrong)
        return {
            "split": self.split, "cases": self.cases, "items": n, "right": self.right,
            "accuracy": round(self.right / n, 3) if n else None, "false_met": self.false_met,
            "needs_review": self.flagged, "needs_review_rate": round(self.flagged / n, 3) if n else None,
            "pending_progress": {"agree": self.progress[0], "of": self.progress[1]},
            "report_year": {"right": self.cases - len(self.year_misses), "of": self.cases},
            "wrong_by_trap": dict(sorted(by_class.items())), "confusion": dict(sorted(confusion.items())),
            "year_misses": self.year_misses,
            "misses": [{"case": i.case, "item": i.item, "want": i.want, "got": i.got, "why": i.why,
                        "needs_review": i.needs_review, "traps": list(i.traps), "detail": i.detail}
                       for i in wrong],
        }


def case_files(root: Path, split: str) -> list[Path]:
    """The case.yaml files of a split, sorted."""
    return sorted((root / SPLITS[split]).glob("*/case.yaml"))


def _resolve(root: Path, case_path: Path, name: str) -> Path:
    """A case names its files relative to its own folder, or (the samples) to the repository root."""
    local = case_path.parent / name
    return local if local.exists() else root / name


def _lines_cited(verdict: Any) -> set[int]:
    return {e.line + k for e in verdict.evidence for k in range(e.text.count("\n") + 1)}


def score_item(case_id: str, item_id: str, want: dict[str, Any], verdict: Any) -> Item:
    """One plan item's verdict against its label (the rules of this module's docstring)."""
    status, traps = want["status"], tuple(want.get("traps") or ())
    got = verdict.status.value
    allowed = {status} | (set(want.get("tolerate") or ()) - {"met"})     # met is never tolerated
    detail = f"{verdict.reason}: {verdict.message}"
    if got == status:
        right, why = True, ""
        if got == "met" and "line" in want:
            lines = {want["line"], *(want.get("also_lines") or ())}
            if not lines & _lines_cited(verdict):
                right, why = False, "wrong_evidence"
                detail += f" (cited lines {sorted(_lines_cited(verdict))}, labelled {sorted(lines)})"
    elif got in allowed and verdict.needs_review:
        right, why = True, ""
    else:
        right, why = False, f"{status}->{got}"
    progress_ok = None
    if status == got == "pending" and want.get("progress") in ("none", "reported"):
        progress_ok = dict(verdict.params).get("progress") == want["progress"]
    return Item(case_id, item_id, status, got, verdict.needs_review, right, why, traps, detail, progress_ok)


def score_case(root: Path, case_path: Path) -> tuple[list[Item], str | None]:
    """The scored items of one pair, and a line when the year read differs from the label."""
    from ipcheck.check import check
    from ipcheck.inputs.documents import read_document
    from ipcheck.plans.loader import load_plan

    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    case_id = str(case.get("id") or case_path.parent.name)
    labels = {str(k): v for k, v in case["items"].items()}
    try:
        plan = load_plan(_resolve(root, case_path, case.get("plan", "plan.yaml")))
        report = check(plan, read_document(_resolve(root, case_path, case.get("summary", "summary.txt"))))
    except IpcheckError as e:
        why = f"plan_refused: {e.message}"
        return [Item(case_id, k, v["status"], "error", False, False, "plan_refused",
                     tuple(v.get("traps") or ()), why) for k, v in sorted(labels.items())], None
    verdicts = {v.item_id: v for v in report.verdicts}
    items = [score_item(case_id, k, v, verdicts[k]) if k in verdicts else
             Item(case_id, k, v["status"], "absent", False, False, "not_in_plan", (), "item not in the plan")
             for k, v in sorted(labels.items())]
    year = None if report.summary_year == case["year"] else \
        f"{case_id}: year read {report.summary_year}, labelled {case['year']}"
    return items, year


def score_split(root: Path, split: str) -> Score:
    score = Score(split)
    for path in case_files(root, split):
        items, year = score_case(root, path)
        score.cases += 1
        score.items.extend(items)
        if year:
            score.year_misses.append(year)
    return score


HIDDEN = "test"   # the pre-registered split: its misses are shown only when asked for


def _visible(score: Score, test_misses: bool) -> dict[str, Any]:
    """The split's tallies; the test split's case-by-case lines only when ``test_misses``, so that
    nobody designs a reading rule from them by accident."""
    d = score.as_dict()
    if score.split == HIDDEN and not test_misses:
        d["misses"], d["year_misses"] = [], []
        d["hidden"] = "misses of the test split are shown with --test-misses (to report, never to design a rule)"
    return d


def _text(scores: list[Score], test_misses: bool = False) -> str:
    out = [f"{'split':8} {'cases':>5} {'items':>5} {'right':>5} {'accuracy':>8} {'false met':>9} {'review':>6}"]
    for s in scores:
        d = s.as_dict()
        acc = "-" if d["accuracy"] is None else f"{d['accuracy']:.3f}"
        out.append(f"{s.split:8} {s.cases:5d} {len(s.items):5d} {s.right:5d} {acc:>8} {s.false_met:9d} "
                   f"{s.flagged:6d}")
    for s in scores:
        agree, of = s.progress
        if of:
            out.append(f"{s.split}: pending with or without progress told apart on {agree} of {of} items")
    for s in scores:
        if s.cases:
            out.append(f"{s.split}: report year read right on {s.cases - len(s.year_misses)} of {s.cases} pairs")
    for s in scores:
        d = _visible(s, test_misses)
        if not any(not i.right for i in s.items) and not s.year_misses:
            continue
        out += ["", f"== {s.split}: wrong by trap class"]
        out += [f"  {k:18} {v}" for k, v in d["wrong_by_trap"].items()]
        out += [f"== {s.split}: confusion (labelled->tool)"]
        out += [f"  {k:18} {v}" for k, v in d["confusion"].items()]
        if d["year_misses"]:
            out += [f"== {s.split}: report year"] + [f"  {y}" for y in d["year_misses"]]
        if "hidden" in d:
            out.append(f"== {s.split}: {d['hidden']}")
            continue
        out += [f"== {s.split}: every miss"]
        for m in d["misses"]:
            flag = " [review]" if m["needs_review"] else ""
            traps = ",".join(m["traps"]) or "-"
            out.append(f"  {m['case']}:{m['item']}  {m['want']} -> {m['got']}{flag}  ({m['why']}; {traps})")
            out.append(f"      {m['detail']}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ipcheck.evaluate_cases", description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--test-misses", action="store_true",
                    help="also list the test split's misses one by one (to report; never design a rule from them)")
    args = ap.parse_args(argv)
    splits = list(SPLITS) if args.split == "all" else [args.split]
    scores = [score_split(args.root, s) for s in splits]
    if args.format == "json":
        sys.stdout.write(json.dumps([_visible(s, args.test_misses) for s in scores], ensure_ascii=False, indent=2,
                                    sort_keys=True) + "\n")
    else:
        sys.stdout.write(_text(scores, args.test_misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
