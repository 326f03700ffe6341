"""The reading and verdict code is the engine; the Chinese it reads lives in ipcheck/lang/zh/*.yaml.
No string literal in these modules may hold a Chinese character or a CJK punctuation mark (comments
and docstrings may, to give examples), apart from the short allow-list below."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ipcheck"
# t2s_table.py is generated data (tools/gen_t2s.py), not code.
ENGINE = sorted([*PACKAGE.glob("reading/*.py"), *PACKAGE.glob("verdicts/*.py"), *PACKAGE.glob("lang/*.py"),
                 *(p for p in PACKAGE.glob("inputs/**/*.py") if p.name != "t2s_table.py"), PACKAGE / "units.py",
                 *PACKAGE.glob("plans/*.py")])
# Han characters, CJK symbols and punctuation (。、《》〔〕【】「」), full-width forms (，：％), curly quotes.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’]")
# (module, literal as written, its first 60 characters) pairs allowed to keep a Chinese character, each
# with its reason: messages to a person that quote Chinese as examples, and typography that is no
# reading knowledge. A note the drafter writes when one rule fires lives with that rule (its params).
ALLOWED: set[tuple[str, str]] = {
    # the draft's header comment: the drafter's rules in one paragraph for the reviewer, quoting 到YYYY年 and 每年
    ("plans/draft.py", '"# committed to; due is the nearest 到YYYY年 before a figure (or the item\'s 完成时限), else"'[:60]),
    ("plans/draft.py", '"# the period end; 每年 makes an item recur (every); a baseline keeps the year it names;"'[:60]),
    # YAML output: the characters a plain scalar may hold (CJK punctuation needs no quotes), not reading
    ("plans/draft.py", r'r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9_()（）《》〈〉“”‘’、·.\-]+"'[:60]),
    # a plan's op may be typed with full-width > and < (the schema's spelling, as ≥ and ≤)
    ("plans/schema.py", '"＞"'),
    ("plans/schema.py", '"＜"'),
    # messages naming units a plan may use, by example (the others are catalogue entries)
    ("plans/loader.py", '"\'%\' or \'个百分点\'"'),
}


def _docstrings(tree: ast.AST) -> set[tuple[int, int]]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add((body[0].lineno, body[0].col_offset))
    return out


def chinese_literals(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """The string literals of ``path`` (as written in the source) that hold a CJK character."""
    source = path.read_text(encoding="utf-8")
    docs = _docstrings(ast.parse(source))
    kinds = {tokenize.STRING} | {getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in kinds and tok.start not in docs and CJK.search(tok.string):
            found.append(f"{path.relative_to(root)}:{tok.start[0]}: {tok.string[:60]}")
    return found


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_chinese_literal_in_the_engine(path: Path) -> None:
    found = [f for f in chinese_literals(path)
             if (str(path.relative_to(PACKAGE)), f.split(": ", 1)[1]) not in ALLOWED]
    assert not found, "move these to ipcheck/lang/zh/*.yaml:\n" + "\n".join(found)


def test_the_check_sees_a_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docstring 完成 is fine."""\n# 完成 in a comment is fine\nX = "\\u5b8c"\nY = "完成"\n',
                      encoding="utf-8")
    assert [f.split(": ", 1)[1] for f in chinese_literals(sample, tmp_path)] == ['"完成"']


def test_every_allowed_literal_is_still_there() -> None:
    """An allow-list entry whose literal has gone (moved to the data, reworded) must go too."""
    seen = {(str(p.relative_to(PACKAGE)), f.split(": ", 1)[1]) for p in ENGINE for f in chinese_literals(p)}
    assert ALLOWED <= seen, sorted(ALLOWED - seen)
