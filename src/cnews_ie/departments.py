"""Departments that act as a clause's agent (全省税务部门组织税收收入…; 海关部门派出专班…): the
department is the entity the clause's figures are about (ANNOTATION.md §8: the subject is the
entity the figure is about, copied verbatim), for linking only.

A department is a noun of the segmentation ending with a word of role ``department_head`` (部门,
机关), with one noun before it that names its field (税务 + 部门), or up to four words of nouns,
verbal nouns and distinguishing words with a conjunction between two (智能终端设备部门, 家用及
商用空调部门: a company's divisions), or written whole (公安机关), that
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
# a field of more words may hold verbal nouns, distinguishing words and a conjunction between
# two of them (智能终端设备部门, 家用及商用空调部门: a company's divisions)
_FIELD_TAGS = (*_NOUN_TAGS, "vn", "b")
_FIELD_WORDS = 5  # the most words of a department: its field, a conjunction, its head


def _field(words: Sequence[Token], whole: bool) -> bool:
    """Words that name a department's field and head (``whole``; else the words so far): nouns
    only for two words (税务 + 部门), also verbal nouns, distinguishing words and a conjunction
    inside for more."""
    if whole and len(words) <= 2:
        return all(w.pos.startswith(_NOUN_TAGS) for w in words)
    last = words[-1:] if whole else []  # the words so far may end with the conjunction
    inner = [
        w for w in words[1 : len(words) - len(last)] if w.word not in role_words("joins_figures")
    ]
    return all(w.pos.startswith(_FIELD_TAGS) for w in (words[0], *inner, *last))


def _department_end(words: Sequence[Token], k: int) -> int | None:
    """The index after a department whose words start at ``words[k]``, if a verb follows it."""
    for at in range(k, k + _FIELD_WORDS):
        if at + 1 >= len(words) or not _field(words[k : at + 1], whole=False):
            return None
        if words[at].word.endswith(role_tuple("department_head")):
            if not _field(words[k : at + 1], whole=True):
                return None
            # not the verb of a modifier that 的 closes (税务部门监测的企业: the firms)
            modifier = at + 2 < len(words) and words[at + 2].word == "的"
            return at + 1 if words[at + 1].pos.startswith("v") and not modifier else None
    return None


def department_spans(text: str, tokens: Mapping[int, Sequence[Token]]) -> list[tuple[int, int]]:
    """The spans of departments that open a clause of the segmented sentences as its agent."""
    found = []
    heads = role_words("department_head")
    for words in tokens.values():
        if not words or all(text.find(h, words[0].start, words[-1].end) < 0 for h in heads):
            continue  # no head written in the sentence (most): no department ends there
        for k in clause_openings(text, words):
            at = k + 1 if k < len(words) and words[k].word in subject_words() else k
            at = at + 1 if at < len(words) and words[at].pos == "r" else at  # 各级
            end = _department_end(words, at)
            # not a head alone (部门): a department is named by its field
            if end is not None and text[words[at].start : words[end - 1].end] not in heads:
                found.append((words[k].start, words[end - 1].end))
    return found
