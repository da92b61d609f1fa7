"""Command line: ``cnews-ie`` / ``python -m cnews_ie``.

Reads files, directories (their ``*.txt`` files, recursively) or ``-`` for standard input, and
writes the facts of every kind (``--kind all``, the default) or of one kind as a table, JSON,
JSON Lines, CSV or Parquet.  A file that cannot be read or decoded is reported on stderr by name
and skipped; the others still produce output.  A progress bar on stderr counts the files when
stderr is a terminal and there is more than one (``--progress`` / ``--no-progress``).

Exit codes: 0 success; 1 some input could not be read (the rest was processed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from cnews_ie.extractor import extract_many
from cnews_ie.frame import COLUMNS, KINDS, record_rows

__all__ = ["main"]

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE = 0, 1, 2
FORMATS = ("table", "json", "jsonl", "csv", "parquet")
# A terminal table of every kind shows these columns (the files keep them all); columns that
# are empty in every row are dropped from any table.
_TABLE_ALL = (
    "record", "start", "end", "text", "value", "unit", "metric", "subject", "period",
    "titles", "organization", "investment", "status",
)  # fmt: skip


def _files(paths: Sequence[str]) -> list[str | Path]:
    """The inputs in order: ``-`` for stdin, files as given, directories expanded."""
    files: list[str | Path] = []
    for name in paths:
        path = Path(name)
        if name == "-":
            files.append(name)
        elif path.is_dir():
            files.extend(sorted(path.rglob("*.txt")))
        else:
            files.append(path)
    return files


def _read(files: Sequence[str | Path], errors: list[str]) -> Iterator[tuple[str, str]]:
    for file in files:
        if file == "-":
            yield "<stdin>", sys.stdin.read()
            continue
        try:
            yield str(file), Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = (
                f"not UTF-8 text ({exc.reason})"
                if isinstance(exc, UnicodeDecodeError)
                else exc.strerror or str(exc)
            )
            errors.append(f"cnews-ie: skipped {file}: {reason}")


def _row(row: dict[str, Any]) -> dict[str, Any]:
    """One output row as plain JSON values: numbers exact as text, empty text as null."""
    return {
        column: value if value is None or isinstance(value, int) else (str(value) or None)
        for column, value in row.items()
    }


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
        prog="cnews-ie",
        description="Extract facts from Chinese news text.",
        epilog="Exit codes: 0 success; 1 an input could not be read (the rest was processed); "
        "2 bad usage.",
    )
    parser.add_argument(
        "paths", nargs="+", help="text files, directories of *.txt files, or - for stdin"
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="all",
        help="record kind (default: all, every fact kind in one table with a record column)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument(
        "--output", "-o", help="write to this file instead of stdout (required for parquet)"
    )
    parser.add_argument(
        "--ner",
        default="default",
        help="entity model: default (shipped), jieba, none, or a HanLP model directory or identifier",
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes (-1: one per CPU; default 1)"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal and there are several files)",
    )
    args = parser.parse_args(argv)
    if args.format == "parquet" and not args.output:
        parser.error("--format parquet writes a binary file: give --output FILE.parquet")
    # figures and sentences do not need the NER model: skip loading it
    ner = (
        None
        if args.kind in ("figures", "sentences", "articles") or args.ner == "none"
        else args.ner
    )

    errors: list[str] = []
    files = _files(args.paths)
    names: deque[str] = deque()

    def texts() -> Iterator[str]:
        for name, text in _read(files, errors):
            names.append(name)
            yield text

    from tqdm import tqdm

    show = args.progress if args.progress is not None else len(files) > 1 and sys.stderr.isatty()
    rows: list[dict[str, Any]] = []
    try:  # checks n_jobs before reading anything
        docs = extract_many(texts(), ner=ner, n_jobs=args.jobs)
    except ValueError as error:
        parser.error(f"--jobs: {error}")
    with tqdm(total=len(files), unit="file", file=sys.stderr, disable=not show) as bar:
        for doc in docs:
            file = names.popleft()
            rows.extend({"file": file, **row} for row in record_rows(doc, args.kind))
            bar.update(1)
        bar.update(len(files) - bar.n)  # the files skipped as unreadable
    for message in errors:
        print(message, file=sys.stderr)

    if args.format == "parquet":
        _write_parquet(rows, args.kind, args.output)
        return EXIT_INPUT_ERROR if errors else EXIT_OK
    target = (
        open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with below
        if args.output
        else nullcontext(sys.stdout)
    )
    with target as out:
        try:
            _write([_row(r) for r in rows], args.kind, args.format, out)
        except BrokenPipeError:  # the reader (head, less) went away: not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_INPUT_ERROR if errors else EXIT_OK


def _write_parquet(rows: list[dict[str, Any]], kind: str, output: str) -> None:
    """Rows as a Parquet file with ``to_frame``'s dtypes (``read_frame`` reads it back)."""
    from cnews_ie.frame import rows_frame

    rows_frame(rows, ["file", *COLUMNS[kind][1:]]).to_parquet(output, index=False)


def _write(rows: list[dict[str, Any]], kind: str, fmt: str, out: TextIO) -> None:
    if fmt == "table":
        if kind == "all":
            rows = [{c: r[c] for c in ("file", *_TABLE_ALL)} for r in rows]
        filled = [c for c in rows[0] if any(r[c] is not None for r in rows)] if rows else []
        _write_table([{c: r[c] for c in filled} for r in rows], out)
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
