"""Looking up report words in the catalogue (ipcheck.catalogue): a key and a language give the
text, with parameters filled in; verdict messages and warnings are rebuilt in the report's
language from their stable codes and parameters. Chinese (zh-CN) is the default."""
from __future__ import annotations

import string
import unicodedata
from typing import Any, Iterable, Mapping

from ipcheck.catalogue import CATALOGUE  # noqa: F401 (re-exported)
from ipcheck.errors import IpcheckError, Message, msg

DEFAULT_LANG = "zh-CN"
LANGS = ("zh-CN", "en")


def check_lang(lang: str) -> str:
    """``lang`` if the catalogue has it (case-insensitive, zh/zh-cn/zh_CN mean zh-CN), else an error."""
    wanted = lang.strip().replace("_", "-").lower()
    for known in LANGS:
        if wanted in (known.lower(), known.split("-")[0].lower()):
            return known
    raise IpcheckError(msg("error.unknown_language", value=repr(lang)),
                       hint=msg("error.hint.choose_from", names=", ".join(LANGS)))


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in; English when the key is
    missing from ``lang``, the key itself when it is missing everywhere (never an exception:
    a report is never lost to a missing word)."""
    table = CATALOGUE.get(lang) or CATALOGUE["en"]
    text = table.get(key) or CATALOGUE["en"].get(key) or key
    try:
        return text.format(**params) if params else text
    except (KeyError, IndexError, ValueError):
        return text


def status_word(status: str, lang: str = DEFAULT_LANG) -> str:
    """The word for a status ("met" -> "已完成")."""
    return t(f"status.{status}", lang)


def placeholders(text: str) -> set[str]:
    """The {names} a catalogue entry needs."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def verdict_message(reason: str, params: Iterable[tuple[str, str]], lang: str = DEFAULT_LANG) -> str | None:
    """The message of a verdict with stable ``reason`` and ``params`` in ``lang``; None when the
    catalogue has no entry for the reason or the params do not fill it. A target's ``desc``
    ("1796件 (专利申请量) vs >= 1500件") is composed here so each language orders it its own way."""
    key = f"reason.{reason}"
    if key not in CATALOGUE["en"]:
        return None
    p = dict(params)
    if "op" in p:
        p["op"] = t(f"op.{p['op']}", lang)
    if {"figure", "quantity", "op", "value", "unit"} <= p.keys():
        desc_key = "reason.desc.decrease" if p.get("decrease") else "reason.desc"
        p["desc"] = t(desc_key, lang, **p)
    text = CATALOGUE.get(lang, CATALOGUE["en"]).get(key) or CATALOGUE["en"][key]
    if not placeholders(text) <= p.keys():
        return None
    return recurring_message(text.format(**p), params, lang)


def recurring_message(message: str, params: Iterable[tuple[str, str]], lang: str = DEFAULT_LANG) -> str:
    """``message`` with the year a recurring item was checked for ("(recurs every year: checked
    for 2017)"), when its params say so (``every``, ``checked_for``, ``per_year``); else as is."""
    p = dict(params)
    if "checked_for" not in p or "every" not in p:
        return message
    key = f"recurring.{p['every']}" + (".scaled" if "per_year" in p else "")
    if key not in CATALOGUE["en"]:
        return message
    return t(key, lang, message=message, year=p["checked_for"], per_year=p.get("per_year", ""),
             unit=p.get("unit", ""))


def counts_line(counts: dict[str, int], lang: str = DEFAULT_LANG) -> str:
    """"3 met, 0 missed, 5 unreported, 0 pending, 3 need review" in ``lang`` (the line a
    written report is announced with)."""
    parts = [t("cli.count", lang, count=counts.get(s, 0), status=status_word(s, lang))
             for s in ("met", "missed", "unreported", "pending")]
    return t("list.sep", lang).join(parts + [t("cli.need_review", lang, count=counts.get("needs_review", 0))])


def stale_text(stale: str | None, lang: str = DEFAULT_LANG) -> str:
    """Why a recorded review decision was not applied ("summary_changed" -> words)."""
    key = f"stale.{stale}"
    return t(key, lang) if key in CATALOGUE["en"] else t("stale.other", lang, stale=stale or "?")


def warning_text(warning: Message | Mapping[str, Any] | str, lang: str = DEFAULT_LANG) -> str:
    """A warning in ``lang``, said from its catalogue key and parameters: a Message, or its plain
    form in a report's context (``warning_json``). A plain text is shown as it is."""
    if isinstance(warning, str):
        return warning
    said = warning if isinstance(warning, Message) else Message.from_json(dict(warning))
    return said.text(lang)


def warning_json(warning: Message) -> dict[str, Any]:
    """A warning as reports keep it beside its English text: ``{code, key, params, message}``
    (``message`` the English, as in ``warnings``; ``params`` hold a nested word as ``{key, params}``)."""
    return {"code": warning.code, **warning.as_json(), "message": warning.text()}


def warning_fields(warnings: Iterable[Message]) -> dict[str, list[Any]]:
    """A report dict's ``warnings`` (the English texts, as always) and ``warning_details`` (each as
    ``warning_json``), in the same order."""
    said = list(warnings)
    return {"warnings": [w.text() for w in said], "warning_details": [warning_json(w) for w in said]}


def unpaired_reason(row: dict, lang: str = DEFAULT_LANG) -> str:
    """Why a batch left a file out, in ``lang``, from the index row's code and params (the
    English ``reason`` when it has no code)."""
    code = row.get("reason_code")
    if not code:
        return row["reason"]
    return t(f"unpaired.{code}", lang, **dict(row.get("reason_params") or {}))


def display_width(text: str) -> int:
    """Columns ``text`` takes on a screen or in a spreadsheet cell: a Chinese (wide or fullwidth)
    character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
