"""Person names the model misses, cuts short or invents, judged with name statistics.

``resources/name_characters.tsv`` holds what the People's Daily 1998 corpus says about names
(``tools/mine_name_characters.py``): surnames, the last characters of given names and the
characters of transliterated names.  Three repairs use it:

* :func:`honorific_names`: a surname and a form of address (钱女士, 孙先生) is the name of the
  person the text quotes (ANNOTATION.md §9), where the surname stands as a word of its own;
* :func:`complete_names`: a two-character person span that a given name's last character and
  then a boundary follow (punctuation, a verb of saying: 蒋立 + 和 + 说) is the three-character
  name the model cut short;
* :func:`known_names`: a name of ``resources/person_names.tsv`` (persons later news names with a
  title, mined from raw news) is a person where the model found nothing and the text's words
  start and end with it;
* :func:`unlikely_people`: a name no mention of which has a title or a verb of saying after it
  is no person when it is not shaped like a name (no surname, and not a transliteration) or when
  the text writes it as a place (X + 市 or 县 … is one of its places).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from cnews_ie.lexicons import lexicon_cache, role_word_set, table
from cnews_ie.patterns import BRACKETS, CLAUSE_END_CHARS, COMMAS, QUOTES
from cnews_ie.places import DIVISION_ENDS
from cnews_ie.spans import SpanIndex

__all__ = ["complete_names", "honorific_names", "known_names", "name_shaped", "unlikely_people"]

Span = tuple[str, int, int]  # label, start, end

# what may follow a complete name: punctuation, a space, the end of the text
_BOUNDARY = frozenset(CLAUSE_END_CHARS + COMMAS + QUOTES + BRACKETS + " \u3000\n")
# parts of speech of a character that never ends a given name before a verb of saying: verbs,
# adverbs, prepositions, particles, pronouns (张华 + 也 + 说, 张华 + 笑 + 说, 张华 + 等)
_NOT_NAME_END_POS = ("v", "d", "p", "u", "r", "y", "m", "q", "f")
_NAME_DOT = "·"


@lexicon_cache
def _characters(role: str) -> frozenset[str]:
    return frozenset(
        name for name, row_role, _count in table("name_characters", 3) if row_role == role
    )


@lexicon_cache
def _address_words() -> frozenset[str]:
    return frozenset(word for word, category in table("title_words", 2) if category == "address")


@lexicon_cache
def _known() -> frozenset[str]:
    return frozenset(row[0] for row in table("person_names", 3))


@lexicon_cache
def _known_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_known(), key=len, reverse=True))))


# characters read on each side of a name to see where the text's words start and end
_WORD_WINDOW = 4
# parts of speech of the word after a name: verbs, prepositions, adverbs, conjunctions,
# particles, pronouns, localisers, and what is no word (punctuation: x)
_AFTER_NAME_POS = ("v", "p", "d", "c", "u", "r", "f", "x")


def known_names(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with the names of ``person_names.tsv``, where a word of the text starts with
    the name and one ends with it (jieba's dictionary words around it: not 韩 + 正在, a name cut
    by a word, nor a name inside a longer one), what follows is no noun (a punctuation mark, a
    verb, a function word or a title: 某某 + 表示, + 在, + 的, + 总理; not 布林 + 线) and no span
    of the model reaches out of it; a span inside the name (文 of 文在寅, or the whole name
    read as an organisation) gives way.

    >>> known_names("习近平在会上强调，要稳中求进。", [])
    [('PER', 0, 3)]
    """
    from cnews_ie.backends.jieba_backend import tagged_words
    from cnews_ie.title_vocabulary import titles_after

    found: list[Span] = []
    near = SpanIndex((a, b) for _, a, b in spans).near  # built once, read per name
    for match in _known_pattern().finditer(text):
        s, e = match.span()
        if any(a < e and s < b and (a < s or e < b) for a, b in near(s, e)):
            continue
        left = max(0, s - _WORD_WINDOW)
        starts, at = {}, left
        for word, pos in tagged_words(text[left : e + _WORD_WINDOW]):
            starts[at] = pos
            at += len(word)
        after = starts.get(e)
        if s not in starts or (e not in starts and e != at):
            continue
        if (
            after is None
            or after.startswith(_AFTER_NAME_POS)
            or titles_after().longest_prefix(text, e)
        ):
            found.append(("PER", s, e))
    if not found:
        return list(spans)
    inside = SpanIndex((s, e) for _, s, e in found).near  # those near a span may hold it
    kept = [x for x in spans if not any(s <= x[1] and x[2] <= e for s, e in inside(x[1], x[2] + 1))]
    return sorted([*kept, *found], key=lambda x: (x[1], x[2]))


def name_shaped(name: str) -> bool:
    """Whether ``name`` looks like a person's name: it starts with a surname (李, 欧阳), or every
    character of it is one of transliterated names (杰克逊, 奥马尔·伊德里斯), or it is a name of
    ``person_names.tsv`` (习近平: a rare surname).

    >>> name_shaped("王方太"), name_shaped("杰克逊"), name_shaped("普惠")
    (True, True, False)
    """
    surnames = _characters("surname")
    if name[:2] in surnames or name[:1] in surnames or name in _known():
        return True
    foreign = _characters("transliteration")
    letters = [c for c in name if c != _NAME_DOT]
    return bool(letters) and all(c in foreign for c in letters)


def _speech_at(text: str, at: int) -> bool:
    return role_word_set("reports_speech").longest_prefix(text, at) is not None


def honorific_names(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with the names written as a surname and a form of address (市民钱女士 → 钱女士),
    where the surname is a word of its own (not 有关 + 女士) and no other name holds it (张华 +
    先生); a person span inside such a name (the surname alone) gives way to it."""
    from cnews_ie.backends.jieba_backend import tagged_words

    surnames = _characters("surname")
    found: list[Span] = []
    for word in _address_words():
        at = text.find(word, 1)
        while at > 0:
            s, e = at - 1, at + len(word)
            if (
                text[s] in surnames
                and not any(
                    a <= s < b and not (label == "PER" and s <= a and b <= e)
                    for label, a, b in spans
                )
                and (s == 0 or len(tagged_words(text[s - 1 : at])) == 2)
            ):
                found.append(("PER", s, e))
            at = text.find(word, at + 1)
    if not found:
        return list(spans)
    kept = [x for x in spans if not any(a <= x[1] and x[2] <= b for _, a, b in found)]
    return sorted([*kept, *found], key=lambda x: (x[1], x[2]))


def complete_names(text: str, spans: Sequence[Span]) -> list[Span]:
    """A two-character person span that starts with a surname and that the last character of a
    given name follows, then a boundary or a verb of saying (蒋立 + 和 + 说), is that
    three-character name; not where the text gives the two characters as a name elsewhere, nor
    where the character is a verb, adverb or particle (张华 + 也 + 说)."""
    from cnews_ie.backends.jieba_backend import tagged_words

    surnames = _characters("surname")
    finals = _characters("given_final")
    starts = {a for _, a, _ in spans}
    out: list[Span] = []
    for label, start, end in spans:
        if (
            label == "PER"
            and end - start == 2
            and text[start] in surnames
            and end not in starts
            and end < len(text)
            and text[end] in finals
            and (end + 1 == len(text) or text[end + 1] in _BOUNDARY or _speech_at(text, end + 1))
            and not _named_alone(text, spans, start, end)
            and not tagged_words(text[end])[0][1].startswith(_NOT_NAME_END_POS)
        ):
            end += 1
        out.append((label, start, end))
    return out


def _named_alone(text: str, spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether another person span gives ``text[start:end]`` with something else after it."""
    name, next_char = text[start:end], text[end : end + 1]
    return any(
        label == "PER"
        and (a, b) != (start, end)
        and text[a:b] == name
        and text[b : b + 1] != next_char
        for label, a, b in spans
    )


def unlikely_people(
    text: str,
    people: Sequence[tuple[int, int]],
    titled: Sequence[bool],
    places: Collection[str],
) -> set[str]:
    """Names of ``people`` (spans, with whether the title reader gave each one a title) that are
    no person: no mention has a title or a verb of saying after it (张三说), and the name is
    not shaped like one (:func:`name_shaped`: 普惠 of 普惠金融) or is a place of the text
    (``places`` are its place names: 桐柏 where 桐柏县 is one)."""
    cued: set[str] = set()
    names: set[str] = set()
    for (start, end), has_title in zip(people, titled, strict=True):
        name = text[start:end]
        names.add(name)
        if has_title or _speech_at(text, end):
            cued.add(name)
    return {
        name
        for name in names - cued
        if not name_shaped(name)
        or name in places
        or any(name + end in places for end in DIVISION_ENDS)
    }
