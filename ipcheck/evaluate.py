"""Measure the figure reader against the labelled corpus in tests/corpus/.

    python -m ipcheck.evaluate [--set samples|realworld | --files GLOB] [--corpus DIR] [--root DIR]
                               [--format text|json]

Every corpus file (YAML) lists documents; each document has ``figures`` (what an assessor
reads, line by line) and ``negatives`` (spans where no figure may be read). The reader runs
over each whole document (``ipcheck.reading.text.segment``, then ``extract_figures(sentence.norm)``)
and is scored:

* **match**: a read figure and an annotation on the same line with the same value, unit and
  qualifier. Values are compared after scaling: a 万/亿 prefix of a count unit is folded in
  (2.2万人次 = 22000 人次) and money is compared in yuan (5万元 = 50000元 = 五万元). Qualifier words
  are compared as a set (近…余 = 余…近); a range is ``range``. Within a line, figures are
  paired in order of position, each annotation used once.
* **precision** = matches / figures read; **recall** = matches / figures annotated.
* **binding** (over matches): the reader's quantity ``Q`` is right when, after removing
  blanks, quotes and 的, the annotated core ``q`` is a substring of ``Q``, or ``Q`` is a
  substring of ``q`` and at least two characters long. An empty ``Q`` is wrong.
* **kind** (over matches, informative only): FigureKind equals the annotated kind.
* **negatives**: a negative span is violated when a read figure overlaps it.

Corpus sets, each scored on its own: ``samples`` (every corpus file but ``realworld-*.yaml``: the
documents the reading rules were written from; the default, whose floors tests/test_evaluate.py
holds) and ``realworld`` (``realworld-*.yaml``: public texts no rule was written from, issue #12);
``--files GLOB`` picks corpus files by name. Labels may be written in traditional characters as
the text writes them: ``q``, ``u`` and ``ql`` are compared after the same one-for-one
simplification the reader applies.

Per hard-case class the same numbers are given over the annotations (recall, binding) and
negatives carrying that tag. Output is deterministic (sorted, no timestamps).
"""
from __future__ import annotations

import argparse
from fnmatch import fnmatch
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from ipcheck.inputs.documents import read_document
from ipcheck.model import Document
from ipcheck.inputs.formats.chinese import to_simplified
from ipcheck.reading.figures import document_figures
from ipcheck.inputs.formats.annotations import strip_annotations
from ipcheck.reading.text import normalise, segment
from ipcheck import units
from ipcheck.i18n import warning_fields
from ipcheck.lang.registry import table

# Money is compared in its base unit; a 万/亿 (the numeral section multipliers) before another unit
# is folded into the value, except before a currency (万美元 stays as written).
_MONEY, _CURRENCIES = "money", ("money", "usd")
_SCALES = tuple(table("ZH-NUM-003"))

REALWORLD = "realworld-*.yaml"
TABLE = "table"               # the class of cells of a table flattened one cell per line
SETS = ("samples", "realworld")
_STRIP = re.compile(r"[\s“”\"‘’「」的\u25a1]")


@dataclass(frozen=True)
class Read:
    """A figure as the reader produced it, placed in its document."""

    file: str
    line: int
    pos: int                     # offset of the figure in the document
    end: int
    value: Decimal
    unit: str
    qualifier: str | None
    quantity: str
    kind: str
    text: str
    sentence: str
    table: bool = False           # a table's cell, read against its header (ipcheck.reading.tables)


@dataclass(frozen=True)
class Gold:
    file: str
    line: int
    q: str
    value: Decimal
    unit: str
    qualifier: str | None
    kind: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Negative:
    file: str
    line: int
    span: str
    tags: tuple[str, ...]


@dataclass
class Result:
    golds: list[Gold] = field(default_factory=list)
    reads: list[Read] = field(default_factory=list)
    negatives: list[Negative] = field(default_factory=list)
    pairs: list[tuple[Gold, Read]] = field(default_factory=list)
    false_negatives: list[Gold] = field(default_factory=list)
    false_positives: list[Read] = field(default_factory=list)
    violated: list[tuple[Negative, Read]] = field(default_factory=list)
    lines: dict[tuple[str, int], str] = field(default_factory=dict)


def canonical(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """(value, unit) with money in its base unit (5万元 = 50000元) and a 万/亿 prefix of another
    unit folded into the value (2.2万人次 = 22000 人次); units and magnitudes from ipcheck.units."""
    unit, value = unit.replace(" ", ""), units.exact(value)
    bases = units.base_units()
    known = units.unit(unit)
    if known is not None and known.family == _MONEY:
        return value * known.factor, next(b.name for b in bases.values() if b.family == _MONEY)
    split = units.split_magnitude(unit, bases)
    if split and split[0] in _SCALES and bases[split[1]].family not in _CURRENCIES:
        return value * units.magnitudes()[split[0]], split[1]
    return value, unit


def qualifier_key(q: str | None) -> frozenset[str]:
    return frozenset(w for w in (q or "").split("…") if w)


def same_figure(g: Gold, r: Read) -> bool:
    gv, gu = canonical(g.value, g.unit)
    rv, ru = canonical(r.value, r.unit)
    return (g.line == r.line and gu == ru and gv == rv           # exact decimals: no tolerance
            and qualifier_key(g.qualifier) == qualifier_key(r.qualifier))


def core(s: str) -> str:
    return _STRIP.sub("", s or "")


def bound_right(gold_q: str, read_q: str) -> bool:
    """The binding rule (see the module docstring)."""
    g, r = core(gold_q), core(read_q)
    if not r:
        return False
    return g in r or (len(r) >= 2 and r in g)


def corpus_files(corpus: Path, which: str = "samples", pattern: str | None = None) -> list[Path]:
    """The corpus files scored together: those matching ``pattern`` when given, else the named set."""
    if pattern:
        return sorted(corpus.glob(pattern))
    real = set(corpus.glob(REALWORLD))
    if which == "realworld":
        return sorted(real)
    return sorted(p for p in corpus.glob("*.yaml") if p not in real)


def _fold(s: str | None) -> str | None:
    return None if s is None else to_simplified(str(s))


def load_corpus(corpus: Path, files: list[Path] | None = None
                ) -> tuple[list[Gold], list[Negative], dict[str, list[tuple[int, int]]]]:
    """(annotations, negatives, annotated line ranges per document: absent = the whole file) of
    ``files`` (default: the samples set)."""
    golds: list[Gold] = []
    negatives: list[Negative] = []
    ranges: dict[str, list[tuple[int, int]]] = {}
    for path in corpus_files(corpus) if files is None else files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for doc in data.get("files", []):
            name = doc["file"]
            if doc.get("lines"):
                ranges[name] = [(int(a), int(b)) for a, b in doc["lines"]]
            for a in doc.get("figures") or []:
                golds.append(Gold(name, int(a["line"]), to_simplified(strip_annotations(str(a["q"]))), units.exact(a["v"]),
                                  to_simplified(str(a["u"])), _fold(a.get("ql")), str(a["k"]),
                                  tuple(a.get("tags") or ())))
            for n in doc.get("negatives") or []:
                negatives.append(Negative(name, int(n["line"]), str(n["span"]), tuple(n.get("tags") or ())))
    return golds, negatives, ranges


def read_file(root: Path, name: str) -> tuple[list[Read], dict[int, tuple[int, str]]]:
    """Every figure the reader finds in one document, and each line's (offset, normalised text)."""
    doc = read_document(root / name)
    norm = normalise(doc.text)
    reads: list[Read] = []
    lines = _file_lines(doc, norm)
    sentences = segment(doc)
    read = document_figures(sentences)
    for s in sentences:
        for f in read[s.index]:
            line = doc.file_line_at(s.start + f.start) if doc.lines else s.line    # the figure's own file line
            reads.append(Read(name, line, s.start + f.start, s.start + f.end, f.value, f.unit,
                              f.qualifier, f.quantity, f.kind.value, f.text, s.text, f.row is not None))
    reads.sort(key=lambda r: (r.line, r.pos))
    return reads, lines


def _file_lines(doc: Document, norm: str) -> dict[int, tuple[int, str]]:
    """Each file line's (offset in ``doc.text``, normalised text), by the file's own number: a line joined to the
    one before it (a line cut inside a sentence, a PDF copy's wrap: ipcheck.inputs.formats.hardwrap) is the part of
    the joined text from where it begins."""
    if not doc.lines:
        lines, off = {}, 0
        for i, text in enumerate(norm.split("\n"), 1):
            lines[i] = (off, text)
            off += len(text) + 1
        return lines
    ends = [o for o, _ in doc.lines[1:]] + [len(norm)]
    return {no: (o, norm[o:end].rstrip("\n")) for (o, no), end in zip(doc.lines, ends)}


def evaluate(corpus: Path, root: Path, files: list[Path] | None = None, skip: str | None = None) -> Result:
    """Score the reader on ``files``' documents, those whose path matches the glob ``skip`` left out."""
    golds, negatives, ranges = load_corpus(corpus, files)
    if skip:
        golds = [g for g in golds if not fnmatch(g.file, skip)]
        negatives = [n for n in negatives if not fnmatch(n.file, skip)]
    res = Result(golds=golds, negatives=negatives)
    by_file: dict[str, list[Gold]] = {}
    for g in golds:
        by_file.setdefault(g.file, []).append(g)
    files = sorted(set(by_file) | {n.file for n in negatives})
    for name in files:
        reads, lines = read_file(root, name)
        if name in ranges:
            reads = [r for r in reads if any(a <= r.line <= b for a, b in ranges[name])]
        res.reads.extend(reads)
        for i, (_, text) in lines.items():
            res.lines[(name, i)] = text.strip()
        free = list(by_file.get(name, []))
        for r in reads:
            hit = next((g for g in free if same_figure(g, r)), None)
            if hit is None:
                res.false_positives.append(r)
            else:
                free.remove(hit)
                res.pairs.append((hit, r))
        res.false_negatives.extend(free)
        for n in (x for x in negatives if x.file == name):
            off, text = lines.get(n.line, (0, ""))
            spans = [(off + m.start(), off + m.end()) for m in re.finditer(re.escape(normalise(strip_annotations(n.span))), text)]
            if not spans:
                raise ValueError(f"{name}:{n.line}: negative span {n.span!r} not found on the line")
            for r in reads:
                if r.line == n.line and any(r.pos < hi and lo < r.end for lo, hi in spans):
                    res.violated.append((n, r))
    return res


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def scores(res: Result) -> dict:
    matched = len(res.pairs)
    bound = sum(bound_right(g.q, r.quantity) for g, r in res.pairs)
    kind = sum(g.kind == r.kind for g, r in res.pairs)
    out = {
        "annotated": len(res.golds), "read": len(res.reads), "matched": matched,
        "negatives": len(res.negatives), "negatives_violated": len({n for n, _ in res.violated}),
        "precision": _ratio(matched, len(res.reads)), "recall": _ratio(matched, len(res.golds)),
        "binding": _ratio(bound, matched), "kind": _ratio(kind, matched),
        "documents": sorted({g.file for g in res.golds} | {n.file for n in res.negatives}),
    }
    tags = sorted({t for g in res.golds for t in g.tags} | {t for n in res.negatives for t in n.tags})
    per: dict[str, dict] = {}
    matched_golds = {id(g): r for g, r in res.pairs}
    for t in tags:
        gs = [g for g in res.golds if t in g.tags]
        ms = [(g, matched_golds[id(g)]) for g in gs if id(g) in matched_golds]
        # precision of a class: over the figures read on the lines its annotations are on (and, for
        # tables, every cell the table reader read)
        where = {(g.file, g.line) for g in gs}
        reads = [r for r in res.reads if (r.file, r.line) in where or (t == TABLE and r.table)]
        right = {id(r) for g, r in res.pairs if t in g.tags}
        ns = [n for n in res.negatives if t in n.tags]
        bad = {n for n, _ in res.violated if t in n.tags}
        per[t] = {"annotated": len(gs), "read": len(reads), "recall": _ratio(len(ms), len(gs)),
                  "precision": _ratio(sum(id(r) in right for r in reads), len(reads)),
                  "binding": _ratio(sum(bound_right(g.q, r.quantity) for g, r in ms), len(ms)),
                  "kind": _ratio(sum(g.kind == r.kind for g, r in ms), len(ms)),
                  "negatives": len(ns), "negatives_respected": _ratio(len(ns) - len(bad), len(ns))}
    out["classes"] = per
    return out


def misses(res: Result) -> dict:
    fp = [{"file": r.file, "line": r.line, "text": r.text, "value": units.plain(r.value), "unit": r.unit,
           "qualifier": r.qualifier, "quantity": r.quantity, "sentence": r.sentence} for r in res.false_positives]
    fn = [{"file": g.file, "line": g.line, "q": g.q, "value": units.plain(g.value), "unit": g.unit,
           "qualifier": g.qualifier,
           "tags": list(g.tags), "sentence": res.lines.get((g.file, g.line), "")} for g in res.false_negatives]
    wb = [{"file": g.file, "line": g.line, "text": r.text, "expected": g.q, "quantity": r.quantity,
           "sentence": r.sentence} for g, r in res.pairs if not bound_right(g.q, r.quantity)]
    neg = [{"file": n.file, "line": n.line, "span": n.span, "read": r.text, "tags": list(n.tags)}
           for n, r in res.violated]
    key = lambda d: (d["file"], d["line"])  # noqa: E731
    return {"false_positives": sorted(fp, key=key), "false_negatives": sorted(fn, key=key),
            "wrong_binding": sorted(wb, key=key), "negatives_violated": sorted(neg, key=key)}


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_text(s: dict, m: dict) -> str:
    out = [f"documents: {len(s['documents'])}  annotated figures: {s['annotated']}  "
           f"negatives: {s['negatives']}  read: {s['read']}  matched: {s['matched']}",
           f"precision {_fmt(s['precision'])}  recall {_fmt(s['recall'])}  binding {_fmt(s['binding'])}  "
           f"kind {_fmt(s['kind'])}  negatives violated {s['negatives_violated']}", "",
           f"{'class':<18}{'n':>5}{'read':>6}{'precision':>10}{'recall':>9}{'binding':>9}{'kind':>8}{'neg':>6}"
           f"{'neg ok':>9}"]
    for t, c in s["classes"].items():
        out.append(f"{t:<18}{c['annotated']:>5}{c['read']:>6}{_fmt(c['precision']):>10}{_fmt(c['recall']):>9}"
                   f"{_fmt(c['binding']):>9}"
                   f"{_fmt(c['kind']):>8}{c['negatives']:>6}{_fmt(c['negatives_respected']):>9}")
    for title, rows, show in (
            ("false positives (read, not annotated)", m["false_positives"],
             lambda d: f"{d['text']} -> {d['quantity']!r} (ql={d['qualifier']})"),
            ("false negatives (annotated, not read)", m["false_negatives"],
             lambda d: f"{d['value']:g} {d['unit']} ql={d['qualifier']} q={d['q']} {d['tags']}"),
            ("wrong binding", m["wrong_binding"], lambda d: f"{d['text']}: {d['quantity']!r}, expected {d['expected']!r}"),
            ("negatives violated", m["negatives_violated"], lambda d: f"{d['span']!r} read as {d['read']!r}")):
        out += ["", f"{title}: {len(rows)}"]
        for d in rows:
            sent = d.get("sentence", "")
            out.append(f"  {d['file']}:{d['line']}: {show(d)}")
            if sent:
                out.append(f"      {sent[:160]}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(prog="python -m ipcheck.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(here / "tests" / "corpus"))
    ap.add_argument("--root", default=str(here), help="directory the corpus file names are relative to")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("--set", choices=SETS, default="samples", help="which corpus files to score (default: samples)")
    ap.add_argument("--files", metavar="GLOB", help="score the corpus files matching GLOB instead of a set")
    ap.add_argument("--skip", metavar="GLOB", help="leave out the documents whose path matches GLOB (a hold-out)")
    a = ap.parse_args(argv)
    files = corpus_files(Path(a.corpus), a.set, a.files)
    if not files:
        sys.stderr.write(f"ipcheck: {a.corpus}: no corpus file matches {a.files or a.set!r}\n")
        return 2
    res = evaluate(Path(a.corpus), Path(a.root), files, a.skip)
    s, m = scores(res), misses(res)
    if a.format == "json":
        sys.stdout.write(json.dumps({"scores": s, "misses": m}, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    else:
        sys.stdout.write(render_text(s, m))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def figure_rows(doc, year: int | None = None) -> list[dict]:
    """Every figure of a document as the ``ipcheck figures`` JSON contract lists it, sorted by
    line then position: {line, text, quantity, value, unit, qualifier, low, high, kind,
    section, warnings, warning_details} (the sentence's quoted text is the figure's own characters;
    ``warnings`` the English texts, ``warning_details`` their code, key and params)."""
    from ipcheck.check import read_figures

    sentences = segment(doc, year)
    figures = read_figures(sentences)
    rows = []
    for s in sentences:
        for f in figures[s.index]:
            rows.append(((s.line, s.start + f.start), {
                "line": s.line, "text": s.text[f.start:f.end], "quantity": f.quantity,
                "value": units.plain(f.value), "unit": f.unit, "qualifier": f.qualifier,
                "low": units.plain(f.low), "high": units.plain(f.high), "kind": f.kind.value,
                "section": s.section.value,
                **warning_fields(f.warnings)}))
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]
