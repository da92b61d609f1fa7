"""Edges of place spans that the model draws inside one place or across two: a province and the
region word after it (澳门 + 地区 is the province; 江西 + 东部地区 is the province and a part of
it, two places), and a place with the facility that it names (霞湾 + 新港, 宜宾 + 船闸: one
port, one lock; ANNOTATION.md §11).  ``stages`` applies them to the spans of ``apply_lexicons``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.gazetteer import is_place_name, org_heads, province_names
from cnews_ie.lexicons import WordSet, lexicon_cache, role_word_set, role_words
from cnews_ie.patterns import CJK

__all__ = [
    "abbreviated_roads",
    "described_parks",
    "facility_places",
    "province_regions",
    "shared_chain_parts",
    "urban_areas",
    "zone_places",
]

Span = tuple[str, int, int, str]  # label, start, end, source

_PLAIN_REGION = "地区"
_PART = "部"  # 东部, 中部, 西南部: a part of the place before it
_DIRECTIONS = frozenset("东西南北中")
_HAN = re.compile(f"[{CJK}]+")


def _province_at(text: str, start: int, end: int) -> int | None:
    """End of the longest province name or short form that starts the span (湖南, 湖南省)."""
    names = province_names()
    for stop in range(min(end, start + 8), start + 1, -1):
        if text[start:stop] in names:
            return stop
    return None


def province_regions(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each place span of a province and 地区 or a park head (``park_head``) cut to
    the province (贵州地区 → 贵州: a province is whole without the word; 浙江园区 → 浙江), and a
    province followed by a direction part and 地区 cut in two (江西 + 东部地区); other spans as
    they are."""
    parks = role_words("park_head")
    out: list[Span] = []
    for label, s, e, src in spans:
        name = text[s:e]
        cut = _province_at(text, s, e) if label == "LOC" else None
        if cut is not None and text[cut:e] in parks:
            out.append((label, s, cut, src))  # 浙江 + 园区: the province's parks
            continue
        if cut is None or not name.endswith(_PLAIN_REGION):
            out.append((label, s, e, src))
            continue
        part = text[cut : e - len(_PLAIN_REGION)]
        if not part:
            out.append((label, s, cut, src))
        elif part.endswith(_PART) and set(part[:-1]) <= _DIRECTIONS and len(part) <= 3:
            out.extend(((label, s, cut, src), (label, cut, e, src)))
        else:
            out.append((label, s, e, src))
    return out


def facility_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """Place spans for a place and the facility head right after it (``facility_head``: 新港,
    船闸, 货场), whether the head is a place span of its own (霞湾 + 新港) or untagged text
    (宜宾 + 船闸); not after a province (湖南 + 码头 is the province's docks).  The overlap
    policy keeps the longest."""
    heads = role_word_set("facility_head")
    places = {(s, e) for label, s, e, _ in spans if label == "LOC"}
    out: list[Span] = []
    for label, s, e, src in spans:
        if label != "LOC" or e - s < 2 or _province_at(text, s, e) == e:
            continue
        head = heads.longest_prefix(text, e)
        if head is None or heads.longest_prefix(text, s) is not None:
            continue
        if (e, e + len(head)) in places or not any(a == e for a, _ in places):
            out.append(("LOC", s, e + len(head), src))
    return out


_MAX_ZONE_MODIFIER = 6  # characters between a place and its zone head (特殊, 经济技术)


@lexicon_cache
def _zone_heads() -> WordSet:
    return WordSet(role_words("administered_zone") | role_words("park_head"))


def zone_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """Place spans for a place and the zone or park it names right after it, its head a word of
    role ``administered_zone`` or ``park_head`` (青河 + 综合保税区, 青河 + 跨境综合保税区: one zone;
    ANNOTATION.md §11), with at most a few common modifiers between them (jieba's nouns,
    adjectives and distinguishing words, no name, no digit); not after a province (湖南 + 自贸区
    is the province's), nor where a span starts right after the place (its own name).  The
    overlap policy keeps the longest."""
    heads = _zone_heads()
    starts = {s for _, s, _, _ in spans}
    out: list[Span] = []
    for label, s, e, src in spans:
        if label != "LOC" or e - s < 2 or _province_at(text, s, e) == e or e in starts:
            continue
        if heads.longest_suffix(text[s:e]) is not None:
            continue  # a zone already
        for stop in range(e, min(len(text), e + _MAX_ZONE_MODIFIER) + 1):
            head = heads.longest_prefix(text, stop)
            if head is not None and _modifiers(text[e:stop]):
                out.append(("LOC", s, stop + len(head), src))
                break
    return out


_MODIFIER_TAGS = ("n", "vn", "b", "a", "j")  # 特殊/a, 综合/vn, 经济/n, 高端/b: no verb, adverb


def _modifiers(words: str) -> bool:
    """Whether ``words`` (between a place and a zone head) are common nouns, verbal nouns,
    distinguishing words and adjectives alone (特殊, 经济技术; not 也在加快: a predicate), or
    none."""
    from cnews_ie.backends.jieba_backend import tagged_words

    tagged = tagged_words(words) if words else []
    return all(_common(word, pos) and pos.startswith(_MODIFIER_TAGS) for word, pos in tagged)


# jieba's tags of names: places, people, organisations, other proper nouns, abbreviations
_NAME_TAGS = ("ns", "nr", "nt", "nz", "j", "eng")


def described_parks(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` without the place or organisation spans of a park head (``park_head``) after
    words that jieba reads as common words only (电子信息 + 产业园, 新材料 + 产业园: a park
    described by its industry, no name, whatever the model's type); a park with a name among
    its modifiers (江州循环经济产业园, 青岚生态产业园) stays.  Likewise an organisation span of
    an organisation head after common words, one of them a distinguishing word (jieba's ``b``:
    民营 + 医院, 非营利性 + 医院, 大型国有 + 企业) or an attribute in 性 (营利性 + 医院): a kind of
    body, no name (ANNOTATION §10), unless jieba knows the whole span as a word (工商银行)."""
    from cnews_ie.backends.jieba_backend import jieba_module

    heads = role_word_set("park_head")  # the longest head a span ends with
    out: list[Span] = []
    for span in spans:
        label, s, e, _ = span
        head = heads.longest_suffix(text[s:e]) if label != "PER" else None
        words = text[s : e - len(head)] if head is not None else ""
        if words and all(_common(w.word, w.flag) for w in jieba_module().posseg.lcut(words)):
            continue
        if label == "ORG" and _kind_of_body(text[s:e]):
            continue
        out.append(span)
    return out


def _common(word: str, pos: str) -> bool:
    """A word of Chinese characters that jieba tags as no name (电子信息, 民营)."""
    return not pos.startswith(_NAME_TAGS) and _HAN.fullmatch(word) is not None


def _kind_of_body(name: str) -> bool:
    """Whether ``name`` is common words of jieba's dictionary, a distinguishing word among
    them, and an organisation head (民营医院), and no word of the dictionary as a whole."""
    from cnews_ie.backends.jieba_backend import jieba_module, tagged_words

    head = org_heads().longest_suffix(name)
    if head is None or len(head) == len(name) or name in jieba_module().dt.FREQ:
        return False
    words = tagged_words(name[: -len(head)])
    # a distinguishing word (民营, 私立) or an attribute in 性 (营利性, 公益性); no word outside
    # the dictionary (x: a name the dictionary does not know)
    return any(pos == "b" or word.endswith("性") for word, pos in words) and all(
        pos != "x" and _common(word, pos) for word, pos in words
    )


def abbreviated_roads(text: str, spans: Sequence[Span]) -> list[Span]:
    """Place spans for a road or railway named by a run of two or more one-character place
    spans (the abbreviations of the places it joins) and a road head (``road_head``): 京 + 广 +
    高铁, 京 + 港 + 澳 + 高速.  A compound abbreviation with no road head stays no place (中美,
    ANNOTATION.md §11); a road in a project name goes with the project (stages.projects)."""
    heads = role_word_set("road_head")
    single = {s: src for label, s, e, src in spans if label == "LOC" and e - s == 1}
    out: list[Span] = []
    for s, src in single.items():
        if s - 1 in single:
            continue  # not the first of a run
        end = s + 1
        while end in single:
            end += 1
        head = heads.longest_prefix(text, end)
        if end - s >= 2 and head is not None:
            out.append(("LOC", s, end + len(head), src))
    return out


_CITY = "市"
_AREA = "区"
_AREA_REACH = 4  # characters after 区 that jieba reads with it: 区 + 县, 区 + 域


def urban_areas(text: str, spans: Sequence[Span]) -> list[Span]:
    """Place spans for a city's urban area: a place span ending in 市 and a 区 after it that
    jieba reads as no word with what follows (柳州市 + 区 的: 市区), not 区县 (the city's
    districts and counties), 区域, 区划.  The overlap policy keeps the longest."""
    from cnews_ie.backends.jieba_backend import jieba_module

    out: list[Span] = []
    for label, s, e, src in spans:
        if label != "LOC" or e - s < 3 or text[e - 1] != _CITY or not text.startswith(_AREA, e):
            continue
        at = s
        for word in jieba_module().lcut(text[s : e + 1 + _AREA_REACH]):
            if at >= e:
                if at == e and word in (_AREA, _CITY + _AREA):
                    out.append(("LOC", s, e + 1, src))
                break
            if at + len(word) == e + 1 and word.endswith(_CITY + _AREA):
                out.append(("LOC", s, e + 1, src))  # jieba's word ends with 市区
                break
            at += len(word)
    return out


_LEVEL_ENDS = frozenset("县区镇乡村旗")  # the levels below a prefecture that a list shares


def shared_chain_parts(
    text: str, spans: Sequence[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """A chain whose last part is the first of a 、-list of places of its level, as its parts
    (某镇甲村、乙村: the township is shared by both villages, so it is named on its own, and 甲村
    is one of the villages): a place span that starts with a division name and has two characters
    or more after it, right before 、 and a place span that ends with the same level character."""
    starting = {s: e for label, s, e in spans if label == "LOC"}
    out: list[tuple[str, int, int]] = []
    for label, s, e in spans:
        after = starting.get(e + 1) if text[e : e + 1] == "、" else None
        if (
            label == "LOC"
            and after is not None
            and text[after - 1] == text[e - 1]
            and text[e - 1] in _LEVEL_ENDS
        ):
            cut = next((k for k in range(e - 2, s + 1, -1) if is_place_name(text[s:k])), None)
            if cut is not None:
                out += [("LOC", s, cut), ("LOC", cut, e)]
                continue
        out.append((label, s, e))
    return out
