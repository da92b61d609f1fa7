"""Titles and organisations of people (tests/golden/titles.jsonl), with the shipped model
finding the names, and the people of the seed pages."""

from __future__ import annotations

from typing import Any

import pytest
from golden_cases import SEEDS, golden_params

import cnews_ie


@pytest.mark.parametrize("case", golden_params("titles.jsonl"))
def test_titles(case: dict[str, Any]) -> None:
    doc = cnews_ie.extract(case["text"])
    got = [
        {"name": p.name, "titles": list(p.titles), "organization": p.organization}
        for p in doc.people
    ]
    assert got == case["people"]


@pytest.mark.parametrize(
    ("page", "name", "titles", "organization"),
    [
        ("000", "范飞", ("全国人大代表", "副院长"), "兰石集团能源装备研究院"),
        ("000", "闫庆俊", ("主任",), "河西堡工业园区管委会"),
        ("000", "曾琦", ("记者",), "甘肃日报"),
        ("000", "任振鹤", ("省长",), None),
        ("001", "王方太", ("市委副书记", "市长"), None),
        ("001", "王钧", ("市委书记",), None),
    ],
)
def test_seed_people(
    page: str, name: str, titles: tuple[str, ...], organization: str | None
) -> None:
    text = next(SEEDS.glob(f"{page}_*.txt")).read_text(encoding="utf-8")
    found = {(p.titles, p.organization) for p in cnews_ie.extract(text).people if p.name == name}
    assert (titles, organization) in found
