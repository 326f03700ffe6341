"""Tests for ipcheck.inputs.documents.read_document: encodings, newlines and every refusal."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from ipcheck.inputs.documents import read_document
from ipcheck.errors import DocumentError

# 自贡, seed 001 lines 134-150 (shortened): title, a full-width-free body, a figure line
SAMPLE = ("2015年自贡市建设国家知识产权试点城市\n\n工作总结\n\u00a0\n"
          "一、2015年试点工作开展情况\n"
          "1.专利数量和质量再创佳绩。2015年全市专利申请量1796件,同比增长26%;"
          "申请发明专利484件,同比增长34%。\n"
          "三是结合“三月法制宣传月”、“12·4”全国法制宣传日,通过举办保护知识产权专场法制讲座。\n")


def write(tmp_path: Path, data: bytes, name: str = "summary.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("data, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (SAMPLE.encode("gb18030"), "gb18030"),
    (SAMPLE.encode("utf-16"), "utf-16"),                        # LE with BOM on this platform
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    (SAMPLE.encode("utf-16-le"), "utf-16-le"),                  # no BOM: NULs on odd bytes
    (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (SAMPLE.encode("utf-32"), "utf-32"),
], ids=["utf-8", "utf-8-bom", "gb18030", "utf-16", "utf-16-le-bom", "utf-16-be-bom",
        "utf-16-le", "utf-16-be", "utf-32"])
def test_encodings_give_identical_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    d = read_document(write(tmp_path, data))
    assert d.text == SAMPLE
    assert d.encoding == encoding


def test_gbk_is_read_as_gb18030(tmp_path: Path) -> None:
    text = SAMPLE.replace("·", ".").replace("\u00a0", "\u3000")   # GBK has no NBSP or ·
    d = read_document(write(tmp_path, text.encode("gbk")))
    assert d.text == text
    assert d.encoding == "gb18030"


def test_newlines_are_normalised_and_nothing_else(tmp_path: Path) -> None:
    raw = "标题\r\n\r\n一、主要工作\r(一)抓组织领导,全面推进。\u3000\n末行"
    d = read_document(write(tmp_path, raw.encode("utf-8")))
    assert d.text == "标题\n\n一、主要工作\n(一)抓组织领导,全面推进。\u3000\n末行"


def test_path_and_pathlike(tmp_path: Path) -> None:
    p = write(tmp_path, SAMPLE.encode("utf-8"), "notes.md")
    assert read_document(p).path == str(p)
    assert read_document(str(p)).text == SAMPLE
    assert read_document(write(tmp_path, SAMPLE.encode("utf-8"), "noext")).text == SAMPLE


def test_other_encodings_fall_back_to_charset_normalizer(tmp_path: Path) -> None:
    # 0x80 (€ in cp1252) is invalid both as UTF-8 and as GB18030
    text = ("Le prix est de 5€ par unité. Nous avons déjà vérifié la qualité des éléments "
            "reçus, très bien. Ça coûte 20€, 30€ et 40€.\n") * 3
    d = read_document(write(tmp_path, text.encode("cp1252")))
    assert d.encoding not in ("utf-8", "gb18030")
    assert "Le prix est de 5" in d.text


def refused(path: Path | str, **kw) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(path, **kw)
    message = str(info.value)
    assert "\n" not in message
    assert os.path.basename(str(path)) in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in refused(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert "directory" in refused(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can read files without permission bits")
def test_unreadable(tmp_path: Path) -> None:
    p = write(tmp_path, SAMPLE.encode("utf-8"))
    p.chmod(0)
    try:
        assert "permission denied" in refused(p)
    finally:
        p.chmod(0o600)


def test_unreadable_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, SAMPLE.encode("utf-8"))

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    assert "permission denied" in refused(p)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", "\u3000\u00a0\n".encode("utf-8"),
                                  codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
                         ids=["empty", "ascii-blank", "cjk-blank", "bom-only", "utf-16-blank"])
def test_empty_or_blank(tmp_path: Path, data: bytes) -> None:
    assert "empty" in refused(write(tmp_path, data))


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,                                  # NULs everywhere
    SAMPLE.encode("utf-8") + b"\x00\x00\x01\x02" + SAMPLE.encode("utf-8"),
    b"\x00" * 100,
    bytes(range(1, 32)) * 20 + "正文".encode("utf-8"),      # control characters, no NUL
], ids=["random", "utf-8-with-nul", "nuls", "controls"])
def test_binary(tmp_path: Path, data: bytes) -> None:
    message = refused(write(tmp_path, data, "blob.bin"))
    assert "binary" in message or "encoding" in message


@pytest.mark.parametrize("data, what", [
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "docx"),   # PDFs are read now: tests/test_formats.py
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"),
], ids=["zip", "doc"])
def test_unsupported_formats(tmp_path: Path, data: bytes, what: str) -> None:
    message = refused(write(tmp_path, data, "summary.txt"))
    assert what in message
    assert "not supported yet" in message and ".txt" in message


def test_too_large(tmp_path: Path) -> None:
    p = write(tmp_path, SAMPLE.encode("utf-8"))
    assert "too large" in refused(p, max_bytes=100)
    assert read_document(p, max_bytes=len(SAMPLE.encode("utf-8"))).text == SAMPLE


def test_error_is_a_document_error_with_path(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        read_document(tmp_path / "gone.txt")
    assert info.value.path == str(tmp_path / "gone.txt")
    assert info.value.problems[0].path == str(tmp_path / "gone.txt")
