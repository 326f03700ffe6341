"""Which reading rules fired: the codes behind a sentence's cues, its section and a figure's reading,
so `ipcheck explain` can name them (see `ipcheck rules CODE`). Pure; it re-reads, it decides nothing.

A sentence's cues are the rules of the intention, negation and done groups (and the governing ones)
that fire on it, their blocking rules applied; a figure's are the rules behind what the reader made
of it: its numerals and magnitude, its unit, each qualifier word, its kind and its warnings.
"""
from __future__ import annotations

from ipcheck.lang.registry import Registry, load
from ipcheck.model import Figure, FigureKind, Sentence

_CUE_GROUPS = ("intention", "negation", "done")
_GOVERNING = ("ZH-INTENT-009", "ZH-GOAL-001", "ZH-GOAL-002", "ZH-RECUR-001")
# The rule behind each figure kind (LEVEL needs none), and behind each warning code.
_KIND_RULES = {FigureKind.GROWTH: ("ZH-KIND-007",), FigureKind.DECREASE: ("ZH-KIND-010", "ZH-KIND-006"),
               FigureKind.ANNUAL_GROWTH: ("ZH-KIND-005",), FigureKind.SHARE: ("ZH-KIND-003",),
               FigureKind.COMPLETION: ("ZH-KIND-004",), FigureKind.MULTIPLE: ("ZH-UNIT-005",),
               FigureKind.INCREASE: ("ZH-KIND-010", "ZH-KIND-005", "ZH-KIND-007", "ZH-KIND-008"),
               FigureKind.TARGET: ("ZH-BIND-001", "ZH-GOAL-001")}
_WARNING_RULES = {"cumulative": "ZH-BIND-004", "estimate": "ZH-BIND-003", "recurring": "ZH-RECUR-001",
                  "garbled_unit": "ZH-FIG-006", "unit_compound": "ZH-FIG-007", "multi_year": "ZH-YEAR-008",
                  "partial_period": "ZH-YEAR-011", "respective": "ZH-BIND-016",
                  "respective_unresolved": "ZH-BIND-016", "table_whole": "ZH-TABLE-004",
                  "table_mark": "ZH-TABLE-016"}
_QUALIFIER_RULES = ("ZH-QUAL-001", "ZH-QUAL-002", "ZH-QUAL-003", "ZH-QUAL-004")
_UNIT_RULES = ("ZH-UNIT-002", "ZH-UNIT-003", "ZH-UNIT-004", "ZH-UNIT-005", "ZH-UNIT-006", "ZH-UNIT-007",
               "ZH-UNIT-008", "ZH-UNIT-009", "ZH-UNIT-010", "ZH-UNIT-015", "ZH-UNIT-011",
               "ZH-UNIT-012")
_NUMERAL_RULES = ("ZH-NUM-001", "ZH-NUM-002", "ZH-NUM-003", "ZH-NUM-009")
_CLAUSE_BEFORE = 30          # characters before a figure searched for its kind cue


def sentence_rules(sentence: Sentence, span: tuple[int, int] | None = None,
                   reg: Registry | None = None) -> tuple[str, ...]:
    """The rule that named ``sentence``'s section and every cue rule that fires on it, in rule order.
    With ``span`` (a figure's clause) the cues are read in that clause and the governing ones (an
    intention or a goal that governs what follows) in the text before it, as the verdict rules do."""
    reg = reg or load()
    a, b = span if span is not None else (0, len(sentence.norm))
    clause, before = sentence.norm[a:b], sentence.norm[:b]
    codes = [sentence.section_rule] if sentence.section_rule else []
    for group in _CUE_GROUPS:
        codes += [r.code for r in reg.group(group) if reg.fires(r.code, clause)]
    codes += [c for c in _GOVERNING if reg.fires(c, before if span is not None else clause)]
    return tuple(dict.fromkeys(codes))


def _owner(reg: Registry, codes: tuple[str, ...], item: str) -> str | None:
    return next((c for c in codes if item in reg.words(c)), None)


def figure_rules(figure: Figure, norm: str, reg: Registry | None = None) -> tuple[str, ...]:
    """The rules behind what the reader made of ``figure`` (read from sentence ``norm``)."""
    reg = reg or load()
    bare = figure.text.startswith(reg.words("ZH-NUM-007"))
    codes = ["ZH-NUM-007"] if bare else [c for c in _NUMERAL_RULES if any(ch in reg.words(c) for ch in figure.text)]
    if figure.qualifier == "range":
        codes.append("ZH-NUM-008")
    if not bare and any(ch.isdigit() and figure.text[i + 1:].startswith(reg.words("ZH-UNIT-001"))
                        for i, ch in enumerate(figure.text)):           # 3.6万份: a magnitude folded in
        codes.append("ZH-UNIT-001")
    if figure.row is not None:                  # a table's cell, read against its header
        codes.append("ZH-TABLE-001")
    codes.append(_owner(reg, _UNIT_RULES, figure.unit) or "ZH-UNIT-014")
    for word in (figure.qualifier or "").split("\u2026"):
        owner = _owner(reg, _QUALIFIER_RULES, word) if word != "range" else None
        if owner:
            codes.append(owner)
    before = norm[max(0, figure.start - _CLAUSE_BEFORE):figure.start]
    codes += [c for c in _KIND_RULES.get(figure.kind, ()) if reg[c].regex.search(before)][:1]
    for w in figure.warnings:
        rule = _WARNING_RULES.get(w.code)
        if rule == _WARNING_RULES["multi_year"] and reg["ZH-YEAR-014"].regex.search(str(dict(w.params).get("text", ""))):
            rule = "ZH-YEAR-014"            # 十年间, 五年来: a span of years counted
        if rule:
            codes.append(rule)
    if figure.year_offset is not None:          # 去年/今年 dated it, from the text's own date
        codes.append("ZH-YEAR-013")
    return tuple(dict.fromkeys(codes))
