"""Finding and parsing config files: the nearest ipcheck.toml, .ipcheck.yaml or pyproject.toml
with [tool.ipcheck] from the working directory upward; TOML and YAML read into a mapping
plus the line of each key, so a bad setting can be named by FILE:LINE."""
from __future__ import annotations

import os
import re
import sys
from typing import Any

import yaml

from ipcheck.errors import IpcheckError, msg
from ipcheck.plans.schema import yaml_errors
from ipcheck.inputs.smallfiles import read_utf8

if sys.version_info >= (3, 11):
    import tomllib
else:                                   # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_BYTES = 1024 * 1024          # a config file is a few lines; refuse anything larger unread
FILE_NAMES = ("ipcheck.toml", ".ipcheck.yaml", ".ipcheck.yml", "pyproject.toml")


def _has_tool_table(path: str) -> bool:
    """True when the pyproject.toml at ``path`` has a [tool.ipcheck] table; an unparsable one
    that mentions ipcheck counts too, so its error is reported instead of the file skipped."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        tool = tomllib.loads(data.decode("utf-8-sig")).get("tool", {})
    except OSError:
        return False
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return b"ipcheck" in data
    return isinstance(tool, dict) and "ipcheck" in tool


def discover(cwd: str) -> str | None:
    """The config file nearest to ``cwd`` (this folder, then each parent), or None."""
    folder = os.path.abspath(cwd)
    while True:
        found = [os.path.join(folder, n) for n in FILE_NAMES if os.path.isfile(os.path.join(folder, n))]
        found = [p for p in found if not p.endswith("pyproject.toml") or _has_tool_table(p)]
        if len(found) > 1:
            names = " and ".join(os.path.basename(p) for p in found)
            raise IpcheckError(msg("error.two_configs", names=names), path=folder, hint=msg("error.keep_one_config"))
        if found:
            return found[0]
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _toml_lines(text: str, prefix: tuple[str, ...]) -> dict[str, int]:
    """Line of each dotted key in TOML ``text``, relative to the table ``prefix``."""
    out: dict[str, int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("["):
            table = tuple(p.strip().strip("\"'") for p in s.strip("[]").split("]")[0].split("."))
            if table[:len(prefix)] == prefix and len(table) > len(prefix):
                out.setdefault(".".join(table[len(prefix):]), number)
            continue
        m = re.match(r"\s*([A-Za-z0-9_\-\"'. ]+?)\s*=", line)
        if m and table[:len(prefix)] == prefix:
            key = ".".join(p.strip().strip("\"'") for p in m.group(1).split("."))
            out.setdefault(".".join(table[len(prefix):] + (key,)), number)
    return out


def read_text(path: str, shown: str) -> str:
    """The config file's text; one-line errors for a missing, unreadable, huge or non-UTF-8 file."""
    return read_utf8(path, msg("error.what.config_file"), MAX_BYTES, shown)


def parse_toml(text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)", str(exc))
        message = str(exc)[:m.start()] if m else str(exc)
        line = (int(m.group(1)) if m.group(1) else max(1, len(text.splitlines()))) if m else None
        raise IpcheckError(msg("error.invalid_toml", detail=message), path=path, line=line) from None
    prefix: tuple[str, ...] = ()
    if os.path.basename(path) == "pyproject.toml":
        prefix = ("tool", "ipcheck")
        data = data.get("tool", {}).get("ipcheck", {})
        if not isinstance(data, dict):
            raise IpcheckError(msg("error.tool_table"), path=path)
    return data, _toml_lines(text, prefix)


def parse_yaml(text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    with yaml_errors(path, text):
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise IpcheckError(msg("error.config_mapping"), path=path, line=1)
    lines: dict[str, int] = {}
    for key, value in root.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for sub, _ in value.value:
                lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1
    return data, lines
