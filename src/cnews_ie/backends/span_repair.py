"""Edges of the model's organisation and place spans, repaired from the sentence before the
pipeline sees them (``HanLPBackend.tag``, so ``evaluate ner`` scores what ``extract`` reads).

Two repairs, each a property of the language, not of one name:

* **paired punctuation**: a span that holds one half of a pair of quotation marks or brackets
  takes the other half when it stands right outside the span (《某某日报》文艺版 from
  某某日报》文艺版, 某县“书协” from 某县“书协), and drops a lone half at its own edge
  (“某某研究会 → 某某研究会);
* **a body's session**: the head of a people's congress or political consultative conference
  (``org_suffixes.tsv`` categories ``congress`` and ``cppcc``: 人民代表大会, 人大常委会, 政协)
  takes the ordinal session written right before it (第九届 + 全国人民代表大会, 六届 + 人大常委会),
  which is part of the body's name in the MSRA annotation (27 of 30 such names of MSRA train
  include it; the other ``届`` before an organisation there counts a meeting: 第五届 + 非统 +
  首脑会议).  新一届 and 又一届 count no session.
"""

from __future__ import annotations

from collections.abc import Iterable

from cnews_ie.lexicons import WordSet, lexicon_cache, table
from cnews_ie.patterns import SESSION_BEFORE

__all__ = ["repair_spans"]

# opening → closing half of the pairs a name can hold (ASCII " is its own partner: left out)
_PAIRS = {"《": "》", "“": "”", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】"}
_PAIR_CHARS = frozenset(_PAIRS) | frozenset(_PAIRS.values())
_REACH = 8  # the longest session prefix looked at: 第一百二十届 and a little more


@lexicon_cache
def _session_heads() -> WordSet:
    """Heads of bodies that meet in numbered sessions (people's congresses, CPPCC)."""
    return WordSet(
        s for s, category in table("org_suffixes", 2) if category in ("congress", "cppcc")
    )


def repair_spans(text: str, spans: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``spans`` (label, start, end) of ``text`` with the edges of ORG and LOC spans repaired
    (module docstring); PER spans and spans that would grow into another are left as they are.

    >>> text = "他在《某某日报》文艺版发表文章"
    >>> repair_spans(text, [("ORG", 3, 11)])
    [('ORG', 2, 11)]
    >>> text = "第九届全省人民代表大会召开"
    >>> repair_spans(text, [("ORG", 3, 11)])
    [('ORG', 0, 11)]
    """
    spans = list(spans)
    taken: list[tuple[int, int]] = []  # every span, sorted: built once a span's edges move
    out: list[tuple[str, int, int]] = []
    for label, start, end in spans:
        if label in ("ORG", "LOC") and end - start >= 2:
            new_start, new_end = _pair_edges(text, start, end)
            if label == "ORG":
                new_start = _session_start(text, new_start, new_end)
            if (new_start, new_end) != (start, end):  # most spans keep their edges
                taken = taken or sorted((s, e) for _, s, e in spans)
                if not _grows_into(taken, (start, end), new_start, new_end):
                    start, end = new_start, new_end
        out.append((label, start, end))
    return out


def _pair_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Complete or drop a lone half of a pair of quotation marks or brackets."""
    if _PAIR_CHARS.isdisjoint(text[start:end]):
        return start, end  # no half of a pair inside (most names): nothing to complete
    for opener, closer in _PAIRS.items():
        name = text[start:end]
        close_at = name.find(closer)
        if close_at >= 0 and opener not in name[:close_at]:  # a closer with no opener before it
            if close_at == len(name) - 1:
                end -= 1  # 某某日报》 → 某某日报
            elif start > 0 and text[start - 1] == opener:
                start -= 1  # 某某日报》文艺版 → 《某某日报》文艺版
        name = text[start:end]
        open_at = name.rfind(opener)
        if open_at >= 0 and closer not in name[open_at:]:  # an opener with no closer after it
            if open_at == 0:
                start += 1  # “某某研究会 → 某某研究会
            elif end < len(text) and text[end] == closer:
                end += 1  # 某县“书协 → 某县“书协”
    return start, end


def _session_start(text: str, start: int, end: int) -> int:
    """Where an organisation span starts once it takes the session written before its head."""
    if _session_heads().longest_suffix(text[start:end]) is None:
        return start
    match = SESSION_BEFORE.search(text, max(0, start - _REACH), start)
    return match.start() if match is not None else start


def _grows_into(taken: list[tuple[int, int]], old: tuple[int, int], start: int, end: int) -> bool:
    """The repaired span would overlap another span (one it did not overlap before)."""
    return any(
        s < end and start < e and (s, e) != old for s, e in taken if not (s < old[1] and old[0] < e)
    )
