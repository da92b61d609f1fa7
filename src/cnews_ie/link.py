"""Linking: what a figure measures (metric), of what (subject), when (period), and which figure
a rate belongs to (base).

Each decision is made by a named rule and recorded in ``Figure.links`` as ``field:rule``, so a
user can see why a fact was linked.  Rules, in the order they are tried:

metric
    ``metric:phrase``       the indicator the figure's clause states before it, as written, read
                            over the stored words (open vocabulary): a comparison base ends it
                            (比上年, 同比, 与上年相比); after the last light verb (实现, 完成, 达到,
                            为 …: function words with the role ``introduces_figure``) comes the
                            indicator (全市实现地区生产总值 → 地区生产总值), else the phrase before
                            it (园区产值突破 → 园区产值), with a noun owner before the verb kept
                            (规上工业企业实现利润 → 规上工业企业利润); a content verb stays
                            (新建标准化厂房42栋, 引进项目91个); it starts after the clause's
                            subject, period, adverbial (在…领导下), pronoun or demonstrative noun
                            (该项目占地面积 → 占地面积).  A rate noun alone (增速) is none.
    ``metric:before``       else the nearest indicator of ``resources/metrics.tsv`` (full names
                            and productive heads: 产值, 金额, 投资 …) before the figure in its
                            clause, after the previous figure; for a rate with no base, in an
                            earlier clause that does not only qualify a figure (按可比价格计算).
    ``metric:respectively`` figures listed after 分别 (依次: role ``respectively``) take, in order,
                            the members of the indicator list before it when the counts agree
                            (机器人、新材料、航空产业产值分别增长9.5%、10%、16% → 机器人, 新材料,
                            航空产业产值); the figures of such a list with no change word of their
                            own take the first one's change (``change:list``).
    ``metric:counted``      a count with no indicator, or only a verb, before it takes the noun
                            it counts (出台85条政策措施 → 出台政策措施).
    ``metric:from_previous`` a change amount with no indicator of its own (比上年增加4.2万吨), or
                            an amount in the clause of the previous figure (从1000亿元增加到1800亿元)
                            takes the indicator of the previous figure of its sentence.
    ``metric:from_base``    a rate with no indicator of its own takes its base figure's
                            (…620.06亿元，增长13.6% → 地区生产总值).
subject
    ``subject:in_metric``   the indicator starts with a subject word (园区产值 → 园区).
    ``subject:before``      the nearest place, organisation or subject word (全市, 我省, 园区;
                            ``resources/subjects.tsv``) before the indicator in its clause, not one
                            inside an adverbial (在市委的坚强领导下, 据市统计局统计), else
                            the subject of the previous figure of the sentence, else the first
                            one of the sentence (its grammatical subject, not the last name of a
                            list: 金川集团公司与力拓集团…签约，签约项目5项 → 金川集团公司).
    ``subject:carried``     else the subject of the previous sentence in the same paragraph.
    ``subject:lead``        else the subject the previous paragraph ended with: the lead that
                            names the place or company governs the passage (ANNOTATION §8).
    ``subject:from_base``   a rate takes its base figure's subject.
period
    ``period:before``       the nearest period before the figure in the sentence (2024年,
                            一九九八年, ２０１９财政年度, 2021年至2024年, 截至8月底, 自…以来, 目前,
                            今年前三季度, 1-10月, 去年), not a comparison base (比上年, 较去年,
                            与上年相比).
    ``period:carried``      else the period of the previous sentence in the same paragraph.
base
    ``base:previous``       a rate (percent, percentage points, multiple) that states a change, or
                            has no indicator of its own, belongs to the nearest earlier amount in
                            its sentence (for percentage points: the nearest percent level),
                            unless an indicator of its own differs from that figure's.
    ``base:level``          an absolute change (比上年增加6057元) whose indicator is the previous
                            figure's (``metric:from_previous``) belongs to that level, when both
                            have one unit (人均生产总值68347元 ← 6057元).

Nothing is linked where no rule applies: an unlinked field is ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cnews_ie.entities import SpanIndex
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import (
    CLAUSE_END,
    CLAUSE_END_CHARS,
    METRIC_WORD,
    alternation,
    period_pattern,
)
from cnews_ie.records import Change, Figure, FigureKind
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


# Parts of speech that never start or end an indicator phrase: conjunctions, adverbs,
# prepositions, pronouns, particles, time words, numerals, classifiers, localisers, punctuation.
_EDGE_POS = ("c", "d", "p", "r", "u", "t", "m", "q", "f", "x", "w", "y", "e", "o", "z")
_MAX_PHRASE = 24  # longer than this, the clause states more than its indicator
# Common nouns (not names of people, places or bodies), verbal nouns, abbreviations,
# distinguishing words: what an indicator's owner before a light verb is made of.
_NOUN_POS = ("n", "vn", "j", "b", "eng")
_NAME_POS = ("nr", "ns", "nt")
_OWNER_POS = (*_NOUN_POS, "f")  # 规/上/工业/企业
_COUNTED_POS = ("n", "vn", "j", "b", "l", "eng", "a")
_MAX_COUNTED = 12


def _counted(text: str, lo: int, hi: int, words: Sequence[Token]) -> tuple[str, int] | None:
    """The noun a count stands before (出台85条政策措施 → 政策措施): its words after text[lo],
    up to the first word that is no noun, inside text[lo:hi] (``metric:counted``)."""
    taken: list[Token] = []
    for token in words:
        if token.start < lo:
            continue
        if (
            token.end > hi
            or not token.pos.startswith(_COUNTED_POS)
            or token.pos.startswith(_NAME_POS)
            or not METRIC_WORD.fullmatch(token.word)
        ):
            break
        if token.end - lo > _MAX_COUNTED:
            break
        taken.append(token)
    if not taken or taken[0].start != lo or taken[-1].end - lo < 2:
        return None  # 126个省列重大项目: one character is a cut word, not a noun
    return text[lo : taken[-1].end], lo


@lexicon_cache
def _change_words() -> frozenset[str]:
    return frozenset(row[0] for row in table("changes", 2))


@lexicon_cache
def _area_words() -> frozenset[str]:
    return frozenset(w for w in _subject_words() if w.startswith(("全", "我", "本")))


def _cut_comparison(inside: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The words before a comparison base (人均收入比上年增加 → 人均收入; 与上年相比)."""
    compares, opens, closes = (
        role_words("compares"),
        role_words("compares_with"),
        role_words("closes_comparison"),
    )
    for k, (_, word, _) in enumerate(inside):
        if word in compares or (word in opens and any(w in closes for _, w, _ in inside[k + 1 :])):
            return inside[:k]
    return inside


def _trim(inside: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Without the function words, light verbs and change verbs at either edge."""
    light, changes = role_words("introduces_figure"), _change_words()

    def edge(word: str, pos: str) -> bool:
        return (
            word in light
            or word in changes
            or pos.startswith(_EDGE_POS)
            or not METRIC_WORD.fullmatch(word)
        )

    lo, hi = 0, len(inside)
    while hi > lo and edge(inside[hi - 1][1], inside[hi - 1][2]):
        hi -= 1
    while lo < hi and edge(inside[lo][1], inside[lo][2]):
        lo += 1
    return inside[lo:hi]


def _phrase(
    text: str,
    lo: int,
    hi: int,
    words: list[tuple[int, str, str]],
    bounds: list[tuple[int, int]],
    *,
    multiple: bool = False,
    limit: int = _MAX_PHRASE,
) -> tuple[str, int] | None:
    """The indicator a clause states before its figure, as written (``metric:phrase``).

    Read over the stored words of text[lo:hi]: a comparison base ends it (比上年, 同比,
    与上年相比); light verbs and adverbs at its end are dropped (园区产值突破 → 园区产值); after the
    last light verb inside it comes the indicator (全市实现地区生产总值 → 地区生产总值), so a
    content verb stays in it (新建标准化厂房, 引进项目); it starts after the last subject,
    period or adverbial (``bounds``: places, organisations, 全市, 2024年, 在…下) and after a
    demonstrative's noun (该项目占地面积 → 占地面积).  A phrase that is only a rate noun (增速),
    only a subject, or longer than ``limit`` is no indicator.
    """
    inside: list[tuple[int, str, str]] = []
    for at, w, pos in words:
        if lo <= at and at + len(w) <= hi:
            if w == "比" and inside and inside[-1][1] in role_words("share_verb"):
                inside[-1] = (inside[-1][0], inside[-1][1] + w, "n")  # 占/比: the noun 占比
            else:
                inside.append((at, w, pos))
    if inside and (inside[-1][2].startswith("c") or inside[-1][1] in "、/"):
        return None  # 年产10300吨农药原药及9000吨…: the noun counted by the figure before
    if multiple and inside and inside[-1][1] == "的":
        # 是去年同期的2.4倍: the reference the figure is a multiple of
        light = role_words("introduces_figure")
        refer = [k for k, (_, w, _) in enumerate(inside) if w in light]
        if refer:
            inside = inside[: refer[-1]]
    # a pronoun refers to the subject (各地签约项目 → 签约项目), and a demonstrative with its
    # noun too (该项目占地面积 → 占地面积)
    demonstratives = role_words("demonstrative")
    for k, (at, word, pos) in enumerate(inside[:-1]):
        if word in demonstratives:
            lo = max(lo, inside[k + 1][0] + len(inside[k + 1][1]))
        elif pos.startswith("r") and word not in role_words("not_a_pronoun"):
            lo = max(lo, at + len(word))
    inside = _cut_comparison([w for w in inside if w[0] >= lo])
    opening = [w for w in inside if METRIC_WORD.fullmatch(w[1])][:1]
    if opening and opening[0][1] in role_words("aside"):
        return None  # （已扣除出口退税）, 按可比价格计算: it qualifies a figure
    inside = _trim(inside)
    light = role_words("introduces_figure")
    inner = [k for k, (_, w, _) in enumerate(inside) if w in light]
    owner = ""  # 规上工业企业实现利润 → 规上工业企业利润: the noun phrase before a light verb
    if inner:
        after = _trim(inside[inner[-1] + 1 :])
        before = _trim(inside[: inner[-1]])
        if after and before:
            verb_at = inside[inner[-1]][0]
            cut = max((e for s, e in bounds if s < verb_at), default=lo)
            before = _trim([w for w in before if w[0] >= cut])
            if before and before[0][1] in _subject_words():
                before = []  # 公司2023年实现营业收入: the subject, not the owner
            if before and all(
                pos.startswith(_OWNER_POS) and not pos.startswith(_NAME_POS) for _, _, pos in before
            ):
                owner = text[before[0][0] : before[-1][0] + len(before[-1][1])]
        inside = after if after else before
    if not inside:
        return None
    if inside[-1][1] in role_words("capacity"):
        inside = inside[-1:]  # 签约年产20GW: the capacity, whoever signed it
    end = inside[-1][0] + len(inside[-1][1])
    cut = max((e for s, e in bounds if e < end and s < end), default=lo)
    # words that end after the cut: a bound may end inside a word (全/年发电量 after 全年)
    inside = _trim([w for w in inside if w[0] + len(w[1]) > cut])
    if not inside:
        return None
    if len(inside) > 1 and inside[0][1] in role_words("names_a_project"):
        inside = inside[1:]  # 项目总投资 → 总投资: the project is the subject
    # 园区新建标准化厂房 → 新建标准化厂房: the subject of the clause; but 园区产值, where the
    # subject word modifies one noun, is the indicator as written
    if (
        len(inside) > 1
        and inside[0][1].endswith(tuple(_subject_words()))
        and (len(inside) > 2 or not inside[1][2].startswith("n") or owner)
    ):
        inside = _trim(inside[1:])
    if not inside:
        return None
    start = max(inside[0][0], cut)
    end = inside[-1][0] + len(inside[-1][1])
    if any(s <= start and end <= e for s, e in bounds):
        return None  # 全市有188家: a subject, not an indicator
    phrase = owner + text[start:end]
    for word in _change_words():
        if len(word) > 1 and phrase.endswith(word):  # 价格下降, segmented as one word
            phrase = phrase[: -len(word)]
            break
    if owner:
        start = text.rfind(owner, lo, start)
    if len(phrase) < 2 or end - start > limit or phrase in role_words("rate_noun"):
        return None
    return phrase, start


_LIST_GAP = re.compile(r"[、和及与\s]*")  # between two figures of one list: 9.5%、10%和50%
_MAX_LIST = 64


def _respectively(
    text: str,
    clause: int,
    at: int,
    run: Sequence[Figure],
    words: list[tuple[int, str, str]],
    bounds: list[tuple[int, int]],
) -> tuple[list[str], int] | None:
    """The list members of an indicator list that 分别 distributes over the figures of ``run``
    (机器人、新材料、航空产业产值分别增长9.5%、10%、16% → 机器人, 新材料, 航空产业产值), and the
    list's start; None unless the list has as many members as ``run`` has figures."""
    marks = [
        m.start() for m in re.finditer(alternation(role_words("respectively")), text[clause:at])
    ]
    if not marks or len(run) < 2:
        return None
    listed = _phrase(text, clause, clause + marks[-1], words, bounds, limit=_MAX_LIST)
    if listed is None:
        return None
    parts = listed[0].split("、")
    parts[-1:] = re.split(r"[和及与]", parts[-1], maxsplit=1)  # A、B和C: the last joined by 和
    if len(parts) != len(run) or any(len(p) < 2 for p in parts):
        return None
    return parts, listed[1]


def _bounds(text: str, lo: int, hi: int, entities: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans a phrase metric starts after: places and organisations, area words (全市), periods
    and adverbials (在市委领导下, 据统计)."""
    spans = [(s, e) for s, e in entities if lo <= s and e <= hi]
    spans += [(m.start(), m.end()) for m in _area_pattern().finditer(text, lo, hi)]
    spans += [(m.start(), m.end()) for m in period_pattern().finditer(text, lo, hi)]
    spans += _adverbials(text, lo, hi)
    return spans


@lexicon_cache
def _area_pattern() -> re.Pattern[str]:
    return re.compile(alternation(_area_words()))


@lexicon_cache
def _adverbial_pattern() -> re.Pattern[str]:
    opens = alternation(role_words("opens_adverbial"))
    closes = alternation(role_words("closes_adverbial"))
    return re.compile(rf"(?:{opens})[^{CLAUSE_END_CHARS}]{{0,20}}?(?:{closes})")


def _adverbials(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Adverbials such as 在市委的坚强领导下 or 据市统计局统计 in text[lo:hi]: an organisation
    or place inside one is not the subject of the clause."""
    return [(m.start(), m.end()) for m in _adverbial_pattern().finditer(text, lo, hi)]


def _lone_verb(phrase: str, words: Sequence[Token]) -> bool:
    """Whether ``phrase`` is one stored word that is a verb (出台, 支持)."""
    return any(t.word == phrase and t.pos.startswith("v") and t.pos != "vn" for t in words)


def _is_aside(text: str, at: int, lo: int) -> bool:
    """Whether the clause holding text[at] opens with a word that qualifies a figure rather than
    naming an indicator (按可比价格计算, 扣除价格因素)."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, lo, at)), default=lo)
    return any(text.startswith(w, start) for w in role_words("aside"))


def _subject(
    text: str,
    lo: int,
    hi: int,
    entities: list[tuple[int, int]],
    *,
    leftmost: bool = False,
    exclude: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The place, organisation or subject word in text[lo:hi] nearest to ``hi`` (or the first
    one, for the subject a sentence carries to the next), not inside an adverbial of ``exclude``
    (在市委的坚强领导下)."""
    found = [(end, start) for start, end in entities if lo <= start and end <= hi]
    # a subject word inside a name (公司 of 华润电力有限公司) is part of that name
    found += [
        (m.end(), m.start())
        for m in _subject_pattern().finditer(text, lo, hi)
        if not any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in entities)
    ]
    found = [(e, s) for e, s in found if not any(a <= s and e <= b for a, b in exclude)]
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
    """A change in percentage points belongs to a percent (城镇化率68.5%，提高0.9个百分点; 增长5.8%，
    比8月加快1.4个百分点); any other rate belongs to an amount.  A change amount (增加4.2万吨) is
    never the base of a rate."""
    if rate.kind is FigureKind.PERCENTAGE_POINT:
        # a growth rate too: 同比增长5.8%，比8月加快1.4个百分点
        return candidate.kind is FigureKind.PERCENT
    if candidate.change is not None:
        return False
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
    changed: dict[int, Change] = {}  # a figure of a list → the change of its list
    near = SpanIndex(entities).near
    index = 0
    last_block = -1
    carried_subject: str | None = None
    lead_subject: str | None = None
    carried_period: str | None = None
    for sentence_index, sentence in sentences:
        s_start, s_end, block = sentence.start, sentence.end, sentence.block
        if block != last_block:
            # the lead's place or company governs the passage (§8): a new paragraph starts
            # from it, not from nothing
            lead_subject = carried_subject or lead_subject
            carried_subject = carried_period = None
            last_block = block
        sentence_subject = sentence_period = None
        previous_end = s_start
        adverbials = _adverbials(text, s_start, s_end)
        listed: dict[int, tuple[str, int]] = {}  # figure → its member of a 分别 list
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
            phrase = _phrase(
                text,
                clause,
                fig.start,
                _words(tokens[sentence_index], clause, fig.start),
                _bounds(text, clause, fig.start, near(clause, fig.start)),
                multiple=fig.kind is FigureKind.MULTIPLE,
            )
            metric_found = phrase or _metric(text, clause, fig.start, places, words)
            if metric_found and metric_found[0] in role_words("rate_noun"):
                metric_found = None  # 增速为10%: the rate of its base's indicator
            metric, metric_start = metric_found if metric_found else (None, -1)
            if metric:
                rules.append("metric:phrase" if phrase else "metric:before")
            verb = phrase is not None and _lone_verb(phrase[0], tokens[sentence_index])
            if fig.kind is FigureKind.COUNT and (metric is None or verb):
                clause_end = next(
                    (m.start() for m in CLAUSE_END.finditer(text, fig.end, s_end)), s_end
                )
                counted = _counted(text, fig.end, clause_end, tokens[sentence_index])
                if counted:
                    # 出台85条政策措施 → 出台政策措施: the verb and the noun it counts
                    metric = (metric or "") + counted[0]
                    metric_start = metric_start if verb else counted[1]
                    rules = [r for r in rules if not r.startswith("metric:")]
                    rules.append("metric:counted")
            if i in listed:
                metric, metric_start = listed[i]
                rules = [r for r in rules if not r.startswith("metric:")]
                rules.append("metric:respectively")
            else:
                run = [i]
                for j in members[members.index(i) + 1 :]:
                    gap = text[figures[run[-1]].end : figures[j].start]
                    if not _LIST_GAP.fullmatch(gap):
                        break
                    run.append(j)
                spread = _respectively(
                    text,
                    clause,
                    fig.start,
                    [figures[j] for j in run],
                    _words(tokens[sentence_index], clause, fig.start),
                    _bounds(text, clause, fig.start, near(clause, fig.start)),
                )
                if len(run) > 1 and fig.change is not None:
                    # 分别增长9.5%、10%和50%: the verb of change governs the whole list
                    for j in run[1:]:
                        if figures[j].change is None and figures[j].kind is fig.kind:
                            changed[j] = fig.change
                if spread is not None:
                    listed.update(
                        {j: (part, spread[1]) for j, part in zip(run, spread[0], strict=True)}
                    )
                    metric, metric_start = listed[i]
                    rules = [r for r in rules if not r.startswith("metric:")]
                    rules.append("metric:respectively")
            base = None
            if fig.kind in _RATES and (fig.change is not None or metric is None):
                for j in reversed([m for m in members if m < i]):
                    if not _can_be_base(figures[j], fig):
                        continue
                    if metric is None or out[j].metric == metric:
                        base = j
                    break
            if metric is None and base is None and fig.kind in _RATES and clause > previous_end:
                # 园区产值在此基础上，至少翻一番: a rate may take an indicator of an earlier clause
                # (not a clause that only qualifies a figure: 按可比价格计算)
                metric_found = _metric(text, previous_end, fig.start, places, words)
                if (
                    metric_found
                    and metric_found[0] not in role_words("rate_noun")
                    and not _is_aside(text, metric_found[1], previous_end)
                ):
                    metric, metric_start = metric_found
                    rules.append("metric:before")
            same_clause = clause == previous_end and previous_end > s_start
            clause_words = _words(tokens[sentence_index], clause, fig.start)
            if clause_words and not _trim(clause_words) and previous_end > s_start:
                same_clause = True  # 翻了一番，达到210亿元: only a light verb before it
            if (
                metric is None
                and fig.kind not in _RATES
                and (fig.change is not None or same_clause)
            ):
                earlier = [m for m in members if m < i and out[m].metric]
                # 粮食产量138.6万吨，比上年增加4.2万吨: the change of that amount;
                # 从1000亿元增加到1800亿元: the level it changed to
                if earlier:
                    metric, metric_start = out[earlier[-1]].metric, out[earlier[-1]].metric_start
                    rules.append("metric:from_previous")
                    level = figures[earlier[-1]]
                    if (
                        fig.change is not None
                        and level.change is None
                        and level.kind is fig.kind
                        and level.unit == fig.unit
                    ):
                        base = earlier[-1]  # 开复工899个，较同期增加308个: the level it changes
                        rules.append("base:level")
            if base is not None and "base:level" not in rules:
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
                # an adverbial that holds the figure is its own phrase (在全国300多个地级市当中)
                outside = [a for a in adverbials if not a[0] <= fig.start < a[1]]
                anchor = metric_start if metric_start >= 0 else fig.start
                lo = min(clause, anchor)
                subject = _subject(text, lo, anchor, near(lo, anchor), exclude=outside)
                if subject is None and sentence_subject is not None and previous_end > s_start:
                    subject = sentence_subject  # the previous figure's, in the same sentence
                if subject is None:  # the sentence's own subject, not the last name of a list
                    subject = _subject(
                        text,
                        s_start,
                        anchor,
                        near(s_start, anchor),
                        leftmost=True,
                        exclude=outside,
                    )
                if subject:
                    rules.append("subject:before")
                elif carried_subject:
                    subject = carried_subject
                    rules.append("subject:carried")
                elif lead_subject:
                    subject = lead_subject
                    rules.append("subject:lead")
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
            found = _subject(
                text, s_start, s_end, near(s_start, s_end), leftmost=True, exclude=adverbials
            )
            carried_subject = found or carried_subject
        found_period = _period(text, s_start, s_end)
        carried_period = sentence_period or found_period or carried_period
    linked: list[Figure] = []
    for k, (fig, link) in enumerate(zip(figures, out, strict=True)):
        linked.append(
            replace(
                fig, metric=link.metric, subject=link.subject, period=link.period,
                base=None if link.base is None else linked[link.base],
                change=changed.get(k, fig.change),
                links=link.links + (("change:list",) if k in changed else ()),
            )
        )  # fmt: skip
    return linked
