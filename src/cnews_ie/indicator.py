"""Indicators whose shape the clause's words alone do not give (ANNOTATION §3, §8), read from the
stored words and function words as data:

- a capacity (``capacity.py``, re-exported): 年产8万吨环保涂料生产线 → 产能（年产环保涂料）;
- a share: 占 (role ``share_verb``) between the part and the whole names both
  (第二产业增加值占全县生产总值比重为38.2% → 第二产业增加值占全县生产总值比重);
- a count that opens the noun phrase it counts, with a predicate after that noun, measures the
  noun as the predicate qualifies it: 17家企业进入名录 → 进入名录的企业.

The rules that use them are listed in ``link.py`` (``metric:capacity``, ``metric:share``,
``metric:predicate``).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.bounds import compared_value
from cnews_ie.capacity import CAPACITY, capacity_of
from cnews_ie.counted import is_compound, modified_verb
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.link_record import Link
from cnews_ie.metric import LIST_GAP, is_rate_noun, names_indicator, reporting_verbs, trim_phrase
from cnews_ie.numerals import ZH_DIGITS, ZH_MAGNITUDES
from cnews_ie.patterns import CLAUSE_END, CLAUSE_END_CHARS, METRIC_WORD
from cnews_ie.records import Figure, FigureKind
from cnews_ie.shares import change_words, share_part, share_verbs
from cnews_ie.subjects import subject_words
from cnews_ie.work import Token, index_from, token_ending, tokens_between

__all__ = [
    "CAPACITY",
    "can_be_base",
    "capacity_of",
    "comparison_gloss",
    "count_opener",
    "counted_before",
    "ends_in_noun",
    "is_rate_noun",
    "predicate_metric",
    "rate_comparison",
    "share_metric",
    "time_units",
]


def ends_in_noun(text: str, link: Link, tokens: Sequence[Token]) -> bool:
    """Whether ``link``'s indicator is written in ``text`` where it starts, as a noun phrase
    ending with a common noun (注册志愿者, 非流通股份: what a count counts): no particle, adverb
    or preposition in it (持有的公司, 新引进…项目, 登记在册…企业) and no verb or name at its end
    (减持); the part a share after it may name."""
    if link.metric is None or link.metric_start < 0:
        return False
    end = link.metric_start + len(link.metric)
    if text[link.metric_start : end] != link.metric:
        return False
    last = token_ending(tokens, end)
    if last is None or not last.pos.startswith("n") or last.pos.startswith(_NAME_POS):
        return False
    inside = tokens_between(tokens, link.metric_start, end)
    return (
        bool(inside)
        and inside[0].start == link.metric_start
        and not any(t.pos.startswith(_CLAUSE_POS) for t in inside)
    )


def share_metric(
    text: str,
    lo: int,
    fig: Figure,
    metric: str | None,
    words: Sequence[tuple[int, str, str]],
    previous: str | None,
    names: Sequence[tuple[int, int]] = (),
    counted: bool = False,
) -> tuple[str, int] | None:
    """A share's indicator, naming both parts (``metric:share``), and its start: the noun phrase
    before 占 (or 占比) in text[lo:fig.start], else the indicator of the previous figure
    (``previous``: 项目126个，占比41.7% → 项目占比), else, in a sentence with no figure before,
    the name (``names``: spans of places and organisations) that opens a clause before it, its
    topic (东盟为本市最大贸易伙伴，占本市外贸总额的15.6% → 东盟占本市外贸总额), then 占 and the
    whole up to the figure as written (a 的 before the figure dropped; no share noun added, so
    that the text's own words stay the indicator), 占比 where no whole is written (农业项目占到
    40% → 农业项目占比).  A clause opening with 占 after a figure whose indicator
    ``names_indicator`` takes that indicator as the part (…增加值86.5亿元，占全县经济的9.4% →
    …增加值占全县经济), as does a clause opening with 占 and writing its whole after a figure
    whose indicator is a noun phrase (``counted``: 全市有注册志愿者8.6万名，占常住人口的3.1% →
    注册志愿者占常住人口).  None for a figure that is no level of a share
    (a change), without 占, where the phrase ``metric`` already names both parts, or where
    nothing before 占 names the part (，占全县经济的48.3%: the phrase is read as written)."""
    verbs = share_verbs()  # 占, 占到 (one word or two)
    if fig.kind is not FigureKind.PERCENT or fig.change is not None:
        return None
    if previous and previous.startswith(tuple(verbs)):
        previous = None  # 占总人口的18%，占役龄人口的75%: the share before names no part
    if metric and verbs.intersection(metric[1:]):
        return None  # 产值占工业总产值比重提高到31%: the phrase says it
    hi = fig.start
    inside = [w for w in words if lo <= w[0] and w[0] + len(w[1]) <= hi]
    nouns = role_words("share_noun")
    at = next((k for k, w in enumerate(inside) if w[1] in verbs or w[1] in nouns), None)
    if at is None:
        return None
    tail = inside[at:]
    while len(tail) > 1 and (
        tail[-1][1] in _light()
        or tail[-1][1] in change_words()
        or (tail[-1][2].startswith(_TAIL_POS) and tail[-1][1] != "的")
    ):
        tail = tail[:-1]  # 比重为, 比重提高到: the words that introduce the figure
    part: list[tuple[int, str, str]] = []
    lead = at  # 海洋生产总值将占到…: adverbs between the part and its share verb
    while (
        lead > 0
        and inside[lead - 1][2].startswith("d")
        and inside[lead - 1][1] not in role_words("respectively")
    ):
        lead -= 1
    for word in reversed(inside[:lead]):
        if part and word[2].startswith("q") and len(word[1]) == 1:
            continue  # 产业类项目: a classifier inside the part
        # 旅游收入/v 已占…: a head noun tagged as a verb may end the part
        head = not part and word[2] == "v" and names_indicator(word[1])
        if (
            not (word[2].startswith(_PART_POS) or head)
            or word[2].startswith(("nr", "ns", "nt"))
            or word[1] in subject_words()
            or not METRIC_WORD.fullmatch(word[1])
        ):
            break
        part.insert(0, word)
    nouns = role_words("share_noun")
    if part and part[-1][1] in role_words("names_share"):
        part = []  # 这些产品的比例大约占15%: the share is named already, no part of one
    noun = next((n for n in nouns if text.startswith(n, inside[at][0])), None)
    written = text[inside[at][0] : tail[-1][0] + len(tail[-1][1])]
    topic = None if part or previous else clause_opener(text, lo, names)
    # the clause opens with 占 (after adverbs alone, not 分别) and writes its whole
    opens = all(w[2].startswith("d") for w in inside[:at]) and not any(
        w[1] in role_words("respectively") for w in inside[:at]
    )
    whole_written = len(tail) > 1
    # 占全县经济的9.4%: 占全县经济, as written; 占到42%: no whole written, a share (占比)
    written = written.removesuffix("的") if whole_written else min(nouns, key=lambda n: (len(n), n))
    if topic and noun is None:  # 欧盟为…伙伴，占我省外贸总值的12.4%: the topic's share
        return topic[0] + written, inside[at][0]
    if (
        not part
        and noun is None
        and previous
        and (names_indicator(share_part(previous)) or (counted and opens and whole_written))
    ):
        # 某产业实现营收…，占全县经济的三成 → 某产业营收占全县经济: the part is the
        # indicator of the figure before, the whole as written
        return share_part(previous) + written, inside[at][0]
    if not part and (not previous or noun is None):
        return None  # ，占全县经济的48.3%: the phrase after 占 is the indicator as written
    start = part[0][0] if part else inside[at][0]
    whole = text[inside[at][0] : tail[-1][0] + len(tail[-1][1])]
    whole = noun or whole  # 占比达 (占/比达): 占比
    if whole in verbs:  # 农业项目占到40%: no whole written, the part's share (农业项目占比)
        whole = min(nouns, key=lambda n: (len(n), n))
    else:  # 占X的比重 → 占X比重; 占X的5% → 占X, as written
        whole = whole.removesuffix("的").replace("的比重", "比重")
    said = text[start : part[-1][0] + len(part[-1][1])] if part else previous or ""
    return said + whole, start


_TAIL_POS = ("u", "p", "d", "x", "w", "c")
_NAME_POS = ("nr", "ns", "nt", "nz")
# Words that make a phrase a clause (持有的公司, 新引进…项目, 登记在册的企业), not a noun phrase:
# particles, adverbs, prepositions (a verb may modify a noun: 注册志愿者).
_CLAUSE_POS = ("u", "d", "p")
_MARKS = frozenset(CLAUSE_END_CHARS + "\n")
_PART_POS = ("n", "vn", "j", "b", "l", "eng")


def _light() -> frozenset[str]:
    return role_words("introduces_figure")


# Counted nouns (企业, 受访商户), and a predicate after them: a verb or adverb (相继竣工).
_NOUN_POS = ("n", "vn", "j", "b", "l", "eng")
_PREDICATE_START = ("v", "d", "a")
_PLACE_POS = ("s", "ns")  # a place word (当地) or a place name (叙利亚) modifying a noun
_MAX_PREDICATE = 24


def predicate_metric(
    text: str,
    fig: Figure,
    clause: int,
    clause_end: int,
    tokens: Sequence[Token],
    bounds: Sequence[tuple[int, int]],
    others: Sequence[tuple[int, int]] = (),
) -> tuple[str, int] | None:
    """The indicator of a count that opens the noun phrase it counts, when a predicate follows
    that noun in its clause (``metric:predicate``): the predicate, 的 and the noun, as a reader
    names the counted things (全县有42个项目纳入省级库 → 纳入省级库的项目; 甲、乙等23个重点项目
    竣工投产 → 竣工投产的重点项目; a category head alone after a predicate with no object
    compounds without 的: 36家企业相继投产 → 相继投产企业); a percent followed by 的 and a noun
    is the share of them
    (38.5%的商户将利润用于… → 将利润用于…的商户占比; the predicate may open with a preposition:
    85%的居民对服务感到满意 → 对服务感到满意的居民占比); a lone verb before the figure governs the
    predicate too (支持69家开发区打造载体 → 支持打造载体的开发区); after 在 (an adverbial of
    place) the predicate says where: 计划在12个县区设立服务中心 → 设立服务中心的县区.  Nothing but a subject, a
    period, an existential verb (有, 共有: role ``existential``) or an enumeration closed by 等
    (role ``closes_list``) may stand before the figure in its clause, no preposition (与, 为)
    and no other light verb (带动: the count is its object); the predicate holds no other figure (``others``: spans of the
    sentence's figures), no rate (增速) or comparison, no copula (是) and no 的 (unless it opens
    with a verb of saying or thinking, role ``reports_speech``: 认为…是…, or joins a modifier to
    the object of its verb: 获得国家级的科技奖励).  The counted noun may open with a place word
    and a pronoun of each (当地群众, 海内外各界人士); a share may count 人 alone (62%的人…), also with no 的 (86%人支持…).
    An aspect particle (了) and a resultative 到 cut from its verb are left out;
    a verb that only introduces the doer (让, 使: role ``not_in_metric``) is not said.  None
    otherwise."""
    percent = fig.kind is FigureKind.PERCENT and fig.change is None
    if fig.kind is not FigureKind.COUNT and not percent:
        return None
    before = [
        (t.start, t.word, t.pos)
        for t in tokens_between(tokens, clause, fig.start)
        if not (bounds and any(s <= t.start < e or s < t.end <= e for s, e in bounds))
        and t.pos != "s"  # 村里85户脱贫户: a place word is where, like a subject
    ]
    verb = ""
    if _placed(before, fig.start):
        before = []  # 计划在8个城市设立服务站: where the predicate holds, whoever says so
    if not before or before[-1][1] not in role_words("closes_list"):
        rest = trim_phrase(before)
        if len(rest) > 1 or (rest and rest[0][2] != "v"):
            return None  # 从市直26家单位: a noun phrase before the figure owns it
        light, there = role_words("introduces_figure"), role_words("existential")
        if any(pos.startswith("p") for _, _, pos in before) or any(
            pos.startswith("v") and w in light and w not in there for _, w, pos in before
        ):
            return None  # 与8家经销商签订协议, 带动1200户农户增收: the count is an object
        unsaid = role_words("not_in_metric") | reporting_verbs()  # 让, 介绍: not of the set
        verb = rest[0][1] if rest and rest[0][1] not in unsaid else ""
    after = tokens_between(tokens, fig.end, clause_end)
    if percent and not (after and after[0].word in role_words("person_noun")):
        # 86%人支持…: persons counted with no 的 between; else 的 must follow
        if not after or after[0].word not in role_words("attributive"):
            return None  # 38.5%的商户: a share of people, not a rate
        after = after[1:]
    noun: list[Token] = []
    for k, token in enumerate(after):
        # 38.5%的受访商户; 550家参展/企业 (a group's head); 企业和机构 (one noun, then a predicate)
        following = after[k + 1] if k + 1 < len(after) else None
        nominal = following is not None and following.pos.startswith(_NOUN_POS)
        headed = nominal and following is not None and following.word.endswith(_category_heads())
        modifier = k == 0 and token.pos == "v" and (percent or headed)
        last = after[k + 2] if k + 2 < len(after) else None
        joined = bool(noun) and nominal and token.pos == "c"  # not 与/p: a preposition
        joined = joined and last is not None and last.pos.startswith(_PREDICATE_START)
        # 当地居民, 国内外企业, 某国各界代表: where the counted things are from opens their noun
        located = all(t.pos in _PLACE_POS or _determines(t) for t in noun) and (
            token.pos in _PLACE_POS or (bool(noun) and _determines(token))
        )
        located = located and nominal
        inner = bool(noun) and modified_verb(after, k, clause_end)  # 中等/b 收入/v 经济体
        if (
            not (token.pos.startswith(_NOUN_POS) or modifier or joined or located or inner)
            or not METRIC_WORD.fullmatch(token.word)
            or token.word in role_words("introduces_figure")
            or token.word in role_words("distributes_predicate")  # 指标/全部/创…: the predicate's
        ):
            break  # 农户全部实现增收: 全部 opens the predicate
        noun.append(token)
    predicate = after[len(noun) :]
    spaced = next((k for k, t in enumerate(predicate) if t.word.isspace()), len(predicate))
    predicate = predicate[:spaced]  # …全部成立 记者今天…: a heading run into the next paragraph
    distributed = False  # after an adverb saying it holds for each, a predicate follows
    while predicate and (
        predicate[0].pos == "t" or predicate[0].word in role_words("distributes_predicate")
    ):
        distributed = distributed or predicate[0].pos != "t"
        predicate = predicate[1:]  # 36个重点项目今天集中开工: the time is no part of the set,
        # nor is an adverb saying it holds for each (三项指标全部创/n 历史新高: a predicate)
    if len(predicate) == 1 and predicate[0].word in role_words("reports_speech"):
        # 65%的受访者认为，新建供应链…: what they say or think is the next clause
        ended = CLAUSE_END.search(text, clause_end + 1)
        predicate = [
            *predicate,
            *tokens_between(tokens, clause_end + 1, ended.start() if ended else len(text)),
        ]
    while predicate and predicate[-1].pos.startswith(("x", "w")):
        if predicate[-1].word in "”」』)）":
            break
        predicate = predicate[:-1]
    if predicate and predicate[-1].pos.startswith(("u", "y")):
        return None  # 两位师傅就把暖气管修好了: an event told, not a set qualified
    if len(predicate) == 2 and is_compound(predicate[0], predicate[1]):
        return None  # 12个农业示范/项目: the end of the counted noun, no predicate
    said_words = [*noun, *predicate]
    if (
        not noun
        or (noun[-1].end - noun[0].start < 2 and not (percent and _persons(noun)))
        or not predicate
        or not (distributed or predicate[0].pos.startswith((*_PREDICATE_START, "p")))
        or not any(t.pos.startswith("v") for t in predicate)
        or any(predicate[0].start < e and s < predicate[-1].end for s, e in others)
        or any(t.word in _not_counted() for t in said_words)
        or (
            predicate[0].word not in role_words("reports_speech")
            and any(
                t.word in _not_predicate() and not _object_modifier(predicate, k)
                for k, t in enumerate(predicate)
            )
        )
        or predicate[-1].end - predicate[0].start > _MAX_PREDICATE
    ):
        return None  # 19个市…: one character is a cut word; 4.2%的同比增速: a rate;
        # 90%的诉求都是群众身边的小事: a copula or a 的 says what they are, not which (but
        # 认为收入是最重要的因素: what they say or think may hold them)
    named = text[noun[0].start : noun[-1].end]
    said = "".join(
        text[t.start : t.end] if k == 0 or not _unsaid(predicate[k - 1], t) else ""
        for k, t in enumerate(predicate)
    )  # 取得了明显成效 → 取得明显成效; 享受到免费午餐 → 享受免费午餐
    # 36家企业相继投产 → 相继投产企业: a category head alone (企业, 项目) compounds with a
    # predicate that ends with no object, as a reader names the class; a predicate ending with
    # an object (纳入省级库的项目), other nouns and shares keep 的
    # an object: a nominal last word after a verb (获得…奖励; not 相继/投产/vn: the verb itself)
    governed = any(t.pos.startswith("v") and t.pos != "vn" for t in predicate[:-1])
    ends_with_object = governed and predicate[-1].pos.startswith((*_NOUN_POS, "n"))
    compound = len(noun) == 1 and noun[0].word in _category_heads() and not ends_with_object
    mark = "" if compound and not percent else "的"
    return f"{verb}{said}{mark}{named}{'占比' if percent else ''}", fig.start


@lexicon_cache
def _category_heads() -> tuple[str, ...]:
    """The heads of groups and projects (roles ``group_head``, ``names_a_project``: 企业, 项目),
    as a tuple for ``str.endswith``: a counted noun that is one of them names a category."""
    return tuple(role_words("group_head") | role_words("names_a_project"))


def _unsaid(before: Token, token: Token) -> bool:
    """Whether a word of a predicate is left out of the set it names: an aspect particle (了)
    or a resultative 到 that jieba cut from the verb before it (享受/到/免费午餐: role
    ``resultative``)."""
    if token.pos == "ul":
        return True
    return before.pos == "v" and token.pos == "v" and token.word in role_words("resultative")


def _object_modifier(predicate: Sequence[Token], k: int) -> bool:
    """Whether the 的 at ``predicate[k]`` joins a modifier to the object of a verb before it in
    the predicate (有不愉快的体验, 获得省级的奖励): a verb stands before it in the predicate, a
    noun, an adjective or a distinguishing word right before it (not a verb: 人工/繁育的朱鹮 is
    the counted noun going on; not a number or a localiser) and a noun after it; a 的 right
    after the counted noun (3家企业的产值) opens no predicate, and a copula still makes one a
    statement."""
    token = predicate[k]
    if token.word not in role_words("attributive") or not 0 < k < len(predicate) - 1:
        return False
    return (
        any(t.pos.startswith("v") for t in predicate[: k - 1])
        and predicate[k - 1].pos.startswith(("n", "a", "b"))
        and not predicate[k - 1].pos.startswith("nr")
        and predicate[k + 1].pos.startswith(_NOUN_POS)
    )


def _persons(noun: Sequence[Token]) -> bool:
    """A one-character noun of persons (人, 者: role ``counted_person``), whole as the segmenter
    cut it: 68.5%的人 is the share of people, no cut word."""
    return len(noun) == 1 and noun[0].word in role_words("counted_person")


def _determines(token: Token) -> bool:
    """A pronoun of each (各界, 各类: role ``each_pronoun``, tagged r) that quantifies the noun
    after it inside a counted noun phrase."""
    return token.pos.startswith("r") and token.word.startswith(role_tuple("each_pronoun"))


def _placed(before: Sequence[tuple[int, str, str]], at: int) -> bool:
    """A preposition of place (在: role ``locates_predicate``) stands right before the count at
    ``at``: the counted things are where the predicate after them holds."""
    if not before:
        return False
    start, word, pos = before[-1]
    return (
        start + len(word) == at and pos.startswith("p") and word in role_words("locates_predicate")
    )


@lexicon_cache
def _not_counted() -> frozenset[str]:
    """Words that make a phrase a rate or a comparison, never a set of counted things."""
    return role_words("rate_noun") | role_words("compares")


@lexicon_cache
def _not_predicate() -> frozenset[str]:
    """Words that make what follows the counted noun a statement about it: a linking copula (是,
    为: a copula that also introduces figures; 打造 is a content verb) or a 的 that opens a noun
    phrase of its own."""
    linking = role_words("copula") & role_words("introduces_figure")
    return linking | role_words("attributive")


def comparison_gloss(text: str, clause: int, hi: int, tokens: Sequence[Token]) -> str | None:
    """The comparison a rate difference's clause opens with (分别高于全省平均水平2.1个百分点 →
    高于全省平均水平): a comparison word (role ``outpaces``: 高于, 快于) after adverbs or a rate noun (增速)
    only, and
    the reference up to the figure.  The reference is no indicator of the figure: it takes its
    base's (ANNOTATION §8 would gloss it: …增速（高于全省平均水平）; the linked metric is
    the base's as written, as the golden facts compare it exactly).  None for
    a clause that does not open so."""
    inside = tokens_between(tokens, clause, hi)
    k = 0
    while k < len(inside) and (
        inside[k].pos.startswith(("d", "x", "w")) or inside[k].word in role_words("rate_noun")
    ):
        k += 1  # 分别, 均, 明显; 增速均快于
    if k == len(inside):
        return None
    at = inside[k].start
    word = next((w for w in role_words("outpaces") if text.startswith(w, at)), "")
    if not word or at + len(word) >= hi:
        return None  # 比上年: a base of its own (role ``compares``), not a reference
    reference = text[at:hi].strip()
    return reference if METRIC_WORD.fullmatch(reference) else None


def rate_comparison(
    text: str,
    i: int,
    figures: Sequence[Figure],
    members: Sequence[int],
    tokens: Sequence[Token],
    lo: int,
) -> tuple[str | None, int]:
    """For a rate difference ``figures[i]`` (of the sentence from ``lo`` whose figures are
    ``members``): the comparison its list's clause opens with (``comparison_gloss``), and how
    many figures of that list follow it (0.4个和1.1个百分点: 1 for 0.4个); for a multiple, no
    comparison and the figures after it (是上年同期的1.5倍、2.5倍: each of the amounts before in
    order).  (None, 0) else."""
    kind = figures[i].kind
    if kind is not FigureKind.PERCENTAGE_POINT and kind is not FigureKind.MULTIPLE:
        return None, 0

    def listed(a: int, b: int) -> bool:
        return (
            a in members
            and b in members
            and bool(LIST_GAP.fullmatch(text[figures[a].end : figures[b].start]))
        )

    first = i
    while listed(first - 1, first):
        first -= 1
    start = figures[first].start
    opened = figures[first - 1].end if first - 1 in members else lo
    clause = max((m.end() for m in CLAUSE_END.finditer(text, opened, start)), default=opened)
    gloss = (
        comparison_gloss(text, clause, start, tokens) if kind is not FigureKind.MULTIPLE else None
    )
    later = 0
    while (gloss or kind is FigureKind.MULTIPLE) and listed(i + later, i + later + 1):
        later += 1
    return gloss, later


_RATES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE}


def can_be_base(candidate: Figure, rate: Figure, text: str) -> bool:
    """A change in percentage points belongs to a percent (城镇化率68.5%，提高0.9个百分点; 增长5.8%，
    比8月加快1.4个百分点); any other rate to an amount, not a change amount (增加4.2万吨) nor the
    value a comparison is made with (比上年同期的29万吨增长10.3%: the amount that grew is)."""
    if rate.kind is FigureKind.PERCENTAGE_POINT:
        # a growth rate too: 同比增长5.8%，比8月加快1.4个百分点
        return candidate.kind is FigureKind.PERCENT
    if candidate.change is not None or compared_value(text, candidate.start):
        return False
    return candidate.kind not in _RATES


def sibling_rate(before: Figure, rate: Figure) -> bool:
    """Whether a rate with no indicator of its own parallels the rate ``before`` it: both of one
    kind, other than percentage points, and both changes (环比上涨0.4%，同比上涨3.8%): it measures
    what that one measures, against the same base, not an amount before that one."""
    return (
        before.kind is rate.kind is not FigureKind.PERCENTAGE_POINT
        and before.change is not None
        and rate.change is not None
    )


def clause_opener(text: str, lo: int, names: Sequence[tuple[int, int]]) -> tuple[str, int] | None:
    """The last name of ``names`` before ``lo`` if it opens a clause (after a clause mark, or
    after 其中 and its comma: role ``introduces_part``) and the clause it opens ends right
    before ``lo``, with its start; None otherwise."""
    for start, end in sorted(names, reverse=True):
        if end > lo:
            continue
        before = text[max(0, start - 8) : start].rstrip("，,：: ")  # 其中，欧盟为…
        opens = start == 0 or text[start - 1] in _MARKS
        opens = opens or before.endswith(role_tuple("introduces_part"))
        if opens and not any(c in _MARKS for c in text[end : lo - 1]):
            return text[start:end], start
        return None
    return None


_NUMERAL_CHARS = frozenset(ZH_DIGITS) | frozenset(ZH_MAGNITUDES) | frozenset("十百千")


@lexicon_cache
def time_units() -> frozenset[str]:
    """Units of time (``units.tsv``, kind ``time``: 年, 月, 日)."""
    return frozenset(row[0] for row in table("units", 5) if row[2] == "time")


def counted_before(words: Sequence[Token], at: int) -> bool:
    """Whether the words before ``at`` are a number and its classifier: the phrase from ``at``
    is the noun another figure counts (来自50多个国家的3200名采购商: 国家 is no modifier of
    采购商; 出台4个方面28条政策措施: 方面 is none of 政策措施; not 首批, not the ordinal 第九次)."""
    before = token_ending(words, at)
    if before is None or not before.pos.startswith(("m", "q")) or before.word in time_units():
        return False  # 1995年“某周”筹委会的八名委员: a year, no count
    number = token_ending(words, before.start)
    return (
        number is not None
        and number.pos.startswith("m")
        and not number.word.startswith("第")
        and any(c.isdigit() or c in _NUMERAL_CHARS for c in number.word)
    )


def _nested_verb(words: Sequence[Token], noun: Token, particles: frozenset[str]) -> str | None:
    """Where ``noun`` is the noun of a count right before it (出台3个/方面 15条措施: a count nested
    in another, whose noun groups the things counted after it), the verb before that count,
    which governs both (出台; 部署/n 了 5个方面: a word an aspect particle follows acts as one),
    or "" where none is written; None where no count stands before the noun."""
    if not counted_before(words, noun.start):
        return None  # not 3 + 个 + 方面 (nor 10000元/和/价值: no classifier)
    j = index_from(words, noun.start) - 3
    aspect = j >= 0 and words[j].word in particles
    if aspect:
        j -= 1  # 部署/n 了 5个方面: the word before the particle
    if j >= 0 and (words[j].pos.startswith("v") or (aspect and words[j].pos.startswith("n"))):
        return words[j].word
    return ""


def count_opener(phrase: tuple[str, int], at: int, words: Sequence[Token]) -> str | None:
    """What a count's phrase ``phrase`` (text and start) leaves to the noun counted after the
    figure at ``at``: a lone verb (出台85条政策措施 → 出台), the verb right before the figure
    (单位抽调39名专家 → 抽调), or a lone noun right before it, a modifier of the counted noun (从市直
    26家单位 → 市直), unless it is the noun of a count right before it, when the verb before
    that count is left, or nothing ("": 11所中学51个班级 → 班级), or the verb before an area right
    before it (销往全国20多个省份 → 销往).  None for a phrase that names its indicator."""
    inside = tokens_between(words, phrase[1], phrase[1] + len(phrase[0]))
    if inside and "".join(t.word for t in inside) != phrase[0]:  # 现场共签约: 共 is not said
        inside = tokens_between(words, phrase[1], at)
        inside = [t for t in inside if not t.pos.startswith("d")] if inside[-1].end == at else []
    if not inside or "".join(t.word for t in inside) != phrase[0]:
        return None
    ending = token_ending(words, at)  # the word before the figure
    last, listed = inside[-1], ending is not None and ending.word in role_words("closes_list")
    if (
        all(t.pos == "v" for t in inside) and listed
    ):  # 统筹推进甲园区等28个项目: items, no indicator
        return phrase[0]
    # a verbal noun right before the count acts as its verb (监管38家企业, 管理36个园区); an
    # aspect particle may stand between a verb and it (双方签署了17份协议), and makes a verbal
    # noun before it a verb (俄罗斯研制/vn 了40种新型武器)
    particles = role_words("aspect_particle")
    aspect = last.end < at and all(t.word in particles for t in tokens_between(words, last.end, at))
    right = last.end == at or (last.pos in ("v", "vn", "ad") and aspect)
    verbal = last.pos != "vn" or last.end == at or aspect
    # an adjective used as an adverb before an aspect particle is a verb (明确/ad 了45项措施)
    acts = last.pos.startswith("v") or (last.pos == "ad" and aspect)
    if acts and verbal and (len(inside) == 1 or right):
        return last.word if right else phrase[0]
    # a word jieba tags as a place name that no name recogniser took (新建/ns) is no subject
    if len(inside) == 1 and last.end == at and last.pos in ("n", "j", "ns"):
        if (shared := _nested_verb(words, last, particles)) is not None:
            return shared  # 出台3个方面15条措施: 方面 is the first count's noun
        return last.word
    # 产品销往全国20多个省份: an area right before the count says where the counted things are
    # (the subject's), the verb before it (and its preposition: 分布在全国) governs them
    if len(inside) > 1 and last.end == at and (last.pos == "ns" or _is_area(last.word)):
        k = len(inside) - 2
        while k > 0 and inside[k].pos == "p":
            k -= 1
        verb = inside[k]
        if verb.pos.startswith("v") and verb.word not in role_words("introduces_figure"):
            return verb.word
    return None


def _is_area(word: str) -> bool:
    """Whether ``word`` is a subject word naming a whole area (全国, 全省, 我市)."""
    return word in subject_words() and word.startswith(("全", "我", "本"))
