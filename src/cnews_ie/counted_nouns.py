"""A number with a magnitude and no unit before a noun of persons or households counts them,
and that noun is its unit (ANNOTATION.md §3: where there is no classifier the counted noun is
the unit): 帮扶2万贫困户 → 2万贫困户, 20000 贫困户; 吸引了4万游客 → 游客.

Read over the stored jieba words (the ``segment`` stage) before linking: the word right after
the figure is a noun (part of speech ``n``) that ends with a head of persons or households
(function-word role ``counted_person``: 户, 客, 者, 员 …).

A bare magnitude before a noun phrase of population (one or two nouns, the last of role
``counts_persons``: 12万农村人口; after a prefix jieba cuts off, 30万非/户籍常住人口) counts persons: unit 人,
its text unchanged (ANNOTATION.md §3: a bare population number is 人); so does one before a longer
noun phrase whose last noun ends with a head of persons or households (1.2亿城乡义务教育学生, 300万高校毕业生: the
head is not next to the number, so it is no unit as written). A bare magnitude of 亿 before any
other noun is an amount of money that modifies it (600亿产业园区, 千亿产业集群: ANNOTATION.md §3, "with no
unit in a money context they are 元"); one of 万 before another noun keeps no unit (5万台站: a count
whose classifier the text leaves out).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from cnews_ie.lexicons import role_tuple
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import Token

__all__ = ["noun_units"]


def noun_units(
    text: str, figures: Sequence[Figure], tokens: Mapping[int, Sequence[Token]]
) -> tuple[Figure, ...]:
    """``figures`` (unlinked) with a count of persons or households given its noun as unit."""
    if not any(f.kind is FigureKind.NUMBER and not f.unit for f in figures):
        return tuple(figures)
    after = {w.start: w for words in tokens.values() for w in words}
    heads = role_tuple("counted_person")
    populations = role_tuple("counts_persons")
    out = []
    for fig in figures:
        word = after.get(fig.end)
        if fig.kind is not FigureKind.NUMBER or fig.unit or word is None:
            pass
        elif word.pos == "n" and word.word.endswith(heads):
            fig = replace(
                fig, text=text[fig.start : word.end], end=word.end, unit=word.word,
                kind=FigureKind.COUNT,
            )  # fmt: skip
        elif _population(noun := _past_prefix(word, after), after.get(noun.end), populations) or (
            _persons_phrase(noun, after)
        ):
            fig = replace(fig, unit="人", kind=FigureKind.COUNT)
        elif word.pos == "n" and "亿" in fig.text:
            fig = replace(fig, unit="元", kind=FigureKind.MONEY)
        out.append(fig)
    return tuple(out)


# Parts of speech inside a noun phrase after a number: nouns (n, nr, ns …), abbreviations,
# idioms, distinguishing words, adjectives, time words (城乡老年居民: 老年 is tagged t) and
# words of position (外来务工人员: 外来 is tagged f).
_PHRASE_POS = ("n", "j", "l", "b", "a", "t", "f")
_MAX_PHRASE = 5  # words


def _past_prefix(word: Token, after: Mapping[int, Token]) -> Token:
    """The word after ``word`` where ``word`` is a prefix jieba cut from it (jieba's ``h``: 非 of
    非/户籍常住人口, 准 of 准/妈妈), else ``word``."""
    following = after.get(word.end) if word.pos == "h" else None
    return following if following is not None else word


def _persons_phrase(word: Token, after: Mapping[int, Token]) -> bool:
    """``word`` opens a noun phrase of two or more words whose last is a noun ending with a head
    of persons or households (城乡义务教育学生, 手机用户): the number counts them."""
    heads = role_tuple("counted_person")
    phrase = [word]
    while len(phrase) < _MAX_PHRASE and phrase[-1].pos.startswith(_PHRASE_POS):
        following = after.get(phrase[-1].end)
        if following is None or not following.pos.startswith(_PHRASE_POS):
            break
        phrase.append(following)
    last = phrase[-1]
    return (
        len(phrase) > 1
        and word.pos.startswith(_PHRASE_POS)
        and last.pos.startswith("n")
        and last.word.endswith(heads)
    )


def _population(word: Token, second: Token | None, populations: tuple[str, ...]) -> bool:
    """``word`` (and the noun after it) is a noun phrase of population: 农村人口, 人口."""
    if not word.pos.startswith("n"):  # jieba tags some, 城镇人口, as ns
        return False
    if word.word.endswith(populations):
        return True
    return second is not None and second.pos.startswith("n") and second.word.endswith(populations)
