"""Organisation mentions the model's spans leave out.

:func:`short_forms`: the short forms of companies a text names in full, where it uses them on
their own.  :func:`repeated_organizations`: where the name of a kept organisation span is written again,
it is that organisation there too, in place of the shorter spans the model gave inside it
(国开行湖南分行 tagged once as an organisation, and once only its place 湖南).  Names before
stock codes are :mod:`cnews_ie.listed_companies`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence

from cnews_ie.gazetteer import (
    company_heads,
    extend_organization,
    facility_name,
    place_before,
    short_company_names,
)
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CJK, alternation
from cnews_ie.spans import SpanIndex

__all__ = ["bracketed_short_forms", "repeated_organizations", "short_forms"]

Span = tuple[str, int, int]  # label, start, end

# names this short may be written inside other words (华远 of 华远商业); four characters and
# more are taken wherever they are written
_MIN_CHARS = 4


def repeated_organizations(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each further mention of an organisation name of four characters or more
    as an organisation span, where no span crosses the mention's edges (the spans inside it,
    a place or a shorter name: 农发行 + 湖南 + 分行, give way)."""
    names = {text[s:e] for label, s, e in spans if label == "ORG" and e - s >= _MIN_CHARS}
    if not names:
        return list(spans)
    # the spans by start (then end, then the order they came in, which the result keeps for
    # spans of one extent), so that those touching a mention are found by binary search
    taken = sorted((s, e, k, (label, s, e)) for k, (label, s, e) in enumerate(spans))
    starts = [t[0] for t in taken]
    longest = max((e - s for _, s, e in spans), default=0)
    found = 0
    for name in sorted(names, key=lambda n: (-len(n), n)):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            near = range(bisect_right(starts, at - longest), bisect_left(starts, end))
            touching = [k for k in near if at < taken[k][1]]
            if all(at <= taken[k][0] and taken[k][1] <= end for k in touching) and not any(
                taken[k][3] == ("ORG", at, end) for k in touching
            ):
                for k in reversed(touching):
                    del taken[k], starts[k]
                found += 1
                k = bisect_left(taken, (at, end, len(spans) + found))
                taken.insert(k, (at, end, len(spans) + found, ("ORG", at, end)))
                starts.insert(k, at)
                longest = max(longest, end - at)
            at = text.find(name, end)
    return [t[3] for t in taken] if found else list(spans)


def short_forms(text: str, spans: Sequence[Span]) -> list[Span]:
    """Short forms of the companies a text names in full, where the text uses them on their own
    (江苏盐城恒泰实业公司 … 恒泰; 华远建设集团有限公司 … 华远集团, 华远): an organisation span
    (with a following organisation head, and the place written before it: 上海其辰), in place of
    a person or place span the model gave it; never inside another organisation, a longer name or
    place, nor where the text goes on as the full name does (江华 of 江华海螺…)."""
    full = {text[s : _company_end(text, s, e)] for label, s, e in spans if label == "ORG"}
    # each short form, with the characters that continue it in a full name: an occurrence that
    # goes on with one is the start of a longer name (江华 of 江华海螺…), not the short form
    forms: dict[str, set[str]] = {}
    for name in full:
        for form in short_company_names(name):
            if facility_name(form):
                continue  # 某某港 of 某某港集团有限公司: the port, a place
            at = name.find(form)
            forms.setdefault(form, set()).add(name[at + len(form) : at + len(form) + 1])
    for form in bracketed_short_forms(text, spans):
        forms.setdefault(form, set())
    for name in full:
        forms.pop(name, None)
    if not forms:
        return list(spans)
    # spans by start, found by binary search: a span holding or crossing a mention starts at
    # most its longest length before the mention ends
    taken = sorted((s, e) for label, s, e in spans if label == "ORG")
    wider = sorted((s, e) for label, s, e in spans if label != "ORG")
    wide = max((e - s for s, e in wider), default=0)
    longest = max((e - s for s, e in taken), default=0)
    found: list[Span] = []
    for form in sorted(forms, key=len, reverse=True):
        at = text.find(form)
        while at >= 0:
            end = extend_organization(text, at, at + len(form))
            goes_on = text[at + len(form) : at + len(form) + 1] in forms[form] - {""}
            holders = wider[bisect_left(wider, (end - wide,)) : bisect_left(wider, (at + 1,))]
            inside = any(end <= b and (a, b) != (at, end) for a, b in holders)
            crossing = taken[bisect_left(taken, (at - longest + 1,)) : bisect_left(taken, (end,))]
            # a shorter organisation span inside the mention gives way (天禾 of 天禾水泥…)
            crosses = any(
                (at < b and not (at <= a and b <= end)) or (a, b) == (at, end) for a, b in crossing
            )
            if not goes_on and not inside and not crosses:
                start = at - len(place_before(text, at))  # 上海 + 其辰: the place stays
                found.append(("ORG", start, end))
                insort(taken, (start, end))
                longest = max(longest, end - start)
            at = text.find(form, at + len(form))
    near = SpanIndex((a, b) for _, a, b in found).near  # the mentions near each span
    out = [s for s in spans if not any(a < s[2] and s[1] < b for a, b in near(s[1], s[2]))]
    return sorted([*out, *found], key=lambda s: (s[1], s[2]))


def _company_end(text: str, start: int, end: int) -> int:
    """End of the company name an organisation span starts with where a body of the company
    follows its head inside the span (…有限责任公司 + 党委: the model ran the name into the post
    after it); else ``end``."""
    name = text[start:end]
    if not _company_head().search(name):
        return end  # no company head in it (most names)
    last = max((name.rfind(h) + len(h) for h in company_heads() if h in name), default=0)
    rest = name[last:]
    bodies = _company_bodies()
    return (
        start + last if last and (rest in role_words("organ_of_company") or rest in bodies) else end
    )


@lexicon_cache
def _company_head() -> re.Pattern[str]:
    return re.compile(alternation(company_heads()) or "(?!)")


@lexicon_cache
def _company_bodies() -> frozenset[str]:
    """Heads of a party or mass body inside a company (党委, 工会): ``org_suffixes.tsv``."""
    return frozenset(s for s, kind in table("org_suffixes", 2) if kind in ("party", "mass"))


# a bracket that defines a short form: （某某）, （简称某某）, （以下简称“某某”）
_BRACKET = re.compile(rf"[(（](?:(?:以下)?简称)?[“\"]?(?P<form>[{CJK}]{{2,8}})[”\"]?[)）]")


def bracketed_short_forms(text: str, spans: Sequence[Span]) -> list[str]:
    """Short forms a bracket right after an organisation's name defines: two to eight Chinese
    characters, each of the name in its order, less than the whole name (某某港建工程有限责任公司
    （某某港建）), or the same after 简称 / 以下简称 (role ``defines_short_form``)."""
    out = []
    for label, start, end in spans:
        m = _BRACKET.match(text, end) if label == "ORG" else None
        if m is None:
            continue
        form = m.group("form")
        name = text[start:end]
        at = 0
        for char in form:
            at = name.find(char, at) + 1
            if not at:
                break
        else:
            if form != name:
                out.append(form)
    return out
