"""Figures of one project take the project's name as their subject (ANNOTATION.md §8).

Linking runs before projects are found, so a figure about a project first gets the nearest place
or company as its subject (漳浦县, 广源集团).  Once the ``projects`` stage has named the projects,
this stage gives a project's name to the figures that are about it:

``subject:project``           the figure is the project's investment or capacity.
``subject:project_sentence``  the figure comes after the project's name in the same sentence, and
                              the project is that sentence's topic: its name opens the sentence or
                              a clause of it (星河…项目正式开工，计划投资6亿元), it is no
                              preposition's object (银行向…项目发放贷款1亿元: the bank lends) nor a
                              member of a list the figure counts in its clause (甲项目等5个项目),
                              it is the last
                              such project before the figure, no subject is written between the
                              name and the figure, and the figure is inside no project's name nor
                              a count of projects (在建和投产的项目合计8个: a batch).
``subject:project_attribute`` the figure modifies the name through 的, a verb of building before
                              it or not (计划投资1.2亿元的某某项目, 拟出资8000万元新建的某某项目);
                              a project so modified right after a clause's opening verb heads
                              that clause, its topic for ``subject:project_sentence``.
``subject:project_name``      the figure is written inside the name and linking gave it a part of
                              the name as subject (江州 of 青川至江州2000吨级航道工程), or none
                              where the name does not open with it (年产5万吨 of
                              年产5万吨锂电池隔膜项目; not 4万吨/年 of …、4万吨/年…及配套工程).
``subject:project_part``      else, a figure whose subject the text writes only inside project
                              names (甘肃某某峡 of 甘肃某某峡水库工程, carried to the next
                              sentence) takes the nearest such name before it; not a division
                              or a subject word (a county holds projects), a count of projects or a figure inside
                              a name.
``subject:from_base``         a rate that follows its base figure's subject keeps following it.

A project is named wherever its name is written again, and where a sentence or clause opens
with a reference to the last project of its paragraph or the one before (该项目, 该码头, 项目
全部竣工后): ``subject:project_sentence`` reads those places too.

A built work in service (a place of source ``work``, ``works.py``) is named like a project here.

A figure written inside the project's name whose subject is the owner opening the name (年产5万吨
of 远帆集团年产5万吨新型建材项目) keeps that owner.

Figures are frozen records that other records refer to (a rate's ``base``, a project's
``investment`` and ``capacity``), so they are rebuilt with ``work.relinked``, as
``work.to_document`` rebuilds them, and every reference moves to the new record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CLAUSE_END_CHARS, QUOTES, alternation
from cnews_ie.records import Figure, FigureKind, Project
from cnews_ie.subjects import subject_words
from cnews_ie.work import Work, relinked, with_base

__all__ = ["project_subjects"]


def _sentence_of(starts: Sequence[int], ends: Sequence[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < ends[i] else None


def _recipient(project: Project, text: str) -> bool:
    """The project is the object of a preposition (银行向…项目发放贷款): it receives, the agent
    written before the preposition is the subject."""
    before = text[max(0, project.start - 2) : project.start].rstrip("".join(QUOTES))
    return before[-1:] in role_words("recipient_preposition")


def _part_of_name(subject: str | None, project: Project) -> bool:
    """The subject linking gave a figure inside a project's name is a part of that name after
    its start (青川至江州 of 某某航运干线青川至江州2000吨级航道工程): the figure describes the whole
    project.  An owner opening the name (远帆集团 of 远帆集团年产5万吨…项目) stays."""
    if not subject:
        return False
    return subject in project.name[1:] and not project.name.startswith(subject)


def _attributive(fig: Figure, project: Project, text: str) -> bool:
    """The figure modifies the project's name through 的 (计划投资1.2亿元的某某技改项目, 年产6万吨的
    某某材料项目): it is a figure of the project."""
    between = text[fig.end : project.start].strip().rstrip("".join(QUOTES))
    if fig.end > project.start:
        return False
    if between in role_words("attributive"):
        return True
    # 拟出资8000万元新建的某某项目: a verb of building and 的 between
    mark = between[-1:]
    return mark in role_words("attributive") and between[:-1] in role_words("builds_a_work")


_HEAD_REACH = 6  # the longest verb before a clause's attributive figure (计划总投资)


def _heads_clause(fig: Figure, text: str) -> bool:
    """The attributive figure opens its clause after a short verb at most (拟出资8000万元新建的…
    项目，年底已投入…): the project it modifies heads the clause, its topic."""
    at = fig.start
    while at > 0 and fig.start - at <= _HEAD_REACH and text[at - 1] not in CLAUSE_END_CHARS:
        at -= 1
    return at == 0 or text[at - 1] in CLAUSE_END_CHARS


def _listed(project: Project, fig: Figure, text: str) -> bool:
    """The project is a member of a list that the figure counts (某某小镇等156个重点项目): the
    list is closed in the figure's clause (not 某工程兼顾防洪、航运等功能，…可供9万户…)."""
    between = text[project.end : fig.start]
    if any(c in CLAUSE_END_CHARS for c in between):
        return False
    return any(word in between for word in role_words("closes_list"))


def _topic(project: Project, text: str, sentence_start: int) -> bool:
    """The project's name opens its sentence or a clause of it (after a comma, not the
    enumeration comma of a list)."""
    before = text[sentence_start : project.start].rstrip("".join(QUOTES)).rstrip()
    return not before or before[-1] in CLAUSE_END_CHARS


def _subject_written_after(fig: Figure, project: Project, text: str) -> bool:
    """The figure's own subject is written between the project's name and the figure."""
    if fig.subject is None or not any(link.startswith("subject:before") for link in fig.links):
        return False
    return text.find(fig.subject, project.end, fig.start) >= 0


def _choose(work: Work) -> dict[int, tuple[str, str]]:
    """``id(figure) -> (project name, rule)`` for the figures about one project."""
    chosen: dict[int, tuple[str, str]] = {}
    headed: set[int] = set()  # projects that head their clause after an attributive figure
    text = work.repaired
    projects = _named(work)
    if not projects:
        return chosen  # no project (most texts): nothing below finds one
    for project in projects:
        for fig in (project.investment, project.capacity):
            if fig is not None and not project.start <= fig.start < project.end:
                chosen[id(fig)] = (project.name, "subject:project")
    for project in projects:
        for fig in work.figures:
            if project.start <= fig.start < project.end and id(fig) not in chosen:
                # a name that opens with the figure is often an item of a list (…、4万吨/年…工程)
                unnamed = fig.subject is None and fig.start > project.start
                if unnamed or _part_of_name(fig.subject, project):
                    chosen[id(fig)] = (project.name, "subject:project_name")
            elif _attributive(fig, project, text):  # before any project that lists it
                chosen[id(fig)] = (project.name, "subject:project_attribute")
                if _heads_clause(fig, text):
                    headed.add(project.start)
    sentences = work.sentences
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    by_sentence: dict[int, list[Project]] = {}
    mentions = _mentions(work, projects)
    for project in mentions:
        index = _sentence_of(starts, ends, project.start)
        if index is not None:
            by_sentence.setdefault(index, []).append(project)
    for fig in work.figures:
        if id(fig) in chosen:
            continue
        index = _sentence_of(starts, ends, fig.start)
        if index is None or any(p.start <= fig.start < p.end for p in by_sentence.get(index, ())):
            continue  # a figure inside a name is that name's (subject:project_name) or its owner's
        if _counts_projects(fig):
            continue  # 在建和投产的项目合计8个: a batch is about who holds it, not one project
        topics = [
            p
            for p in by_sentence.get(index, ())
            if p.end <= fig.start
            and not _recipient(p, text)
            and (_topic(p, text, starts[index]) or p.start in headed)
            and not _listed(p, fig, text)
        ]
        if topics and not _subject_written_after(fig, topics[-1], text):
            chosen[id(fig)] = (topics[-1].name, "subject:project_sentence")
    for fig in work.figures:
        if id(fig) not in chosen and (whole := _whole_name(fig, mentions, text)):
            chosen[id(fig)] = (whole, "subject:project_part")
    return chosen


def _whole_name(fig: Figure, mentions: Sequence[Project], text: str) -> str | None:
    """The project whose name holds the figure's subject, where the text writes that subject
    only inside project names (甘肃某某峡 of 甘肃某某峡水库工程, carried to 目前施工方已投入大型机械
    80台): the place opens the name, the figure is about the project (ANNOTATION.md §8).  The
    nearest such name before the figure."""
    subject = fig.subject
    if not subject or _division(subject) or subject in subject_words() or _counts_projects(fig):
        return None  # a division holds projects (青川县抓项目建设…); a batch is no project's
    if any(p.start <= fig.start < p.end for p in mentions):
        return None  # a figure inside a name keeps the owner that opens it (远帆集团年产5万吨…项目)
    holding = [p for p in mentions if subject in p.name]
    if not holding:
        return None
    at = text.find(subject)
    while at >= 0:
        if not any(p.start <= at and at + len(subject) <= p.end for p in holding):
            return None  # written on its own too: a name of its own
        at = text.find(subject, at + 1)
    before = [p for p in holding if p.end <= fig.start]
    return before[-1].name if before else None


def _division(name: str) -> bool:
    """A division's name, or a county's, city's or district's without its level word (启东)."""
    return is_place_name(name) or any(is_place_name(name + level) for level in "市县区")


def _counts_projects(fig: Figure) -> bool:
    """A count whose indicator ends with a project head (签约项目, 在建的工程): it counts a batch
    (ANNOTATION.md §8: aggregated project batches get the place that holds them)."""
    metric = fig.metric
    return fig.kind is FigureKind.COUNT and metric is not None and metric.endswith(_heads())


@lexicon_cache
def _heads() -> tuple[str, ...]:
    return tuple(h for h, kind in table("project_heads", 2) if kind == "head")


def _named(work: Work) -> list[Project]:
    """The projects, and the built works in service the projects stage made places
    (``works.py``, source ``work``): a figure about such a work takes its name all the same."""
    works = [Project(p.name, p.start, p.end) for p in work.locations if p.source == "work"]
    return [*work.projects, *works]


def _mentions(work: Work, projects: Sequence[Project]) -> list[Project]:
    """Every place a project is named: each occurrence of a found project's name (a name found
    once is the same name where written again), and each reference to the last project named
    in its paragraph or the one before: a head of ``project_heads.tsv`` that opens a sentence
    or clause, alone or after a determiner (该项目, 该码头, 项目全部竣工后: role
    ``anaphoric_determiner``), when that project's name holds the head (``projects``: those
    of :func:`_named`)."""
    text = work.repaired
    found = {(p.start, p.end): p for p in projects}
    for project in projects:
        at = text.find(project.name)
        while at >= 0:
            end = at + len(project.name)
            found.setdefault((at, end), replace(project, start=at, end=end))
            at = text.find(project.name, at + 1)
    named = sorted(found.values(), key=lambda p: p.start)
    block_at = [(s.start, s.end, s.block) for s in work.sentences]
    for start, end, block in block_at:
        for m in _reference().finditer(text, start, end):
            if not (m.start() == start or text[m.start() - 1] in CLAUSE_END_CHARS):
                continue
            before = [
                p
                for p in named
                if p.end <= m.start()
                and m.group("head") in p.name
                and _block(block_at, p.start) in (block, block - 1)
            ]
            if before:
                name = before[-1]
                found[(m.start(), m.end())] = replace(name, start=m.start(), end=m.end())
    return sorted(found.values(), key=lambda p: p.start)


def _block(spans: Sequence[tuple[int, int, int]], at: int) -> int:
    return next((b for s, e, b in spans if s <= at < e), -2)


@lexicon_cache
def _reference() -> re.Pattern[str]:
    determiners = alternation(role_words("anaphoric_determiner"))
    heads = alternation(h for h, kind in table("project_heads", 2) if kind == "head")
    return re.compile(rf"(?:{determiners})?(?P<head>{heads})")


def project_subjects(work: Work) -> Work:
    """The ``project_subjects`` stage: see the module docstring."""
    chosen = _choose(work)
    if not chosen:
        return work

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        if id(fig) in chosen:
            name, rule = chosen[id(fig)]
            return replace(fig, base=base, subject=name, links=_relinked(fig.links, rule))
        if base is not None and "subject:from_base" in fig.links:
            return replace(fig, base=base, subject=base.subject)
        return with_base(fig, base)

    figures, by_id = relinked(work.figures, rebuild)
    work.figures = tuple(figures)
    work.projects = tuple(
        replace(
            p,
            investment=None if p.investment is None else by_id[id(p.investment)],
            capacity=None if p.capacity is None else by_id[id(p.capacity)],
        )
        for p in work.projects
    )
    return work


def _relinked(links: tuple[str, ...], rule: str) -> tuple[str, ...]:
    return (*(link for link in links if not link.startswith("subject:")), rule)
