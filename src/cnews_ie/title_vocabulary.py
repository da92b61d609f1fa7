"""The title vocabulary: titles listed in ``resources/title_words.tsv`` (by category; ``mined``
rows are CLUENER ``position`` labels, ``tools/mine_title_words.py``) and productive titles
(``patterns.PRODUCTIVE_TITLE``: 副X长, X书记, X主任 …, …师, …员, …大户).  ``titles.py`` reads titles
around names with it; ``entities.py`` uses it to split names run together after a title.
"""

from __future__ import annotations

from cnews_ie.lexicons import WordSet, lexicon_cache, role_tuple, role_word_set, table
from cnews_ie.patterns import PRODUCTIVE_TITLE

__all__ = [
    "national_organ",
    "title_at_end",
    "title_prefix",
    "title_suffix",
    "titles_after",
    "titles_before",
]


@lexicon_cache
def titles_before() -> WordSet:
    """Titles read before a name: every row but forms of address (先生, 女士)."""
    return WordSet(row[0] for row in table("title_words", 2) if row[1] != "address")


@lexicon_cache
def titles_after() -> WordSet:
    """Titles read after a name: no forms of address, no group labels (县领导) and no mined
    words (主持, 解说 are verbs after a name)."""
    return WordSet(
        row[0] for row in table("title_words", 2) if row[1] not in ("address", "group", "mined")
    )


def title_prefix(text: str, start: int, end: int) -> str | None:
    """The listed title ``text[start:end]`` starts with (记者 of 记者文星乃), or None."""
    return titles_before().longest_prefix(text, start, end)


def title_suffix(segment: str) -> bool:
    """Whether ``segment`` ends with a listed title (新甘肃·甘肃日报记者)."""
    return titles_before().longest_suffix(segment) is not None


def title_at_end(segment: str) -> str | None:
    """The title ``segment`` ends with: the longest listed one, else a productive title
    (副X长, X书记, X主任 …, 农艺师), or None."""
    listed = titles_before().longest_suffix(segment)
    if listed is not None:
        return listed
    m = PRODUCTIVE_TITLE.search(segment)
    if m is None or segment.endswith(role_tuple("not_a_title")):
        return None
    return m.group()


def national_organ(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the national organ a title ``text[start:end]`` opens with is written (function-word
    role ``national_organ``: 全国政协 of 全国政协委员, 全国人大常委会 of 全国人大常委会委员): a named
    body, the person's organisation, unlike an unnamed level organ (市委 of 市委书记); the title
    stays as written.

    >>> national_organ("全国政协委员", 0, 6), national_organ("市委书记", 0, 4)
    ((0, 4), None)
    """
    organ = role_word_set("national_organ").longest_prefix(text, start, end)
    return None if organ is None or start + len(organ) >= end else (start, start + len(organ))
