"""`ipcheck review`: record, clear or list a person's decisions on plan items (ipcheck.reviews)."""
from __future__ import annotations

import difflib
import getpass
import os

import click

from ipcheck.cli import EXIT_OK, STATUSES, _guarded, main, run_language
from ipcheck.cli.group import UsageMistake
from ipcheck.errors import IpcheckError, msg
from ipcheck.i18n import status_word, t


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
@click.option("--lang", help="Language of what is printed: zh-CN (default) or en.")
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
    cfg = effective(ctx, {"plan": plan_path, "summary": summary, "lang": lang})
    plan_path, summary, thresholds, language = cfg["plan"], cfg["summary"], cfg.thresholds(), cfg["lang"]

    def missing(name: str, key: str, **params: str) -> UsageMistake:
        return UsageMistake("usage.missing_or", ctx, name=name, alternative=t(key, language, **params))
    if plan_path is None:
        raise missing("--plan", "usage.or_configured", setting="plan")
    if yes and not reconfirm:
        raise UsageMistake("usage.yes_reconfirm", ctx)
    if reconfirm or next_:
        _steps(ctx, item, summary, status, reason, clear, list_, line, reconfirm, next_, yes, plan_path,
               reviews_path, by, year, thresholds)
    if list_:
        if item is not None or status or reason or clear:
            raise UsageMistake("usage.review_list_only", ctx)
    else:
        if item is None:
            raise missing("ITEM", "usage.or_list")
        if summary is None:
            raise missing("--summary", "usage.or_configured", setting="summary")
        if clear and (status or reason):
            raise UsageMistake("usage.review_clear", ctx)
        if not clear and status is None:
            raise missing("--status", "usage.or_clear")
    if line is not None and (clear or list_):
        raise UsageMistake("usage.line_decision", ctx)
    if summary is not None:
        from ipcheck.cli.inputs import check_pair
        check_pair(ctx, plan_path, summary)
    path = reviews_path
    ctx.exit(_guarded(ctx, lambda: _run(item, plan_path, summary, status, reason, by, path, year, clear, list_,
                                        thresholds, line, run_language(ctx))))


def _steps(ctx: click.Context, item, summary, status, reason, clear, list_, line, reconfirm: bool, next_: bool,
           yes: bool, plan_path: str, reviews_path, by, year, thresholds) -> None:
    """--reconfirm or --next: check the options, run, exit."""
    from ipcheck.cli.review_steps import run_next, run_reconfirm
    if reconfirm and next_:
        raise UsageMistake("usage.reconfirm_or_next", ctx)
    if item is not None or status or reason or clear or list_ or line is not None:
        raise UsageMistake("usage.reconfirm_only" if reconfirm else "usage.next_only", ctx)
    if summary is None:
        raise UsageMistake("usage.missing_or", ctx, name="--summary",
                           alternative=t("usage.or_configured", run_language(ctx), setting="summary"))

    def run() -> int:
        language = run_language(ctx)
        if reconfirm:
            return run_reconfirm(plan_path, summary, reviews_path, _reviewer(by), year, thresholds, yes, language)
        return run_next(plan_path, summary, reviews_path, by, year, thresholds, language)
    ctx.exit(_guarded(ctx, run))


def _reviewer(by: str | None) -> str:
    """--by, else $IPCHECK_REVIEWER, else the login name; never empty."""
    name = (by if by is not None else os.environ.get("IPCHECK_REVIEWER") or _login()).strip()
    if not name:
        raise IpcheckError(msg("error.needs_reviewer"))
    return name


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _run(item: str | None, plan_path: str, summary: str | None, status: str | None, reason: str | None,
         by: str | None, reviews_path: str | None, year: int | None, clear: bool, list_: bool,
         thresholds=None, line: int | None = None, lang: str = "zh-CN") -> int:
    from ipcheck import reviews
    from ipcheck.plans.loader import load_plan

    plan = load_plan(plan_path)
    path = reviews_path or reviews.default_path(plan_path)
    existing = reviews.load(path) if os.path.exists(path) else ()
    if list_:
        for row in _listing(plan, existing, summary, year, thresholds, lang):
            click.echo(row)
        return EXIT_OK
    assert item is not None and summary is not None
    items = reviews.plan_items(plan)
    if item not in items:
        close = difflib.get_close_matches(item, list(items), 3, 0.3)
        hint = msg("error.hint.did_you_mean", name=", ".join(close)) if close else \
            msg("error.hint.plan_ids", names=", ".join(list(items)[:12]))
        raise IpcheckError(msg("error.no_item", item=item), path=plan_path, hint=hint)
    name = reviews.summary_key(summary, path)
    if clear:
        kept = tuple(d for d in existing if (d.item, d.summary) != (item, name))
        if len(kept) == len(existing):
            raise IpcheckError(msg("error.no_decision", item=item, summary=name), path=path)
        reviews.save(path, kept, inputs=(plan_path, summary))
        click.echo(t("review.cleared", lang, item=item, summary=name, path=path))
        return EXIT_OK
    if status not in STATUSES:
        close = difflib.get_close_matches(status or "", STATUSES, 1)
        raise IpcheckError(msg("error.unknown_status", status=str(status)),
                           hint=msg("error.hint.did_you_mean", name=close[0]) if close
                           else msg("error.hint.choose_from", names=", ".join(STATUSES)))
    if reason is None or not reason.strip():
        raise IpcheckError(msg("error.needs_reason"))
    new = _decide(plan, summary, name, item, status or "", " ".join(reason.split()), _reviewer(by), year,
                  thresholds, line)
    reviews.save(path, reviews.record(existing, new), inputs=(plan_path, summary))
    click.echo(t("review.recorded", lang, item=item, status=status_word(new.status.value, lang),
                 tool=status_word(new.tool_status.value, lang), by=new.by, summary=name, path=path))
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
        raise IpcheckError(msg("error.line_no_sentence", n=line), path=document.path)
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


def _listing(plan, decisions, summary: str | None, year: int | None = None, thresholds=None,
             lang: str = "zh-CN") -> list[str]:
    """A header, then one line per decision: item, summary, human and tool status, state, who,
    when, why (tab-separated, in ``lang``)."""
    from ipcheck import reviews
    from ipcheck.i18n import stale_text

    items = reviews.plan_items(plan)
    printed, verdicts, text = None, {}, None
    if summary is not None:
        document, report = tool_check(plan, summary, year, thresholds)
        printed, text = reviews.summary_fingerprint(document), document.text
        verdicts = {v.item_id: v for v in report.verdicts}
        decisions = [d for d in decisions if d.is_for(summary)]
    if not decisions:
        return [t("review.none_for", lang, summary=summary) if summary else t("review.none", lang)]
    out = [t("review.list_header", lang)]
    for d in sorted(decisions, key=lambda d: (d.item, d.summary)):
        why = None
        if d.item not in items:
            state = t("review.state.orphan", lang)
        elif printed is None:
            why = reviews.staleness(d, items[d.item], d.summary_sha256)
            state = "" if why else t("review.state.item_unchanged", lang)
        else:
            why = reviews.staleness(d, items[d.item], printed, verdicts.get(d.item), text)
            state = "" if why else t("review.state.applied", lang)
        if why:
            state = t("review.state.stale", lang, why=why if lang == "en" else stale_text(why, lang))
        out.append(t("review.list_row", lang, item=d.item, summary=d.summary, status=status_word(d.status.value, lang),
                     tool=status_word(d.tool_status.value, lang), state=state, by=d.by, date=d.date, reason=d.reason))
    return out
