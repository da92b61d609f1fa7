"""The command line, run as users run it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

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
