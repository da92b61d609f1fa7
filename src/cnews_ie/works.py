"""Built works (roads, railways, bridges, locks): places while in service, projects while built.

ANNOTATION §11-§12: an existing road, railway or ship lock is a location (an expressway that
crosses a county, a lock that ships pass); the same kind of work under construction or just
built is a project (a viaduct being built, an expressway whose works start again).  What
tells them apart is the clause the name stands in, not the name:

* a clause tells of building the work when it has a word of building (建设, 施工, 改建, 招标 …:
  role ``builds_a_work``) or a project status word (开工, 竣工, 通车 …:
  ``resources/project_status.tsv``), or calls the work a project (甲高速及乙支线项目,
  甲铁路、乙机场等一批项目);
* a work is decided once per document, by its name: one clause of building makes every mention
  of it a project.

:func:`works` applies this to the projects found (a work named by a head of role ``built_work``
with no clause of building becomes a place) and to the place spans of the entity stage (a
place named like a work that has one becomes a project).  A work whose name holds a figure
(3000吨级航道) or that has an investment stays a project: the text ties a size to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_word_set, role_words, table
from cnews_ie.patterns import CJK, CLAUSE_END_CHARS, SENTENCE_END_CHARS, alternation
from cnews_ie.records import Figure, Location, Project

__all__ = ["building_clause", "works"]


@lexicon_cache
def _building() -> re.Pattern[str]:
    """A word of building or a project status word (longest first)."""
    words = {*role_words("builds_a_work"), *(row[0] for row in table("project_status", 2))}
    return re.compile(alternation(words))


@lexicon_cache
def _status() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = table("project_status", 2)
    return re.compile(alternation(v for v, _ in rows)), {row[0]: row[1] for row in rows}


# the rest of a clause that calls the name before it a project: joined to a project by a
# conjunction (…高速及某支线项目), or listed before 等 … 项目 (…高铁、某机场等一批重大项目)
_CALLED = re.compile(
    rf"(?:(?:及|和|与|、)[{CJK}A-Za-z0-9（）()]{{1,20}}?|[^，。；,;\n]{{0,60}}?等[^，。；,;\n]{{0,10}}?)项目"
)


def _clause(text: str, start: int, end: int, ends: str = CLAUSE_END_CHARS) -> tuple[int, int]:
    """The clause (or, with ``ends``, the sentence) around ``text[start:end]``."""
    lo = max((text.rfind(c, 0, start) for c in ends + "\n"), default=-1) + 1
    after = [i for i in (text.find(c, end) for c in ends + "\n") if i >= 0]
    return lo, min(after, default=len(text))


def building_clause(text: str, start: int, end: int) -> bool:
    """Whether the clause of the work ``text[start:end]`` tells of building it.

    >>> building_clause("目前，鹤岭高速正加紧建设。", 3, 7)
    True
    >>> building_clause("鹤岭高速横贯全境。", 0, 4)
    False
    """
    lo, hi = _clause(text, start, end)
    return bool(
        _building().search(text, lo, start)
        or _building().search(text, end, hi)
        or _CALLED.match(text, end, hi)
    )


def _work_name(name: str) -> bool:
    """A name that ends with the head of a built work (公路, 高铁, 船闸 …)."""
    return role_word_set("built_work").longest_suffix(name) is not None


def _status_near(text: str, start: int, end: int) -> str | None:
    """The status word of the sentence nearest to the work, as ``projects.py`` reads one."""
    lo, hi = _clause(text, start, end, SENTENCE_END_CHARS)
    pattern, status_of = _status()
    found = [m for m in pattern.finditer(text, lo, hi) if not (start <= m.start() < end)]
    if not found:
        return None
    nearest = min(found, key=lambda m: min(abs(m.start() - end), abs(m.end() - start)))
    return status_of[nearest.group()]


def works(
    text: str,
    projects: Sequence[Project],
    places: Sequence[tuple[int, int]],
    figures: Sequence[Figure],
) -> tuple[list[Project], list[Location]]:
    """The projects, with the works in service taken out and the places being built added, and
    the works in service as places.  ``places`` are the place spans of the entity stage;
    ``figures`` the document's (a figure inside a name ties a size to the work)."""
    mentions: dict[str, list[tuple[int, int]]] = {}
    for p in projects:
        if _work_name(p.name):
            mentions.setdefault(p.name, []).append((p.start, p.end))
    for a, b in places:
        if _work_name(text[a:b]):
            mentions.setdefault(text[a:b], []).append((a, b))
    built = {
        name
        for name, spans in mentions.items()
        if any(building_clause(text, a, b) for a, b in spans)
    }
    sized = {
        p.name
        for p in projects
        if p.investment is not None
        or p.capacity is not None
        or any(p.start <= f.start and f.end <= p.end for f in figures)
    }
    kept = [p for p in projects if not _work_name(p.name) or p.name in built | sized]
    in_service = [
        Location(p.name, p.start, p.end, "work")
        for p in projects
        if _work_name(p.name) and p.name not in built | sized
    ]
    added = [
        Project(text[a:b], a, b, status=_status_near(text, a, b))
        for a, b in places
        if text[a:b] in built and not any(p.start <= a and b <= p.end for p in kept)
    ]
    return sorted([*kept, *added], key=lambda p: (p.start, p.end)), in_service
