"""ipcheck split: a compilation cut into one verbatim file per city summary."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.errors import IpcheckError
from ipcheck.split import split_document

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
EN = {"IPCHECK_LANG": "en"}      # these tests read the English messages; test_i18n checks the Chinese
COMPILATION = SAMPLES / "summaries" / "sichuan-2015-compilation.txt"
HAND_SPLIT = SAMPLES / "summaries" / "2015"
# city -> the hand-split file of summaries/2015 (see summaries/README.md), in compilation order
CITIES = {"绵阳市": "mianyang", "自贡市": "zigong", "德阳市": "deyang", "泸州市": "luzhou", "宜宾市": "yibin",
          "遂宁市": "suining", "华蓥市": "huaying", "崇州市": "chongzhou", "绵竹市": "mianzhu", "广汉市": "guanghan"}


def test_compilation_splits_into_the_ten_hand_split_summaries() -> None:
    pieces, cover = split_document(read_document(COMPILATION))
    assert cover == 47
    assert [p.region for p in pieces] == list(CITIES)
    assert [p.name for p in pieces] == [f"2015-{c}.txt" for c in CITIES]
    for p in pieces:
        hand = (HAND_SPLIT / f"{CITIES[p.region]}-2015.txt").read_text(encoding="utf-8")
        assert p.text.rstrip("\n") == hand.rstrip("\n"), p.region
        assert p.year == 2015


def test_pieces_are_verbatim_line_ranges() -> None:
    text = COMPILATION.read_text(encoding="utf-8")
    pieces, cover = split_document(read_document(COMPILATION))
    cover_text = "".join(text.split("\n")[k] + "\n" for k in range(cover))
    assert cover_text + "".join(p.text for p in pieces) == text
    assert pieces[0].first_line == cover + 1 and pieces[-1].last_line == text.count("\n") + 1


@pytest.mark.parametrize("path", [HAND_SPLIT / "mianzhu-2015.txt", ROOT / "tests" / "batch" / "README.md"])
def test_one_or_no_summary_is_refused(path: Path) -> None:
    with pytest.raises(IpcheckError, match="at least two city summaries"):
        split_document(read_document(path))


def test_cli_writes_refuses_to_overwrite_and_forces(tmp_path: Path) -> None:
    out = tmp_path / "2015"
    result = CliRunner(env=EN).invoke(main, ["split", str(COMPILATION), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"2015-{c}.txt" for c in CITIES)
    assert result.output.count(str(out)) == 10 and "lines 780-852" in result.output
    for city, stem in CITIES.items():
        assert (out / f"2015-{city}.txt").read_text(encoding="utf-8").rstrip("\n") == \
            (HAND_SPLIT / f"{stem}-2015.txt").read_text(encoding="utf-8").rstrip("\n")

    (out / "2015-绵竹市.txt").write_text("edited", encoding="utf-8")
    again = CliRunner(env=EN).invoke(main, ["split", str(COMPILATION), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output and "Traceback" not in again.output
    assert (out / "2015-绵竹市.txt").read_text(encoding="utf-8") == "edited"

    forced = CliRunner(env=EN).invoke(main, ["split", str(COMPILATION), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert (out / "2015-绵竹市.txt").read_text(encoding="utf-8").startswith("2015年绵竹市")
    assert not list(out.glob(".*.tmp"))


def test_cli_single_summary_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner(env=EN).invoke(main, ["split", str(HAND_SPLIT / "mianzhu-2015.txt"), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcheck: ") and "one summary (绵竹市)" in lines[0]
    assert not (tmp_path / "x").exists()
