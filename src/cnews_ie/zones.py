"""Development zones that act, as organisations: a zone's administration signs agreements and
employs officials, so a zone named as a party or as an employer is an organisation, not a place
mentioned (ANNOTATION.md §10: a development zone as a party; §9: the org of a title); a zone or
region that does not act is a place (§11: parks, zones and functional areas named as places),
whatever the model's label.

A zone is a place name that ends with a zone head (``administered_zone`` words of
``resources/function_words.tsv``: 开发区, 产业集聚区, 示范区 …) and is no division name.  It acts

* as the organisation a person's title names (X产业集聚区 + 常务副书记 + name), or
* as a party of an agreement: ``A 与 B 签订 …`` (``joins_parties``, ``agreement_verb``), where
  A or B is the zone, or
* as an item of a list beside an organisation (纪委监委、开发区、财政局; 县发改局，经开区，某镇政府): a
  zone, or a bare zone head of three characters or more (开发区, 经开区), listed next to an
  organisation is one of the bodies listed.

A model organisation span that ends with a region head (``region_head``: 新区, 开发区, 经济带 …)
and acts in neither way is a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cnews_ie.gazetteer import is_place_name, org_heads
from cnews_ie.lexicons import role_word_set
from cnews_ie.patterns import CJK
from cnews_ie.records import Location, Organization

__all__ = ["acting_zones", "region_name", "zone_name"]

_CJK = re.compile(rf"[{CJK}]")


def zone_name(name: str) -> bool:
    """Whether ``name`` is a zone's name (开发区, 产业集聚区 … after a name), not a division."""
    head = role_word_set("administered_zone").longest_suffix(name)
    return head is not None and len(name) > len(head) and not is_place_name(name)


def region_name(name: str) -> bool:
    """Whether ``name`` is a region's or zone's name (新区, 开发区, 经济带 … after a name) that
    ends with no organisation head (not …管委会)."""
    head = role_word_set("region_head").longest_suffix(name)
    return (
        head is not None
        and len(name) > len(head)
        and org_heads().longest_suffix(name) is None
        and not is_place_name(name)
    )


def _parties(text: str, spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that are a party of an agreement: ``A 与 B 签订`` gives A and B."""
    starting = dict(spans)
    joins, signs = role_word_set("joins_parties"), role_word_set("agreement_verb")
    out: set[tuple[int, int]] = set()
    for s, e in spans:
        join = joins.longest_prefix(text, e)
        if join is None:
            continue
        other = e + len(join)
        other_end = starting.get(other)
        if other_end is not None and signs.longest_prefix(text, other_end) is not None:
            out.update({(s, e), (other, other_end)})
    return out


_SEPARATORS = "、,，"
_ITEM_REACH = 8


def _listed(text: str, organizations: Sequence[Organization]) -> list[tuple[int, int]]:
    """The zones listed next to an organisation (see the module)."""
    out: list[tuple[int, int]] = []
    for o in organizations:
        items = []
        if text[o.end : o.end + 1] in tuple(_SEPARATORS):
            ends = [i for i in range(o.end + 1, o.end + 2 + _ITEM_REACH) if i < len(text)]
            end = next((i for i in ends if not _CJK.match(text[i])), None)
            if end is not None and text[end] in _SEPARATORS + "；;。":
                items.append((o.end + 1, end))
        if o.start > 0 and text[o.start - 1] in _SEPARATORS:
            begin = o.start - 1
            while begin > 0 and o.start - begin <= _ITEM_REACH + 1 and _CJK.match(text[begin - 1]):
                begin -= 1
            if begin == 0 or text[begin - 1] in _SEPARATORS:
                items.append((begin, o.start - 1))
        out.extend((s, e) for s, e in items if _body(text[s:e]))
    return out


def _body(name: str) -> bool:
    zones = role_word_set("administered_zone")
    return zone_name(name) or (name in zones and len(name) >= 3)


def acting_zones(
    text: str,
    organizations: Sequence[Organization],
    locations: Sequence[Location],
    employers: Iterable[tuple[int, int]],
    model: str | None = None,
) -> tuple[tuple[Organization, ...], tuple[Location, ...]]:
    """The organisations and places with the zones that act as organisations: a zone written
    where a title's organisation is (``employers``: the spans of the organisations the title
    reader found; source ``title`` when no place span was there) or as a party of an agreement
    is moved from the places to the organisations, or added to them; an organisation span of
    the ``model`` (its source) that is a region's name and does not act is moved to the places."""
    have = {(o.start, o.end) for o in organizations}
    names = sorted(have | {(p.start, p.end) for p in locations})
    employers = set(employers)
    listed = set(_listed(text, organizations))
    acting = employers | listed | _parties(text, names)
    moved = [p for p in locations if (p.start, p.end) in acting - have and zone_name(p.name)]
    placed = {(p.start, p.end) for p in locations}
    added = [
        Organization(text[s:e], s, e, "title")
        for s, e in sorted(employers - have - placed)
        if zone_name(text[s:e])
    ]
    added += [
        Organization(text[s:e], s, e, "list") for s, e in sorted(listed - have - placed - employers)
    ]
    regions = [
        o
        for o in organizations
        if o.source == model and (o.start, o.end) not in acting and region_name(o.name)
    ]
    if not moved and not added and not regions:
        return tuple(organizations), tuple(locations)
    found = (*organizations, *(Organization(p.name, p.start, p.end, p.source) for p in moved))
    places = (
        *(p for p in locations if p not in moved),
        *(Location(o.name, o.start, o.end, o.source) for o in regions),
    )
    return (
        tuple(sorted((o for o in (*found, *added) if o not in regions), key=_at)),
        tuple(sorted(places, key=_at)),
    )


def _at(record: Organization | Location) -> tuple[int, int]:
    return record.start, record.end
