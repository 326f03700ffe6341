"""The words of every report, English and Chinese, as data: ``CATALOGUE[lang][key]``.
ipcheck.i18n looks them up; tests/test_i18n.py checks both languages have the same keys and the
same {parameters}. Blocks are merged in from (key: (English, Chinese)) tables, one per report
family."""
from __future__ import annotations

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



def _merge(entries: dict[str, tuple[str, str]]) -> None:
    """Add a block of ``key: (English, Chinese)`` entries; a key already present is kept."""
    for key, (en, zh) in entries.items():
        CATALOGUE["en"].setdefault(key, en)
        CATALOGUE["zh-CN"].setdefault(key, zh)


# key: (English, Chinese). English keeps the words the reports used before there was a
# catalogue (tests and users grep for them); Chinese is what an assessment officer writes.
_ENTRIES: dict[str, tuple[str, str]] = {
    # words and labels
    "label.plan": ("plan", "方案"),
    "label.summary": ("summary", "总结"),
    "label.year": ("year", "年度"),
    "label.unknown": ("unknown", "未知"),
    "label.encoding": ("encoding", "编码"),
    "label.region": ("region", "地区"),
    "label.issuer": ("issuer", "印发单位"),
    "label.issued": ("issued", "印发日期"),
    "label.period": ("period", "实施期"),
    "label.status": ("status", "状态"),
    "label.items": ("items", "事项数"),
    "label.total": ("total", "合计"),
    "label.all": ("all", "全部"),
    "label.review": ("review", "需复核"),
    "label.confidence": ("confidence", "置信度"),
    "label.score": ("score", "匹配度"),
    "label.evidence": ("evidence", "依据"),
    "label.figure": ("figure", "数字"),
    "label.target": ("target", "目标"),
    "label.owners": ("owners", "责任单位"),
    "label.due": ("due", "时限"),
    "label.line": ("line", "行"),
    "label.page": ("page", "页"),
    "label.value": ("{label}: {value}", "{label}：{value}"),
    "list.sep": (", ", "，"),
    "col.id": ("id", "编号"),
    "col.item": ("item", "事项"),
    "col.conf": ("conf", "置信度"),
    "col.evidence": ("evidence", "依据"),
    "col.plan": ("plan", "方案"),
    "col.summary": ("summary", "总结"),
    "col.region": ("region", "地区"),
    "col.year": ("year", "年度"),
    "col.needs_review": ("needs review", "需复核"),
    "col.result": ("result", "结果"),
    "col.report": ("report", "报告"),
    "col.file": ("file", "文件"),
    "col.kind": ("kind", "类型"),
    "col.reason": ("reason", "原因"),
    "col.metric": ("metric", "指标"),
    "col.measure": ("measure", "口径"),
    "col.commitment": ("commitment", "目标值"),
    "col.due": ("due", "时限"),
    "col.line": ("line", "行号"),
    "col.title": ("title", "任务"),
    "col.owners": ("owners", "责任单位"),
    "col.section": ("section", "所属部分"),
    "section.results": ("results", "工作成效"),
    "section.problems": ("problems", "存在问题"),
    "section.next_plan": ("next_plan", "下一步计划"),
    "section.front": ("front", "正文之前"),
    "section.links": ("links", "其他页面链接"),
    "section.elsewhere": ("elsewhere", "其他地区部分"),
    "measure.level": ("level", "数量"),
    "measure.growth": ("growth", "同比增长率"),
    "measure.annual_growth": ("annual_growth", "年均增长率"),
    "measure.share": ("share", "占比"),
    "kind.level": ("level", "数量"),
    "kind.growth": ("growth", "同比增长率"),
    "kind.annual_growth": ("annual_growth", "年均增长率"),
    "kind.share": ("share", "占比"),
    "kind.multiple": ("multiple", "倍数"),
    "kind.increase": ("increase", "增加量"),
    "kind.decrease": ("decrease", "减少量"),
    "kind.completion": ("completion", "完成率"),
    "kind.target": ("target", "目标值"),
    "kind.plan": ("plan", "方案"),
    "kind.summary": ("summary", "总结"),
    "colon": (": ", "："),
    "clause.sep": ("; ", "；"),
    "item.paren": ("({text})", "（{text}）"),
    "op.>=": (">=", "≥"),
    "op.>": (">", ">"),
    "op.<=": ("<=", "≤"),
    "op.<": ("<", "<"),
    "op.==": ("==", "="),
    # one report (terminal, HTML, Markdown)
    "report.heading": ("ipcheck: {title} ({id})", "ipcheck 核查报告：{title}（{id}）"),
    "report.title": ("ipcheck: {title}", "ipcheck 核查报告：{title}"),
    "report.meta": ("summary: {path}  year: {year}  encoding: {encoding}",
                    "总结：{path}  年度：{year}  编码：{encoding}"),
    "report.group": ("{status} ({count})", "{status}（{count}）"),
    "report.count": ("{label}: {count}", "{label}：{count}"),
    "report.need_review_count": ("{count} need review", "需人工复核 {count} 项"),
    "report.items_count": ("{count} items", "共 {count} 项"),
    "report.footer": ("ipcheck {version} · report schema {schema}", "ipcheck {version} · 报告格式版本 {schema}"),
    "report.chart": ("Items by status", "各状态事项数"),
    "report.chart_label": ("{status}: {count} of {total}", "{status}：{count} / {total} 项"),
    "item.target": ("target: {metric} ({measure}) {op} {value}{unit}", "目标：{metric}（{measure}）{op} {value}{unit}"),
    "item.target_due": (", due {due}", "，时限 {due} 年"),
    "item.owners": ("owners: {owners}", "责任单位：{owners}"),
    "item.due": ("due {due}", "时限 {due} 年"),
    "item.confidence": ("(confidence {confidence}, {reason})", "（置信度 {confidence}，代码 {reason}）"),
    "item.figure": ("figure: {text} → {value} {unit}{qualifier}, {kind} of {quantity}",
                    "数字：{text} → {value} {unit}{qualifier}，{quantity}的{kind}"),
    "item.qualifier": (" ({qualifier})", "（{qualifier}）"),
    "item.line": ("line {line}", "第 {line} 行"),
    "item.page_line": ("page {page}, line {line}", "第 {page} 页第 {line} 行"),
    "term.line": ("L{line}", "第{line}行"),
    "term.page_line": ("p{page} L{line}", "第{page}页第{line}行"),
    "item.where": ("{where} · {section} · score {score}", "{where} · {section} · 匹配度 {score}"),
    "item.where_md": ("{where} ({section})", "{where}（{section}）"),
    # a person's review decision
    "review.heading": ("reviewed", "人工复核"),
    "review.decision": ("{by} decided {status} on {date}: {reason}", "{by} 于 {date} 复核认定为{status}：{reason}"),
    "review.tool": ("the tool said {status}", "工具判定：{status}"),
    "review.not_applied": ("decision not applied: {why}; the tool's verdict stands",
                           "复核决定未采用：{why}，仍以工具判定为准"),
    "stale.summary_changed": ("the summary changed after the review", "评审后总结已变更"),
    "stale.item_changed": ("the plan item changed after the review", "评审后方案条目已变更"),
    "stale.evidence_changed": ("the sentence or figure it was made on changed after the review",
                               "评审所依据的语句或数字已变更"),
    "stale.other": ("the inputs changed after the review ({stale})", "评审后输入已变更（{stale}）"),
    # the batch index
    "index.title": ("ipcheck batch", "ipcheck 批量核查"),
    "index.html_title": ("ipcheck batch: {pairs} pairs", "ipcheck 批量核查：{pairs} 组"),
    "index.totals": ("{pairs} pairs: {checked} checked, {failing} of them failing (items {failing_words}), "
                     "{mismatched} not matching their plan; {failed} could not be checked; {unpaired} files unpaired.",
                     "共 {pairs} 组：已核查 {checked} 组，其中不通过 {failing} 组（有{failing_words}的事项）、"
                     "方案与总结不匹配 {mismatched} 组；无法核查 {failed} 组；未配对文件 {unpaired} 个。"),
    "index.totals_short": ("{pairs} pairs: {checked} checked, {failing} failing, {mismatched} not matching, "
                           "{failed} could not be checked; {unpaired} files unpaired",
                           "共 {pairs} 组：已核查 {checked} 组，不通过 {failing} 组，不匹配 {mismatched} 组，"
                           "无法核查 {failed} 组；未配对文件 {unpaired} 个"),
    "index.failed": ("could not be checked: {error}", "无法核查：{error}"),
    "index.unpaired": ("unpaired {kind}: {path}: {reason}", "未配对的{kind}：{path}：{reason}"),
    "index.unpaired_heading": ("Unpaired files ({count})", "未配对文件（{count}）"),
    "result.failed": ("not checked", "无法核查"),
    "result.failing": ("failing", "不通过"),
    "result.ok": ("ok", "通过"),
    # ipcheck plan show
    "plan.targets": ("targets ({count})", "目标（{count}）"),
    "plan.tasks": ("tasks ({count})", "任务（{count}）"),
    # the line `ipcheck check -o FILE` prints on stderr
    "cli.written": ("{output}: {counts}", "{output}：{counts}"),
    "cli.count": ("{count} {status}", "{status} {count} 项"),
    "cli.need_review": ("{count} need review", "需人工复核 {count} 项"),
    # verdict messages: "reason.<code>" with {desc} composed from the figure and the target
    "reason.desc": ("{figure} ({quantity}) vs {op} {value}{unit}", "{figure}（{quantity}）对照目标 {op} {value}{unit}"),
    "reason.desc.decrease": ("{figure} ({quantity}, a decrease) vs {op} {value}{unit}",
                             "{figure}（{quantity}，下降）对照目标 {op} {value}{unit}"),
    "reason.target.met": ("met: {desc}", "已完成：{desc}"),
    "reason.target.missed": ("missed: {desc}", "未完成：{desc}"),
    "reason.target.not_yet_met": ("not met yet, due {due}: {desc}", "尚未达到，时限 {due} 年：{desc}"),
    "reason.target.average_so_far": ("an average growth of the years so far, due {due}: the plan's is over all its years: {desc}",
                                     "截至目前的年均增长，时限 {due} 年：方案的年均增长按整个期间计算：{desc}"),
    "reason.target.growth_so_far": ("the growth of the year reported, due {due}: the plan's is the growth of {due}: {desc}",
                                    "所报年份的增长，时限 {due} 年：方案要求的是 {due} 年的增长：{desc}"),
    "reason.target.flow_so_far": ("the count of the year reported, due {due}: the plan's is the count of {due}: {desc}",
                                  "所报年份的年度数量，时限 {due} 年：方案要求的是 {due} 年的数量：{desc}"),
    "reason.target.share_so_far": ("the share of the year reported, due {due}: the plan's is the share of {due}: {desc}",
                                   "所报年份的占比，时限 {due} 年：方案要求的是 {due} 年的占比：{desc}"),
    "reason.target.not_reached": ("the results say {figure} was not reached: no actual given, short of the target; review it",
                                  "工作成效部分称未达到{figure}：未给出实际数字，低于目标，请人工复核"),
    "reason.target.other_region": ("the summary is about {found}, not the plan's region: its figures neither meet nor miss the target; review it",
                                   "总结所述为{found}，不是方案所属地区：其数字不能算作完成或未完成，请人工复核"),
    "reason.task.other_region": ("the summary is about {found}, not the plan's region: its work does not show the task done; review it",
                                 "总结所述为{found}，不是方案所属地区：其工作不能证明该任务已完成，请人工复核"),
    "reason.target.undated": ("{figure} says no year, while its sentence dates its other figures and no title gives the year reported on: it may be another year's; review it",
                              "{figure}未写明年份，而同句其他数字写明了年份，且没有标题写明所报年份：可能是其他年份的数字，请人工复核"),
    "reason.target.conflicting_figures": ("figures for {metric} disagree: {desc}", "{metric}的数字相互矛盾：{desc}"),
    "reason.target.bound_ambiguous": ("the qualifier leaves it open whether {desc} holds",
                                      "限定词使结果无法确定：{desc}"),
    "reason.target.not_due": ("not due until {due}; no actual for {metric} yet",
                              "{due} 年才到期；总结尚未报告{metric}的实际数"),
    "reason.target.unreported": ("no figure for {metric} in the results", "工作成效部分没有{metric}的数字"),
    "reason.target.only_in_next_plan": ("mentioned only in the next-year plan: {figure}", "仅在下一步计划中提及：{figure}"),
    "reason.target.only_in_problems": ("mentioned only among the problems: {figure}", "仅在存在问题中提及：{figure}"),
    "reason.target.only_elsewhere": ("mentioned only in a part of the text about another region: {figure}",
                                     "仅在文中关于其他地区的部分提及：{figure}"),
    "reason.target.only_in_links": ("mentioned only in the title of a link to another page: {figure}",
                                    "仅在其他页面的链接标题中提及：{figure}"),
    "reason.target.only_in_front": ("mentioned only before the body of the summary: {figure}",
                                    "仅在总结正文之前提及：{figure}"),
    "reason.target.only_as_target": ("the summary restates the target but gives no actual: {figure}",
                                     "总结只复述了目标，没有给出实际数：{figure}"),
    "reason.target.only_as_intention": ("mentioned only as an intention or forecast: {figure}",
                                        "仅作为打算或预计提及：{figure}"),
    "reason.target.other_year": ("figures found are for another year: {figure}", "找到的数字属于其他年份：{figure}"),
    "reason.target.multi_year": ("figures found add up several years, not one year's {metric}: {figure}",
                                 "找到的数字是多年累计，不是一年的{metric}：{figure}"),
    "reason.target.level_only": ("only the amount is given ({figure}), not its growth: weigh it against the base year; review it",
                                 "只给出了数额（{figure}），没有增长率：请对照基年数额人工复核"),
    "reason.target.completion_rate": ("only how far the year's target was completed is given ({figure}), not the figure: "
                                      "weigh it against the plan's target; review it",
                                      "只给出了年度目标的完成率（{figure}），没有实际数：请对照方案目标人工复核"),
    "reason.target.other_base": ("a growth on another base than the year before ({figure}): not year on year; review it",
                                 "增长率的比较基数不是上一年（{figure}）：不是同比增长，请人工复核"),
    "reason.target.only_baseline": ("only the start of a change is given, not the value reached: {figure}",
                                    "只给出了变化的起点，没有达到的数值：{figure}"),
    "reason.target.bare_number": ("a number with no unit ({figure}) follows {metric}: read as {figure}{unit}, it needs review",
                                  "{metric}后的数字没有单位（{figure}）：按 {figure}{unit} 读取，需人工复核"),
    "reason.target.part_year": ("a figure for part of the year decides nothing yet: {desc}; review it",
                                "非全年的数字尚不能定论：{desc}，请人工复核"),
    "reason.target.after_due": ("due {due}, but the summary reports a later year: {figure} is not the {due} figure; review it",
                                "时限为 {due} 年，总结报告的是其后的年份：{figure} 不是 {due} 年的数字，请人工复核"),
    "reason.task.numeric_see_targets": ("the task commits to figures: words alone cannot show it done; check its targets",
                                        "该任务含量化指标，仅凭文字不能证明已完成；请核对相应目标"),
    "reason.task.recurring_not_due": ("a recurring duty due {due}: earlier work does not fulfil it yet",
                                      "经常性工作，时限 {due} 年：此前的工作尚不能算作完成"),
    "reason.task.ongoing_not_due": ("work that goes on until {due}: what is done so far is progress",
                                    "持续推进的工作，时限 {due} 年：目前所做的是进展，尚不能算作完成"),
    "reason.task.before_period": ("the summary reports {year}, before the plan's period (from {start}): earlier work does not fulfil it",
                                  "总结报告的是 {year} 年，早于方案期（自 {start} 年起）：此前的工作不能算作完成"),
    "reason.task.met": ("the results report it done", "工作成效部分报告已完成"),
    "reason.task.not_done": ("the results say it was not done", "工作成效部分表明未完成"),
    "reason.task.only_in_problems": ("named only among the problems", "仅在存在问题中提及"),
    "reason.task.only_planned": ("mentioned only as a plan or intention, not as done", "仅作为计划或打算提及，未报告已完成"),
    "reason.task.weak_evidence": ("only weak evidence in the results; review the quoted sentences",
                                  "工作成效部分只有较弱的依据，请核对所引句子"),
    "reason.task.not_due": ("not due until {due}; nothing reported yet", "{due} 年才到期；尚未报告"),
    "reason.task.unreported": ("nothing in the results matches it", "工作成效部分没有与之对应的内容"),
    # a recurring item (plan ``every``): which year it was checked for
    "recurring.year": ("{message} (recurs every year: checked for {year})", "{message}（每年重复：按{year}年核查）"),
    "recurring.quarter": ("{message} (recurs every quarter: checked for {year})", "{message}（每季度重复：按{year}年核查）"),
    "recurring.quarter.scaled": ("{message} (recurs every quarter: checked for {year}, the year's figure against "
                                 "4 quarters, {per_year}{unit})",
                                 "{message}（每季度重复：按{year}年核查，全年数字对照4个季度合计{per_year}{unit}）"),
    # warnings: Messages made where they are found (tests/test_warnings.py); English is "code: detail" as
    # logs and JSON `warnings` read it, Chinese keeps the quoted source text as written
    "warning.garbled_unit": ("garbled_unit: '{text}' read as {value}", "单位疑似乱码：'{text}' 按 {value} 读取"),
    "warning.unit_compound": ("unit_compound: '{text}' read as {unit}", "复合单位：'{text}' 按 {unit} 读取"),
    "warning.rate_unit": ('rate_unit: {unit} is a rate, not an amount', "{unit} 是比率单位，不是数量"),
    "warning.conflicting_qualifiers": ('conflicting_qualifiers: {words}', "限定词相互矛盾：{words}"),
    "warning.multi_year": ("multi_year: '{text}'", "跨年度的数字：'{text}'"),
    "warning.multi_year.since": ('multi_year: since {year}', "跨年度的数字：{year} 年以来的累计"),
    "warning.partial_period": ("partial_period: '{text}'", "非全年的数字：'{text}'"),
    "warning.respective_unresolved": ('respective_unresolved: {word} with {count} figures', "“{word}”后有 {count} 个数字，无法逐一对应"),
    "warning.no_quantity": ('no_quantity: nothing names what this figure measures', "未能确定该数字所指的指标"),
    "warning.cumulative": ("cumulative: a running total, not this period's amount", "累计数，不是本期数量"),
    "warning.blank_in_text": ('blank_in_text: a blank before the figure, a number may be missing', "数字前有空白，可能缺了一个数字"),
    "warning.recurring": ('recurring: a rate per period ({word}), not an amount reported for the period', "按期计的数额（{word}），不是本期报告的数量"),
    "warning.estimate": ('estimate: the figure is a forecast', "该数字是预计数"),
    "warning.baseline": ("baseline: '{text}' is where a change started ({verb} a later value)", "'{text}' 是变化的起点（{verb}之后的数值才是达到的数值）"),
    "warning.split_number": ("split_number: '{text}' has {gap} between its digits; read as '{read}', check the source", "'{text}' 的数字之间夹有 {gap}，按 '{read}' 读取，请核对原文"),
    "warning.bidi_control": ("bidi_control: {gap} next to '{text}' may make it display reversed; read as '{read}' in file order, check the source",
                             "'{text}' 旁有双向控制字符 {gap}，可能显示颠倒；按文件顺序读作 '{read}'，请核对原文"),
    "warning.region_mismatch": ("region_mismatch: the summary is about {found}, the plan is for {region}; its figures and work meet or miss nothing of the plan: review them",
                                "总结所述地区为{found}，方案属于{region}；其数字和工作不能算作本方案的完成或未完成，请人工复核"),
    "warning.compilation": ('compilation: the document holds summaries of {listed}; checked the part about {region} (lines {lines}: {kept} of {total} sentences)', "文件汇编了{listed}的总结；只核对了{region}的部分（第 {lines} 行，共 {total} 句中的 {kept} 句）"),
    "warning.region_part": ("region_part: lines {lines} are about {found} by their headings ({moved} of {total} sentences); their figures and work are not read as {region}'s, only shown for review",
                            "第 {lines} 行按标题所述是{found}的情况（共 {total} 句中的 {moved} 句）；其数字和工作不计为{region}的，仅供人工复核"),
    "warning.compilation.none": ("compilation: the document holds summaries of {listed}, none for {region}; every 'met' needs review", "文件汇编了{listed}的总结，没有{region}的；每个“已完成”都需人工复核"),
    "warning.thresholds": ('thresholds: {changed}', "匹配阈值不是默认值：{changed}"),
    "warning.what.plan_item": ("the plan item", "方案事项"),
    "warning.what.summary": ("the summary", "总结"),
    "warning.what.evidence": ("the evidence", "所依据的语句或数字"),
    "warning.review_stale": ("review_stale: {what} changed since {by} decided {status} on {date}; the tool's verdict stands, review it again", "{what}在{by}于 {date} 认定为“{status}”之后已变更；仍以工具判定为准，请重新复核"),
    "warning.review_orphan": ('review_orphan: {by} decided {status} on {item} for {summary}, but the plan has no item {item} any more', "{by}对第 {item} 项（{summary}）作出的“{status}”决定已无对应事项：方案中已没有该项"),
    "warning.year_guess.line": ("year_guess: no title states the year reported on; read as {year} from line {line} ('{text}'); a met or missed whose sentence does not state {year} needs review", "没有标题写明所报年份；按第 {line} 行（'{text}'）读作 {year} 年；所依句子未写明 {year} 年的“已完成”或“未完成”需人工复核"),
    "warning.year_guess": ('year_guess: no title states the year reported on; read as {year} from its date ({text}); a met or missed whose sentence does not state {year} needs review', "没有标题写明所报年份；按发布日期（{text}）读作 {year} 年；所依句子未写明 {year} 年的“已完成”或“未完成”需人工复核"),
    "warning.year_from_plan": ("year_from_plan: no year found in the summary (no title year, date or dated result); read as {year}, the first year of the plan ({start}-{end}), so items due later are pending: every verdict needs review; give the year (--year, FILE@YEAR)",
                               "总结中找不到所报年份（没有标题年份、日期或带年份的成果）；按方案首年 {year} 年核查（方案期 {start}-{end} 年），其后到期的事项为未到期：每项结论都需人工复核；请用 --year 或 FILE@YEAR 指明年份"),
    "warning.year_unknown": ('year_unknown: no year found in the summary (no title year, date or dated result); an unreported item may not be due yet: give the year (--year, FILE@YEAR)', "总结中找不到所报年份（没有标题年份、日期或带年份的成果）；未报告的事项可能尚未到期：请用 --year 或 FILE@YEAR 指明年份"),
    "warning.year_mismatch": ("year_mismatch: the summary's title says {titled}, it was checked as {year}; figures it reports may be for {titled}", "总结标题写的是 {titled} 年，却按 {year} 年核对；所报数字可能属于 {titled} 年"),
    # not yet translated: the Chinese shows the code and the English detail, as reports always did
    "warning.table_whole": ("table_whole: a total row of a table whose title names no region; check it is the plan region's",
                            "table_whole：a total row of a table whose title names no region; check it is the plan region's"),
    "warning.table_mark": ("table_mark: the row's self-check mark '{mark}' says otherwise than its figures",
                           "自查表该行的完成情况“{mark}”与其数字不符"),
    "warning.bare_number": ("bare_number: '{text}' has no unit; read as {text}{unit}",
                            "bare_number：'{text}' has no unit; read as {text}{unit}"),
}
_merge(_ENTRIES)

# --- ci-formats (helper B): CSV/XLSX headings, JUnit, annotation and MR-comment words. ---
_CI_FORMATS: dict[str, tuple[str, str]] = {
    "csv.id": ("id", "编号"), "csv.kind": ("kind", "类别"), "csv.label": ("item", "事项"),
    "csv.status": ("status", "结论"), "csv.needs_review": ("needs review", "需人工复核"),
    "csv.confidence": ("confidence", "置信度"), "csv.reason": ("reason code", "原因代码"),
    "csv.message": ("message", "说明"), "csv.figure_text": ("figure text", "数字原文"),
    "csv.figure_value": ("figure value", "数值"), "csv.unit": ("unit", "单位"),
    "csv.line": ("evidence line", "证据行"), "csv.page": ("page", "页"),
    "csv.evidence": ("evidence sentence", "证据原文"), "csv.summary": ("summary file", "总结文件"),
    "csv.plan_line": ("plan line", "方案行"),
    "csv.tool_status": ("tool verdict", "工具判定"), "csv.review": ("review decision", "人工复核决定"),
    "csv.review_text": ("{status} by {by} on {date}: {reason}", "{by}于 {date} 认定为{status}：{reason}"),
    "csv.review_not_applied": ("(not applied: {why})", "（未采用：{why}）"),
    "item_kind.target": ("target", "指标"), "item_kind.task": ("task", "任务"),
    "ci.yes": ("yes", "是"), "ci.no": ("no", "否"),
    "ci.line": ("line {line}", "第 {line} 行"), "ci.page_line": ("page {page}, line {line}", "第 {page} 页第 {line} 行"),
    "ci.plan_line": ("plan line {line}", "方案第 {line} 行"), "ci.evidence": ("evidence", "证据"),
    "ci.figure": ("figure", "数字"), "ci.confidence": ("confidence", "置信度"), "ci.reason": ("reason", "原因"),
    "ci.no_evidence": ("no sentence found in the summary", "总结中未找到相关语句"),
    "ci.total": ("total", "合计"), "ci.count": ("items", "项数"),
    "ci.sheet_items": ("items", "事项"), "ci.sheet_counts": ("counts", "统计"),
    "ci.review": ("reviewed as {status} by {by} ({date}); the tool said {tool}: {reason}",
                  "人工复核结论：{status}（{by}，{date}）；工具结论：{tool}；理由：{reason}"),
    "comment.title": ("ipcheck: {title}", "ipcheck 核查结果：{title}"),
    "comment.summary": ("plan {plan}, summary {path}, year {year}", "方案 {plan}，总结 {path}，年度 {year}"),
    "comment.failing": ("Failing or needing review", "未通过或需人工复核的事项"),
    "comment.none_failing": ("Nothing failing and nothing to review.", "没有未通过或需人工复核的事项。"),
    "comment.others": ("The other {n} items", "其余 {n} 项"),
    "comment.truncated": ("{n} more rows left out to stay within the comment size limit; see the full report.",
                          "为不超过评论长度上限，另有 {n} 行未列出；请查看完整报告。"),
}
_merge(_CI_FORMATS)
# --- end ci-formats ---

# --- explain: `ipcheck explain`'s words live in catalogue_explain; merged here like every other block ---
from ipcheck.catalogue_explain import EXPLAIN_ENTRIES  # noqa: E402

_merge(EXPLAIN_ENTRIES)


# --- batch: why a file was left out of the pairs (ipcheck.pairing), what was written ---
_BATCH: dict[str, tuple[str, str]] = {
    "cli.batch_written": ("{dir}: {count} {format} reports, {files}", "{dir}：{count} 份 {format} 报告，{files}"),
    "unpaired.not_a_plan": ("not a plan file (expected {expected})", "不是方案文件（应为 {expected}）"),
    "unpaired.not_a_summary": ("not a summary file (expected {expected})", "不是总结文件（应为 {expected}）"),
    "unpaired.not_an_input": ("a README or similar file, not a {kind}", "说明文件（README 等），不是{kind}"),
    "unpaired.no_region": ("no title line naming a region (2015年绵竹市…工作总结)",
                           "没有写明地区的标题行（如“2015年绵竹市…工作总结”）"),
    "unpaired.no_plan_for": ("no plan for {regions}", "没有{regions}的方案"),
    "unpaired.no_plan_covers": ("no plan covers {year}: {plans}", "没有覆盖{year}年的方案：{plans}"),
    "unpaired.no_summary": ("no summary about {region} for {years}", "没有{region}{years}的总结"),
}
_merge(_BATCH)


# The words of the workflow commands (progress, diff, what to write, checklist, workbook, review
# steps) live in their own module; merged here like every other block.
from ipcheck.catalogue_workflows import BLOCKS as _WORKFLOW_BLOCKS  # noqa: E402

for _block in _WORKFLOW_BLOCKS:
    _merge(_block)

# --- cli (issue #16): the command line's own words, and error messages, live in catalogue_cli ---
from ipcheck.catalogue_cli import CLI_ENTRIES  # noqa: E402
from ipcheck.catalogue_errors import ERROR_ENTRIES  # noqa: E402

_merge(CLI_ENTRIES)
_merge(ERROR_ENTRIES)
# --- end cli ---

# The words of `ipcheck rules` and of the rule codes `ipcheck explain` names, in their own data module.
from ipcheck.catalogue_rules import RULES as _RULES  # noqa: E402

_merge(_RULES)
