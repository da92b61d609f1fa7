"""Organisations and locations from tagged spans, and the one overlap policy.

The NER backend proposes (label, start, end) spans; :func:`apply_lexicons` completes them with
the place and organisation lexicons (``gazetteer.py``); the entity stage keeps the spans that
:func:`filter_spans` chooses (longest first, then earliest: the one overlap policy, applied once),
splits names a headline runs together (:func:`split_run_together`), takes a byline's names whole
(:func:`byline_names`) and adds the short forms of companies named in full
(``mentions.short_forms``); :func:`parent_organizations` adds the parents named inside kept
organisations;
:func:`build_entities` drops names that cannot be names (:func:`plausible_name`) and builds the
records.  People are built with their titles by the titles stage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from cnews_ie.gazetteer import (
    company_spans,
    extend_organization,
    extend_place,
    facility_name,
    is_place_name,
    organ_head_at,
    parent_organization_end,
    place_spans,
    region_spans,
)
from cnews_ie.lexicons import WordSet, lexicon_cache, role_tuple, role_words
from cnews_ie.name_edges import (
    area_class,
    generic_organization,
    joint_field_start,
    preposition_before_name,
)
from cnews_ie.org_bounds import trim_organization
from cnews_ie.patterns import (
    BRACKETS,
    CJK,
    CLAUSE_END_CHARS,
    COMMAS,
    DATELINE_BYLINE,
    QUOTES,
)
from cnews_ie.places import chains, extend_region, origin_modifier, roads, station_start
from cnews_ie.records import Location, Organization
from cnews_ie.title_vocabulary import title_at_end, title_prefix, title_suffix
from cnews_ie.titles import name_after_title
from cnews_ie.work import EntitySpan

__all__ = [
    "apply_lexicons",
    "build_entities",
    "byline_names",
    "parent_organizations",
    "plausible_name",
    "repair_person_spans",
    "split_run_together",
]

Span = tuple[str, int, int, str]  # label, start, end, source


# what a model span may pick up at its edges, and what never stands inside a name
_EDGE = frozenset(
    " \u3000\t\n" + CLAUSE_END_CHARS + COMMAS + "." + QUOTES + "'‘’" + BRACKETS + "-—"
)
_INSIDE = frozenset(CLAUSE_END_CHARS + COMMAS + "“”《》\n")


def _trim(text: str, label: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, spaces and prepositions a model span picked up at its edges."""
    while start < end and _at_edge(text[start]):
        start += 1
    while end > start and _at_edge(text[end - 1]):
        end -= 1
    # a place or organisation name does not start with a section or document number
    # (§5董事会, 1.4 公司, 2024-024⏎星光农机…)
    if label != "PER" and (m := _LEADING_NUMBER.match(text, start, end)) is not None:
        number = m.group().strip()
        if (
            number.startswith("§")
            or m.group() != number
            or any(c in number for c in ".-")
            or (start > 0 and text[start - 1] in "0123456789.-")
        ):
            start = m.end()
    # no place or organisation name starts with a preposition (以河湖 → 河湖); a person's may
    if label != "PER" and preposition_before_name(text, start, end):
        start += 1
    # a year written inside a span ends the phrase before it: the model ran a heading or a
    # clause into the name after the date (经营情况 + 2011年公司 → 公司)
    if label != "PER":
        for m in _YEAR_DATE.finditer(text, start, end):
            start = m.end()
    return start, end


# a section or document number: §5, 1.4 (then a space), 2024-024, or the tail of a longer one
_LEADING_NUMBER = re.compile(r"§[0-9.]*\s*|[0-9][0-9.\-]*\s*")
# a year, with its month and day: 2011年, 2024年3月5日
_YEAR_DATE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?")


def _cuts_a_token(text: str, start: int) -> bool:
    """The span starts inside a Latin or digit token (2GWh → 'Wh…')."""
    return (
        start > 0
        and text[start - 1].isascii()
        and text[start - 1].isalnum()
        and text[start].isascii()
    )


def _at_edge(char: str) -> bool:
    """Punctuation, a space or an invisible character (never a letter or digit: no test)."""
    return not char.isalnum() and (char in _EDGE or char.isspace() or _invisible(char))


def _invisible(char: str) -> bool:
    """Control, format (zero-width, bidi), surrogate and private-use characters."""
    return unicodedata.category(char).startswith("C")


def _after_particle(text: str, start: int, end: int) -> int:
    """An organisation span starts after a particle it picked up (负责招商的开发区管委会 → 开发区管委会)."""
    last = max((text.rfind(p, start, end) for p in role_words("particle_not_in_name")), default=-1)
    return last + 1 if last >= 0 and end - last > 2 else start


def _close_bracket(text: str, start: int, end: int) -> int:
    """An organisation span that opens a bracket ends after it closes (上海均瑶(集团))."""
    name = text[start:end]
    for opening, closing in (("(", ")"), ("（", "）")):
        if name.count(opening) > name.count(closing):
            close = text.find(closing, end, end + _BRACKET_REACH)
            if close >= 0:
                return close + 1
    return end


_BRACKET_REACH = 8


def plausible_name(name: str) -> bool:
    """One character is never a name we report (中, 俄 as abbreviations); a name has letters (not
    only symbols: ■§ of a PDF's layout); sentence punctuation inside a span means the model ran
    across two phrases."""
    if name.isalpha():  # letters only (most names): no punctuation, space or invisible character
        return len(name) >= 2
    return (
        len(name) >= 2
        and any(c.isalpha() for c in name)
        and not any(c in _INSIDE or (c.isspace() and c != " ") or _invisible(c) for c in name)
    )


def apply_lexicons(
    text: str,
    spans: Iterable[Span],
    places: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] | None = None,
) -> list[Span]:
    """Complete model spans with the lexicons and add places the model missed.

    Model place spans are extended to the division name they start (金昌 → 金昌市, 河西堡 →
    河西堡镇 only where the text says 河西堡镇); organisation spans take a following
    organisation head (金川集团 + 公司); a place span right after a person's title that is not a
    known place is a person (俄罗斯总统 + 普京); division names of county level and above that the model
    missed, township names with their level where a word starts, and company names that start with
    one (``company_spans``), are added with source ``gazetteer``.  ``places`` are the text's ``place_spans`` when the caller has them already.
    """
    major, minor = place_spans(text) if places is None else places
    township_at = dict(minor)
    out: list[Span] = []
    for label, start, end, source in spans:
        start, end = _trim(text, label, start, end)
        if start >= end or _cuts_a_token(text, start):
            continue
        if label == "PER" and "·" in (text[start], text[end - 1]):
            continue  # the dot joins the parts of a name (奥马尔·伊德里斯), it never ends one
        dot = text.rfind("·", start, end)
        if label == "ORG" and dot >= 0 and end - dot > 2:
            start = dot + 1  # 新甘肃·甘肃日报: a credit's brand, then the outlet
        if label != "PER" and text.endswith(role_tuple("names_a_project"), start, end):
            continue  # …电池项目, 教育训练基地: a project (see projects.py), not a place or body
        named = label == "LOC" and name_after_title(text, start, end)
        if named and not is_place_name(text[start:end]):
            label = "PER"  # 俄罗斯总统普京: a name after a title, whatever the model says
        if label == "LOC":
            start = station_start(text, start, end)  # 地铁3号线 + 云门路站
            end = max(extend_place(text, start, end), township_at.get(start, end))
            organ_end = organ_head_at(text, start, end)
            if organ_end is not None:
                out.append(("ORG", start, organ_end, source))  # 江苏省政府, 长沙海关
                continue
            end = extend_region(text, end)
            if text.startswith(role_tuple("adjective_suffix"), end):
                continue  # 中国式现代化: a modifier, not a place mentioned as a place
        elif label == "ORG":
            if area_class(text[start:end]):
                continue  # 全国融资担保机构: the bodies of a kind across an area, no name
            start = _after_particle(text, start, end)
            start = joint_field_start(text, start, end)  # 工业 + 和 + 信息化部
            end = _close_bracket(text, start, end)
            end = extend_organization(text, start, end)
            start, end = trim_organization(text, start, end)
            site = _site_words().longest_suffix(text[start:end]) or ""
            if end - start - len(site) >= 2:
                end -= len(site)  # 中电科总部, X公司董事会: the body is 中电科, X公司
            if facility_name(text[start:end]):
                label = "LOC"  # 某某港, 某某火车站: a port or station is a place (§11)
        # 某市 + 各园林景点: the nouns 各 quantifies are no part of the name the lexicons extended
        out.append((label, start, _before_each(text, start, end), source))
    out.extend(("LOC", start, end, "gazetteer") for start, end in major)
    # a township named with its level (某某镇, 某某乡) where a word starts (not 中城镇 of 其中城镇居民)
    out.extend(("LOC", s, e, "gazetteer") for s, e in minor if _word_starts(text, s))
    out.extend(
        ("LOC", start, extend_region(text, end), "gazetteer")
        for start, end in region_spans(text)
        if not origin_modifier(text, end)
    )
    out.extend(
        ("ORG", *trim_organization(text, start, end), "gazetteer")
        for start, end in company_spans(text)
    )
    out.extend(roads(text, out))
    out.extend(chains(text, out))
    return out


def _before_each(text: str, start: int, end: int) -> int:
    """The end of a name before a pronoun of each inside its span (role ``each_pronoun``: 某市各
    园林景点 → 某市): the pronoun quantifies the nouns after it, which are no part of a name."""
    cuts = [text.find(w, start + 2, end) for w in role_words("each_pronoun")]
    return min((at for at in cuts if at > 0), default=end)


@lexicon_cache
def _site_words() -> WordSet:
    """A body's site or a company's organ written after its name (总部, 董事会)."""
    return WordSet(role_words("site_of_body") | role_words("organ_of_company"))


def _word_starts(text: str, at: int) -> bool:
    """A jieba word starts at ``at``: the text's start, after a character that is no Chinese
    one, or where a word of the few characters before it ends."""
    from cnews_ie.backends.jieba_backend import word_ends

    if at == 0 or not _CJK_CHAR.match(text, at - 1):
        return True
    return at in word_ends(text, max(0, at - _BEFORE), at + 2)


_BEFORE = 4
_CJK_CHAR = re.compile(rf"[{CJK}]")


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
            if span.source != "organ" and generic_organization(name):
                continue  # 公司, 集团, 董事会, 该公司: a generic description or reference (§10);
                # a level organ standing alone is the body itself (organs.py: 省委、省政府)
            organizations.append(Organization(name, span.start, span.end, span.source))
        elif span.label == "LOC":
            locations.append(Location(name, span.start, span.end, span.source))
    return tuple(organizations), tuple(locations)


def repair_person_spans(
    text: str, spans: Sequence[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Two model errors on people, repaired from the sentence:

    * a person span that is a name the document gives as a person elsewhere plus one character
      jieba reads as a verb or preposition (王浩作 of 王浩作报告, where 王浩 is named) is
      that name;
    * a person span right before a title that another person's name follows is the title's
      prefix, an organisation (华信证券 + 首席策略分析师 + 王立): no one is titled by a person.
    """
    from cnews_ie.backends.jieba_backend import tagged_words

    names = {text[s:e] for label, s, e in spans if label == "PER"}
    starts = sorted({s for label, s, e in spans if label == "PER"})
    out: list[tuple[str, int, int]] = []
    for label, start, end in spans:
        if label == "PER" and end - start >= 3 and text[start : end - 1] in names:
            pos = tagged_words(text[end - 1 : end + 1])[0][1]
            if len(tagged_words(text[end - 1 : end + 1])[0][0]) == 1 and pos.startswith(("v", "p")):
                end -= 1  # 王浩 + 作
        elif label == "PER" and not is_place_name(text[start:end]):
            i = bisect_right(starts, end)
            after = starts[i] if i < len(starts) and starts[i] <= end + _TITLE_REACH else None
            segment = text[end:after] if after is not None else ""
            if (
                segment
                and not any(c in _EDGE for c in segment)
                and segment[0] not in role_words("not_in_trade_name")  # 李某 + 和县领导 + 蒋某
                and title_at_end(segment) is not None
                and not any(pos.startswith(_NOT_IN_TITLE_POS) for _, pos in tagged_words(segment))
            ):
                label = "ORG"  # 华信证券 + 首席策略分析师 + 王立
        out.append((label, start, end))
    return out


_TITLE_REACH = 12
# parts of speech no title contains: a verb, preposition, conjunction or adverb before it makes
# the words a clause (习近平 + 应约同俄罗斯总统 + 普京), not a post of the span before
_NOT_IN_TITLE_POS = ("v", "p", "c", "d")


def split_run_together(
    text: str, spans: Sequence[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Names a headline runs together without punctuation, as the names they are: a person
    span made of two or more names the document gives as person spans of their own, and at most
    one character more (王钧 + 王方太 + 作 of 王钧王方太作点评; 陈华 + 高建仲)."""
    names = {text[s:e] for label, s, e in spans if label == "PER"}
    out: list[tuple[str, int, int]] = []
    for label, start, end in spans:
        parts: list[tuple[str, int, int]] = []
        at = start
        while label == "PER" and at < end:
            n = next(
                (
                    n
                    for n in range(min(_LONGEST_NAME, end - at), 1, -1)
                    if text[at : at + n] in names and (at, at + n) != (start, end)
                ),
                0,
            )
            if not n:
                break
            parts.append(("PER", at, at + n))
            at += n
        out.extend(parts if len(parts) >= 2 and end - at <= 1 else [(label, start, end)])
    return out


def byline_names(text: str, spans: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The names of a dateline's byline in brackets, whole (本报讯（记者文星乃）: the model cut
    文星乃 to 文星): after a title (记者, 通讯员), each run of two to four Chinese characters up
    to a space, 、 or the bracket is a name; it replaces the spans it overlaps."""
    found: list[tuple[str, int, int]] = []
    for m in DATELINE_BYLINE.finditer(text):
        titled = False
        for piece in _PIECE.finditer(text, m.start(1), m.end(1)):
            start, end = piece.span()
            title = title_prefix(text, start, end)
            if title is not None:
                start += len(title)
                titled = True
            if titled and start < end and _NAME.fullmatch(text, start, end):
                found.append(("PER", start, end))
            elif title is None or start < end:
                titled = title_suffix(text[piece.start() : piece.end()])
    if not found:
        return list(spans)
    kept = [s for s in spans if not any(a < s[2] and s[1] < b for _, a, b in found)]
    return sorted([*kept, *found], key=lambda s: (s[1], s[2]))


_LONGEST_NAME = 6
_PIECE = re.compile(r"[^\s、，,]+")
_NAME = re.compile(rf"[{CJK}]{{2,4}}")
