"""`ipcheck review`: record, clear or list a person's decisions on plan items (ipcheck.reviews)."""
from __future__ import annotations

import difflib
import getpass
import os

import click

from ipcheck.cli import EXIT_OK, STATUSES, _guarded, main
from ipcheck.errors import IpcheckError


@main.command("review")
@click.argument("item", required=False)
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False),
              help="The plan (YAML; default: `plan` in the configuration).")
@click.option("--summary", type=click.Path(dir_okay=False),
              help="The summary the decision is about (default: `summary` in the configuration; needed "
                   "to record or clear; with --list, shows whether each decision still applies to it).")
@click.option("--status", metavar="|".join(STATUSES), help="The status you decide.")
@click.option("--reason", help="Why (required to record): what you checked.")
@click.option("--by", help="Who decides (default: $IPCHECK_REVIEWER, else your login name).")
@click.option("--reviews", "reviews_path", type=click.Path(dir_okay=False),
              help="The reviews file (default: beside the plan, <plan>.reviews.yaml).")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (as for check).")
@click.option("--clear", is_flag=True, help="Remove the decision on ITEM for SUMMARY.")
@click.option("--list", "list_", is_flag=True, help="List the recorded decisions, applied or stale.")
@click.option("--line", type=click.IntRange(1),
              help="The summary line your decision rests on: it stays applied while that sentence is unchanged.")
@click.option("--reconfirm", is_flag=True,
              help="Show each stale decision on SUMMARY with what changed, and apply it again when you say so.")
@click.option("--yes", is_flag=True, help="With --reconfirm: apply every stale decision again without asking (scripts).")
@click.option("--next", "next_", is_flag=True,
              help="Step through SUMMARY's items that need review one by one (in a terminal; else show the next).")
@click.option("--lang", help="Language of --reconfirm and --next: zh-CN (default) or en.")
@click.pass_context
def review_command(ctx: click.Context, item: str | None, plan_path: str | None, summary: str | None,
                   status: str | None, reason: str | None, by: str | None, reviews_path: str | None,
                   year: int | None, clear: bool, list_: bool, line: int | None = None, reconfirm: bool = False,
                   yes: bool = False, next_: bool = False, lang: str | None = None) -> None:
    """Record a decision on ITEM of PLAN for SUMMARY; later checks apply it while neither changes.

    A decision whose summary or plan item has changed since is stale: reports show it, the
    tool's verdict stands and the item needs review again. The tool's verdict is taken with the
    configured thresholds, as `ipcheck check` takes it."""
    from ipcheck.cli.config import effective
    cfg = effective(ctx, {"plan": plan_path, "summary": summary})
    plan_path, summary, thresholds = cfg["plan"], cfg["summary"], cfg.thresholds()
    if plan_path is None:
        raise click.UsageError("Missing option '--plan' (or `plan` in ipcheck.toml).", ctx)
    if yes and not reconfirm:
        raise click.UsageError("--yes goes with --reconfirm", ctx)
    if reconfirm or next_:
        _steps(ctx, item, summary, status, reason, clear, list_, line, reconfirm, next_, yes, plan_path,
               reviews_path, by, year, thresholds, lang)
    if list_:
        if item is not None or status or reason or clear:
            raise click.UsageError("--list takes only --plan, --summary, --reviews and --year", ctx)
    else:
        if item is None:
            raise click.UsageError("Missing argument 'ITEM' (or use --list).", ctx)
        if summary is None:
            raise click.UsageError("Missing option '--summary' (or `summary` in ipcheck.toml).", ctx)
        if clear and (status or reason):
            raise click.UsageError("--clear takes no --status or --reason", ctx)
        if not clear and status is None:
            raise click.UsageError("Missing option '--status' (or use --clear).", ctx)
    if line is not None and (clear or list_):
        raise click.UsageError("--line goes with a decision (ITEM --status --reason)", ctx)
    path = reviews_path
    ctx.exit(_guarded(ctx, lambda: _run(item, plan_path, summary, status, reason, by, path, year, clear, list_,
                                                 thresholds, line)))


def _steps(ctx: click.Context, item, summary, status, reason, clear, list_, line, reconfirm: bool, next_: bool,
           yes: bool, plan_path: str, reviews_path, by, year, thresholds, lang) -> None:
    """--reconfirm or --next: check the options, run, exit."""
    from ipcheck.cli.review_steps import run_next, run_reconfirm
    from ipcheck.i18n import DEFAULT_LANG, check_lang
    if reconfirm and next_:
        raise click.UsageError("give --reconfirm or --next, not both", ctx)
    if item is not None or status or reason or clear or list_ or line is not None:
        raise click.UsageError(f"{'--reconfirm' if reconfirm else '--next'} takes only --plan, --summary, --reviews, "
                               "--year, --by, --lang" + (" and --yes" if reconfirm else ""), ctx)
    if summary is None:
        raise click.UsageError("Missing option '--summary' (or `summary` in ipcheck.toml).", ctx)

    def run() -> int:
        language = check_lang(lang) if lang else DEFAULT_LANG
        if reconfirm:
            return run_reconfirm(plan_path, summary, reviews_path, _reviewer(by), year, thresholds, yes, language)
        return run_next(plan_path, summary, reviews_path, by, year, thresholds, language)
    ctx.exit(_guarded(ctx, run))


def _reviewer(by: str | None) -> str:
    """--by, else $IPCHECK_REVIEWER, else the login name; never empty."""
    name = (by if by is not None else os.environ.get("IPCHECK_REVIEWER") or _login()).strip()
    if not name:
        raise IpcheckError("name the reviewer with --by NAME (or set IPCHECK_REVIEWER)")
    return name


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _run(item: str | None, plan_path: str, summary: str | None, status: str | None, reason: str | None,
         by: str | None, reviews_path: str | None, year: int | None, clear: bool, list_: bool,
         thresholds=None, line: int | None = None) -> int:
    from ipcheck import reviews
    from ipcheck.plans.loader import load_plan

    plan = load_plan(plan_path)
    path = reviews_path or reviews.default_path(plan_path)
    existing = reviews.load(path) if os.path.exists(path) else ()
    if list_:
        for line in _listing(plan, existing, summary, year, thresholds):
            click.echo(line)
        return EXIT_OK
    assert item is not None and summary is not None
    items = reviews.plan_items(plan)
    if item not in items:
        close = difflib.get_close_matches(item, list(items), 3, 0.3)
        hint = f"did you mean {', '.join(close)}?" if close else "plan ids: " + ", ".join(list(items)[:12])
        raise IpcheckError(f"no item '{item}' in the plan", path=plan_path, hint=hint)
    name = reviews.summary_key(summary, path)
    if clear:
        kept = tuple(d for d in existing if (d.item, d.summary) != (item, name))
        if len(kept) == len(existing):
            raise IpcheckError(f"no decision on {item} for {name} to clear", path=path)
        reviews.save(path, kept, inputs=(plan_path, summary))
        click.echo(f"cleared the decision on {item} for {name} in {path}")
        return EXIT_OK
    if status not in STATUSES:
        close = difflib.get_close_matches(status or "", STATUSES, 1)
        raise IpcheckError(f"unknown status '{status}'", hint=f"did you mean {close[0]}?" if close
                           else "choose from " + ", ".join(STATUSES))
    if reason is None or not reason.strip():
        raise IpcheckError("a decision needs a reason: --reason \"what you checked\"")
    new = _decide(plan, summary, name, item, status or "", " ".join(reason.split()), _reviewer(by), year,
                  thresholds, line)
    reviews.save(path, reviews.record(existing, new), inputs=(plan_path, summary))
    click.echo(f"recorded {item} {new.status.value} (tool: {new.tool_status.value}) by {new.by} "
               f"for {name} in {path}")
    return EXIT_OK


def tool_check(plan, summary: str, year: int | None, thresholds=None):
    """(document, the tool's own report on it: no decisions applied)."""
    from ipcheck.check import Settings, check
    from ipcheck.inputs.documents import read_document

    document = read_document(summary)
    return document, check(plan, document, Settings(year=year) if thresholds is None
                           else Settings(year=year, thresholds=thresholds))


def sentences_at(document, line: int, year: int | None) -> tuple[str, ...]:
    """The sentences of the summary's ``line`` as written; an error when it has none."""
    from ipcheck.reading.text import segment

    found = tuple(s.text for s in segment(document, year=year) if s.line == line)
    if not found:
        raise IpcheckError(f"line {line} has no sentence to tie the decision to", path=document.path)
    return found


def _decide(plan, summary: str, key: str, item: str, status: str, reason: str, by: str, year: int | None,
            thresholds=None, line: int | None = None):
    """A new Decision on ``item`` for the summary recorded as ``key``: the tool's verdict on it
    now, tied to the evidence it rests on (and to the sentences of ``line``, when named)."""
    from ipcheck import reviews
    from ipcheck.model import Status

    document, report = tool_check(plan, summary, year, thresholds)
    verdict = next(v for v in report.verdicts if v.item_id == item)
    pointed = sentences_at(document, line, report.summary_year) if line is not None else ()
    return reviews.decision_on(verdict, reviews.plan_items(plan)[item], document, summary=key, status=Status(status),
                               reason=reason, by=by, date=reviews.now(), pointed=pointed)


def _listing(plan, decisions, summary: str | None, year: int | None = None, thresholds=None) -> list[str]:
    """One line per decision: item, summary, human and tool status, state, who, when, why."""
    from ipcheck import reviews

    items = reviews.plan_items(plan)
    printed, verdicts, text = None, {}, None
    if summary is not None:
        document, report = tool_check(plan, summary, year, thresholds)
        printed, text = reviews.summary_fingerprint(document), document.text
        verdicts = {v.item_id: v for v in report.verdicts}
        decisions = [d for d in decisions if d.is_for(summary)]
    if not decisions:
        return ["no review decisions" + (f" for {summary}" if summary else "")]
    out = []
    for d in sorted(decisions, key=lambda d: (d.item, d.summary)):
        if d.item not in items:
            state = "orphan (no such item in the plan)"
        elif printed is None:
            state = ("stale (item_changed)" if reviews.staleness(d, items[d.item], d.summary_sha256)
                     else "item unchanged (give --summary to check the summary)")
        else:
            why = reviews.staleness(d, items[d.item], printed, verdicts.get(d.item), text)
            state = f"stale ({why})" if why else "applied"
        out.append(f"{d.item}\t{d.summary}\t{d.status.value} (tool then: {d.tool_status.value})\t{state}\t"
                   f"{d.by} {d.date}\t{d.reason}")
    return out
