"""The words of the workflow commands added for issue #14 (progress over years, what changed,
what to write, the plan checklist, the province's workbook, review --reconfirm/--next), as
(English, Chinese) blocks that ipcheck.catalogue merges into CATALOGUE. Data only."""
from __future__ import annotations

# --- progress (issue #14): several years against one plan; a pending target's pace ---
_PROGRESS: dict[str, tuple[str, str]] = {
    "progress.title": ("ipcheck progress: {title}", "ipcheck 进度：{title}"),
    "progress.heading": ("Progress: {title} ({id})", "进度：{title}（{id}）"),
    "progress.meta": ("{region} · {count} summaries: {years}", "{region} · 共 {count} 份总结：{years}"),
    "progress.gap": ("no summary for {years}", "缺少 {years} 年的总结"),
    "progress.targets": ("Targets ({count})", "目标指标（{count}）"),
    "progress.tasks": ("Tasks ({count})", "工作任务（{count}）"),
    "progress.target_line": ("{id} {metric} {op} {value}{unit}, due {due}", "{id} {metric} {op} {value}{unit}，时限 {due} 年"),
    "progress.baseline": ("baseline {year}: {value}{unit}", "基线 {year} 年：{value}{unit}"),
    "progress.baseline_where": ("{baseline} ({where})", "{baseline}（{where}）"),
    "progress.baseline_plan": ("stated by the plan", "方案所列"),
    "progress.baseline_summary": ("read from {path}", "取自 {path}"),
    "progress.no_baseline": ("no baseline", "无基线"),
    "progress.compound": ("growth compounded over the years reported", "按已报告年度的复合增长计算"),
    "progress.state_now": ("{state} (as of {year})", "{state}（截至 {year} 年）"),
    "progress.col.year": ("year", "年度"), "progress.col.reported": ("reported", "报告值"),
    "progress.col.needed": ("path needs", "进度要求"), "progress.col.state": ("state", "状态"),
    "progress.col.evidence": ("evidence", "依据"), "progress.col.task": ("task", "任务"),
    "progress.col.done_years": ("reported done in", "报告完成年度"),
    "progress.col.kind": ("kind", "类别"), "progress.col.item": ("item", "事项"),
    "progress.col.status": ("verdict", "核查结论"), "progress.col.review": ("needs review", "需人工复核"),
    "progress.col.line": ("line", "行"), "progress.col.quote": ("sentence", "原文"),
    "progress.col.summary": ("summary file", "总结文件"), "progress.col.target": ("target", "目标"),
    "progress.col.due": ("due", "时限"), "progress.col.baseline": ("baseline", "基线"),
    "progress.col.unit": ("unit", "单位"), "progress.col.as_of": ("as of", "截至年度"),
    "progress.col.id": ("id", "编号"),
    "progress.none_done": ("not reported done", "未报告完成"),
    "progress.chart": ("{metric}: the values reported each year, the path from the baseline, and the target",
                       "{metric}：各年报告值、自基线起的进度路径与目标"),
    "progress.legend.path": ("path", "进度路径"), "progress.legend.target": ("target", "目标"),
    "progress.legend.reported": ("reported", "报告值"),
    "progress.sheet.points": ("by year", "分年度"), "progress.sheet.targets": ("targets", "目标"),
    "progress.sheet.tasks": ("tasks", "任务"),
    "progress.written": ("{output}: {count} targets, {states}", "{output}：目标 {count} 项，{states}"),
    "progress.state_count": ("{count} {state}", "{state} {count} 项"),
    "state.met_early": ("met early", "提前完成"), "state.on_track": ("on track", "进度正常"),
    "state.behind": ("behind", "进度滞后"), "state.met": ("met", "已完成"), "state.missed": ("missed", "未完成"),
    "state.no_baseline": ("no baseline to judge the pace", "无基线，无法判断进度"),
    "state.no_data": ("no data", "无数据"),
    "pace.text": ("pace: from {byear} ({bvalue}{unit}) the path needs {expected}{unit} this year: {state}",
                  "进度：自 {byear} 年（{bvalue}{unit}）起，本年应达 {expected}{unit}：{state}"),
}
# --- end progress ---


# --- what to write (issue #14): for an unreported or missed item, what the summary must add ---
_WRITE: dict[str, tuple[str, str]] = {
    "write.label": ("what to write", "应补写"),
    "write.reviewed": ("Write what the reviewer found missing: {reason}", "按人工复核意见补写：{reason}"),
    "csv.to_write": ("what to write", "应补写内容"), "csv.pace": ("pace", "进度"),
    "write.year": (" for {year}", "{year}年"),
    "write.scope.市": ("the city", "全市"), "write.scope.县": ("the county", "全县"),
    "write.scope.区": ("the district", "全区"), "write.scope.州": ("the prefecture", "全州"),
    "write.scope.省": ("the province", "全省"), "write.scope.旗": ("the banner", "全旗"),
    "write.scope.other": ("{region}", "{region}"),
    "write.target.actual": ("State the actual {metric} of {scope}{year} (target {op} {value}{unit})",
                            "写明{year}{scope}{metric}的实际数（目标 {op} {value}{unit}）"),
    "write.target.exact": ("State the exact {metric} of {scope}{year}: “{figure}” does not show whether the target "
                           "({op} {value}{unit}) is reached",
                           "写明{year}{scope}{metric}的确切数字：“{figure}”不能说明是否达到目标（{op} {value}{unit}）"),
    "write.target.one": ("Check the {metric} of {scope}{year} and keep one figure: the summary's figures disagree "
                         "(target {op} {value}{unit})",
                         "核对{year}{scope}{metric}，只保留一个数字：总结中的数字相互矛盾（目标 {op} {value}{unit}）"),
    "write.target.missed": ("Explain why {metric} ({figure}) fell short of the target ({op} {value}{unit}) and what "
                            "will be done about it", "说明{metric}（{figure}）未达到目标（{op} {value}{unit}）的原因和整改措施"),
    "write.task.done": ("State when “{title}” was built or completed and what it achieved",
                        "写明“{title}”已建成/已完成的时间与成果"),
    "write.task.figures": ("State the actual figures “{title}” commits to{year}", "写明“{title}”所含指标{year}的实际数"),
    "write.task.missed": ("Explain why “{title}” was not done and what will be done next",
                          "说明“{title}”未完成的原因和下一步安排"),
    "write.why.target.only_in_next_plan": ("now it appears only in the next-year plan", "目前只在下一步计划中提及"),
    "write.why.target.only_in_problems": ("now it appears only among the problems", "目前只在存在问题中提及"),
    "write.why.target.only_elsewhere": ("now it appears only in a part of the text about another region",
                                        "目前只出现在文中关于其他地区的部分"),
    "write.why.target.only_in_links": ("now it appears only in the title of a link to another page",
                                       "目前只出现在其他页面的链接标题中"),
    "write.why.target.only_in_front": ("now it appears only before the body", "目前只在正文之前提及"),
    "write.why.target.only_as_target": ("now the summary only restates the target", "目前总结只复述了目标值"),
    "write.why.target.only_as_intention": ("now it appears only as a plan or forecast", "目前只作为打算或预计提及"),
    "write.why.target.other_year": ("now the figures found are for other years", "目前找到的是其他年份的数字"),
    "write.why.target.multi_year": ("now the figures found add up several years", "目前找到的是多年累计数"),
    "write.why.target.other_base": ("now the growth found is on another base than the year before",
                                    "目前找到的增长率不是与上一年相比"),
    "write.why.task.weak_evidence": ("the sentences found do not say it was done", "现有语句未写明已完成"),
    "write.why.task.only_planned": ("now it appears only as a plan or intention", "目前只作为计划或打算提及"),
    "write.owners": ("{text} (owners: {owners})", "{text}（责任单位：{owners}）"),
    "write.line": ("✎ {text}", "✎{text}"),
}
# --- end what to write ---


# --- plan checklist (issue #14): the fill-in outline of what a summary must report ---
_CHECKLIST: dict[str, tuple[str, str]] = {
    "checklist.title": ("{title}: what the summary must report", "{title}：工作总结应报告的事项"),
    "checklist.intro": ("Plan {id} ({region}). Fill in every blank; an item left blank is an item the check reports "
                        "as unreported.", "方案 {id}（{region}）。请逐项填写；留空的事项在核查中将判为“未报告”。"),
    "checklist.year": ("Year reported on: {year}", "报告年度：{year}年"),
    "checklist.targets": ("Targets", "目标指标"),
    "checklist.other_tasks": ("Other tasks", "其他任务"),
    "checklist.numbered": ("{n}. {text}", "{n}、{text}"),
    # An unfilled outline must prove nothing when it is checked as a summary: the plan's words
    # stand in one clause with 要求 (asked for, not done), and each blank sits in a sentence of its
    # own that, once filled in, reads as the summary's sentence would (tests/test_checklist.py).
    "checklist.target": ("{id} {metric} (the plan asks {op} {value}{unit}{due})",
                         "{id} {metric}（方案要求 {op} {value}{unit}{due}）"),
    "checklist.due": (" by {due}", " 时限 {due} 年"),
    "checklist.actual": ("{metric} of {scope}{year}, actual: {blank} {unit}", "{year}{scope}{metric}实际数为 {blank} {unit}"),
    "checklist.actual_year": (" for {year}", "{year}年"),
    "checklist.blank": ("____", "____"),
    "checklist.source": ("the plan asks, in its words: {source}", "方案要求原文 {source}"),
    "checklist.task": ("{id} the plan asks: {title}{meta}", "{id} 方案要求 {title}{meta}"),
    "checklist.task_meta": (" ({parts})", "（{parts}）"),
    "checklist.owners": ("owners: {owners}", "责任单位：{owners}"),
    "checklist.task_due": ("due {due}", "时限 {due} 年"),
    "checklist.fill": ("when: {blank}; what was achieved (figures, documents, names): {blank}",
                       "办理时间：{blank}；成果（数字、文件、名称）：{blank}"),
    "checklist.written": ("{output}: {targets} targets, {tasks} tasks to report", "{output}：应报告目标 {targets} 项、任务 {tasks} 项"),
}
# --- end plan checklist ---


# --- diff (issue #14): what changed between two runs ---
_DIFF: dict[str, tuple[str, str]] = {
    "diff.heading": ("ipcheck diff: {old} → {new}", "ipcheck 对比：{old} → {new}"),
    "diff.meta": ("plan {plan}; summary {old} → {new}", "方案 {plan}；总结 {old} → {new}"),
    "diff.plan_mismatch": ("the reports are of different plans: {plans}", "两份报告对应不同的方案：{plans}"),
    "diff.count": ("{label} {old} → {new}", "{label} {old} → {new}"),
    "diff.none": ("No item changed.", "没有事项发生变化。"),
    "diff.unchanged": ("{count} items unchanged", "{count} 项未变化"),
    "diff.regressions": ("New failures ({count})", "新增不通过（{count}）"),
    "diff.resolved": ("Resolved failures ({count})", "已解决的不通过（{count}）"),
    "diff.changed": ("Other changes ({count})", "其他变化（{count}）"),
    "diff.what.added": ("new item", "新增事项"), "diff.what.removed": ("item removed", "事项已删除"),
    "diff.what.status": ("status", "结论"), "diff.what.figure": ("figure", "数字"),
    "diff.what.evidence": ("evidence", "依据"), "diff.what.needs_review": ("needs review", "复核标记"),
    "diff.col.id": ("id", "编号"), "diff.col.item": ("item", "事项"), "diff.col.what": ("changed", "变化"),
    "diff.col.before": ("before", "之前"), "diff.col.after": ("after", "之后"),
    "diff.absent": ("—", "—"),
    "diff.stderr": ("against {baseline}: {regressions} new failures, {resolved} resolved, {changed} other changes",
                    "对照 {baseline}：新增不通过 {regressions} 项，已解决 {resolved} 项，其他变化 {changed} 项"),
}
# --- end diff ---


# --- the province's workbook and the index's rollup by owner (issue #14) ---
_WORKBOOK: dict[str, tuple[str, str]] = {
    "list.enum": (", ", "、"),
    "wb.region": ("region", "地区"), "wb.year": ("year", "年度"), "wb.plan": ("plan", "方案"),
    "wb.summary": ("summary file", "总结文件"), "wb.id": ("id", "编号"), "wb.kind": ("kind", "类别"),
    "wb.item": ("item", "事项"), "wb.metric": ("metric", "指标"), "wb.op": ("op", "比较"),
    "wb.value": ("target value", "目标值"), "wb.unit": ("unit", "单位"), "wb.due": ("due", "时限"),
    "wb.figure": ("figure read", "读取的数字"), "wb.figure_value": ("figure value", "数值"),
    "wb.status": ("status", "结论"), "wb.needs_review": ("needs review", "需人工复核"),
    "wb.owners": ("owners", "责任单位"), "wb.line": ("evidence line", "证据行"),
    "wb.evidence": ("evidence sentence", "证据原文"), "wb.to_write": ("what to write", "应补写内容"),
    "wb.pairs": ("pairs", "组数"), "wb.count": ("items", "项数"), "wb.owner": ("owner", "责任单位"),
    "wb.sheet.items": ("items", "全部事项"), "wb.sheet.regions": ("by region", "按地区统计"),
    "wb.sheet.statuses": ("by status", "按结论统计"), "wb.sheet.owner_prefix": ("unit {owner}", "{owner}"),
    "wb.total": ("total", "合计"),
    "index.owners_heading": ("Tasks by responsible unit ({count})", "按责任单位汇总的任务（{count}）"),
    "index.owner_tasks": ("tasks", "任务数"),
    "index.progress_heading": ("Progress over the years ({count})", "多年进度（{count}）"),
    "index.progress_row": ("{plan}: {years}", "{plan}：{years}"),
    "index.workbook": ("The whole batch in one workbook: {files}", "全部事项汇总表：{files}"),
}
# --- end workbook ---


# --- review --reconfirm and --next (issue #14): a person steps through decisions and items ---
_REVIEW_STEPS: dict[str, tuple[str, str]] = {
    "steps.card": ("[{n}/{total}] {id} {label}: {status}", "[{n}/{total}] {id} {label}：{status}"),
    "steps.quote": ("  {where}: {text}", "  {where}：{text}"),
    "steps.none_quoted": ("  (no sentence quoted)", "  （没有引用语句）"),
    "steps.message": ("  {text}", "  {text}"),
    "steps.decision": ("  decided {status} by {by} on {date}: {reason}", "  {by} 于 {date} 认定为{status}：{reason}"),
    "steps.why_stale": ("  not applied now: {why}", "  目前未采用：{why}"),
    "steps.then": ("  it was made on: {text}", "  当时依据：{text}"),
    "steps.now": ("  the tool now: {status}; {message}", "  工具当前判定：{status}；{message}"),
    "reconfirm.none": ("no stale decisions for {summary}", "{summary} 没有失效的复核决定"),
    "reconfirm.ask": ("Apply this decision again?", "是否重新采用该决定？"),
    "reconfirm.done": ("reconfirmed {id} {status} (decided by {old_by} on {old_date}) by {by} in {path}",
                       "已重新采用 {id} {status}（原由 {old_by} 于 {old_date} 认定），确认人 {by}，已写入 {path}"),
    "reconfirm.kept": ("left stale: {id}", "保持失效：{id}"),
    "reconfirm.orphan": ("skipped {id}: the plan has no such item any more", "跳过 {id}：方案中已没有该事项"),
    "reconfirm.needs_terminal": ("--reconfirm asks about each stale decision: run it in a terminal, or add --yes "
                                 "to apply them all again", "--reconfirm 需要逐条询问：请在终端中运行，或加 --yes 全部重新采用"),
    "reconfirm.total": ("{done} reconfirmed, {left} left stale", "重新采用 {done} 项，保持失效 {left} 项"),
    "next.none": ("nothing needs review in {summary}", "{summary} 没有需要人工复核的事项"),
    "next.ask": ("Decide: [m]et [x] missed [u]nreported [p]ending, [s]kip, [q]uit",
                 "认定：[m]已完成 [x]未完成 [u]未报告 [p]未到期，[s]跳过，[q]退出"),
    "next.reason": ("Reason (what you checked)", "理由（核对了什么）"),
    "next.recorded": ("recorded {id} {status} by {by} in {path}", "已记录 {id} {status}，复核人 {by}，已写入 {path}"),
    "next.command": ("record a decision with: {command}", "记录决定：{command}"),
    "next.more": ("{count} more need review after this one", "此后还有 {count} 项需要人工复核"),
}
# --- end review steps ---

BLOCKS: tuple[dict[str, tuple[str, str]], ...] = (_PROGRESS, _WRITE, _CHECKLIST, _DIFF, _WORKBOOK, _REVIEW_STEPS)
