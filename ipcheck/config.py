"""Settings from built-in defaults < a config file < the environment < flags, each value with
its source. Pure: it takes the working directory, an environment mapping and the flags given,
and returns a Config; it never prints, reads argv or exits.

Config files (found and parsed by ipcheck.config_files), looked for from the working directory upward to the filesystem root; the nearest
folder holding one wins: ``ipcheck.toml``, ``.ipcheck.yaml``/``.ipcheck.yml``, or a
``pyproject.toml`` with a ``[tool.ipcheck]`` table. Two of them in one folder is an error naming
both (which one wins would be a guess). ``--config FILE`` / ``IPCHECK_CONFIG`` name the file,
``--no-config`` reads none. Relative paths in a file resolve against the file's folder.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, fields
from typing import Any, Callable, Collection, Mapping

from ipcheck.config_files import discover, parse_toml, parse_yaml, read_text
from ipcheck.errors import IpcheckError, Message, hinted, msg
from ipcheck.i18n import DEFAULT_LANG, check_lang
from ipcheck.model import Status
from ipcheck.verdicts.decide import Thresholds

CONFIG_ENV = "IPCHECK_CONFIG"
# IPCHECK_* variables that are not settings: the config file itself, click's shell completion,
# the test suite's switch for slow tests. Other unknown IPCHECK_* names are errors when they
# look like a misspelt setting (IPCHECK_FAILON), and ignored otherwise.
NOT_SETTINGS = frozenset({CONFIG_ENV, "IPCHECK_COMPLETE", "IPCHECK_SLOW", "IPCHECK_DEBUG"})
STATUSES = tuple(s.value for s in Status)
FAIL_ON = STATUSES + ("needs_review",)     # --fail-on also takes the doubt: CI can fail on it
_DEFAULT_THRESHOLDS = Thresholds()


class _Bad(ValueError):
    """A value of the wrong type or out of range; the caller adds where it came from."""

    def __init__(self, said: Message) -> None:
        super().__init__(said.key)
        self.said = said


@dataclass(frozen=True)
class Source:
    """Where a value came from: 'default', 'FILE:LINE', 'env IPCHECK_X' or 'flag --x'."""

    kind: str                    # default | file | env | flag
    label: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return self.label


DEFAULT = Source("default", "default")


def _text(value: Any, raw: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(msg("error.expected_string"))
    return value.strip()


def _statuses(value: Any, raw: bool) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(s, str) for s in items):
        raise _Bad(msg("error.expected_statuses"))
    chosen = tuple(dict.fromkeys(s.strip() for s in items if s.strip()))
    unknown = [s for s in chosen if s not in FAIL_ON]
    if unknown:
        raise _Bad(msg("error.unknown_status_list", names=", ".join(unknown), choices=", ".join(FAIL_ON)))
    return chosen


def _lang(value: Any, raw: bool) -> str:
    try:
        return check_lang(_text(value, raw))
    except IpcheckError as exc:
        raise _Bad(hinted(exc.said, exc.hint_said)) from None


def _paths(value: Any, raw: bool) -> tuple[str, ...]:
    items = [p for p in value.split(os.pathsep) if p.strip()] if raw and isinstance(value, str) else \
        [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(p, str) and p.strip() for p in items):
        raise _Bad(msg("error.expected_files"))
    return tuple(p.strip() for p in items)


def _number(kind: type, low: float, high: float) -> Callable[[Any, bool], Any]:
    expected = "error.expected_integer" if kind is int else "error.expected_number"

    def parse(value: Any, raw: bool) -> Any:
        if raw and isinstance(value, str):
            try:
                value = kind(value.strip())
            except ValueError:
                raise _Bad(msg(expected, value=repr(value))) from None
        ok = (isinstance(value, int) if kind is int else isinstance(value, (int, float)))
        if not ok or isinstance(value, bool):
            raise _Bad(msg(expected, value=repr(value)))
        if not low <= value <= high:
            raise _Bad(msg("error.out_of_range", value=str(value), range=f"{low:g}..{high:g}"))
        return kind(value)
    return parse


@dataclass(frozen=True)
class Key:
    """One known setting: how to parse it, its default, its variable and flag, and its help."""

    name: str
    parse: Callable[[Any, bool], Any]     # (value, raw text from env/flag?) -> value, or _Bad
    default: Any
    env: str
    flag: str
    help: str
    path: bool = False                    # a file name: relative ones resolve against the config file
    additive: bool = False                # flags add to the configured value instead of replacing it

    def given_as(self) -> str:
        """How a user gives it on the command line, as a source label."""
        return f"flag {self.flag}" if self.flag.startswith("-") else f"argument {self.flag}"


def _th(name: str) -> Any:
    return getattr(_DEFAULT_THRESHOLDS, name)


KEYS: tuple[Key, ...] = (
    Key("fail_on", _statuses, ("missed", "unreported"), "IPCHECK_FAIL_ON", "--fail-on",
        "statuses that make the exit status 1 (and needs_review)"),
    Key("lang", _lang, DEFAULT_LANG, "IPCHECK_LANG", "--lang", "language of the reports (zh-CN, en)"),
    Key("format", _text, None, "IPCHECK_FORMAT", "--format",
        "report format (default: from the output's extension, else text; batch: html)"),
    Key("template", _text, None, "IPCHECK_TEMPLATE", "--template", "render reports with this Jinja template",
        path=True),
    Key("outputs", _paths, (), "IPCHECK_OUTPUTS", "-o",
        f"report files written on every check, format by extension (env: separated by '{os.pathsep}')",
        path=True, additive=True),
    Key("thresholds.task_met", _number(float, 0, 1), _th("task_met"), "IPCHECK_TASK_MET", "--task-met",
        "match score from which a task's sentence proves it met"),
    Key("thresholds.task_review", _number(float, 0, 1), _th("task_review"), "IPCHECK_TASK_REVIEW",
        "--task-review", "match score from which a task's sentence is a lead to review"),
    Key("thresholds.target_name", _number(float, 0, 1), _th("target_name"), "IPCHECK_TARGET_NAME",
        "--target-name", "name match score from which a figure counts for a target"),
    Key("thresholds.evidence_limit", _number(int, 1, 100), _th("evidence_limit"), "IPCHECK_EVIDENCE_LIMIT",
        "--evidence-limit", "evidence sentences kept per item"),
    Key("jobs", _number(int, 1, 1024), None, "IPCHECK_JOBS", "--jobs", "batch worker processes (default: every core)"),
    Key("plan", _text, None, "IPCHECK_PLAN", "PLAN", "the plan checked when PLAN is omitted", path=True),
    Key("summary", _text, None, "IPCHECK_SUMMARY", "SUMMARY", "the summary checked when SUMMARY is omitted",
        path=True),
)
KEY_BY_NAME: dict[str, Key] = {k.name: k for k in KEYS}
_ENV_NAMES = {k.env: k for k in KEYS}
assert {f"thresholds.{f.name}" for f in fields(Thresholds)} <= set(KEY_BY_NAME), "a Thresholds field has no key"


@dataclass(frozen=True)
class Config:
    """The effective settings: every known key's value and source, and the file read (if any)."""

    file: str | None
    values: Mapping[str, Any]
    sources: Mapping[str, Source]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def thresholds(self) -> Thresholds:
        """The match thresholds for Settings(thresholds=...)."""
        return Thresholds(**{f.name: self.values[f"thresholds.{f.name}"] for f in fields(Thresholds)})

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the file and, per key, its value and source."""
        def plain(v: Any) -> Any:
            return list(v) if isinstance(v, tuple) else v
        return {"file": self.file,
                "settings": {k.name: {"value": plain(self.values[k.name]), "source": str(self.sources[k.name]),
                                      "env": k.env, "help": k.help} for k in KEYS}}


def _hint(name: str, known: Collection[str]) -> Message | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return msg("error.hint.did_you_mean_quoted", name=close[0]) if close else None


def _shown(path: str, cwd: str) -> str:
    """A found file as the user will recognise it: relative to the working directory."""
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:                # another drive (Windows)
        return path
    return rel if len(rel) < len(path) else path


def _resolve(path: str, folder: str, cwd: str) -> str:
    """``path`` from a config file in ``folder``, as seen from ``cwd`` (relative when inside it)."""
    full = os.path.normpath(os.path.join(folder, os.path.expanduser(path)))
    rel = os.path.relpath(full, cwd) if os.path.isabs(full) else full
    return rel if not rel.startswith(os.pardir) else full


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """{"thresholds": {"task_met": 0.5}} -> {"thresholds.task_met": 0.5}; one level only."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "thresholds" and isinstance(value, dict):
            out.update({f"thresholds.{k}": v for k, v in value.items()})
        else:
            out[str(key)] = value
    return out


def read_file(path: str, shown: str, cwd: str) -> dict[str, tuple[Any, Source]]:
    """Every setting of the config file at ``path`` (``shown`` names it in sources and errors)."""
    text = read_text(path, shown)
    parse = parse_yaml if path.endswith((".yaml", ".yml")) else parse_toml
    data, lines = parse(text, shown)
    folder = os.path.dirname(os.path.abspath(path))
    out: dict[str, tuple[Any, Source]] = {}
    for name, value in _flatten(data).items():
        line = lines.get(name) or lines.get(name.split(".")[0])
        key = KEY_BY_NAME.get(name)
        if key is None:
            raise IpcheckError(msg("error.unknown_setting", name=name), path=shown, line=line,
                               hint=_hint(name.replace("-", "_"), KEY_BY_NAME) or
                               msg("error.hint.known_settings", names=", ".join(KEY_BY_NAME)))
        try:
            parsed = key.parse(value, False)
        except _Bad as exc:
            raise IpcheckError(msg("error.prefixed", setting=name, detail=exc.said), path=shown, line=line) from None
        if key.path and parsed is not None:
            parsed = (tuple(_resolve(p, folder, cwd) for p in parsed) if isinstance(parsed, tuple)
                      else _resolve(parsed, folder, cwd))
        out[name] = (parsed, Source("file", f"{shown}:{line}" if line else shown, shown, line))
    return out


def read_env(environ: Mapping[str, str]) -> dict[str, tuple[Any, Source]]:
    """Settings from IPCHECK_* variables; a misspelt one is an error with a hint."""
    out: dict[str, tuple[Any, Source]] = {}
    for var in sorted(environ):
        if not var.startswith("IPCHECK_") or var in NOT_SETTINGS:
            continue
        key = _ENV_NAMES.get(var)
        if key is None:
            close = difflib.get_close_matches(var[8:], [k[8:] for k in _ENV_NAMES], n=1, cutoff=0.75)
            if close:
                raise IpcheckError(msg("error.unknown_env", name=var),
                                   hint=msg("error.hint.did_you_mean", name=f"IPCHECK_{close[0]}"))
            continue
        if not environ[var].strip():
            continue                      # IPCHECK_LANG= (empty) means unset, as in most shells' habits
        try:
            out[key.name] = (key.parse(environ[var], True), Source("env", f"env {var}"))
        except _Bad as exc:
            raise IpcheckError(msg("error.prefixed", setting=var, detail=exc.said)) from None
    return out


def load_config(cwd: str, environ: Mapping[str, str], flags: Mapping[str, Any] | None = None, *,
                config_file: str | None = None, no_config: bool = False,
                formats: Collection[str] = ()) -> Config:
    """The effective settings: defaults < config file < environment < ``flags`` (key name ->
    value; None values are ignored). ``config_file`` (else IPCHECK_CONFIG) names the file instead
    of discovering it; ``no_config`` reads none. ``formats`` lists the valid report formats."""
    if config_file and no_config:
        raise IpcheckError(msg("error.config_both"))
    layers: list[dict[str, tuple[Any, Source]]] = []
    explicit = config_file or (environ.get(CONFIG_ENV) or None)
    found = None
    if not no_config:
        if explicit:
            found, shown = (explicit if os.path.isabs(explicit) else os.path.join(cwd, explicit)), explicit
        else:
            found = discover(cwd)
            shown = _shown(found, cwd) if found else ""
        if found:
            layers.append(read_file(found, shown, cwd))
    layers.append(read_env(environ))
    given: dict[str, tuple[Any, Source]] = {}
    for name, value in (flags or {}).items():
        key = KEY_BY_NAME[name]
        if value is None or value == ():
            continue
        try:
            given[name] = (key.parse(value, False), Source("flag", key.given_as()))
        except _Bad as exc:
            raise IpcheckError(msg("error.prefixed", setting=key.flag, detail=exc.said)) from None
    values = {k.name: k.default for k in KEYS}
    sources = {k.name: DEFAULT for k in KEYS}
    for layer in layers:
        for name, (value, source) in layer.items():
            values[name], sources[name] = value, source
    for name, (value, source) in given.items():
        if KEY_BY_NAME[name].additive and values[name]:
            value = tuple(values[name]) + tuple(value)
            source = Source("flag", f"{sources[name]} + {source}", sources[name].path, sources[name].line)
        values[name], sources[name] = value, source
    _check_together(values, sources, formats)
    return Config(file=(shown if found else None), values=values, sources=sources)


def _where(source: Source) -> dict[str, Any]:
    return {"path": source.path, "line": source.line} if source.kind == "file" else {}


def _check_together(values: dict[str, Any], sources: dict[str, Source], formats: Collection[str]) -> None:
    """Checks across keys (and against the formats the reporters offer), naming the sources."""
    if formats and values["format"] is not None and values["format"] not in formats:
        raise IpcheckError(msg("error.unknown_format", value=repr(values["format"]), source=str(sources["format"])),
                           hint=msg("error.hint.choose_from", names=", ".join(sorted(formats))),
                           **_where(sources["format"]))
    met, review = values["thresholds.task_met"], values["thresholds.task_review"]
    if review > met:
        blame = sources["thresholds.task_review"]
        if blame.kind == "default":
            blame = sources["thresholds.task_met"]
        raise IpcheckError(msg("error.thresholds_order", review=f"{review:g}", review_source=str(sources["thresholds.task_review"]),
                               met=f"{met:g}", met_source=str(sources["thresholds.task_met"])),
                           hint=msg("error.hint.thresholds_order"), **_where(blame))
