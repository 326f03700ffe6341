"""The types of the reading rules: a Rule with its examples and cases, and the Registry that holds a
language's rules by code (ipcheck/lang/registry.py loads it; schema.py checks and expands the files)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
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
    due: int | None = None           # a task's due year
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
