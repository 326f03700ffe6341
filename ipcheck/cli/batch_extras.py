"""What a batch writes beside its reports and index (issue #14): the province's workbook
(workbook.xlsx, workbook.csv) and, for every plan checked against several years' summaries, its
progress (<plan id>.progress.html, .json); their entries go into the index."""
from __future__ import annotations

import os
import re
from typing import Any

WORKBOOK = ("workbook.xlsx", "workbook.csv")


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name)


def write_rollups(result: Any, idx: dict[str, Any], output_dir: str, lang: str) -> list[str]:
    """Write the workbook and the progress reports into ``output_dir``; add the progress entries
    and the workbook's name to ``idx``; return the file names written."""
    from ipcheck.outputs import write_atomic
    from ipcheck.report.progress_report import render_html, render_json
    from ipcheck.report.workbook import render_csv, render_xlsx
    from ipcheck.rollup import progress_by_plan, region_totals, status_totals

    reports = [result.reports[k] for k in sorted(result.reports)]
    write_atomic(os.path.join(output_dir, WORKBOOK[0]),
                 render_xlsx(reports, region_totals(reports), status_totals(reports), lang))
    write_atomic(os.path.join(output_dir, WORKBOOK[1]), render_csv(reports, lang))
    written = list(WORKBOOK)
    progresses, notes = progress_by_plan(result.reports)
    for p in progresses:
        stem = _safe(f"{p.plan.meta.id}.progress")
        for ext, render in (("html", render_html), ("json", render_json)):
            write_atomic(os.path.join(output_dir, f"{stem}.{ext}"), render(p, lang))
            written.append(f"{stem}.{ext}")
        idx["progress"].append({"plan_id": p.plan.meta.id, "title": p.plan.meta.title, "region": p.plan.meta.region,
                                "years": [y for y, _ in p.summaries], "html": f"{stem}.html", "json": f"{stem}.json"})
    idx["progress_notes"] = notes
    idx["workbook"] = list(WORKBOOK)
    return written
