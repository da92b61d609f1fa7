"""A figure that stands alone as its sentence's opening and that the next clause explains with
a demonstrative copula (role ``explains_figure``: 这是, 这就是) is measured by what that clause
names (ANNOTATION §8): 2.8亿人！这是截至2023年底，我国老年人口的规模 → metric 老年人口规模,
period 截至2023年底, subject 我国 (``metric:explained``, ``period:explained``,
``subject:explained``).  The clause's opening period and then its opening subject (a place
the entity stage found, or a subject word of ``subjects.tsv``: 我国, 全省) are read off first;
the rest is the indicator, a 的 before a head of at most two characters dropped (老年人口的规模
→ 老年人口规模; 投入使用的新能源公交车总量 keeps it: a noun phrase of its own follows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import role_tuple
from cnews_ie.patterns import CLAUSE_END_CHARS, SENTENCE_END_CHARS
from cnews_ie.periods import period_pattern
from cnews_ie.records import Figure
from cnews_ie.subjects import subject_pattern

__all__ = ["explained_figures"]

_SPACES = " \u3000\t"
_OPENS = SENTENCE_END_CHARS + "\n\r\f"  # what may come right before a sentence's opening
_MARKS = "！!，,"  # between the figure and the copula
_MAX_CLAUSE = 40  # characters of the explaining clause read (up to its first clause mark)
_MAX_METRIC = 24
_SHORT_HEAD = 2  # a head this short after 的 joins its modifier (的规模 → 规模)
_ENDS = frozenset(CLAUSE_END_CHARS) | frozenset("\n")


def _opens_sentence(text: str, at: int) -> bool:
    while at > 0 and text[at - 1] in _SPACES:
        at -= 1
    return at == 0 or text[at - 1] in _OPENS


def _explaining_clause(text: str, fig: Figure) -> int | None:
    """Where the clause after ``fig`` that opens with a demonstrative copula goes on, past it."""
    at = fig.end
    while at < len(text) and text[at] in _SPACES:
        at += 1
    if at >= len(text) or text[at] not in _MARKS:
        return None
    at += 1
    while at < len(text) and text[at] in _SPACES:
        at += 1
    copula = next((w for w in role_tuple("explains_figure") if text.startswith(w, at)), None)
    return None if copula is None else at + len(copula)


def _clause_end(text: str, at: int) -> int:
    end = at
    while end < len(text) and end - at < _MAX_CLAUSE and text[end] not in _ENDS:
        end += 1
    return end


def _indicator(phrase: str) -> str:
    phrase = phrase.strip(_SPACES)
    at = phrase.rfind("的")
    if at > 0 and 0 < len(phrase) - at - 1 <= _SHORT_HEAD:
        phrase = phrase[:at] + phrase[at + 1 :]
    return phrase


def _explained(text: str, fig: Figure, places: Sequence[tuple[int, int]]) -> Figure | None:
    if fig.metric is not None or not _opens_sentence(text, fig.start):
        return None
    at = _explaining_clause(text, fig)
    if at is None:
        return None
    links = list(fig.links)
    period, subject = fig.period, fig.subject
    if (m := period_pattern().match(text, at)) is not None:
        if period is None:
            period = m.group()
            links.append("period:explained")
        at = m.end()
        if text.startswith(("，", ","), at):
            at += 1  # 这是截至2023年底，我国老年人口的规模: the period's own comma
    end = _clause_end(text, at)
    place = next((e for s, e in places if s == at and e <= end), None)
    named = subject_pattern().match(text, at, end)
    stop = place if place is not None else (named.end() if named else None)
    if stop is not None:
        if subject is None:
            subject = text[at:stop]
            links.append("subject:explained")
        at = stop
    metric = _indicator(text[at:end])
    if not metric or len(metric) > _MAX_METRIC:
        return None
    links.append("metric:explained")
    return replace(fig, metric=metric, period=period, subject=subject, links=tuple(links))


def explained_figures(
    text: str, figures: Sequence[Figure], places: Sequence[tuple[int, int]]
) -> list[Figure]:
    """``figures`` with each figure that opens its sentence alone and that a clause of a
    demonstrative copula right after it explains measured by that clause (module docstring)."""
    return [_explained(text, fig, places) or fig for fig in figures]
