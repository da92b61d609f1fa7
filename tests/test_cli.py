"""The command line, run as users run it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import cnews_ie
from cnews_ie.cli import main
from cnews_ie.frame import COLUMNS

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_c3c6e2b65bf3fb33.txt"


def test_module_entry_point_prints_a_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cnews_ie", str(SEED)], capture_output=True, text=True, check=True
    )
    assert "620.06亿元" in result.stdout
    assert "62006000000" in result.stdout


def test_bad_file_is_reported_and_the_rest_still_runs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    missing = tmp_path / "missing.txt"
    code = main([str(bad), str(missing), str(SEED), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "bad.txt" in err
    assert "UTF-8" in err
    assert "missing.txt" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert any(r["text"] == "620.06亿元" for r in rows)


def test_directory_and_csv_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("产值170亿元，增长55%。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("签约项目5项。", encoding="utf-8")
    target = tmp_path / "out.csv"
    assert main([str(tmp_path), "--format", "csv", "--output", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["text"] for r in rows] == ["170亿元", "55%", "5项"]


def test_stdin(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO("投资57亿元"))
    assert main(["-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["value"] == "5700000000"


def test_entity_rows_keep_both_the_file_and_the_model(tmp_path: Path) -> None:
    # found on the seeds: a Person's own "source" (the model) overwrote the input file's column
    page = tmp_path / "page.txt"
    page.write_text("市委书记王方太主持会议。", encoding="utf-8")
    target = tmp_path / "people.csv"
    assert main([str(page), "--kind", "people", "--format", "csv", "--output", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["file"] == str(page)
    assert rows[0]["source"] == "hanlp:cnews-ner"
    assert rows[0]["titles"] == "市委书记"


SEEDS = SEED.parent


def test_seeds_as_a_tidy_csv_of_every_kind(tmp_path: Path) -> None:
    # the bar of issue 5: `cnews-ie seeds/ --format csv` gives a tidy CSV of all kinds
    target = tmp_path / "facts.csv"
    assert main([str(SEEDS), "--format", "csv", "--output", str(target)]) == 0
    frame = cnews_ie.read_frame(target, "all")
    assert list(frame.columns) == ["file", *COLUMNS["all"][1:]]
    assert set(frame["record"]) == {"figure", "person", "organization", "location", "project"}
    assert frame["file"].nunique() == 2
    gdp = frame[frame["text"] == "620.06亿元"].iloc[0]
    assert (gdp["value"], gdp["metric"], gdp["period"]) == (
        Decimal("62006000000"),
        "地区生产总值",
        "2024年",
    )


def test_parquet_output_reads_back_like_the_csv(tmp_path: Path) -> None:
    parquet, csv_file = tmp_path / "facts.parquet", tmp_path / "facts.csv"
    assert main([str(SEEDS), "--format", "parquet", "--output", str(parquet)]) == 0
    assert main([str(SEEDS), "--format", "csv", "--output", str(csv_file)]) == 0
    pd.testing.assert_frame_equal(
        cnews_ie.read_frame(parquet, "all"), cnews_ie.read_frame(csv_file, "all")
    )


def test_parquet_needs_an_output_file(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main([str(SEED), "--format", "parquet"])
    assert exit_.value.code == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.slow  # a process pool
def test_progress_bar_on_stderr_and_parallel_jobs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    serial, parallel = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl"
    assert main([str(SEEDS), "--format", "jsonl", "-o", str(serial)]) == 0
    capsys.readouterr()
    assert (
        main([str(SEEDS), "--format", "jsonl", "-o", str(parallel), "--progress", "-j", "2"]) == 0
    )
    assert "2/2" in capsys.readouterr().err
    assert parallel.read_text(encoding="utf-8") == serial.read_text(encoding="utf-8")
    assert main([str(SEEDS), "--format", "jsonl", "-o", str(parallel), "--no-progress"]) == 0
    assert "2/2" not in capsys.readouterr().err


def test_bad_jobs_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main([str(SEED), "--jobs", "0"])
    assert exit_.value.code == 2
    assert "n_jobs" in capsys.readouterr().err


# --- issue 19: a CLI that streams, says what went wrong in one line, and never hangs ----------

ROOT = SEED.parent.parent
# 42,000 characters: more than extract_many's batch, so its rows are final before the next file
BIG_PAGE = "全市完成投资57亿元。" * 4200


def _cli(*args: object, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "cnews_ie", *map(str, args)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_a_fifo_in_a_directory_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("投资57亿元。", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    result = _cli(tmp_path, "--kind", "figures", "--format", "jsonl")
    assert result.returncode == 1
    assert f"skipped {tmp_path / 'b.txt'}: not a regular file" in result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["57亿元"]


def _wait_for(path: Path, size: int) -> None:
    deadline = time.monotonic() + 300
    while not (path.exists() and path.stat().st_size > size):
        assert time.monotonic() < deadline, f"nothing was written to {path.name}"
        time.sleep(0.2)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_rows_of_a_finished_document_are_written_before_the_next_is_read(
    tmp_path: Path, fmt: str
) -> None:
    # the second input is a FIFO named on the command line: it is read only when we write it,
    # and we write it only once the first document's rows are in the output file
    first, later, target = tmp_path / "a.txt", tmp_path / "later", tmp_path / f"out.{fmt}"
    first.write_text(BIG_PAGE, encoding="utf-8")
    os.mkfifo(later)
    cmd = [sys.executable, "-m", "cnews_ie", str(first), str(later), "--kind", "figures"]
    with subprocess.Popen([*cmd, "--format", fmt, "-o", str(target)]) as process:
        _wait_for(target, 100_000)
        with later.open("w", encoding="utf-8") as pipe:
            pipe.write("增长13.6%。")
        assert process.wait(timeout=120) == 0
    if fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 4201
    assert rows[-1]["file"] == str(later)


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "table"])
def test_an_interrupt_leaves_valid_output_with_every_finished_document(
    tmp_path: Path, fmt: str
) -> None:
    first, never, target = tmp_path / "a.txt", tmp_path / "never", tmp_path / f"out.{fmt}"
    first.write_text(BIG_PAGE, encoding="utf-8")
    os.mkfifo(never)  # blocks the run after the first document, until the interrupt
    cmd = [sys.executable, "-m", "cnews_ie", str(first), str(never), "--kind", "figures"]
    with subprocess.Popen(
        [*cmd, "--format", fmt, "-o", str(target)], stderr=subprocess.PIPE, text=True
    ) as process:
        _wait_for(target, 1000 if fmt == "parquet" else 100_000)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=300)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "interrupted" in err
    if fmt == "json":
        rows = json.loads(target.read_text(encoding="utf-8"))
    elif fmt in ("csv", "parquet"):
        rows = cnews_ie.read_frame(target, "figures").to_dict("records")
    else:
        rows = [line for line in target.read_text(encoding="utf-8").splitlines()[1:] if line]
    assert len(rows) == 4200


def test_gbk_input_needs_an_encoding_and_says_so_in_one_line(tmp_path: Path) -> None:
    gbk = "全市完成投资57亿元，增长13.6%。".encode("gbk")
    command = [sys.executable, "-m", "cnews_ie", "-", "--kind", "figures", "--format", "jsonl"]
    raw = subprocess.run(command, input=gbk, capture_output=True, timeout=120, check=False)
    result = subprocess.CompletedProcess(
        command, raw.returncode, raw.stdout.decode("utf-8"), raw.stderr.decode("utf-8")
    )
    _one_line_error(result, 1, "<stdin>", "not UTF-8", "--encoding")
    assert result.stdout == ""
    for encoding in ("gb18030", "auto"):
        process = subprocess.run(
            [sys.executable, "-m", "cnews_ie", "-", "--kind", "figures", "--encoding", encoding],
            input=gbk,
            capture_output=True,
            timeout=120,
            check=True,
        )
        assert "57亿元" in process.stdout.decode("utf-8")
    page = tmp_path / "gbk.txt"
    page.write_bytes(gbk)
    target = tmp_path / "out.csv"
    assert main([str(page), "--kind", "figures", "--encoding", "auto", "-o", str(target)]) == 0
    assert "57亿元" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "fmt", "words"),
    [
        ("{tmp}/missing/x.csv", "csv", ("does not exist",)),
        ("{tmp}", "csv", ("is a directory",)),
        ("{tmp}/missing/x.parquet", "parquet", ("does not exist",)),
    ],
)
def test_an_output_path_that_cannot_be_written_is_refused_before_any_work(
    tmp_path: Path, output: str, fmt: str, words: tuple[str, ...]
) -> None:
    # a directory of inputs that would block forever if any were read: the check comes first
    os.mkfifo(tmp_path / "never")
    result = _cli(tmp_path / "never", "--format", fmt, "-o", output.format(tmp=tmp_path))
    _one_line_error(result, 2, "--output", *words)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_write_error_is_one_line() -> None:
    _one_line_error(_cli(SEED, "--kind", "figures", "-o", "/dev/full"), 1, "No space left")
    with Path("/dev/full").open("w") as full:
        result = _cli(SEED, "--kind", "figures", stdout=full)
    assert result.returncode == 1
    assert "standard output" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_path_and_an_empty_directory_say_so(tmp_path: Path) -> None:
    _one_line_error(_cli("", cwd=tmp_path), 2, "empty PATH")
    result = _cli(tmp_path)
    assert result.returncode == 1
    assert f"no *.txt files in {tmp_path}" in result.stderr
    assert result.stdout == "(no records)\n"


def test_the_default_table_shows_direction_and_escapes_line_breaks(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("工业产值下降2.9%，累计投资48\n\n6亿元。", encoding="utf-8")
    result = _cli(page, "--ner", "none")
    header, *rows = result.stdout.splitlines()
    assert header.split()[:9] == [
        "file", "record", "start", "end", "text", "value", "unit", "kind", "change"
    ]  # fmt: skip
    assert len(rows) == 2
    assert "decrease" in rows[0]
    assert "48\\n\\n6亿元" in rows[1]


def test_a_model_that_cannot_be_loaded_is_one_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("市委书记王方太主持会议。", encoding="utf-8")
    result = _cli(page, "--ner", tmp_path / "no-such-model")
    _one_line_error(result, 2, "no-such-model")


# --- the documented commands run as documented --------------------------------------------

DOCS_CLI = ROOT / "docs" / "cli.md"


def _console_blocks(page: Path) -> list[list[tuple[str, list[str]]]]:
    """Each ```console block of ``page`` as (command, the output lines shown under it)."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line.rstrip())
        blocks.append(steps)
    return blocks


@pytest.mark.parametrize("index", range(len(_console_blocks(DOCS_CLI))))
def test_the_commands_of_the_cli_page_give_what_it_shows(tmp_path: Path, index: int) -> None:
    # run from a directory holding the seeds, so that files the examples write stay in tmp_path
    (tmp_path / "seeds").mkdir()
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / "seeds" / seed.name).symlink_to(seed)
    steps = _console_blocks(DOCS_CLI)[index]
    script = "".join(
        f"{{ {command} ; }} 2>&1; rc=$?; printf '@@@\\n'; (exit $rc)\n" for command, _ in steps
    )
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(Path(cnews_ie.__file__).parents[1])}
    result = subprocess.run(
        ["bash", "-c", script.replace("python -m", f"{sys.executable} -m")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    outputs = result.stdout.split("@@@\n")
    for (command, shown), output in zip(steps, outputs, strict=False):
        lines = [line.rstrip() for line in output.splitlines()]
        if command.endswith("--help"):
            assert lines == shown, command
        else:
            missing = [line for line in shown if line not in lines]
            assert not missing, f"{command}: not in its output: {missing}"


def test_the_readme_commands_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        line
        for block in re.findall(r"```bash\n(.*?)```", readme, re.DOTALL)
        for line in block.splitlines()
        if line.startswith("python -m cnews_ie ")
    ]
    assert commands
    for command in commands:
        args = command.removeprefix("python -m cnews_ie ").split()
        result = _cli(*args, cwd=ROOT)
        assert result.returncode == 0, (command, result.stderr)
        assert "620.06亿元" in result.stdout
