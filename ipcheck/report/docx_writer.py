"""Write a plain Word .docx with the standard library's zipfile: headings, paragraphs and
indented lines, the parts Word needs and no more, deterministic bytes (fixed member order and
dates), so the same outline is the same file. ipcheck.inputs.formats.docx reads it back."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')


def _style(style_id: str, name: str, size: int, bold: bool, indent: int = 0) -> str:
    ppr = f'<w:pPr><w:spacing w:before="120" w:after="60"/><w:ind w:left="{indent}"/></w:pPr>'
    rpr = f'<w:rPr><w:rFonts w:eastAsia="SimSun"/>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/>{ppr}{rpr}</w:style>')


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{_W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="24"/></w:rPr></w:style>'
    + _style("Title", "Title", 36, True) + _style("Heading1", "heading 1", 30, True)
    + _style("Heading2", "heading 2", 26, True) + _style("Indent", "Indent", 22, False, 480)
    + '</w:styles>')
STYLES = {"title": "Title", "h1": "Heading1", "h2": "Heading2", "p": None, "indent": "Indent"}


def _paragraph(kind: str, text: str) -> str:
    style = STYLES[kind]
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def render_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A .docx of (kind, text) paragraphs, kind one of title, h1, h2, p, indent."""
    body = "".join(_paragraph(kind, text) for kind, text in paragraphs)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}">'
                f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    parts = (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
             ("word/_rels/document.xml.rels", _DOC_RELS), ("word/document.xml", document),
             ("word/styles.xml", _STYLES))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()
