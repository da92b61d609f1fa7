"""A company referred to by its head alone takes the name its sentence gave it (ANNOTATION.md §8:
the subject is the entity the figure is about).

Linking copies a subject verbatim, so a figure after ``该公司`` or ``公司`` gets that word.  When
the same sentence names an organisation before the reference (某电气公布中期业绩，该公司实现营业
收入…; 某科技发布公告，公司收益为0), the reference is that organisation, and the figure takes the
name: ``subject:named_company``.  A reference is a company or bank head of ``org_suffixes.tsv``
(公司, 集团, 银行 …) alone or after a determiner (该, 本: role ``determiner``).  The name is the
sentence's first organisation before the reference, its grammatical subject, not an outlet that
reports it.  A reference in a sentence that names no organisation keeps its word (公司: a
company's own summary names itself so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.records import Figure
from cnews_ie.work import SentenceSpan, relinked, with_base

__all__ = ["company_subjects", "is_company_reference"]

_KINDS = ("company", "finance")


@lexicon_cache
def _heads() -> frozenset[str]:
    return frozenset(head for head, kind in table("org_suffixes", 2) if kind in _KINDS)


def is_company_reference(subject: str | None) -> bool:
    """A company's head alone, or after one determiner (公司, 该公司, 该行)."""
    if not subject:
        return False
    if subject[0] in role_words("determiner") and subject[1:] in _heads():
        return True
    return subject in _heads()


def company_subjects(
    text: str,
    sentences: Sequence[SentenceSpan],
    figures: Sequence[Figure],
    organizations: Sequence[tuple[int, int]],
) -> list[Figure]:
    """``figures`` with a company reference replaced by the organisation its sentence named
    before it (``organizations``: spans, sorted, no outlets)."""
    chosen: dict[int, str] = {}
    for fig in figures:
        if not is_company_reference(fig.subject):
            continue
        sentence = next((s for s in sentences if s.start <= fig.start < s.end), None)
        if sentence is None or fig.subject is None:
            continue
        at = text.rfind(fig.subject, sentence.start, fig.start)
        if at < 0:
            continue
        names = [
            text[s:e]
            for s, e in organizations
            if sentence.start <= s and e <= at and not is_company_reference(text[s:e])
        ]
        if names:
            chosen[id(fig)] = names[0]
    if not chosen:
        return list(figures)

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        if id(fig) not in chosen:
            return with_base(fig, base)
        links = (*(r for r in fig.links if not r.startswith("subject:")), "subject:named_company")
        return replace(fig, base=base, subject=chosen[id(fig)], links=links)

    return relinked(figures, rebuild)[0]
