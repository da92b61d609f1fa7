"""Command line: ``cnews-ie`` / ``python -m cnews_ie``.

Reads files, directories (their ``*.txt`` files, recursively) or ``-`` for standard input, and
writes the facts of every kind (``--kind all``, the default) or of one kind as a table, JSON,
JSON Lines, CSV or Parquet.  Text is UTF-8 unless ``--encoding`` says GB18030 (or ``auto``:
UTF-8, else GB18030).  A file that cannot be read or decoded, or that is not a regular file
inside a directory (a FIFO, a socket), is reported on stderr by name and skipped; the others
still produce output.  A progress bar on stderr counts the files when stderr is a terminal and
there is more than one (``--progress`` / ``--no-progress``).

Output streams: the rows of each document are written as soon as it is extracted (JSON Lines,
CSV and JSON row by row, the table and Parquet in batches), so memory stays flat however many
files there are, and an interrupt (Ctrl-C) leaves a valid file holding every finished
document's rows.  The output path is checked before any work starts.

Exit codes: 0 success; 1 some input could not be read (the rest was processed), or the output
could not be written; 2 bad usage (including an output path that cannot be written and an NER
model that cannot be loaded); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from cnews_ie.errors import ModelError
from cnews_ie.extractor import extract_many
from cnews_ie.frame import COLUMNS, KINDS, record_rows
from cnews_ie.writers import TABLE_ALL, ParquetWriter, plain_row, writer_for

__all__ = ["main"]

EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMATS = ("table", "json", "jsonl", "csv", "parquet")
ENCODINGS = ("utf-8", "gb18030", "auto")


class _CliError(Exception):
    """A one-line error for stderr, with the exit code to return."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# --- inputs ---------------------------------------------------------------------------------


def _files(paths: Sequence[str], skipped: list[str]) -> list[str | Path]:
    """The inputs in order: ``-`` for stdin, files as given, directories expanded.  What is
    skipped, and a directory with no ``*.txt`` file, is said on stderr (and listed in
    ``skipped``)."""
    files: list[str | Path] = []
    for name in paths:
        if not name:
            raise _CliError("an empty PATH was given (use . for the current directory)", EXIT_USAGE)
        path = Path(name)
        if name == "-":
            files.append(name)
        elif path.is_dir():
            found = sorted(path.rglob("*.txt"))
            if not found:
                skipped.append(f"cnews-ie: no *.txt files in {name}")
            for file in found:
                if _regular(file):
                    files.append(file)
                else:  # a FIFO would block forever, a device never ends
                    skipped.append(f"cnews-ie: skipped {file}: not a regular file")
        else:
            files.append(path)  # named explicitly: read it whatever it is (<(cmd) is a pipe)
    return files


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # unreadable: reading it reports why


def _decode(data: bytes, encoding: str) -> str:
    """Text of ``data`` in ``encoding`` (``auto``: UTF-8, else GB18030), newlines made ``\\n``
    as a text-mode read makes them; ``UnicodeDecodeError`` if it is not such text."""
    if encoding == "auto":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
    else:
        text = data.decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_error(exc: UnicodeDecodeError, encoding: str) -> str:
    name = {"utf-8": "UTF-8", "gb18030": "GB18030", "auto": "UTF-8 or GB18030"}[encoding]
    hint = "; try --encoding gb18030 or auto" if encoding == "utf-8" else ""
    return f"not {name} text ({exc.reason} at byte {exc.start}){hint}"


def _read(
    files: Sequence[str | Path], encoding: str, errors: list[str]
) -> Iterator[tuple[str, str]]:
    for file in files:
        name = "<stdin>" if file == "-" else str(file)
        try:
            if file == "-" and not hasattr(sys.stdin, "buffer"):  # replaced by a text stream
                yield name, sys.stdin.read()
                continue
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
            yield name, _decode(data, encoding)
        except UnicodeDecodeError as exc:
            errors.append(f"cnews-ie: skipped {name}: {_decode_error(exc, encoding)}")
        except OSError as exc:
            errors.append(f"cnews-ie: skipped {name}: {exc.strerror or exc}")


def _open_output(output: str | None, fmt: str) -> Any:
    """The output stream, opened before any work, or a one-line usage error."""
    if output is None:
        return None
    path = Path(output)
    if path.is_dir():
        raise _CliError(f"--output {output} is a directory; give a file name", EXIT_USAGE)
    parent = path.parent
    if not parent.is_dir():
        raise _CliError(f"--output {output}: the directory {parent} does not exist", EXIT_USAGE)
    try:
        if fmt == "parquet":
            return path.open("wb")
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise _CliError(f"--output {output}: {exc.strerror or exc}", EXIT_USAGE) from None


# --- main -----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cnews-ie",
        description="Extract facts from Chinese news text.",
        epilog="Exit codes: 0 success; 1 an input could not be read (the rest was processed) "
        "or the output could not be written; 2 bad usage; 130 interrupted (the rows of the "
        "finished documents are written).",
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
        "--encoding",
        choices=ENCODINGS,
        default="utf-8",
        help="encoding of the files and stdin (auto: UTF-8, else GB18030; default utf-8)",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.format == "parquet" and not args.output:
        parser.error("--format parquet writes a binary file: give --output FILE.parquet")
    if args.jobs == 0 or args.jobs < -1:
        parser.error(f"--jobs: n_jobs must be a positive number or -1, not {args.jobs}")
    try:
        return _run(args)
    except _CliError as fail:
        print(f"cnews-ie: error: {fail}", file=sys.stderr)
        return fail.code
    except KeyboardInterrupt:  # before any output was opened: nothing to finish
        print("cnews-ie: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    skipped: list[str] = []
    files = _files(args.paths, skipped)
    for message in skipped:
        print(message, file=sys.stderr)
    handle = _open_output(args.output, args.format)
    try:
        code = _extract_to(args, files, handle)
        return EXIT_INPUT_ERROR if code == EXIT_OK and skipped else code
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):  # already reported by the write that failed
                handle.close()


def _extract_to(args: argparse.Namespace, files: list[str | Path], handle: Any) -> int:
    # figures and sentences do not need the NER model: skip loading it
    ner = (
        None
        if args.kind in ("figures", "sentences", "articles") or args.ner == "none"
        else args.ner
    )
    columns = ["file", *COLUMNS[args.kind][1:]]
    out: TextIO = sys.stdout if handle is None else handle
    if args.format == "parquet":
        sink: Any = ParquetWriter(handle, args.kind)
    else:
        shown = ["file", *TABLE_ALL] if args.format == "table" and args.kind == "all" else columns
        sink = writer_for(args.format, out, shown)

    errors: list[str] = []
    names: deque[str] = deque()

    def texts() -> Iterator[str]:
        for name, text in _read(files, args.encoding, errors):
            names.append(name)
            yield text

    from tqdm import tqdm

    show = args.progress if args.progress is not None else len(files) > 1 and sys.stderr.isatty()
    done = 0
    code = EXIT_OK
    try:
        docs = extract_many(texts(), ner=ner, n_jobs=args.jobs)
    except ValueError as error:
        raise _CliError(f"--jobs: {error}", EXIT_USAGE) from None
    try:
        with tqdm(total=len(files), unit="file", file=sys.stderr, disable=not show) as bar:
            for doc in docs:
                file = names.popleft()
                sink.write(
                    [plain_row({"file": file, **row}) for row in record_rows(doc, args.kind)]
                )
                if args.format in ("jsonl", "csv", "json"):
                    out.flush()  # a finished document's rows are in the file
                done += 1
                bar.update(1)
            bar.update(len(files) - bar.n)  # the files skipped as unreadable
        sink.close()
        if handle is not None:
            handle.flush()
    except ModelError as error:
        _close_quietly(sink)
        raise _CliError(" ".join(str(error).split()), EXIT_USAGE) from None
    except KeyboardInterrupt:
        _close_quietly(sink)
        print(
            f"cnews-ie: interrupted; the rows of {done} finished document(s) were written",
            file=sys.stderr,
        )
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader (head, less) went away: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        if handle is None:  # what is still buffered cannot be written either: drop it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        target = args.output or "standard output"
        raise _CliError(
            f"cannot write {target}: {error.strerror or error}", EXIT_INPUT_ERROR
        ) from None
    for message in errors:
        print(message, file=sys.stderr)
    if code != EXIT_OK:
        return code
    return EXIT_INPUT_ERROR if errors or not files else EXIT_OK


def _close_quietly(sink: Any) -> None:
    with contextlib.suppress(Exception):  # finishing the output must not hide the first error
        sink.close()
