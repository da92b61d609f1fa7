"""A company referred to by its head alone takes the name its sentence gave it (ANNOTATION.md §8:
the subject is the entity the figure is about).

Linking copies a subject verbatim, so a figure after ``该公司`` or ``公司`` gets that word.  When
the same sentence names an organisation before the reference (某电气公布中期业绩，该公司实现营业
收入…; 某科技发布公告，公司收益为0), the reference is that organisation, and the figure takes the
name: ``subject:named_company``.  A reference is a company or bank head of ``org_suffixes.tsv``
(公司, 集团, 银行 …) alone or after a determiner (该, 本: role ``determiner``).  The name is the
sentence's first organisation before the reference, its grammatical subject, not an outlet that
reports it nor an organ of government, party, court or congress (据某商务局介绍，…公司…:
an organ is no company; heads of those kinds in ``org_suffixes.tsv``), nor one inside an
adverbial (经某会计师事务所审计，公司实现净利润…: the auditor; ``bounds.adverbial_spans``).  The
issuer of an own report that opens a clause (``bounds.own_report_frames``: 某科技
公布的财务数据显示，…) is such an organisation, recognised or not: the words before the frame's
first verb, none a function word (``report_issuers``).  A reference in a sentence that names no
organisation before it, or that a sentence with no figure passed on (大会由公司监事会主持。到会
股东…), takes the last company its paragraph or the one before named before that sentence
(某某光电发布新品。公司负责人表示…; a lead paragraph governs the passage); one whose paragraphs
name none keeps its word (公司: a company's own summary names itself so).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from cnews_ie.backends.jieba_backend import common_word
from cnews_ie.bounds import adverbial_spans, own_report_frames
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.records import Figure
from cnews_ie.work import SentenceSpan, Token, sentence_finder, with_subjects

__all__ = ["company_subjects", "is_company_reference", "report_issuers", "with_issuers"]

# parts of speech no issuer's name holds: prepositions, particles, conjunctions, adverbs,
# pronouns, numerals, time words, localisers, classifiers (jieba's tags)
_NOT_IN_ISSUER = ("p", "u", "c", "d", "r", "m", "t", "f", "q")

_KINDS = ("company", "finance")
_ORGANS = ("government", "party", "judicial", "congress", "cppcc")  # they report, they sell not


@lexicon_cache
def _heads() -> frozenset[str]:
    return frozenset(head for head, kind in table("org_suffixes", 2) if kind in _KINDS)


@lexicon_cache
def _head_ends() -> tuple[str, ...]:
    return tuple(_heads())


@lexicon_cache
def _organ_heads() -> tuple[str, ...]:
    return tuple(head for head, kind in table("org_suffixes", 2) if kind in _ORGANS)


@lexicon_cache
def _other_heads() -> tuple[str, ...]:
    """Heads of organisations that are no company (局, 中心, 大学, 报 …): every head of
    ``org_suffixes.tsv`` of another kind."""
    return tuple(head for head, kind in table("org_suffixes", 2) if kind not in _KINDS)


def _company_like(name: str) -> bool:
    """A company's name: it ends with a company or bank head (某某有限公司, 某某银行), or it is a
    trade name, with no head of another kind and no common word (某某科技, 某某光电; not 董事会)."""
    if name.endswith(_head_ends()):
        return True
    return not name.endswith(_other_heads()) and not common_word(name)


def is_company_reference(subject: str | None) -> bool:
    """A company's head alone, or after one determiner (公司, 该公司, 该行)."""
    if not subject:
        return False
    if subject[0] in role_words("determiner") and subject[1:] in _heads():
        return True
    return subject in _heads()


def report_issuers(
    text: str,
    body: Sequence[tuple[int, SentenceSpan]],
    tokens: Mapping[int, Sequence[Token]],
) -> list[tuple[int, int]]:
    """The issuers of own reports in the ``body`` sentences (index, span), read over their
    stored words: from a frame's start to its first verb (某科技公布的财务数据显示 → 某科技)."""
    issuers = []
    for index, sentence in body:
        words = tokens.get(index, ())
        for start, end in own_report_frames(text, sentence.start, sentence.end):
            inside = [w for w in words if start <= w.start and w.end <= end]
            verb = next((k for k, w in enumerate(inside) if w.pos.startswith("v")), 0)
            if (
                verb
                and inside[0].start == start
                and inside[0].word not in role_words("own_report")  # 公告显示: no issuer named
                and not any(w.pos.startswith(_NOT_IN_ISSUER) for w in inside[:verb])
            ):
                issuers.append((start, inside[verb].start))
    return issuers


def with_issuers(
    organizations: Sequence[tuple[int, int]], issuers: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``organizations`` and ``issuers`` together, sorted, less a name inside an issuer."""
    kept = [o for o in organizations if not any(s <= o[0] and o[1] <= e for s, e in issuers)]
    return sorted({*kept, *issuers})


def company_subjects(
    text: str,
    sentences: Sequence[SentenceSpan],
    figures: Sequence[Figure],
    organizations: Sequence[tuple[int, int]],
) -> list[Figure]:
    """``figures`` with a company reference replaced by the organisation its sentence named
    before it (``organizations``: spans, sorted by start, no outlets), or, for a reference
    carried from an earlier sentence of the paragraph, by the name it stood for there."""
    chosen: dict[int, str] = {}
    named: dict[tuple[int, str], str] = {}  # (paragraph, reference) → the name it stood for
    block_starts: dict[int, int] = {}  # paragraph → its first sentence's start
    sentence_of = sentence_finder(sentences)
    starts = [s for s, _ in organizations]
    for fig in figures:
        if not is_company_reference(fig.subject):
            continue
        sentence = sentence_of(fig.start)
        if sentence is None or fig.subject is None:
            continue
        at = text.rfind(fig.subject, sentence.start, fig.start)
        if at < 0 and (sentence.block, fig.subject) in named:
            # carried from an earlier sentence: the name it stood for there
            chosen[id(fig)] = named[sentence.block, fig.subject]
            continue
        # the first organisation that starts in the sentence and ends before the reference
        # (organisations are sorted: those starting there are one slice)
        lo = bisect_left(starts, sentence.start)
        asides = adverbial_spans(text, sentence.start, at)  # 经某会计师事务所审计，公司…
        name = next(
            (
                text[s:e]
                for s, e in organizations[lo : bisect_right(starts, at)]
                if e <= at
                and not is_company_reference(text[s:e])
                and not text[s:e].endswith(_organ_heads())
                and not any(a <= s and e <= b for a, b in asides)
            ),
            None,
        )
        if name is not None:
            chosen[id(fig)] = named[sentence.block, fig.subject] = name
            continue
        # a sentence that names none, or a reference carried from one with no figure (大会由公司
        # 监事会主持。到会股东…), refers to the company its paragraph, or the one before,
        # named last (某某科技的产品…。每年，公司都投入…; 某集团公告…。⏎报告期内，…公司…)
        if not block_starts:
            for span in sentences:
                block_starts[span.block] = min(span.start, block_starts.get(span.block, span.start))
        lead = max((b for b in block_starts if b < sentence.block), default=sentence.block)
        first = block_starts[lead]
        lo, hi = bisect_left(starts, first), bisect_right(starts, sentence.start)
        last = next(  # the last such organisation: the slice read backwards
            (
                text[s:e]
                for s, e in reversed(organizations[lo:hi])
                if e <= sentence.start
                and not is_company_reference(text[s:e])
                and _company_like(text[s:e])
            ),
            None,
        )
        if last is not None:
            chosen[id(fig)] = named[sentence.block, fig.subject] = last
    return with_subjects(figures, chosen, "subject:named_company", instead=True)
