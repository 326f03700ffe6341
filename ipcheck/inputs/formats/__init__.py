"""Readers for documents that are not plain text: .docx, .pdf (with a text layer), .html.

``read_formatted(name, data, decode)`` picks a reader by content (see ``sniff``) and returns a
Document, or None when the bytes are plain text for ``ipcheck.inputs.documents`` to decode. Every
reader imports its heavy library inside the function, so importing this package is cheap.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ipcheck.model import Document

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\r]")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")   # the stream of an encrypted .docx
Decoder = Callable[[bytes, str], "tuple[str, str]"]


def read_formatted(name: str, data: bytes, decode: Decoder) -> Document | None:
    """The Document read from ``data`` (the bytes of file ``name``) by the reader its content
    calls for, or None for plain text. ``decode(data, name) -> (text, encoding)`` is the
    plain-text decoder, reused for HTML. Raises DocumentError for a file that cannot be read."""
    from ipcheck.errors import DocumentError, msg
    from ipcheck.inputs.formats.sniff import sniff

    if data.startswith(_OLE) and _ENCRYPTED_PACKAGE in data:
        raise DocumentError(msg("error.office_encrypted"), path=name, hint=msg("error.remove_password"))
    kind = sniff(name, data)
    if kind == "docx":
        from ipcheck.inputs.formats.docx import read_docx
        doc = read_docx(name, data)
    elif kind == "pdf":
        from ipcheck.inputs.formats.pdf import read_pdf
        doc = read_pdf(name, data)
    elif kind == "html":
        from ipcheck.inputs.formats.html import read_html
        doc = read_html(name, data, decode)
    else:
        return None
    from ipcheck.inputs.formats.annotations import strip_annotations
    text = strip_annotations(_CONTROLS.sub(" ", doc.text))   # lines stay put
    return doc if text == doc.text else replace(doc, text=text)


def where(document: Document, line: int) -> str:
    """Where line ``line`` of ``document.text`` is for the user: "page 3, line 12" for a PDF
    (from ``Document.locations``), else "line N"."""
    locs = document.locations
    if locs and 1 <= line <= len(locs):
        page, on_page = locs[line - 1]
        return f"page {page}, line {on_page}"
    return f"line {line}"
