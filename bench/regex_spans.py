"""Record what every compiled pattern of ipcheck finds in the bundled texts, and compare two records.

Run by hand (not a unit test), before and after rewriting a pattern, to show the rewrite finds the
same texts::

    python bench/regex_spans.py record /tmp/spans-before.json
    … rewrite a pattern …
    python bench/regex_spans.py record /tmp/spans-after.json
    python bench/regex_spans.py diff /tmp/spans-before.json /tmp/spans-after.json

The texts: tests/realworld/dev/*/summary.txt, summaries/**/*.txt, tests/corpus/texts/*.txt, every string
of tests/phrasings/**/*.yaml and every match/no_match example of ipcheck/lang/zh; each text whole and
line by line. For each pattern (bench/regex_adversarial.py finds them) and text the record keeps the
span of every group of every ``finditer`` match, and ``match`` at every position where a whitespace run
or a text starts (where the engine anchors its ``\\s*…`` patterns). ``diff`` prints every pattern whose
record changed, with the texts where it did; exit status 1 when any did.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from regex_adversarial import patterns  # noqa: E402

_ANCHORS = re.compile(r"(?<!\s)(?=\s)|\A|(?<=[::,,。;;])")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def texts() -> list[tuple[str, str]]:
    """(label, text) for every text the record runs the patterns on, in a fixed order."""
    import yaml
    files = sorted((ROOT / "tests" / "realworld" / "dev").glob("*/summary.txt"))
    files += sorted((ROOT / "summaries").rglob("*.txt")) + sorted((ROOT / "tests" / "corpus" / "texts").glob("*.txt"))
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        out.append((rel, text))
        out += [(f"{rel}:{i}", line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    for path in sorted((ROOT / "tests" / "phrasings").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rel = path.relative_to(ROOT).as_posix()
        out += [(f"{rel}#{i}", s) for i, s in enumerate(_strings(data)) if s.strip()]
    from ipcheck.lang.registry import load
    for rule in load():
        for kind in ("match", "no_match"):
            out += [(f"{rule.code}:{kind}:{i}", ex.text) for i, ex in enumerate(getattr(rule, kind))]
    return out


def record(pattern: re.Pattern[str], corpus: list[tuple[str, str]]) -> dict[str, list]:
    """{text label: [finditer group spans…, [position, match group spans]…]} where the pattern finds anything."""
    out: dict[str, list] = {}
    for label, text in corpus:
        found: list = [list(m.regs) for m in pattern.finditer(text)]
        for a in _ANCHORS.finditer(text):
            m = pattern.match(text, a.start())
            if m is not None:
                found.append([a.start(), list(m.regs)])
        if found:
            out[label] = found
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "record":
        corpus = texts()
        data = {}
        for name, pattern in patterns():
            spans = record(pattern, corpus)
            blob = json.dumps(spans, ensure_ascii=False, sort_keys=True)
            data[name.split()[0]] = {"name": name, "pattern": pattern.pattern, "flags": pattern.flags,
                                     "sha256": hashlib.sha256(blob.encode()).hexdigest(), "spans": spans}
        Path(argv[1]).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        hits = sum(len(v) for d in data.values() for v in d["spans"].values())
        print(f"{len(data)} patterns, {len(corpus)} texts, {hits} matches recorded in {argv[1]}")
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:])
        changed = 0
        for key in sorted(set(before) | set(after)):
            b, a = before.get(key), after.get(key)
            if b is None or a is None:
                print(f"{key}: only {'after' if b is None else 'before'}")
                changed += 1
                continue
            if b["sha256"] == a["sha256"]:
                continue
            changed += 1
            print(f"{key}: spans differ\n  before {b['pattern']}\n  after  {a['pattern']}")
            for label in sorted(set(b["spans"]) | set(a["spans"])):
                if b["spans"].get(label) != a["spans"].get(label):
                    print(f"    {label}: {b['spans'].get(label)} -> {a['spans'].get(label)}")
        same = sum(1 for k in before if k in after and before[k]["sha256"] == after[k]["sha256"])
        rewritten = sorted(k for k in before if k in after and before[k]["pattern"] != after[k]["pattern"])
        print(f"{same} patterns find the same spans; {changed} differ; rewritten patterns: {len(rewritten)}")
        for k in rewritten:
            print(f"  {k}: {'same spans' if before[k]['sha256'] == after[k]['sha256'] else 'DIFFERENT spans'}")
        return 1 if changed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
