"""A number with a magnitude and no unit before a noun of persons or households counts them,
and that noun is its unit (ANNOTATION.md §3: where there is no classifier the counted noun is
the unit): 帮扶2万贫困户 → 2万贫困户, 20000 贫困户; 吸引了4万游客 → 游客.

Read over the stored jieba words (the ``segment`` stage) before linking: the word right after
the figure is a noun (part of speech ``n``) that ends with a head of persons or households
(function-word role ``counted_person``: 户, 客, 者, 员 …).  A bare magnitude before any other
noun keeps no unit (600亿产业园区: an amount whose unit the text leaves out).
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
    out = []
    for fig in figures:
        word = after.get(fig.end)
        if (
            fig.kind is FigureKind.NUMBER
            and not fig.unit
            and word is not None
            and word.pos == "n"
            and word.word.endswith(heads)
        ):
            fig = replace(
                fig, text=text[fig.start : word.end], end=word.end, unit=word.word,
                kind=FigureKind.COUNT,
            )  # fmt: skip
        out.append(fig)
    return tuple(out)
