"""Item headlines that a text joined onto one line with a space.

Text taken from web pages and news feeds is often stored one document per line: its paragraphs
are joined by one space, and a news roundup opens each of its short items with a headline that
ends with no punctuation (``…同比增长5%。 某县新建厂房投产 记者从某县了解到，…``).  A headline
is a short run from a paragraph's start (the line's start, or a space after a sentence end),
with no sentence end, comma or semicolon in it (a colon after its source may stand in one:
某部：…), no bracket left open and no number running through the space, that a space and the
rest of the line, with a sentence of its own, follow.  ``clean`` cuts the line
around it, so that the headline is a heading and the items are paragraphs of their own: nothing
said of one item is carried into the next.  The paragraphs of one item stay together (a space
after a sentence end is no sure paragraph break).  A space before a digit or a Latin letter
inside a headline (千兆 5G) ends none; neither does one in a line that holds no sentence end
after it (a table row, a list of names) nor one after a dateline (本报讯（记者 某某）, 某某网讯).
"""

from __future__ import annotations

import re

from cnews_ie.numerals import ZH_DIGITS, ZH_MAGNITUDES, ZH_SMALL_UNITS
from cnews_ie.patterns import (
    ARTICLE_START,
    BRACKETS,
    CJK,
    CLAUSE_END_CHARS,
    CLOSERS,
    COLONS,
    COMMAS,
    DATELINE_OUTLET,
    QUOTES,
    SENTENCE_END,
    SENTENCE_END_CHARS,
)

__all__ = ["HEADLINE_RUN", "opens_item", "paragraph_pieces"]

HEADLINE_RUN = (4, 40)  # characters of a headline run a space ends: at least, at most
_GAP = "[ \u3000]+"
_OPENS = rf"[{CJK}{re.escape(QUOTES)}“「《（(【]"  # what a paragraph or headline opens with
# a sentence end, its closing marks, the joining space, then a paragraph's first character
_AFTER_END = re.compile(rf"[{SENTENCE_END_CHARS}]+[{re.escape(CLOSERS)}]*(?P<gap>{_GAP})(?=\S)")
# a headline: no sentence end, comma or semicolon inside (a colon after its source, 某部：…, and
# the enumeration comma, 甲、乙两地…, may stand in one), then the space
_NOT_IN_HEADLINE = set(CLAUSE_END_CHARS + COMMAS + "…") - set(COLONS + "、")
_HEADLINE_END = re.compile(rf"(?<=[{CJK}{re.escape(CLOSERS)}])(?P<gap>{_GAP})(?={_OPENS})")
# a section's number opening a heading: 一、, （二）, 3., 第四章, or a table's or figure's
# caption (表1, 图2): a part of one document
_SECTION_NUMBER = re.compile(
    r"[（(]?(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[、.．)）]|第[一二三四五六七八九十0-9]{1,3}[章节部篇条]"
    r"|[表图]\s*[0-9０-９]"
)
_CELL = "|"  # a table row's cell separator (ANNOTATION §2)
_NUMERAL = frozenset([*ZH_DIGITS, *ZH_SMALL_UNITS, *ZH_MAGNITUDES, *"0123456789"])
_PAIRS = tuple(zip(BRACKETS[0::2], BRACKETS[1::2], strict=True))


def _headline(run: str, after: str) -> bool:
    """Whether ``run`` (from a paragraph's start to a space, ``after`` the character after the
    space) reads as a headline."""
    lo, hi = HEADLINE_RUN
    if not lo <= len(run) <= hi or not _NOT_IN_HEADLINE.isdisjoint(run):
        return False
    if run[-1] in _NUMERAL and after in _NUMERAL:
        return False  # 收入十四 千元: a number the space runs through
    if any(run.count(a) != run.count(b) for a, b in _PAIRS):
        return False  # 本报讯（记者 某某）: a bracket left open
    return not (ARTICLE_START.match(run) or DATELINE_OUTLET.match(run))  # 某某网讯: a dateline


def paragraph_pieces(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, headline)`` of the item headlines that ``text`` (one line, stripped)
    joined with spaces and of the runs of paragraphs between them, in order; the whole line
    when it joined none.  The paragraphs of one item stay together: a space after a sentence
    end is only where a headline may start.

    >>> line = "某县新建厂房投产 记者从某县了解到，厂房已建成。 另据介绍，项目开工。 某市桥梁合龙 据悉，…。"
    >>> [(line[a:b], h) for a, b, h in paragraph_pieces(line)]  # doctest: +NORMALIZE_WHITESPACE
    [('某县新建厂房投产', True), ('记者从某县了解到，厂房已建成。 另据介绍，项目开工。', False),
     ('某市桥梁合龙', True), ('据悉，…。', False)]
    >>> paragraph_pieces("地区 生产总值 增速")
    [(0, 10, False)]
    """
    if " " not in text and "\u3000" not in text:
        return [(0, len(text), False)]
    pieces: list[tuple[int, int, bool]] = []
    body = start = 0  # where the paragraphs since the last headline start; a paragraph's start
    while True:
        head = _HEADLINE_END.search(text, start, start + HEADLINE_RUN[1] + 2)
        if (
            head
            and _headline(text[start : head.start()], text[head.end()])
            and SENTENCE_END.search(text, head.end())
        ):
            if start > body:
                pieces.append((body, len(text[:start].rstrip()), False))
            pieces.append((start, head.start(), True))
            body = start = head.end()
            continue
        end = _AFTER_END.search(text, start)
        if end is None:
            break
        start = end.end()
    if body < len(text):
        pieces.append((body, len(text), False))
    return pieces


def opens_item(between: str) -> bool:
    """Whether the blocks ``between`` two paragraphs (the repaired text from the end of one to
    the start of the next: headings and credits, one a line) open another item of the text: a
    headline or a byline, not a numbered section's heading (二、农业), a table's caption or a
    table row, which stay inside the document its lead governs.

    >>> opens_item("\\n某县新建厂房投产\\n"), opens_item("\\n二、农业\\n"), opens_item("\\n表1 产值\\n")
    (True, False, False)
    """
    return any(
        line.strip() and _CELL not in line and not _SECTION_NUMBER.match(line.strip())
        for line in between.split("\n")
    )
