"""DataFrame export: one row per record, columns and dtypes defined once per record kind.

``to_frame(docs, kind)`` flattens the records of one kind from any number of Documents, or of
every fact kind at once (``kind="all"``: figures, people, organisations, locations, projects in
one long table with a ``record`` column).  The ``doc`` column is the position of the Document in
the input (or the ``ids`` given); the ``article`` column is the index in ``doc.articles`` of the
article that holds the record.  Values stay ``Decimal`` (exact) unless ``decimal=False``, which
gives ``float64``.  Enumerations become pandas categoricals over the enumeration's full set of
values, so frames from different documents (or Dask partitions) concatenate without losing the
dtype.  ``read_frame`` reads a frame written with ``to_parquet`` or ``to_csv`` back with the
same dtypes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation, localcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnews_ie.numerals import DECIMAL_CONTEXT
from cnews_ie.records import Approx, Change, Document, Figure, FigureKind, Role

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = [
    "COLUMNS",
    "FACT_KINDS",
    "KINDS",
    "arrow_schema",
    "extract_frame",
    "read_frame",
    "record_rows",
    "rows_frame",
    "to_frame",
]

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
# The fact kinds that ``kind="all"`` puts in one table, and the name of each in its ``record``
# column (the names the notebook display uses).
FACT_KINDS = {
    "figures": "figure",
    "people": "person",
    "organizations": "organization",
    "locations": "location",
    "projects": "project",
}
# ``text`` holds a figure's text or an entity's or project's name.
COLUMNS["all"] = (
    "doc",
    "record",
    "article",
    "start",
    "end",
    "text",
    *(
        c
        for c in dict.fromkeys(c for kind in FACT_KINDS for c in COLUMNS[kind])
        if c not in {"doc", "article", "start", "end", "text", "name"}
    ),
)
KINDS = tuple(COLUMNS)

_ENUMS: dict[str, type[StrEnum]] = {
    "kind": FigureKind,
    "approx": Approx,
    "change": Change,
    "role": Role,
}
_OPEN_CATEGORIES = {"unit", "rule", "record"}  # categoricals whose values are not a fixed enum
_INTEGERS = {"start", "end", "article"}
_DECIMALS = {"value", "value_max"}
_TEXT = {"file"} | {c for cs in COLUMNS.values() for c in cs} - _INTEGERS - _DECIMALS - {"doc"}


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
    ``kind="all"`` gives every fact kind, ordered by offset.
    """
    if kind == "all":
        rows = []
        for order, (fact_kind, record) in enumerate(FACT_KINDS.items()):
            for row in record_rows(doc, fact_kind):
                row = {"record": record, **row}
                if "name" in row:
                    row["text"] = row.pop("name")
                rows.append((row["start"], order, row))
        for _, _, row in sorted(rows, key=lambda r: r[:2]):
            yield {c: row.get(c) for c in COLUMNS["all"][1:]}
        return
    columns = [c for c in COLUMNS[kind] if c != "doc"]
    starts = [a.start for a in doc.articles]
    for record in getattr(doc, kind):
        row = {c: _cell(c, getattr(record, c)) for c in columns if c != "article"}
        if "article" in columns:
            row["article"] = max(bisect_right(starts, record.start) - 1, 0) if starts else None
        yield {c: row[c] for c in columns}


def _check_kind(kind: str) -> None:
    if kind not in COLUMNS:
        raise ValueError(f"unknown record kind {kind!r}; choose one of {', '.join(KINDS)}")


def to_frame(
    docs: Document | Iterable[Document],
    kind: str = "figures",
    *,
    ids: Sequence[Any] | None = None,
    decimal: bool = True,
) -> pd.DataFrame:
    """Records of ``kind`` from ``docs`` as a tidy DataFrame.

    ``kind`` is one of ``KINDS``: figures, people, organizations, locations, projects,
    sentences, articles, or ``"all"`` (every fact kind in one table).  Dtypes: offsets and
    ``article`` are integers (``Int64``), ``value``/``value_max`` ``Decimal`` objects (float64
    with ``decimal=False``), enumerations and ``unit``/``rule``/``record`` categoricals, other
    text ``str``.

    >>> import cnews_ie
    >>> frame = cnews_ie.to_frame([cnews_ie.extract("产值170亿元，增长55%。", ner=None)])
    >>> frame[["text", "value", "unit", "kind"]].to_dict("records")
    [{'text': '170亿元', 'value': Decimal('17000000000'), 'unit': '元', 'kind': 'money'}, {'text': '55%', 'value': Decimal('55'), 'unit': '%', 'kind': 'percent'}]
    """

    _check_kind(kind)
    if isinstance(docs, Document):
        docs = [docs]
    columns = COLUMNS[kind]
    rows: list[dict[str, Any]] = []
    for position, doc in enumerate(docs):
        if not isinstance(doc, Document):
            raise TypeError(f"to_frame() expects Documents, not {type(doc).__name__}")
        doc_id = ids[position] if ids is not None else position
        rows.extend({"doc": doc_id, **row} for row in record_rows(doc, kind))
    frame = rows_frame(rows, columns, decimal=decimal)
    if ids is None:
        frame["doc"] = frame["doc"].astype("int64")
    return frame


def rows_frame(
    rows: list[dict[str, Any]], columns: Sequence[str], *, decimal: bool = True
) -> pd.DataFrame:
    """Flat rows (``record_rows`` plus an id column such as ``doc`` or the CLI's ``file``) as a
    DataFrame with the library's dtypes."""
    import pandas as pd

    return _typed(pd.DataFrame(rows, columns=list(columns)), decimal=decimal)


def extract_frame(
    texts: Iterable[str],
    kind: str = "all",
    *,
    ids: Sequence[Any] | None = None,
    ner: Any = "default",
    decimal: bool = True,
) -> pd.DataFrame:
    """Extract from ``texts`` and return the records of ``kind`` as one DataFrame: the
    composition of ``extract_many`` and ``to_frame``, shaped for ``map_partitions``.

    A pandas Series of texts gives its index as the ``doc`` ids (unless ``ids`` is given), so a
    Dask partition keeps its global document ids::

        texts = dask.dataframe.from_pandas(frame, npartitions=8)["text"]
        meta = cnews_ie.extract_frame(pandas.Series([], dtype="str"), "figures")
        facts = texts.map_partitions(cnews_ie.extract_frame, "figures", meta=meta)

    >>> import pandas as pd
    >>> texts = pd.Series(["产值170亿元。", "增长55%。"], index=["a", "b"])
    >>> extract_frame(texts, "figures", ner=None)[["doc", "text", "value"]].to_dict("records")
    [{'doc': 'a', 'text': '170亿元', 'value': Decimal('17000000000')}, {'doc': 'b', 'text': '55%', 'value': Decimal('55')}]
    """
    import pandas as pd

    from cnews_ie.extractor import extract_many

    _check_kind(kind)  # before any extraction
    index = texts.index if ids is None and isinstance(texts, pd.Series) else None
    if index is not None:
        ids = index.tolist()
    frame = to_frame(extract_many(texts, ner=ner), kind, ids=ids, decimal=decimal)
    if index is not None:
        frame["doc"] = frame["doc"].astype(index.dtype)
    return frame


def _typed(frame: pd.DataFrame, *, decimal: bool = True) -> pd.DataFrame:
    """The library's dtypes for every known column (a CLI's ``file`` is text); ``doc`` ids and
    unknown columns are left alone."""
    import pandas as pd

    for column in frame.columns:
        # plain cells, None for every kind of missing (None, NaN, pd.NA), also from categoricals
        cells = [
            None if missing else value
            for value, missing in zip(
                frame[column].astype(object).tolist(), frame[column].isna().tolist(), strict=True
            )
        ]
        if column in _INTEGERS:
            frame[column] = pd.array([None if v is None else int(v) for v in cells], "Int64")
        elif column in _DECIMALS:
            if decimal:  # a missing value is NaN, as in the text columns (never None beside NaN)
                exact = [_decimal(v) for v in cells]
                frame[column] = pd.Series(
                    [float("nan") if v is None else v for v in exact], frame.index, object
                )
            else:
                frame[column] = pd.Series([_float(v) for v in cells], frame.index, "float64")
        elif column in _ENUMS or column in _OPEN_CATEGORIES:
            text = [_str(v) for v in cells]
            values = (
                [str(v) for v in _ENUMS[column]]
                if column in _ENUMS
                else sorted({v for v in text if v is not None})
            )
            dtype = pd.CategoricalDtype(pd.Index(values, dtype="str"))
            frame[column] = pd.Series(text, frame.index, dtype=dtype)
        elif column in _TEXT:
            frame[column] = pd.Series([_str(v) for v in cells], frame.index, dtype="str")
    return frame


def _str(value: Any) -> str | None:
    """A text cell; missing, NaN and empty text (a bare number's unit, no titles) are all NA,
    so that a CSV, which cannot tell them apart, reads back the same."""
    return None if value is None or value == "" else str(value)


def _decimal(value: Any) -> Decimal | None:
    """An exact value in the library's plain form: 13.60 → 13.6, 6.2006E+10 → 62006000000
    (Parquet's fixed-scale decimals read back with trailing zeros)."""
    if value is None:
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a decimal value: {value!r}") from None
    if not number.is_finite():
        return number
    with localcontext(DECIMAL_CONTEXT):  # exact whatever the caller's context
        number = number.normalize()
        return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


# Exact values in Parquet: 26 integer digits (亿亿亿 is 10**24) and 12 decimal places.  A value
# beyond that fails to write with Arrow's error rather than being rounded.
DECIMAL_PRECISION, DECIMAL_SCALE = 38, 12


def arrow_schema(kind: str, *, decimal: bool = True, doc: Any = None) -> Any:
    """The ``pyarrow.Schema`` of a ``to_frame(docs, kind)`` frame, for writers that need one
    schema for every part, such as Dask's ``to_parquet(schema=...)``.  ``doc`` is the Arrow type
    of the ``doc`` column (default ``int64``, the positions ``to_frame`` gives without ids)."""
    import pyarrow as pa

    _check_kind(kind)
    empty = to_frame([], kind, decimal=decimal)
    fields = []
    for field in pa.Schema.from_pandas(empty, preserve_index=False):
        if field.name in _DECIMALS and decimal:
            field = field.with_type(pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE))
        elif field.name == "doc" and doc is not None:
            field = field.with_type(doc)
        elif pa.types.is_dictionary(field.type):  # room for any number of units or rules
            field = field.with_type(pa.dictionary(pa.int32(), field.type.value_type))
        fields.append(field)
    return pa.schema(fields)


def read_frame(path: str | os.PathLike[str], kind: str, *, decimal: bool = True) -> pd.DataFrame:
    """Read a frame of ``kind`` written with ``to_parquet`` (a ``.parquet`` file, or a
    directory of them as Dask writes) or ``to_csv`` (``.csv``, no index) back with the dtypes
    ``to_frame`` gives.

    CSV keeps values exact: ``Decimal`` is written as its digits and read back as ``Decimal``.
    The CLI's files (``--format csv`` or ``parquet``) read back the same way, their ``file``
    column kept as text.
    """
    import pandas as pd

    _check_kind(kind)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".parquet", ".pq"} or path.is_dir():  # a directory: a Parquet dataset
        frame = pd.read_parquet(path)
    elif suffix == ".csv":
        # every cell as text first: numbers-as-floats would lose exactness and ids' types
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        if "doc" in frame and frame["doc"].str.fullmatch(r"-?\d+").all():
            frame["doc"] = frame["doc"].astype("int64")
    else:
        raise ValueError(f"read_frame() reads .parquet or .csv files, not {path.name!r}")
    missing = [c for c in COLUMNS[kind] if c != "doc" and c not in frame]
    if missing:
        raise ValueError(
            f"{path.name} is not a {kind!r} frame: it lacks the column(s) {', '.join(missing)}"
        )
    return _typed(frame, decimal=decimal)
