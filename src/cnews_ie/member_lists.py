"""Organisations named as the members of a class: the items of a list the text itself classes
as companies or outlets.

A news text often names firms by short trade names the model cannot tell from people or places
(江州博远, 苏州恒嘉, 远川科技), but says what they are: the items before ``等N家企业`` /
``等一批…企业`` / ``等多家媒体``, and the items of a clause that a following ``均为…企业`` classes.
Each such item is an organisation, whatever the model tagged in it.  The class nouns and the
words that introduce a list are data (``resources/function_words.tsv``, roles
``organization_class`` and ``introduces_list``).

An item is a run of two to twelve Chinese or Latin characters between list separators (、, or
the brackets of titles written one after another: 《A》《B》); an item that names a class itself
(国有企业), a project (…项目) or a figure is none; an item of two company names written without a
separator (无锡恒达无锡科创: a place name starts each) is two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.gazetteer import is_place_name, org_heads
from cnews_ie.lexicons import WordSet, lexicon_cache, role_word_set, role_words, table
from cnews_ie.patterns import CJK, alternation

__all__ = ["class_members"]

_ITEM = rf"[{CJK}A-Za-z0-9·]"


@lexicon_cache
def _class_after() -> re.Pattern[str]:
    """What classes the list before it: 等 (+ a count) + modifiers + a class noun, or a comma and
    均为 / 都是 + modifiers + a class noun."""
    classes = alternation(role_words("organization_class"))
    count = r"(?:[0-9一二三四五六七八九十百千两几多数余]+[家个所]|一批|一些|众多)"
    return re.compile(
        rf"等{count}?[{CJK}]{{0,6}}?(?:{classes})"
        rf"|(?P<all>[，,](?:均为|均是|都是|皆为|同为)[{CJK}]{{0,8}}?(?:{classes}))"
    )


@lexicon_cache
def _project_heads() -> WordSet:
    return WordSet(s for s, kind in table("project_heads", 2) if kind in ("head", "place"))


_MIN_ITEM, _MAX_ITEM = 2, 12
_LIST_REACH = 120


def class_members(text: str, spans: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``spans`` with the members of each classed list as organisation spans, in place of the
    spans they overlap (a person or place the model made of a trade name)."""
    found: list[tuple[str, int, int]] = []
    for m in _class_after().finditer(text):
        items = _items(text, m.start())
        if m.group("all") is not None and len(items) < 2:
            continue  # 均为 classes several
        for start, end in items:
            found.extend(_split_run_together(text, start, end))
    if not found:
        return list(spans)
    kept = [s for s in spans if not any(a < s[2] and s[1] < b for _, a, b in found)]
    return sorted([*kept, *(("ORG", a, b) for _, a, b in found)], key=lambda s: (s[1], s[2]))


# jieba's dictionary counts 咨询 and 服务 thousands of times; a trade name is rarely made only
# of such words (政策宣讲、用工服务等服务企业专家团队 lists services, not members)
_NAME_POS = ("nr", "ns", "nt", "nz")


def _common_phrase(name: str) -> bool:
    """``name`` is made only of common dictionary words of two or more characters that are no
    names (政策宣讲, 法律咨询), as a description is; a trade name has a word of its own
    (金禾食品, 远川科技) or is a name (星海)."""
    from cnews_ie.backends.jieba_backend import common_word, tagged_words

    return all(
        len(word) >= 2 and common_word(word) and not pos.startswith(_NAME_POS)
        for word, pos in tagged_words(name)
    )


def _items(text: str, end: int) -> list[tuple[int, int]]:
    """The items of the list that ends at ``end``, right to left until a clause boundary; an
    invalid item ends the list (the words before it are no member)."""
    out: list[tuple[int, int]] = []
    at = end
    lo = max(0, end - _LIST_REACH)
    while at > lo:
        if text[at - 1] == "》":  # 《A》《B》: titles of outlets
            opening = text.rfind("《", lo, at)
            if opening < 0:
                break
            start, stop, at = opening + 1, at - 1, opening
            titled = True
        else:
            start = at
            while start > lo and re.match(_ITEM, text[start - 1]):
                start -= 1
            stop = at
            at = start
            titled = False
            if not (start > lo and text[start - 1] == "、"):
                start = _first_item_start(text, start, stop)
        if not _valid(text, start, stop, titled):
            break
        out.append((start, stop))
        if at > lo and text[at - 1] == "、":
            at -= 1
        elif not (at > lo and text[at - 1] == "》"):
            break
    return out[::-1]


# jieba parts of speech that end the words before a list's first item: a word of them of two
# or more characters (推动, 全年, 过程), or one character of a locative, preposition, particle
# or conjunction (仪式上 + 江州博远); one-character verbs and numerals are inside trade names
# (金禾食品, 东林重工)
_BEFORE_ITEM_POS = ("v", "p", "c", "d", "t", "m", "f", "r", "u")
_BEFORE_ITEM_POS_1 = ("f", "p", "u", "c")


def _first_item_start(text: str, start: int, end: int) -> int:
    """Start of the first item of a list in the run of characters ``text[start:end]``: after a
    word that introduces the list (签约企业包括常熟精工 → 常熟精工), else after the last
    function word or verb before it (全年推动金禾食品 → 金禾食品)."""
    from cnews_ie.backends.jieba_backend import tagged_words

    run = text[start:end]
    cut = max((run.rfind(w) + len(w) for w in role_words("introduces_list") if w in run), default=0)
    at = cut
    for word, pos in tagged_words(run[cut:]):
        at += len(word)
        one = len(word) == 1
        if (pos.startswith(_BEFORE_ITEM_POS) and not one) or (
            one and pos.startswith(_BEFORE_ITEM_POS_1)
        ):
            cut = at
    return start + cut if end - start - cut >= _MIN_ITEM else start


def _valid(text: str, start: int, end: int, titled: bool) -> bool:
    """A member's name: no place, class, project or figure; a description of common words only
    when it is a title in 《》 (《滨海新闻》, an outlet)."""
    name = text[start:end]
    if not _MIN_ITEM <= len(name) <= _MAX_ITEM or any(c.isdigit() for c in name):
        return False
    if is_place_name(name):
        return False  # 江苏、浙江等省份企业: places
    suffix = role_word_set("organization_class").longest_suffix(name)
    if suffix is not None and suffix not in org_heads():
        return False  # 国有企业, 外资车企: a class, no member (中国银行, X公司 are names)
    heads = _project_heads()
    return not any(heads.longest_prefix(name, i) for i in range(len(name))) and (
        titled or not _common_phrase(name)
    )


def _split_run_together(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """An item that is two company names run together, each starting with a place name
    (无锡恒达 + 无锡科创), as two; else the item."""
    for cut in range(start + 2 * _MIN_ITEM, end - 2 * _MIN_ITEM + 1):
        if _place_at(text, start, cut) and _place_at(text, cut, end):
            return [("ORG", start, cut), ("ORG", cut, end)]
    return [("ORG", start, end)]


def _place_at(text: str, start: int, end: int) -> str:
    """The place name (division or short form) ``text[start:end]`` starts with, leaving two or
    more characters, or ''."""
    for n in range(min(end - start - _MIN_ITEM, 6), 1, -1):
        if is_place_name(text[start : start + n]):
            return text[start : start + n]
    return ""
