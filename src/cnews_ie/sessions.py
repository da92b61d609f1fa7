"""Numbered sessions are ordinals, not counts (ANNOTATION §4: 第二届 is no figure, and neither is
what writes the same without 第): N届 before a numbered session (十二届 of 十二届五次全会), and N次 or
N中 of a session after a term (二次 of 十四届全国人大二次会议, 十次 of 二届十次临时董事会).  The
bodies a session is of are data (function-word roles ``meeting`` and ``organ_of_company``); a
count of meetings stays a figure (召开3次常务会议: no term before it); a plenary session (role
``plenary_session``: 全会, 全体会议) right after N次 is numbered even with no term (中纪委二次全会).
"""

from __future__ import annotations

import re

from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words
from cnews_ie.patterns import CLAUSE_END_CHARS, alternation

__all__ = ["numbered_session"]

_ORDINAL_NUMERAL = "[一二三四五六七八九十0-9]"  # a session's number (两 counts, never numbers)


@lexicon_cache
def _sessions() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A numbered session of a meeting (二次会议, 五中全会, 十次临时董事会) and a term before
    one, in the same clause (十四届…)."""
    bodies = role_words("meeting") | role_words("organ_of_company")  # 全会, 会议, 董事会
    meeting = alternation(sorted(bodies, key=len, reverse=True))
    session = rf"{_ORDINAL_NUMERAL}{{1,3}}(?:次|中)[\u4e00-\u9fff]{{0,4}}?(?:{meeting})"
    term = rf"{_ORDINAL_NUMERAL}{{1,3}}届[^\d{CLAUSE_END_CHARS}]{{0,12}}$"
    return re.compile(session), re.compile(term)


def numbered_session(view: str, unit: str, end: int, number_start: int) -> bool:
    """Whether a figure of ``unit`` (届 or 次) whose number starts at ``number_start`` and that
    ends at ``end`` in ``view`` numbers a term before a session or a session after a term.

    >>> numbered_session("市委十二届五次全会", "届", 5, 2), numbered_session("召开3次会议", "次", 4, 2)
    (True, False)
    >>> numbered_session("中纪委二次全会", "次", 5, 3)
    True
    """
    session, term = _sessions()
    if unit == "届":
        return session.match(view, end) is not None
    if unit != "次" or session.match(view, number_start) is None:
        return False
    if view.startswith(role_tuple("plenary_session"), end):
        return True  # 二次全会: a plenary session is numbered, never counted (两次全会 would be)
    return term.search(view, max(0, number_start - 16), number_start) is not None
