"""The registry of reading rules: ipcheck/lang/<lang>/*.yaml loaded once, validated, compiled on use.

A rule is a code (ZH-DONE-001), a name, a one-paragraph doc, what it recognises (``words``, ``chars``,
a ``table`` of word -> value, a ``union`` of other rules' words, or a regular expression ``pattern``)
and its examples: texts it must ``match`` and texts it must not (``no_match``), each real one with its
``source``. The engine (the reading and verdict modules) asks the registry for a rule's compiled
pattern, words or table by code; the Chinese stays in the data. See docs/rules.md for the format.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ipcheck.lang.model import LANG_DIR, Case, Example, Registry, Rule, RuleError  # noqa: F401 (the API)
from ipcheck.lang.schema import build

__all__ = ["Case", "Example", "Registry", "Rule", "RuleError", "build", "load", "regex", "group_regex", "words",
           "chars", "table", "param"]


def _yaml_load(text: str) -> Any:
    """``text`` parsed by the safe loader (the C one when PyYAML has it: the data loads in a few ms)."""
    import yaml
    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser = safe(text)
    try:
        return parser.get_single_data()
    finally:
        parser.dispose()


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
