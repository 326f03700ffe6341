"""The JSON report: a stable, documented contract for machines (see README, "JSON report")."""
from __future__ import annotations

import json

from ipcheck.i18n import DEFAULT_LANG
from ipcheck.model import Report
from ipcheck.report.context import build


def render(report: Report, lang: str = DEFAULT_LANG) -> str:
    """The report as JSON: sorted keys, UTF-8 text kept readable, a final newline."""
    return json.dumps(build(report, lang), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
