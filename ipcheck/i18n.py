"""The message catalogue: every word a person reads in a report, in Chinese (the default) and
English. Reporters look words up here by key instead of writing literals, so a language is
complete or visibly not (tests/test_i18n.py checks both catalogues have the same keys and
the same {parameters})."""
from __future__ import annotations

from ipcheck.errors import IpcheckError

DEFAULT_LANG = "zh-CN"
LANGS = ("zh-CN", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "status.met": "met",
        "status.missed": "missed",
        "status.unreported": "unreported",
        "status.pending": "pending",
        "needs_review": "needs review",
    },
    "zh-CN": {
        "status.met": "已完成",
        "status.missed": "未完成",
        "status.unreported": "未报告",
        "status.pending": "未到期",
        "needs_review": "需人工复核",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if the catalogue has it (case-insensitive, zh/zh-cn/zh_CN mean zh-CN), else an error."""
    wanted = lang.strip().replace("_", "-").lower()
    for known in LANGS:
        if wanted in (known.lower(), known.split("-")[0].lower()):
            return known
    raise IpcheckError(f"unknown report language {lang!r}", hint="choose from " + ", ".join(LANGS))


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
