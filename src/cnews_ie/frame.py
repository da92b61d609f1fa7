"""DataFrame export: one row per record, columns defined once per record kind.

``to_frame(docs, kind)`` flattens the records of one kind from any number of Documents.  The
``doc`` column is the position of the Document in the input (or the ``ids`` given); the
``article`` column is the index in ``doc.articles`` of the article that holds the record.  Values stay
``Decimal`` (exact) unless ``decimal=False``, which gives ``float64``.  Enumerations become
pandas categoricals.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cnews_ie.records import Document, Figure

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "KINDS", "record_rows", "to_frame"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": (
        "doc",
        "article",
        "start",
        "end",
        "text",
        "value",
        "value_max",
        "unit",
        "kind",
        "approx",
        "change",
        "metric",
        "subject",
        "period",
        "base",
        "rule",
        "links",
    ),
    "people": ("doc", "article", "start", "end", "name", "titles", "organization", "source"),
    "organizations": ("doc", "article", "start", "end", "name", "source"),
    "locations": ("doc", "article", "start", "end", "name", "source"),
    "projects": (
        "doc",
        "article",
        "start",
        "end",
        "name",
        "investment",
        "capacity",
        "owner",
        "status",
        "location",
    ),
    "sentences": ("doc", "start", "end", "text", "role"),
    "articles": ("doc", "start", "end", "headline", "byline"),
}
KINDS = tuple(COLUMNS)
_CATEGORICAL = {"kind", "approx", "change", "role", "rule", "unit"}  # fmt: skip


def _cell(column: str, value: Any) -> Any:
    if isinstance(value, Figure):
        return value.text  # a linked figure (investment, capacity, base): its surface text
    if isinstance(value, tuple):
        return ";".join(value) if column == "links" else "、".join(value)
    return value


def record_rows(doc: Document, kind: str) -> Iterator[dict[str, Any]]:
    """The records of one kind of ``doc`` as flat dicts, columns of ``COLUMNS[kind]`` but ``doc``.

    Linked figures (a project's investment, a figure's base) become their text; tuples (titles,
    links) are joined with 、 and ; respectively; ``article`` is the index in ``doc.articles``.
    """
    columns = [c for c in COLUMNS[kind] if c != "doc"]
    starts = [a.start for a in doc.articles]
    for record in getattr(doc, kind):
        row = {c: _cell(c, getattr(record, c)) for c in columns if c != "article"}
        if "article" in columns:
            row["article"] = max(bisect_right(starts, record.start) - 1, 0) if starts else None
        yield {c: row[c] for c in columns}


def to_frame(
    docs: Document | Iterable[Document],
    kind: str = "figures",
    *,
    ids: Sequence[Any] | None = None,
    decimal: bool = True,
) -> pd.DataFrame:
    """Records of ``kind`` from ``docs`` as a tidy DataFrame.

    >>> import cnews_ie
    >>> frame = cnews_ie.to_frame([cnews_ie.extract("产值170亿元，增长55%。", ner=None)])
    >>> frame[["text", "value", "unit", "kind"]].to_dict("records")
    [{'text': '170亿元', 'value': Decimal('17000000000'), 'unit': '元', 'kind': 'money'}, {'text': '55%', 'value': Decimal('55'), 'unit': '%', 'kind': 'percent'}]
    """
    import pandas as pd

    if kind not in COLUMNS:
        raise ValueError(f"unknown record kind {kind!r}; choose one of {', '.join(KINDS)}")
    if isinstance(docs, Document):
        docs = [docs]
    columns = COLUMNS[kind]
    rows: list[dict[str, Any]] = []
    for position, doc in enumerate(docs):
        if not isinstance(doc, Document):
            raise TypeError(f"to_frame() expects Documents, not {type(doc).__name__}")
        doc_id = ids[position] if ids is not None else position
        rows.extend({"doc": doc_id, **row} for row in record_rows(doc, kind))
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in ("start", "end"):
        frame[column] = frame[column].astype("int64")
    for column in ("value", "value_max"):
        if column in frame:
            if decimal:
                frame[column] = frame[column].astype(object)
            else:
                frame[column] = pd.to_numeric(
                    frame[column].map(lambda v: float(v) if isinstance(v, Decimal) else None),
                    errors="coerce",
                ).astype("float64")
    for column in _CATEGORICAL & set(columns):
        frame[column] = (
            frame[column].map(lambda v: None if v is None else str(v)).astype("category")
        )
    return frame
