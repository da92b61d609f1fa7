"""Linking: what a figure measures (metric), of what (subject), when (period), and which figure
a rate belongs to (base).  Each decision is made by a named rule and recorded in ``Figure.links``
as ``field:rule``, so a user can see why a fact was linked.  Rules, in the order they are tried:

metric
    ``metric:phrase``       the indicator the figure's clause states before it, as written
                            (``metric.phrase_metric``; docs/linking.md): up to a comparison base,
                            after the last light verb (全市实现地区生产总值 → 地区生产总值) and the
                            clause's subject, period or adverbial.  A rate noun alone is none.
    ``metric:before``       else the nearest indicator of ``resources/metrics.tsv`` before the
                            figure in its clause (for a rate with no base, an earlier clause).
    ``metric:leading``      else, a heading's (6.2%，…): the noun phrase opening the next clause.
    ``metric:breakdown``    in a sentence opening with 其中, a category before a light verb takes
                            the indicator of the earlier figure with its unit (``leading.py``).
    ``metric:capacity``     a capacity word (年产) → 产能（年产 + the product after the figure）.
    ``metric:unit``         a quake's magnitude measures 震级 (8.7级地震), a score with no
                            indicator or only a verb of scoring before it 得分 (拿下28分): the
                            unit names it (``figures.unit_metric``).
    ``metric:share``        a percent after 占 / 占比 names both parts (第二产业增加值占生产总值比重;
                            项目126个，占比41.7% → 项目占比; ``indicator.py``).
    ``metric:respectively`` figures listed after 分别 (依次: role ``respectively``) take, in order,
                            the members of the indicator list before it when the counts agree
                            (软件、通信、电子产业营收分别增长8.1%、11%、14% → 软件产业营收, …);
                            after 分别占, each member's share of the whole (``shares.py``); a
                            figure of it with no change word takes the first's (``change:list``).
    ``metric:owner``        a later indicator takes the previous one's owner (早稻…，产量 → 早稻产量).
    ``metric:counted``      a count with no indicator, or only a verb, before it takes the noun
                            it counts (出台85条政策措施 → 出台政策措施);
    ``metric:object``       an amount the object that ends its clause (下达5000万元专项资金);
    ``metric:predicate``    a count opening its noun phrase takes the predicate after it, 的 and
                            the noun (42个项目纳入省级库 → 纳入省级库的项目; 38.5%的商户… → …占比).
    ``metric:copula``       a count opening its clause (after 其中 or nothing) before a copula and
                            a noun phrase that ends the clause counts that part (其中935辆为人员
                            输送车 → 人员输送车; ``objects.copula_noun``).
    ``metric:persons``      a count of persons a verb follows names the set by it (造成4人死亡 →
                            死亡人数; 全县2300多人参加技能培训 → 参加技能培训的人数; 其中8人遇难
                            → 遇难人数; person_counts.py).
    ``metric:treated``      the object of 对 before a light verb takes the action (对13人进行问责 →
                            问责人数; ``light_verbs.py``).
    ``metric:from_previous`` a change amount with no indicator (比上年增加4.2万吨), or an amount in
                            the previous figure's clause, takes that figure's (not after a 的).
    ``metric:from_base``    a rate with no indicator of its own takes its base figure's.
    ``metric:from_change``  a growth rate with none right after a change amount that names its
                            own takes that (火灾减少36起，下降8.5%), with no base.
    ``metric:colon_list``   else an item's after a colon (甲，8120人；乙，…): the introduction's.
    ``metric:label``        else a figure alone after a colon: the label before it (冠军：5000元 →
                            冠军; ``colon_lists.label_metric``).
    ``metric:topic``        else one whose clause names nothing (从不足百个): the clause before's.
subject
    ``subject:in_metric``   the indicator before the figure starts with a subject word (园区产值), or
    ``subject:sector``      with a sector a content verb follows (采矿业新增减税 → 采矿业);
    ``subject:group``       alone in its clause, a group of firms (出口企业享受减税 → 出口企业).
    ``subject:before``      the nearest place, organisation or subject word (全市, 我省, 园区)
                            before the indicator in its clause, before the clause's first
                            predicate verb where one is there (某集团接收某公司转让的设备 → 某集团:
                            not the verb's object; subjects.objects_of_verbs); not a party
                            organ, one in an adverbial or a period (党的十九大以来), after 向, or
                            listed before a count; else the previous
                            figure's in the sentence, else the sentence's first not an object.
    ``subject:institutions`` a subject before an indicator that opens with institutions a verb
                            follows is theirs (全国/公安机关共破获… → 全国公安机关; subjects.py).
    ``subject:named_area``  全县 stands for the sentence's topic 某县, its one 某县, or the last's.
    ``subject:carried``     else the previous sentence's subject in the paragraph (not 其中…'s).
    ``subject:lead``        else the subject the previous paragraph ended with (ANNOTATION §8).
    ``subject:from_base``   a rate takes its base figure's subject, unless one opens its clause.
    ``subject:agent``       else the noun phrase that opens the clause as its verb's agent.
period
    ``period:before``       the nearest period before the figure in its sentence (2024年, 截至8月
                            底, 自…以来), not a base (比上年), not another figure's or clause's own
                            (由去年的…增至…, …，上年同期为…: bounds.period_before).
    ``period:sentence``     else an earlier figure's in its sentence (not a point: 十年前); a
                            period is never carried into the next sentence (ANNOTATION §8).
base (docs/linking.md lists every rule, with the modules that own them)
    ``base:previous``       a rate that states a change or has no indicator belongs to the
                            nearest earlier amount of its sentence (percentage points: percent),
                            unless an indicator of its own differs from that figure's.
    ``base:level``          an absolute change taking the previous figure's indicator, of one
                            unit with it, belongs to that level (人均收入52100元 ← 4300元).
Nothing is linked where no rule applies: an unlinked field is ``None``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from operator import attrgetter

from cnews_ie.agents import agent_subject
from cnews_ie.bounds import (
    adverbial_spans,
    inner_adverbial,
    period_after,
    period_before,
    phrase_bounds,
    sentence_periods,
)
from cnews_ie.carried import carried_subject as carried
from cnews_ie.clause_topics import averaged, goes_on, topic_metric
from cnews_ie.clauses import clause_start, in_adverbial, is_aside
from cnews_ie.colon_lists import colon_item, label_metric
from cnews_ie.figures import unit_metric
from cnews_ie.indicator import (
    can_be_base,
    capacity_of,
    ends_in_noun,
    is_rate_noun,
    rate_comparison,
    share_metric,
    sibling_rate,
)
from cnews_ie.leading import breakdown_of, leading_metric, list_changes, listed_run, respectively
from cnews_ie.levels import changed_level, level_source
from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.light_verbs import treated_metric
from cnews_ie.link_record import Link, linked_figures, metric_rule
from cnews_ie.listed_counts import listed_predicate_metric
from cnews_ie.metric import (
    canonical_metric,
    metric_before,
    names_indicator,
    phrase_metric,
    words_between,
)
from cnews_ie.objects import copula_noun, noun_after
from cnews_ie.owners import carried_owner
from cnews_ie.patterns import CLAUSE_END, CLAUSE_END_CHARS, SEMICOLONS
from cnews_ie.person_counts import persons_metric
from cnews_ie.records import Change, Figure, FigureKind
from cnews_ie.shares import without_complement
from cnews_ie.spans import SpanIndex
from cnews_ie.subject_topics import clause_topic, topic_openings
from cnews_ie.subjects import metric_subject, named_area, not_agents, scoped_agent, subject_in
from cnews_ie.work import SentenceSpan, Token

_SEMICOLONS = frozenset(SEMICOLONS)


def _reference(text: str, candidate: Figure, fig: Figure) -> bool:
    """Whether ``candidate`` is inside the reference a multiple is written against, not its
    amount: in the multiple's clause, in the phrase that 的 closes right before it
    (是1988年153万件的26000多倍, 在对方一万多伤亡人数的10倍以上)."""
    between = text[candidate.end : fig.start]
    return (
        fig.kind is FigureKind.MULTIPLE
        and between.endswith("的")
        and not any(c in CLAUSE_END_CHARS for c in between)
    )


def _own_change(candidate: Figure, said: Link, rate: Figure) -> bool:
    """Whether ``candidate`` is a change amount that names its own indicator and changes no
    level written before it, so that a growth rate after it with no indicator measures that
    indicator (产量达到5.8亿吨，火灾同比减少14起，下降17.2%: the fires, not the output), of a
    level the text does not write (ANNOTATION §7: a rate → its amount, a level; no base): a
    percent that states a change, after a change amount whose indicator is no earlier
    figure's."""
    return (
        rate.kind is FigureKind.PERCENT
        and rate.change is not None
        and candidate.kind not in _RATES
        and candidate.change is not None
        and said.base is None
        and said.metric is not None
        and "metric:from_previous" not in said.links
    )


def _named_shorter(fig: Figure, indicator: str | None, metric: str) -> bool:
    """Whether a multiple's own indicator is the end of the amount's before it (快递业务量 …
    是上年业务量的3倍): it names the same indicator, shorter."""
    return (
        fig.kind is FigureKind.MULTIPLE
        and indicator is not None
        and indicator != metric
        and indicator.endswith(metric)
    )


__all__ = ["canonical_metric", "link_figures"]  # canonical_metric: re-exported from metric.py

_RATES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE}
_METRIC_WINDOW = 32  # an indicator is read from the characters just before its figure
_DURING = "期间"  # a period of an event, during which the figure is its (进博会期间)


def link_figures(
    text: str,
    sentences: Sequence[tuple[int, SentenceSpan]],
    figures: Sequence[Figure],
    entities: list[tuple[int, int]],
    tokens: Mapping[int, Sequence[Token]],
    written: Mapping[int, Sequence[re.Match[str]]] | None = None,
) -> list[Figure]:
    """``figures`` (offsets into ``text``, sorted) with metric, subject, period, base and the
    rules that set them.  ``sentences``: the (index, span) of body sentences and headings with
    a figure; ``entities``: place and organisation spans; ``tokens``: the stored words of each
    sentence with a figure; ``written``: their periods (``bounds.segmented_periods``)."""
    out: list[Link] = [Link()] * len(figures)  # one empty record (immutable) until each is set
    linked_subjects: set[str | None] = set()  # the subjects given so far
    changed: dict[int, Change] = {}  # a figure of a list → the change of its list
    near = SpanIndex(entities).near
    index, last_block = 0, -1
    carried_subject: str | None = None
    lead_subject = carried_subject
    quiet: list[tuple[int, int, int]] = []  # the sentences without figures since the last one
    for sentence_index, sentence in sentences:
        if index >= len(figures):
            break  # every figure is linked: what later sentences carry is read by none
        s_start, s_end, block = sentence.start, sentence.end, sentence.block
        lead = lead_subject if lead_subject in linked_subjects else None
        if block != last_block:
            if quiet:
                carried_subject = carried(text, quiet, carried_subject, lead, near, tokens)
                quiet = []
            # the lead's place or company governs the passage (§8): a paragraph starts from it
            lead_subject = carried_subject or lead_subject
            carried_subject = None
            last_block = block
        sentence_subject = sentence_period = whole = None  # whole: no part's (其中…) subject
        previous_end = s_start
        levels: set[int] = set()  # where the sentence's figures so far start
        listed: dict[int, tuple[str, int]] = {}  # figure → its member of a 分别 list
        first = index  # figures are sorted: the sentence's start from here, at or after s_start
        while index < len(figures) and figures[index].start < s_end:
            index += 1
        members = range(bisect_left(figures, s_start, first, index, key=attrgetter("start")), index)
        if not members:
            quiet.append((sentence_index, s_start, s_end))
            continue  # what it carries is read when a sentence with a figure comes, if at all
        if quiet:
            carried_subject, quiet = carried(text, quiet, carried_subject, lead, near, tokens), []
        cut, names = tokens.get(sentence_index, ()), near(s_start, s_end)
        tops: list[int] | None = None  # where a topic may open (subject_topics), read once
        prior: list[tuple[str | None, int]] = []  # the last metric said (and where) so far
        said_at: int | None = None  # the last figure given a metric
        theirs = [(figures[m].start, figures[m].end) for m in members]  # indexed where many:
        spans = SpanIndex(theirs) if len(theirs) > 16 else theirs  # a count reads those near
        # a whole-area word's place: the last sentence's subject, or the lead's figures' subject
        above = carried_subject or (lead_subject if lead_subject in linked_subjects else None)
        # read by every figure's period: found already where its words cover the sentence
        periods = (written or {}).get(sentence_index) if cut and cut[0].start == s_start else None
        if periods is None or cut[-1].end != s_end:
            periods = sentence_periods(text, s_start, s_end)
        agents, verb_objects = not_agents(text, cut, s_end, [figures[m] for m in members], names)
        spoken = adverbial_spans(text, s_start, s_end)  # 在…下, 据…统计: read once a sentence
        objects = (adverbials := spoken + agents) + verb_objects
        for i in members:
            fig = figures[i]
            rules: list[str] = []
            before = (s_start, figures[i - 1].start) if previous_end > s_start else None
            clause = clause_start(text, previous_end, fig.start, before, names_indicator)
            sentence_words = tokens[sentence_index]
            window = max(previous_end, fig.start - _METRIC_WINDOW)
            words = words_between(sentence_words, window, fig.start)
            clause_words = words_between(sentence_words, clause, fig.start)
            places = near(window, fig.start)
            in_clause = near(clause, fig.start)  # the names before the figure in its clause
            bounds = phrase_bounds(text, clause, fig.start, in_clause)
            hi = level_source(text, clause, fig, clause_words)  # 由成立之初的300个增至…
            phrase = phrase_metric(
                text,
                clause,
                hi,
                [w for w in clause_words if w[0] < hi],
                bounds,
                multiple=fig.kind is FigureKind.MULTIPLE,
                basis=fig.kind not in _RATES,  # 按人均年薪6万元计算: an amount may be a basis
            )
            inner = [a for a in spoken if clause <= a[0] and a[1] <= hi]
            if gap := inner_adverbial(clause_words, inner, hi):  # 规模在…基础上增长
                over = phrase_metric(
                    text,
                    clause,
                    hi,
                    [w for w in clause_words if w[0] < hi and not gap[0] <= w[0] < gap[1]],
                    [b for b in bounds if not (gap[0] <= b[0] and b[1] <= gap[1])],
                )
                # read over it only where the indicator ends before it (not 某军在会战中伤亡)
                if over is not None and over[1] + len(over[0]) <= gap[0]:
                    phrase = over
            if hi == fig.start and fig.kind is FigureKind.COUNT and in_adverbial(hi, clause_words):
                phrase = None  # 工人在12条生产线上: the preposition's object, not the agent's
            metric_found, how = phrase, "phrase"  # else the nearest before, else a heading's
            if not metric_found and not (fig.change and is_aside(text, fig.start, clause)):
                # (not a change after a qualifying clause: 按可比价格计算增长3%, its base's)
                metric_found, how = metric_before(text, clause, fig.start, places, words), "before"
            if not metric_found:
                led = leading_metric(text, s_start, figures, members, i, sentence_words)
                metric_found, how = led, "leading"
            if metric_found and is_rate_noun(metric_found[0]):
                metric_found = None  # 增速为10%: the rate of its base's indicator
            metric, metric_start = metric_found if metric_found else (None, -1)
            if metric:
                rules.append(f"metric:{how}")
            span = (clause, fig.start) if i and figures[i - 1].unit == fig.unit else None
            if owned := carried_owner(text, phrase, prior, sentence_words, span):
                metric, rules = owned, metric_rule(rules, "owner")  # 早稻在田面积…，产量…
            # nearest first, built only as far as it is read (a page has thousands of figures)
            earlier_figures = ((figures[j], out[j]) for j in range(i - 1, -1, -1))
            if part := breakdown_of(text, s_start, phrase, earlier_figures, fig, sentence_words):
                metric, rules = part, metric_rule(rules, "breakdown")  # 其中国际货运完成…
            clause_end = m.start() if (m := CLAUSE_END.search(text, fig.end, s_end)) else s_end
            capacity = capacity_of(metric, fig.end, clause_end, sentence_words)
            if capacity:  # 年产8万吨环保涂料 → 产能（年产环保涂料）
                metric, rules = capacity, metric_rule(rules, "capacity")
            previous = None if said_at is None else out[said_at].metric
            counted = said_at is not None and ends_in_noun(text, out[said_at], sentence_words)
            share = share_metric(text, clause, fig, metric, clause_words, previous, names, counted)
            if share:  # 第二产业增加值占生产总值比重; 项目126个，占比41.7%
                metric, metric_start = share
                rules = [r for r in rules if not r.startswith("metric:")] + ["metric:share"]
            if metric:
                metric = without_complement(metric)  # 支出占到了财政支出 → 支出占财政支出
            held = (metric, metric_start)  # 出台85条政策措施; 发放2亿元专项贷款
            if after := noun_after(text, fig, phrase, held, clause_end, sentence_words):
                metric, metric_start, rules = *after[:2], metric_rule(rules, after[2])
            predicate = listed_predicate_metric(
                text, fig, clause, clause_end, sentence_words, bounds, spans
            )
            if predicate:  # 42个项目纳入省级库 → 纳入省级库的项目
                metric, metric_start = predicate
                rules = [r for r in rules if not r.startswith("metric:")] + ["metric:predicate"]
            elif persons := persons_metric(text, fig, clause_end, sentence_words, spans):
                metric, metric_start = persons  # 造成4人死亡 → 死亡人数
                rules = [r for r in rules if not r.startswith("metric:")] + ["metric:persons"]
            elif treated := treated_metric(text, fig, clause_end, sentence_words):
                metric, metric_start = treated  # 对13人进行问责 → 问责人数
                rules = [r for r in rules if not r.startswith("metric:")] + ["metric:treated"]
            if counted_part := copula_noun(text, fig, clause, clause_end, sentence_words):
                metric, metric_start = counted_part  # 其中935辆为人员输送车 → 人员输送车
                rules = metric_rule(rules, "copula")
            if named := unit_metric(fig, metric):  # 发生8.7级地震 → 震级; 拿下28分 → 得分
                metric, rules = named, metric_rule(rules, "unit")
            if i in listed:
                metric, metric_start = listed[i]
                rules = [r for r in rules if not r.startswith("metric:")]
                rules.append("metric:respectively")
            else:
                run = listed_run(text, figures, i, members.stop)
                spread = respectively(
                    text, clause, fig.start, [figures[j] for j in run], clause_words, bounds
                )
                changed.update(list_changes(figures, run))  # 分别增长9.5%、10%和50%
                if spread is not None:
                    listed.update(
                        {j: (part, spread[1]) for j, part in zip(run, spread[0], strict=True)}
                    )
                    metric, metric_start = listed[i]
                    rules = [r for r in rules if not r.startswith("metric:")]
                    rules.append("metric:respectively")
            base = None
            # 分别高于全省平均0.4个和1.1个百分点: no indicator; the rates before it, in order
            gloss, later = rate_comparison(text, i, figures, members, sentence_words, s_start)
            if gloss:
                metric, rules = None, [r for r in rules if not r.startswith("metric:")]
            if fig.kind in _RATES and (
                fig.change is not None or metric is None or fig.kind is FigureKind.MULTIPLE
            ):  # a multiple of a named indicator: the amount of it before (是上年业务量的3倍)
                for j in reversed(members[: i - members.start]):
                    if metric is None and sibling_rate(figures[j], fig):
                        base = out[j].base  # 环比上涨0.4%，同比上涨3.8%: that rate's own
                        if "metric:from_change" in out[j].links:  # …，分别下降14.6%和11.2%
                            metric, metric_start = out[j].metric, out[j].metric_start
                            rules.append("metric:from_change")
                        break
                    if metric is None and not _SEMICOLONS.isdisjoint(
                        text[figures[j].end : fig.start]
                    ):
                        break  # 新增就业1万人；物价回落，9月回落到1.9%: another item's amount
                    if metric is None and _own_change(figures[j], out[j], fig):
                        metric, metric_start = out[j].metric, out[j].metric_start
                        rules.append("metric:from_change")  # its indicator's rate; no base
                        break
                    if not can_be_base(figures[j], fig, text) or _reference(text, figures[j], fig):
                        continue
                    if later and metric is None:
                        later -= 1
                        continue
                    if metric is None or out[j].metric == metric:
                        base = j
                    elif _named_shorter(fig, out[j].metric, metric):
                        base = j  # 快递业务量达到8亿件，是上年业务量的3倍: the indicator, shorter
                        metric, metric_start = out[j].metric, out[j].metric_start
                    break
            if metric is None and base is None and fig.kind in _RATES and clause > previous_end:
                # 园区产值在此基础上，翻一番: an earlier clause's indicator (not 按可比价格计算)
                metric_found = metric_before(text, previous_end, fig.start, places, words)
                if (
                    metric_found
                    and not is_rate_noun(metric_found[0])
                    and not is_aside(text, metric_found[1], previous_end)
                ):
                    metric, metric_start = metric_found
                    rules.append("metric:before")
            same_clause = clause == previous_end and previous_end > s_start
            between = words_between(sentence_words, previous_end, fig.start)
            if not role_words("attributive").isdisjoint(word for _, word, _ in between):
                same_clause = False  # 总投资57亿元的金川30万吨…项目: 57亿元 modifies the name
            light = goes_on(clause_words, figures[i - 1], fig, in_clause)  # 上年同期为4.8亿元
            # 达到210亿元; ，约合4.5亿港元: a qualifier that restates the amount before says it too
            stated = bool(clause_words) or fig.text.startswith(role_tuple("restates_amount"))
            same_clause |= stated and light and previous_end > s_start
            # 产量138.6万吨，比上年增加4.2万吨: its change; 从1000亿元增加到1800亿元: its level
            if (
                metric is None
                and fig.kind not in _RATES
                and (fig.change is not None or same_clause)
                and said_at is not None
            ):
                metric, metric_start = out[said_at].metric, out[said_at].metric_start
                rules.append("metric:from_previous")
                product = capacity_of(metric, fig.end, clause_end, sentence_words)  # 年产…原药
                metric = product or averaged(metric, clause_words)  # 日均近123万人次: per day
                level = changed_level(figures, out, members.start, said_at, fig)
                if level is not None:
                    base = level  # 开复工899个，较同期增加308个: the level it changes
                    rules.append("base:level")
            if base is not None and "base:level" not in rules:
                rules.append("base:previous")
                if metric is None and out[base].metric:
                    metric, metric_start = out[base].metric, out[base].metric_start
                    rules.append("metric:from_base")
            if metric is None:  # 报名人数超过5000人的岗位有：甲，8120人；乙，…
                seen = [(figures[m], out[m].metric, out[m].metric_start) for m in members if m < i]
                said = words_between(sentence_words, s_start, fig.start)
                if item := colon_item(text, s_start, fig, seen, near(s_start, fig.start), said):
                    metric, metric_start = item
                    rules.append("metric:colon_list")
                elif label := label_metric(text, s_start, fig, clause_end, said, names):
                    metric, metric_start = label  # 冠军：5000元；亚军：3000元
                    rules.append("metric:label")
            told = out[i - 1] if i - 1 in members else None  # 有出口实绩的企业，从不足百家，…
            if metric is None and (fig.kind not in _RATES or (base is None and fig.change is None)):
                where = (text, previous_end, s_start, clause, fig.start)  # a level: 为8.1%
                if topic := topic_metric(*where, cut, near, told):
                    metric, metric_start = topic
                    rules.append("metric:topic")
            alone = not subject_in(text, clause, metric_start, near(clause, metric_start))
            owner = metric if metric_start < fig.start else None  # 认定12个全省示范村: no agent's
            subject, rule = metric_subject(owner, metric_start, cut, alone)
            if rule == "subject:group" and "metric:phrase" in rules and metric and subject:
                metric = metric.partition(subject)[2] or metric  # the agent's, not the metric's
            # an adverbial that holds the figure is its own phrase (在全省100多个县区当中)
            outside = [a for a in adverbials if not a[0] <= fig.start < a[1]]
            # 党的十九大以来: a time, not an agent (not 进博会期间: the event, its own subject)
            outside += [m.span() for m in periods if not m.group().endswith(_DURING)]
            # 甲市…增长6.2%，乙市为5.8%: the subject opening its clause (not 是全国平均水平的…)
            own = subject_in(text, clause, fig.start, in_clause, leftmost=True)
            own = own if own and text.startswith(own, clause) else None
            if subject:
                rules.append(rule)
            elif base is not None and out[base].subject and "metric:from_base" in rules:
                subject = own or out[base].subject
                rules.append("subject:before" if own else "subject:from_base")
            else:
                anchor = metric_start if metric_start >= 0 else fig.start
                lo = min(clause, anchor)
                subject = subject_in(
                    text, lo, anchor, near(lo, anchor), exclude=outside + objects
                ) or subject_in(text, lo, anchor, near(lo, anchor), exclude=outside)
                if subject is None and tops is None:  # where a topic may open, once a sentence
                    tops = topic_openings(text, s_start, s_end, names, periods)
                if subject is None and previous_end > s_start:  # a topic since the last figure
                    subject = clause_topic(
                        text, previous_end, lo, near(previous_end, lo), outside + objects, tops
                    )
                if subject is None and sentence_subject is not None and previous_end > s_start:
                    subject = sentence_subject  # the previous figure's, in the same sentence
                if subject is None:  # the topic of the nearest clause that has one
                    subject = clause_topic(
                        text, s_start, anchor, near(s_start, anchor), outside + objects, tops
                    )
                if subject is None:  # the sentence's own subject, not the last name of a list
                    subject = subject_in(
                        text,
                        s_start,
                        anchor,
                        near(s_start, anchor),
                        leftmost=True,
                        exclude=outside + objects,
                    )
                scoped = None
                if subject and metric and metric_start >= 0:  # 全国/公安机关共破获…
                    scoped = scoped_agent(text, subject, metric, metric_start, sentence_words)
                if scoped:
                    subject, metric, metric_start = scoped
                    rules.append("subject:institutions")
                elif subject:
                    named = named_area(subject, text, (s_start, fig.start), names, above)
                    subject = named or subject
                    rules.append("subject:named_area" if named else "subject:before")
                elif carried_subject:
                    subject = carried_subject
                    rules.append("subject:carried")
                elif lead_subject:
                    subject = lead_subject
                    rules.append("subject:lead")
                elif agent := agent_subject(
                    text, clause, metric, metric_start, fig.start, sentence_words
                ):
                    subject = agent  # 中央财政累计拿出26亿元: the agent of the figure's verb
                    rules.append("subject:agent")
            # not a period that opens an earlier level before this one (由去年的…增至…)
            period, local = period_before(text, s_start, fig.start, levels, periods)
            if period:
                rules.append("period:before")
            elif period := period_after(text, fig.end, clause_end, periods):
                rules.append("period:after")  # 36个重点项目今天集中开工: its clause's alone
                local = True
            elif sentence_period:  # a head covers its sentence, never the next (ANNOTATION §8)
                period = sentence_period
                rules.append("period:sentence")
            out[i] = Link(metric, metric_start, subject, period, base, tuple(rules))
            if metric:
                said_at, prior = i, [(metric, metric_start)] if metric_start >= 0 else prior
            linked_subjects.add(subject)
            sentence_subject = subject or sentence_subject
            if subject and not text.startswith(role_tuple("introduces_part"), clause):
                whole = subject
            levels.add(fig.start)
            if not local:  # not an earlier level's, an earlier time's or a point's
                sentence_period = period or sentence_period
            previous_end = fig.end
        if sentence_subject:
            carried_subject = whole or sentence_subject
        else:
            found = subject_in(text, s_start, s_end, names, leftmost=True, exclude=objects)
            found = named_area(found, text, (s_start, s_end), names, above) or found
            carried_subject = found or carried_subject
    return linked_figures(figures, out, changed)
