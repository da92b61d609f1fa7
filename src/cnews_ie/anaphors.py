"""A demonstrative and its noun as the topic of a clause (该基金…, 这座跨江大桥全长…, 本次考试开考…):
the noun points back at the entity the text named before, so the clause's figures are about that
entity (ANNOTATION.md §8: the entity the figure is about, copied verbatim from the passage).

``anaphor_spans`` finds the phrases, for linking: a determiner of role ``anaphoric_determiner``
(该, 这, 此, 本), alone or written with a classifier (a one-character count unit of
``units.tsv``: 这家, 本次; or the classifier as a word of its own: 这/条), that opens a clause of the
segmentation (after its period and time words: ``topics.clause_openings``), then one noun of two
characters or more (a distinguisher or one character joined to the noun after it: 轻轨 + 线), with a
word after it in its clause (本网讯 alone is a credit); not a company or bank head (该公司 and 该行
are ``company_subjects.py``'s), a project head (该项目 is ``project_subjects.py``'s) or a place
word jieba reads whole (本市).  Each refers to the nearest name before it, in its paragraph or the
one before, that the noun abbreviates: the name ends with the noun's last character and holds its
other characters in order (基金 of 甲乙稳健配置基金; 地铁线 of 地铁2号线; 电厂 of 某某电厂); a
place or organisation, or the phrase that opens a clause up to its first word ending with that
character.  A phrase no name precedes is left out: the other rules read it (此次推介会共落地项目…
keeps the event in the indicator).

A short form that a bracket after a name defines (某某水厂（以下简称水厂）: role
``defines_short_form``) and that opens a later clause refers to that name the same way.

``anaphor_subjects`` (after linking) gives a figure whose subject is such a phrase the name it
refers to."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CLAUSE_END_CHARS, alternation
from cnews_ie.records import Figure
from cnews_ie.topics import clause_openings
from cnews_ie.work import SentenceSpan, Token, with_subjects

__all__ = ["anaphor_spans", "anaphor_subjects"]

_NOUN_TAGS = ("n", "vn", "nz")  # a common noun or verbal noun (not ns: a place jieba reads whole)
_NOT_NOUN_TAGS = ("nr", "ns", "nt")
_FUNCTION_TAGS = ("p", "u", "c", "d", "r", "x", "w", "y", "e", "o", "f", "t")
_OPENING = ("x",)  # quotes and spaces jieba tags x, before a clause's topic
_MAX_TOPIC = 20  # characters of a name a clause opens with
_CLASSIFIER_TAGS = ("q", "n", "m")  # jieba tags a lone classifier as q, n or m (条, 家, 个)


@lexicon_cache
def _company_heads() -> frozenset[str]:
    """Heads of companies and banks (公司, 行): 该公司 is ``company_subjects.py``'s."""
    return frozenset(w for w, kind in table("org_suffixes", 2) if kind in ("company", "finance"))


@lexicon_cache
def _project_heads() -> frozenset[str]:
    """Heads of projects (项目, 工程): 该项目 is ``project_subjects.py``'s."""
    return frozenset(w for w, kind in table("project_heads", 2) if kind == "head")


@lexicon_cache
def _classifiers() -> frozenset[str]:
    """One-character count units (家, 座, 条, 次): they count an entity after a determiner."""
    return frozenset(row[0] for row in table("units", 5) if row[2] == "count" and len(row[0]) == 1)


def _determiner_end(words: Sequence[Token], k: int) -> int | None:
    """The index of the noun after a determiner (and classifier) at ``words[k]``, if one."""
    determiners = role_words("anaphoric_determiner")
    word = words[k].word
    if word in determiners:
        k += 1
        if (
            k < len(words)
            and words[k].word in _classifiers()
            and words[k].pos.startswith(_CLASSIFIER_TAGS)
        ):
            k += 1
        return k
    if len(word) == 2 and word[0] in determiners and word[1] in _classifiers():
        return k + 1
    return None


def _phrases(text: str, tokens: Mapping[int, Sequence[Token]]) -> list[tuple[int, int, str]]:
    """The spans of a determiner and its noun that open a clause of the segmented sentences,
    with the noun."""
    found = []
    for words in tokens.values():
        if not words:
            continue
        for k in clause_openings(text, words):
            if k >= len(words):
                continue
            at = _determiner_end(words, k)
            if at is None or at >= len(words):
                continue
            noun = words[at]
            if (noun.pos == "b" or len(noun.word) < 2) and at + 1 < len(words):
                at += 1  # a distinguisher modifies the noun after it (轻轨 + 线)
                noun = Token(
                    words[at - 1].start,
                    words[at].end,
                    words[at - 1].word + words[at].word,
                    words[at].pos,
                )
            if (
                len(noun.word) < 2
                or not noun.pos.startswith(_NOUN_TAGS)
                or noun.pos.startswith(_NOT_NOUN_TAGS)
                or noun.word in _company_heads() | _project_heads()
                or at + 1 >= len(words)
                or words[at + 1].pos == "x"  # no predicate after it: 本网讯 is a credit
            ):
                continue
            found.append((words[k].start, noun.end, noun.word))
    return found


def _abbreviates(noun: str, name: str) -> bool:
    """``noun`` shortens ``name``: its last character ends the name, its others occur in order."""
    if name == noun or not name.endswith(noun[-1]):
        return False
    at = 0
    for char in noun[:-1]:
        at = name.find(char, at, len(name) - 1) + 1
        if at == 0:
            return False
    return True


_CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_END_CHARS)}]")


def _topics(
    text: str, lo: int, hi: int, head: str, cache: dict[tuple[int, int], list[tuple[str, str]]]
) -> list[tuple[int, str]]:
    """The phrases that open a clause of text[lo:hi] up to the first word ending with ``head``,
    with no function word, punctuation or time word in them (轻轨3号线 of 轻轨3号线的隧道…).
    Only a clause's opening can hold one, so only the openings that hold ``head`` are segmented
    (jieba's dictionary, no HMM), each once per text (``cache``)."""
    from cnews_ie.backends.jieba_backend import tagged_words

    found: list[tuple[int, str]] = []
    opens = [lo] + [m.end() for m in _CLAUSE_MARK.finditer(text, lo, hi)]
    for clause in opens:
        piece = min(hi, clause + _MAX_TOPIC + 1)
        mark = _CLAUSE_MARK.search(text, clause, piece)
        piece = piece if mark is None else mark.start()
        if head not in text[clause:piece]:
            continue
        if (clause, piece) not in cache:
            cache[clause, piece] = tagged_words(text[clause:piece])
        at, start, opening = clause, None, True  # start: the phrase's opening, None once closed
        for word, flag in cache[clause, piece]:
            end = at + len(word)
            if opening and (flag.startswith(_OPENING) or flag == "t"):
                pass  # a time word or quote before the topic
            elif flag.startswith(_FUNCTION_TAGS) or end - (start or at) > _MAX_TOPIC:
                break
            else:
                first = at if start is None else start
                start, opening = first, False
                if word.endswith(head):
                    found.append((first, text[first:end]))
                    break
            at = end
    return found


def _short_forms(text: str, names: Sequence[tuple[int, int]]) -> dict[str, tuple[int, str]]:
    """Short forms a bracket defines (某某水厂（以下简称水厂）: role ``defines_short_form``), each
    with where the definition ends and the name it stands for: the place or organisation that
    ends at the bracket, else the words before it since the clause's start or a 的."""
    ends = {e: text[s:e] for s, e in names}
    found: dict[str, tuple[int, str]] = {}
    for match in _short_form_pattern().finditer(text):
        start = match.start()
        name = ends.get(start)
        if name is None:
            lo = max(text.rfind(c, 0, start) for c in (*CLAUSE_END_CHARS, "的", "\n")) + 1
            name = text[lo:start] if 2 <= start - lo <= _MAX_TOPIC else None
        if name and len(match["short"]) < len(name):
            found[match["short"]] = (match.end(), name)
    return found


@lexicon_cache
def _short_form_pattern() -> re.Pattern[str]:
    words = alternation(role_words("defines_short_form"))
    return re.compile(rf"[（(](?:{words})[“\"‘]?(?P<short>[\u4e00-\u9fff]{{2,8}})[”\"’]?[）)]")


def anaphor_spans(
    text: str,
    tokens: Mapping[int, Sequence[Token]],
    sentences: Sequence[SentenceSpan],
    names: Sequence[tuple[int, int]],
) -> dict[tuple[int, int], str]:
    """The spans of a determiner and its noun that open a clause, each with the nearest name
    before it, in its paragraph or the one before, that the noun abbreviates (``names``: place
    and organisation spans; or a phrase that opens a clause); a phrase with none is left out."""
    blocks = [(s.start, s.end, s.block) for s in sentences]
    found: dict[tuple[int, int], str] = {}
    segmented: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for start, end, noun in _phrases(text, tokens):
        block = next((b for s, e, b in blocks if s <= start < e), None)
        if block is None:
            continue
        lo = next((s for s, _, b in blocks if b >= block - 1), 0)
        before = [(s, text[s:e]) for s, e in names if lo <= s and e <= start]
        before = sorted(before + _topics(text, lo, start, noun[-1], segmented))
        if name := next((n for _, n in reversed(before) if _abbreviates(noun, n)), None):
            found[start, end] = name
    # a short form a bracket defined, opening a later clause, stands for the name (水厂 → 某某水厂)
    for short, (after, name) in _short_forms(text, names).items():
        for words in tokens.values():
            for k in clause_openings(text, words) if words else ():
                if (
                    k < len(words)
                    and words[k].start >= after
                    and text.startswith(short, words[k].start)
                ):
                    found[words[k].start, words[k].start + len(short)] = name
    return found


def anaphor_subjects(
    text: str, figures: Sequence[Figure], anaphors: Mapping[tuple[int, int], str]
) -> list[Figure]:
    """``figures`` with a determiner-and-noun subject (a span of ``anaphors``, the last one
    before the figure that writes it) replaced by the name it refers to."""
    chosen: dict[int, str] = {}
    for fig in figures:
        if fig.subject is None:
            continue
        at = text.rfind(fig.subject, 0, fig.start)
        if (at, at + len(fig.subject)) in anaphors:
            chosen[id(fig)] = anaphors[at, at + len(fig.subject)]
    return with_subjects(figures, chosen, "subject:anaphor", instead=True)
