"""Linking: what a figure measures (metric), of what (subject), when (period), and which figure
a rate belongs to (base).

Each decision is made by a named rule and recorded in ``Figure.links`` as ``field:rule``, so a
user can see why a fact was linked.  Rules, in the order they are tried:

metric
    ``metric:before``       the nearest indicator written before the figure in its sentence, after
                            the previous figure (地区生产总值620.06亿元; 园区产值突破170亿元).  Full
                            indicator names and productive heads (产值, 金额, 投资 …) come from
                            ``resources/metrics.tsv``.
    ``metric:from_previous`` a change amount with no indicator of its own (比上年增加4.2万吨) takes
                            the indicator of the previous figure of its sentence.
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cnews_ie.entities import SpanIndex
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CLAUSE_END, METRIC_WORD, alternation, period_pattern
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import SentenceSpan, Token

__all__ = ["canonical_metric", "link_figures"]

_RATES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE}


@lexicon_cache
def _metric_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    rows = table("metrics", 3)
    names = [surface for surface, kind, _ in rows if kind == "name"]
    heads = [surface for surface, kind, _ in rows if kind == "head"]
    suffixes = [surface for surface, kind, _ in rows if kind == "suffix"]
    return (
        re.compile(alternation(names)),
        re.compile(f"(?:{alternation(heads)})$"),  # a word ending with a head: 税收收入
        re.compile(f"(?:{alternation(suffixes)})$"),
    )


@lexicon_cache
def _canonical() -> dict[str, str]:
    return {surface: canonical for surface, _kind, canonical in table("metrics", 3)}


def canonical_metric(metric: str | None) -> str | None:
    """The standard name of an indicator as linked, from ``resources/metrics.tsv`` (None for
    an indicator the list does not name).

    >>> canonical_metric("GDP"), canonical_metric("总投资额"), canonical_metric("园区产值")
    ('地区生产总值', '投资', None)
    """
    return None if metric is None else _canonical().get(metric)


@lexicon_cache
def _subject_pattern() -> re.Pattern[str]:
    return re.compile(alternation(row[0] for row in table("subjects", 1)))


@lexicon_cache
def _subject_words() -> frozenset[str]:
    return frozenset(row[0] for row in table("subjects", 1))


@dataclass(frozen=True, slots=True)
class _Link:
    metric: str | None = None
    metric_start: int = -1
    subject: str | None = None
    period: str | None = None
    base: int | None = None  # index of the base figure in the list given to link_figures
    links: tuple[str, ...] = ()


# Parts of speech a metric's modifiers may have: nouns, verbal nouns, verbs, distinguishing
# words, abbreviations, Latin words, localisers (规模以上), classifiers (…类).
_MODIFIER_POS = ("n", "vn", "v", "b", "j", "l", "eng", "f", "k", "a")
_MAX_MODIFIERS = 3
_MAX_METRIC = 12
_METRIC_WINDOW = 32  # an indicator is read from the characters just before its figure


def _words(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, str, str]]:
    """(offset, word, part of speech) of the stored words inside text[start:end]."""
    return [(t.start, t.word, t.pos) for t in tokens if start <= t.start and t.end <= end]


def _metric(
    text: str, lo: int, hi: int, places: list[tuple[int, int]], words: list[tuple[int, str, str]]
) -> tuple[str, int] | None:
    """Rightmost indicator in text[lo:hi], as written, and its start.

    A full indicator name (地区生产总值) is one candidate.  The other is read in jieba's
    segmentation of the characters before the figure (``words``): the last word that is a head (产值, 金额, 投资 …) or ends with a head suffix
    (…率, …量, 比例, 能耗), together with up to three modifier words before it (装备制造业 +
    增加值, 房地产 + 开发 + 投资, 单位 + 地区 + 生产总值 + 能耗).  A verb such as 实现, an area word
    (全市), a place name, a period or punctuation ends the modifiers.  The candidate that ends
    later wins; at the same end, the longer one.
    """
    names, heads, suffixes = _metric_patterns()
    best: tuple[int, int] | None = None  # (end, start)
    for m in names.finditer(text, lo, hi):
        best = max(best or (0, 0), (m.end(), -m.start()))
    best = (best[0], -best[1]) if best else None
    inside = [(at, word, flag) for at, word, flag in words if lo <= at and at + len(word) <= hi]
    pairs = [(word, flag) for _, word, flag in inside]
    offsets = [at for at, _, _ in inside]
    for k in range(len(pairs) - 1, -1, -1):
        word, flag = pairs[k]
        is_head = heads.search(word) is not None
        if not is_head and not (suffixes.search(word) and flag.startswith(("n", "vn"))):
            continue
        following = text[offsets[k] + len(word) : offsets[k] + len(word) + 2]
        if following.startswith(("以上", "以下")):
            continue  # 规模以上: a modifier, not the indicator
        start = offsets[k]
        for j in range(k - 1, max(-1, k - 1 - _MAX_MODIFIERS), -1):
            before, pos = pairs[j]
            # an area word (全市, 全旗) ends the modifiers, however the segmenter cut it
            area = any(
                text.endswith(w, 0, offsets[j] + len(before)) and w.startswith(("全", "我", "本"))
                for w in _subject_words()
            )
            if (
                before in role_words("not_in_metric")
                or area
                or not pos.startswith(_MODIFIER_POS)
                or not METRIC_WORD.fullmatch(before)
                or any(
                    ps < offsets[j] + len(before) <= pe or ps <= offsets[j] < pe
                    for ps, pe in places
                )
                or offsets[k] + len(word) - offsets[j] > _MAX_METRIC
            ):
                break
            start = offsets[j]
        end = offsets[k] + len(word)
        if best is None or end > best[0] or (end == best[0] and start < best[1]):
            best = (end, start)
        break
    if best is None:
        return None
    return text[best[1] : best[0]], best[1]


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
    for m in period_pattern().finditer(text, lo, hi):
        found = m.group()
    # one spelling per period, whatever the layout: 2022 年 -> 2022年
    return None if found is None else found.replace(" ", "").replace("\u3000", "")


def _can_be_base(candidate: Figure, rate: Figure) -> bool:
    """A change in percentage points belongs to a percent level (城镇化率68.5%，提高0.9个百分点);
    any other rate belongs to an amount.  A change amount (增加4.2万吨) is never a base."""
    if candidate.change is not None:
        return False
    if rate.kind is FigureKind.PERCENTAGE_POINT:
        return candidate.kind is FigureKind.PERCENT
    return candidate.kind not in _RATES


def link_figures(
    text: str,
    sentences: Sequence[tuple[int, SentenceSpan]],
    figures: Sequence[Figure],
    entities: list[tuple[int, int]],
    tokens: Mapping[int, Sequence[Token]],
) -> list[Figure]:
    """``figures`` (offsets into ``text``, sorted) with metric, subject, period, base and the
    rules that set them.  ``sentences`` are the (index, span) of body sentences; ``entities``
    are place and organisation spans; ``tokens`` the stored words of each sentence with a
    figure (the segment stage)."""
    out: list[_Link] = [_Link() for _ in figures]
    near = SpanIndex(entities).near
    index = 0
    last_block = -1
    carried_subject: str | None = None
    carried_period: str | None = None
    for sentence_index, sentence in sentences:
        s_start, s_end, block = sentence.start, sentence.end, sentence.block
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
                (m.end() for m in CLAUSE_END.finditer(text, previous_end, fig.start)),
                default=previous_end,
            )
            window = max(previous_end, fig.start - _METRIC_WINDOW)
            words = _words(tokens[sentence_index], window, fig.start)
            places = near(window, fig.start)
            metric_found = _metric(text, clause, fig.start, places, words)
            if metric_found is None and fig.kind in _RATES and clause > previous_end:
                # 园区产值在此基础上，至少翻一番: a rate may take an indicator of an earlier clause
                metric_found = _metric(text, previous_end, fig.start, places, words)
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
            if metric is None and fig.change is not None and fig.kind not in _RATES:
                earlier = [m for m in members if m < i and out[m].metric]
                if earlier:  # 粮食产量138.6万吨，比上年增加4.2万吨: the change of that amount
                    metric, metric_start = out[earlier[-1]].metric, out[earlier[-1]].metric_start
                    rules.append("metric:from_previous")
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
                lo = min(clause, anchor)
                subject = _subject(text, lo, anchor, near(lo, anchor))
                if subject is None and sentence_subject is not None and previous_end > s_start:
                    subject = sentence_subject  # the previous figure's, in the same sentence
                if subject is None:  # the sentence's own subject, not the last name of a list
                    subject = _subject(text, s_start, anchor, near(s_start, anchor), leftmost=True)
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
            out[i] = _Link(metric, metric_start, subject, period, base, tuple(rules))
            sentence_subject = subject or sentence_subject
            sentence_period = period or sentence_period
            previous_end = fig.end
        if sentence_subject:
            carried_subject = sentence_subject
        else:
            found = _subject(text, s_start, s_end, near(s_start, s_end), leftmost=True)
            carried_subject = found or carried_subject
        found_period = _period(text, s_start, s_end)
        carried_period = sentence_period or found_period or carried_period
    linked: list[Figure] = []
    for fig, link in zip(figures, out, strict=True):
        linked.append(
            replace(
                fig, metric=link.metric, subject=link.subject, period=link.period,
                base=None if link.base is None else linked[link.base],
                links=link.links,
            )
        )  # fmt: skip
    return linked
