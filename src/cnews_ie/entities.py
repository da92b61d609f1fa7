"""People, organisations and locations from tagged spans.

The NER backend proposes (label, start, end) spans; :func:`apply_lexicons` completes them with
the place and organisation lexicons (``gazetteer.py``); :func:`build_entities` applies the one
overlap policy (:func:`filter_spans`: longest first, then earliest), drops spans that cannot be
names, and builds the records.
"""

from __future__ import annotations

from collections.abc import Iterable

from cnews_ie.gazetteer import extend_organization, extend_place, place_spans
from cnews_ie.records import Location, Organization, Person

__all__ = ["apply_lexicons", "build_entities", "filter_spans"]

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


def _plausible(label: str, name: str) -> bool:
    stripped = name.strip()
    if len(stripped) < 2 and label != "LOC":
        return False
    return not any(c in "，。、；：？！“”《》（）\n" for c in stripped)


def apply_lexicons(text: str, spans: Iterable[Span]) -> list[Span]:
    """Complete model spans with the lexicons and add places the model missed.

    Model place spans are extended to the division name they start (金昌 → 金昌市, 河西堡 →
    河西堡镇 only where the text says 河西堡镇); organisation spans take a following
    organisation head (金川集团 + 公司); division names of county level and above that the model
    missed are added with source ``gazetteer``.
    """
    major, minor = place_spans(text)
    township_at = dict(minor)
    out: list[Span] = []
    for label, start, end, source in spans:
        if label == "LOC":
            end = max(extend_place(text, start, end), township_at.get(start, end))
        elif label == "ORG":
            end = extend_organization(text, start, end)
        out.append((label, start, end, source))
    out.extend(("LOC", start, end, "gazetteer") for start, end in major)
    return out


def build_entities(
    found: Iterable[tuple[str, str, int, int, str]],
) -> tuple[tuple[Person, ...], tuple[Organization, ...], tuple[Location, ...]]:
    """Records from (label, name, start, end, source) spans, after the overlap policy."""
    by_span: dict[tuple[str, int, int], tuple[str, str]] = {}
    for label, name, start, end, source in found:
        by_span.setdefault((label, start, end), (name, source))
    people: list[Person] = []
    organizations: list[Organization] = []
    locations: list[Location] = []
    for label, start, end in filter_spans(by_span):
        name, source = by_span[(label, start, end)]
        if not _plausible(label, name):
            continue
        if label == "PER":
            people.append(Person(name, start, end, source))
        elif label == "ORG":
            organizations.append(Organization(name, start, end, source))
        elif label == "LOC":
            locations.append(Location(name, start, end, source))
    return tuple(people), tuple(organizations), tuple(locations)
