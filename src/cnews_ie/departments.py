"""Departments that act as a clause's agent (全省税务部门组织税收收入…; 海关部门派出专班…): the
department is the entity the clause's figures are about (ANNOTATION.md §8: the subject is the
entity the figure is about, copied verbatim), for linking only.

A department is a noun of the segmentation ending with a word of role ``department_head`` (部门,
机关), with one noun before it that names its field (税务 + 部门) or written whole (公安机关), that
opens a clause (after its period and time words: ``topics.clause_openings``), after a subject
word of ``subjects.tsv`` (全国, 全省) and a pronoun of levels or kinds (各级) if any, and that a
verb follows, no 的 after that verb (税务部门监测的企业…: a modifier of the firms): it is the
clause's agent.  The subject word before it is part of the name (全省税务
部门), as a place after a subject word is (我省长株潭地区)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.subjects import subject_words
from cnews_ie.topics import clause_openings
from cnews_ie.work import Token

__all__ = ["department_spans"]

_NOUN_TAGS = ("n", "nz", "ns", "j")  # jieba: nouns, names, places (海关), abbreviations


def _department_end(words: Sequence[Token], k: int) -> int | None:
    """The index after a department whose words start at ``words[k]``, if a verb follows it."""
    for at in (k, k + 1):
        if at + 1 >= len(words) or not all(w.pos.startswith(_NOUN_TAGS) for w in words[k : at + 1]):
            return None
        if words[at].word.endswith(role_tuple("department_head")):
            # not the verb of a modifier that 的 closes (税务部门监测的企业: the firms)
            modifier = at + 2 < len(words) and words[at + 2].word == "的"
            return at + 1 if words[at + 1].pos.startswith("v") and not modifier else None
    return None


def department_spans(text: str, tokens: Mapping[int, Sequence[Token]]) -> list[tuple[int, int]]:
    """The spans of departments that open a clause of the segmented sentences as its agent."""
    found = []
    heads = role_words("department_head")
    for words in tokens.values():
        for k in clause_openings(text, words) if words else ():
            at = k + 1 if k < len(words) and words[k].word in subject_words() else k
            at = at + 1 if at < len(words) and words[at].pos == "r" else at  # 各级
            end = _department_end(words, at)
            # not a head alone (部门): a department is named by its field
            if end is not None and text[words[at].start : words[end - 1].end] not in heads:
                found.append((words[k].start, words[end - 1].end))
    return found
