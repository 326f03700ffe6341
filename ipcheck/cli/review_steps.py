"""`ipcheck review --reconfirm` and `--next`: a person looks at stale decisions again, or steps
through the items that need review, one by one (asked in a terminal; --yes or one item at a time
for scripts)."""
from __future__ import annotations

import os
import shlex
import sys

import click

from ipcheck.cli import EXIT_OK
from ipcheck.errors import IpcheckError, msg
from ipcheck.i18n import stale_text, status_word, t, verdict_message

CHOICES = {"m": "met", "x": "missed", "u": "unreported", "p": "pending"}


def interactive() -> bool:
    """Whether a person is at the keyboard (stdin is a terminal)."""
    return sys.stdin.isatty()


def _card(n: int, total: int, verdict, label: str, lang: str) -> list[str]:
    """The lines that show one item: its verdict, the tool's message and its first quote."""
    status = status_word(verdict.status.value, lang) + (t("explain.needs_review", lang) if verdict.needs_review else "")
    lines = [t("steps.card", lang, n=n, total=total, id=verdict.item_id, label=label, status=status),
             t("steps.message", lang, text=verdict_message(verdict.reason, verdict.params, lang) or verdict.message)]
    for e in verdict.evidence[:2]:
        lines.append(t("steps.quote", lang, where=t("term.line", lang, line=e.line), text=" ".join(e.text.split())))
    if not verdict.evidence:
        lines.append(t("steps.none_quoted", lang))
    return lines


def _labels(plan) -> dict[str, str]:
    return {**{x.id: x.metric for x in plan.targets}, **{x.id: x.title for x in plan.tasks}}


def run_reconfirm(plan_path: str, summary: str, reviews_path: str | None, by: str, year: int | None,
                  thresholds, yes: bool, lang: str) -> int:
    """Show each stale decision on ``summary`` with what changed; apply it again when the person
    says so (or every one with ``yes``); write the reviews file once, atomically."""
    from ipcheck import reviews
    from ipcheck.cli.review import tool_check
    from ipcheck.plans.loader import load_plan

    plan = load_plan(plan_path)
    path = reviews_path or reviews.default_path(plan_path)
    existing = reviews.load(path) if os.path.exists(path) else ()
    document, report = tool_check(plan, summary, year, thresholds)
    items, verdicts = reviews.plan_items(plan), {v.item_id: v for v in report.verdicts}
    printed, labels = reviews.summary_fingerprint(document), _labels(plan)
    stale = []
    for d in (d for d in existing if d.is_for(summary)):
        if d.item not in items:
            click.echo(t("reconfirm.orphan", lang, id=d.item))
            continue
        why = reviews.staleness(d, items[d.item], printed, verdicts[d.item], document.text)
        if why:
            stale.append((d, why))
    if not stale:
        click.echo(t("reconfirm.none", lang, summary=summary))
        return EXIT_OK
    if not yes and not interactive():
        raise IpcheckError(msg("reconfirm.needs_terminal"))
    updated, done = list(existing), 0
    for n, (d, why) in enumerate(stale, 1):
        v = verdicts[d.item]
        for line in _card(n, len(stale), v, labels[d.item], lang):
            click.echo(line)
        click.echo(t("steps.decision", lang, status=status_word(d.status.value, lang), by=d.by, date=d.date,
                     reason=d.reason))
        click.echo(t("steps.why_stale", lang, why=stale_text(why, lang)))
        for sentence in d.evidence[:2]:
            click.echo(t("steps.then", lang, text=" ".join(sentence.split())))
        answer = "y" if yes else click.prompt(t("reconfirm.ask", lang), type=click.Choice(["y", "n", "q"]), default="n")
        if answer == "q":
            break
        if answer != "y":
            click.echo(t("reconfirm.kept", lang, id=d.item))
            continue
        new = reviews.reconfirmed(d, v, items[d.item], document, by=by, date=reviews.now())
        updated = [new if (x.item, x.summary) == (d.item, d.summary) else x for x in updated]
        done += 1
        click.echo(t("reconfirm.done", lang, id=d.item, status=status_word(d.status.value, lang), old_by=d.by,
                     old_date=d.date, by=by, path=path))
    if done:
        reviews.save(path, updated, inputs=(plan_path, summary))
    click.echo(t("reconfirm.total", lang, done=done, left=len(stale) - done))
    return EXIT_OK


def run_next(plan_path: str, summary: str, reviews_path: str | None, by: str | None, year: int | None,
             thresholds, lang: str) -> int:
    """The items of ``summary`` that need review (decisions applied), one by one: asked in a
    terminal and recorded as they are decided; otherwise the first one and how to record it."""
    from ipcheck import reviews
    from ipcheck.check import Settings, check
    from ipcheck.cli.review import _reviewer, tool_check
    from ipcheck.plans.loader import load_plan

    plan = load_plan(plan_path)
    path = reviews_path or reviews.default_path(plan_path)
    decisions = reviews.load(path) if os.path.exists(path) else ()
    document, tool = tool_check(plan, summary, year, thresholds)
    effective = check(plan, document, Settings(year=year, thresholds=tool_settings(thresholds), reviews=decisions))
    pending = [v for v in effective.verdicts if v.needs_review]
    labels, items = _labels(plan), reviews.plan_items(plan)
    tool_verdicts = {v.item_id: v for v in tool.verdicts}
    if not pending:
        click.echo(t("next.none", lang, summary=summary))
        return EXIT_OK
    if not interactive():
        for line in _card(1, len(pending), pending[0], labels[pending[0].item_id], lang):
            click.echo(line)
        command = shlex.join(["ipcheck", "review", pending[0].item_id, "--plan", plan_path, "--summary", summary,
                              "--status", "STATUS", "--reason", "…"])
        click.echo(t("next.command", lang, command=command))
        click.echo(t("next.more", lang, count=len(pending) - 1))
        return EXIT_OK
    who = _reviewer(by)
    key = reviews.summary_key(summary, path)
    for n, v in enumerate(pending, 1):
        for line in _card(n, len(pending), v, labels[v.item_id], lang):
            click.echo(line)
        answer = click.prompt(t("next.ask", lang), type=click.Choice([*CHOICES, "s", "q"]), default="s")
        if answer == "q":
            break
        if answer == "s":
            continue
        reason = ""
        while not reason.strip():
            reason = click.prompt(t("next.reason", lang))
        new = reviews.decision_on(tool_verdicts[v.item_id], items[v.item_id], document, summary=key,
                                  status=reviews.Status(CHOICES[answer]), reason=" ".join(reason.split()), by=who,
                                  date=reviews.now())
        decisions = reviews.record(decisions, new)
        reviews.save(path, decisions, inputs=(plan_path, summary))
        click.echo(t("next.recorded", lang, id=v.item_id, status=status_word(CHOICES[answer], lang), by=who, path=path))
    return EXIT_OK


def tool_settings(thresholds):
    """The thresholds to check with (the configured ones, else the defaults)."""
    from ipcheck.verdicts.decide import Thresholds
    return thresholds if thresholds is not None else Thresholds()
