"""Tell a document's format from its bytes (and, for HTML, its name): docx, pdf, html or text."""
from __future__ import annotations

import io
import re
import zipfile

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"</?(?:p|div|span|br|table|tr|td|li|ul|a|h[1-6]|body|head|meta|font|strong|b)\b[^>]*>",
                  re.IGNORECASE)
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
_HEAD = 4096
_MIN_TAGS = 20          # tags in the first 4 KB that make an extension-less file HTML
_MIN_TAG_SHARE = 0.05   # ...and the share of its bytes they must cover


def sniff(name: str, data: bytes) -> str:
    """"docx", "pdf", "html" or "text" for the file ``name`` holding ``data``.

    PK\\x03\\x04 with a word/document.xml member (or named .docx) is docx (other zip files are
    "text" here and refused by ipcheck.inputs.documents); %PDF- at the start (or within the first KB
    of a .pdf, as readers allow) is pdf; a
    document starting with <html or <!DOCTYPE html, or a .htm(l) file or any file whose first
    4 KB is largely tags, is html. UTF-16 HTML is left to the text reader.
    """
    if data.startswith(b"PK\x03\x04"):
        # a broken .docx goes to the docx reader, which says what is wrong with it
        return "docx" if _is_docx(data) or name.lower().endswith(".docx") else "text"
    at = data.find(b"%PDF-", 0, 1024)
    if at == 0 or (at > 0 and (not data[:at].strip() or name.lower().endswith(".pdf"))):
        return "pdf"
    head = data[:_HEAD]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START.match(head):
        return "html"
    tags = _TAG.findall(head)
    if name.lower().endswith(_HTML_EXT) and tags:
        return "html"
    if len(tags) >= _MIN_TAGS and sum(map(len, tags)) >= _MIN_TAG_SHARE * len(head):
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    """True when ``data`` is a zip archive with a word/document.xml member."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
