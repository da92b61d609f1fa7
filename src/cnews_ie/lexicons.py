"""Loading of the word lists in ``resources/`` (tab-separated, ``#`` comments).

The lists are data, not code, so that a user can read and extend them; see docs on lexicons.
Each table is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["table"]


@cache
def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of ``resources/<name>.tsv``, each with exactly ``columns`` fields.

    >>> ("亿", "100000000") in table("scales", 2)
    True
    """
    text = files("cnews_ie.resources").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise ValueError(f"resources/{name}.tsv line {number}: expected {columns} fields")
        rows.append(fields)
    return tuple(rows)
