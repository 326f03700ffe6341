"""Whose work a sentence reports: a task is the plan region's only when the sentence's subject is.

A city's summary also tells what its neighbours, its province or the nation did (成都市新建…, 省知识产权
局建成全省…平台, 全国首个…在深圳揭牌). Such work never fulfils the city's task. The subject is the last
place or body that opens a clause before the task's words (ZH-WHOSE-005, ZH-WHOSE-006); a rank of a wider
scope (全国首个, ZH-WHOSE-007) is no subject and, unless the sentence names the plan's region, leaves
the work anyone's.
"""
from __future__ import annotations

import re

from ipcheck.lang.registry import load
from ipcheck.reading.regions import same_region
from ipcheck.verdicts.targets import SUBJECT_PART_END, someone_else

_R = load()
_SUBJECT = _R.regex("ZH-WHOSE-005")
_HIGHER = _R.regex("ZH-WHOSE-006")
_RANK = _R.regex("ZH-WHOSE-007")
_POINTING = _R.regex("ZH-REGION-004")
_SUFFIX = _R.regex("ZH-REGION-001")
_LEVEL = sorted(_R.table("ZH-WHOSE-008").items(), key=lambda kv: -len(kv[0]))
# Verbs (ZH-INTENT-018, ZH-WHOSE-009): a clause that opens with one has its place as an object (新建自贡市…中心).
_VERBS = _R.words("ZH-INTENT-018") + _R.words("ZH-WHOSE-009")
# A clause with no more than this after its place is a list item (…,区县人民政府,…为成员的), not a subject's.
_LIST_ITEM = 4
# ZH-WHOSE-001 reads any run of characters before a suffix as a name; a subject's name is short and has no
# function word in it (四是成立了由市 is a clause, not a place), and a title follows no place (常务副市长).
_NAME_MAX = 7
_NOT_IN_NAME = re.compile("[" + re.escape(_R.chars("ZH-WHOSE-010")) + "]")
_TITLE_AFTER = _R.regex("ZH-WHOSE-011")
# 中国（长春）…: the place an institution of national name belongs to, just before the task's words (ZH-WHOSE-012).
_NAMED_FOR = _R.regex("ZH-WHOSE-012")


def _no_subject(part: str, m: re.Match[str]) -> bool:
    """True when the place ZH-WHOSE-005 found is no subject: ranked (全省首家), an object after a verb,
    alone in its clause (a list item), too long or with a function word for a name, or a title's (市长)."""
    who, after = m.group("who"), m.end("who")
    comma = part.find(",", after)
    listed = 0 <= comma and comma - after <= _LIST_ITEM
    return bool(_RANK.match(part, m.start("who")) or who.startswith(_VERBS) or listed or len(who) > _NAME_MAX
                or _NOT_IN_NAME.search(who) or _TITLE_AFTER.match(part, after))


def _subjects(part: str) -> list[tuple[int, str, bool]]:
    """(position, place or level, whether it is a higher body) of every clause subject in ``part``
    (ZH-WHOSE-005; ZH-WHOSE-006 for a body named by its level: 国家知识产权局, 省政府)."""
    found = [(m.start("who"), m.group("who"), False) for m in _SUBJECT.finditer(part) if not _no_subject(part, m)]
    found += [(m.start("level"), m.group("level"), True) for m in _HIGHER.finditer(part)]
    return sorted(found)


def _level(name: str) -> int | None:
    """The level of a place or body by the end of its name (ZH-WHOSE-008), None when it names none."""
    return next((level for suffix, level in _LEVEL if name.endswith(suffix)), None)


def _not_its_work(who: str, body: bool, region: str) -> bool:
    """True when a task's subject is someone else than ``region``: a body of a higher level (``body``:
    ``who`` is its level word), or another place (as for a figure) not inside the region, i.e. of the
    region's level or above (ZH-WHOSE-008)."""
    mine, theirs = _level(region), _level(who)
    if body:
        return mine is None or theirs is None or theirs > mine
    if not someone_else(who, region):
        return False
    return mine is None or theirs is None or theirs >= mine


def _names_region(text: str, region: str) -> bool:
    """True when ``text`` names the plan's region: by name (with or without its suffix) or by 我市, 本市 …"""
    short = _SUFFIX.sub("", region) or region
    return bool(region) and (short in text or _POINTING.search(text) is not None)


def work_elsewhere(text: str, at: int, region: str, own: str = "") -> bool:
    """True when the work named at offset ``at`` of sentence ``text`` is someone else's than ``region``'s:
    the last subject before it is another place or body (中国（长春）… too, unless the task's own words ``own``
    name that place), or a first of a wider scope is reported in a sentence that never names the region."""
    if not region:
        return False
    ends = [m.end() for m in SUBJECT_PART_END.finditer(text, 0, at)]
    named = _NAMED_FOR.search(text, ends[-1] if ends else 0, at)
    if named and not same_region(named.group("where"), region) and named.group("where") not in own:
        return True
    subjects = _subjects(text[ends[-1] if ends else 0:at])
    if subjects and _not_its_work(subjects[-1][1], subjects[-1][2], region):
        return True
    return _RANK.search(text) is not None and not _names_region(text, region)
