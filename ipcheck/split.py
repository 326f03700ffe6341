"""Cut a compilation (several cities' summaries in one file) into one text per summary.

Pure: it never prints or writes; the CLI writes what ``split_document`` returns. Each piece
is the verbatim text of a range of whole lines, from a summary's first title line to the
line before the next summary's title (the last one to the end of the document), so line
*n* of a piece is line *n + first_line - 1* of the compilation. Lines before the first
summary (a cover page, web chrome) are left out.

File names are ``<year>-<region>.txt`` with the region in Chinese as the title names it
(``2015-绵竹市.txt``): romanising place names needs a pinyin dictionary (a new dependency)
and still gets polyphones wrong (重庆 chóng, 六安 lù, 蚌埠 bèng), while the Chinese name is
exact and is what ``ipcheck check`` pairs on anyway.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ipcheck.errors import IpcheckError, msg
from ipcheck.model import Document
from ipcheck.reading.regions import split
from ipcheck.reading.text import segment, summary_year

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class Piece:
    """One summary cut out of a compilation."""

    region: str
    year: int | None
    first_line: int
    last_line: int
    text: str
    name: str


def split_document(doc: Document) -> tuple[list[Piece], int]:
    """The summaries in ``doc`` and the number of leading lines left out (the cover page).

    Raises IpcheckError when the document holds fewer than two summaries: there is nothing
    to split.
    """
    parts = split(segment(doc))
    if len(parts) < 2:
        found = msg("error.split_found_one", region=parts[0].region) if parts else msg("error.split_found_none")
        raise IpcheckError(msg("error.split_too_few", found=found), path=doc.path)
    lines = doc.file_text.split("\n")
    starts = [p.first_line for p in parts] + [len(lines) + 1]
    pieces: list[Piece] = []
    used: set[str] = set()
    for k, part in enumerate(parts):
        a, b = starts[k], starts[k + 1] - 1
        text = "\n".join(lines[a - 1:b])
        if b < len(lines):
            text += "\n"
        year = summary_year(Document(path=doc.path, text=text, encoding=doc.encoding))
        pieces.append(Piece(part.region, year, a, b, text, _unique(_name(part.region, year), used)))
    return pieces, starts[0] - 1


def _name(region: str, year: int | None) -> str:
    region = _UNSAFE.sub("_", region).strip(". ") or "summary"
    return f"{year}-{region}" if year is not None else region


def _unique(stem: str, used: set[str]) -> str:
    name, n = f"{stem}.txt", 2
    while name in used:
        name, n = f"{stem}-{n}.txt", n + 1
    used.add(name)
    return name
