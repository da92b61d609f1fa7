"""The subject of a figure: the place, organisation or subject word (``subjects.tsv``) nearest
before its indicator, never a meeting or a party, congress or CPPCC organ (``link.py``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cnews_ie.backends.jieba_backend import ends_a_word
from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import WordSet, lexicon_cache, role_tuple, role_words, table
from cnews_ie.non_agents import bracket_asides, recipient_objects
from cnews_ie.patterns import CLAUSE_END, COMMAS, QUOTES, alternation
from cnews_ie.places import DIVISION_ENDS
from cnews_ie.records import Figure, FigureKind
from cnews_ie.sector_agents import sector_agent
from cnews_ie.title_vocabulary import title_prefix
from cnews_ie.work import Token, token_ending, tokens_between

__all__ = [
    "metric_subject",
    "named_area",
    "not_agents",
    "objects_of_verbs",
    "opening_word",
    "place_clause",
    "scoped_agent",
    "subject_ends",
    "subject_in",
    "subject_pattern",
    "subject_words",
]


@lexicon_cache
def subject_words() -> frozenset[str]:
    """The subject words of ``resources/subjects.tsv`` (全市, 我省, 园区, 公司)."""
    return frozenset(row[0] for row in table("subjects", 1))


@lexicon_cache
def subject_ends() -> tuple[str, ...]:
    """:func:`subject_words` as a tuple for ``str.endswith``: built once, not per phrase."""
    return tuple(subject_words())


@lexicon_cache
def subject_pattern() -> re.Pattern[str]:
    """The subject words of ``resources/subjects.tsv``, longest first (全市, 园区)."""
    return re.compile(alternation(row[0] for row in table("subjects", 1)))


def word_ends_at(text: str, end: int) -> bool:
    """Whether a subject or area word ending at ``end`` ends a word of the text: not where
    jieba's route joins its last character and the next into a common word (行业 of 该行业, 公司法,
    市场 of 全市场, 区域 of 该区域), unless that word is a title a division starts (jieba reads
    省长 in 我省长株潭地区, 镇长 in 该镇长期坚持).

    >>> word_ends_at("该行业", 2), word_ends_at("我省长株潭", 2), word_ends_at("该行的", 2)
    (False, True, True)
    >>> word_ends_at("全市场", 2), word_ends_at("该镇长期", 2)
    (False, True)
    """
    if ends_a_word(text, end, common=True):
        return True
    return text[end - 1] in DIVISION_ENDS and title_prefix(text, end - 1, len(text)) is not None


def word_starts_at(text: str, start: int) -> bool:
    """Whether a subject or area word starting at ``start`` starts a word of the text: not where
    jieba's route joins the character before it and its first into a common word (全市 of
    网络安全市场, 全县 of 食品安全县级).

    >>> word_starts_at("网络安全市场", 3), word_starts_at("今年全市", 2)
    (False, True)
    """
    return start == 0 or ends_a_word(text, start, common=True)


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the subject or area word text[start:end] is a word of the text at both ends
    (:func:`word_starts_at`, :func:`word_ends_at`)."""
    return word_ends_at(text, end) and word_starts_at(text, start)


@lexicon_cache
def _meetings() -> tuple[str, ...]:
    """Heads of a meeting or a party, congress or CPPCC organ (县委, 党代会): never a subject."""
    kinds = ("party", "congress", "cppcc")
    heads = {w for w, kind in table("org_suffixes", 2) if kind in kinds} | role_words("meeting")
    return tuple(heads)


@lexicon_cache
def _openers() -> tuple[str, ...]:
    return role_tuple("opens_adverbial")


def opening_word(metric: str | None) -> str | None:
    """The longest subject word the indicator starts with (园区产值 → 园区; not 全行 of
    全行业投资: it ends inside a word)."""
    word = _opening_words().longest_prefix(metric) if metric else None
    return word if word and metric and word_ends_at(metric, len(word)) else None


@lexicon_cache
def _opening_words() -> WordSet:
    """:func:`subject_words` by length: one look-up per length, not a test per word."""
    return WordSet(subject_words())


def metric_subject(
    metric: str | None, start: int, words: Sequence[Token], alone: bool = False
) -> tuple[str | None, str]:
    """The subject the indicator opens with, and its rule: a subject word (园区产值 → 园区,
    ``subject:in_metric``), a place word read whole that starts with a division's name (北京地区
    进出口总值 → 北京地区; ANNOTATION.md §8: the entity the figure is about), or a sector that a content verb follows (采矿业新增减税 → 采矿业,
    ``subject:sector``; ANNOTATION.md §8).  A sector before a light verb (建筑业实现增加值: role
    ``introduces_figure``) owns the indicator.  A sector's name ends with a head of role
    ``sector_head`` (制造业, 零售业, 服务业; not 营业 or 第三产业).  Where no subject is written
    before the indicator in its clause (``alone``), a group of taxpayers or firms a content verb
    follows is the agent too (出口企业累计享受减税 → 出口企业, ``subject:group``)."""
    word = opening_word(metric)
    if word or not metric:
        return word, "subject:in_metric"
    inside = tokens_between(words, start, start + len(metric))
    if len(inside) > 1 and inside[0].pos == "ns" and _named_place(inside[0].word):
        # 北京地区进出口总值: a place word the segmenter reads whole opens the indicator
        return inside[0].word, "subject:in_metric"
    sector = sector_agent(metric, start, inside)  # 服务业实际使用外资
    if sector:
        return sector, "subject:sector"
    group = _group(inside) if alone else None
    return (group, "subject:group") if group else (None, "subject:in_metric")


def _named_place(word: str) -> bool:
    """A place word that starts with a division's name (北京地区, 湖南; not 城镇, 中欧)."""
    return any(is_place_name(word[:k]) for k in range(2, len(word) + 1))


def _group(inside: Sequence[Token]) -> str | None:
    """A group of taxpayers or firms (a noun phrase ending with a ``group_head`` word: 出口企业,
    民营经济纳税人) that a content verb follows, read back over nouns, distinguishing words and
    verbal nouns and adjectives to a 的 or any other word; a head alone (企业) names no group."""
    heads, light = role_tuple("group_head"), role_words("introduces_figure")
    for k, w in enumerate(inside):
        # a light verb may come between (出口企业累计享受减税), not before a noun (实现利税)
        following = next((t for t in inside[k + 1 :] if t.word not in light), None)
        if not w.word.endswith(heads) or following is None or following.pos != "v":
            continue
        first = k
        while first > 0 and inside[first - 1].pos.startswith(("n", "vn", "b", "j", "a")):
            first -= 1
        group = "".join(t.word for t in inside[first : k + 1])
        if group not in heads:
            return group
    return None


def named_area(
    subject: str | None,
    text: str,
    span: tuple[int, int],
    names: Sequence[tuple[int, int]],
    previous: str | None,
) -> str | None:
    """The place a whole-area word (全市: role ``whole_area``) stands for, where the sentence
    (``span``: from its start to the figure, or whole for the subject it carries) names it as
    its topic (在某市，…全市共有…), writes a name right before it (宁波全市: both, as written),
    names one place of the area's level (全市…，而当时某某市…; not a part listed after the
    figure: 全市80所，其中某市12所), or the previous sentence (at a
    paragraph's start: the previous paragraph) has it as its subject (``previous``) with the
    area's level (某市…。全市…): the entity the figure is about (ANNOTATION.md §8); else None."""
    if subject not in role_words("whole_area"):
        return None
    start, end = span
    opening = start
    while opening < len(text) and text[opening].isspace():
        opening += 1
    if place := place_clause(text, opening, names):
        return place
    # 宁波全市, 某省全省: the name right before the word names the area, written with it
    right = [
        text[s : e + len(subject)]
        for s, e in names
        if start <= s and e < end and text.startswith(subject, e)
    ]
    if right:
        return right[-1]
    level = {
        text[s:e]
        for s, e in names
        if start <= s and e <= end and e - s >= 2 and text[s:e].endswith(subject[-1])
    }
    if len(level) == 1:
        return level.pop()
    if previous and previous.endswith(subject[-1]) and previous not in subject_words():
        return previous
    return None


def place_clause(text: str, at: int, names: Sequence[tuple[int, int]]) -> str | None:
    """The name that the clause at ``at`` consists of after a one-character preposition of
    role ``opens_adverbial`` (在某市，…): the place of the figures after it; else None."""
    if at >= len(text) or text[at] not in role_words("opens_adverbial"):
        return None
    end = next((e for s, e in names if s == at + 1), None)
    return text[at + 1 : end] if end is not None and text[end : end + 1] in COMMAS else None


def not_agents(
    text: str,
    words: Sequence[Token],
    hi: int,
    figures: Sequence[Figure],
    names: Sequence[tuple[int, int]],
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of a sentence (its words, its end ``hi``, its figures, the names in it) whose names
    are never the subject of a figure: objects of a recipient preposition, members of a counted
    list, modifiers of the noun a count counts (9个东南亚国家), and references of a comparison or
    share; and, apart, the objects of its verbs (:func:`objects_of_verbs`), which only the
    subject it carries skips."""
    if not words:
        return [], []
    owner, starts = _owners(names), [f.start for f in figures]
    counts = {f.end for f in figures if f.kind is FigureKind.COUNT}
    said = {w.word for w in words}  # a rule whose function words the sentence lacks finds none
    return (
        (
            recipient_objects(text, words, hi, starts)
            if said & role_words("recipient_preposition")
            else []
        )
        + (_members(words, starts, owner) if said & role_words("closes_list") else [])
        + (_modifiers(words, names, owner) if owner and said & role_words("attributive") else [])
        + [(s, e) for s, e in names if s in counts]  # 9个 + 东南亚 + 国家: part of the noun
        + _references(text, words, hi, starts)
        + bracket_asides(text, words[0].start, hi)  # 某市(含某县): the bracket's names
    ), objects_of_verbs(text, words, hi, owner)


def _references(
    text: str, words: Sequence[Token], hi: int, figures: Sequence[int]
) -> list[tuple[int, int]]:
    """From a word that opens a comparison or a share (比, 较, 高于: roles ``compares``,
    ``outpaces``; 占: ``share_verb``) to the clause's next figure: a name there is the
    reference compared with or the whole (占全国总量的12%, 比全省高2个百分点), never what the
    figure is about (ANNOTATION.md §8)."""
    opens = role_words("compares") | role_words("outpaces") | role_words("share_verb")
    spans = []
    for word in words:
        if word.word in opens:
            found = CLAUSE_END.search(text, word.end, hi)
            end = hi if found is None else found.start()
            after = [f for f in figures if word.end <= f < end]
            if after:
                spans.append((word.start, after[0]))
    return spans


def _modifiers(
    words: Sequence[Token], names: Sequence[tuple[int, int]], inside: Mapping[int, int]
) -> list[tuple[int, int]]:
    """A verb and its object, nouns and names only, closed by 的, after a name in its clause
    (某省纳入某部信息平台的项目): a modifier of the noun after it; a name there is the verb's
    object, not the agent, which the clause names before (not 每天经停某市的动车: the place
    the count is about)."""
    spans = []
    named = False  # a name opens a word since the last punctuation (jieba ``x``)
    for k, word in enumerate(words):
        if word.pos == "x":
            named = False
            continue
        if word.start in inside:
            named = True
            continue
        if word.pos != "v" or not named:
            continue
        for after in words[k + 1 :]:
            if after.word in role_words("attributive"):
                if any(word.end <= s and e <= after.start for s, e in names):
                    spans.append((word.start, after.end))
                break
            if not (after.start in inside or after.pos.startswith(("n", "j", "eng"))):
                break
    return spans


def objects_of_verbs(
    text: str, words: Sequence[Token], hi: int, inside: Mapping[int, int]
) -> list[tuple[int, int]]:
    """The rest of each clause from its first predicate verb: a name there is the verb's object
    (深入落实某市战略部署，本市与某大学合作…), not the sentence's grammatical subject that later
    clauses share.  A verb (jieba ``v``) inside a name or a bracket does not count, nor one of a
    modifier, which 的 closes before the next verb (昨日闭幕的某某会, 位于某区的基地), nor a copula
    right after 的 (利润最高的是某集团: the focus)."""
    spans = []
    clause_end, depth = -1, 0  # inside: the positions of the sentence's names (_owners)
    # no bracket in the words' text: the depth stays 0 (a word is the text it spans)
    plain = not _BRACKETS.search(text, words[0].start, words[-1].end) if words else True
    # with no bracket only the verbs need a step (most sentences)
    steps = [k for k, w in enumerate(words) if w.pos == "v"] if plain else range(len(words))
    for k in steps:
        word = words[k]
        if not plain and not word.word.isalnum():  # Han, letters and digits: no bracket
            depth += _bracket_depth(word.word)
        if word.start < clause_end or word.pos != "v" or depth > 0:
            continue
        if word.start in inside or _cleft(words, k) or word.word in role_words("reports_speech"):
            continue  # (某组织称某国…: a verb of saying opens a clause with its own subject)
        found = CLAUSE_END.search(text, word.end, hi)
        end = hi if found is None else found.start()
        if _modifier(words, k + 1, end, inside):
            continue
        clause_end = end
        spans.append((word.start, clause_end))
    return spans


def _cleft(words: Sequence[Token], k: int) -> bool:
    """The copula ``words[k]`` right after 的 (利润最高的是某集团，全年实现净利润…): what it names is the
    focus, the topic the next clauses share, not an object."""
    return (
        k > 0
        and words[k].word in role_words("copula")
        and words[k - 1].word in role_words("attributive")
    )


_BRACKETS = re.compile(r"[(（)）]")


def _bracket_depth(word: str) -> int:
    """How many brackets ``word`` opens less how many it closes."""
    if word.isalnum():  # Han characters, letters and digits only: most words
        return 0
    return sum(map(word.count, "(（")) - sum(map(word.count, ")）"))


def _modifier(words: Sequence[Token], after: int, end: int, inside: Mapping[int, int]) -> bool:
    """The words from ``words[after]``, after a verb, up to ``end`` and not starting ``inside``
    a name, reach 的 before another verb: the verb modifies a noun."""
    for at in range(after, len(words)):
        word = words[at]
        if word.end > end:
            return False
        if word.start in inside:
            continue
        if word.word in role_words("attributive"):
            return True
        if word.pos == "v":
            return False
    return False


def _owners(names: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Each position inside the spans ``names`` → the start of the first name holding it: a word
    starting at one is inside that name."""
    return {at: s for s, e in reversed(names) for at in range(s, e)}


def _members(
    words: Sequence[Token], figures: Sequence[int], owner: Mapping[int, int]
) -> list[tuple[int, int]]:
    """Lists closed by 等 before a count (甲公司、乙公司等12家企业挂牌): their names are members of
    the counted set, which is about the place or company that holds them (ANNOTATION.md §8:
    aggregated batches get the place that holds them).  The list runs back over names, nouns
    and enumeration commas to any other word (a verb, a preposition, a clause's comma)."""
    spans, closes = [], role_words("closes_list")
    for k, word in enumerate(words):
        if word.word not in closes or word.end not in figures:
            continue
        start = word.start
        for before in reversed(words[:k]):
            if before.end > start:
                continue  # inside a name already taken
            name = owner.get(before.start)
            if name is not None:
                start = min(start, name)
            elif _in_list(before):
                start = before.start
            else:
                break
        if start < word.start:
            spans.append((start, word.end))
    return spans


def _in_list(word: Token) -> bool:
    """A word of a list: a noun, abbreviation, numeral, adjective, Latin word, the enumeration
    comma or a quote (jieba tags punctuation ``x``)."""
    if word.pos == "x":
        return all(c in "、" + QUOTES for c in word.word)
    return word.pos[:1] in ("n", "j", "m", "q", "a", "e")


@lexicon_cache
def _inner_places() -> tuple[str, ...]:
    """Words between a place and a place inside it (首都, 南部), the longest first."""
    words = role_words("capital_of") | role_words("part_of_place")
    return tuple(sorted(words, key=len, reverse=True))


def subject_in(
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
    (在县委的领导下)."""
    meetings = _meetings()
    found = [
        (e, s) for s, e in entities if lo <= s and e <= hi and not text.endswith(meetings, s, e)
    ]
    # a subject word inside a name (公司 of 华润电力有限公司) is part of that name; one that ends
    # or starts inside a word is none (该行 of 该行业, 全市 of 全市场, 全市 of 安全市场)
    found += [
        (m.end(), m.start())
        for m in subject_pattern().finditer(text, lo, hi)
        if not any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in entities)
        and stands_alone(text, m.start(), m.end())
    ]
    if not found:
        return None
    if exclude:
        found = [(e, s) for e, s in found if not any(a <= s and e <= b for a, b in exclude)]
    # 某集团已在某国投资建立…: a name right after a preposition, with a name before it in the
    # span, is where or by what the agent acts, not the agent
    openers = _openers()
    found = [
        (e, s)
        for e, s in found
        if not (text.endswith(openers, lo, s) and any(e2 <= s for e2, _ in found))
    ]
    if not found:
        return None
    end, start = min(found, key=lambda f: f[1]) if leftmost else max(found)
    # 美国首都华盛顿, 美国南部得克萨斯州: a country's capital or a place in a part of it named
    # after it (roles capital_of, part_of_place) is the place meant
    capital = next((w for w in _inner_places() if text.startswith(w, end)), None)
    if capital and (named := next(((e, s) for e, s in found if s == end + len(capital)), None)):
        end, start = named
    # 我国 + 大陆地区: a subject word and a place right after it are one subject
    words = subject_words()
    if text[start:end] not in words:  # a place a subject word opens
        start = next((s for e, s in found if e == start and text[s:e] in words), start)
    elif after := next((e for e, s in found if s == end and text[s:e] not in words), None):
        end = after  # a subject word a place follows
    return text[start:end]


def scoped_agent(
    text: str, subject: str, metric: str, metric_start: int, words: Sequence[Token]
) -> tuple[str, str, int] | None:
    """The subject, the indicator and where it starts, where the indicator opens with a noun
    phrase that ends with an institution's head (role ``institution_head``: 机关, 部门, 法院) and
    a verb or adverb follows it, right after ``subject`` or after it and a distributive pronoun
    (各级, 各地): the institutions of the area act, and are the figure's subject (ANNOTATION.md
    §8: the entity the figure is about).  全国/公安机关共破获…案件 → (全国公安机关,
    破获…案件, where 破获 starts); not 全省/金融机构贷款余额 (a noun follows: the indicator's phrase)
    nor 某省党政机关帮扶的企业 (their verb modifies the indicator's noun).  Else None."""
    heads = role_tuple("institution_head")
    inside = tokens_between(words, metric_start, len(text))
    k = 0
    while k < _MAX_PHRASE and k < len(inside) and inside[k].pos.startswith(_PHRASE_POS):
        if inside[k].pos == "nr":
            return None
        k += 1
        if inside[k - 1].word.endswith(heads):
            break
    else:
        return None
    if k >= len(inside) or not inside[k].pos.startswith(("v", "d")) or inside[k].pos == "vn":
        return None  # no predicate after the institutions: a phrase of the indicator
    phrase = text[metric_start : inside[k - 1].end]
    if not metric.startswith(phrase) or len(metric) == len(phrase):
        return None
    if any(w in metric[len(phrase) :] for w in role_words("attributive")):
        return None  # 某省党政机关帮扶的企业: the institutions' verb is inside a modifier
    lo = metric_start
    pronoun = token_ending(words, metric_start)
    if pronoun is not None and pronoun.pos == "r" and pronoun.word[0] == "各":
        lo = pronoun.start  # 全省各级/法院
    if not text.startswith(subject, lo - len(subject)):
        return None
    return text[lo - len(subject) : inside[k - 1].end], metric[len(phrase) :], inside[k].start


_PHRASE_POS = ("n", "j", "b")  # nouns (not names of persons), abbreviations, distinguishers
_MAX_PHRASE = 3
