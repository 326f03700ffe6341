"""The registry of reading rules: ipcheck/lang/<lang>/*.yaml loaded once, validated, compiled on use.

A rule is a code (ZH-DONE-001), a name, a one-paragraph doc, what it recognises (``words``, ``chars``,
a ``table`` of word -> value, or a regular expression ``pattern``) and its examples: texts it must
``match`` and texts it must not (``no_match``), each real one with its ``source``. The engine (the
reading and verdict modules) asks the registry for a rule's compiled pattern, words or table by code;
the Chinese stays in the data. See docs/rules.md for the format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ipcheck.errors import IpcheckError

LANG_DIR = Path(__file__).resolve().parent
CODE = re.compile(r"ZH-[A-Z]+-[0-9]{3}\Z")
# {{ZH-UNIT-002}} inside a pattern or context stands for that rule's own expression;
# {{ZH-NUM-001:chars}} for its one-character items, to be written inside a [character class].
_REF = re.compile(r"\{\{(ZH-[A-Z]+-[0-9]{3})(:chars)?\}\}")
# <> inside a context stands for the rule's own words, characters or table keys.
_SELF = "<>"
SCOPES = ("search", "start", "whole")
_KINDS = ("words", "chars", "table", "pattern", "union")
_KEYS = {"code", "name", "doc", *_KINDS, "minus", "longest_first", "context", "scope", "group", "params",
         "blocks", "blocked_by", "match", "no_match", "cases"}


class RuleError(IpcheckError):
    """A rule file that does not follow the format (a bug in the package data, caught by the tests)."""


@dataclass(frozen=True)
class Example:
    """A text a rule must (or must not) match; ``source`` is where a real one was read (path:line)."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class Case:
    """An end-to-end example: a plan item checked against a one-sentence summary, and its status."""

    summary: str
    expect: str
    task: str = ""
    target: tuple[tuple[str, Any], ...] = ()
    year: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Rule:
    """One reading rule, as written in its file; ``expression`` is its compiled source."""

    code: str
    name: str
    doc: str
    file: str
    words: tuple[str, ...] = ()            # for a union: the items of its rules, computed at load
    union: tuple[str, ...] = ()            # the rules whose items this one collects …
    minus: tuple[str, ...] = ()            # … without the items of these
    longest_first: bool = False            # alternatives sorted longest first (a unit: 人次 before 人)
    chars: str = ""
    table: tuple[tuple[str, Any], ...] = ()
    pattern: str = ""
    context: str = ""
    scope: str = "search"
    group: str = ""
    params: tuple[tuple[str, Any], ...] = ()
    blocks: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()
    match: tuple[Example, ...] = ()
    no_match: tuple[Example, ...] = ()
    cases: tuple[Case, ...] = ()
    expression: str = field(default="", compare=False)
    context_expression: str = field(default="", compare=False)     # the context, references resolved

    @property
    def kind(self) -> str:
        """words, chars, table, pattern or union: what the rule's data is."""
        return "union" if self.union else next(k for k in _KINDS if getattr(self, k))

    def items(self) -> tuple[str, ...]:
        """The words the rule lists (a table's keys, each character of ``chars``), in order."""
        if self.table:
            items = tuple(k for k, _ in self.table)
        else:
            items = self.words or tuple(self.chars)
        return tuple(sorted(items, key=len, reverse=True)) if self.longest_first else items

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (compiled on first use: loading stays fast)."""
        try:
            return re.compile(self.expression)
        except re.error as exc:
            raise RuleError(f"ipcheck/lang/zh/{self.file}.yaml: {self.code}: bad pattern: {exc}") from None

    def item_regex(self, item: str) -> re.Pattern[str]:
        """The rule's expression for one of its items alone, in the rule's context (for the examples)."""
        own = re.escape(item)
        if not self.context_expression:
            return re.compile(own)
        return re.compile(self.context_expression.replace(_SELF, f"[{_class_chars(item)}]" if self.chars
                                                          else f"(?:{own})"))

    def hits(self, text: str) -> bool:
        """True when the rule's expression finds ``text`` as its scope says (no blocking rule applied)."""
        if self.scope == "start":
            return self.regex.match(text) is not None
        if self.scope == "whole":
            return self.regex.fullmatch(text) is not None
        return self.regex.search(text) is not None


def _class_chars(chars: str) -> str:
    """``chars`` written for the inside of a [character class]."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


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


class Registry:
    """Every rule of one language by code, with patterns expanded and compiled on first use."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules: dict[str, Rule] = {r.code: r for r in rules}
        self._groups: dict[str, re.Pattern[str]] = {}
        blocked: dict[str, list[str]] = {r.code: [] for r in rules}
        for r in rules:
            for other in r.blocked_by:     # a code, or a group name standing for its rules
                for code in ([other] if other in self.rules else [g.code for g in self.group(other)]):
                    if code not in blocked[r.code]:
                        blocked[r.code].append(code)
            for other in r.blocks:
                if r.code not in blocked[other]:
                    blocked[other].append(r.code)
        self._blocked = {k: tuple(v) for k, v in blocked.items()}

    def __getitem__(self, code: str) -> Rule:
        return self.rules[code]

    def __iter__(self):
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def regex(self, code: str) -> re.Pattern[str]:
        return self.rules[code].regex

    def words(self, code: str) -> tuple[str, ...]:
        return self.rules[code].items()

    def chars(self, code: str) -> str:
        return self.rules[code].chars

    def table(self, code: str) -> dict[str, Any]:
        return dict(self.rules[code].table)

    def param(self, code: str, name: str) -> Any:
        value = self.rules[code].param(name)
        if value is None:
            raise KeyError(f"{code} has no parameter {name!r}")
        return value

    def group(self, name: str) -> tuple[Rule, ...]:
        """The rules of a group, in file order."""
        return tuple(r for r in self.rules.values() if r.group == name)

    def group_regex(self, name: str) -> re.Pattern[str]:
        """One pattern finding what any rule of group ``name`` finds (their alternation, in file order)."""
        if name not in self._groups:
            members = self.group(name)
            if not members:
                raise KeyError(f"no rule is in group {name!r}")
            self._groups[name] = re.compile("|".join(f"(?:{r.expression})" for r in members))
        return self._groups[name]

    def first(self, name: str, text: str) -> str | None:
        """The code of the first rule of group ``name`` that finds ``text`` (its scope applied), or None."""
        return next((r.code for r in self.group(name) if r.hits(text)), None)

    def blocked_by(self, code: str) -> tuple[str, ...]:
        """The rules that block ``code``: its own blocked_by and every rule that says it blocks it."""
        return self._blocked[code]

    def fires(self, code: str, text: str, _seen: frozenset[str] = frozenset()) -> bool:
        """True when rule ``code`` finds ``text`` and no rule that blocks it fires there."""
        rule = self.rules[code]
        if not rule.hits(text):
            return False
        seen = _seen | {code}
        return not any(self.fires(b, text, seen) for b in self.blocked_by(code) if b not in seen)


# ----------------------------------------------------------------------------------------
# loading and validation
# ----------------------------------------------------------------------------------------

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
    keys = {"summary", "expect", "task", "target", "year", "source"}
    if not isinstance(value, dict) or not set(value) <= keys or not isinstance(value.get("summary"), str) \
            or value.get("expect") not in ("met", "missed", "unreported", "pending") \
            or ("task" in value) == ("target" in value):
        raise _fail(where, f"a case is {{summary, task or target, expect: a status}}, got {value!r}")
    target = value.get("target") or {}
    if not isinstance(target, dict):
        raise _fail(where, "a case's target is a mapping")
    return Case(summary=value["summary"], expect=value["expect"], task=str(value.get("task", "")),
                target=tuple(target.items()), year=value.get("year"), source=str(value.get("source", "")))


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


def _yaml_load(text: str) -> Any:
    """``text`` parsed by the safe loader (the C one when PyYAML has it: the data loads in a few ms)."""
    import yaml
    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser = safe(text)
    try:
        return parser.get_single_data()
    finally:
        parser.dispose()


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


@lru_cache(maxsize=None)
def load(lang: str = "zh") -> Registry:
    """The registry of ``lang``, read from the package data once per process."""
    import yaml
    folder = LANG_DIR / lang
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            files[path.stem] = _yaml_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RuleError(f"ipcheck/lang/{lang}/{path.name}: not valid YAML: {exc}") from None
    return build(files, compile_all=False)     # the tests compile every rule (tests/test_lang_rules.py)


def regex(code: str) -> re.Pattern[str]:
    """The compiled expression of rule ``code``."""
    return load().regex(code)


def group_regex(name: str) -> re.Pattern[str]:
    """One compiled pattern for every rule of group ``name``."""
    return load().group_regex(name)


def words(code: str) -> tuple[str, ...]:
    """The words of rule ``code`` (a table's keys, a character set's characters), in order."""
    return load().words(code)


def chars(code: str) -> str:
    """The characters of a ``chars`` rule, as one string."""
    return load().chars(code)


def table(code: str) -> dict[str, Any]:
    """The word -> value table of rule ``code``."""
    return load().table(code)


def param(code: str, name: str) -> Any:
    """A named parameter of rule ``code`` (the word a block applies to, a margin …)."""
    return load().param(code, name)
