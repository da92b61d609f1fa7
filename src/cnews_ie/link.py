"""Linking: what a figure measures (metric), of what (subject), when (period), and which figure
a rate belongs to (base).

Each decision is made by a named rule and recorded in ``Figure.links`` as ``field:rule``, so a
user can see why a fact was linked.  Rules, in the order they are tried:

metric
    ``metric:before``       the nearest indicator written before the figure in its sentence, after
                            the previous figure (地区生产总值620.06亿元; 园区产值突破170亿元).  Full
                            indicator names and productive heads (产值, 金额, 投资 …) come from
                            ``resources/metrics.tsv``.
    ``metric:from_base``    a rate with no indicator of its own takes its base figure's
                            (…620.06亿元，增长13.6% → 地区生产总值).
subject
    ``subject:in_metric``   the indicator starts with a subject word (园区产值 → 园区).
    ``subject:before``      the nearest place, organisation or subject word (全市, 我省, 园区;
                            ``resources/subjects.tsv``) before the indicator in its clause, else
                            the subject of the previous figure of the sentence, else the first
                            one of the sentence (its grammatical subject, not the last name of a
                            list: 金川集团公司与力拓集团…签约，签约项目5项 → 金川集团公司).
    ``subject:carried``     else the subject of the previous sentence in the same paragraph.
    ``subject:from_base``   a rate takes its base figure's subject.
period
    ``period:before``       the nearest period before the figure in the sentence (2024年,
                            今年前三季度, 1-10月, 去年), not a comparison base (比上年, 较去年).
    ``period:carried``      else the period of the previous sentence in the same paragraph.
base
    ``base:previous``       a rate (percent, percentage points, multiple) that states a change, or
                            has no indicator of its own, belongs to the nearest earlier amount in
                            its sentence (for percentage points: the nearest percent level),
                            unless an indicator of its own differs from that figure's.

Nothing is linked where no rule applies: an unlinked field is ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cnews_ie.lexicons import table
from cnews_ie.patterns import alternation
from cnews_ie.records import Figure, FigureKind

__all__ = ["Link", "link_figures"]

_RATES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE}
_CJK = "\u3400-\u9fff"
# Words that cannot modify an indicator: reading leftwards from its head stops before them.
_STOP_WORDS = frozenset(
    [
        "实现",
        "完成",
        "达到",
        "累计",
        "合计",
        "共计",
        "其中",
        "同比",
        "环比",
        "全年",
        "今年",
        "去年",
        "上年",
        "年度",
        "为",
        "达",
        "是",
        "的",
        "和",
        "与",
        "及",
        "在",
        "共",
        "将",
        "已",
        "均",
        "有",
        "由",
        "从",
        "对",
        "向",
        "让",
        "使",
        "把",
        "被",
        "各",
        "这",
        "该",
        "其",
        "此",
        "比",
        "较",
        "总计",
        "预计",
        "力争",
        "突破",
        "超过",
    ]
)
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")


@cache
def _metric_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = table("metrics", 3)
    names = [surface for surface, kind, _ in rows if kind == "name"]
    heads = [surface for surface, kind, _ in rows if kind == "head"]
    return re.compile(alternation(names)), re.compile(alternation(heads))


@cache
def _subject_pattern() -> re.Pattern[str]:
    return re.compile(alternation(row[0] for row in table("subjects", 1)))


@cache
def _subject_words() -> frozenset[str]:
    return frozenset(row[0] for row in table("subjects", 1))


@cache
def _period_pattern() -> re.Pattern[str]:
    relative = alternation(row[0] for row in table("periods", 1))
    sub = (
        r"(?:前?[一二三四1-4]季度|第[一二三四1-4]季度|上半年|下半年|全年|前\d{1,2}个月"
        r"|[1-9]\d?(?:-|—|至|~|－)[1-9]\d?月份?|[1-9]\d?月份?(?!\d{1,2}[日号])|年底|年末|年初)"
    )
    year = r"(?:19|20)\d{2}年度?"
    return re.compile(rf"(?<![比较同])(?:(?:{year}|{relative})(?:{sub}|以来)?|{sub})")


@dataclass(frozen=True, slots=True)
class Link:
    metric: str | None = None
    metric_start: int = -1
    subject: str | None = None
    period: str | None = None
    base: int | None = None  # index of the base figure in the list given to link_figures
    links: tuple[str, ...] = ()


def _metric(text: str, lo: int, hi: int, places: list[tuple[int, int]]) -> tuple[str, int] | None:
    """Rightmost indicator in text[lo:hi], as written, and its start.

    A full indicator name (地区生产总值) is taken as it is.  A head (产值, 金额 …) is read with
    the word before it when the head is a word of its own (签约 + 金额, 园区 + 产值), in jieba's
    segmentation; a place name, an area word (全市) or a verb is never part of the indicator.
    """
    names, heads = _metric_patterns()
    best: tuple[int, int, str] | None = None  # (end, start, text)
    for m in names.finditer(text, lo, hi):
        if best is None or m.end() > best[0]:
            best = (m.end(), m.start(), m.group())
    for m in heads.finditer(text, lo, hi):
        if best is not None and m.end() <= best[0]:
            continue  # a name ending here or later wins (地区生产总值 over 总值)
        start = m.start()
        words = _words(text[max(lo, start - 8) : m.end()])
        if words and len(words[-1]) > len(m.group()) and words[-1].endswith(m.group()):
            start = m.end() - len(words[-1])  # the head is inside a longer word: 占地面积
        elif len(words) >= 2 and len(words[-1]) == len(m.group()):
            before = words[-2]
            area = any(w.startswith(("全", "我", "本")) and before == w for w in _subject_words())
            if (
                before not in _STOP_WORDS
                and not area
                and re.fullmatch(rf"[{_CJK}A-Za-z]{{1,4}}", before)
                and not any(ps < start <= pe for ps, pe in places)
            ):
                start -= len(before)
        best = (m.end(), start, text[start : m.end()])
    if best is None:
        return None
    return best[2], best[1]


def _jieba() -> Any:
    from cnews_ie.backends.jieba_backend import jieba_module

    return jieba_module()


def _words(fragment: str) -> list[str]:
    return list(_jieba().lcut(fragment))


def _subject(
    text: str, lo: int, hi: int, entities: list[tuple[int, int]], *, leftmost: bool = False
) -> str | None:
    """The place, organisation or subject word in text[lo:hi] nearest to ``hi`` (or the first
    one, for the subject a sentence carries to the next)."""
    found = [(end, start) for start, end in entities if lo <= start and end <= hi]
    found += [(m.end(), m.start()) for m in _subject_pattern().finditer(text, lo, hi)]
    if not found:
        return None
    end, start = min(found, key=lambda f: f[1]) if leftmost else max(found)
    return text[start:end]


def _period(text: str, lo: int, hi: int) -> str | None:
    found = None
    for m in _period_pattern().finditer(text, lo, hi):
        found = m.group()
    return found


def _can_be_base(candidate: Figure, rate: Figure) -> bool:
    """A change in percentage points belongs to a percent level (城镇化率68.5%，提高0.9个百分点);
    any other rate belongs to an amount."""
    if rate.kind is FigureKind.PERCENTAGE_POINT:
        return candidate.kind is FigureKind.PERCENT and candidate.change is None
    return candidate.kind not in _RATES


def link_figures(
    text: str,
    sentences: list[tuple[int, int, int]],
    figures: list[Figure],
    entities: list[tuple[int, int]],
) -> list[Link]:
    """Links for ``figures`` (offsets into ``text``, sorted).  ``sentences`` are (start, end,
    block) spans of body sentences; ``entities`` are place and organisation spans."""
    out: list[Link] = [Link() for _ in figures]
    index = 0
    last_block = -1
    carried_subject: str | None = None
    carried_period: str | None = None
    for s_start, s_end, block in sentences:
        if block != last_block:
            carried_subject = carried_period = None
            last_block = block
        sentence_subject = sentence_period = None
        previous_end = s_start
        members: list[int] = []
        while index < len(figures) and figures[index].start < s_end:
            if figures[index].start >= s_start:
                members.append(index)
            index += 1
        for i in members:
            fig = figures[i]
            rules: list[str] = []
            clause = max(
                (m.end() for m in _CLAUSE_END.finditer(text, previous_end, fig.start)),
                default=previous_end,
            )
            metric_found = _metric(text, clause, fig.start, entities)
            if metric_found is None and fig.kind in _RATES and clause > previous_end:
                metric_found = _metric(
                    text, previous_end, fig.start, entities
                )  # 园区产值在此基础上，至少翻一番
            metric, metric_start = metric_found if metric_found else (None, -1)
            if metric:
                rules.append("metric:before")
            base = None
            if fig.kind in _RATES and (fig.change is not None or metric is None):
                for j in reversed([m for m in members if m < i]):
                    if not _can_be_base(figures[j], fig):
                        continue
                    if metric is None or out[j].metric == metric:
                        base = j
                    break
            if base is not None:
                rules.append("base:previous")
                if metric is None and out[base].metric:
                    metric, metric_start = out[base].metric, out[base].metric_start
                    rules.append("metric:from_base")
            subject = None
            if metric and any(metric.startswith(w) for w in _subject_words()):
                subject = next(
                    w
                    for w in sorted(_subject_words(), key=len, reverse=True)
                    if metric.startswith(w)
                )
                rules.append("subject:in_metric")
            elif base is not None and out[base].subject and "metric:from_base" in rules:
                subject = out[base].subject
                rules.append("subject:from_base")
            else:
                anchor = metric_start if metric_start >= 0 else fig.start
                subject = _subject(text, min(clause, anchor), anchor, entities)
                if subject is None and sentence_subject is not None and previous_end > s_start:
                    subject = sentence_subject  # the previous figure's, in the same sentence
                if subject is None:  # the sentence's own subject, not the last name of a list
                    subject = _subject(text, s_start, anchor, entities, leftmost=True)
                if subject:
                    rules.append("subject:before")
                elif carried_subject:
                    subject = carried_subject
                    rules.append("subject:carried")
            period = _period(text, s_start, fig.start)
            if period:
                rules.append("period:before")
            elif sentence_period or carried_period:
                period = sentence_period or carried_period
                rules.append("period:carried")
            out[i] = Link(metric, metric_start, subject, period, base, tuple(rules))
            sentence_subject = subject or sentence_subject
            sentence_period = period or sentence_period
            previous_end = fig.end
        if sentence_subject:
            carried_subject = sentence_subject
        else:
            found = _subject(text, s_start, s_end, entities, leftmost=True)
            carried_subject = found or carried_subject
        found_period = _period(text, s_start, s_end)
        carried_period = sentence_period or found_period or carried_period
    return out
