"""DataFrame export: one row per record, columns defined once per record kind.

``to_frame(docs, kind)`` flattens the records of one kind from any number of Documents.  The
``doc`` column is the position of the Document in the input (or the ``ids`` given).  Values stay
``Decimal`` (exact) unless ``decimal=False``, which gives ``float64``.  Enumerations become
pandas categoricals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cnews_ie.records import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "KINDS", "to_frame"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": (
        "doc",
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
    "people": ("doc", "start", "end", "name", "titles", "organization", "source"),
    "organizations": ("doc", "start", "end", "name", "source"),
    "locations": ("doc", "start", "end", "name", "source"),
    "projects": (
        "doc",
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
}
KINDS = tuple(COLUMNS)
_CATEGORICAL = {"kind", "approx", "change", "role", "rule", "unit"}  # fmt: skip


def _cell(value: Any) -> Any:
    if hasattr(value, "value") and hasattr(value, "unit") and hasattr(value, "text"):
        return value.text  # a linked Figure (investment, capacity): its surface text
    if isinstance(value, tuple):
        return "、".join(value)
    return value


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
    rows = []
    for position, doc in enumerate(docs):
        if not isinstance(doc, Document):
            raise TypeError(f"to_frame() expects Documents, not {type(doc).__name__}")
        doc_id = ids[position] if ids is not None else position
        for record in getattr(doc, kind):
            row = {c: _cell(getattr(record, c)) for c in columns if c != "doc"}
            rows.append({"doc": doc_id, **row})
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
