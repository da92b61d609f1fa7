"""Hand-checked facts of the two seed pages, from ``seeds/NNN_*.facts.jsonl`` beside each page:
figures with metric, subject, period and base; projects with investment, capacity, owner, status
and location (people: tests/test_titles.py, test_seed_people).

Each line names one record, ``{"figure": text, ...}`` or ``{"project": name, ...}``, and the
fields it must have; a field that is not given is not checked, ``null`` means "none".
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from golden_cases import SEEDS, read_jsonl

import cnews_ie


@cache
def _doc(page: str) -> cnews_ie.Document:
    return cnews_ie.extract(next(SEEDS.glob(f"{page}_*.txt")).read_text(encoding="utf-8"))


def _facts(key: str) -> list[Any]:
    """(page, the record's text, the expected fields) of every ``key`` line of the seeds' facts
    files, with ids ``<page>-<text>`` (project names cut to 8 characters)."""
    params = []
    for path in sorted(SEEDS.glob("*.facts.jsonl")):
        page = path.name.split("_")[0]
        for row in read_jsonl(path):
            if key in row:
                name = row.pop(key)
                case_id = f"{page}-{name if key == 'figure' else name[:8]}"
                params.append(pytest.param(page, name, row, id=case_id))
    assert params, f"no {key} facts under {SEEDS}"
    return params


@pytest.mark.parametrize(("page", "text", "expected"), _facts("figure"))
def test_seed_figure_links(page: str, text: str, expected: dict[str, Any]) -> None:
    figure = next(f for f in _doc(page).figures if f.text == text)
    got = {
        "metric": figure.metric,
        "subject": figure.subject,
        "period": figure.period,
        "base": figure.base.text if figure.base else None,
    }
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(("page", "name", "expected"), _facts("project"))
def test_seed_projects(page: str, name: str, expected: dict[str, Any]) -> None:
    project = next(p for p in _doc(page).projects if p.name == name)
    got = {
        "investment": project.investment.text if project.investment else None,
        "capacity": project.capacity.text if project.capacity else None,
        "owner": project.owner,
        "status": project.status,
        "location": project.location,
    }
    assert {k: got[k] for k in expected} == expected


def test_every_facts_line_names_one_record() -> None:
    for path in SEEDS.glob("*.facts.jsonl"):
        for row in read_jsonl(path):
            assert ("figure" in row) != ("project" in row), (path.name, row)


def test_no_generic_project_mentions_on_the_seeds() -> None:
    names = [p.name for page in ("000", "001") for p in _doc(page).projects]
    assert not any(n in {"重大项目", "这一项目", "配套项目", "央地合作项目"} for n in names)
    assert not any(n.endswith("好项目") for n in names)
