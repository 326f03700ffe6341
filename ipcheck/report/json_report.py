"""The JSON report: a stable, documented contract for machines (see README, "JSON report")."""
from __future__ import annotations

import json

from ipcheck.model import Report
from ipcheck.report.context import build


def render(report: Report) -> str:
    """The report as JSON: sorted keys, UTF-8 text kept readable, a final newline."""
    return json.dumps(build(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
