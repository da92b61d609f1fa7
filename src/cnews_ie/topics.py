"""Names the recogniser missed that a figure may be about (ANNOTATION.md §8: the entity the
figure is about, copied from the passage), for linking only:

* the short form of an organisation's name (工行, 国开行, 亚投行: ``resources/
  org_abbreviations.tsv``, mined from raw news by ``tools/mine_org_abbreviations.py``), where
  it starts a word of the segmentation and ends one, or, opening a clause, ends inside a
  word whose rest is a function word (甲行为120亿元: jieba reads 行为; not 私建行为);
* the topic of a clause: a run of words jieba tags as proper nouns (``nr``, ``ns``, ``nt``,
  ``nz``; not a common word of ``resources/common_words.tsv``) that opens the clause, after
  its period, time words and quotes, and that a predicate follows, not a comma or conjunction
  (蓝湾电子上半年在华销售额为…; 近三年，某县整治河道46公里).  A place-like word (``ns``) that names no
  division is a compound abbreviation (亚欧, 中亚) that modifies the noun after it when a verb
  follows that noun: the two are the name (亚欧航线今年运送旅客…), and so are the same words
  opening another clause of the text (亚欧航线全年客运收入…); else it is none (惠及: a verb jieba tags as a
  place).

* a person the model found, shaped as a name, that opens a clause holding a figure with no
  verb of saying after it and no colon before it (某某今年向家乡捐资1200万元: a person's figure;
  not 编辑：某某).

No topic is followed by a verb of saying (某某强调，…: a speaker).

None but the persons overlaps a name the model or the gazetteer found (``taken``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cnews_ie.bounds import sentence_periods
from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CLAUSE_END_CHARS, QUOTES, alternation
from cnews_ie.person_names import name_shaped
from cnews_ie.places import common_word
from cnews_ie.spans import SpanIndex
from cnews_ie.work import Token

__all__ = ["abbreviation_spans", "clause_openings", "forget_openings", "topic_names"]

NAME_TAGS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg"})
_FUNCTION_TAGS = ("p", "c", "u", "d", "r")  # jieba tags of function words (为, 和, 的, 也, 其)
_OPENING_TAGS = frozenset({"t", "x"})  # time words; quotes and spaces (checked below)
# a verb, adverb, preposition, common noun, numeral, adjective, 的, a fixed phrase or a time word
_PREDICATE_TAGS = frozenset({"v", "vd", "vn", "d", "p", "n", "j", "m", "a", "ad", "uj", "l", "t"})
# jieba's tags of common words (a term is made of them): places.py's, abbreviations, time
# words, localisers, conjunctions and prepositions (今天 + 下午, 党 + 和 + 国家)
_TERM_TAGS = frozenset(
    {"n", "v", "vn", "vd", "a", "an", "ad", "d", "b", "z", "i", "l", "j", "t", "f", "c", "p"}
)


@lexicon_cache
def _abbreviations() -> re.Pattern[str] | None:
    words = [row[0] for row in table("org_abbreviations", 4)]
    return re.compile(alternation(words)) if words else None


def abbreviation_spans(
    text: str, words: Sequence[Token], openings: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """The short forms of organisation names written in the sentence of ``words``
    (``openings``: its clauses' openings, :func:`clause_openings`, where already found)."""
    pattern = _abbreviations()
    if not words or pattern is None:
        return []
    from cnews_ie.backends.jieba_backend import jieba_module

    tags = jieba_module().posseg.dt.word_tag_tab
    starts: set[int] = set()  # the words' starts and ends, once a short form is written
    ends: dict[int, Token] = {}
    opening: set[int] | None = None
    spans = []
    for m in pattern.finditer(text, words[0].start, words[-1].end):
        if not starts:
            starts, ends = {w.start for w in words}, {w.end: w for w in words}
        if m.start() not in starts:
            continue
        if m.end() not in ends:
            if opening is None:
                found = clause_openings(text, words) if openings is None else openings
                opening = {words[k].start for k in found if k < len(words)}
            if m.start() not in opening:
                continue  # 私建行为: a word of its own unless a clause's topic is expected
            word = next((w for w in words if w.start < m.end() < w.end), None)
            rest = text[m.end() : word.end] if word else ""
            if not rest or not tags.get(rest, "").startswith(_FUNCTION_TAGS):
                continue
        spans.append(m.span())
    return spans


# A sentence's clause openings, by the identity of its stored words (the entry holds the words,
# so their id is not reused while it lives): six rules read them for every segmented sentence.
# The link stage forgets them after each text (``forget_openings``): kept, up to 4,096
# sentences' words stayed alive between texts, and every full garbage collection walked them.
_OPENINGS: dict[int, tuple[Sequence[Token], list[int]]] = {}
_MAX_OPENINGS = 4096


def forget_openings() -> None:
    """Drop the clause openings found so far (their words with them): no later text reads
    them, since they are looked up by the identity of a text's own words."""
    _OPENINGS.clear()


def clause_openings(
    text: str, words: Sequence[Token], written: Sequence[re.Match[str]] | None = None
) -> list[int]:
    """Where each clause of a sentence starts (an index into ``words``), after its period, time
    words, quotes and spaces (``written``: the sentence's periods, where found already).  Found
    once for a sentence's stored words; callers only read the list."""
    hit = _OPENINGS.get(id(words))
    if hit is not None and hit[0] is words:
        return hit[1]
    found = _openings(text, words, written)
    if len(_OPENINGS) >= _MAX_OPENINGS:
        _OPENINGS.clear()
    _OPENINGS[id(words)] = (words, found)
    return found


def _openings(
    text: str, words: Sequence[Token], written: Sequence[re.Match[str]] | None
) -> list[int]:
    if written is None:
        written = sentence_periods(text, words[0].start, words[-1].end)
    periods = [m.span() for m in written]
    found = []
    k, n = 0, len(words)
    while k < n:
        while k < n and (
            (periods and any(s <= words[k].start < e for s, e in periods))
            or (words[k].pos in _OPENING_TAGS and _opening_filler(words[k]))
        ):
            k += 1
        found.append(k)
        while k < n and words[k].word not in CLAUSE_END_CHARS:
            k += 1
        k += 1
    return found


def _opening_filler(word: Token) -> bool:
    """A time word, or a quote or space (jieba tags both ``x``) before a clause's topic."""
    return word.pos == "t" or all(c in QUOTES or c.isspace() for c in word.word)


def _proper(word: Token) -> bool:
    """A word jieba tags as a name that is neither a common word nor a term; one it tags as an
    organisation's name that opens with a place's may be a term (中国移动: 中国 + 移动; not
    公共财政)."""
    return (
        word.pos in NAME_TAGS
        and not common_word(word.word)
        and ((word.pos == "nt" and _placed(word.word)) or not _term(word.word))
    )


def _placed(word: str) -> bool:
    """Whether ``word`` opens with a word of two characters or more that jieba's dictionary
    tags as a place's name, with two characters or more after it (中国 + 移动, 北京 + 银行)."""
    from cnews_ie.backends.jieba_backend import jieba_module

    tags = jieba_module().posseg.dt.word_tag_tab
    return any(tags.get(word[:k]) == "ns" for k in range(2, len(word) - 1))


def _term(word: str) -> bool:
    """Whether jieba's dictionary also spells ``word`` as two or more common words, one of two
    characters or more (新兴 + 产业, 无人 + 驾驶, 高新 + 区, 今天 + 下午), or ``word`` opens with a
    pronoun or holds a numeral word (这三项, 新一轮): a term it tags as a name, no name (中信,
    华为 split only into single characters)."""
    from cnews_ie.backends.jieba_backend import jieba_module

    jieba = jieba_module()
    freq, tags = jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab
    if tags.get(word[0]) == "r" or any(
        tags.get(word[i:j]) == "m" for i in range(len(word)) for j in range(i + 2, len(word) + 1)
    ):
        return True  # 这三项, 新一轮: a determiner or a numeral word inside, no name
    reached = {0: False}  # position → whether a piece of two characters or more led there
    for i in range(len(word)):
        if i not in reached:
            continue
        for j in range(i + 1, len(word) + 1):
            piece = word[i:j]
            if j - i < len(word) and freq.get(piece) and tags.get(piece) in _TERM_TAGS:
                reached[j] = reached.get(j, False) or reached[i] or j - i >= 2
    return reached.get(len(word), False)


_COLONS = frozenset("：:")
_LEVELS = ("市", "县", "区")  # a county's or district's name without its level word (启东)


def _division(word: str) -> bool:
    """A division's name, or a county's or district's without its level word (启东 of 启东市)."""
    return is_place_name(word) or any(is_place_name(word + level) for level in _LEVELS)


def _localised(after: Sequence[Token]) -> bool:
    """The nouns after a name end with a localiser (上, 中, 内: jieba ``f``): the name opens a
    locative adverbial (某会开幕式上), not a clause's topic."""
    for word in after:
        if word.pos == "f":
            return True
        if not word.pos.startswith(("n", "j", "vn")):
            return False
    return False


def _speaks(words: Sequence[Token], k: int) -> bool:
    """Whether the first verb from ``words[k]`` to its clause's end is one of saying or
    publishing (roles ``reports_speech``, ``reports_publicly``): the name before is a speaker
    (某某老师说，…; 某某在论坛上公布了…), the source of the figures after, not their subject."""
    verb = next((w for w in words[k:] if w.pos == "v" or w.word in CLAUSE_END_CHARS), None)
    speech = role_words("reports_speech") | role_words("reports_publicly")
    return verb is not None and verb.word in speech


def _person_topics(
    text: str,
    words: Sequence[Token],
    openings: Sequence[int],
    starts: Mapping[int, int],
    figures: Sequence[int],
) -> list[tuple[int, int]]:
    """The persons (``starts``: start → end of the model's persons shaped as a name,
    ``person_names.name_shaped``) that open a clause (``openings``, :func:`clause_openings`) holding a
    figure (its start in ``figures``), where the clause's first verb is no verb of saying or
    publishing (某某说，…; 某某老师说；某某在论坛上公布了…: a speaker, the source of the figures):
    whose figure it is (某某今年向家乡捐资…; ANNOTATION.md §8: a person, 琼斯's salary)."""
    if not any(words[k].start in starts for k in openings if k < len(words)):
        return []
    ends = {w.end: k for k, w in enumerate(words)}
    found = []
    for k in openings:
        if k >= len(words) or words[k].start not in starts:
            continue
        end = starts[words[k].start]
        after = ends.get(end)
        if after is None or after + 1 >= len(words) or _speaks(words, after + 1):
            continue
        if k and words[k - 1].word in _COLONS:
            continue  # 编辑：某某 …: a credit or a speaker's label
        clause = next((w.start for w in words[after + 1 :] if w.word in CLAUSE_END_CHARS), None)
        clause = words[-1].end if clause is None else clause
        if any(end <= f < clause for f in figures):
            found.append((words[k].start, end))
    return found


def topic_names(
    text: str,
    tokens: Mapping[int, Sequence[Token]],
    taken: Sequence[tuple[int, int]],
    persons: Sequence[tuple[int, int]] = (),
    figures: Sequence[int] = (),
    periods: Mapping[int, Sequence[re.Match[str]]] | None = None,
) -> list[tuple[int, int]]:
    """Short forms of organisation names and proper nouns that open a clause, in the segmented
    sentences (``tokens``), where no span of ``taken`` overlaps them (one inside a word jieba
    tags as an organisation's name is part of it: 中国移动 over 中国), and the ``persons`` that
    open a clause holding one of the ``figures`` (their starts).  ``periods``: those of the
    segmented sentences (``bounds.segmented_periods``), where found already."""
    found: list[tuple[int, int]] = []
    again: list[tuple[int, int]] = []
    whole: set[tuple[int, int]] = set()  # organisations' names a taken span may lie inside
    clauses: list[tuple[Sequence[Token], list[int]]] = []  # each sentence's words, openings
    for i, words in tokens.items():
        if not words:
            continue
        openings = clause_openings(text, words, None if periods is None else periods.get(i))
        clauses.append((words, openings))
        found += abbreviation_spans(text, words, openings)
        for k in openings:
            run = k
            while run < len(words) and _proper(words[run]):
                run += 1
            if run == k or words[run - 1].end - words[k].start < 2 or run == len(words):
                continue
            if k and words[k - 1].word in QUOTES:
                continue  # a quoted phrase: a saying, a slogan or a name the model saw
            end, following = words[run - 1].end, words[run]
            unknown_place = run - k == 1 and words[k].pos == "ns" and not _division(words[k].word)
            if unknown_place:
                # 亚欧 + 航线: a compound abbreviation modifies a noun a verb follows; alone, a
                # place-like word that names no division is as often a verb jieba mistags (惠及)
                if following.pos != "n" or run + 1 == len(words):
                    continue
                end = following.end
                if not words[run + 1].pos.startswith(("v", "d", "t")):
                    again.append((words[k].start, end))  # a name if the text has it as one
                    continue
            elif following.pos not in _PREDICATE_TAGS:
                continue  # 甲、乙; 甲和乙: a member of a list, no topic
            if following.word in role_words("reports_speech") or (
                words[k].pos == "nr" and _speaks(words, run)
            ):
                continue  # 某某强调，…; 某某老师说: a speaker, not what the figures are about
            if _localised(words[run:]):
                continue  # 某某仪式上，…: a locative adverbial, no topic
            found.append((words[k].start, end))
            if run - k == 1 and words[k].pos == "nt" and end == words[k].end:
                whole.add((words[k].start, end))  # 中国移动: the model's 中国 is part of it
    starts = {s: e for s, e in persons if name_shaped(text[s:e])}  # not 普惠: no name
    if starts:
        for words, openings in clauses:
            found += _person_topics(text, words, openings, starts, figures)
    names = {text[s:e] for s, e in found}
    found += [(s, e) for s, e in again if text[s:e] in names]
    own, near = set(persons), SpanIndex(taken).near  # the taken spans near each name
    return [
        (s, e)
        for s, e in sorted(set(found))
        if (s, e) in own
        or not any(
            a < e and s < b and not ((s, e) in whole and s <= a < b <= e) for a, b in near(s, e)
        )
    ]
