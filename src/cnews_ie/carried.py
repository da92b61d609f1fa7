"""What sentences without figures carry to the next sentence that links one (``subject:carried``):
their subject, read back from the last of them only when that sentence comes, so that a page's
many sentences without figures, most of whose subjects no figure reads, are not parsed for
subjects they never pass on (``link.link_figures``).  A period is never carried into another
sentence (ANNOTATION.md §8)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.bounds import adverbial_spans
from cnews_ie.commentators import commentator_employers
from cnews_ie.lexicons import role_words
from cnews_ie.subjects import named_area, not_agents, subject_in
from cnews_ie.work import Token

__all__ = ["carried_subject"]

Spans = Callable[[int, int], list[tuple[int, int]]]


def carried_subject(
    text: str,
    spans: Sequence[tuple[int, int, int]],
    before: str | None,
    lead: str | None,
    near: Spans,
    tokens: Mapping[int, Sequence[Token]],
) -> str | None:
    """The subject the sentences ``spans`` ((index, start, end), in order, of one paragraph, with
    no figure) pass on: the first place, organisation or subject word of the last of them that
    has one, not in an adverbial, an object, a reference or a commentator's employer
    (``commentators.py``: 某银行首席分析师某某表示) (a whole-area word: the place it
    stands for, ``named_area``), else ``before``, the subject carried into the first of them.
    ``lead``: the lead's subject where the lead's figures took it; ``near``: the names in a
    span; ``tokens``: the stored words of a sentence by its index."""
    for k in range(len(spans) - 1, -1, -1):
        index, lo, hi = spans[k]
        names, words = near(lo, hi), tokens.get(index, ())
        agents, objects = not_agents(text, words, hi, [], names)
        exclude = adverbial_spans(text, lo, hi) + agents + objects
        exclude += commentator_employers(text, names)  # 某银行首席分析师某某表示
        found = subject_in(text, lo, hi, names, leftmost=True, exclude=exclude)
        if found and _publishes(text, text.find(found, lo, hi) + len(found), hi):
            # 某统计局今天发布前三季度经济数据。: the publisher, not what it reports on
            return before
        if found:
            if found not in role_words("whole_area"):
                return found  # named_area reads a whole-area word alone
            above = carried_subject(text, spans[:k], before, lead, near, tokens) or lead
            return named_area(found, text, (lo, hi), names, above) or found
    return before


def _publishes(text: str, end: int, hi: int) -> bool:
    """Whether the name ending at ``end`` publishes or announces what follows: after it, past
    words of time, adverbs, numbers and brackets (今天（7月11日）), comes a verb of role
    ``reports_publicly`` (发布, 公布, 通报), and the rest of the sentence names no report of its
    own (role ``own_report``: 某公司发布年报 reports on itself)."""
    near = text[end : min(hi, end + _PUBLISH_REACH)]
    if not any(verb in near for verb in role_words("reports_publicly")):
        return False  # most names publish nothing: no segmentation for them
    at = end
    for word, pos in tagged_words(near):
        if not pos.startswith(_TIME_POS):
            rest = text[at + len(word) : hi]
            return word in role_words("reports_publicly") and not any(
                report in rest for report in role_words("own_report")
            )
        at += len(word)
    return False


_TIME_POS = ("t", "d", "m", "x", "w")  # 今天/t （/x 7月/m 11日/m ）/x, 近日, 正式/d
_PUBLISH_REACH = 16  # characters read after the name for its verb
