"""Load a plan file (format version 1) into a ``Plan``, reporting every problem with its line."""
from __future__ import annotations

import codecs
import os
import re
from typing import Any, Callable

import yaml

from ipcheck.errors import Message, PlanError, PlanUnreadable, Problem, hinted, msg, os_reason
from ipcheck.model import Measure, Op, Period, Plan, PlanMeta, Target, Task
from ipcheck.units import exact
from ipcheck.plans.schema import (ALIAS_TAG, BASELINE_KEYS, BASELINE_REQUIRED, yaml_syntax_problem, BAD, FORMAT_VERSION, MAX_BYTES, MAX_DEPTH, MAX_PROBLEMS,
                          MEASURES, OPS, PERIOD_KEYS, PERIOD_REQUIRED, PLAN_KEYS, PLAN_REQUIRED,
                          TARGET_KEYS, TARGET_REQUIRED, TASK_KEYS, EVERY, TASK_REQUIRED, TOP_KEYS,
                          TOP_REQUIRED, Checker, node_line, unit_fits)

_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
# Used with match(); written so that no run of blanks is scanned twice (\s*-?\s*op was
# quadratic on a line of blanks next to a YAML error: hours for a few MB).
_FOLDED_OP_RE = re.compile(r"(?<!\s)\s*(?:-\s*)?op\s*:\s*[>|]")


class _Refused(Exception):
    """Composing stopped on purpose (nesting too deep); carries the problem's line and text."""

    def __init__(self, line: int, message: Message) -> None:
        super().__init__(message.key)
        self.line, self.message = line, message


class _PlanLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and deep nesting while composing, so hostile YAML stays
    cheap: an alias becomes a placeholder node and is reported, never expanded."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.alias_lines: dict[int, str] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.alias_lines.setdefault(event.start_mark.line + 1, event.anchor)
            return yaml.ScalarNode(ALIAS_TAG, "", event.start_mark, event.end_mark)
        if self.depth >= MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise _Refused(line, msg("error.yaml_deep", n=MAX_DEPTH))
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _item_ctx(node: yaml.Node, kind: str, index: int) -> str:
    """'targets[2] (T11a)': the item's place, with its id as written when there is one."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode) \
                    and value.tag != ALIAS_TAG and value.value.strip():
                return f"{kind}[{index}] ({value.value.strip()[:40]})"
    return f"{kind}[{index}]"


def _target(chk: Checker, node: yaml.Node, index: int) -> Target | None:
    ctx = _item_ctx(node, "targets", index)
    before = len(chk.problems)
    f = chk.fields(node, ctx, msg("error.what.target"), TARGET_KEYS, TARGET_REQUIRED)
    if f is None:
        return None

    def get(key: str, fn: Callable[..., Any], default: Any = None) -> Any:
        return fn(f[key], ctx, key) if key in f else default

    ident = get("id", chk.ident)
    chk.claim_id(ident, f.get("id"), ctx)
    metric, aliases, exclude = get("metric", chk.text), get("aliases", chk.texts, ()), \
        get("exclude", chk.texts, ())
    measure = get("measure", lambda n, c, k: chk.choice(n, c, k, MEASURES, list(MEASURES)))
    op = get("op", lambda n, c, k: chk.choice(n, c, k, OPS, [o.value for o in Op]))
    value, due, source = get("value", chk.number), get("due", chk.year), get("source", chk.text)
    of, every = get("of", chk.text), _every(chk, f, ctx)
    u = chk.unit(f["unit"], ctx) if "unit" in f else None
    if measure is not None and u is not None and not unit_fits(measure, u):
        allowed = "'%' or '个百分点'" if measure is Measure.GROWTH else "'%'"
        chk.add(f["unit"], msg("error.unit_measure", ctx=ctx, unit=u.name, measure=measure.value, allowed=allowed))
    baseline = _baseline(chk, f["baseline"], ctx, due) if "baseline" in f else (None, None, None)
    required = (ident, metric, measure, op, value, u, aliases, exclude)
    if len(chk.problems) > before or any(x is None for x in required):
        return None
    return Target(id=ident, metric=metric, measure=measure, op=op, value=exact(value), unit=u.name,
                  due=due, aliases=aliases, exclude=exclude, source=source, line=node_line(node),
                  of=of, baseline=None if baseline[0] is None else exact(baseline[0]), baseline_year=baseline[1], baseline_source=baseline[2], every=every)


def _every(chk: Checker, f: dict[str, yaml.Node], ctx: str) -> str | None:
    """The optional ``every`` of a target or task: how often it recurs."""
    if "every" not in f:
        return None
    return chk.choice(f["every"], ctx, "every", {e: e for e in EVERY}, list(EVERY))


def _baseline(chk: Checker, node: yaml.Node, ctx: str, due: int | None
              ) -> tuple[float | None, int | None, str | None]:
    """A target's baseline: a number (the start value) or {year, value[, source]}, the base year
    before the due year; (value, year, source), Nones where not given or wrong."""
    where = f"{ctx}.baseline"
    if isinstance(node, yaml.ScalarNode) and node.tag != ALIAS_TAG:
        return chk.number(node, ctx, "baseline"), None, None
    f = chk.fields(node, where, msg("error.what.baseline"), BASELINE_KEYS, BASELINE_REQUIRED)
    if f is None:
        return None, None, None
    year = chk.year(f["year"], where, "year", dates=False) if "year" in f else None
    value = chk.number(f["value"], where, "value") if "value" in f else None
    source = chk.text(f["source"], where, "source") if "source" in f else None
    if year is not None and due is not None and year >= due:
        chk.add(f["year"], msg("error.base_year", ctx=where, year=year, due=due))
        return None, None, None
    return value, year, source


def _task(chk: Checker, node: yaml.Node, index: int) -> Task | None:
    ctx = _item_ctx(node, "tasks", index)
    before = len(chk.problems)
    f = chk.fields(node, ctx, msg("error.what.task"), TASK_KEYS, TASK_REQUIRED)
    if f is None:
        return None
    ident = chk.ident(f["id"], ctx, "id") if "id" in f else None
    chk.claim_id(ident, f.get("id"), ctx)
    title = chk.text(f["title"], ctx, "title") if "title" in f else None
    keywords = chk.texts(f["keywords"], ctx, "keywords") if "keywords" in f else ()
    owners = chk.texts(f["owners"], ctx, "owners") if "owners" in f else ()
    due = chk.year(f["due"], ctx, "due") if "due" in f else None
    section = chk.text(f["section"], ctx, "section") if "section" in f else None
    every = _every(chk, f, ctx)
    if len(chk.problems) > before or None in (ident, title, keywords, owners):
        return None
    return Task(id=ident, title=title, keywords=keywords, owners=owners, due=due,  # type: ignore
                section=section, line=node_line(node), every=every)


def _meta(chk: Checker, node: yaml.Node) -> PlanMeta | None:
    f = chk.fields(node, "plan", msg("error.what.plan"), PLAN_KEYS, PLAN_REQUIRED)
    if f is None:
        return None
    got = {k: chk.text(f[k], "plan", k) for k in ("id", "title", "region", "issuer",
                                                  "document_no") if k in f}
    if got.get("id") is not None and not _SLUG_RE.match(got["id"]):
        chk.add(f["id"], msg("error.plan_slug", got=got["id"]))
        got["id"] = None
    issued = chk.day(f["issued"], "plan", "issued") if "issued" in f else None
    period = None
    if "period" in f:
        p = chk.fields(f["period"], "plan.period", msg("error.what.period"), PERIOD_KEYS, PERIOD_REQUIRED)
        years = {k: chk.year(p[k], "plan.period", k, dates=False) for k in p} if p else {}
        start, end = years.get("start"), years.get("end")
        if start is not None and end is not None:
            if start > end:
                chk.add(f["period"], msg("error.plan_period", start=start, end=end))
            period = Period(start, end)
    if any(got.get(k) is None for k in PLAN_REQUIRED):
        return None
    return PlanMeta(id=got["id"], title=got["title"], region=got["region"],
                    issuer=got.get("issuer"), document_no=got.get("document_no"),
                    issued=issued.isoformat() if issued else None, period=period)


def _plan(chk: Checker, root: yaml.Node) -> Plan | None:
    top = chk.fields(root, "plan file", msg("error.what.top"), TOP_KEYS, TOP_REQUIRED)
    if top is None:
        return None
    if "version" in top:
        v = chk.value(top["version"], "plan file", "version")
        if isinstance(v, int) and not isinstance(v, bool) and v != FORMAT_VERSION:
            chk.add(top["version"], msg("error.plan_version", version=v, known=FORMAT_VERSION))
        elif v is not BAD and (not isinstance(v, int) or isinstance(v, bool)):
            chk.wrong(top["version"], "plan file", "version", msg("error.kind.the_integer", n=FORMAT_VERSION), v)
    meta = _meta(chk, top["plan"]) if "plan" in top else None
    items: dict[str, list[Any]] = {"targets": [], "tasks": []}
    count, listed = 0, True
    for key, build in (("targets", _target), ("tasks", _task)):
        if key not in top:
            continue
        seq = chk.value(top[key], "plan file", key)
        if not isinstance(seq, yaml.SequenceNode):
            listed = False
            if seq is not BAD:
                chk.wrong(top[key], "plan file", key, msg("error.kind.list"), seq)
            continue
        count += len(seq.value)
        items[key] = [build(chk, node, i) for i, node in enumerate(seq.value)]
    if count == 0 and listed:
        chk.add(root, msg("error.plan_needs_items"))
    if meta is None or chk.problems:
        return None
    return Plan(meta=meta, targets=tuple(items["targets"]), tasks=tuple(items["tasks"]),
                path=chk.path)


def _syntax_problem(path: str, text: str, err: yaml.YAMLError) -> Problem:
    """One-line Problem for a YAML parser error, with a hint for an unquoted operator."""
    problem = yaml_syntax_problem(path, text, err)
    line = problem.line or 1
    if any(_FOLDED_OP_RE.match(s) for s in text.splitlines()[max(0, line - 3):line]):
        return Problem(path, problem.line, hinted(problem.said, msg("error.hint.quote_op")))
    return problem


def _finish(problems: list[Problem], path: str) -> PlanError:
    """All problems, sorted by line and capped so a hostile file gives a bounded report."""
    problems.sort(key=lambda p: p.line or 0)
    if len(problems) > MAX_PROBLEMS:
        extra = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [Problem(path, None, msg("error.more_problems", n=extra))]
    return PlanError(problems)


def parse_plan(text: str, path: str = "<plan>") -> Plan:
    """Parse plan ``text`` (``path`` names it in problems and becomes ``Plan.path``).

    Raises PlanError listing every problem found, each with its line, so a user can fix the
    whole file in one pass instead of one error per run.
    """
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise PlanUnreadable([Problem(path, None, msg("error.plan_too_large"))])
    text = text.removeprefix("\ufeff")
    problems: list[Problem] = []
    root, plan, loader = None, None, None
    try:
        try:
            loader = _PlanLoader(text)
            root = loader.get_single_node()
        except _Refused as err:
            problems.append(Problem(path, err.line, err.message))
        except yaml.YAMLError as err:
            problems.append(_syntax_problem(path, text, err))
        aliases = loader.alias_lines.items() if loader else ()
        problems += [Problem(path, line, msg("error.yaml_alias", anchor=anchor)) for line, anchor in aliases]
        if root is None and not problems:
            raise PlanError([Problem(path, None, msg("error.plan_empty"))])
        if root is not None and loader is not None:
            chk = Checker(path, loader)
            plan = _plan(chk, root)
            problems += chk.problems
    finally:
        if loader is not None:
            loader.dispose()
    if problems or plan is None:
        raise _finish(problems or [Problem(path, None, msg("error.plan_invalid"))], path)
    return plan


def _decode(data: bytes, path: str) -> str:
    """Text of a plan file: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030."""
    def fail(key: str) -> PlanError:
        return PlanUnreadable([Problem(path, None, msg(key))])

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail("error.plan_utf16") from None
    if b"\x00" in data[:8192]:
        raise fail("error.plan_binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise fail("error.plan_encoding")


def plan_from_bytes(data: bytes, name: str) -> Plan:
    """The plan held in ``data`` (standard input's bytes), named ``name`` in problems; the same
    rules and errors as load_plan."""
    if len(data) > MAX_BYTES:
        raise PlanUnreadable([Problem(name, None, msg("error.plan_too_large"))])
    return parse_plan(_decode(data, name), name)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and parse the plan file at ``path``; ``Plan.path`` keeps ``path`` as given.

    Raises PlanError (one problem naming the file) when it cannot be read, is too large, cannot
    be decoded or is empty, and PlanError with every problem when its content is invalid.
    """
    name = os.fspath(path)

    def fail(message: Message) -> PlanError:
        return PlanUnreadable([Problem(name, None, message)])

    if os.path.isdir(name):
        raise fail(msg("error.plan_is_dir"))
    try:
        with open(name, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail(msg("error.plan_not_found")) from None
    except OSError as err:
        raise fail(msg("error.plan_unreadable", reason=os_reason(err))) from None
    if len(data) > MAX_BYTES:
        raise fail(msg("error.plan_too_large"))
    return parse_plan(_decode(data, name), name)
