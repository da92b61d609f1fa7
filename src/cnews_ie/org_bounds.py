"""Boundaries of organisation spans the model ran too far: a description before a company name
(济宁民营企业 + 华岳建设集团有限公司) and a predicate after a body's head (农发行湖南分行 +
牵头组建银团, 木材加工分会 + 第三届理事会)."""

from __future__ import annotations

import re

from cnews_ie.gazetteer import company_heads, org_heads
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import alternation

__all__ = ["trim_organization"]

_MIN_NAME = 4
# jieba parts of speech that end a name after its head: a verb (牵头) or a numeral (第二届)
_AFTER_HEAD_POS = ("v", "m")


def trim_organization(text: str, start: int, end: int) -> tuple[int, int]:
    """New ``(start, end)`` of an organisation span: after the last class noun that a company
    name follows (民营企业 + 华岳建设集团有限公司: a description of the company, not its name;
    not 其辰企业 + 管理有限公司 or 建设银行 + 股份有限公司, where a common word goes on), and
    before a verb or numeral that follows a head of two or more characters inside the span
    (…四川分行 + 牵头…)."""
    name = text[start:end]
    # a class noun after the name's first character (most names have none: no step per noun)
    for word in role_words("organization_class") if _class_nouns().search(name, 1) else ():
        at = name.rfind(word)
        rest = name[at + len(word) :] if at > 0 else ""
        if len(rest) >= _MIN_NAME and rest.endswith(company_heads()) and _names_first(rest):
            start += at + len(word)
            name = rest
    heads = org_heads(2)
    if not _inner_head(name):
        return start, end  # no head ends inside the name: nothing to cut after one
    from cnews_ie.backends.jieba_backend import tagged_words

    at = start
    for word, pos in tagged_words(name):
        if (
            at - start >= _MIN_NAME - 1
            and pos.startswith(_AFTER_HEAD_POS)
            and heads.longest_suffix(text[start:at]) is not None
        ):
            return start, at
        at += len(word)
    return start, end


@lexicon_cache
def _class_nouns() -> re.Pattern[str]:
    return re.compile(alternation(role_words("organization_class")))


@lexicon_cache
def _inner_heads() -> re.Pattern[str]:
    """A head of :func:`org_heads` (two characters or more), the longest first."""
    return re.compile(alternation(s for s, _ in table("org_suffixes", 2) if len(s) >= 2))


def _inner_head(name: str) -> bool:
    """Whether a head of two characters or more ends inside ``name`` after its first
    ``_MIN_NAME - 1`` characters and before its last: where :func:`trim_organization` may cut
    (a cheap test that spares segmenting most names).  Each search finds the longest head at
    the leftmost start; one that ends too early is passed by one character."""
    at = 0
    while (m := _inner_heads().search(name, at, len(name) - 1)) is not None:
        if m.end() >= _MIN_NAME - 1:
            return True
        at = m.start() + 1
    return False


# jieba's dictionary counts 管理 and 股份 thousands of times, 天元 80 times: a trade name starts
# with a word of its own, a business line or legal form with a common word (``common_word``)


def _names_first(rest: str) -> bool:
    """``rest`` starts with a word that is no common dictionary word (a trade name)."""
    from cnews_ie.backends.jieba_backend import common_word, tagged_words

    first = tagged_words(rest)[0][0]  # one character: jieba knows no word there (华|岳)
    return len(first) == 1 or not common_word(first)
