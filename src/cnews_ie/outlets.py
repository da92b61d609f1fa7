"""Outlets named in datelines and source credits (ANNOTATION.md §10: news sites and agencies
named in datelines or credits are organisations).

* A line that opens with ``outlet [· brand] [APP] [place] [date] 讯|电|丨`` names the outlet
  (海风网嘉兴3月2日讯 → 海风网; 蓝鲸财经APP讯; 星城报业·新海岸讯 → 星城报业, 新海岸); a place
  name ending the run, or two or more characters after an outlet head, is the dateline's place,
  not part of the outlet; 本报, 本网 (a determiner first) name none.
* A source credit (``来源:``) names an outlet when the name ends with an outlet head
  (``outlet_head`` in ``resources/function_words.tsv``: 网, 报, 新闻 …): (文章来源:经纬新闻); a
  person credited as the source (消息来源: 某某) is none.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import role_word_set, role_words
from cnews_ie.patterns import DATELINE_OUTLET, SOURCE_CREDIT

__all__ = ["outlet_credits", "outlet_spans"]

_MIN_NAME = 2
_PLACE_REACH = 6


def outlet_credits(
    text: str,
    spans: Sequence[tuple[str, int, int]],
    found: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[str, int, int]]:
    """``spans`` with the outlets of datelines and source credits (``found``, or
    :func:`outlet_spans` of ``text``) as organisation spans, in place of the spans they
    overlap."""
    found = outlet_spans(text) if found is None else found
    if not found:
        return list(spans)
    kept = [s for s in spans if not any(a < s[2] and s[1] < b for a, b in found)]
    return sorted([*kept, *(("ORG", a, b) for a, b in found)], key=lambda s: (s[1], s[2]))


def outlet_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the outlets that datelines and source credits name (the entity stage gives
    them the source ``outlet``: who reports is never what a figure is about)."""
    found: list[tuple[int, int]] = []
    for m in DATELINE_OUTLET.finditer(text):
        start, end = m.span("run")
        end -= len(_place_suffix(text[start:end]))
        end = _after_outlet_head(text, start, end)
        if text[start] not in role_words("determiner") and end - start >= _MIN_NAME:
            found.append((start, end))
        if m.group("brand") is not None:
            found.append(m.span("brand"))
    heads = role_word_set("outlet_head")
    for m in SOURCE_CREDIT.finditer(text):
        head = heads.longest_suffix(m.group("name"))
        if head is not None and len(m.group("name")) > len(head):
            found.append(m.span("name"))  # 经纬新闻; not 滨海市人民政府新闻办公室
    return found


def _place_suffix(run: str) -> str:
    """The place name that ends ``run`` and leaves a name of two or more characters before it
    (嘉兴 of 海风网嘉兴), or ''."""
    for n in range(min(_PLACE_REACH, len(run) - _MIN_NAME), 1, -1):
        if is_place_name(run[-n:]):
            return run[-n:]
    return ""


def _after_outlet_head(text: str, start: int, end: int) -> int:
    """End of an outlet name that an outlet head ends, before the dateline's place the gazetteer
    does not know (海风网 + 临江: two or more characters after the last head)."""
    run = text[start:end]
    cut = max((run.rfind(h) + len(h) for h in role_words("outlet_head") if h in run), default=0)
    return start + cut if cut >= _MIN_NAME and len(run) - cut >= _MIN_NAME else end
