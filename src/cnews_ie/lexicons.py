"""Loading of the word lists in ``resources/`` (tab-separated, ``#`` comments), and user additions.

The lists are data, not code, so that a user can read and extend them: edit the TSV files, or
call :func:`add_words` at run time (``cnews_ie.add_words("metrics", [("营业总收入", "head",
"营业收入")])``).  Each file is read once per process; everything derived from a list (compiled
alternations, lookup tables) is cached with :func:`lexicon_cache` and rebuilt after an addition.

The figure patterns (units, scales, qualifiers, change words) are compiled when
``cnews_ie.patterns`` is imported, so those four lists are extended by editing their files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

__all__ = [
    "WordSet",
    "add_words",
    "lexicon_cache",
    "role_tuple",
    "role_word_set",
    "role_words",
    "table",
]

F = TypeVar("F", bound=Callable[..., Any])

_EXTRA: dict[str, list[tuple[str, ...]]] = {}
_DERIVED: list[Any] = []  # cached functions to clear when a list grows
_COMPILED_AT_IMPORT = frozenset({"units", "scales", "qualifiers", "changes"})


@cache
def _file_rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    try:
        text = files("cnews_ie.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"no word list named {name!r} in cnews_ie/resources") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise ValueError(f"resources/{name}.tsv line {number}: expected {columns} fields")
        rows.append(fields)
    return tuple(rows)


def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of ``resources/<name>.tsv`` (each with exactly ``columns`` fields), then the rows
    added with :func:`add_words`.

    >>> ("亿", "100000000") in table("scales", 2)
    True
    """
    return _file_rows(name, columns) + tuple(_EXTRA.get(name, ()))


def lexicon_cache(function: F) -> F:
    """``functools.cache`` for a function derived from word lists, cleared by :func:`add_words`."""
    cached = cache(function)
    _DERIVED.append(cached)
    return cached  # type: ignore[return-value]


@lexicon_cache
def role_words(role: str) -> frozenset[str]:
    """The function and stop words of ``resources/function_words.tsv`` that play ``role``.

    >>> "实现" in role_words("not_in_metric"), "实现" in role_words("copula")
    (True, False)
    """
    words = frozenset(word for word, row_role in table("function_words", 2) if row_role == role)
    if not words:
        raise ValueError(
            f"no function words with the role {role!r} in resources/function_words.tsv"
        )
    return words


@lexicon_cache
def role_tuple(role: str) -> tuple[str, ...]:
    """:func:`role_words` as a tuple, for ``str.startswith`` and ``str.endswith``: built once
    per role (until a list grows), not at every test."""
    return tuple(role_words(role))


def add_words(name: str, rows: Iterable[Sequence[str]]) -> None:
    """Add rows to a word list for this process (same columns as ``resources/<name>.tsv``);
    everything derived from the list is rebuilt on next use."""
    if name in _COMPILED_AT_IMPORT:
        raise ValueError(
            f"the {name!r} list is compiled into the figure patterns: edit resources/{name}.tsv"
        )
    width = _width(name)
    new = []
    for row in rows:
        fields = tuple(str(field) for field in row)
        if width is not None and len(fields) != width:
            raise ValueError(f"{name} rows have {width} fields, got {len(fields)}: {fields!r}")
        if not fields or not fields[0]:
            raise ValueError(f"empty word in a row for {name}: {fields!r}")
        new.append(fields)
    _EXTRA.setdefault(name, []).extend(new)
    for derived in _DERIVED:
        derived.cache_clear()


def _width(name: str) -> int | None:
    """Number of fields of the list's rows (from its first data row), None if it has none."""
    try:
        text = files("cnews_ie.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"no word list named {name!r} in cnews_ie/resources") from None
    first = next(
        (line for line in text.splitlines() if line.strip() and not line.startswith("#")), None
    )
    return None if first is None else len(first.split("\t"))


class WordSet:
    """Words grouped by length: the longest word a text starts or ends with costs one set
    look-up per distinct length, not one comparison per word.

    >>> heads = WordSet(["公司", "有限公司", "局"])
    >>> heads.longest_prefix("金川有限公司", 2), heads.longest_suffix("金川集团公司")
    ('有限公司', '公司')
    >>> "局" in heads, "集团" in heads
    (True, False)
    """

    __slots__ = ("_all", "_by_length", "_firsts", "_lasts")

    def __init__(self, words: Iterable[str]) -> None:
        by_length: dict[int, set[str]] = {}
        for word in words:
            if word:
                by_length.setdefault(len(word), set()).add(word)
        self._by_length = tuple(
            (n, frozenset(by_length[n])) for n in sorted(by_length, reverse=True)
        )
        self._all = frozenset().union(*by_length.values())
        # the lengths of the words that start (end) with each character, longest first: a
        # text whose character starts (ends) no word costs one dict look-up
        firsts: dict[str, list[int]] = {}
        lasts: dict[str, list[int]] = {}
        for n, group in self._by_length:
            for word in group:
                for edge, at in ((firsts, word[0]), (lasts, word[-1])):
                    lengths = edge.setdefault(at, [])
                    if not lengths or lengths[-1] != n:
                        lengths.append(n)
        self._firsts = {c: tuple(ns) for c, ns in firsts.items()}
        self._lasts = {c: tuple(ns) for c, ns in lasts.items()}

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._all

    def longest_prefix(self, text: str, start: int = 0, end: int | None = None) -> str | None:
        """The longest word that ``text[start:end]`` starts with, or None."""
        end = len(text) if end is None else min(end, len(text))
        if not 0 <= start < end:
            return None if start >= 0 else self._prefix_scan(text, start, end)
        words = self._all
        for n in self._firsts.get(text[start], ()):
            if start + n <= end and (piece := text[start : start + n]) in words:
                return piece
        return None

    def _prefix_scan(self, text: str, start: int, end: int) -> str | None:
        for n, words in self._by_length:
            if start + n <= end and (piece := text[start : start + n]) in words:
                return piece
        return None

    def longest_suffix(self, text: str) -> str | None:
        """The longest word that ``text`` ends with, or None."""
        if not text:
            return None
        words = self._all
        for n in self._lasts.get(text[-1], ()):
            if n <= len(text) and (piece := text[-n:]) in words:
                return piece
        return None


@lexicon_cache
def role_word_set(role: str) -> WordSet:
    """:func:`role_words` as a :class:`WordSet`, built once per role (until a list grows)."""
    return WordSet(role_words(role))
