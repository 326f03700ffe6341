"""The words of `ipcheck rules [CODE]` (the reading rules of ipcheck/lang/zh/*.yaml, ipcheck.lang.describe)
and of the rule codes `ipcheck explain` names: key -> (English, Chinese), merged into the catalogue."""
from __future__ import annotations

RULES: dict[str, tuple[str, str]] = {
    "rules.heading": ("{n} reading rules (ipcheck rules CODE shows one with its examples)",
                      "共 {n} 条阅读规则（ipcheck rules 规则代码：查看一条规则及其示例）"),
    "rules.file": ("file: {file}", "文件：{file}"),
    "rules.group": ("group: {group}", "组：{group}"),
    "rules.blocked_by": ("blocked by: {codes}", "被以下规则阻止：{codes}"),
    "rules.blocks": ("blocks: {codes}", "阻止：{codes}"),
    "rules.examples": ("{match} match, {no_match} no match", "{match} 个应匹配，{no_match} 个不应匹配"),
    "rules.more": ("Each rule's examples are tests (tests/test_lang_rules.py).",
                   "每条规则的示例都是测试（tests/test_lang_rules.py）。"),
    "rules.kind.words": ("words", "词表"), "rules.kind.chars": ("characters", "字表"),
    "rules.kind.table": ("table", "对照表"), "rules.kind.pattern": ("pattern", "正则"),
    "rules.kind.union": ("union", "合并"),
    "rules.words": ("words: {items}", "词：{items}"), "rules.chars": ("characters: {items}", "字：{items}"),
    "rules.table": ("table: {items}", "对照：{items}"), "rules.pattern": ("pattern: {items}", "正则：{items}"),
    "rules.context": ("context: {items}", "上下文：{items}"),
    "rules.match": ("must match:", "应匹配："), "rules.no_match": ("must not match:", "不应匹配："),
    "rules.cases": ("checked end to end:", "端到端核查："),
    "explain.rules": ("rules: {codes}", "规则：{codes}"),
}
