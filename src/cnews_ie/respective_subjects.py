"""Names listed before 分别 distribute the figures listed after it, one each, in order (ANNOTATION.md
§8: the entity each figure is about): 宁川市和平阳县分别新增就业1.2万人和8000人 → 宁川市 for
1.2万人, 平阳县 for 8000人 (``subject:respectively``).

The names (places, organisations) are the only ones of the clause before its word of role
``respectively`` (分别, 依次), joined only by a conjunction or the enumeration comma (role
``joins_figures``, 、), not the objects of a preposition (我国对甲、乙分别进出口…: the partners;
roles ``recipient_preposition``, ``joins_parties``, ``opens_adverbial``); the figures are a list right after it (only 、, 和, 及, 与 between them:
``metric.LIST_GAP``), as many as the names.  Runs after linking, before the rules that read a
figure's subject.

Sectors listed the same way before the 的 of an indicator own it (非金属矿采选业、通用设备制造业等行业的
民间投资占比分别达到94.5%、89.6% → each sector, 民间投资占比): nouns ending in 业 (ANNOTATION §8:
a sector is a subject; not 企业, 产业: role ``not_a_sector``).

Times listed the same way distribute the periods (``period:respectively``): 2022年、2023年净利润分别
增长6.1%和7.4% → 2022年 for 6.1%, 2023年 for 7.4%; the periods are the only ones of the clause
before the word, joined only by a conjunction or 、."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from cnews_ie.coordination import list_members
from cnews_ie.lexicons import role_words
from cnews_ie.metric import LIST_GAP
from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.periods import period_pattern
from cnews_ie.records import Figure
from cnews_ie.work import with_changes, with_subjects

__all__ = ["respective_periods", "respective_subjects"]

_MARKS = frozenset(CLAUSE_END_CHARS)
_ENUMERATION = "、"


def _prepositions() -> frozenset[str]:
    """Prepositions whose objects are partners or places of the agent, not the agents (对, 向,
    与, 在: roles ``recipient_preposition``, ``joins_parties``, ``opens_adverbial``)."""
    roles = ("recipient_preposition", "joins_parties", "opens_adverbial")
    return frozenset().union(*(role_words(r) for r in roles))


def _members(text: str, names: Sequence[tuple[int, int]]) -> list[str]:
    """The names when they are written one after another, joined only by a conjunction or 、."""
    joiners = {*role_words("joins_figures"), _ENUMERATION}
    for (_, end), (start, _) in pairwise(names):
        if text[end:start] not in joiners:
            return []
    return [text[s:e] for s, e in names]


def _runs(text: str, figures: Sequence[Figure]) -> Iterator[tuple[list[Figure], int, int]]:
    """Each list of figures right after a word of role ``respectively`` (分别), with the start of
    its clause and where the word is."""
    words = role_words("respectively")
    for k, fig in enumerate(figures):
        start = fig.start
        while start > 0 and text[start - 1] not in _MARKS:
            start -= 1
        said = [text.find(w, start, fig.start) for w in words]
        at = max(said, default=-1)
        if at < 0 or (k and figures[k - 1].end > at):
            continue  # no 分别 before it in its clause, or not the list's first figure
        run = [fig]
        for later in figures[k + 1 :]:
            if not LIST_GAP.fullmatch(text, run[-1].end, later.start):
                break
            run.append(later)
        yield run, start, at


def respective_subjects(
    text: str, figures: Sequence[Figure], names: Sequence[tuple[int, int]]
) -> list[Figure]:
    """``figures`` with the figures of a list after 分别 about the names listed before it."""
    chosen: dict[int, str] = {}
    indicators: dict[int, str] = {}  # by position: the figures are rebuilt in between
    position = {id(f): k for k, f in enumerate(figures)}
    for run, start, at in _runs(text, figures):
        listed = [n for n in names if start <= n[0] and n[1] <= at]
        if listed and text[listed[0][0] - 1] in _prepositions():
            continue  # 我国对甲、乙分别进出口…: the partners, objects of a preposition
        members = _members(text, listed)
        if not listed and (sectors := _sectors(text, start, at)) is not None:
            members, indicator = sectors  # 纺织业、化工业的增加值分别增长…: the sectors' own
            if len(members) == len(run):
                indicators.update((position[id(f)], indicator) for f in run)
        if len(members) >= 2 and len(members) == len(run):
            chosen.update((id(f), m) for f, m in zip(run, members, strict=True))
    figures = with_subjects(figures, chosen, "subject:respectively", instead=True)
    rule = "metric:respectively"
    changes = {id(figures[k]): ({"metric": m}, rule) for k, m in indicators.items()}
    return with_changes(figures, changes, "metric:")


_SECTOR_END = "业"  # 纺织业, 通用设备制造业: a sector (ANNOTATION §8), not 企业 (role not_a_sector)


def _sectors(text: str, start: int, at: int) -> tuple[list[str], str] | None:
    """The sectors listed from the clause's start and the indicator after their 的, up to 分别
    at ``at`` (非金属矿采选业、通用设备制造业等行业的民间投资占比 → the two sectors and
    民间投资占比): each owns its figure; None where the clause is no such list."""
    of = text.rfind("的", start, at)
    indicator = text[of + 1 : at].strip()
    if of < 0 or len(indicator) < 2:  # (the clause from ``start`` holds no comma)
        return None
    listed = text[start:of]
    for closer in role_words("closes_list"):  # 等行业, 等: the class that closes the list
        cut = listed.rfind(closer)
        if cut > 0 and listed[cut + len(closer) :] in {"", *role_words("category_noun")}:
            listed = listed[:cut]
            break
    members = [m.strip() for m in list_members(listed)]
    not_sectors = role_words("not_a_sector")
    if len(members) < 2 or not all(
        len(m) > 2 and m.endswith(_SECTOR_END) and not m.endswith(tuple(not_sectors))
        for m in members
    ):
        return None
    return members, indicator


def respective_periods(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with the figures of a list after 分别 in the periods listed before it."""
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    for run, start, at in _runs(text, figures):
        members = _members(text, [m.span() for m in period_pattern().finditer(text, start, at)])
        if len(members) >= 2 and len(members) == len(run):
            rule = "period:respectively"
            chosen.update((id(f), ({"period": m}, rule)) for f, m in zip(run, members, strict=True))
    return with_changes(figures, chosen, "period:")
