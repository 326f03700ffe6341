"""A text file copied out of a PDF, joined back into paragraphs: hard line breaks inside sentences,
page numbers and running headers between the lines.

Such a file has lines of about one width that end mid-sentence (…知识产权各项工作取得新成 / 效。). A line
continues into the next when it is full (about as wide as the widest lines) and does not end a paragraph
(ZH-DOC-003), and the next line is not blank; a line that is only a page number (ZH-DOC-002) is left out,
and so is a running header: a line that follows a page number and repeats. Each joined line remembers the
file line it starts on, so evidence is cited by the file's own line numbers. A file whose lines are not
mostly full and unfinished is left as it is, but for its lines cut inside a sentence: a line that ends where no
sentence can (on a comma, or on 力争, 确保 …: ZH-DOC-007) runs on into the next in any plain text, so a plan's cue
keeps its figures (下一步,我们将力争 / 专利质押融资额达到2.5亿元); the other lines are kept as they are.
"""
from __future__ import annotations

from collections import Counter

from ipcheck.inputs.formats.pdf import line_width
from ipcheck.lang.registry import load

_PAGE_NUMBER = load().regex("ZH-DOC-002")
_ENDS_PARAGRAPH = load().regex("ZH-DOC-003")
_CUT = load().regex("ZH-DOC-007")
_MIN_LINES = 6            # fewer non-blank lines than this: nothing to tell a wrap from a list by
_MAX_FULL = 60            # a full line wider than this (in ems) is a paragraph per line, not a wrap
_MIN_FULL = 12            # nor narrower than this (a table, one cell per line)
_FULL = 0.85              # a line at least this share of the full width is full
_RUN_ON_SHARE = 0.4       # share of non-blank lines that must be full and unfinished
_CELL = "|"               # a table's cell separator (ipcheck.reading.tables)
_NUMBER_CHARS = "0123456789."


def reflow(text: str) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """(the text with its wrapped lines joined, (offset in it, file line) where each file line kept begins),
    or None when the text is not hard-wrapped and no line of it is cut inside a sentence (ZH-DOC-007)."""
    lines = [ln.strip() for ln in text.split("\n")]
    wrapped = _wrapped(lines)
    if wrapped is None:
        return _join_cut(text.split("\n"))
    return _joined(*wrapped)


def _wrapped(lines: list[str]) -> tuple[list[tuple[int, str]], list[bool]] | None:
    """(the lines kept, with their file numbers; whether each runs on into the next) when ``lines`` (stripped)
    are hard-wrapped: mostly full and unfinished, page furniture left out; else None."""
    dropped = _furniture(lines)
    kept = [(no, ln) for no, ln in enumerate(lines, start=1) if no not in dropped]
    filled = [ln for _, ln in kept if ln]
    if len(filled) < _MIN_LINES or any(_CELL in ln for ln in filled):
        return None                     # a table written one row per line is no wrapped prose
    lengths = sorted(len(ln) for ln in filled)
    if lengths[int(0.9 * (len(lengths) - 1))] > 2 * _MAX_FULL:
        return None                     # paragraphs a line each: no line is that wide in ems and wrapped
    widths = sorted(line_width(ln) for ln in filled)
    full = widths[int(0.9 * (len(widths) - 1))]
    if not _MIN_FULL <= full <= _MAX_FULL:
        return None
    runs = [_runs_on(ln, nxt, full) for (_, ln), (_, nxt) in zip(kept, kept[1:] + [(0, "")])]
    if sum(runs) < _RUN_ON_SHARE * len(filled):
        return None
    return kept, runs


def _join_cut(lines: list[str]) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """``lines`` (as in the file) with each line cut inside a sentence (ZH-DOC-007) joined to the next, the others
    kept as they are; None when no line is cut."""
    runs = [_cut(ln.strip(), nxt.strip()) for ln, nxt in zip(lines, lines[1:] + [""])]
    if not any(runs):
        return None
    after = [False] + runs[:-1]
    kept = [(no, _trimmed(ln, run, joined)) for no, (ln, run, joined) in enumerate(zip(lines, runs, after), start=1)]
    return _joined(kept, runs)


def _trimmed(line: str, runs_on: bool, joined: bool) -> str:
    """``line`` without the blanks at its end when it runs on, at its start when it is joined to the line before."""
    line = line.rstrip() if runs_on else line
    return line.lstrip() if joined else line


def _joined(kept: list[tuple[int, str]], runs: list[bool]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The lines ``kept`` (file number, text), each that ``runs`` on joined to the next, and where each begins."""
    out: list[str] = []
    starts: list[tuple[int, int]] = []
    open_para, pos = False, 0
    for (no, ln), run in zip(kept, runs):
        if open_para and ln:
            out[-1] += ln
        else:
            if out:
                pos += 1                  # the newline before this text line
            out.append(ln)
        starts.append((pos, no))
        pos += len(ln)
        open_para = run
    return "\n".join(out), tuple(starts)


def _cut(line: str, following: str) -> bool:
    """True when ``line`` (stripped) is cut inside a sentence and runs on into ``following`` (ZH-DOC-007)."""
    return bool(line) and _CUT.search(line + "\n" + following) is not None


def _runs_on(line: str, following: str, full: float) -> bool:
    """True when ``line`` continues into ``following``: it is full and unfinished, or a number is cut
    between them (增长2 / 6.8%, 2. / 95件)."""
    if not line or not following or _ENDS_PARAGRAPH.search(line):
        return False
    return line_width(line) >= _FULL * full or (line[-1] in _NUMBER_CHARS and following[0] in _NUMBER_CHARS + "%") \
        or _cut(line, following)


def _furniture(lines: list[str]) -> set[int]:
    """The 1-based numbers of page-number lines and of running headers (a line right after a page
    number that appears more than once in the file)."""
    pages = {no for no, ln in enumerate(lines, start=1) if ln and _PAGE_NUMBER.match(ln)}
    counts = Counter(ln for ln in lines if ln)
    after = {no + 1 for no in pages if no < len(lines) and counts[lines[no]] > 1}
    return pages | after
