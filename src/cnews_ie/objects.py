"""The noun a figure stands before, as what it measures (``link.py``): the noun a count counts
(``metric:counted``: 出台85条政策措施 → 出台政策措施, ``counted.py``) and the object an amount
quantifies at the end of its clause (``metric:object``: 发放2亿元技术改造专项贷款 →
发放技术改造专项贷款), or modifies through 的 there (``metric:modified``: 不到10公里的路程 →
路程), each with the verb before the figure when its clause's phrase is only that verb (a rate
with no change takes the noun alone: 实现了7.2%的经济增长 → 经济增长); and the noun
phrase right after an amount or a rate that ends with an indicator's head (``metric:head_after``:
以3.6亿元的销售收入领跑 → 销售收入); and the noun phrase after a copula that ends the clause
a count opens (``metric:copula``: 其中935辆为人员输送车 → 人员输送车)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.counted import counted_metric
from cnews_ie.indicator import count_opener, counted_before, time_units
from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.metric import names_indicator
from cnews_ie.patterns import CLAUSE_END_CHARS, METRIC_WORD
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import Token, token_ending, tokens_between

__all__ = ["amount_object", "copula_noun", "noun_after"]

_NAME_POS = ("nr", "ns", "nt")
# what an object noun phrase is made of: nouns, verbal nouns, and the verbs jieba finds inside
# compound nouns (专项/扶贫/资金, 创业/担保/贷款), distinguishing words, abbreviations, adjectives
_OBJECT_POS = ("n", "vn", "v", "b", "j", "eng", "a", "l")
_MAX_OBJECT = 12
_AMOUNTS = (FigureKind.MONEY, FigureKind.QUANTITY)
_HEADED = (*_AMOUNTS, FigureKind.PERCENT)
_ENDS_PHRASE = ("v", "d", "c", "f", "p", "x", "w")  # after an indicator: a verb, 已, 和, 中, 在, …
_NOMINAL_AFTER_DE = ("v", "vn", "b")  # what heads a noun phrase after 的, however jieba tags it


def amount_object(
    text: str, lo: int, hi: int, words: Sequence[Token], *, modified: bool = False
) -> tuple[str, int] | None:
    """The noun phrase that fills text[lo:hi] after an amount, to the end of its clause: the
    thing the amount is of (下达5000万元专项扶贫资金 → 专项扶贫资金).  Its words must cover the
    span, be parts of a noun phrase and end with a common noun; not a verb and its object
    (投放2亿元支持小微企业: 支持 opens a predicate; after 的, ``modified``, it is a modifier:
    的递延/v 营收), not a name, not a longer phrase."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    taken = tokens_between(words, lo, hi)
    if (
        not taken
        or taken[0].start != lo
        or taken[-1].end != hi
        or sum(len(t.word) for t in taken) != hi - lo
        or not 2 <= hi - lo <= _MAX_OBJECT
    ):
        return None
    if any(
        not t.pos.startswith(_OBJECT_POS)
        or t.pos.startswith(_NAME_POS)
        or not METRIC_WORD.fullmatch(t.word)
        for t in taken
    ):
        return None
    last = taken[-1]
    nominal = modified and last.pos in _NOMINAL_AFTER_DE and all(t.pos != "v" for t in taken[:-1])
    if not last.pos.startswith("n") and not nominal:
        return None  # (after 的 a head jieba tags v, vn or b is a noun: 的奖励/vn, 的上座率/b; not
        # a predicate: 的股份/当做/流通股/计算)
    if last.word in role_words("names_a_project"):
        return None  # 600万瓦屋顶光伏项目: a specification of the project, not its object
    if taken[0].pos == "v" and (len(taken) == 1 or taken[1].pos != "v") and not modified:
        return None  # 支持/小微企业: a verb and its object, not a noun
    return text[lo:hi], lo


def _modifies(text: str, fig: Figure) -> bool:
    """Whether a word of role ``attributive`` (的) follows ``fig``: it modifies the noun after."""
    return any(text.startswith(w, fig.end) and len(w) == 1 for w in role_words("attributive"))


def _noun_after(
    text: str,
    fig: Figure,
    phrase: tuple[str, int] | None,
    metric: tuple[str | None, int],
    clause_end: int,
    words: Sequence[Token],
) -> tuple[str, int, str] | None:
    """The metric, its start and its rule name where the noun after ``fig`` says what it
    measures: a count with no indicator before it, or only a verb, takes the noun it counts
    (``counted``); an amount whose phrase is only a verb takes that verb and the object noun
    phrase that ends its clause (``object``); an amount with no indicator before it, or only a
    verb (for money), followed by 的 and a noun phrase that ends its clause takes that phrase
    (``modified``).  ``phrase`` is the clause's phrase metric, ``metric``
    the metric linked so far with its start."""
    gloss = ""
    if phrase and phrase[0].endswith("）") and "（" in phrase[0]:  # 发放（向某公司）
        cut = phrase[0].rindex("（")
        gloss, phrase = phrase[0][cut:], (phrase[0][:cut], phrase[1])
    if (
        fig.kind is FigureKind.COUNT
        and phrase
        and metric[0] == phrase[0] + gloss
        and text[fig.start - 1 : fig.start] in role_words("attributive")
        and any(t.pos.startswith(("n", "vn")) for t in tokens_between(words, phrase[1], fig.start))
    ):
        if counted_before(words, phrase[1]):  # 来自40多个国家的3200名采购商: 采购商 alone
            alone = counted_metric(text, fig.end, clause_end, words)
            return (*alone, "counted") if alone else None
        # 纳入节日监测的15家大型商场: the modifier 的 closes before the count, a verb with
        # a noun it governs, defines the set (not 集中开工的40个项目: the verb alone is read
        # as its indicator, 集中开工)
        counted = counted_metric(text, fig.end, clause_end, words)
        return (
            (phrase[0] + gloss + text[fig.start - 1] + counted[0], phrase[1], "counted")
            if counted
            else None
        )
    opener = count_opener(phrase, fig.start, words) if phrase else None
    verb = opener if phrase and metric[0] == phrase[0] + gloss else None
    if metric[0] is not None and verb is None:
        if (
            fig.kind is FigureKind.COUNT
            and phrase
            and metric[0] == phrase[0] + gloss
            and _names_no_set(phrase, fig, words)  # 海外舆论对中国336项改革任务 → 改革任务
        ):
            alone = counted_metric(text, fig.end, clause_end, words)
            if alone and not text[alone[1] + len(alone[0]) :][:1].isdigit():
                return (*alone, "counted")  # not 1条日产4500吨…: a noun of the next figure
        return None
    if fig.kind is FigureKind.COUNT:
        found, rule = counted_metric(text, fig.end, clause_end, words), "counted"
    elif (
        fig.kind in _AMOUNTS
        and not (verb and (names_indicator(verb) or fig.kind is not FigureKind.MONEY))
        and _modifies(text, fig)
    ):
        # 不到9公里的山路, 未计入800万美元的研发费用: the amount modifies what it measures
        # (not 占地300亩的物流中心: a verb before a quantity says what it measures)
        found = amount_object(text, fig.end + 1, clause_end, words, modified=True)
        rule = "modified"
        if found and found[0].endswith(role_tuple("sets_a_record")):
            return None  # 创下了860亿元的新纪录: a record, no indicator named
    elif fig.kind in _AMOUNTS and verb and not names_indicator(verb):
        found, rule = amount_object(text, fig.end, clause_end, words), "object"
    elif fig.kind is FigureKind.PERCENT and fig.change is None and _modifies(text, fig):
        # 创下了74.1%的上座率, 实现8.5%的经济增长: the rate of the noun it modifies, whatever
        # verb governs that noun (the verb is not the indicator's)
        joins = role_words("joins_nouns")  # 74.1%的上座率和…: the noun before a conjunction
        hi = next(
            (t.start for t in tokens_between(words, fig.end, clause_end) if t.word in joins), 0
        )
        found = amount_object(text, fig.end + 1, hi or clause_end, words, modified=True)
        if found is None or found[0] in role_words("rate_noun") | role_words("level_noun"):
            return None  # 到2.5%的水平, 以8%的速度: no indicator named
        return found[0] + gloss, found[1], "modified"
    else:
        return None
    if not found:
        return None
    # 出台85条政策措施 → 出台政策措施: the verb and the noun it counts
    return (verb or "") + found[0] + gloss, metric[1] if verb else found[1], rule


def _names_no_set(phrase: tuple[str, int], fig: Figure, words: Sequence[Token]) -> bool:
    """Whether the phrase before a count names neither an indicator nor the set it counts, so
    the noun after the count does: it ends right before the count with a noun, a name, an
    abbreviation or a word that closes a list (市民对全市20个公园…; 教学楼、实验楼等15栋建筑), not
    with a preposition (从不足百家…), a 的 (集中开工的62个项目: the verb defines the set) or a
    verb, and no verb is among its last two words (分隔/成5个…, jieba tagging 成 a noun: the
    count is the verb's object)."""
    if names_indicator(phrase[0]):
        return False
    last = token_ending(words, fig.start)
    inside = tokens_between(words, phrase[1], fig.start)
    return (
        last is not None
        and (not last.pos.startswith(_NO_SET_END_POS) or last.word in role_words("closes_list"))
        and not any(t.pos.startswith("v") for t in inside[-2:])
    )


# what ends no phrase before the set a count counts: prepositions, verbs, particles (的),
# punctuation and spaces, conjunctions, idioms (工程建设/l: jieba's fixed phrases, often verbs)
_NO_SET_END_POS = ("p", "v", "u", "x", "w", "c", "l")


def headed_after(
    text: str, fig: Figure, clause_end: int, words: Sequence[Token]
) -> tuple[str, int] | None:
    """The noun phrase right after ``fig`` (or after its 的) that ends with an indicator's head
    (``names_indicator``: the hand list or the heads mined from raw news) where the phrase ends
    there, before a verb, a conjunction, a localiser or the clause's end (以86亿元的销售收入位居…,
    在58亿元旅游收入中): the amount is the value of that indicator; a rate noun that ends the
    phrase after a noun naming an indicator makes the figure that indicator's rate (以12.3%的工业
    投资增速 → 工业投资)."""
    if text.endswith(tuple(role_words("category_marker")), 0, fig.end):
        return None  # 800万元以下的企业贷款利率: a threshold of the category, not its value
    lo = fig.end + (1 if _modifies(text, fig) else 0)
    taken = tokens_between(words, lo, clause_end)
    if not taken or taken[0].start != lo:
        return None
    head = None
    for k, t in enumerate(taken):
        if k == 0 and len(t.word) == 1 and t.word in time_units():
            continue  # 2.6亿吨的年吞吐量: the period the indicator is counted over
        if (
            (k and taken[k - 1].end != t.start)
            or not t.pos.startswith(_OBJECT_POS)
            or t.pos.startswith(_NAME_POS)
            or not METRIC_WORD.fullmatch(t.word)
            or t.end - lo > _MAX_OBJECT
        ):
            break
        if t.pos.startswith(("n", "v")) and names_indicator(t.word):  # 收入/v
            head = k
    if head is None:
        return None
    after = taken[head + 1] if head + 1 < len(taken) else None
    if after and after.start == taken[head].end and not after.pos.startswith(_ENDS_PHRASE):
        return None  # 120亿元销售收入目标: the phrase goes on
    if taken[head].word.endswith(tuple(role_words("rate_noun"))):
        # 2.5%的投资/增速: the rate of the indicator the phrase names before its rate noun;
        # 5.6%的同比增速: of one it does not name
        named = taken[head - 1] if head and taken[head].word in role_words("rate_noun") else None
        if named is None or not named.pos.startswith(("n", "vn")) or named.pos == "nr":
            return None
        if not names_indicator(named.word) and not named.pos.startswith("vn"):
            return None
        return text[lo : named.end], lo
    return text[lo : taken[head].end], lo


def copula_noun(
    text: str, fig: Figure, clause: int, clause_end: int, words: Sequence[Token]
) -> tuple[str, int] | None:
    """The noun phrase after a copula that ends the clause a count opens: the part of a whole it
    counts (其中935辆为人员输送车 → 人员输送车; 78人是女性 → 女性; ``metric:copula``).  Only 其中
    (role ``introduces_list``) or nothing may stand before the count in its clause."""
    if fig.kind is not FigureKind.COUNT:
        return None
    before = text[clause : fig.start].strip().lstrip(CLAUSE_END_CHARS).strip()
    if before and before not in role_words("introduces_list"):
        return None
    after = fig.end
    copula = next((w for w in role_words("copula") if text.startswith(w, after)), None)
    if copula is None:
        return None
    return amount_object(text, after + len(copula), clause_end, words)


def noun_after(
    text: str,
    fig: Figure,
    phrase: tuple[str, int] | None,
    metric: tuple[str | None, int],
    clause_end: int,
    words: Sequence[Token],
) -> tuple[str, int, str] | None:
    """:func:`_noun_after`; else, for an amount or a rate with no indicator linked (or a noun
    phrase that names none), the indicator after it (``head_after``: :func:`headed_after`)."""
    found = _noun_after(text, fig, phrase, metric, clause_end, words)
    if found is not None or fig.kind not in _HEADED or (metric[0] and names_indicator(metric[0])):
        return found
    headed = headed_after(text, fig, clause_end, words)
    return (*headed, "head_after") if headed else None
