"""A name written before a bracketed stock code is a listed company (某某电气(00042)公布中期业绩):
the model may miss it (某某 taken for a place) or take the exchange inside the bracket for a
name of its own (HK of 01185.HK).  Where no organisation already ends at the bracket, the
name before it becomes one, from the first name the model found in the run of letters before
the bracket (or the run's start), in place of the spans inside it; no span inside the bracket
stays."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cnews_ie.company_subjects import is_company_reference
from cnews_ie.patterns import STOCK_CODE, STOCK_CODE_BRACKET

__all__ = ["listed_companies"]


def listed_companies(text: str, kept: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``kept`` (label, start, end) with the names before stock codes as organisations."""
    spans = list(kept)
    for m in _stock_codes(text):
        bracket = (m.end("name"), m.end())
        spans = [s for s in spans if not (bracket[0] <= s[1] and s[2] <= bracket[1])]
        if any(label == "ORG" and e == bracket[0] for label, _, e in spans):
            continue
        # the first name the model found inside the run starts the company (某某 of 某某电气),
        # else the run does; a company's head alone (公司控股股东某某重工) is a reference, no name
        inside = [
            s
            for _, s, e in spans
            if m.start("name") <= s < bracket[0] and not is_company_reference(text[s:e])
        ]
        start = min(inside, default=m.start("name"))
        spans = [s for s in spans if not (start <= s[1] and s[2] <= bracket[0])]
        spans.append(("ORG", start, bracket[0]))
    return sorted(spans, key=lambda s: (s[1], s[2]))


_NAME_REACH = 10  # the longest name STOCK_CODE reads before the bracket


def _stock_codes(text: str) -> Iterator[re.Match[str]]:
    """``STOCK_CODE.finditer(text)``, but the name is tried only within its reach before each
    bracketed code, which is found at C speed (not at every position of the text)."""
    end = 0
    for code in STOCK_CODE_BRACKET.finditer(text):
        m = STOCK_CODE.search(text, max(end, code.start() - _NAME_REACH), code.end())
        if m is not None:
            end = m.end()
            yield m
