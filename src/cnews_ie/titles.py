"""People's titles and organisations, read from the words around their names.

Rules (each names the field it fills):

* **before the name**: the text before a name, back to the previous punctuation or name, is read
  as 、-separated segments from right to left; every segment that ends with a title
  (``resources/title_words.tsv``, longest match, or a productive title: 副X长, X书记, X主任 …) is
  one title, and the first segment that does not stops the reading (市委副书记、市长王方太 →
  市委副书记, 市长).
* **organisation + title**: a segment that starts with an organisation name (it ends with an
  organisation head of ``resources/org_suffixes.tsv`` and has at least two characters before
  it) gives the organisation and the title separately (兰石集团能源装备研究院副院长 → 兰石集团能源装备研究院,
  副院长); otherwise the segment is the title as written (全国人大代表, 市委书记).  The
  organisation nearest the name is the person's organisation.
* **bylines**: a media brand before ``·`` is not part of the organisation (新甘肃·甘肃日报记者 曾琦 →
  甘肃日报, 记者).
* **after the name**: a title directly after a name (范飞代表, 习近平总书记) is a title too.
* **shared**: a name that follows a titled name with only spaces or 、 between them shares its
  titles and organisation (记者常建哲 郭鑫).
"""

from __future__ import annotations

from dataclasses import dataclass

from cnews_ie.gazetteer import org_heads
from cnews_ie.lexicons import WordSet, lexicon_cache, role_words, table
from cnews_ie.patterns import (
    DATELINE_AFTER_NAME,
    NAME_SHAPE,
    PRODUCTIVE_TITLE,
    TITLE_BOUNDARY,
)

__all__ = ["PersonTitles", "name_after_title", "read_titles"]

_MAX_SEGMENT = 30
_MAX_PLAIN_PREFIX = 4  # a longer non-organisation prefix is a clause, not part of the title


@dataclass(frozen=True, slots=True)
class PersonTitles:
    titles: tuple[str, ...] = ()
    organization: str | None = None


@lexicon_cache
def _titles() -> WordSet:
    return WordSet(row[0] for row in table("title_words", 2))


def _title_at_end(segment: str) -> str | None:
    listed = _titles().longest_suffix(segment)
    if listed is not None:
        return listed
    m = PRODUCTIVE_TITLE.search(segment)
    if m is None or segment.endswith(tuple(role_words("not_a_title"))):
        return None
    return m.group()


def _read_segment(segment: str) -> tuple[str, str | None] | None:
    """(title, organisation) of one segment, or None if it does not end with a title."""
    segment = segment.strip()
    if "·" in segment:  # 新甘肃·甘肃日报记者: the brand before · is not the employer
        segment = segment.rsplit("·", 1)[1]
    if not segment or len(segment) > _MAX_SEGMENT:
        return None
    title = _title_at_end(segment)
    if title is None:
        return None
    prefix = segment[: -len(title)]
    if not prefix:
        return title, None
    head = org_heads().longest_suffix(prefix)
    if head is not None and len(prefix) - len(head) >= 2:
        return title, prefix
    # a plain prefix starts after its last preposition or conjunction (应约同俄罗斯总统 → 俄罗斯总统)
    last = max((prefix.rfind(c) for c in role_words("before_title")), default=-1)
    prefix = prefix[last + 1 :]
    if len(prefix) > _MAX_PLAIN_PREFIX:
        return title, None
    return prefix + title, None


def _title_after(text: str, end: int, limit: int) -> str | None:
    return _titles().longest_prefix(text, end, limit)


def name_after_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands where a name follows a title (俄罗斯总统 + 普京): right
    after a listed title, shaped like a name, and followed neither by an organisation head (代表
    + 中国政府 is the verb 代表) nor by a dateline."""
    if not NAME_SHAPE.fullmatch(text, start, end):
        return False
    if _titles().longest_suffix(text[max(0, start - 8) : start]) is None:
        return False
    return org_heads().longest_prefix(text, end) is None and not DATELINE_AFTER_NAME.match(
        text, end
    )


def read_titles(
    text: str, people: list[tuple[int, int]], sentences: list[tuple[int, int]]
) -> list[PersonTitles]:
    """Titles and organisation of each person span (offsets into ``text``, sorted)."""
    out: list[PersonTitles] = []
    sentence_index = 0
    for i, (start, end) in enumerate(people):
        while sentence_index < len(sentences) and sentences[sentence_index][1] <= start:
            sentence_index += 1
        s_start, s_end = (
            sentences[sentence_index] if sentence_index < len(sentences) else (0, len(text))
        )
        lo = s_start
        previous = people[i - 1] if i > 0 else None
        if previous is not None and previous[1] > lo:
            lo = previous[1]
        gap = text[lo:start]
        if (
            previous is not None
            and previous[1] == lo
            and out
            and out[-1].titles
            and not gap.strip(" \u3000、")
        ):
            out.append(out[-1])  # shared: 记者常建哲 郭鑫
            continue
        cut = max((m.end() for m in TITLE_BOUNDARY.finditer(text, lo, start)), default=lo)
        titles: list[str] = []
        organization: str | None = None
        for segment in reversed(text[cut:start].split("、")):
            read = _read_segment(segment)
            if read is None:
                break
            title, org = read
            titles.insert(0, title)
            if organization is None and org is not None:
                organization = org
        after = _title_after(text, end, s_end)
        if after is not None and after not in titles:
            titles.append(after)
        out.append(PersonTitles(tuple(titles), organization))
    return out
