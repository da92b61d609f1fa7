"""The command line, run as users run it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from cnews_ie.cli import main

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
