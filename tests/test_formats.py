"""Real documents in: .docx, .pdf (text layer) and .html read by content, chrome left out, and
traditional characters matched; the verdicts must be those of the plain-text summary."""
from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from ipcheck.check import check
from ipcheck.inputs.documents import read_document
from ipcheck.errors import DocumentError
from ipcheck.inputs.formats import where
from ipcheck.inputs.formats.chinese import T2S, to_simplified
from ipcheck.inputs.formats.html import html_lines
from ipcheck.inputs.formats.sniff import sniff
from ipcheck.plans.loader import load_plan
from ipcheck.reading.text import normalise, segment

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "formats"
PLAN = SAMPLES / "plans" / "mianzhu-2015.yaml"
SEED = SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt"

# page furniture and web chrome the fixtures carry; none may reach a sentence
CHROME = ("绵竹市知识产权局文件", "- 1 -", "- 2 -", "第 1 页", "第 2 页", "当前位置", "扫一扫", "打印本页",
          "关闭窗口", "分享到", "版权所有", "ICP备", "发布时间", "网站首页", "政务公开", "字体", "主办单位",
          "统计代码", "_hmt", "_绵竹市人民政府")


def statuses(path: Path) -> dict[str, tuple[str, bool]]:
    report = check(load_plan(PLAN), read_document(path))
    return {v.item_id: (v.status.value, v.needs_review) for v in report.verdicts}


@pytest.fixture(scope="module")
def expected() -> dict[str, tuple[str, bool]]:
    return statuses(SEED)


def seed_paragraphs() -> list[str]:
    return [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]


# ------------------------------------------------------------------ .docx built here

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')


def para(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
           if num else "")
    # split the text over two runs, as Word does at every formatting change
    half = len(text) // 2
    return (f'<w:p>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(text[:half])}</w:t></w:r>'
            f'<w:r><w:t>{escape(text[half:])}</w:t></w:r></w:p>')


def make_docx(body: str, numbering: str | None = None, extra: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                         f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        if numbering:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "mianzhu-2015.docx"
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>绵竹市知识产权局文件</w:t></w:r></w:p></w:hdr>'
    path.write_bytes(make_docx("".join(para(p) for p in seed_paragraphs()) + "<w:sectPr/>",
                               extra={"word/header1.xml": header}))
    return path


def test_docx_reads_one_line_per_paragraph(seed_docx) -> None:
    doc = read_document(seed_docx)
    assert doc.encoding == "docx" and doc.locations is None
    assert doc.text.split("\n") == seed_paragraphs()


def test_docx_gives_the_verdicts_of_the_text(seed_docx, expected) -> None:
    assert statuses(seed_docx) == expected


def test_docx_numbering_tables_and_tracked_changes(tmp_path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = (para("加强组织领导", (1, 0)) + para("成立领导小组", (1, 1)) + para("出台政策", (1, 1))
            + para("专利申请", (1, 2)) + para("加强宣传", (1, 0)) + para("开展培训", (1, 1))
            + f'<w:p><w:r><w:t>专利申请</w:t></w:r><w:del><w:r><w:delText>1000</w:delText></w:r></w:del>'
              f'<w:ins><w:r><w:t>537件</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>'
              f'<w:r><w:tab/><w:t>完成</w:t><w:br/><w:t>次行</w:t></w:r></w:p>'
            + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>发明专利</w:t></w:r></w:p></w:tc>'
              '<w:tc><w:p><w:r><w:t>220件</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    path = tmp_path / "plan.docx"
    path.write_bytes(make_docx(body, numbering))
    assert read_document(path).text.split("\n") == [
        "一、加强组织领导", "（一）成立领导小组", "（二）出台政策", "1.专利申请", "二、加强宣传",
        "（一）开展培训", "专利申请537件\t完成 次行", "发明专利\t220件"]


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 100, "the .docx is damaged"),
    ("cut.docx", make_docx(para("专利申请")*50)[:200], "the .docx is damaged"),
    ("book.docx", _zip({"xl/workbook.xml": "<workbook/>"}), "no word/document.xml"),
    ("bad.docx", _zip({"word/document.xml": "<w:document><w:body>"}), "not well-formed XML"),
])
def test_docx_damaged_is_one_line(tmp_path, name, data, message) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_docx_refuses_a_dtd_and_an_empty_body(tmp_path) -> None:
    bomb = make_docx("")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document xmlns:w="'
                    + W + '"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>')
    (tmp_path / "dtd.docx").write_bytes(buf.getvalue())
    (tmp_path / "empty.docx").write_bytes(bomb)
    with pytest.raises(DocumentError, match="DTD"):
        read_document(tmp_path / "dtd.docx")
    with pytest.raises(DocumentError, match="no text"):
        read_document(tmp_path / "empty.docx")


def test_other_zip_files_are_still_refused(tmp_path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "book.xlsx").write_bytes(buf.getvalue())
    with pytest.raises(DocumentError, match="not supported yet"):
        read_document(tmp_path / "book.xlsx")


# ------------------------------------------------------------------ .pdf fixtures

@pytest.mark.parametrize("name", ["mianzhu-2015.pdf", "mianzhu-2015-pages.pdf"])
def test_pdf_gives_the_verdicts_of_the_text(name, expected) -> None:
    assert statuses(FIX / name) == expected


@pytest.mark.parametrize("name", ["mianzhu-2015.pdf", "mianzhu-2015-pages.pdf"])
def test_pdf_joins_paragraphs_and_drops_page_furniture(name) -> None:
    doc = read_document(FIX / name)
    assert doc.encoding == "pdf"
    lines = doc.text.split("\n")
    assert doc.locations is not None and len(doc.locations) == len(lines)
    for s in segment(doc):
        assert not any(c in s.text for c in CHROME), s.text
    # every paragraph of the seed is one line again (the ones with ; may split in two)
    whole = set(lines)
    assert sum(p in whole for p in seed_paragraphs()) >= len(seed_paragraphs()) - 3
    assert "".join(lines).replace(" ", "") == "".join(seed_paragraphs()).replace(" ", "")


def test_pdf_locations_point_at_page_and_line() -> None:
    doc = read_document(FIX / "mianzhu-2015.pdf")
    assert doc.locations[0] == (1, 1)
    pages = [p for p, _ in doc.locations]
    assert pages == sorted(pages) and pages[-1] >= 2
    assert all(line >= 1 for _, line in doc.locations)
    last = len(doc.locations)
    assert where(doc, last).startswith(f"page {pages[-1]}, line ")
    assert where(read_document(SEED), 3) == "line 3"


@pytest.mark.parametrize("name, message", [
    ("scan.pdf", "PDF has no text layer (a scan?)"),
    ("encrypted.pdf", "PDF is encrypted"),
])
def test_pdf_unreadable_is_one_line(name, message) -> None:
    with pytest.raises(DocumentError) as err:
        read_document(FIX / name)
    assert message in str(err.value) and name in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n" + b"\x00garbage" * 50, b"%PDF-1.7\n1 0 obj\n<<", b"%PDF-"])
def test_pdf_damaged_is_a_document_error(tmp_path, data) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert "\n" not in str(err.value)


def test_truncated_pdf_fixture_is_a_document_error(tmp_path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes((FIX / "mianzhu-2015.pdf").read_bytes()[:3000])
    with pytest.raises(DocumentError):
        read_document(path)


def test_cli_exit_status_on_pdf(tmp_path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ipcheck", *args], capture_output=True, text=True)

    txt = run("check", str(PLAN), str(SEED), "-o", str(tmp_path / "a.json"))
    pdf = run("check", str(PLAN), str(FIX / "mianzhu-2015.pdf"), "-o", str(tmp_path / "b.json"))
    assert txt.returncode == pdf.returncode == 1
    scan = run("check", str(PLAN), str(FIX / "scan.pdf"))
    assert scan.returncode == 2
    assert scan.stderr.strip().splitlines() == [
        f"ipcheck: {FIX / 'scan.pdf'}: PDF 没有文字层（是扫描件吗？）（请先做文字识别（OCR），或把文字另存为 .txt）"]
    scan = run("check", str(PLAN), str(FIX / "scan.pdf"), "--lang", "en")
    assert scan.stderr.strip().splitlines() == [
        f"ipcheck: {FIX / 'scan.pdf'}: PDF has no text layer (a scan?) "
        "(run OCR on it first, or save the text as .txt)"]


# ------------------------------------------------------------------ .html fixtures

@pytest.mark.parametrize("name", ["mianzhu-2015.html", "mianzhu-2015-traditional.html"])
def test_html_gives_the_verdicts_of_the_text(name, expected) -> None:
    assert statuses(FIX / name) == expected


@pytest.mark.parametrize("name", ["mianzhu-2015.html", "mianzhu-2015-traditional.html"])
def test_html_chrome_never_reaches_a_sentence(name) -> None:
    doc = read_document(FIX / name)
    assert doc.encoding.startswith("html")
    sentences = segment(doc)
    assert sentences
    for s in sentences:
        assert not any(c in s.text for c in CHROME), s.text


def test_html_honours_meta_charset() -> None:
    doc = read_document(FIX / "mianzhu-2015.html")
    assert doc.encoding == "html (gb18030)"
    assert doc.text.split("\n") == seed_paragraphs()


def test_traditional_is_matched_and_quoted_as_written() -> None:
    report = check(load_plan(PLAN), read_document(FIX / "mianzhu-2015-traditional.html"))
    quotes = [e.text for v in report.verdicts for e in v.evidence]
    assert quotes and any("專利" in q for q in quotes)
    assert not any("专利" in q for q in quotes)


def test_html_blocks_breaks_tables_and_hidden_parts() -> None:
    lines = html_lines(
        "<html><body><nav>首页 新闻</nav><div class='breadcrumb'>首页 &gt; 正文</div>"
        "<h2>一、总体情况</h2><p>知识\n产权 工作。<br>第二行</p><p style='display:none'>隐藏</p>"
        "<table><tr><td>专利申请</td><td>537件</td></tr></table>"
        "<table><tr><td><p>正文一段。</p><p>正文二段。</p></td></tr></table>"
        "<div>分享到：微信</div><footer>版权所有</footer><script>x=1</script></body></html>")
    assert lines == ["一、总体情况", "知识产权 工作。", "第二行", "专利申请\t537件", "正文一段。", "正文二段。"]


# ------------------------------------------------------------------ sniffing

@pytest.mark.parametrize("name, data, kind", [
    ("a.bin", make_docx(para("x")), "docx"),
    ("a.txt", b"%PDF-1.4\n", "pdf"),
    ("a.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("a.txt", "\ufeff<html lang='zh'>".encode(), "html"),
    ("a.htm", "<p>专利</p><p>申请</p>".encode(), "html"),
    ("a.txt", "专利申请量为537件。<这是书名>".encode(), "text"),
    ("a.txt", "2015年工作总结\n专利申请%PDF-".encode(), "text"),
])
def test_sniff_by_content(name, data, kind) -> None:
    assert sniff(name, data) == kind


def test_html_saved_as_txt_is_read_as_html(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes((FIX / "mianzhu-2015.html").read_bytes())
    assert read_document(path).text.split("\n") == seed_paragraphs()


# ------------------------------------------------------------------ traditional -> simplified

def test_normalise_maps_traditional_one_for_one() -> None:
    s = "專利申請量達到1,796件，與發明專利數量"
    assert normalise(s) == "专利申请量达到1,796件,与发明专利数量"
    assert len(normalise(s)) == len(s)
    assert to_simplified("後於") == "后于"
    assert normalise("乾坤") == "乾坤"              # also an ordinary simplified character


def test_t2s_table_is_idempotent() -> None:
    values = {ord(v) for v in T2S.values()}
    assert not values & set(T2S)
    assert all(len(v) == 1 for v in T2S.values()) and len(T2S) > 2500


# ------------------------------------------------------------------ speed

def test_fixtures_read_quickly_and_version_stays_light() -> None:
    for name in ("mianzhu-2015.pdf", "mianzhu-2015.html", "mianzhu-2015-traditional.html"):
        start = time.perf_counter()
        read_document(FIX / name)
        assert time.perf_counter() - start < 2.0, name
    probe = ("import sys, ipcheck.cli, ipcheck.inputs.documents, ipcheck.reading.text; "
             "print(sorted(m for m in ('pypdf', 'html.parser', 'xml.etree.ElementTree', 'zipfile') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ hostile input stays linear

@pytest.mark.parametrize("chunk", ["<a ", "<!--", "<![CDATA[", "<p>专利。", "<div>", "<", "</", "<a b=\""])
def test_html_tokenizer_is_linear(chunk) -> None:
    start = time.perf_counter()
    html_lines(chunk * 200_000)       # html.parser takes minutes on "<a " * 40000
    assert time.perf_counter() - start < 5.0


def test_docx_nested_too_deeply_is_one_line(tmp_path) -> None:
    depth = 5000
    body = "<w:tbl><w:tr><w:tc>" * depth + para("x") + "</w:tc></w:tr></w:tbl>" * depth
    path = tmp_path / "deep.docx"
    path.write_bytes(make_docx(body))
    with pytest.raises(DocumentError, match="nested too deeply"):
        read_document(path)


def test_pdf_evidence_cites_page_and_line_on_the_page() -> None:
    """Evidence from a PDF names the page and the line on it, which a reader can find."""
    from ipcheck.check import check
    from ipcheck.plans.loader import load_plan
    root = Path(__file__).resolve().parent.parent
    doc = read_document(root / "tests" / "formats" / "mianzhu-2015-pages.pdf")
    report = check(load_plan(root / "plans" / "mianzhu-2015.yaml"), doc)
    evidence = [e for v in report.verdicts for e in v.evidence]
    assert evidence and all(e.page is not None and e.page_line is not None for e in evidence)
    assert all((e.page, e.page_line) == doc.locations[e.line - 1] for e in evidence)
    assert {e.page for e in evidence} > {1}
