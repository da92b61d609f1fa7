"""Output writers of the command line: rows of records as a table, JSON, JSON Lines, CSV or
Parquet, written as they come (one document at a time) and valid whenever the writer is closed,
so an interrupted run leaves a readable file with every finished document's rows.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from typing import Any, BinaryIO, TextIO

from cnews_ie.frame import COLUMNS

__all__ = ["BATCH_ROWS", "TABLE_ALL", "ParquetWriter", "Writer", "plain_row", "writer_for"]

# A terminal table of every kind shows these columns (the files keep them all); columns that
# are empty in every row of a batch are dropped from it.  kind, change and approx say what a
# figure is and which way it goes (下降2.9% must not read like growth); base, what it grows on.
TABLE_ALL = (
    "record", "start", "end", "text", "value", "unit", "kind", "approx", "change", "metric",
    "subject", "period", "base", "titles", "organization", "investment", "status",
)  # fmt: skip
# Rows per table block and per Parquet row group: enough for aligned columns and compact
# files, few enough that memory does not grow with the input.
BATCH_ROWS = 2000
_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f", "\v": "\\v"})


# --- rows -----------------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """One cell as a plain JSON value: numbers exact as text without an exponent (1E-7 is
    written 0.0000001), empty text as null."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value) or None


def plain_row(row: dict[str, Any]) -> dict[str, Any]:
    return {column: _text(value) for column, value in row.items()}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --- writers: one row at a time, a valid file whenever they are closed -----------------------


class Writer:
    def __init__(self, out: TextIO, columns: list[str]) -> None:
        self.out = out
        self.columns = columns

    def write(self, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output so that it is valid with the rows written so far."""


class _JsonLines(Writer):
    def write(self, rows: list[dict[str, Any]]) -> None:
        self.out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


class _Json(Writer):
    """One JSON array, each row written as it comes; closing writes the ``]``."""

    def __init__(self, out: TextIO, columns: list[str]) -> None:
        super().__init__(out, columns)
        self.count = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            body = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")
            self.out.write(("[\n " if self.count == 0 else ",\n ") + body)
            self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")


class _Csv(Writer):
    def __init__(self, out: TextIO, columns: list[str]) -> None:
        import csv

        super().__init__(out, columns)
        self.writer = csv.DictWriter(out, fieldnames=columns)
        self.writer.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.writer.writerows(rows)


class _Table(Writer):
    """Aligned columns in blocks of ``BATCH_ROWS`` rows, each with its header; line breaks and
    tabs in cells are written as ``\\n`` / ``\\t`` so that one row is one line."""

    def __init__(self, out: TextIO, columns: list[str]) -> None:
        super().__init__(out, columns)
        self.pending: list[dict[str, Any]] = []
        self.blocks = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.pending.extend({c: r[c] for c in self.columns} for r in rows)
        if len(self.pending) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        if not rows:
            return
        columns = [c for c in self.columns if any(r[c] is not None for r in rows)]
        cells = [
            ["" if r[c] is None else str(r[c]).translate(_ESCAPES) for c in columns] for r in rows
        ]
        widths = [max(_width(c), *(_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
        lines = [
            "  ".join(
                cell + " " * (w - _width(cell)) for cell, w in zip(line, widths, strict=True)
            ).rstrip()
            for line in [columns, *cells]
        ]
        self.out.write(("\n" if self.blocks else "") + "\n".join(lines) + "\n")
        self.out.flush()
        self.blocks += 1

    def close(self) -> None:
        self.flush()
        if not self.blocks:
            self.out.write("(no records)\n")


class ParquetWriter:
    """Row groups of ``BATCH_ROWS`` rows with ``to_frame``'s dtypes (``read_frame`` reads the
    file back); closing writes the footer, so an interrupted run leaves a readable file."""

    def __init__(self, handle: BinaryIO, kind: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from cnews_ie.frame import arrow_schema

        self.kind = kind
        self.columns = ["file", *COLUMNS[kind][1:]]
        fields = [f for f in arrow_schema(kind) if f.name != "doc"]
        self.schema = pa.schema([pa.field("file", pa.string()), *fields])
        self.writer = pq.ParquetWriter(handle, self.schema)
        self.pending: list[dict[str, Any]] = []

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.pending.extend(rows)
        if len(self.pending) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        from cnews_ie.frame import rows_frame

        rows, self.pending = self.pending, []
        if rows:
            frame = rows_frame(rows, self.columns)
            try:
                table = pa.Table.from_pandas(frame, preserve_index=False).cast(self.schema)
            except pa.ArrowException as exc:  # a value beyond Parquet's exact decimals
                raise OSError(f"{exc}") from exc
            self.writer.write_table(table)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.writer.close()


_WRITERS: dict[str, type[Writer]] = {
    "table": _Table,
    "json": _Json,
    "jsonl": _JsonLines,
    "csv": _Csv,
}


def writer_for(fmt: str, out: TextIO, columns: list[str]) -> Writer:
    """The writer of a text format (table, json, jsonl, csv) over ``out``."""
    return _WRITERS[fmt](out, columns)
