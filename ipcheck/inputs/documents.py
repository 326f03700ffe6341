"""Read a plain-text summary or plan from disk: detect its encoding, refuse what is not text."""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

from ipcheck.errors import DocumentError, msg, os_reason
from ipcheck.model import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Formats people will hand us instead of text; each gets a "save it as .txt" message until
# readers for them exist (Word/PDF/HTML are later work).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "error.what.zip"),          # a Word (.docx) or other zip file
    (b"%PDF", "error.what.pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "error.what.ole"),   # an old Word (.doc) or other OLE file
)

_SAMPLE = 65536                 # bytes inspected for the UTF-16 NUL pattern
_UTF16_NUL_SHARE = 0.9          # share of NULs that must sit on one parity
_UTF16_MIN_NULS = 0.02          # NULs per byte pair, at least (one ASCII char in 50)
_UTF16_TEXT_SHARE = 0.9        # share of ASCII/CJK characters a BOM-less UTF-16 guess needs
_MAX_CONTROL_SHARE = 0.05       # above this share of control characters it is binary
_MAX_CHAOS = 0.2                # charset-normalizer's mess ratio we still accept
# Control characters (category Cc) other than tab, newline, carriage return, form feed, VT.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` as text and return it with the encoding used.

    Decoding order: a BOM (UTF-8/16/32); strict UTF-8; UTF-16 without BOM when NULs sit on
    one parity; strict GB18030; charset-normalizer if its guess is clean. Newlines become
    ``\\n``; nothing else is changed but a repost's pinyin after characters (ZH-DOC-006), so line numbers and
    quotes match the file — except in a text
    copied out of a PDF (ipcheck.inputs.formats.hardwrap), whose wrapped lines are joined and whose
    sentences keep their file lines through ``Document.lines``. Raises
    DocumentError (one line, naming the file) for a missing, unreadable, empty, binary,
    oversized or not-yet-supported (.doc, other zip) file. Word .docx, PDF and HTML are
    recognised by content and read by ipcheck.inputs.formats (a Document with ``locations`` for PDF).
    """
    name = os.fspath(path)
    return decode_document(_read_bytes(Path(name), name, max_bytes), name)


def decode_document(data: bytes, name: str) -> Document:
    """The Document held in ``data`` (a file's bytes, or standard input's), named ``name`` in
    errors and reports; the same rules and errors as read_document."""
    if not data:
        raise DocumentError(msg("error.file_empty"), path=name)
    from ipcheck.inputs.formats import read_formatted   # .docx, .pdf, .html by content (lazy: cheap start)
    formatted = read_formatted(name, data, _decode)
    if formatted is not None:
        return formatted
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(msg("error.not_supported", what=msg(what)), path=name,
                                hint=msg("error.save_as_txt"))
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text):
        raise DocumentError(msg("error.file_blank"), path=name)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise DocumentError(msg("error.binary_controls"), path=name)
    from ipcheck.inputs.formats.annotations import strip_annotations
    from ipcheck.inputs.formats.hardwrap import reflow
    text = strip_annotations(text)
    flowed = reflow(text)
    if flowed is not None:                      # copied out of a PDF: paragraphs joined, file lines kept
        return Document(path=name, text=flowed[0], encoding=encoding, lines=flowed[1], source=text)
    return Document(path=name, text=text, encoding=encoding)


def _read_bytes(p: Path, name: str, max_bytes: int) -> bytes:
    """The file's bytes, or a DocumentError saying why they cannot be had."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DocumentError(msg("error.file_not_found"), path=name) from None
    except OSError as exc:
        raise DocumentError(msg("error.cannot_read_file", reason=os_reason(exc)), path=name) from None
    if p.is_dir():
        raise DocumentError(msg("error.is_dir"), path=name)
    if st.st_size > max_bytes:
        raise DocumentError(msg("error.too_large", size=_mb(st.st_size), limit=_mb(max_bytes)), path=name)
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise DocumentError(msg("error.cannot_read_file", reason=msg("error.reason.permission")), path=name) from None
    except OSError as exc:
        raise DocumentError(msg("error.cannot_read_file", reason=os_reason(exc)), path=name) from None
    if len(data) > max_bytes:   # grew after stat, or a device/pipe
        raise DocumentError(msg("error.too_large_read", limit=_mb(max_bytes)), path=name)
    return data


def _mb(n: int) -> str:
    """A byte count as megabytes for messages."""
    return f"{n / (1024 * 1024):.1f} MB"


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) by the rules in read_document."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError as exc:
                raise DocumentError(msg("error.bad_bom", label=label, label_again=label, byte=exc.start),
                                    path=name) from None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is not None:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = ""
            if _plausible(text):
                return text, codec
        raise DocumentError(msg("error.binary_nul"), path=name)
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    if guess is not None:
        return guess
    _utf8_damage(data, name)
    raise DocumentError(msg("error.encoding"), path=name, hint=msg("error.save_utf8"))


def _utf8_damage(data: bytes, name: str) -> None:
    """Raise a DocumentError naming the line when ``data`` is UTF-8 but for a few bad bytes
    (a file cut mid-character, a flipped byte): more use to the user than "cannot tell"."""
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError as exc:
        first = exc
    bad = data.decode("utf-8", "replace").count("\ufffd")
    if bad > max(8, len(data) // 1000):
        return
    line = data.count(b"\n", 0, first.start) + 1
    if first.reason == "unexpected end of data" and first.end >= len(data):
        raise DocumentError(msg("error.truncated"), path=name, line=line)
    raise DocumentError(msg("error.bad_utf8.many" if bad > 1 else "error.bad_utf8.one", byte=first.start, bad=bad),
                        path=name, line=line, hint=msg("error.save_utf8"))


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs fall on one parity (the high byte of ASCII
    characters), else None. Chinese-only UTF-16 has few NULs, but summaries always carry
    digits, newlines and ASCII punctuation."""
    sample = data[:_SAMPLE]
    if len(sample) % 2:
        sample = sample[:-1]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    total = even + odd
    if total < max(1, _UTF16_MIN_NULS * len(sample) / 2):
        return None
    if odd >= _UTF16_NUL_SHARE * total:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE * total:
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """True when a UTF-16 guess reads as Chinese or ASCII text rather than noise: garbage
    decoded as UTF-16 spreads over the whole BMP, real text stays in a few blocks."""
    if not text:
        return False
    sample = text[:_SAMPLE // 2]
    good = sum(1 for ch in sample if ch < "\x80" or "\u4e00" <= ch <= "\u9fff"
               or "\u2000" <= ch <= "\u206f" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch == "\xa0")
    return good >= _UTF16_TEXT_SHARE * len(sample)


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess when it is clean enough to trust (imported here: it
    is slow to import and rarely needed)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    return str(best), str(best.encoding)


def _control_share(text: str) -> float:
    """Share of control characters (other than tab/newline/form feed) in a sample of ``text``."""
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) / len(sample)
