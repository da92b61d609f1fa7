"""Loading of the golden data files shared by the test modules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS = ROOT / "seeds"
FIELDS = ("text", "value", "unit", "kind", "value_max", "approx", "change")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def known_failures(name: str) -> dict[str, str]:
    """``id → reason`` from ``tests/golden/known_failures.tsv`` rows whose file is ``name``."""
    path = GOLDEN / "known_failures.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            file, case_id, reason = line.split("\t")
            if file == name:
                out[case_id] = reason
    return out


def as_row(figure: Any) -> dict[str, Any]:
    """A Figure as the golden files write it: strings for values and enums, None for absent."""
    return {
        "text": figure.text,
        "value": str(figure.value),
        "unit": figure.unit,
        "kind": str(figure.kind),
        "value_max": None if figure.value_max is None else str(figure.value_max),
        "approx": None if figure.approx is None else str(figure.approx),
        "change": None if figure.change is None else str(figure.change),
    }


def golden_params(name: str, key: str = "id") -> list[Any]:
    """pytest params for every case of ``tests/golden/<name>``, each with its readable id and,
    for cases listed in known_failures.tsv, a strict xfail carrying the reason."""
    import pytest

    failures = known_failures(name)
    return [
        pytest.param(
            case,
            id=case[key],
            marks=[pytest.mark.xfail(reason=failures[case[key]], strict=True)]
            if case[key] in failures
            else [],
        )
        for case in read_jsonl(GOLDEN / name)
    ]
