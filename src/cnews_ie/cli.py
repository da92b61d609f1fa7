"""Command line: ``cnews-ie`` / ``python -m cnews_ie``.

Reads files, directories (their ``*.txt`` files, recursively) or ``-`` for standard input, and
writes one kind of record as a table, JSON, JSON Lines or CSV.  A file that cannot be read or
decoded is reported on stderr by name and skipped; the others still produce output.

Exit codes: 0 success; 1 some input could not be read (the rest was processed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from cnews_ie.frame import COLUMNS, KINDS, record_rows
from cnews_ie.pipeline import extract

__all__ = ["main"]

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE = 0, 1, 2


def _inputs(paths: Sequence[str], errors: list[str]) -> Iterator[tuple[str, str]]:
    for name in paths:
        if name == "-":
            yield "<stdin>", sys.stdin.read()
            continue
        path = Path(name)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for file in files:
            try:
                yield str(file), file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                reason = (
                    f"not UTF-8 text ({exc.reason})"
                    if isinstance(exc, UnicodeDecodeError)
                    else exc.strerror or str(exc)
                )
                errors.append(f"cnews-ie: skipped {file}: {reason}")


def _row(file: str, row: dict[str, Any]) -> dict[str, Any]:
    """One output row: the input file, then the record's columns as plain JSON values."""
    out: dict[str, Any] = {"file": file}
    for column, value in row.items():
        out[column] = value if value is None or isinstance(value, int) else str(value)
    return out


def _write_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    if not rows:
        out.write("(no records)\n")
        return
    columns = list(rows[0])
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]

    def width(text: str) -> int:
        import unicodedata

        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(c), *(width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    for line in [columns, *cells]:
        out.write(
            "  ".join(
                cell + " " * (w - width(cell)) for cell, w in zip(line, widths, strict=True)
            ).rstrip()
            + "\n"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cnews-ie", description="Extract facts from Chinese news text."
    )
    parser.add_argument(
        "paths", nargs="+", help="text files, directories of *.txt files, or - for stdin"
    )
    parser.add_argument(
        "--kind", choices=KINDS, default="figures", help="record kind (default: figures)"
    )
    parser.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.add_argument(
        "--ner",
        default="default",
        help="entity model: default (shipped), jieba, none, or a HanLP model directory or identifier",
    )
    args = parser.parse_args(argv)
    # figures and sentences do not need the NER model: skip loading it
    ner = (
        None
        if args.kind in ("figures", "sentences", "articles") or args.ner == "none"
        else args.ner
    )

    errors: list[str] = []
    rows: list[dict[str, Any]] = []
    for file, text in _inputs(args.paths, errors):
        doc = extract(text, ner=ner)
        rows.extend(_row(file, row) for row in record_rows(doc, args.kind))
    for message in errors:
        print(message, file=sys.stderr)

    target = (
        open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with below
        if args.output
        else nullcontext(sys.stdout)
    )
    with target as out:
        try:
            _write(rows, args.kind, args.format, out)
        except BrokenPipeError:  # the reader (head, less) went away: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_INPUT_ERROR if errors else EXIT_OK


def _write(rows: list[dict[str, Any]], kind: str, fmt: str, out: TextIO) -> None:
    if fmt == "table":
        _write_table(rows, out)
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        import csv

        writer = csv.DictWriter(out, fieldnames=["file", *COLUMNS[kind][1:]])
        writer.writeheader()
        writer.writerows(rows)
