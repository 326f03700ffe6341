"""Taking a warning's detail apart for translation: the English details the reading code writes
(figures.py, quantities.py, check.py, regions.py) and the parts a catalogue ``warning.*`` entry
says them with in another language."""
from __future__ import annotations

import re

# Warning details (English, from figures.py, quantities.py, check.py, regions.py) -> the parts a
# translation needs; the first pattern that matches the whole detail wins, its key is the entry.
WARNING_PARTS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "garbled_unit": (("warning.garbled_unit", re.compile(r"'(?P<text>.*)' read as (?P<value>.+)")),),
    "unit_compound": (("warning.unit_compound", re.compile(r"'(?P<text>.*)' read as (?P<unit>.+)")),),
    "rate_unit": (("warning.rate_unit", re.compile(r"(?P<unit>.+) is a rate, not an amount")),),
    "conflicting_qualifiers": (("warning.conflicting_qualifiers", re.compile(r"(?P<words>.+)")),),
    "multi_year": (("warning.multi_year.since", re.compile(r"since (?P<year>.+)")),
                   ("warning.multi_year", re.compile(r"'(?P<text>.*)'"))),
    "partial_period": (("warning.partial_period", re.compile(r"'(?P<text>.*)'")),),
    "respective_unresolved": (("warning.respective_unresolved", re.compile(r"分别 with (?P<count>\d+) figures")),),
    "no_quantity": (("warning.no_quantity", re.compile(r".*")),),
    "cumulative": (("warning.cumulative", re.compile(r".*")),),
    "blank_in_text": (("warning.blank_in_text", re.compile(r".*")),),
    "recurring": (("warning.recurring", re.compile(r"a rate per period \((?P<word>[^)]*)\).*")),),
    "estimate": (("warning.estimate", re.compile(r".*")),),
    "baseline": (("warning.baseline", re.compile(r"'(?P<text>.*)' is where a change started \((?P<verb>.+) a later value\)")),),
    "split_number": (("warning.split_number", re.compile(
        r"'(?P<text>.*)' has (?P<gap>\S+) between its digits; read as '(?P<read>.*)', check the source")),),
    "bidi_control": (("warning.bidi_control", re.compile(
        r"(?P<gap>U\+[0-9A-F]+) next to '(?P<text>.*)' may make it display reversed; "
        r"read as '(?P<read>.*)' in file order, check the source")),),
    "region_mismatch": (("warning.region_mismatch", re.compile(
        r"the summary is about (?P<found>.+), the plan is for (?P<region>.+); every 'met' needs review")),),
    "thresholds": (("warning.thresholds", re.compile(r"(?P<changed>.+)")),),
    "review_stale": (("warning.review_stale", re.compile(
        r"the (?P<what>plan item|summary|evidence) changed since (?P<by>.+) decided (?P<status>[a-z]+) on (?P<date>\S+); "
        r"the tool's verdict stands, review it again")),),
    "review_orphan": (("warning.review_orphan", re.compile(
        r"(?P<by>.+) decided (?P<status>[a-z]+) on (?P<item>.+) for (?P<summary>.+), "
        r"but the plan has no item .+ any more")),),
    "year_guess": (("warning.year_guess.line", re.compile(
        r"no title states the year reported on; read as (?P<year>\d+) from line (?P<line>\d+) \('(?P<text>.*)'\); "
        r"a met or missed whose sentence does not state \d+ needs review")),
                   ("warning.year_guess", re.compile(
        r"no title states the year reported on; read as (?P<year>\d+) from its date \((?P<text>.*)\); "
        r"a met or missed whose sentence does not state \d+ needs review"))),
    "year_unknown": (("warning.year_unknown", re.compile(r"no year found in the summary .*")),),
    "year_mismatch": (("warning.year_mismatch", re.compile(
        r"the summary's title says (?P<titled>\d+), it was checked as (?P<year>\d+); figures it reports may be for \d+")),),
    "compilation": (("warning.compilation.none", re.compile(
        r"the document holds summaries of (?P<listed>.+), none for (?P<region>.+); every 'met' needs review")),
                    ("warning.compilation", re.compile(
        r"the document holds summaries of (?P<listed>.+); checked the part about (?P<region>.+) "
        r"\(lines (?P<lines>.+): (?P<kept>\d+) of (?P<total>\d+) sentences\)"))),
}
