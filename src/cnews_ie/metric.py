"""What a figure measures: the indicator its clause states, read from the stored words (jieba
words and parts of speech of the segment stage), function words as data (``function_words.tsv``
roles) and ``metrics.tsv`` (full names and heads, which canonicalise and bound, never gate).
The rules that use these readings, and their names in ``Figure.links``, are in ``link.py``.
"""

from __future__ import annotations

import re

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.clauses import (
    adverbial_tail,
    after_event,
    after_numbered_item,
    cut_comparison,
    drop_enumeration,
    per_unit,
    recipient_split,
    split_verb,
)
from cnews_ie.coordination import joined_owner, second_conjunct, split_gloss
from cnews_ie.counted import counted_metric
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.mined_heads import ends_with_mined_head
from cnews_ie.patterns import METRIC_WORD, alternation
from cnews_ie.periods import period_pattern
from cnews_ie.phrase_edges import (
    change_words,
    reporting_verbs,
    reports,
    trailing_gloss,
    trim_phrase,
)
from cnews_ie.shares import share_complement, share_verbs
from cnews_ie.subjects import subject_ends, subject_words
from cnews_ie.work import words_between  # words_between, trim_phrase: re-exported

__all__ = [
    "LIST_GAP",
    "area_words",
    "canonical_metric",
    "counted_metric",
    "is_rate_noun",
    "metric_before",
    "names_indicator",
    "phrase_metric",
    "reporting_verbs",
    "trim_phrase",
    "words_between",
]


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


def names_indicator(phrase: str) -> bool:
    """Whether ``phrase`` holds a full indicator name or ends with an indicator head or suffix
    of ``resources/metrics.tsv`` (设计产能, 地区生产总值) or a head mined from raw news
    (``mined_heads``: 电影票房), not only a name or a verb."""
    names, heads, suffixes = _metric_patterns()
    found = names.search(phrase) or heads.search(phrase) or suffixes.search(phrase)
    return bool(found or ends_with_mined_head(phrase))


def canonical_metric(metric: str | None) -> str | None:
    """The standard name of an indicator as linked, from ``resources/metrics.tsv`` (None for
    an indicator the list does not name).

    >>> canonical_metric("GDP"), canonical_metric("总投资额"), canonical_metric("园区产值")
    ('地区生产总值', '投资', None)
    """
    return None if metric is None else _canonical().get(metric)


# Parts of speech a metric's modifiers may have: nouns, verbal nouns, verbs, distinguishing
# words, abbreviations, Latin words, localisers (规模以上), classifiers (…类).
_MODIFIER_POS = ("n", "vn", "v", "b", "j", "l", "eng", "f", "k", "a")
_MAX_MODIFIERS = 3
_MAX_METRIC = 12


def _refers(word: str, pos: str) -> bool:
    """Whether ``word`` is a determiner (各, 该; 这些 as a pronoun), which makes the noun after
    it a reference, not a modifier of the indicator."""
    determiners = role_words("determiner")
    return word in determiners or (pos == "r" and word[:1] in determiners)


def metric_before(
    text: str, lo: int, hi: int, places: list[tuple[int, int]], words: list[tuple[int, str, str]]
) -> tuple[str, int] | None:
    """Rightmost indicator in text[lo:hi], as written, and its start.

    A full indicator name (地区生产总值) is one candidate.  The other is read in jieba's
    segmentation of the characters before the figure (``words``): the last word that is a head
    (产值, 金额, 投资 …) or ends with a head suffix (…率, …量, 比例, 能耗), together with up to
    three modifier words before it (装备制造业 + 增加值, 房地产 + 开发 + 投资, 单位 + 地区 +
    生产总值 + 能耗).  A verb such as 实现, an area word (全市), a place name or the places a
    determiner refers to (各县区; 各 + 园区), a period or punctuation ends the modifiers.  The candidate
    that ends later wins; at the same end, the longer one.
    """
    names, heads, suffixes = _metric_patterns()
    # a period ends the modifiers too, however the segmenter cut it (第四/财季 + 收入)
    places = places + [(m.start(), m.end()) for m in period_pattern().finditer(text, lo, hi)]
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
            area = text.endswith(tuple(area_words()), 0, offsets[j] + len(before))
            if (
                before in role_words("not_in_metric")
                or area
                or (pos == "ns" and before[0] in role_words("determiner"))  # 各县区, 我省
                or not pos.startswith(_MODIFIER_POS)
                or not METRIC_WORD.fullmatch(before)
                or any(
                    ps < offsets[j] + len(before) <= pe or ps <= offsets[j] < pe
                    for ps, pe in places
                )
                or offsets[k] + len(word) - offsets[j] > _MAX_METRIC
            ):
                if _refers(before, pos) and j + 1 < k:
                    start = offsets[j + 2]  # 各 + 园区 + 工业产值: the noun is what 各 refers to
                break
            start = offsets[j]
        end = offsets[k] + len(word)
        if best is None or end > best[0] or (end == best[0] and start < best[1]):
            best = (end, start)
        break
    if best is None:
        return None
    return text[best[1] : best[0]], best[1]


_MAX_PHRASE = 24  # longer than this, the clause states more than its indicator
# Common nouns (not names of people, places or bodies), verbal nouns, abbreviations,
# distinguishing words: what an indicator's owner before a light verb is made of.
_NOUN_POS = ("n", "vn", "j", "b", "eng")
_NAME_POS = ("nr", "ns", "nt")
_OWNER_POS = (*_NOUN_POS, "f")  # 规/上/工业/企业
# and adjectives that modify its noun (重大/a 项目, 新/a 基建/a 项目), which ends it
_MODIFIED_OWNER_POS = (*_OWNER_POS, "a")


@lexicon_cache
def _joined_changes() -> tuple[str, ...]:
    """The change words of more than one character, in the order of ``change_words``."""
    return tuple(w for w in change_words() if len(w) > 1)


@lexicon_cache
def area_words() -> frozenset[str]:
    return frozenset(w for w in subject_words() if w.startswith(("全", "我", "本")))


def is_rate_noun(phrase: str) -> bool:
    """Whether ``phrase`` only names a rate of another indicator (role ``rate_noun``: 增速,
    年增长率), also after a word of role ``rate_modifier`` (年均增长率, 同比增速): the rate of
    its base's indicator, no indicator of its own."""
    nouns = role_words("rate_noun")
    if phrase in nouns:
        return True
    modifier = next((w for w in role_words("rate_modifier") if phrase.startswith(w)), None)
    return modifier is not None and phrase[len(modifier) :] in nouns


def _names_none(phrase: str) -> bool:
    """A rate noun (增速: its base's indicator) or an average (日均: the previous figure's)."""
    return phrase in role_words("rate_noun") or phrase in role_words("average_per")


# how a figure moved, not what moved: 明显/a, 稳步/d, 逆势/vd, 迅猛/ad (an: a noun)
_MANNER_POS = ("a", "ad", "d", "vd", "z")


def _manner(inside: list[tuple[int, str, str]], rest: str) -> bool:
    """Whether a phrase before its change verb is only words of manner (逆势/vd 增长, 明显/a 提高),
    or, where the change verb was written onto it as one word, only a word of manner before it
    in the segmenter's dictionary (持续增长/n → 持续/vd; 稳步增长/i → 稳步/d)."""
    if rest:
        tagged = tagged_words(rest)
        return len(tagged) == 1 and tagged[0][1] in _MANNER_POS
    return bool(inside) and all(pos in _MANNER_POS for _, _, pos in inside)


def _before_verb(word: tuple[int, str, str], words: list[tuple[int, str, str]]) -> bool:
    """Whether a verb follows ``word`` directly (普遍/ad 上涨/v; not 明确/ad 了: a verb itself)."""
    end = word[0] + len(word[1])
    return any(w[0] == end and w[2].startswith("v") for w in words)


def _before_time(
    text: str,
    lo: int,
    start: int,
    words: list[tuple[int, str, str]],
    bounds: list[tuple[int, int]],
    limit: int,
) -> tuple[str, int] | None:
    """The indicator a clause names before a period that ends right where its rate noun starts
    (快递业务量/前三季度/增速), with its start; None where no period stands there or the
    phrase before it names no indicator."""
    time = next((b for b in bounds if b[1] == start and lo <= b[0]), None)
    if time is None or not period_pattern().fullmatch(text, time[0], time[1]):
        return None
    found = phrase_metric(text, lo, time[0], words, bounds, limit=limit)
    return found if found is not None and names_indicator(found[0]) else None


def _noun(pos: str) -> bool:
    return pos.startswith("n") or pos == "vn"


def _nominal(word: str, pos: str) -> bool:
    return _noun(pos) or word in role_words("rate_noun")  # 增速: a verb to the segmenter


def _compounded(inside: list[tuple[int, str, str]], k: int) -> bool:
    """Whether the change verb ``inside[k]`` sits inside a noun compound, between a common noun
    (its subject: 经济增长预期, 收入增长目标) and a noun, or opens a growth target jieba cut (增长/
    预期: role ``growth_target_noun``), rather than moving the noun after it (决定下调存款准备金率)."""
    before = inside[k - 1] if k else None
    return inside[k][1] + inside[k + 1][1] in role_words("growth_target_noun") or (
        before is not None
        and before[2] in ("n", "vn")
        and before[0] + len(before[1]) == inside[k][0]
        and before[1] not in subject_words()
        and _noun(inside[k + 1][2])
    )


def _share_verb_words(inside: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """``inside`` with a share verb and the 到 or 了 after it one verb (占/到/了 财政支出的), where
    the whole of the share follows; before the figure itself (生源占到了50%) they stay apart."""
    out: list[tuple[int, str, str]] = []
    for k, (at, w, pos) in enumerate(inside):
        whole = k + 1 < len(inside)
        if whole and out and share_complement(w) and out[-1][1] in share_verbs():
            out[-1] = (out[-1][0], out[-1][1] + w, "v")
        else:
            out.append((at, w, pos))
    return out


def phrase_metric(
    text: str,
    lo: int,
    hi: int,
    words: list[tuple[int, str, str]],
    bounds: list[tuple[int, int]],
    *,
    multiple: bool = False,
    basis: bool = False,
    limit: int = _MAX_PHRASE,
    joined: bool = False,
) -> tuple[str, int] | None:
    """The indicator a clause states before its figure, as written (``metric:phrase``).

    Read over the stored words of text[lo:hi]: a comparison base ends it (比上年, 同比,
    与上年相比); light verbs and adverbs at its end are dropped (园区产值突破 → 园区产值); after the
    last light verb inside it comes the indicator (全市实现地区生产总值 → 地区生产总值), so a
    content verb stays in it (新建标准化厂房, 引进项目); it starts after the last subject,
    period or adverbial (``bounds``: places, organisations, 全市, 2024年, 在…下) and after a
    demonstrative's noun (该工程占地面积 → 占地面积).  A phrase that is only a rate noun (增速),
    only a subject, or longer than ``limit`` is no indicator; nor is one that a clause qualifying
    a figure opens (按可比价格计算, 扣除…), unless a preposition of it opens the phrase of an
    amount (``basis``) with no closing verb before the figure: the amount is the basis the
    clause computes with, and the phrase after the preposition its indicator (按人均年薪6万元计算).
    """
    inside: list[tuple[int, str, str]] = []
    for at, w, pos in words:
        if lo <= at and at + len(w) <= hi:
            if w == "比" and inside and inside[-1][1] in role_words("share_verb"):
                inside[-1] = (inside[-1][0], inside[-1][1] + w, "n")  # 占/比: the noun 占比
            else:
                inside.append((at, w, pos))
    inside = _share_verb_words(inside)
    verbs = share_verbs()
    share_at = next((at for at, w, _ in inside if w in verbs), None)
    if share_at is not None:  # 占全县全年财政收入: a time or place inside the whole is of it
        bounds = [(s, e) for s, e in bounds if s < share_at]
    if (
        inside
        and (inside[-1][2].startswith("c") or inside[-1][1] in "、/")
        and inside[-1][1] not in role_words("introduces_figure")
    ):
        return None  # 年产10300吨农药原药及9000吨…: the noun counted by the figure before
    # 财政收入（不含土地出让收入）: a bracketed gloss written onto the indicator stays with it
    inside, glossed = trailing_gloss(inside)
    inside, recipient = recipient_split(inside)  # 向某公司发放贷款: the lender's indicator
    inside, listed = drop_enumeration(inside)  # 覆盖甲、乙等18个行业领域 → 覆盖
    inside = after_numbered_item(inside)  # 历时8年、总投资达60亿元 → 总投资
    if multiple and inside and inside[-1][1] == "的":
        # 是去年同期的2.4倍: the reference the figure is a multiple of
        light = role_words("introduces_figure")
        refer = [k for k, (_, w, _) in enumerate(inside) if w in light]
        if refer:
            inside = inside[: refer[-1]]
    # a pronoun refers to the subject (各地签约项目), a demonstrative with its noun (该工程占地面积)
    demonstratives, per_words = role_words("demonstrative"), role_tuple("distributive")
    for k, (at, word, pos) in enumerate(inside[:-1]):
        if text.startswith(role_tuple("not_a_demonstrative"), at):
            continue  # 本 + 外币存款: a noun the segmenter split, no demonstrative
        if word in demonstratives:
            lo = max(lo, inside[k + 1][0] + len(inside[k + 1][1]))
        elif pos.startswith("r") and not (
            word in role_words("not_a_pronoun") or word.startswith(per_words)
        ):
            lo = max(lo, at + len(word))
    unit_words = after_event(cut_comparison([w for w in inside if w[0] >= lo]))
    inside, per = per_unit(unit_words)
    # 对每个…农民: the things a unit counts, inside the phrase, are unsaid (每股收益 stays)
    gone = [w for w in unit_words if w not in inside]
    counted = any(w[2][:1] in "np" for w in gone[1:])
    per_gap = (gone[0][0], gone[-1][0] + len(gone[-1][1])) if per and counted else (0, 0)
    # the first word past adverbs (（已扣除价格因素）: 已 opens no indicator, 扣除 an aside)
    first = next(
        (k for k, w in enumerate(inside) if METRIC_WORD.fullmatch(w[1]) and w[2] != "d"), None
    )
    if first is not None and inside[first][1] in role_words("aside"):
        closes = role_words("closes_aside")
        closed = any(w[1] in closes for w in inside)
        # 如公司…每股收益为0.128元: with no verb of computing, 如 opens an example, and the
        # indicator follows it
        example = not closed and inside[first][1] in role_words("aside_if_closed")
        if not example and (not (basis and inside[first][2].startswith("p")) or closed):
            return None  # （不含土地出让收入）, 按可比价格计算: it qualifies a figure
        inside = inside[first + 1 :]  # 按人均年薪6万元计算: the figure is the basis, its indicator
    inside = trim_phrase(inside)
    aside = [k for k, w in enumerate(inside) if k and w[1] in role_words("aside")]
    qualified = ""  # 通胀率按年率计算为5.2% → 通胀率（按年率计算）: the aside after the indicator
    if aside and inside[-1][1] in role_words("closes_aside") and aside[-1] < len(inside) - 1:
        qualified = "".join(w[1] for w in inside[aside[-1] :])
        inside = trim_phrase(inside[: aside[-1]])
    light = role_words("introduces_figure")
    marks = role_words("attributive")
    attributive = [k for k, (_, w, _) in enumerate(inside[:-1]) if w in marks]
    # 以外资为主要出资方的基金: a light verb before 的 modifies; so does an adjective (GDP平均增速)

    inner = [
        k
        for k, (_, w, pos) in enumerate(inside)
        if w in light
        and not (w in verbs and k + 1 < len(inside))  # 约占到全球总数: the whole is said
        and k > max(attributive, default=-1)
        and not (pos.startswith("a") and k + 1 < len(inside) and _nominal(*inside[k + 1][1:]))
        and not second_conjunct(inside, k, words, hi)  # 上缴税金和实现利润双双突破
        and not split_verb(inside, k)  # 报/到人数: the second half of a verb jieba split
    ]
    owner = ""  # 规上工业企业实现利税 → 规上工业企业利税: the noun phrase before a light verb
    if inner:
        after = trim_phrase(inside[inner[-1] + 1 :])
        before, gloss = split_gloss(inside[: inner[-1]])
        before = trim_phrase(before)
        if before and after and all(w[1] in role_words("per_head") for w in after):
            # 补贴标准提高到人均每月900元: after the verb only whom the amount is per
            per = "".join(w[1] for w in after) + (per or "")
            after = []
        if after and before:
            verb_at = inside[inner[-1]][0]
            cut = max((e for s, e in bounds if s < verb_at), default=lo)
            cut = max([cut] + [w[0] + 1 for w in before if w[1] in marks])  # 以…为主的 + owner
            before = trim_phrase([w for w in before if w[0] >= cut]) + gloss
            if before and {before[0][1], "".join(w[1] for w in before)} & subject_words():
                before = []  # 公司2023年实现营业收入, 经/开/区实现: the subject, not the owner
            if (
                len(before) > len(gloss)
                and joined_owner(before, len(gloss), _MODIFIED_OWNER_POS, _NAME_POS, joined)
                and before[-len(gloss) - 1][2].startswith(_OWNER_POS)  # no 平稳/a 实现…
            ):
                owner = text[before[0][0] : before[-1][0] + len(before[-1][1])]
                verb = inside[inner[-1]][1]
                total = verb in role_words("totals_indicator")  # 期货市场累计成交量: as written
                if total and text.startswith(owner, verb_at - len(owner)):
                    owner = text[before[0][0] : verb_at + len(verb)]
        inside = after if after else before
    moved = [
        k
        for k, w in enumerate(inside[:-1])
        if w[1] in _joined_changes() and w[2][:1] == "v" and not _compounded(inside, k)
    ]
    if not inner and moved and moved[-1] > max(attributive, default=-1):
        inside = trim_phrase(inside[moved[-1] + 1 :])  # 决定下调存款准备金率: what it moves
    if not inside:
        return None
    if len(inside) > 1 and inside[-1][1] in share_verbs():
        inside = trim_phrase(inside[:-1])  # 农业项目占到4个: the part is what is counted
    if not inside or reports(inside[-1][1]):
        return None  # 调查结果显示72.5%的…: a verb of saying introduces what is said
    if all(pos == "s" for _, _, pos in inside):
        return None  # 村里85户脱贫户: a place word says where, not what is measured
    if inside[-1][1] in role_words("capacity"):
        inside, owner = inside[-1:], ""  # 签约年产20GW, 主要建设年产: the capacity, whoever
    end = inside[-1][0] + len(inside[-1][1])
    tail = adverbial_tail(text, inside, bounds, end)  # 股价在早盘交易中下跌: the words before it
    inside = trim_phrase([w for w in inside if w[0] + len(w[1]) <= tail]) if tail else inside
    while len(inside) > 1 and inside[-1][2] == "ad" and _before_verb(inside[-1], words):
        inside = trim_phrase(inside[:-1])  # 工资/普遍/ad 上涨: an adjective used as an adverb
    if not inside:
        return None
    end = inside[-1][0] + len(inside[-1][1])
    # 森林面积由上世纪80年代的12万亩: a period the phrase ends inside (its words no edge) ends it
    into = [
        s
        for s, e in bounds
        if inside[0][0] < s < end <= e and period_pattern().fullmatch(text, s, e)
    ]
    if into:
        inside = trim_phrase([w for w in inside if w[0] + len(w[1]) <= min(into)])
        if not inside:
            return None
        end = inside[-1][0] + len(inside[-1][1])
    cut = max((e for s, e in bounds if e < end and s < end), default=lo)
    # words that end after the cut: a bound may end inside a word (全/年发电量 after 全年)
    inside = trim_phrase([w for w in inside if w[0] + len(w[1]) > cut])
    if not inside:
        return None
    marker = [w for w in words if w[0] + len(w[1]) == inside[0][0] and w[0] >= cut]
    marker = [w for w in marker if w[1] in role_words("category_marker")]
    amount = [w for w in words if marker and w[0] + len(w[1]) == marker[0][0] and w[0] >= cut]
    if amount and amount[0][2] == "m" and METRIC_WORD.fullmatch(amount[0][1]):
        inside = [amount[0], marker[0], *inside]  # 亿元以上项目开复工: a class of projects
        for digit in reversed([d for d in words if d[0] < amount[0][0]]):  # 5亿元以上项目
            if digit[0] + len(digit[1]) != inside[0][0] or not (
                digit[2] == "m" or digit[1] in ".,"
            ):
                break
            inside.insert(0, digit)
    elif len(inside) > 1 and inside[0][1] in role_words("names_a_project") and inside[1][2] != "x":
        inside = inside[
            1:
        ]  # 项目总投资 → 总投资: the project is the subject (not 公路、水路货运量)
    # 园区新建标准化厂房 → 新建标准化厂房: the clause's subject; 园区产值 (one noun) as written
    if (
        len(inside) > 1
        and inside[0][1].endswith(subject_ends())
        and (len(inside) > 2 or not inside[1][2].startswith("n") or owner)
    ):
        inside = trim_phrase(inside[1:])
    if not inside:
        return None
    start = max(inside[0][0], cut)
    end = inside[-1][0] + len(inside[-1][1])
    if any(s <= start and end <= e for s, e in bounds):
        return None  # 全市有188家: a subject, not an indicator
    if owner and len(inside) > 1 and len(inside[0][1]) > 1 and owner.endswith(inside[0][1]):
        # 电子信息工业实现工业增加值 → 电子信息工业增加值: the word they share, once
        start = inside[1][0]
    phrase, unsaid = owner + text[start:end], 0
    if listed and start < listed[0] and listed[1] < end:
        phrase = owner + text[start : listed[0]] + text[listed[1] : end]
        unsaid = listed[1] - listed[0]  # the limit is on what is said
    elif start < per_gap[0] and per_gap[1] < end:  # 中央财政对每个…农民补助 → 中央财政补助
        phrase = owner + text[start : per_gap[0]] + text[per_gap[1] : end]
        unsaid = per_gap[1] - per_gap[0]
    joined_change = phrase.endswith(_joined_changes())
    if joined_change:  # 价格下降, segmented as one word
        word = next(w for w in _joined_changes() if phrase.endswith(w))
        phrase = phrase[: -len(word)]
    if (
        not owner
        and _manner(inside, phrase if joined_change else "")
        and (joined_change or any(w[0] == end and w[1] in change_words() for w in words))
    ):
        return None  # 逆势增长9.5%: the rate of the indicator before, not of 逆势
    if owner:
        start = text.rfind(owner, lo, start)
    modifier = (  # only a rate noun takes one
        [w for w in words if w[0] >= lo and w[0] + len(w[1]) == start and len(w[1]) > 1]
        if phrase in role_words("rate_noun")
        else []
    )
    if modifier and modifier[0][2].startswith("d"):
        # 自然/d 增长率: a word jieba tags as an adverb, written onto the rate, names it
        phrase, start = modifier[0][1] + phrase, modifier[0][0]
    if is_rate_noun(phrase) and not owner:
        # 货运量近三年年均增速: the rate of the indicator written before the time between
        earlier = _before_time(text, lo, start, words, bounds, limit)
        if earlier is not None:
            return earlier[0] + phrase, earlier[1]
    if len(phrase) < 2 or end - start - unsaid > limit or _names_none(phrase):
        return None
    if glossed and text.startswith(glossed, end):
        phrase += glossed
    if recipient and start >= lo:
        phrase += f"（{recipient}）"  # the borrower goes into the metric (ANNOTATION §8)
    phrase += f"（{qualified}）" if qualified else ""
    return phrase + (f"（{per}）" if per and per not in phrase else ""), start


LIST_GAP = re.compile(r"[、和及与\s]*")  # between two figures of one list: 9.5%、10%和50%
