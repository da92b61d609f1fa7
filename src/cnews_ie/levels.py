"""A change followed by the level it brings belongs to that level (ANNOTATION.md §7: a rate →
its amount, a percentage-point change → the rate it changes, an absolute change → its level):
营业收入同比增长12.5%至38.6亿元 → 12.5% of 38.6亿元; 不良贷款率下降0.12个百分点至1.35% →
0.12个百分点 of 1.35%, also after a comma (提高0.8个百分点，达到46.3%); 网点增加了320个，总数达到4100个
→ 320个 of 4100个 (``base:reached``).

Linking looks for a base before a figure; here the base comes after it, joined to the change
by a word that says what the change reached (function-word role ``reaches``: 至, 到, 达到)
and nothing else.  The level has no verb of its own, so it takes the change's indicator and
subject where linking gave it none (``metric:from_change``, ``subject:from_change``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words
from cnews_ie.link_record import Link
from cnews_ie.metric import names_indicator
from cnews_ie.patterns import CLAUSE_END_CHARS, COMMAS
from cnews_ie.records import Figure, FigureKind
from cnews_ie.resolve import qualifiers
from cnews_ie.work import relinked

__all__ = ["changed_level", "level_source", "reached_levels", "same_unit"]

_CHANGES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT}
_VERB_BEFORE_LEVEL = 4  # characters of a verb of change with its 至/到: 增至, 提高到, 发展到
_LEVEL_MODIFIER = 12  # characters of a modifier closed by 的 before the level: 去年的, 2023年底的
_CLAUSE_MARKS = frozenset(CLAUSE_END_CHARS)
_COMMAS = frozenset(COMMAS)
_TOTAL_PHRASE = 12  # characters of the phrase before a total: 全市网点总数达到


def level_source(text: str, clause: int, fig: Figure, words: Sequence[tuple[int, str, str]]) -> int:
    """Where the indicator of ``fig`` ends when ``fig`` is the earlier level of a level change
    (社会组织由成立之初的300个增至4500个: the word of role ``opens_start_level`` before it, after the
    start of its clause ``clause``, and a verb of change ending in a ``reaches`` word right after
    the figure); else the figure's start.  What lies between (成立之初的) is the earlier time or
    state, not the indicator."""
    after = text[fig.end : fig.end + _VERB_BEFORE_LEVEL + 1]
    verb = after[: next((k for k, c in enumerate(after) if c in _CLAUSE_MARKS), len(after))]
    if (
        not verb
        or not "\u4e00" <= verb[0] <= "\u9fff"
        or not any(w in verb for w in role_words("reaches"))
    ):
        return fig.start
    sources = role_words("opens_start_level")
    inside = [w for w in words if clause < w[0] < fig.start]
    for k in range(len(inside) - 1, -1, -1):
        at, word, _ = inside[k]
        if word in sources:
            return at
        after = inside[k + 1][1] if k + 1 < len(inside) else ""
        if word[:1] in sources and _time_word(word[1:] + after):
            return at  # 从此/前预测的…: 从 + 此前, a time word the segmenter split
    return fig.start


def _time_word(word: str) -> bool:
    """Whether ``word`` is one word jieba's dictionary tags as a time word (此前)."""
    tagged = tagged_words(word) if word else []
    return len(tagged) == 1 and tagged[0][1] == "t"


def _reaches(text: str, change: Figure, level: Figure) -> bool:
    if change.change is None or level.change is not None:
        return False
    if change.kind not in _CHANGES:
        return _total_after(text, change, level)
    if change.kind is level.kind:
        return False  # 增长2%到3%: a range or two rates, not a rate and its level
    between = text[change.end : level.start].strip()
    comma = between[:1] in _COMMAS
    if comma:  # 提高1.2个百分点，达到65.6%: the clause after names the level
        between = between[1:].lstrip()
    # 增长12%，超过800亿元: a level whose verb is the qualifier of its own span
    return _reaching(between) or (comma and not between and _qualified(level))


@lexicon_cache
def _prefixes() -> tuple[str, ...]:
    """The qualifiers written before a figure's number (``qualifiers.tsv``: 超过, 突破, 近)."""
    return tuple(word for (position, word) in qualifiers() if position.startswith("prefix"))


def _qualified(level: Figure) -> bool:
    return level.text.startswith(_prefixes())


def _reaching(between: str) -> bool:
    """Whether the words between a change and its level say what it reached: a ``reaches``
    word, also with an aspect particle (达到了23%)."""
    reaches = role_words("reaches")
    return between in reaches or (
        between.endswith(role_tuple("aspect_particle"))
        and between[:-1] in reaches
        and len(between) > 2
    )


def same_unit(a: Figure, b: Figure) -> bool:
    """Whether two figures count in one unit: the same, or both persons (人, 名, 位: role
    ``person_unit``), so 旅客120万名，同比增加10万人 changes one level."""
    if a.unit == b.unit:
        return True
    persons = role_words("person_unit")
    return a.unit in persons and b.unit in persons


def changed_level(
    figures: Sequence[Figure], links: Sequence[Link], lo: int, said_at: int, change: Figure
) -> int | None:
    """The index of the level an absolute change that took the indicator of the figure at
    ``said_at`` changes: that figure, or, past the rates of that indicator before it in its
    sentence (from ``lo``), the amount they measure, where it is of the change's kind and unit
    and no change itself (开复工899个，较同期增加308个; 贷款余额5.86万亿元，同比增长9.2%，比年初
    增加4120亿元 → 5.86万亿元); None for a figure that states no change."""
    if change.change is None:
        return None
    at = said_at
    while at > lo and figures[at].kind in _CHANGES and links[at - 1].metric == links[at].metric:
        at -= 1
    level = figures[at]
    if level.change is None and level.kind is change.kind and same_unit(level, change):
        return at
    return None


def _total_after(text: str, change: Figure, level: Figure) -> bool:
    """Whether ``level`` is the total an absolute change brings: of its kind and unit, right
    after it or after the comma that ends its clause, through a ``reaches`` word (增加320个，
    达到4100个) or a noun of role ``names_total`` in the level's phrase, which a verb that
    introduces a figure ends (增加了86公里，总里程达2300公里)."""
    if change.base is not None or level.kind is not change.kind or not same_unit(level, change):
        return False
    between = text[change.end : level.start].strip()
    if between[:1] in _COMMAS:
        between = between[1:].lstrip()
    if not between or set(between) & _CLAUSE_MARKS or len(between) > _TOTAL_PHRASE:
        return False
    if _reaching(between):
        return True
    return any(w in between for w in role_words("names_total")) and between.endswith(
        role_tuple("introduces_figure")
    )


def _second_level(text: str, first: Figure, second: Figure) -> bool:
    """Whether ``second`` is the level ``first`` changed to: a verb of at most a few characters
    ending in a ``reaches`` word between two levels of one kind and unit, neither a change (also
    after the comma that ends the first level's clause)."""
    if first.change is not None or second.change is not None or first.metric is None:
        return False
    if first.kind is not second.kind or first.unit != second.unit:
        return False
    between = text[first.end : second.start].strip()
    verb = between.lstrip("，,").lstrip()  # 从不足百家，发展到
    own = {"metric:phrase", "metric:owner"}.intersection(second.links)
    if verb != between and own and names_indicator(second.metric or ""):
        return False  # 营收是…，毛利达到…: a clause naming its own indicator starts no level
    if verb.endswith(role_tuple("attributive")) and not set(verb) & _CLAUSE_MARKS:
        # 提高到2023年的63%: the time or state of the level between the verb and the level
        ends = [verb.find(w) + len(w) for w in role_words("reaches") if verb.find(w) > 0]
        verb = verb[: min(ends)] if ends and len(verb) - min(ends) <= _LEVEL_MODIFIER else verb
    verb = verb.removeprefix(next((w for w in _paces() if verb.startswith(w)), ""))  # 逐年上升至
    aspect = next((w for w in role_words("aspect_particle") if verb.endswith(w)), "")
    verb = verb.removesuffix(aspect)  # 降到了: the aspect particle after the verb of change
    return 1 < len(verb) <= _VERB_BEFORE_LEVEL and any(
        verb.endswith(w) and verb != w and "\u4e00" <= verb[0] <= "\u9fff"
        for w in role_words("reaches")
    )


@lexicon_cache
def _paces() -> list[str]:
    """Words of pace before a verb of change (role ``pace_modifier``: 逐年, 稳步), longest first."""
    return sorted(role_words("pace_modifier"), key=len, reverse=True)


def _opens_levels(text: str, change: Figure, start: Figure) -> bool:
    """Whether the clause after a rate opens the levels it is the change between (减少了20%，
    由上年的3万吨减少到…: role ``opens_start_level`` after the comma, a short time)."""
    if change.change is None or change.kind not in _CHANGES:
        return False
    between = text[change.end : start.start].strip()
    if between[:1] not in _COMMAS:
        return False
    rest = between[1:].lstrip()
    return (
        rest.startswith(role_tuple("opens_start_level"))
        and len(rest) <= _LEVEL_MODIFIER + 2
        and not set(rest) & _CLAUSE_MARKS
    )


def reached_levels(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with a change tied to the level written right after it (or to the level its
    next clause says it changed to from another: …减少了20%，由上年的3万吨减少到…), and a level
    changed to from another measured as that one."""
    level_of = {id(c): lv for c, lv in pairwise(figures) if _reaches(text, c, lv)}
    start_of = {id(b): a for a, b in pairwise(figures) if _second_level(text, a, b)}
    for change, start, level in zip(figures, figures[1:], figures[2:], strict=False):
        opens = start_of.get(id(level)) is start and _opens_levels(text, change, start)
        if opens and id(change) not in level_of:
            level_of[id(change)] = level
    if not level_of and not start_of:
        return list(figures)
    change_of = {id(lv): c for c, lv in pairwise(figures) if id(c) in level_of}
    rebuilt: dict[int, Figure] = {}

    def base_of(fig: Figure) -> Figure | None:
        return level_of.get(id(fig), fig.base)

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        new = _rebuilt(fig, base)
        rebuilt[id(fig)] = new
        return new

    def _rebuilt(fig: Figure, base: Figure | None) -> Figure:
        new = fig if base is fig.base else replace(fig, base=base)
        if base is not None and "metric:from_base" in fig.links and base.metric != new.metric:
            new = replace(new, metric=base.metric)
        start = start_of.get(id(fig))
        if start is not None:
            start = rebuilt.get(id(start), start)  # not yet where a change's base is this one
            links = [r for r in new.links if not r.startswith(("metric:", "subject:"))]
            links.append("metric:from_start")
            subject = new.subject
            if start.subject is not None:
                subject = start.subject
                links.append("subject:from_start")
            elif subject is not None:
                links.extend(r for r in new.links if r.startswith("subject:"))
            return replace(new, metric=start.metric, subject=subject, links=tuple(links))
        if id(fig) in level_of:
            kept = tuple(r for r in fig.links if not r.startswith("base:"))
            return replace(new, links=(*kept, "base:reached"))
        change = change_of.get(id(fig))
        if change is None:
            return new
        links = list(new.links)
        if new.metric is None and change.metric is not None:
            new = replace(new, metric=change.metric)
            links.append("metric:from_change")
        if new.subject is None and change.subject is not None:
            new = replace(new, subject=change.subject)
            links.append("subject:from_change")
        return replace(new, links=tuple(links))

    return relinked(figures, rebuild, base_of)[0]
