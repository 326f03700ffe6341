"""Read an HTML page with the standard library: one text line per block element, chrome left out.

The bytes are decoded by the charset the page declares (<meta charset>, http-equiv), else by
the plain-text rules (BOM, UTF-8, GB18030, charset-normalizer). Text inside script, style,
nav, header/footer, aside, forms and elements whose class or id names navigation, sharing,
breadcrumbs, copyright and the like is left out; so are short lines of web-page chrome
(当前位置, 扫一扫, 打印本页, 关闭窗口, 分享到, 版权所有, ICP备, 上一篇 …). Whitespace runs become
one space, and a line break in the source between two Chinese characters disappears (as a
browser shows it).
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable
from html import unescape

from ipcheck.errors import DocumentError, msg
from ipcheck.lang.registry import load
from ipcheck.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCK = {"address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
          "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main",
          "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form",
         "select", "button", "iframe", "object", "svg", "canvas", "textarea", "menu", "map"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
# class/id words of page chrome (matched as whole words of the attribute, case-insensitive)
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|weizhi|dqwz|"
    r"share|bdshare\w*|bshare\w*|jiathis\w*|copyright|footer|foot|sidebar|side|toolbar|print|"
    r"qrcode|erweima|ewm|related|xgwz|pagination|pager|top|topbar|search|login|skip)(?:$|[\s_-])",
    re.IGNORECASE)
# short lines that are web-page chrome, not the document
_CHROME_LINE = load().regex("ZH-DOC-001")
_CHROME_MAX = 80          # longer lines are body text even if they mention 来源:
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t\r\f]*\n\s*(?={_CJK})")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def declared_charset(data: bytes) -> str | None:
    """The codec a page declares in its first 4 KB (<meta charset="gbk">, http-equiv), as a
    Python codec name; GB2312/GBK become GB18030 (their superset), as browsers read them."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "euc_cn", "gb18030"):
        return "gb18030"
    if name.startswith("utf_16") or name.startswith("utf-16"):
        return None             # a page that says UTF-16 in ASCII bytes is not UTF-16
    return name


def read_html(name: str, data: bytes, decode: Callable[[bytes, str], tuple[str, str]]) -> Document:
    """The text of the page ``data`` as a Document, one line per block element."""
    text, encoding = None, None
    codec = declared_charset(data)
    if codec and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode(codec), codec
        except UnicodeDecodeError:
            text = None         # a wrong declaration: fall back to the plain-text rules
    if text is None:
        text, encoding = decode(data, name)
    lines = html_lines(text)
    if not any(ln.strip() for ln in lines):
        raise DocumentError(msg("error.html_no_text"), path=name)
    return Document(path=name, text="\n".join(lines), encoding=f"html ({encoding})")


def html_lines(markup: str) -> list[str]:
    """The text lines of ``markup``: one per block element, chrome left out, blank lines
    between blocks collapsed to one."""
    parser = _Parser()
    parser.feed(markup)
    parser.flush()
    out: list[str] = []
    for raw in parser.lines:
        line = raw.strip()
        if line and len(line) <= _CHROME_MAX and _CHROME_LINE.search(line):
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


_MAX_DEPTH = 2000          # open elements kept track of; deeper ones add text, not structure
_ROW_CELL_MAX = 40        # a table row whose cells are all this short is one line (tab-separated)


_TAG_MAX = 4096           # a "<" with no ">" this close is text, not a tag
_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "noscript", "template")


class _Parser:
    """Collects text lines: a block element starts and ends a line; <br> ends one; a table
    cell is a block, and a row of short cells (a data table, not a layout table) is joined
    into one tab-separated line.

    Its own tokenizer, not html.parser: that one takes quadratic time on unclosed constructs
    ("<a " or "<!--" repeated: minutes for 100 KB). Here every step either searches a bounded
    window or consumes the rest of the input, so reading is linear in the page's size.
    """

    def feed(self, markup: str) -> None:
        """Tokenize ``markup`` and call the handlers; linear in len(markup)."""
        i, n = 0, len(markup)
        gt = -2                                         # cached position of the next ">"

        def next_gt(start: int) -> int:
            """The first ">" at or after ``start`` within _TAG_MAX, else -1 (amortised
            linear: the cached position only moves forward)."""
            nonlocal gt
            if gt != -1 and gt < start:
                gt = markup.find(">", start)
            return gt if gt != -1 and gt - start < _TAG_MAX else -1

        while i < n:
            lt = markup.find("<", i)
            if lt < 0:
                self.handle_data(unescape(markup[i:]))
                return
            if lt > i:
                self.handle_data(unescape(markup[i:lt]))
            if markup.startswith("<!--", lt):
                end = markup.find("-->", lt + 4)
                if end < 0:
                    return                              # an unclosed comment runs to the end
                i = end + 3
                continue
            if markup.startswith(("<!", "<?"), lt):    # doctype, CDATA, processing instruction
                end = next_gt(lt + 2)
                if end < 0:
                    self.handle_data("<")
                    i = lt + 1
                    continue
                i = end + 1
                continue
            m = _TAG_OPEN.match(markup, lt, min(n, lt + 256))
            end = next_gt(lt + 1) if m else -1
            if m is None or end < 0:
                self.handle_data("<")
                i = lt + 1
                continue
            closing, tag = m.group(1) == "/", m.group(2).lower()
            i = end + 1
            if closing:
                self.handle_endtag(tag)
                continue
            inner = markup[m.end():end]
            attrs = [(k.lower(), unescape(v.strip("\"'")) if v else None)
                     for k, v in _ATTR.findall(inner.rstrip("/"))]
            self.handle_starttag(tag, attrs)
            if inner.endswith("/") and tag not in _VOID:
                self.handle_endtag(tag)
            elif tag in _RAW_TEXT:                      # raw text until its end tag
                close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(markup, i)
                stop = close.start() if close else n
                if tag in ("title", "textarea"):
                    self.handle_data(unescape(markup[i:stop]))
                i = close.end() if close else n
                self.handle_endtag(tag)

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.stack: list[tuple[str, bool]] = []      # (tag, skipped) of open elements
        self.skip = 0                                 # open elements that hide their text
        self.pre = 0
        self.rows: list[list] = []                    # open rows: [first line index, layout?]
        self.open: Counter[str] = Counter()           # open elements per tag (O(1) look-ups)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "br":
            if not self.skip:
                self.buf.append("\n" if self.pre else "\x00")
            return
        if tag in _VOID:
            return
        skipped = (tag in _SKIP or (tag == "header" and not self._inside("article", "main"))
                   or any(k in ("class", "id") and v and _CHROME_ATTR.search(v) for k, v in attrs)
                   or any(k == "hidden" or (k == "style" and v and re.search(r"display\s*:\s*none", v))
                          for k, v in attrs))
        if tag in ("p", "li", "dt", "dd", "td", "th", "tr") and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)                    # <p>a<p>b: the first p ends
        if tag in _BLOCK and not self.skip:
            self._end_block()
        if not self.skip:
            if tag == "table" or tag in ("p", "div", "ul", "ol") and self.rows:
                for row in self.rows:
                    row[1] = True                      # a layout table: keep cells as lines
            if tag == "tr":
                self.rows.append([len(self.lines), False])
        if len(self.stack) >= _MAX_DEPTH:              # absurd nesting: treat as flat text
            return
        self.stack.append((tag, skipped))
        self.open[tag] += 1
        if skipped:
            self.skip += 1
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _VOID or not self.open[tag]:
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            self.open[open_tag] -= 1
            if skipped:
                self.skip -= 1
            if open_tag == "pre":
                self.pre -= 1
            if not self.skip and open_tag in _BLOCK:
                self._end_block()
                if open_tag == "tr" and self.rows:
                    self._end_row(*self.rows.pop())
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf.append(data)

    def _inside(self, *tags: str) -> bool:
        return any(self.open[t] for t in tags)

    def _end_block(self) -> None:
        """Close the text gathered so far as a line (or several, split at <br>)."""
        text = self._take()
        if text:
            self.lines.extend(text.split("\x00"))

    def _end_row(self, first: int, layout: bool) -> None:
        """Join the cells of a data-table row into one tab-separated line."""
        cells = [c.strip() for c in self.lines[first:]]
        if not layout and 1 < len(cells) <= 12 and all(len(c) <= _ROW_CELL_MAX for c in cells):
            self.lines[first:] = ["\t".join(cells)]

    def _take(self) -> str:
        raw = "".join(self.buf)
        self.buf = []
        if self.pre:
            return raw.strip("\n").replace("\n", "\x00")
        raw = _BREAK_BETWEEN_CJK.sub("", raw)
        return _SPACES.sub(" ", raw).strip(" ")

    def flush(self) -> None:
        self._end_block()
