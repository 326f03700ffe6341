"""`ipcheck explain` output: one item's candidates and verdict as terminal text (rich) or JSON.

Reads only the explanation's plain dict (ipcheck.explain.Explanation.to_dict), so this reporter
depends on no core module; every human word comes from the catalogue (ipcheck.i18n)."""
from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Console
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, stale_text, status_word, t, verdict_message, warning_text
from ipcheck.units import format_number

DEFAULT_LIMIT = 10
QUOTE_LIMIT = 160           # characters of a candidate sentence shown, around its first highlight
STYLE = {"met": "green", "missed": "bold red", "unreported": "yellow", "pending": "cyan"}
# Control characters quoted from a summary would drive the terminal (ESC sequences): show their
# Control Pictures instead, one character for one so highlight offsets still hold.
_VISIBLE = {cp: 0x2400 + cp for cp in range(0x20)}
_VISIBLE.update({0x7F: 0x2421, **{cp: 0xFFFD for cp in range(0x80, 0xA0)}})


def render_json(explanation: dict[str, Any]) -> str:
    """The explanation as JSON: sorted keys, readable UTF-8, every candidate, a final newline."""
    return json.dumps(explanation, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _num(value: float | None, lang: str) -> str:
    return t("explain.none", lang) if value is None else format_number(value)


def _where(c: dict[str, Any], lang: str) -> str:
    if c.get("page"):
        return t("explain.page_line", lang, page=c["page"], line=c["page_line"])
    return t("explain.line", lang, line=c["line"])


def _quote(text: str, spans: list[list[int]]) -> Text:
    """The sentence (a window of QUOTE_LIMIT characters around its first span), spans underlined."""
    start = max(0, (spans[0][0] if spans else 0) - QUOTE_LIMIT // 3)
    end = min(len(text), start + QUOTE_LIMIT)
    out = Text("…" if start else "")
    pos = start
    for a, b in sorted(spans):
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        out.append(text[pos:a].translate(_VISIBLE))
        out.append(text[a:b].translate(_VISIBLE), style="bold underline")
        pos = b
    out.append(text[pos:end].translate(_VISIBLE))
    if end < len(text):
        out.append("…")
    return out


def _item_lines(item: dict[str, Any], th: dict[str, Any], lang: str) -> list[str]:
    due = item["due"] if item["due"] is not None else t("explain.none", lang)
    if item["kind"] == "target":
        lines = [t("explain.target", lang, metric=item["metric"], op=item["op"], value=format_number(item["value"]),
                   unit=item["unit"], due=due)]
        if item["aliases"]:
            lines.append(t("explain.aliases", lang, names="、".join(item["aliases"])))
        if item["exclude"]:
            lines.append(t("explain.exclude", lang, names="、".join(item["exclude"])))
    else:
        lines = [t("explain.task", lang, title=item["title"], due=due)]
        if item["keywords"]:
            lines.append(t("explain.keywords", lang, words="、".join(item["keywords"])))
        lines.append(t("explain.head", lang, head=item["head"] or t("explain.none", lang)))
    lines.append(t("explain.thresholds", lang, **th))
    return lines


def _classification(c: dict[str, Any], item: dict[str, Any], th: dict[str, Any], lang: str) -> str:
    floor = th["target_name"] if item["kind"] == "target" else th["task_review"]
    words = t(f"explain.class.{c['class']}", lang, floor=floor)
    if c.get("compare"):
        words += t("explain.then", lang) + t(f"explain.compare.{c['compare']}", lang)
    if c.get("detail"):
        words += t("explain.then", lang) + t(f"explain.detail.{c['detail']}", lang, head=item.get("head", ""), **th)
    return words


def _candidate(console: Console, c: dict[str, Any], item: dict[str, Any], th: dict[str, Any], lang: str) -> None:
    head = Text(f"{c['rank']:>2}. {_where(c, lang)}  [{t('explain.section.' + c['section'], lang)}]  "
                f"{t('explain.score', lang, score=c['score'])}", style="bold" if c["decided"] else "")
    if c["decided"]:
        head.append(f"  ✓ {t('explain.decided', lang)}", style="bold green")
    console.print(head)
    spans = c.get("highlight") or ([[c["figure"]["start"], c["figure"]["end"]]] if "figure" in c else c["hits"])
    console.print(Text("    ") + _quote(c["text"], spans))
    if "figure" in c:
        f = c["figure"]
        fig = t("explain.figure", lang, text=f["text"].translate(_VISIBLE), value=format_number(f["value"]),
                unit=f["unit"], kind=f["kind"], quantity=f["quantity"] or "-")
        low, high = c["interval"]
        fig += "  " + t("explain.interval", lang, low=_num(low, lang), high=_num(high, lang), unit=c["unit"])
        console.print(Text("    " + fig))
        for w in f["warning_details"]:
            console.print(Text(f"    ! {warning_text(w, lang)}".translate(_VISIBLE), style="magenta"))
    else:
        console.print(Text("    " + t("explain.head_yes" if c["head"] else "explain.head_no", lang)))
    if c.get("rules"):
        console.print(Text("    " + t("explain.rules", lang, codes=", ".join(c["rules"])), style="dim"))
    console.print(Text("    → " + _classification(c, item, th, lang), style="cyan"))


def render_text(explanation: dict[str, Any], limit: int = DEFAULT_LIMIT, width: int = 120, color: bool = False,
                lang: str = DEFAULT_LANG) -> str:
    """The explanation for a person: the item, its candidates best first (at most ``limit``), the verdict."""
    e = explanation
    item, th, summary, verdict = e["item"], e["thresholds"], e["summary"], e["verdict"]
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    say = console.print
    say(Text(t("explain.heading", lang, kind=t(f"explain.kind.{item['kind']}", lang), id=item["id"]), style="bold"))
    say(Text(t("explain.plan", lang, title=e["plan"]["title"], id=e["plan"]["id"])))
    say(Text(t("explain.summary", lang, path=summary["path"],
               year=summary["year"] if summary["year"] is not None else t("explain.none", lang))))
    scope = summary["scope"]
    if scope["sentences"]:
        say(Text(t("explain.scope", lang, first=scope["first_line"], last=scope["last_line"], n=scope["sentences"])))
    for w in scope["warning_details"]:
        say(Text(f"! {warning_text(w, lang)}".translate(_VISIBLE), style="magenta"))
    for line in _item_lines(item, th, lang):
        say(Text(line.translate(_VISIBLE)))
    say()
    candidates = e["candidates"]
    if candidates:
        say(Text(t("explain.candidates", lang, n=len(candidates)), style="bold"))
        for c in candidates[:max(0, limit)]:
            _candidate(console, c, item, th, lang)
        if len(candidates) > limit:
            say(Text(t("explain.more", lang, n=len(candidates) - max(0, limit), limit=limit), style="dim"))
    else:
        say(Text(t("explain.no_candidates", lang)))
    say()
    status = status_word(verdict["status"], lang)
    if verdict["needs_review"]:
        status += t("explain.needs_review", lang)
    say(Text(t("explain.verdict", lang, status=status), style="bold " + STYLE.get(verdict["status"], "")))
    say(Text(t("explain.reason", lang, reason=verdict["reason"], confidence=verdict["confidence"])))
    message = verdict_message(verdict["reason"], verdict["params"].items(), lang) or verdict["message"]
    say(Text(message.translate(_VISIBLE)))
    for w in verdict["warning_details"]:
        if not (e.get("review") and w["code"] == "review_stale"):
            say(Text(f"! {warning_text(w, lang)}".translate(_VISIBLE), style="magenta"))
    review = e.get("review")
    if review:
        say(Text(t("review.decision", lang, by=review["by"], date=review["date"],
                   status=status_word(review["status"], lang), reason=review["reason"]).translate(_VISIBLE),
                 style="bold"))
        if not review["applied"]:
            say(Text("! " + t("review.not_applied", lang, why=stale_text(review["stale"], lang)),
                     style="bold magenta"))
    return buf.getvalue()
