"""Read a Word .docx with the standard library: one text line per paragraph (or table row).

A .docx is a zip archive whose word/document.xml holds the body. Paragraphs are read in
order, runs joined as written (tabs kept, manual line breaks as a space), table rows as one
line with cells separated by a tab, automatic numbering ("一、", "(一)", "1.") put back in
front of its paragraph from word/numbering.xml. Page headers, footers, footnotes, comments,
deleted text (tracked changes), field codes and text boxes are left out.
"""
from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from ipcheck.errors import DocumentError, msg
from ipcheck.lang.registry import load
from ipcheck.model import Document

_MAX_PART = 256 * 1024 * 1024        # bytes one unpacked part may have (zip bombs)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_R = load()
# Numbering Word computes and does not store: Chinese digits (the first of each value, ZH-NUM-001),
# 十 (ZH-NUM-002), heavenly stems (ZH-DOC-004) and circled numbers (ZH-DOC-005).
_CN = "".join(next(c for c, v in _R.table("ZH-NUM-001").items() if v == d) for d in range(10))
_TEN = next(c for c, v in _R.table("ZH-NUM-002").items() if v == 10)
_TIANGAN = _R.chars("ZH-DOC-004")
_CIRCLED = _R.chars("ZH-DOC-005")


def _local(tag: str) -> str:
    """The local name of a {namespace}tag (transitional and strict OOXML alike)."""
    return tag.rsplit("}", 1)[-1]


def _attr(el: ET.Element | None, name: str) -> str | None:
    """Attribute w:``name`` of ``el`` whatever its namespace."""
    if el is None:
        return None
    for key, value in el.attrib.items():
        if _local(key) == name:
            return value
    return None


def _child(el: ET.Element | None, name: str) -> ET.Element | None:
    if el is None:
        return None
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def read_docx(name: str, data: bytes) -> Document:
    """The paragraphs of the .docx ``data`` as text, one line each; DocumentError when the
    file is not a readable Word document."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DocumentError(msg("error.docx_not_zip"), path=name) from None
    with zf:
        body = _part(zf, "word/document.xml", name)
        if body is None:
            raise DocumentError(msg("error.docx_no_body"), path=name, hint=msg("error.save_docx_or_txt"))
        numbering = _part(zf, "word/numbering.xml", name)
    root = _xml(body, name, "word/document.xml")
    numbers = _Numbering(_xml(numbering, name, "word/numbering.xml") if numbering else None)
    body_el = next((el for el in root if _local(el.tag) == "body"), None)
    lines: list[str] = []
    if body_el is not None:
        try:
            _block(body_el, numbers, lines)
        except RecursionError:
            raise DocumentError(msg("error.docx_deep"), path=name) from None
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError(msg("error.docx_no_text"), path=name)
    return Document(path=name, text=text, encoding="docx")


def _part(zf: zipfile.ZipFile, member: str, name: str) -> bytes | None:
    """The unpacked bytes of ``member``, None when absent; DocumentError when encrypted,
    damaged or too large unpacked."""
    try:
        info = zf.getinfo(member)
    except KeyError:
        return None
    if info.flag_bits & 0x1:
        raise DocumentError(msg("error.docx_encrypted"), path=name, hint=msg("error.remove_password_word"))
    if info.file_size > _MAX_PART:
        raise DocumentError(msg("error.docx_too_large", member=member), path=name)
    try:
        with zf.open(info) as fh:
            out = fh.read(_MAX_PART + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise DocumentError(msg("error.docx_damaged", member=member, detail=str(exc)), path=name) from None
    if len(out) > _MAX_PART:
        raise DocumentError(msg("error.docx_too_large", member=member), path=name)
    return out


def _xml(data: bytes, name: str, member: str) -> ET.Element:
    """Parsed XML of a part; a DTD (never in a real .docx, the door to entity bombs) is refused."""
    if _DTD.search(data[:4096]) or _DTD.search(data):
        raise DocumentError(msg("error.docx_dtd", member=member), path=name)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise DocumentError(msg("error.docx_bad_xml", member=member, detail=str(exc)), path=name) from None


def _block(el: ET.Element, numbers: _Numbering, lines: list[str]) -> None:
    """Append the lines of the block-level children of ``el`` (body, cell, content control)."""
    for c in el:
        tag = _local(c.tag)
        if tag == "p":
            lines.append(numbers.label(c) + _paragraph_text(c))
        elif tag == "tbl":
            for row in c:                              # rows are children (nested tables
                if _local(row.tag) != "tr":           # are read through their cell)
                    continue
                cells = []
                for cell in row:
                    if _local(cell.tag) == "tc":
                        inner: list[str] = []
                        _block(cell, numbers, inner)
                        cells.append(" ".join(x.strip() for x in inner if x.strip()))
                lines.append("\t".join(cells))
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
            _block(c, numbers, lines)


_SKIP = {"del", "moveFrom", "instrText", "delText", "txbxContent", "Fallback", "footnoteReference",
         "endnoteReference", "commentReference", "pPr", "rPr"}


def _paragraph_text(p: ET.Element) -> str:
    """The text of a paragraph as displayed: runs in order, tabs kept, breaks as spaces."""
    out: list[str] = []

    def walk(el: ET.Element) -> None:
        for c in el:
            tag = _local(c.tag)
            if tag in _SKIP:
                continue
            if tag == "t":
                out.append(c.text or "")
            elif tag == "tab" :
                out.append("\t")
            elif tag in ("br", "cr"):
                out.append(" ")
            elif tag == "noBreakHyphen":
                out.append("-")
            else:
                walk(c)

    walk(p)
    return "".join(out).replace("\n", " ")


class _Numbering:
    """Automatic paragraph numbers from word/numbering.xml, counted in document order."""

    def __init__(self, root: ET.Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}   # abstract -> ilvl -> (start, fmt, text)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}          # numId -> (abstract, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for el in root:
            tag = _local(el.tag)
            if tag == "abstractNum":
                levels = {}
                for lvl in el:
                    if _local(lvl.tag) != "lvl":
                        continue
                    start = _int(_attr(_child(lvl, "start"), "val"), 1)
                    fmt = _attr(_child(lvl, "numFmt"), "val") or "decimal"
                    text = _attr(_child(lvl, "lvlText"), "val") or ""
                    levels[_int(_attr(lvl, "ilvl"), 0)] = (start, fmt, text)
                self.levels[_attr(el, "abstractNumId") or ""] = levels
            elif tag == "num":
                overrides = {}
                for o in el:
                    if _local(o.tag) == "lvlOverride":
                        so = _child(o, "startOverride")
                        if so is not None:
                            overrides[_int(_attr(o, "ilvl"), 0)] = _int(_attr(so, "val"), 1)
                self.nums[_attr(el, "numId") or ""] = (_attr(_child(el, "abstractNumId"), "val") or "",
                                                       overrides)

    def label(self, p: ET.Element) -> str:
        """The number Word shows before paragraph ``p`` ("一、", "(二)", "3."), or ""."""
        num_pr = _child(_child(p, "pPr"), "numPr")
        if num_pr is None:
            return ""
        num_id = _attr(_child(num_pr, "numId"), "val")
        ilvl = _int(_attr(_child(num_pr, "ilvl"), "val"), 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl][0])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text = levels[ilvl][1], levels[ilvl][2]
        if fmt in ("bullet", "none"):
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, (1, "decimal", ""))
            return _format(counters.get(k, overrides.get(k, lv[0])), lv[1])

        return re.sub(r"%([1-9])", value, text)


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _format(n: int, fmt: str) -> str:
    """Counter ``n`` in Word number format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _chinese(n: int) -> str:
    """1..99 in Chinese numerals (十, 十一, 二十三); larger numbers as digits."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _CN[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + _TEN + (_CN[units] if units else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out
