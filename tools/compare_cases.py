"""Print every sample-pair item whose verdict differs from the hand check (a developer aid)."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.check import check  # noqa: E402
from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.plans.loader import load_plan  # noqa: E402


def main(names: list[str]) -> None:
    for case_path in sorted((ROOT / "tests" / "cases").glob("*/case.yaml")):
        if names and case_path.parent.name not in names:
            continue
        case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
        report = check(load_plan(ROOT / case["plan"]), read_document(ROOT / case["summary"]))
        print(f"== {case_path.parent.name} year={report.summary_year} counts={report.counts}")
        for v in report.verdicts:
            want = case["items"][v.item_id]
            ok = v.status.value in {want["status"], *want.get("tolerate", ())}
            if ok and "-v" not in sys.argv:
                continue
            print(f"{'  ' if ok else '✗ '}{v.item_id}: got {v.status.value}{'*' if v.needs_review else ''} "
                  f"({v.reason}, {v.confidence}) want {want['status']}{'*' if want.get('needs_review') else ''}")
            print(f"     {v.message}")
            for e in v.evidence[:2]:
                print(f"     L{e.line} {e.section.value} {e.score}: {e.text[:110]}")
            print(f"     note: {want.get('note', '')[:200]}")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")])
