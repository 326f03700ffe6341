"""Score `ipcheck plan draft` against labelled plan texts (tests/drafts/heldout, tests/drafts/dev).

The rules are those of tests/drafts/heldout/README.md. Used by tests/test_draft_heldout.py and,
as a developer aid, from the command line: ``python tests/draft_scoring.py heldout`` prints the
table (``dev`` for the dev set). Only the counts are compared, never the drafter's wording.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.plans.draft import DraftError, draft  # noqa: E402
from ipcheck.reading.text import normalise  # noqa: E402

_LEAD = re.compile(r"^(?:全市|全省|全州|全县|全区|本市|我市|我省|年)+")
_TAIL = re.compile(r"(?:数量|量|数)$")


def norm_metric(s: str) -> str:
    """A metric for comparison: simplified, without a leading 全市/本市/年 and a trailing 量/数."""
    s = re.sub(r"\s+", "", normalise(str(s)))
    return _TAIL.sub("", _LEAD.sub("", s))


def metric_agrees(got: str, want: str) -> bool:
    a, b = norm_metric(got), norm_metric(want)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def target_key(t: dict) -> tuple:
    return (t.get("measure"), t.get("op"), float(t.get("value", "nan")), normalise(str(t.get("unit"))),
            t.get("due"))


@dataclass
class Score:
    name: str
    want_targets: int = 0
    got_targets: int = 0
    right_targets: int = 0
    found_targets: int = 0          # right but for the metric's wording
    want_tasks: int = 0
    got_tasks: int = 0
    right_tasks: int = 0
    refused: str = ""
    missed: list[str] = field(default_factory=list)


def drafted(doc_path: Path) -> tuple[list[dict], list[dict], str]:
    """The drafted targets and tasks (as YAML mappings) and the refusal message, if any."""
    try:
        result = draft(read_document(doc_path))
    except DraftError as exc:
        return [], [], str(exc)
    data = yaml.safe_load(result.yaml) or {}
    return list(data.get("targets") or []), list(data.get("tasks") or []), ""


def score(label_path: Path) -> Score:
    label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    got_t, got_k, refused = drafted(ROOT / label["document"])
    s = Score(label_path.stem, refused=refused)
    want_t = label.get("targets") or []
    s.want_targets, s.got_targets = len(want_t), len(got_t)
    free = list(range(len(got_t)))
    for w in want_t:
        same = [i for i in free if target_key(got_t[i]) == target_key(w)]
        exact = [i for i in same if metric_agrees(str(got_t[i].get("metric", "")), w["metric"])]
        pick = (exact or same or [None])[0]
        if pick is None:
            s.missed.append(f"target {w['metric']} {w['op']} {w['value']} {w['unit']} {w.get('due')}")
            continue
        free.remove(pick)
        s.found_targets += 1
        s.right_targets += bool(exact)
    want_k = label.get("tasks") or []
    s.want_tasks, s.got_tasks = len(want_k), len(got_k)
    free = list(range(len(got_k)))
    for w in want_k:
        key = normalise(str(w.get("key") or w["title"]))
        owners = [normalise(o) for o in w.get("owners") or []]
        pick = next((i for i in free if key in normalise(str(got_k[i].get("title", ""))) and (
            not owners or [normalise(str(o)) for o in got_k[i].get("owners") or []] == owners)), None)
        if pick is None:
            s.missed.append(f"task {w.get('key') or w['title']}")
            continue
        free.remove(pick)
        s.right_tasks += 1
    return s


def ratio(a: int, b: int) -> float:
    return 1.0 if b == 0 else a / b


def totals(scores: list[Score]) -> dict[str, float]:
    """Micro-averaged recall and precision over all files."""
    wt = sum(s.want_targets for s in scores)
    gt = sum(s.got_targets for s in scores)
    rt = sum(s.right_targets for s in scores)
    wk = sum(s.want_tasks for s in scores)
    gk = sum(s.got_tasks for s in scores)
    rk = sum(s.right_tasks for s in scores)
    return {"target_recall": ratio(rt, wt), "target_precision": ratio(rt, gt),
            "targets_found": ratio(sum(s.found_targets for s in scores), wt),
            "task_recall": ratio(rk, wk), "task_precision": ratio(rk, gk),
            "refused": sum(1 for s in scores if s.refused)}


def labels(kind: str) -> list[Path]:
    return sorted((ROOT / "tests" / "drafts" / kind).glob("*.yaml"))


def table(scores: list[Score]) -> str:
    rows = ["| text | targets (expected / drafted / right) | tasks (expected / drafted / right) | refused |",
            "|---|---|---|---|"]
    for s in scores:
        rows.append(f"| {s.name} | {s.want_targets} / {s.got_targets} / {s.right_targets} | "
                    f"{s.want_tasks} / {s.got_tasks} / {s.right_tasks} | {'yes' if s.refused else ''} |")
    t = totals(scores)
    rows.append(f"| **all** | recall {t['target_recall']:.2f}, precision {t['target_precision']:.2f} | "
                f"recall {t['task_recall']:.2f}, precision {t['task_precision']:.2f} | {t['refused']} |")
    return "\n".join(rows)


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "heldout"
    scores = [score(p) for p in labels(kind)]
    print(table(scores))
    if "-v" in sys.argv:
        for s in scores:
            for m in s.missed:
                print(f"{s.name}: missed {m}")
