"""Leave out what a repost adds to a text that is no part of it: pinyin after characters (ZH-DOC-006)."""
from __future__ import annotations

from ipcheck.lang.registry import load

_PINYIN = load().regex("ZH-DOC-006")


def strip_annotations(text: str) -> str:
    """``text`` without the pinyin a repost prints in brackets after characters (ZH-DOC-006, whose
    examples show it); line breaks are untouched, so every line keeps its number."""
    return _PINYIN.sub("", text) if "(" in text or "\uff08" in text else text
