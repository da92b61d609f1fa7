"""Projects named as the items of a list the text calls projects, without a head of their own.

ANNOTATION.md §12: the items named before ``…等N个项目`` are projects, and so are the items of
a list the text classes as projects in other words (``等一批重大项目``, ``等在谈项目``,
``等项目储备工作``, ``等北湖市城市更新项目``: a place, then category words): 星海新材年产800万平方米复合板材、远航集团轴承系列、圆方智能装备
制造、…基地等一批重大项目.  Items with a project head are found by ``projects.py``; this module
adds the others, as written, each item from the separator (、) or clause boundary before it.

* An attributive amount before an item is its investment, not part of its name
  (总投资80亿元的恒锐科技… → investment 80亿元, name 恒锐科技…);
* capacity: the first quantity inside the item (年产1100万片); owner: the company the item
  starts with (远航集团 of 远航集团轴承系列); status is left to the items with a head;
* an item that is exactly an organisation's name is that organisation, no project, and an
  item of generic words only (重大、重点) names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import BRACKETS, CJK, CLAUSE_END_CHARS, QUOTES
from cnews_ie.projects import owner_of
from cnews_ie.records import Figure, FigureKind, Project

__all__ = ["list_item_projects"]

_COUNT = r"(?:[0-9一二三四五六七八九十两]+[个项]|一批|多个|一些|众多)"
# …等 + a count + a place and category words (``project_generic``: 重大, 在谈, 轨道交通) + 项目
_CLASS = re.compile(rf"等{_COUNT}?(?P<modifiers>[{CJK}]{{0,10}}?)项目")
_BOUNDARY = frozenset(CLAUSE_END_CHARS + QUOTES + BRACKETS + "\n")
_MIN_ITEM, _MAX_ITEM = 4, 40
_LIST_REACH = 200


@lexicon_cache
def _generic_words() -> tuple[str, ...]:
    from cnews_ie.lexicons import table

    return tuple(sorted((row[0] for row in table("project_generic", 1)), key=len, reverse=True))


def list_item_projects(
    text: str,
    figures: Sequence[Figure],
    projects: Sequence[Project],
    organizations: Sequence[tuple[int, int]],
) -> list[Project]:
    """Projects of the items of lists classed as projects that no project of ``projects``
    overlaps."""
    taken = [(p.start, p.end) for p in projects]
    names = set(organizations)
    out: list[Project] = []
    for m in _CLASS.finditer(text):
        if _named(_after_place(m.group("modifiers"))):
            continue  # 张某等出席项目…: the modifiers are no category words (重大, 在谈)
        for start, end in _items(text, m.start()):
            investment = None
            for f in figures:  # 总投资100亿元的 + name
                if (
                    start <= f.start < end
                    and f.kind is FigureKind.MONEY
                    and text.startswith("的", f.end)
                    and f.end + 1 < end
                ):
                    investment, start = f, f.end + 1
            if (
                end - start < _MIN_ITEM
                or (start, end) in names
                or any(a < end and start < b for a, b in taken)
                or not _named(text[start:end])
            ):
                continue
            capacity = next(
                (
                    f
                    for f in figures
                    if start <= f.start
                    and f.end <= end
                    and f.kind in (FigureKind.QUANTITY, FigureKind.COUNT)
                ),
                None,
            )
            owner = owner_of(text, start, end)
            out.append(Project(text[start:end], start, end, investment, capacity, owner))
            taken.append((start, end))
    return out


def _items(text: str, end: int) -> list[tuple[int, int]]:
    """The items of the 、-separated list that ends at ``end``, back to a clause boundary."""
    out: list[tuple[int, int]] = []
    lo = max(0, end - _LIST_REACH)
    stop = end
    at = end
    while at >= lo:
        c = text[at - 1] if at > 0 else "\n"  # the text's start is a boundary
        if c == "、" or c in _BOUNDARY:
            start = _after_words_before(text, at, stop) if c in _BOUNDARY else at
            if start < 0:
                return []  # 推出围炉煮茶、非遗表演等项目: activities, no works
            if _MIN_ITEM <= stop - start <= _MAX_ITEM:
                out.append((start, stop))
            if c in _BOUNDARY:
                return out[::-1]
            stop = at - 1
        at -= 1
    return []  # no clause boundary within reach: not a list


def _after_words_before(text: str, start: int, end: int) -> int:
    """Start of the first item after the words of its clause before it: a verb or function word
    that governs the list ends them (推进 + A、B等项目), the last one that leaves an item of
    its own (当地推出 + 围炉煮茶: not 煮茶, the item's own verb); -1 where the verb stages
    activities (role ``stages_activities``: 推出漂流、露营等项目 are no works)."""
    from cnews_ie.backends.jieba_backend import tagged_words

    digit = next((i for i in range(start, end) if text[i].isdigit()), end)
    at = start
    cut = start
    for word, pos in tagged_words(text[start:digit]):  # a capacity starts the name's own words
        at += len(word)
        if word in role_words("name_connector"):
            continue
        if word in role_words("stages_activities"):
            return -1
        if end - at >= _MIN_ITEM and (
            (len(word) >= 2 and pos.startswith(("v", "p", "c", "d", "r")))
            or (len(word) == 1 and pos.startswith(("p", "u", "c")))
            or word in role_words("ends_project_name")  # 续建 + A、B等项目: no jieba verb
        ):
            cut = at
    while cut < end and text[cut] in role_words("aspect_particle"):
        cut += 1  # 设立了 + the item: the particle is the verb's
    return cut


def _after_place(words: str) -> str:
    """``words`` without the place they start with (南昌市 + 轨道交通: a class of the city's
    projects)."""
    from cnews_ie.gazetteer import is_place_name

    at = next((n for n in range(len(words), 1, -1) if is_place_name(words[:n])), 0)
    return words[at:]


def _named(item: str) -> bool:
    """Something is left of the item once the generic words are taken out (重大 is none, 出席
    is something)."""
    rest = item
    for word in _generic_words():
        rest = rest.replace(word, "")
    return len(rest) >= 2
