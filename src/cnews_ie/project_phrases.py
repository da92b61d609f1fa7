"""Tests that make a project phrase no name: a category (亿元以上项目, 河南PPP项目), a count
(签约28个项目, 引进外资项目12个), a collection (…项目管理库, …项目总数), a ranking description
(第一条现代化铁路), a park after a copula (金昌市是…生产基地).  ``projects.py`` asks them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.patterns import (
    BRACKETS,
    CJK,
    CLAUSE_END,
    CLAUSE_END_CHARS,
    COMMAS,
    QUOTES,
    alternation,
)
from cnews_ie.periods import period_pattern
from cnews_ie.records import Figure, FigureKind
from cnews_ie.topics import NAME_TAGS, _proper
from cnews_ie.work import Token

__all__ = [
    "NAME_BOUNDARY",
    "a_count",
    "counted_after",
    "described",
    "distance",
    "generic_only",
    "han_gap",
    "in_route",
    "ordinal_count",
    "part_of_named",
    "predicate_word",
    "proper_inside",
    "quantifier",
    "unknown_name_pieces",
]


@lexicon_cache
def _generic() -> frozenset[str]:
    words = {row[0] for row in table("project_generic", 1)} | {
        row[0] for row in table("subjects", 1)
    }
    return frozenset(words)


@lexicon_cache
def _generic_pattern() -> re.Pattern[str]:
    return re.compile(alternation(_generic()))


# Verbs, idioms and fixed phrases (jieba v, vn, i, l): they govern a name or say what its subject
# does; a name does not start with one (建设 + 年产30万吨…生产线, 克服困难 + 保障 + …).
PREDICATE_POS = ("v", "i", "l")
# jieba's dictionary tags some four-character phrases as person names (nr); one made of two
# dictionary words, the second a verb, says how something is done (a manner word + a verb,
# two verbs): it is a predicate, no name.
_PHRASE_HALVES = ("a", "ad", "d", "v", "vn")


def predicate_word(word: str, pos: str) -> bool:
    """Whether a jieba word is a predicate: tagged a verb, idiom or fixed phrase, or a
    four-character phrase tagged a name whose halves are a manner word or verb and a verb
    (隆重 + 举行, 保驾 + 护航)."""
    if pos.startswith(PREDICATE_POS):
        return True
    if pos != "nr" or len(word) != 4:
        return False
    from cnews_ie.backends.jieba_backend import jieba_module

    tags = jieba_module().posseg.dt.word_tag_tab
    first, second = tags.get(word[:2], ""), tags.get(word[2:], "")
    return first in _PHRASE_HALVES and second.startswith("v")


# a name does not run across punctuation (、 separates the items of a list)
NAME_BOUNDARY = frozenset(CLAUSE_END_CHARS + COMMAS + QUOTES + "‘’" + BRACKETS + "\n")
# a numeral in words and a classifier (一条, 两座, 三个): it counts what follows, in no name
_QUANTIFIER = re.compile(r"[一两二三四五六七八九十几]+[条座个项栋幢台套所处片家批]")


def quantifier(word: str, pos: str) -> bool:
    """Whether a word is a quantifier (新建一条 + 年产…生产线: the name starts after it).

    >>> quantifier("一条", "m"), quantifier("一期", "m"), quantifier("8", "m")
    (True, False, False)
    """
    return pos == "m" and _QUANTIFIER.fullmatch(word) is not None


_ROUTE = 8  # the longest place name after 至 in a route name


def in_route(text: str, at: int, head_start: int) -> bool:
    """``text[at:head_start]`` follows a 至 of a route name (A至B + head), within a place name's
    length and without punctuation."""
    connector = text.rfind("至", max(0, at - 1), at + 1)
    if connector < 0:
        connector = text.rfind("至", max(0, head_start - _ROUTE), at)
    return connector >= 0 and not any(c in NAME_BOUNDARY for c in text[connector:head_start])


CJK_CHAR = re.compile(f"[{CJK}]")
# Parts of speech of single characters that are function words, not pieces of a name
_FUNCTION_POS = ("u", "p", "c", "r", "d", "y", "e", "x", "m", "q", "f")
_PIECES = 3  # the shortest run of single characters read as one unknown name


def unknown_name_pieces(pairs: Sequence[tuple[str, str]]) -> frozenset[int]:
    """Indices of ``pairs`` (word, part of speech) in a run of three or more single Han
    characters none of which is a function word: a name jieba does not know, cut into
    characters whatever it tags them (诺 + 晶 + 动 + 保 + 产品…项目: 动, 保 are no verbs here)."""
    out: set[int] = set()
    run: list[int] = []
    for k, (word, pos) in enumerate([*pairs, ("", "x")]):
        if (
            len(word) == 1
            and CJK_CHAR.match(word)
            and not pos.startswith(_FUNCTION_POS)
            and word not in role_words("ends_project_name")  # 是, 的, 在: no piece of a name
        ):
            run.append(k)
            continue
        if len(run) >= _PIECES:
            out.update(run)
        run = []
    return frozenset(out)


def _known(word: str) -> bool:
    """Whether jieba's dictionary holds ``word``."""
    from cnews_ie.backends.jieba_backend import jieba_module

    return bool(jieba_module().dt.FREQ.get(word))


def han_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a space between two Han characters (新华社某地…电 +
    全国铁路): it ends a name; not a space beside a digit or a Latin word, as a PDF text layer
    writes them (公司 6 万吨…项目, 高端 PVDF 树脂)."""
    return (
        text[start:end].isspace()
        and CJK_CHAR.fullmatch(text[start - 1 : start]) is not None
        and CJK_CHAR.fullmatch(text[end : end + 1]) is not None
    )


def proper_inside(tokens: Sequence[Token], start: int, end: int, *, opens: bool = False) -> bool:
    """Whether a word of ``[start, end)`` (with ``opens``, the name's first) is a proper noun
    jieba tags as a name and knows as no common word or term (卡萨 + 铁路, 柳坪 + 支线项目), or
    (with ``opens``) the name opens with a run of single characters one of which is tagged a
    name, or with three or more that are no function words (``unknown_name_pieces``): a name
    jieba does not know, cut into characters; an opening word must be unknown to
    jieba's dictionary too.  The name names something."""
    words = [t for t in tokens if start <= t.start and t.end <= end]
    pieces = unknown_name_pieces([(t.word, t.pos) for t in words])
    if not opens:
        return bool(pieces) or any(_proper(t) for t in words)
    if not words or words[0].start != start:
        return False
    if len(words[0].word) >= 2:  # 路基 (tagged a name too) is a dictionary word, 柳坪 none
        return _proper(words[0]) and not _known(words[0].word)
    run = list(takewhile(lambda t: len(t.word) == 1, words))
    return 0 in pieces or (len(run) >= 2 and any(t.pos in NAME_TAGS for t in run))


_PLACE_HEADS = ("基地", "园区", "产业园", "工业园", "示范区")


def distance(text: str, name: tuple[int, int], fig: Figure) -> tuple[bool, int]:
    """How far a figure is from a name: whether a clause's end lies between, then characters."""
    lo, hi = (fig.end, name[0]) if fig.end <= name[0] else (name[1], fig.start)
    return CLAUSE_END.search(text, lo, hi) is not None, hi - lo


_HEAD_BEFORE = re.compile(rf"(?:项目|工程)[{CJK}]{{0,2}}$")


@lexicon_cache
def _part_after_head() -> re.Pattern[str]:
    rows = table("project_heads", 2)
    heads = alternation(s for s, k in rows if k == "head")
    return re.compile(rf"(?:{heads})(?:{alternation(s for s, k in rows if k == 'part')})$")


def part_of_named(text: str, lo: int, head_start: int) -> bool:
    """A head right after another one and a word or two (…项目主体工程, …项目基地) or after a
    head and a part word (…泊位 + 主体 + 工程): it names a part of the work named before."""
    return bool(
        _HEAD_BEFORE.search(text, max(lo, head_start - 4), head_start)
        or _part_after_head().search(text, max(lo, head_start - 8), head_start)
    )


def described(text: str, lo: int, start: int, head: str) -> bool:
    """金昌市是中国镍钴生产基地: a base or park after a copula describes, it is not a project;
    nor is any phrase after a copula and a word of uniqueness in its clause (也是全省唯一一个在建
    的…码头项目: what the subject is, not a name)."""
    before = text[lo:start]
    if head.startswith(_PLACE_HEADS) and before.rstrip().endswith(role_tuple("copula")):
        return True
    clause = before[max((before.rfind(c) for c in CLAUSE_END_CHARS), default=-1) + 1 :]
    # 为 is also a preposition (为全省首个…项目提供贷款): only an unambiguous copula
    copulas = set(role_words("copula")) - set(role_words("recipient_preposition"))
    copula = max((clause.find(w) for w in copulas), default=-1)
    return copula >= 0 and any(w in clause[copula:] for w in role_words("unique_description"))


def generic_only(
    name: str, head: str, figures: Sequence[str] = (), places: Sequence[str] = ()
) -> bool:
    """Nothing but generic words, figures, places and periods before the head (3个项目,
    投资10亿元以上项目, 河南PPP项目, 全县2021年第二季度项目: a place or period gives a
    category its scope, not a name)."""
    rest = period_pattern().sub("", name[: len(name) - len(head)])  # 2020年第一季度项目
    for figure in (*figures, *places):
        rest = rest.replace(figure, "")
    rest = _generic_pattern().sub("", rest)  # in reading order: 新建 + 设, never by set order
    return not rest.strip().strip(QUOTES)  # “十四五”省列重大项目


def a_count(figures: Sequence[Figure], inside: Sequence[int]) -> bool:
    """A count of projects or bodies inside the phrase (签约28个项目, 9个省外项目, 认定62家园区):
    the phrase counts the head, it names nothing."""
    return any(
        figures[i].kind is FigureKind.COUNT and figures[i].unit in role_words("counts_projects")
        for i in inside
    )


@lexicon_cache
def ordinal_count() -> re.Pattern[str]:
    """An ordinal with a classifier (第一条, 第3座): the phrase ranks the thing it describes
    (老挝第一条电气化铁路), a name has an ordinal without one (第二污水处理厂)."""
    return re.compile(
        rf"第[0-9一二三四五六七八九十百]+(?:{alternation(role_words('counts_projects'))})"
    )


def counted_after(figures: Sequence[Figure], in_sentence: Sequence[int], end: int) -> bool:
    """A count of projects or bodies right after the head (引进外资项目12个): the phrase is a
    category with its count, as 12个外资项目 is."""
    return any(
        figures[i].start == end
        and figures[i].kind is FigureKind.COUNT
        and figures[i].unit in role_words("counts_projects")
        for i in in_sentence
    )
