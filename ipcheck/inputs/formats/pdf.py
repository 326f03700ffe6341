"""Read the text layer of a PDF with pypdf: paragraphs joined again, headers, footers and page
numbers left out, and every text line located as (page, line on page).

A PDF has visual lines, not paragraphs: a line continues into the next when it is full
(about as wide as the widest lines) and does not end a sentence, and the next line is not
indented; a paragraph can continue on the next page. Lines that repeat at the top or bottom
of most pages (running headers and footers, digits ignored) and page numbers ("- 3 -",
"第 3 页", "3 / 10") are left out. ``Document.locations`` gives for each text line the page
and the line on that page (counting the page's text lines, header and footer left out)
where it starts.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter

from ipcheck.errors import DocumentError, msg
from ipcheck.lang.registry import load
from ipcheck.model import Document

# A line that is only a page number (ZH-DOC-002); a line that ends its paragraph (ZH-DOC-003).
_PAGE_NUMBER = load().regex("ZH-DOC-002")
_ENDS_PARAGRAPH = load().regex("ZH-DOC-003")
_EDGE = 3                  # lines at the top and bottom of a page that may be header/footer
_REPEAT_SHARE = 0.5        # share of pages a header/footer line must appear on
_FULL = 0.88               # a line at least this share of the usual full width is full
_BAD_SHARE = 0.3           # share of unreadable characters that means "no usable text layer"


def line_width(s: str) -> float:
    """Visual width of a line in ems: ASCII counts half."""
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in s)


def read_pdf(name: str, data: bytes) -> Document:
    """The text of a text-based PDF as a Document with page/line locations; DocumentError for
    an encrypted, damaged or scanned (no text layer) PDF."""
    pages = _page_lines(name, data)
    if not any(pages):
        raise DocumentError(msg("error.pdf_no_text"), path=name, hint=msg("error.run_ocr"))
    sample = "".join("".join(p) for p in pages)
    bad = sum(1 for ch in sample if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff"
              or (ord(ch) < 0x20 and ch != "\t"))
    if bad > _BAD_SHARE * len(sample):
        raise DocumentError(msg("error.pdf_fonts"), path=name, hint=msg("error.run_ocr"))
    lines, locations = _paragraphs(_drop_page_furniture(pages))
    return Document(path=name, text="\n".join(lines), encoding="pdf",
                    locations=tuple(locations))


def _page_lines(name: str, data: bytes) -> list[list[str]]:
    """The raw text lines of every page (leading blanks kept: they mark indentation)."""
    try:
        import pypdf
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise DocumentError(msg("error.pdf_needs_pypdf"), path=name, hint=msg("error.install_pypdf")) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # lenient parsing warns on stderr
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")            # owner-password only: opens with ""
            except DependencyError:
                raise DocumentError(msg("error.pdf_aes"), path=name,
                                    hint=msg("error.install_cryptography")) from None
            if not opened:
                raise DocumentError(msg("error.pdf_encrypted"), path=name, hint=msg("error.save_unencrypted"))
        out = []
        for page in reader.pages:
            text = page.extract_text() or ""
            text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
            out.append([ln.rstrip() for ln in text.split("\n") if ln.strip()])
        return out
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(msg("error.pdf_encrypted"), path=name, hint=msg("error.save_unencrypted")) from None
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input
        if b"/Encrypt" in data:                        # too broken to open, but says encrypted
            raise DocumentError(msg("error.pdf_encrypted"), path=name,
                                hint=msg("error.save_unencrypted")) from None
        detail = str(exc) if isinstance(exc, PdfReadError) else f"{type(exc).__name__}: {exc}"
        raise DocumentError(msg("error.pdf_damaged", detail=detail), path=name) from None


def _key(line: str) -> str:
    """A line with its digits and blanks masked, so "- 3 -" and "- 4 -" repeat."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _drop_page_furniture(pages: list[list[str]]) -> list[list[tuple[int, str]]]:
    """Per page, (line on page, text) of the body lines: page numbers anywhere on their own
    line, and header/footer lines repeated at the edges of most pages, left out. Line numbers
    count the kept lines only."""
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({_key(ln) for ln in lines[:_EDGE] + lines[-_EDGE:]})
    need = max(2, _REPEAT_SHARE * len(pages))
    repeated = {k for k, n in edges.items() if n >= need} if len(pages) >= 2 else set()
    out = []
    for lines in pages:
        n = len(lines)
        kept = [ln for i, ln in enumerate(lines)
                if not _PAGE_NUMBER.match(ln.strip())
                and not ((i < _EDGE or i >= n - _EDGE) and _key(ln) in repeated)]
        out.append(list(enumerate(kept, start=1)))
    return out


def _paragraphs(pages: list[list[tuple[int, str]]]) -> tuple[list[str], list[tuple[int, int]]]:
    """Join wrapped lines into paragraphs; (text lines, (page, line on page) of each)."""
    widths = sorted(line_width(t.strip()) for page in pages for _, t in page)
    full = widths[int(0.9 * (len(widths) - 1))] * _FULL if widths else 0.0
    lines: list[str] = []
    locations: list[tuple[int, int]] = []
    open_para = False
    for page_no, page in enumerate(pages, start=1):
        for line_no, raw in page:
            text = raw.strip()
            indented = raw[:1].isspace()
            if open_para and not indented:
                lines[-1] += text
            else:
                lines.append(text)
                locations.append((page_no, line_no))
            open_para = line_width(text) >= full and not _ENDS_PARAGRAPH.search(text)
    return lines, locations
