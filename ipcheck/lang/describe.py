"""The reading rules as a person reads them: the list (`ipcheck rules`) or one rule with its doc and
examples (`ipcheck rules CODE`), in text or JSON. Pure: returns strings, the CLI prints them."""
from __future__ import annotations

import difflib
import json
import textwrap
from typing import Any

from ipcheck.errors import IpcheckError, msg
from ipcheck.i18n import DEFAULT_LANG, t
from ipcheck.lang.registry import Registry, Rule, load

WIDTH = 100


def find(code: str, reg: Registry | None = None) -> list[Rule]:
    """The rules ``code`` names: one by its code (any case), or every rule whose code starts with it
    (ZH-DONE); an unknown code is an error naming the closest ones."""
    reg = reg or load()
    wanted = code.strip().upper()
    if wanted in reg.rules:
        return [reg[wanted]]
    some = [r for r in reg if r.code.startswith(wanted)]
    if some and wanted:
        return some
    close = difflib.get_close_matches(wanted, list(reg.rules), n=3, cutoff=0.5)
    raise IpcheckError(msg("error.no_rule", value=repr(code), n=len(reg)),
                       hint=msg("error.rule_closest", value=", ".join(close)) if close else msg("error.rules_lists_them"))


def as_dict(rule: Rule) -> dict[str, Any]:
    """One rule as JSON: its data, its expression and its examples."""
    return {"code": rule.code, "name": rule.name, "doc": rule.doc, "file": f"ipcheck/lang/zh/{rule.file}.yaml",
            "kind": rule.kind, "group": rule.group or None, "items": list(rule.items()),
            "table": {k: v for k, v in rule.table} or None, "params": dict(rule.params) or None,
            "expression": rule.expression, "scope": rule.scope,
            "blocks": list(rule.blocks), "blocked_by": list(rule.blocked_by),
            "match": [{"text": e.text, "source": e.source or None} for e in rule.match],
            "no_match": [{"text": e.text, "source": e.source or None} for e in rule.no_match],
            "cases": [{"task": c.task or None, "target": dict(c.target) or None, "summary": c.summary,
                       "expect": c.expect} for c in rule.cases]}


def render_json(rules: list[Rule]) -> str:
    """The rules as JSON (sorted keys, readable UTF-8, a final newline)."""
    return json.dumps({"rules": [as_dict(r) for r in rules]}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_list(rules: list[Rule], lang: str = DEFAULT_LANG) -> str:
    """One line per rule, grouped by file: code, name, kind and how many examples."""
    lines = [t("rules.heading", lang, n=len(rules))]
    file = None
    for r in rules:
        if r.file != file:
            file = r.file
            lines += ["", t("rules.file", lang, file=f"ipcheck/lang/zh/{file}.yaml")]
        examples = t("rules.examples", lang, match=len(r.match), no_match=len(r.no_match))
        lines.append(f"  {r.code:<14} {r.name}  ({t('rules.kind.' + r.kind, lang)}, {examples})")
    lines += ["", t("rules.more", lang)]
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]


def _data_lines(rule: Rule, lang: str) -> list[str]:
    if rule.table:
        return _wrap(t("rules.table", lang, items="  ".join(f"{k}={v}" for k, v in rule.table)))
    if rule.pattern:
        return _wrap(t("rules.pattern", lang, items=rule.pattern))
    if rule.chars:
        return _wrap(t("rules.chars", lang, items=rule.chars))
    separator = load().chars("ZH-BIND-022")             # 、 between the words of a list
    return _wrap(t("rules.words", lang, items=separator.join(rule.items())))


def _example_lines(rule: Rule, lang: str) -> list[str]:
    out = []
    for key, mark in (("match", "✓"), ("no_match", "✗")):
        out.append(t(f"rules.{key}", lang))
        for e in getattr(rule, key):
            source = f"  ({e.source})" if e.source else ""
            out.append(f"  {mark} {e.text}{source}".replace("\n", "⏎").replace("\t", "⇥"))
    if rule.cases:
        out.append(t("rules.cases", lang))
        for c in rule.cases:
            item = c.task or " ".join(f"{v}" for _, v in c.target)
            out.append(f"  {item} ← {c.summary}".replace("\n", "⏎") + f" → {t('status.' + c.expect, lang)}")
    return out


def render_rule(rule: Rule, lang: str = DEFAULT_LANG, reg: Registry | None = None) -> str:
    """One rule as `ipcheck rules CODE` shows it: name, where it lives, its doc, data and examples."""
    reg = reg or load()
    lines = [f"{rule.code}  {rule.name}", t("rules.file", lang, file=f"ipcheck/lang/zh/{rule.file}.yaml")]
    if rule.group:
        lines.append(t("rules.group", lang, group=rule.group))
    blocked = reg.blocked_by(rule.code)
    if blocked:
        lines.append(t("rules.blocked_by", lang, codes=", ".join(blocked)))
    if rule.blocks:
        lines.append(t("rules.blocks", lang, codes=", ".join(rule.blocks)))
    lines += [""] + _wrap(rule.doc) + [""] + _data_lines(rule, lang)
    if rule.context:
        lines += _wrap(t("rules.context", lang, items=rule.context))
    lines += [""] + _example_lines(rule, lang)
    return "\n".join(lines) + "\n"
