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

__all__ = ["add_words", "lexicon_cache", "table"]

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
