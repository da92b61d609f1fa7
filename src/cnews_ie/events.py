"""Named events (fairs, expos, games, forums, campaigns) as the entities figures are about
(ANNOTATION.md §8: the subject may be a fair, 广交会), for linking only: 2024成都世园会举办活动
2000多场次 → 2024成都世园会, not the city inside its name; 第一届中国青少年足球联赛…设置4个年龄段 →
中国青少年足球联赛.

An event is a name ending with a head of role ``event_head`` (博览会, 交易会, 论坛, 联赛, 消费月 …)
written whole at a word end, with the words that name it before the head (nouns, place and
organisation names, abbreviations, verbal nouns, distinguishing words; a year in digits first; a
time word, a conjunction or a hyphen only between two of them: 全国国庆文化和旅游消费月, 中国-中东欧
投资贸易博览会), up to an ordinal of its sessions (第十届, 本届, 首届: left out) or any other word,
where those words hold a proper noun, a year or a subject word, or are four characters or more
and no list (世界军人运动会; not 专业论坛, 开幕式及主论坛: kinds of event, a list); or a short form
of role ``event_name`` (进博会, 广交会) alone.  jieba often cuts a head (世园/会, 进/博会, 消费/月),
so heads are found in the text and the words are read from where the head starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import alternation
from cnews_ie.subjects import subject_words
from cnews_ie.work import Token

__all__ = ["event_spans", "event_words", "names_event"]

# the words of an event's name: nouns, names, abbreviations, verbal nouns, distinguishing words,
# foreign words and fixed expressions (丝绸之路 is tagged l)
_NAME_TAGS = ("n", "nz", "ns", "nt", "nr", "j", "vn", "b", "eng", "l")
_PROPER_TAGS = ("nz", "ns", "nt", "nr", "j", "eng")  # what makes the words a name
_INNER_TAGS = ("t",)  # a time word between two of them: 全国/国庆/文化…消费月
_JOINS = frozenset({"和", "与", "及", "-", "—"})  # between two words of the name
_MAX_EVENT = 24  # characters
_LONG_NAME = 4  # characters of common nouns before the head that name an event alone
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年?")


@lexicon_cache
def event_words() -> frozenset[str]:
    """The heads and short forms of events (roles ``event_head``, ``event_name``): the one list
    both events and their times (博览会期间: ``periods.py``) are read by."""
    return role_words("event_head") | role_words("event_name")


@lexicon_cache
def _heads() -> re.Pattern[str]:
    """The heads and short forms of events, longest first."""
    return re.compile(alternation(event_words()))


def names_event(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] writes the head or short form of an event (its words are read)."""
    return _heads().search(text, lo, hi) is not None


def _token_at(words: Sequence[Token], at: int) -> int | None:
    """The index of the word that holds offset ``at``."""
    for k, word in enumerate(words):
        if word.start <= at < word.end:
            return k
    return None


def _name_start(words: Sequence[Token], k: int) -> int:
    """The index of the first word of the name whose head starts in ``words[k]``."""
    first, j = k, k - 1
    while j >= 0:
        word = words[j]
        if word.pos.startswith(_NAME_TAGS):
            first = j
        elif word.word in _JOINS or word.pos in _INNER_TAGS:
            if j == 0 or not words[j - 1].pos.startswith(_NAME_TAGS):
                break  # 今天中关村论坛: a time before the name, no word of it
        elif _YEAR.fullmatch(word.word):
            return j  # 2024成都世园会: its year, the first of its words
        elif word.word == "年" and j > 0 and _YEAR.fullmatch(words[j - 1].word + "年"):
            return j - 1  # 2024/年/中非合作论坛
        else:
            break
        j -= 1
    return first


def _proper(words: Sequence[Token], start: int, head: int) -> bool:
    """Whether the words of a name before its head (from ``start``) hold a proper noun (a place,
    an organisation, another name, an abbreviation), a year or a subject word (全国): a name, not
    a kind of event (专业论坛, 主论坛)."""
    if start >= head:
        return False
    if any(
        w.pos.startswith(_PROPER_TAGS) or _YEAR.fullmatch(w.word) or w.word in subject_words()
        for w in words
    ):
        return True
    # or a longer name of common nouns alone, no list (世界军人运动会; not 开幕式及主论坛)
    return head - start >= _LONG_NAME and not any(w.word in _JOINS for w in words)


def event_spans(text: str, tokens: Mapping[int, Sequence[Token]]) -> list[tuple[int, int]]:
    """The spans of named events in the segmented sentences."""
    found: list[tuple[int, int]] = []
    heads, short = _heads(), role_words("event_name")
    for words in tokens.values():
        if not words:
            continue
        lo, hi = words[0].start, words[-1].end
        for m in heads.finditer(text, lo, hi):
            if not any(w.end == m.end() for w in words):
                continue  # the head ends inside a word (交易会员): no event
            k = _token_at(words, m.start())
            if k is None:
                continue
            first = _name_start(words, k)
            start = min(words[first].start, m.start())
            if m.end() - start > _MAX_EVENT:
                continue
            if m.group() not in short and not _proper(words[first:k], start, m.start()):
                continue  # a head alone (论坛) or common words before it (专业论坛): no name
            found.append((start, m.end()))
    # the longest name holds a shorter one (2024年中非合作论坛 of …论坛北京峰会)
    return [a for a in found if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in found)]
