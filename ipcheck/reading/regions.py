"""Whose summary is this? Find the region each summary in a document is about.

Provincial compilations bundle many cities' summaries in one file, and a plan checked
against the wrong city's figures would be "met" by someone else's work. The title lines of
each summary (2015年绵阳市建设国家知识产权试点城市 / 工作总结) name its region.
"""
from __future__ import annotations

from dataclasses import dataclass

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.model import Section, Sentence

_R = load()
# A title line that opens with a region (ZH-REGION-002); words that end like a place name but are a
# status (ZH-REGION-003); the administrative suffixes of a region's name (ZH-REGION-001).
_TITLE_REGION = _R.regex("ZH-REGION-002")
_NOT_A_PLACE = _R.words("ZH-REGION-003")
_SUFFIX = _R.regex("ZH-REGION-001")
# Words that point at a place without naming it: 本市, 我市, 全县, 各区 (ZH-REGION-004).
_POINTING = _R.regex("ZH-REGION-004")
# How the regions of a compilation are listed in a warning.
_LIST_SEPARATOR = _R.chars("ZH-BIND-022")


@dataclass(frozen=True)
class Part:
    """One summary inside a document: its region and its sentences."""

    region: str
    first_line: int
    sentences: tuple[Sentence, ...]


def same_region(a: str, b: str) -> bool:
    """True when two region names denote the same place (绵竹市 = 绵竹, 泸州 = 泸州市)."""
    return bool(_names(a) & _names(b))


def mentions(text: str, region: str) -> bool:
    """True when ``text`` names ``region`` (绵竹市 or 绵竹)."""
    return any(n in text for n in _names(region))


def _names(region: str) -> set[str]:
    """A region's name with and without its administrative suffix (never cut below 2 characters)."""
    region = region.strip()
    if not region:
        return set()
    short = _SUFFIX.sub("", region)
    return {region, short} if len(short) >= 2 else {region}


# A paragraph (赣州市:…) or a heading ((二)吉林市) that opens one region's part of a text (ZH-REGION-005).
_PART_OPENS = _R.regex("ZH-REGION-005")


def paragraph_parts(sentences: tuple[Sentence, ...]) -> list[Part]:
    """A text's parts city by city: each from a sentence that opens a line with a region's name and a colon,
    or is a heading naming only a region, to the next such sentence or the next other heading."""
    starts = [(pos, m.group(1)) for pos, s in enumerate(sentences) if s.section is not Section.FRONT
              and (m := _PART_OPENS.match(s.norm)) and not m.group(1).endswith(_NOT_A_PLACE)
              and not _POINTING.fullmatch(m.group(1))
              and (pos == 0 or sentences[pos - 1].line != s.line)]
    parts = []
    for k, (pos, region) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(sentences)
        head = sentences[pos].heading
        stop = next((j for j in range(pos + 1, end) if sentences[j].heading != head
                     and sentences[j].heading not in (sentences[pos].norm, "")), end)
        parts.append(Part(region, sentences[pos].line, sentences[pos:stop]))
    return parts if len({p.region for p in parts}) >= 2 else []


def split(sentences: tuple[Sentence, ...]) -> list[Part]:
    """The document's summaries, one per front-matter title that names a region."""
    starts: list[tuple[int, str]] = []
    for pos, s in enumerate(sentences):
        if s.section is not Section.FRONT:
            continue
        m = _TITLE_REGION.match(s.norm)
        if m and (m.group(1).endswith(_NOT_A_PLACE) or _POINTING.fullmatch(m.group(1))):
            continue
        if m and not (starts and starts[-1][1] == m.group(1) and _front_run(sentences, starts[-1][0], pos)):
            starts.append((pos, m.group(1)))
    parts = []
    for k, (pos, region) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(sentences)
        parts.append(Part(region, sentences[pos].line, sentences[pos:end]))
    return parts


def _front_run(sentences: tuple[Sentence, ...], a: int, b: int) -> bool:
    """True when every sentence from a to b is front matter (one title block, not two summaries)."""
    return all(s.section is Section.FRONT for s in sentences[a:b + 1])


@dataclass(frozen=True)
class Scope:
    """The sentences to check a plan against, and what the reader should know about the choice.
    ``foreign`` names the region(s) the summary is about when none is the plan's."""

    sentences: tuple[Sentence, ...]
    warnings: tuple[Message, ...]
    foreign: str = ""
    region: str = ""          # the plan's region the scope was chosen for


# A whole-scope word that opens a clause (全市, 我省 …): whose text it is (ZH-REGION-006); a province (ZH-REGION-007).
_SCOPE_OPENS, _PROVINCE = _R.regex("ZH-REGION-006"), _R.regex("ZH-REGION-007")
_SCOPE = frozenset(_R.words("ZH-WHOSE-002"))


def city_text_for_province(sentences: tuple[Sentence, ...], region: str) -> str:
    """The city scope word (全市) when ``region`` is a province (ZH-REGION-007) and the text's clauses open with
    a city's scope words and never with the province's (全省, 我省, 全区): a city's text, not the province's
    (ZH-REGION-006); '' otherwise."""
    if not _PROVINCE.search(region):
        return ""
    city: dict[str, int] = {}
    for s in sentences:
        if s.section is Section.FRONT:
            continue
        for m in _SCOPE_OPENS.finditer(s.norm):
            if m.group("province"):
                return ""
            city[m.group("city")] = city.get(m.group("city"), 0) + 1
    return max(sorted(city), key=lambda c: (city[c] if c not in _SCOPE else 0, -len(c))) if city else ""


def scope(sentences: tuple[Sentence, ...], region: str) -> Scope:
    """Restrict a compilation to the plan's region; flag a summary about another region (a city's text
    against a province's plan too)."""
    parts = split(sentences)
    by_paragraph = paragraph_parts(sentences)
    if len(parts) <= 1 and any(same_region(p.region, region) for p in by_paragraph):
        parts = by_paragraph                # a province's text city by city: the plan city's part
    regions = list(dict.fromkeys(p.region for p in parts))
    if len(regions) <= 1:
        if regions and not same_region(regions[0], region):
            return Scope(sentences, (msg("warning.region_mismatch", found=regions[0], region=region),), regions[0],
                         region)
        city = "" if regions else city_text_for_province(sentences, region)
        if city:
            return Scope(sentences, (msg("warning.region_mismatch", found=city, region=region),), city, region)
        return Scope(sentences, ())
    mine = [p for p in parts if same_region(p.region, region)]
    listed = _LIST_SEPARATOR.join(regions)
    if not mine:
        return Scope(sentences, (msg("warning.compilation.none", listed=listed, region=region),), listed, region)
    chosen = tuple(s for p in mine for s in p.sentences)
    lines = ", ".join(f"{p.first_line}-{p.sentences[-1].line}" for p in mine)
    return Scope(chosen, (msg("warning.compilation", listed=listed, region=region, lines=lines, kept=len(chosen),
                              total=len(sentences)),))
