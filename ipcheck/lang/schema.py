"""The rule files' schema: each rule checked as it loads (known keys, one kind of data, examples of both
kinds, references and blocks that exist), union rules collected, {{CODE}} references expanded."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ipcheck.lang.model import (_KEYS, _KINDS, _REF, _SELF, CODE, SCOPES, Case, Example, Registry, Rule,
                                RuleError, _class_chars)


def _alternation(rule: Rule) -> str:
    """The expression of a rule's own items: an alternation of its words, or a character class."""
    if rule.chars:
        return "[" + _class_chars(rule.chars) + "]"
    return "|".join(re.escape(w) for w in rule.items())


def _unite(rules: dict[str, Rule]) -> dict[str, Rule]:
    """Each union rule with its words: the items of its rules in order, less those of ``minus``."""
    out = dict(rules)
    for code, rule in rules.items():
        if not rule.union:
            continue
        where = f"ipcheck/lang/zh/{rule.file}.yaml: {code}"
        for other in rule.union + rule.minus:
            if other not in rules or rules[other].pattern or rules[other].union:
                raise _fail(where, f"{other} is no rule with words to unite")
        drop = {i for other in rule.minus for i in rules[other].items()}
        items = dict.fromkeys(i for other in rule.union for i in rules[other].items() if i not in drop)
        out[code] = replace(rule, words=tuple(items))
    return out


def _fail(where: str, message: str) -> RuleError:
    return RuleError(f"{where}: {message}")


def _example(value: Any, where: str) -> Example:
    if isinstance(value, str) and value:
        return Example(value)
    if isinstance(value, dict) and set(value) <= {"text", "source"} and isinstance(value.get("text"), str) \
            and value["text"] and isinstance(value.get("source", ""), str):
        return Example(value["text"], value.get("source", ""))
    raise _fail(where, f"an example is a text or {{text, source}}, got {value!r}")


def _case(value: Any, where: str) -> Case:
    keys = {"summary", "expect", "task", "target", "year", "due", "source"}
    if not isinstance(value, dict) or not set(value) <= keys or not isinstance(value.get("summary"), str) \
            or value.get("expect") not in ("met", "missed", "unreported", "pending") \
            or ("task" in value) == ("target" in value):
        raise _fail(where, f"a case is {{summary, task or target, expect: a status}}, got {value!r}")
    target = value.get("target") or {}
    if not isinstance(target, dict):
        raise _fail(where, "a case's target is a mapping")
    return Case(summary=value["summary"], expect=value["expect"], task=str(value.get("task", "")),
                target=tuple(target.items()), year=value.get("year"), due=value.get("due"),
                source=str(value.get("source", "")))


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(where, f"{what} must be a list of non-empty texts")
    return tuple(value)


def _check_kind(raw: dict[str, Any], where: str) -> None:
    kinds = [k for k in _KINDS if raw.get(k) not in (None, "", [], {})]
    if len(kinds) != 1:
        raise _fail(where, f"a rule has exactly one of {', '.join(_KINDS)} (found {kinds or 'none'})")
    if raw.get("words") is not None:
        words = _strings(raw["words"], where, "words")
        if len(set(words)) != len(words):
            raise _fail(where, "a word is listed twice")
    if "table" in raw and not isinstance(raw["table"], dict):
        raise _fail(where, "table must be a mapping of word -> value")
    for key in ("chars", "pattern", "context", "doc", "name", "group"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(where, f"{key} must be a text")
    if raw.get("scope", "search") not in SCOPES:
        raise _fail(where, f"scope is one of {', '.join(SCOPES)}")
    if "params" in raw and not isinstance(raw["params"], dict):
        raise _fail(where, "params must be a mapping")
    if "union" in raw:
        _strings(raw["union"], where, "union")
        _strings(raw.get("minus", []), where, "minus")
    elif "minus" in raw:
        raise _fail(where, "minus goes with union")
    if not isinstance(raw.get("longest_first", False), bool):
        raise _fail(where, "longest_first is true or false")


def _rule(raw: Any, file: str) -> Rule:
    where = f"ipcheck/lang/zh/{file}.yaml"
    if not isinstance(raw, dict):
        raise _fail(where, f"a rule is a mapping, got {raw!r}")
    code = raw.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise _fail(where, f"bad rule code {code!r} (ZH-WORD-000)")
    where = f"{where}: {code}"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _fail(where, f"unknown keys {', '.join(unknown)}")
    for key in ("name", "doc"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(where, f"{key} is required")
    _check_kind(raw, where)
    examples = {}
    for key in ("match", "no_match"):
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            raise _fail(where, f"{key} must be a non-empty list of examples")
        examples[key] = tuple(_example(v, f"{where}: {key}") for v in value)
    return Rule(code=code, name=raw["name"].strip(), doc=" ".join(raw["doc"].split()), file=file,
                words=tuple(raw.get("words") or ()), chars=raw.get("chars") or "",
                union=tuple(raw.get("union") or ()), minus=tuple(raw.get("minus") or ()),
                longest_first=raw.get("longest_first", False),
                table=tuple((raw.get("table") or {}).items()), pattern=raw.get("pattern") or "",
                context=raw.get("context") or "", scope=raw.get("scope", "search"), group=raw.get("group") or "",
                params=tuple((raw.get("params") or {}).items()),
                blocks=_strings(raw.get("blocks", []), where, "blocks"),
                blocked_by=_strings(raw.get("blocked_by", []), where, "blocked_by"),
                match=examples["match"], no_match=examples["no_match"],
                cases=tuple(_case(c, f"{where}: cases") for c in raw.get("cases") or ()))


def _expand(rules: dict[str, Rule], raw_own: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each rule's expression: its own (pattern, words, characters) in its context, with {{CODE}}
    references resolved to the named rule's own expression (not its context); no cycles allowed."""
    own: dict[str, str] = {}

    def resolve(code: str, text: str, path: tuple[str, ...]) -> str:
        rule = rules[code]

        def ref(m: re.Match[str]) -> str:
            other = rules.get(m.group(1))
            if other is None:
                raise _fail(f"ipcheck/lang/zh/{rule.file}.yaml: {code}", f"unknown rule {m.group(1)} referenced")
            if m.group(2):
                items = other.items()
                if other.pattern or not all(len(i) == 1 for i in items):
                    raise _fail(f"ipcheck/lang/zh/{rule.file}.yaml: {code}",
                                f"{other.code} has no one-character items to put in a class")
                return _class_chars("".join(items))
            return f"(?:{expand_own(m.group(1), path + (code,))})"

        return _REF.sub(ref, text)

    def expand_own(code: str, path: tuple[str, ...]) -> str:
        if code in own:
            return own[code]
        if code in path:
            raise _fail("ipcheck/lang/zh", f"references go round in a circle: {' -> '.join(path + (code,))}")
        rule = rules[code]
        own[code] = resolve(code, rule.pattern, path) if rule.pattern else raw_own[code]
        return own[code]

    out = {}
    for code, rule in rules.items():
        mine, context = expand_own(code, ()), ""
        if rule.context:
            context = resolve(code, rule.context, (code,))
            mine = context.replace(_SELF, mine if rule.chars else f"(?:{mine})")
        out[code] = (mine, context)
    return out


def build(files: dict[str, Any], compile_all: bool = True) -> Registry:
    """A registry from parsed rule files (file stem -> list of rules), validated and expanded; with
    ``compile_all`` every pattern is compiled now (a bad one is refused), else on first use."""
    rules: dict[str, Rule] = {}
    for file, raw_rules in files.items():
        if not isinstance(raw_rules, list):
            raise _fail(f"ipcheck/lang/zh/{file}.yaml", "a rule file is a list of rules")
        for raw in raw_rules:
            rule = _rule(raw, file)
            if rule.code in rules:
                raise _fail(f"ipcheck/lang/zh/{file}.yaml", f"duplicate rule code {rule.code}")
            rules[rule.code] = rule
    rules = _unite(rules)
    raw_own = {code: _alternation(rule) for code, rule in rules.items()}
    groups = {r.group for r in rules.values() if r.group}
    for rule in rules.values():
        for other in rule.blocks + rule.blocked_by:
            if other not in rules and not (other in groups and other in rule.blocked_by):
                raise _fail(f"ipcheck/lang/zh/{rule.file}.yaml: {rule.code}", f"unknown rule {other}")
    expressions = _expand(rules, raw_own)
    out = []
    for code, rule in rules.items():
        expr, context = expressions[code]
        out.append(replace(rule, expression=expr, context_expression=context))
    registry = Registry(out)
    if compile_all:
        for rule in registry:
            rule.regex
    return registry
