"""A number with a magnitude and no unit before a noun of persons or households counts them,
and that noun is its unit (ANNOTATION.md §3: where there is no classifier the counted noun is
the unit): 帮扶2万贫困户 → 2万贫困户, 20000 贫困户; 吸引了4万游客 → 游客.

Read over the stored jieba words (the ``segment`` stage) before linking: the word right after
the figure is a noun (part of speech ``n``) that ends with a head of persons or households
(function-word role ``counted_person``: 户, 客, 者, 员 …).

A bare magnitude before a noun phrase of population (one or two nouns, the last of role
``counts_persons``: 12万农村人口) counts persons: unit 人, its text unchanged (ANNOTATION.md §3:
a bare population number is 人).  A bare magnitude of 亿 before any other noun (and no noun of
persons after that one: 2亿手机用户) is an amount of money that modifies it (600亿产业园区, 千亿产业集群: ANNOTATION.md §3, "with no unit in a money
context they are 元"); one of 万 before another noun keeps no unit (5万台站: a count whose
classifier the text leaves out).
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
        elif _population(word, after.get(word.end), populations):
            fig = replace(fig, unit="人", kind=FigureKind.COUNT)
        elif word.pos == "n" and "亿" in fig.text and not _persons_after(after.get(word.end)):
            fig = replace(fig, unit="元", kind=FigureKind.MONEY)
        out.append(fig)
    return tuple(out)


def _persons_after(second: Token | None) -> bool:
    """The noun after the first one names persons or households (2亿手机用户): a count."""
    heads = role_tuple("counted_person")
    return second is not None and second.pos.startswith("n") and second.word.endswith(heads)


def _population(word: Token, second: Token | None, populations: tuple[str, ...]) -> bool:
    """``word`` (and the noun after it) is a noun phrase of population: 农村人口, 人口."""
    if not word.pos.startswith("n"):  # jieba tags some, 城镇人口, as ns
        return False
    if word.word.endswith(populations):
        return True
    return second is not None and second.pos.startswith("n") and second.word.endswith(populations)
