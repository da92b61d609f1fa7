"""Organisations that a sentence names only as the employer of a commentator: 某银行首席分析师某某
表示，… or 某研究院产业所所长某某认为，… — an analyst, economist or researcher who says what
the figures of others mean.  Such a sentence carries no subject to the sentences after it
(``carried.py``; ANNOTATION.md §8: the subject is the entity the figure is about, and a national
aggregate that names none has none): the organisation is where the speaker works, not what the
paragraph is about.

A commentator is a person's name (two to four characters) right before a verb of saying (role
``reports_speech``: 表示, 认为) whose title, written between the organisation and the name, ends
with a commentator's word (role ``commentator_title``: 研究员, 分析师, 经济学家), or any title when
the organisation is a research body (its name holds a word of role ``research_body``: 研究院,
研究中心).  A company's or a government's own officer (某公司董事长某某表示) is no commentator: the
company stays the subject it carries."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import alternation

__all__ = ["commentator_employers"]

_TITLE = r"[^，,。；;：:“”\s]"  # a character of a title: no punctuation, no space
_NAME = r"[\u4e00-\u9fff·]{2,4}"  # a person's name: two to four characters


@lexicon_cache
def _commentator() -> re.Pattern[str]:
    """A title ending with a commentator's word, a name and a verb of saying (首席分析师某某表示)."""
    titles, speech = role_words("commentator_title"), role_words("reports_speech")
    return re.compile(
        rf"{_TITLE}{{0,10}}?(?:{alternation(titles)}){_NAME}(?:{alternation(speech)})"
    )


@lexicon_cache
def _titled() -> re.Pattern[str]:
    """Any title, a name and a verb of saying (产业所所长某某认为)."""
    speech = role_words("reports_speech")
    return re.compile(rf"{_TITLE}{{1,12}}?{_NAME}(?:{alternation(speech)})")


def commentator_employers(text: str, names: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of ``names`` (places and organisations in ``text``) that name a commentator's
    employer."""
    found: list[tuple[int, int]] = []
    for start, end in names:
        research = any(w in text[start:end] for w in role_words("research_body"))
        if (_titled() if research else _commentator()).match(text, end):
            found.append((start, end))
    return found
