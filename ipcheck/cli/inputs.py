"""The files a command is given: ``-`` for standard input (named ``<stdin>`` in reports and
errors), and a hint when PLAN and SUMMARY look swapped or one is missing."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ipcheck.cli.group import UsageMistake

if TYPE_CHECKING:
    from ipcheck.model import Document, Plan

STDIN = "-"
STDIN_NAME = "<stdin>"
PLAN_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (".docx", ".doc", ".pdf", ".html", ".htm")     # never a plan, whatever they hold
_PLAN_KEYS = re.compile(r"^(?:version|plan|targets|tasks)\s*:", re.MULTILINE)
_SNIFF = 4096


def read_stdin(limit: int) -> bytes:
    """Standard input's bytes, at most ``limit`` + 1 (the reader refuses more)."""
    return sys.stdin.buffer.read(limit + 1)


def read_summary(arg: str) -> "Document":
    """The summary ``arg`` names, or standard input's for ``-``."""
    from ipcheck.inputs.documents import DEFAULT_MAX_BYTES, decode_document, read_document
    if arg == STDIN:
        data = read_stdin(DEFAULT_MAX_BYTES)
        if len(data) > DEFAULT_MAX_BYTES:
            from ipcheck.errors import DocumentError, msg
            raise DocumentError(msg("error.too_large_read", limit="50 MB"), path=STDIN_NAME)
        return decode_document(data, STDIN_NAME)
    return read_document(arg)


def read_plan(arg: str) -> "Plan":
    """The plan ``arg`` names, or standard input's for ``-``."""
    from ipcheck.plans.loader import MAX_BYTES, load_plan, plan_from_bytes
    if arg == STDIN:
        return plan_from_bytes(read_stdin(MAX_BYTES), STDIN_NAME)
    return load_plan(arg)


def looks_like(path: str | None) -> str | None:
    """"plan", "summary" or None (cannot tell: standard input, a missing file, a folder): by
    the extension (.yaml/.yml, or a Word, PDF or web document), else by the first lines (a
    plan's YAML keys at the start of a line), so a plan saved as .txt is still a plan."""
    if path is None or path == STDIN:
        return None
    p = Path(path)
    if not p.is_file():
        return None
    suffix = p.suffix.lower()
    if suffix in PLAN_SUFFIXES:
        return "plan"
    if suffix in DOCUMENT_SUFFIXES:
        return "summary"
    try:
        with p.open("rb") as fh:
            head = fh.read(_SNIFF).decode("utf-8", "replace")
    except OSError:
        return None
    return "plan" if _PLAN_KEYS.search(head) else "summary"


def check_pair(ctx: click.Context, plan: str | None, summary: str | None) -> None:
    """A usage mistake when PLAN and SUMMARY are swapped, or one is missing (telling which
    the given one looks like), or both read standard input; nothing when they look right."""
    if plan == STDIN and summary == STDIN:
        raise UsageMistake("usage.stdin_twice", ctx)
    first, second = looks_like(plan), looks_like(summary)
    if first == "summary" and second == "plan":
        raise UsageMistake("usage.swapped", ctx, path=f"{plan}, {summary}")
    if first == "summary":
        raise UsageMistake("usage.looks_like_summary", ctx, path=plan)
    if second == "plan":
        raise UsageMistake("usage.looks_like_plan", ctx, path=summary)
    for name, value in (("PLAN", plan), ("SUMMARY", summary)):
        if value is None:
            raise UsageMistake("usage.missing", ctx, name=name)
