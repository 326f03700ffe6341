"""Whose summary is this? Find the region each summary in a document is about.

Provincial compilations bundle many cities' summaries in one file, and a plan checked
against the wrong city's figures would be "met" by someone else's work. The title lines of
each summary (2015年绵阳市建设国家知识产权试点城市 / 工作总结) name its region.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

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
    against a province's plan too); put the parts of the text about another region (ZH-SECT-027) in their own
    section, with a warning that says which lines and how many sentences."""
    where = _narrowed(sentences, region)
    if where.foreign:                     # the whole text is someone else's: its parts are too
        return where
    marked, note = _parts_elsewhere(where.sentences, region or next((p.region for p in split(sentences)), ""))
    return replace(where, sentences=marked, warnings=where.warnings + ((note,) if note else ()))


# The single-character suffixes of a region's name (县区 and 市县 are no name: ZH-REGION-001); characters no place's
# name holds (ZH-WHOSE-010).
_SUFFIX_CHARS = "".join(w for w in _R.words("ZH-REGION-001") if len(w) == 1)
_NOT_IN_NAME = frozenset(_R.chars("ZH-WHOSE-010"))


def own_part(part: str, region: str) -> bool | None:
    """Whether a region's part of a text (ZH-SECT-027: 全省, 某区) is the plan ``region``'s own, read as whose a figure
    is (ipcheck.reading.subjects: 全市 in a 市's text is its own, 全省, 全国 and 东城区 are not); None when ``part`` points
    at several places or names none (各县, 县区: ZH-REGION-004, a bare suffix)."""
    if part not in _SCOPE and (_POINTING.fullmatch(part) or not part.rstrip(_SUFFIX_CHARS) or _NOT_IN_NAME & set(part)):
        return None
    from ipcheck.reading.subjects import someone_else      # subjects reads names with this module's same_region
    return not someone_else(part, region)


def _parts_elsewhere(sentences: tuple[Sentence, ...], region: str) -> tuple[tuple[Sentence, ...], Message | None]:
    """``sentences`` with those of a part about another region than ``region`` in section ELSEWHERE (their figures and
    work are that region's, leads for review), and a warning naming the regions, the lines and how many sentences;
    unchanged and None when no part is someone else's or the region is unknown."""
    other = list(dict.fromkeys(s.part for s in sentences if s.part and region and own_part(s.part, region) is False))
    if not other:
        return sentences, None
    marked = tuple(replace(s, section=Section.ELSEWHERE, section_rule="ZH-SECT-027") if s.part in other else s
                   for s in sentences)
    runs: list[list[int]] = []
    for k, s in enumerate(marked):
        if s.section is Section.ELSEWHERE:
            if runs and runs[-1][2] == k - 1:
                runs[-1][1:] = [s.line, k]
            else:
                runs.append([s.line, s.line, k])
    lines = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b, _ in runs)
    moved = sum(s.section is Section.ELSEWHERE for s in marked)
    return marked, msg("warning.region_part", found=_LIST_SEPARATOR.join(other), region=region, lines=lines,
                       moved=moved, total=len(sentences))


def _narrowed(sentences: tuple[Sentence, ...], region: str) -> Scope:
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
