"""Whose a clause is: the place or body that opens it (its subject), carried over the clauses after it.

A city's summary also tells what its districts, companies, neighbours, province and nation counted or did
(高新区专利申请量…, 某集团…, 省知识产权局建成全省…平台, 全国首个…在深圳揭牌). One reader finds the subject a
figure or a task's words fall under (ZH-WHOSE-005, -006, with what is no subject: a verb's object, a function
word, a title, a rank of a wider scope, a source: ZH-WHOSE-007, -009 to -011, -014); the two questions asked
of it differ only in what a place inside the region counts for. A district's figure is never the city's
(``figure_elsewhere``); a district's work is the city's work, a neighbour's or the province's never is
(``work_elsewhere``, ZH-WHOSE-008), except for a thing the region has one of (its protection centre, its
platform, a 办法 it issues, a title it wins: ZH-WHOSE-019, -020), which only the region itself does; the
owner named right before such a thing (省知识产权保护中心: ZH-WHOSE-022) says whose it is. A subject that opens a
paragraph's sentence is its topic: it carries over the later parts of the line that name no subject of their own
(高新区是…。全年专利申请量…: ZH-WHOSE-029); a company's or a zone's full name is one of any length (四川长虹电器股份有限公司,
康巴什经济开发区: ZH-WHOSE-030), and so is 公司 or 该企业 pointing at the company just named (ZH-WHOSE-031). The words are
data: ipcheck/lang/zh/whose.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ipcheck.lang.registry import load
from ipcheck.reading.regions import same_region

_R = load()
_WHOSE = _R.regex("ZH-WHOSE-001")
# The whole-scope words (全市, 我省 …): a region's own whole when their level is the region's (ZH-WHOSE-002).
SCOPE = _R.words("ZH-WHOSE-002")
_NO_PLACE = _R.words("ZH-WHOSE-003")
_NAMES_NONE = tuple(_R.words("ZH-WHOSE-017"))
_OTHER_AREA = tuple(_R.words("ZH-WHOSE-018"))
# 县域, 市域, 省域: the whole area of a region of one level, the plan region's own only at its level (ZH-WHOSE-024).
_AREA_OF_LEVEL = _R.table("ZH-WHOSE-024")
# A rate per head (每万人…) and the words right before one that name no owner (ZH-WHOSE-025, -026).
_PER_HEAD, _NO_OWNER = _R.regex("ZH-WHOSE-025"), _R.regex("ZH-WHOSE-026")
_SHORT_NAME = re.compile("[\u4e00-\u9fff]{2,4}")
_SUBJECT = _R.regex("ZH-WHOSE-005")
_HIGHER = _R.regex("ZH-WHOSE-006")
_RANK = _R.regex("ZH-WHOSE-007")
_LEVEL = sorted(_R.table("ZH-WHOSE-008").items(), key=lambda kv: -len(kv[0]))
# Verbs (ZH-INTENT-018, ZH-WHOSE-009): a clause that opens with one has its place as an object (联合成都市…).
_VERBS = _R.words("ZH-INTENT-018") + _R.words("ZH-WHOSE-009")
# A thing a region has one of, a title it wins, and a title that makes the thing many (ZH-WHOSE-019 to -021).
_ONE_THING, _ONE_TITLE, _MANY = (_R.regex(c) for c in ("ZH-WHOSE-019", "ZH-WHOSE-020", "ZH-WHOSE-021"))
# The owner named right before a thing: a scope word, a place, or a level word alone (ZH-WHOSE-022), after a verb
# (ZH-WHOSE-023 and the verbs above) or the clause's start.
_LEVEL_ALONE = _R.words("ZH-WHOSE-022")
_OWNER = re.compile("|".join(f"(?:{p})" for p in (_R.regex("ZH-WHOSE-002").pattern, _WHOSE.pattern,
                                                  *map(re.escape, _LEVEL_ALONE))))
_BEFORE_OWNER = _VERBS + _R.words("ZH-WHOSE-023")
_CLAUSE_MARK = re.compile("[" + re.escape(_R.chars("ZH-PUNCT-001")) + "]")
# ZH-WHOSE-001 reads any run of characters before a suffix as a name; a subject's name is short and has no
# function word in it (四是成立了由市 is a clause, not a place), and a title follows no place (常务副市长). A zone's
# full name may be longer (ZH-WHOSE-030) when no verb stands in it.
_NAME_MAX = 7
_NOT_IN_NAME = re.compile("[" + re.escape(_R.chars("ZH-WHOSE-010")) + "]")
# An organisation's name (美的集团, 四川川润股份有限公司) is a proper name: neither check applies (ZH-WHOSE-015).
_ORGANISATION = _R.regex("ZH-WHOSE-015")
# A zone's full name (康巴什经济开发区) may be long, but no verb stands in it (大力推进产业园区 is a phrase: ZH-WHOSE-030).
_FULL_NAME = _R.regex("ZH-WHOSE-030")
# ... unless the run before it holds an object marker (已完成对西藏大学): the object of the work (ZH-WHOSE-016).
_OBJECT = _R.regex("ZH-WHOSE-016")
_TITLE_AFTER = _R.regex("ZH-WHOSE-011")
# 中国（长春）…: the place an institution of national name belongs to, just before the task's words (ZH-WHOSE-012).
_NAMED_FOR = _R.regex("ZH-WHOSE-012")
# A body's clause that only says it told (省知识产权局介绍,…): a source, not a subject (ZH-WHOSE-014).
_SOURCE = _R.regex("ZH-WHOSE-014")
_POINTING = _R.regex("ZH-REGION-004")
_SUFFIX = _R.regex("ZH-REGION-001")
# Others' work learned as experience (学习外地…的经验: ZH-WHOSE-027), and places visited to learn from (赴成都考察学习:
# ZH-WHOSE-028).
_LEARNED, _VISITED = _R.regex("ZH-WHOSE-027"), _R.regex("ZH-WHOSE-028")
# A subject carries over the clauses after it until ; or the sentence's end.
PART_END = re.compile("[;" + re.escape(_R.chars("ZH-SENT-003")) + "]")
# What may stand before the subject that opens a part and so is the topic of the parts after it on its line
# (a list marker, a time phrase: ZH-WHOSE-029).
_TOPIC_LEAD = _R.regex("ZH-WHOSE-029")


@dataclass(frozen=True)
class Subject:
    """A place or body that opens a clause: where it starts, its name (the level word for a body named by
    its level: 省 of 省知识产权局), and whether it is such a body."""

    start: int
    name: str
    body: bool = False


def _names_none(before: str) -> bool:
    """True when the words before 地区/辖区/城市 name no place: none, or one of ZH-WHOSE-017's (全, 试点)."""
    return not before or any(before.endswith(w) for w in _NAMES_NONE)


def someone_else(prefix: str, region: str) -> bool:
    """True when ``prefix`` (the words before a quantity's name, or a clause's subject) names a place or a
    body other than the plan's ``region``: 高新区, 南昌市 in a province's text, 全国, 某集团, 全省 in a
    city's (ZH-WHOSE-001 to -003; issue #12 §3 e)."""
    if any(w in prefix for w in _OTHER_AREA):       # 珠三角, 县城, 发达国家 … (ZH-WHOSE-018)
        return True
    if any(w in prefix and not region.endswith(level) for w, level in _AREA_OF_LEVEL.items()):
        return True                                 # 县域 in a city's text (ZH-WHOSE-024)
    for m in _WHOSE.finditer(prefix):
        token = m.group(0)
        if any(w in token and _names_none(token[:token.index(w)]) for w in _NO_PLACE):
            continue
        scope = next((w for w in SCOPE if w in token), None)
        if scope is not None:
            if not region or region.endswith(scope[-1]):
                continue
            return True
        if region and (same_region(token, region) or _province_and(token, region)):
            continue
        return True
    return False


def rate_elsewhere(prefix: str, metric: str, region: str) -> bool:
    """True when ``prefix``, the words right before a rate per head ``metric`` (ZH-WHOSE-025) in a quantity, is a
    short name that is not the plan ``region``'s nor a word naming no one (ZH-WHOSE-026): 华为每万人…, 上海每万人…
    in another region's text. Scope and area words (全市, 县域, 辖区) are someone_else's to judge."""
    return bool(_PER_HEAD.match(metric) and _SHORT_NAME.fullmatch(prefix) and not _NO_OWNER.match(prefix)
                and not any(w in prefix for w in (*SCOPE, *_AREA_OF_LEVEL, *_NO_PLACE))
                and not (region and same_region(prefix, region)))


def _province_and(token: str, region: str) -> bool:
    """True when ``token`` is the plan ``region``'s name after a wider place's (四川省遂宁市, 浙江宁波市) or a function
    word (使广汉市: ZH-WHOSE-010), not another name one character longer that ends like it (某某市 for 某市)."""
    rest = token[:-len(region)]
    return len(token) > len(region) and same_region(token[-len(region):], region) \
        and (len(rest) >= 2 or _level(rest) is not None or _NOT_IN_NAME.fullmatch(rest) is not None)


def _misread(who: str) -> bool:
    """True when ``who`` is a piece of a clause read as a name: an organisation's with an object marker in it
    (ZH-WHOSE-016); a place's too long (a zone's full name may be long but holds no verb: ZH-WHOSE-030) or with a
    function word in it (ZH-WHOSE-010)."""
    if _ORGANISATION.search(who) is not None:
        return _OBJECT.match(who) is not None
    if _NOT_IN_NAME.search(who) is not None:
        return True
    return len(who) > _NAME_MAX and (_FULL_NAME.search(who) is None or any(v in who for v in _BEFORE_OWNER))


def _no_subject(part: str, m: re.Match[str]) -> bool:
    """True when the place ZH-WHOSE-005 found is no subject: ranked (全省首家), an object after a verb, a
    title's (市长), or misread (_misread). A place alone in its clause (中江工业集中区,通过…,全年专利申请367件)
    is a topic that carries over, still a subject."""
    who, after = m.group("who"), m.end("who")
    misread = _misread(who)
    return bool(_RANK.match(part, m.start("who")) or who.startswith(_VERBS) or misread
                or _TITLE_AFTER.match(part, after))


def subjects(part: str) -> list[Subject]:
    """Every clause subject in ``part``, in order: places (ZH-WHOSE-005) and bodies named by their level
    (ZH-WHOSE-006: 国家知识产权局, 省政府) unless their clause makes them a source (ZH-WHOSE-014)."""
    found = [Subject(m.start("who"), m.group("who")) for m in _SUBJECT.finditer(part) if not _no_subject(part, m)]
    found += [Subject(m.start("level"), m.group("level"), True) for m in _HIGHER.finditer(part)
              if not _SOURCE.match(part, m.start("level"))]
    return sorted(found, key=lambda s: s.start)


def _part_start(text: str, at: int) -> int:
    """Where the part of ``text`` that holds offset ``at`` opens: after the last ; or sentence end before it."""
    ends = [m.end() for m in PART_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def opening_subject(part: str) -> Subject | None:
    """The subject that opens ``part`` right after its list marker or time phrase (ZH-WHOSE-029), if one does."""
    lead = _TOPIC_LEAD.match(part)
    at = lead.end() if lead else 0
    found = subjects(part[at:])
    return Subject(at, found[0].name, found[0].body) if found and found[0].start == 0 else None


def topic_before(before: str) -> Subject | None:
    """The topic carried over from ``before``, the text of a line before a part: the subject that opens the
    last earlier part that opens with one (ZH-WHOSE-029); its offset is -1, outside the part's text."""
    for part in reversed(PART_END.split(before)):
        who = opening_subject(part)
        if who is not None:
            return Subject(-1, who.name, who.body)
    return None


def subject_before(text: str, at: int, lead: str = "") -> Subject | None:
    """The last subject opened before offset ``at`` in its part of ``text`` (its offset is in ``text``); with
    none there, the topic an earlier part of the sentence or of its line (``lead``: the line's text before the
    sentence) opened (ZH-WHOSE-029)."""
    start = _part_start(text, at)
    found = subjects(text[start:at])
    if found:
        return Subject(start + found[-1].start, found[-1].name, found[-1].body)
    return topic_before(lead + text[:start]) if lead or start else None


def _level(name: str) -> int | None:
    """The level of a place or body by the end of its name (ZH-WHOSE-008), None when it names none."""
    return next((level for suffix, level in _LEVEL if name.endswith(suffix)), None)


def _body_elsewhere(level_word: str, region: str) -> bool:
    """True when a body named by its level (省, 国家) is above the plan ``region`` (or either level is unknown)."""
    mine, theirs = _level(region), _level(level_word)
    return mine is None or theirs is None or theirs > mine


def figure_elsewhere(text: str, at: int, region: str, lead: str = "") -> bool:
    """True when the figure at offset ``at`` of sentence ``text`` falls under a subject other than
    ``region``: another place or body of any level (高新区, 某集团, 全省 in a city's text) or a higher body
    (国家知识产权局…), said in its part or opening an earlier part of its line (``lead``: ZH-WHOSE-029)."""
    who = subject_before(text, at, lead)
    if who is None:
        return False
    return _body_elsewhere(who.name, region) if who.body else someone_else(who.name, region)


def _not_its_work(who: Subject, region: str) -> bool:
    """True when a task's subject is someone else than ``region``: a body of a higher level, or another place
    not inside the region, i.e. of the region's level or above (ZH-WHOSE-008)."""
    if who.body:
        return _body_elsewhere(who.name, region)
    if not someone_else(who.name, region):
        return False
    mine, theirs = _level(region), _level(who.name)
    return mine is None or theirs is None or theirs >= mine


def _names_region(text: str, region: str) -> bool:
    """True when ``text`` names the plan's region: by name (with or without its suffix) or by 我市, 本市 …"""
    short = _SUFFIX.sub("", region) or region
    return bool(region) and (short in text or _POINTING.search(text) is not None)


def one_of_a_kind(title: str) -> bool:
    """True when a task's ``title`` asks for a thing the region has one of, or a title it wins (ZH-WHOSE-019,
    -020), and not for many of them (ZH-WHOSE-021): only the region itself does it."""
    return bool(_ONE_THING.search(title) or _ONE_TITLE.search(title)) and not _MANY.search(title)


def owner_before(text: str, at: int) -> Subject | None:
    """The owner named right before offset ``at`` (a thing's name) in its clause of ``text``: a scope word, a
    place or a level word alone (ZH-WHOSE-022: 省知识产权保护中心, 建成省…平台, 我市…), the longest that starts at
    the clause's start or after a verb (ZH-WHOSE-023) and is no clause piece; None when none stands there."""
    start = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, at)), default=0)
    for i in range(max(start, at - _NAME_MAX), at):
        name, before = text[i:at], text[start:i]
        if (i == start or before.endswith(_BEFORE_OWNER)) \
                and not name.startswith(_BEFORE_OWNER) and _OWNER.fullmatch(name) \
                and not _NOT_IN_NAME.search(name):
            return Subject(i, name, name in _LEVEL_ALONE)
    return None


def _the_regions(who: Subject, region: str) -> bool:
    """True when ``who`` is the plan ``region`` itself: its name or a scope word of its level (全市, 我市), or a body
    or a level word alone of its level (市 of 市知识产权保护中心 in a city's text, 省 in a province's)."""
    if who.body:
        mine = _level(region)
        return mine is not None and _level(who.name) == mine
    return not someone_else(who.name, region)


def work_elsewhere(text: str, at: int, region: str, own: str = "", lead: str = "") -> bool:
    """True when the work named at offset ``at`` of sentence ``text`` is someone else's than ``region``'s:
    the last subject before it is another place or body (中国（长春）… too, unless the task's own words ``own``
    name that place), or a first of a wider scope is reported in a sentence that never names the region. For a
    thing the region has one of (``own``, the task's title: one_of_a_kind), the owner named right before it
    decides, and without one a place inside the region as the subject is someone else too (ZH-WHOSE-019). Work
    learned from others (learned_elsewhere) is someone else's too. ``lead``: the line's text before the sentence,
    whose opening subject may carry over (ZH-WHOSE-029)."""
    if learned_elsewhere(text, at, own):
        return True
    if not region:
        return False
    named = _NAMED_FOR.search(text, _part_start(text, at), at)
    if named and not same_region(named.group("where"), region) and named.group("where") not in own:
        return True
    single = one_of_a_kind(own)
    owner = owner_before(text, at) if single and _ONE_THING.search(own) else None
    if owner is not None and not _the_regions(owner, region):
        return True
    who = subject_before(text, at, lead)
    if who is not None and (_not_its_work(who, region)
                            or (single and owner is None and not _the_regions(who, region))):
        return True
    return _RANK.search(text) is not None and not _names_region(text, region)


def learned_elsewhere(text: str, at: int, own: str = "") -> bool:
    """True when the task's words at offset ``at`` of sentence ``text`` are the object of a study (学习外地建成…的经验:
    ZH-WHOSE-027) or stand after a place visited to learn from, named again in their own clause (赴成都考察学习,成都建成…; a list of places is split at its marks:
    ZH-WHOSE-028), and the task's own title ``own`` is not itself to learn."""
    if _LEARNED.search(own):
        return False
    start = _part_start(text, at)
    if any(m.start() < at < m.end() for m in _LEARNED.finditer(text, start)):
        return True
    clause = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, at)), default=0)
    return any(m.end() <= clause and (_SUFFIX.sub("", name) or name) in text[clause:at]
               for m in _VISITED.finditer(text, start, at) for name in _CLAUSE_MARK.split(m.group("where")) if name)
