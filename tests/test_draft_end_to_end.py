"""Draft, then check, without editing the draft: plans drafted from the plan.txt of real dev pairs
(tests/realworld/dev), checked against the pair's own summary.txt, and scored against the pair's
labels (tests/realworld/README.md) wherever a drafted item is one the hand-written plan.yaml
encodes. The test split is never used here."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from draft_scoring import norm_metric
from ipcheck.check import check
from ipcheck.evaluate_cases import score_item
from ipcheck.inputs.documents import read_document
from ipcheck.model import Status
from ipcheck.plans.draft import draft
from ipcheck.plans.loader import load_plan, parse_plan

DEV = Path(__file__).resolve().parent / "realworld" / "dev"
# the dev pairs with a plan.txt of their own (kunming-2021 and tianjin-2016/2017/2019 quote a
# held-out text; liaoning-2019-* quote an English page)
PAIRS = ["beijing-2010-table", "guangxi-2015", "heilongjiang-2018-conference", "heilongjiang-2018-news",
         "jiangxi-2015", "jiangxi-2016", "jiangxi-2018", "tianjin-2012-news", "yunnan-2015", "yunnan-2020"]


def _key(t) -> tuple:
    return t.measure, t.op, float(t.value), t.unit, t.due


def _scored(name: str) -> tuple[list, list, list]:
    """(scored items of the drafted plan, drafted verdicts with no hand item, the hand plan's own
    scored items for the same labels) of one pair."""
    pair = DEV / name
    case = yaml.safe_load((pair / "case.yaml").read_text(encoding="utf-8"))
    hand = load_plan(pair / "plan.yaml")
    plan = parse_plan(draft(read_document(pair / "plan.txt")).yaml, name)     # as drafted
    summary = read_document(pair / "summary.txt")
    verdicts = {v.item_id: v for v in check(plan, summary).verdicts}
    by_hand = {v.item_id: v for v in check(hand, summary).verdicts}
    scored, extra, used = [], [], set()
    for t in plan.targets:
        same = [h.id for h in hand.targets if _key(h) == _key(t) and h.id not in used]
        _score(case, name, same, verdicts[t.id], scored, extra, used)
    for k in plan.tasks:
        title = norm_metric(k.title)
        same = [h.id for h in hand.tasks if h.id not in used and (title in norm_metric(h.title)
                                                                  or norm_metric(h.title) in title)]
        _score(case, name, same, verdicts[k.id], scored, extra, used)
    labels = {str(k): v for k, v in case["items"].items()}
    return scored, extra, [score_item(name, i.item, labels[i.item], by_hand[i.item]) for i in scored]


def _score(case, name, same, verdict, scored, extra, used) -> None:  # type: ignore[no-untyped-def]
    labelled = [i for i in same if str(i) in {str(k) for k in case["items"]}]
    if labelled:
        used.add(labelled[0])
        label = {str(k): v for k, v in case["items"].items()}[str(labelled[0])]
        scored.append(score_item(name, str(labelled[0]), label, verdict))
    else:
        extra.append(verdict)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[list, list, list]]:
    return {name: _scored(name) for name in PAIRS}


def test_no_drafted_item_is_a_false_met(results) -> None:  # type: ignore[no-untyped-def]
    for name, (scored, extra, _) in results.items():
        assert not [i for i in scored if i.got == "met" and i.want != "met"], name
        # a drafted item the hand plan does not have may not be met either: nothing proves it
        assert not [v.item_id for v in extra if v.status is Status.MET], name


def test_drafted_plans_reach_the_labelled_verdicts(results) -> None:  # type: ignore[no-untyped-def]
    scored = [i for s, _, _ in results.values() for i in s]
    by_hand = [i for _, _, h in results.values() for i in h]
    wrong = sorted(f"{i.case}:{i.item} {i.why}" for i in scored if not i.right)
    # measured on this branch: 49 drafted items are items the hand plans encode; 45 reach the
    # labelled verdict, as many as the hand plans' own items do but one. Misses: tianjin-2012-news T2
    # (an officer excludes the narrower 自然人专利申请), heilongjiang-2018-news T2 and yunnan-2015 (a
    # summary that names no year). heilongjiang T2 is right with the hand plan only: its officer's alias
    # 专利权质押 names the 专利权质押登记…金额 lead (target.level_only), a drafted plan has just the metric.
    hand_alias_only = {("heilongjiang-2018-news", "T2")}
    assert len(scored) >= 49
    assert sum(i.right for i in scored) >= 45, wrong
    assert sum(i.right for i in scored) >= sum(i.right for i in by_hand if (i.case, i.item) not in hand_alias_only), wrong
    assert [(i.case, i.item) for i in by_hand if i.right and (i.case, i.item) in hand_alias_only] == sorted(hand_alias_only)


# A held-out pair: a plan text of the drafter's held-out set (never used to develop it) that is also
# the plan of two labelled real-world pairs, drafted unedited and checked against each pair's summary.
HELD_OUT_PAIRS = [("kunming-2018-news-trad", "kunming-2017"), ("kunming-2018-news-trad", "kunming-2021")]


@pytest.mark.parametrize("text, pair", HELD_OUT_PAIRS, ids=[p for _, p in HELD_OUT_PAIRS])
def test_a_held_out_plan_drafted_then_checked_reaches_the_labelled_verdicts(text: str, pair: str) -> None:
    heldout = Path(__file__).resolve().parent / "drafts" / "heldout" / f"{text}.txt"
    assert heldout.read_bytes() == (DEV / "kunming-2021" / "plan.txt").read_bytes()   # the plan's own text
    plan = parse_plan(draft(read_document(heldout)).yaml, text)                # as drafted, not edited
    hand = load_plan(DEV / pair / "plan.yaml")
    assert [_key(t) for t in hand.targets] == [_key(t) for t in load_plan(DEV / "kunming-2021" / "plan.yaml").targets]
    case = yaml.safe_load((DEV / pair / "case.yaml").read_text(encoding="utf-8"))
    verdicts = {v.item_id: v for v in check(plan, read_document(DEV / pair / "summary.txt")).verdicts}
    same = {t.id: next(h.id for h in hand.targets if (h.metric, h.value, h.unit, h.due) ==
                       (t.metric, t.value, t.unit, t.due)) for t in plan.targets}
    assert sorted(same.values()) == sorted(t.id for t in hand.targets)         # every hand target drafted
    got = {same[i]: verdicts[i].status.value for i in same}
    assert got == {str(k): v["status"] for k, v in case["items"].items()}
