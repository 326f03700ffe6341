"""The plan format's vocabulary and the typed checks of YAML nodes against it (used by plan.py)."""
from __future__ import annotations

import difflib
import json
import math
import re
from datetime import date, datetime
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator, TypeVar

import yaml

from ipcheck.errors import IpcheckError, Message, Problem, msg
from ipcheck.model import Measure, Op
from ipcheck.units import UNITS, Unit, magnitudes, scalable, unit as find_unit

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "plan.schema.json"

FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024    # larger files are refused before parsing
MAX_DEPTH = 50                 # deeper YAML nesting is refused while composing
MAX_PROBLEMS = 100             # a hostile file must not produce an unbounded report
YEAR_MIN, YEAR_MAX = 1900, 2100

# The allowed keys of each mapping, in schema order; tests check them against plan.schema.json.
TOP_KEYS = ("version", "plan", "targets", "tasks")
TOP_REQUIRED = ("version", "plan")
PLAN_KEYS = ("id", "title", "region", "issuer", "document_no", "issued", "period")
PLAN_REQUIRED = ("id", "title", "region")
PERIOD_KEYS = ("start", "end")
PERIOD_REQUIRED = ("start", "end")
TARGET_KEYS = ("id", "metric", "aliases", "exclude", "measure", "op", "value", "unit", "due",
               "source", "of", "baseline", "every")
TARGET_REQUIRED = ("id", "metric", "measure", "op", "value", "unit")
# A baseline is a number (main's form: the start value) or {year, value, source} (its year known).
BASELINE_KEYS = ("year", "value", "source")
BASELINE_REQUIRED = ("year", "value")
TASK_KEYS = ("id", "title", "keywords", "owners", "due", "section", "every")
EVERY = ("year", "quarter")  # how often a recurring item is due (每年/年度, 每季度)
TASK_REQUIRED = ("id", "title")

OP_ALIASES: dict[str, Op] = {"≥": Op.GE, "≤": Op.LE, "＞": Op.GT, "＜": Op.LT}
OPS: dict[str, Op] = {**{o.value: o for o in Op}, **OP_ALIASES}
MEASURES: dict[str, Measure] = {m.value: m for m in Measure}


def unit_names() -> list[str]:
    """The units a plan may name, as the schema lists them: the unit data's units (ipcheck.units)
    and the full-width percent sign the loader reads as %. tools/gen_plan_schema.py writes them."""
    return list(UNITS) + [name for name in ("\uff05",) if find_unit(name) is not None and name not in UNITS]


def scaled_unit_pattern() -> str:
    """The schema's pattern for a magnitude before a scalable unit (万件, 千万元), from the unit data."""
    def alternation(names: list[str]) -> str:
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return f"^(?:{alternation(list(magnitudes()))})(?:{alternation(list(scalable()))})$"


def unit_fits(measure: Measure, u: Unit) -> bool:
    """Whether a target of ``measure`` may be stated in unit ``u``: rates must be in %, and a
    growth may also be a difference in 个百分点; a level may use any known unit."""
    if measure is Measure.LEVEL or u.name == "%":
        return True
    return measure is Measure.GROWTH and u.family == "points"


DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
ALIAS_TAG = "!ipcheck/alias"  # placeholder for a refused alias; its problem is already recorded
_Y = "tag:yaml.org,2002:"
MAP_TAG, SEQ_TAG = _Y + "map", _Y + "seq"
SCALAR_TAGS = frozenset(_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
BAD: Any = object()           # a value that was wrong and has been reported
T = TypeVar("T")


def node_line(node: yaml.Node) -> int:
    """The 1-based line a node starts on, as problems report it."""
    return node.start_mark.line + 1


def kind_of(value: Any) -> Message | str:
    """How a wrong value reads in a message: 'a list', 'a string', 'nothing (null)' ..."""
    if isinstance(value, yaml.MappingNode):
        return msg("error.kind.mapping")
    if isinstance(value, yaml.SequenceNode):
        return msg("error.kind.list")
    for typ, key in ((type(None), "error.kind.null"), (bool, "error.kind.boolean"), (int, "error.kind.integer"),
                     (float, "error.kind.decimal"), (datetime, "error.kind.datetime"), (date, "error.kind.date"),
                     (str, "error.kind.string")):
        if isinstance(value, typ):
            return msg(key)
    return type(value).__name__


# Words people write for a key of another name: a deadline is a due year, not a baseline.
KEY_SYNONYMS = {"deadline": "due", "year": "due", "by": "due", "recurring": "every", "repeat": "every",
                "denominator": "of", "base": "baseline", "start": "baseline"}


def hint(word: str, options: list[str], other: str = "error.hint.expected_one_of") -> Message:
    """'did you mean ...?' for a near miss (or a reversed operator), else what is allowed
    (``other``: the key that lists them)."""
    close = [word[::-1]] if word[::-1] in options else \
        [KEY_SYNONYMS[word]] if KEY_SYNONYMS.get(word) in options else difflib.get_close_matches(word, options, 1)
    return msg("error.hint.did_you_mean_quoted", name=close[0]) if close else msg(other, names=", ".join(options))


class Checker:
    """Walks composed YAML nodes, turning them into values and collecting every problem."""

    def __init__(self, path: str, loader: yaml.SafeLoader) -> None:
        self.path, self.loader = path, loader
        self.problems: list[Problem] = []
        self.ids: dict[str, int] = {}

    def add(self, where: yaml.Node | int | None, message: Message) -> None:
        line = node_line(where) if isinstance(where, yaml.Node) else where
        self.problems.append(Problem(self.path, line, message))

    def fields(self, node: yaml.Node, ctx: str, what: Message, allowed: tuple[str, ...],
               required: tuple[str, ...]) -> dict[str, yaml.Node] | None:
        """The value nodes of a mapping by key, reporting unknown, duplicate and missing keys."""
        if node.tag == ALIAS_TAG:
            return None
        got = self.value(node, ctx, what)
        if got is BAD:
            return None
        if not isinstance(got, yaml.MappingNode):
            self.add(node, msg("error.must_be_mapping", ctx=ctx, what=what, got=kind_of(got)))
            return None
        out: dict[str, yaml.Node] = {}
        first: dict[str, int] = {}
        for key, value in node.value:
            if key.tag == ALIAS_TAG:
                continue
            if not isinstance(key, yaml.ScalarNode):
                self.add(key, msg("error.plain_keys", ctx=ctx, got=kind_of(key)))
                continue
            name = key.value
            if name in first:
                self.add(key, msg("error.duplicate_key", ctx=ctx, name=name, line=first[name]))
                continue
            first[name] = node_line(key)
            if name not in allowed:
                self.add(key, msg("error.unknown_key", ctx=ctx, name=name,
                                        hint=hint(name, list(allowed), "error.hint.allowed")))
                continue
            out[name] = value
        for name in required:
            if name not in first:
                self.add(node, msg("error.missing_field", ctx=ctx, name=name))
        return out

    def value(self, node: yaml.Node, ctx: str, field: str) -> Any:
        """The Python value of a scalar node, the node itself for a list or mapping, or BAD."""
        if node.tag == ALIAS_TAG:
            return BAD
        if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_TAGS:
            try:
                return self.loader.construct_object(node)
            except (yaml.YAMLError, ValueError, OverflowError):
                self.add(node, msg("error.bad_value", ctx=ctx, field=field, value=node.value[:40]))
                return BAD
        if isinstance(node, yaml.ScalarNode) or node.tag != (
                MAP_TAG if isinstance(node, yaml.MappingNode) else SEQ_TAG):
            self.add(node, msg("error.bad_tag", ctx=ctx, field=field, tag=node.tag))
            return BAD
        return node

    def wrong(self, node: yaml.Node, ctx: str, field: str, expected: Message, got: Any) -> None:
        self.add(node, msg("error.must_be", ctx=ctx, field=field, expected=expected, got=kind_of(got)))

    def text(self, node: yaml.Node, ctx: str, field: str) -> str | None:
        """A non-empty string, stripped."""
        v = self.value(node, ctx, field)
        if v is BAD:
            return None
        if not isinstance(v, str):
            return self.wrong(node, ctx, field, msg("error.kind.string"), v)
        if not v.strip():
            return self.add(node, msg("error.not_empty", ctx=ctx, field=field))
        return v.strip()

    def texts(self, node: yaml.Node, ctx: str, field: str) -> tuple[str, ...] | None:
        """A list of non-empty strings, each stripped."""
        v = self.value(node, ctx, field)
        if v is BAD:
            return None
        if not isinstance(v, yaml.SequenceNode):
            return self.wrong(node, ctx, field, msg("error.kind.strings"), v)
        items = [self.text(item, ctx, f"{field}[{i}]") for i, item in enumerate(v.value)]
        return None if None in items else tuple(items)  # type: ignore[arg-type]

    def ident(self, node: yaml.Node, ctx: str, field: str) -> str | None:
        """A target or task id: a non-empty string, or an integer turned into a string."""
        v = self.value(node, ctx, field)
        if isinstance(v, int) and not isinstance(v, bool):
            return str(v)
        if v is BAD or not isinstance(v, str):
            return None if v is BAD else self.wrong(node, ctx, field, msg("error.kind.id"), v)
        return self.text(node, ctx, field)

    def number(self, node: yaml.Node, ctx: str, field: str) -> int | float | None:
        """An int or float (never a bool or a numeric string), finite."""
        v = self.value(node, ctx, field)
        if v is BAD:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return self.wrong(node, ctx, field, msg("error.kind.number"), v)
        try:
            finite = math.isfinite(v)
        except OverflowError:
            finite = False
        return v if finite else self.add(node, msg("error.finite", ctx=ctx, field=field))

    def year(self, node: yaml.Node, ctx: str, field: str, dates: bool = True) -> int | None:
        """A year: an integer or, when ``dates``, a date (YAML date or 'YYYY-MM-DD') → its year."""
        day = self.day(node, ctx, field, years=True) if dates else self.value(node, ctx, field)
        if day is None or day is BAD:
            return None
        y = day.year if isinstance(day, date) else day
        if isinstance(y, bool) or not isinstance(y, int):
            return self.wrong(node, ctx, field, msg("error.kind.year"), y)
        if not YEAR_MIN <= y <= YEAR_MAX:
            return self.add(node, msg("error.year_range", ctx=ctx, field=field, year=y, low=YEAR_MIN, high=YEAR_MAX))
        return y

    def day(self, node: yaml.Node, ctx: str, field: str, years: bool = False) -> Any:
        """A date from a YAML date or a 'YYYY-MM-DD' string; with ``years`` a bare int passes."""
        v = self.value(node, ctx, field)
        if v is BAD:
            return None
        if isinstance(v, str) and DATE_RE.match(v.strip()):
            try:
                v = date.fromisoformat(v.strip())
            except ValueError:
                return self.add(node, msg("error.bad_date", ctx=ctx, field=field, value=v.strip()))
        if years and isinstance(v, int) and not isinstance(v, bool):
            return v
        if not isinstance(v, date) or isinstance(v, datetime):
            expected = msg("error.kind.year_or_date" if years else "error.kind.iso_date")
            return self.wrong(node, ctx, field, expected, v)
        if not YEAR_MIN <= v.year <= YEAR_MAX:
            return self.add(node, msg("error.year_range", ctx=ctx, field=field, year=v.year, low=YEAR_MIN,
                                       high=YEAR_MAX))
        return v

    def choice(self, node: yaml.Node, ctx: str, field: str, options: dict[str, T],
               shown: list[str]) -> T | None:
        """One of ``options`` by name, with a did-you-mean hint over ``shown`` otherwise."""
        v = self.text(node, ctx, field)
        if v is None or v in options:
            return None if v is None else options[v]
        return self.add(node, msg("error.unknown_field", ctx=ctx, field=field, value=v, hint=hint(v, shown)))

    def unit(self, node: yaml.Node, ctx: str) -> Unit | None:
        """A unit known to ipcheck.units, by its canonical entry."""
        v = self.text(node, ctx, "unit")
        u = find_unit(v) if v is not None else None
        if v is not None and u is None:
            close = difflib.get_close_matches(v, list(UNITS), 1)
            hint = msg("error.hint.did_you_mean_quoted", name=close[0]) if close else msg("error.hint.known_units")
            self.add(node, msg("error.unknown_unit", ctx=ctx, value=v, hint=hint))
        return u

    def claim_id(self, ident: str | None, node: yaml.Node | None, ctx: str) -> None:
        """Record an id, reporting it if a target or task already uses it."""
        if ident is None or node is None:
            return
        if ident in self.ids:
            self.add(node, msg("error.duplicate_id", ctx=ctx, id=ident, line=self.ids[ident]))
        else:
            self.ids[ident] = node_line(node)


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the plan format shipped with ipcheck (for editors and tests)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def yaml_syntax_problem(path: str, text: str, err: yaml.YAMLError) -> Problem:
    """One-line Problem for any YAML parser error (plans, reviews, config, manifests), at the
    line the parser names or, for a character YAML does not allow, the line it is on."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    else:  # a ReaderError: a character YAML does not allow, located by its offset
        line = text.count("\n", 0, getattr(err, "position", 0) or 0) + 1
    what = getattr(err, "problem", None) or getattr(err, "context", None) or str(err)
    if isinstance(err, yaml.reader.ReaderError):
        what = f"unacceptable character #x{err.character:04x}" if isinstance(
            err.character, int) else f"unacceptable character {err.character!r}"
    detail = yaml_words(" ".join(str(what).split()))
    context, start = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and start is not None and start.line + 1 != line:
        detail = msg("error.yaml_started", detail=detail, context=" ".join(context.split()), line=start.line + 1)
    return Problem(path, line, msg("error.yaml_syntax", detail=detail))


# PyYAML's own words for the commonest syntax errors, read into the catalogue entries that say them
# in every language; any other text of PyYAML's is shown as PyYAML wrote it.
_YAML_WORDS = ((re.compile(r"mapping values are not allowed here"), "error.yaml_mapping_values"),
               (re.compile(r"found character '(?P<char>.+?)' that cannot start any token", re.DOTALL),
                "error.yaml_token"),
               (re.compile(r"could not find expected '(?P<char>.+?)'", re.DOTALL), "error.yaml_expected"),
               (re.compile(r"unacceptable character (?P<char>.+?)", re.DOTALL), "error.yaml_character"),
               (re.compile(r"found unexpected end of stream"), "error.yaml_end"),
               (re.compile(r"expected the node content, but found '(?P<found>.+?)'", re.DOTALL), "error.yaml_node"),
               (re.compile(r"expected (?P<expected_token>.+?), but found (?P<found>.+?)", re.DOTALL),
                "error.yaml_but_found"),
               (re.compile(r"expected a single document in the stream"), "error.yaml_single"))


def yaml_words(text: str) -> Message | str:
    """PyYAML's description of a syntax error as a catalogue entry when it is one of the known
    phrases (_YAML_WORDS), else as PyYAML wrote it."""
    for pattern, key in _YAML_WORDS:
        m = pattern.fullmatch(text)
        if m:
            return msg(key, **m.groupdict())
    return text


@contextmanager
def yaml_errors(path: str, text: str) -> Iterator[None]:
    """Turn whatever reading YAML ``text`` raises into one IpcheckError naming ``path`` (and the
    line): a syntax error, nesting too deep, a value Python cannot hold (0000-00-00)."""
    try:
        yield
    except yaml.YAMLError as exc:
        problem = yaml_syntax_problem(path, text, exc)
        raise IpcheckError(problem.said, path=path, line=problem.line) from None
    except RecursionError:
        raise IpcheckError(msg("error.yaml_syntax", detail=msg("error.yaml_too_deep")), path=path) from None
    except (ValueError, OverflowError) as exc:
        raise IpcheckError(msg("error.yaml_value", detail=str(exc)), path=path) from None
