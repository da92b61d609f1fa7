"""Place spans beyond the model's: regions after a place (东北 + 地区, 江州 + 循环经济 + 产业园),
region names of the gazetteer that modify no noun, administrative chains written contiguously
(辽宁省 + 沈阳市) and roads (济广 + 高速), as ``entities.apply_lexicons`` uses them; and the
model's place spans that are common words (:func:`common_word`: 枢纽, 太阳 of 太阳能)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from cnews_ie.gazetteer import is_place_name, province_before
from cnews_ie.lexicons import lexicon_cache, role_word_set, role_words, table
from cnews_ie.patterns import CJK, WORK_TITLE, alternation

__all__ = [
    "chains",
    "common_word",
    "extend_region",
    "in_work_titles",
    "join_abbreviations",
    "origin_modifier",
    "relative_direction",
    "roads",
    "station_start",
]

Span = tuple[str, int, int, str]  # label, start, end, source


def origin_modifier(text: str, end: int) -> bool:
    """A region right before a project or a class of companies says where they come from
    (大湾区项目, 大湾区企业): a modifier of the noun, not the region mentioned as a place."""
    return text.startswith(("项目", *role_words("organization_class")), end)


DIVISION_ENDS = frozenset("省市县区镇乡村州旗盟")  # the last character of a division's name
_FIRST_LEVEL_ENDS = frozenset("省州")  # a country's first-level divisions: 阿达纳省, 加利福尼亚州


_REGION_GAP = 7  # modifiers between a place and its region head: 淮河 + 生态 + 经济带


def extend_region(text: str, end: int) -> int:
    """New end of a place span that a region head follows, directly or after a few Chinese
    characters of modifiers (东北 + 地区, 长江 + 经济带, 粤湘 + 合作特别 + 试验区); not across a
    function word, and 地区 only directly after a name that is no division with its level nor a
    province (宜昌地区, not 永昌县 + 地区生产总值, not 内蒙古 + 地区); a region head right after
    the region's head names a zone of it and joins it too (某江城市带 + 承接产业转移示范区)."""
    pattern, longest = _region_heads()
    near = pattern.search(text, end, end + _REGION_GAP + longest)
    if near is None or near.start() > end + _REGION_GAP:
        return end  # no region head within reach (most places): one search, no step per gap
    heads = role_word_set("region_head")
    for gap in range(_REGION_GAP + 1):
        if gap and (
            not _CJK_CHAR.match(text, end + gap - 1)
            or text[end + gap - 1] in role_words("not_in_trade_name")
        ):
            break  # 西南及西藏地区: a conjunction, two places
        head = heads.longest_prefix(text, end + gap)
        if head in _PLAIN_REGION and (
            gap or text[end - 1] in DIVISION_ENDS or province_before(text, end)
        ):
            break  # 永昌县 + 地区生产总值, 内蒙古 + 地区: a division's name is whole without 地区
        if head is not None and (gap <= _PLAIN_GAP or _modifiers(text[end : end + gap])):
            end += gap + len(head)
            while (inner := heads.longest_prefix(text, end)) and inner not in _PLAIN_REGION:
                end += len(inner)  # a zone of a region: 沅澧城市带 + 承接产业转移示范区
            return end
    return end


@lexicon_cache
def _region_heads() -> tuple[re.Pattern[str], int]:
    """Any region head (role ``region_head``), and the length of the longest."""
    words = role_words("region_head")
    return re.compile(alternation(words)), max(map(len, words), default=0)


_PLAIN_GAP = 4  # up to four characters of modifiers are taken as they are (合作特别)
# jieba parts of speech that are no modifier of a region or park: verbs, time words, adverbs,
# numerals, pronouns, locatives (江州市 + 去年新引进 + 大湾区项目 is no place)
_NOT_MODIFIER_POS = ("v", "t", "d", "m", "r", "f", "p", "c", "u")


def _modifiers(words: str) -> bool:
    """``words`` are nouns or adjectives (高端不锈钢轻工), as the modifiers of a park are."""
    from cnews_ie.backends.jieba_backend import tagged_words

    return all(not pos.startswith(_NOT_MODIFIER_POS) for _, pos in tagged_words(words))


# 地区 after modifiers describes a part of the place (江西南部地区, 甘南高寒地区); 流域, a river's
# basin, is written right after the river (湟水流域; not 达坂山 + 进入湟水 + 流域)
_PLAIN_REGION = frozenset({"地区", "流域"})


_CJK_CHAR = re.compile(rf"[{CJK}]")


def _division_like(text: str, start: int, end: int) -> bool:
    return is_place_name(text[start:end]) or text[end - 1] in DIVISION_ENDS


def chains(text: str, spans: Sequence[Span]) -> list[Span]:
    """Administrative chains written contiguously, as one place: 辽宁省 + 沈阳市, 山东 + 菏泽,
    安徽省 + 郎溪县 + 涛城镇 + 凤河村, 上海 + 浦东国际机场 (place spans, each starting where the
    previous ends; the first is a division name or ends like one, or a province or state follows
    it (土耳其 + 阿达纳省); a later one is a division name or ends like one or is a name of
    three or more characters: not 济南 + 东拓; the parts stay spans of their own, and the overlap
    policy keeps the longest)."""
    places = sorted({(s, e): src for label, s, e, src in spans if label == "LOC"}.items())
    starting: dict[int, list[tuple[int, str]]] = {}
    for (s, e), src in places:
        starting.setdefault(s, []).append((e, src))
    ends = {e for (_, e), _ in places}
    out: list[Span] = []
    for (s, e), src in places:
        if s in ends or e not in starting:
            continue  # no chain's first part, or nothing written on after it
        if not (
            _division_like(text, s, e)
            or any(text[e2 - 1] in _FIRST_LEVEL_ENDS for e2, _ in starting.get(e, ()))
        ):
            continue  # not the first part of a chain (土耳其 + 阿达纳省: a province follows)
        end = e
        while True:
            nexts = [
                e2
                for e2, _ in starting.get(end, ())
                if e2 - end >= 3 or _division_like(text, end, e2)
            ]
            if not nexts:
                break
            end = max(nexts)
        if end > e:
            out.append(("LOC", s, end, src))
    return out


def roads(text: str, spans: Sequence[Span]) -> list[Span]:
    """Roads and railways named by a short place name and a road head (济广 + 高速, 京港 + 高铁),
    as one place; not a division with a road head (湖南 + 高速 is the province's roads, the place
    is 湖南) and not a one-character fragment (昆 of 沪昆).  A road in a project name goes with
    the project (stages.projects)."""
    heads = role_word_set("road_head")
    out: list[Span] = []
    for label, s, e, src in spans:
        road = heads.longest_prefix(text, e) if label == "LOC" else None
        if road is not None and e - s >= 2 and not _division_like(text, s, e):
            out.append(("LOC", s, e + len(road), src))
    return out


_STATION = "站"


def station_start(text: str, start: int, end: int) -> int:
    """New start of a place span that is a line and a station on it (地铁3号线 + 云门路站,
    京港高铁 + 临江站): the station is the place; the line is a road or a project of its own."""
    if end - start < 4 or text[end - 1] != _STATION:
        return start
    heads = role_word_set("road_head")
    for at in range(end - 3, start, -1):
        head = heads.longest_prefix(text, at)
        if head is not None and at + len(head) <= end - 2:
            return at + len(head)
    return start


# jieba's parts of speech of common words: nouns, verbs, adjectives, adverbs, distinguishing
# words, idioms and fixed phrases
_COMMON_POS = frozenset({"n", "v", "vn", "vd", "a", "an", "ad", "d", "b", "z", "i", "l"})


@lexicon_cache
def _common_words() -> frozenset[str]:
    return frozenset(row[0] for row in table("common_words", 3))


def common_word(name: str) -> bool:
    """Whether a place span's text is a common word and no place: not a division name, and a
    word that jieba's dictionary tags as a common noun, verb or adjective (枢纽, 门户) or that
    People's Daily writes as one though jieba tags it as a name (``resources/common_words.tsv``:
    太阳, 内河).

    >>> common_word("枢纽"), common_word("太阳"), common_word("信阳")
    (True, True, False)
    """
    if is_place_name(name):
        return False
    from cnews_ie.backends.jieba_backend import jieba_module

    pos = jieba_module().posseg.dt.word_tag_tab.get(name)
    return pos in _COMMON_POS or name in _common_words()


def join_abbreviations(text: str, spans: Sequence[Span]) -> list[Span]:
    """Place spans that a one-character place span directly precedes, joined to it, when the
    place span has three characters or more and is no division name: a one-character
    abbreviation starts the name (粤 + 湘合作特别试验区 → 粤湘合作特别试验区); two short spans stay
    apart (中 + 欧: a compound abbreviation, no place; ANNOTATION.md §11).  The joined spans
    are added; the overlap policy keeps the longest."""
    single = {s: src for label, s, e, src in spans if label == "LOC" and e - s == 1}
    return [
        ("LOC", s - 1, e, single[s - 1])
        for label, s, e, _ in spans
        if label == "LOC" and s - 1 in single and e - s >= 3 and not is_place_name(text[s:e])
    ]


def in_work_titles(text: str, spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The ``spans`` written inside the title of a document or book (《关于加快某江经济带建设的
    实施方案》) or inside a quoted honorary title (“中国有机茶之乡”: role ``honorary_head``): a
    place there is part of the title, not a place mentioned."""
    titles = [m.span() for m in WORK_TITLE.finditer(text)] if "《" in text else []
    if "“" in text:
        titles += [m.span() for m in _honorary().finditer(text)]
    return (
        {(s, e) for s, e in spans if any(a < s and e < b for a, b in titles)} if titles else set()
    )


@lexicon_cache
def _honorary() -> re.Pattern[str]:
    heads = alternation(role_words("honorary_head"))
    return re.compile(rf"“[{CJK}]{{2,16}}?(?:{heads})”")


_DIRECTIONS = frozenset("东西南北")


def relative_direction(name: str, start: int, place_ends: Collection[int]) -> bool:
    """Whether a place span is a direction written right after a place (南昌 + 西南: the part of
    that place, no place of its own); a direction standing alone may be one (北方)."""
    return set(name) <= _DIRECTIONS and start in place_ends
