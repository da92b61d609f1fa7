"""Organisations and locations from tagged spans, and the one overlap policy.

The NER backend proposes (label, start, end) spans; :func:`apply_lexicons` completes them with
the place and organisation lexicons (``gazetteer.py``); the entity stage keeps the spans that
:func:`filter_spans` chooses (longest first, then earliest: the one overlap policy, applied once)
and :func:`parent_organizations` adds the parents named inside kept organisations;
:func:`build_entities` drops names that cannot be names (:func:`plausible_name`) and builds the
records.  People are built with their titles by the titles stage.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from cnews_ie.gazetteer import (
    company_spans,
    extend_organization,
    extend_place,
    is_place_name,
    parent_organization_end,
    place_spans,
)
from cnews_ie.lexicons import role_words
from cnews_ie.patterns import BRACKETS, CLAUSE_END_CHARS, COMMAS, QUOTES
from cnews_ie.records import Location, Organization
from cnews_ie.titles import name_after_title
from cnews_ie.work import EntitySpan

__all__ = [
    "SpanIndex",
    "apply_lexicons",
    "build_entities",
    "filter_spans",
    "parent_organizations",
    "plausible_name",
]

Span = tuple[str, int, int, str]  # label, start, end, source


def filter_spans(spans: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Keep non-overlapping spans: longest first, then earliest (spaCy's filter_spans).

    >>> filter_spans([("LOC", 0, 3), ("ORG", 0, 5), ("PER", 4, 7), ("PER", 6, 8)])
    [('ORG', 0, 5), ('PER', 6, 8)]
    """
    chosen: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for label, start, end in sorted(spans, key=lambda s: (-(s[2] - s[1]), s[1])):
        if end <= start or any(i in taken for i in range(start, end)):
            continue
        chosen.append((label, start, end))
        taken.update(range(start, end))
    return sorted(chosen, key=lambda s: (s[1], s[2]))


# what a model span may pick up at its edges, and what never stands inside a name
_EDGE = frozenset(
    " \u3000\t\n" + CLAUSE_END_CHARS + COMMAS + "." + QUOTES + "'‘’" + BRACKETS + "-—"
)
_INSIDE = frozenset(CLAUSE_END_CHARS + COMMAS + "“”《》\n")


class SpanIndex:
    """(start, end) spans sorted by start, to fetch those that may touch ``[lo, hi)`` without
    scanning them all: linking and project search ask once per figure or head, so a scan would
    make a long document quadratic (found on a 1 MB statistical text: 10 s, now linear)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self._starts = [a for a, _ in self.spans]
        self._longest = max((b - a for a, b in self.spans), default=0)

    def near(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that start before ``hi`` and end after ``lo - 1`` (a superset of those
        overlapping or inside ``[lo, hi)``, in start order)."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        return [(a, b) for a, b in self.spans[first:last] if b >= lo]


def _trim(text: str, label: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, spaces and prepositions a model span picked up at its edges."""
    while start < end and (
        text[start] in _EDGE or text[start].isspace() or _invisible(text[start])
    ):
        start += 1
    while end > start and (
        text[end - 1] in _EDGE or text[end - 1].isspace() or _invisible(text[end - 1])
    ):
        end -= 1
    # a place or organisation name does not start with a preposition (以河湖 → 河湖); a person's
    # name may (于晓明)
    if label != "PER" and end - start > 2 and text[start] in role_words("leading_preposition"):
        start += 1
    return start, end


def _cuts_a_token(text: str, start: int) -> bool:
    """The span starts inside a Latin or digit token (2GWh → 'Wh…')."""
    return (
        start > 0
        and text[start - 1].isascii()
        and text[start - 1].isalnum()
        and text[start].isascii()
    )


def _invisible(char: str) -> bool:
    """Control, format (zero-width, bidi), surrogate and private-use characters."""
    return unicodedata.category(char).startswith("C")


def plausible_name(name: str) -> bool:
    """One character is never a name we report (中, 俄 as abbreviations); sentence punctuation
    inside a span means the model ran across two phrases."""
    return len(name) >= 2 and not any(
        c in _INSIDE or (c.isspace() and c != " ") or _invisible(c) for c in name
    )


def apply_lexicons(text: str, spans: Iterable[Span]) -> list[Span]:
    """Complete model spans with the lexicons and add places the model missed.

    Model place spans are extended to the division name they start (金昌 → 金昌市, 河西堡 →
    河西堡镇 only where the text says 河西堡镇); organisation spans take a following
    organisation head (金川集团 + 公司); a place span right after a person's title that is not a
    known place is a person (俄罗斯总统 + 普京); division names of county level and above that the model
    missed, and company names that start with one (``company_spans``), are added with source
    ``gazetteer``.
    """
    major, minor = place_spans(text)
    township_at = dict(minor)
    out: list[Span] = []
    for label, start, end, source in spans:
        start, end = _trim(text, label, start, end)
        if start >= end or _cuts_a_token(text, start):
            continue
        if label != "PER" and text.endswith(tuple(role_words("names_a_project")), start, end):
            continue  # …电池项目, 教育训练基地: a project (see projects.py), not a place or body
        named = label == "LOC" and name_after_title(text, start, end)
        if named and not is_place_name(text[start:end]):
            label = "PER"  # 俄罗斯总统普京: a name after a title, whatever the model says
        if label == "LOC":
            end = max(extend_place(text, start, end), township_at.get(start, end))
        elif label == "ORG":
            end = extend_organization(text, start, end)
        out.append((label, start, end, source))
    out.extend(("LOC", start, end, "gazetteer") for start, end in major)
    out.extend(("ORG", start, end, "gazetteer") for start, end in company_spans(text))
    return out


def parent_organizations(
    text: str, spans: Iterable[tuple[str, int, int]]
) -> list[tuple[str, int, int, str]]:
    """Parents named at the start of an organisation: 兰石集团能源装备研究院 → 兰石集团.

    An organisation whose name starts with a group, company or university name followed by a
    sub-unit also mentions that parent; it is reported as its own organisation (source
    ``parent``), nested in the longer span.  This is the one place where entity spans overlap.
    """
    out: list[tuple[str, int, int, str]] = []
    for label, start, end in spans:
        if label != "ORG":
            continue
        parent_end = parent_organization_end(text, start, end)
        if parent_end is not None:
            out.append(("ORG", start, parent_end, "parent"))
    return out


def build_entities(
    text: str, kept: Sequence[EntitySpan], parents: Sequence[EntitySpan]
) -> tuple[tuple[Organization, ...], tuple[Location, ...]]:
    """Organisation and location records of the spans the overlap policy ``kept`` and of the
    parent organisations nested in them (``parents``), in text order; names that cannot be names
    (:func:`plausible_name`) are dropped.  People are built with their titles (``titles.py``)."""
    organizations: list[Organization] = []
    locations: list[Location] = []
    for span in sorted((*kept, *parents), key=lambda s: (s.start, s.end)):
        name = text[span.start : span.end]
        if not plausible_name(name):
            continue
        if span.label == "ORG":
            organizations.append(Organization(name, span.start, span.end, span.source))
        elif span.label == "LOC":
            locations.append(Location(name, span.start, span.end, span.source))
    return tuple(organizations), tuple(locations)
